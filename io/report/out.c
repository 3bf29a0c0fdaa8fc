/*
 * out.c - the stream with a sticky error of out.h.
 */
#include "io/report/out.h"

#include <stdarg.h>

void out_put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vfprintf(o->f, fmt, ap) < 0)
        o->err = 1;
    va_end(ap);
}

void out_esc(struct out *o, const char *s)
{
    if (s == NULL)
        return;
    for (const char *c = s; *c; c++) {
        switch (*c) {
        case '&': fputs("&amp;", o->f); break;
        case '<': fputs("&lt;", o->f); break;
        case '>': fputs("&gt;", o->f); break;
        case '"': fputs("&quot;", o->f); break;
        case '\'': fputs("&#39;", o->f); break;
        default: fputc(*c, o->f); break;
        }
    }
}
