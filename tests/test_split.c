/*
 * test_split.c - the scenario writer (io/formats/scenario_write.c), `siaga split`
 * (io/split/split.c) and `siaga merge` (io/split/roster_merge.c): coordinates that
 * read back to the same double, a part holding only its kabupaten and its
 * units, a unit without scope refused with its line, two small rosters
 * merged into the text worked out by hand (status, gap, order, ids),
 * overlaps refused with file:line, and post ids widening past 9,999.
 * Files go to a fresh folder under /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/formats/scenario_read.h"
#include "io/formats/scenario_write.h"
#include "io/split/roster_merge.h"
#include "io/split/split.h"
#include "tests/scenario_builder.h"
#include "tests/test_tmpdir.h"

struct fixture {
    char dir[64];
    struct error_list errs;
    struct scenario *s, *back;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    if (tmpdir_make(fx->dir, sizeof fx->dir, "split") != 0) {
        free(fx);
        return -1;
    }
    error_list_init(&fx->errs);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    tmpdir_remove(fx->dir);
    scenario_destroy(fx->s);
    scenario_destroy(fx->back);
    error_list_free(&fx->errs);
    free(fx);
    return 0;
}

static char *path_in(const struct fixture *fx, const char *name, char *buf)
{
    snprintf(buf, 256, "%s/%s", fx->dir, name);
    return buf;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)n + 1);
    assert_non_null(t);
    assert_int_equal(fread(t, 1, (size_t)n, f), (size_t)n);
    t[n] = '\0';
    fclose(f);
    return t;
}

static int has_error(const struct error_list *el, long line, const char *part)
{
    for (int i = 0; i < el->n; i++)
        if ((line < 0 || el->items[i].line == line) &&
            strstr(el->items[i].message, part) != NULL)
            return 1;
    return 0;
}

/* ---- decimal text ------------------------------------------------------ */

static void test_decimal_text(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(io_decimal_text(-4.5231, buf), "-4.5231");
    assert_string_equal(io_decimal_text(103.1234, buf), "103.1234");
    assert_string_equal(io_decimal_text(2.0, buf), "2");
    assert_string_equal(io_decimal_text(0.000123, buf), "0.000123");
    /* 0.1 + 0.2 needs 17 digits; no exponent either way */
    io_decimal_text(0.1 + 0.2, buf);
    assert_null(strchr(buf, 'e'));
    assert_true(strtod(buf, NULL) == 0.1 + 0.2);
}

/* ---- scenario writer and split ----------------------------------------- */

/* Two kabupaten: 1704 (the builder's, kecamatan 170401, two desa) and
 * 1705 (kecamatan 170501, one desa); units of every scope. */
static struct scenario *two_kabupaten(void)
{
    struct scenario *s = sb_new();
    s->date = "2024-02-14";
    s->rules.grade[GRADE_KURANG_RAWAN].radius_km = 1.25;
    int k1 = sb_kec(s);
    int d1 = sb_desa(s, k1), d2 = sb_desa(s, k1);
    sb_tps(s, d1, 0.0, GRADE_KURANG_RAWAN);
    sb_tps(s, d1, 0.7, GRADE_RAWAN);
    sb_tps(s, d2, 1.9, GRADE_SANGAT_RAWAN);
    struct kabupaten kb = {scenario_strdup(s, "1705"), scenario_strdup(s, "Seluma"), 5};
    int kab2 = scenario_add_kabupaten(s, &kb);
    struct kecamatan kc = {scenario_strdup(s, "170501"), scenario_strdup(s, "Talo"),
                           kab2, 6};
    int k2 = scenario_add_kecamatan(s, &kc);
    struct desa de = {scenario_strdup(s, "1705012001"), scenario_strdup(s, "Pasar"), k2, 7};
    int d3 = scenario_add_desa(s, &de);
    struct tps t = {d3, k2, kab2, 4, -4.1 + 1e-7, 102.9, GRADE_KURANG_RAWAN, 210,
                    true, false, 8};
    scenario_add_tps(s, &t);
    int u = sb_unit(s, "POLSEK-1", FORCE_POLRI, SCOPE_KECAMATAN, k1, 3);
    sb_base(s, u, 0.3);
    sb_unit(s, "POLRES-2", FORCE_POLRI, SCOPE_KABUPATEN, kab2, 2);
    sb_unit(s, "LINMAS-1", FORCE_LINMAS, SCOPE_DESA, d1, 4);
    /* listed members, one with a rank */
    u = sb_unit(s, "KORAMIL-2", FORCE_TNI, SCOPE_KECAMATAN, k2, 2);
    s->unit[u].count = 0;
    s->member[s->unit[u].first_member].rank = "Serda";
    /* the index and the derived bases, as the reader leaves them */
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    error_list_free(&el);
    return s;
}

