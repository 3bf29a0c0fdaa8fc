/*
 * cluster_price.h - fewest posts of one component, proven by the
 * set-partitioning LP: a bound by column generation, branch-and-price on
 * anchors (cluster_price.c says why each step is exact).
 */
#ifndef SIAGA_CLUSTER_PRICE_H
#define SIAGA_CLUSTER_PRICE_H

struct comp;
struct sol;

/* What one call did, for the benchmarks (cluster_comp_stat). */
struct price_stats {
    long nodes;          /* branch-and-price nodes solved */
    double root_lp;      /* the root's bound before rounding up */
};

/*
 * so holds a clustering of c (the incumbent) and *bound a proven lower
 * bound on its posts.  Improves both: so is replaced by any better
 * clustering found, *bound raised to what the LP and the search prove.
 * Stops when so->posts == *bound (proven), at deadline (a solver_now()
 * time, 0 = none) or after node_limit nodes (0 = none).
 * Returns SIAGA_OK (proven: so->posts == *bound), SIAGA_ELIMIT (stopped
 * first; so and *bound are still valid), SIAGA_ENOMEM or SIAGA_ESOLVER
 * (so and *bound valid all the same).  stats may be NULL.
 */
int cluster_price_posts(const struct comp *c, struct sol *so, long *bound,
                        double deadline, long node_limit,
                        struct price_stats *stats);

#endif
