/*
 * overlay.c - applying what-if changes (formats.md 4) to a scenario in
 * memory.
 *
 * Changes apply in document order, each against the scenario as the
 * changes before it left it.  Units and members are looked up by id
 * through maps id -> slot -> index, so a removed id reads as absent (its
 * slot is -1) and may be given again later by add-unit (the slot is
 * reused).  Removals only mark records dead and additions append; at the
 * end the unit and member arrays are rebuilt (dead records dropped, each
 * unit's members contiguous, in unit order then member order) and the
 * whole scenario is checked again by scenario_finish, which rebuilds the
 * look-up index and derives the bases of new units.  Cost: linear in the
 * scenario per overlay, plus the members of each unit removed or resized
 * (each unit keeps a list of the members added to it).
 */
#include "model/overlay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/grow.h"
#include "model/strmap.h"

/* Members of a scenario, listed and made by count (io/formats/scenario_read.c
 * keeps the same limit for files). */
#define OVERLAY_MAX_MEMBERS 4000000

struct overlay *overlay_create(void)
{
    struct overlay *ov = calloc(1, sizeof *ov);
    if (ov == NULL)
        return NULL;
    ov->arena = arena_create();
    if (ov->arena == NULL) {
        free(ov);
        return NULL;
    }
    ov->file = ov->name = "";
    return ov;
}

void overlay_destroy(struct overlay *ov)
{
    if (ov == NULL)
        return;
    free(ov->change);
    free(ov->member);
    arena_destroy(ov->arena);
    free(ov);
}

const char *overlay_strdup(struct overlay *ov, const char *str)
{
    return arena_strdup(ov->arena, str);
}

int overlay_add_change(struct overlay *ov, const struct overlay_change *c)
{
    if (model_grow((void **)&ov->change, ov->nchange, &ov->cap_change,
             sizeof *ov->change) != 0)
        return -1;
    ov->change[ov->nchange] = *c;
    return ov->nchange++;
}

int overlay_add_member(struct overlay *ov, const struct overlay_member *m)
{
    if (model_grow((void **)&ov->member, ov->nmember, &ov->cap_member,
             sizeof *ov->member) != 0)
        return -1;
    ov->member[ov->nmember] = *m;
    return ov->nmember++;
}

const char *overlay_op_name(enum overlay_op op)
{
    static const char *const NAMES[] = {
        "regrade", "remove-member", "remove-unit", "resize-unit", "add-unit",
        "rules/grade", "rules/linmas", "rules/bko"};
    return NAMES[op];
}

/* ---- application -------------------------------------------------------- */

/* id -> slot (strmap), slot -> record index or -1 when removed. */
struct idmap {
    struct strmap *map;
    int *slot; int nslot, cap;
};

struct ap {
    struct scenario *s;
    const struct overlay *ov;
    struct error_list *errs;
    long nerr;
    int nomem;
    struct idmap units, members;
    unsigned char *udead, *mdead;   /* per unit, per member */
    int *hw;                        /* per unit: highest number made by
                                       count, 0 for listed members */
    int *head, *tail;               /* per unit: members added to it */
    int *next;                      /* per member: the next one added */
    int nunit0;                     /* units before the overlay */
    int cap_u, cap_m;
};

