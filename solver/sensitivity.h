/*
 * sensitivity.h - plan the posts again under four rule changes
 * (model/sensitivity.h), each proven as the plan's posts are.
 */
#ifndef SIAGA_SOLVER_SENSITIVITY_H
#define SIAGA_SOLVER_SENSITIVITY_H

#include "model/error.h"
#include "model/scenario.h"
#include "model/sensitivity.h"
#include "solver/plan_params.h"

/*
 * For each change (radius -0.5 km, +0.5 km, tps_per_post -1, +1, on every
 * grade with tps_per_post > 1), cluster s again (cluster.c: the same
 * proofs of fewest posts, without the distance stage, which changes no
 * count) and count posts and guard places per kecamatan, with the proven
 * bound.  pp->deadline bounds it: a change that starts past it is left
 * out (applies false), one it stops has feasible counts and weaker bounds.  Returns SIAGA_OK, SIAGA_ELIMIT (some bound not proven),
 * SIAGA_ENOMEM or SIAGA_ESOLVER; on failure out is empty.
 */
int solver_sensitivity(const struct scenario *s, const struct plan_params *pp,
                       struct sensitivity *out, struct error_list *errs);

#endif
