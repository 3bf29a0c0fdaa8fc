/*
 * assign.c - filling places: lexicographic transportation problems.
 *
 * A transportation problem here has sites (posts or TPS) with places,
 * units with members, and an edge where a unit may serve at a site.
 * Variables z_us count members of unit u at site s:
 *
 *     sum_s z_us <= members(u)                       unit rows
 *     sum_u z_us <= places(s)                        site rows
 *     sum_{u TNI} z_us <= places(s) - min_polri(s)   TNI rows
 *     sum_{s in tier k} sum_u z_us >= F_k            fixed tiers
 *
 * Unit rows partition the variables; site, TNI and tier rows form a
 * laminar family (TNI within site within tier).  Two laminar families give
 * a totally unimodular matrix, so every simplex vertex is integral and the
 * lexicographic stages (fill tier 0 most, fix it, fill tier 1, ..., then
 * least distance) are exact LPs.  Integrality is checked all the same.
 *
 * Formed reserves (role="cadangan", formats 1.6: Power on Hand at the
 * Mako, a Dalmas platoon, a Brimob company).  Between the fills and the
 * moves (and the distance) a stage minimises the cadangan members placed,
 * then fixes that sum:
 *
 *     min sum_{u cadangan} sum_s z_us,   then   sum_{u cadangan} z_us <= C*
 *
 * The order is lexicographic: (1) the places filled, tier by tier, exactly
 * as without reserves (a formed reserve fills a place whenever that is the
 * only way to fill it: the fill stages do not look at roles); (2) the
 * fewest cadangan MEMBERS drawn.  Not the fewest cadangan units broken:
 * that is a fixed charge per unit, not a linear function, and would cost
 * a MIP per block; with (2) a unit is broken only when one of its members
 * is needed, and "kept whole unless a place would otherwise stay empty"
 * holds member by member:
 *
 *   Claim.  In an optimum of (1)-(2) no cadangan member fills a place that
 *   an ordinary (jaga) member could fill instead without emptying another:
 *   i.e. there is no alternating path from a cadangan-filled place to a
 *   jaga unit with members left in reserve.  Proof: such a path (swap the
 *   cadangan member out for the jaga member at its place, shift along the
 *   path) keeps every place filled (so (1) is unchanged) and places one
 *   cadangan member fewer, contradicting (2).  In particular, when jaga
 *   units alone can fill every place the fill can, C* = 0: no reserve is
 *   touched (tests/test_planner.c, cadangan cases).
 *
 * The fixing row is the sum of the cadangan units' rows: together with
 * the unit rows (which partition the columns) it is a laminar family, so
 * the matrix stays totally unimodular and every stage exact.  A block
 * without cadangan columns skips the stage, so scenarios without
 * reserves solve the very same LPs as before.
 *
 * The problem splits into blocks (connected components of units and
 * sites); each block is its own LP, in order of its first site, so the
 * result does not depend on anything but the input.
 *
 * Under a deadline.  Every roster must be complete, so a fill never
 * stops half done.  Each simplex gets what is left of the deadline
 * (tm_lim).  A block whose fill stages the deadline stops, or which
 * starts after it, is filled by a greedy instead (sites by tier, TNI
 * first where TNI may serve, so Polri stay for the Polri places): every
 * rule kept, fewest empty places not proven (fill_limited).  When only
 * the moves or distance stage is stopped, the last stage solved stands:
 * its vertex is an optimal fill (integral, as above), only item 4 or the
 * moves are not minimised (km_limited).  Bound problems (the item-4
 * bound, the desa relaxation) are skipped past the deadline: no bound
 * is claimed then.
 */
#include "solver/assign.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/geo.h"
#include "model/grow.h"
#include "model/member_why.h"
#include "solver/glpk_util.h"
#include "solver/parallel.h"

#define MAX_TIERS GRADE_COUNT

struct tp_site {
    int places, tni_places;
    int tier;               /* lexicographic level, 0 most urgent */
    double lat, lon;
    long target;            /* bound mode: fill this site stood for */
    const int *near;        /* bound mode: when set, the distance to the
                               site is the least to any of these TPS */
    int nnear;
};

struct tp {
    int nsite, nunit;
    struct tp_site *site;
    const int *unit_supply; /* members per unit (0: unit ignored) */
    const int *unit_tni;    /* 1 when a unit's members may not fill Polri places */
    const int *unit_cad;    /* 1 for a formed reserve (role="cadangan") */
    const double *unit_lat, *unit_lon;
    int *eoff, *eunit;      /* eligible units of site s: eunit[eoff[s]..eoff[s+1]) */
    int bound_mode;         /* 0: fill then distance; 1: targets, distance */
    const struct tps *tps;  /* the scenario's TPS, for near[] sites */
    const int *unit_origin; /* NULL, or the origin of each (pseudo) unit */
    const char *unit_pinned;/* NULL, or 1: all of it stays at its origin */
    const int *unit_parent; /* NULL, or per (pseudo) unit -1, or for a stay
                               group its movers' group, whose unit row it
                               enters too ("baseline origins") */
    double deadline;        /* solver_now() time, 0: none */
    int why;                /* 1: also the next-best place of each flow
                               ("Why a member") */
    /* out */
    struct flow *flow; int nflow, capflow;
    struct member_why *why_out; int nwhy;
    long fill[MAX_TIERS];
    double km;
    int fill_limited;       /* a block was filled by the greedy */
    int km_limited;         /* a block's distance (or moves) stage, or a
                               bound block, was stopped by the deadline */
};

/* ---- union-find -------------------------------------------------------- */

