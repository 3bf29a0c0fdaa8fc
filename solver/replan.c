/*
 * replan.c - re-planning against a baseline roster with the fewest moves
 * (issue 7, item 2).
 *
 * The order of the objective, after overlays changed the scenario:
 *   1-2. empty guard places by grade, then empty Linmas places, as low as
 *        in a plan from scratch (formats 1.4 items 1-2; verified below
 *        against a fresh plan, never assumed);
 *   3.   the fewest members whose place changes (a place is a post's set
 *        of TPS, a Linmas TPS, or the reserve);
 *   4.   the fewest posts redrawn;
 *   5.   then formats 1.4 items 3 to 5.
 *
 * How.  Every baseline post that is still valid (its TPS exist, share one
 * grade and kecamatan, fit the size and radius now in force) is kept as it
 * is, and only the other TPS are clustered.  A member can keep a guard
 * place only if the post keeps its exact TPS, so keeping every valid post
 * is what lets the most members stay; the fills then choose who stays
 * exactly: members of a unit are split by their baseline place into
 * groups of identical people, staying costs 0 and moving 1 on network
 * arcs, and a stage between the fills and the travel minimises the moves
 * (assign.c; still a unimodular matrix).  If the kept posts cost empty
 * places that a plan from scratch fills (more posts than people), the
 * re-plan falls back to the clustering from scratch, still keeping members
 * where its posts equal baseline posts.  Pins fix members (or a post's
 * guards) to their baseline place; a pin that cannot hold is an error, and
 * one that costs empty places is reported as a conflict.
 *
 * What is proven: items 1-2 (equal to the proven optimum from scratch, or
 * the conflict is reported); item 3 given the kept posts (exact LP).  Not
 * proven: that no other choice of posts would let more members stay.
 */
#include "solver/replan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/geo.h"
#include "model/grow.h"
#include "model/strmap.h"
#include "solver/planner_int.h"

struct ctx {
    const struct scenario *s;
    const struct raw_roster *b;
    char **post_key;        /* canonical TPS set of each baseline post */
    int *post_tps;          /* TPS of baseline post i: [i*MAX .. +ntps) */
    int *post_ntps;         /* 0 when the post cannot be resolved */
    int *post_final;        /* baseline post -> final post, or -1 */
    int *origin_linmas_tps; /* per member: baseline Linmas TPS or -1 */
    int *member_post;       /* per member: baseline post or -1 */
    char *member_reserve;   /* per member: in the baseline reserve */
    char *member_seen;      /* per member: anywhere in the baseline */
    const char **member_unit; /* per member: its unit in the baseline
                                 roster (NULL when not there) */
    char *pinned;
};

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "t1,t2,..." of a TPS set, sorted by index, into buf (n * 12 + 1
 * bytes): equal sets, equal keys. */
static void set_key_into(const int *tps, int n, char *buf)
{
    int v[MAX_TPS_PER_POST];
    memcpy(v, tps, sizeof(int) * (size_t)n);
    qsort(v, (size_t)n, sizeof(int), cmp_int);
    char *p = buf;
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%d,", v[i]);
    *p = 0;
}

/* The same, allocated; NULL when out of memory. */
static char *set_key(const int *tps, int n)
{
    char *k = malloc((size_t)n * 12 + 1);
    if (k != NULL)
        set_key_into(tps, n, k);
    return k;
}

/* Is the baseline post (TPS in listed order) a valid post today? */
static const char *post_invalid(const struct scenario *s, const int *tps, int n)
{
    const struct tps *a = &s->tps[tps[0]];
    const struct grade_rule *gr = &s->rules.grade[a->grade];
    if (n > gr->tps_per_post)
        return "more TPS than its grade now allows";
    for (int i = 1; i < n; i++) {
        const struct tps *t = &s->tps[tps[i]];
        if (t->grade != a->grade)
            return "its TPS no longer share one grade";
        if (t->kecamatan != a->kecamatan)
            return "its TPS lie in two kecamatan";
        double d = geo_distance_km(a->lat, a->lon, t->lat, t->lon);
        if (!geo_within(d, gr->radius_km))
            return "a TPS lies outside the radius now in force";
    }
    return NULL;
}

