/*
 * outdir.h - all-or-nothing output: a set of files (roster.xml, roster.csv,
 * ringkasan.txt, ...) is written into a fresh staging folder and only then
 * put in place, so that a crash, a kill, a full disk or a bad input leaves
 * either the previous complete set or the new complete set, never a half
 * file and, whenever the folder allows it, never a mix of the two.
 *
 * How the set is put in place (DIR is the output folder):
 * - One run at a time per DIR: a run holds an advisory lock (flock) on
 *   PARENT/.NAME.siaga-lock from outdir_open to outdir_close, and removes
 *   that file before it lets go.  A second run waits for it up to
 *   OUTDIR_LOCK_WAIT seconds, then fails with a message; so two runs never
 *   leave a mix of their sets.
 * - The staging folder is a private container PARENT/.NAME.siaga-PID-TOKEN
 *   (mode 0700) next to DIR, holding a marker file .siaga-stage (TOKEN
 *   again) and the folder set/ that receives the files.  TOKEN is 16 hex
 *   digits from getrandom, so the name cannot be predicted, and the
 *   container is made with mkdirat and a new TOKEN on a collision.
 * - DIR does not exist: set/ is renamed to DIR.
 * - DIR holds nothing but plain files of the new set (and folders of
 *   the set holding nothing else): set/ and DIR are
 *   exchanged in one step (renameat2 RENAME_EXCHANGE, Linux 3.15), and the
 *   previous set, now set/ in the container, is removed with it.
 * - Otherwise (DIR holds other files, DIR is a symbolic link, ".", a mount
 *   point, PARENT is not writable, or the file system cannot exchange):
 *   the container is DIR/.siaga-PID-TOKEN and each file is renamed into
 *   place on its own.  Each file is still whole, but a kill between two
 *   renames leaves a mix; README.md says so.
 * - A DIR siaga may not write (no write permission for this user, no write
 *   bit at all, a read-only file system) is an error: it is not replaced.
 * The paths users see, DIR/roster.xml and the others, are plain files.
 *
 * What is removed, and why it cannot be turned against the user: a run
 * removes its own container through the descriptors it opened (never by
 * a path someone could have swapped), and a container left by a killed
 * run only when it can prove it: the name has the pattern above with a
 * process that is gone (or whose number a later process took: the
 * marker records the start time of the run that made it, /proc/PID/stat
 * that of the process now holding the number), it is a folder and not a
 * link (fstatat with AT_SYMLINK_NOFOLLOW, then opened O_NOFOLLOW |
 * O_DIRECTORY and compared with fstat), it belongs to this user, and
 * its marker is a plain file of this user holding the TOKEN of the name
 * (then a space and that start time; a marker of an older siaga holds
 * the TOKEN alone, and its container is removed only when no process
 * has its number), or, for a run killed between making the folder and
 * writing the marker, a folder empty but for an empty marker.  Inside a
 * container, entries are removed with
 * unlinkat, which removes a symbolic link and never what it points at,
 * and no link is followed at any depth: a folder is entered only when
 * it is set/ of a container, a folder inside set/ (a set's own folders,
 * or those of the previous set, which held nothing but the new set's
 * names), or a nested container proven the same way, opened with
 * O_NOFOLLOW.  Anything else is left where it is.
 */
#ifndef SIAGA_OUTDIR_H
#define SIAGA_OUTDIR_H

#include <limits.h>
#include <stdio.h>
#include <sys/types.h>

#include "model/error.h"

/* A name of the set may hold folders ("kab/1704/laporan.html"), at most
 * OUTDIR_MAX_PARTS names deep, none of them empty or starting with '.'. */
#define OUTDIR_MAX_PARTS 3

/* Seconds a run waits for another run on the same DIR to finish
 * (range 0..3600; a run's lock covers only the writing of its files, not
 * the planning, so a few seconds is the usual wait). */
#define OUTDIR_LOCK_WAIT 120

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/*
 * A temporary that a fatal exit must remove: a staging container, a
 * temporary file or a lock file, named in the folder `at` (a descriptor
 * the owner keeps open).  `fd` is the thing itself; dev/ino tell whether
 * the name still names it before it is removed.  Fill it with the
 * functions below, never by hand.
 */
