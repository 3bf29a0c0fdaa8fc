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

/*
 * A raw roster built start tag by start tag: the one reading of the
 * roster-1 body (roster, post, tps, guard, linmas, reserve), shared by
 * this SAX reader and the roster-2 reader (io/formats/shifts_read.c).
 */
struct raw_builder {
    struct raw_roster *r;
    int cur_post;    /* index of the open <post>, -1 outside one */
    int cap_post, cap_tps, cap_guard, cap_linmas, cap_reserve;
};

/* Attribute name of the element being started, in the roster's arena,
 * trimmed of XML blanks when trim; NULL when absent (a reader notes its
 * own out-of-memory). */
typedef const char *(*raw_attr_fn)(void *ctx, const char *name, int trim);

/*
 * Take the start tag name at depth (root 0) into b->r, its attributes
 * from get(ctx, ...).  A name that is none of the roster-1 body is left
 * alone (the validator reports it).  Returns 0, or -1 when out of memory.
 */
int raw_roster_start(struct raw_builder *b, const char *name, int depth,
                     long line, raw_attr_fn get, void *ctx);

#endif
