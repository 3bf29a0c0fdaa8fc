/*
 * timeline.h - the tally-core timeline: the phases of an election from the
 * logistics to the rekapitulasi, the places each phase must keep manned,
 * and the shift rules (longest shift, shortest rest, travel, availability).
 *
 * A timeline is read from the optional <timeline> of a scenario
 * (io/formats/timeline_read.h) or made from the 2024 defaults (timeline_default).
 * timeline_places expands it, with the day plan's posts, into places and
 * "pieces": the fixed shift grid of each place, each piece one shift slot
 * with its required personnel.  The solver (solver/shifts.h) fills the
 * pieces; the audit (timeline_audit) judges any shift list against the
 * same rules.  Times are whole minutes since 1970-01-01 00:00 local time
 * (the timeline is one time zone, WIB/WITA/WIT as the scenario's).
 * No libxml2 and no GLPK here.
 */
#ifndef SIAGA_TIMELINE_H
#define SIAGA_TIMELINE_H

#include <stdbool.h>
#include <stdio.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

enum phase_kind {
    PHASE_LOGISTIK,  /* logistics escorted to each PPK (per kecamatan) */
    PHASE_POSKO,     /* Linmas post in every kelurahan/desa */
    PHASE_TPS,       /* pemungutan-penghitungan: the day plan's posts and
                        the Linmas places of every TPS */
    PHASE_KAWAL,     /* ballot boxes escorted TPS -> PPS -> PPK (per desa) */
    PHASE_REKAP,     /* rekapitulasi at the PPK: guards per active panel */
    PHASE_JAGA_PPK,  /* the PPK guarded around the clock during rekap */
    PHASE_KIND_COUNT
};

#define TIMELINE_MAX_PHASES 32
#define TIMELINE_MAX_REKAP 100000   /* explicit rekap day rows */
#define TIMELINE_MAX_AVAIL 4000000  /* availability windows */

#define TL_PHASE_ID_MAX 32   /* bytes of an id with its terminator */

struct tl_phase {
    char id[TL_PHASE_ID_MAX]; /* as written in outputs ("tps", "rekap", ...);
                                 inline, so a timeline owns its ids */
    enum phase_kind kind;
    long start, end;     /* minutes; for rekap/jaga_ppk the first day's
                            00:00 and the end is derived from the days */
    int per_place;       /* personnel per place (per panel for rekap);
                            unused when by_force (below) */
    int max_shift;       /* longest shift, minutes */
    long line;           /* 0 for defaults */
    /* Counts by force per place (logistik, rekap, jaga_ppk only): the
     * kecamatan's guard place needs polri + tni, at least polri of them
     * Polri (TNI may be stood in for by Polri, as at a post), and a
     * Linmas place <PFX>-LINMAS-<kec> needs linmas; for rekap per venue
     * on each rekap day, not per panel.  (README "Timeline") */
    bool by_force;
    int polri, tni, linmas;
};

/* One rekap day of one PPK: how many panels sit (each panel reads
 * desa_per_day / panels desa), and which desa, by index range in code
 * order. */
struct tl_rekap_day {
    int kecamatan;
    long day;            /* minutes at 00:00 of the day */
    int panels;
    int first_desa, ndesa; /* positions in the kecamatan's desa in code order */
    long line;
};

/* A window of availability: the member (or every member of the unit) may
 * only be on shift inside [from, to). */
struct tl_avail {
    int unit, member;    /* one of them is -1 */
    long from, to;
    long line;
};

/* The end of counting of one TPS, where the scenario gives it: the
 * minute its ballot box leaves (<counting tps end/>). */
struct tl_count {
    int tps;             /* scenario index */
    long end;            /* minutes */
    long line;
};

struct timeline {
    bool given;          /* read from the scenario (else defaults) */
    /* Election day (README "Voting day and escort"): the tps phase's start
     * is the assembly, its end the default end of counting; each post's
     * guards and each TPS's Linmas hold one duty from the assembly to the
     * end of counting at their TPS, then the post's guards escort the
     * boxes (kawal).  The duty is planned from the day roster, not cut
     * into shifts. */
    bool pilkada;        /* election="pilkada": counting ends 22:00 */
    int sulit_delay;     /* minutes an access="sulit" TPS's box leaves
                            after the end of counting, 0..1440 (60) */
    double escort_kmh;   /* escort speed on ordinary roads, > 0 (30) */
    double escort_sulit_kmh; /* escort speed from a sulit TPS, > 0 (15) */
    int escort_handover; /* minutes of handing over at the PPS and the
                            PPK, together, 0..1440 (30) */
    int duty_max;        /* longest duty, assembly to end of escort,
                            minutes, 60..4320 (24 h) */
    struct tl_count *count; int ncount, capcount;
    int min_rest;        /* minutes between two shifts of a member, >= 0 */
    int max_shift;       /* minutes, default for every phase, >= 60 */
    double speed_kmh;    /* road speed, > 0 */
    double road_factor;  /* road km per great-circle km, >= 1 */
    struct tl_phase phase[TIMELINE_MAX_PHASES];
    int nphase;
    /* rekap generation (used where no <day> row names a kecamatan) */
    int rekap_from, rekap_to;  /* minutes after 00:00 of each day */
    int desa_per_day, panels;
    struct tl_rekap_day *rday; int nrday, caprday;
    struct tl_avail *avail; int navail, capavail;
};

/* The 2024 defaults (README "Timeline"); a timeline owns its arrays:
 * free with timeline_free. */
void timeline_default(struct timeline *tl);
void timeline_free(struct timeline *tl);

/* Append rows; -1 when out of memory. */
int timeline_add_rekap_day(struct timeline *tl, const struct tl_rekap_day *d);
int timeline_add_avail(struct timeline *tl, const struct tl_avail *a);
int timeline_add_count(struct timeline *tl, const struct tl_count *c);

