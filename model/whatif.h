/*
 * whatif.h - what the what-if commands report besides the plan: the BKO
 * request (formats.md 5; computed by solver/bko.c) and what each overlay
 * costs (solver/whatif_plan.c), for the writers in io/.
 */
#ifndef SIAGA_WHATIF_H
#define SIAGA_WHATIF_H

#include <stdbool.h>

#include "model/scenario.h"

/* count more personnel of force, serving in scope region (an index for
 * the scope; -1 for SCOPE_ANY). */
struct bko_row {
    enum force force;
    enum scope scope;
    int region;
    long count;             /* >= 1; a multiple of size when size > 0 */
    int size;               /* <bko size> of the force (formats 1.6), or 0:
                               requested by person */
    long formations;        /* count / size, or 0 when size is 0 */
};

struct bko_request {
    struct bko_row *row; int nrow;  /* by force, then region order */
    long total[FORCE_COUNT];        /* personnel requested, by force */
    long sum;                       /* all of them: the proven minimum
                                       unless limited (with sizes: the
                                       fewest persons among requests of
                                       the fewest formations) */
    long formations;                /* with <bko size>: formations in all,
                                       a person of a force without size
                                       counting as one (solver/bko.c) */
    bool sized;                     /* some force has a <bko size> */
    bool proven;            /* minimal over every plan, not only over fills
                               of this plan's posts: false when a guard unit
                               serves a single desa or the plan is
                               `feasible` (see solver/bko.c) */
    bool limited;           /* a deadline left some block to a greedy: the
                               request fills every place, but is not proven
                               the fewest even for this plan's posts */
};

void bko_request_free(struct bko_request *r); /* empties it; NULL is fine */

/* The plan of one scenario of a what-if chain (base, base + overlay 1,
 * ...), in numbers. */
struct whatif_stage {
    const char *label;      /* "" for the base, else the overlay's name or
                               file (owned by the overlay's caller) */
    long posts;
    long guard_places, linmas_places;   /* places the plan needs filled */
    long personnel[FORCE_COUNT];        /* members in the scenario */
    long filled_guard, filled_linmas;
    long empty_guard, empty_linmas;
    long bko[FORCE_COUNT], bko_sum;     /* the BKO request of that plan */
};

#endif
