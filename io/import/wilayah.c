/*
 * wilayah.c - the region list of wilayah.h: one row per desa, strings in
 * an arena, hash maps for the codes; names are found by a scan over the
 * rows (the importer caches what it looked up, so a scan happens once per
 * distinct name).
 */
#include "io/import/wilayah.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/grow.h"
#include "model/strmap.h"

struct wilayah {
    struct wilayah_row *row;
    int n, cap;
    struct arena *arena;
    struct strmap *by_desa, *by_kec, *by_kab;
};

#define NAME_KEY_MAX 256

static const char *const TYPE_WORDS[] = {
    "DESA", "DS", "KELURAHAN", "KEL", "KECAMATAN", "KEC", NULL
};

char *wilayah_name_key(const char *name, int strip, char *buf, size_t n)
{
    /* words first: upper case, anything else than a letter or digit ends
     * a word (bytes above 0x7f count as letters: names in UTF-8) */
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)(name ? name : "");
    int first_word = 1;

    if (n == 0)
        return buf;
    while (*p) {
        while (*p && !(isalnum(*p) || *p >= 0x80))
            p++;
        if (!*p)
            break;
        const unsigned char *w = p;
        while (*p && (isalnum(*p) || *p >= 0x80))
            p++;
        size_t len = (size_t)(p - w);
        if (strip && first_word) {
            int is_type = 0;
            for (int k = 0; TYPE_WORDS[k] != NULL; k++) {
                size_t tl = strlen(TYPE_WORDS[k]);
                if (tl != len)
                    continue;
                is_type = 1;
                for (size_t j = 0; j < len; j++)
                    if (toupper(w[j]) != TYPE_WORDS[k][j])
                        is_type = 0;
                if (is_type)
                    break;
            }
            /* strip only when another word follows */
            const unsigned char *q = p;
            while (*q && !(isalnum(*q) || *q >= 0x80))
                q++;
            if (is_type && *q) {
                first_word = 1;     /* "Desa/Kelurahan X": strip both */
                continue;
            }
        }
        first_word = 0;
        for (size_t j = 0; j < len && o + 1 < n; j++)
            buf[o++] = (char)(w[j] < 0x80 ? toupper(w[j]) : w[j]);
    }
    buf[o] = '\0';
    return buf;
}

static int is_roman(const char *w, size_t len)
{
    if (len == 0 || len > 4)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (w[i] != 'I' && w[i] != 'V' && w[i] != 'X')
            return 0;
    return 1;
}

char *wilayah_title_case(const char *name, char *buf, size_t n)
{
    size_t o = 0;
    const char *p = name ? name : "";
    int start = 1;

    if (n == 0)
        return buf;
    while (*p && o + 1 < n) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c)) {
            if (start) {
                size_t len = 0;
                while (isalnum((unsigned char)p[len]))
                    len++;
                if (is_roman(p, len)) {
                    for (size_t j = 0; j < len && o + 1 < n; j++)
                        buf[o++] = p[j];
                    p += len;
                    start = 0;
                    continue;
                }
                buf[o++] = (char)toupper(c);
            } else {
                buf[o++] = (char)tolower(c);
            }
            start = 0;
        } else {
            buf[o++] = c == '"' ? '\'' : (char)c;
            /* a new word after a blank or punctuation, not after an
             * apostrophe (Jum'at) */
            start = c != '\'' && c != '"' && c < 0x80;
        }
        p++;
    }
    buf[o] = '\0';
    return buf;
}

void wilayah_destroy(struct wilayah *w)
{
    if (w == NULL)
        return;
    strmap_destroy(w->by_desa);
    strmap_destroy(w->by_kec);
    strmap_destroy(w->by_kab);
    arena_destroy(w->arena);
    free(w->row);
    free(w);
}

