/*
 * timeline_read.h - read the optional <timeline> of a scenario file
 * (schema/scenario-1.xsd, README "Timeline") into a struct timeline.
 *
 * Call after io_read_scenario accepted the file: the scenario reader has
 * validated the whole file against the schema, so this reader only walks
 * to the <timeline> element and checks what the schema cannot (times in
 * order, members, units and kecamatan that exist).
 */
#ifndef SIAGA_TIMELINE_READ_H
#define SIAGA_TIMELINE_READ_H

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/shifts.h"
#include "model/timeline.h"

/*
 * Fill *tl (timeline_free it in every case) with the file's timeline, or
 * the 2024 defaults when the file has none (tl->given is then false).
 * Returns SIAGA_OK, SIAGA_EINPUT (errs: file:line: message), SIAGA_EIO
 * or SIAGA_ENOMEM.
 */
int io_read_timeline(const char *path, const struct scenario *s,
                     struct timeline *tl, struct error_list *errs);

/*
 * Judge the shifts of a version 2 roster (io_read_roster_any): the
 * timeline of the scenario file (io_read_timeline), laid out over the
 * roster's posts, and timeline_audit (shifts_audit, model/shifts.h).
 * On SIAGA_OK *tl, *l and *a hold the results (free with timeline_free,
 * timeline_layout_free, timeline_audit_free); an unknown member, place
 * or phase, or a bad time, is a violation with its line.  SIAGA_EINPUT /
 * SIAGA_ENOMEM otherwise.
 */
int io_audit_shifts(const char *scenario_path, const struct scenario *s,
                    const struct raw_roster *r, const struct raw_shifts *sh,
                    struct timeline *tl, struct tl_layout *l,
                    struct tl_audit *a, struct error_list *errs);

#endif
