/*
 * geo.h - distances on the sphere and patrol routes: the shortest closed
 * walk exactly up to GEO_EXACT_MAX points, above that a walk no 2-opt or
 * Or-opt move can shorten (a local optimum, not a proven shortest).
 */
#ifndef SIAGA_GEO_H
#define SIAGA_GEO_H

#include <stdbool.h>

#define EARTH_RADIUS_KM 6371.0088

/* Tolerance when testing "within radius_km": 1 mm, so a TPS placed at
 * exactly the radius (as written in a file) counts as inside. */
#define RADIUS_EPS_KM 1e-6

/* Most points a route may have (MAX_TPS_PER_POST). */
#define MAX_ROUTE 20

/* Most points whose route is proven shortest (Held-Karp, table on the
 * stack: 2^(n-1) (n-1) doubles, 180 KB at 12).  Measured in geo.c. */
#define GEO_EXACT_MAX 12

/* Great-circle distance in km between two WGS84 points (haversine). */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);

/* The same for loops over many pairs, with each point's geo_cos_lat
 * computed once: the same double as geo_distance_km, bit for bit. */
double geo_cos_lat(double lat);
double geo_distance_km_cos(double lat1, double lon1, double cos1,
                           double lat2, double lon2, double cos2);

/* Kilometres per degree of latitude, rounded down (the sphere's is
 * 111.195): points further apart in latitude than radius_km / this are
 * further apart than radius_km, so pair loops skip them without the
 * trigonometry. */
#define GEO_KM_PER_DEG_LAT_MIN 111.0

/*
 * True only when the two points (cos1, cos2 their geo_cos_lat) are
 * certainly more than km apart, by a few multiplications: their latitudes
 * alone (above), or their longitudes.  For the longitudes: the haversine's
 * a >= cos1 cos2 sin^2(dlon/2), asin x >= x, sqrt(cos1 cos2) >= min(cos1,
 * cos2) and |sin x| >= |x| (1 - x^2/6), so with |dlon| <= 0.2 rad the
 * distance is at least 0.998 R min(cos1, cos2) |dlon|.  False says
 * nothing: compute the distance.
 */
static inline bool geo_far_apart(double lat1, double lon1, double cos1,
                                 double lat2, double lon2, double cos2,
                                 double km)
{
    double dlat = lat2 > lat1 ? lat2 - lat1 : lat1 - lat2;
    if (dlat * GEO_KM_PER_DEG_LAT_MIN > km)
        return true;
    double dlon = (lon2 > lon1 ? lon2 - lon1 : lon1 - lon2) *
                  (3.14159265358979323846 / 180.0);
    double c = cos1 < cos2 ? cos1 : cos2;
    return dlon <= 0.2 && 0.998 * EARTH_RADIUS_KM * c * dlon > km;
}

/* Whether the two points are at most km apart, their distance (when
 * computed) into *d: geo_far_apart first, the haversine only when it
 * cannot tell.  The pair loops over a kecamatan's TPS use it. */
static inline bool geo_pair_within(double lat1, double lon1, double cos1,
                                   double lat2, double lon2, double cos2,
                                   double km, double *d)
{
    if (geo_far_apart(lat1, lon1, cos1, lat2, lon2, cos2, km))
        return false;
    *d = geo_distance_km_cos(lat1, lon1, cos1, lat2, lon2, cos2);
    return *d <= km;
}

static inline bool geo_within(double d_km, double radius_km)
{
    return d_km <= radius_km + RADIUS_EPS_KM;
}

/*
 * Closed walk through n points (n <= MAX_ROUTE) that starts at point 0.
 * dist is an n*n row-major matrix, symmetric.  Writes the visiting order
 * into order (order[0] == 0) and returns its length.  For n <= GEO_EXACT_MAX
 * the walk is a shortest one, ties broken by the lexicographically smallest
 * order for n <= 7 and by the smaller predecessor in Held-Karp above; for
 * larger n it is geo_local_route's.  Deterministic; never allocates, never
 * fails.
 */
double geo_best_route(int n, const double *dist, int *order);

/*
 * The heuristic walk for any n <= MAX_ROUTE: cheapest insertion from point
 * 0, then 2-opt and Or-opt (segments of 1 to 3 points, either way round)
 * moves in index order, the first that shortens the walk by more than
 * 1e-9 km taken, until none does; then n double-bridge kicks on a fixed
 * sequence, each followed by the same descent, the shortest walk kept.
 * Of the walk's two directions the one with the smaller second point is
 * written.  Returns its length; never
 * shorter than geo_best_route's for n <= GEO_EXACT_MAX.
 */
double geo_local_route(int n, const double *dist, int *order);

/* Length of the closed walk visiting order[0..n-1] and back. */
double geo_route_length(int n, const double *dist, const int *order);

#endif
