/*
 * guard.h - what every XML reader of siaga shares: the safe parse
 * options, libxml2's error handlers saved and put back, its messages
 * cleaned, an embedded schema compiled, a file streamed to libxml2
 * through the limits below, and the name of a file's root element
 * (io_xml_root), read the same way.
 *
 * The limits are checked on the raw bytes of an XML file before
 * libxml2 parses them, for what libxml2 2.9 does not bound by itself: the
 * size of the file (a pipe or /dev/zero never ends) and the number of
 * attributes in one start tag (libxml2 2.9 looks for duplicates pairwise,
 * so 100,000 attributes take a minute).  Depth (256), names (50,000 bytes)
 * and values (10 MB) libxml2 already bounds; the readers bound the rest.
 *
 * The scanner knows comments, processing instructions, CDATA sections,
 * declarations and quoted values well enough never to count what is not
 * an attribute of a start tag; it is not a parser.  ASCII-compatible
 * encodings (UTF-8, the formats' encoding) are scanned exactly.
 */
#ifndef SIAGA_XML_GUARD_H
#define SIAGA_XML_GUARD_H

#include <stddef.h>
#include <stdio.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

/* Largest input file, in bytes: a national scenario is ~150 MB and a
 * national roster ~350 MB. */
#define XML_GUARD_MAX_BYTES (512L * 1024 * 1024)
/* Most attributes in one start tag: the widest element of the formats
 * has 10, and extension attributes are allowed. */
#define XML_GUARD_MAX_ATTRS 256

struct xml_guard {
    long bytes;       /* read so far */
    long line;        /* 1-based line of the byte being scanned */
    int state, quote, attrs, depth, match;
    char message[160];/* set when a limit is passed */
    long fail_line;   /* the line where it was passed */
};

void xml_guard_init(struct xml_guard *g);

/* Is the file open on fd within XML_GUARD_MAX_BYTES (a pipe or device
 * passes: the guard counts its bytes as they come)?  Returns 0, or -1
 * with the reason under path in errs. */
struct error_list;
int xml_guard_check_size(int fd, const char *path, struct error_list *errs);

/* Scan the next n bytes.  Returns 0, or -1 when a limit is passed: then
 * g->message and g->fail_line say which and where; stop reading. */
int xml_guard_feed(struct xml_guard *g, const char *buf, size_t n);

/* What libxml2 hands a structured error handler: const from 2.12. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

/* e's message (or "unknown XML error") into buf without its trailing
 * newline and, when strip is not NULL, without every occurrence of strip
 * (schema messages put "{namespace}" before each name). */
void xml_error_text(xml_error_ptr e, const char *strip, char *buf,
                    size_t size);

/* The parse options of every reader: no network, line numbers past
 * 65,535 and, from libxml2 2.13, no external entities.  The readers
 * refuse DTDs themselves. */
int xml_guard_options(void);

/*
 * libxml2's error handlers are per thread and global to it: a reader
 * routes them to itself for the duration of one call and puts them back
 * after.  xml_handlers_push saves the current ones in saved and installs
 * serror with sctx, and gerror with a NULL context; a NULL gerror drops
 * libxml2's generic messages ("xmlParseChunk: encoder error"), which
 * name no file: what matters comes through serror too.
 */
struct xml_handlers {
    xmlStructuredErrorFunc serror;
    void *sctx;
    xmlGenericErrorFunc gerror;
    void *gctx;
};
void xml_handlers_push(struct xml_handlers *saved,
                       xmlStructuredErrorFunc serror, void *sctx,
                       xmlGenericErrorFunc gerror);
void xml_handlers_pop(const struct xml_handlers *saved);

/*
 * The embedded schema xsd (io/xml/schemas.h) compiled, and a validation
 * context on it, into *schema and *vctx (NULL when not made; the caller
 * frees both, made or not).  While it compiles, libxml2's errors go to
 * serror with ctx and *compiling is 1: the embedded schemas are known to
 * compile, so an error then means memory ran out, and the handler is to
 * count it as that and not as the file's problem.  Returns 0, or -1 when
 * out of memory.
 */
int xml_schema_embedded(const char *xsd, xmlStructuredErrorFunc serror,
                        void *ctx, int *compiling, xmlSchemaPtr *schema,
                        xmlSchemaValidCtxtPtr *vctx);

/*
 * A file streamed to an xmlTextReader through the guard, for readers that
 * do not scan the bytes themselves.  When the guard stops the file, or
 * reading fails, the reader sees an I/O error: the caller then reports
 * limit (guard.message at guard.fail_line) or error (an errno) instead of
 * what libxml2 says about it.
 */
struct xml_guard_file {
    FILE *in;
    struct xml_guard guard;
    int limit;   /* a limit was passed */
    int error;   /* errno of a failed read, 0 if none */
};

/* A reader on path through the guard; NULL when the file cannot be
 * opened (f->error set) or out of memory.  Close with
 * xml_guard_file_close after xmlFreeTextReader. */
xmlTextReaderPtr xml_guard_reader(struct xml_guard_file *f, const char *path,
                                  int options);
void xml_guard_file_close(struct xml_guard_file *f);

/* The same for a whole tree: path parsed by ctxt through the guard.  NULL
 * when the file cannot be opened (f->error), a limit is passed
 * (f->limit), reading fails (f->error) or the XML is bad (reported to the
 * handlers).  Call xml_guard_file_close after. */
xmlDocPtr xml_guard_read_doc(struct xml_guard_file *f, xmlParserCtxtPtr ctxt,
                             const char *path, int options);

/* The local name of the root element of an XML file into name (size n),
 * for telling scenarios from rosters; "" when there is none.  Never loads
 * a DTD or anything from the network.  0, -1 when the file cannot be
 * read or is not XML, or -2 when out of memory. */
int io_xml_root(const char *path, char *name, size_t n);

#endif
