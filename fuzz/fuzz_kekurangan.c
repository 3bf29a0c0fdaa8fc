/*
 * fuzz_kekurangan.c - libFuzzer target for the certificate reader of
 * `siaga check --certificates` (io_read_kekurangan, kekurangan.csv of
 * formats.md 6) and, when a file reads, its verification (cert_verify,
 * io_write_cert_verdict) against the roster tests/data/roster/valid.xml of
 * the scenario of formats.md (tests/data/scenario/spec-example.xml).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/kekurangan.h"
#include "io/formats/roster_read.h"
#include "io/report/cert_report.h"
#include "model/error.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The roster beside the scenario: .../tests/data/roster/valid.xml. */
static struct raw_roster *roster(void)
{
    static struct raw_roster *r;
    if (r != NULL)
        return r;
    char path[4096];
    const char *scn = FUZZ_AUDIT_SCENARIO;
    const char *at = strstr(scn, "scenario/spec-example.xml");
    if (at == NULL || (size_t)(at - scn) + 32 >= sizeof path)
        abort();
    snprintf(path, sizeof path, "%.*sroster/valid.xml", (int)(at - scn), scn);
    struct error_list el;
    error_list_init(&el);
    if (io_read_roster(path, &r, &el) != SIAGA_OK)
        abort();
    error_list_free(&el);
    return r;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_audit_scenario();   /* read once, before the first input */
    roster();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_path(data, size);
    const struct scenario *scn = fuzz_audit_scenario();
    struct raw_roster *r = roster();
    struct error_list el;
    struct raw_certs *c = NULL;
    if (path == NULL)
        abort();
    error_list_init(&el);
    int rc = io_read_kekurangan(path, &c, &el);
    if ((rc == SIAGA_OK) != (c != NULL))
        abort();
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
        abort();   /* a refused file always says why */
    if (c != NULL) {
        struct cert_verdict v;
        /* the roster leaves 1 guard and 1 Linmas place empty, as far as
         * the fuzzer is concerned; the verdict is all it checks */
        if (cert_verify(scn, r, c, 1, 1, true, &v) == SIAGA_OK) {
            if (v.valid && v.deficit != v.empty)
                abort();
            io_write_cert_verdict(fuzz_sink(), "k.csv", &v);
            cert_verdict_free(&v);
        }
    }
    raw_certs_destroy(c);
    error_list_free(&el);
    return 0;
}
