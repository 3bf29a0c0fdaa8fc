/*
 * plan_outputs.h - the outputs of `siaga plan` as one set: roster.xml,
 * roster.csv and ringkasan.txt (plan_write.h), the maps and print report
 * roster.kml, roster.geojson and laporan.html (kml_write.h,
 * geojson_write.h, html_report.h; whole, per kabupaten below DIR/kab/ with
 * an index laporan.html, or none: enum plan_maps), and, when asked, the what-if files
 * (whatif_write.h, changes_write.h) and the timeline's (shifts_write.h),
 * written all-or-nothing into one folder (outdir.h).  This is the only
 * file that calls the plan writers; none of them calls another.
 */
#ifndef SIAGA_PLAN_OUTPUTS_H
#define SIAGA_PLAN_OUTPUTS_H

#include <stdbool.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

struct plan_extras;

/* Which map and print outputs a plan writes (--maps). */
enum plan_maps {
    PLAN_MAPS_AUTO,       /* per kabupaten above PLAN_MAPS_AUTO_TPS TPS,
                             else single */
    PLAN_MAPS_SINGLE,     /* DIR/roster.kml, roster.geojson, laporan.html */
    PLAN_MAPS_PER_KABUPATEN, /* DIR/kab/<code>/ each of them, and the index
                                DIR/laporan.html over them */
    PLAN_MAPS_NONE        /* none of them */
};

/* Above this many TPS, PLAN_MAPS_AUTO writes the maps per kabupaten: a
 * province's single roster.kml is already ~170 MB, more than Google Earth
 * or a browser opens with ease, while the largest kabupaten (Bogor, about
 * 15,000 TPS) stays near 20 MB. */
#define PLAN_MAPS_AUTO_TPS 20000

/* "auto", "single", "per-kabupaten", "none" to its value; -1 when none. */
int io_plan_maps_parse(const char *name);
struct timeline;
struct shift_result;
struct sensitivity;
struct card_stats;

/* What the writers read; io_plan_outputs_init sets the defaults. */
struct plan_outputs {
    const struct scenario *s;   /* the scenario planned */
    const struct plan *p;       /* the plan: the roster, its maps, its summary */
    const struct plan_extras *whatif; /* NULL, or bko.csv and the sections
                                         "Permintaan BKO" and "Dampak
                                         perubahan" of ringkasan.txt, and
                                         perubahan.csv when it holds changes */
    const struct timeline *tl;  /* the timeline of sr (with sr, or NULL) */
    const struct shift_result *sr; /* NULL, or the shifts: roster.xml becomes
                                      version 2, shifts.csv is added, and
                                      ringkasan.txt and laporan.html gain
                                      their schedules */
    bool certificates;          /* write kekurangan.csv (formats.md 6) and
                                   the certificates in ringkasan.txt and
                                   laporan.html (plan does, with whatif);
                                   default false */
    const struct sensitivity *sens; /* NULL, or what a rule change would
                                   save: a table in ringkasan.txt and
                                   laporan.html (with certificates) */
    bool why_members;           /* write alasan-anggota.csv (the next-best
                                   place of each placed member, p->why) and
                                   its section in laporan.html; default
                                   false */
    bool cards;                 /* also DIR/kartu/, the duty cards
                                   (io/report/cards.h) of roster.xml as
                                   written; default false */
    struct card_stats *card_stats; /* with cards: filled with what kartu/
                                      holds when not NULL (default) */
    unsigned *removed;          /* NULL (default), or set after a successful
                                   write to the PLAN_REMOVED_* of what of an
                                   earlier roster went (io_plan_owned) */
    enum plan_maps maps;        /* the map and print outputs; default
                                   PLAN_MAPS_AUTO */
    int jobs;                   /* threads the writers may use, >= 1: 1
                                   writes everything on the calling thread,
                                   so allocations come in the same order
                                   every time (the fault sweeps count
                                   them); 2 or more writes GeoJSON and HTML
                                   on a thread of their own.  Default 2. */
};

/* o for plan p of scenario s alone: no what-if, no timeline, maps auto,
 * 2 jobs.  Never fails. */
void io_plan_outputs_init(struct plan_outputs *o, const struct scenario *s,
                          const struct plan *p);

/* Write the set o into dir (created if missing).  On failure no new file
 * is left in dir.  Returns SIAGA_OK, SIAGA_EIO or SIAGA_ENOMEM; errs says
 * why. */
int io_write_plan_outputs(const char *dir, const struct plan_outputs *o,
                          struct error_list *errs);

/* The maps o writes, PLAN_MAPS_AUTO resolved by its TPS count. */
enum plan_maps io_plan_maps_of(const struct plan_outputs *o);

/* The files of each kabupaten in DIR/kab/<code>/ when the maps go per
 * kabupaten, NULL-terminated; the reserves of units tied to no kabupaten
 * go to DIR/roster-lintas.csv (when there are any). */
extern const char *const io_plan_kab_files[];

/* What a plan owns in its folder (outdir_own), NULL-terminated: every file
 * a plan may write into it, the folders kab/ (the maps per kabupaten) and
 * kartu/, and cakupan.html, the audit `siaga check --report` may have
 * written beside the plan (with its parts in kab/).  A folder holds one
 * plan: what of these the new plan does not write goes, since it belongs
 * to the roster being replaced.  Also the outputs outdir_check_outputs
 * checks the inputs against. */
extern const char *const io_plan_owned[];

/* What of an earlier roster a plan removed (plan_outputs.removed). */
#define PLAN_REMOVED_CARDS 1u   /* DIR/kartu/ */
#define PLAN_REMOVED_AUDIT 2u   /* DIR/cakupan.html */

#endif
