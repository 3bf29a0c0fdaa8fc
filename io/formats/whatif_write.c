/*
 * whatif_write.c - bko.csv and the what-if sections of ringkasan.txt, in
 * Bahasa Indonesia like the rest of the summary.
 */
#include "io/formats/whatif_write.h"

#include <string.h>

#include "io/formats/csv.h"

static const char *const FORCE_LABEL[] = {"Polri", "TNI", "Linmas"};

/* Code and name of region r of scope sc. */
static void region_of(const struct scenario *s, enum scope sc, int r,
                      const char **code, const char **name)
{
    *code = "";
    *name = "(di mana saja)";
    scenario_region(s, sc, r, code, name);
}

int io_write_bko_csv(FILE *f, const struct scenario *s,
                     const struct bko_request *r)
{
    /* formats 1.6: with <bko size>, two columns at the end (formations,
     * size; empty on a row of a force requested by person); without,
     * the version-1 file byte for byte */
    bool sized = false;
    for (int k = 0; k < FORCE_COUNT; k++)
        sized |= s->rules.bko_size[k] > 0;
    fputs(sized ? "force,scope,region,count,formations,size\r\n"
                : "force,scope,region,count\r\n", f);
    for (int i = 0; r != NULL && i < r->nrow; i++) {
        const struct bko_row *row = &r->row[i];
        const char *code, *name;
        region_of(s, row->scope, row->region, &code, &name);
        char count[24], nf[24] = "", size[24] = "";
        snprintf(count, sizeof count, "%ld", row->count);
        if (row->size > 0) {
            snprintf(nf, sizeof nf, "%ld", row->formations);
            snprintf(size, sizeof size, "%d", row->size);
        }
        csv_write_text(f, force_name(row->force), 0);
        csv_write_text(f, scope_name(row->scope), 0);
        csv_write_text(f, code, 0);   /* a code from the scenario: text */
        csv_write_field(f, count, !sized);
        if (sized) {
            csv_write_field(f, nf, 0);
            csv_write_field(f, size, 1);
        }
    }
    return ferror(f) ? -1 : 0;
}

static void write_bko(FILE *f, const struct scenario *s,
                      const struct bko_request *r)
{
    fprintf(f, "\nPERMINTAAN BKO (bko.csv)\n");
    if (r->nrow == 0) {
        fprintf(f, "Tidak perlu: semua tempat jaga dan Linmas terisi.\n");
        return;
    }
    fprintf(f, "Tambahan personel %sagar semua tempat terisi: %ld "
            "(Polri %ld, TNI %ld, Linmas %ld)\n",
            r->limited ? "" : "paling sedikit ", r->sum,
            r->total[FORCE_POLRI], r->total[FORCE_TNI], r->total[FORCE_LINMAS]);
    if (r->sized)
        fprintf(f, "Dalam formasi (rules <bko>): %ld formasi%s; personel "
                "perorangan dihitung satu formasi.\n", r->formations,
                r->limited ? "" : ", paling sedikit");
    fprintf(f, "%-8s %-10s %-11s %-24s %6s%s\n", "Kekuatan", "Lingkup", "Kode",
            "Wilayah", "Jumlah", r->sized ? "  Formasi" : "");
    for (int i = 0; i < r->nrow; i++) {
        const struct bko_row *row = &r->row[i];
        const char *code, *name;
        region_of(s, row->scope, row->region, &code, &name);
        fprintf(f, "%-8s %-10s %-11s %-24.24s %6ld", FORCE_LABEL[row->force],
                scope_name(row->scope), code, name, row->count);
        if (row->size > 0)
            fprintf(f, "  %ld x %d", row->formations, row->size);
        fputc('\n', f);
    }
    if (r->limited)
        fprintf(f, "Batas waktu: permintaan ini mengisi semua tempat, tetapi "
                "belum terbukti paling sedikit.\n");
    else if (r->proven && r->sized)
        fprintf(f, "Terbukti minimum (solver, program bilangan bulat): dengan "
                "satu satuan BKO per baris semua tempat terisi; kurang satu "
                "formasi pada baris mana pun, ada tempat kosong. Di antara "
                "permintaan dengan formasi paling sedikit: personel paling "
                "sedikit, lalu TNI lebih dulu di tempat yang boleh diisi "
                "TNI.\n");
    else if (r->proven)
        fprintf(f, "Terbukti minimum (solver): dengan satu satuan BKO per baris "
                "semua tempat terisi; kurang satu orang pada baris mana pun, "
                "ada tempat kosong. Bila jumlah sama, TNI diminta lebih dulu "
                "di tempat yang boleh diisi TNI.\n");
    else
        fprintf(f, "Minimum untuk pos-pos rencana ini (terbukti oleh solver). "
                "Ada satuan jaga lingkup desa atau rencana belum terbukti "
                "optimal, jadi pengelompokan TPS lain mungkin butuh lebih "
                "sedikit.\n");
}

