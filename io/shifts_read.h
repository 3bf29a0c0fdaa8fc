/*
 * shifts_read.h - read a roster of either version for `siaga check`:
 * version 1 through io_read_roster (io/roster_read.h), version 2
 * (urn:siaga:roster:2, schema/roster-2.xsd) here, which also keeps its
 * phases and shifts as written, for timeline_audit.
 */
#ifndef SIAGA_SHIFTS_READ_H
#define SIAGA_SHIFTS_READ_H

#include "error.h"
#include "roster.h"
#include "scenario.h"

struct raw_shift { const char *phase, *member, *place, *start, *end; long line; };

struct raw_shifts {
    struct raw_shift *shift; int nshift, cap;
};

/*
 * Read path as a roster of version 1 or 2 (by the namespace of its root).
 * On SIAGA_OK *out owns the roster (raw_roster_destroy) and, for version
 * 2, *shifts owns the shifts (raw_shifts_destroy; strings live in the
 * roster's arena, so destroy the shifts first or together); for version
 * 1 *shifts is NULL.  Otherwise both are NULL and errs says why.
 */
int io_read_roster_any(const char *path, struct raw_roster **out,
                       struct raw_shifts **shifts, struct error_list *errs);
void raw_shifts_destroy(struct raw_shifts *sh);

#include "timeline.h"

/*
 * Judge the shifts of a version 2 roster: the timeline of the scenario
 * file (io_read_timeline), laid out over the roster's posts, and
 * timeline_audit.  On SIAGA_OK *tl, *l and *a hold the results (free
 * with timeline_free, timeline_layout_free, timeline_audit_free); an
 * unknown member, place or phase, or a bad time, is a violation with its
 * line.  SIAGA_EINPUT / SIAGA_ENOMEM otherwise.
 */
int io_audit_shifts(const char *scenario_path, const struct scenario *s,
                    const struct raw_roster *r, const struct raw_shifts *sh,
                    struct timeline *tl, struct tl_layout *l,
                    struct tl_audit *a, struct error_list *errs);

#endif
