/* API errors as data: decoding error responses, one-line summaries, exit codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "api.h"
#include "text.h"

#define API_EXCERPT_MAX 160

struct api_error *api_error_new(enum api_error_kind kind, const char *code, const char *message)
{
    struct api_error *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->kind = kind;
    if ((code && !(e->code = strdup(code))) || (message && !(e->message = strdup(message)))) {
        api_error_free(e);
        return NULL;
    }
    return e;
}

void api_error_free(struct api_error *e)
{
    if (!e)
        return;
    free(e->code);
    free(e->message);
    free(e->hint);
    free(e->req_id);
    free(e->excerpt);
    dest_field_errors_clear(&e->fields);
    free(e);
}

struct api_error *api_error_clone(const struct api_error *e)
{
    struct api_error *c = api_error_new(e->kind, e->code, e->message);
    if (!c)
        return NULL;
    c->status = e->status;
    c->outcome_unknown = e->outcome_unknown;
    if (dest_set_string(&c->hint, e->hint) < 0 || dest_set_string(&c->req_id, e->req_id) < 0
        || dest_set_string(&c->excerpt, e->excerpt) < 0)
        goto fail;
    for (size_t i = 0; i < e->fields.count; i++)
        if (dest_field_errors_add(&c->fields, e->fields.items[i].path,
                                  e->fields.items[i].message) < 0)
            goto fail;
    return c;
fail:
    api_error_free(c);
    return NULL;
}

/* Length of the valid UTF-8 sequence at p that is printable on one line, or 0. */
static size_t api_printable_char(const unsigned char *p, size_t left)
{
    if (*p >= 0x20 && *p < 0x7F)
        return 1;
    size_t len = (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > left || *p < 0xC2 || *p > 0xF4)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if (p[0] == 0xC2 && p[1] < 0xA0) /* C1 controls */
        return 0;
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
        return 0; /* bidi marks and embeddings */
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
        return 0; /* bidi isolates */
    if (len == 3 && p[0] == 0xED && p[1] >= 0xA0)
        return 0; /* surrogates */
    return len;
}

/* Bytes of s at i that carry no text in a one-line summary (an escape sequence, or an HTML
 * tag when strip_tags; an unterminated tag runs to the end), or 0. */
static size_t api_skip_len(const char *s, size_t len, size_t i, bool strip_tags)
{
    size_t seq = text_sequence_len(s + i, len - i);
    if (seq)
        return seq;
    if (strip_tags && s[i] == '<') {
        const char *close = memchr(s + i, '>', len - i);
        return close ? (size_t)(close - (s + i)) + 1 : len - i;
    }
    return 0;
}

/* A one-line, terminal-safe copy of s: escape sequences (and HTML tags when strip_tags)
 * dropped whole and read as word breaks, other controls -> ' ', bad bytes and bidi controls
 * -> '?', spaces collapsed, at most max bytes plus "...". malloc'd. */
static char *api_clean(const char *s, size_t len, size_t max, bool strip_tags)
{
    char *out = malloc(max + 4);
    size_t o = 0;
    bool space = true;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len && o < max;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t skip = api_skip_len(s, len, i, strip_tags);
        size_t n = skip ? 0 : api_printable_char(p, len - i);
        if (skip || (n == 1 && *p == ' ') || (n == 0 && *p < 0x80)) {
            i += skip ? skip : 1;
            if (!space)
                out[o++] = ' ', space = true;
            continue;
        }
        if (n == 0 || o + n > max) {
            out[o++] = '?';
            i += 1;
        } else {
            memcpy(out + o, p, n), o += n, i += n;
        }
        space = false;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    if (o >= max)
        memcpy(out + o, "...", 3), o += 3;
    out[o] = '\0';
    return out;
}

/* "metadata.env" from a path array ["metadata","env"] (numbers written as digits). */
static char *api_path_text(const cJSON *path)
{
    char buf[512] = "";
    size_t o = 0;
    const cJSON *part;
    if (cJSON_IsString(path))
        return strdup(path->valuestring);
    cJSON_ArrayForEach(part, path)
    {
        int n;
        if (cJSON_IsString(part))
            n = snprintf(buf + o, sizeof buf - o, "%s%s", o ? "." : "", part->valuestring);
        else
            n = snprintf(buf + o, sizeof buf - o, "%s%d", o ? "." : "", part->valueint);
        if (n < 0 || (size_t)n >= sizeof buf - o)
            break;
        o += (size_t)n;
    }
    return strdup(buf);
}

