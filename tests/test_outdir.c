/*
 * test_outdir.c - all-or-nothing output folders (io/outdir.c): a set put in
 * a new folder and over a previous set, nothing but the set left beside
 * it; killed runs' staging folders (also with hundreds of files, more
 * than one getdents64 buffer, and inside DIR) removed by the next run;
 * links and folders planted under staging names (beside DIR, inside it,
 * nested in a killed run's container, to a folder and to a file, of
 * another owner) never followed nor removed, the victim keeping every
 * file; names a set owns (outdir_own) replaced whole or removed; and the
 * temporaries a fatal exit removes (outdir_remove_tracked).
 * Files go to a fresh folder under /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/outdir.h"
#include "tests/test_tmpdir.h"

struct fixture {
    char dir[64];
    struct error_list errs;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    if (tmpdir_make(fx->dir, sizeof fx->dir, "outdir") != 0) {
        free(fx);
        return -1;
    }
    error_list_init(&fx->errs);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    tmpdir_remove(fx->dir);
    error_list_free(&fx->errs);
    free(fx);
    return 0;
}

/* The names in folder, sorted and joined by spaces, "." and ".." left out. */
static void listing(const char *folder, char *buf, size_t size)
{
    struct dirent **ent;
    int n = scandir(folder, &ent, NULL, alphasort);
    buf[0] = '\0';
    assert_true(n >= 0);
    for (int i = 0; i < n; i++) {
        if (strcmp(ent[i]->d_name, ".") != 0 && strcmp(ent[i]->d_name, "..") != 0) {
            if (buf[0] != '\0')
                strncat(buf, " ", size - strlen(buf) - 1);
            strncat(buf, ent[i]->d_name, size - strlen(buf) - 1);
        }
        free(ent[i]);
    }
    free(ent);
}

static void path_in(const struct fixture *fx, const char *name, char *buf,
                    size_t size)
{
    snprintf(buf, size, "%s/%s", fx->dir, name);
}

static void touch(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static void write_set(struct fixture *fx, const char *dir, const char *text)
{
    struct outdir od;
    assert_int_equal(outdir_open(&od, dir, &fx->errs), SIAGA_OK);
    FILE *a = outdir_file(&od, "roster.xml", &fx->errs);
    FILE *b = outdir_file(&od, "ringkasan.txt", &fx->errs);
    assert_non_null(a);
    assert_non_null(b);
    fputs(text, a);
    fputs(text, b);
    assert_int_equal(outdir_commit(&od, &fx->errs), SIAGA_OK);
    outdir_close(&od);
}

/* A set with folders (the maps per kabupaten), each file closed before
 * the commit. */
static void write_tree(struct fixture *fx, const char *dir, const char *text)
{
    static const char *const NAMES[] = {"laporan.html", "kab/1704/roster.kml",
                                        "kab/1704/laporan.html", "kab/1705/roster.kml"};
    struct outdir od;
    assert_int_equal(outdir_open(&od, dir, &fx->errs), SIAGA_OK);
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        FILE *f = outdir_file(&od, NAMES[i], &fx->errs);
        assert_non_null(f);
        fputs(text, f);
        if (i > 0)   /* the first stays open until the commit */
            assert_int_equal(outdir_file_close(&od, f, &fx->errs), SIAGA_OK);
    }
    assert_int_equal(outdir_commit(&od, &fx->errs), SIAGA_OK);
    outdir_close(&od);
}

/* Folders in a set: made new, then replaced whole by exchange (nothing of
 * the first set or its staging is left), then, with a file of someone
 * else's in a folder of the set, put in place file by file around it. */
