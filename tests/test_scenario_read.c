/*
 * test_scenario_read.c - io_read_scenario and scenario_check: good files
 * read whole, every bad-input class of formats.md 1.5 refused with its
 * line, DTDs and entities never loaded, lines exact past 65535.
 *
 * Run from the top of the tree (make unit does): the files are under
 * tests/data/scenario/.
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

#include <libxml/parser.h>

#include "io/formats/scenario_read.h"
#include "model/scenario.h"

#define DATA "tests/data/scenario/"

struct fixture {
    struct error_list errs;
    struct scenario *s;
    const void *arg;    /* the case of a table-driven test */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    error_list_init(&f->errs);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    scenario_destroy(f->s);
    error_list_free(&f->errs);
    free(f);
    return 0;
}

/* Is there an error at line whose message contains keyword? */
static bool has_error(const struct error_list *el, long line,
                      const char *keyword)
{
    for (int i = 0; i < el->n; i++)
        if (el->items[i].line == line &&
            strstr(el->items[i].message, keyword) != NULL)
            return true;
    return false;
}

static void print_errors(const struct error_list *el)
{
    for (int i = 0; i < el->n; i++)
        print_message("  %s:%ld: %s\n", el->items[i].file,
                      el->items[i].line, el->items[i].message);
}

/* ---- good files ----------------------------------------------------------- */

