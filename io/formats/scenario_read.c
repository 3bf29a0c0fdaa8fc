/*
 * scenario_read.c - stream a scenario file into struct scenario.
 *
 * An xmlTextReader walks the file node by node while the embedded XSD
 * validates it (libxml2 plugs the validator into the parser's SAX events),
 * so memory stays linear in the scenario: the reader frees each node once
 * it has moved past it.  Values are stored as they come; when the parser or
 * the schema has complained, nothing is returned.  Then the checks the
 * schema cannot make: at most one scope per unit, count and member elements
 * not both, scopes naming regions of the file, the rules; and
 * scenario_finish for the rest of formats.md 1.5.
 *
 * Lines: an element's line is the line of the end of its start tag, which
 * is what libxml2 records and what its schema messages cite.  libxml2
 * stores element lines in 16 bits; past line 65535 the line of the text
 * node just before the element (kept exact with XML_PARSE_BIG_LINES) is
 * used instead, i.e. the line where the start tag begins.
 * xmlTextReaderGetParserLineNumber is not used for elements: the reader
 * parses ahead in 512-byte chunks, so it names a line up to a chunk later.
 *
 * Where formats.md is silent:
 * - A DOCTYPE is refused outright (line of "<!DOCTYPE"); a scenario never
 *   needs one, and nothing of it is ever loaded or expanded.
 * - count="N" makes N members UNITID-001.. (%03d, wider past 999) named
 *   "unit name N" ("Koramil Kinal 3"), without rank, on the unit's line;
 *   N is at most UNIT_COUNT_MAX.  count together with member elements is
 *   an error on the unit's line.  A unit with neither has no members.
 * - A unit's lat and lon come together or not at all.
 * - Rules: a second linmas element is an error; a rule error is reported
 *   on the line of the grade element that made it (guards < min_polri may
 *   come from a min_polri given against a default guards).
 * - libxml2 warnings are dropped: they never make a file invalid.
 * - Numbers are read without the C locale (main may set one whose decimal
 *   separator is a comma); integers beyond int are out of range.
 */
#include "io/formats/scenario_read.h"
#include "io/xml/num.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "io/xml/guard.h"
#include "io/xml/schemas.h"
#include "model/arena.h"
#include "model/strmap.h"

#define SCENARIO_NS "urn:siaga:scenario:1"

/* Largest count="N" of one unit.  Far above any real unit (a Polres has a
 * few hundred members), it keeps a 40-byte attribute from allocating
 * gigabytes: memory must stay linear in the input. */
#define UNIT_COUNT_MAX 1000000

/* Element depth tracked; the schema nests at most 5 deep. */
#define MAX_DEPTH 8

/* Limits that keep memory bounded whatever the file says (README.md,
 * "Limits"); each is far above a national scenario (823,000 TPS, 84,000
 * desa, ~1.9 million personnel).  The file itself is bounded by
 * io/xml/guard.h (size, attributes per element). */
#define MAX_TEXT 256            /* bytes of one text attribute value */
#define MAX_TPS 1000000
#define MAX_REGIONS 200000      /* kabupaten + kecamatan + desa */
#define MAX_UNITS 100000
#define MAX_MEMBERS 4000000     /* listed and made by count */
#define MAX_COUNT_BYTES (256L * 1024 * 1024) /* ids and names made by count */

enum elem {
    E_OTHER, E_SCENARIO, E_RULES, E_GRADE, E_LINMAS, E_KAB, E_KEC, E_DESA,
    E_TPS, E_PERSONNEL, E_UNIT, E_MEMBER, E_BKO, E_JUR, E_POLRES, E_AREA
};

/* Where each element may appear: name and parent (the schema says the
 * same; this only keeps the reader safe while it reads an invalid file). */
static const struct {
    const char *name;
    enum elem parent;
} ELEMS[] = {
    [E_SCENARIO] = {"scenario", E_OTHER},
    [E_RULES] = {"rules", E_SCENARIO},
    [E_GRADE] = {"grade", E_RULES},
    [E_LINMAS] = {"linmas", E_RULES},
    [E_KAB] = {"kabupaten", E_SCENARIO},
    [E_KEC] = {"kecamatan", E_KAB},
    [E_DESA] = {"desa", E_KEC},
    [E_TPS] = {"tps", E_DESA},
    [E_PERSONNEL] = {"personnel", E_SCENARIO},
    [E_UNIT] = {"unit", E_PERSONNEL},
    [E_MEMBER] = {"member", E_UNIT},
    [E_BKO] = {"bko", E_RULES},
    [E_JUR] = {"jurisdictions", E_SCENARIO},
    [E_POLRES] = {"polres", E_JUR},
    [E_AREA] = {"area", E_POLRES},
};

/* A unit's scope as written, resolved once every region is known. */
struct pending_scope {
    int unit;
    const char *code;
};

