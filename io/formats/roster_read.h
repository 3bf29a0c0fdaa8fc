/*
 * roster_read.h - read a roster file (formats.md section 2) for the audit.
 *
 * The file is validated against the embedded schema roster-1.xsd while it
 * is streamed, so memory grows with the roster, never with the DOM.
 * Values are kept as written (struct raw_roster); judging them against a
 * scenario is model/audit.h's work.
 */
#ifndef SIAGA_ROSTER_READ_H
#define SIAGA_ROSTER_READ_H

#include "model/error.h"
#include "model/roster.h"

/*
 * Read and validate path.  On SIAGA_OK *out owns the roster
 * (raw_roster_destroy).  On any other status (SIAGA_EINPUT for malformed
 * XML, schema violations or a DTD; SIAGA_EIO when the file cannot be read;
 * SIAGA_ENOMEM) *out is NULL and every problem found is in errs as
 * path:line: message.  DTDs, external entities and the network are never
 * loaded.
 */
int io_read_roster(const char *path, struct raw_roster **out,
                   struct error_list *errs);

#endif