/* Resolve the baseline: posts to TPS sets, members to baseline places. */
static int resolve(struct ctx *c, struct error_list *errs)
{
    const struct scenario *s = c->s;
    const struct raw_roster *b = c->b;
    int np = b->npost, nm = s->nmember;
    c->post_key = calloc((size_t)np + 1, sizeof(char *));
    c->post_tps = malloc(sizeof(int) * ((size_t)np + 1) * MAX_TPS_PER_POST);
    c->post_ntps = calloc((size_t)np + 1, sizeof(int));
    c->post_final = malloc(sizeof(int) * ((size_t)np + 1));
    c->origin_linmas_tps = malloc(sizeof(int) * ((size_t)nm + 1));
    c->member_post = malloc(sizeof(int) * ((size_t)nm + 1));
    c->member_reserve = calloc((size_t)nm + 1, 1);
    c->member_seen = calloc((size_t)nm + 1, 1);
    c->member_unit = calloc((size_t)nm + 1, sizeof *c->member_unit);
    c->pinned = calloc((size_t)nm + 1, 1);
    char *used = calloc((size_t)s->ntps + 1, 1);
    if (!c->post_key || !c->post_tps || !c->post_ntps || !c->post_final ||
        !c->origin_linmas_tps || !c->member_post || !c->member_reserve ||
        !c->member_seen || !c->member_unit || !c->pinned || !used) {
        free(used);
        error_add(errs, NULL, 0, "out of memory while reading the baseline");
        return SIAGA_ENOMEM;
    }
    for (int m = 0; m < nm; m++)
        c->origin_linmas_tps[m] = c->member_post[m] = -1;
    for (int i = 0; i < np; i++) {
        const struct raw_post *rp = &b->post[i];
        int *tl = &c->post_tps[(size_t)i * MAX_TPS_PER_POST], n = 0, ok = 1;
        c->post_final[i] = -1;
        for (int k = 0; k < rp->ntps && ok; k++) {
            int t = scenario_find_tps(s, b->tps[rp->first_tps + k].id);
            if (t < 0 || used[t] || n == MAX_TPS_PER_POST)
                ok = 0;
            else
                tl[n++] = t;
        }
        if (ok && n > 0) {
            for (int k = 0; k < n; k++)
                used[tl[k]] = 1;
            c->post_ntps[i] = n;
            c->post_key[i] = set_key(tl, n);
            if (c->post_key[i] == NULL) {
                free(used);
                return SIAGA_ENOMEM;
            }
        }
        for (int g = 0; g < rp->nguards; g++) {
            int m = scenario_find_member(s, b->guard[rp->first_guard + g].member);
            if (m >= 0 && !c->member_seen[m]) {
                c->member_seen[m] = 1;
                c->member_post[m] = i;
                c->member_unit[m] = b->guard[rp->first_guard + g].unit;
            }
        }
    }
    for (int i = 0; i < b->nlinmas; i++) {
        int m = scenario_find_member(s, b->linmas[i].member);
        if (m >= 0 && !c->member_seen[m]) {
            c->member_seen[m] = 1;
            c->member_unit[m] = b->linmas[i].unit;
            c->origin_linmas_tps[m] = scenario_find_tps(s, b->linmas[i].tps);
            if (c->origin_linmas_tps[m] < 0)
                c->origin_linmas_tps[m] = -2; /* its TPS is gone */
        }
    }
    for (int i = 0; i < b->nreserve; i++) {
        int m = scenario_find_member(s, b->reserve[i].member);
        if (m >= 0 && !c->member_seen[m]) {
            c->member_seen[m] = 1;
            c->member_unit[m] = b->reserve[i].unit;
            c->member_reserve[m] = 1;
        }
    }
    free(used);
    return SIAGA_OK;
}

