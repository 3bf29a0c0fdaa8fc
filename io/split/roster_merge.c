/*
 * roster_merge.c - merge the rosters of disjoint parts (roster_merge.h).
 *
 * Every roster is read and validated by io_read_roster and kept as text;
 * the output goes through the roster.xml writer of io/report/plan_write.c, so the
 * attributes come out as `siaga plan` writes them.  Overlaps are found
 * with one map from TPS code and one from member id to a global index,
 * which names the first occurrence (file and line) in the message.
 */
#include "io/split/roster_merge.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "io/formats/roster_read.h"
#include "io/outdir.h"
#include "io/report/plan_view.h"
#include "io/report/plan_write.h"
#include "io/xml/guard.h"
#include "model/strmap.h"

static int status_rank(const char *st)
{
    if (strcmp(st, "optimal") == 0)
        return PLAN_OPTIMAL;
    if (strcmp(st, "shortage") == 0)
        return PLAN_SHORTAGE;
    return PLAN_FEASIBLE;
}

/* The gap attribute of the roster element (the raw roster does not keep
 * it); 0 when absent.  The file has been validated already; -1 when it
 * cannot be opened again (*err is the errno). */
static double read_gap(const char *path, int *err)
{
    struct xml_guard_file in;
    double gap = 0;
    xmlTextReaderPtr r = xml_guard_reader(&in, path, xml_guard_options());
    *err = 0;
    if (r == NULL) {
        *err = in.error != 0 ? in.error : ENOMEM;
        xml_guard_file_close(&in);
        return -1;
    }
    while (xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "gap");
        if (v != NULL) {
            gap = strtod((const char *)v, NULL);
            xmlFree(v);
        }
        break;
    }
    xmlFreeTextReader(r);
    xml_guard_file_close(&in);
    return gap > 0 && gap <= 1 ? gap : 0;
}

/*
 * libxml2 2.9's SAX2 parser, without entity substitution (which the
 * readers rightly never ask for), hands an attribute's "&amp;" to
 * io_read_roster as the five characters "&#38;" while it turns every other
 * reference into its character; so in a raw roster every '&' starts
 * "&#38;".  Undo that, so that the writer's "&amp;" comes out again.
 * Returns s, or buf (n bytes) holding the value; a value too long for buf
 * is returned as it is.
 */
static const char *unamp(const char *s, char *buf, size_t n)
{
    if (s == NULL || strchr(s, '&') == NULL || strlen(s) >= n)
        return s;
    char *d = buf;
    while (*s) {
        if (strncmp(s, "&#38;", 5) == 0) {
            *d++ = '&';
            s += 5;
        } else {
            *d++ = *s++;
        }
    }
    *d = '\0';
    return buf;
}

#define UNAMP_MAX 1024

/* Where the k-th registered item (global index) came from. */
struct seen {
    const struct raw_roster *r;
    long line;
};

struct merge {
    struct raw_roster **part;
    int n;
    struct strmap *tps, *member;
    struct seen *seen;          /* by global index, TPS then members */
    int nseen, capseen;
    int *part_of;               /* part of each global index */
    struct error_list *errs;
};

/* Register key for part i at line; an overlap with another part is an
 * error.  Returns 0, or -1 when out of memory. */
static int claim(struct merge *mg, struct strmap *map, const char *what,
                 const char *key, int i, long line)
{
    if (mg->nseen == mg->capseen) {
        int cap = mg->capseen ? mg->capseen * 2 : 1024;
        struct seen *s = realloc(mg->seen, sizeof *s * (size_t)cap);
        int *p = realloc(mg->part_of, sizeof *p * (size_t)cap);
        if (s != NULL)
            mg->seen = s;
        if (p != NULL)
            mg->part_of = p;
        if (s == NULL || p == NULL)
            return -1;
        mg->capseen = cap;
    }
    int old;
    int r = strmap_put(map, key, mg->nseen, &old);
    if (r < 0)
        return -1;
    if (r == 0) {
        mg->seen[mg->nseen] = (struct seen){mg->part[i], line};
        mg->part_of[mg->nseen++] = i;
    } else if (mg->part_of[old] != i) {
        /* within one roster a repeat is the audit's to judge */
        error_add(mg->errs, mg->part[i]->file, line, "%s %s is also in %s "
                  "(line %ld): the rosters overlap, they are not of disjoint "
                  "parts", what, key, mg->seen[old].r->file, mg->seen[old].line);
    }
    return 0;
}

