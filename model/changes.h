/*
 * changes.h - what a re-plan against a baseline roster changed: members
 * moved, joined or gone, posts kept, drawn anew or closed (perubahan.csv
 * and a section of ringkasan.txt).  Plain data; solver/replan.c fills it.
 */
#ifndef SIAGA_CHANGES_H
#define SIAGA_CHANGES_H

enum change_kind {
    CHANGE_MOVED,       /* a member whose place changed */
    CHANGE_JOINED,      /* a member not in the baseline, now placed */
    CHANGE_LEFT,        /* a baseline member no longer in the scenario */
    CHANGE_POST_NEW,    /* a post drawn anew */
    CHANGE_POST_CLOSED, /* a baseline post that is no more */
    CHANGE_UNIT         /* a member now in another unit than in the
                           baseline roster (from, to: the unit ids) */
};

struct change {
    enum change_kind kind;
    char *member, *name, *unit; /* empty for posts */
    char *from, *to;            /* places, as people read them */
};

struct change_list {
    struct change *item; int n, cap;
    long members;          /* members of the scenario */
    long moved;            /* members whose place changed (the fewest) */
    long moved_scratch;    /* members a plan from scratch would move */
    long joined, left;
    long unit_changed;     /* members in another unit than in the baseline */
    long posts_kept, posts_new, posts_closed;
    long posts_scratch;    /* posts of a plan from scratch (the fewest) */
    int fallback;          /* kept posts cost empty places: redrawn all */
    int pins;              /* members pinned */
    char *conflict;        /* why priorities 1-2 are worse than from
                              scratch (pins), or NULL */
};

void change_list_free(struct change_list *cl);

#endif