static void test_write_part_reads_back(void **state)
{
    struct fixture *fx = *state;
    char p[256];
    fx->s = two_kabupaten();
    int units[] = {1, 3};   /* POLRES-2, KORAMIL-2 */
    struct scenario_part part = {1, units, 2};
    FILE *f = fopen(path_in(fx, "1705.xml", p), "w");
    assert_non_null(f);
    assert_int_equal(io_write_scenario(f, fx->s, &part), 0);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(io_read_scenario(p, &fx->back, &fx->errs), SIAGA_OK);
    const struct scenario *b = fx->back;
    assert_string_equal(b->name, "uji");
    assert_string_equal(b->date, "2024-02-14");
    assert_true(b->rules.grade[GRADE_KURANG_RAWAN].radius_km == 1.25);
    assert_int_equal(b->nkab, 1);
    assert_string_equal(b->kab[0].code, "1705");
    assert_int_equal(b->ntps, 1);
    assert_true(b->tps[0].lat == -4.1 + 1e-7);
    assert_true(b->tps[0].lon == 102.9);
    assert_int_equal(b->tps[0].no, 4);
    assert_int_equal(b->tps[0].voters, 210);
    assert_true(b->tps[0].sulit);
    assert_false(b->tps[0].blankspot);
    assert_int_equal(b->nunit, 2);
    assert_string_equal(b->unit[0].id, "POLRES-2");
    assert_int_equal(b->unit[0].count, 2);
    assert_false(b->unit[0].has_base);          /* derived again: the TPS */
    assert_true(b->unit[0].lat == -4.1 + 1e-7);
    assert_string_equal(b->unit[1].id, "KORAMIL-2");
    assert_int_equal(b->unit[1].count, 0);      /* listed stays listed */
    assert_int_equal(b->nmember, 4);
    assert_string_equal(b->member[2].id, "KORAMIL-2-001");
    assert_string_equal(b->member[2].rank, "Serda");
    assert_null(b->member[3].rank);
}

static void test_write_whole_reads_back(void **state)
{
    struct fixture *fx = *state;
    char p[256];
    fx->s = two_kabupaten();
    FILE *f = fopen(path_in(fx, "all.xml", p), "w");
    assert_non_null(f);
    assert_int_equal(io_write_scenario(f, fx->s, NULL), 0);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(io_read_scenario(p, &fx->back, &fx->errs), SIAGA_OK);
    assert_int_equal(fx->back->ntps, 4);
    assert_int_equal(fx->back->nunit, 4);
    assert_true(fx->back->unit[0].has_base);
    assert_true(fx->back->unit[0].lat == fx->s->unit[0].lat);
    for (int t = 0; t < 4; t++) {
        assert_true(fx->back->tps[t].lat == fx->s->tps[t].lat);
        assert_int_equal(fx->back->tps[t].grade, fx->s->tps[t].grade);
    }
}

static void test_split_writes_parts(void **state)
{
    struct fixture *fx = *state;
    char p[256], q[256];
    int n = -1;
    fx->s = two_kabupaten();
    assert_int_equal(io_split_kabupaten(fx->s, path_in(fx, "a/b/parts", p), &n,
                                        &fx->errs), SIAGA_OK);
    assert_int_equal(n, 2);
    assert_int_equal(io_read_scenario(path_in(fx, "a/b/parts/1704.xml", q),
                                      &fx->back, &fx->errs), SIAGA_OK);
    assert_int_equal(fx->back->ntps, 3);
    assert_int_equal(fx->back->nunit, 2);       /* POLSEK-1, LINMAS-1 */
    assert_string_equal(fx->back->unit[1].id, "LINMAS-1");
    struct stat st;
    assert_int_equal(stat(path_in(fx, "a/b/parts/1705.xml", q), &st), 0);
    /* again into the same, now full, folder: refused */
    assert_int_equal(io_split_kabupaten(fx->s, p, &n, &fx->errs), SIAGA_EINPUT);
    assert_true(has_error(&fx->errs, 0, "not empty"));
}

