/*
 * fuzz_import_csv.c - libFuzzer target for `siaga import` (io_import) of a
 * TPS list in CSV, with the wilayah list of tests/data/import/: the
 * reader, every row check, the scenario written and read back.  The body
 * is in import_harness.h.
 */
#define FUZZ_IMPORT_ROLE FUZZ_TPS
#define FUZZ_IMPORT_EXT "csv"
#include "fuzz/import_harness.h"