struct outdir_temp {
    int kind;            /* 0 none, else OUTDIR_TEMP_* (outdir.c) */
    int at;              /* folder holding it (borrowed) */
    int fd;              /* the container, file or lock; -1 when none */
    int set;             /* container: its set/ folder, -1 when none */
    dev_t dev;
    ino_t ino;
    char name[NAME_MAX + 1];
};

/* An empty outdir_temp (nothing to remove). */
void outdir_temp_init(struct outdir_temp *t);

struct outdir {
    char *dir;       /* DIR without trailing slashes */
    char *parent;    /* folder holding DIR */
    char *base;      /* last component of DIR */
    int parent_fd;   /* PARENT, -1 when not open */
    int dir_fd;      /* DIR when it exists, -1 when not */
    struct outdir_temp lock;   /* .NAME.siaga-lock */
    struct outdir_temp stage;  /* the container; stage.set gets the files */
    int inside;      /* stage is inside DIR (one rename per file) */
    int committed;
    int failed;      /* a file closed early could not be written */
    int n, cap;
    char **name;     /* [n] the set's names, in the order made */
    FILE **fp;       /* [n] their streams, NULL once closed */
    char *unsynced;  /* [n] closed early, written back at the commit */
    int nown;
    char **own;      /* [nown] names the set owns (outdir_own) */
    char *own_gone;  /* [nown] after the commit: DIR/own[i] was there and
                        the set held nothing of that name, so it went */
};

/* Make DIR's parents if missing, take the lock and make a staging
 * folder, removing proven leftovers of killed runs.  Returns SIAGA_OK,
 * or SIAGA_EIO / SIAGA_ENOMEM with a message in errs; call outdir_close
 * in every case.  od must not move in memory until outdir_close (it is
 * tracked for fatal exits). */
int outdir_open(struct outdir *od, const char *dir, struct error_list *errs);

/* A new file of the set, to become DIR/name: a plain name, or a path of
 * folders and a name ("kab/1704/roster.kml", OUTDIR_MAX_PARTS); the
 * folders are made in the staging folder.  NULL on failure, with a message
 * in errs.  The stream belongs to od. */
FILE *outdir_file(struct outdir *od, const char *name, struct error_list *errs);

/* Declare DIR/name (a plain name, as outdir_file's first part) the set's
 * own, as described above: after the commit it is exactly what the set
 * holds under name, or gone when the set holds nothing there.  Declaring
 * a name twice is harmless.  SIAGA_OK, or SIAGA_ENOMEM / SIAGA_EIO (a bad
 * name) with a message in errs. */
int outdir_own(struct outdir *od, const char *name, struct error_list *errs);

/* After a successful outdir_commit (before outdir_close): 1 when DIR/name,
 * a name od owns, was there before and went because the set held nothing
 * of that name; else 0. */
int outdir_removed(const struct outdir *od, const char *name);

/* Flush and close fp, a stream of od, before the commit: a set of many
 * files keeps few open.  Its write-back to disk starts now and the commit
 * waits for it (fsync) before the set is put in place, so the writer goes
 * on with the next file meanwhile.  Returns SIAGA_OK, or SIAGA_EIO with a
 * message in errs (the commit then fails too). */
int outdir_file_close(struct outdir *od, FILE *fp, struct error_list *errs);

/* Flush, sync and close every file (a write error of any is caught here),
 * then put the set in place as described above.  Returns SIAGA_OK, or
 * SIAGA_EIO with a message in errs; on failure before the set is in place
 * DIR is untouched. */
int outdir_commit(struct outdir *od, struct error_list *errs);

/* Close what is open, remove the staging folder and the lock, free; safe
 * after a failed outdir_open and after commit. */
void outdir_close(struct outdir *od);

/* A set's whole life in one call, for writers whose files all go to one
 * DIR: outdir_open, then fill(od, arg, errs) to make and write the files
 * (it returns SIAGA_OK, or a status with a message in errs), then
 * outdir_commit when fill succeeded, and outdir_close in every case.
 * Returns the first status that is not SIAGA_OK, or SIAGA_OK when the set
 * is in place; on failure DIR is untouched (as outdir_commit says). */