static void test_good(void **state)
{
    struct fixture *f = *state;
    int rc = io_read_scenario(DATA "good.xml", &f->s, &f->errs);
    if (rc != SIAGA_OK)
        print_errors(&f->errs);
    assert_int_equal(rc, SIAGA_OK);
    assert_int_equal(f->errs.n, 0);
    const struct scenario *s = f->s;
    assert_non_null(s);
    assert_string_equal(s->file, DATA "good.xml");
    assert_string_equal(s->name, "Uji Kaur");
    assert_string_equal(s->date, "2024-02-14");
    assert_int_equal(s->nkab, 1);
    assert_int_equal(s->nkec, 2);
    assert_int_equal(s->ndesa, 3);
    assert_int_equal(s->ntps, 4);
    assert_int_equal(s->nunit, 4);
    assert_int_equal(s->nmember, 2 + 3 + 12 + 1);

    /* rules: given attributes override, the rest keep the defaults */
    const struct grade_rule *kr = &s->rules.grade[GRADE_KURANG_RAWAN];
    assert_int_equal(kr->guards, 2);
    assert_int_equal(kr->tps_per_post, 5);
    assert_int_equal(kr->min_polri, 1);
    assert_true(kr->radius_km == 1.5);
    const struct grade_rule *r = &s->rules.grade[GRADE_RAWAN];
    assert_int_equal(r->guards, 1);
    assert_int_equal(r->tps_per_post, 1);
    assert_int_equal(r->min_polri, 1);
    const struct grade_rule *sr = &s->rules.grade[GRADE_SANGAT_RAWAN];
    assert_int_equal(sr->guards, 3);
    assert_int_equal(sr->tps_per_post, 1);
    assert_int_equal(sr->min_polri, 2);
    assert_int_equal(s->rules.linmas_per_tps, 3);

    /* regions and TPS */
    assert_string_equal(s->kec[1].code, "170402");
    assert_int_equal(s->kec[1].kabupaten, 0);
    assert_int_equal(s->desa[2].kecamatan, 1);
    assert_int_equal(s->desa[1].line, 14);
    const struct tps *t0 = &s->tps[0];
    assert_int_equal(t0->no, 1);
    assert_true(t0->lat == -4.50 && t0->lon == 103.10);
    assert_int_equal(t0->grade, GRADE_KURANG_RAWAN);
    assert_int_equal(t0->voters, 245);
    assert_true(t0->sulit);
    assert_true(t0->blankspot);
    assert_int_equal(t0->line, 11);
    assert_int_equal(s->tps[1].grade, GRADE_RAWAN); /* " rawan " */
    assert_int_equal(s->tps[1].voters, -1);
    assert_false(s->tps[1].sulit);
    assert_false(s->tps[1].blankspot);
    assert_int_equal(s->tps[3].voters, 0);
    assert_int_equal(s->tps[3].desa, 2);
    assert_int_equal(s->tps[3].kecamatan, 1);
    assert_int_equal(s->tps[3].kabupaten, 0);
    assert_int_equal(scenario_find_tps(s, "1704022001007"), 3);
    assert_int_equal(scenario_find_tps(s, "1704012002001"), 2);
    assert_int_equal(scenario_find_tps(s, "1704012002002"), -1);
    assert_int_equal(scenario_find_desa(s, "1704012002"), 1);
    assert_int_equal(scenario_find_kecamatan(s, "170402"), 1);
    assert_int_equal(scenario_find_kabupaten(s, "1704"), 0);

    /* units: scope indices and bases */
    int u = scenario_find_unit(s, "POLRES-KAUR");
    assert_int_equal(u, 0);
    assert_int_equal(s->unit[u].scope, SCOPE_ANY);
    assert_int_equal(s->unit[u].region, -1);
    assert_true(s->unit[u].has_base);
    assert_true(s->unit[u].lat == -4.83 && s->unit[u].lon == 103.37);
    assert_int_equal(s->unit[u].first_member, 0);
    assert_int_equal(s->unit[u].nmembers, 2);
    assert_int_equal(s->unit[u].force, FORCE_POLRI);

    u = scenario_find_unit(s, "KORAMIL-KINAL");
    assert_int_equal(u, 1);
    assert_int_equal(s->unit[u].force, FORCE_TNI);
    assert_int_equal(s->unit[u].scope, SCOPE_KECAMATAN);
    assert_int_equal(s->unit[u].region, 0);
    assert_int_equal(s->unit[u].count, 3);
    assert_false(s->unit[u].has_base);
    /* mean of the three TPS of Kinal */
    assert_true(fabs(s->unit[u].lat - -4.52) < 1e-9);
    assert_true(fabs(s->unit[u].lon - 103.12) < 1e-9);

    u = scenario_find_unit(s, "LINMAS-1704022001");
    assert_int_equal(s->unit[u].force, FORCE_LINMAS);
    assert_int_equal(s->unit[u].scope, SCOPE_DESA);
    assert_int_equal(s->unit[u].region, 2);
    assert_true(fabs(s->unit[u].lat - -4.90) < 1e-9);
    assert_true(fabs(s->unit[u].lon - 103.40) < 1e-9);
    assert_int_equal(s->unit[u].nmembers, 12);

    u = scenario_find_unit(s, "POLSEK-KAUR");
    assert_int_equal(s->unit[u].scope, SCOPE_KABUPATEN);
    assert_int_equal(s->unit[u].region, 0);
    /* mean of all four TPS of the kabupaten */
    assert_true(fabs(s->unit[u].lat - -4.615) < 1e-9);
    assert_true(fabs(s->unit[u].lon - 103.19) < 1e-9);

    /* members: listed, then generated UNITID-001.. on the unit's line */
    int m = scenario_find_member(s, "79010002");
    assert_int_equal(m, 1);
    assert_string_equal(s->member[m].name, "Dedi Kurniawan");
    assert_null(s->member[m].rank);
    assert_string_equal(s->member[0].rank, "Aiptu");
    m = scenario_find_member(s, "KORAMIL-KINAL-001");
    assert_int_equal(m, 2);
    assert_string_equal(s->member[m].name, "Koramil Kinal 1");
    assert_int_equal(s->member[m].unit, 1);
    assert_int_equal(s->member[m].line, 29);
    assert_int_equal(scenario_find_member(s, "KORAMIL-KINAL-003"), 4);
    assert_int_equal(scenario_find_member(s, "KORAMIL-KINAL-004"), -1);
    m = scenario_find_member(s, "LINMAS-1704022001-012");
    assert_int_equal(m, 16);
    assert_string_equal(s->member[m].name, "Satlinmas Linau 12");
    assert_null(s->member[m].rank);
    assert_int_equal(scenario_find_member(s, "85010002"), 17);
}

static void test_spec_example(void **state)
{
    struct fixture *f = *state;
    int rc = io_read_scenario(DATA "spec-example.xml", &f->s, &f->errs);
    if (rc != SIAGA_OK)
        print_errors(&f->errs);
    assert_int_equal(rc, SIAGA_OK);
    assert_string_equal(f->s->name, "Polres Kaur - Pemilu 2024");
    assert_int_equal(f->s->ntps, 1);
    assert_int_equal(f->s->tps[0].line, 13); /* end of the start tag */
    assert_int_equal(f->s->nunit, 4);
    assert_int_equal(f->s->nmember, 1 + 1 + 6 + 4);
    assert_int_equal(scenario_find_member(f->s, "KORAMIL-KINAL-006"), 7);
    assert_int_equal(scenario_find_member(f->s, "LINMAS-1704012001-004"), 11);
}

