/*
 * bench_tool.c - helpers for bench/run.sh, linked with the siaga library.
 *
 *   bench_tool greedy SCENARIO.xml
 *       The reference a planner with a spreadsheet would reach: per
 *       kecamatan, walk the TPS in list order; the first TPS not yet in a
 *       post anchors a new one, which takes the nearest free TPS of its
 *       grade within the radius until full.  Prints
 *       "posts N guard_places G".
 *
 *   bench_tool posts SCENARIO.xml JOBS REF_GLPK_SEC [LPDIR]
 *       Clusters the scenario (item 3 only) and prints one line
 *       "total S posts P bound B unproven U hard H worst_kec K S2"
 *       then a line per component the greedy did not settle, slowest
 *       first: "comp KEC N C POSTS BOUND ROOT_LP SECONDS NODES
 *       GLPK_SEC GLPK_STATUS GLPK_POSTS" (GLPK_*: GLPK's branch and
 *       bound on the linking MIP within REF_GLPK_SEC, -1 = not run;
 *       status 0 proven, 1 time limit).  With LPDIR, each such
 *       component's MIP is written there for CBC.  The references run on
 *       components of 100 TPS or more only.
 *
 *   bench_tool maps SCENARIO.xml DIR JOBS [TIME_LIMIT]
 *       Plans the scenario once (JOBS threads, within TIME_LIMIT seconds,
 *       by default siaga's; a plan stopped early writes as many files of
 *       about the same size, so the writing is measured as well),
 *       then writes the plan's outputs twice, with --maps single into
 *       DIR/single and with --maps per-kabupaten into DIR/per-kabupaten,
 *       and prints per way "maps MODE write_s S cpu_s C files N total_bytes T
 *       largest_bytes L largest NAME" (S the wall time of
 *       io_write_plan_outputs, synced to disk as siaga plan does, after
 *       "cpu_s" its processor time, user and system, all threads).
 *
 *   bench_tool model SCENARIO.xml MODEL.lp
 *       Plans the scenario, writes the monolithic model (solver/export.c)
 *       and prints "objective V seconds T": V is the plan's value in the
 *       model's terms, for comparing with another solver's optimum.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/formats/scenario_read.h"
#include "io/plan_outputs.h"
#include "model/geo.h"
#include "model/scenario.h"
#include "solver/cluster.h"
#include "solver/export.h"
#include "solver/glpk_util.h"
#include "solver/planner.h"

static int greedy(const struct scenario *s)
{
    char *used = calloc((size_t)s->ntps + 1, 1);
    long posts = 0, places = 0;
    if (used == NULL)
        return 3;
    for (int lo = 0, hi; lo < s->ntps; lo = hi) {
        int k = s->tps[lo].kecamatan;
        for (hi = lo; hi < s->ntps && s->tps[hi].kecamatan == k; hi++)
            ;
        for (int a = lo; a < hi; a++) {
            if (used[a])
                continue;
            const struct tps *A = &s->tps[a];
            const struct grade_rule *gr = &s->rules.grade[A->grade];
            used[a] = 1;
            posts++;
            places += gr->guards;
            for (int n = 1; n < gr->tps_per_post; n++) {
                int best = -1;
                double bd = 0;
                for (int t = lo; t < hi; t++) {
                    if (used[t] || s->tps[t].grade != A->grade)
                        continue;
                    double d = geo_distance_km(A->lat, A->lon, s->tps[t].lat,
                                               s->tps[t].lon);
                    if (geo_within(d, gr->radius_km) && (best < 0 || d < bd)) {
                        best = t;
                        bd = d;
                    }
                }
                if (best < 0)
                    break;
                used[best] = 1;
            }
        }
    }
    printf("posts %ld guard_places %ld\n", posts, places);
    free(used);
    return 0;
}

static int model(const struct scenario *s, const char *lp)
{
    struct error_list el;
    struct plan_params pp;
    struct plan *p = NULL;
    struct model_weights w;
    error_list_init(&el);
    plan_params_init(&pp);
    pp.quiet = true;
    int rc = solver_plan(s, &pp, &p, &el);
    if (rc == SIAGA_OK || rc == SIAGA_ELIMIT)
        rc = solver_export_model(s, lp, MODEL_LP, &w, &el);
    if (rc == SIAGA_OK)
        printf("objective %.1f seconds %.3f\n", model_objective(s, &w, p),
               p->seconds);
    plan_destroy(p);
    error_list_free(&el);
    return rc == SIAGA_OK ? 0 : 3;
}

static int cmp_slow(const void *a, const void *b)
{
    const struct cluster_comp_stat *x = a, *y = b;
    if (x->seconds != y->seconds)
        return x->seconds > y->seconds ? -1 : 1;
    return (x->kecamatan > y->kecamatan) - (x->kecamatan < y->kecamatan);
}

static int posts(const struct scenario *s, int jobs, double ref, const char *dir)
{
    struct plan_params pp;
    struct cluster_result r;
    struct error_list el;
    plan_params_init(&pp);
    pp.jobs = jobs;
    pp.quiet = true;
    pp.reference_glpk = ref;
    pp.reference_dir = dir;
    pp.reference_min_n = 100;
    error_list_init(&el);
    double t0 = solver_now();
    int rc = cluster_build(s, &pp, 0, &r, &el);
    double sec = solver_now() - t0;
    error_list_free(&el);
    if (rc != SIAGA_OK && rc != SIAGA_ELIMIT)
        return 3;
    int worst = 0, unproven = 0;
    for (int k = 1; k < s->nkec; k++)
        if (r.kec_seconds[k] > r.kec_seconds[worst])
            worst = k;
    for (int i = 0; i < r.nhard; i++)
        unproven += r.hard[i].posts > r.hard[i].bound;
    printf("total %.3f posts %d bound %ld unproven %d hard %d worst_kec %s %.3f\n",
           sec, r.npost, r.posts_bound, unproven, r.nhard,
           s->nkec ? s->kec[worst].code : "-", s->nkec ? r.kec_seconds[worst] : 0.0);
    qsort(r.hard, (size_t)r.nhard, sizeof *r.hard, cmp_slow);
    for (int i = 0; i < r.nhard; i++) {
        const struct cluster_comp_stat *h = &r.hard[i];
        printf("comp %s %d %d %ld %ld %.4f %.3f %ld %.3f %d %ld\n",
               s->kec[h->kecamatan].code, h->n, h->cap, h->posts, h->bound,
               h->root_lp, h->seconds, h->nodes,
               h->ref_glpk_sec, h->ref_glpk_status,
               h->ref_glpk_posts);
    }
    cluster_free(&r);
    return 0;
}

/* The files below a folder: how many, their bytes, the largest (nftw has
 * no argument for its callback, hence the file-level tally). */
