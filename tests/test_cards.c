/*
 * test_cards.c - duty cards (io/report/cards.c) and their QR payload
 * (io/formats/card_payload.c): the payload written and read back with ids
 * that need escaping, every kind of bad payload refused, the SHA-256 of a
 * known text, and the cards of a hand-made roster of two posts (three TPS
 * of Kinal, a guard id with a '/', two Linmas, a reserve, a version 2
 * roster with shifts) whose content was worked out by hand: patrol order,
 * route length, map links, partners, the Kapolsek's unit, file names and
 * the payload; check --card accepts those cards and rejects a card of
 * another roster and a tampered one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/formats/card_payload.h"
#include "io/formats/scenario_read.h"
#include "io/report/cards.h"
#include "tests/test_tmpdir.h"

static const char SCENARIO[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:siaga:scenario:1\" name=\"Uji kartu\" date=\"2024-02-14\">\n"
    "  <kabupaten code=\"1704\" name=\"Kaur\">\n"
    "    <kecamatan code=\"170401\" name=\"Kinal\">\n"
    "      <desa code=\"1704012001\" name=\"Gedung Wani\">\n"
    "        <tps no=\"1\" lat=\"-4.469340\" lon=\"103.144359\" grade=\"kurang_rawan\"/>\n"
    "        <tps no=\"2\" lat=\"-4.470000\" lon=\"103.150000\" grade=\"rawan\"/>\n"
    "      </desa>\n"
    "      <desa code=\"1704012002\" name=\"Penandingan\">\n"
    "        <tps no=\"1\" lat=\"-4.482021\" lon=\"103.136360\" grade=\"kurang_rawan\"/>\n"
    "      </desa>\n"
    "    </kecamatan>\n"
    "  </kabupaten>\n"
    "  <personnel>\n"
    "    <unit id=\"POLRES-KAUR\" force=\"polri\" name=\"Polres Kaur\" kabupaten=\"1704\">\n"
    "      <member id=\"79010001\" name=\"Agus Santoso\" rank=\"Aiptu\"/>\n"
    "    </unit>\n"
    "    <unit id=\"POLSEK-KINAL\" force=\"polri\" name=\"Polsek Kinal\" kecamatan=\"170401\">\n"
    "      <member id=\"85010002\" name=\"Budi Saputra\" rank=\"Bripka\"/>\n"
    "      <member id=\"NRP/7\" name=\"Citra Dewi\" rank=\"Briptu\"/>\n"
    "    </unit>\n"
    "    <unit id=\"KORAMIL-KINAL\" force=\"tni\" name=\"Koramil Kinal\" kecamatan=\"170401\">\n"
    "      <member id=\"31050001\" name=\"Joko Susilo\" rank=\"Serda\"/>\n"
    "    </unit>\n"
    "    <unit id=\"LINMAS-1704012001\" force=\"linmas\" name=\"Satlinmas Gedung Wani\" desa=\"1704012001\">\n"
    "      <member id=\"L1\" name=\"Eka\"/>\n"
    "      <member id=\"L2\" name=\"Fajar\"/>\n"
    "    </unit>\n"
    "  </personnel>\n"
    "</scenario>\n";

/* Two posts: P1 walks Penandingan 001 then Gedung Wani 001 (not the
 * scenario's order), P/2 holds Gedung Wani 002. */
#define ROSTER_BODY(NS, EXTRA) \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<roster xmlns=\"urn:siaga:roster:" NS "\" scenario=\"Uji kartu\" status=\"optimal\">\n" \
    "  <post id=\"P1\" grade=\"kurang_rawan\" kecamatan=\"170401\" required=\"2\" route_km=\"1.23\">\n" \
    "    <tps id=\"1704012002001\"/>\n" \
    "    <tps id=\"1704012001001\"/>\n" \
    "    <guard member=\"85010002\" unit=\"POLSEK-KINAL\" force=\"polri\"/>\n" \
    "    <guard member=\"31050001\" unit=\"KORAMIL-KINAL\" force=\"tni\"/>\n" \
    "  </post>\n" \
    "  <post id=\"P/2\" grade=\"rawan\" kecamatan=\"170401\" required=\"1\" route_km=\"0\">\n" \
    "    <tps id=\"1704012001002\"/>\n" \
    "    <guard member=\"NRP/7\" unit=\"POLSEK-KINAL\" force=\"polri\"/>\n" \
    "  </post>\n" \
    "  <linmas tps=\"1704012001001\" member=\"L1\" unit=\"LINMAS-1704012001\"/>\n" \
    "  <linmas tps=\"1704012001001\" member=\"L2\" unit=\"LINMAS-1704012001\"/>\n" \
    "  <reserve member=\"79010001\" unit=\"POLRES-KAUR\" force=\"polri\"/>\n" \
    EXTRA \
    "</roster>\n"

