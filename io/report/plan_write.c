/*
 * plan_write.c - roster.xml (version 1, and version 2 with the timeline's
 * shifts) through libxml2's xmlTextWriter (escaping and encoding are its
 * job), roster.csv by RFC 4180 (CRLF, quotes doubled), and ringkasan.txt,
 * the planner's summary for the Polres.  It reads the plan through
 * plan_view.h and calls no other writer.
 */
#include "io/report/plan_write.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "io/formats/csv.h"
#include "io/report/plan_view.h"
#include "model/shifts.h"
#include "model/tally.h"
#include "model/timeline.h"

/* ---- roster.xml -------------------------------------------------------- */

/*
 * The element writer below is shared by io_write_roster_xml (a plan) and
 * io/split/roster_merge.c (rosters read back as text), so a merged roster comes
 * out byte for byte as `siaga plan` would write it.  A writer fails
 * stickily: after the first error every call returns -1.  Version 2 adds
 * the <phase> elements after the members (rw_phase, rw_shift); its
 * members are written as in version 1, so both carry the same bytes for
 * the day plan.
 */
struct roster_writer {
    xmlTextWriterPtr w;
    FILE *f;
    int failed;
    int in_post;   /* a <post> is open */
    int in_phase;  /* a <phase> is open (version 2) */
};

#define X(s) BAD_CAST(s)

static int rw_ok(struct roster_writer *rw, int rc)
{
    if (rc < 0)
        rw->failed = 1;
    return rw->failed ? -1 : 0;
}

static int rw_attr(struct roster_writer *rw, const char *name, const char *value)
{
    if (rw->failed)
        return -1;
    if (value == NULL)
        return 0;
    return rw_ok(rw, xmlTextWriterWriteAttribute(rw->w, X(name), X(value)));
}

struct roster_writer *io_roster_writer_open(FILE *f, int version,
                                            const char *scenario,
                                            const char *status, const char *gap)
{
    assert(version == 1 || version == 2);
    struct roster_writer *rw = calloc(1, sizeof *rw);
    xmlOutputBufferPtr ob = rw ? xmlOutputBufferCreateFile(f, NULL) : NULL;
    if (ob == NULL) {
        free(rw);
        return NULL;
    }
    rw->f = f;
    rw->w = xmlNewTextWriter(ob);
    if (rw->w == NULL) {
        xmlOutputBufferClose(ob);
        free(rw);
        return NULL;
    }
    rw_ok(rw, xmlTextWriterSetIndent(rw->w, 1));
    rw_ok(rw, xmlTextWriterSetIndentString(rw->w, X("  ")));
    rw_ok(rw, xmlTextWriterStartDocument(rw->w, NULL, "UTF-8", NULL));
    rw_ok(rw, xmlTextWriterStartElement(rw->w, X("roster")));
    rw_attr(rw, "xmlns", version == 2 ? "urn:siaga:roster:2" : "urn:siaga:roster:1");
    rw_attr(rw, "scenario", scenario);
    rw_attr(rw, "status", status);
    rw_attr(rw, "gap", gap);
    return rw;
}

int io_roster_writer_post(struct roster_writer *rw, const char *id,
                          const char *grade, const char *kecamatan,
                          const char *required, const char *route_km)
{
    if (rw->in_post)
        rw_ok(rw, xmlTextWriterEndElement(rw->w));
    rw->in_post = 1;
    rw_ok(rw, xmlTextWriterStartElement(rw->w, X("post")));
    rw_attr(rw, "id", id);
    rw_attr(rw, "grade", grade);
    rw_attr(rw, "kecamatan", kecamatan);
    rw_attr(rw, "required", required);
    return rw_attr(rw, "route_km", route_km);
}

int io_roster_writer_tps(struct roster_writer *rw, const char *id)
{
    rw_ok(rw, xmlTextWriterStartElement(rw->w, X("tps")));
    rw_attr(rw, "id", id);
    return rw_ok(rw, xmlTextWriterEndElement(rw->w));
}

