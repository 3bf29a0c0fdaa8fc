/*
 * roster_read.c - stream a roster file through libxml2's SAX2 parser with
 * the embedded roster-1.xsd plugged in front of it (xmlSchemaSAXPlug), and
 * keep what it says in a struct raw_roster (strings in the roster's arena,
 * lines kept).
 *
 * No tree is ever built, so memory grows only with the raw roster (a
 * national roster has 800k posts).  SAX rather than xmlTextReader for the
 * lines: an element's line is the parser's own line counter when its
 * start tag ends, exact past 65535, where libxml2 2.9's tree nodes guess.
 * Every libxml2 error, of well-formedness or of validity, goes to the
 * error list as path:line: message; values are only handed out when there
 * is none.  A DOCTYPE stops the parse before its internal subset is read:
 * a roster has no use for one, and so no entity is ever declared.
 */
#include "io/formats/roster_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include "io/xml/guard.h"
#include "io/xml/schemas.h"
#include "model/arena.h"
#include "model/grow.h"

#define ROSTER_NS "urn:siaga:roster:1"
#define CHUNK (64 * 1024)

/* The error-callback argument became const in libxml2 2.12. */
struct read_state {
    const char *path;
    struct error_list *errs;
    struct raw_roster *r;
    xmlParserCtxtPtr ctxt;
    long nerr;       /* errors seen, including those the list dropped */
    int nomem;
    int depth;       /* of the element being started, root = 0 */
    struct raw_builder b;   /* b.r is r */
};

static void on_error(void *ctx, xml_error_ptr e)
{
    struct read_state *st = ctx;
    if (e == NULL || e->level == XML_ERR_WARNING)
        return;
    /* libxml2 reports some allocation failures as internal errors */
    if (e->code == XML_ERR_NO_MEMORY || e->code == XML_SCHEMAV_INTERNAL ||
        e->code == XML_SCHEMAP_INTERNAL) {
        st->nomem = 1;
        return;
    }
    char msg[512];
    xml_error_text(e, NULL, msg, sizeof msg);
    error_add(st->errs, st->path, e->line > 0 ? e->line : 0, "%s", msg);
    st->nerr++;
}

static long cur_line(const struct read_state *st)
{
    return st->ctxt != NULL && st->ctxt->input != NULL
               ? st->ctxt->input->line : 0;
}

/* Where the validator is, for its errors (SAX gives it no parser). */
static int locate(void *ctx, const char **file, unsigned long *line)
{
    const struct read_state *st = ctx;
    if (file != NULL)
        *file = st->path;
    if (line != NULL)
        *line = (unsigned long)cur_line(st);
    return 0;
}

static void fail_nomem(struct read_state *st)
{
    st->nomem = 1;
    if (st->ctxt != NULL)
        xmlStopParser(st->ctxt);
}

/* SAX2 attributes come as (localname, prefix, URI, value, end) quintuples,
 * values not terminated.  Only unprefixed attributes are ours. */
struct attrs {
    int n;
    const xmlChar **a;
};

/* Attribute name, trimmed of the blanks that the schema's xs:token
 * collapses when trim, copied into the roster's arena.  NULL when absent
 * (or out of memory: st->nomem is set). */
static const char *attr(struct read_state *st, const struct attrs *at,
                        const char *name, int trim)
{
    for (int i = 0; i < at->n; i++) {
        const xmlChar **q = at->a + 5 * i;
        if (q[2] != NULL || strcmp((const char *)q[0], name) != 0)
            continue;
        const char *v = (const char *)q[3], *end = (const char *)q[4];
        if (trim) {
            while (v < end && (*v == ' ' || *v == '\t' || *v == '\n' ||
                               *v == '\r'))
                v++;
            while (end > v && (end[-1] == ' ' || end[-1] == '\t' ||
                               end[-1] == '\n' || end[-1] == '\r'))
                end--;
        }
        size_t n = (size_t)(end - v);
        char *d = arena_alloc(st->r->arena, n + 1);
        if (d == NULL) {
            fail_nomem(st);
            return NULL;
        }
        /* Without XML_PARSE_NOENT, libxml2's SAX2 hands over an '&' of an
         * attribute value (from &amp; or &#38;) as the text "&#38;", so
         * that it could be written back; every other reference arrives
         * decoded.  Undo that one escape, left to right. */
        size_t o = 0;
        for (size_t k = 0; k < n; k++) {
            if (v[k] == '&' && n - k >= 5 && memcmp(v + k, "&#38;", 5) == 0) {
                d[o++] = '&';
                k += 4;
            } else {
                d[o++] = v[k];
            }
        }
        d[o] = '\0';
        return d;
    }
    return NULL;
}