static int api_take_field_errors(struct api_error *e, const cJSON *errors)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, errors)
    {
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(item, "message");
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(item, "code");
        char *path = api_path_text(cJSON_GetObjectItemCaseSensitive(item, "path"));
        const char *text = cJSON_IsString(msg) ? msg->valuestring
                           : cJSON_IsString(code) ? code->valuestring : "invalid";
        int rc = path ? dest_field_errors_add(&e->fields, path, text) : -1;
        free(path);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int api_take_string(const cJSON *obj, const char *key, char **field)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? dest_set_string(field, v->valuestring) : 0;
}

/* Fills e from an error JSON object; false when obj does not look like one. */
static bool api_error_from_json(struct api_error *e, const cJSON *obj)
{
    const cJSON *object = cJSON_GetObjectItemCaseSensitive(obj, "object");
    const cJSON *typename = cJSON_GetObjectItemCaseSensitive(obj, "__typename");
    bool tagged = (cJSON_IsString(object) && strcmp(object->valuestring, "error") == 0)
                  || (cJSON_IsString(typename) && strcmp(typename->valuestring, "error") == 0);
    if (!cJSON_IsObject(obj)
        || (!tagged && !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "code"))
            && !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "message"))))
        return false;
    api_take_string(obj, "code", &e->code);
    api_take_string(obj, "message", &e->message);
    api_take_string(obj, "hint", &e->hint);
    api_take_field_errors(e, cJSON_GetObjectItemCaseSensitive(obj, "errors"));
    return true;
}

static const struct {
    int status;
    const char *text;
} api_reasons[] = {
    {400, "Bad Request"}, {401, "Unauthorized"}, {403, "Forbidden"}, {404, "Not Found"},
    {405, "Method Not Allowed"}, {407, "Proxy Authentication Required"},
    {408, "Request Timeout"}, {409, "Conflict"},
    {413, "Payload Too Large"}, {429, "Too Many Requests"}, {500, "Internal Server Error"},
    {502, "Bad Gateway"}, {503, "Service Unavailable"}, {504, "Gateway Timeout"},
};

static const char *api_reason(int status)
{
    for (size_t i = 0; i < sizeof api_reasons / sizeof api_reasons[0]; i++)
        if (api_reasons[i].status == status)
            return api_reasons[i].text;
    return status >= 200 && status < 300 ? "unexpected response body" : "unexpected response";
}

struct api_error *api_error_from_response(int status, const char *body, size_t len,
                                          const char *req_id)
{
    enum api_error_kind kind = status >= 200 && status < 300 ? API_ERR_RESPONSE : API_ERR_HTTP;
    struct api_error *e = api_error_new(kind, NULL, NULL);
    if (!e)
        return NULL;
    e->status = status;
    if (req_id && !(e->req_id = api_clean(req_id, strlen(req_id), 80, false)))
        goto fail;
    cJSON *root = body && len ? cJSON_ParseWithLength(body, len) : NULL;
    bool json = root && api_error_from_json(e, root);
    cJSON_Delete(root);
    if (!json) {
        if (!(e->excerpt = api_clean(body ? body : "", body ? len : 0, API_EXCERPT_MAX, true)))
            goto fail;
        if (!e->excerpt[0] && dest_set_string(&e->excerpt, "(empty body)") < 0)
            goto fail;
    }
    if (!e->message && dest_set_string(&e->message, api_reason(status)) < 0)
        goto fail;
    return e;
fail:
    api_error_free(e);
    return NULL;
}

int api_error_exit_code(const struct api_error *e)
{
    if (e->kind == API_ERR_LOCAL && e->code && strcmp(e->code, "no_key") == 0)
        return 2; /* a configuration problem, like a usage error */
    return e->kind == API_ERR_NETWORK || e->outcome_unknown ? 3 : 1;
}

char *api_error_summary(const struct api_error *e)
{
    char *out = NULL;
    size_t size = 0;
    const char *m = e->message ? e->message : "unknown error";
    char *msg = api_clean(m, strlen(m), 300, false);
    char *code = e->code ? api_clean(e->code, strlen(e->code), 60, false) : NULL;
    FILE *f = open_memstream(&out, &size);
    if (!f || !msg)
        goto out;
    if (e->kind == API_ERR_HTTP)
        fprintf(f, "HTTP %d%s%s: %s", e->status, code ? " " : "", code ? code : "", msg);
    else if (e->kind == API_ERR_NETWORK)
        fprintf(f, "network error (%s): %s", code ? code : "network", msg);
    else if (e->kind == API_ERR_RESPONSE)
        fprintf(f, "bad response (HTTP %d): %s", e->status, msg);
    else
        fprintf(f, "%s", msg);
    if (e->excerpt)
        fprintf(f, ": %s", e->excerpt);
    if (e->outcome_unknown)
        fprintf(f, "; the request may or may not have been applied");
    if (e->req_id)
        fprintf(f, " (request %s)", e->req_id);
out:
    if (f)
        fclose(f);
    free(msg);
    free(code);
    return out;
}
