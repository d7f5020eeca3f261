/* query: list parameters (limit, order, after/before/cursor, created_at/updated_at bounds). */
#include "server/query.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/dates.h"
#include "server/errors.h"

enum query_key { QK_LIMIT, QK_ORDER, QK_AFTER, QK_BEFORE, QK_CURSOR, QK_CGT, QK_CLT, QK_UGT,
                 QK_ULT, QK__COUNT };

static const struct {
    const char *name;
    const char *path0, *path1; /* error path */
} query_keys[QK__COUNT] = {
    [QK_LIMIT] = {"limit", "limit", NULL},
    [QK_ORDER] = {"order", "order", NULL},
    [QK_AFTER] = {"after", "after", NULL},
    [QK_BEFORE] = {"before", "before", NULL},
    [QK_CURSOR] = {"cursor", "cursor", NULL},
    [QK_CGT] = {"created_at[gt]", "created_at", "gt"},
    [QK_CLT] = {"created_at[lt]", "created_at", "lt"},
    [QK_UGT] = {"updated_at[gt]", "updated_at", "gt"},
    [QK_ULT] = {"updated_at[lt]", "updated_at", "lt"},
};

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int query_unescape(const char *src, char *dst, size_t cap)
{
    size_t o = 0;
    for (const char *p = src; *p; p++) {
        if (o + 1 >= cap)
            return -1;
        int hi, lo;
        if (*p == '%' && (hi = hex_value(p[1])) >= 0 && (lo = hex_value(p[2])) >= 0) {
            dst[o++] = (char)(hi * 16 + lo);
            p += 2;
        } else {
            dst[o++] = *p;
        }
    }
    dst[o] = '\0';
    return 0;
}

static int key_index(const char *raw)
{
    char key[64];
    if (query_unescape(raw, key, sizeof key) != 0)
        return -1;
    for (int i = 0; i < QK__COUNT; i++)
        if (strcmp(key, query_keys[i].name) == 0)
            return i;
    return -1;
}

static void limit_error(cJSON *errors, const char *code, const char *message, const char *extra,
                        long bound)
{
    cJSON *e = errors_add_field(errors, code, message, "limit", NULL);
    if (strcmp(code, "invalid_type") == 0) {
        cJSON_AddStringToObject(e, "expected", "number");
        cJSON_AddStringToObject(e, "received", "string");
    } else {
        cJSON_AddNumberToObject(e, extra, (double)bound);
    }
}

static void parse_limit(const char *v, struct list_query *q, cJSON *errors)
{
    char *end;
    const char *digits = v + (v[0] == '-' || v[0] == '+');
    if (*digits < '0' || *digits > '9' || strspn(digits, "0123456789") != strlen(digits)) {
        limit_error(errors, "invalid_type", "Expected number, received string", NULL, 0);
        return;
    }
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno == ERANGE)
        n = v[0] == '-' ? -1 : QUERY_LIMIT_MAX + 1;
    if (n < QUERY_LIMIT_MIN)
        limit_error(errors, "invalid_min", "Number must be greater than or equal to 1", "min",
                    QUERY_LIMIT_MIN);
    else if (n > QUERY_LIMIT_MAX)
        limit_error(errors, "invalid_max", "Number must be less than or equal to 100", "max",
                    QUERY_LIMIT_MAX);
    else
        q->limit = (int)n;
}

static void parse_date(int k, const char *v, struct list_query *q, cJSON *errors)
{
    int64_t ms;
    if (dates_parse(v, &ms) != 0) {
        cJSON *e = errors_add_field(errors, "invalid_date", "Invalid date, expected ISO 8601",
                                    query_keys[k].path0, query_keys[k].path1);
        cJSON_AddStringToObject(e, "expected", "date");
        return;
    }
    bool *has[] = {[QK_CGT] = &q->has_created_gt, [QK_CLT] = &q->has_created_lt,
                   [QK_UGT] = &q->has_updated_gt, [QK_ULT] = &q->has_updated_lt};
    int64_t *val[] = {[QK_CGT] = &q->created_gt, [QK_CLT] = &q->created_lt,
                      [QK_UGT] = &q->updated_gt, [QK_ULT] = &q->updated_lt};
    *has[k] = true;
    *val[k] = ms;
}

static bool parse_bound(int k, const char *v, struct list_query *q, cJSON *errors)
{
    if (strlen(v) > CURSOR_MAX_ID) {
        cJSON *e = errors_add_field(errors, "too_big", "Must contain at most 200 character(s)",
                                    query_keys[k].path0, NULL);
        cJSON_AddNumberToObject(e, "max", CURSOR_MAX_ID);
        return false;
    }
    q->has_bound = true;
    q->bound_before = k == QK_BEFORE;
    snprintf(q->bound_id, sizeof q->bound_id, "%s", v);
    return true;
}

static void parse_order(const char *v, struct list_query *q, cJSON *errors)
{
    if (strcmp(v, "asc") == 0 || strcmp(v, "desc") == 0) {
        q->desc = v[0] == 'd';
        return;
    }
    cJSON *e = errors_add_field(errors, "invalid_enum",
                                "Invalid enum value. Expected 'asc' | 'desc'", "order", NULL);
    const char *options[] = {"asc", "desc"};
    cJSON_AddItemToObject(e, "options", cJSON_CreateStringArray(options, 2));
}

enum query_result query_parse(const struct query_pair *pairs, size_t n, struct list_query *q,
                              cJSON **errors)
{
    const char *values[QK__COUNT] = {0};
    memset(q, 0, sizeof *q);
    q->limit = QUERY_LIMIT_DEFAULT;
    *errors = NULL;
    for (size_t i = 0; i < n; i++) {
        int k = key_index(pairs[i].key);
        if (k >= 0)
            values[k] = pairs[i].value ? pairs[i].value : "";
    }
    cJSON *list = cJSON_CreateArray();
    if (values[QK_LIMIT])
        parse_limit(values[QK_LIMIT], q, list);
    if (values[QK_ORDER])
        parse_order(values[QK_ORDER], q, list);
    for (int k = QK_CGT; k <= QK_ULT; k++)
        if (values[k])
            parse_date(k, values[k], q, list);
    const char *after = values[QK_AFTER], *before = values[QK_BEFORE];
    if (after && after[0])
        parse_bound(QK_AFTER, after, q, list);
    else if (before && before[0])
        parse_bound(QK_BEFORE, before, q, list);
    if (cJSON_GetArraySize(list) > 0) {
        *errors = list;
        return QUERY_INVALID;
    }
    cJSON_Delete(list);
    if (!q->has_bound && values[QK_CURSOR] && values[QK_CURSOR][0]) {
        enum cursor_dir dir;
        if (cursor_decode(values[QK_CURSOR], &dir, q->bound_id) != 0)
            return QUERY_BAD_CURSOR;
        q->has_bound = true;
        q->bound_before = dir == CURSOR_BEFORE;
    }
    return QUERY_OK;
}
