/*
 * glpk_util.c - shared GLPK plumbing, see glpk_util.h.
 */
#include "solver/glpk_util.h"

#include <limits.h>
#include <time.h>

static void on_glpk_error(void *info)
{
    struct glpk_guard *g = info;
    longjmp(g->jb, 1);
}

/* GLPK prints its error messages even with terminal output off; the
 * message reaches the user through our own error list instead. */
static int silence(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

void glpk_guard_begin(struct glpk_guard *g)
{
    glp_term_out(GLP_OFF);
    glp_term_hook(silence, NULL);
    glp_error_hook(on_glpk_error, g);
}

int solver_env_init(void)
{
    /* 0: made, 1: there already; 2 and 3: no memory or not supported.
     * Without this, GLPK's first call aborts when it cannot make one. */
    int r = glp_init_env();
    return r == 0 || r == 1 ? 0 : -1;
}

void glpk_guard_failed(void)
{
    /* the environment is inconsistent after an error: drop all of it */
    glp_free_env();
}

void glpk_guard_end(struct glpk_guard *g)
{
    (void)g;
    glp_error_hook(NULL, NULL);
}

double solver_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int solver_tm_lim(double deadline)
{
    if (deadline <= 0)
        return INT_MAX;
    double left = (deadline - solver_now()) * 1000.0;
    if (left < 1)
        return 1;
    if (left > INT_MAX)
        return INT_MAX;
    return (int)left;
}

bool solver_past(double deadline)
{
    return deadline > 0 && solver_now() >= deadline;
}

int solver_intopt(glp_prob *p, const glp_iocp *parm)
{
    return glp_intopt(p, parm);
}

int solver_simplex(glp_prob *p, const glp_smcp *parm)
{
    return glp_simplex(p, parm);
}
