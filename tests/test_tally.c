/*
 * test_tally.c - the totals by kabupaten of the index page (model/tally.c).
 *
 * The plan is built by hand, so every number was worked out on paper.
 * Kabupaten 1704, kecamatan 170401, desa d0: t0 sangat rawan, t1 and t2
 * kurang rawan.  Kabupaten 1705, kecamatan 170501, desa d1: t3 rawan, t4
 * kurang rawan.  Two Linmas places per TPS.
 * Posts: P0 sangat rawan {t0}, 2 places, 2 Polsek members; P1 kurang
 * rawan {t1, t2}, 2 places, 1 Polsek member (1 empty); P2 rawan {t3}, 1
 * place, 1 Koramil member (TNI); P3 kurang rawan {t4}, 2 places, nobody.
 * Linmas: t0 2, t1 1, t2 1, t3 1, t4 0.  Reserves: a Koramil member
 * (kecamatan 170501), two Polres 1705 members (scope kabupaten 1705) and a
 * BKO member of no scope.
 *   1704: TPS SR 1, KR 2; posts SR 1, KR 1; places SR 2, KR 2; filled SR 2,
 *         KR 1; Polri 3, TNI 0; Linmas 4 of 6; reserve 0.
 *   1705: TPS R 1, KR 1; posts R 1, KR 1; places R 1, KR 2; filled R 1,
 *         KR 0; Polri 0, TNI 1; Linmas 1 of 4; reserve 3.
 *   no kabupaten: reserve 1.  Total: 7 places, 4 filled, Linmas 5 of 10,
 *   reserve 4.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "model/roster.h"
#include "model/tally.h"
#include "tests/scenario_builder.h"

struct fixture {
    struct scenario *s;
    struct plan *p;
};

/* The first member of unit u, plus i. */
static int mem(const struct scenario *s, int u, int i)
{
    return s->unit[u].first_member + i;
}

