/*
 * shifts.c - shift rosters over the timeline, solved with GLPK.
 *
 * Time.  Each place's window is cut into a fixed shift grid (pieces,
 * model/timeline.c): a piece is one shift slot with `required` places,
 * e.g. a PPK guarded around the clock is 00-08, 08-16, 16-24 each day.
 * A member either works a whole piece or not.  Times are whole minutes,
 * so rest and travel are exact, not rounded to slots.
 *
 * Rest and travel.  A member rests at the unit's base: between two
 * shifts they go back to base (travel), rest at least min_rest, and go
 * out to the next place.  So shift s of a member of unit u occupies the
 * extended interval
 *
 *     E(u, s) = [start_s - tr(u, s), end_s + tr(u, s) + min_rest)
 *
 * (tr = road minutes from the base to the place), and a member's shifts
 * keep the rules exactly when their extended intervals are disjoint.
 * This implies the audit's rules (gap >= min_rest, gap >= travel between
 * the places, by the triangle inequality through the base).
 *
 * The aggregate model.  Members of a unit with the same availability
 * window are identical: they form a class c with size m_c.  Integer
 * variables n(c, s) count members of class c on piece s:
 *
 *     sum_c n(c, s) <= required(s)                        piece rows
 *     sum_{c TNI} n(c, s) <= required(s) - min_polri(s)  TNI rows
 *     sum_{s : e in E(c, s)} n(c, s) <= m_c   for every left end e of an
 *                                             E(c, .)    class rows
 *
 * Exactness.  (1) Any roster gives counts meeting the class rows: at any
 * moment the members of c whose extended intervals contain it are
 * distinct people.  (2) Conversely, for counts meeting them, the multiset
 * of intervals E(c, s) (n(c, s) copies) has largest clique <= m_c, since
 * the deepest point of a set of intervals is a left end; interval graphs
 * are perfect, and colouring them by increasing left end, giving each
 * interval any colour free at its left end, uses no more colours than
 * the largest clique (when an interval starts, every busy colour holds an
 * interval containing that start, so fewer than m_c are busy).  So
 * greedy() below turns counts into named members with every rest and
 * travel kept, and the aggregate optimum is the optimum over rosters on
 * the grid.  The greedy gives each interval the free member with the
 * fewest minutes so far, which is the fairness rule inside a unit.
 *
 * Objective.  formats.md 1.4 per place-minute: fill the guard places of
 * sangat rawan areas most, fix that, then rawan, kurang rawan, then the
 * Linmas places at TPS by grade, then the Linmas posko (a post's grade;
 * the highest TPS grade of the desa or kecamatan for the other places).  Each stage is an exact MIP
 * (gap 0) and its optimum is kept as a row.  Fairness last: minimise the
 * largest mean load z >= minutes(c) / m_c over the classes of a model
 * (between units); within a unit the greedy spreads the hours.
 *
 * Under a deadline.  Each MIP gets what is left (tm_lim); a stage it stops
 * keeps its best integer solution, or else the previous stage's values,
 * and a component that starts past the deadline gets no shifts: every
 * rule is kept, coverage is not proven (proven false, "tidak terbukti").
 *
 * Election-day duty.  The tps and kawal phases are not cut into shifts
 * and not decided here: the day roster is the duty.  Each guard of a post
 * holds one shift at the post from the assembly until its last ballot box
 * leaves and one at its escort (KAWAL-<post>) right after; each Linmas of
 * a TPS one shift from the assembly until the box leaves (model/timeline.c
 * lays the times out).  These shifts are fixed; a member on duty is busy
 * over the extended interval of the duty, [first start - tr, last end +
 * tr + min_rest), and their class (unit, availability and that interval)
 * gets no column whose extended interval meets it.  Every column then lies
 * wholly before or wholly after the class's hole, so the colouring
 * argument above holds unchanged.  A plan with no empty place leaves no
 * voting-day or escort hour empty, by construction.
 *
 * Decomposition.  Places and classes linked by eligibility (force, scope,
 * availability) form components; each is its own model.  Linmas are
 * scoped to a desa, so each desa is one small model; guards of a
 * kecamatan meet at most units of wider scope.
 */
#include "solver/shifts.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/grow.h"
#include "solver/glpk_util.h"

/* Relative gap accepted on the fairness stage. */
#define FAIR_GAP 1e-3

void shift_params_init(struct shift_params *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->time_limit = 0;
    sp->deadline = 0;
    sp->fairness = true;
}

