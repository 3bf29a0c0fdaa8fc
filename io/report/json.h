/*
 * json.h - a small streaming JSON writer (RFC 8259) for roster.geojson.
 *
 * The writer puts the commas and colons itself, escapes strings (quotes,
 * backslashes, control characters; UTF-8 is passed through, an invalid
 * byte becomes U+FFFD so the output is always valid UTF-8) and writes
 * numbers in the C locale with a fixed number of decimals (NaN and
 * infinities, which JSON cannot hold, become null).  Write errors and
 * misuse (a value where a key is due, nesting too deep) are remembered
 * and reported by json_finish, so callers need not check every call.
 */
#ifndef SIAGA_JSON_H
#define SIAGA_JSON_H

#include <stdio.h>

/* Deepest nesting of arrays and objects. */
#define JSON_MAX_DEPTH 32

struct json_writer {
    FILE *f;
    int depth;
    int err;                          /* a write failed or a call was misused */
    unsigned char count[JSON_MAX_DEPTH]; /* 0: nothing yet in this level, else 1 */
    unsigned char is_object[JSON_MAX_DEPTH];
    unsigned char key_done;           /* a key was written, its value is due */
    unsigned char newline;            /* json_newline asked for a line break */
};

/* Start writing one JSON text to f. */
void json_init(struct json_writer *w, FILE *f);

void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);

/* The key of the next member of the current object. */
void json_key(struct json_writer *w, const char *key);

/* Values.  json_string writes null for a NULL string. */
void json_string(struct json_writer *w, const char *s);
void json_long(struct json_writer *w, long v);
void json_double(struct json_writer *w, double v, int decimals);
void json_null(struct json_writer *w);

/* A line break before the next token (after its comma, if any):
 * insignificant whitespace, for people reading the file. */
void json_newline(struct json_writer *w);

/* 0 when every value was closed and written; -1 after any error. */
int json_finish(struct json_writer *w);

/* Write s as a JSON string literal, quotes included; 0 or -1. */
int json_write_string(FILE *f, const char *s);

#endif
