/* http: MHD access handler (body collection with a 1 MiB cap), headers and replies. */
#include "server/http.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/request.h"
#include "server/routes.h"

#define HTTP_THREADS 4

struct http_server {
    struct MHD_Daemon *daemon;
    struct app *app;
    int port;
};

static int64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int http_version_ok(const char *value)
{
    size_t n = value ? strlen(value) : 0;
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = value[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Appends upload data to the body, or drops it once the body passed the cap. */
static void body_append(struct request *req, const char *data, size_t n)
{
    if (req->body_too_large)
        return;
    if (req->body_len + n > REQUEST_MAX_BODY) {
        req->body_too_large = true;
        free(req->body);
        req->body = NULL;
        req->body_len = req->body_cap = 0;
        return;
    }
    if (req->body_len + n + 1 > req->body_cap) {
        size_t cap = req->body_cap ? req->body_cap : 1024;
        while (cap < req->body_len + n + 1)
            cap *= 2;
        char *grown = realloc(req->body, cap);
        if (!grown) {
            req->body_too_large = true;
            return;
        }
        req->body = grown;
        req->body_cap = cap;
    }
    memcpy(req->body + req->body_len, data, n);
    req->body_len += n;
    req->body[req->body_len] = '\0';
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct request *req = cls;
    (void)kind;
    if (req->nargs < REQUEST_MAX_ARGS && key) {
        req->args[req->nargs].key = key;
        req->args[req->nargs].value = value;
        req->nargs++;
    }
    return MHD_YES;
}

/* Reads the headers and query arguments the pipeline needs. */
static void request_load(struct request *req, struct MHD_Connection *conn)
{
    const char *v;
    req->authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, req);
    v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Metorial-Version");
    if (!v)
        v = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "api-version");
    snprintf(req->version, sizeof req->version, "%s",
             http_version_ok(v) ? v : APP_DEFAULT_VERSION);
}

static void add_headers(struct MHD_Response *resp, const struct request *req,
                        const struct reply *r)
{
    char num[32];
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "metorial-req-id", req->req_id);
    MHD_add_response_header(resp, "metorial-version", req->version);
    snprintf(num, sizeof num, "%ld", req->rl_limit);
    MHD_add_response_header(resp, "RateLimit-Limit", num);
    snprintf(num, sizeof num, "%ld", req->rl_remaining > 0 ? req->rl_remaining : 0);
    MHD_add_response_header(resp, "RateLimit-Remaining", num);
    snprintf(num, sizeof num, "%lld", (long long)req->rl_reset);
    MHD_add_response_header(resp, "RateLimit-Reset", num);
    if (r->allow)
        MHD_add_response_header(resp, "Allow", r->allow);
}

/* One access-log line: method, path (control bytes masked; no query), status, ms, req id. */
static void access_log(const struct request *req, int status)
{
    char path[256];
    size_t i = 0;
    for (const char *p = req->path; p && *p && i < sizeof path - 1; p++)
        path[i++] = ((unsigned char)*p < 0x20 || *p == 0x7f) ? '?' : *p;
    path[i] = '\0';
    double ms = (double)(monotonic_ns() - req->start_ns) / 1e6;
    fprintf(stderr, "%s %s %d %.2fms %s\n", req->method, path, status, ms, req->req_id);
}

/* Prints compactly into one buffer sized up front (cJSON's own printer reallocs as it grows). */
static char *json_print(const cJSON *body)
{
    for (int size = 16384; size <= (1 << 24); size *= 4) {
        char *buf = malloc((size_t)size);
        if (!buf)
            return NULL;
        if (cJSON_PrintPreallocated((cJSON *)body, buf, size, 0))
            return buf;
        free(buf);
    }
    return cJSON_PrintUnformatted(body);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct request *req,
                                  struct reply *r)
{
    char *text = r->text ? r->text : r->body ? json_print(r->body) : NULL;
    cJSON_Delete(r->body);
    r->body = NULL;
    r->text = NULL;
    if (!text) {
        static const char oom[] = "{\"object\":\"error\",\"ok\":false,\"status\":500,"
                                  "\"code\":\"internal_server_error\"}";
        r->status = 500;
        text = strdup(oom);
        if (!text)
            return MHD_NO;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    add_headers(resp, req, r);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    if (req->app->cfg->access_log)
        access_log(req, r->status);
    return ret;
}

/* Called by MHD with the raw request target before any unescaping: the request starts here,
 * so routing can split the path before decoding it (an id may hold "%2F"). */
static void *http_uri_log(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct app *app = cls;
    (void)conn;
    struct request *req = calloc(1, sizeof *req);
    if (!req)
        return NULL;
    req->app = app;
    req->start_ns = monotonic_ns();
    req->raw_path = strndup(uri ? uri : "", strcspn(uri ? uri : "", "?"));
    ids_request(req->req_id);
    atomic_fetch_add(&app->in_flight, 1);
    return req;
}

static enum MHD_Result http_access(void *cls, struct MHD_Connection *conn, const char *url,
                                   const char *method, const char *version,
                                   const char *upload_data, size_t *upload_data_size,
                                   void **con_cls)
{
    struct request *req = *con_cls;
    (void)cls;
    (void)version;
    if (!req)
        return MHD_NO; /* http_uri_log ran out of memory */
    if (!req->started) {
        req->started = true;
        req->method = method;
        req->path = url;
        return MHD_YES;
    }
    if (*upload_data_size) {
        body_append(req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    request_load(req, conn);
    struct reply r = routes_handle(req);
    return send_reply(conn, req, &r);
}

static void http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                           enum MHD_RequestTerminationCode toe)
{
    struct app *app = cls;
    struct request *req = *con_cls;
    (void)conn;
    (void)toe;
    if (!req)
        return;
    free(req->body);
    free(req->raw_path);
    free(req);
    *con_cls = NULL;
    atomic_fetch_sub(&app->in_flight, 1);
}

struct http_server *http_start(struct app *app, int fd)
{
    struct http_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        close(fd);
        return NULL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
    srv->app = app;
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, http_access, app, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
        MHD_OPTION_URI_LOG_CALLBACK, http_uri_log, app, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)HTTP_THREADS, MHD_OPTION_NOTIFY_COMPLETED,
        http_completed, app, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_END);
    if (!srv->daemon) {
        close(fd);
        free(srv);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : 0;
    return srv;
}

int http_port(const struct http_server *srv)
{
    return srv->port;
}

void http_stop(struct http_server *srv, int timeout_ms)
{
    if (!srv)
        return;
    MHD_socket fd = MHD_quiesce_daemon(srv->daemon);
    for (int waited = 0; waited < timeout_ms && atomic_load(&srv->app->in_flight) > 0;
         waited += 10)
        usleep(10000);
    MHD_stop_daemon(srv->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    free(srv);
}