struct cls {
    int unit;
    long from, to;
    long hs, he;            /* busy on election-day duty; hs == he: not */
    int *member; int size;  /* scenario indices, scenario order */
};

struct col {
    int cls, piece, tier;
    long es, ee;            /* extended interval */
    int ub;
    int value;
};

struct ctx {
    const struct timeline *tl;
    const struct scenario *s;
    struct tl_layout *l;
    struct cls *cls; int ncls;
    struct col *col; int ncol;
    int *memb;              /* members grouped by class */
    long *hs, *he;          /* [nmember]: each member's duty hole */
    double deadline;
    bool limited;
};

static int uf_find(int *p, int x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static int tier_of(const struct timeline *tl, const struct tl_place *pl)
{
    if (tl->phase[pl->phase].kind == PHASE_POSKO)
        return SHIFT_TIERS - 1;
    return (pl->linmas ? GRADE_COUNT : 0) + (GRADE_COUNT - 1 - (int)pl->grade);
}

static long piece_len(const struct ctx *c, int i)
{
    return c->l->piece[i].end - c->l->piece[i].start;
}

static bool same_class(const struct ctx *c, const long *from, const long *to,
                       int q, int m)
{
    return from[q] == from[m] && to[q] == to[m] && c->hs[q] == c->hs[m] &&
           c->he[q] == c->he[m];
}

/* Each member's duty hole from the layout's duties (c->hs, c->he).
 * Returns SIAGA_OK or SIAGA_ENOMEM. */
static int duty_holes(struct ctx *c)
{
    const struct scenario *s = c->s;
    c->hs = calloc((size_t)s->nmember + 1, sizeof(long));
    c->he = calloc((size_t)s->nmember + 1, sizeof(long));
    if (c->hs == NULL || c->he == NULL)
        return SIAGA_ENOMEM;
    for (int i = 0; i < c->l->nduty; i++) {
        const struct tl_duty *d = &c->l->duty[i];
        const struct tl_place *pl = &c->l->place[d->place];
        const struct unit *un = &s->unit[s->member[d->member].unit];
        long ws, we;
        if (timeline_duty_window(c->l, d->place, &ws, &we) != 0)
            continue;
        long tr = timeline_travel(c->tl, un->lat, un->lon, pl->lat, pl->lon);
        long a = ws - tr, b = we + tr + c->tl->min_rest;
        int m = d->member;
        if (c->hs[m] == c->he[m]) {
            c->hs[m] = a;
            c->he[m] = b;
        } else {
            if (a < c->hs[m])
                c->hs[m] = a;
            if (b > c->he[m])
                c->he[m] = b;
        }
    }
    return SIAGA_OK;
}

/* Members of each unit by availability window and duty hole: the
 * classes. */
static int make_classes(struct ctx *c)
{
    const struct scenario *s = c->s;
    long *from = malloc(sizeof(long) * ((size_t)s->nmember + 1));
    long *to = malloc(sizeof(long) * ((size_t)s->nmember + 1));
    c->memb = malloc(sizeof(int) * ((size_t)s->nmember + 1));
    c->cls = malloc(sizeof *c->cls * ((size_t)s->nmember + 1));
    int rc = SIAGA_ENOMEM;
    if (!from || !to || !c->memb || !c->cls)
        goto done;
    for (int m = 0; m < s->nmember; m++)
        timeline_window(c->tl, s, m, &from[m], &to[m]);
    int k = 0;
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        int lo = un->first_member, hi = lo + un->nmembers;
        for (int m = lo; m < hi; m++) {
            /* a member opens a class unless an earlier one shares its window */
            int seen = 0;
            for (int q = lo; q < m && !seen; q++)
                seen = same_class(c, from, to, q, m);
            if (seen)
                continue;
            struct cls *cl = &c->cls[c->ncls++];
            cl->unit = u;
            cl->from = from[m];
            cl->to = to[m];
            cl->hs = c->hs[m];
            cl->he = c->he[m];
            cl->member = c->memb + k;
            cl->size = 0;
            for (int q = m; q < hi; q++)
                if (same_class(c, from, to, q, m))
                    c->memb[k + cl->size++] = q;
            k += cl->size;
        }
    }
    rc = SIAGA_OK;
done:
    free(from);
    free(to);
    return rc;
}