static void test_minimal_defaults(void **state)
{
    struct fixture *f = *state;
    struct rules def;
    rules_init(&def);
    assert_int_equal(io_read_scenario(DATA "minimal.xml", &f->s, &f->errs),
                     SIAGA_OK);
    assert_memory_equal(&f->s->rules, &def, sizeof def);
    assert_string_equal(f->s->date, "");
}

/* formats 1.6: grade="khusus" on a TPS and a khusus rule; attributes not
 * given keep the default (2 guards at 1 TPS, 2 Polri). */
static void test_khusus(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(io_read_scenario(DATA "khusus.xml", &f->s, &f->errs),
                     SIAGA_OK);
    assert_int_equal(f->s->ntps, 2);
    assert_int_equal(f->s->tps[0].grade, GRADE_RAWAN);
    assert_int_equal(f->s->tps[1].grade, GRADE_KHUSUS);
    assert_int_equal(f->s->tps[1].no, 901);
    const struct grade_rule *r = &f->s->rules.grade[GRADE_KHUSUS];
    assert_int_equal(r->guards, 3);
    assert_int_equal(r->min_polri, 1);
    assert_int_equal(r->tps_per_post, 1);
    assert_string_equal(grade_name(GRADE_KHUSUS), "khusus");
    assert_int_equal(grade_parse("khusus"), GRADE_KHUSUS);
    assert_true(scenario_has_grade(f->s, GRADE_KHUSUS));
}

/* formats 1.6: <jurisdictions>, polres= scopes, role="cadangan" and
 * <bko force size>, read from the Tangerang example. */
static void test_jurisdictions(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(io_read_scenario("tests/data/polres/tangerang.xml", &f->s,
                                      &f->errs), SIAGA_OK);
    const struct scenario *s = f->s;
    assert_int_equal(s->npolres, 2);
    assert_string_equal(s->polres[0].id, "POLRES-METRO-TANGERANG-KOTA");
    assert_int_equal(s->narea, 6);
    /* 360303 Tigaraksa and 360318 Cikupa: Polresta; the rest Metro */
    static const char *const kec[] = {"360303", "360313", "360314", "360316",
                                      "360318", "367101", "367105"};
    static const int pol[] = {1, 0, 0, 0, 1, 0, 0};
    for (int i = 0; i < 7; i++)
        assert_int_equal(s->kec_polres[scenario_find_kecamatan(s, kec[i])],
                         pol[i]);
    int u = scenario_find_unit(s, "PMTK-DALMAS");
    assert_true(u >= 0);
    assert_int_equal(s->unit[u].scope, SCOPE_POLRES);
    assert_int_equal(s->unit[u].region, 0);
    assert_true(s->unit[u].cadangan);
    assert_false(s->unit[scenario_find_unit(s, "PMTK")].cadangan);
    assert_int_equal(scenario_unit_polres(s, u), 0);
    /* a Kota Tangerang TPS: Metro's unit covers it, Polresta's does not */
    int t = scenario_find_tps(s, "3671011001001");
    assert_true(scenario_unit_covers(s, u, t));
    assert_false(scenario_unit_covers(s, scenario_find_unit(s, "PRESTA"), t));
    assert_int_equal(s->rules.bko_size[FORCE_POLRI], 10);
    assert_int_equal(s->rules.bko_size[FORCE_TNI], 0);
    assert_string_equal(scope_name(SCOPE_POLRES), "polres");
    /* the region of a unit's scope: code (a Polres's id) and name */
    const char *code = "-", *name = "-";
    const struct unit *pr = &s->unit[scenario_find_unit(s, "PRESTA")];
    assert_true(scenario_region(s, pr->scope, pr->region, &code, &name));
    assert_string_equal(code, "POLRESTA-TANGERANG");
    assert_string_equal(name, "Polresta Tangerang");
    const struct unit *ps = &s->unit[scenario_find_unit(s, "POLSEK-360303")];
    assert_true(scenario_region(s, ps->scope, ps->region, &code, NULL));
    assert_string_equal(code, "360303");
    assert_true(scenario_region(s, ps->scope, ps->region, NULL, &name));
    assert_string_equal(name, "Tigaraksa");
    code = name = "anywhere";
    assert_false(scenario_region(s, SCOPE_ANY, -1, &code, &name));
    assert_string_equal(code, "anywhere");
    assert_string_equal(name, "anywhere");
}

