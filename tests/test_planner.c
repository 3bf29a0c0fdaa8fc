/*
 * test_planner.c - the planner on small scenarios whose optimum was
 * worked out on paper (the reasoning is beside each test).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "model/roster.h"
#include "solver/planner.h"
#include "solver/replan.h"
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
    assert_int_equal(solver_plan(s, &pp, &p, &el), SIAGA_OK);
    assert_non_null(p);
    error_list_free(&el);
    return p;
}

/* Every member exactly once: guard, Linmas or reserve. */
static void assert_members_once(const struct scenario *s, const struct plan *p)
{
    int *seen = calloc((size_t)s->nmember + 1, sizeof(int));
    for (int i = 0; i < p->nguard; i++)
        seen[p->guard[i]]++;
    for (int i = 0; i < p->nlinmas; i++)
        seen[p->linmas[i].member]++;
    for (int i = 0; i < p->nreserve; i++)
        seen[p->reserve[i]]++;
    for (int m = 0; m < s->nmember; m++)
        assert_int_equal(seen[m], 1);
    free(seen);
}

static int polri_at(const struct scenario *s, const struct plan *p, int post)
{
    int n = 0;
    for (int k = 0; k < p->post[post].nguards; k++)
        n += s->unit[s->member[p->guard[p->post[post].first_guard + k]].unit].force ==
             FORCE_POLRI;
    return n;
}

/* Five kurang rawan TPS 0.5 km apart on a meridian (0 .. 2 km) and a
 * sixth at 4.01 km: 2.01 km from the nearest, so from every possible
 * anchor.  The five fit one post (anchor at 1.0 km reaches all within
 * 1 km); the sixth needs its own.  Fewest posts: 2. */
static void test_line_of_five_and_one(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 5; i++)
        sb_tps(s, d, 0.5 * i, GRADE_KURANG_RAWAN);
    sb_tps(s, d, 4.01, GRADE_KURANG_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 10);
    struct plan *p = plan_of(s);
    assert_int_equal(p->npost, 2);
    assert_int_equal(p->obj.posts_bound, 2);
    assert_int_equal(p->post[0].ntps, 5);
    assert_int_equal(p->post[1].ntps, 1);
    assert_int_equal(p->post[1].tps[0], 5);
    /* the anchor of the five is the middle TPS: the only one within 2 km
     * of all, with the least total distance (0.5+0.5+1+1 = 3 km) */
    assert_int_equal(p->post[0].tps[0], 2);
    assert_true(fabs(p->obj.cluster_km - 3.0) < 1e-6);
    /* closed walk from the middle over a 2 km line: 4 km */
    assert_true(fabs(p->post[0].route_km - 4.0) < 1e-6);
    assert_int_equal(p->status, PLAN_SHORTAGE); /* no Linmas at all */
    assert_int_equal(p->obj.empty_linmas, 12);
    assert_int_equal(p->obj.empty_guard[GRADE_KURANG_RAWAN], 0);
    assert_members_once(s, p);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Two TPS exactly 2.0 km apart share a post; 2.01 km apart they do not. */
static void test_radius_boundary(void **state)
{
    (void)state;
    for (int far = 0; far < 2; far++) {
        struct scenario *s = sb_new();
        int k = sb_kec(s), d = sb_desa(s, k);
        sb_tps(s, d, 0.0, GRADE_KURANG_RAWAN);
        sb_tps(s, d, far ? 2.01 : 2.0, GRADE_KURANG_RAWAN);
        struct plan *p = plan_of(s);
        assert_int_equal(p->npost, far ? 2 : 1);
        plan_destroy(p);
        scenario_destroy(s);
    }
}

/* Seven kurang rawan TPS within 1 km: ceil(7/5) = 2 posts. */
static void test_capacity(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 7; i++)
        sb_tps(s, d, 0.1 * i, GRADE_KURANG_RAWAN);
    struct plan *p = plan_of(s);
    assert_int_equal(p->npost, 2);
    assert_true(p->post[0].ntps + p->post[1].ntps == 7);
    assert_true(p->post[0].ntps <= 5 && p->post[1].ntps <= 5);
    plan_destroy(p);
    scenario_destroy(s);
}

/* A kecamatan with TNI only: one sangat rawan TPS (2 places, 1 Polri-only)
 * and one rawan TPS (1 place, Polri-only).  Five TNI can take only the
 * open place of the sangat rawan post: empty 1 SR and 1 R, status
 * shortage, and no TNI in a Polri place. */
