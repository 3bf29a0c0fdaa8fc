/*
 * split.c - one scenario file per kabupaten (split.h).
 *
 * The parts go into the set/ folder of a staging container beside DIR
 * (outdir_stage_make: PARENT/.NAME.siaga-PID-TOKEN, private, unpredictable,
 * removed through its descriptor, never by a path that could have been
 * swapped for a link), each is written through that folder's descriptor
 * (O_EXCL | O_NOFOLLOW), synced, read back through the scenario reader and
 * compared with the original, and set/ is renamed to DIR: rename(2) puts a
 * folder in place of a missing or empty one in one step, so DIR shows all
 * parts or none.  DIR holding anything is refused up front (a stale part
 * of an earlier split would be planned with the new ones); the rest of
 * io/outdir.h is not used because it holds a fixed handful of open files
 * and a national split has 514.  A container of a killed run is removed
 * by the next split or plan beside the same DIR, once proven (outdir.h).
 */
#include "io/split/split.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/formats/scenario_read.h"
#include "io/formats/scenario_write.h"
#include "io/outdir.h"




/* 0 when dir is missing or an empty folder; else a message in errs. */
static int check_dir(const char *dir, struct error_list *errs)
{
    struct stat st;
    char why[2200];
    if (outdir_path_problem(dir, why, sizeof why) != NULL) {
        error_add(errs, dir, 0, "cannot make the folder: %s", why);
        return -1;
    }
    if (stat(dir, &st) != 0)
        return errno == ENOENT ? 0 : (error_add(errs, dir, 0, "%s", strerror(errno)), -1);
    if (!S_ISDIR(st.st_mode)) {
        error_add(errs, dir, 0, "exists and is not a folder");
        return -1;
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        error_add(errs, dir, 0, "%s", strerror(errno));
        return -1;
    }
    int empty = 1;
    struct dirent *e;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    if (!empty)
        error_add(errs, dir, 0, "not empty: split writes a fresh folder, so "
                  "that no part of an earlier split is planned with this "
                  "one; remove it or name another");
    return empty ? 0 : -1;
}

/* Does part p (kabupaten k of s, units list) read back as s holds it? */
static const char *same_part(const struct scenario *s, int k, const int *units,
                             int nunits, const struct scenario *p)
{
    int t0 = 0, n = 0, hi = s->ntps;
    while (t0 < hi) {   /* first TPS of kabupaten k: they are contiguous */
        int mid = t0 + (hi - t0) / 2;
        if (s->tps[mid].kabupaten < k)
            t0 = mid + 1;
        else
            hi = mid;
    }
    while (t0 + n < s->ntps && s->tps[t0 + n].kabupaten == k)
        n++;
    if (p->nkab != 1 || p->ntps != n || p->nunit != nunits)
        return "regions, TPS or units";
    for (int i = 0; i < n; i++) {
        const struct tps *a = &s->tps[t0 + i], *b = &p->tps[i];
        if (a->lat != b->lat || a->lon != b->lon || a->grade != b->grade ||
            a->no != b->no || a->voters != b->voters || a->sulit != b->sulit ||
            a->blankspot != b->blankspot ||
            strcmp(s->desa[a->desa].code, p->desa[b->desa].code) != 0)
            return "a TPS";
    }
    for (int i = 0; i < nunits; i++) {
        const struct unit *a = &s->unit[units[i]], *b = &p->unit[i];
        if (strcmp(a->id, b->id) != 0 || a->lat != b->lat || a->lon != b->lon ||
            a->nmembers != b->nmembers || a->force != b->force ||
            a->scope != b->scope)
            return "a unit";
        for (int m = 0; m < a->nmembers; m++)
            if (strcmp(s->member[a->first_member + m].id,
                       p->member[b->first_member + m].id) != 0)
                return "a member";
    }
    for (int g = 0; g < GRADE_COUNT; g++) {
        const struct grade_rule *a = &s->rules.grade[g], *b = &p->rules.grade[g];
        if (a->guards != b->guards || a->tps_per_post != b->tps_per_post ||
            a->min_polri != b->min_polri || a->radius_km != b->radius_km)
            return "the rules";
    }
    if (s->rules.linmas_per_tps != p->rules.linmas_per_tps ||
        strcmp(s->name, p->name) != 0 || strcmp(s->date, p->date) != 0)
        return "the rules, name or date";
    return NULL;
}

