/* query: the list endpoint's query parameters, parsed and validated. */
#ifndef CBDEST_SERVER_QUERY_H
#define CBDEST_SERVER_QUERY_H

#include <cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "server/cursor.h"
#include "server/request.h"

#define QUERY_LIMIT_MIN 1
#define QUERY_LIMIT_MAX 100
#define QUERY_LIMIT_DEFAULT 20

struct list_query {
    int limit;
    bool desc;
    bool has_bound;     /* after/before/cursor given */
    bool bound_before;  /* the bound is a "before" bound */
    char bound_id[CURSOR_MAX_ID + 1];
    bool has_created_gt, has_created_lt, has_updated_gt, has_updated_lt;
    int64_t created_gt, created_lt, updated_gt, updated_lt; /* ms, strict bounds */
};

enum query_result { QUERY_OK, QUERY_INVALID, QUERY_BAD_CURSOR };

/* Parses pairs into q. QUERY_INVALID sets *errors to a cJSON array of field errors (paths like
 * ["limit"] or ["created_at","gt"]); QUERY_BAD_CURSOR means a malformed cursor. Unknown
 * parameters are ignored; for repeated ones the last wins. Keys may be percent-encoded. */
enum query_result query_parse(const struct query_pair *pairs, size_t n, struct list_query *q,
                              cJSON **errors);

/* Percent-decodes src into dst (cap bytes); '+' is kept. Returns 0, or -1 if it does not fit. */
int query_unescape(const char *src, char *dst, size_t cap);

#endif
