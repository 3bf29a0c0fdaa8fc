/*
 * shifts_read.c - rosters of version 1 or 2 for the audit (shifts_read.h).
 *
 * The root's namespace is found first by a reader that stops at the first
 * element (no DTD is loaded, nothing is expanded).  Version 1 goes to
 * io_read_roster.  Version 2 is read here by an xmlTextReader validating
 * against the embedded roster-2.xsd while it streams; the day part is kept
 * in a struct raw_roster exactly as io_read_roster keeps version 1, the
 * shifts as written.  Values are handed out only when the file is valid.
 */
#include "shifts_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "io/schemas.h"
#include "model/grow.h"
#include "roster_read.h"
#include "xml_guard.h"
#include "xmlnum.h"

#define NS2 "urn:siaga:roster:2"

struct srd {
    const char *path;
    struct error_list *errs;
    struct raw_roster *r;
    struct raw_shifts *sh;
    xmlTextReaderPtr rd;
    struct xml_guard_file in;   /* the file, through xml_guard's limits */
    long nerr;
    int nomem;
    struct raw_builder b;       /* b.r is r */
    const char *phase;
};

static void on_err(void *ctx, xml_error_ptr e)
{
    struct srd *st = ctx;
    if (e == NULL || e->level == XML_ERR_WARNING)
        return;
    if (st->in.limit || st->in.error)
        return;   /* libxml2's word for the stopped read; ours comes after */
    char msg[512];
    xml_error_text(e, NULL, msg, sizeof msg);
    error_add(st->errs, st->path, e->line > 0 ? e->line : 0, "%s", msg);
    st->nerr++;
}

static const char *at(struct srd *st, const char *name)
{
    char *v = (char *)xmlTextReaderGetAttribute(st->rd, BAD_CAST name);
    if (v == NULL)
        return NULL;
    char *p = io_xml_trim(v);
    const char *d = raw_roster_strdup(st->r, p);
    xmlFree(v);
    if (d == NULL)
        st->nomem = 1;
    return d;
}

/* at() for raw_roster_start: roster-2 attributes are always trimmed. */
static const char *reader_attr(void *ctx, const char *name, int trim)
{
    (void)trim;
    return at(ctx, name);
}

static void element(struct srd *st, const char *name, int depth, long line)
{
    if (depth == 1 && (strcmp(name, "linmas") == 0 ||
                       strcmp(name, "reserve") == 0))
        st->b.cur_post = -1;
    if (raw_roster_start(&st->b, name, depth, line, reader_attr, st) != 0) {
        st->nomem = 1;
        return;
    }
    if (depth == 1 && strcmp(name, "phase") == 0) {
        st->b.cur_post = -1;
        st->phase = at(st, "id");
    } else if (depth == 2 && strcmp(name, "shift") == 0) {
        if (model_grow((void **)&st->sh->shift, st->sh->nshift, &st->sh->cap,
                 sizeof *st->sh->shift)) {
            st->nomem = 1;
            return;
        }
        struct raw_shift *s = &st->sh->shift[st->sh->nshift++];
        s->phase = st->phase;
        s->member = at(st, "member");
        s->place = at(st, "place");
        s->start = at(st, "start");
        s->end = at(st, "end");
        s->line = line;
    }
}

/* The namespace of the root element, copied into buf ("" when none).
 * Returns 0, or the errno when the file could not be opened or read. */
static int root_ns(const char *path, char *buf, size_t size)
{
    int options = xml_guard_options();
    struct xml_guard_file in;
    xmlTextReaderPtr rd = xml_guard_reader(&in, path, options);
    buf[0] = '\0';
    if (rd == NULL) {
        xml_guard_file_close(&in);
        return in.error != 0 ? in.error : ENOMEM;
    }
    xmlTextReaderSetStructuredErrorHandler(rd, NULL, NULL);
    while (xmlTextReaderRead(rd) == 1) {
        int type = xmlTextReaderNodeType(rd);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            break;
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
            snprintf(buf, size, "%s", ns ? ns : "");
            break;
        }
    }
    xmlFreeTextReader(rd);
    xml_guard_file_close(&in);
    return in.error;
}