struct rd {
    const char *path;
    struct scenario *s;
    struct error_list *errs;
    xmlTextReaderPtr reader;
    long xml_errors;        /* parser and schema errors */
    long own_errors;        /* errors found by this file */
    int nomem, io;          /* allocation or I/O failure seen */
    int stop;               /* wrong root or DTD: read no further */
    long last_text_line;    /* line of the text node just read, or 0 */
    long last_xml_line;     /* the previous libxml2 error, to drop */
    char last_xml_msg[512]; /* repeats (an entity loop is reported once
                               per level of nesting) */
    enum elem stack[MAX_DEPTH];
    int kab, kec, desa, unit;   /* current records, -1 when none */
    int polres;                 /* current <polres>, -1 when none */
    int unit_mixed;         /* current unit reported for count + member */
    long grade_line[GRADE_COUNT];
    long linmas_line;
    long bko_line[FORCE_COUNT];
    struct pending_scope *scopes;
    int nscopes, cap_scopes;
    FILE *in;               /* the file, read through guard */
    struct xml_guard guard;
    int limit;              /* a limit was passed: read no further */
    int compiling;          /* the embedded schema is being compiled */
    long count_bytes;       /* bytes of ids and names made by count */
};

static void own_error(struct rd *rd, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void own_error(struct rd *rd, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_addv(rd->errs, rd->path, line, fmt, ap);
    va_end(ap);
    rd->own_errors++;
}

/* A limit of this file is passed: say which, and read no further (the
 * scenario is refused, so nothing more is worth the memory). */
static int over_limit(struct rd *rd, long line, const char *what, long limit)
{
    own_error(rd, line, "more than %ld %s, the limit", limit, what);
    rd->limit = 1;
    return 0;
}

static long element_line(struct rd *rd);

/* ---- libxml2 errors ---------------------------------------------------- */

static void on_xml_error(void *ctx, xml_error_ptr e)
{
    struct rd *rd = ctx;
    char buf[512];
    if (e == NULL || e->level == XML_ERR_WARNING || rd->limit)
        return;   /* warnings do not make a file invalid; after a limit
                     only the limit is reported */
    /* libxml2 reports some allocation failures as internal errors */
    if (e->code == XML_ERR_NO_MEMORY || e->code == XML_SCHEMAV_INTERNAL ||
        e->code == XML_SCHEMAP_INTERNAL || rd->compiling) {
        if (!rd->compiling)
            rd->nomem = 1;
        return;
    }
    /* "No matching global declaration available for the validation root":
     * the root check below says it more plainly. */
    if (e->domain == XML_FROM_SCHEMASV && e->code == XML_SCHEMAV_CVC_ELT_1)
        return;
    if (e->domain == XML_FROM_IO)
        rd->io = 1;
    long line = e->line;
    if (line <= 0 && rd->reader != NULL)
        line = xmlTextReaderGetParserLineNumber(rd->reader);
    xml_error_text(e, "{" SCENARIO_NS "}", buf, sizeof buf);
    if (rd->xml_errors > 0 && line == rd->last_xml_line &&
        strcmp(buf, rd->last_xml_msg) == 0)
        return;
    error_add(rd->errs, rd->path, line > 0 ? line : 0, "%s", buf);
    rd->xml_errors++;
    rd->last_xml_line = line;
    memcpy(rd->last_xml_msg, buf, sizeof buf);
}

/* ---- values ------------------------------------------------------------- */

/* An xs:integer in lo..hi.  Returns 0, or -1 when the text is not an
 * integer, -2 when it is out of range. */
static int parse_int(char *text, long lo, long hi, long *out)
{
    const char *p = io_xml_trim(text);
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (*p == '\0')
        return -1;
    long v = 0;
    int big = 0;
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        if (v > (LONG_MAX - 9) / 10)
            big = 1;
        else
            v = v * 10 + (*p - '0');
    }
    if (neg)
        v = -v;
    if (big || v < lo || v > hi)
        return -2;
    *out = v;
    return 0;
}


/* ---- attributes --------------------------------------------------------- */

static char *attr(struct rd *rd, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(rd->reader, BAD_CAST name);
}

/* Attribute copied into the arena; def when absent (the schema reports a
 * missing required one).  Returns -1 when out of memory. */
static int attr_str(struct rd *rd, const char *name, const char *def,
                    const char **out)
{
    char *v = attr(rd, name);
    if (v == NULL) {
        *out = def;
        return 0;
    }
    size_t len = strlen(v);
    if (len > MAX_TEXT) {
        const char *el = (const char *)xmlTextReaderConstLocalName(rd->reader);
        own_error(rd, element_line(rd), "%s: %s is %zu bytes long; the limit "
                  "is %d", el ? el : "element", name, len, MAX_TEXT);
        v[MAX_TEXT] = '\0';   /* keep the rest of the reading sane */
    }
    *out = scenario_strdup(rd->s, v);
    xmlFree(v);
    if (*out == NULL) {
        rd->nomem = 1;
        return -1;
    }
    return 0;
}

/* Report a value the schema let through but this reader cannot hold; a
 * value the schema refused is not reported twice. */
static void bad_value(struct rd *rd, long line, const char *elem,
                      const char *name, const char *v, int why, long lo,
                      long hi)
{
    if (rd->xml_errors > 0)
        return;
    if (why == -2)
        own_error(rd, line, "%s: %s = %s; out of range %ld..%ld", elem,
                  name, v, lo, hi);
    else
        own_error(rd, line, "%s: %s = '%s'; not a number", elem, name, v);
}

