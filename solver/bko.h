/*
 * bko.h - the BKO request (formats.md 5): the fewest additional personnel,
 * by force and by the area where they must serve, that fill every place
 * of a plan.  The formulation and why it is minimal are at the top of
 * bko.c.
 */
#ifndef SIAGA_BKO_H
#define SIAGA_BKO_H

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/whatif.h"

/*
 * The BKO request for plan p of scenario s (s passed scenario_finish, p
 * is solver_plan's plan of it).  Guard personnel are requested per
 * kecamatan (Polri, TNI), Linmas per desa.  On SIAGA_OK *out holds the
 * request (bko_request_free); nrow is 0 when p leaves nothing empty.
 * Returns SIAGA_OK, SIAGA_ENOMEM or SIAGA_ESOLVER (errs says why); on
 * failure *out is empty.
 */
int solver_bko(const struct scenario *s, const struct plan *p,
               struct bko_request *out, struct error_list *errs);

/*
 * The same under a deadline (a solver_now() time, 0 for none): past it,
 * blocks get a greedy request that still fills every place (top of
 * bko.c).  Returns SIAGA_ELIMIT then, with *out held as on SIAGA_OK,
 * out->limited set and out->proven false.
 */
int solver_bko_until(const struct scenario *s, const struct plan *p,
                     double deadline, struct bko_request *out,
                     struct error_list *errs);

#endif
