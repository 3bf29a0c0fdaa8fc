/*
 * session.h - what siaga serve holds between requests: the scenario with
 * the changes made so far, the plan of each step, and the files of the
 * last one in DIR.  Every call takes the session's lock, so re-plans run
 * one at a time (the others wait) and a reader never sees half a step.
 * No HTTP here (serve/http.c) and no libxml2 or GLPK: the library does
 * the reading, planning and writing.
 */
#ifndef SIAGA_SERVE_SESSION_H
#define SIAGA_SERVE_SESSION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/error.h"

/* Most --with overlays, changes posted and pins per re-plan. */
#define SESSION_MAX_WITH 16
#define SESSION_MAX_POSTED 256
#define SESSION_MAX_PINS 256
/* Steps kept for undo (older ones are forgotten, not their changes). */
#define SESSION_MAX_UNDO 32
/* Rows of "changes" in a re-plan's JSON answer; the rest are counted
 * ("changes_more") and all are in perubahan.csv. */
#define SESSION_MAX_CHANGE_ROWS 5000

struct session_opts {
    const char *scenario;                /* SCENARIO.xml */
    const char *with[SESSION_MAX_WITH];  /* --with, in order */
    int nwith;
    const char *baseline;                /* --baseline ROSTER.xml or NULL */
    const char *dir;                     /* where the files go */
    double time_limit;                   /* seconds per plan, 0: none */
    int jobs;                            /* solver threads, >= 1 */
};

struct session;

/* Read the scenario and overlays, plan (against the baseline when given),
 * and write the files into o->dir.  On SIAGA_OK *out owns the session
 * (session_destroy); otherwise *out is NULL and errs says why: the
 * status of the reader, the planner or the writer. */
int session_create(const struct session_opts *o, struct session **out,
                   struct error_list *errs);
void session_destroy(struct session *ss);

/*
 * Apply overlay body[0..len) to the current scenario and re-plan against
 * the current roster with the fewest moves, pins[0..npins) (member ids or
 * post ids of the current roster) kept in place; write the files and
 * answer with the step's JSON on f.  A bad overlay or pin returns
 * SIAGA_EINPUT with errs naming it (line of the overlay) and changes
 * nothing; so does any other failure (SIAGA_ENOMEM, SIAGA_EIO,
 * SIAGA_ESOLVER).
 */
int session_replan(struct session *ss, const char *body, size_t len,
                   const char *const *pins, int npins, FILE *f,
                   struct error_list *errs);

/* Go back one step: the files of the step before are written again (the
 * same bytes).  SIAGA_EINPUT when there is no step to undo; f gets the
 * JSON of the step now current. */
int session_undo(struct session *ss, FILE *f, struct error_list *errs);

/* The current plan as JSON for the page (regions, TPS, posts with their
 * routes, units, members, Linmas, the last step's changes) on f. */
int session_state_json(struct session *ss, FILE *f);

/* Why member id (scenario id) stands where he stands in the current
 * step, as JSON on f: {member, name, unit, tugas (jaga, linmas or
 * cadangan), tempat, tempat_alternatif, tambahan_km, keterangan}
 * (model/member_why.h; alasan-anggota.csv's columns).  The first request
 * of a step plans it again with the next-best places (the same roster:
 * the plan is deterministic); a step re-planned against a baseline says
 * "tidak dihitung".  SIAGA_EINPUT when no member has that id. */
int session_why_json(struct session *ss, const char *member, FILE *f,
                     struct error_list *errs);

/* The bytes of file name of the current step ("roster.xml",
 * "roster.csv", "perubahan.csv", "overlay.xml", "baseline.xml",
 * "laporan.html", ...), malloc'ed in *data (free); SIAGA_EINPUT when
 * name is not one of them or the step has none, SIAGA_EIO, SIAGA_ENOMEM. */
int session_file(struct session *ss, const char *name, char **data,
                 size_t *len, const char **mime);
#endif
