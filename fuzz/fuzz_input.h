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

/* Replace the contents of the memory file with data; returns its path
 * (static storage), or NULL when the file cannot be made. */
const char *fuzz_input_path(const uint8_t *data, size_t size);

#endif
