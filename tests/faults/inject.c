/*
 * inject.c - fault injection for tests/faults/run.sh, built two ways:
 *
 * -DINJECT_PRELOAD: a shared object for LD_PRELOAD that replaces malloc,
 *   calloc and realloc in the whole process (siaga, libc, libxml2, GLPK).
 *   Not usable under ASan, which must own malloc.
 * otherwise: an object linked into a test build of siaga with
 *   -Wl,--wrap=malloc,... (see mk/faults.mk): it wraps the allocations
 *   of siaga's own code, libxml2's (through xmlMemSetup), the file calls
 *   of siaga's own code, and the two GLPK seams of solver/glpk_util.h.
 *   Works under ASan/UBSan.
 *
 * Environment (all optional):
 *   SIAGA_FAIL_MALLOC=N     the Nth allocation fails (N >= 1), once
 *   SIAGA_FAIL_CALL=NAME:K  the Kth call of NAME fails (fopen mkdir rename
 *                           renameat2 fsync fflush fclose opendir); the
 *                           descriptor calls of io/outdir.c count with
 *                           their path twins: openat with O_CREAT as
 *                           fopen (a file made), mkdirat as mkdir,
 *                           renameat as rename
 *   SIAGA_FAIL_DISK=BYTES   files opened for writing (fopen, fdopen) share BYTES of disk,
 *                           then writes fail with ENOSPC
 *   SIAGA_FAIL_SOLVER=WHAT:K the Kth call of solver_simplex or
 *                           solver_intopt (WHAT = simplex | intopt)
 *                           returns GLP_ETMLIM (SIAGA_FAIL_GLP=tmlim),
 *                           GLP_EFAIL (=fail), makes GLPK call its
 *                           error hook (=hook), or returns 0 without
 *                           solving (=nosol: "done", but no solution,
 *                           status GLP_UNDEF)
 *   SIAGA_SLOW_RENAME=MS    each renameat waits MS milliseconds after it
 *                           renamed, so that two runs renaming files into
 *                           one folder overlap (tests/e2e_staging.sh)
 *   SIAGA_FAIL_REPORT=FILE  at exit, append "NAME COUNT" lines of the
 *                           calls seen, for the driver to sweep over
 *   SIAGA_FAIL_SITES=FILE   write "N HASH" for each allocation N whose
 *                           call stack differs from those of all earlier
 *                           ones (the first allocation at each site); HASH
 *                           is of the return addresses, each taken
 *                           relative to its module's load address, so it
 *                           is the same in every run of the same build
 *   SIAGA_FAIL_SITE_DEPTH=D the stack of a site is its D innermost
 *                           callers (default: all of them)
 *
 * With SIAGA_FAIL_SITES or SIAGA_FAIL_EXPECT set, time() returns a fixed
 * value: libxml2 seeds the hashes of its dictionaries with time(NULL), so
 * how often they grow, and so how many allocations a run makes, would
 * otherwise change from one second to the next.
 *   SIAGA_FAIL_EXPECT=HASH  with SIAGA_FAIL_MALLOC: when the failing
 *                           allocation's stack hash is not HASH, say so and
 *                           exit 97, so a sweep never silently tests
 *                           another site than the one it was given
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum { C_MALLOC, C_FOPEN, C_MKDIR, C_RENAME, C_RENAMEAT2, C_FSYNC, C_FFLUSH,
       C_FCLOSE, C_OPENDIR, C_SIMPLEX, C_INTOPT, C_COUNT };
static const char *const NAMES[C_COUNT] = {
    "malloc", "fopen", "mkdir", "rename", "renameat2", "fsync", "fflush",
    "fclose", "opendir", "simplex", "intopt"};

static long counts[C_COUNT];
static long fail_at[C_COUNT];
static int armed;
static int sites_fd = -1;           /* SIAGA_FAIL_SITES, opened by arm() */
static __thread int in_trace;       /* allocations of the tracer itself */
#define SITE_SLOTS (1 << 16)        /* open addressing; a run has far fewer */
static uint64_t site_seen[SITE_SLOTS];