/* Integer attribute in lo..hi; *out untouched when absent.  Returns 1 when
 * present and valid, 0 otherwise. */
static int attr_int(struct rd *rd, long line, const char *elem,
                    const char *name, long lo, long hi, int *out)
{
    char *v = attr(rd, name);
    long x = 0;
    int ok = 0;
    if (v == NULL)
        return 0;
    int why = parse_int(v, lo, hi, &x);
    if (why == 0) {
        *out = (int)x;
        ok = 1;
    } else {
        bad_value(rd, line, elem, name, v, why, lo, hi);
    }
    xmlFree(v);
    return ok;
}

static int attr_double(struct rd *rd, long line, const char *elem,
                       const char *name, double *out)
{
    char *v = attr(rd, name);
    int ok = 0;
    if (v == NULL)
        return 0;
    if (io_parse_decimal(v, out) == 0)
        ok = 1;
    else
        bad_value(rd, line, elem, name, v, -1, 0, 0);
    xmlFree(v);
    return ok;
}

/* Enumerated attribute: index of its value in names (n of them), def when
 * absent or unknown (the schema reports unknown values). */
static int attr_enum(struct rd *rd, const char *name,
                     const char *const *names, int n, int def)
{
    char *v = attr(rd, name);
    int r = def;
    if (v == NULL)
        return def;
    const char *t = io_xml_trim(v);
    for (int i = 0; i < n; i++)
        if (strcmp(t, names[i]) == 0)
            r = i;
    xmlFree(v);
    return r;
}

static const char *const GRADES[] = {"kurang_rawan", "rawan", "khusus",
                                     "sangat_rawan"};
static const char *const FORCES[] = {"polri", "tni", "linmas"};
static const char *const ACCESS[] = {"normal", "sulit"};
static const char *const SIGNAL[] = {"ok", "blankspot"};

/* ---- elements ----------------------------------------------------------- */

static long element_line(struct rd *rd)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(rd->reader);
    if (node != NULL && node->line > 0 && node->line < 65535)
        return node->line;
    if (rd->last_text_line > 0)
        return rd->last_text_line;
    long line = node != NULL ? xmlGetLineNo(node) : -1;
    return line > 0 ? line : xmlTextReaderGetParserLineNumber(rd->reader);
}

static int read_scenario_attrs(struct rd *rd)
{
    if (attr_str(rd, "name", "", &rd->s->name) != 0 ||
        attr_str(rd, "date", "", &rd->s->date) != 0)
        return -1;
    return 0;
}

static void read_grade(struct rd *rd, long line)
{
    int g = attr_enum(rd, "name", GRADES, GRADE_COUNT, -1);
    if (g < 0)
        return;
    struct grade_rule *gr = &rd->s->rules.grade[g];
    rd->grade_line[g] = line;
    attr_int(rd, line, "grade", "guards", 1, INT_MAX, &gr->guards);
    attr_int(rd, line, "grade", "tps_per_post", 1, INT_MAX, &gr->tps_per_post);
    attr_int(rd, line, "grade", "min_polri", 0, INT_MAX, &gr->min_polri);
    if (attr_double(rd, line, "grade", "radius_km", &gr->radius_km) &&
        !(gr->radius_km <= MAX_RADIUS_KM)) {
        /* the value as written: "50.0000001" must not read "50" */
        char *v = attr(rd, "radius_km");
        struct rules def;
        rules_init(&def);
        own_error(rd, line, "grade %s: radius_km = %s; more than the limit "
                  "of %g km", grade_name((enum grade)g),
                  v != NULL ? io_xml_trim(v) : "?", MAX_RADIUS_KM);
        xmlFree(v);
        gr->radius_km = def.grade[g].radius_km;
    }
}

static void read_linmas(struct rd *rd, long line)
{
    if (rd->linmas_line > 0)
        own_error(rd, line, "duplicate linmas rule (first at line %ld)",
                  rd->linmas_line);
    else
        rd->linmas_line = line;
    attr_int(rd, line, "linmas", "per_tps", 0, INT_MAX,
             &rd->s->rules.linmas_per_tps);
}

/* <bko force size> (formats 1.6): one per force. */
static void read_bko(struct rd *rd, long line)
{
    int f = attr_enum(rd, "force", FORCES, FORCE_COUNT, -1);
    if (f < 0)
        return;
    if (rd->bko_line[f] > 0) {
        own_error(rd, line, "duplicate bko rule for %s (first at line %ld)",
                  force_name((enum force)f), rd->bko_line[f]);
        return;
    }
    rd->bko_line[f] = line;
    int size = 0;
    attr_int(rd, line, "bko", "size", 1, INT_MAX, &size);
    if (size > MAX_BKO_SIZE) {
        own_error(rd, line, "bko %s: size = %d; more than the limit of %d",
                  force_name((enum force)f), size, MAX_BKO_SIZE);
        size = 0;
    }
    rd->s->rules.bko_size[f] = size;
}

