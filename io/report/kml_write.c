/*
 * kml_write.c - roster.kml through libxml2's xmlTextWriter.
 *
 * Layout: Document > shared Style per grade (a tinted circle icon) and one
 * for routes > Folder per kecamatan (scenario order) > a Placemark per TPS
 * (scenario order), then a LineString Placemark per cluster post (plan
 * order) closing back at its anchor.  Balloons are HTML, as Google Earth
 * reads them: every scenario string is HTML-escaped into the balloon, and
 * the balloon goes into CDATA (escaped HTML cannot contain "]]>").
 * ExtendedData repeats the codes for programs (and for `siaga import`).
 */
#include "io/report/kml_write.h"

#include <string.h>

#include <libxml/xmlwriter.h>

#include "io/report/plan_view.h"

#define W(call) do { if ((call) < 0) goto done; } while (0)
#define X(s) BAD_CAST(s)

#define KML_NS "http://www.opengis.net/kml/2.2"
#define ICON_HREF "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"

/* ---- balloon text ------------------------------------------------------ */

static void cat(xmlBufferPtr b, const char *s)
{
    xmlBufferCat(b, X(s));
}

static void cat_esc(xmlBufferPtr b, const char *s)
{
    if (s == NULL)
        return;
    for (const char *c = s; *c;) {
        /* plain bytes in one call, not one by one */
        size_t run = strcspn(c, "&<>\"'");
        if (run > 0) {
            xmlBufferAdd(b, X(c), (int)run);
            c += run;
            continue;
        }
        switch (*c) {
        case '&': cat(b, "&amp;"); break;
        case '<': cat(b, "&lt;"); break;
        case '>': cat(b, "&gt;"); break;
        case '"': cat(b, "&quot;"); break;
        default: cat(b, "&#39;"); break;
        }
        c++;
    }
}

/* "Bripka Budi Saputra - Polsek Kinal (Polri)" as an <li>. */
static void cat_member(xmlBufferPtr b, const struct scenario *s, int m)
{
    const struct member *mb = &s->member[m];
    const struct unit *u = &s->unit[mb->unit];
    cat(b, "<li>");
    if (mb->rank != NULL) {
        cat_esc(b, mb->rank);
        cat(b, " ");
    }
    cat_esc(b, mb->name);
    cat(b, " &#8212; ");
    cat_esc(b, u->name);
    cat(b, " (");
    cat(b, plan_view_force_label(u->force));
    cat(b, ")</li>");
}

static void cat_post(xmlBufferPtr b, const struct scenario *s,
                     const struct plan *p, const struct plan_view *v, int i)
{
    char buf[160];
    const struct post *po = &p->post[i];
    snprintf(buf, sizeof buf, "Pos <b>%s</b> (%s), %d TPS, rute %.2f km<br>",
             v->post_id[i], grade_label(po->grade), po->ntps, po->route_km);
    cat(b, buf);
    snprintf(buf, sizeof buf, "Pengamanan %d dari %d:", po->nguards,
             po->required);
    cat(b, buf);
    cat(b, "<ul>");
    for (int k = 0; k < po->nguards; k++)
        cat_member(b, s, p->guard[po->first_guard + k]);
    if (po->nguards < po->required) {
        snprintf(buf, sizeof buf, "<li><b>%d tempat kosong</b></li>",
                 po->required - po->nguards);
        cat(b, buf);
    }
    cat(b, "</ul>");
}

