/*
 * import.c - the driver of `siaga import` (see import.h): reads the TPS
 * lists, checks every row, resolves the wilayah, applies grades and
 * personnel, builds a struct scenario and writes it with the one scenario
 * writer (io/formats/scenario_write.h, its provenance comment and TPS addresses as
 * extras), and proves it valid by reading it back before it is renamed
 * into place.
 *
 * Checks of a TPS row, in this order (the first that fails is its reason):
 *   1. a TPS number 1..999 (column or 13-digit TPS code; "TPS 001" reads);
 *   2. latitude and longitude present, plain decimal numbers ('.' or a
 *      lone ',' as decimal mark), inside the bounding box of Indonesia
 *      (import.h; the message suggests a lost decimal point or swapped
 *      columns when that would put the point inside);
 *   3. the wilayah: codes must be in the list (and agree with names given
 *      beside them), names must name exactly one desa/kelurahan;
 *   4. no two rows for one TPS (desa code + number): the later ones are
 *      rejected and name the first;
 *   5. not far from its kelurahan: the distance to the median position
 *      (median latitude, median longitude) of the other TPS of the
 *      kelurahan must not exceed max(far_km, far_spread x spread), where
 *      spread is the median of these distances over the kelurahan.  With
 *      fewer than 3 TPS in the kelurahan the other TPS of the kecamatan
 *      are used instead (two points cannot say which of them is wrong).
 *      Why 3 km and 5: in Kota Tangerang 90% of kelurahan have a spread
 *      under 0.75 km (the largest is 0.99 km, in a kelurahan whose list
 *      piles 13 TPS on one wrong point), and a kelurahan there covers
 *      1.5 km2 on average, 6 km2 at most, so no real TPS lies 3 km from
 *      the middle of its own kelurahan; the rows between 3 and 8 km are
 *      pins dropped at a default point or in the neighbouring kelurahan
 *      (scenarios/README.md lists them).  In rural desa (tens of km2)
 *      TPS are kilometres apart and the spread grows with them: five
 *      spreads keeps a scattered desa whole while a TPS an order of
 *      magnitude away is still caught.  Both are options (far_km,
 *      far_spread) for lists where this is wrong;
 *   6. not more than MISPLACED_TPS_KM (50 km) from the median of the other
 *      TPS of its kecamatan, the rule the scenario reader enforces
 *      (formats.md 1.5), repeated until no TPS is removed, so the
 *      scenario written always passes it.
 */
#include "io/import/import.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "io/formats/csv.h"
#include "io/formats/scenario_read.h"
#include "io/formats/scenario_write.h"
#include "io/import/import_int.h"
#include "io/import/wilayah.h"
#include "io/outdir.h"
#include "model/arena.h"
#include "model/geo.h"
#include "model/grow.h"
#include "model/outlier.h"
#include "model/scenario.h"
#include "model/strmap.h"

void import_options_init(struct import_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->far_km = IMPORT_FAR_KM;
    opt->far_spread = IMPORT_FAR_SPREAD;
}

const char *import_reason_name(enum import_reason r)
{
    static const char *const names[REJ_COUNT] = {
        "bad TPS number or value", "coordinates missing",
        "coordinates not numbers", "outside Indonesia",
        "unknown wilayah", "duplicate TPS", "on a shared default pin",
        "far from its kelurahan", "over 50 km from its kecamatan"
    };
    return (int)r >= 0 && r < REJ_COUNT ? names[r] : "?";
}

void import_report_free(struct import_report *rep)
{
    if (rep == NULL)
        return;
    for (int i = 0; i < rep->nreject; i++)
        free(rep->reject[i].message);
    free(rep->reject);
    memset(rep, 0, sizeof *rep);
}

/* A cached name look-up. */
struct lookup { int row, count, nkec; };

struct ctx {
    const struct import_options *opt;
    struct import_report *rep;
    struct error_list *errs;
    struct imp_rows rows;
    struct wilayah *w;
    struct strmap *cache;       /* look-up key -> index in looks */
    struct lookup *looks;
    int nlooks, cap_looks;
    struct strmap *by_code;     /* 13-digit code -> row (first, any state) */
    struct strmap *regions;     /* codes of kept kab/kec/desa */
    int *kept;                  /* kept rows sorted by desa code, number */
    int nkept;
    int nomem;
    int *graded;                /* per row: grade line (0: not graded) */
};

/* ---- rejects ---------------------------------------------------------- */