static void test_no_polri(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0.0, GRADE_SANGAT_RAWAN);
    sb_tps(s, d, 1.0, GRADE_RAWAN);
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, 5);
    sb_unit(s, "LINMAS", FORCE_LINMAS, SCOPE_DESA, d, 4);
    struct plan *p = plan_of(s);
    assert_int_equal(p->status, PLAN_SHORTAGE);
    assert_int_equal(p->npost, 2);
    assert_int_equal(p->obj.empty_guard[GRADE_SANGAT_RAWAN], 1);
    assert_int_equal(p->obj.empty_guard[GRADE_RAWAN], 1);
    assert_int_equal(p->obj.empty_linmas, 0);
    for (int i = 0; i < p->npost; i++)
        assert_int_equal(polri_at(s, p, i), 0);
    assert_int_equal(p->nguard, 1);
    assert_int_equal(p->nreserve, 4);
    assert_members_once(s, p);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Lexicographic priority: one sangat rawan TPS (2 places), one rawan TPS
 * (1 place), two Polri.  Filling the sangat rawan post first leaves the
 * rawan place empty (1 rawan empty), although the rawan post is nearer. */
static void test_sangat_rawan_first(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 5.0, GRADE_SANGAT_RAWAN);
    sb_tps(s, d, 0.0, GRADE_RAWAN);
    int u = sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 2);
    sb_base(s, u, 0.0);
    struct plan *p = plan_of(s);
    assert_int_equal(p->obj.empty_guard[GRADE_SANGAT_RAWAN], 0);
    assert_int_equal(p->obj.empty_guard[GRADE_RAWAN], 1);
    /* both travel 5 km to the sangat rawan TPS */
    assert_true(fabs(p->obj.member_km - 10.0) < 1e-6);
    plan_destroy(p);
    scenario_destroy(s);
}

/* TPS khusus (formats 1.6): the default rule is 2 guards at 1 TPS, both
 * Polri.  Two khusus TPS 0.5 km apart (never clustered: 1 TPS per post),
 * 3 Polri and 5 TNI: 2 posts of 2 Polri places; 3 Polri fill 3 of the 4,
 * no TNI may take the fourth, so 1 khusus place stays empty and the TNI
 * all stay in reserve. */
static void test_khusus_rule(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0.0, GRADE_KHUSUS);
    sb_tps(s, d, 0.5, GRADE_KHUSUS);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 3);
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k, 5);
    assert_int_equal(s->rules.grade[GRADE_KHUSUS].guards, 2);
    assert_int_equal(s->rules.grade[GRADE_KHUSUS].tps_per_post, 1);
    assert_int_equal(s->rules.grade[GRADE_KHUSUS].min_polri, 2);
    struct plan *p = plan_of(s);
    assert_int_equal(p->status, PLAN_SHORTAGE);
    assert_int_equal(p->npost, 2);
    for (int i = 0; i < p->npost; i++) {
        assert_int_equal(p->post[i].grade, GRADE_KHUSUS);
        assert_int_equal(p->post[i].required, 2);
        assert_int_equal(polri_at(s, p, i), p->post[i].nguards);
    }
    assert_int_equal(p->obj.empty_guard[GRADE_KHUSUS], 1);
    assert_int_equal(p->obj.empty_guard_bound[GRADE_KHUSUS], 1);
    assert_int_equal(p->nguard, 3);
    assert_int_equal(p->nreserve, 5);
    assert_members_once(s, p);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Priority: sangat rawan, khusus, rawan, kurang rawan.  One TPS of each of
 * the first three, 10 km apart, Polri only, rules: every grade 2 guards at
 * 1 TPS.  With 5 Polri: SR 2, khusus 2, rawan 1 (1 empty).  With 3: SR 2,
 * khusus 1 (1 empty), rawan 2 empty.  With 1: the sangat rawan TPS alone. */
static void khusus_priority_case(int npolri, long sr, long kh, long r)
{
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int g = 0; g < GRADE_COUNT; g++)
        s->rules.grade[g] = (struct grade_rule){2, 1, 0, 0.0};
    sb_tps(s, d, 20.0, GRADE_SANGAT_RAWAN);
    sb_tps(s, d, 10.0, GRADE_KHUSUS);
    sb_tps(s, d, 0.0, GRADE_RAWAN);
    int u = sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, npolri);
    sb_base(s, u, 0.0); /* nearest the rawan TPS: distance pulls the other way */
    struct plan *p = plan_of(s);
    assert_int_equal(p->obj.empty_guard[GRADE_SANGAT_RAWAN], sr);
    assert_int_equal(p->obj.empty_guard[GRADE_KHUSUS], kh);
    assert_int_equal(p->obj.empty_guard[GRADE_RAWAN], r);
    assert_members_once(s, p);
    plan_destroy(p);
    scenario_destroy(s);
}

