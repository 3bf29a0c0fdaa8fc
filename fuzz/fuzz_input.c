/*
 * fuzz_input.c - the memory file behind fuzz_input_path, see fuzz_input.h.
 */
#define _GNU_SOURCE
#include "fuzz/fuzz_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/formats/scenario_read.h"
#include "model/error.h"

static int fd = -1;
static char path[64];

const char *fuzz_input_path(const uint8_t *data, size_t size)
{
    if (fd < 0) {
        fd = memfd_create("siaga-fuzz", 0);
        if (fd < 0)
            return NULL;
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        return NULL;
    for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            return NULL;
        done += (size_t)n;
    }
    return path;
}

/* The fuzz builds link with -Wl,--wrap=fsync: the importers sync every
 * file they write, which left the import targets waiting on the disk
 * most of the time.  Durability is tested in tests/faults, not here. */
int __wrap_fsync(int file);
int __wrap_fsync(int file)
{
    (void)file;
    return 0;
}

static struct scenario *audit_scn;
static FILE *sink;

static void load_audit(void)
{
    struct error_list el;
    if (audit_scn != NULL)
        return;
    error_list_init(&el);
    if (io_read_scenario(FUZZ_AUDIT_SCENARIO, &audit_scn, &el) != SIAGA_OK ||
        (sink = fopen("/dev/null", "w")) == NULL) {
        fprintf(stderr, "fuzz: cannot load %s\n", FUZZ_AUDIT_SCENARIO);
        abort();
    }
    error_list_free(&el);
}

const struct scenario *fuzz_audit_scenario(void)
{
    load_audit();
    return audit_scn;
}

FILE *fuzz_sink(void)
{
    load_audit();
    return sink;
}
