/*
 * shifts_write.h - the timeline outputs of `siaga plan` besides roster.xml
 * version 2 (plan_write.h): shifts.csv (one row per shift) and the
 * "Jadwal tahapan" section of ringkasan.txt; and the shift part of
 * `siaga check`.
 */
#ifndef SIAGA_SHIFTS_WRITE_H
#define SIAGA_SHIFTS_WRITE_H

#include <stdio.h>

#include "model/roster.h"
#include "model/scenario.h"
#include "model/shifts.h"
#include "model/timeline.h"

/* Header member_id,phase,place,start,end; times 2024-02-14T06:00; CRLF
 * line ends (RFC 4180).  0, or -1 on a write error. */
int io_write_shifts_csv(FILE *f, const struct scenario *s,
                        const struct timeline *tl, const struct shift_result *r);

/* The section of ringkasan.txt: hours required and filled per phase, the
 * empty hours per priority tier, solve time and fairness. */
int io_write_shifts_summary(FILE *f, const struct scenario *s,
                            const struct timeline *tl,
                            const struct shift_result *r);

/* The shift part of `siaga check`: broken shift rules with their lines,
 * then coverage per phase for the whole, each kabupaten and each
 * kecamatan (hours required, filled, percent).  0 or -1. */
int io_write_shift_audit(FILE *f, const struct scenario *s,
                         const struct timeline *tl, const struct tl_audit *a);

#endif
