/*
 * html_report.h - the printable reports, one self-contained HTML file
 * each (inline CSS and SVG, nothing fetched), in Bahasa Indonesia:
 * laporan.html for `siaga plan` (map, summary, a roster section per
 * Polsek, A4 page breaks between them) and cakupan.html for
 * `siaga check --report` (the audit's coverage, findings and shortfalls).
 */
#ifndef SIAGA_HTML_REPORT_H
#define SIAGA_HTML_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/audit.h"
#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

/* laporan.html of plan p to f.  Its numbers are those of ringkasan.txt
 * (io_plan_summary_rows).  The bytes depend only on s and p.
 * Returns 0, or -1 on a write error or when out of memory. */
int io_write_report_html(FILE *f, const struct scenario *s, const struct plan *p);

/* The same with the timeline's shifts: each Polsek section gains
 * "Jadwal per hari", a table per day of the shifts at the kecamatan's
 * places (one row per place and time, its members listed), sorted by
 * start then place.  tl and sr NULL is io_write_report_html, same bytes. */
struct timeline;
struct shift_result;
int io_write_report_html_timeline(FILE *f, const struct scenario *s,
                                  const struct plan *p,
                                  const struct timeline *tl,
                                  const struct shift_result *sr);

/* The same with what the plan's reports explain (cert_report.h): each
 * Polsek section says which shortage certificates prove its empty places
 * (io_cert_html_kec) and why it has its posts (io_why_html_kec).  ex
 * NULL is io_write_report_html_timeline. */
struct plan_explain;
int io_write_report_html_certs(FILE *f, const struct scenario *s,
                               const struct plan *p, const struct timeline *tl,
                               const struct shift_result *sr,
                               const struct plan_explain *ex);

/* The pages of one plan written apart (laporan.html per kabupaten and
 * the index over them) share what is computed from the whole plan once:
 * a report book, made for plan p of scenario s with the look-ups v (which
 * must outlive it), the timeline (tl and sr, or NULL) and what the plan's
 * reports explain (ex, or NULL).  NULL when out of memory.  Destroy
 * accepts NULL. */
struct plan_view;
struct report_book;
struct report_book *io_report_book_create(const struct scenario *s,
                                          const struct plan *p,
                                          const struct plan_view *v,
                                          const struct timeline *tl,
                                          const struct shift_result *sr,
                                          const struct plan_explain *ex);
void io_report_book_destroy(struct report_book *b);

/* laporan.html of kabupaten kab alone: its TPS and routes on the map, its
 * kecamatan in the summary (the total is the kabupaten's), its Polsek
 * sections (with the book's certificates and why each post), the reserves
 * of units scoped to it, and a link up to the index ../../laporan.html;
 * kab -1 is the whole plan, the bytes of io_write_report_html_certs.
 * Returns 0, or -1 on a write error. */
int io_write_report_html_part(FILE *f, const struct report_book *b, int kab);

/* The index laporan.html over DIR/kab/<code>/: the totals by province
 * (the first two digits of the kabupaten code) and kabupaten (TPS, posts,
 * guard places filled and empty per grade, Linmas filled and empty,
 * reserves; model/tally.h), each kabupaten linking to its laporan.html,
 * roster.kml and roster.geojson, the per-Polres table (with
 * jurisdictions), the plan's objective and the sensitivity (with ex).
 * Returns 0, or -1 on a write error or when out of memory. */
int io_write_report_index(FILE *f, const struct report_book *b);

/* cakupan.html of the audit rep of roster r against s (rep made by
 * audit_run(s, r)); routes are drawn as the roster lists them.  Returns 0,
 * or -1 on a write error or when out of memory. */
int io_write_coverage_html(FILE *f, const struct scenario *s,
                           const struct raw_roster *r,
                           const struct audit_report *rep);

/* Write dir/cakupan.html (dir created if missing) all-or-nothing; with
 * per_kab, dir/kab/<code>/cakupan.html for each kabupaten (its map,
 * kecamatan and TPS short of personnel) and, as dir/cakupan.html, an
 * index (the verdict, the coverage per kabupaten linking down, the
 * findings).  Returns SIAGA_OK, SIAGA_EIO or SIAGA_ENOMEM; errs says why. */
int io_write_check_report(const char *dir, const struct scenario *s,
                          const struct raw_roster *r,
                          const struct audit_report *rep, bool per_kab,
                          struct error_list *errs);

#endif
