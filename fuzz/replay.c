/*
 * replay.c - run a fuzz target without libFuzzer: each argument is an
 * input file (or a folder of them) handed to LLVMFuzzerTestOneInput once.
 * Built with the ordinary compiler so that every crash the fuzzer found
 * stays a regression test in `make check` (and under ASan/UBSan in
 * `make test`).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;
    if (f == NULL)
        goto done;
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            uint8_t *p = realloc(buf, cap);
            if (p == NULL)
                goto done;
            buf = p;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    if (ferror(f))
        goto done;
    LLVMFuzzerTestOneInput(buf, n);
    rc = 0;
done:
    if (f != NULL)
        fclose(f);
    free(buf);
    if (rc != 0)
        fprintf(stderr, "replay: cannot read %s\n", path);
    return rc;
}

/* Files of a folder in name order, so runs are reproducible. */
static int run_dir(const char *dir, int *count)
{
    struct dirent **ents = NULL;
    int n = scandir(dir, &ents, NULL, alphasort), rc = 0;
    if (n < 0) {
        fprintf(stderr, "replay: cannot list %s\n", dir);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char p[4096];
        struct stat st;
        if (ents[i]->d_name[0] != '.') {
            snprintf(p, sizeof p, "%s/%s", dir, ents[i]->d_name);
            if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
                if (run_file(p) != 0)
                    rc = -1;
                (*count)++;
            }
        }
        free(ents[i]);
    }
    free(ents);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0, count = 0;
    struct stat st;
    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (run_dir(argv[i], &count) != 0)
                rc = 1;
        } else {
            if (run_file(argv[i]) != 0)
                rc = 1;
            count++;
        }
    }
    printf("%s: %d inputs replayed\n", argv[0], count);
    return rc;
}
