/*
 * cluster_cuts.h - subset-row cuts for the set-partitioning master of
 * cluster_price.c: finding the violated ones in an LP solution.
 *
 * A subset-row cut on three TPS S = {u, v, w} (Jepsen, Petersen, Spoorendonk
 * and Pisinger 2008) says that at most one post holds two or more of them:
 *
 *   sum over columns j with |j & S| >= 2 of l_j <= 1.
 *
 * It is the Chvatal-Gomory rounding of half the three rows "u, v, w each in
 * one post", so every clustering satisfies it (cluster_price.c says why the
 * covering master may use it).  An LP solution that puts three posts of
 * 1/2 each on the pairs of S breaks it by 1/2.
 */
#ifndef SIAGA_CLUSTER_CUTS_H
#define SIAGA_CLUSTER_CUTS_H

/* The LP solution's columns: column j is anchor anc[j] and members
 * mem[off[j] .. off[j+1]) (no anchor among them), at value x[j]. */
struct cut_lp {
    int n, ncol;
    const int *anc, *off, *mem;
    const double *x;
};

/* One cut found: its three TPS, u < v < w, and its left-hand side. */
struct src_cut {
    int t[3];
    double lhs;
};

/*
 * The triples whose cut the solution breaks by more than min_violation,
 * the most broken first (then by TPS, so the order is the same every
 * run), at most max_cuts of them and at most per_tps a TPS, into out.
 * skip(ctx, t) says a triple is already a cut (NULL: none).  Returns
 * how many, or -1 out of memory.
 */
int src_separate(const struct cut_lp *lp, double min_violation, int max_cuts,
                 int per_tps, int (*skip)(void *ctx, const int t[3]),
                 void *ctx, struct src_cut *out);

#endif
