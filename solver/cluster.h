/*
 * cluster.h - patrol clusters: which TPS share a post.
 *
 * For each kecamatan and each grade whose posts may hold several TPS, the
 * fewest posts (formats.md 1.4 item 3) are found per connected component
 * of the radius graph, proven minimal; then the distance of clustered TPS
 * to their anchors (item 5) is improved, with a proven lower bound.
 */
#ifndef SIAGA_CLUSTER_H
#define SIAGA_CLUSTER_H

#include <stdbool.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "solver/plan_params.h"

/* A component the greedy did not settle at ceil(n/c): what it took. */
struct cluster_comp_stat {
    int kecamatan, grade, n, cap;
    long posts, bound;          /* found, proven */
    double root_lp;             /* the set-partitioning LP at the root */
    double seconds;             /* wall clock of the whole component (the
                                   references below not counted) */
    long nodes;                 /* branch-and-price nodes */
    double ref_glpk_sec;        /* reference_glpk: seconds, -1 if not run */
    int ref_glpk_status;        /* 0 proven, 1 time limit, 2 failed */
    long ref_glpk_posts;        /* its best clustering (0: none) */
};

struct cluster_result {
    struct post *post; int npost;  /* anchor first, others by TPS index */
    long posts_bound;              /* proven lower bound on npost */
    double km, km_bound;           /* item 5: value and proven lower bound */
    int *tps_comp;                 /* component of each TPS; -1 when its
                                      grade has one TPS per post */
    long *comp_posts;              /* posts in each component */
    int ncomp;
    struct cluster_comp_stat *hard; int nhard; /* components the greedy did
                                      not settle at ceil(n/c) */
    double *kec_seconds;           /* wall clock per kecamatan (without the
                                      bench references) */
};

/*
 * Cluster every TPS of s.  deadline is a solver_now() time, 0 for none.
 * Returns SIAGA_OK (all proven), SIAGA_ELIMIT (the deadline stopped a
 * proof: posts are feasible, bound is weaker), SIAGA_ENOMEM or
 * SIAGA_ESOLVER.  On failure out is emptied.  Free with cluster_free.
 */
int cluster_build(const struct scenario *s, const struct plan_params *pp,
                  double deadline, struct cluster_result *out,
                  struct error_list *errs);
void cluster_free(struct cluster_result *r);

/* The same, keeping the posts kept[0..nkept) as they are (re-planning
 * against a baseline) and clustering only the other TPS.  Kept posts are
 * appended after the others; they add to posts_bound one each (no claim
 * about them). */
int cluster_build_kept(const struct scenario *s, const struct plan_params *pp,
                       double deadline, const struct post *kept, int nkept,
                       struct cluster_result *out, struct error_list *errs);

/* Lower bound on posts of a component of n TPS, c per post. */
static inline long cluster_lower_bound(long n, long c)
{
    return (n + c - 1) / c;
}

#endif
