/*
 * split.h - `siaga split SCENARIO --by kabupaten -o DIR`: one scenario file
 * per kabupaten, DIR/<code>.xml, so that a national plan runs as
 * independent jobs and `siaga merge` (io/split/roster_merge.h) puts the rosters
 * back together.
 *
 * A part holds its kabupaten's regions and TPS, the rules, and the units
 * whose scope lies inside the kabupaten, with their members and bases; the
 * scenario's name and date are kept, so the merged roster names the
 * original scenario.  Why the parts plan to the same roster as the whole:
 * a unit scoped inside kabupaten K serves only TPS of K, so no post, place
 * or member couples two kabupaten, and the planner solves every connected
 * piece on its own in scenario order (solver/assign.c, solver/cluster.c).
 * A unit without a scope may serve anywhere and couples every kabupaten:
 * planned apart, each part would either lose it or count its members
 * twice, so split refuses such a unit (unless there is one kabupaten).
 *
 * `--by polres` (formats 1.6): one file per Polres of <jurisdictions>,
 * DIR/<polres id>.xml, holding the kecamatan of its areas; the same
 * argument with "Polres" for "kabupaten" (a unit scoped inside a Polres's
 * areas serves only there).
 */
#ifndef SIAGA_SPLIT_H
#define SIAGA_SPLIT_H

#include "model/error.h"
#include "model/scenario.h"

/*
 * Write the parts of s into dir, all or none: they are written into a
 * fresh folder next to dir, each read back and compared with s (TPS,
 * bases, members, rules), and the folder is renamed to dir in one step.
 * dir must not exist or be an empty folder, so that no part of an earlier
 * split is ever planned with this one; its parents are made.  *nparts
 * gets the number of files.
 * Returns SIAGA_OK; SIAGA_EINPUT (a unit without scope, each with
 * s->file and its line; dir not empty or not a folder); SIAGA_EIO (a
 * write, a read-back or the rename failed; nothing is left in place);
 * SIAGA_ENOMEM.  Every problem is in errs.
 */
int io_split_kabupaten(const struct scenario *s, const char *dir,
                       int *nparts, struct error_list *errs);

/* The same by kabupaten or, with by_polres, by Polres (SIAGA_EINPUT also
 * when s has no <jurisdictions> then). */
int io_split(const struct scenario *s, bool by_polres, const char *dir,
             int *nparts, struct error_list *errs);

#endif
