/*
 * outdir.h - all-or-nothing output: files are written under temporary
 * names in the output folder and renamed into place only when every one
 * of them is complete, so a crash, a full disk or a bad input never
 * leaves a half roster or a mix of old and new files that matters.
 */
#ifndef SIAGA_OUTDIR_H
#define SIAGA_OUTDIR_H

#include <stdio.h>

#include "error.h"

#define OUTDIR_MAX_FILES 16

struct outdir {
    char *dir;
    int n;
    char *tmp[OUTDIR_MAX_FILES], *final[OUTDIR_MAX_FILES];
    FILE *fp[OUTDIR_MAX_FILES];
};

/* Create dir (and parents) if missing.  Returns SIAGA_OK or SIAGA_EIO. */
int outdir_open(struct outdir *od, const char *dir, struct error_list *errs);

/* A new temporary file that will become dir/name; NULL on failure. */
FILE *outdir_file(struct outdir *od, const char *name, struct error_list *errs);

/* Close every file (checking for write errors), then rename them all
 * into place.  On failure removes the temporaries; returns SIAGA_EIO. */
int outdir_commit(struct outdir *od, struct error_list *errs);

/* Remove temporaries and free; safe after commit. */
void outdir_close(struct outdir *od);

#endif
