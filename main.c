/*
 * main.c - the siaga command: parses options, calls the library, prints
 * errors as "siaga: FILE:LINE: message" and maps statuses to exit codes.
 * Everything else lives in model/, io/ and solver/.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/formats/card_payload.h"
#include "io/formats/overlay_read.h"
#include "io/formats/roster_read.h"
#include "io/formats/scenario_read.h"
#include "io/formats/shifts_read.h"
#include "io/formats/shifts_write.h"
#include "io/formats/timeline_read.h"
#include "io/formats/whatif_write.h"
#include "io/import/import.h"
#include "io/outdir.h"
#include "io/plan_outputs.h"
#include "io/report/audit_text.h"
#include "io/report/cert_report.h"
#include "io/formats/kekurangan.h"
#include "io/report/cards.h"
#include "io/report/compare.h"
#include "io/report/html_report.h"
#include "io/report/plan_write.h"
#include "io/split/roster_merge.h"
#include "io/split/split.h"
#include "io/xml/alloc.h"
#include "io/xml/guard.h"
#include "model/audit.h"
#include "model/error.h"
#include "model/shifts.h"
#include "serve/serve.h"
#include "solver/bko.h"
#include "solver/export.h"
#include "solver/planner.h"
#include "solver/sensitivity.h"
#include "solver/replan.h"
#include "solver/shifts.h"
#include "solver/whatif_plan.h"

/* SIAGA_DATADIR and SIAGA_SRC_FROM_EXE, written by the Makefile */
#include "gen/paths.h"

#ifndef SIAGA_VERSION
#define SIAGA_VERSION "0.1.0"
#endif

/* Exit codes (jq keeps them in one named enum too). */
enum exit_code {
    EXIT_OK = 0,        /* done; every place filled / roster passes */
    EXIT_SHORT = 1,     /* plan written with empty places; audit failed */
    EXIT_BAD_INPUT = 2, /* bad input or usage: nothing written */
    EXIT_FAILURE_ = 3   /* the program itself failed (memory, I/O, solver) */
};

/* Two strings: C99 compilers need not take a literal over 4095 bytes. */
static const char USAGE[] =
    "usage: siaga validate SCENARIO.xml [--with OVERLAY.xml]...\n"
    "       siaga plan SCENARIO.xml [--with OVERLAY.xml]... -o DIR\n"
    "                  [--baseline OLD_ROSTER.xml [--pin MEMBER_OR_POST]...]\n"
    "                  [--time-limit SECONDS] [--quiet] [--timeline]\n"
    "                  [--jobs N] [--export-lp FILE] [--export-mps FILE]\n"
    "                  [--no-sensitivity] [--cards] [--why-members]\n"
    "                  [--maps auto|single|per-kabupaten|none]\n"
    "       siaga check SCENARIO.xml [--with OVERLAY.xml]... ROSTER.xml [--report DIR]\n"
    "                  [--certificates kekurangan.csv] [--time-limit SECONDS]\n"
    "                  [--card PAYLOAD_OR_CARD_FILE] [--maps auto|single|per-kabupaten]\n"
    "       siaga cards ROSTER.xml --scenario SCENARIO.xml [--with OVERLAY.xml]... -o DIR\n"
    "       siaga compare [--time-limit SECONDS] COLUMN...\n"
    "                  COLUMN: SCENARIO.xml[+OVERLAY.xml...] [--with OVERLAY.xml]...\n"
    "                        | [--scenario SCENARIO.xml[+OVERLAY.xml...]] ROSTER.xml\n"
    "       siaga import --tps FILE [--tps FILE] [--grades FILE] [--personnel FILE]\n"
    "                  [--kabupaten CODE] [--wilayah TSV] [--drop-bad REJECTS]\n"
    "                  [--name TEXT] [--date YYYY-MM-DD] -o SCENARIO.xml\n"
    "       siaga split SCENARIO.xml --by kabupaten|polres -o DIR\n"
    "       siaga merge ROSTER.xml... -o ROSTER.xml [--scenario SCENARIO.xml]\n"
    "       siaga serve SCENARIO.xml [--with OVERLAY.xml]... [--baseline ROSTER.xml]\n"
    "                  [--dir DIR] [--port N] [--bind ADDR] [--time-limit SECONDS]\n"
    "       siaga --help | --version\n";

static const char USAGE_MORE[] =
    "\n"
    "validate  check a scenario against the schema and the rules of formats.md\n"
    "plan      write DIR/roster.xml, roster.csv, ringkasan.txt, and the maps and\n"
    "          print report roster.kml, roster.geojson, laporan.html;\n"
    "          --maps per-kabupaten writes them in DIR/kab/<code>/ with an\n"
    "          index DIR/laporan.html (auto: above 20,000 TPS), none: not at all\n"
    "          --export-lp/--export-mps also write the whole problem as one MIP\n"
    "          --with applies a what-if overlay (formats.md 4) to the scenario\n"
    "          first; plan also writes DIR/bko.csv, the fewest extra personnel\n"
    "          that fill every place, what each overlay costs, and\n"
    "          DIR/kekurangan.csv, the certificates of the empty places;\n"
    "          --why-members also DIR/alasan-anggota.csv: each member's\n"
    "          next-best place and the distance moving him there adds\n"
    "check     audit a roster against its scenario (for the KPU);\n"
    "          --report DIR also writes DIR/cakupan.html (coverage map;\n"
    "          per kabupaten in DIR/kab/<code>/ with an index, as plan --maps);\n"
    "          an \"optimal\" or \"shortage\" roster is planned again and\n"
    "          fails when siaga finds a better plan (--time-limit bounds it);\n"
    "          --certificates verifies plan's kekurangan.csv (formats.md 6);\n"
    "          --card checks a duty card against the roster instead\n"
    "cards     write DIR/kartu/: a duty card per member and per post (HTML\n"
    "          for A6 and phones, text for WhatsApp, a QR code) and an index;\n"
    "          plan --cards writes them beside the plan\n"
    "compare   plans (of scenarios, with overlays) and rosters side by side\n"
    "import    build a scenario from a TPS list (CSV/TSV or KML), risk grades\n"
    "          and personnel; bad rows refuse it unless --drop-bad sets them aside\n"
    "split     write DIR/<code>.xml, one scenario per kabupaten (or per Polres), to plan apart\n"
    "merge     join the rosters of the parts (in scenario order) into one;\n"
    "          --scenario puts the reserves in that scenario's member order\n"
    "serve     plan, then serve the plan as a page to change and re-plan\n"
    "          (first line on stdout: its address; Ctrl-C stops it); the\n"
    "          files of the last step are in DIR (default: a new folder in\n"
    "          $TMPDIR); listens on 127.0.0.1 unless --bind; --port 0: any free\n"
    "          port\n"
    "\n"
    "--time-limit S  the whole command (reading, planning, writing) ends within\n"
    "          about S seconds with the best plan found, status \"feasible\" and\n"
    "          its gap when the proof did not finish; default 300; 0: no limit.\n"
    "          On a terminal, plan shows the best post count and its bound.\n"
    "\n"
    "exit status: 0 done (plan full, roster passes), 1 plan has empty places or\n"
    "roster fails the audit, 2 bad input or usage (nothing written), 3 the\n"
    "program failed (output not writable, out of memory, solver failure)\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "siaga: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s%s", USAGE, USAGE_MORE);
    return EXIT_BAD_INPUT;
}

/* An argument that no option of plan or split took: the SCENARIO when
 * *scenario is still unset.  EXIT_OK, or the usage error. */
static int scenario_arg(const char *a, const char **scenario)
{
    if (a[0] == '-' && a[1] != 0)
        return usage_error("unknown or incomplete option '%s'", a);
    if (*scenario != NULL)
        return usage_error("unexpected argument '%s'", a);
    *scenario = a;
    return EXIT_OK;
}

static void print_errors(struct error_list *el)
{
    error_list_sort(el);
    for (int i = 0; i < el->n; i++) {
        const struct siaga_error *e = &el->items[i];
        if (e->file && e->line > 0)
            fprintf(stderr, "siaga: %s:%ld: %s\n", e->file, e->line, e->message);
        else if (e->file)
            fprintf(stderr, "siaga: %s: %s\n", e->file, e->message);
        else
            fprintf(stderr, "siaga: %s\n", e->message);
    }
    if (el->dropped > 0)
        fprintf(stderr, "siaga: ... and %ld more errors\n", el->dropped);
    /* a failure whose message could not be stored (or was never made) */
    if (el->n == 0 && el->dropped == 0)
        fprintf(stderr, "siaga: out of memory\n");
}

static int status_exit(int rc)
{
    return rc == SIAGA_EINPUT ? EXIT_BAD_INPUT : EXIT_FAILURE_;
}

/* An input that cannot be read (missing, unreadable) is bad input too. */
static int input_exit(int rc)
{
    return rc == SIAGA_EINPUT || rc == SIAGA_EIO ? EXIT_BAD_INPUT : EXIT_FAILURE_;
}

static int load(const char *path, struct scenario **s, struct error_list *el)
{
    int rc = io_read_scenario(path, s, el);
    if (rc != SIAGA_OK) {
        print_errors(el);
        return input_exit(rc);
    }
    return EXIT_OK;
}

