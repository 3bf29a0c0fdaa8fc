/*
 * test_why.c - why a member stands where he stands (model/member_why.h,
 * solver/assign.c "why a member"): a case worked by hand, and random
 * cases checked against an independent re-solve with the member's unit
 * forced to each other place in turn (integer programs of GLPK's branch
 * and bound over the (unit, place) counts, lexicographic as the plan).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/alasan_anggota.h"
#include "model/geo.h"
#include "model/member_why.h"
#include "model/roster.h"
#include "solver/planner.h"
#include "tests/scenario_builder.h"

#define TEST_RNG_SEED 0x5eed14ULL
#include "tests/test_rng.h"

static struct plan *plan_why(struct scenario *s, bool why)
{
    struct error_list el;
    struct plan_params pp;
    struct plan *p = NULL;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    plan_params_init(&pp);
    pp.quiet = true;
    pp.jobs = 1;
    pp.why_members = why;
    int rc = solver_plan(s, &pp, &p, &el);
    if (rc != SIAGA_OK)
        fail_msg("solver_plan: %d", rc);
    assert_non_null(p);
    error_list_free(&el);
    return p;
}

/* The TPS where unit u's member stands as Linmas in p; -1 if none. */
static int linmas_site(const struct scenario *s, const struct plan *p, int u)
{
    for (int i = 0; i < p->nlinmas; i++)
        if (s->member[p->linmas[i].member].unit == u)
            return p->linmas[i].tps;
    return -1;
}

/*
 * By hand.  Kecamatan 1: TPS A, B, C at 0, 2 and 5 km north, one Linmas
 * place each; units L1 and L2 (one member each) based at 1 km, L3 at
 * 6 km.  Distances: L1, L2: A 1, B 1, C 4; L3: A 6, B 4, C 1.  Least
 * total 3: L1 and L2 on A and B (either way), L3 on C.
 *   - The one of L1/L2 at A: to B, the other to A, total 3: +0 (free);
 *     to C: 4 + the other at A or B (1) + L3 at the other of A, B (4 or
 *     6) = 9: +6.  Next best: B, +0.  At B likewise: A, +0.
 *   - L3 at C: to B 4 + L1, L2 on A and C (1 + 4) = 9: +6; to A
 *     6 + 1 + 4 = 11: +8.  Next best: B, +6.
 * Kecamatan 2: TPS D (desa 2, 30 km) and E (desa 3, 32 km); L4 may serve
 * the whole kecamatan, L5 desa 3 only (E), one member each.  L4 at D and
 * L5 at E fill both.  L5 has no other place.  L4 to E would push L5 out,
 * who has nowhere else: D empty, so blocked.
 */
