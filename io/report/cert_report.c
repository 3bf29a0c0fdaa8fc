/*
 * cert_report.c - shortage certificates in words (cert_report.h).
 */
#include "io/report/cert_report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "io/report/plan_view.h"
#include "model/tally.h"

/* Append to a bounded buffer; past its end the text is cut with "...". */
struct sbuf { char *b; size_t n, len; int cut; };

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_put(struct sbuf *sb, const char *fmt, ...)
{
    if (sb->cut)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(sb->b + sb->len, sb->n - sb->len, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= sb->n - sb->len) {
        sb->cut = 1;
        if (sb->n >= 4)
            memcpy(sb->b + sb->n - 4, "...", 4);
        return;
    }
    sb->len += (size_t)w;
}

/* ", " between items, " dan " before the last. */
static const char *sep(int i, int n)
{
    return i == 0 ? "" : i == n - 1 ? " dan " : ", ";
}

#define MAX_NAMED 8   /* units named in a sentence; the rest are counted */

char *io_cert_sentence(char *buf, size_t n, const struct scenario *s,
                       const struct plan *p, const struct cert_set *c, int k)
{
    const struct certificate *ct = &c->cert[k];
    struct sbuf sb = {buf, n, 0, 0};
    buf[0] = '\0';
    long cnt[CERT_KIND_COUNT] = {0};
    int grades = 0, lastpost = -1, nposts = 0, nkec = 0;
    int kec[16];
    for (int i = 0; i < ct->nplace; i++) {
        const struct cert_place *pl = &ct->place[i];
        cnt[pl->kind] += pl->count;
        int kk;
        if (pl->kind == CERT_LINMAS) {
            kk = s->tps[pl->site].kecamatan;
        } else {
            kk = p->post[pl->site].kecamatan;
            grades |= 1 << p->post[pl->site].grade;
            if (pl->site != lastpost)
                nposts++;
            lastpost = pl->site;
        }
        int seen = 0;
        for (int j = 0; j < nkec && j < 16 && !seen; j++)
            seen = kec[j] == kk;
        if (!seen) {
            if (nkec < 16)
                kec[nkec] = kk;
            nkec++;
        }
    }
    sb_put(&sb, "Kecamatan ");
    for (int j = 0; j < nkec && j < 16; j++)
        sb_put(&sb, "%s%s", sep(j, nkec < 16 ? nkec : 16), s->kec[kec[j]].name);
    if (nkec > 16)
        sb_put(&sb, " dan %d kecamatan lain", nkec - 16);
    sb_put(&sb, ": ");
    static const char *const what[CERT_KIND_COUNT] = {
        "tempat jaga Polri", "tempat jaga Polri/TNI", "tempat Linmas"};
    int nk = 0, ik = 0;
    for (int q = 0; q < CERT_KIND_COUNT; q++)
        nk += cnt[q] > 0;
    for (int q = 0; q < CERT_KIND_COUNT; q++)
        if (cnt[q] > 0)
            sb_put(&sb, "%s%ld %s", sep(ik++, nk), cnt[q], what[q]);
    if (nposts > 0) {
        sb_put(&sb, " di %d pos", nposts);
        int ng = 0, ig = 0;
        for (int g = GRADE_COUNT - 1; g >= 0; g--)
            ng += (grades >> g) & 1;
        for (int g = GRADE_COUNT - 1; g >= 0; g--)
            if ((grades >> g) & 1)
                sb_put(&sb, "%s%s", ig++ ? (ig == ng ? " dan " : ", ") : " ",
                       grade_label((enum grade)g));
    }
    if (ct->nunit == 0) {
        sb_put(&sb, ", tidak dapat diisi satuan mana pun");
    } else {
        sb_put(&sb, ", hanya dapat diisi oleh ");
        int named = ct->nunit <= MAX_NAMED ? ct->nunit : MAX_NAMED - 1;
        long rest = 0;
        for (int i = named; i < ct->nunit; i++)
            rest += s->unit[ct->unit[i]].nmembers;
        int items = named + (named < ct->nunit);
        for (int i = 0; i < named; i++)
            sb_put(&sb, "%s%s (%d)", sep(i, items), s->unit[ct->unit[i]].name,
                   s->unit[ct->unit[i]].nmembers);
        if (named < ct->nunit)
            sb_put(&sb, " dan %d satuan lain (%ld)", ct->nunit - named, rest);
    }
    sb_put(&sb, ": kurang %ld", ct->places - ct->members);
    return buf;
}

