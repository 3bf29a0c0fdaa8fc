/*
 * test_bko.c - the BKO request (solver/bko.c): small cases worked on
 * paper, then random short-staffed scenarios nobody has looked at, where
 * the request is checked the way formats.md 5 states it: add exactly the
 * requested units (as an overlay of add-unit changes) and re-plan: no
 * place is empty, which the audit (model/audit.c, which trusts nothing of
 * the planner) confirms on the roster; take one person from any row and
 * re-plan: some place is empty.
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
#include "io/report/plan_write.h"
#include "model/audit.h"
#include "model/overlay.h"
#include "solver/bko.h"
#include "solver/planner.h"
#include "tests/scenario_builder.h"

static struct plan *plan_of(struct scenario *s)
{
    struct error_list el;
    struct plan_params pp;
    struct plan *p = NULL;
    error_list_init(&el);
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

static void bko_of(struct scenario *s, struct plan **p, struct bko_request *r)
{
    struct error_list el;
    error_list_init(&el);
    int frc = scenario_finish(s, &el);
    for (int i = 0; i < el.n; i++)
        print_message("%ld: %s\n", el.items[i].line, el.items[i].message);
    assert_int_equal(frc, SIAGA_OK);
    *p = plan_of(s);
    assert_int_equal(solver_bko(s, *p, r, &el), SIAGA_OK);
    error_list_free(&el);
}

/* One kecamatan, two rawan TPS (1 Polri place each), one Polri: one more
 * Polri in that kecamatan. */
static void test_two_rawan_one_polri(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0, GRADE_RAWAN);
    sb_tps(s, d, 5, GRADE_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    struct plan *p;
    struct bko_request r;
    bko_of(s, &p, &r);
    assert_int_equal(r.nrow, 1);
    assert_int_equal(r.row[0].force, FORCE_POLRI);
    assert_int_equal(r.row[0].scope, SCOPE_KECAMATAN);
    assert_int_equal(r.row[0].region, k);
    assert_int_equal(r.row[0].count, 1);
    assert_int_equal(r.sum, 1);
    assert_true(r.proven);
    bko_request_free(&r);
    plan_destroy(p);
    scenario_destroy(s);
}

/* A sangat rawan TPS (2 places, 1 Polri-only) and nobody: 2 people, and
 * by the tie rule (fewest Polri) 1 Polri + 1 TNI, not 2 Polri.  Two
 * Linmas places and no Linmas: 2 Linmas of its desa. */
static void test_sangat_rawan_empty(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0, GRADE_SANGAT_RAWAN);
    struct plan *p;
    struct bko_request r;
    bko_of(s, &p, &r);
    assert_int_equal(r.nrow, 3);
    assert_int_equal(r.row[0].force, FORCE_POLRI);
    assert_int_equal(r.row[0].count, 1);
    assert_int_equal(r.row[1].force, FORCE_TNI);
    assert_int_equal(r.row[1].count, 1);
    assert_int_equal(r.row[1].region, k);
    assert_int_equal(r.row[2].force, FORCE_LINMAS);
    assert_int_equal(r.row[2].scope, SCOPE_DESA);
    assert_int_equal(r.row[2].region, d);
    assert_int_equal(r.row[2].count, 2);
    assert_int_equal(r.sum, 4);
    bko_request_free(&r);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Two kecamatan with a rawan TPS each (1 Polri place) and a Polres of one
 * that may serve both: one Polri, in either; a TNI unit in kecamatan 1
 * cannot help (rawan places are Polri places). */
static void test_polres_shared(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    int k1 = sb_kec(s), d1 = sb_desa(s, k1);
    int k2 = sb_kec(s), d2 = sb_desa(s, k2);
    sb_tps(s, d1, 0, GRADE_RAWAN);
    sb_tps(s, d2, 8, GRADE_RAWAN);
    sb_unit(s, "POLRES", FORCE_POLRI, SCOPE_KABUPATEN, 0, 1);
    sb_unit(s, "KORAMIL", FORCE_TNI, SCOPE_KECAMATAN, k1, 3);
    struct plan *p;
    struct bko_request r;
    bko_of(s, &p, &r);
    assert_int_equal(r.sum, 1);
    assert_int_equal(r.total[FORCE_POLRI], 1);
    assert_int_equal(r.nrow, 1);
    bko_request_free(&r);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Full plan: a header-only request. */
static void test_nothing_empty(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    int k = sb_kec(s), d = sb_desa(s, k);
    sb_tps(s, d, 0, GRADE_RAWAN);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 1);
    sb_unit(s, "LIN", FORCE_LINMAS, SCOPE_DESA, d, 2);
    struct plan *p;
    struct bko_request r;
    bko_of(s, &p, &r);
    assert_int_equal(empty_of(p), 0);
    assert_int_equal(r.nrow, 0);
    assert_int_equal(r.sum, 0);
    bko_request_free(&r);
    plan_destroy(p);
    scenario_destroy(s);
}

