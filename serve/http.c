/*
 * http.c - the HTTP side of siaga serve (serve.h) on libmicrohttpd: the
 * routes, and the checks that keep a page on another site from using the
 * server.
 *
 * Routes:
 *   GET  /                 the page (index.html); /NAME its other files
 *   GET  /api/state        the current plan as JSON (session_state_json)
 *   POST /api/plan[?pin=ID]...  body: an overlay (formats.md 4); re-plan
 *   POST /api/undo         back one step
 *   GET  /files/NAME       the files of the current step, kab/CODE/F of a
 *                          set written per kabupaten (session_file)
 *   GET  /api/why?member=ID  why that member stands where he stands
 *                          (session_why_json): 400 without a member, 404
 *                          for an unknown one
 *
 * Safe by default:
 * - it listens on 127.0.0.1 unless --bind says otherwise;
 * - a request whose Host is not the bound address or localhost (with
 *   the port, or without) is refused with 421: a name of another site
 *   that resolves to 127.0.0.1 (DNS rebinding) cannot reach it;
 * - a POST whose Origin is another site's, or whose Sec-Fetch-Site is
 *   cross-site, is refused with 403 (CSRF); a POST with no Origin (curl,
 *   scripts) is served: only a browser sends one, and browsers always do
 *   on a cross-origin POST;
 * - a body over SERVE_MAX_BODY is answered 413 (by Content-Length before
 *   it is read, or when it passes the limit, the rest not kept); the
 *   JSON answers are bounded by the scenario (state) and by
 *   SESSION_MAX_CHANGE_ROWS (re-plans);
 * - one thread per connection, SERVE_MAX_CONNECTIONS at most; re-plans
 *   wait for each other on the session's lock;
 * - every answer says no-store, nosniff, no framing, and the page's
 *   Content-Security-Policy allows only its own scripts (map tiles, when
 *   the user gives a tile URL, are images from anywhere).
 */
#include "serve/serve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "io/report/json.h"
#include "serve/web.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_RESULT;
#else
typedef enum MHD_Result MHD_RESULT;
#endif

/* Host header values accepted: "localhost" and the bound address, each
 * bare or with ":PORT". */
#define MAX_HOSTS 6

struct server {
    struct MHD_Daemon *d;
    struct session *ss;
    char host[MAX_HOSTS][80];
    int nhost;
};

struct request {
    char *body;
    size_t len, cap;
    int too_big;        /* the body passed SERVE_MAX_BODY */
    int answered;       /* a response was queued at the first call */
};

static const char CSP[] =
    "default-src 'self'; img-src 'self' data: blob: http: https:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'";

static MHD_RESULT respond(struct MHD_Connection *c, unsigned status,
                       const char *mime, void *data, size_t len, int owned,
                       const char *attachment)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, data, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (r == NULL) {
        if (owned)
            free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", mime);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    if (attachment != NULL) {
        char cd[128];
        snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", attachment);
        MHD_add_response_header(r, "Content-Disposition", cd);
    }
    MHD_RESULT ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* {"error": msg, "errors": [{"file", "line", "message"}...]} */
static MHD_RESULT send_error(struct MHD_Connection *c, unsigned status,
                             const char *msg, const struct error_list *el)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return MHD_NO;
    fputs("{\"error\": ", f);
    const char *first = msg;
    if (el != NULL && el->n > 0)
        first = el->items[0].message;
    json_write_string(f, first != NULL ? first : "");
    fputs(", \"errors\": [", f);
    for (int i = 0; el != NULL && i < el->n; i++) {
        const struct siaga_error *e = &el->items[i];
        fprintf(f, "%s{\"file\": ", i > 0 ? ", " : "");
        if (e->file != NULL)
            json_write_string(f, e->file);
        else
            fputs("null", f);
        fprintf(f, ", \"line\": %ld, \"message\": ", e->line);
        json_write_string(f, e->message);
        fputs("}", f);
    }
    fputs("]}\n", f);
    if (fclose(f) != 0) {
        free(buf);
        return MHD_NO;
    }
    return respond(c, status, "application/json; charset=utf-8", buf, len, 1, NULL);
}

