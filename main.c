/*
 * main.c - the siaga command: parses options, calls the library, prints
 * errors as "siaga: FILE:LINE: message" and maps statuses to exit codes.
 * Everything else lives in model/, io/ and solver/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "audit_text.h"
#include "export.h"
#include "error.h"
#include "plan_write.h"
#include "planner.h"
#include "roster_read.h"
#include "scenario_read.h"

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

static const char USAGE[] =
    "usage: siaga validate SCENARIO.xml\n"
    "       siaga plan SCENARIO.xml -o DIR [--time-limit SECONDS] [--quiet]\n"
    "                  [--export-lp FILE] [--export-mps FILE]\n"
    "       siaga check SCENARIO.xml ROSTER.xml\n"
    "       siaga --help | --version\n"
    "\n"
    "validate  check a scenario against the schema and the rules of formats.md\n"
    "plan      write DIR/roster.xml, DIR/roster.csv and DIR/ringkasan.txt;\n"
    "          --export-lp/--export-mps also write the whole problem as one MIP\n"
    "check     audit a roster against its scenario (for the KPU)\n"
    "\n"
    "exit status: 0 done (plan full, roster passes), 1 plan has empty places or\n"
    "roster fails the audit, 2 bad input or usage (nothing written), 3 the\n"
    "program failed (output not writable, out of memory, solver failure)\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "siaga: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", USAGE);
    return EXIT_BAD_INPUT;
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

static int cmd_validate(int argc, char **argv)
{
    if (argc != 1)
        return usage_error("validate takes one SCENARIO file%s", "");
    struct error_list el;
    struct scenario *s = NULL;
    error_list_init(&el);
    int code = load(argv[0], &s, &el);
    if (code == EXIT_OK) {
        long tps[GRADE_COUNT] = {0}, mem[FORCE_COUNT] = {0};
        for (int t = 0; t < s->ntps; t++)
            tps[s->tps[t].grade]++;
        for (int m = 0; m < s->nmember; m++)
            mem[s->unit[s->member[m].unit].force]++;
        printf("%s: sah (valid)\n", argv[0]);
        printf("skenario   : %s\n", s->name);
        printf("kabupaten  : %d\nkecamatan  : %d\ndesa       : %d\n",
               s->nkab, s->nkec, s->ndesa);
        printf("TPS        : %d (kurang rawan %ld, rawan %ld, sangat rawan %ld)\n",
               s->ntps, tps[GRADE_KURANG_RAWAN], tps[GRADE_RAWAN],
               tps[GRADE_SANGAT_RAWAN]);
        printf("satuan     : %d\n", s->nunit);
        printf("personel   : %d (Polri %ld, TNI %ld, Linmas %ld)\n", s->nmember,
               mem[FORCE_POLRI], mem[FORCE_TNI], mem[FORCE_LINMAS]);
    }
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

static void progress(void *ctx, const char *phase, long done, long total)
{
    double *t0 = ctx;
    (void)t0;
    fprintf(stderr, "\rsiaga: %s %ld/%ld ", phase, done, total);
    if (done >= total)
        fputc('\n', stderr);
}

static int parse_seconds(const char *arg, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno != 0 || end == arg || *end != 0 || !(v > 0) || v > 1e9)
        return -1;
    *out = v;
    return 0;
}

static int cmd_plan(int argc, char **argv)
{
    const char *scenario = NULL, *dir = NULL, *lp = NULL, *mps = NULL;
    struct plan_params pp;
    plan_params_init(&pp);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(a, "--time-limit") == 0 && i + 1 < argc) {
            if (parse_seconds(argv[++i], &pp.time_limit) != 0)
                return usage_error("--time-limit wants a positive number of "
                                   "seconds, not '%s'", argv[i]);
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            pp.quiet = true;
        else if (strcmp(a, "--export-lp") == 0 && i + 1 < argc)
            lp = argv[++i];
        else if (strcmp(a, "--export-mps") == 0 && i + 1 < argc)
            mps = argv[++i];
        else if (a[0] == '-' && a[1] != 0)
            return usage_error("unknown or incomplete option '%s'", a);
        else if (scenario == NULL)
            scenario = a;
        else
            return usage_error("unexpected argument '%s'", a);
    }
    if (scenario == NULL || dir == NULL)
        return usage_error("plan needs a SCENARIO and -o DIR%s", "");

    struct error_list el;
    struct scenario *s = NULL;
    struct plan *p = NULL;
    error_list_init(&el);
    int code = load(scenario, &s, &el);
    if (code != EXIT_OK)
        goto done;
    if (!pp.quiet && isatty(STDERR_FILENO))
        pp.progress = progress;
    int rc = solver_plan(s, &pp, &p, &el);
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT) {
        print_errors(&el);
        code = status_exit(rc);
        goto done;
    }
    rc = io_write_plan(dir, s, p, &el);
    for (int f = 0; f < 2 && rc == SIAGA_OK; f++) {
        const char *path = f == 0 ? lp : mps;
        struct model_weights w;
        if (path != NULL)
            rc = solver_export_model(s, path, f == 0 ? MODEL_LP : MODEL_MPS,
                                     &w, &el);
    }
    if (rc != SIAGA_OK) {
        print_errors(&el);
        code = status_exit(rc);
        goto done;
    }
    long empty = p->obj.empty_linmas;
    for (int g = 0; g < GRADE_COUNT; g++)
        empty += p->obj.empty_guard[g];
    if (!pp.quiet)
        fprintf(stderr, "siaga: %s: %d pos, %ld tempat kosong, status %s (%.2f s)\n",
                dir, p->npost, empty, plan_status_name(p->status), p->seconds);
    code = empty > 0 ? EXIT_SHORT : EXIT_OK;
done:
    plan_destroy(p);
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

static int cmd_check(int argc, char **argv)
{
    if (argc != 2)
        return usage_error("check takes a SCENARIO and a ROSTER%s", "");
    struct error_list el;
    struct scenario *s = NULL;
    struct raw_roster *r = NULL;
    struct audit_report *rep = NULL;
    error_list_init(&el);
    int code = load(argv[0], &s, &el);
    if (code != EXIT_OK)
        goto done;
    int rc = io_read_roster(argv[1], &r, &el);
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
    if (io_write_audit(stdout, s, rep) != 0) {
        fprintf(stderr, "siaga: cannot write the audit report\n");
        code = EXIT_FAILURE_;
        goto done;
    }
    code = audit_passed(rep) ? EXIT_OK : EXIT_SHORT;
done:
    audit_destroy(rep);
    raw_roster_destroy(r);
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}

int main(int argc, char **argv)
{
    int code;
    if (argc < 2)
        code = usage_error("missing command%s", "");
    else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(USAGE, stdout);
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
    else
        code = usage_error("unknown command '%s'", argv[1]);
    /* a full disk on stdout is an error too (jq does the same) */
    if (fclose(stdout) != 0 && code == EXIT_OK) {
        fprintf(stderr, "siaga: cannot write standard output: %s\n",
                strerror(errno));
        code = EXIT_FAILURE_;
    }
    return code;
}
