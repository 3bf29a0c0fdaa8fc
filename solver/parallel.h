/*
 * parallel.h - a work queue over worker threads.
 *
 * GLPK keeps its environment in thread-local storage (Debian's libglpk is
 * built with TLS), so each thread has its own: a GLPK problem must stay in
 * the thread that made it.  Results are stored by item index and merged in
 * index order by the caller, so the output does not depend on the number
 * of threads or on timing.
 */
#ifndef SIAGA_PARALLEL_H
#define SIAGA_PARALLEL_H

/*
 * Run fn(ctx, order[i], worker) for i in 0..n-1 (order may be NULL for
 * 0..n-1) on up to jobs threads (the caller's thread is one of them);
 * worker is 0..jobs-1, for scratch space of one's own.  Items are taken in
 * the given order, so large items first balance best.  After the first
 * non-zero return no new item starts; that value is returned.
 */
int parallel_for(int n, const int *order, int jobs,
                 int (*fn)(void *ctx, int item, int worker), void *ctx);

/* Number of processors online (at least 1). */
int parallel_cpus(void);

#endif
