/*
 * cluster.c - patrol clusters, proven fewest posts per component.
 *
 * Two TPS of one cluster are both within radius_km of its anchor, so they
 * are joined in the radius graph (edges between TPS of one kecamatan and
 * grade at most radius_km apart): a cluster never leaves a connected
 * component, and components are solved alone.  In a component of n TPS
 * with c per post, ceil(n/c) posts is a lower bound.
 *
 * Per component:
 *   1. a greedy heuristic (most constrained TPS first) gives a clustering;
 *   2. if it has more posts than the bound, posts are closed along
 *      augmenting paths (close_posts), from the greedy and from seeded
 *      randomised restarts of it;
 *   2b. if still above the bound: on small components an exact
 *      depth-first search (exact_posts); the count by regions
 *      (cluster_regions.c: whole posts per region, where the LP packs
 *      with fractions); a walk over sets of lb anchors (cluster_anchor_
 *      walk: a maximum b-matching kept by augmenting paths, cheap enough
 *      to try before any LP); the set-partitioning LP and branch and
 *      price (cluster_price.c), then the count and the walk again where
 *      the LP raised the bound or left a gap.  Each within a
 *      deterministic budget; past them, the plan is `feasible` with its
 *      gap;
 *   3. with the post count fixed, the distance of members to anchors
 *      (formats 1.4 item 5) is reduced: exactly by the same MIP with a
 *      distance objective on small components (node budget, so the result
 *      is deterministic), by local search (anchor re-choice, moves, swaps)
 *      on the others.  Its lower bound is the larger of the MIP bound and
 *      the sum of the n - p smallest nearest-neighbour distances (every
 *      non-anchor is at least that far from its anchor).
 */
#include "solver/cluster.h"

#include <float.h>
#include <stdint.h>
#include <stdatomic.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model/geo.h"
#include "model/grow.h"
#include "solver/cluster_int.h"
#include "solver/cluster_price.h"
#include "solver/cluster_regions.h"
#include "solver/glpk_util.h"
#include "solver/parallel.h"

/* A component whose MIP has at most this many membership pairs gets the
 * exact distance MIP (item 5); larger ones get local search. */
#define P5_MIP_MAX_PAIRS 400

/* Candidate anchors tried for each new post besides the TPS itself. */
#define GREEDY_ANCHORS 12

/* Randomised restarts of greedy + closing when a component misses its
 * lower bound, before the LP: at most this many, and they stop after
 * GREEDY_STALE in a row that do not improve. */
#define GREEDY_RESTARTS 300
#define GREEDY_STALE 8

/* Components of at most this many TPS get the exact depth-first search
 * when branch-and-price leaves a gap. */
#define EXACT_MAX_N 60

/* Destroy and repair: posts dissolved at a time, and repairs in a row
 * without a better clustering before it stops. */
#define LNS_POSTS 4


static double comp_dist(const struct comp *c, int i, int j)
{
    if (i == j)
        return 0.0;
    int lo = c->off[i], hi = c->off[i + 1];
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (c->adj[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < c->off[i + 1] && c->adj[lo] == j) ? c->dist[lo] : -1.0;
}

static double sol_km(const struct comp *c, const struct sol *so)
{
    double km = 0;
    for (int i = 0; i < c->n; i++)
        km += comp_dist(c, so->anchor[i], i);
    return km;
}

/* ---- 1. greedy --------------------------------------------------------- */

struct cand { int node, deg; double d; };

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->deg != y->deg)
        return x->deg < y->deg ? -1 : 1;
    if (x->d < y->d - EPS_KM)
        return -1;
    if (x->d > y->d + EPS_KM)
        return 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

/* Nearer first, then by index. */
static int cmp_near(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->d < y->d - EPS_KM)
        return -1;
    if (x->d > y->d + EPS_KM)
        return 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

/*
 * Keep the k smallest items (by cmp) in buf[0..*n), sorted: a partial
 * selection, linear in the items offered (k is at most a post's size or
 * GREEDY_ANCHORS).
 */
static void top_insert(struct cand *buf, int *n, int k, struct cand item,
                       int (*cmp)(const void *, const void *))
{
    if (k <= 0 || (*n == k && cmp(&item, &buf[k - 1]) >= 0))
        return;
    int i = *n < k ? *n : k - 1;
    while (i > 0 && cmp(&item, &buf[i - 1]) < 0) {
        buf[i] = buf[i - 1];
        i--;
    }
    buf[i] = item;
    if (*n < k)
        (*n)++;
}

/*
 * Repeatedly take the uncovered TPS with fewest uncovered neighbours, and
 * among the anchors that could hold it (itself or a neighbour) the one
 * whose cluster is largest, filling it with the most constrained
 * uncovered neighbours of the anchor.
 */
/* xorshift64: deterministic noise for the restarts of the greedy */
static uint64_t rng_next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* keep: the TPS with so->anchor[i] >= 0 stay as they are (a repair of
 * a partial clustering); the others get new posts. */
static int greedy_from(const struct comp *c, struct sol *so, uint64_t seed,
                       int keep)
{
    int n = c->n, rc = SIAGA_ENOMEM;
    int *deg = malloc(sizeof(int) * (size_t)n);
    char *covered = calloc((size_t)n, 1);
    struct cand *cand = malloc(sizeof *cand * (size_t)(c->cap + 1));
    struct cand anchors[GREEDY_ANCHORS + 1];
    int *best = malloc(sizeof(int) * (size_t)c->cap);
    int *cur = malloc(sizeof(int) * (size_t)c->cap);
    if (!deg || !covered || !cand || !best || !cur)
        goto done;
    int left = n;
    so->posts = 0;
    if (keep)
        for (int i = 0; i < n; i++)
            if (so->anchor[i] >= 0) {
                covered[i] = 1;
                left--;
                so->posts += so->anchor[i] == i;
            }
    for (int i = 0; i < n; i++) {
        deg[i] = 0;
        for (int k = c->off[i]; k < c->off[i + 1]; k++)
            deg[i] += !covered[c->adj[k]];
    }
    uint64_t rng = seed;
    while (left > 0) {
        /* the most constrained TPS; a restart (seed != 0) breaks ties and
         * near-ties at random */
        int t = -1;
        unsigned tkey = 0;
        for (int i = 0; i < n; i++) {
            if (covered[i])
                continue;
            unsigned key = (unsigned)deg[i] * 4u;
            if (seed)
                key += (unsigned)(rng_next(&rng) % 6);
            if (t < 0 || key < tkey) {
                t = i;
                tkey = key;
            }
        }
        int nbest = 0, best_deg = 0;
        double best_d = 0;
        /* candidate anchors: t itself, then its nearest uncovered
         * neighbours (in dense kota a TPS has a thousand; the nearest few
         * hold t in the tightest clusters) */
        int nnear = 0;
        anchors[0] = (struct cand){t, 0, 0.0};
        for (int k = c->off[t]; k < c->off[t + 1]; k++) {
            int a = c->adj[k];
            if (!covered[a])
                top_insert(anchors + 1, &nnear, GREEDY_ANCHORS,
                           (struct cand){a, 0, c->dist[k]}, cmp_near);
        }
        for (int ai = 0; ai <= nnear; ai++) {
            int a = anchors[ai].node;
            int ncur = 0, m = 0, sdeg = 0;
            double sd = 0;
            cur[ncur++] = a;
            if (a != t) {
                cur[ncur++] = t;
                sdeg += deg[t];
                sd += anchors[ai].d;
            }
            /* the most constrained uncovered neighbours of a that fit */
            int want = c->cap - ncur;
            for (int q = c->off[a]; q < c->off[a + 1] && want > 0; q++) {
                int j = c->adj[q];
                if (covered[j] || j == t)
                    continue;
                struct cand cd = {j, deg[j], c->dist[q]};
                if (seed)
                    cd.deg += (int)(rng_next(&rng) % 3);
                top_insert(cand, &m, want, cd, cmp_cand);
            }
            for (int q = 0; q < m; q++) {
                cur[ncur++] = cand[q].node;
                sdeg += cand[q].deg;
                sd += cand[q].d;
            }
            if (seed)
                sdeg += (int)(rng_next(&rng) % 4);
            int better = ncur > nbest ||
                         (ncur == nbest && (sdeg < best_deg ||
                          (sdeg == best_deg && sd < best_d - EPS_KM)));
            if (better) {
                nbest = ncur;
                best_deg = sdeg;
                best_d = sd;
                memcpy(best, cur, sizeof(int) * (size_t)ncur);
            }
        }
        for (int q = 0; q < nbest; q++) {
            int i = best[q];
            covered[i] = 1;
            so->anchor[i] = best[0];
            for (int r = c->off[i]; r < c->off[i + 1]; r++)
                deg[c->adj[r]]--;
        }
        left -= nbest;
        so->posts++;
    }
    rc = SIAGA_OK;
done:
    free(deg);
    free(covered);
    free(cand);
    free(best);
    free(cur);
    return rc;
}

static int greedy(const struct comp *c, struct sol *so, uint64_t seed)
{
    return greedy_from(c, so, seed, 0);
}

/* ---- 1b. closing posts by augmenting paths ----------------------------- */

/*
 * With the anchors fixed, placing TPS is a b-matching: each TPS to an open
 * anchor within the radius, each anchor holding at most cap TPS (itself
 * included).  Close an anchor, and re-home its TPS along augmenting paths
 * (t moves to anchor b, a member of b moves on to anchor b', ... until an
 * anchor with room); if every one of them finds a path, one post fewer.
 */
