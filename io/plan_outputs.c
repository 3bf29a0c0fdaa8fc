/*
 * plan_outputs.c - the set of a plan's outputs (plan_outputs.h): opens
 * every file in a staging folder, writes each through its own writer, and
 * commits them together.  The maps per kabupaten are opened, written and
 * closed one by one (a nation has 514 kabupaten, three files each), with
 * the look-ups and the report's totals made once for all of them.
 */
#include "io/plan_outputs.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/alasan_anggota.h"
#include "io/formats/changes_write.h"
#include "io/formats/kekurangan.h"
#include "io/report/cards.h"
#include "io/report/cert_report.h"
#include "io/report/geojson_write.h"
#include "io/report/html_report.h"
#include "io/report/kml_write.h"
#include "io/report/plan_view.h"
#include "io/outdir.h"
#include "io/report/plan_write.h"
#include "io/formats/shifts_write.h"
#include "io/formats/whatif_write.h"
#include "model/certificate.h"
#include "model/post_why.h"
#include "model/tally.h"

const char *const io_plan_owned[] = {
    "roster.xml", "roster.csv", "ringkasan.txt", "roster.kml", "roster.geojson",
    "laporan.html", "bko.csv", "perubahan.csv", "shifts.csv", "kekurangan.csv",
    "roster-lintas.csv", "alasan-anggota.csv", "kab", CARDS_FOLDER, "cakupan.html",
    NULL};

void io_plan_outputs_init(struct plan_outputs *o, const struct scenario *s,
                          const struct plan *p)
{
    *o = (struct plan_outputs){.s = s, .p = p, .maps = PLAN_MAPS_AUTO, .jobs = 2};
}

int io_plan_maps_parse(const char *name)
{
    static const char *const NAMES[] = {"auto", "single", "per-kabupaten", "none"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, NAMES[i]) == 0)
            return i;
    return -1;
}

enum plan_maps io_plan_maps_of(const struct plan_outputs *o)
{
    if (o->maps != PLAN_MAPS_AUTO)
        return o->maps;
    return o->s->ntps > PLAN_MAPS_AUTO_TPS ? PLAN_MAPS_PER_KABUPATEN
                                           : PLAN_MAPS_SINGLE;
}

/* The open files of a set, NULL for those it does not write (html is the
 * index when the maps go per kabupaten). */
struct plan_files {
    FILE *roster_xml, *roster_csv, *summary, *kml, *geojson, *html;
    FILE *bko, *changes, *shifts, *certs, *why;
    const struct plan_explain *ex; /* with certs: the certificates, and
                                      why each post */
};

/* The maps per kabupaten: what their writers share, and the set they go
 * into, which two threads reach through lock. */
struct kab_maps {
    const struct plan_outputs *o;
    struct plan_view v;
    struct report_book *book;
    struct outdir *od;
    struct error_list *errs;
    pthread_mutex_t lock;
};

enum kab_file { KAB_KML, KAB_GEOJSON, KAB_HTML, KAB_CSV };

const char *const io_plan_kab_files[] = {"roster.kml", "roster.geojson",
                                         "laporan.html", "roster.csv", NULL};

/* Open, write and close DIR/kab/<code>/FILE of kabupaten b; b -1:
 * DIR/roster-lintas.csv (KAB_CSV only).  0 or -1. */
static int write_kab_file(struct kab_maps *km, int b, enum kab_file which)
{
    const struct plan_outputs *o = km->o;
    char name[64];
    if (b < 0)
        snprintf(name, sizeof name, "roster-lintas.csv");
    else
        snprintf(name, sizeof name, "kab/%s/%s", o->s->kab[b].code, io_plan_kab_files[which]);
    pthread_mutex_lock(&km->lock);
    FILE *f = outdir_file(km->od, name, km->errs);
    pthread_mutex_unlock(&km->lock);
    if (f == NULL)
        return -1;
    int rc = which == KAB_KML ? io_write_roster_kml_part(f, o->s, o->p, &km->v, b)
             : which == KAB_GEOJSON ? io_write_roster_geojson_part(f, o->s, o->p, &km->v, b)
             : which == KAB_CSV ? io_write_roster_csv_part(f, o->s, o->p, &km->v, b)
             : io_write_report_html_part(f, km->book, b);
    pthread_mutex_lock(&km->lock);
    if (outdir_file_close(km->od, f, km->errs) != SIAGA_OK)
        rc = -1;
    pthread_mutex_unlock(&km->lock);
    return rc;
}

