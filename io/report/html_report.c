/*
 * html_report.c - laporan.html and cakupan.html (html_report.h).
 *
 * Both pages are one file with nothing external: inline CSS, an inline
 * SVG map, no script, no font or image to fetch.  The map projects
 * longitude and latitude equirectangularly, longitude scaled by the
 * cosine of the mean latitude of the TPS, fitted to their bounding box;
 * TPS are circles coloured by grade (the colours of plan_view.h), patrol
 * routes polylines closed at the anchor, and kecamatan named at the mean
 * of their TPS.  Every string from a scenario or roster goes through
 * out_esc(); numbers are printed in the C locale, and nothing depends on the
 * clock, so the same input gives the same bytes.  Print: A4, each Polsek
 * section on a new page, table rows never split, headers repeated.
 */
#include "io/report/html_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/outdir.h"
#include "io/report/cert_report.h"
#include "io/report/out.h"
#include "io/report/plan_view.h"
#include "io/report/why_report.h"
#include "model/geo.h"
#include "model/shifts.h"
#include "model/tally.h"
#include "model/timeline.h"

/* ---- page frame -------------------------------------------------------- */

static const char CSS[] =
    "@page{size:A4;margin:14mm 12mm}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,Helvetica,sans-serif;"
    "font-size:10pt;line-height:1.35;color:#1a1a1a;background:#fff;margin:0 auto;"
    "max-width:200mm;padding:8mm}\n"
    "h1{font-size:17pt;margin:0 0 2mm;color:#14304f}\n"
    "h2{font-size:13pt;margin:6mm 0 2mm;padding-bottom:1mm;"
    "border-bottom:2px solid #14304f;color:#14304f}\n"
    "h3{font-size:11pt;margin:4mm 0 1.5mm}\n"
    "p{margin:1mm 0}\n"
    ".meta td{border:0;padding:0 4mm 0 0;font-size:10pt}\n"
    ".angka{display:grid;grid-template-columns:repeat(6,1fr);gap:2mm;margin:3mm 0}\n"
    ".angka div{border:1px solid #b8c2cc;border-radius:2mm;padding:1.5mm 2mm;"
    "background:#f3f6f9;font-size:8.5pt}\n"
    ".angka b{display:block;font-size:14pt}\n"
    "ul.cadangan{margin:1mm 0;padding-left:5mm}\n"
    "table{border-collapse:collapse;width:100%;font-size:8.5pt;margin:1mm 0 3mm}\n"
    "th,td{border:1px solid #b8c2cc;padding:1px 4px;vertical-align:top;text-align:left}\n"
    "th{background:#e3eaf2}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "th.c{text-align:center}\n"
    "tr.total td{font-weight:bold;background:#f3f6f9}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    ".kode{font-family:\"DejaVu Sans Mono\",\"Liberation Mono\",monospace;font-size:8pt}\n"
    ".kosong{color:#b00020;font-weight:bold}\n"
    ".g{white-space:nowrap}\n"
    ".lulus{color:#1b6e2e}\n"
    ".hasil{font-size:13pt;font-weight:bold;border:2px solid;padding:2mm 3mm;margin:3mm 0}\n"
    "figure{margin:2mm 0}\n"
    "figure svg{display:block;width:100%;height:auto;border:1px solid #9aa7b4}\n"
    "figcaption{font-size:8.5pt;color:#444}\n"
    ".legenda{display:flex;flex-wrap:wrap;gap:1mm 5mm;margin:2mm 0;font-size:9pt}\n"
    ".legenda svg{vertical-align:middle}\n"
    ".tingkat{display:inline-block;width:8pt;height:8pt;border-radius:50%;"
    "vertical-align:baseline;margin-right:2pt}\n"
    "section.polsek{break-before:page;page-break-before:always}\n"
    "@media print{body{max-width:none;padding:0}figure svg{max-height:170mm}"
    "section.ringkasan{break-before:page;page-break-before:always}"
    "h2,h3{break-after:avoid;page-break-after:avoid}}\n";

/* Added after CSS when laporan.html has the timeline's day tables. */
static const char CSS_JADWAL[] =
    "h4{font-size:10pt;margin:3mm 0 1mm;break-after:avoid;page-break-after:avoid}\n"
    "h4 span{font-weight:normal;color:#444;font-size:8.5pt}\n"
    "table.jadwal{font-size:8pt}\n"
    "table.jadwal td:nth-child(3){white-space:nowrap}\n";

/* extra: more CSS after the shared rules, or NULL. */
static void page_begin(struct out *o, const char *title, const char *name,
                       const char *extra)
{
    out_put(o, "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n");
    out_put(o, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out_put(o, "<title>%s &#8212; ", title);
    out_esc(o, name);
    out_put(o, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n", CSS,
            extra ? extra : "");
}

static void page_end(struct out *o)
{
    out_put(o, "</body>\n</html>\n");
}

/* A dot of a grade's colour, for tables and legends. */
static void grade_dot(struct out *o, enum grade g)
{
    out_put(o, "<span class=\"tingkat\" style=\"background:%s\"></span>",
            plan_view_grade_rgb(g));
}

/* The dot and the grade's name, kept on one line. */
static void grade_cell(struct out *o, enum grade g)
{
    out_put(o, "<span class=\"g\">");
    grade_dot(o, g);
    out_put(o, "%s</span>", grade_label(g));
}

/* ---- the SVG map ------------------------------------------------------- */

struct map_spec {
    int nroute;
    const int *route_first; /* [routes + 1] */
    const int *route_tps;   /* TPS indices, patrol order, anchor first */
    const int *route_ix;    /* [nroute] the routes drawn; NULL: 0 .. nroute-1 */
    const int *tps_ix;      /* [ntps_ix] the TPS drawn, in scenario order;
                               NULL: every TPS */
    int ntps_ix;
    const unsigned char *mark; /* [ntps] nonzero: TPS to stand out; or NULL */
};

/* The TPS of m: how many, and the q-th. */
static int map_ntps(const struct scenario *s, const struct map_spec *m)
{
    return m->tps_ix != NULL ? m->ntps_ix : s->ntps;
}

static int map_tps(const struct map_spec *m, int q)
{
    return m->tps_ix != NULL ? m->tps_ix[q] : q;
}

#define MAP_W 1000.0  /* width of the drawing, SVG units */
#define MAP_HMAX 1300.0
#define MAP_MARGIN 24.0
#define KM_PER_DEG (EARTH_RADIUS_KM * 3.14159265358979323846 / 180.0)

struct proj {
    double lon0, lat1; /* west and north edges */
    double kx;         /* cos(mean latitude) */
    double scale;      /* SVG units per degree of latitude */
    double w, h;
};

static void proj_init(struct proj *pr, const struct scenario *s,
                      const struct map_spec *m)
{
    double lat0 = 0, lat1 = 0, lon0 = 0, lon1 = 0, mean = 0;
    int n = map_ntps(s, m);
    for (int q = 0; q < n; q++) {
        const struct tps *tp = &s->tps[map_tps(m, q)];
        if (q == 0 || tp->lat < lat0) lat0 = tp->lat;
        if (q == 0 || tp->lat > lat1) lat1 = tp->lat;
        if (q == 0 || tp->lon < lon0) lon0 = tp->lon;
        if (q == 0 || tp->lon > lon1) lon1 = tp->lon;
        mean += tp->lat;
    }
    if (n > 0)
        mean /= n;
    pr->kx = cos(mean * 3.14159265358979323846 / 180.0);
    if (pr->kx < 0.05)
        pr->kx = 0.05; /* near a pole the map is meaningless anyway */
    double dx = (lon1 - lon0) * pr->kx, dy = lat1 - lat0;
    if (dx < 1e-4) {   /* one TPS, or all on a meridian: show ~100 m */
        lon0 -= 5e-4 / pr->kx;
        dx = 1e-3;
    }
    if (dy < 1e-4) {
        lat1 += 5e-4;
        dy = 1e-3;
    }
    double sx = (MAP_W - 2 * MAP_MARGIN) / dx, sy = (MAP_HMAX - 2 * MAP_MARGIN) / dy;
    pr->scale = sx < sy ? sx : sy;
    pr->lon0 = lon0;
    pr->lat1 = lat1;
    pr->w = dx * pr->scale + 2 * MAP_MARGIN;
    pr->h = dy * pr->scale + 2 * MAP_MARGIN;
    if (pr->w < 400) { /* a tall narrow area: keep room for the scale bar */
        pr->lon0 -= (400 - pr->w) / 2 / pr->scale / pr->kx;
        pr->w = 400;
    }
}

static double px(const struct proj *pr, double lon)
{
    return MAP_MARGIN + (lon - pr->lon0) * pr->kx * pr->scale;
}

static double py(const struct proj *pr, double lat)
{
    return MAP_MARGIN + (pr->lat1 - lat) * pr->scale;
}

static const double GRADE_R[GRADE_COUNT] = {3.6, 4.6, 5.1, 5.6};

static void svg_map(struct out *o, const struct scenario *s,
                    const struct map_spec *m)
{
    struct proj pr;
    int n = map_ntps(s, m);
    proj_init(&pr, s, m);
    out_put(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
               "role=\"img\" aria-label=\"Peta TPS dan rute patroli\" "
               "font-family=\"DejaVu Sans, Arial, sans-serif\">\n",
            ceil(pr.w), ceil(pr.h));
    out_put(o, "<rect width=\"100%%\" height=\"100%%\" fill=\"#f4f7f9\"/>\n");

    out_put(o, "<g fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
               "stroke-linejoin=\"round\" opacity=\"0.85\">\n", PLAN_VIEW_ROUTE_RGB);
    for (int r = 0; r < m->nroute; r++) {
        int i = m->route_ix != NULL ? m->route_ix[r] : r;
        int a = m->route_first[i], b = m->route_first[i + 1];
        if (b - a < 2)
            continue;
        out_put(o, "<polyline points=\"");
        for (int k = a; k <= b; k++) {
            const struct tps *tp = &s->tps[m->route_tps[k < b ? k : a]];
            out_put(o, "%s%.1f,%.1f", k > a ? " " : "", px(&pr, tp->lon), py(&pr, tp->lat));
        }
        out_put(o, "\"/>\n");
    }
    out_put(o, "</g>\n");

    /* TPS, the graver grades on top */
    char code[16];
    for (int g = 0; g < GRADE_COUNT; g++) {
        if (g == GRADE_KHUSUS && !scenario_has_grade(s, GRADE_KHUSUS))
            continue; /* no empty group: version-1 maps stay as they were */
        out_put(o, "<g fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.9\">\n",
                plan_view_grade_rgb((enum grade)g));
        for (int q = 0; q < n; q++) {
            int t = map_tps(m, q);
            const struct tps *tp = &s->tps[t];
            if ((int)tp->grade != g)
                continue;
            out_put(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>%s ",
                    px(&pr, tp->lon), py(&pr, tp->lat), GRADE_R[g],
                    scenario_tps_code(s, t, code));
            out_esc(o, s->desa[tp->desa].name);
            out_put(o, " (%s)</title></circle>\n", grade_label(tp->grade));
        }
        out_put(o, "</g>\n");
    }
    if (m->mark != NULL) {
        out_put(o, "<g fill=\"none\" stroke=\"#111111\" stroke-width=\"2.6\">\n");
        for (int q = 0; q < n; q++)
            if (m->mark[map_tps(m, q)])
                out_put(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\"/>\n",
                        px(&pr, s->tps[map_tps(m, q)].lon),
                        py(&pr, s->tps[map_tps(m, q)].lat));
        out_put(o, "</g>\n");
    }

    /* kecamatan names on top, with a white halo to stay readable */
    out_put(o, "<g font-size=\"15\" fill=\"#34495e\" text-anchor=\"middle\" "
               "font-weight=\"bold\" stroke=\"#ffffff\" stroke-width=\"3\" "
               "stroke-opacity=\"0.8\" paint-order=\"stroke\">\n");
    /* the mean of each kecamatan's TPS, in one pass (summed in scenario
     * order, as before) */
    double *sla = calloc((size_t)s->nkec + 1, sizeof(double));
    double *slo = calloc((size_t)s->nkec + 1, sizeof(double));
    int *sn = calloc((size_t)s->nkec + 1, sizeof(int));
    if (sla == NULL || slo == NULL || sn == NULL) {
        o->err = 1;
        free(sla);
        free(slo);
        free(sn);
        return;
    }
    for (int q = 0; q < n; q++) {
        const struct tps *tp = &s->tps[map_tps(m, q)];
        sla[tp->kecamatan] += tp->lat;
        slo[tp->kecamatan] += tp->lon;
        sn[tp->kecamatan]++;
    }
    for (int k = 0; k < s->nkec; k++) {
        double la = sla[k], lo = slo[k];
        int nk = sn[k];
        if (nk == 0)
            continue;
        out_put(o, "<text x=\"%.1f\" y=\"%.1f\">", px(&pr, lo / nk), py(&pr, la / nk) - 10);
        out_esc(o, s->kec[k].name);
        out_put(o, "</text>\n");
    }
    free(sla);
    free(slo);
    free(sn);
    out_put(o, "</g>\n");

    /* scale bar: the roundest length up to a fifth of the width */
    static const double nice[] = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
    double units_per_km = pr.scale / KM_PER_DEG, km = nice[0];
    for (size_t i = 0; i < sizeof nice / sizeof nice[0]; i++)
        if (nice[i] * units_per_km <= pr.w / 5)
            km = nice[i];
    double len = km * units_per_km, y = pr.h - 10;
    out_put(o, "<g stroke=\"#222222\" stroke-width=\"2\">"
               "<line x1=\"12\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
               "<line x1=\"12\" y1=\"%.1f\" x2=\"12\" y2=\"%.1f\"/>"
               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
            y, 12 + len, y, y - 5, y, 12 + len, y - 5, 12 + len, y);
    out_put(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" fill=\"#222222\">%g km</text>\n",
            18 + len, y, km);
    out_put(o, "<g fill=\"#222222\" text-anchor=\"middle\"><text x=\"%.1f\" y=\"22\" "
               "font-size=\"14\" font-weight=\"bold\">U</text>"
               "<path d=\"M%.1f 26 l-6 14 h12 z\"/></g>\n", pr.w - 20, pr.w - 20);
    out_put(o, "</svg>\n");
}

static void legend(struct out *o, const long *ntps, long nmark)
{
    out_put(o, "<div class=\"legenda\">\n");
    for (int g = GRADE_COUNT - 1; g >= 0; g--) {
        if (g == GRADE_KHUSUS && ntps[g] == 0)
            continue;
        out_put(o, "<span>");
        grade_dot(o, (enum grade)g);
        out_put(o, "TPS %s (%ld)</span>\n", grade_label((enum grade)g), ntps[g]);
    }
    out_put(o, "<span><svg width=\"26\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" "
               "y1=\"5\" x2=\"25\" y2=\"5\" stroke=\"%s\" stroke-width=\"2.5\"/></svg> "
               "rute patroli pos gabungan (kembali ke TPS jangkar)</span>\n",
            PLAN_VIEW_ROUTE_RGB);
    if (nmark >= 0)
        out_put(o, "<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><circle "
                   "cx=\"7\" cy=\"7\" r=\"5.5\" fill=\"none\" stroke=\"#111111\" "
                   "stroke-width=\"2\"/></svg> TPS kurang personel (%ld)</span>\n", nmark);
    out_put(o, "</div>\n");
}

/* ---- laporan.html ------------------------------------------------------ */

static void member_text(struct out *o, const struct scenario *s, int m)
{
    const struct member *mb = &s->member[m];
    const struct unit *u = &s->unit[mb->unit];
    if (mb->rank != NULL) {
        out_esc(o, mb->rank);
        out_put(o, " ");
    }
    out_esc(o, mb->name);
    out_put(o, " &#8212; ");
    out_esc(o, u->name);
    out_put(o, " (%s)", plan_view_force_label(u->force));
}

static void summary_row(struct out *o, const char *code, const char *name,
                        const struct plan_summary_row *r, int total, bool kh)
{
    out_put(o, "<tr%s><td class=\"kode\">", total ? " class=\"total\"" : "");
    out_esc(o, code);
    out_put(o, "</td><td>");
    out_esc(o, name);
    out_put(o, "</td>");
    long v[] = {r->tps[GRADE_KURANG_RAWAN], r->tps[GRADE_RAWAN],
                r->tps[GRADE_SANGAT_RAWAN], r->tps[GRADE_KHUSUS], r->posts,
                r->places, r->polri, r->tni, r->linmas_places, r->linmas,
                r->empty, r->reserve};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (i != 3 || kh)
            out_put(o, "<td class=\"n%s\">%ld</td>", i == 10 && v[i] > 0 ? " kosong" : "", v[i]);
    out_put(o, "</tr>\n");
}

/* The summary of kabupaten kab (-1: every kecamatan): its kecamatan,
 * the reserves of wider units (wide, NULL: none), and the total tot. */
static void summary_table(struct out *o, const struct scenario *s,
                          const struct plan_summary_row *rows, int kab,
                          const struct plan_summary_row *wide,
                          const struct plan_summary_row *tot)
{
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    out_put(o, "<table class=\"ringkasan\">\n<thead><tr><th rowspan=\"2\">Kode</th>"
               "<th rowspan=\"2\">Kecamatan</th><th colspan=\"%d\" class=\"c\">TPS</th>"
               "<th rowspan=\"2\" class=\"n\">Pos</th><th rowspan=\"2\" class=\"n\">Tempat jaga</th>"
               "<th rowspan=\"2\" class=\"n\">Polri</th><th rowspan=\"2\" class=\"n\">TNI</th>"
               "<th colspan=\"2\" class=\"c\">Linmas</th><th rowspan=\"2\" class=\"n\">Kosong</th>"
               "<th rowspan=\"2\" class=\"n\">Cadangan</th></tr>\n"
               "<tr><th class=\"n\">KR</th><th class=\"n\">R</th><th class=\"n\">SR</th>%s"
               "<th class=\"n\">wajib</th><th class=\"n\">terisi</th></tr></thead>\n<tbody>\n",
            kh ? 4 : 3, kh ? "<th class=\"n\">K</th>" : "");
    for (int k = 0; k < s->nkec; k++)
        if (kab < 0 || s->kec[k].kabupaten == kab)
            summary_row(o, s->kec[k].code, s->kec[k].name, &rows[k], 0, kh);
    if (wide != NULL && wide->reserve > 0)
        summary_row(o, "-", kab < 0 ? "(satuan lintas kecamatan)"
                                    : "(satuan tingkat kabupaten)", wide, 0, kh);
    summary_row(o, "TOTAL", "", tot, 1, kh);
    out_put(o, "</tbody>\n</table>\n<p>KR kurang rawan, R rawan, SR sangat rawan%s; "
               "Kosong = tempat jaga dan Linmas yang tidak terisi.</p>\n",
            kh ? ", K TPS khusus" : "");
}

/* With <jurisdictions> (formats 1.6): the same table per Polres, the
 * planning unit of the field, with the kecamatan of each.  0, or -1 when
 * out of memory. */
static int polres_table(struct out *o, const struct scenario *s,
                        const struct plan *p, const struct plan_summary_row *rows)
{
    if (s->npolres == 0)
        return 0;
    struct plan_summary_row *pr = io_plan_polres_rows(s, p, rows);
    if (pr == NULL)
        return -1;
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    out_put(o, "<h3>Ringkasan per Polres (yurisdiksi)</h3>\n"
               "<table class=\"ringkasan polres\">\n<thead><tr><th rowspan=\"2\">Polres</th>"
               "<th rowspan=\"2\">Nama</th><th colspan=\"%d\" class=\"c\">TPS</th>"
               "<th rowspan=\"2\" class=\"n\">Pos</th><th rowspan=\"2\" class=\"n\">Tempat jaga</th>"
               "<th rowspan=\"2\" class=\"n\">Polri</th><th rowspan=\"2\" class=\"n\">TNI</th>"
               "<th colspan=\"2\" class=\"c\">Linmas</th><th rowspan=\"2\" class=\"n\">Kosong</th>"
               "<th rowspan=\"2\" class=\"n\">Cadangan</th></tr>\n"
               "<tr><th class=\"n\">KR</th><th class=\"n\">R</th><th class=\"n\">SR</th>%s"
               "<th class=\"n\">wajib</th><th class=\"n\">terisi</th></tr></thead>\n<tbody>\n",
            kh ? 4 : 3, kh ? "<th class=\"n\">K</th>" : "");
    for (int q = 0; q < s->npolres; q++)
        summary_row(o, s->polres[q].id, s->polres[q].name, &pr[q], 0, kh);
    if (pr[s->npolres].reserve > 0)
        summary_row(o, "-", "(satuan lintas Polres)", &pr[s->npolres], 0, kh);
    summary_row(o, "TOTAL", "", &pr[s->npolres + 1], 1, kh);
    out_put(o, "</tbody>\n</table>\n<p>Wilayah:");
    for (int q = 0; q < s->npolres; q++) {
        out_put(o, "%s ", q ? ";" : "");
        out_esc(o, s->polres[q].name);
        out_put(o, ":");
        for (int k = 0; k < s->nkec; k++)
            if (s->kec_polres[k] == q) {
                out_put(o, " ");
                out_esc(o, s->kec[k].name);
            }
    }
    out_put(o, ".</p>\n");
    free(pr);
    return 0;
}

static void objective_row(struct out *o, const char *label, const char *value,
                          const char *bound, double gap)
{
    out_put(o, "<tr><td>");
    out_esc(o, label);
    out_put(o, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
               "<td class=\"n\">%.2f%%</td></tr>\n", value, bound, 100 * gap);
}

static void objective_table(struct out *o, const struct scenario *s,
                            const struct plan *p)
{
    const struct plan_objective *ob = &p->obj;
    char v[48], b[48], label[80];
    static const enum grade order[] = {GRADE_SANGAT_RAWAN, GRADE_KHUSUS,
                                       GRADE_RAWAN, GRADE_KURANG_RAWAN};
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    out_put(o, "<table class=\"sasaran\">\n<thead><tr><th>Sasaran (urutan prioritas)</th>"
               "<th class=\"n\">nilai</th><th class=\"n\">batas bawah</th>"
               "<th class=\"n\">selisih</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < GRADE_COUNT; i++) {
        if (order[i] == GRADE_KHUSUS && !kh)
            continue;
        snprintf(label, sizeof label, "1. Tempat jaga kosong (%s)", grade_label(order[i]));
        snprintf(v, sizeof v, "%ld", ob->empty_guard[order[i]]);
        snprintf(b, sizeof b, "%ld", ob->empty_guard_bound[order[i]]);
        objective_row(o, label, v, b, plan_gap((double)ob->empty_guard[order[i]],
                                               (double)ob->empty_guard_bound[order[i]]));
    }
    snprintf(v, sizeof v, "%ld", ob->empty_linmas);
    snprintf(b, sizeof b, "%ld", ob->empty_linmas_bound);
    objective_row(o, "2. Tempat Linmas kosong", v, b,
                  plan_gap((double)ob->empty_linmas, (double)ob->empty_linmas_bound));
    snprintf(v, sizeof v, "%ld", ob->posts);
    snprintf(b, sizeof b, "%ld", ob->posts_bound);
    objective_row(o, "3. Jumlah pos", v, b,
                  plan_gap((double)ob->posts, (double)ob->posts_bound));
    snprintf(v, sizeof v, "%.2f", ob->member_km);
    snprintf(b, sizeof b, "%.2f", ob->member_km_bound);
    objective_row(o, "4. Jarak personel ke pos (km)", v, b,
                  plan_gap(ob->member_km, ob->member_km_bound));
    snprintf(v, sizeof v, "%.2f", ob->cluster_km);
    snprintf(b, sizeof b, "%.2f", ob->cluster_km_bound);
    objective_row(o, "5. Jarak TPS ke jangkar (km)", v, b,
                  plan_gap(ob->cluster_km, ob->cluster_km_bound));
    out_put(o, "</tbody>\n</table>\n<p>Batas bawah dibuktikan oleh solver; selisih 0%% "
               "berarti optimal terbukti.</p>\n");
}

/* The kecamatan a reserve member counts in (ringkasan.txt's rule), or -1
 * for units wider than a kecamatan. */
static int reserve_kec(const struct scenario *s, int m)
{
    const struct unit *u = &s->unit[s->member[m].unit];
    if (u->scope == SCOPE_KECAMATAN)
        return u->region;
    if (u->scope == SCOPE_DESA)
        return s->desa[u->region].kecamatan;
    return -1;
}

/* For units wider than a kecamatan: the kabupaten of a unit scoped to
 * one, KAB_NONE for a unit scoped to none. */
#define KAB_ALL (-1)
#define KAB_NONE (-2)
static int reserve_kab(const struct scenario *s, int m)
{
    const struct unit *u = &s->unit[s->member[m].unit];
    return u->scope == SCOPE_KABUPATEN ? u->region : KAB_NONE;
}

/* Whether reserve member m counts in kecamatan k, or for k = -1 among the
 * wider units of kab (KAB_ALL: all of them). */
static bool reserve_in(const struct scenario *s, int m, int k, int kab)
{
    if (reserve_kec(s, m) != k)
        return false;
    return k >= 0 || kab == KAB_ALL || reserve_kab(s, m) == kab;
}

/* The reserves of a plan by the kecamatan they count in, made once: the
 * Polsek sections used to scan every reserve each (7,277 kecamatan times
 * 175,817 reserves, twice, on the nation). */
struct reserve_index {
    int *first;  /* [nkec + 2]: kecamatan k's are ix[first[k] .. first[k + 1] - 1],
                    the wider units' k = nkec */
    int *ix;     /* [nreserve] positions in p->reserve, in plan order */
};

static void reserve_index_free(struct reserve_index *ri)
{
    free(ri->first);
    free(ri->ix);
}

/* 0, or -1 when out of memory (ri may still be freed). */
static int reserve_index_init(struct reserve_index *ri, const struct scenario *s,
                              const struct plan *p)
{
    ri->first = calloc((size_t)s->nkec + 3, sizeof(int));
    ri->ix = malloc(sizeof(int) * ((size_t)p->nreserve + 1));
    if (ri->first == NULL || ri->ix == NULL)
        return -1;
    for (int i = 0; i < p->nreserve; i++) {
        int k = reserve_kec(s, p->reserve[i]);
        ri->first[(k >= 0 ? k : s->nkec) + 2]++;
    }
    for (int k = 0; k <= s->nkec; k++)
        ri->first[k + 2] += ri->first[k + 1];
    for (int i = 0; i < p->nreserve; i++) {
        int k = reserve_kec(s, p->reserve[i]);
        ri->ix[ri->first[(k >= 0 ? k : s->nkec) + 1]++] = i;
    }
    return 0;
}

/* Reserves counted in kecamatan k (-1: the wider units of kab), a line
 * per unit; reserves are in scenario order, so a unit's members are
 * contiguous. */
static void reserve_list(struct out *o, const struct scenario *s,
                         const struct plan *p, const struct reserve_index *ri,
                         int k, int kab)
{
    int n = 0, unit = -1;
    int a = ri->first[k >= 0 ? k : s->nkec], b = ri->first[(k >= 0 ? k : s->nkec) + 1];
    for (int q = a; q < b; q++)
        if (reserve_in(s, p->reserve[ri->ix[q]], k, kab))
            n++;
    out_put(o, "<h3>Cadangan (%d)</h3>\n", n);
    if (n == 0) {
        out_put(o, "<p>(tidak ada)</p>\n");
        return;
    }
    out_put(o, "<ul class=\"cadangan\">\n");
    for (int q = a; q < b; q++) {
        int i = ri->ix[q];
        const struct member *mb = &s->member[p->reserve[i]];
        if (!reserve_in(s, p->reserve[i], k, kab))
            continue;
        if (mb->unit != unit) {
            const struct unit *u = &s->unit[mb->unit];
            out_put(o, "%s<li><b>", unit >= 0 ? "</li>\n" : "");
            out_esc(o, u->name);
            out_put(o, "</b> (%s): ", plan_view_force_label(u->force));
            unit = mb->unit;
        } else {
            out_put(o, "; ");
        }
        if (mb->rank != NULL) {
            out_esc(o, mb->rank);
            out_put(o, " ");
        }
        out_esc(o, mb->name);
    }
    out_put(o, "</li>\n</ul>\n");
}

/* ---- Jadwal per hari: the timeline's shifts per Polsek and day --------- */

/* One shift keyed for the day tables.  Every place lies in one kecamatan
 * (tl_place.kec), so each shift is listed once, under the Polsek of its
 * place; units scoped to a kecamatan only serve at its places. */
struct day_row {
    int kec, place, member;
    long start, end;
    const char *place_id;
};

struct day_plan {
    const struct timeline *tl;
    const struct shift_result *sr;
    struct day_row *row;  /* by kecamatan, start, place id, end, member */
    long nrow;
    long *kfirst;         /* [nkec + 1]: kecamatan k's rows */
};

static int cmp_long(long a, long b)
{
    return a < b ? -1 : a > b;
}

static int cmp_day_row(const void *a, const void *b)
{
    const struct day_row *x = a, *y = b;
    int c = cmp_long(x->kec, y->kec);
    if (c == 0)
        c = cmp_long(x->start, y->start);
    if (c == 0)
        c = strcmp(x->place_id, y->place_id);
    if (c == 0)
        c = cmp_long(x->place, y->place);
    if (c == 0)
        c = cmp_long(x->end, y->end);
    if (c == 0)
        c = cmp_long(x->member, y->member);
    return c;
}

static long day_of(long minutes)
{
    return minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
}

/* 0 or -1 when out of memory; dp is then empty. */
static int day_plan_init(struct day_plan *dp, const struct scenario *s,
                         const struct timeline *tl, const struct shift_result *sr)
{
    dp->tl = tl;
    dp->sr = sr;
    dp->nrow = 0;
    dp->row = malloc(sizeof *dp->row * ((size_t)sr->nshift + 1));
    dp->kfirst = calloc((size_t)s->nkec + 1, sizeof *dp->kfirst);
    if (dp->row == NULL || dp->kfirst == NULL) {
        free(dp->row);
        free(dp->kfirst);
        dp->row = NULL;
        dp->kfirst = NULL;
        return -1;
    }
    for (long i = 0; i < sr->nshift; i++) {
        const struct tl_shift *sh = &sr->shift[i];
        const struct tl_place *pl = &sr->layout.place[sh->place];
        if (pl->kec < 0 || pl->kec >= s->nkec)
            continue;
        struct day_row *r = &dp->row[dp->nrow++];
        r->kec = pl->kec;
        r->place = sh->place;
        r->member = sh->member;
        r->start = sh->start;
        r->end = sh->end;
        r->place_id = pl->id;
    }
    if (dp->nrow > 1)
        qsort(dp->row, (size_t)dp->nrow, sizeof *dp->row, cmp_day_row);
    long i = 0;
    for (int k = 0; k < s->nkec; k++) {
        dp->kfirst[k] = i;
        while (i < dp->nrow && dp->row[i].kec == k)
            i++;
    }
    dp->kfirst[s->nkec] = i;
    return 0;
}

static void day_plan_free(struct day_plan *dp)
{
    free(dp->row);
    free(dp->kfirst);
}

/* "Rabu, 14 Februari 2024" of day (days since 1970-01-01). */
static void day_label(struct out *o, long day)
{
    static const char *const HARI[7] = {"Minggu", "Senin", "Selasa", "Rabu",
                                        "Kamis", "Jumat", "Sabtu"};
    static const char *const BULAN[12] = {
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
        "Agustus", "September", "Oktober", "November", "Desember"};
    char buf[24];
    int y = 0, m = 1, d = 1;
    tl_format_time(day * 1440, buf);
    if (sscanf(buf, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
        m = 1;
    out_put(o, "%s, %d %s %04d", HARI[((day % 7) + 7 + 4) % 7], d, BULAN[m - 1], y);
}

/* A time of the day given as minutes after its 00:00; 24:00 stays. */
static void hhmm(struct out *o, long rel)
{
    long day = day_of(rel);
    long r = rel - day * 1440;
    if (rel == 1440)
        out_put(o, "24:00");
    else if (day == 0)
        out_put(o, "%02ld:%02ld", r / 60, r % 60);
    else
        out_put(o, "%02ld:%02ld (%+ld hari)", r / 60, r % 60, day);
}

/* The rows a .. b-1 of one place and time: one table row, members listed. */
static void day_table_row(struct out *o, const struct scenario *s,
                          const struct day_plan *dp, long a, long b, long day)
{
    const struct day_row *r = &dp->row[a];
    const struct tl_place *pl = &dp->sr->layout.place[r->place];
    out_put(o, "<tr class=\"shift\"><td><span class=\"kode\">");
    out_esc(o, pl->id);
    out_put(o, "</span>");
    if (pl->desa >= 0 && pl->desa < s->ndesa && pl->level != TL_POST) {
        out_put(o, " ");
        out_esc(o, s->desa[pl->desa].name);
    }
    out_put(o, "</td><td>");
    out_esc(o, dp->tl->phase[pl->phase].id);
    out_put(o, "</td><td>");
    hhmm(o, r->start - day * 1440);
    out_put(o, "&#8211;");
    hhmm(o, r->end - day * 1440);
    out_put(o, "</td><td>");
    for (long j = a; j < b; j++) {
        if (j > a)
            out_put(o, "<br>");
        member_text(o, s, dp->row[j].member);
    }
    out_put(o, "</td></tr>\n");
}

/* "Jadwal per hari" of kecamatan k: a table per day with shifts. */
static void day_tables(struct out *o, const struct scenario *s,
                       const struct day_plan *dp, int k)
{
    long a = dp->kfirst[k], b = dp->kfirst[k + 1];
    out_put(o, "<h3>Jadwal per hari</h3>\n");
    if (a == b) {
        out_put(o, "<p>(tidak ada shift)</p>\n");
        return;
    }
    out_put(o, "<p>Shift tahapan di tempat-tempat kecamatan ini, satu baris per tempat "
               "dan jam; urut jam mulai, lalu tempat.</p>\n");
    for (long i = a; i < b;) {
        long day = day_of(dp->row[i].start), e = i, nshift = 0;
        while (e < b && day_of(dp->row[e].start) == day)
            e++;
        nshift = e - i;
        out_put(o, "<h4>");
        day_label(o, day);
        out_put(o, " <span>(%ld shift personel)</span></h4>\n", nshift);
        out_put(o, "<table class=\"jadwal\">\n<thead><tr><th>Tempat</th><th>Tahap</th>"
                   "<th>Jam</th><th>Personel (pangkat, nama, satuan)</th></tr></thead>\n"
                   "<tbody>\n");
        while (i < e) {
            long j = i + 1;
            while (j < e && dp->row[j].place == dp->row[i].place &&
                   dp->row[j].start == dp->row[i].start &&
                   dp->row[j].end == dp->row[i].end)
                j++;
            day_table_row(o, s, dp, i, j, day);
            i = j;
        }
        out_put(o, "</tbody>\n</table>\n");
    }
}

static void polsek_section(struct out *o, const struct scenario *s,
                           const struct plan *p, const struct plan_view *v,
                           const struct reserve_index *ri,
                           const struct plan_summary_row *r, int k,
                           const struct day_plan *dp,
                           const struct plan_explain *ex)
{
    char code[16];
    out_put(o, "<section class=\"polsek\" id=\"kec-");
    out_esc(o, s->kec[k].code);
    out_put(o, "\">\n<h2>");
    if (v->polsek[k] >= 0) {
        out_esc(o, s->unit[v->polsek[k]].name);
        out_put(o, " &#8212; ");
    }
    out_put(o, "Kecamatan ");
    out_esc(o, s->kec[k].name);
    out_put(o, " (");
    out_esc(o, s->kec[k].code);
    out_put(o, ")</h2>\n");
    char kt[40] = "";
    if (r->tps[GRADE_KHUSUS] > 0)
        snprintf(kt, sizeof kt, ", khusus %ld", r->tps[GRADE_KHUSUS]);
    out_put(o, "<p>%ld TPS (kurang rawan %ld, rawan %ld, sangat rawan %ld%s); %ld pos, "
               "%ld tempat jaga terisi %ld (Polri %ld, TNI %ld); Linmas %ld dari %ld; ",
            r->tps[0] + r->tps[1] + r->tps[2] + r->tps[3], r->tps[GRADE_KURANG_RAWAN],
            r->tps[GRADE_RAWAN], r->tps[GRADE_SANGAT_RAWAN], kt, r->posts, r->places,
            r->polri + r->tni, r->polri, r->tni, r->linmas, r->linmas_places);
    out_put(o, "<span%s>kosong %ld</span>.</p>\n", r->empty > 0 ? " class=\"kosong\"" : "",
            r->empty);
    if (ex != NULL) {
        io_cert_html_kec(o, s, p, ex->certs, k);
        io_why_html_kec(o, s, p, ex->why, k, v->kec_post + v->kec_post_first[k],
                        v->kec_post_first[k + 1] - v->kec_post_first[k],
                        v->post_id);
    }

    out_put(o, "<h3>Pos pengamanan</h3>\n<table class=\"pos\">\n<thead><tr><th>Pos</th>"
               "<th>Tingkat</th><th>TPS (urutan patroli)</th><th class=\"n\">Rute km</th>"
               "<th>Personel pengamanan (pangkat, nama, satuan)</th></tr></thead>\n<tbody>\n");
    for (int q = v->kec_post_first[k]; q < v->kec_post_first[k + 1]; q++) {
        int i = v->kec_post[q];
        const struct post *po = &p->post[i];
        out_put(o, "<tr><td class=\"kode\">%s</td><td>", v->post_id[i]);
        grade_cell(o, po->grade);
        out_put(o, "</td><td>");
        for (int j = 0; j < po->ntps; j++) {
            out_put(o, "%s<span class=\"kode\">%s</span> ", j ? "<br>" : "",
                    scenario_tps_code(s, po->tps[j], code));
            out_esc(o, s->desa[s->tps[po->tps[j]].desa].name);
        }
        out_put(o, "</td><td class=\"n\">%.2f</td><td>", po->route_km);
        for (int j = 0; j < po->nguards; j++) {
            if (j)
                out_put(o, "<br>");
            member_text(o, s, p->guard[po->first_guard + j]);
        }
        if (po->nguards < po->required)
            out_put(o, "%s<span class=\"kosong\">%d tempat kosong</span>",
                    po->nguards ? "<br>" : "", po->required - po->nguards);
        out_put(o, "</td></tr>\n");
    }
    out_put(o, "</tbody>\n</table>\n");

    out_put(o, "<h3>Linmas per TPS</h3>\n<table class=\"linmas\">\n<thead><tr><th>TPS</th>"
               "<th>Desa</th><th>Tingkat</th><th>Pos</th><th>Linmas</th></tr></thead>\n<tbody>\n");
    for (int q = v->kec_tps_first[k]; q < v->kec_tps_first[k + 1]; q++) {
        int t = v->kec_tps[q];
        const struct tps *tp = &s->tps[t];
        out_put(o, "<tr><td class=\"kode\">%s</td><td>", scenario_tps_code(s, t, code));
        out_esc(o, s->desa[tp->desa].name);
        out_put(o, "</td><td>");
        grade_cell(o, tp->grade);
        out_put(o, "</td><td class=\"kode\">%s</td><td>",
                v->post_of[t] >= 0 ? v->post_id[v->post_of[t]] : "-");
        int a = v->linmas_first[t], b = v->linmas_first[t + 1];
        for (int j = a; j < b; j++) {
            if (j > a)
                out_put(o, "; ");
            const struct member *mb = &s->member[v->linmas_member[j]];
            out_esc(o, mb->name);
        }
        if (b - a < s->rules.linmas_per_tps)
            out_put(o, "%s<span class=\"kosong\">%d kosong</span>", b > a ? "; " : "",
                    s->rules.linmas_per_tps - (b - a));
        out_put(o, "</td></tr>\n");
    }
    out_put(o, "</tbody>\n</table>\n");
    io_member_why_html_kec(o, s, p, v, k);
    reserve_list(o, s, p, ri, k, KAB_ALL);
    if (dp != NULL)
        day_tables(o, s, dp, k);
    out_put(o, "</section>\n");
}

/* What the timeline leaves empty, per phase, and the persons that fill
 * it (the same figures as ringkasan.txt's "Jadwal tahapan"). */
static void phase_shortage(struct out *o, const struct scenario *s,
                           const struct timeline *tl,
                           const struct shift_result *sr)
{
    out_put(o, "<p class=\"kosong\">Jadwal tahapan belum terisi penuh:");
    for (int k = 0; k < tl->nphase; k++)
        if (sr->required[k] > sr->filled[k])
            out_put(o, " tahap %s kosong %.1f jam-tempat;", tl->phase[k].id,
                    (sr->required[k] - sr->filled[k]) / 60.0);
    out_put(o, "</p>\n");
    if (sr->nbko == 0)
        return;
    out_put(o, "<p>BKO untuk tahapan (cukup, belum terbukti minimal):");
    for (int i = 0; i < sr->nbko; i++) {
        out_put(o, "%s %d %s kecamatan ", i ? ";" : "", sr->bko[i].count,
                sr->bko[i].force == FORCE_LINMAS ? "Linmas" : "Polri");
        out_esc(o, s->kec[sr->bko[i].kec].name);
    }
    out_put(o, ".</p>\n");
}

/* What the pages of one plan share, made once (io_report_book_create). */
struct report_book {
    const struct scenario *s;
    const struct plan *p;
    const struct plan_view *v;
    const struct timeline *tl;          /* with sr, or NULL */
    const struct shift_result *sr;
    struct plan_summary_row *rows;      /* io_plan_summary_rows */
    int *rfirst, *rtps;                 /* each post's TPS, for the routes */
    struct day_plan days, *dp;          /* the day tables, or dp NULL */
    struct plan_summary_row *kab_wide;  /* [nkab] reserves of units scoped
                                           to the kabupaten */
    struct region_tally *tally;         /* plan_tally_kabupaten */
    struct reserve_index ri;            /* the reserves by kecamatan */
    const struct plan_explain *ex;      /* certificates, why each post and
                                           the sensitivity, or NULL */
};

void io_report_book_destroy(struct report_book *b)
{
    if (b == NULL)
        return;
    free(b->rows);
    free(b->rfirst);
    free(b->rtps);
    free(b->kab_wide);
    free(b->tally);
    reserve_index_free(&b->ri);
    if (b->dp != NULL)
        day_plan_free(b->dp);
    free(b);
}

struct report_book *io_report_book_create(const struct scenario *s,
                                          const struct plan *p,
                                          const struct plan_view *v,
                                          const struct timeline *tl,
                                          const struct shift_result *sr,
                                          const struct plan_explain *ex)
{
    struct report_book *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    *b = (struct report_book){.s = s, .p = p, .v = v, .ex = ex};
    if (tl != NULL && sr != NULL) {
        b->tl = tl;
        b->sr = sr;
    }
    b->rows = io_plan_summary_rows(s, p);
    b->rfirst = malloc(sizeof(int) * ((size_t)p->npost + 1));
    b->rtps = malloc(sizeof(int) * ((size_t)p->npost * MAX_TPS_PER_POST + 1));
    b->kab_wide = calloc((size_t)s->nkab + 1, sizeof *b->kab_wide);
    b->tally = plan_tally_kabupaten(s, p);
    if (b->rows == NULL || b->rfirst == NULL || b->rtps == NULL ||
        b->kab_wide == NULL || b->tally == NULL || reserve_index_init(&b->ri, s, p) != 0)
        goto fail;
    if (b->tl != NULL) {
        if (day_plan_init(&b->days, s, tl, sr) != 0)
            goto fail;
        b->dp = &b->days;
    }
    b->rfirst[0] = 0;
    for (int i = 0; i < p->npost; i++) {
        b->rfirst[i + 1] = b->rfirst[i];
        for (int k = 0; k < p->post[i].ntps; k++)
            b->rtps[b->rfirst[i + 1]++] = p->post[i].tps[k];
    }
    for (int i = 0; i < p->nreserve; i++) {
        int m = p->reserve[i];
        if (reserve_kec(s, m) < 0 && reserve_kab(s, m) >= 0)
            b->kab_wide[reserve_kab(s, m)].reserve++;
    }
    return b;
fail:
    io_report_book_destroy(b);
    return NULL;
}

/* The summary row of kabupaten kab: its kecamatan and its wider units. */
static void kab_row(const struct report_book *b, int kab,
                    struct plan_summary_row *r)
{
    const struct scenario *s = b->s;
    *r = b->kab_wide[kab];
    for (int k = 0; k < s->nkec; k++)
        if (s->kec[k].kabupaten == kab)
            io_plan_summary_row_add(r, &b->rows[k]);
}

/* The status row of the meta table, and what the timeline leaves empty. */
static void status_meta(struct out *o, const struct report_book *b)
{
    bool tl_short = b->sr != NULL && shift_result_empty(b->sr) > 0;
    out_put(o, "<tr><td>Status</td><td><span%s>%s</span></td></tr>\n</table>\n",
            b->p->status == PLAN_OPTIMAL && !tl_short ? " class=\"lulus\""
                                                      : " class=\"kosong\"",
            io_plan_status_label_tl(b->p->status, b->sr));
    if (tl_short)
        phase_shortage(o, b->s, b->tl, b->sr);
}

static void scenario_meta(struct out *o, const struct scenario *s)
{
    out_put(o, "<table class=\"meta\"><tr><td>Skenario</td><td><b>");
    out_esc(o, s->name);
    out_put(o, "</b></td></tr>\n");
    if (s->date != NULL && s->date[0]) {
        out_put(o, "<tr><td>Tanggal</td><td>");
        out_esc(o, s->date);
        out_put(o, "</td></tr>\n");
    }
}

/* The figures under the header of laporan.html and of the index: TPS,
 * posts, guard places, Linmas, empty places and reserves of r. */
static void figures(struct out *o, long ntps, const struct plan_summary_row *r)
{
    out_put(o, "<div class=\"angka\">"
               "<div><b>%ld</b>TPS</div><div><b>%ld</b>pos</div>"
               "<div><b>%ld</b>tempat jaga (Polri %ld, TNI %ld)</div>"
               "<div><b>%ld</b>Linmas dari %ld</div>"
               "<div%s><b>%ld</b>tempat kosong</div><div><b>%ld</b>cadangan</div></div>\n"
               "</header>\n",
            ntps, r->posts, r->places, r->polri, r->tni, r->linmas, r->linmas_places,
            r->empty > 0 ? " class=\"kosong\"" : "", r->empty, r->reserve);
}

/* laporan.html of kabupaten kab, or of the whole plan (kab -1). */
static void report_page(struct out *o, const struct report_book *b, int kab)
{
    const struct scenario *s = b->s;
    const struct plan *p = b->p;
    const struct plan_view *v = b->v;
    struct plan_summary_row krow;
    const struct plan_summary_row *tot = &b->rows[s->nkec + 1];
    long ntps = s->ntps;
    if (kab >= 0) {
        kab_row(b, kab, &krow);
        tot = &krow;
        ntps = v->kab_tps_first[kab + 1] - v->kab_tps_first[kab];
    }
    page_begin(o, "Laporan Rencana Pengamanan TPS", kab < 0 ? s->name : s->kab[kab].name,
               b->dp != NULL ? CSS_JADWAL : NULL);
    out_put(o, "<header>\n<h1>Laporan Rencana Pengamanan TPS</h1>\n");
    if (kab >= 0)
        out_put(o, "<p><a href=\"../../laporan.html\">&#8592; Indeks seluruh "
                   "kabupaten/kota</a></p>\n");
    scenario_meta(o, s);
    if (kab >= 0) {
        out_put(o, "<tr><td>Kabupaten/kota</td><td><b>");
        out_esc(o, s->kab[kab].name);
        out_put(o, "</b> (<span class=\"kode\">");
        out_esc(o, s->kab[kab].code);
        out_put(o, "</span>)</td></tr>\n");
    }
    status_meta(o, b);
    figures(o, ntps, tot);

    out_put(o, "<section class=\"peta\">\n<h2>Peta TPS dan rute patroli</h2>\n<figure>\n");
    struct map_spec m = {p->npost, b->rfirst, b->rtps, NULL, NULL, 0, NULL};
    if (kab >= 0) {
        m.nroute = v->kab_post_first[kab + 1] - v->kab_post_first[kab];
        m.route_ix = v->kab_post + v->kab_post_first[kab];
        m.tps_ix = v->kab_tps + v->kab_tps_first[kab];
        m.ntps_ix = (int)ntps;
    }
    svg_map(o, s, &m);
    out_put(o, "<figcaption>Proyeksi ekuirektangular (bujur dikali cos lintang rata-rata); "
               "arahkan penunjuk ke TPS untuk kodenya.</figcaption>\n</figure>\n");
    legend(o, tot->tps, -1);
    out_put(o, "</section>\n");

    out_put(o, "<section class=\"ringkasan\">\n<h2>Ringkasan per kecamatan</h2>\n");
    summary_table(o, s, b->rows, kab, kab < 0 ? &b->rows[s->nkec] : &b->kab_wide[kab], tot);
    if (kab < 0) {
        if (polres_table(o, s, p, b->rows) != 0)
            o->err = 1;
        out_put(o, "<h3>Sasaran perencanaan</h3>\n");
        objective_table(o, s, p);
        if (b->ex != NULL)
            io_sens_html(o, s, p, b->ex->sens);
    } else {
        out_put(o, "<p>Sasaran perencanaan seluruh rencana: lihat <a href=\"../../"
                   "laporan.html\">indeks</a>.</p>\n");
    }
    out_put(o, "</section>\n");

    for (int k = 0; k < s->nkec; k++)
        if (kab < 0 || s->kec[k].kabupaten == kab)
            polsek_section(o, s, p, v, &b->ri, &b->rows[k], k, b->dp, b->ex);
    if (kab < 0 && b->rows[s->nkec].reserve > 0) {
        out_put(o, "<section class=\"polsek\" id=\"lintas\">\n"
                   "<h2>Satuan lintas kecamatan</h2>\n");
        reserve_list(o, s, p, &b->ri, -1, KAB_ALL);
        out_put(o, "</section>\n");
    }
    if (kab >= 0 && b->kab_wide[kab].reserve > 0) {
        out_put(o, "<section class=\"polsek\" id=\"lintas\">\n"
                   "<h2>Satuan tingkat kabupaten</h2>\n");
        reserve_list(o, s, p, &b->ri, -1, kab);
        out_put(o, "</section>\n");
    }
    page_end(o);
}

int io_write_report_html_part(FILE *f, const struct report_book *b, int kab)
{
    struct out o = {f, 0};
    report_page(&o, b, kab);
    if (ferror(f))
        o.err = 1;
    return o.err ? -1 : 0;
}

int io_write_report_html(FILE *f, const struct scenario *s, const struct plan *p)
{
    return io_write_report_html_timeline(f, s, p, NULL, NULL);
}

int io_write_report_html_timeline(FILE *f, const struct scenario *s,
                                  const struct plan *p,
                                  const struct timeline *tl,
                                  const struct shift_result *sr)
{
    return io_write_report_html_certs(f, s, p, tl, sr, NULL);
}

int io_write_report_html_certs(FILE *f, const struct scenario *s,
                               const struct plan *p, const struct timeline *tl,
                               const struct shift_result *sr,
                               const struct plan_explain *ex)
{
    struct plan_view v;
    if (plan_view_init(&v, s, p) != 0)
        return -1;
    struct report_book *b = io_report_book_create(s, p, &v, tl, sr, ex);
    int rc = b != NULL ? io_write_report_html_part(f, b, -1) : -1;
    io_report_book_destroy(b);
    plan_view_free(&v);
    return rc;
}

/* ---- the index of the pages per kabupaten ------------------------------ */

/* The provinces by their Kemendagri code (the first two digits of a
 * kabupaten's), as the KPU names them; the scenario format has none. */
static const char *province_name(const char *kab_code)
{
    static const struct { const char *code, *name; } PROV[] = {
        {"11", "Aceh"}, {"12", "Sumatera Utara"}, {"13", "Sumatera Barat"},
        {"14", "Riau"}, {"15", "Jambi"}, {"16", "Sumatera Selatan"},
        {"17", "Bengkulu"}, {"18", "Lampung"}, {"19", "Kepulauan Bangka Belitung"},
        {"21", "Kepulauan Riau"}, {"31", "DKI Jakarta"}, {"32", "Jawa Barat"},
        {"33", "Jawa Tengah"}, {"34", "Daerah Istimewa Yogyakarta"},
        {"35", "Jawa Timur"}, {"36", "Banten"}, {"51", "Bali"},
        {"52", "Nusa Tenggara Barat"}, {"53", "Nusa Tenggara Timur"},
        {"61", "Kalimantan Barat"}, {"62", "Kalimantan Tengah"},
        {"63", "Kalimantan Selatan"}, {"64", "Kalimantan Timur"},
        {"65", "Kalimantan Utara"}, {"71", "Sulawesi Utara"},
        {"72", "Sulawesi Tengah"}, {"73", "Sulawesi Selatan"},
        {"74", "Sulawesi Tenggara"}, {"75", "Gorontalo"}, {"76", "Sulawesi Barat"},
        {"81", "Maluku"}, {"82", "Maluku Utara"}, {"91", "Papua"},
        {"92", "Papua Barat"}, {"93", "Papua Selatan"}, {"94", "Papua Tengah"},
        {"95", "Papua Pegunungan"}, {"96", "Papua Barat Daya"}};
    for (size_t i = 0; i < sizeof PROV / sizeof PROV[0]; i++)
        if (strncmp(kab_code, PROV[i].code, 2) == 0)
            return PROV[i].name;
    return NULL;
}

static const char CSS_INDEX[] =
    "table.indeks td a{margin-right:2mm}\n"
    "tr.prov td{font-weight:bold;background:#e9eef4}\n";

/* One row of the index: level "provinsi", "kabupaten" or "total". */
static void index_row(struct out *o, const char *cls, const char *code,
                      const char *name, const struct region_tally *t, bool kh,
                      bool links)
{
    static const enum grade order[] = {GRADE_SANGAT_RAWAN, GRADE_KHUSUS,
                                       GRADE_RAWAN, GRADE_KURANG_RAWAN};
    out_put(o, "<tr%s%s%s><td class=\"kode\">", cls ? " class=\"" : "", cls ? cls : "",
            cls ? "\"" : "");
    out_esc(o, code);
    out_put(o, "</td><td>");
    if (links) {
        out_put(o, "<a href=\"kab/");
        out_esc(o, code);
        out_put(o, "/laporan.html\">");
        out_esc(o, name);
        out_put(o, "</a>");
    } else {
        out_esc(o, name);
    }
    long ntps = 0, nposts = 0;
    for (int g = 0; g < GRADE_COUNT; g++) {
        ntps += t->tps[g];
        nposts += t->posts[g];
    }
    out_put(o, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>", ntps, nposts);
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        enum grade g = order[i];
        if (g == GRADE_KHUSUS && !kh)
            continue;
        long empty = t->places[g] - t->filled[g];
        out_put(o, "<td class=\"n\">%ld</td><td class=\"n%s\">%ld</td>", t->filled[g],
                empty > 0 ? " kosong" : "", empty);
    }
    long lempty = t->linmas_places - t->linmas;
    out_put(o, "<td class=\"n\">%ld</td><td class=\"n%s\">%ld</td><td class=\"n\">%ld</td><td>",
            t->linmas, lempty > 0 ? " kosong" : "", lempty, t->reserve);
    if (links) {
        out_put(o, "<a href=\"kab/");
        out_esc(o, code);
        out_put(o, "/roster.kml\">KML</a><a href=\"kab/");
        out_esc(o, code);
        out_put(o, "/roster.geojson\">GeoJSON</a><a href=\"kab/");
        out_esc(o, code);
        out_put(o, "/roster.csv\">CSV</a>");
    }
    out_put(o, "</td></tr>\n");
}

static void index_page(struct out *o, const struct report_book *b)
{
    const struct scenario *s = b->s;
    const struct region_tally *tot = &b->tally[s->nkab + 1];
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    long places = region_tally_places(tot), filled = region_tally_filled(tot);
    long ntps = 0, nposts = 0;
    for (int g = 0; g < GRADE_COUNT; g++) {
        ntps += tot->tps[g];
        nposts += tot->posts[g];
    }
    page_begin(o, "Indeks Laporan Rencana Pengamanan TPS", s->name, CSS_INDEX);
    out_put(o, "<header>\n<h1>Indeks Laporan Rencana Pengamanan TPS</h1>\n");
    scenario_meta(o, s);
    status_meta(o, b);
    struct plan_summary_row r = {.posts = nposts, .places = places, .polri = tot->polri,
                                 .tni = tot->tni, .linmas_places = tot->linmas_places,
                                 .linmas = tot->linmas, .reserve = tot->reserve};
    r.empty = places - filled + tot->linmas_places - tot->linmas;
    figures(o, ntps, &r);
    out_put(o, "<section>\n<h2>Rekap per provinsi dan kabupaten/kota</h2>\n"
               "<p>Peta, rute dan daftar personel per Polsek ada di laporan tiap "
               "kabupaten/kota (tautan pada nama), beserta berkas KML (Google Earth), "
               "GeoJSON (QGIS) dan daftar personel CSV (spreadsheet).</p>\n");
    out_put(o, "<table class=\"indeks\">\n<thead><tr><th rowspan=\"2\">Kode</th>"
               "<th rowspan=\"2\">Wilayah</th><th rowspan=\"2\" class=\"n\">TPS</th>"
               "<th rowspan=\"2\" class=\"n\">Pos</th>"
               "<th colspan=\"2\" class=\"c\">Sangat rawan</th>%s"
               "<th colspan=\"2\" class=\"c\">Rawan</th>"
               "<th colspan=\"2\" class=\"c\">Kurang rawan</th>"
               "<th colspan=\"2\" class=\"c\">Linmas</th>"
               "<th rowspan=\"2\" class=\"n\">Cadangan</th><th rowspan=\"2\">Berkas</th></tr>\n<tr>",
            kh ? "<th colspan=\"2\" class=\"c\">Khusus</th>" : "");
    for (int i = 0; i < (kh ? 5 : 4); i++)
        out_put(o, "<th class=\"n\">terisi</th><th class=\"n\">kosong</th>");
    out_put(o, "</tr></thead>\n<tbody>\n");
    /* provinces in the order of their first kabupaten; a province's
     * kabupaten listed in scenario order under it */
    for (int b0 = 0; b0 < s->nkab; b0++) {
        bool first = true;
        for (int c = 0; c < b0 && first; c++)
            first = strncmp(s->kab[c].code, s->kab[b0].code, 2) != 0;
        if (!first)
            continue;
        struct region_tally pt = {0};
        for (int c = b0; c < s->nkab; c++)
            if (strncmp(s->kab[c].code, s->kab[b0].code, 2) == 0)
                region_tally_add(&pt, &b->tally[c]);
        char pcode[3] = {s->kab[b0].code[0], s->kab[b0].code[1], 0};
        const char *pname = province_name(pcode);
        char fallback[32];
        if (pname == NULL) {
            snprintf(fallback, sizeof fallback, "Provinsi %s", pcode);
            pname = fallback;
        }
        index_row(o, "prov", pcode, pname, &pt, kh, false);
        for (int c = b0; c < s->nkab; c++)
            if (strncmp(s->kab[c].code, s->kab[b0].code, 2) == 0)
                index_row(o, NULL, s->kab[c].code, s->kab[c].name, &b->tally[c], kh, true);
    }
    if (b->tally[s->nkab].reserve > 0)
        index_row(o, NULL, "-", "(satuan lintas kabupaten)", &b->tally[s->nkab], kh, false);
    index_row(o, "total", "TOTAL", "", tot, kh, false);
    out_put(o, "</tbody>\n</table>\n<p>Terisi/kosong: tempat jaga per tingkat kerawanan "
               "pos (Linmas: per TPS). Cadangan dihitung di kabupaten satuannya.</p>\n");
    if (polres_table(o, s, b->p, b->rows) != 0)
        o->err = 1;
    out_put(o, "<h3>Sasaran perencanaan</h3>\n");
    objective_table(o, s, b->p);
    if (b->ex != NULL)
        io_sens_html(o, s, b->p, b->ex->sens);
    out_put(o, "</section>\n");
    if (b->tally[s->nkab].reserve > 0) {
        out_put(o, "<section class=\"polsek\" id=\"lintas\">\n"
                   "<h2>Satuan lintas kabupaten</h2>\n"
                   "<p>Daftar personelnya (CSV): <a href=\"roster-lintas.csv\">"
                   "roster-lintas.csv</a>.</p>\n");
        reserve_list(o, s, b->p, &b->ri, -1, KAB_NONE);
        out_put(o, "</section>\n");
    }
    page_end(o);
}

int io_write_report_index(FILE *f, const struct report_book *b)
{
    struct out o = {f, 0};
    index_page(&o, b);
    if (ferror(f))
        o.err = 1;
    return o.err ? -1 : 0;
}

/* ---- cakupan.html ------------------------------------------------------ */

/* link: the name links to kab/<code>/cakupan.html (the index). */
static void tally_row(struct out *o, const char *level, const char *code,
                      const char *name, const struct audit_tally *t, int total,
                      bool kh, bool link)
{
    out_put(o, "<tr%s><td>%s</td><td class=\"kode\">", total ? " class=\"total\"" : "", level);
    out_esc(o, code);
    out_put(o, "</td><td>");
    if (link) {
        out_put(o, "<a href=\"kab/");
        out_esc(o, code);
        out_put(o, "/cakupan.html\">");
    }
    out_esc(o, name);
    if (link)
        out_put(o, "</a>");
    long filled = t->guard_polri + t->guard_tni;
    out_put(o, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>",
            t->tps[GRADE_KURANG_RAWAN], t->tps[GRADE_RAWAN], t->tps[GRADE_SANGAT_RAWAN]);
    if (kh)
        out_put(o, "<td class=\"n\">%ld</td>", t->tps[GRADE_KHUSUS]);
    out_put(o, "<td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
               "<td class=\"n%s\">%.1f%%</td><td class=\"n\">%ld</td><td class=\"n%s\">%ld</td></tr>\n",
            t->guard_required, t->guard_polri, t->guard_tni,
            filled < t->guard_required ? " kosong" : "",
            t->guard_required > 0 ? 100.0 * (double)filled / (double)t->guard_required : 100.0,
            t->linmas_required, t->linmas_filled < t->linmas_required ? " kosong" : "",
            t->linmas_filled);
}

/* The coverage of kabupaten kab (-1: all) by kecamatan and kabupaten;
 * index: the kabupaten alone, linking to their pages. */
static void coverage_table(struct out *o, const struct scenario *s,
                           const struct audit_report *rep, int kab, bool index)
{
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    out_put(o, "<table class=\"cakupan\">\n<thead><tr><th rowspan=\"2\">Tingkat</th>"
               "<th rowspan=\"2\">Kode</th><th rowspan=\"2\">Nama</th>"
               "<th colspan=\"%d\" class=\"c\">TPS</th><th colspan=\"4\" class=\"c\">Tempat pengamanan</th>"
               "<th colspan=\"2\" class=\"c\">Linmas</th></tr>\n<tr><th class=\"n\">KR</th>"
               "<th class=\"n\">R</th><th class=\"n\">SR</th>%s<th class=\"n\">wajib</th>"
               "<th class=\"n\">Polri</th><th class=\"n\">TNI</th><th class=\"n\">terisi</th>"
               "<th class=\"n\">wajib</th><th class=\"n\">terisi</th></tr></thead>\n<tbody>\n",
            kh ? 4 : 3, kh ? "<th class=\"n\">K</th>" : "");
    for (int b = 0; b < s->nkab; b++) {
        if (kab >= 0 && b != kab)
            continue;
        for (int k = 0; k < s->nkec && !index; k++)
            if (s->kec[k].kabupaten == b)
                tally_row(o, "kecamatan", s->kec[k].code, s->kec[k].name, &rep->kec[k], 0,
                          kh, false);
        tally_row(o, "kabupaten", s->kab[b].code, s->kab[b].name, &rep->kab[b], !index,
                  kh, index);
    }
    if (kab < 0)
        tally_row(o, "TOTAL", "", "", &rep->total, 1, kh, false);
    out_put(o, "</tbody>\n</table>\n");
}

/* The TPS of kabupaten kab (-1: all) short of personnel. */
static void shortfall_table(struct out *o, const struct scenario *s,
                            const struct audit_report *rep, int kab)
{
    char code[16];
    long n = rep->nshort;
    if (kab >= 0) {
        n = 0;
        for (long i = 0; i < rep->nshort; i++)
            n += s->tps[rep->shortfall[i].tps].kabupaten == kab;
    }
    out_put(o, "<h2>TPS kurang personel (%ld)</h2>\n", n);
    if (n == 0) {
        out_put(o, "<p>(tidak ada)</p>\n");
        return;
    }
    out_put(o, "<table class=\"kurang\">\n<thead><tr><th>TPS</th><th>Desa</th><th>Kecamatan</th>"
               "<th>Tingkat</th><th>Pos</th><th class=\"n\">Pengamanan</th>"
               "<th class=\"n\">Polri (min.)</th><th class=\"n\">TNI</th>"
               "<th class=\"n\">Linmas</th></tr></thead>\n<tbody>\n");
    for (long i = 0; i < rep->nshort; i++) {
        const struct audit_short *sh = &rep->shortfall[i];
        const struct tps *tp = &s->tps[sh->tps];
        if (kab >= 0 && tp->kabupaten != kab)
            continue;
        out_put(o, "<tr><td class=\"kode\">%s</td><td>", scenario_tps_code(s, sh->tps, code));
        out_esc(o, s->desa[tp->desa].name);
        out_put(o, "</td><td>");
        out_esc(o, s->kec[tp->kecamatan].name);
        out_put(o, "</td><td>");
        grade_cell(o, tp->grade);
        out_put(o, "</td><td class=\"kode\">");
        if (sh->post != NULL)
            out_esc(o, sh->post);
        else
            out_put(o, "<span class=\"kosong\">tanpa pos</span>");
        int guards = sh->polri + sh->tni;
        out_put(o, "</td><td class=\"n%s\">%d dari %d</td><td class=\"n%s\">%d (%d)</td>"
                   "<td class=\"n\">%d</td><td class=\"n%s\">%d dari %d</td></tr>\n",
                guards < sh->guards_required ? " kosong" : "", guards, sh->guards_required,
                sh->polri < sh->min_polri ? " kosong" : "", sh->polri, sh->min_polri, sh->tni,
                sh->linmas < sh->linmas_required ? " kosong" : "", sh->linmas,
                sh->linmas_required);
    }
    out_put(o, "</tbody>\n</table>\n");
}

static void findings_table(struct out *o, const struct audit_report *rep)
{
    out_put(o, "<h2>Pelanggaran aturan (%ld)", rep->nviolation);
    if (rep->nwarning > 0)
        out_put(o, " dan peringatan (%ld)", rep->nwarning);
    out_put(o, "</h2>\n");
    if (rep->nfinding == 0) {
        out_put(o, "<p>(tidak ada)</p>\n");
        return;
    }
    out_put(o, "<table class=\"temuan\">\n<thead><tr><th>Berkas:baris</th><th>Jenis</th>"
               "<th>Keterangan</th></tr></thead>\n<tbody>\n");
    for (long i = 0; i < rep->nfinding; i++) {
        const struct audit_finding *fd = &rep->finding[i];
        out_put(o, "<tr><td class=\"kode\">");
        out_esc(o, fd->file);
        if (fd->line > 0)
            out_put(o, ":%ld", fd->line);
        out_put(o, "</td><td%s>%s</td><td>", fd->level == AUDIT_VIOLATION ? " class=\"kosong\"" : "",
                fd->level == AUDIT_VIOLATION ? "pelanggaran" : "peringatan");
        out_esc(o, fd->message);
        out_put(o, "</td></tr>\n");
    }
    out_put(o, "</tbody>\n</table>\n");
}

/* What the pages of one audit share (io_write_check_report): each post's
 * TPS as the roster lists them, and the TPS and routes of each kabupaten
 * (a route in the kabupaten of its first TPS). */
struct coverage_book {
    const struct scenario *s;
    const struct raw_roster *r;
    const struct audit_report *rep;
    int *rfirst, *rtps;          /* [npost + 1], the routes */
    unsigned char *mark;         /* [ntps] short of personnel */
    long ntps[GRADE_COUNT];
    int *kab_tps_first, *kab_tps;       /* [nkab + 1], [ntps] */
    int *kab_route_first, *kab_route;   /* [nkab + 1], [npost] */
};

static void coverage_book_free(struct coverage_book *b)
{
    free(b->rfirst);
    free(b->rtps);
    free(b->mark);
    free(b->kab_tps_first);
    free(b->kab_tps);
    free(b->kab_route_first);
    free(b->kab_route);
}

/* 0, or -1 when out of memory (b may still be freed). */
static int coverage_book_init(struct coverage_book *b, const struct scenario *s,
                              const struct raw_roster *r,
                              const struct audit_report *rep)
{
    *b = (struct coverage_book){.s = s, .r = r, .rep = rep};
    b->rfirst = malloc(sizeof(int) * ((size_t)r->npost + 1));
    b->rtps = malloc(sizeof(int) * ((size_t)r->ntps + 1));
    b->mark = calloc((size_t)s->ntps + 1, 1);
    b->kab_tps_first = calloc((size_t)s->nkab + 2, sizeof(int));
    b->kab_tps = malloc(sizeof(int) * ((size_t)s->ntps + 1));
    b->kab_route_first = calloc((size_t)s->nkab + 2, sizeof(int));
    b->kab_route = malloc(sizeof(int) * ((size_t)r->npost + 1));
    if (b->rfirst == NULL || b->rtps == NULL || b->mark == NULL ||
        b->kab_tps_first == NULL || b->kab_tps == NULL ||
        b->kab_route_first == NULL || b->kab_route == NULL)
        return -1;
    /* routes as the roster lists them; TPS the scenario lacks are skipped
     * (the findings name them) */
    b->rfirst[0] = 0;
    for (int i = 0; i < r->npost; i++) {
        const struct raw_post *rp = &r->post[i];
        b->rfirst[i + 1] = b->rfirst[i];
        for (int k = 0; k < rp->ntps; k++) {
            int t = scenario_find_tps(s, r->tps[rp->first_tps + k].id);
            if (t >= 0)
                b->rtps[b->rfirst[i + 1]++] = t;
        }
    }
    for (int t = 0; t < s->ntps; t++)
        b->ntps[s->tps[t].grade]++;
    for (long i = 0; i < rep->nshort; i++)
        b->mark[rep->shortfall[i].tps] = 1;
    /* counting sorts by kabupaten, stable; a route with no known TPS is
     * in none */
    for (int t = 0; t < s->ntps; t++)
        b->kab_tps_first[s->tps[t].kabupaten + 2]++;
    for (int i = 0; i < r->npost; i++)
        if (b->rfirst[i + 1] > b->rfirst[i])
            b->kab_route_first[s->tps[b->rtps[b->rfirst[i]]].kabupaten + 2]++;
    for (int k = 0; k < s->nkab; k++) {
        b->kab_tps_first[k + 2] += b->kab_tps_first[k + 1];
        b->kab_route_first[k + 2] += b->kab_route_first[k + 1];
    }
    for (int t = 0; t < s->ntps; t++)
        b->kab_tps[b->kab_tps_first[s->tps[t].kabupaten + 1]++] = t;
    for (int i = 0; i < r->npost; i++)
        if (b->rfirst[i + 1] > b->rfirst[i])
            b->kab_route[b->kab_route_first[s->tps[b->rtps[b->rfirst[i]]].kabupaten + 1]++] = i;
    return 0;
}

/* cakupan.html of kabupaten kab, of the whole audit (kab -1, index
 * false), or the index over the kabupaten pages (kab -1, index true). */
static void coverage_page(struct out *o, const struct coverage_book *b, int kab,
                          bool index)
{
    const struct scenario *s = b->s;
    const struct audit_report *rep = b->rep;
    page_begin(o, index ? "Indeks Laporan Cakupan Audit Roster" : "Laporan Cakupan Audit Roster",
               kab >= 0 ? s->kab[kab].name : rep->scenario_name, NULL);
    out_put(o, "<header>\n<h1>%s</h1>\n", index ? "Indeks Laporan Cakupan Audit Roster"
                                                 : "Laporan Cakupan Audit Roster");
    if (kab >= 0)
        out_put(o, "<p><a href=\"../../cakupan.html\">&#8592; Indeks seluruh "
                   "kabupaten/kota</a></p>\n");
    out_put(o, "<table class=\"meta\"><tr><td>Roster</td><td class=\"kode\">");
    out_esc(o, rep->roster_file);
    out_put(o, "</td></tr>\n<tr><td>Skenario</td><td><b>");
    out_esc(o, rep->scenario_name);
    out_put(o, "</b> (<span class=\"kode\">");
    out_esc(o, rep->scenario_file);
    out_put(o, "</span>)</td></tr>\n");
    if (kab >= 0) {
        out_put(o, "<tr><td>Kabupaten/kota</td><td><b>");
        out_esc(o, s->kab[kab].name);
        out_put(o, "</b> (<span class=\"kode\">");
        out_esc(o, s->kab[kab].code);
        out_put(o, "</span>)</td></tr>\n");
    }
    out_put(o, "</table>\n");
    if (audit_passed(rep))
        out_put(o, "<div class=\"hasil lulus\">HASIL: LULUS</div>\n");
    else
        out_put(o, "<div class=\"hasil kosong\">HASIL: TIDAK LULUS (%ld pelanggaran, "
                   "%ld TPS kurang)</div>\n", rep->nviolation, rep->nshort);
    out_put(o, "</header>\n");

    if (!index) {
        out_put(o, "<section class=\"peta\">\n<h2>Peta cakupan</h2>\n<figure>\n");
        struct map_spec m = {b->r->npost, b->rfirst, b->rtps, NULL, NULL, 0, b->mark};
        long ntps[GRADE_COUNT] = {0}, nmark = rep->nshort;
        if (kab >= 0) {
            m.nroute = b->kab_route_first[kab + 1] - b->kab_route_first[kab];
            m.route_ix = b->kab_route + b->kab_route_first[kab];
            m.ntps_ix = b->kab_tps_first[kab + 1] - b->kab_tps_first[kab];
            m.tps_ix = b->kab_tps + b->kab_tps_first[kab];
            nmark = 0;
            for (int q = 0; q < m.ntps_ix; q++) {
                ntps[s->tps[m.tps_ix[q]].grade]++;
                nmark += b->mark[m.tps_ix[q]];
            }
        } else {
            memcpy(ntps, b->ntps, sizeof ntps);
        }
        svg_map(o, s, &m);
        out_put(o, "<figcaption>TPS yang kurang personel dilingkari hitam; rute sesuai "
                   "urutan dalam roster.</figcaption>\n</figure>\n");
        legend(o, ntps, nmark);
        out_put(o, "</section>\n");
    }

    out_put(o, "<section>\n<h2>Rekap cakupan per %s</h2>\n",
            index ? "kabupaten/kota" : "kecamatan");
    if (index)
        out_put(o, "<p>Peta, rekap per kecamatan dan daftar TPS kurang personel ada di "
                   "laporan tiap kabupaten/kota (tautan pada nama).</p>\n");
    coverage_table(o, s, rep, kab, index);
    if (!index)
        shortfall_table(o, s, rep, kab);
    if (kab < 0)
        findings_table(o, rep);
    else
        out_put(o, "<p>Pelanggaran aturan dan peringatan seluruh roster: lihat <a href="
                   "\"../../cakupan.html\">indeks</a>.</p>\n");
    out_put(o, "</section>\n");
    page_end(o);
}

int io_write_coverage_html(FILE *f, const struct scenario *s,
                           const struct raw_roster *r,
                           const struct audit_report *rep)
{
    struct out o = {f, 0};
    struct coverage_book b;
    if (coverage_book_init(&b, s, r, rep) != 0)
        o.err = 1;
    else
        coverage_page(&o, &b, -1, false);
    coverage_book_free(&b);
    if (ferror(f))
        o.err = 1;
    return o.err ? -1 : 0;
}

/* What io_write_check_report hands to outdir_write_set. */
struct check_set {
    const char *dir;
    const struct coverage_book *b;
    bool per_kab;
};

/* Write a page of cs into od as name.  SIAGA_OK or SIAGA_EIO. */
static int check_page(struct outdir *od, const struct check_set *cs,
                      const char *name, int kab, bool index, bool close_early,
                      struct error_list *errs)
{
    FILE *f = outdir_file(od, name, errs);
    if (f == NULL)
        return SIAGA_EIO;
    struct out o = {f, 0};
    coverage_page(&o, cs->b, kab, index);
    if (o.err || ferror(f)) {
        error_add(errs, cs->dir, 0, "cannot write %s", name);
        return SIAGA_EIO;
    }
    return close_early ? outdir_file_close(od, f, errs) : SIAGA_OK;
}

static int fill_check(struct outdir *od, void *arg, struct error_list *errs)
{
    const struct check_set *cs = arg;
    int rc = check_page(od, cs, "cakupan.html", -1, cs->per_kab, false, errs);
    for (int k = 0; cs->per_kab && rc == SIAGA_OK && k < cs->b->s->nkab; k++) {
        char name[64];
        snprintf(name, sizeof name, "kab/%s/cakupan.html", cs->b->s->kab[k].code);
        rc = check_page(od, cs, name, k, false, true, errs);
    }
    return rc;
}

int io_write_check_report(const char *dir, const struct scenario *s,
                          const struct raw_roster *r,
                          const struct audit_report *rep, bool per_kab,
                          struct error_list *errs)
{
    struct coverage_book b;
    if (coverage_book_init(&b, s, r, rep) != 0) {
        coverage_book_free(&b);
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    struct check_set cs = {dir, &b, per_kab};
    int rc = outdir_write_set(dir, fill_check, &cs, errs);
    coverage_book_free(&b);
    return rc;
}
