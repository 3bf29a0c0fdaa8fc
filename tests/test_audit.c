/*
 * test_audit.c - the roster audit (model/audit.c) and its text report
 * (io/report/audit_text.c) on a small scenario built in code.
 *
 * The scenario: kabupaten 1704 with kecamatan 170401 (desa 1704012001 and
 * 1704012002) and 170402 (desa 1704022001); seven TPS near (0, 0), where
 * 0.01 degree of longitude on the equator is 1.11195 km.  The correct
 * roster (BASE below) passes; each other test edits a few of its lines so
 * that exactly one rule is broken, and checks that exactly that finding is
 * made, on the right line.  Routes were worked out by hand (haversine):
 * P0001 t0-t1-t3 = 1.1120 + 0.5560 + 1.6679 = 3.3359 km, P0004 t5-t6 =
 * 2 x 1.1120 = 2.2239 km.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/roster_read.h"
#include "io/report/audit_text.h"
#include "model/audit.h"
#include "model/scenario.h"

#define SCEN_FILE "uji-kaur.xml"

/* Scenario lines, as if read from SCEN_FILE. */
enum {
    L_T0 = 10, L_T1 = 11, L_T2 = 12, L_T3 = 14, L_T4 = 15, L_T5 = 18,
    L_T6 = 19, L_POLRES = 30, L_POLSEK = 36, L_KORAMIL = 40,
    L_KORAMIL_SMD = 41, L_LINMAS_A = 43, L_LINMAS_B = 44, L_LINMAS_C = 45,
    L_POS_GW = 47
};

/* The correct roster; BASE[i] is line i + 1. */
static const char *const BASE[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"Uji Kaur\" status=\"optimal\">",
    "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"3.34\">",
    "    <tps id=\"1704012001001\"/>",
    "    <tps id=\"1704012001002\"/>",
    "    <tps id=\"1704012002001\"/>",
    "    <guard member=\"85010001\" unit=\"POLSEK-KINAL\" force=\"polri\"/>",
    "    <guard member=\"KORAMIL-KINAL-001\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
    "  </post>",
    "  <post id=\"P0002\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0\">",
    "    <tps id=\"1704012001003\"/>",
    "    <guard member=\"85010002\" unit=\"POLSEK-KINAL\" force=\"polri\"/>",
    "  </post>",
    "  <post id=\"P0003\" grade=\"sangat_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"0\">",
    "    <tps id=\"1704012002002\"/>",
    "    <guard member=\"79010001\" unit=\"POLRES-KAUR\" force=\"polri\"/>",
    "    <guard member=\"KORAMIL-KINAL-002\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
    "  </post>",
    "  <post id=\"P0004\" grade=\"kurang_rawan\" kecamatan=\"170402\" required=\"2\" route_km=\"2.22\">",
    "    <tps id=\"1704022001001\"/>",
    "    <tps id=\"1704022001002\"/>",
    "    <guard member=\"79010002\" unit=\"POLRES-KAUR\" force=\"polri\"/>",
    "    <guard member=\"KORAMIL-SEMIDANG-001\" unit=\"KORAMIL-SEMIDANG\" force=\"tni\"/>",
    "  </post>",
    "  <linmas tps=\"1704012001001\" member=\"LINMAS-1704012001-001\" unit=\"LINMAS-1704012001\"/>",
    "  <linmas tps=\"1704012001002\" member=\"LINMAS-1704012001-002\" unit=\"LINMAS-1704012001\"/>",
    "  <linmas tps=\"1704012001003\" member=\"LINMAS-1704012001-003\" unit=\"LINMAS-1704012001\"/>",
    "  <linmas tps=\"1704012002001\" member=\"LINMAS-1704012002-001\" unit=\"LINMAS-1704012002\"/>",
    "  <linmas tps=\"1704012002002\" member=\"LINMAS-1704012002-002\" unit=\"LINMAS-1704012002\"/>",
    "  <linmas tps=\"1704022001001\" member=\"LINMAS-1704022001-001\" unit=\"LINMAS-1704022001\"/>",
    "  <linmas tps=\"1704022001002\" member=\"LINMAS-1704022001-002\" unit=\"LINMAS-1704022001\"/>",
    "  <reserve member=\"79010003\" unit=\"POLRES-KAUR\" force=\"polri\"/>",
    "  <reserve member=\"79010004\" unit=\"POLRES-KAUR\" force=\"polri\"/>",
    "  <reserve member=\"79010005\" unit=\"POLRES-KAUR\" force=\"polri\"/>",
    "  <reserve member=\"KORAMIL-KINAL-003\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
    "  <reserve member=\"86010001\" unit=\"POS-GEDUNG-WANI\" force=\"polri\"/>",
    "  <reserve member=\"LINMAS-1704012001-004\" unit=\"LINMAS-1704012001\" force=\"linmas\"/>",
    "</roster>",
};
#define NBASE ((int)(sizeof BASE / sizeof BASE[0]))

/* Replace line `line` with text (or with text appended when append). */
struct edit {
    int line;
    const char *text;
    int append;
};

struct fixture {
    struct scenario *s;
    struct raw_roster *r;
    struct audit_report *rep;
    char path[64];
    int made;   /* path names a file to remove */
};

/* ---- the scenario ---------------------------------------------------- */

static const char *sdup(struct scenario *s, const char *str)
{
    const char *d = scenario_strdup(s, str);
    assert_non_null(d);
    return d;
}

static void add_tps(struct scenario *s, int desa, int no, double lat,
                    double lon, enum grade g, long line)
{
    struct tps t = {0};
    t.desa = desa;
    t.kecamatan = s->desa[desa].kecamatan;
    t.kabupaten = s->kec[t.kecamatan].kabupaten;
    t.no = no;
    t.lat = lat;
    t.lon = lon;
    t.grade = g;
    t.voters = -1;
    t.line = line;
    assert_true(scenario_add_tps(s, &t) >= 0);
}

