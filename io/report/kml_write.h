/*
 * kml_write.h - roster.kml, the plan for Google Earth (OGC KML 2.2): a
 * folder per kecamatan with its TPS (styled by grade, guards and Linmas in
 * the balloon) and the patrol route of each cluster post.
 */
#ifndef SIAGA_KML_WRITE_H
#define SIAGA_KML_WRITE_H

#include <stdio.h>

#include "model/roster.h"
#include "model/scenario.h"

/* Write plan p of scenario s as KML to f.  The bytes depend only on s and
 * p.  Returns 0, or -1 on a write error or when out of memory. */
int io_write_roster_kml(FILE *f, const struct scenario *s, const struct plan *p);

/* The same for kabupaten kab alone (its kecamatan folders, its TPS and
 * routes; kab -1: the whole plan, the bytes above), with the look-ups v
 * of s and p made once by the caller. */
struct plan_view;
int io_write_roster_kml_part(FILE *f, const struct scenario *s,
                             const struct plan *p, const struct plan_view *v,
                             int kab);

#endif
