/*
 * kekurangan.h - the shortage certificate file kekurangan.csv (formats.md
 * 6): written by `siaga plan`, read by `siaga check --certificates`.
 * Header bukti,jenis,id,tempat,jumlah (RFC 4180, UTF-8, CRLF).
 */
#ifndef SIAGA_KEKURANGAN_H
#define SIAGA_KEKURANGAN_H

#include <stdio.h>

#include "model/certificate.h"
#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

/* The certificates c of plan p: for each, its post rows (post id, polri
 * or jaga, the places), TPS rows (code, linmas, the places), then unit
 * rows (id, empty, its members).  Header only when c has none.  0, or -1
 * on a write error. */
int io_write_kekurangan_csv(FILE *f, const struct scenario *s,
                            const struct plan *p, const struct cert_set *c);

/*
 * Read path as written, checking its form only (what each row means is
 * cert_verify's): the header, five fields a row, bukti and jumlah whole
 * numbers from 1, jenis post, tps or unit, tempat polri or jaga for a
 * post, linmas for a TPS, empty for a unit, an id.  On SIAGA_OK *out owns
 * the rows (raw_certs_destroy); on SIAGA_EINPUT every bad row is in errs
 * with its line (SIAGA_EIO, SIAGA_ENOMEM likewise) and *out is NULL.
 */
int io_read_kekurangan(const char *path, struct raw_certs **out,
                       struct error_list *errs);

#endif
