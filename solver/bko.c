/*
 * bko.c - the BKO request: the fewest additional personnel, by force and
 * area, that leave no place of a plan empty (formats.md 5).
 *
 * Formulation.  Take the plan's posts P (its clustering: fewest posts,
 * cluster.c) with g_q guard places at post q, of which t_q = g_q -
 * min_polri TNI may fill.  To the transportation problem of assign.c
 * (variables z_uq, members of unit u at post q; u eligible when its scope
 * holds every TPS of q) add a virtual unit per (Polri, kecamatan) and
 * (TNI, kecamatan) with posts, eligible at exactly the posts of its
 * kecamatan, with an integer capacity b_v >= 0 of its own:
 *
 *     sum_q z_uq <= members(u)                  real units
 *     sum_q z_vq - b_v <= 0                     virtual units
 *     sum_u z_uq  = g_q                         every place filled
 *     sum_{u TNI} z_uq <= t_q                   TNI places (TNI virtual too)
 *     min  W * sum_v b_v + sum_{v Polri} b_v,   W = places + 1
 *
 * Linmas alike: TPS with linmas_per_tps places, a virtual (Linmas, desa)
 * per desa, min sum b_v.  Guards and Linmas are independent problems.
 *
 * Integral.  Without the b columns the matrix is assign.c's: unit rows
 * partition the variables, site and TNI rows are laminar, so it is
 * totally unimodular.  Each b column is a unit column (-1 in its own
 * virtual-unit row), and appending unit columns keeps a matrix TU.  The
 * right-hand sides are integral, so every simplex vertex is integral
 * (checked all the same), and the LP optimum is the integer optimum.
 *
 * Tie rule.  W exceeds any number of Polri that can be asked for (at most
 * the places), so the objective is lexicographic: fewest personnel first;
 * among requests of that size, fewest Polri, i.e. TNI wherever a place
 * allows one (Polri can fill every place, TNI only the non-Polri ones, so
 * Polri is the scarcer force on election day).  Left ties (which
 * kecamatan, when a Polres-wide unit could serve either) are broken by
 * the simplex, which is deterministic for the same input.
 *
 * Why the sum is minimal.  (a) Adding, for each row, a unit of that force
 * scoped to that kecamatan (desa for Linmas) with that count fills every
 * place: the clustering does not depend on personnel, so a new plan has
 * the same posts, the LP solution is a fill of all of them, and assign.c
 * fills tier by tier as much as possible.  (b) Nothing smaller does: let
 * extra personnel X give a plan with nothing empty, on posts C'.  When no
 * guard unit of the scenario serves a single desa, all posts of one
 * kecamatan and grade have the same eligible units and the same places,
 * and P has at most as many of them as C' (fewest posts in every
 * component), so mapping P's posts one to one into C''s and copying the
 * fills gives a solution of the LP above with b_(f,k) = the members of X
 * of force f serving in kecamatan k: |X| >= sum b.  Linmas places are per
 * TPS, independent of any clustering.  So the sum is minimal over every
 * plan, and one person fewer in any row leaves a place empty.
 *
 * Otherwise.  When a guard unit serves a single desa (a Bhabinkamtibmas)
 * another clustering may let it serve more, and when the plan is
 * `feasible` its clustering is not proven fewest: the request is then
 * minimal for this plan's posts (so a re-plan with one person fewer in any
 * row still leaves a place empty), and `proven` is false.
 *
 * Formations (formats 1.6, <bko force size>).  When force f has a size
 * S_f, its virtual units ask for whole formations: b_v = S_f * k_v with
 * k_v a whole number (the column is k_v, with -S_f in its row).  A
 * formation (a Brimob or Dalmas platoon put under the Polres) is
 * deployed by the Polres over its area, so besides the virtual unit of
 * each kecamatan (desa for Linmas) the force has one of each kabupaten
 * (of each Polres when the scenario has <jurisdictions>: a kabupaten may
 * be shared by two), eligible at every post (TPS) of it: the "wide
 * level"; bko.csv then has scope "polres" and the Polres id as region.  Per kecamatan
 * only, Kaur with the Polri-pairs preset (83 Polri places short in 9
 * kecamatan) would ask 9 platoons of 30 (270 persons); with the wide
 * level it asks 3 (90).  The request is then lexicographic:
 *   (A) fewest formations in all, F = sum_{v sized} k_v + sum_{v unsized}
 *       b_v (a person of a force without size is a formation of one);
 *   (B) among those, fewest persons, then fewest Polri (the tie rule
 *       above): min W * persons + Polri, persons = sum S_f k_v + sum b_v;
 *   (C) among those, the fewest formations of the wide level: a
 *       formation that serves one kecamatan only is asked for there.
 * k_v are integer, so this is a small integer programme (one integer per
 * force and kecamatan of the block, the rest the TU flows above), solved
 * exactly by GLPK's branch and bound (glp_intopt, mip_gap 0): stage A,
 * then its optimum fixed as a row (F <= A*) and stage B, fixed alike, and
 * stage C.  GLP_OPT from
 * glp_intopt is a proof: no request with fewer formations fills every
 * place of these posts, so one formation fewer of any row (with the other
 * rows as they are) leaves a place empty.  Then the k_v are fixed at their
 * values and the LP is solved once more by the simplex: with the k_v fixed
 * the matrix over the flows and the unsized b_v is the TU one above with
 * integral right-hand sides, so its vertex is integral (checked) and it
 * cannot undo (A) or (B) (an unsized b_v counts in both).  Each formation
 * serves one kabupaten at most, as a row of bko.csv is one unit to add:
 * two kabupaten short of 10 Polri each with S = 30 need 2 formations,
 * not ceil(20 / 30) = 1 (tests/test_bko.c).  "Why the sum is minimal"
 * above holds for formations read this way: let X's formations each
 * serve one kabupaten or a region inside one; map each to the virtual
 * unit of its kecamatan when it serves inside one, else of its
 * kabupaten; X's fill is then a solution with k_v = its formations there,
 * so F(X) >= A*.
 *   Under the deadline (or when the MIP is stopped) the block falls back
 *   to the plan's own empty places, each row rounded up to whole
 *   formations; `limited` as before.
 *
 * Size: one LP per connected block of units and sites (as in assign.c),
 * solved in block order, so the result does not depend on anything but
 * the input.
 *
 * Under a deadline.  Each simplex gets what is left (tm_lim).  When a
 * block starts past the deadline, or the deadline stops its LP, the
 * request of that problem (guards or Linmas) is the plan's own empty
 * places instead: per post, TNI where the post has a TNI place left,
 * Polri for the rest; per desa, its empty Linmas places.  Adding them
 * fills every place (the plan's fill plus them), so the LP optimum is at
 * most that; `limited` says the request is not proven the fewest.
 */