static void test_split_refuses_scopeless(void **state)
{
    struct fixture *fx = *state;
    char p[256];
    int n = -1;
    fx->s = two_kabupaten();
    int u = sb_unit(fx->s, "BKO", FORCE_POLRI, SCOPE_ANY, -1, 5);
    assert_int_equal(io_split_kabupaten(fx->s, path_in(fx, "parts", p), &n,
                                        &fx->errs), SIAGA_EINPUT);
    assert_int_equal(n, 0);
    assert_true(has_error(&fx->errs, fx->s->unit[u].line,
                          "unit BKO has no kabupaten, kecamatan or desa"));
    assert_string_equal(fx->errs.items[0].file, "test.xml");
    struct stat st;
    assert_int_not_equal(stat(p, &st), 0);      /* nothing written */
}

/* ---- merge ------------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static const char PART_A[] = HEAD
    "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"S &amp; T\" status=\"feasible\" gap=\"0.2500\">\n"
    "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"1.50\">\n"
    "    <tps id=\"1704012001001\"/>\n"
    "    <tps id=\"1704012001002\"/>\n"
    "    <guard member=\"A1\" unit=\"UA\" force=\"polri\"/>\n"
    "  </post>\n"
    "  <post id=\"P0002\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1704012001003\"/>\n"
    "  </post>\n"
    "  <post id=\"P0003\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1704012001004\"/>\n"
    "  </post>\n"
    "  <post id=\"P0004\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1704012001005\"/>\n"
    "  </post>\n"
    "  <linmas tps=\"1704012001001\" member=\"L1\" unit=\"UL\"/>\n"
    "  <reserve member=\"A2\" unit=\"UA\" force=\"polri\"/>\n"
    "</roster>\n";

static const char PART_B[] = HEAD
    "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"S &amp; T\" status=\"optimal\">\n"
    "  <post id=\"P0001\" grade=\"sangat_rawan\" kecamatan=\"170501\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1705012001001\"/>\n"
    "    <guard member=\"B1\" unit=\"UB\" force=\"tni\"/>\n"
    "  </post>\n"
    "  <post id=\"P0002\" grade=\"rawan\" kecamatan=\"170501\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1705012001002\"/>\n"
    "  </post>\n"
    "</roster>\n";

/* A then B: posts renumbered, Linmas and reserves after every post;
 * feasible wins; gap (6 posts, bound 3 + 2) = 1/6. */
static const char MERGED[] = HEAD
    "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"S &amp; T\" status=\"feasible\" gap=\"0.1667\">\n"
    "  <post id=\"P0001\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"1.50\">\n"
    "    <tps id=\"1704012001001\"/>\n"
    "    <tps id=\"1704012001002\"/>\n"
    "    <guard member=\"A1\" unit=\"UA\" force=\"polri\"/>\n"
    "  </post>\n"
    "  <post id=\"P0002\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1704012001003\"/>\n"
    "  </post>\n"
    "  <post id=\"P0003\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1704012001004\"/>\n"
    "  </post>\n"
    "  <post id=\"P0004\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1704012001005\"/>\n"
    "  </post>\n"
    "  <post id=\"P0005\" grade=\"sangat_rawan\" kecamatan=\"170501\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1705012001001\"/>\n"
    "    <guard member=\"B1\" unit=\"UB\" force=\"tni\"/>\n"
    "  </post>\n"
    "  <post id=\"P0006\" grade=\"rawan\" kecamatan=\"170501\" required=\"1\" route_km=\"0.00\">\n"
    "    <tps id=\"1705012001002\"/>\n"
    "  </post>\n"
    "  <linmas tps=\"1704012001001\" member=\"L1\" unit=\"UL\"/>\n"
    "  <reserve member=\"A2\" unit=\"UA\" force=\"polri\"/>\n"
    "</roster>\n";

