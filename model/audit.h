/*
 * audit.h - judge a roster file against its scenario without trusting
 * the program that wrote it (what "siaga check" runs for the KPU).
 *
 * The audit re-derives everything from the scenario: which TPS exist,
 * which member belongs to which unit and force, what each grade requires,
 * distances and patrol routes.  It records every broken rule with the line
 * it is on, every TPS left short of personnel, and a coverage tally up the
 * region hierarchy.  The report is plain data: io/report/audit_text.h prints it.
 */
#ifndef SIAGA_AUDIT_H
#define SIAGA_AUDIT_H

#include <stdbool.h>

#include "model/roster.h"
#include "model/scenario.h"

/* Accepted |route_km - recomputed route| in km: writers print 2 decimals,
 * so a correct value is off by at most 0.005 plus rounding noise. */
#define AUDIT_ROUTE_TOL_KM 0.006

/* What a finding is about.  One finding names one rule broken once. */
enum audit_rule {
    AUDIT_SCENARIO_NAME,   /* roster's scenario attribute is not s->name (warning) */
    AUDIT_STATUS,          /* unknown status, or "optimal" with a place empty */
    AUDIT_STATUS_SHORTAGE, /* "shortage" while nothing is empty (warning) */
    AUDIT_POST_DUP_ID,     /* a post id used before */
    AUDIT_POST_NO_TPS,     /* a post none of whose TPS is known */
    AUDIT_TPS_UNKNOWN,     /* <tps id> not in the scenario */
    AUDIT_TPS_TWICE,       /* a TPS listed in a post before */
    AUDIT_TPS_UNASSIGNED,  /* a TPS in no post (line in the scenario) */
    AUDIT_POST_SIZE,       /* more TPS than tps_per_post */
    AUDIT_POST_RADIUS,     /* a TPS beyond radius_km of the anchor */
    AUDIT_POST_SPAN,       /* a TPS in another kecamatan than the anchor */
    AUDIT_POST_MIXED,      /* a TPS of another grade than the anchor */
    AUDIT_POST_GRADE,      /* grade attribute is not the anchor's grade */
    AUDIT_POST_KECAMATAN,  /* kecamatan attribute is not the anchor's */
    AUDIT_POST_REQUIRED,   /* required is not the grade's guards */
    AUDIT_POST_ROUTE,      /* route_km off by more than AUDIT_ROUTE_TOL_KM */
    AUDIT_GUARDS_OVER,     /* more guards than the grade's guards */
    AUDIT_TNI_OVER,        /* more TNI than guards - min_polri */
    AUDIT_MEMBER_UNKNOWN,  /* member id not in the scenario */
    AUDIT_MEMBER_TWICE,    /* member placed before (guard/linmas/reserve) */
    AUDIT_MEMBER_MISSING,  /* member nowhere in the roster (scenario line) */
    AUDIT_UNIT_WRONG,      /* unit attribute is not the member's unit */
    AUDIT_FORCE_WRONG,     /* force attribute is not the unit's force */
    AUDIT_LINMAS_AS_GUARD, /* a Linmas member in a guard place */
    AUDIT_GUARD_AS_LINMAS, /* a Polri or TNI member in a Linmas place */
    AUDIT_GUARD_SCOPE,     /* guard's unit does not cover a TPS of the post */
    AUDIT_LINMAS_SCOPE,    /* Linmas member's unit does not cover the TPS */
    AUDIT_LINMAS_OVER,     /* more Linmas at a TPS than linmas_per_tps */
    AUDIT_LINMAS_TPS_UNKNOWN, /* <linmas tps> not in the scenario */
    AUDIT_STATUS_IDLE,     /* "shortage" while a reserve could fill an
                              empty place (at the reserve's line) */
    AUDIT_STATUS_REFUTED,  /* "optimal"/"shortage" while siaga's planner
                              found a plan better by formats 1.4 items 1-3 */
    AUDIT_RULE_COUNT
};

enum audit_level {
    AUDIT_VIOLATION,  /* the roster breaks a rule: the audit fails */
    AUDIT_WARNING     /* worth telling, does not fail the audit */
};

