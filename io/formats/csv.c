/*
 * csv.c - the RFC 4180 tokenizer of csv.h.
 *
 * A record is read in two steps: its raw text up to a line break outside
 * quotes (quotes toggle, so a doubled quote toggles twice), then split into
 * fields.  The first step is where the delimiter of the first record is
 * guessed and where line numbers are counted.
 */
#include "io/formats/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct csv_reader {
    FILE *f;
    char delim;
    int started;            /* the BOM has been looked for */
    long next_line;         /* line on which the next record starts */
    long line;              /* line of the current record */
    char *raw;              /* raw text of the record */
    size_t raw_len, raw_cap;
    char *buf;              /* fields, each NUL-terminated */
    size_t buf_cap;
    size_t *off;            /* offset of each field in buf */
    int nfields, off_cap;
    long bytes;             /* read so far, up to CSV_MAX_BYTES */
    int too_long;           /* the record passed CSV_MAX_RECORD */
    int ended;              /* CSV_MAX_BYTES passed: nothing more is read */
    char message[160];
};

struct csv_reader *csv_reader_create(FILE *f, char delim)
{
    struct csv_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->f = f;
    r->delim = delim;
    r->next_line = 1;
    /* a regular file over the limit is refused at its first byte, not
     * after reading half a gigabyte */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > CSV_MAX_BYTES)
        r->bytes = CSV_MAX_BYTES;
    return r;
}

void csv_reader_destroy(struct csv_reader *r)
{
    if (r == NULL)
        return;
    free(r->raw);
    free(r->buf);
    free(r->off);
    free(r);
}

static int raw_push(struct csv_reader *r, char c)
{
    if (r->raw_len >= (size_t)CSV_MAX_RECORD) {
        r->too_long = 1;   /* the rest of the record is read, not kept */
        return 0;
    }
    if (r->raw_len + 1 >= r->raw_cap) {
        size_t cap = r->raw_cap ? r->raw_cap * 2 : 256;
        char *p = realloc(r->raw, cap);
        if (p == NULL)
            return -1;
        r->raw = p;
        r->raw_cap = cap;
    }
    r->raw[r->raw_len++] = c;
    return 0;
}

/* Raw text of the next record into r->raw (without its line break).
 * Returns 1, 0 at end of file, CSV_BAD for an unterminated quote,
 * CSV_NOMEM or CSV_EIO. */
static int read_raw(struct csv_reader *r)
{
    int c, quoted = 0, any = 0;
    long newlines = 0;

    r->raw_len = 0;
    r->too_long = 0;
    r->line = r->next_line;
    if (r->ended)
        return 0;
    if (!r->started) {
        r->started = 1;
        int b0 = getc(r->f);
        if (b0 == 0xEF) {
            int b1 = getc(r->f), b2 = getc(r->f);
            if (b1 != 0xBB || b2 != 0xBF) {
                /* not a BOM: keep the bytes */
                if (raw_push(r, (char)b0) != 0 ||
                    (b1 != EOF && raw_push(r, (char)b1) != 0) ||
                    (b2 != EOF && raw_push(r, (char)b2) != 0))
                    return CSV_NOMEM;
                any = 1;
            }
        } else if (b0 != EOF) {
            ungetc(b0, r->f);
        }
    }
    while ((c = getc(r->f)) != EOF) {
        if (++r->bytes > CSV_MAX_BYTES) {
            r->ended = 1;
            snprintf(r->message, sizeof r->message, "the file is larger "
                     "than %ld bytes, the limit; nothing after this line "
                     "was read", CSV_MAX_BYTES);
            return CSV_BAD;
        }
        any = 1;
        if (c == '"')
            quoted = !quoted;
        if (c == '\n') {
            newlines++;
            if (!quoted)
                break;
        }
        if (c == '\r') {
            /* CRLF, or a lone CR: the line end of old Mac spreadsheets
             * ("CSV (Macintosh)"), which would otherwise make the whole
             * file one record */
            int next = getc(r->f);
            if (next == '\n') {
                ++r->bytes;
                newlines++;
                if (!quoted)
                    break;
                if (raw_push(r, '\r') != 0 || raw_push(r, '\n') != 0)
                    return CSV_NOMEM;
                continue;
            }
            if (next != EOF)
                ungetc(next, r->f);
            newlines++;
            if (!quoted)
                break;
        }
        if (raw_push(r, (char)c) != 0)
            return CSV_NOMEM;
    }
    if (ferror(r->f))   /* stdio allocates its buffer at the first read */
        return errno == ENOMEM ? CSV_NOMEM : CSV_EIO;
    r->next_line += newlines;
    if (!any)
        return 0;
    if (quoted) {
        snprintf(r->message, sizeof r->message,
                 "a quoted field is never closed (the quote opens on this "
                 "line and runs to the end of the file)");
        return CSV_BAD;
    }
    if (r->too_long) {
        snprintf(r->message, sizeof r->message, "the record is longer "
                 "than %ld bytes, the limit", CSV_MAX_RECORD);
        return CSV_BAD;
    }
    if (r->raw_len > 0 && r->raw[r->raw_len - 1] == '\r')
        r->raw_len--;
    /* push the terminator: a blank first line leaves raw unallocated */
    if (raw_push(r, '\0') != 0)
        return CSV_NOMEM;
    r->raw_len--;
    return 1;
}

