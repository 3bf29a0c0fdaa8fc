/*
 * import_harness.h - the body shared by the fuzz_import_*.c targets:
 * io_import (io/import/import.h) with one of its input files replaced by the
 * fuzz input, the others taken from tests/data/import/.
 *
 * Define FUZZ_IMPORT_ROLE before including this file:
 *   FUZZ_TPS        the TPS list (name "tps." FUZZ_IMPORT_EXT: the importer
 *                   picks the format by the name), wilayah.tsv
 *   FUZZ_GRADES     the grades file (named grades.txt, so the importer
 *                   picks CSV or XML by content), mymaps.kml as TPS
 *   FUZZ_PERSONNEL  the personnel CSV, mymaps.kml as TPS
 *   FUZZ_WILAYAH    the wilayah TSV, tps-id.csv as TPS (names looked up)
 *
 * The input is written to a file in a private folder made under /tmp
 * once (mkdtemp); the scenario and the rejects (--drop-bad, so that
 * rejected rows do not stop the import before the scenario is written
 * and read back) go to the same folder and are removed after every
 * input.  Anything else left in the folder (a temporary file the
 * importer forgot) is a bug: abort.  The folder goes at exit.
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

#include "io/import/import.h"
#include "model/error.h"

#ifndef FUZZ_AUDIT_SCENARIO
#define FUZZ_AUDIT_SCENARIO "tests/data/scenario/spec-example.xml"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_TPS 1
#define FUZZ_GRADES 2
#define FUZZ_PERSONNEL 3
#define FUZZ_WILAYAH 4
#ifndef FUZZ_IMPORT_ROLE
#error "define FUZZ_IMPORT_ROLE"
#endif
#if FUZZ_IMPORT_ROLE == FUZZ_TPS
#define FUZZ_INPUT_NAME "tps." FUZZ_IMPORT_EXT
#define FUZZ_FIXED_TPS ""
#elif FUZZ_IMPORT_ROLE == FUZZ_GRADES
#define FUZZ_INPUT_NAME "grades.txt"
#define FUZZ_FIXED_TPS "mymaps.kml"
#elif FUZZ_IMPORT_ROLE == FUZZ_PERSONNEL
#define FUZZ_INPUT_NAME "personnel.csv"
#define FUZZ_FIXED_TPS "mymaps.kml"
#else
#define FUZZ_INPUT_NAME "wilayah.tsv"
#define FUZZ_FIXED_TPS "tps-id.csv"
#endif

static char dir[64], input[96], out[96], rej[96];
static char data_dir[4096], wilayah[4200], fixed_tps[4200];

static void remove_dir(void)
{
    unlink(input);
    unlink(out);
    unlink(rej);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* tests/data/import/, absolute when the build gave the absolute path
     * of tests/data/scenario/spec-example.xml */
    const char *scn = FUZZ_AUDIT_SCENARIO, *tail = "scenario/spec-example.xml";
    size_t n = strlen(scn), k = strlen(tail);
    if (n < k || strcmp(scn + n - k, tail) != 0 ||
        snprintf(data_dir, sizeof data_dir, "%.*simport/",
                 (int)(n - k), scn) >= (int)sizeof data_dir)
        abort();
    snprintf(wilayah, sizeof wilayah, "%swilayah.tsv", data_dir);
    snprintf(fixed_tps, sizeof fixed_tps, "%s%s", data_dir, FUZZ_FIXED_TPS);
    if (access(wilayah, R_OK) != 0 || access(fixed_tps, R_OK) != 0) {
        fprintf(stderr, "fuzz_import: cannot read %s\n", data_dir);
        abort();
    }
    strcpy(dir, "/tmp/siaga-fuzz-import-XXXXXX");
    if (mkdtemp(dir) == NULL)
        abort();
    snprintf(input, sizeof input, "%s/%s", dir, FUZZ_INPUT_NAME);
    snprintf(out, sizeof out, "%s/s.xml", dir);
    snprintf(rej, sizeof rej, "%s/rejects.csv", dir);
    atexit(remove_dir);
    return 0;
}

static void put(const uint8_t *data, size_t size)
{
    FILE *f = fopen(input, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
        fclose(f) != 0)
        abort();
}

/* Only the input may remain once the outputs are removed. */
static void check_dir_clean(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        abort();
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            strcmp(e->d_name, FUZZ_INPUT_NAME) == 0)
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
#if FUZZ_IMPORT_ROLE == FUZZ_TPS
    opt.tps[opt.ntps++] = input;
    opt.wilayah = wilayah;
#else
    opt.tps[opt.ntps++] = fixed_tps;
    opt.wilayah = wilayah;
#if FUZZ_IMPORT_ROLE == FUZZ_GRADES
    opt.grades = input;
#elif FUZZ_IMPORT_ROLE == FUZZ_PERSONNEL
    opt.personnel = input;
#else
    opt.wilayah = input;
#endif
#endif
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
