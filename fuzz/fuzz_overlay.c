/*
 * fuzz_overlay.c - libFuzzer target for the overlay reader
 * (io_read_overlay: XML parse, schema, the reader's own checks).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/overlay_read.h"
#include "model/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_path(data, size);
    struct error_list el;
    struct overlay *ov = NULL;
    if (path == NULL)
        abort();
    error_list_init(&el);
    int rc = io_read_overlay(path, &ov, &el);
    if ((rc == SIAGA_OK) != (ov != NULL))
        abort();
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
        abort();   /* a refused file always says why */
    overlay_destroy(ov);
    error_list_free(&el);
    return 0;
}
