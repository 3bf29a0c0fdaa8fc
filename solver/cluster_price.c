/*
 * cluster_price.c - fewest posts of a component by the set-partitioning
 * LP: a bound by column generation, branch-and-price on anchors.
 *
 * Master LP.  A column j is a post: an anchor a and up to cap-1 TPS within
 * the radius of a.  min sum_j l_j subject to
 *   sum_{j holds t} l_j >= 1   for every TPS t (cover, dual pi_t >= 0),
 *   sum_{j anchored at a} l_j <= 1   for every TPS a (dual sigma_a <= 0),
 * l >= 0.  The anchor rows matter: without them one anchor could head two
 * columns (a star's centre with two pairs of leaves, c = 3, gives 2 where
 * 3 posts are needed; tests/test_posts_bound.c).  With them the value is
 * that of the set-partitioning LP: a TPS covered more than once is
 * covered at most once as an anchor, so it can be dropped from the
 * columns it is a member of (splitting a column where needed), and every
 * clustering is a 0/1 point of it.
 *
 * Pricing is exact and cheap: the largest dual weight of a column
 * anchored at a is pi_a + sigma_a plus the cap-1 largest positive pi
 * among the TPS that may join a (its neighbours that are not decided
 * anchors).
 *
 * The bound does not rest on GLPK's tolerances.  For any pi >= 0,
 * sigma <= 0 with w = the largest dual weight of any column (found by the
 * exact pricing), (pi, sigma) / max(w, 1) is feasible for the dual of the
 * full master, so (sum(pi) + sum(sigma)) / max(w, 1) bounds the LP, and
 * so the posts, from below (Farley;
 * at convergence w <= 1 and it is the LP value).  Posts are whole, so the
 * bound is rounded up, after taking a little off for floating point
 * (whole_bound): an LP of exactly k is never taken for more than k.
 *
 * Branching on anchors: y_a = the sum of the columns anchored at a.
 *   y_a = 1: a is an anchor; the columns holding a as a member are fixed
 *            at 0 (a's cover row then asks for a's own columns), and no
 *            new column takes a as a member;
 *   y_a = 0: a's columns are fixed at 0 and none is generated.
 * y_a <= 1 by its row.  It is complete: when every y_a is 0 or 1 the memberships x_at (the sum
 * of the columns of a holding t) are a fractional b-matching of the TPS
 * into the anchors (x_at <= y_a, sum_t x_at <= (cap-1) y_a, covered), and
 * b-matchings are integral, so a clustering with those anchors exists;
 * the rounding below finds it.
 *
 * Search: for T = the bound, bound + 1, ... below the incumbent, a
 * depth-first search for a clustering of at most T posts (y_a = 1 first,
 * on the largest fractional y_a: a dive), pruning each node whose bound
 * exceeds T.  A search that ends without one proves T + 1.  At every node
 * the anchors with y_a >= 1/2 are completed by augmenting paths
 * (cluster_complete): the LP guides the heuristic.
 *
 * Artificial columns (one per row, cost n + 1) keep every node's
 * restricted master feasible; they cannot weaken the bound, which is
 * computed from the duals over the real columns only.
 */
#include "solver/cluster_price.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "solver/cluster_int.h"
#include "solver/glpk_util.h"

/* A column enters when its dual weight exceeds 1 by this much. */
#define RC_EPS 1e-7
/* Slack for floating point when the bound is rounded up: sum(pi) and the
 * largest weight are sums of at most n and cap doubles, exact to ~1e-13
 * relative; the bound is taken 1e-9 relative and 1e-7 absolute lower, so
 * an LP whose value is a whole number k (a perfect packing: n / cap) is
 * never rounded up to k + 1.  Weaker, never wrong. */
#define BOUND_EPS 1e-7
#define BOUND_REL 1e-9
/* Most columns generated for one component before giving up. */
#define MAX_COLUMNS 400000
/* Pricing rounds after each fixing in the dive: 0, the dive works on the
 * columns already generated (a restricted-master dive; cheapest, and
 * measured best on the stress maps). */
