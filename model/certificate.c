/*
 * certificate.c - shortage certificates from a plan's fills, and their
 * extraction (certificate.h; the check is in certificate_verify.c).
 *
 * Why a certificate proves what it says.  Split each post into its
 * min_polri Polri-only places (node "polri") and its guards - min_polri
 * places that Polri or TNI may fill (node "jaga"); each TPS has per_tps
 * Linmas places (node "linmas").  A fill of the posts that keeps formats
 * 1.2 (at most guards, at most guards - min_polri TNI) is exactly a
 * b-matching of members to these places: TNI take jaga places, Polri take
 * the polri places first and the rest of the jaga ones (P + T <= guards
 * is what makes that fit).  So the fill is a bipartite transportation
 * problem, units against places, and Hall's theorem in its deficiency
 * form (Ore; König-Egerváry for b-matchings) holds: for any set X of
 * places, the members who can fill a place of X all belong to N(X), the
 * units eligible at some place of X, so at least |X| - members(N(X)) of
 * X stay empty in every fill.  Disjoint sets add up.  And the bound is
 * tight: a maximum fill leaves exactly max_X (|X| - members(N(X))) places
 * empty.
 *
 * How they are extracted: the min cut of the plan's own fill.  From every
 * node with an empty place, walk the residual graph: node -> every unit
 * eligible there (a member could move in), unit -> every node where the
 * unit has members (moving one out frees a place there).  X is the nodes
 * reached, N(X) the units reached; every unit eligible at a node of X is
 * in N(X) by construction.  In a maximum fill no unit reached has a
 * member left over (else the walk is an augmenting path), and every
 * member of N(X) sits in X (the walk follows them all), so members(N(X))
 * = filled places of X and the deficit of X is its empty places, which
 * are all the plan's empty places.  The certificates are the connected
 * pieces of X with N(X) (a unit adjacent to two pieces would join them),
 * so they are disjoint in places and units and each holds at least one
 * empty place (every node reached was reached from one).
 *
 * Priorities.  The fills are lexicographic by grade (formats 1.4 item 1),
 * not plain maximum fills.  The places a fill can cover at once are the
 * independent sets of a matroid (a transversal matroid), and a
 * lexicographic optimum by grade is a greedy, hence maximum-weight, basis:
 * it is also a maximum fill.  So the certificates of siaga's plans prove
 * the plan's total of empty places exactly, whatever their grades.  They
 * do not prove how the empty places fall on the grades; that is the
 * exchange property of the same matroid, tested here too (lex_worse): a
 * basis is of maximum weight iff no single exchange improves it, and an
 * exchange is an alternating path from an empty place e to a filled place
 * f, which the same walk finds.  So a fill is lexicographic by grade iff
 * the walk from the empty places of the first k grades (by priority)
 * reaches no place of a later grade, for every k.  The Linmas fill has one
 * grade and is independent of the guards (other units).
 *
 * What this proves is for the plan's posts.  Fewer posts mean fewer
 * places; why the planner's fewest posts are best for item 1 is in
 * planner.c, and the check proves it by itself where it can
 * (certificate_verify.c).
 *
 * A plan stopped by a deadline (a greedy fill) may not be a maximum fill:
 * then a walk reaches a unit with a member left over (augmenting), the
 * pieces still are valid certificates, but they prove fewer places than
 * are empty; a piece without a deficit is dropped.
 */
#include "model/certificate.h"

#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "model/grow.h"
#include "model/certificate_int.h"
#include "model/union_find.h"

const char *cert_kind_name(enum cert_kind k)
{
    static const char *const N[CERT_KIND_COUNT] = {"polri", "jaga", "linmas"};
    return (unsigned)k < CERT_KIND_COUNT ? N[k] : "?";
}

/* ---- units by scope (certificate_int.h) ---- */

void cert_by_scope_free(struct by_scope *b)
{
    free(b->any);
    for (int i = 0; i < 3; i++) {
        free(b->off[i]);
        free(b->list[i]);
    }
}

