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
 * at convergence w <= 1 and it is the LP value).  So does the Lagrangian
 * bound sum(pi) - sum_a max(0, w_a - 1), w_a the largest weight of a
 * column anchored at a without sigma_a (sigma_a re-chosen for each anchor
 * as min(0, 1 - w_a): dual feasible again); it is often the stronger
 * before convergence.  Posts are whole, so the
 * bound is rounded up, after taking a little off for floating point
 * (whole_bound): an LP of exactly k is never taken for more than k.
 *
 * Capacity cuts (cluster_cuts.h) strengthen the master where it is weak:
 * on a blob of 40 TPS and cap 16 it takes 2.5 posts where 3 are needed.
 * Cut q on a set S_q: sum_{j holds a TPS of S_q} l_j >= rhs_q (dual
 * mu_q >= 0); true of every cover, so of every node's clusterings.  A
 * column's dual weight is then pi(column) + sigma_a + the mu of every cut
 * it holds a TPS of; pricing stays exact (price_anchor: a small
 * branch and bound over the TPS of the cuts that pay), and Farley's
 * bound becomes (sum(pi) + sum(sigma) + sum(mu rhs)) / max(w, 1), w the
 * largest weight or an upper bound on it.  Each cut row also counts the
 * artificial columns of its TPS (a post of one TPS), so that every node's
 * master stays feasible whatever columns it has.  Cuts are found where
 * column generation has converged, at the root and at each node.
 *
 * Branching on pairs first (Ryan and Foster 1981): f_st = the sum of the
 * columns holding both s and t (as anchor or member).  Where some f_st is
 * fractional, the one nearest 1/2 is branched on:
 *   TOGETHER: every column holding one of s, t holds both;
 *   APART:    no column holds both.
 * Columns that break a node's pairs are fixed at 0, and pricing generates
 * none (price_column: the pairs that hold the anchor or have one TPS out
 * of its reach become bans and forced members; the others are kept by a
 * small branch and bound over the pricing).  A pair decision leaves every
 * anchor free, so one branch does not have to refute each of the many
 * interchangeable anchors of a dense blob in turn; on the 27 unproven
 * components of the stress maps it closed 3 that anchor branching left
 * open, with the same node budget (bench/RESULTS.md, session 9).
 *
 * Branching on anchors, where every f_st is whole: y_a = the sum of the
 * columns anchored at a.
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
 * depth-first search for a clustering of at most T posts (TOGETHER before
 * APART, y_a = 1 before 0), pruning each node whose bound
 * exceeds T.  A search that ends without one proves T + 1.  At every node
 * the anchors with y_a >= 1/2 are completed by augmenting paths
 * (cluster_complete): the LP guides the heuristic.
 *
 * Artificial columns (one per row, cost n + 1) keep every node's
 * restricted master feasible; they cannot weaken the bound, which is
 * computed from the duals over the real columns only.
 *
 * The pool and the LP: every column generated stays in the pool (a hash
 * finds it again), but only some are in GLPK's LP.  A simplex iteration
 * costs about the LP's number of columns, so lp_trim takes the nonbasic
 * columns of largest reduced cost out of it when it grows past a few per
 * TPS, and pricing puts one back when it pays again; the dive, which
 * prices nothing, first takes back those of small reduced cost.
 */
#include "solver/cluster_price.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "solver/cluster_cuts.h"
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
/* Columns of the LP (not the pool) after lp_trim, and before it.  The
 * tests build this file again with tiny values (mk/price_tight.mk), so
 * that the small hand-worked cases go through every path. */
#ifndef LP_KEEP_MIN
#define LP_KEEP_MIN 1000
#endif
#ifndef LP_KEEP_PER_TPS
#define LP_KEEP_PER_TPS 2
#endif
#define LP_KEEP(n) (LP_KEEP_PER_TPS * (n) > LP_KEEP_MIN ? LP_KEEP_PER_TPS * (n) : LP_KEEP_MIN)
#define LP_TRIM_AT(n) (2 * LP_KEEP(n))
/* The dive takes back into the LP the pool's columns of at most this
 * reduced cost, LP_KEEP(n) of them at most, the cheapest first
 * (lp_restore).  Without them the dive of a trimmed LP found fewer
 * clusterings (dense 10 4, kecamatan 320122: 31 posts, not 30); with all
 * of them it was slow again (dense 5 7, kecamatan 320101: 33 s). */
#define DIVE_RC_MAX 0.1
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
/* Capacity cuts (cluster_cuts.h): one enters when the LP breaks it by
 * this much; at most CUTS_ROUND a round, CUT_ROUNDS_ROOT rounds at the
 * root and CUT_ROUNDS_NODE at a node below it, CUTS_MAX in all for a
 * component, each on at most CAP_SET_MAX TPS. */
#define CUT_VIOLATION 0.02
#define CUTS_ROUND(n) ((n) / 4 > 20 ? (n) / 4 : 20)
#define CUT_ROUNDS_ROOT 40
#define CUT_ROUNDS_NODE 3
#define CUTS_MAX(n) (2 * (n) > 200 ? 2 * (n) : 200)
#define CAP_SET_MAX(cap) (6 * (cap) > 60 ? 6 * (cap) : 60)
/* Branch-and-bound nodes of one anchor's pricing under cuts before the
 * rest is bounded, not explored (the bound then stays valid, Farley's
 * divisor only larger). */
#ifndef PRICE_NODES
#define PRICE_NODES 4000
#endif
/* The same, once more, for the anchors left open when nothing else
 * entered the LP (node_lp): the bound then rests on them. */
#define PRICE_NODES_DEEP (25 * PRICE_NODES)

enum { FREE = -1, NOT_ANCHOR = 0, ANCHOR = 1 };
enum { TOGETHER, APART };
enum { P_FREE = 0, P_BAN = 1, P_FORCE = 2 };

struct pair {
    int s, t, kind;
};

/* A weight no column can have: an anchor without any column allowed. */
#define NO_COLUMN (-1e30)
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
    /* the column pool; pool column j is GLPK column gcol[j], or out of
     * the LP (0: dropped by lp_trim, priced back in when it pays) */
    int ncol, capcol;
    int *anc, *off, *mem, *block, *gcol;
    int *lpcol, nlp;        /* the pool columns in the LP, in GLPK's order */
    size_t nmem, capmem;
    uint64_t *hkey; int *hslot; int hcap;   /* open addressing: slot -> col+1 */
    /* node */
    signed char *state;
    double *pi, *sigma, *y;
    double *wub;            /* each anchor's heaviest column (bound) */
    struct entering *cand;  /* columns priced this round, n at most */
    int *cmem;              /* their members, MEMBERS_MAX a column */
    struct sol trial;
    /* search */
    struct sol *best;
    long T, nodes, node_limit;
    double deadline;
    struct price_stats st;
    int bounds_changed;
    /* capacity cuts (cluster_cuts.h): GLPK row 2n + 1 + q is cut q */
    struct cut_list cuts;
    int cut_rounds, cut_rounds_max;
    double *mu;             /* their duals, >= 0 */
    int capmu;
    int **acut, *acut_n, *acut_cap;   /* cuts with a TPS in a's reach */
    int **tcut, *tcut_n, *tcut_cap;   /* cuts holding TPS t */
    int *ind;               /* a column's row indices: MEMBERS_MAX + 3 + cuts */
    double *val;
    int nind;               /* their room */
    int *kpos;              /* pricing: place of a TPS among the cut TPS, -1 */
    int *kbuf;              /* pricing under cuts (kbuf_reserve) */
    double *kdbl;
    size_t kbuf_n, kdbl_n;
    int *mark;              /* stamps, for the anchors a cut reaches */
    double *x;              /* the columns' values, for the separation */
    int capx;
    /* pair decisions of the node (branching on pairs): s and t in the
     * same post (TOGETHER) or not (APART) */
    struct pair *pair;
    int npair, cappair;
    signed char *pmark;     /* pricing one anchor: 0, P_BAN or P_FORCE */
    int *forced, nforced;   /* the members a column of it must hold */
    int *rel;               /* the pairs that bear on it */
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