static void test_by_hand(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 1;
    int k1 = sb_kec(s), d1 = sb_desa(s, k1);
    int k2 = sb_kec(s), d2 = sb_desa(s, k2), d3 = sb_desa(s, k2);
    int A = sb_tps(s, d1, 0, GRADE_KURANG_RAWAN);
    int B = sb_tps(s, d1, 2, GRADE_KURANG_RAWAN);
    int C = sb_tps(s, d1, 5, GRADE_KURANG_RAWAN);
    int D = sb_tps(s, d2, 30, GRADE_KURANG_RAWAN);
    int E = sb_tps(s, d3, 32, GRADE_KURANG_RAWAN);
    int l1 = sb_unit(s, "L1", FORCE_LINMAS, SCOPE_KECAMATAN, k1, 1);
    int l2 = sb_unit(s, "L2", FORCE_LINMAS, SCOPE_KECAMATAN, k1, 1);
    int l3 = sb_unit(s, "L3", FORCE_LINMAS, SCOPE_KECAMATAN, k1, 1);
    int l4 = sb_unit(s, "L4", FORCE_LINMAS, SCOPE_KECAMATAN, k2, 1);
    int l5 = sb_unit(s, "L5", FORCE_LINMAS, SCOPE_DESA, d3, 1);
    sb_base(s, l1, 1);
    sb_base(s, l2, 1);
    sb_base(s, l3, 6);
    sb_base(s, l4, 30);
    sb_base(s, l5, 32);
    struct plan *p = plan_why(s, true);
    assert_int_equal(p->obj.empty_linmas, 0);
    assert_true(fabs(p->obj.member_km - (3.0 + 0.0 + 0.0)) < 1e-6);

    int a12 = linmas_site(s, p, l1) == A ? l1 : l2; /* the one at A */
    int b12 = a12 == l1 ? l2 : l1;
    assert_int_equal(linmas_site(s, p, b12), B);
    const struct member_why *w = member_why_find(p->why, p->nwhy, 1, A, a12);
    assert_non_null(w);
    assert_int_equal(w->status, WHY_MOVE);
    assert_int_equal(w->alt, B);
    assert_true(fabs(w->extra_km) < 1e-6);
    assert_string_equal(why_label(w), "pindah tanpa tambahan jarak");
    w = member_why_find(p->why, p->nwhy, 1, B, b12);
    assert_non_null(w);
    assert_int_equal(w->alt, A);
    assert_true(fabs(w->extra_km) < 1e-6);
    w = member_why_find(p->why, p->nwhy, 1, C, l3);
    assert_non_null(w);
    assert_int_equal(w->status, WHY_MOVE);
    assert_int_equal(w->alt, B);
    assert_true(fabs(w->extra_km - 6.0) < 1e-6);
    assert_string_equal(why_label(w), "pindah menambah jarak");

    assert_int_equal(linmas_site(s, p, l4), D);
    assert_int_equal(linmas_site(s, p, l5), E);
    w = member_why_find(p->why, p->nwhy, 1, D, l4);
    assert_non_null(w);
    assert_int_equal(w->status, WHY_BLOCKED);
    w = member_why_find(p->why, p->nwhy, 1, E, l5);
    assert_non_null(w);
    assert_int_equal(w->status, WHY_NO_OTHER);
    /* one entry per (place, unit) of the fills, and none for guards:
     * this scenario has no guard units */
    assert_int_equal(p->nwhy, 5);
    plan_destroy(p);

    /* off by default: the plan carries none */
    struct scenario *s2 = sb_new();
    s2->rules.linmas_per_tps = 1;
    int k = sb_kec(s2), d = sb_desa(s2, k);
    sb_tps(s2, d, 0, GRADE_KURANG_RAWAN);
    sb_unit(s2, "L", FORCE_LINMAS, SCOPE_KECAMATAN, k, 1);
    p = plan_why(s2, false);
    assert_null(p->why);
    assert_int_equal(p->nwhy, 0);
    plan_destroy(p);
    scenario_destroy(s2);
    scenario_destroy(s);
}

/* ---- the independent re-solve ------------------------------------------ */

/* A transportation problem as the plan states it: sites with places (TNI
 * at most tni), a tier each (0 filled first), units with members, TNI or
 * not, every unit eligible everywhere (one kecamatan, kecamatan units). */
struct xp {
    int ns, nu;
    int places[64], tni[64], tier[64];
    int supply[16], is_tni[16];
    double d[16][64];
};

/*
 * Lexicographic integer optimum of x: each tier filled most, in order,
 * then least distance; with force_u >= 0, at least force_n members of
 * unit force_u at site force_s.  Returns the least distance, or -1 when
 * the fills of fill_want (the plan's, per tier) cannot be met.  Integer
 * programs, not the LP's vertex: independent of assign.c's argument.
 */
