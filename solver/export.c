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

/* Tier order of formats 1.4 and 1.6: sangat rawan, khusus, rawan,
 * kurang rawan. */
static const enum grade TIER[GRADE_COUNT] = {GRADE_SANGAT_RAWAN, GRADE_KHUSUS,
                                             GRADE_RAWAN, GRADE_KURANG_RAWAN};

static void weights(const struct scenario *s, struct model_weights *w)
{
    double n = s->ntps;
    w->posts = 1;
    w->linmas = n + 1;                           /* > range of posts */
    double acc = w->linmas * (s->rules.linmas_per_tps * n + 1);
    for (int i = GRADE_COUNT - 1; i >= 0; i--) { /* kurang rawan first */
        enum grade g = TIER[i];
        w->grade[g] = acc;
        /* a grade no TPS holds needs no room: without khusus TPS the
         * weights, and the exported model, stay those of version 1 */
        if (g != GRADE_KHUSUS || scenario_has_grade(s, g))
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

/* A model being built: the problem, its matrix as triplets, and the
 * rows and columns the parts share. */
struct build {
    glp_prob *P;
    const struct scenario *s;
    const struct model_weights *w;
    struct trip m;
    int *ycol;   /* [ntps] y_t: t anchors a post (fixed 1 when not clustered) */
    int *cover;  /* [ntps] cover_t: t is in exactly one post */
    int *urow;   /* [nunit] members_u, 0 for a unit without members */
    char name[96];
};

/* cover_t and y_t of every TPS, then members_u of every unit.  0, or -1
 * when out of memory. */
static int cover_rows(struct build *b)
{
    const struct scenario *s = b->s;
    for (int t = 0; t < s->ntps; t++) {
        snprintf(b->name, sizeof b->name, "cover_%d", t + 1);
        b->cover[t] = add_row(b->P, b->name, GLP_FX, 1, 1);
        const struct grade_rule *gr = &s->rules.grade[s->tps[t].grade];
        snprintf(b->name, sizeof b->name, "y_%d", t + 1);
        if (clustered(s, t)) {
            b->ycol[t] = add_col(b->P, b->name, GLP_BV, 1,
                                 b->w->grade[s->tps[t].grade] * gr->guards +
                                     b->w->posts);
        } else {
            b->ycol[t] = add_col(b->P, b->name, GLP_IV, 1, 0);
            glp_set_col_bnds(b->P, b->ycol[t], GLP_FX, 1, 1);
        }
        if (trip_add(&b->m, b->cover[t], b->ycol[t], 1))
            return -1;
    }
    for (int u = 0; u < s->nunit; u++) {
        b->urow[u] = 0;
        if (s->unit[u].nmembers == 0)
            continue;
        snprintf(b->name, sizeof b->name, "members_%d", u + 1);
        b->urow[u] = add_row(b->P, b->name, GLP_UP, 0, s->unit[u].nmembers);
    }
    return 0;
}

/* The post anchored at a: size_a, and x_at with link_at for each
 * neighbour t.  0 or -1. */
static int post_rows(struct build *b, int a)
{
    const struct scenario *s = b->s;
    const struct grade_rule *gr = &s->rules.grade[s->tps[a].grade];
    snprintf(b->name, sizeof b->name, "size_%d", a + 1);
    int cap = add_row(b->P, b->name, GLP_UP, 0, 0);
    if (trip_add(&b->m, cap, b->ycol[a], -(double)(gr->tps_per_post - 1)))
        return -1;
    for (int t = 0; t < s->ntps; t++) {
        if (!neighbours(s, a, t))
            continue;
        snprintf(b->name, sizeof b->name, "x_%d_%d", a + 1, t + 1);
        int x = add_col(b->P, b->name, GLP_BV, 1, 0);
        snprintf(b->name, sizeof b->name, "link_%d_%d", a + 1, t + 1);
        int l = add_row(b->P, b->name, GLP_UP, 0, 0);
        if (trip_add(&b->m, b->cover[t], x, 1) || trip_add(&b->m, cap, x, 1) ||
            trip_add(&b->m, l, x, 1) || trip_add(&b->m, l, b->ycol[a], -1))
            return -1;
    }
    return 0;
}

/* The guards of the post anchored at a: places_a, tni_a, z_ua for each
 * guard unit u that covers a, and desa_uat for a desa-scoped unit and a
 * neighbour t outside its desa.  0 or -1. */
static int guard_rows(struct build *b, int a)
{
    const struct scenario *s = b->s;
    const struct tps *A = &s->tps[a];
    const struct grade_rule *gr = &s->rules.grade[A->grade];
    snprintf(b->name, sizeof b->name, "places_%d", a + 1);
    int placerow = add_row(b->P, b->name, GLP_UP, 0, 0);
    snprintf(b->name, sizeof b->name, "tni_%d", a + 1);
    int tnirow = add_row(b->P, b->name, GLP_UP, 0, 0);
    if (trip_add(&b->m, placerow, b->ycol[a], -(double)gr->guards) ||
        trip_add(&b->m, tnirow, b->ycol[a], -(double)(gr->guards - gr->min_polri)))
        return -1;
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        if (!force_is_guard(un->force) || un->nmembers == 0 ||
            !scenario_unit_covers(s, u, a))
            continue;
        snprintf(b->name, sizeof b->name, "z_%d_%d", u + 1, a + 1);
        int z = add_col(b->P, b->name, GLP_IV, gr->guards, -b->w->grade[A->grade]);
        if (trip_add(&b->m, b->urow[u], z, 1) || trip_add(&b->m, placerow, z, 1))
            return -1;
        if (un->force == FORCE_TNI && trip_add(&b->m, tnirow, z, 1))
            return -1;
        if (un->scope != SCOPE_DESA || !clustered(s, a))
            continue;
        for (int t = 0; t < s->ntps; t++) {
            if (!neighbours(s, a, t) || s->tps[t].desa == un->region)
                continue;
            /* z_ua + G x_at <= G; x_at is the column post_rows named */
            snprintf(b->name, sizeof b->name, "x_%d_%d", a + 1, t + 1);
            int x = glp_find_col(b->P, b->name);
            snprintf(b->name, sizeof b->name, "desa_%d_%d_%d", u + 1, a + 1, t + 1);
            int r = add_row(b->P, b->name, GLP_UP, 0, gr->guards);
            if (trip_add(&b->m, r, z, 1) || trip_add(&b->m, r, x, gr->guards))
                return -1;
        }
    }
    return 0;
}

/* linmas_t and w_ut for each Linmas unit u that covers t.  0 or -1. */
static int linmas_rows(struct build *b)
{
    const struct scenario *s = b->s;
    for (int t = 0; t < s->ntps && s->rules.linmas_per_tps > 0; t++) {
        snprintf(b->name, sizeof b->name, "linmas_%d", t + 1);
        int r = add_row(b->P, b->name, GLP_UP, 0, s->rules.linmas_per_tps);
        for (int u = 0; u < s->nunit; u++) {
            if (s->unit[u].force != FORCE_LINMAS || s->unit[u].nmembers == 0 ||
                !scenario_unit_covers(s, u, t))
                continue;
            snprintf(b->name, sizeof b->name, "w_%d_%d", u + 1, t + 1);
            int c = add_col(b->P, b->name, GLP_IV, s->rules.linmas_per_tps,
                            -b->w->linmas);
            if (trip_add(&b->m, r, c, 1) || trip_add(&b->m, b->urow[u], c, 1))
                return -1;
        }
    }
    return 0;
}

/*
 * The model in free MPS, written here rather than by glp_write_mps, which
 * serves fixed MPS too and so prints every number in at most 12
 * characters: the weights of the single objective (export.h) have more
 * digits ("-142895340225" came out "-142895300000"), and the file was a
 * different problem from the LP file.  Numbers are written with 17
 * significant digits, so they read back bit for bit.  The NAME line says
 * FREE: without it the readers of the COIN-OR family (CBC, Clp) take the
 * file for fixed MPS and misread its BOUNDS (CoinMpsIO's convention; GLPK's
 * reader ignores the word).  Integer columns are marked (MARKER
 * INTORG/INTEND) and given both bounds, since some readers default an
 * integer column's upper bound to 1.  The model has no constant term
 * (export.h: offset).  SIAGA_OK, SIAGA_ENOMEM or SIAGA_EIO.
 */
static int write_free_mps(glp_prob *P, const char *path)
{
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P), rc = SIAGA_ENOMEM;
    int *ind = malloc(sizeof(int) * (size_t)(m + 1));
    double *val = malloc(sizeof(double) * (size_t)(m + 1));
    FILE *f = NULL;
    if (!ind || !val)
        goto done;
    rc = SIAGA_EIO;
    if ((f = fopen(path, "w")) == NULL)
        goto done;
    fprintf(f, "* siaga: the whole planning problem (solver/export.h), free MPS\n"
            "NAME siaga FREE\nROWS\n N %s\n", glp_get_obj_name(P));
    static const char *const SENSE[] = {[GLP_FR] = "N", [GLP_LO] = "G", [GLP_UP] = "L",
                                        [GLP_DB] = "G", [GLP_FX] = "E"};
    for (int i = 1; i <= m; i++)
        fprintf(f, " %s %s\n", SENSE[glp_get_row_type(P, i)], glp_get_row_name(P, i));
    fputs("COLUMNS\n", f);
    int in_int = 0;
    for (int j = 1; j <= n; j++) {
        int is_int = glp_get_col_kind(P, j) != GLP_CV;
        if (is_int != in_int)
            fprintf(f, " MARKER 'MARKER' '%s'\n", is_int ? "INTORG" : "INTEND");
        in_int = is_int;
        const char *name = glp_get_col_name(P, j);
        double c = glp_get_obj_coef(P, j);
        if (c != 0)
            fprintf(f, " %s %s %.17g\n", name, glp_get_obj_name(P), c);
        int len = glp_get_mat_col(P, j, ind, val);
        for (int k = 1; k <= len; k++)
            fprintf(f, " %s %s %.17g\n", name, glp_get_row_name(P, ind[k]), val[k]);
        if (c == 0 && len == 0)    /* a column must appear to exist */
            fprintf(f, " %s %s 0\n", name, glp_get_obj_name(P));
    }
    if (in_int)
        fputs(" MARKER 'MARKER' 'INTEND'\n", f);
    fputs("RHS\n", f);
    for (int i = 1; i <= m; i++) {
        int t = glp_get_row_type(P, i);
        double v = t == GLP_UP ? glp_get_row_ub(P, i) : glp_get_row_lb(P, i);
        if (t != GLP_FR && v != 0)
            fprintf(f, " RHS %s %.17g\n", glp_get_row_name(P, i), v);
    }
    fputs("RANGES\n", f);
    for (int i = 1; i <= m; i++)
        if (glp_get_row_type(P, i) == GLP_DB)
            fprintf(f, " RNG %s %.17g\n", glp_get_row_name(P, i),
                    glp_get_row_ub(P, i) - glp_get_row_lb(P, i));
    fputs("BOUNDS\n", f);
    for (int j = 1; j <= n; j++) {
        const char *name = glp_get_col_name(P, j);
        int t = glp_get_col_type(P, j);
        double lb = glp_get_col_lb(P, j), ub = glp_get_col_ub(P, j);
        int is_int = glp_get_col_kind(P, j) != GLP_CV;
        if (t == GLP_FX) {
            fprintf(f, " FX BND %s %.17g\n", name, lb);
            continue;
        }
        if (t == GLP_FR || t == GLP_UP)
            fprintf(f, " MI BND %s\n", name);
        else if (lb != 0 || is_int)
            fprintf(f, " LO BND %s %.17g\n", name, lb);
        if (t == GLP_UP || t == GLP_DB)
            fprintf(f, " UP BND %s %.17g\n", name, ub);
        else if (is_int)
            fprintf(f, " PL BND %s\n", name);
    }
    fputs("ENDATA\n", f);
    rc = ferror(f) ? SIAGA_EIO : SIAGA_OK;
done:
    if (f != NULL && fclose(f) != 0)
        rc = SIAGA_EIO;
    free(ind);
    free(val);
    return rc;
}

