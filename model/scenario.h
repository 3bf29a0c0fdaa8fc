/*
 * scenario.h - the domain of a plan: regions, TPS, rules and personnel.
 *
 * A scenario is what formats.md section 1 describes, held in flat arrays
 * that refer to each other by index.  The reader (io/) fills it in document
 * order, so the TPS of one desa, the desa of one kecamatan and the
 * kecamatan of one kabupaten are contiguous.  Strings live in one arena
 * owned by the scenario.  No libxml2 and no GLPK here.
 */
#ifndef SIAGA_SCENARIO_H
#define SIAGA_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "model/error.h"

/* Grades in ascending priority (formats 1.4 item 1, with 1.6): the empty
 * places of a higher value come first, so GRADE_COUNT - 1 - g is the
 * lexicographic tier and a loop from GRADE_COUNT - 1 down goes by priority.
 * Khusus (TPS khusus: prison, hospital, pesantren; numbered from 901)
 * ranks right after sangat rawan. */
enum grade { GRADE_KURANG_RAWAN, GRADE_RAWAN, GRADE_KHUSUS, GRADE_SANGAT_RAWAN,
             GRADE_COUNT };
enum force { FORCE_POLRI, FORCE_TNI, FORCE_LINMAS, FORCE_COUNT };
/* SCOPE_POLRES (formats 1.6): the unit serves the areas of one Polres of
 * <jurisdictions>; region is its index in s->polres. */
enum scope { SCOPE_ANY, SCOPE_KABUPATEN, SCOPE_KECAMATAN, SCOPE_DESA,
             SCOPE_POLRES };

/* Largest tps_per_post accepted (formats.md 1.6); routes are exact up to
 * GEO_EXACT_MAX TPS (geo.h) and locally optimal above. */
#define MAX_TPS_PER_POST 20

struct grade_rule {
    int guards;        /* guard places of a post, >= 1 */
    int tps_per_post;  /* TPS a post may hold, 1..MAX_TPS_PER_POST */
    int min_polri;     /* places only Polri may fill, 0..guards */
    double radius_km;  /* cluster radius from the anchor, km, >= 0 */
};

struct rules {
    struct grade_rule grade[GRADE_COUNT];
    int linmas_per_tps; /* Linmas places at every TPS, >= 0 */
    /* <bko force size> (formats 1.6): reinforcements of force f are
     * requested in formations of bko_size[f] persons; 0: by person */
    int bko_size[FORCE_COUNT];
};

/* Largest formation of <bko size> (a Brimob battalion is ~500; far above
 * a platoon of 30 or a company of 100, low enough to keep the BKO MIP's
 * coefficients small). */
#define MAX_BKO_SIZE 1000

/* The 2024 Polres Kaur defaults of formats.md section 1.2. */
void rules_init(struct rules *r);

struct kabupaten { const char *code, *name; long line; };
struct kecamatan { const char *code, *name; int kabupaten; long line; };
struct desa      { const char *code, *name; int kecamatan; long line; };

/* Polres jurisdictions (formats 1.6): a Polres and the kabupaten or
 * kecamatan of its areas.  An area's region is resolved by
 * scenario_check (kabupaten when its code has 4 digits, kecamatan 6). */
struct polres { const char *id, *name; long line; };
struct polres_area { int polres; const char *code; long line; };

struct tps {
    int desa, kecamatan, kabupaten; /* indices */
    int no;                /* 1..999 */
    double lat, lon;       /* WGS84 degrees */
    enum grade grade;
    int voters;            /* -1 when not given */
    bool sulit;            /* access="sulit" */
    bool blankspot;        /* signal="blankspot" */
    long line;
};

struct unit {
    const char *id, *name;
    enum force force;
    enum scope scope;
    int region;            /* index in kab/kec/desa by scope; -1 for ANY */
    bool has_base;         /* lat/lon given in the file */
    double lat, lon;       /* base: given, or mean of the TPS in scope */
    int first_member, nmembers; /* members are contiguous */
    int count;             /* count="N" when given, else 0 */
    bool cadangan;         /* role="cadangan" (formats 1.6): a formed
                              reserve, drawn on only where a place would
                              otherwise stay empty (solver/assign.c) */
    long line;
};

struct member {
    const char *id, *name;
    const char *rank;      /* NULL when not given */
    int unit;
    long line;
};

struct arena;
struct strmap;

enum scenario_index { IX_KAB, IX_KEC, IX_DESA, IX_TPS, IX_UNIT, IX_MEMBER };

struct scenario {
    const char *file;      /* path it was read from */
    const char *name, *date;
    struct rules rules;
    struct kabupaten *kab;  int nkab;
    struct kecamatan *kec;  int nkec;
    struct desa *desa;      int ndesa;
    struct tps *tps;        int ntps;
    struct unit *unit;      int nunit;
    struct member *member;  int nmember;
    struct polres *polres;  int npolres;  /* <jurisdictions>, or none */
    struct polres_area *area; int narea;
    int *kec_polres;        /* per kecamatan, its Polres (index), after
                               scenario_check; NULL without jurisdictions */
    bool has_timeline;      /* the file has a <timeline> (read apart, by
                               io/formats/timeline_read.c, only when there is one) */
    int cap_kab, cap_kec, cap_desa, cap_tps, cap_unit, cap_member;
    int cap_polres, cap_area;
    struct arena *arena;    /* owns every string above */
    struct strmap *index[6]; /* by enum scenario_index, after finish */
};

