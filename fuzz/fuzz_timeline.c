/*
 * fuzz_timeline.c - libFuzzer target for the timeline reader
 * (io_read_timeline): a scenario file is read as `siaga plan` reads it,
 * io_read_scenario first and, when that accepts it, the <timeline>.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/scenario_read.h"
#include "io/formats/timeline_read.h"
#include "model/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_path(data, size);
    struct error_list el;
    struct scenario *s = NULL;
    if (path == NULL)
        abort();
    error_list_init(&el);
    int rc = io_read_scenario(path, &s, &el);
    if ((rc == SIAGA_OK) != (s != NULL))
        abort();
    if (s != NULL) {
        struct timeline tl;
        error_list_free(&el);
        error_list_init(&el);
        rc = io_read_timeline(path, s, &tl, &el);
        if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
            abort();   /* a refused timeline always says why */
        if (rc == SIAGA_OK && tl.nphase < 0)
            abort();
        timeline_free(&tl);
    }
    scenario_destroy(s);
    error_list_free(&el);
    return 0;
}