static void reject(struct ctx *c, struct imp_row *r, enum import_reason why,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void reject(struct ctx *c, struct imp_row *r, enum import_reason why,
                   const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    if (r->rejected)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    r->rejected = 1;
    r->reason = why;
    r->message = arena_strdup(c->rows.arena, buf);
    if (r->message == NULL)
        c->nomem = 1;
}

/* ---- values of a row -------------------------------------------------- */

static int in_box(double lat, double lon)
{
    return lat >= IMPORT_LAT_MIN && lat <= IMPORT_LAT_MAX &&
           lon >= IMPORT_LON_MIN && lon <= IMPORT_LON_MAX;
}

/* A hint when shifting the decimal point of one coordinate, or swapping
 * them, would put the point inside Indonesia. */
static void outside_hint(double lat, double lon, char *buf, size_t n)
{
    buf[0] = '\0';
    if (in_box(lon, lat)) {
        snprintf(buf, n, "; latitude and longitude swapped?");
        return;
    }
    for (int k = 1; k <= 4; k++) {
        double f = pow(10.0, k);
        const double cand[4][2] = {
            {lat, lon * f}, {lat, lon / f}, {lat * f, lon}, {lat / f, lon}
        };
        for (int j = 0; j < 4; j++)
            if (in_box(cand[j][0], cand[j][1])) {
                snprintf(buf, n, "; a misplaced decimal point? (%s %.6g "
                         "would be inside)", j < 2 ? "longitude" : "latitude",
                         j < 2 ? cand[j][1] : cand[j][0]);
                return;
            }
    }
}

static int blank(const char *s)
{
    if (s == NULL)
        return 1;
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

/* Digits of s only, when there are exactly want of them. */
static int digits_of(const char *s, char *out, size_t want)
{
    size_t n = 0;
    for (; s && *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (n == want)
                return -1;
            out[n++] = *s;
        } else if (*s != '.' && *s != ' ' && *s != '-') {
            return -1;
        }
    }
    out[n] = '\0';
    return n == want ? 0 : -1;
}

/* TPS number (and the desa code of a TPS code).  Returns 0, or -1 when
 * rejected. */
static int check_number(struct ctx *c, struct imp_row *r)
{
    const char *tps = r->f[F_TPS], *code = r->f[F_TPS_CODE];
    char code13[14];

    r->no = -1;
    if (!blank(code)) {
        if (digits_of(code, code13, 13) != 0) {
            reject(c, r, REJ_SYNTAX, "TPS code '%s' is not a 13-digit KPU "
                   "code (desa code + TPS number on 3 digits)", code);
            return -1;
        }
        r->no = atoi(code13 + 10);
    }
    if (!blank(tps)) {
        int no = imp_parse_tps_no(tps, 0, NULL);
        if (no < 0) {
            reject(c, r, REJ_SYNTAX, "TPS number '%s' is not a number", tps);
            return -1;
        }
        if (r->no >= 0 && r->no != no) {
            reject(c, r, REJ_SYNTAX, "TPS number %d disagrees with TPS code "
                   "%s", no, code13);
            return -1;
        }
        r->no = no;
    }
    if (r->no < 0) {
        reject(c, r, REJ_SYNTAX, "TPS number missing");
        return -1;
    }
    if (r->no < 1 || r->no > 999) {
        reject(c, r, REJ_SYNTAX, "TPS number %d is outside 1..999", r->no);
        return -1;
    }
    if (!blank(code))
        memcpy(r->desa_code, code13, 10);
    return 0;
}

/* Coordinates and voters.  Returns 0, or -1 when rejected. */
static int check_coords(struct ctx *c, struct imp_row *r)
{
    const char *lat = r->f[F_LAT], *lon = r->f[F_LON];
    char a[64], b[64];
    if (blank(lat) && blank(lon) && !blank(r->f[F_COORD])) {
        /* "lat, lon" or "lat lon" in one column */
        const char *s = r->f[F_COORD];
        size_t n = strcspn(s, ", ;\t");
        const char *t = s + n;
        while (*t == ',' || *t == ' ' || *t == ';' || *t == '\t')
            t++;
        snprintf(a, sizeof a, "%.*s", (int)(n < 63 ? n : 63), s);
        snprintf(b, sizeof b, "%s", t);
        lat = a;
        lon = b;
    }
    if (blank(lat) || blank(lon)) {
        reject(c, r, REJ_NOCOORD, "coordinates missing (%s)",
               blank(lat) && blank(lon) ? "latitude and longitude" :
               blank(lat) ? "latitude" : "longitude");
        return -1;
    }
    int ra = imp_parse_number(lat, &r->lat), rb = imp_parse_number(lon, &r->lon);
    if (ra != 0 || rb != 0) {
        reject(c, r, REJ_NOTNUM, "%s '%s' is not a number",
               ra != 0 ? "latitude" : "longitude", ra != 0 ? lat : lon);
        return -1;
    }
    if (!in_box(r->lat, r->lon)) {
        char hint[128];
        outside_hint(r->lat, r->lon, hint, sizeof hint);
        reject(c, r, REJ_OUTSIDE, "position %s, %s is outside Indonesia "
               "(latitude %g..%g, longitude %g..%g)%s", lat, lon,
               IMPORT_LAT_MIN, IMPORT_LAT_MAX, IMPORT_LON_MIN, IMPORT_LON_MAX,
               hint);
        return -1;
    }
    if (!blank(r->f[F_VOTERS])) {
        double v;
        if (imp_parse_number(r->f[F_VOTERS], &v) != 0 || v < 0 ||
            v != floor(v) || v > 1e6) {
            reject(c, r, REJ_SYNTAX, "voters '%s' is not a whole number",
                   r->f[F_VOTERS]);
            return -1;
        }
    }
    return 0;
}

/* ---- wilayah ---------------------------------------------------------- */

static const struct lookup *lookup(struct ctx *c, const char *kec_code,
                                   const char *kec_name, const char *desa)
{
    char key[800];
    snprintf(key, sizeof key, "%s\x1f%s\x1f%s", kec_code ? kec_code : "",
             kec_name ? kec_name : "", desa ? desa : "");
    int i = strmap_get(c->cache, key);
    if (i >= 0)
        return &c->looks[i];
    if (model_grow((void **)&c->looks, c->nlooks, &c->cap_looks,
                   sizeof *c->looks) != 0)
        return NULL;
    struct lookup *l = &c->looks[c->nlooks];
    l->count = wilayah_find_desa_by_name(c->w, kec_code, kec_name, desa,
                                         &l->row, &l->nkec);
    const char *k = arena_strdup(c->rows.arena, key);
    int old;
    if (k == NULL || strmap_put(c->cache, k, c->nlooks, &old) < 0)
        return NULL;
    return &c->looks[c->nlooks++];
}

static const char *scope_note(struct ctx *c)
{
    static char buf[64];
    if (c->opt->kabupaten == NULL)
        return "in the wilayah list";
    snprintf(buf, sizeof buf, "in kabupaten/kota %s (--kabupaten)",
             c->opt->kabupaten);
    return buf;
}

static int same_name(const char *given, const char *listed)
{
    char a[256], b[256];
    if (strcmp(wilayah_name_key(given, 0, a, sizeof a),
               wilayah_name_key(listed, 0, b, sizeof b)) == 0)
        return 1;
    return strcmp(wilayah_name_key(given, 1, a, sizeof a),
                  wilayah_name_key(listed, 1, b, sizeof b)) == 0;
}

/* Resolve by names: the desa/kecamatan hints of the row, tried in order;
 * the first pair naming exactly one desa wins. */
static int resolve_by_name(struct ctx *c, struct imp_row *r,
                           const char *kec_code)
{
    const char *desa_c[40], *kec_c[40];
    int desa_depth[40];
    int nd = 0;
    if (!blank(r->f[F_DESA])) {
        desa_c[nd] = r->f[F_DESA];
        desa_depth[nd++] = r->nfolders;
    } else {
        for (int f = r->nfolders - 1; f >= 0 && nd < 38; f--)
            if (!blank(r->folders[f])) {
                desa_c[nd] = r->folders[f];
                desa_depth[nd++] = f;
            }
        if (!blank(r->name_rest)) {
            desa_c[nd] = r->name_rest;
            desa_depth[nd++] = r->nfolders;
        }
    }
    if (nd == 0) {
        reject(c, r, REJ_WILAYAH, "no kelurahan/desa given");
        return -1;
    }
    int ambiguous = 0, amb_count = 0, kec_unknown = 0;
    const char *amb_name = NULL;
    for (int d = 0; d < nd; d++) {
        int nk = 0;
        if (kec_code != NULL || !blank(r->f[F_KEC])) {
            kec_c[nk++] = kec_code ? NULL : r->f[F_KEC];
        } else {
            for (int f = desa_depth[d] - 1; f >= 0 && nk < 38; f--)
                if (!blank(r->folders[f]))
                    kec_c[nk++] = r->folders[f];
            kec_c[nk++] = NULL;
        }
        for (int k = 0; k < nk; k++) {
            const struct lookup *l = lookup(c, kec_code, kec_c[k], desa_c[d]);
            if (l == NULL) {
                c->nomem = 1;
                return -1;
            }
            if (l->count == 1) {
                r->wrow = l->row;
                return 0;
            }
            if (l->count > 1 && !ambiguous) {
                ambiguous = 1;
                amb_count = l->count;
                amb_name = desa_c[d];
            }
            if (l->nkec == 0 && kec_c[k] != NULL && nk == 1)
                kec_unknown = 1;
        }
    }
    if (ambiguous) {
        reject(c, r, REJ_WILAYAH, "kelurahan/desa '%s' is ambiguous: %d "
               "match %s; give the kecamatan%s", amb_name, amb_count,
               scope_note(c), c->opt->kabupaten ? " or a code column" :
               " or --kabupaten");
    } else if (kec_unknown) {
        reject(c, r, REJ_WILAYAH, "unknown kecamatan '%s' (not %s)",
               r->f[F_KEC], scope_note(c));
    } else if (r->nfolders > 0 && blank(r->f[F_DESA])) {
        reject(c, r, REJ_WILAYAH, "unknown kelurahan/desa: neither the "
               "folders ('%s'...) nor the name name one %s",
               desa_c[0], scope_note(c));
    } else if (kec_code != NULL || !blank(r->f[F_KEC])) {
        reject(c, r, REJ_WILAYAH, "unknown kelurahan/desa '%s' in "
               "kecamatan %s (not %s)", desa_c[0],
               kec_code ? kec_code : r->f[F_KEC], scope_note(c));
    } else {
        reject(c, r, REJ_WILAYAH, "unknown kelurahan/desa '%s' (not %s)",
               desa_c[0], scope_note(c));
    }
    return -1;
}

static int resolve(struct ctx *c, struct imp_row *r)
{
    const char *dc = r->desa_code[0] ? r->desa_code : r->f[F_DESA_CODE];
    const char *kc = r->f[F_KEC_CODE];
    char kec_code[7], desa_code[11];

    if (!blank(kc) && digits_of(kc, kec_code, 6) != 0) {
        reject(c, r, REJ_WILAYAH, "kecamatan code '%s' is not 6 digits", kc);
        return -1;
    }
    if (!blank(dc)) {
        if (digits_of(dc, desa_code, 10) != 0) {
            reject(c, r, REJ_WILAYAH, "kelurahan code '%s' is not 10 digits",
                   dc);
            return -1;
        }
        if (r->desa_code[0] && !blank(r->f[F_DESA_CODE])) {
            char d2[11];
            if (digits_of(r->f[F_DESA_CODE], d2, 10) != 0 ||
                strcmp(d2, desa_code) != 0) {
                reject(c, r, REJ_WILAYAH, "kelurahan code '%s' disagrees "
                       "with TPS code", r->f[F_DESA_CODE]);
                return -1;
            }
        }
        if (!blank(kc) && strncmp(desa_code, kec_code, 6) != 0) {
            reject(c, r, REJ_WILAYAH, "kelurahan code %s is not in "
                   "kecamatan %s", desa_code, kec_code);
            return -1;
        }
        int w = wilayah_find_desa(c->w, desa_code);
        if (w < 0) {
            reject(c, r, REJ_WILAYAH, "kelurahan code %s is not %s",
                   desa_code, scope_note(c));
            return -1;
        }
        const struct wilayah_row *wr = wilayah_row(c->w, w);
        if (!blank(r->f[F_DESA]) && !same_name(r->f[F_DESA], wr->desa)) {
            reject(c, r, REJ_WILAYAH, "kelurahan code %s is %s in the "
                   "wilayah list, not '%s'", desa_code, wr->desa, r->f[F_DESA]);
            return -1;
        }
        if (!blank(r->f[F_KEC]) && !same_name(r->f[F_KEC], wr->kec)) {
            reject(c, r, REJ_WILAYAH, "kecamatan code %s is %s in the "
                   "wilayah list, not '%s'", wr->kec_code, wr->kec,
                   r->f[F_KEC]);
            return -1;
        }
        r->wrow = w;
        return 0;
    }
    if (!blank(kc)) {
        int w = wilayah_find_kecamatan(c->w, kec_code);
        if (w < 0) {
            reject(c, r, REJ_WILAYAH, "kecamatan code %s is not %s",
                   kec_code, scope_note(c));
            return -1;
        }
        if (!blank(r->f[F_KEC]) &&
            !same_name(r->f[F_KEC], wilayah_row(c->w, w)->kec)) {
            reject(c, r, REJ_WILAYAH, "kecamatan code %s is %s in the "
                   "wilayah list, not '%s'", kec_code,
                   wilayah_row(c->w, w)->kec, r->f[F_KEC]);
            return -1;
        }
        return resolve_by_name(c, r, kec_code);
    }
    return resolve_by_name(c, r, NULL);
}

/* ---- geometry ----------------------------------------------------------- */

/*
 * For the m rows idx[], the distance of each to the median position of
 * the others (d[j], mlat[j], mlon[j]: model/outlier.h, the test the
 * scenario check makes); returns the median of d (the spread), or -1 when
 * out of memory.  m >= 2.
 */
static double distances(struct ctx *c, const int *idx, int m, double *d,
                        double *mlat, double *mlon)
{
    double *lat = malloc((size_t)m * sizeof *lat);
    double *lon = malloc((size_t)m * sizeof *lon);
    double spread = -1;

    if (lat != NULL && lon != NULL) {
        for (int j = 0; j < m; j++) {
            lat[j] = c->rows.row[idx[j]].lat;
            lon[j] = c->rows.row[idx[j]].lon;
        }
        if (outlier_distances(m, lat, lon, mlat, mlon, d, &spread) != 0)
            spread = -1;
    }
    free(lat);
    free(lon);
    return spread;
}

static int cmp_rows_ctx_desa(const struct imp_row *a, const struct imp_row *b)
{
    int k = strcmp(a->desa_code, b->desa_code);
    if (k != 0)
        return k;
    if (a->no != b->no)
        return (a->no > b->no) - (a->no < b->no);
    if (a->source != b->source)
        return (a->source > b->source) - (a->source < b->source);
    return (a->line > b->line) - (a->line < b->line);
}

/* A kept row and where it is: the record carries its key, so the
 * comparator reads no global. */
struct row_key { const struct imp_row *r; int i; };

static int cmp_row_key(const void *a, const void *b)
{
    const struct row_key *x = a, *y = b;
    int k = cmp_rows_ctx_desa(x->r, y->r);
    return k != 0 ? k : (x->i > y->i) - (x->i < y->i);
}

/* The rows not rejected, sorted by desa code and number, into c->kept. */
static int collect_kept(struct ctx *c)
{
    free(c->kept);
    c->kept = malloc((size_t)(c->rows.n ? c->rows.n : 1) * sizeof *c->kept);
    if (c->kept == NULL)
        return -1;
    struct row_key *key = malloc((size_t)(c->rows.n ? c->rows.n : 1) * sizeof *key);
    if (key == NULL)
        return -1;
    c->nkept = 0;
    for (int i = 0; i < c->rows.n; i++)
        if (!c->rows.row[i].rejected)
            key[c->nkept++] = (struct row_key){&c->rows.row[i], i};
    qsort(key, (size_t)c->nkept, sizeof *key, cmp_row_key);
    for (int k = 0; k < c->nkept; k++)
        c->kept[k] = key[k].i;
    free(key);
    return 0;
}

static const char *desa_name(struct ctx *c, const struct imp_row *r)
{
    return wilayah_row(c->w, r->wrow)->desa;
}

/* Step 5a: shared pins.  Rows are hashed by cells of PIN_CELL degrees
 * (about 55 m), so a spot is compared with its own and the 8 next cells. */
#define PIN_CELL 0.0005

static int check_pins(struct ctx *c)
{
    int n = c->nkept, rc = -1;
    int *next = malloc((size_t)(n ? n : 1) * sizeof *next);
    int *mark = calloc((size_t)(n ? n : 1), sizeof *mark);
    int *tail = malloc((size_t)(n ? n : 1) * sizeof *tail);
    double *d = malloc((size_t)(n ? n : 1) * sizeof *d);
    double *mla = malloc((size_t)(n ? n : 1) * sizeof *mla);
    double *mlo = malloc((size_t)(n ? n : 1) * sizeof *mlo);
    struct strmap *cells = strmap_create();
    char key[64];

    if (next == NULL || mark == NULL || tail == NULL || cells == NULL ||
        d == NULL || mla == NULL || mlo == NULL)
        goto done;
    /* distance of each TPS to the median of the rest of its kelurahan */
    for (int ds = 0; ds < n;) {
        int de = ds;
        while (de < n && strcmp(c->rows.row[c->kept[de]].desa_code,
                                c->rows.row[c->kept[ds]].desa_code) == 0)
            de++;
        if (de - ds >= 3) {
            if (distances(c, c->kept + ds, de - ds, d + ds, mla + ds,
                          mlo + ds) < 0)
                goto done;
        } else {
            for (int j = ds; j < de; j++)
                d[j] = HUGE_VAL;
        }
        ds = de;
    }
    for (int k = 0; k < n; k++) {
        const struct imp_row *r = &c->rows.row[c->kept[k]];
        snprintf(key, sizeof key, "%.0f,%.0f", floor(r->lat / PIN_CELL),
                 floor(r->lon / PIN_CELL));
        int old, head = strmap_get(cells, key);
        next[k] = -1;
        if (head >= 0) {
            next[tail[head]] = k;   /* chains run in row order */
            tail[head] = k;
            continue;
        }
        const char *kk = arena_strdup(c->rows.arena, key);
        if (kk == NULL || strmap_put(cells, kk, k, &old) < 0)
            goto done;
        tail[k] = k;
    }
    for (int k = 0; k < n; k++) {
        const struct imp_row *r = &c->rows.row[c->kept[k]];
        const char *seen[IMPORT_PIN_KELURAHAN];
        int nseen = 0;
        double ci = floor(r->lat / PIN_CELL), cj = floor(r->lon / PIN_CELL);
        for (int di = -1; di <= 1 && nseen < IMPORT_PIN_KELURAHAN; di++)
            for (int dj = -1; dj <= 1 && nseen < IMPORT_PIN_KELURAHAN; dj++) {
                snprintf(key, sizeof key, "%.0f,%.0f", ci + di, cj + dj);
                for (int q = strmap_get(cells, key); q >= 0; q = next[q]) {
                    const struct imp_row *o = &c->rows.row[c->kept[q]];
                    if (geo_distance_km(r->lat, r->lon, o->lat, o->lon) >
                        IMPORT_PIN_KM)
                        continue;
                    int j;
                    for (j = 0; j < nseen; j++)
                        if (strcmp(seen[j], o->desa_code) == 0)
                            break;
                    if (j == nseen && nseen < IMPORT_PIN_KELURAHAN)
                        seen[nseen++] = o->desa_code;
                }
            }
        mark[k] = nseen >= IMPORT_PIN_KELURAHAN && d[k] > IMPORT_PIN_OFF_KM;
    }
    for (int k = 0; k < n; k++)
        if (mark[k]) {
            struct imp_row *r = &c->rows.row[c->kept[k]];
            char far[64] = "its kelurahan has too few TPS to compare";
            if (d[k] < HUGE_VAL)
                snprintf(far, sizeof far, "%.1f km from the other TPS of its "
                         "kelurahan", d[k]);
            reject(c, r, REJ_PIN, "TPS %d of %s is at %.5f, %.5f, a spot "
                   "where TPS of %d or more kelurahan sit within %.0f m of "
                   "each other (a default map pin), and %s", r->no,
                   desa_name(c, r), r->lat, r->lon, IMPORT_PIN_KELURAHAN,
                   IMPORT_PIN_KM * 1000, far);
        }
    rc = 0;
done:
    strmap_destroy(cells);
    free(next);
    free(mark);
    free(tail);
    free(d);
    free(mla);
    free(mlo);
    return rc;
}

/* Step 5: far from the kelurahan (or, for kelurahan of 1-2 TPS, from the
 * kecamatan). */
static int check_far(struct ctx *c)
{
    int n = c->nkept, rc = -1;
    double *d = malloc((size_t)(n ? n : 1) * sizeof *d);
    double *mla = malloc((size_t)(n ? n : 1) * sizeof *mla);
    double *mlo = malloc((size_t)(n ? n : 1) * sizeof *mlo);
    int *grp = malloc((size_t)(n ? n : 1) * sizeof *grp);
    if (d == NULL || mla == NULL || mlo == NULL || grp == NULL)
        goto done;
    /* kept[] is sorted by desa code, so kecamatan and desa are runs */
    for (int ks = 0; ks < n;) {
        int ke = ks;
        const char *kc = c->rows.row[c->kept[ks]].desa_code;
        while (ke < n && strncmp(c->rows.row[c->kept[ke]].desa_code, kc, 6) == 0)
            ke++;
        for (int ds = ks; ds < ke;) {
            int de = ds;
            while (de < ke && strcmp(c->rows.row[c->kept[de]].desa_code,
                                     c->rows.row[c->kept[ds]].desa_code) == 0)
                de++;
            int m = de - ds;
            if (m >= 3) {
                double spread = distances(c, c->kept + ds, m, d, mla, mlo);
                if (spread < 0)
                    goto done;
                double lim = fmax(c->opt->far_km, c->opt->far_spread * spread);
                for (int j = 0; j < m; j++)
                    if (d[j] > lim) {
                        struct imp_row *r = &c->rows.row[c->kept[ds + j]];
                        reject(c, r, REJ_FAR, "TPS %d of %s is %.1f km from "
                               "the median position (%.5f, %.5f) of the other "
                               "%d TPS of its kelurahan (limit %.1f km)",
                               r->no, desa_name(c, r), d[j], mla[j], mlo[j],
                               m - 1, lim);
                    }
            } else if (ke - ks >= 3) {
                /* too few to tell: compare with the whole kecamatan */
                int mk = ke - ks;
                double spread = distances(c, c->kept + ks, mk, d, mla, mlo);
                if (spread < 0)
                    goto done;
                double lim = fmax(c->opt->far_km, c->opt->far_spread * spread);
                for (int j = ds - ks; j < de - ks; j++)
                    if (d[j] > lim) {
                        struct imp_row *r = &c->rows.row[c->kept[ks + j]];
                        reject(c, r, REJ_FAR, "TPS %d of %s is %.1f km from "
                               "the median position (%.5f, %.5f) of the other "
                               "%d TPS of its kecamatan (its kelurahan has too "
                               "few TPS to compare; limit %.1f km)", r->no,
                               desa_name(c, r), d[j], mla[j], mlo[j], mk - 1,
                               lim);
                    }
            }
            ds = de;
        }
        ks = ke;
    }
    rc = 0;
done:
    free(d);
    free(mla);
    free(mlo);
    free(grp);
    return rc;
}

/* Step 6: the reader's 50 km rule, until nothing moves. */
static int check_kecamatan(struct ctx *c)
{
    for (;;) {
        int changed = 0, n = c->nkept;
        double *d = malloc((size_t)(n ? n : 1) * sizeof *d);
        double *mla = malloc((size_t)(n ? n : 1) * sizeof *mla);
        double *mlo = malloc((size_t)(n ? n : 1) * sizeof *mlo);
        if (d == NULL || mla == NULL || mlo == NULL) {
            free(d);
            free(mla);
            free(mlo);
            return -1;
        }
        for (int ks = 0; ks < n;) {
            int ke = ks;
            const char *kc = c->rows.row[c->kept[ks]].desa_code;
            while (ke < n &&
                   strncmp(c->rows.row[c->kept[ke]].desa_code, kc, 6) == 0)
                ke++;
            int m = ke - ks;
            if (m >= 3 && distances(c, c->kept + ks, m, d, mla, mlo) >= 0) {
                for (int j = 0; j < m; j++)
                    if (d[j] > MISPLACED_TPS_KM) {
                        struct imp_row *r = &c->rows.row[c->kept[ks + j]];
                        reject(c, r, REJ_KECAMATAN, "TPS %d of %s is %.1f km "
                               "from the median position (%.5f, %.5f) of the "
                               "other %d TPS of its kecamatan (limit %.0f km)",
                               r->no, desa_name(c, r), d[j], mla[j], mlo[j],
                               m - 1, MISPLACED_TPS_KM);
                        changed = 1;
                    }
            }
            ks = ke;
        }
        free(d);
        free(mla);
        free(mlo);
        if (!changed)
            return 0;
        if (collect_kept(c) != 0)
            return -1;
    }
}

/* ---- grades ------------------------------------------------------------ */

struct grade_entry { int grade; long line; };

static int grade_put(void *ctx, const char *code13, int grade,
                     const char *file, long line)
{
    struct ctx *c = ctx;
    int i = strmap_get(c->by_code, code13);
    if (i < 0) {
        error_add(c->errs, file, line, "TPS %s is not in the TPS list",
                  code13);
        return 0;
    }
    struct imp_row *r = &c->rows.row[i];
    if (c->graded[i] != 0) {
        error_add(c->errs, file, line, "TPS %s is graded twice (first at "
                  "line %d)", code13, c->graded[i]);
        return 0;
    }
    c->graded[i] = line > 0 && line < 0x7fffffff ? (int)line : 1;
    if (r->rejected)
        c->rep->grades_for_rejected++;
    r->grade = grade;
    return 0;
}

/* ---- regions for the personnel ----------------------------------------- */

static int has_region(void *ctx, const char *code)
{
    struct ctx *c = ctx;
    return strmap_get(c->regions, code) >= 0;
}

static int build_regions(struct ctx *c)
{
    c->regions = strmap_create();
    if (c->regions == NULL)
        return -1;
    for (int k = 0; k < c->nkept; k++) {
        const struct wilayah_row *w = wilayah_row(c->w, c->rows.row[c->kept[k]].wrow);
        int old;
        if (strmap_put(c->regions, w->desa_code, 1, &old) < 0 ||
            strmap_put(c->regions, w->kec_code, 1, &old) < 0 ||
            strmap_put(c->regions, w->kab_code, 1, &old) < 0)
            return -1;
    }
    return 0;
}

/* ---- output ------------------------------------------------------------- */

double imp_round(double v, int decimals)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return strtod(buf, NULL);
}

