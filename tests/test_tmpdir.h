/*
 * test_tmpdir.h - a fresh folder under /tmp for the suites that write
 * files, removed with what is in it after each test.
 */
#ifndef SIAGA_TEST_TMPDIR_H
#define SIAGA_TEST_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>

/* /tmp/siaga-test-NAME-XXXXXX into dir (size bytes); 0, or -1. */
static int tmpdir_make(char *dir, size_t size, const char *name)
{
    if (snprintf(dir, size, "/tmp/siaga-test-%s-XXXXXX", name) >= (int)size)
        return -1;
    return mkdtemp(dir) != NULL ? 0 : -1;
}

/* The folder and everything in it. */
static void tmpdir_remove(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

#endif
