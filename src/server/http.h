/* http: libmicrohttpd glue: starts the daemon, collects bodies, sends replies with headers. */
#ifndef CBDEST_SERVER_HTTP_H
#define CBDEST_SERVER_HTTP_H

#include <sys/socket.h>

#include "server/app.h"

struct http_server;

/* Starts serving app on addr with a thread pool; NULL on failure (message on stderr). */
struct http_server *http_start(struct app *app, const struct sockaddr *addr, int family);

/* The port actually bound (useful after listening on port 0). */
int http_port(const struct http_server *srv);

/* Stops accepting, waits up to timeout_ms for requests in flight, then stops and frees. */
void http_stop(struct http_server *srv, int timeout_ms);

/* Keeps only a safe echo of a Metorial-Version value: [A-Za-z0-9._-], 1..64 chars. */
int http_version_ok(const char *value);

#endif