/* Baseline posts valid today, as posts to keep. */
static int kept_posts(const struct ctx *c, struct post **out, int *nout)
{
    const struct scenario *s = c->s;
    struct post *k = calloc((size_t)c->b->npost + 1, sizeof *k);
    if (k == NULL)
        return SIAGA_ENOMEM;
    int n = 0;
    for (int i = 0; i < c->b->npost; i++) {
        const int *tl = &c->post_tps[(size_t)i * MAX_TPS_PER_POST];
        int nt = c->post_ntps[i];
        if (nt == 0 || post_invalid(s, tl, nt) != NULL)
            continue;
        struct post *p = &k[n++];
        p->grade = s->tps[tl[0]].grade;
        p->kecamatan = s->tps[tl[0]].kecamatan;
        p->ntps = nt;
        memcpy(p->tps, tl, sizeof(int) * (size_t)nt);
        p->required = s->rules.grade[p->grade].guards;
    }
    *out = k;
    *nout = n;
    return SIAGA_OK;
}

/* Map baseline posts to final posts with the same TPS set. */
static int match_posts(struct ctx *c, const struct post *posts, int npost)
{
    struct strmap *m = strmap_create();
    char **keys = calloc((size_t)npost + 1, sizeof(char *));
    int rc = SIAGA_ENOMEM;
    if (m == NULL || keys == NULL)
        goto done;
    for (int q = 0; q < npost; q++) {
        keys[q] = set_key(posts[q].tps, posts[q].ntps);
        if (keys[q] == NULL || strmap_put(m, keys[q], q, NULL) < 0)
            goto done;
    }
    for (int i = 0; i < c->b->npost; i++)
        c->post_final[i] = c->post_key[i] ? strmap_get(m, c->post_key[i]) : -1;
    rc = SIAGA_OK;
done:
    for (int q = 0; keys != NULL && q < npost; q++)
        free(keys[q]);
    free(keys);
    strmap_destroy(m);
    return rc;
}

static int origins_cb(void *vctx, const struct post *posts, int npost,
                      struct origins *guards, struct origins *linmas,
                      struct error_list *errs)
{
    struct ctx *c = vctx;
    const struct scenario *s = c->s;
    int rc = match_posts(c, posts, npost);
    int *og = malloc(sizeof(int) * ((size_t)s->nmember + 1));
    int *ol = malloc(sizeof(int) * ((size_t)s->nmember + 1));
    if (rc != SIAGA_OK || og == NULL || ol == NULL) {
        free(og);
        free(ol);
        error_add(errs, NULL, 0, "out of memory while re-planning");
        return SIAGA_ENOMEM;
    }
    for (int m = 0; m < s->nmember; m++) {
        int o;
        if (!c->member_seen[m])
            o = ORIGIN_NEW;
        else if (c->member_reserve[m])
            o = ORIGIN_RESERVE;
        else if (c->member_post[m] >= 0)
            o = c->post_final[c->member_post[m]] >= 0
                    ? c->post_final[c->member_post[m]] : ORIGIN_GONE;
        else
            o = c->origin_linmas_tps[m] >= 0 ? c->origin_linmas_tps[m] : ORIGIN_GONE;
        /* a place of the other kind (a guard's post for a Linmas) is gone */
        int is_linmas = s->unit[s->member[m].unit].force == FORCE_LINMAS;
        int held_post = c->member_seen[m] && c->member_post[m] >= 0;
        int held_lin = c->member_seen[m] && !c->member_reserve[m] && !held_post;
        og[m] = ol[m] = o;
        if (is_linmas && held_post)
            ol[m] = ORIGIN_GONE;
        if (!is_linmas && held_lin)
            og[m] = ORIGIN_GONE;
    }
    *guards = (struct origins){og, c->pinned};
    *linmas = (struct origins){ol, c->pinned};
    return SIAGA_OK;
}

