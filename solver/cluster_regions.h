/*
 * cluster_regions.h - a lower bound on a component's posts by counting
 * them region by region, in whole numbers.
 *
 * The set-partitioning LP of cluster_price.c packs a blob with fractions
 * of posts: a blob of 87 TPS (cap 5) that shares posts with the rest of
 * its component only through one TPS takes 17.4 posts of it.  Whole posts
 * cannot: the TPS in posts anchored in the blob are its 87, less the ones
 * it gives away, plus the ones it takes in, and the posts are full when
 * the component has no room to spare (n = cap T), so that number is a
 * multiple of 5; with that one TPS it can only be 86 to 89.  No clustering
 * of T posts exists, and the LP, at exactly T, cannot tell.
 *
 * The count, for any clustering of at most T posts and any partition of
 * the TPS into regions S_r: k_r posts are anchored in S_r; f_rq TPS of
 * S_q are in posts anchored in S_r (q != r); w_r places of r's posts are
 * empty.  Then, all whole numbers,
 *   cap k_r - w_r = |S_r| - sum_q f_qr + sum_q f_rq   (what r's posts hold)
 *   0 <= w_r <= (cap - 1) k_r          (a post holds 1 to cap TPS)
 *   k_r + sum_q f_qr <= |S_r|          (r's anchors are TPS of r, in their
 *                                       own posts)
 *   sum_r w_r <= cap T - n             (the posts hold the n TPS)
 *   f_rq <= the TPS of S_q within the radius of an anchor in S_r, and
 *        <= the sum over those anchors of min(cap - 1, their TPS in S_q)
 *   sum_r f_rq <= the TPS of S_q within the radius of another region.
 * A small integer programme (a few dozen regions); where GLPK proves it
 * has no solution, no clustering of T posts exists.
 *
 * The regions: the TPS joined by links no longer than a length (single
 * linkage), for lengths from 7/8 of the radius down to 1/8; the coarsest
 * partitions first (fewest regions: the programme is smallest), each one
 * new partition tried once.  Deterministic: GLPK stops each programme
 * after a number of nodes, not a time (the deadline aside).
 */
#ifndef SIAGA_CLUSTER_REGIONS_H
#define SIAGA_CLUSTER_REGIONS_H

#include <stdbool.h>

struct comp;

/*
 * Sets *refuted when some partition proves that no clustering of c has
 * at most T posts; false says nothing.  deadline: a solver_now() time, 0
 * for none.  SIAGA_OK, SIAGA_ENOMEM or SIAGA_ESOLVER (*refuted false).
 */
int cluster_regions_refute(const struct comp *c, long T, double deadline,
                           bool *refuted);

#endif
