/*
 * post_why.h - why a kecamatan has the posts it has (issue 14, item 3):
 * the lower bound any plan must meet, from the TPS alone, and the TPS
 * that stand alone.  Solver-free, so the check proves it too
 * (certificate_verify.c) and the reports can say it (cert_report.h).
 *
 * A post of several TPS lies within radius_km of its anchor, so its TPS
 * are connected in the graph of TPS of one kecamatan and grade at most
 * radius_km apart: no post spans two components, and a component of n
 * TPS needs at least ceil(n / tps_per_post) posts.  A grade of one TPS
 * per post needs a post per TPS.  A TPS alone in its component (no TPS
 * of its grade and kecamatan within the radius) needs a post of its own.
 */
#ifndef SIAGA_POST_WHY_H
#define SIAGA_POST_WHY_H

#include "model/scenario.h"

struct kec_why {
    long posts_bound;     /* sum of the bounds above over its grades */
    int first_alone, nalone; /* its TPS standing alone: why.alone[first..] */
};

struct post_why {
    struct kec_why *kec;  /* [nkec] */
    int *alone; int nalone; /* TPS of a grade with tps_per_post > 1 alone in
                               their component, by kecamatan, scenario order */
    long posts_bound;     /* over the scenario */
};

/* Fill w for s.  SIAGA_OK or SIAGA_ENOMEM (w is then empty).  Free with
 * post_why_free, which accepts an empty or zeroed one. */
int post_why_build(const struct scenario *s, struct post_why *w);
void post_why_free(struct post_why *w);

/* The TPS of post tps[0..n) farthest from its anchor tps[0] (tps[0]
 * itself when n is 1) and that distance in km into *km. */
int post_why_farthest(const struct scenario *s, const int *tps, int n,
                      double *km);

#endif