static int uf_find(int *p, int x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static void uf_union(int *p, int a, int b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    if (a < b)
        p[b] = a;
    else if (b < a)
        p[a] = b;
}

/* What one block yields; blocks are solved in parallel and merged in
 * block order, so sums come out the same for any number of threads. */
struct bres {
    struct flow *flow; int nflow, capflow;
    struct member_why *why; int nwhy, capwhy;
    long fill[MAX_TIERS];
    double km;
    int fill_limited, km_limited;
};

static int push_flow(struct bres *t, int site, int unit, int count)
{
    if (model_grow((void **)&t->flow, t->nflow, &t->capflow, sizeof *t->flow))
        return SIAGA_ENOMEM;
    t->flow[t->nflow++] = (struct flow){site, unit, count, 0, 0};
    return SIAGA_OK;
}

/* ---- one block --------------------------------------------------------- */

struct block {
    int *site; int nsite;
    int *unit; int nunit;
};

/*
 * Solve one block.  Columns are the eligible (site, unit) pairs in site
 * order; unit_row maps a unit to its row (scratch, size nunit, -1 between
 * calls).
 */
/* May unit u take places at site s (in this problem)? */
static int has_column(const struct tp *t, int u, int s)
{
    if (t->unit_supply[u] <= 0)
        return 0;
    if (t->unit_parent != NULL && t->unit_parent[u] >= 0)
        return t->unit_origin[u] == s; /* a stay group */
    return t->unit_pinned == NULL || !t->unit_pinned[u] ||
           t->unit_origin[u] == s;
}

static int block_columns(const struct tp *t, const struct block *b)
{
    int ncol = 0;
    for (int i = 0; i < b->nsite; i++) {
        int s = b->site[i];
        for (int k = t->eoff[s]; k < t->eoff[s + 1]; k++)
            ncol += has_column(t, t->eunit[k], s);
    }
    return ncol;
}

static double site_distance(const struct tp *t, int u, const struct tp_site *st)
{
    double d = geo_distance_km(t->unit_lat[u], t->unit_lon[u], st->lat, st->lon);
    for (int q = 0; q < st->nnear; q++) {
        const struct tps *tq = &t->tps[st->near[q]];
        double dq = geo_distance_km(t->unit_lat[u], t->unit_lon[u],
                                    tq->lat, tq->lon);
        if (dq < d)
            d = dq;
    }
    return d;
}

/*
 * The fallback past the deadline: fill the block's sites tier by tier in
 * site order, each from its eligible units in five passes: members pinned
 * there, members who stand there already (a baseline), then TNI (only TNI
 * places), then the others, then formed reserves (cadangan) last.  Linear in the columns; keeps every rule the LP keeps (unit
 * supply, places, TNI places, pins at their origin), proves nothing.
 * left: scratch of b->nunit.  SIAGA_OK or SIAGA_ENOMEM.
 */
static int greedy_block(const struct tp *t, const struct block *b,
                        int *unit_row, int *left, struct bres *out)
{
    for (int i = 0; i < b->nunit; i++) {
        unit_row[b->unit[i]] = i;
        left[i] = t->unit_supply[b->unit[i]] > 0 ? t->unit_supply[b->unit[i]] : 0;
    }
    out->nflow = 0;
    out->km = 0;
    for (int q = 0; q < MAX_TIERS; q++)
        out->fill[q] = 0;
    for (int tier = 0; tier < MAX_TIERS; tier++)
        for (int i = 0; i < b->nsite; i++) {
            int s = b->site[i];
            const struct tp_site *st = &t->site[s];
            if (st->tier != tier)
                continue;
            int room = st->places, tni_room = st->tni_places;
            for (int pass = 0; pass < 5 && room > 0; pass++)
                for (int k = t->eoff[s]; k < t->eoff[s + 1] && room > 0; k++) {
                    int u = t->eunit[k];
                    if (!has_column(t, u, s) || unit_row[u] < 0)
                        continue;
                    int here = t->unit_origin != NULL && t->unit_origin[u] == s;
                    int pin = here && t->unit_pinned != NULL && t->unit_pinned[u];
                    int tni = t->unit_tni[u];
                    int want = pin ? 0 : here ? 1 :
                               t->unit_cad[u] ? 4 : tni ? 2 : 3;
                    if (pass != want)
                        continue;
                    int take = left[unit_row[u]];
                    int par = t->unit_parent != NULL ? t->unit_parent[u] : -1;
                    if (par >= 0 && take > left[unit_row[par]])
                        take = left[unit_row[par]]; /* a stay: its movers' row too */
                    if (take > room)
                        take = room;
                    if (tni && take > tni_room)
                        take = tni_room;
                    if (take <= 0)
                        continue;
                    if (push_flow(out, s, u, take) != SIAGA_OK)
                        return SIAGA_ENOMEM;
                    left[unit_row[u]] -= take;
                    if (par >= 0)
                        left[unit_row[par]] -= take;
                    room -= take;
                    if (tni)
                        tni_room -= take;
                    out->fill[tier] += take;
                    out->km += take * site_distance(t, u, st);
                }
        }
    /* the callers sort the flows (cmp_flow) */
    out->fill_limited = 1;
    out->km_limited = 1;
    return SIAGA_OK;
}

/* One block's LP while solve_block works on it.  Column j is a (site,
 * unit) pair, csite[j - 1] and cunit[j - 1]; ind, val (scratch), dcopy
 * (the distance coefficients, restored after the fill stages) and keep
 * (the values of the last stage solved, when a later one is stopped)
 * hold the block's nonzeros. */
struct block_lp {
    glp_prob *P;
    int ncol, nrow;
    int *csite, *cunit, *ind;
    double *val, *dcopy, *keep;
    glp_smcp sp;
};

/* How an LP stage ended. */
enum stage { STAGE_DONE, STAGE_STOPPED, STAGE_FAILED };

/* The block's LP as it stands, on the time left: STAGE_DONE at an
 * optimum, STAGE_STOPPED when the deadline stopped it, else
 * STAGE_FAILED.  Every stage below solves through this. */
static enum stage block_lp_solve(const struct tp *t, struct block_lp *L)
{
    L->sp.tm_lim = solver_tm_lim(t->deadline);
    int ret = solver_simplex(L->P, &L->sp);
    if (ret == GLP_ETMLIM)
        return STAGE_STOPPED;
    if (ret != 0 || glp_get_status(L->P) != GLP_OPT)
        return STAGE_FAILED;
    return STAGE_DONE;
}

/* Stage 0: the LP of block b, at most min(places, supply) per column, with
 * distance costs; unit_row gets each unit's row (ia, ja, ar: scratch). */
static void block_lp_build(const struct tp *t, const struct block *b,
                           int *unit_row, struct block_lp *L, int *ia,
                           int *ja, double *ar)
{
    glp_prob *P = L->P = glp_create_prob();
    int ncol = L->ncol = block_columns(t, b);
    glp_add_cols(P, ncol);
    int c = 0, nrow = 0;
    size_t e = 0;
    /* unit rows */
    for (int i = 0; i < b->nunit; i++) {
        int u = b->unit[i];
        if (t->unit_supply[u] <= 0)
            continue;
        unit_row[u] = ++nrow;
        glp_add_rows(P, 1);
        if (t->unit_pinned != NULL && t->unit_pinned[u] &&
            t->unit_origin[u] >= 0)
            glp_set_row_bnds(P, nrow, GLP_FX, t->unit_supply[u],
                             t->unit_supply[u]);
        else
            glp_set_row_bnds(P, nrow, GLP_UP, 0, t->unit_supply[u]);
    }
    for (int i = 0; i < b->nsite; i++) {
        int s = b->site[i];
        const struct tp_site *st = &t->site[s];
        int first = c + 1, ntni = 0;
        for (int k = t->eoff[s]; k < t->eoff[s + 1]; k++) {
            int u = t->eunit[k];
            if (!has_column(t, u, s))
                continue;
            c++;
            L->csite[c - 1] = s;
            L->cunit[c - 1] = u;
            int ub = t->unit_tni[u] ? st->tni_places : st->places;
            if (ub > 0)
                glp_set_col_bnds(P, c, GLP_DB, 0, ub);
            else
                glp_set_col_bnds(P, c, GLP_FX, 0, 0);
            glp_set_obj_coef(P, c, site_distance(t, u, st));
            ++e; ia[e] = unit_row[u]; ja[e] = c; ar[e] = 1;
            if (t->unit_parent != NULL && t->unit_parent[u] >= 0) {
                /* a stay column counts in its movers' row too; the
                 * parent is in the block (it is eligible at s) */
                assert(unit_row[t->unit_parent[u]] > 0);
                ++e; ia[e] = unit_row[t->unit_parent[u]]; ja[e] = c; ar[e] = 1;
            }
            ntni += t->unit_tni[u];
        }
        if (c >= first) {
            glp_add_rows(P, 1);
            glp_set_row_bnds(P, ++nrow, GLP_UP, 0, st->places);
            for (int j = first; j <= c; j++) {
                ++e; ia[e] = nrow; ja[e] = j; ar[e] = 1;
            }
            if (ntni > 1 && st->tni_places < st->places) {
                glp_add_rows(P, 1);
                glp_set_row_bnds(P, ++nrow, GLP_UP, 0, st->tni_places);
                for (int j = first; j <= c; j++)
                    if (t->unit_tni[L->cunit[j - 1]]) {
                        ++e; ia[e] = nrow; ja[e] = j; ar[e] = 1;
                    }
            }
        }
    }
    glp_load_matrix(P, (int)e, ia, ja, ar);
    L->nrow = nrow;
    glp_init_smcp(&L->sp);
    L->sp.msg_lev = GLP_MSG_OFF;
    L->sp.presolve = GLP_OFF;
    for (int j = 1; j <= ncol; j++)
        L->dcopy[j] = glp_get_obj_coef(P, j);
}

/* Stage 1: fill each tier to its maximum (in bound mode: to its target),
 * then fix it there. */
static enum stage block_lp_fill(const struct tp *t, const struct block *b,
                                struct block_lp *L, struct bres *out)
{
    glp_prob *P = L->P;
    int ncol = L->ncol, *ind = L->ind;
    double *val = L->val;
    for (int tier = 0; tier < MAX_TIERS; tier++) {
        int n = 0;
        long target = 0;
        for (int j = 1; j <= ncol; j++)
            if (t->site[L->csite[j - 1]].tier == tier)
                ind[++n] = j;
        if (n == 0)
            continue;
        if (t->bound_mode) {
            for (int i = 0; i < b->nsite; i++)
                if (t->site[b->site[i]].tier == tier)
                    target += t->site[b->site[i]].target;
        } else {
            glp_set_obj_dir(P, GLP_MAX);
            for (int j = 1; j <= ncol; j++)
                glp_set_obj_coef(P, j, 0.0);
            for (int q = 1; q <= n; q++)
                glp_set_obj_coef(P, ind[q], 1.0);
            enum stage st = block_lp_solve(t, L);
            if (st != STAGE_DONE)
                return st;
            target = lround(glp_get_obj_val(P));
            out->fill[tier] += target;
        }
        /* fix the tier at its integral optimum: an integral right-hand
         * side keeps every vertex integral */
        for (int q = 1; q <= n; q++)
            val[q] = 1.0;
        glp_add_rows(P, 1);
        glp_set_row_bnds(P, ++L->nrow, GLP_LO, (double)target, 0);
        glp_set_mat_row(P, L->nrow, n, ind, val);
    }
    return STAGE_DONE;
}

/* Stage 1b: the fewest members of formed reserves (top of this file),
 * then fixed there.  Skipped when no column belongs to one. */
static enum stage block_lp_reserve(const struct tp *t, struct block_lp *L)
{
    glp_prob *P = L->P;
    int n = 0, *ind = L->ind;
    double *val = L->val;
    for (int j = 1; j <= L->ncol; j++)
        if (t->unit_cad[L->cunit[j - 1]])
            ind[++n] = j;
    if (n == 0)
        return STAGE_DONE;
    glp_set_obj_dir(P, GLP_MIN);
    for (int j = 1; j <= L->ncol; j++)
        glp_set_obj_coef(P, j, 0.0);
    for (int q = 1; q <= n; q++) {
        glp_set_obj_coef(P, ind[q], 1.0);
        val[q] = 1.0;
    }
    enum stage st = block_lp_solve(t, L);
    if (st != STAGE_DONE)
        return st;
    long best = lround(glp_get_obj_val(P));
    glp_add_rows(P, 1);
    glp_set_row_bnds(P, ++L->nrow, GLP_UP, 0, (double)best);
    glp_set_mat_row(P, L->nrow, n, ind, val);
    for (int j = 1; j <= L->ncol; j++)
        L->keep[j] = glp_get_col_prim(P, j);
    return STAGE_DONE;
}

/* Stage 2, with origins: fewest moves (-1 to stay at one's origin, +1 to
 * leave the reserve; leaving a place for the reserve costs the constant),
 * then fixed there. */
static enum stage block_lp_moves(const struct tp *t, struct block_lp *L)
{
    glp_prob *P = L->P;
    int n = 0, *ind = L->ind;
    double *val = L->val;
    glp_set_obj_dir(P, GLP_MIN);
    for (int j = 1; j <= L->ncol; j++) {
        int o = t->unit_origin[L->cunit[j - 1]];
        double coef = o == L->csite[j - 1] ? -1.0 : o == ORIGIN_RESERVE ? 1.0 : 0.0;
        glp_set_obj_coef(P, j, coef);
        if (coef != 0.0) {
            ind[++n] = j;
            val[n] = coef;
        }
    }
    enum stage st = block_lp_solve(t, L);
    if (st != STAGE_DONE)
        return st;
    if (n > 0) {
        long best = lround(glp_get_obj_val(P));
        glp_add_rows(P, 1);
        glp_set_row_bnds(P, ++L->nrow, GLP_UP, 0, (double)best);
        glp_set_mat_row(P, L->nrow, n, ind, val);
    }
    for (int j = 1; j <= L->ncol; j++)
        L->keep[j] = glp_get_col_prim(P, j);
    return STAGE_DONE;
}

/* Stage 3: least distance. */
static enum stage block_lp_km(const struct tp *t, struct block_lp *L)
{
    glp_prob *P = L->P;
    glp_set_obj_dir(P, GLP_MIN);
    for (int j = 1; j <= L->ncol; j++)
        glp_set_obj_coef(P, j, L->dcopy[j]);
    enum stage st = block_lp_solve(t, L);
    if (st != STAGE_DONE)
        return st;
    if (!t->bound_mode)
        for (int j = 1; j <= L->ncol; j++)
            L->keep[j] = glp_get_col_prim(P, j);
    return STAGE_DONE;
}

/* The flows of the values kept, and their distance. */
static int block_lp_flows(const struct block_lp *L, struct bres *out)
{
    for (int j = 1; j <= L->ncol; j++)
        out->km += L->dcopy[j] * L->keep[j];
    for (int j = 1; j <= L->ncol; j++) {
        double v = L->keep[j];
        long r = lround(v);
        /* cannot happen: the matrix is totally unimodular */
        assert(fabs(v - (double)r) <= 1e-6);
        if (fabs(v - (double)r) > 1e-6)
            return SIAGA_ESOLVER;
        if (r > 0 && push_flow(out, L->csite[j - 1], L->cunit[j - 1],
                               (int)r) != SIAGA_OK)
            return SIAGA_ENOMEM;
    }
    return SIAGA_OK;
}

/* ---- why a member (member_why.h) ---------------------------------------- */

/*
 * After the distance stage P sits at an optimal vertex of the last LP:
 * every tier's fill and the reserve count fixed by rows, least distance
 * f0.  For each flow (column j: unit u at site s, value v_j > 0) the
 * next-best place is the site s' != s, with k = (u, s'), minimising
 *
 *     f(k) = min { distance : the same rows and bounds, z_k >= v_k + 1 },
 *
 * one more member of u at s', everyone else re-placed optimally.  The new
 * bound is integral, so the matrix stays totally unimodular and f(k) is
 * the distance of a plan (integral vertex); it is infeasible exactly when
 * that move would empty a place of some tier or draw another reserve.
 *
 * Pruning by the duals.  With the optimal row duals y and reduced costs
 * d = c - A'y, every x feasible for the forced LP has
 *     c'x = y'Ax + d'x >= f0 + d_k
 * when column k is nonbasic at its lower bound 0 (d_k >= 0): each row and
 * every other column contributes at least what it does at the optimum
 * (the signs of y and d match the bounds that are tight), and x_k >= 1.
 * So f(k) - f0 >= d_k: the reduced cost is a lower bound, 0 for any other
 * column.  Candidates go in order of that bound (then site index); each is
 * re-solved by the dual simplex from the current basis (a bound change
 * keeps it dual feasible), and the search stops once the bound exceeds
 * the best exact cost found, within 1e-6 km of GLPK's tolerances: no
 * candidate left can be cheaper, nor tie with a lower site.  f(k) names
 * no current place, so each column is solved at most once for all the
 * flows of its unit (a kota-wide unit stands at hundreds of posts).
 */
struct why_cand { double lb; int site, col; };

static int cmp_why_cand(const void *a, const void *b)
{
    const struct why_cand *x = a, *y = b;
    if (x->lb != y->lb)
        return x->lb < y->lb ? -1 : 1;
    return (x->site > y->site) - (x->site < y->site);
}

static int push_why(struct bres *out, int site, int unit, int alt,
                    double km, enum why_status st)
{
    if (model_grow((void **)&out->why, out->nwhy, &out->capwhy,
                   sizeof *out->why))
        return SIAGA_ENOMEM;
    out->why[out->nwhy++] = (struct member_why){0, site, unit, alt, km, st};
    return SIAGA_OK;
}

/* The entries of every flow of the block as not computed (the deadline
 * or the greedy). */
static int block_why_unknown(struct bres *out)
{
    for (int f = 0; f < out->nflow; f++)
        if (push_why(out, out->flow[f].site, out->flow[f].unit, -1, 0,
                     WHY_UNKNOWN) != SIAGA_OK)
            return SIAGA_ENOMEM;
    return SIAGA_OK;
}

/* What the forced LP of column k gave: not yet solved, its least
 * distance (fk), or infeasible.  f(k) does not depend on where the
 * member stands now, so each column is solved once for all the flows of
 * its unit. */
enum { FK_NEW, FK_OPT, FK_INFEASIBLE };

/* One flow's next-best place (column j) on the LP at its optimum f0;
 * d: the reduced costs there; fst, fk: the forced LPs solved so far;
 * cand: scratch of ncol.  Returns SIAGA_OK or SIAGA_ENOMEM; a deadline
 * leaves WHY_UNKNOWN and sets *stopped. */
static int why_one(const struct tp *t, struct block_lp *L, int j, double f0,
                   const double *d, char *fst, double *fk,
                   struct why_cand *cand, int *stopped, struct bres *out)
{
    glp_prob *P = L->P;
    int u = L->cunit[j - 1], s = L->csite[j - 1], n = 0;
    for (int k = 1; k <= L->ncol; k++) {
        if (L->cunit[k - 1] != u || L->csite[k - 1] == s)
            continue;
        double v = L->keep[k];
        if (v + 1 > glp_get_col_ub(P, k) + 0.5)
            continue;                   /* full of u already, or 0 places */
        double lb = 0;
        if (v < 0.5 && glp_get_col_stat(P, k) == GLP_NL && d[k] > 0)
            lb = d[k];
        cand[n++] = (struct why_cand){lb - 1e-6, L->csite[k - 1], k};
    }
    if (n == 0)
        return push_why(out, s, u, -1, 0, WHY_NO_OTHER);
    qsort(cand, (size_t)n, sizeof *cand, cmp_why_cand);
    double best = HUGE_VAL;
    int best_site = -1;
    glp_smcp sp = L->sp;
    sp.meth = GLP_DUALP;
    for (int q = 0; q < n && cand[q].lb <= best; q++) {
        int k = cand[q].col;
        if (fst[k] == FK_NEW) {
            double ub = glp_get_col_ub(P, k), lo = L->keep[k] + 1;
            glp_set_col_bnds(P, k, lo < ub ? GLP_DB : GLP_FX, lo, ub);
            sp.tm_lim = solver_tm_lim(t->deadline);
            int ret = solver_simplex(P, &sp);
            int status = glp_get_status(P);
            fk[k] = glp_get_obj_val(P);
            glp_set_col_bnds(P, k, ub > 0 ? GLP_DB : GLP_FX, 0, ub);
            if (ret != 0 || (status != GLP_OPT && status != GLP_NOFEAS)) {
                *stopped = 1;           /* the deadline, or a failure */
                return push_why(out, s, u, -1, 0, WHY_UNKNOWN);
            }
            fst[k] = status == GLP_OPT ? FK_OPT : FK_INFEASIBLE;
        }
        if (fst[k] != FK_OPT)
            continue;                   /* it would empty a place */
        double extra = fk[k] - f0 < 0 ? 0 : fk[k] - f0;
        if (extra < best - 1e-6 ||
            (extra <= best + 1e-6 && cand[q].site < best_site)) {
            best = extra;
            best_site = cand[q].site;
        }
    }
    if (best_site < 0)
        return push_why(out, s, u, -1, 0, WHY_BLOCKED);
    return push_why(out, s, u, best_site, best, WHY_MOVE);
}

/* The next-best place of every flow of the block, in column order (the
 * order block_lp_flows pushed them). */
static int block_why(const struct tp *t, struct block_lp *L,
                     struct bres *out)
{
    glp_prob *P = L->P;
    double f0 = glp_get_obj_val(P);
    double *d = malloc(sizeof(double) * ((size_t)L->ncol + 1));
    double *fk = malloc(sizeof(double) * ((size_t)L->ncol + 1));
    char *fst = calloc((size_t)L->ncol + 1, 1);
    struct why_cand *cand = malloc(sizeof *cand * ((size_t)L->ncol + 1));
    int rc = SIAGA_ENOMEM, stopped = 0;
    if (d == NULL || fk == NULL || fst == NULL || cand == NULL)
        goto done;
    for (int k = 1; k <= L->ncol; k++)
        d[k] = glp_get_col_dual(P, k);
    rc = SIAGA_OK;
    for (int j = 1; j <= L->ncol && rc == SIAGA_OK; j++) {
        if (L->keep[j] < 0.5)
            continue;
        if (stopped || solver_past(t->deadline)) {
            stopped = 1;
            rc = push_why(out, L->csite[j - 1], L->cunit[j - 1], -1, 0,
                          WHY_UNKNOWN);
        } else {
            rc = why_one(t, L, j, f0, d, fst, fk, cand, &stopped, out);
        }
    }
done:
    free(d);
    free(fk);
    free(fst);
    free(cand);
    return rc;
}

/*
 * Solve block b: past the deadline the greedy fill (or, in bound mode,
 * no bound); else the LP in its stages (block_lp_*), each stopped stage
 * leaving the values of the last one solved.  A fill stage stopped by the
 * deadline hands the block to the greedy.
 */
static int solve_block(const struct tp *t, const struct block *b,
                       int *unit_row, struct bres *out)
{
    volatile int rc = SIAGA_ENOMEM; /* read after a GLPK failure */
    volatile int fallback = 0;     /* the fill stages ran out of time */
    struct block_lp L;
    if (block_columns(t, b) == 0)
        return SIAGA_OK;
    if (solver_past(t->deadline)) {
        if (t->bound_mode) {
            out->km_limited = 1; /* no bound from this block */
            return SIAGA_OK;
        }
        int *left = malloc(sizeof(int) * ((size_t)b->nunit + 1));
        int grc = left ? greedy_block(t, b, unit_row, left, out) : SIAGA_ENOMEM;
        if (grc == SIAGA_OK && t->why)
            grc = block_why_unknown(out);
        free(left);
        for (int i = 0; i < b->nunit; i++)
            unit_row[b->unit[i]] = -1;
        return grc;
    }
    /* nonzeros per column: unit row, parent row (a stay), site row, TNI
     * row; the tier and stage rows go through ind/val one at a time */
    size_t nz_cap = (size_t)block_columns(t, b) * 5 + 1;
    memset(&L, 0, sizeof L);
    L.csite = malloc(sizeof(int) * nz_cap);
    L.cunit = malloc(sizeof(int) * nz_cap);
    int *ia = malloc(sizeof(int) * nz_cap);
    int *ja = malloc(sizeof(int) * nz_cap);
    double *ar = malloc(sizeof(double) * nz_cap);
    L.ind = malloc(sizeof(int) * nz_cap);
    L.val = malloc(sizeof(double) * nz_cap);
    L.dcopy = malloc(sizeof(double) * nz_cap);
    L.keep = malloc(sizeof(double) * nz_cap);
    int *left = malloc(sizeof(int) * ((size_t)b->nunit + 1));
    if (!L.csite || !L.cunit || !ia || !ja || !ar || !L.ind || !L.val ||
        !L.dcopy || !L.keep || !left)
        goto done;

    struct glpk_guard g;
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        rc = SIAGA_ESOLVER;
        goto done;
    }
    block_lp_build(t, b, unit_row, &L, ia, ja, ar);
    int stopped = 0; /* a stage after the fills was stopped by the deadline */
    enum stage st = block_lp_fill(t, b, &L, out);
    int ok = st == STAGE_DONE;
    if (st == STAGE_STOPPED)
        fallback = 1;
    if (ok && !t->bound_mode)
        for (int j = 1; j <= L.ncol; j++)
            L.keep[j] = glp_get_col_prim(L.P, j);
    if (ok && !t->bound_mode && solver_past(t->deadline))
        stopped = 1;
    if (ok && !stopped && !t->bound_mode) {
        st = block_lp_reserve(t, &L);
        stopped = st == STAGE_STOPPED;
        ok = st != STAGE_FAILED;
    }
    if (ok && !stopped && t->unit_origin != NULL) {
        st = block_lp_moves(t, &L);
        stopped = st == STAGE_STOPPED;
        ok = st != STAGE_FAILED;
    }
    if (ok && !stopped && !t->bound_mode && solver_past(t->deadline))
        stopped = 1;
    if (ok && !stopped) {
        st = block_lp_km(t, &L);
        stopped = st == STAGE_STOPPED;
        ok = st != STAGE_FAILED;
    }
    if (!ok) {
        rc = SIAGA_ESOLVER;
    } else {
        rc = SIAGA_OK;
        if (stopped)
            out->km_limited = 1;
        if (!t->bound_mode)
            rc = block_lp_flows(&L, out);
        if (rc == SIAGA_OK && t->why && !t->bound_mode)
            rc = stopped || t->unit_origin != NULL
                     ? block_why_unknown(out)
                     : block_why(t, &L, out);
        else if (t->bound_mode && !stopped)             /* else no bound from this block */
            out->km += glp_get_obj_val(L.P);
    }
    glp_delete_prob(L.P);
    glpk_guard_end(&g);
done:
    if (fallback && rc == SIAGA_ESOLVER) {
        /* the deadline stopped a fill stage: the greedy fills the block */
        if (t->bound_mode) {
            out->km_limited = 1;
            rc = SIAGA_OK;
        } else {
            rc = greedy_block(t, b, unit_row, left, out);
            if (rc == SIAGA_OK && t->why)
                rc = block_why_unknown(out);
        }
    }
    for (int i = 0; i < b->nunit; i++)
        unit_row[b->unit[i]] = -1;
    free(L.keep);
    free(left);
    free(L.csite);
    free(L.cunit);
    free(ia);
    free(ja);
    free(ar);
    free(L.ind);
    free(L.val);
    free(L.dcopy);
    return rc;
}

