/*
 * roster_merge.h - `siaga merge ROSTER... -o ROSTER`: the rosters of
 * disjoint parts of one scenario (io/split/split.h) as one roster (formats.md 2).
 *
 * Posts are renumbered P0001.. (io_post_id, wider past 9,999) in the order
 * the rosters are given, then come every Linmas place, then every reserve,
 * each in the order given.  The planner lists posts by their first TPS in
 * scenario order, Linmas places by TPS and reserves by member, so rosters
 * of the parts of a split given in scenario order merge into the bytes
 * `siaga plan` writes for the whole scenario; the reserves follow the
 * scenario's member order only when its personnel list kabupaten after
 * kabupaten, so a scenario may be given to order them (order below).
 *
 * status is the weakest of the parts (optimal, then shortage, then
 * feasible).  A feasible roster's gap is (posts - bound) / posts over the
 * whole, each part's bound taken back from its posts and gap; the gap has
 * 4 decimals, so the bound comes back exact while a part has under 10,000
 * posts, and within a post or so beyond.
 */
#ifndef SIAGA_ROSTER_MERGE_H
#define SIAGA_ROSTER_MERGE_H

#include "model/error.h"
#include "model/roster.h"
#include "model/scenario.h"

struct merge_summary {
    int nposts, nlinmas, nreserves;
    enum plan_status status;
};

/*
 * Read the n rosters in paths, check them and write the merged roster to
 * out (a temporary file in out's folder, renamed into place: out is the
 * old file or the new one, never half of one).  order, when not NULL, is
 * the scenario whose member order the reserves follow.
 * Refused, with file:line in errs: a roster that does not read; rosters
 * naming different scenarios; a TPS or a member in two rosters; with
 * order, a reserve member the scenario does not have.
 * Returns SIAGA_OK (summary filled when not NULL), SIAGA_EINPUT (an input
 * that is missing, unreadable, bad or overlapping; nothing written),
 * SIAGA_EIO (out cannot be written; out untouched) or SIAGA_ENOMEM.
 */
int io_merge_rosters(const char *const *paths, int n, const char *out,
                     const struct scenario *order,
                     struct merge_summary *summary, struct error_list *errs);

#endif
