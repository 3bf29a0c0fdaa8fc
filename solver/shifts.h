/*
 * shifts.h - shift rosters over the timeline: every member gets a list of
 * shifts from the logistics to the rekapitulasi, places filled by the
 * priorities of formats.md 1.4 per place-hour, rest and travel respected.
 * The model and why it is exact are at the top of shifts.c.
 */
#ifndef SIAGA_SHIFTS_H
#define SIAGA_SHIFTS_H

#include <stdbool.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/shifts.h"
#include "model/timeline.h"

struct shift_params {
    double time_limit;   /* seconds for all integer programmes, > 0; 0 none */
    double deadline;     /* solver_now() time for all of them, 0: none;
                            when set it wins over time_limit (a command's
                            one budget, see planner.h) */
    bool fairness;       /* balance mean hours across units after coverage */
};

void shift_params_init(struct shift_params *sp);

/*
 * Plan the shifts of timeline tl for scenario s and its day plan p (the
 * tps phase's guard places are p's posts).  On SIAGA_OK or SIAGA_ELIMIT
 * (a time limit stopped a proof: the shifts keep every rule, coverage may
 * not be optimal, proven is false) out holds the result
 * (shift_result_free).  Otherwise out is empty and errs says why.
 */
int solver_shifts(const struct timeline *tl, const struct scenario *s,
                  const struct plan *p, const struct shift_params *sp,
                  struct shift_result *out, struct error_list *errs);

#endif