#include "solver/bko.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/union_find.h"
#include "solver/glpk_util.h"

/* One BKO problem: sites with places, real units 0..nreal-1 and virtual
 * units nreal.. with a capacity variable each. */
struct bp {
    int nsite;
    int *places, *tni_places;
    int *eoff, *eunit;          /* eligible units of site i (any kind) */
    int nreal, nvirt;
    const int *supply;          /* real units: members that may serve */
    const int *is_tni;          /* real units */
    const int *fsize;           /* <bko size> per force, 0: by person */
    enum force *vforce;         /* virtual units */
    enum scope *vscope;
    int *vregion;
    long *b;                    /* out: capacity of each virtual unit */
    double deadline;            /* solver_now() time, 0: none */
    int limited;                /* out: a block got the greedy request */
};

static int is_tni(const struct bp *b, int u)
{
    return u < b->nreal ? b->is_tni[u] : b->vforce[u - b->nreal] == FORCE_TNI;
}

static int usable(const struct bp *b, int u)
{
    return u >= b->nreal || b->supply[u] > 0;
}

/* Arrays of one block's LP: coordinates of the nonzeros and the virtual
 * unit of each column (-1 for a z column). */
struct lpbuf {
    int *ia, *ja, *cunit;
    double *ar, *obj;
    long places;
};

/* <bko size> of virtual unit u (an index past nreal), 0: by person. */
static int vsize(const struct bp *b, int u)
{
    return b->fsize != NULL ? b->fsize[b->vforce[u - b->nreal]] : 0;
}

/* Is virtual unit u (past nreal) of the wide level (Polres or kabupaten)? */
static int is_wide(const struct bp *b, int u)
{
    enum scope sc = b->vscope[u - b->nreal];
    return sc == SCOPE_KABUPATEN || sc == SCOPE_POLRES;
}

/* One integer stage of formations_mip: glp_intopt on the time left.
 * 0 at a proven optimum, GLP_ETMLIM when stopped, else another nonzero. */
static int mip_stage(const struct bp *b, glp_prob *P)
{
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.mip_gap = 0.0;
    ip.tm_lim = solver_tm_lim(b->deadline);
    int ret = solver_intopt(P, &ip);
    if (ret == GLP_ETMLIM)
        return GLP_ETMLIM;
    if (ret != 0 || glp_mip_status(P) != GLP_OPT)
        return ret != 0 ? ret : GLP_EFAIL;
    return 0;
}

/*
 * Stages (A) and (B) of the formations (top of this file) on P, whose
 * columns 1..c are set with stage B's objective (cunit[j-1] >= 0 for a
 * virtual unit's column); then the sized columns fixed at their values,
 * for the final simplex of the caller.  ind and val: scratch of c + 1;
 * objB: room for c + 1 (stage B's objective, kept across stage A).
 * 0, GLP_ETMLIM, or another nonzero on failure.
 */
