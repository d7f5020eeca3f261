/* The Callback Destinations API: request building, response and error decoding, retry policy. */
#ifndef CBDEST_API_H
#define CBDEST_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "destination.h"

#define API_VERSION_HEADER "Metorial-Version: 2026-01-01-magnetar"
#define API_DEFAULT_BASE_URL "https://api.metorial.com"
#define API_BODY_CAP (16u * 1024u * 1024u) /* response bodies larger than this are refused */

/* The five operations (and the internal "did my create land?" lookup). */
enum api_kind {
    API_LIST,
    API_GET,
    API_CREATE,
    API_UPDATE,
    API_ARCHIVE
};

enum api_order {
    API_ORDER_DEFAULT, /* not sent: the server's default (asc) */
    API_ORDER_ASC,
    API_ORDER_DESC
};

/* List parameters. Strings are borrowed (copied by whoever sends the request); NULL or ""
 * means "not sent". Dates are ISO 8601 strings (see datetime.h to turn "7d" into one). */
struct api_list_params {
    int limit;                   /* 0 = not sent (server default 20); 1..100 */
    enum api_order order;
    const char *after;           /* id: page starts just after it (wins over before) */
    const char *before;          /* id: the page just before it */
    const char *created_after;   /* created_at[gt] */
    const char *created_before;  /* created_at[lt] */
    const char *updated_after;   /* updated_at[gt] */
    const char *updated_before;  /* updated_at[lt] */
};

/* One decoded page. Owns its items (api_page_clear frees them; items NULL is tolerated). An
 * empty page may still claim more either way: callers must not loop on it. */
struct api_page {
    struct dest **items;
    size_t count;
    bool has_more_before;
    bool has_more_after;
};

/* What failed, in categories the caller can act on. */
enum api_error_kind {
    API_ERR_HTTP,      /* the server answered with a non-2xx status (status, code, message...) */
    API_ERR_NETWORK,   /* transport: DNS, connect, TLS, timeout, proxy, dropped connection */
    API_ERR_RESPONSE,  /* a 2xx whose body is not what the contract says (empty, not JSON,
                          too large) */
    API_ERR_LOCAL      /* refused before sending: validation, no key, read-only, OOM */
};

/* An error as data. Every string is owned and may be NULL; none holds the API key.
 * Strings from the network are raw: sanitise before drawing (api_error_summary does). */
struct api_error {
    enum api_error_kind kind;
    int status;                     /* HTTP status; 0 when no response */
    char *code;                     /* API code ("invalid_data"), or for NETWORK one of
                                       "dns", "connect", "tls", "timeout", "proxy",
                                       "dropped", "too_large", "network"; for LOCAL
                                       "validation", "no_key", "read_only", "oom" */
    char *message;                  /* the API's message or our own words */
    char *hint;                     /* the API's hint, or what to try */
    char *req_id;                   /* metorial-req-id response header */
    char *excerpt;                  /* non-JSON body: short sanitised excerpt */
    struct dest_field_errors fields;
    bool outcome_unknown;           /* a write that may or may not have been applied */
};

/* Rate-limit state from the last response that carried the headers. */
struct api_ratelimit {
    bool known;
    long limit;
    long remaining;
    int64_t reset_epoch_s;          /* RateLimit-Reset as epoch seconds (0 unknown) */
};

/* --- errors -------------------------------------------------------------------------- */

struct api_error *api_error_new(enum api_error_kind kind, const char *code, const char *message);
void api_error_free(struct api_error *e);
struct api_error *api_error_clone(const struct api_error *e);

/* One line for humans, sanitised for a terminal, no trailing newline, e.g.
 * "HTTP 400 invalid_data: The provided data is invalid. (req req_abc)"
 * "network error (tls): certificate verify failed; CA file /etc/ssl/x.pem". malloc'd. */
char *api_error_summary(const struct api_error *e);

/* Process exit code for a failed CLI command: 3 for NETWORK (and outcome-unknown writes),
 * 2 for LOCAL "no_key" (configuration), 1 otherwise. */
int api_error_exit_code(const struct api_error *e);

/* Decodes an error response (JSON with `object` or `__typename` "error", or anything else:
 * HTML, empty, garbage). Never NULL except on OOM. req_id may be NULL. */
struct api_error *api_error_from_response(int status, const char *body, size_t len,
                                          const char *req_id);

/* --- requests ------------------------------------------------------------------------ */

/* The list query string beginning with '?' (or "" when nothing is set), values
 * percent-encoded, bracket params written "created_at%5Bgt%5D". malloc'd; NULL on OOM. */
char *api_list_query(const struct api_list_params *p);

/* base_url (trailing '/' tolerated) + "/callback-destinations" [+ "/" + escaped id] + query.
 * id and query may be NULL. malloc'd; NULL on OOM. */
char *api_build_url(const char *base_url, const char *id, const char *query);

/* --- responses ----------------------------------------------------------------------- */

/* Decodes a list envelope ({object|__typename: "list", items, pagination}; tolerant).
 * 0 ok; -1 with *err set (API_ERR_RESPONSE). */
int api_decode_page(const char *body, size_t len, struct api_page *out, struct api_error **err);
/* Decodes one destination object. NULL with *err set on failure. */
struct dest *api_decode_dest(const char *body, size_t len, struct api_error **err);

void api_page_clear(struct api_page *p);

/* Parses RateLimit-* header values (any may be NULL). */
void api_ratelimit_parse(struct api_ratelimit *rl, const char *limit, const char *remaining,
                         const char *reset);

/* --- retry policy (pure) ------------------------------------------------------------- */

struct api_retry_policy {
    int max_attempts;       /* total tries including the first (default 4) */
    long base_ms;           /* first backoff (default 500) */
    long max_wait_ms;       /* cap for any single wait, incl. Retry-After (default 60000) */
};

void api_retry_policy_default(struct api_retry_policy *p);

/* Whether a request may be tried again after this outcome:
 *   status: the HTTP status (0 when there was no response);
 *   net_code: NULL, or the NETWORK error code ("connect", "dns", "dropped", "timeout", ...);
 *   sent: false when the request certainly never reached the server (DNS, connect refused).
 * GET, PATCH, DELETE retry on 429/502/503/504 and transient transport failures ("connect",
 * "dropped", "timeout"); "dns", "tls", "proxy", "network" (bad URL, protocol) and "too_large"
 * never retry. POST retries only when the server certainly did not act (429, or a transient
 * failure before sending). */
bool api_retryable(enum api_kind kind, int status, const char *net_code, bool sent);

/* Milliseconds to wait before attempt number `attempt` (1 = first retry), or -1 to give up
 * (attempt >= max_attempts). Capped exponential backoff base*2^(attempt-1) with jitter
 * (jitter01 in [0,1): the wait is between half and all of the step). Retry-After (seconds or
 * HTTP date) and RateLimit-Reset (epoch seconds, or delta seconds when small) raise the
 * wait; every result is capped at max_wait_ms. now_s is the current epoch time. */
long api_retry_delay_ms(const struct api_retry_policy *p, int attempt, const char *retry_after,
                        const char *ratelimit_reset, int64_t now_s, double jitter01);

#endif
