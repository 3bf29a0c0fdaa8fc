/*
 * shifts_write.c - shifts.csv, the timeline section of the summary and
 * the shift part of `siaga check` (shifts_write.h).  roster.xml version 2
 * is io_write_roster_xml_v2 (plan_write.h).
 */
#include "io/formats/shifts_write.h"

#include "io/formats/csv.h"

int io_write_shifts_csv(FILE *f, const struct scenario *s,
                        const struct timeline *tl, const struct shift_result *r)
{
    char a[24], b[24];
    fputs("member_id,phase,place,start,end\r\n", f);
    for (long i = 0; i < r->nshift; i++) {
        const struct tl_shift *sh = &r->shift[i];
        const struct tl_place *pl = &r->layout.place[sh->place];
        csv_write_text(f, s->member[sh->member].id, 0);
        csv_write_text(f, tl->phase[pl->phase].id, 0);
        csv_write_text(f, pl->id, 0);
        csv_write_field(f, tl_format_time(sh->start, a), 0);
        csv_write_field(f, tl_format_time(sh->end, b), 1);
    }
    return ferror(f) ? -1 : 0;
}

int io_write_shifts_summary(FILE *f, const struct scenario *s,
                            const struct timeline *tl,
                            const struct shift_result *r)
{
    static const char *const TIER[SHIFT_TIERS] = {
        "penjaga, sangat rawan", "penjaga, khusus", "penjaga, rawan",
        "penjaga, kurang rawan", "Linmas TPS, sangat rawan",
        "Linmas TPS, khusus", "Linmas TPS, rawan",
        "Linmas TPS, kurang rawan", "Linmas posko"};
    /* the khusus tiers (formats 1.6) only where there are TPS khusus, and
     * numbered as listed, so version-1 scenarios read as before */
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    fprintf(f, "\nJadwal tahapan (shift)\n");
    fprintf(f, "Shift terpanjang %d jam, istirahat minimal %d jam, "
               "perjalanan %.0f km/jam x %.2f.\n", tl->max_shift / 60,
            tl->min_rest / 60, tl->speed_kmh, tl->road_factor);
    for (int k = 0; k < tl->nphase; k++)
        if (tl->phase[k].kind == PHASE_TPS) {
            fprintf(f, "Tahap tps: shift sampai %d jam.\n",
                    timeline_max_shift(tl, k) / 60);
            break;
        }
    fprintf(f, "%-12s %12s %12s %12s\n", "tahap", "jam perlu", "jam terisi",
            "jam kosong");
    for (int k = 0; k < tl->nphase; k++)
        fprintf(f, "%-12s %12.1f %12.1f %12.1f\n", tl->phase[k].id,
                r->required[k] / 60.0, r->filled[k] / 60.0,
                (r->required[k] - r->filled[k]) / 60.0);
    fprintf(f, "Jam kosong menurut prioritas (%s):\n",
            r->proven ? "optimal terbukti" : "tidak terbukti: batas waktu");
    for (int t = 0, no = 0; t < SHIFT_TIERS; t++)
        if (kh || (t != 1 && t != GRADE_COUNT + 1))
            fprintf(f, "  %d. %-28s %10.1f\n", ++no, TIER[t],
                    r->tier_empty[t] / 60.0);
    /* no solve time: the same input gives the same bytes (the time goes
     * to the terminal summary only) */
    fprintf(f, "Shift: %ld; model terpisah: %d (terbesar %d variabel).\n",
            r->nshift, r->ncomponent, r->largest);
    fprintf(f, "Keadilan: selisih jam terbanyak dan tersedikit dalam satu "
               "satuan paling besar %.1f jam%s%s%s; jam terbanyak satu "
               "personel %.1f.\n", r->spread / 60.0,
            r->spread_unit >= 0 ? " (" : "",
            r->spread_unit >= 0 ? s->unit[r->spread_unit].id : "",
            r->spread_unit >= 0 ? ")" : "", r->most / 60.0);
    return ferror(f) ? -1 : 0;
}

static void tally_row(FILE *f, const char *code, const char *name,
                      const char *phase, const struct tl_tally *t)
{
    if (t->required == 0)
        return;
    fprintf(f, "  %-10s %-24.24s %-10s %10.1f %10.1f %6.1f%%\n", code, name,
            phase, t->required / 60.0, t->filled / 60.0,
            100.0 * (double)t->filled / (double)t->required);
}

int io_write_shift_audit(FILE *f, const struct scenario *s,
                         const struct timeline *tl, const struct tl_audit *a)
{
    fprintf(f, "\nShift: %ld aturan dilanggar\n", a->nviolation);
    for (long i = 0; i < a->nmessage; i++)
        fprintf(f, "  %s\n", a->message[i]);
    if (a->nviolation > a->nmessage)
        fprintf(f, "  ... dan %ld lagi\n", a->nviolation - a->nmessage);
    fprintf(f, "Cakupan per tahap (jam-tempat):\n");
    fprintf(f, "  %-10s %-24s %-10s %10s %10s %7s\n", "kode", "wilayah", "tahap",
            "perlu", "terisi", "");
    for (int ph = 0; ph < tl->nphase; ph++)
        tally_row(f, "", "semua", tl->phase[ph].id, &a->total[ph]);
    for (int k = 0; k < s->nkab; k++)
        for (int ph = 0; ph < tl->nphase; ph++)
            tally_row(f, s->kab[k].code, s->kab[k].name, tl->phase[ph].id,
                      &a->kab[ph * s->nkab + k]);
    for (int k = 0; k < s->nkec; k++)
        for (int ph = 0; ph < tl->nphase; ph++)
            tally_row(f, s->kec[k].code, s->kec[k].name, tl->phase[ph].id,
                      &a->kec[ph * s->nkec + k]);
    return ferror(f) ? -1 : 0;
}
