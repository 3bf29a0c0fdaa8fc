/*
 * outlier.h - how far each point of a group lies from the median position
 * of the others: the misplaced-TPS test of the scenario check
 * (model/scenario_check.c) and the far-from-its-kelurahan tests of the
 * importer (io/import/import.c) are this one computation.
 */
#ifndef SIAGA_OUTLIER_H
#define SIAGA_OUTLIER_H

/*
 * For the m >= 2 points (lat[j], lon[j]) in degrees: mlat[j], mlon[j] the
 * component-wise median (median latitude, median longitude) of the other
 * m - 1 points, and d[j] the distance in km from point j to it
 * (geo_distance_km).  Longitudes are on a circle: the median is taken with
 * the circle cut at the widest gap between the points, so a group across
 * the antimeridian (179.9 and -179.9) has its median there; mlon is in
 * -180..180.  When the widest gap already spans +-180 (any group inside
 * Indonesia) this is the plain median.
 *
 * When spread is not NULL, *spread gets the median of d[] (the group's
 * spread).  Returns 0, or -1 when out of memory (outputs then undefined).
 */
int outlier_distances(int m, const double *lat, const double *lon,
                      double *mlat, double *mlon, double *d, double *spread);

#endif