/* <jurisdictions> (formats 1.6): a Polres and its areas; the areas are
 * resolved and checked by scenario_check. */
static int read_polres(struct rd *rd, long line)
{
    struct polres p = {.line = line};
    if (rd->s->npolres >= MAX_UNITS)
        return over_limit(rd, line, "polres", MAX_UNITS);
    if (attr_str(rd, "id", "", &p.id) != 0 ||
        attr_str(rd, "name", "", &p.name) != 0)
        return -1;
    if ((rd->polres = scenario_add_polres(rd->s, &p)) < 0) {
        rd->nomem = 1;
        return -1;
    }
    return 0;
}

static int read_area(struct rd *rd, long line)
{
    struct polres_area a = {.polres = rd->polres, .line = line};
    if (rd->s->narea >= MAX_REGIONS)
        return over_limit(rd, line, "Polres areas", MAX_REGIONS);
    if (attr_str(rd, "code", "", &a.code) != 0)
        return -1;
    a.code = io_xml_trim((char *)a.code);
    if (scenario_add_area(rd->s, &a) < 0) {
        rd->nomem = 1;
        return -1;
    }
    return 0;
}

static int read_region(struct rd *rd, enum elem e, long line)
{
    const char *code, *name;
    int ix = -1;
    if (rd->s->nkab + rd->s->nkec + rd->s->ndesa >= MAX_REGIONS)
        return over_limit(rd, line, "regions (kabupaten, kecamatan and desa)",
                          MAX_REGIONS);
    if (attr_str(rd, "code", "", &code) != 0 ||
        attr_str(rd, "name", "", &name) != 0)
        return -1;
    switch (e) {
    case E_KAB:
        ix = scenario_add_kabupaten(rd->s,
                                    &(struct kabupaten){code, name, line});
        rd->kab = ix;
        rd->kec = rd->desa = -1;
        break;
    case E_KEC:
        ix = scenario_add_kecamatan(
            rd->s, &(struct kecamatan){code, name, rd->kab, line});
        rd->kec = ix;
        rd->desa = -1;
        break;
    default:
        ix = scenario_add_desa(rd->s,
                               &(struct desa){code, name, rd->kec, line});
        rd->desa = ix;
        break;
    }
    if (ix < 0) {
        rd->nomem = 1;
        return -1;
    }
    return 0;
}

static int read_tps(struct rd *rd, long line)
{
    struct tps t = {
        .desa = rd->desa,
        .kecamatan = rd->kec,
        .kabupaten = rd->kab,
        .voters = -1,
        .line = line,
    };
    if (rd->s->ntps >= MAX_TPS)
        return over_limit(rd, line, "TPS", MAX_TPS);
    attr_int(rd, line, "tps", "no", 1, 999, &t.no);
    attr_double(rd, line, "tps", "lat", &t.lat);
    attr_double(rd, line, "tps", "lon", &t.lon);
    t.grade = (enum grade)attr_enum(rd, "grade", GRADES, GRADE_COUNT, 0);
    attr_int(rd, line, "tps", "voters", 0, INT_MAX, &t.voters);
    t.sulit = attr_enum(rd, "access", ACCESS, 2, 0) == 1;
    t.blankspot = attr_enum(rd, "signal", SIGNAL, 2, 0) == 1;
    if (scenario_add_tps(rd->s, &t) < 0) {
        rd->nomem = 1;
        return -1;
    }
    return 0;
}

static int add_pending_scope(struct rd *rd, int unit, const char *code)
{
    if (rd->nscopes == rd->cap_scopes) {
        int nc = rd->cap_scopes ? 2 * rd->cap_scopes : 64;
        void *p = realloc(rd->scopes, (size_t)nc * sizeof *rd->scopes);
        if (p == NULL) {
            rd->nomem = 1;
            return -1;
        }
        rd->scopes = p;
        rd->cap_scopes = nc;
    }
    rd->scopes[rd->nscopes++] = (struct pending_scope){unit, code};
    return 0;
}

/* Members of a unit given by count: ids UNITID-001 .. UNITID-N (at least
 * three digits), names "unit name" + " " + number ("Koramil Kinal 3"),
 * all on the unit's line. */
static int generate_members(struct rd *rd, int u)
{
    struct scenario *s = rd->s;
    const struct unit *un = &s->unit[u];
    size_t idlen = strlen(un->id) + 16, namelen = strlen(un->name) + 16;
    for (int k = 1; k <= un->count; k++) {
        char *id = arena_alloc(s->arena, idlen);
        char *name = arena_alloc(s->arena, namelen);
        if (id == NULL || name == NULL) {
            rd->nomem = 1;
            return -1;
        }
        snprintf(id, idlen, "%s-%03d", un->id, k);
        snprintf(name, namelen, "%s %d", un->name, k);
        struct member m = {id, name, NULL, u, un->line};
        if (scenario_add_member(s, &m) < 0) {
            rd->nomem = 1;
            return -1;
        }
        s->unit[u].nmembers++;
        un = &s->unit[u];
    }
    return 0;
}