static unsigned status_of(int rc)
{
    switch (rc) {
    case SIAGA_EINPUT: return MHD_HTTP_BAD_REQUEST;
    case SIAGA_ELIMIT: return MHD_HTTP_SERVICE_UNAVAILABLE;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

static int host_ok(const struct server *sv, const char *host)
{
    if (host == NULL)
        return 0;
    for (int i = 0; i < sv->nhost; i++)
        if (strcmp(host, sv->host[i]) == 0)
            return 1;
    return 0;
}

/* Origin "http://HOST" with an accepted HOST; none at all is fine. */
static int origin_ok(const struct server *sv, struct MHD_Connection *c)
{
    const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   "Sec-Fetch-Site");
    if (site != NULL && strcmp(site, "cross-site") == 0)
        return 0;
    const char *o = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    if (o == NULL)
        return 1;
    if (strncmp(o, "http://", 7) != 0)
        return 0;
    return host_ok(sv, o + 7);
}

/* The pins of a re-plan: ?pin=ID, repeated. */
struct pins { const char *id[SESSION_MAX_PINS]; int n; int over; };

static MHD_RESULT collect_pin(void *cls, enum MHD_ValueKind kind,
                              const char *key, const char *value)
{
    struct pins *p = cls;
    (void)kind;
    if (key != NULL && strcmp(key, "pin") == 0 && value != NULL && *value) {
        if (p->n == SESSION_MAX_PINS)
            p->over = 1;
        else
            p->id[p->n++] = value;
    }
    return MHD_YES;
}

/* The JSON answer buf (200) when rc is SIAGA_OK, else the error with
 * status bad and el's messages; frees el. */
static MHD_RESULT answer_json(struct MHD_Connection *c, int rc, char *buf,
                              size_t len, unsigned bad, const char *msg,
                              struct error_list *el)
{
    MHD_RESULT r;
    if (rc == SIAGA_OK) {
        r = respond(c, MHD_HTTP_OK, "application/json; charset=utf-8", buf, len,
                    1, NULL);
    } else {
        free(buf);
        r = send_error(c, bad, msg, el);
    }
    error_list_free(el);
    return r;
}

/* Run fn's JSON answer into a buffer and send it (200), or the error. */
static MHD_RESULT api_plan(struct server *sv, struct MHD_Connection *c,
                           struct request *rq, int undo)
{
    struct pins pins = {.n = 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_pin, &pins);
    struct error_list el;
    error_list_init(&el);
    if (pins.over) {
        error_add(&el, NULL, 0, "at most %d pins", SESSION_MAX_PINS);
        MHD_RESULT r = send_error(c, MHD_HTTP_BAD_REQUEST, "", &el);
        error_list_free(&el);
        return r;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int rc = SIAGA_ENOMEM;
    if (f != NULL) {
        rc = undo ? session_undo(sv->ss, f, &el)
                  : session_replan(sv->ss, rq->body != NULL ? rq->body : "",
                                   rq->len, pins.id, pins.n, f, &el);
        if (fclose(f) != 0 && rc == SIAGA_OK)
            rc = SIAGA_ENOMEM;
    }
    return answer_json(c, rc, buf, len, status_of(rc), "the re-plan failed", &el);
}

static MHD_RESULT api_state(struct server *sv, struct MHD_Connection *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return MHD_NO;
    int rc = session_state_json(sv->ss, f);
    if (fclose(f) != 0 || rc != SIAGA_OK) {
        free(buf);
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                          "cannot write the plan as JSON", NULL);
    }
    return respond(c, MHD_HTTP_OK, "application/json; charset=utf-8", buf, len, 1,
                NULL);
}

static MHD_RESULT api_why(struct server *sv, struct MHD_Connection *c)
{
    const char *id = NULL;
    size_t idlen = 0;
    if (MHD_lookup_connection_value_n(c, MHD_GET_ARGUMENT_KIND, "member",
                                      strlen("member"), &id, &idlen) != MHD_YES ||
        id == NULL || idlen == 0)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "give ?member=ID", NULL);
    if (strlen(id) != idlen)   /* %00 inside: no id holds a NUL */
        return send_error(c, MHD_HTTP_BAD_REQUEST, "member holds a NUL byte",
                          NULL);
    struct error_list el;
    error_list_init(&el);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int rc = SIAGA_ENOMEM;
    if (f != NULL) {
        rc = session_why_json(sv->ss, id, f, &el);
        if (fclose(f) != 0 && rc == SIAGA_OK)
            rc = SIAGA_ENOMEM;
    }
    return answer_json(c, rc, buf, len,
                       rc == SIAGA_EINPUT ? MHD_HTTP_NOT_FOUND : status_of(rc),
                       "cannot say why", &el);
}

