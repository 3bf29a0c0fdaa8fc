/*
 * sensitivity.c - the posts under four rule changes (sensitivity.h).
 *
 * Per variant, per kecamatan and grade with tps_per_post > 1, the TPS
 * within the radius form components (a post never spans two, post_why.h),
 * each needing at least ceil(n/c) posts.  A greedy clusters each
 * component; where it meets ceil(n/c) the count is proven.  Of the other
 * components, those of at most SENS_PROVE_MAX_N TPS are clustered together
 * by cluster_build, exactly as a plan is: a scenario that shares the
 * regions with s but holds only their TPS and the changed rules (the
 * clustering reads TPS, regions and rules only), so their counts are
 * proven as the plan's are unless a budget stops a proof.  The larger ones
 * keep the greedy's count, not proven, with ceil(n/c) as their bound:
 * proving them costs what proving the plan's own posts cost, four times
 * over (dense maps with 16 TPS a post: five times the plan's time), and
 * the table must not slow a plan down by more than half (issue 14).
 *
 * The plan itself then tightens what is left open, per kecamatan: its
 * posts are a clustering under a longer radius or more TPS a post too, so
 * they bound those counts from above; and when its post count is proven
 * fewest (no baseline), no clustering under a shorter radius or fewer TPS
 * a post has fewer posts, so it bounds those from below.
 *
 * Every budget is a count, so the table is the same on every run, unless
 * a time limit stops it: a change that starts past the deadline is left
 * out of the table (applies false).  Only post counts matter here, so the
 * clustering's distance stage (formats 1.4 item 5) is skipped
 * (posts_only): it changes no count.
 */
#include "solver/sensitivity.h"

#include <stdlib.h>
#include <string.h>

#include "model/radius_graph.h"
#include "model/tally.h"
#include "solver/cluster.h"
#include "solver/glpk_util.h"

/* Components of more TPS than this that the greedy does not settle keep
 * the greedy's count (see above).  The set-partitioning proof of a
 * component of 120 TPS takes about 0.05 s (bench/RESULTS.md, stress
 * rows); those of several hundred, seconds each. */
#define SENS_PROVE_MAX_N 120

void sensitivity_free(struct sensitivity *s)
{
    if (s == NULL)
        return;
    free(s->cell);
    memset(s, 0, sizeof *s);
}

/* The rules of variant v; false when no grade can take it. */
static bool variant_rules(const struct rules *r, enum sens_variant v,
                          struct rules *out)
{
    *out = *r;
    bool any = false;
    for (int g = 0; g < GRADE_COUNT; g++) {
        struct grade_rule *gr = &out->grade[g];
        if (gr->tps_per_post <= 1)
            continue;
        switch (v) {
        case SENS_RADIUS_MINUS:
            if (gr->radius_km < 0.5)
                continue;
            gr->radius_km -= 0.5;
            break;
        case SENS_RADIUS_PLUS:
            if (gr->radius_km + 0.5 > MAX_RADIUS_KM)
                continue;
            gr->radius_km += 0.5;
            break;
        case SENS_C_MINUS:
            gr->tps_per_post--;
            break;
        case SENS_C_PLUS:
            if (gr->tps_per_post >= MAX_TPS_PER_POST)
                continue;
            gr->tps_per_post++;
            break;
        case SENS_COUNT:
            break;
        }
        any = true;
    }
    return any;
}

/* ---- the greedy on each component ------------------------------------ */

/* Scratch of the variants. */
struct work {
    struct radius_graph g;
    int *grp;                 /* a kecamatan's TPS of one grade */
    int *live; char *done;    /* the greedy, by position */
    int *hard; int nhard;     /* TPS of components left to cluster_build */
};

static void work_free(struct work *w)
{
    radius_graph_free(&w->g);
    free(w->grp);
    free(w->live);
    free(w->done);
    free(w->hard);
}

static int work_init(struct work *w, int ntps)
{
    memset(w, 0, sizeof *w);
    size_t n = (size_t)ntps + 1;
    w->grp = malloc(sizeof(int) * n);
    w->live = malloc(sizeof(int) * n);
    w->done = malloc(n);
    w->hard = malloc(sizeof(int) * n);
    return w->grp && w->live && w->done && w->hard ? 0 : -1;
}

