/*
 * timeline.c - the phases of the tally, their places and shift grid, and
 * the audit of shift rosters (see timeline.h).
 *
 * The shift grid.  Each place's phase window is cut into the fewest
 * shifts no longer than the phase's longest shift, of equal length in
 * whole hours where the window allows (17 h with 12 h shifts: 9 h + 8 h;
 * 24 h with 8 h shifts: three 8 h shifts).  A rekap day is one window
 * (08:00-22:00: 7 h + 7 h), so its requirement (panels that day x
 * per_place) is constant on each piece.  Plans are made on this grid;
 * the audit accepts any shifts and measures coverage minute by minute.
 */
#include "model/timeline.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/geo.h"
#include "model/grow.h"

static const char *const KIND[PHASE_KIND_COUNT] = {
    "logistik", "posko", "tps", "kawal", "rekap", "jaga_ppk"};

int phase_kind_parse(const char *name)
{
    for (int k = 0; k < PHASE_KIND_COUNT; k++)
        if (strcmp(name, KIND[k]) == 0)
            return k;
    return -1;
}

const char *phase_kind_name(enum phase_kind k)
{
    return k >= 0 && k < PHASE_KIND_COUNT ? KIND[k] : "?";
}

/* ---- civil time ---------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 0;
}

/* "YYYY-MM-DDTHH:MM" (seconds ":00" accepted); 24:00 is the next day's
 * 00:00, as the Madiun report writes it. */
int tl_parse_time(const char *t, long *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    size_t n = strlen(t);
    if ((n != 16 && n != 19 && n != 10) || digits(t, 4, &y) || t[4] != '-' ||
        digits(t + 5, 2, &mo) || t[7] != '-' || digits(t + 8, 2, &d))
        return -1;
    if (n > 10 && (t[10] != 'T' || digits(t + 11, 2, &h) || t[13] != ':' ||
                   digits(t + 14, 2, &mi)))
        return -1;
    if (n == 19 && (t[16] != ':' || digits(t + 17, 2, &sec) || sec != 0))
        return -1;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        mi > 59 || h > 24 || (h == 24 && mi != 0))
        return -1;
    long leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    *out = days_from_civil(y, mo, d) * 1440 + h * 60 + mi;
    return 0;
}

char *tl_format_time(long minutes, char *buf)
{
    long day = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    long y;
    int rem = (int)(minutes - day * 1440), m, d;
    civil_from_days(day, &y, &m, &d);
    int yy = (int)(y % 10000 + 10000) % 10000;
    snprintf(buf, 24, "%04d-%02d-%02dT%02d:%02d", yy, m % 13, d % 32,
             (rem / 60) % 24, rem % 60);
    return buf;
}

/* ---- defaults ------------------------------------------------------------ */

static long at(int day, int hour) /* February 2024 */
{
    return days_from_civil(2024, 2, day) * 1440 + hour * 60;
}

