/*
 * error.c - the error list: bounded, allocation-failure tolerant.
 */
#include "model/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void error_list_init(struct error_list *el)
{
    memset(el, 0, sizeof *el);
}

void error_list_free(struct error_list *el)
{
    if (el == NULL)
        return;
    for (int i = 0; i < el->n; i++) {
        free(el->items[i].file);
        free(el->items[i].message);
    }
    free(el->items);
    memset(el, 0, sizeof *el);
}

static char *dup_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

void error_addv(struct error_list *el, const char *file, long line,
                const char *fmt, va_list ap)
{
    if (el->n >= ERROR_LIST_MAX) {
        el->dropped++;
        return;
    }
    if (el->items == NULL) {
        el->items = calloc(ERROR_LIST_MAX, sizeof *el->items);
        if (el->items == NULL) {
            el->nomem = 1;
            el->dropped++;
            return;
        }
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    struct siaga_error *e = &el->items[el->n];
    e->message = dup_or_null(buf);
    e->file = dup_or_null(file);
    e->line = line;
    if (e->message == NULL || (file != NULL && e->file == NULL)) {
        free(e->message);
        free(e->file);
        e->message = e->file = NULL;
        el->nomem = 1;
        el->dropped++;
        return;
    }
    el->n++;
}

void error_add(struct error_list *el, const char *file, long line,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_addv(el, file, line, fmt, ap);
    va_end(ap);
}

int error_io(struct error_list *el, const char *file, const char *what,
             int err)
{
    if (err == ENOMEM) {
        error_add(el, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    error_add(el, file, 0, "%s: %s", what, strerror(err));
    return SIAGA_EIO;
}

long error_count(const struct error_list *el)
{
    return el->n + el->dropped;
}

void error_list_sort(struct error_list *el)
{
    /* insertion sort keeps stability (qsort is not stable); n <= 100 */
    for (int i = 1; i < el->n; i++) {
        struct siaga_error t = el->items[i];
        int j = i - 1;
        while (j >= 0) {
            int c = strcmp(el->items[j].file ? el->items[j].file : "",
                           t.file ? t.file : "");
            if (c < 0 || (c == 0 && el->items[j].line <= t.line))
                break;
            el->items[j + 1] = el->items[j];
            j--;
        }
        el->items[j + 1] = t;
    }
}
