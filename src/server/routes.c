/* routes: one table of (method, pattern, handler) and the pipeline that runs before handlers. */
#include "server/routes.h"

#include <string.h>

#include "server/auth.h"
#include "server/dates.h"
#include "server/handlers.h"
#include "server/ratelimit.h"

typedef struct reply (*route_handler)(struct request *req);

struct route {
    const char *method;
    const char *pattern; /* segments; "{id}" and "{instance_id}" capture one segment */
    route_handler handler;
    bool write;
    const char *allow; /* every method the pattern accepts, for 405 */
};

#define COLLECTION_ALLOW "GET, POST"
#define ITEM_ALLOW "GET, PATCH, DELETE"

static const struct route routes_table[] = {
    {"GET", "/callback-destinations", handlers_list, false, COLLECTION_ALLOW},
    {"POST", "/callback-destinations", handlers_create, true, COLLECTION_ALLOW},
    {"GET", "/callback-destinations/{id}", handlers_get, false, ITEM_ALLOW},
    {"PATCH", "/callback-destinations/{id}", handlers_update, true, ITEM_ALLOW},
    {"DELETE", "/callback-destinations/{id}", handlers_archive, true, ITEM_ALLOW},
    {"GET", "/instances/{instance_id}/callback-destinations", handlers_list, false,
     COLLECTION_ALLOW},
    {"POST", "/instances/{instance_id}/callback-destinations", handlers_create, true,
     COLLECTION_ALLOW},
    {"GET", "/instances/{instance_id}/callback-destinations/{id}", handlers_get, false,
     ITEM_ALLOW},
    {"PATCH", "/instances/{instance_id}/callback-destinations/{id}", handlers_update, true,
     ITEM_ALLOW},
    {"DELETE", "/instances/{instance_id}/callback-destinations/{id}", handlers_archive, true,
     ITEM_ALLOW},
};
#define ROUTES_COUNT (sizeof routes_table / sizeof routes_table[0])

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decodes one raw path segment of n bytes into dst (NUL-terminated); returns the
 * decoded length, or -1 when it would hold a NUL byte. '+' stays '+' (paths are not forms). */
static long segment_decode(const char *src, size_t n, char *dst)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (src[i] == '%' && i + 2 < n && (hi = hex_digit(src[i + 1])) >= 0 &&
            (lo = hex_digit(src[i + 2])) >= 0) {
            dst[o] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            dst[o] = src[i];
        }
        if (dst[o++] == '\0')
            return -1;
    }
    dst[o] = '\0';
    return (long)o;
}

/* Matches the raw path (len bytes, segments still percent-encoded) against pattern; each
 * segment is decoded into scratch (which has room for len + 2 bytes), captures point there. */
static bool pattern_match(const char *pattern, const char *path, size_t len,
                          const char **instance_id, const char **id, char *scratch)
{
    const char *pp = pattern, *sp = path, *end = path + len;
    char *out = scratch;
    while (*pp && sp < end) {
        if (*pp != '/' || *sp != '/')
            return false;
        pp++, sp++;
        const char *slash = memchr(sp, '/', (size_t)(end - sp));
        size_t plen = strcspn(pp, "/"), slen = (size_t)((slash ? slash : end) - sp);
        long dlen = slen ? segment_decode(sp, slen, out) : -1;
        if (dlen <= 0)
            return false;
        if (pp[0] == '{')
            *(pp[1] == 'i' && pp[2] == 'd' ? id : instance_id) = out;
        else if (plen != (size_t)dlen || memcmp(pp, out, plen) != 0)
            return false;
        out += dlen + 1;
        pp += plen, sp += slen;
    }
    return *pp == '\0' && sp == end;
}

int routes_match(const char *method, const char *path, const char **instance_id,
                 const char **id, const char **allow, char *scratch, size_t scratch_len)
{
    int path_known = 0;
    size_t len = path ? strlen(path) : 0;
    if (!path || len + 2 > scratch_len)
        return -1;
    if (len > 1 && path[len - 1] == '/')
        len--; /* one trailing slash names the same resource */
    for (size_t i = 0; i < ROUTES_COUNT; i++) {
        *instance_id = *id = NULL;
        if (!pattern_match(routes_table[i].pattern, path, len, instance_id, id, scratch))
            continue;
        if (strcmp(routes_table[i].method, method) == 0)
            return (int)i;
        path_known = 1;
        *allow = routes_table[i].allow;
    }
    return path_known ? -2 : -1;
}

/* Auth and rate limit; returns true and leaves *out untouched when the request may go on. */
static bool routes_gate(struct request *req, enum key_kind *kind, struct reply *out)
{
    const struct app_config *cfg = req->app->cfg;
    size_t bucket;
    struct ratelimit_state st;
    *kind = auth_classify(cfg, req->authorization, &bucket);
    bool allowed = ratelimit_take(req->app->ratelimit, bucket, dates_now_ms(), &st);
    req->rl_limit = st.limit;
    req->rl_remaining = st.remaining;
    req->rl_reset = st.reset;
    if (!allowed)
        *out = reply_error(ERR_RATE_LIMITED, NULL, NULL, NULL, NULL);
    else if (*kind == KEY_NONE)
        *out = reply_error(ERR_UNAUTHORIZED, "Missing Authorization header", NULL, NULL, NULL);
    else if (*kind == KEY_UNKNOWN)
        *out = reply_error(ERR_UNAUTHORIZED, NULL, NULL, NULL, NULL);
    else
        return true;
    return false;
}

struct reply routes_handle(struct request *req)
{
    enum key_kind kind;
    struct reply out;
    const char *allow = NULL;
    if (!routes_gate(req, &kind, &out))
        return out;
    int i = routes_match(req->method, req->raw_path ? req->raw_path : req->path,
                         &req->instance_id, &req->id, &allow,
                         req->path_scratch, sizeof req->path_scratch);
    if (i == -1)
        return reply_error(ERR_NOT_FOUND, "The requested endpoint could not be found.",
                           "endpoint", NULL, NULL);
    if (i == -2) {
        out = reply_error(ERR_METHOD_NOT_ALLOWED, NULL, NULL, NULL, NULL);
        out.allow = allow;
        return out;
    }
    if (routes_table[i].write && kind != KEY_SECRET)
        return reply_error(ERR_FORBIDDEN, NULL, NULL, NULL, NULL);
    if (req->body_too_large)
        return reply_error(ERR_PAYLOAD_TOO_LARGE, NULL, NULL, NULL, NULL);
    return routes_table[i].handler(req);
}
