/*
 * test_overlay.c - what-if overlays (formats.md 4): applying changes to a
 * scenario in memory (model/overlay.c) and reading overlay files
 * (io/formats/overlay_read.c).  Small scenarios built in code; every expected
 * value follows from the changes by hand.
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

#include "io/formats/overlay_read.h"
#include "model/overlay.h"
#include "tests/scenario_builder.h"

/* kec 170401: desa 1704012001 (TPS 1, 2), desa 1704012002 (TPS 1);
 * units: POLSEK (kecamatan, 4 by count), BHABIN (desa 1, listed A, B, C),
 * KORAMIL (kecamatan, 3 by count), LIN (desa 1, 2 by count). */
static struct scenario *base(void)
{
    struct scenario *s = sb_new();
    int k = sb_kec(s), d1 = sb_desa(s, k), d2 = sb_desa(s, k);
    sb_tps(s, d1, 0, GRADE_KURANG_RAWAN);
    sb_tps(s, d1, 1, GRADE_KURANG_RAWAN);
    sb_tps(s, d2, 3, GRADE_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 4);
    int b = sb_unit(s, "BHABIN", FORCE_POLRI, SCOPE_DESA, d1, 0);
    s->unit[b].count = 0; /* listed members */
    static const char *const ids[] = {"A", "B", "C"};
    for (int i = 0; i < 3; i++) {
        struct member m = {scenario_strdup(s, ids[i]), scenario_strdup(s, ids[i]),
                           NULL, b, 3000 + i};
        scenario_add_member(s, &m);
        s->unit[b].nmembers++;
    }
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, 3);
    sb_unit(s, "LIN", FORCE_LINMAS, SCOPE_DESA, d1, 2);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    error_list_free(&el);
    return s;
}

static struct overlay *ov_new(void)
{
    struct overlay *ov = overlay_create();
    assert_non_null(ov);
    ov->file = "ov.xml";
    return ov;
}

static void change(struct overlay *ov, enum overlay_op op, long line,
                   const char *id, int count)
{
    struct overlay_change c;
    memset(&c, 0, sizeof c);
    c.op = op;
    c.line = line;
    c.id = id ? overlay_strdup(ov, id) : NULL;
    c.count = count;
    assert_true(overlay_add_change(ov, &c) >= 0);
}

/* Members of unit id, as "id,id,..." */
static const char *members_of(const struct scenario *s, const char *unit)
{
    static char buf[512];
    buf[0] = 0;
    int u = scenario_find_unit(s, unit);
    if (u < 0)
        return "(none)";
    for (int i = 0; i < s->unit[u].nmembers; i++) {
        const struct member *m = &s->member[s->unit[u].first_member + i];
        assert_int_equal(m->unit, u);
        if (i)
            strcat(buf, ",");
        strcat(buf, m->id);
    }
    return buf;
}

/* Units' member ranges tile the member array in unit order. */
static void assert_contiguous(const struct scenario *s)
{
    int next = 0;
    for (int u = 0; u < s->nunit; u++) {
        assert_int_equal(s->unit[u].first_member, next);
        next += s->unit[u].nmembers;
    }
    assert_int_equal(next, s->nmember);
}

