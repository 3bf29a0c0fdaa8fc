/*
 * overlay_read.c - read an overlay file into struct overlay (formats.md 4).
 *
 * Overlays are small, so the file is read whole (at most
 * OVERLAY_MAX_BYTES), its raw bytes go through xml_guard (attributes per
 * start tag), a DOCTYPE is refused before libxml2 sees the file, and the
 * document is parsed as a tree (NONET, BIG_LINES; never NOENT, DTDVALID,
 * HUGE or RECOVER) and validated against the embedded overlay-1.xsd.
 * Then each change becomes an overlay_change with the line of its
 * element; whether what it names exists is overlay_apply's business.
 *
 * Where formats.md is silent:
 * - text attributes (ids, names, ranks) are at most 256 bytes (the schema
 *   says so for ids; the reader for the rest), as in a scenario;
 * - a <rules> element becomes one change per grade or linmas child, in
 *   document order;
 * - numbers are read without the C locale, as the scenario reader does.
 */
#include "io/formats/overlay_read.h"
#include "io/xml/num.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "io/xml/guard.h"
#include "io/xml/schemas.h"

#define OVERLAY_NS "urn:siaga:overlay:1"
#define MAX_TEXT 256

struct ord {
    const char *path;
    struct overlay *ov;
    struct error_list *errs;
    long nerr;
    int nomem;
    int compiling;
};

static void own_error(struct ord *rd, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void own_error(struct ord *rd, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_addv(rd->errs, rd->path, line, fmt, ap);
    va_end(ap);
    rd->nerr++;
}

static void on_xml_error(void *ctx, xml_error_ptr e)
{
    struct ord *rd = ctx;
    char buf[512];
    if (e == NULL || e->level == XML_ERR_WARNING)
        return;
    if (e->code == XML_ERR_NO_MEMORY || e->code == XML_SCHEMAV_INTERNAL ||
        e->code == XML_SCHEMAP_INTERNAL || rd->compiling) {
        rd->nomem = 1;
        return;
    }
    xml_error_text(e, "{" OVERLAY_NS "}", buf, sizeof buf);
    own_error(rd, e->line > 0 ? e->line : 0, "%s", buf);
}

/* ---- values ------------------------------------------------------------- */


/* Attribute text copied into the overlay's arena; NULL when absent.
 * *nomem on allocation failure. */
static const char *attr_str(struct ord *rd, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (v == NULL)
        return NULL;
    char *t = (char *)v;
    if (strlen(t) > MAX_TEXT) {
        own_error(rd, xmlGetLineNo(n), "%s: %s is %zu bytes long; the limit "
                  "is %d", (const char *)n->name, name, strlen(t), MAX_TEXT);
        t[MAX_TEXT] = '\0';
    }
    const char *r = overlay_strdup(rd->ov, t);
    xmlFree(v);
    if (r == NULL)
        rd->nomem = 1;
    return r;
}

/* Integer attribute (the schema bounds it to 0..1000000); returns 1 when
 * present. */
static int attr_int(xmlNodePtr n, const char *name, int *out)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (v == NULL)
        return 0;
    *out = (int)strtol(io_xml_trim((char *)v), NULL, 10);
    xmlFree(v);
    return 1;
}

static int attr_double(xmlNodePtr n, const char *name, double *out)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (v == NULL)
        return 0;
    int ok = io_parse_decimal((char *)v, out) == 0;
    xmlFree(v);
    return ok;
}

/* Enumerated attribute (valid by the schema): its index in names. */
static int attr_enum(xmlNodePtr n, const char *name, int (*parse)(const char *))
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (v == NULL)
        return -1;
    int r = parse(io_xml_trim((char *)v));
    xmlFree(v);
    return r;
}

/* ---- elements ----------------------------------------------------------- */

