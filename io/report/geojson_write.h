/*
 * geojson_write.h - roster.geojson, the plan for QGIS and web maps
 * (RFC 7946): a Point feature per TPS with its post, guards and Linmas,
 * and a LineString feature per cluster post, its closed patrol route.
 */
#ifndef SIAGA_GEOJSON_WRITE_H
#define SIAGA_GEOJSON_WRITE_H

#include <stdio.h>

#include "model/roster.h"
#include "model/scenario.h"

/* Write plan p of scenario s as a GeoJSON FeatureCollection to f.  The
 * bytes depend only on s and p.  Returns 0, or -1 on a write error or when
 * out of memory. */
int io_write_roster_geojson(FILE *f, const struct scenario *s,
                            const struct plan *p);

/* The same for kabupaten kab alone (its TPS, then the routes of its
 * posts; kab -1: the whole plan, the bytes above), with the look-ups v of
 * s and p made once by the caller. */
struct plan_view;
int io_write_roster_geojson_part(FILE *f, const struct scenario *s,
                                 const struct plan *p, const struct plan_view *v,
                                 int kab);

#endif
