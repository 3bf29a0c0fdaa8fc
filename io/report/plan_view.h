/*
 * plan_view.h - look-ups over a plan that the plan writers share
 * (roster.xml, roster.csv, ringkasan.txt, roster.kml, roster.geojson,
 * laporan.html, and `siaga merge`): the post of each TPS, the Linmas of
 * each TPS, post ids, the Polsek of each kecamatan, the colours of the
 * grades, the summary rows and the status in words, so the outputs agree
 * with each other.  It calls no writer: the writers call it.
 */
#ifndef SIAGA_PLAN_VIEW_H
#define SIAGA_PLAN_VIEW_H

#include "model/roster.h"
#include "model/scenario.h"

struct plan_view {
    int *post_of;       /* [ntps] post index of each TPS, -1 when in none */
    int *linmas_first;  /* [ntps + 1] TPS t's Linmas are linmas_member[
                           linmas_first[t] .. linmas_first[t + 1] - 1] */
    int *linmas_member; /* [nlinmas] member indices grouped by TPS, in plan order */
    char (*post_id)[24]; /* [npost] "P0001", ... (io_post_id) */
    int *polsek;        /* [nkec] first Polri unit scoped to the kecamatan, or -1 */
    /* by kecamatan, so that a writer walks each kecamatan's TPS and posts
     * without scanning all of them per kecamatan (quadratic on a
     * province): kecamatan k's TPS are kec_tps[kec_tps_first[k] ..
     * kec_tps_first[k + 1] - 1] in scenario order, its posts kec_post[..]
     * likewise in plan order */
    int *kec_tps_first, *kec_tps;   /* [nkec + 1], [ntps] */
    int *kec_post_first, *kec_post; /* [nkec + 1], [npost] */
    /* by kabupaten likewise, for the maps written per kabupaten: TPS in
     * scenario order, posts (by the kabupaten of their kecamatan) in plan
     * order */
    int *kab_tps_first, *kab_tps;   /* [nkab + 1], [ntps] */
    int *kab_post_first, *kab_post; /* [nkab + 1], [npost] */
};

/* Fill v for plan p of scenario s.  Returns 0, or -1 when out of memory
 * (v is then empty and plan_view_free may still be called). */
int plan_view_init(struct plan_view *v, const struct scenario *s,
                   const struct plan *p);
void plan_view_free(struct plan_view *v);

/* Colours of the grades on every map, "#rrggbb". */
const char *plan_view_grade_rgb(enum grade g);

/* Colour of patrol routes, "#rrggbb". */
#define PLAN_VIEW_ROUTE_RGB "#1f5fbf"

/* The force in words for people: "Polri", "TNI", "Linmas". */
const char *plan_view_force_label(enum force f);

/* Post id of post index i in a plan of npost posts: "P0001", wider past
 * 9,999 posts; buf >= 24.  Returns buf.  Never fails. */
char *io_post_id(int i, int npost, char *buf);

/* One row of the summary (ringkasan.txt, laporan.html). */
struct plan_summary_row {
    long tps[GRADE_COUNT];  /* TPS by grade */
    long posts, places;     /* posts and their guard places */
    long polri, tni;        /* guard places filled, by force */
    long linmas_places, linmas; /* Linmas places and those filled */
    long empty;             /* guard and Linmas places left empty */
    long reserve;           /* members in reserve */
};

/*
 * The summary rows of plan p: rows[k] for kecamatan k (0 .. nkec-1),
 * rows[nkec] for the reserves of units wider than a kecamatan, and
 * rows[nkec + 1] the total.  Returns nkec + 2 rows that the caller frees
 * with free(); NULL when out of memory.
 */
struct plan_summary_row *io_plan_summary_rows(const struct scenario *s,
                                              const struct plan *p);

/*
 * With <jurisdictions> (formats 1.6): the summary per Polres, from rows
 * (io_plan_summary_rows): out[p] for Polres p (its kecamatan, and the
 * reserves of units serving inside its areas), out[npolres] the reserves
 * of units serving in more than one Polres, out[npolres + 1] the total
 * (the same as rows' total).  NULL when out of memory or without
 * jurisdictions; the caller frees it with free().
 */
struct plan_summary_row *io_plan_polres_rows(const struct scenario *s,
                                             const struct plan *p,
                                             const struct plan_summary_row *rows);
/* a += b.  Never fails. */
void io_plan_summary_row_add(struct plan_summary_row *a,
                             const struct plan_summary_row *b);

/* The plan status in words (Bahasa Indonesia), as ringkasan.txt and
 * laporan.html say it. */
const char *io_plan_status_label(enum plan_status st);

/* The label of a plan with its timeline sr (NULL: as above): a plan whose
 * shifts leave place-hours empty never says "semua tempat terisi". */
struct shift_result;
const char *io_plan_status_label_tl(enum plan_status st,
                                    const struct shift_result *sr);

#endif
