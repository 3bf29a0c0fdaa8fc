/*
 * outdir.c - a set of output files put in place all at once, see outdir.h.
 *
 * The order of the steps is what makes a kill harmless: the new files are
 * complete and synced in the staging folder before anything visible
 * changes, and the one step that changes what DIR holds is a single
 * rename (or exchange) of a folder.  The staging container keeps its
 * marker until everything else in it is gone, so a run killed at any
 * moment leaves a container the next run can prove is siaga's and remove.
 *
 * Why nothing here can be turned against the user (the threat: anyone who
 * can write PARENT or DIR plants links or folders under predictable
 * names): every folder is reached through a descriptor opened with
 * O_NOFOLLOW | O_DIRECTORY from a descriptor already trusted, every
 * removal is unlinkat relative to such a descriptor (it removes a link,
 * never its target), names are compared with what was opened (dev/ino)
 * before a folder of ours is removed by name, and a folder this run did
 * not make is entered only when proven (open_stale).  Removal allocates
 * nothing (getdents64 into a stack buffer), so it runs on the
 * out-of-memory path of io/xml/alloc.c.
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE (glibc 2.28), getrandom */
#include "io/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define STAGE_TAG "siaga-"
#define MARKER ".siaga-stage"
#define SET "set"
#define TOKEN_LEN 16
/* containers nest at most this deep (a killed run's container inside
 * DIR, swapped out with a previous set into our container) */
#define MAX_DEPTH 3
#define MAX_TRACKED 8

enum { TEMP_NONE, TEMP_STAGE, TEMP_FILE };

char *outdir_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

const char *outdir_path_problem(const char *path, char *buf, size_t n)
{
    size_t len = strlen(path);
    if (len >= PATH_MAX) {
        snprintf(buf, n, "the path is %zu bytes long, more than the limit "
                 "of %d; nothing was made", len, PATH_MAX - 1);
        return buf;
    }
    for (const char *p = path; *p;) {
        size_t c = strcspn(p, "/");
        if (c > NAME_MAX) {
            snprintf(buf, n, "the name '%.24s...' is %zu bytes long, more "
                     "than the limit of %d for one name; nothing was made",
                     p, c, NAME_MAX);
            return buf;
        }
        p += c;
        while (*p == '/')
            p++;
    }
    return NULL;
}

const char *outdir_dangling(const char *path, char *buf, size_t n)
{
    char part[PATH_MAX], target[PATH_MAX];
    size_t len = strlen(path);
    struct stat st;
    if (len >= sizeof part)
        return NULL;
    memcpy(part, path, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (i < len && part[i] != '/')
            continue;
        char keep = part[i];
        part[i] = '\0';
        int link = lstat(part, &st) == 0 && S_ISLNK(st.st_mode);
        int gone = link && stat(part, &st) != 0 &&
                   (errno == ENOENT || errno == ENOTDIR);
        if (gone) {
            ssize_t t = readlink(part, target, sizeof target - 1);
            target[t > 0 ? t : 0] = '\0';
            snprintf(buf, n, "%.1024s is a dangling symbolic link (to "
                     "'%.1024s', which does not exist)", part, target);
            return buf;
        }
        part[i] = keep;
    }
    return NULL;
}

