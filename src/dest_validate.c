/* Destination validation (the server's limits), URL equivalence and field error lists. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>
#include <curl/curl.h>

#include "destination.h"

#define DEST_NAME_MAX 256
#define DEST_DESCRIPTION_MAX 4096
#define DEST_URL_MAX 2048
#define DEST_META_KEYS_MAX 64
#define DEST_META_KEY_MAX 128
#define DEST_META_BYTES_MAX (16 * 1024)

int dest_field_errors_add(struct dest_field_errors *errs, const char *path, const char *message)
{
    struct dest_field_error *n = realloc(errs->items, (errs->count + 1) * sizeof *n);
    if (!n)
        return -1;
    errs->items = n;
    n[errs->count].path = strdup(path);
    n[errs->count].message = strdup(message);
    if (!n[errs->count].path || !n[errs->count].message) {
        free(n[errs->count].path);
        free(n[errs->count].message);
        return -1;
    }
    errs->count++;
    return 0;
}

const char *dest_field_errors_find(const struct dest_field_errors *errs, const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; errs && i < errs->count; i++) {
        const char *p = errs->items[i].path;
        if (strncmp(p, path, n) == 0 && (p[n] == '\0' || p[n] == '.'))
            return errs->items[i].message;
    }
    return NULL;
}

void dest_field_errors_clear(struct dest_field_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        free(errs->items[i].path);
        free(errs->items[i].message);
    }
    free(errs->items);
    errs->items = NULL;
    errs->count = 0;
}

/* Number of code points in s, or -1 when s is not valid UTF-8. */
static long dest_utf8_length(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;
    while (*p) {
        int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                               : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || (len == 2 && *p < 0xC2) || (len == 4 && *p > 0xF4))
            return -1;
        uint32_t cp = len == 1 ? *p : (uint32_t)(*p & (0x7F >> len));
        for (int i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
            || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return -1;
        p += len;
        n++;
    }
    return n;
}

/* Appends an error; returns 1 (one error added) or -1 on OOM. */
static int dest_fail(struct dest_field_errors *errs, const char *path, const char *msg)
{
    return dest_field_errors_add(errs, path, msg) < 0 ? -1 : 1;
}

static int dest_check_text(struct dest_field_errors *errs, const char *path, const char *s,
                           long min, long max, bool required)
{
    char msg[96];
    if (!s || !s[0]) {
        if (required)
            return dest_fail(errs, path, "is required");
        if (min == 0 || !s)
            return 0;
    }
    long n = dest_utf8_length(s);
    if (n < 0)
        return dest_fail(errs, path, "is not valid UTF-8");
    if (n < min || n > max) {
        snprintf(msg, sizeof msg, "must be %ld to %ld characters (has %ld)", min, max, n);
        return dest_fail(errs, path, msg);
    }
    return 0;
}

static bool dest_url_is_http(const char *url)
{
    CURLU *h = curl_url();
    char *scheme = NULL, *host = NULL;
    bool ok = false;
    if (!h)
        return false;
    if (curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK
        && curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
        && curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK)
        ok = (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0) && host[0];
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(h);
    return ok;
}

static int dest_check_url(struct dest_field_errors *errs, const char *url)
{
    if (!url || !url[0])
        return dest_fail(errs, "url", "is required");
    if (strlen(url) > DEST_URL_MAX)
        return dest_fail(errs, "url", "must be at most 2048 bytes");
    if (dest_utf8_length(url) < 0)
        return dest_fail(errs, "url", "is not valid UTF-8");
    if (!dest_url_is_http(url))
        return dest_fail(errs, "url", "must be an absolute http:// or https:// URL");
    return 0;
}

static int dest_check_metadata(struct dest_field_errors *errs, const cJSON *meta)
{
    int added = 0, r;
    if (cJSON_GetArraySize(meta) > DEST_META_KEYS_MAX)
        return dest_fail(errs, "metadata", "must have at most 64 keys");
    const cJSON *item;
    cJSON_ArrayForEach(item, meta)
    {
        long n = dest_utf8_length(item->string);
        if (n >= 1 && n <= DEST_META_KEY_MAX)
            continue;
        char path[160];
        snprintf(path, sizeof path, "metadata.%.140s", item->string);
        r = dest_fail(errs, n == 0 ? "metadata" : path,
                      n < 0 ? "key is not valid UTF-8" : "keys must be 1 to 128 characters");
        if (r < 0)
            return -1;
        added += r;
    }
    char *text = cJSON_PrintUnformatted(meta);
    if (!text)
        return -1;
    if (strlen(text) > DEST_META_BYTES_MAX)
        added = dest_fail(errs, "metadata", "must be at most 16 KiB as JSON") < 0 ? -1 : added + 1;
    free(text);
    return added;
}