struct audit_finding {
    enum audit_rule rule;
    enum audit_level level;
    const char *file;     /* the roster's or the scenario's path */
    long line;            /* 0 when unknown */
    const char *message;  /* Bahasa Indonesia, no file or line */
};

/* A TPS short of personnel: its post has fewer guards than required or
 * fewer Polri than min_polri, or it has fewer Linmas than per_tps. */
struct audit_short {
    int tps;              /* scenario index */
    const char *post;     /* id of its post; NULL when in no post */
    int guards_required;  /* the grade's guards; 0 when in no post */
    int min_polri;
    int polri, tni;       /* guard places filled */
    int linmas_required, linmas;
};

/* Coverage of one region (or of all).  Guard places of a post count in
 * the region of its anchor TPS. */
struct audit_tally {
    long tps[GRADE_COUNT];    /* TPS by grade */
    long guard_required;      /* sum of the grade's guards over posts */
    long guard_polri, guard_tni; /* guard places filled, by force */
    long linmas_required, linmas_filled;
};

/* The status a roster claims. */
enum audit_claim { CLAIM_UNKNOWN = -1, CLAIM_OPTIMAL, CLAIM_SHORTAGE,
                   CLAIM_FEASIBLE };

/* The roster's own figures of formats.md 1.4 items 1-3, recounted from
 * its valid places (what a better plan must beat). */
struct audit_recount {
    long empty_guard[GRADE_COUNT];  /* by the grade of the post's anchor */
    long empty_linmas;
    long posts;                     /* posts with at least one known TPS */
    long unassigned;                /* TPS in no post */
};

struct arena;

struct audit_report {
    const char *roster_file, *scenario_file, *scenario_name;
    struct audit_finding *finding;  /* roster lines first, then scenario */
    long nfinding;
    long nviolation, nwarning;      /* nviolation + nwarning == nfinding */
    long count[AUDIT_RULE_COUNT];   /* findings by rule */
    struct audit_short *shortfall;  /* in scenario TPS order */
    long nshort;
    struct audit_tally *kab, *kec, *desa; /* indexed as the scenario's */
    int nkab, nkec, ndesa;
    struct audit_tally total;
    long roster_line;               /* of the <roster> element */
    enum audit_claim claim;         /* the roster's status attribute */
    struct audit_recount recount;
    int cap_finding;
    struct arena *arena;            /* owns messages and file names */
};

/*
 * Audit roster r against scenario s (which passed scenario_finish).
 * Returns a report the caller frees with audit_destroy; NULL when out of
 * memory.  The report keeps no pointer into s or r.
 */
struct audit_report *audit_run(const struct scenario *s,
                               const struct raw_roster *r);

/*
 * Testing the status claim against a plan.  The audit itself uses no
 * solver; the caller plans the same scenario (solver_plan) when
 * audit_claim_testable says so and hands the plan to audit_refute_claim.
 *
 * audit_claim_testable: the roster claims "optimal" or "shortage" and
 * breaks no rule, so its recount is a plan's figures.
 *
 * audit_refute_claim: when plan p is strictly better than the roster by
 * formats.md 1.4 items 1-3 (empty guard places by grade, then empty
 * Linmas places, then posts; lexicographic), adds an AUDIT_STATUS_REFUTED
 * violation naming both sets of figures, at the <roster> line.  Only the
 * values p reached count, never its bounds: a plan stopped by a limit
 * refutes no more than what it found.  Returns 1 when the claim is
 * refuted, 0 when not, -1 when out of memory (the report is unchanged).
 */
bool audit_claim_testable(const struct audit_report *rep);
int audit_refute_claim(struct audit_report *rep, const struct plan *p);

/* True when the roster breaks no rule and leaves no TPS short. */
bool audit_passed(const struct audit_report *rep);

void audit_destroy(struct audit_report *rep);   /* accepts NULL */

/* The stable short name of a rule ("tps_twice", ...), for tests and logs. */
const char *audit_rule_name(enum audit_rule rule);

#endif