void timeline_default(struct timeline *tl)
{
    memset(tl, 0, sizeof *tl);
    tl->min_rest = 8 * 60;
    tl->max_shift = 8 * 60;
    tl->speed_kmh = 30;
    tl->road_factor = 1.3;
    tl->rekap_from = 8 * 60;
    tl->rekap_to = 22 * 60;
    tl->desa_per_day = 4;
    tl->panels = 2;
    tl->pilkada = false;
    tl->sulit_delay = 60;
    tl->escort_kmh = 30;
    tl->escort_sulit_kmh = 15;
    tl->escort_handover = 30;
    tl->duty_max = 24 * 60;
    /* PPK and warehouse as reported (../shared/spec/field-practice.md
     * section 4, Malang 2019: 10 armed police + 4 Linmas + 2 TNI per PPK
     * during rekapitulasi, outside the counting room; section 3,
     * Kalimantan Utara 2024: logistics warehouses in 12 h shifts, the PPK
     * venue guarded around the clock).  The warehouse is guarded from
     * 12 Feb 00:00 until the logistics leave for the TPS (14 Feb 00:00). */
    static const struct { const char *id; enum phase_kind k; int d0, h0, d1, h1, per, max, polri, tni, linmas; } D[] = {
        {"logistik", PHASE_LOGISTIK, 12, 0, 14, 0, 2, 12, 0, 0, 0},
        {"posko", PHASE_POSKO, 12, 0, 15, 0, 1, 8, 0, 0, 0},
        {"tps", PHASE_TPS, 14, 6, 15, 2, 0, 24, 0, 0, 0},
        {"kawal", PHASE_KAWAL, 15, 2, 15, 6, 0, 24, 0, 0, 0},
        {"rekap", PHASE_REKAP, 15, 0, 15, 0, 0, 8, 10, 2, 4},
        {"jaga_ppk", PHASE_JAGA_PPK, 15, 0, 15, 0, 2, 12, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof D / sizeof D[0]; i++) {
        struct tl_phase *ph = &tl->phase[tl->nphase++];
        *ph = (struct tl_phase){
            .kind = D[i].k, .start = at(D[i].d0, D[i].h0),
            .end = at(D[i].d1, D[i].h1), .per_place = D[i].per,
            .max_shift = D[i].max * 60, .line = 0,
            .by_force = D[i].polri + D[i].tni + D[i].linmas > 0,
            .polri = D[i].polri, .tni = D[i].tni, .linmas = D[i].linmas};
        snprintf(ph->id, sizeof ph->id, "%s", D[i].id);
    }
}

void timeline_free(struct timeline *tl)
{
    free(tl->rday);
    free(tl->avail);
    free(tl->count);
    tl->rday = NULL;
    tl->avail = NULL;
    tl->count = NULL;
    tl->nrday = tl->navail = tl->caprday = tl->capavail = 0;
    tl->ncount = tl->capcount = 0;
}

int timeline_add_count(struct timeline *tl, const struct tl_count *c)
{
    if (model_grow((void **)&tl->count, tl->ncount, &tl->capcount, sizeof *c))
        return -1;
    tl->count[tl->ncount++] = *c;
    return 0;
}

bool timeline_is_duty(enum phase_kind k)
{
    return k == PHASE_TPS || k == PHASE_KAWAL;
}

int timeline_add_rekap_day(struct timeline *tl, const struct tl_rekap_day *d)
{
    if (model_grow((void **)&tl->rday, tl->nrday, &tl->caprday, sizeof *d))
        return -1;
    tl->rday[tl->nrday++] = *d;
    return 0;
}

int timeline_add_avail(struct timeline *tl, const struct tl_avail *a)
{
    if (model_grow((void **)&tl->avail, tl->navail, &tl->capavail, sizeof *a))
        return -1;
    tl->avail[tl->navail++] = *a;
    return 0;
}

int timeline_max_shift(const struct timeline *tl, int phase)
{
    int m = tl->phase[phase].max_shift;
    return m > 0 ? m : tl->max_shift;
}

int timeline_travel(const struct timeline *tl, double lat, double lon,
                    double lat2, double lon2)
{
    double km = geo_distance_km(lat, lon, lat2, lon2) * tl->road_factor;
    double min = km / tl->speed_kmh * 60.0;
    return (int)ceil(min - 1e-9);
}

void timeline_window(const struct timeline *tl, const struct scenario *s,
                     int m, long *from, long *to)
{
    *from = LONG_MIN / 4;
    *to = LONG_MAX / 4;
    int u = s->member[m].unit, found = 0;
    for (int i = 0; i < tl->navail; i++) {
        const struct tl_avail *a = &tl->avail[i];
        if (a->member == m || (!found && a->unit == u && a->member < 0)) {
            *from = a->from;
            *to = a->to;
            if (a->member == m)
                found = 1;
        }
    }
}

/* ---- layout -------------------------------------------------------------- */

struct lb {
    struct tl_layout *l;
    int capplace, cappiece;
};

static struct tl_place *new_place(struct lb *b)
{
    if (model_grow((void **)&b->l->place, b->l->nplace, &b->capplace,
             sizeof *b->l->place))
        return NULL;
    struct tl_place *p = &b->l->place[b->l->nplace++];
    memset(p, 0, sizeof *p);
    p->desa = -1;
    return p;
}

static int add_piece(struct lb *b, long start, long end, int req)
{
    if (model_grow((void **)&b->l->piece, b->l->npiece, &b->cappiece,
             sizeof *b->l->piece))
        return -1;
    b->l->piece[b->l->npiece++] = (struct tl_piece){b->l->nplace - 1, start,
                                                    end, req};
    return 0;
}

/* Cut [start, end) into the fewest pieces of at most max minutes, equal
 * in whole hours where possible. */
static int split(struct lb *b, long start, long end, int max, int req)
{
    long len = end - start;
    if (len <= 0 || req <= 0)
        return 0;
    long n = (len + max - 1) / max;
    long unit = len % 60 == 0 && max >= 60 ? 60 : 1;
    long q = len / unit, t = start;
    for (long i = 0; i < n; i++) {
        long k = q / n + (i < q % n);
        if (add_piece(b, t, t + k * unit, req) != 0)
            return -1;
        t += k * unit;
    }
    return 0;
}

struct area { double lat, lon; int n; enum grade g; };

/* A desa sorted by its code: the key travels with the index, so the
 * comparator reads no global (qsort has no context argument in C11). */
struct desa_key { const char *code; int d; };

static int cmp_desa_code(const void *a, const void *b)
{
    const struct desa_key *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c != 0)
        return c;
    return (x->d > y->d) - (x->d < y->d);
}

/* The kecamatan and desa as the layout sees them: the mean position and
 * highest grade of their TPS; the desa of kecamatan k in code order (rekap
 * order) at dorder[dfirst[k] .. + dcount[k] - 1]. */
struct areas {
    struct area *kec, *des;
    int *dorder, *dfirst, *dcount;
};

static void areas_free(struct areas *A)
{
    free(A->kec);
    free(A->des);
    free(A->dorder);
    free(A->dfirst);
    free(A->dcount);
}

