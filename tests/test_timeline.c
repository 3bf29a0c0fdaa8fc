/*
 * test_timeline.c - the timeline's shift rosters on cases worked out by
 * hand (solver/shifts.c, model/timeline.c): a PPK guarded around the
 * clock, a unit too small for it, the greedy keeping every rest, the
 * election-day duty (one post of two TPS, a rawan TPS, their escort), and
 * one kecamatan's PPK and warehouse by force with the 12 h grid.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

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
    tl->phase[0] = (struct tl_phase){.id = "jaga_ppk", .kind = PHASE_JAGA_PPK,
                                     .start = t0, .end = t0 + 1440,
                                     .per_place = per, .max_shift = 480};
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

/* ---- election-day duty ---------------------------------------------- */

/* One desa: TPS A at 0 km and B at 3 km (kurang rawan, B access sulit),
 * C at 6 km (rawan).  Post 1 = {A, B} with 2 guards (members 0, 1), post
 * 2 = {C} with 1 guard (member 2), Polsek based at A; Linmas 3..8, two
 * per TPS.  The PPS (desa) and PPK (kecamatan) sit at the mean, 3 km. */
struct duty_fx { struct scenario *s; struct plan *p; };

static struct duty_fx duty_case(void)
{
    struct duty_fx fx;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    int a = sb_tps(s, d, 0, GRADE_KURANG_RAWAN);
    int b = sb_tps(s, d, 3, GRADE_KURANG_RAWAN);
    int c = sb_tps(s, d, 6, GRADE_RAWAN);
    s->tps[b].sulit = true;
    int u = sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 3);
    sb_base(s, u, 0);
    int l = sb_unit(s, "LINMAS", FORCE_LINMAS, SCOPE_DESA, d, 6);
    sb_base(s, l, 3);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    error_list_free(&el);
    assert_int_equal(s->rules.linmas_per_tps, 2);
    struct plan *p = plan_create();
    p->npost = 2;
    p->post = calloc(2, sizeof *p->post);
    p->post[0] = (struct post){GRADE_KURANG_RAWAN, k, 2, {a, b}, 2, 6.0, 0, 2};
    p->post[1] = (struct post){GRADE_RAWAN, k, 1, {c}, 1, 0.0, 2, 1};
    p->nguard = 3;
    p->guard = malloc(3 * sizeof(int));
    for (int i = 0; i < 3; i++)
        p->guard[i] = i;
    p->nlinmas = 6;
    p->linmas = calloc(6, sizeof *p->linmas);
    for (int i = 0; i < 6; i++)
        p->linmas[i] = (struct linmas_place){i / 2, 3 + i};
    fx.s = s;
    fx.p = p;
    return fx;
}

/* Only the tps and kawal phases of the defaults. */
static void duty_timeline(struct timeline *tl)
{
    timeline_default(tl);
    int n = 0;
    for (int i = 0; i < tl->nphase; i++)
        if (timeline_is_duty(tl->phase[i].kind))
            tl->phase[n++] = tl->phase[i];
    tl->nphase = n;
}

static long at_feb(int day, int h, int m)
{
    char buf[24];
    long t;
    snprintf(buf, sizeof buf, "2024-02-%02dT%02d:%02d", day, h, m);
    assert_int_equal(tl_parse_time(buf, &t), 0);
    return t;
}

static const struct tl_shift *shift_of(const struct shift_result *r, int m,
                                       const char *place)
{
    const struct tl_shift *found = NULL;
    for (long i = 0; i < r->nshift; i++)
        if (r->shift[i].member == m &&
            strcmp(r->layout.place[r->shift[i].place].id, place) == 0) {
            assert_null(found);   /* one shift per duty */
            found = &r->shift[i];
        }
    assert_non_null(found);
    return found;
}

static void plan_duty(struct duty_fx *fx, struct timeline *tl,
                      struct shift_result *r)
{
    struct shift_params sp;
    struct error_list el;
    shift_params_init(&sp);
    error_list_init(&el);
    assert_int_equal(solver_shifts(tl, fx->s, fx->p, &sp, r, &el), SIAGA_OK);
    error_list_free(&el);
}

static long duty_violations(struct duty_fx *fx, struct timeline *tl,
                            struct shift_result *r)
{
    struct tl_audit a;
    assert_int_equal(timeline_audit(tl, fx->s, &r->layout, r->shift, r->nshift,
                                     "t.xml", &a), SIAGA_OK);
    long v = a.nviolation;
    timeline_audit_free(&a);
    return v;
}

