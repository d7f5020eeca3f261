/* Destination metadata as editable text rows, keeping unchanged JSON values exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "destination.h"

size_t dest_meta_count(const struct dest *d)
{
    return d->metadata ? (size_t)cJSON_GetArraySize(d->metadata) : 0;
}

void dest_meta_rows_free(struct dest_meta_row *rows, size_t count)
{
    for (size_t i = 0; rows && i < count; i++) {
        free(rows[i].key);
        free(rows[i].value_text);
    }
    free(rows);
}

/* The row text of one JSON value; malloc'd. */
static char *dest_meta_text(const cJSON *v, bool *is_string)
{
    *is_string = cJSON_IsString(v);
    if (*is_string)
        return strdup(v->valuestring ? v->valuestring : "");
    return cJSON_PrintUnformatted(v);
}

int dest_meta_rows(const struct dest *d, struct dest_meta_row **rows, size_t *count)
{
    size_t n = dest_meta_count(d), i = 0;
    *rows = NULL;
    *count = 0;
    if (n == 0)
        return 0;
    struct dest_meta_row *r = calloc(n, sizeof *r);
    if (!r)
        return -1;
    const cJSON *item;
    cJSON_ArrayForEach(item, d->metadata)
    {
        if (i == n)
            break;
        r[i].key = strdup(item->string ? item->string : "");
        r[i].value_text = dest_meta_text(item, &r[i].is_string);
        if (!r[i].key || !r[i].value_text) {
            dest_meta_rows_free(r, i + 1);
            return -1;
        }
        i++;
    }
    *rows = r;
    *count = i;
    return 0;
}

/* Whether `old` renders exactly as (text, is_string). */
static bool dest_meta_same(const cJSON *old, const char *text, bool is_string)
{
    if (!old)
        return false;
    if (is_string)
        return cJSON_IsString(old) && strcmp(old->valuestring, text) == 0;
    if (cJSON_IsString(old))
        return false;
    char *printed = cJSON_PrintUnformatted(old);
    bool same = printed && strcmp(printed, text) == 0;
    free(printed);
    return same;
}

static char *dest_meta_path(const char *key)
{
    size_t n = strlen(key) + sizeof "metadata.";
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "metadata.%s", key);
    return p;
}

static int dest_meta_error(struct dest_field_errors *errs, const char *key, const char *msg)
{
    if (!errs)
        return 0;
    char *path = key ? dest_meta_path(key) : strdup("metadata");
    int rc = path ? dest_field_errors_add(errs, path, msg) : -1;
    free(path);
    return rc;
}

/* A new JSON value for one row: the old one when unchanged, else from the text.
 * *status: 0 ok, -1 invalid JSON, -2 OOM. */
static cJSON *dest_meta_value(const cJSON *old, const char *text, bool is_string, int *status)
{
    cJSON *v;
    *status = 0;
    if (dest_meta_same(old, text, is_string))
        v = cJSON_Duplicate(old, 1);
    else if (is_string)
        v = cJSON_CreateString(text);
    else {
        v = cJSON_ParseWithOpts(text, NULL, 1);
        if (!v) {
            *status = -1;
            return NULL;
        }
    }
    if (!v)
        *status = -2;
    return v;
}

/* Adds one row to `out`; 0 ok, -1 invalid (error recorded), -2 OOM. */
static int dest_meta_add_row(const cJSON *current, cJSON *out, const struct dest_meta_row *rows,
                             size_t index, struct dest_field_errors *errs)
{
    const struct dest_meta_row *row = &rows[index];
    const char *text = row->value_text ? row->value_text : "";
    if (!row->key || !row->key[0]) {
        char msg[64];
        snprintf(msg, sizeof msg, "row %zu has an empty key", index + 1);
        return dest_meta_error(errs, NULL, msg) < 0 ? -2 : -1;
    }
    for (size_t j = 0; j < index; j++)
        if (rows[j].key && strcmp(rows[j].key, row->key) == 0)
            return dest_meta_error(errs, row->key, "duplicate key") < 0 ? -2 : -1;
    int status;
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(current, row->key);
    cJSON *v = dest_meta_value(old, text, row->is_string, &status);
    if (status == -1)
        return dest_meta_error(errs, row->key,
                               "not valid JSON (quote text, or mark the value as a string)")
                       < 0
                   ? -2
                   : -1;
    if (!v || !cJSON_AddItemToObject(out, row->key, v)) {
        cJSON_Delete(v);
        return -2;
    }
    return 0;
}

int dest_meta_set_rows(struct dest *d, const struct dest_meta_row *rows, size_t count,
                       struct dest_field_errors *errs)
{
    cJSON *out = cJSON_CreateObject();
    int rc = 0;
    if (!out)
        return -2;
    for (size_t i = 0; i < count; i++) {
        int r = dest_meta_add_row(d->metadata, out, rows, i, errs);
        if (r == -2) {
            rc = -2;
            goto out;
        }
        if (r < 0)
            rc = -1;
    }
    if (rc == 0) {
        cJSON_Delete(d->metadata);
        d->metadata = out;
        out = NULL;
    }
out:
    cJSON_Delete(out);
    return rc;
}

int dest_meta_set(struct dest *d, const char *key, const char *value_text, bool is_string,
                  struct dest_field_errors *errs)
{
    if (!key || !key[0])
        return dest_meta_error(errs, NULL, "metadata key is empty") < 0 ? -2 : -1;
    int status;
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(d->metadata, key);
    cJSON *v = dest_meta_value(old, value_text ? value_text : "", is_string, &status);
    if (status == -1)
        return dest_meta_error(errs, key, "not valid JSON") < 0 ? -2 : -1;
    if (!v)
        return -2;
    if (old)
        return cJSON_ReplaceItemInObjectCaseSensitive(d->metadata, key, v) ? 0 : -2;
    if (!cJSON_AddItemToObject(d->metadata, key, v)) {
        cJSON_Delete(v);
        return -2;
    }
    return 0;
}

int dest_meta_unset(struct dest *d, const char *key)
{
    cJSON_DeleteItemFromObjectCaseSensitive(d->metadata, key);
    return 0;
}