static void test_missing_file(void **state)
{
    struct fixture *f = *state;
    int rc = io_read_scenario(DATA "no-such-file.xml", &f->s, &f->errs);
    assert_int_equal(rc, SIAGA_EIO);
    assert_null(f->s);
    assert_int_equal(f->errs.n, 1);
    assert_string_equal(f->errs.items[0].file, DATA "no-such-file.xml");
    assert_non_null(strstr(f->errs.items[0].message, "cannot open"));
}

/* ---- bad files: one per class of formats.md 1.5 ---------------------------- */

struct bad_case {
    const char *file;
    int status;
    long line;
    const char *keyword;
};

static const struct bad_case BAD[] = {
    {"bad-malformed.xml", SIAGA_EINPUT, 8, "mismatch"},
    {"bad-wrong-root.xml", SIAGA_EINPUT, 2,
     "expected root element 'scenario' in namespace urn:siaga:scenario:1"},
    {"bad-wrong-ns.xml", SIAGA_EINPUT, 2,
     "expected root element 'scenario' in namespace urn:siaga:scenario:1"},
    {"bad-grade.xml", SIAGA_EINPUT, 10, "waspada"},
    {"bad-missing-lat.xml", SIAGA_EINPUT, 7, "'lat' is required"},
    {"bad-no-personnel.xml", SIAGA_EINPUT, 21, "personnel"},
    {"bad-dup-grade.xml", SIAGA_EINPUT, 5, "Duplicate"},
    {"bad-dup-desa.xml", SIAGA_EINPUT, 9,
     "duplicate desa 1704012001 (first at line 5)"},
    {"bad-dup-tps.xml", SIAGA_EINPUT, 11,
     "duplicate TPS 1704012002001 (first at line 10)"},
    {"bad-dup-unit.xml", SIAGA_EINPUT, 19,
     "duplicate unit POLSEK-KINAL (first at line 16)"},
    {"bad-dup-member.xml", SIAGA_EINPUT, 19,
     "duplicate member KORAMIL-KINAL-002 (first at line 17)"},
    {"bad-prefix.xml", SIAGA_EINPUT, 9, "does not start with"},
    {"bad-lat.xml", SIAGA_EINPUT, 10, "latitude -95.5 is outside -90..90"},
    {"bad-lat-hair.xml", SIAGA_EINPUT, 10,
     "latitude 90.0000000001 is outside -90..90"},
    {"bad-lon.xml", SIAGA_EINPUT, 11,
     "longitude 183.13 is outside -180..180"},
    {"bad-misplaced.xml", SIAGA_EINPUT, 10, "TPS 1704012002001"},
    {"bad-scope.xml", SIAGA_EINPUT, 16, "kecamatan 170499 is not in"},
    {"bad-two-scopes.xml", SIAGA_EINPUT, 16, "at most one of"},
    {"bad-count-and-members.xml", SIAGA_EINPUT, 16, "not both"},
    {"bad-guards-min-polri.xml", SIAGA_EINPUT, 5,
     "guards = 1; less than min_polri = 2"},
    {"bad-count-zero.xml", SIAGA_EINPUT, 19, "count"},
    {"bad-tps-per-post-zero.xml", SIAGA_EINPUT, 4, "tps_per_post"},
    {"bad-tps-per-post-limit.xml", SIAGA_EINPUT, 5,
     "tps_per_post = 21; more than the limit of 20"},
    {"bad-guards-huge.xml", SIAGA_EINPUT, 5,
     "guards = 1000000000; more than the limit of 20"},
    {"bad-radius.xml", SIAGA_EINPUT, 5,
     "radius_km = 50.0000001; more than the limit of 50 km"},
    {"bad-linmas-per-tps.xml", SIAGA_EINPUT, 4,
     "per_tps = 21; more than the limit of 20"},
    {"bad-id-space.xml", SIAGA_EINPUT, 20, "'POLSEK KINAL' is not an id"},
    {"bad-id-outer-space.xml", SIAGA_EINPUT, 21, "' 85010002 ' is not an id"},
    {"bad-id-count.xml", SIAGA_EINPUT, 23,
     "is 258 bytes long; the limit is 256; shorten the unit id"},
    {"bad-xxe.xml", SIAGA_EINPUT, 2, "DOCTYPE"},
    {"bad-billion-laughs.xml", SIAGA_EINPUT, 14, "entity"},
};

