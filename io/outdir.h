/*
 * outdir.h - all-or-nothing output: a set of files (roster.xml, roster.csv,
 * ringkasan.txt, ...) is written into a fresh staging folder and only then
 * put in place, so that a crash, a kill, a full disk or a bad input leaves
 * either the previous complete set or the new complete set, never a half
 * file and, whenever the folder allows it, never a mix of the two.
 *
 * How the set is put in place (DIR is the output folder):
 * - The staging folder is PARENT/.NAME.siaga-PID-XXXXXX, next to DIR.
 * - DIR does not exist: the staging folder is renamed to DIR.
 * - DIR holds nothing but files of the new set: the two folders are
 *   exchanged in one step (renameat2 RENAME_EXCHANGE, Linux 3.15), and the
 *   previous set, now in the staging folder, is removed.
 * - Otherwise (DIR holds other files, DIR is a symbolic link, ".", a mount
 *   point, PARENT is not writable, or the file system cannot exchange):
 *   the staging folder is DIR/.siaga-PID-XXXXXX and each file is renamed
 *   into place on its own.  Each file is still whole, but a kill between
 *   two renames leaves a mix; README.md says so.
 * The paths users see, DIR/roster.xml and the others, are plain files.
 * Staging folders left by a killed run (their process is gone) are
 * removed by the next run on the same DIR.
 */
#ifndef SIAGA_OUTDIR_H
#define SIAGA_OUTDIR_H

#include <stdio.h>

#include "error.h"

#define OUTDIR_MAX_FILES 16

struct outdir {
    char *dir;       /* DIR without trailing slashes */
    char *parent;    /* folder holding DIR */
    char *base;      /* last component of DIR */
    char *stage;     /* staging folder, NULL when none */
    int inside;      /* stage is inside DIR (one rename per file) */
    int committed;
    int n;
    char *name[OUTDIR_MAX_FILES];
    FILE *fp[OUTDIR_MAX_FILES];
};

/* Make DIR's parents if missing and a staging folder.  Returns SIAGA_OK,
 * or SIAGA_EIO / SIAGA_ENOMEM with a message in errs; call outdir_close
 * in every case. */
int outdir_open(struct outdir *od, const char *dir, struct error_list *errs);

/* A new file of the set, to become DIR/name (a plain name, no slash);
 * NULL on failure, with a message in errs.  The stream belongs to od. */
FILE *outdir_file(struct outdir *od, const char *name, struct error_list *errs);

/* Flush, sync and close every file (a write error of any is caught here),
 * then put the set in place as described above.  Returns SIAGA_OK, or
 * SIAGA_EIO with a message in errs; on failure before the set is in place
 * DIR is untouched. */
int outdir_commit(struct outdir *od, struct error_list *errs);

/* Close what is open, remove the staging folder and free; safe after a
 * failed outdir_open and after commit. */
void outdir_close(struct outdir *od);

/* Helpers for other writers that stage folders (split):
 * "a/b", malloc'ed, NULL when out of memory; */
char *outdir_join(const char *a, const char *b);
/* make path and its parents (path is changed and restored); 0, or -1 with
 * errno set, also when path is not a folder; */
int outdir_mkdirs(char *path);
/* remove a staging folder: its files, then itself (and a killed run's
 * staging folder inside it); allocates nothing, so it works when memory
 * ran out. */
void outdir_remove_tree(const char *path);

/*
 * Temporaries a fatal exit must remove (io/xml_alloc.c): staging folders
 * (holding only files) and temporary files.  outdir_open tracks its
 * staging folder itself; other writers track theirs.  The path is not
 * copied: it must stay valid until untracked.  Main thread only.
 * outdir_track returns 0, or -1 when OUTDIR_MAX_TRACKED are tracked.
 */
#define OUTDIR_MAX_TRACKED 8
int outdir_track(const char *path);
void outdir_untrack(const char *path);
/* Remove every tracked temporary without allocating (safe when the heap
 * is exhausted). */
void outdir_remove_tracked(void);

/*
 * One output file written whole or not at all, for the writers of a
 * single file (import's scenario and rejects, merge's roster, the exported
 * model): a temporary .BASE.XXXXXX beside path (mode 0666 less the umask),
 * tracked for fatal exits, then synced and renamed over path.
 *   outfile_open     the temporary and its stream a->fp
 *   outfile_release  close the stream, for a writer that takes a file
 *                    name (GLPK): it writes a->tmp
 *   outfile_finish   flush, sync, close (or sync by name when released)
 *   outfile_rename   put it in place
 *   outfile_close    remove the temporary if still there, free; always
 * Each returns 0, or -1 with a message naming path in errs.
 */
struct outfile {
    char *path, *tmp;
    FILE *fp;
};
int outfile_open(struct outfile *a, const char *path, struct error_list *errs);
int outfile_release(struct outfile *a, struct error_list *errs);
int outfile_finish(struct outfile *a, struct error_list *errs);
int outfile_rename(struct outfile *a, struct error_list *errs);
void outfile_close(struct outfile *a);

#endif