static void test_merge_by_hand(void **state)
{
    struct fixture *fx = *state;
    char a[256], b[256], o[256];
    write_text(path_in(fx, "a.xml", a), PART_A);
    write_text(path_in(fx, "b.xml", b), PART_B);
    const char *in[] = {a, b};
    struct merge_summary sum;
    assert_int_equal(io_merge_rosters(in, 2, path_in(fx, "m.xml", o), NULL,
                                      &sum, &fx->errs), SIAGA_OK);
    assert_int_equal(sum.nposts, 6);
    assert_int_equal(sum.status, PLAN_FEASIBLE);
    char *t = read_text(o);
    assert_string_equal(t, MERGED);
    free(t);
}

static void test_merge_refuses_overlap(void **state)
{
    struct fixture *fx = *state;
    char a[256], b[256], o[256];
    char *text = malloc(sizeof PART_B + 64);
    assert_non_null(text);
    /* B's second post takes A's TPS 1704012001005 (line 8 of B), and B's
     * guard is A's reserve A2 (line 5) */
    strcpy(text, PART_B);
    memcpy(strstr(text, "1705012001002"), "1704012001005", 13);
    memcpy(strstr(text, "member=\"B1\""), "member=\"A2\"", 11);
    write_text(path_in(fx, "a.xml", a), PART_A);
    write_text(path_in(fx, "b.xml", b), text);
    free(text);
    const char *in[] = {a, b};
    assert_int_equal(io_merge_rosters(in, 2, path_in(fx, "m.xml", o), NULL,
                                      NULL, &fx->errs), SIAGA_EINPUT);
    assert_true(has_error(&fx->errs, 8, "TPS 1704012001005 is also in /"));
    assert_true(has_error(&fx->errs, 5, "member A2 is also in"));
    assert_string_equal(fx->errs.items[0].file, b);
    assert_int_not_equal(access(o, F_OK), 0);
}

static void test_merge_refuses_other_scenario(void **state)
{
    struct fixture *fx = *state;
    char a[256], b[256], o[256];
    char *text = malloc(sizeof PART_B);
    assert_non_null(text);
    strcpy(text, PART_B);
    memcpy(strstr(text, "S &amp; T"), "S &amp; U", 9);
    write_text(path_in(fx, "a.xml", a), PART_A);
    write_text(path_in(fx, "b.xml", b), text);
    free(text);
    const char *in[] = {a, b};
    assert_int_equal(io_merge_rosters(in, 2, path_in(fx, "m.xml", o), NULL,
                                      NULL, &fx->errs), SIAGA_EINPUT);
    assert_true(has_error(&fx->errs, 2, "roster of scenario 'S & U', but"));
}

/* A roster of n one-TPS posts of desa code desa. */
static void write_many(const char *path, const char *desa, int n, int kec)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, HEAD "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"x\" "
            "status=\"optimal\">\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "<post id=\"P%04d\" grade=\"rawan\" kecamatan=\"%d\" "
                "required=\"1\" route_km=\"0.00\"><tps id=\"%s%03d\"/></post>\n",
                i + 1, kec, desa, i % 999 + 1);
    fprintf(f, "</roster>\n");
    assert_int_equal(fclose(f), 0);
}

static void test_merge_widens_post_ids(void **state)
{
    struct fixture *fx = *state;
    char o[256];
    /* 999 TPS per desa, a desa per roster: 11 rosters pass 9,999 posts */
    const char *in[11];
    char names[11][256];
    for (int i = 0; i < 11; i++) {
        char nm[32], desa[24];
        snprintf(nm, sizeof nm, "r%d.xml", i);
        snprintf(desa, sizeof desa, "17040120%02d", i + 10);
        write_many(path_in(fx, nm, names[i]), desa, 999, 170401);
        in[i] = names[i];
    }
    struct merge_summary sum;
    assert_int_equal(io_merge_rosters(in, 11, path_in(fx, "m.xml", o), NULL,
                                      &sum, &fx->errs), SIAGA_OK);
    assert_int_equal(sum.nposts, 10989);
    char *t = read_text(o);
    assert_non_null(strstr(t, "<post id=\"P00001\""));
    assert_non_null(strstr(t, "<post id=\"P10989\""));
    assert_null(strstr(t, "<post id=\"P0001\""));
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_text),
        cmocka_unit_test_setup_teardown(test_write_part_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_whole_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_writes_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_refuses_scopeless, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_refuses_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_refuses_other_scenario, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_widens_post_ids, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
