/*
 * test_certificate.c - shortage certificates (model/certificate.c,
 * model/certificate_verify.c, io/formats/kekurangan.c): cases worked on
 * paper, the exchange test on a fill made by hand, the reader's refusals,
 * and the check's rejections of tampered files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/kekurangan.h"
#include "io/formats/roster_read.h"
#include "io/report/cert_report.h"
#include "io/report/plan_write.h"
#include "model/audit.h"
#include "model/certificate.h"
#include "model/post_why.h"
#include "solver/planner.h"
#include "tests/scenario_builder.h"
#include "tests/test_tmpdir.h"

static struct plan *plan_of(struct scenario *s)
{
    struct error_list el;
    struct plan_params pp;
    struct plan *p = NULL;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    plan_params_init(&pp);
    pp.quiet = true;
    pp.jobs = 1;
    int rc = solver_plan(s, &pp, &p, &el);
    assert_true(rc == SIAGA_OK || rc == SIAGA_ELIMIT);
    error_list_free(&el);
    return p;
}

static long empty_of(const struct plan *p)
{
    long e = p->obj.empty_linmas;
    for (int g = 0; g < GRADE_COUNT; g++)
        e += p->obj.empty_guard[g];
    return e;
}

/* One kecamatan, 5 rawan TPS (1 Polri-only place each), a Polsek of 3
 * Polri and a Koramil of 4 TNI, who may not take Polri-only places: one
 * certificate, the 5 places and the Polsek alone, deficit 2. */
static void test_five_polri_places_three_members(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 5; i++)
        sb_tps(s, d, 5.0 * i, GRADE_RAWAN);
    int polsek = sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 3);
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, 4);
    struct plan *p = plan_of(s);
    assert_int_equal(empty_of(p), 2);
    struct cert_set c;
    assert_int_equal(cert_extract(s, p, &c), SIAGA_OK);
    assert_int_equal(c.ncert, 1);
    assert_int_equal(c.cert[0].nplace, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(c.cert[0].place[i].kind, CERT_POLRI);
        assert_int_equal(c.cert[0].place[i].count, 1);
    }
    assert_int_equal(c.cert[0].nunit, 1);
    assert_int_equal(c.cert[0].unit[0], polsek);
    assert_int_equal(c.cert[0].places, 5);
    assert_int_equal(c.cert[0].members, 3);
    assert_int_equal(c.deficit, 2);
    assert_int_equal(c.empty, 2);
    assert_false(c.augmenting);
    assert_int_equal(c.lex_worse, -1);
    char line[512];
    io_cert_sentence(line, sizeof line, s, p, &c, 0);
    assert_string_equal(line, "Kecamatan Kec 1: 5 tempat jaga Polri di 5 pos "
                              "rawan, hanya dapat diisi oleh POLSEK (3): kurang 2");
    cert_set_free(&c);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Two kecamatan of 3 rawan TPS each, a Polsek of 1 in each, a Polres of
 * 2 serving the kabupaten: 4 of 6 places filled, and the Polres ties the
 * kecamatan into one certificate (6 places, 3 units, deficit 2), not two.
 * Without the Polres: two certificates of deficit 2. */
