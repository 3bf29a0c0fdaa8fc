/*
 * overlay_join.h - several overlays (formats.md 4) as one: the changes of
 * each, in order, under one <overlay> root.  siaga serve offers the
 * changes made on its page this way (GET /files/overlay.xml), so that
 * `siaga plan BASE.xml --with overlay.xml` applies them all at once.
 */
#ifndef SIAGA_OVERLAY_JOIN_H
#define SIAGA_OVERLAY_JOIN_H
#include <stddef.h>

#include "model/error.h"

/*
 * Join the overlays doc[0..n) (each len[i] bytes, each one that
 * io_read_overlay_memory accepted) into one overlay document named name:
 * every child element and comment of each root, in order, namespaces
 * kept.  Applying the result is applying each in turn, since changes
 * apply in document order (formats.md 4).  On SIAGA_OK *out is a
 * malloc'ed NUL-terminated document (free) of *outlen bytes; otherwise
 * (SIAGA_EINPUT when one is not well-formed, SIAGA_ENOMEM) *out is NULL
 * and errs says why.
 */
int io_overlay_join(const char *const *doc, const size_t *len, int n,
                    const char *name, char **out, size_t *outlen,
                    struct error_list *errs);
#endif
