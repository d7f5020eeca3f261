/* jsonw: growable text buffer with JSON string escaping. */
#include "server/jsonw.h"

#include <stdint.h>
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

/* Bytes that need an escape in a JSON string: control characters, '"' and '\\'. */
static bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* Writes the escape for one byte that needs one; returns the new end. */
static char *write_escape(char *o, unsigned char c)
{
    static const char short_escapes[] = "btn\0fr"; /* for \b \t \n, -, \f \r */
    *o++ = '\\';
    if (c == '"' || c == '\\')
        *o++ = (char)c;
    else if (c >= '\b' && c <= '\r' && short_escapes[c - '\b'])
        *o++ = short_escapes[c - '\b'];
    else
        o += sprintf(o, "u%04x", c);
    return o;
}

/* True when none of the 8 bytes in v needs an escape (bit tricks: a byte below 0x20, or equal
 * to '"' or '\\', sets its high bit in the result; bytes >= 0x80 never do). */
static bool word_is_plain(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t quote = v ^ (ones * '"'), slash = v ^ (ones * '\\');
    uint64_t hits = ((v - ones * 0x20) & ~v) | ((quote - ones) & ~quote) |
                    ((slash - ones) & ~slash);
    return (hits & high) == 0;
}

void jsonw_str(struct jsonw *w, const char *s)
{
    size_t n = strlen(s);
    if (!jsonw_reserve(w, n * 6 + 2)) /* worst case: every byte as \u00XX */
        return;
    char *o = w->buf + w->len;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    *o++ = '"';
    while (p < end) {
        uint64_t v; /* eight plain bytes at a time, then one byte, escaped if it must be */
        while (end - p >= 8 && (memcpy(&v, p, 8), word_is_plain(v))) {
            memcpy(o, p, 8);
            o += 8;
            p += 8;
        }
        if (p == end)
            break;
        if (needs_escape(*p))
            o = write_escape(o, *p);
        else
            *o++ = (char)*p;
        p++;
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