static void shared_unit(bool polres)
{
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    for (int q = 0; q < 2; q++) {
        int k = sb_kec(s), d = sb_desa(s, k);
        for (int i = 0; i < 3; i++)
            sb_tps(s, d, 20.0 * q + 5.0 * i, GRADE_RAWAN);
        sb_unit(s, q ? "POLSEK-B" : "POLSEK-A", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    }
    if (polres)
        sb_unit(s, "POLRES", FORCE_POLRI, SCOPE_KABUPATEN, 0, 2);
    struct plan *p = plan_of(s);
    struct cert_set c;
    assert_int_equal(cert_extract(s, p, &c), SIAGA_OK);
    assert_int_equal(c.empty, polres ? 2 : 4);
    assert_int_equal(c.deficit, c.empty);
    assert_int_equal(c.ncert, polres ? 1 : 2);
    for (int i = 0; i < c.ncert; i++) {
        assert_int_equal(c.cert[i].places, polres ? 6 : 3);
        assert_int_equal(c.cert[i].nunit, polres ? 3 : 1);
        assert_int_equal(c.cert[i].places - c.cert[i].members, 2);
    }
    int kec[4];
    assert_int_equal(cert_kecamatan(s, p, &c.cert[0], kec), polres ? 2 : 1);
    cert_set_free(&c);
    plan_destroy(p);
    scenario_destroy(s);
}

static void test_shared_kabupaten_unit(void **state)
{
    (void)state;
    shared_unit(true);
    shared_unit(false);
}

/* Linmas: a desa of 4 kurang rawan TPS 300 m apart, 2 Linmas places
 * each and a Satlinmas of 5: one certificate, the 4 TPS and the
 * Satlinmas, deficit 3.  The guards' one post (2 places, 1 Polri-only)
 * is filled by the Polri and a TNI: no certificate of theirs. */
static void test_linmas(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 4; i++)
        sb_tps(s, d, 0.3 * i, GRADE_KURANG_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, 5);
    int lm = sb_unit(s, "LINMAS", FORCE_LINMAS, SCOPE_DESA, d, 5);
    struct plan *p = plan_of(s);
    assert_int_equal(p->npost, 1);
    struct cert_set c;
    assert_int_equal(cert_extract(s, p, &c), SIAGA_OK);
    assert_int_equal(c.empty_guard, 0);
    assert_int_equal(c.empty_linmas, 3);
    assert_int_equal(c.ncert, 1);
    assert_int_equal(c.cert[0].nplace, 4);
    assert_int_equal(c.cert[0].place[0].kind, CERT_LINMAS);
    assert_int_equal(c.cert[0].nunit, 1);
    assert_int_equal(c.cert[0].unit[0], lm);
    assert_int_equal(c.deficit, 3);
    cert_set_free(&c);
    plan_destroy(p);
    scenario_destroy(s);
}

/* The exchange test on fills made by hand: a sangat rawan TPS (2 places,
 * 1 Polri-only) and a kurang rawan one, a Polsek of 2 Polri.  Filling one
 * place of each leaves a sangat rawan place empty that moving the kurang
 * rawan guard would fill: not lexicographic.  Both at sangat rawan is. */
static void test_lex_exchange(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    int k = sb_kec(s), d = sb_desa(s, k);
    int a = sb_tps(s, d, 0, GRADE_SANGAT_RAWAN);
    int b = sb_tps(s, d, 10, GRADE_KURANG_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 2);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    struct post post[2];
    memset(post, 0, sizeof post);
    post[0] = (struct post){GRADE_SANGAT_RAWAN, k, 1, {a}, 2, 0, 0, 1};
    post[1] = (struct post){GRADE_KURANG_RAWAN, k, 1, {b}, 2, 0, 1, 1};
    int guard[2] = {0, 1};
    struct plan p;
    memset(&p, 0, sizeof p);
    p.post = post;
    p.npost = 2;
    p.guard = guard;
    p.nguard = 2;
    struct cert_set c;
    assert_int_equal(cert_extract(s, &p, &c), SIAGA_OK);
    assert_int_equal(c.lex_worse, GRADE_KURANG_RAWAN);
    assert_int_equal(c.empty, 2);
    assert_int_equal(c.deficit, 2);   /* still a maximum fill */
    cert_set_free(&c);
    post[0].nguards = 2;
    post[1].first_guard = 2;
    post[1].nguards = 0;
    assert_int_equal(cert_extract(s, &p, &c), SIAGA_OK);
    assert_int_equal(c.lex_worse, -1);
    assert_int_equal(c.deficit, 2);
    cert_set_free(&c);
    /* one guard in reserve: not a maximum fill */
    post[0].nguards = 1;
    assert_int_equal(cert_extract(s, &p, &c), SIAGA_OK);
    assert_true(c.augmenting);
    assert_true(c.deficit < c.empty);
    cert_set_free(&c);
    error_list_free(&el);
    scenario_destroy(s);
}

