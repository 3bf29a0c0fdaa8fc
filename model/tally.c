/*
 * tally.c - the totals by kabupaten of tally.h, in one pass over the TPS,
 * the posts, the Linmas places and the reserves.
 */
#include "model/tally.h"

#include <stdlib.h>

void region_tally_add(struct region_tally *a, const struct region_tally *b)
{
    for (int g = 0; g < GRADE_COUNT; g++) {
        a->tps[g] += b->tps[g];
        a->posts[g] += b->posts[g];
        a->places[g] += b->places[g];
        a->filled[g] += b->filled[g];
    }
    a->polri += b->polri;
    a->tni += b->tni;
    a->linmas_places += b->linmas_places;
    a->linmas += b->linmas;
    a->reserve += b->reserve;
}

long region_tally_places(const struct region_tally *t)
{
    long n = 0;
    for (int g = 0; g < GRADE_COUNT; g++)
        n += t->places[g];
    return n;
}

long region_tally_filled(const struct region_tally *t)
{
    long n = 0;
    for (int g = 0; g < GRADE_COUNT; g++)
        n += t->filled[g];
    return n;
}

long *plan_tally_kecamatan(const struct scenario *s, const struct plan *p)
{
    long *n = calloc(2 * (size_t)s->nkec + 2, sizeof *n);
    if (n == NULL)
        return NULL;
    long *places = n + s->nkec + 1;
    for (int i = 0; i < p->npost; i++) {
        n[p->post[i].kecamatan]++;
        places[p->post[i].kecamatan] += p->post[i].required;
    }
    for (int k = 0; k < s->nkec; k++) {
        n[s->nkec] += n[k];
        places[s->nkec] += places[k];
    }
    return n;
}

int region_unit_kabupaten(const struct scenario *s, const struct unit *u)
{
    switch (u->scope) {
    case SCOPE_KABUPATEN: return u->region;
    case SCOPE_KECAMATAN: return s->kec[u->region].kabupaten;
    case SCOPE_DESA: return s->kec[s->desa[u->region].kecamatan].kabupaten;
    case SCOPE_ANY: case SCOPE_POLRES: break;
    }
    return -1;
}

struct region_tally *plan_tally_kabupaten(const struct scenario *s,
                                          const struct plan *p)
{
    struct region_tally *t = calloc((size_t)s->nkab + 2, sizeof *t);
    if (t == NULL)
        return NULL;
    for (int i = 0; i < s->ntps; i++) {
        struct region_tally *r = &t[s->tps[i].kabupaten];
        r->tps[s->tps[i].grade]++;
        r->linmas_places += s->rules.linmas_per_tps;
    }
    for (int i = 0; i < p->npost; i++) {
        const struct post *po = &p->post[i];
        struct region_tally *r = &t[s->kec[po->kecamatan].kabupaten];
        r->posts[po->grade]++;
        r->places[po->grade] += po->required;
        r->filled[po->grade] += po->nguards;
        for (int k = 0; k < po->nguards; k++) {
            const struct member *m = &s->member[p->guard[po->first_guard + k]];
            if (s->unit[m->unit].force == FORCE_TNI)
                r->tni++;
            else
                r->polri++;
        }
    }
    for (int i = 0; i < p->nlinmas; i++)
        t[s->tps[p->linmas[i].tps].kabupaten].linmas++;
    for (int i = 0; i < p->nreserve; i++) {
        int b = region_unit_kabupaten(s, &s->unit[s->member[p->reserve[i]].unit]);
        t[b >= 0 ? b : s->nkab].reserve++;
    }
    for (int b = 0; b <= s->nkab; b++)
        region_tally_add(&t[s->nkab + 1], &t[b]);
    return t;
}
