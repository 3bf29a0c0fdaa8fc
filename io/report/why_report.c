/*
 * why_report.c - the members' next-best places in laporan.html
 * (why_report.h).  The words are alasan_anggota.c's, so the report and
 * alasan-anggota.csv say the same.
 */
#include "io/report/why_report.h"

#include "io/formats/alasan_anggota.h"
#include "model/member_why.h"

static void row(struct out *o, const struct scenario *s, const struct plan *p,
                const struct plan_view *v, int linmas, int site, int m)
{
    char code[24];
    const struct member_why *w = why_of_member(s, p, linmas, site, m);
    out_put(o, "<tr><td>");
    out_esc(o, s->member[m].name);
    out_put(o, " <span class=\"kode\">");
    out_esc(o, s->member[m].id);
    out_put(o, "</span></td><td>%s</td><td class=\"kode\">%s</td><td class=\"kode\">",
            linmas ? "Linmas" : "jaga",
            linmas ? scenario_tps_code(s, site, code) : v->post_id[site]);
    if (w != NULL && w->status == WHY_MOVE)
        out_put(o, "%s</td><td class=\"n\">%.3f",
                linmas ? scenario_tps_code(s, w->alt, code) : v->post_id[w->alt],
                w->extra_km);
    else
        out_put(o, "-</td><td class=\"n\">-");
    out_put(o, "</td><td>%s</td></tr>\n", why_label(w));
}

void io_member_why_html_kec(struct out *o, const struct scenario *s,
                            const struct plan *p, const struct plan_view *v,
                            int k)
{
    if (p->why == NULL)
        return;
    out_put(o, "<h3>Alasan penempatan anggota</h3>\n<p>Untuk tiap anggota: tempat "
               "terbaik berikutnya dan tambahan jarak total (km, dari markas "
               "satuan ke tempat) bila satu anggota lagi dari satuannya ditempatkan "
               "di sana dan semua anggota lain diatur ulang sebaik mungkin, dengan "
               "tempat terisi per tingkat dan anggota satuan cadangan yang terpakai "
               "tetap sama. 0.000: pindah tanpa tambahan jarak.</p>\n<table class=\"alasan-anggota\">\n<thead><tr><th>Anggota"
               "</th><th>Tugas</th><th>Tempat</th><th>Tempat berikutnya</th>"
               "<th class=\"n\">Tambahan km</th><th>Keterangan</th></tr></thead>\n"
               "<tbody>\n");
    for (int q = v->kec_post_first[k]; q < v->kec_post_first[k + 1]; q++) {
        int i = v->kec_post[q];
        const struct post *po = &p->post[i];
        for (int g = 0; g < po->nguards; g++)
            row(o, s, p, v, 0, i, p->guard[po->first_guard + g]);
    }
    for (int q = v->kec_tps_first[k]; q < v->kec_tps_first[k + 1]; q++) {
        int t = v->kec_tps[q];
        for (int j = v->linmas_first[t]; j < v->linmas_first[t + 1]; j++)
            row(o, s, p, v, 1, t, v->linmas_member[j]);
    }
    out_put(o, "</tbody>\n</table>\n");
}
