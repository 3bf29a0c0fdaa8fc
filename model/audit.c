/*
 * audit.c - judge a raw roster against its scenario (see audit.h).
 *
 * Nothing the roster says is taken on trust: TPS, members and units are
 * looked up in the scenario, a post's grade and kecamatan come from its
 * first known TPS (the anchor), its route is recomputed, and a place counts
 * as filled only by a known member, placed once, of the right force, whose
 * unit covers the TPS.  Passes run in document order (posts, Linmas,
 * reserves), then over the scenario (forgotten members, TPS in no post,
 * shortfalls, tallies); findings are finally sorted by file and line, so
 * the report reads top-down like the roster.
 *
 * Where formats.md is silent:
 *  - a TPS listed twice belongs to the first post listing it; the second
 *    listing is a violation and fills nothing;
 *  - a member placed twice fills only the first place;
 *  - a guard fills a place when its post still has one: Polri while fewer
 *    than `guards` are filled, TNI while also fewer than guards-min_polri
 *    TNI are, so a short post is one with fewer than `guards` filled;
 *  - a post's guard places count in the coverage of its anchor's desa;
 *  - a TPS in no post is a violation (with the scenario's line), not a
 *    shortfall: no post means no required guard places to fall short of;
 *  - the scenario name and a "shortage" status with nothing empty are
 *    warnings: they do not make the roster wrong for this scenario;
 *  - a "shortage" status is false when a member listed as reserve could
 *    fill an empty place (force, scope, and for TNI a place that TNI may
 *    take): placing them would leave fewer places empty, so the roster
 *    is not the best plan formats.md 2 says it is.  One finding per post
 *    or TPS with such a place, at the line of the first such reserve.
 *    Whether a better plan exists otherwise is for a planner to show
 *    (audit_refute_claim).  The claim is tested only on a roster that
 *    breaks no rule: in a broken one, places are empty because of the
 *    broken rule, and it fails already.
 */
#include "model/audit.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/geo.h"
#include "model/grow.h"
#include "model/strmap.h"

static const char *const RULE_NAMES[AUDIT_RULE_COUNT] = {
    [AUDIT_SCENARIO_NAME] = "scenario_name",
    [AUDIT_STATUS] = "status",
    [AUDIT_STATUS_SHORTAGE] = "status_shortage",
    [AUDIT_POST_DUP_ID] = "post_dup_id",
    [AUDIT_POST_NO_TPS] = "post_no_tps",
    [AUDIT_TPS_UNKNOWN] = "tps_unknown",
    [AUDIT_TPS_TWICE] = "tps_twice",
    [AUDIT_TPS_UNASSIGNED] = "tps_unassigned",
    [AUDIT_POST_SIZE] = "post_size",
    [AUDIT_POST_RADIUS] = "post_radius",
    [AUDIT_POST_SPAN] = "post_span",
    [AUDIT_POST_MIXED] = "post_mixed",
    [AUDIT_POST_GRADE] = "post_grade",
    [AUDIT_POST_KECAMATAN] = "post_kecamatan",
    [AUDIT_POST_REQUIRED] = "post_required",
    [AUDIT_POST_ROUTE] = "post_route",
    [AUDIT_GUARDS_OVER] = "guards_over",
    [AUDIT_TNI_OVER] = "tni_over",
    [AUDIT_MEMBER_UNKNOWN] = "member_unknown",
    [AUDIT_MEMBER_TWICE] = "member_twice",
    [AUDIT_MEMBER_MISSING] = "member_missing",
    [AUDIT_UNIT_WRONG] = "unit_wrong",
    [AUDIT_FORCE_WRONG] = "force_wrong",
    [AUDIT_LINMAS_AS_GUARD] = "linmas_as_guard",
    [AUDIT_GUARD_AS_LINMAS] = "guard_as_linmas",
    [AUDIT_GUARD_SCOPE] = "guard_scope",
    [AUDIT_LINMAS_SCOPE] = "linmas_scope",
    [AUDIT_LINMAS_OVER] = "linmas_over",
    [AUDIT_LINMAS_TPS_UNKNOWN] = "linmas_tps_unknown",
    [AUDIT_STATUS_IDLE] = "status_idle",
    [AUDIT_STATUS_REFUTED] = "status_refuted",
};

const char *audit_rule_name(enum audit_rule rule)
{
    if ((unsigned)rule >= AUDIT_RULE_COUNT)
        return "?";
    return RULE_NAMES[rule];
}

/* Guard places of one post as filled by valid guards. */
struct post_fill {
    int anchor;       /* first known TPS, -1 when none (post not valid) */
    int polri, tni;
};

struct ctx {
    const struct scenario *s;
    const struct raw_roster *r;
    struct audit_report *rep;
    int nomem;
    long *use_line;          /* per member: line of first placement */
    unsigned char *used;     /* per member: placed at all */
    int *owner;              /* per TPS: first post listing it, -1 */
    long *owner_line;        /* per TPS: line of that listing */
    int *linmas_seen;        /* per TPS: <linmas> entries */
    int *linmas_ok;          /* per TPS: Linmas places validly filled */
    struct post_fill *fill;  /* per raw post */
    int *known;              /* scratch: known TPS of the current post */
    int cap_known;
    unsigned char *reserve;  /* per member: validly listed as reserve */
};