#define DIVE_ROUNDS 0
/* Pricing rounds at a branch-and-price node below the root: the bound
 * from an unfinished node is still valid (Farley), only weaker, and the
 * branching still follows its LP. */
#define NODE_ROUNDS 25
/* Branch-and-price nodes a component may have: at most NODE_WORK / (n cap)
 * (a node's LP grows with both; a quarter of it when the root LP is a
 * whole number) and the caller's node_limit, at least 10.  On the stress
 * maps no component of 100+ TPS was proven by more nodes than this. */
#define NODE_WORK 25000
/* Most pricing rounds at one node (tailing off: then the node stops). */
#define MAX_ROUNDS 2000

enum { FREE = -1, NOT_ANCHOR = 0, ANCHOR = 1 };
enum { NODE_PRUNED, NODE_FOUND, NODE_OPEN, NODE_ABORT };

/* Most members of a column (tps_per_post - 1 at most; cluster_price_posts
 * refuses a larger cap). */
#define MEMBERS_MAX 31

/* A column that prices out, waiting to enter. */
struct entering {
    double w;               /* its dual weight, above 1 */
    int a, k, slot;         /* anchor, members, where they are in cmem */
};

/* Heaviest first, then by anchor: a total order, so columns enter the
 * same way every run. */
static int cmp_entering(const void *x, const void *y)
{
    const struct entering *p = x, *q = y;
    if (p->w != q->w)
        return p->w > q->w ? -1 : 1;
    return (p->a > q->a) - (p->a < q->a);
}

struct bp {
    const struct comp *c;
    glp_prob *P;
    int n, cap;
    /* the column pool: GLPK column n + 1 + j is pool column j */
    int ncol, capcol;
    int *anc, *off, *mem, *block;
    size_t nmem, capmem;
    uint64_t *hkey; int *hslot; int hcap;   /* open addressing: slot -> col+1 */
    /* node */
    signed char *state;
    double *pi, *sigma, *y;
    struct entering *cand;  /* columns priced this round, n at most */
    int *cmem;              /* their members, MEMBERS_MAX a column */
    struct sol trial;
    /* search */
    struct sol *best;
    long T, nodes, node_limit;
    double deadline;
    struct price_stats st;
    int bounds_changed;
};

static uint64_t col_hash(int a, const int *m, int k)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(unsigned)a;
    h *= 1099511628211ULL;
    for (int i = 0; i < k; i++) {
        h ^= (uint64_t)(unsigned)m[i] + 0x9E3779B97F4A7C15ULL;
        h *= 1099511628211ULL;
    }
    return h | 1;
}

static int col_equal(const struct bp *b, int j, int a, const int *m, int k)
{
    if (b->anc[j] != a || b->off[j + 1] - b->off[j] != k)
        return 0;
    return memcmp(b->mem + b->off[j], m, sizeof(int) * (size_t)k) == 0;
}

/* Slot of the column (a, m) in the hash: where it is, or the empty slot
 * where it would go. */
static int hash_find(const struct bp *b, uint64_t h, int a, const int *m, int k)
{
    int mask = b->hcap - 1, s = (int)(h & (uint64_t)mask);
    while (b->hslot[s] != 0) {
        int j = b->hslot[s] - 1;
        if (b->hkey[s] == h && col_equal(b, j, a, m, k))
            return s;
        s = (s + 1) & mask;
    }
    return s;
}

static int hash_grow(struct bp *b)
{
    int ncap = b->hcap ? 2 * b->hcap : 1024;
    uint64_t *nk = calloc((size_t)ncap, sizeof *nk);
    int *ns = calloc((size_t)ncap, sizeof *ns);
    if (nk == NULL || ns == NULL) {
        free(nk);
        free(ns);
        return -1;
    }
    uint64_t *ok = b->hkey;
    int *os = b->hslot, ocap = b->hcap;
    b->hkey = nk;
    b->hslot = ns;
    b->hcap = ncap;
    for (int s = 0; s < ocap; s++)
        if (os[s] != 0) {
            int j = os[s] - 1, k = b->off[j + 1] - b->off[j];
            int t = hash_find(b, ok[s], b->anc[j], b->mem + b->off[j], k);
            b->hkey[t] = ok[s];
            b->hslot[t] = os[s];
        }
    free(ok);
    free(os);
    return 0;
}