struct aug {
    const struct comp *c;
    int *anchor, *load;     /* load[b]: TPS in b's post, b included */
    /* the anchors among i's neighbours, in the adjacency's order:
     * na[c->off[i] .. c->off[i] + nna[i]) (aug_anchor keeps them) */
    int *na, *nna;
    /* the members of anchor b but b itself, ascending (the adjacency's
     * order): mem[b cap .. b cap + nmem[b]) (aug_move keeps them) */
    int *mem, *nmem;
    int *prev_anchor;      /* BFS: anchor reached from which member */
    int *via;              /* BFS: the member that moves into that anchor */
    int *queue, *seen;     /* seen[anchor] == stamp when visited */
    int stamp;
    int closing;            /* the anchor close_posts empties, or -1: no
                               path may end at it, nor pass it */
    /* undo log of close_posts: (TPS, its anchor before), at most one
     * entry a TPS of the post and one a step of each path */
    int *undo, nundo, logging;
    long work;              /* anchors' lists scanned by augment, in
                               entries: the walk's budget */
};

/* The search's arrays for a component of c->n TPS, loads and members
 * taken from anchor[] (-1: no post yet); 1, or 0 when out of memory
 * (aug_free in either case). */
static int aug_init(struct aug *g, const struct comp *c, int *anchor)
{
    size_t n = (size_t)c->n, cap = (size_t)c->cap;
    memset(g, 0, sizeof *g);
    g->c = c;
    g->anchor = anchor;
    g->closing = -1;
    g->load = calloc(n, sizeof(int));
    g->prev_anchor = malloc(sizeof(int) * n);
    g->via = malloc(sizeof(int) * n);
    g->queue = malloc(sizeof(int) * n);
    g->seen = calloc(n, sizeof(int));
    g->na = malloc(sizeof(int) * ((size_t)c->off[c->n] + 1));
    g->nna = calloc(n, sizeof(int));
    g->mem = malloc(sizeof(int) * n * cap);
    g->nmem = calloc(n, sizeof(int));
    g->undo = malloc(sizeof(int) * 2 * (cap + cap * n));
    if (!g->load || !g->prev_anchor || !g->via || !g->queue || !g->seen || !g->na ||
        !g->nna || !g->mem || !g->nmem || !g->undo)
        return 0;
    for (int i = 0; i < c->n; i++) {
        for (int q = c->off[i]; q < c->off[i + 1]; q++)
            if (anchor[c->adj[q]] == c->adj[q])
                g->na[c->off[i] + g->nna[i]++] = c->adj[q];
        int b = anchor[i];
        if (b >= 0) {
            g->load[b]++;
            if (b != i && g->nmem[b] < c->cap)
                g->mem[(size_t)b * cap + (size_t)g->nmem[b]++] = i;
        }
    }
    return 1;
}

/* Put x into (on) or take it out of the ascending list l of *k ints. */
static void sorted_set(int *l, int *k, int x, int on)
{
    int n = *k, p = 0;
    while (p < n && l[p] < x)
        p++;
    if (on) {
        memmove(l + p + 1, l + p, sizeof(int) * (size_t)(n - p));
        l[p] = x;
        *k = n + 1;
    } else if (p < n && l[p] == x) {
        memmove(l + p, l + p + 1, sizeof(int) * (size_t)(n - p - 1));
        *k = n - 1;
    }
}

/* TPS m joins anchor x (-1: no post), leaving its anchor: the loads and
 * member lists follow, and the undo log while close_posts tries. */
static void aug_move(struct aug *g, int m, int x)
{
    int old = g->anchor[m];
    size_t cap = (size_t)g->c->cap;
    if (old == x)
        return;
    if (g->logging) {
        g->undo[2 * g->nundo] = m;
        g->undo[2 * g->nundo + 1] = old;
        g->nundo++;
    }
    if (old >= 0) {
        g->load[old]--;
        if (old != m)
            sorted_set(g->mem + (size_t)old * cap, &g->nmem[old], m, 0);
    }
    if (x >= 0) {
        g->load[x]++;
        if (x != m)
            sorted_set(g->mem + (size_t)x * cap, &g->nmem[x], m, 1);
    }
    g->anchor[m] = x;
}

/* a has become an anchor (on) or stopped being one: its neighbours'
 * lists of anchors follow, in the adjacency's order. */
static void aug_anchor(struct aug *g, int a, int on)
{
    const struct comp *c = g->c;
    for (int q = c->off[a]; q < c->off[a + 1]; q++) {
        int i = c->adj[q];
        sorted_set(g->na + c->off[i], &g->nna[i], a, on);
    }
}

static void aug_free(struct aug *g)
{
    free(g->load);
    free(g->prev_anchor);
    free(g->via);
    free(g->queue);
    free(g->seen);
    free(g->na);
    free(g->nna);
    free(g->mem);
    free(g->nmem);
    free(g->undo);
}

int cluster_cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* Anchor b, just reached with room: walk back along the path, via[b]
 * joining b, leaving its old anchor to the member before it, ... */
static void aug_take(struct aug *g, int b)
{
    for (int x = b; x >= 0;) {
        int m = g->via[x], p = g->prev_anchor[x];
        aug_move(g, m, x);
        x = p;
    }
}

/*
 * Find a home for TPS d (currently without one) among open anchors: a
 * breadth-first search over anchors, the path ending at the first anchor
 * with room that it reaches.  That anchor is taken when it is reached,
 * not when it leaves the queue: it is the first with room to leave it
 * anyway (the queue keeps the order of reaching), so the path is the
 * same, without expanding the full anchors queued before it (on dense 5
 * 7, kecamatan 320101, two thirds of the search's work).  A full anchor's
 * members come from its list, in the adjacency's order (scanning its
 * neighbours for them was most of the rest).
 */
static int augment(struct aug *g, int d)
{
    const struct comp *c = g->c;
    int head = 0, tail = 0;
    g->stamp++;
    if (g->closing >= 0)
        g->seen[g->closing] = g->stamp;
    /* start: anchors d can join directly */
    g->work += g->nna[d];
    for (int k = c->off[d]; k < c->off[d] + g->nna[d]; k++) {
        int b = g->na[k];
        if (g->seen[b] == g->stamp)
            continue;
        g->seen[b] = g->stamp;
        g->prev_anchor[b] = -1;
        g->via[b] = d;
        if (g->load[b] < c->cap) {
            aug_take(g, b);
            return 1;
        }
        g->queue[tail++] = b;
    }
    while (head < tail) {
        /* b is full: one of its members may move on */
        int b = g->queue[head++];
        const int *l = g->mem + (size_t)b * (size_t)c->cap;
        for (int q = 0; q < g->nmem[b]; q++) {
            int m = l[q];
            g->work += g->nna[m];
            for (int k = c->off[m]; k < c->off[m] + g->nna[m]; k++) {
                int b2 = g->na[k];
                if (g->seen[b2] == g->stamp)
                    continue;
                g->seen[b2] = g->stamp;
                g->prev_anchor[b2] = b;
                g->via[b2] = m;
                if (g->load[b2] < c->cap) {
                    aug_take(g, b2);
                    return 1;
                }
                g->queue[tail++] = b2;
            }
        }
    }
    return 0;
}

int cluster_close_posts(const struct comp *c, struct sol *so, long lb)
{
    int n = c->n, rc = SIAGA_ENOMEM;
    struct aug g;
    int aok = aug_init(&g, c, so->anchor);
    int *disp = malloc(sizeof(int) * (size_t)c->cap);
    if (!aok || !disp)
        goto done;
    for (int improved = 1; improved && so->posts > lb;) {
        improved = 0;
        /* smallest posts first: they are the cheapest to empty */
        for (int size = 1; size <= c->cap && so->posts > lb; size++)
            for (int a = 0; a < n && so->posts > lb; a++) {
                if (so->anchor[a] != a || g.load[a] != size)
                    continue;
                /* its TPS, a among its members in index order */
                int nd = 0;
                const int *l = g.mem + (size_t)a * (size_t)c->cap;
                for (int q = 0; q < g.nmem[a]; q++) {
                    if (l[q] > a && (q == 0 || l[q - 1] < a))
                        disp[nd++] = a;
                    disp[nd++] = l[q];
                }
                if (nd == 0 || disp[nd - 1] < a)
                    disp[nd++] = a;
                /* a stays in its neighbours' lists while it is tried,
                 * passed over as seen (the same paths as without it) */
                g.nundo = 0;
                g.logging = 1;
                g.closing = a;
                for (int i = 0; i < nd; i++)
                    aug_move(&g, disp[i], -1);
                int ok = 1;
                for (int i = 0; i < nd && ok; i++)
                    ok = augment(&g, disp[i]);
                g.logging = 0;
                g.closing = -1;
                if (ok) {
                    aug_anchor(&g, a, 0);
                    so->posts--;
                    improved = 1;
                } else {
                    /* undo, the last move first */
                    for (int u = g.nundo - 1; u >= 0; u--)
                        aug_move(&g, g.undo[2 * u], g.undo[2 * u + 1]);
                }
            }
    }
    rc = SIAGA_OK;
done:
    aug_free(&g);
    free(disp);
    return rc;
}

int cluster_complete(const struct comp *c, struct sol *so, long lb)
{
    int n = c->n, rc = SIAGA_ENOMEM;
    struct aug g;
    int aok = aug_init(&g, c, so->anchor);
    if (!aok)
        goto done;
    so->posts = 0;
    for (int i = 0; i < n; i++)
        so->posts += so->anchor[i] == i;
    for (int i = 0; i < n; i++) {
        if (so->anchor[i] >= 0 || augment(&g, i))
            continue;
        aug_move(&g, i, i);   /* no anchor with room within reach */
        aug_anchor(&g, i, 1);
        so->posts++;
    }
    rc = SIAGA_OK;
done:
    aug_free(&g);
    return rc == SIAGA_OK ? cluster_close_posts(c, so, lb) : rc;
}

