/*
 * fuzz_overlay_body.c - libFuzzer target for what siaga serve does with a
 * request body: io_read_overlay_memory (the overlay reader on a buffer),
 * and for a body it accepts, io_overlay_join of it twice, which must
 * read back with every change and member twice, in order (the
 * overlay.xml that `plan --with` is given must mean what was posted).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/overlay_join.h"
#include "io/formats/overlay_read.h"
#include "model/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_str(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct error_list el;
    struct overlay *ov = NULL, *back = NULL;
    error_list_init(&el);
    int rc = io_read_overlay_memory("body", (const char *)data, size, &ov, &el);
    if ((rc == SIAGA_OK) != (ov != NULL))
        abort();
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
        abort();   /* a refused body always says why */
    if (rc == SIAGA_OK) {
        const char *doc[2] = {(const char *)data, (const char *)data};
        size_t len[2] = {size, size};
        char *out = NULL;
        size_t n = 0;
        int jrc = io_overlay_join(doc, len, 2, "fuzz", &out, &n, &el);
        if (jrc != SIAGA_OK && jrc != SIAGA_ENOMEM)
            abort();   /* an accepted body always joins */
        if (jrc == SIAGA_OK) {
            int brc = io_read_overlay_memory("join", out, n, &back, &el);
            if (brc != SIAGA_OK && brc != SIAGA_ENOMEM)
                abort();   /* ... into an overlay the reader accepts */
            if (brc == SIAGA_OK) {
                if (back->nchange != 2 * ov->nchange ||
                    back->nmember != 2 * ov->nmember)
                    abort();
                for (int i = 0; i < back->nchange; i++) {
                    const struct overlay_change *a = &ov->change[i % ov->nchange];
                    const struct overlay_change *b = &back->change[i];
                    if (a->op != b->op || !same_str(a->id, b->id) ||
                        a->count != b->count || a->nmembers != b->nmembers)
                        abort();
                }
            }
        }
        free(out);
    }
    overlay_destroy(back);
    overlay_destroy(ov);
    error_list_free(&el);
    return 0;
}
