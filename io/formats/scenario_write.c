/*
 * scenario_write.c - a struct scenario back to XML (scenario_write.h).
 *
 * The reader keeps regions, TPS, units and members in document order, the
 * children of each region contiguous, so a kabupaten's kecamatan, desa and
 * TPS are found by binary search on their parent index and written in the
 * order they were read.  A unit without lat/lon is written without them:
 * its base is the mean of the TPS in its scope, summed in TPS order, which
 * a reader of the written part computes again to the same double as long
 * as the scope lies inside the part.
 */
#include "io/formats/scenario_write.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#define W(call) do { if ((call) < 0) goto fail; } while (0)
#define X(s) BAD_CAST(s)

/* Significant digits of a decimal text (leading zeros are not). */
static int sig_digits(const char *t)
{
    int n = 0, lead = 1;
    for (; *t; t++) {
        if (*t < '0' || *t > '9')
            continue;
        if (lead && *t == '0')
            continue;
        lead = 0;
        n++;
    }
    return n;
}

/*
 * With at most 15 significant digits and 17 decimals the reader's
 * parse_decimal is exact: the digits fit a double's 53 bits and one
 * division by an exact power of ten rounds correctly, as strtod does.  So
 * a text that strtod reads back to v is read back to v by siaga too.
 */
char *io_decimal_text(double v, char *buf)
{
    for (int n = 0; n <= 17; n++) {
        snprintf(buf, 64, "%.*f", n, v);
        if (strtod(buf, NULL) == v && sig_digits(buf) <= 15)
            return buf;
    }
    snprintf(buf, 64, "%.17f", v);
    return buf;
}

int io_unit_kabupaten(const struct scenario *s, int u)
{
    const struct unit *un = &s->unit[u];
    switch (un->scope) {
    case SCOPE_ANY: return -1;
    case SCOPE_KABUPATEN: return un->region;
    case SCOPE_KECAMATAN: return s->kec[un->region].kabupaten;
    case SCOPE_DESA: return s->kec[s->desa[un->region].kecamatan].kabupaten;
    case SCOPE_POLRES: {
        int kab = -1;
        for (int k = 0; k < s->nkec; k++)
            if (s->kec_polres != NULL && s->kec_polres[k] == un->region) {
                if (kab >= 0 && s->kec[k].kabupaten != kab)
                    return -1;
                kab = s->kec[k].kabupaten;
            }
        return kab;
    }
    }
    assert(!"a unit scope outside enum scope");
    return -1;
}

/* First index i in [0, n) with key(i) >= want; keys are nondecreasing. */
#define LOWER_BOUND(arr, n, field, want, out) do {            \
        int lo_ = 0, hi_ = (n);                                \
        while (lo_ < hi_) {                                    \
            int mid_ = lo_ + (hi_ - lo_) / 2;                  \
            if ((arr)[mid_].field < (want))                    \
                lo_ = mid_ + 1;                                \
            else                                               \
                hi_ = mid_;                                    \
        }                                                      \
        (out) = lo_;                                           \
    } while (0)

