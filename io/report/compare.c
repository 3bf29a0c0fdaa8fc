/*
 * compare.c - the table of `siaga compare`.  A plan made here and a
 * roster read back are counted the same way, so a roster of siaga's own
 * plan gives the same column as the plan (the e2e test checks it).
 */
#include "io/report/compare.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/geo.h"

void io_compare_from_plan(const struct scenario *s, const struct plan *p,
                          const struct bko_request *bko,
                          struct compare_column *c)
{
    const char *label = c->label;
    memset(c, 0, sizeof *c);
    c->label = label;
    snprintf(c->status, sizeof c->status, "%s", plan_status_name(p->status));
    c->tps = s->ntps;
    c->posts = p->npost;
    for (int q = 0; q < p->npost; q++) {
        const struct post *po = &p->post[q];
        c->places += po->required;
        c->empty[po->grade] += po->required - po->nguards;
        for (int k = 0; k < po->nguards; k++) {
            int u = s->member[p->guard[po->first_guard + k]].unit;
            if (s->unit[u].force == FORCE_TNI)
                c->tni++;
            else
                c->polri++;
        }
    }
    c->linmas_places = (long)s->rules.linmas_per_tps * s->ntps;
    c->linmas = p->nlinmas;
    c->empty_linmas = c->linmas_places - c->linmas;
    c->reserve = p->nreserve;
    c->personnel = s->nmember;
    c->km = p->obj.member_km;
    if (bko != NULL) {
        c->has_bko = true;
        for (int f = 0; f < FORCE_COUNT; f++)
            c->bko[f] = bko->total[f];
        c->bko_sum = bko->sum;
    }
}

static double base_to_tps(const struct scenario *s, int m, int t)
{
    const struct unit *u = &s->unit[s->member[m].unit];
    return geo_distance_km(u->lat, u->lon, s->tps[t].lat, s->tps[t].lon);
}

void io_compare_from_roster(const struct scenario *s,
                            const struct raw_roster *r,
                            struct compare_column *c)
{
    const char *label = c->label;
    memset(c, 0, sizeof *c);
    c->label = label;
    c->from_roster = true;
    snprintf(c->status, sizeof c->status, "%s", r->status ? r->status : "");
    c->tps = s->ntps;
    c->posts = r->npost;
    for (int q = 0; q < r->npost; q++) {
        const struct raw_post *po = &r->post[q];
        int anchor = po->ntps > 0 ? scenario_find_tps(s, r->tps[po->first_tps].id) : -1;
        int g = po->grade ? grade_parse(po->grade) : -1;
        if (g < 0 && anchor >= 0)
            g = (int)s->tps[anchor].grade;
        if (g < 0)
            continue;
        long need = s->rules.grade[g].guards, filled = 0;
        for (int k = 0; k < po->nguards; k++) {
            int m = scenario_find_member(s, r->guard[po->first_guard + k].member);
            if (m < 0 || filled == need)
                continue;
            filled++;
            if (s->unit[s->member[m].unit].force == FORCE_TNI)
                c->tni++;
            else
                c->polri++;
            if (anchor >= 0)
                c->km += base_to_tps(s, m, anchor);
        }
        c->places += need;
        c->empty[g] += need - filled;
    }
    c->linmas_places = (long)s->rules.linmas_per_tps * s->ntps;
    int *at = calloc((size_t)s->ntps + 1, sizeof(int));
    for (int i = 0; i < r->nlinmas; i++) {
        int t = scenario_find_tps(s, r->linmas[i].tps);
        int m = scenario_find_member(s, r->linmas[i].member);
        if (t < 0 || m < 0 || (at != NULL && at[t] >= s->rules.linmas_per_tps))
            continue;
        if (at != NULL)
            at[t]++;
        c->linmas++;
        c->km += base_to_tps(s, m, t);
    }
    free(at);
    c->empty_linmas = c->linmas_places - c->linmas;
    c->reserve = r->nreserve;
    c->personnel = s->nmember;
}

