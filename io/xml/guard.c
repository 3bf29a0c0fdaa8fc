/*
 * guard.c - byte-level limits for XML inputs, see guard.h.
 */
#include "io/xml/guard.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <sys/stat.h>

#include "model/error.h"

enum {
    S_TEXT,     /* character data */
    S_LT,       /* just after '<' */
    S_BANG,     /* after "<!": telling a comment, CDATA or declaration */
    S_STAG,     /* inside a start tag */
    S_QUOTE,    /* inside a quoted attribute value */
    S_ETAG,     /* inside an end tag */
    S_COMMENT,  /* inside <!-- --> */
    S_PI,       /* inside <? ?> */
    S_CDATA,    /* inside <![CDATA[ ]]> */
    S_DECL,     /* inside <!...> (depth counts [ ]) */
    S_DQUOTE    /* inside a quoted string of a declaration */
};

void xml_guard_init(struct xml_guard *g)
{
    memset(g, 0, sizeof *g);
    g->line = 1;
    g->state = S_TEXT;
}

int xml_guard_feed(struct xml_guard *g, const char *buf, size_t n)
{
    static const char CDATA[] = "[CDATA[";
    if (g->message[0] != '\0')
        return -1;
    if ((size_t)(XML_GUARD_MAX_BYTES - g->bytes) < n) {
        snprintf(g->message, sizeof g->message,
                 "the file is larger than %ld bytes, the limit",
                 (long)XML_GUARD_MAX_BYTES);
        g->fail_line = g->line;
        return -1;
    }
    g->bytes += (long)n;
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n')
            g->line++;
        switch (g->state) {
        case S_TEXT:
            if (c == '<')
                g->state = S_LT;
            break;
        case S_LT:
            g->attrs = 0;
            g->match = 0;
            g->state = c == '!' ? S_BANG : c == '?' ? S_PI
                     : c == '/' ? S_ETAG : c == '>' ? S_TEXT : S_STAG;
            break;
        case S_BANG:
            /* "<!--", "<![CDATA[" or a declaration; quote holds which of
             * the first two is being matched */
            if (g->match == 0 && (c == '-' || c == '[')) {
                g->quote = c;
                g->match = 1;
            } else if (g->match > 0 && g->quote == '-' && c == '-') {
                g->state = S_COMMENT;
                g->match = 0;
            } else if (g->match > 0 && g->quote == '[' && c == CDATA[g->match]) {
                if (++g->match == 7) {
                    g->state = S_CDATA;
                    g->match = 0;
                }
            } else {
                g->state = S_DECL;
                g->depth = g->match > 0 && g->quote == '[';
                g->match = 0;
                i--;   /* look at c again as part of the declaration */
                if (c == '\n')
                    g->line--;
            }
            break;
        case S_STAG:
            if (c == '"' || c == '\'') {
                g->quote = c;
                g->state = S_QUOTE;
            } else if (c == '=') {
                if (++g->attrs > XML_GUARD_MAX_ATTRS) {
                    snprintf(g->message, sizeof g->message,
                             "more than %d attributes in one element, the "
                             "limit", XML_GUARD_MAX_ATTRS);
                    g->fail_line = g->line;
                    return -1;
                }
            } else if (c == '>') {
                g->state = S_TEXT;
            }
            break;
        case S_QUOTE:
            if (c == g->quote)
                g->state = S_STAG;
            break;
        case S_ETAG:
            if (c == '>')
                g->state = S_TEXT;
            break;
        case S_COMMENT:   /* "-->" */
        case S_CDATA:     /* "]]>" */
            if (c == (g->state == S_COMMENT ? '-' : ']'))
                g->match = g->match < 2 ? g->match + 1 : 2;
            else if (c == '>' && g->match == 2)
                g->state = S_TEXT;
            else
                g->match = 0;
            break;
        case S_PI:        /* "?>" */
            if (c == '>' && g->match == 1)
                g->state = S_TEXT;
            g->match = c == '?';
            break;
        case S_DECL:
            if (c == '"' || c == '\'') {
                g->quote = c;
                g->state = S_DQUOTE;
            } else if (c == '[') {
                g->depth++;
            } else if (c == ']') {
                g->depth -= g->depth > 0;
            } else if (c == '>' && g->depth == 0) {
                g->state = S_TEXT;
            }
            break;
        case S_DQUOTE:
            if (c == g->quote)
                g->state = S_DECL;
            break;
        }
    }
    return 0;
}

static int file_read(void *ctx, char *buf, int len)
{
    struct xml_guard_file *f = ctx;
    size_t n = fread(buf, 1, (size_t)len, f->in);
    if (n == 0 && ferror(f->in)) {
        f->error = errno ? errno : EIO;
        return -1;
    }
    if (xml_guard_feed(&f->guard, buf, n) != 0) {
        f->limit = 1;
        return -1;
    }
    return (int)n;
}

static int file_keep(void *ctx)
{
    (void)ctx;   /* xml_guard_file_close closes it */
    return 0;
}

/* f fresh, with path open; 0, or -1 with f->error set. */
static int file_open(struct xml_guard_file *f, const char *path)
{
    memset(f, 0, sizeof *f);
    xml_guard_init(&f->guard);
    if ((f->in = fopen(path, "rb")) == NULL) {
        f->error = errno;
        return -1;
    }
    return 0;
}