int raw_roster_start(struct raw_builder *b, const char *name, int depth,
                     long line, raw_attr_fn get, void *ctx)
{
    struct raw_roster *r = b->r;
    if (depth == 0 && strcmp(name, "roster") == 0) {
        r->scenario = get(ctx, "scenario", 0);
        r->status = get(ctx, "status", 1);
        r->line = line;
    } else if (depth == 1 && strcmp(name, "post") == 0) {
        if (model_grow((void **)&r->post, r->npost, &b->cap_post, sizeof *r->post))
            return -1;
        struct raw_post *p = &r->post[r->npost];
        p->id = get(ctx, "id", 1);
        p->grade = get(ctx, "grade", 1);
        p->kecamatan = get(ctx, "kecamatan", 1);
        p->required = get(ctx, "required", 1);
        p->route_km = get(ctx, "route_km", 1);
        p->line = line;
        p->first_tps = r->ntps;
        p->ntps = 0;
        p->first_guard = r->nguard;
        p->nguards = 0;
        b->cur_post = r->npost++;
    } else if (depth == 2 && b->cur_post >= 0 && strcmp(name, "tps") == 0) {
        if (model_grow((void **)&r->tps, r->ntps, &b->cap_tps, sizeof *r->tps))
            return -1;
        r->tps[r->ntps].id = get(ctx, "id", 1);
        r->tps[r->ntps].line = line;
        r->ntps++;
        r->post[b->cur_post].ntps++;
    } else if ((depth == 2 && b->cur_post >= 0 && strcmp(name, "guard") == 0) ||
               (depth == 1 && strcmp(name, "reserve") == 0)) {
        int guard = depth == 2;
        struct raw_guard **arr = guard ? &r->guard : &r->reserve;
        int *n = guard ? &r->nguard : &r->nreserve;
        if (model_grow((void **)arr, *n, guard ? &b->cap_guard : &b->cap_reserve,
                       sizeof **arr))
            return -1;
        struct raw_guard *g = &(*arr)[(*n)++];
        g->member = get(ctx, "member", 1);
        g->unit = get(ctx, "unit", 1);
        g->force = get(ctx, "force", 1);
        g->line = line;
        if (guard)
            r->post[b->cur_post].nguards++;
    } else if (depth == 1 && strcmp(name, "linmas") == 0) {
        if (model_grow((void **)&r->linmas, r->nlinmas, &b->cap_linmas,
                       sizeof *r->linmas))
            return -1;
        struct raw_linmas *l = &r->linmas[r->nlinmas++];
        l->tps = get(ctx, "tps", 1);
        l->member = get(ctx, "member", 1);
        l->unit = get(ctx, "unit", 1);
        l->line = line;
    }
    return 0;
}

/* The attributes of a SAX start tag, for raw_roster_start. */
struct sax_attrs { struct read_state *st; const struct attrs *at; };

static const char *sax_attr(void *ctx, const char *name, int trim)
{
    const struct sax_attrs *x = ctx;
    return attr(x->st, x->at, name, trim);
}

static void on_start(void *ctx, const xmlChar *localname,
                     const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
    struct read_state *st = ctx;
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    if (!st->nomem && uri != NULL &&
        strcmp((const char *)uri, ROSTER_NS) == 0) {
        struct attrs at = {nb_attributes, attributes};
        struct sax_attrs x = {st, &at};
        /* anything not of the roster is a schema error, reported by the
         * validator */
        if (raw_roster_start(&st->b, (const char *)localname, st->depth,
                             cur_line(st), sax_attr, &x) != 0)
            fail_nomem(st);
    }
    st->depth++;
}

static void on_end(void *ctx, const xmlChar *localname,
                   const xmlChar *prefix, const xmlChar *uri)
{
    struct read_state *st = ctx;
    (void)prefix;
    st->depth--;
    if (st->depth == 1 && uri != NULL &&
        strcmp((const char *)uri, ROSTER_NS) == 0 &&
        strcmp((const char *)localname, "post") == 0)
        st->b.cur_post = -1;
}

static void on_doctype(void *ctx, const xmlChar *name,
                       const xmlChar *external_id, const xmlChar *system_id)
{
    struct read_state *st = ctx;
    (void)name;
    (void)external_id;
    (void)system_id;
    error_add(st->errs, st->path, cur_line(st),
              "a DTD (<!DOCTYPE>) is not allowed in a roster");
    st->nerr++;
    xmlStopParser(st->ctxt);
}

/* Open path, refusing a regular file over XML_GUARD_MAX_BYTES.  Returns
 * SIAGA_OK and *fd, or the status with its reason in errs. */
static int open_bounded(const char *path, int *fd, struct error_list *errs)
{
    *fd = open(path, O_RDONLY);
    if (*fd < 0) {
        int err = errno;
        error_add(errs, path, 0, "cannot open: %s", strerror(err));
        return err == ENOMEM ? SIAGA_ENOMEM : SIAGA_EIO;
    }
    return xml_guard_check_size(*fd, path, errs) == 0 ? SIAGA_OK : SIAGA_EINPUT;
}

