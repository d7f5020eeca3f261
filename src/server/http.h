/* http: libmicrohttpd glue: starts the daemon, collects bodies, sends replies with headers. */
#ifndef CBDEST_SERVER_HTTP_H
#define CBDEST_SERVER_HTTP_H

#include "server/app.h"

struct http_server;

/* Starts serving app on the listening socket fd (see listen_open; the server owns it from
 * now on, also on failure) with a thread pool; NULL on failure. */
struct http_server *http_start(struct app *app, int fd);

/* The port actually bound (useful after listening on port 0). */
int http_port(const struct http_server *srv);

/* Stops accepting, waits up to timeout_ms for requests in flight, then stops and frees. */
void http_stop(struct http_server *srv, int timeout_ms);

/* Keeps only a safe echo of a Metorial-Version value: [A-Za-z0-9._-], 1..64 chars. */
int http_version_ok(const char *value);

#endif
