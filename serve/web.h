/*
 * web.h - the files of the page of siaga serve (web/ and Leaflet from
 * node_modules), compiled into the program by tools/embed-web.py so the
 * page works offline and needs nothing installed beside the program.
 */
#ifndef SIAGA_SERVE_WEB_H
#define SIAGA_SERVE_WEB_H
#include <stddef.h>

struct web_asset {
    const char *name;          /* path under /, e.g. "app.js" */
    const char *mime;
    const unsigned char *data;
    size_t len;
};
/* NULL-named at the end. */
extern const struct web_asset siaga_web_assets[];
#endif