/* t is in v[lo..hi), sorted. */
static int sorted_has(const int *v, int lo, int hi, int t)
{
    int end = hi;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < end && v[lo] == t;
}

/* t is in cut q (its TPS are sorted). */
static int in_cut(const struct bp *b, int q, int t)
{
    return sorted_has(b->cuts.tps, b->cuts.off[q], b->cuts.off[q + 1], t);
}

/* Cut q holds a or one of the members forced on a's column. */
static int in_cut_col(const struct bp *b, int q, int a)
{
    if (in_cut(b, q, a))
        return 1;
    for (int i = 0; i < b->nforced; i++)
        if (in_cut(b, q, b->forced[i]))
            return 1;
    return 0;
}

/* The column (a, m[0..k)) holds a TPS of cut q. */
static int cut_counts(const struct bp *b, int q, int a, const int *m, int k)
{
    if (in_cut(b, q, a))
        return 1;
    for (int i = 0; i < k; i++)
        if (in_cut(b, q, m[i]))
            return 1;
    return 0;
}

/* t is a or a neighbour of a (adjacency is sorted). */
static int in_reach(const struct comp *c, int a, int t)
{
    return t == a || sorted_has(c->adj, c->off[a], c->off[a + 1], t);
}

static int ivec_push(int **v, int *n, int *cap, int x)
{
    if (*n == *cap) {
        int nc = *cap ? 2 * *cap : 4;
        int *nv = realloc(*v, sizeof(int) * (size_t)nc);
        if (nv == NULL)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = x;
    return 0;
}

/* The column (a, m[0..k)), m sorted, holds t. */
static int col_holds(int a, const int *m, int k, int t)
{
    return t == a || sorted_has(m, 0, k, t);
}

/* The column (a, m[0..k)) breaks the pair decision p. */
static int pair_breaks(const struct pair *p, int a, const int *m, int k)
{
    int hs = col_holds(a, m, k, p->s), ht = col_holds(a, m, k, p->t);
    return p->kind == APART ? hs && ht : hs != ht;
}

/* How many decisions of the node forbid column (a, m[0..k)). */
static int col_block(const struct bp *b, int a, const int *m, int k)
{
    int blk = b->state[a] == NOT_ANCHOR;
    for (int i = 0; i < k; i++)
        blk += b->state[m[i]] == ANCHOR;
    for (int i = 0; i < b->npair; i++)
        blk += pair_breaks(&b->pair[i], a, m, k);
    return blk;
}

static void col_bounds(struct bp *b, int j)
{
    if (b->gcol[j] == 0)
        return;
    if (b->block[j] > 0)
        glp_set_col_bnds(b->P, b->gcol[j], GLP_FX, 0.0, 0.0);
    else
        glp_set_col_bnds(b->P, b->gcol[j], GLP_LO, 0.0, 0.0);
}

/* The value of pool column j in the LP solution. */
static double col_prim(const struct bp *b, int j)
{
    return b->gcol[j] ? glp_get_col_prim(b->P, b->gcol[j]) : 0.0;
}

/* Put pool column j into the LP: its rows (cover, anchor, the cuts it
 * counts in) and bounds. */
static void lp_insert(struct bp *b, int j)
{
    int a = b->anc[j], k = b->off[j + 1] - b->off[j];
    const int *m = b->mem + b->off[j];
    int *ind = b->ind;          /* 1-based: anchor, members, anchor row, cuts */
    double *val = b->val;
    int q = 0;
    ind[++q] = a + 1;
    val[q] = 1.0;
    for (int i = 0; i < k; i++) {
        ind[++q] = m[i] + 1;
        val[q] = 1.0;
    }
    ind[++q] = b->n + a + 1;   /* a anchors at most one post */
    val[q] = 1.0;
    for (int i = 0; i < b->acut_n[a]; i++) {
        int cq = b->acut[a][i];
        if (cut_counts(b, cq, a, m, k)) {
            ind[++q] = 2 * b->n + cq + 1;
            val[q] = 1.0;
        }
    }
    int gc = glp_add_cols(b->P, 1);
    glp_set_obj_coef(b->P, gc, 1.0);
    glp_set_mat_col(b->P, gc, q, ind, val);
    b->gcol[j] = gc;
    b->lpcol[b->nlp++] = j;
    col_bounds(b, j);
}

/* Add column (a, m[0..k)), m sorted, to the pool and the LP.  0 added
 * (or put back into the LP), 1 in the LP already, -1 out of memory or
 * over MAX_COLUMNS. */
static int col_add(struct bp *b, int a, const int *m, int k)
{
    if (2 * (b->ncol + 1) > b->hcap && hash_grow(b) != 0)
        return -1;
    uint64_t h = col_hash(a, m, k);
    int s = hash_find(b, h, a, m, k);
    if (b->hslot[s] != 0) {
        int j = b->hslot[s] - 1;
        if (b->gcol[j] != 0)
            return 1;
        lp_insert(b, j);
        return 0;
    }
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
        int *ng = realloc(b->gcol, sizeof(int) * (size_t)nc);
        if (ng) b->gcol = ng;
        int *nl = realloc(b->lpcol, sizeof(int) * (size_t)nc);
        if (nl) b->lpcol = nl;
        if (!na || !nb || !no || !ng || !nl)
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
    b->gcol[j] = 0;
    b->ncol++;
    lp_insert(b, j);
    return 0;
}

/* One more (delta 1) or one fewer (-1) decision forbids pool column j:
 * its bounds change when the count leaves or reaches 0. */
static void col_block_add(struct bp *b, int j, int delta)
{
    b->block[j] += delta;
    if ((delta > 0 && b->block[j] == 1) || (delta < 0 && b->block[j] == 0))
        col_bounds(b, j);
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
        if (hit)
            col_block_add(b, j, delta);
    }
    b->bounds_changed = 1;
}

/* Push the pair decision (s, t, kind), or pop the last one (on = 0): the
 * columns it forbids are fixed at 0 or freed again.  0 or -1 (memory). */
static int decide_pair(struct bp *b, int s, int t, int kind, int on)
{
    struct pair p = {s, t, kind};
    if (on) {
        if (b->npair == b->cappair) {
            int nc = b->cappair ? 2 * b->cappair : 16;
            struct pair *np = realloc(b->pair, sizeof *np * (size_t)nc);
            if (np == NULL)
                return -1;
            b->pair = np;
            int *nr = realloc(b->rel, sizeof(int) * (size_t)nc);
            if (nr == NULL)
                return -1;
            b->rel = nr;
            b->cappair = nc;
        }
        b->pair[b->npair++] = p;
    } else {
        p = b->pair[--b->npair];
    }
    int delta = on ? 1 : -1;
    for (int j = 0; j < b->ncol; j++)
        if (pair_breaks(&p, b->anc[j], b->mem + b->off[j], b->off[j + 1] - b->off[j]))
            col_block_add(b, j, delta);
    b->bounds_changed = 1;
    return 0;
}