/* Read overlays ov[0..nov) into out[] (NULL-filled by the caller). */
static int read_overlays(const char *const *ov, int nov, struct overlay **out,
                         struct error_list *el)
{
    for (int i = 0; i < nov; i++) {
        int rc = io_read_overlay(ov[i], &out[i], el);
        if (rc != SIAGA_OK) {
            print_errors(el);
            return input_exit(rc);
        }
    }
    return EXIT_OK;
}

/* The base scenario with overlays ov[0..nov) applied in turn. */
static int load_with(const char *path, const char *const *ov, int nov,
                     struct scenario **s, struct error_list *el)
{
    int code = load(path, s, el);
    for (int i = 0; i < nov && code == EXIT_OK; i++) {
        struct overlay *o = NULL;
        int rc = io_read_overlay(ov[i], &o, el);
        if (rc == SIAGA_OK)
            rc = overlay_apply(*s, o, el);
        overlay_destroy(o);
        if (rc != SIAGA_OK) {
            print_errors(el);
            code = input_exit(rc);
        }
    }
    if (code != EXIT_OK) {
        scenario_destroy(*s);
        *s = NULL;
    }
    return code;
}

/* Most --pin on one command line. */
#define MAX_PINS 256

/* Most --with overlays on one command line or column. */
#define MAX_OVERLAYS 16

/* siaga validate's options as parsed. */
struct validate_opts {
    const char *scenario;            /* SCENARIO */
    const char *ov[MAX_OVERLAYS];    /* --with OVERLAY, in order */
    int nov;
};

/* The options of siaga validate into o; EXIT_OK, or the usage error. */
static int validate_parse(int argc, char **argv, struct validate_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--with") == 0 && i + 1 < argc) {
            if (o->nov == MAX_OVERLAYS)
                return usage_error("at most 16 --with overlays%s", "");
            o->ov[o->nov++] = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != 0)
            return usage_error("unknown or incomplete option '%s'", argv[i]);
        else if (o->scenario == NULL)
            o->scenario = argv[i];
        else
            return usage_error("validate takes one SCENARIO file%s", "");
    }
    if (o->scenario == NULL)
        return usage_error("validate takes one SCENARIO file%s", "");
    return EXIT_OK;
}

static int cmd_validate(int argc, char **argv)
{
    struct validate_opts o;
    int code = validate_parse(argc, argv, &o);
    if (code != EXIT_OK)
        return code;
    const char *scenario = o.scenario, *const *ov = o.ov;
    int nov = o.nov;
    struct error_list el;
    struct scenario *s = NULL;
    error_list_init(&el);
    code = load_with(scenario, ov, nov, &s, &el);
    if (code == EXIT_OK) {
        long tps[GRADE_COUNT] = {0}, mem[FORCE_COUNT] = {0};
        for (int t = 0; t < s->ntps; t++)
            tps[s->tps[t].grade]++;
        for (int m = 0; m < s->nmember; m++)
            mem[s->unit[s->member[m].unit].force]++;
        printf("%s: sah (valid)\n", scenario);
        for (int i = 0; i < nov; i++)
            printf("  + %s: sah, diterapkan\n", ov[i]);
        printf("skenario   : %s\n", s->name);
        printf("kabupaten  : %d\nkecamatan  : %d\ndesa       : %d\n",
               s->nkab, s->nkec, s->ndesa);
        printf("TPS        : %d (kurang rawan %ld, rawan %ld, sangat rawan %ld",
               s->ntps, tps[GRADE_KURANG_RAWAN], tps[GRADE_RAWAN],
               tps[GRADE_SANGAT_RAWAN]);
        if (tps[GRADE_KHUSUS] > 0)
            printf(", khusus %ld", tps[GRADE_KHUSUS]);
        printf(")\n");
        printf("satuan     : %d\n", s->nunit);
        printf("personel   : %d (Polri %ld, TNI %ld, Linmas %ld)\n", s->nmember,
               mem[FORCE_POLRI], mem[FORCE_TNI], mem[FORCE_LINMAS]);
    }
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * Progress on a terminal, one line rewritten with \r as things improve:
 * "siaga: pos 4870 (batas bawah 4869) · 12/40 kecamatan · 8 s".  The
 * planner calls progress and posts from worker threads, hence the lock;
 * the line is redrawn at most every 0.1 s, and always when a phase ends.
 */
struct tty_progress {
    pthread_mutex_t lock;
    double t0, drawn;           /* start; last redraw */
    const char *phase;
    long done, total;
    long posts, bound;          /* -1 until known */
    int width;                  /* of the last line, to blank it */
    bool shown;
};

static void progress_draw(struct tty_progress *tp, bool force)
{
    double now = now_seconds();
    if (!force && now - tp->drawn < 0.1)
        return;
    char line[256];
    int n = snprintf(line, sizeof line, "siaga: ");
    if (tp->posts >= 0)
        n += snprintf(line + n, sizeof line - (size_t)n,
                      "pos %ld (batas bawah %ld) \xc2\xb7 ", tp->posts, tp->bound);
    if (tp->phase != NULL)
        n += snprintf(line + n, sizeof line - (size_t)n, "%s %ld/%ld \xc2\xb7 ",
                      tp->phase, tp->done, tp->total);
    snprintf(line + n, sizeof line - (size_t)n, "%.0f s", now - tp->t0);
    int w = (int)strlen(line);
    fprintf(stderr, "\r%s%*s", line, tp->width > w ? tp->width - w : 0, "");
    fflush(stderr);
    tp->width = w;
    tp->drawn = now;
    tp->shown = true;
}

static void progress(void *ctx, const char *phase, long done, long total)
{
    struct tty_progress *tp = ctx;
    pthread_mutex_lock(&tp->lock);
    bool changed = tp->phase != phase;
    tp->phase = phase;
    tp->done = done;
    tp->total = total;
    progress_draw(tp, changed || done >= total);
    pthread_mutex_unlock(&tp->lock);
}

static void progress_posts(void *ctx, long posts, long bound)
{
    struct tty_progress *tp = ctx;
    pthread_mutex_lock(&tp->lock);
    bool changed = posts != tp->posts || bound != tp->bound;
    tp->posts = posts;
    tp->bound = bound;
    progress_draw(tp, changed);
    pthread_mutex_unlock(&tp->lock);
}

/* End the progress line, so what follows starts on a line of its own. */
static void progress_end(struct tty_progress *tp)
{
    pthread_mutex_lock(&tp->lock);
    if (tp->shown) {
        progress_draw(tp, true);
        fputc('\n', stderr);
        tp->shown = false;
    }
    pthread_mutex_unlock(&tp->lock);
}

/* --time-limit: seconds from 0 (no limit) to 1e9. */
static int parse_seconds(const char *arg, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno != 0 || end == arg || *end != 0 || !(v >= 0) || v > 1e9)
        return -1;
    *out = v;
    return 0;
}

/* The end of a command that started at t0 with this time limit: a
 * solver_now() time (the same monotonic clock), 0 for no limit. */
static double command_end(double t0, double limit)
{
    return limit > 0 ? t0 + limit : 0;
}

/* No output may be an input (outdir_check_outputs): EXIT_OK, or the
 * clashes printed and EXIT_BAD_INPUT (nothing is written). */
static int check_outputs(const char *const *in, int nin, const char *const *out,
                         int nout, const char *dir, const char *const *names)
{
    struct error_list el;
    error_list_init(&el);
    int rc = outdir_check_outputs(in, nin, out, nout, dir, names, &el);
    if (rc != SIAGA_OK)
        print_errors(&el);
    error_list_free(&el);
    return rc == SIAGA_OK ? EXIT_OK : EXIT_BAD_INPUT;
}

/* check_outputs for a command that reads a and b (either may be NULL)
 * and the overlays with[0..nwith). */
static int check_outputs_with(const char *a, const char *b,
                              const char *const *with, int nwith,
                              const char *const *out, int nout,
                              const char *dir, const char *const *names)
{
    const char *in[MAX_OVERLAYS + 2];
    int nin = 0;
    in[nin++] = a;
    in[nin++] = b;
    for (int i = 0; i < nwith; i++)
        in[nin++] = with[i];
    return check_outputs(in, nin, out, nout, dir, names);
}

/* The whole problem as one MIP (--export-lp/--export-mps): GLPK writes a
 * temporary beside path, which is put in place whole or not at all. */
static int export_model(const struct scenario *s, const char *path,
                        enum model_format fmt, struct error_list *el)
{
    struct outfile of;
    struct model_weights w;
    int rc = SIAGA_EIO;
    if (outfile_open(&of, path, el) == 0 && outfile_release(&of, el) == 0) {
        int n0 = el->n;
        rc = solver_export_model(s, of.wpath, fmt, &w, el);
        /* its messages name what it wrote, /proc/self/fd/N: name path */
        for (int i = n0; i < el->n; i++) {
            char *name = el->items[i].file && strcmp(el->items[i].file, of.wpath) == 0
                       ? strdup(path) : NULL;
            if (name != NULL) {
                free(el->items[i].file);
                el->items[i].file = name;
            }
        }
        if (rc == SIAGA_OK &&
            (outfile_finish(&of, el) != 0 || outfile_rename(&of, el) != 0))
            rc = SIAGA_EIO;
    }
    outfile_close(&of);
    return rc;
}