static void test_bad_file(void **state)
{
    struct fixture *f = *state;
    const struct bad_case *c = f->arg;
    char path[256];
    snprintf(path, sizeof path, DATA "%s", c->file);
    int rc = io_read_scenario(path, &f->s, &f->errs);
    if (rc != c->status || !has_error(&f->errs, c->line, c->keyword)) {
        print_message("%s: status %d, errors:\n", c->file, rc);
        print_errors(&f->errs);
    }
    assert_int_equal(rc, c->status);
    assert_null(f->s);
    assert_true(f->errs.n >= 1);
    assert_true(has_error(&f->errs, c->line, c->keyword));
    for (int i = 0; i < f->errs.n; i++) {
        assert_string_equal(f->errs.items[i].file, path);
        assert_true(f->errs.items[i].line > 0);
        assert_null(strstr(f->errs.items[i].message, "SIAGA-SECRET"));
        assert_null(strstr(f->errs.items[i].message, "root:"));
    }
    /* How long a refusal takes is for make bench (bench/limits.sh);
     * that entity expansion is bounded in memory is asserted by
     * tests/faults/run.sh, which validates bad-billion-laughs.xml under
     * ulimit -v. */
}

/* cmocka hands the case (initial_state) to setup, which keeps it in the
 * fixture. */
static int bad_setup(void **state)
{
    const struct bad_case *c = *state;
    if (setup(state) != 0)
        return -1;
    ((struct fixture *)*state)->arg = c;
    return 0;
}

/* ---- entities are never loaded ---------------------------------------------- */

static int loads;
static xmlExternalEntityLoader default_loader;

static xmlParserInputPtr counting_loader(const char *url, const char *id,
                                         xmlParserCtxtPtr ctxt)
{
    if ((url != NULL && (strstr(url, "secret") || strstr(url, "passwd"))) ||
        (id != NULL && (strstr(id, "secret") || strstr(id, "passwd"))))
        loads++;
    return default_loader(url, id, ctxt);
}

static void test_xxe_never_loaded(void **state)
{
    struct fixture *f = *state;
    default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(counting_loader);
    loads = 0;
    int rc = io_read_scenario(DATA "bad-xxe.xml", &f->s, &f->errs);
    xmlSetExternalEntityLoader(default_loader);
    assert_int_equal(rc, SIAGA_EINPUT);
    assert_int_equal(loads, 0);
}

/* ---- lines past 65535 ------------------------------------------------------- */

/* A scenario of ndesa desa of 20 TPS each (22 lines per desa), whose last
 * TPS line is last_tps; returns that TPS's line. */
static long write_big(const char *path, int ndesa, const char *last_tps)
{
    FILE *fp = fopen(path, "w");
    long line = 0;
    assert_non_null(fp);
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<scenario xmlns=\"urn:siaga:scenario:1\" name=\"big\">\n"
                "<kabupaten code=\"1704\" name=\"K\">\n"
                "<kecamatan code=\"170401\" name=\"Kec\">\n");
    line = 4;
    for (int d = 1; d <= ndesa; d++) {
        fprintf(fp, "<desa code=\"170401%04d\" name=\"D\">\n", d);
        line++;
        for (int no = 1; no <= 20; no++) {
            if (d == ndesa && no == 20) {
                fprintf(fp, "%s\n", last_tps);
            } else {
                fprintf(fp, "<tps no=\"%d\" lat=\"-4.5%02d\" lon=\"103.1%02d\""
                            " grade=\"rawan\"/>\n", no, d % 100, no);
            }
            line++;
        }
        fprintf(fp, "</desa>\n");
        line++;
    }
    fprintf(fp, "</kecamatan>\n</kabupaten>\n<personnel/>\n</scenario>\n");
    assert_int_equal(fclose(fp), 0);
    return line - 1;   /* the last TPS is just before the last </desa> */
}

static void big_case(void **state, const char *last_tps, long *line)
{
    struct fixture *f = *state;
    char path[] = "/tmp/siaga-test-big-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    *line = write_big(path, 3100, last_tps);
    assert_true(*line > 65535);
    int rc = io_read_scenario(path, &f->s, &f->errs);
    if (!has_error(&f->errs, *line, ""))
        print_errors(&f->errs);
    unlink(path);
    assert_int_equal(rc, SIAGA_EINPUT);
}