/* The provenance comment: the TPS lists read and the rows rejected. */
static void provenance(const struct ctx *c, char *buf, size_t n)
{
    size_t o = (size_t)snprintf(buf, n, " made by siaga import from");
    for (int s = 0; s < c->rows.nsrc && o < n; s++)
        o += (size_t)snprintf(buf + o, n - o, " %s", c->rows.src[s].path);
    if (o < n)
        snprintf(buf + o, n - o, "; %d TPS rows rejected ", c->rep->nreject);
}

/* The scenario's name: --name, else the one kabupaten's. */
static const char *scenario_name(const struct ctx *c, char *buf, size_t n)
{
    if (c->opt->name != NULL)
        return c->opt->name;
    const struct wilayah_row *w0 = wilayah_row(c->w, c->rows.row[c->kept[0]].wrow);
    const struct wilayah_row *w1 =
        wilayah_row(c->w, c->rows.row[c->kept[c->nkept - 1]].wrow);
    if (strcmp(w0->kab_code, w1->kab_code) == 0)
        wilayah_title_case(w0->kab, buf, n);
    else
        snprintf(buf, n, "%d kabupaten/kota", c->rep->kabupaten);
    return buf;
}

/*
 * The kept rows (in desa code order, so every region's children are
 * contiguous, as the scenario writer wants) and the personnel as a
 * scenario with the default rules; (*address)[t] is TPS t's address or
 * NULL.  Coordinates keep 7 decimals (about 1 cm), unit bases 6.
 * Returns 0, or -1 when out of memory (*out and *address then own what
 * was built, for the caller to free).
 */