static int formations_mip(const struct bp *b, glp_prob *P, int c,
                          const int *cunit, int *ind, double *val,
                          double *objB)
{
    int n = 0, ret;
    for (int j = 1; j <= c; j++) {
        objB[j] = glp_get_obj_coef(P, j);
        int v = cunit[j - 1] >= 0;
        glp_set_obj_coef(P, j, v ? 1.0 : 0.0);   /* (A): formations */
        if (v) {
            ind[++n] = j;
            val[n] = 1.0;
        }
    }
    if ((ret = mip_stage(b, P)) != 0)
        return ret;
    double best = floor(glp_mip_obj_val(P) + 0.5);
    glp_add_rows(P, 1);
    int r = glp_get_num_rows(P);
    glp_set_row_bnds(P, r, GLP_UP, 0, best);
    glp_set_mat_row(P, r, n, ind, val);
    for (int j = 1; j <= c; j++)
        glp_set_obj_coef(P, j, objB[j]);         /* (B): persons, Polri */
    if ((ret = mip_stage(b, P)) != 0)
        return ret;
    /* (C): the fewest formations of the wide level (kabupaten) */
    int nw = 0;
    for (int j = 1; j <= c; j++)
        if (cunit[j - 1] >= 0 && is_wide(b, cunit[j - 1]))
            nw++;
    if (nw > 0) {
        double bestB = floor(glp_mip_obj_val(P) + 0.5);
        int m = 0;
        for (int j = 1; j <= c; j++)
            if (objB[j] != 0.0) {
                ind[++m] = j;
                val[m] = objB[j];
            }
        glp_add_rows(P, 1);
        r = glp_get_num_rows(P);
        glp_set_row_bnds(P, r, GLP_UP, 0, bestB + 0.5);
        glp_set_mat_row(P, r, m, ind, val);
        for (int j = 1; j <= c; j++)
            glp_set_obj_coef(P, j, cunit[j - 1] >= 0 &&
                             is_wide(b, cunit[j - 1]) ? 1.0 : 0.0);
        if ((ret = mip_stage(b, P)) != 0)
            return ret;
        for (int j = 1; j <= c; j++)
            glp_set_obj_coef(P, j, objB[j]);
    }
    for (int j = 1; j <= c; j++)
        if (glp_get_col_kind(P, j) == GLP_IV) {
            double k = floor(glp_mip_col_val(P, j) + 0.5);
            glp_set_col_bnds(P, j, GLP_FX, k, k);
        }
    return 0;
}

/* Build and solve the LP of one block; b->b gets the capacities.  The
 * GLPK part alone, so nothing set before setjmp is changed after it. */
static int lp_block(const struct bp *b, const int *site, int ns,
                    const int *unit, int nu, int *row_of, int ncols,
                    const struct lpbuf *lb)
{
    int rc;
    struct glpk_guard g;
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        return SIAGA_ESOLVER;
    }
    glp_prob *P = glp_create_prob();
    double W = (double)lb->places + 1;
    int sized = 0;
    int *ia = lb->ia, *ja = lb->ja, *cunit = lb->cunit;
    double *ar = lb->ar;
    int nrow = 0, c = 0;
    size_t e = 0;
    glp_add_cols(P, ncols);
    for (int i = 0; i < nu; i++) {
        int u = unit[i];
        row_of[u] = ++nrow;
        glp_add_rows(P, 1);
        if (u < b->nreal) {
            glp_set_row_bnds(P, nrow, GLP_UP, 0, b->supply[u]);
        } else {
            glp_set_row_bnds(P, nrow, GLP_UP, 0, 0);
            ++c;
            cunit[c - 1] = u;
            int size = vsize(b, u);
            glp_set_col_bnds(P, c, GLP_LO, 0, 0);
            glp_set_obj_coef(P, c, (W + (b->vforce[u - b->nreal] == FORCE_POLRI)) *
                                   (size > 0 ? size : 1));
            if (size > 0) {
                glp_set_col_kind(P, c, GLP_IV);
                sized = 1;
            }
            ++e; ia[e] = nrow; ja[e] = c; ar[e] = size > 0 ? -size : -1;
        }
    }
    for (int i = 0; i < ns; i++) {
        int s = site[i], first = c + 1, ntni = 0;
        for (int k = b->eoff[s]; k < b->eoff[s + 1]; k++) {
            int u = b->eunit[k];
            if (!usable(b, u))
                continue;
            c++;
            cunit[c - 1] = -1;
            int ub = is_tni(b, u) ? b->tni_places[s] : b->places[s];
            if (ub > 0)
                glp_set_col_bnds(P, c, GLP_DB, 0, ub);
            else
                glp_set_col_bnds(P, c, GLP_FX, 0, 0);
            ntni += is_tni(b, u);
            ++e; ia[e] = row_of[u]; ja[e] = c; ar[e] = 1;
        }
        glp_add_rows(P, 1);
        glp_set_row_bnds(P, ++nrow, GLP_FX, b->places[s], b->places[s]);
        for (int j = first; j <= c; j++) {
            ++e; ia[e] = nrow; ja[e] = j; ar[e] = 1;
        }
        if (ntni > 0 && b->tni_places[s] < b->places[s]) {
            glp_add_rows(P, 1);
            glp_set_row_bnds(P, ++nrow, GLP_UP, 0, b->tni_places[s]);
            int j = first;
            for (int k = b->eoff[s]; k < b->eoff[s + 1]; k++) {
                int u = b->eunit[k];
                if (!usable(b, u))
                    continue;
                if (is_tni(b, u)) {
                    ++e; ia[e] = nrow; ja[e] = j; ar[e] = 1;
                }
                j++;
            }
        }
    }
    glp_load_matrix(P, (int)e, ia, ja, ar);
    glp_set_obj_dir(P, GLP_MIN);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    int ret = 0;
    if (sized)
        ret = formations_mip(b, P, c, cunit, ia, ar, lb->obj);
    if (ret == 0) {
        if (sized)
            glp_std_basis(P);
        sp.tm_lim = solver_tm_lim(b->deadline);
        ret = solver_simplex(P, &sp);
    }
    rc = ret == GLP_ETMLIM ? SIAGA_ELIMIT : SIAGA_ESOLVER;
    if (ret == 0 && glp_get_status(P) == GLP_OPT) {
        rc = SIAGA_OK;
        for (int j = 1; j <= c; j++) {
            double v = glp_get_col_prim(P, j);
            long r = lround(v);
            /* cannot happen: the matrix is totally unimodular */
            assert(fabs(v - (double)r) <= 1e-6);
            if (fabs(v - (double)r) > 1e-6) {
                rc = SIAGA_ESOLVER;
                break;
            }
            if (cunit[j - 1] >= 0) {
                int size = vsize(b, cunit[j - 1]);
                b->b[cunit[j - 1] - b->nreal] = size > 0 ? r * size : r;
            }
        }
    }
    glp_delete_prob(P);
    glpk_guard_end(&g);
    return rc;
}