int io_roster_writer_member(struct roster_writer *rw, const char *element,
                            const char *tps, const char *member,
                            const char *unit, const char *force)
{
    if (rw->in_post && strcmp(element, "guard") != 0) {
        rw_ok(rw, xmlTextWriterEndElement(rw->w));
        rw->in_post = 0;
    }
    rw_ok(rw, xmlTextWriterStartElement(rw->w, X(element)));
    rw_attr(rw, "tps", tps);
    rw_attr(rw, "member", member);
    rw_attr(rw, "unit", unit);
    rw_attr(rw, "force", force);
    return rw_ok(rw, xmlTextWriterEndElement(rw->w));
}

/* Version 2: open <phase id kind start end>, closing an open post or
 * phase; its shifts follow. */
static int rw_phase(struct roster_writer *rw, const char *id, const char *kind,
                    const char *start, const char *end)
{
    if (rw->in_post || rw->in_phase)
        rw_ok(rw, xmlTextWriterEndElement(rw->w));
    rw->in_post = 0;
    rw->in_phase = 1;
    rw_ok(rw, xmlTextWriterStartElement(rw->w, X("phase")));
    rw_attr(rw, "id", id);
    rw_attr(rw, "kind", kind);
    rw_attr(rw, "start", start);
    return rw_attr(rw, "end", end);
}

static int rw_shift(struct roster_writer *rw, const char *member,
                    const char *place, const char *start, const char *end)
{
    rw_ok(rw, xmlTextWriterStartElement(rw->w, X("shift")));
    rw_attr(rw, "member", member);
    rw_attr(rw, "place", place);
    rw_attr(rw, "start", start);
    rw_attr(rw, "end", end);
    return rw_ok(rw, xmlTextWriterEndElement(rw->w));
}

int io_roster_writer_close(struct roster_writer *rw)
{
    if (rw == NULL)
        return -1;
    if (rw->in_post || rw->in_phase)
        rw_ok(rw, xmlTextWriterEndElement(rw->w));
    rw_ok(rw, xmlTextWriterEndElement(rw->w));
    rw_ok(rw, xmlTextWriterEndDocument(rw->w));
    rw_ok(rw, xmlTextWriterFlush(rw->w));
    int rc = rw->failed || ferror(rw->f) ? -1 : 0;
    xmlFreeTextWriter(rw->w); /* closes the output buffer, not the FILE */
    free(rw);
    return rc;
}

static int write_member(struct roster_writer *rw, const char *element,
                        const char *tps, const struct scenario *s, int m,
                        int with_force)
{
    const struct member *mb = &s->member[m];
    const struct unit *u = &s->unit[mb->unit];
    return io_roster_writer_member(rw, element, tps, mb->id, u->id,
                                   with_force ? force_name(u->force) : NULL);
}

/* Open a roster of plan p and write its posts and members; NULL when out
 * of memory. */
static struct roster_writer *roster_begin(FILE *f, int version,
                                          const struct scenario *s,
                                          const struct plan *p)
{
    char buf[64], gap[32], req[24], km[32];
    const char *g = NULL;
    if (p->status == PLAN_FEASIBLE) {
        snprintf(gap, sizeof gap, "%.4f",
                 plan_gap((double)p->obj.posts, (double)p->obj.posts_bound));
        g = gap;
    }
    struct roster_writer *rw = io_roster_writer_open(f, version, s->name,
                                                     plan_status_name(p->status), g);
    if (rw == NULL)
        return NULL;
    for (int i = 0; i < p->npost && !rw->failed; i++) {
        const struct post *po = &p->post[i];
        snprintf(req, sizeof req, "%d", po->required);
        snprintf(km, sizeof km, "%.2f", po->route_km);
        io_roster_writer_post(rw, io_post_id(i, p->npost, buf),
                              grade_name(po->grade), s->kec[po->kecamatan].code,
                              req, km);
        for (int k = 0; k < po->ntps; k++)
            io_roster_writer_tps(rw, scenario_tps_code(s, po->tps[k], buf));
        for (int k = 0; k < po->nguards; k++)
            write_member(rw, "guard", NULL, s, p->guard[po->first_guard + k], 1);
    }
    for (int i = 0; i < p->nlinmas && !rw->failed; i++)
        write_member(rw, "linmas", scenario_tps_code(s, p->linmas[i].tps, buf),
                     s, p->linmas[i].member, 0);
    for (int i = 0; i < p->nreserve && !rw->failed; i++)
        write_member(rw, "reserve", NULL, s, p->reserve[i], 1);
    return rw;
}

