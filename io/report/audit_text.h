/*
 * audit_text.h - the audit report for people, in Bahasa Indonesia: rule
 * violations with file and line, TPS short of personnel, a coverage table
 * by desa, kecamatan, kabupaten and in total, and the verdict.
 */
#ifndef SIAGA_AUDIT_TEXT_H
#define SIAGA_AUDIT_TEXT_H

#include <stdio.h>

#include "model/audit.h"
#include "model/scenario.h"

/*
 * Write rep (made by audit_run against s) to f.  The output depends only
 * on s and rep.  The last line is "HASIL: LULUS" or
 * "HASIL: TIDAK LULUS (N pelanggaran, M TPS kurang)".
 * Returns 0, or -1 when writing failed (or memory for the table ran out).
 */
int io_write_audit(FILE *f, const struct scenario *s,
                   const struct audit_report *rep);

#endif
