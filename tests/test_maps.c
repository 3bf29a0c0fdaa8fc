/*
 * test_maps.c - the map and print writers: the JSON writer (io/report/json.c),
 * roster.kml (io/report/kml_write.c), roster.geojson (io/report/geojson_write.c),
 * laporan.html and cakupan.html (io/report/html_report.c), and the summary rows
 * that ringkasan.txt and laporan.html share (io/report/plan_write.c).
 *
 * The plan is built by hand, not by the solver, so every number below was
 * worked out on paper.  Kecamatan 170401 (desa "Desa "A" & <B>", a name
 * that needs escaping everywhere): t0, t1, t2 kurang rawan 0, 0.5, 1 km
 * north of the reference point, one cluster post P0001 (route 0.5 + 0.5 +
 * 1 = 2 km) guarded by two Polri; t3 rawan 5 km north, post P0002, one
 * Polri.  Kecamatan 170402: t4 sangat rawan at 20 km (P0003, Polri + TNI)
 * and t5 kurang rawan at 30 km (P0004, Polri + TNI).  Linmas: two at each
 * TPS except t5, which has one (one Linmas place empty).  One Polres
 * member (a unit without scope) stays in reserve.  Totals: TPS 4 KR, 1 R,
 * 1 SR; 4 posts; 7 guard places, 5 Polri, 2 TNI; Linmas 12 places, 11
 * filled; 1 empty; 1 reserve.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "io/formats/roster_read.h"
#include "io/report/geojson_write.h"
#include "io/report/html_report.h"
#include "io/report/json.h"
#include "io/report/kml_write.h"
#include "io/report/plan_view.h"
#include "io/report/plan_write.h"
#include "model/audit.h"
#include "tests/scenario_builder.h"

#define DESA_NAME "Desa \"A\" & <B>"
#define DESA_HTML "Desa &quot;A&quot; &amp; &lt;B&gt;"
#define GUARD_NAME "Budi \"Bob\" \\ Tab\tEnd"

/* ---- capture a writer's output ---------------------------------------- */

struct buf {
    char *data;
    size_t len;
    FILE *f;
};

static FILE *buf_open(struct buf *b)
{
    memset(b, 0, sizeof *b);
    b->f = open_memstream(&b->data, &b->len);
    assert_non_null(b->f);
    return b->f;
}

