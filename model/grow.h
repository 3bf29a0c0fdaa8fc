/*
 * grow.h - room for one more element in a growing array.
 *
 * The readers and the model append records one at a time to arrays that
 * double; this is the one copy of that doubling, with its overflow checks.
 */
#ifndef SIAGA_GROW_H
#define SIAGA_GROW_H

#include <stddef.h>

/*
 * Make room for element n of *arr, an array of *cap elements of elt bytes
 * each of which n are in use (0 <= n <= *cap).  When n < *cap nothing
 * changes.  Otherwise the capacity doubles (16 for an empty array) and
 * *arr moves where realloc puts it.
 *
 * Returns 0, or -1 when the new capacity would not fit an int or its size
 * a size_t, or realloc fails; on -1, *arr and *cap are unchanged (the old
 * array is still valid and still owned by the caller).
 */
int model_grow(void **arr, int n, int *cap, size_t elt);

#endif
