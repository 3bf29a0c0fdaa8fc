/*
 * outdir.c - temporary files renamed into place, see outdir.h.
 */
#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

static int mkdirs(char *path)
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
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

int outdir_open(struct outdir *od, const char *dir, struct error_list *errs)
{
    memset(od, 0, sizeof *od);
    od->dir = strdup(dir);
    if (od->dir == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    if (mkdirs(od->dir) != 0) {
        error_add(errs, dir, 0, "cannot create output folder: %s",
                  strerror(errno));
        return SIAGA_EIO;
    }
    return SIAGA_OK;
}

FILE *outdir_file(struct outdir *od, const char *name, struct error_list *errs)
{
    if (od->n == OUTDIR_MAX_FILES)
        return NULL;
    char base[256];
    snprintf(base, sizeof base, ".%s.XXXXXX", name);
    char *tmp = join(od->dir, base), *fin = join(od->dir, name);
    if (tmp == NULL || fin == NULL) {
        free(tmp);
        free(fin);
        error_add(errs, NULL, 0, "out of memory");
        return NULL;
    }
    int fd = mkstemp(tmp);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fp == NULL) {
        error_add(errs, fin, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        free(fin);
        return NULL;
    }
    /* mkstemp makes 0600; outputs are ordinary files */
    fchmod(fd, 0644);
    od->tmp[od->n] = tmp;
    od->final[od->n] = fin;
    od->fp[od->n] = fp;
    od->n++;
    return fp;
}

int outdir_commit(struct outdir *od, struct error_list *errs)
{
    int rc = SIAGA_OK;
    for (int i = 0; i < od->n; i++) {
        FILE *fp = od->fp[i];
        od->fp[i] = NULL;
        if (fp == NULL)
            continue;
        int bad = ferror(fp) || fflush(fp) != 0 || fsync(fileno(fp)) != 0;
        if (fclose(fp) != 0)
            bad = 1;
        if (bad && rc == SIAGA_OK) {
            error_add(errs, od->final[i], 0, "cannot write: %s",
                      errno ? strerror(errno) : "write error");
            rc = SIAGA_EIO;
        }
    }
    for (int i = 0; i < od->n && rc == SIAGA_OK; i++) {
        if (rename(od->tmp[i], od->final[i]) != 0) {
            error_add(errs, od->final[i], 0, "cannot rename into place: %s",
                      strerror(errno));
            rc = SIAGA_EIO;
            break;
        }
        free(od->tmp[i]);
        od->tmp[i] = NULL;
    }
    return rc;
}

void outdir_close(struct outdir *od)
{
    for (int i = 0; i < od->n; i++) {
        if (od->fp[i] != NULL)
            fclose(od->fp[i]);
        if (od->tmp[i] != NULL)
            unlink(od->tmp[i]);
        free(od->tmp[i]);
        free(od->final[i]);
    }
    free(od->dir);
    memset(od, 0, sizeof *od);
}