/* GeoJSON, laporan.html and roster.csv of every kabupaten (the KML of
 * each is written on the calling thread: libxml2, see write_maps).  0 or
 * -1. */
static int write_kab_pages(struct kab_maps *km)
{
    for (int b = 0; b < km->o->s->nkab; b++)
        if (write_kab_file(km, b, KAB_GEOJSON) != 0 ||
            write_kab_file(km, b, KAB_HTML) != 0 ||
            write_kab_file(km, b, KAB_CSV) != 0)
            return -1;
    return 0;
}

/* The index pf->html, every kabupaten's KML, and roster-lintas.csv when
 * there are reserves of units scoped to no kabupaten.  0 or -1. */
static int write_kab_kml(struct kab_maps *km, const struct plan_files *pf)
{
    const struct scenario *s = km->o->s;
    const struct plan *p = km->o->p;
    if (io_write_report_index(pf->html, km->book) != 0)
        return -1;
    bool lintas = false;
    for (int i = 0; i < p->nreserve && !lintas; i++)
        lintas = region_unit_kabupaten(s, &s->unit[s->member[p->reserve[i]].unit]) < 0;
    if (lintas && write_kab_file(km, -1, KAB_CSV) != 0)
        return -1;
    for (int b = 0; b < km->o->s->nkab; b++)
        if (write_kab_file(km, b, KAB_KML) != 0)
            return -1;
    return 0;
}

/* GeoJSON and the HTML report (of the whole plan, or of each kabupaten),
 * written beside the other files on a thread of their own: with the KML
 * they are most of the writing of a province, and a time limit holds for
 * the writing too.  Neither uses libxml2: libxml2 2.9 crashes when the
 * per-thread state it allocates in a new thread cannot be had (the fault
 * sweep's --jobs 2 run found it when the KML was written here), so
 * everything of libxml2 stays on the calling thread.  Each writer has its
 * own FILE and reads o only. */
struct maps_job {
    const struct plan_files *pf;
    const struct plan_outputs *o;
    struct kab_maps *km;   /* the maps per kabupaten, or NULL */
    int rc;
};

static void *write_maps(void *arg)
{
    struct maps_job *j = arg;
    const struct plan_outputs *o = j->o;
    if (j->km != NULL)
        j->rc = write_kab_pages(j->km);
    if (j->pf->geojson == NULL)
        return NULL;   /* no maps, or per kabupaten */
    j->rc = io_write_roster_geojson(j->pf->geojson, o->s, o->p) != 0 ||
            io_write_report_html_certs(j->pf->html, o->s, o->p, o->tl, o->sr,
                                       j->pf->ex) != 0 ? -1 : 0;
    return NULL;
}

/* Open the files of o in od, in the order of io_plan_owned.  0, or -1
 * with errs saying why. */
static int open_files(struct outdir *od, const struct plan_outputs *o,
                      struct plan_files *pf, struct error_list *errs)
{
    const struct plan_extras *x = o->whatif;
    *pf = (struct plan_files){0};
    enum plan_maps maps = io_plan_maps_of(o);
    /* per kabupaten, roster.csv is too: a spreadsheet holds about a
     * million rows, a nation's roster has 820,000 (README "Choices") */
    pf->roster_xml = outdir_file(od, "roster.xml", errs);
    if (pf->roster_xml != NULL && maps != PLAN_MAPS_PER_KABUPATEN)
        pf->roster_csv = outdir_file(od, "roster.csv", errs);
    if (pf->roster_xml != NULL && (pf->roster_csv != NULL || maps == PLAN_MAPS_PER_KABUPATEN))
        pf->summary = outdir_file(od, "ringkasan.txt", errs);
    if (pf->summary == NULL)
        return -1;
    if (maps == PLAN_MAPS_SINGLE &&
        ((pf->kml = outdir_file(od, "roster.kml", errs)) == NULL ||
         (pf->geojson = outdir_file(od, "roster.geojson", errs)) == NULL))
        return -1;
    if (maps != PLAN_MAPS_NONE &&
        (pf->html = outdir_file(od, "laporan.html", errs)) == NULL)
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
    if (o->why_members &&
        (pf->why = outdir_file(od, "alasan-anggota.csv", errs)) == NULL)
        return -1;
    return 0;
}