/* siaga plan's options as parsed: one struct, as xmllint keeps its state,
 * so that each stage of the command reads them from one place. */
struct plan_opts {
    const char *scenario, *dir;      /* SCENARIO, -o DIR */
    const char *lp, *mps;            /* --export-lp, --export-mps FILE, or NULL */
    const char *with[MAX_OVERLAYS];  /* --with OVERLAY, in order */
    int nwith;
    const char *baseline;            /* --baseline ROSTER, or NULL */
    const char *pins[MAX_PINS];      /* --pin, given only with a baseline */
    int npins;
    bool want_timeline;              /* --timeline */
    bool no_sensitivity;             /* --no-sensitivity */
    bool cards;                      /* --cards: DIR/kartu/ too */
    bool why_members;                /* --why-members: alasan-anggota.csv */
    int maps;                        /* --maps, enum plan_maps */
    struct plan_params pp;           /* --time-limit, --jobs, --quiet; the
                                        deadlines and progress are set by
                                        plan_solve */
};

/* What the stages of siaga plan make, freed by plan_state_free. */
struct plan_state {
    double t_start;                  /* when the command started */
    struct error_list el;
    struct scenario *s;              /* the scenario; after plan_solve the
                                        last of the what-if chain */
    struct overlay *ovs[MAX_OVERLAYS];
    struct raw_roster *base;         /* --baseline, or NULL */
    struct timeline tl;
    bool timeline;                   /* the timeline is planned */
    struct whatif_result wr;
    struct plan *replanned;          /* the re-plan against base, or NULL */
    const struct plan *p;            /* the plan written: wr.plan or replanned */
    struct change_list changes;
    struct shift_result sr;
    bool have_sr;                    /* sr holds the timeline's shifts */
    struct sensitivity sens;         /* what a rule change would save */
    bool have_sens;                  /* sens is computed */
    struct tty_progress tp;
};

/* Print el and give the exit code of the failure rc. */
static int fail(struct error_list *el, int rc)
{
    print_errors(el);
    return status_exit(rc);
}

/* The options of siaga plan into o; EXIT_OK, or the usage error. */
static int plan_parse(int argc, char **argv, struct plan_opts *o)
{
    memset(o, 0, sizeof *o);
    plan_params_init(&o->pp);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc)
            o->dir = argv[++i];
        else if (strcmp(a, "--with") == 0 && i + 1 < argc) {
            if (o->nwith == MAX_OVERLAYS)
                return usage_error("at most 16 --with overlays%s", "");
            o->with[o->nwith++] = argv[++i];
        } else if (strcmp(a, "--time-limit") == 0 && i + 1 < argc) {
            if (parse_seconds(argv[++i], &o->pp.time_limit) != 0)
                return usage_error("--time-limit wants seconds, 0 or more "
                                   "(0: no limit), not '%s'", argv[i]);
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            o->pp.quiet = true;
        else if (strcmp(a, "--timeline") == 0)
            o->want_timeline = true;
        else if (strcmp(a, "--no-sensitivity") == 0)
            o->no_sensitivity = true;
        else if (strcmp(a, "--cards") == 0)
            o->cards = true;
        else if (strcmp(a, "--why-members") == 0)
            o->why_members = true;
        else if ((strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end != 0 || v < 1 || v > 64)
                return usage_error("--jobs wants a whole number from 1 to 64, "
                                   "not '%s'", argv[i]);
            o->pp.jobs = (int)v;
        } else if (strcmp(a, "--baseline") == 0 && i + 1 < argc)
            o->baseline = argv[++i];
        else if (strcmp(a, "--pin") == 0 && i + 1 < argc) {
            if (o->npins == MAX_PINS)
                return usage_error("at most 256 --pin%s", "");
            o->pins[o->npins++] = argv[++i];
        } else if (strcmp(a, "--export-lp") == 0 && i + 1 < argc)
            o->lp = argv[++i];
        else if (strcmp(a, "--export-mps") == 0 && i + 1 < argc)
            o->mps = argv[++i];
        else if (strcmp(a, "--maps") == 0 && i + 1 < argc) {
            if ((o->maps = io_plan_maps_parse(argv[++i])) < 0)
                return usage_error("--maps wants auto, single, per-kabupaten or "
                                   "none, not '%s'", argv[i]);
        } else {
            int code = scenario_arg(a, &o->scenario);
            if (code != EXIT_OK)
                return code;
        }
    }
    if (o->scenario == NULL || o->dir == NULL)
        return usage_error("plan needs a SCENARIO and -o DIR%s", "");
    if (o->npins > 0 && o->baseline == NULL)
        return usage_error("--pin needs --baseline ROSTER%s", "");
    if (o->why_members && o->baseline != NULL)
        return usage_error("--why-members is not computed for a re-plan "
                           "against --baseline%s", "");
    const char *out[2] = {o->lp, o->mps};
    if (check_outputs_with(o->scenario, o->baseline, o->with, o->nwith, out, 2,
                           o->dir, io_plan_owned) != EXIT_OK)
        return EXIT_BAD_INPUT;
    return EXIT_OK;
}

/* Read the scenario, the overlays, the baseline and the timeline.  Every
 * overlay applies to the base before anything is planned, so a bad one
 * costs no planning (the base is read once when there is no overlay).
 * The timeline is planned when the scenario has one or --timeline asks
 * for the 2024 defaults; on the scenario as read (not with overlays),
 * read before planning so that the budget knows its steps. */
static int plan_read(const struct plan_opts *o, struct plan_state *st)
{
    int code = EXIT_OK;
    if (o->nwith > 0) {
        code = load_with(o->scenario, o->with, o->nwith, &st->s, &st->el);
        scenario_destroy(st->s);
        st->s = NULL;
    }
    if (code == EXIT_OK)
        code = load(o->scenario, &st->s, &st->el);
    if (code == EXIT_OK)
        code = read_overlays(o->with, o->nwith, st->ovs, &st->el);
    if (code == EXIT_OK && o->baseline != NULL) {
        int brc = io_read_roster(o->baseline, &st->base, &st->el);
        if (brc != SIAGA_OK) {
            print_errors(&st->el);
            code = input_exit(brc);
        }
    }
    if (code != EXIT_OK)
        return code;
    int rc = SIAGA_OK;
    if (st->s->has_timeline || o->want_timeline) {
        timeline_free(&st->tl);
        rc = io_read_timeline(o->scenario, st->s, &st->tl, &st->el);
    }
    if (rc == SIAGA_OK && (st->tl.given || o->want_timeline) && o->nwith > 0) {
        error_add(&st->el, NULL, 0, "the timeline is not planned with --with "
                  "overlays yet");
        rc = SIAGA_EINPUT;
    }
    if (rc != SIAGA_OK)
        return fail(&st->el, rc);
    st->timeline = st->tl.given || o->want_timeline;
    return EXIT_OK;
}

/* The what-if chain, the re-plan against the baseline, the timeline, each
 * with its share of the time (see cmd_plan).  A plan stopped by the
 * deadline is still a plan. */
static int plan_solve(struct plan_opts *o, struct plan_state *st)
{
    struct plan_params *pp = &o->pp;
    st->tp.t0 = st->t_start;
    if (!pp->quiet && isatty(STDERR_FILENO)) {
        pp->progress = progress;
        pp->posts = progress_posts;
        pp->progress_ctx = &st->tp;
    }
    double solve_end = plan_solve_deadline(command_end(st->t_start, pp->time_limit),
                                           st->s->ntps, st->s->nmember);
    int steps = 1 + (st->base != NULL) + st->timeline;
    pp->deadline = plan_share(solve_end, steps);
    /* the next-best places of the plan written only (whatif_plan.c: its
     * last stage), never of the sensitivity's plans */
    pp->why_members = o->why_members;
    int rc = solver_whatif(st->s, st->ovs, o->nwith, pp, &st->wr, &st->el);
    pp->why_members = false;
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        return fail(&st->el, rc);
    st->p = st->wr.plan;
    if (st->base != NULL) {
        /* s is now the last scenario of the chain: re-plan it against the
         * baseline with the fewest moves */
        pp->deadline = plan_share(solve_end, 1 + st->timeline);
        rc = solver_replan(st->s, pp, st->base, o->pins, o->npins,
                           &st->replanned, &st->changes, &st->el);
        if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
            return fail(&st->el, rc);
        st->p = st->replanned;
    }
    if (!o->no_sensitivity) {
        /* after the plan, on a share of what is left: it never takes the
         * plan's own time */
        pp->deadline = plan_share(solve_end, 1 + st->timeline);
        /* the plan's posts are fewest per kecamatan when their count is
         * proven and none was kept from a baseline */
        bool fewest = st->base == NULL && st->p->obj.posts == st->p->obj.posts_bound;
        rc = solver_sensitivity(st->s, pp, st->p, fewest, &st->sens, &st->el);
        if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
            return fail(&st->el, rc);
        st->have_sens = true;
    }
    if (st->timeline) {
        struct shift_params sp;
        shift_params_init(&sp);
        sp.time_limit = pp->time_limit;
        sp.deadline = solve_end;
        rc = solver_shifts(&st->tl, st->s, st->p, &sp, &st->sr, &st->el);
        if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
            return fail(&st->el, rc);
        st->have_sr = true;
    }
    return EXIT_OK;
}