/* Is phase kind k election-day duty (tps, kawal), planned from the day
 * roster rather than cut into shifts? */
bool timeline_is_duty(enum phase_kind k);

/* Kind by name ("logistik", ...), -1 when unknown; and back. */
int phase_kind_parse(const char *name);
const char *phase_kind_name(enum phase_kind k);

/* Minutes <-> "2024-02-14T06:00".  Parse returns 0 or -1; buf >= 24. */
int tl_parse_time(const char *text, long *out);
char *tl_format_time(long minutes, char *buf);

/* ---- places and pieces ------------------------------------------------ */

enum tl_level { TL_TPS, TL_POST, TL_DESA, TL_KEC };

struct tl_place {
    char id[64];         /* "P0001", "TPS-1704012001001", "POSKO-1704012001" */
    int phase;           /* index in tl->phase */
    bool linmas;         /* Linmas place (else Polri/TNI) */
    enum tl_level level;
    int region;          /* tps, post, desa or kecamatan index by level */
    int ntps;            /* a post's TPS (scope test), else 0 */
    int tps[MAX_TPS_PER_POST];
    int kec, kab, desa;  /* where it is tallied; desa -1 above desa */
    enum grade grade;    /* post grade; highest TPS grade of the area */
    double lat, lon;
    int min_polri;       /* Polri-only places of each piece */
};

struct tl_piece {
    int place;
    long start, end;     /* minutes */
    int required;        /* personnel */
};

/* A member on election-day duty at a place of the tps phase (a post's
 * guard, a TPS's Linmas), from the day roster. */
struct tl_duty { int place, member; long line; /* in a roster, else 0 */ };

struct tl_layout {
    struct tl_place *place; int nplace;
    struct tl_piece *piece; int npiece;   /* by place, then start */
    long start, end;     /* span of all pieces */
    struct tl_duty *duty; int nduty, capduty; /* by timeline_add_duty */
};

/*
 * Expand the timeline over the scenario and the day plan's posts (the
 * tps phase's guard places; NULL/0 leaves them out; post_id names them,
 * NULL for "P0001".. as roster.xml does): every place and its
 * pieces.  The rekap schedule is completed by generation where the file
 * gave none.  Returns SIAGA_OK, SIAGA_EINPUT (a rekap row or window makes
 * no sense; errs says why) or SIAGA_ENOMEM.  Free with timeline_layout_free.
 */
int timeline_layout(const struct timeline *tl, const struct scenario *s,
                    const struct post *post, const char *const *post_id,
                    int npost,
                    struct tl_layout *out, struct error_list *errs);
void timeline_layout_free(struct tl_layout *l);

/* Record that member holds the election-day duty at place (a post or TPS
 * place of the tps phase).  -1 when out of memory. */
int timeline_add_duty(struct tl_layout *l, int place, int member, long line);

/* The duty window of a place of the tps or kawal phase: its one piece
 * [*start, *end).  Returns 0, or -1 when the place has no piece. */
int timeline_duty_window(const struct tl_layout *l, int place, long *start,
                         long *end);

/* May unit u serve at place p (force and scope)? */
bool timeline_unit_may(const struct scenario *s, int u,
                       const struct tl_place *p);

/* Travel minutes from a point to a place by road (great circle x
 * road_factor at speed_kmh), rounded up. */
int timeline_travel(const struct timeline *tl, double lat, double lon,
                    double lat2, double lon2);

/* Longest shift at a phase, minutes. */
int timeline_max_shift(const struct timeline *tl, int phase);

/* The window [from, to) member m may work in; whole horizon when none. */
void timeline_window(const struct timeline *tl, const struct scenario *s,
                     int m, long *from, long *to);

/* ---- shifts and their audit ------------------------------------------- */

struct tl_shift {
    int member;          /* scenario index */
    int place;           /* layout index */
    long start, end;
    long line;           /* in a roster file; 0 when planned */
};

/* Coverage of one phase in one region: place-minutes required and filled. */
struct tl_tally { long required, filled; };

struct tl_audit {
    long nviolation;
    char **message; long nmessage; int capmessage; /* "line: text", first 200 */
    struct tl_tally *kab, *kec, *desa;  /* [phase * n + region] */
    struct tl_tally total[TIMELINE_MAX_PHASES];
    int nphase;
};

/*
 * Judge shifts (any order) against the layout and the rules: every shift
 * at most the phase's longest shift and inside its phase; a member's unit
 * may serve at the place; no two shifts of a member overlap or leave less
 * than min_rest, or less than the travel between their places; shifts
 * inside the member's availability.  Election-day duty (the tps and kawal
 * phases, l->duty): each member on duty holds exactly one shift at the
 * place covering its piece, no one else holds a shift there (the escort
 * by the post's own guards), such shifts are bounded by duty_max instead
 * of the longest shift, a guard goes from the post to its escort without
 * rest, and no one at a posko is on TPS duty at the same time.  Coverage per phase (place-minutes
 * filled, a member counting once per place and minute, TNI not in Polri
 * places) is tallied per desa, kecamatan and kabupaten.  file names the
 * roster in messages.  Returns SIAGA_OK or SIAGA_ENOMEM.
 */
int timeline_audit(const struct timeline *tl, const struct scenario *s,
                   const struct tl_layout *l, struct tl_shift *shift,
                   long nshift, const char *file, struct tl_audit *out);
void timeline_audit_free(struct tl_audit *a);

/* Place-minutes filled at one place from its sorted shifts (helper shared
 * with the solver's report). */
long timeline_place_filled(const struct scenario *s, const struct tl_layout *l,
                           int place, const struct tl_shift *shift,
                           long nshift, long *required);

#endif
