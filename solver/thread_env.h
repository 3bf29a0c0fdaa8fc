/*
 * thread_env.h - the solver's memory kept per thread.  GLPK keeps an
 * environment per thread (made by the first GLPK call on it); a thread
 * that plans and then ends must free it, or it is lost: solver/parallel.c
 * does so for its workers, siaga serve for the connection threads that
 * re-plan (serve/session.c).
 */
#ifndef SIAGA_THREAD_ENV_H
#define SIAGA_THREAD_ENV_H

/* Free this thread's solver environment, when there is one; call it only
 * when no solver object of this thread is alive (every solver_* call has
 * returned).  Never fails. */
void solver_thread_release(void);
#endif