static const char ROSTER1[] = ROSTER_BODY("1", "");
static const char ROSTER2[] = ROSTER_BODY("2",
    "  <phase id=\"rekap\" kind=\"rekap\" start=\"2024-02-15T08:00\" end=\"2024-02-16T22:00\">\n"
    "    <shift member=\"85010002\" place=\"REKAP-170401\" start=\"2024-02-16T08:00\" end=\"2024-02-16T15:00\"/>\n"
    "    <shift member=\"85010002\" place=\"REKAP-170401\" start=\"2024-02-15T08:00\" end=\"2024-02-15T15:00\"/>\n"
    "  </phase>\n");

struct fixture {
    char dir[64];
    char scen[128], r1[128], r2[128], out[128];
    struct error_list errs;
    struct scenario *s;
};

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The whole file at dir/name, malloc'ed (NULL when missing). */
static char *slurp(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL || tmpdir_make(fx->dir, sizeof fx->dir, "cards") != 0)
        return -1;
    snprintf(fx->scen, sizeof fx->scen, "%s/s.xml", fx->dir);
    snprintf(fx->r1, sizeof fx->r1, "%s/r1.xml", fx->dir);
    snprintf(fx->r2, sizeof fx->r2, "%s/r2.xml", fx->dir);
    snprintf(fx->out, sizeof fx->out, "%s/out", fx->dir);
    put(fx->scen, SCENARIO);
    put(fx->r1, ROSTER1);
    put(fx->r2, ROSTER2);
    error_list_init(&fx->errs);
    if (io_read_scenario(fx->scen, &fx->s, &fx->errs) != SIAGA_OK)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    scenario_destroy(fx->s);
    error_list_free(&fx->errs);
    tmpdir_remove(fx->dir);
    free(fx);
    return 0;
}

/* ---- the payload ------------------------------------------------------- */

static void test_payload_escapes_and_reads_back(void **state)
{
    (void)state;
    struct card_payload c = {1, "NRP|7%", "P\xc3\xa9/2", "0123456789abcdef"}, back;
    char buf[CARD_PAYLOAD_MAX + 1];
    assert_string_equal(card_payload_format(&c, buf),
                        "SIAGA1|NRP%7C7%25|P%C3%A9%2F2|0123456789abcdef");
    struct error_list el;
    error_list_init(&el);
    assert_int_equal(card_payload_parse(buf, strlen(buf), &back, NULL, 0, &el), SIAGA_OK);
    assert_string_equal(back.member, "NRP|7%");
    assert_string_equal(back.place, "P\xc3\xa9/2");
    assert_string_equal(back.hash, "0123456789abcdef");
    /* a pasted line end is fine; lower-case %xx too; an empty place is a
     * reserve */
    const char *ok = "SIAGA1|a%2fb||0123456789abcdef\r\n";
    assert_int_equal(card_payload_parse(ok, strlen(ok), &back, NULL, 0, &el), SIAGA_OK);
    assert_string_equal(back.member, "a/b");
    assert_string_equal(back.place, "");
    error_list_free(&el);
}

static void test_payload_refuses_bad(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"SIAGB1|a|b|0123456789abcdef", "does not start with SIAGA1|"},
        {"SIAGA|a|b|0123456789abcdef", "not followed by a version"},
        {"SIAGA2|a|b|0123456789abcdef", "version 2 is not known"},
        {"SIAGA1|a|b", "too few fields"},
        {"SIAGA1|a|b|0123456789abcdef|x", "too many fields"},
        {"SIAGA1||b|0123456789abcdef", "member id empty"},
        {"SIAGA1|a%2|b|0123456789abcdef", "not followed by two hex"},
        {"SIAGA1|a%zz|b|0123456789abcdef", "not followed by two hex"},
        {"SIAGA1|a b|b|0123456789abcdef", "must be written %20"},
        {"SIAGA1|a%20b|b|0123456789abcdef", "member id"},       /* id grammar */
        {"SIAGA1|a%00|b|0123456789abcdef", "NUL"},
        {"SIAGA1|a|b|0123456789ABCDEF", "16 lower-case hex"},
        {"SIAGA1|a|b|0123456789abcde", "16 lower-case hex"},
        {"SIAGA1|a|b|0123456789abcdef x", "16 lower-case hex"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct error_list el;
        struct card_payload c;
        error_list_init(&el);
        int rc = card_payload_parse(bad[i][0], strlen(bad[i][0]), &c, "f", 3, &el);
        if (rc != SIAGA_EINPUT || el.n != 1 || strstr(el.items[0].message, bad[i][1]) == NULL)
            fail_msg("%s: rc %d, message '%s', wanted '%s'", bad[i][0], rc,
                     el.n ? el.items[0].message : "", bad[i][1]);
        assert_int_equal(el.items[0].line, 3);
        error_list_free(&el);
    }
}

