/*
 * planner_int.h - inside the planner: the core that solver_plan and the
 * re-planning against a baseline (replan.c) share.
 */
#ifndef SIAGA_PLANNER_INT_H
#define SIAGA_PLANNER_INT_H

#include "solver/assign.h"
#include "solver/planner.h"

struct replan_hook {
    const struct post *kept;  /* posts kept from the baseline, as they are */
    int nkept;
    /* Called once the posts are final (sorted, routed): fill the origins
     * of guards (sites are post indices) and of Linmas (TPS indices). */
    int (*origins)(void *ctx, const struct post *posts, int npost,
                   struct origins *guards, struct origins *linmas,
                   struct error_list *errs);
    void (*release)(void *ctx, struct origins *guards, struct origins *linmas);
    void *ctx;
};

/* solver_plan, with a baseline when hook is not NULL. */
int plan_core(const struct scenario *s, const struct plan_params *pp,
              const struct replan_hook *hook, struct plan **out,
              struct error_list *errs);

#endif
