/*
 * roster.h - plans made by the solver, and rosters read back for audit.
 *
 * A plan refers to the scenario by index: it is what the planner produces
 * and what the writers print.  A raw roster is what a roster file says,
 * strings and line numbers untouched, so that the audit (model/audit.h)
 * can judge a file made by any program without trusting it.
 */
#ifndef SIAGA_ROSTER_H
#define SIAGA_ROSTER_H

#include "model/scenario.h"

enum plan_status {
    PLAN_OPTIMAL,   /* every place filled; priorities 1-3 proven optimal */
    PLAN_SHORTAGE,  /* some place empty; priorities 1-3 proven optimal */
    PLAN_FEASIBLE   /* a time limit stopped the proof; see the gaps */
};

const char *plan_status_name(enum plan_status st); /* "optimal", ... */

struct post {
    enum grade grade;
    int kecamatan;
    int ntps;
    int tps[MAX_TPS_PER_POST]; /* patrol order, anchor first */
    int required;              /* guard places: rules.grade[g].guards */
    double route_km;           /* closed walk in the order above */
    int first_guard, nguards;  /* range in plan.guard */
};

struct linmas_place { int tps, member; };

/*
 * The objective of formats.md 1.4, as values reached and proven bounds.
 * For items 1-3 value == bound when proven.  For items 4 and 5 bound is a
 * proven lower bound, so (value - bound) / value is the gap.
 */
struct plan_objective {
    long empty_guard[GRADE_COUNT];     /* item 1 */
    long empty_guard_bound[GRADE_COUNT];
    long empty_linmas, empty_linmas_bound;   /* item 2 */
    long posts, posts_bound;                 /* item 3 */
    double member_km, member_km_bound;       /* item 4 */
    double cluster_km, cluster_km_bound;     /* item 5 */
};

struct member_why;

struct plan {
    enum plan_status status;
    struct post *post; int npost;
    int *guard; int nguard;            /* member indices, grouped by post */
    struct linmas_place *linmas; int nlinmas; /* in TPS order */
    int *reserve; int nreserve;        /* member indices, scenario order */
    struct plan_objective obj;
    double seconds;                    /* wall time of the solve */
    double phase_seconds[3];           /* clusters, guards, Linmas */
    long moves;                        /* re-planned against a baseline:
                                          members whose place changed */
    struct member_why *why; int nwhy;  /* asked for (plan_params
                                          why_members): the next-best
                                          place of each placed (unit,
                                          place), model/member_why.h;
                                          else NULL, 0 */
};

struct plan *plan_create(void);
void plan_destroy(struct plan *p);

/* Gap of a minimised value against its lower bound, in [0, 1]. */
double plan_gap(double value, double bound);

/* Raw roster: everything as written in the file. */
struct raw_ref { const char *id; long line; };                 /* <tps id> */
struct raw_guard { const char *member, *unit, *force; long line; };
struct raw_post {
    const char *id, *grade, *kecamatan, *required, *route_km; /* NULL if absent */
    long line;
    int first_tps, ntps;      /* range in raw_roster.tps */
    int first_guard, nguards; /* range in raw_roster.guard */
};
struct raw_linmas { const char *tps, *member, *unit; long line; };

struct raw_roster {
    const char *file;
    const char *scenario, *status;
    long line;                 /* of the <roster> element */
    struct raw_post *post;     int npost;
    struct raw_ref *tps;       int ntps;
    struct raw_guard *guard;   int nguard;
    struct raw_linmas *linmas; int nlinmas;
    struct raw_guard *reserve; int nreserve; /* member, unit, force */
    struct arena *arena;
};

struct raw_roster *raw_roster_create(void);
void raw_roster_destroy(struct raw_roster *r);
const char *raw_roster_strdup(struct raw_roster *r, const char *s);

#endif