/* Order of blocks for the work queue: most columns first.  The size
 * travels with the block, so the comparator reads no global. */
struct block_key { int size, k; };

static int cmp_block(const void *a, const void *b)
{
    const struct block_key *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Split into blocks and solve them on pp->jobs threads; merge in order of
 * each block's first site. */
struct tp_job {
    const struct tp *t;
    const int *root, *head, *next;
    struct bres *res;
    int **scratch;          /* per worker: unit_row, then the lists */
};

static int tp_block_job(void *ctx, int k, int worker)
{
    struct tp_job *j = ctx;
    const struct tp *t = j->t;
    int *w = j->scratch[worker];
    int *unit_row = w;
    struct block b = {w + t->nunit, 0, NULL, 0};
    b.unit = b.site + t->nsite;
    for (int i = j->head[j->root[k]]; i >= 0; i = j->next[i]) {
        if (i < t->nsite)
            b.site[b.nsite++] = i;
        else
            b.unit[b.nunit++] = i - t->nsite;
    }
    return solve_block(t, &b, unit_row, &j->res[k]);
}

static int tp_solve(struct tp *t, int jobs)
{
    int N = t->nsite + t->nunit, rc = SIAGA_ENOMEM, nblock = 0;
    struct tp_job j;
    memset(&j, 0, sizeof j);
    int *par = malloc(sizeof(int) * (size_t)(N ? N : 1));
    int *head = malloc(sizeof(int) * (size_t)(N ? N : 1));
    int *next = malloc(sizeof(int) * (size_t)(N ? N : 1));
    int *root = malloc(sizeof(int) * (size_t)(t->nsite + 1));
    int *size = calloc((size_t)N + 1, sizeof(int));
    int *order = malloc(sizeof(int) * (size_t)(t->nsite + 1));
    j.scratch = calloc((size_t)jobs, sizeof *j.scratch);
    if (!par || !head || !next || !root || !size || !order || !j.scratch)
        goto done;
    for (int w = 0; w < jobs; w++) {
        size_t sz = 2 * (size_t)N + 1;
        j.scratch[w] = malloc(sizeof(int) * sz);
        if (j.scratch[w] == NULL)
            goto done;
        for (int u = 0; u < t->nunit; u++)
            j.scratch[w][u] = -1;
    }
    for (int i = 0; i < N; i++)
        par[i] = i, head[i] = -1;
    for (int s = 0; s < t->nsite; s++) {
        for (int k = t->eoff[s]; k < t->eoff[s + 1]; k++)
            if (t->unit_supply[t->eunit[k]] > 0)
                uf_union(par, s, t->nsite + t->eunit[k]);
    }
    /* members of each root, in index order (prepend in reverse) */
    for (int i = N - 1; i >= 0; i--) {
        int r = uf_find(par, i);
        next[i] = head[r];
        head[r] = i;
        size[r] += i < t->nsite ? t->eoff[i + 1] - t->eoff[i] : 0;
    }
    /* roots are the smallest index of their block: sites come first */
    for (int r = 0; r < t->nsite; r++)
        if (uf_find(par, r) == r)
            root[nblock++] = r;
    j.t = t;
    j.root = root;
    j.head = head;
    j.next = next;
    j.res = calloc((size_t)nblock + 1, sizeof *j.res);
    if (j.res == NULL)
        goto done;
    {
        struct block_key *key = malloc(sizeof *key * (size_t)(nblock + 1));
        if (key == NULL)
            goto done;
        for (int k = 0; k < nblock; k++)
            key[k] = (struct block_key){size[root[k]], k};
        qsort(key, (size_t)nblock, sizeof *key, cmp_block);
        for (int k = 0; k < nblock; k++)
            order[k] = key[k].k;
        free(key);
    }
    rc = parallel_for(nblock, order, jobs, tp_block_job, &j);
    if (rc != SIAGA_OK)
        goto done;
    long nflow = 0;
    for (int k = 0; k < nblock; k++)
        nflow += j.res[k].nflow;
    rc = SIAGA_ENOMEM;
    t->flow = malloc(sizeof *t->flow * (size_t)(nflow + 1));
    if (t->flow == NULL)
        goto done;
    t->capflow = (int)nflow + 1;
    if (t->why) {
        t->why_out = malloc(sizeof *t->why_out * (size_t)(nflow + 1));
        if (t->why_out == NULL)
            goto done;
    }
    for (int k = 0; k < nblock; k++) {
        const struct bres *r = &j.res[k];
        if (r->nflow > 0)
            memcpy(t->flow + t->nflow, r->flow, sizeof *r->flow * (size_t)r->nflow);
        t->nflow += r->nflow;
        if (t->why && r->nwhy > 0)
            memcpy(t->why_out + t->nwhy, r->why, sizeof *r->why * (size_t)r->nwhy);
        t->nwhy += r->nwhy;
        for (int q = 0; q < MAX_TIERS; q++)
            t->fill[q] += r->fill[q];
        t->km += r->km;
        t->fill_limited |= r->fill_limited;
        t->km_limited |= r->km_limited;
    }
    rc = SIAGA_OK;
done:
    for (int k = 0; j.res != NULL && k < nblock; k++) {
        free(j.res[k].flow);
        free(j.res[k].why);
    }
    free(j.res);
    for (int w = 0; j.scratch != NULL && w < jobs; w++)
        free(j.scratch[w]);
    free(j.scratch);
    free(par);
    free(head);
    free(next);
    free(root);
    free(size);
    free(order);
    return rc;
}

static int cmp_flow(const void *a, const void *b)
{
    const struct flow *x = a, *y = b;
    if (x->site != y->site)
        return x->site < y->site ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->origin != y->origin)
        return x->origin < y->origin ? -1 : 1;
    return (x->pinned > y->pinned) - (x->pinned < y->pinned);
}

