/*
 * fuzz_import_grades.c - libFuzzer target for `siaga import` (io_import) of
 * a grades file (CSV or XML, picked by content),
 * with the TPS of tests/data/import/mymaps.kml: the grades readers, the
 * TPS codes matched, the scenario written and read back.
 * The body is in import_harness.h.
 */
#define FUZZ_IMPORT_ROLE FUZZ_GRADES
#include "fuzz/import_harness.h"
