/*
 * csv.h - a small RFC 4180 tokenizer for spreadsheet exports, and the
 * field writer that goes with it.
 *
 * Reads UTF-8 with or without a byte-order mark, CRLF, LF or lone CR
 * (old Mac spreadsheets) line ends, quoted fields with doubled quotes and
 * embedded line breaks; a control character in a field is refused.  The
 * delimiter is a comma, a semicolon (Excel in an Indonesian locale) or a
 * tab; given, or guessed from the first record.  Every record knows the
 * physical line it starts on, so messages can say FILE:LINE.  Blank lines
 * are skipped.  No libxml2 here; io/ only because it reads files.
 */
#ifndef SIAGA_CSV_H
#define SIAGA_CSV_H

#include <stdio.h>

struct csv_reader;

/* Limits: a record longer than CSV_MAX_RECORD bytes is CSV_BAD (the
 * longest real TPS row is under 1 KB), and a file goes no further than
 * CSV_MAX_BYTES: the record that passes it is CSV_BAD, then CSV_EOF.  So
 * a file of a gigabyte with no line break costs a bounded buffer. */
#define CSV_MAX_RECORD (1L << 20)
#define CSV_MAX_BYTES (512L << 20)

/* Results of csv_read. */
enum csv_result {
    CSV_RECORD = 1, /* a record is ready */
    CSV_EOF = 0,    /* no more records */
    CSV_BAD = -1,   /* this record is malformed (csv_message says why);
                       it is skipped and reading may go on */
    CSV_NOMEM = -2, /* out of memory: stop */
    CSV_EIO = -3    /* reading the file failed: stop */
};

/*
 * A reader over f (not closed by the reader).  delim is ',', ';' or '\t',
 * or 0 to guess from the first record (the one of the three that occurs
 * most often outside quotes; a comma when none does).  Returns NULL when
 * out of memory.  Free with csv_reader_destroy, which accepts NULL.
 */
struct csv_reader *csv_reader_create(FILE *f, char delim);
void csv_reader_destroy(struct csv_reader *r);

/*
 * Read the next record.  Fields stay valid until the next call.  A field
 * that is not valid UTF-8 makes the record CSV_BAD; so do characters after
 * a closing quote and a quote left open at the end of the file.
 */
int csv_read(struct csv_reader *r);

int csv_nfields(const struct csv_reader *r);
/* Field i (0-based) of the current record; "" when i is out of range. */
const char *csv_field(const struct csv_reader *r, int i);
/* Physical line (1-based) on which the current record starts. */
long csv_line(const struct csv_reader *r);
/* Why the last record was CSV_BAD. */
const char *csv_message(const struct csv_reader *r);
/* The delimiter in use (known after the first csv_read). */
char csv_delimiter(const struct csv_reader *r);

/*
 * Write one field by RFC 4180: quoted (quotes doubled) when it holds the
 * delimiter ',', a quote or a line break.  last ends the record with CRLF,
 * otherwise a comma follows.  NULL writes an empty field.  Errors show in
 * ferror(f).
 */
void csv_write_field(FILE *f, const char *v, int last);

/*
 * Write one text cell (a name, an id, a code, free text): as
 * csv_write_field, but a cell a spreadsheet would run as a formula is
 * neutralised first (OWASP, "CSV injection"): when it starts with '=',
 * '+', '-', '@', a tab or a carriage return, and is not a plain decimal
 * number (-6.17 and -6,17 stay numbers), a single quote "'" is put
 * before it.
 * Every CSV siaga writes goes through this for text; numbers the program
 * makes itself (counts, kilometres, line numbers) use csv_write_field.
 */
void csv_write_text(FILE *f, const char *v, int last);

/* Would a spreadsheet read v as a formula (the rule above)? */
int csv_is_formula(const char *v);

/* Is s[0..n-1] valid UTF-8 (no overlongs, no surrogates)? */
int csv_valid_utf8(const char *s, size_t n);

#endif
