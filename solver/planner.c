/*
 * planner.c - the lexicographic driver: formats.md 1.4 in three exact
 * pieces.
 *
 * Why the decomposition is exact.  Linmas places depend on nothing but
 * the TPS, so item 2 (and the Linmas share of item 4) is its own problem
 * (assign_linmas).  For the guards, take a kecamatan and a grade whose
 * posts hold several TPS.  When no guard unit is scoped to a single desa,
 * every post of that kecamatan and grade can be filled by exactly the
 * same units, so a clustering matters to items 1-3 only through its number
 * of posts P.  One more post adds `guards` places and at most `guards`
 * filled ones, so empty places (item 1) never fall as P grows, and item 3
 * wants P small: the clustering with fewest posts in every component
 * (cluster.c, proven) is optimal for items 1-3, and the fills are then an
 * exact LP (assign.c).  Sangat rawan and rawan fills do not depend on the
 * kurang rawan posts at all, which is what makes the stage order sound.
 *
 * Where a guard unit is scoped to one desa, a cluster spanning two desa
 * shuts it out, and the argument fails when places stay empty in a
 * clustered grade.  A relaxation (assign.c, relaxed_bound) then bounds the
 * empty places; when it meets the plan, the plan is proven all the same,
 * otherwise it is marked `feasible` (not proven), never `shortage`.  A
 * clustering found under a deadline is `feasible` too.
 *
 * The deadline, and how it is split.  One deadline holds for the whole
 * plan (plan_deadline).  The clustering may use CLUSTER_SHARE of what is
 * left when it starts; it stops its proofs there and keeps the best posts
 * found (cluster.c).  The fills get the rest: the guard fill LPs may run
 * until GUARD_SHARE of what is then left, the Linmas fill until the
 * deadline.  A fill is never cut short: past its deadline a block is
 * filled by a greedy (assign.c), so the roster is complete and keeps
 * every rule, and the plan says `feasible`.  Bounds (the desa relaxation,
 * item 4) are skipped past the deadline and then claim nothing.
 */
#include "solver/planner.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/geo.h"
#include "solver/assign.h"
#include "solver/cluster.h"
#include "solver/glpk_util.h"
#include "solver/parallel.h"
#include "solver/planner_int.h"

/* Shares of the time left (see the top of this file). */
#define CLUSTER_SHARE 0.7
#define GUARD_SHARE 0.8

/* What writing the outputs takes, measured on the writers (roster.xml,
 * roster.csv, the KML, GeoJSON and HTML maps, fsync) for Jawa Barat
 * (140,457 TPS, 388,075 members) on one core: a conservative rate, so the
 * deadline leaves writing its time. */
#define WRITE_SECONDS_PER_TPS 18e-6
#define WRITE_SECONDS_PER_MEMBER 1.5e-6
#define WRITE_SECONDS_FIXED 0.05

void plan_params_init(struct plan_params *pp)
{
    memset(pp, 0, sizeof *pp);
    pp->time_limit = PLAN_DEFAULT_TIME_LIMIT;
    pp->deadline = 0;
    pp->node_limit = 200;
    pp->posts_node_limit = 200000;
    pp->price_node_limit = 100;
    pp->jobs = parallel_cpus();
    pp->quiet = false;
    pp->why_members = false;
}

double plan_deadline(const struct plan_params *pp)
{
    if (pp->deadline > 0)
        return pp->deadline;
    return pp->time_limit > 0 ? solver_now() + pp->time_limit : 0;
}

double plan_share(double deadline, int n)
{
    if (deadline <= 0 || n <= 1)
        return deadline;
    double now = solver_now();
    return deadline <= now ? deadline : now + (deadline - now) / n;
}

double plan_solve_deadline(double end, long ntps, long nmember)
{
    if (end <= 0)
        return 0;
    double now = solver_now(), left = end - now;
    double w = WRITE_SECONDS_FIXED + WRITE_SECONDS_PER_TPS * (double)ntps +
               WRITE_SECONDS_PER_MEMBER * (double)nmember;
    if (left <= 0)
        return end;
    /* writing gets its whole estimate: where the estimate is more than
     * what is left, the solvers end at once (their floor, the greedy, is
     * all that runs).  It used to get at most half of what was left,
     * which on Jawa Barat dense 9 with c 16 and --time-limit 5 let the
     * solvers run into the writing: 6.09 s wall (session 11). */
    return end - w;
}

