/*
 * alasan_anggota.c - alasan-anggota.csv (alasan_anggota.h).
 *
 * tambahan_km has three decimals (a metre), so that the same plan gives
 * the same bytes whatever rounding noise GLPK's sums carry below that;
 * tempat_alternatif and tambahan_km are empty unless a move is possible.
 */
#include "io/formats/alasan_anggota.h"

#include "io/formats/csv.h"
#include "io/report/plan_view.h"

const char *why_label(const struct member_why *w)
{
    if (w == NULL)
        return "tidak dihitung";
    switch (w->status) {
    case WHY_MOVE:
        return w->extra_km < 0.0005 ? "pindah tanpa tambahan jarak"
                                    : "pindah menambah jarak";
    case WHY_NO_OTHER:
        return "tidak ada tempat lain (semua tempat satuannya diisi satuannya)";
    case WHY_BLOCKED:
        return "tempat lain mana pun mengosongkan tempat";
    case WHY_UNKNOWN:
        break;
    }
    return "tidak dihitung";
}

const struct member_why *why_of_member(const struct scenario *s,
                                       const struct plan *p, int linmas,
                                       int site, int m)
{
    const struct member_why *w =
        member_why_find(p->why, p->nwhy, linmas, site, s->member[m].unit);
    return w != NULL && w->status != WHY_UNKNOWN ? w : NULL;
}

static void write_row(FILE *f, const struct scenario *s, const struct plan *p,
                      int linmas, int site, int m)
{
    char here[24], alt[24], km[32];
    const struct member_why *w = why_of_member(s, p, linmas, site, m);
    int move = w != NULL && w->status == WHY_MOVE;
    if (linmas) {
        scenario_tps_code(s, site, here);
        if (move)
            scenario_tps_code(s, w->alt, alt);
    } else {
        io_post_id(site, p->npost, here);
        if (move)
            io_post_id(w->alt, p->npost, alt);
    }
    if (move)
        snprintf(km, sizeof km, "%.3f", w->extra_km);
    csv_write_text(f, s->member[m].id, 0);
    csv_write_text(f, s->unit[s->member[m].unit].id, 0);
    csv_write_field(f, linmas ? "linmas" : "jaga", 0);
    csv_write_field(f, here, 0);
    csv_write_field(f, move ? alt : "", 0);
    csv_write_field(f, move ? km : "", 0);
    csv_write_field(f, why_label(w), 1);
}

int io_write_alasan_anggota_csv(FILE *f, const struct scenario *s,
                                const struct plan *p)
{
    fputs("id_anggota,satuan,tugas,tempat,tempat_alternatif,tambahan_km,"
          "keterangan\r\n", f);
    for (int q = 0; q < p->npost; q++) {
        const struct post *po = &p->post[q];
        for (int g = 0; g < po->nguards; g++)
            write_row(f, s, p, 0, q, p->guard[po->first_guard + g]);
    }
    for (int i = 0; i < p->nlinmas; i++)
        write_row(f, s, p, 1, p->linmas[i].tps, p->linmas[i].member);
    return ferror(f) ? -1 : 0;
}
