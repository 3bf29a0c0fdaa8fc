/*
 * test_roster_read.c - the roster reader (io/formats/roster_read.c): values and
 * lines of a valid file, schema errors with their line, wrong namespace,
 * malformed XML, DTDs refused, missing files, lines past 65535.
 * Files are in tests/data/roster/ (run from the top of the tree, as make
 * does).
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

#define DATA "tests/data/roster/"

struct fixture {
    struct error_list errs;
    struct raw_roster *r;
    char tmp[64];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    error_list_init(&fx->errs);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    raw_roster_destroy(fx->r);
    error_list_free(&fx->errs);
    if (fx->tmp[0] != '\0')
        unlink(fx->tmp);
    free(fx);
    return 0;
}

/* Is there an error on this line of path whose message contains part? */
static int has_error(const struct error_list *el, const char *path, long line,
                     const char *part)
{
    for (int i = 0; i < el->n; i++)
        if (el->items[i].file != NULL &&
            strcmp(el->items[i].file, path) == 0 &&
            el->items[i].line == line &&
            strstr(el->items[i].message, part) != NULL)
            return 1;
    for (int i = 0; i < el->n; i++)
        fprintf(stderr, "  %s:%ld: %s\n", el->items[i].file,
                el->items[i].line, el->items[i].message);
    return 0;
}

static void test_valid(void **state)
{
    struct fixture *fx = *state;
    int rc = io_read_roster(DATA "valid.xml", &fx->r, &fx->errs);
    assert_int_equal(fx->errs.n, 0);
    assert_int_equal(rc, SIAGA_OK);
    const struct raw_roster *r = fx->r;
    assert_non_null(r);
    assert_string_equal(r->file, DATA "valid.xml");
    assert_string_equal(r->scenario, "Polres Kaur - Pemilu 2024");
    assert_string_equal(r->status, "shortage");

    assert_int_equal(r->npost, 2);
    const struct raw_post *p = &r->post[0];
    assert_string_equal(p->id, "P0001");
    assert_string_equal(p->grade, "kurang_rawan");
    assert_string_equal(p->kecamatan, "170401");
    assert_string_equal(p->required, "2");
    assert_string_equal(p->route_km, "3.42");
    assert_int_equal(p->line, 4);
    assert_int_equal(p->first_tps, 0);
    assert_int_equal(p->ntps, 2);
    assert_int_equal(p->first_guard, 0);
    assert_int_equal(p->nguards, 2);
    assert_string_equal(r->tps[0].id, "1704012001001");
    assert_int_equal(r->tps[0].line, 5);
    assert_string_equal(r->tps[1].id, "1704012002001");
    assert_int_equal(r->tps[1].line, 6);
    assert_string_equal(r->guard[1].member, "KORAMIL-KINAL-003");
    assert_string_equal(r->guard[1].unit, "KORAMIL-KINAL");
    assert_string_equal(r->guard[1].force, "tni");
    assert_int_equal(r->guard[1].line, 8);

    /* a post without guards, its TPS after the first post's */
    p = &r->post[1];
    assert_string_equal(p->id, "P0002");
    assert_int_equal(p->line, 10);
    assert_int_equal(p->first_tps, 2);
    assert_int_equal(p->ntps, 1);
    assert_int_equal(p->nguards, 0);
    assert_string_equal(r->tps[2].id, "1704012001002");
    assert_int_equal(r->tps[2].line, 11);

    assert_int_equal(r->ntps, 3);
    assert_int_equal(r->nguard, 2);
    assert_int_equal(r->nlinmas, 1);
    assert_string_equal(r->linmas[0].tps, "1704012001001");
    assert_string_equal(r->linmas[0].member, "LINMAS-1704012001-001");
    assert_string_equal(r->linmas[0].unit, "LINMAS-1704012001");
    assert_int_equal(r->linmas[0].line, 13);
    assert_int_equal(r->nreserve, 1);
    assert_string_equal(r->reserve[0].member, "79010001");
    assert_string_equal(r->reserve[0].force, "polri");
    assert_int_equal(r->reserve[0].line, 14);
}

