/*
 * cuts_dump.c - what the capacity cuts of the posts proof rest on, written
 * out for bench/verify_cuts.py to check without siaga's code.
 *
 *   cuts_dump SCENARIO.xml DIR [MIN_N [TIME_LIMIT]]
 *       Clusters the scenario (item 3 only, one job) and, for every
 *       component of MIN_N TPS or more (default 1) that reaches the
 *       set-partitioning proof (solver/cluster_price.c), writes
 *       DIR/comp-KEC-GRADE-SEQ.txt: the component's TPS (code, latitude,
 *       longitude), radius and cap, every capacity cut that entered the
 *       master (its TPS and right-hand side) and the post count the proof
 *       claims.  Prints one line per file: "dump FILE n N cap C posts P
 *       bound B cuts K".
 *
 * Built with the linker's --wrap (mk/verify_cuts.mk), as tests/faults is:
 * __wrap_cluster_price_posts sees each component and the bound it returns,
 * __wrap_cut_list_push each cut that cluster_price.c adds to its master
 * (the pushes inside cluster_cuts.c, into the separation's scratch list,
 * are calls within one object file and are not wrapped), and
 * __wrap_cluster_regions_refute each bound the count by regions proves.  So the solver
 * carries no hook for this tool, and the tool checks the very cuts the
 * planner used; were either function renamed, the link fails loudly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/scenario_read.h"
#include "model/scenario.h"
#include "solver/cluster.h"
#include "solver/cluster_cuts.h"
#include "solver/cluster_int.h"
#include "solver/cluster_price.h"
#include "solver/cluster_regions.h"
#include "solver/glpk_util.h"

int __real_cluster_price_posts(const struct comp *c, struct sol *so, long *bound,
                               double deadline, long node_limit,
                               struct price_stats *stats);
int __real_cut_list_push(struct cut_list *l, const int *t, int nt, double rhs,
                         double lhs);
int __wrap_cluster_price_posts(const struct comp *c, struct sol *so, long *bound,
                               double deadline, long node_limit,
                               struct price_stats *stats);
int __wrap_cut_list_push(struct cut_list *l, const int *t, int nt, double rhs,
                         double lhs);
int __real_cluster_regions_refute(const struct comp *c, long T, double deadline,
                                  bool *refuted);
int __wrap_cluster_regions_refute(const struct comp *c, long T, double deadline,
                                  bool *refuted);

/* The run: one job, so one component at a time. */
static const struct scenario *scen;
static const char *outdir;
static int min_n = 1, seq, failed;
static struct cut_list seen;    /* the cuts of the component being proven */
static int capturing;

int __wrap_cut_list_push(struct cut_list *l, const int *t, int nt, double rhs,
                         double lhs)
{
    int rc = __real_cut_list_push(l, t, nt, rhs, lhs);
    if (rc == 0 && capturing && __real_cut_list_push(&seen, t, nt, rhs, lhs) != 0)
        failed = 1;
    return rc;
}

static void dump(const struct comp *c, const struct sol *so, long bound_in,
                 long bound, int rc)
{
    const struct tps *t0 = &scen->tps[c->tps[0]];
    char path[4096], code[16];
    snprintf(path, sizeof path, "%s/comp-%s-%s-%03d.txt", outdir,
             scen->kec[t0->kecamatan].code, grade_name(t0->grade), ++seq);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        failed = 1;
        return;
    }
    fprintf(f, "# siaga capacity cuts of one component (bench/cuts_dump.c)\n");
    fprintf(f, "component %s %s\n", scen->kec[t0->kecamatan].code, grade_name(t0->grade));
    fprintf(f, "n %d\ncap %d\nradius_km %.17g\n", c->n, c->cap, c->radius);
    /* posts: the clustering found; bound: the proof's claim, which
     * verify_cuts.py refutes "posts <= bound - 1" against */
    fprintf(f, "posts %d\nbound_in %ld\nbound %ld\nstatus %s\n", so->posts, bound_in,
            bound, rc == SIAGA_OK ? "proven" : rc < 0 ? "regions" : "stopped");
    for (int i = 0; i < c->n; i++) {
        const struct tps *t = &scen->tps[c->tps[i]];
        fprintf(f, "tps %d %s %.17g %.17g\n", i, scenario_tps_code(scen, c->tps[i], code),
                t->lat, t->lon);
    }
    for (int q = 0; q < seen.n; q++) {
        fprintf(f, "cut %.17g", seen.rhs[q]);
        for (int s = seen.off[q]; s < seen.off[q + 1]; s++)
            fprintf(f, " %d", seen.tps[s]);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror(path);
        failed = 1;
        return;
    }
    printf("dump %s n %d cap %d posts %d bound %ld cuts %d\n", path, c->n, c->cap,
           so->posts, bound, seen.n);
}

int __wrap_cluster_price_posts(const struct comp *c, struct sol *so, long *bound,
                               double deadline, long node_limit,
                               struct price_stats *stats)
{
    long bound_in = *bound;
    cut_list_free(&seen);
    memset(&seen, 0, sizeof seen);
    capturing = 1;
    int rc = __real_cluster_price_posts(c, so, bound, deadline, node_limit, stats);
    capturing = 0;
    if (c->n >= min_n)
        dump(c, so, bound_in, *bound, rc);
    return rc;
}

/* A bound the count by regions proves (solver/cluster_regions.h): "no
 * clustering of T posts", dumped as posts = bound = T + 1 with no cuts, so
 * that verify_cuts.py asks CBC for T posts and sat_posts.py CaDiCaL. */
int __wrap_cluster_regions_refute(const struct comp *c, long T, double deadline,
                                  bool *refuted)
{
    int rc = __real_cluster_regions_refute(c, T, deadline, refuted);
    if (rc == SIAGA_OK && *refuted && c->n >= min_n) {
        struct sol claim = {NULL, (int)T + 1};
        cut_list_free(&seen);
        memset(&seen, 0, sizeof seen);
        dump(c, &claim, T, T + 1, -1);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: cuts_dump SCENARIO.xml DIR [MIN_N [TIME_LIMIT]]\n");
        return 2;
    }
    struct error_list el;
    struct scenario *s = NULL;
    error_list_init(&el);
    if (io_read_scenario(argv[1], &s, &el) != SIAGA_OK) {
        for (int i = 0; i < el.n; i++)
            fprintf(stderr, "cuts_dump: %s:%ld: %s\n", argv[1], el.items[i].line,
                    el.items[i].message);
        error_list_free(&el);
        return 2;
    }
    scen = s;
    outdir = argv[2];
    if (argc > 3)
        min_n = atoi(argv[3]);
    struct plan_params pp;
    struct cluster_result r;
    plan_params_init(&pp);
    pp.jobs = 1;
    pp.quiet = true;
    double limit = argc > 4 ? atof(argv[4]) : 0;
    int rc = cluster_build(s, &pp, limit > 0 ? solver_now() + limit : 0, &r, &el);
    if (rc == SIAGA_OK || rc == SIAGA_ELIMIT) {
        printf("total posts %d bound %ld%s\n", r.npost, r.posts_bound,
               rc == SIAGA_ELIMIT ? " (time limit)" : "");
        cluster_free(&r);
    }
    cut_list_free(&seen);
    scenario_destroy(s);
    error_list_free(&el);
    return rc == SIAGA_OK || rc == SIAGA_ELIMIT ? (failed ? 3 : 0) : 3;
}
