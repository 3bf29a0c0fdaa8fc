/*
 * alloc.h - libxml2's allocations, and what a failed one does.
 *
 * libxml2 2.9.14 (Debian 12) is not safe when malloc fails: the
 * allocation-failure sweep (make test-faults-alloc) found it dereferencing
 * NULL while compiling and validating the embedded schemas, and reporting
 * schema errors the input does not have.  libxml2 2.11 fixed most of
 * these.  Until siaga can rely on it, a failed libxml2 allocation is fatal
 * to siaga, as Redis treats every failed allocation: the temporaries being
 * written are removed (outdir_remove_tracked), "siaga: out of memory" goes
 * to standard error and the process exits with status 3, the status of
 * any other failed allocation.  So the caller sees the same result either
 * way, and nothing half written stays.  siaga's own allocations still fail
 * softly, with their error paths (tests/faults).
 *
 * xml_alloc_setup() is called once by main, before any other libxml2 call
 * (xmlMemSetup must come first).  Library users who do not call it keep
 * libxml2's own allocator.
 */
#ifndef SIAGA_XML_ALLOC_H
#define SIAGA_XML_ALLOC_H

/* Exit status of the fatal path: main's EXIT_FAILURE_. */
#define XML_ALLOC_EXIT 3

/* Route libxml2's allocations through the checked functions and
 * initialise the parser.  Returns 0, or -1 if libxml2 refused. */
int xml_alloc_setup(void);

#endif
