/*
 * certificate_int.h - what certificate.c and certificate_verify.c share:
 * the units that may fill a place, found by scope without a scan.
 */
#ifndef SIAGA_CERTIFICATE_INT_H
#define SIAGA_CERTIFICATE_INT_H

#include "model/certificate.h"

/* Units by scope region: units serving anywhere, then CSR lists by
 * kabupaten, kecamatan and desa. */
struct by_scope {
    int *any; int nany;
    int *off[3], *list[3];
};

/* 0, or -1 when out of memory (free it either way). */
int cert_by_scope_build(const struct scenario *s, struct by_scope *b);
void cert_by_scope_free(struct by_scope *b);

/*
 * The units that may fill a place of kind k at a site whose TPS are
 * tps[0..ntps): right force, scope holding every TPS.  Calls f(ctx, u)
 * for each, once.  Returns the first non-zero f returns, else 0.
 */
int cert_each_eligible(const struct scenario *s, const struct by_scope *b,
                       enum cert_kind k, const int *tps, int ntps,
                       int (*f)(void *, int), void *ctx);

#endif
