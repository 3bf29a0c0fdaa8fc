/*
 * plan_write.h - the outputs of `siaga plan`: roster.xml (formats.md 2),
 * roster.csv (formats.md 3) and ringkasan.txt (the summary in Bahasa
 * Indonesia), written all-or-nothing into one folder.
 */
#ifndef SIAGA_PLAN_WRITE_H
#define SIAGA_PLAN_WRITE_H

#include <stdio.h>

#include "error.h"
#include "roster.h"
#include "scenario.h"

/* Write the three files into dir (created if missing).  On failure no
 * new file is left in dir.  Returns SIAGA_OK, SIAGA_EIO or SIAGA_ENOMEM. */
int io_write_plan(const char *dir, const struct scenario *s,
                  const struct plan *p, struct error_list *errs);

/* The single files, to an open stream; 0 or -1 on a write error. */
int io_write_roster_xml(FILE *f, const struct scenario *s, const struct plan *p);
int io_write_roster_csv(FILE *f, const struct scenario *s, const struct plan *p);
int io_write_summary(FILE *f, const struct scenario *s, const struct plan *p);

/* Post id of post index i in a plan of npost posts: "P0001"; buf >= 24. */
char *io_post_id(int i, int npost, char *buf);

#endif