static const char *buf_close(struct buf *b)
{
    assert_int_equal(fclose(b->f), 0);
    b->f = NULL;
    return b->data;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- the JSON writer --------------------------------------------------- */

static const char *json_of(const char *s, struct buf *b)
{
    FILE *f = buf_open(b);
    assert_int_equal(json_write_string(f, s), 0);
    return buf_close(b);
}

static void test_json_escape(void **state)
{
    (void)state;
    struct buf b;
    assert_string_equal(json_of("plain", &b), "\"plain\"");
    free(b.data);
    assert_string_equal(json_of("a\"b\\c/d", &b), "\"a\\\"b\\\\c/d\"");
    free(b.data);
    assert_string_equal(json_of("\n\r\t\b\f", &b), "\"\\n\\r\\t\\b\\f\"");
    free(b.data);
    assert_string_equal(json_of("\x01\x1f\x7f", &b), "\"\\u0001\\u001f\x7f\"");
    free(b.data);
    assert_string_equal(json_of("", &b), "\"\"");
    free(b.data);
}

static void test_json_utf8(void **state)
{
    (void)state;
    struct buf b;
    /* valid UTF-8 of 2, 3 and 4 bytes passes through untouched */
    const char *ok = "Kelurahan \xC3\xA9 \xE2\x80\x93 \xF0\x9F\x99\x82 \xE2\x80\xA8";
    char want[128];
    snprintf(want, sizeof want, "\"%s\"", ok);
    assert_string_equal(json_of(ok, &b), want);
    free(b.data);
    /* a stray byte, an overlong form, a surrogate, a cut sequence */
    assert_string_equal(json_of("a\xFFz", &b), "\"a\\ufffdz\"");
    free(b.data);
    assert_string_equal(json_of("\xC0\xAF", &b), "\"\\ufffd\\ufffd\"");
    free(b.data);
    assert_string_equal(json_of("\xED\xA0\x80", &b), "\"\\ufffd\\ufffd\\ufffd\"");
    free(b.data);
    assert_string_equal(json_of("x\xE2\x82", &b), "\"x\\ufffd\\ufffd\"");
    free(b.data);
    assert_string_equal(json_of("\xF4\x90\x80\x80", &b),
                        "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    free(b.data);
}

static void test_json_structure(void **state)
{
    (void)state;
    struct buf b;
    struct json_writer w;
    json_init(&w, buf_open(&b));
    json_begin_object(&w);
    json_key(&w, "a");
    json_begin_array(&w);
    json_long(&w, 1);
    json_double(&w, 2.5, 2);
    json_double(&w, NAN, 2);
    json_double(&w, -0.0001, 2);
    json_string(&w, NULL);
    json_string(&w, "x");
    json_end_array(&w);
    json_key(&w, "b");
    json_begin_object(&w);
    json_end_object(&w);
    json_key(&w, "c");
    json_double(&w, 1e300, 6);
    json_end_object(&w);
    assert_int_equal(json_finish(&w), 0);
    assert_string_equal(buf_close(&b),
                        "{\"a\":[1,2.50,null,0.00,null,\"x\"],\"b\":{},"
                        "\"c\":1.0000000000000001e+300}");
    free(b.data);
}

static void test_json_newline(void **state)
{
    (void)state;
    struct buf b;
    struct json_writer w;
    json_init(&w, buf_open(&b));
    json_begin_array(&w);
    json_newline(&w);
    json_long(&w, 1);
    json_newline(&w);
    json_long(&w, 2);
    json_newline(&w);
    json_end_array(&w);
    json_newline(&w);
    assert_int_equal(json_finish(&w), 0);
    /* the comma stays at the end of the line */
    assert_string_equal(buf_close(&b), "[\n1,\n2\n]\n");
    free(b.data);
}

static void test_json_misuse(void **state)
{
    (void)state;
    struct buf b;
    struct json_writer w;

    json_init(&w, buf_open(&b)); /* a value where a key is due */
    json_begin_object(&w);
    json_long(&w, 1);
    json_end_object(&w);
    assert_int_equal(json_finish(&w), -1);
    buf_close(&b);
    free(b.data);

    json_init(&w, buf_open(&b)); /* left open */
    json_begin_array(&w);
    assert_int_equal(json_finish(&w), -1);
    buf_close(&b);
    free(b.data);

    json_init(&w, buf_open(&b)); /* closed with the wrong bracket */
    json_begin_array(&w);
    json_end_object(&w);
    assert_int_equal(json_finish(&w), -1);
    buf_close(&b);
    free(b.data);

    json_init(&w, buf_open(&b)); /* too deep */
    for (int i = 0; i < JSON_MAX_DEPTH + 1; i++)
        json_begin_array(&w);
    assert_int_equal(json_finish(&w), -1);
    buf_close(&b);
    free(b.data);

    json_init(&w, buf_open(&b)); /* nothing written */
    assert_int_equal(json_finish(&w), -1);
    buf_close(&b);
    free(b.data);
}

/* ---- the hand-made plan ------------------------------------------------ */

struct fixture {
    struct scenario *s;
    struct plan *p;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    struct scenario *s = sb_new();
    s->name = "Uji <peta> & \"laporan\"";
    s->date = "2024-02-14";
    int k1 = sb_kec(s), k2 = sb_kec(s);
    int d1 = sb_desa(s, k1), d2 = sb_desa(s, k2);
    s->desa[d1].name = scenario_strdup(s, DESA_NAME);
    sb_tps(s, d1, 0.0, GRADE_KURANG_RAWAN);
    sb_tps(s, d1, 0.5, GRADE_KURANG_RAWAN);
    sb_tps(s, d1, 1.0, GRADE_KURANG_RAWAN);
    sb_tps(s, d1, 5.0, GRADE_RAWAN);
    sb_tps(s, d2, 20.0, GRADE_SANGAT_RAWAN);
    sb_tps(s, d2, 30.0, GRADE_KURANG_RAWAN);
    sb_unit(s, "POLSEK-1", FORCE_POLRI, SCOPE_KECAMATAN, k1, 3);  /* 0..2 */
    sb_unit(s, "POLSEK-2", FORCE_POLRI, SCOPE_KECAMATAN, k2, 2);  /* 3, 4 */
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_ANY, -1, 2);           /* 5, 6 */
    sb_unit(s, "LINMAS-1", FORCE_LINMAS, SCOPE_DESA, d1, 8);      /* 7..14 */
    sb_unit(s, "LINMAS-2", FORCE_LINMAS, SCOPE_DESA, d2, 3);      /* 15..17 */
    sb_unit(s, "POLRES", FORCE_POLRI, SCOPE_ANY, -1, 1);          /* 18 */
    s->member[0].name = scenario_strdup(s, GUARD_NAME);
    s->member[0].rank = scenario_strdup(s, "Bripka");
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    error_list_free(&el);

    struct plan *p = plan_create();
    p->status = PLAN_SHORTAGE;
    p->npost = 4;
    p->post = calloc(4, sizeof *p->post);
    static const int guards[] = {0, 1, 2, 3, 5, 4, 6};
    p->nguard = 7;
    p->guard = malloc(sizeof guards);
    memcpy(p->guard, guards, sizeof guards);
    struct post posts[4] = {
        {GRADE_KURANG_RAWAN, k1, 3, {0, 1, 2}, 2, 2.0, 0, 2},
        {GRADE_RAWAN, k1, 1, {3}, 1, 0.0, 2, 1},
        {GRADE_SANGAT_RAWAN, k2, 1, {4}, 2, 0.0, 3, 2},
        {GRADE_KURANG_RAWAN, k2, 1, {5}, 2, 0.0, 5, 2},
    };
    memcpy(p->post, posts, sizeof posts);
    p->nlinmas = 11;
    p->linmas = calloc(11, sizeof *p->linmas);
    for (int i = 0; i < 8; i++)
        p->linmas[i] = (struct linmas_place){i / 2, 7 + i};
    p->linmas[8] = (struct linmas_place){4, 15};
    p->linmas[9] = (struct linmas_place){4, 16};
    p->linmas[10] = (struct linmas_place){5, 17};
    p->nreserve = 1;
    p->reserve = malloc(sizeof(int));
    p->reserve[0] = 18;
    p->obj.empty_linmas = p->obj.empty_linmas_bound = 1;
    p->obj.posts = p->obj.posts_bound = 4;
    p->obj.member_km = 12.5;
    p->obj.member_km_bound = 10.0;
    p->obj.cluster_km = p->obj.cluster_km_bound = 1.5;
    fx->s = s;
    fx->p = p;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    plan_destroy(fx->p);
    scenario_destroy(fx->s);
    free(fx);
    return 0;
}

static void test_summary_rows(void **state)
{
    struct fixture *fx = *state;
    struct plan_summary_row *r = io_plan_summary_rows(fx->s, fx->p);
    assert_non_null(r);
    const struct plan_summary_row *t = &r[fx->s->nkec + 1];
    assert_int_equal(t->tps[GRADE_KURANG_RAWAN], 4);
    assert_int_equal(t->tps[GRADE_RAWAN], 1);
    assert_int_equal(t->tps[GRADE_SANGAT_RAWAN], 1);
    assert_int_equal(t->posts, 4);
    assert_int_equal(t->places, 7);
    assert_int_equal(t->polri, 5);
    assert_int_equal(t->tni, 2);
    assert_int_equal(t->linmas_places, 12);
    assert_int_equal(t->linmas, 11);
    assert_int_equal(t->empty, 1);
    assert_int_equal(t->reserve, 1);
    assert_int_equal(r[0].polri, 3);
    assert_int_equal(r[1].empty, 1);
    assert_int_equal(r[fx->s->nkec].reserve, 1); /* Polres: wider than a kecamatan */
    free(r);

    struct buf b;
    io_write_summary(buf_open(&b), fx->s, fx->p);
    const char *txt = buf_close(&b);
    assert_non_null(strstr(txt, "TOTAL                               4     1     1     4"
                                "      7      5     2      12      11      1        1\n"));
    free(b.data);
}

/* ---- roster.kml -------------------------------------------------------- */

static long xpath_count(xmlXPathContextPtr ctx, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    long n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

static char *xpath_string(xmlXPathContextPtr ctx, const char *expr)
{
    char wrapped[256];
    snprintf(wrapped, sizeof wrapped, "string(%s)", expr);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST wrapped, ctx);
    assert_non_null(o);
    char *s = strdup((const char *)o->stringval);
    xmlXPathFreeObject(o);
    return s;
}

static void test_kml(void **state)
{
    struct fixture *fx = *state;
    struct buf b;
    assert_int_equal(io_write_roster_kml(buf_open(&b), fx->s, fx->p), 0);
    buf_close(&b);
    xmlDocPtr doc = xmlReadMemory(b.data, (int)b.len, "roster.kml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "kml");
    assert_string_equal((const char *)root->ns->href, "http://www.opengis.net/kml/2.2");
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "k", BAD_CAST "http://www.opengis.net/kml/2.2");

    assert_int_equal(xpath_count(ctx, "/k:kml/k:Document/k:Style"), 4);
    assert_int_equal(xpath_count(ctx, "//k:Folder"), 2);
    assert_int_equal(xpath_count(ctx, "//k:Placemark"), 7);      /* 6 TPS + 1 route */
    assert_int_equal(xpath_count(ctx, "//k:Placemark/k:Point"), 6);
    assert_int_equal(xpath_count(ctx, "//k:LineString"), 1);
    assert_int_equal(xpath_count(ctx, "/k:kml/k:Document/k:Folder[1]/k:Placemark"), 5);
    assert_int_equal(xpath_count(ctx, "//k:Placemark[k:styleUrl='#sangat_rawan']"), 1);
    assert_int_equal(xpath_count(ctx, "//k:Placemark[k:styleUrl='#kurang_rawan']"), 4);

    char *v = xpath_string(ctx, "//k:Placemark[1]/k:ExtendedData/k:Data[@name='desa']/k:value");
    assert_string_equal(v, DESA_NAME);
    free(v);
    v = xpath_string(ctx, "//k:Placemark[1]/k:ExtendedData/k:Data[@name='post']/k:value");
    assert_string_equal(v, "P0001");
    free(v);
    /* the balloon is HTML: names escaped once for HTML, guards named */
    v = xpath_string(ctx, "//k:Placemark[1]/k:description");
    assert_non_null(strstr(v, DESA_HTML));
    assert_non_null(strstr(v, "Bripka Budi &quot;Bob&quot; \\ Tab\tEnd"));
    assert_non_null(strstr(v, "POLSEK-1-002 &#8212; POLSEK-1 (Polri)"));
    assert_non_null(strstr(v, "LINMAS-1-001 &#8212; LINMAS-1 (Linmas)"));
    assert_non_null(strstr(v, "rute 2.00 km"));
    free(v);
    /* the route closes at its anchor: t0, t1, t2, t0 */
    v = xpath_string(ctx, "//k:LineString/k:coordinates");
    double lon[4], lat[4];
    assert_int_equal(sscanf(v, "%lf,%lf %lf,%lf %lf,%lf %lf,%lf", &lon[0], &lat[0],
                            &lon[1], &lat[1], &lon[2], &lat[2], &lon[3], &lat[3]), 8);
    assert_true(fabs(lon[0] - SB_LON0) < 1e-9 && fabs(lat[0] - SB_LAT0) < 1e-6);
    assert_true(lat[1] > lat[0] && lat[2] > lat[1]);
    assert_true(lon[3] == lon[0] && lat[3] == lat[0]);
    free(v);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);

    /* same plan, same bytes */
    struct buf b2;
    io_write_roster_kml(buf_open(&b2), fx->s, fx->p);
    buf_close(&b2);
    assert_int_equal(b.len, b2.len);
    assert_memory_equal(b.data, b2.data, b.len);
    free(b.data);
    free(b2.data);
}