static void test_khusus_after_sangat_rawan(void **state)
{
    (void)state;
    khusus_priority_case(5, 0, 0, 1);
    khusus_priority_case(3, 0, 1, 2);
    khusus_priority_case(1, 1, 2, 2);
}

/* Travel (item 4): two rawan TPS at 0 and 10 km, two Polri units of one
 * member based at 1 km and 9 km.  Each goes to its near TPS: 1 + 1 km. */
static void test_nearest_units(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0.0, GRADE_RAWAN);
    sb_tps(s, d, 10.0, GRADE_RAWAN);
    int a = sb_unit(s, "A", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    int b = sb_unit(s, "B", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    sb_base(s, a, 9.0);
    sb_base(s, b, 1.0);
    struct plan *p = plan_of(s);
    assert_true(fabs(p->obj.member_km - 2.0) < 1e-6);
    assert_true(fabs(p->obj.member_km_bound - 2.0) < 1e-6);
    assert_int_equal(s->member[p->guard[p->post[0].first_guard]].unit, b);
    assert_int_equal(s->member[p->guard[p->post[1].first_guard]].unit, a);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Scope: a Polsek of another kecamatan may not serve here. */
static void test_scope(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k1 = sb_kec(s), k2 = sb_kec(s);
    int d1 = sb_desa(s, k1), d2 = sb_desa(s, k2);
    sb_tps(s, d1, 0.0, GRADE_RAWAN);
    sb_tps(s, d2, 3.0, GRADE_RAWAN);
    sb_unit(s, "P2", FORCE_POLRI, SCOPE_KECAMATAN, k2, 3);
    struct plan *p = plan_of(s);
    assert_int_equal(p->obj.empty_guard[GRADE_RAWAN], 1);
    assert_int_equal(p->post[0].nguards, 0);
    assert_int_equal(p->post[1].nguards, 1);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Linmas: a desa unit of 3 for two TPS of 2 places each: 3 filled, 1
 * empty, the TPS nearer the unit base filled first. */
static void test_linmas(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0.0, GRADE_RAWAN);
    sb_tps(s, d, 0.4, GRADE_RAWAN);
    int u = sb_unit(s, "LINMAS", FORCE_LINMAS, SCOPE_DESA, d, 3);
    sb_base(s, u, 0.3);
    struct plan *p = plan_of(s);
    assert_int_equal(p->obj.empty_linmas, 1);
    assert_int_equal(p->nlinmas, 3);
    int at1 = 0;
    for (int i = 0; i < p->nlinmas; i++)
        at1 += p->linmas[i].tps == 1;
    assert_int_equal(at1, 2);
    /* 0.1 + 0.1 to the near TPS, 0.3 to the far one */
    assert_true(fabs(p->obj.member_km - 0.5) < 1e-6);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Grades never mix in a post, and clusters never cross kecamatan. */
static void test_no_mixing(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k1 = sb_kec(s), k2 = sb_kec(s);
    int d1 = sb_desa(s, k1), d2 = sb_desa(s, k2);
    sb_tps(s, d1, 0.0, GRADE_KURANG_RAWAN);
    sb_tps(s, d1, 0.1, GRADE_RAWAN);
    sb_tps(s, d2, 0.2, GRADE_KURANG_RAWAN);
    struct plan *p = plan_of(s);
    assert_int_equal(p->npost, 3);
    plan_destroy(p);
    scenario_destroy(s);
}

/*
 * A chain where greedy choices matter: ten TPS on a line 1.5 km apart
 * with radius 2 km; each post's anchor reaches only its two neighbours,
 * so a post holds at most 3 consecutive TPS.  Fewest posts:
 * ceil(10/3) = 4, above the naive bound ceil(10/5) = 2, so the MIP must
 * prove it.
 */
static void test_chain_needs_proof(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 10; i++)
        sb_tps(s, d, 1.5 * i, GRADE_KURANG_RAWAN);
    struct plan *p = plan_of(s);
    assert_int_equal(p->npost, 4);
    assert_int_equal(p->obj.posts_bound, 4);
    /* 10 TPS, 4 anchors: 6 members, each at least 1.5 km from its anchor */
    assert_true(fabs(p->obj.cluster_km - 9.0) < 1e-6);
    assert_true(fabs(p->obj.cluster_km_bound - 9.0) < 1e-6);
    plan_destroy(p);
    scenario_destroy(s);
}

/*
 * A baseline roster of npost (<= 3) rawan posts, P0001 at TPS 0, P0002
 * at TPS 1, ..., with per (1 or 2) guards each: who[0..per) at P0001,
 * and so on; of unit units[post].  roster_done frees it.
 */
static struct raw_roster *post_roster(const struct scenario *s, int npost,
                                      const char *const *who, int per,
                                      const char *const *units)
{
    static const char *const id[3] = {"P0001", "P0002", "P0003"};
    struct raw_roster *r = raw_roster_create();
    char code[16];
    r->file = "dasar.xml";
    r->post = calloc((size_t)npost, sizeof *r->post);
    r->tps = calloc((size_t)npost, sizeof *r->tps);
    r->guard = calloc((size_t)(npost * per), sizeof *r->guard);
    r->npost = r->ntps = npost;
    r->nguard = npost * per;
    for (int i = 0; i < npost; i++) {
        r->post[i] = (struct raw_post){id[i], "rawan", "170401",
                                       per == 1 ? "1" : "2", "0.00", 10 + i,
                                       i, 1, i * per, per};
        r->tps[i].id = raw_roster_strdup(r, scenario_tps_code(s, i, code));
    }
    for (int g = 0; g < npost * per; g++) {
        r->guard[g].member = who[g];
        r->guard[g].unit = units[g / per];
        r->guard[g].force = "polri";
    }
    return r;
}

static void roster_done(struct raw_roster *r)
{
    free(r->post);
    free(r->tps);
    free(r->guard);
    r->post = NULL;
    r->tps = NULL;
    r->guard = NULL;
    raw_roster_destroy(r);
}

/*
 * Fewest moves against a baseline: two rawan TPS at 0 and 10 km, unit A
 * (one member, based at 9 km) and unit B (one, at 1 km).  From scratch A
 * takes the far TPS and B the near one (1 + 1 km).  The baseline has them
 * the other way round (9 + 9 km): re-planned, both stay (0 moves) though
 * swapping would cut travel, and a plan from scratch would move both.
 */
static void test_replan_keeps_members(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0.0, GRADE_RAWAN);
    sb_tps(s, d, 10.0, GRADE_RAWAN);
    int a = sb_unit(s, "A", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    int b = sb_unit(s, "B", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    sb_base(s, a, 9.0);
    sb_base(s, b, 1.0);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);

    const char *who[2] = {"A-001", "B-001"};
    const char *units[2] = {"A", "B"};
    struct raw_roster *r = post_roster(s, 2, who, 1, units);
    struct plan_params pp;
    plan_params_init(&pp);
    struct plan *p = NULL;
    struct change_list cl;
    assert_int_equal(solver_replan(s, &pp, r, NULL, 0, &p, &cl, &el), SIAGA_OK);
    assert_int_equal(cl.moved, 0);
    assert_int_equal(cl.moved_scratch, 2);
    assert_int_equal(cl.posts_kept, 2);
    assert_int_equal(s->member[p->guard[p->post[0].first_guard]].unit, a);
    assert_int_equal(s->member[p->guard[p->post[1].first_guard]].unit, b);
    assert_true(fabs(p->obj.member_km - 18.0) < 1e-6);
    /* pinning changes nothing here; pinning an unknown id is refused */
    const char *pin[1] = {"A-001"};
    plan_destroy(p);
    change_list_free(&cl);
    assert_int_equal(solver_replan(s, &pp, r, pin, 1, &p, &cl, &el), SIAGA_OK);
    assert_int_equal(cl.moved, 0);
    assert_int_equal(cl.pins, 1);
    plan_destroy(p);
    change_list_free(&cl);
    const char *nobody[1] = {"Z-009"};
    assert_int_equal(solver_replan(s, &pp, r, nobody, 1, &p, &cl, &el),
                     SIAGA_EINPUT);
    assert_null(p);
    roster_done(r);
    error_list_free(&el);
    scenario_destroy(s);
}

/*
 * Movers and stays of one unit (assign.c, "baseline origins"): unit A,
 * four members based at TPS 1 (10 km north of TPS 0).  The baseline has
 * at P0001 (TPS 0), A-001 and A-002 at P0002 (TPS 1),
 * both rawan with 2 places.  Now TPS 0 is kurang rawan (1 place) and
 * TPS 1 sangat rawan (3 places): all four places are filled, so one of
 * P0001's two members must go to P0002 and the other stays; P0002 keeps
 * both of its own.  One move, travel 10 km (the member left at TPS 0).
 * The mover's flow comes before the stays' at P0002 (flows by origin,
 * ORIGIN_MOVED first) and A-001, the first member in document order
 * with a place, stood there: the stays keep their members first
 * (planner.c keep_for_stays), so the mover is A-004, the second of
 * P0001's (A-003 is kept for the stay at P0001, document order).
 */
static void test_replan_movers_and_stays(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0.0, GRADE_KURANG_RAWAN);
    sb_tps(s, d, 10.0, GRADE_SANGAT_RAWAN);
    s->rules.grade[GRADE_KURANG_RAWAN].guards = 1;
    s->rules.grade[GRADE_SANGAT_RAWAN].guards = 3;
    for (int g = 0; g < GRADE_COUNT; g++) {
        s->rules.grade[g].min_polri = 0;
        s->rules.grade[g].radius_km = 1.0;
    }
    s->rules.linmas_per_tps = 0;
    int a = sb_unit(s, "A", FORCE_POLRI, SCOPE_KECAMATAN, k, 4);
    sb_base(s, a, 10.0);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);

    const char *who[4] = {"A-003", "A-004", "A-001", "A-002"};
    const char *units[2] = {"A", "A"};
    struct raw_roster *r = post_roster(s, 2, who, 2, units);
    struct plan_params pp;
    plan_params_init(&pp);
    struct plan *p = NULL;
    struct change_list cl;
    assert_int_equal(solver_replan(s, &pp, r, NULL, 0, &p, &cl, &el), SIAGA_OK);
    assert_int_equal(cl.moved, 1);
    assert_int_equal(cl.posts_kept, 2);
    assert_int_equal(p->npost, 2);
    assert_members_once(s, p);
    int at[4] = {-1, -1, -1, -1};
    for (int q = 0; q < p->npost; q++) {
        int tps = p->post[q].tps[0];
        for (int g = 0; g < p->post[q].nguards; g++)
            at[p->guard[p->post[q].first_guard + g] - s->unit[a].first_member] = tps;
    }
    assert_int_equal(at[0], 1);   /* A-001 stays at TPS 1 */
    assert_int_equal(at[1], 1);   /* A-002 stays at TPS 1 */
    assert_int_equal(at[2], 0);   /* A-003 stays at TPS 0 */
    assert_int_equal(at[3], 1);   /* A-004 moves to TPS 1 */
    assert_true(fabs(p->obj.member_km - 10.0) < 1e-6);
    plan_destroy(p);
    change_list_free(&cl);
    roster_done(r);
    error_list_free(&el);
    scenario_destroy(s);
}

