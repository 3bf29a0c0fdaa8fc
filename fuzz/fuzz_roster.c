/*
 * fuzz_roster.c - libFuzzer target for the roster reader (io_read_roster)
 * and, when a roster reads, the audit of it (audit_run, io_write_audit)
 * against the scenario of formats.md (tests/data/scenario/spec-example.xml),
 * which is where a roster's values are first taken apart.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/roster_read.h"
#include "io/report/audit_text.h"
#include "model/audit.h"
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
    if (path == NULL)
        abort();
    error_list_init(&el);
    int rc = io_read_roster(path, &r, &el);
    if ((rc == SIAGA_OK) != (r != NULL))
        abort();
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
        abort();   /* a refused file always says why */
    if (r != NULL) {
        struct audit_report *rep = audit_run(scn, r);
        if (rep != NULL)
            io_write_audit(sink, scn, rep);
        audit_destroy(rep);
    }
    raw_roster_destroy(r);
    error_list_free(&el);
    return 0;
}
