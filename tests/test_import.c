/*
 * test_import.c - io_import and its parts: the CSV tokenizer, wilayah
 * names, TPS lists as CSV (Indonesian and English headers) and KML (Google
 * My Maps and Google Earth conventions, written by hand from them), every
 * class of bad row with its line, --drop-bad, grades and personnel.
 *
 * Self-contained: a tiny wilayah list and the inputs are under
 * tests/data/import/; outputs go to a fresh folder under /tmp.  Run from
 * the top of the tree (make unit does).
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
#include <sys/stat.h>
#include <unistd.h>

#include "io/formats/csv.h"
#include "io/formats/scenario_read.h"
#include "io/import/import.h"
#include "io/import/wilayah.h"
#include "model/scenario.h"

#define DATA "tests/data/import/"

struct fixture {
    char dir[64];
    char out[128], rej[128];
    struct import_options opt;
    struct import_report rep;
    struct error_list errs;
    struct scenario *s;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    strcpy(f->dir, "/tmp/siaga-test-import-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->out, sizeof f->out, "%s/s.xml", f->dir);
    snprintf(f->rej, sizeof f->rej, "%s/rejects.csv", f->dir);
    import_options_init(&f->opt);
    f->opt.wilayah = DATA "wilayah.tsv";
    f->opt.output = f->out;
    error_list_init(&f->errs);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char path[256];
    const char *names[] = {"s.xml", "rejects.csv", NULL};
    for (int i = 0; names[i] != NULL; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
        unlink(path);
    }
    rmdir(f->dir);
    scenario_destroy(f->s);
    import_report_free(&f->rep);
    error_list_free(&f->errs);
    free(f);
    return 0;
}

static void add_tps(struct fixture *f, const char *file)
{
    f->opt.tps[f->opt.ntps++] = file;
}

/* Run the import; on success read the scenario back into f->s. */
static int run(struct fixture *f)
{
    int rc = io_import(&f->opt, &f->rep, &f->errs);
    if (rc == SIAGA_OK) {
        struct error_list el;
        error_list_init(&el);
        int r = io_read_scenario(f->out, &f->s, &el);
        for (int i = 0; i < el.n; i++)
            fprintf(stderr, "read back: %ld: %s\n", el.items[i].line,
                    el.items[i].message);
        error_list_free(&el);
        assert_int_equal(r, SIAGA_OK);
    } else {
        for (int i = 0; i < f->errs.n; i++)
            fprintf(stderr, "  (%s:%ld: %s)\n", f->errs.items[i].file,
                    f->errs.items[i].line, f->errs.items[i].message);
    }
    return rc;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int tps_index(const struct fixture *f, const char *code13)
{
    return scenario_find_tps(f->s, code13);
}

/* ---- csv ---------------------------------------------------------------- */

/* csv_write_text, byte for byte: a cell a spreadsheet would run as a
 * formula gets a leading quote (inside the RFC 4180 quotes when quoted);
 * plain numbers, negative ones too, and ordinary text are unchanged. */
static void test_csv_formula_cells(void **state)
{
    (void)state;
    static const char *const cell[][2] = {
        {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","},
        {"=1+1", "'=1+1,"},
        {"+62 812 555", "'+62 812 555,"},
        {"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0,"},
        {"@SUM(A1:A9)", "'@SUM(A1:A9),"},
        {"\t=1", "'\t=1,"},
        {"\r=1", "\"'\r=1\","},
        {"-", "'-,"},
        {"--1", "'--1,"},
        {"-6.1720", "-6.1720,"},
        {"-6,1720", "\"-6,1720\","},
        {"+1", "+1,"},
        {"-1e5", "-1e5,"},
        {"-.5", "-.5,"},
        {"-1e", "'-1e,"},
        {"Polsek Kinal", "Polsek Kinal,"},
        {"a=b", "a=b,"},
        {"", ","},
    };
    for (size_t i = 0; i < sizeof cell / sizeof cell[0]; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        assert_non_null(m);
        csv_write_text(m, cell[i][0], 0);
        assert_int_equal(fclose(m), 0);
        assert_string_equal(buf, cell[i][1]);
        assert_int_equal(csv_is_formula(cell[i][0]), cell[i][1][0] == '\'' ||
                                                      strncmp(cell[i][1], "\"'", 2) == 0);
        free(buf);
    }
    /* csv_write_field, for the program's own numbers, never adds one */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    csv_write_field(m, "-3", 1);
    fclose(m);
    assert_string_equal(buf, "-3\r\n");
    free(buf);
}

static void test_csv_tokenizer(void **state)
{
    (void)state;
    static const char text[] =
        "\xef\xbb\xbf" "a;b;\"c;d\"\r\n"
        "1;\"two\r\nlines\";\"say \"\"hi\"\"\"\r\n"
        "\r\n"
        "x;;\n";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "rb");
    assert_non_null(fp);
    struct csv_reader *r = csv_reader_create(fp, 0);
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_delimiter(r), ';');
    assert_int_equal(csv_line(r), 1);
    assert_int_equal(csv_nfields(r), 3);
    assert_string_equal(csv_field(r, 0), "a");   /* BOM gone */
    assert_string_equal(csv_field(r, 2), "c;d");
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_line(r), 2);
    assert_string_equal(csv_field(r, 1), "two\r\nlines");
    assert_string_equal(csv_field(r, 2), "say \"hi\"");
    assert_int_equal(csv_read(r), CSV_RECORD);  /* blank line 4 skipped */
    assert_int_equal(csv_line(r), 5);
    assert_int_equal(csv_nfields(r), 3);
    assert_string_equal(csv_field(r, 1), "");
    assert_string_equal(csv_field(r, 7), "");
    assert_int_equal(csv_read(r), CSV_EOF);
    csv_reader_destroy(r);
    fclose(fp);

    static const char bad[] = "a,b\n\"x\"y,1\nok,\xff\n\"open,2\n";
    fp = fmemopen((void *)bad, sizeof bad - 1, "rb");
    r = csv_reader_create(fp, ',');
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_read(r), CSV_BAD);     /* text after a quote */
    assert_int_equal(csv_line(r), 2);
    assert_int_equal(csv_read(r), CSV_BAD);     /* not UTF-8 */
    assert_int_equal(csv_line(r), 3);
    assert_non_null(strstr(csv_message(r), "UTF-8"));
    assert_int_equal(csv_read(r), CSV_BAD);     /* quote never closed */
    assert_int_equal(csv_line(r), 4);
    assert_int_equal(csv_read(r), CSV_EOF);
    csv_reader_destroy(r);
    fclose(fp);
}