/* ---- formations (formats 1.6, <bko force size>) --------------------------- */

/* n rawan TPS (1 Polri place each) in kecamatan k, 1 km apart. */
static void rawan_row(struct scenario *s, int k, int n)
{
    int d = sb_desa(s, k);
    for (int i = 0; i < n; i++)
        sb_tps(s, d, 1.0 * i, GRADE_RAWAN);
}

/* 37 Polri places short in one kecamatan, platoons of 30: by person 37,
 * in formations ceil(37 / 30) = 2 platoons (60 persons); 1 platoon
 * leaves 7 places empty. */
static void test_formations_37(void **state)
{
    (void)state;
    struct scenario *s = sb_new();
    s->rules.linmas_per_tps = 0;
    s->rules.bko_size[FORCE_POLRI] = 30;
    int k = sb_kec(s);
    rawan_row(s, k, 40);
    sb_unit(s, "POLSEK", FORCE_POLRI, SCOPE_KECAMATAN, k, 3);
    struct plan *p;
    struct bko_request r;
    bko_of(s, &p, &r);
    assert_int_equal(empty_of(p), 37);
    assert_true(r.sized);
    assert_int_equal(r.nrow, 1);
    assert_int_equal(r.row[0].force, FORCE_POLRI);
    assert_int_equal(r.row[0].region, k);
    assert_int_equal(r.row[0].size, 30);
    assert_int_equal(r.row[0].formations, 2);
    assert_int_equal(r.row[0].count, 60);
    assert_int_equal(r.formations, 2);
    assert_int_equal(r.sum, 60);
    assert_true(r.proven);
    bko_request_free(&r);
    plan_destroy(p);
    scenario_destroy(s);
}

/* Two kecamatan of one kabupaten short of 10 Polri each: one platoon
 * for the kabupaten (the Polres deploys it over both), ceil(20/30).
 * Two kecamatan of two kabupaten: a formation serves one kabupaten at
 * most (a row of bko.csv is one unit), so 2 platoons, more than
 * ceil(20 / 30) = 1; each serves one kecamatan only, so it is asked for
 * that kecamatan (tie rule C). */
static void test_formations_per_area(void **state)
{
    (void)state;
    for (int two_kab = 0; two_kab <= 1; two_kab++) {
        struct scenario *s = sb_new();
        s->rules.linmas_per_tps = 0;
        s->rules.bko_size[FORCE_POLRI] = 30;
        int k1 = sb_kec(s), k2;
        if (two_kab) {
            struct kabupaten kb = {scenario_strdup(s, "1705"),
                                   scenario_strdup(s, "Lain"), 2};
            int j = scenario_add_kabupaten(s, &kb);
            struct kecamatan kc = {scenario_strdup(s, "170501"),
                                   scenario_strdup(s, "Kec Lain"), j, 30};
            k2 = scenario_add_kecamatan(s, &kc);
        } else {
            k2 = sb_kec(s);
        }
        rawan_row(s, k1, 10);
        rawan_row(s, k2, 10);
        for (int i = 0; i < s->ntps; i++) /* the builder knows kabupaten 0 */
            s->tps[i].kabupaten = s->kec[s->tps[i].kecamatan].kabupaten;
        struct plan *p;
        struct bko_request r;
        bko_of(s, &p, &r);
        assert_int_equal(empty_of(p), 20);
        if (two_kab) {
            assert_int_equal(r.nrow, 2);
            assert_int_equal(r.row[0].scope, SCOPE_KECAMATAN);
            assert_int_equal(r.row[0].region, k1);
            assert_int_equal(r.row[1].scope, SCOPE_KECAMATAN);
            assert_int_equal(r.row[1].region, k2);
            assert_int_equal(r.row[0].formations, 1);
            assert_int_equal(r.row[1].formations, 1);
            assert_int_equal(r.formations, 2);
            assert_int_equal(r.sum, 60);
        } else {
            assert_int_equal(r.nrow, 1);
            assert_int_equal(r.row[0].scope, SCOPE_KABUPATEN);
            assert_int_equal(r.row[0].region, 0);
            assert_int_equal(r.formations, 1);
            assert_int_equal(r.sum, 30);
        }
        bko_request_free(&r);
        plan_destroy(p);
        scenario_destroy(s);
    }
}

/* Ten sangat rawan TPS (2 places, 1 Polri-only) and nobody.  By person:
 * 10 Polri + 10 TNI (fewest Polri).  With platoons of 30 for both: one
 * Polri platoon fills all 20 places (Polri may take TNI places), 1
 * formation, where 1 Polri + 1 TNI platoon would be 2.  With TNI by
 * person and Polri in platoons of 30: still 1 formation (10 TNI persons
 * would count 10 more). */