static void test_apply_all(void **state)
{
    (void)state;
    struct scenario *s = base();
    struct overlay *ov = ov_new();
    struct overlay_change c;
    memset(&c, 0, sizeof c);
    c.op = OV_REGRADE;
    c.line = 2;
    c.id = "1704012001002";
    c.grade = GRADE_SANGAT_RAWAN;
    overlay_add_change(ov, &c);
    change(ov, OV_REMOVE_MEMBER, 3, "B", 0);          /* middle of a list */
    change(ov, OV_REMOVE_MEMBER, 4, "POLSEK-002", 0); /* middle of a count */
    change(ov, OV_RESIZE_UNIT, 5, "POLSEK", 2);       /* 001,003,004 -> 001,003 */
    change(ov, OV_RESIZE_UNIT, 6, "KORAMIL", 5);      /* + 004, 005 */
    change(ov, OV_REMOVE_UNIT, 7, "LIN", 0);
    memset(&c, 0, sizeof c);                          /* add-unit by count */
    c.op = OV_ADD_UNIT;
    c.line = 8;
    c.id = "BKO";
    c.name = "BKO Brimob";
    c.force = FORCE_POLRI;
    c.scope = SCOPE_KECAMATAN;
    c.region = "170401";
    c.count = 2;
    overlay_add_change(ov, &c);
    memset(&c, 0, sizeof c);                          /* listed, re-using LIN */
    c.op = OV_ADD_UNIT;
    c.line = 9;
    c.id = "LIN";
    c.name = "Linmas baru";
    c.force = FORCE_LINMAS;
    c.scope = SCOPE_DESA;
    c.region = "1704012002";
    c.first_member = ov->nmember;
    c.nmembers = 2;
    struct overlay_member m1 = {"L1", "Satu", "Hansip", 10};
    struct overlay_member m2 = {"L2", "Dua", NULL, 11};
    overlay_add_member(ov, &m1);
    overlay_add_member(ov, &m2);
    overlay_add_change(ov, &c);
    memset(&c, 0, sizeof c);
    c.op = OV_GRADE_RULE;
    c.line = 13;
    c.grade = GRADE_KURANG_RAWAN;
    c.given = OV_GIVEN_RADIUS;
    c.rule.radius_km = 1.5;
    overlay_add_change(ov, &c);
    memset(&c, 0, sizeof c);
    c.op = OV_LINMAS_RULE;
    c.line = 14;
    c.linmas_per_tps = 1;
    overlay_add_change(ov, &c);

    struct error_list el;
    error_list_init(&el);
    assert_int_equal(overlay_apply(s, ov, &el), SIAGA_OK);
    assert_int_equal(el.n, 0);
    assert_int_equal(s->tps[1].grade, GRADE_SANGAT_RAWAN);
    assert_int_equal(s->tps[0].grade, GRADE_KURANG_RAWAN);
    assert_string_equal(members_of(s, "POLSEK"), "POLSEK-001,POLSEK-003");
    assert_string_equal(members_of(s, "BHABIN"), "A,C");
    assert_string_equal(members_of(s, "KORAMIL"),
                        "KORAMIL-001,KORAMIL-002,KORAMIL-003,KORAMIL-004,KORAMIL-005");
    assert_string_equal(members_of(s, "BKO"), "BKO-001,BKO-002");
    assert_string_equal(members_of(s, "LIN"), "L1,L2");
    assert_int_equal(s->nunit, 5);
    assert_int_equal(s->nmember, 2 + 2 + 5 + 2 + 2);
    assert_contiguous(s);
    assert_int_equal(scenario_find_member(s, "B"), -1);
    assert_int_equal(scenario_find_member(s, "POLSEK-004"), -1);
    assert_int_equal(scenario_find_member(s, "LIN-001"), -1);
    int lin = scenario_find_unit(s, "LIN");
    assert_int_equal(s->unit[lin].scope, SCOPE_DESA);
    assert_int_equal(s->unit[lin].region, 1);
    /* the new unit's base: the mean of its scope's TPS (the one TPS of
     * desa 2) */
    assert_true(fabs(s->unit[lin].lat - s->tps[2].lat) < 1e-9);
    assert_string_equal(s->member[scenario_find_member(s, "L1")].rank, "Hansip");
    int k = scenario_find_unit(s, "KORAMIL");
    assert_int_equal(s->unit[k].count, 5);
    assert_true(s->rules.grade[GRADE_KURANG_RAWAN].radius_km == 1.5);
    assert_int_equal(s->rules.grade[GRADE_KURANG_RAWAN].guards, 2);
    assert_int_equal(s->rules.linmas_per_tps, 1);

    /* a second overlay on top: grow POLSEK again, numbers go on after the
     * highest ever made (004), so no id comes back */
    struct overlay *ov2 = ov_new();
    change(ov2, OV_RESIZE_UNIT, 2, "POLSEK", 4);
    assert_int_equal(overlay_apply(s, ov2, &el), SIAGA_OK);
    assert_string_equal(members_of(s, "POLSEK"),
                        "POLSEK-001,POLSEK-003,POLSEK-005,POLSEK-006");
    assert_contiguous(s);
    overlay_destroy(ov2);
    error_list_free(&el);
    overlay_destroy(ov);
    scenario_destroy(s);
}

