/*
 * shifts_audit.c - the functions of model/shifts.h: the audit of the
 * shifts of a version 2 roster against a timeline (what `siaga check`
 * runs on them after io_read_timeline), and freeing the shifts as read.
 */
#include "model/shifts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/grow.h"
#include "model/strmap.h"

void raw_shifts_destroy(struct raw_shifts *sh)
{
    if (sh == NULL)
        return;
    free(sh->shift);
    free(sh);
}

void shift_result_free(struct shift_result *r)
{
    free(r->bko);
    r->bko = NULL;
    r->nbko = 0;
    timeline_layout_free(&r->layout);
    free(r->shift);
    r->shift = NULL;
    r->nshift = 0;
}

/* The election-day duty as the day roster gives it: each guard of a post
 * at the post's place and its escort (the kawal place of the same post),
 * each Linmas at the place of their TPS.  raw_of[q] is the roster post of
 * layout post q.  Members or TPS not found are the day audit's to report.
 * Returns 0, or -1 when out of memory. */
static int duties_of_roster(const struct timeline *tl, const struct scenario *s,
                            const struct raw_roster *r, struct tl_layout *l,
                            struct strmap *map, const int *raw_of)
{
    for (int p = 0; p < l->nplace; p++) {
        const struct tl_place *pl = &l->place[p];
        if (pl->level != TL_POST || !timeline_is_duty(tl->phase[pl->phase].kind))
            continue;
        const struct raw_post *rp = &r->post[raw_of[pl->region]];
        for (int g = 0; g < rp->nguards; g++) {
            const struct raw_guard *rg = &r->guard[rp->first_guard + g];
            int m = rg->member ? scenario_find_member(s, rg->member) : -1;
            if (m >= 0 && timeline_add_duty(l, p, m, rg->line) != 0)
                return -1;
        }
    }
    for (int i = 0; i < r->nlinmas; i++) {
        const struct raw_linmas *rl = &r->linmas[i];
        char id[64];
        if (rl->tps == NULL || rl->member == NULL || strlen(rl->tps) > 40)
            continue;
        snprintf(id, sizeof id, "TPS-%s", rl->tps);
        int p = strmap_get(map, id), m = scenario_find_member(s, rl->member);
        if (p >= 0 && m >= 0 && timeline_add_duty(l, p, m, rl->line) != 0)
            return -1;
    }
    return 0;
}

long shift_result_empty(const struct shift_result *r)
{
    long e = 0;
    for (int k = 0; k < TIMELINE_MAX_PHASES; k++)
        e += r->required[k] - r->filled[k];
    return e;
}

int shifts_audit(const struct timeline *tl, const struct scenario *s,
                 const struct raw_roster *r, const struct raw_shifts *sh,
                 struct tl_layout *l, struct tl_audit *a,
                 struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    struct post *post = NULL;
    const char **ids = NULL;
    struct tl_shift *out = NULL;
    struct strmap *map = NULL;
    int *raw_of = NULL;
    long nbad = 0;
    char **bad = NULL;
    memset(l, 0, sizeof *l);
    memset(a, 0, sizeof *a);
    post = calloc((size_t)r->npost + 1, sizeof *post);
    ids = calloc((size_t)r->npost + 1, sizeof *ids);
    out = calloc((size_t)sh->nshift + 1, sizeof *out);
    bad = calloc(201, sizeof *bad);
    if (!post || !ids || !out || !bad)
        goto done;
    /* the tps phase's places are the roster's posts with a known anchor */
    int np = 0;
    if ((raw_of = calloc((size_t)r->npost + 1, sizeof *raw_of)) == NULL)
        goto done;
    for (int i = 0; i < r->npost; i++) {
        const struct raw_post *rp = &r->post[i];
        struct post *po = &post[np];
        po->ntps = 0;
        for (int k = 0; k < rp->ntps && po->ntps < MAX_TPS_PER_POST; k++) {
            int t = r->tps[rp->first_tps + k].id
                        ? scenario_find_tps(s, r->tps[rp->first_tps + k].id) : -1;
            if (t >= 0)
                po->tps[po->ntps++] = t;
        }
        if (po->ntps == 0 || rp->id == NULL)
            continue;   /* the day audit reports it */
        po->grade = s->tps[po->tps[0]].grade;
        po->kecamatan = s->tps[po->tps[0]].kecamatan;
        po->required = s->rules.grade[po->grade].guards;
        raw_of[np] = i;
        ids[np++] = rp->id;
    }
    rc = timeline_layout(tl, s, post, (const char *const *)ids, np, l, errs);
    if (rc != SIAGA_OK)
        goto done;
    rc = SIAGA_ENOMEM;
    if ((map = strmap_create()) == NULL)
        goto done;
    for (int p = 0; p < l->nplace; p++) {
        int old;
        if (strmap_put(map, l->place[p].id, p, &old) < 0)
            goto done;
    }
    if (duties_of_roster(tl, s, r, l, map, raw_of) != 0)
        goto done;
    long n = 0;
    for (long i = 0; i < sh->nshift; i++) {
        const struct raw_shift *x = &sh->shift[i];
        int m = x->member ? scenario_find_member(s, x->member) : -1;
        int p = x->place ? strmap_get(map, x->place) : -1;
        long st, en;
        char msg[300];
        msg[0] = '\0';
        if (m < 0)
            snprintf(msg, sizeof msg, "shift: member %s is not in the scenario",
                     x->member ? x->member : "?");
        else if (p < 0)
            snprintf(msg, sizeof msg, "shift: place %s is not a place of the "
                     "timeline", x->place ? x->place : "?");
        else if (!x->phase || strcmp(tl->phase[l->place[p].phase].id, x->phase) != 0)
            snprintf(msg, sizeof msg, "shift at %s is listed in phase %s, "
                     "not in phase %s", x->place, x->phase ? x->phase : "?",
                     tl->phase[l->place[p].phase].id);
        else if (!x->start || !x->end || tl_parse_time(x->start, &st) != 0 ||
                 tl_parse_time(x->end, &en) != 0)
            snprintf(msg, sizeof msg, "shift: start or end is not a time");
        if (msg[0] != '\0') {
            if (nbad < 200) {
                size_t len = strlen(msg) + strlen(r->file) + 32;
                if ((bad[nbad] = malloc(len)) == NULL)
                    goto done;
                snprintf(bad[nbad], len, "%s:%ld: %s", r->file, x->line, msg);
            }
            nbad++;
            continue;
        }
        out[n++] = (struct tl_shift){m, p, st, en, x->line};
    }
    rc = timeline_audit(tl, s, l, out, n, r->file, a);
    if (rc != SIAGA_OK)
        goto done;
    /* the resolution failures first: they are violations too */
    for (long i = 0; i < nbad && i < 200; i++) {
        if (model_grow((void **)&a->message, (int)a->nmessage, &a->capmessage,
                       sizeof *a->message) != 0) {
            rc = SIAGA_ENOMEM;
            goto done;
        }
        a->message[a->nmessage++] = bad[i];
        bad[i] = NULL;
    }
    a->nviolation += nbad;
done:
    if (bad != NULL)
        for (long i = 0; i < 200; i++)
            free(bad[i]);
    free(bad);
    strmap_destroy(map);
    free(post);
    free(ids);
    free(out);
    free(raw_of);
    return rc;
}
