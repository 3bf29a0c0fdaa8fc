/*
 * import_csv.c - TPS lists as CSV/TSV (spreadsheet exports) and the table
 * of column names shared by every tabular input of the importer.
 *
 * Column names are matched case-insensitively on their letters and digits
 * only, Indonesian or English; unknown columns are ignored (and kept in
 * the rejects file).  A row becomes an imp_row holding the text of each
 * known field and all its original columns; the driver (import.c) checks
 * the values, so every problem of a row is reported by the same code
 * whatever file it came from.
 */
#include "io/import/import_int.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/formats/csv.h"
#include "model/arena.h"
#include "model/grow.h"

/* ---- column names ------------------------------------------------------ */

struct alias { int kinds; int field; const char *names; };

#define K_TPS 1
#define K_GRADES 2
#define K_PERSONNEL 4

/* Names in order of preference, blank-separated, already normalised. */
static const struct alias ALIASES[] = {
    {K_TPS, F_KEC_CODE, "kecamatancode kodekecamatan kodekec keccode kdkec "
                        "kecamatanid districtcode subdistrictcode"},
    {K_TPS, F_KEC, "kecamatan kec namakecamatan kecamatanname district "
                   "subdistrict districtname"},
    {K_TPS | K_GRADES, F_DESA_CODE,
     "kelurahancode desacode desakelurahancode kelurahandesacode kodedesa "
     "kodekelurahan kodedesakelurahan kodekel kddesa kelurahanid desaid "
     "villagecode"},
    {K_TPS, F_DESA, "kelurahan desa desakelurahan kelurahandesa kel "
                    "namadesa namakelurahan desaname kelurahanname village "
                    "villagename"},
    {K_TPS, F_TPS, "tps tpsno notps nomortps tpsnumber numbertps tpsnomor "
                   "nomor number"},
    {K_GRADES, F_TPS, "tpsno notps nomortps tpsnumber"},
    {K_TPS, F_TPS_CODE, "kodetps tpscode tpsid idtps"},
    {K_GRADES, F_TPS_CODE, "tpscode kodetps tpsid idtps tps code kode id"},
    {K_TPS | K_PERSONNEL, F_LAT, "lat latitude lintang"},
    {K_TPS | K_PERSONNEL, F_LON, "lon lng long longitude bujur"},
    {K_TPS, F_COORD, "koordinat coordinates coordinate coords latlon latlng "
                     "latlong titikkoordinat"},
    {K_TPS, F_ADDRESS, "alamat address alamattps lokasi location"},
    {K_TPS, F_VOTERS, "voters dpt jumlahdpt pemilih jumlahpemilih "
                      "jmlpemilih"},
    {K_GRADES, F_GRADE, "grade kerawanan tingkatkerawanan statuskerawanan "
                        "status kategori klasifikasi tingkat rawan level "
                        "risk"},
    {K_PERSONNEL, F_UNIT, "unit unitid satuan kodesatuan idsatuan"},
    {K_PERSONNEL, F_FORCE, "force matra kesatuan instansi"},
    {K_PERSONNEL, F_UNIT_NAME, "unitname namasatuan satuanname namaunit"},
    {K_PERSONNEL, F_SCOPE, "scope lingkup cakupan"},
    {K_PERSONNEL, F_REGION, "region regioncode kodewilayah wilayah "
                            "regionid kode"},
    {K_PERSONNEL, F_MEMBER, "memberid member nrp nip nrpnip idanggota "
                            "personid id"},
    {K_PERSONNEL, F_NAME, "name nama membername namaanggota namapersonel"},
    {K_PERSONNEL, F_RANK, "rank pangkat golongan"},
    {K_PERSONNEL, F_COUNT, "count jumlah kekuatan strength jumlahpersonel"},
};

static void norm_column(const char *s, char *buf, size_t n)
{
    size_t o = 0;
    for (; *s && o + 1 < n; s++)
        if (isalnum((unsigned char)*s))
            buf[o++] = (char)tolower((unsigned char)*s);
    buf[o] = '\0';
}