static int build_scenario(struct ctx *c, const struct imp_personnel *pers,
                          struct scenario **out, const char ***address)
{
    char buf[512];
    int kab = -1, kec = -1, desa = -1;
    struct scenario *s = *out = scenario_create();
    const char **addr = *address = calloc((size_t)c->nkept + 1, sizeof *addr);
    if (s == NULL || addr == NULL)
        return -1;
    s->name = scenario_strdup(s, scenario_name(c, buf, sizeof buf));
    s->date = c->opt->date ? scenario_strdup(s, c->opt->date) : NULL;
    if (s->name == NULL || (c->opt->date != NULL && s->date == NULL))
        return -1;
    for (int k = 0; k < c->nkept; k++) {
        const struct imp_row *r = &c->rows.row[c->kept[k]];
        const struct wilayah_row *wr = wilayah_row(c->w, r->wrow);
        if (kab < 0 || strcmp(s->kab[kab].code, wr->kab_code) != 0) {
            struct kabupaten x = {scenario_strdup(s, wr->kab_code),
                scenario_strdup(s, wilayah_title_case(wr->kab, buf, sizeof buf)), 0};
            if (x.code == NULL || x.name == NULL ||
                (kab = scenario_add_kabupaten(s, &x)) < 0)
                return -1;
            kec = -1;
        }
        if (kec < 0 || strcmp(s->kec[kec].code, wr->kec_code) != 0) {
            struct kecamatan x = {scenario_strdup(s, wr->kec_code),
                scenario_strdup(s, wilayah_title_case(wr->kec, buf, sizeof buf)),
                kab, 0};
            if (x.code == NULL || x.name == NULL ||
                (kec = scenario_add_kecamatan(s, &x)) < 0)
                return -1;
            desa = -1;
        }
        if (desa < 0 || strcmp(s->desa[desa].code, wr->desa_code) != 0) {
            struct desa x = {scenario_strdup(s, wr->desa_code),
                scenario_strdup(s, wilayah_title_case(wr->desa, buf, sizeof buf)),
                kec, 0};
            if (x.code == NULL || x.name == NULL ||
                (desa = scenario_add_desa(s, &x)) < 0)
                return -1;
        }
        struct tps t = {desa, kec, kab, r->no, imp_round(r->lat, 7),
                        imp_round(r->lon, 7), (enum grade)r->grade, -1,
                        false, false, 0};
        if (!blank(r->f[F_VOTERS])) {
            double v = 0;
            imp_parse_number(r->f[F_VOTERS], &v);
            t.voters = (int)v;   /* a whole number 0..1e6 (check_coords) */
        }
        int ti = scenario_add_tps(s, &t);
        if (ti < 0)
            return -1;
        addr[ti] = blank(r->f[F_ADDRESS]) ? NULL : r->f[F_ADDRESS];
    }
    return pers != NULL ? imp_add_personnel(s, pers, c->rep) : 0;
}