static void test_read_card_from_file(void **state)
{
    struct fixture *fx = *state;
    char path[160];
    struct card_payload c;
    snprintf(path, sizeof path, "%s/card.txt", fx->dir);
    put(path, "*Kartu*\nNama: x\n\nKode kartu: SIAGA1|85010002|P1|0123456789abcdef\n");
    assert_int_equal(io_read_card(path, &c, &fx->errs), SIAGA_OK);
    assert_string_equal(c.member, "85010002");
    assert_string_equal(c.place, "P1");
    put(path, "<p class=\"payload\">SIAGA1|85010002|P1|0123456789abcdeg</p>\n");
    assert_int_equal(io_read_card(path, &c, &fx->errs), SIAGA_EINPUT);
    put(path, "line 1\nline 2 with SIAGA9|x|y|0123456789abcdef\n");
    assert_int_equal(io_read_card(path, &c, &fx->errs), SIAGA_EINPUT);
    assert_int_equal(fx->errs.items[fx->errs.n - 1].line, 2);
    put(path, "no payload here\n");
    assert_int_equal(io_read_card(path, &c, &fx->errs), SIAGA_EINPUT);
    assert_non_null(strstr(fx->errs.items[fx->errs.n - 1].message, "no card payload"));
    /* the text itself, from the command line */
    assert_int_equal(io_read_card("SIAGA1|L1|1704012001001|0123456789abcdef", &c,
                                  &fx->errs), SIAGA_OK);
    assert_string_equal(c.place, "1704012001001");
}

