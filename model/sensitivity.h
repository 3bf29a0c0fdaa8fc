/*
 * sensitivity.h - what a rule change would save (issue 14, item 4): per
 * kecamatan, the posts and guard places the plan needs with the cluster
 * radius 0.5 km shorter and longer and with one TPS fewer and more per
 * post, for the reports.  Computed by solver/sensitivity.c.
 */
#ifndef SIAGA_SENSITIVITY_H
#define SIAGA_SENSITIVITY_H

#include <stdbool.h>

enum sens_variant { SENS_RADIUS_MINUS, SENS_RADIUS_PLUS, SENS_C_MINUS,
                    SENS_C_PLUS, SENS_COUNT };

struct sens_cell {
    long posts, places;     /* posts and their guard places */
    long bound;             /* proven lower bound on posts */
};

struct sensitivity {
    int nkec;
    bool applies[SENS_COUNT]; /* some grade with tps_per_post > 1 can take
                                 the change (radius >= 0, 1 <= c <= 20) */
    struct sens_cell *cell;   /* [nkec * SENS_COUNT]: kecamatan k, variant v
                                 at k * SENS_COUNT + v */
};

void sensitivity_free(struct sensitivity *s);   /* accepts a zeroed one */

#endif
