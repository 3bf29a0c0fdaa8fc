/*
 * cluster_regions.c - a lower bound on a component's posts by counting
 * them region by region (cluster_regions.h says why it holds).
 */
#include "solver/cluster_regions.h"

#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "model/union_find.h"
#include "solver/cluster_int.h"
#include "solver/glpk_util.h"

/* Link lengths of the partitions, in eighths of the radius, coarsest
 * first.  7/8 and 5/8 were added after the count at 3/4 and below left
 * Bogor chain c 5 seed 11 / 320104 (a map never tuned on) unproven; at 7/8
 * its 5 regions refute 86 posts.  They change nothing on the stress maps'
 * components (bench/RESULTS.md, session 10). */
static const int link_eighths[] = {7, 6, 5, 4, 3, 2, 1};

/* Partitions of more regions are not tried: the programme grows with the
 * pairs of regions that share posts, and on the 27 components the stress
 * maps left unproven in session 7 the partitions that refuted a bound had
 * 2 to 9 regions (bench/RESULTS.md, session 10). */
#define REGIONS_MAX 40

/* GLPK's branch and bound on one programme stops after this many nodes
 * (a programme it cannot settle so proves nothing). */
#define REGION_NODES 2000

struct regions {
    const struct comp *c;
    int m;                  /* regions */
    int np;                 /* pairs of them that may share posts */
    int *reg;               /* region of each TPS */
    int *parent;            /* union-find */
    int *size;              /* TPS per region */
    int *order, *start;     /* TPS by region: order[start[r] .. start[r+1]) */
    int *stamp, *acnt, *touched;
    char *ext;              /* TPS within reach of another region */
    int *U, *F, *col;       /* per pair r * m + q: distinct TPS, anchor
                               room, GLPK column (0: none) */
    int *V;                 /* per region: TPS within reach of another */
    int *ia, *ja;
    double *ar;
};

/* The regions of links of at most link km, numbered by their first TPS;
 * returns how many. */
static int partition(struct regions *g, double link)
{
    const struct comp *c = g->c;
    int n = c->n;
    for (int i = 0; i < n; i++)
        g->parent[i] = i;
    for (int i = 0; i < n; i++)
        for (int q = c->off[i]; q < c->off[i + 1]; q++)
            if (c->dist[q] <= link + EPS_KM) {
                int a = uf_find(g->parent, i), b = uf_find(g->parent, c->adj[q]);
                if (a != b)
                    g->parent[a > b ? a : b] = a < b ? a : b;
            }
    int m = 0;
    for (int i = 0; i < n; i++) {
        int r = uf_find(g->parent, i);
        g->reg[i] = r == i ? m++ : g->reg[r];
    }
    return m;
}

static void glpk_callback(glp_tree *tree, void *info)
{
    (void)info;
    int t_cnt;
    glp_ios_tree_size(tree, NULL, NULL, &t_cnt);
    if (t_cnt > REGION_NODES)
        glp_ios_terminate(tree);
}

/* The pairs of regions that may share posts (U, F, V) for g->m regions;
 * returns how many. */
static int pairs(struct regions *g)
{
    const struct comp *c = g->c;
    int n = c->n, m = g->m, cap = c->cap;
    memset(g->size, 0, sizeof(int) * (size_t)m);
    memset(g->V, 0, sizeof(int) * (size_t)m);
    memset(g->U, 0, sizeof(int) * (size_t)m * (size_t)m);
    memset(g->F, 0, sizeof(int) * (size_t)m * (size_t)m);
    memset(g->acnt, 0, sizeof(int) * (size_t)m);
    memset(g->ext, 0, (size_t)n);
    for (int i = 0; i < n; i++) {
        g->size[g->reg[i]]++;
        g->stamp[i] = -1;
    }
    g->start[0] = 0;
    for (int r = 0; r < m; r++)
        g->start[r + 1] = g->start[r] + g->size[r];
    for (int i = 0; i < n; i++)
        g->order[g->start[g->reg[i]]++] = i;
    for (int r = m; r > 0; r--)
        g->start[r] = g->start[r - 1];
    g->start[0] = 0;
    for (int r = 0; r < m; r++) {
        for (int p = g->start[r]; p < g->start[r + 1]; p++) {
            int a = g->order[p], nt = 0;
            for (int k = c->off[a]; k < c->off[a + 1]; k++) {
                int t = c->adj[k], q = g->reg[t];
                if (q == r)
                    continue;
                if (g->acnt[q]++ == 0)
                    g->touched[nt++] = q;
                if (g->stamp[t] != r) {
                    g->stamp[t] = r;
                    g->U[r * m + q]++;
                }
                if (!g->ext[t]) {
                    g->ext[t] = 1;
                    g->V[q]++;
                }
            }
            for (int s = 0; s < nt; s++) {
                int q = g->touched[s];
                g->F[r * m + q] += g->acnt[q] < cap - 1 ? g->acnt[q] : cap - 1;
                g->acnt[q] = 0;
            }
        }
    }
    int np = 0;
    for (int x = 0; x < m * m; x++)
        g->col[x] = g->U[x] > 0 && g->F[x] > 0 ? 2 * m + 1 + np++ : 0;
    return np;
}

