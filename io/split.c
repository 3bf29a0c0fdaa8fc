/*
 * split.c - one scenario file per kabupaten (split.h).
 *
 * The parts go into PARENT/.NAME.siaga-split-XXXXXX (mkdtemp), each is
 * synced and read back through the scenario reader and compared with the
 * original, and the folder is renamed to DIR: rename(2) puts a folder in
 * place of a missing or empty one in one step, so DIR shows all parts or
 * none.  DIR holding anything is refused up front (a stale part of an
 * earlier split would be planned with the new ones); io/outdir.h is not
 * used because it holds a fixed handful of open files and a national
 * split has 514.  A staging folder of a killed run stays behind, hidden.
 */
#include "split.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outdir.h"
#include "scenario_read.h"
#include "scenario_write.h"



static void sync_path(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        fsync(fileno(f));
        fclose(f);
    }
}

/* 0 when dir is missing or an empty folder; else a message in errs. */
static int check_dir(const char *dir, struct error_list *errs)
{
    struct stat st;
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
                      int nunits, const char *path, const char *shown,
                      struct error_list *errs)
{
    struct scenario_part part = {k, units, nunits};
    struct scenario *back = NULL;
    struct error_list el;
    error_list_init(&el);
    int rc = SIAGA_EIO;
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        error_add(errs, shown, 0, "cannot write: %s", strerror(errno));
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

int io_split_kabupaten(const struct scenario *s, const char *dir,
                       int *nparts, struct error_list *errs)
{
    int rc = SIAGA_EINPUT;
    char *copy = NULL, *stage = NULL, *path = NULL, *shown = NULL;
    int *start = NULL, *list = NULL;
    long e0 = error_count(errs);
    *nparts = 0;

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
    if (error_count(errs) > e0 || check_dir(dir, errs) != 0)
        goto done;

    rc = SIAGA_ENOMEM;
    /* units of each kabupaten, in scenario order (a counting sort) */
    start = calloc((size_t)s->nkab + 2, sizeof *start);
    list = malloc(sizeof *list * ((size_t)s->nunit + 1));
    size_t dlen = strlen(dir);
    copy = malloc(dlen + 2);
    if (start == NULL || list == NULL || copy == NULL)
        goto done;
    for (int u = 0; u < s->nunit; u++)
        start[(s->nkab == 1 ? 0 : io_unit_kabupaten(s, u)) + 1]++;
    for (int k = 0; k < s->nkab; k++)
        start[k + 1] += start[k];
    for (int u = 0; u < s->nunit; u++)
        list[start[s->nkab == 1 ? 0 : io_unit_kabupaten(s, u)]++] = u;
    for (int k = s->nkab; k > 0; k--)
        start[k] = start[k - 1];
    start[0] = 0;

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
    if (slash != NULL && slash != copy && outdir_mkdirs(copy) != 0) {
        error_add(errs, parent, 0, "cannot make the folder: %s", strerror(errno));
        goto done;
    }
    size_t n = strlen(parent) + strlen(base) + 40;
    stage = malloc(n);
    if (stage == NULL) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    snprintf(stage, n, "%s/.%s.siaga-split-XXXXXX", parent, base);
    if (mkdtemp(stage) == NULL) {
        error_add(errs, parent, 0, "cannot make a staging folder: %s",
                  strerror(errno));
        free(stage);
        stage = NULL;
        goto done;
    }
    outdir_track(stage);
    mode_t mask = umask(0);
    umask(mask);
    chmod(stage, 0777 & ~mask);   /* mkdtemp made it 0700; it becomes dir */

    for (int k = 0; k < s->nkab; k++) {
        char name[300];
        snprintf(name, sizeof name, "%s.xml", s->kab[k].code);
        free(path);
        free(shown);
        path = outdir_join(stage, name);
        shown = outdir_join(dir, name);
        if (path == NULL || shown == NULL) {
            rc = SIAGA_ENOMEM;
            goto done;
        }
        rc = write_part(s, k, list + start[k], start[k + 1] - start[k], path,
                        shown, errs);
        if (rc != SIAGA_OK)
            goto done;
        (*nparts)++;
    }
    sync_path(stage);
    if (rename(stage, dir) != 0) {
        rc = SIAGA_EIO;
        error_add(errs, dir, 0, "cannot put the parts in place: %s",
                  errno == ENOTEMPTY || errno == EEXIST ?
                  "the folder is no longer empty" : strerror(errno));
        goto done;
    }
    outdir_untrack(stage);
    free(stage);
    stage = NULL;
    sync_path(parent);
    rc = SIAGA_OK;
done:
    if (stage != NULL) {
        outdir_remove_tree(stage);
        outdir_untrack(stage);
    }
    if (rc != SIAGA_OK)
        *nparts = 0;
    free(stage);
    free(copy);
    free(path);
    free(shown);
    free(start);
    free(list);
    return rc;
}
