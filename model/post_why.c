/*
 * post_why.c - lower bounds on posts and lone TPS (post_why.h).
 *
 * Components by a sweep over latitude: TPS of a group sorted by
 * latitude, each compared only with those less than the radius north of
 * it (a degree of latitude is 111.195 km on the sphere of formats.md
 * 1.2; the sweep takes 111, so it never stops short), and a dense
 * kecamatan costs far less than all pairs.
 */
#include "model/post_why.h"

#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "model/geo.h"

#define KM_PER_DEG_LAT 111.0   /* a little under the sphere's, see above */

struct key { double lat; int t; };

static int cmp_key(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    if (x->lat != y->lat)
        return x->lat < y->lat ? -1 : 1;
    return (x->t > y->t) - (x->t < y->t);
}

static int find(int *par, int a)
{
    while (par[a] != a) {
        par[a] = par[par[a]];
        a = par[a];
    }
    return a;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int post_why_build(const struct scenario *s, struct post_why *w)
{
    memset(w, 0, sizeof *w);
    size_t n1 = (size_t)s->ntps + 1;
    struct key *key = malloc(sizeof *key * n1);
    int *par = malloc(sizeof(int) * n1);
    int *size = malloc(sizeof(int) * n1);
    w->kec = calloc((size_t)s->nkec + 1, sizeof *w->kec);
    w->alone = malloc(sizeof(int) * n1);
    if (!key || !par || !size || !w->kec || !w->alone) {
        free(key);
        free(par);
        free(size);
        post_why_free(w);
        return SIAGA_ENOMEM;
    }
    /* the TPS of a kecamatan are contiguous (scenario.h) */
    for (int lo = 0; lo < s->ntps;) {
        int hi = lo, k = s->tps[lo].kecamatan;
        while (hi < s->ntps && s->tps[hi].kecamatan == k)
            hi++;
        struct kec_why *kw = &w->kec[k];
        kw->first_alone = w->nalone;
        for (int g = 0; g < GRADE_COUNT; g++) {
            const struct grade_rule *gr = &s->rules.grade[g];
            int n = 0;
            for (int t = lo; t < hi; t++)
                if ((int)s->tps[t].grade == g)
                    key[n++] = (struct key){s->tps[t].lat, t};
            if (n == 0)
                continue;
            if (gr->tps_per_post <= 1) {
                kw->posts_bound += n;
                continue;
            }
            qsort(key, (size_t)n, sizeof *key, cmp_key);
            for (int i = 0; i < n; i++)
                par[i] = i, size[i] = 0;
            for (int i = 0; i < n; i++) {
                const struct tps *a = &s->tps[key[i].t];
                for (int j = i + 1; j < n; j++) {
                    if ((key[j].lat - key[i].lat) * KM_PER_DEG_LAT > gr->radius_km)
                        break;
                    const struct tps *b = &s->tps[key[j].t];
                    int ri = find(par, i), rj = find(par, j);
                    if (ri != rj &&
                        geo_distance_km(a->lat, a->lon, b->lat, b->lon) <= gr->radius_km)
                        par[ri] = rj;
                }
            }
            for (int i = 0; i < n; i++)
                size[find(par, i)]++;
            int first = w->nalone;
            for (int i = 0; i < n; i++) {
                if (size[i] > 0)
                    kw->posts_bound += (size[i] + gr->tps_per_post - 1) /
                                       gr->tps_per_post;
                if (size[find(par, i)] == 1)
                    w->alone[w->nalone++] = key[i].t;
            }
            qsort(w->alone + first, (size_t)(w->nalone - first), sizeof(int),
                  cmp_int);
        }
        kw->nalone = w->nalone - kw->first_alone;
        qsort(w->alone + kw->first_alone, (size_t)kw->nalone, sizeof(int), cmp_int);
        w->posts_bound += kw->posts_bound;
        lo = hi;
    }
    free(key);
    free(par);
    free(size);
    return SIAGA_OK;
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