/* Returns 0, or -1 when out of memory (free with areas_free either way). */
static int areas_build(const struct scenario *s, struct areas *A)
{
    struct area *kec = A->kec = calloc((size_t)s->nkec + 1, sizeof *kec);
    struct area *des = A->des = calloc((size_t)s->ndesa + 1, sizeof *des);
    int *dorder = A->dorder = malloc(sizeof(int) * ((size_t)s->ndesa + 1));
    int *dfirst = A->dfirst = calloc((size_t)s->nkec + 1, sizeof(int));
    int *dcount = A->dcount = calloc((size_t)s->nkec + 1, sizeof(int));
    if (!kec || !des || !dorder || !dfirst || !dcount)
        return -1;
    for (int t = 0; t < s->ntps; t++) {
        const struct tps *tp = &s->tps[t];
        struct area *a[2] = {&kec[tp->kecamatan], &des[tp->desa]};
        for (int i = 0; i < 2; i++) {
            a[i]->lat += tp->lat;
            a[i]->lon += tp->lon;
            if (a[i]->n++ == 0 || tp->grade > a[i]->g)
                a[i]->g = tp->grade;
        }
    }
    for (int k = 0; k < s->nkec; k++)
        if (kec[k].n > 0) {
            kec[k].lat /= kec[k].n;
            kec[k].lon /= kec[k].n;
        }
    for (int d = 0; d < s->ndesa; d++)
        if (des[d].n > 0) {
            des[d].lat /= des[d].n;
            des[d].lon /= des[d].n;
        }
    for (int d = 0; d < s->ndesa; d++)
        dcount[s->desa[d].kecamatan]++;
    for (int k = 1; k < s->nkec; k++)
        dfirst[k] = dfirst[k - 1] + dcount[k - 1];
    int *fill = calloc((size_t)s->nkec + 1, sizeof(int));
    struct desa_key *key = malloc(sizeof *key * ((size_t)s->ndesa + 1));
    if (fill == NULL || key == NULL) {
        free(fill);
        free(key);
        return -1;
    }
    for (int d = 0; d < s->ndesa; d++) {
        int k = s->desa[d].kecamatan;
        key[dfirst[k] + fill[k]++] = (struct desa_key){s->desa[d].code, d};
    }
    for (int k = 0; k < s->nkec; k++)
        qsort(key + dfirst[k], (size_t)dcount[k], sizeof *key, cmp_desa_code);
    for (int d = 0; d < s->ndesa; d++)
        dorder[d] = key[d].d;
    free(fill);
    free(key);
    return 0;
}

/* The pieces of one kecamatan place of phase P needing req persons (per
 * panel for rekap without counts by force, per venue with them).
 * Returns 0, or -1 when out of memory. */
static int kecamatan_pieces(struct lb *b, const struct timeline *tl,
                            const struct areas *A, const struct tl_phase *P,
                            int k, int max, int req)
{
    if (P->kind == PHASE_LOGISTIK)
        return split(b, P->start, P->end, max, req);
    /* the rekap days of this PPK: from the file, else made */
    long first_day = P->start - ((P->start % 1440) + 1440) % 1440;
    long last_end = first_day;
    int given = 0;
    for (int i = 0; i < tl->nrday; i++) {
        const struct tl_rekap_day *r = &tl->rday[i];
        if (r->kecamatan != k)
            continue;
        given = 1;
        if (r->day + 1440 > last_end)
            last_end = r->day + 1440;
        if (P->kind == PHASE_REKAP &&
            split(b, r->day + tl->rekap_from, r->day + tl->rekap_to,
                  max, P->by_force ? req : req * r->panels))
            return -1;
    }
    if (!given) {
        int dcount = A->dcount[k];
        int per_panel = (tl->desa_per_day + tl->panels - 1) / tl->panels;
        for (int i = 0, day = 0; i < dcount; i += tl->desa_per_day, day++) {
            int n = dcount - i < tl->desa_per_day ? dcount - i
                                                  : tl->desa_per_day;
            int panels = (n + per_panel - 1) / per_panel;
            long d0 = first_day + 1440L * day;
            last_end = d0 + 1440;
            if (P->kind == PHASE_REKAP &&
                split(b, d0 + tl->rekap_from, d0 + tl->rekap_to, max,
                      P->by_force ? req : req * panels))
                return -1;
        }
    }
    if (P->kind == PHASE_JAGA_PPK) {
        long end = P->end > P->start ? P->end : last_end;
        if (split(b, P->start, end, max, req))
            return -1;
    }
    return 0;
}

/* Phases held at each kecamatan (logistik, rekap, jaga PPK): one place per
 * kecamatan with TPS (LOG-, REKAP-, PPK-<kec>) and, where the phase counts
 * by force with Linmas, a Linmas place beside it (REKAP-LINMAS-<kec>).
 * Returns 0, or -1 when out of memory. */
static int layout_kecamatan(struct lb *b, const struct timeline *tl,
                            const struct scenario *s, const struct areas *A,
                            int ph)
{
    static const char *const PFX[] = {"LOG", "", "", "", "REKAP", "PPK"};
    const struct tl_phase *P = &tl->phase[ph];
    int max = timeline_max_shift(tl, ph);
    for (int k = 0; k < s->nkec; k++) {
        if (A->kec[k].n == 0)
            continue;
        /* by force: the guard place (polri + tni, at least polri Polri),
         * then the Linmas place; else one guard place of per_place */
        for (int lm = 0; lm < (P->by_force ? 2 : 1); lm++) {
            int req = !P->by_force ? P->per_place
                      : lm ? P->linmas : P->polri + P->tni;
            if (P->by_force && req == 0)
                continue;
            struct tl_place *pl;
            if ((pl = new_place(b)) == NULL)
                return -1;
            snprintf(pl->id, sizeof pl->id, "%s-%s%s", PFX[P->kind],
                     lm ? "LINMAS-" : "", s->kec[k].code);
            pl->phase = ph;
            pl->linmas = lm == 1;
            pl->min_polri = P->by_force && !lm ? P->polri : 0;
            pl->level = TL_KEC;
            pl->region = pl->kec = k;
            pl->kab = s->kec[k].kabupaten;
            pl->grade = A->kec[k].g;
            pl->lat = A->kec[k].lat;
            pl->lon = A->kec[k].lon;
            if (kecamatan_pieces(b, tl, A, P, k, max, req) != 0)
                return -1;
        }
    }
    return 0;
}