static int cmp_reject(const void *a, const void *b)
{
    const struct imp_row *x = *(const struct imp_row *const *)a;
    const struct imp_row *y = *(const struct imp_row *const *)b;
    if (x->source != y->source)
        return (x->source > y->source) - (x->source < y->source);
    return (x->line > y->line) - (x->line < y->line);
}

/* The rejected rows in file and line order into rep->reject. */
static int list_rejects(struct ctx *c, const struct imp_row ***out)
{
    struct import_report *rep = c->rep;
    const struct imp_row **v = malloc((size_t)(c->rows.n ? c->rows.n : 1) * sizeof *v);
    int n = 0;
    if (v == NULL)
        return -1;
    for (int i = 0; i < c->rows.n; i++)
        if (c->rows.row[i].rejected)
            v[n++] = &c->rows.row[i];
    qsort(v, (size_t)n, sizeof *v, cmp_reject);
    rep->reject = calloc((size_t)(n ? n : 1), sizeof *rep->reject);
    if (rep->reject == NULL) {
        free(v);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        struct import_reject *x = &rep->reject[i];
        x->file = c->opt->tps[v[i]->source];
        x->line = v[i]->line;
        x->reason = v[i]->reason;
        x->message = strdup(v[i]->message ? v[i]->message : "");
        if (x->message == NULL) {
            free(v);
            return -1;
        }
        rep->nreject++;
        rep->by_reason[x->reason]++;
    }
    *out = v;
    return 0;
}