/* A TPS named by a Linmas place must not be another part's. */
static void check_linmas_tps(struct merge *mg, int i, const struct raw_linmas *l)
{
    int k = strmap_get(mg->tps, l->tps);
    if (k >= 0 && mg->part_of[k] != i)
        error_add(mg->errs, mg->part[i]->file, l->line, "TPS %s is also in %s "
                  "(line %ld): the rosters overlap, they are not of disjoint "
                  "parts", l->tps, mg->seen[k].r->file, mg->seen[k].line);
}

static int check_parts(struct merge *mg)
{
    for (int i = 0; i < mg->n; i++) {
        const struct raw_roster *r = mg->part[i];
        char b1[UNAMP_MAX], b2[UNAMP_MAX];
        if (strcmp(r->scenario, mg->part[0]->scenario) != 0)
            error_add(mg->errs, r->file, r->line, "roster of scenario '%s', "
                      "but %s is of '%s': merge the parts of one scenario",
                      unamp(r->scenario, b1, sizeof b1), mg->part[0]->file,
                      unamp(mg->part[0]->scenario, b2, sizeof b2));
        for (int t = 0; t < r->ntps; t++)
            if (claim(mg, mg->tps, "TPS", r->tps[t].id, i, r->tps[t].line) != 0)
                return -1;
    }
    for (int i = 0; i < mg->n; i++) {
        const struct raw_roster *r = mg->part[i];
        for (int g = 0; g < r->nguard; g++)
            if (claim(mg, mg->member, "member", r->guard[g].member, i,
                      r->guard[g].line) != 0)
                return -1;
        for (int l = 0; l < r->nlinmas; l++) {
            check_linmas_tps(mg, i, &r->linmas[l]);
            if (claim(mg, mg->member, "member", r->linmas[l].member, i,
                      r->linmas[l].line) != 0)
                return -1;
        }
        for (int v = 0; v < r->nreserve; v++)
            if (claim(mg, mg->member, "member", r->reserve[v].member, i,
                      r->reserve[v].line) != 0)
                return -1;
    }
    return 0;
}

/* A reserve and its place in the scenario's member order. */
struct reserve_ref {
    const struct raw_guard *g;
    int key;
    int seq;
};