/* ---- 1c. destroy and repair ------------------------------------------- */

/*
 * Large neighbourhood search: dissolve the posts around a random anchor
 * (its own and those anchored within its radius, at most LNS_POSTS), give
 * the freed TPS new posts with the greedy and close posts along
 * augmenting paths over the whole component.  A repair as good as the
 * current clustering is taken (a walk on the plateau), a better one kept.
 * Stops at lb, after LNS_STALE repairs in a row without a better one, or
 * at the deadline.  Deterministic for a given seed.  SIAGA_OK or
 * SIAGA_ENOMEM (so is always a valid clustering).
 */
int cluster_lns(const struct comp *c, struct sol *so, long lb, long stale_max,
                uint64_t seed, double deadline)
{
    int n = c->n, rc = SIAGA_ENOMEM;
    struct sol cur = {malloc(sizeof(int) * (size_t)n), 0};
    int *pick = malloc(sizeof(int) * (size_t)n);
    if (cur.anchor == NULL || pick == NULL)
        goto done;
    memcpy(cur.anchor, so->anchor, sizeof(int) * (size_t)n);
    cur.posts = so->posts;
    uint64_t rng = seed | 1;
    for (long stale = 0; so->posts > lb && stale < stale_max; stale++) {
        if ((stale & 15) == 0 && solver_past(deadline))
            break;
        /* an anchor at random, and the anchors within its radius */
        int np = 0, a = (int)(rng_next(&rng) % (uint64_t)n);
        a = cur.anchor[a];
        pick[np++] = a;
        int first = c->off[a], deg = c->off[a + 1] - first;
        for (int q = 0; q < deg && np < LNS_POSTS; q++) {
            int b = c->adj[first + (int)((rng_next(&rng) % (uint64_t)deg) + (uint64_t)q) % deg];
            if (cur.anchor[b] == b) {
                int dup = 0;
                for (int i = 0; i < np && !dup; i++)
                    dup = pick[i] == b;
                if (!dup)
                    pick[np++] = b;
            }
        }
        for (int i = 0; i < n; i++)
            for (int k = 0; k < np; k++)
                if (cur.anchor[i] == pick[k]) {
                    cur.anchor[i] = -1;
                    break;
                }
        if ((rc = greedy_from(c, &cur, rng_next(&rng) | 1, 1)) != SIAGA_OK ||
            (rc = cluster_close_posts(c, &cur, lb)) != SIAGA_OK)
            goto done;
        rc = SIAGA_ENOMEM;
        if (cur.posts < so->posts) {
            memcpy(so->anchor, cur.anchor, sizeof(int) * (size_t)n);
            so->posts = cur.posts;
            stale = -1;
        } else if (cur.posts > so->posts) {
            memcpy(cur.anchor, so->anchor, sizeof(int) * (size_t)n);
            cur.posts = so->posts;
        }
    }
    rc = SIAGA_OK;
done:
    free(cur.anchor);
    free(pick);
    return rc;
}

/* ---- 1d. a walk over anchor sets --------------------------------------- */

/*
 * Search for a clustering of exactly lb posts by its anchors.  With lb
 * anchors fixed, placing the other TPS is a b-matching (each anchor takes
 * up to cap - 1 members within its radius); the TPS a maximum matching
 * leaves over are the walk's cost, and a set of cost 0 is a clustering of
 * lb posts.  The cost depends on the set alone (the size of a maximum
 * matching), so a step keeps the matching and repairs it: swap one anchor
 * a for a TPS b (b leaves its post, a's members and a itself are set
 * free), then an augmenting path for each TPS without a post.  A step
 * costs the paths of the cap or so TPS set free and of those left over,
 * not a matching from scratch: on the stress maps 5 to 15 microseconds,
 * where completing the set anew (before session 11) cost about
 * 1.5e-9 n^2 s.
 *
 * b is a TPS left over or a neighbour of one (half the time) or any TPS;
 * a is any anchor.  A swap that leaves more TPS over is undone (the
 * inverse swap and the paths again: the same cost, the set alone decides
 * it) except one in WALK_WORSE_PER_MIL, so the walk crosses the plateaus
 * of equal cost and leaves their dead ends.  Stops at cost 0, after
 * stale_max steps without a lower cost than the best so far, after
 * CLUSTER_WALK_WORK entries of anchors' lists scanned by the paths, or at
 * the deadline: deterministic for a given seed but for the deadline.
 * SIAGA_OK or SIAGA_ENOMEM; so is replaced only by a clustering of lb
 * posts.
 */
#define WALK_WORSE_PER_MIL 20

/* Anchor a gives way to b: b leaves its post, a's members and a itself
 * are left without one. */
static void walk_swap(struct aug *g, int a, int b)
{
    size_t cap = (size_t)g->c->cap;
    aug_move(g, b, b);
    aug_anchor(g, b, 1);
    while (g->nmem[a] > 0)
        aug_move(g, g->mem[(size_t)a * cap], -1);
    aug_anchor(g, a, 0);
    aug_move(g, a, -1);
}

/* An augmenting path for every TPS without a post; those that find none
 * into left [*nl].  Returns *nl. */
static long walk_place(struct aug *g, int *left, int *nl)
{
    *nl = 0;
    for (int i = 0; i < g->c->n; i++)
        if (g->anchor[i] < 0 && !augment(g, i))
            left[(*nl)++] = i;
    return *nl;
}

int cluster_anchor_walk(const struct comp *c, struct sol *so, long lb,
                        long stale_max, uint64_t seed, double deadline)
{
    int n = c->n, na = 0, nl = 0, rc = SIAGA_ENOMEM;
    int *A = malloc(sizeof(int) * (size_t)n);
    int *members = calloc((size_t)n, sizeof(int));
    int *left = malloc(sizeof(int) * (size_t)n);
    int *cur = malloc(sizeof(int) * (size_t)n);
    struct aug g;
    memset(&g, 0, sizeof g);
    if (A == NULL || members == NULL || left == NULL || cur == NULL)
        goto done;
    rc = SIAGA_OK;
    if (lb < 1 || so->posts <= lb)
        goto done;
    /* start from the incumbent's anchors less its smallest posts */
    for (int i = 0; i < n; i++)
        members[so->anchor[i]]++;
    for (int i = 0; i < n; i++)
        if (so->anchor[i] == i)
            A[na++] = i;
    while (na > lb) {
        int w = 0;
        for (int k = 1; k < na; k++)
            if (members[A[k]] < members[A[w]])
                w = k;
        A[w] = A[--na];
    }
    for (int i = 0; i < n; i++)
        cur[i] = -1;
    for (int k = 0; k < na; k++)
        cur[A[k]] = A[k];
    if (!aug_init(&g, c, cur)) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    uint64_t rng = seed | 1;
    long cost = walk_place(&g, left, &nl), best = cost;
    for (long stale = 0; cost > 0 && stale < stale_max && g.work < CLUSTER_WALK_WORK;
         stale++) {
        if (solver_past(deadline))  /* a clock read: far below a step */
            break;
        int b;
        if (nl > 0 && rng_next(&rng) % 2 == 0) {
            int e = left[rng_next(&rng) % (uint64_t)nl];
            int deg = c->off[e + 1] - c->off[e];
            b = deg > 0 && rng_next(&rng) % 2 == 0
                    ? c->adj[c->off[e] + (int)(rng_next(&rng) % (uint64_t)deg)] : e;
        } else {
            b = (int)(rng_next(&rng) % (uint64_t)n);
        }
        if (cur[b] == b)
            continue;
        int k = (int)(rng_next(&rng) % (uint64_t)na), a = A[k];
        walk_swap(&g, a, b);
        long next = walk_place(&g, left, &nl);
        if (next > cost && rng_next(&rng) % 1000 >= WALK_WORSE_PER_MIL) {
            walk_swap(&g, b, a);
            cost = walk_place(&g, left, &nl);
            continue;
        }
        A[k] = b;
        cost = next;
        if (cost < best) {
            best = cost;
            stale = -1;
        }
    }
    if (cost == 0) {
        memcpy(so->anchor, cur, sizeof(int) * (size_t)n);
        so->posts = (int)lb;
    }
done:
    aug_free(&g);
    free(A);
    free(members);
    free(left);
    free(cur);
    return rc;
}

/* ---- 2a. exact search for small components ----------------------------- */

/*
 * Is there a clustering with at most p posts?  Depth-first: take the
 * uncovered TPS with fewest options, and either let it join an open post
 * within the radius that has room, or open a new post anchored at itself
 * or at an uncovered neighbour.  Every clustering is reached by exactly
 * one path, so "not found" within the budget is a proof.  Pruned by
 * capacity (uncovered TPS must fit the room of open posts plus the posts
 * still allowed) and by any TPS left without an option.
 */
struct dfs {
    const struct comp *c;
    int p, open, uncovered, room;
    long nodes, limit;
    double deadline;        /* solver_now() time, 0 = none */
    int *anchor;            /* -1 uncovered */
    int *load;              /* TPS in the post anchored here; 0 if none */
};

