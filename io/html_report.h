/*
 * html_report.h - the printable reports, one self-contained HTML file
 * each (inline CSS and SVG, nothing fetched), in Bahasa Indonesia:
 * laporan.html for `siaga plan` (map, summary, a roster section per
 * Polsek, A4 page breaks between them) and cakupan.html for
 * `siaga check --report` (the audit's coverage, findings and shortfalls).
 */
#ifndef SIAGA_HTML_REPORT_H
#define SIAGA_HTML_REPORT_H

#include <stdio.h>

#include "audit.h"
#include "error.h"
#include "roster.h"
#include "scenario.h"

/* laporan.html of plan p to f.  Its numbers are those of ringkasan.txt
 * (io_plan_summary_rows).  The bytes depend only on s and p.
 * Returns 0, or -1 on a write error or when out of memory. */
int io_write_report_html(FILE *f, const struct scenario *s, const struct plan *p);

/* cakupan.html of the audit rep of roster r against s (rep made by
 * audit_run(s, r)); routes are drawn as the roster lists them.  Returns 0,
 * or -1 on a write error or when out of memory. */
int io_write_coverage_html(FILE *f, const struct scenario *s,
                           const struct raw_roster *r,
                           const struct audit_report *rep);

/* Write dir/cakupan.html (dir created if missing) all-or-nothing.
 * Returns SIAGA_OK, SIAGA_EIO or SIAGA_ENOMEM; errs says why. */
int io_write_check_report(const char *dir, const struct scenario *s,
                          const struct raw_roster *r,
                          const struct audit_report *rep,
                          struct error_list *errs);

#endif