/* Solve the block of sites site[0..ns) and units unit[0..nu).
 * row_of: scratch per unit (-1 outside). */
static int solve_block(struct bp *b, const int *site, int ns,
                       const int *unit, int nu, int *row_of)
{
    int rc = SIAGA_ENOMEM, ncol = 0, nvcol = 0;
    struct lpbuf lb = {NULL, NULL, NULL, NULL, NULL, 0};
    for (int i = 0; i < ns; i++) {
        lb.places += b->places[site[i]];
        for (int k = b->eoff[site[i]]; k < b->eoff[site[i] + 1]; k++)
            ncol += usable(b, b->eunit[k]);
    }
    for (int i = 0; i < nu; i++)
        nvcol += unit[i] >= b->nreal;
    if (ncol == 0)
        return SIAGA_OK;
    if (solver_past(b->deadline)) {
        b->limited = 1;         /* the plan's empty places stand in */
        return SIAGA_OK;
    }
    size_t cap = (size_t)ncol * 3 + (size_t)nvcol + 1;
    lb.ia = malloc(sizeof(int) * cap);
    lb.ja = malloc(sizeof(int) * cap);
    lb.ar = malloc(sizeof(double) * cap);
    lb.cunit = malloc(sizeof(int) * ((size_t)(ncol + nvcol) + 1));
    lb.obj = malloc(sizeof(double) * ((size_t)(ncol + nvcol) + 1));
    if (lb.ia && lb.ja && lb.ar && lb.cunit && lb.obj)
        rc = lp_block(b, site, ns, unit, nu, row_of, ncol + nvcol, &lb);
    if (rc == SIAGA_ELIMIT) {
        b->limited = 1;
        rc = SIAGA_OK;
    }
    for (int i = 0; i < nu; i++)
        row_of[unit[i]] = -1;
    free(lb.ia);
    free(lb.ja);
    free(lb.ar);
    free(lb.cunit);
    free(lb.obj);
    return rc;
}

/* Blocks: connected components of sites and usable units; each solved
 * alone, in order of its first site. */
