/* The destination model: lifetime, tolerant JSON decoding and JSON output. */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "destination.h"
#include "json_numbers.h"
#include "json_pretty.h"

static const struct {
    const char *name;
    enum dest_status status;
} dest_status_table[] = {
    {"active", DEST_STATUS_ACTIVE},
    {"archived", DEST_STATUS_ARCHIVED},
    {"deleted", DEST_STATUS_DELETED},
};

int dest_set_string(char **field, const char *value)
{
    char *copy = NULL;
    if (value && !(copy = strdup(value)))
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

struct dest *dest_new(void)
{
    struct dest *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    char **fields[] = {&d->id, &d->status_text, &d->name, &d->url, &d->method,
                       &d->created_at, &d->updated_at};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (dest_set_string(fields[i], "") < 0)
            goto fail;
    d->status = DEST_STATUS_UNKNOWN;
    if (!(d->metadata = cJSON_CreateObject()))
        goto fail;
    return d;
fail:
    dest_free(d);
    return NULL;
}

void dest_free(struct dest *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->status_text);
    free(d->name);
    free(d->description);
    free(d->url);
    free(d->method);
    free(d->created_at);
    free(d->updated_at);
    cJSON_Delete(d->metadata);
    cJSON_Delete(d->raw);
    free(d);
}

struct dest *dest_clone(const struct dest *d)
{
    struct dest *c = dest_new();
    if (!c)
        return NULL;
    c->status = d->status;
    if (dest_set_string(&c->id, d->id) < 0 || dest_set_string(&c->status_text, d->status_text) < 0
        || dest_set_string(&c->name, d->name) < 0
        || dest_set_string(&c->description, d->description) < 0
        || dest_set_string(&c->url, d->url) < 0 || dest_set_string(&c->method, d->method) < 0
        || dest_set_string(&c->created_at, d->created_at) < 0
        || dest_set_string(&c->updated_at, d->updated_at) < 0)
        goto fail;
    cJSON_Delete(c->metadata);
    if (!(c->metadata = cJSON_Duplicate(d->metadata, 1)))
        goto fail;
    if (d->raw && !(c->raw = cJSON_Duplicate(d->raw, 1)))
        goto fail;
    return c;
fail:
    dest_free(c);
    return NULL;
}

const char *dest_status_name(const struct dest *d)
{
    for (size_t i = 0; i < sizeof dest_status_table / sizeof dest_status_table[0]; i++)
        if (dest_status_table[i].status == d->status)
            return dest_status_table[i].name;
    return d->status_text ? d->status_text : "";
}

static enum dest_status dest_status_parse(const char *s)
{
    for (size_t i = 0; i < sizeof dest_status_table / sizeof dest_status_table[0]; i++)
        if (strcmp(dest_status_table[i].name, s) == 0)
            return dest_status_table[i].status;
    return DEST_STATUS_UNKNOWN;
}

/* Copies obj[key] when it is a string; "" (or NULL when nullable) otherwise. */
static int dest_take_string(const cJSON *obj, const char *key, char **field, bool nullable)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(v) && v->valuestring)
        return dest_set_string(field, v->valuestring);
    return dest_set_string(field, nullable ? NULL : "");
}

static void dest_set_err(char **err, const char *msg)
{
    if (err)
        *err = strdup(msg);
}

struct dest *dest_from_json(const struct cJSON *obj, char **err)
{
    if (err)
        *err = NULL;
    if (!cJSON_IsObject(obj)) {
        dest_set_err(err, "expected a destination object");
        return NULL;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (!cJSON_IsString(id) || !id->valuestring || !id->valuestring[0]) {
        dest_set_err(err, "destination object has no id");
        return NULL;
    }
    struct dest *d = dest_new();
    if (!d)
        goto oom;
    if (dest_take_string(obj, "id", &d->id, false) < 0
        || dest_take_string(obj, "status", &d->status_text, false) < 0
        || dest_take_string(obj, "name", &d->name, false) < 0
        || dest_take_string(obj, "description", &d->description, true) < 0
        || dest_take_string(obj, "url", &d->url, false) < 0
        || dest_take_string(obj, "method", &d->method, false) < 0
        || dest_take_string(obj, "created_at", &d->created_at, false) < 0
        || dest_take_string(obj, "updated_at", &d->updated_at, false) < 0)
        goto oom;
    d->status = dest_status_parse(d->status_text);
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(obj, "metadata");
    if (cJSON_IsObject(meta)) {
        cJSON_Delete(d->metadata);
        if (!(d->metadata = cJSON_Duplicate(meta, 1)))
            goto oom;
    }
    if (!(d->raw = cJSON_Duplicate(obj, 1)))
        goto oom;
    return d;
oom:
    dest_free(d);
    dest_set_err(err, "out of memory");
    return NULL;
}

struct dest *dest_from_json_text(const char *text, size_t len, char **err)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root) {
        dest_set_err(err, "not valid JSON");
        return NULL;
    }
    (void)json_numbers_exact(root, text, len); /* tolerant of odd spellings */
    struct dest *d = dest_from_json(root, err);
    cJSON_Delete(root);
    return d;
}

/* Sets obj[key] = item, in place when the key exists (keeping key order). Takes item. */
static int dest_put(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return -1;
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        return cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item) ? 0 : -1;
    return cJSON_AddItemToObject(obj, key, item) ? 0 : -1;
}

static int dest_put_string(cJSON *obj, const char *key, const char *value)
{
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(old) && strcmp(old->valuestring, value) == 0)
        return 0;
    if (!old && !value[0])
        return 0; /* an absent optional field stays absent */
    return dest_put(obj, key, cJSON_CreateString(value));
}

/* raw (or a fresh object) updated with the struct's current field values. */
static cJSON *dest_build_json(const struct dest *d)
{
    cJSON *o = d->raw ? cJSON_Duplicate(d->raw, 1) : cJSON_CreateObject();
    if (!o)
        return NULL;
    if (!d->raw && !cJSON_AddStringToObject(o, "object", "callback.destination"))
        goto fail;
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(o, "description");
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(o, "metadata");
    if (dest_put_string(o, "id", d->id) < 0 || dest_put_string(o, "status", d->status_text) < 0
        || dest_put_string(o, "name", d->name) < 0)
        goto fail;
    if (d->description ? dest_put_string(o, "description", d->description) < 0
                       : (desc && !cJSON_IsNull(desc) && dest_put(o, "description", cJSON_CreateNull()) < 0))
        goto fail;
    if (!(cJSON_IsNull(meta) && cJSON_GetArraySize(d->metadata) == 0)
        && !(meta && cJSON_Compare(meta, d->metadata, 1))
        && dest_put(o, "metadata", cJSON_Duplicate(d->metadata, 1)) < 0)
        goto fail;
    if (dest_put_string(o, "url", d->url) < 0 || dest_put_string(o, "method", d->method) < 0
        || dest_put_string(o, "created_at", d->created_at) < 0
        || dest_put_string(o, "updated_at", d->updated_at) < 0)
        goto fail;
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

char *dest_to_json_text(const struct dest *d, bool pretty)
{
    cJSON *o = dest_build_json(d);
    if (!o)
        return NULL;
    char *text = pretty ? json_pretty(o) : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}