/* Does BKO row r add members who could fill a place of certificate ct? */
static int answers(const struct scenario *s, const struct plan *p,
                   const struct bko_row *r, const struct certificate *ct)
{
    for (int i = 0; i < ct->nplace; i++) {
        const struct cert_place *pl = &ct->place[i];
        bool ok = pl->kind == CERT_LINMAS ? r->force == FORCE_LINMAS
                : pl->kind == CERT_POLRI ? r->force == FORCE_POLRI
                : force_is_guard(r->force);
        if (!ok)
            continue;
        int t = pl->kind == CERT_LINMAS ? pl->site : p->post[pl->site].tps[0];
        const struct tps *tp = &s->tps[t];
        switch (r->scope) {
        case SCOPE_ANY: return 1;
        case SCOPE_KABUPATEN: if (tp->kabupaten == r->region) return 1; break;
        case SCOPE_KECAMATAN: if (tp->kecamatan == r->region) return 1; break;
        case SCOPE_DESA: if (tp->desa == r->region) return 1; break;
        case SCOPE_POLRES:
            if (scenario_tps_polres(s, t) == r->region)
                return 1;
            break;
        }
    }
    return 0;
}

static const char *region_name(const struct scenario *s, enum scope sc, int r)
{
    const char *name = "di mana saja";
    scenario_region(s, sc, r, NULL, &name);
    return name;
}