/* 1 found (anchor[] holds it), 0 none, -1 budget spent. */
static int dfs_rec(struct dfs *d)
{
    const struct comp *c = d->c;
    if (d->uncovered == 0)
        return 1;
    if (++d->nodes > d->limit)
        return -1;
    if ((d->nodes & 1023) == 0 && solver_past(d->deadline))
        return -1;
    int newpost = d->open < d->p;
    if (d->uncovered > d->room + (d->p - d->open) * c->cap)
        return 0;
    /* the uncovered TPS with fewest options; on the way, the uncovered
     * TPS no open post can take (orphans: they need new posts) */
    int t = -1, tbest = 1 << 30, orphans = 0;
    for (int i = 0; i < c->n; i++) {
        if (d->anchor[i] >= 0)
            continue;
        int opts = newpost ? 1 : 0, joins = 0; /* itself as a new anchor */
        for (int k = c->off[i]; k < c->off[i + 1]; k++) {
            int a = c->adj[k];
            if (d->anchor[a] == a && d->load[a] < c->cap)
                opts++, joins++;
            else if (newpost && d->anchor[a] < 0)
                opts++;
        }
        if (opts == 0)
            return 0;
        orphans += joins == 0;
        if (opts < tbest) {
            tbest = opts;
            t = i;
        }
    }
    /* room an uncovered TPS can still reach: an open post with room but
     * no uncovered neighbour will stay as it is */
    int reach = 0;
    for (int a = 0; a < c->n; a++) {
        if (d->anchor[a] != a || d->load[a] >= c->cap)
            continue;
        int nb = 0;
        for (int k = c->off[a]; k < c->off[a + 1]; k++)
            nb += d->anchor[c->adj[k]] < 0;
        reach += nb < c->cap - d->load[a] ? nb : c->cap - d->load[a];
    }
    int need = d->uncovered - reach;           /* TPS left to new posts */
    if (need < orphans)
        need = orphans;
    if (need > 0 && (need + c->cap - 1) / c->cap > d->p - d->open)
        return 0;
    /* join an open post */
    for (int k = c->off[t]; k < c->off[t + 1]; k++) {
        int a = c->adj[k];
        if (d->anchor[a] != a || d->load[a] >= c->cap)
            continue;
        d->anchor[t] = a;
        d->load[a]++;
        d->uncovered--;
        d->room--;
        int r = dfs_rec(d);
        if (r != 0)
            return r;
        d->anchor[t] = -1;
        d->load[a]--;
        d->uncovered++;
        d->room++;
    }
    if (!newpost)
        return 0;
    /* open a new post: at t, or at an uncovered neighbour holding t */
    for (int k = c->off[t] - 1; k < c->off[t + 1]; k++) {
        int a = k < c->off[t] ? t : c->adj[k];
        if (d->anchor[a] >= 0)
            continue;
        int two = a != t;
        d->anchor[a] = a;
        if (two)
            d->anchor[t] = a;
        d->load[a] = 1 + two;
        d->open++;
        d->uncovered -= 1 + two;
        d->room += c->cap - 1 - two;
        int r = dfs_rec(d);
        if (r != 0)
            return r;
        d->anchor[a] = -1;
        d->anchor[t] = -1;
        d->load[a] = 0;
        d->open--;
        d->uncovered += 1 + two;
        d->room -= c->cap - 1 - two;
    }
    return 0;
}

/*
 * Fewest posts of a component by exact search, from the lower bound lb
 * up to the heuristic's count.  Returns the proven minimum (so->anchor
 * updated when a better clustering was found), or -1 when the budget ran
 * out first (so untouched, *bound raised to what was proven).
 */
static int exact_posts(const struct comp *c, struct sol *so, long lb,
                       long budget, double deadline, long *bound)
{
    struct dfs d;
    memset(&d, 0, sizeof d);
    d.c = c;
    d.anchor = malloc(sizeof(int) * (size_t)c->n);
    d.load = malloc(sizeof(int) * (size_t)c->n);
    int result = -2;
    if (d.anchor == NULL || d.load == NULL)
        goto done;
    d.limit = budget;
    d.deadline = deadline;
    for (long p = lb; p < so->posts; p++) {
        for (int i = 0; i < c->n; i++)
            d.anchor[i] = -1, d.load[i] = 0;
        d.p = (int)p;
        d.open = d.room = 0;
        d.uncovered = c->n;
        int r = dfs_rec(&d);
        if (r == 1) {
            memcpy(so->anchor, d.anchor, sizeof(int) * (size_t)c->n);
            so->posts = (int)p;
            result = (int)p;
            goto done;
        }
        if (r < 0) {
            result = -1;
            goto done;
        }
        *bound = p + 1; /* no clustering with p posts */
    }
    result = so->posts;
done:
    free(d.anchor);
    free(d.load);
    return result;
}

/* ---- 2. and 3. the MIP ------------------------------------------------- */

struct mip {
    const struct comp *c;
    int fix_posts;          /* 0: minimise posts; >0: posts fixed, min km */
    const struct sol *start;/* incumbent to hand in, or NULL */
    double deadline;
    long node_limit;        /* 0: none */
    /* out */
    double bound;           /* proven lower bound on the objective */
    int proven, found;
    double *xval;           /* column values of the best solution */
    int given;              /* incumbent handed in already */
    const char *export_path;/* benchmarks: write the model here (CPLEX LP);
                               with deadline < 0, write and do not solve */
};

static int col_y(int i) { return i + 1; }
static int col_x(const struct comp *c, int k) { return c->n + 1 + k; }

static void mip_callback(glp_tree *tree, void *info)
{
    struct mip *m = info;
    int reason = glp_ios_reason(tree);
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double b = glp_ios_node_bound(tree, best);
        if (b > m->bound)
            m->bound = b;
    }
    if (reason == GLP_IHEUR && !m->given && m->start != NULL) {
        const struct comp *c = m->c;
        int ncol = c->n + c->off[c->n];
        double *x = calloc((size_t)ncol + 1, sizeof *x);
        if (x != NULL) {
            for (int i = 0; i < c->n; i++) {
                int a = m->start->anchor[i];
                if (a == i) {
                    x[col_y(i)] = 1;
                    continue;
                }
                for (int k = c->off[a]; k < c->off[a + 1]; k++)
                    if (c->adj[k] == i)
                        x[col_x(c, k)] = 1;
            }
            glp_ios_heur_sol(tree, x);
            free(x);
        }
        m->given = 1;
    }
    if (m->node_limit > 0) {
        int t_cnt;
        glp_ios_tree_size(tree, NULL, NULL, &t_cnt);
        if (t_cnt > m->node_limit)
            glp_ios_terminate(tree);
    }
}

/* The component MIP into P: a binary column per anchor and per pair,
 * rows cover (n), link (npair), cap (n), posts (1).  ia, ja and ar hold
 * the nonzeros counted in mip_solve. */
static void mip_build(glp_prob *P, const struct mip *m, int *ia, int *ja,
                      double *ar)
{
    const struct comp *c = m->c;
    int n = c->n, npair = c->off[n], ncol = n + npair;
    glp_set_obj_dir(P, GLP_MIN);
    glp_add_cols(P, ncol);
    for (int j = 1; j <= ncol; j++) {
        glp_set_col_kind(P, j, GLP_BV);
    }
    for (int i = 0; i < n; i++) {
        glp_set_obj_coef(P, col_y(i), m->fix_posts ? 0.0 : 1.0);
        for (int k = c->off[i]; k < c->off[i + 1]; k++)
            glp_set_obj_coef(P, col_x(c, k), m->fix_posts ? c->dist[k] : 0.0);
    }
    /* rows: cover (n), link (npair), cap (n), posts (1) */
    int nrow = n + npair + n + 1, r = 0;
    size_t e = 0;
    glp_add_rows(P, nrow);
    /* cover_j: y_j + sum_{a: j in N(a)} x_aj = 1 */
    for (int j = 0; j < n; j++) {
        r++;
        glp_set_row_bnds(P, r, GLP_FX, 1, 1);
        ++e; ia[e] = r; ja[e] = col_y(j); ar[e] = 1;
    }
    for (int a = 0; a < n; a++)
        for (int k = c->off[a]; k < c->off[a + 1]; k++) {
            ++e; ia[e] = 1 + c->adj[k]; ja[e] = col_x(c, k); ar[e] = 1;
        }
    /* link: x_ak - y_a <= 0 */
    for (int a = 0; a < n; a++)
        for (int k = c->off[a]; k < c->off[a + 1]; k++) {
            r++;
            glp_set_row_bnds(P, r, GLP_UP, 0, 0);
            ++e; ia[e] = r; ja[e] = col_x(c, k); ar[e] = 1;
            ++e; ia[e] = r; ja[e] = col_y(a); ar[e] = -1;
        }
    /* cap: sum_k x_ak - (cap-1) y_a <= 0 */
    for (int a = 0; a < n; a++) {
        r++;
        glp_set_row_bnds(P, r, GLP_UP, 0, 0);
        for (int k = c->off[a]; k < c->off[a + 1]; k++) {
            ++e; ia[e] = r; ja[e] = col_x(c, k); ar[e] = 1;
        }
        ++e; ia[e] = r; ja[e] = col_y(a); ar[e] = -(double)(c->cap - 1);
    }
    /* posts: sum y >= lower bound, or = fixed count */
    r++;
    if (m->fix_posts)
        glp_set_row_bnds(P, r, GLP_FX, m->fix_posts, m->fix_posts);
    else
        glp_set_row_bnds(P, r, GLP_LO, (double)cluster_lower_bound(n, c->cap), 0);
    for (int i = 0; i < n; i++) {
        ++e; ia[e] = r; ja[e] = col_y(i); ar[e] = 1;
    }
    glp_load_matrix(P, (int)e, ia, ja, ar);
}

/* The LP relaxation (its value a first bound), then branch and bound
 * with the incumbent handed in by mip_callback.  Returns a siaga
 * status; m->found, m->proven, m->bound and m->xval say what it got. */
