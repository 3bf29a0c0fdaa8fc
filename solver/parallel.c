/*
 * parallel.c - the work queue of parallel.h: an atomic counter hands out
 * items; workers free their GLPK environment when they finish.
 */
#include "solver/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include <glpk.h>

#include "model/error.h"
#include "solver/glpk_util.h"

struct pool {
    int n;
    const int *order;
    int (*fn)(void *ctx, int item, int worker);
    void *ctx;
    atomic_int next;
    atomic_int status;
};

struct worker_arg {
    struct pool *p;
    int id;
};

static void run(struct pool *p, int id)
{
    for (;;) {
        if (atomic_load(&p->status) != 0)
            return;
        int i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            return;
        int rc = p->fn(p->ctx, p->order ? p->order[i] : i, id);
        if (rc != 0) {
            int zero = 0;
            atomic_compare_exchange_strong(&p->status, &zero, rc);
        }
    }
}

static void *worker(void *arg)
{
    struct worker_arg *w = arg;
    if (solver_env_init() != 0) {
        int zero = 0;
        atomic_compare_exchange_strong(&w->p->status, &zero, SIAGA_ENOMEM);
        return NULL;
    }
    run(w->p, w->id);
    /* the environment of this thread, if GLPK made one */
    glp_free_env();
    return NULL;
}

int parallel_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int parallel_for(int n, const int *order, int jobs,
                 int (*fn)(void *ctx, int item, int worker), void *ctx)
{
    struct pool p;
    p.n = n;
    p.order = order;
    p.fn = fn;
    p.ctx = ctx;
    atomic_init(&p.next, 0);
    atomic_init(&p.status, 0);
    if (jobs > 64)
        jobs = 64;
    pthread_t tid[64];
    struct worker_arg arg[64];
    int started = 0;
    for (int j = 1; j < jobs && j < n; j++) {
        arg[started] = (struct worker_arg){&p, started + 1};
        if (pthread_create(&tid[started], NULL, worker, &arg[started]) != 0)
            break; /* fewer threads: the work still gets done */
        started++;
    }
    run(&p, 0);
    for (int j = 0; j < started; j++)
        pthread_join(tid[j], NULL);
    return atomic_load(&p.status);
}