int io_write_cert_summary(FILE *f, const struct scenario *s,
                          const struct plan *p, const struct cert_set *c,
                          const struct bko_request *bko)
{
    if (c == NULL || c->empty == 0)
        return ferror(f) ? -1 : 0;
    char line[4096];
    fprintf(f, "\nBUKTI KEKURANGAN (kekurangan.csv)\n");
    if (c->deficit == c->empty)
        fprintf(f, "%d bukti, kekurangan %ld = semua tempat kosong: tidak ada "
                "pengisian pos-pos ini yang mengosongkan lebih sedikit "
                "tempat.\n", c->ncert, c->deficit);
    else
        fprintf(f, "%d bukti, kekurangan %ld dari %ld tempat kosong: "
                "pengisian rencana ini belum terbukti terbaik.\n", c->ncert,
                c->deficit, c->empty);
    for (int k = 0; k < c->ncert; k++) {
        fprintf(f, "Bukti %d. %s\n", k + 1,
                io_cert_sentence(line, sizeof line, s, p, c, k));
        int first = 1;
        for (int i = 0; bko != NULL && i < bko->nrow; i++) {
            const struct bko_row *r = &bko->row[i];
            if (!answers(s, p, r, &c->cert[k]))
                continue;
            fprintf(f, "%s %s %s %s %ld", first ? "  Dijawab BKO:" : ";",
                    plan_view_force_label(r->force), scope_name(r->scope),
                    region_name(s, r->scope, r->region), r->count);
            first = 0;
        }
        if (!first)
            fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

void io_cert_html_kec(struct out *o, const struct scenario *s,
                      const struct plan *p, const struct cert_set *c, int k)
{
    char line[4096];
    int shown = 0;
    for (int q = 0; c != NULL && q < c->ncert; q++) {
        const struct certificate *ct = &c->cert[q];
        int here = 0;
        for (int i = 0; i < ct->nplace && !here; i++) {
            const struct cert_place *pl = &ct->place[i];
            here = (pl->kind == CERT_LINMAS ? s->tps[pl->site].kecamatan
                                            : p->post[pl->site].kecamatan) == k;
        }
        if (!here)
            continue;
        if (!shown)
            out_put(o, "<h3>Bukti kekurangan</h3>\n<ul class=\"bukti\">\n");
        shown = 1;
        out_put(o, "<li>Bukti %d: ", q + 1);
        out_esc(o, io_cert_sentence(line, sizeof line, s, p, c, q));
        out_put(o, "</li>\n");
    }
    if (shown)
        out_put(o, "</ul>\n");
}

/* Posts of kecamatan k in plan p. */
static long kec_posts(const struct plan *p, int k)
{
    long n = 0;
    for (int i = 0; i < p->npost; i++)
        n += p->post[i].kecamatan == k;
    return n;
}

/* "14 pos, batas bawah 14 (...)": why kecamatan k has its posts. */
static char *why_sentence(char *buf, size_t n, const struct plan *p,
                          const struct post_why *w, int k, long posts)
{
    long b = w->kec[k].posts_bound;
    if (posts == b)
        snprintf(buf, n, "%ld pos = batas bawah ceil(n/c) per komponen", posts);
    else if (p->status != PLAN_FEASIBLE)
        snprintf(buf, n, "%ld pos; batas ceil(n/c) per komponen %ld, sisanya "
                 "dibuktikan batas LP set-partitioning perencana", posts, b);
    else
        snprintf(buf, n, "%ld pos; batas ceil(n/c) per komponen %ld, belum "
                 "terbukti paling sedikit (batas waktu)", posts, b);
    return buf;
}

int io_write_why_summary(FILE *f, const struct scenario *s,
                         const struct plan *p, const struct post_why *w)
{
    if (w == NULL)
        return ferror(f) ? -1 : 0;
    char line[512];
    fprintf(f, "\nALASAN JUMLAH POS (per tingkat, TPS yang saling berjarak "
            "paling jauh radius membentuk komponen; komponen n TPS perlu "
            "ceil(n/c) pos, c = TPS per pos)\n");
    for (int k = 0; k < s->nkec; k++) {
        long posts = kec_posts(p, k);
        if (posts == 0)
            continue;
        fprintf(f, "Kecamatan %s: %s", s->kec[k].name,
                why_sentence(line, sizeof line, p, w, k, posts));
        if (w->kec[k].nalone > 0)
            fprintf(f, "; %d TPS berdiri sendiri", w->kec[k].nalone);
        fprintf(f, "\n");
    }
    return ferror(f) ? -1 : 0;
}

void io_why_html_kec(struct out *o, const struct scenario *s,
                     const struct plan *p, const struct post_why *w, int k,
                     const int *kec_post, int nkec_post,
                     char (*post_id)[24])
{
    if (w == NULL || nkec_post == 0)
        return;
    char line[512], code[16];
    out_put(o, "<h3>Alasan jumlah pos</h3>\n<p>");
    out_esc(o, why_sentence(line, sizeof line, p, w, k, nkec_post));
    out_put(o, " (per tingkat, TPS yang saling berjarak paling jauh radius "
               "membentuk komponen; komponen n TPS perlu ceil(n/c) pos, c = TPS "
               "per pos).");
    const struct kec_why *kw = &w->kec[k];
    if (kw->nalone > 0) {
        out_put(o, " TPS berdiri sendiri (tidak ada TPS setingkat dalam "
                   "radius, maka pos sendiri):");
        for (int i = 0; i < kw->nalone; i++)
            out_put(o, "%s <span class=\"kode\">%s</span>", i ? "," : "",
                    scenario_tps_code(s, w->alone[kw->first_alone + i], code));
        out_put(o, ".");
    }
    out_put(o, "</p>\n<ul class=\"alasan\">\n");
    for (int q = 0; q < nkec_post; q++) {
        const struct post *po = &p->post[kec_post[q]];
        double km;
        int far = post_why_farthest(s, po->tps, po->ntps, &km);
        out_put(o, "<li><span class=\"kode\">%s</span>: jangkar <span "
                   "class=\"kode\">%s</span>", post_id[kec_post[q]],
                scenario_tps_code(s, po->tps[0], code));
        if (po->ntps > 1)
            out_put(o, ", %d TPS, terjauh <span class=\"kode\">%s</span> "
                       "%.2f km</li>\n", po->ntps,
                    scenario_tps_code(s, far, code), km);
        else
            out_put(o, ", 1 TPS</li>\n");
    }
    out_put(o, "</ul>\n");
}

static const char *const SENS_LABEL[SENS_COUNT] = {
    "radius -0,5 km", "radius +0,5 km", "TPS/pos -1", "TPS/pos +1"};

/* "153 / 306", or "152 / 304* (≥149)" when 152 posts are not proven
 * fewest and 149 is the proven bound, into buf. */
static char *sens_text(char *buf, size_t n, long posts, long places, long bound)
{
    if (posts == bound)
        snprintf(buf, n, "%ld / %ld", posts, places);
    else
        snprintf(buf, n, "%ld / %ld* (≥%ld)", posts, places, bound);
    return buf;
}

/* Is there a change to show? */
static bool sens_any(const struct sensitivity *sens)
{
    for (int v = 0; sens != NULL && v < SENS_COUNT; v++)
        if (sens->applies[v])
            return true;
    return false;
}

/* One row of the table: label, then the cells, no trailing blanks; each
 * cell padded to 20 characters (UTF-8: bytes 10xxxxxx continue one). */
static void sens_row(FILE *f, const char *label, char cells[][48], int n)
{
    fprintf(f, "%-24s", label);
    for (int i = 0; i < n; i++) {
        fprintf(f, " %s", cells[i]);
        int w = 0;
        for (const char *c = cells[i]; *c != '\0'; c++)
            w += ((unsigned char)*c & 0xC0) != 0x80;
        while (i + 1 < n && w++ < 20)
            fputc(' ', f);
    }
    fputc('\n', f);
}

int io_write_sens_summary(FILE *f, const struct scenario *s,
                          const struct plan *p, const struct sensitivity *sens)
{
    if (!sens_any(sens))
        return ferror(f) ? -1 : 0;
    long *cnt = plan_tally_kecamatan(s, p);
    if (cnt == NULL)
        return -1;
    const long *places = cnt + s->nkec + 1;
    char cells[SENS_COUNT + 1][48];
    int n = 0;
    fprintf(f, "\nDAMPAK ATURAN (pos / tempat jaga; * belum terbukti paling "
            "sedikit, ≥ batas bawah yang terbukti)\n");
    snprintf(cells[n++], 48, "rencana");
    for (int v = 0; v < SENS_COUNT; v++)
        if (sens->applies[v])
            snprintf(cells[n++], 48, "%s", SENS_LABEL[v]);
    sens_row(f, "Kecamatan", cells, n);
    long tot[SENS_COUNT][2] = {{0}};
    long tot_bound[SENS_COUNT] = {0};
    for (int k = 0; k < s->nkec; k++) {
        if (cnt[k] == 0)
            continue;
        n = 0;
        sens_text(cells[n++], 48, cnt[k], places[k], cnt[k]);
        for (int v = 0; v < SENS_COUNT; v++) {
            if (!sens->applies[v])
                continue;
            const struct sens_cell *c = &sens->cell[k * SENS_COUNT + v];
            sens_text(cells[n++], 48, c->posts, c->places, c->bound);
            tot[v][0] += c->posts;
            tot[v][1] += c->places;
            tot_bound[v] += c->bound;
        }
        sens_row(f, s->kec[k].name, cells, n);
    }
    n = 0;
    sens_text(cells[n++], 48, cnt[s->nkec], places[s->nkec], cnt[s->nkec]);
    for (int v = 0; v < SENS_COUNT; v++)
        if (sens->applies[v])
            sens_text(cells[n++], 48, tot[v][0], tot[v][1], tot_bound[v]);
    sens_row(f, "Jumlah", cells, n);
    free(cnt);
    return ferror(f) ? -1 : 0;
}

void io_sens_html(struct out *o, const struct scenario *s,
                  const struct plan *p, const struct sensitivity *sens)
{
    if (!sens_any(sens))
        return;
    long *cnt = plan_tally_kecamatan(s, p);
    if (cnt == NULL) {
        o->err = 1;
        return;
    }
    const long *places = cnt + s->nkec + 1;
    char cell[48];
    out_put(o, "<h3>Dampak aturan</h3>\n<p>Pos / tempat jaga yang diperlukan "
               "bila aturan diubah; * belum terbukti paling sedikit, ≥ batas "
               "bawah yang terbukti.</p>\n"
               "<table class=\"dampak\">\n<thead><tr><th>Kecamatan</th>"
               "<th class=\"n\">Rencana</th>");
    for (int v = 0; v < SENS_COUNT; v++)
        if (sens->applies[v])
            out_put(o, "<th class=\"n\">%s</th>", SENS_LABEL[v]);
    out_put(o, "</tr></thead>\n<tbody>\n");
    for (int k = 0; k < s->nkec; k++) {
        if (cnt[k] == 0)
            continue;
        out_put(o, "<tr><td>");
        out_esc(o, s->kec[k].name);
        out_put(o, "</td><td class=\"n\">%s</td>",
                sens_text(cell, sizeof cell, cnt[k], places[k], cnt[k]));
        for (int v = 0; v < SENS_COUNT; v++) {
            if (!sens->applies[v])
                continue;
            const struct sens_cell *c = &sens->cell[k * SENS_COUNT + v];
            out_put(o, "<td class=\"n\">%s</td>", sens_text(cell, sizeof cell,
                    c->posts, c->places, c->bound));
        }
        out_put(o, "</tr>\n");
    }
    out_put(o, "</tbody>\n</table>\n");
    free(cnt);
}

int io_write_cert_verdict(FILE *f, const char *file,
                          const struct cert_verdict *v)
{
    fprintf(f, "\nBUKTI KEKURANGAN (%s)\n", file);
    for (int i = 0; i < v->nfinding; i++)
        fprintf(f, "%s:%ld: %s\n", file, v->finding[i].line,
                v->finding[i].message);
    if (!v->valid) {
        fprintf(f, "BUKTI KEKURANGAN: DITOLAK (%d temuan)\n", v->nfinding);
        return ferror(f) ? -1 : 0;
    }
    fprintf(f, "%d bukti sah, kekurangan %ld = %ld tempat kosong di roster: "
            "tidak ada pengisian pos-pos roster ini yang mengosongkan lebih "
            "sedikit tempat.\n", v->ncert, v->deficit, v->empty);
    if (v->lex_worse >= 0)
        fprintf(f, "Namun pengisian tidak mendahulukan tingkat yang lebih "
                "tinggi: dengan menggeser anggota, sebuah tempat kosong dapat "
                "diisi dengan mengosongkan tempat di pos %s (formats.md 1.4 "
                "butir 1).\n", grade_label((enum grade)v->lex_worse));
    else if (v->lex_ok)
        fprintf(f, "Tempat kosong jatuh pada tingkat serendah mungkin "
                "(uji tukar: tidak ada geseran anggota yang mengisi tempat "
                "tingkat lebih tinggi).\n");
    if (v->lex_ok) {
        if (v->posts_fewest && !v->desa_guards)
            fprintf(f, "Jumlah pos %ld = batas bawah audit %ld: roster ini "
                    "terbukti optimal pada prioritas 1-3 formats.md 1.4 oleh "
                    "audit saja, tanpa perencana.\n", v->posts, v->posts_bound);
        else if (v->desa_guards)
            fprintf(f, "Ada satuan jaga setingkat desa di kecamatan dengan pos "
                    "gabungan: bukti ini berlaku untuk pos-pos roster ini saja."
                    "\n");
        else
            fprintf(f, "Jumlah pos %ld, batas bawah audit %ld: pos paling "
                    "sedikit tidak terbukti oleh audit saja; bukti ini berlaku "
                    "untuk pos-pos roster ini.\n", v->posts, v->posts_bound);
    }
    fprintf(f, "BUKTI KEKURANGAN: SAH (%d bukti, kurang %ld)\n", v->ncert,
            v->deficit);
    return ferror(f) ? -1 : 0;
}
