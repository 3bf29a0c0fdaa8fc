/*
 * arena.h - a bump allocator for strings that live as long as their owner.
 */
#ifndef SIAGA_ARENA_H
#define SIAGA_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_create(void);           /* NULL when out of memory */
void arena_destroy(struct arena *a);        /* accepts NULL */
void *arena_alloc(struct arena *a, size_t n); /* NULL when out of memory */
char *arena_strdup(struct arena *a, const char *s);

#endif