static int all_digits(const char *s, size_t len)
{
    if (strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Split line on tabs into at most max fields (in place); returns count. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (t == NULL)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static const char *keydup(struct arena *a, const char *name, int strip)
{
    char buf[NAME_KEY_MAX];
    return arena_strdup(a, wilayah_name_key(name, strip, buf, sizeof buf));
}

static int add_row(struct wilayah *w, char **f)
{
    if (model_grow((void **)&w->row, w->n, &w->cap, sizeof *w->row) != 0)
        return -1;
    struct wilayah_row *r = &w->row[w->n];
    r->desa_code = arena_strdup(w->arena, f[0]);
    r->kab_code = arena_strdup(w->arena, f[3]);
    r->kab = arena_strdup(w->arena, f[4]);
    r->kec_code = arena_strdup(w->arena, f[5]);
    r->kec = arena_strdup(w->arena, f[6]);
    r->desa = arena_strdup(w->arena, f[7]);
    r->desa_key = keydup(w->arena, f[7], 0);
    r->desa_key2 = keydup(w->arena, f[7], 1);
    r->kec_key = keydup(w->arena, f[6], 0);
    r->kec_key2 = keydup(w->arena, f[6], 1);
    if (!r->desa_code || !r->kab_code || !r->kab || !r->kec_code || !r->kec ||
        !r->desa || !r->desa_key || !r->desa_key2 || !r->kec_key || !r->kec_key2)
        return -1;
    int old;
    if (strmap_put(w->by_desa, r->desa_code, w->n, &old) < 0 ||
        strmap_put(w->by_kec, r->kec_code, w->n, &old) < 0 ||
        strmap_put(w->by_kab, r->kab_code, w->n, &old) < 0)
        return -1;
    w->n++;
    return 0;
}

enum { LINE_END = -1, LINE_NUL = -2, LINE_LONG = -3 };

/* The next line of fp into line (WILAYAH_MAX_LINE + 1 bytes), without its
 * '\n', NUL-terminated; returns its length, LINE_END at the end of the
 * file or on a read error (errno set), LINE_NUL or LINE_LONG for a line
 * holding a NUL byte or longer than the limit.  *bytes counts what was
 * read. */
static long read_line(FILE *fp, char *line, long *bytes)
{
    long n = 0;
    int c, nul = 0;
    errno = 0;
    while ((c = getc_unlocked(fp)) != EOF) {   /* one thread reads fp */
        ++*bytes;
        if (c == '\n')
            break;
        if (n == WILAYAH_MAX_LINE)
            return LINE_LONG;
        nul |= c == '\0';
        line[n++] = (char)c;
    }
    line[n] = '\0';
    if (c == EOF && n == 0)
        return LINE_END;
    return nul ? LINE_NUL : n;
}

int wilayah_load(const char *path, const char *kab_code,
                 struct wilayah **out, struct error_list *errs)
{
    int rc = SIAGA_OK;
    FILE *fp = NULL;
    char line[WILAYAH_MAX_LINE + 1];
    long lineno = 0, bytes = 0;
    struct wilayah *w = calloc(1, sizeof *w);

    *out = NULL;
    if (w == NULL || (w->arena = arena_create()) == NULL ||
        (w->by_desa = strmap_create()) == NULL ||
        (w->by_kec = strmap_create()) == NULL ||
        (w->by_kab = strmap_create()) == NULL) {
        rc = SIAGA_ENOMEM;
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    fp = fopen(path, "rb");
    if (fp == NULL) {
        rc = error_io(errs, path, "cannot read the wilayah list (give it "
                      "with --wilayah)", errno);
        goto done;
    }
    long len;
    while ((len = read_line(fp, line, &bytes)) != LINE_END) {
        lineno++;
        if (len == LINE_NUL || len == LINE_LONG) {
            rc = SIAGA_EINPUT;
            if (len == LINE_NUL)
                error_add(errs, path, lineno, "a NUL byte: not a text file");
            else
                error_add(errs, path, lineno, "a line longer than %d bytes, "
                          "the limit (a wilayah row is about 100)",
                          WILAYAH_MAX_LINE);
            goto done;
        }
        if (bytes > WILAYAH_MAX_BYTES) {
            rc = SIAGA_EINPUT;
            error_add(errs, path, lineno, "the file is larger than %ld "
                      "bytes, the limit (the national list is 6 MB)",
                      WILAYAH_MAX_BYTES);
            goto done;
        }
        while (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len == 0)
            continue;
        char *f[12];
        int nf = split_tabs(line, f, 12);
        if (lineno == 1) {
            if (nf < 8 || strcmp(f[0], "desa_code") != 0 ||
                strcmp(f[5], "kecamatan_code") != 0) {
                rc = SIAGA_EINPUT;
                error_add(errs, path, 1, "not a wilayah list: the header "
                          "must start desa_code, provinsi_code, provinsi, "
                          "kabupaten_code, kabupaten, kecamatan_code, "
                          "kecamatan, desa");
                goto done;
            }
            continue;
        }
        if (nf < 8 || !all_digits(f[0], 10) || !all_digits(f[3], 4) ||
            !all_digits(f[5], 6) || strncmp(f[0], f[5], 6) != 0 ||
            strncmp(f[5], f[3], 4) != 0) {
            rc = SIAGA_EINPUT;
            error_add(errs, path, lineno, "not a wilayah row (codes of 10, "
                      "4 and 6 digits, each prefixed by its parent's)");
            goto done;
        }
        if (kab_code != NULL && strcmp(f[3], kab_code) != 0)
            continue;
        if (add_row(w, f) != 0) {
            rc = SIAGA_ENOMEM;
            error_add(errs, NULL, 0, "out of memory");
            goto done;
        }
    }
    /* a read error (or stdio's buffer not allocated: ENOMEM) ends the
     * loop like the end of the file: only the end ends the list */
    if (!feof(fp)) {
        rc = error_io(errs, path, "cannot read the wilayah list",
                      errno ? errno : EIO);
        goto done;
    }
    if (kab_code != NULL && w->n == 0) {
        rc = SIAGA_EINPUT;
        error_add(errs, path, 0, "no kabupaten/kota has code %s "
                  "(--kabupaten wants a 4-digit Kemendagri code such as "
                  "3671)", kab_code);
        goto done;
    }
    *out = w;
    w = NULL;
done:
    if (fp != NULL)
        fclose(fp);
    wilayah_destroy(w);
    return rc;
}

int wilayah_count(const struct wilayah *w)
{
    return w->n;
}

const struct wilayah_row *wilayah_row(const struct wilayah *w, int i)
{
    return i >= 0 && i < w->n ? &w->row[i] : NULL;
}

int wilayah_find_desa(const struct wilayah *w, const char *code)
{
    return strmap_get(w->by_desa, code);
}

int wilayah_find_kecamatan(const struct wilayah *w, const char *code)
{
    return strmap_get(w->by_kec, code);
}

int wilayah_find_kabupaten(const struct wilayah *w, const char *code)
{
    return strmap_get(w->by_kab, code);
}

/* Does the row's kecamatan match?  strict: whole names only. */
static int kec_match(const struct wilayah_row *r, const char *k1,
                     const char *k2, int strict)
{
    if (strcmp(r->kec_key, k1) == 0)
        return 1;
    return !strict && (strcmp(r->kec_key2, k2) == 0 ||
                       strcmp(r->kec_key, k2) == 0 ||
                       strcmp(r->kec_key2, k1) == 0);
}

static int desa_match(const struct wilayah_row *r, const char *k1,
                      const char *k2, int strict)
{
    if (strcmp(r->desa_key, k1) == 0)
        return 1;
    return !strict && (strcmp(r->desa_key2, k2) == 0 ||
                       strcmp(r->desa_key, k2) == 0 ||
                       strcmp(r->desa_key2, k1) == 0);
}

int wilayah_find_kecamatan_by_name(const struct wilayah *w,
                                   const char *kec_name, int *row)
{
    char k1[NAME_KEY_MAX], k2[NAME_KEY_MAX];
    wilayah_name_key(kec_name, 0, k1, sizeof k1);
    wilayah_name_key(kec_name, 1, k2, sizeof k2);
    *row = -1;
    if (k1[0] == '\0')
        return 0;
    for (int strict = 1; strict >= 0; strict--) {
        int count = 0;
        const char *last = NULL;
        for (int i = 0; i < w->n; i++) {
            const struct wilayah_row *r = &w->row[i];
            if (!kec_match(r, k1, k2, strict))
                continue;
            /* rows of a kecamatan are contiguous in the list */
            if (last == NULL || strcmp(last, r->kec_code) != 0) {
                if (count == 0)
                    *row = i;
                count++;
                last = r->kec_code;
            }
        }
        if (count > 0)
            return count;
    }
    return 0;
}

int wilayah_find_desa_by_name(const struct wilayah *w, const char *kec_code,
                              const char *kec_name, const char *desa_name,
                              int *row, int *kec_matches)
{
    char k1[NAME_KEY_MAX], k2[NAME_KEY_MAX];
    char c1[NAME_KEY_MAX], c2[NAME_KEY_MAX];
    int by_kec_name = kec_code == NULL && kec_name != NULL && kec_name[0];
    int kec_strict = 1;

    *row = -1;
    if (kec_matches != NULL)
        *kec_matches = 1;
    wilayah_name_key(desa_name, 0, k1, sizeof k1);
    wilayah_name_key(desa_name, 1, k2, sizeof k2);
    if (by_kec_name) {
        int kr;
        int nk = wilayah_find_kecamatan_by_name(w, kec_name, &kr);
        if (kec_matches != NULL)
            *kec_matches = nk;
        if (nk == 0)
            return 0;
        wilayah_name_key(kec_name, 0, c1, sizeof c1);
        wilayah_name_key(kec_name, 1, c2, sizeof c2);
        /* the kecamatan matched strictly when its whole name did */
        kec_strict = kec_match(&w->row[kr], c1, c2, 1);
    }
    if (k1[0] == '\0')
        return 0;
    for (int strict = 1; strict >= 0; strict--) {
        int count = 0;
        for (int i = 0; i < w->n; i++) {
            const struct wilayah_row *r = &w->row[i];
            if (kec_code != NULL && strcmp(r->kec_code, kec_code) != 0)
                continue;
            if (by_kec_name && !kec_match(r, c1, c2, kec_strict))
                continue;
            if (!desa_match(r, k1, k2, strict))
                continue;
            if (count == 0)
                *row = i;
            count++;
        }
        if (count > 0)
            return count;
    }
    return 0;
}