int io_write_roster_xml(FILE *f, const struct scenario *s, const struct plan *p)
{
    return io_roster_writer_close(roster_begin(f, 1, s, p));
}

/* Version 2: after the members, one <phase> per phase of the timeline,
 * from its first piece's start to its last piece's end (the phase's start
 * when it has none), listing its shifts in the order of shifts.csv. */
int io_write_roster_xml_v2(FILE *f, const struct scenario *s,
                           const struct plan *p, const struct timeline *tl,
                           const struct shift_result *r)
{
    char a[24], b[24];
    struct roster_writer *rw = roster_begin(f, 2, s, p);
    for (int ph = 0; rw != NULL && ph < tl->nphase && !rw->failed; ph++) {
        long lo = 0, hi = 0;
        int any = 0;
        for (int i = 0; i < r->layout.npiece; i++) {
            const struct tl_piece *pc = &r->layout.piece[i];
            if (r->layout.place[pc->place].phase != ph)
                continue;
            if (!any || pc->start < lo)
                lo = pc->start;
            if (!any || pc->end > hi)
                hi = pc->end;
            any = 1;
        }
        if (!any)
            lo = hi = tl->phase[ph].start;
        rw_phase(rw, tl->phase[ph].id, phase_kind_name(tl->phase[ph].kind),
                 tl_format_time(lo, a), tl_format_time(hi, b));
        for (long i = 0; i < r->nshift; i++) {
            const struct tl_shift *sh = &r->shift[i];
            const struct tl_place *pl = &r->layout.place[sh->place];
            if (pl->phase == ph)
                rw_shift(rw, s->member[sh->member].id, pl->id,
                         tl_format_time(sh->start, a), tl_format_time(sh->end, b));
        }
    }
    return io_roster_writer_close(rw);
}

/* ---- roster.csv -------------------------------------------------------- */

static void csv_member(FILE *f, const struct scenario *s, int m,
                       const char *role)
{
    const struct member *mb = &s->member[m];
    const struct unit *u = &s->unit[mb->unit];
    csv_write_text(f, mb->id, 0);
    csv_write_text(f, mb->name, 0);
    csv_write_text(f, mb->rank, 0);
    csv_write_text(f, force_name(u->force), 0);
    csv_write_text(f, u->id, 0);
    csv_write_text(f, role, 0);
}

static const char CSV_HEADER[] = "member_id,name,rank,force,unit,role,post_id,"
                                 "grade,kecamatan,tps_ids,route_km\r\n";

/* The rows of post i's guards; tl holds MAX_TPS_PER_POST codes. */
static void csv_post(FILE *f, const struct scenario *s, const struct plan *p,
                     int i, char *tl)
{
    char id[24], code[16], km[32];
    const struct post *po = &p->post[i];
    tl[0] = 0;
    for (int k = 0; k < po->ntps; k++) {
        if (k)
            strcat(tl, ";");
        strcat(tl, scenario_tps_code(s, po->tps[k], code));
    }
    snprintf(km, sizeof km, "%.2f", po->route_km);
    for (int k = 0; k < po->nguards; k++) {
        csv_member(f, s, p->guard[po->first_guard + k], "guard");
        csv_write_text(f, io_post_id(i, p->npost, id), 0);
        csv_write_text(f, grade_name(po->grade), 0);
        csv_write_text(f, s->kec[po->kecamatan].code, 0);
        csv_write_text(f, tl, 0);
        csv_write_field(f, km, 1);
    }
}

