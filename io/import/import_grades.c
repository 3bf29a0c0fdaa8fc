/*
 * import_grades.c - risk grades from Sat Intelkam, keyed by TPS.
 *
 * CSV (or TSV): a header with a TPS code column (kode_tps, tps_code,
 * tps, code, kode, id) and a grade column (grade, kerawanan, status,
 * kategori, ...); or a desa code column (kelurahan_code, desa_code, ...)
 * with a TPS number column (tps_no, no_tps) instead of the TPS code.  A
 * file without a header (first field of 13 digits) is read as code,grade.
 * TPS codes are the 13-digit KPU codes; dots, blanks and dashes between
 * the digits are ignored ("36.71.01.1001.001").
 *
 * XML: any element, in any namespace, with a TPS code in an attribute tps,
 * id or code and a grade attribute, e.g.
 *     <grades><tps id="3671011001001" grade="rawan"/></grades>
 * which also reads the <regrade tps="..." grade="..."/> of an overlay
 * (formats.md section 4).
 *
 * Grade words: kurang_rawan, rawan, sangat_rawan in any case, with blanks
 * or dashes for the underscore ("Kurang Rawan"), or KR, R, SR.
 */
#include "io/import/import_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "io/formats/csv.h"
#include "io/xml/guard.h"
#include "model/scenario.h"

int imp_parse_grade(const char *s)
{
    char k[32];
    size_t n = 0;
    for (; s && *s && n + 1 < sizeof k; s++)
        if (isalnum((unsigned char)*s))
            k[n++] = (char)tolower((unsigned char)*s);
    k[n] = '\0';
    if (strcmp(k, "kurangrawan") == 0 || strcmp(k, "kr") == 0)
        return GRADE_KURANG_RAWAN;
    if (strcmp(k, "rawan") == 0 || strcmp(k, "r") == 0)
        return GRADE_RAWAN;
    if (strcmp(k, "sangatrawan") == 0 || strcmp(k, "sr") == 0)
        return GRADE_SANGAT_RAWAN;
    if (strcmp(k, "khusus") == 0 || strcmp(k, "tpskhusus") == 0 ||
        strcmp(k, "k") == 0)
        return GRADE_KHUSUS;
    return -1;
}

/* 13 digits of s (separators . - blank allowed) into out; -1 if not. */
static int tps_code(const char *s, char *out)
{
    size_t n = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) {
            if (n == 13)
                return -1;
            out[n++] = *s;
        } else if (*s != '.' && *s != '-' && *s != ' ') {
            return -1;
        }
    }
    out[n] = '\0';
    return n == 13 ? 0 : -1;
}

static int put_row(const struct imp_grade_sink *sink, const char *path,
                   long line, const char *code, const char *desa,
                   const char *no, const char *grade, struct error_list *errs)
{
    char c13[14];
    int g = imp_parse_grade(grade);
    if (code != NULL && code[0]) {
        if (tps_code(code, c13) != 0) {
            error_add(errs, path, line, "TPS code '%s' is not a 13-digit KPU "
                      "code", code);
            return 0;
        }
    } else if (desa != NULL && desa[0] && no != NULL && no[0]) {
        int n = imp_parse_tps_no(no, 0, NULL);
        if (strlen(desa) != 10 || strspn(desa, "0123456789") != 10 ||
            n < 1 || n > 999) {
            error_add(errs, path, line, "kelurahan code '%s' and TPS number "
                      "'%s' do not make a TPS code", desa, no);
            return 0;
        }
        snprintf(c13, sizeof c13, "%s%03d", desa, n);
    } else {
        error_add(errs, path, line, "no TPS code");
        return 0;
    }
    if (g < 0) {
        error_add(errs, path, line, "unknown grade '%s' (kurang_rawan, "
                  "rawan, sangat_rawan, khusus, or KR, R, SR, K)",
                  grade ? grade : "");
        return 0;
    }
    return sink->put(sink->ctx, c13, g, path, line);
}

static int read_csv(const char *path, const struct imp_grade_sink *sink,
                    struct error_list *errs)
{
    int rc = SIAGA_OK, res;
    int col[F_NFIELDS], headerless = 0;
    struct csv_reader *cr = NULL;
    FILE *fp = fopen(path, "rb");