static int read_unit(struct rd *rd, long line)
{
    struct scenario *s = rd->s;
    static const char *const SCOPES[] = {"kabupaten", "kecamatan", "desa",
                                         "polres"};
    struct unit un = {.scope = SCOPE_ANY, .region = -1, .line = line,
                      .first_member = s->nmember};
    const char *scope_code = NULL;
    int nscope = 0;

    if (s->nunit >= MAX_UNITS)
        return over_limit(rd, line, "units", MAX_UNITS);
    if (attr_str(rd, "id", "", &un.id) != 0 ||
        attr_str(rd, "name", "", &un.name) != 0)
        return -1;
    un.force = (enum force)attr_enum(rd, "force", FORCES, FORCE_COUNT, 0);
    for (int i = 0; i < 4; i++) {
        const char *code;
        if (attr_str(rd, SCOPES[i], NULL, &code) != 0)
            return -1;
        if (code == NULL)
            continue;
        if (nscope++ == 0) {
            un.scope = (enum scope)(SCOPE_KABUPATEN + i);
            scope_code = code;
        }
    }
    if (nscope > 1)
        own_error(rd, line, "unit %s: give at most one of kabupaten, "
                  "kecamatan, desa, polres", un.id);
    int has_lat = attr_double(rd, line, "unit", "lat", &un.lat);
    int has_lon = attr_double(rd, line, "unit", "lon", &un.lon);
    if (has_lat != has_lon)
        own_error(rd, line, "unit %s: give both lat and lon, or neither",
                  un.id);
    un.has_base = has_lat && has_lon;
    static const char *const ROLES[] = {"jaga", "cadangan"};
    un.cadangan = attr_enum(rd, "role", ROLES, 2, 0) == 1;
    attr_int(rd, line, "unit", "count", 1, UNIT_COUNT_MAX, &un.count);
    if (un.count > 0) {
        /* count="N" is the one place a few bytes of the file become much
         * memory: bound both the members and their names */
        if (un.count > MAX_MEMBERS - s->nmember)
            return over_limit(rd, line, "members", MAX_MEMBERS);
        rd->count_bytes += (long)un.count *
                           (long)(strlen(un.id) + strlen(un.name) + 32);
        if (rd->count_bytes > MAX_COUNT_BYTES) {
            own_error(rd, line, "unit %s: the ids and names of the members "
                      "made by count would take more than %ld MiB, the "
                      "limit; give a shorter id or name, or a smaller count",
                      un.id, MAX_COUNT_BYTES >> 20);
            rd->limit = 1;
            return 0;
        }
    }

    int u = scenario_add_unit(s, &un);
    if (u < 0) {
        rd->nomem = 1;
        return -1;
    }
    rd->unit = u;
    rd->unit_mixed = 0;
    if (scope_code != NULL && add_pending_scope(rd, u, scope_code) != 0)
        return -1;
    return generate_members(rd, u);
}

static int read_member(struct rd *rd, long line)
{
    struct scenario *s = rd->s;
    struct member m = {.unit = rd->unit, .line = line};
    struct unit *un = &s->unit[rd->unit];
    if (s->nmember >= MAX_MEMBERS)
        return over_limit(rd, line, "members", MAX_MEMBERS);
    if (un->count > 0 && !rd->unit_mixed) {
        own_error(rd, un->line, "unit %s: give either count or member "
                  "elements, not both", un->id);
        rd->unit_mixed = 1;
    }
    if (attr_str(rd, "id", "", &m.id) != 0 ||
        attr_str(rd, "name", "", &m.name) != 0 ||
        attr_str(rd, "rank", NULL, &m.rank) != 0)
        return -1;
    if (scenario_add_member(s, &m) < 0) {
        rd->nomem = 1;
        return -1;
    }
    s->unit[rd->unit].nmembers++;
    return 0;
}

static enum elem classify(struct rd *rd, int depth)
{
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd->reader);
    const char *name = (const char *)xmlTextReaderConstLocalName(rd->reader);
    if (ns == NULL || name == NULL || strcmp(ns, SCENARIO_NS) != 0 ||
        depth < 1 || depth >= MAX_DEPTH)
        return E_OTHER;
    enum elem parent = rd->stack[depth - 1];
    for (int e = E_RULES; e <= E_AREA; e++)
        if (strcmp(name, ELEMS[e].name) == 0 && ELEMS[e].parent == parent)
            return (enum elem)e;
    return E_OTHER;
}

static int check_root(struct rd *rd, long line)
{
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd->reader);
    const char *name = (const char *)xmlTextReaderConstLocalName(rd->reader);
    if (name != NULL && strcmp(name, "scenario") == 0 && ns != NULL &&
        strcmp(ns, SCENARIO_NS) == 0)
        return 0;
    if (ns != NULL)
        own_error(rd, line, "expected root element 'scenario' in namespace "
                  SCENARIO_NS ", found '%s' in namespace %s",
                  name ? name : "", ns);
    else
        own_error(rd, line, "expected root element 'scenario' in namespace "
                  SCENARIO_NS ", found '%s' in no namespace",
                  name ? name : "");
    rd->stop = 1;
    return -1;
}