/* Why each post (model/post_why.c): 7 kurang rawan TPS on a line 1.5 km
 * apart (radius 2 km, 5 per post: one component, ceil(7/5) = 2; the
 * planner proves 3, the LP's bound), one 5 km beyond them (alone: a post
 * of its own) and 2 rawan TPS (a post each); a second kecamatan of 3
 * kurang rawan TPS 0.5 km apart (1 post).  Bounds 2 + 1 + 2 = 5 and 1. */
static void test_post_why(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 7; i++)
        sb_tps(s, d, 1.5 * i, GRADE_KURANG_RAWAN);
    int lone = sb_tps(s, d, 1.5 * 6 + 5.0, GRADE_KURANG_RAWAN);
    sb_tps(s, d, 0.2, GRADE_RAWAN);
    sb_tps(s, d, 0.4, GRADE_RAWAN);
    int k2 = sb_kec(s), d2 = sb_desa(s, k2);
    for (int i = 0; i < 3; i++)
        sb_tps(s, d2, 30 + 0.5 * i, GRADE_KURANG_RAWAN);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    struct post_why w;
    assert_int_equal(post_why_build(s, &w), SIAGA_OK);
    assert_int_equal(w.kec[k].posts_bound, 5);
    assert_int_equal(w.kec[k2].posts_bound, 1);
    assert_int_equal(w.posts_bound, 6);
    assert_int_equal(w.kec[k].nalone, 1);
    assert_int_equal(w.alone[w.kec[k].first_alone], lone);
    assert_int_equal(w.kec[k2].nalone, 0);
    int tps[3] = {0, 2, 1};
    double km;
    assert_int_equal(post_why_farthest(s, tps, 3, &km), 2);
    assert_true(km > 2.999 && km < 3.001);
    post_why_free(&w);
    error_list_free(&el);
    scenario_destroy(s);
}

/* ---- the file and the check -------------------------------------------- */

struct fixture {
    char dir[64];
    struct scenario *s;
    struct plan *p;
    struct raw_roster *r;
    struct audit_report *rep;
    char certs[128];
};

/* The shared-unit scenario planned, its roster and kekurangan.csv written
 * and read back, the roster audited. */
static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL || tmpdir_make(fx->dir, sizeof fx->dir, "cert") != 0)
        return -1;
    struct scenario *s = fx->s = sb_new();
    s->rules.linmas_per_tps = 1;
    for (int q = 0; q < 2; q++) {
        int k = sb_kec(s), d = sb_desa(s, k);
        for (int i = 0; i < 3; i++)
            sb_tps(s, d, 20.0 * q + 5.0 * i, GRADE_RAWAN);
        sb_unit(s, q ? "POLSEK-B" : "POLSEK-A", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
        sb_unit(s, q ? "LINMAS-B" : "LINMAS-A", FORCE_LINMAS, SCOPE_DESA, d, 2);
    }
    sb_unit(s, "POLRES", FORCE_POLRI, SCOPE_KABUPATEN, 0, 2);
    fx->p = plan_of(s);
    char roster[128];
    snprintf(roster, sizeof roster, "%s/roster.xml", fx->dir);
    snprintf(fx->certs, sizeof fx->certs, "%s/kekurangan.csv", fx->dir);
    struct cert_set c;
    FILE *f = fopen(roster, "w"), *g = fopen(fx->certs, "w");
    if (f == NULL || g == NULL || cert_extract(s, fx->p, &c) != SIAGA_OK)
        return -1;
    io_write_roster_xml(f, s, fx->p);
    io_write_kekurangan_csv(g, s, fx->p, &c);
    fclose(f);
    fclose(g);
    cert_set_free(&c);
    struct error_list el;
    error_list_init(&el);
    if (io_read_roster(roster, &fx->r, &el) != SIAGA_OK)
        return -1;
    error_list_free(&el);
    fx->rep = audit_run(s, fx->r);
    *state = fx;
    return fx->rep != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    audit_destroy(fx->rep);
    raw_roster_destroy(fx->r);
    plan_destroy(fx->p);
    scenario_destroy(fx->s);
    tmpdir_remove(fx->dir);
    free(fx);
    return 0;
}