static void test_folders(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512], file[192];
    path_in(fx, "out", out, sizeof out);
    write_tree(fx, out, "one");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "kab laporan.html");
    snprintf(file, sizeof file, "%s/kab", out);
    listing(file, buf, sizeof buf);
    assert_string_equal(buf, "1704 1705");
    snprintf(file, sizeof file, "%s/kab/1704", out);
    listing(file, buf, sizeof buf);
    assert_string_equal(buf, "laporan.html roster.kml");

    struct stat before, after;
    assert_int_equal(stat(out, &before), 0);
    write_tree(fx, out, "two");
    assert_int_equal(stat(out, &after), 0);
    assert_true(before.st_ino != after.st_ino);   /* exchanged, not renamed into */
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");
    snprintf(file, sizeof file, "%s/kab/1705/roster.kml", out);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "two");

    snprintf(file, sizeof file, "%s/kab/1705/catatan.txt", out);
    touch(file, "mine");
    write_tree(fx, out, "three");
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "mine");
    snprintf(file, sizeof file, "%s/kab/1705/roster.kml", out);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "three");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "kab laporan.html");   /* no staging left inside */
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");
    assert_int_equal(fx->errs.n, 0);
}

/* A set of owned names over out: roster.xml, and under kartu/ the given
 * files (each holding text); it owns kartu, kab, old.csv and gone.
 * Returns outdir_commit's status; *removed gets outdir_removed for kab,
 * old.csv, kartu and gone as four digits. */
static int write_owned(struct fixture *fx, const char *out, const char *const *cards,
                       const char *text, char *removed)
{
    static const char *const OWN[] = {"kartu", "kab", "old.csv", "gone"};
    struct outdir od;
    assert_int_equal(outdir_open(&od, out, &fx->errs), SIAGA_OK);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(outdir_own(&od, OWN[i], &fx->errs), SIAGA_OK);
        assert_int_equal(outdir_own(&od, OWN[i], &fx->errs), SIAGA_OK); /* twice: harmless */
    }
    FILE *f = outdir_file(&od, "roster.xml", &fx->errs);
    assert_non_null(f);
    fputs(text, f);
    for (size_t i = 0; cards[i] != NULL; i++) {
        char name[64];
        snprintf(name, sizeof name, "kartu/%s", cards[i]);
        FILE *c = outdir_file(&od, name, &fx->errs);
        assert_non_null(c);
        fputs(text, c);
        assert_int_equal(outdir_file_close(&od, c, &fx->errs), SIAGA_OK);
    }
    int rc = outdir_commit(&od, &fx->errs);
    removed[0] = (char)('0' + outdir_removed(&od, "kab"));
    removed[1] = (char)('0' + outdir_removed(&od, "old.csv"));
    removed[2] = (char)('0' + outdir_removed(&od, "kartu"));
    removed[3] = (char)('0' + outdir_removed(&od, "gone"));
    removed[4] = '\0';
    outdir_close(&od);
    return rc;
}

/* Owned names (outdir_own): in a DIR holding a file of someone else's
 * (so the set goes in file by file) kartu/ is replaced whole (the card
 * a.html of the earlier set goes, b.html is new), the owned kab/ and
 * old.csv that the set does not write go, mine.txt stays; a kartu/
 * holding a dot-folder is refused with nothing changed; in a DIR of
 * nothing but owned names the whole folder is exchanged, an extra file
 * in kartu/ going with it. */