/* Each bad change is reported with its line; nothing else is. */
static void test_apply_errors(void **state)
{
    (void)state;
    struct scenario *s = base();
    struct overlay *ov = ov_new();
    struct overlay_change c;
    memset(&c, 0, sizeof c);
    c.op = OV_REGRADE;
    c.line = 2;
    c.id = "1704012009001";
    overlay_add_change(ov, &c);
    change(ov, OV_REMOVE_MEMBER, 3, "A", 0);
    change(ov, OV_REMOVE_MEMBER, 4, "A", 0);            /* removed by line 3 */
    change(ov, OV_REMOVE_UNIT, 5, "KORAMIL", 0);
    change(ov, OV_RESIZE_UNIT, 6, "KORAMIL", 1);        /* removed by line 5 */
    change(ov, OV_RESIZE_UNIT, 7, "BHABIN", 1);         /* lists members */
    change(ov, OV_REMOVE_MEMBER, 8, "KORAMIL-001", 0);  /* went with its unit */
    memset(&c, 0, sizeof c);
    c.op = OV_ADD_UNIT;
    c.line = 9;
    c.id = "POLSEK";                                    /* exists */
    c.force = FORCE_POLRI;
    c.count = 1;
    overlay_add_change(ov, &c);
    c.line = 10;
    c.id = "X";
    c.scope = SCOPE_KECAMATAN;
    c.region = "170499";                                /* not in s */
    overlay_add_change(ov, &c);
    memset(&c, 0, sizeof c);
    c.op = OV_GRADE_RULE;
    c.line = 11;
    c.grade = GRADE_RAWAN;
    c.given = OV_GIVEN_MIN_POLRI;
    c.rule.min_polri = 3;                               /* guards is 1 */
    overlay_add_change(ov, &c);

    struct error_list el;
    error_list_init(&el);
    assert_int_equal(overlay_apply(s, ov, &el), SIAGA_EINPUT);
    static const long lines[] = {2, 4, 6, 7, 8, 9, 10, 11};
    assert_int_equal(el.n, 8);
    for (int i = 0; i < 8; i++) {
        assert_string_equal(el.items[i].file, "ov.xml");
        assert_int_equal(el.items[i].line, lines[i]);
    }
    assert_non_null(strstr(el.items[0].message, "TPS 1704012009001"));
    assert_non_null(strstr(el.items[1].message, "removed by an earlier change"));
    assert_non_null(strstr(el.items[3].message, "only a unit given by count"));
    error_list_free(&el);
    overlay_destroy(ov);
    scenario_destroy(s);
}

/* ---- the reader ---------------------------------------------------------- */