/* Add the cuts of l: their rows, the anchors they reach, their
 * coefficients in the columns already in the pool.  0 or -1 (memory). */
static int cuts_add(struct bp *b, const struct cut_list *l)
{
    const struct comp *c = b->c;
    int n = b->n, first = b->cuts.n, k = l->n;
    if (b->cuts.n + k > b->capmu) {
        int nc = b->capmu ? 2 * b->capmu : 64;
        while (nc < b->cuts.n + k)
            nc *= 2;
        double *nmu = realloc(b->mu, sizeof(double) * (size_t)nc);
        if (nmu == NULL)
            return -1;
        b->mu = nmu;
        b->capmu = nc;
    }
    for (int i = 0; i < l->n; i++) {
        const int *S = l->tps + l->off[i];
        int ns = l->off[i + 1] - l->off[i];
        if (cut_list_push(&b->cuts, S, ns, l->rhs[i], l->lhs[i]) != 0)
            return -1;
        int q = b->cuts.n - 1;
        b->mu[q] = 0;
        for (int s = 0; s < ns; s++)
            if (ivec_push(&b->tcut[S[s]], &b->tcut_n[S[s]], &b->tcut_cap[S[s]], q) != 0)
                return -1;
        /* the anchors with a TPS of S in reach: S and its neighbours */
        for (int s = 0; s < ns; s++) {
            int u = S[s];
            for (int e = c->off[u] - 1; e < c->off[u + 1]; e++) {
                int a = e < c->off[u] ? u : c->adj[e];
                if (b->mark[a])
                    continue;
                b->mark[a] = 1;
                if (ivec_push(&b->acut[a], &b->acut_n[a], &b->acut_cap[a], q) != 0)
                    return -1;
                if (MEMBERS_MAX + 3 + b->acut_n[a] + 1 > b->nind) {
                    int ni = 2 * b->nind;
                    int *nind = realloc(b->ind, sizeof(int) * (size_t)ni);
                    if (nind)
                        b->ind = nind;
                    double *nval = realloc(b->val, sizeof(double) * (size_t)ni);
                    if (nval)
                        b->val = nval;
                    if (!nind || !nval)
                        return -1;
                    b->nind = ni;
                }
            }
        }
        for (int s = 0; s < ns; s++) {
            int u = S[s];
            for (int e = c->off[u] - 1; e < c->off[u + 1]; e++)
                b->mark[e < c->off[u] ? u : c->adj[e]] = 0;
        }
    }
    glp_add_rows(b->P, k);
    for (int q = first; q < b->cuts.n; q++)
        glp_set_row_bnds(b->P, 2 * n + q + 1, GLP_LO, b->cuts.rhs[q], 0.0);
    /* the pool's coefficients: count, then fill, a row at a time */
    int *len = calloc((size_t)k + 1, sizeof(int));
    if (len == NULL)
        return -1;
    for (int i0 = 0; i0 < b->nlp; i0++) {
        int j = b->lpcol[i0], a = b->anc[j], kj = b->off[j + 1] - b->off[j];
        for (int i = b->acut_n[a] - 1; i >= 0 && b->acut[a][i] >= first; i--)
            if (cut_counts(b, b->acut[a][i], a, b->mem + b->off[j], kj))
                len[b->acut[a][i] - first + 1]++;
    }
    /* a cut counts the artificial column of each of its TPS (a post of
     * that TPS alone): every node's master stays feasible */
    for (int q = first; q < b->cuts.n; q++)
        len[q - first + 1] += b->cuts.off[q + 1] - b->cuts.off[q];
    for (int i = 0; i < k; i++)
        len[i + 1] += len[i];
    int total = len[k];
    int *ind = malloc(sizeof(int) * ((size_t)total + 1));
    double *val = malloc(sizeof(double) * ((size_t)total + 1));
    if (ind == NULL || val == NULL) {
        free(len);
        free(ind);
        free(val);
        return -1;
    }
    for (int i0 = 0; i0 < b->nlp; i0++) {
        int j = b->lpcol[i0], a = b->anc[j], kj = b->off[j + 1] - b->off[j];
        for (int i = b->acut_n[a] - 1; i >= 0 && b->acut[a][i] >= first; i--)
            if (cut_counts(b, b->acut[a][i], a, b->mem + b->off[j], kj)) {
                int p = len[b->acut[a][i] - first]++;
                ind[p + 1] = b->gcol[j];
                val[p + 1] = 1.0;
            }
    }
    for (int q = first; q < b->cuts.n; q++)
        for (int s = b->cuts.off[q]; s < b->cuts.off[q + 1]; s++) {
            int p = len[q - first]++;
            ind[p + 1] = b->cuts.tps[s] + 1;
            val[p + 1] = 1.0;
        }
    for (int i = k; i > 0; i--)
        len[i] = len[i - 1];
    len[0] = 0;
    for (int i = 0; i < k; i++)
        glp_set_mat_row(b->P, 2 * n + first + i + 1, len[i + 1] - len[i],
                        ind + len[i], val + len[i]);
    free(len);
    free(ind);
    free(val);
    b->bounds_changed = 1;
    return 0;
}

/* For the separators: the cut is in the master already. */
static int cut_known(void *ctx, const int *t, int nt)
{
    const struct bp *b = ctx;
    for (int i = 0; i < b->tcut_n[t[0]]; i++) {
        int q = b->tcut[t[0]][i];
        if (b->cuts.off[q + 1] - b->cuts.off[q] == nt &&
            memcmp(b->cuts.tps + b->cuts.off[q], t, sizeof(int) * (size_t)nt) == 0)
            return 1;
    }
    return 0;
}

/* Find the cuts the node's LP breaks and add them: how many, or -1. */
static int separate(struct bp *b)
{
    int n = b->n;
    int room = CUTS_MAX(n) - b->cuts.n;
    if (room > CUTS_ROUND(n))
        room = CUTS_ROUND(n);
    if (room <= 0)
        return 0;
    if (b->ncol > b->capx) {
        double *nx = realloc(b->x, sizeof(double) * (size_t)b->ncol);
        if (nx == NULL)
            return -1;
        b->x = nx;
        b->capx = b->ncol;
    }
    for (int j = 0; j < b->ncol; j++)
        b->x[j] = col_prim(b, j);
    struct cut_lp lp = {n, b->ncol, b->anc, b->off, b->mem, b->x};
    struct cut_list found = {0};
    int k = cap_separate(&lp, b->c, CUT_VIOLATION, room, CAP_SET_MAX(b->cap), cut_known, b,
                         &found);
    if (k > 0 && cuts_add(b, &found) != 0)
        k = -1;
    cut_list_free(&found);
    return k;
}

/* A candidate for leaving the LP: a nonbasic column and its reduced cost. */
struct leaving {
    double d;
    int j;
};

/* Costliest first, then the newest: a total order. */
static int cmp_leaving(const void *x, const void *y)
{
    const struct leaving *p = x, *q = y;
    if (p->d != q->d)
        return p->d > q->d ? -1 : 1;
    return (p->j < q->j) - (p->j > q->j);
}