static void tps_balloon(xmlBufferPtr b, const struct scenario *s,
                        const struct plan *p, const struct plan_view *v, int t)
{
    char buf[96];
    const struct tps *tp = &s->tps[t];
    cat(b, "<b>TPS ");
    cat(b, scenario_tps_code(s, t, buf));
    cat(b, "</b><br>Desa ");
    cat_esc(b, s->desa[tp->desa].name);
    cat(b, ", Kecamatan ");
    cat_esc(b, s->kec[tp->kecamatan].name);
    cat(b, "<br>Tingkat kerawanan: ");
    cat(b, grade_label(tp->grade));
    if (tp->voters >= 0) {
        snprintf(buf, sizeof buf, "<br>Pemilih: %d", tp->voters);
        cat(b, buf);
    }
    cat(b, "<br>");
    if (v->post_of[t] >= 0)
        cat_post(b, s, p, v, v->post_of[t]);
    else
        cat(b, "Tanpa pos<br>");
    int n = v->linmas_first[t + 1] - v->linmas_first[t];
    snprintf(buf, sizeof buf, "Linmas di TPS %d dari %d:", n,
             s->rules.linmas_per_tps);
    cat(b, buf);
    cat(b, "<ul>");
    for (int k = v->linmas_first[t]; k < v->linmas_first[t + 1]; k++)
        cat_member(b, s, v->linmas_member[k]);
    cat(b, "</ul>");
}

static void route_balloon(xmlBufferPtr b, const struct scenario *s,
                          const struct plan *p, const struct plan_view *v, int i)
{
    char code[16];
    const struct post *po = &p->post[i];
    cat_post(b, s, p, v, i);
    cat(b, "Urutan patroli:<ol>");
    for (int k = 0; k < po->ntps; k++) {
        cat(b, "<li>");
        cat(b, scenario_tps_code(s, po->tps[k], code));
        cat(b, " ");
        cat_esc(b, s->desa[s->tps[po->tps[k]].desa].name);
        cat(b, k == 0 ? " (jangkar)</li>" : "</li>");
    }
    cat(b, "</ol>");
}

/* ---- KML elements ------------------------------------------------------ */

/* "#rrggbb" to KML's aabbggrr, opaque. */
static void kml_color(const char *rgb, char out[9])
{
    snprintf(out, 9, "ff%.2s%.2s%.2s", rgb + 5, rgb + 3, rgb + 1);
}