static void test_formations_polri_takes_tni_places(void **state)
{
    (void)state;
    for (int tni_size = 0; tni_size <= 30; tni_size += 30) {
        struct scenario *s = sb_new();
        s->rules.linmas_per_tps = 0;
        s->rules.bko_size[FORCE_POLRI] = 30;
        s->rules.bko_size[FORCE_TNI] = tni_size;
        int k = sb_kec(s), d = sb_desa(s, k);
        for (int i = 0; i < 10; i++)
            sb_tps(s, d, 1.0 * i, GRADE_SANGAT_RAWAN);
        struct plan *p;
        struct bko_request r;
        bko_of(s, &p, &r);
        assert_int_equal(r.nrow, 1);
        assert_int_equal(r.row[0].force, FORCE_POLRI);
        assert_int_equal(r.row[0].count, 30);
        assert_int_equal(r.formations, 1);
        assert_int_equal(r.total[FORCE_TNI], 0);
        bko_request_free(&r);
        plan_destroy(p);
        scenario_destroy(s);
    }
}

/* Ties: fewest persons among the fewest formations.  Three rawan places
 * short; Polri in formations of 2 and of 3: 2 formations of 2 (4
 * persons) vs 1 formation of 3: the latter, fewer formations.  With
 * size 5: 1 formation of 5. */
static void test_formations_sizes(void **state)
{
    (void)state;
    static const int size[] = {2, 3, 5};
    static const long nf[] = {2, 1, 1}, count[] = {4, 3, 5};
    for (int i = 0; i < 3; i++) {
        struct scenario *s = sb_new();
        s->rules.linmas_per_tps = 0;
        s->rules.bko_size[FORCE_POLRI] = size[i];
        int k = sb_kec(s);
        rawan_row(s, k, 3);
        struct plan *p;
        struct bko_request r;
        bko_of(s, &p, &r);
        assert_int_equal(r.formations, nf[i]);
        assert_int_equal(r.sum, count[i]);
        bko_request_free(&r);
        plan_destroy(p);
        scenario_destroy(s);
    }
}

/* ---- random short-staffed scenarios ------------------------------------- */

#define INSTANCES 100

#define TEST_RNG_SEED 0xb0cb0cb0cULL
#include "tests/test_rng.h"

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
    int nkec = 1 + (int)rnd(3);
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
                sb_tps_at(s, d, SB_LAT0 + sb_dlat(dy + rndf(-0.6, 0.6)),
                          SB_LON0 + sb_dlat(dx + rndf(-0.6, 0.6)), g);
            }
            char id[32];
            snprintf(id, sizeof id, "LIN-%d", d);
            sb_unit(s, id, FORCE_LINMAS, SCOPE_DESA, d, (int)rnd(2 * nt + 1));
            if (rnd(5) == 0) { /* a Bhabinkamtibmas */
                snprintf(id, sizeof id, "BHABIN-%d", d);
                sb_unit(s, id, FORCE_POLRI, SCOPE_DESA, d, 1);
            }
        }
        char id[32];
        snprintf(id, sizeof id, "POLSEK-%d", kec);
        sb_unit(s, id, FORCE_POLRI, SCOPE_KECAMATAN, kec, (int)rnd(5));
        snprintf(id, sizeof id, "KORAMIL-%d", kec);
        sb_unit(s, id, FORCE_TNI, SCOPE_KECAMATAN, kec, (int)rnd(4));
    }
    if (rnd(2))
        sb_unit(s, "POLRES", FORCE_POLRI, SCOPE_KABUPATEN, 0, (int)rnd(4));
    if (k % 4 == 3) { /* formations (formats 1.6) */
        s->rules.bko_size[FORCE_POLRI] = 2 + (int)rnd(5);
        if (rnd(2))
            s->rules.bko_size[FORCE_TNI] = 2 + (int)rnd(5);
        if (rnd(2))
            s->rules.bko_size[FORCE_LINMAS] = 2 + (int)rnd(3);
    }
    return s;
}

/* The request as an overlay: a unit per row, row `less` one person short
 * (one formation short on a row in formations; -1: none). */