static double xp_solve(const struct xp *x, const long *fill_want, int force_u,
                       int force_s, int force_n, long *fill_out)
{
    glp_prob *P = glp_create_prob();
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_ON;
    int nc = x->ns * x->nu;
    glp_add_cols(P, nc);
    for (int u = 0; u < x->nu; u++)
        for (int t = 0; t < x->ns; t++) {
            int c = 1 + u * x->ns + t;
            glp_set_col_kind(P, c, GLP_IV);
            int ub = x->is_tni[u] ? x->tni[t] : x->places[t];
            double lb = u == force_u && t == force_s ? force_n : 0;
            if (lb > ub) {
                glp_delete_prob(P);
                return -1;
            }
            glp_set_col_bnds(P, c, lb < ub ? GLP_DB : GLP_FX, lb, ub);
        }
    int ind[1 + 16 * 64];
    double val[1 + 16 * 64];
    for (int u = 0; u < x->nu; u++) {
        int r = glp_add_rows(P, 1), n = 0;
        for (int t = 0; t < x->ns; t++) {
            ind[++n] = 1 + u * x->ns + t;
            val[n] = 1;
        }
        glp_set_mat_row(P, r, n, ind, val);
        glp_set_row_bnds(P, r, GLP_UP, 0, x->supply[u]);
    }
    for (int t = 0; t < x->ns; t++)
        for (int tn = 0; tn < 2; tn++) {
            int r = glp_add_rows(P, 1), n = 0;
            for (int u = 0; u < x->nu; u++)
                if (!tn || x->is_tni[u]) {
                    ind[++n] = 1 + u * x->ns + t;
                    val[n] = 1;
                }
            glp_set_mat_row(P, r, n, ind, val);
            glp_set_row_bnds(P, r, GLP_UP, 0, tn ? x->tni[t] : x->places[t]);
        }
    double result = -1;
    for (int tier = 0; tier < 4; tier++) {
        int n = 0;
        for (int c = 1; c <= nc; c++)
            glp_set_obj_coef(P, c, 0);
        for (int u = 0; u < x->nu; u++)
            for (int t = 0; t < x->ns; t++)
                if (x->tier[t] == tier) {
                    ind[++n] = 1 + u * x->ns + t;
                    val[n] = 1;
                    glp_set_obj_coef(P, ind[n], 1);
                }
        if (n == 0)
            continue;
        glp_set_obj_dir(P, GLP_MAX);
        if (glp_intopt(P, &io) != 0 || glp_mip_status(P) != GLP_OPT)
            goto done;
        long f = lround(glp_mip_obj_val(P));
        if (fill_out)
            fill_out[tier] = f;
        if (fill_want && f < fill_want[tier])
            goto done;
        int r = glp_add_rows(P, 1);
        glp_set_mat_row(P, r, n, ind, val);
        glp_set_row_bnds(P, r, GLP_LO, (double)f, 0);
    }
    glp_set_obj_dir(P, GLP_MIN);
    for (int u = 0; u < x->nu; u++)
        for (int t = 0; t < x->ns; t++)
            glp_set_obj_coef(P, 1 + u * x->ns + t, x->d[u][t]);
    if (glp_intopt(P, &io) == 0 && glp_mip_status(P) == GLP_OPT)
        result = glp_mip_obj_val(P);
done:
    glp_delete_prob(P);
    return result;
}

/* For every entry of the fill (guards: linmas 0, sites = posts; Linmas:
 * 1, sites = TPS) check status, alt and extra_km against xp_solve with
 * the unit forced to one more member at each other site.  cnt[u][t]:
 * the plan's counts; units[]: scenario index of xp unit i. */
static void check_fill(const struct plan *p, const struct xp *x, int linmas,
                       int cnt[16][64], const int *units)
{
    long fill[4] = {0};
    double f0 = xp_solve(x, NULL, -1, 0, 0, fill);
    assert_true(f0 >= 0);
    int checked = 0;
    for (int u = 0; u < x->nu; u++)
        for (int t = 0; t < x->ns; t++) {
            if (cnt[u][t] == 0)
                continue;
            const struct member_why *w =
                member_why_find(p->why, p->nwhy, linmas, t, units[u]);
            assert_non_null(w);
            double best = HUGE_VAL;
            int best_t = -1, any_room = 0;
            for (int t2 = 0; t2 < x->ns; t2++) {
                int ub = x->is_tni[u] ? x->tni[t2] : x->places[t2];
                if (t2 == t || cnt[u][t2] + 1 > ub)
                    continue;
                any_room = 1;
                double f = xp_solve(x, fill, u, t2, cnt[u][t2] + 1, NULL);
                if (f < 0)
                    continue;
                if (f - f0 < best - 1e-6) {
                    best = f - f0;
                    best_t = t2;
                }
            }
            if (!any_room) {
                assert_int_equal(w->status, WHY_NO_OTHER);
            } else if (best_t < 0) {
                assert_int_equal(w->status, WHY_BLOCKED);
            } else {
                assert_int_equal(w->status, WHY_MOVE);
                if (fabs(w->extra_km - best) > 1e-5)
                    fail_msg("unit %d at %d: %.6f km, re-solve %.6f", u, t,
                             w->extra_km, best);
                /* the lowest site among ties */
                assert_int_equal(w->alt, best_t);
            }
            checked++;
        }
    assert_true(checked > 0);
}

