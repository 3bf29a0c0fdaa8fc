/*
 * test_geo.c - distances and patrol routes, against values worked out by
 * hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "model/geo.h"

#define TEST_RNG_SEED 0x5eed6e0ULL
#include "tests/test_rng.h"

#define PI 3.14159265358979323846

static void test_haversine_known(void **state)
{
    (void)state;
    double R = EARTH_RADIUS_KM;
    /* one degree along the equator and along a meridian: R * pi / 180 */
    assert_true(fabs(geo_distance_km(0, 0, 0, 1) - R * PI / 180) < 1e-9);
    assert_true(fabs(geo_distance_km(0, 0, 1, 0) - 111.19508) < 1e-5);
    /* a quarter of a great circle, and half of one (antipodes) */
    assert_true(fabs(geo_distance_km(0, 0, 0, 90) - 10007.5577) < 1e-3);
    assert_true(fabs(geo_distance_km(0, 0, 0, 180) - 20015.1154) < 1e-3);
    assert_true(fabs(geo_distance_km(90, 0, -90, 0) - 20015.1154) < 1e-3);
    /* one degree of longitude at latitude 60 is half of one at the equator
     * only approximately: exactly 2R asin(cos 60 sin 0.5deg) */
    double want = 2 * R * asin(cos(60 * PI / 180) * sin(0.5 * PI / 180));
    assert_true(fabs(geo_distance_km(60, 10, 60, 11) - want) < 1e-9);
    /* symmetric, zero on a point */
    assert_true(geo_distance_km(-6.2, 106.8, -4.5, 103.2) ==
                geo_distance_km(-4.5, 103.2, -6.2, 106.8));
    assert_true(geo_distance_km(-6.2, 106.8, -6.2, 106.8) == 0.0);
}

/* The pair loops' shortcuts (radius_graph.c, cluster.c): the distance
 * with cached cosines is the same double, and GEO_KM_PER_DEG_LAT_MIN km a
 * degree of latitude never exceeds the distance, at Indonesia's latitudes
 * and at the poles' edge alike; geo_far_apart is never wrong. */
static void test_pair_shortcuts(void **state)
{
    (void)state;
    long nfar = 0, nbeyond = 0;
    for (int k = 0; k < 100000; k++) {
        double lat1 = rndf(-85, 85), lon1 = rndf(-180, 180);
        double sp = k % 2 ? 0.05 : 5.0;      /* near pairs and far ones */
        double lat2 = lat1 + rndf(-sp, sp), lon2 = lon1 + rndf(-sp, sp);
        double d = geo_distance_km(lat1, lon1, lat2, lon2);
        double dc = geo_distance_km_cos(lat1, lon1, geo_cos_lat(lat1),
                                        lat2, lon2, geo_cos_lat(lat2));
        assert_memory_equal(&d, &dc, sizeof d);
        assert_true(fabs(lat2 - lat1) * GEO_KM_PER_DEG_LAT_MIN <= d);
        /* far_apart never says so of a pair within km; it does say so of
         * most pairs well beyond it */
        for (double km = 0.5; km < 1000; km *= 3) {
            bool far = geo_far_apart(lat1, lon1, geo_cos_lat(lat1), lat2, lon2,
                                     geo_cos_lat(lat2), km);
            assert_false(far && d <= km);
            if (d > 1.5 * km && fabs(lat1) < 60 && fabs(lon2 - lon1) < 10)
                nfar += far, nbeyond++;
        }
    }
    assert_true(nfar > nbeyond * 9 / 10);
}

static void test_within_boundary(void **state)
{
    (void)state;
    /* 2.0 km written as coordinates comes back as 2.0 plus rounding */
    double dlat = 2.0 / EARTH_RADIUS_KM * 180 / PI;
    double d = geo_distance_km(-4.5, 103.2, -4.5 + dlat, 103.2);
    assert_true(geo_within(d, 2.0));
    dlat = 2.01 / EARTH_RADIUS_KM * 180 / PI;
    d = geo_distance_km(-4.5, 103.2, -4.5 + dlat, 103.2);
    assert_false(geo_within(d, 2.0));
}

/* Square 0:(0,0) 1:(1,1) 2:(1,0) 3:(0,1), unit sides, planar distances. */
static void square(double *d)
{
    double x[4] = {0, 1, 1, 0}, y[4] = {0, 1, 0, 1};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            d[i * 4 + j] = hypot(x[i] - x[j], y[i] - y[j]);
}