static void release_cb(void *vctx, struct origins *guards, struct origins *linmas)
{
    (void)vctx;
    free((void *)guards->origin);
    free((void *)linmas->origin);
}

/* Pins: member ids, or baseline post ids (their guards). */
static int apply_pins(struct ctx *c, const char *const *pins, int npins,
                      int *count, struct error_list *errs)
{
    const struct scenario *s = c->s;
    int rc = SIAGA_OK;
    for (int i = 0; i < npins; i++) {
        int post = -1;
        for (int p = 0; p < c->b->npost && post < 0; p++)
            if (c->b->post[p].id && strcmp(c->b->post[p].id, pins[i]) == 0)
                post = p;
        if (post >= 0) {
            const int *tl = &c->post_tps[(size_t)post * MAX_TPS_PER_POST];
            const char *why = c->post_ntps[post] == 0
                                  ? "its TPS are not all in the scenario"
                                  : post_invalid(s, tl, c->post_ntps[post]);
            if (why != NULL) {
                error_add(errs, c->b->file, c->b->post[post].line,
                          "pin %s: the post cannot be kept: %s", pins[i], why);
                rc = SIAGA_EINPUT;
                continue;
            }
            for (int m = 0; m < s->nmember; m++)
                if (c->member_post[m] == post && c->member_seen[m]) {
                    c->pinned[m] = 1;
                    (*count)++;
                }
            continue;
        }
        int m = scenario_find_member(s, pins[i]);
        if (m < 0) {
            error_add(errs, NULL, 0, "pin %s: no such member in the scenario "
                      "nor post in the baseline", pins[i]);
            rc = SIAGA_EINPUT;
            continue;
        }
        if (!c->member_seen[m]) {
            error_add(errs, NULL, 0, "pin %s: the member has no place in the "
                      "baseline to keep", pins[i]);
            rc = SIAGA_EINPUT;
            continue;
        }
        if (c->member_post[m] >= 0) {
            int post2 = c->member_post[m];
            const int *tl = &c->post_tps[(size_t)post2 * MAX_TPS_PER_POST];
            if (c->post_ntps[post2] == 0 ||
                post_invalid(s, tl, c->post_ntps[post2]) != NULL) {
                error_add(errs, c->b->file, c->b->post[post2].line,
                          "pin %s: the member's post can no longer be kept",
                          pins[i]);
                rc = SIAGA_EINPUT;
                continue;
            }
        }
        c->pinned[m] = 1;
        (*count)++;
    }
    return rc;
}

/* ---- the change list --------------------------------------------------- */

static int push(struct change_list *cl, enum change_kind k, const char *member,
                const char *name, const char *unit, const char *from,
                const char *to)
{
    if (model_grow((void **)&cl->item, cl->n, &cl->cap, sizeof *cl->item) != 0)
        return SIAGA_ENOMEM;
    struct change *c = &cl->item[cl->n];
    c->kind = k;
    c->member = xstrdup(member ? member : "");
    c->name = xstrdup(name ? name : "");
    c->unit = xstrdup(unit ? unit : "");
    c->from = xstrdup(from ? from : "");
    c->to = xstrdup(to ? to : "");
    if (!c->member || !c->name || !c->unit || !c->from || !c->to) {
        free(c->member);
        free(c->name);
        free(c->unit);
        free(c->from);
        free(c->to);
        return SIAGA_ENOMEM;
    }
    cl->n++;
    return SIAGA_OK;
}

/* A place as people read it, and its identity for comparison. */
static void post_text(const struct scenario *s, const int *tps, int n,
                      const char *id, char *buf, size_t cap)
{
    char code[16];
    int w = snprintf(buf, cap, "pos %s (", id);
    for (int i = 0; i < n && w > 0 && (size_t)w < cap; i++)
        w += snprintf(buf + w, cap - (size_t)w, "%s%s", i ? ";" : "",
                      scenario_tps_code(s, tps[i], code));
    if (w > 0 && (size_t)w < cap)
        snprintf(buf + w, cap - (size_t)w, ")");
}