static int cmp_why(const void *a, const void *b)
{
    const struct member_why *x = a, *y = b;
    if (x->site != y->site)
        return x->site < y->site ? -1 : 1;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

/* ---- eligibility ------------------------------------------------------- */

/* Units by scope region, so eligibility is found without a scan. */
struct by_region {
    int *any; int nany;
    int *off_kab, *off_kec, *off_desa, *off_pol; /* CSR over regions */
    int *kab, *kec, *desa, *pol;
};

static void by_region_free(struct by_region *br)
{
    free(br->any);
    free(br->off_kab);
    free(br->off_kec);
    free(br->off_desa);
    free(br->off_pol);
    free(br->pol);
    free(br->kab);
    free(br->kec);
    free(br->desa);
}

static int csr_build(const struct scenario *s, const int *keep,
                     enum scope sc, int nreg, int **off, int **list)
{
    *off = calloc((size_t)nreg + 1, sizeof(int));
    *list = malloc(sizeof(int) * (size_t)(s->nunit + 1));
    if (*off == NULL || *list == NULL)
        return -1;
    for (int u = 0; u < s->nunit; u++)
        if (keep[u] && s->unit[u].scope == sc)
            (*off)[s->unit[u].region + 1]++;
    for (int r = 0; r < nreg; r++)
        (*off)[r + 1] += (*off)[r];
    int *pos = malloc(sizeof(int) * (size_t)(nreg + 1));
    if (pos == NULL)
        return -1;
    memcpy(pos, *off, sizeof(int) * (size_t)(nreg + 1));
    for (int u = 0; u < s->nunit; u++)
        if (keep[u] && s->unit[u].scope == sc)
            (*list)[pos[s->unit[u].region]++] = u;
    free(pos);
    return 0;
}

static int by_region_build(const struct scenario *s, const int *keep,
                           struct by_region *br)
{
    memset(br, 0, sizeof *br);
    br->any = malloc(sizeof(int) * (size_t)(s->nunit + 1));
    if (br->any == NULL)
        return -1;
    for (int u = 0; u < s->nunit; u++)
        if (keep[u] && s->unit[u].scope == SCOPE_ANY)
            br->any[br->nany++] = u;
    if (csr_build(s, keep, SCOPE_KABUPATEN, s->nkab, &br->off_kab, &br->kab) ||
        csr_build(s, keep, SCOPE_KECAMATAN, s->nkec, &br->off_kec, &br->kec) ||
        csr_build(s, keep, SCOPE_DESA, s->ndesa, &br->off_desa, &br->desa) ||
        csr_build(s, keep, SCOPE_POLRES, s->npolres, &br->off_pol, &br->pol))
        return -1;
    return 0;
}

/*
 * Eligible units of each site: those whose scope holds every TPS of it
 * (site_tps lists them, stride apart).  Unit lists come in unit index
 * order.  With desa_lo/desa_hi (the desa range of each kecamatan), a
 * relaxation: desa units may serve at any clustered post of their
 * kecamatan.
 */
static int eligibility(const struct scenario *s, const struct by_region *br,
                       int nsite, const int *site_tps, const int *site_ntps,
                       int stride, const int *desa_lo, const int *desa_hi,
                       struct tp *t)
{
    size_t cap = 0;
    for (int i = 0; i < nsite; i++) {
        const struct tps *tp = &s->tps[site_tps[(size_t)i * stride]];
        int pr = scenario_tps_polres(s, site_tps[(size_t)i * stride]);
        cap += (size_t)br->nany +
               (size_t)(br->off_kab[tp->kabupaten + 1] - br->off_kab[tp->kabupaten]) +
               (size_t)(br->off_kec[tp->kecamatan + 1] - br->off_kec[tp->kecamatan]);
        if (pr >= 0)
            cap += (size_t)(br->off_pol[pr + 1] - br->off_pol[pr]);
        if (desa_lo != NULL && s->rules.grade[tp->grade].tps_per_post > 1)
            cap += (size_t)(br->off_desa[desa_hi[tp->kecamatan]] -
                            br->off_desa[desa_lo[tp->kecamatan]]);
        else
            cap += (size_t)(br->off_desa[tp->desa + 1] - br->off_desa[tp->desa]);
    }
    t->eoff = malloc(sizeof(int) * ((size_t)nsite + 1));
    t->eunit = malloc(sizeof(int) * (cap + 1));
    if (t->eoff == NULL || t->eunit == NULL)
        return -1;
    int e = 0;
    for (int i = 0; i < nsite; i++) {
        const int *tl = &site_tps[(size_t)i * stride];
        const struct tps *tp = &s->tps[tl[0]];
        int same_desa = 1;
        for (int q = 1; q < site_ntps[i]; q++)
            if (s->tps[tl[q]].desa != tp->desa)
                same_desa = 0;
        int start = e;
        for (int q = 0; q < br->nany; q++)
            t->eunit[e++] = br->any[q];
        for (int q = br->off_kab[tp->kabupaten]; q < br->off_kab[tp->kabupaten + 1]; q++)
            t->eunit[e++] = br->kab[q];
        for (int q = br->off_kec[tp->kecamatan]; q < br->off_kec[tp->kecamatan + 1]; q++)
            t->eunit[e++] = br->kec[q];
        /* a site lies in one kecamatan, so in one Polres (formats 1.6) */
        int pr = scenario_tps_polres(s, tl[0]);
        if (pr >= 0)
            for (int q = br->off_pol[pr]; q < br->off_pol[pr + 1]; q++)
                t->eunit[e++] = br->pol[q];
        if (desa_lo != NULL && s->rules.grade[tp->grade].tps_per_post > 1) {
            /* relaxed: any desa unit of the kecamatan, at clustered posts */
            int k = tp->kecamatan;
            for (int q = br->off_desa[desa_lo[k]]; q < br->off_desa[desa_hi[k]]; q++)
                t->eunit[e++] = br->desa[q];
        } else if (same_desa) {
            for (int q = br->off_desa[tp->desa]; q < br->off_desa[tp->desa + 1]; q++)
                t->eunit[e++] = br->desa[q];
        }
        /* unit index order, for determinism across scope classes */
        for (int a = start + 1; a < e; a++) {
            int v = t->eunit[a], b = a - 1;
            while (b >= start && t->eunit[b] > v) {
                t->eunit[b + 1] = t->eunit[b];
                b--;
            }
            t->eunit[b + 1] = v;
        }
        t->eoff[i] = start;
    }
    t->eoff[nsite] = e;
    return 0;
}

/* ---- baseline origins -------------------------------------------------- */

/*
 * With a baseline, the members of a unit are no longer all alike: they
 * differ by where they stood.  The problem is solved over pseudo-units,
 * groups of members of one unit that the LP may treat as identical:
 *
 *   - a pinned group: the members of u pinned at origin o, one column
 *     at o (their row is fixed: they all stay);
 *   - the reserve group (ORIGIN_RESERVE) and the new group (ORIGIN_NEW)
 *     of u, unpinned, eligible wherever u is;
 *   - the movers M_u (ORIGIN_MOVED): every unpinned member of u who held
 *     a place, at a site o >= 0 or a gone one (ORIGIN_GONE), eligible
 *     wherever u is;
 *   - for each site o where unpinned members of u stood, the stay group
 *     S_{u,o}: those members, one column, at o (when u may serve o), and
 *     parent M_u: the stay column enters M_u's unit row as well.
 *
 * So with y_s the movers of u at s and z_o the stays at o:
 *   z_o <= |G_o| (its own row),  sum_s y_s + sum_o z_o <= |M_u| (M_u's row).
 * The moves stage costs -1 on a stay column (as on a pinned one at its
 * origin), +1 on a reserve column, 0 on a mover column.
 *
 * Why this is exact.  The earlier formulation (one group G_o per origin,
 * each eligible wherever u is, x_{o,s} of G_o at s) and this one have the
 * same fills, reserve use and distance for the same per-(unit, site)
 * totals, since all these groups share the unit's force, role and base.
 * (a) Every earlier solution x gives z_o = x_{o,o}, y_s = sum_o x_{o,s}
 *     - [s is an origin] x_{s,s}: the rows hold (sum y + sum z = sum x <=
 *     |M_u|, z_o <= |G_o|), the totals are equal, and the moves cost is
 *     the same (-sum_o x_{o,o} on both sides).
 * (b) Every (y, z) gives an earlier x: G_o keeps z_o at o, and the movers
 *     are spread over the |M_u| - sum z >= sum y members left (every group
 *     may serve every site of u); its moves cost is at most -sum z (lower
 *     when a mover lands on its own origin).
 * So the least moves cost is the same in both: (a) gives new <= old, (b)
 * gives old <= new.  Moreover at the least cost no mover of u sits at a
 * site o while S_{u,o} has room (z_o < |G_o|, y_o > 0): moving one unit
 * of flow from y_o to z_o keeps both rows and lowers the cost by 1.  The
 * moves row fixes that least cost for the distance stage, so every plan
 * the distance stage may return has this property too, and there the
 * moves counted as before (pseudo_flows: had - stays + reserve leavers)
 * are the real moves: planner.c take_member gives the stays the members
 * of their origin and the movers others, and a mover placed at s never
 * stood at s (all members of origin s that could stay there do).
 * pseudo_flows also enforces the property itself (a deadline may leave a
 * fill-stage vertex, or the greedy, in place of the moves stage), by
 * relabelling movers at s as stays at s while S_{u,s} has room: same
 * unit, same site, so the same fill, reserve use and distance.
 *
 * Integrality: a stay row is a singleton inside its M_u's row, and the
 * rows of different real units are disjoint, so the unit rows are still
 * one laminar family and the site and TNI rows the other: the polytope
 * of unit, site and TNI rows is integral (two laminar families, totally
 * unimodular).  Each stage row (tier, cadangan, moves) fixes the optimum
 * of its stage, i.e. cuts out an optimal face, and a vertex of a face of
 * an integral polytope is a vertex of it: integral too (still checked,
 * block_lp_flows).
 *
 * Why: a kota-wide unit whose members stood at hundreds of posts had one
 * group per post, each with a column at every site (hundreds x 847
 * columns in Kota Tangerang); now it has one movers' group with a column
 * per site plus one column per post where its members stood.
 */
struct pseudo {
    int n;
    int *unit, *origin, *supply, *tni, *cad, *parent;
    char *pinned;
    double *lat, *lon;
    int *off;               /* pseudo-units of unit u: off[u]..off[u+1] */
    int *eoff, *eunit;
};

static void pseudo_free(struct pseudo *ps)
{
    free(ps->unit);
    free(ps->origin);
    free(ps->supply);
    free(ps->tni);
    free(ps->cad);
    free(ps->parent);
    free(ps->pinned);
    free(ps->lat);
    free(ps->lon);
    free(ps->off);
    free(ps->eoff);
    free(ps->eunit);
    memset(ps, 0, sizeof *ps);
}

struct okey { int origin, pinned; };

static int cmp_okey(const void *a, const void *b)
{
    const struct okey *x = a, *y = b;
    if (x->origin != y->origin)
        return x->origin < y->origin ? -1 : 1;
    return (x->pinned > y->pinned) - (x->pinned < y->pinned);
}

/* Is a member of this origin and pin one of the movers (M_u)? */
static int is_mover(int origin, int pinned)
{
    return !pinned && (origin >= 0 || origin == ORIGIN_GONE);
}

/* Is pseudo-unit p listed at site (a stay only at its origin)? */
static int pseudo_listed(const struct pseudo *ps, int p, int site)
{
    return ps->parent[p] < 0 || ps->origin[p] == site;
}

/* A new pseudo-unit of unit u (of t) with origin, pin and parent. */
static int pseudo_add(struct pseudo *ps, const struct tp *t, int u,
                      int origin, int pinned, int parent, int supply)
{
    int p = ps->n++;
    ps->unit[p] = u;
    ps->origin[p] = origin;
    ps->pinned[p] = (char)pinned;
    ps->parent[p] = parent;
    ps->supply[p] = supply;
    ps->tni[p] = t->unit_tni[u];
    ps->cad[p] = t->unit_cad[u];
    ps->lat[p] = t->unit_lat[u];
    ps->lon[p] = t->unit_lon[u];
    return p;
}

/* Rewrite t (built over real units) over pseudo-units. */
static int pseudo_apply(const struct scenario *s, const struct origins *og,
                        struct tp *t, struct pseudo *ps)
{
    int rc = SIAGA_ENOMEM;
    /* at most one group per member, plus one movers' group per unit
     * (a unit of one member who stood at a site has two: M_u, S_{u,o}) */
    size_t nm = (size_t)s->nmember + (size_t)s->nunit + 1;
    struct okey *key = malloc(sizeof *key * nm);
    ps->off = calloc((size_t)s->nunit + 1, sizeof(int));
    ps->unit = malloc(sizeof(int) * nm);
    ps->origin = malloc(sizeof(int) * nm);
    ps->supply = malloc(sizeof(int) * nm);
    ps->tni = malloc(sizeof(int) * nm);
    ps->cad = malloc(sizeof(int) * nm);
    ps->parent = malloc(sizeof(int) * nm);
    ps->pinned = malloc(nm);
    ps->lat = malloc(sizeof(double) * nm);
    ps->lon = malloc(sizeof(double) * nm);
    if (!ps->off || !key || !ps->unit || !ps->origin || !ps->supply ||
        !ps->tni || !ps->cad || !ps->parent || !ps->pinned || !ps->lat ||
        !ps->lon)
        goto done;
    for (int u = 0; u < s->nunit; u++) {
        ps->off[u] = ps->n;
        const struct unit *un = &s->unit[u];
        if (t->unit_supply[u] <= 0)
            continue;
        int nk = 0, nmover = 0;
        for (int m = un->first_member; m < un->first_member + un->nmembers; m++) {
            key[nk] = (struct okey){og->origin[m], og->pinned ? og->pinned[m] : 0};
            nmover += is_mover(key[nk].origin, key[nk].pinned);
            nk++;
        }
        qsort(key, (size_t)nk, sizeof *key, cmp_okey);
        int mover = nmover > 0 ?
            pseudo_add(ps, t, u, ORIGIN_MOVED, 0, -1, nmover) : -1;
        for (int i = 0; i < nk; i++) {
            int mv = is_mover(key[i].origin, key[i].pinned);
            if (mv && key[i].origin < 0)
                continue;               /* ORIGIN_GONE: a mover only */
            if (i > 0 && cmp_okey(&key[i], &key[i - 1]) == 0) {
                ps->supply[ps->n - 1]++;
                continue;
            }
            pseudo_add(ps, t, u, key[i].origin, key[i].pinned,
                       mv ? mover : -1, 1);
        }
    }
    ps->off[s->nunit] = ps->n;
    /* eligibility over pseudo-units */
    size_t cap = 0;
    for (int site = 0; site < t->nsite; site++)
        for (int k = t->eoff[site]; k < t->eoff[site + 1]; k++)
            for (int p = ps->off[t->eunit[k]]; p < ps->off[t->eunit[k] + 1]; p++)
                cap += (size_t)pseudo_listed(ps, p, site);
    ps->eoff = malloc(sizeof(int) * ((size_t)t->nsite + 1));
    ps->eunit = malloc(sizeof(int) * (cap + 1));
    if (ps->eoff == NULL || ps->eunit == NULL)
        goto done;
    int e = 0;
    for (int site = 0; site < t->nsite; site++) {
        ps->eoff[site] = e;
        for (int k = t->eoff[site]; k < t->eoff[site + 1]; k++)
            for (int p = ps->off[t->eunit[k]]; p < ps->off[t->eunit[k] + 1]; p++)
                if (pseudo_listed(ps, p, site))
                    ps->eunit[e++] = p;
    }
    ps->eoff[t->nsite] = e;
    t->nunit = ps->n;
    t->unit_supply = ps->supply;
    t->unit_tni = ps->tni;
    t->unit_cad = ps->cad;
    t->unit_lat = ps->lat;
    t->unit_lon = ps->lon;
    t->unit_origin = ps->origin;
    t->unit_pinned = ps->pinned;
    t->unit_parent = ps->parent;
    t->eoff = ps->eoff;
    t->eunit = ps->eunit;
    rc = SIAGA_OK;
done:
    free(key);
    return rc;
}

/* The stay group of (real) unit u at site, or -1. */
static int pseudo_stay(const struct pseudo *ps, int u, int site)
{
    for (int p = ps->off[u]; p < ps->off[u + 1]; p++)
        if (ps->parent[p] >= 0 && ps->origin[p] == site)
            return p;
    return -1;
}

/*
 * Movers of a unit placed at a site where its stay group has room become
 * stays (top of this section: a no-op after a finished moves stage).
 * stay_flow: scratch of ps->n.  SIAGA_OK or SIAGA_ENOMEM.
 */
static int pseudo_settle(const struct pseudo *ps, struct tp *t, int *stay_flow,
                         int *stay_used)
{
    for (int p = 0; p < ps->n; p++)
        stay_flow[p] = -1, stay_used[p] = 0;
    for (int f = 0; f < t->nflow; f++) {
        int p = t->flow[f].unit;
        if (ps->parent[p] >= 0) {
            stay_flow[p] = f;
            stay_used[p] += t->flow[f].count;
        }
    }
    int n0 = t->nflow, dropped = 0;
    for (int f = 0; f < n0; f++) {
        int p = t->flow[f].unit, site = t->flow[f].site;
        if (ps->origin[p] != ORIGIN_MOVED)
            continue;
        int q = pseudo_stay(ps, ps->unit[p], site);
        if (q < 0 || stay_used[q] >= ps->supply[q])
            continue;
        int k = ps->supply[q] - stay_used[q];
        if (k > t->flow[f].count)
            k = t->flow[f].count;
        t->flow[f].count -= k;
        stay_used[q] += k;
        dropped += t->flow[f].count == 0;
        if (stay_flow[q] >= 0) {
            t->flow[stay_flow[q]].count += k;
            continue;
        }
        if (model_grow((void **)&t->flow, t->nflow, &t->capflow, sizeof *t->flow))
            return SIAGA_ENOMEM;
        stay_flow[q] = t->nflow;
        t->flow[t->nflow++] = (struct flow){site, q, k, 0, 0};
    }
    if (dropped > 0) {
        int w = 0;
        for (int f = 0; f < t->nflow; f++)
            if (t->flow[f].count > 0)
                t->flow[w++] = t->flow[f];
        t->nflow = w;
    }
    return SIAGA_OK;
}

/* Flows over pseudo-units back to real units (pseudo_settle first), and
 * *moves, the moves they make.  SIAGA_OK or SIAGA_ENOMEM. */
static int pseudo_flows(const struct scenario *s, const struct origins *og,
                        const struct pseudo *ps, struct tp *t, int linmas,
                        long *moves)
{
    int *scratch = malloc(sizeof(int) * (2 * (size_t)ps->n + 1));
    if (scratch == NULL)
        return SIAGA_ENOMEM;
    int rc = pseudo_settle(ps, t, scratch, scratch + ps->n);
    free(scratch);
    if (rc != SIAGA_OK)
        return rc;
    long placed_stay = 0, placed_reserve = 0;
    for (int f = 0; f < t->nflow; f++) {
        int p = t->flow[f].unit;
        t->flow[f].unit = ps->unit[p];
        t->flow[f].origin = ps->origin[p];
        t->flow[f].pinned = ps->pinned[p];
        if (ps->origin[p] == t->flow[f].site)
            placed_stay += t->flow[f].count;
        else if (ps->origin[p] == ORIGIN_RESERVE)
            placed_reserve += t->flow[f].count;
    }
    /* moved: everyone with an old place or gone place who does not stay,
     * and those who leave the reserve */
    long had = 0;
    for (int m = 0; m < s->nmember; m++) {
        int is_linmas = s->unit[s->member[m].unit].force == FORCE_LINMAS;
        if (is_linmas == linmas && (og->origin[m] >= 0 || og->origin[m] == ORIGIN_GONE))
            had++;
    }
    *moves = had - placed_stay + placed_reserve;
    return SIAGA_OK;
}

/* ---- guards ------------------------------------------------------------ */

static int tier_of(enum grade g)
{
    /* sangat rawan, khusus, rawan, kurang rawan (formats 1.4, 1.6); a
     * tier without sites is skipped, so plans without khusus solve as
     * before */
    return GRADE_COUNT - 1 - (int)g;
}

struct units {
    int *supply, *tni, *cad;
    double *lat, *lon;
};

static int units_build(const struct scenario *s, int linmas, struct units *un)
{
    size_t n = (size_t)(s->nunit ? s->nunit : 1);
    un->supply = calloc(n, sizeof(int));
    un->tni = calloc(n, sizeof(int));
    un->cad = calloc(n, sizeof(int));
    un->lat = malloc(sizeof(double) * n);
    un->lon = malloc(sizeof(double) * n);
    if (!un->supply || !un->tni || !un->cad || !un->lat || !un->lon)
        return -1;
    for (int u = 0; u < s->nunit; u++) {
        int is_linmas = s->unit[u].force == FORCE_LINMAS;
        un->supply[u] = is_linmas == linmas ? s->unit[u].nmembers : 0;
        un->tni[u] = !linmas && s->unit[u].force == FORCE_TNI;
        un->cad[u] = s->unit[u].cadangan;
        un->lat[u] = s->unit[u].lat;
        un->lon[u] = s->unit[u].lon;
    }
    return 0;
}

static void units_free(struct units *un)
{
    free(un->supply);
    free(un->tni);
    free(un->cad);
    free(un->lat);
    free(un->lon);
}

/* The desa of each kecamatan are contiguous (document order): their
 * range [lo[k], hi[k]).  Arrays of s->nkec + 1; NULL on failure. */
static int desa_ranges(const struct scenario *s, int **lo, int **hi)
{
    *lo = malloc(sizeof(int) * ((size_t)s->nkec + 1));
    *hi = malloc(sizeof(int) * ((size_t)s->nkec + 1));
    if (*lo == NULL || *hi == NULL) {
        free(*lo);
        free(*hi);
        *lo = *hi = NULL;
        return -1;
    }
    for (int k = 0; k < s->nkec; k++)
        (*lo)[k] = (*hi)[k] = 0;
    for (int d = s->ndesa - 1; d >= 0; d--)
        (*lo)[s->desa[d].kecamatan] = d;
    for (int d = 0; d < s->ndesa; d++)
        (*hi)[s->desa[d].kecamatan] = d + 1;
    return 0;
}

/*
 * Where a guard unit serves one desa only, a cluster spanning two desa
 * shuts it out, and the fewest-posts clustering is no longer sure to leave
 * fewest places empty.  A lower bound then: let desa units serve at any
 * clustered post of their kecamatan.  In that relaxation posts of one
 * kecamatan and grade are interchangeable again, so the fewest-posts
 * clustering is optimal for it (planner.c), and its empty places bound
 * every plan's.  Sangat rawan and rawan places, one TPS each, are
 * untouched by it.  Equal bound and value: proven.
 */
static int relaxed_bound(const struct scenario *s, const struct by_region *br,
                         const struct units *un, int npost, const int *ptps,
                         const int *pn, const long *places, int jobs,
                         double deadline, struct assign_result *out)
{
    bool need = false;
    for (int g = 0; g < GRADE_COUNT; g++)
        need |= s->rules.grade[g].tps_per_post > 1 && out->empty[g] > 0;
    if (!need || br->off_desa[s->ndesa] == 0)
        return SIAGA_OK;
    if (solver_past(deadline)) {
        /* no time for the relaxation: nothing claimed where it matters */
        for (int g = 0; g < GRADE_COUNT; g++)
            if (s->rules.grade[g].tps_per_post > 1 && out->empty[g] > 0)
                out->empty_bound[g] = 0;
        return SIAGA_OK;
    }
    int rc = SIAGA_ENOMEM;
    struct tp t;
    memset(&t, 0, sizeof t);
    int *lo = NULL, *hi = NULL;
    if (desa_ranges(s, &lo, &hi) != 0)
        goto done;
    t.nsite = npost;
    t.nunit = s->nunit;
    t.site = calloc((size_t)npost + 1, sizeof *t.site);
    if (t.site == NULL)
        goto done;
    t.unit_supply = un->supply;
    t.unit_tni = un->tni;
    t.unit_cad = un->cad;
    t.unit_lat = un->lat;
    t.unit_lon = un->lon;
    for (int p = 0; p < npost; p++) {
        const struct tps *a = &s->tps[ptps[(size_t)p * MAX_TPS_PER_POST]];
        const struct grade_rule *gr = &s->rules.grade[a->grade];
        t.site[p] = (struct tp_site){gr->guards, gr->guards - gr->min_polri,
                                     tier_of(a->grade), a->lat, a->lon, 0,
                                     NULL, 0};
    }
    if (eligibility(s, br, npost, ptps, pn, MAX_TPS_PER_POST, lo, hi, &t) != 0)
        goto done;
    t.deadline = deadline;
    rc = tp_solve(&t, jobs);
    if (rc != SIAGA_OK)
        goto done;
    for (int g = 0; g < GRADE_COUNT; g++) {
        long e = places[g] - t.fill[tier_of((enum grade)g)];
        /* a greedy fill of the relaxation bounds nothing */
        if (t.fill_limited)
            e = 0;
        out->empty_bound[g] = e < out->empty[g] ? e : out->empty[g];
    }
done:
    free(lo);
    free(hi);
    free(t.site);
    free(t.eoff);
    free(t.eunit);
    free(t.flow);
    return rc;
}

/* What a fill works with: the units and their index by region, the
 * pseudo-units of a baseline, the transportation problem, and two
 * scratch arrays of a TPS each (a site's TPS list, its length). */
struct fill {
    struct units un;
    struct by_region br;
    struct pseudo ps;
    struct tp t;
    int *tps_site, *one;
};

static void tp_set_units(struct tp *t, const struct scenario *s,
                         const struct units *un);

/* f for the guards (linmas 0) or Linmas (1) of s, with nsite empty
 * sites.  Returns 0, or -1 when out of memory (fill_free either way). */
static int fill_init(struct fill *f, const struct scenario *s, int linmas,
                     int nsite)
{
    memset(f, 0, sizeof *f);
    f->tps_site = malloc(sizeof(int) * (size_t)(s->ntps + 1));
    f->one = malloc(sizeof(int) * (size_t)(s->ntps + 1));
    if (!f->tps_site || !f->one || units_build(s, linmas, &f->un) != 0 ||
        by_region_build(s, f->un.supply, &f->br) != 0)
        return -1;
    f->t.nsite = nsite;
    f->t.site = calloc((size_t)nsite + 1, sizeof *f->t.site);
    if (f->t.site == NULL)
        return -1;
    tp_set_units(&f->t, s, &f->un);
    return 0;
}

static void fill_free(struct fill *f)
{
    free(f->tps_site);
    free(f->one);
    units_free(&f->un);
    by_region_free(&f->br);
    pseudo_free(&f->ps);
    free(f->t.site);
    free(f->t.eoff);
    free(f->t.eunit);
    free(f->t.flow);
    free(f->t.why_out);
}

/* The units of a transportation problem, from units_build. */
static void tp_set_units(struct tp *t, const struct scenario *s,
                         const struct units *un)
{
    t->nunit = s->nunit;
    t->unit_supply = un->supply;
    t->unit_tni = un->tni;
    t->unit_cad = un->cad;
    t->unit_lat = un->lat;
    t->unit_lon = un->lon;
}

/*
 * The fill both assignments make of t, whose sites (t->nsite, site k
 * holding the TPS stps[k * stride .. + sn[k] - 1]) and units are set: the
 * units eligible at each site; with origins, the problem rewritten over
 * pseudo-units (the eligibility restored after) and *moves counted; the
 * solve; the flows sorted by site.  Returns SIAGA_OK, SIAGA_ENOMEM or
 * the solver's status.
 */
static int fill_sites(const struct scenario *s, const struct by_region *br,
                      const int *stps, const int *sn, int stride,
                      const struct origins *og, int linmas, int jobs,
                      double deadline, struct tp *t, struct pseudo *ps,
                      long *moves)
{
    if (eligibility(s, br, t->nsite, stps, sn, stride, NULL, NULL, t) != 0)
        return SIAGA_ENOMEM;
    int *real_eoff = t->eoff, *real_eunit = t->eunit;
    int rc;
    if (og != NULL && (rc = pseudo_apply(s, og, t, ps)) != SIAGA_OK) {
        t->eoff = real_eoff;
        t->eunit = real_eunit;
        return rc;
    }
    t->deadline = deadline;
    rc = tp_solve(t, jobs);
    if (og != NULL) {
        t->eoff = real_eoff;
        t->eunit = real_eunit;
        if (rc == SIAGA_OK)
            rc = pseudo_flows(s, og, ps, t, linmas, moves);
    }
    if (rc == SIAGA_OK && t->nflow > 0)
        qsort(t->flow, (size_t)t->nflow, sizeof *t->flow, cmp_flow);
    if (og != NULL) {
        /* over pseudo-units, and never computed: none */
        free(t->why_out);
        t->why_out = NULL;
        t->nwhy = 0;
    }
    for (int w = 0; w < t->nwhy; w++)
        t->why_out[w].linmas = linmas;
    if (rc == SIAGA_OK && t->nwhy > 0)
        qsort(t->why_out, (size_t)t->nwhy, sizeof *t->why_out, cmp_why);
    return rc;
}

/*
 * Lower bound on item 4 over every plan with items 1-3 optimal: such a
 * plan has exactly comp_posts[c] posts in each component c (their sum
 * is the proven minimum and none can go lower), each anchored at one
 * of its TPS with `guards` places, and fills each grade as much as this
 * plan.  Relaxed: a component is one site of guards * comp_posts[c]
 * places, as near to a unit as its nearest TPS; a unit may serve there
 * when its scope holds one of them (a desa unit: any desa of the
 * kecamatan).  One site per component, not per TPS: in dense kota a
 * component holds hundreds of TPS, and this LP was most of the time.
 *
 * t is the solved exact problem; ptps, one and tps_site are scratch of
 * the caller (ptps with room for a site per TPS).  Sets out->km_bound
 * and, when the bound ran out of time, out->km_limited.  Returns
 * SIAGA_OK, SIAGA_ENOMEM or the solver's status.
 */
static int km_bound_by_components(const struct scenario *s,
                                  const struct post *posts,
                                  const struct cluster_result *cr,
                                  const struct units *un,
                                  const struct by_region *br,
                                  const struct tp *t, int *ptps, int *one,
                                  int *tps_site, int jobs, double deadline,
                                  struct assign_result *out)
{
    int rc = SIAGA_ENOMEM, nb = 0;
    struct tp tb;
    memset(&tb, 0, sizeof tb);
    int *comp_site = malloc(sizeof(int) * ((size_t)cr->ncomp + 1));
    int *members = malloc(sizeof(int) * ((size_t)s->ntps + 1));
    int *moff = calloc((size_t)cr->ncomp + 2, sizeof(int));
    int *fill = malloc(sizeof(int) * ((size_t)cr->ncomp + 1));
    int *dlo = NULL, *dhi = NULL;
    tb.site = calloc((size_t)s->ntps + 1, sizeof *tb.site);
    if (!comp_site || !members || !moff || !fill ||
        desa_ranges(s, &dlo, &dhi) != 0 || !tb.site)
        goto done;
    /* TPS of each component, contiguous */
    for (int i = 0; i < s->ntps; i++)
        if (cr->tps_comp[i] >= 0)
            moff[cr->tps_comp[i] + 1]++;
    for (int c = 0; c < cr->ncomp; c++)
        moff[c + 1] += moff[c];
    for (int c = 0; c < cr->ncomp; c++)
        comp_site[c] = -1;
    memcpy(fill, moff, sizeof(int) * ((size_t)cr->ncomp + 1));
    for (int i = 0; i < s->ntps; i++)
        if (cr->tps_comp[i] >= 0)
            members[fill[cr->tps_comp[i]]++] = i;
    for (int i = 0; i < s->ntps; i++) {
        const struct tps *tp = &s->tps[i];
        const struct grade_rule *gr = &s->rules.grade[tp->grade];
        int c = cr->tps_comp[i];
        if (c >= 0 && comp_site[c] >= 0) {
            tps_site[i] = comp_site[c];
            continue;
        }
        long np = c >= 0 ? cr->comp_posts[c] : 1;
        tb.site[nb] = (struct tp_site){(int)(gr->guards * np),
                                       (int)((gr->guards - gr->min_polri) * np),
                                       tier_of(tp->grade), tp->lat, tp->lon,
                                       0, c >= 0 ? members + moff[c] : NULL,
                                       c >= 0 ? moff[c + 1] - moff[c] : 0};
        one[nb] = 1;
        ptps[(size_t)nb * MAX_TPS_PER_POST] = i; /* representative TPS */
        if (c >= 0)
            comp_site[c] = nb;
        tps_site[i] = nb++;
    }
    tb.nsite = nb;
    tp_set_units(&tb, s, un);
    tb.tps = s->tps;
    tb.bound_mode = 1;
    for (int f = 0; f < t->nflow; f++)
        tb.site[tps_site[posts[t->flow[f].site].tps[0]]].target += t->flow[f].count;
    if (eligibility(s, br, nb, ptps, one, MAX_TPS_PER_POST, dlo, dhi, &tb) != 0)
        goto done;
    tb.deadline = deadline;
    rc = tp_solve(&tb, jobs);
    if (rc != SIAGA_OK)
        goto done;
    out->km_bound = tb.km < out->km ? tb.km : out->km;
    if (tb.km_limited) {
        out->km_bound = 0;
        out->km_limited = true;
    }
done:
    free(comp_site);
    free(members);
    free(moff);
    free(fill);
    free(dlo);
    free(dhi);
    free(tb.site);
    free(tb.eoff);
    free(tb.eunit);
    free(tb.flow);
    return rc;
}

int assign_guards(const struct scenario *s, const struct post *posts,
                  int npost, const struct cluster_result *cr, int jobs,
                  double deadline, const struct origins *og, bool why,
                  struct assign_result *out, struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    struct fill f;
    struct tp *t = &f.t;
    memset(out, 0, sizeof *out);
    /* sites: posts here, and in the bound one per component or lone TPS
     * (TPS of posts kept from a baseline belong to no component) */
    size_t nsite_max = (size_t)(npost > s->ntps ? npost : s->ntps) + 1;
    int *ptps = calloc(nsite_max * MAX_TPS_PER_POST, sizeof(int));
    int *pn = calloc((size_t)npost + 1, sizeof(int));
    /* exact problem: one site per post */
    if (fill_init(&f, s, 0, npost) != 0 || !ptps || !pn)
        goto done;
    for (int p = 0; p < npost; p++) {
        const struct post *po = &posts[p];
        const struct grade_rule *gr = &s->rules.grade[po->grade];
        const struct tps *a = &s->tps[po->tps[0]];
        t->site[p] = (struct tp_site){gr->guards, gr->guards - gr->min_polri,
                                      tier_of(po->grade), a->lat, a->lon, 0,
                                      NULL, 0};
        memcpy(&ptps[(size_t)p * MAX_TPS_PER_POST], po->tps,
               sizeof(int) * (size_t)po->ntps);
        pn[p] = po->ntps;
    }
    t->why = why;
    rc = fill_sites(s, &f.br, ptps, pn, MAX_TPS_PER_POST, og, 0, jobs,
                    deadline, t, &f.ps, &out->moves);
    if (rc != SIAGA_OK)
        goto done;
    out->fill_limited = t->fill_limited;
    out->km_limited = t->km_limited;

    long places[GRADE_COUNT] = {0};
    for (int p = 0; p < npost; p++)
        places[posts[p].grade] += posts[p].required;
    for (int g = 0; g < GRADE_COUNT; g++) {
        out->empty[g] = places[g] - t->fill[tier_of((enum grade)g)];
        out->empty_bound[g] = t->fill_limited ? 0 : out->empty[g];
    }
    out->km = t->km;
    if (!t->fill_limited) {
        rc = relaxed_bound(s, &f.br, &f.un, npost, ptps, pn, places, jobs,
                           deadline, out);
        if (rc != SIAGA_OK)
            goto done;
    }
    if (solver_past(deadline)) {
        /* no time for the item-4 bound: claim none */
        out->km_bound = 0;
        out->km_limited = true;
    } else {
        rc = km_bound_by_components(s, posts, cr, &f.un, &f.br, t, ptps,
                                    f.one, f.tps_site, jobs, deadline, out);
        if (rc != SIAGA_OK)
            goto done;
    }
    out->flow = t->flow;
    out->nflow = t->nflow;
    t->flow = NULL;
    out->why = t->why_out;
    out->nwhy = t->nwhy;
    t->why_out = NULL;
    rc = SIAGA_OK;
done:
    if (rc == SIAGA_ESOLVER)
        error_add(errs, NULL, 0, "GLPK failed while assigning guards");
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while assigning guards");
    free(ptps);
    free(pn);
    fill_free(&f);
    return rc;
}

int assign_linmas(const struct scenario *s, int jobs, double deadline,
                  const struct origins *og, bool why,
                  struct assign_result *out, struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    struct fill f;
    struct tp *t = &f.t;
    memset(out, 0, sizeof *out);
    if (fill_init(&f, s, 1, s->ntps) != 0)
        goto done;
    int per = s->rules.linmas_per_tps;
    for (int i = 0; i < s->ntps; i++) {
        t->site[i] = (struct tp_site){per, per, 0, s->tps[i].lat,
                                      s->tps[i].lon, 0, NULL, 0};
        f.tps_site[i] = i;
        f.one[i] = 1;
    }
    t->why = why;
    if (per > 0) {
        rc = fill_sites(s, &f.br, f.tps_site, f.one, 1, og, 1, jobs,
                        deadline, t, &f.ps, &out->moves);
        if (rc != SIAGA_OK) {
            if (rc == SIAGA_ESOLVER)
                error_add(errs, NULL, 0, "GLPK failed while assigning Linmas");
            goto done;
        }
    }
    out->empty_linmas = (long)per * s->ntps - t->fill[0];
    /* with origins the travel is least only among plans with fewest moves */
    out->km = t->km;
    out->km_bound = og != NULL || t->km_limited ? 0.0 : t->km;
    out->fill_limited = t->fill_limited;
    out->km_limited = t->km_limited;
    out->flow = t->flow;
    out->nflow = t->nflow;
    t->flow = NULL;
    out->why = t->why_out;
    out->nwhy = t->nwhy;
    t->why_out = NULL;
    rc = SIAGA_OK;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while assigning Linmas");
    fill_free(&f);
    return rc;
}

void assign_free(struct assign_result *r)
{
    if (r == NULL)
        return;
    free(r->flow);
    free(r->why);
    memset(r, 0, sizeof *r);
}
