/*
 * assign.h - who fills the places: guard units to posts, Linmas units to
 * TPS, as lexicographic transportation problems solved with GLPK.
 */
#ifndef SIAGA_ASSIGN_H
#define SIAGA_ASSIGN_H

#include <stdbool.h>

#include "model/error.h"
#include "model/member_why.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "solver/cluster.h"

/* count members of unit fill places at post (guards) or TPS (Linmas);
 * with a baseline, they are members whose baseline place was origin
 * (ORIGIN_MOVED: any unpinned members who held a place, see below), and
 * pinned ones when pinned is set. */
struct flow { int site, unit, count, origin, pinned; };

/*
 * Where each member stood in a baseline roster, for re-planning with the
 * fewest moves.  origin[m] is the site (post index for guards, TPS index
 * for Linmas) the member held and could keep, or one of the values below.
 * pinned[m] set: the member must keep that site.
 */
#define ORIGIN_RESERVE (-1) /* in reserve: staying there is no move */
#define ORIGIN_NEW (-2)     /* not in the baseline: never a move */
#define ORIGIN_GONE (-3)    /* held a place that is gone: a move anyway */
/* In a flow only (never in origins[]): members of the unit who held a
 * place (or a gone place), not pinned, placed away from where they stood;
 * which ones, planner.c take_member decides (assign.c, "baseline
 * origins"). */
#define ORIGIN_MOVED (-4)
struct origins {
    const int *origin;      /* per member */
    const char *pinned;     /* per member, may be NULL */
};

struct assign_result {
    struct flow *flow; int nflow;  /* sorted by site, then unit */
    long empty[GRADE_COUNT];       /* guard places left empty, by grade */
    long empty_bound[GRADE_COUNT]; /* proven lower bound on empty[] over
                                      every clustering with fewest posts */
    long empty_linmas;
    double km;                     /* item 4 reached: base to anchor/TPS */
    double km_bound;               /* proven lower bound on item 4 */
    long moves;                    /* with origins: members moved (the
                                      fewest, given the fills, unless
                                      km_limited) */
    bool fill_limited;             /* the deadline left a block to the
                                      greedy: every rule kept, empty[] not
                                      proven least (empty_bound[] is 0) */
    bool km_limited;               /* the deadline stopped a distance or
                                      moves stage or a bound: km not least,
                                      km_bound weaker */
    struct member_why *why; int nwhy; /* with why: the next-best place of
                                      each flow (model/member_why.h,
                                      "Why a member" in assign.c), sorted
                                      by site and unit; none with og */
};

/*
 * Fill the guard places of posts[0..npost) (the clusters of cr) on jobs
 * threads (independent blocks of units and posts in parallel): most
 * sangat rawan places first, then rawan, then kurang rawan, then least
 * travel.  Exact: the constraint matrix is totally unimodular, so each
 * LP vertex is integral (checked).  km_bound comes from a relaxation in
 * which any TPS of a component may be an anchor.  deadline (a
 * solver_now() time, 0 for none) bounds the LPs; past it the fill is
 * still complete and keeps every rule (fill_limited, km_limited: see
 * the top of assign.c).  With why, also out->why: for each flow the
 * next-best place of one of its members and its exact cost in distance
 * (model/member_why.h); without a baseline only (og NULL).
 * Returns SIAGA_OK, SIAGA_ENOMEM or SIAGA_ESOLVER (errs says why).
 */
int assign_guards(const struct scenario *s, const struct post *posts,
                  int npost, const struct cluster_result *cr, int jobs,
                  double deadline, const struct origins *og, bool why,
                  struct assign_result *out, struct error_list *errs);

/*
 * Fill the Linmas places of every TPS: most places filled, then least
 * travel from unit base to TPS.  site in flows is a TPS index.
 *
 * With og (both functions), a stage between the fills and the travel
 * keeps members where they stood: the fewest members moved, exactly (the
 * members of a unit are split by origin into groups of identical people;
 * a move costs 1 on a network arc, so the matrix stays unimodular).
 */
int assign_linmas(const struct scenario *s, int jobs, double deadline,
                  const struct origins *og, bool why,
                  struct assign_result *out, struct error_list *errs);

void assign_free(struct assign_result *r);

#endif
