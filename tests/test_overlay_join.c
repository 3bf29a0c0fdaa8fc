/*
 * test_overlay_join.c - siaga serve's overlay plumbing: reading an overlay
 * from memory (io_read_overlay_memory, request bodies) and joining the
 * overlays posted so far into one (io_overlay_join, DIR/overlay.xml).
 * Every expected value follows from the small overlays written here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "io/formats/overlay_join.h"
#include "io/formats/overlay_read.h"
#include "model/overlay.h"

/* default namespace, a comment, two changes */
static const char A[] =
    "<?xml version=\"1.0\"?>\n"
    "<overlay xmlns=\"urn:siaga:overlay:1\" name=\"a\">\n"
    "  <!-- five TPS -->\n"
    "  <regrade tps=\"1704012001001\" grade=\"sangat_rawan\"/>\n"
    "  <remove-member id=\"85010002\"/>\n"
    "</overlay>\n";
/* a prefix, a unit with listed members and a rule */
static const char B[] =
    "<o:overlay xmlns:o=\"urn:siaga:overlay:1\">"
    "<o:add-unit id=\"BKO-1\" force=\"polri\" name=\"BKO\" kecamatan=\"170401\">"
    "<o:member id=\"X1\" name=\"Satu\"/><o:member id=\"X2\" name=\"Dua\"/>"
    "</o:add-unit>"
    "<o:rules><o:grade name=\"rawan\" radius_km=\"1.5\"/></o:rules>"
    "</o:overlay>";

static struct overlay *read_mem(const char *doc, size_t len, int *rc)
{
    struct error_list el;
    struct overlay *ov = NULL;
    error_list_init(&el);
    *rc = io_read_overlay_memory("body", doc, len, &ov, &el);
    if (*rc != SIAGA_OK)
        assert_true(el.n > 0);
    error_list_free(&el);
    return ov;
}

static void test_read_memory(void **state)
{
    (void)state;
    int rc;
    /* not NUL-terminated: only len bytes are read */
    char *buf = malloc(sizeof A - 1);
    memcpy(buf, A, sizeof A - 1);
    struct overlay *ov = read_mem(buf, sizeof A - 1, &rc);
    free(buf);
    assert_int_equal(rc, SIAGA_OK);
    assert_string_equal(ov->file, "body");
    assert_string_equal(ov->name, "a");
    assert_int_equal(ov->nchange, 2);
    assert_int_equal(ov->change[0].op, OV_REGRADE);
    assert_int_equal(ov->change[0].line, 4);
    assert_string_equal(ov->change[1].id, "85010002");
    overlay_destroy(ov);

    /* errors name the body and the line */
    struct error_list el;
    error_list_init(&el);
    const char bad[] = "<overlay xmlns=\"urn:siaga:overlay:1\">\n<regrade tps=\"1\"/>\n</overlay>";
    assert_int_equal(io_read_overlay_memory("body", bad, sizeof bad - 1, &ov, &el),
                     SIAGA_EINPUT);
    assert_null(ov);
    assert_string_equal(el.items[0].file, "body");
    assert_int_equal(el.items[0].line, 2);
    error_list_free(&el);
    error_list_init(&el);
    assert_int_equal(io_read_overlay_memory("body", "", 0, &ov, &el), SIAGA_EINPUT);
    assert_int_equal(io_read_overlay_memory("body", "<!DOCTYPE x><overlay/>", 22, &ov, &el),
                     SIAGA_EINPUT);
    assert_int_equal(io_read_overlay_memory("body", A, (size_t)OVERLAY_MAX_BYTES + 1,
                                            &ov, &el), SIAGA_EINPUT);
    error_list_free(&el);
}

static void test_join(void **state)
{
    (void)state;
    const char *doc[2] = {A, B};
    size_t len[2] = {sizeof A - 1, sizeof B - 1};
    char *out = NULL;
    size_t n = 0;
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(io_overlay_join(doc, len, 2, "semua", &out, &n, &el), SIAGA_OK);
    assert_int_equal(strlen(out), n);
    /* one declaration of the namespace, on the root; B's prefix is gone */
    const char *first = strstr(out, "urn:siaga:overlay:1");
    assert_non_null(first);
    assert_null(strstr(first + 1, "urn:siaga:overlay:1"));
    assert_null(strstr(out, "o:"));
    assert_non_null(strstr(out, "<!-- five TPS -->"));
    int rc;
    struct overlay *ov = read_mem(out, n, &rc);
    assert_int_equal(rc, SIAGA_OK);
    assert_string_equal(ov->name, "semua");
    /* A's two changes, then B's unit and its one rule, in order */
    assert_int_equal(ov->nchange, 4);
    assert_int_equal(ov->change[0].op, OV_REGRADE);
    assert_int_equal(ov->change[1].op, OV_REMOVE_MEMBER);
    assert_int_equal(ov->change[2].op, OV_ADD_UNIT);
    assert_int_equal(ov->change[2].nmembers, 2);
    assert_int_equal(ov->change[3].op, OV_GRADE_RULE);
    assert_int_equal(ov->nmember, 2);
    assert_string_equal(ov->member[1].id, "X2");
    overlay_destroy(ov);
    /* the same inputs, the same bytes */
    char *again = NULL;
    size_t n2 = 0;
    assert_int_equal(io_overlay_join(doc, len, 2, "semua", &again, &n2, &el), SIAGA_OK);
    assert_int_equal(n2, n);
    assert_memory_equal(again, out, n);
    free(again);
    free(out);
    /* none: an empty overlay that reads back with no change */
    assert_int_equal(io_overlay_join(doc, len, 0, "kosong", &out, &n, &el), SIAGA_OK);
    ov = read_mem(out, n, &rc);
    assert_int_equal(rc, SIAGA_OK);
    assert_int_equal(ov->nchange, 0);
    overlay_destroy(ov);
    free(out);
    /* not XML: refused, nothing returned */
    const char *junk[1] = {"<overlay"};
    size_t jl[1] = {8};
    assert_int_equal(io_overlay_join(junk, jl, 1, "x", &out, &n, &el), SIAGA_EINPUT);
    assert_null(out);
    error_list_free(&el);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_memory),
        cmocka_unit_test(test_join),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