/*
 * Random cases: one kecamatan, 8-14 TPS of rawan or sangat rawan (a post
 * each, 1 or 2 guards, one Polri), two Polri units, one TNI, two Linmas
 * (kecamatan scope, so every unit may serve everywhere), random bases,
 * sometimes short-staffed.
 */
static void test_against_resolve(void **state)
{
    (void)state;
    for (int round = 0; round < 6; round++) {
        struct scenario *s = sb_new();
        s->rules.linmas_per_tps = 1 + (int)rnd(2);
        int k = sb_kec(s), d = sb_desa(s, k);
        int ntps = 8 + (int)rnd(7);
        for (int i = 0; i < ntps; i++)
            sb_tps_at(s, d, SB_LAT0 + sb_dlat(rndf(0, 12)),
                      SB_LON0 + sb_dlat(rndf(0, 12)),
                      rnd(3) == 0 ? GRADE_SANGAT_RAWAN : GRADE_RAWAN);
        static const enum force F[] = {FORCE_POLRI, FORCE_POLRI, FORCE_TNI,
                                       FORCE_LINMAS, FORCE_LINMAS};
        static const char *const ID[] = {"P1", "P2", "T1", "L1", "L2"};
        int unit[5];
        for (int i = 0; i < 5; i++) {
            int n = F[i] == FORCE_LINMAS ? 3 + (int)rnd(8) : 2 + (int)rnd(6);
            unit[i] = sb_unit(s, ID[i], F[i], SCOPE_KECAMATAN, k, n);
            s->unit[unit[i]].has_base = true;
            s->unit[unit[i]].lat = SB_LAT0 + sb_dlat(rndf(0, 12));
            s->unit[unit[i]].lon = SB_LON0 + sb_dlat(rndf(0, 12));
        }
        struct plan *p = plan_why(s, true);
        assert_int_equal(p->npost, ntps); /* one TPS per post */

        /* guards: sites are the posts */
        static struct xp x;
        static int cnt[16][64];
        memset(&x, 0, sizeof x);
        memset(cnt, 0, sizeof cnt);
        x.ns = p->npost;
        x.nu = 3;
        for (int q = 0; q < p->npost; q++) {
            const struct post *po = &p->post[q];
            const struct grade_rule *gr = &s->rules.grade[po->grade];
            const struct tps *a = &s->tps[po->tps[0]];
            x.places[q] = gr->guards;
            x.tni[q] = gr->guards - gr->min_polri;
            x.tier[q] = po->grade == GRADE_SANGAT_RAWAN ? 0 : 1;
            for (int i = 0; i < 3; i++)
                x.d[i][q] = geo_distance_km(s->unit[unit[i]].lat,
                                            s->unit[unit[i]].lon, a->lat, a->lon);
            for (int g = 0; g < po->nguards; g++) {
                int u = s->member[p->guard[po->first_guard + g]].unit;
                for (int i = 0; i < 3; i++)
                    cnt[i][q] += unit[i] == u;
            }
        }
        for (int i = 0; i < 3; i++) {
            x.supply[i] = s->unit[unit[i]].nmembers;
            x.is_tni[i] = F[i] == FORCE_TNI;
        }
        check_fill(p, &x, 0, cnt, unit);

        /* Linmas: sites are the TPS */
        memset(&x, 0, sizeof x);
        memset(cnt, 0, sizeof cnt);
        x.ns = s->ntps;
        x.nu = 2;
        for (int t = 0; t < s->ntps; t++) {
            x.places[t] = x.tni[t] = s->rules.linmas_per_tps;
            for (int i = 0; i < 2; i++)
                x.d[i][t] = geo_distance_km(s->unit[unit[3 + i]].lat,
                                            s->unit[unit[3 + i]].lon,
                                            s->tps[t].lat, s->tps[t].lon);
        }
        for (int i = 0; i < 2; i++)
            x.supply[i] = s->unit[unit[3 + i]].nmembers;
        for (int l = 0; l < p->nlinmas; l++) {
            int u = s->member[p->linmas[l].member].unit;
            cnt[u == unit[3] ? 0 : 1][p->linmas[l].tps]++;
        }
        check_fill(p, &x, 1, cnt, unit + 3);
        plan_destroy(p);
        scenario_destroy(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_against_resolve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