static int mip_run(glp_prob *P, struct mip *m)
{
    int ncol = m->c->n + m->c->off[m->c->n], rc;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.tm_lim = solver_tm_lim(m->deadline);
    int ret = solver_simplex(P, &sp);
    if (ret == GLP_ETMLIM)
        return SIAGA_ELIMIT;
    if (ret != 0 || glp_get_status(P) != GLP_OPT)
        return SIAGA_ESOLVER;
    m->bound = glp_get_obj_val(P);

    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;   /* keep column numbers for the incumbent */
    ip.tm_lim = solver_tm_lim(m->deadline);
    ip.mip_gap = 0.0;
    ip.clq_cuts = GLP_ON;
    ip.mir_cuts = GLP_ON;
    ip.br_tech = GLP_BR_PCH;
    ip.bt_tech = GLP_BT_BLB;
    ip.cb_func = mip_callback;
    ip.cb_info = m;
    ret = solver_intopt(P, &ip);
    int st = glp_mip_status(P);
    if (st == GLP_OPT || st == GLP_FEAS) {
        m->found = 1;
        for (int j = 1; j <= ncol; j++)
            m->xval[j] = glp_mip_col_val(P, j);
    }
    if (ret == 0 && st == GLP_OPT) {
        m->proven = 1;
        m->bound = glp_mip_obj_val(P);
        rc = SIAGA_OK;
    } else if (ret == GLP_ETMLIM || ret == GLP_ESTOP || ret == 0) {
        rc = m->found ? SIAGA_ELIMIT : SIAGA_ESOLVER;
        if (ret == GLP_ETMLIM && !m->found)
            rc = SIAGA_ELIMIT;
    } else {
        rc = SIAGA_ESOLVER;
    }
    return rc;
}

/* Build and solve the component MIP (with export_path, write it first;
 * with deadline < 0, only write it).  Returns a siaga status. */
static int mip_solve(struct mip *m)
{
    const struct comp *c = m->c;
    int n = c->n, npair = c->off[n], ncol = n + npair;
    int *ia = NULL, *ja = NULL;
    double *ar = NULL;
    int rc = SIAGA_ENOMEM;
    struct glpk_guard g;
    size_t nz = ((size_t)n + (size_t)npair)   /* cover */
              + 2 * (size_t)npair              /* link */
              + ((size_t)npair + (size_t)n)    /* cap */
              + (size_t)n + 1;                 /* posts */
    ia = malloc(sizeof(int) * (nz + 1));
    ja = malloc(sizeof(int) * (nz + 1));
    ar = malloc(sizeof(double) * (nz + 1));
    m->xval = calloc((size_t)ncol + 1, sizeof(double));
    if (!ia || !ja || !ar || !m->xval)
        goto done;

    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        rc = SIAGA_ESOLVER;
        goto done;
    }
    glp_prob *P = glp_create_prob();
    mip_build(P, m, ia, ja, ar);
    if (m->export_path != NULL && glp_write_lp(P, NULL, m->export_path) != 0)
        rc = SIAGA_EIO;
    else if (m->deadline < 0)
        rc = SIAGA_OK;
    else
        rc = mip_run(P, m);
    glp_delete_prob(P);
    glpk_guard_end(&g);
done:
    free(ia);
    free(ja);
    free(ar);
    return rc;
}

/* Read a clustering out of MIP column values. */
static void mip_to_sol(const struct comp *c, const double *x, struct sol *so)
{
    so->posts = 0;
    for (int i = 0; i < c->n; i++)
        if (x[col_y(i)] > 0.5) {
            so->anchor[i] = i;
            so->posts++;
        }
    for (int a = 0; a < c->n; a++)
        for (int k = c->off[a]; k < c->off[a + 1]; k++)
            if (x[col_x(c, k)] > 0.5)
                so->anchor[c->adj[k]] = a;
}

/* ---- 3. local search on distance --------------------------------------- */

/* Local search, stage 1: each anchor re-chosen among its cluster (the
 * member with the least total distance to the others, ties to the lower
 * index).  memb holds c->cap entries.  Returns whether anything moved. */
static int ls_rechoose(const struct comp *c, struct sol *so, int *memb)
{
    int n = c->n, changed = 0;
    for (int a = 0; a < n; a++) {
        if (so->anchor[a] != a)
            continue;
        int m = 0;
        memb[m++] = a;
        for (int k = c->off[a]; k < c->off[a + 1]; k++)
            if (so->anchor[c->adj[k]] == a)
                memb[m++] = c->adj[k];
        int best = a;
        double best_km = 0;
        for (int q = 1; q < m; q++)
            best_km += comp_dist(c, a, memb[q]);
        for (int p = 0; p < m; p++) {
            double km = 0;
            int ok = 1;
            for (int q = 0; q < m && ok; q++) {
                double d = comp_dist(c, memb[p], memb[q]);
                if (d < 0)
                    ok = 0;
                else
                    km += d;
            }
            if (ok && (km < best_km - EPS_KM ||
                       (fabs(km - best_km) <= EPS_KM && memb[p] < best))) {
                best = memb[p];
                best_km = km;
            }
        }
        if (best != a) {
            for (int q = 0; q < m; q++)
                so->anchor[memb[q]] = best;
            changed = 1;
        }
    }
    return changed;
}

/* Stage 2: moves of a member to a nearer anchor with room (size [n],
 * counted here).  Returns whether anything moved. */
static int ls_move(const struct comp *c, struct sol *so, int *size)
{
    int n = c->n, changed = 0;
    for (int i = 0; i < n; i++)
        size[i] = 0;
    for (int i = 0; i < n; i++)
        size[so->anchor[i]]++;
    for (int t = 0; t < n; t++) {
        int a = so->anchor[t];
        if (a == t)
            continue;
        double da = comp_dist(c, a, t);
        for (int k = c->off[t]; k < c->off[t + 1]; k++) {
            int b = c->adj[k];
            if (so->anchor[b] != b || b == a || size[b] >= c->cap)
                continue;
            if (c->dist[k] < da - EPS_KM) {
                so->anchor[t] = b;
                size[a]--;
                size[b]++;
                a = b;
                da = c->dist[k];
                changed = 1;
            }
        }
    }
    return changed;
}

/* Stage 3: swaps of two members between their anchors: t (at a) with s
 * (at b), both non-anchors, each within reach of the other anchor; b's
 * members are read from its list (first, next [n]), so this is linear in
 * the edges, not quadratic in the degree.  Returns whether anything
 * moved. */
static int ls_swap(const struct comp *c, struct sol *so, int *first, int *next)
{
    int n = c->n, changed = 0;
    for (int i = 0; i < n; i++)
        first[i] = -1;
    for (int i = n - 1; i >= 0; i--) {
        int an = so->anchor[i];
        if (an == i)
            continue;
        next[i] = first[an];
        first[an] = i;
    }
    for (int t = 0; t < n; t++) {
        int a = so->anchor[t];
        if (a == t)
            continue;
        double dta = comp_dist(c, a, t);
        int done_t = 0;
        for (int k = c->off[t]; k < c->off[t + 1] && !done_t; k++) {
            int b = c->adj[k];
            if (so->anchor[b] != b || b == a)
                continue;
            double dtb = c->dist[k];
            if (dtb >= dta - EPS_KM)
                continue; /* t gains nothing at b */
            for (int s2 = first[b]; s2 >= 0; s2 = next[s2]) {
                if (so->anchor[s2] != b)
                    continue;
                double dsa = comp_dist(c, a, s2);
                if (dsa < 0)
                    continue;
                double dsb = comp_dist(c, b, s2);
                if (dtb + dsa < dta + dsb - EPS_KM) {
                    so->anchor[t] = b;
                    so->anchor[s2] = a;
                    changed = 1;
                    done_t = 1;
                    break;
                }
            }
        }
    }
    return changed;
}

/* Re-choose each anchor among its cluster; move and swap members to
 * nearer anchors with room.  Keeps the number of posts. */
static int local_search(const struct comp *c, struct sol *so)
{
    int n = c->n;
    int *size = calloc((size_t)n, sizeof(int));
    int *memb = malloc(sizeof(int) * (size_t)c->cap);
    int *first = malloc(sizeof(int) * (size_t)n);
    int *next = malloc(sizeof(int) * (size_t)n);
    if (!size || !memb || !first || !next) {
        free(size);
        free(memb);
        free(first);
        free(next);
        return SIAGA_ENOMEM;
    }
    for (int round = 0; round < 50; round++) {
        int changed = ls_rechoose(c, so, memb);
        changed |= ls_move(c, so, size);
        changed |= ls_swap(c, so, first, next);
        if (!changed)
            break;
    }
    free(size);
    free(memb);
    free(first);
    free(next);
    return SIAGA_OK;
}

/* Sum of the n - posts smallest nearest-neighbour distances. */
/* -1 when out of memory (a bound is never negative). */
static double nn_bound(const struct comp *c, int posts)
{
    int n = c->n, m = 0;
    double *nn = malloc(sizeof(double) * (size_t)(n ? n : 1));
    if (nn == NULL)
        return -1.0;
    for (int i = 0; i < n; i++) {
        double best = DBL_MAX;
        for (int k = c->off[i]; k < c->off[i + 1]; k++)
            if (c->dist[k] < best)
                best = c->dist[k];
        if (best < DBL_MAX)
            nn[m++] = best;
    }
    /* partial selection by sorting: n is small per component */
    for (int i = 1; i < m; i++) {
        double v = nn[i];
        int j = i - 1;
        while (j >= 0 && nn[j] > v) {
            nn[j + 1] = nn[j];
            j--;
        }
        nn[j + 1] = v;
    }
    double lb = 0;
    for (int i = 0; i < n - posts && i < m; i++)
        lb += nn[i];
    free(nn);
    return lb;
}

/* ---- driver ------------------------------------------------------------ */