static void put(struct regions *g, int *nz, int row, int col, double v)
{
    ++*nz;
    g->ia[*nz] = row;
    g->ja[*nz] = col;
    g->ar[*nz] = v;
}

/* The programme of g's partition for T posts into P (columns k_r = r + 1,
 * w_r = m + r + 1, then the pairs; rows balance, room, anchors, waste,
 * exports). */
static void build(struct regions *g, glp_prob *P, long T, int np)
{
    const struct comp *c = g->c;
    int m = g->m, cap = c->cap, nz = 0;
    int rw = 3 * m + 1;                 /* the waste row */
    glp_add_cols(P, 2 * m + np);
    glp_add_rows(P, 4 * m + 1);
    for (int r = 0; r < m; r++) {
        int k = r + 1, w = m + r + 1;
        glp_set_col_kind(P, k, GLP_IV);
        glp_set_col_bnds(P, k, GLP_DB, 0.0, (double)g->size[r]);
        glp_set_col_bnds(P, w, GLP_LO, 0.0, 0.0);
        glp_set_row_bnds(P, r + 1, GLP_FX, (double)g->size[r], (double)g->size[r]);
        glp_set_row_bnds(P, m + r + 1, GLP_UP, 0.0, 0.0);
        glp_set_row_bnds(P, 2 * m + r + 1, GLP_UP, 0.0, (double)g->size[r]);
        glp_set_row_bnds(P, rw + 1 + r, GLP_UP, 0.0, (double)g->V[r]);
        put(g, &nz, r + 1, k, (double)cap);         /* balance */
        put(g, &nz, r + 1, w, -1.0);
        put(g, &nz, m + r + 1, w, 1.0);             /* room */
        put(g, &nz, m + r + 1, k, -(double)(cap - 1));
        put(g, &nz, 2 * m + r + 1, k, 1.0);         /* anchors */
        put(g, &nz, rw, w, 1.0);                    /* waste */
    }
    glp_set_row_bnds(P, rw, GLP_UP, 0.0, (double)((long)cap * T - c->n));
    for (int r = 0; r < m; r++)
        for (int q = 0; q < m; q++) {
            int j = g->col[r * m + q];
            if (j == 0)
                continue;
            int ub = g->U[r * m + q] < g->F[r * m + q] ? g->U[r * m + q] : g->F[r * m + q];
            glp_set_col_kind(P, j, GLP_IV);
            glp_set_col_bnds(P, j, GLP_DB, 0.0, (double)ub);
            put(g, &nz, r + 1, j, -1.0);            /* r takes TPS of q */
            put(g, &nz, q + 1, j, 1.0);             /* q gives them */
            put(g, &nz, 2 * m + q + 1, j, 1.0);     /* not q's anchors */
            put(g, &nz, rw + 1 + q, j, 1.0);        /* each TPS once */
        }
    glp_load_matrix(P, nz, g->ia, g->ja, g->ar);
}

/* Solve the programme of g's partition: 1 when it has no
 * solution, 0 when it has one or GLPK stopped first, -1 when GLPK
 * failed. */
