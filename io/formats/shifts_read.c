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
#include "io/formats/shifts_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "io/formats/roster_read.h"
#include "io/xml/guard.h"
#include "io/xml/schemas.h"

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
    int cur_post, cap_post, cap_tps, cap_guard, cap_linmas, cap_reserve;
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

static int grow(void **arr, long n, long *cap, size_t sz)
{
    if (n < *cap)
        return 0;
    long nc = *cap ? *cap * 2 : 64;
    void *p = realloc(*arr, (size_t)nc * sz);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

static int growi(void **arr, int n, int *cap, size_t sz)
{
    long c = *cap;
    int rc = grow(arr, n, &c, sz);
    *cap = (int)c;
    return rc;
}

static const char *at(struct srd *st, const char *name)
{
    char *v = (char *)xmlTextReaderGetAttribute(st->rd, BAD_CAST name);
    if (v == NULL)
        return NULL;
    char *p = v;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' ||
                     p[n - 1] == '\r'))
        p[--n] = '\0';
    const char *d = raw_roster_strdup(st->r, p);
    xmlFree(v);
    if (d == NULL)
        st->nomem = 1;
    return d;
}

static void element(struct srd *st, const char *name, int depth, long line)
{
    struct raw_roster *r = st->r;
    if (depth == 0 && strcmp(name, "roster") == 0) {
        r->scenario = at(st, "scenario");
        r->status = at(st, "status");
        r->line = line;
    } else if (depth == 1 && strcmp(name, "post") == 0) {
        if (growi((void **)&r->post, r->npost, &st->cap_post, sizeof *r->post)) {
            st->nomem = 1;
            return;
        }
        struct raw_post *p = &r->post[r->npost];
        p->id = at(st, "id");
        p->grade = at(st, "grade");
        p->kecamatan = at(st, "kecamatan");
        p->required = at(st, "required");
        p->route_km = at(st, "route_km");
        p->line = line;
        p->first_tps = r->ntps;
        p->ntps = 0;
        p->first_guard = r->nguard;
        p->nguards = 0;
        st->cur_post = r->npost++;
    } else if (depth == 2 && st->cur_post >= 0 && strcmp(name, "tps") == 0) {
        if (growi((void **)&r->tps, r->ntps, &st->cap_tps, sizeof *r->tps)) {
            st->nomem = 1;
            return;
        }
        r->tps[r->ntps].id = at(st, "id");
        r->tps[r->ntps++].line = line;
        r->post[st->cur_post].ntps++;
    } else if (depth == 2 && st->cur_post >= 0 && strcmp(name, "guard") == 0) {
        if (growi((void **)&r->guard, r->nguard, &st->cap_guard, sizeof *r->guard)) {
            st->nomem = 1;
            return;
        }
        struct raw_guard *g = &r->guard[r->nguard++];
        g->member = at(st, "member");
        g->unit = at(st, "unit");
        g->force = at(st, "force");
        g->line = line;
        r->post[st->cur_post].nguards++;
    } else if (depth == 1 && strcmp(name, "linmas") == 0) {
        st->cur_post = -1;
        if (growi((void **)&r->linmas, r->nlinmas, &st->cap_linmas, sizeof *r->linmas)) {
            st->nomem = 1;
            return;
        }
        struct raw_linmas *l = &r->linmas[r->nlinmas++];
        l->tps = at(st, "tps");
        l->member = at(st, "member");
        l->unit = at(st, "unit");
        l->line = line;
    } else if (depth == 1 && strcmp(name, "reserve") == 0) {
        st->cur_post = -1;
        if (growi((void **)&r->reserve, r->nreserve, &st->cap_reserve,
                  sizeof *r->reserve)) {
            st->nomem = 1;
            return;
        }
        struct raw_guard *g = &r->reserve[r->nreserve++];
        g->member = at(st, "member");
        g->unit = at(st, "unit");
        g->force = at(st, "force");
        g->line = line;
    } else if (depth == 1 && strcmp(name, "phase") == 0) {
        st->cur_post = -1;
        st->phase = at(st, "id");
    } else if (depth == 2 && strcmp(name, "shift") == 0) {
        if (grow((void **)&st->sh->shift, st->sh->nshift, &st->sh->cap,
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
    st.cur_post = -1;
    st.r = raw_roster_create();
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