static int bp_solve(struct bp *b)
{
    int N = b->nsite + b->nreal + b->nvirt, rc = SIAGA_ENOMEM;
    int *par = malloc(sizeof(int) * ((size_t)N + 1));
    int *head = malloc(sizeof(int) * ((size_t)N + 1));
    int *next = malloc(sizeof(int) * ((size_t)N + 1));
    int *site = malloc(sizeof(int) * ((size_t)b->nsite + 1));
    int *unit = malloc(sizeof(int) * ((size_t)(b->nreal + b->nvirt) + 1));
    int *row_of = malloc(sizeof(int) * ((size_t)(b->nreal + b->nvirt) + 1));
    if (!par || !head || !next || !site || !unit || !row_of)
        goto done;
    for (int i = 0; i < N; i++)
        par[i] = i, head[i] = -1;
    for (int u = 0; u < b->nreal + b->nvirt; u++)
        row_of[u] = -1;
    for (int s = 0; s < b->nsite; s++)
        for (int k = b->eoff[s]; k < b->eoff[s + 1]; k++)
            if (usable(b, b->eunit[k])) {
                int x = uf_find(par, s), y = uf_find(par, b->nsite + b->eunit[k]);
                if (x < y)
                    par[y] = x;
                else if (y < x)
                    par[x] = y;
            }
    for (int i = N - 1; i >= 0; i--) {
        int r = uf_find(par, i);
        next[i] = head[r];
        head[r] = i;
    }
    rc = SIAGA_OK;
    for (int r = 0; r < b->nsite && rc == SIAGA_OK; r++) {
        if (uf_find(par, r) != r)
            continue;
        int ns = 0, nu = 0;
        for (int i = head[r]; i >= 0; i = next[i]) {
            if (i < b->nsite)
                site[ns++] = i;
            else
                unit[nu++] = i - b->nsite;
        }
        rc = solve_block(b, site, ns, unit, nu, row_of);
    }
done:
    free(par);
    free(head);
    free(next);
    free(site);
    free(unit);
    free(row_of);
    return rc;
}

/* Does unit u hold TPS t? */
static int covers(const struct scenario *s, int u, int t)
{
    return scenario_unit_covers(s, u, t);
}

/* Units of each scope region, so eligibility needs no scan of all units:
 * off[kind][r] .. off[kind][r+1] in list[kind], kinds any/kab/kec/desa/
 * polres (enum scope). */
#define NKIND 5
struct scope_index {
    int *off[NKIND], *list[NKIND];
};

static void scope_index_free(struct scope_index *x)
{
    for (int k = 0; k < NKIND; k++) {
        free(x->off[k]);
        free(x->list[k]);
    }
}

static int scope_index_build(const struct scenario *s, const int *keep,
                             struct scope_index *x)
{
    int nreg[NKIND] = {1, s->nkab, s->nkec, s->ndesa, s->npolres};
    memset(x, 0, sizeof *x);
    for (int k = 0; k < NKIND; k++) {
        x->off[k] = calloc((size_t)nreg[k] + 2, sizeof(int));
        x->list[k] = malloc(sizeof(int) * ((size_t)s->nunit + 1));
        if (x->off[k] == NULL || x->list[k] == NULL)
            return -1;
    }
    for (int u = 0; u < s->nunit; u++)
        if (keep[u]) {
            int k = (int)s->unit[u].scope, r = k == SCOPE_ANY ? 0 : s->unit[u].region;
            x->off[k][r + 1]++;
        }
    for (int k = 0; k < NKIND; k++)
        for (int r = 0; r < nreg[k]; r++)
            x->off[k][r + 1] += x->off[k][r];
    int *fill[NKIND];
    int rc = -1;
    memset(fill, 0, sizeof fill);
    for (int k = 0; k < NKIND; k++) {
        fill[k] = malloc(sizeof(int) * ((size_t)nreg[k] + 1));
        if (fill[k] == NULL)
            goto done;
        memcpy(fill[k], x->off[k], sizeof(int) * (size_t)nreg[k]);
    }
    for (int u = 0; u < s->nunit; u++)
        if (keep[u]) {
            int k = (int)s->unit[u].scope, r = k == SCOPE_ANY ? 0 : s->unit[u].region;
            x->list[k][fill[k][r]++] = u;
        }
    rc = 0;
done:
    for (int k = 0; k < NKIND; k++)
        free(fill[k]);
    return rc;
}

/* Append to eunit the real units of x that hold every TPS of tl[0..n),
 * then the virtual ones given; unit order within each part. */
static int push_eligible(const struct scenario *s, const struct scope_index *x,
                         const int *tl, int n, int *eunit, int e)
{
    const struct tps *tp = &s->tps[tl[0]];
    int regs[NKIND] = {0, tp->kabupaten, tp->kecamatan, tp->desa,
                       scenario_tps_polres(s, tl[0])};
    int start = e;
    for (int k = 0; k < NKIND; k++)
        for (int q = regs[k] < 0 ? 0 : x->off[k][regs[k]];
             regs[k] >= 0 && q < x->off[k][regs[k] + 1]; q++) {
            int u = x->list[k][q], ok = 1;
            for (int i = 1; i < n && ok; i++)
                ok = covers(s, u, tl[i]);
            if (ok)
                eunit[e++] = u;
        }
    /* unit index order, so the LP does not depend on the scope classes */
    for (int a = start + 1; a < e; a++) {
        int v = eunit[a], c = a - 1;
        while (c >= start && eunit[c] > v) {
            eunit[c + 1] = eunit[c];
            c--;
        }
        eunit[c + 1] = v;
    }
    return e;
}