/* A unit of n members: ids[] when given, else UNITID-001... */
static void add_unit(struct scenario *s, const char *id, enum force f,
                     enum scope sc, int region, int n, const char *const *ids,
                     long line)
{
    struct unit u = {0};
    u.id = sdup(s, id);
    u.name = u.id;
    u.force = f;
    u.scope = sc;
    u.region = region;
    u.first_member = s->nmember;
    u.nmembers = n;
    u.count = ids == NULL ? n : 0;
    u.line = line;
    int ui = scenario_add_unit(s, &u);
    assert_true(ui >= 0);
    for (int i = 0; i < n; i++) {
        char buf[64];
        struct member m = {0};
        if (ids != NULL)
            snprintf(buf, sizeof buf, "%s", ids[i]);
        else
            snprintf(buf, sizeof buf, "%s-%03d", id, i + 1);
        m.id = sdup(s, buf);
        m.name = m.id;
        m.unit = ui;
        m.line = ids != NULL ? line + 1 + i : line;
        assert_true(scenario_add_member(s, &m) >= 0);
    }
}

static struct scenario *make_scenario(void)
{
    struct scenario *s = scenario_create();
    assert_non_null(s);
    s->file = sdup(s, SCEN_FILE);
    s->name = sdup(s, "Uji Kaur");
    s->date = sdup(s, "2024-02-14");
    s->rules.linmas_per_tps = 1;

    struct kabupaten kab = {sdup(s, "1704"), sdup(s, "Kaur"), 3};
    assert_int_equal(scenario_add_kabupaten(s, &kab), 0);
    struct kecamatan k0 = {sdup(s, "170401"), sdup(s, "Kinal"), 0, 4};
    struct kecamatan k1 = {sdup(s, "170402"), sdup(s, "Semidang"), 0, 16};
    assert_int_equal(scenario_add_kecamatan(s, &k0), 0);
    assert_int_equal(scenario_add_kecamatan(s, &k1), 1);
    struct desa d0 = {sdup(s, "1704012001"), sdup(s, "Gedung Wani"), 0, 5};
    struct desa d1 = {sdup(s, "1704012002"), sdup(s, "Tanjung"), 0, 13};
    struct desa d2 = {sdup(s, "1704022001"), sdup(s, "Muara"), 1, 17};
    assert_int_equal(scenario_add_desa(s, &d0), 0);
    assert_int_equal(scenario_add_desa(s, &d1), 1);
    assert_int_equal(scenario_add_desa(s, &d2), 2);

    add_tps(s, 0, 1, 0.0, 0.00, GRADE_KURANG_RAWAN, L_T0);   /* t0 */
    add_tps(s, 0, 2, 0.0, 0.01, GRADE_KURANG_RAWAN, L_T1);   /* t1 */
    add_tps(s, 0, 3, -0.005, 0.0, GRADE_RAWAN, L_T2);        /* t2 */
    add_tps(s, 1, 1, 0.0, 0.015, GRADE_KURANG_RAWAN, L_T3);   /* t3 */
    add_tps(s, 1, 2, 0.0, 0.06, GRADE_SANGAT_RAWAN, L_T4);   /* t4 */
    add_tps(s, 2, 1, 0.005, 0.00, GRADE_KURANG_RAWAN, L_T5); /* t5 */
    add_tps(s, 2, 2, 0.005, 0.01, GRADE_KURANG_RAWAN, L_T6); /* t6 */

    static const char *const polres[] = {"79010001", "79010002", "79010003",
                                         "79010004", "79010005"};
    static const char *const polsek[] = {"85010001", "85010002"};
    static const char *const posgw[] = {"86010001"};
    add_unit(s, "POLRES-KAUR", FORCE_POLRI, SCOPE_ANY, -1, 5, polres,
             L_POLRES);
    add_unit(s, "POLSEK-KINAL", FORCE_POLRI, SCOPE_KECAMATAN, 0, 2, polsek,
             L_POLSEK);
    add_unit(s, "KORAMIL-KINAL", FORCE_TNI, SCOPE_KECAMATAN, 0, 3, NULL,
             L_KORAMIL);
    add_unit(s, "KORAMIL-SEMIDANG", FORCE_TNI, SCOPE_KECAMATAN, 1, 1, NULL,
             L_KORAMIL_SMD);
    add_unit(s, "LINMAS-1704012001", FORCE_LINMAS, SCOPE_DESA, 0, 4, NULL,
             L_LINMAS_A);
    add_unit(s, "LINMAS-1704012002", FORCE_LINMAS, SCOPE_DESA, 1, 2, NULL,
             L_LINMAS_B);
    add_unit(s, "LINMAS-1704022001", FORCE_LINMAS, SCOPE_DESA, 2, 2, NULL,
             L_LINMAS_C);
    add_unit(s, "POS-GEDUNG-WANI", FORCE_POLRI, SCOPE_DESA, 0, 1, posgw,
             L_POS_GW - 1);

    struct error_list el;
    error_list_init(&el);
    int rc = scenario_finish(s, &el);
    for (int i = 0; i < el.n; i++)
        fprintf(stderr, "%s:%ld: %s\n", el.items[i].file, el.items[i].line,
                el.items[i].message);
    error_list_free(&el);
    assert_int_equal(rc, SIAGA_OK);
    return s;
}

