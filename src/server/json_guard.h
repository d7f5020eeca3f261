/* json_guard: a pre-pass over request bodies before cJSON sees them. */
#ifndef CBDEST_SERVER_JSON_GUARD_H
#define CBDEST_SERVER_JSON_GUARD_H

#include <stddef.h>

#define JSON_GUARD_MAX_DEPTH 64

enum json_guard_result { JSON_GUARD_OK, JSON_GUARD_TOO_DEEP, JSON_GUARD_BAD, JSON_GUARD_OOM };

/* Copies body (len bytes, may hold NULs) into a malloc'd NUL-terminated *out, rewriting each
 * escaped \u0000 inside strings as the bytes C0 80 so that later UTF-8 checks can report it
 * (cJSON would silently cut the string there). Rejects nesting deeper than 64, raw NUL bytes
 * and raw control characters inside strings (JSON_GUARD_BAD). */
enum json_guard_result json_guard(const char *body, size_t len, char **out);

#endif