/* Lone CR line ends (old Mac "CSV (Macintosh)") are line ends, counted as
 * lines, inside quotes too; a control character in a field is refused
 * with the line it is on (it used to reach the XML and be reported
 * against the scenario being written). */
static void test_csv_lone_cr_and_control(void **state)
{
    (void)state;
    static const char text[] = "a,b\r1,\"x\ry\"\r2,3\r\r4,5";
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "rb");
    assert_non_null(fp);
    struct csv_reader *r = csv_reader_create(fp, 0);
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_nfields(r), 2);
    assert_string_equal(csv_field(r, 1), "b");
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_line(r), 2);
    assert_string_equal(csv_field(r, 1), "x\ry");
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_line(r), 4);
    assert_string_equal(csv_field(r, 0), "2");
    assert_string_equal(csv_field(r, 1), "3");
    assert_int_equal(csv_read(r), CSV_RECORD);  /* blank line 5 skipped */
    assert_int_equal(csv_line(r), 6);
    assert_string_equal(csv_field(r, 1), "5");
    assert_int_equal(csv_read(r), CSV_EOF);
    csv_reader_destroy(r);
    fclose(fp);

    static const char ctl[] = "a,b\r\nok,x\x01y\r\nok,tab\there\r\n";
    fp = fmemopen((void *)ctl, sizeof ctl - 1, "rb");
    r = csv_reader_create(fp, ',');
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_read(r), CSV_BAD);
    assert_int_equal(csv_line(r), 2);
    assert_non_null(strstr(csv_message(r), "field 2 holds a control "
                                           "character (byte 0x01"));
    assert_int_equal(csv_read(r), CSV_RECORD);  /* a tab is text */
    assert_string_equal(csv_field(r, 1), "tab\there");
    assert_int_equal(csv_read(r), CSV_EOF);
    csv_reader_destroy(r);
    fclose(fp);
}

/* ---- names -------------------------------------------------------------- */

