/*
 * geojson_write.c - roster.geojson through the JSON writer of json.h.
 *
 * RFC 7946: WGS84 only, so no "crs" member; positions are [lon, lat] with
 * six decimals (about 0.1 m).  Features: first every TPS in scenario
 * order (properties: kind "tps", the 13-digit code, grade, kecamatan and
 * desa codes and names, post id, guards of the post, Linmas of the TPS),
 * then a route per cluster post in plan order (kind "route", the ring
 * closed back at its anchor).  One feature per line, for diffs and greps.
 */
#include "io/report/geojson_write.h"

#include <stdlib.h>
#include <string.h>

#include "io/report/json.h"
#include "io/report/plan_view.h"

#define COORD_DECIMALS 6

static void position(struct json_writer *w, const struct tps *t)
{
    json_begin_array(w);
    json_double(w, t->lon, COORD_DECIMALS);
    json_double(w, t->lat, COORD_DECIMALS);
    json_end_array(w);
}

static void member(struct json_writer *w, const struct scenario *s, int m)
{
    const struct member *mb = &s->member[m];
    const struct unit *u = &s->unit[mb->unit];
    json_begin_object(w);
    json_key(w, "id");
    json_string(w, mb->id);
    json_key(w, "name");
    json_string(w, mb->name);
    json_key(w, "rank");
    json_string(w, mb->rank);
    json_key(w, "unit");
    json_string(w, u->id);
    json_key(w, "unit_name");
    json_string(w, u->name);
    json_key(w, "force");
    json_string(w, force_name(u->force));
    json_end_object(w);
}

static void guards(struct json_writer *w, const struct scenario *s,
                   const struct plan *p, int post)
{
    json_begin_array(w);
    if (post >= 0)
        for (int k = 0; k < p->post[post].nguards; k++)
            member(w, s, p->guard[p->post[post].first_guard + k]);
    json_end_array(w);
}

/* Open a feature with its id and a geometry of the given type, up to its
 * "coordinates" key. */
static void feature_begin(struct json_writer *w, const char *id,
                          const char *geometry)
{
    json_begin_object(w);
    json_key(w, "type");
    json_string(w, "Feature");
    json_key(w, "id");
    json_string(w, id);
    json_key(w, "geometry");
    json_begin_object(w);
    json_key(w, "type");
    json_string(w, geometry);
    json_key(w, "coordinates");
}

/* The properties "grade", "kecamatan" and "kecamatan_name". */
static void grade_kecamatan(struct json_writer *w, const struct scenario *s,
                            enum grade g, int kec)
{
    json_key(w, "grade");
    json_string(w, grade_name(g));
    json_key(w, "kecamatan");
    json_string(w, s->kec[kec].code);
    json_key(w, "kecamatan_name");
    json_string(w, s->kec[kec].name);
}

static void tps_feature(struct json_writer *w, const struct scenario *s,
                        const struct plan *p, const struct plan_view *v, int t)
{
    char code[16];
    const struct tps *tp = &s->tps[t];
    int post = v->post_of[t];
    scenario_tps_code(s, t, code);
    feature_begin(w, code, "Point");
    position(w, tp);
    json_end_object(w);
    json_key(w, "properties");
    json_begin_object(w);
    json_key(w, "kind");
    json_string(w, "tps");
    json_key(w, "tps");
    json_string(w, code);
    json_key(w, "no");
    json_long(w, tp->no);
    grade_kecamatan(w, s, tp->grade, tp->kecamatan);
    json_key(w, "desa");
    json_string(w, s->desa[tp->desa].code);
    json_key(w, "desa_name");
    json_string(w, s->desa[tp->desa].name);
    json_key(w, "voters");
    if (tp->voters >= 0)
        json_long(w, tp->voters);
    else
        json_null(w);
    json_key(w, "post");
    json_string(w, post >= 0 ? v->post_id[post] : NULL);
    json_key(w, "guards_required");
    json_long(w, post >= 0 ? p->post[post].required : 0);
    json_key(w, "guards");
    guards(w, s, p, post);
    json_key(w, "linmas_required");
    json_long(w, s->rules.linmas_per_tps);
    json_key(w, "linmas");
    json_begin_array(w);
    for (int k = v->linmas_first[t]; k < v->linmas_first[t + 1]; k++)
        member(w, s, v->linmas_member[k]);
    json_end_array(w);
    json_end_object(w);
    json_end_object(w);
}

static void route_feature(struct json_writer *w, const struct scenario *s,
                          const struct plan *p, const struct plan_view *v, int i)
{
    char code[16];
    const struct post *po = &p->post[i];
    feature_begin(w, v->post_id[i], "LineString");
    json_begin_array(w);
    for (int k = 0; k <= po->ntps; k++)
        position(w, &s->tps[po->tps[k % po->ntps]]);
    json_end_array(w);
    json_end_object(w);
    json_key(w, "properties");
    json_begin_object(w);
    json_key(w, "kind");
    json_string(w, "route");
    json_key(w, "post");
    json_string(w, v->post_id[i]);
    grade_kecamatan(w, s, po->grade, po->kecamatan);
    json_key(w, "route_km");
    json_double(w, po->route_km, 2);
    json_key(w, "tps");
    json_begin_array(w);
    for (int k = 0; k < po->ntps; k++)
        json_string(w, scenario_tps_code(s, po->tps[k], code));
    json_end_array(w);
    json_key(w, "guards_required");
    json_long(w, po->required);
    json_key(w, "guards");
    guards(w, s, p, i);
    json_end_object(w);
    json_end_object(w);
}

int io_write_roster_geojson_part(FILE *f, const struct scenario *s,
                                 const struct plan *p, const struct plan_view *v,
                                 int kab)
{
    struct json_writer w;
    json_init(&w, f);
    json_begin_object(&w);
    json_key(&w, "type");
    json_string(&w, "FeatureCollection");
    json_key(&w, "name");
    if (kab < 0) {
        json_string(&w, s->name);
    } else {
        size_t n = strlen(s->name) + strlen(s->kab[kab].name) + 3;
        char *name = malloc(n);
        if (name == NULL)
            return -1;
        snprintf(name, n, "%s: %s", s->name, s->kab[kab].name);
        json_string(&w, name);
        free(name);
    }
    json_key(&w, "features");
    json_begin_array(&w);
    int t0 = kab < 0 ? 0 : v->kab_tps_first[kab];
    int t1 = kab < 0 ? s->ntps : v->kab_tps_first[kab + 1];
    for (int q = t0; q < t1; q++) {
        json_newline(&w);
        tps_feature(&w, s, p, v, kab < 0 ? q : v->kab_tps[q]);
    }
    int i0 = kab < 0 ? 0 : v->kab_post_first[kab];
    int i1 = kab < 0 ? p->npost : v->kab_post_first[kab + 1];
    for (int q = i0; q < i1; q++) {
        int i = kab < 0 ? q : v->kab_post[q];
        if (p->post[i].ntps > 1) {
            json_newline(&w);
            route_feature(&w, s, p, v, i);
        }
    }
    json_newline(&w);
    json_end_array(&w);
    json_end_object(&w);
    json_newline(&w);
    return json_finish(&w);
}

int io_write_roster_geojson(FILE *f, const struct scenario *s,
                            const struct plan *p)
{
    struct plan_view v;
    if (plan_view_init(&v, s, p) != 0)
        return -1;
    int rc = io_write_roster_geojson_part(f, s, p, &v, -1);
    plan_view_free(&v);
    return rc;
}
