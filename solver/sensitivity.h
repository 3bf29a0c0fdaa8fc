/*
 * sensitivity.h - plan the posts again under four rule changes
 * (model/sensitivity.h), each proven as the plan's posts are.
 */
#ifndef SIAGA_SOLVER_SENSITIVITY_H
#define SIAGA_SOLVER_SENSITIVITY_H

#include <stdbool.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/sensitivity.h"
#include "solver/plan_params.h"

/*
 * For each change (radius -0.5 km, +0.5 km, tps_per_post -1, +1, on every
 * grade with tps_per_post > 1), cluster s again and count posts and guard
 * places per kecamatan, with a proven bound (sensitivity.c: components of
 * up to SENS_PROVE_MAX_N TPS proven as the plan's posts are, larger ones
 * by a greedy).  p, when not NULL, is a plan of s: its posts bound the
 * counts of the longer radius and more TPS a post from above, and when
 * p_fewest (its post count is proven fewest, no posts kept from a
 * baseline) the other two from below.  pp->deadline bounds it: a change
 * that starts past it is left out (applies false), one it stops has
 * feasible counts and weaker bounds.  Returns SIAGA_OK, SIAGA_ELIMIT (the
 * deadline stopped a proof), SIAGA_ENOMEM or SIAGA_ESOLVER; on failure
 * out is empty.
 */
int solver_sensitivity(const struct scenario *s, const struct plan_params *pp,
                       const struct plan *p, bool p_fewest,
                       struct sensitivity *out, struct error_list *errs);

#endif
