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

#include "error.h"
#include "scenario.h"
#include "timeline.h"

/*
 * Fill *tl (timeline_free it in every case) with the file's timeline, or
 * the 2024 defaults when the file has none (tl->given is then false).
 * Returns SIAGA_OK, SIAGA_EINPUT (errs: file:line: message), SIAGA_EIO
 * or SIAGA_ENOMEM.
 */
int io_read_timeline(const char *path, const struct scenario *s,
                     struct timeline *tl, struct error_list *errs);

#endif
