/*
 * fuzz_import_wilayah.c - libFuzzer target for `siaga import` (io_import) of
 * the wilayah TSV (io/import/wilayah.c), with the TPS list
 * tests/data/import/tps-id.csv, whose kecamatan and kelurahan are looked
 * up by name in it; the scenario written and read back.
 * The body is in import_harness.h.
 */
#define FUZZ_IMPORT_ROLE FUZZ_WILAYAH
#include "fuzz/import_harness.h"
