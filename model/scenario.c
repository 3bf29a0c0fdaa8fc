/*
 * scenario.c - storage of a scenario: growable arrays, the string arena,
 * the look-up index and derived unit bases.  The semantic checks of
 * formats.md 1.5 live in scenario_check.c.
 */
#include "model/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/grow.h"
#include "model/strmap.h"

void rules_init(struct rules *r)
{
    memset(r, 0, sizeof *r);
    r->grade[GRADE_KURANG_RAWAN] = (struct grade_rule){2, 5, 1, 2.0};
    r->grade[GRADE_RAWAN] = (struct grade_rule){1, 1, 1, 0.0};
    r->grade[GRADE_SANGAT_RAWAN] = (struct grade_rule){2, 1, 1, 0.0};
    /* formats 1.6: "2-1-2" of Polda Jateng (Pilkada 2024) read as 2 guards
     * at 1 TPS, both Polri (the 2 Linmas are the per_tps rule) */
    r->grade[GRADE_KHUSUS] = (struct grade_rule){2, 1, 2, 0.0};
    r->linmas_per_tps = 2;
}

struct scenario *scenario_create(void)
{
    struct scenario *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    rules_init(&s->rules);
    s->arena = arena_create();
    if (s->arena == NULL) {
        free(s);
        return NULL;
    }
    s->name = s->date = s->file = "";
    return s;
}

void scenario_destroy(struct scenario *s)
{
    if (s == NULL)
        return;
    free(s->kab);
    free(s->kec);
    free(s->desa);
    free(s->tps);
    free(s->unit);
    free(s->member);
    free(s->polres);
    free(s->area);
    free(s->kec_polres);
    for (int i = 0; i < 6; i++)
        strmap_destroy(s->index[i]);
    arena_destroy(s->arena);
    free(s);
}

const char *scenario_strdup(struct scenario *s, const char *str)
{
    return arena_strdup(s->arena, str);
}

#define ADD(s, arr, n, cap, rec)                                          \
    do {                                                                  \
        if (model_grow((void **)&(s)->arr, (s)->n, &(s)->cap,             \
                    sizeof *(s)->arr) != 0)                               \
            return -1;                                                    \
        (s)->arr[(s)->n] = *(rec);                                        \
        return (s)->n++;                                                  \
    } while (0)

int scenario_add_kabupaten(struct scenario *s, const struct kabupaten *k)
{ ADD(s, kab, nkab, cap_kab, k); }
int scenario_add_kecamatan(struct scenario *s, const struct kecamatan *k)
{ ADD(s, kec, nkec, cap_kec, k); }
int scenario_add_desa(struct scenario *s, const struct desa *d)
{ ADD(s, desa, ndesa, cap_desa, d); }
int scenario_add_tps(struct scenario *s, const struct tps *t)
{ ADD(s, tps, ntps, cap_tps, t); }
int scenario_add_unit(struct scenario *s, const struct unit *u)
{ ADD(s, unit, nunit, cap_unit, u); }
int scenario_add_member(struct scenario *s, const struct member *m)
{ ADD(s, member, nmember, cap_member, m); }
int scenario_add_polres(struct scenario *s, const struct polres *p)
{ ADD(s, polres, npolres, cap_polres, p); }
int scenario_add_area(struct scenario *s, const struct polres_area *a)
{ ADD(s, area, narea, cap_area, a); }

int scenario_find_polres(const struct scenario *s, const char *id)
{
    for (int i = 0; i < s->npolres; i++)   /* a few per scenario */
        if (strcmp(s->polres[i].id, id) == 0)
            return i;
    return -1;
}

char *scenario_tps_code(const struct scenario *s, int t, char *buf)
{
    snprintf(buf, 14, "%s%03d", s->desa[s->tps[t].desa].code, s->tps[t].no);
    return buf;
}

static int find(const struct scenario *s, enum scenario_index ix,
                const char *key)
{
    return s->index[ix] ? strmap_get(s->index[ix], key) : -1;
}

