/*
 * scenario_write.h - write a struct scenario back as a scenario file
 * (formats.md section 1), whole or one kabupaten of it, through libxml2's
 * xmlTextWriter.  What the reader makes of the file is what was written:
 * coordinates are printed so that they read back to the same double, the
 * rules are written in full, count units stay count units and listed
 * members stay listed.  Used by `siaga split` (io/split/split.h) and `siaga
 * import` (io/import/import.h).
 */
#ifndef SIAGA_SCENARIO_WRITE_H
#define SIAGA_SCENARIO_WRITE_H

#include <stdio.h>

#include "model/scenario.h"

/* Which part of a scenario to write. */
struct scenario_part {
    int kabupaten;      /* index of the one kabupaten written; -1: all */
    const int *units;   /* indices of the units written, in this order;
                           NULL: every unit */
    int nunits;         /* length of units */
    const unsigned char *kec_keep; /* when set, instead of kabupaten: the
                           kecamatan written (1), each kabupaten with
                           one of them holding only those (split --by
                           polres) */
};

/* Is kecamatan k of s written in part (NULL: the whole)? */
bool io_part_keeps(const struct scenario *s, const struct scenario_part *part,
                   int k);

/*
 * Write s, or the part of it that part selects (NULL: the whole), to f:
 * the name and date, the rules, the regions with their TPS, the units
 * with their scope, base (only when the file gave one: a derived base is
 * derived again from the same TPS) and members.  Returns 0, or -1 on a
 * write or allocation failure (f then holds a partial file).
 */
int io_write_scenario(FILE *f, const struct scenario *s,
                      const struct scenario_part *part);

/*
 * What a writer adds to the scenario proper, each optional (NULL: none):
 * the importer's provenance comment, its namespace and the TPS addresses
 * it keeps under that namespace.  The reader ignores all of it.
 */
struct scenario_extras {
    const char *comment;          /* a comment before the root element */
    const char *ns_prefix;        /* one more namespace declared on the */
    const char *ns_uri;           /* root: xmlns:ns_prefix="ns_uri" */
    const char *tps_attr;         /* a qualified attribute name for TPS */
    const char *const *tps_value; /* its value by TPS index; NULL or "":
                                     not written for that TPS */
};

/* io_write_scenario with extras (NULL: none), written as described
 * there; the one writer of scenario files. */
int io_write_scenario_with(FILE *f, const struct scenario *s,
                           const struct scenario_part *part,
                           const struct scenario_extras *extras);

/* Index of the kabupaten holding unit u's scope; -1 for a unit without a
 * scope (it serves anywhere), or scoped to a Polres whose areas lie in
 * more than one kabupaten. */
int io_unit_kabupaten(const struct scenario *s, int u);

/* A decimal text of v (no exponent) that siaga's scenario reader turns
 * back into exactly v: the shortest "%.Nf" with at most 15 significant
 * digits that round-trips, else 17 significant digits.  buf >= 64. */
char *io_decimal_text(double v, char *buf);

#endif
