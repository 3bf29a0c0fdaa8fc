/*
 * out.h - a stream that remembers a failed write, for the text and HTML
 * writers that print in many small steps and check once at the end
 * (audit_text.c, html_report.c).
 */
#ifndef SIAGA_OUT_H
#define SIAGA_OUT_H

#include <stdio.h>

struct out {
    FILE *f;  /* the stream written to; stays open */
    int err;  /* 1 once a write has failed (the caller may set it too) */
};

/* printf to o->f; on a failed write o->err becomes 1.  Never fails
 * otherwise. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void out_put(struct out *o, const char *fmt, ...);

/* Text or attribute value s escaped for HTML onto o->f (the caller's
 * ferror catches a failed write); NULL writes nothing. */
void out_esc(struct out *o, const char *s);

#endif