static void test_owned(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512], file[192], removed[8];
    static const char *const FIRST[] = {"a.html", "b.html", NULL};
    static const char *const SECOND[] = {"b.html", "c.html", NULL};
    static const char *const THIRD[] = {"z.html", NULL};
    path_in(fx, "out", out, sizeof out);
    assert_int_equal(write_owned(fx, out, FIRST, "one", removed), SIAGA_OK);
    assert_string_equal(removed, "0000");
    snprintf(file, sizeof file, "%s/mine.txt", out);
    touch(file, "mine");
    snprintf(file, sizeof file, "%s/old.csv", out);
    touch(file, "old");
    snprintf(file, sizeof file, "%s/kab", out);
    assert_int_equal(mkdir(file, 0777), 0);
    snprintf(file, sizeof file, "%s/kab/1704", out);
    assert_int_equal(mkdir(file, 0777), 0);
    snprintf(file, sizeof file, "%s/kab/1704/roster.kml", out);
    touch(file, "old map");

    assert_int_equal(write_owned(fx, out, SECOND, "two", removed), SIAGA_OK);
    assert_string_equal(removed, "1100");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "kartu mine.txt roster.xml");
    snprintf(file, sizeof file, "%s/kartu", out);
    listing(file, buf, sizeof buf);
    assert_string_equal(buf, "b.html c.html");
    snprintf(file, sizeof file, "%s/kartu/b.html", out);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "two");
    snprintf(file, sizeof file, "%s/mine.txt", out);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "mine");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");
    assert_int_equal(fx->errs.n, 0);

    /* a dot-folder in kartu/: refused, nothing changed */
    snprintf(file, sizeof file, "%s/kartu/.git", out);
    assert_int_equal(mkdir(file, 0777), 0);
    assert_int_equal(write_owned(fx, out, THIRD, "three", removed), SIAGA_EIO);
    assert_int_equal(fx->errs.n, 1);
    assert_non_null(strstr(fx->errs.items[0].message, "kartu/: it holds '.git'"));
    error_list_free(&fx->errs);
    error_list_init(&fx->errs);
    snprintf(file, sizeof file, "%s/kartu", out);
    listing(file, buf, sizeof buf);
    assert_string_equal(buf, ".git b.html c.html");
    snprintf(file, sizeof file, "%s/roster.xml", out);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "two");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "kartu mine.txt roster.xml");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");

    /* nothing but owned names and the set's: the folder is exchanged */
    snprintf(file, sizeof file, "%s/kartu/.git", out);
    assert_int_equal(rmdir(file), 0);
    snprintf(file, sizeof file, "%s/mine.txt", out);
    assert_int_equal(unlink(file), 0);
    snprintf(file, sizeof file, "%s/kartu/stale.html", out);
    touch(file, "stale");
    struct stat before, after;
    assert_int_equal(stat(out, &before), 0);
    assert_int_equal(write_owned(fx, out, THIRD, "three", removed), SIAGA_OK);
    assert_string_equal(removed, "0000");
    assert_int_equal(stat(out, &after), 0);
    assert_true(before.st_ino != after.st_ino);
    snprintf(file, sizeof file, "%s/kartu", out);
    listing(file, buf, sizeof buf);
    assert_string_equal(buf, "z.html");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");

    /* an input inside an owned folder clashes; one beside it does not */
    static const char *const NAMES[] = {"kartu", "roster.xml", NULL};
    char input[192];
    snprintf(input, sizeof input, "%s/kartu/z.html", out);
    const char *in[1] = {input};
    assert_int_equal(outdir_check_outputs(in, 1, NULL, 0, out, NAMES, &fx->errs),
                     SIAGA_EINPUT);
    assert_non_null(strstr(fx->errs.items[0].message, "kartu/ is replaced whole"));
    error_list_free(&fx->errs);
    error_list_init(&fx->errs);
    snprintf(input, sizeof input, "%s/other.xml", fx->dir);
    touch(input, "x");
    assert_int_equal(outdir_check_outputs(in, 1, NULL, 0, out, NAMES, &fx->errs),
                     SIAGA_OK);
    assert_int_equal(unlink(input), 0);

    /* bad owned names */
    struct outdir od;
    assert_int_equal(outdir_open(&od, out, &fx->errs), SIAGA_OK);
    assert_int_equal(outdir_own(&od, "kab/1704", &fx->errs), SIAGA_EIO);
    assert_int_equal(outdir_own(&od, ".x", &fx->errs), SIAGA_EIO);
    assert_int_equal(outdir_own(&od, "", &fx->errs), SIAGA_EIO);
    outdir_close(&od);
}