/* The phase held at each desa (posko), in rekap order.  Returns 0, or
 * -1 when out of memory. */
static int layout_desa(struct lb *b, const struct timeline *tl,
                       const struct scenario *s, const struct areas *A, int ph)
{
    const struct tl_phase *P = &tl->phase[ph];
    int max = timeline_max_shift(tl, ph);
    for (int i = 0; i < s->ndesa; i++) {
        int d = A->dorder[i];
        struct tl_place *pl;
        if (A->des[d].n == 0)
            continue;
        if ((pl = new_place(b)) == NULL)
            return -1;
        snprintf(pl->id, sizeof pl->id, "POSKO-%s", s->desa[d].code);
        pl->phase = ph;
        pl->linmas = P->kind == PHASE_POSKO;
        pl->level = TL_DESA;
        pl->region = pl->desa = d;
        pl->kec = s->desa[d].kecamatan;
        pl->kab = s->kec[pl->kec].kabupaten;
        pl->grade = A->des[d].g;
        pl->lat = A->des[d].lat;
        pl->lon = A->des[d].lon;
        if (split(b, P->start, P->end, max, P->per_place))
            return -1;
    }
    return 0;
}

/* Election day: the assembly and the default end of counting, from the
 * tps phase (the defaults when the timeline lists none). */
static void election_day(const struct timeline *tl, long *assembly,
                         long *count_end)
{
    *assembly = at(14, 6);
    *count_end = tl->pilkada ? at(14, 22) : at(15, 2);
    for (int i = 0; i < tl->nphase; i++)
        if (tl->phase[i].kind == PHASE_TPS) {
            *assembly = tl->phase[i].start;
            *count_end = tl->phase[i].end;
            break;
        }
}

/* The minute the ballot box of each TPS leaves, into end[0..ntps): the
 * scenario's <counting> row, else the end of counting, later by
 * sulit_delay at a sulit TPS.  (A later row for one TPS cannot occur: the
 * reader refuses a second one.) */
static void tps_ends(const struct timeline *tl, const struct scenario *s,
                     long count_end, long *end)
{
    for (int t = 0; t < s->ntps; t++)
        end[t] = count_end + (s->tps[t].sulit ? tl->sulit_delay : 0);
    for (int i = tl->ncount - 1; i >= 0; i--)
        if (tl->count[i].tps >= 0 && tl->count[i].tps < s->ntps)
            end[tl->count[i].tps] = tl->count[i].end;
}

/* When the boxes of post po leave (its last TPS) and how long the escort
 * takes: the post's TPS in patrol order, the PPS of each of their desa
 * (in order of first appearance), then the PPK, by great circle x
 * road_factor, at the sulit speed when any TPS is sulit, plus the
 * handover. */
static void post_escort(const struct timeline *tl, const struct scenario *s,
                        const struct areas *A, const struct post *po,
                        const long *tps_end, long *leave, long *minutes)
{
    double km = 0, lat = s->tps[po->tps[0]].lat, lon = s->tps[po->tps[0]].lon;
    bool sulit = false;
    *leave = LONG_MIN;
    for (int i = 0; i < po->ntps; i++) {
        const struct tps *tp = &s->tps[po->tps[i]];
        long e = tps_end[po->tps[i]];
        if (e > *leave)
            *leave = e;
        sulit = sulit || tp->sulit;
        km += geo_distance_km(lat, lon, tp->lat, tp->lon);
        lat = tp->lat;
        lon = tp->lon;
    }
    for (int i = 0; i < po->ntps; i++) {
        int d = s->tps[po->tps[i]].desa, seen = 0;
        for (int k = 0; k < i && !seen; k++)
            seen = s->tps[po->tps[k]].desa == d;
        if (seen)
            continue;
        km += geo_distance_km(lat, lon, A->des[d].lat, A->des[d].lon);
        lat = A->des[d].lat;
        lon = A->des[d].lon;
    }
    int k = s->tps[po->tps[0]].kecamatan;
    km += geo_distance_km(lat, lon, A->kec[k].lat, A->kec[k].lon);
    double kmh = sulit ? tl->escort_sulit_kmh : tl->escort_kmh;
    *minutes = (long)ceil(km * tl->road_factor / kmh * 60.0 - 1e-9) +
               tl->escort_handover;
}

static int post_place_id(struct tl_place *pl, const char *pfx,
                         const char *const *post_id, int q, int npost,
                         struct error_list *errs)
{
    if (post_id != NULL) {
        if (strlen(post_id[q]) + strlen(pfx) >= sizeof pl->id) {
            error_add(errs, NULL, 0, "post id %.40s...: longer "
                      "than %zu bytes", post_id[q], sizeof pl->id - 1 - strlen(pfx));
            return SIAGA_EINPUT;
        }
        strcpy(pl->id, pfx);   /* both fit: measured above */
        strcat(pl->id, post_id[q]);
    } else {
        int width = 4;
        for (int n = npost; n >= 10000 && width < 10; n /= 10)
            width++;
        snprintf(pl->id, sizeof pl->id, "%sP%0*d", pfx, width % 11, q + 1);
    }
    return SIAGA_OK;
}

