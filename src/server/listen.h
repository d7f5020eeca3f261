/* listen: opens the listening socket itself, so a failure can say why (in use, permission). */
#ifndef CBDEST_SERVER_LISTEN_H
#define CBDEST_SERVER_LISTEN_H

#include <stddef.h>

/* Resolves host (numeric or a name) and binds + listens on host:port (non-blocking,
 * close-on-exec, SO_REUSEADDR, IPv6 sockets v6-only). Returns the fd, or -1 with err set to
 * "cannot listen on HOST:PORT: <reason>" (reasons: "address already in use", "permission
 * denied (ports below 1024 need privileges)", "address not available on this machine",
 * "unknown host (...)", else strerror). */
int listen_open(const char *host, int port, char *err, size_t errlen);

/* The short reason text listen_open uses for an errno value. */
const char *listen_reason(int errnum);

#endif
