/*
 * changes_write.c - the changes of a re-plan, for the Kapolsek: who moves
 * from where to where, which posts are new and which are closed.
 */
#include "io/formats/changes_write.h"

#include "io/formats/csv.h"

const char *io_change_kind_name(enum change_kind k)
{
    switch (k) {
    case CHANGE_MOVED: return "pindah";
    case CHANGE_JOINED: return "anggota_baru";
    case CHANGE_LEFT: return "anggota_keluar";
    case CHANGE_POST_NEW: return "pos_baru";
    case CHANGE_POST_CLOSED: return "pos_ditutup";
    case CHANGE_UNIT: return "pindah_satuan";
    }
    return "";
}

int io_write_changes_csv(FILE *f, const struct change_list *cl)
{
    fputs("jenis,member_id,nama,satuan,dari,ke\r\n", f);
    for (int i = 0; i < cl->n; i++) {
        const struct change *c = &cl->item[i];
        csv_write_text(f, io_change_kind_name(c->kind), 0);
        csv_write_text(f, c->member, 0);
        csv_write_text(f, c->name, 0);
        csv_write_text(f, c->unit, 0);
        csv_write_text(f, c->from, 0);
        csv_write_text(f, c->to, 1);
    }
    return ferror(f) ? -1 : 0;
}

int io_write_changes_summary(FILE *f, const struct change_list *cl)
{
    fprintf(f, "\nPERUBAHAN TERHADAP ROSTER DASAR (--baseline)\n");
    fprintf(f, "Anggota pindah tempat            : %ld dari %ld "
               "(rencana dari nol memindahkan %ld)\n",
            cl->moved, cl->members, cl->moved_scratch);
    fprintf(f, "Anggota baru yang ditempatkan    : %ld\n", cl->joined);
    fprintf(f, "Anggota yang keluar dari skenario: %ld\n", cl->left);
    if (cl->unit_changed > 0)
        fprintf(f, "Anggota pindah satuan            : %ld\n",
                cl->unit_changed);
    fprintf(f, "Pos dipertahankan / baru / ditutup: %ld / %ld / %ld "
               "(rencana dari nol: %ld pos)\n",
            cl->posts_kept, cl->posts_new, cl->posts_closed, cl->posts_scratch);
    if (cl->pins > 0)
        fprintf(f, "Anggota dikunci (--pin)          : %d\n", cl->pins);
    if (cl->fallback)
        fprintf(f, "Catatan: mempertahankan pos lama membuat tempat kosong; "
                   "pos digambar ulang seperti rencana dari nol.\n");
    if (cl->conflict != NULL)
        fprintf(f, "KONFLIK: %s.\n", cl->conflict);
    fprintf(f, "Urutan sasaran: tempat kosong (sama dengan rencana dari nol), "
               "lalu perpindahan\nanggota paling sedikit (terbukti untuk pos "
               "yang dipertahankan), lalu pos baru,\nlalu jumlah pos dan jarak. "
               "Rincian di perubahan.csv.\n");
    return ferror(f) ? -1 : 0;
}
