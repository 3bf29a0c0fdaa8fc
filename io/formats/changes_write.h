/*
 * changes_write.h - perubahan.csv and the ringkasan.txt section of a
 * re-plan against a baseline roster (plan --baseline).
 */
#ifndef SIAGA_CHANGES_WRITE_H
#define SIAGA_CHANGES_WRITE_H

#include <stdio.h>

#include "model/changes.h"

/* perubahan.csv: header jenis,member_id,nama,satuan,dari,ke (RFC 4180,
 * CRLF); jenis is pindah, anggota_baru, anggota_keluar, pos_baru or
 * pos_ditutup.  0, or -1 on a write error. */
int io_write_changes_csv(FILE *f, const struct change_list *cl);

/* The jenis of perubahan.csv for kind k ("pindah", ...); siaga serve's
 * JSON uses the same words.  Never fails. */
const char *io_change_kind_name(enum change_kind k);
/* The section "Perubahan terhadap roster dasar" of ringkasan.txt. */
int io_write_changes_summary(FILE *f, const struct change_list *cl);

#endif
