/*
 * planner.h - the plan command's engine: scenario in, proven plan out.
 *
 * The objective is formats.md 1.4.  How it is decomposed and why that is
 * exact is written at the top of planner.c.
 */
#ifndef SIAGA_PLANNER_H
#define SIAGA_PLANNER_H

#include <stdbool.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "solver/plan_params.h"

/*
 * How a command splits its budget.  A command that must end by `end`
 * (a solver_now() time, 0 for none) and still write the outputs of a
 * scenario of ntps TPS and nmember members plans until the deadline this
 * returns: end minus the time writing is expected to take (measured on
 * the writers, see planner.c), never less than half of what is left.
 */
double plan_solve_deadline(double end, long ntps, long nmember);

/*
 * The share of what is left before deadline (0: none, returned as is)
 * that one of n remaining steps may use: now + (deadline - now) / n.
 */
double plan_share(double deadline, int n);

/*
 * Plan a scenario that passed scenario_finish.  On SIAGA_OK or SIAGA_ELIMIT
 * (a time limit stopped a proof; the plan is still valid and its status is
 * PLAN_FEASIBLE) *out owns the plan (plan_destroy).  On any other status
 * *out is NULL and errs says why.
 */
int solver_plan(const struct scenario *s, const struct plan_params *pp,
                struct plan **out, struct error_list *errs);

#endif
