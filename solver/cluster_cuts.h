/*
 * cluster_cuts.h - capacity cuts for the set-partitioning master of
 * cluster_price.c: finding the ones an LP solution breaks.
 *
 * A capacity cut on a set S of TPS (the rounded capacity inequalities of
 * vehicle routing, here with the reach of the radius): at least
 * ceil(|S| / k) posts hold a TPS of S, where k is the most TPS of S one
 * post can hold, min(cap, |S within the radius of a, a included|) at best
 * over the anchors a.  Every TPS of S is in a post and a post holds at
 * most k of them; posts are whole, so the count is rounded up.  True of
 * every cover of the TPS by posts, so of every clustering and of every
 * node of the branching.  The LP of the covering master may break it: it
 * covers a blob of 40 TPS with 2.5 posts of 16 where 3 are needed.
 */
#ifndef SIAGA_CLUSTER_CUTS_H
#define SIAGA_CLUSTER_CUTS_H

#include <stddef.h>

struct comp;

/* The LP solution's columns: column j is anchor anc[j] and members
 * mem[off[j] .. off[j+1]) (no anchor among them), at value x[j]. */
struct cut_lp {
    int n, ncol;
    const int *anc, *off, *mem;
    const double *x;
};

/* Cuts: cut i is on TPS tps[off[i] .. off[i+1]) (sorted). */
struct cut_list {
    int n, cap;
    int *off;
    int *tps;
    size_t captps;
    double *rhs, *lhs;      /* lhs: the LP's value of it when found */
};

void cut_list_free(struct cut_list *l);

/* Append a cut (t sorted).  0, or -1 out of memory. */
int cut_list_push(struct cut_list *l, const int *t, int nt, double rhs, double lhs);

/* Says a cut is in the master already (on these TPS). */
typedef int cut_known_fn(void *ctx, const int *t, int nt);

/*
 * Capacity cuts the solution breaks by more than min_violation: sets grown
 * from each TPS, one TPS at a time, taking the TPS that adds the least
 * weight of posts that count (the CVRPSEP greedy), up to max_size TPS.
 * The most broken first, at most max_cuts, appended to out.  c gives the
 * radius graph and cap.  Returns how many, or -1 out of memory.
 */
int cap_separate(const struct cut_lp *lp, const struct comp *c,
                 double min_violation, int max_cuts, int max_size,
                 cut_known_fn *known, void *ctx, struct cut_list *out);

#endif
