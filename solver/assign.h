/*
 * assign.h - who fills the places: guard units to posts, Linmas units to
 * TPS, as lexicographic transportation problems solved with GLPK.
 */
#ifndef SIAGA_ASSIGN_H
#define SIAGA_ASSIGN_H

#include "cluster.h"
#include "error.h"
#include "roster.h"
#include "scenario.h"

/* count members of unit fill places at post (guards) or TPS (Linmas). */
struct flow { int site, unit, count; };

struct assign_result {
    struct flow *flow; int nflow;  /* sorted by site, then unit */
    long empty[GRADE_COUNT];       /* guard places left empty, by grade */
    long empty_bound[GRADE_COUNT]; /* proven lower bound on empty[] over
                                      every clustering with fewest posts */
    long empty_linmas;
    double km;                     /* item 4 reached: base to anchor/TPS */
    double km_bound;               /* proven lower bound on item 4 */
};

/*
 * Fill the guard places of posts[0..npost) (the clusters of cr) on jobs
 * threads (independent blocks of units and posts in parallel): most
 * sangat rawan places first, then rawan, then kurang rawan, then least
 * travel.  Exact: the constraint matrix is totally unimodular, so each
 * LP vertex is integral (checked).  km_bound comes from a relaxation in
 * which any TPS of a component may be an anchor.
 * Returns SIAGA_OK, SIAGA_ENOMEM or SIAGA_ESOLVER (errs says why).
 */
int assign_guards(const struct scenario *s, const struct post *posts,
                  int npost, const struct cluster_result *cr, int jobs,
                  struct assign_result *out, struct error_list *errs);

/*
 * Fill the Linmas places of every TPS: most places filled, then least
 * travel from unit base to TPS.  site in flows is a TPS index.
 */
int assign_linmas(const struct scenario *s, int jobs,
                  struct assign_result *out, struct error_list *errs);

void assign_free(struct assign_result *r);

#endif