static int make_columns(struct ctx *c)
{
    const struct scenario *s = c->s;
    struct tl_layout *l = c->l;
    int cap = 1024;
    c->col = malloc(sizeof *c->col * (size_t)cap);
    if (c->col == NULL)
        return SIAGA_ENOMEM;
    for (int pi = 0, i = 0; pi < l->nplace; pi++) {
        const struct tl_place *pl = &l->place[pi];
        int i0 = i;
        while (i < l->npiece && l->piece[i].place == pi)
            i++;
        if (timeline_is_duty(c->tl->phase[pl->phase].kind))
            continue;   /* the day roster holds it */
        for (int k = 0; k < c->ncls; k++) {
            const struct cls *cl = &c->cls[k];
            const struct unit *un = &s->unit[cl->unit];
            if (!timeline_unit_may(s, cl->unit, pl))
                continue;
            long tr = timeline_travel(c->tl, un->lat, un->lon, pl->lat, pl->lon);
            for (int j = i0; j < i; j++) {
                const struct tl_piece *pc = &l->piece[j];
                if (pc->start < cl->from || pc->end > cl->to)
                    continue;
                if (cl->hs < cl->he && pc->start - tr < cl->he &&
                    cl->hs < pc->end + tr + c->tl->min_rest)
                    continue;   /* meets the member's duty */
                int ub = pc->required;
                if (un->force == FORCE_TNI)
                    ub -= pl->min_polri;
                if (ub > cl->size)
                    ub = cl->size;
                if (ub <= 0)
                    continue;
                if (model_grow((void **)&c->col, c->ncol, &cap, sizeof *c->col))
                    return SIAGA_ENOMEM;
                c->col[c->ncol++] = (struct col){
                    k, j, tier_of(c->tl, pl), pc->start - tr,
                    pc->end + tr + c->tl->min_rest, ub, 0};
            }
        }
    }
    return SIAGA_OK;
}

/* Columns by class, then extended start, for rows and greedy; the keys
 * are in the records (no file-level state: safe on any thread).  A class
 * has one column per piece, so the order is total. */
static int cmp_es(const void *a, const void *b)
{
    const struct col *x = a, *y = b;
    if (x->cls != y->cls)
        return (x->cls > y->cls) - (x->cls < y->cls);
    if (x->es != y->es)
        return (x->es > y->es) - (x->es < y->es);
    return (x->piece > y->piece) - (x->piece < y->piece);
}

/* The piece rows and TNI rows of component cols[0..n) in P: columns of
 * one piece gathered through prow ([npiece]); a row that cannot bind is
 * left out.  ind and val hold n + 1 entries. */
static void piece_rows(const struct ctx *c, glp_prob *P, const int *cols, int n,
                       int *ind, double *val, int *prow)
{
    for (int j = 0; j < n; j++)
        prow[c->col[cols[j]].piece] = 0;
    for (int j = 0; j < n; j++) {
        int pc = c->col[cols[j]].piece;
        if (prow[pc] != 0)
            continue;
        prow[pc] = 1;
        const struct tl_piece *p = &c->l->piece[pc];
        const struct tl_place *pl = &c->l->place[p->place];
        for (int tni = 0; tni < 2; tni++) {
            int k = 0;
            double sumub = 0;
            for (int q = j; q < n; q++) {
                const struct col *cq = &c->col[cols[q]];
                if (cq->piece != pc)
                    continue;
                if (tni && c->s->unit[c->cls[cq->cls].unit].force != FORCE_TNI)
                    continue;
                ind[++k] = q + 1;
                val[k] = 1;
                sumub += cq->ub;
            }
            int cap = tni ? p->required - pl->min_polri : p->required;
            if (k == 0 || sumub <= cap)
                continue;
            int r = glp_add_rows(P, 1);
            glp_set_mat_row(P, r, k, ind, val);
            glp_set_row_bnds(P, r, GLP_UP, 0, cap);
        }
    }
}

/* The class rows of component cols[0..n), at every left end of an
 * extended interval; a row that cannot bind is left out. */
