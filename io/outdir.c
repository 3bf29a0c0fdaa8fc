/*
 * outdir.c - a set of output files put in place all at once, see outdir.h.
 *
 * The order of the steps is what makes a kill harmless: the new files are
 * complete and synced in the staging folder before anything visible
 * changes, and the one step that changes what DIR holds is a single
 * rename (or exchange) of a folder.  A staging folder's name carries the
 * process id, so the next run can tell a killed run's leftovers (process
 * gone) from a run still going on, and remove only the former.
 */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE (glibc 2.28) */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define STAGE_TAG "siaga-"

char *outdir_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

int outdir_mkdirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        int r = mkdir(path, 0777);
        *p = '/';
        if (r != 0 && errno != EEXIST)
            return -1;
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* getdents64 fills a buffer on the stack with these: opendir would
 * allocate, and a folder must also go when memory ran out. */
struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* Remove parent/name: its files, then itself.  A killed run's staging
 * folder inside it (it may sit in a previous set) goes too; a folder
 * holding anything else is left alone (never ours to remove).  Entries
 * are removed while the folder is read, so it is read again until a pass
 * removes nothing. */
static void remove_tree_at(int parent, const char *name, int depth)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
                                  (depth > 0 ? O_NOFOLLOW : 0));
    if (fd < 0)
        return;
    char buf[4096] __attribute__((aligned(8)));
    for (int pass = 0, removed = 1; removed && pass < 8; pass++) {
        long n;
        removed = 0;
        if (lseek(fd, 0, SEEK_SET) != 0)
            break;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
            for (long off = 0; off < n;) {
                struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
                off += e->d_reclen;
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                if (unlinkat(fd, e->d_name, 0) == 0) {
                    removed = 1;
                } else if (depth < 2 && strncmp(e->d_name, "." STAGE_TAG,
                                                sizeof STAGE_TAG) == 0) {
                    remove_tree_at(fd, e->d_name, depth + 1);
                }
            }
    }
    close(fd);
    unlinkat(parent, name, AT_REMOVEDIR);
}

void outdir_remove_tree(const char *path)
{
    remove_tree_at(AT_FDCWD, path, 0);
}

static const char *tracked[OUTDIR_MAX_TRACKED];

int outdir_track(const char *path)
{
    for (int i = 0; i < OUTDIR_MAX_TRACKED; i++)
        if (tracked[i] == NULL) {
            tracked[i] = path;
            return 0;
        }
    return -1;
}

void outdir_untrack(const char *path)
{
    for (int i = 0; i < OUTDIR_MAX_TRACKED; i++)
        if (tracked[i] == path)
            tracked[i] = NULL;
}

void outdir_remove_tracked(void)
{
    for (int i = 0; i < OUTDIR_MAX_TRACKED; i++) {
        if (tracked[i] == NULL)
            continue;
        if (unlink(tracked[i]) != 0 && (errno == EISDIR || errno == EPERM))
            outdir_remove_tree(tracked[i]);
        tracked[i] = NULL;
    }
}

/* In folder, remove staging folders named PREFIX + PID + "-..." whose
 * process is gone (a killed run). */
static void remove_stale(const char *folder, const char *prefix)
{
    DIR *d = opendir(folder);
    size_t n = strlen(prefix);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, n) != 0)
            continue;
        char *end;
        long pid = strtol(e->d_name + n, &end, 10);
        if (end == e->d_name + n || *end != '-' || pid <= 0 ||
            pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *p = outdir_join(folder, e->d_name);
        if (p != NULL)
            outdir_remove_tree(p);
        free(p);
    }
    closedir(d);
}

/* Make a fresh folder folder/PREFIX-PID-NNNNNN with mode 0777 less the
 * umask (mkdtemp would make 0700, and the folder may become DIR).
 * Returns its path, or NULL with errno set. */
