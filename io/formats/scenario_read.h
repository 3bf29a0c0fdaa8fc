/*
 * scenario_read.h - read a scenario file (formats.md section 1).
 *
 * The file is streamed (never held as a DOM) and validated against the
 * embedded schema scenario-1.xsd on the way; the semantic checks of
 * section 1.5 follow (scenario_finish).  Memory grows with the scenario,
 * not with the size of a document tree.
 */
#ifndef SIAGA_SCENARIO_READ_H
#define SIAGA_SCENARIO_READ_H

#include "model/error.h"
#include "model/scenario.h"

/*
 * Read, validate (XSD, then scenario_finish) a scenario file.  On success
 * returns SIAGA_OK and *out owns a scenario (free with scenario_destroy).
 * On failure *out is NULL, every problem is in errs as FILE:LINE, and
 * returns SIAGA_EINPUT (malformed XML, wrong root, a DTD, schema or
 * semantic errors), SIAGA_EIO (the file cannot be read) or SIAGA_ENOMEM.
 * DTDs, external entities and the network are never loaded.
 */
int io_read_scenario(const char *path, struct scenario **out,
                     struct error_list *errs);

#endif
