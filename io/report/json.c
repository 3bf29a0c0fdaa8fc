/*
 * json.c - the streaming JSON writer of json.h.  Each level of nesting
 * remembers whether it holds a value yet (for the commas) and whether it
 * is an object (so a value there must follow a key).  Strings are checked
 * as UTF-8 while they are escaped: a parser that is strict about encoding
 * (Python's, browsers') must never choke on a name from a scenario.
 */
#include "io/report/json.h"

#include <math.h>
#include <string.h>

void json_init(struct json_writer *w, FILE *f)
{
    memset(w, 0, sizeof *w);
    w->f = f;
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static int utf8_len(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlong forms */
        unsigned char hi = c == 0xED ? 0x9F : 0xBF; /* no surrogates */
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xF4 ? 0x8F : 0xBF; /* at most U+10FFFF */
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 &&
                       (s[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

int json_write_string(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    if (fputc('"', f) == EOF)
        return -1;
    while (*s) {
        unsigned char c = *s;
        const char *esc = NULL;
        /* a run of plain ASCII in one call: fputc locks the stream for
         * each byte, and a province writes millions of them */
        size_t run = 0;
        while (s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' && s[run] != '\\')
            run++;
        if (run > 0) {
            fwrite(s, 1, run, f);
            s += run;
            continue;
        }
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: break;
        }
        if (esc != NULL) {
            fputs(esc, f);
            s++;
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
            s++;
        } else if (c < 0x80) {
            fputc(c, f);
            s++;
        } else {
            int n = utf8_len(s);
            if (n == 0) {
                fputs("\\ufffd", f);
                s++;
            } else {
                fwrite(s, 1, (size_t)n, f);
                s += n;
            }
        }
    }
    fputc('"', f);
    return ferror(f) ? -1 : 0;
}

/* A line break asked for by json_newline, after the comma if any. */
static void flush_newline(struct json_writer *w)
{
    if (w->newline) {
        fputc('\n', w->f);
        w->newline = 0;
    }
}

/* Before any value (or key): the comma, and the check that it is due. */
static void before_value(struct json_writer *w)
{
    if (w->depth == 0) {
        flush_newline(w);
        if (w->count[0])
            w->err = 1; /* one JSON text only */
        w->count[0] = 1;
        return;
    }
    int d = w->depth;
    if (w->is_object[d]) {
        if (!w->key_done)
            w->err = 1;
        w->key_done = 0;
        flush_newline(w);
        return;
    }
    if (w->count[d])
        fputc(',', w->f);
    flush_newline(w);
    w->count[d] = 1;
}

static void begin(struct json_writer *w, int object)
{
    before_value(w);
    if (w->depth + 1 >= JSON_MAX_DEPTH) {
        w->err = 1;
        return;
    }
    w->depth++;
    w->count[w->depth] = 0;
    w->is_object[w->depth] = (unsigned char)object;
    fputc(object ? '{' : '[', w->f);
}

static void end(struct json_writer *w, int object)
{
    if (w->depth == 0 || w->is_object[w->depth] != object || w->key_done) {
        w->err = 1;
        return;
    }
    flush_newline(w);
    w->depth--;
    fputc(object ? '}' : ']', w->f);
}

void json_begin_object(struct json_writer *w) { begin(w, 1); }
void json_end_object(struct json_writer *w) { end(w, 1); }
void json_begin_array(struct json_writer *w) { begin(w, 0); }
void json_end_array(struct json_writer *w) { end(w, 0); }

void json_key(struct json_writer *w, const char *key)
{
    int d = w->depth;
    if (d == 0 || !w->is_object[d] || w->key_done || key == NULL) {
        w->err = 1;
        return;
    }
    if (w->count[d])
        fputc(',', w->f);
    flush_newline(w);
    w->count[d] = 1;
    if (json_write_string(w->f, key) != 0)
        w->err = 1;
    fputc(':', w->f);
    w->key_done = 1;
}

void json_string(struct json_writer *w, const char *s)
{
    if (s == NULL) {
        json_null(w);
        return;
    }
    before_value(w);
    if (json_write_string(w->f, s) != 0)
        w->err = 1;
}

void json_long(struct json_writer *w, long v)
{
    before_value(w);
    fprintf(w->f, "%ld", v);
}

void json_double(struct json_writer *w, double v, int decimals)
{
    if (!isfinite(v)) {
        json_null(w);
        return;
    }
    if (decimals < 0 || decimals > 17)
        decimals = 17;
    before_value(w);
    /* -0.000 is valid JSON but reads oddly; print it as 0 */
    char buf[64];
    if (fabs(v) < 1e15)
        snprintf(buf, sizeof buf, "%.*f", decimals, v);
    else
        snprintf(buf, sizeof buf, "%.17g", v); /* valid JSON, fits buf */
    const char *out = buf;
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        out = buf + 1;
    fputs(out, w->f);
}

void json_null(struct json_writer *w)
{
    before_value(w);
    fputs("null", w->f);
}

void json_newline(struct json_writer *w)
{
    w->newline = 1;
}

int json_finish(struct json_writer *w)
{
    flush_newline(w);
    if (w->depth != 0 || w->key_done || !w->count[0])
        w->err = 1;
    if (ferror(w->f))
        w->err = 1;
    return w->err ? -1 : 0;
}
