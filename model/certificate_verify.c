/*
 * certificate_verify.c - `siaga check --certificates`: shortage
 * certificates (formats.md 6) checked against a roster and its scenario,
 * trusting neither the planner nor the file (certificate.h).
 *
 * Every post row names a post of the roster (by id), every TPS row a TPS
 * of the scenario, every unit row a unit with exactly its number of
 * members in the scenario.  The places a certificate lists are at most
 * what the post or TPS has of that kind, counted over all certificates
 * (so places of different certificates are disjoint: the places of one
 * kind at one post are interchangeable).  Every unit with a member able
 * to fill a listed place (force and scope, formats 1.2-1.3, against
 * every TPS of the post) must be listed in that certificate, and a unit
 * in at most one.  Then each deficit (places minus members) is a proven
 * number of empty places among its places (certificate.c), and the
 * deficits must add up to the roster's empty places as the audit
 * recounts them.
 *
 * What the check adds by itself, on a roster that breaks no rule:
 *  - the exchange test of certificate.c on the roster's own fill: whether
 *    a chain of moves would fill a place of a higher grade by emptying
 *    one of a lower grade (then the fill is not lexicographic, formats
 *    1.4 item 1);
 *  - whether its posts are fewest by the bound of post_why.h (components
 *    of TPS within the radius, ceil(n / tps_per_post) each).  When every kecamatan and grade is at that bound, and no guard unit
 *    serves a single desa of a kecamatan with patrol clusters, all posts
 *    of one kecamatan and grade have the same eligible units, so a plan
 *    with other posts has at least as many places of each kind for the
 *    same units, and at least as many empty places in every prefix of the
 *    grades.  Valid certificates, the exchange test and fewest posts then
 *    prove items 1 to 3 of formats 1.4 with no solver (Linmas places do
 *    not depend on the posts).
 *
 * Where formats.md is silent: certificates are told apart by their
 * number alone (rows of one need not be adjacent, numbers need not run
 * 1, 2, ...); a unit listed that could fill none of its places only
 * weakens a certificate and is accepted; the messages are in Bahasa
 * Indonesia, each at the line of the row it is about.
 */
#include "model/certificate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"
#include "model/certificate_int.h"
#include "model/error.h"
#include "model/grow.h"
#include "model/post_why.h"
#include "model/strmap.h"

void raw_certs_destroy(struct raw_certs *c)
{
    if (c == NULL)
        return;
    free(c->row);
    arena_destroy(c->arena);
    free(c);
}