static void arm(void)
{
    if (armed)
        return;
    armed = 1;
    const char *v = getenv("SIAGA_FAIL_MALLOC");
    if (v != NULL)
        fail_at[C_MALLOC] = atol(v);
    v = getenv("SIAGA_FAIL_SITES");
    if (v != NULL)
        sites_fd = open(v, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const char *spec[] = {getenv("SIAGA_FAIL_CALL"), getenv("SIAGA_FAIL_SOLVER")};
    for (int s = 0; s < 2; s++) {
        const char *c = spec[s] ? strchr(spec[s], ':') : NULL;
        if (c == NULL)
            continue;
        for (int i = 0; i < C_COUNT; i++)
            if (strlen(NAMES[i]) == (size_t)(c - spec[s]) &&
                strncmp(spec[s], NAMES[i], (size_t)(c - spec[s])) == 0)
                fail_at[i] = atol(c + 1);
    }
}

/* FNV-1a of the caller's stack: each return address relative to the load
 * address of its module (executable, libc, libxml2, GLPK), so the hash
 * does not change with address space randomisation.  backtrace() loads
 * libgcc and allocates the first time: the caller sets in_trace so those
 * allocations are neither counted nor traced. */
static uint64_t __attribute__((noinline)) stack_hash(void)
{
    void *frame[64];
    int n = backtrace(frame, 64);
    uint64_t h = 1469598103934665603ULL;
    /* frame 0 is here and frame 1 in hit(): the same for every call;
     * frame 2 is the allocator, then its caller and theirs */
    const char *d = getenv("SIAGA_FAIL_SITE_DEPTH");
    if (d != NULL && atoi(d) > 0 && atoi(d) + 3 < n)
        n = atoi(d) + 3;
    for (int i = 2; i < n; i++) {
        uintptr_t a = (uintptr_t)frame[i];
        Dl_info info;
        if (dladdr(frame[i], &info) != 0 && info.dli_fbase != NULL)
            a -= (uintptr_t)info.dli_fbase;
        for (size_t b = 0; b < sizeof a; b++) {
            h ^= (a >> (8 * b)) & 0xff;
            h *= 1099511628211ULL;
        }
    }
    return h ? h : 1;
}

/* 1 the first time hash h is seen */
static int site_new(uint64_t h)
{
    for (size_t i = h & (SITE_SLOTS - 1), probe = 0; probe < SITE_SLOTS;
         i = (i + 1) & (SITE_SLOTS - 1), probe++) {
        if (site_seen[i] == h)
            return 0;
        if (site_seen[i] == 0) {
            site_seen[i] = h;
            return 1;
        }
    }
    return 0;   /* full: more sites than a test run has */
}

static void put_line(int fd, long n, uint64_t h)
{
    char line[64];
    int len = snprintf(line, sizeof line, "%ld %016llx\n", n, (unsigned long long)h);
    if (len > 0 && write(fd, line, (size_t)len) != len)
        sites_fd = -1;   /* the driver sees a short list and fails */
}

/* Count a call of kind k; 1 when this one must fail.  With
 * SIAGA_FAIL_TRACE set, the stack of the failing call goes to standard
 * error (to find the code behind a failing N; the allocation numbers
 * change under a debugger). */
static int __attribute__((noinline)) hit(int k)
{
    if (in_trace)
        return 0;
    arm();
    /* atomic, so that two threads never make one count; which thread
     * takes which number is still up to the scheduler */
    long c = __atomic_add_fetch(&counts[k], 1, __ATOMIC_RELAXED);
    int failing = c == fail_at[k];
    const char *expect = NULL;
    if (failing && k == C_MALLOC)
        expect = getenv("SIAGA_FAIL_EXPECT");
    if (k == C_MALLOC && (sites_fd >= 0 || expect != NULL)) {
        in_trace = 1;
        uint64_t h = stack_hash();
        in_trace = 0;
        if (sites_fd >= 0 && site_new(h))
            put_line(sites_fd, c, h);
        if (expect != NULL && h != strtoull(expect, NULL, 16)) {
            char msg[128];
            int len = snprintf(msg, sizeof msg,
                               "inject: allocation %ld is not at site %s but %016llx\n",
                               c, expect, (unsigned long long)h);
            if (len > 0 && write(2, msg, (size_t)len) < 0)
                _exit(97);
            _exit(97);
        }
    }
    if (!failing)
        return 0;
    if (getenv("SIAGA_FAIL_TRACE") != NULL) {
        void *frame[32];
        int n = backtrace(frame, 32);
        backtrace_symbols_fd(frame, n, 2);
    }
    return 1;
}

#ifndef INJECT_PRELOAD
/* inject.o is linked with the wraps too: its own file calls go straight
 * to libc, uncounted */
FILE *__real_fopen(const char *path, const char *mode);
int __real_fclose(FILE *f);
#define REAL_FOPEN __real_fopen
#define REAL_FCLOSE __real_fclose
#else
#define REAL_FOPEN fopen
#define REAL_FCLOSE fclose
#endif

static void report(void) __attribute__((destructor));
static void report(void)
{
    const char *path = getenv("SIAGA_FAIL_REPORT");
    if (path == NULL)
        return;
    FILE *f = REAL_FOPEN(path, "a");
    if (f == NULL)
        return;
    for (int i = 0; i < C_COUNT; i++)
        fprintf(f, "%s %ld\n", NAMES[i], counts[i]);
    REAL_FCLOSE(f);
}

/* libxml2's call reaches this one: the --wrap build exports it because a
 * linked library refers to it, and LD_PRELOAD puts it first */
time_t time(time_t *t)
{
    time_t now;
    if (getenv("SIAGA_FAIL_SITES") != NULL || getenv("SIAGA_FAIL_EXPECT") != NULL) {
        now = 1700000000;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        now = ts.tv_sec;
    }
    if (t != NULL)
        *t = now;
    return now;
}

#ifdef INJECT_PRELOAD
/* ---- LD_PRELOAD: the process's allocator --------------------------------- */
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t m);
void *__libc_realloc(void *p, size_t n);