int cert_by_scope_build(const struct scenario *s, struct by_scope *b)
{
    memset(b, 0, sizeof *b);
    int nreg[3] = {s->nkab, s->nkec, s->ndesa};
    size_t nu = (size_t)s->nunit + 1;
    b->any = malloc(sizeof(int) * nu);
    if (b->any == NULL)
        return -1;
    for (int i = 0; i < 3; i++) {
        b->off[i] = calloc((size_t)nreg[i] + 2, sizeof(int));
        b->list[i] = malloc(sizeof(int) * nu);
        if (b->off[i] == NULL || b->list[i] == NULL)
            return -1;
    }
    /* units of a Polres (formats 1.6) are listed with those of any scope
     * and tried place by place (scenario_unit_covers) */
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        if (un->scope == SCOPE_ANY || un->scope == SCOPE_POLRES)
            b->any[b->nany++] = u;
        else
            b->off[un->scope - 1][un->region + 2]++;
    }
    for (int i = 0; i < 3; i++)
        for (int r = 0; r < nreg[i]; r++)
            b->off[i][r + 2] += b->off[i][r + 1];
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        if (un->scope != SCOPE_ANY && un->scope != SCOPE_POLRES) {
            int i = un->scope - 1;
            b->list[i][b->off[i][un->region + 1]++] = u;
        }
    }
    return 0;
}

