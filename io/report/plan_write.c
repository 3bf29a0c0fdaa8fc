/*
 * plan_write.c - roster.xml through libxml2's xmlTextWriter (escaping and
 * encoding are its job), roster.csv by RFC 4180 (CRLF, quotes doubled),
 * and ringkasan.txt, the planner's summary for the Polres.
 */
#include "io/report/plan_write.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "io/formats/changes_write.h"
#include "io/formats/csv.h"
#include "io/formats/shifts_write.h"
#include "io/formats/whatif_write.h"
#include "io/outdir.h"
#include "io/report/geojson_write.h"
#include "io/report/html_report.h"
#include "io/report/kml_write.h"

char *io_post_id(int i, int npost, char *buf)
{
    int width = 4;
    for (int n = npost; n >= 10000 && width < 10; n /= 10)
        width++;
    snprintf(buf, 24, "P%0*d", width % 11, i + 1);
    return buf;
}

/* ---- roster.xml -------------------------------------------------------- */

/*
 * The element writer below is shared by io_write_roster_xml (a plan) and
 * io/roster_merge.c (rosters read back as text), so a merged roster comes
 * out byte for byte as `siaga plan` would write it.  A writer fails
 * stickily: after the first error every call returns -1.
 */
struct roster_writer {
    xmlTextWriterPtr w;
    FILE *f;
    int failed;
    int in_post;
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

struct roster_writer *io_roster_writer_open(FILE *f, const char *scenario,
                                            const char *status, const char *gap)
{
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
    rw_attr(rw, "xmlns", "urn:siaga:roster:1");
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

int io_roster_writer_close(struct roster_writer *rw)
{
    if (rw == NULL)
        return -1;
    if (rw->in_post)
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

int io_write_roster_xml(FILE *f, const struct scenario *s, const struct plan *p)
{
    char buf[64], gap[32], req[24], km[32];
    const char *g = NULL;
    if (p->status == PLAN_FEASIBLE) {
        snprintf(gap, sizeof gap, "%.4f",
                 plan_gap((double)p->obj.posts, (double)p->obj.posts_bound));
        g = gap;
    }
    struct roster_writer *rw = io_roster_writer_open(f, s->name,
                                                     plan_status_name(p->status), g);
    if (rw == NULL)
        return -1;
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

int io_write_roster_csv(FILE *f, const struct scenario *s, const struct plan *p)
{
    char id[24], code[16], km[32];
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
    fputs("member_id,name,rank,force,unit,role,post_id,grade,kecamatan,"
          "tps_ids,route_km\r\n", f);
    for (int i = 0; i < p->npost; i++) {
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
    /* a Linmas row names the TPS and the post that TPS belongs to */
    for (int i = 0; i < p->nlinmas; i++) {
        int t = p->linmas[i].tps;
        csv_member(f, s, p->linmas[i].member, "linmas");
        csv_write_text(f, io_post_id(post_of[t], p->npost, id), 0);
        csv_write_text(f, grade_name(s->tps[t].grade), 0);
        csv_write_text(f, s->kec[s->tps[t].kecamatan].code, 0);
        csv_write_text(f, scenario_tps_code(s, t, code), 0);
        csv_write_field(f, "", 1);
    }
    for (int i = 0; i < p->nreserve; i++) {
        csv_member(f, s, p->reserve[i], "reserve");
        fputs(",,,,\r\n", f);
    }
    free(post_of);
    free(tl);
    return ferror(f) ? -1 : 0;
}

/* ---- ringkasan.txt ----------------------------------------------------- */

static void row_add(struct plan_summary_row *a, const struct plan_summary_row *b)
{
    for (int g = 0; g < GRADE_COUNT; g++)
        a->tps[g] += b->tps[g];
    a->posts += b->posts;
    a->places += b->places;
    a->polri += b->polri;
    a->tni += b->tni;
    a->linmas_places += b->linmas_places;
    a->linmas += b->linmas;
    a->empty += b->empty;
    a->reserve += b->reserve;
}

static void row_print(FILE *f, const char *code, const char *name,
                      const struct plan_summary_row *r)
{
    fprintf(f, "%-8s %-22.22s %5ld %5ld %5ld %5ld %6ld %6ld %5ld %7ld %7ld %6ld %8ld\n",
            code, name, r->tps[GRADE_KURANG_RAWAN], r->tps[GRADE_RAWAN],
            r->tps[GRADE_SANGAT_RAWAN], r->posts, r->places, r->polri, r->tni,
            r->linmas_places, r->linmas, r->empty, r->reserve);
}

const char *io_plan_status_label(enum plan_status st)
{
    switch (st) {
    case PLAN_OPTIMAL: return "optimal (semua tempat terisi, terbukti optimal)";
    case PLAN_SHORTAGE: return "kekurangan personel (rencana terbaik, terbukti)";
    case PLAN_FEASIBLE: return "layak (belum terbukti optimal)";
    }
    return "";
}

struct plan_summary_row *io_plan_summary_rows(const struct scenario *s,
                                              const struct plan *p)
{
    struct plan_summary_row *rows = calloc((size_t)s->nkec + 2, sizeof *rows);
    if (rows == NULL)
        return NULL;
    struct plan_summary_row *wide = &rows[s->nkec]; /* reserves of units wider than a kecamatan */
    for (int t = 0; t < s->ntps; t++) {
        struct plan_summary_row *r = &rows[s->tps[t].kecamatan];
        r->tps[s->tps[t].grade]++;
        r->linmas_places += s->rules.linmas_per_tps;
    }
    for (int i = 0; i < p->npost; i++) {
        const struct post *po = &p->post[i];
        struct plan_summary_row *r = &rows[po->kecamatan];
        r->posts++;
        r->places += po->required;
        for (int k = 0; k < po->nguards; k++) {
            const struct unit *u = &s->unit[s->member[p->guard[po->first_guard + k]].unit];
            if (u->force == FORCE_TNI)
                r->tni++;
            else
                r->polri++;
        }
        r->empty += po->required - po->nguards;
    }
    for (int i = 0; i < p->nlinmas; i++)
        rows[s->tps[p->linmas[i].tps].kecamatan].linmas++;
    for (int k = 0; k < s->nkec; k++)
        rows[k].empty += rows[k].linmas_places - rows[k].linmas;
    for (int i = 0; i < p->nreserve; i++) {
        const struct unit *u = &s->unit[s->member[p->reserve[i]].unit];
        if (u->scope == SCOPE_KECAMATAN)
            rows[u->region].reserve++;
        else if (u->scope == SCOPE_DESA)
            rows[s->desa[u->region].kecamatan].reserve++;
        else
            wide->reserve++;
    }
    for (int k = 0; k <= s->nkec; k++)
        row_add(&rows[s->nkec + 1], &rows[k]);
    return rows;
}

int io_write_summary(FILE *f, const struct scenario *s, const struct plan *p)
{
    struct plan_summary_row *rows = io_plan_summary_rows(s, p);
    if (rows == NULL)
        return -1;
    const struct plan_summary_row *wide = &rows[s->nkec];

    fprintf(f, "RINGKASAN RENCANA PENGAMANAN TPS\n");
    fprintf(f, "Skenario : %s\n", s->name);
    if (s->date[0])
        fprintf(f, "Tanggal  : %s\n", s->date);
    fprintf(f, "Status   : %s\n\n", io_plan_status_label(p->status));
    fprintf(f, "%-8s %-22s %5s %5s %5s %5s %6s %6s %5s %7s %7s %6s %8s\n",
            "Kode", "Kecamatan", "TPS", "TPS", "TPS", "Pos", "Tempat", "Polri",
            "TNI", "Linmas", "Linmas", "Kosong", "Cadangan");
    fprintf(f, "%-8s %-22s %5s %5s %5s %5s %6s %6s %5s %7s %7s %6s %8s\n",
            "", "", "KR", "R", "SR", "", "jaga", "", "", "wajib", "terisi",
            "", "");
    for (int k = 0; k < s->nkec; k++)
        row_print(f, s->kec[k].code, s->kec[k].name, &rows[k]);
    if (wide->reserve > 0)
        row_print(f, "-", "(satuan lintas kec.)", wide);
    row_print(f, "TOTAL", "", &rows[s->nkec + 1]);

    const struct plan_objective *o = &p->obj;
    fprintf(f, "\nKeterangan: KR kurang rawan, R rawan, SR sangat rawan; "
               "Kosong = tempat jaga dan Linmas yang tidak terisi.\n\n");
    fprintf(f, "Sasaran (urutan prioritas)              nilai     batas bawah  selisih\n");
    static const enum grade order[] = {GRADE_SANGAT_RAWAN, GRADE_RAWAN,
                                       GRADE_KURANG_RAWAN};
    for (int i = 0; i < 3; i++) {
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

int io_write_plan(const char *dir, const struct scenario *s,
                  const struct plan *p, struct error_list *errs)
{
    return io_write_plan_extras(dir, s, p, NULL, errs);
}

const char *const io_plan_files[] = {
    "roster.xml", "roster.csv", "ringkasan.txt", "roster.kml", "roster.geojson",
    "laporan.html", "bko.csv", "perubahan.csv", "shifts.csv", NULL};

int io_write_plan_extras(const char *dir, const struct scenario *s,
                         const struct plan *p, const struct plan_extras *x,
                         struct error_list *errs)
{
    return io_write_plan_timeline(dir, s, p, x, NULL, NULL, errs);
}

/* GeoJSON and the HTML report, written beside the other files on a
 * thread of their own: with the KML they are most of the writing of a
 * province, and a time limit holds for the writing too.  Neither uses
 * libxml2: libxml2 2.9 crashes when the per-thread state it allocates in a
 * new thread cannot be had (the fault sweep's --jobs 2 run found it when
 * the KML was written here), so everything of libxml2 stays on the
 * calling thread.  Each writer has its own FILE and reads s, p, tl, sr
 * only. */
struct maps_job {
    FILE *fg, *fh;
    const struct scenario *s;
    const struct plan *p;
    const struct timeline *tl;
    const struct shift_result *sr;
    int rc;
};

/* Threads the writers may use: 1 writes everything on the calling thread,
 * so a run with --jobs 1 allocates in the same order every time (the
 * fault sweeps trace allocations by number). */
static int write_jobs = 2;

void io_plan_write_jobs(int jobs)
{
    write_jobs = jobs;
}

static void *write_maps(void *arg)
{
    struct maps_job *j = arg;
    j->rc = io_write_roster_geojson(j->fg, j->s, j->p) != 0 ||
            io_write_report_html_timeline(j->fh, j->s, j->p, j->tl, j->sr) != 0 ? -1 : 0;
    return NULL;
}

int io_write_plan_timeline(const char *dir, const struct scenario *s,
                           const struct plan *p, const struct plan_extras *x,
                           const struct timeline *tl,
                           const struct shift_result *sr,
                           struct error_list *errs)
{
    struct outdir od;
    int rc = outdir_open(&od, dir, errs);
    if (rc != SIAGA_OK)
        goto done;
    FILE *fx = outdir_file(&od, "roster.xml", errs);
    FILE *fc = fx ? outdir_file(&od, "roster.csv", errs) : NULL;
    FILE *fs = fc ? outdir_file(&od, "ringkasan.txt", errs) : NULL;
    FILE *fk = fs ? outdir_file(&od, "roster.kml", errs) : NULL;
    FILE *fg = fk ? outdir_file(&od, "roster.geojson", errs) : NULL;
    FILE *fh = fg ? outdir_file(&od, "laporan.html", errs) : NULL;
    FILE *fb = fh && x ? outdir_file(&od, "bko.csv", errs) : NULL;
    FILE *fp = fb && x->changes ? outdir_file(&od, "perubahan.csv", errs) : NULL;
    FILE *ft = fh && sr ? outdir_file(&od, "shifts.csv", errs) : NULL;
    if (fh == NULL || (x && fb == NULL) || (x && x->changes && fp == NULL) ||
        (sr && ft == NULL)) {
        rc = SIAGA_EIO;
        goto done;
    }
    struct maps_job mj = {fg, fh, s, p, tl, sr, 0};
    pthread_t th;
    bool threaded = write_jobs > 1 && pthread_create(&th, NULL, write_maps, &mj) == 0;
    if (!threaded)
        write_maps(&mj);
    int wrc = (sr ? io_write_roster_xml_v2(fx, s, p, tl, sr)
                  : io_write_roster_xml(fx, s, p)) != 0 ||
              io_write_roster_csv(fc, s, p) != 0 ||
              io_write_summary(fs, s, p) != 0 ||
              io_write_roster_kml(fk, s, p) != 0;
    if (threaded)
        pthread_join(th, NULL);
    if (wrc != 0 || mj.rc != 0 ||
        (x && (io_write_whatif_summary(fs, s, x) != 0 ||
               io_write_bko_csv(fb, s, x->bko) != 0)) ||
        (x && x->changes && (io_write_changes_summary(fs, x->changes) != 0 ||
                             io_write_changes_csv(fp, x->changes) != 0)) ||
        (sr && (io_write_shifts_summary(fs, s, tl, sr) != 0 ||
                io_write_shifts_csv(ft, s, tl, sr) != 0))) {
        error_add(errs, dir, 0, "cannot write the plan");
        rc = SIAGA_EIO;
        goto done;
    }
    rc = outdir_commit(&od, errs);
done:
    outdir_close(&od);
    return rc;
}
