/*
 * union_find.h - the root of an element in a union-find forest.
 *
 * The radius graph's components, the pieces of the shortage
 * certificates, the BKO blocks and the regions of the posts count each
 * join elements in a parent array (parent[x] == x at a root); this is the
 * one copy of the find, with path halving.
 */
#ifndef SIAGA_UNION_FIND_H
#define SIAGA_UNION_FIND_H

static inline int uf_find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

#endif