/* Names that could leave the set, or be taken for its staging, are
 * refused; a set that fails leaves no folder of it behind. */
static void test_folder_names(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512];
    static const char *const BAD[] = {"../x", "kab/../x", ".x/y", "kab/.x", "a//b",
                                      "/a", "a/", "a/b/c/d", ""};
    path_in(fx, "out", out, sizeof out);
    struct outdir od;
    assert_int_equal(outdir_open(&od, out, &fx->errs), SIAGA_OK);
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++)
        assert_null(outdir_file(&od, BAD[i], &fx->errs));
    assert_non_null(outdir_file(&od, "a/b/c", &fx->errs));
    outdir_close(&od);   /* no commit */
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* A new folder, then a second set over the first: DIR holds the new set,
 * and nothing else is left beside it. */
static void test_new_then_replace(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512], file[160];
    path_in(fx, "out", out, sizeof out);
    write_set(fx, out, "one");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "ringkasan.txt roster.xml");

    write_set(fx, out, "two");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");
    snprintf(file, sizeof file, "%s/roster.xml", out);
    slurp(file, buf, sizeof buf);
    assert_string_equal(buf, "two");
    assert_int_equal(fx->errs.n, 0);
}

/* A run killed (SIGKILL) after it wrote files into its staging folder:
 * its container, its lock file and, with extra > 0, that many more files
 * in set/ (more than one getdents64 buffer) stay behind.  into: DIR. */
static void killed_run(const char *into, int extra)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct outdir od;
        struct error_list el;
        error_list_init(&el);
        if (outdir_open(&od, into, &el) != SIAGA_OK)
            _exit(1);
        FILE *f = outdir_file(&od, "roster.xml", &el);
        fputs("half", f);
        fflush(f);
        for (int i = 0; i < extra; i++) {
            char name[64];
            snprintf(name, sizeof name, "file-with-a-longish-name-%04d.xml", i);
            int fd = openat(od.stage.set, name, O_WRONLY | O_CREAT, 0666);
            if (fd >= 0)
                close(fd);
        }
        kill(getpid(), SIGKILL);
        _exit(1);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
}

/* The names of fx->dir that look like staging folders or locks. */
static int count_hidden(const char *folder)
{
    char buf[4096];
    listing(folder, buf, sizeof buf);
    int n = 0;
    for (const char *p = buf; (p = strstr(p, ".siaga-")) != NULL; p++)
        n++;
    return n;
}

/* Killed runs' containers (one with 600 files, one inside DIR) are proven
 * and removed by the next run; nothing but DIR is left. */
static void test_stale_removed(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512], other[160], link[128];
    path_in(fx, "out", out, sizeof out);
    killed_run(out, 600);
    assert_int_equal(count_hidden(fx->dir), 2);   /* container and lock */
    write_set(fx, out, "one");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");

    /* DIR a link to a folder holding another file: the container is made
     * inside DIR */
    snprintf(other, sizeof other, "%s/notes.txt", out);
    touch(other, "mine");
    path_in(fx, "link", link, sizeof link);
    assert_int_equal(symlink("out", link), 0);
    killed_run(link, 0);
    assert_int_equal(count_hidden(out), 1);
    write_set(fx, link, "two");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "link out");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "notes.txt ringkasan.txt roster.xml");
}

/* The name of the one killed run's container in folder (".out.siaga-..."). */
static void container_name(const char *folder, char *name, size_t size)
{
    DIR *d = opendir(folder);
    struct dirent *e;
    name[0] = '\0';
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".siaga-") != NULL && strstr(e->d_name, "lock") == NULL)
            snprintf(name, size, "%s", e->d_name);
    closedir(d);
    assert_true(name[0] != '\0');
}

