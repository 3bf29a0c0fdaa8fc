/*
 * scenario_check.c - the semantic checks of formats.md 1.5 that a schema
 * cannot make, on a scenario from any source (file, overlay, test).
 *
 * Builds the look-up index on the way (duplicates are found there) and
 * reports every problem with s->file and the line of the offending
 * element.  Rules carry no line (struct rules keeps none), so rule
 * problems are reported with line 0; the file reader checks rules itself
 * with their lines first.
 *
 * Misplaced TPS: a TPS is compared with the component-wise median (median
 * latitude, median longitude) of the other TPS of its kecamatan, and only
 * when there are at least MISPLACED_MIN_OTHERS of them.  With two others
 * the median is their midpoint, so one far-off TPS may also make its two
 * neighbours look misplaced; it is itself always reported.  TPS whose own
 * coordinates are out of range are reported as such and left out of the
 * medians.  Longitudes are on a circle: the median longitude is taken
 * with the circle cut at the widest gap between the kecamatan's TPS, so a
 * kecamatan across the antimeridian (179.9 and -179.9) has its median
 * there, not on the far side of the earth.  Cost: one sort per kecamatan,
 * O(n log n) overall.
 */
#include "model/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/geo.h"
#include "model/outlier.h"
#include "model/strmap.h"

/* Fewest other TPS in a kecamatan for the misplaced-TPS test. */
#define MISPLACED_MIN_OTHERS 2

struct ck {
    struct scenario *s;
    struct error_list *errs;
    long nerr;
    int nomem;
};

