/*
 * serve.h - siaga serve: the plan on a page, changed and re-planned from
 * the browser (README "siaga serve").  serve_start plans (session.h) and
 * starts an HTTP server (libmicrohttpd) on the loopback address; the
 * page and its scripts are compiled into the program (serve/web.h).
 */
#ifndef SIAGA_SERVE_H
#define SIAGA_SERVE_H
#include "model/error.h"
#include "serve/session.h"

/* Largest request body, bytes: an overlay made on the page is a few
 * hundred bytes; a script may send a larger one, up to this (413 past
 * it). */
#define SERVE_MAX_BODY (1L << 20)
/* Most connections at once (each has a thread of its own). */
#define SERVE_MAX_CONNECTIONS 32

struct serve_opts {
    struct session_opts session;
    const char *bind;   /* address to listen on, IPv4 or IPv6 literal;
                           default "127.0.0.1" */
    int port;           /* 0: any free port */
};

struct server;

/* Plan, then listen.  On SIAGA_OK *out is running (serve_stop) and *url
 * holds its address ("http://127.0.0.1:PORT/", n bytes at most); on
 * failure errs says why (SIAGA_EINPUT for a bad input or address,
 * SIAGA_EIO when the port cannot be had, ...). */
int serve_start(const struct serve_opts *o, struct server **out, char *url,
                size_t n, struct error_list *errs);

/* Stop listening, wait for the requests under way (a re-plan finishes
 * and writes its files), free.  NULL is fine. */
void serve_stop(struct server *sv);
#endif