/* What one kecamatan yields; kecamatan are clustered in parallel and
 * merged in kecamatan order. */
struct kres {
    struct post *post; int npost, cap_post;
    long *comp_posts; int ncomp, cap_comp;  /* local component ids */
    long posts_bound;
    struct cluster_comp_stat *hard; int nhard, cap_hard;
    double seconds, ref_seconds;   /* wall clock; of it, the references */
    double km, km_bound;
    int limited;
};

struct ctx {
    const struct scenario *s;
    const struct plan_params *pp;
    double deadline;
    int *tps_comp;          /* shared; each kecamatan writes its own TPS */
    struct kres *kr;        /* the kecamatan being clustered */
    const int *lo, *hi;     /* TPS range of each kecamatan */
    const char *fixed;      /* TPS already in a kept post, or NULL */
};

static int push_post(struct ctx *x, const struct post *p)
{
    struct kres *o = x->kr;
    if (model_grow((void **)&o->post, o->npost, &o->cap_post, sizeof *o->post))
        return SIAGA_ENOMEM;
    o->post[o->npost++] = *p;
    return SIAGA_OK;
}

static int push_comp(struct ctx *x, long posts)
{
    struct kres *o = x->kr;
    if (model_grow((void **)&o->comp_posts, o->ncomp, &o->cap_comp,
                   sizeof *o->comp_posts))
        return -1;
    o->comp_posts[o->ncomp] = posts;
    return o->ncomp++;
}

/* The exact search on so from *lb; raises *lb to what it proves. */
static int exact_try(const struct comp *c, struct sol *so, long *lb, long budget,
                     double deadline)
{
    long proven_lb = *lb;
    int ex = exact_posts(c, so, *lb, budget, deadline, &proven_lb);
    if (ex == -2)
        return SIAGA_ENOMEM;
    *lb = ex >= 0 ? so->posts : proven_lb;
    return SIAGA_OK;
}

static int push_hard(struct kres *o)
{
    if (model_grow((void **)&o->hard, o->nhard, &o->cap_hard, sizeof *o->hard))
        return SIAGA_ENOMEM;
    memset(&o->hard[o->nhard++], 0, sizeof *o->hard);
    return SIAGA_OK;
}

/* Benchmarks only (plan_params.reference_glpk, reference_dir): the same
 * component by GLPK's branch and bound on the linking MIP, with no help
 * (no incumbent, no node budget), and its model for CBC. */
static int reference_solve(struct ctx *x, const struct comp *c, int kec,
                           struct cluster_comp_stat *st)
{
    int rc;
    struct mip m;
    memset(&m, 0, sizeof m);
    m.c = c;
    st->ref_glpk_sec = -1;
    if (x->pp->reference_dir != NULL) {
        char path[4096];
        snprintf(path, sizeof path, "%s/comp-%d-%d.lp", x->pp->reference_dir,
                 kec, c->tps[0]);
        m.export_path = path;
        m.deadline = -1;   /* write only */
        rc = mip_solve(&m);
        free(m.xval);
        memset(&m, 0, sizeof m);
        m.c = c;
        if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
            return rc;
    }
    if (x->pp->reference_glpk > 0) {
        double t0 = solver_now();
        m.deadline = t0 + x->pp->reference_glpk;
        rc = mip_solve(&m);
        st->ref_glpk_sec = solver_now() - t0;
        st->ref_glpk_status = m.proven ? 0 : rc == SIAGA_ELIMIT ? 1 : 2;
        if (m.found) {
            struct sol ms = {malloc(sizeof(int) * (size_t)c->n), 0};
            if (ms.anchor != NULL)
                mip_to_sol(c, m.xval, &ms);
            st->ref_glpk_posts = ms.posts;
            free(ms.anchor);
        }
        free(m.xval);
        if (rc == SIAGA_ENOMEM)
            return rc;
    }
    return SIAGA_OK;
}

/* Item 1 of the posts: the greedy, closed towards lb, then a few
 * restarts with seeded noise (deterministic) that stop at the first that
 * does not improve on a large component; *so holds the best. */
static int greedy_posts(const struct ctx *x, const struct comp *c,
                        struct sol *so, long lb)
{
    int n = c->n;
    int rc = greedy(c, so, 0);
    if (rc == SIAGA_OK && so->posts > lb)
        rc = cluster_close_posts(c, so, lb);
    if (rc != SIAGA_OK)
        return rc;
    for (int r = 1, stale = 0; r <= GREEDY_RESTARTS && so->posts > lb &&
                               stale < GREEDY_STALE && !solver_past(x->deadline); r++) {
        struct sol alt = {malloc(sizeof(int) * (size_t)n), 0};
        if (alt.anchor == NULL)
            return SIAGA_ENOMEM;
        uint64_t seed = 0x9E3779B97F4A7C15ULL * (uint64_t)r ^ c->seed;
        rc = greedy(c, &alt, seed | 1);
        if (rc == SIAGA_OK)
            rc = cluster_close_posts(c, &alt, lb);
        if (rc == SIAGA_OK && alt.posts < so->posts) {
            free(so->anchor);
            *so = alt;
            stale = 0;
        } else {
            free(alt.anchor);
            stale++;
        }
        if (rc != SIAGA_OK)
            return rc;
    }
    return SIAGA_OK;
}

/* Item 5 with the post count fixed: the nearest-neighbour bound, local
 * search, then the distance MIP from that incumbent where the component
 * is small enough and a gap is left.  Adds the km and its bound to the
 * kecamatan's. */
static int shorten_km(struct ctx *x, const struct comp *c, struct sol *so)
{
    struct kres *o = x->kr;
    int n = c->n, rc;
    struct mip m;
    memset(&m, 0, sizeof m);
    double km_lb = nn_bound(c, so->posts);
    if (km_lb < 0)
        return SIAGA_ENOMEM; /* never a weaker bound in silence */
    /* past the deadline item 5 keeps what it has; its bound stays proven */
    rc = solver_past(x->deadline) ? SIAGA_OK : local_search(c, so);
    if (rc != SIAGA_OK)
        return rc;
    double km = sol_km(c, so);
    if (c->off[n] <= P5_MIP_MAX_PAIRS && km > km_lb + EPS_KM &&
        !solver_past(x->deadline)) {
        m.c = c;
        m.start = so;
        m.fix_posts = so->posts;
        m.deadline = x->deadline;
        m.node_limit = x->pp->node_limit;
        m.bound = 0;
        rc = mip_solve(&m);
        if (rc == SIAGA_ENOMEM || rc == SIAGA_ESOLVER)
            goto done;
        if (m.found) {
            struct sol ms = {malloc(sizeof(int) * (size_t)n), 0};
            if (ms.anchor == NULL) {
                rc = SIAGA_ENOMEM;
                goto done;
            }
            mip_to_sol(c, m.xval, &ms);
            double mkm = sol_km(c, &ms);
            if (ms.posts == so->posts && mkm < km - EPS_KM) {
                free(so->anchor);
                *so = ms;
                km = mkm;
            } else {
                free(ms.anchor);
            }
        }
        if (m.proven)
            km_lb = km;
        else if (m.bound > km_lb)
            km_lb = m.bound;
    }
    if (km_lb > km)
        km_lb = km;
    o->km += km;
    o->km_bound += km_lb;
    rc = SIAGA_OK;
done:
    free(m.xval);
    return rc;
}

/* The component's clusters as posts of kecamatan kec, the anchor first,
 * and its TPS marked with the component's id. */
static int append_posts(struct ctx *x, const struct comp *c,
                        const struct sol *so, enum grade g, int kec)
{
    int n = c->n;
    int id = push_comp(x, so->posts);
    if (id < 0)
        return SIAGA_ENOMEM;
    for (int i = 0; i < n; i++)
        x->tps_comp[c->tps[i]] = id;
    for (int a = 0; a < n; a++) {
        if (so->anchor[a] != a)
            continue;
        struct post p;
        memset(&p, 0, sizeof p);
        p.grade = g;
        p.kecamatan = kec;
        p.tps[p.ntps++] = c->tps[a];
        for (int i = 0; i < n; i++)
            if (i != a && so->anchor[i] == a)
                p.tps[p.ntps++] = c->tps[i];
        p.required = x->s->rules.grade[g].guards;
        int rc = push_post(x, &p);
        if (rc != SIAGA_OK)
            return rc;
    }
    return SIAGA_OK;
}

/* Raise *lb while the count by regions proves that no clustering of *lb
 * posts exists (cluster_regions.h). */
static int regions_raise(const struct comp *c, const struct sol *so, long *lb,
                         double deadline)
{
    while (so->posts > *lb && !solver_past(deadline)) {
        bool refuted;
        int rc = cluster_regions_refute(c, *lb, deadline, &refuted);
        if (rc != SIAGA_OK || !refuted)
            return rc;
        ++*lb;
    }
    return SIAGA_OK;
}

