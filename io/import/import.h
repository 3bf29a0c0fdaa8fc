/*
 * import.h - build a scenario (formats.md section 1) from the files
 * planners actually have: a TPS list exported from a spreadsheet (CSV or
 * TSV) or plotted in Google Earth / Google My Maps (KML), risk grades from
 * Sat Intelkam (CSV or XML), and personnel (CSV).  This is what
 * `siaga import` runs.
 *
 * Every TPS row is checked (coordinates, the wilayah names, duplicates, a
 * TPS far from the rest of its kelurahan); a row that fails is a reject,
 * with its file, line and reason.  With rejects_path the rejects are
 * written there and the import goes on; without it they refuse the import.
 * Problems of the grade and personnel files always refuse it.  The
 * scenario is written through a temporary file in the folder of
 * output_path, read back with io_read_scenario (so it is known to
 * validate) and renamed into place only then.
 *
 * The column names, the KML conventions and the thresholds are documented
 * in import.c and in scenarios/README.md.
 */
#ifndef SIAGA_IMPORT_H
#define SIAGA_IMPORT_H

#include "model/error.h"
#include "model/scenario.h"

#define IMPORT_MAX_TPS_FILES 8

/* TPS numbered from here are TPS khusus in the KPU list (formats 1.6):
 * import grades them khusus unless the grades file says otherwise. */
#define IMP_KHUSUS_FROM 901

/* Bounding box of Indonesia (WGS84 degrees): Sabang and Miangas to Rote
 * and Merauke with a margin, so that every TPS of the country is inside
 * and a longitude missing its decimal point (1.06 for 106) is not. */
#define IMPORT_LAT_MIN (-11.5)
#define IMPORT_LAT_MAX 6.5
#define IMPORT_LON_MIN 94.5
#define IMPORT_LON_MAX 141.5

/* A TPS is far from its kelurahan when its distance to the median
 * position of the other TPS of the kelurahan exceeds
 *     max(far_km, far_spread x the kelurahan's spread),
 * the spread being the median of those distances over the kelurahan.
 * See import.c for why these numbers. */
#define IMPORT_FAR_KM 3.0
#define IMPORT_FAR_SPREAD 5.0

/* A spot (TPS within IMPORT_PIN_KM of each other) where TPS of at least
 * IMPORT_PIN_KELURAHAN different kelurahan sit is a default map position
 * (the pin a form starts with), not a place: voters vote in their own
 * kelurahan, so no real TPS site serves four.  A TPS on such a spot is
 * rejected when it is also more than IMPORT_PIN_OFF_KM from the median of
 * the other TPS of its kelurahan (or its kelurahan has fewer than 3 TPS):
 * the TPS of the kelurahan the spot really lies in stay. */
#define IMPORT_PIN_KM 0.05
#define IMPORT_PIN_KELURAHAN 4
#define IMPORT_PIN_OFF_KM 1.0

struct import_options {
    const char *tps[IMPORT_MAX_TPS_FILES]; /* TPS lists: .csv/.tsv/.txt or
                                              .kml (by content when unsure) */
    int ntps;
    const char *grades;     /* grades CSV or XML, or NULL (all kurang_rawan) */
    const char *personnel;  /* personnel CSV, or NULL (empty <personnel/>) */
    const char *wilayah;    /* wilayah TSV; required, no default */
    const char *kabupaten;  /* 4-digit code narrowing name look-ups, or NULL */
    const char *rejects;    /* --drop-bad file, or NULL (rejects refuse) */
    const char *output;     /* scenario file to write */
    const char *name;       /* scenario name, or NULL (from the kabupaten) */
    const char *date;       /* YYYY-MM-DD or NULL */
    double far_km;          /* km >= 0.5; IMPORT_FAR_KM */
    double far_spread;      /* factor >= 1; IMPORT_FAR_SPREAD */
};

/* The name of the wilayah list siaga carries (data/ in the source tree,
 * $(DATADIR) once installed); main looks it up when --wilayah is not
 * given, the library never does. */
#define IMPORT_WILAYAH_FILE "wilayah-tps-2024.tsv"

/* Defaults: no files, far_km and far_spread as above, wilayah NULL: the
 * caller names the list (io_import refuses NULL). */
void import_options_init(struct import_options *opt);

/* Why a TPS row was rejected. */
enum import_reason {
    REJ_SYNTAX,     /* no TPS number, bad number, malformed row */
    REJ_NOCOORD,    /* latitude or longitude missing */
    REJ_NOTNUM,     /* latitude or longitude not a number */
    REJ_OUTSIDE,    /* outside Indonesia */
    REJ_WILAYAH,    /* unknown, ambiguous or inconsistent wilayah */
    REJ_DUPLICATE,  /* the same TPS (desa code, number) twice */
    REJ_PIN,        /* on a spot shared by TPS of many kelurahan */
    REJ_FAR,        /* far from the other TPS of its kelurahan */
    REJ_KECAMATAN,  /* > 50 km from the other TPS of its kecamatan */
    REJ_COUNT
};

struct import_reject {
    const char *file;
    long line;
    enum import_reason reason;
    char *message;
};

struct import_report {
    int rows;                   /* TPS rows read */
    int tps;                    /* TPS written */
    int kabupaten, kecamatan, desa;
    int grade[GRADE_COUNT];     /* TPS per grade (enum grade order) */
    int graded_default;         /* TPS not in the grades file, made
                                   kurang_rawan */
    int khusus_by_number;       /* TPS not in the grades file, numbered
                                   IMP_KHUSUS_FROM or above: khusus */
    int grades_for_rejected;    /* grade rows naming a rejected TPS */
    int placemarks_skipped;     /* KML placemarks that are not TPS */
    long placemark_skipped_line;/* first of them */
    const char *placemark_skipped_file;
    int units, members;         /* personnel written (count= included) */
    struct import_reject *reject; /* every rejected row, by file and line */
    int nreject;
    int by_reason[REJ_COUNT];
};

/*
 * Run the import.  Returns SIAGA_OK (scenario written; rejects, if any,
 * written to opt->rejects), SIAGA_EINPUT (rejected rows without
 * opt->rejects: they are in rep->reject; or other bad input, an input
 * file that cannot be read among them, in errs; nothing written),
 * SIAGA_EIO (an output cannot be written, in errs) or SIAGA_ENOMEM.  rep is filled in every case; free it with
 * import_report_free.
 */
int io_import(const struct import_options *opt, struct import_report *rep,
              struct error_list *errs);
void import_report_free(struct import_report *rep);

/* "coordinates missing", ... for a summary. */
const char *import_reason_name(enum import_reason r);

#endif
