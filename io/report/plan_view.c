/*
 * plan_view.c - the shared look-ups of plan_view.h, built in linear time
 * (counting sorts), so large scenarios cost nothing noticeable.
 */
#include "io/report/plan_view.h"

#include <stdlib.h>
#include <string.h>

#include "io/report/plan_write.h"

void plan_view_free(struct plan_view *v)
{
    free(v->post_of);
    free(v->linmas_first);
    free(v->linmas_member);
    free(v->post_id);
    free(v->polsek);
    free(v->kec_tps_first);
    free(v->kec_tps);
    free(v->kec_post_first);
    free(v->kec_post);
    memset(v, 0, sizeof *v);
}

int plan_view_init(struct plan_view *v, const struct scenario *s,
                   const struct plan *p)
{
    memset(v, 0, sizeof *v);
    v->post_of = malloc(sizeof(int) * ((size_t)s->ntps + 1));
    v->linmas_first = calloc((size_t)s->ntps + 2, sizeof(int));
    v->linmas_member = malloc(sizeof(int) * ((size_t)p->nlinmas + 1));
    v->post_id = malloc(sizeof *v->post_id * ((size_t)p->npost + 1));
    v->polsek = malloc(sizeof(int) * ((size_t)s->nkec + 1));
    v->kec_tps_first = calloc((size_t)s->nkec + 2, sizeof(int));
    v->kec_tps = malloc(sizeof(int) * ((size_t)s->ntps + 1));
    v->kec_post_first = calloc((size_t)s->nkec + 2, sizeof(int));
    v->kec_post = malloc(sizeof(int) * ((size_t)p->npost + 1));
    if (v->post_of == NULL || v->linmas_first == NULL ||
        v->linmas_member == NULL || v->post_id == NULL || v->polsek == NULL ||
        v->kec_tps_first == NULL || v->kec_tps == NULL ||
        v->kec_post_first == NULL || v->kec_post == NULL) {
        plan_view_free(v);
        return -1;
    }
    /* counting sorts by kecamatan, stable */
    for (int t = 0; t < s->ntps; t++)
        v->kec_tps_first[s->tps[t].kecamatan + 2]++;
    for (int i = 0; i < p->npost; i++)
        v->kec_post_first[p->post[i].kecamatan + 2]++;
    for (int k = 0; k < s->nkec; k++) {
        v->kec_tps_first[k + 2] += v->kec_tps_first[k + 1];
        v->kec_post_first[k + 2] += v->kec_post_first[k + 1];
    }
    for (int t = 0; t < s->ntps; t++)
        v->kec_tps[v->kec_tps_first[s->tps[t].kecamatan + 1]++] = t;
    for (int i = 0; i < p->npost; i++)
        v->kec_post[v->kec_post_first[p->post[i].kecamatan + 1]++] = i;
    for (int t = 0; t < s->ntps; t++)
        v->post_of[t] = -1;
    for (int i = 0; i < p->npost; i++) {
        io_post_id(i, p->npost, v->post_id[i]);
        for (int k = 0; k < p->post[i].ntps; k++)
            v->post_of[p->post[i].tps[k]] = i;
    }
    /* counting sort of the Linmas places by TPS, stable */
    for (int i = 0; i < p->nlinmas; i++)
        v->linmas_first[p->linmas[i].tps + 2]++;
    for (int t = 0; t < s->ntps; t++)
        v->linmas_first[t + 2] += v->linmas_first[t + 1];
    for (int i = 0; i < p->nlinmas; i++)
        v->linmas_member[v->linmas_first[p->linmas[i].tps + 1]++] =
            p->linmas[i].member;
    for (int k = 0; k < s->nkec; k++)
        v->polsek[k] = -1;
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        if (un->force == FORCE_POLRI && un->scope == SCOPE_KECAMATAN &&
            v->polsek[un->region] < 0)
            v->polsek[un->region] = u;
    }
    return 0;
}

const char *plan_view_grade_rgb(enum grade g)
{
    switch (g) {
    case GRADE_KURANG_RAWAN: return "#2e9e44";
    case GRADE_RAWAN: return "#f0b400";
    case GRADE_SANGAT_RAWAN: return "#d7301f";
    default: break;
    }
    return "#808080";
}

const char *plan_view_force_label(enum force f)
{
    switch (f) {
    case FORCE_POLRI: return "Polri";
    case FORCE_TNI: return "TNI";
    case FORCE_LINMAS: return "Linmas";
    default: break;
    }
    return "?";
}