int scenario_find_kabupaten(const struct scenario *s, const char *code)
{ return find(s, IX_KAB, code); }
int scenario_find_kecamatan(const struct scenario *s, const char *code)
{ return find(s, IX_KEC, code); }
int scenario_find_desa(const struct scenario *s, const char *code)
{ return find(s, IX_DESA, code); }
int scenario_find_tps(const struct scenario *s, const char *code13)
{ return find(s, IX_TPS, code13); }
int scenario_find_unit(const struct scenario *s, const char *id)
{ return find(s, IX_UNIT, id); }
int scenario_find_member(const struct scenario *s, const char *id)
{ return find(s, IX_MEMBER, id); }

bool scenario_unit_covers(const struct scenario *s, int u, int t)
{
    const struct unit *un = &s->unit[u];
    const struct tps *tp = &s->tps[t];
    switch (un->scope) {
    case SCOPE_ANY: return true;
    case SCOPE_KABUPATEN: return tp->kabupaten == un->region;
    case SCOPE_KECAMATAN: return tp->kecamatan == un->region;
    case SCOPE_DESA: return tp->desa == un->region;
    case SCOPE_POLRES:
        return s->kec_polres != NULL && s->kec_polres[tp->kecamatan] == un->region;
    }
    return false;
}

int scenario_unit_polres(const struct scenario *s, int u)
{
    const struct unit *un = &s->unit[u];
    if (s->kec_polres == NULL)
        return -1;
    switch (un->scope) {
    case SCOPE_POLRES: return un->region;
    case SCOPE_KECAMATAN: return s->kec_polres[un->region];
    case SCOPE_DESA: return s->kec_polres[s->desa[un->region].kecamatan];
    case SCOPE_KABUPATEN: {
        int pr = -2;
        for (int k = 0; k < s->nkec; k++)
            if (s->kec[k].kabupaten == un->region) {
                if (pr != -2 && s->kec_polres[k] != pr)
                    return -1;
                pr = s->kec_polres[k];
            }
        return pr < 0 ? -1 : pr;
    }
    case SCOPE_ANY: break;
    }
    return s->npolres == 1 ? 0 : -1;
}

/* A unit without lat/lon sits at the mean position of the TPS in scope.
 * Sums per region first, so this is linear in TPS plus units. */
static int derive_bases(struct scenario *s)
{
    int nreg = s->nkab + s->nkec + s->ndesa + s->npolres + 2;
    double *sum = calloc((size_t)nreg * 3, sizeof *sum);
    if (sum == NULL)
        return SIAGA_ENOMEM;
    double *kab = sum, *kec = kab + 3 * s->nkab, *des = kec + 3 * s->nkec,
           *pol = des + 3 * s->ndesa, *all = pol + 3 * s->npolres,
           *none = all + 3;
    for (int t = 0; t < s->ntps; t++) {
        const struct tps *tp = &s->tps[t];
        int pr = scenario_tps_polres(s, t);
        double *acc[5] = {kab + 3 * tp->kabupaten, kec + 3 * tp->kecamatan,
                          des + 3 * tp->desa, all,
                          pr >= 0 ? pol + 3 * pr : none};
        for (int i = 0; i < 5; i++) {
            acc[i][0] += tp->lat;
            acc[i][1] += tp->lon;
            acc[i][2] += 1;
        }
    }
    for (int u = 0; u < s->nunit; u++) {
        struct unit *un = &s->unit[u];
        if (un->has_base)
            continue;
        const double *a = all;
        switch (un->scope) {
        case SCOPE_ANY: a = all; break;
        case SCOPE_KABUPATEN: a = kab + 3 * un->region; break;
        case SCOPE_KECAMATAN: a = kec + 3 * un->region; break;
        case SCOPE_DESA: a = des + 3 * un->region; break;
        case SCOPE_POLRES: a = pol + 3 * un->region; break;
        }
        un->lat = a[2] > 0 ? a[0] / a[2] : 0.0;
        un->lon = a[2] > 0 ? a[1] / a[2] : 0.0;
    }
    free(sum);
    return SIAGA_OK;
}

int scenario_finish(struct scenario *s, struct error_list *errs)
{
    int rc = scenario_check(s, errs);
    if (rc != SIAGA_OK)
        return rc;
    return derive_bases(s);
}