/* ---- roster.geojson ---------------------------------------------------- */

/* A strict parse by Python's json module: strict UTF-8, no NaN or
 * Infinity, then the structure RFC 7946 asks for. */
static const char GEOJSON_CHECK[] =
    "import json, sys\n"
    "raw = open(sys.argv[1], 'rb').read().decode('utf-8', 'strict')\n"
    "def bad(c): raise ValueError('constant ' + c)\n"
    "d = json.loads(raw, parse_constant=bad)\n"
    "assert d['type'] == 'FeatureCollection' and 'crs' not in d\n"
    "f = d['features']\n"
    "assert len(f) == 7, len(f)\n"
    "pts = [x for x in f if x['geometry']['type'] == 'Point']\n"
    "lines = [x for x in f if x['geometry']['type'] == 'LineString']\n"
    "assert len(pts) == 6 and len(lines) == 1\n"
    "for x in pts:\n"
    "    lon, lat = x['geometry']['coordinates']\n"
    "    assert 103 < lon < 104 and -5 < lat < -4, (lon, lat)\n"
    "p = pts[0]['properties']\n"
    "assert p['tps'] == '1704012001001' and p['grade'] == 'kurang_rawan'\n"
    "assert p['desa_name'] == 'Desa \"A\" & <B>' and p['kecamatan'] == '170401'\n"
    "assert p['post'] == 'P0001' and len(p['guards']) == 2 and len(p['linmas']) == 2\n"
    "assert p['guards'][0]['name'] == 'Budi \"Bob\" \\\\ Tab\\tEnd'\n"
    "assert p['guards'][0]['rank'] == 'Bripka' and p['guards'][0]['force'] == 'polri'\n"
    "q = pts[5]['properties']\n"
    "assert len(q['linmas']) == 1 and q['linmas_required'] == 2\n"
    "c = lines[0]['geometry']['coordinates']\n"
    "assert len(c) == 4 and c[0] == c[3], c\n"
    "r = lines[0]['properties']\n"
    "assert r['post'] == 'P0001' and r['route_km'] == 2.0 and len(r['tps']) == 3\n"
    "print('geojson ok')\n";

