/*
 * fuzz_input.h - hand a fuzzer's bytes to a reader that wants a path.
 *
 * The readers open files by name (they stream them), so each input is
 * put in an anonymous memory file and named /proc/self/fd/N: no disk,
 * no name to clean up.  Shared by the fuzz targets in this folder.
 */
#ifndef SIAGA_FUZZ_INPUT_H
#define SIAGA_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Replace the contents of the memory file with data; returns its path
 * (static storage), or NULL when the file cannot be made. */
const char *fuzz_input_path(const uint8_t *data, size_t size);

/* For the targets that audit what they read: the scenario of formats.md
 * (FUZZ_AUDIT_SCENARIO, tests/data/scenario/spec-example.xml), read at the
 * first call, and a stream to /dev/null for the reports.  Abort when
 * either cannot be had. */
#ifndef FUZZ_AUDIT_SCENARIO
#define FUZZ_AUDIT_SCENARIO "tests/data/scenario/spec-example.xml"
#endif
struct scenario;
const struct scenario *fuzz_audit_scenario(void);
FILE *fuzz_sink(void);

#endif