static void class_rows(const struct ctx *c, glp_prob *P, const int *cols, int n,
                       int *ind, double *val)
{
    for (int j = 0; j < n;) {
        int cl = c->col[cols[j]].cls, e = j;
        while (e < n && c->col[cols[e]].cls == cl)
            e++;
        for (int a = j; a < e; a++) {
            long x = c->col[cols[a]].es;
            if (a > j && c->col[cols[a - 1]].es == x)
                continue;
            int k = 0;
            double sumub = 0;
            for (int q = j; q < e && c->col[cols[q]].es <= x; q++)
                if (x < c->col[cols[q]].ee) {
                    ind[++k] = q + 1;
                    val[k] = 1;
                    sumub += c->col[cols[q]].ub;
                }
            if (sumub <= c->cls[cl].size)
                continue;
            int r = glp_add_rows(P, 1);
            glp_set_mat_row(P, r, k, ind, val);
            glp_set_row_bnds(P, r, GLP_UP, 0, c->cls[cl].size);
        }
        j = e;
    }
}

/* The objective of stage (a tier, or SHIFT_TIERS: fairness) in P; the
 * tier's columns and coefficients into ind[1..k], val[1..k].  Returns k;
 * *any says whether the stage has anything to optimise. */
static int stage_objective(const struct ctx *c, glp_prob *P, const int *cols,
                           int n, int stage, int *ind, double *val, bool *any)
{
    int k = 0;
    *any = false;
    glp_set_obj_dir(P, stage < SHIFT_TIERS ? GLP_MAX : GLP_MIN);
    for (int j = 0; j < n; j++) {
        const struct col *cj = &c->col[cols[j]];
        double coef = stage < SHIFT_TIERS && cj->tier == stage
                          ? (double)piece_len(c, cj->piece) : 0;
        glp_set_obj_coef(P, j + 1, coef);
        if (coef != 0) {
            *any = true;
            ind[++k] = j + 1;
            val[k] = coef;
        }
    }
    if (stage == SHIFT_TIERS) {
        /* fairness: least sum of minutes / class size, i.e. work goes
         * to the units with more members per minute asked */
        for (int j = 0; j < n; j++) {
            const struct col *cj = &c->col[cols[j]];
            glp_set_obj_coef(P, j + 1, (double)piece_len(c, cj->piece) /
                                           c->cls[cj->cls].size);
        }
        *any = true;
    }
    return k;
}

/*
 * One component: columns cols[0..n) (ascending, so by class, extended
 * start).
 * Sets col[].value.  Returns SIAGA_OK, SIAGA_ELIMIT (a stage stopped by
 * the deadline; values are feasible) or SIAGA_ESOLVER / SIAGA_ENOMEM.
 */
static int solve_component(struct ctx *c, const int *cols, int n, bool fair,
                           struct error_list *errs)
{
    volatile int rc = SIAGA_ENOMEM;
    glp_prob *volatile P = NULL;
    if (solver_past(c->deadline)) {
        c->limited = true;      /* no time: the component stays empty */
        return SIAGA_ELIMIT;
    }
    int *ind = malloc(sizeof(int) * ((size_t)n + 2));
    double *val = malloc(sizeof(double) * ((size_t)n + 2));
    int *prow = malloc(sizeof(int) * ((size_t)c->l->npiece + 1));
    if (!ind || !val || !prow)
        goto out;
    struct glpk_guard g;
    glpk_guard_begin(&g);
    if (setjmp(g.jb)) {
        glpk_guard_failed();
        P = NULL;
        error_add(errs, NULL, 0, "GLPK failed on the shift model");
        rc = SIAGA_ESOLVER;
        goto out;
    }
    P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    glp_add_cols(P, n + 1);   /* last: z of the fairness stage */
    for (int j = 0; j < n; j++) {
        glp_set_col_kind(P, j + 1, GLP_IV);
        glp_set_col_bnds(P, j + 1, GLP_DB, 0, c->col[cols[j]].ub);
    }
    glp_set_col_bnds(P, n + 1, GLP_LO, 0, 0);
    piece_rows(c, P, cols, n, ind, val, prow);
    class_rows(c, P, cols, n, ind, val);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.mip_gap = 0;
    bool have = false;
    for (int stage = 0; stage <= SHIFT_TIERS; stage++) {
        bool any;
        if (stage == SHIFT_TIERS && !fair)
            break;
        int k = stage_objective(c, P, cols, n, stage, ind, val, &any);
        if (!any)
            continue;
        parm.tm_lim = solver_tm_lim(c->deadline);
        /* coverage is proven (gap 0); the fairness stage stops within
         * FAIR_GAP of its bound, which keeps it deterministic and short */
        parm.mip_gap = stage < SHIFT_TIERS ? 0 : FAIR_GAP;
        int ret = solver_intopt(P, &parm);
        int st = glp_mip_status(P);
        if (stage == SHIFT_TIERS && (ret == 0 || ret == GLP_EMIPGAP) &&
            (st == GLP_FEAS || st == GLP_OPT)) {
            /* within FAIR_GAP: what the fairness stage asks */
        } else if (ret == GLP_ETMLIM || (ret == 0 && st == GLP_FEAS)) {
            c->limited = true;
            if (st != GLP_FEAS && st != GLP_OPT)
                break;   /* keep the previous stage's values */
        } else if (ret != 0 || st != GLP_OPT) {
            error_add(errs, NULL, 0, "GLPK cannot solve the shift model "
                      "(glp_intopt %d, status %d)", ret, st);
            rc = SIAGA_ESOLVER;
            glp_delete_prob(P);
            P = NULL;
            glpk_guard_end(&g);
            goto out;
        }
        have = true;
        for (int j = 0; j < n; j++) {
            double v = glp_mip_col_val(P, j + 1);
            c->col[cols[j]].value = (int)(v + 0.5);
        }
        if (c->limited)
            break;
        if (stage < SHIFT_TIERS) {
            /* keep this tier's optimum: minutes are whole numbers */
            double opt = 0;
            for (int q = 1; q <= k; q++)
                opt += val[q] * c->col[cols[ind[q] - 1]].value;
            int r = glp_add_rows(P, 1);
            glp_set_mat_row(P, r, k, ind, val);
            glp_set_row_bnds(P, r, GLP_LO, opt - 0.5, 0);
        }
    }
    (void)have;
    glp_delete_prob(P);
    P = NULL;
    glpk_guard_end(&g);
    rc = c->limited ? SIAGA_ELIMIT : SIAGA_OK;
out:
    free(ind);
    free(val);
    free(prow);
    return rc;
}

