/*
 * import_personnel.c - personnel from a CSV, one row per member or one
 * row per unit strength, written as formats.md section 1.3.
 *
 * Columns (header names matched like the TPS list's; see
 * scenarios/README.md for the full table):
 *   unit       unit id (unit, unit_id, satuan, kode_satuan)     required
 *   force      polri, tni or linmas (force, matra, kesatuan)     required
 *   unit_name  the unit's name (unit_name, nama_satuan)          default: the id
 *   scope      kabupaten, kecamatan, desa or any (scope, lingkup); empty:
 *              from the length of region (4, 6, 10 digits), any without one
 *   region     Kemendagri code of the scope (region, kode_wilayah)
 *   lat, lon   the unit's base (optional)
 *   member_id  member id, e.g. the NRP (member_id, nrp, nip, id)
 *   name       member name (name, nama)
 *   rank       member rank (rank, pangkat)                       optional
 *   count      unit strength (count, jumlah, kekuatan)
 * A row with member_id is a member; a row with count gives the unit its
 * strength (members UNIT-001 ... are then made by the scenario reader);
 * never both in one unit.  The unit columns may be repeated on every
 * member row or given on the first only; when repeated they must agree.
 * Units are written in order of first appearance, members in row order.
 */
#include "io/import/import_int.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "io/formats/csv.h"
#include "model/arena.h"
#include "model/grow.h"
#include "model/scenario.h"
#include "model/strmap.h"

enum { U_FORCE, U_NAME, U_SCOPE, U_REGION, U_LAT, U_LON, U_NATTR };
static const int U_FIELD[U_NATTR] = {
    F_FORCE, F_UNIT_NAME, F_SCOPE, F_REGION, F_LAT, F_LON
};
static const char *const U_LABEL[U_NATTR] = {
    "force", "unit_name", "scope", "region", "lat", "lon"
};

struct p_unit {
    const char *id;
    const char *attr[U_NATTR];
    long attr_line[U_NATTR];
    int count;
    long count_line, line;
    int first, last;        /* member list (indices), -1 when empty */
};

struct p_member {
    const char *id, *name, *rank;
    int next;
};

struct imp_personnel {
    struct arena *arena;
    struct p_unit *unit;
    int nunit, cap_unit;
    struct p_member *member;
    int nmember, cap_member;
    struct strmap *unit_ix, *member_ix;
};

void imp_personnel_destroy(struct imp_personnel *p)
{
    if (p == NULL)
        return;
    strmap_destroy(p->unit_ix);
    strmap_destroy(p->member_ix);
    arena_destroy(p->arena);
    free(p->unit);
    free(p->member);
    free(p);
}

