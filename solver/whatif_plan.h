/*
 * whatif_plan.h - plan a scenario and the overlays on it in turn, so that the
 * summary can say what each change costs (issue 7, item 5): the places
 * the plan needs and the BKO request, before and after every overlay.
 */
#ifndef SIAGA_WHATIF_PLAN_H
#define SIAGA_WHATIF_PLAN_H

#include "model/error.h"
#include "model/overlay.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/whatif.h"
#include "solver/plan_params.h"

struct whatif_result {
    struct plan *plan;              /* of the last scenario of the chain */
    struct bko_request bko;         /* of that plan */
    struct whatif_stage *stage;     /* stage[0] the base, stage[i] after
                                       overlay i; nov + 1 of them */
    int nstage;
};

/* The numbers of a plan as a stage (label ""). */
void whatif_stage_of(const struct scenario *s, const struct plan *p,
                     const struct bko_request *bko, struct whatif_stage *st);

/*
 * Plan s, then apply ov[0], plan, apply ov[1], plan, ...: s ends as the
 * last scenario of the chain and out->plan is its plan.  With nov == 0
 * this is solver_plan and solver_bko.  The plans share one deadline
 * (plan_deadline(pp)): each stage gets an equal share of what is left
 * when it starts, 85 % of it for the plan, the rest for the BKO LPs.
 * Returns SIAGA_OK, SIAGA_ELIMIT (a
 * time limit stopped a proof of some stage; the plans are valid),
 * SIAGA_EINPUT (an overlay does not apply; errs names its line),
 * SIAGA_ENOMEM or SIAGA_ESOLVER.  On failure out is empty.  Free with
 * whatif_free.
 */
int solver_whatif(struct scenario *s, struct overlay *const *ov, int nov,
                  const struct plan_params *pp, struct whatif_result *out,
                  struct error_list *errs);

void whatif_free(struct whatif_result *r);

#endif