/* Counts to members (the interval colouring of the header comment), the
 * columns taken in their order: by class, then extended start. */
static int greedy(struct ctx *c, struct tl_shift **out,
                  long *nout, long *minutes, struct error_list *errs)
{
    long *busy = malloc(sizeof(long) * ((size_t)c->s->nmember + 1));
    int n = 0, cap = 1024;
    struct tl_shift *sh = malloc(sizeof *sh * (size_t)cap);
    int rc = SIAGA_ENOMEM;
    if (busy == NULL || sh == NULL)
        goto done;
    for (int m = 0; m < c->s->nmember; m++)
        busy[m] = LONG_MIN;
    for (int j = 0; j < c->ncol; j++) {
        const struct col *cj = &c->col[j];
        const struct cls *cl = &c->cls[cj->cls];
        const struct tl_piece *pc = &c->l->piece[cj->piece];
        for (int k = 0; k < cj->value; k++) {
            int best = -1;
            for (int i = 0; i < cl->size; i++) {
                int m = cl->member[i];
                if (busy[m] <= cj->es && (best < 0 || minutes[m] < minutes[best]))
                    best = m;
            }
            if (best < 0) {
                error_add(errs, NULL, 0, "internal error: no free member of "
                          "unit %s for a shift", c->s->unit[cl->unit].id);
                rc = SIAGA_ESOLVER;
                goto done;
            }
            busy[best] = cj->ee;
            minutes[best] += pc->end - pc->start;
            if (model_grow((void **)&sh, n, &cap, sizeof *sh))
                goto done;
            sh[n++] = (struct tl_shift){best, pc->place, pc->start, pc->end, 0};
        }
    }
    *out = sh;
    *nout = n;
    sh = NULL;
    rc = SIAGA_OK;
done:
    free(busy);
    free(sh);
    return rc;
}

/* Shifts in the order of shifts.csv: phase, place, start, member.  The
 * layout numbers its places phase by phase (asserted in solver_shifts),
 * so the place index orders the phases too and the keys are in the
 * records. */
static int cmp_shift(const void *a, const void *b)
{
    const struct tl_shift *x = a, *y = b;
    if (x->place != y->place)
        return (x->place > y->place) - (x->place < y->place);
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->member > y->member) - (x->member < y->member);
}

/* Sort the columns by class and extended start, split them into
 * components linked by eligibility (uf [nplace + ncls], comp [ncol]) and
 * solve each (cols [ncol] holds one at a time).  Components go in order of
 * their smallest node, so results depend on nothing but the input.
 * Returns SIAGA_OK, SIAGA_ELIMIT when a component was stopped by the
 * deadline, or solve_component's error. */
