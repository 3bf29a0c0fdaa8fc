/*
 * import_kml.c - TPS lists as KML, as Google Earth and Google My Maps
 * write them.
 *
 * Conventions handled:
 *   - elements are matched by local name in any namespace or none
 *     (http://www.opengis.net/kml/2.2 as default namespace or with a kml:
 *     prefix, the older http://earth.google.com/kml/2.x, gx: extensions
 *     beside them);
 *   - Placemarks anywhere under kml > Document, with Folders (My Maps
 *     layers, Google Earth folders) and Documents nested at any depth; the
 *     names of the enclosing Folders (and nested Documents, not the
 *     outermost one, which is the map's title) are hints for the kecamatan
 *     and the kelurahan, innermost first;
 *   - a placemark is a TPS when its name reads "TPS 001", "TPS 1",
 *     "TPS-01 Ketapang" or is a bare number, or when its ExtendedData has a
 *     TPS number field; other placemarks (a Polsek, a note) are counted
 *     and reported, not read;
 *   - ExtendedData as Data name="..."><value> (My Maps: the columns of the
 *     sheet the layer was made from) or SchemaData > SimpleData name="..."
 *     (Google Earth, ogr2ogr); field names as in the CSV column table;
 *   - the first Point, also inside a MultiGeometry; coordinates
 *     "lon,lat[,alt]" with any whitespace around and between tuples.
 * The file is parsed with XML_PARSE_NONET; a DOCTYPE is refused, so no
 * entity is ever declared, let alone expanded.
 */
#include "io/import/import_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "io/xml/guard.h"
#include "io/xml/num.h"
#include "model/arena.h"

/* Pseudo-columns of a KML in the rejects file. */
enum { KC_NAME, KC_FOLDER, KC_KEC, KC_DESA, KC_LAT, KC_LON, KC_N };
static const char *const KML_COLUMNS[KC_N] = {
    "name", "folder", "kecamatan", "kelurahan", "lat", "lon"
};

#define MAX_DEPTH 32

struct kml {
    struct imp_rows *rows;
    const char *path;
    int src;
    const char *folder[MAX_DEPTH];
    int nfolder;
    int nomem;
    int xml_errors;
    struct error_list *errs;
    struct xml_guard_file in;   /* the file, through xml_guard's limits */
};

static int is(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, local) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n->children; c != NULL; c = c->next)
        if (is(c, local))
            return c;
    return NULL;
}

/* First descendant element of that name (depth first). */
static const xmlNode *descendant(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, local))
            return c;
        const xmlNode *d = descendant(c, local);
        if (d != NULL)
            return d;
    }
    return NULL;
}

/* Trimmed text of n in the arena ("" when n is NULL). */
static const char *text(struct kml *k, const xmlNode *n)
{
    if (n == NULL)
        return "";
    xmlChar *c = xmlNodeGetContent(n);
    if (c == NULL)
        return "";
    const char *r = imp_strdup(k->rows, io_xml_trim((char *)c));
    xmlFree(c);
    if (r == NULL) {
        k->nomem = 1;
        return "";
    }
    return r;
}

static void extended_field(struct kml *k, struct imp_row *r, const char *name,
                           const char *value, int *rank)
{
    int rk;
    int f = name != NULL ? imp_field_of(name, 0, &rk) : -1;
    if (f < 0 || value == NULL || value[0] == '\0')
        return;
    if (r->f[f] == NULL || rk < rank[f]) {
        r->f[f] = value;
        rank[f] = rk;
    }
    (void)k;
}

