/* app: the server's configuration and the shared state every request handler sees. */
#ifndef CBDEST_SERVER_APP_H
#define CBDEST_SERVER_APP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define APP_DEFAULT_VERSION "2026-01-01-magnetar"
#define APP_MAX_KEYS 32

struct store;
struct ratelimit;

struct app_config {
    char listen_host[256];
    int listen_port;
    char *db_path;                        /* owned */
    char *secret_keys[APP_MAX_KEYS];      /* owned */
    size_t n_secret;
    char *publishable_keys[APP_MAX_KEYS]; /* owned */
    size_t n_publishable;
    char *api_key_file_written;           /* owned; generated/reused key file path or NULL */
    long seed;
    long rate_limit;                      /* requests per window per key */
    long rate_seconds;                    /* window length */
    bool access_log;
};

struct app {
    const struct app_config *cfg;
    struct store *store;
    struct ratelimit *ratelimit;
    atomic_int in_flight; /* requests between the first handler call and completion */
};

#endif