static int no_solution(struct regions *g, long T, double deadline)
{
    glp_prob *P = glp_create_prob();
    build(g, P, T, g->np);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    /* the pairs are the last columns: branch on them first.  Once the
     * TPS each region gives and takes are whole, each region's count is
     * its own small question and the LP settles it in a branch or two;
     * GLPK's default (Driebeck-Tomlin) needed 100,000 nodes (0.4 s) to
     * refute chain 5 7 / 320103 at T = 96, this rule 0.002 s */
    parm.br_tech = GLP_BR_LFV;
    parm.cb_func = glpk_callback;
    parm.tm_lim = solver_tm_lim(deadline);
    int ret = solver_intopt(P, &parm), r = 0;
    if (ret == GLP_ENOPFS || (ret == 0 && glp_mip_status(P) == GLP_NOFEAS))
        r = 1;
    else if (ret != 0 && ret != GLP_ESTOP && ret != GLP_ETMLIM)
        r = -1;
    glp_delete_prob(P);
    return r;
}

/* *refuted when the programme of g's partition has no solution. */
static int solve(struct regions *g, long T, double deadline, bool *refuted)
{
    g->np = pairs(g);
    struct glpk_guard guard;
    glpk_guard_begin(&guard);
    if (setjmp(guard.jb)) {
        glpk_guard_failed();
        glpk_guard_end(&guard);
        return SIAGA_ESOLVER;
    }
    int r = no_solution(g, T, deadline);
    glpk_guard_end(&guard);
    *refuted = r == 1;
    return r < 0 ? SIAGA_ESOLVER : SIAGA_OK;
}

int cluster_regions_refute(const struct comp *c, long T, double deadline,
                           bool *refuted)
{
    int n = c->n, m_max = REGIONS_MAX;
    *refuted = false;
    if ((long)c->cap * T < n) {
        *refuted = true;   /* T posts hold fewer than n TPS */
        return SIAGA_OK;
    }
    struct regions g;
    memset(&g, 0, sizeof g);
    g.c = c;
    size_t nn = (size_t)n, mm = (size_t)m_max * (size_t)m_max;
    size_t nzmax = 6 * (size_t)m_max + 4 * mm + 1;
    g.reg = malloc(sizeof(int) * nn);
    g.parent = malloc(sizeof(int) * nn);
    g.order = malloc(sizeof(int) * nn);
    g.stamp = malloc(sizeof(int) * nn);
    g.ext = malloc(nn);
    g.size = malloc(sizeof(int) * (size_t)m_max);
    g.start = malloc(sizeof(int) * (size_t)(m_max + 1));
    g.acnt = malloc(sizeof(int) * (size_t)m_max);
    g.touched = malloc(sizeof(int) * (size_t)m_max);
    g.V = malloc(sizeof(int) * (size_t)m_max);
    g.U = malloc(sizeof(int) * mm);
    g.F = malloc(sizeof(int) * mm);
    g.col = malloc(sizeof(int) * mm);
    g.ia = malloc(sizeof(int) * nzmax);
    g.ja = malloc(sizeof(int) * nzmax);
    g.ar = malloc(sizeof(double) * nzmax);
    int rc = SIAGA_ENOMEM;
    if (!g.reg || !g.parent || !g.order || !g.stamp || !g.ext || !g.size ||
        !g.start || !g.acnt || !g.touched || !g.V || !g.U || !g.F ||
        !g.col || !g.ia || !g.ja || !g.ar)
        goto done;
    rc = SIAGA_OK;
    int m_last = 1;
    for (size_t i = 0; i < sizeof link_eighths / sizeof *link_eighths; i++) {
        if (solver_past(deadline))
            break;
        int m = partition(&g, c->radius * link_eighths[i] / 8.0);
        if (m > m_max)
            break;          /* finer links only give more regions */
        if (m == m_last)
            continue;       /* the same partition (finer links refine) */
        m_last = m;
        g.m = m;
        rc = solve(&g, T, deadline, refuted);
        if (rc != SIAGA_OK || *refuted)
            break;
    }
done:
    free(g.reg);
    free(g.parent);
    free(g.order);
    free(g.stamp);
    free(g.ext);
    free(g.size);
    free(g.start);
    free(g.acnt);
    free(g.touched);
    free(g.V);
    free(g.U);
    free(g.F);
    free(g.col);
    free(g.ia);
    free(g.ja);
    free(g.ar);
    return rc;
}