static int check_params(const struct plan_params *pp, struct error_list *errs)
{
    if (!(pp->time_limit >= 0)) {
        error_add(errs, NULL, 0, "time_limit = %g; must be >= 0 seconds",
                  pp->time_limit);
        return SIAGA_EINPUT;
    }
    if (pp->jobs < 1 || pp->jobs > 64) {
        error_add(errs, NULL, 0, "jobs = %d; must be 1 to 64", pp->jobs);
        return SIAGA_EINPUT;
    }
    if (pp->node_limit < 0 || pp->posts_node_limit < 0 || pp->price_node_limit < 0) {
        error_add(errs, NULL, 0, "node_limit = %ld, posts_node_limit = %ld, "
                  "price_node_limit = %ld; must be >= 0", pp->node_limit,
                  pp->posts_node_limit, pp->price_node_limit);
        return SIAGA_EINPUT;
    }
    return SIAGA_OK;
}

/* Posts in reading order: by their smallest TPS index. */
static int post_first(const struct post *p)
{
    int m = p->tps[0];
    for (int i = 1; i < p->ntps; i++)
        if (p->tps[i] < m)
            m = p->tps[i];
    return m;
}

static int cmp_post(const void *a, const void *b)
{
    int x = post_first(a), y = post_first(b);
    return (x > y) - (x < y);
}

/* Put a post's TPS in the order of its shortest closed walk from the
 * anchor, and set route_km. */
static void route_post(const struct scenario *s, struct post *p)
{
    double d[MAX_ROUTE * MAX_ROUTE];
    int order[MAX_ROUTE], tps[MAX_ROUTE];
    int n = p->ntps;
    if (n <= 1) {
        p->route_km = 0.0;
        return;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            const struct tps *a = &s->tps[p->tps[i]], *b = &s->tps[p->tps[j]];
            d[i * n + j] = i == j ? 0 : geo_distance_km(a->lat, a->lon, b->lat, b->lon);
        }
    p->route_km = geo_best_route(n, d, order);
    for (int i = 0; i < n; i++)
        tps[i] = p->tps[order[i]];
    memcpy(p->tps, tps, sizeof(int) * (size_t)n);
}

/* Does a guard unit with members serve one desa only? */
static bool has_desa_guards(const struct scenario *s)
{
    for (int u = 0; u < s->nunit; u++)
        if (force_is_guard(s->unit[u].force) && s->unit[u].scope == SCOPE_DESA &&
            s->unit[u].nmembers > 0)
            return true;
    return false;
}

/* Members of a unit (used[m]): 0 free, 1 taken, 2 kept for a stay. */
#define MEMBER_FOR_STAY 2

/*
 * With a baseline, before any member is taken: a flow that keeps count
 * members of unit u at their origin (a stay, unpinned) owns the first
 * count of u's unpinned members who stood there (document order), so
 * that the movers (ORIGIN_MOVED flows), taken in whatever order the
 * posts come, never take them.  The stays fit: a stay flow never exceeds
 * the members of its origin (assign.c, "baseline origins").
 */
static void keep_for_stays(const struct scenario *s, const struct flow *fl,
                           int nflow, const struct origins *og, int *used)
{
    for (int f = 0; f < nflow; f++) {
        if (fl[f].pinned || fl[f].origin != fl[f].site)
            continue;
        const struct unit *un = &s->unit[fl[f].unit];
        int left = fl[f].count;
        for (int m = un->first_member;
             m < un->first_member + un->nmembers && left > 0; m++) {
            int pin = og->pinned ? og->pinned[m] : 0;
            if (!used[m] && !pin && og->origin[m] == fl[f].site) {
                used[m] = MEMBER_FOR_STAY;
                left--;
            }
        }
    }
}

/*
 * Take count members of unit u for a place: the next ones in document
 * order, or with a baseline the next ones whose origin and pin match
 * (those kept for it, keep_for_stays, when it is a stay); for a flow of
 * movers (ORIGIN_MOVED) the next unpinned ones who held a place, or a
 * gone one, and are not kept for a stay.
 */
static int take_member(const struct scenario *s, const struct flow *f,
                       const struct origins *og, int *cursor, int *used)
{
    int u = f->unit;
    if (og == NULL) {
        int m = cursor[u]++;
        used[m] = 1;
        return m;
    }
    const struct unit *un = &s->unit[u];
    for (int m = un->first_member; m < un->first_member + un->nmembers; m++) {
        int pin = og->pinned ? og->pinned[m] : 0;
        int o = og->origin[m];
        int ok = f->origin == ORIGIN_MOVED ?
            !used[m] && !pin && (o >= 0 || o == ORIGIN_GONE) :
            used[m] != 1 && o == f->origin && pin == f->pinned;
        if (ok) {
            used[m] = 1;
            return m;
        }
    }
    /* cannot happen: flows never exceed a group's size */
    assert(!"a flow asks for more members than its group has");
    return -1;
}

/* The members of the plan p: the posts of cr (taken over) with their
 * guards from the flows of ag, Polri before TNI, the Linmas places from
 * al, and the reserve.  Returns SIAGA_OK or SIAGA_ENOMEM. */