static void test_big_lines_semantic(void **state)
{
    struct fixture *f = *state;
    long line;
    big_case(state, "<tps no=\"1\" lat=\"-4.5\" lon=\"103.1\" grade=\"rawan\"/>",
             &line);
    assert_true(has_error(&f->errs, line, "duplicate TPS 1704013100001"));
    assert_int_equal(f->errs.n, 1);
}

static void test_big_lines_schema(void **state)
{
    struct fixture *f = *state;
    long line;
    big_case(state, "<tps no=\"20\" lat=\"-4.5\" lon=\"103.1\" grade=\"x\"/>",
             &line);
    assert_true(has_error(&f->errs, line, "grade"));
    assert_int_equal(f->errs.n, 1);
}

/* ---- scenario_check on hand-built scenarios ---------------------------------- */

/* One kabupaten, one kecamatan, one desa, TPS on the equator at the given
 * longitudes (degrees; 0.1 degree is 11.1 km). */
static struct scenario *line_of_tps(const double *lon, int n)
{
    struct scenario *s = scenario_create();
    assert_non_null(s);
    s->file = "mem";
    assert_int_equal(scenario_add_kabupaten(s, &(struct kabupaten){
                         "1704", "K", 1}), 0);
    assert_int_equal(scenario_add_kecamatan(s, &(struct kecamatan){
                         "170401", "Kec", 0, 2}), 0);
    assert_int_equal(scenario_add_desa(s, &(struct desa){
                         "1704012001", "D", 0, 3}), 0);
    for (int i = 0; i < n; i++) {
        struct tps t = {.desa = 0, .kecamatan = 0, .kabupaten = 0,
                        .no = i + 1, .lat = 0.0, .lon = lon[i],
                        .grade = GRADE_RAWAN, .voters = -1, .line = 10 + i};
        assert_int_equal(scenario_add_tps(s, &t), i);
    }
    return s;
}

/* Five TPS: 0, 0.1, 0.2, 0.3 and 0.62.  The median of the others of the
 * last is 0.15 (52.3 km away: misplaced); a median that wrongly kept the
 * TPS itself would be 0.2 (46.7 km: accepted).  The first TPS's others
 * have median 0.25 (27.8 km). */
static void test_check_median_of_others(void **state)
{
    struct fixture *f = *state;
    static const double lon[] = {0.3, 0.0, 0.62, 0.1, 0.2};
    f->s = line_of_tps(lon, 5);
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_EINPUT);
    assert_int_equal(f->errs.n, 1);
    assert_true(has_error(&f->errs, 12, "TPS 1704012001003"));
    assert_true(has_error(&f->errs, 12, "misplaced"));
}

/* Four TPS, odd number of others: 0, 0.1, 0.2, 0.9; only the last (median
 * of others 0.1, 89 km) is misplaced. */
static void test_check_median_odd(void **state)
{
    struct fixture *f = *state;
    static const double lon[] = {0.0, 0.9, 0.1, 0.2};
    f->s = line_of_tps(lon, 4);
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_EINPUT);
    assert_int_equal(f->errs.n, 1);
    assert_true(has_error(&f->errs, 11, "TPS 1704012001002"));
}

/* Across the antimeridian: five TPS at 179.8, 179.9, 179.95, -179.9 and
 * -179.8 on the equator, at most 44 km apart.  For the one at 179.95 the
 * others' longitudes, sorted, were -179.9, -179.8, 179.8, 179.9, and
 * their midpoint 0 put the median 20,000 km away.  On the circle the
 * median is +-180.  A sixth TPS at -179.2 (67 km from the median of the
 * others) is then the only one misplaced. */
static void test_check_median_antimeridian(void **state)
{
    struct fixture *f = *state;
    static const double lon[] = {179.8, 179.9, 179.95, -179.9, -179.8};
    f->s = line_of_tps(lon, 5);
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_OK);
    assert_int_equal(f->errs.n, 0);
    scenario_destroy(f->s);
    static const double lon6[] = {179.8, 179.9, 179.95, -179.9, -179.8,
                                  -179.2};
    f->s = line_of_tps(lon6, 6);
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_EINPUT);
    if (f->errs.n != 1)
        print_errors(&f->errs);
    assert_int_equal(f->errs.n, 1);
    assert_true(has_error(&f->errs, 15, "TPS 1704012001006"));
    assert_true(has_error(&f->errs, 15, "median position (0, 179.9"));
}