/*
 * Keep the LP small: a simplex iteration costs about the LP's number of
 * columns (GLPK prices every nonbasic column), and column generation adds
 * up to n a round.  Past LP_TRIM_AT(n) columns the nonbasic ones of
 * largest reduced cost leave the LP, down to LP_KEEP(n); they stay in the
 * pool, and pricing puts one back when it pays again.  The basis stays
 * valid (only nonbasic columns leave).  0 or -1 (memory).
 */
static int lp_trim(struct bp *b)
{
    int keep = LP_KEEP(b->n);
    if (b->nlp <= LP_TRIM_AT(b->n))
        return 0;
    struct leaving *lv = malloc(sizeof *lv * (size_t)b->nlp);
    int *num = malloc(sizeof(int) * ((size_t)b->nlp + 1));
    if (lv == NULL || num == NULL) {
        free(lv);
        free(num);
        return -1;
    }
    int nl = 0;
    for (int i = 0; i < b->nlp; i++) {
        int j = b->lpcol[i], gc = b->gcol[j];
        if (glp_get_col_stat(b->P, gc) == GLP_BS || glp_get_col_lb(b->P, gc) > 0.5)
            continue;
        lv[nl++] = (struct leaving){glp_get_col_dual(b->P, gc), j};
    }
    qsort(lv, (size_t)nl, sizeof *lv, cmp_leaving);
    int drop = b->nlp - keep < nl ? b->nlp - keep : nl;
    for (int i = 0; i < drop; i++) {
        num[i + 1] = b->gcol[lv[i].j];
        b->gcol[lv[i].j] = 0;
    }
    if (drop > 0)
        glp_del_cols(b->P, drop, num);
    int k = 0;
    for (int i = 0; i < b->nlp; i++) {
        int j = b->lpcol[i];
        if (b->gcol[j] != 0) {
            b->lpcol[k] = j;
            b->gcol[j] = b->n + 1 + k;
            k++;
        }
    }
    b->nlp = k;
    free(lv);
    free(num);
    return 0;
}

/* Put back into the LP the pool's columns that the node allows and whose
 * reduced cost at the last duals is at most rc_max, the cheapest first,
 * at most max of them.  0 or -1 (memory). */
static int lp_restore(struct bp *b, double rc_max, int max)
{
    struct leaving *lv = malloc(sizeof *lv * ((size_t)b->ncol + 1));
    if (lv == NULL)
        return -1;
    int nl = 0;
    for (int j = 0; j < b->ncol; j++) {
        if (b->gcol[j] != 0 || b->block[j] > 0)
            continue;
        int a = b->anc[j], k = b->off[j + 1] - b->off[j];
        const int *m = b->mem + b->off[j];
        double w = b->pi[a] + b->sigma[a];
        for (int i = 0; i < k; i++)
            w += b->pi[m[i]];
        for (int i = 0; i < b->acut_n[a]; i++)
            if (cut_counts(b, b->acut[a][i], a, m, k))
                w += b->mu[b->acut[a][i]];
        if (1.0 - w <= rc_max)
            lv[nl++] = (struct leaving){1.0 - w, j};
    }
    /* cmp_leaving puts the costliest first: take from the end */
    qsort(lv, (size_t)nl, sizeof *lv, cmp_leaving);
    for (int i = nl - 1; i >= 0 && i >= nl - max; i--)
        lp_insert(b, lv[i].j);
    free(lv);
    b->bounds_changed = 1;
    return 0;
}

/* The fewest posts a bound of lb proves. */
static long whole_bound(double lb)
{
    return (long)ceil(lb * (1.0 - BOUND_REL) - BOUND_EPS);
}

/* Simplex iterations one solve of the master may take.  A warm-started
 * solve takes a few thousand at most on the stress maps (19,795 the most
 * seen, 1,328 rows); GLPK 5.0's primal simplex can stall on this very
 * degenerate LP (chain 10 6, kecamatan 320122: 236,000 iterations at the
 * same objective before it was stopped), so a solve that passes the
 * limit is taken up again by the other method, then from a standard
 * basis, and given up after that (the node ends; every bound found
 * stays valid). */
#define LP_IT_MAX(rows) (20000 + 20 * (rows))

/* One simplex solve of the restricted master; 0, or a SIAGA status. */
static int lp_solve(struct bp *b)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = b->bounds_changed ? GLP_DUALP : GLP_PRIMAL;
    sp.it_lim = LP_IT_MAX(glp_get_num_rows(b->P));
    b->bounds_changed = 0;
    int ret = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        if (attempt == 1)   /* stalled: the other method, same basis */
            sp.meth = sp.meth == GLP_PRIMAL ? GLP_DUALP : GLP_PRIMAL;
        if (attempt == 2) { /* a lost basis, or stalled twice */
            glp_std_basis(b->P);
            sp.meth = GLP_PRIMAL;
        }
        sp.tm_lim = solver_tm_lim(b->deadline);
        ret = solver_simplex(b->P, &sp);
        if (ret == GLP_ETMLIM || solver_past(b->deadline))
            return SIAGA_ELIMIT;
        if (ret == 0 && glp_get_status(b->P) == GLP_OPT)
            return 0;
        if (ret != GLP_EITLIM && attempt == 0)
            attempt = 1;    /* not a stall: straight to a standard basis */
    }
    return ret == GLP_EITLIM ? SIAGA_ELIMIT : SIAGA_ESOLVER;
}

/* The best cap-1 members of anchor a without cuts: the largest positive
 * pi among the TPS that may join a, heaviest first, into top/who; the
 * TPS with kpos >= 0 are left out.  Returns how many. */