static int fill_plan(const struct scenario *s, struct cluster_result *cr,
                     const struct assign_result *ag,
                     const struct assign_result *al, const struct origins *pg,
                     const struct origins *pl, struct plan *p)
{
    int rc = SIAGA_ENOMEM;
    int *cursor = malloc(sizeof(int) * (size_t)(s->nunit + 1));
    int *used = calloc((size_t)s->nmember + 1, sizeof(int));
    if (cursor == NULL || used == NULL)
        goto done;
    for (int u = 0; u < s->nunit; u++)
        cursor[u] = s->unit[u].first_member;
    if (pg != NULL)
        keep_for_stays(s, ag->flow, ag->nflow, pg, used);
    if (pl != NULL)
        keep_for_stays(s, al->flow, al->nflow, pl, used);

    /* posts and their guards: members of a unit in document order */
    long nguard = 0;
    for (int f = 0; f < ag->nflow; f++)
        nguard += ag->flow[f].count;
    p->post = cr->post;
    p->npost = cr->npost;
    cr->post = NULL;
    p->guard = malloc(sizeof(int) * (size_t)(nguard + 1));
    if (p->guard == NULL)
        goto done;
    /* Polri before TNI within a post: flows are by unit index, so two
     * passes over each post's flows */
    for (int f = 0, q = 0; q < p->npost; q++) {
        struct post *po = &p->post[q];
        int f0 = f;
        while (f < ag->nflow && ag->flow[f].site == q)
            f++;
        po->first_guard = p->nguard;
        for (int pass = 0; pass < 2; pass++)
            for (int k = f0; k < f; k++) {
                int u = ag->flow[k].unit;
                if ((s->unit[u].force == FORCE_TNI) != pass)
                    continue;
                for (int c = 0; c < ag->flow[k].count; c++)
                    p->guard[p->nguard++] = take_member(s, &ag->flow[k], pg,
                                                        cursor, used);
            }
        po->nguards = p->nguard - po->first_guard;
    }
    /* Linmas places, by TPS */
    long nlin = 0;
    for (int f = 0; f < al->nflow; f++)
        nlin += al->flow[f].count;
    p->linmas = malloc(sizeof *p->linmas * (size_t)(nlin + 1));
    if (p->linmas == NULL)
        goto done;
    for (int f = 0; f < al->nflow; f++)
        for (int c = 0; c < al->flow[f].count; c++)
            p->linmas[p->nlinmas++] = (struct linmas_place){
                al->flow[f].site, take_member(s, &al->flow[f], pl, cursor, used)};
    p->reserve = malloc(sizeof(int) * (size_t)(s->nmember + 1));
    if (p->reserve == NULL)
        goto done;
    for (int m = 0; m < s->nmember; m++)
        if (!used[m])
            p->reserve[p->nreserve++] = m;
    rc = SIAGA_OK;
done:
    free(cursor);
    free(used);
    return rc;
}

/* The objective values of p and their proven bounds, and its status
 * (crc: how the clustering ended). */
static void plan_objective(const struct scenario *s, struct plan *p,
                           const struct cluster_result *cr,
                           const struct assign_result *ag,
                           const struct assign_result *al, int crc)
{
    struct plan_objective *o = &p->obj;
    /* proven: the clustering (item 3) and both fills (items 1-2) */
    bool proven = crc == SIAGA_OK && !ag->fill_limited && !al->fill_limited;
    long empty = 0;
    for (int g = 0; g < GRADE_COUNT; g++) {
        o->empty_guard[g] = ag->empty[g];
        o->empty_guard_bound[g] = proven ? ag->empty[g] : 0;
        empty += ag->empty[g];
    }
    /* desa-scoped guards break the decomposition argument when places of
     * a clustered grade stay empty: proven only when the relaxation of
     * assign.c reaches the same empty places, tier by tier */
    if (has_desa_guards(s))
        for (int g = 0; g < GRADE_COUNT; g++) {
            o->empty_guard_bound[g] = proven ? ag->empty_bound[g] : 0;
            if (ag->empty_bound[g] < ag->empty[g])
                proven = false;
        }
    o->empty_linmas = al->empty_linmas;
    o->empty_linmas_bound = al->fill_limited ? 0 : al->empty_linmas;
    o->posts = p->npost;
    o->posts_bound = cr->posts_bound;
    o->member_km = ag->km + al->km;
    o->member_km_bound = ag->km_bound + al->km_bound;
    o->cluster_km = cr->km;
    o->cluster_km_bound = cr->km_bound;
    empty += al->empty_linmas;
    if (!proven)
        p->status = PLAN_FEASIBLE;
    else
        p->status = empty > 0 ? PLAN_SHORTAGE : PLAN_OPTIMAL;
}

/* The next-best places of both fills into p: the guards' then the
 * Linmas', so sorted as member_why_find wants.  SIAGA_OK or
 * SIAGA_ENOMEM. */