/* Solve one component and append its posts. */
static int solve_comp(struct ctx *x, const struct comp *c, enum grade g,
                      int kec)
{
    struct kres *o = x->kr;
    int n = c->n, rc = SIAGA_ENOMEM;
    struct sol so = {malloc(sizeof(int) * (size_t)n), 0};
    if (so.anchor == NULL)
        goto done;
    long lb = cluster_lower_bound(n, c->cap);
    double t_comp = solver_now();
    rc = greedy_posts(x, c, &so, lb);
    if (rc != SIAGA_OK)
        goto done;
    /* the set-partitioning bound, and branch-and-price where it leaves a
     * gap */
    struct price_stats ps;
    memset(&ps, 0, sizeof ps);
    int hard = so.posts > lb ? o->nhard : -1;
    /* small components: the exact search first, on a tenth of its budget
     * (on a path of 30 TPS it settles in milliseconds what the LP leaves
     * to branching) */
    if (so.posts > lb && n <= EXACT_MAX_N &&
        (rc = exact_try(c, &so, &lb, x->pp->posts_node_limit / 10, x->deadline)) != SIAGA_OK)
        goto done;
    if (hard >= 0) {
        if ((rc = push_hard(o)) != SIAGA_OK)
            goto done;
        o->hard[hard].ref_glpk_sec = -1;
        if ((x->pp->reference_glpk > 0 || x->pp->reference_dir != NULL) &&
            n >= x->pp->reference_min_n) {
            double t_ref = solver_now();
            rc = reference_solve(x, c, kec, &o->hard[hard]);
            t_ref = solver_now() - t_ref;   /* not siaga's time */
            t_comp += t_ref;
            o->ref_seconds += t_ref;
            if (rc != SIAGA_OK)
                goto done;
        }
        /* unless the exact search above settled it: the count by regions
         * (whole posts), then the set-partitioning LP and branch and
         * price; the count again where the LP raised the bound */
        if (so.posts > lb && (rc = regions_raise(c, &so, &lb, x->deadline)) != SIAGA_OK)
            goto done;
        /* a walk over anchor sets for lb posts: where the bound is right
         * it finds in milliseconds what branch and price dives for */
        if (so.posts > lb && !solver_past(x->deadline) &&
            (rc = cluster_anchor_walk(c, &so, lb, CLUSTER_WALK_STALE,
                                      0xA0761D6478BD642FULL ^ c->seed,
                                      x->deadline)) != SIAGA_OK)
            goto done;
        if (so.posts > lb) {
            long lb_before = lb;
            rc = cluster_price_posts(c, &so, &lb, x->deadline,
                                     x->pp->price_node_limit, &ps);
            if (rc == SIAGA_ENOMEM || rc == SIAGA_ESOLVER)
                goto done;
            if (lb > lb_before && so.posts > lb &&
                (rc = regions_raise(c, &so, &lb, x->deadline)) != SIAGA_OK)
                goto done;
            /* left unproven: the walk again, for the bound the LP
             * raised, or from the incumbent branch and price left */
            if (so.posts > lb && !solver_past(x->deadline) &&
                (rc = cluster_anchor_walk(c, &so, lb, CLUSTER_WALK_STALE,
                                          0xD1B54A32D192ED03ULL ^ c->seed,
                                          x->deadline)) != SIAGA_OK)
                goto done;
        }
    }
    /* small components: the exact search can still settle what the
     * search above left open */
    if (so.posts > lb && n <= EXACT_MAX_N && !solver_past(x->deadline) &&
        (rc = exact_try(c, &so, &lb, x->pp->posts_node_limit, x->deadline)) != SIAGA_OK)
        goto done;
    if (so.posts > lb)
        o->limited = 1;
    if (hard >= 0) {
        struct cluster_comp_stat *st = &o->hard[hard];
        st->kecamatan = kec;
        st->grade = (int)g;
        st->n = n;
        st->cap = c->cap;
        st->posts = so.posts;
        st->bound = lb;
        st->root_lp = ps.root_lp;
        st->seconds = solver_now() - t_comp;
        st->nodes = ps.nodes;
    }
    o->posts_bound += lb;
    rc = x->pp->posts_only ? SIAGA_OK : shorten_km(x, c, &so);
    if (rc == SIAGA_OK)
        rc = append_posts(x, c, &so, g, kec);
done:
    free(so.anchor);
    return rc;
}

/* A seed for a component's randomised searches from its TPS codes and
 * size, so that a split part is clustered as in the whole scenario. */
static uint64_t comp_seed(const struct scenario *s, const int *tps, int n)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)n;
    for (int i = 0; i < n && i < 4; i++) {
        const struct tps *t = &s->tps[tps[i]];
        h = (h ^ (uint64_t)t->no) * 1099511628211ULL;
        h = (h ^ (uint64_t)(int64_t)llround(t->lat * 1e7)) * 1099511628211ULL;
        h = (h ^ (uint64_t)(int64_t)llround(t->lon * 1e7)) * 1099511628211ULL;
    }
    return h;
}

/* The pairs of TPS within the radius, in (i, j > i) lexicographic order,
 * and each TPS's degree. */
struct pairs {
    int *i, *j;
    double *d;
    size_t n, cap;
};

/* All pairs of idx[0..n) within radius_km into pr, counting deg [n]
 * (zeroed by the caller); n is one kecamatan's TPS of one grade.
 * Returns a siaga status; pr is the caller's to free either way. */
static int radius_pairs(const struct scenario *s, const int *idx, int n,
                        double radius_km, struct pairs *pr, int *deg)
{
    /* each TPS's cosine of latitude once, and no trigonometry for pairs
     * certainly further apart than the radius (geo.h): the same pairs and
     * distances, bit for bit */
    double *cosl = malloc(sizeof(double) * ((size_t)n + 1));
    if (cosl == NULL)
        return SIAGA_ENOMEM;
    for (int i = 0; i < n; i++)
        cosl[i] = geo_cos_lat(s->tps[idx[i]].lat);
    for (int i = 0; i < n; i++) {
        const struct tps *ti = &s->tps[idx[i]];
        for (int j = i + 1; j < n; j++) {
            const struct tps *tj = &s->tps[idx[j]];
            double d;
            if (!geo_pair_within(ti->lat, ti->lon, cosl[i], tj->lat, tj->lon,
                                 cosl[j], radius_km + RADIUS_EPS_KM, &d))
                continue;
            if (pr->n == pr->cap) {
                size_t nc = pr->cap ? 2 * pr->cap : 1024;
                int *a = realloc(pr->i, sizeof(int) * nc);
                if (a) pr->i = a;
                int *b = realloc(pr->j, sizeof(int) * nc);
                if (b) pr->j = b;
                double *dd = realloc(pr->d, sizeof(double) * nc);
                if (dd) pr->d = dd;
                if (!a || !b || !dd) {
                    free(cosl);
                    return SIAGA_ENOMEM;
                }
                pr->cap = nc;
            }
            pr->i[pr->n] = i;
            pr->j[pr->n] = j;
            pr->d[pr->n] = d;
            pr->n++;
            deg[i]++;
            deg[j]++;
        }
    }
    free(cosl);
    return SIAGA_OK;
}

/* The radius graph of n TPS as sorted adjacency rows: off [n + 1], adj
 * and dist [2 * pr->n]; deg [n] is used up as the fill pointer. */
static void pairs_to_rows(const struct pairs *pr, int n, int *deg, int *off,
                          int *adj, double *dist)
{
    off[0] = 0;
    for (int i = 0; i < n; i++)
        off[i + 1] = off[i] + deg[i];
    for (int i = 0; i < n; i++)
        deg[i] = off[i];
    /* pairs come in (i, j>i) lexicographic order, so each row is sorted
     * when filled in two passes: lower neighbours first, then higher */
    for (size_t k = 0; k < pr->n; k++) {
        int j = pr->j[k];
        adj[deg[j]] = pr->i[k];
        dist[deg[j]++] = pr->d[k];
    }
    for (size_t k = 0; k < pr->n; k++) {
        int i = pr->i[k];
        adj[deg[i]] = pr->j[k];
        dist[deg[i]++] = pr->d[k];
    }
}

/*
 * Cluster the TPS idx[0..n) of one kecamatan and grade: radius graph,
 * components, then solve_comp on each.
 */
static int cluster_group(struct ctx *x, const int *idx, int n, enum grade g,
                         int kec)
{
    const struct scenario *s = x->s;
    const struct grade_rule *gr = &s->rules.grade[g];
    int rc = SIAGA_ENOMEM;
    int *deg = calloc((size_t)n + 1, sizeof(int));
    int *off = NULL, *adj = NULL, *comp = NULL, *order = NULL, *local = NULL;
    int *coff = NULL, *cadj = NULL, *ctps = NULL;
    double *dist = NULL, *cdist = NULL;
    struct pairs pr = {NULL, NULL, NULL, 0, 0};
    if (deg == NULL)
        goto done;
    if ((rc = radius_pairs(s, idx, n, gr->radius_km, &pr, deg)) != SIAGA_OK)
        goto done;
    rc = SIAGA_ENOMEM;
    size_t npair = pr.n;
    off = malloc(sizeof(int) * ((size_t)n + 1));
    adj = malloc(sizeof(int) * (2 * npair + 1));
    dist = malloc(sizeof(double) * (2 * npair + 1));
    comp = malloc(sizeof(int) * (size_t)n);
    order = malloc(sizeof(int) * (size_t)n);
    local = malloc(sizeof(int) * (size_t)n);
    coff = malloc(sizeof(int) * ((size_t)n + 1));
    cadj = malloc(sizeof(int) * (2 * npair + 1));
    cdist = malloc(sizeof(double) * (2 * npair + 1));
    ctps = malloc(sizeof(int) * (size_t)n);
    if (!off || !adj || !dist || !comp || !order || !local || !coff ||
        !cadj || !cdist || !ctps)
        goto done;
    pairs_to_rows(&pr, n, deg, off, adj, dist);
    /* components by breadth-first search, in index order */
    for (int i = 0; i < n; i++)
        comp[i] = -1;
    for (int root = 0; root < n; root++) {
        if (comp[root] >= 0)
            continue;
        int head = 0, tail = 0;
        order[tail++] = root;
        comp[root] = root;
        while (head < tail) {
            int v = order[head++];
            for (int k = off[v]; k < off[v + 1]; k++)
                if (comp[adj[k]] < 0) {
                    comp[adj[k]] = root;
                    order[tail++] = adj[k];
                }
        }
        /* nodes of this component in index order */
        int m = 0;
        for (int i = root; i < n; i++)
            if (comp[i] == root)
                local[i] = m, ctps[m++] = idx[i];
        struct comp c = {m, gr->tps_per_post, gr->radius_km, ctps, 0,
                         coff, cadj, cdist};
        c.seed = comp_seed(s, ctps, m);
        int e = 0, q = 0;
        coff[0] = 0;
        for (int i = root; i < n; i++) {
            if (comp[i] != root)
                continue;
            for (int k = off[i]; k < off[i + 1]; k++) {
                cadj[e] = local[adj[k]];
                cdist[e++] = dist[k];
            }
            coff[++q] = e;
        }
        rc = solve_comp(x, &c, g, kec);
        if (rc != SIAGA_OK)
            goto done;
    }
    rc = SIAGA_OK;
done:
    free(deg);
    free(off);
    free(adj);
    free(dist);
    free(comp);
    free(order);
    free(local);
    free(coff);
    free(cadj);
    free(cdist);
    free(ctps);
    free(pr.i);
    free(pr.j);
    free(pr.d);
    return rc;
}

