/* validate: body -> dest_input, with one field error per problem, paths naming the field. */
#include "server/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/errors.h"
#include "server/json_guard.h"
#include "json_numbers.h"
#include "server/urlnorm.h"
#include "server/utf8.h"

/* Per-field string rules: the limits table. */
struct string_rule {
    const char *field;
    size_t min, max;
    bool bytes; /* max counts bytes, not code points */
};

static const struct string_rule rule_name = {"name", 1, VALIDATE_NAME_MAX, false};
static const struct string_rule rule_description = {"description", 0, VALIDATE_DESCRIPTION_MAX,
                                                    false};
static const struct string_rule rule_url = {"url", 0, VALIDATE_URL_MAX, true};

static const char *json_type_name(const cJSON *item)
{
    if (!item)
        return "undefined";
    if (cJSON_IsString(item))
        return "string";
    if (cJSON_IsNumber(item) || cJSON_IsRaw(item)) /* raw: a number kept as its exact text */
        return "number";
    if (cJSON_IsBool(item))
        return "boolean";
    if (cJSON_IsNull(item))
        return "null";
    if (cJSON_IsArray(item))
        return "array";
    return "object";
}

static void type_error(cJSON *errors, const char *path0, const char *expected,
                       const cJSON *item)
{
    char message[96];
    if (!item)
        snprintf(message, sizeof message, "Required");
    else
        snprintf(message, sizeof message, "Expected %s, received %s", expected,
                 json_type_name(item));
    cJSON *e = errors_add_field(errors, "invalid_type", message, path0, NULL);
    cJSON_AddStringToObject(e, "expected", expected);
    cJSON_AddStringToObject(e, "received", json_type_name(item));
}

static void size_error(cJSON *errors, const char *path0, const char *path1, bool too_big,
                       size_t limit, const char *unit)
{
    char message[128];
    snprintf(message, sizeof message, "Must contain at %s %zu %s", too_big ? "most" : "least",
             limit, unit);
    cJSON *e = errors_add_field(errors, too_big ? "too_big" : "too_small", message, path0, path1);
    cJSON_AddNumberToObject(e, too_big ? "max" : "min", (double)limit);
}

static void encoding_error(cJSON *errors, const char *path0, const char *path1,
                           enum utf8_status status)
{
    errors_add_field(errors, "invalid_string",
                     status == UTF8_NUL ? "Must not contain NUL characters"
                                        : "Must be valid UTF-8",
                     path0, path1);
}

/* Checks a string field against its rule; returns a malloc'd copy or NULL (error added). */
static char *check_string(cJSON *errors, const struct string_rule *rule, const cJSON *item)
{
    size_t chars;
    if (!cJSON_IsString(item)) {
        type_error(errors, rule->field, "string", item);
        return NULL;
    }
    enum utf8_status status = utf8_check(item->valuestring, &chars);
    if (status != UTF8_OK) {
        encoding_error(errors, rule->field, NULL, status);
        return NULL;
    }
    size_t size = rule->bytes ? strlen(item->valuestring) : chars;
    const char *unit = rule->bytes ? "byte(s)" : "character(s)";
    if (size < rule->min || size > rule->max) {
        bool big = size > rule->max;
        size_error(errors, rule->field, NULL, big, big ? rule->max : rule->min, unit);
        return NULL;
    }
    return strdup(item->valuestring);
}

/* Walks a metadata value: every string and key must be valid UTF-8 without NUL. */
static enum utf8_status value_encoding(const cJSON *v)
{
    enum utf8_status worst = UTF8_OK;
    if (cJSON_IsString(v))
        return utf8_check(v->valuestring, NULL);
    for (const cJSON *c = v->child; c && worst == UTF8_OK; c = c->next) {
        if (c->string && cJSON_IsObject(v))
            worst = utf8_check(c->string, NULL);
        if (worst == UTF8_OK)
            worst = value_encoding(c);
    }
    return worst;
}

/* Removes earlier duplicates of each key so the last one wins, as in JSON.parse. */
static void dedupe_keys(cJSON *obj)
{
    cJSON *c = obj->child;
    while (c) {
        cJSON *next = c->next;
        for (cJSON *later = next; later; later = later->next)
            if (strcmp(later->string, c->string) == 0) {
                cJSON_Delete(cJSON_DetachItemViaPointer(obj, c));
                break;
            }
        c = next;
    }
}

