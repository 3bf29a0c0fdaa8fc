/*
 * test_outdir.c - all-or-nothing output folders (io/outdir.c): a set put in
 * a new folder and over a previous set, nothing but the set left beside
 * it; removing a staging folder (also with hundreds of files, more than
 * one getdents64 buffer, and with a killed run's staging folder inside)
 * while a folder that is not ours stays; and the temporaries a fatal exit
 * removes (outdir_track / outdir_remove_tracked).  Files go to a fresh
 * folder under /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outdir.h"
#include "test_tmpdir.h"

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

/* A staging folder holding 600 files (more than one getdents64 buffer)
 * and a killed run's staging folder goes; a folder holding a folder that
 * is not a staging folder stays, with that folder. */
static void test_remove_tree(void **state)
{
    struct fixture *fx = *state;
    char stage[128], p[256], buf[512];
    path_in(fx, ".out.siaga-1-000001", stage, sizeof stage);
    assert_int_equal(mkdir(stage, 0777), 0);
    for (int i = 0; i < 600; i++) {
        snprintf(p, sizeof p, "%s/file-with-a-longish-name-%04d.xml", stage, i);
        touch(p, "x");
    }
    snprintf(p, sizeof p, "%s/.siaga-2-000002", stage);
    assert_int_equal(mkdir(p, 0777), 0);
    snprintf(p, sizeof p, "%s/.siaga-2-000002/roster.xml", stage);
    touch(p, "x");
    outdir_remove_tree(stage);
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "");

    path_in(fx, "mine", stage, sizeof stage);
    assert_int_equal(mkdir(stage, 0777), 0);
    snprintf(p, sizeof p, "%s/a.txt", stage);
    touch(p, "x");
    snprintf(p, sizeof p, "%s/keep", stage);
    assert_int_equal(mkdir(p, 0777), 0);
    outdir_remove_tree(stage);
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "mine");
    listing(stage, buf, sizeof buf);
    assert_string_equal(buf, "keep");
}

/* What a fatal exit removes: the tracked staging folder of an open set and
 * a tracked temporary file; an untracked file and the previous set stay. */
static void test_remove_tracked(void **state)
{
    struct fixture *fx = *state;
    char out[128], tmp[128], other[128], buf[512];
    path_in(fx, "out", out, sizeof out);
    write_set(fx, out, "previous");
    path_in(fx, ".scenario.xml.ABCDEF", tmp, sizeof tmp);
    path_in(fx, "other.txt", other, sizeof other);
    touch(tmp, "half");
    touch(other, "not ours");
    assert_int_equal(outdir_track(tmp), 0);

    struct outdir od;
    assert_int_equal(outdir_open(&od, out, &fx->errs), SIAGA_OK);
    FILE *a = outdir_file(&od, "roster.xml", &fx->errs);
    assert_non_null(a);
    fputs("half written", a);
    fflush(a);
    listing(fx->dir, buf, sizeof buf);
    assert_true(strstr(buf, ".out.siaga-") != NULL);

    outdir_remove_tracked();
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "other.txt out");
    listing(out, buf, sizeof buf);
    assert_string_equal(buf, "ringkasan.txt roster.xml");
    outdir_close(&od);   /* the folder is gone already: nothing to do */
    listing(fx->dir, buf, sizeof buf);
    assert_string_equal(buf, "other.txt out");

    /* untracked paths are not removed, and the table has room again */
    touch(tmp, "again");
    assert_int_equal(outdir_track(tmp), 0);
    outdir_untrack(tmp);
    outdir_remove_tracked();
    assert_int_equal(access(tmp, F_OK), 0);
    for (int i = 0; i < OUTDIR_MAX_TRACKED; i++)
        assert_int_equal(outdir_track(tmp), 0);
    assert_int_equal(outdir_track(tmp), -1);
    outdir_untrack(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_then_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_tracked, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