static void delta(FILE *f, long d, int width)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%+ld", d);
    fprintf(f, " %*s", width, buf);
}

static void write_stages(FILE *f, const struct plan_extras *x)
{
    fprintf(f, "\nDAMPAK PERUBAHAN (tiap overlay dibanding tahap "
            "sebelumnya; tiap tahap direncanakan ulang)\n");
    fprintf(f, "%-34s %5s %6s %7s %9s %8s %6s %5s\n", "Tahap", "Pos", "Jaga",
            "Linmas", "Kebutuhan", "Personel", "Kosong", "BKO");
    for (int i = 0; i < x->nstage; i++) {
        const struct whatif_stage *st = &x->stage[i];
        char label[64];
        long need = st->guard_places + st->linmas_places;
        long have = st->personnel[0] + st->personnel[1] + st->personnel[2];
        long empty = st->empty_guard + st->empty_linmas;
        if (i == 0)
            snprintf(label, sizeof label, "0 skenario dasar");
        else
            snprintf(label, sizeof label, "%d %s", i, st->label);
        fprintf(f, "%-34.34s %5ld %6ld %7ld %9ld %8ld %6ld %5ld\n", label,
                st->posts, st->guard_places, st->linmas_places, need, have,
                empty, st->bko_sum);
        if (i > 0) {
            const struct whatif_stage *pr = &x->stage[i - 1];
            fprintf(f, "%-34s", "  selisih");
            delta(f, st->posts - pr->posts, 5);
            delta(f, st->guard_places - pr->guard_places, 6);
            delta(f, st->linmas_places - pr->linmas_places, 7);
            delta(f, need - pr->guard_places - pr->linmas_places, 9);
            delta(f, have - pr->personnel[0] - pr->personnel[1] -
                     pr->personnel[2], 8);
            delta(f, empty - pr->empty_guard - pr->empty_linmas, 6);
            delta(f, st->bko_sum - pr->bko_sum, 5);
            fputc('\n', f);
        }
    }
    fprintf(f, "Jaga/Linmas: tempat yang harus diisi; Kebutuhan = personel "
            "yang dibutuhkan rencana (jaga + Linmas); Personel = anggota "
            "dalam skenario; BKO = tambahan minimum yang terbukti.\n");
    for (int i = 1; i < x->nstage; i++) {
        const struct whatif_stage *st = &x->stage[i], *pr = &x->stage[i - 1];
        long dneed = st->guard_places + st->linmas_places -
                     pr->guard_places - pr->linmas_places;
        fprintf(f, "Perubahan %d (%s): kebutuhan personel %+ld (jaga %+ld, "
                "Linmas %+ld); permintaan BKO %ld -> %ld (%+ld).\n", i,
                st->label, dneed, st->guard_places - pr->guard_places,
                st->linmas_places - pr->linmas_places, pr->bko_sum,
                st->bko_sum, st->bko_sum - pr->bko_sum);
    }
}

int io_write_whatif_summary(FILE *f, const struct scenario *s,
                            const struct plan_extras *x)
{
    if (x->bko != NULL)
        write_bko(f, s, x->bko);
    if (x->nstage > 1)
        write_stages(f, x);
    return ferror(f) ? -1 : 0;
}
