/*
 * cluster_cuts.c - finding the subset-row cuts an LP solution breaks
 * (cluster_cuts.h).
 *
 * For S = {u, v, w}, with W(p, q) the weight of the columns holding both
 * p and q and W(u, v, w) that of the columns holding all three, the cut's
 * left-hand side is
 *
 *   W(u, v) + W(u, w) + W(v, w) - 2 W(u, v, w),
 *
 * (a column holding exactly two of S counts once in the pairs, one holding
 * all three three times).  So only triples whose three pairs share columns
 * of the support can be broken, and the pair sum, an upper bound, screens
 * them before the exact count.  The work is the sum over TPS u of the
 * square of the number of TPS sharing a column with u.
 */
#include "solver/cluster_cuts.h"

#include <stdlib.h>
#include <string.h>

/* Columns below this value are not in the support. */
#define SUPPORT_EPS 1e-6

struct pairs {
    int *off, *v;           /* TPS q > p sharing a column with p: v[off[p]..off[p+1]) sorted */
    double *w;              /* W(p, q) */
};

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static int cmp_cut(const void *x, const void *y)
{
    const struct src_cut *p = x, *q = y;
    if (p->lhs != q->lhs)
        return p->lhs > q->lhs ? -1 : 1;
    for (int i = 0; i < 3; i++)
        if (p->t[i] != q->t[i])
            return p->t[i] < q->t[i] ? -1 : 1;
    return 0;
}

/* W(p, q) for p < q, 0 when they share no column. */
static double pair_weight(const struct pairs *pr, int p, int q)
{
    int lo = pr->off[p], hi = pr->off[p + 1];
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (pr->v[mid] < q)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < pr->off[p + 1] && pr->v[lo] == q ? pr->w[lo] : 0.0;
}

static int in_column(const struct cut_lp *lp, int j, int t)
{
    if (lp->anc[j] == t)
        return 1;
    for (int q = lp->off[j]; q < lp->off[j + 1]; q++)
        if (lp->mem[q] == t)
            return 1;
    return 0;
}

int src_separate(const struct cut_lp *lp, double min_violation, int max_cuts,
                 int per_tps, int (*skip)(void *ctx, const int t[3]),
                 void *ctx, struct src_cut *out)
{
    int n = lp->n, result = -1;
    int *coff = calloc((size_t)n + 1, sizeof(int));   /* support columns of each TPS */
    int *ccol = NULL, *fill = NULL, *touched = NULL, *used = NULL;
    double *acc = NULL;
    struct pairs pr = {NULL, NULL, NULL};
    struct src_cut *cand = NULL;
    size_t ncand = 0, capcand = 0;
    if (coff == NULL)
        goto done;
    for (int j = 0; j < lp->ncol; j++) {
        if (lp->x[j] <= SUPPORT_EPS)
            continue;
        coff[lp->anc[j] + 1]++;
        for (int q = lp->off[j]; q < lp->off[j + 1]; q++)
            coff[lp->mem[q] + 1]++;
    }
    for (int t = 0; t < n; t++)
        coff[t + 1] += coff[t];
    ccol = malloc(sizeof(int) * ((size_t)coff[n] + 1));
    fill = malloc(sizeof(int) * ((size_t)n + 1));
    acc = calloc((size_t)n, sizeof(double));
    touched = malloc(sizeof(int) * ((size_t)n + 1));
    used = calloc((size_t)n, sizeof(int));
    pr.off = calloc((size_t)n + 1, sizeof(int));
    if (!ccol || !fill || !acc || !touched || !used || !pr.off)
        goto done;
    memcpy(fill, coff, sizeof(int) * (size_t)n);
    for (int j = 0; j < lp->ncol; j++) {
        if (lp->x[j] <= SUPPORT_EPS)
            continue;
        ccol[fill[lp->anc[j]]++] = j;
        for (int q = lp->off[j]; q < lp->off[j + 1]; q++)
            ccol[fill[lp->mem[q]]++] = j;
    }

    /* W(p, q), q > p: two passes, counting then filling */
    size_t npairs = 0, cappairs = 0;
    for (int p = 0; p < n; p++) {
        int nt = 0;
        for (int i = coff[p]; i < coff[p + 1]; i++) {
            int j = ccol[i];
            double xj = lp->x[j];
            int a = lp->anc[j];
            if (a > p) {
                if (acc[a] == 0)
                    touched[nt++] = a;
                acc[a] += xj;
            }
            for (int q = lp->off[j]; q < lp->off[j + 1]; q++) {
                int t = lp->mem[q];
                if (t <= p)
                    continue;
                if (acc[t] == 0)
                    touched[nt++] = t;
                acc[t] += xj;
            }
        }
        qsort(touched, (size_t)nt, sizeof(int), cmp_int);
        if (npairs + (size_t)nt > cappairs) {
            size_t nc = cappairs ? 2 * cappairs : 4096;
            while (nc < npairs + (size_t)nt)
                nc *= 2;
            int *nv = realloc(pr.v, sizeof(int) * nc);
            if (nv)
                pr.v = nv;
            double *nw = realloc(pr.w, sizeof(double) * nc);
            if (nw)
                pr.w = nw;
            if (!nv || !nw)
                goto done;
            cappairs = nc;
        }
        for (int i = 0; i < nt; i++) {
            pr.v[npairs] = touched[i];
            pr.w[npairs++] = acc[touched[i]];
            acc[touched[i]] = 0;
        }
        pr.off[p + 1] = (int)npairs;
    }

    /* triples u < v < w whose pairs all share columns */
    for (int u = 0; u < n; u++) {
        for (int i = pr.off[u]; i < pr.off[u + 1]; i++) {
            int v = pr.v[i];
            double wuv = pr.w[i];
            for (int k = i + 1; k < pr.off[u + 1]; k++) {
                int w = pr.v[k];
                double wvw = pair_weight(&pr, v, w);
                double s = wuv + pr.w[k] + wvw;
                if (wvw == 0 || s <= 1.0 + min_violation)
                    continue;
                double all = 0;
                for (int c = coff[u]; c < coff[u + 1]; c++) {
                    int j = ccol[c];
                    if (in_column(lp, j, v) && in_column(lp, j, w))
                        all += lp->x[j];
                }
                double lhs = s - 2 * all;
                if (lhs <= 1.0 + min_violation)
                    continue;
                struct src_cut cut = {{u, v, w}, lhs};
                if (skip != NULL && skip(ctx, cut.t))
                    continue;
                if (ncand == capcand) {
                    size_t nc = capcand ? 2 * capcand : 256;
                    struct src_cut *nb = realloc(cand, sizeof *cand * nc);
                    if (nb == NULL)
                        goto done;
                    cand = nb;
                    capcand = nc;
                }
                cand[ncand++] = cut;
            }
        }
    }

    /* the most broken first, each TPS in per_tps of them at most */
    if (ncand > 0)
        qsort(cand, ncand, sizeof *cand, cmp_cut);
    int nout = 0;
    for (size_t i = 0; i < ncand && nout < max_cuts; i++) {
        const int *t = cand[i].t;
        if (used[t[0]] >= per_tps || used[t[1]] >= per_tps || used[t[2]] >= per_tps)
            continue;
        used[t[0]]++;
        used[t[1]]++;
        used[t[2]]++;
        out[nout++] = cand[i];
    }
    result = nout;
done:
    free(coff);
    free(ccol);
    free(fill);
    free(acc);
    free(touched);
    free(used);
    free(pr.off);
    free(pr.v);
    free(pr.w);
    free(cand);
    return result;
}