/*
 * Three units of one member, each at its own rawan TPS (10 km apart,
 * one place each) in the baseline: each unit has a movers' group and a
 * stay group, more groups than members (the pseudo-unit arrays are sized
 * for that; ASan would see an overflow).  Nothing changed: nobody moves.
 */
static void test_replan_single_members(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    for (int i = 0; i < 3; i++)
        sb_tps(s, d, 10.0 * i, GRADE_RAWAN);
    s->rules.grade[GRADE_RAWAN].guards = 1;
    s->rules.grade[GRADE_RAWAN].min_polri = 0;
    s->rules.linmas_per_tps = 0;
    const char *units[3] = {"A", "B", "C"};
    for (int i = 0; i < 3; i++)
        sb_base(s, sb_unit(s, units[i], FORCE_POLRI, SCOPE_KECAMATAN, k, 1), 5.0);
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    const char *who[3] = {"A-001", "B-001", "C-001"};
    struct raw_roster *r = post_roster(s, 3, who, 1, units);
    struct plan_params pp;
    plan_params_init(&pp);
    struct plan *p = NULL;
    struct change_list cl;
    assert_int_equal(solver_replan(s, &pp, r, NULL, 0, &p, &cl, &el), SIAGA_OK);
    assert_int_equal(cl.moved, 0);
    assert_int_equal(p->npost, 3);
    assert_members_once(s, p);
    for (int q = 0; q < 3; q++) {
        assert_int_equal(p->post[q].nguards, 1);
        assert_int_equal(s->member[p->guard[p->post[q].first_guard]].unit,
                         p->post[q].tps[0]);
    }
    plan_destroy(p);
    change_list_free(&cl);
    roster_done(r);
    error_list_free(&el);
    scenario_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_of_five_and_one),
        cmocka_unit_test(test_radius_boundary),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_no_polri),
        cmocka_unit_test(test_sangat_rawan_first),
        cmocka_unit_test(test_khusus_rule),
        cmocka_unit_test(test_khusus_after_sangat_rawan),
        cmocka_unit_test(test_nearest_units),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_linmas),
        cmocka_unit_test(test_no_mixing),
        cmocka_unit_test(test_chain_needs_proof),
        cmocka_unit_test(test_replan_keeps_members),
        cmocka_unit_test(test_replan_movers_and_stays),
        cmocka_unit_test(test_replan_single_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