/* Verify text as a certificate file against the fixture's roster. */
static void verify_text(struct fixture *fx, const char *text,
                        struct cert_verdict *v)
{
    char path[160];
    snprintf(path, sizeof path, "%s/t.csv", fx->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    struct raw_certs *c = NULL;
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(io_read_kekurangan(path, &c, &el), SIAGA_OK);
    long eg = 0;
    for (int g = 0; g < GRADE_COUNT; g++)
        eg += fx->rep->recount.empty_guard[g];
    assert_int_equal(cert_verify(fx->s, fx->r, c, eg,
                                 fx->rep->recount.empty_linmas, true, v),
                     SIAGA_OK);
    raw_certs_destroy(c);
    error_list_free(&el);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *b = calloc(1, 1 << 16);
    assert_non_null(b);
    size_t n = fread(b, 1, (1 << 16) - 1, f);
    b[n] = '\0';
    fclose(f);
    return b;
}

/* Replace the first occurrence of from in text by to (in place; to no
 * longer than from plus slack of the buffer). */
static void replace(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t lf = strlen(from), lt = strlen(to);
    memmove(at + lt, at + lf, strlen(at + lf) + 1);
    memcpy(at, to, lt);
}

static void test_written_file(void **state)
{
    struct fixture *fx = *state;
    char *text = slurp(fx->certs);
    /* 6 rawan places, 4 Polri; 6 Linmas places, 4 Linmas: P0001-P0006,
     * then the six TPS, as two certificates (the Linmas of each desa
     * apart) plus the guards' one */
    assert_non_null(strstr(text, "bukti,jenis,id,tempat,jumlah\r\n"
                                 "1,post,P0001,polri,1\r\n"));
    assert_non_null(strstr(text, "1,unit,POLSEK-A,,1\r\n"));
    assert_non_null(strstr(text, "1,unit,POLRES,,2\r\n"));
    assert_non_null(strstr(text, ",tps,1704012001001,linmas,1\r\n"));
    struct cert_verdict v;
    verify_text(fx, text, &v);
    assert_int_equal(v.nfinding, 0);
    assert_true(v.valid);
    assert_int_equal(v.ncert, 3);
    assert_int_equal(v.deficit, 4);
    assert_int_equal(v.empty, 4);
    assert_true(v.lex_ok);
    assert_true(v.posts_fewest);    /* rawan: one post per TPS */
    assert_false(v.desa_guards);
    cert_verdict_free(&v);
    free(text);
}

static void expect_reject(struct fixture *fx, const char *text, long line,
                          const char *what)
{
    struct cert_verdict v;
    verify_text(fx, text, &v);
    assert_false(v.valid);
    assert_true(v.nfinding >= 1);
    int found = 0;
    for (int i = 0; i < v.nfinding; i++)
        if (v.finding[i].line == line && strstr(v.finding[i].message, what))
            found = 1;
    if (!found)
        for (int i = 0; i < v.nfinding; i++)
            fprintf(stderr, "finding %ld: %s\n", v.finding[i].line,
                    v.finding[i].message);
    assert_true(found);
    cert_verdict_free(&v);
}

static void test_tampered(void **state)
{
    struct fixture *fx = *state;
    char *text = slurp(fx->certs);
    /* a unit left out: POLRES can fill P0001 (line 2) */
    char *t = strdup(text);
    replace(t, "1,unit,POLRES,,2\r\n", "");
    expect_reject(fx, t, 2, "POLRES");
    free(t);
    /* a count changed */
    t = strdup(text);
    replace(t, "1,unit,POLRES,,2", "1,unit,POLRES,,1");
    expect_reject(fx, t, 10, "punya 2 anggota");
    free(t);
    /* two certificates sharing a unit: POLRES also in certificate 2 */
    t = calloc(1, strlen(text) + 64);
    strcpy(t, text);
    strcat(t, "2,unit,POLRES,,2\r\n");
    expect_reject(fx, t, 19, "sudah tercantum di bukti 1");
    free(t);
    /* a place count raised past the post's */
    t = strdup(text);
    replace(t, "1,post,P0001,polri,1", "1,post,P0001,polri,2");
    expect_reject(fx, t, 2, "hanya punya 1 tempat polri");
    free(t);
    /* a place dropped: the deficits no longer add up */
    t = strdup(text);
    replace(t, "1,post,P0006,polri,1\r\n", "");
    expect_reject(fx, t, 2, "berjumlah 3, padahal roster mengosongkan 4");
    free(t);
    /* a post not in the roster, a unit not in the scenario */
    t = strdup(text);
    replace(t, "1,post,P0006", "1,post,P0099");
    expect_reject(fx, t, 7, "pos \"P0099\" tidak ada");
    free(t);
    /* no certificate at all while places are empty */
    expect_reject(fx, "bukti,jenis,id,tempat,jumlah\r\n", 1,
                  "berjumlah 0, padahal roster mengosongkan 4");
    free(text);
}

/* The reader refuses what is not a certificate file, at its line. */
static void test_reader(void **state)
{
    struct fixture *fx = *state;
    static const struct { const char *text; long line; const char *what; } bad[] = {
        {"", 1, "header"},
        {"bukti,jenis,id,tempat\r\n", 1, "header"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,post,P0001,tni,1\r\n", 2, "polri or jaga"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,tps,1704012001001,,1\r\n", 2, "linmas"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,unit,X,polri,1\r\n", 2, "empty"},
        {"bukti,jenis,id,tempat,jumlah\r\n0,unit,X,,1\r\n", 2, "bukti"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,unit,X,,-1\r\n", 2, "jumlah"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,unit,X,,1234567890\r\n", 2, "jumlah"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,pos,X,,1\r\n", 2, "jenis"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,unit,,,1\r\n", 2, "id is empty"},
        {"bukti,jenis,id,tempat,jumlah\r\n1,unit,X,,1,9\r\n", 2, "5 fields"},
        {"bukti,jenis,id,tempat,jumlah\r\n\r\n1,unit,X,,1\r\n\"2,unit\r\n", 4, "quote"},
    };
    char path[160];
    snprintf(path, sizeof path, "%s/bad.csv", fx->dir);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(bad[i].text, f);
        fclose(f);
        struct raw_certs *c = (struct raw_certs *)1;
        struct error_list el;
        error_list_init(&el);
        assert_int_equal(io_read_kekurangan(path, &c, &el), SIAGA_EINPUT);
        assert_null(c);
        assert_true(el.n >= 1);
        if (el.items[0].line != bad[i].line ||
            strstr(el.items[0].message, bad[i].what) == NULL)
            fprintf(stderr, "case %zu: %ld: %s\n", i, el.items[0].line,
                    el.items[0].message);
        assert_int_equal(el.items[0].line, bad[i].line);
        assert_non_null(strstr(el.items[0].message, bad[i].what));
        error_list_free(&el);
    }
    struct raw_certs *c = NULL;
    struct error_list el;
    error_list_init(&el);
    snprintf(path, sizeof path, "%s/none.csv", fx->dir);
    assert_int_equal(io_read_kekurangan(path, &c, &el), SIAGA_EIO);
    error_list_free(&el);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_five_polri_places_three_members),
        cmocka_unit_test(test_shared_kabupaten_unit),
        cmocka_unit_test(test_linmas),
        cmocka_unit_test(test_lex_exchange),
        cmocka_unit_test(test_post_why),
        cmocka_unit_test_setup_teardown(test_written_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