/* ---- fixtures and helpers --------------------------------------------- */

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    fx->s = make_scenario();
    snprintf(fx->path, sizeof fx->path, "/tmp/siaga-audit-XXXXXX");
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    audit_destroy(fx->rep);
    raw_roster_destroy(fx->r);
    scenario_destroy(fx->s);
    if (fx->made)
        unlink(fx->path);
    free(fx);
    return 0;
}

/* Write BASE with edits (terminated by line 0) to a temporary file, read
 * it with io_read_roster and audit it. */
static const struct audit_report *run(struct fixture *fx,
                                      const struct edit *ed)
{
    int fd = mkstemp(fx->path);
    assert_true(fd >= 0);
    fx->made = 1;
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    for (int i = 0; i < NBASE; i++) {
        const char *text = BASE[i];
        const char *extra = "";
        for (const struct edit *e = ed; e != NULL && e->line != 0; e++)
            if (e->line == i + 1) {
                if (e->append)
                    extra = e->text;
                else
                    text = e->text;
            }
        fprintf(f, "%s%s\n", text, extra);
    }
    assert_int_equal(fclose(f), 0);

    struct error_list el;
    error_list_init(&el);
    int rc = io_read_roster(fx->path, &fx->r, &el);
    for (int i = 0; i < el.n; i++)
        fprintf(stderr, "%s:%ld: %s\n", el.items[i].file, el.items[i].line,
                el.items[i].message);
    error_list_free(&el);
    assert_int_equal(rc, SIAGA_OK);
    fx->rep = audit_run(fx->s, fx->r);
    assert_non_null(fx->rep);
    return fx->rep;
}

static void dump(const struct audit_report *rep)
{
    for (long i = 0; i < rep->nfinding; i++)
        fprintf(stderr, "  [%s] %s:%ld: %s\n",
                audit_rule_name(rep->finding[i].rule), rep->finding[i].file,
                rep->finding[i].line, rep->finding[i].message);
}

/* Exactly one violation, of this rule, on this line of the roster file
 * (or of the scenario file when in_scenario), and no warning. */
static void expect_one(struct fixture *fx, const struct audit_report *rep,
                       enum audit_rule rule, long line, int in_scenario)
{
    if (rep->nfinding != 1)
        dump(rep);
    assert_int_equal(rep->nfinding, 1);
    assert_int_equal(rep->nviolation, 1);
    const struct audit_finding *f = &rep->finding[0];
    assert_string_equal(audit_rule_name(f->rule), audit_rule_name(rule));
    assert_int_equal(f->level, AUDIT_VIOLATION);
    assert_int_equal(f->line, line);
    assert_string_equal(f->file, in_scenario ? SCEN_FILE : fx->path);
    assert_int_equal(rep->count[rule], 1);
    assert_false(audit_passed(rep));
}

static void expect_tally(const struct audit_tally *t, long kr, long r,
                         long sr, long greq, long polri, long tni, long lreq,
                         long lfill)
{
    assert_int_equal(t->tps[GRADE_KURANG_RAWAN], kr);
    assert_int_equal(t->tps[GRADE_RAWAN], r);
    assert_int_equal(t->tps[GRADE_SANGAT_RAWAN], sr);
    assert_int_equal(t->guard_required, greq);
    assert_int_equal(t->guard_polri, polri);
    assert_int_equal(t->guard_tni, tni);
    assert_int_equal(t->linmas_required, lreq);
    assert_int_equal(t->linmas_filled, lfill);
}

