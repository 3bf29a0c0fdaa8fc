/*
 * timeline_read.c - the <timeline> of a scenario file (timeline_read.h).
 *
 * A second, light pass over a file the scenario reader already accepted:
 * an xmlTextReader walks to <timeline> (the last child of the root) and
 * reads its attributes and children; nothing else is kept.  Limits: at
 * most TIMELINE_MAX_PHASES phases, TIMELINE_MAX_REKAP rekap rows and
 * TIMELINE_MAX_AVAIL availability windows.
 */
#include "io/formats/timeline_read.h"
#include "io/xml/guard.h"
#include "io/xml/num.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#define SCENARIO_NS "urn:siaga:scenario:1"

struct trd {
    const char *path;
    const struct scenario *s;
    struct timeline *tl;
    struct error_list *errs;
    xmlTextReaderPtr r;
    struct xml_guard_file in;   /* the file, through xml_guard's limits */
    int bad, nomem;
    bool root_max;              /* <timeline max_shift_h> given */
    struct timeline def;
};

static char *get(struct trd *t, const char *name)
{
    char *v = (char *)xmlTextReaderGetAttribute(t->r, BAD_CAST name);
    if (v == NULL)
        return NULL;
    /* xs:token: the schema collapsed blanks for validation, not for us */
    char *p = io_xml_trim(v);
    memmove(v, p, strlen(p) + 1);
    return v;
}

static long line_of(struct trd *t)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(t->r);
    long l = n ? xmlGetLineNo(n) : 0;
    return l > 0 ? l : xmlTextReaderGetParserLineNumber(t->r);
}

static int get_time(struct trd *t, const char *name, long line, long *out)
{
    char *v = get(t, name);
    if (v == NULL)
        return 0;
    if (tl_parse_time(v, out) != 0) {
        error_add(t->errs, t->path, line, "%s = '%s': not a local time "
                  "YYYY-MM-DDTHH:MM", name, v);
        t->bad = 1;
    }
    xmlFree(v);
    return 1;
}

static int get_long(struct trd *t, const char *name, long line, long lo,
                    long hi, long *out)
{
    char *v = get(t, name), *end;
    if (v == NULL)
        return 0;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno == 0 && *end == '\0' && x >= lo && x <= hi) {
        *out = x;
    } else {
        /* the schema bounds some of these only from below */
        error_add(t->errs, t->path, line, "%s = '%.40s': not a whole "
                  "number from %ld to %ld", name, v, lo, hi);
        t->bad = 1;
    }
    xmlFree(v);
    return 1;
}

static void get_double(struct trd *t, const char *name, double *out)
{
    char *v = get(t, name);
    if (v == NULL)
        return;
    /* xs:decimal: digits and one point; read without the locale */
    double x = 0, scale = 0;
    for (const char *p = v; *p; p++) {
        if (*p == '.' && scale == 0)
            scale = 1;
        else if (*p >= '0' && *p <= '9') {
            x = x * 10 + (*p - '0');
            if (scale > 0)
                scale *= 10;
        } else if (*p != '+') {
            t->bad = 1;
        }
    }
    *out = scale > 0 ? x / scale : x;
    xmlFree(v);
}

static int get_clock(struct trd *t, const char *name, long line, int *out)
{
    char *v = get(t, name);
    if (v == NULL)
        return 0;
    int h = (v[0] - '0') * 10 + (v[1] - '0'), m = (v[3] - '0') * 10 + (v[4] - '0');
    if (strlen(v) != 5 || h > 24 || m > 59 || (h == 24 && m > 0)) {
        error_add(t->errs, t->path, line, "%s = '%s': not a time of day HH:MM",
                  name, v);
        t->bad = 1;
    } else {
        *out = h * 60 + m;
    }
    xmlFree(v);
    return 1;
}

