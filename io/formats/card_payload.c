/*
 * card_payload.c - the QR payload of a duty card (card_payload.h): writes
 * and parses "SIAGA1|member|place|hash", finds it in a card file, and
 * hashes a roster file with SHA-256 (GNU Nettle).
 *
 * Where the issue is silent, this reader decides:
 * - a payload read from the command line or a file may end in blanks or a
 *   line end (a pasted WhatsApp line); anything else after the hash is an
 *   error, so a tampered payload cannot hide a second hash;
 * - "%xx" in lower case is accepted (RFC 3986 says hex digits are case
 *   insensitive); the writer always uses upper case;
 * - the decoded ids obey the one id grammar (scenario_id_problem), so a
 *   card cannot name a member id no roster could hold.
 */
#include "io/formats/card_payload.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PREFIX[] = "SIAGA";
static const char HEX[] = "0123456789ABCDEF";

/* Bytes written as they are; every other byte is %XX. */
static int plain(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

/* May c appear in a payload (the alphabet a card file is scanned with)? */
static int in_payload(unsigned char c)
{
    return plain(c) || c == '%' || c == '|';
}

static char *put_id(char *o, const char *id)
{
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if (plain(*p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = HEX[*p >> 4];
            *o++ = HEX[*p & 15];
        }
    }
    return o;
}

char *card_payload_format(const struct card_payload *c, char *buf)
{
    char *o = buf + sprintf(buf, "%s%d|", PREFIX, c->version);
    o = put_id(o, c->member);
    *o++ = '|';
    o = put_id(o, c->place);
    *o++ = '|';
    memcpy(o, c->hash, CARD_HASH_HEX);
    o[CARD_HASH_HEX] = '\0';
    return buf;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decode field f (n bytes) into out (MAX_ID_BYTES + 1).  NULL, or why not
 * (in buf, at least 96 bytes). */
static const char *get_id(const char *f, size_t n, char *out, int may_be_empty,
                          char *buf)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f[i];
        int v = c;
        if (c == '%') {
            int hi = i + 2 < n ? hexval(f[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(f[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                snprintf(buf, 96, "'%%' at byte %zu is not followed by two hex "
                         "digits", i + 1);
                return buf;
            }
            v = hi * 16 + lo;
            i += 2;
        } else if (!plain(c)) {
            snprintf(buf, 96, "byte %zu (0x%02X) must be written %%%02X", i + 1,
                     c, c);
            return buf;
        }
        if (k == MAX_ID_BYTES)
            return "longer than 256 bytes";
        out[k++] = (char)v;
    }
    out[k] = '\0';
    if (k == 0)
        return may_be_empty ? NULL : "empty";
    if (memchr(out, '\0', k) != NULL)
        return "holds a NUL byte (%00)";
    return scenario_id_problem(out, buf);
}

int card_payload_parse(const char *text, size_t len, struct card_payload *c,
                       const char *file, long line, struct error_list *errs)
{
    const char *why = NULL;
    char buf[128];
    memset(c, 0, sizeof *c);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
                       text[len - 1] == '\r' || text[len - 1] == '\n'))
        len--;
    size_t np = sizeof PREFIX - 1, i = np;
    if (len < np || memcmp(text, PREFIX, np) != 0) {
        error_add(errs, file, line, "not a siaga card payload: it does not "
                  "start with SIAGA1|");
        return SIAGA_EINPUT;
    }
    long version = 0;
    while (i < len && text[i] >= '0' && text[i] <= '9' && version < 1000000)
        version = version * 10 + (text[i++] - '0');
    if (i == np || i >= len || text[i] != '|') {
        error_add(errs, file, line, "not a siaga card payload: SIAGA is not "
                  "followed by a version number and '|'");
        return SIAGA_EINPUT;
    }
    if (version != CARD_PAYLOAD_VERSION) {
        error_add(errs, file, line, "card payload version %ld is not known "
                  "(this siaga reads version %d)", version, CARD_PAYLOAD_VERSION);
        return SIAGA_EINPUT;
    }
    c->version = (int)version;
    /* the three fields after SIAGA1| */
    const char *f[3];
    size_t fn[3];
    int nf = 0;
    size_t start = ++i;
    for (; i <= len; i++) {
        if (i < len && text[i] != '|')
            continue;
        if (nf == 3) {
            nf++;
            break;
        }
        f[nf] = text + start;
        fn[nf++] = i - start;
        start = i + 1;
    }
    if (nf != 3) {
        error_add(errs, file, line, "card payload has %s fields: it is "
                  "SIAGA1|member|place|hash", nf < 3 ? "too few" : "too many");
        return SIAGA_EINPUT;
    }
    if ((why = get_id(f[0], fn[0], c->member, 0, buf)) != NULL) {
        error_add(errs, file, line, "card payload: member id %s", why);
        return SIAGA_EINPUT;
    }
    if ((why = get_id(f[1], fn[1], c->place, 1, buf)) != NULL) {
        error_add(errs, file, line, "card payload: place %s", why);
        return SIAGA_EINPUT;
    }
    int hex_ok = fn[2] == CARD_HASH_HEX;
    for (size_t k = 0; hex_ok && k < fn[2]; k++)
        hex_ok = (f[2][k] >= '0' && f[2][k] <= '9') || (f[2][k] >= 'a' && f[2][k] <= 'f');
    if (!hex_ok) {
        error_add(errs, file, line, "card payload: the roster hash is not %d "
                  "lower-case hex digits", CARD_HASH_HEX);
        return SIAGA_EINPUT;
    }
    memcpy(c->hash, f[2], CARD_HASH_HEX);
    c->hash[CARD_HASH_HEX] = '\0';
    return SIAGA_OK;
}

/* Is arg a payload rather than a file name? */
static int is_payload_text(const char *arg)
{
    return strncmp(arg, PREFIX, sizeof PREFIX - 1) == 0 &&
           arg[sizeof PREFIX - 1] >= '0' && arg[sizeof PREFIX - 1] <= '9';
}

int io_read_card(const char *arg, struct card_payload *c,
                 struct error_list *errs)
{
    if (is_payload_text(arg))
        return card_payload_parse(arg, strlen(arg), c, "--card", 0, errs);
    int rc = SIAGA_OK;
    char *data = NULL;
    FILE *f = fopen(arg, "rb");
    if (f == NULL)
        return error_io(errs, arg, "cannot read the card", errno);
    if ((data = malloc(CARD_FILE_MAX + 1)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        rc = SIAGA_ENOMEM;
        goto done;
    }
    size_t n = fread(data, 1, CARD_FILE_MAX + 1, f);
    if (ferror(f)) {
        rc = error_io(errs, arg, "cannot read the card", errno);
        goto done;
    }
    if (n > CARD_FILE_MAX) {
        error_add(errs, arg, 0, "larger than %d bytes: not a card", CARD_FILE_MAX);
        rc = SIAGA_EINPUT;
        goto done;
    }
    long line = 1;
    size_t at = 0;
    for (; at + sizeof PREFIX <= n; at++) {
        if (data[at] == '\n')
            line++;
        if (memcmp(data + at, PREFIX, sizeof PREFIX - 1) == 0 &&
            data[at + sizeof PREFIX - 1] >= '0' && data[at + sizeof PREFIX - 1] <= '9')
            break;
    }
    if (at + sizeof PREFIX > n) {
        error_add(errs, arg, 0, "no card payload (SIAGA1|...) in the file");
        rc = SIAGA_EINPUT;
        goto done;
    }
    size_t end = at;
    while (end < n && end - at <= CARD_PAYLOAD_MAX &&
           (in_payload((unsigned char)data[end]) ||
            (end - at < sizeof PREFIX - 1)))
        end++;
    rc = card_payload_parse(data + at, end - at, c, arg, line, errs);
done:
    free(data);
    fclose(f);
    return rc;
}

int io_roster_hash(const char *path, char *hex, struct error_list *errs)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    unsigned char buf[65536];
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return error_io(errs, path, "cannot read the roster", errno);
    sha256_init(&ctx);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    int bad = ferror(f);
    int err = errno;
    fclose(f);
    if (bad)
        return error_io(errs, path, "cannot read the roster", err);
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < CARD_HASH_HEX / 2; i++)
        sprintf(hex + 2 * i, "%02x", digest[i]);
    hex[CARD_HASH_HEX] = '\0';
    return SIAGA_OK;
}