/* The text report into a string (caller frees). */
static char *report_text(const struct scenario *s,
                         const struct audit_report *rep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(io_write_audit(f, s, rep), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

#define STATUS_SHORTAGE \
    {2, "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"Uji Kaur\" status=\"shortage\">", 0}

/* ---- the correct roster ----------------------------------------------- */

static void test_correct_roster_passes(void **state)
{
    struct fixture *fx = *state;
    const struct audit_report *rep = run(fx, NULL);
    if (rep->nfinding != 0)
        dump(rep);
    assert_int_equal(rep->nfinding, 0);
    assert_int_equal(rep->nshort, 0);
    assert_true(audit_passed(rep));

    /* worked out by hand: P0001 (anchor t0) and P0002 (t2) in desa
     * 1704012001, P0003 (t4) in 1704012002, P0004 (t5) in 1704022001 */
    assert_int_equal(rep->ndesa, 3);
    expect_tally(&rep->desa[0], 2, 1, 0, 3, 2, 1, 3, 3);
    expect_tally(&rep->desa[1], 1, 0, 1, 2, 1, 1, 2, 2);
    expect_tally(&rep->desa[2], 2, 0, 0, 2, 1, 1, 2, 2);
    expect_tally(&rep->kec[0], 3, 1, 1, 5, 3, 2, 5, 5);
    expect_tally(&rep->kec[1], 2, 0, 0, 2, 1, 1, 2, 2);
    expect_tally(&rep->kab[0], 5, 1, 1, 7, 4, 3, 7, 7);
    expect_tally(&rep->total, 5, 1, 1, 7, 4, 3, 7, 7);

    char *txt = report_text(fx->s, rep);
    assert_non_null(strstr(txt, "Pelanggaran aturan: 0\n(tidak ada)\n"));
    assert_non_null(strstr(txt, "TPS kurang personel: 0\n(tidak ada)\n"));
    assert_non_null(strstr(txt, "Rekap cakupan\n"));
    assert_non_null(strstr(txt,
        "desa       1704012001      2      1      0       3       2       1"
        "       3       3  Gedung Wani\n"));
    assert_non_null(strstr(txt,
        "kecamatan  170401          3      1      1       5       3       2"
        "       5       5  Kinal\n"));
    assert_non_null(strstr(txt,
        "TOTAL                      5      1      1       7       4       3"
        "       7       7\n"));
    /* desa rows before their kecamatan, kabupaten after its kecamatan */
    assert_true(strstr(txt, "desa       1704022001") <
                strstr(txt, "kecamatan  170402"));
    assert_true(strstr(txt, "kecamatan  170402") <
                strstr(txt, "kabupaten  1704"));
    size_t n = strlen(txt);
    assert_true(n > 14);
    assert_string_equal(txt + n - 13, "HASIL: LULUS\n");
    free(txt);
}

/* ---- TPS -------------------------------------------------------------- */

static void test_tps_unknown(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {6, "<tps id=\"1704012009001\"/>", 1}, {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_TPS_UNKNOWN, 6, 0);
}

static void test_tps_in_no_post(void **state)
{
    struct fixture *fx = *state;
    /* t3 leaves P0001 (route t0-t1 = 2.2239 km); its place is empty, so
     * the roster says "shortage" */
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {3, "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
            "required=\"2\" route_km=\"2.22\">", 0},
        {6, "", 0}, {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_TPS_UNASSIGNED, L_T3, 1);
    assert_int_equal(rep->nshort, 0);
    /* its TPS still counts, its (absent) post's places do not */
    expect_tally(&rep->desa[1], 1, 0, 1, 2, 1, 1, 2, 2);
}

static void test_tps_in_two_posts(void **state)
{
    struct fixture *fx = *state;
    /* t1 again: the walk t0-t1-t3-t1 is 1.1120 + 2 x 0.5560 + 1.1120 =
     * 3.3359 km, as before (the four lie on the equator) */
    static const struct edit ed[] = {
        {6, "<tps id=\"1704012001002\"/>", 1}, {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_TPS_TWICE, 6, 0);
}

/* ---- members ---------------------------------------------------------- */

static void test_member_unknown(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {35, "<reserve member=\"79019999\" unit=\"POLRES-KAUR\" force=\"polri\"/>", 1},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_MEMBER_UNKNOWN, 35, 0);
}

static void test_member_twice(void **state)
{
    struct fixture *fx = *state;
    /* 79010001 guards P0003 (line 16) and is listed again as reserve */
    static const struct edit ed[] = {
        {35, "<reserve member=\"79010001\" unit=\"POLRES-KAUR\" force=\"polri\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_MEMBER_TWICE, 35, 0);
    assert_non_null(strstr(rep->finding[0].message, "baris 16"));
}

static void test_member_twice_linmas_and_reserve(void **state)
{
    struct fixture *fx = *state;
    /* a Linmas member placed at her TPS and again as a reserve */
    static const struct edit ed[] = {
        {37, "  <reserve member=\"LINMAS-1704012001-001\" unit=\"LINMAS-1704012001\" force=\"linmas\"/>", 0},
        {36, "<reserve member=\"LINMAS-1704012001-004\" unit=\"LINMAS-1704012001\" force=\"linmas\"/>", 1},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_MEMBER_TWICE, 37, 0);
}

static void test_member_forgotten(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {{34, "", 0}, {0, NULL, 0}};
    /* 79010005 is the fifth member of POLRES-KAUR */
    expect_one(fx, run(fx, ed), AUDIT_MEMBER_MISSING, L_POLRES + 5, 1);
}

static void test_unit_wrong(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {33, "  <reserve member=\"79010004\" unit=\"POLSEK-KINAL\" force=\"polri\"/>", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_UNIT_WRONG, 33, 0);
}

static void test_force_wrong(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {8, "    <guard member=\"KORAMIL-KINAL-001\" unit=\"KORAMIL-KINAL\" force=\"polri\"/>", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_FORCE_WRONG, 8, 0);
}

static void test_linmas_as_guard(void **state)
{
    struct fixture *fx = *state;
    /* LINMAS-1704012002-002 leaves TPS t4 to guard P0003; KORAMIL-KINAL-002
     * goes to the reserve */
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {17, "    <guard member=\"LINMAS-1704012002-002\" unit=\"LINMAS-1704012002\" force=\"linmas\"/>", 0},
        {29, "", 0},
        {35, "<reserve member=\"KORAMIL-KINAL-002\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_LINMAS_AS_GUARD, 17, 0);
    /* t4 (index 4) is short of a guard and of its Linmas */
    assert_int_equal(rep->nshort, 1);
    assert_int_equal(rep->shortfall[0].tps, 4);
    assert_int_equal(rep->shortfall[0].polri, 1);
    assert_int_equal(rep->shortfall[0].tni, 0);
    assert_int_equal(rep->shortfall[0].linmas, 0);
}

static void test_guard_as_linmas(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {29, "  <linmas tps=\"1704012002002\" member=\"79010003\" unit=\"POLRES-KAUR\"/>", 0},
        {32, "", 0},
        {35, "<reserve member=\"LINMAS-1704012002-002\" unit=\"LINMAS-1704012002\" force=\"linmas\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_GUARD_AS_LINMAS, 29, 0);
    assert_int_equal(rep->nshort, 1);
    assert_int_equal(rep->total.linmas_filled, 6);
}

/* ---- scope ------------------------------------------------------------ */

static void test_guard_out_of_scope(void **state)
{
    struct fixture *fx = *state;
    /* Koramil Kinal (kecamatan 170401) guarding P0004 in 170402 */
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {23, "    <guard member=\"KORAMIL-KINAL-003\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>", 0},
        {35, "  <reserve member=\"KORAMIL-SEMIDANG-001\" unit=\"KORAMIL-SEMIDANG\" force=\"tni\"/>", 0},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_GUARD_SCOPE, 23, 0);
    /* both TPS of P0004 are short: 1 Polri of 2 places */
    assert_int_equal(rep->nshort, 2);
    assert_int_equal(rep->shortfall[0].tps, 5);
    assert_int_equal(rep->shortfall[1].tps, 6);
    assert_int_equal(rep->shortfall[1].guards_required, 2);
    assert_int_equal(rep->shortfall[1].polri, 1);
    assert_int_equal(rep->shortfall[1].tni, 0);
    expect_tally(&rep->desa[2], 2, 0, 0, 2, 1, 0, 2, 2);
    expect_tally(&rep->total, 5, 1, 1, 7, 4, 2, 7, 7);

    char *txt = report_text(fx->s, rep);
    char want[128];
    snprintf(want, sizeof want, "%s:23: pelanggaran: ", fx->path);
    assert_non_null(strstr(txt, want));
    assert_non_null(strstr(txt, "TPS kurang personel: 2\n1704022001001"));
    assert_non_null(strstr(txt, "pos P0004: pengamanan 1 dari 2"));
    size_t n = strlen(txt);
    const char *verdict = "HASIL: TIDAK LULUS (1 pelanggaran, 2 TPS kurang)\n";
    assert_true(n > strlen(verdict));
    assert_string_equal(txt + n - strlen(verdict), verdict);
    free(txt);
}

static void test_guard_out_of_scope_for_one_tps(void **state)
{
    struct fixture *fx = *state;
    /* Pos Gedung Wani serves desa 1704012001 only: t0 and t1 of P0001,
     * not t3 (desa 1704012002) */
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {7, "    <guard member=\"86010001\" unit=\"POS-GEDUNG-WANI\" force=\"polri\"/>", 0},
        {36, "  <reserve member=\"85010001\" unit=\"POLSEK-KINAL\" force=\"polri\"/>", 0},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_GUARD_SCOPE, 7, 0);
    assert_non_null(strstr(rep->finding[0].message, "1704012002001"));
    assert_int_equal(rep->nshort, 3);
}

static void test_linmas_out_of_scope(void **state)
{
    struct fixture *fx = *state;
    /* the Linmas of desa 1704022001 at t3 (desa 1704012002) */
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {28, "  <linmas tps=\"1704012002001\" member=\"LINMAS-1704022001-002\" unit=\"LINMAS-1704022001\"/>", 0},
        {31, "", 0},
        {36, "<reserve member=\"LINMAS-1704012002-001\" unit=\"LINMAS-1704012002\" force=\"linmas\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_LINMAS_SCOPE, 28, 0);
    assert_int_equal(rep->nshort, 2);   /* t3 and t6 */
    assert_int_equal(rep->total.linmas_filled, 5);
}

static void test_linmas_over(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {31, "<linmas tps=\"1704012001001\" member=\"LINMAS-1704012001-004\" unit=\"LINMAS-1704012001\"/>", 1},
        {37, "", 0},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_LINMAS_OVER, 31, 0);
    assert_int_equal(rep->desa[0].linmas_filled, 3);
}

static void test_linmas_tps_unknown(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {31, "<linmas tps=\"1704012009001\" member=\"LINMAS-1704012001-004\" unit=\"LINMAS-1704012001\"/>", 1},
        {37, "", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_LINMAS_TPS_UNKNOWN, 31, 0);
}

/* ---- posts ------------------------------------------------------------ */

static void test_post_over_size(void **state)
{
    struct fixture *fx = *state;
    fx->s->rules.grade[GRADE_KURANG_RAWAN].tps_per_post = 2;
    expect_one(fx, run(fx, NULL), AUDIT_POST_SIZE, 3, 0);
}

static void test_post_over_radius(void **state)
{
    struct fixture *fx = *state;
    /* t3 is 1.6679 km from t0; t6 is 1.1120 km from t5 */
    fx->s->rules.grade[GRADE_KURANG_RAWAN].radius_km = 1.5;
    expect_one(fx, run(fx, NULL), AUDIT_POST_RADIUS, 6, 0);
}

static void test_post_radius_inclusive(void **state)
{
    struct fixture *fx = *state;
    /* exactly at the radius (as a file would say it) is inside */
    fx->s->rules.grade[GRADE_KURANG_RAWAN].radius_km = 1.6679262035;
    const struct audit_report *rep = run(fx, NULL);
    assert_int_equal(rep->nfinding, 0);
}

static void test_post_two_kecamatan(void **state)
{
    struct fixture *fx = *state;
    /* t6 (kecamatan 170402, 1.2432 km from t0) joins P0001: the walk
     * t0-t1-t3-t6 is 1.1120 + 0.5560 + 0.7863 + 1.2432 = 3.6974 km.  Its
     * guards come from Polres Kaur, which serves anywhere, so that no
     * guard is out of scope. */
    static const struct edit ed[] = {
        {7, "    <guard member=\"79010003\" unit=\"POLRES-KAUR\" force=\"polri\"/>", 0},
        {8, "    <guard member=\"79010004\" unit=\"POLRES-KAUR\" force=\"polri\"/>", 0},
        {32, "  <reserve member=\"85010001\" unit=\"POLSEK-KINAL\" force=\"polri\"/>", 0},
        {33, "  <reserve member=\"KORAMIL-KINAL-001\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>", 0},
        {3, "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
            "required=\"2\" route_km=\"3.70\">", 0},
        {6, "<tps id=\"1704022001002\"/>", 1},
        {19, "  <post id=\"P0004\" grade=\"kurang_rawan\" kecamatan=\"170402\" "
             "required=\"2\" route_km=\"0\">", 0},
        {21, "", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_POST_SPAN, 6, 0);
}

static void test_post_mixed_grades(void **state)
{
    struct fixture *fx = *state;
    /* t2 (rawan, 0.5560 km from t0) joins P0001, P0002 goes: the walk
     * t0-t1-t3-t2 is 1.1120 + 0.5560 + 1.7581 + 0.5560 = 3.9821 km */
    static const struct edit ed[] = {
        {3, "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
            "required=\"2\" route_km=\"3.98\">", 0},
        {6, "<tps id=\"1704012001003\"/>", 1},
        {10, "", 0}, {11, "", 0}, {12, "", 0}, {13, "", 0},
        {37, "<reserve member=\"85010002\" unit=\"POLSEK-KINAL\" force=\"polri\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_POST_MIXED, 6, 0);
    /* P0002's rawan place is gone from desa 1704012001 */
    expect_tally(&rep->desa[0], 2, 1, 0, 2, 1, 1, 3, 3);
}

static void test_post_grade_attribute(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {3, "  <post id=\"P0001\" grade=\"rawan\" kecamatan=\"170401\" "
            "required=\"2\" route_km=\"3.34\">", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_POST_GRADE, 3, 0);
}

static void test_post_kecamatan_attribute(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {19, "  <post id=\"P0004\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
             "required=\"2\" route_km=\"2.22\">", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_POST_KECAMATAN, 19, 0);
}

static void test_post_required(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {14, "  <post id=\"P0003\" grade=\"sangat_rawan\" kecamatan=\"170401\" "
             "required=\"1\" route_km=\"0\">", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_POST_REQUIRED, 14, 0);
}

static void test_post_route(void **state)
{
    struct fixture *fx = *state;
    /* 3.35 is 0.0141 km off 3.3359 */
    static const struct edit ed[] = {
        {3, "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
            "required=\"2\" route_km=\"3.35\">", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_POST_ROUTE, 3, 0);
}

static void test_post_route_tolerance(void **state)
{
    struct fixture *fx = *state;
    /* 3.330 is 0.0059 km off 3.3359: within the 0.006 km tolerance */
    static const struct edit ed[] = {
        {3, "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
            "required=\"2\" route_km=\"3.330\">", 0},
        {19, "  <post id=\"P0004\" grade=\"kurang_rawan\" kecamatan=\"170402\" "
             "required=\"2\" route_km=\"2.2239\">", 0},
        {0, NULL, 0}};
    assert_int_equal(run(fx, ed)->nfinding, 0);
}

static void test_guards_over(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {17, "<guard member=\"79010003\" unit=\"POLRES-KAUR\" force=\"polri\"/>", 1},
        {32, "", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_GUARDS_OVER, 17, 0);
}

static void test_tni_in_polri_place(void **state)
{
    struct fixture *fx = *state;
    /* P0003 (2 places, 1 for Polri only) with two TNI */
    static const struct edit ed[] = {
        STATUS_SHORTAGE,
        {16, "    <guard member=\"KORAMIL-KINAL-003\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>", 0},
        {35, "  <reserve member=\"79010001\" unit=\"POLRES-KAUR\" force=\"polri\"/>", 0},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_TNI_OVER, 17, 0);
    /* short of its Polri: 1 of 2 places filled, by TNI */
    assert_int_equal(rep->nshort, 1);
    assert_int_equal(rep->shortfall[0].tps, 4);
    assert_int_equal(rep->shortfall[0].polri, 0);
    assert_int_equal(rep->shortfall[0].tni, 1);
    expect_tally(&rep->desa[1], 1, 0, 1, 2, 0, 1, 2, 2);
}

static void test_post_duplicate_id(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {10, "  <post id=\"P0001\" grade=\"rawan\" kecamatan=\"170401\" "
             "required=\"1\" route_km=\"0\">", 0},
        {0, NULL, 0}};
    expect_one(fx, run(fx, ed), AUDIT_POST_DUP_ID, 10, 0);
}

/* ---- status and scenario name ------------------------------------------ */

static void test_optimal_with_empty_place(void **state)
{
    struct fixture *fx = *state;
    /* P0002's guard goes to the reserve: its place is empty */
    static const struct edit ed[] = {
        {12, "", 0},
        {37, "<reserve member=\"85010002\" unit=\"POLSEK-KINAL\" force=\"polri\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    expect_one(fx, rep, AUDIT_STATUS, 2, 0); /* the <roster> line */
    assert_int_equal(rep->nshort, 1);
    assert_int_equal(rep->shortfall[0].tps, 2);
    assert_string_equal(rep->shortfall[0].post, "P0002");
}

static void test_shortage_with_nothing_empty(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {STATUS_SHORTAGE, {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    assert_int_equal(rep->nfinding, 1);
    assert_int_equal(rep->nwarning, 1);
    assert_int_equal(rep->finding[0].rule, AUDIT_STATUS_SHORTAGE);
    assert_true(audit_passed(rep));
}

static void test_scenario_name(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {2, "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"Uji Bengkulu\" status=\"optimal\">", 0},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    assert_int_equal(rep->nfinding, 1);
    assert_int_equal(rep->nviolation, 0);
    assert_int_equal(rep->finding[0].rule, AUDIT_SCENARIO_NAME);
    assert_int_equal(rep->finding[0].level, AUDIT_WARNING);
    assert_int_equal(rep->finding[0].line, 2);
    assert_true(audit_passed(rep));
    char *txt = report_text(fx->s, rep);
    char want[128];
    snprintf(want, sizeof want, "%s:2: peringatan: roster dibuat untuk "
             "skenario \"Uji Bengkulu\"", fx->path);
    assert_non_null(strstr(txt, want));
    assert_non_null(strstr(txt, "HASIL: LULUS\n"));
    free(txt);
}

/* Several findings come out sorted: roster lines first, then scenario. */
static void test_findings_sorted(void **state)
{
    struct fixture *fx = *state;
    static const struct edit ed[] = {
        {3, "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" "
            "required=\"9\" route_km=\"3.34\">", 0},
        {6, "<tps id=\"1704012009001\"/>", 1},
        {34, "", 0},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    if (rep->nfinding != 3)
        dump(rep);
    assert_int_equal(rep->nfinding, 3);
    assert_int_equal(rep->finding[0].rule, AUDIT_POST_REQUIRED);
    assert_int_equal(rep->finding[0].line, 3);
    assert_int_equal(rep->finding[1].rule, AUDIT_TPS_UNKNOWN);
    assert_int_equal(rep->finding[1].line, 6);
    assert_int_equal(rep->finding[2].rule, AUDIT_MEMBER_MISSING);
    assert_string_equal(rep->finding[2].file, SCEN_FILE);
}

static void test_write_error(void **state)
{
    struct fixture *fx = *state;
    const struct audit_report *rep = run(fx, NULL);
    FILE *f = fopen("/dev/full", "w");
    if (f == NULL)
        skip();
    assert_int_equal(io_write_audit(f, fx->s, rep), -1);
    fclose(f);
}

/* ---- the status claim against reserves and a better plan -------------- */

/* A second scenario, for the reserve rule: kecamatan 170401 with desa
 * 1704012001 (tA at (0, 0), kurang rawan; tC at (-0.005, 0), rawan) and
 * 1704012002 (tB at (0, 0.01), kurang rawan, 1.11195 km from tA); no
 * Linmas places.  Polsek Kinal (1 Polri), Koramil Kinal (2 TNI), Pos
 * Gedung Wani (1 Polri, desa 1704012001 only). */
static struct scenario *make_reserve_scenario(void)
{
    struct scenario *s = scenario_create();
    assert_non_null(s);
    s->file = sdup(s, SCEN_FILE);
    s->name = sdup(s, "Uji Cadangan");
    s->date = sdup(s, "2024-02-14");
    s->rules.linmas_per_tps = 0;
    struct kabupaten kab = {sdup(s, "1704"), sdup(s, "Kaur"), 3};
    assert_int_equal(scenario_add_kabupaten(s, &kab), 0);
    struct kecamatan k0 = {sdup(s, "170401"), sdup(s, "Kinal"), 0, 4};
    assert_int_equal(scenario_add_kecamatan(s, &k0), 0);
    struct desa d0 = {sdup(s, "1704012001"), sdup(s, "Gedung Wani"), 0, 5};
    struct desa d1 = {sdup(s, "1704012002"), sdup(s, "Tanjung"), 0, 8};
    assert_int_equal(scenario_add_desa(s, &d0), 0);
    assert_int_equal(scenario_add_desa(s, &d1), 1);
    add_tps(s, 0, 1, 0.0, 0.00, GRADE_KURANG_RAWAN, 6);     /* tA */
    add_tps(s, 0, 2, -0.005, 0.0, GRADE_RAWAN, 7);          /* tC */
    add_tps(s, 1, 1, 0.0, 0.01, GRADE_KURANG_RAWAN, 9);     /* tB */
    static const char *const polsek[] = {"85010001"};
    static const char *const posgw[] = {"86010001"};
    add_unit(s, "POLSEK-KINAL", FORCE_POLRI, SCOPE_KECAMATAN, 0, 1, polsek,
             20);
    add_unit(s, "KORAMIL-KINAL", FORCE_TNI, SCOPE_KECAMATAN, 0, 2, NULL, 22);
    add_unit(s, "POS-GEDUNG-WANI", FORCE_POLRI, SCOPE_DESA, 0, 1, posgw, 23);
    struct error_list el;
    error_list_init(&el);
    int rc = scenario_finish(s, &el);
    for (int i = 0; i < el.n; i++)
        fprintf(stderr, "%s:%ld: %s\n", el.items[i].file, el.items[i].line,
                el.items[i].message);
    error_list_free(&el);
    assert_int_equal(rc, SIAGA_OK);
    return s;
}

/* Audit the roster text[0..n) against fx->s. */
static const struct audit_report *run_text(struct fixture *fx,
                                           const char *const *text, int n)
{
    int fd = mkstemp(fx->path);
    assert_true(fd >= 0);
    fx->made = 1;
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s\n", text[i]);
    assert_int_equal(fclose(f), 0);
    struct error_list el;
    error_list_init(&el);
    int rc = io_read_roster(fx->path, &fx->r, &el);
    for (int i = 0; i < el.n; i++)
        fprintf(stderr, "%s:%ld: %s\n", el.items[i].file, el.items[i].line,
                el.items[i].message);
    error_list_free(&el);
    assert_int_equal(rc, SIAGA_OK);
    fx->rep = audit_run(fx->s, fx->r);
    assert_non_null(fx->rep);
    return fx->rep;
}

#define ROSTER_HEAD(status) \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", \
    "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"Uji Cadangan\" status=\"" status "\">"

static void test_shortage_no_reserve_fits(void **state)
{
    struct fixture *fx = *state;
    scenario_destroy(fx->s);
    fx->s = make_reserve_scenario();
    /* P0001 (tA, tB) lacks its Polri place.  The idle TNI may not take a
     * Polri place; the idle Polri of Pos Gedung Wani may not serve tB.
     * So "shortage" holds as far as reserves go. */
    static const char *const text[] = {
        ROSTER_HEAD("shortage"),
        "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"2.22\">",
        "    <tps id=\"1704012001001\"/>",
        "    <tps id=\"1704012002001\"/>",
        "    <guard member=\"KORAMIL-KINAL-001\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
        "  </post>",
        "  <post id=\"P0002\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0\">",
        "    <tps id=\"1704012001002\"/>",
        "    <guard member=\"85010001\" unit=\"POLSEK-KINAL\" force=\"polri\"/>",
        "  </post>",
        "  <reserve member=\"KORAMIL-KINAL-002\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
        "  <reserve member=\"86010001\" unit=\"POS-GEDUNG-WANI\" force=\"polri\"/>",
        "</roster>"};
    const struct audit_report *rep = run_text(fx, text, (int)(sizeof text / sizeof text[0]));
    if (rep->nfinding != 0)
        dump(rep);
    assert_int_equal(rep->nfinding, 0);
    assert_int_equal(rep->nshort, 2);           /* tA and tB */
    assert_int_equal(rep->claim, CLAIM_SHORTAGE);
    assert_int_equal(rep->recount.posts, 2);
    assert_int_equal(rep->recount.empty_guard[GRADE_KURANG_RAWAN], 1);
    assert_true(audit_claim_testable(rep));
}

static void test_shortage_idle_reserve(void **state)
{
    struct fixture *fx = *state;
    scenario_destroy(fx->s);
    fx->s = make_reserve_scenario();
    /* tA and tB in posts of their own, each with one TNI: both lack their
     * Polri place.  Pos Gedung Wani's Polri (line 15) may fill P0001 (tA,
     * its desa) but not P0003 (tB): one finding, at his line. */
    static const char *const text[] = {
        ROSTER_HEAD("shortage"),
        "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"0\">",
        "    <tps id=\"1704012001001\"/>",
        "    <guard member=\"KORAMIL-KINAL-001\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
        "  </post>",
        "  <post id=\"P0002\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0\">",
        "    <tps id=\"1704012001002\"/>",
        "    <guard member=\"85010001\" unit=\"POLSEK-KINAL\" force=\"polri\"/>",
        "  </post>",
        "  <post id=\"P0003\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"0\">",
        "    <tps id=\"1704012002001\"/>",
        "    <guard member=\"KORAMIL-KINAL-002\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>",
        "  </post>",
        "  <reserve member=\"86010001\" unit=\"POS-GEDUNG-WANI\" force=\"polri\"/>",
        "</roster>"};
    const struct audit_report *rep = run_text(fx, text, (int)(sizeof text / sizeof text[0]));
    expect_one(fx, rep, AUDIT_STATUS_IDLE, 15, 0);
    assert_non_null(strstr(rep->finding[0].message, "86010001"));
    assert_non_null(strstr(rep->finding[0].message, "pos P0001"));
    assert_false(audit_passed(rep));
    assert_false(audit_claim_testable(rep));
}

static void test_idle_reserve_not_for_feasible(void **state)
{
    struct fixture *fx = *state;
    /* the same idle Polri as above under "feasible", a claim of no
     * optimality: nothing to refute */
    static const struct edit ed[] = {
        {2, "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"Uji Kaur\" status=\"feasible\">", 0},
        {12, "", 0},
        {37, "<reserve member=\"85010002\" unit=\"POLSEK-KINAL\" force=\"polri\"/>", 1},
        {0, NULL, 0}};
    const struct audit_report *rep = run(fx, ed);
    assert_int_equal(rep->nfinding, 0);
    assert_int_equal(rep->nshort, 1);
    assert_false(audit_claim_testable(rep));
}

static void test_refute_with_fewer_posts(void **state)
{
    struct fixture *fx = *state;
    struct audit_report *rep = (struct audit_report *)run(fx, NULL);
    assert_true(audit_claim_testable(rep));
    assert_int_equal(rep->recount.posts, 4);
    struct plan *p = plan_create();
    assert_non_null(p);
    p->npost = 4;                       /* as good: the claim stands */
    assert_int_equal(audit_refute_claim(rep, p), 0);
    p->npost = 3;                       /* fewer posts but a place empty */
    p->obj.empty_guard[GRADE_KURANG_RAWAN] = 1;
    assert_int_equal(audit_refute_claim(rep, p), 0);
    p->obj.empty_guard[GRADE_KURANG_RAWAN] = 0;
    assert_int_equal(audit_refute_claim(rep, p), 1);
    plan_destroy(p);
    expect_one(fx, rep, AUDIT_STATUS_REFUTED, 2, 0);
    assert_non_null(strstr(rep->finding[0].message, "3 pos (roster ini 4)"));
    assert_false(audit_passed(rep));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_correct_roster_passes),
        T(test_tps_unknown),
        T(test_tps_in_no_post),
        T(test_tps_in_two_posts),
        T(test_member_unknown),
        T(test_member_twice),
        T(test_member_twice_linmas_and_reserve),
        T(test_member_forgotten),
        T(test_unit_wrong),
        T(test_force_wrong),
        T(test_linmas_as_guard),
        T(test_guard_as_linmas),
        T(test_guard_out_of_scope),
        T(test_guard_out_of_scope_for_one_tps),
        T(test_linmas_out_of_scope),
        T(test_linmas_over),
        T(test_linmas_tps_unknown),
        T(test_post_over_size),
        T(test_post_over_radius),
        T(test_post_radius_inclusive),
        T(test_post_two_kecamatan),
        T(test_post_mixed_grades),
        T(test_post_grade_attribute),
        T(test_post_kecamatan_attribute),
        T(test_post_required),
        T(test_post_route),
        T(test_post_route_tolerance),
        T(test_guards_over),
        T(test_tni_in_polri_place),
        T(test_post_duplicate_id),
        T(test_optimal_with_empty_place),
        T(test_shortage_with_nothing_empty),
        T(test_scenario_name),
        T(test_shortage_no_reserve_fits),
        T(test_shortage_idle_reserve),
        T(test_idle_reserve_not_for_feasible),
        T(test_refute_with_fewer_posts),
        T(test_findings_sorted),
        T(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