static void read_root(struct trd *t, long line)
{
    struct timeline *tl = t->tl;
    long x;
    if (get_long(t, "max_shift_h", line, 1, 24, &x)) {
        tl->max_shift = (int)x * 60;
        t->root_max = true;
    }
    if (get_long(t, "min_rest_h", line, 0, 48, &x))
        tl->min_rest = (int)x * 60;
    if (get_long(t, "desa_per_day", line, 1, 100000, &x))
        tl->desa_per_day = (int)x;
    if (get_long(t, "panels", line, 1, 100000, &x))
        tl->panels = (int)x;
    get_double(t, "speed_kmh", &tl->speed_kmh);
    get_double(t, "road_factor", &tl->road_factor);
    if (get_long(t, "sulit_delay_min", line, 0, 1440, &x))
        tl->sulit_delay = (int)x;
    if (get_long(t, "escort_handover_min", line, 0, 1440, &x))
        tl->escort_handover = (int)x;
    if (get_long(t, "duty_max_h", line, 1, 72, &x))
        tl->duty_max = (int)x * 60;
    get_double(t, "escort_kmh", &tl->escort_kmh);
    get_double(t, "escort_sulit_kmh", &tl->escort_sulit_kmh);
    if (tl->escort_kmh <= 0 || tl->escort_sulit_kmh <= 0) {
        error_add(t->errs, t->path, line, "escort_kmh and escort_sulit_kmh "
                  "must be > 0");
        t->bad = 1;
    }
    char *el = get(t, "election");
    if (el != NULL && strcmp(el, "pilkada") == 0) {
        /* a Pilkada counts one ballot: the boxes leave at 22:00 */
        tl->pilkada = t->def.pilkada = true;
        for (int i = 0; i < tl->nphase; i++)
            if (tl->phase[i].kind == PHASE_TPS)
                tl->phase[i].end = t->def.phase[i].end =
                    tl->phase[i].start - tl->phase[i].start % 1440 + 22 * 60;
    }
    xmlFree(el);
    get_clock(t, "rekap_from", line, &tl->rekap_from);
    get_clock(t, "rekap_to", line, &tl->rekap_to);
    if (tl->rekap_to <= tl->rekap_from) {
        error_add(t->errs, t->path, line, "rekap_to must come after rekap_from");
        t->bad = 1;
    }
    if (tl->road_factor < 1 || tl->speed_kmh <= 0) {
        error_add(t->errs, t->path, line, "road_factor must be >= 1 and "
                  "speed_kmh > 0");
        t->bad = 1;
    }
    /* the default phases take the timeline's longest shift where it is
     * given (else their own: 12 h at the warehouse and the PPK) */
    for (int i = 0; i < tl->nphase && t->root_max; i++)
        if (tl->phase[i].kind != PHASE_TPS)
            tl->phase[i].max_shift = tl->max_shift;
}

