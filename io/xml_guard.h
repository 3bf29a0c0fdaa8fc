/*
 * xml_guard.h - limits checked on the raw bytes of an XML file before
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

/* Scan the next n bytes.  Returns 0, or -1 when a limit is passed: then
 * g->message and g->fail_line say which and where; stop reading. */
int xml_guard_feed(struct xml_guard *g, const char *buf, size_t n);

#endif