static char *make_stage(const char *folder, const char *prefix)
{
    static unsigned long seq;
    unsigned long r = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
    for (int tries = 0; tries < 100; tries++) {
        char base[512];
        r = r * 6364136223846793005UL + 1442695040888963407UL + seq++;
        snprintf(base, sizeof base, "%s%ld-%06lu", prefix, (long)getpid(),
                 (r >> 33) % 1000000);
        char *p = outdir_join(folder, base);
        if (p == NULL) {
            errno = ENOMEM;
            return NULL;
        }
        if (mkdir(p, 0777) == 0)
            return p;
        int err = errno;
        free(p);
        errno = err;
        if (err != EEXIST)
            return NULL;
    }
    return NULL;
}

static void sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);   /* not every file system syncs folders: best effort */
        close(fd);
    }
}

/* Split od->dir into parent and base ("a/b//" -> "a", "b"). */
static int split(struct outdir *od)
{
    size_t n = strlen(od->dir);
    while (n > 1 && od->dir[n - 1] == '/')
        od->dir[--n] = '\0';
    char *slash = strrchr(od->dir, '/');
    if (slash == NULL) {
        od->parent = strdup(".");
        od->base = strdup(od->dir);
    } else {
        od->base = strdup(slash + 1);
        od->parent = slash == od->dir ? strdup("/")
                                      : strndup(od->dir, (size_t)(slash - od->dir));
    }
    return od->parent != NULL && od->base != NULL ? 0 : -1;
}

/* Prefix of staging folders next to DIR: ".BASE.siaga-". */
static char *side_prefix(const struct outdir *od)
{
    size_t n = strlen(od->base) + sizeof "." "." STAGE_TAG;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, ".%s.%s", od->base, STAGE_TAG);
    return p;
}