static void test_route_square(void **state)
{
    (void)state;
    double d[16];
    int order[4];
    square(d);
    /* the perimeter (4) beats any walk using a diagonal (2 + 2 sqrt 2);
     * of its two directions, 0-2-1-3 comes first */
    double len = geo_best_route(4, d, order);
    assert_true(fabs(len - 4.0) < 1e-12);
    assert_int_equal(order[0], 0);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 1);
    assert_int_equal(order[3], 3);
    int given[4] = {0, 1, 2, 3};
    assert_true(fabs(geo_route_length(4, d, given) - (2 + 2 * sqrt(2))) < 1e-12);
}

static void test_route_small(void **state)
{
    (void)state;
    double d[4] = {0, 3, 3, 0};
    int order[2];
    /* two TPS: there and back */
    assert_true(fabs(geo_best_route(2, d, order) - 6.0) < 1e-12);
    assert_int_equal(order[0], 0);
    double one = 0;
    int o1[1];
    assert_true(geo_best_route(1, &one, o1) == 0.0);
}

/* Points on a line at 0, 3, 1, 2, 4: the best closed walk goes out along
 * the line and back, length 8; Held-Karp (n > 7) must agree with
 * enumeration on a line of 9 points. */
static void test_route_line_dp(void **state)
{
    (void)state;
    double pos[9] = {0, 8, 3, 1, 7, 2, 6, 4, 5};
    double d[81];
    int order[9];
    for (int i = 0; i < 9; i++)
        for (int j = 0; j < 9; j++)
            d[i * 9 + j] = fabs(pos[i] - pos[j]);
    double len = geo_best_route(9, d, order);
    assert_true(fabs(len - 16.0) < 1e-12);
    assert_int_equal(order[0], 0);
    assert_true(fabs(geo_route_length(9, d, order) - 16.0) < 1e-12);
    int seen[9] = {0};
    for (int i = 0; i < 9; i++)
        seen[order[i]]++;
    for (int i = 0; i < 9; i++)
        assert_int_equal(seen[i], 1);
}

/* Is order a permutation of 0..n-1 starting at the anchor? */
static void assert_walk(int n, const int *order)
{
    int seen[MAX_ROUTE] = {0};
    assert_int_equal(order[0], 0);
    for (int i = 0; i < n; i++) {
        assert_true(order[i] >= 0 && order[i] < n);
        seen[order[i]]++;
    }
    for (int i = 0; i < n; i++)
        assert_int_equal(seen[i], 1);
}

/*
 * n points on the unit circle, point i at angle 2 pi at[i] / n, with at[]
 * a scrambled order (at[0] = 0: the anchor).  Points in convex position
 * have one shortest closed walk, the polygon (a walk that leaves it
 * crosses itself, and uncrossing shortens it), of length n * 2 sin(pi/n).
 * Both the exact route (n <= GEO_EXACT_MAX) and the heuristic above it
 * must return it.  The heuristic writes the direction whose second point
 * has the smaller index; Held-Karp (8 to GEO_EXACT_MAX points) keeps its
 * own tie rule, so either direction is accepted from it.
 */