static void read_phase(struct trd *t, long line, int *nphase)
{
    struct timeline *tl = t->tl;
    char *kind = get(t, "kind"), *id = get(t, "id");
    int k = kind ? phase_kind_parse(kind) : -1;
    if (k < 0) {
        error_add(t->errs, t->path, line, "phase kind '%.40s' unknown",
                  kind ? kind : "");
        t->bad = 1;
        goto done;
    }
    if (*nphase >= TIMELINE_MAX_PHASES) {
        error_add(t->errs, t->path, line, "more than %d phases, the limit",
                  TIMELINE_MAX_PHASES);
        t->bad = 1;
        goto done;
    }
    struct tl_phase ph = t->def.phase[k];   /* defaults are in kind order */
    if (ph.kind != PHASE_TPS && t->root_max)
        ph.max_shift = tl->max_shift;
    ph.line = line;
    if (id != NULL) {
        if (strlen(id) >= sizeof ph.id || strchr(id, ',') || strchr(id, '"')) {
            error_add(t->errs, t->path, line, "phase id '%.40s': at most 31 "
                      "bytes, no comma or quote", id);
            t->bad = 1;
            goto done;
        }
        strcpy(ph.id, id);
    }
    for (int i = 0; i < *nphase; i++)
        if (strcmp(tl->phase[i].id, ph.id) == 0) {
            error_add(t->errs, t->path, line, "phase id '%s' used before "
                      "(line %ld); give each phase its own id", ph.id,
                      tl->phase[i].line);
            t->bad = 1;
            goto done;
        }
    long x;
    get_time(t, "start", line, &ph.start);
    if (!get_time(t, "end", line, &ph.end) && k == PHASE_TPS)
        /* the end of counting on the day of the assembly: 22:00 for a
         * Pilkada, 02:00 the next day for a Pemilu */
        ph.end = ph.start - ((ph.start % 1440) + 1440) % 1440 +
                 (tl->pilkada ? 22 : 26) * 60;
    /* per_place alone keeps its old meaning (no counts by force); polri,
     * tni, linmas count by force, the ones not written being 0 */
    bool per = get_long(t, "per_place", line, 0, 1000000, &x);
    if (per) {
        ph.per_place = (int)x;
        ph.by_force = false;
        ph.polri = ph.tni = ph.linmas = 0;
    }
    static const char *const FORCE[] = {"polri", "tni", "linmas"};
    long fc[3];
    bool any = false;
    for (int f = 0; f < 3; f++) {
        fc[f] = 0;
        if (get_long(t, FORCE[f], line, 0, 1000000, &fc[f]))
            any = true;
    }
    if (any && per) {
        error_add(t->errs, t->path, line, "phase %s: give per_place or "
                  "polri/tni/linmas, not both", ph.id);
        t->bad = 1;
    } else if (any && k != PHASE_LOGISTIK && k != PHASE_REKAP &&
               k != PHASE_JAGA_PPK) {
        error_add(t->errs, t->path, line, "phase %s: polri, tni and linmas "
                  "count by force at a kecamatan (logistik, rekap, "
                  "jaga_ppk)", ph.id);
        t->bad = 1;
    } else if (any) {
        ph.by_force = fc[0] + fc[1] + fc[2] > 0;
        ph.polri = (int)fc[0];
        ph.tni = (int)fc[1];
        ph.linmas = (int)fc[2];
        ph.per_place = 0;
    }
    if (get_long(t, "max_shift_h", line, 1, 24, &x))
        ph.max_shift = (int)x * 60;
    if (ph.end <= ph.start && k != PHASE_REKAP && k != PHASE_JAGA_PPK) {
        error_add(t->errs, t->path, line, "phase %s ends before it starts",
                  ph.id);
        t->bad = 1;
    }
    tl->phase[(*nphase)++] = ph;
done:
    xmlFree(kind);
    xmlFree(id);
}

static void read_rekap(struct trd *t, long line)
{
    char *kec = get(t, "kecamatan"), *date = get(t, "date"), *desa = get(t, "desa");
    long panels = 1, day;
    get_long(t, "panels", line, 1, 1000, &panels);
    int k = kec ? scenario_find_kecamatan(t->s, kec) : -1;
    if (k < 0) {
        error_add(t->errs, t->path, line, "rekap: kecamatan %s is not in the "
                  "scenario", kec ? kec : "?");
        t->bad = 1;
    } else if (date == NULL || strlen(date) != 10 ||
               tl_parse_time(date, &day) != 0) {
        error_add(t->errs, t->path, line, "rekap: date '%.40s' is not a "
                  "day YYYY-MM-DD from 1900 to 2999", date ? date : "");
        t->bad = 1;
    } else if (t->tl->nrday >= TIMELINE_MAX_REKAP) {
        error_add(t->errs, t->path, line, "more than %d rekap rows, the limit",
                  TIMELINE_MAX_REKAP);
        t->bad = 1;
    } else {
        int n = 0;
        for (const char *p = desa ? desa : ""; *p;) {
            while (*p == ' ')
                p++;
            if (*p)
                n++;
            while (*p && *p != ' ')
                p++;
        }
        struct tl_rekap_day d = {k, day, (int)panels, 0, n, line};
        if (timeline_add_rekap_day(t->tl, &d) != 0)
            t->nomem = 1;
    }
    xmlFree(kec);
    xmlFree(date);
    xmlFree(desa);
}