/* A Linmas row: member m at TPS t, with the post that TPS belongs to. */
static void csv_linmas(FILE *f, const struct scenario *s, const struct plan *p,
                       int t, int m, int post)
{
    char id[24], code[16];
    csv_member(f, s, m, "linmas");
    csv_write_text(f, io_post_id(post, p->npost, id), 0);
    csv_write_text(f, grade_name(s->tps[t].grade), 0);
    csv_write_text(f, s->kec[s->tps[t].kecamatan].code, 0);
    csv_write_text(f, scenario_tps_code(s, t, code), 0);
    csv_write_field(f, "", 1);
}

static void csv_reserve(FILE *f, const struct scenario *s, int m)
{
    csv_member(f, s, m, "reserve");
    fputs(",,,,\r\n", f);
}

int io_write_roster_csv(FILE *f, const struct scenario *s, const struct plan *p)
{
    int *post_of = malloc(sizeof(int) * (size_t)(s->ntps + 1));
    char *tl = malloc((size_t)MAX_TPS_PER_POST * 14 + 1);
    if (post_of == NULL || tl == NULL) {
        free(post_of);
        free(tl);
        return -1;
    }
    for (int i = 0; i < p->npost; i++)
        for (int k = 0; k < p->post[i].ntps; k++)
            post_of[p->post[i].tps[k]] = i;
    fputs(CSV_HEADER, f);
    for (int i = 0; i < p->npost; i++)
        csv_post(f, s, p, i, tl);
    for (int i = 0; i < p->nlinmas; i++)
        csv_linmas(f, s, p, p->linmas[i].tps, p->linmas[i].member,
                   post_of[p->linmas[i].tps]);
    for (int i = 0; i < p->nreserve; i++)
        csv_reserve(f, s, p->reserve[i]);
    free(post_of);
    free(tl);
    return ferror(f) ? -1 : 0;
}

int io_write_roster_csv_part(FILE *f, const struct scenario *s,
                             const struct plan *p, const struct plan_view *v,
                             int kab)
{
    char *tl = malloc((size_t)MAX_TPS_PER_POST * 14 + 1);
    if (tl == NULL)
        return -1;
    fputs(CSV_HEADER, f);
    if (kab >= 0) {
        for (int k = v->kab_post_first[kab]; k < v->kab_post_first[kab + 1]; k++)
            csv_post(f, s, p, v->kab_post[k], tl);
        for (int k = v->kab_tps_first[kab]; k < v->kab_tps_first[kab + 1]; k++) {
            int t = v->kab_tps[k];
            for (int j = v->linmas_first[t]; j < v->linmas_first[t + 1]; j++)
                csv_linmas(f, s, p, t, v->linmas_member[j], v->post_of[t]);
        }
    }
    for (int i = 0; i < p->nreserve; i++) {
        int b = region_unit_kabupaten(s, &s->unit[s->member[p->reserve[i]].unit]);
        if (b == kab)   /* -1: both no kabupaten */
            csv_reserve(f, s, p->reserve[i]);
    }
    free(tl);
    return ferror(f) ? -1 : 0;
}

/* ---- ringkasan.txt ----------------------------------------------------- */

/* The numbers of a summary row, after its label. */
static void row_numbers(FILE *f, const struct plan_summary_row *r, bool kh)
{
    fprintf(f, " %5ld %5ld %5ld", r->tps[GRADE_KURANG_RAWAN], r->tps[GRADE_RAWAN],
            r->tps[GRADE_SANGAT_RAWAN]);
    if (kh)
        fprintf(f, " %5ld", r->tps[GRADE_KHUSUS]);
    fprintf(f, " %5ld %6ld %6ld %5ld %7ld %7ld %6ld %8ld\n",
            r->posts, r->places, r->polri, r->tni,
            r->linmas_places, r->linmas, r->empty, r->reserve);
}

