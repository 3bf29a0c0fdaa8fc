/*
 * fuzz_import_kml.c - libFuzzer target for `siaga import` (io_import) of a
 * TPS list in KML, with the wilayah list of tests/data/import/: the
 * reader, every row check, the scenario written and read back.  The body
 * is in import_harness.h.
 */
#define FUZZ_IMPORT_ROLE FUZZ_TPS
#define FUZZ_IMPORT_EXT "kml"
#include "fuzz/import_harness.h"