static void test_geojson(void **state)
{
    struct fixture *fx = *state;
    char dir[] = "/tmp/siaga-maps-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char gj[64], py[64], cmd[256];
    snprintf(gj, sizeof gj, "%s/roster.geojson", dir);
    snprintf(py, sizeof py, "%s/check.py", dir);
    FILE *f = fopen(gj, "w");
    assert_non_null(f);
    assert_int_equal(io_write_roster_geojson(f, fx->s, fx->p), 0);
    assert_int_equal(fclose(f), 0);
    f = fopen(py, "w");
    assert_non_null(f);
    fputs(GEOJSON_CHECK, f);
    assert_int_equal(fclose(f), 0);
    snprintf(cmd, sizeof cmd, "python3 %s %s", py, gj);
    int rc = system(cmd);
    unlink(gj);
    unlink(py);
    rmdir(dir);
    assert_int_equal(rc, 0);
}

/* ---- laporan.html and cakupan.html ------------------------------------- */

/* Self-contained: nothing a browser would fetch. */
static void assert_self_contained(const char *html)
{
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href="));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    /* the only URL is the SVG namespace name, which is never fetched */
    assert_int_equal(count(html, "http"), count(html, "http://www.w3.org/2000/svg"));
}

static void test_report_html(void **state)
{
    struct fixture *fx = *state;
    struct buf b;
    assert_int_equal(io_write_report_html(buf_open(&b), fx->s, fx->p), 0);
    const char *h = buf_close(&b);
    assert_true(strncmp(h, "<!DOCTYPE html>\n<html lang=\"id\">", 32) == 0);
    assert_self_contained(h);
    assert_non_null(strstr(h, "@page{size:A4"));
    assert_non_null(strstr(h, "Uji &lt;peta&gt; &amp; &quot;laporan&quot;"));
    assert_null(strstr(h, "<peta>"));
    assert_null(strstr(h, "<B>"));
    assert_non_null(strstr(h, DESA_HTML));
    /* the summary's TOTAL row, the numbers of the header comment */
    assert_non_null(strstr(h, "<tr class=\"total\"><td class=\"kode\">TOTAL</td><td></td>"
                              "<td class=\"n\">4</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                              "<td class=\"n\">4</td><td class=\"n\">7</td><td class=\"n\">5</td>"
                              "<td class=\"n\">2</td><td class=\"n\">12</td><td class=\"n\">11</td>"
                              "<td class=\"n kosong\">1</td><td class=\"n\">1</td></tr>"));
    /* objective item 4 with its bound and gap (12.5 - 10) / 12.5 = 20% */
    assert_non_null(strstr(h, "<td class=\"n\">12.50</td><td class=\"n\">10.00</td>"
                              "<td class=\"n\">20.00%</td>"));
    /* a section per Polsek (kecamatan) and one for the Polres reserve */
    assert_int_equal(count(h, "<section class=\"polsek\""), 3);
    assert_non_null(strstr(h, "<h2>POLSEK-1 &#8212; Kecamatan Kec 1 (170401)</h2>"));
    assert_non_null(strstr(h, "Bripka Budi &quot;Bob&quot; \\ Tab\tEnd &#8212; POLSEK-1 (Polri)"));
    assert_non_null(strstr(h, "<span class=\"kosong\">1 kosong</span>"));
    /* the map: six TPS, one route of four points (closed) */
    assert_int_equal(count(h, "<circle cx="), 6);
    assert_int_equal(count(h, "<polyline points="), 1);
    const char *pl = strstr(h, "<polyline points=\"");
    double x0, y0, x1, y1, x2, y2, x3, y3;
    assert_int_equal(sscanf(pl, "<polyline points=\"%lf,%lf %lf,%lf %lf,%lf %lf,%lf\"",
                            &x0, &y0, &x1, &y1, &x2, &y2, &x3, &y3), 8);
    assert_true(x0 == x3 && y0 == y3 && y1 < y0 && y2 < y1); /* north is up */
    free(b.data);
}