/* Write every file of o; the summary's sections in the order of the
 * program's steps: plan, what-if, changes, timeline.  0 or -1. */
static int write_files(const struct plan_outputs *o, const struct plan_files *pf,
                       struct kab_maps *km)
{
    const struct scenario *s = o->s;
    const struct plan *p = o->p;
    const struct plan_extras *x = o->whatif;
    struct maps_job mj = {pf, o, km, 0};
    pthread_t th;
    bool threaded = o->jobs > 1 && pthread_create(&th, NULL, write_maps, &mj) == 0;
    if (!threaded)
        write_maps(&mj);
    int wrc = (o->sr ? io_write_roster_xml_v2(pf->roster_xml, s, p, o->tl, o->sr)
                     : io_write_roster_xml(pf->roster_xml, s, p)) != 0 ||
              (pf->roster_csv != NULL && io_write_roster_csv(pf->roster_csv, s, p) != 0) ||
              io_write_summary_tl(pf->summary, s, p, o->sr) != 0 ||
              (pf->kml != NULL && io_write_roster_kml(pf->kml, s, p) != 0);
    if (wrc == 0 && km != NULL)
        wrc = write_kab_kml(km, pf) != 0;
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
                       io_write_kekurangan_csv(pf->certs, s, p, pf->ex->certs) != 0)) ||
        (pf->why && io_write_alasan_anggota_csv(pf->why, s, p) != 0))
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
    const struct plan_outputs *o = ps->o;
    struct plan_files pf;
    struct kab_maps km = {.o = o, .od = od, .errs = errs};
    bool per_kab = io_plan_maps_of(o) == PLAN_MAPS_PER_KABUPATEN;
    int rc = SIAGA_OK;
    /* DIR holds one plan: the names of an earlier one that this set does
     * not write (the cards of an earlier roster, its maps per kabupaten,
     * a national file now written per kabupaten, its audit) go */
    for (int i = 0; io_plan_owned[i] != NULL && rc == SIAGA_OK; i++)
        rc = outdir_own(od, io_plan_owned[i], errs);
    if (rc != SIAGA_OK)
        return rc;
    if (open_files(od, o, &pf, errs) != 0)
        return SIAGA_EIO;
    pf.ex = ps->ex;
    if (per_kab) {
        if (plan_view_init(&km.v, o->s, o->p) != 0) {
            error_add(errs, NULL, 0, "out of memory");
            return SIAGA_ENOMEM;
        }
        km.book = io_report_book_create(o->s, o->p, &km.v, o->tl, o->sr, ps->ex);
        if (km.book == NULL) {
            error_add(errs, NULL, 0, "out of memory");
            rc = SIAGA_ENOMEM;
            goto done;
        }
        pthread_mutex_init(&km.lock, NULL);
    }
    if (write_files(o, &pf, per_kab ? &km : NULL) != 0) {
        error_add(errs, ps->dir, 0, "cannot write the plan");
        rc = SIAGA_EIO;
    }
    if (per_kab)
        pthread_mutex_destroy(&km.lock);
    if (rc == SIAGA_OK && o->cards)
        rc = write_cards(od, ps, pf.roster_xml, errs);
done:
    io_report_book_destroy(km.book);
    if (per_kab)
        plan_view_free(&km.v);
    return rc;
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
    struct outdir od;
    rc = outdir_open(&od, dir, errs);
    if (rc == SIAGA_OK)
        rc = fill_set(&od, &ps, errs);
    if (rc == SIAGA_OK)
        rc = outdir_commit(&od, errs);
    if (rc == SIAGA_OK && o->removed != NULL)
        *o->removed = (outdir_removed(&od, CARDS_FOLDER) ? PLAN_REMOVED_CARDS : 0u) |
                      (outdir_removed(&od, "cakupan.html") ? PLAN_REMOVED_AUDIT : 0u);
    outdir_close(&od);
done:
    cert_set_free(&cs);
    post_why_free(&why);
    return rc;
}