static MHD_RESULT get_file(struct server *sv, struct MHD_Connection *c,
                           const char *name)
{
    char *data = NULL;
    size_t len = 0;
    const char *mime = NULL;
    int rc = session_file(sv->ss, name, &data, &len, &mime);
    if (rc == SIAGA_EINPUT)
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file", NULL);
    if (rc != SIAGA_OK)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                          "cannot read the file", NULL);
    return respond(c, MHD_HTTP_OK, mime, data, len, 1, name);
}

static MHD_RESULT get_asset(struct MHD_Connection *c, const char *url)
{
    const char *name = strcmp(url, "/") == 0 ? "index.html" : url + 1;
    for (const struct web_asset *a = siaga_web_assets; a->name != NULL; a++)
        if (strcmp(a->name, name) == 0)
            return respond(c, MHD_HTTP_OK, a->mime, (void *)a->data, a->len, 0,
                        NULL);
    return send_error(c, MHD_HTTP_NOT_FOUND, "not found", NULL);
}

static MHD_RESULT handle(void *cls, struct MHD_Connection *c, const char *url,
                         const char *method, const char *version,
                         const char *upload, size_t *upload_size, void **con)
{
    struct server *sv = cls;
    struct request *rq = *con;
    (void)version;
    if (rq == NULL) {
        /* first call: the headers only */
        if ((rq = calloc(1, sizeof *rq)) == NULL)
            return MHD_NO;
        *con = rq;
        const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
        int post = strcmp(method, "POST") == 0;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     "Content-Length");
        rq->answered = 1;
        if (!host_ok(sv, host))
            return send_error(c, 421, "Host tidak dikenal: buka halaman "
                              "lewat alamat yang dicetak siaga serve", NULL);
        if (post && !origin_ok(sv, c))
            return send_error(c, MHD_HTTP_FORBIDDEN, "permintaan dari situs "
                              "lain ditolak", NULL);
        if (cl != NULL && strtoull(cl, NULL, 10) > (unsigned long long)SERVE_MAX_BODY)
            return send_error(c, 413, "the body is "
                              "larger than the limit", NULL);
        rq->answered = 0;
        return MHD_YES;
    }
    if (rq->answered)
        return MHD_YES;   /* a refused request: its body is not kept */
    if (*upload_size > 0) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (rq->too_big || rq->len + n > (size_t)SERVE_MAX_BODY) {
            rq->too_big = 1;
            return MHD_YES;
        }
        if (rq->len + n + 1 > rq->cap) {
            size_t cap = rq->cap ? rq->cap : 4096;
            while (cap < rq->len + n + 1)
                cap *= 2;
            char *b = realloc(rq->body, cap);
            if (b == NULL)
                return MHD_NO;
            rq->body = b;
            rq->cap = cap;
        }
        memcpy(rq->body + rq->len, upload, n);
        rq->len += n;
        rq->body[rq->len] = '\0';
        return MHD_YES;
    }
    rq->answered = 1;
    if (rq->too_big)
        return send_error(c, 413, "the body is larger "
                          "than the limit", NULL);
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int post = strcmp(method, "POST") == 0;
    if (strcmp(url, "/api/plan") == 0 || strcmp(url, "/api/undo") == 0) {
        if (!post)
            return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use POST", NULL);
        return api_plan(sv, c, rq, strcmp(url, "/api/undo") == 0);
    }
    if (!get)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET", NULL);
    if (strcmp(url, "/api/state") == 0)
        return api_state(sv, c);
    if (strcmp(url, "/api/why") == 0)
        return api_why(sv, c);
    if (strncmp(url, "/files/", 7) == 0)
        return get_file(sv, c, url + 7);
    return get_asset(c, url);
}

