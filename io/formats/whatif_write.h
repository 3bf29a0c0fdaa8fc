/*
 * whatif_write.h - the what-if parts of `siaga plan`'s output: bko.csv
 * (formats.md 5) and the summary sections "Permintaan BKO" and "Dampak
 * perubahan" of ringkasan.txt.
 */
#ifndef SIAGA_WHATIF_WRITE_H
#define SIAGA_WHATIF_WRITE_H

#include <stdio.h>

#include "model/roster.h"
#include "model/scenario.h"
#include "model/whatif.h"

/* What a plan's outputs say besides the plan (io_write_plan_extras). */
struct change_list;
struct plan_extras {
    const struct bko_request *bko;      /* the plan's BKO request */
    const struct whatif_stage *stage;   /* base, then after each overlay */
    int nstage;                         /* 1 when no overlay */
    const struct change_list *changes;  /* re-plan against a baseline, or
                                           NULL: perubahan.csv */
};

/* bko.csv: header force,scope,region,count, then one row per request row,
 * CRLF line ends (RFC 4180).  0, or -1 on a write error. */
int io_write_bko_csv(FILE *f, const struct scenario *s,
                     const struct bko_request *r);

/* The sections appended to ringkasan.txt.  0, or -1 on a write error. */
int io_write_whatif_summary(FILE *f, const struct scenario *s,
                            const struct plan_extras *x);

#endif
