/*
 * plan_write.h - the outputs of `siaga plan`: roster.xml (formats.md 2),
 * roster.csv (formats.md 3), ringkasan.txt (the summary in Bahasa
 * Indonesia), and the maps and print report roster.kml, roster.geojson and
 * laporan.html (io/kml_write.h, io/geojson_write.h, io/html_report.h),
 * written all-or-nothing into one folder.
 */
#ifndef SIAGA_PLAN_WRITE_H
#define SIAGA_PLAN_WRITE_H

#include <stdio.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

/* The names of every file a plan may write into DIR, NULL-terminated
 * (for outdir_check_outputs). */
extern const char *const io_plan_files[];

/* Write the six files into dir (created if missing).  On failure no
 * new file is left in dir.  Returns SIAGA_OK, SIAGA_EIO or SIAGA_ENOMEM. */
int io_write_plan(const char *dir, const struct scenario *s,
                  const struct plan *p, struct error_list *errs);

/* The same with the what-if outputs (io/whatif_write.h): also bko.csv,
 * and the sections "Permintaan BKO" and "Dampak perubahan" at the end of
 * ringkasan.txt.  x NULL is io_write_plan. */
struct plan_extras;
int io_write_plan_extras(const char *dir, const struct scenario *s,
                         const struct plan *p, const struct plan_extras *x,
                         struct error_list *errs);

/* The same with the timeline (README "Timeline"): roster.xml becomes
 * version 2 with the shifts, shifts.csv is added and ringkasan.txt gains
 * the section "Jadwal tahapan".  tl and sr NULL is io_write_plan_extras. */
struct timeline;
struct shift_result;
/* How many threads the plan writers may use (default 2: the maps on a
 * thread of their own); --jobs passes its value.  Main thread only. */
void io_plan_write_jobs(int jobs);

int io_write_plan_timeline(const char *dir, const struct scenario *s,
                           const struct plan *p, const struct plan_extras *x,
                           const struct timeline *tl,
                           const struct shift_result *sr,
                           struct error_list *errs);

/* The single files, to an open stream; 0 or -1 on a write error. */
int io_write_roster_xml(FILE *f, const struct scenario *s, const struct plan *p);
int io_write_roster_csv(FILE *f, const struct scenario *s, const struct plan *p);
int io_write_summary(FILE *f, const struct scenario *s, const struct plan *p);

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

/* The plan status in words (Bahasa Indonesia), as ringkasan.txt says it. */
const char *io_plan_status_label(enum plan_status st);

/* Post id of post index i in a plan of npost posts: "P0001"; buf >= 24. */
char *io_post_id(int i, int npost, char *buf);

/*
 * roster.xml element by element, from text: what io_write_roster_xml uses,
 * shared so that `siaga merge` (io/roster_merge.h) writes the same bytes.
 * Call open, then post (its tps and guard members follow), then the
 * "linmas" and "reserve" members, then close.  An attribute given as NULL
 * is left out.  Each call returns 0, or -1 once any write has failed
 * (the error sticks); close frees the writer (NULL is accepted and gives
 * -1) and returns -1 when anything failed, the FILE included.  The FILE
 * stays open.
 */
struct roster_writer;
struct roster_writer *io_roster_writer_open(FILE *f, const char *scenario,
                                            const char *status, const char *gap);
int io_roster_writer_post(struct roster_writer *rw, const char *id,
                          const char *grade, const char *kecamatan,
                          const char *required, const char *route_km);
int io_roster_writer_tps(struct roster_writer *rw, const char *id);
/* element is "guard" (inside the current post), "linmas" (tps given,
 * force NULL) or "reserve". */
int io_roster_writer_member(struct roster_writer *rw, const char *element,
                            const char *tps, const char *member,
                            const char *unit, const char *force);
int io_roster_writer_close(struct roster_writer *rw);

#endif