/*
 * With <jurisdictions> (formats 1.6): the totals per Polres, the planning
 * unit of the field (field-practice.md 7), the same columns as the table
 * per kecamatan, which they add up (the Polres column is as wide as the
 * code and name columns there).
 */
static int polres_table(FILE *f, const struct scenario *s, const struct plan *p,
                        const struct plan_summary_row *rows, bool kh)
{
    if (s->npolres == 0)
        return 0;
    struct plan_summary_row *pr = io_plan_polres_rows(s, p, rows);
    if (pr == NULL)
        return -1;
    fprintf(f, "\nPer Polres (yurisdiksi)\n");
    for (int q = 0; q < s->npolres; q++) {
        fprintf(f, "%-31.31s", s->polres[q].name);
        row_numbers(f, &pr[q], kh);
    }
    if (pr[s->npolres].reserve > 0) {
        fprintf(f, "%-31s", "(satuan lintas Polres)");
        row_numbers(f, &pr[s->npolres], kh);
    }
    fprintf(f, "%-31s", "TOTAL");
    row_numbers(f, &pr[s->npolres + 1], kh);
    for (int q = 0; q < s->npolres; q++) {
        fprintf(f, "%s %s:", q == 0 ? "Wilayah:" : ";", s->polres[q].id);
        for (int k = 0; k < s->nkec; k++)
            if (s->kec_polres[k] == q)
                fprintf(f, " %s", s->kec[k].code);
    }
    fprintf(f, "\n");
    free(pr);
    return 0;
}

static void row_print(FILE *f, const char *code, const char *name,
                      const struct plan_summary_row *r, bool kh)
{
    fprintf(f, "%-8s %-22.22s", code, name);
    row_numbers(f, r, kh);
}

/* Officers work in pairs (field-practice.md 1: "tidak diperbolehkan
 * bertugas sendirian"); say where this plan leaves one alone: a post held
 * by one guard (and which of them patrol several TPS), or one Polri among
 * TNI. */
static void lone_note(FILE *f, const struct scenario *s, const struct plan *p)
{
    long alone = 0, alone_multi = 0, polri_alone = 0;
    for (int i = 0; i < p->npost; i++) {
        const struct post *po = &p->post[i];
        int polri = 0;
        for (int j = 0; j < po->nguards; j++) {
            int m = p->guard[po->first_guard + j];
            polri += s->unit[s->member[m].unit].force == FORCE_POLRI;
        }
        if (po->nguards == 1) {
            alone++;
            alone_multi += po->ntps > 1;
        } else if (po->nguards > 1 && polri == 1) {
            polri_alone++;
        }
    }
    if (alone > 0) {
        fprintf(f, "Personel sendirian: %ld pos dijaga satu orang saja", alone);
        if (alone_multi > 0)
            fprintf(f, " (%ld di antaranya mencakup lebih dari satu TPS)",
                    alone_multi);
        fprintf(f, "; di lapangan personel bertugas berpasangan.\n");
    }
    if (polri_alone > 0)
        fprintf(f, "Polri sendirian: %ld pos dengan satu Polri saja di "
                   "samping TNI.\n", polri_alone);
}

int io_write_summary(FILE *f, const struct scenario *s, const struct plan *p)
{
    return io_write_summary_tl(f, s, p, NULL);
}