/* Posts a most-constrained-first greedy makes of component c of w->g, cp
 * TPS per post: take the uncovered TPS with fewest uncovered neighbours,
 * as anchor the one among it and its uncovered neighbours with most
 * uncovered neighbours, and fill the post with the anchor's uncovered
 * neighbours, most constrained first. */
static long greedy_posts(struct work *w, int c, int cp)
{
    const struct radius_graph *g = &w->g;
    const int *comp = g->comp + g->coff[c];
    int m = g->coff[c + 1] - g->coff[c];
    long posts = 0;
    for (int q = 0; q < m; q++) {
        int i = comp[q];
        w->done[i] = 0;
        w->live[i] = g->off[i + 1] - g->off[i];
    }
    for (int left = m; left > 0;) {
        int u = -1;
        for (int q = 0; q < m; q++) {
            int i = comp[q];
            if (!w->done[i] && (u < 0 || w->live[i] < w->live[u]))
                u = i;
        }
        int a = u;
        for (int k = g->off[u]; k < g->off[u + 1]; k++) {
            int x = g->adj[k];
            if (!w->done[x] && w->live[x] > w->live[a])
                a = x;
        }
        int take[MAX_TPS_PER_POST], nt = 0;
        take[nt++] = a;
        w->done[a] = 1;
        if (u != a) {
            take[nt++] = u;
            w->done[u] = 1;
        }
        while (nt < cp) {
            int pick = -1;
            for (int k = g->off[a]; k < g->off[a + 1]; k++) {
                int x = g->adj[k];
                if (!w->done[x] && (pick < 0 || w->live[x] < w->live[pick]))
                    pick = x;
            }
            if (pick < 0)
                break;
            take[nt++] = pick;
            w->done[pick] = 1;
        }
        for (int q = 0; q < nt; q++)
            for (int k = g->off[take[q]]; k < g->off[take[q] + 1]; k++)
                w->live[g->adj[k]]--;
        left -= nt;
        posts++;
    }
    return posts;
}

/*
 * Under rules r: per kecamatan and grade, the components; each the greedy
 * settles at ceil(n/c) is counted as proven into column v of cell, the
 * other small ones go to w->hard, the other large ones keep the greedy's
 * count (every bound is counted).  0 or -1.
 */