static void post_place(struct tl_place *pl, const struct scenario *s,
                       const struct post *po, int q, int ph)
{
    const struct tps *a = &s->tps[po->tps[0]];
    pl->phase = ph;
    pl->level = TL_POST;
    pl->region = q;
    pl->ntps = po->ntps;
    memcpy(pl->tps, po->tps, sizeof(int) * (size_t)po->ntps);
    pl->desa = a->desa;
    pl->kec = a->kecamatan;
    pl->kab = a->kabupaten;
    pl->grade = po->grade;
    pl->lat = a->lat;
    pl->lon = a->lon;
    pl->min_polri = s->rules.grade[po->grade].min_polri;
}

/* The duty of one place, from the assembly to end: longer than duty_max
 * is an input error (the times given make the duty impossible). */
static int duty_piece(struct lb *b, const struct timeline *tl, long assembly,
                      long start, long end, int req, struct error_list *errs)
{
    char t1[24], t2[24];
    if (end - assembly > tl->duty_max) {
        error_add(errs, NULL, 0, "the election-day duty at %s lasts from %s "
                  "to %s, longer than duty_max_h = %d h; give the timeline a "
                  "larger duty_max_h or the TPS an earlier <counting end>",
                  b->l->place[b->l->nplace - 1].id, tl_format_time(assembly, t1),
                  tl_format_time(end, t2), tl->duty_max / 60);
        return SIAGA_EINPUT;
    }
    if (end > start && req > 0 && add_piece(b, start, end, req) != 0)
        return SIAGA_ENOMEM;
    return SIAGA_OK;
}

/* The TPS phase: one place per post (guards), then one per TPS (Linmas),
 * each one piece from the assembly until the box leaves: the duty.  The
 * kawal phase: one place per post ("KAWAL-P0001"), one piece from the
 * moment its last box leaves for the escort's length.  Returns SIAGA_OK,
 * SIAGA_ENOMEM or SIAGA_EINPUT (a post id too long, a duty too long). */
static int layout_duty(struct lb *b, const struct timeline *tl,
                       const struct scenario *s, const struct areas *A,
                       const struct post *post, const char *const *post_id,
                       int npost, int ph, struct error_list *errs)
{
    bool kawal = tl->phase[ph].kind == PHASE_KAWAL;
    long assembly, count_end;
    struct tl_place *pl;
    char buf[24];
    int rc;
    election_day(tl, &assembly, &count_end);
    long *end = malloc(sizeof(long) * ((size_t)s->ntps + 1));
    if (end == NULL)
        return SIAGA_ENOMEM;
    tps_ends(tl, s, count_end, end);
    rc = SIAGA_OK;
    for (int q = 0; q < npost && rc == SIAGA_OK; q++) {
        const struct post *po = &post[q];
        long leave, esc;
        if ((pl = new_place(b)) == NULL) {
            rc = SIAGA_ENOMEM;
            break;
        }
        if ((rc = post_place_id(pl, kawal ? "KAWAL-" : "", post_id, q, npost,
                                errs)) != SIAGA_OK)
            break;
        post_place(pl, s, po, q, ph);
        post_escort(tl, s, A, po, end, &leave, &esc);
        rc = kawal ? duty_piece(b, tl, assembly, leave, leave + esc,
                                po->required, errs)
                   : duty_piece(b, tl, assembly, assembly, leave,
                                po->required, errs);
    }
    if (rc != SIAGA_OK || kawal || s->rules.linmas_per_tps <= 0) {
        free(end);
        return rc;
    }
    for (int t = 0; t < s->ntps && rc == SIAGA_OK; t++) {
        const struct tps *tp = &s->tps[t];
        if ((pl = new_place(b)) == NULL) {
            rc = SIAGA_ENOMEM;
            break;
        }
        snprintf(pl->id, sizeof pl->id, "TPS-%s", scenario_tps_code(s, t, buf));
        pl->phase = ph;
        pl->linmas = true;
        pl->level = TL_TPS;
        pl->region = t;
        pl->desa = tp->desa;
        pl->kec = tp->kecamatan;
        pl->kab = tp->kabupaten;
        pl->grade = tp->grade;
        pl->lat = tp->lat;
        pl->lon = tp->lon;
        rc = duty_piece(b, tl, assembly, assembly, end[t],
                        s->rules.linmas_per_tps, errs);
    }
    free(end);
    return rc;
}

int timeline_add_duty(struct tl_layout *l, int place, int member, long line)
{
    if (model_grow((void **)&l->duty, l->nduty, &l->capduty, sizeof *l->duty))
        return -1;
    l->duty[l->nduty++] = (struct tl_duty){place, member, line};
    return 0;
}

int timeline_duty_window(const struct tl_layout *l, int place, long *start,
                         long *end)
{
    /* pieces are by place (each appended for the newest place): the
     * first of this place by bisection, not a scan per duty */
    int lo = 0, hi = l->npiece;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (l->piece[mid].place < place)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == l->npiece || l->piece[lo].place != place)
        return -1;
    *start = l->piece[lo].start;
    *end = l->piece[lo].end;
    return 0;
}

