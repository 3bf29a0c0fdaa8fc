/*
 * plan_outputs.c - the set of a plan's outputs (plan_outputs.h): opens
 * every file in a staging folder, writes each through its own writer, and
 * commits them together.
 */
#include "io/plan_outputs.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/changes_write.h"
#include "io/formats/kekurangan.h"
#include "io/report/cards.h"
#include "io/report/cert_report.h"
#include "io/report/geojson_write.h"
#include "io/report/html_report.h"
#include "io/report/kml_write.h"
#include "io/outdir.h"
#include "io/report/plan_write.h"
#include "io/formats/shifts_write.h"
#include "io/formats/whatif_write.h"
#include "model/certificate.h"
#include "model/post_why.h"

const char *const io_plan_files[] = {
    "roster.xml", "roster.csv", "ringkasan.txt", "roster.kml", "roster.geojson",
    "laporan.html", "bko.csv", "perubahan.csv", "shifts.csv", "kekurangan.csv",
    NULL};

void io_plan_outputs_init(struct plan_outputs *o, const struct scenario *s,
                          const struct plan *p)
{
    *o = (struct plan_outputs){.s = s, .p = p, .jobs = 2};
}

/* The open files of a set, NULL for those it does not write. */
struct plan_files {
    FILE *roster_xml, *roster_csv, *summary, *kml, *geojson, *html;
    FILE *bko, *changes, *shifts, *certs;
    const struct plan_explain *ex; /* with certs: the certificates, and
                                      why each post */
};

/* GeoJSON and the HTML report, written beside the other files on a
 * thread of their own: with the KML they are most of the writing of a
 * province, and a time limit holds for the writing too.  Neither uses
 * libxml2: libxml2 2.9 crashes when the per-thread state it allocates in a
 * new thread cannot be had (the fault sweep's --jobs 2 run found it when
 * the KML was written here), so everything of libxml2 stays on the
 * calling thread.  Each writer has its own FILE and reads o only. */
struct maps_job {
    const struct plan_files *pf;
    const struct plan_outputs *o;
    int rc;
};

static void *write_maps(void *arg)
{
    struct maps_job *j = arg;
    const struct plan_outputs *o = j->o;
    j->rc = io_write_roster_geojson(j->pf->geojson, o->s, o->p) != 0 ||
            io_write_report_html_certs(j->pf->html, o->s, o->p, o->tl, o->sr,
                                       j->pf->ex) != 0 ? -1 : 0;
    return NULL;
}

/* Open the files of o in od, in the order of io_plan_files.  0, or -1
 * with errs saying why. */
static int open_files(struct outdir *od, const struct plan_outputs *o,
                      struct plan_files *pf, struct error_list *errs)
{
    const struct plan_extras *x = o->whatif;
    *pf = (struct plan_files){0};
    pf->roster_xml = outdir_file(od, "roster.xml", errs);
    pf->roster_csv = pf->roster_xml ? outdir_file(od, "roster.csv", errs) : NULL;
    pf->summary = pf->roster_csv ? outdir_file(od, "ringkasan.txt", errs) : NULL;
    pf->kml = pf->summary ? outdir_file(od, "roster.kml", errs) : NULL;
    pf->geojson = pf->kml ? outdir_file(od, "roster.geojson", errs) : NULL;
    pf->html = pf->geojson ? outdir_file(od, "laporan.html", errs) : NULL;
    if (pf->html == NULL)
        return -1;
    if (x && (pf->bko = outdir_file(od, "bko.csv", errs)) == NULL)
        return -1;
    if (x && x->changes &&
        (pf->changes = outdir_file(od, "perubahan.csv", errs)) == NULL)
        return -1;
    if (o->sr && (pf->shifts = outdir_file(od, "shifts.csv", errs)) == NULL)
        return -1;
    if (o->certificates &&
        (pf->certs = outdir_file(od, "kekurangan.csv", errs)) == NULL)
        return -1;
    return 0;
}

/* Write every file of o; the summary's sections in the order of the
 * program's steps: plan, what-if, changes, timeline.  0 or -1. */