/* Write the outputs and the exported models, and say on stderr what was
 * written.  EXIT_SHORT when the plan has empty places. */
static int plan_write(const struct plan_opts *o, struct plan_state *st)
{
    const struct plan *p = st->p;
    const char *dir = o->dir;
    struct plan_extras x = {&st->wr.bko, st->wr.stage, st->wr.nstage,
                            st->base != NULL ? &st->changes : NULL};
    struct plan_outputs po;
    progress_end(&st->tp);
    io_plan_outputs_init(&po, st->s, p);
    po.whatif = &x;
    po.certificates = true;
    po.sens = st->have_sens ? &st->sens : NULL;
    po.tl = &st->tl;
    po.sr = st->have_sr ? &st->sr : NULL;
    po.jobs = o->pp.jobs;
    struct card_stats cs;
    po.cards = o->cards;
    po.why_members = o->why_members;
    po.card_stats = &cs;
    unsigned removed = 0;
    po.removed = &removed;
    po.maps = (enum plan_maps)o->maps;
    int rc = io_write_plan_outputs(dir, &po, &st->el);
    /* said even with --quiet: cards that were in the field are gone */
    if (rc == SIAGA_OK && (removed & PLAN_REMOVED_CARDS))
        fprintf(stderr, "siaga: %s/%s/: removed the duty cards of the earlier "
                "roster (they do not match the new roster.xml; plan --cards or "
                "siaga cards writes new ones)\n", dir, CARDS_FOLDER);
    if (rc == SIAGA_OK && (removed & PLAN_REMOVED_AUDIT))
        fprintf(stderr, "siaga: %s/cakupan.html: removed the audit of the earlier "
                "roster (siaga check --report writes one of the new roster)\n", dir);
    if (rc == SIAGA_OK && o->cards && !o->pp.quiet)
        fprintf(stderr, "siaga: %s/%s: %ld kartu anggota, %ld kartu komandan pos "
                "(%ld file)\n", dir, CARDS_FOLDER, cs.guards + cs.linmas + cs.reserves,
                cs.posts, cs.files);
    if (rc == SIAGA_OK && st->have_sr && !o->pp.quiet)
        fprintf(stderr, "siaga: %s/shifts.csv: %ld shift, %d model (%.2f s)%s\n",
                dir, st->sr.nshift, st->sr.ncomponent, st->sr.seconds,
                st->sr.proven ? "" : ", batas waktu: cakupan tidak terbukti optimal");
    for (int f = 0; f < 2 && rc == SIAGA_OK; f++) {
        const char *path = f == 0 ? o->lp : o->mps;
        if (path != NULL)
            rc = export_model(st->s, path, f == 0 ? MODEL_LP : MODEL_MPS, &st->el);
    }
    if (rc != SIAGA_OK)
        return fail(&st->el, rc);
    long empty = p->obj.empty_linmas;
    for (int g = 0; g < GRADE_COUNT; g++)
        empty += p->obj.empty_guard[g];
    /* one story: a timeline with empty place-hours is a shortage too */
    long tl_empty = st->have_sr ? shift_result_empty(&st->sr) : 0;
    if (o->pp.quiet)
        return empty > 0 || tl_empty > 0 ? EXIT_SHORT : EXIT_OK;
    if (tl_empty > 0)
        fprintf(stderr, "siaga: %s/ringkasan.txt: jadwal tahapan kosong %.1f "
                "jam-tempat (lihat Jadwal tahapan)\n", dir, tl_empty / 60.0);
    fprintf(stderr, "siaga: %s: %d pos, %ld tempat kosong, status %s "
            "(%.2f s: klaster %.2f, penjaga %.2f, linmas %.2f)\n",
            dir, p->npost, empty, plan_status_name(p->status), p->seconds,
            p->phase_seconds[0], p->phase_seconds[1], p->phase_seconds[2]);
    if (st->base != NULL)
        fprintf(stderr, "siaga: %s/perubahan.csv: %ld anggota pindah (dari nol: "
                "%ld), %ld pindah satuan, %ld pos baru, %ld pos ditutup\n", dir,
                st->changes.moved, st->changes.moved_scratch,
                st->changes.unit_changed, st->changes.posts_new,
                st->changes.posts_closed);
    const struct bko_request *b = &st->wr.bko;
    if (b->sum > 0)
        fprintf(stderr, "siaga: %s/bko.csv: minta %ld personel BKO (Polri %ld, "
                "TNI %ld, Linmas %ld)\n", dir, b->sum, b->total[FORCE_POLRI],
                b->total[FORCE_TNI], b->total[FORCE_LINMAS]);
    return empty > 0 || tl_empty > 0 ? EXIT_SHORT : EXIT_OK;
}

static void plan_state_free(const struct plan_opts *o, struct plan_state *st)
{
    progress_end(&st->tp);
    whatif_free(&st->wr);
    shift_result_free(&st->sr);
    sensitivity_free(&st->sens);
    timeline_free(&st->tl);
    plan_destroy(st->replanned);
    raw_roster_destroy(st->base);
    change_list_free(&st->changes);
    for (int i = 0; i < o->nwith; i++)
        overlay_destroy(st->ovs[i]);
    scenario_destroy(st->s);
    error_list_free(&st->el);
}

/*
 * How plan spends --time-limit S (README "Time limit").  The clock starts
 * with the command; the end is start + S.  After reading, the solvers get
 * until the end minus what writing the outputs is expected to take
 * (plan_solve_deadline), and split that among their steps: the what-if
 * chain (the plan, or base and each overlay, with the BKO LPs), the
 * re-plan against a baseline, the timeline; each step gets an equal share
 * of what is left when it starts, so time one leaves goes to the next.
 */
static int cmd_plan(int argc, char **argv)
{
    struct plan_opts o;
    struct plan_state st = {.t_start = now_seconds(),
                            .tp = {.lock = PTHREAD_MUTEX_INITIALIZER,
                                   .posts = -1, .bound = -1}};
    timeline_default(&st.tl);
    int code = plan_parse(argc, argv, &o);
    if (code != EXIT_OK)
        return code;
    error_list_init(&st.el);
    code = plan_read(&o, &st);
    if (code == EXIT_OK)
        code = plan_solve(&o, &st);
    if (code == EXIT_OK)
        code = plan_write(&o, &st);
    plan_state_free(&o, &st);
    return code;
}

/* One column of `siaga compare`: a scenario spec "BASE[+OV...]" with
 * --with overlays (a plan), or a roster with its scenario spec. */
struct column {
    char *spec;                  /* copy, split at '+' */
    const char *base, *ov[MAX_OVERLAYS];
    int nov;
    const char *roster;          /* NULL for a plan */
    char label[512];
};

/* Split "BASE+OV1+OV2" (unless the whole exists as a file) into c. */
static int parse_spec(const char *arg, struct column *c)
{
    c->spec = malloc(strlen(arg) + 1);
    if (c->spec == NULL)
        return -1;
    strcpy(c->spec, arg);
    c->base = c->spec;
    c->nov = 0;
    if (access(arg, F_OK) == 0)
        return 0;
    for (char *p = strchr(c->spec, '+'); p != NULL; p = strchr(p + 1, '+')) {
        *p = '\0';
        if (c->nov == MAX_OVERLAYS)
            return -2;
        c->ov[c->nov++] = p + 1;
    }
    return 0;
}

/* Plan or recount one column; a plan is done by pp->deadline (its BKO
 * LPs included). */
static int compare_column(struct column *c, const struct plan_params *pp,
                          struct compare_column *out, struct error_list *el)
{
    struct scenario *s = NULL;
    struct raw_roster *r = NULL;
    struct plan *p = NULL;
    struct bko_request bko;
    memset(&bko, 0, sizeof bko);
    int code = load_with(c->base, c->ov, c->nov, &s, el);
    if (code != EXIT_OK)
        return code;
    out->label = c->label;
    if (c->roster != NULL) {
        int rc = io_read_roster(c->roster, &r, el);
        if (rc != SIAGA_OK) {
            print_errors(el);
            code = input_exit(rc);
        } else {
            io_compare_from_roster(s, r, out);
        }
    } else {
        struct plan_params cpp = *pp;
        double end = plan_deadline(pp), now = now_seconds();
        /* 85 % for the plan, the rest for the BKO LPs (as whatif_plan.c) */
        cpp.deadline = end > now ? now + 0.85 * (end - now) : end;
        int rc = solver_plan(s, &cpp, &p, el);
        if (rc == SIAGA_OK || rc == SIAGA_ELIMIT)
            rc = solver_bko_until(s, p, end, &bko, el);
        if (rc == SIAGA_ELIMIT)
            rc = SIAGA_OK;
        if (rc != SIAGA_OK) {
            print_errors(el);
            code = status_exit(rc);
        } else {
            io_compare_from_plan(s, p, &bko, out);
        }
    }
    bko_request_free(&bko);
    plan_destroy(p);
    raw_roster_destroy(r);
    scenario_destroy(s);
    return code;
}

/* siaga compare: plans and rosters side by side (see USAGE). */
/* siaga compare's options as parsed: the columns in order. */
struct compare_opts {
    struct column *col;          /* [argc + 1], the first ncol in use */
    int ncol;
    const char *scen;            /* --scenario for the rosters that follow */
    char scen_label[256];
    struct plan_params pp;       /* --time-limit, for the whole comparison */
};

