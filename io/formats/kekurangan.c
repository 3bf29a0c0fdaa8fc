/*
 * kekurangan.c - kekurangan.csv, written and read (kekurangan.h).
 *
 * Where formats.md 6 is silent: the header must be exactly the five
 * column names in that order (lower case), as bko.csv's; a row with
 * another number of fields, a number with a sign, spaces or more than
 * nine digits, or an unknown jenis or tempat is refused at its line, and
 * every such row is reported, not only the first.  Blank lines are
 * skipped (csv.h).
 */
#include "io/formats/kekurangan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/csv.h"
#include "io/report/plan_view.h"
#include "model/arena.h"
#include "model/grow.h"

static const char *const COLUMNS[] = {"bukti", "jenis", "id", "tempat", "jumlah"};
#define NCOL 5

static void write_row(FILE *f, int bukti, const char *jenis, const char *id,
                      const char *tempat, long jumlah)
{
    char b[24], j[24];
    snprintf(b, sizeof b, "%d", bukti);
    snprintf(j, sizeof j, "%ld", jumlah);
    csv_write_field(f, b, 0);
    csv_write_field(f, jenis, 0);
    csv_write_text(f, id, 0);
    csv_write_field(f, tempat, 0);
    csv_write_field(f, j, 1);
}

int io_write_kekurangan_csv(FILE *f, const struct scenario *s,
                            const struct plan *p, const struct cert_set *c)
{
    fputs("bukti,jenis,id,tempat,jumlah\r\n", f);
    char id[24];
    for (int k = 0; c != NULL && k < c->ncert; k++) {
        const struct certificate *ct = &c->cert[k];
        for (int i = 0; i < ct->nplace; i++) {
            const struct cert_place *pl = &ct->place[i];
            if (pl->kind == CERT_LINMAS)
                write_row(f, k + 1, "tps", scenario_tps_code(s, pl->site, id),
                          "linmas", pl->count);
            else
                write_row(f, k + 1, "post", io_post_id(pl->site, p->npost, id),
                          cert_kind_name(pl->kind), pl->count);
        }
        for (int i = 0; i < ct->nunit; i++)
            write_row(f, k + 1, "unit", s->unit[ct->unit[i]].id, "",
                      s->unit[ct->unit[i]].nmembers);
    }
    return ferror(f) ? -1 : 0;
}

/* A whole number from 1 to 999,999,999, digits only; -1 when not. */
static long count_of(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n > 9 || strspn(v, "0123456789") != n)
        return -1;
    long x = strtol(v, NULL, 10);
    return x >= 1 ? x : -1;
}

/* One data row into c; 0, 1 when it is bad (errs says why), -1 when out
 * of memory. */
static int read_row(struct csv_reader *rd, const char *path,
                    struct raw_certs *c, int *cap, struct error_list *errs)
{
    long line = csv_line(rd);
    if (csv_nfields(rd) != NCOL) {
        error_add(errs, path, line, "expected %d fields (bukti,jenis,id,"
                  "tempat,jumlah), found %d", NCOL, csv_nfields(rd));
        return 1;
    }
    struct raw_cert_row row;
    memset(&row, 0, sizeof row);
    row.line = line;
    const char *jenis = csv_field(rd, 1), *tempat = csv_field(rd, 3);
    int bad = 0;
    if ((row.bukti = count_of(csv_field(rd, 0))) < 0) {
        error_add(errs, path, line, "bukti '%s' is not a whole number from 1",
                  csv_field(rd, 0));
        bad = 1;
    }
    if ((row.jumlah = count_of(csv_field(rd, 4))) < 0) {
        error_add(errs, path, line, "jumlah '%s' is not a whole number from 1",
                  csv_field(rd, 4));
        bad = 1;
    }
    if (csv_field(rd, 2)[0] == '\0') {
        error_add(errs, path, line, "id is empty");
        bad = 1;
    }
    if (strcmp(jenis, "post") == 0) {
        row.jenis = CERT_ROW_POST;
        if (strcmp(tempat, "polri") == 0)
            row.kind = CERT_POLRI;
        else if (strcmp(tempat, "jaga") == 0)
            row.kind = CERT_JAGA;
        else {
            error_add(errs, path, line, "tempat of a post is polri or jaga, "
                      "not '%s'", tempat);
            bad = 1;
        }
    } else if (strcmp(jenis, "tps") == 0) {
        row.jenis = CERT_ROW_TPS;
        row.kind = CERT_LINMAS;
        if (strcmp(tempat, "linmas") != 0) {
            error_add(errs, path, line, "tempat of a tps is linmas, not '%s'",
                      tempat);
            bad = 1;
        }
    } else if (strcmp(jenis, "unit") == 0) {
        row.jenis = CERT_ROW_UNIT;
        row.kind = CERT_KIND_COUNT;
        if (tempat[0] != '\0') {
            error_add(errs, path, line, "tempat of a unit is empty, not '%s'",
                      tempat);
            bad = 1;
        }
    } else {
        error_add(errs, path, line, "jenis is post, tps or unit, not '%s'",
                  jenis);
        bad = 1;
    }
    if (bad)
        return 1;
    if ((row.id = arena_strdup(c->arena, csv_field(rd, 2))) == NULL ||
        model_grow((void **)&c->row, c->nrow, cap, sizeof *c->row) != 0)
        return -1;
    c->row[c->nrow++] = row;
    return 0;
}

int io_read_kekurangan(const char *path, struct raw_certs **out,
                       struct error_list *errs)
{
    *out = NULL;
    int rc = SIAGA_ENOMEM, cap = 0;
    long bad = 0;
    struct csv_reader *rd = NULL;
    struct raw_certs *c = calloc(1, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        rc = error_io(errs, path, "cannot open", errno);
        goto done;
    }
    if (c == NULL || (c->arena = arena_create()) == NULL ||
        (c->file = arena_strdup(c->arena, path)) == NULL ||
        (rd = csv_reader_create(f, ',')) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    int r, header = 0;
    while ((r = csv_read(rd)) != CSV_EOF) {
        if (r == CSV_NOMEM) {
            error_add(errs, NULL, 0, "out of memory");
            goto done;
        }
        if (r == CSV_EIO) {
            rc = error_io(errs, path, "cannot read", EIO);
            goto done;
        }
        if (r == CSV_BAD) {
            error_add(errs, path, csv_line(rd), "%s", csv_message(rd));
            bad++;
            header = 1;
            continue;
        }
        if (!header) {
            header = 1;
            int ok = csv_nfields(rd) == NCOL;
            for (int i = 0; ok && i < NCOL; i++)
                ok = strcmp(csv_field(rd, i), COLUMNS[i]) == 0;
            if (!ok) {
                error_add(errs, path, csv_line(rd), "the header must be "
                          "bukti,jenis,id,tempat,jumlah (formats.md 6)");
                bad++;
            }
            continue;
        }
        int k = read_row(rd, path, c, &cap, errs);
        if (k < 0) {
            error_add(errs, NULL, 0, "out of memory");
            goto done;
        }
        bad += k;
    }
    if (!header) {
        error_add(errs, path, 1, "empty file: the header bukti,jenis,id,"
                  "tempat,jumlah is missing");
        bad++;
    }
    rc = bad > 0 ? SIAGA_EINPUT : SIAGA_OK;
done:
    csv_reader_destroy(rd);
    if (f != NULL)
        fclose(f);
    if (rc == SIAGA_OK)
        *out = c;
    else
        raw_certs_destroy(c);
    return rc;
}