    for (int k = 0; k < F_NFIELDS; k++)
        col[k] = -1;
    if (fp == NULL)
        return error_io(errs, path, "cannot read", errno);
    cr = csv_reader_create(fp, 0);
    if (cr == NULL) {
        rc = SIAGA_ENOMEM;
        goto done;
    }
    while ((res = csv_read(cr)) == CSV_BAD) {
        error_add(errs, path, csv_line(cr), "%s", csv_message(cr));
        rc = SIAGA_EINPUT;
    }
    if (res < 0) {
        rc = res == CSV_NOMEM ? SIAGA_ENOMEM : SIAGA_EIO;
        goto done;
    }
    if (res == CSV_EOF)
        goto done;      /* no grades: every TPS kurang rawan, reported */
    char c13[14];
    if (tps_code(csv_field(cr, 0), c13) == 0) {
        headerless = 1;
        col[F_TPS_CODE] = 0;
        col[F_GRADE] = 1;
    } else {
        if (imp_map_header(cr, path, 1, col, errs) > 0) {
            rc = SIAGA_EINPUT;
            goto done;
        }
        if (col[F_GRADE] < 0 ||
            (col[F_TPS_CODE] < 0 && (col[F_DESA_CODE] < 0 || col[F_TPS] < 0))) {
            error_add(errs, path, csv_line(cr), "the header needs a TPS code "
                      "column (kode_tps, tps_code, tps) and a grade column "
                      "(grade, kerawanan, status)");
            rc = SIAGA_EINPUT;
            goto done;
        }
    }
    int skip = !headerless;
    do {
        if (res == CSV_BAD) {
            error_add(errs, path, csv_line(cr), "%s", csv_message(cr));
            rc = SIAGA_EINPUT;
            continue;
        }
        if (skip) {
            skip = 0;
            continue;   /* the header itself */
        }
        const char *code = col[F_TPS_CODE] >= 0 ? csv_field(cr, col[F_TPS_CODE]) : NULL;
        const char *desa = col[F_DESA_CODE] >= 0 ? csv_field(cr, col[F_DESA_CODE]) : NULL;
        const char *no = col[F_TPS] >= 0 ? csv_field(cr, col[F_TPS]) : NULL;
        long before = error_count(errs);
        if (put_row(sink, path, csv_line(cr), code, desa, no,
                    csv_field(cr, col[F_GRADE]), errs) != 0) {
            rc = SIAGA_ENOMEM;
            goto done;
        }
        if (error_count(errs) > before)
            rc = SIAGA_EINPUT;
    } while ((res = csv_read(cr)) != CSV_EOF && res != CSV_NOMEM &&
             res != CSV_EIO);
    if (res == CSV_NOMEM)
        rc = SIAGA_ENOMEM;
    else if (res == CSV_EIO)
        rc = SIAGA_EIO;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, NULL, 0, "out of memory");
    else if (rc == SIAGA_EIO)
        error_add(errs, path, 0, "cannot read: %s", strerror(errno));
    csv_reader_destroy(cr);
    fclose(fp);
    return rc;
}

struct xml_errs {
    const char *path;
    struct error_list *errs;
    int n;
    struct xml_guard_file in;   /* the file, through xml_guard's limits */
};

static void on_xml_error(void *ctx, xml_error_ptr e)
{
    struct xml_errs *x = ctx;
    char msg[256];
    if (e->level < XML_ERR_ERROR || x->in.limit || x->in.error)
        return;   /* a stopped read is reported after, in our words */
    xml_error_text(e, NULL, msg, sizeof msg);
    x->n++;
    error_add(x->errs, x->path, e->line, "%s", msg);
}

static int read_xml(const char *path, const struct imp_grade_sink *sink,
                    struct error_list *errs)
{
    int rc = SIAGA_OK, ret;
    struct xml_errs x = {path, errs, 0, {0}};
    int options = xml_guard_options();
    struct xml_handlers saved;
    xmlTextReaderPtr rd = xml_guard_reader(&x.in, path, options);

    if (rd == NULL) {
        rc = error_io(errs, path, "cannot read", x.in.error ? x.in.error : ENOMEM);
        xml_guard_file_close(&x.in);
        return rc;
    }
    xml_handlers_push(&saved, on_xml_error, &x, NULL);
    xmlTextReaderSetStructuredErrorHandler(rd, on_xml_error, &x);
    while ((ret = xmlTextReaderRead(rd)) == 1) {
        int type = xmlTextReaderNodeType(rd);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            error_add(errs, path, xmlTextReaderGetParserLineNumber(rd),
                      "DOCTYPE declarations are not allowed (DTDs and "
                      "entities are never loaded)");
            rc = SIAGA_EINPUT;
            break;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        xmlChar *g = xmlTextReaderGetAttribute(rd, BAD_CAST "grade");
        if (g == NULL)
            continue;
        xmlChar *code = xmlTextReaderGetAttribute(rd, BAD_CAST "tps");
        if (code == NULL)
            code = xmlTextReaderGetAttribute(rd, BAD_CAST "id");
        if (code == NULL)
            code = xmlTextReaderGetAttribute(rd, BAD_CAST "code");
        long line = xmlGetLineNo(xmlTextReaderCurrentNode(rd));
        long before = error_count(errs);
        int r = put_row(sink, path, line, (const char *)code, NULL, NULL,
                        (const char *)g, errs);
        xmlFree(g);
        if (code != NULL)
            xmlFree(code);
        if (r != 0) {
            rc = SIAGA_ENOMEM;
            error_add(errs, NULL, 0, "out of memory");
            break;
        }
        if (error_count(errs) > before)
            rc = SIAGA_EINPUT;
    }
    if (x.in.error != 0) {
        rc = error_io(errs, path, "cannot read", x.in.error);
    } else if (x.in.limit) {
        error_add(errs, path, x.in.guard.fail_line, "%s", x.in.guard.message);
        rc = SIAGA_EINPUT;
    } else if (ret < 0 && rc == SIAGA_OK) {
        if (x.n == 0)
            error_add(errs, path, xmlTextReaderGetParserLineNumber(rd),
                      "malformed XML");
        rc = SIAGA_EINPUT;
    }
    xmlFreeTextReader(rd);
    xml_guard_file_close(&x.in);
    xml_handlers_pop(&saved);
    return rc;
}

int imp_read_grades(const char *path, const struct imp_grade_sink *sink,
                    struct error_list *errs)
{
    size_t n = strlen(path);
    int xml = n >= 4 && strcasecmp(path + n - 4, ".xml") == 0;
    if (!xml) {
        FILE *f = fopen(path, "rb");
        int c = EOF;
        if (f != NULL) {
            while ((c = getc(f)) != EOF &&
                   (c == 0xEF || c == 0xBB || c == 0xBF || c == ' ' ||
                    c == '\t' || c == '\r' || c == '\n'))
                ;
            fclose(f);
        }
        xml = c == '<';
    }
    return xml ? read_xml(path, sink, errs) : read_csv(path, sink, errs);
}
