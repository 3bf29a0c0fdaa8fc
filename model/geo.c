/*
 * geo.c - great-circle distances and exact shortest patrol walks.
 *
 * A post holds at most MAX_TPS_PER_POST (10) TPS, so the shortest closed
 * walk from the anchor is found exactly: every order of the other TPS is
 * tried for up to 6 of them (120 orders), and Held-Karp dynamic
 * programming takes over above that.
 */
#include "geo.h"

#include <math.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

double geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    double r = M_PI / 180.0;
    double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1.0)
        a = 1.0;
    return 2.0 * EARTH_RADIUS_KM * asin(sqrt(a));
}

double geo_route_length(int n, const double *dist, const int *order)
{
    double len = 0;
    for (int i = 0; i < n; i++)
        len += dist[order[i] * n + order[(i + 1) % n]];
    return n > 1 ? len : 0.0;
}

/* Next lexicographic permutation of a[0..n-1]; 0 when a was the last. */
static int next_perm(int *a, int n)
{
    int i = n - 2;
    while (i >= 0 && a[i] >= a[i + 1])
        i--;
    if (i < 0)
        return 0;
    int j = n - 1;
    while (a[j] <= a[i])
        j--;
    int t = a[i]; a[i] = a[j]; a[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) {
        t = a[l]; a[l] = a[r]; a[r] = t;
    }
    return 1;
}

/* Lengths closer than this are ties, settled by the order itself, so
 * that rounding in the last bit cannot change the output. */
#define TIE_KM 1e-9

static double route_perm(int n, const double *dist, int *order)
{
    int cur[MAX_ROUTE];
    for (int i = 0; i < n; i++)
        cur[i] = i;
    double best = geo_route_length(n, dist, cur);
    memcpy(order, cur, sizeof(int) * (size_t)n);
    /* permutations in lexicographic order: the first best one wins */
    while (next_perm(cur + 1, n - 1)) {
        double len = geo_route_length(n, dist, cur);
        if (len < best - TIE_KM) {
            best = len;
            memcpy(order, cur, sizeof(int) * (size_t)n);
        }
    }
    return best;
}

/* Held-Karp over the n-1 points after the anchor; ties prefer the smaller
 * predecessor index, which is deterministic (not lexicographic). */
static double route_dp(int n, const double *dist, int *order)
{
    enum { M = MAX_ROUTE - 1 };
    static const double INF = 1e300;
    int m = n - 1;
    double dp[1 << M][M];
    signed char prev[1 << M][M];
    for (int s = 0; s < (1 << m); s++)
        for (int j = 0; j < m; j++)
            dp[s][j] = INF, prev[s][j] = -1;
    for (int j = 0; j < m; j++)
        dp[1 << j][j] = dist[0 * n + (j + 1)];
    for (int s = 1; s < (1 << m); s++)
        for (int j = 0; j < m; j++) {
            if (!(s & (1 << j)) || dp[s][j] >= INF)
                continue;
            for (int k = 0; k < m; k++) {
                if (s & (1 << k))
                    continue;
                int t = s | (1 << k);
                double v = dp[s][j] + dist[(j + 1) * n + (k + 1)];
                if (v < dp[t][k] - TIE_KM) {
                    dp[t][k] = v;
                    prev[t][k] = (signed char)j;
                }
            }
        }
    int full = (1 << m) - 1, last = -1;
    double best = INF;
    for (int j = 0; j < m; j++) {
        double v = dp[full][j] + dist[(j + 1) * n + 0];
        if (v < best - TIE_KM) {
            best = v;
            last = j;
        }
    }
    order[0] = 0;
    for (int pos = n - 1, s = full; pos >= 1; pos--) {
        order[pos] = last + 1;
        int p = prev[s][last];
        s &= ~(1 << last);
        last = p;
    }
    return geo_route_length(n, dist, order);
}

double geo_best_route(int n, const double *dist, int *order)
{
    if (n <= 0)
        return 0.0;
    if (n <= 2) {
        for (int i = 0; i < n; i++)
            order[i] = i;
        return geo_route_length(n, dist, order);
    }
    if (n <= 7)
        return route_perm(n, dist, order);
    return route_dp(n, dist, order);
}
