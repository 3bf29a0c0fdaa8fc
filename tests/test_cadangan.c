/*
 * test_cadangan.c - formed reserves (role="cadangan", formats 1.6;
 * solver/assign.c): kept whole when ordinary units suffice, even when
 * nearer; drawn on member by member only where a place would otherwise
 * stay empty.  Cases worked by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/planner.h"
#include "tests/scenario_builder.h"

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

/* Guard and Linmas places held by members of unit u. */
static int placed(const struct scenario *s, const struct plan *p, int u)
{
    int n = 0;
    for (int i = 0; i < p->nguard; i++)
        n += s->member[p->guard[i]].unit == u;
    for (int i = 0; i < p->nlinmas; i++)
        n += s->member[p->linmas[i].member].unit == u;
    return n;
}

static long empty_of(const struct plan *p)
{
    long e = p->obj.empty_linmas;
    for (int g = 0; g < GRADE_COUNT; g++)
        e += p->obj.empty_guard[g];
    return e;
}

/* n rawan TPS 1 km apart; a Polsek of `polsek` Polri 20 km away; a Dalmas
 * platoon of 30 (cadangan) based at the first TPS, so distance alone
 * would take the platoon. */
static struct scenario *rawan_with_platoon(int n, int polsek, int *pu, int *du)
{
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < n; i++)
        sb_tps(s, d, 1.0 * i, GRADE_RAWAN);
    *pu = sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, polsek);
    sb_base(s, *pu, 20.0);
    *du = sb_unit(s, "DALMAS", FORCE_POLRI, SCOPE_KECAMATAN, k, 30);
    sb_base(s, *du, 0.0);
    s->unit[*du].cadangan = true;
    return s;
}

/* 3 places, a Polsek of 3: the platoon stays whole although nearer. */
static void test_kept_whole(void **state)
{
    (void)state;
    int pu, du;
    struct scenario *s = rawan_with_platoon(3, 3, &pu, &du);
    struct plan *p = plan_of(s);
    assert_int_equal(empty_of(p), 0);
    assert_int_equal(placed(s, p, pu), 3);
    assert_int_equal(placed(s, p, du), 0);
    plan_destroy(p);
    scenario_destroy(s);
}

/* The same unit as jaga: distance takes the platoon first (the control:
 * without the role the test above would fail). */
static void test_jaga_control(void **state)
{
    (void)state;
    int pu, du;
    struct scenario *s = rawan_with_platoon(3, 3, &pu, &du);
    s->unit[du].cadangan = false;
    struct plan *p = plan_of(s);
    assert_int_equal(placed(s, p, du), 3);
    plan_destroy(p);
    scenario_destroy(s);
}

/* 5 places, a Polsek of 3: exactly 2 members of the platoon, nothing
 * empty (a place is never left empty to keep a reserve whole). */
static void test_broken_only_for_empty(void **state)
{
    (void)state;
    int pu, du;
    struct scenario *s = rawan_with_platoon(5, 3, &pu, &du);
    struct plan *p = plan_of(s);
    assert_int_equal(empty_of(p), 0);
    assert_int_equal(placed(s, p, pu), 3);
    assert_int_equal(placed(s, p, du), 2);
    assert_int_equal(p->status, PLAN_OPTIMAL);
    plan_destroy(p);
    scenario_destroy(s);
}

/* A sangat rawan TPS (2 places, 1 Polri-only), a Koramil of 1 TNI and a
 * Brimob company (cadangan, Polri): 1 Brimob for the Polri place, the TNI
 * on the other.  Without the Koramil: 2 Brimob. */
static void test_tni_before_reserve(void **state)
{
    (void)state;
    for (int tni = 1; tni >= 0; tni--) {
        struct scenario *s = sb_new();
        s->rules.linmas_per_tps = 0;
        int k = sb_kec(s), d = sb_desa(s, k);
        sb_tps(s, d, 0, GRADE_SANGAT_RAWAN);
        int ku = sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, tni);
        int bu = sb_unit(s, "BRIMOB", FORCE_POLRI, SCOPE_ANY, -1, 100);
        s->unit[bu].cadangan = true;
        struct plan *p = plan_of(s);
        assert_int_equal(empty_of(p), 0);
        assert_int_equal(placed(s, p, ku), tni);
        assert_int_equal(placed(s, p, bu), 2 - tni);
        plan_destroy(p);
        scenario_destroy(s);
    }
}

/* Linmas alike: 2 TPS x 2 places, a desa Satlinmas of 3 and a cadangan
 * Linmas of 10 at the kecamatan: 1 drawn. */
static void test_linmas_reserve(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0, GRADE_RAWAN);
    sb_tps(s, d, 5, GRADE_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 2);
    int lu = sb_unit(s, "LIN", FORCE_LINMAS, SCOPE_DESA, d, 3);
    sb_base(s, lu, 30.0);
    int cu = sb_unit(s, "LIN-CAD", FORCE_LINMAS, SCOPE_KECAMATAN, k, 10);
    sb_base(s, cu, 0.0);
    s->unit[cu].cadangan = true;
    struct plan *p = plan_of(s);
    assert_int_equal(empty_of(p), 0);
    assert_int_equal(placed(s, p, lu), 3);
    assert_int_equal(placed(s, p, cu), 1);
    plan_destroy(p);
    scenario_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept_whole),
        cmocka_unit_test(test_jaga_control),
        cmocka_unit_test(test_broken_only_for_empty),
        cmocka_unit_test(test_tni_before_reserve),
        cmocka_unit_test(test_linmas_reserve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
