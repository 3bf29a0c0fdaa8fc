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
#include "io/xml/num.h"
#include "io/xml/schemas.h"
#include "model/grow.h"

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