/* Place of member m in plan p: identity in key, text in txt. */
static void plan_place(const struct scenario *s, const struct plan *p,
                       const int *post_of_member, const int *lin_of_member,
                       int m, char *key, char *txt, size_t cap)
{
    char code[16], id[24];
    if (post_of_member[m] >= 0) {
        const struct post *po = &p->post[post_of_member[m]];
        char k[MAX_TPS_PER_POST * 12 + 1];
        set_key_into(po->tps, po->ntps, k);
        snprintf(key, cap, "G:%s", k);
        snprintf(id, sizeof id, "P%04d", post_of_member[m] + 1);
        post_text(s, po->tps, po->ntps, id, txt, cap);
    } else if (lin_of_member[m] >= 0) {
        snprintf(key, cap, "L:%d", lin_of_member[m]);
        snprintf(txt, cap, "linmas TPS %s", scenario_tps_code(s, lin_of_member[m], code));
    } else {
        snprintf(key, cap, "R");
        snprintf(txt, cap, "cadangan");
    }
}

static int places_of(const struct scenario *s, const struct plan *p,
                     int **post_of, int **lin_of)
{
    *post_of = malloc(sizeof(int) * ((size_t)s->nmember + 1));
    *lin_of = malloc(sizeof(int) * ((size_t)s->nmember + 1));
    if (*post_of == NULL || *lin_of == NULL)
        return SIAGA_ENOMEM;
    for (int m = 0; m < s->nmember; m++)
        (*post_of)[m] = (*lin_of)[m] = -1;
    for (int q = 0; q < p->npost; q++)
        for (int k = 0; k < p->post[q].nguards; k++)
            (*post_of)[p->guard[p->post[q].first_guard + k]] = q;
    for (int i = 0; i < p->nlinmas; i++)
        (*lin_of)[p->linmas[i].member] = p->linmas[i].tps;
    return SIAGA_OK;
}

/* Baseline place of member m: key and text. */
static void base_place(const struct ctx *c, int m, char *key, char *txt,
                       size_t cap)
{
    const struct scenario *s = c->s;
    char code[16];
    int bp = c->member_post[m];
    if (bp >= 0) {
        const int *tl = &c->post_tps[(size_t)bp * MAX_TPS_PER_POST];
        snprintf(key, cap, "G:%s", c->post_key[bp] ? c->post_key[bp] : "?");
        if (c->post_ntps[bp] > 0)
            post_text(s, tl, c->post_ntps[bp], c->b->post[bp].id, txt, cap);
        else
            snprintf(txt, cap, "pos %s", c->b->post[bp].id);
    } else if (c->member_reserve[m]) {
        snprintf(key, cap, "R");
        snprintf(txt, cap, "cadangan");
    } else if (c->origin_linmas_tps[m] >= 0) {
        snprintf(key, cap, "L:%d", c->origin_linmas_tps[m]);
        snprintf(txt, cap, "linmas TPS %s",
                 scenario_tps_code(s, c->origin_linmas_tps[m], code));
    } else {
        snprintf(key, cap, "?");
        snprintf(txt, cap, "linmas (TPS tidak ada lagi)");
    }
}