int io_read_roster_any(const char *path, struct raw_roster **out,
                       struct raw_shifts **shifts, struct error_list *errs)
{
    char ns[128];
    *out = NULL;
    *shifts = NULL;
    struct xml_handlers saved;
    xml_handlers_push(&saved, NULL, NULL, NULL);
    int err = root_ns(path, ns, sizeof ns);
    xml_handlers_pop(&saved);
    if (err == ENOMEM) {   /* not knowing the version is not knowing it */
        error_add(errs, path, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    if (strcmp(ns, NS2) != 0)   /* version 1, or the reader's message */
        return io_read_roster(path, out, errs);

    struct srd st;
    int rc = SIAGA_ENOMEM;
    xmlSchemaParserCtxtPtr pctx = NULL;
    xmlSchemaPtr schema = NULL;
    memset(&st, 0, sizeof st);
    st.path = path;
    st.errs = errs;
    st.b.cur_post = -1;
    st.r = st.b.r = raw_roster_create();
    st.sh = calloc(1, sizeof *st.sh);
    if (st.r == NULL || st.sh == NULL ||
        (st.r->file = raw_roster_strdup(st.r, path)) == NULL)
        goto done;
    pctx = xmlSchemaNewMemParserCtxt(siaga_schema_roster_2,
                                     (int)strlen(siaga_schema_roster_2));
    if (pctx == NULL || (schema = xmlSchemaParse(pctx)) == NULL)
        goto done;
    int options = xml_guard_options();
    st.rd = xml_guard_reader(&st.in, path, options);
    if (st.rd == NULL) {
        if (st.in.error != 0 && st.in.error != ENOMEM) {
            error_add(errs, path, 0, "cannot open: %s", strerror(st.in.error));
            rc = SIAGA_EIO;
        }
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(st.rd, on_err, &st);
    if (xmlTextReaderSetSchema(st.rd, schema) != 0)
        goto done;
    int ret;
    while (!st.nomem && (ret = xmlTextReaderRead(st.rd)) == 1) {
        int type = xmlTextReaderNodeType(st.rd);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            error_add(errs, path, xmlTextReaderGetParserLineNumber(st.rd),
                      "a DTD (<!DOCTYPE>) is not allowed in a roster");
            st.nerr++;
            break;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        const char *uri = (const char *)xmlTextReaderConstNamespaceUri(st.rd);
        const char *name = (const char *)xmlTextReaderConstLocalName(st.rd);
        if (uri == NULL || name == NULL || strcmp(uri, NS2) != 0)
            continue;
        long line = xmlGetLineNo(xmlTextReaderCurrentNode(st.rd));
        element(&st, name, xmlTextReaderDepth(st.rd), line);
    }
    if (st.nomem)
        goto done;
    if (st.in.limit) {
        error_add(errs, path, st.in.guard.fail_line, "%s", st.in.guard.message);
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (st.in.error == ENOMEM)   /* stdio's buffer: done says it */
        goto done;
    if (st.in.error != 0) {
        error_add(errs, path, 0, "cannot read: %s", strerror(st.in.error));
        rc = SIAGA_EIO;
        goto done;
    }
    if (st.nerr == 0 && (ret < 0 || xmlTextReaderIsValid(st.rd) != 1)) {
        error_add(errs, path, 0, "not a valid roster (roster-2.xsd)");
        st.nerr++;
    }
    if (st.nerr > 0) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    *out = st.r;
    *shifts = st.sh;
    st.r = NULL;
    st.sh = NULL;
    rc = SIAGA_OK;
done:
    xmlFreeTextReader(st.rd);
    xml_guard_file_close(&st.in);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pctx);
    raw_shifts_destroy(st.sh);
    raw_roster_destroy(st.r);
    if (rc == SIAGA_ENOMEM)
        error_add(errs, path, 0, "out of memory");
    return rc;
}

void raw_shifts_destroy(struct raw_shifts *sh)
{
    if (sh == NULL)
        return;
    free(sh->shift);
    free(sh);
}

#include "strmap.h"
#include "timeline_read.h"

int io_audit_shifts(const char *scenario_path, const struct scenario *s,
                    const struct raw_roster *r, const struct raw_shifts *sh,
                    struct timeline *tl, struct tl_layout *l,
                    struct tl_audit *a, struct error_list *errs)
{
    int rc = io_read_timeline(scenario_path, s, tl, errs);
    struct post *post = NULL;
    const char **ids = NULL;
    struct tl_shift *out = NULL;
    struct strmap *map = NULL;
    long nbad = 0;
    char **bad = NULL;
    memset(l, 0, sizeof *l);
    memset(a, 0, sizeof *a);
    if (rc != SIAGA_OK)
        return rc;
    rc = SIAGA_ENOMEM;
    post = calloc((size_t)r->npost + 1, sizeof *post);
    ids = calloc((size_t)r->npost + 1, sizeof *ids);
    out = calloc((size_t)sh->nshift + 1, sizeof *out);
    bad = calloc(201, sizeof *bad);
    if (!post || !ids || !out || !bad)
        goto done;
    /* the tps phase's places are the roster's posts with a known anchor */
    int np = 0;
    for (int i = 0; i < r->npost; i++) {
        const struct raw_post *rp = &r->post[i];
        struct post *po = &post[np];
        po->ntps = 0;
        for (int k = 0; k < rp->ntps && po->ntps < MAX_TPS_PER_POST; k++) {
            int t = r->tps[rp->first_tps + k].id
                        ? scenario_find_tps(s, r->tps[rp->first_tps + k].id) : -1;
            if (t >= 0)
                po->tps[po->ntps++] = t;
        }
        if (po->ntps == 0 || rp->id == NULL)
            continue;   /* the day audit reports it */
        po->grade = s->tps[po->tps[0]].grade;
        po->kecamatan = s->tps[po->tps[0]].kecamatan;
        po->required = s->rules.grade[po->grade].guards;
        ids[np++] = rp->id;
    }
    rc = timeline_layout(tl, s, post, (const char *const *)ids, np, l, errs);
    if (rc != SIAGA_OK)
        goto done;
    rc = SIAGA_ENOMEM;
    if ((map = strmap_create()) == NULL)
        goto done;
    for (int p = 0; p < l->nplace; p++) {
        int old;
        if (strmap_put(map, l->place[p].id, p, &old) < 0)
            goto done;
    }
    long n = 0;
    for (long i = 0; i < sh->nshift; i++) {
        const struct raw_shift *x = &sh->shift[i];
        int m = x->member ? scenario_find_member(s, x->member) : -1;
        int p = x->place ? strmap_get(map, x->place) : -1;
        long st, en;
        char msg[300];
        msg[0] = '\0';
        if (m < 0)
            snprintf(msg, sizeof msg, "shift: member %s is not in the scenario",
                     x->member ? x->member : "?");
        else if (p < 0)
            snprintf(msg, sizeof msg, "shift: place %s is not a place of the "
                     "timeline", x->place ? x->place : "?");
        else if (!x->phase || strcmp(tl->phase[l->place[p].phase].id, x->phase) != 0)
            snprintf(msg, sizeof msg, "shift at %s is listed in phase %s, "
                     "not in phase %s", x->place, x->phase ? x->phase : "?",
                     tl->phase[l->place[p].phase].id);
        else if (!x->start || !x->end || tl_parse_time(x->start, &st) != 0 ||
                 tl_parse_time(x->end, &en) != 0)
            snprintf(msg, sizeof msg, "shift: start or end is not a time");
        if (msg[0] != '\0') {
            if (nbad < 200) {
                size_t len = strlen(msg) + strlen(r->file) + 32;
                if ((bad[nbad] = malloc(len)) == NULL)
                    goto done;
                snprintf(bad[nbad], len, "%s:%ld: %s", r->file, x->line, msg);
            }
            nbad++;
            continue;
        }
        out[n++] = (struct tl_shift){m, p, st, en, x->line};
    }
    rc = timeline_audit(tl, s, l, out, n, r->file, a);
    if (rc != SIAGA_OK)
        goto done;
    /* the resolution failures first: they are violations too */
    for (long i = 0; i < nbad && i < 200; i++) {
        if (model_grow((void **)&a->message, (int)a->nmessage, &a->capmessage,
                       sizeof *a->message) != 0) {
            rc = SIAGA_ENOMEM;
            goto done;
        }
        a->message[a->nmessage++] = bad[i];
        bad[i] = NULL;
    }
    a->nviolation += nbad;
done:
    if (bad != NULL)
        for (long i = 0; i < 200; i++)
            free(bad[i]);
    free(bad);
    strmap_destroy(map);
    free(post);
    free(ids);
    free(out);
    return rc;
}