static const char *const GRADE_NAMES[] = {"kurang_rawan", "rawan", "khusus",
                                          "sangat_rawan"};
static const char *const GRADE_LABELS[] = {"kurang rawan", "rawan", "khusus",
                                           "sangat rawan"};
static const char *const FORCE_NAMES[] = {"polri", "tni", "linmas"};
static const char *const SCOPE_NAMES[] = {"any", "kabupaten", "kecamatan", "desa",
                                          "polres"};

const char *grade_name(enum grade g) { return GRADE_NAMES[g]; }
const char *grade_label(enum grade g) { return GRADE_LABELS[g]; }
const char *force_name(enum force f) { return FORCE_NAMES[f]; }
const char *scope_name(enum scope sc) { return SCOPE_NAMES[sc]; }

bool scenario_region(const struct scenario *s, enum scope sc, int r,
                     const char **code, const char **name)
{
    const char *c, *n;
    if (r < 0)
        return false;
    switch (sc) {
    case SCOPE_KABUPATEN: c = s->kab[r].code; n = s->kab[r].name; break;
    case SCOPE_KECAMATAN: c = s->kec[r].code; n = s->kec[r].name; break;
    case SCOPE_DESA: c = s->desa[r].code; n = s->desa[r].name; break;
    case SCOPE_POLRES: c = s->polres[r].id; n = s->polres[r].name; break;
    case SCOPE_ANY:
    default: return false;
    }
    if (code != NULL)
        *code = c;
    if (name != NULL)
        *name = n;
    return true;
}

int grade_parse(const char *str)
{
    for (int g = 0; g < GRADE_COUNT; g++)
        if (strcmp(str, GRADE_NAMES[g]) == 0)
            return g;
    return -1;
}

bool scenario_has_grade(const struct scenario *s, enum grade g)
{
    for (int t = 0; t < s->ntps; t++)
        if (s->tps[t].grade == g)
            return true;
    return false;
}

int force_parse(const char *str)
{
    for (int f = 0; f < FORCE_COUNT; f++)
        if (strcmp(str, FORCE_NAMES[f]) == 0)
            return f;
    return -1;
}

/* Decode one UTF-8 character at s; *len its bytes.  An invalid sequence
 * is NOT_UTF8, one byte long. */
#define NOT_UTF8 0x110000ul
static unsigned long utf8_next(const unsigned char *s, int *len)
{
    unsigned long c = s[0];
    int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
          : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0) {
        *len = 1;
        return NOT_UTF8;
    }
    if (n > 1)
        c &= 0xFFu >> (n + 1);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return NOT_UTF8;
        }
        c = c << 6 | (s[i] & 0x3Fu);
    }
    *len = n;
    return c;
}

/* XSD's \s, \p{Z} and the \p{C} characters that occur in real text:
 * controls, format characters (zero-width, bidi marks, BOM), private use. */
static bool id_char_bad(unsigned long c)
{
    return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD ||
           c == 0x061C || c == 0x1680 || c == 0x180E ||
           (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
           (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
           (c >= 0xE000 && c <= 0xF8FF) || c == 0xFEFF ||
           (c >= 0xFFF9 && c <= 0xFFFB) || c == NOT_UTF8;
}

const char *scenario_id_problem(const char *id, char *buf)
{
    size_t n = strlen(id);
    if (n == 0)
        return "is empty";
    if (n > MAX_ID_BYTES) {
        snprintf(buf, 64, "is %zu bytes long; the limit is %d", n,
                 MAX_ID_BYTES);
        return buf;
    }
    const unsigned char *u = (const unsigned char *)id;
    for (size_t i = 0; i < n;) {
        int len;
        unsigned long c = utf8_next(u + i, &len);
        if (id_char_bad(c)) {
            snprintf(buf, 64, "has %s at byte %zu",
                     c == ' ' ? "a space"
                     : c == NOT_UTF8 ? "a byte that is not UTF-8"
                     : c <= 0x20 || (c >= 0x7F && c < 0xA0) ? "a control character"
                     : "an invisible or space character", i + 1);
            return buf;
        }
        i += (size_t)len;
    }
    return NULL;
}

char *scenario_fmt_number(double v, char *buf)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}
