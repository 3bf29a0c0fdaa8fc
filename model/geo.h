/*
 * geo.h - distances on the sphere and exact patrol routes.
 */
#ifndef SIAGA_GEO_H
#define SIAGA_GEO_H

#include <stdbool.h>

#define EARTH_RADIUS_KM 6371.0088

/* Tolerance when testing "within radius_km": 1 mm, so a TPS placed at
 * exactly the radius (as written in a file) counts as inside. */
#define RADIUS_EPS_KM 1e-6

/* Most points a route may have (MAX_TPS_PER_POST). */
#define MAX_ROUTE 10

/* Great-circle distance in km between two WGS84 points (haversine). */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);

static inline bool geo_within(double d_km, double radius_km)
{
    return d_km <= radius_km + RADIUS_EPS_KM;
}

/*
 * Shortest closed walk through n points (n <= MAX_ROUTE) that starts at point 0.
 * dist is an n*n row-major matrix.  Writes the visiting order into order
 * (order[0] == 0) and returns its length.  Ties are broken by the
 * lexicographically smallest order, so the result is deterministic.
 */
double geo_best_route(int n, const double *dist, int *order);

/* Length of the closed walk visiting order[0..n-1] and back. */
double geo_route_length(int n, const double *dist, const int *order);

#endif