/* The column of argument a (a scenario spec, or a roster of o->scen).
 * EXIT_OK, or the code of the failure, said. */
static int compare_add_column(struct compare_opts *o, const char *a)
{
    struct column *c = &o->col[o->ncol++];
    char root[64];
    if (parse_spec(a, c) == -1)
        return EXIT_FAILURE_;
    if (c->nov > 0 && access(c->base, F_OK) != 0)
        c->nov = 0, c->base = a;    /* let load say it is missing */
    int isroot = io_xml_root(c->base, root, sizeof root);
    if (isroot == -2) {
        fprintf(stderr, "siaga: out of memory\n");
        return EXIT_FAILURE_;
    }
    if (isroot != 0 || strcmp(root, "roster") != 0) {
        snprintf(c->label, sizeof c->label, "%s", a);
        return EXIT_OK;
    }
    if (o->scen == NULL)
        return usage_error("roster '%s' needs --scenario SCENARIO before it", a);
    c->roster = a;
    free(c->spec);
    if (parse_spec(o->scen, c) == -1)
        return EXIT_FAILURE_;
    snprintf(c->label, sizeof c->label, "%s (skenario %s)", a, o->scen_label);
    return EXIT_OK;
}

/* The options of siaga compare into o (o->col allocated by the caller).
 * EXIT_OK, or the usage error or failure. */
static int compare_parse(int argc, char **argv, struct compare_opts *o)
{
    int code = EXIT_OK;
    for (int i = 0; i < argc && code == EXIT_OK; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (strcmp(a, "--time-limit") == 0 && more) {
            if (parse_seconds(argv[++i], &o->pp.time_limit) != 0)
                code = usage_error("--time-limit wants seconds, 0 or more "
                                   "(0: no limit), not '%s'", argv[i]);
        } else if (strcmp(a, "--scenario") == 0 && more) {
            o->scen = argv[++i];
            snprintf(o->scen_label, sizeof o->scen_label, "%s", o->scen);
        } else if (strcmp(a, "--with") == 0 && more) {
            struct column *c = o->ncol > 0 ? &o->col[o->ncol - 1] : NULL;
            if (c == NULL || c->roster != NULL)
                code = usage_error("--with follows the SCENARIO it applies to "
                                   "('%s')", argv[i + 1]);
            else if (c->nov == MAX_OVERLAYS)
                code = usage_error("at most 16 overlays per column%s", "");
            else {
                c->ov[c->nov++] = argv[++i];
                size_t n = strlen(c->label);
                snprintf(c->label + n, sizeof c->label - n, " --with %s", argv[i]);
            }
        } else if (a[0] == '-' && a[1] != 0) {
            code = usage_error("unknown or incomplete option '%s'", a);
        } else {
            code = compare_add_column(o, a);
        }
    }
    if (code == EXIT_OK && o->ncol == 0)
        code = usage_error("compare needs at least one SCENARIO or ROSTER%s", "");
    return code;
}

static int cmd_compare(int argc, char **argv)
{
    double t_start = now_seconds();
    struct compare_opts o = {.col = calloc((size_t)argc + 1, sizeof *o.col)};
    struct compare_column *cc = calloc((size_t)argc + 1, sizeof *cc);
    int code = EXIT_OK;
    struct error_list el;
    error_list_init(&el);
    plan_params_init(&o.pp);
    o.pp.quiet = true;
    if (o.col == NULL || cc == NULL) {
        fprintf(stderr, "siaga: out of memory\n");
        code = EXIT_FAILURE_;
        goto done;
    }
    code = compare_parse(argc, argv, &o);
    /* --time-limit is the whole comparison's: each column still to plan
     * gets an equal share of what is left when it starts */
    double end = command_end(t_start, o.pp.time_limit);
    int nplan = 0;
    for (int i = 0; i < o.ncol; i++)
        nplan += o.col[i].roster == NULL;
    for (int i = 0; i < o.ncol && code == EXIT_OK; i++) {
        o.pp.deadline = plan_share(end, nplan);
        nplan -= o.col[i].roster == NULL;
        code = compare_column(&o.col[i], &o.pp, &cc[i], &el);
    }
    if (code == EXIT_OK && io_write_compare(stdout, cc, o.ncol) != 0) {
        fprintf(stderr, "siaga: cannot write the comparison\n");
        code = EXIT_FAILURE_;
    }
done:
    for (int i = 0; o.col != NULL && i < o.ncol; i++)
        free(o.col[i].spec);
    free(o.col);
    free(cc);
    error_list_free(&el);
    return code;
}

/* siaga check's options as parsed. */
struct check_opts {
    const char *scenario, *roster;   /* SCENARIO, ROSTER */
    const char *report;              /* --report DIR, or NULL */
    const char *certificates;        /* --certificates FILE, or NULL */
    const char *card;                /* --card PAYLOAD or card file, or NULL */
    int maps;                        /* --maps: enum plan_maps, not none */
    const char *with[MAX_OVERLAYS];  /* --with OVERLAY, in order */
    int nwith;
    struct plan_params pp;           /* --time-limit, for refuting a claim */
};

/* The options of siaga check into o; EXIT_OK, or the usage error. */
static int check_parse(int argc, char **argv, struct check_opts *o)
{
    const char *files[2] = {NULL, NULL};
    int nfiles = 0;
    memset(o, 0, sizeof *o);
    plan_params_init(&o->pp);
    o->pp.quiet = true;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--report") == 0 && i + 1 < argc)
            o->report = argv[++i];
        else if (strcmp(a, "--certificates") == 0 && i + 1 < argc)
            o->certificates = argv[++i];
        else if (strcmp(a, "--card") == 0 && i + 1 < argc)
            o->card = argv[++i];
        else if (strcmp(a, "--time-limit") == 0 && i + 1 < argc) {
            if (parse_seconds(argv[++i], &o->pp.time_limit) != 0)
                return usage_error("--time-limit wants seconds, 0 or more "
                                   "(0: no limit), not '%s'", argv[i]);
        } else if (strcmp(a, "--maps") == 0 && i + 1 < argc) {
            o->maps = io_plan_maps_parse(argv[++i]);
            if (o->maps < 0 || o->maps == PLAN_MAPS_NONE)
                return usage_error("check --maps wants auto, single or "
                                   "per-kabupaten, not '%s'", argv[i]);
        }
        else if (strcmp(a, "--with") == 0 && i + 1 < argc) {
            if (o->nwith == MAX_OVERLAYS)
                return usage_error("at most 16 --with overlays%s", "");
            o->with[o->nwith++] = argv[++i];
        } else if (a[0] == '-' && a[1] != 0)
            return usage_error("unknown or incomplete option '%s'", a);
        else if (nfiles < 2)
            files[nfiles++] = a;
        else
            return usage_error("unexpected argument '%s'", a);
    }
    if (nfiles != 2)
        return usage_error("check takes a SCENARIO and a ROSTER%s", "");
    o->scenario = files[0];
    o->roster = files[1];
    if (o->card != NULL && o->report != NULL)
        return usage_error("--card checks a card, --report audits the roster: "
                           "give one of them%s", "");
    static const char *const names[] = {"cakupan.html", NULL};
    if (o->report != NULL &&
        check_outputs_with(o->scenario, o->roster, o->with, o->nwith, NULL, 0,
                           o->report, names) != EXIT_OK)
        return EXIT_BAD_INPUT;
    return EXIT_OK;
}

/* "optimal" and "shortage" claim formats.md 1.4 items 1-3: a plan of
 * siaga's own that does strictly better refutes the claim (the audit stays
 * solver-free; the plan is made here).  EXIT_OK or the failure's code. */
static int check_claim(struct check_opts *o, double t_start,
                       const struct scenario *s, struct audit_report *rep,
                       struct error_list *el)
{
    struct plan *better = NULL;
    int code = EXIT_OK;
    o->pp.deadline = plan_solve_deadline(command_end(t_start, o->pp.time_limit),
                                         s->ntps, 0);
    int rc = solver_plan(s, &o->pp, &better, el);
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT) {
        code = fail(el, rc);
    } else if (audit_refute_claim(rep, better) < 0) {
        fprintf(stderr, "siaga: out of memory\n");
        code = EXIT_FAILURE_;
    }
    plan_destroy(better);
    return code;
}

/* Roster version 2: the shift rules too (README "Timeline"), printed
 * after the audit.  EXIT_OK, EXIT_SHORT when a rule is broken, or the
 * failure's code. */
static int check_shifts(const struct check_opts *o, const struct scenario *s,
                        const struct raw_roster *r, const struct raw_shifts *shifts,
                        struct error_list *el)
{
    struct timeline tl;
    struct tl_layout lay;
    struct tl_audit ta;
    timeline_default(&tl);
    memset(&lay, 0, sizeof lay);
    memset(&ta, 0, sizeof ta);
    int code = EXIT_OK;
    int rc = io_audit_shifts(o->scenario, s, r, shifts, &tl, &lay, &ta, el);
    if (rc != SIAGA_OK) {
        print_errors(el);
        code = rc == SIAGA_EINPUT ? EXIT_BAD_INPUT : EXIT_FAILURE_;
    } else if (io_write_shift_audit(stdout, s, &tl, &ta) != 0) {
        fprintf(stderr, "siaga: cannot write the audit report\n");
        code = EXIT_FAILURE_;
    } else if (ta.nviolation > 0) {
        code = EXIT_SHORT;
    } else {
        /* as plan: place-hours left empty are a shortage (exit 1) */
        for (int ph = 0; ph < ta.nphase; ph++)
            if (ta.total[ph].filled < ta.total[ph].required)
                code = EXIT_SHORT;
    }
    timeline_audit_free(&ta);
    timeline_layout_free(&lay);
    timeline_free(&tl);
    return code;
}

