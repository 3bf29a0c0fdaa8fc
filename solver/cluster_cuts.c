/*
 * cluster_cuts.c - finding the capacity cuts an LP solution breaks
 * (cluster_cuts.h).
 *
 * For a set S, the cut's left side is the weight of the support columns
 * holding a TPS of S.  Sets are grown from every TPS of the support, one
 * TPS at a time, always the one whose columns not yet counted weigh least
 * (so the left side grows slowest while |S|, and with it the right side,
 * grows by one), and the most broken prefix of each growth is kept: the
 * greedy of CVRPSEP (Lysgaard, Letchford and Eglese 2004) for the rounded
 * capacity inequalities of vehicle routing.  The work is at most n growths
 * of max_size steps, each a scan of the frontier and the new columns.
 */
#include "solver/cluster_cuts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cluster_int.h"

/* Columns below this value are not in the support. */
#define SUPPORT_EPS 1e-6

/* The support columns holding each TPS: ccol[coff[t] .. coff[t+1]), into
 * coff (n + 1 entries, zeroed); returns ccol, or NULL out of memory. */
static int *support_columns(const struct cut_lp *lp, int *coff)
{
    int n = lp->n;
    for (int j = 0; j < lp->ncol; j++) {
        if (lp->x[j] <= SUPPORT_EPS)
            continue;
        coff[lp->anc[j] + 1]++;
        for (int q = lp->off[j]; q < lp->off[j + 1]; q++)
            coff[lp->mem[q] + 1]++;
    }
    for (int t = 0; t < n; t++)
        coff[t + 1] += coff[t];
    int *ccol = malloc(sizeof(int) * ((size_t)coff[n] + 1));
    int *fill = malloc(sizeof(int) * ((size_t)n + 1));
    if (ccol == NULL || fill == NULL) {
        free(ccol);
        free(fill);
        return NULL;
    }
    memcpy(fill, coff, sizeof(int) * (size_t)n);
    for (int j = 0; j < lp->ncol; j++) {
        if (lp->x[j] <= SUPPORT_EPS)
            continue;
        ccol[fill[lp->anc[j]]++] = j;
        for (int q = lp->off[j]; q < lp->off[j + 1]; q++)
            ccol[fill[lp->mem[q]]++] = j;
    }
    free(fill);
    return ccol;
}

void cut_list_free(struct cut_list *l)
{
    free(l->off);
    free(l->tps);
    free(l->rhs);
    free(l->lhs);
    memset(l, 0, sizeof *l);
}

int cut_list_push(struct cut_list *l, const int *t, int nt, double rhs, double lhs)
{
    if (l->n + 1 >= l->cap) {
        int nc = l->cap ? 2 * l->cap : 64;
        int *no = realloc(l->off, sizeof(int) * (size_t)(nc + 1));
        if (no)
            l->off = no;
        double *nr = realloc(l->rhs, sizeof(double) * (size_t)nc);
        if (nr)
            l->rhs = nr;
        double *nl = realloc(l->lhs, sizeof(double) * (size_t)nc);
        if (nl)
            l->lhs = nl;
        if (!no || !nr || !nl)
            return -1;
        if (l->cap == 0)
            l->off[0] = 0;
        l->cap = nc;
    }
    size_t at = (size_t)l->off[l->n];
    if (at + (size_t)nt > l->captps) {
        size_t nc = l->captps ? 2 * l->captps : 1024;
        while (nc < at + (size_t)nt)
            nc *= 2;
        int *nt2 = realloc(l->tps, sizeof(int) * nc);
        if (nt2 == NULL)
            return -1;
        l->tps = nt2;
        l->captps = nc;
    }
    memcpy(l->tps + at, t, sizeof(int) * (size_t)nt);
    l->rhs[l->n] = rhs;
    l->lhs[l->n] = lhs;
    l->n++;
    l->off[l->n] = (int)(at + (size_t)nt);
    return 0;
}

/* A capacity cut found by one seed's growth. */
struct cap_found {
    int seed, size;         /* the set: the first size TPS of the seed's order */
    double viol, lhs, rhs;
};

static int cmp_cap(const void *x, const void *y)
{
    const struct cap_found *p = x, *q = y;
    if (p->viol != q->viol)
        return p->viol > q->viol ? -1 : 1;
    if (p->size != q->size)
        return p->size < q->size ? -1 : 1;
    return (p->seed > q->seed) - (p->seed < q->seed);
}

/*
 * Grow a set from seed: each step adds the frontier TPS (sharing a support
 * column with the set) whose posts not yet counted weigh least.  order gets
 * the TPS in the order taken; *best the most broken cut on a prefix.
 * Arrays of n: inset, reach (TPS of the set in reach of each anchor),
 * inc (weight a TPS would add), touched (support columns), all zero on
 * entry and left zero.
 */