static int on_element(struct rd *rd)
{
    int depth = xmlTextReaderDepth(rd->reader);
    long line = element_line(rd);
    enum elem e;

    if (depth < 0)
        return 0;
    if (depth == 0) {
        if (check_root(rd, line) != 0)
            return 0;
        rd->stack[0] = E_SCENARIO;
        return read_scenario_attrs(rd);
    }
    e = classify(rd, depth);
    if (depth > 0 && depth < MAX_DEPTH)
        rd->stack[depth] = e;
    if (depth == 1 && e == E_OTHER) {
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd->reader);
        const char *name = (const char *)xmlTextReaderConstLocalName(rd->reader);
        if (ns != NULL && name != NULL && strcmp(ns, SCENARIO_NS) == 0 &&
            strcmp(name, "timeline") == 0)
            rd->s->has_timeline = true;
    }
    switch (e) {
    case E_GRADE: read_grade(rd, line); return 0;
    case E_LINMAS: read_linmas(rd, line); return 0;
    case E_BKO: read_bko(rd, line); return 0;
    case E_POLRES: return read_polres(rd, line);
    case E_AREA: return rd->polres >= 0 ? read_area(rd, line) : 0;
    case E_KAB: return read_region(rd, e, line);
    case E_KEC: return rd->kab >= 0 ? read_region(rd, e, line) : 0;
    case E_DESA: return rd->kec >= 0 ? read_region(rd, e, line) : 0;
    case E_TPS: return rd->desa >= 0 ? read_tps(rd, line) : 0;
    case E_UNIT: return read_unit(rd, line);
    case E_MEMBER: return rd->unit >= 0 ? read_member(rd, line) : 0;
    default: return 0;
    }
}

/* Count newlines in [p, q). */
static long newlines(const char *p, const char *q)
{
    long n = 0;
    for (; p < q; p++)
        n += *p == '\n';
    return n;
}

/* Line of "<!DOCTYPE" in the prolog of the file at path, or 0 when it is
 * not found in the first PROLOG_MAX bytes (or the file is not in an
 * ASCII-compatible encoding).  libxml2 keeps no line for a DTD node, so
 * the prolog is read again; the scan stops at the first element. */
#define PROLOG_MAX 65536
static long doctype_line(const char *path)
{
    char *buf = malloc(PROLOG_MAX + 1);
    FILE *f = fopen(path, "rb");
    long line = 1, found = 0;

    if (buf == NULL || f == NULL)
        goto done;
    size_t n = fread(buf, 1, PROLOG_MAX, f);
    buf[n] = '\0';
    const char *p = buf, *end = buf + n;
    while (p < end) {
        const char *close = NULL;
        if (strncmp(p, "<!--", 4) == 0)
            close = strstr(p + 4, "-->");
        else if (strncmp(p, "<?", 2) == 0)
            close = strstr(p + 2, "?>");
        else if (strncmp(p, "<!DOCTYPE", 9) == 0) {
            found = line;
            break;
        } else if (*p == '<') {
            break;
        }
        if (close != NULL) {
            line += newlines(p, close);
            p = close + 2;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0 || strncmp(p, "<?", 2) == 0)
            break;  /* unterminated within the bytes read */
        line += *p++ == '\n';
    }
done:
    if (f != NULL)
        fclose(f);
    free(buf);
    return found;
}

static void read_nodes(struct rd *rd)
{
    int ret = 1;
    while (!rd->stop && !rd->nomem &&
           (ret = xmlTextReaderRead(rd->reader)) == 1) {
        int type = xmlTextReaderNodeType(rd->reader);
        long text_line = 0;
        switch (type) {
        case XML_READER_TYPE_ELEMENT:
            /* past a limit the rest is read but not kept: stopping inside
             * an element would leak in libxml2 (fuzz/lsan.supp) */
            if (!rd->limit && on_element(rd) != 0)
                rd->nomem = 1;   /* every failure above is an allocation */
            break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
            own_error(rd, doctype_line(rd->path),
                      "DOCTYPE declarations are not allowed in a scenario "
                      "(DTDs and entities are never loaded)");
            rd->stop = 1;
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            text_line = xmlGetLineNo(xmlTextReaderCurrentNode(rd->reader));
            break;
        default:
            break;
        }
        rd->last_text_line = text_line;
    }
    if (!rd->stop && !rd->nomem && !rd->limit && ret < 0 &&
        rd->xml_errors == 0)
        own_error(rd, xmlTextReaderGetParserLineNumber(rd->reader),
                  "malformed XML");
}

/* libxml2 reads the file through here, so that xml_guard sees every
 * byte first. */
static int read_cb(void *ctx, char *buf, int len)
{
    struct rd *rd = ctx;
    size_t n = fread(buf, 1, (size_t)len, rd->in);
    if (n == 0 && ferror(rd->in)) {
        if (!rd->io)
            error_add(rd->errs, rd->path, 0, "cannot read: %s",
                      strerror(errno));
        rd->io = 1;
        return -1;
    }
    if (xml_guard_feed(&rd->guard, buf, n) != 0) {
        if (!rd->limit)
            own_error(rd, rd->guard.fail_line, "%s", rd->guard.message);
        rd->limit = 1;
        return -1;
    }
    return (int)n;
}