/* The start time of process pid in /proc/PID/stat (field 22). */
static unsigned long long start_of(long pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    slurp(path, buf, sizeof buf);
    char *p = strrchr(buf, ')');
    assert_non_null(p);
    for (int field = 2; field < 22; field++) {
        p = strchr(p + 1, ' ');
        assert_non_null(p);
    }
    return strtoull(p + 1, NULL, 10);
}

/*
 * A killed run's number taken by a later process (PID reuse, seen under
 * load in tests/faults/run.sh): the container is renamed to carry the
 * number of a living process, our parent, which started at another time
 * than the one the marker records, so it is still proven stale and
 * removed.  A container whose marker records the living process's own
 * start time is left alone.
 */
static void test_pid_reused(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512], name[256], from[512], to[512], mark[600];
    path_in(fx, "out", out, sizeof out);
    killed_run(out, 0);
    container_name(fx->dir, name, sizeof name);
    /* .out.siaga-PID-TOKEN: put the parent's number in place of PID */
    char *pid = strstr(name, ".siaga-") + strlen(".siaga-");
    char *token = strchr(pid, '-');
    assert_non_null(token);
    snprintf(from, sizeof from, "%s/%s", fx->dir, name);
    snprintf(to, sizeof to, "%s/%.*s%ld%s", fx->dir, (int)(pid - name), name,
             (long)getppid(), token);
    assert_int_equal(rename(from, to), 0);
    write_set(fx, out, "one");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");

    /* the same, but the marker records the parent's own start time */
    killed_run(out, 0);
    container_name(fx->dir, name, sizeof name);
    pid = strstr(name, ".siaga-") + strlen(".siaga-");
    token = strchr(pid, '-');
    snprintf(from, sizeof from, "%s/%s", fx->dir, name);
    snprintf(to, sizeof to, "%s/%.*s%ld%s", fx->dir, (int)(pid - name), name,
             (long)getppid(), token);
    assert_int_equal(rename(from, to), 0);
    snprintf(mark, sizeof mark, "%s/.siaga-stage", to);
    char text[64];
    snprintf(text, sizeof text, "%.16s %llu", token + 1, start_of((long)getppid()));
    touch(mark, text);
    write_set(fx, out, "two");
    assert_int_equal(count_hidden(fx->dir), 1);   /* kept: the lock went */
}

/* A run killed between making its container and writing the marker
 * leaves an empty folder, or one with an empty marker: the next run
 * removes both (they hold nothing of anyone's).  A process that has
 * exited gives the dead number. */
static void test_unfinished_container(void **state)
{
    struct fixture *fx = *state;
    char out[128], buf[512], p[256], q[300];
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    path_in(fx, "out", out, sizeof out);
    snprintf(p, sizeof p, "%s/.out.siaga-%ld-0123456789abcdef", fx->dir, (long)pid);
    assert_int_equal(mkdir(p, 0700), 0);
    write_set(fx, out, "one");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");

    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(q, sizeof q, "%s/.siaga-stage", p);
    touch(q, "");
    write_set(fx, out, "two");
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");

    /* but not one holding anything else */
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(q, sizeof q, "%s/notes.txt", p);
    touch(q, "mine");
    write_set(fx, out, "three");
    assert_int_equal(count_hidden(fx->dir), 1);
}

/* victim/ with two files; whether both are still there, whole */
static void make_victim(const struct fixture *fx, char *victim, size_t size)
{
    char p[256];
    path_in(fx, "victim", victim, size);
    assert_int_equal(mkdir(victim, 0777), 0);
    snprintf(p, sizeof p, "%s/a.txt", victim);
    touch(p, "precious a");
    snprintf(p, sizeof p, "%s/b.txt", victim);
    touch(p, "precious b");
}

static void victim_intact(const char *victim)
{
    char buf[512], p[256];
    listing(victim, buf, sizeof buf);
    assert_string_equal(buf, "a.txt b.txt");
    snprintf(p, sizeof p, "%s/a.txt", victim);
    slurp(p, buf, sizeof buf);
    assert_string_equal(buf, "precious a");
}