/* An empty scenario with default rules; NULL when out of memory.
 * Free with scenario_destroy (which accepts NULL). */
struct scenario *scenario_create(void);
void scenario_destroy(struct scenario *s);

/* Copy a string into the scenario's arena; NULL when out of memory. */
const char *scenario_strdup(struct scenario *s, const char *str);

/* Append records; each returns the new index, or -1 when out of memory.
 * Strings must already live in the arena (scenario_strdup). */
int scenario_add_kabupaten(struct scenario *s, const struct kabupaten *k);
int scenario_add_kecamatan(struct scenario *s, const struct kecamatan *k);
int scenario_add_desa(struct scenario *s, const struct desa *d);
int scenario_add_tps(struct scenario *s, const struct tps *t);
int scenario_add_unit(struct scenario *s, const struct unit *u);
int scenario_add_member(struct scenario *s, const struct member *m);
int scenario_add_polres(struct scenario *s, const struct polres *p);
int scenario_add_area(struct scenario *s, const struct polres_area *a);

/* The Polres of TPS t, or -1 without jurisdictions. */
static inline int scenario_tps_polres(const struct scenario *s, int t)
{
    return s->kec_polres != NULL ? s->kec_polres[s->tps[t].kecamatan] : -1;
}

/*
 * Semantic checks of formats.md section 1.5 that the schema cannot make
 * (scenario_check, model/scenario_check.c), then derived values (the
 * look-up index, unit bases).  Call once after reading.  Every problem is
 * added to errs with s->file and its line.
 * Returns SIAGA_OK, SIAGA_EINPUT or SIAGA_ENOMEM.
 */
int scenario_finish(struct scenario *s, struct error_list *errs);

/* The checks alone; builds the look-up index on the way (duplicates are
 * found there).  Called by scenario_finish. */
int scenario_check(struct scenario *s, struct error_list *errs);

/* Look-ups by code or id after scenario_finish; -1 when absent. */
int scenario_find_kabupaten(const struct scenario *s, const char *code);
int scenario_find_kecamatan(const struct scenario *s, const char *code);
int scenario_find_desa(const struct scenario *s, const char *code);
int scenario_find_tps(const struct scenario *s, const char *code13);
int scenario_find_unit(const struct scenario *s, const char *id);
int scenario_find_member(const struct scenario *s, const char *id);
int scenario_find_polres(const struct scenario *s, const char *id);

/* The 13-digit KPU TPS code into buf (at least 14 bytes); returns buf. */
char *scenario_tps_code(const struct scenario *s, int tps, char *buf);

/* The Polres whose areas hold every TPS unit u may serve at, or -1 (no
 * jurisdictions, or the unit may serve in more than one Polres). */
int scenario_unit_polres(const struct scenario *s, int u);

/* May a member of unit u serve at TPS t (scope test)? */
bool scenario_unit_covers(const struct scenario *s, int u, int t);

/* Guard forces: Polri and TNI. */
static inline bool force_is_guard(enum force f) { return f != FORCE_LINMAS; }

const char *grade_name(enum grade g);   /* "kurang_rawan", ... */
const char *grade_label(enum grade g);  /* "kurang rawan", ... (Bahasa) */
const char *force_name(enum force f);   /* "polri", "tni", "linmas" */
const char *scope_name(enum scope sc);  /* "any", "kabupaten", ... */
/* The region r of scope sc (a unit's scope and region): its code (a
 * Polres's id) into *code and its name into *name, and true; for
 * SCOPE_ANY or r < 0, false and both left as they were, so the caller
 * presets what it writes for "anywhere".  Either pointer may be NULL. */
bool scenario_region(const struct scenario *s, enum scope sc, int r,
                     const char **code, const char **name);
int grade_parse(const char *s);         /* -1 when unknown */
/* Does any TPS of s have grade g?  Khusus columns and rules are written
 * only where it does, so version-1 scenarios give version-1 outputs. */
bool scenario_has_grade(const struct scenario *s, enum grade g);
int force_parse(const char *s);         /* -1 when unknown */

/* Largest distance (km) of a TPS from the median of the other TPS of its
 * kecamatan before it is refused as misplaced (formats.md 1.5). */
#define MISPLACED_TPS_KM 50.0

/* Upper bounds of the other rules (formats.md 1.2 is silent): far above
 * any real plan (2 guards, 2 Linmas, radius 2 km in 2024), low enough
 * that no rule can blow up the models (guards="1000000000" used to pass
 * validation and fail inside GLPK).  A cluster radius beyond
 * MISPLACED_TPS_KM would join TPS that count as misplaced. */
#define MAX_GUARDS_PER_POST 20
#define MAX_LINMAS_PER_TPS 20
#define MAX_RADIUS_KM MISPLACED_TPS_KM

/*
 * The one id grammar of every format (schema type Id in scenario-1,
 * overlay-1, roster-1 and roster-2): 1 to MAX_ID_BYTES bytes of UTF-8,
 * none of them white space, another Unicode space or a control or format
 * character.  Returns NULL when id fits, else why not, in English ("has a
 * space at byte 7"), in a static string or in buf (at least 64 bytes).
 * For readers without a schema (the importer); the schemas say the same.
 */
#define MAX_ID_BYTES 256
const char *scenario_id_problem(const char *id, char *buf);

/* v with the fewest significant digits (6 to 17) that read back as v, into
 * buf (at least 32 bytes); returns buf.  So a message quotes a coordinate
 * as written: 90.0000000001, not %g's "90", which looks in range. */
char *scenario_fmt_number(double v, char *buf);

#endif
