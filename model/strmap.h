/*
 * strmap.h - an open-addressing hash map from strings to int, for the
 * look-ups by code and id.  Keys are not copied: they must outlive the map.
 */
#ifndef SIAGA_STRMAP_H
#define SIAGA_STRMAP_H

struct strmap;

struct strmap *strmap_create(void);            /* NULL when out of memory */
void strmap_destroy(struct strmap *m);         /* accepts NULL */

/* Insert key -> value.  Returns 0 when inserted, 1 when the key was there
 * already (*old set to its value, nothing changed), -1 when out of memory. */
int strmap_put(struct strmap *m, const char *key, int value, int *old);

/* Value of key, or -1 when absent. */
int strmap_get(const struct strmap *m, const char *key);

#endif