/* Cluster the TPS of kecamatan k into x->kr. */
static int cluster_kecamatan(struct ctx *x, int k, int *idx)
{
    const struct scenario *s = x->s;
    int lo = x->lo[k], hi = x->hi[k], rc;
    /* sangat rawan first: posts are sorted later, this order is internal */
    for (int g = GRADE_COUNT - 1; g >= 0; g--) {
        int n = 0;
        for (int t = lo; t < hi; t++)
            if ((int)s->tps[t].grade == g && (x->fixed == NULL || !x->fixed[t]))
                idx[n++] = t;
        if (n == 0)
            continue;
        if (s->rules.grade[g].tps_per_post == 1) {
            for (int i = 0; i < n; i++) {
                struct post p;
                memset(&p, 0, sizeof p);
                p.grade = (enum grade)g;
                p.kecamatan = k;
                p.ntps = 1;
                p.tps[0] = idx[i];
                p.required = s->rules.grade[g].guards;
                if ((rc = push_post(x, &p)) != SIAGA_OK)
                    return rc;
                x->kr->posts_bound++;
            }
            continue;
        }
        rc = cluster_group(x, idx, n, (enum grade)g, k);
        if (rc != SIAGA_OK)
            return rc;
    }
    return SIAGA_OK;
}

struct job {
    const struct scenario *s;
    const struct plan_params *pp;
    double deadline;
    int *tps_comp;
    struct kres *kr;
    const int *lo, *hi;
    const char *fixed;
    atomic_long done;
    atomic_long posts, bound;   /* of the kecamatan done, for progress */
};

static int cluster_job(void *ctx, int k, int worker)
{
    (void)worker;
    struct job *j = ctx;
    int n = j->hi[k] - j->lo[k];
    int *idx = malloc(sizeof(int) * (size_t)(n ? n : 1));
    if (idx == NULL)
        return SIAGA_ENOMEM;
    struct ctx x = {j->s, j->pp, j->deadline, j->tps_comp, &j->kr[k],
                    j->lo, j->hi, j->fixed};
    double t0 = solver_now();
    int rc = cluster_kecamatan(&x, k, idx);
    j->kr[k].seconds = solver_now() - t0 - j->kr[k].ref_seconds;
    free(idx);
    long done = atomic_fetch_add(&j->done, 1) + 1;
    long posts = atomic_fetch_add(&j->posts, j->kr[k].npost) + j->kr[k].npost;
    long bound = atomic_fetch_add(&j->bound, j->kr[k].posts_bound) + j->kr[k].posts_bound;
    if (rc == SIAGA_OK && j->pp->posts != NULL)
        j->pp->posts(j->pp->progress_ctx, posts, bound);
    if (rc == SIAGA_OK && j->pp->progress != NULL)
        j->pp->progress(j->pp->progress_ctx, "kecamatan dikelompokkan", done,
                        j->s->nkec);
    return rc;
}

static const int *sort_keys;
static int cmp_size_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    if (sort_keys[x] != sort_keys[y])
        return sort_keys[x] > sort_keys[y] ? -1 : 1;
    return (x > y) - (x < y);
}

int cluster_build(const struct scenario *s, const struct plan_params *pp,
                  double deadline, struct cluster_result *out,
                  struct error_list *errs)
{
    return cluster_build_kept(s, pp, deadline, NULL, 0, out, errs);
}

int cluster_build_kept(const struct scenario *s, const struct plan_params *pp,
                       double deadline, const struct post *kept, int nkept,
                       struct cluster_result *out, struct error_list *errs)
{
    int rc = SIAGA_ENOMEM, nk = s->nkec;
    char *fixed = NULL;
    struct job j;
    memset(&j, 0, sizeof j);
    memset(out, 0, sizeof *out);
    int *lo = calloc((size_t)nk + 1, sizeof(int));
    int *hi = calloc((size_t)nk + 1, sizeof(int));
    int *size = calloc((size_t)nk + 1, sizeof(int));
    int *order = malloc(sizeof(int) * ((size_t)nk + 1));
    struct kres *kr = calloc((size_t)nk + 1, sizeof *kr);
    out->tps_comp = malloc(sizeof(int) * (size_t)(s->ntps ? s->ntps : 1));
    if (!lo || !hi || !size || !order || !kr || !out->tps_comp)
        goto done;
    for (int t = 0; t < s->ntps; t++)
        out->tps_comp[t] = -1;
    if (nkept > 0) {
        fixed = calloc((size_t)s->ntps + 1, 1);
        if (fixed == NULL)
            goto done;
        for (int i = 0; i < nkept; i++)
            for (int q = 0; q < kept[i].ntps; q++)
                fixed[kept[i].tps[q]] = 1;
    }
    /* TPS of one kecamatan are contiguous (document order) */
    for (int t = s->ntps - 1; t >= 0; t--)
        lo[s->tps[t].kecamatan] = t;
    for (int t = 0; t < s->ntps; t++)
        hi[s->tps[t].kecamatan] = t + 1;
    for (int k = 0; k < nk; k++) {
        size[k] = hi[k] - lo[k];
        order[k] = k;
    }
    /* largest kecamatan first, for balance; results do not depend on it */
    sort_keys = size;
    qsort(order, (size_t)nk, sizeof *order, cmp_size_desc);
    j = (struct job){s, pp, deadline, out->tps_comp, kr, lo, hi, fixed, 0, 0, 0};
    atomic_init(&j.done, 0);
    atomic_init(&j.posts, 0);
    atomic_init(&j.bound, 0);
    rc = parallel_for(nk, order, pp->jobs, cluster_job, &j);
    if (rc != SIAGA_OK)
        goto done;
    /* merge in kecamatan order */
    long npost = 0, ncomp = 0;
    for (int k = 0; k < nk; k++) {
        npost += kr[k].npost;
        ncomp += kr[k].ncomp;
    }
    rc = SIAGA_ENOMEM;
    long nhard = 0;
    for (int k = 0; k < nk; k++)
        nhard += kr[k].nhard;
    out->post = malloc(sizeof *out->post * (size_t)(npost + nkept + 1));
    out->comp_posts = malloc(sizeof(long) * (size_t)(ncomp + 1));
    out->hard = malloc(sizeof *out->hard * (size_t)(nhard + 1));
    out->kec_seconds = malloc(sizeof(double) * ((size_t)nk + 1));
    if (out->post == NULL || out->comp_posts == NULL || out->hard == NULL ||
        out->kec_seconds == NULL)
        goto done;
    int limited = 0;
    for (int k = 0; k < nk; k++) {
        const struct kres *r = &kr[k];
        for (int t = lo[k]; t < hi[k]; t++)
            if (out->tps_comp[t] >= 0)
                out->tps_comp[t] += out->ncomp;
        if (r->npost > 0)
            memcpy(out->post + out->npost, r->post, sizeof *r->post * (size_t)r->npost);
        if (r->ncomp > 0)
            memcpy(out->comp_posts + out->ncomp, r->comp_posts,
                   sizeof(long) * (size_t)r->ncomp);
        out->npost += r->npost;
        out->ncomp += r->ncomp;
        out->posts_bound += r->posts_bound;
        out->km += r->km;
        out->km_bound += r->km_bound;
        limited |= r->limited;
        if (r->nhard > 0)
            memcpy(out->hard + out->nhard, r->hard, sizeof *r->hard * (size_t)r->nhard);
        out->nhard += r->nhard;
        out->kec_seconds[k] = r->seconds;
    }
    /* kept posts count as they are: the bound says nothing about them */
    for (int i = 0; i < nkept; i++) {
        out->post[out->npost++] = kept[i];
        out->posts_bound++;
    }
    rc = limited ? SIAGA_ELIMIT : SIAGA_OK;
done:
    free(fixed);
    for (int k = 0; kr != NULL && k < nk; k++) {
        free(kr[k].post);
        free(kr[k].comp_posts);
        free(kr[k].hard);
    }
    free(kr);
    free(lo);
    free(hi);
    free(size);
    free(order);
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT) {
        if (rc == SIAGA_ESOLVER)
            error_add(errs, NULL, 0, "GLPK failed while clustering TPS");
        else if (rc == SIAGA_ENOMEM)
            error_add(errs, NULL, 0, "out of memory while clustering TPS");
        cluster_free(out);
    }
    return rc;
}

void cluster_free(struct cluster_result *r)
{
    if (r == NULL)
        return;
    free(r->post);
    free(r->tps_comp);
    free(r->comp_posts);
    free(r->hard);
    free(r->kec_seconds);
    memset(r, 0, sizeof *r);
}
