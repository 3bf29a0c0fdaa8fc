/*
 * certificate.h - shortage certificates (formats.md 6, kekurangan.csv):
 * why a plan leaves places empty, in a form anyone can check.
 *
 * A certificate is a set of places and the set of every unit whose
 * members could fill any of them; it holds more places than those units
 * have members, so at least the difference stays empty in any fill of
 * these posts.  Extracted from a plan's fills (the min cut of the fill
 * flow, Hall's theorem; the argument is at the top of certificate.c) and
 * verified, without trusting the planner, for `siaga check
 * --certificates`.  Pure graph code: no solver.
 */
#ifndef SIAGA_CERTIFICATE_H
#define SIAGA_CERTIFICATE_H

#include <stdbool.h>

#include "model/roster.h"
#include "model/scenario.h"

/* The kinds of place of formats.md 6 (column tempat). */
enum cert_kind {
    CERT_POLRI,   /* a post's Polri-only places (min_polri of them) */
    CERT_JAGA,    /* a post's places Polri or TNI may fill (guards - min_polri) */
    CERT_LINMAS,  /* a TPS's Linmas places */
    CERT_KIND_COUNT
};

const char *cert_kind_name(enum cert_kind k); /* "polri", "jaga", "linmas" */

/* count places of one kind at one site: a post index (CERT_POLRI,
 * CERT_JAGA) or a TPS index (CERT_LINMAS). */
struct cert_place { enum cert_kind kind; int site; int count; };

struct certificate {
    struct cert_place *place; int nplace; /* posts in plan order (polri
                                             before jaga), then TPS */
    int *unit; int nunit;                 /* scenario order */
    long places, members;                 /* deficit = places - members >= 1 */
};

struct cert_set {
    struct certificate *cert; int ncert;  /* by their first place */
    long deficit;       /* sum over the certificates */
    long empty;         /* empty places of the plan (guards and Linmas) */
    long empty_guard, empty_linmas;
    bool augmenting;    /* a unit reached from an empty place has a member
                           left over: the fill is not a maximum one (a
                           `feasible` plan), so deficit < empty */
    int lex_worse;      /* -1, or a grade: an empty place of a higher grade
                           could be filled by moving members along a chain
                           that empties a place of this grade instead
                           (the fill is not lexicographic by grade) */
    /* storage */
    struct cert_place *places_; int *units_;
};

/*
 * The certificates of plan p of scenario s (p's posts, guards and Linmas
 * as placed; p need not be siaga's: `check` builds one from a roster).
 * Returns SIAGA_OK or SIAGA_ENOMEM (out is then empty).  Free with
 * cert_set_free, which accepts an empty or zeroed set.
 */
int cert_extract(const struct scenario *s, const struct plan *p,
                 struct cert_set *out);
void cert_set_free(struct cert_set *c);

/* The kecamatan of a certificate's places, in order, without repeats,
 * into kec (room for s->nkec); returns how many. */
int cert_kecamatan(const struct scenario *s, const struct plan *p,
                   const struct certificate *c, int *kec);

/* ---- kekurangan.csv as written, for the check -------------------------- */

enum cert_jenis { CERT_ROW_POST, CERT_ROW_TPS, CERT_ROW_UNIT };

struct raw_cert_row {
    long bukti;            /* >= 1 */
    enum cert_jenis jenis;
    const char *id;        /* post id, TPS code or unit id, as written */
    enum cert_kind kind;   /* for post and tps rows */
    long jumlah;           /* >= 1 */
    long line;
};

struct raw_certs {
    const char *file;
    struct raw_cert_row *row; int nrow;
    struct arena *arena;   /* owns the strings */
};

void raw_certs_destroy(struct raw_certs *c);   /* accepts NULL */

/* What the check concludes about a certificate file. */
struct cert_finding { long line; const char *message; };

struct cert_verdict {
    struct cert_finding *finding; int nfinding; /* rejections, by line */
    int ncert;
    long deficit;           /* sum over the certificates read */
    long empty;             /* empty places recounted from the roster */
    bool valid;             /* no finding, and deficit == empty */
    bool lex_ok;            /* no chain of moves fills a place of a higher
                               grade by emptying one of a lower grade */
    int lex_worse;          /* when !lex_ok: the grade of the place emptied */
    bool posts_fewest;      /* every (kecamatan, grade) has as few posts as
                               the audit's own bound (radius components,
                               ceil(n / tps_per_post)) */
    long posts, posts_bound;
    bool desa_guards;       /* a desa-scoped guard unit serves a kecamatan
                               with patrol clusters: posts are then not
                               interchangeable and fewest posts proves
                               nothing about empty places */
    int cap_finding;
    struct arena *arena;
};

/*
 * Verify certificates c against roster r of scenario s, trusting neither:
 * posts, TPS and units are looked up (posts in r, by id), every unit that
 * could fill a listed place (by force and scope) must be listed with the
 * number of members it has in s, places and units of different
 * certificates must be disjoint, each deficit at least 1, and the
 * deficits must add up to the empty places of r, recounted as the audit
 * does (empty_guard + empty_linmas: pass the audit's recount).  When the
 * roster breaks no rule (roster_clean), also tests by itself whether its
 * fill is lexicographic by grade and whether its posts are fewest.
 * Returns SIAGA_OK (v filled; free with cert_verdict_free) or SIAGA_ENOMEM.
 */
int cert_verify(const struct scenario *s, const struct raw_roster *r,
                const struct raw_certs *c, long empty_guard,
                long empty_linmas, bool roster_clean, struct cert_verdict *v);
void cert_verdict_free(struct cert_verdict *v);

#endif
