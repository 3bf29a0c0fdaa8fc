/*
 * export.c - the monolithic MIP of export.h.
 *
 *   y_a   in {0,1}  TPS a anchors a post (clustered grades; 1 otherwise)
 *   x_at  in {0,1}  TPS t joins the post anchored at a (t within radius
 *                   of a, same kecamatan and grade)
 *   z_ua  >= 0 int  members of guard unit u at the post anchored at a
 *   w_ut  >= 0 int  Linmas members of unit u at TPS t
 *
 *   y_t + sum_a x_at = 1                      every TPS in one post
 *   x_at <= y_a;  sum_t x_at <= (c-1) y_a     size of a post
 *   sum_u z_ua <= G y_a;  sum_{u TNI} z_ua <= (G - P) y_a
 *   z_ua <= G (1 - x_at)  for u scoped to a desa, t outside it
 *   sum_a z_ua <= members(u);  sum_t w_ut <= members(u)
 *   sum_u w_ut <= L
 *
 * A unit may take z_ua when its scope holds a; with the desa rows above,
 * that is exactly "its scope holds every TPS of the post".
 */
#include "solver/export.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/geo.h"
#include "solver/glpk_util.h"

/* Tier order of formats 1.4: sangat rawan, rawan, kurang rawan. */
static const enum grade TIER[GRADE_COUNT] = {GRADE_SANGAT_RAWAN, GRADE_RAWAN,
                                             GRADE_KURANG_RAWAN};

static void weights(const struct scenario *s, struct model_weights *w)
{
    double n = s->ntps;
    w->posts = 1;
    w->linmas = n + 1;                           /* > range of posts */
    double acc = w->linmas * (s->rules.linmas_per_tps * n + 1);
    for (int i = GRADE_COUNT - 1; i >= 0; i--) { /* kurang rawan first */
        enum grade g = TIER[i];
        w->grade[g] = acc;
        acc *= s->rules.grade[g].guards * n + 1;
    }
}

static double offset(const struct scenario *s, const struct model_weights *w)
{
    double off = w->linmas * s->rules.linmas_per_tps * (double)s->ntps;
    for (int t = 0; t < s->ntps; t++) {
        const struct grade_rule *gr = &s->rules.grade[s->tps[t].grade];
        if (gr->tps_per_post == 1)
            off += w->grade[s->tps[t].grade] * gr->guards + w->posts;
    }
    return off;
}

double model_objective(const struct scenario *s, const struct model_weights *w,
                       const struct plan *p)
{
    double v = w->linmas * (double)p->obj.empty_linmas +
               w->posts * (double)p->obj.posts;
    for (int g = 0; g < GRADE_COUNT; g++)
        v += w->grade[g] * (double)p->obj.empty_guard[g];
    return v - offset(s, w);
}

static bool clustered(const struct scenario *s, int t)
{
    return s->rules.grade[s->tps[t].grade].tps_per_post > 1;
}

static bool neighbours(const struct scenario *s, int a, int t)
{
    const struct tps *A = &s->tps[a], *T = &s->tps[t];
    if (a == t || A->kecamatan != T->kecamatan || A->grade != T->grade ||
        !clustered(s, a))
        return false;
    double d = geo_distance_km(A->lat, A->lon, T->lat, T->lon);
    return geo_within(d, s->rules.grade[A->grade].radius_km);
}

/* Growable triplets for glp_load_matrix. */
struct trip { int *i, *j; double *v; int n, cap; };

static int trip_add(struct trip *m, int i, int j, double v)
{
    if (m->n + 1 >= m->cap) {
        int nc = m->cap ? 2 * m->cap : 4096;
        int *a = realloc(m->i, sizeof(int) * (size_t)nc);
        if (a) m->i = a;
        int *b = realloc(m->j, sizeof(int) * (size_t)nc);
        if (b) m->j = b;
        double *c = realloc(m->v, sizeof(double) * (size_t)nc);
        if (c) m->v = c;
        if (!a || !b || !c)
            return -1;
        m->cap = nc;
    }
    m->n++;
    m->i[m->n] = i;
    m->j[m->n] = j;
    m->v[m->n] = v;
    return 0;
}