int cert_each_eligible(const struct scenario *s, const struct by_scope *b,
                         enum cert_kind k, const int *tps, int ntps,
                         int (*f)(void *, int), void *ctx)
{
    if (ntps <= 0)
        return 0;
    const struct tps *a = &s->tps[tps[0]];
    int reg[3] = {a->kabupaten, a->kecamatan, a->desa};
    for (int i = -1; i < 3; i++) {
        const int *lst = i < 0 ? b->any : b->list[i] + b->off[i][reg[i]];
        int n = i < 0 ? b->nany : b->off[i][reg[i] + 1] - b->off[i][reg[i]];
        for (int q = 0; q < n; q++) {
            int u = lst[q];
            enum force fo = s->unit[u].force;
            bool ok = k == CERT_LINMAS ? fo == FORCE_LINMAS
                    : k == CERT_POLRI ? fo == FORCE_POLRI
                    : force_is_guard(fo);
            for (int t = i < 0 ? 0 : 1; ok && t < ntps; t++)
                ok = scenario_unit_covers(s, u, tps[t]);
            int rc = ok ? f(ctx, u) : 0;
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

/* ---- the flow graph of a plan ------------------------------------------ */

/* Node 2p is post p's polri places, 2p + 1 its jaga places, 2 npost + t
 * TPS t's Linmas places. */
struct graph {
    const struct scenario *s;
    const struct plan *p;
    struct by_scope by;
    int nnode;
    int *cap, *filled;
    int *uoff, *unode, *ucount;  /* per unit: nodes holding its members */
    int *used;                   /* members of each unit placed */
    /* walk state */
    unsigned char *vnode, *vunit;
    int *queue;                  /* nodes and units: unit u is nnode + u */
    int qh, qt;
    int augment;
};

static enum cert_kind node_kind(const struct graph *g, int v)
{
    return v >= 2 * g->p->npost ? CERT_LINMAS : v % 2 ? CERT_JAGA : CERT_POLRI;
}

static int node_site(const struct graph *g, int v)
{
    return v >= 2 * g->p->npost ? v - 2 * g->p->npost : v / 2;
}

/* The grade a node's places are of; Linmas nodes have none (-1). */
static int node_grade(const struct graph *g, int v)
{
    return v >= 2 * g->p->npost ? -1 : (int)g->p->post[v / 2].grade;
}

static void node_tps(const struct graph *g, int v, const int **tps, int *n)
{
    if (v >= 2 * g->p->npost) {
        *tps = NULL;
        *n = 1;
        return;
    }
    *tps = g->p->post[v / 2].tps;
    *n = g->p->post[v / 2].ntps;
}

static void graph_free(struct graph *g)
{
    cert_by_scope_free(&g->by);
    free(g->cap);
    free(g->filled);
    free(g->uoff);
    free(g->unode);
    free(g->ucount);
    free(g->used);
    free(g->vnode);
    free(g->vunit);
    free(g->queue);
}

struct fl { int unit, node, count; };

static int cmp_fl(const void *a, const void *b)
{
    const struct fl *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

/* The places and the plan's fill of them.  0 or -1 (out of memory). */
static int graph_build(struct graph *g, const struct scenario *s,
                       const struct plan *p)
{
    memset(g, 0, sizeof *g);
    g->s = s;
    g->p = p;
    g->nnode = 2 * p->npost + s->ntps;
    size_t nn = (size_t)g->nnode + 1, nu = (size_t)s->nunit + 1;
    size_t nf = (size_t)p->nguard + (size_t)p->nlinmas + 1;
    struct fl *fl = malloc(sizeof *fl * nf);
    g->cap = calloc(nn, sizeof(int));
    g->filled = calloc(nn, sizeof(int));
    g->uoff = calloc(nu + 1, sizeof(int));
    g->unode = malloc(sizeof(int) * nf);
    g->ucount = malloc(sizeof(int) * nf);
    g->used = calloc(nu, sizeof(int));
    g->vnode = calloc(nn, 1);
    g->vunit = calloc(nu, 1);
    g->queue = malloc(sizeof(int) * (nn + nu));
    if (!fl || !g->cap || !g->filled || !g->uoff || !g->unode || !g->ucount ||
        !g->used || !g->vnode || !g->vunit || !g->queue ||
        cert_by_scope_build(s, &g->by) != 0) {
        free(fl);
        return -1;
    }
    int n = 0;
    for (int q = 0; q < p->npost; q++) {
        const struct post *po = &p->post[q];
        const struct grade_rule *gr = &s->rules.grade[po->grade];
        g->cap[2 * q] = gr->min_polri;
        g->cap[2 * q + 1] = gr->guards - gr->min_polri;
        /* TNI to the jaga places, Polri to the polri places first */
        for (int pass = 0; pass < 2; pass++)
            for (int i = po->first_guard; i < po->first_guard + po->nguards; i++) {
                int m = p->guard[i], u = s->member[m].unit;
                bool tni = s->unit[u].force == FORCE_TNI;
                if (!force_is_guard(s->unit[u].force) || tni != (pass == 0))
                    continue;
                int v = !tni && g->filled[2 * q] < g->cap[2 * q] ? 2 * q
                                                                  : 2 * q + 1;
                if (g->filled[v] >= g->cap[v])
                    continue;   /* over the rules: fills nothing */
                g->filled[v]++;
                fl[n++] = (struct fl){u, v, 1};
            }
    }
    for (int t = 0; t < s->ntps; t++)
        g->cap[2 * p->npost + t] = s->rules.linmas_per_tps;
    for (int i = 0; i < p->nlinmas; i++) {
        int v = 2 * p->npost + p->linmas[i].tps;
        if (g->filled[v] >= g->cap[v])
            continue;
        g->filled[v]++;
        fl[n++] = (struct fl){s->member[p->linmas[i].member].unit, v, 1};
    }
    qsort(fl, (size_t)n, sizeof *fl, cmp_fl);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k > 0 && g->unode[k - 1] == fl[i].node &&
            (i > 0 && fl[i - 1].unit == fl[i].unit)) {
            g->ucount[k - 1]++;
        } else {
            g->unode[k] = fl[i].node;
            g->ucount[k] = 1;
            g->uoff[fl[i].unit + 1]++;
            k++;
        }
        g->used[fl[i].unit]++;
    }
    for (int u = 0; u < s->nunit; u++)
        g->uoff[u + 1] += g->uoff[u];
    free(fl);
    return 0;
}

static int visit_unit(void *ctx, int u)
{
    struct graph *g = ctx;
    if (!g->vunit[u]) {
        g->vunit[u] = 1;
        g->queue[g->qt++] = g->nnode + u;
    }
    return 0;
}

static void visit_node(struct graph *g, int v)
{
    if (!g->vnode[v]) {
        g->vnode[v] = 1;
        g->queue[g->qt++] = v;
    }
}

/* Units eligible at node v. */
static int node_units(struct graph *g, int v, int (*f)(void *, int), void *ctx)
{
    const int *tps;
    int n, t;
    node_tps(g, v, &tps, &n);
    if (tps == NULL) {
        t = node_site(g, v);
        tps = &t;
    }
    return cert_each_eligible(g->s, &g->by, node_kind(g, v), tps, n, f, ctx);
}

/* The residual walk from the nodes already queued. */
static void walk(struct graph *g)
{
    while (g->qh < g->qt) {
        int x = g->queue[g->qh++];
        if (x < g->nnode) {
            if (g->cap[x] > 0)
                node_units(g, x, visit_unit, g);
            continue;
        }
        int u = x - g->nnode;
        if (g->used[u] < g->s->unit[u].nmembers)
            g->augment = 1;
        for (int k = g->uoff[u]; k < g->uoff[u + 1]; k++)
            visit_node(g, g->unode[k]);
    }
}

static void walk_reset(struct graph *g)
{
    memset(g->vnode, 0, (size_t)g->nnode);
    memset(g->vunit, 0, (size_t)g->s->nunit);
    g->qh = g->qt = 0;
}

/* Priority rank of a grade: 0 sangat rawan, then khusus, rawan, kurang
 * rawan (formats 1.4, 1.6). */
static int rank_of(int grade)
{
    return GRADE_COUNT - 1 - grade;
}

/* The exchange test (top of file): -1 when the fill is lexicographic by
 * grade, else the grade of a place a chain of moves could empty to fill
 * one of a higher grade. */
static int lex_test(struct graph *g)
{
    for (int k = 0; k < GRADE_COUNT - 1; k++) {
        walk_reset(g);
        for (int v = 0; v < 2 * g->p->npost; v++)
            if (g->filled[v] < g->cap[v] && rank_of(node_grade(g, v)) <= k)
                visit_node(g, v);
        walk(g);
        for (int v = 0; v < 2 * g->p->npost; v++)
            if (g->vnode[v] && g->filled[v] > 0 &&
                rank_of(node_grade(g, v)) > k)
                return node_grade(g, v);
    }
    return -1;
}

/* ---- pieces ------------------------------------------------------------ */

struct join { struct graph *g; int *par; int v; };

static int join_unit(void *ctx, int u)
{
    struct join *j = ctx;
    int a = uf_find(j->par, j->v), b = uf_find(j->par, j->g->nnode + u);
    if (a < b)
        j->par[b] = a;
    else if (b < a)
        j->par[a] = b;
    return 0;
}

int cert_extract(const struct scenario *s, const struct plan *p,
                 struct cert_set *out)
{
    int rc = SIAGA_ENOMEM;
    struct graph g;
    memset(out, 0, sizeof *out);
    out->lex_worse = -1;
    int *par = NULL, *cid = NULL;
    if (graph_build(&g, s, p) != 0)
        goto done;
    for (int v = 0; v < g.nnode; v++) {
        long e = g.cap[v] - g.filled[v];
        if (v < 2 * p->npost)
            out->empty_guard += e;
        else
            out->empty_linmas += e;
    }
    out->empty = out->empty_guard + out->empty_linmas;
    int N = g.nnode + s->nunit;
    par = malloc(sizeof(int) * ((size_t)N + 1));
    cid = malloc(sizeof(int) * ((size_t)N + 1));
    if (par == NULL || cid == NULL)
        goto done;
    if (out->empty_guard > 0)
        out->lex_worse = lex_test(&g);
    walk_reset(&g);
    g.augment = 0;
    for (int v = 0; v < g.nnode; v++)
        if (g.filled[v] < g.cap[v])
            visit_node(&g, v);
    walk(&g);
    out->augmenting = g.augment != 0;
    for (int i = 0; i < N; i++)
        par[i] = i;
    for (int v = 0; v < g.nnode; v++)
        if (g.vnode[v]) {
            struct join j = {&g, par, v};
            node_units(&g, v, join_unit, &j);
        }
    /* pieces numbered by their first node; count them and their sizes */
    long nplace = 0, nunit = 0;
    int ncert = 0;
    for (int i = 0; i < N; i++)
        cid[i] = -1;
    for (int v = 0; v < g.nnode; v++) {
        if (!g.vnode[v] || g.cap[v] == 0)
            continue;
        int r = uf_find(par, v);
        if (cid[r] < 0)
            cid[r] = ncert++;
        nplace++;
    }
    for (int u = 0; u < s->nunit; u++)
        if (g.vunit[u])
            nunit++;
    out->cert = calloc((size_t)ncert + 1, sizeof *out->cert);
    out->places_ = malloc(sizeof *out->places_ * ((size_t)nplace + 1));
    out->units_ = malloc(sizeof(int) * ((size_t)nunit + 1));
    if (out->cert == NULL || out->places_ == NULL || out->units_ == NULL)
        goto done;
    /* sizes, then offsets, then fill in order */
    int *np = calloc((size_t)ncert + 1, sizeof(int));
    int *nu = calloc((size_t)ncert + 1, sizeof(int));
    if (np == NULL || nu == NULL) {
        free(np);
        free(nu);
        goto done;
    }
    for (int v = 0; v < g.nnode; v++)
        if (g.vnode[v] && g.cap[v] > 0)
            np[cid[uf_find(par, v)]]++;
    for (int u = 0; u < s->nunit; u++)
        if (g.vunit[u]) {
            int r = uf_find(par, g.nnode + u);
            if (cid[r] >= 0)
                nu[cid[r]]++;
        }
    long po = 0, uo = 0;
    for (int c = 0; c < ncert; c++) {
        out->cert[c].place = out->places_ + po;
        out->cert[c].unit = out->units_ + uo;
        po += np[c];
        uo += nu[c];
    }
    free(np);
    free(nu);
    for (int v = 0; v < g.nnode; v++) {
        if (!g.vnode[v] || g.cap[v] == 0)
            continue;
        struct certificate *c = &out->cert[cid[uf_find(par, v)]];
        c->place[c->nplace++] = (struct cert_place){node_kind(&g, v),
                                                    node_site(&g, v), g.cap[v]};
        c->places += g.cap[v];
    }
    for (int u = 0; u < s->nunit; u++) {
        if (!g.vunit[u])
            continue;
        int r = cid[uf_find(par, g.nnode + u)];
        if (r < 0)
            continue;
        struct certificate *c = &out->cert[r];
        c->unit[c->nunit++] = u;
        c->members += s->unit[u].nmembers;
    }
    /* a piece without a deficit proves nothing (only past an augmenting
     * walk): drop it */
    int k = 0;
    for (int c = 0; c < ncert; c++)
        if (out->cert[c].places > out->cert[c].members) {
            out->cert[k++] = out->cert[c];
            out->deficit += out->cert[k - 1].places - out->cert[k - 1].members;
        }
    out->ncert = k;
    rc = SIAGA_OK;
done:
    free(par);
    free(cid);
    graph_free(&g);
    if (rc != SIAGA_OK)
        cert_set_free(out);
    return rc;
}

void cert_set_free(struct cert_set *c)
{
    if (c == NULL)
        return;
    free(c->cert);
    free(c->places_);
    free(c->units_);
    memset(c, 0, sizeof *c);
    c->lex_worse = -1;
}

int cert_kecamatan(const struct scenario *s, const struct plan *p,
                   const struct certificate *c, int *kec)
{
    int n = 0;
    for (int i = 0; i < c->nplace; i++) {
        const struct cert_place *pl = &c->place[i];
        int k = pl->kind == CERT_LINMAS ? s->tps[pl->site].kecamatan
                                        : p->post[pl->site].kecamatan;
        int seen = 0;
        for (int j = 0; j < n && !seen; j++)
            seen = kec[j] == k;
        if (!seen)
            kec[n++] = k;
    }
    return n;
}