static const char *trimdup(struct imp_personnel *p, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *d = arena_alloc(p->arena, n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static void lower(const char *s, char *buf, size_t n)
{
    size_t o = 0;
    for (; *s && o + 1 < n; s++)
        if (isalnum((unsigned char)*s))
            buf[o++] = (char)tolower((unsigned char)*s);
    buf[o] = '\0';
}

/* Canonical force name or NULL. */
static const char *force_of(const char *s)
{
    char k[24];
    lower(s, k, sizeof k);
    if (strcmp(k, "polri") == 0 || strcmp(k, "polisi") == 0 ||
        strcmp(k, "police") == 0)
        return "polri";
    if (strcmp(k, "tni") == 0 || strcmp(k, "tniad") == 0 ||
        strcmp(k, "army") == 0)
        return "tni";
    if (strcmp(k, "linmas") == 0 || strcmp(k, "satlinmas") == 0)
        return "linmas";
    return NULL;
}

/* Canonical scope (kabupaten, kecamatan, desa, any) or NULL. */
static const char *scope_of(const char *s)
{
    char k[24];
    lower(s, k, sizeof k);
    if (k[0] == '\0' || strcmp(k, "any") == 0 || strcmp(k, "semua") == 0)
        return "any";
    if (strcmp(k, "kabupaten") == 0 || strcmp(k, "kota") == 0 ||
        strcmp(k, "kab") == 0 || strcmp(k, "kabupatenkota") == 0)
        return "kabupaten";
    if (strcmp(k, "kecamatan") == 0 || strcmp(k, "kec") == 0)
        return "kecamatan";
    if (strcmp(k, "desa") == 0 || strcmp(k, "kelurahan") == 0 ||
        strcmp(k, "kel") == 0 || strcmp(k, "desakelurahan") == 0)
        return "desa";
    return NULL;
}

/* Check a unit once every row is read. */
static void check_unit(struct imp_personnel *p, struct p_unit *u,
                       const struct imp_regions *regions, const char *path,
                       struct error_list *errs)
{
    const char *force = u->attr[U_FORCE];
    if (force == NULL || force[0] == '\0') {
        error_add(errs, path, u->line, "unit %s: no force (polri, tni or "
                  "linmas)", u->id);
    } else if (force_of(force) == NULL) {
        error_add(errs, path, u->attr_line[U_FORCE], "unit %s: unknown force "
                  "'%s' (polri, tni or linmas)", u->id, force);
    } else {
        u->attr[U_FORCE] = force_of(force);
    }
    const char *scope = u->attr[U_SCOPE] ? u->attr[U_SCOPE] : "";
    const char *region = u->attr[U_REGION] ? u->attr[U_REGION] : "";
    size_t rl = strlen(region);
    const char *sc = scope_of(scope);
    long sline = u->attr_line[U_SCOPE] ? u->attr_line[U_SCOPE] : u->line;
    if (sc == NULL) {
        error_add(errs, path, sline, "unit %s: unknown scope '%s' "
                  "(kabupaten, kecamatan, desa or any)", u->id, scope);
        return;
    }
    if (rl > 0 && strspn(region, "0123456789") != rl) {
        error_add(errs, path, u->attr_line[U_REGION], "unit %s: region '%s' "
                  "is not a Kemendagri code", u->id, region);
        return;
    }
    if (scope[0] == '\0' && rl > 0)
        sc = rl == 4 ? "kabupaten" : rl == 6 ? "kecamatan" :
             rl == 10 ? "desa" : NULL;
    if (sc == NULL) {
        error_add(errs, path, u->attr_line[U_REGION], "unit %s: region '%s' "
                  "has %zu digits, not 4, 6 or 10", u->id, region, rl);
        return;
    }
    size_t want = strcmp(sc, "kabupaten") == 0 ? 4 :
                  strcmp(sc, "kecamatan") == 0 ? 6 :
                  strcmp(sc, "desa") == 0 ? 10 : 0;
    if (want == 0 && rl > 0) {
        error_add(errs, path, sline, "unit %s: scope any takes no region "
                  "(region %s given)", u->id, region);
        return;
    }
    if (want > 0 && rl != want) {
        error_add(errs, path, rl ? u->attr_line[U_REGION] : sline,
                  "unit %s: a %s scope wants a %zu-digit region code%s%s",
                  u->id, sc, want, rl ? ", not " : "", region);
        return;
    }
    if (want > 0 && !regions->has(regions->ctx, region)) {
        error_add(errs, path, u->attr_line[U_REGION], "unit %s: %s %s has "
                  "no TPS in the scenario", u->id, sc, region);
        return;
    }
    u->attr[U_SCOPE] = want ? sc : NULL;
    const char *lat = u->attr[U_LAT], *lon = u->attr[U_LON];
    int has_lat = lat && lat[0], has_lon = lon && lon[0];
    if (has_lat != has_lon) {
        error_add(errs, path, u->line, "unit %s: a base needs both lat and "
                  "lon", u->id);
    } else if (has_lat) {
        double a, b;
        if (imp_parse_number(lat, &a) != 0 || a < -90 || a > 90 ||
            imp_parse_number(lon, &b) != 0 || b < -180 || b > 180)
            error_add(errs, path, u->attr_line[U_LAT], "unit %s: base '%s, "
                      "%s' is not a latitude and longitude", u->id, lat, lon);
    }
    if (u->count == 0 && u->first < 0)
        error_add(errs, path, u->line, "unit %s has neither members nor a "
                  "count", u->id);
    (void)p;
}

/* Cell of field k on the row just read, "" when there is no such column. */
static const char *field(struct csv_reader *cr, const int *col, int k)
{
    return col[k] >= 0 ? csv_field(cr, col[k]) : "";
}

/* The unit of id uid, added (first seen at line) when new; NULL when out
 * of memory. */
static struct p_unit *unit_of(struct imp_personnel *p, const char *uid,
                              long line)
{
    int ui = strmap_get(p->unit_ix, uid);
    if (ui < 0) {
        int old;
        if (model_grow((void **)&p->unit, p->nunit, &p->cap_unit, sizeof *p->unit) != 0 ||
            strmap_put(p->unit_ix, uid, p->nunit, &old) < 0)
            return NULL;
        ui = p->nunit++;
        memset(&p->unit[ui], 0, sizeof p->unit[ui]);
        p->unit[ui].id = uid;
        p->unit[ui].line = line;
        p->unit[ui].first = p->unit[ui].last = -1;
    }
    return &p->unit[ui];
}

/* The unit columns of this row onto u: a first value is kept, a different
 * one later is an error.  Returns 0, or -1 when out of memory. */
static int merge_unit_attrs(struct imp_personnel *p, struct p_unit *u,
                            struct csv_reader *cr, const int *col,
                            const char *path, long line,
                            struct error_list *errs)
{
    for (int a = 0; a < U_NATTR; a++) {
        const char *v = trimdup(p, field(cr, col, U_FIELD[a]));
        if (v == NULL)
            return -1;
        if (v[0] == '\0')
            continue;
        if (u->attr[a] == NULL) {
            u->attr[a] = v;
            u->attr_line[a] = line;
        } else if (strcmp(u->attr[a], v) != 0) {
            error_add(errs, path, line, "unit %s: %s '%s' here but '%s' "
                      "at line %ld", u->id, U_LABEL[a], v, u->attr[a],
                      u->attr_line[a]);
        }
    }
    return 0;
}

/* A strength row: count cnt for u. */
static void set_count(struct p_unit *u, const char *cnt, const char *path,
                      long line, struct error_list *errs)
{
    const char *uid = u->id;
    char *end;
    errno = 0;
    long n = strtol(cnt, &end, 10);
    if (*end != '\0' || errno != 0 || n < 1 || n > 100000) {
        error_add(errs, path, line, "count '%s' is not a whole number "
                  "from 1 to 100000", cnt);
    } else if (u->count > 0) {
        error_add(errs, path, line, "unit %s: count given twice "
                  "(first at line %ld)", uid, u->count_line);
    } else if (u->first >= 0) {
        error_add(errs, path, line, "unit %s: a count and member rows "
                  "(members listed from line %ld); give one or the "
                  "other", uid, u->line);
    } else {
        /* the ids the scenario reader will make, UNIT-001 .. */
        char made[MAX_ID_BYTES + 32], why2[64];
        snprintf(made, sizeof made, "%.*s-%03ld", MAX_ID_BYTES + 8,
                 uid, n);
        const char *bad2 = scenario_id_problem(made, why2);
        if (bad2 != NULL)
            error_add(errs, path, line, "unit %s: member id "
                      "%.40s..., the last made by count %ld, %s; "
                      "shorten the unit id", uid, made, n, bad2);
        u->count = (int)n;
        u->count_line = line;
    }
}

/* A member row: member mid of u, appended to u's list.  Returns 0, or -1
 * when out of memory. */
static int add_member(struct imp_personnel *p, struct p_unit *u,
                      const char *mid, struct csv_reader *cr,
                      const int *col, const char *path, long line,
                      struct error_list *errs)
{
    if (u->count > 0) {
        error_add(errs, path, line, "unit %s: member rows and a count "
                  "(line %ld); give one or the other", u->id, u->count_line);
        return 0;
    }
    const char *name = trimdup(p, field(cr, col, F_NAME));
    const char *rk = trimdup(p, field(cr, col, F_RANK));
    if (name == NULL || rk == NULL)
        return -1;
    if (name[0] == '\0') {
        error_add(errs, path, line, "member %s has no name", mid);
        return 0;
    }
    int old;
    int put = strmap_put(p->member_ix, mid, p->nmember, &old);
    if (put < 0)
        return -1;
    if (put == 1) {
        error_add(errs, path, line, "member id %s appears twice", mid);
        return 0;
    }
    if (model_grow((void **)&p->member, p->nmember, &p->cap_member,
             sizeof *p->member) != 0)
        return -1;
    struct p_member *m = &p->member[p->nmember];
    m->id = mid;
    m->name = name;
    m->rank = rk[0] ? rk : NULL;
    m->next = -1;
    if (u->last >= 0)
        p->member[u->last].next = p->nmember;
    else
        u->first = p->nmember;
    u->last = p->nmember++;
    return 0;
}

/* One data row: its unit, and a member or a strength.  Returns 0, or -1
 * when out of memory. */
static int read_row(struct imp_personnel *p, struct csv_reader *cr,
                    const int *col, const char *path, long line,
                    struct error_list *errs)
{
    const char *uid = trimdup(p, field(cr, col, F_UNIT));
    const char *mid = trimdup(p, field(cr, col, F_MEMBER));
    const char *cnt = trimdup(p, field(cr, col, F_COUNT));
    if (uid == NULL || mid == NULL || cnt == NULL)
        return -1;
    if (uid[0] == '\0') {
        error_add(errs, path, line, "no unit id");
        return 0;
    }
    /* the one id grammar of every format (scenario_id_problem); blanks
     * around a cell are a spreadsheet's, trimmed above */
    char why[64];
    const char *bad = scenario_id_problem(uid, why);
    if (bad == NULL && mid[0] != '\0' &&
        (bad = scenario_id_problem(mid, why)) != NULL)
        error_add(errs, path, line, "member id '%s' %s; ids are one "
                  "word without spaces (an NRP, NIP or NIK is digits)",
                  mid, bad);
    else if (bad != NULL)
        error_add(errs, path, line, "unit id '%s' %s; ids are one word "
                  "without spaces (write POLSEK-KINAL, not POLSEK KINAL)",
                  uid, bad);
    if (bad != NULL)
        return 0;
    struct p_unit *u = unit_of(p, uid, line);
    if (u == NULL || merge_unit_attrs(p, u, cr, col, path, line, errs) != 0)
        return -1;
    if (mid[0] && cnt[0]) {
        error_add(errs, path, line, "a row is a member (member_id) or a "
                  "strength (count), not both");
        return 0;
    }
    if (cnt[0]) {
        set_count(u, cnt, path, line, errs);
        return 0;
    }
    if (mid[0] == '\0') {
        error_add(errs, path, line, "neither member_id nor count");
        return 0;
    }
    return add_member(p, u, mid, cr, col, path, line, errs);
}

int imp_read_personnel(const char *path, const struct imp_regions *regions,
                       struct imp_personnel **out, struct error_list *errs)
{
    int rc = SIAGA_OK, res;
    int col[F_NFIELDS];
    struct csv_reader *cr = NULL;
    struct imp_personnel *p = NULL;
    long before = error_count(errs);
    FILE *fp = fopen(path, "rb");

    *out = NULL;
    for (int k = 0; k < F_NFIELDS; k++)
        col[k] = -1;
    if (fp == NULL)
        return error_io(errs, path, "cannot read", errno);
    p = calloc(1, sizeof *p);
    if (p == NULL || (p->arena = arena_create()) == NULL ||
        (p->unit_ix = strmap_create()) == NULL ||
        (p->member_ix = strmap_create()) == NULL ||
        (cr = csv_reader_create(fp, 0)) == NULL)
        goto nomem;
    while ((res = csv_read(cr)) == CSV_BAD)
        error_add(errs, path, csv_line(cr), "%s", csv_message(cr));
    if (res == CSV_NOMEM)
        goto nomem;
    if (res == CSV_EIO)
        goto eio;
    if (res == CSV_EOF) {
        if (error_count(errs) == before)   /* not after the reasons */
            error_add(errs, path, 0, "empty file: a header row is expected");
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (imp_map_header(cr, path, 2, col, errs) > 0) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (col[F_UNIT] < 0 || col[F_FORCE] < 0 ||
        (col[F_MEMBER] < 0 && col[F_COUNT] < 0)) {
        error_add(errs, path, csv_line(cr), "the header needs the columns "
                  "unit, force, and member_id (with name) or count");
        rc = SIAGA_EINPUT;
        goto done;
    }
    while ((res = csv_read(cr)) != CSV_EOF) {
        if (res == CSV_NOMEM)
            goto nomem;
        if (res == CSV_EIO)
            goto eio;
        long line = csv_line(cr);
        if (res == CSV_BAD)
            error_add(errs, path, line, "%s", csv_message(cr));
        else if (read_row(p, cr, col, path, line, errs) != 0)
            goto nomem;
    }
    for (int i = 0; i < p->nunit; i++)
        check_unit(p, &p->unit[i], regions, path, errs);
    if (error_count(errs) > before)
        rc = SIAGA_EINPUT;
    goto done;
nomem:
    error_add(errs, NULL, 0, "out of memory");
    rc = SIAGA_ENOMEM;
    goto done;
eio:
    rc = error_io(errs, path, "cannot read", errno);
done:
    csv_reader_destroy(cr);
    fclose(fp);
    if (rc == SIAGA_OK)
        *out = p;
    else
        imp_personnel_destroy(p);
    return rc;
}

/* Index of the region of scope sc and this code in s, whose kabupaten,
 * kecamatan and desa the importer adds in code order (each struct starts
 * with its code); -1 when absent. */
static int region_index(const struct scenario *s, enum scope sc,
                        const char *code)
{
    const char *base = sc == SCOPE_KABUPATEN ? (const char *)s->kab
                     : sc == SCOPE_KECAMATAN ? (const char *)s->kec
                     : (const char *)s->desa;
    size_t size = sc == SCOPE_KABUPATEN ? sizeof *s->kab
                : sc == SCOPE_KECAMATAN ? sizeof *s->kec : sizeof *s->desa;
    int lo = 0, hi = sc == SCOPE_KABUPATEN ? s->nkab
                   : sc == SCOPE_KECAMATAN ? s->nkec : s->ndesa;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        const char *c = *(const char *const *)(const void *)(base + (size_t)mid * size);
        int k = strcmp(c, code);
        if (k == 0)
            return mid;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* A copy in s's arena; NULL stays NULL.  *nomem when out of memory. */
static const char *sdup(struct scenario *s, const char *v, int *nomem)
{
    if (v == NULL)
        return NULL;
    const char *d = scenario_strdup(s, v);
    if (d == NULL)
        *nomem = 1;
    return d;
}

int imp_add_personnel(struct scenario *s, const struct imp_personnel *p,
                      struct import_report *rep)
{
    int nomem = 0;
    for (int i = 0; i < p->nunit; i++) {
        const struct p_unit *pu = &p->unit[i];
        const char *sc = pu->attr[U_SCOPE];
        struct unit u;
        memset(&u, 0, sizeof u);
        u.id = sdup(s, pu->id, &nomem);
        u.name = sdup(s, pu->attr[U_NAME] ? pu->attr[U_NAME] : pu->id, &nomem);
        u.force = (enum force)force_parse(pu->attr[U_FORCE]);
        assert((int)u.force >= 0);   /* check_unit made it canonical */
        u.scope = sc == NULL ? SCOPE_ANY
                : strcmp(sc, "kabupaten") == 0 ? SCOPE_KABUPATEN
                : strcmp(sc, "kecamatan") == 0 ? SCOPE_KECAMATAN : SCOPE_DESA;
        u.region = u.scope == SCOPE_ANY ? -1
                 : region_index(s, u.scope, pu->attr[U_REGION]);
        assert(u.scope == SCOPE_ANY || u.region >= 0); /* regions->has */
        if (pu->attr[U_LAT] != NULL && pu->attr[U_LON] != NULL) {
            double a = 0, b = 0;
            imp_parse_number(pu->attr[U_LAT], &a);
            imp_parse_number(pu->attr[U_LON], &b);
            u.has_base = true;
            u.lat = imp_round(a, 6);
            u.lon = imp_round(b, 6);
        }
        u.count = pu->count;
        u.first_member = s->nmember;
        u.line = pu->line;
        if (nomem)
            return -1;
        int ui = scenario_add_unit(s, &u);
        if (ui < 0)
            return -1;
        rep->units++;
        rep->members += pu->count;
        for (int m = pu->first; m >= 0; m = p->member[m].next) {
            const struct p_member *pm = &p->member[m];
            struct member mb = {sdup(s, pm->id, &nomem),
                                sdup(s, pm->name, &nomem),
                                sdup(s, pm->rank, &nomem), ui, 0};
            if (nomem || scenario_add_member(s, &mb) < 0)
                return -1;
            s->unit[ui].nmembers++;
            rep->members++;
        }
    }
    return 0;
}