/* How many decisions of the node forbid column j. */
static int col_block(const struct bp *b, int a, const int *m, int k)
{
    int blk = b->state[a] == NOT_ANCHOR;
    for (int i = 0; i < k; i++)
        blk += b->state[m[i]] == ANCHOR;
    return blk;
}

static void col_bounds(struct bp *b, int j)
{
    if (b->block[j] > 0)
        glp_set_col_bnds(b->P, b->n + 1 + j, GLP_FX, 0.0, 0.0);
    else
        glp_set_col_bnds(b->P, b->n + 1 + j, GLP_LO, 0.0, 0.0);
}

/* Add column (a, m[0..k)), m sorted.  0 added, 1 there already, -1 out
 * of memory or over MAX_COLUMNS. */
static int col_add(struct bp *b, int a, const int *m, int k)
{
    if (2 * (b->ncol + 1) > b->hcap && hash_grow(b) != 0)
        return -1;
    uint64_t h = col_hash(a, m, k);
    int s = hash_find(b, h, a, m, k);
    if (b->hslot[s] != 0)
        return 1;
    if (b->ncol >= MAX_COLUMNS)
        return -1;
    if (b->ncol == b->capcol) {
        int nc = b->capcol ? 2 * b->capcol : 256;
        int *na = realloc(b->anc, sizeof(int) * (size_t)nc);
        if (na) b->anc = na;
        int *nb = realloc(b->block, sizeof(int) * (size_t)nc);
        if (nb) b->block = nb;
        int *no = realloc(b->off, sizeof(int) * ((size_t)nc + 1));
        if (no) b->off = no;
        if (!na || !nb || !no)
            return -1;
        b->capcol = nc;
    }
    if (b->nmem + (size_t)k > b->capmem || b->mem == NULL) {
        size_t nc = b->capmem ? 2 * b->capmem : 1024;
        while (nc < b->nmem + (size_t)k)
            nc *= 2;
        int *nm = realloc(b->mem, sizeof(int) * nc);
        if (nm == NULL)
            return -1;
        b->mem = nm;
        b->capmem = nc;
    }
    int j = b->ncol;
    b->anc[j] = a;
    b->off[j] = (int)b->nmem;
    if (k > 0)
        memcpy(b->mem + b->nmem, m, sizeof(int) * (size_t)k);
    b->nmem += (size_t)k;
    b->off[j + 1] = (int)b->nmem;
    b->block[j] = col_block(b, a, m, k);
    b->hkey[s] = h;
    b->hslot[s] = j + 1;
    b->ncol++;

    int ind[MEMBERS_MAX + 3];   /* 1-based: anchor, members, anchor row */
    double val[MEMBERS_MAX + 3];
    int q = 0;
    ind[++q] = a + 1;
    val[q] = 1.0;
    for (int i = 0; i < k; i++) {
        ind[++q] = m[i] + 1;
        val[q] = 1.0;
    }
    ind[++q] = b->n + a + 1;   /* a anchors at most one post */
    val[q] = 1.0;
    int gc = glp_add_cols(b->P, 1);
    glp_set_obj_coef(b->P, gc, 1.0);
    glp_set_mat_col(b->P, gc, q, ind, val);
    col_bounds(b, j);
    return 0;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* Decide anchor a (ANCHOR or NOT_ANCHOR), or undo it (FREE): the columns
 * it forbids are fixed at 0 or freed again. */
static void decide(struct bp *b, int a, int v)
{
    int old = b->state[a];
    int delta = v == FREE ? -1 : 1;
    int kind = v == FREE ? old : v;
    b->state[a] = (signed char)v;
    for (int j = 0; j < b->ncol; j++) {
        int hit = 0;
        if (kind == NOT_ANCHOR)
            hit = b->anc[j] == a;
        else
            for (int q = b->off[j]; q < b->off[j + 1] && !hit; q++)
                hit = b->mem[q] == a;
        if (!hit)
            continue;
        b->block[j] += delta;
        if ((delta > 0 && b->block[j] == 1) || (delta < 0 && b->block[j] == 0))
            col_bounds(b, j);
    }
    b->bounds_changed = 1;
}

/* The fewest posts a bound of lb proves. */
static long whole_bound(double lb)
{
    return (long)ceil(lb * (1.0 - BOUND_REL) - BOUND_EPS);
}

/* One simplex solve of the restricted master; 0, or a SIAGA status. */
static int lp_solve(struct bp *b)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = b->bounds_changed ? GLP_DUALP : GLP_PRIMAL;
    sp.tm_lim = solver_tm_lim(b->deadline);
    b->bounds_changed = 0;
    int ret = solver_simplex(b->P, &sp);
    if (ret == GLP_ETMLIM || solver_past(b->deadline))
        return SIAGA_ELIMIT;
    if (ret != 0 || glp_get_status(b->P) != GLP_OPT) {
        /* a lost basis: start again from a standard one */
        glp_std_basis(b->P);
        sp.meth = GLP_PRIMAL;
        ret = solver_simplex(b->P, &sp);
        if (ret == GLP_ETMLIM)
            return SIAGA_ELIMIT;
        if (ret != 0 || glp_get_status(b->P) != GLP_OPT)
            return SIAGA_ESOLVER;
    }
    return 0;
}