static void completed(void *cls, struct MHD_Connection *c, void **con,
                      enum MHD_RequestTerminationCode toe)
{
    struct request *rq = *con;
    (void)cls, (void)c, (void)toe;
    if (rq != NULL) {
        free(rq->body);
        free(rq);
    }
    *con = NULL;
}

static void add_host(struct server *sv, const char *name, int port)
{
    snprintf(sv->host[sv->nhost++], sizeof sv->host[0], "%s", name);
    snprintf(sv->host[sv->nhost++], sizeof sv->host[0], "%s:%d", name, port);
}

int serve_start(const struct serve_opts *o, struct server **out, char *url,
                size_t n, struct error_list *errs)
{
    const char *bind = o->bind != NULL ? o->bind : "127.0.0.1";
    struct sockaddr_in a4;
    struct sockaddr_in6 a6;
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_THREAD_PER_CONNECTION;
    int v6 = 0;
    memset(&a4, 0, sizeof a4);
    memset(&a6, 0, sizeof a6);
    *out = NULL;
    if (o->port < 0 || o->port > 65535) {
        error_add(errs, NULL, 0, "port %d is not from 0 to 65535", o->port);
        return SIAGA_EINPUT;
    }
    if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
        v6 = 1;
    } else {
        error_add(errs, NULL, 0, "--bind wants an IPv4 or IPv6 address, not "
                  "'%s'", bind);
        return SIAGA_EINPUT;
    }
    struct server *sv = calloc(1, sizeof *sv);
    if (sv == NULL) {
        error_add(errs, NULL, 0, "out of memory");
        return SIAGA_ENOMEM;
    }
    int rc = session_create(&o->session, &sv->ss, errs);
    if (rc != SIAGA_OK) {
        free(sv);
        return rc;
    }
    sv->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, sv,
                             MHD_OPTION_SOCK_ADDR, sa,
                             MHD_OPTION_NOTIFY_COMPLETED, completed, sv,
                             MHD_OPTION_CONNECTION_LIMIT,
                             (unsigned)SERVE_MAX_CONNECTIONS,
                             MHD_OPTION_CONNECTION_TIMEOUT, 120u,
                             MHD_OPTION_END);
    if (sv->d == NULL) {
        error_add(errs, NULL, 0, "cannot listen on %s port %d (in use, or "
                  "not an address of this machine)", bind, o->port);
        session_destroy(sv->ss);
        free(sv);
        return SIAGA_EIO;
    }
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
    int port = di != NULL ? di->port : o->port;
    char shown[64];
    snprintf(shown, sizeof shown, v6 ? "[%s]" : "%s", bind);
    add_host(sv, "localhost", port);
    add_host(sv, shown, port);
    snprintf(url, n, "http://%s:%d/", shown, port);
    *out = sv;
    return SIAGA_OK;
}

void serve_stop(struct server *sv)
{
    if (sv == NULL)
        return;
    MHD_stop_daemon(sv->d);
    session_destroy(sv->ss);
    free(sv);
}