/* Original columns (the union over the sources, by name), then file,
 * line and reason. */
static int write_rejects(struct ctx *c, FILE *f, const struct imp_row **v,
                         int n)
{
    const char *col[256];
    int ncol = 0;
    int map[IMPORT_MAX_TPS_FILES][256];
    char num[24];

    for (int s = 0; s < c->rows.nsrc; s++) {
        const struct imp_source *src = &c->rows.src[s];
        for (int j = 0; j < src->ncolumns && j < 256; j++) {
            int k;
            for (k = 0; k < ncol; k++)
                if (strcmp(col[k], src->columns[j]) == 0)
                    break;
            if (k == ncol && ncol < 256)
                col[ncol++] = src->columns[j];
            map[s][j] = k < 256 ? k : -1;
        }
    }
    for (int k = 0; k < ncol; k++)
        csv_write_field(f, col[k], 0);
    csv_write_field(f, "file", 0);
    csv_write_field(f, "line", 0);
    csv_write_field(f, "reason", 1);
    const char **vals = calloc((size_t)(ncol ? ncol : 1), sizeof *vals);
    if (vals == NULL)
        return -1;
    for (int i = 0; i < n; i++) {
        const struct imp_row *r = v[i];
        const struct imp_source *src = &c->rows.src[r->source];
        for (int k = 0; k < ncol; k++)
            vals[k] = "";
        for (int j = 0; j < r->norig && j < src->ncolumns && j < 256; j++)
            if (map[r->source][j] >= 0)
                vals[map[r->source][j]] = r->orig[j];
        /* the rows as read, so text: a cell a spreadsheet would run is
         * neutralised (a coordinate such as -6.17 is a number and stays) */
        for (int k = 0; k < ncol; k++)
            csv_write_text(f, vals[k], 0);
        csv_write_text(f, src->path, 0);
        snprintf(num, sizeof num, "%ld", r->line);
        csv_write_field(f, num, 0);
        csv_write_text(f, r->message, 1);
    }
    free(vals);
    return ferror(f) ? -1 : 0;
}

