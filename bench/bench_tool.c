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
 *   bench_tool model SCENARIO.xml MODEL.lp
 *       Plans the scenario, writes the monolithic model (solver/export.c)
 *       and prints "objective V seconds T": V is the plan's value in the
 *       model's terms, for comparing with another solver's optimum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "geo.h"
#include "planner.h"
#include "scenario.h"
#include "scenario_read.h"

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

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "model") == 0 && argc != 4)) {
        fprintf(stderr, "usage: bench_tool greedy SCENARIO | model SCENARIO LP\n");
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
    int code = strcmp(argv[1], "greedy") == 0 ? greedy(s) : model(s, argv[3]);
    scenario_destroy(s);
    error_list_free(&el);
    return code;
}
