/*
 * whatif_plan.c - a chain of what-if plans: the base, then the base with each
 * overlay added in turn.  Each stage is a full, proven plan with its BKO
 * request (bko.c), so "what a change costs" compares two optimal plans:
 * the places they need (posts times guards, TPS times Linmas) and the
 * fewest extra personnel each would need.
 */
#include "solver/whatif_plan.h"

#include <stdlib.h>
#include <string.h>

#include "solver/bko.h"
#include "solver/glpk_util.h"
#include "solver/planner.h"

void whatif_stage_of(const struct scenario *s, const struct plan *p,
                     const struct bko_request *bko, struct whatif_stage *st)
{
    memset(st, 0, sizeof *st);
    st->label = "";
    st->posts = p->npost;
    for (int q = 0; q < p->npost; q++)
        st->guard_places += p->post[q].required;
    st->linmas_places = (long)s->rules.linmas_per_tps * s->ntps;
    for (int m = 0; m < s->nmember; m++)
        st->personnel[s->unit[s->member[m].unit].force]++;
    st->filled_guard = p->nguard;
    st->filled_linmas = p->nlinmas;
    st->empty_guard = st->guard_places - st->filled_guard;
    st->empty_linmas = st->linmas_places - st->filled_linmas;
    if (bko != NULL) {
        for (int f = 0; f < FORCE_COUNT; f++)
            st->bko[f] = bko->total[f];
        st->bko_sum = bko->sum;
    }
}

void whatif_free(struct whatif_result *r)
{
    if (r == NULL)
        return;
    plan_destroy(r->plan);
    bko_request_free(&r->bko);
    free(r->stage);
    memset(r, 0, sizeof *r);
}

/* Of a stage's time, what its plan may use; the BKO LPs get the rest. */
#define PLAN_SHARE 0.85

int solver_whatif(struct scenario *s, struct overlay *const *ov, int nov,
                  const struct plan_params *pp, struct whatif_result *out,
                  struct error_list *errs)
{
    int rc = SIAGA_OK, limited = 0;
    /* one deadline for the chain: each stage gets an equal share of what
     * is left when it starts, so time a stage leaves goes to the next */
    double end = plan_deadline(pp);
    struct plan_params spp = *pp;
    memset(out, 0, sizeof *out);
    out->stage = calloc((size_t)nov + 1, sizeof *out->stage);
    if (out->stage == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    for (int i = 0; i <= nov; i++) {
        if (i > 0) {
            plan_destroy(out->plan);
            out->plan = NULL;
            bko_request_free(&out->bko);
            rc = overlay_apply(s, ov[i - 1], errs);
            if (rc != SIAGA_OK)
                goto done;
        }
        double stage_end = plan_share(end, nov + 1 - i), now = solver_now();
        spp.deadline = stage_end > now ? now + PLAN_SHARE * (stage_end - now)
                                       : stage_end;
        spp.why_members = pp->why_members && i == nov; /* the plan kept */
        rc = solver_plan(s, &spp, &out->plan, errs);
        if (rc == SIAGA_ELIMIT)
            limited = 1;
        else if (rc != SIAGA_OK)
            goto done;
        rc = solver_bko_until(s, out->plan, stage_end, &out->bko, errs);
        if (rc == SIAGA_ELIMIT)
            limited = 1;
        else if (rc != SIAGA_OK)
            goto done;
        whatif_stage_of(s, out->plan, &out->bko, &out->stage[i]);
        if (i > 0)
            out->stage[i].label = ov[i - 1]->name[0] ? ov[i - 1]->name
                                                     : ov[i - 1]->file;
        out->nstage = i + 1;
    }
    rc = limited ? SIAGA_ELIMIT : SIAGA_OK;
done:
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        whatif_free(out);
    return rc;
}