static void circle_case(int n, const int *at)
{
    double x[MAX_ROUTE], y[MAX_ROUTE], d[MAX_ROUTE * MAX_ROUTE];
    int order[MAX_ROUTE], again[MAX_ROUTE], point_at[MAX_ROUTE];
    for (int i = 0; i < n; i++) {
        x[i] = cos(2 * PI * at[i] / n);
        y[i] = sin(2 * PI * at[i] / n);
        point_at[at[i]] = i;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            d[i * n + j] = hypot(x[i] - x[j], y[i] - y[j]);
    double want = n * 2 * sin(PI / n);
    double len = geo_best_route(n, d, order);
    assert_true(fabs(len - want) < 1e-9);
    assert_walk(n, order);
    int up = point_at[1] < point_at[n - 1]; /* walk by increasing angle? */
    if (n > 7 && n <= GEO_EXACT_MAX)
        up = order[1] == point_at[1];
    for (int k = 0; k < n; k++)
        assert_int_equal(order[k], point_at[up ? k : (n - k) % n]);
    /* the same input gives the same order */
    assert_true(geo_best_route(n, d, again) == len);
    assert_memory_equal(order, again, sizeof(int) * (size_t)n);
    /* and the heuristic on its own finds the polygon too, twice the same */
    int h1[MAX_ROUTE], h2[MAX_ROUTE];
    assert_true(fabs(geo_local_route(n, d, h1) - want) < 1e-9);
    assert_true(geo_local_route(n, d, h2) == geo_route_length(n, d, h1));
    assert_memory_equal(h1, h2, sizeof(int) * (size_t)n);
    up = point_at[1] < point_at[n - 1];
    for (int k = 0; k < n; k++)
        assert_int_equal(h1[k], point_at[up ? k : (n - k) % n]);
}

static void test_route_circle(void **state)
{
    (void)state;
    /* 20 points, scrambled: at[i] is the position of point i on the circle */
    static const int at20[20] = {0, 7, 13, 2, 18, 9, 4, 15, 11, 1,
                                 16, 6, 19, 3, 12, 8, 17, 5, 10, 14};
    circle_case(20, at20);
    /* the same, reversed and of every size from 4 to 20: at[] is the
     * scramble i -> (7 i) mod n when 7 is prime to n, else i -> n - i */
    for (int n = 4; n <= MAX_ROUTE; n++) {
        int at[MAX_ROUTE];
        for (int i = 0; i < n; i++)
            at[i] = n % 7 ? (7 * i) % n : (n - i) % n;
        circle_case(n, at);
    }
}

/* The shortest closed walk from 0 by trying every order of the others. */
static double brute_force(int n, const double *d)
{
    int p[MAX_ROUTE];
    for (int i = 0; i < n; i++)
        p[i] = i;
    double best = geo_route_length(n, d, p);
    for (;;) {
        int i = n - 2;
        while (i >= 1 && p[i] >= p[i + 1])
            i--;
        if (i < 1)
            return best;
        int j = n - 1;
        while (p[j] <= p[i])
            j--;
        int t = p[i]; p[i] = p[j]; p[j] = t;
        for (int l = i + 1, r = n - 1; l < r; l++, r--) {
            t = p[l]; p[l] = p[r]; p[r] = t;
        }
        double len = geo_route_length(n, d, p);
        if (len < best)
            best = len;
    }
}

static void random_points(int n, double *d)
{
    double x[MAX_ROUTE], y[MAX_ROUTE];
    for (int i = 0; i < n; i++) {
        x[i] = rndf(0, 2);
        y[i] = rndf(0, 2);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            d[i * n + j] = hypot(x[i] - x[j], y[i] - y[j]);
}

/*
 * Random points in a 2 km square: the exact route equals brute force up to
 * 8 points (permutations to 7, Held-Karp at 8), and from 4 points to
 * GEO_EXACT_MAX the heuristic is never shorter than the exact route (it
 * would prove the exact route wrong) and its length is the length of the
 * order it writes.  Above GEO_EXACT_MAX it must still be a walk.
 */
static void test_route_exact_vs_heuristic(void **state)
{
    (void)state;
    double d[MAX_ROUTE * MAX_ROUTE];
    int ex[MAX_ROUTE], he[MAX_ROUTE];
    int equal = 0, cases = 0;
    for (int n = 3; n <= 8; n++)
        for (int r = 0; r < 30; r++) {
            random_points(n, d);
            double e = geo_best_route(n, d, ex);
            assert_walk(n, ex);
            assert_true(fabs(e - brute_force(n, d)) < 1e-9);
        }
    for (int n = 4; n <= GEO_EXACT_MAX; n++)
        for (int r = 0; r < (n == GEO_EXACT_MAX ? 60 : 20); r++) {
            random_points(n, d);
            double e = geo_best_route(n, d, ex);
            double h = geo_local_route(n, d, he);
            assert_walk(n, ex);
            assert_walk(n, he);
            assert_true(fabs(e - geo_route_length(n, d, ex)) < 1e-12);
            assert_true(fabs(h - geo_route_length(n, d, he)) < 1e-12);
            assert_true(h >= e - 1e-9);
            equal += h <= e + 1e-9;
            cases++;
        }
    /* the heuristic finds the shortest walk in nearly every case (measured
     * 218 of these 220); far fewer would mean the local search is broken */
    assert_true(equal * 10 >= cases * 9);
    for (int n = GEO_EXACT_MAX + 1; n <= MAX_ROUTE; n++) {
        random_points(n, d);
        double h = geo_best_route(n, d, he);
        assert_walk(n, he);
        assert_true(fabs(h - geo_route_length(n, d, he)) < 1e-12);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_haversine_known),
        cmocka_unit_test(test_within_boundary),
        cmocka_unit_test(test_pair_shortcuts),
        cmocka_unit_test(test_route_square),
        cmocka_unit_test(test_route_small),
        cmocka_unit_test(test_route_line_dp),
        cmocka_unit_test(test_route_circle),
        cmocka_unit_test(test_route_exact_vs_heuristic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
