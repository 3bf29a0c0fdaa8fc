/*
 * session.c - the steps of siaga serve (session.h).
 *
 * A step is one plan: the scenario it planned (the base, the --with
 * overlays, then the first nposted overlays posted to the page, in
 * order), the plan, its BKO request, what changed against the step
 * before, and the roster it wrote, read back as the next step's baseline.
 *
 * Why a re-plan of the page is the same as `siaga plan` on the command
 * line: step k + 1 plans scenario base + with + posted[0..k] with
 * solver_replan against step k's roster.xml as written, which is what
 * `siaga plan BASE.xml [--with W]... --with overlay.xml --baseline
 * baseline.xml` does with the overlay.xml and baseline.xml of step k + 1
 * (the posted overlays joined in order: changes apply in document order,
 * formats.md 4).  The solvers are deterministic, so the roster bytes are
 * the same (tests/e2e_serve.sh and tests/browser/serve.mjs check it).
 *
 * The scenario of a step is read again from SCENARIO.xml and the overlays
 * applied to it (there is no copy of a scenario in the library); the
 * overlays stay parsed in memory, so only the scenario is read.
 *
 * Where the issue is silent:
 * - a step's BKO request is that of its own plan (solver_bko on the
 *   re-planned posts): what the Kapolsek must ask for to fill this
 *   roster;
 * - ringkasan.txt's "Dampak perubahan" compares the step with the one
 *   before (two stages), not every step since the start;
 * - baseline.xml (the roster the step was re-planned from) is written
 *   beside overlay.xml so the command line can repeat the step; the
 *   first step has one only with --baseline.
 */
#include "serve/session.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/alasan_anggota.h"
#include "io/formats/changes_write.h"
#include "io/formats/overlay_join.h"
#include "io/formats/overlay_read.h"
#include "io/formats/roster_read.h"
#include "io/formats/scenario_read.h"
#include "io/formats/whatif_write.h"
#include "io/outdir.h"
#include "io/plan_outputs.h"
#include "io/report/json.h"
#include "io/report/plan_view.h"
#include "model/changes.h"
#include "model/member_why.h"
#include "model/overlay.h"
#include "model/roster.h"
#include "model/whatif.h"
#include "solver/bko.h"
#include "solver/planner.h"
#include "solver/replan.h"
#include "solver/thread_env.h"
#include "solver/whatif_plan.h"

/* The name a posted overlay has in error messages. */
#define POSTED_NAME "permintaan"

struct step {
    struct scenario *s;
    struct plan *p;
    struct bko_request bko;
    struct change_list cl;
    bool has_cl;                 /* re-planned against a baseline */
    struct whatif_stage stage[2];
    int nstage;
    struct raw_roster *r;        /* its roster.xml as read back */
    char *roster; size_t roster_len;
    char *baseline; size_t baseline_len; /* roster it started from, or NULL */
    int nposted;                 /* posted overlays in its scenario */
    struct plan *why;            /* /api/why: the same plan again with its
                                    members' next-best places, made on the
                                    first request (session_why_json) */
    int why_state;               /* WHY_STEP_* */
};

/* How /api/why stands for a step. */
enum { WHY_STEP_NONE, WHY_STEP_DONE, WHY_STEP_DIFFERS };

struct posted {
    char *body; size_t len;
    struct overlay *ov;
};

struct session {
    struct session_opts o;
    pthread_mutex_t lock;
    struct overlay *with[SESSION_MAX_WITH];
    struct posted posted[SESSION_MAX_POSTED];
    int nposted;
    struct step *step[SESSION_MAX_UNDO + 1];
    int nstep;
};

static void step_destroy(struct step *st)
{
    if (st == NULL)
        return;
    scenario_destroy(st->s);
    plan_destroy(st->p);
    plan_destroy(st->why);
    bko_request_free(&st->bko);
    change_list_free(&st->cl);
    raw_roster_destroy(st->r);
    free(st->roster);
    free(st->baseline);
    free(st);
}

static struct step *top(struct session *ss)
{
    return ss->step[ss->nstep - 1];
}

static void plan_params_of(const struct session *ss, struct plan_params *pp)
{
    plan_params_init(pp);
    pp->quiet = true;
    pp->time_limit = ss->o.time_limit;
    if (ss->o.jobs > 0)
        pp->jobs = ss->o.jobs;
}

