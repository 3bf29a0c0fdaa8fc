/*
 * radius_graph.h - the TPS of one kecamatan and grade joined when at most
 * radius_km apart (formats.md 1.2 great-circle distance), and the graph's
 * components: a post of several TPS lies within the radius of its anchor,
 * so it never spans two components.  Shared by the solver-free bound on
 * posts (post_why.h) and the rule-change table (solver/sensitivity.c).
 */
#ifndef SIAGA_RADIUS_GRAPH_H
#define SIAGA_RADIUS_GRAPH_H

#include <stddef.h>

#include "model/scenario.h"

struct radius_graph {
    int n;                 /* TPS in the group */
    int *tps;              /* their scenario indices, by latitude */
    int *off, *adj;        /* neighbours within the radius, as positions
                              in tps: adj[off[i] .. off[i + 1]) */
    int ncomp;
    int *coff, *comp;      /* positions by component: comp[coff[c] ..
                              coff[c + 1]), in order of their first
                              position (southernmost TPS) */
    /* storage, grown as needed and kept between builds */
    int cap, *par, *tmp;
    double *lat;
    size_t cap_adj;
};

/*
 * Build g over the TPS tps[0..n) of s (copied) with radius km, reusing
 * g's storage.  Returns 0, or -1 when out of memory (g stays freeable).
 */
int radius_graph_build(struct radius_graph *g, const struct scenario *s,
                       const int *tps, int n, double radius);

/* Free g's storage; g zeroed is fine. */
void radius_graph_free(struct radius_graph *g);

#endif