static void plant_link(const char *target, const char *folder, const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", folder, name);
    assert_int_equal(symlink(target, p), 0);
}

/* Links planted under every name a staging folder has (the old
 * predictable names and the new pattern with a dead process), beside DIR
 * and inside it, to a folder and to a file, and a folder of this user
 * with such a name but no marker or a marker with another token: every
 * file of the victim stays, and so does every planted thing. */
static void test_planted_links(void **state)
{
    struct fixture *fx = *state;
    char out[128], victim[128], p[256], buf[1024], vfile[160];
    path_in(fx, "out", out, sizeof out);
    make_victim(fx, victim, sizeof victim);
    snprintf(vfile, sizeof vfile, "%s/a.txt", victim);
    plant_link(victim, fx->dir, ".out.siaga-999999-000001");
    plant_link(victim, fx->dir, ".out.siaga-999999-0123456789abcdef");
    plant_link(vfile, fx->dir, ".out.siaga-999998-0123456789abcdef");
    plant_link(victim, fx->dir, ".out.siaga-lock.x");
    /* a folder named right, holding a file, but no marker */
    path_in(fx, ".out.siaga-999997-0123456789abcdef", p, sizeof p);
    assert_int_equal(mkdir(p, 0777), 0);
    strncat(p, "/keep.txt", sizeof p - strlen(p) - 1);
    touch(p, "keep");
    /* a marker with another token */
    path_in(fx, ".out.siaga-999996-0123456789abcdef", p, sizeof p);
    assert_int_equal(mkdir(p, 0777), 0);
    strncat(p, "/.siaga-stage", sizeof p - strlen(p) - 1);
    touch(p, "fedcba9876543210");

    write_set(fx, out, "one");
    victim_intact(victim);
    assert_int_equal(count_hidden(fx->dir), 6);

    /* inside DIR, and DIR with the set: the links make DIR "not only
     * ours", so each file is renamed on its own; they stay */
    plant_link(victim, out, ".siaga-999999-0123456789abcdef");
    plant_link(victim, out, ".siaga-999999-000001");
    write_set(fx, out, "two");
    victim_intact(victim);
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, ".siaga-999999-000001 .siaga-999999-0123456789abcdef "
                             "ringkasan.txt roster.xml");
    snprintf(p, sizeof p, "%s/roster.xml", out);
    slurp(p, buf, sizeof buf);
    assert_string_equal(buf, "two");
    assert_int_equal(fx->errs.n, 0);
}

/* A killed run's container (proven) whose set/ holds a link to the
 * victim and a link named as a nested container: the links go (they are
 * unlinked, never followed), the victim keeps every file. */
static void test_links_nested_in_stale(void **state)
{
    struct fixture *fx = *state;
    char out[128], victim[128], buf[512];
    path_in(fx, "out", out, sizeof out);
    make_victim(fx, victim, sizeof victim);
    /* a killed run's container, then links planted in its set/ */
    killed_run(out, 0);
    struct dirent **ent;
    int n = scandir(fx->dir, &ent, NULL, alphasort);
    char set[600] = "";
    for (int i = 0; i < n; i++) {
        if (strncmp(ent[i]->d_name, ".out.siaga-", 11) == 0 &&
            strcmp(ent[i]->d_name, ".out.siaga-lock") != 0)
            snprintf(set, sizeof set, "%s/%s/set", fx->dir, ent[i]->d_name);
        free(ent[i]);
    }
    free(ent);
    assert_true(set[0] != '\0');
    plant_link(victim, set, "roster.csv");
    plant_link(victim, set, ".siaga-1-0123456789abcdef");
    write_set(fx, out, "one");
    victim_intact(victim);
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out victim");
}

/* A container that proves everything but its owner (another user's) is
 * not removed; only root can make one, so the test is skipped otherwise. */
