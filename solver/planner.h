/*
 * planner.h - the plan command's engine: scenario in, proven plan out.
 *
 * The objective is formats.md 1.4.  How it is decomposed and why that is
 * exact is written at the top of planner.c.
 */
#ifndef SIAGA_PLANNER_H
#define SIAGA_PLANNER_H

#include <stdbool.h>

#include "error.h"
#include "roster.h"
#include "scenario.h"

struct plan_params {
    double time_limit;  /* seconds of search, > 0; 0 means no limit */
    long node_limit;    /* branch-and-bound nodes spent per cluster component
                           on priority 5 (a deterministic budget), >= 0 */
    long posts_node_limit; /* nodes of the exact search per component that
                           proves the fewest posts (item 3); past it the
                           plan may be `feasible`; >= 0 */
    long price_node_limit; /* branch-and-price nodes per component on
                           item 3 (a deterministic budget; 0 = none, then
                           only the time limit stops it), >= 0 */
    double reference_glpk; /* benchmarks only: when > 0, each component
                           that needed the LP is also solved by GLPK's
                           branch and bound on the linking MIP within this
                           many seconds (cluster_comp_stat); 0: never */
    int reference_min_n; /* benchmarks only: the references above only on
                           components of at least this many TPS */
    const char *reference_dir; /* benchmarks only: when set, that model is
                           written there as comp-K-N.lp for CBC */
    int jobs;           /* worker threads, >= 1; default: processors online */
    bool quiet;         /* no progress reports */
    void (*progress)(void *ctx, const char *phase, long done, long total);
    void *progress_ctx; /* passed to progress; progress may be NULL */
};

void plan_params_init(struct plan_params *pp);

/*
 * Plan a scenario that passed scenario_finish.  On SIAGA_OK or SIAGA_ELIMIT
 * (a time limit stopped a proof; the plan is still valid and its status is
 * PLAN_FEASIBLE) *out owns the plan (plan_destroy).  On any other status
 * *out is NULL and errs says why.
 */
int solver_plan(const struct scenario *s, const struct plan_params *pp,
                struct plan **out, struct error_list *errs);

#endif