int dest_validate(const struct dest *d, bool for_create, struct dest_field_errors *errs)
{
    (void)for_create; /* both need a name and url: an edit starts from a stored object */
    int total = 0, r;
    int results[4];
    results[0] = dest_check_text(errs, "name", d->name, 1, DEST_NAME_MAX, true);
    results[1] = dest_check_text(errs, "description", d->description, 0, DEST_DESCRIPTION_MAX,
                                 false);
    results[2] = dest_check_url(errs, d->url);
    results[3] = dest_check_metadata(errs, d->metadata);
    for (int i = 0; i < 4; i++) {
        if ((r = results[i]) < 0)
            return -1;
        total += r;
    }
    return total;
}

static bool dest_field_changed(const struct dest *a, const struct dest *b, const char *path)
{
    size_t n = strcspn(path, ".");
    const struct {
        const char *name, *before, *after;
    } fields[] = {
        {"name", a->name, b->name}, {"url", a->url, b->url},
        {"description", a->description, b->description},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strlen(fields[i].name) == n && strncmp(path, fields[i].name, n) == 0)
            return strcmp(fields[i].before ? fields[i].before : "",
                          fields[i].after ? fields[i].after : "") != 0;
    if (n == 8 && strncmp(path, "metadata", 8) == 0)
        return !cJSON_Compare(a->metadata, b->metadata, 1);
    return true;
}

int dest_validate_patch(const struct dest *orig, const struct dest *edited,
                        struct dest_field_errors *errs)
{
    struct dest_field_errors all = {0};
    int added = 0, rc = dest_validate(edited, false, &all);
    for (size_t i = 0; rc >= 0 && i < all.count; i++) {
        if (!dest_field_changed(orig, edited, all.items[i].path))
            continue;
        if (dest_field_errors_add(errs, all.items[i].path, all.items[i].message) < 0)
            rc = -1;
        added++;
    }
    dest_field_errors_clear(&all);
    return rc < 0 ? -1 : added;
}

/* "scheme://host[:port]/path[?query]" normalised the way the server stores URLs. */
static char *dest_url_normal(const char *url)
{
    CURLU *h = curl_url();
    char *out = NULL;
    if (!h)
        return NULL;
    if (curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK)
        curl_url_get(h, CURLUPART_URL, &out, CURLU_NO_DEFAULT_PORT);
    curl_url_cleanup(h);
    if (!out)
        return NULL;
    for (char *p = out; *p && *p != '/'; p++) /* scheme */
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    char *host = strstr(out, "://");
    for (char *p = host ? host + 3 : out; *p && *p != '/' && *p != '?' && *p != '#'; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    char *copy = strdup(out);
    curl_free(out);
    return copy;
}

bool dest_url_equivalent(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    char *na = dest_url_normal(a), *nb = dest_url_normal(b);
    bool same = na && nb && strcmp(na, nb) == 0;
    free(na);
    free(nb);
    return same;
}

char *dest_url_masked(const char *url)
{
    const char *scheme = strstr(url, "://");
    const char *auth = scheme ? scheme + 3 : url;
    size_t auth_len = strcspn(auth, "/?#");
    const char *at = NULL, *colon;
    for (const char *p = auth; p < auth + auth_len; p++)
        if (*p == '@')
            at = p; /* the last '@' ends the userinfo */
    colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (!colon || colon + 1 == at)
        return strdup(url);
    size_t head = (size_t)(colon + 1 - url), tail = strlen(at);
    char *out = malloc(head + 3 + tail + 1);
    if (!out)
        return NULL;
    memcpy(out, url, head);
    memcpy(out + head, "***", 3);
    memcpy(out + head + 3, at, tail + 1);
    return out;
}
