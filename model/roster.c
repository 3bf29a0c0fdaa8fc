/*
 * roster.c - storage of plans (what the planner makes) and of raw rosters
 * (what a roster file says, for the audit).  Both only own memory here;
 * the planner fills plans, io/formats/roster_read.c fills raw rosters.
 */
#include "model/roster.h"

#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/changes.h"

static const char *const STATUS_NAMES[] = {"optimal", "shortage", "feasible"};

const char *plan_status_name(enum plan_status st)
{
    if ((unsigned)st > PLAN_FEASIBLE)
        return "?";
    return STATUS_NAMES[st];
}

/* An empty plan (status optimal, no posts); NULL when out of memory. */
struct plan *plan_create(void)
{
    return calloc(1, sizeof(struct plan));
}

void plan_destroy(struct plan *p)
{
    if (p == NULL)
        return;
    free(p->post);
    free(p->guard);
    free(p->linmas);
    free(p->reserve);
    free(p->why);
    free(p);
}

/* The relative gap (value - bound) / value of a minimised value, clamped
 * to [0, 1]; 0 when value is 0 or negative (nothing left to gain). */
double plan_gap(double value, double bound)
{
    if (!(value > 0))
        return 0.0;
    double g = (value - bound) / value;
    if (!(g > 0))   /* also catches NaN */
        return 0.0;
    return g > 1.0 ? 1.0 : g;
}

/* An empty raw roster with its arena; NULL when out of memory.  Free with
 * raw_roster_destroy, which also frees the arrays (malloc'ed by whoever
 * fills them). */
struct raw_roster *raw_roster_create(void)
{
    struct raw_roster *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->arena = arena_create();
    if (r->arena == NULL) {
        free(r);
        return NULL;
    }
    return r;
}

void raw_roster_destroy(struct raw_roster *r)
{
    if (r == NULL)
        return;
    free(r->post);
    free(r->tps);
    free(r->guard);
    free(r->linmas);
    free(r->reserve);
    arena_destroy(r->arena);
    free(r);
}

/* Copy s into the roster's arena; NULL when out of memory.  NULL s gives
 * NULL (an absent attribute stays absent). */
const char *raw_roster_strdup(struct raw_roster *r, const char *s)
{
    if (s == NULL)
        return NULL;
    return arena_strdup(r->arena, s);
}

void change_list_free(struct change_list *cl)
{
    if (cl == NULL)
        return;
    for (int i = 0; i < cl->n; i++) {
        free(cl->item[i].member);
        free(cl->item[i].name);
        free(cl->item[i].unit);
        free(cl->item[i].from);
        free(cl->item[i].to);
    }
    free(cl->item);
    free(cl->conflict);
    memset(cl, 0, sizeof *cl);
}
