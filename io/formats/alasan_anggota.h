/*
 * alasan_anggota.h - alasan-anggota.csv (plan --why-members): for every
 * placed member, the next-best place for him and what moving him there
 * adds to the plan's total distance (model/member_why.h).  Writer only.
 */
#ifndef SIAGA_ALASAN_ANGGOTA_H
#define SIAGA_ALASAN_ANGGOTA_H

#include <stdio.h>

#include "model/member_why.h"
#include "model/roster.h"
#include "model/scenario.h"

/* Bahasa Indonesia for an entry's status, as the CSV, the report and the
 * page say it ("pindah tanpa tambahan jarak" when the move adds under
 * half a metre).  w NULL: not computed. */
const char *why_label(const struct member_why *w);

/* The entry for member m placed as a guard at post (linmas 0) or as
 * Linmas at TPS site (linmas 1) of plan p; NULL when not computed. */
const struct member_why *why_of_member(const struct scenario *s,
                                       const struct plan *p, int linmas,
                                       int site, int m);

/* The file: header id_anggota,satuan,tugas,tempat,tempat_alternatif,
 * tambahan_km,keterangan, then a row per guard (posts in order, guards
 * as in the roster), then per Linmas (TPS order).  0, or -1 on a write
 * error. */
int io_write_alasan_anggota_csv(FILE *f, const struct scenario *s,
                                const struct plan *p);

#endif