static void report(struct ck *ck, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void report(struct ck *ck, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_addv(ck->errs, ck->s->file, line, fmt, ap);
    va_end(ap);
    ck->nerr++;
}

static bool lat_ok(double lat) { return lat >= -90.0 && lat <= 90.0; }
static bool lon_ok(double lon) { return lon >= -180.0 && lon <= 180.0; }

/* code is exactly n ASCII digits. */
static bool is_code(const char *code, size_t n)
{
    if (code == NULL || strlen(code) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}

static bool has_prefix(const char *code, const char *parent)
{
    return strncmp(code, parent, strlen(parent)) == 0;
}

/* Put key in index ix; on a duplicate, *first is the earlier record.
 * Returns 0 inserted, 1 duplicate, -1 out of memory (ck->nomem set). */
static int index_put(struct ck *ck, enum scenario_index ix, const char *key,
                     int value, int *first)
{
    int r = strmap_put(ck->s->index[ix], key, value, first);
    if (r < 0)
        ck->nomem = 1;
    return r;
}

static void check_rules(struct ck *ck)
{
    const struct rules *r = &ck->s->rules;
    for (int g = 0; g < GRADE_COUNT; g++) {
        const struct grade_rule *gr = &r->grade[g];
        const char *name = grade_name((enum grade)g);
        if (gr->guards < 1)
            report(ck, 0, "grade %s: guards = %d; must be at least 1", name,
                   gr->guards);
        if (gr->guards > MAX_GUARDS_PER_POST)
            report(ck, 0, "grade %s: guards = %d; more than the limit of %d",
                   name, gr->guards, MAX_GUARDS_PER_POST);
        if (gr->tps_per_post < 1)
            report(ck, 0, "grade %s: tps_per_post = %d; must be at least 1",
                   name, gr->tps_per_post);
        if (gr->tps_per_post > MAX_TPS_PER_POST)
            report(ck, 0, "grade %s: tps_per_post = %d; more than the limit "
                   "of %d", name, gr->tps_per_post, MAX_TPS_PER_POST);
        if (gr->min_polri < 0)
            report(ck, 0, "grade %s: min_polri = %d; must not be negative",
                   name, gr->min_polri);
        if (gr->guards < gr->min_polri)
            report(ck, 0, "grade %s: guards = %d; less than min_polri = %d",
                   name, gr->guards, gr->min_polri);
        if (!(gr->radius_km >= 0.0) || !isfinite(gr->radius_km))
            report(ck, 0, "grade %s: radius_km = %g; must be a finite "
                   "distance >= 0", name, gr->radius_km);
        else if (gr->radius_km > MAX_RADIUS_KM) {
            char num[32];
            report(ck, 0, "grade %s: radius_km = %s; more than the limit "
                   "of %g km", name, scenario_fmt_number(gr->radius_km, num),
                   MAX_RADIUS_KM);
        }
    }
    if (r->linmas_per_tps < 0)
        report(ck, 0, "linmas: per_tps = %d; must not be negative",
               r->linmas_per_tps);
    if (r->linmas_per_tps > MAX_LINMAS_PER_TPS)
        report(ck, 0, "linmas: per_tps = %d; more than the limit of %d",
               r->linmas_per_tps, MAX_LINMAS_PER_TPS);
}

static void check_regions(struct ck *ck)
{
    struct scenario *s = ck->s;
    int first;

    for (int i = 0; i < s->nkab && !ck->nomem; i++) {
        const struct kabupaten *k = &s->kab[i];
        if (!is_code(k->code, 4))
            report(ck, k->line, "kabupaten code '%s' must be 4 digits",
                   k->code);
        if (index_put(ck, IX_KAB, k->code, i, &first) == 1)
            report(ck, k->line, "duplicate kabupaten %s (first at line %ld)",
                   k->code, s->kab[first].line);
    }
    for (int i = 0; i < s->nkec && !ck->nomem; i++) {
        const struct kecamatan *k = &s->kec[i];
        if (!is_code(k->code, 6))
            report(ck, k->line, "kecamatan code '%s' must be 6 digits",
                   k->code);
        if (k->kabupaten < 0 || k->kabupaten >= s->nkab)
            report(ck, k->line, "kecamatan %s: no kabupaten", k->code);
        else if (!has_prefix(k->code, s->kab[k->kabupaten].code))
            report(ck, k->line, "kecamatan %s does not start with the code "
                   "of its kabupaten %s", k->code,
                   s->kab[k->kabupaten].code);
        if (index_put(ck, IX_KEC, k->code, i, &first) == 1)
            report(ck, k->line, "duplicate kecamatan %s (first at line %ld)",
                   k->code, s->kec[first].line);
    }
    for (int i = 0; i < s->ndesa && !ck->nomem; i++) {
        const struct desa *d = &s->desa[i];
        if (!is_code(d->code, 10))
            report(ck, d->line, "desa code '%s' must be 10 digits", d->code);
        if (d->kecamatan < 0 || d->kecamatan >= s->nkec)
            report(ck, d->line, "desa %s: no kecamatan", d->code);
        else if (!has_prefix(d->code, s->kec[d->kecamatan].code))
            report(ck, d->line, "desa %s does not start with the code of "
                   "its kecamatan %s", d->code, s->kec[d->kecamatan].code);
        if (index_put(ck, IX_DESA, d->code, i, &first) == 1)
            report(ck, d->line, "duplicate desa %s (first at line %ld)",
                   d->code, s->desa[first].line);
    }
}

/* The region indices of TPS t agree with each other and with the desa. */
static bool tps_linked(const struct scenario *s, const struct tps *t)
{
    if (t->desa < 0 || t->desa >= s->ndesa)
        return false;
    const struct desa *d = &s->desa[t->desa];
    if (t->kecamatan != d->kecamatan || t->kecamatan < 0 ||
        t->kecamatan >= s->nkec)
        return false;
    return t->kabupaten == s->kec[t->kecamatan].kabupaten &&
           t->kabupaten >= 0 && t->kabupaten < s->nkab;
}

static void check_tps(struct ck *ck)
{
    struct scenario *s = ck->s;
    int first;

    for (int i = 0; i < s->ntps && !ck->nomem; i++) {
        const struct tps *t = &s->tps[i];
        if (!tps_linked(s, t)) {
            report(ck, t->line, "TPS %d: inconsistent region indices", t->no);
            continue;
        }
        const char *dcode = s->desa[t->desa].code;
        if (t->no < 1 || t->no > 999)
            report(ck, t->line, "TPS %s/%d: no = %d; must be 1..999", dcode,
                   t->no, t->no);
        if ((int)t->grade < 0 || t->grade >= GRADE_COUNT)
            report(ck, t->line, "TPS %s/%d: unknown grade", dcode, t->no);
        size_t n = strlen(dcode) + 12;
        char *code = arena_alloc(s->arena, n);
        if (code == NULL) {
            ck->nomem = 1;
            break;
        }
        snprintf(code, n, "%s%03d", dcode, t->no);
        char num[32];
        if (!lat_ok(t->lat))
            report(ck, t->line, "TPS %s: latitude %s is outside -90..90",
                   code, scenario_fmt_number(t->lat, num));
        if (!lon_ok(t->lon))
            report(ck, t->line, "TPS %s: longitude %s is outside -180..180",
                   code, scenario_fmt_number(t->lon, num));
        /* Two desa with one code give their TPS one code: the duplicate
         * desa is reported already. */
        if (index_put(ck, IX_TPS, code, i, &first) == 1 &&
            s->tps[first].desa == t->desa)
            report(ck, t->line, "duplicate TPS %s (first at line %ld)", code,
                   s->tps[first].line);
    }
}

static void check_units(struct ck *ck)
{
    struct scenario *s = ck->s;
    static const char *const KIND[] = {"", "kabupaten", "kecamatan", "desa",
                                       "polres"};
    int first;

    for (int i = 0; i < s->nunit && !ck->nomem; i++) {
        const struct unit *u = &s->unit[i];
        int nreg[] = {0, s->nkab, s->nkec, s->ndesa, s->npolres};
        if (index_put(ck, IX_UNIT, u->id, i, &first) == 1)
            report(ck, u->line, "duplicate unit %s (first at line %ld)",
                   u->id, s->unit[first].line);
        if ((int)u->force < 0 || u->force >= FORCE_COUNT)
            report(ck, u->line, "unit %s: unknown force", u->id);
        if ((int)u->scope < SCOPE_ANY || u->scope > SCOPE_POLRES)
            report(ck, u->line, "unit %s: unknown scope", u->id);
        else if (u->scope != SCOPE_ANY &&
                 (u->region < 0 || u->region >= nreg[u->scope]))
            report(ck, u->line, "unit %s: its %s is not in the scenario",
                   u->id, KIND[u->scope]);
        char num[32];
        if (u->has_base && !lat_ok(u->lat))
            report(ck, u->line, "unit %s: latitude %s is outside -90..90",
                   u->id, scenario_fmt_number(u->lat, num));
        if (u->has_base && !lon_ok(u->lon))
            report(ck, u->line, "unit %s: longitude %s is outside "
                   "-180..180", u->id, scenario_fmt_number(u->lon, num));
        /* count 0 means "members listed" (struct unit), so only a
         * negative count can be told apart here; the schema refuses
         * count="0" in a file. */
        if (u->count < 0)
            report(ck, u->line, "unit %s: count = %d; must be positive",
                   u->id, u->count);
        if (u->first_member < 0 || u->nmembers < 0 ||
            u->first_member + u->nmembers > s->nmember)
            report(ck, u->line, "unit %s: members out of range", u->id);
    }
    int said = -1;   /* the unit whose made ids were reported */
    for (int i = 0; i < s->nmember && !ck->nomem; i++) {
        const struct member *m = &s->member[i];
        if (index_put(ck, IX_MEMBER, m->id, i, &first) == 1)
            report(ck, m->line, "duplicate member %s (first at line %ld)",
                   m->id, s->member[first].line);
        /* ids made by count="N" (UNITID-001) must fit the id grammar
         * too, or plan would write a roster that check refuses; listed
         * ids were held to it by the schema */
        const struct unit *u = &s->unit[m->unit];
        char why[64];
        const char *bad;
        if (u->count > 0 && m->unit != said &&
            (bad = scenario_id_problem(m->id, why)) != NULL) {
            report(ck, u->line, "unit %s: the member ids made by "
                   "count=\"%d\" do not fit the id grammar: the first, "
                   "%.40s..., %s; shorten the unit id", u->id, u->count,
                   m->id, bad);
            said = m->unit;
        }
    }
}

static void check_misplaced(struct ck *ck)
{
    struct scenario *s = ck->s;
    int *start = NULL, *order = NULL;
    double *lat = NULL, *lon = NULL, *mlat = NULL, *mlon = NULL, *d = NULL;
    int n = s->ntps, nk = s->nkec;

    if (n == 0 || nk == 0)
        return;
    start = calloc((size_t)nk + 1, sizeof *start);
    order = malloc((size_t)n * sizeof *order);
    lat = malloc((size_t)n * sizeof *lat);
    lon = malloc((size_t)n * sizeof *lon);
    mlat = malloc((size_t)n * sizeof *mlat);
    mlon = malloc((size_t)n * sizeof *mlon);
    d = malloc((size_t)n * sizeof *d);
    if (!start || !order || !lat || !lon || !mlat || !mlon || !d) {
        ck->nomem = 1;
        goto done;
    }
    /* Group usable TPS by kecamatan (counting sort). */
    for (int i = 0; i < n; i++) {
        const struct tps *t = &s->tps[i];
        if (tps_linked(s, t) && lat_ok(t->lat) && lon_ok(t->lon))
            start[t->kecamatan + 1]++;
    }
    for (int k = 0; k < nk; k++)
        start[k + 1] += start[k];
    {
        int *fill = calloc((size_t)nk, sizeof *fill);
        if (fill == NULL) {
            ck->nomem = 1;
            goto done;
        }
        for (int k = 0; k < nk; k++)
            fill[k] = start[k];
        for (int i = 0; i < n; i++) {
            const struct tps *t = &s->tps[i];
            if (tps_linked(s, t) && lat_ok(t->lat) && lon_ok(t->lon))
                order[fill[t->kecamatan]++] = i;
        }
        free(fill);
    }
    for (int k = 0; k < nk; k++) {
        const int *group = order + start[k];
        int m = start[k + 1] - start[k];
        if (m - 1 < MISPLACED_MIN_OTHERS)
            continue;
        for (int j = 0; j < m; j++) {
            lat[j] = s->tps[group[j]].lat;
            lon[j] = s->tps[group[j]].lon;
        }
        if (outlier_distances(m, lat, lon, mlat, mlon, d, NULL) != 0) {
            ck->nomem = 1;
            goto done;
        }
        for (int j = 0; j < m; j++) {
            const struct tps *t = &s->tps[group[j]];
            if (d[j] > MISPLACED_TPS_KM) {
                char code[32];
                snprintf(code, sizeof code, "%s%03d",
                         s->desa[t->desa].code, t->no);
                report(ck, t->line, "TPS %s at (%g, %g) is misplaced: "
                       "%.1f km from the median position (%g, %g) of the "
                       "other TPS of kecamatan %s (limit %g km)",
                       code, t->lat, t->lon, d[j], mlat[j], mlon[j],
                       s->kec[k].code, MISPLACED_TPS_KM);
            }
        }
    }
done:
    free(start);
    free(order);
    free(lat);
    free(lon);
    free(mlat);
    free(mlon);
    free(d);
}

/*
 * Polres jurisdictions (formats 1.6): each area names a kabupaten or a
 * kecamatan of the file, and every kecamatan (so every TPS) lies in
 * exactly one Polres area.  Sets s->kec_polres (NULL without
 * jurisdictions).  A kabupaten area and a kecamatan area of it in two
 * Polres are an overlap like any other: a planner carves a kecamatan out
 * by listing the kabupaten's other kecamatan one by one.
 */
static void check_jurisdictions(struct ck *ck)
{
    struct scenario *s = ck->s;
    free(s->kec_polres);
    s->kec_polres = NULL;
    if (s->npolres == 0)
        return;
    int *by = malloc(sizeof(int) * ((size_t)s->nkec + 1));    /* area */
    s->kec_polres = malloc(sizeof(int) * ((size_t)s->nkec + 1));
    if (by == NULL || s->kec_polres == NULL) {
        free(by);
        ck->nomem = 1;
        return;
    }
    for (int k = 0; k < s->nkec; k++)
        by[k] = s->kec_polres[k] = -1;
    for (int p = 1; p < s->npolres; p++)   /* a few per scenario */
        for (int q = 0; q < p; q++)
            if (strcmp(s->polres[p].id, s->polres[q].id) == 0) {
                report(ck, s->polres[p].line, "duplicate polres %s (first at "
                       "line %ld)", s->polres[p].id, s->polres[q].line);
                break;
            }
    for (int i = 0; i < s->narea; i++) {
        const struct polres_area *a = &s->area[i];
        const char *pid = s->polres[a->polres].id;
        int lo, hi;
        size_t len = strlen(a->code);
        if (len == 4 && (lo = scenario_find_kabupaten(s, a->code)) >= 0) {
            for (hi = 0; hi < s->nkec && s->kec[hi].kabupaten != lo; hi++)
                ;
            lo = hi;
            while (hi < s->nkec && s->kec[hi].kabupaten == s->kec[lo].kabupaten)
                hi++;
        } else if (len == 6 && (lo = scenario_find_kecamatan(s, a->code)) >= 0) {
            hi = lo + 1;
        } else {
            report(ck, a->line, "polres %s: area %s is not a kabupaten or "
                   "kecamatan of the scenario", pid, a->code);
            continue;
        }
        for (int k = lo; k < hi; k++) {
            if (by[k] >= 0) {
                const struct polres_area *b = &s->area[by[k]];
                report(ck, a->line, "polres %s: kecamatan %s (%s) lies in "
                       "the area %s of polres %s already (line %ld); every "
                       "TPS lies in exactly one Polres area", pid,
                       s->kec[k].code, s->kec[k].name, b->code,
                       s->polres[b->polres].id, b->line);
                continue;
            }
            by[k] = i;
            s->kec_polres[k] = a->polres;
        }
    }
    for (int k = 0; k < s->nkec; k++)
        if (by[k] < 0)
            report(ck, s->kec[k].line, "kecamatan %s (%s) lies in no Polres "
                   "area of <jurisdictions>; every TPS lies in exactly one",
                   s->kec[k].code, s->kec[k].name);
    for (int p = 0; p < s->npolres; p++) {
        bool any = false;
        for (int k = 0; k < s->nkec && !any; k++)
            any = s->kec_polres[k] == p;
        if (!any)
            report(ck, s->polres[p].line, "polres %s: no area of its own",
                   s->polres[p].id);
    }
    free(by);
}

int scenario_check(struct scenario *s, struct error_list *errs)
{
    struct ck ck = {s, errs, 0, 0};

    /* A second call (after an overlay changed the scenario) rebuilds. */
    for (int i = 0; i < 6; i++) {
        strmap_destroy(s->index[i]);
        s->index[i] = strmap_create();
        if (s->index[i] == NULL)
            ck.nomem = 1;
    }
    if (ck.nomem)
        goto done;
    check_rules(&ck);
    check_regions(&ck);
    if (!ck.nomem)
        check_tps(&ck);
    if (!ck.nomem)
        check_jurisdictions(&ck);
    if (!ck.nomem)
        check_units(&ck);
    if (!ck.nomem)
        check_misplaced(&ck);
done:
    if (ck.nomem)
        return SIAGA_ENOMEM;
    return ck.nerr > 0 ? SIAGA_EINPUT : SIAGA_OK;
}