int outdir_open(struct outdir *od, const char *dir, struct error_list *errs)
{
    int rc = SIAGA_OK;
    char *prefix = NULL;
    struct stat st, pst;

    memset(od, 0, sizeof *od);
    if ((od->dir = strdup(dir)) == NULL || split(od) != 0 ||
        (prefix = side_prefix(od)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        rc = SIAGA_ENOMEM;
        goto done;
    }
    if (od->dir[0] == '\0' || outdir_mkdirs(od->parent) != 0) {
        error_add(errs, dir, 0, "cannot create output folder: %s",
                  od->dir[0] ? strerror(errno) : "empty name");
        rc = SIAGA_EIO;
        goto done;
    }
    remove_stale(od->parent, prefix);
    if (lstat(od->dir, &st) != 0) {
        if (errno != ENOENT) {
            error_add(errs, dir, 0, "cannot use output folder: %s",
                      strerror(errno));
            rc = SIAGA_EIO;
            goto done;
        }
        if ((od->stage = make_stage(od->parent, prefix)) == NULL) {
            error_add(errs, dir, 0, "cannot create output folder: %s",
                      strerror(errno));
            rc = errno == ENOMEM ? SIAGA_ENOMEM : SIAGA_EIO;
        }
        goto done;
    }
    if (S_ISLNK(st.st_mode) && stat(od->dir, &st) != 0)
        memset(&st, 0, sizeof st);
    if (!S_ISDIR(st.st_mode)) {
        error_add(errs, dir, 0, "cannot use output folder: %s",
                  strerror(ENOTDIR));
        rc = SIAGA_EIO;
        goto done;
    }
    remove_stale(od->dir, "." STAGE_TAG);
    /* swap the whole folder only when it is a plain folder on the same
     * file system as its parent (not a link, a mount point or ".") */
    int swappable = strcmp(od->base, ".") != 0 && strcmp(od->base, "..") != 0 &&
                    strcmp(od->dir, "/") != 0 && lstat(od->dir, &st) == 0 &&
                    S_ISDIR(st.st_mode) && stat(od->parent, &pst) == 0 &&
                    pst.st_dev == st.st_dev;
    if (swappable)
        od->stage = make_stage(od->parent, prefix);
    if (od->stage == NULL) {
        od->inside = 1;
        if ((od->stage = make_stage(od->dir, "." STAGE_TAG)) == NULL) {
            error_add(errs, dir, 0, "cannot write in output folder: %s",
                      strerror(errno));
            rc = errno == ENOMEM ? SIAGA_ENOMEM : SIAGA_EIO;
        }
    }
done:
    if (od->stage != NULL)
        outdir_track(od->stage);
    free(prefix);
    return rc;
}

FILE *outdir_file(struct outdir *od, const char *name, struct error_list *errs)
{
    FILE *fp = NULL;
    char *path = NULL, *nm = NULL;
    if (od->stage == NULL || od->n == OUTDIR_MAX_FILES || name[0] == '\0' ||
        name[0] == '.' || strchr(name, '/') != NULL) {
        error_add(errs, od->dir, 0, "internal error: bad output file '%s'",
                  name);
        goto done;
    }
    if ((path = outdir_join(od->stage, name)) == NULL || (nm = strdup(name)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    /* "x": the staging folder is fresh, so a file already there is not ours */
    if ((fp = fopen(path, "wx")) == NULL) {
        error_add(errs, od->dir, 0, "cannot write %s: %s", name,
                  strerror(errno));
        goto done;
    }
    od->name[od->n] = nm;
    od->fp[od->n] = fp;
    od->n++;
    nm = NULL;
done:
    free(path);
    free(nm);
    return fp;
}

/* Whether every entry of DIR is a plain file of the new set or a
 * staging folder, so that exchanging the folders loses nothing. */
static int only_ours(const struct outdir *od)
{
    DIR *d = opendir(od->dir);
    int ok = d != NULL;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strncmp(e->d_name, "." STAGE_TAG, sizeof STAGE_TAG) == 0)
            continue;
        int found = 0;
        for (int i = 0; i < od->n && !found; i++)
            found = strcmp(e->d_name, od->name[i]) == 0;
        ok = found;
    }
    if (d != NULL)
        closedir(d);
    return ok;
}

/* Exchange DIR and the staging folder; 0, or -1 with errno set (EINVAL
 * or ENOSYS when the system or the file system cannot). */
static int exchange(const struct outdir *od)
{
#ifdef RENAME_EXCHANGE
    return renameat2(AT_FDCWD, od->stage, AT_FDCWD, od->dir, RENAME_EXCHANGE);
#else
    (void)od;
    errno = ENOSYS;
    return -1;
#endif
}

/* Rename each file of the stage into DIR, then remove the stage. */
static int rename_each(struct outdir *od, struct error_list *errs)
{
    for (int i = 0; i < od->n; i++) {
        char *from = outdir_join(od->stage, od->name[i]);
        char *to = outdir_join(od->dir, od->name[i]);
        int r = from != NULL && to != NULL ? rename(from, to) : -1;
        int err = from != NULL && to != NULL ? errno : ENOMEM;
        free(from);
        free(to);
        if (r != 0) {
            if (i == 0)
                error_add(errs, od->dir, 0, "cannot rename %s into place: %s; "
                          "the previous files are untouched", od->name[i],
                          strerror(err));
            else
                error_add(errs, od->dir, 0, "cannot rename %s into place: %s; "
                          "the folder now holds %d new and %d previous files",
                          od->name[i], strerror(err), i, od->n - i);
            return SIAGA_EIO;
        }
    }
    rmdir(od->stage);
    free(od->stage);
    od->stage = NULL;
    return SIAGA_OK;
}

int outdir_commit(struct outdir *od, struct error_list *errs)
{
    int rc = SIAGA_OK;
    struct stat st;

    for (int i = 0; i < od->n; i++) {
        FILE *fp = od->fp[i];
        od->fp[i] = NULL;
        if (fp == NULL)
            continue;
        errno = 0;
        int bad = ferror(fp) || fflush(fp) != 0 || fsync(fileno(fp)) != 0;
        int err = errno;
        if (fclose(fp) != 0 && !bad) {
            bad = 1;
            err = errno;
        }
        if (bad && rc == SIAGA_OK) {
            error_add(errs, od->dir, 0, "cannot write %s: %s", od->name[i],
                      err ? strerror(err) : "write error");
            rc = SIAGA_EIO;
        }
    }
    if (rc != SIAGA_OK || od->stage == NULL)
        return rc == SIAGA_OK ? SIAGA_EIO : rc;
    sync_dir(od->stage);
    if (od->inside) {
        rc = rename_each(od, errs);
        goto done;
    }
    if (lstat(od->dir, &st) != 0 && errno == ENOENT) {
        if (rename(od->stage, od->dir) == 0) {
            outdir_untrack(od->stage);
            free(od->stage);
            od->stage = NULL;
            goto done;
        }
        error_add(errs, od->dir, 0, "cannot rename output folder into "
                  "place: %s", strerror(errno));
        rc = SIAGA_EIO;
        goto done;
    }
    if (S_ISDIR(st.st_mode) && only_ours(od)) {
        chmod(od->stage, st.st_mode & 07777);
        if (exchange(od) == 0) {
            outdir_remove_tree(od->stage);   /* now the previous set */
            outdir_untrack(od->stage);
            free(od->stage);
            od->stage = NULL;
            goto done;
        }
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP &&
            errno != EBUSY && errno != EXDEV && errno != EPERM) {
            error_add(errs, od->dir, 0, "cannot put the output folder in "
                      "place: %s; the previous files are untouched",
                      strerror(errno));
            rc = SIAGA_EIO;
            goto done;
        }
    }
    rc = rename_each(od, errs);
done:
    if (rc == SIAGA_OK) {
        od->committed = 1;
        sync_dir(od->parent);
        sync_dir(od->dir);
    }
    return rc;
}

