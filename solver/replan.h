/*
 * replan.h - re-planning against a baseline roster with the fewest moves
 * (siaga plan --baseline OLD.xml [--pin ID]...).  The order of the
 * objective and what is proven are written at the top of replan.c.
 */
#ifndef SIAGA_REPLAN_H
#define SIAGA_REPLAN_H

#include "model/changes.h"
#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "solver/plan_params.h"

/*
 * Plan s against baseline (a roster read with io_read_roster, usually of
 * the scenario before an overlay).  pins are member ids or baseline post
 * ids that must keep their place: one that cannot is an error
 * (SIAGA_EINPUT, errs names it).  On SIAGA_OK or SIAGA_ELIMIT *out owns the
 * plan and cl the changes (change_list_free); otherwise both are empty.
 */
int solver_replan(const struct scenario *s, const struct plan_params *pp,
                  const struct raw_roster *baseline, const char *const *pins,
                  int npins, struct plan **out, struct change_list *cl,
                  struct error_list *errs);

#endif