static int add_col(glp_prob *P, const char *name, int kind, double ub,
                   double obj)
{
    int j = glp_add_cols(P, 1);
    glp_set_col_name(P, j, name);
    glp_set_col_kind(P, j, kind);
    if (kind != GLP_BV)
        glp_set_col_bnds(P, j, ub > 0 ? GLP_DB : GLP_FX, 0, ub > 0 ? ub : 0);
    glp_set_obj_coef(P, j, obj);
    return j;
}

static int add_row(glp_prob *P, const char *name, int type, double lb, double ub)
{
    int i = glp_add_rows(P, 1);
    glp_set_row_name(P, i, name);
    glp_set_row_bnds(P, i, type, lb, ub);
    return i;
}

int solver_export_model(const struct scenario *s, const char *path,
                        enum model_format fmt, struct model_weights *w,
                        struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    int n = s->ntps, U = s->nunit;
    struct trip m = {0};
    int *ycol = malloc(sizeof(int) * (size_t)(n + 1));
    int *cover = malloc(sizeof(int) * (size_t)(n + 1));
    int *urow = malloc(sizeof(int) * (size_t)(U + 1));
    if (!ycol || !cover || !urow)
        goto done;
    weights(s, w);
    char name[96];

    struct glpk_guard g;
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        rc = SIAGA_ESOLVER;
        goto done;
    }
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "siaga");
    glp_create_index(P);
    glp_set_obj_name(P, "lexicographic");
    glp_set_obj_dir(P, GLP_MIN);
    for (int t = 0; t < n; t++) {
        snprintf(name, sizeof name, "cover_%d", t + 1);
        cover[t] = add_row(P, name, GLP_FX, 1, 1);
        const struct grade_rule *gr = &s->rules.grade[s->tps[t].grade];
        snprintf(name, sizeof name, "y_%d", t + 1);
        if (clustered(s, t)) {
            ycol[t] = add_col(P, name, GLP_BV, 1,
                              w->grade[s->tps[t].grade] * gr->guards + w->posts);
        } else {
            ycol[t] = add_col(P, name, GLP_IV, 1, 0);
            glp_set_col_bnds(P, ycol[t], GLP_FX, 1, 1);
        }
        if (trip_add(&m, cover[t], ycol[t], 1))
            goto nomem;
    }
    for (int u = 0; u < U; u++) {
        urow[u] = 0;
        if (s->unit[u].nmembers == 0)
            continue;
        snprintf(name, sizeof name, "members_%d", u + 1);
        urow[u] = add_row(P, name, GLP_UP, 0, s->unit[u].nmembers);
    }
    for (int a = 0; a < n; a++) {
        const struct tps *A = &s->tps[a];
        const struct grade_rule *gr = &s->rules.grade[A->grade];
        int cap = 0, placerow, tnirow;
        if (clustered(s, a)) {
            snprintf(name, sizeof name, "size_%d", a + 1);
            cap = add_row(P, name, GLP_UP, 0, 0);
            if (trip_add(&m, cap, ycol[a], -(double)(gr->tps_per_post - 1)))
                goto nomem;
            for (int t = 0; t < n; t++) {
                if (!neighbours(s, a, t))
                    continue;
                snprintf(name, sizeof name, "x_%d_%d", a + 1, t + 1);
                int x = add_col(P, name, GLP_BV, 1, 0);
                snprintf(name, sizeof name, "link_%d_%d", a + 1, t + 1);
                int l = add_row(P, name, GLP_UP, 0, 0);
                if (trip_add(&m, cover[t], x, 1) || trip_add(&m, cap, x, 1) ||
                    trip_add(&m, l, x, 1) || trip_add(&m, l, ycol[a], -1))
                    goto nomem;
            }
        }
        snprintf(name, sizeof name, "places_%d", a + 1);
        placerow = add_row(P, name, GLP_UP, 0, 0);
        snprintf(name, sizeof name, "tni_%d", a + 1);
        tnirow = add_row(P, name, GLP_UP, 0, 0);
        if (trip_add(&m, placerow, ycol[a], -(double)gr->guards) ||
            trip_add(&m, tnirow, ycol[a], -(double)(gr->guards - gr->min_polri)))
            goto nomem;
        for (int u = 0; u < U; u++) {
            const struct unit *un = &s->unit[u];
            if (!force_is_guard(un->force) || un->nmembers == 0 ||
                !scenario_unit_covers(s, u, a))
                continue;
            snprintf(name, sizeof name, "z_%d_%d", u + 1, a + 1);
            int z = add_col(P, name, GLP_IV, gr->guards, -w->grade[A->grade]);
            if (trip_add(&m, urow[u], z, 1) || trip_add(&m, placerow, z, 1))
                goto nomem;
            if (un->force == FORCE_TNI && trip_add(&m, tnirow, z, 1))
                goto nomem;
            if (un->scope != SCOPE_DESA || !clustered(s, a))
                continue;
            for (int t = 0; t < n; t++) {
                if (!neighbours(s, a, t) || s->tps[t].desa == un->region)
                    continue;
                /* z_ua + G x_at <= G; x_at is the column named above */
                snprintf(name, sizeof name, "x_%d_%d", a + 1, t + 1);
                int x = glp_find_col(P, name);
                snprintf(name, sizeof name, "desa_%d_%d_%d", u + 1, a + 1, t + 1);
                int r = add_row(P, name, GLP_UP, 0, gr->guards);
                if (trip_add(&m, r, z, 1) || trip_add(&m, r, x, gr->guards))
                    goto nomem;
            }
        }
    }
    /* Linmas */
    for (int t = 0; t < n && s->rules.linmas_per_tps > 0; t++) {
        snprintf(name, sizeof name, "linmas_%d", t + 1);
        int r = add_row(P, name, GLP_UP, 0, s->rules.linmas_per_tps);
        for (int u = 0; u < U; u++) {
            if (s->unit[u].force != FORCE_LINMAS || s->unit[u].nmembers == 0 ||
                !scenario_unit_covers(s, u, t))
                continue;
            snprintf(name, sizeof name, "w_%d_%d", u + 1, t + 1);
            int c = add_col(P, name, GLP_IV, s->rules.linmas_per_tps, -w->linmas);
            if (trip_add(&m, r, c, 1) || trip_add(&m, urow[u], c, 1))
                goto nomem;
        }
    }
    glp_load_matrix(P, m.n, m.i, m.j, m.v);
    int wr = fmt == MODEL_LP ? glp_write_lp(P, NULL, path)
                             : glp_write_mps(P, GLP_MPS_FILE, NULL, path);
    glp_delete_prob(P);
    glpk_guard_end(&g);
    if (wr != 0) {
        error_add(errs, path, 0, "cannot write the model");
        rc = SIAGA_EIO;
        goto done;
    }
    rc = SIAGA_OK;
    goto done;
nomem:
    glp_delete_prob(P);
    glpk_guard_end(&g);
    rc = SIAGA_ENOMEM;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while building the model");
    free(m.i);
    free(m.j);
    free(m.v);
    free(ycol);
    free(cover);
    free(urow);
    return rc;
}

int solver_solve_model_file(const char *path, enum model_format fmt,
                            double seconds, double *obj)
{
    struct glpk_guard g;
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        return SIAGA_ESOLVER;
    }
    int rc = SIAGA_ESOLVER;
    glp_prob *P = glp_create_prob();
    int rd = fmt == MODEL_LP ? glp_read_lp(P, NULL, path)
                             : glp_read_mps(P, GLP_MPS_FILE, NULL, path);
    if (rd == 0) {
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = GLP_MSG_OFF;
        ip.presolve = GLP_ON;
        ip.mip_gap = 0;
        ip.tm_lim = seconds > 0 ? (int)(seconds * 1000) : INT_MAX;
        if (glp_intopt(P, &ip) == 0 && glp_mip_status(P) == GLP_OPT) {
            *obj = glp_mip_obj_val(P);
            rc = SIAGA_OK;
        }
    }
    glp_delete_prob(P);
    glpk_guard_end(&g);
    return rc;
}
