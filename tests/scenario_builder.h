/*
 * scenario_builder.h - build small scenarios in code for the tests:
 * one kabupaten "1704", kecamatan "170401".., desa "1704012001".., TPS
 * placed by kilometres north/east of a reference point on the equator
 * region of Kaur, so hand computations stay simple.
 */
#ifndef SIAGA_TEST_SCENARIO_BUILDER_H
#define SIAGA_TEST_SCENARIO_BUILDER_H

#include <stdio.h>
#include <string.h>

#include "model/geo.h"
#include "model/scenario.h"

#define SB_LAT0 (-4.5)
#define SB_LON0 (103.2)
#define SB_PI 3.14159265358979323846

/* Degrees of latitude for km along a meridian (exact on the sphere). */
static inline double sb_dlat(double km)
{
    return km / EARTH_RADIUS_KM * 180.0 / SB_PI;
}

static inline struct scenario *sb_new(void)
{
    struct scenario *s = scenario_create();
    s->file = "test.xml";
    s->name = "uji";
    struct kabupaten k = {scenario_strdup(s, "1704"), scenario_strdup(s, "Kaur"), 1};
    scenario_add_kabupaten(s, &k);
    return s;
}

static inline int sb_kec(struct scenario *s)
{
    char code[16], name[32];
    snprintf(code, sizeof code, "1704%02d", s->nkec + 1);
    snprintf(name, sizeof name, "Kec %d", s->nkec + 1);
    struct kecamatan k = {scenario_strdup(s, code), scenario_strdup(s, name), 0,
                          10 + s->nkec};
    return scenario_add_kecamatan(s, &k);
}

static inline int sb_desa(struct scenario *s, int kec)
{
    char code[24], name[32];
    snprintf(code, sizeof code, "%s2%03d", s->kec[kec].code, s->ndesa + 1);
    snprintf(name, sizeof name, "Desa %d", s->ndesa + 1);
    struct desa d = {scenario_strdup(s, code), scenario_strdup(s, name), kec,
                     100 + s->ndesa};
    return scenario_add_desa(s, &d);
}

/* A TPS north_km north of the reference point, at longitude lon0 + dlon. */
static inline int sb_tps_at(struct scenario *s, int desa, double lat, double lon,
                            enum grade g)
{
    int no = 1;
    for (int t = 0; t < s->ntps; t++)
        if (s->tps[t].desa == desa)
            no++;
    struct tps t = {desa, s->desa[desa].kecamatan, 0, no, lat, lon, g, -1,
                    false, false, 1000 + s->ntps};
    return scenario_add_tps(s, &t);
}

static inline int sb_tps(struct scenario *s, int desa, double north_km, enum grade g)
{
    return sb_tps_at(s, desa, SB_LAT0 + sb_dlat(north_km), SB_LON0, g);
}

/* A unit of n generated members; region is an index for its scope. */
static inline int sb_unit(struct scenario *s, const char *id, enum force f,
                          enum scope sc, int region, int n)
{
    struct unit u;
    memset(&u, 0, sizeof u);
    u.id = scenario_strdup(s, id);
    u.name = u.id;
    u.force = f;
    u.scope = sc;
    u.region = sc == SCOPE_ANY ? -1 : region;
    u.first_member = s->nmember;
    u.nmembers = n;
    u.count = n;
    u.line = 2000 + s->nunit;
    int ui = scenario_add_unit(s, &u);
    for (int i = 1; i <= n; i++) {
        char mid[64];
        snprintf(mid, sizeof mid, "%s-%03d", id, i);
        struct member m = {scenario_strdup(s, mid), scenario_strdup(s, mid), NULL,
                           ui, u.line};
        scenario_add_member(s, &m);
    }
    return ui;
}

/* Give a unit its base north_km north of the reference point. */
static inline void sb_base(struct scenario *s, int u, double north_km)
{
    s->unit[u].has_base = true;
    s->unit[u].lat = SB_LAT0 + sb_dlat(north_km);
    s->unit[u].lon = SB_LON0;
}

#endif