/* The largest dual weight of a column anchored at a; its members into m
 * (sorted), their number into *k. */
static double price_anchor(const struct bp *b, int a, int *m, int *k)
{
    const struct comp *c = b->c;
    double top[MEMBERS_MAX];
    int who[MEMBERS_MAX], nt = 0, want = b->cap - 1;
    for (int q = c->off[a]; q < c->off[a + 1]; q++) {
        int t = c->adj[q];
        double v = b->pi[t];
        if (v <= 0 || b->state[t] == ANCHOR)
            continue;
        if (nt == want && v <= top[nt - 1])
            continue;
        int i = nt < want ? nt++ : nt - 1;
        while (i > 0 && top[i - 1] < v) {
            top[i] = top[i - 1];
            who[i] = who[i - 1];
            i--;
        }
        top[i] = v;
        who[i] = t;
    }
    double w = b->pi[a] + b->sigma[a];
    for (int i = 0; i < nt; i++) {
        w += top[i];
        m[i] = who[i];
    }
    *k = nt;
    qsort(m, (size_t)nt, sizeof *m, cmp_int);
    return w;
}

/* y_a = the sum of the columns anchored at a in the LP solution. */
static void anchor_values(struct bp *b)
{
    for (int i = 0; i < b->n; i++)
        b->y[i] = 0;
    for (int j = 0; j < b->ncol; j++) {
        double v = glp_get_col_prim(b->P, b->n + 1 + j);
        if (v > 1e-9)
            b->y[b->anc[j]] += v;
    }
}

/* Try the anchors with y_a >= threshold (and the node's anchors) as a
 * clustering; keep it when it beats the incumbent. */
static int round_anchors(struct bp *b, double threshold)
{
    int n = b->n;
    for (int i = 0; i < n; i++)
        b->trial.anchor[i] = (b->state[i] == ANCHOR || b->y[i] >= threshold) ? i : -1;
    int rc = cluster_complete(b->c, &b->trial, b->T);
    if (rc != SIAGA_OK)
        return rc;
    if (b->trial.posts < b->best->posts) {
        memcpy(b->best->anchor, b->trial.anchor, sizeof(int) * (size_t)n);
        b->best->posts = b->trial.posts;
    }
    return SIAGA_OK;
}

/*
 * Solve the node's master by column generation.  *lb gets the node's
 * bound.  Returns NODE_PRUNED (bound above T), NODE_OPEN (LP solved),
 * NODE_ABORT (deadline, or a round limit: *lb is still valid) or a
 * negative SIAGA status.
 */