/* By hand: the assembly 14 Feb 06:00; A and C leave at 02:00, B (sulit)
 * an hour later, so post 1 holds until 03:00.  Its escort A -> B (3 km)
 * -> PPS (0) -> PPK (0): 3.9 road km at 15 km/h (sulit) = 15.6 -> 16 min
 * + 30 handover = 03:00-03:46.  Post 2: C -> PPS 3 km -> PPK 0: 3.9 km at
 * 30 km/h = 7.8 -> 8 + 30 = 02:00-02:38.  Required and filled: tps 2 x 21
 * + 1 x 20 + Linmas 2 x (20 + 21 + 20) = 184 h; kawal 2 x 46 + 38 min. */
static void test_duty_by_hand(void **state)
{
    (void)state;
    struct duty_fx fx = duty_case();
    struct timeline tl;
    struct shift_result r;
    duty_timeline(&tl);
    plan_duty(&fx, &tl, &r);
    for (int m = 0; m < 2; m++) {
        const struct tl_shift *t = shift_of(&r, m, "P0001");
        assert_int_equal(t->start, at_feb(14, 6, 0));
        assert_int_equal(t->end, at_feb(15, 3, 0));
        const struct tl_shift *k = shift_of(&r, m, "KAWAL-P0001");
        assert_int_equal(k->start, at_feb(15, 3, 0));
        assert_int_equal(k->end, at_feb(15, 3, 46));
    }
    assert_int_equal(shift_of(&r, 2, "P0002")->end, at_feb(15, 2, 0));
    assert_int_equal(shift_of(&r, 2, "KAWAL-P0002")->end, at_feb(15, 2, 38));
    assert_int_equal(shift_of(&r, 5, "TPS-1704012001002")->end, at_feb(15, 3, 0));
    assert_int_equal(shift_of(&r, 7, "TPS-1704012001003")->start, at_feb(14, 6, 0));
    assert_int_equal(r.nshift, 3 * 2 + 6);
    assert_int_equal(r.required[0], 184 * 60);
    assert_int_equal(r.filled[0], 184 * 60);
    assert_int_equal(r.required[1], 2 * 46 + 38);
    assert_int_equal(r.filled[1], 2 * 46 + 38);
    assert_int_equal(shift_result_empty(&r), 0);
    assert_int_equal(duty_violations(&fx, &tl, &r), 0);
    shift_result_free(&r);
    timeline_free(&tl);
    plan_destroy(fx.p);
    scenario_destroy(fx.s);
}

/* A guard missing from the day roster leaves his post's hours empty: 1 of
 * 2 places for 21 h, and 46 min of escort. */
static void test_duty_short(void **state)
{
    (void)state;
    struct duty_fx fx = duty_case();
    struct timeline tl;
    struct shift_result r;
    duty_timeline(&tl);
    fx.p->post[0].nguards = 1;
    fx.p->post[1].first_guard = 1;
    fx.p->guard[1] = 2;
    fx.p->nguard = 2;
    plan_duty(&fx, &tl, &r);
    assert_int_equal(r.required[0] - r.filled[0], 21 * 60);
    assert_int_equal(r.required[1] - r.filled[1], 46);
    assert_int_equal(r.tier_empty[GRADE_COUNT - 1 - GRADE_KURANG_RAWAN], 21 * 60 + 46);
    assert_int_equal(shift_result_empty(&r), 21 * 60 + 46);
    shift_result_free(&r);
    timeline_free(&tl);
    plan_destroy(fx.p);
    scenario_destroy(fx.s);
}

/* The audit's duty rules: an escort by someone else, a duty cut in two, a
 * posko Linmas on TPS duty at the same time, a duty longer than allowed. */