static int settle(const struct scenario *s, const struct rules *r,
                  struct work *w, struct sens_cell *cell, int v)
{
    w->nhard = 0;
    for (int lo = 0; lo < s->ntps;) {
        int hi = lo, k = s->tps[lo].kecamatan;
        while (hi < s->ntps && s->tps[hi].kecamatan == k)
            hi++;
        struct sens_cell *c = &cell[k * SENS_COUNT + v];
        for (int g = 0; g < GRADE_COUNT; g++) {
            const struct grade_rule *gr = &r->grade[g];
            int n = 0;
            for (int t = lo; t < hi; t++)
                if ((int)s->tps[t].grade == g)
                    w->grp[n++] = t;
            if (n == 0)
                continue;
            if (gr->tps_per_post <= 1) {
                c->posts += n;
                c->bound += n;
                c->places += (long)n * gr->guards;
                continue;
            }
            if (radius_graph_build(&w->g, s, w->grp, n, gr->radius_km) != 0)
                return -1;
            for (int q = 0; q < w->g.ncomp; q++) {
                int m = w->g.coff[q + 1] - w->g.coff[q];
                long lb = (m + gr->tps_per_post - 1) / gr->tps_per_post;
                long gp = greedy_posts(w, q, gr->tps_per_post);
                if (gp == lb || m > SENS_PROVE_MAX_N) {
                    c->posts += gp;
                    c->places += gp * gr->guards;
                    c->bound += lb;
                } else {
                    /* its posts and bound come from cluster_hard */
                    for (int i = w->g.coff[q]; i < w->g.coff[q + 1]; i++)
                        w->hard[w->nhard++] = w->g.tps[w->g.comp[i]];
                }
            }
        }
        lo = hi;
    }
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The components the greedy left, clustered by cluster_build under rules
 * r, added to column v.  Returns SIAGA_OK, SIAGA_ELIMIT (some not
 * proven) or the failure. */
static int cluster_hard(const struct scenario *s, const struct rules *r,
                        struct work *w, const struct plan_params *cp,
                        struct sens_cell *cell, int v, struct error_list *errs)
{
    if (w->nhard == 0)
        return SIAGA_OK;
    /* scenario order keeps each kecamatan's TPS contiguous */
    qsort(w->hard, (size_t)w->nhard, sizeof(int), cmp_int);
    struct tps *sub = malloc(sizeof *sub * (size_t)w->nhard);
    if (sub == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    for (int i = 0; i < w->nhard; i++)
        sub[i] = s->tps[w->hard[i]];
    struct scenario sv = *s;
    sv.rules = *r;
    sv.tps = sub;
    sv.ntps = w->nhard;
    struct cluster_result cr;
    int rc = cluster_build(&sv, cp, cp->deadline, &cr, errs);
    if (rc == SIAGA_OK || rc == SIAGA_ELIMIT) {
        /* a kecamatan's bound: its posts, less the gap of each of its
         * components whose proof was stopped */
        for (int i = 0; i < cr.npost; i++) {
            const struct post *po = &cr.post[i];
            struct sens_cell *c = &cell[po->kecamatan * SENS_COUNT + v];
            c->posts++;
            c->bound++;
            c->places += r->grade[po->grade].guards;
        }
        for (int i = 0; i < cr.nhard; i++) {
            const struct cluster_comp_stat *h = &cr.hard[i];
            cell[h->kecamatan * SENS_COUNT + v].bound -= h->posts - h->bound;
        }
        cluster_free(&cr);
    }
    free(sub);
    return rc;
}

/* Column v of cell tightened by a plan of s (see the top) whose posts and
 * guard places in kecamatan k are posts[k] and places[k]. */
static void plan_bounds(const struct scenario *s, const long *posts_k,
                        const long *places_k, bool p_fewest,
                        struct sens_cell *cell, int v)
{
    bool relaxed = v == SENS_RADIUS_PLUS || v == SENS_C_PLUS;
    for (int k = 0; k < s->nkec; k++) {
        long posts = posts_k[k], places = places_k[k];
        struct sens_cell *c = &cell[k * SENS_COUNT + v];
        if (relaxed && posts < c->posts) {
            c->posts = posts;
            c->places = places;
        } else if (!relaxed && p_fewest && posts > c->bound) {
            c->bound = posts;
        }
    }
}

int solver_sensitivity(const struct scenario *s, const struct plan_params *pp,
                       const struct plan *p, bool p_fewest,
                       struct sensitivity *out, struct error_list *errs)
{
    int rc = SIAGA_OK;
    long *plan_k = NULL;    /* the plan's posts and guard places by
                               kecamatan (plan_tally_kecamatan) */
    struct work w;
    memset(&w, 0, sizeof w);
    memset(out, 0, sizeof *out);
    out->nkec = s->nkec;
    out->cell = calloc((size_t)s->nkec * SENS_COUNT + 1, sizeof *out->cell);
    if (out->cell == NULL || work_init(&w, s->ntps) != 0) {
        error_add(errs, NULL, 0, "out of memory");
        rc = SIAGA_ENOMEM;
        goto done;
    }
    if (p != NULL && (plan_k = plan_tally_kecamatan(s, p)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        rc = SIAGA_ENOMEM;
        goto done;
    }
    struct plan_params cp = *pp;
    cp.posts_only = true;       /* no distance stage: it changes no count */
    cp.progress = NULL;
    cp.posts = NULL;
    for (int v = 0; v < SENS_COUNT; v++) {
        struct rules r;
        if (!variant_rules(&s->rules, (enum sens_variant)v, &r))
            continue;
        if (solver_past(cp.deadline)) {
            /* no time left: the change is not reported rather than
             * reported unproven, and the command keeps its limit */
            rc = SIAGA_ELIMIT;
            continue;
        }
        out->applies[v] = true;
        if (settle(s, &r, &w, out->cell, v) != 0) {
            error_add(errs, NULL, 0, "out of memory");
            rc = SIAGA_ENOMEM;
            goto done;
        }
        int hrc = cluster_hard(s, &r, &w, &cp, out->cell, v, errs);
        if (hrc != SIAGA_OK && hrc != SIAGA_ELIMIT) {
            rc = hrc;
            goto done;
        }
        if (hrc == SIAGA_ELIMIT)
            rc = SIAGA_ELIMIT;
        if (plan_k != NULL)
            plan_bounds(s, plan_k, plan_k + s->nkec + 1, p_fewest, out->cell, v);
    }
done:
    free(plan_k);
    work_free(&w);
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        sensitivity_free(out);
    return rc;
}
