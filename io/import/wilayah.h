/*
 * wilayah.h - the Kemendagri region list (wilayah-tps-2024.tsv, see
 * data/README.md): codes and names of every provinsi, kabupaten/
 * kota, kecamatan and desa/kelurahan, looked up by code or by name.
 *
 * Names are compared after normalisation (wilayah_name_key): upper case,
 * letters and digits only, so "Kel. Poris Plawad", "PORIS-PLAWAD" and
 * "poris plawad" are one name.  A look-up first tries the whole name; when
 * nothing matches it tries again without a leading type word (DESA, DS,
 * KELURAHAN, KEL, KECAMATAN, KEC), on both sides, so "Desa Baru" still
 * finds the desa listed as "DESA BARU" and "Kelurahan Sukarasa" finds
 * "SUKARASA".
 */
#ifndef SIAGA_WILAYAH_H
#define SIAGA_WILAYAH_H

/* Limits of the list: longer lines or larger files are refused. */
#define WILAYAH_MAX_LINE 4096
#define WILAYAH_MAX_BYTES (256L << 20)

#include <stddef.h>

#include "model/error.h"

struct wilayah_row {
    const char *desa_code, *desa;           /* 10 digits; name as listed */
    const char *kec_code, *kec;             /* 6 digits */
    const char *kab_code, *kab;             /* 4 digits */
    const char *desa_key, *desa_key2;       /* normalised; key2 without type word */
    const char *kec_key, *kec_key2;
};

struct wilayah;

/*
 * Read the TSV at path (header row, then desa_code provinsi_code provinsi
 * kabupaten_code kabupaten kecamatan_code kecamatan desa ...).  When
 * kab_code is not NULL only the rows of that kabupaten/kota are kept, and
 * every name look-up is narrowed to it.  Returns SIAGA_OK and *out (free
 * with wilayah_destroy, which accepts NULL); SIAGA_EIO when the file cannot
 * be read, SIAGA_EINPUT when it is not such a list or kab_code is in no
 * row, SIAGA_ENOMEM; the reason is in errs.
 */
int wilayah_load(const char *path, const char *kab_code,
                 struct wilayah **out, struct error_list *errs);
void wilayah_destroy(struct wilayah *w);

int wilayah_count(const struct wilayah *w);
const struct wilayah_row *wilayah_row(const struct wilayah *w, int i);

/* Row of a desa code; -1 when absent. */
int wilayah_find_desa(const struct wilayah *w, const char *code);
/* First row of a kecamatan code; -1 when absent. */
int wilayah_find_kecamatan(const struct wilayah *w, const char *code);
/* First row of a kabupaten code; -1 when absent. */
int wilayah_find_kabupaten(const struct wilayah *w, const char *code);

/*
 * Desa by name.  kec_code (when not NULL) narrows to one kecamatan, else
 * kec_name (when not NULL and not empty) narrows to kecamatan of that
 * name.  Returns the number of matching desa (0, 1 or more); *row gets the
 * first.  *kec_matches (when not NULL) gets the number of kecamatan that
 * kec_name matched (0 means the kecamatan itself is unknown).
 */
int wilayah_find_desa_by_name(const struct wilayah *w, const char *kec_code,
                              const char *kec_name, const char *desa_name,
                              int *row, int *kec_matches);

/* Kecamatan by name: returns how many kecamatan match; *row gets the first
 * row of the first. */
int wilayah_find_kecamatan_by_name(const struct wilayah *w,
                                   const char *kec_name, int *row);

/* Normalised key of a name into buf (size n): upper-case letters and
 * digits only; with strip, a leading type word (DESA, KELURAHAN, ...) is
 * dropped first when something follows it.  Returns buf. */
char *wilayah_name_key(const char *name, int strip, char *buf, size_t n);

/* A listed name in title case ("KOTA TANGERANG" -> "Kota Tangerang"),
 * Roman numerals kept upper case ("II"), '"' used as an apostrophe turned
 * into one.  Writes into buf (size n); returns buf. */
char *wilayah_title_case(const char *name, char *buf, size_t n);

#endif