int imp_field_of(const char *column, int kind, int *rank)
{
    char key[64];
    int bit = kind == 0 ? K_TPS : kind == 1 ? K_GRADES : K_PERSONNEL;
    norm_column(column, key, sizeof key);
    if (key[0] == '\0')
        return -1;
    for (size_t a = 0; a < sizeof ALIASES / sizeof ALIASES[0]; a++) {
        if (!(ALIASES[a].kinds & bit))
            continue;
        const char *p = ALIASES[a].names;
        int r = 0;
        while (*p) {
            size_t len = strcspn(p, " ");
            if (len == strlen(key) && strncmp(p, key, len) == 0) {
                if (rank != NULL)
                    *rank = r;
                return ALIASES[a].field;
            }
            p += len;
            while (*p == ' ')
                p++;
            r++;
        }
    }
    return -1;
}

int imp_map_header(const struct csv_reader *cr, const char *path, int kind,
                   int *col, struct error_list *errs)
{
    int rank[F_NFIELDS], dups = 0;
    for (int f = 0; f < F_NFIELDS; f++)
        col[f] = rank[f] = -1;
    for (int c = 0; c < csv_nfields(cr); c++) {
        int rk, f = imp_field_of(csv_field(cr, c), kind, &rk);
        if (f < 0)
            continue;
        if (col[f] >= 0 && rk == rank[f]) {
            error_add(errs, path, csv_line(cr), "columns %d ('%s') and %d "
                      "('%s') have the same name; which one holds the data? "
                      "Remove or rename one", col[f] + 1,
                      csv_field(cr, col[f]), c + 1, csv_field(cr, c));
            dups++;
        } else if (col[f] < 0 || rk < rank[f]) {
            col[f] = c;
            rank[f] = rk;
        }
    }
    return dups;
}

/* ---- values ------------------------------------------------------------- */

int imp_parse_tps_no(const char *s, int need_prefix, const char **rest)
{
    const char *p = s ? s : "";
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "tps", 3) == 0) {
        p += 3;
        while (*p == ' ' || *p == '.' || *p == '-' || *p == '_' ||
               *p == ':' || *p == '#' || *p == '\t')
            p++;
        if (strncasecmp(p, "no", 2) == 0 && !isalpha((unsigned char)p[2])) {
            p += 2;
            while (*p == ' ' || *p == '.' || *p == ':')
                p++;
        }
    } else if (need_prefix) {
        return -1;
    }
    if (!isdigit((unsigned char)*p))
        return -1;
    long v = 0;
    while (isdigit((unsigned char)*p)) {
        if (v < 100000)
            v = v * 10 + (*p - '0');
        p++;
    }
    if (rest != NULL) {
        while (*p == ' ' || *p == '-' || *p == ',' || *p == ':' ||
               *p == '/' || *p == '(' || *p == '\t')
            p++;
        *rest = p;
    } else {
        while (isspace((unsigned char)*p))
            p++;
        if (*p)
            return -1;  /* a number column holds a number only */
    }
    return (int)v;
}

int imp_parse_number(const char *s, double *v)
{
    char buf[64];
    size_t n = 0;
    int dots = 0, commas = 0;
    const char *p = s ? s : "";

    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return -1;
    for (; *p && n + 1 < sizeof buf; p++) {
        char c = *p;
        if (c == ',') {
            commas++;
            c = '.';
        } else if (c == '.') {
            dots++;
        }
        buf[n++] = c;
    }
    if (*p)
        return -2;
    while (n > 0 && isspace((unsigned char)buf[n - 1]))
        n--;
    buf[n] = '\0';
    if (dots + commas > 1)
        return -2;
    /* only plain decimals: no hex, no exponent, no inf or nan */
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (!(isdigit((unsigned char)c) || c == '.' ||
              ((c == '-' || c == '+') && i == 0)))
            return -2;
    }
    char *end;
    errno = 0;
    double d = strtod(buf, &end);
    if (end == buf || *end != '\0' || errno != 0 || !isfinite(d))
        return -2;
    *v = d;
    return 0;
}

/* ---- rows ---------------------------------------------------------------- */

struct imp_row *imp_new_row(struct imp_rows *rows, int source, long line)
{
    if (model_grow((void **)&rows->row, rows->n, &rows->cap,
                   sizeof *rows->row) != 0)
        return NULL;
    struct imp_row *r = &rows->row[rows->n++];
    memset(r, 0, sizeof *r);
    r->source = source;
    r->line = line;
    r->dup_of = -1;
    r->wrow = -1;
    return r;
}

const char *imp_strdup(struct imp_rows *rows, const char *s)
{
    return s == NULL ? NULL : arena_strdup(rows->arena, s);
}

/* ---- the TPS CSV ----------------------------------------------------------- */