static char guess_delim(const char *s, size_t n)
{
    long count[3] = {0, 0, 0};
    const char cand[3] = {',', ';', '\t'};
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            for (int k = 0; k < 3; k++)
                count[k] += s[i] == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

int csv_valid_utf8(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        int len;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            min = 0x80;
            c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            min = 0x800;
            c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            min = 0x10000;
            c &= 0x07;
        } else {
            return 0;
        }
        if (i + (size_t)len > n)
            return 0;
        for (int k = 1; k < len; k++) {
            if ((s[i + (size_t)k] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[i + (size_t)k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        i += (size_t)len;
    }
    return 1;
}

static int add_field(struct csv_reader *r, size_t start)
{
    if (r->nfields == r->off_cap) {
        int cap = r->off_cap ? r->off_cap * 2 : 16;
        size_t *p = realloc(r->off, (size_t)cap * sizeof *p);
        if (p == NULL)
            return -1;
        r->off = p;
        r->off_cap = cap;
    }
    r->off[r->nfields++] = start;
    return 0;
}

/* Split r->raw into fields.  Returns 1, CSV_BAD or CSV_NOMEM. */
static int split(struct csv_reader *r)
{
    const char *s = r->raw;
    size_t n = r->raw_len, o = 0, i = 0;
    char d = r->delim;

    if (r->buf_cap < n + 1) {
        char *p = realloc(r->buf, n + 1);
        if (p == NULL)
            return CSV_NOMEM;
        r->buf = p;
        r->buf_cap = n + 1;
    }
    r->nfields = 0;
    for (;;) {
        size_t start = o;
        if (add_field(r, start) != 0)
            return CSV_NOMEM;
        if (i < n && s[i] == '"') {
            i++;
            for (;;) {
                if (i >= n) {
                    snprintf(r->message, sizeof r->message,
                             "field %d: a quote is never closed", r->nfields);
                    return CSV_BAD;
                }
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
                    r->buf[o++] = '"';
                    i += 2;
                } else if (s[i] == '"') {
                    i++;
                    break;
                } else {
                    r->buf[o++] = s[i++];
                }
            }
            if (i < n && s[i] != d) {
                snprintf(r->message, sizeof r->message,
                         "field %d: characters after its closing quote",
                         r->nfields);
                return CSV_BAD;
            }
        } else {
            while (i < n && s[i] != d)
                r->buf[o++] = s[i++];
        }
        if (!csv_valid_utf8(r->buf + start, o - start)) {
            snprintf(r->message, sizeof r->message,
                     "field %d is not valid UTF-8 (save the file as "
                     "\"CSV UTF-8\")", r->nfields);
            return CSV_BAD;
        }
        /* a control character cannot go into the scenario (XML 1.0 has
         * no place for it): say so here, with this line, not later about
         * a file the user never named */
        for (size_t k = start; k < o; k++) {
            unsigned char ch = (unsigned char)r->buf[k];
            if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
                ch == 0x7F) {
                snprintf(r->message, sizeof r->message,
                         "field %d holds a control character (byte 0x%02X "
                         "at character %zu of the field); remove it",
                         r->nfields, ch, k - start + 1);
                return CSV_BAD;
            }
        }
        r->buf[o++] = '\0';
        if (i >= n)
            break;
        i++;        /* the delimiter */
    }
    return 1;
}

int csv_read(struct csv_reader *r)
{
    for (;;) {
        int rc = read_raw(r);
        if (rc != 1)
            return rc;
        if (r->raw_len == 0)
            continue;   /* blank line */
        if (r->delim == 0)
            r->delim = guess_delim(r->raw, r->raw_len);
        return split(r);
    }
}

int csv_nfields(const struct csv_reader *r)
{
    return r->nfields;
}

const char *csv_field(const struct csv_reader *r, int i)
{
    if (i < 0 || i >= r->nfields)
        return "";
    return r->buf + r->off[i];
}

long csv_line(const struct csv_reader *r)
{
    return r->line;
}

const char *csv_message(const struct csv_reader *r)
{
    return r->message;
}

char csv_delimiter(const struct csv_reader *r)
{
    return r->delim;
}

/* [+-] digits [. digits] [e [+-] digits], or [+-] . digits ...; the
 * decimal mark may be a comma, as Indonesian spreadsheets write it */
static int plain_number(const char *v)
{
    const char *p = v;
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        digits++;
    if (*p == '.' || *p == ',')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

int csv_is_formula(const char *v)
{
    return v != NULL && v[0] != '\0' && strchr("=+-@\t\r", v[0]) != NULL &&
           !plain_number(v);
}

/* One field by RFC 4180, with the character lead (0: none) before v,
 * inside the quotes when it is quoted. */
static void write_cell(FILE *f, char lead, const char *v, int last)
{
    if (v == NULL)
        v = "";
    if (strpbrk(v, ",\"\r\n") != NULL) {
        fputc('"', f);
        if (lead)
            fputc(lead, f);
        for (const char *c = v; *c; c++) {
            if (*c == '"')
                fputc('"', f);
            fputc(*c, f);
        }
        fputc('"', f);
    } else {
        if (lead)
            fputc(lead, f);
        fputs(v, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

void csv_write_text(FILE *f, const char *v, int last)
{
    write_cell(f, csv_is_formula(v) ? '\'' : 0, v, last);
}

void csv_write_field(FILE *f, const char *v, int last)
{
    write_cell(f, 0, v, last);
}
