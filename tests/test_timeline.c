/*
 * test_timeline.c - the timeline's shift rosters on cases worked out by
 * hand (solver/shifts.c, model/timeline.c): a PPK guarded around the
 * clock, a unit too small for it, and the greedy keeping every rest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "model/timeline.h"
#include "solver/shifts.h"
#include "tests/scenario_builder.h"

/* One kecamatan, one desa, one TPS; a Polsek of n members based at the
 * TPS (so travel is 0); a timeline with only the PPK guard phase, 24 h
 * from 15 Feb 00:00, per guards a time, 8 h shifts, 8 h rest. */
static struct scenario *one_ppk(int n, struct timeline *tl, int per)
{
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0, GRADE_KURANG_RAWAN);
    int u = sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, n);
    sb_base(s, u, 0);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    error_list_free(&el);
    timeline_default(tl);
    long t0;
    assert_int_equal(tl_parse_time("2024-02-15T00:00", &t0), 0);
    tl->phase[0] = (struct tl_phase){"jaga_ppk", PHASE_JAGA_PPK, t0, t0 + 1440,
                                     per, 480, 0};
    tl->nphase = 1;
    return s;
}

static void solve(struct scenario *s, struct timeline *tl, struct shift_result *r)
{
    struct shift_params sp;
    struct error_list el;
    shift_params_init(&sp);
    error_list_init(&el);
    assert_int_equal(solver_shifts(tl, s, NULL, &sp, r, &el), SIAGA_OK);
    assert_true(r->proven);
    error_list_free(&el);
}

static long violations(struct scenario *s, struct timeline *tl, struct shift_result *r)
{
    struct tl_audit a;
    assert_int_equal(timeline_audit(tl, s, &r->layout, r->shift, r->nshift,
                                     "t.xml", &a), SIAGA_OK);
    long v = a.nviolation;
    /* the audit's coverage agrees with the solver's */
    assert_int_equal(a.total[0].filled, r->filled[0]);
    timeline_audit_free(&a);
    return v;
}

/* 2 guards around the clock, 8 h shifts: pieces 00-08, 08-16, 16-24, 6
 * member-shifts.  With 8 h rest a member may do 00-08 and 16-24, so 4
 * members suffice: A, B at 00-08, C, D at 08-16, A, B again at 16-24. */
static void test_ppk_four_members(void **state)
{
    (void)state;
    struct timeline tl;
    struct shift_result r;
    struct scenario *s = one_ppk(4, &tl, 2);
    solve(s, &tl, &r);
    assert_int_equal(r.layout.npiece, 3);
    assert_int_equal(r.nshift, 6);
    assert_int_equal(r.required[0], 48 * 60);
    assert_int_equal(r.filled[0], 48 * 60);
    int used[4] = {0};
    for (long i = 0; i < r.nshift; i++)
        used[r.shift[i].member]++;
    /* two members work twice, two once: 16 h and 8 h */
    int twice = 0, once = 0;
    for (int m = 0; m < 4; m++) {
        twice += used[m] == 2;
        once += used[m] == 1;
    }
    assert_int_equal(twice, 2);
    assert_int_equal(once, 2);
    assert_int_equal(r.spread, 8 * 60);
    assert_int_equal(violations(s, &tl, &r), 0);
    shift_result_free(&r);
    timeline_free(&tl);
    scenario_destroy(s);
}

/* 3 members: extended intervals [0,16), [8,24), [16,32); at hour 8 at most
 * 3 on 00-08 and 08-16 together, at 16 on 08-16 and 16-24: best is 2 + 1
 * + 2 = 5 member-shifts, 40 h of 48, 8 h empty in the kurang rawan tier. */
static void test_ppk_too_small(void **state)
{
    (void)state;
    struct timeline tl;
    struct shift_result r;
    struct scenario *s = one_ppk(3, &tl, 2);
    solve(s, &tl, &r);
    assert_int_equal(r.nshift, 5);
    assert_int_equal(r.filled[0], 40 * 60);
    /* guard tiers go by priority: kurang rawan is the last of them */
    int kr = GRADE_COUNT - 1 - GRADE_KURANG_RAWAN;
    assert_int_equal(r.tier_empty[kr], 8 * 60);
    for (int t = 0; t < kr; t++)
        assert_int_equal(r.tier_empty[t], 0);
    assert_int_equal(violations(s, &tl, &r), 0);
    shift_result_free(&r);
    timeline_free(&tl);
    scenario_destroy(s);
}

/* The audit catches what the greedy must never do. */
static void test_audit_catches(void **state)
{
    (void)state;
    struct timeline tl;
    struct shift_result r;
    struct scenario *s = one_ppk(4, &tl, 2);
    solve(s, &tl, &r);
    /* member of the first shift also on the second: rest 0 */
    r.shift[2].member = r.shift[0].member;
    assert_true(violations(s, &tl, &r) >= 1);
    /* a 9 h shift */
    r.shift[2].member = r.shift[1].member == 0 ? 1 : 0;
    r.shift[0].end += 60;
    assert_true(violations(s, &tl, &r) >= 1);
    shift_result_free(&r);
    timeline_free(&tl);
    scenario_destroy(s);
}

/* Rest and travel hold on many small cases: members 1..6, places per
 * shift 1..3, rest 0..12 h, base 0..40 km away. */
static void test_greedy_keeps_rest(void **state)
{
    (void)state;
    for (int n = 1; n <= 6; n++)
        for (int per = 1; per <= 3; per++)
            for (int rest = 0; rest <= 12; rest += 4) {
                struct timeline tl;
                struct shift_result r;
                struct scenario *s = one_ppk(n, &tl, per);
                sb_base(s, 0, 10.0 * (n % 5));
                tl.min_rest = rest * 60;
                tl.phase[0].end += 2 * 1440;  /* three days */
                solve(s, &tl, &r);
                assert_int_equal(violations(s, &tl, &r), 0);
                /* never more than all of them at once */
                assert_true(r.filled[0] <= r.required[0]);
                shift_result_free(&r);
                timeline_free(&tl);
                scenario_destroy(s);
            }
}

static void test_times(void **state)
{
    (void)state;
    long t, u;
    char buf[24];
    assert_int_equal(tl_parse_time("2024-02-14T24:00", &t), 0);
    assert_int_equal(tl_parse_time("2024-02-15T00:00", &u), 0);
    assert_int_equal(t, u);
    assert_string_equal(tl_format_time(t + 6 * 60, buf), "2024-02-15T06:00");
    assert_int_equal(tl_parse_time("2023-02-29T00:00", &t), -1);
    assert_int_equal(tl_parse_time("2024-02-14T24:30", &t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ppk_four_members),
        cmocka_unit_test(test_ppk_too_small),
        cmocka_unit_test(test_audit_catches),
        cmocka_unit_test(test_greedy_keeps_rest),
        cmocka_unit_test(test_times),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
