/*
 * grow.c - the doubling realloc that every appending array uses.
 */
#include "model/grow.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#define GROW_FIRST 16

int model_grow(void **arr, int n, int *cap, size_t elt)
{
    assert(n >= 0 && n <= *cap && elt > 0);
    if (n < *cap)
        return 0;
    if (*cap > INT_MAX / 2)
        return -1;
    int nc = *cap ? 2 * *cap : GROW_FIRST;
    if ((size_t)nc > SIZE_MAX / elt)
        return -1;
    void *p = realloc(*arr, (size_t)nc * elt);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}
