/* A growable, always NUL-terminated byte buffer with an optional size cap. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

enum { STRBUF_MIN_CAP = 64 };

void strbuf_init(struct strbuf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

/* Makes room for n more content bytes plus the NUL. 0 ok, else -1 with b->error set. */
static int strbuf_grow(struct strbuf *b, size_t n)
{
    if ((b->max && n > b->max - b->len) || n > SIZE_MAX - 1 - b->len) {
        b->error = STRBUF_TOO_LARGE;
        return -1;
    }
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : STRBUF_MIN_CAP;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (b->max && cap > b->max + 1)
        cap = b->max + 1;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->error = STRBUF_OOM;
        return -1;
    }
    b->data = grown;
    b->cap = cap;
    return 0;
}

int strbuf_add(struct strbuf *b, const void *data, size_t n)
{
    if (b->error || strbuf_grow(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int strbuf_adds(struct strbuf *b, const char *s)
{
    return strbuf_add(b, s, strlen(s));
}

int strbuf_addc(struct strbuf *b, char c)
{
    return strbuf_add(b, &c, 1);
}

int strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->error)
        return -1;
    if (n < 0) {
        b->error = STRBUF_OOM;
        return -1;
    }
    if (strbuf_grow(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

const char *strbuf_str(const struct strbuf *b)
{
    return b->data ? b->data : "";
}

size_t strbuf_len(const struct strbuf *b)
{
    return b->len;
}

bool strbuf_failed(const struct strbuf *b)
{
    return b->error != STRBUF_OK;
}

enum strbuf_error strbuf_error(const struct strbuf *b)
{
    return b->error;
}

char *strbuf_take(struct strbuf *b)
{
    char *out = b->error ? NULL : b->data ? b->data : strdup("");
    if (b->error)
        free(b->data);
    strbuf_init(b, b->max);
    return out;
}

void strbuf_reset(struct strbuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void strbuf_free(struct strbuf *b)
{
    free(b->data);
    strbuf_init(b, b->max);
}
