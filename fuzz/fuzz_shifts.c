/*
 * fuzz_shifts.c - libFuzzer target for the roster reader of `siaga check`
 * (io_read_roster_any: version 1 or 2, with the phases and shifts of
 * version 2) and, when a version 2 roster reads, the shift audit of it
 * (io_audit_shifts, io_write_shift_audit) against the scenario of formats.md
 * (tests/data/scenario/spec-example.xml, default timeline).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/roster_read.h"
#include "io/formats/shifts_read.h"
#include "io/formats/shifts_write.h"
#include "io/formats/timeline_read.h"
#include "model/error.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_audit_scenario();   /* read once, before the first input */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_path(data, size);
    const struct scenario *scn = fuzz_audit_scenario();
    FILE *sink = fuzz_sink();
    struct error_list el;
    struct raw_roster *r = NULL;
    struct raw_shifts *sh = NULL;
    if (path == NULL)
        abort();
    error_list_init(&el);
    int rc = io_read_roster_any(path, &r, &sh, &el);
    if ((rc == SIAGA_OK) != (r != NULL))
        abort();
    if (rc != SIAGA_OK && (sh != NULL ||
                           (rc != SIAGA_ENOMEM && error_count(&el) == 0)))
        abort();   /* a refused file always says why */
    if (sh != NULL) {
        struct timeline tl;
        struct tl_layout l;
        struct tl_audit a;
        struct error_list ea;
        error_list_init(&ea);
        /* freed in every case, as siaga check does */
        if (io_audit_shifts(FUZZ_AUDIT_SCENARIO, scn, r, sh, &tl, &l, &a,
                            &ea) == SIAGA_OK)
            io_write_shift_audit(sink, scn, &tl, &a);
        timeline_audit_free(&a);
        timeline_layout_free(&l);
        timeline_free(&tl);
        error_list_free(&ea);
    }
    raw_shifts_destroy(sh);
    raw_roster_destroy(r);
    error_list_free(&el);
    return 0;
}