static int write_styles(xmlTextWriterPtr w, const struct scenario *s)
{
    char color[9];
    for (int g = 0; g < GRADE_COUNT; g++) {
        if (g == GRADE_KHUSUS && !scenario_has_grade(s, GRADE_KHUSUS))
            continue; /* version-1 scenarios: the styles as before */
        kml_color(plan_view_grade_rgb((enum grade)g), color);
        if (xmlTextWriterStartElement(w, X("Style")) < 0 ||
            xmlTextWriterWriteAttribute(w, X("id"), X(grade_name((enum grade)g))) < 0 ||
            xmlTextWriterStartElement(w, X("IconStyle")) < 0 ||
            xmlTextWriterWriteElement(w, X("color"), X(color)) < 0 ||
            xmlTextWriterWriteElement(w, X("scale"), X(g == GRADE_KURANG_RAWAN ? "0.8" : "1.0")) < 0 ||
            xmlTextWriterStartElement(w, X("Icon")) < 0 ||
            xmlTextWriterWriteElement(w, X("href"), X(ICON_HREF)) < 0 ||
            xmlTextWriterEndElement(w) < 0 || /* Icon */
            xmlTextWriterEndElement(w) < 0 || /* IconStyle */
            xmlTextWriterStartElement(w, X("LabelStyle")) < 0 ||
            xmlTextWriterWriteElement(w, X("scale"), X("0.7")) < 0 ||
            xmlTextWriterEndElement(w) < 0 ||
            xmlTextWriterEndElement(w) < 0) /* Style */
            return -1;
    }
    kml_color(PLAN_VIEW_ROUTE_RGB, color);
    if (xmlTextWriterStartElement(w, X("Style")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("id"), X("rute")) < 0 ||
        xmlTextWriterStartElement(w, X("LineStyle")) < 0 ||
        xmlTextWriterWriteElement(w, X("color"), X(color)) < 0 ||
        xmlTextWriterWriteElement(w, X("width"), X("3")) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

static int write_data(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (xmlTextWriterStartElement(w, X("Data")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("name"), X(name)) < 0 ||
        xmlTextWriterWriteElement(w, X("value"), X(value)) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

static int write_balloon(xmlTextWriterPtr w, xmlBufferPtr b)
{
    if (xmlTextWriterStartElement(w, X("description")) < 0 ||
        xmlTextWriterWriteCDATA(w, xmlBufferContent(b)) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    xmlBufferEmpty(b);
    return 0;
}

static int write_tps(xmlTextWriterPtr w, xmlBufferPtr b, const struct scenario *s,
                     const struct plan *p, const struct plan_view *v, int t)
{
    char code[16], coord[64], style[32];
    const struct tps *tp = &s->tps[t];
    scenario_tps_code(s, t, code);
    snprintf(coord, sizeof coord, "%.6f,%.6f", tp->lon, tp->lat);
    snprintf(style, sizeof style, "#%s", grade_name(tp->grade));
    tps_balloon(b, s, p, v, t);
    if (xmlTextWriterStartElement(w, X("Placemark")) < 0 ||
        xmlTextWriterWriteFormatElement(w, X("name"), "TPS %03d %s", tp->no,
                                        s->desa[tp->desa].name) < 0 ||
        write_balloon(w, b) < 0 ||
        xmlTextWriterWriteElement(w, X("styleUrl"), X(style)) < 0 ||
        xmlTextWriterStartElement(w, X("ExtendedData")) < 0 ||
        write_data(w, "tps", code) < 0 ||
        write_data(w, "grade", grade_name(tp->grade)) < 0 ||
        write_data(w, "kecamatan", s->kec[tp->kecamatan].name) < 0 ||
        write_data(w, "desa", s->desa[tp->desa].name) < 0 ||
        write_data(w, "post", v->post_of[t] >= 0 ? v->post_id[v->post_of[t]] : "") < 0 ||
        xmlTextWriterEndElement(w) < 0 || /* ExtendedData */
        xmlTextWriterStartElement(w, X("Point")) < 0 ||
        xmlTextWriterWriteElement(w, X("coordinates"), X(coord)) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

static int write_route(xmlTextWriterPtr w, xmlBufferPtr b, const struct scenario *s,
                       const struct plan *p, const struct plan_view *v, int i)
{
    const struct post *po = &p->post[i];
    char coords[(MAX_TPS_PER_POST + 1) * 48];
    size_t len = 0;
    for (int k = 0; k <= po->ntps; k++) {
        const struct tps *tp = &s->tps[po->tps[k % po->ntps]];
        len += (size_t)snprintf(coords + len, sizeof coords - len, "%s%.6f,%.6f",
                                k ? " " : "", tp->lon, tp->lat);
    }
    char km[32];
    snprintf(km, sizeof km, "%.2f", po->route_km);
    route_balloon(b, s, p, v, i);
    if (xmlTextWriterStartElement(w, X("Placemark")) < 0 ||
        xmlTextWriterWriteFormatElement(w, X("name"), "Rute %s", v->post_id[i]) < 0 ||
        write_balloon(w, b) < 0 ||
        xmlTextWriterWriteElement(w, X("styleUrl"), X("#rute")) < 0 ||
        xmlTextWriterStartElement(w, X("ExtendedData")) < 0 ||
        write_data(w, "post", v->post_id[i]) < 0 ||
        write_data(w, "grade", grade_name(po->grade)) < 0 ||
        write_data(w, "kecamatan", s->kec[po->kecamatan].name) < 0 ||
        write_data(w, "route_km", km) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterStartElement(w, X("LineString")) < 0 ||
        xmlTextWriterWriteElement(w, X("tessellate"), X("1")) < 0 ||
        xmlTextWriterWriteElement(w, X("coordinates"), X(coords)) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

/* The document of kabupaten kab (-1: the whole plan). */
static int write_document(xmlTextWriterPtr w, xmlBufferPtr b, const struct scenario *s,
                          const struct plan *p, const struct plan_view *v, int kab)
{
    int rc = -1;
    W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    W(xmlTextWriterStartElement(w, X("kml")));
    W(xmlTextWriterWriteAttribute(w, X("xmlns"), X(KML_NS)));
    W(xmlTextWriterStartElement(w, X("Document")));
    if (kab < 0) {
        W(xmlTextWriterWriteElement(w, X("name"), X(s->name)));
        W(xmlTextWriterWriteFormatElement(w, X("description"),
                                          "Rencana pengamanan TPS: %d TPS, %d pos, status %s",
                                          s->ntps, p->npost, plan_status_name(p->status)));
    } else {
        W(xmlTextWriterWriteFormatElement(w, X("name"), "%s: %s", s->name,
                                          s->kab[kab].name));
        W(xmlTextWriterWriteFormatElement(w, X("description"),
                                          "Rencana pengamanan TPS %s (%s): %d TPS, %d pos, "
                                          "status %s", s->kab[kab].name, s->kab[kab].code,
                                          v->kab_tps_first[kab + 1] - v->kab_tps_first[kab],
                                          v->kab_post_first[kab + 1] - v->kab_post_first[kab],
                                          plan_status_name(p->status)));
    }
    W(write_styles(w, s));
    for (int k = 0; k < s->nkec; k++) {
        if (kab >= 0 && s->kec[k].kabupaten != kab)
            continue;
        W(xmlTextWriterStartElement(w, X("Folder")));
        W(xmlTextWriterWriteFormatElement(w, X("name"), "Kecamatan %s",
                                          s->kec[k].name));
        if (v->polsek[k] >= 0)
            W(xmlTextWriterWriteFormatElement(w, X("description"), "%s (%s)",
                                              s->unit[v->polsek[k]].name,
                                              s->kec[k].code));
        else
            W(xmlTextWriterWriteFormatElement(w, X("description"), "Kecamatan %s",
                                              s->kec[k].code));
        for (int q = v->kec_tps_first[k]; q < v->kec_tps_first[k + 1]; q++)
            W(write_tps(w, b, s, p, v, v->kec_tps[q]));
        for (int q = v->kec_post_first[k]; q < v->kec_post_first[k + 1]; q++)
            if (p->post[v->kec_post[q]].ntps > 1)
                W(write_route(w, b, s, p, v, v->kec_post[q]));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w)); /* Document */
    W(xmlTextWriterEndElement(w)); /* kml */
    W(xmlTextWriterEndDocument(w));
    W(xmlTextWriterFlush(w));
    rc = 0;
done:
    return rc;
}

int io_write_roster_kml_part(FILE *f, const struct scenario *s,
                             const struct plan *p, const struct plan_view *v,
                             int kab)
{
    int rc = -1;
    xmlTextWriterPtr w = NULL;
    xmlBufferPtr b = xmlBufferCreate();
    xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(f, NULL);
    if (ob != NULL) {
        w = xmlNewTextWriter(ob);
        if (w == NULL)
            xmlOutputBufferClose(ob);
    }
    if (b == NULL || w == NULL)
        goto done;
    W(xmlTextWriterSetIndent(w, 1));
    W(xmlTextWriterSetIndentString(w, X(" ")));
    rc = write_document(w, b, s, p, v, kab);
done:
    xmlFreeTextWriter(w); /* closes the output buffer, not the FILE */
    xmlBufferFree(b);
    return rc == 0 && !ferror(f) ? 0 : -1;
}

int io_write_roster_kml(FILE *f, const struct scenario *s, const struct plan *p)
{
    struct plan_view v;
    if (plan_view_init(&v, s, p) != 0)
        return -1;
    int rc = io_write_roster_kml_part(f, s, p, &v, -1);
    plan_view_free(&v);
    return rc;
}
