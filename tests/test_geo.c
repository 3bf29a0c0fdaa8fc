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

#include "geo.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_haversine_known),
        cmocka_unit_test(test_within_boundary),
        cmocka_unit_test(test_route_square),
        cmocka_unit_test(test_route_small),
        cmocka_unit_test(test_route_line_dp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