static void read_counting(struct trd *t, long line)
{
    char *code = get(t, "tps");
    struct tl_count c = {-1, 0, line};
    int tpi = code ? scenario_find_tps(t->s, code) : -1;
    if (tpi < 0) {
        error_add(t->errs, t->path, line, "counting: TPS %.40s is not in the "
                  "scenario", code ? code : "?");
        t->bad = 1;
    } else if (get_time(t, "end", line, &c.end)) {
        c.tps = tpi;
        for (int i = 0; i < t->tl->ncount; i++)
            if (t->tl->count[i].tps == tpi) {
                error_add(t->errs, t->path, line, "counting: TPS %s has an "
                          "end already (line %ld)", code, t->tl->count[i].line);
                t->bad = 1;
                c.tps = -1;
                break;
            }
        if (c.tps >= 0 && t->tl->ncount >= t->s->ntps) {
            t->bad = 1;   /* cannot happen: one row per TPS */
        } else if (c.tps >= 0 && timeline_add_count(t->tl, &c) != 0) {
            t->nomem = 1;
        }
    }
    xmlFree(code);
}

static void read_avail(struct trd *t, long line)
{
    char *m = get(t, "member"), *u = get(t, "unit");
    struct tl_avail a = {-1, -1, 0, 0, line};
    get_time(t, "from", line, &a.from);
    get_time(t, "to", line, &a.to);
    if ((m == NULL) == (u == NULL)) {
        error_add(t->errs, t->path, line, "available: give member or unit");
        t->bad = 1;
    } else if (m && (a.member = scenario_find_member(t->s, m)) < 0) {
        error_add(t->errs, t->path, line, "available: member %s is not in "
                  "the scenario", m);
        t->bad = 1;
    } else if (u && (a.unit = scenario_find_unit(t->s, u)) < 0) {
        error_add(t->errs, t->path, line, "available: unit %s is not in the "
                  "scenario", u);
        t->bad = 1;
    } else if (a.to <= a.from) {
        error_add(t->errs, t->path, line, "available: 'to' must come after "
                  "'from'");
        t->bad = 1;
    } else if (t->tl->navail >= TIMELINE_MAX_AVAIL) {
        error_add(t->errs, t->path, line, "more than %d availability "
                  "windows, the limit", TIMELINE_MAX_AVAIL);
        t->bad = 1;
    } else {
        if (a.member >= 0)
            a.unit = -1;
        for (int i = 0; i < t->tl->navail; i++)
            if (t->tl->avail[i].member == a.member && t->tl->avail[i].unit == a.unit) {
                error_add(t->errs, t->path, line, "available: %s %s has a "
                          "window already (line %ld)", m ? "member" : "unit",
                          m ? m : u, t->tl->avail[i].line);
                t->bad = 1;
                goto done;
            }
        if (timeline_add_avail(t->tl, &a) != 0)
            t->nomem = 1;
    }
done:
    xmlFree(m);
    xmlFree(u);
}