int imp_read_tps_csv(const char *path, struct imp_rows *rows,
                     struct error_list *errs)
{
    int rc = SIAGA_OK, res;
    FILE *fp = NULL;
    struct csv_reader *cr = NULL;
    int col_field[F_NFIELDS];
    int ncol = 0, src = rows->nsrc;
    struct imp_source *s = &rows->src[src];

    for (int k = 0; k < F_NFIELDS; k++)
        col_field[k] = -1;
    fp = fopen(path, "rb");
    if (fp == NULL) {
        rc = error_io(errs, path, "cannot read", errno);
        goto done;
    }
    cr = csv_reader_create(fp, 0);
    if (cr == NULL)
        goto nomem;
    s->path = path;
    rows->nsrc++;
    /* header */
    long before = error_count(errs);
    while ((res = csv_read(cr)) == CSV_BAD)
        error_add(errs, path, csv_line(cr), "%s", csv_message(cr));
    if (res == CSV_NOMEM)
        goto nomem;
    if (res == CSV_EIO) {
        rc = error_io(errs, path, "cannot read", errno);
        goto done;
    }
    if (res == CSV_EOF) {
        if (error_count(errs) == before)   /* not after the reasons */
            error_add(errs, path, 0, "empty file: a header row and one "
                      "row per TPS are expected");
        rc = SIAGA_EINPUT;
        goto done;
    }
    ncol = csv_nfields(cr);
    s->columns = arena_alloc(rows->arena, (size_t)ncol * sizeof *s->columns);
    if (s->columns == NULL)
        goto nomem;
    s->ncolumns = ncol;
    for (int c = 0; c < ncol; c++) {
        s->columns[c] = imp_strdup(rows, csv_field(cr, c));
        if (s->columns[c] == NULL)
            goto nomem;
    }
    if (imp_map_header(cr, path, 0, col_field, errs) > 0)
        rc = SIAGA_EINPUT;
    long header_line = csv_line(cr);
    if (col_field[F_DESA] < 0 && col_field[F_DESA_CODE] < 0 &&
        col_field[F_TPS_CODE] < 0) {
        error_add(errs, path, header_line, "no kelurahan/desa column "
                  "(kelurahan, desa, village, kelurahan_code, desa_code or "
                  "kode_tps)");
        rc = SIAGA_EINPUT;
    }
    if (col_field[F_TPS] < 0 && col_field[F_TPS_CODE] < 0) {
        error_add(errs, path, header_line, "no TPS number column (tps, "
                  "tps_no, no_tps, nomor or kode_tps)");
        rc = SIAGA_EINPUT;
    }
    if ((col_field[F_LAT] < 0 || col_field[F_LON] < 0) &&
        col_field[F_COORD] < 0) {
        error_add(errs, path, header_line, "no coordinate columns (lat/"
                  "latitude/lintang and lon/lng/longitude/bujur, or "
                  "koordinat)");
        rc = SIAGA_EINPUT;
    }
    if (rc != SIAGA_OK)
        goto done;
    while ((res = csv_read(cr)) != CSV_EOF) {
        if (res == CSV_NOMEM)
            goto nomem;
        if (res == CSV_EIO) {
            error_add(errs, path, 0, "cannot read: %s", strerror(errno));
            rc = SIAGA_EIO;
            goto done;
        }
        if (res == CSV_BAD) {
            /* a malformed line is not a row: the file needs fixing */
            error_add(errs, path, csv_line(cr), "%s", csv_message(cr));
            rc = SIAGA_EINPUT;
            continue;
        }
        struct imp_row *r = imp_new_row(rows, src, csv_line(cr));
        if (r == NULL)
            goto nomem;
        int nf = csv_nfields(cr);
        r->norig = nf;
        r->orig = arena_alloc(rows->arena, (size_t)(nf ? nf : 1) * sizeof *r->orig);
        if (r->orig == NULL)
            goto nomem;
        for (int c = 0; c < nf; c++)
            if ((r->orig[c] = imp_strdup(rows, csv_field(cr, c))) == NULL)
                goto nomem;
        for (int k = 0; k < F_NFIELDS; k++)
            if (col_field[k] >= 0 && col_field[k] < nf)
                r->f[k] = r->orig[col_field[k]];
    }
    goto done;
nomem:
    error_add(errs, NULL, 0, "out of memory");
    rc = SIAGA_ENOMEM;
done:
    csv_reader_destroy(cr);
    if (fp != NULL)
        fclose(fp);
    return rc;
}
