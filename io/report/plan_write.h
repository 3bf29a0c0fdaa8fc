/*
 * plan_write.h - the plan's own files: roster.xml (formats.md 2; version
 * 2 with the timeline's shifts), roster.csv (formats.md 3) and
 * ringkasan.txt (the summary in Bahasa Indonesia).  io/plan_outputs.h
 * writes them with the maps and reports into one folder.
 */
#ifndef SIAGA_PLAN_WRITE_H
#define SIAGA_PLAN_WRITE_H

#include <stdio.h>

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

/* The single files, to an open stream; 0 or -1 on a write error. */
int io_write_roster_xml(FILE *f, const struct scenario *s, const struct plan *p);
int io_write_roster_csv(FILE *f, const struct scenario *s, const struct plan *p);
int io_write_summary(FILE *f, const struct scenario *s, const struct plan *p);

/* roster.csv of kabupaten kab alone (the maps written per kabupaten):
 * the guards of its posts (plan order), the Linmas of its TPS (scenario
 * order, then plan order) and the reserves of units scoped to it; kab -1:
 * the reserves of units scoped to no kabupaten (roster-lintas.csv).  The
 * columns of roster.csv; each row is the row roster.csv has for that
 * member.  0, or -1 on a write error or when out of memory. */
struct plan_view;
int io_write_roster_csv_part(FILE *f, const struct scenario *s,
                             const struct plan *p, const struct plan_view *v,
                             int kab);
/* The same with the plan's timeline (sr NULL: none), so that the status
 * line tells the timeline's shortage too. */
struct shift_result;
int io_write_summary_tl(FILE *f, const struct scenario *s, const struct plan *p,
                        const struct shift_result *sr);

/* roster.xml version 2 (urn:siaga:roster:2, schema/roster-2.xsd): the
 * posts and members of version 1, then one <phase> per phase of tl with
 * its shifts of r.  0, or -1 on a write error or when out of memory. */
struct timeline;
struct shift_result;
int io_write_roster_xml_v2(FILE *f, const struct scenario *s,
                           const struct plan *p, const struct timeline *tl,
                           const struct shift_result *r);

/*
 * roster.xml element by element, from text: what io_write_roster_xml uses,
 * shared so that `siaga merge` (io/split/roster_merge.h) writes the same bytes.
 * Call open with the roster's version (1 or 2: the namespace), then post
 * (its tps and guard members follow), then the "linmas" and "reserve"
 * members, then close.  An attribute given as NULL
 * is left out.  Each call returns 0, or -1 once any write has failed
 * (the error sticks); close frees the writer (NULL is accepted and gives
 * -1) and returns -1 when anything failed, the FILE included.  The FILE
 * stays open.
 */
struct roster_writer;
struct roster_writer *io_roster_writer_open(FILE *f, int version,
                                            const char *scenario,
                                            const char *status, const char *gap);
int io_roster_writer_post(struct roster_writer *rw, const char *id,
                          const char *grade, const char *kecamatan,
                          const char *required, const char *route_km);
int io_roster_writer_tps(struct roster_writer *rw, const char *id);
/* element is "guard" (inside the current post), "linmas" (tps given,
 * force NULL) or "reserve". */
int io_roster_writer_member(struct roster_writer *rw, const char *element,
                            const char *tps, const char *member,
                            const char *unit, const char *force);
int io_roster_writer_close(struct roster_writer *rw);

#endif
