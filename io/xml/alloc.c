/*
 * alloc.c - libxml2's allocator, fatal on failure; see alloc.h.
 */
#include "io/xml/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "io/outdir.h"

/* Only async-signal-safe calls from here: the heap is what failed, so no
 * stdio (which may allocate) and no exit() (atexit handlers, and another
 * thread may hold a lock). */
static void out_of_memory(void)
{
    static const char msg[] = "siaga: out of memory\n";
    outdir_remove_tracked();
    ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
    _exit(XML_ALLOC_EXIT);
}

static void *checked_malloc(size_t n)
{
    void *p = malloc(n > 0 ? n : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

static void *checked_realloc(void *old, size_t n)
{
    void *p = realloc(old, n > 0 ? n : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

static char *checked_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = checked_malloc(n);
    memcpy(p, s, n);
    return p;
}

int xml_alloc_setup(void)
{
    if (xmlMemSetup(free, checked_malloc, checked_realloc,
                    checked_strdup) != 0)
        return -1;
    xmlInitParser();
    return 0;
}
