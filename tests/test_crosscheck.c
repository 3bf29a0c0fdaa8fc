/*
 * test_crosscheck.c - the planner against a different formulation and a
 * different solver.  Random small scenarios (seeded: the same every run)
 * are planned; the whole problem is also exported as one MIP
 * (solver/export.c) and solved by GLPK's branch and bound on that model,
 * and by CBC (coinor-cbc) when it is installed.  Items 1-3 must agree
 * exactly: the weighted objective of the plan equals the MIP optimum,
 * except that a plan marked `feasible` may only be worse, never better.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "planner.h"
#include "scenario_builder.h"

#define INSTANCES 150

#define TEST_RNG_SEED 0x5eed5eedULL
#include "test_rng.h"

static struct scenario *random_scenario(int k)
{
    struct scenario *s = sb_new();
    if (k % 3 == 1) {
        s->rules.grade[GRADE_KURANG_RAWAN].tps_per_post = 2 + (int)rnd(4);
        s->rules.grade[GRADE_KURANG_RAWAN].radius_km = rndf(0.8, 3.0);
        s->rules.grade[GRADE_RAWAN].guards = 1 + (int)rnd(2);
        s->rules.grade[GRADE_RAWAN].min_polri = (int)rnd(2);
        s->rules.linmas_per_tps = (int)rnd(3);
    }
    if (k % 5 == 2) /* rawan TPS patrolled in pairs too */
        s->rules.grade[GRADE_RAWAN].tps_per_post = 2,
        s->rules.grade[GRADE_RAWAN].radius_km = 1.5;
    int nkec = 1 + (int)rnd(2);
    for (int kk = 0; kk < nkec; kk++) {
        int kec = sb_kec(s);
        double cx = rndf(0, 10), cy = rndf(0, 10);
        int ndesa = 1 + (int)rnd(3);
        for (int dd = 0; dd < ndesa; dd++) {
            int d = sb_desa(s, kec);
            double dx = cx + rndf(-2.5, 2.5), dy = cy + rndf(-2.5, 2.5);
            int nt = 1 + (int)rnd(6);
            for (int i = 0; i < nt; i++) {
                unsigned r = rnd(10);
                enum grade g = r < 7 ? GRADE_KURANG_RAWAN
                             : r < 9 ? GRADE_RAWAN : GRADE_SANGAT_RAWAN;
                double y = dy + rndf(-0.6, 0.6), x = dx + rndf(-0.6, 0.6);
                sb_tps_at(s, d, SB_LAT0 + sb_dlat(y), SB_LON0 + sb_dlat(x), g);
            }
            char id[32];
            snprintf(id, sizeof id, "LIN-%d", d);
            sb_unit(s, id, FORCE_LINMAS, SCOPE_DESA, d, (int)rnd(2 * nt + 2));
            if (rnd(4) == 0) { /* a Bhabinkamtibmas: Polri of one desa */
                snprintf(id, sizeof id, "BHABIN-%d", d);
                sb_unit(s, id, FORCE_POLRI, SCOPE_DESA, d, 1 + (int)rnd(2));
            }
        }
        char id[32];
        snprintf(id, sizeof id, "POLSEK-%d", kec);
        sb_unit(s, id, FORCE_POLRI, SCOPE_KECAMATAN, kec, (int)rnd(6));
        snprintf(id, sizeof id, "KORAMIL-%d", kec);
        sb_unit(s, id, FORCE_TNI, SCOPE_KECAMATAN, kec, (int)rnd(5));
    }
    if (rnd(2))
        sb_unit(s, "POLRES", FORCE_POLRI, SCOPE_KABUPATEN, 0, (int)rnd(4));
    return s;
}

/* CBC's optimum of an LP file, or NAN when CBC is not installed. */
static double cbc_optimum(const char *lp)
{
    if (system("command -v cbc >/dev/null 2>&1") != 0)
        return NAN;
    char cmd[512], sol[256];
    snprintf(sol, sizeof sol, "%s.sol", lp);
    snprintf(cmd, sizeof cmd,
             "cbc %s -ratio 0 -allowableGap 0 -solve -solu %s >/dev/null 2>&1",
             lp, sol);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(sol, "r");
    assert_non_null(f);
    char line[256];
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    unlink(sol);
    /* "Optimal - objective value -123.00000000" */
    assert_non_null(strstr(line, "Optimal"));
    const char *v = strstr(line, "objective value");
    assert_non_null(v);
    return strtod(v + strlen("objective value"), NULL);
}

static void test_random_against_mip(void **state)
{
    (void)state;
    /* CBC tells the format by the .lp ending */
    char dir[] = "/tmp/siaga-crosscheck-XXXXXX", lp[64];
    assert_non_null(mkdtemp(dir));
    snprintf(lp, sizeof lp, "%s/model.lp", dir);
    int feasible = 0, feasible_equal = 0, cbc_runs = 0, shortage = 0, skipped = 0;
    for (int k = 0; k < INSTANCES; k++) {
        struct scenario *s = random_scenario(k);
        struct error_list el;
        struct plan_params pp;
        struct plan *p = NULL;
        struct model_weights w;
        error_list_init(&el);
        assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
        plan_params_init(&pp);
        pp.quiet = true;
        assert_int_equal(solver_plan(s, &pp, &p, &el), SIAGA_OK);
        assert_int_equal(solver_export_model(s, lp, MODEL_LP, &w, &el), SIAGA_OK);
        double mine = model_objective(s, &w, p), glpk;
        /* CBC is the independent solver; GLPK's branch and bound on the
         * monolithic model stands in when CBC is not installed (it is far
         * slower on this model, so it gets a time limit) */
        double opt = cbc_optimum(lp);
        if (!isnan(opt)) {
            cbc_runs++;
        } else if (solver_solve_model_file(lp, MODEL_LP, 10.0, &glpk) == SIAGA_OK) {
            opt = glpk;
        } else {
            skipped++;
            goto next;
        }
        if (p->status == PLAN_FEASIBLE) {
            feasible++;
            assert_true(mine >= opt - 0.5);
            feasible_equal += fabs(mine - opt) < 0.5;
        } else {
            if (fabs(mine - opt) >= 0.5)
                fail_msg("instance %d: plan %.1f, MIP optimum %.1f (%d TPS)",
                         k, mine, opt, s->ntps);
            shortage += p->status == PLAN_SHORTAGE;
        }
    next:
        plan_destroy(p);
        error_list_free(&el);
        scenario_destroy(s);
    }
    unlink(lp);
    rmdir(dir);
    print_message("%d instances, %d short-staffed, %d unproven (desa guards; "
                  "%d of them optimal all the same), %d solved by CBC, %d by GLPK, %d skipped (GLPK time limit)\n",
                  INSTANCES, shortage, feasible, feasible_equal, cbc_runs,
                  INSTANCES - cbc_runs - skipped, skipped);
    /* the generator must exercise shortages, or this test proves little */
    assert_true(shortage >= INSTANCES / 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_against_mip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