static int solve_components(struct ctx *c, int *cols, int *uf,
                            int *comp, bool fair, struct shift_result *out,
                            struct error_list *errs)
{
    int np = c->l->nplace;
    qsort(c->col, (size_t)c->ncol, sizeof *c->col, cmp_es);
    for (int i = 0; i < np + c->ncls; i++)
        uf[i] = i;
    for (int j = 0; j < c->ncol; j++) {
        int a = uf_find(uf, c->l->piece[c->col[j].piece].place);
        int b = uf_find(uf, np + c->col[j].cls);
        if (a != b)
            uf[a < b ? b : a] = a < b ? a : b;
    }
    for (int j = 0; j < c->ncol; j++)
        comp[j] = uf_find(uf, np + c->col[j].cls);
    bool limited = false;
    for (int root = 0; root < np + c->ncls; root++) {
        if (uf_find(uf, root) != root)
            continue;
        int n = 0;
        for (int j = 0; j < c->ncol; j++)
            if (comp[j] == root)
                cols[n++] = j;
        if (n == 0)
            continue;
        out->ncomponent++;
        if (n > out->largest)
            out->largest = n;
        int r = solve_component(c, cols, n, fair, errs);
        if (r == SIAGA_ELIMIT)
            limited = true;
        else if (r != SIAGA_OK)
            return r;
    }
    return limited ? SIAGA_ELIMIT : SIAGA_OK;
}

/* The day plan's duties (c->l->duty): the guards of post q at its places
 * of the tps and kawal phases, the Linmas of TPS t at its Linmas place.
 * Returns SIAGA_OK or SIAGA_ENOMEM. */
static int plan_duties(struct ctx *c, const struct plan *p)
{
    struct tl_layout *l = c->l;
    if (p == NULL)
        return SIAGA_OK;
    for (int pi = 0; pi < l->nplace; pi++) {
        const struct tl_place *pl = &l->place[pi];
        if (!timeline_is_duty(c->tl->phase[pl->phase].kind))
            continue;
        if (pl->level == TL_POST) {
            const struct post *po = &p->post[pl->region];
            for (int g = 0; g < po->nguards; g++)
                if (timeline_add_duty(l, pi, p->guard[po->first_guard + g], 0))
                    return SIAGA_ENOMEM;
        } else if (pl->level == TL_TPS) {
            /* p->linmas is in TPS order */
            for (int i = 0; i < p->nlinmas; i++)
                if (p->linmas[i].tps == pl->region &&
                    timeline_add_duty(l, pi, p->linmas[i].member, 0))
                    return SIAGA_ENOMEM;
        }
    }
    return SIAGA_OK;
}

/* The duty shifts, one per duty over its place's one piece, appended to
 * out->shift; their minutes added to minutes[].  SIAGA_OK or
 * SIAGA_ENOMEM. */
static int duty_shifts(struct ctx *c, struct shift_result *out, long *minutes)
{
    const struct tl_layout *l = c->l;
    if (l->nduty == 0)
        return SIAGA_OK;
    struct tl_shift *ns = realloc(out->shift, sizeof *ns *
                                  ((size_t)(out->nshift + l->nduty) + 1));
    if (ns == NULL)
        return SIAGA_ENOMEM;
    out->shift = ns;
    for (int i = 0; i < l->nduty; i++) {
        long ws, we;
        if (timeline_duty_window(l, l->duty[i].place, &ws, &we) != 0)
            continue;
        ns[out->nshift++] = (struct tl_shift){l->duty[i].member,
                                              l->duty[i].place, ws, we, 0};
        minutes[l->duty[i].member] += we - ws;
    }
    return SIAGA_OK;
}

/* What was reached: minutes required and filled per phase, empty per
 * tier, and the spread of the minutes worked within each unit. */