static void test_names(void **state)
{
    (void)state;
    char a[64], b[64];
    assert_string_equal(wilayah_name_key("Kel. Poris-Plawad", 1, a, sizeof a),
                        "PORISPLAWAD");
    assert_string_equal(wilayah_name_key("poris plawad", 1, b, sizeof b),
                        "PORISPLAWAD");
    assert_string_equal(wilayah_name_key("Desa/Kelurahan Sukaasih", 1, a, sizeof a),
                        "SUKAASIH");
    assert_string_equal(wilayah_name_key("Desa Baru", 0, a, sizeof a), "DESABARU");
    assert_string_equal(wilayah_name_key("Desa", 1, a, sizeof a), "DESA");
    assert_string_equal(wilayah_title_case("KOTA TANGERANG", a, sizeof a),
                        "Kota Tangerang");
    assert_string_equal(wilayah_title_case("PASAR JUM\"AT II", a, sizeof a),
                        "Pasar Jum'at II");

    struct wilayah *w = NULL;
    struct error_list el;
    int row, nkec;
    error_list_init(&el);
    assert_int_equal(wilayah_load(DATA "wilayah.tsv", NULL, &w, &el), SIAGA_OK);
    assert_int_equal(wilayah_find_desa_by_name(w, NULL, NULL, "Sukarasa", &row,
                                               &nkec), 2);
    assert_int_equal(wilayah_find_desa_by_name(w, NULL, "Kec. Tangerang",
                                               "sukarasa", &row, &nkec), 1);
    assert_string_equal(wilayah_row(w, row)->desa_code, "3671011001");
    /* "Desa Baru" is listed with its type word */
    assert_int_equal(wilayah_find_desa_by_name(w, NULL, NULL, "desa baru",
                                               &row, &nkec), 1);
    assert_int_equal(wilayah_find_desa_by_name(w, NULL, "Nowhere", "Sukarasa",
                                               &row, &nkec), 0);
    assert_int_equal(nkec, 0);
    wilayah_destroy(w);
    assert_int_equal(wilayah_load(DATA "wilayah.tsv", "9999", &w, &el),
                     SIAGA_EINPUT);
    assert_null(w);
    error_list_free(&el);
}

/* ---- TPS lists ---------------------------------------------------------- */

/* Semicolons, comma decimals, BOM, CRLF, a blank line, a "No" column that
 * is not the TPS number, type words before names: 5 TPS. */
static void test_indonesian_header(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-id.csv");
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->rep.rows, 5);
    assert_int_equal(f->rep.nreject, 0);
    assert_int_equal(f->s->ntps, 5);
    assert_int_equal(f->s->nkec, 2);
    assert_int_equal(f->s->ndesa, 3);
    assert_string_equal(f->s->kab[0].name, "Kota Tangerang");
    int t = tps_index(f, "3671011001002");
    assert_true(t >= 0);
    assert_true(fabs(f->s->tps[t].lat - -6.1722) < 1e-9);
    assert_true(fabs(f->s->tps[t].lon - 106.6343) < 1e-9);
    assert_true(tps_index(f, "3671011002001") >= 0);
    assert_true(tps_index(f, "3671051007001") >= 0);
    /* no grades file: all kurang rawan, and said so */
    assert_int_equal(f->rep.graded_default, 5);
    assert_int_equal(f->rep.grade[GRADE_KURANG_RAWAN], 5);
    /* no personnel file: an empty <personnel/> that validates */
    assert_int_equal(f->s->nunit, 0);
}

static void test_english_header(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-en.csv");
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->s->ntps, 3);
    int t = tps_index(f, "3671011001002");
    assert_true(t >= 0);
    assert_int_equal(f->s->tps[t].voters, 312);
    t = tps_index(f, "3671051008001");     /* Pasar Jum'at II */
    assert_true(t >= 0);
    assert_int_equal(f->s->tps[t].voters, -1);
    assert_string_equal(f->s->desa[f->s->tps[t].desa].name, "Pasar Jum'at II");
}

struct expect { long line; enum import_reason reason; const char *text; };

static const struct expect BAD[] = {
    {6, REJ_OUTSIDE, "misplaced decimal point"},
    {7, REJ_DUPLICATE, "at line 4"},
    {8, REJ_NOCOORD, "coordinates missing"},
    {9, REJ_NOTNUM, "'abc' is not a number"},
    {10, REJ_WILAYAH, "SUKARAMAI"},
    {11, REJ_FAR, "8.7 km"},
};

static void check_bad_report(const struct fixture *f)
{
    assert_int_equal(f->rep.rows, 10);  /* the first row spans lines 2-3 */
    assert_int_equal(f->rep.nreject, 6);
    for (int i = 0; i < 6; i++) {
        const struct import_reject *r = &f->rep.reject[i];
        assert_string_equal(r->file, DATA "tps-bad.csv");
        assert_int_equal(r->line, BAD[i].line);
        assert_int_equal(r->reason, BAD[i].reason);
        if (strstr(r->message, BAD[i].text) == NULL)
            fail_msg("line %ld: '%s' lacks '%s'", r->line, r->message,
                     BAD[i].text);
    }
}

static void test_bad_rows_refused(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-bad.csv");
    assert_int_equal(run(f), SIAGA_EINPUT);
    check_bad_report(f);
    assert_false(exists(f->out));       /* nothing written */
}