/* --certificates FILE: kekurangan.csv (formats.md 6) verified against
 * the roster (model/certificate_verify.c), printed after the audit.
 * EXIT_OK when the certificates are valid, EXIT_SHORT when rejected,
 * EXIT_BAD_INPUT when the file is not one, or the failure's code. */
static int check_certificates(const struct check_opts *o,
                              const struct scenario *s,
                              const struct raw_roster *r,
                              const struct audit_report *rep,
                              struct error_list *el)
{
    struct raw_certs *c = NULL;
    struct cert_verdict v;
    memset(&v, 0, sizeof v);
    int rc = io_read_kekurangan(o->certificates, &c, el);
    if (rc != SIAGA_OK) {
        print_errors(el);
        return input_exit(rc);
    }
    long eg = 0;
    for (int g = 0; g < GRADE_COUNT; g++)
        eg += rep->recount.empty_guard[g];
    int code = EXIT_OK;
    rc = cert_verify(s, r, c, eg, rep->recount.empty_linmas,
                     rep->nviolation == 0, &v);
    if (rc != SIAGA_OK) {
        fprintf(stderr, "siaga: out of memory\n");
        code = EXIT_FAILURE_;
    } else if (io_write_cert_verdict(stdout, o->certificates, &v) != 0) {
        fprintf(stderr, "siaga: cannot write the audit report\n");
        code = EXIT_FAILURE_;
    } else if (!v.valid) {
        code = EXIT_SHORT;
    }
    cert_verdict_free(&v);
    raw_certs_destroy(c);
    return code;
}

/* check --card: the card's payload against the roster (cards.h).
 * EXIT_OK accepted, EXIT_SHORT rejected, EXIT_BAD_INPUT for a bad card,
 * scenario or roster. */
