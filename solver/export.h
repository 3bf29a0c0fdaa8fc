/*
 * export.h - the whole planning problem as one MIP, for other solvers.
 *
 * `siaga plan --export-lp/--export-mps` writes it so an analyst can solve
 * the same problem elsewhere, and the tests solve it with CBC to check
 * the planner.  It is deliberately a different formulation from the one
 * the planner solves: clustering and filling in one model (anchors y_a,
 * memberships x_at, unit counts z_ua at anchors, Linmas w_ut), items 1-3
 * of formats.md 1.4 folded into one weighted objective whose weights keep
 * the priorities strict.  Items 4 and 5 are left out of it.
 */
#ifndef SIAGA_EXPORT_H
#define SIAGA_EXPORT_H

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

enum model_format { MODEL_LP, MODEL_MPS };

/*
 * Weights of the single objective.  Minimised:
 *     sum_g grade[g] * empty_g + linmas * empty_linmas + posts * posts
 * written without its constant (the places of one-TPS posts), which
 * offset holds: objective in the file = value - offset.
 */
struct model_weights {
    double grade[GRADE_COUNT], linmas, posts;
};

/* Write the model of s to path.  Returns SIAGA_OK, SIAGA_EIO, SIAGA_ENOMEM
 * or SIAGA_ESOLVER; w receives the weights. */
int solver_export_model(const struct scenario *s, const char *path,
                        enum model_format fmt, struct model_weights *w,
                        struct error_list *errs);

/* The model's objective (as written in the file) of a plan of s. */
double model_objective(const struct scenario *s, const struct model_weights *w,
                       const struct plan *p);

/* Solve a model file written above with GLPK's own branch and bound
 * within seconds (0: no limit); *obj receives the proven optimum.
 * SIAGA_ESOLVER when not proven.  For tests of small models. */
int solver_solve_model_file(const char *path, enum model_format fmt,
                            double seconds, double *obj);

#endif
