/*
 * split.c - one scenario file per kabupaten, or per Polres of
 * <jurisdictions> (split.h).
 *
 * By Polres (formats 1.6) a part holds the kecamatan of the Polres's
 * areas (each kabupaten element with only those), <jurisdictions> with
 * that Polres alone, and the units serving inside its areas: polres= the
 * Polres, a kecamatan or desa of it, a kabupaten all of whose kecamatan
 * are its, or, with a single Polres, any unit.  A unit that may serve in
 * two Polres (a kabupaten shared by two, or no scope) couples them and
 * is refused with its line, as a unit without scope is by kabupaten.
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

/* Does part p (part of s, units list) read back as s holds it? */
static const char *same_part(const struct scenario *s,
                             const struct scenario_part *part, const int *units,
                             int nunits, const struct scenario *p)
{
    int n = 0, nkab = 0, prev = -1;
    for (int t = 0; t < s->ntps; t++)
        if (io_part_keeps(s, part, s->tps[t].kecamatan)) {
            n++;
            nkab += s->tps[t].kabupaten != prev;
            prev = s->tps[t].kabupaten;
        }
    if (p->nkab != nkab || p->ntps != n || p->nunit != nunits)
        return "regions, TPS or units";
    for (int t = 0, i = 0; t < s->ntps; t++) {
        if (!io_part_keeps(s, part, s->tps[t].kecamatan))
            continue;
        const struct tps *a = &s->tps[t], *b = &p->tps[i++];
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
    for (int f = 0; f < FORCE_COUNT; f++)
        if (s->rules.bko_size[f] != p->rules.bko_size[f])
            return "the rules";
    for (int i = 0; i < nunits; i++)
        if (s->unit[units[i]].cadangan != p->unit[i].cadangan)
            return "a unit";
    /* the Polres of the part, each TPS in the same one */
    for (int t = 0, i = 0; t < s->ntps; t++) {
        if (!io_part_keeps(s, part, s->tps[t].kecamatan))
            continue;
        int a = scenario_tps_polres(s, t), b = scenario_tps_polres(p, i++);
        if ((a < 0) != (b < 0) ||
            (a >= 0 && strcmp(s->polres[a].id, p->polres[b].id) != 0))
            return "jurisdictions";
    }
    return NULL;
}

/* Write part k to path, sync it, read it back and compare.  kec_keep:
 * NULL (k is a kabupaten), or the kecamatan of Polres k. */
static int write_part(const struct scenario *s, int k, const int *units,
                      int nunits, const unsigned char *kec_keep, int set,
                      const char *name, const char *path, const char *shown,
                      struct error_list *errs)
{
    struct scenario_part part = {kec_keep ? -1 : k, units, nunits, kec_keep};
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
    const char *what = same_part(s, &part, units, nunits, back);
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

/* The part of unit u: its kabupaten, or its Polres (by_polres); -1 when
 * it may serve in more than one part. */
static int unit_part(const struct scenario *s, int u, bool by_polres)
{
    if (by_polres)
        return scenario_unit_polres(s, u);
    return s->nkab == 1 ? 0 : io_unit_kabupaten(s, u);
}

/* A unit that may serve in two parts couples them: they cannot be planned
 * apart.  Each such unit into errs. */
static void check_scoped(const struct scenario *s, bool by_polres,
                         struct error_list *errs)
{
    for (int u = 0; u < s->nunit; u++) {
        if (unit_part(s, u, by_polres) >= 0)
            continue;
        if (!by_polres && s->unit[u].scope == SCOPE_ANY)
            error_add(errs, s->file, s->unit[u].line, "unit %s has no "
                      "kabupaten, kecamatan or desa: it may serve in any "
                      "of the %d kabupaten, so they cannot be planned "
                      "apart (each part would lose its members or count "
                      "them twice, and the plans would differ from the "
                      "plan of the whole); give it a scope, or plan the "
                      "scenario whole", s->unit[u].id, s->nkab);
        else
            error_add(errs, s->file, s->unit[u].line, "unit %s may serve "
                      "in more than one %s (%s %s), so they cannot be "
                      "planned apart (each part would lose its members or "
                      "count them twice); give it a scope inside one, or "
                      "plan the scenario whole", s->unit[u].id,
                      by_polres ? "Polres" : "kabupaten",
                      scope_name(s->unit[u].scope),
                      s->unit[u].scope == SCOPE_ANY ? "(no scope)"
                      : s->unit[u].scope == SCOPE_POLRES
                      ? s->polres[s->unit[u].region].id
                      : s->unit[u].scope == SCOPE_KABUPATEN
                      ? s->kab[s->unit[u].region].code : "?");
    }
}

/* The units of part k, in scenario order, at (*list)[(*start)[k] ..
 * (*start)[k + 1] - 1] (a counting sort).  Returns 0, or -1 when out of
 * memory (the caller frees *start and *list either way). */
static int units_by_part(const struct scenario *s, int nparts, bool by_polres,
                         int **start_out, int **list_out)
{
    int *start = *start_out = calloc((size_t)nparts + 2, sizeof *start);
    int *list = *list_out = malloc(sizeof *list * ((size_t)s->nunit + 1));
    if (start == NULL || list == NULL)
        return -1;
    for (int u = 0; u < s->nunit; u++)
        start[unit_part(s, u, by_polres) + 1]++;
    for (int k = 0; k < nparts; k++)
        start[k + 1] += start[k];
    for (int u = 0; u < s->nunit; u++)
        list[start[unit_part(s, u, by_polres)]++] = u;
    for (int k = nparts; k > 0; k--)
        start[k] = start[k - 1];
    start[0] = 0;
    return 0;
}

int io_split_kabupaten(const struct scenario *s, const char *dir,
                       int *nparts, struct error_list *errs)
{
    return io_split(s, false, dir, nparts, errs);
}

int io_split(const struct scenario *s, bool by_polres, const char *dir,
             int *nparts, struct error_list *errs)
{
    int rc = SIAGA_EINPUT;
    char *copy = NULL, *stagedir = NULL, *path = NULL, *shown = NULL;
    int *start = NULL, *list = NULL, pfd = -1;
    unsigned char *keep = NULL;
    int npart = by_polres ? s->npolres : s->nkab;
    struct outdir_temp stage;
    char prefix[NAME_MAX + 1];
    outdir_temp_init(&stage);
    long e0 = error_count(errs);
    *nparts = 0;

    if (by_polres && (s->npolres == 0 || s->kec_polres == NULL)) {
        error_add(errs, s->file, 0, "split --by polres needs <jurisdictions> "
                  "(formats.md 1.6): the scenario names no Polres");
        goto done;
    }
    check_scoped(s, by_polres, errs);
    if (error_count(errs) > e0 || check_dir(dir, errs) != 0)
        goto done;

    rc = SIAGA_ENOMEM;
    size_t dlen = strlen(dir);
    copy = malloc(dlen + 2);
    keep = malloc((size_t)s->nkec + 1);
    if (copy == NULL || keep == NULL ||
        units_by_part(s, npart, by_polres, &start, &list) != 0)
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

    for (int k = 0; k < npart; k++) {
        char name[300];
        snprintf(name, sizeof name, "%s.xml",
                 by_polres ? s->polres[k].id : s->kab[k].code);
        for (int c = 0; c < s->nkec; c++)
            keep[c] = by_polres && s->kec_polres[c] == k;
        free(path);
        free(shown);
        path = outdir_join(stagedir, name);
        shown = outdir_join(dir, name);
        if (path == NULL || shown == NULL) {
            rc = SIAGA_ENOMEM;
            goto done;
        }
        rc = write_part(s, k, list + start[k], start[k + 1] - start[k],
                        by_polres ? keep : NULL, stage.set, name, path, shown,
                        errs);
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
    free(keep);
    return rc;
}
