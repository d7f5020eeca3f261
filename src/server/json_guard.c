/* json_guard: string-aware scan counting nesting and neutralising \u0000 escapes. */
#include "server/json_guard.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct guard {
    const char *in;
    size_t len, i; /* input and position */
    char *out;
    size_t o;      /* output position */
    int depth;
    bool in_string;
};

/* One byte outside any string: count nesting, note where strings start. */
static enum json_guard_result outside_byte(struct guard *g, unsigned char c)
{
    if (c == '"')
        g->in_string = true;
    else if ((c == '{' || c == '[') && ++g->depth > JSON_GUARD_MAX_DEPTH)
        return JSON_GUARD_TOO_DEEP;
    else if (c == '}' || c == ']')
        g->depth--;
    g->out[g->o++] = (char)c;
    return JSON_GUARD_OK;
}

/* One byte (or escape sequence) inside a string. */
static enum json_guard_result string_byte(struct guard *g, unsigned char c)
{
    if (c < 0x20)
        return JSON_GUARD_BAD; /* raw control characters are not JSON */
    if (c == '"')
        g->in_string = false;
    if (c != '\\' || g->i + 1 >= g->len) {
        g->out[g->o++] = (char)c;
        return JSON_GUARD_OK;
    }
    if (g->in[g->i + 1] == '\0')
        return JSON_GUARD_BAD;
    if (g->i + 5 < g->len && memcmp(g->in + g->i + 1, "u0000", 5) == 0) {
        g->out[g->o++] = (char)0xC0; /* overlong NUL: utf8_check reports UTF8_NUL */
        g->out[g->o++] = (char)0x80;
        g->i += 5;
    } else {
        g->out[g->o++] = (char)c;
        g->out[g->o++] = g->in[++g->i];
    }
    return JSON_GUARD_OK;
}

enum json_guard_result json_guard(const char *body, size_t len, char **out)
{
    struct guard g = {.in = body, .len = len, .out = malloc(len + 1)};
    enum json_guard_result rc = JSON_GUARD_OK;
    if (!g.out)
        return JSON_GUARD_OOM;
    for (; g.i < len && rc == JSON_GUARD_OK; g.i++) {
        unsigned char c = (unsigned char)body[g.i];
        if (c == 0)
            rc = JSON_GUARD_BAD;
        else
            rc = g.in_string ? string_byte(&g, c) : outside_byte(&g, c);
    }
    if (rc != JSON_GUARD_OK) {
        free(g.out);
        return rc;
    }
    g.out[g.o] = '\0';
    *out = g.out;
    return JSON_GUARD_OK;
}