static int write_tps(xmlTextWriterPtr w, const struct tps *t,
                     const char *xattr, const char *xvalue)
{
    char buf[64];
    W(xmlTextWriterStartElement(w, X("tps")));
    W(xmlTextWriterWriteFormatAttribute(w, X("no"), "%d", t->no));
    W(xmlTextWriterWriteAttribute(w, X("lat"), X(io_decimal_text(t->lat, buf))));
    W(xmlTextWriterWriteAttribute(w, X("lon"), X(io_decimal_text(t->lon, buf))));
    W(xmlTextWriterWriteAttribute(w, X("grade"), X(grade_name(t->grade))));
    if (t->voters >= 0)
        W(xmlTextWriterWriteFormatAttribute(w, X("voters"), "%d", t->voters));
    if (t->sulit)
        W(xmlTextWriterWriteAttribute(w, X("access"), X("sulit")));
    if (t->blankspot)
        W(xmlTextWriterWriteAttribute(w, X("signal"), X("blankspot")));
    if (xattr != NULL && xvalue != NULL && xvalue[0] != '\0')
        W(xmlTextWriterWriteAttribute(w, X(xattr), X(xvalue)));
    W(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

bool io_part_keeps(const struct scenario *s, const struct scenario_part *part,
                   int k)
{
    if (part == NULL)
        return true;
    if (part->kec_keep != NULL)
        return part->kec_keep[k] != 0;
    return part->kabupaten < 0 || s->kec[k].kabupaten == part->kabupaten;
}

/* Kabupaten k with its kecamatan (those the part keeps), desa and TPS;
 * nothing when it keeps none. */
static int write_kabupaten(xmlTextWriterPtr w, const struct scenario *s, int k,
                           const struct scenario_part *part,
                           const struct scenario_extras *x)
{
    int c, d, t, any = 0;
    LOWER_BOUND(s->kec, s->nkec, kabupaten, k, c);
    for (int q = c; q < s->nkec && s->kec[q].kabupaten == k; q++)
        any |= io_part_keeps(s, part, q);
    if (!any)
        return 0;
    W(xmlTextWriterStartElement(w, X("kabupaten")));
    W(xmlTextWriterWriteAttribute(w, X("code"), X(s->kab[k].code)));
    W(xmlTextWriterWriteAttribute(w, X("name"), X(s->kab[k].name)));
    for (; c < s->nkec && s->kec[c].kabupaten == k; c++) {
        if (!io_part_keeps(s, part, c))
            continue;
        W(xmlTextWriterStartElement(w, X("kecamatan")));
        W(xmlTextWriterWriteAttribute(w, X("code"), X(s->kec[c].code)));
        W(xmlTextWriterWriteAttribute(w, X("name"), X(s->kec[c].name)));
        LOWER_BOUND(s->desa, s->ndesa, kecamatan, c, d);
        for (; d < s->ndesa && s->desa[d].kecamatan == c; d++) {
            W(xmlTextWriterStartElement(w, X("desa")));
            W(xmlTextWriterWriteAttribute(w, X("code"), X(s->desa[d].code)));
            W(xmlTextWriterWriteAttribute(w, X("name"), X(s->desa[d].name)));
            LOWER_BOUND(s->tps, s->ntps, desa, d, t);
            for (; t < s->ntps && s->tps[t].desa == d; t++)
                W(write_tps(w, &s->tps[t], x->tps_attr,
                            x->tps_value ? x->tps_value[t] : NULL));
            W(xmlTextWriterEndElement(w));
        }
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

/* Does the part keep every kecamatan of polres area a (none outside)? */
static bool area_kept(const struct scenario *s, const struct scenario_part *part,
                      const struct polres_area *a)
{
    bool all = true, some = false;
    for (int k = 0; k < s->nkec; k++)
        if (strcmp(s->kec[k].code, a->code) == 0 ||
            strcmp(s->kab[s->kec[k].kabupaten].code, a->code) == 0) {
            bool keep = io_part_keeps(s, part, k);
            all &= keep;
            some |= keep;
        }
    return all && some;
}

/* <jurisdictions> (formats 1.6) with the Polres the part holds TPS of,
 * each with its areas inside the part (a split keeps a Polres area whole
 * or leaves it out). */
static int write_jurisdictions(xmlTextWriterPtr w, const struct scenario *s,
                               const struct scenario_part *part)
{
    if (s->npolres == 0 || s->kec_polres == NULL)
        return 0;
    int started = 0;
    for (int p = 0; p < s->npolres; p++) {
        int has = 0;
        for (int k = 0; k < s->nkec && !has; k++)
            has = s->kec_polres[k] == p && io_part_keeps(s, part, k);
        if (!has)
            continue;
        if (!started++)
            W(xmlTextWriterStartElement(w, X("jurisdictions")));
        W(xmlTextWriterStartElement(w, X("polres")));
        W(xmlTextWriterWriteAttribute(w, X("id"), X(s->polres[p].id)));
        W(xmlTextWriterWriteAttribute(w, X("name"), X(s->polres[p].name)));
        for (int i = 0; i < s->narea; i++)
            if (s->area[i].polres == p && area_kept(s, part, &s->area[i])) {
                W(xmlTextWriterStartElement(w, X("area")));
                W(xmlTextWriterWriteAttribute(w, X("code"), X(s->area[i].code)));
                W(xmlTextWriterEndElement(w));
            }
        W(xmlTextWriterEndElement(w));
    }
    if (started)
        W(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

static int write_unit(xmlTextWriterPtr w, const struct scenario *s, int u)
{
    static const char *const scope_attr[] = {NULL, "kabupaten", "kecamatan", "desa",
                                             "polres"};
    const struct unit *un = &s->unit[u];
    char buf[64];
    W(xmlTextWriterStartElement(w, X("unit")));
    W(xmlTextWriterWriteAttribute(w, X("id"), X(un->id)));
    W(xmlTextWriterWriteAttribute(w, X("force"), X(force_name(un->force))));
    W(xmlTextWriterWriteAttribute(w, X("name"), X(un->name)));
    if (un->scope != SCOPE_ANY) {
        const char *code = "";
        scenario_region(s, un->scope, un->region, &code, NULL);
        W(xmlTextWriterWriteAttribute(w, X(scope_attr[un->scope]), X(code)));
    }
    if (un->cadangan)
        W(xmlTextWriterWriteAttribute(w, X("role"), X("cadangan")));
    if (un->has_base) {
        W(xmlTextWriterWriteAttribute(w, X("lat"), X(io_decimal_text(un->lat, buf))));
        W(xmlTextWriterWriteAttribute(w, X("lon"), X(io_decimal_text(un->lon, buf))));
    }
    if (un->count > 0) {
        W(xmlTextWriterWriteFormatAttribute(w, X("count"), "%d", un->count));
    } else {
        for (int m = un->first_member; m < un->first_member + un->nmembers; m++) {
            const struct member *mb = &s->member[m];
            W(xmlTextWriterStartElement(w, X("member")));
            W(xmlTextWriterWriteAttribute(w, X("id"), X(mb->id)));
            W(xmlTextWriterWriteAttribute(w, X("name"), X(mb->name)));
            if (mb->rank != NULL)
                W(xmlTextWriterWriteAttribute(w, X("rank"), X(mb->rank)));
            W(xmlTextWriterEndElement(w));
        }
    }
    W(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

/* The khusus rule (formats 1.6) is written where a TPS is khusus or the
 * rule is not the default: a version-1 scenario is written as before and
 * stays readable by version-1 readers. */
static bool write_khusus(const struct scenario *s)
{
    struct rules def;
    rules_init(&def);
    const struct grade_rule *a = &s->rules.grade[GRADE_KHUSUS],
                            *b = &def.grade[GRADE_KHUSUS];
    return scenario_has_grade(s, GRADE_KHUSUS) || a->guards != b->guards ||
           a->tps_per_post != b->tps_per_post || a->min_polri != b->min_polri ||
           a->radius_km != b->radius_km;
}

static int write_rules(xmlTextWriterPtr w, const struct scenario *s)
{
    char buf[64];
    const struct rules *r = &s->rules;
    bool kh = write_khusus(s);
    W(xmlTextWriterStartElement(w, X("rules")));
    for (int g = 0; g < GRADE_COUNT; g++) {
        const struct grade_rule *gr = &r->grade[g];
        if (g == GRADE_KHUSUS && !kh)
            continue;
        W(xmlTextWriterStartElement(w, X("grade")));
        W(xmlTextWriterWriteAttribute(w, X("name"), X(grade_name((enum grade)g))));
        W(xmlTextWriterWriteFormatAttribute(w, X("guards"), "%d", gr->guards));
        W(xmlTextWriterWriteFormatAttribute(w, X("tps_per_post"), "%d", gr->tps_per_post));
        W(xmlTextWriterWriteFormatAttribute(w, X("min_polri"), "%d", gr->min_polri));
        W(xmlTextWriterWriteAttribute(w, X("radius_km"), X(io_decimal_text(gr->radius_km, buf))));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterStartElement(w, X("linmas")));
    W(xmlTextWriterWriteFormatAttribute(w, X("per_tps"), "%d", r->linmas_per_tps));
    W(xmlTextWriterEndElement(w));
    for (int f = 0; f < FORCE_COUNT; f++)
        if (r->bko_size[f] > 0) {
            W(xmlTextWriterStartElement(w, X("bko")));
            W(xmlTextWriterWriteAttribute(w, X("force"), X(force_name((enum force)f))));
            W(xmlTextWriterWriteFormatAttribute(w, X("size"), "%d", r->bko_size[f]));
            W(xmlTextWriterEndElement(w));
        }
    W(xmlTextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

int io_write_scenario(FILE *f, const struct scenario *s,
                      const struct scenario_part *part)
{
    return io_write_scenario_with(f, s, part, NULL);
}

int io_write_scenario_with(FILE *f, const struct scenario *s,
                           const struct scenario_part *part,
                           const struct scenario_extras *extras)
{
    static const struct scenario_extras none;
    const struct scenario_extras *x = extras != NULL ? extras : &none;
    int rc = -1;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
    if (ob == NULL)
        return -1;
    xmlTextWriterPtr w = xmlNewTextWriter(ob);
    if (w == NULL) {
        xmlOutputBufferClose(ob);
        return -1;
    }
    W(xmlTextWriterSetIndent(w, 1));
    W(xmlTextWriterSetIndentString(w, X("  ")));
    W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    if (x->comment != NULL)
        W(xmlTextWriterWriteComment(w, X(x->comment)));
    W(xmlTextWriterStartElement(w, X("scenario")));
    W(xmlTextWriterWriteAttribute(w, X("xmlns"), X("urn:siaga:scenario:1")));
    if (x->ns_prefix != NULL) {
        char qname[64];
        snprintf(qname, sizeof qname, "xmlns:%s", x->ns_prefix);
        W(xmlTextWriterWriteAttribute(w, X(qname), X(x->ns_uri)));
    }
    W(xmlTextWriterWriteAttribute(w, X("name"), X(s->name ? s->name : "")));
    if (s->date != NULL && s->date[0] != '\0')
        W(xmlTextWriterWriteAttribute(w, X("date"), X(s->date)));
    W(write_rules(w, s));
    for (int k = 0; k < s->nkab; k++)
        W(write_kabupaten(w, s, k, part, x));
    W(write_jurisdictions(w, s, part));
    W(xmlTextWriterStartElement(w, X("personnel")));
    if (part != NULL && part->units != NULL) {
        for (int i = 0; i < part->nunits; i++)
            W(write_unit(w, s, part->units[i]));
    } else {
        for (int u = 0; u < s->nunit; u++)
            W(write_unit(w, s, u));
    }
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndDocument(w));
    W(xmlTextWriterFlush(w));
    rc = 0;
fail:
    xmlFreeTextWriter(w); /* closes the output buffer, not the FILE */
    return rc == 0 && !ferror(f) ? 0 : -1;
}