static void test_coverage_html(void **state)
{
    struct fixture *fx = *state;
    char path[] = "/tmp/siaga-roster-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_int_equal(io_write_roster_xml(f, fx->s, fx->p), 0);
    assert_int_equal(fclose(f), 0);
    struct raw_roster *r = NULL;
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(io_read_roster(path, &r, &el), SIAGA_OK);
    struct audit_report *rep = audit_run(fx->s, r);
    assert_non_null(rep);
    assert_int_equal(rep->nviolation, 0);
    assert_int_equal(rep->nshort, 1); /* t5: one Linmas of two */

    struct buf b;
    assert_int_equal(io_write_coverage_html(buf_open(&b), fx->s, r, rep), 0);
    const char *h = buf_close(&b);
    assert_self_contained(h);
    assert_non_null(strstr(h, "HASIL: TIDAK LULUS (0 pelanggaran, 1 TPS kurang)"));
    assert_non_null(strstr(h, "<h2>TPS kurang personel (1)</h2>"));
    assert_non_null(strstr(h, "<td class=\"kode\">1704022002002</td>"));
    assert_non_null(strstr(h, "<td class=\"n kosong\">1 dari 2</td>"));
    assert_int_equal(count(h, "r=\"9\"/>"), 1);             /* the ring on t5 */
    assert_int_equal(count(h, "<polyline points="), 1);
    assert_non_null(strstr(h, DESA_HTML));
    /* TOTAL tally: 7 places required, 5 Polri, 2 TNI, Linmas 11 of 12 */
    assert_non_null(strstr(h, "<td class=\"n\">7</td><td class=\"n\">5</td>"
                              "<td class=\"n\">2</td><td class=\"n\">100.0%</td>"
                              "<td class=\"n\">12</td><td class=\"n kosong\">11</td></tr>\n"
                              "</tbody>"));
    free(b.data);

    /* the folder variant writes DIR/cakupan.html and nothing else */
    char dir[] = "/tmp/siaga-cakupan-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(io_write_check_report(dir, fx->s, r, rep, false, &el), SIAGA_OK);
    char file[96];
    snprintf(file, sizeof file, "%s/cakupan.html", dir);
    assert_int_equal(access(file, R_OK), 0);
    unlink(file);
    assert_int_equal(rmdir(dir), 0); /* empty: no temporaries left */

    audit_destroy(rep);
    raw_roster_destroy(r);
    error_list_free(&el);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_json_utf8),
        cmocka_unit_test(test_json_structure),
        cmocka_unit_test(test_json_newline),
        cmocka_unit_test(test_json_misuse),
        cmocka_unit_test_setup_teardown(test_summary_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_geojson, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coverage_html, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
