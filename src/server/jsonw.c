/* jsonw: growable text buffer with JSON string escaping. */
#include "server/jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jsonw_init(struct jsonw *w, size_t cap)
{
    w->len = 0;
    w->cap = cap ? cap : 256;
    w->buf = malloc(w->cap);
    w->oom = w->buf == NULL;
}

static bool jsonw_reserve(struct jsonw *w, size_t extra)
{
    if (w->oom)
        return false;
    if (w->len + extra + 1 <= w->cap)
        return true;
    size_t cap = w->cap;
    while (cap < w->len + extra + 1)
        cap *= 2;
    char *grown = realloc(w->buf, cap);
    if (!grown) {
        w->oom = true;
        return false;
    }
    w->buf = grown;
    w->cap = cap;
    return true;
}

void jsonw_raw(struct jsonw *w, const char *s, size_t n)
{
    if (!jsonw_reserve(w, n))
        return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

void jsonw_lit(struct jsonw *w, const char *s)
{
    jsonw_raw(w, s, strlen(s));
}

void jsonw_str(struct jsonw *w, const char *s)
{
    size_t n = strlen(s);
    if (!jsonw_reserve(w, n * 6 + 2)) /* worst case: every byte as \u00XX */
        return;
    char *o = w->buf + w->len;
    *o++ = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        static const char short_escapes[] = "btn\0fr"; /* for \b \t \n, -, \f \r */
        if (*p == '"' || *p == '\\') {
            *o++ = '\\';
            *o++ = (char)*p;
        } else if (*p >= 0x20) {
            *o++ = (char)*p;
        } else if (*p >= '\b' && *p <= '\r' && short_escapes[*p - '\b']) {
            *o++ = '\\';
            *o++ = short_escapes[*p - '\b'];
        } else {
            o += sprintf(o, "\\u%04x", *p);
        }
    }
    *o++ = '"';
    w->len = (size_t)(o - w->buf);
}

void jsonw_key(struct jsonw *w, const char *key)
{
    jsonw_raw(w, "\"", 1);
    jsonw_lit(w, key);
    jsonw_raw(w, "\":", 2);
}

char *jsonw_take(struct jsonw *w)
{
    char *out = NULL;
    if (!w->oom && jsonw_reserve(w, 0)) {
        w->buf[w->len] = '\0';
        out = w->buf;
    } else {
        free(w->buf);
    }
    w->buf = NULL;
    w->len = w->cap = 0;
    return out;
}