static const char *nz(const char *s)
{
    return s != NULL ? s : "";
}

static const char *force_label(enum force f)
{
    static const char *const L[] = {"Polri", "TNI", "Linmas"};
    return (unsigned)f < FORCE_COUNT ? L[f] : "?";
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void add(struct ctx *c, enum audit_rule rule, enum audit_level level,
                const char *file, long line, const char *fmt, ...)
{
    struct audit_report *rep = c->rep;
    /* the capacity is an int, so nfinding (<= it) is too */
    if (model_grow((void **)&rep->finding, (int)rep->nfinding,
                   &rep->cap_finding, sizeof *rep->finding) != 0) {
        c->nomem = 1;
        return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *msg = arena_strdup(rep->arena, buf);
    if (msg == NULL) {
        c->nomem = 1;
        return;
    }
    struct audit_finding *f = &rep->finding[rep->nfinding++];
    f->rule = rule;
    f->level = level;
    f->file = file;
    f->line = line;
    f->message = msg;
    rep->count[rule]++;
    if (level == AUDIT_VIOLATION)
        rep->nviolation++;
    else
        rep->nwarning++;
}

#define VIOL(c, rule, line, ...) \
    add((c), (rule), AUDIT_VIOLATION, (c)->rep->roster_file, (line), __VA_ARGS__)

static char *tps_code(const struct ctx *c, int t, char *buf)
{
    return scenario_tps_code(c->s, t, buf);
}

/*
 * Look up and mark the member of a placement; check its unit attribute,
 * and its force attribute when the format has one (force != NULL means
 * "expected").  Returns the member's index when it may fill the place,
 * -1 when it is unknown or already placed.
 */
static int take_member(struct ctx *c, const char *id, const char *unit,
                       const char *force, int has_force, long line)
{
    const struct scenario *s = c->s;
    int m = id != NULL ? scenario_find_member(s, id) : -1;
    if (m < 0) {
        VIOL(c, AUDIT_MEMBER_UNKNOWN, line,
             "anggota \"%s\" tidak ada dalam skenario", nz(id));
        return -1;
    }
    if (c->used[m]) {
        VIOL(c, AUDIT_MEMBER_TWICE, line,
             "anggota %s sudah ditempatkan pada baris %ld", id,
             c->use_line[m]);
        return -1;
    }
    c->used[m] = 1;
    c->use_line[m] = line;
    const struct unit *u = &s->unit[s->member[m].unit];
    if (strcmp(nz(unit), u->id) != 0)
        VIOL(c, AUDIT_UNIT_WRONG, line,
             "anggota %s berasal dari satuan %s, bukan \"%s\"", id, u->id,
             nz(unit));
    if (has_force && strcmp(nz(force), force_name(u->force)) != 0)
        VIOL(c, AUDIT_FORCE_WRONG, line,
             "anggota %s dari unsur %s (force=\"%s\"), bukan \"%s\"", id,
             force_label(u->force), force_name(u->force), nz(force));
    return m;
}

/* The region a unit serves, for messages: "kecamatan 170401". */
static const char *scope_text(const struct ctx *c, int u, char *buf,
                              size_t n)
{
    const struct scenario *s = c->s;
    const struct unit *un = &s->unit[u];
    const char *code = "";
    switch (un->scope) {
    case SCOPE_ANY: snprintf(buf, n, "seluruh wilayah"); return buf;
    case SCOPE_KABUPATEN: code = s->kab[un->region].code; break;
    case SCOPE_KECAMATAN: code = s->kec[un->region].code; break;
    case SCOPE_DESA: code = s->desa[un->region].code; break;
    case SCOPE_POLRES: code = s->polres[un->region].id; break;
    }
    snprintf(buf, n, "%s %s", scope_name(un->scope), code);
    return buf;
}

/* Grow the scratch list of known TPS to hold n. */
static int need_known(struct ctx *c, int n)
{
    if (n <= c->cap_known)
        return 0;
    int *p = realloc(c->known, (size_t)n * sizeof *p);
    if (p == NULL)
        return -1;
    c->known = p;
    c->cap_known = n;
    return 0;
}

/* Whole-string number parsers; 0 on success. */
static int parse_long(const char *str, long *v)
{
    if (str == NULL || *str == '\0')
        return -1;
    char *end;
    *v = strtol(str, &end, 10);
    return *end == '\0' ? 0 : -1;
}

static int parse_double(const char *str, double *v)
{
    if (str == NULL || *str == '\0')
        return -1;
    char *end;
    *v = strtod(str, &end);
    return (*end == '\0' && isfinite(*v)) ? 0 : -1;
}

/* Length of the closed walk through the listed TPS, in listed order. */
static double route_km(const struct scenario *s, const int *t, int n)
{
    if (n <= 1)
        return 0.0;
    if (n <= MAX_TPS_PER_POST) {
        double dist[MAX_TPS_PER_POST * MAX_TPS_PER_POST];
        int order[MAX_TPS_PER_POST];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            for (int j = 0; j < n; j++)
                dist[i * n + j] = geo_distance_km(
                    s->tps[t[i]].lat, s->tps[t[i]].lon, s->tps[t[j]].lat,
                    s->tps[t[j]].lon);
        }
        return geo_route_length(n, dist, order);
    }
    /* an oversized post (already a violation): walk it directly */
    double len = 0;
    for (int i = 0; i < n; i++) {
        const struct tps *a = &s->tps[t[i]], *b = &s->tps[t[(i + 1) % n]];
        len += geo_distance_km(a->lat, a->lon, b->lat, b->lon);
    }
    return len;
}

/* The post's own attributes and geometry, once its TPS are resolved. */
/* Member of unit u at TPS t, outside the unit's scope. */
static void out_of_scope(struct ctx *c, enum audit_rule rule, long line,
                         const char *member, int u, int t)
{
    char where[64], code[16];
    VIOL(c, rule, line,
         "anggota %s (satuan %s, wilayah %s) tidak boleh bertugas di "
         "TPS %s", member, c->s->unit[u].id,
         scope_text(c, u, where, sizeof where), tps_code(c, t, code));
}

static void check_post_shape(struct ctx *c, int p, int nknown, bool all_known)
{
    const struct scenario *s = c->s;
    const struct raw_post *rp = &c->r->post[p];
    const char *id = nz(rp->id);
    int a = c->known[0];
    enum grade g = s->tps[a].grade;
    const struct grade_rule *rule = &s->rules.grade[g];
    char code[16], acode[16];
    tps_code(c, a, acode);

    if (rp->ntps > rule->tps_per_post)
        VIOL(c, AUDIT_POST_SIZE, rp->line,
             "pos %s memuat %d TPS, padahal pos TPS %s paling banyak %d TPS",
             id, rp->ntps, grade_label(g), rule->tps_per_post);
    if (rp->grade == NULL || grade_parse(rp->grade) != (int)g)
        VIOL(c, AUDIT_POST_GRADE, rp->line,
             "pos %s bertanda grade=\"%s\", padahal TPS pertamanya (%s) %s",
             id, nz(rp->grade), acode, grade_name(g));
    const char *kec = s->kec[s->tps[a].kecamatan].code;
    if (strcmp(nz(rp->kecamatan), kec) != 0)
        VIOL(c, AUDIT_POST_KECAMATAN, rp->line,
             "pos %s bertanda kecamatan=\"%s\", padahal TPS pertamanya (%s) "
             "di kecamatan %s", id, nz(rp->kecamatan), acode, kec);

    /* per TPS, at the <tps> line: grade, kecamatan, radius */
    int k = 0;
    for (int i = 0; i < rp->ntps; i++) {
        const struct raw_ref *ref = &c->r->tps[rp->first_tps + i];
        int t = ref->id != NULL ? scenario_find_tps(s, ref->id) : -1;
        if (t < 0)
            continue;
        if (k++ == 0)
            continue;   /* the anchor itself */
        tps_code(c, t, code);
        const struct tps *tp = &s->tps[t];
        if (tp->grade != g)
            VIOL(c, AUDIT_POST_MIXED, ref->line,
                 "TPS %s berstatus %s, sedangkan pos %s berstatus %s", code,
                 grade_label(tp->grade), id, grade_label(g));
        if (tp->kecamatan != s->tps[a].kecamatan)
            VIOL(c, AUDIT_POST_SPAN, ref->line,
                 "TPS %s di kecamatan %s, sedangkan pos %s di kecamatan %s",
                 code, s->kec[tp->kecamatan].code, id, kec);
        /* radius_km means nothing for one-TPS grades (formats.md 1.2);
         * an extra TPS there is already a size violation */
        if (rule->tps_per_post > 1) {
            double d = geo_distance_km(s->tps[a].lat, s->tps[a].lon,
                                       tp->lat, tp->lon);
            if (!geo_within(d, rule->radius_km))
                VIOL(c, AUDIT_POST_RADIUS, ref->line,
                     "TPS %s berjarak %.3f km dari TPS pertama pos %s (%s), "
                     "lebih dari radius %.2f km", code, d, id, acode,
                     rule->radius_km);
        }
    }

    long req;
    if (parse_long(rp->required, &req) != 0 || req != rule->guards)
        VIOL(c, AUDIT_POST_REQUIRED, rp->line,
             "pos %s: required=\"%s\", padahal TPS %s mewajibkan %d personel "
             "pengamanan", id, nz(rp->required), grade_label(g), rule->guards);

    double given;
    if (parse_double(rp->route_km, &given) != 0) {
        VIOL(c, AUDIT_POST_ROUTE, rp->line,
             "pos %s: route_km=\"%s\" bukan angka", id, nz(rp->route_km));
    } else if (all_known) {
        double len = route_km(s, c->known, nknown);
        if (fabs(given - len) > AUDIT_ROUTE_TOL_KM)
            VIOL(c, AUDIT_POST_ROUTE, rp->line,
                 "pos %s: route_km=\"%s\", padahal rute tertutup menurut "
                 "urutan TPS %.3f km", id, rp->route_km, len);
    }
}

/* The guards of post p: placement, force, scope, capacity. */
static void check_guards(struct ctx *c, int p, int nknown)
{
    const struct scenario *s = c->s;
    const struct raw_post *rp = &c->r->post[p];
    struct post_fill *pf = &c->fill[p];
    const char *id = nz(rp->id);
    const struct grade_rule *rule =
        pf->anchor >= 0 ? &s->rules.grade[s->tps[pf->anchor].grade] : NULL;
    int ntni = 0;

    for (int i = 0; i < rp->nguards; i++) {
        const struct raw_guard *gd = &c->r->guard[rp->first_guard + i];
        bool over = rule != NULL && i >= rule->guards;
        if (over)
            VIOL(c, AUDIT_GUARDS_OVER, gd->line,
                 "pos %s memuat lebih dari %d personel pengamanan", id,
                 rule->guards);
        int m = take_member(c, gd->member, gd->unit, gd->force, 1, gd->line);
        if (m < 0)
            continue;
        int u = s->member[m].unit;
        enum force f = s->unit[u].force;
        if (!force_is_guard(f)) {
            VIOL(c, AUDIT_LINMAS_AS_GUARD, gd->line,
                 "anggota Linmas %s ditempatkan sebagai personel pengamanan "
                 "pos %s", gd->member, id);
            continue;
        }
        if (rule == NULL)
            continue;
        int out = -1;
        for (int k = 0; k < nknown && out < 0; k++)
            if (!scenario_unit_covers(s, u, c->known[k]))
                out = c->known[k];
        if (out >= 0) {
            out_of_scope(c, AUDIT_GUARD_SCOPE, gd->line, gd->member, u, out);
            continue;
        }
        if (f == FORCE_TNI && ++ntni > rule->guards - rule->min_polri &&
            !over) {
            VIOL(c, AUDIT_TNI_OVER, gd->line,
                 "anggota TNI %s mengisi tempat khusus Polri di pos %s "
                 "(paling banyak %d TNI dari %d tempat)", gd->member, id,
                 rule->guards - rule->min_polri, rule->guards);
            continue;
        }
        if (pf->polri + pf->tni >= rule->guards)
            continue;
        if (f == FORCE_POLRI)
            pf->polri++;
        else if (pf->tni < rule->guards - rule->min_polri)
            pf->tni++;
    }
}

static void check_posts(struct ctx *c)
{
    const struct scenario *s = c->s;
    const struct raw_roster *r = c->r;
    struct strmap *ids = strmap_create();
    if (ids == NULL) {
        c->nomem = 1;
        return;
    }
    char code[16];

    for (int p = 0; p < r->npost && !c->nomem; p++) {
        const struct raw_post *rp = &r->post[p];
        const char *id = nz(rp->id);
        int first;
        int put = strmap_put(ids, id, p, &first);
        if (put < 0) {
            c->nomem = 1;
            break;
        }
        if (put == 1)
            VIOL(c, AUDIT_POST_DUP_ID, rp->line,
                 "id pos %s sudah dipakai pada baris %ld", id,
                 r->post[first].line);
        if (rp->ntps == 0)
            VIOL(c, AUDIT_POST_NO_TPS, rp->line, "pos %s tanpa TPS", id);

        if (need_known(c, rp->ntps) != 0) {
            c->nomem = 1;
            break;
        }
        int nknown = 0;
        bool all_known = true;
        for (int i = 0; i < rp->ntps; i++) {
            const struct raw_ref *ref = &r->tps[rp->first_tps + i];
            int t = ref->id != NULL ? scenario_find_tps(s, ref->id) : -1;
            if (t < 0) {
                VIOL(c, AUDIT_TPS_UNKNOWN, ref->line,
                     "TPS \"%s\" tidak ada dalam skenario", nz(ref->id));
                all_known = false;
                continue;
            }
            if (c->owner[t] >= 0)
                VIOL(c, AUDIT_TPS_TWICE, ref->line,
                     "TPS %s sudah masuk pos %s (baris %ld)",
                     tps_code(c, t, code), nz(r->post[c->owner[t]].id),
                     c->owner_line[t]);
            else {
                c->owner[t] = p;
                c->owner_line[t] = ref->line;
            }
            c->known[nknown++] = t;
        }
        c->fill[p].anchor = nknown > 0 ? c->known[0] : -1;
        if (nknown > 0)
            check_post_shape(c, p, nknown, all_known);
        check_guards(c, p, nknown);
    }
    strmap_destroy(ids);
}

static void check_linmas(struct ctx *c)
{
    const struct scenario *s = c->s;
    int per = s->rules.linmas_per_tps;
    char code[16];
    for (int i = 0; i < c->r->nlinmas && !c->nomem; i++) {
        const struct raw_linmas *l = &c->r->linmas[i];
        int t = l->tps != NULL ? scenario_find_tps(s, l->tps) : -1;
        bool over = false;
        if (t < 0) {
            VIOL(c, AUDIT_LINMAS_TPS_UNKNOWN, l->line,
                 "TPS \"%s\" tidak ada dalam skenario", nz(l->tps));
        } else if (++c->linmas_seen[t] > per) {
            over = true;
            VIOL(c, AUDIT_LINMAS_OVER, l->line,
                 "TPS %s mendapat lebih dari %d Linmas", tps_code(c, t, code),
                 per);
        }
        int m = take_member(c, l->member, l->unit, NULL, 0, l->line);
        if (m < 0)
            continue;
        int u = s->member[m].unit;
        if (force_is_guard(s->unit[u].force)) {
            VIOL(c, AUDIT_GUARD_AS_LINMAS, l->line,
                 "anggota %s %s ditempatkan sebagai Linmas",
                 force_label(s->unit[u].force), l->member);
            continue;
        }
        if (t < 0)
            continue;
        if (!scenario_unit_covers(s, u, t)) {
            out_of_scope(c, AUDIT_LINMAS_SCOPE, l->line, l->member, u, t);
            continue;
        }
        if (!over && c->linmas_ok[t] < per)
            c->linmas_ok[t]++;
    }
}

static void check_reserves(struct ctx *c)
{
    for (int i = 0; i < c->r->nreserve && !c->nomem; i++) {
        const struct raw_guard *g = &c->r->reserve[i];
        int m = take_member(c, g->member, g->unit, g->force, 1, g->line);
        if (m >= 0)
            c->reserve[m] = 1;
    }
}

static void tally_add(struct audit_report *rep, const struct tps *tp,
                      const struct audit_tally *d)
{
    struct audit_tally *t[4] = {&rep->desa[tp->desa], &rep->kec[tp->kecamatan],
                                &rep->kab[tp->kabupaten], &rep->total};
    for (int i = 0; i < 4; i++) {
        for (int g = 0; g < GRADE_COUNT; g++)
            t[i]->tps[g] += d->tps[g];
        t[i]->guard_required += d->guard_required;
        t[i]->guard_polri += d->guard_polri;
        t[i]->guard_tni += d->guard_tni;
        t[i]->linmas_required += d->linmas_required;
        t[i]->linmas_filled += d->linmas_filled;
    }
}

/* Buckets of idle reserves by force and scope: slot 0 serves anywhere,
 * then one per kabupaten, kecamatan and desa.  Each holds the reserve
 * listed first (-1 when none). */
static int idle_slot(const struct scenario *s, enum scope sc, int region)
{
    switch (sc) {
    case SCOPE_ANY: return 0;
    case SCOPE_KABUPATEN: return 1 + region;
    case SCOPE_KECAMATAN: return 1 + s->nkab + region;
    case SCOPE_DESA: return 1 + s->nkab + s->nkec + region;
    case SCOPE_POLRES: return 1 + s->nkab + s->nkec + s->ndesa + region;
    }
    return 0;
}

/* The first-listed idle reserve of force f able to serve at every TPS of
 * regions kab/kec/desa (-1: the TPS do not share one), or -1. */
static int idle_pick(const struct ctx *c, const int *first, enum force f,
                     int kab, int kec, int desa)
{
    const struct scenario *s = c->s;
    int slots[5], n = 0, best = -1;
    slots[n++] = idle_slot(s, SCOPE_ANY, -1);
    if (kab >= 0)
        slots[n++] = idle_slot(s, SCOPE_KABUPATEN, kab);
    if (kec >= 0)
        slots[n++] = idle_slot(s, SCOPE_KECAMATAN, kec);
    if (desa >= 0)
        slots[n++] = idle_slot(s, SCOPE_DESA, desa);
    if (kec >= 0 && s->kec_polres != NULL && s->kec_polres[kec] >= 0)
        slots[n++] = idle_slot(s, SCOPE_POLRES, s->kec_polres[kec]);
    for (int i = 0; i < n; i++) {
        int m = first[slots[i] * FORCE_COUNT + (int)f];
        if (m >= 0 && (best < 0 || c->use_line[m] < c->use_line[best]))
            best = m;
    }
    return best;
}

/* A "shortage" roster with an empty place that a reserve could fill. */
static void check_idle_reserves(struct ctx *c)
{
    const struct scenario *s = c->s;
    const struct raw_roster *r = c->r;
    size_t nslot = 1 + (size_t)s->nkab + (size_t)s->nkec + (size_t)s->ndesa +
                   (size_t)s->npolres;
    int *first = malloc(nslot * FORCE_COUNT * sizeof *first);
    char code[16];
    if (first == NULL) {
        c->nomem = 1;
        return;
    }
    for (size_t i = 0; i < nslot * FORCE_COUNT; i++)
        first[i] = -1;
    for (int m = 0; m < s->nmember; m++) {
        if (!c->reserve[m])
            continue;
        const struct unit *u = &s->unit[s->member[m].unit];
        int *b = &first[idle_slot(s, u->scope, u->region) * FORCE_COUNT +
                        (int)u->force];
        if (*b < 0 || c->use_line[m] < c->use_line[*b])
            *b = m;
    }

    for (int p = 0; p < r->npost && !c->nomem; p++) {
        const struct post_fill *pf = &c->fill[p];
        if (pf->anchor < 0)
            continue;
        const struct grade_rule *rule =
            &s->rules.grade[s->tps[pf->anchor].grade];
        int empty = rule->guards - pf->polri - pf->tni;
        if (empty <= 0)
            continue;
        const struct raw_post *rp = &r->post[p];
        const struct tps *a = &s->tps[pf->anchor];
        int kab = a->kabupaten, kec = a->kecamatan, desa = a->desa;
        for (int i = 0; i < rp->ntps; i++) {
            const struct raw_ref *ref = &r->tps[rp->first_tps + i];
            int t = ref->id != NULL ? scenario_find_tps(s, ref->id) : -1;
            if (t < 0)
                continue;
            if (s->tps[t].kabupaten != kab)
                kab = -1;
            if (s->tps[t].kecamatan != kec)
                kec = -1;
            if (s->tps[t].desa != desa)
                desa = -1;
        }
        int m = idle_pick(c, first, FORCE_POLRI, kab, kec, desa);
        if (pf->tni < rule->guards - rule->min_polri) {
            int tm = idle_pick(c, first, FORCE_TNI, kab, kec, desa);
            if (tm >= 0 && (m < 0 || c->use_line[tm] < c->use_line[m]))
                m = tm;
        }
        if (m < 0)
            continue;
        const struct unit *u = &s->unit[s->member[m].unit];
        VIOL(c, AUDIT_STATUS_IDLE, c->use_line[m],
             "status \"shortage\" keliru: anggota %s (%s, satuan %s) menjadi "
             "cadangan, padahal boleh mengisi tempat kosong di pos %s "
             "(baris %ld; %d dari %d tempat pengamanan kosong)",
             s->member[m].id, force_label(u->force), u->id, nz(rp->id),
             rp->line, empty, rule->guards);
    }

    int per = s->rules.linmas_per_tps;
    for (int t = 0; t < s->ntps && !c->nomem; t++) {
        if (c->linmas_ok[t] >= per)
            continue;
        const struct tps *tp = &s->tps[t];
        int m = idle_pick(c, first, FORCE_LINMAS, tp->kabupaten,
                          tp->kecamatan, tp->desa);
        if (m < 0)
            continue;
        VIOL(c, AUDIT_STATUS_IDLE, c->use_line[m],
             "status \"shortage\" keliru: anggota Linmas %s (satuan %s) "
             "menjadi cadangan, padahal boleh mengisi tempat Linmas kosong di "
             "TPS %s (%d dari %d kosong)", s->member[m].id,
             s->unit[s->member[m].unit].id, tps_code(c, t, code),
             per - c->linmas_ok[t], per);
    }
    free(first);
}

/* After the roster: forgotten members, TPS in no post, shortfalls, tallies
 * and the status claim. */
static void check_scenario_side(struct ctx *c)
{
    const struct scenario *s = c->s;
    const struct raw_roster *r = c->r;
    struct audit_report *rep = c->rep;
    const char *sf = rep->scenario_file;
    int per = s->rules.linmas_per_tps;
    char code[16];
    long empty_guard = 0, empty_linmas = 0, unassigned = 0;

    for (int m = 0; m < s->nmember; m++)
        if (!c->used[m])
            add(c, AUDIT_MEMBER_MISSING, AUDIT_VIOLATION, sf,
                s->member[m].line,
                "anggota %s (satuan %s) tidak tercantum di roster",
                s->member[m].id, s->unit[s->member[m].unit].id);

    for (int p = 0; p < r->npost; p++) {
        const struct post_fill *pf = &c->fill[p];
        if (pf->anchor < 0)
            continue;
        const struct grade_rule *rule =
            &s->rules.grade[s->tps[pf->anchor].grade];
        struct audit_tally d;
        memset(&d, 0, sizeof d);
        d.guard_required = rule->guards;
        d.guard_polri = pf->polri;
        d.guard_tni = pf->tni;
        tally_add(rep, &s->tps[pf->anchor], &d);
        empty_guard += rule->guards - pf->polri - pf->tni;
        rep->recount.empty_guard[s->tps[pf->anchor].grade] +=
            rule->guards - pf->polri - pf->tni;
        rep->recount.posts++;
    }

    rep->shortfall = calloc(s->ntps > 0 ? (size_t)s->ntps : 1,
                            sizeof *rep->shortfall);
    if (rep->shortfall == NULL) {
        c->nomem = 1;
        return;
    }
    for (int t = 0; t < s->ntps && !c->nomem; t++) {
        const struct tps *tp = &s->tps[t];
        struct audit_tally d;
        memset(&d, 0, sizeof d);
        d.tps[tp->grade] = 1;
        d.linmas_required = per;
        d.linmas_filled = c->linmas_ok[t];
        tally_add(rep, tp, &d);
        empty_linmas += per - c->linmas_ok[t];

        int p = c->owner[t];
        if (p < 0) {
            unassigned++;
            add(c, AUDIT_TPS_UNASSIGNED, AUDIT_VIOLATION, sf, tp->line,
                "TPS %s tidak masuk pos mana pun", tps_code(c, t, code));
        }
        struct audit_short sh;
        memset(&sh, 0, sizeof sh);
        sh.tps = t;
        sh.linmas_required = per;
        sh.linmas = c->linmas_ok[t];
        bool short_ = sh.linmas < per;
        if (p >= 0) {
            const struct post_fill *pf = &c->fill[p];
            const struct grade_rule *rule =
                &s->rules.grade[s->tps[pf->anchor].grade];
            sh.post = arena_strdup(rep->arena, nz(r->post[p].id));
            if (sh.post == NULL) {
                c->nomem = 1;
                break;
            }
            sh.guards_required = rule->guards;
            sh.min_polri = rule->min_polri;
            sh.polri = pf->polri;
            sh.tni = pf->tni;
            if (pf->polri + pf->tni < rule->guards ||
                pf->polri < rule->min_polri)
                short_ = true;
        }
        if (short_)
            rep->shortfall[rep->nshort++] = sh;
    }

    /* line 0: the root element, whose line struct raw_roster lacks */
    int st = r->status != NULL ? strcmp(r->status, "optimal") == 0 ? 0
                               : strcmp(r->status, "shortage") == 0 ? 1
                               : strcmp(r->status, "feasible") == 0 ? 2 : -1
                               : -1;
    long empty = empty_guard + empty_linmas + unassigned;
    rep->recount.empty_linmas = empty_linmas;
    rep->recount.unassigned = unassigned;
    rep->claim = (enum audit_claim)st;
    if (st < 0)
        VIOL(c, AUDIT_STATUS, r->line, "status \"%s\" tidak dikenal",
             nz(r->status));
    else if (st == 0 && empty > 0)
        VIOL(c, AUDIT_STATUS, r->line,
             "status \"optimal\", padahal ada tempat kosong (%ld tempat "
             "pengamanan, %ld tempat Linmas, %ld TPS tanpa pos)",
             empty_guard, empty_linmas, unassigned);
    else if (st == 1 && empty == 0)
        add(c, AUDIT_STATUS_SHORTAGE, AUDIT_WARNING, rep->roster_file, r->line,
            "status \"shortage\", padahal semua tempat terisi");
    else if (st == 1 && rep->nviolation == 0)
        check_idle_reserves(c);
    if (strcmp(nz(r->scenario), nz(s->name)) != 0)
        add(c, AUDIT_SCENARIO_NAME, AUDIT_WARNING, rep->roster_file, r->line,
            "roster dibuat untuk skenario \"%s\", bukan \"%s\"",
            nz(r->scenario), nz(s->name));
}

/* Stable merge sort of findings: roster before scenario, then by line. */
static int before(const struct audit_report *rep, const struct audit_finding *a,
                  const struct audit_finding *b)
{
    int ra = a->file != rep->roster_file, rb = b->file != rep->roster_file;
    if (ra != rb)
        return ra < rb;
    return a->line < b->line;
}

static void merge_sort(const struct audit_report *rep, struct audit_finding *a,
                       struct audit_finding *tmp, long n)
{
    if (n < 2)
        return;
    long h = n / 2;
    merge_sort(rep, a, tmp, h);
    merge_sort(rep, a + h, tmp, n - h);
    long i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = before(rep, &a[j], &a[i]) ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}

/* Findings in report order; -1 when out of memory (order unchanged). */
static int sort_findings(struct audit_report *rep)
{
    if (rep->nfinding < 2)
        return 0;
    struct audit_finding *tmp = malloc((size_t)rep->nfinding * sizeof *tmp);
    if (tmp == NULL)
        return -1;
    merge_sort(rep, rep->finding, tmp, rep->nfinding);
    free(tmp);
    return 0;
}

struct audit_report *audit_run(const struct scenario *s,
                               const struct raw_roster *r)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.r = r;
    struct audit_report *rep = calloc(1, sizeof *rep);
    c.rep = rep;
    if (rep == NULL)
        return NULL;
    size_t nm = s->nmember > 0 ? (size_t)s->nmember : 1;
    size_t nt = s->ntps > 0 ? (size_t)s->ntps : 1;
    size_t np = r->npost > 0 ? (size_t)r->npost : 1;
    rep->arena = arena_create();
    rep->nkab = s->nkab;
    rep->nkec = s->nkec;
    rep->ndesa = s->ndesa;
    rep->kab = calloc(s->nkab > 0 ? (size_t)s->nkab : 1, sizeof *rep->kab);
    rep->kec = calloc(s->nkec > 0 ? (size_t)s->nkec : 1, sizeof *rep->kec);
    rep->desa = calloc(s->ndesa > 0 ? (size_t)s->ndesa : 1, sizeof *rep->desa);
    c.use_line = calloc(nm, sizeof *c.use_line);
    c.used = calloc(nm, 1);
    c.owner = malloc(nt * sizeof *c.owner);
    c.owner_line = calloc(nt, sizeof *c.owner_line);
    c.linmas_seen = calloc(nt, sizeof *c.linmas_seen);
    c.linmas_ok = calloc(nt, sizeof *c.linmas_ok);
    c.fill = calloc(np, sizeof *c.fill);
    c.reserve = calloc(nm, 1);
    if (c.reserve == NULL || rep->arena == NULL || rep->kab == NULL || rep->kec == NULL ||
        rep->desa == NULL || c.use_line == NULL || c.used == NULL ||
        c.owner == NULL || c.owner_line == NULL || c.linmas_seen == NULL ||
        c.linmas_ok == NULL || c.fill == NULL) {
        c.nomem = 1;
        goto done;
    }
    rep->roster_file = arena_strdup(rep->arena, nz(r->file));
    rep->scenario_file = arena_strdup(rep->arena, nz(s->file));
    rep->scenario_name = arena_strdup(rep->arena, nz(s->name));
    if (rep->roster_file == NULL || rep->scenario_file == NULL ||
        rep->scenario_name == NULL) {
        c.nomem = 1;
        goto done;
    }
    for (int t = 0; t < s->ntps; t++)
        c.owner[t] = -1;
    rep->roster_line = r->line;

    check_posts(&c);
    if (!c.nomem)
        check_linmas(&c);
    if (!c.nomem)
        check_reserves(&c);
    if (!c.nomem)
        check_scenario_side(&c);
    if (!c.nomem && sort_findings(rep) != 0)
        c.nomem = 1;

done:
    free(c.use_line);
    free(c.used);
    free(c.owner);
    free(c.owner_line);
    free(c.linmas_seen);
    free(c.linmas_ok);
    free(c.fill);
    free(c.known);
    free(c.reserve);
    if (c.nomem) {
        audit_destroy(rep);
        rep = NULL;
    }
    return rep;
}