static int top_members(const struct bp *b, int a, double *top, int *who)
{
    const struct comp *c = b->c;
    int nt = 0, want = b->cap - 1 - b->nforced;
    if (want <= 0)
        return 0;
    for (int q = c->off[a]; q < c->off[a + 1]; q++) {
        int t = c->adj[q];
        double v = b->pi[t];
        if (v <= 0 || b->state[t] == ANCHOR || b->kpos[t] >= 0 || b->pmark[t] != P_FREE)
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
    return nt;
}

/*
 * Pricing under cuts: which TPS of the cuts reaching anchor a to take.  A
 * cut of positive dual mu that the anchor is not in pays mu once the
 * column holds one of its TPS.  A depth-first search over the TPS of such
 * cuts (heaviest pi first), the others (free: in no such cut) filling the
 * room left with their best pi.  The bound of a node is its value, plus
 * the duals of the cuts not yet paid, plus the best pi that still fits.
 * Before it, a TPS of no weight (pi = 0) whose cuts are all cuts of
 * another TPS as heavy is dropped: in a column holding it, that other
 * one can take its place, or is there already, at no loss.  After
 * PRICE_NODES nodes the open ones only raise *ub: the best weight is then
 * known to lie in [best, ub].
 */
struct kprice {
    int nk, want, nf;
    const int *k;           /* the cut TPS, heaviest first */
    const double *kpi;      /* their pi */
    const int *kl_off, *kl; /* the local cuts of each */
    int *cnt;               /* TPS of each local cut in the column so far */
    const double *mu;       /* the local cuts' duals, > 0 */
    double rest;            /* duals of the local cuts not yet paid */
    const double *fpi;      /* the free TPS' best pi, heaviest first */
    double fsum[MEMBERS_MAX + 1];   /* prefix sums of fpi */
    int chosen[MEMBERS_MAX], best_k[MEMBERS_MAX], nbest;
    double best, ub_open;
    long nodes, node_max;
};

static void kprice_search(struct kprice *kp, int i, int nch, double val)
{
    kp->nodes++;
    int room = kp->want - nch;
    double whole = val + kp->fsum[room < kp->nf ? room : kp->nf];
    if (whole > kp->best) {
        kp->best = whole;
        kp->nbest = nch;
        memcpy(kp->best_k, kp->chosen, sizeof(int) * (size_t)nch);
    }
    if (i == kp->nk || room == 0)
        return;
    double bound = val + kp->rest;
    for (int x = i, y = 0, r = 0; r < room; r++) {
        if (x < kp->nk && (y >= kp->nf || kp->kpi[x] >= kp->fpi[y]))
            bound += kp->kpi[x++];
        else if (y < kp->nf)
            bound += kp->fpi[y++];
        else
            break;
    }
    if (bound <= kp->best)
        return;
    /* a second bound: each cut TPS with all it would still pay (a cut's
     * dual counted for each of its TPS taken: never less than the truth),
     * the room's best of those and of the free TPS */
    double top[MEMBERS_MAX];
    int nt = 0;
    for (int x = i; x < kp->nk; x++) {
        double g = kp->kpi[x];
        for (int q = kp->kl_off[x]; q < kp->kl_off[x + 1]; q++)
            if (kp->cnt[kp->kl[q]] == 0)
                g += kp->mu[kp->kl[q]];
        if (nt == room && g <= top[nt - 1])
            continue;
        int p = nt < room ? nt++ : nt - 1;
        while (p > 0 && top[p - 1] < g) {
            top[p] = top[p - 1];
            p--;
        }
        top[p] = g;
    }
    double bound2 = val;
    for (int x = 0, y = 0, r = 0; r < room; r++) {
        if (x < nt && (y >= kp->nf || top[x] >= kp->fpi[y]))
            bound2 += top[x++];
        else if (y < kp->nf)
            bound2 += kp->fpi[y++];
        else
            break;
    }
    if (bound2 < bound)
        bound = bound2;
    if (bound <= kp->best)
        return;
    if (kp->nodes >= kp->node_max) {
        if (bound > kp->ub_open)
            kp->ub_open = bound;
        return;
    }
    double add = 0, rest = kp->rest;
    for (int q = kp->kl_off[i]; q < kp->kl_off[i + 1]; q++) {
        int l = kp->kl[q];
        if (kp->cnt[l]++ == 0) {
            add += kp->mu[l];
            kp->rest -= kp->mu[l];
        }
    }
    kp->chosen[nch] = kp->k[i];
    kprice_search(kp, i + 1, nch + 1, val + kp->kpi[i] + add);
    for (int q = kp->kl_off[i]; q < kp->kl_off[i + 1]; q++)
        kp->cnt[kp->kl[q]]--;
    kp->rest = rest;
    kprice_search(kp, i + 1, nch, val);
}

static int cmp_pi_desc(int a, int b, const double *pi)
{
    if (pi[a] != pi[b])
        return pi[a] > pi[b] ? -1 : 1;
    return (a > b) - (a < b);
}

/* Insertion sort of the cut TPS by pi, heaviest first. */
static void k_sort(int *k, int nk, const double *pi)
{
    for (int i = 1; i < nk; i++) {
        int v = k[i], j = i;
        while (j > 0 && cmp_pi_desc(v, k[j - 1], pi) < 0) {
            k[j] = k[j - 1];
            j--;
        }
        k[j] = v;
    }
}

/* Room for the pricing under cuts of an anchor with nl local cuts on
 * ntps TPS in all.  0 or -1. */
static int kbuf_reserve(struct bp *b, size_t nl, size_t ntps)
{
    size_t ni = 3 * ntps + 2 * nl + 2, nd = ntps + nl;
    if (ni > b->kbuf_n) {
        int *nb = realloc(b->kbuf, sizeof(int) * 2 * ni);
        if (nb == NULL)
            return -1;
        b->kbuf = nb;
        b->kbuf_n = 2 * ni;
    }
    if (nd > b->kdbl_n) {
        double *nd2 = realloc(b->kdbl, sizeof(double) * 2 * nd);
        if (nd2 == NULL)
            return -1;
        b->kdbl = nd2;
        b->kdbl_n = 2 * nd;
    }
    return 0;
}

/* The local cuts of each cut TPS kk[0..nk) (kpos gives their place):
 * kl[kl_off[i] .. kl_off[i+1]), in the order of the local cuts. */
static void k_links(const struct bp *b, const int *lc, const int *lq, int nl, int nk,
                    int *kl_off, int *kl)
{
    const int *off = b->cuts.off, *S = b->cuts.tps;
    for (int i = 0; i <= nk; i++)
        kl_off[i] = 0;
    for (int l = 0; l < nl; l++)
        for (int s = off[lc[lq[l]]]; s < off[lc[lq[l]] + 1]; s++)
            if (b->kpos[S[s]] >= 0)
                kl_off[b->kpos[S[s]] + 1]++;
    for (int i = 0; i < nk; i++)
        kl_off[i + 1] += kl_off[i];
    for (int l = 0; l < nl; l++)
        for (int s = off[lc[lq[l]]]; s < off[lc[lq[l]] + 1]; s++)
            if (b->kpos[S[s]] >= 0)
                kl[kl_off[b->kpos[S[s]]]++] = l;
    for (int i = nk; i > 0; i--)
        kl_off[i] = kl_off[i - 1];
    kl_off[0] = 0;
}

/* The sorted list x[0..nx) is in y[0..ny). */
static int sub_list(const int *x, int nx, const int *y, int ny)
{
    int j = 0;
    for (int i = 0; i < nx; i++) {
        while (j < ny && y[j] < x[i])
            j++;
        if (j == ny || y[j] != x[i])
            return 0;
    }
    return 1;
}

/* Drop the cut TPS of no weight that another dominates (kprice above).
 * Returns the TPS kept (in kk, kpos updated; the dropped get -1). */
static int k_dominated(struct bp *b, int *kk, int nk, const int *kl_off, const int *kl)
{
    int kept = 0;
    for (int x = 0; x < nk; x++) {
        int drop = 0;
        if (b->pi[kk[x]] <= 0) {
            const int *cx = kl + kl_off[x];
            int nx = kl_off[x + 1] - kl_off[x];
            for (int y = 0; y < nk && !drop; y++) {
                if (y == x)
                    continue;
                int ny = kl_off[y + 1] - kl_off[y];
                if (!sub_list(cx, nx, kl + kl_off[y], ny))
                    continue;
                /* strictly more cuts, more weight, or the same and first */
                drop = ny > nx || b->pi[kk[y]] > b->pi[kk[x]] || y < x;
            }
        }
        if (drop)
            b->kpos[kk[x]] = -1;
        else
            kk[kept++] = kk[x];
    }
    for (int i = 0; i < kept; i++)
        b->kpos[kk[i]] = i;
    return kept;
}

/* The largest dual weight of a column anchored at a; its members into m
 * (sorted), their number into *k; *ub an upper bound on that weight
 * (equal to it unless the search under cuts was cut short).  SIAGA_OK or
 * SIAGA_ENOMEM. */
static int price_anchor(struct bp *b, int a, int *m, int *k, double *w_out, double *ub,
                        long node_max)
{
    const struct comp *c = b->c;
    double top[MEMBERS_MAX];
    int who[MEMBERS_MAX];
    double w = b->pi[a] + b->sigma[a];
    const int *lc = b->acut[a];
    const int *off = b->cuts.off, *S = b->cuts.tps;
    int nl = 0, nfo = b->nforced;
    size_t ntps = 0;
    for (int i = 0; i < nfo; i++)
        w += b->pi[b->forced[i]];
    /* the cuts that pay: positive dual; those holding a (or a member the
     * node's pairs force) pay at once */
    for (int l = 0; l < b->acut_n[a]; l++) {
        int q = lc[l];
        if (b->mu[q] <= 0)
            continue;
        if (in_cut_col(b, q, a))
            w += b->mu[q];
        else {
            nl++;
            ntps += (size_t)(off[q + 1] - off[q]);
        }
    }
    for (int i = 0; i < nfo; i++)
        m[i] = b->forced[i];
    if (nl == 0) {
        int nt = top_members(b, a, top, who);
        for (int i = 0; i < nt; i++) {
            w += top[i];
            m[nfo + i] = who[i];
        }
        nt += nfo;
        *k = nt;
        *w_out = *ub = w;
        qsort(m, (size_t)nt, sizeof *m, cluster_cmp_int);
        return SIAGA_OK;
    }
    if (kbuf_reserve(b, (size_t)nl, ntps) != 0)
        return SIAGA_ENOMEM;
    int *kk = b->kbuf, nk = 0;
    int *kl_off = kk + ntps, *kl = kl_off + ntps + 1;
    int *cnt = kl + ntps, *lq = cnt + nl;
    double *mu = b->kdbl, *kpi = b->kdbl + nl;
    double rest = 0;
    nl = 0;
    for (int l = 0; l < b->acut_n[a]; l++) {
        int q = lc[l];
        if (b->mu[q] <= 0 || in_cut_col(b, q, a))
            continue;
        lq[nl] = l;
        mu[nl] = b->mu[q];
        cnt[nl] = 0;
        rest += mu[nl];
        nl++;
        for (int s = off[q]; s < off[q + 1]; s++) {
            int t = S[s];
            if (b->kpos[t] >= 0 || b->state[t] == ANCHOR || b->pmark[t] != P_FREE ||
                !in_reach(c, a, t))
                continue;
            b->kpos[t] = nk;
            kk[nk++] = t;
        }
    }
    k_sort(kk, nk, b->pi);
    for (int i = 0; i < nk; i++)
        b->kpos[kk[i]] = i;
    k_links(b, lc, lq, nl, nk, kl_off, kl);
    int kept = k_dominated(b, kk, nk, kl_off, kl);
    if (kept < nk) {
        nk = kept;
        k_links(b, lc, lq, nl, nk, kl_off, kl);
    }
    for (int i = 0; i < nk; i++)
        kpi[i] = b->pi[kk[i]] > 0 ? b->pi[kk[i]] : 0;

    struct kprice kp;
    kp.nk = nk;
    kp.want = b->cap - 1 - nfo;
    kp.k = kk;
    kp.kpi = kpi;
    kp.kl_off = kl_off;
    kp.kl = kl;
    kp.cnt = cnt;
    kp.mu = mu;
    kp.rest = rest;
    kp.nf = top_members(b, a, top, who);
    kp.fpi = top;
    kp.fsum[0] = 0;
    for (int i = 0; i < kp.nf; i++)
        kp.fsum[i + 1] = kp.fsum[i] + top[i];
    kp.nbest = 0;
    kp.best = -HUGE_VAL;
    kp.ub_open = -HUGE_VAL;
    kp.nodes = 0;
    kp.node_max = node_max;
    kprice_search(&kp, 0, 0, w);
    for (int i = 0; i < nk; i++)
        b->kpos[kk[i]] = -1;

    int room = kp.want - kp.nbest, nm = nfo;
    for (int i = 0; i < kp.nbest; i++)
        m[nm++] = kp.best_k[i];
    for (int i = 0; i < room && i < kp.nf; i++)
        m[nm++] = who[i];
    *k = nm;
    *w_out = kp.best;
    *ub = kp.ub_open > kp.best ? kp.ub_open : kp.best;
    qsort(m, (size_t)nm, sizeof *m, cluster_cmp_int);
    return SIAGA_OK;
}

/*
 * Pricing under the node's pairs.  A pair bears on anchor a when a TPS of
 * it is in a's reach: TOGETHER with only one of them in reach bans that
 * one from a's columns (or rules a out as an anchor, if it is a);
 * a pair holding a forces (TOGETHER) or bans (APART) the other.  The
 * pairs with both TPS in reach and neither a are kept by a small branch
 * and bound: price without them; when the best column breaks one, branch
 * (APART: ban s, or ban t; TOGETHER: ban both, or force both).  Each
 * pricing bounds every column below it, so it is exact; past
 * PAIR_PRICINGS pricings the open branches only raise *ub.
 */
#define PAIR_PRICINGS 64

struct pair_price {
    int nrel;
    double best, ub_open;
    int bm[MEMBERS_MAX], bk;
    long calls, node_max;
};

static int p_ban(struct bp *b, int t)
{
    if (b->pmark[t] == P_FORCE)
        return 0;
    b->pmark[t] = P_BAN;
    return 1;
}

static int p_force(struct bp *b, int t)
{
    if (b->pmark[t] == P_FORCE)
        return 1;
    if (b->pmark[t] == P_BAN || b->state[t] == ANCHOR || b->nforced >= b->cap - 1)
        return 0;
    b->pmark[t] = P_FORCE;
    b->forced[b->nforced++] = t;
    return 1;
}

static int pair_search(struct bp *b, int a, struct pair_price *ps)
{
    int m[MEMBERS_MAX], k;
    double w, ub;
    if (price_anchor(b, a, m, &k, &w, &ub, ps->node_max) != SIAGA_OK)
        return -1;
    ps->calls++;
    if (ub <= ps->best)
        return 0;
    const struct pair *br = NULL;
    for (int i = 0; i < ps->nrel && br == NULL; i++)
        if (pair_breaks(&b->pair[b->rel[i]], a, m, k))
            br = &b->pair[b->rel[i]];
    if (br == NULL) {
        if (w > ps->best) {
            ps->best = w;
            ps->bk = k;
            memcpy(ps->bm, m, sizeof(int) * (size_t)k);
        }
        if (ub > w && ub > ps->ub_open)
            ps->ub_open = ub;
        return 0;
    }
    if (ps->calls >= PAIR_PRICINGS) {
        if (ub > ps->ub_open)
            ps->ub_open = ub;
        return 0;
    }
    int s = br->s, t = br->t;
    signed char ms = b->pmark[s], mt = b->pmark[t];
    int nf = b->nforced, rc = 0;
    if (br->kind == APART) {
        for (int side = 0; side < 2 && rc == 0; side++) {
            int x = side ? t : s;
            if (p_ban(b, x))
                rc = pair_search(b, a, ps);
            b->pmark[s] = ms;
            b->pmark[t] = mt;
        }
        return rc;
    }
    if (p_ban(b, s) && p_ban(b, t))
        rc = pair_search(b, a, ps);
    b->pmark[s] = ms;
    b->pmark[t] = mt;
    if (rc == 0 && p_force(b, s) && p_force(b, t))
        rc = pair_search(b, a, ps);
    b->pmark[s] = ms;
    b->pmark[t] = mt;
    b->nforced = nf;
    return rc;
}

/* price_anchor under the node's pairs (above).  A *w_out of NO_COLUMN:
 * the pairs allow no column anchored at a. */
static int price_column(struct bp *b, int a, int *m, int *k, double *w_out, double *ub,
                        long node_max)
{
    if (b->npair == 0)
        return price_anchor(b, a, m, k, w_out, ub, node_max);
    const struct comp *c = b->c;
    struct pair_price ps = {0, NO_COLUMN, NO_COLUMN, {0}, 0, 0, node_max};
    int ok = 1;
    b->nforced = 0;
    for (int i = 0; i < b->npair && ok; i++) {
        const struct pair *p = &b->pair[i];
        int s_in = in_reach(c, a, p->s), t_in = in_reach(c, a, p->t);
        if (!s_in && !t_in)
            continue;
        if (p->s == a || p->t == a) {
            int o = p->s == a ? p->t : p->s, o_in = p->s == a ? t_in : s_in;
            if (p->kind == TOGETHER)
                ok = o_in && p_force(b, o);
            else if (o_in)
                ok = p_ban(b, o);
        } else if (s_in && t_in) {
            b->rel[ps.nrel++] = i;
        } else if (p->kind == TOGETHER) {
            ok = p_ban(b, s_in ? p->s : p->t);
        }
    }
    int rc = 0;
    if (ok)
        rc = pair_search(b, a, &ps);
    for (int i = 0; i < b->npair; i++)
        b->pmark[b->pair[i].s] = b->pmark[b->pair[i].t] = P_FREE;
    b->nforced = 0;
    if (rc != 0)
        return SIAGA_ENOMEM;
    *k = ps.bk;
    memcpy(m, ps.bm, sizeof(int) * (size_t)ps.bk);
    *w_out = ps.best;
    *ub = ps.ub_open > ps.best ? ps.ub_open : ps.best;
    return SIAGA_OK;
}

/* y_a = the sum of the columns anchored at a in the LP solution. */
static void anchor_values(struct bp *b)
{
    for (int i = 0; i < b->n; i++)
        b->y[i] = 0;
    for (int i = 0; i < b->nlp; i++) {
        double v = glp_get_col_prim(b->P, b->gcol[b->lpcol[i]]);
        if (v > 1e-9)
            b->y[b->anc[b->lpcol[i]]] += v;
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
        for (int q = 0; q < b->cuts.n; q++) {
            double d = glp_get_row_dual(b->P, 2 * n + q + 1);
            b->mu[q] = d > 0 ? d : 0;
            sum += b->mu[q] * b->cuts.rhs[q];
        }
        if (lp_trim(b) != 0)
            return -SIAGA_ENOMEM;
        int ncand = 0, added = 0;
        /* price every anchor; where the search under cuts was cut short
         * and nothing else entered, again with a deeper search */
        for (int deep = 0; deep < 2 && added == 0; deep++) {
            if (deep && (ncand > 0 || wmax <= 1.0 + RC_EPS))
                break;
            ncand = 0;
            wmax = 0;
            double over = 0;
            for (int a = 0; a < n; a++) {
                if (b->state[a] == NOT_ANCHOR)
                    continue;
                if (!deep || b->wub[a] > 1.0 + RC_EPS) {
                    int *cm = b->cmem + (size_t)ncand * MEMBERS_MAX;
                    double w;
                    if (price_column(b, a, cm, &k, &w, &b->wub[a],
                                     deep ? PRICE_NODES_DEEP : PRICE_NODES) != SIAGA_OK)
                        return -SIAGA_ENOMEM;
                    if (w > 1.0 + RC_EPS) {
                        b->cand[ncand] = (struct entering){w, a, k, ncand};
                        ncand++;
                    }
                }
                if (b->wub[a] > wmax)
                    wmax = b->wub[a];
                if (b->wub[a] - b->sigma[a] > 1.0)
                    over += b->wub[a] - b->sigma[a] - 1.0;
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
            /* Farley's bound, and the Lagrangian one: each sigma_a
             * re-chosen as large as the anchor's heaviest column allows
             * (both bound the LP from below for any pi, mu >= 0) */
            double farley = sum / (wmax > 1.0 ? wmax : 1.0);
            if (farley > *lb)
                *lb = farley;
            double lag = sum - over;
            for (int a = 0; a < n; a++)
                lag -= b->sigma[a];
            if (lag > *lb)
                *lb = lag;
        }
        if (whole_bound(*lb) > b->T)
            return NODE_PRUNED;
        if (added == 0) {
            if (ncand > 0)
                return NODE_ABORT;   /* priced columns were all there: GLPK's tolerance */
            if (wmax > 1.0 + RC_EPS)
                return NODE_OPEN;    /* pricing under cuts cut short: a weaker bound */
            /* converged: cut, and price again */
            if (b->cut_rounds >= b->cut_rounds_max)
                return NODE_OPEN;
            if (solver_past(b->deadline))
                return NODE_ABORT;
            b->cut_rounds++;
            int nc = separate(b);
            if (nc < 0)
                return -SIAGA_ENOMEM;
            if (nc == 0)
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
    if (lp_restore(b, DIVE_RC_MAX, LP_KEEP(n)) != 0) {
        free(fixed);
        return -SIAGA_ENOMEM;
    }
    for (int step = 0; nf < n; step++) {
        double lb;
        b->cut_rounds_max = 0;
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
        for (int i = 0; i < b->nlp && nf < n; i++) {
            int j = b->lpcol[i];
            double v = glp_get_col_prim(b->P, b->gcol[j]);
            double lo = glp_get_col_lb(b->P, b->gcol[j]);
            if (lo > 0.5)
                continue;
            if (v >= 0.999) {
                glp_set_col_bnds(b->P, b->gcol[j], GLP_LO, 1.0, 0.0);
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
            for (int i = 0; i < b->nlp; i++)
                if (glp_get_col_prim(b->P, b->gcol[b->lpcol[i]]) >= 0.5)
                    b->y[b->anc[b->lpcol[i]]] = 1;
            int rc = round_anchors(b, 0.5);
            if (rc != SIAGA_OK) {
                result = -rc;
                break;
            }
            result = b->best->posts <= b->T ? NODE_FOUND : NODE_PRUNED;
            break;
        }
        if (nf < n) {
            glp_set_col_bnds(b->P, b->gcol[frac], GLP_LO, 1.0, 0.0);
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

/* The undecided pair of TPS whose "same post" value (the sum of the LP
 * columns holding both) is fractional and nearest 1/2 into *s < *t.  1
 * found, 0 none, -1 memory. */
static int pick_pair(struct bp *b, int *ps, int *pt)
{
    size_t total = 0;
    for (int i = 0; i < b->nlp; i++) {
        int j = b->lpcol[i];
        if (glp_get_col_prim(b->P, b->gcol[j]) <= 1e-6)
            continue;
        size_t k = (size_t)(b->off[j + 1] - b->off[j]) + 1;
        total += k * (k - 1) / 2;
    }
    size_t hc = 1024;
    while (hc < 2 * total)
        hc *= 2;
    uint64_t *key = calloc(hc, sizeof *key);
    double *f = calloc(hc, sizeof *f);
    if (key == NULL || f == NULL) {
        free(key);
        free(f);
        return -1;
    }
    for (int i = 0; i < b->nlp; i++) {
        int j = b->lpcol[i];
        double v = glp_get_col_prim(b->P, b->gcol[j]);
        if (v <= 1e-6)
            continue;
        int l[MEMBERS_MAX + 1], k = b->off[j + 1] - b->off[j];
        l[0] = b->anc[j];
        memcpy(l + 1, b->mem + b->off[j], sizeof(int) * (size_t)k);
        for (int x = 0; x <= k; x++)
            for (int y = 0; y <= k; y++) {
                if (l[x] >= l[y])
                    continue;
                uint64_t h = ((uint64_t)(unsigned)l[x] << 32 | (unsigned)l[y]) + 1;
                size_t q = (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 20) & (hc - 1);
                while (key[q] != 0 && key[q] != h)
                    q = (q + 1) & (hc - 1);
                key[q] = h;
                f[q] += v;
            }
    }
    int found = 0;
    double dist = 1;
    uint64_t bestk = 0;
    for (size_t q = 0; q < hc; q++) {
        if (key[q] == 0 || f[q] <= 1e-6 || f[q] >= 1 - 1e-6)
            continue;
        int s = (int)((key[q] - 1) >> 32), t = (int)((key[q] - 1) & 0xffffffffu);
        int known = 0;
        for (int i = 0; i < b->npair && !known; i++)
            known = b->pair[i].s == s && b->pair[i].t == t;
        if (known)
            continue;
        double d = fabs(f[q] - 0.5);
        if (!found || d < dist || (d == dist && key[q] < bestk)) {
            found = 1;
            dist = d;
            bestk = key[q];
        }
    }
    if (found) {
        *ps = (int)((bestk - 1) >> 32);
        *pt = (int)((bestk - 1) & 0xffffffffu);
    }
    free(key);
    free(f);
    return found;
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
    b->cut_rounds = 0;
    b->cut_rounds_max = depth == 0 ? CUT_ROUNDS_ROOT : CUT_ROUNDS_NODE;
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
    /* branch on the pair nearest 1/2, TOGETHER first; when every pair is
     * whole, on the free anchor with the largest fractional y */
    int s, t, pr = pick_pair(b, &s, &t);
    if (pr < 0)
        return -SIAGA_ENOMEM;
    for (int kind = TOGETHER; pr > 0 && kind <= APART; kind++) {
        if (decide_pair(b, s, t, kind, 1) != 0)
            return -SIAGA_ENOMEM;
        r = node_search(b, depth + 1);
        decide_pair(b, s, t, kind, 0);
        if (r != NODE_PRUNED)
            return r;
    }
    if (pr > 0)
        return NODE_PRUNED;
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
    long lns_more = 0;   /* the longer destroy and repair, after the dive */
    for (long T = *bound; T < b->best->posts; T++) {
        b->T = T;
        if (!root_done) {
            double lb;
            b->cut_rounds = 0;
            b->cut_rounds_max = CUT_ROUNDS_ROOT;
            int r0 = node_lp(b, &lb, -1);
            root_done = 1;
            b->st.root_lp = lb;
            if (r0 == NODE_PRUNED) {
                /* the root's LP goes on at T + 1 (converged, cut), before
                 * any dive starts from it */
                *bound = T + 1;
                root_done = 0;
                continue;
            }
            if (r0 < 0) {
                rc = -r0;
                goto done;
            }
            /* the LP leaves a gap: destroy and repair first (no GLPK), a
             * short walk; a longer one if the dive finds nothing either */
            lns_more = CLUSTER_LNS_WORK / ((long)n * n);
            if (lns_more > 10 * CLUSTER_LNS_STALE)
                lns_more = 10 * CLUSTER_LNS_STALE;
            lns_more -= CLUSTER_LNS_STALE;
            rc = cluster_lns(c, b->best, T, CLUSTER_LNS_STALE,
                             0x2545F4914F6CDD1DULL ^ c->seed, b->deadline);
            if (rc != SIAGA_OK)
                goto done;
            rc = SIAGA_ENOMEM;
            if (b->best->posts <= T)
                break;
            /* nodes cost more on larger components.  A root LP of exactly
             * T (a perfect packing, n = T cap) gets the same budget: it
             * once got a quarter, which left the nation's one unproven post
             * (kecamatan 330213, n 100, c 5: 21 nodes prove 21 posts, 12
             * did not), and the quarter saved no proof on the stress maps
             * of c = 5 and 10 (bench/RESULTS.md, session 6) */
            long cap_nodes = NODE_WORK / ((long)b->n * b->cap);
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
        if (lns_more > 0) {
            rc = cluster_lns(c, b->best, T, lns_more,
                             0x9E3779B97F4A7C15ULL ^ c->seed, b->deadline);
            lns_more = 0;
            if (rc != SIAGA_OK)
                goto done;
            rc = SIAGA_ENOMEM;
            if (b->best->posts <= T) {
                rc = SIAGA_OK;
                goto done;
            }
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
    b->wub = calloc((size_t)c->n, sizeof(double));
    b->trial.anchor = malloc(sizeof(int) * (size_t)c->n);
    b->cand = malloc(sizeof *b->cand * (size_t)c->n);
    b->cmem = malloc(sizeof(int) * MEMBERS_MAX * (size_t)c->n);
    size_t n = (size_t)c->n;
    b->acut = calloc(n, sizeof *b->acut);
    b->acut_n = calloc(n, sizeof(int));
    b->acut_cap = calloc(n, sizeof(int));
    b->tcut = calloc(n, sizeof *b->tcut);
    b->tcut_n = calloc(n, sizeof(int));
    b->tcut_cap = calloc(n, sizeof(int));
    b->nind = 2 * (MEMBERS_MAX + 3);
    b->ind = malloc(sizeof(int) * (size_t)b->nind);
    b->val = malloc(sizeof(double) * (size_t)b->nind);
    b->kpos = malloc(sizeof(int) * n);
    b->mark = calloc(n, sizeof(int));
    b->pmark = calloc(n, 1);
    b->forced = malloc(sizeof(int) * MEMBERS_MAX);
    if (b->state == NULL || b->pi == NULL || !b->sigma || b->y == NULL || !b->wub || !b->cand ||
        !b->cmem || b->trial.anchor == NULL || c->cap - 1 > MEMBERS_MAX ||
        !b->acut || !b->acut_n || !b->acut_cap || !b->tcut || !b->tcut_n ||
        !b->tcut_cap || !b->ind || !b->val || !b->kpos ||
        !b->mark || !b->pmark || !b->forced)
        goto done;
    for (size_t i = 0; i < n; i++)
        b->kpos[i] = -1;
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
    free(b->gcol);
    free(b->lpcol);
    free(b->hkey);
    free(b->hslot);
    free(b->state);
    free(b->pi);
    free(b->sigma);
    free(b->y);
    free(b->wub);
    free(b->cand);
    free(b->cmem);
    free(b->trial.anchor);
    for (int i = 0; i < c->n; i++) {
        if (b->acut != NULL)
            free(b->acut[i]);
        if (b->tcut != NULL)
            free(b->tcut[i]);
    }
    free(b->acut);
    free(b->acut_n);
    free(b->acut_cap);
    free(b->tcut);
    free(b->tcut_n);
    free(b->tcut_cap);
    free(b->ind);
    free(b->val);
    free(b->kpos);
    free(b->kbuf);
    free(b->kdbl);
    free(b->mark);
    free(b->pmark);
    free(b->forced);
    free(b->pair);
    free(b->rel);
    free(b->x);
    cut_list_free(&b->cuts);
    free(b->mu);
    free(b);
    return rc;
}
