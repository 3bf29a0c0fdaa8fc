/*
 * member_why.c - look-up of the next-best places (member_why.h).
 */
#include "model/member_why.h"

#include <stddef.h>

static int key_cmp(const struct member_why *w, int linmas, int site, int unit)
{
    if (w->linmas != linmas)
        return w->linmas < linmas ? -1 : 1;
    if (w->site != site)
        return w->site < site ? -1 : 1;
    return (w->unit > unit) - (w->unit < unit);
}

const struct member_why *member_why_find(const struct member_why *w, int n,
                                         int linmas, int site, int unit)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = key_cmp(&w[mid], linmas, site, unit);
        if (c == 0)
            return &w[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
