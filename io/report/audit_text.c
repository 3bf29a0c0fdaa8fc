/*
 * audit_text.c - print an audit report (model/audit.h) for the KPU, in
 * Bahasa Indonesia.  Sections: rule violations (FILE:LINE: pelanggaran:
 * ..., warnings as "peringatan"), TPS kurang personel, Rekap cakupan, and
 * the verdict on the last line.  The coverage table lists each kabupaten's
 * kecamatan in scenario order, each kecamatan's desa rows before its own
 * row, and the kabupaten row after its kecamatan; names come last on a
 * row so that multi-byte names cannot spoil the alignment.
 */
#include "io/report/audit_text.h"

#include <stdlib.h>

#include "io/report/out.h"

static void findings(struct out *o, const struct audit_report *rep)
{
    out_put(o, "Pelanggaran aturan: %ld", rep->nviolation);
    if (rep->nwarning > 0)
        out_put(o, " (dan %ld peringatan)", rep->nwarning);
    out_put(o, "\n");
    for (long i = 0; i < rep->nfinding; i++) {
        const struct audit_finding *fd = &rep->finding[i];
        const char *kind =
            fd->level == AUDIT_VIOLATION ? "pelanggaran" : "peringatan";
        if (fd->line > 0)
            out_put(o, "%s:%ld: %s: %s\n", fd->file, fd->line, kind, fd->message);
        else
            out_put(o, "%s: %s: %s\n", fd->file, kind, fd->message);
    }
    if (rep->nfinding == 0)
        out_put(o, "(tidak ada)\n");
}

static void shortfalls(struct out *o, const struct scenario *s,
                       const struct audit_report *rep)
{
    char code[16];
    out_put(o, "\nTPS kurang personel: %ld\n", rep->nshort);
    for (long i = 0; i < rep->nshort; i++) {
        const struct audit_short *sh = &rep->shortfall[i];
        out_put(o, "%s  %-12s  ", scenario_tps_code(s, sh->tps, code),
                grade_label(s->tps[sh->tps].grade));
        if (sh->post != NULL)
            out_put(o, "pos %s: pengamanan %d dari %d (Polri %d, minimal %d; "
                       "TNI %d)", sh->post, sh->polri + sh->tni,
                    sh->guards_required, sh->polri, sh->min_polri, sh->tni);
        else
            out_put(o, "tanpa pos");
        out_put(o, "; Linmas %d dari %d\n", sh->linmas, sh->linmas_required);
    }
    if (rep->nshort == 0)
        out_put(o, "(tidak ada)\n");
}

static void row(struct out *o, const char *level, const char *code,
                const struct audit_tally *t, const char *name, bool kh)
{
    out_put(o, "%-10s %-10s %6ld %6ld %6ld", level, code,
            t->tps[GRADE_KURANG_RAWAN], t->tps[GRADE_RAWAN],
            t->tps[GRADE_SANGAT_RAWAN]);
    if (kh) /* the khusus column only where there are TPS khusus */
        out_put(o, " %6ld", t->tps[GRADE_KHUSUS]);
    out_put(o, " %7ld %7ld %7ld %7ld %7ld", t->guard_required, t->guard_polri,
            t->guard_tni, t->linmas_required, t->linmas_filled);
    if (name != NULL && name[0] != '\0')
        out_put(o, "  %s", name);
    out_put(o, "\n");
}

static int kec_parent(const struct scenario *s, int i)
{
    return s->kec[i].kabupaten;
}

static int desa_parent(const struct scenario *s, int i)
{
    return s->desa[i].kecamatan;
}

/* Children of each parent in index order: order[] grouped by parent,
 * start[p]..start[p+1] the range of parent p (a counting sort). */
static int group(const struct scenario *s, int nchild, int nparent,
                 int (*parent)(const struct scenario *, int),
                 int **order_out, int **start_out)
{
    int *order = malloc((nchild > 0 ? (size_t)nchild : 1) * sizeof *order);
    int *start = calloc((size_t)nparent + 2, sizeof *start);
    if (order == NULL || start == NULL) {
        free(order);
        free(start);
        return -1;
    }
    for (int i = 0; i < nchild; i++)
        start[parent(s, i) + 2]++;
    for (int p = 0; p < nparent; p++)
        start[p + 2] += start[p + 1];
    for (int i = 0; i < nchild; i++)
        order[start[parent(s, i) + 1]++] = i;
    *order_out = order;
    *start_out = start;
    return 0;
}

static int coverage(struct out *o, const struct scenario *s,
                    const struct audit_report *rep)
{
    int rc = -1;
    int *kec_order = NULL, *kec_start = NULL, *desa_order = NULL,
        *desa_start = NULL;
    if (group(s, s->nkec, s->nkab, kec_parent, &kec_order, &kec_start) ||
        group(s, s->ndesa, s->nkec, desa_parent, &desa_order, &desa_start))
        goto done;

    out_put(o, "\nRekap cakupan\n");
    bool kh = rep->total.tps[GRADE_KHUSUS] > 0;
    out_put(o, "%-10s %-10s %*s %23s %15s\n", "", "", kh ? 27 : 20,
            kh ? "---------- TPS ----------" : "------- TPS --------",
            "-- tempat pengamanan --", "--- Linmas ----");
    out_put(o, "%-10s %-10s %6s %6s %6s%s %7s %7s %7s %7s %7s  %s\n", "tingkat",
            "kode", "KR", "R", "SR", kh ? "      K" : "", "wajib", "Polri", "TNI",
            "wajib", "terisi", "nama");
    for (int k = 0; k < s->nkab; k++) {
        for (int i = kec_start[k]; i < kec_start[k + 1]; i++) {
            int c = kec_order[i];
            for (int j = desa_start[c]; j < desa_start[c + 1]; j++) {
                int d = desa_order[j];
                row(o, "desa", s->desa[d].code, &rep->desa[d],
                    s->desa[d].name, kh);
            }
            row(o, "kecamatan", s->kec[c].code, &rep->kec[c], s->kec[c].name, kh);
        }
        row(o, "kabupaten", s->kab[k].code, &rep->kab[k], s->kab[k].name, kh);
    }
    row(o, "TOTAL", "", &rep->total, "", kh);
    rc = 0;
done:
    free(kec_order);
    free(kec_start);
    free(desa_order);
    free(desa_start);
    return rc;
}

int io_write_audit(FILE *f, const struct scenario *s,
                   const struct audit_report *rep)
{
    struct out o = {f, 0};
    out_put(&o, "Audit roster %s\n", rep->roster_file);
    out_put(&o, "Skenario \"%s\" (%s)\n\n", rep->scenario_name, rep->scenario_file);
    findings(&o, rep);
    shortfalls(&o, s, rep);
    if (coverage(&o, s, rep) != 0)
        return -1;
    out_put(&o, "\n");
    if (audit_passed(rep))
        out_put(&o, "HASIL: LULUS\n");
    else
        out_put(&o, "HASIL: TIDAK LULUS (%ld pelanggaran, %ld TPS kurang)\n",
                    rep->nviolation, rep->nshort);
    if (fflush(f) != 0 || ferror(f))
        o.err = 1;
    return o.err ? -1 : 0;
}
