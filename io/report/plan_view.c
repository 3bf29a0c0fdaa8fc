/*
 * plan_view.c - the shared look-ups of plan_view.h, built in linear time
 * (counting sorts), so large scenarios cost nothing noticeable.
 */
#include "io/report/plan_view.h"

#include "model/shifts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *io_post_id(int i, int npost, char *buf)
{
    int width = 4;
    for (int n = npost; n >= 10000 && width < 10; n /= 10)
        width++;
    snprintf(buf, 24, "P%0*d", width % 11, i + 1);
    return buf;
}

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
    free(v->kab_tps_first);
    free(v->kab_tps);
    free(v->kab_post_first);
    free(v->kab_post);
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
    v->kab_tps_first = calloc((size_t)s->nkab + 2, sizeof(int));
    v->kab_tps = malloc(sizeof(int) * ((size_t)s->ntps + 1));
    v->kab_post_first = calloc((size_t)s->nkab + 2, sizeof(int));
    v->kab_post = malloc(sizeof(int) * ((size_t)p->npost + 1));
    if (v->kab_tps_first == NULL || v->kab_tps == NULL ||
        v->kab_post_first == NULL || v->kab_post == NULL ||
        v->post_of == NULL || v->linmas_first == NULL ||
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
        v->kab_tps_first[s->tps[t].kabupaten + 2]++;
    for (int i = 0; i < p->npost; i++)
        v->kab_post_first[s->kec[p->post[i].kecamatan].kabupaten + 2]++;
    for (int b = 0; b < s->nkab; b++) {
        v->kab_tps_first[b + 2] += v->kab_tps_first[b + 1];
        v->kab_post_first[b + 2] += v->kab_post_first[b + 1];
    }
    for (int t = 0; t < s->ntps; t++)
        v->kab_tps[v->kab_tps_first[s->tps[t].kabupaten + 1]++] = t;
    for (int i = 0; i < p->npost; i++)
        v->kab_post[v->kab_post_first[s->kec[p->post[i].kecamatan].kabupaten + 1]++] = i;
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
    case GRADE_KHUSUS: return "#7b3294"; /* purple: apart from the risk ramp */
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

/* ---- the summary rows of ringkasan.txt and laporan.html ---------------- */

void io_plan_summary_row_add(struct plan_summary_row *a, const struct plan_summary_row *b)
{
    for (int g = 0; g < GRADE_COUNT; g++)
        a->tps[g] += b->tps[g];
    a->posts += b->posts;
    a->places += b->places;
    a->polri += b->polri;
    a->tni += b->tni;
    a->linmas_places += b->linmas_places;
    a->linmas += b->linmas;
    a->empty += b->empty;
    a->reserve += b->reserve;
}

const char *io_plan_status_label(enum plan_status st)
{
    switch (st) {
    case PLAN_OPTIMAL: return "optimal (semua tempat terisi, terbukti optimal)";
    case PLAN_SHORTAGE: return "kekurangan personel (rencana terbaik, terbukti)";
    case PLAN_FEASIBLE: return "layak (belum terbukti optimal)";
    }
    return "";
}

const char *io_plan_status_label_tl(enum plan_status st,
                                    const struct shift_result *sr)
{
    if (sr == NULL || shift_result_empty(sr) == 0)
        return io_plan_status_label(st);
    switch (st) {
    case PLAN_OPTIMAL:
        return "kekurangan personel pada jadwal tahapan (hari pemungutan: "
               "semua tempat terisi; lihat Jadwal tahapan)";
    case PLAN_SHORTAGE:
        return "kekurangan personel (hari pemungutan dan jadwal tahapan; "
               "rencana terbaik)";
    case PLAN_FEASIBLE:
        break;
    }
    return io_plan_status_label(st);
}

struct plan_summary_row *io_plan_summary_rows(const struct scenario *s,
                                              const struct plan *p)
{
    struct plan_summary_row *rows = calloc((size_t)s->nkec + 2, sizeof *rows);
    if (rows == NULL)
        return NULL;
    struct plan_summary_row *wide = &rows[s->nkec]; /* reserves of units wider than a kecamatan */
    for (int t = 0; t < s->ntps; t++) {
        struct plan_summary_row *r = &rows[s->tps[t].kecamatan];
        r->tps[s->tps[t].grade]++;
        r->linmas_places += s->rules.linmas_per_tps;
    }
    for (int i = 0; i < p->npost; i++) {
        const struct post *po = &p->post[i];
        struct plan_summary_row *r = &rows[po->kecamatan];
        r->posts++;
        r->places += po->required;
        for (int k = 0; k < po->nguards; k++) {
            const struct unit *u = &s->unit[s->member[p->guard[po->first_guard + k]].unit];
            if (u->force == FORCE_TNI)
                r->tni++;
            else
                r->polri++;
        }
        r->empty += po->required - po->nguards;
    }
    for (int i = 0; i < p->nlinmas; i++)
        rows[s->tps[p->linmas[i].tps].kecamatan].linmas++;
    for (int k = 0; k < s->nkec; k++)
        rows[k].empty += rows[k].linmas_places - rows[k].linmas;
    for (int i = 0; i < p->nreserve; i++) {
        const struct unit *u = &s->unit[s->member[p->reserve[i]].unit];
        if (u->scope == SCOPE_KECAMATAN)
            rows[u->region].reserve++;
        else if (u->scope == SCOPE_DESA)
            rows[s->desa[u->region].kecamatan].reserve++;
        else
            wide->reserve++;
    }
    for (int k = 0; k <= s->nkec; k++)
        io_plan_summary_row_add(&rows[s->nkec + 1], &rows[k]);
    return rows;
}

struct plan_summary_row *io_plan_polres_rows(const struct scenario *s,
                                             const struct plan *p,
                                             const struct plan_summary_row *rows)
{
    if (s->npolres == 0 || s->kec_polres == NULL)
        return NULL;
    struct plan_summary_row *out = calloc((size_t)s->npolres + 2, sizeof *out);
    if (out == NULL)
        return NULL;
    for (int k = 0; k < s->nkec; k++)
        if (s->kec_polres[k] >= 0)
            io_plan_summary_row_add(&out[s->kec_polres[k]], &rows[k]);
    /* rows[nkec] holds the reserves of units wider than a kecamatan */
    for (int i = 0; i < p->nreserve; i++) {
        int u = s->member[p->reserve[i]].unit;
        enum scope sc = s->unit[u].scope;
        if (sc == SCOPE_KECAMATAN || sc == SCOPE_DESA)
            continue;
        int pr = scenario_unit_polres(s, u);
        out[pr >= 0 ? pr : s->npolres].reserve++;
    }
    for (int q = 0; q <= s->npolres; q++)
        io_plan_summary_row_add(&out[s->npolres + 1], &out[q]);
    return out;
}