/* The whole of file path into *data (NUL-terminated). */
static int slurp(const char *path, char **data, size_t *len,
                 struct error_list *errs)
{
    FILE *f = fopen(path, "rb");
    *data = NULL;
    *len = 0;
    if (f == NULL)
        return error_io(errs, path, "cannot open", errno);
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    int rc = SIAGA_OK;
    while (b != NULL) {
        n += fread(b + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *nb = realloc(b, 2 * cap + 1);
        if (nb == NULL) {
            free(b);
            b = NULL;
            break;
        }
        b = nb;
        cap *= 2;
    }
    if (b == NULL) {
        error_add(errs, path, 0, "out of memory");
        rc = SIAGA_ENOMEM;
    } else if (ferror(f)) {
        rc = error_io(errs, path, "cannot read", errno);
        free(b);
    } else {
        b[n] = '\0';
        *data = b;
        *len = n;
    }
    fclose(f);
    return rc;
}

/* data[0..len) as DIR/name, whole or not at all. */
static int write_one(const char *dir, const char *name, const char *data,
                     size_t len, struct error_list *errs)
{
    char *path = outdir_join(dir, name);
    if (path == NULL) {
        error_add(errs, dir, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    struct outfile of;
    int rc = SIAGA_EIO;
    if (outfile_open(&of, path, errs) == 0) {
        if (fwrite(data, 1, len, of.fp) != len)
            error_add(errs, path, 0, "cannot write: %s", strerror(errno));
        else if (outfile_finish(&of, errs) == 0 && outfile_rename(&of, errs) == 0)
            rc = SIAGA_OK;
    }
    outfile_close(&of);
    free(path);
    return rc;
}

/* Remove DIR/name if it is there. */
static int remove_one(const char *dir, const char *name, struct error_list *errs)
{
    char *path = outdir_join(dir, name);
    int rc = SIAGA_OK;
    if (path == NULL) {
        error_add(errs, dir, 0, "out of memory");
        rc = SIAGA_ENOMEM;
    } else if (unlink(path) != 0 && errno != ENOENT) {
        rc = error_io(errs, path, "cannot remove", errno);
    }
    free(path);
    return rc;
}

/* The posted overlays 0..n joined as one document (malloc'ed). */
static int joined_overlay(const struct session *ss, int n, char **out,
                          size_t *len, struct error_list *errs)
{
    const char *doc[SESSION_MAX_POSTED];
    size_t dlen[SESSION_MAX_POSTED];
    for (int i = 0; i < n; i++) {
        doc[i] = ss->posted[i].body;
        dlen[i] = ss->posted[i].len;
    }
    return io_overlay_join(doc, dlen, n, "siaga serve: perubahan di halaman",
                           out, len, errs);
}

/* Write the files of st into DIR (the plan's set, then overlay.xml and
 * baseline.xml), then read its roster back. */
static int step_write(struct session *ss, struct step *st,
                      struct error_list *errs)
{
    const char *dir = ss->o.dir;
    struct plan_extras x = {&st->bko, st->stage, st->nstage,
                            st->has_cl ? &st->cl : NULL};
    struct plan_outputs po;
    io_plan_outputs_init(&po, st->s, st->p);
    po.whatif = &x;
    int rc = io_write_plan_outputs(dir, &po, errs);
    char *ov = NULL;
    size_t ovlen = 0;
    if (rc == SIAGA_OK)
        rc = joined_overlay(ss, st->nposted, &ov, &ovlen, errs);
    if (rc == SIAGA_OK)
        rc = write_one(dir, "overlay.xml", ov, ovlen, errs);
    free(ov);
    if (rc == SIAGA_OK && st->baseline != NULL)
        rc = write_one(dir, "baseline.xml", st->baseline, st->baseline_len, errs);
    else if (rc == SIAGA_OK)
        rc = remove_one(dir, "baseline.xml", errs);
    /* the set of a step with no re-plan has no perubahan.csv, but a
     * folder holding other files (overlay.xml) keeps the one before */
    if (rc == SIAGA_OK && !st->has_cl)
        rc = remove_one(dir, "perubahan.csv", errs);
    if (rc != SIAGA_OK || st->r != NULL)
        return rc;
    char *path = outdir_join(dir, "roster.xml");
    if (path == NULL)
        return SIAGA_ENOMEM;
    rc = slurp(path, &st->roster, &st->roster_len, errs);
    if (rc == SIAGA_OK)
        rc = io_read_roster(path, &st->r, errs);
    free(path);
    return rc;
}

/* The scenario of the first n posted overlays, then extra (or NULL). */
static int build_scenario(struct session *ss, int n, const struct overlay *extra,
                          struct scenario **out, struct error_list *errs)
{
    struct scenario *s = NULL;
    int rc = io_read_scenario(ss->o.scenario, &s, errs);
    for (int i = 0; i < ss->o.nwith && rc == SIAGA_OK; i++)
        rc = overlay_apply(s, ss->with[i], errs);
    for (int i = 0; i < n && rc == SIAGA_OK; i++)
        rc = overlay_apply(s, ss->posted[i].ov, errs);
    if (rc == SIAGA_OK && extra != NULL)
        rc = overlay_apply(s, extra, errs);
    if (rc != SIAGA_OK) {
        scenario_destroy(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

/* Plan st->s (against base when not NULL, with pins), its BKO request
 * and its stages (prev: the step before, or NULL). */
static int step_plan(struct session *ss, struct step *st,
                     const struct raw_roster *base, const char *const *pins,
                     int npins, const struct step *prev, const char *label,
                     struct error_list *errs)
{
    struct plan_params pp;
    plan_params_of(ss, &pp);
    int rc;
    if (base != NULL) {
        rc = solver_replan(st->s, &pp, base, pins, npins, &st->p, &st->cl, errs);
        st->has_cl = rc == SIAGA_OK || rc == SIAGA_ELIMIT;
    } else {
        rc = solver_plan(st->s, &pp, &st->p, errs);
    }
    if (rc == SIAGA_ELIMIT)
        rc = SIAGA_OK;
    if (rc == SIAGA_OK)
        rc = solver_bko(st->s, st->p, &st->bko, errs);
    if (rc != SIAGA_OK)
        return rc;
    int k = 0;
    if (prev != NULL) {
        whatif_stage_of(prev->s, prev->p, &prev->bko, &st->stage[k]);
        st->stage[k++].label = "";
    }
    whatif_stage_of(st->s, st->p, &st->bko, &st->stage[k]);
    st->stage[k++].label = prev != NULL ? label : "";
    st->nstage = k;
    return SIAGA_OK;
}

int session_create(const struct session_opts *o, struct session **out,
                   struct error_list *errs)
{
    struct session *ss = calloc(1, sizeof *ss);
    struct step *st = calloc(1, sizeof *st);
    struct raw_roster *base = NULL;
    int rc = SIAGA_ENOMEM;
    *out = NULL;
    if (ss == NULL || st == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto fail;
    }
    ss->o = *o;
    pthread_mutex_init(&ss->lock, NULL);
    rc = SIAGA_OK;
    for (int i = 0; i < o->nwith && rc == SIAGA_OK; i++)
        rc = io_read_overlay(o->with[i], &ss->with[i], errs);
    if (rc == SIAGA_OK)
        rc = build_scenario(ss, 0, NULL, &st->s, errs);
    if (rc == SIAGA_OK && o->baseline != NULL) {
        rc = io_read_roster(o->baseline, &base, errs);
        if (rc == SIAGA_OK)
            rc = slurp(o->baseline, &st->baseline, &st->baseline_len, errs);
    }
    if (rc == SIAGA_OK)
        rc = step_plan(ss, st, base, NULL, 0, NULL, "", errs);
    if (rc == SIAGA_OK)
        rc = step_write(ss, st, errs);
    if (rc != SIAGA_OK)
        goto fail;
    raw_roster_destroy(base);
    ss->step[ss->nstep++] = st;
    *out = ss;
    return SIAGA_OK;
fail:
    raw_roster_destroy(base);
    step_destroy(st);
    if (ss != NULL)
        ss->nstep = 0;
    session_destroy(ss);
    return rc;
}

void session_destroy(struct session *ss)
{
    if (ss == NULL)
        return;
    for (int i = 0; i < ss->nstep; i++)
        step_destroy(ss->step[i]);
    for (int i = 0; i < ss->nposted; i++) {
        free(ss->posted[i].body);
        overlay_destroy(ss->posted[i].ov);
    }
    for (int i = 0; i < ss->o.nwith; i++)
        overlay_destroy(ss->with[i]);
    pthread_mutex_destroy(&ss->lock);
    free(ss);
}

/* ---- JSON ---------------------------------------------------------------- */

/* Flags are 1 or 0 (json.h has no booleans; JavaScript reads either). */
static void json_bool_(struct json_writer *w, bool b)
{
    json_long(w, b ? 1 : 0);
}

static const char *region_code(const struct scenario *s, enum scope sc, int r)
{
    const char *code = "";
    scenario_region(s, sc, r, &code, NULL);
    return code;
}

static const char *region_name(const struct scenario *s, enum scope sc, int r)
{
    const char *name = "";
    scenario_region(s, sc, r, NULL, &name);
    return name;
}

/* The files a step offers, in the order the page lists them. */
static const char *const step_files[] = {
    "roster.xml", "roster.csv", "perubahan.csv", "overlay.xml",
    "baseline.xml", "laporan.html", "ringkasan.txt", "bko.csv",
    "roster.geojson", "roster.kml", NULL};

/* The step's numbers as members of the object being written. */
static void step_json(struct json_writer *w, const struct session *ss,
                      const struct step *st)
{
    const struct plan *p = st->p;
    long empty = p->obj.empty_linmas;
    json_key(w, "status");
    json_string(w, plan_status_name(p->status));
    json_key(w, "posts");
    json_long(w, p->npost);
    json_key(w, "empty");
    json_begin_object(w);
    for (int g = GRADE_COUNT - 1; g >= 0; g--) {
        json_key(w, grade_name((enum grade)g));
        json_long(w, p->obj.empty_guard[g]);
        empty += p->obj.empty_guard[g];
    }
    json_key(w, "linmas");
    json_long(w, p->obj.empty_linmas);
    json_end_object(w);
    json_key(w, "empty_total");
    json_long(w, empty);
    const struct whatif_stage *sg = &st->stage[st->nstage - 1];
    json_key(w, "places");
    json_begin_object(w);
    json_key(w, "guard");
    json_long(w, sg->guard_places);
    json_key(w, "linmas");
    json_long(w, sg->linmas_places);
    json_end_object(w);
    json_key(w, "replanned");
    json_bool_(w, st->has_cl);
    const struct change_list *cl = &st->cl;
    json_key(w, "moved");
    json_long(w, cl->moved);
    json_key(w, "moved_scratch");
    json_long(w, cl->moved_scratch);
    json_key(w, "joined");
    json_long(w, cl->joined);
    json_key(w, "left");
    json_long(w, cl->left);
    json_key(w, "unit_changed");
    json_long(w, cl->unit_changed);
    json_key(w, "posts_opened");
    json_long(w, cl->posts_new);
    json_key(w, "posts_closed");
    json_long(w, cl->posts_closed);
    json_key(w, "posts_kept");
    json_long(w, cl->posts_kept);
    json_key(w, "conflict");
    json_string(w, cl->conflict);
    json_key(w, "changes");
    json_begin_array(w);
    int nrow = cl->n < SESSION_MAX_CHANGE_ROWS ? cl->n : SESSION_MAX_CHANGE_ROWS;
    for (int i = 0; i < nrow; i++) {
        const struct change *c = &cl->item[i];
        json_newline(w);
        json_begin_object(w);
        json_key(w, "kind");
        json_string(w, io_change_kind_name(c->kind));
        json_key(w, "member");
        json_string(w, c->member);
        json_key(w, "name");
        json_string(w, c->name);
        json_key(w, "unit");
        json_string(w, c->unit);
        json_key(w, "from");
        json_string(w, c->from);
        json_key(w, "to");
        json_string(w, c->to);
        json_end_object(w);
    }
    json_end_array(w);
    json_key(w, "changes_more");
    json_long(w, cl->n - nrow);
    json_key(w, "bko");
    json_begin_array(w);
    for (int i = 0; i < st->bko.nrow; i++) {
        const struct bko_row *b = &st->bko.row[i];
        json_begin_object(w);
        json_key(w, "force");
        json_string(w, force_name(b->force));
        json_key(w, "scope");
        json_string(w, scope_name(b->scope));
        json_key(w, "region");
        json_string(w, region_code(st->s, b->scope, b->region));
        json_key(w, "region_name");
        json_string(w, region_name(st->s, b->scope, b->region));
        json_key(w, "count");
        json_long(w, b->count);
        json_end_object(w);
    }
    json_end_array(w);
    json_key(w, "bko_total");
    json_long(w, st->bko.sum);
    json_key(w, "steps");
    json_long(w, st->nposted);
    json_key(w, "undo");
    json_bool_(w, ss->nstep > 1);
    json_key(w, "files");
    json_begin_object(w);
    /* above PLAN_MAPS_AUTO_TPS the set holds roster.csv and the maps per
     * kabupaten (kab/), and laporan.html is their index */
    struct plan_outputs po;
    io_plan_outputs_init(&po, st->s, st->p);
    bool per_kab = io_plan_maps_of(&po) == PLAN_MAPS_PER_KABUPATEN;
    for (int i = 0; step_files[i] != NULL; i++) {
        const char *n = step_files[i];
        if (strcmp(n, "baseline.xml") == 0 && st->baseline == NULL)
            continue;
        if (per_kab && (strcmp(n, "roster.csv") == 0 ||
                        strcmp(n, "roster.geojson") == 0 ||
                        strcmp(n, "roster.kml") == 0))
            continue;
        if (strcmp(n, "perubahan.csv") == 0 && !st->has_cl)
            continue;
        char url[64];
        snprintf(url, sizeof url, "/files/%s", n);
        json_key(w, n);
        json_string(w, url);
    }
    json_end_object(w);
}

static int answer(struct session *ss, FILE *f)
{
    struct json_writer w;
    json_init(&w, f);
    json_begin_object(&w);
    step_json(&w, ss, top(ss));
    json_end_object(&w);
    return json_finish(&w) == 0 ? SIAGA_OK : SIAGA_EIO;
}

/* ---- requests ------------------------------------------------------------ */

int session_replan(struct session *ss, const char *body, size_t len,
                   const char *const *pins, int npins, FILE *f,
                   struct error_list *errs)
{
    struct overlay *ov = NULL;
    struct step *st = NULL;
    char *copy = NULL;
    pthread_mutex_lock(&ss->lock);
    struct step *prev = top(ss);
    int rc = io_read_overlay_memory(POSTED_NAME, body, len, &ov, errs);
    if (rc != SIAGA_OK)
        goto done;
    if (prev->nposted >= SESSION_MAX_POSTED) {
        error_add(errs, POSTED_NAME, 0, "at most %d changes per session; "
                  "restart siaga serve with --with %s/overlay.xml",
                  SESSION_MAX_POSTED, ss->o.dir);
        rc = SIAGA_EINPUT;
        goto done;
    }
    rc = SIAGA_ENOMEM;
    if ((st = calloc(1, sizeof *st)) == NULL ||
        (copy = malloc(len + 1)) == NULL ||
        (st->baseline = malloc(prev->roster_len + 1)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    memcpy(copy, body, len);
    copy[len] = '\0';
    memcpy(st->baseline, prev->roster, prev->roster_len + 1);
    st->baseline_len = prev->roster_len;
    rc = build_scenario(ss, prev->nposted, ov, &st->s, errs);
    if (rc == SIAGA_OK)
        rc = step_plan(ss, st, prev->r, pins, npins, prev,
                       ov->name[0] != '\0' ? ov->name : POSTED_NAME, errs);
    if (rc != SIAGA_OK)
        goto done;
    /* the posted overlays past prev's belong to undone steps: forgotten */
    for (int i = prev->nposted; i < ss->nposted; i++) {
        free(ss->posted[i].body);
        overlay_destroy(ss->posted[i].ov);
    }
    ss->nposted = prev->nposted;
    ss->posted[ss->nposted++] = (struct posted){copy, len, ov};
    st->nposted = ss->nposted;
    rc = step_write(ss, st, errs);
    if (rc != SIAGA_OK) {
        /* DIR holds prev's set (all or nothing); put back its overlay.xml;
         * copy and ov are still ours */
        ss->nposted--;
        struct error_list ignore;
        error_list_init(&ignore);
        step_write(ss, prev, &ignore);
        error_list_free(&ignore);
        goto done;
    }
    copy = NULL;
    ov = NULL;
    if (ss->nstep == SESSION_MAX_UNDO + 1) {
        step_destroy(ss->step[0]);
        memmove(ss->step, ss->step + 1, (size_t)SESSION_MAX_UNDO * sizeof *ss->step);
        ss->nstep--;
    }
    ss->step[ss->nstep++] = st;
    st = NULL;
    rc = answer(ss, f);
done:
    step_destroy(st);
    free(copy);
    overlay_destroy(ov);
    /* a connection's thread ends after its answer: GLPK's memory of it
     * goes now (every plan above is plain C by now) */
    solver_thread_release();
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

int session_undo(struct session *ss, FILE *f, struct error_list *errs)
{
    pthread_mutex_lock(&ss->lock);
    int rc = SIAGA_EINPUT;
    if (ss->nstep < 2) {
        error_add(errs, NULL, 0, "nothing to undo");
        goto done;
    }
    rc = step_write(ss, ss->step[ss->nstep - 2], errs);
    if (rc != SIAGA_OK) {
        struct error_list ignore;
        error_list_init(&ignore);
        step_write(ss, top(ss), &ignore);
        error_list_free(&ignore);
        goto done;
    }
    step_destroy(ss->step[--ss->nstep]);
    rc = answer(ss, f);
done:
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

/* Is name a file of a set written per kabupaten that its index links to:
 * "kab/CODE/F" with CODE of letters, digits, '-' and '_' (no dots: no way
 * out of kab/) and F one of io_plan_kab_files, or roster-lintas.csv? */
static int kab_file(const char *name)
{
    const char *const *files = io_plan_kab_files;
    if (strcmp(name, "roster-lintas.csv") == 0)
        return 1;
    if (strncmp(name, "kab/", 4) != 0)
        return 0;
    const char *c = name + 4;
    size_t n = strspn(c, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789-_");
    if (n == 0 || n > 32 || c[n] != '/')
        return 0;
    for (int i = 0; files[i] != NULL; i++)
        if (strcmp(c + n + 1, files[i]) == 0)
            return 1;
    return 0;
}

int session_file(struct session *ss, const char *name, char **data,
                 size_t *len, const char **mime)
{
    *data = NULL;
    *len = 0;
    *mime = "application/octet-stream";
    int known = kab_file(name);
    for (int i = 0; step_files[i] != NULL; i++)
        known |= strcmp(step_files[i], name) == 0;
    if (!known)
        return SIAGA_EINPUT;
    const char *dot = strrchr(name, '.');
    if (strcmp(dot, ".xml") == 0 || strcmp(dot, ".kml") == 0)
        *mime = "application/xml; charset=utf-8";
    else if (strcmp(dot, ".csv") == 0)
        *mime = "text/csv; charset=utf-8";
    else if (strcmp(dot, ".html") == 0)
        *mime = "text/html; charset=utf-8";
    else if (strcmp(dot, ".txt") == 0)
        *mime = "text/plain; charset=utf-8";
    else if (strcmp(dot, ".geojson") == 0)
        *mime = "application/geo+json";
    pthread_mutex_lock(&ss->lock);
    int rc = SIAGA_EINPUT;
    char *path = outdir_join(ss->o.dir, name);
    struct error_list el;
    error_list_init(&el);
    if (path == NULL)
        rc = SIAGA_ENOMEM;
    else if (access(path, F_OK) == 0)
        rc = slurp(path, data, len, &el);
    free(path);
    error_list_free(&el);
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

/* ---- the plan for the page ------------------------------------------------ */

static void state_json(struct json_writer *w, const struct session *ss,
                       const struct step *st, const struct plan_view *v)
{
    const struct scenario *s = st->s;
    const struct plan *p = st->p;
    json_begin_object(w);
    json_key(w, "scenario");
    json_string(w, s->name);
    json_key(w, "grades");
    json_begin_array(w);
    for (int g = 0; g < GRADE_COUNT; g++)
        json_string(w, grade_name((enum grade)g));
    json_end_array(w);
    json_key(w, "grade_rgb");
    json_begin_array(w);
    for (int g = 0; g < GRADE_COUNT; g++)
        json_string(w, plan_view_grade_rgb((enum grade)g));
    json_end_array(w);
    json_key(w, "kecamatan");
    json_begin_array(w);
    for (int k = 0; k < s->nkec; k++) {
        json_begin_array(w);
        json_string(w, s->kec[k].code);
        json_string(w, s->kec[k].name);
        json_end_array(w);
    }
    json_end_array(w);
    json_key(w, "desa");
    json_begin_array(w);
    for (int d = 0; d < s->ndesa; d++)
        json_string(w, s->desa[d].name);
    json_end_array(w);
    /* [code, lat, lon, grade, kecamatan, desa, post] */
    json_key(w, "tps");
    json_begin_array(w);
    for (int t = 0; t < s->ntps; t++) {
        char code[32];
        json_newline(w);
        json_begin_array(w);
        json_string(w, scenario_tps_code(s, t, code));
        json_double(w, s->tps[t].lat, 6);
        json_double(w, s->tps[t].lon, 6);
        json_long(w, s->tps[t].grade);
        json_long(w, s->tps[t].kecamatan);
        json_long(w, s->tps[t].desa);
        json_long(w, v->post_of[t]);
        json_end_array(w);
    }
    json_end_array(w);
    /* [id, grade, kecamatan, required, route_km, [tps...], [guards...]] */
    json_key(w, "posts");
    json_begin_array(w);
    for (int q = 0; q < p->npost; q++) {
        const struct post *po = &p->post[q];
        json_newline(w);
        json_begin_array(w);
        json_string(w, v->post_id[q]);
        json_long(w, po->grade);
        json_long(w, po->kecamatan);
        json_long(w, po->required);
        json_double(w, po->route_km, 2);
        json_begin_array(w);
        for (int i = 0; i < po->ntps; i++)
            json_long(w, po->tps[i]);
        json_end_array(w);
        json_begin_array(w);
        for (int i = 0; i < po->nguards; i++)
            json_long(w, p->guard[po->first_guard + i]);
        json_end_array(w);
        json_end_array(w);
    }
    json_end_array(w);
    /* [id, name, force, scope, region code, count (0: listed), members] */
    json_key(w, "units");
    json_begin_array(w);
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        json_newline(w);
        json_begin_array(w);
        json_string(w, un->id);
        json_string(w, un->name);
        json_string(w, force_name(un->force));
        json_string(w, scope_name(un->scope));
        json_string(w, region_code(s, un->scope, un->region));
        json_long(w, un->count);
        json_long(w, un->nmembers);
        json_end_array(w);
    }
    json_end_array(w);
    /* [id, name, rank, unit] */
    json_key(w, "members");
    json_begin_array(w);
    for (int m = 0; m < s->nmember; m++) {
        const struct member *me = &s->member[m];
        json_newline(w);
        json_begin_array(w);
        json_string(w, me->id);
        json_string(w, me->name);
        json_string(w, me->rank != NULL ? me->rank : "");
        json_long(w, me->unit);
        json_end_array(w);
    }
    json_end_array(w);
    /* [tps, member] */
    json_key(w, "linmas");
    json_begin_array(w);
    for (int i = 0; i < p->nlinmas; i++) {
        json_begin_array(w);
        json_long(w, p->linmas[i].tps);
        json_long(w, p->linmas[i].member);
        json_end_array(w);
    }
    json_end_array(w);
    json_key(w, "linmas_per_tps");
    json_long(w, s->rules.linmas_per_tps);
    json_key(w, "summary");
    json_begin_object(w);
    step_json(w, ss, st);
    json_end_object(w);
    json_end_object(w);
}

int session_state_json(struct session *ss, FILE *f)
{
    pthread_mutex_lock(&ss->lock);
    const struct step *st = top(ss);
    struct plan_view v;
    int rc = SIAGA_ENOMEM;
    if (plan_view_init(&v, st->s, st->p) == 0) {
        struct json_writer w;
        json_init(&w, f);
        state_json(&w, ss, st, &v);
        rc = json_finish(&w) == 0 ? SIAGA_OK : SIAGA_EIO;
    }
    plan_view_free(&v);
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

/* ---- why a member (GET /api/why) ------------------------------------------ */

/* Do a and b place the same members at the same places? */
static bool same_roster(const struct plan *a, const struct plan *b)
{
    if (a->npost != b->npost || a->nguard != b->nguard ||
        a->nlinmas != b->nlinmas)
        return false;
    for (int q = 0; q < a->npost; q++) {
        const struct post *x = &a->post[q], *y = &b->post[q];
        if (x->ntps != y->ntps || x->first_guard != y->first_guard ||
            x->nguards != y->nguards ||
            memcmp(x->tps, y->tps, sizeof x->tps[0] * (size_t)x->ntps) != 0)
            return false;
    }
    return (a->nguard == 0 ||
            memcmp(a->guard, b->guard, sizeof *a->guard * (size_t)a->nguard) == 0) &&
           (a->nlinmas == 0 ||
            memcmp(a->linmas, b->linmas, sizeof *a->linmas * (size_t)a->nlinmas) == 0);
}

/* The step's plan again, with why_members, once: the plan is
 * deterministic, so it is the same roster unless a time limit cut one of
 * the two short (then WHY_STEP_DIFFERS, and nothing is claimed). */
static int step_why(struct session *ss, struct step *st, struct error_list *errs)
{
    if (st->why_state != WHY_STEP_NONE)
        return SIAGA_OK;
    struct plan_params pp;
    plan_params_of(ss, &pp);
    pp.why_members = true;
    struct plan *p = NULL;
    int rc = solver_plan(st->s, &pp, &p, errs);
    if (rc == SIAGA_ELIMIT)
        rc = SIAGA_OK;
    if (rc != SIAGA_OK) {
        plan_destroy(p);
        return rc;
    }
    if (same_roster(st->p, p)) {
        st->why = p;
        st->why_state = WHY_STEP_DONE;
    } else {
        plan_destroy(p);
        st->why_state = WHY_STEP_DIFFERS;
    }
    return SIAGA_OK;
}

/* Where member m stands in p: *linmas and *site (post or TPS index), or
 * -1 when in reserve. */
static int member_place(const struct plan *p, int m, int *linmas)
{
    for (int q = 0; q < p->npost; q++)
        for (int g = 0; g < p->post[q].nguards; g++)
            if (p->guard[p->post[q].first_guard + g] == m) {
                *linmas = 0;
                return q;
            }
    for (int i = 0; i < p->nlinmas; i++)
        if (p->linmas[i].member == m) {
            *linmas = 1;
            return p->linmas[i].tps;
        }
    return -1;
}

static const char *place_id(const struct scenario *s, const struct plan *p,
                            int linmas, int site, char *buf)
{
    return linmas ? scenario_tps_code(s, site, buf)
                  : io_post_id(site, p->npost, buf);
}

int session_why_json(struct session *ss, const char *member, FILE *f,
                     struct error_list *errs)
{
    pthread_mutex_lock(&ss->lock);
    struct step *st = top(ss);
    int rc = SIAGA_EINPUT;
    int m = scenario_find_member(st->s, member);
    if (m < 0) {
        error_add(errs, NULL, 0, "no member '%s' in the scenario", member);
        goto done;
    }
    /* a re-plan against a baseline minimised moves first: not computed
     * (assign.c), so not asked for */
    if (!st->has_cl && (rc = step_why(ss, st, errs)) != SIAGA_OK)
        goto done;
    rc = SIAGA_OK;
    const struct plan *p = st->p;
    int linmas = 0, site = member_place(p, m, &linmas);
    const struct member_why *w = NULL;
    if (site >= 0 && st->why_state == WHY_STEP_DONE && !st->has_cl) {
        w = member_why_find(st->why->why, st->why->nwhy, linmas, site,
                            st->s->member[m].unit);
        if (w != NULL && w->status == WHY_UNKNOWN)
            w = NULL;
    }
    char buf[24];
    struct json_writer jw;
    json_init(&jw, f);
    json_begin_object(&jw);
    json_key(&jw, "member");
    json_string(&jw, st->s->member[m].id);
    json_key(&jw, "name");
    json_string(&jw, st->s->member[m].name);
    json_key(&jw, "unit");
    json_string(&jw, st->s->unit[st->s->member[m].unit].id);
    json_key(&jw, "tugas");
    json_string(&jw, site < 0 ? "cadangan" : linmas ? "linmas" : "jaga");
    json_key(&jw, "tempat");
    json_string(&jw, site < 0 ? NULL : place_id(st->s, p, linmas, site, buf));
    json_key(&jw, "tempat_alternatif");
    json_string(&jw, w != NULL && w->status == WHY_MOVE
                         ? place_id(st->s, p, linmas, w->alt, buf) : NULL);
    json_key(&jw, "tambahan_km");
    if (w != NULL && w->status == WHY_MOVE)
        json_double(&jw, w->extra_km, 3);
    else
        json_null(&jw);
    json_key(&jw, "keterangan");
    json_string(&jw, site < 0 ? "cadangan: tidak ditempatkan"
                     : st->has_cl ? "tidak dihitung untuk rencana ulang "
                                    "dengan perpindahan paling sedikit"
                     : st->why_state == WHY_STEP_DIFFERS
                         ? "tidak dihitung: batas waktu mengubah rencana"
                     : why_label(w));
    json_end_object(&jw);
    if (json_finish(&jw) != 0)
        rc = SIAGA_EIO;
done:
    solver_thread_release();
    pthread_mutex_unlock(&ss->lock);
    return rc;
}