static void test_roster_hash_is_sha256(void **state)
{
    struct fixture *fx = *state;
    char path[160], hex[CARD_HASH_HEX + 1];
    snprintf(path, sizeof path, "%s/abc", fx->dir);
    put(path, "abc");   /* FIPS 180-2 test vector: ba7816bf8f01cfea 414140de... */
    assert_int_equal(io_roster_hash(path, hex, &fx->errs), SIAGA_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea");
}

/* ---- the cards ----------------------------------------------------------- */

/* s holds each of the NULL-terminated needles, in that order. */
static void has_in_order(const char *s, const char *const *needles)
{
    const char *at = s;
    for (int i = 0; needles[i] != NULL; i++) {
        const char *hit = strstr(at, needles[i]);
        if (hit == NULL)
            fail_msg("missing (in order) '%s' in:\n%s", needles[i], s);
        at = hit + strlen(needles[i]);
    }
}

static void test_cards_content(void **state)
{
    struct fixture *fx = *state;
    struct card_stats st;
    char hash[CARD_HASH_HEX + 1], want[256], kartu[160];
    assert_int_equal(io_write_cards(fx->out, fx->r1, fx->s, &st, &fx->errs), SIAGA_OK);
    assert_int_equal(io_roster_hash(fx->r1, hash, &fx->errs), SIAGA_OK);
    assert_int_equal(st.guards, 3);
    assert_int_equal(st.linmas, 2);
    assert_int_equal(st.reserves, 1);
    assert_int_equal(st.posts, 2);
    assert_int_equal(st.files, 2 * (3 + 2 + 1 + 2) + 1);
    snprintf(kartu, sizeof kartu, "%s/kartu", fx->out);

    char *t = slurp(kartu, "anggota-85010002.txt");
    assert_non_null(t);
    snprintf(want, sizeof want, "Kode kartu: SIAGA1|85010002|P1|%s\n", hash);
    const char *guard[] = {
        "Nama: *Budi Saputra*\n", "Pangkat: Bripka\n", "NRP: 85010002\n",
        "Satuan: Polsek Kinal (Polri)\n", "Tugas: *Penjaga pos P1*\n",
        "Kecamatan: Kinal\n", "Kapolsek: Polsek Kinal (POLSEK-KINAL)\n",
        "panjang rute 1.23 km",
        "1. TPS 001 Penandingan (1704012002001)", "geo:-4.482021,103.136360\n",
        "https://www.openstreetmap.org/?mlat=-4.482021&mlon=103.136360",
        "2. TPS 001 Gedung Wani (1704012001001)", "geo:-4.469340,103.144359\n",
        "*Rekan di pos*\n- Joko Susilo, Serda, TNI, Koramil Kinal (NRP 31050001)\n",
        want, NULL};
    has_in_order(t, guard);
    assert_null(strstr(t, "Jadwal"));           /* version 1: no shifts */
    assert_null(strstr(t, "Budi Saputra, Bripka"));   /* not his own partner */
    free(t);

    /* the id with '/' gets a safe file name and an escaped payload */
    t = slurp(kartu, "anggota-NRP_2F7.txt");
    assert_non_null(t);
    snprintf(want, sizeof want, "SIAGA1|NRP%%2F7|P%%2F2|%s\n", hash);
    const char *odd[] = {"Tugas: *Penjaga pos P/2*", "1. TPS 002 Gedung Wani",
                         "*Rekan di pos*\n- (tidak ada)\n", want, NULL};
    has_in_order(t, odd);
    free(t);
    t = slurp(kartu, "pos-P_2F2.html");
    assert_non_null(t);
    free(t);

    t = slurp(kartu, "anggota-L1.txt");
    assert_non_null(t);
    snprintf(want, sizeof want, "Kode kartu: SIAGA1|L1|1704012001001|%s\n", hash);
    const char *linmas[] = {
        "NIK/ID: L1\n", "Tugas: *Linmas di TPS 001 Gedung Wani, pos P1*\n",
        "Kapolsek: Polsek Kinal", "1. TPS 001 Gedung Wani (1704012001001)",
        "*Rekan Linmas di TPS*\n- Fajar, Linmas, Satlinmas Gedung Wani (NIK/ID L2)\n",
        "*Penjaga pos*\n- Budi Saputra, Bripka, Polri, Polsek Kinal (NRP 85010002) (komandan pos)\n"
        "- Joko Susilo", want, NULL};
    has_in_order(t, linmas);
    free(t);

    t = slurp(kartu, "pos-P1.txt");
    assert_non_null(t);
    snprintf(want, sizeof want, "Kode kartu: SIAGA1|85010002|P1|%s\n", hash);
    const char *post[] = {
        "*Kartu Komandan Pos*", "Nama: *Budi Saputra*", "Tugas: *Komandan pos P1*",
        "1. TPS 001 Penandingan", "2. TPS 001 Gedung Wani", "*Penjaga pos*",
        "(komandan pos)", "*Linmas TPS 001 Penandingan*\n- (tidak ada)\n",
        "*Linmas TPS 001 Gedung Wani*\n- Eka", "- Fajar", want, NULL};
    has_in_order(t, post);
    free(t);

    /* the reserve: Polres, its kabupaten's Polri unit is the fallback */
    t = slurp(kartu, "anggota-79010001.txt");
    assert_non_null(t);
    snprintf(want, sizeof want, "Kode kartu: SIAGA1|79010001||%s\n", hash);
    const char *res[] = {"Tugas: *Cadangan (siaga di satuan)*\n", "Kapolsek: -\n",
                         want, NULL};
    has_in_order(t, res);
    free(t);

    t = slurp(kartu, "anggota-85010002.html");
    assert_non_null(t);
    const char *html[] = {"@page{size:105mm 148mm", "<svg class=\"qr\"",
                          "href=\"geo:-4.482021,103.136360\"",
                          "href=\"https://www.openstreetmap.org/?mlat=-4.482021&amp;mlon=103.136360",
                          NULL};
    has_in_order(t, html);
    free(t);
    t = slurp(kartu, "index.html");
    assert_non_null(t);
    const char *index[] = {"Kecamatan Kinal", "href=\"pos-P1.html\"",
                           "href=\"anggota-85010002.html\"", "href=\"anggota-L1.html\"",
                           "href=\"pos-P_2F2.html\"", "href=\"anggota-NRP_2F7.html\"",
                           "Cadangan", "href=\"anggota-79010001.html\"", NULL};
    has_in_order(t, index);
    free(t);
}

static void test_cards_shifts(void **state)
{
    struct fixture *fx = *state;
    struct card_stats st;
    char kartu[160];
    assert_int_equal(io_write_cards(fx->out, fx->r2, fx->s, &st, &fx->errs), SIAGA_OK);
    snprintf(kartu, sizeof kartu, "%s/kartu", fx->out);
    char *t = slurp(kartu, "anggota-85010002.txt");
    assert_non_null(t);
    /* by start, not file order */
    const char *sh[] = {"*Jadwal tugas*\n",
                        "- 15-02-2024 08:00 s/d 15-02-2024 15:00: Rekapitulasi di PPK, tempat REKAP-170401\n",
                        "- 16-02-2024 08:00 s/d 16-02-2024 15:00: Rekapitulasi di PPK", NULL};
    has_in_order(t, sh);
    free(t);
    t = slurp(kartu, "anggota-31050001.txt");
    assert_non_null(strstr(t, "Tidak ada shift di luar tugas di atas."));
    free(t);
}

static void test_check_card(void **state)
{
    struct fixture *fx = *state;
    char hash[CARD_HASH_HEX + 1], msg[1024];
    enum card_verdict v;
    assert_int_equal(io_roster_hash(fx->r1, hash, &fx->errs), SIAGA_OK);
    struct card_payload c = {1, "85010002", "P1", ""};
    memcpy(c.hash, hash, sizeof c.hash);
    assert_int_equal(io_check_card(fx->s, fx->r1, &c, &v, msg, sizeof msg, &fx->errs), SIAGA_OK);
    assert_int_equal(v, CARD_ACCEPTED);
    assert_non_null(strstr(msg, "kartu SAH: Budi Saputra"));
    struct card_payload l = {1, "L2", "1704012001001", ""}, r = {1, "79010001", "", ""};
    memcpy(l.hash, hash, sizeof l.hash);
    memcpy(r.hash, hash, sizeof r.hash);
    assert_int_equal(io_check_card(fx->s, fx->r1, &l, &v, msg, sizeof msg, &fx->errs), SIAGA_OK);
    assert_int_equal(v, CARD_ACCEPTED);
    assert_int_equal(io_check_card(fx->s, fx->r1, &r, &v, msg, sizeof msg, &fx->errs), SIAGA_OK);
    assert_int_equal(v, CARD_ACCEPTED);
    /* tampered: another post, a Linmas at another TPS, a guard as reserve */
    struct card_payload bad[] = {{1, "85010002", "P/2", ""}, {1, "L2", "1704012001002", ""},
                                 {1, "85010002", "", ""}, {1, "99999999", "P1", ""}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(bad[i].hash, hash, sizeof bad[i].hash);
        assert_int_equal(io_check_card(fx->s, fx->r1, &bad[i], &v, msg, sizeof msg,
                                       &fx->errs), SIAGA_OK);
        assert_int_equal(v, CARD_NOT_IN_ROSTER);
        assert_non_null(strstr(msg, "DITOLAK"));
    }
    /* the card of r1 against r2 (another roster: other bytes) */
    assert_int_equal(io_check_card(fx->s, fx->r2, &c, &v, msg, sizeof msg, &fx->errs), SIAGA_OK);
    assert_int_equal(v, CARD_OTHER_ROSTER);
    assert_non_null(strstr(msg, "roster lain"));
}

static void test_cards_refuse_roster_not_of_scenario(void **state)
{
    struct fixture *fx = *state;
    struct card_stats st;
    char path[160];
    snprintf(path, sizeof path, "%s/bad.xml", fx->dir);
    char *text = strdup(ROSTER1), *at = strstr(text, "member=\"L2\"");
    memcpy(at, "member=\"L1\"", 11);   /* L1 twice */
    put(path, text);
    free(text);
    long before = fx->errs.n;
    assert_int_equal(io_write_cards(fx->out, path, fx->s, &st, &fx->errs), SIAGA_EINPUT);
    assert_non_null(strstr(fx->errs.items[before].message, "listed twice"));
    assert_int_equal(fx->errs.items[before].line, 14);
    struct stat sb;
    assert_int_not_equal(stat(fx->out, &sb), 0);   /* nothing written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payload_escapes_and_reads_back),
        cmocka_unit_test(test_payload_refuses_bad),
        cmocka_unit_test_setup_teardown(test_read_card_from_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roster_hash_is_sha256, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_shifts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_card, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_refuse_roster_not_of_scenario,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