static void test_drop_bad(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-bad.csv");
    f->opt.rejects = f->rej;
    assert_int_equal(run(f), SIAGA_OK);
    check_bad_report(f);
    assert_int_equal(f->s->ntps, 4);
    assert_true(tps_index(f, "3671011001002") >= 0);
    assert_true(tps_index(f, "3671011001007") < 0);

    /* the rejects: original columns, then file, line, reason */
    FILE *fp = fopen(f->rej, "rb");
    assert_non_null(fp);
    struct csv_reader *r = csv_reader_create(fp, 0);
    assert_int_equal(csv_read(r), CSV_RECORD);
    assert_int_equal(csv_nfields(r), 11);
    assert_string_equal(csv_field(r, 0), "kecamatan_code");
    assert_string_equal(csv_field(r, 7), "address");
    assert_string_equal(csv_field(r, 8), "file");
    assert_string_equal(csv_field(r, 9), "line");
    assert_string_equal(csv_field(r, 10), "reason");
    for (int i = 0; i < 6; i++) {
        char line[16];
        assert_int_equal(csv_read(r), CSV_RECORD);
        snprintf(line, sizeof line, "%ld", BAD[i].line);
        assert_string_equal(csv_field(r, 9), line);
        assert_non_null(strstr(csv_field(r, 10), BAD[i].text));
    }
    assert_int_equal(csv_read(r), CSV_EOF);
    csv_reader_destroy(r);
    fclose(fp);
}

static void test_ambiguous_name(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-ambiguous.csv");
    assert_int_equal(run(f), SIAGA_EINPUT);
    assert_int_equal(f->rep.nreject, 3);
    assert_int_equal(f->rep.reject[0].line, 2);
    assert_non_null(strstr(f->rep.reject[0].message, "ambiguous"));
}

static void test_kabupaten_narrows(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-ambiguous.csv");
    f->opt.kabupaten = "3671";
    assert_int_equal(run(f), SIAGA_OK);
    assert_true(tps_index(f, "3671011001003") >= 0);
}

/* My Maps: default namespace, Document > Folder (a layer named after the
 * sheet) > Placemark with ExtendedData Data/value, styles, a placemark
 * that is not a TPS.  With grades from a CSV. */
static void test_mymaps_kml(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "mymaps.kml");
    f->opt.grades = DATA "grades.csv";
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->s->ntps, 4);
    assert_int_equal(f->rep.placemarks_skipped, 1);
    assert_int_equal(f->rep.placemark_skipped_line, 100);
    int t = tps_index(f, "3671051007001");
    assert_true(t >= 0);
    assert_int_equal(f->s->tps[t].grade, GRADE_SANGAT_RAWAN);
    assert_true(fabs(f->s->tps[t].lat - -6.181) < 1e-9);
    assert_true(fabs(f->s->tps[t].lon - 106.698) < 1e-9);
    assert_int_equal(f->s->tps[tps_index(f, "3671051007002")].grade, GRADE_RAWAN);
    assert_int_equal(f->s->tps[tps_index(f, "3671051001001")].grade,
                     GRADE_KURANG_RAWAN);
    assert_int_equal(f->rep.graded_default, 2);
}

/* Google Earth: kml: prefix, gx: extensions, Folder > Document nesting
 * whose names carry the kecamatan and kelurahan, MultiGeometry, altitude,
 * a TPS number from SchemaData, coordinates with blanks around them. */
static void test_earth_kml(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "earth.kml");
    f->opt.grades = DATA "grades.xml";
    /* grades.xml names TPS of Cipondoh, not in this list */
    assert_int_equal(run(f), SIAGA_EINPUT);
    assert_int_equal(f->errs.n, 2);
    assert_int_equal(f->errs.items[0].line, 3);
    assert_non_null(strstr(f->errs.items[0].message, "not in the TPS list"));

    f->opt.grades = NULL;
    import_report_free(&f->rep);
    error_list_free(&f->errs);
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->s->ntps, 4);
    int t = tps_index(f, "3671011001003");
    assert_true(t >= 0);
    assert_true(fabs(f->s->tps[t].lat - -6.1718) < 1e-9);
    assert_true(tps_index(f, "3671011001002") >= 0);
    assert_true(tps_index(f, "3671011002001") >= 0);
}

