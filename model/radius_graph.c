/*
 * radius_graph.c - the radius graph of a group of TPS (radius_graph.h).
 *
 * A sweep by latitude: with the TPS sorted by latitude, each is compared
 * only with those less than the radius north of it (a degree of latitude
 * is 111.195 km on the sphere of formats.md 1.2; the sweep takes 111, so
 * it never stops short), so a dense kecamatan costs far less than all
 * pairs.  Distances are geo_distance_km, as the audit's radius rule.
 */
#include "model/radius_graph.h"

#include <stdlib.h>
#include <string.h>

#include "model/geo.h"
#include "model/union_find.h"

#define KM_PER_DEG_LAT 111.0

/* TPS by latitude, then scenario index. */
struct key { double lat; int t; };

static int cmp_key(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    if (x->lat != y->lat)
        return x->lat < y->lat ? -1 : 1;
    return (x->t > y->t) - (x->t < y->t);
}

static int grow(struct radius_graph *g, int n)
{
    if (n + 2 <= g->cap)
        return 0;
    size_t c = (size_t)n + 2;
    int *tps = realloc(g->tps, sizeof(int) * c);
    if (tps) g->tps = tps;
    int *off = realloc(g->off, sizeof(int) * c);
    if (off) g->off = off;
    int *coff = realloc(g->coff, sizeof(int) * c);
    if (coff) g->coff = coff;
    int *comp = realloc(g->comp, sizeof(int) * c);
    if (comp) g->comp = comp;
    int *par = realloc(g->par, sizeof(int) * c);
    if (par) g->par = par;
    int *tmp = realloc(g->tmp, sizeof(int) * c);
    if (tmp) g->tmp = tmp;
    double *lat = realloc(g->lat, sizeof(double) * c);
    if (lat) g->lat = lat;
    if (!tps || !off || !coff || !comp || !par || !tmp || !lat)
        return -1;
    g->cap = (int)c;
    return 0;
}

int radius_graph_build(struct radius_graph *g, const struct scenario *s,
                       const int *tps, int n, double radius)
{
    g->n = g->ncomp = 0;
    if (grow(g, n) != 0)
        return -1;
    struct key *key = malloc(sizeof *key * ((size_t)n + 1));
    if (key == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        key[i] = (struct key){s->tps[tps[i]].lat, tps[i]};
    qsort(key, (size_t)n, sizeof *key, cmp_key);
    for (int i = 0; i < n; i++) {
        g->tps[i] = key[i].t;
        g->lat[i] = key[i].lat;
    }
    free(key);
    g->n = n;
    /* two passes: degrees and components, then the edges */
    int *deg = g->tmp;
    size_t e = 0;
    for (int i = 0; i < n; i++)
        deg[i] = 0, g->par[i] = i;
    /* each TPS's cosine of latitude once, no trigonometry for pairs
     * certainly too far apart (geo.h: the same pairs) */
    double *cosl = malloc(sizeof(double) * ((size_t)n + 1));
    if (cosl == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        cosl[i] = geo_cos_lat(g->lat[i]);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++) {
            const struct tps *a = &s->tps[g->tps[i]];
            for (int j = i + 1; j < n; j++) {
                if ((g->lat[j] - g->lat[i]) * KM_PER_DEG_LAT > radius)
                    break;
                const struct tps *b = &s->tps[g->tps[j]];
                double d;
                if (!geo_pair_within(a->lat, a->lon, cosl[i], b->lat, b->lon,
                                     cosl[j], radius, &d))
                    continue;
                if (pass == 0) {
                    deg[i]++;
                    deg[j]++;
                    int ri = uf_find(g->par, i), rj = uf_find(g->par, j);
                    if (ri != rj)
                        g->par[ri < rj ? rj : ri] = ri < rj ? ri : rj;
                } else {
                    g->adj[deg[i]++] = j;
                    g->adj[deg[j]++] = i;
                }
            }
        }
        if (pass == 0) {
            for (int i = 0; i < n; i++) {
                g->off[i] = (int)e;
                e += (size_t)deg[i];
                deg[i] = g->off[i];   /* the fill pointer of pass 1 */
            }
            g->off[n] = (int)e;
            if (e + 1 > g->cap_adj) {
                int *p = realloc(g->adj, sizeof(int) * (e + 1));
                if (p == NULL) {
                    free(cosl);
                    return -1;
                }
                g->adj = p;
                g->cap_adj = e + 1;
            }
        }
    }
    free(cosl);
    /* components: the union keeps the smaller root, so a component's
     * root is its first position; numbered in that order */
    int *cid = g->tmp;
    for (int i = 0; i < n; i++)
        cid[i] = uf_find(g->par, i);          /* the root, for now */
    for (int i = 0; i < n; i++)
        if (cid[i] == i)
            g->par[i] = g->ncomp++;        /* a root's number */
    for (int i = 0; i < n; i++)
        cid[i] = g->par[cid[i]];           /* roots come first: numbered */
    for (int c = 0; c <= g->ncomp; c++)
        g->coff[c] = 0;
    for (int i = 0; i < n; i++)
        g->coff[cid[i] + 1]++;
    for (int c = 0; c < g->ncomp; c++)
        g->coff[c + 1] += g->coff[c];
    for (int c = 0; c < g->ncomp; c++)
        g->par[c] = g->coff[c];            /* fill pointers */
    for (int i = 0; i < n; i++)
        g->comp[g->par[cid[i]]++] = i;
    return 0;
}

void radius_graph_free(struct radius_graph *g)
{
    if (g == NULL)
        return;
    free(g->tps);
    free(g->off);
    free(g->adj);
    free(g->coff);
    free(g->comp);
    free(g->par);
    free(g->tmp);
    free(g->lat);
    memset(g, 0, sizeof *g);
}
