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