static void test_grades_xml_and_bad_grades(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "mymaps.kml");
    f->opt.grades = DATA "grades.xml";
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->s->tps[tps_index(f, "3671051007003")].grade, GRADE_RAWAN);
    assert_int_equal(f->s->tps[tps_index(f, "3671051001001")].grade,
                     GRADE_SANGAT_RAWAN);

    scenario_destroy(f->s);
    f->s = NULL;
    import_report_free(&f->rep);
    unlink(f->out);
    f->opt.grades = DATA "grades-bad.csv";
    assert_int_equal(run(f), SIAGA_EINPUT);
    assert_int_equal(f->errs.n, 3);
    error_list_sort(&f->errs);
    assert_int_equal(f->errs.items[0].line, 3);     /* unknown TPS */
    assert_int_equal(f->errs.items[1].line, 4);     /* "aman" */
    assert_non_null(strstr(f->errs.items[1].message, "unknown grade"));
    assert_int_equal(f->errs.items[2].line, 5);     /* graded twice */
    assert_non_null(strstr(f->errs.items[2].message, "line 2"));
    assert_false(exists(f->out));
}

static void test_personnel(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "mymaps.kml");
    f->opt.personnel = DATA "personnel.csv";
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->rep.units, 3);
    assert_int_equal(f->rep.members, 12);
    assert_int_equal(f->s->nunit, 3);
    assert_int_equal(f->s->nmember, 12);
    int u = scenario_find_unit(f->s, "POLSEK-CIPONDOH");
    assert_true(u >= 0);
    assert_int_equal(f->s->unit[u].nmembers, 2);
    assert_int_equal(f->s->unit[u].scope, SCOPE_KECAMATAN);
    assert_true(f->s->unit[u].has_base);
    u = scenario_find_unit(f->s, "KORAMIL-CIPONDOH");
    assert_int_equal(f->s->unit[u].scope, SCOPE_KECAMATAN); /* from the code */
    assert_int_equal(f->s->unit[u].force, FORCE_TNI);
    u = scenario_find_unit(f->s, "LINMAS-3671051007");
    assert_int_equal(f->s->unit[u].scope, SCOPE_DESA);
    assert_int_equal(f->s->unit[u].count, 6);
}

static void test_personnel_bad(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "mymaps.kml");
    f->opt.personnel = DATA "personnel-bad.csv";
    assert_int_equal(run(f), SIAGA_EINPUT);
    error_list_sort(&f->errs);
    static const struct { long line; const char *text; } want[] = {
        {2, "has no TPS in the scenario"},
        {3, "appears twice"},
        {3, "POLSEK-CIPONDOH has neither"},   /* its only row was refused */
        {4, "unknown force 'army2'"},
        {5, "not both"},
        {5, "neither members nor a count"},
    };
    assert_int_equal(f->errs.n, 6);
    for (int i = 0; i < 6; i++) {
        assert_int_equal(f->errs.items[i].line, want[i].line);
        if (strstr(f->errs.items[i].message, want[i].text) == NULL)
            fail_msg("line %ld: '%s' lacks '%s'", want[i].line,
                     f->errs.items[i].message, want[i].text);
    }
}

/* A CSV and a KML together: the same TPS in both is a duplicate that
 * names the other file. */
static void test_two_sources(void **state)
{
    struct fixture *f = *state;
    add_tps(f, DATA "tps-id.csv");
    add_tps(f, DATA "earth.kml");
    f->opt.rejects = f->rej;
    assert_int_equal(run(f), SIAGA_OK);
    assert_int_equal(f->s->ntps, 5);
    assert_int_equal(f->rep.nreject, 4);
    assert_string_equal(f->rep.reject[0].file, DATA "earth.kml");
    assert_int_equal(f->rep.reject[0].reason, REJ_DUPLICATE);
    assert_non_null(strstr(f->rep.reject[0].message, "tps-id.csv:2"));
}

static void test_options_checked(void **state)
{
    struct fixture *f = *state;
    f->opt.far_km = 0.1;
    f->opt.kabupaten = "36";
    assert_int_equal(io_import(&f->opt, &f->rep, &f->errs), SIAGA_EINPUT);
    assert_int_equal(f->errs.n, 3);    /* no TPS list, far_km, kabupaten */
    assert_non_null(strstr(f->errs.items[1].message, "far_km = 0.1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_tokenizer),
        cmocka_unit_test(test_csv_lone_cr_and_control),
        cmocka_unit_test(test_csv_formula_cells),
        cmocka_unit_test(test_names),
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_indonesian_header),
        T(test_english_header),
        T(test_bad_rows_refused),
        T(test_drop_bad),
        T(test_ambiguous_name),
        T(test_kabupaten_narrows),
        T(test_mymaps_kml),
        T(test_earth_kml),
        T(test_grades_xml_and_bad_grades),
        T(test_personnel),
        T(test_personnel_bad),
        T(test_two_sources),
        T(test_options_checked),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