static void bp_free(struct bp *b)
{
    free(b->places);
    free(b->tni_places);
    free(b->eoff);
    free(b->eunit);
    free(b->vforce);
    free(b->vscope);
    free(b->vregion);
    free(b->b);
    memset(b, 0, sizeof *b);
}

static int bp_alloc(struct bp *b, int nsite, size_t neu, int nvirt)
{
    b->nsite = nsite;
    b->nvirt = nvirt;
    b->places = calloc((size_t)nsite + 1, sizeof(int));
    b->tni_places = calloc((size_t)nsite + 1, sizeof(int));
    b->eoff = calloc((size_t)nsite + 1, sizeof(int));
    b->eunit = malloc(sizeof(int) * (neu + 1));
    b->vforce = calloc((size_t)nvirt + 1, sizeof *b->vforce);
    b->vscope = calloc((size_t)nvirt + 1, sizeof *b->vscope);
    b->vregion = calloc((size_t)nvirt + 1, sizeof(int));
    b->b = calloc((size_t)nvirt + 1, sizeof(long));
    return b->places && b->tni_places && b->eoff && b->eunit && b->vforce &&
           b->vscope && b->vregion && b->b ? 0 : -1;
}

/* The wide level of formations (top of this file): the Polres of
 * <jurisdictions> when the scenario has them (a kabupaten may be shared
 * by two Polres, formats 1.6), else the kabupaten. */
static enum scope wide_scope(const struct scenario *s)
{
    return s->npolres > 0 ? SCOPE_POLRES : SCOPE_KABUPATEN;
}

static int wide_count(const struct scenario *s)
{
    return s->npolres > 0 ? s->npolres : s->nkab;
}

static int wide_region(const struct scenario *s, int t)
{
    return s->npolres > 0 ? scenario_tps_polres(s, t) : s->tps[t].kabupaten;
}

/* Guards: sites are the posts; virtual Polri 2k and TNI 2k+1 of kecamatan
 * k at nreal + 2k, + 2k + 1; for a force in formations also Polri and TNI
 * of kabupaten j at nreal + 2 nkec + 2j, + 1 (the wide level, top of this
 * file). */
static int guard_problem(const struct scenario *s, const struct plan *p,
                         const int *supply, const int *tni,
                         const struct scope_index *x, struct bp *b)
{
    const int *fs = s->rules.bko_size;
    size_t neu = 0;
    int nany = x->off[0][1];
    for (int q = 0; q < p->npost; q++) {
        const struct tps *tp = &s->tps[p->post[q].tps[0]];
        neu += (size_t)nany + 4 +
               (size_t)(x->off[1][tp->kabupaten + 1] - x->off[1][tp->kabupaten]) +
               (size_t)(x->off[2][tp->kecamatan + 1] - x->off[2][tp->kecamatan]) +
               (size_t)(x->off[3][tp->desa + 1] - x->off[3][tp->desa]) +
               (size_t)x->off[4][s->npolres];
    }
    int nwide = wide_count(s);
    if (bp_alloc(b, p->npost, neu, 2 * s->nkec + 2 * nwide) != 0)
        return -1;
    b->nreal = s->nunit;
    b->supply = supply;
    b->is_tni = tni;
    b->fsize = fs;
    for (int k = 0; k < s->nkec; k++) {
        b->vforce[2 * k] = FORCE_POLRI;
        b->vforce[2 * k + 1] = FORCE_TNI;
        b->vscope[2 * k] = b->vscope[2 * k + 1] = SCOPE_KECAMATAN;
        b->vregion[2 * k] = b->vregion[2 * k + 1] = k;
    }
    for (int j = 0; j < nwide; j++) {
        int v = 2 * s->nkec + 2 * j;
        b->vforce[v] = FORCE_POLRI;
        b->vforce[v + 1] = FORCE_TNI;
        b->vscope[v] = b->vscope[v + 1] = wide_scope(s);
        b->vregion[v] = b->vregion[v + 1] = j;
    }
    int e = 0;
    for (int q = 0; q < p->npost; q++) {
        const struct post *po = &p->post[q];
        const struct grade_rule *gr = &s->rules.grade[po->grade];
        b->places[q] = po->required;
        b->tni_places[q] = po->required - gr->min_polri;
        if (b->tni_places[q] < 0)
            b->tni_places[q] = 0;
        b->eoff[q] = e;
        e = push_eligible(s, x, po->tps, po->ntps, b->eunit, e);
        b->eunit[e++] = s->nunit + 2 * po->kecamatan;
        b->eunit[e++] = s->nunit + 2 * po->kecamatan + 1;
        int wr = wide_region(s, po->tps[0]);
        for (int f = FORCE_POLRI; f <= FORCE_TNI; f++)
            if (fs[f] > 0 && wr >= 0)
                b->eunit[e++] = s->nunit + 2 * s->nkec + 2 * wr + f;
    }
    b->eoff[p->npost] = e;
    return 0;
}