static void test_duty_audit(void **state)
{
    (void)state;
    struct duty_fx fx = duty_case();
    struct timeline tl;
    struct shift_result r;
    timeline_default(&tl);   /* every phase: posko too */
    plan_duty(&fx, &tl, &r);
    assert_int_equal(duty_violations(&fx, &tl, &r), 0);
    /* the Linmas on duty got no posko shift on election day */
    for (long i = 0; i < r.nshift; i++)
        if (r.shift[i].member >= 3 &&
            strncmp(r.layout.place[r.shift[i].place].id, "POSKO", 5) == 0)
            assert_true(r.shift[i].end <= at_feb(14, 6, 0) ||
                        r.shift[i].start >= at_feb(15, 2, 0));
    struct tl_shift *k = (struct tl_shift *)shift_of(&r, 0, "KAWAL-P0001");
    k->member = 2;            /* post 2's guard on post 1's escort */
    assert_true(duty_violations(&fx, &tl, &r) >= 2);  /* 2 not on duty, 0 missing */
    k->member = 0;
    struct tl_shift *t = (struct tl_shift *)shift_of(&r, 1, "P0001");
    t->end -= 60;             /* leaves before the box */
    assert_int_equal(duty_violations(&fx, &tl, &r), 1);
    t->end += 60;
    /* a TPS Linmas at the posko at noon on election day */
    struct tl_shift *ns = realloc(r.shift, sizeof *ns * (size_t)(r.nshift + 1));
    assert_non_null(ns);
    r.shift = ns;
    int posko = -1;
    for (int p = 0; p < r.layout.nplace && posko < 0; p++)
        if (strncmp(r.layout.place[p].id, "POSKO", 5) == 0)
            posko = p;
    assert_true(posko >= 0);
    r.shift[r.nshift++] = (struct tl_shift){3, posko, at_feb(14, 8, 0),
                                            at_feb(14, 16, 0), 7};
    assert_true(duty_violations(&fx, &tl, &r) >= 1);
    shift_result_free(&r);
    /* 06:00 to 03:46 is 21 h 46 min: longer than a 21 h maximum */
    tl.duty_max = 21 * 60;
    struct shift_params sp;
    struct error_list el;
    shift_params_init(&sp);
    error_list_init(&el);
    assert_int_equal(solver_shifts(&tl, fx.s, fx.p, &sp, &r, &el), SIAGA_EINPUT);
    error_list_free(&el);
    timeline_free(&tl);
    plan_destroy(fx.p);
    scenario_destroy(fx.s);
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

/* ---- the PPK and the warehouse as reported ---------------------------- */

/* One kecamatan of 5 desa (one TPS each, all at the Polsek's base): the
 * default rekap reads 4 desa on 15 Feb and 1 on 16 Feb.  Only the
 * kecamatan phases of the defaults (field-practice.md sections 3-4):
 *   LOG-170401    12 Feb 00:00 - 14 Feb 00:00, 2 guards, 12 h: 4 pieces
 *   REKAP-170401  08-15 and 15-22 on both days, 10 Polri + 2 TNI: 4
 *                 pieces of 12, at least 10 Polri (min_polri)
 *   REKAP-LINMAS-170401  the same 4 pieces, 4 Linmas
 *   PPK-170401    15 Feb 00:00 - 17 Feb 00:00, 2 guards, 12 h: 4 pieces
 * place-minutes: logistik 2 x 48 h = 5,760; rekap (12 + 4) x 7 h x 4 =
 * 26,880; jaga_ppk 2 x 48 h = 5,760.  Per rekap day 24 guards (the 08-15
 * ones rest past 15:00) and 4 at the PPK; 30 Polri + 4 TNI and 10 Linmas
 * fill it all. */
static struct scenario *one_kec(struct timeline *tl, int polri, int tni,
                                int linmas)
{
    struct scenario *s = sb_new();
    int k = sb_kec(s), d0 = -1;
    for (int i = 0; i < 5; i++) {
        int d = sb_desa(s, k);
        if (d0 < 0)
            d0 = d;
        sb_tps(s, d, 0, GRADE_KURANG_RAWAN);
    }
    sb_base(s, sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, polri), 0);
    sb_base(s, sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, tni), 0);
    sb_base(s, sb_unit(s, "LINMAS", FORCE_LINMAS, SCOPE_DESA, d0, linmas), 0);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    error_list_free(&el);
    timeline_default(tl);
    int n = 0;
    for (int i = 0; i < tl->nphase; i++)
        if (!timeline_is_duty(tl->phase[i].kind) &&
            tl->phase[i].kind != PHASE_POSKO)
            tl->phase[n++] = tl->phase[i];
    tl->nphase = n;
    assert_int_equal(n, 3);  /* logistik, rekap, jaga_ppk */
    return s;
}

