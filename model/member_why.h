/*
 * member_why.h - why a member stands where he stands (issue 14, item 5):
 * for each (unit, place) of a plan's fills, the next-best place for one
 * of its members and what the move costs in distance.  Filled by the
 * solver (solver/assign.c, "Why a member"), written by io/ on demand
 * (plan --why-members, serve's /api/why).  No libraries.
 *
 * What the number means.  The fills are lexicographic: places filled,
 * tier by tier, then the fewest formed-reserve members, then the least
 * total distance from unit bases to places.  For a member of unit u at
 * place s, alt is the place s' != s where one more member of u costs
 * least in total distance, every other member re-placed optimally while
 * every tier keeps its filled places and the reserves their count:
 * extra_km = (that least total) - (the plan's total), exactly (the LP
 * with z[u][s'] >= z*[u][s'] + 1 is still totally unimodular, so its
 * optimum is a plan).  Members of one unit are alike: all members of u
 * at s share the entry.  Ties go to the lower place index.
 */
#ifndef SIAGA_MEMBER_WHY_H
#define SIAGA_MEMBER_WHY_H

enum why_status {
    WHY_MOVE,      /* alt and extra_km are set */
    WHY_NO_OTHER,  /* his unit may serve at no other place with room */
    WHY_BLOCKED,   /* at every other place one more member of his unit
                      would empty a place (or draw one more reserve) */
    WHY_UNKNOWN    /* not computed: a deadline stopped the fill, or the
                      plan was re-planned against a baseline */
};

struct member_why {
    int linmas;         /* 0: guard place, site = post index;
                           1: Linmas place, site = TPS index */
    int site, unit;
    int alt;            /* WHY_MOVE: the next-best site, else -1 */
    double extra_km;    /* WHY_MOVE: >= 0, what the move adds */
    enum why_status status;
};

/* The entry of (linmas, site, unit) in w[0..n), sorted by linmas, site,
 * unit (as the solver leaves it); NULL when there is none. */
const struct member_why *member_why_find(const struct member_why *w, int n,
                                         int linmas, int site, int unit);

#endif
