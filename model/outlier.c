/*
 * outlier.c - distance of each point from the median position of the
 * others (outlier.h).
 *
 * One sort per coordinate: with the values sorted, the median of all but
 * the element at rank r is read off the sorted array with r skipped, so
 * the whole group costs O(m log m), not O(m^2 log m).
 */
#include "model/outlier.h"

#include <assert.h>
#include <stdlib.h>

#include "model/geo.h"

/* A value and the index of its point: ties sort by index, so the order
 * (and the rank of every point) is the same on every libc. */
struct keyed { double v; int i; };

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (x->v != y->v)
        return (x->v > y->v) - (x->v < y->v);
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of sorted[0..m-1] without the element at position skip. */
static double median_without(const struct keyed *sorted, int m, int skip)
{
    int k = m - 1;
#define AT(j) sorted[(j) < skip ? (j) : (j) + 1].v
    if (k % 2 == 1)
        return AT(k / 2);
    return (AT(k / 2 - 1) + AT(k / 2)) / 2.0;
#undef AT
}

/* Sort v[0..m-1] with their indices; pos[i] gets the rank of point i. */
static void sort_ranked(const double *v, int m, struct keyed *sorted, int *pos)
{
    for (int j = 0; j < m; j++)
        sorted[j] = (struct keyed){v[j], j};
    qsort(sorted, (size_t)m, sizeof *sorted, cmp_keyed);
    for (int j = 0; j < m; j++)
        pos[sorted[j].i] = j;
}

/*
 * Longitudes sorted by sort_ranked, cut where the circle has its widest
 * gap between consecutive points: the ones after the gap come first, the
 * ones before it follow with 360 added, so sorted[] is ascending and
 * without a jump at +-180.  pos[] follows.  When the widest gap already
 * spans +-180, nothing moves.
 */
static void cut_at_widest_gap(struct keyed *sorted, int m, int *pos,
                              struct keyed *tmp)
{
    int g = m - 1;                        /* the gap after sorted[g] */
    double widest = sorted[0].v + 360.0 - sorted[m - 1].v;
    for (int j = 0; j + 1 < m; j++)
        if (sorted[j + 1].v - sorted[j].v > widest) {
            widest = sorted[j + 1].v - sorted[j].v;
            g = j;
        }
    if (g == m - 1)
        return;
    for (int j = 0; j < m; j++) {
        int from = (g + 1 + j) % m;
        tmp[j] = sorted[from];
        if (g + 1 + j >= m)
            tmp[j].v += 360.0;
    }
    for (int j = 0; j < m; j++) {
        sorted[j] = tmp[j];
        pos[sorted[j].i] = j;
    }
}

int outlier_distances(int m, const double *lat, const double *lon,
                      double *mlat, double *mlon, double *d, double *spread)
{
    assert(m >= 2);
    int rc = -1;
    struct keyed *la = malloc((size_t)m * sizeof *la);
    struct keyed *lo = malloc((size_t)m * sizeof *lo);
    struct keyed *tmp = malloc((size_t)m * sizeof *tmp);
    int *pla = malloc((size_t)m * sizeof *pla);
    int *plo = malloc((size_t)m * sizeof *plo);
    double *ds = spread != NULL ? malloc((size_t)m * sizeof *ds) : NULL;

    if (la == NULL || lo == NULL || tmp == NULL || pla == NULL ||
        plo == NULL || (spread != NULL && ds == NULL))
        goto done;
    sort_ranked(lat, m, la, pla);
    sort_ranked(lon, m, lo, plo);
    cut_at_widest_gap(lo, m, plo, tmp);
    for (int j = 0; j < m; j++) {
        mlat[j] = median_without(la, m, pla[j]);
        mlon[j] = median_without(lo, m, plo[j]);
        if (mlon[j] > 180.0)
            mlon[j] -= 360.0;
        d[j] = geo_distance_km(lat[j], lon[j], mlat[j], mlon[j]);
    }
    if (spread != NULL) {
        for (int j = 0; j < m; j++)
            ds[j] = d[j];
        qsort(ds, (size_t)m, sizeof *ds, cmp_double);
        *spread = m % 2 ? ds[m / 2] : (ds[m / 2 - 1] + ds[m / 2]) / 2.0;
    }
    rc = 0;
done:
    free(la);
    free(lo);
    free(tmp);
    free(pla);
    free(plo);
    free(ds);
    return rc;
}