static void add_post(struct plan *p, enum grade g, int kec, const int *tps, int ntps,
                     int required, const int *guards, int nguards)
{
    struct post *po = &p->post[p->npost++];
    po->grade = g;
    po->kecamatan = kec;
    po->ntps = ntps;
    for (int i = 0; i < ntps; i++)
        po->tps[i] = tps[i];
    po->required = required;
    po->first_guard = p->nguard;
    po->nguards = nguards;
    for (int i = 0; i < nguards; i++)
        p->guard[p->nguard++] = guards[i];
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 2;
    int k0 = sb_kec(s), d0 = sb_desa(s, k0);
    struct kabupaten kb = {scenario_strdup(s, "1705"), scenario_strdup(s, "Kab Dua"), 2};
    int b1 = scenario_add_kabupaten(s, &kb);
    struct kecamatan kc = {scenario_strdup(s, "170501"), scenario_strdup(s, "Kec Dua"), b1, 20};
    int k1 = scenario_add_kecamatan(s, &kc);
    int d1 = sb_desa(s, k1);
    int t0 = sb_tps(s, d0, 0, GRADE_SANGAT_RAWAN);
    int t1 = sb_tps(s, d0, 1, GRADE_KURANG_RAWAN);
    int t2 = sb_tps(s, d0, 2, GRADE_KURANG_RAWAN);
    int t3 = sb_tps(s, d1, 10, GRADE_RAWAN);
    int t4 = sb_tps(s, d1, 11, GRADE_KURANG_RAWAN);
    s->tps[t3].kabupaten = s->tps[t4].kabupaten = b1;
    int polsek = sb_unit(s, "POLSEK-A", FORCE_POLRI, SCOPE_KECAMATAN, k0, 3);
    int koramil = sb_unit(s, "KORAMIL-B", FORCE_TNI, SCOPE_KECAMATAN, k1, 2);
    int polres = sb_unit(s, "POLRES-1705", FORCE_POLRI, SCOPE_KABUPATEN, b1, 2);
    int bko = sb_unit(s, "BKO", FORCE_POLRI, SCOPE_ANY, -1, 1);
    int lin0 = sb_unit(s, "LINMAS-0", FORCE_LINMAS, SCOPE_DESA, d0, 4);
    int lin1 = sb_unit(s, "LINMAS-1", FORCE_LINMAS, SCOPE_DESA, d1, 1);

    struct plan *p = plan_create();
    p->post = calloc(4, sizeof *p->post);
    p->guard = calloc(8, sizeof *p->guard);
    p->linmas = calloc(8, sizeof *p->linmas);
    p->reserve = calloc(4, sizeof *p->reserve);
    int g0[] = {mem(s, polsek, 0), mem(s, polsek, 1)}, g1[] = {mem(s, polsek, 2)},
        g2[] = {mem(s, koramil, 0)};
    add_post(p, GRADE_SANGAT_RAWAN, k0, (int[]){t0}, 1, 2, g0, 2);
    add_post(p, GRADE_KURANG_RAWAN, k0, (int[]){t1, t2}, 2, 2, g1, 1);
    add_post(p, GRADE_RAWAN, k1, (int[]){t3}, 1, 1, g2, 1);
    add_post(p, GRADE_KURANG_RAWAN, k1, (int[]){t4}, 1, 2, NULL, 0);
    int lt[] = {t0, t0, t1, t2, t3};
    int lm[] = {mem(s, lin0, 0), mem(s, lin0, 1), mem(s, lin0, 2), mem(s, lin0, 3),
                mem(s, lin1, 0)};
    for (int i = 0; i < 5; i++)
        p->linmas[p->nlinmas++] = (struct linmas_place){lt[i], lm[i]};
    int rs[] = {mem(s, koramil, 1), mem(s, polres, 0), mem(s, polres, 1), mem(s, bko, 0)};
    for (int i = 0; i < 4; i++)
        p->reserve[p->nreserve++] = rs[i];
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

static void test_by_kabupaten(void **state)
{
    struct fixture *fx = *state;
    struct region_tally *t = plan_tally_kabupaten(fx->s, fx->p);
    assert_non_null(t);
    const struct region_tally *a = &t[0], *b = &t[1];
    assert_int_equal(a->tps[GRADE_SANGAT_RAWAN], 1);
    assert_int_equal(a->tps[GRADE_KURANG_RAWAN], 2);
    assert_int_equal(a->tps[GRADE_RAWAN], 0);
    assert_int_equal(a->posts[GRADE_SANGAT_RAWAN], 1);
    assert_int_equal(a->posts[GRADE_KURANG_RAWAN], 1);
    assert_int_equal(a->places[GRADE_SANGAT_RAWAN], 2);
    assert_int_equal(a->filled[GRADE_SANGAT_RAWAN], 2);
    assert_int_equal(a->places[GRADE_KURANG_RAWAN], 2);
    assert_int_equal(a->filled[GRADE_KURANG_RAWAN], 1);
    assert_int_equal(a->polri, 3);
    assert_int_equal(a->tni, 0);
    assert_int_equal(a->linmas_places, 6);
    assert_int_equal(a->linmas, 4);
    assert_int_equal(a->reserve, 0);

    assert_int_equal(b->tps[GRADE_RAWAN], 1);
    assert_int_equal(b->tps[GRADE_KURANG_RAWAN], 1);
    assert_int_equal(b->posts[GRADE_RAWAN], 1);
    assert_int_equal(b->places[GRADE_RAWAN], 1);
    assert_int_equal(b->filled[GRADE_RAWAN], 1);
    assert_int_equal(b->places[GRADE_KURANG_RAWAN], 2);
    assert_int_equal(b->filled[GRADE_KURANG_RAWAN], 0);
    assert_int_equal(b->polri, 0);
    assert_int_equal(b->tni, 1);
    assert_int_equal(b->linmas_places, 4);
    assert_int_equal(b->linmas, 1);
    assert_int_equal(b->reserve, 3);   /* Koramil of its kecamatan, Polres */
    free(t);
}

static void test_totals(void **state)
{
    struct fixture *fx = *state;
    struct region_tally *t = plan_tally_kabupaten(fx->s, fx->p);
    assert_non_null(t);
    const struct region_tally *none = &t[2], *tot = &t[3];
    assert_int_equal(none->reserve, 1);   /* the BKO of no scope */
    assert_int_equal(region_tally_places(none), 0);
    assert_int_equal(region_tally_places(tot), 7);
    assert_int_equal(region_tally_filled(tot), 4);
    assert_int_equal(tot->tps[GRADE_KURANG_RAWAN], 3);
    assert_int_equal(tot->posts[GRADE_KURANG_RAWAN], 2);
    assert_int_equal(tot->polri + tot->tni, 4);
    assert_int_equal(tot->linmas_places, 10);
    assert_int_equal(tot->linmas, 5);
    assert_int_equal(tot->reserve, 4);
    /* a province is the sum of its kabupaten */
    struct region_tally prov = {0};
    region_tally_add(&prov, &t[0]);
    region_tally_add(&prov, &t[1]);
    region_tally_add(&prov, none);
    assert_memory_equal(&prov, tot, sizeof prov);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_by_kabupaten, setup, teardown),
        cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
