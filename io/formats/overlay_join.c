/*
 * overlay_join.c - several overlays as one document (overlay_join.h).
 *
 * Each input is parsed again (with the guarded options, no DTD, no
 * network), and each child of its root is copied under the new root,
 * its elements rebound to the root's namespace declaration, so the
 * output declares urn:siaga:overlay:1 once, on the root, however each
 * input spelled it (default namespace or a prefix).
 * Text between the changes (indentation) is dropped; the document is
 * written indented, so the same inputs give the same bytes.
 */
#include "io/formats/overlay_join.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "io/xml/guard.h"

#define OVERLAY_NS "urn:siaga:overlay:1"

/* Point the elements of n's tree in the overlay namespace at ns (the
 * root's), and drop the declarations of it the copy made on n. */
static void rebind(xmlNodePtr n, xmlNsPtr ns)
{
    for (xmlNodePtr e = n; e != NULL; e = e == n ? NULL : e->next) {
        if (e->type != XML_ELEMENT_NODE)
            continue;
        if (e->ns != NULL && xmlStrEqual(e->ns->href, BAD_CAST OVERLAY_NS))
            e->ns = ns;
        for (xmlNodePtr c = e->children; c != NULL; c = c->next)
            rebind(c, ns);
    }
    xmlNsPtr *link = &n->nsDef;
    while (*link != NULL) {
        xmlNsPtr d = *link;
        if (xmlStrEqual(d->href, BAD_CAST OVERLAY_NS)) {
            *link = d->next;
            d->next = NULL;
            xmlFreeNs(d);
        } else {
            link = &d->next;
        }
    }
}

/* Copy the element and comment children of src's root under root. */
static int copy_children(xmlDocPtr src, xmlDocPtr dst, xmlNodePtr root)
{
    xmlNodePtr sroot = xmlDocGetRootElement(src);
    if (sroot == NULL)
        return -1;
    for (xmlNodePtr c = sroot->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE && c->type != XML_COMMENT_NODE)
            continue;
        xmlNodePtr copy = xmlDocCopyNode(c, dst, 1);
        if (copy == NULL)
            return -2;
        if (xmlAddChild(root, copy) == NULL) {
            xmlFreeNode(copy);
            return -2;
        }
        if (copy->type == XML_ELEMENT_NODE)
            rebind(copy, root->ns);
    }
    return 0;
}

/* libxml2's messages about an input are not printed (the library never
 * prints): a join of inputs that were read before has none. */
static void quiet(void *ctx, xml_error_ptr e)
{
    (void)ctx, (void)e;
}

int io_overlay_join(const char *const *doc, const size_t *len, int n,
                    const char *name, char **out, size_t *outlen,
                    struct error_list *errs)
{
    int rc = SIAGA_ENOMEM;
    xmlDocPtr dst = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = NULL;
    xmlChar *mem = NULL;
    int memlen = 0;
    struct xml_handlers saved;
    *out = NULL;
    *outlen = 0;
    xml_handlers_push(&saved, quiet, NULL, NULL);
    if (dst == NULL || (root = xmlNewDocNode(dst, NULL, BAD_CAST "overlay",
                                             NULL)) == NULL)
        goto done;
    xmlDocSetRootElement(dst, root);
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST OVERLAY_NS, NULL);
    if (ns == NULL)
        goto done;
    xmlSetNs(root, ns);
    if (xmlNewProp(root, BAD_CAST "name", BAD_CAST name) == NULL)
        goto done;
    for (int i = 0; i < n; i++) {
        if (len[i] > (size_t)(64L * 1024 * 1024)) {
            error_add(errs, name, 0, "overlay %d is too large to join", i + 1);
            rc = SIAGA_EINPUT;
            goto done;
        }
        xmlDocPtr src = xmlReadMemory(doc[i], (int)len[i], NULL, NULL,
                                      xml_guard_options());
        int c = src == NULL ? -1 : copy_children(src, dst, root);
        xmlFreeDoc(src);
        if (c == -1) {
            error_add(errs, name, 0, "overlay %d is not well-formed XML", i + 1);
            rc = SIAGA_EINPUT;
            goto done;
        }
        if (c != 0)
            goto done;
    }
    xmlDocDumpFormatMemoryEnc(dst, &mem, &memlen, "UTF-8", 1);
    if (mem == NULL || memlen < 0)
        goto done;
    *out = malloc((size_t)memlen + 1);
    if (*out == NULL)
        goto done;
    memcpy(*out, mem, (size_t)memlen);
    (*out)[memlen] = '\0';
    *outlen = (size_t)memlen;
    rc = SIAGA_OK;
done:
    if (rc == SIAGA_ENOMEM)
        error_add(errs, name, 0, "out of memory");
    xmlFree(mem);
    xmlFreeDoc(dst);
    xml_handlers_pop(&saved);
    return rc;
}