static char *write_tmp(const char *text)
{
    static char path[64];
    strcpy(path, "/tmp/siaga-ov-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
    return path;
}

static int read_text(const char *text, struct overlay **ov, struct error_list *el)
{
    char *path = write_tmp(text);
    int rc = io_read_overlay(path, ov, el);
    unlink(path);
    return rc;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define OPEN "<overlay xmlns=\"urn:siaga:overlay:1\" name=\"uji\">\n"

static void test_read(void **state)
{
    (void)state;
    struct overlay *ov = NULL;
    struct error_list el;
    error_list_init(&el);
    int rc = read_text(HEAD OPEN
        "  <regrade tps=\"1704012001002\" grade=\" sangat_rawan \"/>\n"  /* 3 */
        "  <remove-member id=\"A\"/>\n"
        "  <add-unit id=\"BKO\" force=\"tni\" name=\"BKO Kodim\" kecamatan=\"170401\"\n"
        "            lat=\"-4.5\" lon=\"103.25\">\n"                      /* 6 */
        "    <member id=\"T1\" name=\"Satu\" rank=\"Serda\"/>\n"
        "  </add-unit>\n"
        "  <rules><grade name=\"kurang_rawan\" radius_km=\"1.5\" guards=\"3\"/>\n" /* 9 */
        "         <linmas per_tps=\"1\"/></rules>\n"
        "  <resize-unit id=\"KORAMIL\" count=\"2\"/>\n"
        "</overlay>\n", &ov, &el);
    assert_int_equal(rc, SIAGA_OK);
    assert_string_equal(ov->name, "uji");
    assert_int_equal(ov->nchange, 6);
    assert_int_equal(ov->change[0].op, OV_REGRADE);
    assert_int_equal(ov->change[0].grade, GRADE_SANGAT_RAWAN);
    assert_int_equal(ov->change[0].line, 3);
    assert_int_equal(ov->change[2].op, OV_ADD_UNIT);
    assert_int_equal(ov->change[2].line, 6);
    assert_int_equal(ov->change[2].force, FORCE_TNI);
    assert_int_equal(ov->change[2].scope, SCOPE_KECAMATAN);
    assert_string_equal(ov->change[2].region, "170401");
    assert_true(ov->change[2].has_base && ov->change[2].lon == 103.25);
    assert_int_equal(ov->change[2].nmembers, 1);
    assert_string_equal(ov->member[0].rank, "Serda");
    assert_int_equal(ov->change[3].op, OV_GRADE_RULE);
    assert_int_equal(ov->change[3].line, 9);
    assert_int_equal(ov->change[3].given, OV_GIVEN_RADIUS | OV_GIVEN_GUARDS);
    assert_int_equal(ov->change[4].op, OV_LINMAS_RULE);
    assert_int_equal(ov->change[5].count, 2);

    /* and it applies */
    struct scenario *s = base();
    assert_int_equal(overlay_apply(s, ov, &el), SIAGA_OK);
    assert_string_equal(members_of(s, "BKO"), "T1");
    assert_string_equal(members_of(s, "KORAMIL"), "KORAMIL-001,KORAMIL-002");
    assert_int_equal(s->rules.grade[GRADE_KURANG_RAWAN].guards, 3);
    scenario_destroy(s);
    overlay_destroy(ov);
    error_list_free(&el);
}

/* Refusals, each with its line. */
static void test_read_bad(void **state)
{
    (void)state;
    static const struct { const char *text; long line; const char *says; } cases[] = {
        {HEAD "<!DOCTYPE overlay [<!ENTITY x \"y\">]>\n" OPEN "</overlay>\n", 2,
         "DOCTYPE"},
        {HEAD "<scenario xmlns=\"urn:siaga:scenario:1\"/>\n", 2, "root element"},
        {HEAD OPEN "  <regrade tps=\"1704012001002\" grade=\"merah\"/>\n</overlay>\n",
         3, "merah"},
        {HEAD OPEN "  <resize-unit id=\"X\" count=\"0\"/>\n</overlay>\n", 3, "count"},
        {HEAD OPEN "  <add-unit id=\"X\" force=\"polri\" name=\"x\" kecamatan=\"170401\"\n"
         "    desa=\"1704012001\" count=\"2\"/>\n</overlay>\n", 4, "at most one"},
        /* not well-formed: libxml2 names the tag left open */
        {HEAD OPEN "  <remove-member id=\"A\">\n</overlay>\n", 4,
         "tag mismatch: remove-member"},
        {"", 1, "empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct overlay *ov = NULL;
        struct error_list el;
        error_list_init(&el);
        int rc = read_text(cases[i].text, &ov, &el);
        assert_int_equal(rc, SIAGA_EINPUT);
        assert_null(ov);
        assert_true(el.n >= 1);
        if (el.items[0].line != cases[i].line ||
            strstr(el.items[0].message, cases[i].says) == NULL)
            fail_msg("case %zu: line %ld: %s", i, el.items[0].line,
                     el.items[0].message);
        error_list_free(&el);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_all),
        cmocka_unit_test(test_apply_errors),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