static int close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

/* A reader on the file from its start; NULL when the file cannot be
 * opened (rd->io, with a message) or out of memory. */
static xmlTextReaderPtr open_reader(struct rd *rd, int options)
{
    if (rd->in != NULL)
        fclose(rd->in);
    if ((rd->in = fopen(rd->path, "rb")) == NULL) {
        if (errno == ENOMEM)
            return NULL;   /* the caller says "out of memory" */
        error_add(rd->errs, rd->path, 0, "cannot open: %s", strerror(errno));
        rd->io = 1;
        return NULL;
    }
    xml_guard_init(&rd->guard);
    return xmlReaderForIO(read_cb, close_cb, rd, rd->path, NULL, options);
}

/* First pass, without the schema: well-formedness and the limits of
 * io/xml/guard.h.  libxml2 2.9.14 leaks when a validating reader stops at a
 * fatal error inside an element (fuzz/lsan.supp), so the schema only ever
 * sees a well-formed file.  A DOCTYPE ends the pass; the second pass
 * reports it. */
static void check_wellformed(struct rd *rd, int options)
{
    int ret;
    rd->reader = open_reader(rd, options);
    if (rd->reader == NULL) {
        if (!rd->io)
            rd->nomem = 1;
        return;
    }
    xmlTextReaderSetStructuredErrorHandler(rd->reader, on_xml_error, rd);
    while (!rd->nomem && (ret = xmlTextReaderRead(rd->reader)) == 1)
        if (xmlTextReaderNodeType(rd->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
            break;
    if (ret < 0 && !rd->nomem && !rd->limit && !rd->io && rd->xml_errors == 0)
        own_error(rd, xmlTextReaderGetParserLineNumber(rd->reader),
                  "malformed XML");
    xmlFreeTextReader(rd->reader);
    rd->reader = NULL;
}

/* ---- after reading ------------------------------------------------------ */

/* Rules need the line of their element, which struct rules does not keep,
 * so they are checked here.  When one is wrong the defaults are put back:
 * the scenario is refused anyway, and scenario_check (which checks rules
 * of scenarios from any source, without a line) must not report it again. */
static void check_rules(struct rd *rd)
{
    struct rules *r = &rd->s->rules;
    int bad = 0;
    for (int g = 0; g < GRADE_COUNT; g++) {
        const struct grade_rule *gr = &r->grade[g];
        long line = rd->grade_line[g];
        if (gr->guards < gr->min_polri) {
            own_error(rd, line, "grade %s: guards = %d; less than "
                      "min_polri = %d", grade_name((enum grade)g),
                      gr->guards, gr->min_polri);
            bad = 1;
        }
        if (gr->guards > MAX_GUARDS_PER_POST) {
            own_error(rd, line, "grade %s: guards = %d; more than the limit "
                      "of %d", grade_name((enum grade)g), gr->guards,
                      MAX_GUARDS_PER_POST);
            bad = 1;
        }
        if (gr->tps_per_post > MAX_TPS_PER_POST) {
            own_error(rd, line, "grade %s: tps_per_post = %d; more than "
                      "the limit of %d", grade_name((enum grade)g),
                      gr->tps_per_post, MAX_TPS_PER_POST);
            bad = 1;
        }
    }
    if (r->linmas_per_tps > MAX_LINMAS_PER_TPS) {
        own_error(rd, rd->linmas_line, "linmas: per_tps = %d; more than the "
                  "limit of %d", r->linmas_per_tps, MAX_LINMAS_PER_TPS);
        bad = 1;
    }
    if (bad)
        rules_init(r);
}

/* Resolve unit scopes by code; the first region of a duplicated code wins
 * (scenario_check reports the duplicate). */
static int resolve_scopes(struct rd *rd)
{
    struct scenario *s = rd->s;
    struct strmap *map[3] = {NULL, NULL, NULL};
    static const char *const KIND[] = {"kabupaten", "kecamatan", "desa"};
    int rc = -1, old;

    if (rd->nscopes == 0)
        return 0;
    for (int i = 0; i < 3; i++)
        if ((map[i] = strmap_create()) == NULL)
            goto done;
    for (int i = 0; i < s->nkab; i++)
        if (strmap_put(map[0], s->kab[i].code, i, &old) < 0)
            goto done;
    for (int i = 0; i < s->nkec; i++)
        if (strmap_put(map[1], s->kec[i].code, i, &old) < 0)
            goto done;
    for (int i = 0; i < s->ndesa; i++)
        if (strmap_put(map[2], s->desa[i].code, i, &old) < 0)
            goto done;
    for (int i = 0; i < rd->nscopes; i++) {
        struct unit *un = &s->unit[rd->scopes[i].unit];
        if (un->scope == SCOPE_POLRES) {
            /* formats 1.6: an id of <jurisdictions> */
            un->region = scenario_find_polres(s, rd->scopes[i].code);
            if (un->region < 0) {
                own_error(rd, un->line, "unit %s: polres %s is not in "
                          "<jurisdictions>", un->id, rd->scopes[i].code);
                un->scope = SCOPE_ANY;
            }
            continue;
        }
        int k = (int)un->scope - SCOPE_KABUPATEN;
        int region = strmap_get(map[k], rd->scopes[i].code);
        if (region < 0) {
            own_error(rd, un->line, "unit %s: %s %s is not in the scenario",
                      un->id, KIND[k], rd->scopes[i].code);
            un->scope = SCOPE_ANY;
        }
        un->region = region;
    }
    rc = 0;
done:
    for (int i = 0; i < 3; i++)
        strmap_destroy(map[i]);
    if (rc != 0)
        rd->nomem = 1;
    return rc;
}

/* ---- entry point -------------------------------------------------------- */

/* Can path be read, within the size limit, and is it not empty?  Returns
 * SIAGA_OK, or the status with its reason in errs. */
static int check_file(const char *path, struct error_list *errs)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        int err = errno;   /* error_add may change errno */
        error_add(errs, path, 0, "cannot open: %s", strerror(err));
        return err == ENOMEM ? SIAGA_ENOMEM : SIAGA_EIO;
    }
    if (xml_guard_check_size(fileno(f), path, errs) != 0) {
        fclose(f);
        return SIAGA_EINPUT;
    }
    int c = fgetc(f);
    int err = errno;
    if (c == EOF && ferror(f)) {
        fclose(f);
        error_add(errs, path, 0, "cannot read: %s", strerror(err));
        return SIAGA_EIO;
    }
    fclose(f);
    if (c == EOF) {
        /* libxml2's push reader has no good word for an empty file */
        error_add(errs, path, 1, "the file is empty");
        return SIAGA_EINPUT;
    }
    return SIAGA_OK;
}