static void read_extended(struct kml *k, const xmlNode *ed, struct imp_row *r)
{
    int rank[F_NFIELDS];
    for (int i = 0; i < F_NFIELDS; i++)
        rank[i] = 1000;
    for (const xmlNode *c = ed->children; c != NULL; c = c->next) {
        if (is(c, "Data")) {
            xmlChar *name = xmlGetProp(c, BAD_CAST "name");
            const char *v = text(k, child(c, "value"));
            extended_field(k, r, (const char *)name, v, rank);
            if (name != NULL)
                xmlFree(name);
        } else if (is(c, "SchemaData")) {
            for (const xmlNode *d = c->children; d != NULL; d = d->next) {
                if (!is(d, "SimpleData"))
                    continue;
                xmlChar *name = xmlGetProp(d, BAD_CAST "name");
                extended_field(k, r, (const char *)name, text(k, d), rank);
                if (name != NULL)
                    xmlFree(name);
            }
        }
    }
}

/* "lon,lat[,alt]" (the first tuple) into the row's lat and lon texts. */
static void read_coordinates(struct kml *k, const char *s, struct imp_row *r)
{
    char buf[128];
    size_t n = strcspn(s, " \t\r\n");
    if (n == 0)
        return;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *comma = strchr(buf, ',');
    if (comma == NULL) {
        r->f[F_LON] = imp_strdup(k->rows, buf);
        return;
    }
    *comma = '\0';
    char *lat = comma + 1, *alt = strchr(lat, ',');
    if (alt != NULL)
        *alt = '\0';
    r->f[F_LON] = imp_strdup(k->rows, buf);
    r->f[F_LAT] = imp_strdup(k->rows, lat);
    if (r->f[F_LON] == NULL || r->f[F_LAT] == NULL)
        k->nomem = 1;
}

static void placemark(struct kml *k, const xmlNode *pm)
{
    struct import_report *rep = k->rows->rep;
    long line = xmlGetLineNo((xmlNodePtr)pm);
    const char *name = text(k, child(pm, "name"));
    struct imp_row tmp;
    memset(&tmp, 0, sizeof tmp);
    const xmlNode *ed = child(pm, "ExtendedData");
    if (ed != NULL)
        read_extended(k, ed, &tmp);
    const char *rest = "";
    int no = imp_parse_tps_no(name, 1, &rest);
    if (no < 0) {
        rest = "";
        no = imp_parse_tps_no(name, 0, NULL);
    }
    if (no < 0 && tmp.f[F_TPS] == NULL && tmp.f[F_TPS_CODE] == NULL) {
        if (rep->placemarks_skipped++ == 0) {
            rep->placemark_skipped_file = k->path;
            rep->placemark_skipped_line = line;
        }
        return;
    }
    struct imp_row *r = imp_new_row(k->rows, k->src, line);
    if (r == NULL) {
        k->nomem = 1;
        return;
    }
    memcpy(r->f, tmp.f, sizeof r->f);
    if (r->f[F_TPS] == NULL && r->f[F_TPS_CODE] == NULL) {
        char num[16];
        snprintf(num, sizeof num, "%d", no);
        r->f[F_TPS] = imp_strdup(k->rows, num);
    }
    r->name_rest = rest[0] ? imp_strdup(k->rows, rest) : NULL;
    if (k->nfolder > 0) {
        r->folders = arena_alloc(k->rows->arena,
                                 (size_t)k->nfolder * sizeof *r->folders);
        if (r->folders == NULL) {
            k->nomem = 1;
            return;
        }
        memcpy(r->folders, k->folder, (size_t)k->nfolder * sizeof *r->folders);
        r->nfolders = k->nfolder;
    }
    const xmlNode *pt = descendant(pm, "Point");
    if (pt != NULL)
        read_coordinates(k, text(k, child(pt, "coordinates")), r);

    /* the pseudo-columns, for the rejects file */
    char path[512];
    size_t o = 0;
    path[0] = '\0';
    for (int i = 0; i < k->nfolder && o < sizeof path; i++)
        o += (size_t)snprintf(path + o, sizeof path - o, "%s%s",
                              i ? " / " : "", k->folder[i]);
    r->orig = arena_alloc(k->rows->arena, KC_N * sizeof *r->orig);
    if (r->orig == NULL) {
        k->nomem = 1;
        return;
    }
    r->norig = KC_N;
    r->orig[KC_NAME] = name;
    r->orig[KC_FOLDER] = imp_strdup(k->rows, path);
    r->orig[KC_KEC] = r->f[F_KEC] ? r->f[F_KEC] : "";
    r->orig[KC_DESA] = r->f[F_DESA] ? r->f[F_DESA] : "";
    r->orig[KC_LAT] = r->f[F_LAT] ? r->f[F_LAT] : "";
    r->orig[KC_LON] = r->f[F_LON] ? r->f[F_LON] : "";
    if (r->orig[KC_FOLDER] == NULL || (rest[0] && r->name_rest == NULL))
        k->nomem = 1;
}