static int node_lp(struct bp *b, double *lb, int max_rounds)
{
    int n = b->n;
    int k;
    *lb = 0;
    for (int round = 0;; round++) {
        if (round >= MAX_ROUNDS)
            return NODE_ABORT;
        int rc = lp_solve(b);
        if (rc == 0 && round == max_rounds)
            return NODE_OPEN;   /* a dive's partial pricing */
        if (rc == SIAGA_ELIMIT)
            return NODE_ABORT;
        if (rc != 0)
            return -rc;
        double sum = 0, wmax = 0;
        for (int t = 0; t < n; t++) {
            double d = glp_get_row_dual(b->P, t + 1);
            b->pi[t] = d > 0 ? d : 0;
            sum += b->pi[t];
            d = glp_get_row_dual(b->P, n + t + 1);
            b->sigma[t] = d < 0 ? d : 0;
            sum += b->sigma[t];
        }
        int added = 0, ncand = 0;
        for (int a = 0; a < n; a++) {
            if (b->state[a] == NOT_ANCHOR)
                continue;
            int *cm = b->cmem + (size_t)ncand * MEMBERS_MAX;
            double w = price_anchor(b, a, cm, &k);
            if (w > wmax)
                wmax = w;
            if (w > 1.0 + RC_EPS) {
                b->cand[ncand] = (struct entering){w, a, k, ncand};
                ncand++;
            }
        }
        /* every column that prices out enters, the most violated first */
        qsort(b->cand, (size_t)ncand, sizeof *b->cand, cmp_entering);
        for (int q = 0; q < ncand; q++) {
            const struct entering *e = &b->cand[q];
            int r = col_add(b, e->a, b->cmem + (size_t)e->slot * MEMBERS_MAX, e->k);
            if (r < 0)
                return b->ncol >= MAX_COLUMNS ? NODE_ABORT : -SIAGA_ENOMEM;
            added += r == 0;
        }
        double farley = sum / (wmax > 1.0 ? wmax : 1.0);
        if (farley > *lb)
            *lb = farley;
        if (whole_bound(*lb) > b->T)
            return NODE_PRUNED;
        if (added == 0) {
            if (wmax > 1.0 + RC_EPS)
                return NODE_ABORT;   /* priced columns were all there: GLPK's tolerance */
            return NODE_OPEN;
        }
    }
}

/*
 * A dive at the root: fix at 1 every column the LP takes whole and the
 * largest fractional one, solve again by column generation, until the LP
 * solution is whole (its columns then cover every TPS: their anchors are
 * completed into a clustering) or the bound passes T.  The columns are
 * freed again at the end.  A heuristic: it proves nothing.
 */
static int dive(struct bp *b)
{
    int n = b->n, nf = 0, result = NODE_PRUNED;
    int *fixed = malloc(sizeof(int) * (size_t)(n + 1));
    if (fixed == NULL)
        return -SIAGA_ENOMEM;
    for (int step = 0; nf < n; step++) {
        double lb;
        int r = node_lp(b, &lb, DIVE_ROUNDS);
        if (r != NODE_OPEN) {
            result = r == NODE_PRUNED ? NODE_PRUNED : r;
            break;
        }
        if (step > 0) {
            anchor_values(b);
            int rc = round_anchors(b, 0.5);
            if (rc != SIAGA_OK) {
                result = -rc;
                break;
            }
            if (b->best->posts <= b->T) {
                result = NODE_FOUND;
                break;
            }
        }
        int frac = -1, fixed_now = 0;
        double fv = 0;
        for (int j = 0; j < b->ncol && nf < n; j++) {
            double v = glp_get_col_prim(b->P, n + 1 + j);
            double lo = glp_get_col_lb(b->P, n + 1 + j);
            if (lo > 0.5)
                continue;
            if (v >= 0.999) {
                glp_set_col_bnds(b->P, n + 1 + j, GLP_LO, 1.0, 0.0);
                fixed[nf++] = j;
                fixed_now++;
            } else if (v > 1e-6 && v > fv) {
                fv = v;
                frac = j;
            }
        }
        if (frac < 0) {
            /* whole: the fixed columns (and any others at 1) cover all */
            for (int i = 0; i < n; i++)
                b->y[i] = 0;
            for (int j = 0; j < b->ncol; j++)
                if (glp_get_col_prim(b->P, n + 1 + j) >= 0.5)
                    b->y[b->anc[j]] = 1;
            int rc = round_anchors(b, 0.5);
            if (rc != SIAGA_OK) {
                result = -rc;
                break;
            }
            result = b->best->posts <= b->T ? NODE_FOUND : NODE_PRUNED;
            break;
        }
        if (nf < n) {
            glp_set_col_bnds(b->P, n + 1 + frac, GLP_LO, 1.0, 0.0);
            fixed[nf++] = frac;
        }
        b->bounds_changed = 1;
    }
    for (int i = 0; i < nf; i++)
        col_bounds(b, fixed[i]);
    b->bounds_changed = 1;
    free(fixed);
    return result;
}