static int check_options(const struct import_options *opt,
                         struct error_list *errs)
{
    int bad = 0;
    if (opt->ntps < 1 || opt->ntps > IMPORT_MAX_TPS_FILES) {
        error_add(errs, NULL, 0, "ntps = %d; between 1 and %d TPS lists "
                  "(--tps)", opt->ntps, IMPORT_MAX_TPS_FILES);
        bad = 1;
    }
    if (opt->output == NULL) {
        error_add(errs, NULL, 0, "output = NULL; a scenario file (-o)");
        bad = 1;
    }
    if (opt->wilayah == NULL) {
        error_add(errs, NULL, 0, "wilayah = NULL; the wilayah list (--wilayah)");
        bad = 1;
    }
    if (!(opt->far_km >= 0.5 && opt->far_km <= 1000)) {
        error_add(errs, NULL, 0, "far_km = %g; between 0.5 and 1000 km",
                  opt->far_km);
        bad = 1;
    }
    if (!(opt->far_spread >= 1 && opt->far_spread <= 1000)) {
        error_add(errs, NULL, 0, "far_spread = %g; between 1 and 1000",
                  opt->far_spread);
        bad = 1;
    }
    if (opt->kabupaten != NULL) {
        const char *k = opt->kabupaten;
        if (strlen(k) != 4 || strspn(k, "0123456789") != 4) {
            error_add(errs, NULL, 0, "kabupaten = '%s'; a 4-digit "
                      "Kemendagri code such as 3671", k);
            bad = 1;
        }
    }
    if (opt->date != NULL) {
        const char *d = opt->date;
        if (strlen(d) != 10 || d[4] != '-' || d[7] != '-' ||
            strspn(d, "0123456789") != 4 || strspn(d + 5, "0123456789") != 2 ||
            strspn(d + 8, "0123456789") != 2) {
            error_add(errs, NULL, 0, "date = '%s'; YYYY-MM-DD", d);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static int is_kml(const char *path)
{
    size_t n = strlen(path);
    if (n >= 4 && (strcasecmp(path + n - 4, ".kml") == 0))
        return 1;
    if (n >= 4 && (strcasecmp(path + n - 4, ".csv") == 0 ||
                   strcasecmp(path + n - 4, ".tsv") == 0 ||
                   strcasecmp(path + n - 4, ".txt") == 0))
        return 0;
    /* by content: XML starts with '<' after a BOM and blanks */
    FILE *f = fopen(path, "rb");
    int c = EOF, k = 0;
    if (f == NULL)
        return 0;
    while ((c = getc(f)) != EOF && k++ < 64)
        if (c != 0xEF && c != 0xBB && c != 0xBF && c != ' ' && c != '\t' &&
            c != '\r' && c != '\n')
            break;
    fclose(f);
    return c == '<';
}

/* Read every TPS list into c->rows.  Returns SIAGA_OK, SIAGA_EINPUT (in
 * errs) or SIAGA_ENOMEM. */
static int read_tps_lists(struct ctx *c)
{
    const struct import_options *opt = c->opt;
    int rc = SIAGA_OK;
    for (int i = 0; i < opt->ntps; i++) {
        int r = is_kml(opt->tps[i]) ? imp_read_tps_kml(opt->tps[i], &c->rows, c->errs)
                                   : imp_read_tps_csv(opt->tps[i], &c->rows, c->errs);
        if (r == SIAGA_ENOMEM)
            return SIAGA_ENOMEM;
        if (r != SIAGA_OK)
            rc = SIAGA_EINPUT;
    }
    if (rc != SIAGA_OK)
        return rc;
    c->rep->rows = c->rows.n;
    if (c->rows.n == 0) {
        for (int i = 0; i < opt->ntps; i++)
            error_add(c->errs, opt->tps[i], 0, "no TPS rows");
        return SIAGA_EINPUT;
    }
    return SIAGA_OK;
}

/* Checks 1-3 (values and wilayah) and 4 (duplicates) of every row.
 * Returns 0, or -1 when out of memory. */
static int check_rows(struct ctx *c)
{
    for (int i = 0; i < c->rows.n; i++) {
        struct imp_row *r = &c->rows.row[i];
        /* the wilayah is resolved even for a row with bad coordinates
         * (reject keeps the first reason), so its grade is recognised */
        if (check_number(c, r) == 0) {
            check_coords(c, r);
            if (resolve(c, r) == 0)
                memcpy(r->desa_code, wilayah_row(c->w, r->wrow)->desa_code, 11);
        }
        if (c->nomem)
            return -1;
        if (r->wrow < 0)
            continue;
        char code[16];
        snprintf(code, sizeof code, "%s%03d", r->desa_code, r->no);
        const char *key = arena_strdup(c->rows.arena, code);
        int old;
        if (key == NULL)
            return -1;
        int put = strmap_put(c->by_code, key, i, &old);
        if (put < 0)
            return -1;
        if (put == 1) {
            const struct imp_row *first = &c->rows.row[old];
            r->dup_of = old;
            if (first->source == r->source)
                reject(c, r, REJ_DUPLICATE, "duplicate of TPS %d of %s at "
                       "line %ld", r->no, r->desa_code, first->line);
            else
                reject(c, r, REJ_DUPLICATE, "duplicate of TPS %d of %s at "
                       "%s:%ld", r->no, r->desa_code,
                       c->opt->tps[first->source], first->line);
            if (c->nomem)
                return -1;
        }
    }
    return 0;
}

/* TPS, kabupaten, kecamatan and desa kept, into the report. */
static void count_kept(struct ctx *c)
{
    struct import_report *rep = c->rep;
    for (int k = 0; k < c->nkept; k++) {
        const struct imp_row *r = &c->rows.row[c->kept[k]];
        const struct imp_row *p = k ? &c->rows.row[c->kept[k - 1]] : NULL;
        rep->tps++;
        if (p == NULL || strncmp(p->desa_code, r->desa_code, 4) != 0)
            rep->kabupaten++;
        if (p == NULL || strncmp(p->desa_code, r->desa_code, 6) != 0)
            rep->kecamatan++;
        if (p == NULL || strcmp(p->desa_code, r->desa_code) != 0)
            rep->desa++;
    }
}

/* The grades file (when given) onto the rows, and the grade counts.
 * Returns SIAGA_OK, SIAGA_EINPUT (in errs) or SIAGA_ENOMEM. */
static int apply_grades(struct ctx *c)
{
    int rc = SIAGA_OK;
    c->graded = calloc((size_t)c->rows.n, sizeof *c->graded);
    if (c->graded == NULL)
        return SIAGA_ENOMEM;
    if (c->opt->grades != NULL) {
        struct imp_grade_sink sink = {c, grade_put};
        int r = imp_read_grades(c->opt->grades, &sink, c->errs);
        if (r == SIAGA_ENOMEM)
            return SIAGA_ENOMEM;
        if (r != SIAGA_OK)
            rc = SIAGA_EINPUT;
    }
    for (int k = 0; k < c->nkept; k++) {
        struct imp_row *r = &c->rows.row[c->kept[k]];
        if (c->graded[c->kept[k]] == 0) {
            /* the KPU numbers TPS khusus (prison, hospital, pesantren)
             * from 901 (formats 1.6); a grade given in the file wins */
            if (r->no >= IMP_KHUSUS_FROM) {
                r->grade = GRADE_KHUSUS;
                c->rep->khusus_by_number++;
            } else {
                c->rep->graded_default++;
            }
        }
        c->rep->grade[r->grade]++;
    }
    return rc;
}

/* Is the scenario at path one the reader takes?  SIAGA_OK, or the
 * reader's complaints under output in errs and SIAGA_EINPUT or
 * SIAGA_ENOMEM. */
static int prove_valid(const char *path, const char *output,
                       struct error_list *errs)
{
    struct error_list verr;
    struct scenario *s = NULL;
    int rc = SIAGA_OK;
    error_list_init(&verr);
    int v = io_read_scenario(path, &s, &verr);
    scenario_destroy(s);
    if (v != SIAGA_OK) {
        error_add(errs, output, 0, "the scenario built does not "
                  "validate (nothing written):");
        for (int i = 0; i < verr.n; i++)
            error_add(errs, output, verr.items[i].line, "%s",
                      verr.items[i].message);
        rc = v == SIAGA_ENOMEM ? SIAGA_ENOMEM : SIAGA_EINPUT;
    }
    error_list_free(&verr);
    return rc;
}

/* Write the scenario built and (when asked) the rejects, both complete
 * and the scenario proven valid before either is renamed into place.
 * Returns SIAGA_OK, SIAGA_EIO, SIAGA_EINPUT or SIAGA_ENOMEM (in errs). */
static int write_outputs(struct ctx *c, const struct scenario *built,
                         const char *const *address,
                         const struct imp_row **rejected)
{
    const struct import_options *opt = c->opt;
    struct error_list *errs = c->errs;
    struct outfile af_out, af_rej;
    int rc = SIAGA_EIO;
    char comment[512];
    memset(&af_out, 0, sizeof af_out);
    memset(&af_rej, 0, sizeof af_rej);
    provenance(c, comment, sizeof comment);
    const struct scenario_extras extras = {comment, "imp", "urn:siaga:import:1",
                                           "imp:address", address};
    if (outfile_open(&af_out, opt->output, errs) != 0 ||
        (opt->rejects != NULL && outfile_open(&af_rej, opt->rejects, errs) != 0))
        goto done;
    if (io_write_scenario_with(af_out.fp, built, NULL, &extras) != 0) {
        error_add(errs, opt->output, 0, "cannot write: %s", strerror(errno));
        goto done;
    }
    if (outfile_finish(&af_out, errs) != 0)
        goto done;
    if (opt->rejects != NULL &&
        (write_rejects(c, af_rej.fp, rejected, c->rep->nreject) != 0 ||
         outfile_finish(&af_rej, errs) != 0)) {
        error_add(errs, opt->rejects, 0, "cannot write the rejects");
        goto done;
    }
    /* prove the scenario valid before it takes the place of anything */
    rc = prove_valid(af_out.tmp, opt->output, errs);
    if (rc != SIAGA_OK)
        goto done;
    if ((opt->rejects != NULL && outfile_rename(&af_rej, errs) != 0) ||
        outfile_rename(&af_out, errs) != 0)
        rc = SIAGA_EIO;
done:
    outfile_close(&af_rej);
    outfile_close(&af_out);
    return rc;
}

int io_import(const struct import_options *opt, struct import_report *rep,
              struct error_list *errs)
{
    int rc = SIAGA_OK;
    struct ctx c;
    struct imp_personnel *pers = NULL;
    const struct imp_row **rejected = NULL;
    struct scenario *built = NULL;
    const char **address = NULL;
    long errs_before = error_count(errs);

    memset(rep, 0, sizeof *rep);
    memset(&c, 0, sizeof c);
    c.opt = opt;
    c.rep = rep;
    c.errs = errs;
    c.rows.rep = rep;
    if (check_options(opt, errs) != 0) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    c.rows.arena = arena_create();
    c.cache = strmap_create();
    c.by_code = strmap_create();
    if (c.rows.arena == NULL || c.cache == NULL || c.by_code == NULL)
        goto nomem;
    /* an input that cannot be read is bad input; SIAGA_EIO is kept for
     * outputs that cannot be written */
    rc = wilayah_load(opt->wilayah, opt->kabupaten, &c.w, errs);
    if (rc == SIAGA_EIO)
        rc = SIAGA_EINPUT;
    if (rc != SIAGA_OK)
        goto done;
    rc = read_tps_lists(&c);
    if (rc == SIAGA_ENOMEM)
        goto nomem;
    if (rc != SIAGA_OK)
        goto done;

    /* 1-4: values, wilayah, duplicates; 5, 6: positions */
    if (check_rows(&c) != 0)
        goto nomem;
    if (collect_kept(&c) != 0 || check_pins(&c) != 0 || c.nomem ||
        collect_kept(&c) != 0 || check_far(&c) != 0 || c.nomem ||
        collect_kept(&c) != 0 || check_kecamatan(&c) != 0 || c.nomem)
        goto nomem;
    if (list_rejects(&c, &rejected) != 0)
        goto nomem;
    count_kept(&c);
    rc = apply_grades(&c);
    if (rc == SIAGA_ENOMEM)
        goto nomem;

    /* personnel */
    if (build_regions(&c) != 0)
        goto nomem;
    if (opt->personnel != NULL) {
        struct imp_regions regions = {&c, has_region};
        int r = imp_read_personnel(opt->personnel, &regions, &pers, errs);
        if (r == SIAGA_ENOMEM)
            goto nomem;
        if (r != SIAGA_OK)
            rc = SIAGA_EINPUT;
    }
    if (rc == SIAGA_OK && error_count(errs) > errs_before)
        rc = SIAGA_EINPUT;
    if (c.nkept == 0) {
        error_add(errs, NULL, 0, "no TPS left: every row was rejected");
        if (rc == SIAGA_OK)
            rc = SIAGA_EINPUT;
    }
    if (rc == SIAGA_OK && rep->nreject > 0 && opt->rejects == NULL)
        rc = SIAGA_EINPUT;
    if (rc != SIAGA_OK)
        goto done;

    if (build_scenario(&c, pers, &built, &address) != 0)
        goto nomem;
    rc = write_outputs(&c, built, address, rejected);
    goto done;
nomem:
    error_add(errs, NULL, 0, "out of memory");
    rc = SIAGA_ENOMEM;
done:
    free(rejected);
    scenario_destroy(built);
    free(address);
    imp_personnel_destroy(pers);
    wilayah_destroy(c.w);
    strmap_destroy(c.cache);
    strmap_destroy(c.by_code);
    strmap_destroy(c.regions);
    free(c.looks);
    free(c.kept);
    free(c.graded);
    free(c.rows.row);
    arena_destroy(c.rows.arena);
    return rc;
}
