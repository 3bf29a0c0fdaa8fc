/*
 * fuzz_scenario.c - libFuzzer target for the scenario reader
 * (io_read_scenario: XML parse, schema, semantic checks).
 *
 * Any input must give a status and, on SIAGA_OK, a scenario whose
 * indices hold together; never a crash, a leak or a sanitizer report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/scenario_read.h"
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
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
        abort();   /* a refused file always says why */
    if (s != NULL) {
        /* every reference inside the scenario must point inside it */
        for (int t = 0; t < s->ntps; t++)
            if (s->tps[t].desa < 0 || s->tps[t].desa >= s->ndesa ||
                s->tps[t].kecamatan < 0 || s->tps[t].kecamatan >= s->nkec)
                abort();
        for (int m = 0; m < s->nmember; m++)
            if (s->member[m].unit < 0 || s->member[m].unit >= s->nunit)
                abort();
    }
    scenario_destroy(s);
    error_list_free(&el);
    return 0;
}