int timeline_layout(const struct timeline *tl, const struct scenario *s,
                    const struct post *post, const char *const *post_id,
                    int npost, struct tl_layout *out,
                    struct error_list *errs)
{
    struct lb b = {out, 0, 0};
    struct areas A;
    int rc = SIAGA_ENOMEM;
    memset(out, 0, sizeof *out);
    memset(&A, 0, sizeof A);
    if (areas_build(s, &A) != 0)
        goto done;
    for (int ph = 0; ph < tl->nphase; ph++) {
        switch (tl->phase[ph].kind) {
        case PHASE_LOGISTIK:
        case PHASE_REKAP:
        case PHASE_JAGA_PPK:
            if (layout_kecamatan(&b, tl, s, &A, ph) != 0)
                goto done;
            break;
        case PHASE_POSKO:
            if (layout_desa(&b, tl, s, &A, ph) != 0)
                goto done;
            break;
        case PHASE_TPS:
        case PHASE_KAWAL:
            rc = layout_duty(&b, tl, s, &A, post, post_id, npost, ph, errs);
            if (rc != SIAGA_OK)
                goto done;
            rc = SIAGA_ENOMEM;
            break;
        default:
            break;
        }
    }
    out->start = LONG_MAX;
    out->end = LONG_MIN;
    for (int i = 0; i < out->npiece; i++) {
        if (out->piece[i].start < out->start)
            out->start = out->piece[i].start;
        if (out->piece[i].end > out->end)
            out->end = out->piece[i].end;
    }
    if (out->npiece == 0)
        out->start = out->end = 0;
    rc = SIAGA_OK;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while laying out the timeline");
    if (rc != SIAGA_OK)
        timeline_layout_free(out);
    areas_free(&A);
    return rc;
}

void timeline_layout_free(struct tl_layout *l)
{
    free(l->place);
    free(l->piece);
    free(l->duty);
    memset(l, 0, sizeof *l);
}

static bool covers_area(const struct scenario *s, const struct unit *un,
                        int kab, int kec, int desa)
{
    switch (un->scope) {
    case SCOPE_ANY: return true;
    case SCOPE_KABUPATEN: return un->region == kab;
    case SCOPE_KECAMATAN: return un->region == kec;
    case SCOPE_DESA: return desa >= 0 && un->region == desa;
    case SCOPE_POLRES:
        return kec >= 0 && s->kec_polres != NULL && s->kec_polres[kec] == un->region;
    }
    return false;
}

bool timeline_unit_may(const struct scenario *s, int u, const struct tl_place *p)
{
    const struct unit *un = &s->unit[u];
    if ((un->force == FORCE_LINMAS) != p->linmas)
        return false;
    switch (p->level) {
    case TL_TPS:
        return scenario_unit_covers(s, u, p->region);
    case TL_POST:
        for (int i = 0; i < p->ntps; i++)
            if (!scenario_unit_covers(s, u, p->tps[i]))
                return false;
        return true;
    case TL_DESA:
        return covers_area(s, un, p->kab, p->kec, p->desa);
    case TL_KEC:
        /* the Linmas of a PPK come from the kecamatan's desa */
        if (p->linmas && un->scope == SCOPE_DESA)
            return s->desa[un->region].kecamatan == p->kec;
        return covers_area(s, un, p->kab, p->kec, -1);
    }
    return false;
}

/* ---- audit --------------------------------------------------------------- */

