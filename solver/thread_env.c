/*
 * thread_env.c - free a thread's GLPK environment (thread_env.h).
 */
#include "solver/thread_env.h"

#include <glpk.h>

void solver_thread_release(void)
{
    glp_free_env();
}