/* Every byte of fd through xml_guard (file size, attributes per element)
 * before a push parser on saxp and user sees it; *ctxt gets the parser
 * (the caller frees it).  buf holds CHUNK bytes.  Returns SIAGA_OK (the
 * document may still be invalid: see st), SIAGA_EIO, SIAGA_EINPUT or
 * SIAGA_ENOMEM, with the reason in st->errs. */
static int push_parse(struct read_state *st, int fd, char *buf,
                      xmlSAXHandlerPtr saxp, void *user,
                      xmlParserCtxtPtr *ctxt)
{
    struct xml_guard guard;
    xml_guard_init(&guard);
    ssize_t n = read(fd, buf, 4);
    if (n < 0) {
        error_add(st->errs, st->path, 0, "cannot read: %s", strerror(errno));
        return SIAGA_EIO;
    }
    xml_guard_feed(&guard, buf, (size_t)n);
    *ctxt = xmlCreatePushParserCtxt(saxp, user, buf, (int)n, st->path);
    if (*ctxt == NULL)
        return SIAGA_ENOMEM;
    st->ctxt = *ctxt;
    xmlCtxtUseOptions(*ctxt, xml_guard_options());
    for (;;) {
        n = read(fd, buf, CHUNK);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error_add(st->errs, st->path, 0, "cannot read: %s",
                      strerror(errno));
            return SIAGA_EIO;
        }
        if (xml_guard_feed(&guard, buf, (size_t)n) != 0) {
            error_add(st->errs, st->path, guard.fail_line, "%s",
                      guard.message);
            return SIAGA_EINPUT;
        }
        xmlParseChunk(*ctxt, buf, (int)n, n == 0);
        if (n == 0 || (*ctxt)->disableSAX || st->nomem)
            break;
    }
    return st->nomem ? SIAGA_ENOMEM : SIAGA_OK;
}

int io_read_roster(const char *path, struct raw_roster **out,
                   struct error_list *errs)
{
    int rc = SIAGA_OK;
    int fd = -1;
    xmlSchemaParserCtxtPtr pctxt = NULL;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vctxt = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    xmlParserCtxtPtr ctxt = NULL;
    char *buf = NULL;
    struct read_state st;
    xmlSAXHandler sax;

    memset(&st, 0, sizeof st);
    st.path = path;
    st.errs = errs;
    st.b.cur_post = -1;
    *out = NULL;

    xmlInitParser();
    /* parser errors: the plug hands its own context to a SAX serror, so
     * they come through the (per-thread) global handler instead */
    xmlSetStructuredErrorFunc(&st, on_error);

    st.r = st.b.r = raw_roster_create();
    buf = malloc(CHUNK);
    if (st.r == NULL || buf == NULL ||
        (st.r->file = raw_roster_strdup(st.r, path)) == NULL) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    if ((rc = open_bounded(path, &fd, errs)) != SIAGA_OK)
        goto done;

    pctxt = xmlSchemaNewMemParserCtxt(siaga_schema_roster_1,
                                      (int)strlen(siaga_schema_roster_1));
    if (pctxt != NULL)
        schema = xmlSchemaParse(pctxt);
    if (schema != NULL)
        vctxt = xmlSchemaNewValidCtxt(schema);
    if (vctxt == NULL) {
        rc = SIAGA_ENOMEM;   /* the embedded schema compiles but for memory */
        goto done;
    }
    xmlSchemaSetValidStructuredErrors(vctxt, on_error, &st);
    xmlSchemaValidateSetLocator(vctxt, locate, &st);

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.internalSubset = on_doctype;
    xmlSAXHandlerPtr saxp = &sax;
    void *user = &st;
    plug = xmlSchemaSAXPlug(vctxt, &saxp, &user);
    if (plug == NULL) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    if ((rc = push_parse(&st, fd, buf, saxp, user, &ctxt)) != SIAGA_OK)
        goto done;
    if (st.nerr == 0 && (!ctxt->wellFormed || xmlSchemaIsValid(vctxt) != 1)) {
        error_add(errs, path, cur_line(&st),
                  "not a valid roster (roster-1.xsd)");
        st.nerr++;
    }
    if (st.nerr > 0) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    *out = st.r;
    st.r = NULL;

done:
    if (ctxt != NULL)
        xmlFreeParserCtxt(ctxt);
    if (plug != NULL)
        xmlSchemaSAXUnplug(plug);
    xmlSchemaFreeValidCtxt(vctxt);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pctxt);
    if (fd >= 0)
        close(fd);
    free(buf);
    raw_roster_destroy(st.r);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (rc == SIAGA_ENOMEM)
        error_add(errs, path, 0, "out of memory");
    return rc;
}