static void test_schema_error_has_line(void **state)
{
    struct fixture *fx = *state;
    int rc = io_read_roster(DATA "schema_error.xml", &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_EINPUT);
    assert_null(fx->r);
    assert_true(has_error(&fx->errs, DATA "schema_error.xml", 6,
                          "lumayan_rawan"));
}

static void test_wrong_namespace(void **state)
{
    struct fixture *fx = *state;
    int rc = io_read_roster(DATA "wrong_ns.xml", &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_EINPUT);
    assert_null(fx->r);
    assert_true(has_error(&fx->errs, DATA "wrong_ns.xml", 2,
                          "urn:siaga:roster:2"));
}

static void test_element_order(void **state)
{
    struct fixture *fx = *state;
    /* reserves come last (formats.md 2) */
    int rc = io_read_roster(DATA "order_error.xml", &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_EINPUT);
    assert_true(has_error(&fx->errs, DATA "order_error.xml", 4, "post"));
}

static void test_malformed(void **state)
{
    struct fixture *fx = *state;
    int rc = io_read_roster(DATA "malformed.xml", &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_EINPUT);
    assert_null(fx->r);
    assert_true(has_error(&fx->errs, DATA "malformed.xml", 5,
                          "mismatch"));
}

static void test_dtd_refused(void **state)
{
    struct fixture *fx = *state;
    int rc = io_read_roster(DATA "dtd.xml", &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_EINPUT);
    assert_null(fx->r);
    assert_true(has_error(&fx->errs, DATA "dtd.xml", 2, "DTD"));
}

static void test_missing_file(void **state)
{
    struct fixture *fx = *state;
    int rc = io_read_roster(DATA "no-such-file.xml", &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_EIO);
    assert_null(fx->r);
    assert_int_equal(fx->errs.n, 1);
    assert_string_equal(fx->errs.items[0].file, DATA "no-such-file.xml");
}

/* Lines past 65535 are kept (XML_PARSE_BIG_LINES). */
static void test_big_line_numbers(void **state)
{
    struct fixture *fx = *state;
    snprintf(fx->tmp, sizeof fx->tmp, "/tmp/siaga-roster-XXXXXX");
    int fd = mkstemp(fx->tmp);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<roster xmlns=\"urn:siaga:roster:1\" scenario=\"S\" "
          "status=\"optimal\">\n", f);
    for (int i = 0; i < 70000; i++)
        fputs("\n", f);
    /* line 70003 */
    fputs("  <reserve member=\"79010001\" unit=\"POLRES-KAUR\" "
          "force=\"polri\"/>\n</roster>\n", f);
    assert_int_equal(fclose(f), 0);
    int rc = io_read_roster(fx->tmp, &fx->r, &fx->errs);
    assert_int_equal(rc, SIAGA_OK);
    assert_int_equal(fx->r->nreserve, 1);
    assert_int_equal(fx->r->reserve[0].line, 70003);
}

/* References in attribute values come back as the characters they stand
 * for: libxml2's SAX2 passes '&' on as "&#38;" unless undone. */
static void test_entities_in_attributes(void **state)
{
    struct fixture *fx = *state;
    snprintf(fx->tmp, sizeof fx->tmp, "/tmp/siaga-roster-XXXXXX");
    int fd = mkstemp(fx->tmp);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<roster xmlns=\"urn:siaga:roster:1\" "
          "scenario=\"Kaur &amp; Seluma &lt;2024&gt; &#38;#38; &quot;x&quot;\" "
          "status=\"optimal\">\n"
          "  <reserve member=\"A&amp;B\" unit=\"U&#38;V\" force=\"polri\"/>\n"
          "</roster>\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(io_read_roster(fx->tmp, &fx->r, &fx->errs), SIAGA_OK);
    assert_string_equal(fx->r->scenario, "Kaur & Seluma <2024> &#38; \"x\"");
    assert_string_equal(fx->r->reserve[0].member, "A&B");
    assert_string_equal(fx->r->reserve[0].unit, "U&V");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_valid),
        T(test_schema_error_has_line),
        T(test_wrong_namespace),
        T(test_element_order),
        T(test_malformed),
        T(test_dtd_refused),
        T(test_missing_file),
        T(test_big_line_numbers),
        T(test_entities_in_attributes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
