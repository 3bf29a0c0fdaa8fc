/*
 * cluster_int.h - what cluster.c (the driver and its heuristics) and
 * cluster_price.c (the set-partitioning bound and branch-and-price) share:
 * a component of the radius graph and a clustering of it.  Not a public
 * header: besides solver/cluster*.c only white-box tools include it
 * (tests/test_posts_bound.c, bench/cuts_dump.c, which checks the cuts).
 */
#ifndef SIAGA_CLUSTER_INT_H
#define SIAGA_CLUSTER_INT_H

#include <stdint.h>

/* Distances closer than this are equal (km). */
#define EPS_KM 1e-9

/* A component: n TPS, adjacency in CSR form, sorted by neighbour. */
struct comp {
    int n, cap;             /* TPS, TPS per post */
    double radius;
    const int *tps;         /* global TPS index of each node */
    uint64_t seed;          /* of the component's own data (not of TPS
                               indices, which differ between a scenario
                               and its split parts) */
    int *off, *adj;         /* neighbours of i: adj[off[i] .. off[i+1]) */
    double *dist;           /* matching distances */
};

/* A clustering of a component: the anchor of each node. */
struct sol {
    int *anchor;            /* anchor[i] == i for anchors */
    int posts;
};

/* qsort order of ints, ascending (cluster.c). */
int cluster_cmp_int(const void *x, const void *y);

/*
 * Close posts of so along augmenting paths while it has more than lb
 * (cluster.c).  SIAGA_OK or SIAGA_ENOMEM (so unchanged then).
 */
int cluster_close_posts(const struct comp *c, struct sol *so, long lb);

/*
 * Complete a partial clustering: so->anchor[i] == i marks the anchors
 * chosen, every other entry is -1.  Each other TPS is placed by an
 * augmenting path into an anchor with room; one that finds none becomes
 * an anchor itself.  Then posts are closed as above while more than lb.
 * SIAGA_OK or SIAGA_ENOMEM.
 */
int cluster_complete(const struct comp *c, struct sol *so, long lb);

/* Repairs in a row without a better clustering before the destroy and
 * repair search stops, once the LP has shown a gap: CLUSTER_LNS_STALE
 * before the dive, and when the dive finds nothing, up to CLUSTER_LNS_WORK
 * / n^2 in all for a component of n TPS (a repair's closing of posts costs
 * about n^2), at most 10 times CLUSTER_LNS_STALE: about a second at n 350.
 * Of the 27 stress components that 400 repairs left unproven, the longer
 * walk found the clustering of T posts of 7; on 24 maps never tuned on, of
 * none of 17 (bench/RESULTS.md, session 8). */
#define CLUSTER_LNS_STALE 400
#define CLUSTER_LNS_WORK 490000000L

/*
 * Destroy and repair around random anchors until so has lb posts, or
 * stale_max repairs in a row found no better one, or the deadline
 * (cluster.c).  SIAGA_OK or SIAGA_ENOMEM; so stays a valid clustering.
 */
int cluster_lns(const struct comp *c, struct sol *so, long lb, long stale_max,
                uint64_t seed, double deadline);

/* The walk over anchor sets stops after CLUSTER_WALK_STALE steps without
 * fewer TPS left over than its best, or after CLUSTER_WALK_WORK entries of
 * anchors' lists scanned by its augmenting paths (about 2 s at 4.6e8 per
 * second; cluster.c).  On the stress maps of session 11 the longest run
 * without a better cost before the walk found its clustering was 10,645
 * steps. */
#define CLUSTER_WALK_STALE 20000
#define CLUSTER_WALK_WORK 1000000000L

/*
 * Look for a clustering of lb posts by a walk over sets of lb anchors,
 * each placed by a maximum b-matching kept by augmenting paths
 * (cluster.c), until stale_max steps bring no better set, the work budget
 * or the deadline.  SIAGA_OK or SIAGA_ENOMEM; so is replaced only by a
 * clustering of lb posts.
 */
int cluster_anchor_walk(const struct comp *c, struct sol *so, long lb,
                        long stale_max, uint64_t seed, double deadline);

#endif