static int cmp_reserve(const void *a, const void *b)
{
    const struct reserve_ref *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int write_merged(FILE *f, struct merge *mg, const struct reserve_ref *res,
                        int nres, const char *status, const char *gap,
                        int nposts)
{
    char id[24], b1[UNAMP_MAX], b2[UNAMP_MAX], b3[UNAMP_MAX];
    struct roster_writer *rw = io_roster_writer_open(
        f, 1, unamp(mg->part[0]->scenario, b1, sizeof b1), status, gap);
    if (rw == NULL)
        return -1;
    int q = 0, bad = 0;
    for (int i = 0; i < mg->n && !bad; i++) {
        const struct raw_roster *r = mg->part[i];
        for (int p = 0; p < r->npost && !bad; p++) {
            const struct raw_post *po = &r->post[p];
            bad |= io_roster_writer_post(rw, io_post_id(q++, nposts, id), po->grade,
                                         po->kecamatan, po->required,
                                         po->route_km);
            for (int t = 0; t < po->ntps; t++)
                bad |= io_roster_writer_tps(rw, unamp(r->tps[po->first_tps + t].id,
                                                      b1, sizeof b1));
            for (int g = 0; g < po->nguards; g++) {
                const struct raw_guard *gd = &r->guard[po->first_guard + g];
                bad |= io_roster_writer_member(rw, "guard", NULL,
                                               unamp(gd->member, b1, sizeof b1),
                                               unamp(gd->unit, b2, sizeof b2),
                                               gd->force);
            }
        }
    }
    for (int i = 0; i < mg->n && !bad; i++) {
        const struct raw_roster *r = mg->part[i];
        for (int l = 0; l < r->nlinmas; l++)
            bad |= io_roster_writer_member(rw, "linmas",
                                           unamp(r->linmas[l].tps, b1, sizeof b1),
                                           unamp(r->linmas[l].member, b2, sizeof b2),
                                           unamp(r->linmas[l].unit, b3, sizeof b3),
                                           NULL);
    }
    for (int v = 0; v < nres && !bad; v++)
        bad |= io_roster_writer_member(rw, "reserve", NULL,
                                       unamp(res[v].g->member, b1, sizeof b1),
                                       unamp(res[v].g->unit, b2, sizeof b2),
                                       res[v].g->force);
    return io_roster_writer_close(rw) != 0 || bad ? -1 : 0;
}

/* Write the merged roster to a temporary file beside out, then rename. */
static int write_out(const char *out, struct merge *mg,
                     const struct reserve_ref *res, int nres,
                     const char *status, const char *gap, int nposts)
{
    struct outfile of;
    int rc = SIAGA_EIO;
    if (outfile_open(&of, out, mg->errs) != 0)
        goto done;
    if (write_merged(of.fp, mg, res, nres, status, gap, nposts) != 0) {
        error_add(mg->errs, out, 0, "cannot write: %s", strerror(errno));
        goto done;
    }
    if (outfile_finish(&of, mg->errs) == 0 && outfile_rename(&of, mg->errs) == 0)
        rc = SIAGA_OK;
done:
    outfile_close(&of);
    return rc;
}

int io_merge_rosters(const char *const *paths, int n, const char *out,
                     const struct scenario *order,
                     struct merge_summary *summary, struct error_list *errs)
{
    struct merge mg;
    struct reserve_ref *res = NULL;
    int rc = SIAGA_ENOMEM, unread = 0;
    long e0 = error_count(errs);
    memset(&mg, 0, sizeof mg);
    mg.errs = errs;
    mg.part = calloc((size_t)n + 1, sizeof *mg.part);
    mg.tps = strmap_create();
    mg.member = strmap_create();
    if (mg.part == NULL || mg.tps == NULL || mg.member == NULL)
        goto done;
    mg.n = n;
    for (int i = 0; i < n; i++) {
        int r = io_read_roster(paths[i], &mg.part[i], errs);
        if (r == SIAGA_ENOMEM)
            goto done;
        unread |= r != SIAGA_OK;
    }
    if (unread) {   /* a missing input is bad input too */
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (check_parts(&mg) != 0)
        goto done;

    /* status, gap and the counts */
    int st = PLAN_OPTIMAL, nposts = 0, nres = 0, nlin = 0;
    double bound = 0;
    for (int i = 0; i < n; i++) {
        const struct raw_roster *r = mg.part[i];
        int s = status_rank(r->status);
        int err;
        double g = s == PLAN_FEASIBLE ? read_gap(paths[i], &err) : 0;
        if (g < 0) {   /* done: says "out of memory" for ENOMEM */
            rc = err == ENOMEM ? SIAGA_ENOMEM
                               : error_io(errs, paths[i], "cannot read", err);
            goto done;
        }
        st = s > st ? s : st;
        nposts += r->npost;
        nres += r->nreserve;
        nlin += r->nlinmas;
        bound += r->npost - floor(r->npost * g + 0.5);
    }
    char gap[32];
    snprintf(gap, sizeof gap, "%.4f", plan_gap((double)nposts, bound));

    res = malloc(sizeof *res * ((size_t)nres + 1));
    if (res == NULL)
        goto done;
    int k = 0;
    for (int i = 0; i < n; i++)
        for (int v = 0; v < mg.part[i]->nreserve; v++, k++) {
            const struct raw_guard *g = &mg.part[i]->reserve[v];
            res[k] = (struct reserve_ref){g, 0, k};
            if (order != NULL) {
                char b[UNAMP_MAX];
                res[k].key = scenario_find_member(order, unamp(g->member, b,
                                                               sizeof b));
                if (res[k].key < 0)
                    error_add(errs, mg.part[i]->file, g->line, "reserve member "
                              "%s is not in %s", g->member, order->file);
            }
        }
    if (error_count(errs) > e0) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    if (order != NULL && nres > 1)
        qsort(res, (size_t)nres, sizeof *res, cmp_reserve);

    rc = write_out(out, &mg, res, nres, plan_status_name((enum plan_status)st),
                   st == PLAN_FEASIBLE ? gap : NULL, nposts);
    if (rc == SIAGA_OK && summary != NULL)
        *summary = (struct merge_summary){nposts, nlin, nres,
                                          (enum plan_status)st};
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory while merging rosters");
    for (int i = 0; mg.part != NULL && i < n; i++)
        raw_roster_destroy(mg.part[i]);
    free(mg.part);
    strmap_destroy(mg.tps);
    strmap_destroy(mg.member);
    free(mg.seen);
    free(mg.part_of);
    free(res);
    return rc;
}