static int check_card(const struct check_opts *o)
{
    struct error_list el;
    struct scenario *s = NULL;
    struct card_payload c;
    enum card_verdict v;
    char msg[2048];
    error_list_init(&el);
    int code = EXIT_OK, rc = io_read_card(o->card, &c, &el);
    if (rc != SIAGA_OK) {
        print_errors(&el);
        code = input_exit(rc);
    }
    if (code == EXIT_OK)
        code = load_with(o->scenario, o->with, o->nwith, &s, &el);
    if (code == EXIT_OK &&
        (rc = io_check_card(s, o->roster, &c, &v, msg, sizeof msg, &el)) != SIAGA_OK) {
        print_errors(&el);
        code = input_exit(rc);
    }
    if (code == EXIT_OK) {
        printf("%s\n", msg);
        code = v == CARD_ACCEPTED ? EXIT_OK : EXIT_SHORT;
    }
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

static int cmd_check(int argc, char **argv)
{
    double t_start = now_seconds();
    struct check_opts o;
    int code = check_parse(argc, argv, &o);
    if (code != EXIT_OK)
        return code;
    if (o.card != NULL)
        return check_card(&o);
    struct error_list el;
    struct scenario *s = NULL;
    struct raw_roster *r = NULL;
    struct audit_report *rep = NULL;
    struct raw_shifts *shifts = NULL;
    error_list_init(&el);
    /* a roster planned with overlays is audited against the same chain */
    code = load_with(o.scenario, o.with, o.nwith, &s, &el);
    if (code != EXIT_OK)
        goto done;
    int rc = io_read_roster_any(o.roster, &r, &shifts, &el);
    if (rc != SIAGA_OK) {
        print_errors(&el);
        code = input_exit(rc);
        goto done;
    }
    rep = audit_run(s, r);
    if (rep == NULL) {
        fprintf(stderr, "siaga: out of memory\n");
        code = EXIT_FAILURE_;
        goto done;
    }
    if (audit_claim_testable(rep) &&
        (code = check_claim(&o, t_start, s, rep, &el)) != EXIT_OK)
        goto done;
    if (io_write_audit(stdout, s, rep) != 0) {
        fprintf(stderr, "siaga: cannot write the audit report\n");
        code = EXIT_FAILURE_;
        goto done;
    }
    if (o.report != NULL) {
        bool per_kab = o.maps == PLAN_MAPS_PER_KABUPATEN ||
                       (o.maps == PLAN_MAPS_AUTO && s->ntps > PLAN_MAPS_AUTO_TPS);
        rc = io_write_check_report(o.report, s, r, rep, per_kab, &el);
        if (rc != SIAGA_OK) {
            print_errors(&el);
            code = EXIT_FAILURE_;
            goto done;
        }
    }
    code = audit_passed(rep) ? EXIT_OK : EXIT_SHORT;
    if (o.certificates != NULL) {
        int ccode = check_certificates(&o, s, r, rep, &el);
        if (ccode != EXIT_OK && (ccode != EXIT_SHORT || code == EXIT_OK))
            code = ccode;
    }
    if (shifts != NULL) {
        int scode = check_shifts(&o, s, r, shifts, &el);
        if (scode != EXIT_OK)
            code = scode;
    }
done:
    raw_shifts_destroy(shifts);
    audit_destroy(rep);
    raw_roster_destroy(r);
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

static int parse_km(const char *arg, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno != 0 || end == arg || *end != 0 || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

/* Where the wilayah list is when --wilayah is not given: the first of
 *   1. $SIAGA_DATA/wilayah-tps-2024.tsv when SIAGA_DATA is set, and then
 *      only there (a folder named on purpose is not second-guessed);
 *   2. the data/ folder of the source tree the program was built in, found
 *      from the executable (/proc/self/exe): build/siaga reads ../data,
 *      build/asan/siaga ../../data, wherever the shell is;
 *   3. SIAGA_DATADIR, where make install puts it ($(PREFIX)/share/siaga).
 * Writes the path into buf and returns 0, or returns -1 after writing the
 * places looked at into tried ("A or B"). */
static int find_wilayah(char *buf, size_t size, char *tried, size_t tsize)
{
    const char *name = IMPORT_WILAYAH_FILE;
    char cand[2][4200];
    int n = 0;
    const char *env = getenv("SIAGA_DATA");
    if (env != NULL && env[0] != 0) {
        snprintf(cand[n++], sizeof cand[0], "%s/%s", env, name);
    } else {
        char exe[4096];
        ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
        char *slash = NULL;
        if (len > 0 && (size_t)len < sizeof exe - 1) {
            exe[len] = 0;
            slash = strrchr(exe, '/');
        }
        if (slash != NULL) {
            *slash = 0;
            snprintf(cand[n++], sizeof cand[0], "%s/%s/data/%s", exe,
                     SIAGA_SRC_FROM_EXE, name);
        }
        snprintf(cand[n++], sizeof cand[0], "%s/%s", SIAGA_DATADIR, name);
    }
    tried[0] = 0;
    for (int i = 0; i < n; i++) {
        if (access(cand[i], F_OK) == 0 && strlen(cand[i]) < size) {
            memcpy(buf, cand[i], strlen(cand[i]) + 1);
            return 0;
        }
        size_t used = strlen(tried);
        snprintf(tried + used, tsize - used, "%s%s%s", i ? " or " : "",
                 cand[i], env != NULL && env[0] != 0 ? " (SIAGA_DATA)" : "");
    }
    return -1;
}

/* siaga import's options into opt (the importer's own options struct);
 * the wilayah list is looked for when --wilayah is not given.  EXIT_OK,
 * or the usage error. */
static int import_parse(int argc, char **argv, struct import_options *opt)
{
    import_options_init(opt);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (strcmp(a, "--tps") == 0 && more) {
            if (opt->ntps == IMPORT_MAX_TPS_FILES)
                return usage_error("at most 8 --tps files%s", "");
            opt->tps[opt->ntps++] = argv[++i];
        } else if (strcmp(a, "--grades") == 0 && more)
            opt->grades = argv[++i];
        else if (strcmp(a, "--personnel") == 0 && more)
            opt->personnel = argv[++i];
        else if (strcmp(a, "--kabupaten") == 0 && more)
            opt->kabupaten = argv[++i];
        else if (strcmp(a, "--wilayah") == 0 && more)
            opt->wilayah = argv[++i];
        else if (strcmp(a, "--drop-bad") == 0 && more)
            opt->rejects = argv[++i];
        else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && more)
            opt->output = argv[++i];
        else if (strcmp(a, "--name") == 0 && more)
            opt->name = argv[++i];
        else if (strcmp(a, "--date") == 0 && more)
            opt->date = argv[++i];
        else if (strcmp(a, "--far-km") == 0 && more) {
            if (parse_km(argv[++i], 0.5, 1000, &opt->far_km) != 0)
                return usage_error("--far-km wants kilometres from 0.5 to "
                                   "1000, not '%s'", argv[i]);
        } else if (strcmp(a, "--far-spread") == 0 && more) {
            if (parse_km(argv[++i], 1, 1000, &opt->far_spread) != 0)
                return usage_error("--far-spread wants a factor from 1 to "
                                   "1000, not '%s'", argv[i]);
        } else if (a[0] == '-' && a[1] != 0)
            return usage_error("unknown or incomplete option '%s'", a);
        else
            return usage_error("unexpected argument '%s' (TPS lists go "
                               "after --tps)", a);
    }
    if (opt->ntps == 0 || opt->output == NULL)
        return usage_error("import needs --tps FILE and -o SCENARIO%s", "");
    static char wilayah[4200], tried[2 * 4300];
    if (opt->wilayah == NULL) {
        if (find_wilayah(wilayah, sizeof wilayah, tried, sizeof tried) != 0) {
            fprintf(stderr, "siaga: import: no wilayah list at %s; give "
                    "--wilayah FILE, or set SIAGA_DATA to the folder that "
                    "holds %s\n", tried, IMPORT_WILAYAH_FILE);
            return EXIT_BAD_INPUT;
        }
        opt->wilayah = wilayah;
    }
    if ((opt->rejects != NULL && strcmp(opt->rejects, opt->output) == 0))
        return usage_error("--drop-bad and -o name the same file '%s'",
                           opt->output);
    const char *in[IMPORT_MAX_TPS_FILES + 3], *out[2] = {opt->output, opt->rejects};
    int nin = 0;
    for (int i = 0; i < opt->ntps; i++)
        in[nin++] = opt->tps[i];
    in[nin++] = opt->grades;
    in[nin++] = opt->personnel;
    in[nin++] = opt->wilayah;
    if (check_outputs(in, nin, out, 2, NULL, NULL) != EXIT_OK)
        return EXIT_BAD_INPUT;
    return EXIT_OK;
}

/* After the rejected rows: how many, why, and where they went. */
static void import_say_rejects(const struct import_options *opt,
                               const struct import_report *rep, int rc)
{
    fprintf(stderr, "siaga: import: %d of %d TPS rows rejected (", rep->nreject,
            rep->rows);
    const char *sep = "";
    for (int r = 0; r < REJ_COUNT; r++)
        if (rep->by_reason[r] > 0) {
            fprintf(stderr, "%s%d %s", sep, rep->by_reason[r],
                    import_reason_name((enum import_reason)r));
            sep = ", ";
        }
    if (opt->rejects != NULL && rc == SIAGA_OK)
        fprintf(stderr, "), written to %s\n", opt->rejects);
    else if (opt->rejects == NULL)
        fprintf(stderr, "); nothing written: fix them, or give "
                "--drop-bad FILE to set them aside and go on\n");
    else
        fprintf(stderr, ")\n");
}

/* What an import that succeeded wrote. */
static void import_say_done(const struct import_options *opt,
                            const struct import_report *rep)
{
    fprintf(stderr, "siaga: import: %s: %d TPS in %d kabupaten/kota, %d "
            "kecamatan, %d desa/kelurahan\n", opt->output, rep->tps,
            rep->kabupaten, rep->kecamatan, rep->desa);
    fprintf(stderr, "siaga: import: grades: %d kurang rawan, %d rawan, %d "
            "sangat rawan", rep->grade[GRADE_KURANG_RAWAN], rep->grade[GRADE_RAWAN],
            rep->grade[GRADE_SANGAT_RAWAN]);
    if (rep->grade[GRADE_KHUSUS] > 0)
        fprintf(stderr, ", %d khusus", rep->grade[GRADE_KHUSUS]);
    if (rep->khusus_by_number > 0)
        fprintf(stderr, "; %d TPS numbered %d or above not in %s are khusus",
                rep->khusus_by_number, IMP_KHUSUS_FROM,
                opt->grades ? opt->grades : "a grades file");
    if (rep->graded_default > 0)
        fprintf(stderr, "; %d TPS not in %s are kurang_rawan",
                rep->graded_default, opt->grades ? opt->grades : "a grades file");
    fputc('\n', stderr);
    if (rep->grades_for_rejected > 0)
        fprintf(stderr, "siaga: import: %d grades name rejected TPS and were "
                "not used\n", rep->grades_for_rejected);
    if (rep->placemarks_skipped > 0)
        fprintf(stderr, "siaga: import: %d placemarks are not TPS (names not "
                "like 'TPS 001') and were not read; the first at %s:%ld\n",
                rep->placemarks_skipped, rep->placemark_skipped_file,
                rep->placemark_skipped_line);
    if (opt->personnel != NULL)
        fprintf(stderr, "siaga: import: personnel: %d units, %d members\n",
                rep->units, rep->members);
    else
        fprintf(stderr, "siaga: import: no --personnel: <personnel/> is empty "
                "and a plan will leave every place empty\n");
}

/* siaga import: the rejected rows are listed one per line like every
 * other error, then a summary; nothing is written unless --drop-bad. */
static int cmd_import(int argc, char **argv)
{
    struct import_options opt;
    int code = import_parse(argc, argv, &opt);
    if (code != EXIT_OK)
        return code;
    struct error_list el;
    struct import_report rep;
    error_list_init(&el);
    int rc = io_import(&opt, &rep, &el);
    for (int i = 0; i < rep.nreject; i++)
        fprintf(stderr, "siaga: %s:%ld: %s\n", rep.reject[i].file,
                rep.reject[i].line, rep.reject[i].message);
    /* print_errors says "out of memory" for an empty list: not after a
     * success, nor when the rejected rows above say why */
    if (error_count(&el) > 0 || (rc != SIAGA_OK && rep.nreject == 0))
        print_errors(&el);
    if (rep.nreject > 0)
        import_say_rejects(&opt, &rep, rc);
    /* unreadable inputs are SIAGA_EINPUT; SIAGA_EIO is an output */
    code = rc != SIAGA_OK ? status_exit(rc) : EXIT_OK;
    if (rc == SIAGA_OK)
        import_say_done(&opt, &rep);
    import_report_free(&rep);
    error_list_free(&el);
    return code;
}

/* siaga cards: the duty cards of a roster (io/report/cards.h). */
struct cards_opts {
    const char *roster, *scenario, *dir;  /* ROSTER, --scenario, -o DIR */
    const char *with[MAX_OVERLAYS];       /* --with OVERLAY, in order */
    int nwith;
};

/* The options of siaga cards into o; EXIT_OK, or the usage error. */
static int cards_parse(int argc, char **argv, struct cards_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc)
            o->dir = argv[++i];
        else if (strcmp(a, "--scenario") == 0 && i + 1 < argc)
            o->scenario = argv[++i];
        else if (strcmp(a, "--with") == 0 && i + 1 < argc) {
            if (o->nwith == MAX_OVERLAYS)
                return usage_error("at most 16 --with overlays%s", "");
            o->with[o->nwith++] = argv[++i];
        } else {
            int code = scenario_arg(a, &o->roster);
            if (code != EXIT_OK)
                return code;
        }
    }
    if (o->roster == NULL || o->scenario == NULL || o->dir == NULL)
        return usage_error("cards needs a ROSTER, --scenario SCENARIO and -o DIR%s", "");
    static const char *const names[] = {CARDS_FOLDER, NULL};
    return check_outputs_with(o->scenario, o->roster, o->with, o->nwith, NULL, 0,
                              o->dir, names);
}

static int cmd_cards(int argc, char **argv)
{
    struct cards_opts o;
    int code = cards_parse(argc, argv, &o);
    if (code != EXIT_OK)
        return code;
    struct error_list el;
    struct scenario *s = NULL;
    struct card_stats st;
    error_list_init(&el);
    code = load_with(o.scenario, o.with, o.nwith, &s, &el);
    if (code == EXIT_OK) {
        int rc = io_write_cards(o.dir, o.roster, s, &st, &el);
        if (rc != SIAGA_OK) {
            print_errors(&el);
            code = status_exit(rc);
        } else {
            fprintf(stderr, "siaga: cards: %s/%s: %ld kartu penjaga, %ld Linmas, "
                    "%ld cadangan, %ld komandan pos (%ld file, %lld byte)\n",
                    o.dir, CARDS_FOLDER, st.guards, st.linmas, st.reserves,
                    st.posts, st.files, st.bytes);
        }
    }
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

/* siaga split: a scenario per kabupaten, to plan as independent jobs. */
/* siaga split's options as parsed. */
struct split_opts {
    const char *scenario, *dir;      /* SCENARIO, -o DIR */
    const char *by;                  /* --by: "kabupaten" or "polres" */
};

/* The options of siaga split into o; EXIT_OK, or the usage error. */
static int split_parse(int argc, char **argv, struct split_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc)
            o->dir = argv[++i];
        else if (strcmp(a, "--by") == 0 && i + 1 < argc)
            o->by = argv[++i];
        else {
            int code = scenario_arg(a, &o->scenario);
            if (code != EXIT_OK)
                return code;
        }
    }
    if (o->scenario == NULL || o->dir == NULL || o->by == NULL)
        return usage_error("split needs a SCENARIO, --by kabupaten|polres and -o DIR%s", "");
    if (strcmp(o->by, "kabupaten") != 0 && strcmp(o->by, "polres") != 0)
        return usage_error("split --by knows only 'kabupaten' and 'polres', not '%s'", o->by);
    return EXIT_OK;
}