struct vctx {
    const struct scenario *s;
    const struct raw_roster *r;
    const struct raw_certs *c;
    struct cert_verdict *v;
    struct by_scope by;
    int nomem;
    /* roster posts, resolved */
    int *ptps, *poff;          /* known TPS of raw post i: ptps[poff[i]..poff[i+1]) */
    struct strmap *post_ids;
    /* certificates */
    long *num; int ncert;      /* distinct numbers, ascending */
    long *places, *members, *first_line;
    int *unit_cert; long *unit_line;
    long *node_used;           /* [2 * npost + ntps] */
    int *stamp;                /* per unit: 1 + the certificate a missing
                                  unit was last reported for */
    /* the place row being completed */
    int cur; long cur_line; const char *cur_what;
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void F(struct vctx *x, long line, const char *fmt, ...)
{
    struct cert_verdict *v = x->v;
    if (model_grow((void **)&v->finding, v->nfinding, &v->cap_finding,
                   sizeof *v->finding) != 0) {
        x->nomem = 1;
        return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *m = arena_strdup(v->arena, buf);
    if (m == NULL) {
        x->nomem = 1;
        return;
    }
    v->finding[v->nfinding++] = (struct cert_finding){line, m};
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int cert_index(const struct vctx *x, long bukti)
{
    const long *p = bsearch(&bukti, x->num, (size_t)x->ncert, sizeof *x->num,
                            cmp_long);
    return p != NULL ? (int)(p - x->num) : -1;
}

static const char *force_word(enum force f)
{
    static const char *const W[] = {"Polri", "TNI", "Linmas"};
    return (unsigned)f < FORCE_COUNT ? W[f] : "?";
}

/* A unit eligible at the place row being completed must be listed in
 * its certificate. */
static int need_listed(void *ctx, int u)
{
    struct vctx *x = ctx;
    const struct unit *un = &x->s->unit[u];
    if (x->unit_cert[u] == x->cur || x->stamp[u] == x->cur + 1)
        return 0;
    x->stamp[u] = x->cur + 1;
    F(x, x->cur_line,
      "satuan %s (%s, %d anggota) dapat mengisi %s, tetapi tidak tercantum "
      "di bukti %ld", un->id, force_word(un->force), un->nmembers,
      x->cur_what, x->num[x->cur]);
    return 0;
}

/* Resolve the roster's posts: their known TPS, and ids to indices. */
static int resolve_posts(struct vctx *x)
{
    const struct raw_roster *r = x->r;
    x->poff = calloc((size_t)r->npost + 1, sizeof(int));
    x->ptps = malloc(sizeof(int) * ((size_t)r->ntps + 1));
    x->post_ids = strmap_create();
    if (x->poff == NULL || x->ptps == NULL || x->post_ids == NULL)
        return -1;
    int n = 0;
    for (int p = 0; p < r->npost; p++) {
        const struct raw_post *rp = &r->post[p];
        for (int i = 0; i < rp->ntps; i++) {
            const char *id = r->tps[rp->first_tps + i].id;
            int t = id != NULL ? scenario_find_tps(x->s, id) : -1;
            if (t >= 0)
                x->ptps[n++] = t;
        }
        x->poff[p + 1] = n;
        int old;
        if (rp->id != NULL && strmap_put(x->post_ids, rp->id, p, &old) < 0)
            return -1;
    }
    return 0;
}

/* Numbers of the certificates, their tallies, and the rows one by one. */
static int read_rows(struct vctx *x)
{
    const struct scenario *s = x->s;
    const struct raw_certs *c = x->c;
    int npost = x->r->npost;
    x->num = malloc(sizeof(long) * ((size_t)c->nrow + 1));
    if (x->num == NULL)
        return -1;
    for (int i = 0; i < c->nrow; i++)
        x->num[i] = c->row[i].bukti;
    qsort(x->num, (size_t)c->nrow, sizeof(long), cmp_long);
    for (int i = 0; i < c->nrow; i++)
        if (x->ncert == 0 || x->num[x->ncert - 1] != x->num[i])
            x->num[x->ncert++] = x->num[i];
    size_t nc = (size_t)x->ncert + 1, nu = (size_t)s->nunit + 1;
    x->places = calloc(nc, sizeof(long));
    x->members = calloc(nc, sizeof(long));
    x->first_line = calloc(nc, sizeof(long));
    x->unit_cert = malloc(sizeof(int) * nu);
    x->unit_line = calloc(nu, sizeof(long));
    x->stamp = calloc(nu, sizeof(int));
    x->node_used = calloc((size_t)(2 * npost + s->ntps) + 1, sizeof(long));
    if (!x->places || !x->members || !x->first_line || !x->unit_cert ||
        !x->unit_line || !x->stamp || !x->node_used)
        return -1;
    for (int u = 0; u < s->nunit; u++)
        x->unit_cert[u] = -1;
    char code[16];
    for (int i = 0; i < c->nrow && !x->nomem; i++) {
        const struct raw_cert_row *row = &c->row[i];
        int k = cert_index(x, row->bukti);
        if (x->first_line[k] == 0)
            x->first_line[k] = row->line;
        if (row->jenis == CERT_ROW_UNIT) {
            int u = scenario_find_unit(s, row->id);
            if (u < 0) {
                F(x, row->line, "satuan \"%s\" tidak ada dalam skenario", row->id);
                continue;
            }
            if (row->jumlah != s->unit[u].nmembers)
                F(x, row->line, "satuan %s punya %d anggota dalam skenario, "
                  "bukan %ld", s->unit[u].id, s->unit[u].nmembers, row->jumlah);
            if (x->unit_cert[u] >= 0) {
                F(x, row->line, "satuan %s sudah tercantum di bukti %ld "
                  "(baris %ld): bukti harus saling lepas", s->unit[u].id,
                  x->num[x->unit_cert[u]], x->unit_line[u]);
                continue;
            }
            x->unit_cert[u] = k;
            x->unit_line[u] = row->line;
            x->members[k] += s->unit[u].nmembers;
            continue;
        }
        int node, cap;
        if (row->jenis == CERT_ROW_POST) {
            int p = strmap_get(x->post_ids, row->id);
            if (p < 0 || x->poff[p + 1] == x->poff[p]) {
                F(x, row->line, "pos \"%s\" tidak ada dalam roster", row->id);
                continue;
            }
            const struct grade_rule *gr =
                &s->rules.grade[s->tps[x->ptps[x->poff[p]]].grade];
            node = 2 * p + (row->kind == CERT_JAGA);
            cap = row->kind == CERT_JAGA ? gr->guards - gr->min_polri
                                         : gr->min_polri;
        } else {
            int t = scenario_find_tps(s, row->id);
            if (t < 0) {
                F(x, row->line, "TPS \"%s\" tidak ada dalam skenario", row->id);
                continue;
            }
            node = 2 * npost + t;
            cap = s->rules.linmas_per_tps;
        }
        x->node_used[node] += row->jumlah;
        if (x->node_used[node] > cap) {
            F(x, row->line, "%s %s hanya punya %d tempat %s, bukti mencantumkan "
              "%ld", row->jenis == CERT_ROW_POST ? "pos" : "TPS",
              row->jenis == CERT_ROW_POST ? row->id
                  : scenario_tps_code(s, node - 2 * npost, code),
              cap, cert_kind_name(row->kind), x->node_used[node]);
            continue;
        }
        x->places[k] += row->jumlah;
    }
    return x->nomem ? -1 : 0;
}

/* Every unit able to fill a listed place is listed with it. */
static void complete(struct vctx *x)
{
    const struct scenario *s = x->s;
    const struct raw_certs *c = x->c;
    char what[160], code[16];
    for (int i = 0; i < c->nrow && !x->nomem; i++) {
        const struct raw_cert_row *row = &c->row[i];
        const int *tps;
        int n, t;
        if (row->jenis == CERT_ROW_UNIT)
            continue;
        if (row->jenis == CERT_ROW_POST) {
            int p = strmap_get(x->post_ids, row->id);
            if (p < 0 || x->poff[p + 1] == x->poff[p])
                continue;
            tps = x->ptps + x->poff[p];
            n = x->poff[p + 1] - x->poff[p];
            snprintf(what, sizeof what, "tempat %s di pos %s",
                     cert_kind_name(row->kind), row->id);
        } else {
            t = scenario_find_tps(s, row->id);
            if (t < 0)
                continue;
            tps = &t;
            n = 1;
            snprintf(what, sizeof what, "tempat Linmas di TPS %s",
                     scenario_tps_code(s, t, code));
        }
        x->cur = cert_index(x, row->bukti);
        x->cur_line = row->line;
        x->cur_what = what;
        cert_each_eligible(s, &x->by, row->kind, tps, n, need_listed, x);
    }
}

/* The roster as a plan (posts with known TPS, guards and Linmas that are
 * known members), for the exchange test.  Only for a roster that breaks
 * no rule, so every TPS, member and force is right.  0 or -1. */
static int roster_plan(struct vctx *x, struct plan *p)
{
    const struct scenario *s = x->s;
    const struct raw_roster *r = x->r;
    memset(p, 0, sizeof *p);
    p->post = calloc((size_t)r->npost + 1, sizeof *p->post);
    p->guard = malloc(sizeof(int) * ((size_t)r->nguard + 1));
    p->linmas = malloc(sizeof *p->linmas * ((size_t)r->nlinmas + 1));
    if (p->post == NULL || p->guard == NULL || p->linmas == NULL)
        return -1;
    for (int i = 0; i < r->npost; i++) {
        const struct raw_post *rp = &r->post[i];
        int n = x->poff[i + 1] - x->poff[i];
        if (n == 0 || n > MAX_TPS_PER_POST)
            continue;
        struct post *po = &p->post[p->npost++];
        memcpy(po->tps, x->ptps + x->poff[i], sizeof(int) * (size_t)n);
        po->ntps = n;
        po->grade = s->tps[po->tps[0]].grade;
        po->kecamatan = s->tps[po->tps[0]].kecamatan;
        po->required = s->rules.grade[po->grade].guards;
        po->first_guard = p->nguard;
        for (int g = 0; g < rp->nguards; g++) {
            const char *id = r->guard[rp->first_guard + g].member;
            int m = id != NULL ? scenario_find_member(s, id) : -1;
            if (m >= 0)
                p->guard[p->nguard++] = m;
        }
        po->nguards = p->nguard - po->first_guard;
    }
    for (int i = 0; i < r->nlinmas; i++) {
        const struct raw_linmas *l = &r->linmas[i];
        int t = l->tps != NULL ? scenario_find_tps(s, l->tps) : -1;
        int m = l->member != NULL ? scenario_find_member(s, l->member) : -1;
        if (t >= 0 && m >= 0)
            p->linmas[p->nlinmas++] = (struct linmas_place){t, m};
    }
    return 0;
}

/* The audit's own lower bound on posts (post_why.h) into v, and whether
 * a desa-scoped guard unit serves a kecamatan with patrol clusters. */
static int posts_bound(struct vctx *x)
{
    const struct scenario *s = x->s;
    struct cert_verdict *v = x->v;
    struct post_why w;
    unsigned char *clustered = calloc((size_t)s->nkec + 1, 1);
    if (clustered == NULL || post_why_build(s, &w) != SIAGA_OK) {
        free(clustered);
        return -1;
    }
    for (int t = 0; t < s->ntps; t++)
        if (s->rules.grade[s->tps[t].grade].tps_per_post > 1)
            clustered[s->tps[t].kecamatan] = 1;
    long posts = 0;
    for (int i = 0; i < x->r->npost; i++)
        posts += x->poff[i + 1] > x->poff[i];
    v->posts = posts;
    v->posts_bound = w.posts_bound;
    v->posts_fewest = posts == w.posts_bound;
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        if (un->scope == SCOPE_DESA && force_is_guard(un->force) &&
            clustered[s->desa[un->region].kecamatan])
            v->desa_guards = true;
    }
    post_why_free(&w);
    free(clustered);
    return 0;
}

static void vctx_free(struct vctx *x)
{
    cert_by_scope_free(&x->by);
    free(x->ptps);
    free(x->poff);
    strmap_destroy(x->post_ids);
    free(x->num);
    free(x->places);
    free(x->members);
    free(x->first_line);
    free(x->unit_cert);
    free(x->unit_line);
    free(x->node_used);
    free(x->stamp);
}

/* Findings by line, those of one line in the order found (insertion
 * sort: stable, and they are few and nearly sorted). */
static void sort_findings(struct cert_verdict *v)
{
    for (int i = 1; i < v->nfinding; i++) {
        struct cert_finding f = v->finding[i];
        int j = i - 1;
        while (j >= 0 && v->finding[j].line > f.line) {
            v->finding[j + 1] = v->finding[j];
            j--;
        }
        v->finding[j + 1] = f;
    }
}

int cert_verify(const struct scenario *s, const struct raw_roster *r,
                const struct raw_certs *c, long empty_guard,
                long empty_linmas, bool roster_clean, struct cert_verdict *v)
{
    int rc = SIAGA_ENOMEM;
    struct vctx x;
    memset(&x, 0, sizeof x);
    memset(v, 0, sizeof *v);
    v->lex_worse = -1;
    x.s = s;
    x.r = r;
    x.c = c;
    x.v = v;
    struct plan rp;
    memset(&rp, 0, sizeof rp);
    struct cert_set own;
    memset(&own, 0, sizeof own);
    v->arena = arena_create();
    if (v->arena == NULL || cert_by_scope_build(s, &x.by) != 0 ||
        resolve_posts(&x) != 0 || read_rows(&x) != 0)
        goto done;
    complete(&x);
    if (x.nomem)
        goto done;
    v->ncert = x.ncert;
    v->empty = empty_guard + empty_linmas;
    for (int k = 0; k < x.ncert; k++) {
        long d = x.places[k] - x.members[k];
        if (d < 1)
            F(&x, x.first_line[k], "bukti %ld: %ld tempat, padahal satuan yang "
              "tercantum punya %ld anggota: tidak ada kekurangan", x.num[k],
              x.places[k], x.members[k]);
        else
            v->deficit += d;
    }
    if (v->nfinding == 0 && v->deficit != v->empty)
        F(&x, c->nrow > 0 ? c->row[0].line : 1,
          "kekurangan semua bukti berjumlah %ld, padahal roster mengosongkan "
          "%ld tempat (%ld tempat pengamanan, %ld tempat Linmas)", v->deficit,
          v->empty, empty_guard, empty_linmas);
    if (x.nomem)
        goto done;
    sort_findings(v);
    v->valid = v->nfinding == 0;
    v->lex_ok = false;
    if (roster_clean) {
        if (roster_plan(&x, &rp) != 0 || cert_extract(s, &rp, &own) != SIAGA_OK ||
            posts_bound(&x) != 0)
            goto done;
        v->lex_worse = own.lex_worse;
        v->lex_ok = own.lex_worse < 0 && !own.augmenting;
    }
    rc = SIAGA_OK;
done:
    cert_set_free(&own);
    free(rp.post);
    free(rp.guard);
    free(rp.linmas);
    vctx_free(&x);
    if (rc != SIAGA_OK)
        cert_verdict_free(v);
    return rc;
}

void cert_verdict_free(struct cert_verdict *v)
{
    if (v == NULL)
        return;
    free(v->finding);
    arena_destroy(v->arena);
    memset(v, 0, sizeof *v);
    v->lex_worse = -1;
}