static void walk(struct kml *k, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c != NULL && !k->nomem; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "Placemark")) {
            placemark(k, c);
        } else if (is(c, "Folder") || is(c, "Document")) {
            /* the outermost Document is the map's title, not a region */
            int push = (is(c, "Folder") || depth > 0) && k->nfolder < MAX_DEPTH;
            if (push)
                k->folder[k->nfolder++] = text(k, child(c, "name"));
            walk(k, c, depth + 1);
            if (push)
                k->nfolder--;
        } else if (depth < MAX_DEPTH && !is(c, "ExtendedData") &&
                   !is(c, "Style") && !is(c, "StyleMap")) {
            walk(k, c, depth + 1);  /* kml:kml, NetworkLinkControl, ... */
        }
    }
}

/* libxml2's parse errors, with their line. */
static void on_xml_error(void *ctx, xml_error_ptr e)
{
    struct kml *k = ctx;
    char msg[256];
    if (e->level < XML_ERR_ERROR)
        return;     /* warnings do not stop the import */
    if (k->in.limit || k->in.error)
        return;     /* libxml2's word for the stopped read; ours follows */
    xml_error_text(e, NULL, msg, sizeof msg);
    k->xml_errors++;
    error_add(k->errs, k->path, e->line, "%s", msg);
}

int imp_read_tps_kml(const char *path, struct imp_rows *rows,
                     struct error_list *errs)
{
    int rc = SIAGA_OK;
    struct kml k;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    int options = xml_guard_options();
    struct xml_handlers saved;

    memset(&k, 0, sizeof k);
    k.rows = rows;
    k.path = path;
    k.errs = errs;
    k.src = rows->nsrc;
    rows->src[k.src].path = path;
    rows->src[k.src].columns = (const char **)KML_COLUMNS;
    rows->src[k.src].ncolumns = KC_N;
    rows->nsrc++;

    xml_handlers_push(&saved, on_xml_error, &k, NULL);
    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        rc = SIAGA_ENOMEM;
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    doc = xml_guard_read_doc(&k.in, ctxt, path, options);
    if (k.in.error != 0) {
        rc = error_io(errs, path, "cannot read", k.in.error);
        goto done;
    }
    if (k.in.limit) {
        error_add(errs, path, k.in.guard.fail_line, "%s", k.in.guard.message);
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (doc == NULL) {
        if (k.xml_errors == 0)
            error_add(errs, path, 0, "malformed XML");
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        error_add(errs, path, 1, "DOCTYPE declarations are not allowed in "
                  "a KML file (DTDs and entities are never loaded)");
        rc = SIAGA_EINPUT;
        goto done;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root == NULL || strcmp((const char *)root->name, "kml") != 0) {
        error_add(errs, path, root ? xmlGetLineNo(root) : 0,
                  "not a KML file: the root element is <%s>, not <kml>",
                  root ? (const char *)root->name : "");
        rc = SIAGA_EINPUT;
        goto done;
    }
    walk(&k, root, 0);
    if (k.nomem) {
        rc = SIAGA_ENOMEM;
        error_add(errs, NULL, 0, "out of memory");
    }
done:
    xml_handlers_pop(&saved);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    xml_guard_file_close(&k.in);
    return rc;
}