/* Depth-first search for a clustering of at most b->T posts. */
static int node_search(struct bp *b, int depth)
{
    int n = b->n;
    if (b->node_limit > 0 && b->nodes >= b->node_limit)
        return NODE_ABORT;
    if (solver_past(b->deadline))
        return NODE_ABORT;
    b->nodes++;
    b->st.nodes++;
    double lb;
    int r = node_lp(b, &lb, depth == 0 ? -1 : NODE_ROUNDS);
    if (depth == 0 && b->st.root_lp < lb)
        b->st.root_lp = lb;
    if (r != NODE_OPEN)
        return r;
    /* y_a, and the LP-guided rounding */
    anchor_values(b);
    int rc = round_anchors(b, 0.5);
    if (rc != SIAGA_OK)
        return -rc;
    if (b->best->posts <= b->T)
        return NODE_FOUND;
    rc = round_anchors(b, 0.999);
    if (rc != SIAGA_OK)
        return -rc;
    if (b->best->posts <= b->T)
        return NODE_FOUND;
    /* branch on the free anchor with the largest fractional y */
    int a = -1;
    for (int i = 0; i < n; i++) {
        if (b->state[i] != FREE || b->y[i] <= 1e-6 || b->y[i] >= 1 - 1e-6)
            continue;
        if (a < 0 || b->y[i] > b->y[a])
            a = i;
    }
    if (a < 0)
        return NODE_ABORT;   /* integral but not completed: not expected */
    for (int v = ANCHOR; v >= NOT_ANCHOR; v--) {
        decide(b, a, v);
        r = node_search(b, depth + 1);
        decide(b, a, FREE);
        if (r != NODE_PRUNED)
            return r;
    }
    return NODE_PRUNED;
}

