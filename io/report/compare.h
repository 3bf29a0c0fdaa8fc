/*
 * compare.h - `siaga compare`: plans and rosters side by side in one
 * table (Bahasa Indonesia): posts, guard places, places filled by force,
 * empty places per grade, Linmas, reserves, travel, BKO.
 */
#ifndef SIAGA_COMPARE_H
#define SIAGA_COMPARE_H

#include <stdbool.h>
#include <stdio.h>

#include "model/roster.h"
#include "model/scenario.h"
#include "model/whatif.h"

struct compare_column {
    const char *label;          /* what the column is (the argument) */
    char status[24];            /* "optimal", ... (a roster's, as written) */
    bool from_roster;           /* recounted from a roster file */
    long tps, posts, places;    /* guard places = sum of required */
    long polri, tni;            /* guard places filled, by force */
    long empty[GRADE_COUNT];    /* guard places left empty, by grade */
    long linmas_places, linmas, empty_linmas;
    long reserve;
    long personnel;             /* members of the scenario */
    double km;                  /* item 4: unit base to post anchor / TPS */
    bool has_bko;
    long bko[FORCE_COUNT], bko_sum;
};

/* A column from a plan made here (bko may be NULL). */
void io_compare_from_plan(const struct scenario *s, const struct plan *p,
                          const struct bko_request *bko,
                          struct compare_column *c);

/*
 * A column recounted from a roster file against its scenario: guard
 * places from the scenario's rules by each post's grade, forces from the
 * scenario's units (not the roster's force attributes), Linmas places as
 * linmas_per_tps for every TPS, travel from the scenario's unit bases.
 * Ids the scenario does not know are not counted (`siaga check` reports
 * them).  No BKO for a roster.
 */
void io_compare_from_roster(const struct scenario *s,
                            const struct raw_roster *r,
                            struct compare_column *c);

/* The table, columns side by side, then a legend naming each column.
 * 0, or -1 on a write error. */
int io_write_compare(FILE *f, const struct compare_column *c, int n);

#endif
