/*
 * post_why.c - lower bounds on posts and lone TPS (post_why.h), over the
 * radius graph of each kecamatan and grade (radius_graph.h).
 */
#include "model/post_why.h"

#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "model/geo.h"
#include "model/radius_graph.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int post_why_build(const struct scenario *s, struct post_why *w)
{
    memset(w, 0, sizeof *w);
    struct radius_graph g;
    memset(&g, 0, sizeof g);
    size_t n1 = (size_t)s->ntps + 1;
    int *grp = malloc(sizeof(int) * n1);
    w->kec = calloc((size_t)s->nkec + 1, sizeof *w->kec);
    w->alone = malloc(sizeof(int) * n1);
    if (!grp || !w->kec || !w->alone)
        goto nomem;
    /* the TPS of a kecamatan are contiguous (scenario.h) */
    for (int lo = 0; lo < s->ntps;) {
        int hi = lo, k = s->tps[lo].kecamatan;
        while (hi < s->ntps && s->tps[hi].kecamatan == k)
            hi++;
        struct kec_why *kw = &w->kec[k];
        kw->first_alone = w->nalone;
        for (int gr = 0; gr < GRADE_COUNT; gr++) {
            const struct grade_rule *rule = &s->rules.grade[gr];
            int n = 0;
            for (int t = lo; t < hi; t++)
                if ((int)s->tps[t].grade == gr)
                    grp[n++] = t;
            if (n == 0)
                continue;
            if (rule->tps_per_post <= 1) {
                kw->posts_bound += n;
                continue;
            }
            if (radius_graph_build(&g, s, grp, n, rule->radius_km) != 0)
                goto nomem;
            for (int c = 0; c < g.ncomp; c++) {
                int m = g.coff[c + 1] - g.coff[c];
                kw->posts_bound += (m + rule->tps_per_post - 1) / rule->tps_per_post;
                if (m == 1)
                    w->alone[w->nalone++] = g.tps[g.comp[g.coff[c]]];
            }
        }
        kw->nalone = w->nalone - kw->first_alone;
        qsort(w->alone + kw->first_alone, (size_t)kw->nalone, sizeof(int), cmp_int);
        w->posts_bound += kw->posts_bound;
        lo = hi;
    }
    free(grp);
    radius_graph_free(&g);
    return SIAGA_OK;
nomem:
    free(grp);
    radius_graph_free(&g);
    post_why_free(w);
    return SIAGA_ENOMEM;
}

void post_why_free(struct post_why *w)
{
    if (w == NULL)
        return;
    free(w->kec);
    free(w->alone);
    memset(w, 0, sizeof *w);
}

int post_why_farthest(const struct scenario *s, const int *tps, int n,
                      double *km)
{
    int best = tps[0];
    *km = 0;
    const struct tps *a = &s->tps[tps[0]];
    for (int i = 1; i < n; i++) {
        const struct tps *b = &s->tps[tps[i]];
        double d = geo_distance_km(a->lat, a->lon, b->lat, b->lon);
        if (d > *km) {
            *km = d;
            best = tps[i];
        }
    }
    return best;
}