static int cmd_split(int argc, char **argv)
{
    struct split_opts o;
    int code = split_parse(argc, argv, &o);
    if (code != EXIT_OK)
        return code;
    const char *dir = o.dir;
    struct error_list el;
    struct scenario *s = NULL;
    int nparts = 0;
    error_list_init(&el);
    code = load(o.scenario, &s, &el);
    if (code != EXIT_OK)
        goto done;
    bool by_polres = strcmp(o.by, "polres") == 0;
    int rc = io_split(s, by_polres, dir, &nparts, &el);
    if (rc != SIAGA_OK) {
        print_errors(&el);
        code = status_exit(rc);
        goto done;
    }
    fprintf(stderr, "siaga: split: %s: %d %s, %d TPS, %d units\n",
            dir, nparts, by_polres ? "Polres" : "kabupaten/kota", s->ntps,
            s->nunit);
done:
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

/* siaga merge: the rosters of the parts of a split, as one roster. */
/* siaga merge's options as parsed. */
struct merge_opts {
    const char *out;                 /* -o ROSTER */
    const char *scenario;            /* --scenario, or NULL */
    const char **in;                 /* [argc + 1] the ROSTER files */
    int nin;
};

/* The options of siaga merge into o (o->in allocated by the caller);
 * EXIT_OK, or the usage error. */
static int merge_parse(int argc, char **argv, struct merge_opts *o)
{
    int code = EXIT_OK;
    for (int i = 0; i < argc && code == EXIT_OK; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc)
            o->out = argv[++i];
        else if (strcmp(a, "--scenario") == 0 && i + 1 < argc)
            o->scenario = argv[++i];
        else if (a[0] == '-' && a[1] != 0)
            code = usage_error("unknown or incomplete option '%s'", a);
        else
            o->in[o->nin++] = a;
    }
    if (code == EXIT_OK && (o->nin == 0 || o->out == NULL))
        code = usage_error("merge needs one or more ROSTER files and -o ROSTER%s", "");
    if (code == EXIT_OK) {
        o->in[o->nin] = o->scenario;   /* in has room for argc + 1 */
        code = check_outputs(o->in, o->nin + 1, &o->out, 1, NULL, NULL);
    }
    return code;
}

static int cmd_merge(int argc, char **argv)
{
    struct merge_opts o = {.in = malloc(sizeof *o.in * ((size_t)argc + 1))};
    int code = EXIT_OK;
    struct error_list el;
    struct scenario *s = NULL;
    error_list_init(&el);
    if (o.in == NULL) {
        fprintf(stderr, "siaga: out of memory\n");
        code = EXIT_FAILURE_;
        goto done;
    }
    if ((code = merge_parse(argc, argv, &o)) != EXIT_OK)
        goto done;
    const char *const *in = o.in, *out = o.out, *scenario = o.scenario;
    int nin = o.nin;
    if (scenario != NULL && (code = load(scenario, &s, &el)) != EXIT_OK)
        goto done;
    struct merge_summary sum;
    int rc = io_merge_rosters(in, nin, out, s, &sum, &el);
    if (rc != SIAGA_OK) {
        print_errors(&el);
        code = status_exit(rc);
        goto done;
    }
    fprintf(stderr, "siaga: merge: %s: %d rosters, %d pos, %d Linmas, %d "
            "cadangan, status %s\n", out, nin, sum.nposts, sum.nlinmas,
            sum.nreserves, plan_status_name(sum.status));
done:
    free(o.in);
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

/* siaga serve: plan, serve the page until SIGINT or SIGTERM (serve/). */
static int serve_parse(int argc, char **argv, struct serve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->port = 8080;
    o->session.time_limit = PLAN_DEFAULT_TIME_LIMIT;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--with") == 0 && i + 1 < argc) {
            if (o->session.nwith == SESSION_MAX_WITH)
                return usage_error("at most 16 --with overlays%s", "");
            o->session.with[o->session.nwith++] = argv[++i];
        } else if (strcmp(a, "--baseline") == 0 && i + 1 < argc)
            o->session.baseline = argv[++i];
        else if (strcmp(a, "--dir") == 0 && i + 1 < argc)
            o->session.dir = argv[++i];
        else if (strcmp(a, "--bind") == 0 && i + 1 < argc)
            o->bind = argv[++i];
        else if (strcmp(a, "--port") == 0 && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end != 0 || end == argv[i] || v < 0 || v > 65535)
                return usage_error("--port wants a number from 0 to 65535, "
                                   "not '%s'", argv[i]);
            o->port = (int)v;
        } else if (strcmp(a, "--time-limit") == 0 && i + 1 < argc) {
            if (parse_seconds(argv[++i], &o->session.time_limit) != 0)
                return usage_error("--time-limit wants seconds, 0 or more "
                                   "(0: no limit), not '%s'", argv[i]);
        } else {
            int code = scenario_arg(a, &o->session.scenario);
            if (code != EXIT_OK)
                return code;
        }
    }
    if (o->session.scenario == NULL)
        return usage_error("serve needs a SCENARIO%s", "");
    return EXIT_OK;
}

static int cmd_serve(int argc, char **argv)
{
    struct serve_opts o;
    static char tmpdir[4096];
    int code = serve_parse(argc, argv, &o);
    if (code != EXIT_OK)
        return code;
    if (o.session.dir == NULL) {
        const char *t = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/siaga-serve-XXXXXX",
                 t != NULL && *t ? t : "/tmp");
        if (mkdtemp(tmpdir) == NULL) {
            fprintf(stderr, "siaga: cannot make a folder %s: %s\n", tmpdir,
                    strerror(errno));
            return EXIT_FAILURE_;
        }
        o.session.dir = tmpdir;
    }
    static const char *const names[] = {
        "roster.xml", "roster.csv", "ringkasan.txt", "roster.kml",
        "roster.geojson", "laporan.html", "bko.csv", "perubahan.csv",
        "shifts.csv", "overlay.xml", "baseline.xml", NULL};
    if (check_outputs_with(o.session.scenario, o.session.baseline,
                           o.session.with, o.session.nwith, NULL, 0,
                           o.session.dir, names) != EXIT_OK)
        return EXIT_BAD_INPUT;
    /* SIGINT and SIGTERM are taken by sigwait below, never delivered: the
     * server's threads inherit the mask, so a re-plan under way finishes
     * writing its files before the program ends */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct error_list el;
    error_list_init(&el);
    struct server *sv = NULL;
    char url[128];
    int rc = serve_start(&o, &sv, url, sizeof url, &el);
    if (rc != SIAGA_OK) {
        print_errors(&el);
        error_list_free(&el);
        return rc == SIAGA_EINPUT || rc == SIAGA_EIO ? EXIT_BAD_INPUT
                                                     : EXIT_FAILURE_;
    }
    error_list_free(&el);
    printf("%s\n", url);
    fflush(stdout);
    fprintf(stderr, "siaga: serving %s; files in %s; Ctrl-C stops\n", url,
            o.session.dir);
    int sig = 0;
    sigwait(&stop, &sig);
    serve_stop(sv);
    fprintf(stderr, "siaga: stopped; the last plan is in %s\n", o.session.dir);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    int code;
    /* before any other libxml2 call; see io/xml/alloc.h */
    if (xml_alloc_setup() != 0) {
        fputs("siaga: cannot set up libxml2\n", stderr);
        return EXIT_FAILURE_;
    }
    if (argc < 2)
        code = usage_error("missing command%s", "");
    else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(USAGE, stdout);
        fputs(USAGE_MORE, stdout);
        code = EXIT_OK;
    } else if (strcmp(argv[1], "--version") == 0) {
        printf("siaga %s\n", SIAGA_VERSION);
        code = EXIT_OK;
    } else if (strcmp(argv[1], "validate") == 0)
        code = cmd_validate(argc - 2, argv + 2);
    else if (strcmp(argv[1], "plan") == 0)
        code = cmd_plan(argc - 2, argv + 2);
    else if (strcmp(argv[1], "check") == 0)
        code = cmd_check(argc - 2, argv + 2);
    else if (strcmp(argv[1], "compare") == 0)
        code = cmd_compare(argc - 2, argv + 2);
    else if (strcmp(argv[1], "import") == 0)
        code = cmd_import(argc - 2, argv + 2);
    else if (strcmp(argv[1], "cards") == 0)
        code = cmd_cards(argc - 2, argv + 2);
    else if (strcmp(argv[1], "split") == 0)
        code = cmd_split(argc - 2, argv + 2);
    else if (strcmp(argv[1], "merge") == 0)
        code = cmd_merge(argc - 2, argv + 2);
    else if (strcmp(argv[1], "serve") == 0)
        code = cmd_serve(argc - 2, argv + 2);
    else
        code = usage_error("unknown command '%s'", argv[1]);
    /* a full disk on stdout is an error too (jq does the same): a write
     * that failed before (ferror) or the last one, at fclose; for a
     * command whose answer is on stdout (a failed audit too) */
    bool werr = ferror(stdout) != 0;
    if ((fclose(stdout) != 0 || werr) &&
        (code == EXIT_OK || code == EXIT_SHORT)) {
        fprintf(stderr, "siaga: cannot write standard output: %s\n",
                strerror(errno));
        code = EXIT_FAILURE_;
    }
    return code;
}