static int is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           strcmp((const char *)n->ns->href, OVERLAY_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static void add(struct ord *rd, const struct overlay_change *c)
{
    if (overlay_add_change(rd->ov, c) < 0)
        rd->nomem = 1;
}

static void read_add_unit(struct ord *rd, xmlNodePtr n, struct overlay_change *c)
{
    static const char *const SCOPES[] = {"kabupaten", "kecamatan", "desa",
                                         "polres"};
    int nscope = 0;
    c->op = OV_ADD_UNIT;
    c->id = attr_str(rd, n, "id");
    c->name = attr_str(rd, n, "name");
    c->force = (enum force)attr_enum(n, "force", force_parse);
    c->scope = SCOPE_ANY;
    for (int i = 0; i < 4; i++) {
        const char *code = attr_str(rd, n, SCOPES[i]);
        if (code != NULL && nscope++ == 0) {
            c->scope = (enum scope)(SCOPE_KABUPATEN + i);
            c->region = code;
        }
    }
    if (nscope > 1)
        own_error(rd, c->line, "add-unit %s: give at most one of kabupaten, "
                  "kecamatan, desa, polres", c->id);
    int has_lat = attr_double(n, "lat", &c->lat);
    int has_lon = attr_double(n, "lon", &c->lon);
    if (has_lat != has_lon)
        own_error(rd, c->line, "add-unit %s: give both lat and lon, or "
                  "neither", c->id);
    c->has_base = has_lat && has_lon;
    const char *role = attr_str(rd, n, "role");
    c->cadangan = role != NULL && strcmp(role, "cadangan") == 0;
    attr_int(n, "count", &c->count);
    c->first_member = rd->ov->nmember;
    for (xmlNodePtr m = n->children; m != NULL && !rd->nomem; m = m->next) {
        if (!is_elem(m, "member"))
            continue;
        struct overlay_member om = {attr_str(rd, m, "id"),
                                    attr_str(rd, m, "name"),
                                    attr_str(rd, m, "rank"), xmlGetLineNo(m)};
        if (overlay_add_member(rd->ov, &om) < 0)
            rd->nomem = 1;
        c->nmembers++;
    }
}

static void read_rules(struct ord *rd, xmlNodePtr n)
{
    for (xmlNodePtr r = n->children; r != NULL && !rd->nomem; r = r->next) {
        struct overlay_change c;
        memset(&c, 0, sizeof c);
        c.line = xmlGetLineNo(r);
        if (is_elem(r, "grade")) {
            c.op = OV_GRADE_RULE;
            c.grade = (enum grade)attr_enum(r, "name", grade_parse);
            if (attr_int(r, "guards", &c.rule.guards))
                c.given |= OV_GIVEN_GUARDS;
            if (attr_int(r, "tps_per_post", &c.rule.tps_per_post))
                c.given |= OV_GIVEN_TPS_PER_POST;
            if (attr_int(r, "min_polri", &c.rule.min_polri))
                c.given |= OV_GIVEN_MIN_POLRI;
            if (attr_double(r, "radius_km", &c.rule.radius_km))
                c.given |= OV_GIVEN_RADIUS;
            add(rd, &c);
        } else if (is_elem(r, "linmas")) {
            c.op = OV_LINMAS_RULE;
            attr_int(r, "per_tps", &c.linmas_per_tps);
            add(rd, &c);
        } else if (is_elem(r, "bko")) {
            c.op = OV_BKO_RULE;
            int f = attr_enum(r, "force", force_parse);
            c.force = f < 0 ? FORCE_POLRI : (enum force)f;
            attr_int(r, "size", &c.count);
            add(rd, &c);
        }
    }
}

static void read_changes(struct ord *rd, xmlNodePtr root)
{
    const char *name = attr_str(rd, root, "name");
    rd->ov->name = name ? name : "";
    for (xmlNodePtr n = root->children; n != NULL && !rd->nomem; n = n->next) {
        struct overlay_change c;
        memset(&c, 0, sizeof c);
        c.line = xmlGetLineNo(n);
        if (is_elem(n, "regrade")) {
            c.op = OV_REGRADE;
            c.id = attr_str(rd, n, "tps");
            c.grade = (enum grade)attr_enum(n, "grade", grade_parse);
        } else if (is_elem(n, "remove-member")) {
            c.op = OV_REMOVE_MEMBER;
            c.id = attr_str(rd, n, "id");
        } else if (is_elem(n, "remove-unit")) {
            c.op = OV_REMOVE_UNIT;
            c.id = attr_str(rd, n, "id");
        } else if (is_elem(n, "resize-unit")) {
            c.op = OV_RESIZE_UNIT;
            c.id = attr_str(rd, n, "id");
            attr_int(n, "count", &c.count);
        } else if (is_elem(n, "add-unit")) {
            read_add_unit(rd, n, &c);
        } else if (is_elem(n, "rules")) {
            read_rules(rd, n);
            continue;
        } else {
            continue;
        }
        add(rd, &c);
    }
}

/* ---- the file ----------------------------------------------------------- */

static long newlines(const char *p, const char *q)
{
    long n = 0;
    for (; p < q; p++)
        n += *p == '\n';
    return n;
}

/* Line of "<!DOCTYPE" in the prolog of buf, or 0 when there is none
 * before the first element. */
static long doctype_line(const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    long line = 1;
    while (p < end) {
        const char *close = NULL;
        if (end - p >= 4 && strncmp(p, "<!--", 4) == 0)
            close = strstr(p + 4, "-->");
        else if (end - p >= 2 && strncmp(p, "<?", 2) == 0)
            close = strstr(p + 2, "?>");
        else if (end - p >= 9 && strncmp(p, "<!DOCTYPE", 9) == 0)
            return line;
        else if (*p == '<')
            return 0;
        if (close != NULL) {
            line += newlines(p, close);
            p = close + 2;
            continue;
        }
        if (*p == '<')
            return 0;   /* unterminated: the parser says so */
        line += *p++ == '\n';
    }
    return 0;
}

/* The whole file into a NUL-terminated buffer (freed by the caller). */
static int slurp(struct ord *rd, char **buf, size_t *len)
{
    FILE *f = fopen(rd->path, "rb");
    struct stat st;
    *buf = NULL;
    if (f == NULL) {
        int err = errno;   /* error_add may change errno */
        error_add(rd->errs, rd->path, 0, "cannot open: %s", strerror(err));
        return err == ENOMEM ? SIAGA_ENOMEM : SIAGA_EIO;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > OVERLAY_MAX_BYTES) {
        fclose(f);
        error_add(rd->errs, rd->path, 0, "the file is larger than %ld bytes, "
                  "the limit for an overlay", OVERLAY_MAX_BYTES);
        return SIAGA_EINPUT;
    }
    size_t cap = 65536, n = 0;
    char *b = malloc(cap + 1);
    int rc = SIAGA_ENOMEM;
    while (b != NULL) {
        size_t k = fread(b + n, 1, cap - n, f);
        n += k;
        if (k == 0) {
            if (ferror(f)) {
                error_add(rd->errs, rd->path, 0, "cannot read: %s",
                          strerror(errno));
                rc = SIAGA_EIO;
                break;
            }
            b[n] = '\0';
            *buf = b;
            *len = n;
            b = NULL;
            rc = SIAGA_OK;
            break;
        }
        if (n == cap) {
            if (cap > (size_t)OVERLAY_MAX_BYTES) {
                error_add(rd->errs, rd->path, 0, "the file is larger than "
                          "%ld bytes, the limit for an overlay",
                          OVERLAY_MAX_BYTES);
                rc = SIAGA_EINPUT;
                break;
            }
            char *nb = realloc(b, 2 * cap + 1);
            if (nb == NULL)
                break;
            b = nb;
            cap *= 2;
        }
    }
    free(b);
    fclose(f);
    return rc;
}

/* Parse and validate buf[0..len) (NUL-terminated, owned: freed here),
 * named path in errors; rc is slurp's status. */
static int read_buffer(const char *path, char *buf, size_t len, int rc,
                       struct overlay **out, struct error_list *errs);

int io_read_overlay(const char *path, struct overlay **out,
                    struct error_list *errs)
{
    struct ord rd;
    char *buf = NULL;
    size_t len = 0;
    memset(&rd, 0, sizeof rd);
    rd.path = path;
    rd.errs = errs;
    *out = NULL;
    int rc = slurp(&rd, &buf, &len);
    return read_buffer(path, buf, len, rc, out, errs);
}

int io_read_overlay_memory(const char *name, const char *data, size_t len,
                           struct overlay **out, struct error_list *errs)
{
    *out = NULL;
    if (len > (size_t)OVERLAY_MAX_BYTES) {
        error_add(errs, name, 0, "the overlay is larger than %ld bytes, the "
                  "limit for an overlay", OVERLAY_MAX_BYTES);
        return SIAGA_EINPUT;
    }
    char *buf = malloc(len + 1);
    if (buf == NULL) {
        error_add(errs, name, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    if (len > 0)
        memcpy(buf, data, len);
    buf[len] = '\0';
    return read_buffer(name, buf, len, SIAGA_OK, out, errs);
}

static int read_buffer(const char *path, char *buf, size_t len, int rc,
                       struct overlay **out, struct error_list *errs)
{
    struct ord rd;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vctx = NULL;
    int options = xml_guard_options();
    struct xml_handlers saved;

    memset(&rd, 0, sizeof rd);
    rd.path = path;
    rd.errs = errs;
    *out = NULL;
    xml_handlers_push(&saved, on_xml_error, &rd, NULL);

    if (rc != SIAGA_OK)
        goto done;
    rc = SIAGA_ENOMEM;
    if (len == 0) {
        own_error(&rd, 1, "the file is empty");
        goto done;
    }
    struct xml_guard guard;
    xml_guard_init(&guard);
    if (xml_guard_feed(&guard, buf, len) != 0) {
        own_error(&rd, guard.fail_line, "%s", guard.message);
        goto done;
    }
    long dl = doctype_line(buf, len);
    if (dl > 0) {
        own_error(&rd, dl, "DOCTYPE declarations are not allowed in an "
                  "overlay (DTDs and entities are never loaded)");
        goto done;
    }
    if ((rd.ov = overlay_create()) == NULL ||
        (rd.ov->file = overlay_strdup(rd.ov, path)) == NULL ||
        (ctxt = xmlNewParserCtxt()) == NULL)
        goto done;
    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL, options);
    if (rd.nomem || doc == NULL || rd.nerr > 0) {
        if (!rd.nomem && rd.nerr == 0)
            own_error(&rd, 0, "malformed XML");
        goto done;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        own_error(&rd, 1, "DOCTYPE declarations are not allowed in an overlay");
        goto done;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root == NULL || !is_elem(root, "overlay")) {
        own_error(&rd, root ? xmlGetLineNo(root) : 1, "expected root element "
                  "'overlay' in namespace " OVERLAY_NS ", found '%s'",
                  root ? (const char *)root->name : "");
        goto done;
    }
    if (xml_schema_embedded(siaga_schema_overlay_1, on_xml_error, &rd,
                            &rd.compiling, &schema, &vctx) != 0)
        goto done;
    xmlSchemaSetValidStructuredErrors(vctx, on_xml_error, &rd);
    int v = xmlSchemaValidateDoc(vctx, doc);
    if (rd.nomem)
        goto done;
    if (v != 0) {
        if (rd.nerr == 0)
            own_error(&rd, 0, "the file does not follow overlay-1.xsd");
        goto done;
    }
    read_changes(&rd, root);
    if (!rd.nomem)
        rc = SIAGA_OK;
done:
    if (rc == SIAGA_OK || rc == SIAGA_ENOMEM) {
        if (rd.nomem)
            rc = SIAGA_ENOMEM;
        else if (rd.nerr > 0)
            rc = SIAGA_EINPUT;
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    xmlSchemaFreeValidCtxt(vctx);
    xmlSchemaFree(schema);
    free(buf);
    xml_handlers_pop(&saved);
    if (rc == SIAGA_ENOMEM)
        error_add(errs, path, 0, "out of memory");
    if (rc == SIAGA_OK) {
        *out = rd.ov;
    } else {
        overlay_destroy(rd.ov);
        error_list_sort(errs);
    }
    return rc;
}