/* Write part k to path, sync it, read it back and compare. */
static int write_part(const struct scenario *s, int k, const int *units,
                      int nunits, int set, const char *name, const char *path,
                      const char *shown, struct error_list *errs)
{
    struct scenario_part part = {k, units, nunits};
    struct scenario *back = NULL;
    struct error_list el;
    error_list_init(&el);
    int rc = SIAGA_EIO;
    int fd = openat(set, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                               O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        error_add(errs, shown, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        goto done;
    }
    int bad = io_write_scenario(f, s, &part) != 0 || fflush(f) != 0 ||
              fsync(fileno(f)) != 0;
    int err = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (bad) {
        error_add(errs, shown, 0, "cannot write: %s", strerror(err));
        goto done;
    }
    int r = io_read_scenario(path, &back, &el);
    if (r == SIAGA_ENOMEM) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    if (r != SIAGA_OK) {
        error_add(errs, shown, el.n > 0 ? el.items[0].line : 0,
                  "the part written does not read back (a bug): %s",
                  el.n > 0 ? el.items[0].message : "unknown error");
        goto done;
    }
    const char *what = same_part(s, k, units, nunits, back);
    if (what != NULL) {
        error_add(errs, shown, 0, "the part written reads back with "
                  "different %s (a bug)", what);
        goto done;
    }
    rc = SIAGA_OK;
done:
    scenario_destroy(back);
    error_list_free(&el);
    return rc;
}

/* A unit without a scope may serve in any kabupaten: with more than one,
 * the parts cannot be planned apart.  Each such unit into errs. */
static void check_scoped(const struct scenario *s, struct error_list *errs)
{
    if (s->nkab > 1)
        for (int u = 0; u < s->nunit; u++)
            if (s->unit[u].scope == SCOPE_ANY)
                error_add(errs, s->file, s->unit[u].line, "unit %s has no "
                          "kabupaten, kecamatan or desa: it may serve in any "
                          "of the %d kabupaten, so they cannot be planned "
                          "apart (each part would lose its members or count "
                          "them twice, and the plans would differ from the "
                          "plan of the whole); give it a scope, or plan the "
                          "scenario whole", s->unit[u].id, s->nkab);
}

/* The units of kabupaten k, in scenario order, at (*list)[(*start)[k] ..
 * (*start)[k + 1] - 1] (a counting sort).  Returns 0, or -1 when out of
 * memory (the caller frees *start and *list either way). */
static int units_by_kabupaten(const struct scenario *s, int **start_out,
                              int **list_out)
{
    int *start = *start_out = calloc((size_t)s->nkab + 2, sizeof *start);
    int *list = *list_out = malloc(sizeof *list * ((size_t)s->nunit + 1));
    if (start == NULL || list == NULL)
        return -1;
    for (int u = 0; u < s->nunit; u++)
        start[(s->nkab == 1 ? 0 : io_unit_kabupaten(s, u)) + 1]++;
    for (int k = 0; k < s->nkab; k++)
        start[k + 1] += start[k];
    for (int u = 0; u < s->nunit; u++)
        list[start[s->nkab == 1 ? 0 : io_unit_kabupaten(s, u)]++] = u;
    for (int k = s->nkab; k > 0; k--)
        start[k] = start[k - 1];
    start[0] = 0;
    return 0;
}

int io_split_kabupaten(const struct scenario *s, const char *dir,
                       int *nparts, struct error_list *errs)
{
    int rc = SIAGA_EINPUT;
    char *copy = NULL, *stagedir = NULL, *path = NULL, *shown = NULL;
    int *start = NULL, *list = NULL, pfd = -1;
    struct outdir_temp stage;
    char prefix[NAME_MAX + 1];
    outdir_temp_init(&stage);
    long e0 = error_count(errs);
    *nparts = 0;

    check_scoped(s, errs);
    if (error_count(errs) > e0 || check_dir(dir, errs) != 0)
        goto done;

    rc = SIAGA_ENOMEM;
    size_t dlen = strlen(dir);
    copy = malloc(dlen + 2);
    if (copy == NULL || units_by_kabupaten(s, &start, &list) != 0)
        goto done;

    /* the staging folder beside dir */
    memcpy(copy, dir, dlen + 1);
    while (dlen > 1 && copy[dlen - 1] == '/')
        copy[--dlen] = '\0';
    char *slash = strrchr(copy, '/');
    const char *parent = ".", *base = copy;
    if (slash != NULL) {
        *slash = '\0';
        parent = slash == copy ? "/" : copy;
        base = slash + 1;
    }
    rc = SIAGA_EIO;
    char why[2200];
    if (slash != NULL && slash != copy && outdir_mkdirs(copy) != 0) {
        int err = errno;
        error_add(errs, parent, 0, "cannot make the folder: %s",
                  outdir_dangling(parent, why, sizeof why) ? why : strerror(err));
        goto done;
    }
    if ((pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        int err = errno;
        error_add(errs, parent, 0, "cannot use the folder: %s",
                  outdir_dangling(parent, why, sizeof why) ? why : strerror(err));
        goto done;
    }
    snprintf(prefix, sizeof prefix, ".%.200s.siaga-", base);
    outdir_remove_stale(pfd, prefix);
    if (outdir_stage_make(&stage, pfd, prefix) != 0) {
        error_add(errs, parent, 0, "cannot make a staging folder: %s",
                  strerror(errno));
        goto done;
    }
    /* the parts are read back by name: the container is private (0700) */
    size_t n = strlen(parent) + strlen(stage.name) + 8;
    if ((stagedir = malloc(n)) == NULL) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    snprintf(stagedir, n, "%s/%s/set", parent, stage.name);

    for (int k = 0; k < s->nkab; k++) {
        char name[300];
        snprintf(name, sizeof name, "%s.xml", s->kab[k].code);
        free(path);
        free(shown);
        path = outdir_join(stagedir, name);
        shown = outdir_join(dir, name);
        if (path == NULL || shown == NULL) {
            rc = SIAGA_ENOMEM;
            goto done;
        }
        rc = write_part(s, k, list + start[k], start[k + 1] - start[k],
                        stage.set, name, path, shown, errs);
        if (rc != SIAGA_OK)
            goto done;
        (*nparts)++;
    }
    fsync(stage.set);
    if (renameat(stage.fd, "set", pfd, base) != 0) {
        rc = SIAGA_EIO;
        error_add(errs, dir, 0, "cannot put the parts in place: %s",
                  errno == ENOTEMPTY || errno == EEXIST ?
                  "the folder is no longer empty" : strerror(errno));
        goto done;
    }
    fsync(pfd);
    rc = SIAGA_OK;
done:
    outdir_stage_remove(&stage);   /* the parts, or only the marker */
    if (pfd >= 0)
        close(pfd);
    if (rc != SIAGA_OK)
        *nparts = 0;
    free(stagedir);
    free(copy);
    free(path);
    free(shown);
    free(start);
    free(list);
    return rc;
}