static int join_why(const struct assign_result *ag,
                    const struct assign_result *al, struct plan *p)
{
    size_t n = (size_t)ag->nwhy + (size_t)al->nwhy;
    p->why = malloc(sizeof *p->why * (n + 1));
    if (p->why == NULL)
        return SIAGA_ENOMEM;
    if (ag->nwhy > 0)
        memcpy(p->why, ag->why, sizeof *p->why * (size_t)ag->nwhy);
    if (al->nwhy > 0)
        memcpy(p->why + ag->nwhy, al->why, sizeof *p->why * (size_t)al->nwhy);
    p->nwhy = (int)n;
    return SIAGA_OK;
}

int plan_core(const struct scenario *s, const struct plan_params *pp,
              const struct replan_hook *hook, struct plan **out,
              struct error_list *errs)
{
    double t0 = solver_now();
    double deadline = plan_deadline(pp);
    double cdeadline = deadline > 0 && deadline > t0
                           ? t0 + CLUSTER_SHARE * (deadline - t0) : deadline;
    struct cluster_result cr;
    struct assign_result ag, al;
    struct origins ogg, ogl;
    const struct origins *pg = NULL, *pl = NULL;
    struct plan *p = NULL;
    memset(&cr, 0, sizeof cr);
    memset(&ag, 0, sizeof ag);
    memset(&al, 0, sizeof al);
    *out = NULL;
    int rc = check_params(pp, errs);
    if (rc != SIAGA_OK)
        return rc;
    if (solver_env_init() != 0) {
        error_add(errs, NULL, 0, "out of memory: GLPK cannot start");
        return SIAGA_ENOMEM;
    }

    int crc = cluster_build_kept(s, pp, cdeadline, hook ? hook->kept : NULL,
                                 hook ? hook->nkept : 0, &cr, errs);
    if (crc != SIAGA_OK && crc != SIAGA_ELIMIT)
        return crc;
    if (cr.npost > 0)
        qsort(cr.post, (size_t)cr.npost, sizeof *cr.post, cmp_post);
    for (int i = 0; i < cr.npost; i++)
        route_post(s, &cr.post[i]);
    double t1 = solver_now();
    if (pp->posts)
        pp->posts(pp->progress_ctx, cr.npost, cr.posts_bound);
    if (hook != NULL) {
        rc = hook->origins(hook->ctx, cr.post, cr.npost, &ogg, &ogl, errs);
        if (rc != SIAGA_OK)
            goto done;
        pg = &ogg;
        pl = &ogl;
    }
    if (pp->progress)
        pp->progress(pp->progress_ctx, "penugasan (penjaga, linmas)", 0, 2);
    double gdeadline = deadline > 0 && deadline > t1
                           ? t1 + GUARD_SHARE * (deadline - t1) : deadline;
    rc = assign_guards(s, cr.post, cr.npost, &cr, pp->jobs, gdeadline, pg,
                       pp->why_members, &ag, errs);
    if (rc != SIAGA_OK)
        goto done;
    double t2 = solver_now();
    if (pp->progress)
        pp->progress(pp->progress_ctx, "penugasan (penjaga, linmas)", 1, 2);
    rc = assign_linmas(s, pp->jobs, deadline, pl, pp->why_members, &al, errs);
    if (rc != SIAGA_OK)
        goto done;
    if (pp->progress)
        pp->progress(pp->progress_ctx, "penugasan (penjaga, linmas)", 2, 2);

    rc = SIAGA_ENOMEM;
    p = plan_create();
    if (p == NULL || (rc = fill_plan(s, &cr, &ag, &al, pg, pl, p)) != SIAGA_OK)
        goto done;
    if (pp->why_members && (rc = join_why(&ag, &al, p)) != SIAGA_OK)
        goto done;
    plan_objective(s, p, &cr, &ag, &al, crc);
    p->moves = ag.moves + al.moves;
    p->seconds = solver_now() - t0;
    p->phase_seconds[0] = t1 - t0;
    p->phase_seconds[1] = t2 - t1;
    p->phase_seconds[2] = t0 + p->seconds - t2;
    *out = p;
    p = NULL;
    rc = crc == SIAGA_ELIMIT || ag.fill_limited || al.fill_limited ||
         ag.km_limited || al.km_limited ? SIAGA_ELIMIT : SIAGA_OK;
done:
    if (hook != NULL && pg != NULL)
        hook->release(hook->ctx, &ogg, &ogl);
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while building the plan");
    plan_destroy(p);
    cluster_free(&cr);
    assign_free(&ag);
    assign_free(&al);
    return rc;
}

int solver_plan(const struct scenario *s, const struct plan_params *pp,
                struct plan **out, struct error_list *errs)
{
    return plan_core(s, pp, NULL, out, errs);
}
