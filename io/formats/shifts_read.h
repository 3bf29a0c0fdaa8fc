/*
 * shifts_read.h - read a roster of either version for `siaga check`:
 * version 1 through io_read_roster (io/formats/roster_read.h), version 2
 * (urn:siaga:roster:2, schema/roster-2.xsd) here, which also keeps its
 * phases and shifts as written, for timeline_audit.
 */
#ifndef SIAGA_SHIFTS_READ_H
#define SIAGA_SHIFTS_READ_H

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/shifts.h"

/*
 * Read path as a roster of version 1 or 2 (by the namespace of its root).
 * On SIAGA_OK *out owns the roster (raw_roster_destroy) and, for version
 * 2, *shifts owns the shifts (raw_shifts_destroy; strings live in the
 * roster's arena, so destroy the shifts first or together); for version
 * 1 *shifts is NULL.  Otherwise both are NULL and errs says why.
 */
int io_read_roster_any(const char *path, struct raw_roster **out,
                       struct raw_shifts **shifts, struct error_list *errs);

#endif