bool audit_passed(const struct audit_report *rep)
{
    return rep != NULL && rep->nviolation == 0 && rep->nshort == 0;
}

void audit_destroy(struct audit_report *rep)
{
    if (rep == NULL)
        return;
    free(rep->finding);
    free(rep->shortfall);
    free(rep->kab);
    free(rep->kec);
    free(rep->desa);
    arena_destroy(rep->arena);
    free(rep);
}

bool audit_claim_testable(const struct audit_report *rep)
{
    return rep != NULL && rep->nviolation == 0 &&
           (rep->claim == CLAIM_OPTIMAL || rep->claim == CLAIM_SHORTAGE);
}

int audit_refute_claim(struct audit_report *rep, const struct plan *p)
{
    static const enum grade order[GRADE_COUNT] = {
        GRADE_SANGAT_RAWAN, GRADE_KHUSUS, GRADE_RAWAN, GRADE_KURANG_RAWAN};
    const struct audit_recount *rc = &rep->recount;
    const struct plan_objective *o = &p->obj;
    /* formats.md 1.4 items 1-3 as one lexicographic key each */
    long mine[GRADE_COUNT + 2], theirs[GRADE_COUNT + 2];
    for (int i = 0; i < GRADE_COUNT; i++) {
        mine[i] = rc->empty_guard[order[i]];
        theirs[i] = o->empty_guard[order[i]];
    }
    mine[GRADE_COUNT] = rc->empty_linmas;
    theirs[GRADE_COUNT] = o->empty_linmas;
    mine[GRADE_COUNT + 1] = rc->posts;
    theirs[GRADE_COUNT + 1] = p->npost;
    int k = 0;
    while (k < GRADE_COUNT + 2 && theirs[k] == mine[k])
        k++;
    if (k == GRADE_COUNT + 2 || theirs[k] > mine[k])
        return 0;
    int item = k < GRADE_COUNT ? 1 : k == GRADE_COUNT ? 2 : 3;
    /* khusus named only where it counts: version-1 rosters read as before */
    char kt[48] = "", km[48] = "";
    if (theirs[1] != 0 || mine[1] != 0) {
        snprintf(kt, sizeof kt, "%ld khusus, ", theirs[1]);
        snprintf(km, sizeof km, "%ld, ", mine[1]);
    }
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.rep = rep;
    long nf = rep->nfinding, nv = rep->nviolation;
    add(&c, AUDIT_STATUS_REFUTED, AUDIT_VIOLATION, rep->roster_file,
        rep->roster_line,
        "status \"%s\" keliru: perencana siaga menemukan rencana yang lebih "
        "baik (formats.md 1.4 butir %d): tempat pengamanan kosong %ld "
        "sangat rawan, %s%ld rawan, %ld kurang rawan (roster ini %ld, %s%ld, "
        "%ld), tempat Linmas kosong %ld (roster ini %ld), %ld pos (roster "
        "ini %ld)", rep->claim == CLAIM_OPTIMAL ? "optimal" : "shortage",
        item, theirs[0], kt, theirs[2], theirs[3], mine[0], km, mine[2], mine[3],
        theirs[GRADE_COUNT], mine[GRADE_COUNT], theirs[GRADE_COUNT + 1],
        mine[GRADE_COUNT + 1]);
    if (c.nomem || sort_findings(rep) != 0) {
        if (rep->nfinding > nf) {
            rep->count[AUDIT_STATUS_REFUTED]--;
            rep->nfinding = nf;
            rep->nviolation = nv;
        }
        return -1;
    }
    return 1;
}