int solver_export_model(const struct scenario *s, const char *path,
                        enum model_format fmt, struct model_weights *w,
                        struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    int n = s->ntps, U = s->nunit;
    struct build b = {.s = s, .w = w};
    b.ycol = malloc(sizeof(int) * (size_t)(n + 1));
    b.cover = malloc(sizeof(int) * (size_t)(n + 1));
    b.urow = malloc(sizeof(int) * (size_t)(U + 1));
    if (!b.ycol || !b.cover || !b.urow)
        goto done;
    weights(s, w);

    struct glpk_guard g;
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        rc = SIAGA_ESOLVER;
        goto done;
    }
    glp_prob *P = glp_create_prob();
    b.P = P;
    glp_set_prob_name(P, "siaga");
    glp_create_index(P);
    glp_set_obj_name(P, "lexicographic");
    glp_set_obj_dir(P, GLP_MIN);
    if (cover_rows(&b) != 0)
        goto nomem;
    for (int a = 0; a < n; a++)
        if ((clustered(s, a) && post_rows(&b, a) != 0) || guard_rows(&b, a) != 0)
            goto nomem;
    if (linmas_rows(&b) != 0)
        goto nomem;
    glp_load_matrix(P, b.m.n, b.m.i, b.m.j, b.m.v);
    int wr = fmt == MODEL_LP ? (glp_write_lp(P, NULL, path) == 0 ? SIAGA_OK : SIAGA_EIO)
                             : write_free_mps(P, path);
    glp_delete_prob(P);
    glpk_guard_end(&g);
    if (wr == SIAGA_ENOMEM) {
        rc = wr;
        goto done;
    }
    if (wr != SIAGA_OK) {
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
    free(b.m.i);
    free(b.m.j);
    free(b.m.v);
    free(b.ycol);
    free(b.cover);
    free(b.urow);
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