int outdir_mkdirs(char *path)
{
    char why[160];
    /* nothing is made for a path that cannot be made whole (a path over
     * PATH_MAX used to leave its first 16 folders behind) */
    if (outdir_path_problem(path, why, sizeof why) != NULL) {
        errno = ENAMETOOLONG;
        return -1;
    }
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

/* ---- tracking for fatal exits ------------------------------------------- */

static struct outdir_temp *tracked[MAX_TRACKED];

static void track(struct outdir_temp *t)
{
    for (int i = 0; i < MAX_TRACKED; i++)
        if (tracked[i] == NULL) {
            tracked[i] = t;
            return;
        }
}

static void untrack(struct outdir_temp *t)
{
    for (int i = 0; i < MAX_TRACKED; i++)
        if (tracked[i] == t)
            tracked[i] = NULL;
}

void outdir_temp_init(struct outdir_temp *t)
{
    memset(t, 0, sizeof *t);
    t->fd = t->set = t->at = -1;
}

/* A 16-hex-digit token from getrandom (/dev/urandom on old kernels). */
static int make_token(char *tok)
{
    unsigned char r[TOKEN_LEN / 2];
    ssize_t got = getrandom(r, sizeof r, 0);
    if (got != (ssize_t)sizeof r) {
        int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        got = fd >= 0 ? read(fd, r, sizeof r) : -1;
        if (fd >= 0)
            close(fd);
        if (got != (ssize_t)sizeof r) {
            errno = EIO;
            return -1;
        }
    }
    for (size_t i = 0; i < sizeof r; i++) {
        tok[2 * i] = "0123456789abcdef"[r[i] >> 4];
        tok[2 * i + 1] = "0123456789abcdef"[r[i] & 15];
    }
    tok[TOKEN_LEN] = '\0';
    return 0;
}

/* ---- walking a folder without allocating --------------------------------- */

/* getdents64 fills a buffer on the stack with these: opendir would
 * allocate, and a folder must also go when memory ran out. */
struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

enum { KEPT, REMOVED, SKIPPED };
typedef int (*entry_fn)(int fd, const char *name, void *arg);

/* fn on each entry of folder fd but "." and ".."; entries are removed
 * while the folder is read, so it is read again until a pass removes
 * nothing (8 passes at most).  Returns how many entries fn kept (KEPT) in
 * the last pass, or -1 when the folder cannot be read. */
static int each_entry(int fd, entry_fn fn, void *arg)
{
    char buf[4096] __attribute__((aligned(8)));
    int kept = 0;
    for (int pass = 0, removed = 1; removed && pass < 8; pass++) {
        long n;
        removed = 0;
        kept = 0;
        if (lseek(fd, 0, SEEK_SET) != 0)
            return -1;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
            for (long off = 0; off < n;) {
                struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
                off += e->d_reclen;
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                int r = fn(fd, e->d_name, arg);
                removed |= r == REMOVED;
                kept += r == KEPT;
            }
        if (n < 0)
            return -1;
    }
    return kept;
}

/* ---- proving a container is a killed run's ------------------------------- */

/* When name is PREFIX PID "-" TOKEN (16 lower-case hex digits): PID, with
 * *token at TOKEN; else 0. */
static long parse_name(const char *name, const char *prefix, const char **token)
{
    size_t n = strlen(prefix);
    long pid = 0;
    if (strncmp(name, prefix, n) != 0)
        return 0;
    const char *p = name + n;
    for (int d = 0; *p >= '0' && *p <= '9'; p++, d++) {
        if (d == 9)
            return 0;
        pid = pid * 10 + (*p - '0');
    }
    if (p == name + n || *p != '-')
        return 0;
    *token = ++p;
    for (int i = 0; i < TOKEN_LEN; i++, p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return *p == '\0' ? pid : 0;
}

/* The start time of process pid (field 22 of /proc/PID/stat: clock ticks
 * after boot), or 0 when it cannot be read.  Nothing is allocated. */
static unsigned long long proc_start(long pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    /* the name (field 2) may hold spaces and parentheses: fields 3 and on
     * start after its last ')' */
    char *p = strrchr(buf, ')');
    if (p == NULL)
        return 0;
    for (int field = 2; field < 22; field++) {
        p = strchr(p + 1, ' ');
        if (p == NULL)
            return 0;
    }
    return strtoull(p + 1, NULL, 10);
}

/*
 * Whether folder fd holds the marker: a plain file of this user holding
 * exactly token, then (since the marker learned it) a space and the start
 * time of the run that made it.  *start gets that time, 0 for a marker
 * without it.
 */
static int marked(int fd, const char *token, unsigned long long *start)
{
    char buf[TOKEN_LEN + 32];
    struct stat st;
    *start = 0;
    int m = openat(fd, MARKER, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (m < 0)
        return 0;
    ssize_t n = -1;
    int ok = fstat(m, &st) == 0 && S_ISREG(st.st_mode) &&
             st.st_uid == geteuid() && st.st_size >= TOKEN_LEN &&
             st.st_size < (off_t)sizeof buf &&
             (n = read(m, buf, sizeof buf - 1)) == (ssize_t)st.st_size &&
             memcmp(buf, token, TOKEN_LEN) == 0;
    close(m);
    if (ok && n > TOKEN_LEN) {
        buf[n] = '\0';
        char *end;
        ok = buf[TOKEN_LEN] == ' ' && buf[TOKEN_LEN + 1] >= '0' &&
             buf[TOKEN_LEN + 1] <= '9';
        if (ok) {
            *start = strtoull(buf + TOKEN_LEN + 1, &end, 10);
            ok = *end == '\0';
        }
    }
    return ok;
}

/* each_entry callback: notes a name other than the marker. */
static int other_than_marker(int fd, const char *name, void *arg)
{
    (void)fd;
    if (strcmp(name, MARKER) != 0)
        *(int *)arg = 1;
    return KEPT;
}

/*
 * Whether folder fd is a container its run was killed in the middle of
 * making: between mkdirat and the write of the marker there is a moment
 * when it holds nothing, or an empty marker.  Such a folder holds nothing
 * of anyone's, so it may go: it is empty but for a plain file of this user
 * named as the marker and shorter than a token.
 */
static int unfinished(int fd)
{
    struct stat st;
    int other = 0;
    if (each_entry(fd, other_than_marker, &other) < 0 || other)
        return 0;
    if (fstatat(fd, MARKER, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT;
    return S_ISREG(st.st_mode) && st.st_uid == geteuid() && st.st_size < TOKEN_LEN;
}

/* at/name opened, when it is a container that a killed run of this user
 * left (outdir.h says what proves it); else -1. */
static int open_stale(int at, const char *name, const char *prefix)
{
    const char *token = NULL;
    long pid = parse_name(name, prefix, &token);
    struct stat st, fst;
    unsigned long long start;
    if (pid <= 0 || pid == (long)getpid())
        return -1;
    /* a process of that number: still running, or not ours to signal,
     * unless the marker proves it a later process that took the number */
    int alive = kill((pid_t)pid, 0) == 0 || errno != ESRCH;
    if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
        return -1;
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &fst) != 0 || fst.st_dev != st.st_dev ||
        fst.st_ino != st.st_ino || fst.st_uid != geteuid() ||
        (!marked(fd, token, &start) && !unfinished(fd))) {
        close(fd);
        return -1;
    }
    if (alive) {
        unsigned long long now = proc_start(pid);
        if (start == 0 || now == 0 || now == start) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

/* ---- removing a container ------------------------------------------------ */

static int empty_container(int fd, int depth);

/* An entry of a set/ folder: files and links go; a folder only when it
 * is a killed run's container (one made inside DIR, which an exchange
 * carried here with the previous set). */
static int set_entry(int fd, const char *name, void *arg)
{
    int depth = *(int *)arg;
    if (unlinkat(fd, name, 0) == 0)
        return REMOVED;
    if ((errno != EISDIR && errno != EPERM) || depth >= MAX_DEPTH)
        return KEPT;
    if (name[0] != '.') {
        /* a folder of a set ("kab/1704"): set/ is this user's, in a
         * private container, and held only names of a set */
        int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0)
            return KEPT;
        int d = depth + 1;
        int left = each_entry(sub, set_entry, &d);
        close(sub);
        return left == 0 && unlinkat(fd, name, AT_REMOVEDIR) == 0 ? REMOVED : KEPT;
    }
    int sub = open_stale(fd, name, "." STAGE_TAG);
    if (sub < 0)
        return KEPT;
    int r = empty_container(sub, depth + 1);
    close(sub);
    return r == 0 && unlinkat(fd, name, AT_REMOVEDIR) == 0 ? REMOVED : KEPT;
}

/* An entry of a container: the marker stays for last; set/ is entered
 * (opened O_NOFOLLOW); anything else is a file or left.  The container is
 * this user's and private (0700), so set/ is what a run of this user put
 * there: its own files, or the previous DIR after an exchange, which may
 * belong to another user when root wrote into it. */
static int container_entry(int fd, const char *name, void *arg)
{
    int depth = *(int *)arg;
    if (strcmp(name, MARKER) == 0)
        return SKIPPED;
    if (unlinkat(fd, name, 0) == 0)
        return REMOVED;
    if ((errno != EISDIR && errno != EPERM) || strcmp(name, SET) != 0)
        return KEPT;
    int sub = openat(fd, SET, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0)
        return KEPT;
    int left = each_entry(sub, set_entry, &depth);
    close(sub);
    return left == 0 && unlinkat(fd, SET, AT_REMOVEDIR) == 0 ? REMOVED : KEPT;
}

/* Empty container fd, the marker last; 0 when nothing is left in it,
 * -1 when something stays (then the marker stays too, so that a later
 * run can still prove it). */
static int empty_container(int fd, int depth)
{
    if (each_entry(fd, container_entry, &depth) != 0)
        return -1;
    return unlinkat(fd, MARKER, 0) == 0 || errno == ENOENT ? 0 : -1;
}

/* Remove at/name when it still names what t opened. */
static void remove_name(const struct outdir_temp *t, int flags)
{
    struct stat st;
    if (fstatat(t->at, t->name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        st.st_dev == t->dev && st.st_ino == t->ino)
        unlinkat(t->at, t->name, flags);
}

void outdir_stage_remove(struct outdir_temp *t)
{
    if (t->kind == TEMP_STAGE && t->fd >= 0) {
        if (t->set >= 0)
            close(t->set);
        if (empty_container(t->fd, 0) == 0)
            remove_name(t, AT_REMOVEDIR);
        close(t->fd);
    }
    untrack(t);
    outdir_temp_init(t);
}

/* A lock or temporary file: its name goes (when it is still the file),
 * then the descriptor, which lets go of a lock. */
static void file_remove(struct outdir_temp *t)
{
    if (t->kind == TEMP_FILE && t->fd >= 0) {
        remove_name(t, 0);
        close(t->fd);
    }
    untrack(t);
    outdir_temp_init(t);
}

void outdir_remove_tracked(void)
{
    for (int i = 0; i < MAX_TRACKED; i++) {
        struct outdir_temp *t = tracked[i];
        if (t == NULL)
            continue;
        if (t->kind == TEMP_STAGE)
            outdir_stage_remove(t);
        else
            file_remove(t);
        tracked[i] = NULL;
    }
}

struct stale_arg {
    const char *prefix;
};

static int stale_entry(int at, const char *name, void *arg)
{
    const struct stale_arg *a = arg;
    int fd = open_stale(at, name, a->prefix);
    if (fd < 0)
        return KEPT;
    struct stat st;
    int gone = empty_container(fd, 0) == 0 && fstat(fd, &st) == 0;
    struct outdir_temp t;
    outdir_temp_init(&t);
    t.at = at;
    t.dev = st.st_dev;
    t.ino = st.st_ino;
    close(fd);
    if (!gone || strlen(name) >= sizeof t.name)
        return KEPT;
    strcpy(t.name, name);
    remove_name(&t, AT_REMOVEDIR);
    return REMOVED;
}

void outdir_remove_stale(int at, const char *prefix)
{
    struct stale_arg a = {prefix};
    each_entry(at, stale_entry, &a);
}

/* ---- making a container ------------------------------------------------- */

int outdir_stage_make(struct outdir_temp *t, int at, const char *prefix)
{
    char token[TOKEN_LEN + 1];
    struct stat st;
    int err;
    outdir_temp_init(t);
    t->at = at;
    for (int tries = 0;; tries++) {
        if (tries == 16) {   /* 16 collisions of 64 random bits: not chance */
            errno = EEXIST;
            return -1;
        }
        if (make_token(token) != 0)
            return -1;
        int n = snprintf(t->name, sizeof t->name, "%s%ld-%s", prefix,
                         (long)getpid(), token);
        if (n < 0 || (size_t)n >= sizeof t->name) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (mkdirat(at, t->name, 0700) == 0)
            break;
        if (errno != EEXIST)
            return -1;
    }
    t->fd = openat(at, t->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (t->fd < 0 || fstat(t->fd, &st) != 0 || st.st_uid != geteuid()) {
        /* swapped between mkdirat and openat: not ours to remove */
        err = t->fd < 0 ? errno : EPERM;
        if (t->fd >= 0)
            close(t->fd);
        outdir_temp_init(t);
        errno = err;
        return -1;
    }
    t->kind = TEMP_STAGE;
    t->dev = st.st_dev;
    t->ino = st.st_ino;
    track(t);
    int m = openat(t->fd, MARKER, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                  O_CLOEXEC, 0600);
    /* the token, then this run's start time (without /proc: the token
     * alone, as older siaga wrote it) */
    char mark[TOKEN_LEN + 32];
    unsigned long long start = proc_start((long)getpid());
    int len = start != 0 ? snprintf(mark, sizeof mark, "%s %llu", token, start)
                         : snprintf(mark, sizeof mark, "%s", token);
    int bad = m < 0 || write(m, mark, (size_t)len) != len;
    err = errno;
    if (m >= 0 && close(m) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (!bad && mkdirat(t->fd, SET, 0777) != 0) {
        bad = 1;
        err = errno;
    }
    if (!bad && (t->set = openat(t->fd, SET, O_RDONLY | O_DIRECTORY |
                                             O_NOFOLLOW | O_CLOEXEC)) < 0) {
        bad = 1;
        err = errno;
    }
    if (bad) {
        outdir_stage_remove(t);
        errno = err;
        return -1;
    }
    return 0;
}

/* ---- the lock ----------------------------------------------------------- */

/* Lock at/name (created if missing, never through a link), waiting up to
 * OUTDIR_LOCK_WAIT seconds.  The holder removes the file before it lets
 * go, so after the lock is granted the name must still be the file
 * locked; if not, the lock was on a removed file: try again. */
static int take_lock(struct outdir_temp *t, int at, const char *name,
                     const char *dir, struct error_list *errs)
{
    struct timespec t0, now, nap = {0, 20 * 1000 * 1000};
    struct stat st, nst;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    outdir_temp_init(t);
    for (;;) {
        int fd = openat(at, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
                                  O_CLOEXEC, 0666);
        if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            int err = fd < 0 ? errno : EINVAL;
            error_add(errs, dir, 0, "cannot lock the output folder with %s: "
                      "%s", name, err == ELOOP ? "it is a symbolic link"
                      : err == EINVAL ? "it is not a plain file" : strerror(err));
            if (fd >= 0)
                close(fd);
            return -1;
        }
        while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if ((errno != EWOULDBLOCK && errno != EINTR) ||
                now.tv_sec - t0.tv_sec >= OUTDIR_LOCK_WAIT) {
                if (errno == EWOULDBLOCK)
                    error_add(errs, dir, 0, "another siaga run is writing this "
                              "folder (it holds %s); waited %d s, giving up "
                              "(nothing written)", name, OUTDIR_LOCK_WAIT);
                else
                    error_add(errs, dir, 0, "cannot lock the output folder: "
                              "%s", strerror(errno));
                close(fd);
                return -1;
            }
            nanosleep(&nap, NULL);
        }
        if (fstatat(at, name, &nst, AT_SYMLINK_NOFOLLOW) == 0 &&
            nst.st_dev == st.st_dev && nst.st_ino == st.st_ino) {
            t->kind = TEMP_FILE;
            t->at = at;
            t->fd = fd;
            t->dev = st.st_dev;
            t->ino = st.st_ino;
            snprintf(t->name, sizeof t->name, "%s", name);
            track(t);
            return 0;
        }
        close(fd);
    }
}

/* ---- the set ------------------------------------------------------------ */

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

int outdir_open(struct outdir *od, const char *dir, struct error_list *errs)
{
    int rc = SIAGA_EIO;
    char prefix[NAME_MAX + 1], lockname[NAME_MAX + 1];
    struct stat lst, st, pst;

    memset(od, 0, sizeof *od);
    od->parent_fd = od->dir_fd = -1;
    outdir_temp_init(&od->lock);
    outdir_temp_init(&od->stage);
    if ((od->dir = strdup(dir)) == NULL || split(od) != 0) {
        error_add(errs, NULL, 0, "out of memory");
        rc = SIAGA_ENOMEM;
        goto done;
    }
    char why[2200];
    if (od->dir[0] != '\0' &&
        outdir_path_problem(od->dir, why, sizeof why) != NULL) {
        error_add(errs, dir, 0, "cannot create output folder: %s", why);
        goto done;
    }
    if (od->dir[0] == '\0' || outdir_mkdirs(od->parent) != 0) {
        int err = errno;
        error_add(errs, dir, 0, "cannot create output folder: %s",
                  od->dir[0] == '\0' ? "empty name"
                  : outdir_dangling(od->dir, why, sizeof why) ? why
                  : strerror(err));
        goto done;
    }
    if ((od->parent_fd = open(od->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        int err = errno;
        error_add(errs, dir, 0, "cannot use output folder: %s",
                  outdir_dangling(od->dir, why, sizeof why) ? why
                  : strerror(err));
        goto done;
    }
    /* the names beside DIR; a longer name is cut, which at worst makes two
     * such folders share a lock */
    snprintf(prefix, sizeof prefix, ".%.200s.%s", od->base, STAGE_TAG);
    snprintf(lockname, sizeof lockname, ".%.200s.%slock", od->base, STAGE_TAG);
    int special = strcmp(od->base, ".") == 0 || strcmp(od->base, "..") == 0 ||
                  strcmp(od->dir, "/") == 0;
    if (fstatat(od->parent_fd, od->base, &lst, AT_SYMLINK_NOFOLLOW) == 0) {
        od->dir_fd = openat(od->parent_fd, od->base, O_RDONLY | O_DIRECTORY |
                                                     O_CLOEXEC);
        if (od->dir_fd < 0) {
            int err = errno;
            error_add(errs, dir, 0, "cannot use output folder: %s",
                      outdir_dangling(od->dir, why, sizeof why) ? why
                      : strerror(err));
            goto done;
        }
    } else if (errno != ENOENT) {
        error_add(errs, dir, 0, "cannot use output folder: %s", strerror(errno));
        goto done;
    }
    /* ".", ".." and "/" have no folder beside them: the lock goes inside */
    if (special ? take_lock(&od->lock, od->dir_fd, "." STAGE_TAG "lock", dir, errs)
                : take_lock(&od->lock, od->parent_fd, lockname, dir, errs))
        goto done;
    if (!special)
        outdir_remove_stale(od->parent_fd, prefix);
    if (od->dir_fd < 0) {
        if (outdir_stage_make(&od->stage, od->parent_fd, prefix) != 0) {
            error_add(errs, dir, 0, "cannot create output folder: %s",
                      strerror(errno));
            goto done;
        }
        rc = SIAGA_OK;
        goto done;
    }
    /* a folder siaga may not write is not replaced behind its owner's
     * back (an exchange needs only PARENT writable): no permission, or no
     * write bit at all (root has every permission), or a read-only mount */
    if (fstat(od->dir_fd, &st) != 0 ||
        faccessat(od->parent_fd, od->base, W_OK, AT_EACCESS) != 0 ||
        (st.st_mode & 0222) == 0) {
        int err = errno == 0 || (st.st_mode & 0222) == 0 ? EACCES : errno;
        error_add(errs, dir, 0, "the output folder is read-only (%s); siaga "
                  "does not replace it: make it writable or name another",
                  strerror(err));
        goto done;
    }
    outdir_remove_stale(od->dir_fd, "." STAGE_TAG);
    /* swap the whole folder only when it is a plain folder on the same
     * file system as its parent (not a link, a mount point or ".") */
    if (!special && S_ISDIR(lst.st_mode) && fstat(od->parent_fd, &pst) == 0 &&
        pst.st_dev == st.st_dev)
        outdir_stage_make(&od->stage, od->parent_fd, prefix);
    if (od->stage.kind == TEMP_NONE) {
        od->inside = 1;
        if (outdir_stage_make(&od->stage, od->dir_fd, "." STAGE_TAG) != 0) {
            error_add(errs, dir, 0, "cannot write in output folder: %s",
                      strerror(errno));
            goto done;
        }
    }
    rc = SIAGA_OK;
done:
    return rc;
}

/* Whether name may name a file of the set: OUTDIR_MAX_PARTS parts at
 * most, none empty, none starting with '.' (the marker and the
 * containers do), none longer than NAME_MAX. */
static int name_ok(const char *name)
{
    int parts = 0;
    for (const char *c = name;; c++) {
        const char *e = strchr(c, '/');
        size_t n = e ? (size_t)(e - c) : strlen(c);
        if (n == 0 || n > NAME_MAX || c[0] == '.' || ++parts > OUTDIR_MAX_PARTS)
            return 0;
        if (e == NULL)
            return 1;
        c = e;
    }
}

/* The folder holding name's last part under at, reached part by part
 * with O_NOFOLLOW (each made first when make), and *leaf the last part.
 * A descriptor the caller closes, or -1 with errno set. */
static int open_parent(int at, const char *name, int make, const char **leaf)
{
    char part[NAME_MAX + 1];
    int fd = fcntl(at, F_DUPFD_CLOEXEC, 0);
    const char *c = name, *e;
    while (fd >= 0 && (e = strchr(c, '/')) != NULL) {
        memcpy(part, c, (size_t)(e - c));
        part[e - c] = '\0';
        if (make && mkdirat(fd, part, 0777) != 0 && errno != EEXIST) {
            int err = errno;
            close(fd);
            errno = err;
            return -1;
        }
        int sub = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int err = errno;
        close(fd);
        errno = err;
        fd = sub;
        c = e + 1;
    }
    *leaf = c;
    return fd;
}

/* The index of name among the names od owns, or -1. */
static int owned(const struct outdir *od, const char *name, size_t len)
{
    for (int i = 0; i < od->nown; i++)
        if (strlen(od->own[i]) == len && memcmp(od->own[i], name, len) == 0)
            return i;
    return -1;
}

int outdir_own(struct outdir *od, const char *name, struct error_list *errs)
{
    if (strchr(name, '/') != NULL || !name_ok(name)) {
        error_add(errs, od->dir, 0, "internal error: bad owned name '%s'", name);
        return SIAGA_EIO;
    }
    if (owned(od, name, strlen(name)) >= 0)
        return SIAGA_OK;
    char **no = realloc(od->own, sizeof *no * (size_t)(od->nown + 1));
    if (no != NULL)
        od->own = no;
    char *ng = no ? realloc(od->own_gone, (size_t)od->nown + 1) : NULL;
    if (ng != NULL)
        od->own_gone = ng;
    char *nm = ng ? strdup(name) : NULL;
    if (nm == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    od->own[od->nown] = nm;
    od->own_gone[od->nown] = 0;
    od->nown++;
    return SIAGA_OK;
}

int outdir_removed(const struct outdir *od, const char *name)
{
    int i = owned(od, name, strlen(name));
    return i >= 0 && od->committed && od->own_gone[i];
}

FILE *outdir_file(struct outdir *od, const char *name, struct error_list *errs)
{
    FILE *fp = NULL;
    char *nm = NULL;
    int fd = -1, at = -1;
    const char *leaf = name;
    if (od->stage.set < 0 || !name_ok(name)) {
        error_add(errs, od->dir, 0, "internal error: bad output file '%s'",
                  name);
        goto done;
    }
    if (od->n == od->cap) {
        int cap = od->cap ? 2 * od->cap : 16;
        char **nn = realloc(od->name, sizeof *nn * (size_t)cap);
        if (nn != NULL)
            od->name = nn;
        FILE **nf = nn ? realloc(od->fp, sizeof *nf * (size_t)cap) : NULL;
        if (nf != NULL)
            od->fp = nf;
        char *nu = nf ? realloc(od->unsynced, (size_t)cap) : NULL;
        if (nu == NULL) {
            error_add(errs, NULL, 0, "out of memory");
            goto done;
        }
        od->unsynced = nu;
        od->cap = cap;
    }
    if ((nm = strdup(name)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    /* O_EXCL: the staging folder is fresh, so a file already there is not
     * ours; O_NOFOLLOW: nor is a link */
    at = open_parent(od->stage.set, name, 1, &leaf);
    fd = at < 0 ? -1 : openat(at, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                        O_CLOEXEC, 0666);
    if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
        error_add(errs, od->dir, 0, "cannot write %s: %s", name,
                  strerror(errno));
        if (fd >= 0)
            close(fd);
        goto done;
    }
    od->name[od->n] = nm;
    od->fp[od->n] = fp;
    od->unsynced[od->n] = 0;
    od->n++;
    nm = NULL;
done:
    if (at >= 0)
        close(at);
    free(nm);
    return fp;
}

/* Flush and close file i of the set; with sync, fsync it first, else
 * start its write-back and leave the fsync to sync_late.  SIAGA_OK, or
 * SIAGA_EIO with a message in errs when errs is not NULL. */
static int close_one(struct outdir *od, int i, int sync, struct error_list *errs)
{
    FILE *fp = od->fp[i];
    od->fp[i] = NULL;
    if (fp == NULL)
        return SIAGA_OK;
    errno = 0;
    int bad = ferror(fp) || fflush(fp) != 0 || (sync && fsync(fileno(fp)) != 0);
    int err = errno;
    if (!bad && !sync) {
        /* a hint: the disk works while the next file is written */
        sync_file_range(fileno(fp), 0, 0, SYNC_FILE_RANGE_WRITE);
        od->unsynced[i] = 1;
    }
    if (fclose(fp) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (!bad)
        return SIAGA_OK;
    if (errs != NULL)
        error_add(errs, od->dir, 0, "cannot write %s: %s", od->name[i],
                  err ? strerror(err) : "write error");
    return SIAGA_EIO;
}

/* fsync file i, closed early, through a descriptor of its own.  SIAGA_OK,
 * or SIAGA_EIO with a message in errs when errs is not NULL. */
static int sync_late(struct outdir *od, int i, struct error_list *errs)
{
    const char *leaf;
    int at = open_parent(od->stage.set, od->name[i], 0, &leaf);
    int fd = at < 0 ? -1 : openat(at, leaf, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int ok = fd >= 0 && fsync(fd) == 0;
    int err = errno;
    if (fd >= 0)
        close(fd);
    if (at >= 0)
        close(at);
    od->unsynced[i] = 0;
    if (ok)
        return SIAGA_OK;
    if (errs != NULL)
        error_add(errs, od->dir, 0, "cannot write %s: %s", od->name[i],
                  strerror(err));
    return SIAGA_EIO;
}

int outdir_file_close(struct outdir *od, FILE *fp, struct error_list *errs)
{
    for (int i = od->n - 1; i >= 0; i--)
        if (od->fp[i] == fp && fp != NULL) {
            int rc = close_one(od, i, 0, errs);
            if (rc != SIAGA_OK)
                od->failed = 1;
            return rc;
        }
    error_add(errs, od->dir, 0, "internal error: closing a stream of no set");
    return SIAGA_EIO;
}

/* ---- names the set owns ---------------------------------------------- */

struct tree_arg {
    int depth;          /* of the folder being read below the owned name */
    int ok;
    char bad[NAME_MAX + 1];
};

static int tree_entry(int fd, const char *name, void *arg)
{
    struct tree_arg *a = arg;
    struct stat st;
    if (!a->ok)
        return KEPT;
    int dir = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    int sub = -1;
    if (dir && name[0] != '.' && a->depth + 1 < OUTDIR_MAX_PARTS)
        sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir && sub < 0) {
        a->ok = 0;
        snprintf(a->bad, sizeof a->bad, "%s", name);
        return KEPT;
    }
    if (sub >= 0) {
        a->depth++;
        if (each_entry(sub, tree_entry, a) < 0 && a->ok) {
            a->ok = 0;
            snprintf(a->bad, sizeof a->bad, "%s", name);
        }
        a->depth--;
        close(sub);
    }
    return KEPT;
}

/* Whether at/name, moved into a container, goes whole with it (set_entry):
 * not a folder, or a folder of plain files, links and folders not named
 * with a leading '.', OUTDIR_MAX_PARTS - 1 deep at most.  1, or 0 with the
 * name that stays in a->bad; 1 when at/name does not exist. */
static int removable(int at, const char *name, struct tree_arg *a)
{
    struct stat st;
    a->depth = 0;
    a->ok = 1;
    a->bad[0] = '\0';
    if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
        return 1;
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || each_entry(fd, tree_entry, a) < 0) {
        a->ok = 0;
        snprintf(a->bad, sizeof a->bad, "%s", name);
    }
    if (fd >= 0)
        close(fd);
    return a->ok;
}

/* Whether name lies in an owned name that the set holds as a folder (the
 * folder goes in whole, not file by file). */
static int in_owned_folder(const struct outdir *od, const char *name)
{
    const char *slash = strchr(name, '/');
    return slash != NULL && owned(od, name, (size_t)(slash - name)) >= 0;
}

/* Note which owned names the set drops: DIR holds them, the set not. */
static void note_gone(struct outdir *od)
{
    struct stat st;
    for (int i = 0; i < od->nown; i++)
        od->own_gone[i] = od->dir_fd >= 0 &&
            fstatat(od->dir_fd, od->own[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            fstatat(od->stage.set, od->own[i], &st, AT_SYMLINK_NOFOLLOW) != 0;
}

/* Put the owned names in place (outdir.h), one by one, after checking
 * that each previous DIR/NAME can go whole.  *changed tells whether DIR
 * changed.  SIAGA_OK, or SIAGA_EIO with a message in errs. */
static int own_each(struct outdir *od, int *changed, struct error_list *errs)
{
    struct stat st, ns;
    struct tree_arg *a = malloc(sizeof *a);
    char prev[NAME_MAX + 1];
    int rc = SIAGA_OK;
    *changed = 0;
    if (a == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    for (int i = 0; i < od->nown; i++)
        if (!removable(od->dir_fd, od->own[i], a)) {
            error_add(errs, od->dir, 0, "cannot replace %s/: it holds '%s', "
                      "which siaga does not remove (a name starting with '.', "
                      "or folders more than %d deep); move it away (nothing "
                      "written)", od->own[i], a->bad, OUTDIR_MAX_PARTS - 1);
            rc = SIAGA_EIO;
            goto done;
        }
    for (int i = 0; i < od->nown; i++) {
        const char *nm = od->own[i];
        int old = fstatat(od->dir_fd, nm, &st, AT_SYMLINK_NOFOLLOW) == 0;
        int fresh = fstatat(od->stage.set, nm, &ns, AT_SYMLINK_NOFOLLOW) == 0;
        int ok = 1;
        /* a name of no file of the set (its files start with no '~') */
        snprintf(prev, sizeof prev, "~%.200s", nm);
        if (fresh && S_ISDIR(ns.st_mode)) {
            if (!old) {
                ok = renameat(od->stage.set, nm, od->dir_fd, nm) == 0;
            } else {
#ifdef RENAME_EXCHANGE
                ok = renameat2(od->stage.set, nm, od->dir_fd, nm, RENAME_EXCHANGE) == 0;
#else
                ok = 0;
                errno = ENOSYS;
#endif
                /* no exchange here: the previous moves away, then the new
                 * comes (a moment without it, never a mix) */
                if (!ok && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP))
                    ok = renameat(od->dir_fd, nm, od->stage.set, prev) == 0 &&
                         renameat(od->stage.set, nm, od->dir_fd, nm) == 0;
            }
        } else if (old && (!fresh || S_ISDIR(st.st_mode))) {
            /* dropped, or a folder where the set has a file (renamed in
             * later): the previous goes with the container */
            ok = renameat(od->dir_fd, nm, od->stage.set, fresh ? prev : nm) == 0;
        } else {
            continue;
        }
        if (!ok) {
            error_add(errs, od->dir, 0, "cannot put %s/ in place: %s%s", nm,
                      strerror(errno), *changed ? "" : "; the previous files "
                      "are untouched");
            rc = SIAGA_EIO;
            goto done;
        }
        *changed = 1;
    }
done:
    free(a);
    return rc;
}

struct ours_arg {
    const struct outdir *od;
    int ok;
    size_t len;          /* of the folder's path in path, with its '/' */
    char path[PATH_MAX];
};

static int ours_entry(int fd, const char *name, void *arg)
{
    struct ours_arg *a = arg;
    struct stat st;
    size_t n = strlen(name), len = a->len;
    int file = 0, folder = 0;
    if (len + n + 2 > sizeof a->path || fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        a->ok = 0;
        return KEPT;
    }
    memcpy(a->path + len, name, n + 1);
    if (len == 0 && owned(a->od, name, n) >= 0) {
        /* the set's own: goes with the previous set when it can go whole */
        struct tree_arg t;
        if (!(S_ISREG(st.st_mode) || (S_ISDIR(st.st_mode) && removable(fd, name, &t))))
            a->ok = 0;
        return KEPT;
    }
    for (int i = 0; i < a->od->n && !file && !folder; i++) {
        const char *m = a->od->name[i];
        file = strcmp(m, a->path) == 0;
        folder = strncmp(m, a->path, len + n) == 0 && m[len + n] == '/';
    }
    if (file && S_ISREG(st.st_mode))
        return KEPT;
    int sub = folder && S_ISDIR(st.st_mode)
                  ? openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                  : -1;
    if (sub < 0) {
        a->ok = 0;
        return KEPT;
    }
    a->path[len + n] = '/';
    a->len = len + n + 1;
    if (each_entry(sub, ours_entry, a) < 0)
        a->ok = 0;
    a->len = len;
    close(sub);
    return KEPT;
}

/* Whether every entry of DIR is a plain file named as a file of the new
 * set, or a folder of the set holding only such entries, so that
 * exchanging the folders loses nothing. */
static int only_ours(const struct outdir *od)
{
    struct ours_arg *a = malloc(sizeof *a);
    if (a == NULL)
        return 0;
    a->od = od;
    a->ok = 1;
    a->len = 0;
    int ok = each_entry(od->dir_fd, ours_entry, a) >= 0 && a->ok;
    free(a);
    return ok;
}

/* Rename each file of the stage into DIR, making DIR's folders of the
 * set where missing. */
static int rename_each(struct outdir *od, struct error_list *errs)
{
    int changed = 0;
    int rc = own_each(od, &changed, errs);
    if (rc != SIAGA_OK)
        return rc;
    for (int i = 0; i < od->n; i++) {
        const char *from, *to;
        if (in_owned_folder(od, od->name[i]))
            continue;
        int src = open_parent(od->stage.set, od->name[i], 0, &from);
        int dst = src < 0 ? -1 : open_parent(od->dir_fd, od->name[i], 1, &to);
        int ok = dst >= 0 && renameat(src, from, dst, to) == 0;
        int err = errno;
        if (src >= 0)
            close(src);
        if (dst >= 0) {
            /* a folder of the set, synced once its last file is in */
            size_t pl = (size_t)(to - od->name[i]);
            if (ok && pl > 0 && (i + 1 == od->n ||
                                 strncmp(od->name[i + 1], od->name[i], pl) != 0 ||
                                 strchr(od->name[i + 1] + pl, '/') != NULL))
                fsync(dst);
            close(dst);
        }
        if (ok)
            continue;
        if (i == 0 && !changed)
            error_add(errs, od->dir, 0, "cannot rename %s into place: %s; "
                      "the previous files are untouched", od->name[i],
                      strerror(err));
        else
            error_add(errs, od->dir, 0, "cannot rename %s into place: %s; "
                      "the folder now holds %d new and %d previous files",
                      od->name[i], strerror(err), i, od->n - i);
        return SIAGA_EIO;
    }
    fsync(od->dir_fd);
    return SIAGA_OK;
}

int outdir_commit(struct outdir *od, struct error_list *errs)
{
    int rc = SIAGA_OK;
    struct stat st, dst;

    if (od->failed)
        rc = SIAGA_EIO;   /* outdir_file_close said why */
    for (int i = 0; i < od->n; i++)
        if (close_one(od, i, 1, rc == SIAGA_OK ? errs : NULL) != SIAGA_OK)
            rc = SIAGA_EIO;
    for (int i = 0; i < od->n && rc == SIAGA_OK && od->stage.set >= 0; i++)
        if (od->unsynced[i] && sync_late(od, i, errs) != SIAGA_OK)
            rc = SIAGA_EIO;
    if (rc != SIAGA_OK || od->stage.set < 0)
        return rc == SIAGA_OK ? SIAGA_EIO : rc;
    fsync(od->stage.set);   /* not every file system syncs folders: best effort */
    note_gone(od);
    if (od->inside) {
        rc = rename_each(od, errs);
        goto done;
    }
    if (fstatat(od->parent_fd, od->base, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
        errno == ENOENT) {
        if (renameat(od->stage.fd, SET, od->parent_fd, od->base) == 0) {
            fsync(od->stage.set);
            goto done;
        }
        error_add(errs, od->dir, 0, "cannot rename output folder into "
                  "place: %s", strerror(errno));
        rc = SIAGA_EIO;
        goto done;
    }
    if (od->dir_fd < 0 &&
        (od->dir_fd = openat(od->parent_fd, od->base, O_RDONLY | O_DIRECTORY |
                                                      O_CLOEXEC)) < 0) {
        error_add(errs, od->dir, 0, "cannot use output folder: %s",
                  strerror(errno));
        rc = SIAGA_EIO;
        goto done;
    }
    if (S_ISDIR(st.st_mode) && fstat(od->dir_fd, &dst) == 0 &&
        dst.st_dev == st.st_dev && dst.st_ino == st.st_ino && only_ours(od)) {
        fchmod(od->stage.set, st.st_mode & 07777);
#ifdef RENAME_EXCHANGE
        if (renameat2(od->stage.fd, SET, od->parent_fd, od->base,
                      RENAME_EXCHANGE) == 0) {
            fsync(od->stage.set);   /* now DIR; the previous set goes at close */
            goto done;
        }
#else
        errno = ENOSYS;
#endif
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
        fsync(od->parent_fd);
        outdir_stage_remove(&od->stage);   /* the marker, or the previous set */
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
    free(od->name);
    free(od->fp);
    free(od->unsynced);
    for (int i = 0; i < od->nown; i++)
        free(od->own[i]);
    free(od->own);
    free(od->own_gone);
    outdir_stage_remove(&od->stage);
    file_remove(&od->lock);   /* the last step: lets the next run in */
    if (od->dir_fd >= 0)
        close(od->dir_fd);
    if (od->parent_fd >= 0)
        close(od->parent_fd);
    free(od->dir);
    free(od->parent);
    free(od->base);
    memset(od, 0, sizeof *od);
    od->parent_fd = od->dir_fd = -1;
    outdir_temp_init(&od->lock);
    outdir_temp_init(&od->stage);
}

/* ---- no output may be an input ------------------------------------------ */

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether path lies inside the folder dir (st_dev, st_ino), links
 * followed; 0 when path cannot be resolved. */
static int inside(const char *path, const struct stat *dir)
{
    char *real = realpath(path, NULL);
    struct stat st;
    int in = 0;
    if (real == NULL)
        return 0;
    for (char *slash; !in && (slash = strrchr(real, '/')) != NULL;) {
        *slash = '\0';
        in = stat(real[0] != '\0' ? real : "/", &st) == 0 && same_file(&st, dir);
        if (real[0] == '\0')
            break;
    }
    free(real);
    return in;
}

int outdir_check_outputs(const char *const *in, int nin,
                         const char *const *out, int nout, const char *dir,
                         const char *const *names, struct error_list *errs)
{
    int rc = SIAGA_OK, dfd = -1;
    struct stat is, os, ps;
    if (dir != NULL)
        dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    /* every output: the files, then DIR's */
    for (int k = 0;; k++) {
        const char *path = NULL, *name = NULL;
        if (k < nout) {
            if ((path = out[k]) == NULL)
                continue;
            for (int j = 0; j < k; j++)
                if (out[j] != NULL && strcmp(out[j], path) == 0) {
                    error_add(errs, path, 0, "named as two outputs; nothing "
                              "written");
                    rc = SIAGA_EINPUT;
                }
            if (stat(path, &os) != 0)
                continue;
        } else if (dfd >= 0 && names != NULL && names[k - nout] != NULL) {
            name = names[k - nout];
            if (fstatat(dfd, name, &os, 0) != 0)
                continue;
        } else {
            break;
        }
        for (int i = 0; i < nin && name != NULL && S_ISDIR(os.st_mode); i++)
            if (in[i] != NULL && inside(in[i], &os)) {
                error_add(errs, dir, 0, "%s/ is replaced whole and holds the "
                          "input %s; nothing written (move the input or name "
                          "another output)", name, in[i]);
                rc = SIAGA_EINPUT;
            }
        for (int i = 0; i < nin; i++)
            if (in[i] != NULL && stat(in[i], &is) == 0 && same_file(&os, &is)) {
                if (name != NULL)
                    error_add(errs, dir, 0, "%s would overwrite the input %s; "
                              "nothing written (name another output)", name, in[i]);
                else
                    error_add(errs, path, 0, "this output is the input %s; "
                              "nothing written (name another output)", in[i]);
                rc = SIAGA_EINPUT;
            }
        for (int j = 0; j < k && j < nout && name == NULL; j++)
            if (out[j] != NULL && strcmp(out[j], path) != 0 &&
                stat(out[j], &ps) == 0 && same_file(&os, &ps)) {
                error_add(errs, path, 0, "this output is also the output %s; "
                          "nothing written", out[j]);
                rc = SIAGA_EINPUT;
            }
    }
    if (dfd >= 0)
        close(dfd);
    return rc;
}

/* ---- one file: a temporary beside it, renamed at the end ----------------- */

int outfile_open(struct outfile *a, const char *path, struct error_list *errs)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
    char token[TOKEN_LEN + 1], *folder = NULL;
    struct stat st;
    int fd = -1, rc = -1;

    memset(a, 0, sizeof *a);
    a->dirfd = -1;
    outdir_temp_init(&a->t);
    if (*base == '\0') {
        error_add(errs, path, 0, "names a folder, not a file");
        goto done;
    }
    a->path = strdup(path);
    folder = dn > 0 ? strndup(path, dn) : strdup(".");
    if (a->path == NULL || folder == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    if ((a->dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        char why[2200];
        int err = errno;
        error_add(errs, path, 0, "cannot write: %s",
                  outdir_dangling(path, why, sizeof why) ? why : strerror(err));
        goto done;
    }
    for (int tries = 0; fd < 0; tries++) {
        if (tries == 16 || make_token(token) != 0) {
            error_add(errs, path, 0, "cannot write: %s", strerror(EEXIST));
            goto done;
        }
        snprintf(a->t.name, sizeof a->t.name, ".%.200s.%s", base, token);
        fd = openat(a->dirfd, a->t.name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
                                         O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) {
            error_add(errs, path, 0, "cannot write: %s", strerror(errno));
            goto done;
        }
    }
    if (fstat(fd, &st) != 0) {
        error_add(errs, path, 0, "cannot write: %s", strerror(errno));
        unlinkat(a->dirfd, a->t.name, 0);
        close(fd);
        goto done;
    }
    a->t.kind = TEMP_FILE;
    a->t.at = a->dirfd;
    a->t.fd = fd;
    a->t.dev = st.st_dev;
    a->t.ino = st.st_ino;
    track(&a->t);
    if ((a->tmp = malloc(dn + strlen(a->t.name) + 1)) == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        goto done;
    }
    memcpy(a->tmp, path, dn);
    strcpy(a->tmp + dn, a->t.name);
    a->wpath = a->tmp;
    int dfd = dup(fd);
    if (dfd < 0 || (a->fp = fdopen(dfd, "w")) == NULL) {
        error_add(errs, path, 0, "cannot write: %s", strerror(errno));
        if (dfd >= 0)
            close(dfd);
        goto done;
    }
    rc = 0;
done:
    free(folder);
    return rc;
}

int outfile_finish(struct outfile *a, struct error_list *errs)
{
    FILE *fp = a->fp;
    int bad;
    a->fp = NULL;
    errno = 0;
    if (fp == NULL) {   /* released: written by name, synced through t.fd */
        bad = a->t.fd < 0 || fsync(a->t.fd) != 0;
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
    const char *slash = strrchr(a->path, '/');
    if (renameat(a->dirfd, a->t.name, a->dirfd, slash ? slash + 1 : a->path) != 0) {
        error_add(errs, a->path, 0, "cannot rename into place: %s",
                  strerror(errno));
        return -1;
    }
    /* the name is the output now: nothing of it to remove */
    close(a->t.fd);
    untrack(&a->t);
    outdir_temp_init(&a->t);
    return 0;
}

void outfile_close(struct outfile *a)
{
    if (a->fp != NULL)
        fclose(a->fp);
    file_remove(&a->t);
    if (a->path != NULL && a->dirfd >= 0)   /* a zeroed struct has fd 0 */
        close(a->dirfd);
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
    a->dirfd = -1;
    outdir_temp_init(&a->t);
}

int outfile_release(struct outfile *a, struct error_list *errs)
{
    FILE *fp = a->fp;
    struct stat st;
    a->fp = NULL;
    if (fclose(fp) != 0) {
        error_add(errs, a->path, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    /* the open temporary itself, when /proc shows it: GLPK then writes
     * that file whatever its name has become */
    snprintf(a->procpath, sizeof a->procpath, "/proc/self/fd/%d", a->t.fd);
    if (stat(a->procpath, &st) == 0 && st.st_dev == a->t.dev &&
        st.st_ino == a->t.ino)
        a->wpath = a->procpath;
    return 0;
}

int outdir_write_set(const char *dir,
                     int (*fill)(struct outdir *od, void *arg,
                                 struct error_list *errs),
                     void *arg, struct error_list *errs)
{
    struct outdir od;
    int rc = outdir_open(&od, dir, errs);
    if (rc == SIAGA_OK)
        rc = fill(&od, arg, errs);
    if (rc == SIAGA_OK)
        rc = outdir_commit(&od, errs);
    outdir_close(&od);
    return rc;
}