/* Two TPS 111 km apart: too few others to judge, accepted. */
static void test_check_too_few_to_judge(void **state)
{
    struct fixture *f = *state;
    static const double lon[] = {0.0, 1.0};
    f->s = line_of_tps(lon, 2);
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_OK);
    assert_int_equal(f->errs.n, 0);
    assert_int_equal(scenario_find_tps(f->s, "1704012001002"), 1);
}

/* Rules broken in code (an overlay, say) are reported without a line. */
static void test_check_rules(void **state)
{
    struct fixture *f = *state;
    static const double lon[] = {0.0};
    f->s = line_of_tps(lon, 1);
    f->s->rules.grade[GRADE_RAWAN].tps_per_post = 0;
    f->s->rules.grade[GRADE_SANGAT_RAWAN].min_polri = 3;
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_EINPUT);
    assert_true(has_error(&f->errs, 0, "grade rawan: tps_per_post = 0"));
    assert_true(has_error(&f->errs, 0,
                          "grade sangat_rawan: guards = 2; less than "
                          "min_polri = 3"));
}

/* A second check rebuilds the index instead of leaking it. */
static void test_check_twice(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(io_read_scenario(DATA "good.xml", &f->s, &f->errs),
                     SIAGA_OK);
    assert_int_equal(scenario_check(f->s, &f->errs), SIAGA_OK);
    assert_int_equal(scenario_find_member(f->s, "85010002"), 17);
}

#define BAD_TEST(i)                                                          \
    {BAD[i].file, test_bad_file, bad_setup, teardown, (void *)&BAD[i]}

/* The one id grammar (scenario_id_problem), as the schemas' Id type. */
static void test_id_grammar(void **state)
{
    (void)state;
    char buf[64], big[300];
    assert_null(scenario_id_problem("POLSEK-KINAL", buf));
    assert_null(scenario_id_problem("85010002", buf));
    assert_null(scenario_id_problem("\xC3\x9Cnit/7=", buf));   /* Ünit/7= */
    assert_string_equal(scenario_id_problem("", buf), "is empty");
    assert_string_equal(scenario_id_problem("POLSEK KINAL", buf),
                        "has a space at byte 7");
    assert_string_equal(scenario_id_problem(" 85010002", buf),
                        "has a space at byte 1");
    assert_string_equal(scenario_id_problem("8501\t0002", buf),
                        "has a control character at byte 5");
    assert_string_equal(scenario_id_problem("85010002\xC2\xA0", buf),
                        "has an invisible or space character at byte 9");
    assert_string_equal(scenario_id_problem("8501\xE2\x80\x8B" "0002", buf),
                        "has an invisible or space character at byte 5");
    assert_string_equal(scenario_id_problem("85\xFF", buf),
                        "has a byte that is not UTF-8 at byte 3");
    memset(big, 'A', 257);
    big[257] = '\0';
    assert_string_equal(scenario_id_problem(big, buf),
                        "is 257 bytes long; the limit is 256");
    big[256] = '\0';
    assert_null(scenario_id_problem(big, buf));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spec_example, setup, teardown),
        cmocka_unit_test_setup_teardown(test_minimal_defaults, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_khusus, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jurisdictions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        BAD_TEST(0), BAD_TEST(1), BAD_TEST(2), BAD_TEST(3), BAD_TEST(4),
        BAD_TEST(5), BAD_TEST(6), BAD_TEST(7), BAD_TEST(8), BAD_TEST(9),
        BAD_TEST(10), BAD_TEST(11), BAD_TEST(12), BAD_TEST(13),
        BAD_TEST(14), BAD_TEST(15), BAD_TEST(16), BAD_TEST(17),
        BAD_TEST(18), BAD_TEST(19), BAD_TEST(20), BAD_TEST(21),
        BAD_TEST(22), BAD_TEST(23), BAD_TEST(24), BAD_TEST(25),
        BAD_TEST(26), BAD_TEST(27), BAD_TEST(28), BAD_TEST(29),
        BAD_TEST(30),
        cmocka_unit_test_setup_teardown(test_xxe_never_loaded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_big_lines_semantic, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_big_lines_schema, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_median_of_others, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_median_odd, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_median_antimeridian, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_too_few_to_judge, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_twice, setup, teardown),
        cmocka_unit_test(test_id_grammar),
    };
    _Static_assert(sizeof BAD / sizeof BAD[0] == 31, "one BAD_TEST each");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