static void note(struct tl_audit *a, const char *file, long line,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void note(struct tl_audit *a, const char *file, long line,
                 const char *fmt, ...)
{
    a->nviolation++;
    if (a->nmessage >= 200)
        return;
    if (model_grow((void **)&a->message, (int)a->nmessage, &a->capmessage,
                   sizeof *a->message) != 0)
        return;
    char body[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    size_t n = strlen(body) + strlen(file) + 32;
    char *msg = malloc(n);
    if (msg == NULL)
        return;
    snprintf(msg, n, "%s:%ld: %s", file, line, body);
    a->message[a->nmessage++] = msg;
}

/* A shift's sort keys and its index, sorted by the audit: the keys travel
 * in the records, so the comparators read no global.  Ties keep index
 * order, so the result is the same on every libc. */
struct shift_key { long i, start, end; int member, place; };

static int cmp_by_member(const void *x, const void *y)
{
    const struct shift_key *a = x, *b = y;
    if (a->member != b->member)
        return (a->member > b->member) - (a->member < b->member);
    if (a->start != b->start)
        return (a->start > b->start) - (a->start < b->start);
    if (a->end != b->end)
        return (a->end > b->end) - (a->end < b->end);
    return (a->i > b->i) - (a->i < b->i);
}

static int cmp_by_place(const void *x, const void *y)
{
    const struct shift_key *a = x, *b = y;
    if (a->place != b->place)
        return (a->place > b->place) - (a->place < b->place);
    if (a->start != b->start)
        return (a->start > b->start) - (a->start < b->start);
    return cmp_by_member(x, y);   /* the order the audit sorted before */
}

static int cmp_long(const void *x, const void *y)
{
    long a = *(const long *)x, b = *(const long *)y;
    return (a > b) - (a < b);
}

long timeline_place_filled(const struct scenario *s, const struct tl_layout *l,
                           int place, const struct tl_shift *shift,
                           long nshift, long *required)
{
    /* breakpoints of the place's pieces and shifts; each elementary
     * segment counts min(required, polri + min(tni, required - min_polri)) */
    const struct tl_place *pl = &l->place[place];
    long np = 0, cap = 2 * nshift + 2;
    for (int i = 0; i < l->npiece; i++)
        cap += 2 * (l->piece[i].place == place);
    long *pt = malloc(sizeof(long) * (size_t)cap);
    long filled = 0;
    *required = 0;
    if (pt == NULL)
        return -1;
    for (int i = 0; i < l->npiece; i++)
        if (l->piece[i].place == place) {
            pt[np++] = l->piece[i].start;
            pt[np++] = l->piece[i].end;
            *required += (l->piece[i].end - l->piece[i].start) * l->piece[i].required;
        }
    for (long i = 0; i < nshift; i++) {
        pt[np++] = shift[i].start;
        pt[np++] = shift[i].end;
    }
    qsort(pt, (size_t)np, sizeof *pt, cmp_long);
    for (long k = 0; k + 1 < np; k++) {
        long a = pt[k], b = pt[k + 1];
        if (a == b)
            continue;
        int req = 0;
        for (int i = 0; i < l->npiece; i++)
            if (l->piece[i].place == place && l->piece[i].start <= a &&
                a < l->piece[i].end)
                req = l->piece[i].required;
        if (req == 0)
            continue;
        long polri = 0, tni = 0;
        for (long i = 0; i < nshift; i++)
            if (shift[i].start <= a && a < shift[i].end) {
                enum force f = s->unit[s->member[shift[i].member].unit].force;
                if (f == FORCE_LINMAS && pl->linmas)
                    polri++;
                else if (f == FORCE_POLRI && !pl->linmas)
                    polri++;
                else if (f == FORCE_TNI && !pl->linmas)
                    tni++;
            }
        long room = req - pl->min_polri;
        long f = polri + (tni < room ? tni : room);
        filled += (f < req ? f : req) * (b - a);
    }
    free(pt);
    return filled;
}

static int cmp_duty(const void *x, const void *y)
{
    const struct tl_duty *a = x, *b = y;
    if (a->member != b->member)
        return (a->member > b->member) - (a->member < b->member);
    return (a->place > b->place) - (a->place < b->place);
}

/* The rules of election-day duty (timeline_audit), on the shifts sorted
 * by member (ix).  Returns 0, or -1 when out of memory. */
static int duty_rules(const struct timeline *tl, const struct scenario *s,
                      const struct tl_layout *l, const struct tl_shift *shift,
                      const struct shift_key *ix, long nshift, const char *file,
                      struct tl_audit *a)
{
    char t1[24], t2[24];
    struct tl_duty *d = malloc(sizeof *d * ((size_t)l->nduty + 1));
    int *held = calloc((size_t)l->nduty + 1, sizeof *held);
    if (d == NULL || held == NULL) {
        free(d);
        free(held);
        return -1;
    }
    if (l->nduty > 0) {
        memcpy(d, l->duty, sizeof *d * (size_t)l->nduty);
        qsort(d, (size_t)l->nduty, sizeof *d, cmp_duty);
    }
    int lo = 0;
    for (long k = 0; k < nshift; k++) {
        const struct tl_shift *sh = &shift[ix[k].i];
        const struct tl_place *pl = &l->place[sh->place];
        enum phase_kind kind = tl->phase[pl->phase].kind;
        const char *id = s->member[sh->member].id;
        while (lo < l->nduty && d[lo].member < sh->member)
            lo++;
        int hi = lo;
        while (hi < l->nduty && d[hi].member == sh->member)
            hi++;
        if (timeline_is_duty(kind)) {
            int j = lo;
            while (j < hi && d[j].place != sh->place)
                j++;
            long ws, we;
            if (j == hi) {
                note(a, file, sh->line, "%s holds a shift at %s but is not on "
                     "its duty in the day roster (%s)", id, pl->id,
                     kind == PHASE_KAWAL ? "the escort is the post's own guards"
                                         : "the post's guards, the TPS's Linmas");
            } else if (timeline_duty_window(l, sh->place, &ws, &we) == 0 &&
                       sh->start <= ws && sh->end >= we) {
                held[j]++;
            }
        } else if (kind == PHASE_POSKO) {
            for (int j = lo; j < hi; j++) {
                long ws, we;
                const struct tl_place *dp = &l->place[d[j].place];
                if (dp->linmas &&
                    timeline_duty_window(l, d[j].place, &ws, &we) == 0 &&
                    sh->start < we && ws < sh->end)
                    note(a, file, sh->line, "%s is at %s from %s to %s while "
                         "on duty at %s (a posko takes no TPS Linmas)", id,
                         pl->id, tl_format_time(sh->start, t1),
                         tl_format_time(sh->end, t2), dp->id);
            }
        }
    }
    for (int j = 0; j < l->nduty; j++) {
        long ws, we;
        if (held[j] == 1 || timeline_duty_window(l, d[j].place, &ws, &we) != 0)
            continue;
        note(a, file, d[j].line, "%s on duty at %s holds %s shift covering %s "
             "to %s (the election-day duty is one continuous shift)",
             s->member[d[j].member].id, l->place[d[j].place].id,
             held[j] == 0 ? "no" : "more than one", tl_format_time(ws, t1),
             tl_format_time(we, t2));
    }
    free(d);
    free(held);
    return 0;
}

int timeline_audit(const struct timeline *tl, const struct scenario *s,
                   const struct tl_layout *l, struct tl_shift *shift,
                   long nshift, const char *file, struct tl_audit *a)
{
    int rc = SIAGA_ENOMEM;
    char t1[24], t2[24];
    memset(a, 0, sizeof *a);
    a->nphase = tl->nphase;
    struct shift_key *ix = malloc(sizeof *ix * ((size_t)nshift + 1));
    a->kab = calloc((size_t)(s->nkab * tl->nphase) + 1, sizeof *a->kab);
    a->kec = calloc((size_t)(s->nkec * tl->nphase) + 1, sizeof *a->kec);
    a->desa = calloc((size_t)(s->ndesa * tl->nphase) + 1, sizeof *a->desa);
    if (!ix || !a->kab || !a->kec || !a->desa)
        goto done;
    for (long i = 0; i < nshift; i++) {
        const struct tl_shift *sh = &shift[i];
        const struct tl_place *pl = &l->place[sh->place];
        const struct member *m = &s->member[sh->member];
        int max = timeline_is_duty(tl->phase[pl->phase].kind)
                      ? tl->duty_max : timeline_max_shift(tl, pl->phase);
        long from, to;
        ix[i] = (struct shift_key){i, sh->start, sh->end, sh->member, sh->place};
        if (sh->end <= sh->start)
            note(a, file, sh->line, "shift of %s at %s ends before it starts",
                 m->id, pl->id);
        else if (sh->end - sh->start > max)
            note(a, file, sh->line, "shift of %s at %s lasts %ld min; the "
                 "longest allowed in phase %s is %d min", m->id, pl->id,
                 sh->end - sh->start, tl->phase[pl->phase].id, max);
        if (!timeline_unit_may(s, m->unit, pl))
            note(a, file, sh->line, "%s (unit %s, %s) may not serve at %s",
                 m->id, s->unit[m->unit].id, force_name(s->unit[m->unit].force),
                 pl->id);
        timeline_window(tl, s, sh->member, &from, &to);
        if (sh->start < from || sh->end > to)
            note(a, file, sh->line, "shift of %s at %s (%s to %s) is outside "
                 "their availability", m->id, pl->id,
                 tl_format_time(sh->start, t1), tl_format_time(sh->end, t2));
    }
    if (nshift > 0)
        qsort(ix, (size_t)nshift, sizeof *ix, cmp_by_member);
    for (long k = 1; k < nshift; k++) {
        const struct tl_shift *p = &shift[ix[k - 1].i], *q = &shift[ix[k].i];
        if (p->member != q->member)
            continue;
        const struct tl_place *pa = &l->place[p->place], *pb = &l->place[q->place];
        const char *id = s->member[q->member].id;
        long gap = q->start - p->end;
        bool escort = pa->level == TL_POST && pb->level == TL_POST &&
                      pa->region == pb->region &&
                      tl->phase[pa->phase].kind == PHASE_TPS &&
                      tl->phase[pb->phase].kind == PHASE_KAWAL;
        if (gap < 0)
            note(a, file, q->line, "%s is at %s and at %s at once (%s)", id,
                 pa->id, pb->id, tl_format_time(q->start, t1));
        else if (escort)
            continue;   /* from the post to its escort: one duty */
        else if (gap < tl->min_rest)
            note(a, file, q->line, "%s rests %ld min between %s and %s; the "
                 "minimum is %d min", id, gap, pa->id, pb->id, tl->min_rest);
        else if (gap < timeline_travel(tl, pa->lat, pa->lon, pb->lat, pb->lon))
            note(a, file, q->line, "%s cannot travel from %s to %s in %ld min",
                 id, pa->id, pb->id, gap);
    }
    if (duty_rules(tl, s, l, shift, ix, nshift, file, a) != 0)
        goto done;
    /* coverage per place, tallied up the hierarchy */
    if (nshift > 0)
        qsort(ix, (size_t)nshift, sizeof *ix, cmp_by_place);
    struct tl_shift *tmp = malloc(sizeof *tmp * ((size_t)nshift + 1));
    if (tmp == NULL)
        goto done;
    long k = 0;
    for (int p = 0; p < l->nplace; p++) {
        long n = 0, req;
        while (k < nshift && ix[k].place < p)
            k++;
        while (k < nshift && ix[k].place == p)
            tmp[n++] = shift[ix[k++].i];
        long f = timeline_place_filled(s, l, p, tmp, n, &req);
        if (f < 0) {
            free(tmp);
            goto done;
        }
        const struct tl_place *pl = &l->place[p];
        int ph = pl->phase;
        struct tl_tally *t[4] = {&a->total[ph], &a->kab[ph * s->nkab + pl->kab],
                                 &a->kec[ph * s->nkec + pl->kec],
                                 pl->desa >= 0 ? &a->desa[ph * s->ndesa + pl->desa] : NULL};
        for (int i = 0; i < 4; i++)
            if (t[i] != NULL) {
                t[i]->required += req;
                t[i]->filled += f;
            }
    }
    free(tmp);
    rc = SIAGA_OK;
done:
    free(ix);
    if (rc != SIAGA_OK)
        timeline_audit_free(a);
    return rc;
}

void timeline_audit_free(struct tl_audit *a)
{
    for (long i = 0; i < a->nmessage; i++)
        free(a->message[i]);
    free(a->message);
    free(a->kab);
    free(a->kec);
    free(a->desa);
    memset(a, 0, sizeof *a);
}