static struct {
    long files;
    long long total, largest;
    char name[4096];
    size_t skip;   /* length of the folder's path, cut from the names */
} tree;

static int tree_entry(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    (void)ftw;
    if (flag != FTW_F)
        return 0;
    tree.files++;
    tree.total += st->st_size;
    if (st->st_size > tree.largest) {
        tree.largest = st->st_size;
        snprintf(tree.name, sizeof tree.name, "%s", path + tree.skip);
    }
    return 0;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of the process so far, user and system. */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int maps(const struct scenario *s, const char *dir, int jobs, double limit)
{
    struct error_list el;
    struct plan_params pp;
    struct plan *p = NULL;
    error_list_init(&el);
    plan_params_init(&pp);
    pp.quiet = true;
    pp.jobs = jobs;
    if (limit > 0)
        pp.time_limit = limit;
    int rc = solver_plan(s, &pp, &p, &el);
    static const char *const MODE[] = {"single", "per-kabupaten"};
    for (int m = 0; m < 2 && (rc == SIAGA_OK || rc == SIAGA_ELIMIT); m++) {
        char out[4096];
        struct plan_outputs o;
        snprintf(out, sizeof out, "%s/%s", dir, MODE[m]);
        io_plan_outputs_init(&o, s, p);
        o.jobs = jobs;
        o.maps = m == 0 ? PLAN_MAPS_SINGLE : PLAN_MAPS_PER_KABUPATEN;
        double t0 = wall_now(), c0 = cpu_now();
        rc = io_write_plan_outputs(out, &o, &el);
        double sec = wall_now() - t0, cpu = cpu_now() - c0;
        memset(&tree, 0, sizeof tree);
        tree.skip = strlen(out) + 1;
        if (rc == SIAGA_OK && nftw(out, tree_entry, 16, FTW_PHYS) == 0)
            printf("maps %s write_s %.2f cpu_s %.2f files %ld total_bytes %lld "
                   "largest_bytes %lld largest %s\n", MODE[m], sec, cpu, tree.files, tree.total,
                   tree.largest, tree.name);
        fflush(stdout);
    }
    for (int i = 0; i < el.n; i++)
        fprintf(stderr, "bench_tool: %s\n", el.items[i].message);
    plan_destroy(p);
    error_list_free(&el);
    return rc == SIAGA_OK ? 0 : 3;
}

int main(int argc, char **argv)
{
    int is_posts = argc >= 5 && strcmp(argv[1], "posts") == 0;
    int is_maps = (argc == 5 || argc == 6) && strcmp(argv[1], "maps") == 0;
    if (!is_posts && !is_maps &&
        (argc < 3 || (strcmp(argv[1], "model") == 0 && argc != 4))) {
        fprintf(stderr, "usage: bench_tool greedy SCENARIO | model SCENARIO LP | "
                "posts SCENARIO JOBS REF_GLPK_SEC [LPDIR] | maps SCENARIO DIR JOBS [TIME_LIMIT]\n");
        return 2;
    }
    struct error_list el;
    struct scenario *s = NULL;
    error_list_init(&el);
    if (io_read_scenario(argv[2], &s, &el) != SIAGA_OK) {
        fprintf(stderr, "bench_tool: cannot read %s\n", argv[2]);
        error_list_free(&el);
        return 2;
    }
    int code = is_maps ? maps(s, argv[3], atoi(argv[4]), argc > 5 ? atof(argv[5]) : 0)
             : is_posts ? posts(s, atoi(argv[3]), atof(argv[4]), argc > 5 ? argv[5] : NULL)
             : strcmp(argv[1], "greedy") == 0 ? greedy(s) : model(s, argv[3]);
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}
