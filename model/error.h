/*
 * error.h - error records shared by every module.
 *
 * Library code never prints: it fills an error list (file, line, message),
 * shaped like libxml2's xmlError, and main decides what to print and how to
 * exit.  A list keeps at most ERROR_LIST_MAX records and counts the rest, so
 * a file with a million bad rows cannot exhaust memory.
 */
#ifndef SIAGA_ERROR_H
#define SIAGA_ERROR_H

#include <stdarg.h>

#define ERROR_LIST_MAX 100

/* Status returned by library functions. */
enum siaga_status {
    SIAGA_OK = 0,
    SIAGA_EINPUT,   /* the input is invalid; the list says where */
    SIAGA_ENOMEM,   /* an allocation failed */
    SIAGA_EIO,      /* reading or writing a file failed */
    SIAGA_ESOLVER,  /* the solver failed (not a time limit) */
    SIAGA_ELIMIT    /* a time limit stopped the search (a plan exists) */
};

struct siaga_error {
    char *file;     /* NULL when no file is concerned */
    long line;      /* 0 when unknown */
    char *message;
};

struct error_list {
    struct siaga_error *items;
    int n;          /* records kept, at most ERROR_LIST_MAX */
    long dropped;   /* records not kept past the cap */
    int nomem;      /* set when a record could not be stored */
};

void error_list_init(struct error_list *el);
void error_list_free(struct error_list *el);

/* Add a record; file may be NULL, line 0.  Never fails: on allocation
 * failure it sets el->nomem and drops the record. */
void error_add(struct error_list *el, const char *file, long line,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void error_addv(struct error_list *el, const char *file, long line,
                const char *fmt, va_list ap);

/* A failed open or read of file, errno err: fopen and getline allocate,
 * so ENOMEM adds "out of memory" and returns SIAGA_ENOMEM (exit 3, not a
 * bad input); anything else adds "WHAT: <strerror>" and returns
 * SIAGA_EIO. */
int error_io(struct error_list *el, const char *file, const char *what,
             int err);

/* Total records reported, kept or dropped. */
long error_count(const struct error_list *el);

/* Sort kept records by file then line (stable), so reports read top-down. */
void error_list_sort(struct error_list *el);

#endif
