/*
 * fuzz_import_personnel.c - libFuzzer target for `siaga import` (io_import) of
 * a personnel CSV, with the TPS of
 * tests/data/import/mymaps.kml: the reader, the unit and member checks,
 * count= expansion, the scenario written and read back.
 * The body is in import_harness.h.
 */
#define FUZZ_IMPORT_ROLE FUZZ_PERSONNEL
#include "fuzz/import_harness.h"