/* Members whose place differs between the baseline and plan p. */
static int diff(const struct ctx *c, const struct plan *p,
                struct change_list *cl, long *moved)
{
    const struct scenario *s = c->s;
    int *post_of = NULL, *lin_of = NULL, rc = places_of(s, p, &post_of, &lin_of);
    char k0[1024], t0[1024], k1[1024], t1[1024];
    *moved = 0;
    for (int m = 0; rc == SIAGA_OK && m < s->nmember; m++) {
        plan_place(s, p, post_of, lin_of, m, k1, t1, sizeof k1);
        const struct member *mb = &s->member[m];
        const char *unit = s->unit[mb->unit].id;
        if (!c->member_seen[m]) {
            if (cl != NULL && strcmp(k1, "R") != 0) {
                rc = push(cl, CHANGE_JOINED, mb->id, mb->name, unit, "", t1);
                cl->joined++;
            }
            continue;
        }
        /* a member an overlay put in another unit (remove-member, then
         * add-unit listing the same id) changed even where the place
         * did not: the Kapolsek must know whose command they are under */
        const char *bu = c->member_unit[m];
        if (cl != NULL && bu != NULL && strcmp(bu, unit) != 0) {
            rc = push(cl, CHANGE_UNIT, mb->id, mb->name, unit, bu, unit);
            cl->unit_changed++;
            if (rc != SIAGA_OK)
                break;
        }
        base_place(c, m, k0, t0, sizeof k0);
        if (strcmp(k0, k1) == 0)
            continue;
        (*moved)++;
        if (cl != NULL)
            rc = push(cl, CHANGE_MOVED, mb->id, mb->name, unit, t0, t1);
    }
    free(post_of);
    free(lin_of);
    return rc;
}

static int member_in_scenario(const struct scenario *s, const char *id)
{
    return scenario_find_member(s, id) >= 0;
}

static int post_changes(const struct ctx *c, const struct plan *p,
                        struct change_list *cl)
{
    const struct scenario *s = c->s;
    char txt[1024], id[24];
    char *matched = calloc((size_t)p->npost + 1, 1);
    int rc = matched ? SIAGA_OK : SIAGA_ENOMEM;
    for (int i = 0; rc == SIAGA_OK && i < c->b->npost; i++) {
        if (c->post_final[i] >= 0) {
            matched[c->post_final[i]] = 1;
            cl->posts_kept++;
            continue;
        }
        const int *tl = &c->post_tps[(size_t)i * MAX_TPS_PER_POST];
        if (c->post_ntps[i] > 0)
            post_text(s, tl, c->post_ntps[i], c->b->post[i].id, txt, sizeof txt);
        else
            snprintf(txt, sizeof txt, "pos %s", c->b->post[i].id);
        rc = push(cl, CHANGE_POST_CLOSED, "", "", "", txt, "");
        cl->posts_closed++;
    }
    for (int q = 0; rc == SIAGA_OK && q < p->npost; q++) {
        if (matched[q])
            continue;
        snprintf(id, sizeof id, "P%04d", q + 1);
        post_text(s, p->post[q].tps, p->post[q].ntps, id, txt, sizeof txt);
        rc = push(cl, CHANGE_POST_NEW, "", "", "", "", txt);
        cl->posts_new++;
    }
    /* baseline members gone from the scenario */
    const struct raw_roster *b = c->b;
    for (int i = 0; rc == SIAGA_OK && i < b->nguard; i++)
        if (!member_in_scenario(s, b->guard[i].member)) {
            rc = push(cl, CHANGE_LEFT, b->guard[i].member, "", b->guard[i].unit,
                      "penjaga", "");
            cl->left++;
        }
    for (int i = 0; rc == SIAGA_OK && i < b->nlinmas; i++)
        if (!member_in_scenario(s, b->linmas[i].member)) {
            rc = push(cl, CHANGE_LEFT, b->linmas[i].member, "", b->linmas[i].unit,
                      "linmas", "");
            cl->left++;
        }
    for (int i = 0; rc == SIAGA_OK && i < b->nreserve; i++)
        if (!member_in_scenario(s, b->reserve[i].member)) {
            rc = push(cl, CHANGE_LEFT, b->reserve[i].member, "", b->reserve[i].unit,
                      "cadangan", "");
            cl->left++;
        }
    free(matched);
    return rc;
}

