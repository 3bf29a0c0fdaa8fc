/*
 * plan_params.h - the parameters of one plan (solver_plan, and the
 * clustering it drives): time and node budgets, threads, progress
 * callbacks.  Its own header so that solver/cluster.h and the other
 * solver modules that take the parameters need not include the driver,
 * solver/planner.h.  plan_params_init and plan_deadline are defined in
 * planner.c.
 */
#ifndef SIAGA_PLAN_PARAMS_H
#define SIAGA_PLAN_PARAMS_H

#include <stdbool.h>

/* Seconds a plan may take when no --time-limit is given: a planner waits
 * five minutes for a province, and a national plan is split (README). */
#define PLAN_DEFAULT_TIME_LIMIT 300.0

struct plan_params {
    double time_limit;  /* seconds of search, >= 0; 0 means no limit;
                           default PLAN_DEFAULT_TIME_LIMIT */
    double deadline;    /* solver_now() time by which the plan must be
                           done (reading and writing excluded), 0: none;
                           when set it wins over time_limit, so that
                           several plans of one command share one budget */
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
    bool posts_only;    /* the clustering counts posts only: item 5 (the
                           distance to the anchors) is not improved and its
                           km and km_bound are 0 (the rule-change table) */
    int jobs;           /* worker threads, >= 1; default: processors online */
    bool quiet;         /* no progress reports */
    bool why_members;   /* also the next-best place of every placed member
                           (plan->why, model/member_why.h); default false */
    void (*progress)(void *ctx, const char *phase, long done, long total);
    /* the best post count found so far and its proven lower bound, as
     * they improve (called by the planner after the clustering, and by
     * the clustering as components finish); may be NULL.  Called from
     * any worker thread: it must be thread-safe. */
    void (*posts)(void *ctx, long posts, long bound);
    void *progress_ctx; /* passed to progress and posts */
};

void plan_params_init(struct plan_params *pp);

/*
 * The deadline of one plan: pp->deadline when set, else now + time_limit
 * (0 when there is none).
 */
double plan_deadline(const struct plan_params *pp);

#endif