static void cap_grow(const struct cut_lp *lp, const struct comp *c,
                     const int *coff, const int *ccol, const double *colw,
                     int seed, int max_size, double min_violation,
                     char *inset, int *reach, double *inc, char *touched,
                     int *front, int *order, struct cap_found *best)
{
    int n = lp->n, nfront = 0, size = 0, kmax = 0;
    double lhs = 0;
    best->viol = 0;
    best->size = 0;
    for (int t = seed; size < max_size && size < n - 1;) {
        /* take t */
        inset[t] = 1;
        order[size++] = t;
        lhs += inc[t] != 0 ? colw[t] - inc[t] : colw[t];
        for (int e = c->off[t] - 1; e < c->off[t + 1]; e++) {
            int a = e < c->off[t] ? t : c->adj[e];
            reach[a]++;
            int k = reach[a] < c->cap ? reach[a] : c->cap;
            if (k > kmax)
                kmax = k;
        }
        for (int i = coff[t]; i < coff[t + 1]; i++) {
            int j = ccol[i];
            if (touched[j])
                continue;
            touched[j] = 1;
            for (int q = lp->off[j] - 1; q < lp->off[j + 1]; q++) {
                int u = q < lp->off[j] ? lp->anc[j] : lp->mem[q];
                if (inset[u])
                    continue;
                if (inc[u] == 0) {
                    inc[u] = lp->x[j] + 1e-300;   /* counted weight, marks the frontier */
                    front[nfront++] = u;
                } else {
                    inc[u] += lp->x[j];
                }
            }
        }
        double rhs = ceil((double)size / kmax - 1e-9);
        if (rhs - lhs > min_violation && rhs - lhs > best->viol) {
            best->viol = rhs - lhs;
            best->size = size;
            best->lhs = lhs;
            best->rhs = rhs;
        }
        /* next: the frontier TPS adding the least weight */
        int pick = -1;
        double pw = 0;
        for (int i = 0; i < nfront; i++) {
            int u = front[i];
            if (inset[u])
                continue;
            double add = colw[u] - inc[u];
            if (pick < 0 || add < pw - 1e-12 || (add < pw + 1e-12 && u < pick)) {
                pick = u;
                pw = add;
            }
        }
        if (pick < 0)
            break;
        t = pick;
    }
    /* leave the arrays zero */
    for (int i = 0; i < size; i++) {
        int t = order[i];
        inset[t] = 0;
        for (int e = c->off[t] - 1; e < c->off[t + 1]; e++)
            reach[e < c->off[t] ? t : c->adj[e]] = 0;
        for (int q = coff[t]; q < coff[t + 1]; q++)
            touched[ccol[q]] = 0;
    }
    for (int i = 0; i < nfront; i++)
        inc[front[i]] = 0;
    best->seed = seed;
}

int cap_separate(const struct cut_lp *lp, const struct comp *c,
                 double min_violation, int max_cuts, int max_size,
                 cut_known_fn *known, void *ctx, struct cut_list *out)
{
    int n = lp->n, result = -1, nout = 0;
    int *coff = calloc((size_t)n + 1, sizeof(int));
    int *ccol = NULL, *reach = calloc((size_t)n, sizeof(int));
    int *front = malloc(sizeof(int) * (size_t)n * 2);   /* a TPS may enter twice */
    int *order = malloc(sizeof(int) * (size_t)n);
    int *set = malloc(sizeof(int) * (size_t)n);
    char *inset = calloc((size_t)n, 1);
    char *touched = calloc((size_t)lp->ncol + 1, 1);
    double *colw = calloc((size_t)n, sizeof(double));
    double *inc = calloc((size_t)n, sizeof(double));
    struct cap_found *found = malloc(sizeof *found * (size_t)n);
    int nfound = 0;
    if (!coff || !reach || !front || !order || !set || !inset || !touched || !colw ||
        !inc || !found || (ccol = support_columns(lp, coff)) == NULL)
        goto done;
    for (int t = 0; t < n; t++)
        for (int i = coff[t]; i < coff[t + 1]; i++)
            colw[t] += lp->x[ccol[i]];
    for (int seed = 0; seed < n; seed++) {
        if (coff[seed] == coff[seed + 1])
            continue;
        struct cap_found f;
        cap_grow(lp, c, coff, ccol, colw, seed, max_size, min_violation, inset, reach,
                 inc, touched, front, order, &f);
        if (f.size > 0)
            found[nfound++] = f;
    }
    qsort(found, (size_t)nfound, sizeof *found, cmp_cap);
    int first = out->n;
    for (int i = 0; i < nfound && nout < max_cuts; i++) {
        struct cap_found f;
        cap_grow(lp, c, coff, ccol, colw, found[i].seed, found[i].size, 0, inset,
                 reach, inc, touched, front, order, &f);
        memcpy(set, order, sizeof(int) * (size_t)found[i].size);
        qsort(set, (size_t)found[i].size, sizeof(int), cluster_cmp_int);
        int dup = known != NULL && known(ctx, set, found[i].size);
        for (int q = first; q < out->n && !dup; q++)
            dup = out->off[q + 1] - out->off[q] == found[i].size &&
                  memcmp(out->tps + out->off[q], set,
                         sizeof(int) * (size_t)found[i].size) == 0;
        if (dup)
            continue;
        if (cut_list_push(out, set, found[i].size, found[i].rhs, found[i].lhs) != 0)
            goto done;
        nout++;
    }
    result = nout;
done:
    free(coff);
    free(ccol);
    free(reach);
    free(front);
    free(order);
    free(set);
    free(inset);
    free(touched);
    free(colw);
    free(inc);
    free(found);
    return result;
}
