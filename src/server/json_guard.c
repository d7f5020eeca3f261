/* json_guard: string-aware scan counting nesting and neutralising \u0000 escapes. */
#include "server/json_guard.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum json_guard_result json_guard(const char *body, size_t len, char **out)
{
    char *dst = malloc(len + 1);
    size_t o = 0;
    int depth = 0;
    bool in_string = false;
    enum json_guard_result rc = JSON_GUARD_OK;
    if (!dst)
        return JSON_GUARD_OOM;
    for (size_t i = 0; i < len && rc == JSON_GUARD_OK; i++) {
        unsigned char c = (unsigned char)body[i];
        if (c == 0) {
            rc = JSON_GUARD_BAD;
        } else if (!in_string) {
            if (c == '"')
                in_string = true;
            else if (c == '{' || c == '[')
                rc = ++depth > JSON_GUARD_MAX_DEPTH ? JSON_GUARD_TOO_DEEP : rc;
            else if (c == '}' || c == ']')
                depth--;
            dst[o++] = (char)c;
        } else if (c < 0x20) {
            rc = JSON_GUARD_BAD;
        } else if (c == '"') {
            in_string = false;
            dst[o++] = (char)c;
        } else if (c == '\\' && i + 1 < len) {
            if (body[i + 1] == '\0')
                rc = JSON_GUARD_BAD;
            else if (i + 5 < len && memcmp(body + i + 1, "u0000", 5) == 0) {
                dst[o++] = (char)0xC0;
                dst[o++] = (char)0x80;
                i += 5;
            } else {
                dst[o++] = (char)c;
                dst[o++] = body[++i];
            }
        } else {
            dst[o++] = (char)c;
        }
    }
    if (rc != JSON_GUARD_OK) {
        free(dst);
        return rc;
    }
    dst[o] = '\0';
    *out = dst;
    return JSON_GUARD_OK;
}