/* Priorities 1-2 of p no worse than of the plan from scratch f? */
static int as_good(const struct plan *p, const struct plan *f)
{
    for (int g = 0; g < GRADE_COUNT; g++)
        if (p->obj.empty_guard[g] != f->obj.empty_guard[g])
            return 0;
    return p->obj.empty_linmas == f->obj.empty_linmas;
}

static void ctx_free(struct ctx *c)
{
    for (int i = 0; c->post_key != NULL && i < c->b->npost; i++)
        free(c->post_key[i]);
    free(c->post_key);
    free(c->post_tps);
    free(c->post_ntps);
    free(c->post_final);
    free(c->origin_linmas_tps);
    free(c->member_post);
    free(c->member_reserve);
    free(c->member_seen);
    free(c->member_unit);
    free(c->pinned);
}

int solver_replan(const struct scenario *s, const struct plan_params *pp,
                  const struct raw_roster *baseline, const char *const *pins,
                  int npins, struct plan **out, struct change_list *cl,
                  struct error_list *errs)
{
    struct ctx c;
    struct plan *fresh = NULL, *p = NULL;
    struct post *kept = NULL;
    int nkept = 0;
    memset(&c, 0, sizeof c);
    memset(cl, 0, sizeof *cl);
    c.s = s;
    c.b = baseline;
    *out = NULL;
    /* one deadline for the three plans (from scratch, with the kept posts,
     * and the fallback): each gets an equal share of what is left */
    double end = plan_deadline(pp);
    struct plan_params spp = *pp;
    spp.deadline = plan_share(end, 3);
    int rc = solver_plan(s, &spp, &fresh, errs);
    int limited = rc == SIAGA_ELIMIT;
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        goto done;
    if ((rc = resolve(&c, errs)) != SIAGA_OK)
        goto done;
    if ((rc = kept_posts(&c, &kept, &nkept)) != SIAGA_OK)
        goto done;
    if ((rc = apply_pins(&c, pins, npins, &cl->pins, errs)) != SIAGA_OK)
        goto done;
    struct replan_hook hook = {kept, nkept, origins_cb, release_cb, &c};
    spp.deadline = plan_share(end, 2);
    rc = plan_core(s, &spp, &hook, &p, errs);
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        goto done;
    limited |= rc == SIAGA_ELIMIT;
    if (!as_good(p, fresh)) {
        /* kept posts cost places: cluster from scratch, keep who can stay */
        plan_destroy(p);
        p = NULL;
        cl->fallback = 1;
        hook.kept = NULL;
        hook.nkept = 0;
        spp.deadline = end;
        rc = plan_core(s, &spp, &hook, &p, errs);
        if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
            goto done;
        limited |= rc == SIAGA_ELIMIT;
        if (!as_good(p, fresh))
            cl->conflict = xstrdup("pin membuat tempat kosong yang dapat "
                                   "diisi tanpa pin");
    }
    /* the baseline order of the objective puts posts after moves: where
     * that costs posts, the roster does not claim formats 1.4 optimality */
    p->obj.posts_bound = fresh->obj.posts_bound;
    p->obj.member_km_bound = 0;
    p->obj.cluster_km_bound = 0;
    if (p->npost > fresh->obj.posts_bound || fresh->status == PLAN_FEASIBLE)
        p->status = PLAN_FEASIBLE;
    cl->members = s->nmember;
    cl->posts_scratch = fresh->npost;
    if ((rc = diff(&c, p, cl, &cl->moved)) != SIAGA_OK ||
        (rc = diff(&c, fresh, NULL, &cl->moved_scratch)) != SIAGA_OK ||
        (rc = post_changes(&c, p, cl)) != SIAGA_OK)
        goto done;
    *out = p;
    p = NULL;
    rc = limited ? SIAGA_ELIMIT : SIAGA_OK;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while re-planning");
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        change_list_free(cl);
    plan_destroy(fresh);
    plan_destroy(p);
    free(kept);
    ctx_free(&c);
    return rc;
}