static void test_ppk_defaults(void **state)
{
    (void)state;
    struct timeline tl;
    struct shift_result r;
    struct scenario *s = one_kec(&tl, 30, 4, 10);
    assert_true(tl.phase[1].by_force);
    assert_int_equal(tl.phase[1].polri, 10);
    assert_int_equal(tl.phase[1].tni, 2);
    assert_int_equal(tl.phase[1].linmas, 4);
    solve(s, &tl, &r);
    const struct tl_layout *l = &r.layout;
    assert_int_equal(l->nplace, 4);
    static const char *const ID[] = {"LOG-170401", "REKAP-170401",
                                     "REKAP-LINMAS-170401", "PPK-170401"};
    static const int REQ[] = {2, 12, 4, 2}, MINP[] = {0, 10, 0, 0};
    long t12, t15, t17;
    assert_int_equal(tl_parse_time("2024-02-12T00:00", &t12), 0);
    assert_int_equal(tl_parse_time("2024-02-15T00:00", &t15), 0);
    assert_int_equal(tl_parse_time("2024-02-17T00:00", &t17), 0);
    for (int p = 0; p < 4; p++) {
        assert_string_equal(l->place[p].id, ID[p]);
        assert_int_equal(l->place[p].linmas, p == 2);
        assert_int_equal(l->place[p].min_polri, MINP[p]);
        int np = 0;
        for (int i = 0; i < l->npiece; i++) {
            const struct tl_piece *pc = &l->piece[i];
            if (pc->place != p)
                continue;
            assert_int_equal(pc->required, REQ[p]);
            if (p == 0 || p == 3) {   /* the 12 h grid */
                assert_int_equal(pc->end - pc->start, 720);
                assert_int_equal(pc->start, (p == 0 ? t12 : t15) + 720L * np);
            } else {                  /* 08-15, 15-22 on 15 and 16 Feb */
                long day = t15 + 1440L * (np / 2);
                assert_int_equal(pc->start, day + (np % 2 ? 15 : 8) * 60);
                assert_int_equal(pc->end - pc->start, 420);
            }
            np++;
        }
        assert_int_equal(np, 4);
    }
    assert_int_equal(l->piece[l->npiece - 1].end, t17);
    assert_int_equal(r.required[0], 5760);
    assert_int_equal(r.required[1], 26880);
    assert_int_equal(r.required[2], 5760);
    for (int ph = 0; ph < 3; ph++)
        assert_int_equal(r.filled[ph], r.required[ph]);
    /* by force: Linmas only at the Linmas place, at most 2 TNI a piece */
    for (int i = 0; i < l->npiece; i++) {
        int tni = 0;
        for (long j = 0; j < r.nshift; j++) {
            const struct tl_shift *sh = &r.shift[j];
            if (sh->place != l->piece[i].place ||
                sh->start != l->piece[i].start)
                continue;
            enum force f = s->unit[s->member[sh->member].unit].force;
            assert_int_equal(f == FORCE_LINMAS, l->place[sh->place].linmas);
            tni += f == FORCE_TNI;
        }
        if (l->piece[i].place == 1)
            assert_true(tni <= 2);
    }
    assert_int_equal(violations(s, &tl, &r), 0);
    shift_result_free(&r);
    timeline_free(&tl);
    scenario_destroy(s);
}

/* Every number changeable: rekap polri=3 (no TNI, no Linmas) is one place
 * of 3 Polri per piece and no Linmas place; per_place=2 without counts by
 * force keeps its old meaning, 2 per sitting panel (2 panels on 15 Feb:
 * 4; 1 panel on 16 Feb: 2). */
static void test_ppk_changed(void **state)
{
    (void)state;
    struct timeline tl;
    struct shift_result r;
    struct scenario *s = one_kec(&tl, 30, 4, 10);
    tl.phase[1].polri = 3;
    tl.phase[1].tni = tl.phase[1].linmas = 0;
    solve(s, &tl, &r);
    assert_int_equal(r.layout.nplace, 3);
    assert_string_equal(r.layout.place[1].id, "REKAP-170401");
    assert_int_equal(r.layout.place[1].min_polri, 3);
    assert_int_equal(r.required[1], 3 * 420 * 4);
    assert_int_equal(r.filled[1], r.required[1]);
    for (long j = 0; j < r.nshift; j++)
        if (r.shift[j].place == 1)
            assert_int_equal(s->unit[s->member[r.shift[j].member].unit].force,
                             FORCE_POLRI);
    assert_int_equal(violations(s, &tl, &r), 0);
    shift_result_free(&r);
    tl.phase[1].by_force = false;
    tl.phase[1].per_place = 2;
    solve(s, &tl, &r);
    assert_int_equal(r.layout.nplace, 3);
    assert_int_equal(r.layout.place[1].min_polri, 0);
    assert_int_equal(r.required[1], (4 + 4 + 2 + 2) * 420);
    shift_result_free(&r);
    timeline_free(&tl);
    scenario_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ppk_four_members),
        cmocka_unit_test(test_ppk_too_small),
        cmocka_unit_test(test_audit_catches),
        cmocka_unit_test(test_ppk_defaults),
        cmocka_unit_test(test_ppk_changed),
        cmocka_unit_test(test_greedy_keeps_rest),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_duty_by_hand),
        cmocka_unit_test(test_duty_short),
        cmocka_unit_test(test_duty_audit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
