/*
 * greedy_plan.c - the reference a planner with a spreadsheet would reach:
 * per kecamatan and grade, walk the TPS in list order; the first TPS not
 * yet in a post anchors a new one, which takes the nearest free TPS
 * within the radius until it is full.  Prints the posts and the guard and
 * Linmas places this needs, for bench/run.sh to compare with siaga.
 *
 *   greedy_plan SCENARIO.xml  ->  "posts N guard_places G linmas_places L"
 */
#include <stdio.h>
#include <stdlib.h>

#include "geo.h"
#include "scenario.h"
#include "scenario_read.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: greedy_plan SCENARIO.xml\n");
        return 2;
    }
    struct error_list el;
    struct scenario *s = NULL;
    error_list_init(&el);
    if (io_read_scenario(argv[1], &s, &el) != SIAGA_OK) {
        fprintf(stderr, "greedy_plan: cannot read %s\n", argv[1]);
        error_list_free(&el);
        return 2;
    }
    char *used = calloc((size_t)s->ntps + 1, 1);
    long posts = 0, places = 0;
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
    printf("posts %ld guard_places %ld linmas_places %ld\n", posts, places,
           (long)s->rules.linmas_per_tps * s->ntps);
    free(used);
    scenario_destroy(s);
    error_list_free(&el);
    return 0;
}
