/* API responses: list envelopes, destination objects and rate-limit headers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "api.h"
#include "json_numbers.h"

static struct api_error *api_bad_body(const char *what)
{
    struct api_error *e = api_error_new(API_ERR_RESPONSE, "bad_body", what);
    if (e)
        e->status = 200;
    return e;
}

void api_page_clear(struct api_page *p)
{
    for (size_t i = 0; p->items && i < p->count; i++)
        dest_free(p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

static bool api_flag(const cJSON *pagination, const char *key)
{
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pagination, key));
}

static int api_decode_items(const cJSON *items, struct api_page *out, struct api_error **err)
{
    size_t n = (size_t)cJSON_GetArraySize(items), i = 0;
    const cJSON *item;
    if (n && !(out->items = calloc(n, sizeof *out->items)))
        goto oom;
    cJSON_ArrayForEach(item, items)
    {
        char *why = NULL, msg[160];
        if (i == n)
            break;
        if (!(out->items[i] = dest_from_json(item, &why))) {
            snprintf(msg, sizeof msg, "list item %zu: %s", i + 1, why ? why : "out of memory");
            free(why);
            api_page_clear(out);
            *err = api_bad_body(msg);
            return -1;
        }
        out->count = ++i;
    }
    return 0;
oom:
    *err = api_error_new(API_ERR_LOCAL, "oom", "out of memory");
    return -1;
}

int api_decode_page(const char *body, size_t len, struct api_page *out, struct api_error **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    cJSON *root = len ? cJSON_ParseWithLength(body, len) : NULL;
    int rc = -1;
    (void)json_numbers_exact(root, body, len); /* tolerant of odd spellings */
    if (!root) {
        *err = api_error_from_response(200, body, len, NULL);
        goto out;
    }
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (!cJSON_IsArray(items)) {
        *err = api_bad_body("the list response has no items array");
        goto out;
    }
    if (api_decode_items(items, out, err) < 0)
        goto out;
    const cJSON *pg = cJSON_GetObjectItemCaseSensitive(root, "pagination");
    out->has_more_before = api_flag(pg, "has_more_before");
    out->has_more_after = api_flag(pg, "has_more_after");
    rc = 0;
out:
    cJSON_Delete(root);
    return rc;
}

struct dest *api_decode_dest(const char *body, size_t len, struct api_error **err)
{
    *err = NULL;
    cJSON *root = len ? cJSON_ParseWithLength(body, len) : NULL;
    if (!root) {
        *err = api_error_from_response(200, body, len, NULL);
        return NULL;
    }
    (void)json_numbers_exact(root, body, len); /* tolerant of odd spellings */
    char *why = NULL;
    struct dest *d = dest_from_json(root, &why);
    if (!d)
        *err = api_bad_body(why ? why : "out of memory");
    free(why);
    cJSON_Delete(root);
    return d;
}

static bool api_parse_long(const char *s, long long *v)
{
    char *end;
    if (!s)
        return false;
    errno = 0;
    *v = strtoll(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    return end != s && *end == '\0' && errno == 0;
}

void api_ratelimit_parse(struct api_ratelimit *rl, const char *limit, const char *remaining,
                         const char *reset)
{
    long long v;
    if (api_parse_long(limit, &v))
        rl->limit = (long)v, rl->known = true;
    if (api_parse_long(remaining, &v))
        rl->remaining = (long)v, rl->known = true;
    if (api_parse_long(reset, &v))
        rl->reset_epoch_s = v;
}