static void report(struct ap *ap, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void report(struct ap *ap, long line, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    error_addv(ap->errs, ap->ov->file, line, fmt, va);
    va_end(va);
    ap->nerr++;
}

static int idmap_find(const struct idmap *im, const char *id)
{
    int k = strmap_get(im->map, id);
    return k < 0 ? -1 : im->slot[k];
}

/* Map id to index (id absent or removed).  0, or -1 when out of memory. */
static int idmap_set(struct idmap *im, const char *id, int index)
{
    int old;
    if (model_grow((void **)&im->slot, im->nslot, &im->cap, sizeof *im->slot) != 0)
        return -1;
    int r = strmap_put(im->map, id, im->nslot, &old);
    if (r < 0)
        return -1;
    if (r == 1)
        im->slot[old] = index;
    else
        im->slot[im->nslot++] = index;
    return 0;
}

static void idmap_unset(struct idmap *im, const char *id)
{
    int k = strmap_get(im->map, id);
    if (k >= 0)
        im->slot[k] = -1;
}

/* Per-record flags sized to the scenario's arrays. */
static int track(struct ap *ap)
{
    struct scenario *s = ap->s;
    while (ap->cap_u < s->nunit + 1) {
        int nc = ap->cap_u ? 2 * ap->cap_u : 64;
        unsigned char *d = realloc(ap->udead, (size_t)nc);
        if (d != NULL)
            ap->udead = d;
        int *h = d ? realloc(ap->hw, sizeof(int) * (size_t)nc) : NULL;
        if (h != NULL)
            ap->hw = h;
        int *hd = h ? realloc(ap->head, sizeof(int) * (size_t)nc) : NULL;
        if (hd != NULL)
            ap->head = hd;
        int *tl = hd ? realloc(ap->tail, sizeof(int) * (size_t)nc) : NULL;
        if (tl == NULL)
            return -1;
        ap->tail = tl;
        for (int u = ap->cap_u; u < nc; u++) {
            ap->udead[u] = 0;
            ap->hw[u] = 0;
            ap->head[u] = ap->tail[u] = -1;
        }
        ap->cap_u = nc;
    }
    while (ap->cap_m < s->nmember + 1) {
        int nc = ap->cap_m ? 2 * ap->cap_m : 64;
        unsigned char *d = realloc(ap->mdead, (size_t)nc);
        if (d != NULL)
            ap->mdead = d;
        int *nx = d ? realloc(ap->next, sizeof(int) * (size_t)nc) : NULL;
        if (nx == NULL)
            return -1;
        ap->next = nx;
        for (int m = ap->cap_m; m < nc; m++) {
            ap->mdead[m] = 0;
            ap->next[m] = -1;
        }
        ap->cap_m = nc;
    }
    return 0;
}

/* Every member index of unit u ever made, in order (dead ones too): its
 * range in the scenario as read, then those added.  *out is malloc'd;
 * returns the count, or -1 when out of memory. */
static int unit_members(const struct ap *ap, int u, int **out)
{
    int n = 0, first = 0, orig = 0;
    if (u < ap->nunit0) {
        first = ap->s->unit[u].first_member;
        orig = ap->s->unit[u].nmembers;
    }
    n = orig;
    for (int m = ap->head[u]; m >= 0; m = ap->next[m])
        n++;
    *out = malloc(sizeof(int) * ((size_t)n + 1));
    if (*out == NULL)
        return -1;
    for (int i = 0; i < orig; i++)
        (*out)[i] = first + i;
    n = orig;
    for (int m = ap->head[u]; m >= 0; m = ap->next[m])
        (*out)[n++] = m;
    return n;
}

/* Append member id/name/rank to unit u.  0, or -1 when out of memory. */
static int add_member(struct ap *ap, int u, const char *id, const char *name,
                      const char *rank, long line)
{
    struct scenario *s = ap->s;
    struct member m = {id, name, rank, u, line};
    int k = scenario_add_member(s, &m);
    if (k < 0 || track(ap) != 0 || idmap_set(&ap->members, m.id, k) != 0)
        return -1;
    ap->mdead[k] = 0;
    ap->next[k] = -1;
    if (ap->tail[u] >= 0)
        ap->next[ap->tail[u]] = k;
    else
        ap->head[u] = k;
    ap->tail[u] = k;
    return 0;
}

/* Make members number+1 .. number+n of count unit u, named as the reader
 * names them ("UNITID-007", "unit name 7").  0, 1 when an id is taken
 * (reported), -1 when out of memory. */
static int make_members(struct ap *ap, int u, int from, int to, long line)
{
    struct scenario *s = ap->s;
    for (int k = from; k <= to; k++) {
        const struct unit *un = &s->unit[u];
        size_t idlen = strlen(un->id) + 16, namelen = strlen(un->name) + 16;
        char *id = arena_alloc(s->arena, idlen);
        char *name = arena_alloc(s->arena, namelen);
        if (id == NULL || name == NULL)
            return -1;
        snprintf(id, idlen, "%s-%03d", un->id, k);
        snprintf(name, namelen, "%s %d", un->name, k);
        char why[64];
        const char *bad = scenario_id_problem(id, why);
        if (bad != NULL) {
            report(ap, line, "unit %s: the member ids made by count do not "
                   "fit the id grammar: %.40s... %s; shorten the unit id",
                   un->id, id, bad);
            return 1;
        }
        if (idmap_find(&ap->members, id) >= 0) {
            report(ap, line, "unit %s: member id %s is taken already", un->id,
                   id);
            return 1;
        }
        if (add_member(ap, u, id, name, NULL, line) != 0)
            return -1;
    }
    return 0;
}

static void kill_member(struct ap *ap, int m)
{
    ap->mdead[m] = 1;
    idmap_unset(&ap->members, ap->s->member[m].id);
}

static int do_regrade(struct ap *ap, const struct overlay_change *c)
{
    int t = scenario_find_tps(ap->s, c->id);
    if (t < 0)
        report(ap, c->line, "regrade: TPS %s is not in the scenario", c->id);
    else
        ap->s->tps[t].grade = c->grade;
    return 0;
}

static int do_remove_member(struct ap *ap, const struct overlay_change *c)
{
    int m = idmap_find(&ap->members, c->id);
    if (m < 0)
        report(ap, c->line, "remove-member: member %s is not in the scenario%s",
               c->id, strmap_get(ap->members.map, c->id) >= 0 ?
               " (removed by an earlier change)" : "");
    else
        kill_member(ap, m);
    return 0;
}

static int do_remove_unit(struct ap *ap, const struct overlay_change *c)
{
    int u = idmap_find(&ap->units, c->id);
    if (u < 0) {
        report(ap, c->line, "remove-unit: unit %s is not in the scenario%s",
               c->id, strmap_get(ap->units.map, c->id) >= 0 ?
               " (removed by an earlier change)" : "");
        return 0;
    }
    ap->udead[u] = 1;
    idmap_unset(&ap->units, c->id);
    int *list, n = unit_members(ap, u, &list);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (!ap->mdead[list[i]])
            kill_member(ap, list[i]);
    free(list);
    return 0;
}

static int do_resize_unit(struct ap *ap, const struct overlay_change *c)
{
    struct scenario *s = ap->s;
    int u = idmap_find(&ap->units, c->id);
    if (u < 0) {
        report(ap, c->line, "resize-unit: unit %s is not in the scenario",
               c->id);
        return 0;
    }
    if (ap->hw[u] <= 0) {
        report(ap, c->line, "resize-unit: unit %s lists its members; only a "
               "unit given by count can be resized (use remove-member)",
               c->id);
        return 0;
    }
    int *list, all = unit_members(ap, u, &list), n = 0;
    if (all < 0)
        return -1;
    for (int i = 0; i < all; i++)
        n += !ap->mdead[list[i]];
    if (c->count < n) {
        /* drop from the end: the highest numbers go first */
        int drop = n - c->count;
        for (int i = all - 1; i >= 0 && drop > 0; i--)
            if (!ap->mdead[list[i]]) {
                kill_member(ap, list[i]);
                drop--;
            }
        free(list);
        return 0;
    }
    free(list);
    if (c->count - n > OVERLAY_MAX_MEMBERS - s->nmember) {
        report(ap, c->line, "resize-unit: more than %d members, the limit",
               OVERLAY_MAX_MEMBERS);
        return 0;
    }
    int from = ap->hw[u] + 1, to = ap->hw[u] + (c->count - n);
    int r = make_members(ap, u, from, to, c->line);
    if (r < 0)
        return -1;
    if (r == 0)
        ap->hw[u] = to > ap->hw[u] ? to : ap->hw[u];
    return 0;
}

static int do_add_unit(struct ap *ap, const struct overlay_change *c)
{
    struct scenario *s = ap->s;
    static const char *const KIND[] = {"", "kabupaten", "kecamatan", "desa",
                                       "polres"};
    struct unit un;
    memset(&un, 0, sizeof un);
    un.scope = c->scope;
    un.region = -1;
    if (idmap_find(&ap->units, c->id) >= 0) {
        report(ap, c->line, "add-unit: unit %s exists already", c->id);
        return 0;
    }
    if (c->count > 0 && c->nmembers > 0) {
        report(ap, c->line, "add-unit %s: give either count or member "
               "elements, not both", c->id);
        return 0;
    }
    if (c->scope != SCOPE_ANY) {
        const char *code = c->region ? c->region : "";
        un.region = c->scope == SCOPE_KABUPATEN ? scenario_find_kabupaten(s, code)
                  : c->scope == SCOPE_KECAMATAN ? scenario_find_kecamatan(s, code)
                  : c->scope == SCOPE_POLRES ? scenario_find_polres(s, code)
                  : scenario_find_desa(s, code);
        if (un.region < 0) {
            report(ap, c->line, "add-unit %s: %s %s is not in the scenario",
                   c->id, KIND[c->scope], code);
            return 0;
        }
    }
    if (c->has_base && (!(c->lat >= -90 && c->lat <= 90) ||
                        !(c->lon >= -180 && c->lon <= 180))) {
        char a[32], b[32];
        report(ap, c->line, "add-unit %s: base (%s, %s) is outside -90..90, "
               "-180..180", c->id, scenario_fmt_number(c->lat, a),
               scenario_fmt_number(c->lon, b));
        return 0;
    }
    long more = c->count > 0 ? c->count : c->nmembers;
    if (more > OVERLAY_MAX_MEMBERS - s->nmember) {
        report(ap, c->line, "add-unit %s: more than %d members, the limit",
               c->id, OVERLAY_MAX_MEMBERS);
        return 0;
    }
    un.id = scenario_strdup(s, c->id);
    un.name = scenario_strdup(s, c->name ? c->name : c->id);
    if (un.id == NULL || un.name == NULL)
        return -1;
    un.force = c->force;
    un.has_base = c->has_base;
    un.cadangan = c->cadangan;
    un.lat = c->lat;
    un.lon = c->lon;
    un.first_member = s->nmember;
    un.count = c->count;
    un.line = c->line;
    int u = scenario_add_unit(s, &un);
    if (u < 0 || track(ap) != 0 || idmap_set(&ap->units, s->unit[u].id, u) != 0)
        return -1;
    ap->udead[u] = 0;
    ap->hw[u] = 0;
    ap->head[u] = ap->tail[u] = -1;
    if (c->count > 0) {
        int r = make_members(ap, u, 1, c->count, c->line);
        if (r != 0)
            return r < 0 ? -1 : 0;
        ap->hw[u] = c->count;
    }
    for (int i = 0; i < c->nmembers; i++) {
        const struct overlay_member *om = &ap->ov->member[c->first_member + i];
        /* listed before, in the scenario or in this unit: refused (the
         * scenario is dropped on any error, half-added or not) */
        if (idmap_find(&ap->members, om->id) >= 0) {
            report(ap, om->line, "add-unit %s: member %s exists already",
                   c->id, om->id);
            return 0;
        }
        const char *id = scenario_strdup(s, om->id);
        const char *name = scenario_strdup(s, om->name ? om->name : om->id);
        const char *rank = om->rank ? scenario_strdup(s, om->rank) : NULL;
        if (id == NULL || name == NULL || (om->rank && rank == NULL) ||
            add_member(ap, u, id, name, rank, om->line) != 0)
            return -1;
    }
    return 0;
}

static int do_grade_rule(struct ap *ap, const struct overlay_change *c)
{
    struct grade_rule r = ap->s->rules.grade[c->grade];
    const char *name = grade_name(c->grade);
    if (c->given & OV_GIVEN_GUARDS)
        r.guards = c->rule.guards;
    if (c->given & OV_GIVEN_TPS_PER_POST)
        r.tps_per_post = c->rule.tps_per_post;
    if (c->given & OV_GIVEN_MIN_POLRI)
        r.min_polri = c->rule.min_polri;
    if (c->given & OV_GIVEN_RADIUS)
        r.radius_km = c->rule.radius_km;
    long before = ap->nerr;
    if (r.guards < 1 || r.guards > MAX_GUARDS_PER_POST)
        report(ap, c->line, "grade %s: guards = %d; must be 1 to %d", name,
               r.guards, MAX_GUARDS_PER_POST);
    if (r.tps_per_post < 1 || r.tps_per_post > MAX_TPS_PER_POST)
        report(ap, c->line, "grade %s: tps_per_post = %d; must be 1 to %d",
               name, r.tps_per_post, MAX_TPS_PER_POST);
    if (r.min_polri < 0 || r.guards < r.min_polri)
        report(ap, c->line, "grade %s: min_polri = %d with guards = %d; must "
               "be 0 to guards", name, r.min_polri, r.guards);
    if (!(r.radius_km >= 0) || !(r.radius_km <= MAX_RADIUS_KM)) {
        char num[32];
        report(ap, c->line, "grade %s: radius_km = %s; must be 0 to %g km",
               name, scenario_fmt_number(r.radius_km, num), MAX_RADIUS_KM);
    }
    if (ap->nerr == before)
        ap->s->rules.grade[c->grade] = r;
    return 0;
}

static int do_linmas_rule(struct ap *ap, const struct overlay_change *c)
{
    if (c->linmas_per_tps < 0 || c->linmas_per_tps > MAX_LINMAS_PER_TPS)
        report(ap, c->line, "linmas: per_tps = %d; must be 0 to %d",
               c->linmas_per_tps, MAX_LINMAS_PER_TPS);
    else
        ap->s->rules.linmas_per_tps = c->linmas_per_tps;
    return 0;
}

static int do_bko_rule(struct ap *ap, const struct overlay_change *c)
{
    if (c->count < 0 || c->count > MAX_BKO_SIZE)
        report(ap, c->line, "bko %s: size = %d; must be 0 (by person) to %d",
               force_name(c->force), c->count, MAX_BKO_SIZE);
    else
        ap->s->rules.bko_size[c->force] = c->count;
    return 0;
}

/* Drop dead records; each unit's members contiguous, in unit order. */
static int rebuild(struct ap *ap)
{
    struct scenario *s = ap->s;
    int rc = -1, nu = 0, nm = 0;
    int *newu = malloc(sizeof(int) * (size_t)(s->nunit + 1));
    int *start = NULL;
    struct unit *units = NULL;
    struct member *members = NULL;
    if (newu == NULL)
        goto done;
    for (int u = 0; u < s->nunit; u++)
        newu[u] = ap->udead[u] ? -1 : nu++;
    start = calloc((size_t)nu + 1, sizeof *start);
    units = malloc(sizeof *units * (size_t)(nu + 1));
    if (start == NULL || units == NULL)
        goto done;
    for (int m = 0; m < s->nmember; m++)
        if (!ap->mdead[m] && newu[s->member[m].unit] >= 0) {
            start[newu[s->member[m].unit] + 1]++;
            nm++;
        }
    members = malloc(sizeof *members * (size_t)(nm + 1));
    if (members == NULL)
        goto done;
    for (int u = 0; u < nu; u++)
        start[u + 1] += start[u];
    for (int u = 0; u < s->nunit; u++)
        if (newu[u] >= 0) {
            struct unit *un = &units[newu[u]];
            *un = s->unit[u];
            un->first_member = start[newu[u]];
            un->nmembers = start[newu[u] + 1] - start[newu[u]];
            if (ap->hw[u] > 0)
                un->count = ap->hw[u];
        }
    for (int m = 0; m < s->nmember; m++) {
        int u = s->member[m].unit;
        if (ap->mdead[m] || newu[u] < 0)
            continue;
        members[start[newu[u]]] = s->member[m];
        members[start[newu[u]]++].unit = newu[u];
    }
    free(s->unit);
    free(s->member);
    s->unit = units;
    s->nunit = s->cap_unit = nu;
    if (nu == 0)
        s->cap_unit = 1;
    s->member = members;
    s->nmember = s->cap_member = nm;
    if (nm == 0)
        s->cap_member = 1;
    units = NULL;
    members = NULL;
    rc = 0;
done:
    free(newu);
    free(start);
    free(units);
    free(members);
    return rc;
}

int overlay_apply(struct scenario *s, const struct overlay *ov,
                  struct error_list *errs)
{
    struct ap ap;
    memset(&ap, 0, sizeof ap);
    ap.s = s;
    ap.ov = ov;
    ap.errs = errs;
    ap.nunit0 = s->nunit;
    int rc = SIAGA_ENOMEM;
    ap.units.map = strmap_create();
    ap.members.map = strmap_create();
    if (ap.units.map == NULL || ap.members.map == NULL || track(&ap) != 0)
        goto done;
    for (int u = 0; u < s->nunit; u++) {
        if (idmap_set(&ap.units, s->unit[u].id, u) != 0)
            goto done;
        ap.hw[u] = s->unit[u].count;
    }
    for (int m = 0; m < s->nmember; m++)
        if (idmap_set(&ap.members, s->member[m].id, m) != 0)
            goto done;

    for (int i = 0; i < ov->nchange; i++) {
        const struct overlay_change *c = &ov->change[i];
        int r = 0;
        switch (c->op) {
        case OV_REGRADE: r = do_regrade(&ap, c); break;
        case OV_REMOVE_MEMBER: r = do_remove_member(&ap, c); break;
        case OV_REMOVE_UNIT: r = do_remove_unit(&ap, c); break;
        case OV_RESIZE_UNIT: r = do_resize_unit(&ap, c); break;
        case OV_ADD_UNIT: r = do_add_unit(&ap, c); break;
        case OV_GRADE_RULE: r = do_grade_rule(&ap, c); break;
        case OV_LINMAS_RULE: r = do_linmas_rule(&ap, c); break;
        case OV_BKO_RULE: r = do_bko_rule(&ap, c); break;
        }
        if (r != 0)
            goto done;
    }
    if (ap.nerr > 0) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (rebuild(&ap) != 0)
        goto done;
    rc = scenario_finish(s, errs);
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, ov->file, 0, "out of memory while applying the "
                  "overlay");
    strmap_destroy(ap.units.map);
    strmap_destroy(ap.members.map);
    free(ap.units.slot);
    free(ap.members.slot);
    free(ap.udead);
    free(ap.mdead);
    free(ap.hw);
    free(ap.head);
    free(ap.tail);
    free(ap.next);
    return rc;
}