static int price_run(struct bp *b, long *bound)
{
    const struct comp *c = b->c;
    int n = b->n;
    int rc = SIAGA_ENOMEM;
    b->P = glp_create_prob();
    glp_set_obj_dir(b->P, GLP_MIN);
    glp_add_rows(b->P, 2 * n);
    glp_add_cols(b->P, n);
    for (int a = 0; a < n; a++)
        glp_set_row_bnds(b->P, n + a + 1, GLP_UP, 0.0, 1.0);
    for (int t = 0; t < n; t++) {
        int ind[2] = {0, t + 1};
        double val[2] = {0, 1.0};
        glp_set_row_bnds(b->P, t + 1, GLP_LO, 1.0, 0.0);
        glp_set_col_bnds(b->P, t + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(b->P, t + 1, (double)n + 1.0);
        glp_set_mat_col(b->P, t + 1, 1, ind, val);
    }
    /* the incumbent's posts */
    for (int a = 0; a < n; a++) {
        if (b->best->anchor[a] != a)
            continue;
        int m[MEMBERS_MAX], k = 0;
        for (int q = c->off[a]; q < c->off[a + 1]; q++)
            if (b->best->anchor[c->adj[q]] == a)
                m[k++] = c->adj[q];
        if (col_add(b, a, m, k) < 0)
            goto done;
    }
    b->bounds_changed = 1;
    int root_done = 0;   /* the root's LP, then destroy and repair, once */
    for (long T = *bound; T < b->best->posts; T++) {
        b->T = T;
        if (!root_done) {
            double lb;
            int r0 = node_lp(b, &lb, -1);
            root_done = 1;
            b->st.root_lp = lb;
            if (r0 == NODE_PRUNED) {
                *bound = T + 1;
                continue;
            }
            if (r0 < 0) {
                rc = -r0;
                goto done;
            }
            /* the LP leaves a gap: destroy and repair first (no GLPK) */
            rc = cluster_lns(c, b->best, T, CLUSTER_LNS_STALE,
                             0x2545F4914F6CDD1DULL ^ c->seed, b->deadline);
            if (rc != SIAGA_OK)
                goto done;
            rc = SIAGA_ENOMEM;
            if (b->best->posts <= T)
                break;
            /* nodes cost more on larger components; at a root LP of
             * exactly T (a perfect packing, n = T cap) branching rarely
             * raises the bound on a large component, so it gets a quarter
             * (it still can: tests/test_posts_bound.c, hub and triangles) */
            long cap_nodes = NODE_WORK / ((long)b->n * b->cap);
            if (lb >= (double)T - 1e-6)
                cap_nodes /= 4;
            if (cap_nodes < 10)
                cap_nodes = 10;
            if (b->node_limit == 0 || b->node_limit > cap_nodes)
                b->node_limit = cap_nodes;
        }
        int r = dive(b);
        if (r == NODE_FOUND) {
            rc = SIAGA_OK;
            goto done;
        }
        if (r < 0) {
            rc = -r;
            goto done;
        }
        r = node_search(b, 0);
        if (r == NODE_FOUND) {
            rc = SIAGA_OK;   /* T was proven: the clustering is optimal */
            goto done;
        }
        if (r == NODE_PRUNED) {
            *bound = T + 1;  /* no clustering of T posts */
            continue;
        }
        rc = r == NODE_ABORT ? SIAGA_ELIMIT : -r;
        goto done;
    }
    rc = SIAGA_OK;
done:
    if (b->best->posts <= *bound)
        *bound = b->best->posts, rc = SIAGA_OK;
    return rc;
}

int cluster_price_posts(const struct comp *c, struct sol *so, long *bound,
                        double deadline, long node_limit,
                        struct price_stats *stats)
{
    struct bp *b = calloc(1, sizeof *b);
    int rc = SIAGA_ENOMEM;
    struct glpk_guard g;
    if (b == NULL)
        return SIAGA_ENOMEM;
    b->c = c;
    b->n = c->n;
    b->cap = c->cap;
    b->best = so;
    b->deadline = deadline;
    b->node_limit = node_limit;
    b->state = malloc((size_t)c->n);
    b->pi = calloc((size_t)c->n, sizeof(double));
    b->sigma = calloc((size_t)c->n, sizeof(double));
    b->y = calloc((size_t)c->n, sizeof(double));
    b->trial.anchor = malloc(sizeof(int) * (size_t)c->n);
    b->cand = malloc(sizeof *b->cand * (size_t)c->n);
    b->cmem = malloc(sizeof(int) * MEMBERS_MAX * (size_t)c->n);
    if (b->state == NULL || b->pi == NULL || !b->sigma || b->y == NULL || !b->cand ||
        !b->cmem || b->trial.anchor == NULL || c->cap - 1 > MEMBERS_MAX)
        goto done;
    memset(b->state, FREE, (size_t)c->n);
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        b->P = NULL;
        rc = SIAGA_ESOLVER;
        goto done;
    }
    rc = price_run(b, bound);
    glp_delete_prob(b->P);
    b->P = NULL;
    glpk_guard_end(&g);
done:
    if (stats != NULL)
        *stats = b->st;
    free(b->anc);
    free(b->off);
    free(b->mem);
    free(b->block);
    free(b->hkey);
    free(b->hslot);
    free(b->state);
    free(b->pi);
    free(b->sigma);
    free(b->y);
    free(b->cand);
    free(b->cmem);
    free(b->trial.anchor);
    free(b);
    return rc;
}