/* Linmas: sites are the TPS; virtual Linmas of desa d at nreal + d; in
 * formations also of kabupaten j at nreal + ndesa + j. */
static int linmas_problem(const struct scenario *s, const int *supply,
                          const int *tni, const struct scope_index *x,
                          struct bp *b)
{
    bool wide = s->rules.bko_size[FORCE_LINMAS] > 0;
    size_t neu = 0;
    int nany = x->off[0][1];
    for (int t = 0; t < s->ntps; t++) {
        const struct tps *tp = &s->tps[t];
        neu += (size_t)nany + 2 +
               (size_t)(x->off[1][tp->kabupaten + 1] - x->off[1][tp->kabupaten]) +
               (size_t)(x->off[2][tp->kecamatan + 1] - x->off[2][tp->kecamatan]) +
               (size_t)(x->off[3][tp->desa + 1] - x->off[3][tp->desa]) +
               (size_t)x->off[4][s->npolres];
    }
    int nwide = wide_count(s);
    if (bp_alloc(b, s->ntps, neu, s->ndesa + nwide) != 0)
        return -1;
    b->nreal = s->nunit;
    b->supply = supply;
    b->is_tni = tni;
    b->fsize = s->rules.bko_size;
    for (int d = 0; d < s->ndesa; d++) {
        b->vforce[d] = FORCE_LINMAS;
        b->vscope[d] = SCOPE_DESA;
        b->vregion[d] = d;
    }
    for (int j = 0; j < nwide; j++) {
        b->vforce[s->ndesa + j] = FORCE_LINMAS;
        b->vscope[s->ndesa + j] = wide_scope(s);
        b->vregion[s->ndesa + j] = j;
    }
    int e = 0;
    for (int t = 0; t < s->ntps; t++) {
        b->places[t] = b->tni_places[t] = s->rules.linmas_per_tps;
        b->eoff[t] = e;
        e = push_eligible(s, x, &t, 1, b->eunit, e);
        b->eunit[e++] = s->nunit + s->tps[t].desa;
        if (wide && wide_region(s, t) >= 0)
            b->eunit[e++] = s->nunit + s->ndesa + wide_region(s, t);
    }
    b->eoff[s->ntps] = e;
    return 0;
}

static int cmp_row(const void *a, const void *b)
{
    const struct bko_row *x = a, *y = b;
    if (x->force != y->force)
        return x->force < y->force ? -1 : 1;
    return (x->region > y->region) - (x->region < y->region);
}

/*
 * The request of the plan's own empty places (the top of this file), into
 * b->b: guards per post (TNI where a TNI place is left, then Polri) to the
 * virtual unit of the post's kecamatan, or Linmas per TPS to its desa's.
 * 0, or -1 when out of memory.
 */
static int plan_request(const struct scenario *s, const struct plan *p,
                        bool linmas, struct bp *b)
{
    int nreg = linmas ? s->ndesa : s->nkec;
    int *vp = malloc(sizeof(int) * ((size_t)nreg + 1));
    int *vt = malloc(sizeof(int) * ((size_t)nreg + 1));
    int *have = linmas ? calloc((size_t)s->ntps + 1, sizeof(int)) : NULL;
    if (vp == NULL || vt == NULL || (linmas && have == NULL)) {
        free(vp);
        free(vt);
        free(have);
        return -1;
    }
    for (int r = 0; r < nreg; r++)
        vp[r] = vt[r] = -1;
    for (int v = 0; v < b->nvirt; v++) {
        b->b[v] = 0;
        if (b->vscope[v] == (linmas ? SCOPE_DESA : SCOPE_KECAMATAN) &&
            b->vregion[v] >= 0 && b->vregion[v] < nreg)
            (b->vforce[v] == FORCE_TNI ? vt : vp)[b->vregion[v]] = v;
    }
    if (!linmas) {
        for (int q = 0; q < p->npost; q++) {
            const struct post *po = &p->post[q];
            int empty = po->required - po->nguards, tni = 0;
            if (empty <= 0)
                continue;
            for (int k = 0; k < po->nguards; k++)
                tni += s->unit[s->member[p->guard[po->first_guard + k]].unit].force
                       == FORCE_TNI;
            int room = po->required - s->rules.grade[po->grade].min_polri - tni;
            int t = room < 0 ? 0 : room < empty ? room : empty;
            if (vt[po->kecamatan] < 0)
                t = 0;
            if (t > 0)
                b->b[vt[po->kecamatan]] += t;
            if (empty - t > 0 && vp[po->kecamatan] >= 0)
                b->b[vp[po->kecamatan]] += empty - t;
        }
    } else {
        for (int i = 0; i < p->nlinmas; i++)
            have[p->linmas[i].tps]++;
        for (int t = 0; t < s->ntps; t++) {
            int empty = s->rules.linmas_per_tps - have[t];
            if (empty > 0 && vp[s->tps[t].desa] >= 0)
                b->b[vp[s->tps[t].desa]] += empty;
        }
    }
    /* whole formations (formats 1.6): round each row up */
    for (int v = 0; v < b->nvirt; v++) {
        int size = vsize(b, b->nreal + v);
        if (size > 0 && b->b[v] % size != 0)
            b->b[v] += size - b->b[v] % size;
    }
    free(vp);
    free(vt);
    free(have);
    return 0;
}

