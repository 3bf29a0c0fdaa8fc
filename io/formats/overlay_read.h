/*
 * overlay_read.h - read an overlay file (formats.md section 4), validated
 * against the embedded schema overlay-1.xsd.
 */
#ifndef SIAGA_OVERLAY_READ_H
#define SIAGA_OVERLAY_READ_H

#include <stddef.h>

#include "model/error.h"
#include "model/overlay.h"

/* Largest overlay file, in bytes: an overlay lists changes, not a
 * scenario; a thousand units of listed members fit easily. */
#define OVERLAY_MAX_BYTES (16L * 1024 * 1024)

/*
 * Read and validate an overlay.  On success returns SIAGA_OK and *out
 * owns it (overlay_destroy).  On failure *out is NULL, every problem is
 * in errs as FILE:LINE, and returns SIAGA_EINPUT (malformed XML, wrong
 * root, a DOCTYPE, schema errors, a unit with two scopes or lat without
 * lon), SIAGA_EIO (cannot be read) or SIAGA_ENOMEM.  Whether the names it
 * gives exist is for overlay_apply to say.  DTDs, external entities and
 * the network are never loaded.
 */
int io_read_overlay(const char *path, struct overlay **out,
                    struct error_list *errs);

/* The same for an overlay held in memory (data[0..len), need not end in
 * NUL: siaga serve's request bodies); name stands for the file in errors
 * and in ov->file.  Never reads a file. */
int io_read_overlay_memory(const char *name, const char *data, size_t len,
                           struct overlay **out, struct error_list *errs);

#endif
