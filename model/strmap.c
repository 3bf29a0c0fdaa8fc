/*
 * strmap.c - linear probing, power-of-two table, FNV-1a hashing.
 */
#include "model/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot { const char *key; int value; };

struct strmap {
    struct slot *slots;
    size_t cap, n;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

struct strmap *strmap_create(void)
{
    struct strmap *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->cap = 64;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (m->slots == NULL) {
        free(m);
        return NULL;
    }
    return m;
}

void strmap_destroy(struct strmap *m)
{
    if (m == NULL)
        return;
    free(m->slots);
    free(m);
}

static int grow(struct strmap *m)
{
    size_t cap = m->cap * 2;
    struct slot *s = calloc(cap, sizeof *s);
    if (s == NULL)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key == NULL)
            continue;
        size_t j = hash(m->slots[i].key) & (cap - 1);
        while (s[j].key != NULL)
            j = (j + 1) & (cap - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
    return 0;
}

int strmap_put(struct strmap *m, const char *key, int value, int *old)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    size_t j = hash(key) & (m->cap - 1);
    while (m->slots[j].key != NULL) {
        if (strcmp(m->slots[j].key, key) == 0) {
            if (old != NULL)
                *old = m->slots[j].value;
            return 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j].key = key;
    m->slots[j].value = value;
    m->n++;
    return 0;
}

int strmap_get(const struct strmap *m, const char *key)
{
    size_t j = hash(key) & (m->cap - 1);
    while (m->slots[j].key != NULL) {
        if (strcmp(m->slots[j].key, key) == 0)
            return m->slots[j].value;
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}
