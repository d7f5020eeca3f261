/* request: one HTTP request as the router and handlers see it, and the reply they produce. */
#ifndef CBDEST_SERVER_REQUEST_H
#define CBDEST_SERVER_REQUEST_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server/app.h"
#include "server/errors.h"
#include "server/ids.h"

#define REQUEST_MAX_BODY (1024 * 1024)
#define REQUEST_MAX_ARGS 64

struct query_pair {
    const char *key;   /* decoded by MHD; may still hold %5B forms, see query.c */
    const char *value; /* NULL for "?flag" without '=' */
};

enum key_kind { KEY_NONE, KEY_UNKNOWN, KEY_SECRET, KEY_PUBLISHABLE };

struct request {
    struct app *app;
    const char *method;
    const char *path;               /* as MHD decoded it (for the access log) */
    char *raw_path;                 /* owned: the request target up to '?', still encoded */
    bool started;                   /* the access handler has seen this request */
    const char *authorization;      /* header value or NULL */
    char *body;                     /* owned, NUL-terminated */
    size_t body_len, body_cap;
    bool body_too_large;
    struct query_pair args[REQUEST_MAX_ARGS];
    size_t nargs;
    const char *instance_id;        /* route capture or NULL */
    const char *id;                 /* route capture or NULL */
    char path_scratch[2048];        /* holds the captures */
    char req_id[REQ_ID_LEN + 1];
    char version[65];
    long rl_limit, rl_remaining;    /* rate-limit headers */
    int64_t rl_reset;
    int64_t start_ns;
};

struct reply {
    int status;
    cJSON *body;       /* owned by the reply until sent */
    char *text;        /* or the body as ready JSON text (owned; wins over body) */
    const char *allow; /* Allow header for 405, else NULL */
};

/* An error reply built from the error table (see present_error for the arguments). */
struct reply reply_error(enum err_code code, const char *message, const char *entity,
                         const char *id, cJSON *field_errors);

/* A 200 reply with ready JSON text (taken; NULL = out of memory, answered as a 500). */
struct reply reply_ok_text(char *text);

#endif
