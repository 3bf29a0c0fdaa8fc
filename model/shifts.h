/*
 * shifts.h - the shifts of a timeline as data: as a version 2 roster
 * writes them (struct raw_shifts, read by io/formats/shifts_read.h), as
 * the solver plans them (struct shift_result, filled by solver/shifts.h
 * and written by io/formats/shifts_write.h and io/report/html_report.h),
 * and the audit of written shifts against a timeline (shifts_audit).
 *
 * The types live here, not in io/ or solver/, so that a writer never
 * includes the solver and a reader never includes a writer.
 * No libxml2 and no GLPK here.
 */
#ifndef SIAGA_MODEL_SHIFTS_H
#define SIAGA_MODEL_SHIFTS_H

#include <stdbool.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/timeline.h"

/* One <shift> of a version 2 roster, its attributes as written (strings
 * in the roster's arena, NULL when absent). */
struct raw_shift { const char *phase, *member, *place, *start, *end; long line; };

struct raw_shifts {
    struct raw_shift *shift; int nshift, cap;
};

/* Frees sh (NULL is fine), not the strings: they are the roster's. */
void raw_shifts_destroy(struct raw_shifts *sh);

/*
 * Judge the shifts sh of roster r against timeline tl of scenario s: tl
 * laid out over the roster's posts (timeline_layout), then
 * timeline_audit.  On SIAGA_OK *l and *a hold the results (free with
 * timeline_layout_free, timeline_audit_free); an unknown member, place or
 * phase, or a bad time, is a violation with its line.  SIAGA_EINPUT /
 * SIAGA_ENOMEM otherwise.  *l and *a are zeroed first.
 */
int shifts_audit(const struct timeline *tl, const struct scenario *s,
                 const struct raw_roster *r, const struct raw_shifts *sh,
                 struct tl_layout *l, struct tl_audit *a,
                 struct error_list *errs);

/* Lexicographic tiers: guard places by grade (sangat rawan first), then
 * Linmas places at TPS by grade, then the Linmas posko. */
#define SHIFT_TIERS (2 * GRADE_COUNT + 1)

/* More people that fill every place-hour the shifts leave empty outside
 * election-day duty (whose people the day plan's bko.csv asks for): per
 * kecamatan and force, enough by construction (the plan as it is, plus
 * these people each on the empty slots an interval colouring gives them,
 * keeps every rule), not proven minimal. */
struct shift_bko {
    int kec;                       /* scenario index */
    enum force force;              /* FORCE_POLRI (guard places) or
                                      FORCE_LINMAS (posko) */
    int count;                     /* persons */
    unsigned phases;               /* bit k: phase k has empty slots here */
};

/* What solver_shifts plans (free with shift_result_free). */
struct shift_result {
    struct tl_layout layout;       /* places and pieces */
    struct tl_shift *shift; long nshift; /* by phase, place, start, member */
    long required[TIMELINE_MAX_PHASES], filled[TIMELINE_MAX_PHASES];
                                   /* place-minutes per phase */
    long tier_empty[SHIFT_TIERS];  /* place-minutes left empty per tier */
    bool proven;                   /* every stage solved to optimality */
    int ncomponent, largest;       /* independent models; columns of the
                                      largest */
    double seconds;
    /* fairness: hours of members of one unit who work at all */
    long spread;                   /* max over units with work of (most -
                                      least) minutes among all members of
                                      the unit, idle ones included */
    int spread_unit;               /* the unit where it is reached, -1 */
    long most;                     /* most minutes of any member */
    struct shift_bko *bko; int nbko; /* by kecamatan, then force */
};

/* Frees what solver_shifts put in r and empties it; r itself stays. */
void shift_result_free(struct shift_result *r);

/* Place-minutes left empty over every phase of r. */
long shift_result_empty(const struct shift_result *r);

#endif