static void tally(const struct ctx *c, const long *minutes,
                  struct shift_result *out)
{
    for (int i = 0; i < c->l->npiece; i++) {
        const struct tl_piece *pc = &c->l->piece[i];
        const struct tl_place *pl = &c->l->place[pc->place];
        out->required[pl->phase] += (pc->end - pc->start) * pc->required;
        out->tier_empty[tier_of(c->tl, pl)] += (pc->end - pc->start) * pc->required;
    }
    for (int j = 0; j < c->ncol; j++) {
        const struct tl_piece *pc = &c->l->piece[c->col[j].piece];
        const struct tl_place *pl = &c->l->place[pc->place];
        long f = (pc->end - pc->start) * c->col[j].value;
        out->filled[pl->phase] += f;
        out->tier_empty[tier_of(c->tl, pl)] -= f;
    }
    /* the duty: each place's one piece, as many as hold it, at most
     * required (the day plan keeps the Polri rule) */
    for (int i = 0; i < c->l->npiece; i++) {
        const struct tl_piece *pc = &c->l->piece[i];
        const struct tl_place *pl = &c->l->place[pc->place];
        if (!timeline_is_duty(c->tl->phase[pl->phase].kind))
            continue;
        long n = 0;
        for (int d = 0; d < c->l->nduty; d++)
            n += c->l->duty[d].place == pc->place;
        long f = (pc->end - pc->start) * (n < pc->required ? n : pc->required);
        out->filled[pl->phase] += f;
        out->tier_empty[tier_of(c->tl, pl)] -= f;
    }
    for (int u = 0; u < c->s->nunit; u++) {
        const struct unit *un = &c->s->unit[u];
        long lo = LONG_MAX, hi = 0;
        for (int m = un->first_member; m < un->first_member + un->nmembers; m++) {
            if (minutes[m] > hi)
                hi = minutes[m];
            if (minutes[m] < lo)
                lo = minutes[m];
        }
        if (un->nmembers == 0 || hi == 0)
            continue;
        if (hi > out->most)
            out->most = hi;
        if (hi - lo > out->spread) {
            out->spread = hi - lo;
            out->spread_unit = u;
        }
    }
}

/* An empty slot for the BKO of the phases: a piece's empty place, its
 * extended interval for a person based at the kecamatan's centre. */
struct slot { int kec, linmas, phase; long es, ee; };

static int cmp_slot(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    if (x->kec != y->kec)
        return (x->kec > y->kec) - (x->kec < y->kec);
    if (x->linmas != y->linmas)
        return (x->linmas > y->linmas) - (x->linmas < y->linmas);
    if (x->es != y->es)
        return (x->es > y->es) - (x->es < y->es);
    return (x->ee > y->ee) - (x->ee < y->ee);
}

/* out->bko: per kecamatan and force, the fewest new persons (based at the
 * mean of the kecamatan's TPS, serving the kecamatan, always available)
 * that take every empty slot of the non-duty phases, each a shift of the
 * grid: colouring the slots' extended intervals by start (optimal for
 * intervals).  Returns SIAGA_OK or SIAGA_ENOMEM. */
static int phase_bko(const struct ctx *c, struct shift_result *out)
{
    const struct tl_layout *l = c->l;
    const struct scenario *s = c->s;
    int *filled = calloc((size_t)l->npiece + 1, sizeof *filled);
    double *klat = calloc((size_t)s->nkec + 1, sizeof *klat);
    double *klon = calloc((size_t)s->nkec + 1, sizeof *klon);
    int *kn = calloc((size_t)s->nkec + 1, sizeof *kn);
    struct slot *sl = NULL;
    long *busy = NULL, nsl = 0, capsl = 0;
    int rc = SIAGA_ENOMEM;
    if (!filled || !klat || !klon || !kn)
        goto done;
    for (int t = 0; t < s->ntps; t++) {
        klat[s->tps[t].kecamatan] += s->tps[t].lat;
        klon[s->tps[t].kecamatan] += s->tps[t].lon;
        kn[s->tps[t].kecamatan]++;
    }
    for (int k = 0; k < s->nkec; k++)
        if (kn[k] > 0) {
            klat[k] /= kn[k];
            klon[k] /= kn[k];
        }
    for (int j = 0; j < c->ncol; j++)
        filled[c->col[j].piece] += c->col[j].value;
    for (int i = 0; i < l->npiece; i++) {
        const struct tl_piece *pc = &l->piece[i];
        const struct tl_place *pl = &l->place[pc->place];
        if (timeline_is_duty(c->tl->phase[pl->phase].kind))
            continue;
        long tr = timeline_travel(c->tl, klat[pl->kec], klon[pl->kec], pl->lat,
                                  pl->lon);
        for (int e = filled[i]; e < pc->required; e++) {
            if (nsl == capsl) {
                capsl = capsl ? 2 * capsl : 256;
                struct slot *ns = realloc(sl, sizeof *ns * (size_t)capsl);
                if (ns == NULL)
                    goto done;
                sl = ns;
            }
            sl[nsl++] = (struct slot){pl->kec, pl->linmas, pl->phase,
                                      pc->start - tr,
                                      pc->end + tr + c->tl->min_rest};
        }
    }
    if (nsl > 0)
        qsort(sl, (size_t)nsl, sizeof *sl, cmp_slot);
    busy = malloc(sizeof *busy * ((size_t)nsl + 1));
    out->bko = calloc((size_t)nsl + 1, sizeof *out->bko);
    if (busy == NULL || out->bko == NULL)
        goto done;
    for (long a = 0; a < nsl;) {
        long b = a;
        int npers = 0;
        unsigned phases = 0;
        while (b < nsl && sl[b].kec == sl[a].kec && sl[b].linmas == sl[a].linmas)
            b++;
        for (long i = a; i < b; i++) {
            int p = 0;
            while (p < npers && busy[p] > sl[i].es)
                p++;
            if (p == npers)
                npers++;
            busy[p] = sl[i].ee;
            phases |= 1u << sl[i].phase;
        }
        out->bko[out->nbko++] = (struct shift_bko){
            sl[a].kec, sl[a].linmas ? FORCE_LINMAS : FORCE_POLRI, npers, phases};
        a = b;
    }
    rc = SIAGA_OK;
done:
    free(filled);
    free(klat);
    free(klon);
    free(kn);
    free(sl);
    free(busy);
    return rc;
}