int io_read_scenario(const char *path, struct scenario **out,
                     struct error_list *errs)
{
    int rc = SIAGA_OK;
    struct rd rd;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vctx = NULL;
    int options = xml_guard_options();
    struct xml_handlers saved;

    memset(&rd, 0, sizeof rd);
    rd.path = path;
    rd.errs = errs;
    rd.kab = rd.kec = rd.desa = rd.unit = rd.polres = -1;
    *out = NULL;
    xml_handlers_push(&saved, on_xml_error, &rd, NULL);

    if ((rc = check_file(path, errs)) != SIAGA_OK)
        goto done;
    if ((rd.s = scenario_create()) == NULL ||
        (rd.s->file = scenario_strdup(rd.s, path)) == NULL) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    /* the embedded schema is known to compile: when it does not, memory
     * ran out (libxml2 then says odd things about the schema, which are
     * not the file's problems and are not reported) */
    if (xml_schema_embedded(siaga_schema_scenario_1, on_xml_error, &rd,
                            &rd.compiling, &schema, &vctx) != 0) {
        rc = SIAGA_ENOMEM;
        goto done;
    }

    check_wellformed(&rd, options);
    if (rd.nomem || rd.io || rd.limit || rd.xml_errors > 0 ||
        rd.own_errors > 0)
        goto done;
    rd.reader = open_reader(&rd, options);
    if (rd.reader == NULL) {
        rc = rd.io ? SIAGA_EIO : SIAGA_ENOMEM;
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(rd.reader, on_xml_error, &rd);
    if (xmlTextReaderSchemaValidateCtxt(rd.reader, vctx, 0) != 0) {
        error_add(errs, path, 0, "internal error: cannot validate");
        rc = SIAGA_ENOMEM;
        goto done;
    }

    read_nodes(&rd);
    if (rd.nomem || rd.io || rd.stop || rd.xml_errors > 0)
        goto done;
    if (xmlTextReaderIsValid(rd.reader) != 1) {
        /* defensive: the validator failed without saying why */
        own_error(&rd, 0, "the file does not follow scenario-1.xsd");
        goto done;
    }
    check_rules(&rd);
    if (resolve_scopes(&rd) != 0)
        goto done;
    int frc = scenario_finish(rd.s, errs);
    if (frc == SIAGA_ENOMEM)
        rd.nomem = 1;
    else if (frc != SIAGA_OK)
        rd.own_errors++;

done:
    if (rc == SIAGA_OK) {
        if (rd.nomem)
            rc = SIAGA_ENOMEM;
        else if (rd.io)
            rc = SIAGA_EIO;
        else if (rd.xml_errors > 0 || rd.own_errors > 0)
            rc = SIAGA_EINPUT;
    }
    xmlFreeTextReader(rd.reader);
    if (rd.in != NULL)
        fclose(rd.in);
    xmlSchemaFreeValidCtxt(vctx);
    xmlSchemaFree(schema);
    free(rd.scopes);
    xml_handlers_pop(&saved);
    if (rc == SIAGA_ENOMEM)
        error_add(errs, path, 0, "out of memory");
    if (rc == SIAGA_OK) {
        *out = rd.s;
    } else {
        scenario_destroy(rd.s);
        error_list_sort(errs);
    }
    return rc;
}