static int collect(const struct bp *b, struct bko_request *out)
{
    for (int v = 0; v < b->nvirt; v++) {
        if (b->b[v] <= 0)
            continue;
        struct bko_row *r = realloc(out->row, sizeof *r * (size_t)(out->nrow + 1));
        if (r == NULL)
            return -1;
        out->row = r;
        int size = vsize(b, b->nreal + v);
        out->row[out->nrow++] = (struct bko_row){b->vforce[v], b->vscope[v],
                                                 b->vregion[v], b->b[v], size,
                                                 size > 0 ? b->b[v] / size : 0};
        out->formations += size > 0 ? b->b[v] / size : b->b[v];
        out->total[b->vforce[v]] += b->b[v];
        out->sum += b->b[v];
    }
    return 0;
}

int solver_bko(const struct scenario *s, const struct plan *p,
               struct bko_request *out, struct error_list *errs)
{
    return solver_bko_until(s, p, 0, out, errs);
}

int solver_bko_until(const struct scenario *s, const struct plan *p,
                     double deadline, struct bko_request *out,
                     struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    struct bp gb, lb;
    struct scope_index gx, lx;
    memset(&gb, 0, sizeof gb);
    memset(&lb, 0, sizeof lb);
    memset(&gx, 0, sizeof gx);
    memset(&lx, 0, sizeof lx);
    memset(out, 0, sizeof *out);
    size_t n = (size_t)s->nunit + 1;
    int *gsup = calloc(n, sizeof(int)), *lsup = calloc(n, sizeof(int));
    int *tni = calloc(n, sizeof(int)), *gkeep = calloc(n, sizeof(int));
    int *lkeep = calloc(n, sizeof(int));
    if (!gsup || !lsup || !tni || !gkeep || !lkeep)
        goto done;

    bool desa_guards = false;
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        bool guard = force_is_guard(un->force);
        gsup[u] = guard ? un->nmembers : 0;
        lsup[u] = guard ? 0 : un->nmembers;
        gkeep[u] = gsup[u] > 0;
        lkeep[u] = lsup[u] > 0;
        tni[u] = un->force == FORCE_TNI;
        desa_guards |= guard && un->scope == SCOPE_DESA && un->nmembers > 0;
    }
    out->proven = !desa_guards && p->status != PLAN_FEASIBLE;
    for (int f = 0; f < FORCE_COUNT; f++)
        out->sized |= s->rules.bko_size[f] > 0;

    long eg = 0;
    for (int g = 0; g < GRADE_COUNT; g++)
        eg += p->obj.empty_guard[g];
    if (eg > 0) {
        if (scope_index_build(s, gkeep, &gx) != 0 ||
            guard_problem(s, p, gsup, tni, &gx, &gb) != 0)
            goto done;
        gb.deadline = deadline;
        rc = bp_solve(&gb);
        out->limited |= gb.limited != 0;
        if (rc != SIAGA_OK)
            goto done;
        rc = SIAGA_ENOMEM;
        if (gb.limited && plan_request(s, p, false, &gb) != 0)
            goto done;
        if (collect(&gb, out) != 0)
            goto done;
    }
    if (p->obj.empty_linmas > 0) {
        if (scope_index_build(s, lkeep, &lx) != 0 ||
            linmas_problem(s, lsup, tni, &lx, &lb) != 0)
            goto done;
        lb.deadline = deadline;
        rc = bp_solve(&lb);
        out->limited |= lb.limited != 0;
        if (rc != SIAGA_OK)
            goto done;
        rc = SIAGA_ENOMEM;
        if (lb.limited && plan_request(s, p, true, &lb) != 0)
            goto done;
        if (collect(&lb, out) != 0)
            goto done;
    }
    if (out->nrow > 1)
        qsort(out->row, (size_t)out->nrow, sizeof *out->row, cmp_row);
    if (out->limited)
        out->proven = false;
    rc = out->limited ? SIAGA_ELIMIT : SIAGA_OK;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while computing the BKO "
                  "request");
    else if (rc == SIAGA_ESOLVER)
        error_add(errs, NULL, 0, "GLPK failed while computing the BKO "
                  "request");
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT) {
        bool keep = out->proven;
        bko_request_free(out);
        out->proven = keep;
    }
    bp_free(&gb);
    bp_free(&lb);
    scope_index_free(&gx);
    scope_index_free(&lx);
    free(gsup);
    free(lsup);
    free(tni);
    free(gkeep);
    free(lkeep);
    return rc;
}
