/*
 * overlay.h - what-if changes to a scenario (formats.md section 4): the
 * changes as read from an overlay file, and their application to a
 * scenario in memory.  No libxml2 here: io/formats/overlay_read.c fills the
 * struct, and tests build one in code.
 */
#ifndef SIAGA_OVERLAY_H
#define SIAGA_OVERLAY_H

#include <stdbool.h>

#include "model/error.h"
#include "model/scenario.h"

enum overlay_op {
    OV_REGRADE,        /* id: TPS code; grade */
    OV_REMOVE_MEMBER,  /* id: member id */
    OV_REMOVE_UNIT,    /* id: unit id (with all its members) */
    OV_RESIZE_UNIT,    /* id: unit id given by count; count */
    OV_ADD_UNIT,       /* id, name, force, scope/region, base, count or
                          members[first_member .. +nmembers) */
    OV_GRADE_RULE,     /* grade; the fields named in `given` */
    OV_LINMAS_RULE,    /* linmas_per_tps */
    OV_BKO_RULE        /* force; count: <bko size>, 0 for by person */
};

/* Bits of overlay_change.given for OV_GRADE_RULE. */
enum {
    OV_GIVEN_GUARDS = 1, OV_GIVEN_TPS_PER_POST = 2, OV_GIVEN_MIN_POLRI = 4,
    OV_GIVEN_RADIUS = 8
};

struct overlay_change {
    enum overlay_op op;
    long line;                /* of the element in the overlay file */
    const char *id;
    enum grade grade;
    int count;                /* OV_RESIZE_UNIT: >= 1; OV_ADD_UNIT: count=
                                 or 0 when members are listed */
    unsigned given;           /* OV_GRADE_RULE */
    struct grade_rule rule;   /* OV_GRADE_RULE: values of the given fields */
    int linmas_per_tps;       /* OV_LINMAS_RULE, >= 0 */
    /* OV_ADD_UNIT */
    const char *name;
    enum force force;
    enum scope scope;
    const char *region;       /* code of the scope region; NULL for any */
    bool has_base;
    bool cadangan;            /* role="cadangan" (formats 1.6) */
    double lat, lon;
    int first_member, nmembers; /* listed members in overlay.member */
};

struct overlay_member { const char *id, *name, *rank; long line; };

struct arena;

struct overlay {
    const char *file;         /* path it was read from (errors name it) */
    const char *name;         /* name="..." or "" */
    struct overlay_change *change; int nchange, cap_change;
    struct overlay_member *member; int nmember, cap_member;
    struct arena *arena;      /* owns every string above */
};

/* An empty overlay; NULL when out of memory.  overlay_destroy accepts
 * NULL. */
struct overlay *overlay_create(void);
void overlay_destroy(struct overlay *ov);

/* Copy a string into the overlay's arena; NULL when out of memory. */
const char *overlay_strdup(struct overlay *ov, const char *str);

/* Append a change or a member (strings already in the arena); the new
 * index, or -1 when out of memory. */
int overlay_add_change(struct overlay *ov, const struct overlay_change *c);
int overlay_add_member(struct overlay *ov, const struct overlay_member *m);

/*
 * Apply ov to s (a scenario that passed scenario_finish), change by change
 * in document order, then check the result again (scenario_finish).  A
 * change naming a TPS, unit or member that does not exist at that point,
 * a duplicate id, a resize of a unit not given by count, a scope region
 * not in s or a bad rule is reported as ov->file:line.
 *
 * Removing members keeps every unit's members contiguous (the arrays are
 * rebuilt in unit order, members in their order).  resize-unit keeps the
 * generated ids: shrinking drops the members with the highest numbers,
 * growing adds UNITID-(n+1).. after the highest number ever made, and
 * unit.count becomes that highest number.
 *
 * Returns SIAGA_OK, SIAGA_EINPUT or SIAGA_ENOMEM.  On failure s may be
 * changed part-way: destroy it.
 */
int overlay_apply(struct scenario *s, const struct overlay *ov,
                  struct error_list *errs);

/* The element name of an op as in the overlay file ("regrade", ...). */
const char *overlay_op_name(enum overlay_op op);

#endif