static int check_metadata_key(cJSON *errors, const cJSON *c)
{
    size_t chars;
    enum utf8_status status = utf8_check(c->string, &chars);
    if (status != UTF8_OK) {
        encoding_error(errors, "metadata", NULL, status);
        return -1;
    }
    if (chars < 1 || chars > VALIDATE_METADATA_KEY_MAX) {
        bool big = chars > VALIDATE_METADATA_KEY_MAX;
        size_error(errors, "metadata", c->string, big, big ? VALIDATE_METADATA_KEY_MAX : 1,
                   "character(s)");
        return -1;
    }
    status = value_encoding(c);
    if (status != UTF8_OK) {
        encoding_error(errors, "metadata", c->string, status);
        return -1;
    }
    return 0;
}

/* Returns the metadata as compact JSON text, or NULL with errors added. */
static char *check_metadata(cJSON *errors, cJSON *item)
{
    if (cJSON_IsNull(item))
        return strdup("{}");
    if (!cJSON_IsObject(item)) {
        type_error(errors, "metadata", "object", item);
        return NULL;
    }
    /* dedupe_keys is quadratic: refuse absurd key counts before running it */
    if (cJSON_GetArraySize(item) > 16 * VALIDATE_METADATA_KEYS_MAX ||
        (dedupe_keys(item), cJSON_GetArraySize(item) > VALIDATE_METADATA_KEYS_MAX)) {
        size_error(errors, "metadata", NULL, true, VALIDATE_METADATA_KEYS_MAX, "key(s)");
        return NULL;
    }
    for (const cJSON *c = item->child; c; c = c->next)
        if (check_metadata_key(errors, c) != 0)
            return NULL;
    char *text = cJSON_PrintUnformatted(item);
    if (text && strlen(text) > VALIDATE_METADATA_BYTES_MAX) {
        size_error(errors, "metadata", NULL, true, VALIDATE_METADATA_BYTES_MAX, "byte(s)");
        free(text);
        return NULL;
    }
    return text;
}

char *validate_url_normalise(const char *url)
{
    return urlnorm_normalise(url);
}

/* Parses body into a JSON object; returns NULL with *message set when it is not one. */
static cJSON *parse_object(const char *body, size_t len, const char **message)
{
    char *clean = NULL;
    const char *end = NULL;
    if (len == 0) {
        *message = "The request body must be a JSON object.";
        return NULL;
    }
    switch (json_guard(body, len, &clean)) {
    case JSON_GUARD_OK:
        break;
    case JSON_GUARD_TOO_DEEP:
        *message = "The request body is nested deeper than 64 levels.";
        return NULL;
    default:
        *message = "The request body is not valid JSON.";
        return NULL;
    }
    cJSON *root = cJSON_ParseWithOpts(clean, &end, 1);
    if (root && !json_numbers_exact(root, clean, strlen(clean))) {
        cJSON_Delete(root);
        root = NULL;
    }
    free(clean);
    if (!root)
        *message = "The request body is not valid JSON.";
    else if (!cJSON_IsObject(root))
        *message = "The request body must be a JSON object.";
    if (root && cJSON_IsObject(root))
        return root;
    cJSON_Delete(root);
    return NULL;
}

/* Fills out from root's fields, adding field errors. */
static void read_fields(cJSON *root, bool create, struct dest_input *out, cJSON *errors)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(root, "description");
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(root, "url");
    cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "metadata");
    if (name || create)
        out->has_name = (out->name = check_string(errors, &rule_name, name)) != NULL;
    if (desc && !(create && cJSON_IsNull(desc)))
        out->has_description =
            (out->description = check_string(errors, &rule_description, desc)) != NULL;
    if (url || create)
        out->has_url = (out->url = check_string(errors, &rule_url, url)) != NULL;
    if (meta)
        out->has_metadata = (out->metadata = check_metadata(errors, meta)) != NULL;
}

enum validate_result validate_body(const char *body, size_t len, bool create,
                                   struct dest_input *out, cJSON **errors,
                                   const char **message)
{
    memset(out, 0, sizeof *out);
    *errors = NULL;
    cJSON *root = parse_object(body, len, message);
    if (!root)
        return VALIDATE_BAD_REQUEST;
    cJSON *list = cJSON_CreateArray();
    read_fields(root, create, out, list);
    cJSON_Delete(root);
    if (cJSON_GetArraySize(list) > 0) {
        dest_input_free(out);
        *errors = list;
        return VALIDATE_INVALID_DATA;
    }
    cJSON_Delete(list);
    if (out->has_url) {
        char *normal = validate_url_normalise(out->url);
        free(out->url);
        out->url = normal;
        if (!normal) {
            dest_input_free(out);
            return VALIDATE_BAD_URL;
        }
    }
    return VALIDATE_OK;
}