static void test_other_owner(void **state)
{
    struct fixture *fx = *state;
    char out[128], p[256], q[300];
    if (geteuid() != 0)
        skip();
    path_in(fx, "out", out, sizeof out);
    path_in(fx, ".out.siaga-999999-0123456789abcdef", p, sizeof p);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(q, sizeof q, "%s/.siaga-stage", p);
    touch(q, "0123456789abcdef");
    assert_int_equal(chown(q, 65534, 65534), 0);
    snprintf(q, sizeof q, "%s/set", p);
    assert_int_equal(mkdir(q, 0777), 0);
    snprintf(q, sizeof q, "%s/set/roster.xml", p);
    touch(q, "theirs");
    snprintf(q, sizeof q, "%s/set", p);
    assert_int_equal(chown(q, 65534, 65534), 0);
    assert_int_equal(chown(p, 65534, 65534), 0);
    write_set(fx, out, "one");
    snprintf(q, sizeof q, "%s/set/roster.xml", p);
    assert_int_equal(access(q, F_OK), 0);
    /* the same container, this user's: proven and removed */
    snprintf(q, sizeof q, "chown -R 0:0 '%s'", p);
    assert_int_equal(system(q), 0);
    write_set(fx, out, "two");
    assert_int_equal(access(p, F_OK), -1);
    /* root writing over another user's DIR: the exchanged previous set is
     * removed with the container, nothing stays hidden beside DIR */
    snprintf(q, sizeof q, "chown -R 65534:65534 '%s'", out);
    assert_int_equal(system(q), 0);
    write_set(fx, out, "three");
    char buf[512];
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "out");
}

/* What a fatal exit removes: the staging folder and lock of an open set
 * and a temporary file; the previous set and other files stay. */
static void test_remove_tracked(void **state)
{
    struct fixture *fx = *state;
    char out[128], other[128], tmp[128], buf[512];
    path_in(fx, "out", out, sizeof out);
    write_set(fx, out, "previous");
    path_in(fx, "other.txt", other, sizeof other);
    touch(other, "not ours");
    path_in(fx, "scenario.xml", tmp, sizeof tmp);

    struct outfile of;
    assert_int_equal(outfile_open(&of, tmp, &fx->errs), 0);
    fputs("half", of.fp);
    struct outdir od;
    assert_int_equal(outdir_open(&od, out, &fx->errs), SIAGA_OK);
    FILE *a = outdir_file(&od, "roster.xml", &fx->errs);
    assert_non_null(a);
    fputs("half written", a);
    fflush(a);
    assert_int_equal(count_hidden(fx->dir), 2);

    outdir_remove_tracked();
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "other.txt out");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "ringkasan.txt roster.xml");
    outdir_close(&od);   /* the folder is gone already: nothing to do */
    outfile_close(&of);
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "other.txt out");
}

/* A temporary file whose name was swapped for a link to the victim:
 * closing removes neither the link's target nor the link. */
static void test_outfile_swapped(void **state)
{
    struct fixture *fx = *state;
    char victim[128], path[128], moved[160], link[256], buf[512];
    make_victim(fx, victim, sizeof victim);
    path_in(fx, "model.lp", path, sizeof path);
    struct outfile of;
    assert_int_equal(outfile_open(&of, path, &fx->errs), 0);
    path_in(fx, "moved", moved, sizeof moved);
    assert_int_equal(rename(of.tmp, moved), 0);
    snprintf(link, sizeof link, "%s/a.txt", victim);
    assert_int_equal(symlink(link, of.tmp), 0);
    outfile_close(&of);
    victim_intact(victim);
    listing(fx->dir, buf, sizeof buf);
    assert_true(strstr(buf, ".model.lp.") != NULL);   /* the link stays */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_then_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pid_reused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unfinished_container, setup, teardown),
        cmocka_unit_test_setup_teardown(test_planted_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_nested_in_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_tracked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outfile_swapped, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