static struct overlay *request_overlay(const struct scenario *s,
                                       const struct bko_request *r, int less)
{
    struct overlay *ov = overlay_create();
    assert_non_null(ov);
    ov->file = "bko-overlay.xml";
    for (int i = 0; i < r->nrow; i++) {
        const struct bko_row *row = &r->row[i];
        long n = row->count - (i == less ? (row->size > 0 ? row->size : 1) : 0);
        if (n == 0)
            continue;
        char id[32];
        snprintf(id, sizeof id, "BKO-%d", i + 1);
        struct overlay_change c;
        memset(&c, 0, sizeof c);
        c.op = OV_ADD_UNIT;
        c.line = 10 + i;
        c.id = overlay_strdup(ov, id);
        c.name = c.id;
        c.force = row->force;
        c.scope = row->scope;
        c.region = row->scope == SCOPE_KABUPATEN ? s->kab[row->region].code
                 : row->scope == SCOPE_KECAMATAN ? s->kec[row->region].code
                 : s->desa[row->region].code;
        c.count = (int)n;
        assert_true(overlay_add_change(ov, &c) >= 0);
    }
    return ov;
}

/* Build the instance again (same seed state) and add overlay ov. */
static struct scenario *with_request(uint64_t seed, int k,
                                     const struct bko_request *r, int less)
{
    uint64_t keep = rng;
    rng = seed;
    struct scenario *s = random_scenario(k);
    rng = keep;
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(scenario_finish(s, &el), SIAGA_OK);
    struct overlay *ov = request_overlay(s, r, less);
    assert_int_equal(overlay_apply(s, ov, &el), SIAGA_OK);
    overlay_destroy(ov);
    error_list_free(&el);
    return s;
}

/* The audit's verdict on plan p written as a roster and read back. */
static bool audit_full(const struct scenario *s, const struct plan *p)
{
    char path[] = "/tmp/siaga-bko-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    assert_int_equal(io_write_roster_xml(f, s, p), 0);
    assert_int_equal(fclose(f), 0);
    struct raw_roster *r = NULL;
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(io_read_roster(path, &r, &el), SIAGA_OK);
    struct audit_report *rep = audit_run(s, r);
    assert_non_null(rep);
    bool ok = audit_passed(rep);
    audit_destroy(rep);
    raw_roster_destroy(r);
    error_list_free(&el);
    unlink(path);
    return ok;
}

static void test_random_minimal(void **state)
{
    (void)state;
    int short_staffed = 0, rows = 0, unproven = 0, sized_rows = 0;
    for (int k = 0; k < INSTANCES; k++) {
        uint64_t seed = rng;
        struct scenario *s = random_scenario(k);
        struct plan *p;
        struct bko_request r;
        bko_of(s, &p, &r);
        long empty = empty_of(p);
        assert_true((empty == 0) == (r.sum == 0));
        /* never more than the places (formations: than the places
         * rounded up to whole formations per row) */
        if (!r.sized)
            assert_true(r.sum <= empty);
        else
            assert_true(r.formations <= empty);
        for (int i = 0; i < r.nrow; i++)
            if (r.row[i].size > 0) {
                assert_int_equal(r.row[i].count % r.row[i].size, 0);
                assert_int_equal(r.row[i].count / r.row[i].size,
                                 r.row[i].formations);
                sized_rows++;
            }
        if (r.sum == 0)
            goto next;
        short_staffed++;
        unproven += !r.proven;
        /* exactly the request: nothing empty, by the audit too */
        struct scenario *s2 = with_request(seed, k, &r, -1);
        struct plan *p2 = plan_of(s2);
        if (empty_of(p2) != 0)
            fail_msg("instance %d: %ld places empty with the request of %ld",
                     k, empty_of(p2), r.sum);
        assert_true(audit_full(s2, p2));
        plan_destroy(p2);
        scenario_destroy(s2);
        /* one person fewer in any row: a place is empty */
        for (int i = 0; i < r.nrow; i++) {
            s2 = with_request(seed, k, &r, i);
            p2 = plan_of(s2);
            if (empty_of(p2) == 0)
                fail_msg("instance %d: full with row %d one short", k, i);
            plan_destroy(p2);
            scenario_destroy(s2);
            rows++;
        }
    next:
        bko_request_free(&r);
        plan_destroy(p);
        scenario_destroy(s);
    }
    print_message("%d instances, %d short-staffed (%d with desa guards: "
                  "minimal for the plan's posts), %d rows taken one short, "
                  "%d rows in formations\n",
                  INSTANCES, short_staffed, unproven, rows, sized_rows);
    assert_true(sized_rows >= 5);
    assert_true(short_staffed >= INSTANCES / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_rawan_one_polri),
        cmocka_unit_test(test_sangat_rawan_empty),
        cmocka_unit_test(test_polres_shared),
        cmocka_unit_test(test_nothing_empty),
        cmocka_unit_test(test_formations_37),
        cmocka_unit_test(test_formations_per_area),
        cmocka_unit_test(test_formations_polri_takes_tni_places),
        cmocka_unit_test(test_formations_sizes),
        cmocka_unit_test(test_random_minimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