xmlTextReaderPtr xml_guard_reader(struct xml_guard_file *f, const char *path,
                                  int options)
{
    if (file_open(f, path) != 0)
        return NULL;
    return xmlReaderForIO(file_read, file_keep, f, path, NULL, options);
}

xmlDocPtr xml_guard_read_doc(struct xml_guard_file *f, xmlParserCtxtPtr ctxt,
                             const char *path, int options)
{
    if (file_open(f, path) != 0)
        return NULL;
    return xmlCtxtReadIO(ctxt, file_read, file_keep, f, path, NULL, options);
}

void xml_guard_file_close(struct xml_guard_file *f)
{
    if (f->in != NULL)
        fclose(f->in);
    f->in = NULL;
}

/* The schemas' Id pattern (one grammar for every format) as libxml2
 * names it, said in words: "[facet 'pattern'] The value 'POLSEK KINAL'
 * is not accepted by the pattern '[^\s\p{Z}\p{C}]+'." is no help to a
 * planner. */
static void id_pattern_text(char *buf, size_t size)
{
    static const char FACET[] = "[facet 'pattern'] The value '";
    static const char TAIL[] = "' is not accepted by the pattern "
                               "'[^\\s\\p{Z}\\p{C}]+'";
    char *f = strstr(buf, FACET), *t = strstr(buf, TAIL);
    if (f == NULL || t == NULL || t < f)
        return;
    char value[300];
    size_t vn = (size_t)(t - (f + sizeof FACET - 1));
    if (vn >= sizeof value)
        vn = sizeof value - 1;
    memcpy(value, f + sizeof FACET - 1, vn);
    value[vn] = '\0';
    snprintf(f, size - (size_t)(f - buf), "'%s' is not an id: an id is one "
             "word (no space, none around it, no invisible or control "
             "character), e.g. POLSEK-KINAL or 85010002", value);
}

void xml_error_text(xml_error_ptr e, const char *strip, char *buf,
                    size_t size)
{
    const char *msg = e != NULL && e->message ? e->message : "unknown XML error";
    size_t n = 0, k = strip != NULL ? strlen(strip) : 0;
    while (*msg != '\0' && n + 1 < size) {
        if (k > 0 && strncmp(msg, strip, k) == 0) {
            msg += k;
            continue;
        }
        buf[n++] = *msg++;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        n--;
    buf[n] = '\0';
    id_pattern_text(buf, size);
}

int xml_guard_options(void)
{
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
#if LIBXML_VERSION >= 21300
    options |= XML_PARSE_NO_XXE;
#endif
    return options;
}

static void drop_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void xml_handlers_push(struct xml_handlers *saved,
                       xmlStructuredErrorFunc serror, void *sctx,
                       xmlGenericErrorFunc gerror)
{
    saved->serror = xmlStructuredError;
    saved->sctx = xmlStructuredErrorContext;
    saved->gerror = xmlGenericError;
    saved->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(sctx, serror);
    xmlSetGenericErrorFunc(NULL, gerror != NULL ? gerror : drop_generic);
}

void xml_handlers_pop(const struct xml_handlers *saved)
{
    xmlSetStructuredErrorFunc(saved->sctx, saved->serror);
    xmlSetGenericErrorFunc(saved->gctx, saved->gerror);
}

int xml_guard_check_size(int fd, const char *path, struct error_list *errs)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > XML_GUARD_MAX_BYTES) {
        error_add(errs, path, 0, "the file is larger than %ld bytes, the "
                  "limit", (long)XML_GUARD_MAX_BYTES);
        return -1;
    }
    return 0;
}

/* ---- telling files apart ------------------------------------------------ */

#if LIBXML_VERSION >= 21200
static void quiet(void *ctx, const xmlError *e)
#else
static void quiet(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    (void)e;
}

int io_xml_root(const char *path, char *name, size_t n)
{
    struct xml_handlers saved;
    int rc = -1;
    name[0] = '\0';
    xml_handlers_push(&saved, quiet, NULL, NULL);
    struct xml_guard_file in;
    xmlTextReaderPtr r = xml_guard_reader(&in, path, xml_guard_options());
    if (r != NULL) {
        xmlTextReaderSetStructuredErrorHandler(r, quiet, NULL);
        int ret;
        while ((ret = xmlTextReaderRead(r)) == 1)
            if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) {
                const char *ln = (const char *)xmlTextReaderConstLocalName(r);
                snprintf(name, n, "%s", ln ? ln : "");
                rc = 0;
                break;
            }
        xmlFreeTextReader(r);
    }
    if (in.error == ENOMEM || (r == NULL && in.error == 0))
        rc = -2;   /* no reader, or no stdio buffer */
    xml_guard_file_close(&in);
    xml_handlers_pop(&saved);
    return rc;
}

int xml_schema_embedded(const char *xsd, xmlStructuredErrorFunc serror,
                        void *ctx, int *compiling, xmlSchemaPtr *schema,
                        xmlSchemaValidCtxtPtr *vctx)
{
    *schema = NULL;
    *vctx = NULL;
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt(xsd,
                                                            (int)strlen(xsd));
    if (pctx == NULL)
        return -1;
    *compiling = 1;
    xmlSchemaSetParserStructuredErrors(pctx, serror, ctx);
    *schema = xmlSchemaParse(pctx);
    *compiling = 0;
    xmlSchemaFreeParserCtxt(pctx);   /* the schema does not need it */
    if (*schema == NULL || (*vctx = xmlSchemaNewValidCtxt(*schema)) == NULL)
        return -1;
    return 0;
}