int io_write_summary_tl(FILE *f, const struct scenario *s, const struct plan *p,
                        const struct shift_result *sr)
{
    struct plan_summary_row *rows = io_plan_summary_rows(s, p);
    if (rows == NULL)
        return -1;
    const struct plan_summary_row *wide = &rows[s->nkec];

    fprintf(f, "RINGKASAN RENCANA PENGAMANAN TPS\n");
    fprintf(f, "Skenario : %s\n", s->name);
    if (s->date[0])
        fprintf(f, "Tanggal  : %s\n", s->date);
    fprintf(f, "Status   : %s\n\n", io_plan_status_label_tl(p->status, sr));
    bool kh = scenario_has_grade(s, GRADE_KHUSUS);
    fprintf(f, "%-8s %-22s %5s %5s %5s%s %5s %6s %6s %5s %7s %7s %6s %8s\n",
            "Kode", "Kecamatan", "TPS", "TPS", "TPS", kh ? "   TPS" : "", "Pos",
            "Tempat", "Polri", "TNI", "Linmas", "Linmas", "Kosong", "Cadangan");
    fprintf(f, "%-8s %-22s %5s %5s %5s%s %5s %6s %6s %5s %7s %7s %6s %8s\n",
            "", "", "KR", "R", "SR", kh ? "     K" : "", "", "jaga", "", "",
            "wajib", "terisi", "", "");
    for (int k = 0; k < s->nkec; k++)
        row_print(f, s->kec[k].code, s->kec[k].name, &rows[k], kh);
    if (wide->reserve > 0)
        row_print(f, "-", "(satuan lintas kec.)", wide, kh);
    row_print(f, "TOTAL", "", &rows[s->nkec + 1], kh);
    if (polres_table(f, s, p, rows, kh) != 0) {
        free(rows);
        return -1;
    }

    const struct plan_objective *o = &p->obj;
    fprintf(f, "\nKeterangan: KR kurang rawan, R rawan, SR sangat rawan%s; "
               "Kosong = tempat jaga dan Linmas yang tidak terisi.\n",
            kh ? ", K TPS khusus" : "");
    lone_note(f, s, p);
    fprintf(f, "\n");
    fprintf(f, "Sasaran (urutan prioritas)              nilai     batas bawah  selisih\n");
    static const enum grade order[] = {GRADE_SANGAT_RAWAN, GRADE_KHUSUS,
                                       GRADE_RAWAN, GRADE_KURANG_RAWAN};
    for (int i = 0; i < GRADE_COUNT; i++) {
        if (order[i] == GRADE_KHUSUS && !kh)
            continue;
        char label[64];
        snprintf(label, sizeof label, "1. Tempat jaga kosong (%s)",
                 grade_label(order[i]));
        fprintf(f, "%-38s %8ld %14ld %7.2f%%\n", label, o->empty_guard[order[i]],
                o->empty_guard_bound[order[i]],
                100 * plan_gap((double)o->empty_guard[order[i]],
                               (double)o->empty_guard_bound[order[i]]));
    }
    fprintf(f, "%-38s %8ld %14ld %7.2f%%\n", "2. Tempat Linmas kosong",
            o->empty_linmas, o->empty_linmas_bound,
            100 * plan_gap((double)o->empty_linmas, (double)o->empty_linmas_bound));
    fprintf(f, "%-38s %8ld %14ld %7.2f%%\n", "3. Jumlah pos", o->posts,
            o->posts_bound, 100 * plan_gap((double)o->posts, (double)o->posts_bound));
    fprintf(f, "%-38s %8.2f %14.2f %7.2f%%\n", "4. Jarak personel ke pos (km)",
            o->member_km, o->member_km_bound,
            100 * plan_gap(o->member_km, o->member_km_bound));
    fprintf(f, "%-38s %8.2f %14.2f %7.2f%%\n", "5. Jarak TPS ke jangkar (km)",
            o->cluster_km, o->cluster_km_bound,
            100 * plan_gap(o->cluster_km, o->cluster_km_bound));
    fprintf(f, "\nBatas bawah dibuktikan oleh solver; selisih 0%% berarti "
               "optimal terbukti.\n");
    free(rows);
    return ferror(f) ? -1 : 0;
}
