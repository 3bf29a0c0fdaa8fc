/*
 * import_int.h - what the parts of the importer share (not for other
 * modules): the TPS row as read from a CSV or a KML, the column-name
 * table, and the readers of each file kind.
 *
 *   import.c            driver: checks, wilayah resolution, rejects, the
 *                       scenario built for io/formats/scenario_write.c
 *   import_csv.c        TPS lists as CSV/TSV, the column-name table
 *   import_kml.c        TPS lists as KML (Google Earth, Google My Maps)
 *   import_grades.c     risk grades (CSV or XML)
 *   import_personnel.c  personnel (CSV)
 */
#ifndef SIAGA_IMPORT_INT_H
#define SIAGA_IMPORT_INT_H

#include "io/import/import.h"
#include "model/error.h"

struct arena;

/* What a column (or a KML ExtendedData field) holds. */
enum imp_field {
    F_KEC_CODE, F_KEC, F_DESA_CODE, F_DESA, F_TPS, F_TPS_CODE,
    F_LAT, F_LON, F_COORD, F_ADDRESS, F_VOTERS,
    /* grades */
    F_GRADE,
    /* personnel */
    F_UNIT, F_FORCE, F_UNIT_NAME, F_SCOPE, F_REGION, F_MEMBER, F_NAME,
    F_RANK, F_COUNT,
    F_NFIELDS
};

/* Which field a column name stands for, or -1.  Names are compared in
 * lower case, letters and digits only ("No. TPS" = "no_tps" = "notps").
 * kind: 0 TPS list, 1 grades, 2 personnel (the same name may mean
 * different things: "id" is a TPS code in grades, a member in personnel).
 * *rank gets the alias's rank (lower is better) when two columns claim
 * one field. */
int imp_field_of(const char *column, int kind, int *rank);

/*
 * Map the header row just read by cr (of path) to fields: col[f] the
 * column of field f (-1 when none), the best-ranked name winning.  Two
 * columns of the same name ("lat" twice, "Lat" and "LAT ") are refused:
 * one would be used silently.  Each such pair is added to errs with the
 * header's line and both column numbers.  Returns the number of pairs.
 */
struct csv_reader;
int imp_map_header(const struct csv_reader *cr, const char *path, int kind,
                   int *col, struct error_list *errs);

/* One TPS row, from a CSV line or a KML placemark.  Strings are in the
 * importer's arena; NULL or "" when not given. */
struct imp_row {
    int source;             /* index in opt->tps */
    long line;
    const char *f[F_NFIELDS];
    /* KML only: enclosing Folder names, outermost first, and what follows
     * "TPS n" in the placemark name */
    const char **folders;
    int nfolders;
    const char *name_rest;
    /* original columns for the rejects file */
    const char **orig;
    int norig;

    /* filled by the driver */
    int no;
    double lat, lon;
    int wrow;               /* row in the wilayah list */
    char desa_code[11];
    int grade;
    int rejected;
    enum import_reason reason;
    char *message;          /* arena */
    int dup_of;             /* row index of the first occurrence, or -1 */
};

struct imp_source {
    const char *path;
    const char **columns;   /* header of a CSV; the pseudo-columns of a KML */
    int ncolumns;
};

struct imp_rows {
    struct imp_row *row;
    int n, cap;
    struct imp_source src[IMPORT_MAX_TPS_FILES];
    int nsrc;
    struct arena *arena;
    struct import_report *rep;
};

/* A new row (zeroed but for source, dup_of -1); NULL when out of memory. */
struct imp_row *imp_new_row(struct imp_rows *rows, int source, long line);
/* Copy into the arena; NULL stays NULL.  NULL also when out of memory
 * (check with the original). */
const char *imp_strdup(struct imp_rows *rows, const char *s);

/* Readers of TPS lists: append rows (source index = rows->nsrc, which
 * they fill and increment).  Return SIAGA_OK, SIAGA_EINPUT (the file as a
 * whole is unusable, in errs), SIAGA_EIO or SIAGA_ENOMEM. */
int imp_read_tps_csv(const char *path, struct imp_rows *rows,
                     struct error_list *errs);
int imp_read_tps_kml(const char *path, struct imp_rows *rows,
                     struct error_list *errs);

/* "TPS 001", "001", "TPS-1 Ketapang": the number (1..999 not checked),
 * or -1 when there is none; *rest (may be NULL) gets what follows it. */
int imp_parse_tps_no(const char *s, int need_prefix, const char **rest);

/* A decimal number, with '.' or (alone) ',' as the decimal mark.
 * Returns 0 and *v, -1 when s is empty or blank, -2 when not a number. */
int imp_parse_number(const char *s, double *v);

/* Grades: TPS code -> grade.  Calls back for each row. */
struct imp_grade_sink {
    void *ctx;
    /* code13 is 13 digits; grade an enum grade.  Returns 0, or -1 out of
     * memory. */
    int (*put)(void *ctx, const char *code13, int grade, const char *file,
               long line);
};
int imp_read_grades(const char *path, const struct imp_grade_sink *sink,
                    struct error_list *errs);

/* Grade words: kurang_rawan, "kurang rawan", KR, ...; -1 when unknown. */
int imp_parse_grade(const char *s);

/* Personnel, checked against the regions of the scenario being built. */
struct imp_regions {
    void *ctx;
    /* Is there a region of this code (4, 6 or 10 digits) with TPS? */
    int (*has)(void *ctx, const char *code);
};
struct imp_personnel;
int imp_read_personnel(const char *path, const struct imp_regions *regions,
                       struct imp_personnel **out, struct error_list *errs);
void imp_personnel_destroy(struct imp_personnel *p);

/* Add the units and members of p to s (whose regions are in place, in
 * code order), counting them into rep.  Returns 0, or -1 when out of
 * memory. */
struct scenario;
int imp_add_personnel(struct scenario *s, const struct imp_personnel *p,
                      struct import_report *rep);

/* v rounded to the given number of decimals, as "%.*f" prints it: the
 * precision the importer keeps of a coordinate. */
double imp_round(double v, int decimals);

#endif