void *malloc(size_t n)
{
    if (hit(C_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    if (hit(C_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    if (hit(C_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}

#else
/* ---- -Wl,--wrap: siaga's own calls --------------------------------------- */
#include <glpk.h>
#include <libxml/xmlmemory.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_fopen(const char *path, const char *mode);
int __real_mkdir(const char *path, mode_t mode);
int __real_rename(const char *a, const char *b);
int __real_renameat2(int fa, const char *a, int fb, const char *b, unsigned fl);
int __real_mkdirat(int fd, const char *path, mode_t mode);
int __real_renameat(int fa, const char *a, int fb, const char *b);
int __real_openat(int fd, const char *path, int flags, ...);
FILE *__real_fdopen(int fd, const char *mode);
int __real_fsync(int fd);
int __real_fflush(FILE *f);
int __real_fclose(FILE *f);
DIR *__real_opendir(const char *path);
int __real_solver_simplex(glp_prob *p, const glp_smcp *parm);
int __real_solver_intopt(glp_prob *p, const glp_iocp *parm);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
FILE *__wrap_fopen(const char *path, const char *mode);
int __wrap_mkdir(const char *path, mode_t mode);
int __wrap_rename(const char *a, const char *b);
int __wrap_renameat2(int fa, const char *a, int fb, const char *b, unsigned fl);
int __wrap_mkdirat(int fd, const char *path, mode_t mode);
int __wrap_renameat(int fa, const char *a, int fb, const char *b);
int __wrap_openat(int fd, const char *path, int flags, ...);
FILE *__wrap_fdopen(int fd, const char *mode);
int __wrap_fsync(int fd);
int __wrap_fflush(FILE *f);
int __wrap_fclose(FILE *f);
DIR *__wrap_opendir(const char *path);
int __wrap_solver_simplex(glp_prob *p, const glp_smcp *parm);
int __wrap_solver_intopt(glp_prob *p, const glp_iocp *parm);

#define FAIL_IF(k, err, ret)        \
    do {                            \
        if (hit(k)) {               \
            errno = (err);          \
            return ret;             \
        }                           \
    } while (0)

void *__wrap_malloc(size_t n)
{
    FAIL_IF(C_MALLOC, ENOMEM, NULL);
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    FAIL_IF(C_MALLOC, ENOMEM, NULL);
    return __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    FAIL_IF(C_MALLOC, ENOMEM, NULL);
    return __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    FAIL_IF(C_MALLOC, ENOMEM, NULL);
    return __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    FAIL_IF(C_MALLOC, ENOMEM, NULL);
    return __real_strndup(s, n);
}

/* libxml2's allocator, counted with siaga's */
static void *xml_malloc(size_t n) { return __wrap_malloc(n); }
static void *xml_realloc(void *p, size_t n) { return __wrap_realloc(p, n); }
static void xml_free(void *p) { free(p); }
static char *xml_strdup(const char *s) { return __wrap_strdup(s); }

static void setup(void) __attribute__((constructor));
static void setup(void)
{
    xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup);
}

/* ---- a disk of SIAGA_FAIL_DISK bytes -------------------------------------- */
static long disk_left = -1;

static ssize_t disk_write(void *cookie, const char *buf, size_t n)
{
    FILE *real = cookie;
    size_t ok = n;
    if (disk_left >= 0 && (size_t)disk_left < n)
        ok = (size_t)disk_left;
    if (ok > 0 && fwrite(buf, 1, ok, real) != ok)
        return -1;
    if (disk_left >= 0)
        disk_left -= (long)ok;
    if (ok < n && ok == 0) {
        errno = ENOSPC;
        return -1;
    }
    return (ssize_t)ok;
}

static int disk_close(void *cookie)
{
    FILE *real = cookie;
    int r = __real_fflush(real) == 0 ? 0 : -1;
    return __real_fclose(real) == 0 ? r : -1;
}

/* a stream for writing goes through the disk of SIAGA_FAIL_DISK */
static FILE *on_disk(FILE *f, const char *mode)
{
    const char *d = getenv("SIAGA_FAIL_DISK");
    if (f == NULL || d == NULL || mode[0] == 'r')
        return f;
    if (disk_left < 0)
        disk_left = atol(d);
    cookie_io_functions_t io = {NULL, disk_write, NULL, disk_close};
    FILE *c = fopencookie(f, mode[0] == 'a' ? "a" : "w", io);
    if (c == NULL)
        __real_fclose(f);
    return c;
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    FAIL_IF(C_FOPEN, EACCES, NULL);
    return on_disk(__real_fopen(path, mode), mode);
}

FILE *__wrap_fdopen(int fd, const char *mode)
{
    return on_disk(__real_fdopen(fd, mode), mode);
}

int __wrap_openat(int fd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
        FAIL_IF(C_FOPEN, EACCES, -1);
    }
    return __real_openat(fd, path, flags, mode);
}

int __wrap_mkdirat(int fd, const char *path, mode_t mode)
{
    FAIL_IF(C_MKDIR, EACCES, -1);
    return __real_mkdirat(fd, path, mode);
}

int __wrap_renameat(int fa, const char *a, int fb, const char *b)
{
    const char *slow = getenv("SIAGA_SLOW_RENAME");
    FAIL_IF(C_RENAME, EIO, -1);
    int r = __real_renameat(fa, a, fb, b);
    if (slow != NULL)
        usleep((useconds_t)atol(slow) * 1000);
    return r;
}

int __wrap_mkdir(const char *path, mode_t mode)
{
    FAIL_IF(C_MKDIR, EACCES, -1);
    return __real_mkdir(path, mode);
}

int __wrap_rename(const char *a, const char *b)
{
    FAIL_IF(C_RENAME, EIO, -1);
    return __real_rename(a, b);
}

int __wrap_renameat2(int fa, const char *a, int fb, const char *b, unsigned fl)
{
    FAIL_IF(C_RENAMEAT2, EIO, -1);
    return __real_renameat2(fa, a, fb, b, fl);
}

int __wrap_fsync(int fd)
{
    if (fd < 0 && getenv("SIAGA_FAIL_DISK") != NULL)
        return 0;   /* a disk stream: its close syncs the real file */
    FAIL_IF(C_FSYNC, EIO, -1);
    return __real_fsync(fd);
}

int __wrap_fflush(FILE *f)
{
    FAIL_IF(C_FFLUSH, ENOSPC, EOF);
    return __real_fflush(f);
}

/* a close that fails still closes (as on NFS, where it reports late) */
int __wrap_fclose(FILE *f)
{
    int r = __real_fclose(f);
    FAIL_IF(C_FCLOSE, EIO, EOF);
    return r;
}

DIR *__wrap_opendir(const char *path)
{
    FAIL_IF(C_OPENDIR, EACCES, NULL);
    return __real_opendir(path);
}

/* ---- GLPK ----------------------------------------------------------------- */
static int glp_fault(glp_prob *p)
{
    const char *how = getenv("SIAGA_FAIL_GLP");
    if (how != NULL && strcmp(how, "hook") == 0) {
        glp_set_obj_coef(p, -1, 0.0);   /* misuse: GLPK calls its error hook */
        abort();                        /* not reached when the hook works */
    }
    if (how != NULL && strcmp(how, "nosol") == 0)
        return 0;
    return how != NULL && strcmp(how, "fail") == 0 ? GLP_EFAIL : GLP_ETMLIM;
}

int __wrap_solver_simplex(glp_prob *p, const glp_smcp *parm)
{
    if (hit(C_SIMPLEX))
        return glp_fault(p);
    return __real_solver_simplex(p, parm);
}

int __wrap_solver_intopt(glp_prob *p, const glp_iocp *parm)
{
    if (hit(C_INTOPT))
        return glp_fault(p);
    return __real_solver_intopt(p, parm);
}
#endif
