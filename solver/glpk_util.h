/*
 * glpk_util.h - what every GLPK caller in solver/ shares: quiet output,
 * a guard that turns GLPK's abort() on internal errors into a status, and
 * wall-clock deadlines.
 */
#ifndef SIAGA_GLPK_UTIL_H
#define SIAGA_GLPK_UTIL_H

#include <setjmp.h>
#include <stdbool.h>

#include <glpk.h>

/*
 * GLPK calls its error hook and then abort()s on an internal error.  The
 * hook long-jumps back to the guard; everything GLPK allocated is then
 * freed with glp_free_env(), so a guarded region must not keep GLPK
 * objects past a failure.  Use:
 *
 *     struct glpk_guard g;
 *     glpk_guard_begin(&g);
 *     if (setjmp(g.jb)) { glpk_guard_failed(); ...objects are gone... }
 *     ...GLPK calls...
 *     glpk_guard_end(&g);
 *
 * Locals changed after setjmp and read after a failure must be volatile.
 */
struct glpk_guard {
    jmp_buf jb;
};
void glpk_guard_begin(struct glpk_guard *g);
void glpk_guard_failed(void);
void glpk_guard_end(struct glpk_guard *g);

/* Make this thread's GLPK environment now, so that running out of memory
 * is an error and not GLPK's abort().  0, or -1. */
int solver_env_init(void);

/* Seconds on a monotonic clock. */
double solver_now(void);

/* Milliseconds left before deadline (0 = none) as GLPK's tm_lim:
 * INT_MAX when no deadline, at least 1 otherwise. */
int solver_tm_lim(double deadline);
bool solver_past(double deadline);

/* Test seam: wrappers the fault tests may replace at link time. */
int solver_intopt(glp_prob *p, const glp_iocp *parm);
int solver_simplex(glp_prob *p, const glp_smcp *parm);

#endif