int solver_shifts(const struct timeline *tl, const struct scenario *s,
                  const struct plan *p, const struct shift_params *sp,
                  struct shift_result *out, struct error_list *errs)
{
    double t0 = solver_now();
    struct ctx c;
    int rc;
    int *uf = NULL, *comp = NULL, *cols = NULL;
    long *minutes = NULL;
    memset(&c, 0, sizeof c);
    memset(out, 0, sizeof *out);
    out->spread_unit = -1;
    if (!(sp->time_limit >= 0)) {
        error_add(errs, NULL, 0, "time_limit = %g; must be >= 0 seconds",
                  sp->time_limit);
        return SIAGA_EINPUT;
    }
    c.tl = tl;
    c.s = s;
    c.l = &out->layout;
    c.deadline = sp->deadline > 0 ? sp->deadline
                 : sp->time_limit > 0 ? t0 + sp->time_limit : 0;
    rc = timeline_layout(tl, s, p ? p->post : NULL, NULL, p ? p->npost : 0,
                         c.l, errs);
    if (rc != SIAGA_OK)
        goto done;
    if ((rc = plan_duties(&c, p)) != SIAGA_OK ||
        (rc = duty_holes(&c)) != SIAGA_OK ||
        (rc = make_classes(&c)) != SIAGA_OK ||
        (rc = make_columns(&c)) != SIAGA_OK)
        goto done;
    rc = SIAGA_ENOMEM;
    int np = c.l->nplace;
    cols = malloc(sizeof(int) * ((size_t)c.ncol + 1));
    uf = malloc(sizeof(int) * ((size_t)(np + c.ncls) + 1));
    comp = malloc(sizeof(int) * ((size_t)c.ncol + 1));
    minutes = calloc((size_t)s->nmember + 1, sizeof(long));
    if (!cols || !uf || !comp || !minutes)
        goto done;
    rc = solve_components(&c, cols, uf, comp, sp->fairness, out, errs);
    bool limited = rc == SIAGA_ELIMIT;
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        goto done;
    /* greedy in one pass by class, extended start (the columns' order) */
    rc = greedy(&c, &out->shift, &out->nshift, minutes, errs);
    if (rc != SIAGA_OK || (rc = duty_shifts(&c, out, minutes)) != SIAGA_OK)
        goto done;
    for (int i = 1; i < c.l->nplace; i++)
        assert(c.l->place[i - 1].phase <= c.l->place[i].phase);
    if (out->nshift > 0)
        qsort(out->shift, (size_t)out->nshift, sizeof *out->shift, cmp_shift);
    tally(&c, minutes, out);
    if ((rc = phase_bko(&c, out)) != SIAGA_OK)
        goto done;
    out->proven = !limited;
    out->seconds = solver_now() - t0;
    rc = limited ? SIAGA_ELIMIT : SIAGA_OK;
done:
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        shift_result_free(out);
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while planning shifts");
    free(cols);
    free(uf);
    free(comp);
    free(minutes);
    free(c.cls);
    free(c.memb);
    free(c.col);
    free(c.hs);
    free(c.he);
    return rc;
}
