/*
 * tally.h - a plan's totals by kabupaten, for the index page of the maps
 * written per kabupaten (laporan.html over DIR/kab/<code>/): the TPS, the
 * posts and guard places by grade (filled and empty), the Linmas places
 * and the reserves of each kabupaten, which add up to the province and
 * the nation; and the posts and guard places by kecamatan.  Pure counting
 * over the plan; no library.
 */
#ifndef SIAGA_TALLY_H
#define SIAGA_TALLY_H

#include "model/roster.h"
#include "model/scenario.h"

struct region_tally {
    long tps[GRADE_COUNT];    /* TPS by grade */
    long posts[GRADE_COUNT];  /* posts by grade */
    long places[GRADE_COUNT]; /* guard places of those posts */
    long filled[GRADE_COUNT]; /* of them filled (places - filled are empty) */
    long polri, tni;          /* guard places filled, by force */
    long linmas_places, linmas; /* Linmas places and those filled */
    long reserve;             /* members in reserve, counted in the
                                 kabupaten their unit is scoped to */
};

/* The tallies of plan p: t[b] for kabupaten b (0 .. nkab-1), t[nkab] for
 * the reserves of units scoped to no kabupaten (scope "any"), t[nkab + 1]
 * the total, which is the sum of the others.  A post counts in the
 * kabupaten of its kecamatan, a TPS and its Linmas in its own.  Returns
 * nkab + 2 tallies that the caller frees with free(); NULL when out of
 * memory. */
struct region_tally *plan_tally_kabupaten(const struct scenario *s,
                                          const struct plan *p);

/* The posts and guard places of plan p by kecamatan, in one pass: posts
 * of kecamatan k at [k], of the whole plan at [nkec]; guard places at
 * [nkec + 1 + k] and [2 nkec + 1].  The caller frees it with free(); NULL
 * when out of memory.  (The rule-change table: its plan column, and the
 * bounds the plan gives the changed rules.) */
long *plan_tally_kecamatan(const struct scenario *s, const struct plan *p);

/* The kabupaten unit u is scoped to, or -1 for scope "any" and for a
 * Polres (formats 1.6), whose areas may lie in more than one kabupaten
 * (laporan.html lists its reserves with the units of no kabupaten too,
 * and the plan's roster-lintas.csv holds them).  Never fails. */
int region_unit_kabupaten(const struct scenario *s, const struct unit *u);

/* a += b.  Never fails. */
void region_tally_add(struct region_tally *a, const struct region_tally *b);

/* Sums over the grades of t's places and filled places.  Never fail. */
long region_tally_places(const struct region_tally *t);
long region_tally_filled(const struct region_tally *t);

#endif
