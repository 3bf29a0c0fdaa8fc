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
    fprintf(f, "Shift terpanjang %d jam", tl->max_shift / 60);
    /* phases with their own longest shift (the warehouse and the PPK
     * around the clock: 12 h) */
    int nown = 0;
    for (int k = 0; k < tl->nphase; k++)
        if (!timeline_is_duty(tl->phase[k].kind) &&
            timeline_max_shift(tl, k) != tl->max_shift)
            fprintf(f, "%s%s %d jam", nown++ ? ", " : " (", tl->phase[k].id,
                    timeline_max_shift(tl, k) / 60);
    if (nown > 0)
        fputc(')', f);
    fprintf(f, ", istirahat minimal %d jam, "
               "perjalanan %.0f km/jam x %.2f.\n",
            tl->min_rest / 60, tl->speed_kmh, tl->road_factor);
    for (int k = 0; k < tl->nphase; k++)
        if (tl->phase[k].kind == PHASE_TPS) {
            char a[24], b[24];
            fprintf(f, "Hari pemungutan: satu tugas tanpa shift dari apel %s "
                       "sampai kotak suara TPS berangkat (%s%s), lalu penjaga "
                       "pos mengawal kotak ke PPS dan PPK (%.0f km/jam, TPS "
                       "sulit %.0f km/jam); tugas paling lama %d jam.\n",
                    tl_format_time(tl->phase[k].start, a) + 11,
                    tl_format_time(tl->phase[k].end, b) + 11,
                    tl->sulit_delay > 0 ? ", TPS sulit lebih lambat" : "",
                    tl->escort_kmh, tl->escort_sulit_kmh, tl->duty_max / 60);
            break;
        }
    fprintf(f, "%-12s %12s %12s %12s\n", "tahap", "jam perlu", "jam terisi",
            "jam kosong");
    for (int k = 0; k < tl->nphase; k++)
        fprintf(f, "%-12s %12.1f %12.1f %12.1f\n", tl->phase[k].id,
                r->required[k] / 60.0, r->filled[k] / 60.0,
                (r->required[k] - r->filled[k]) / 60.0);
    bool any = false;
    for (int k = 0; k < tl->nphase; k++)
        if (r->required[k] > r->filled[k]) {
            if (!any)
                fprintf(f, "Kekurangan per tahap:\n");
            any = true;
            bool duty = timeline_is_duty(tl->phase[k].kind);
            fprintf(f, "  tahap %s: %.1f jam-tempat kosong%s\n", tl->phase[k].id,
                    (r->required[k] - r->filled[k]) / 60.0,
                    duty ? " (tempat hari pemungutan yang kosong: lihat "
                           "PERMINTAAN BKO di atas)" : "");
        }
    if (!any)
        fprintf(f, "Semua tahap terisi penuh.\n");
    if (r->nbko > 0) {
        long sum = 0;
        for (int i = 0; i < r->nbko; i++)
            sum += r->bko[i].count;
        fprintf(f, "BKO untuk tahapan: %ld personel lagi mengisi semua jam "
                   "kosong di luar hari pemungutan (cukup, belum terbukti "
                   "minimal):\n", sum);
        for (int i = 0; i < r->nbko; i++) {
            const struct shift_bko *b = &r->bko[i];
            fprintf(f, "  %-7s kecamatan %-8s %-22.22s %5d  (",
                    b->force == FORCE_LINMAS ? "linmas" : "polri",
                    s->kec[b->kec].code, s->kec[b->kec].name, b->count);
            const char *sep = "";
            for (int k = 0; k < tl->nphase; k++)
                if (b->phases & (1u << k)) {
                    fprintf(f, "%s%s", sep, tl->phase[k].id);
                    sep = ", ";
                }
            fprintf(f, ")\n");
        }
    }
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