/* ---- the table ---------------------------------------------------------- */

#define LABEL_W 30
#define COL_W 14

static void row_long(FILE *f, const char *label, const struct compare_column *c,
                     int n, size_t off)
{
    fprintf(f, "%-*s", LABEL_W, label);
    for (int i = 0; i < n; i++)
        fprintf(f, " %*ld", COL_W, *(const long *)((const char *)&c[i] + off));
    fputc('\n', f);
}

#define ROW(f, label, c, n, field) row_long(f, label, c, n, offsetof(struct compare_column, field))

int io_write_compare(FILE *f, const struct compare_column *c, int n)
{
    fprintf(f, "PERBANDINGAN RENCANA PENGAMANAN TPS\n\n");
    fprintf(f, "%-*s", LABEL_W, "");
    for (int i = 0; i < n; i++) {
        char h[32];
        snprintf(h, sizeof h, "[%d]", i + 1);
        fprintf(f, " %*s", COL_W, h);
    }
    fputc('\n', f);
    fprintf(f, "%-*s", LABEL_W, "Sumber");
    for (int i = 0; i < n; i++)
        fprintf(f, " %*s", COL_W, c[i].from_roster ? "roster" : "rencana");
    fputc('\n', f);
    fprintf(f, "%-*s", LABEL_W, "Status");
    for (int i = 0; i < n; i++)
        fprintf(f, " %*.*s", COL_W, COL_W, c[i].status);
    fputc('\n', f);
    ROW(f, "TPS", c, n, tps);
    ROW(f, "Pos", c, n, posts);
    ROW(f, "Tempat jaga", c, n, places);
    ROW(f, "  diisi Polri", c, n, polri);
    ROW(f, "  diisi TNI", c, n, tni);
    ROW(f, "  kosong sangat rawan", c, n, empty[GRADE_SANGAT_RAWAN]);
    bool kh = false; /* a khusus row only where one is empty: v1 tables stay */
    for (int i = 0; i < n; i++)
        kh |= c[i].empty[GRADE_KHUSUS] > 0;
    if (kh)
        ROW(f, "  kosong TPS khusus", c, n, empty[GRADE_KHUSUS]);
    ROW(f, "  kosong rawan", c, n, empty[GRADE_RAWAN]);
    ROW(f, "  kosong kurang rawan", c, n, empty[GRADE_KURANG_RAWAN]);
    ROW(f, "Tempat Linmas", c, n, linmas_places);
    ROW(f, "  diisi Linmas", c, n, linmas);
    ROW(f, "  kosong", c, n, empty_linmas);
    ROW(f, "Personel dalam skenario", c, n, personnel);
    ROW(f, "Cadangan", c, n, reserve);
    fprintf(f, "%-*s", LABEL_W, "Jarak personel ke pos (km)");
    for (int i = 0; i < n; i++)
        fprintf(f, " %*.2f", COL_W, c[i].km);
    fputc('\n', f);
    static const char *const BKO[] = {"  Polri", "  TNI", "  Linmas"};
    for (int k = -1; k < FORCE_COUNT; k++) {
        fprintf(f, "%-*s", LABEL_W, k < 0 ? "Permintaan BKO" : BKO[k]);
        for (int i = 0; i < n; i++) {
            if (!c[i].has_bko)
                fprintf(f, " %*s", COL_W, "-");
            else
                fprintf(f, " %*ld", COL_W, k < 0 ? c[i].bko_sum : c[i].bko[k]);
        }
        fputc('\n', f);
    }
    fprintf(f, "\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "[%d] %s\n", i + 1, c[i].label);
    fprintf(f, "\nTempat jaga dihitung dari aturan skenario per tingkat pos; "
            "kolom roster dihitung ulang dari berkasnya (tanpa BKO: '-').\n");
    return ferror(f) ? -1 : 0;
}