void outdir_close(struct outdir *od)
{
    for (int i = 0; i < od->n; i++) {
        if (od->fp[i] != NULL)
            fclose(od->fp[i]);
        free(od->name[i]);
    }
    if (od->stage != NULL) {
        outdir_remove_tree(od->stage);
        outdir_untrack(od->stage);
    }
    free(od->stage);
    free(od->dir);
    free(od->parent);
    free(od->base);
    memset(od, 0, sizeof *od);
}

/* ---- one file: a temporary beside it, renamed at the end ----------------- */

int outfile_open(struct outfile *a, const char *path,
                       struct error_list *errs)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
    int fd = -1;

    memset(a, 0, sizeof *a);
    if (*base == '\0') {
        error_add(errs, path, 0, "names a folder, not a file");
        return -1;
    }
    a->path = strdup(path);
    a->tmp = malloc(dn + strlen(base) + 16);
    if (a->path == NULL || a->tmp == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return -1;
    }
    memcpy(a->tmp, path, dn);
    sprintf(a->tmp + dn, ".%s.XXXXXX", base);
    fd = mkstemp(a->tmp);
    if (fd < 0 || (a->fp = fdopen(fd, "w")) == NULL) {
        error_add(errs, path, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(a->tmp);
        }
        free(a->tmp);
        a->tmp = NULL;
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);   /* mkstemp makes 0600; outputs are ordinary files */
    outdir_track(a->tmp);
    return 0;
}

int outfile_finish(struct outfile *a, struct error_list *errs)
{
    FILE *fp = a->fp;
    int bad;
    a->fp = NULL;
    if (fp == NULL) {   /* released: written by name, synced by name */
        int fd = open(a->tmp, O_RDONLY | O_CLOEXEC);
        bad = fd < 0 || fsync(fd) != 0;
        if (fd >= 0)
            close(fd);
    } else {
        bad = ferror(fp) || fflush(fp) != 0 || fsync(fileno(fp)) != 0;
        if (fclose(fp) != 0)
            bad = 1;
    }
    if (bad)
        error_add(errs, a->path, 0, "cannot write: %s",
                  errno ? strerror(errno) : "write error");
    return bad ? -1 : 0;
}

int outfile_rename(struct outfile *a, struct error_list *errs)
{
    if (rename(a->tmp, a->path) != 0) {
        error_add(errs, a->path, 0, "cannot rename into place: %s",
                  strerror(errno));
        return -1;
    }
    outdir_untrack(a->tmp);
    free(a->tmp);
    a->tmp = NULL;
    return 0;
}

void outfile_close(struct outfile *a)
{
    if (a->fp != NULL)
        fclose(a->fp);
    if (a->tmp != NULL) {
        unlink(a->tmp);
        outdir_untrack(a->tmp);
    }
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
}

int outfile_release(struct outfile *a, struct error_list *errs)
{
    FILE *fp = a->fp;
    a->fp = NULL;
    if (fclose(fp) != 0) {
        error_add(errs, a->path, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    return 0;
}
