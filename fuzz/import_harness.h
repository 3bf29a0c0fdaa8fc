/*
 * import_harness.h - the body shared by fuzz_import_csv.c and
 * fuzz_import_kml.c: io_import (io/import.h) of one TPS list, the fuzz
 * input, against the tiny wilayah list tests/data/import/wilayah.tsv.
 *
 * The importer picks the TPS format by the file name, so the input is
 * written to a file named tps.FUZZ_IMPORT_EXT in a private folder made
 * under /tmp once (mkdtemp); the scenario and the rejects (--drop-bad, so
 * that rejected rows do not stop the import before the scenario is
 * written and read back) go to the same folder and are removed after
 * every input.  Anything else left in the folder (a temporary file the
 * importer forgot) is a bug: abort.  The folder goes at exit.
 *
 * Define FUZZ_IMPORT_EXT ("csv" or "kml") before including this file.
 */
#ifndef SIAGA_FUZZ_IMPORT_HARNESS_H
#define SIAGA_FUZZ_IMPORT_HARNESS_H

#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "import.h"

#ifndef FUZZ_AUDIT_SCENARIO
#define FUZZ_AUDIT_SCENARIO "tests/data/scenario/spec-example.xml"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], tps[96], out[96], rej[96];
static char wilayah[4096];

static void remove_dir(void)
{
    unlink(tps);
    unlink(out);
    unlink(rej);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* tests/data/import/wilayah.tsv, absolute when the build gave the
     * absolute path of tests/data/scenario/spec-example.xml */
    const char *scn = FUZZ_AUDIT_SCENARIO, *tail = "scenario/spec-example.xml";
    size_t n = strlen(scn), k = strlen(tail);
    if (n < k || strcmp(scn + n - k, tail) != 0 ||
        snprintf(wilayah, sizeof wilayah, "%.*simport/wilayah.tsv",
                 (int)(n - k), scn) >= (int)sizeof wilayah)
        abort();
    if (access(wilayah, R_OK) != 0) {
        fprintf(stderr, "fuzz_import: cannot read %s\n", wilayah);
        abort();
    }
    strcpy(dir, "/tmp/siaga-fuzz-import-XXXXXX");
    if (mkdtemp(dir) == NULL)
        abort();
    snprintf(tps, sizeof tps, "%s/tps.%s", dir, FUZZ_IMPORT_EXT);
    snprintf(out, sizeof out, "%s/s.xml", dir);
    snprintf(rej, sizeof rej, "%s/rejects.csv", dir);
    atexit(remove_dir);
    return 0;
}

static void put(const uint8_t *data, size_t size)
{
    FILE *f = fopen(tps, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
        fclose(f) != 0)
        abort();
}

/* Only tps.EXT may remain once the outputs are removed. */
static void check_dir_clean(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        abort();
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            strcmp(e->d_name, strrchr(tps, '/') + 1) == 0)
            continue;
        fprintf(stderr, "fuzz_import: %s/%s left behind\n", dir, e->d_name);
        abort();
    }
    closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct import_options opt;
    struct import_report rep;
    struct error_list el;
    if (dir[0] == '\0')
        LLVMFuzzerInitialize(NULL, NULL);
    put(data, size);
    import_options_init(&opt);
    opt.tps[opt.ntps++] = tps;
    opt.wilayah = wilayah;
    opt.output = out;
    opt.rejects = rej;
    opt.date = "2024-02-14";
    error_list_init(&el);
    memset(&rep, 0, sizeof rep);
    int rc = io_import(&opt, &rep, &el);
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0 &&
        rep.nreject == 0)
        abort();   /* a refused import always says why */
    if (rc == SIAGA_OK && access(out, R_OK) != 0)
        abort();   /* "scenario written" */
    if (rc != SIAGA_OK && access(out, F_OK) == 0)
        abort();   /* "nothing written" */
    import_report_free(&rep);
    error_list_free(&el);
    unlink(out);
    unlink(rej);
    check_dir_clean();
    return 0;
}

#endif