int io_read_timeline(const char *path, const struct scenario *s,
                     struct timeline *tl, struct error_list *errs)
{
    struct trd t;
    int nphase = 0, in = 0, rc = SIAGA_OK;
    memset(&t, 0, sizeof t);
    t.path = path;
    t.s = s;
    t.tl = tl;
    t.errs = errs;
    timeline_default(tl);
    timeline_default(&t.def);
    int options = xml_guard_options();
    /* the file is valid (the scenario reader said so): libxml2 has nothing
     * to say but about a stopped read, which is reported below */
    struct xml_handlers saved;
    xml_handlers_push(&saved, NULL, NULL, NULL);
    t.r = xml_guard_reader(&t.in, path, options);
    if (t.r == NULL) {
        xml_handlers_pop(&saved);
        xml_guard_file_close(&t.in);
        timeline_free(&t.def);
        return error_io(errs, path, "cannot read the timeline",
                        t.in.error ? t.in.error : ENOMEM);
    }
    int ret = 0;   /* read only when the loop ran: t.nomem is tested first */
    while (!t.nomem && (ret = xmlTextReaderRead(t.r)) == 1) {
        if (xmlTextReaderNodeType(t.r) != XML_READER_TYPE_ELEMENT)
            continue;
        int depth = xmlTextReaderDepth(t.r);
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(t.r);
        const char *name = (const char *)xmlTextReaderConstLocalName(t.r);
        if (ns == NULL || name == NULL || strcmp(ns, SCENARIO_NS) != 0)
            continue;
        if (depth == 1) {
            in = strcmp(name, "timeline") == 0;
            if (in) {
                tl->given = true;
                read_root(&t, line_of(&t));
            } else if ((ret = xmlTextReaderNext(t.r)) != 1) {
                break;   /* skip regions and personnel whole */
            } else if (xmlTextReaderNodeType(t.r) == XML_READER_TYPE_ELEMENT) {
                /* Next landed on the following sibling: look at it */
                const char *n2 = (const char *)xmlTextReaderConstLocalName(t.r);
                if (n2 && strcmp(n2, "timeline") == 0 &&
                    xmlTextReaderDepth(t.r) == 1) {
                    in = 1;
                    tl->given = true;
                    read_root(&t, line_of(&t));
                }
            }
            continue;
        }
        if (!in || depth != 2)
            continue;
        long line = line_of(&t);
        if (strcmp(name, "phase") == 0)
            read_phase(&t, line, &nphase);
        else if (strcmp(name, "rekap") == 0)
            read_rekap(&t, line);
        else if (strcmp(name, "available") == 0)
            read_avail(&t, line);
        else if (strcmp(name, "counting") == 0)
            read_counting(&t, line);
    }
    if (tl->given && nphase > 0)
        tl->nphase = nphase;
    for (int i = 0; i < tl->nphase; i++)
        if (tl->phase[i].kind == PHASE_TPS)
            for (int k = 0; k < tl->ncount; k++)
                if (tl->count[k].end <= tl->phase[i].start) {
                    error_add(errs, path, tl->count[k].line, "counting: the "
                              "end comes before the assembly (phase %s start)",
                              tl->phase[i].id);
                    t.bad = 1;
                }
    xmlFreeTextReader(t.r);
    xml_guard_file_close(&t.in);
    xml_handlers_pop(&saved);
    timeline_free(&t.def);
    if (t.nomem) {
        error_add(errs, path, 0, "out of memory");
        rc = SIAGA_ENOMEM;
    } else if (t.bad) {
        rc = SIAGA_EINPUT;
    } else if (ret < 0) {
        /* the scenario reader has just accepted this file: a read that
         * stops now stopped on the file system, or on a file changed
         * meanwhile; never a timeline read in part */
        if (t.in.error != 0)
            rc = error_io(errs, path, "cannot read the timeline", t.in.error);
        else {
            error_add(errs, path, t.in.limit ? t.in.guard.fail_line : 0,
                      "%s", t.in.limit ? t.in.guard.message :
                      "the file changed while it was read");
            rc = SIAGA_EINPUT;
        }
    }
    return rc;
}

int io_audit_shifts(const char *scenario_path, const struct scenario *s,
                    const struct raw_roster *r, const struct raw_shifts *sh,
                    struct timeline *tl, struct tl_layout *l,
                    struct tl_audit *a, struct error_list *errs)
{
    int rc = io_read_timeline(scenario_path, s, tl, errs);
    if (rc != SIAGA_OK) {
        memset(l, 0, sizeof *l);
        memset(a, 0, sizeof *a);
        return rc;
    }
    return shifts_audit(tl, s, r, sh, l, a, errs);
}