int outdir_write_set(const char *dir,
                     int (*fill)(struct outdir *od, void *arg,
                                 struct error_list *errs),
                     void *arg, struct error_list *errs);

/* Helpers for other writers that stage folders (split):
 * "a/b", malloc'ed, NULL when out of memory; */
char *outdir_join(const char *a, const char *b);
/* make path and its parents (path is changed and restored); 0, or -1 with
 * errno set, also when path is not a folder; nothing is made when
 * outdir_path_problem finds one (errno ENAMETOOLONG); */
int outdir_mkdirs(char *path);
/* why path can never be made (longer than PATH_MAX, or a name longer than
 * NAME_MAX), in buf (n bytes), or NULL; */
const char *outdir_path_problem(const char *path, char *buf, size_t n);
/* the first component of path that is a dangling symbolic link, said in
 * buf ("out is a dangling symbolic link (to 'x', which does not exist)"),
 * or NULL: for a message after ENOENT or ENOTDIR; */
const char *outdir_dangling(const char *path, char *buf, size_t n);
/* a staging container at/PREFIX-PID-TOKEN with its marker and set/
 * (mode 0777 less the umask), tracked for fatal exits; 0, or -1 with errno
 * set and nothing left.  t must not move until outdir_stage_remove; */
int outdir_stage_make(struct outdir_temp *t, int at, const char *prefix);
/* remove a container made by outdir_stage_make (with whatever set/ holds
 * now) and untrack it; allocates nothing, so it works when memory ran
 * out; nothing when t holds none; */
void outdir_stage_remove(struct outdir_temp *t);
/* remove the containers named PREFIX-PID-TOKEN in at that killed runs of
 * this user left, each proven as described above. */
void outdir_remove_stale(int at, const char *prefix);

/*
 * No output may be an input: SIAGA_OK when none of the outputs is the same
 * file (st_dev and st_ino, links followed) as an input or as another
 * output; else SIAGA_EINPUT with one message per clash naming both, and
 * the caller writes nothing.  The outputs are the paths in out and, when
 * dir is not NULL, DIR/NAME for each NAME of names (NULL-terminated); a
 * DIR/NAME that is a folder (an owned one, outdir_own, replaced whole)
 * clashes with every input inside it.
 * NULL entries are skipped; a path that does not exist (yet) clashes with
 * nothing; an input that cannot be read is left to its reader.
 */
int outdir_check_outputs(const char *const *in, int nin,
                         const char *const *out, int nout, const char *dir,
                         const char *const *names, struct error_list *errs);

/* Remove every tracked temporary without allocating (async-signal-safe:
 * safe when the heap is exhausted).  Main thread only. */
void outdir_remove_tracked(void);

/*
 * One output file written whole or not at all, for the writers of a
 * single file (import's scenario and rejects, merge's roster, the exported
 * model): a temporary .BASE.TOKEN beside path (mode 0666 less the umask,
 * made with O_EXCL | O_NOFOLLOW), tracked for fatal exits, then synced and
 * renamed over path.
 *   outfile_open     the temporary and its stream a->fp
 *   outfile_release  close the stream, for a writer that takes a file
 *                    name (GLPK): it writes a->wpath, which names the
 *                    open temporary itself (/proc/self/fd/N) when /proc
 *                    is there, so a name swapped meanwhile is not written
 *   outfile_finish   flush, sync, close (or sync the kept descriptor)
 *   outfile_rename   put it in place
 *   outfile_close    remove the temporary if still there, free; always
 * Each returns 0, or -1 with a message naming path in errs.  a->tmp is
 * the temporary's path, for reading it back.  a must not move between
 * outfile_open and outfile_close.
 */
struct outfile {
    char *path, *tmp;
    const char *wpath;
    FILE *fp;
    int dirfd;
    struct outdir_temp t;
    char procpath[32];
};
int outfile_open(struct outfile *a, const char *path, struct error_list *errs);
int outfile_release(struct outfile *a, struct error_list *errs);
int outfile_finish(struct outfile *a, struct error_list *errs);
int outfile_rename(struct outfile *a, struct error_list *errs);
void outfile_close(struct outfile *a);

#endif