static int write_files(const struct plan_outputs *o, const struct plan_files *pf)
{
    const struct scenario *s = o->s;
    const struct plan *p = o->p;
    const struct plan_extras *x = o->whatif;
    struct maps_job mj = {pf, o, 0};
    pthread_t th;
    bool threaded = o->jobs > 1 && pthread_create(&th, NULL, write_maps, &mj) == 0;
    if (!threaded)
        write_maps(&mj);
    int wrc = (o->sr ? io_write_roster_xml_v2(pf->roster_xml, s, p, o->tl, o->sr)
                     : io_write_roster_xml(pf->roster_xml, s, p)) != 0 ||
              io_write_roster_csv(pf->roster_csv, s, p) != 0 ||
              io_write_summary_tl(pf->summary, s, p, o->sr) != 0 ||
              io_write_roster_kml(pf->kml, s, p) != 0;
    if (threaded)
        pthread_join(th, NULL);
    if (wrc != 0 || mj.rc != 0 ||
        (x && (io_write_whatif_summary(pf->summary, s, x) != 0 ||
               io_write_bko_csv(pf->bko, s, x->bko) != 0)) ||
        (x && x->changes && (io_write_changes_summary(pf->summary, x->changes) != 0 ||
                             io_write_changes_csv(pf->changes, x->changes) != 0)) ||
        (o->sr && (io_write_shifts_summary(pf->summary, s, o->tl, o->sr) != 0 ||
                   io_write_shifts_csv(pf->shifts, s, o->tl, o->sr) != 0)) ||
        (pf->certs && (io_write_why_summary(pf->summary, s, p, pf->ex->why) != 0 ||
                       io_write_sens_summary(pf->summary, s, p, pf->ex->sens) != 0 ||
                       io_write_cert_summary(pf->summary, s, p, pf->ex->certs,
                                             x ? x->bko : NULL) != 0 ||
                       io_write_kekurangan_csv(pf->certs, s, p, pf->ex->certs) != 0)))
        return -1;
    return 0;
}

/* What io_write_plan_outputs hands to outdir_write_set. */
struct plan_set {
    const char *dir;
    const struct plan_outputs *o;
    const struct plan_explain *ex;
};

/* DIR/kartu/ (cards.h) from roster.xml as staged, so that the cards carry
 * the hash of the bytes published; read back through the staging folder's
 * descriptor, never by a path that could be swapped. */
static int write_cards(struct outdir *od, const struct plan_set *ps,
                       FILE *roster, struct error_list *errs)
{
    char path[64], *shown = outdir_join(ps->dir, "roster.xml");
    struct card_stats st;
    int rc = SIAGA_ENOMEM;
    if (fflush(roster) != 0) {
        error_add(errs, ps->dir, 0, "cannot write roster.xml");
        rc = SIAGA_EIO;
    } else if (shown == NULL) {
        error_add(errs, NULL, 0, "out of memory");
    } else {
        snprintf(path, sizeof path, "/proc/self/fd/%d/roster.xml", od->stage.set);
        rc = io_cards_fill(od, path, shown, ps->o->s,
                           ps->o->card_stats ? ps->o->card_stats : &st, errs);
        /* the roster is siaga's own: one that does not read back is a
         * failure of the writing, not bad input */
        if (rc == SIAGA_EINPUT)
            rc = SIAGA_EIO;
    }
    free(shown);
    return rc;
}

static int fill_set(struct outdir *od, void *arg, struct error_list *errs)
{
    const struct plan_set *ps = arg;
    struct plan_files pf;
    if (open_files(od, ps->o, &pf, errs) != 0)
        return SIAGA_EIO;
    pf.ex = ps->ex;
    if (write_files(ps->o, &pf) != 0) {
        error_add(errs, ps->dir, 0, "cannot write the plan");
        return SIAGA_EIO;
    }
    return ps->o->cards ? write_cards(od, ps, pf.roster_xml, errs) : SIAGA_OK;
}

int io_write_plan_outputs(const char *dir, const struct plan_outputs *o,
                          struct error_list *errs)
{
    struct cert_set cs;
    struct post_why why;
    memset(&cs, 0, sizeof cs);
    memset(&why, 0, sizeof why);
    struct plan_explain ex = {&cs, &why, o->sens};
    struct plan_set ps = {dir, o, NULL};
    int rc = SIAGA_OK;
    if (o->certificates) {
        if (cert_extract(o->s, o->p, &cs) != SIAGA_OK ||
            post_why_build(o->s, &why) != SIAGA_OK) {
            error_add(errs, NULL, 0, "out of memory");
            rc = SIAGA_ENOMEM;
            goto done;
        }
        ps.ex = &ex;
    }
    rc = outdir_write_set(dir, fill_set, &ps, errs);
done:
    cert_set_free(&cs);
    post_why_free(&why);
    return rc;
}
