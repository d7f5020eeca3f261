/* Pretty-printing a cJSON tree with 2-space indents (cJSON_Print indents with tabs). */
#include <stdlib.h>

#include <cJSON.h>

#include "json_pretty.h"
#include "strbuf.h"

struct json_pretty_out {
    struct strbuf b;
    bool failed; /* a cJSON allocation failed (strbuf failures are sticky on their own) */
};

static void json_pretty_value(struct json_pretty_out *o, const cJSON *item, int depth);

static void json_pretty_indent(struct json_pretty_out *o, int depth)
{
    for (int i = 0; i < depth; i++)
        strbuf_adds(&o->b, "  ");
}

/* A scalar (or a key, as a string item) exactly as cJSON writes it compactly. */
static void json_pretty_scalar(struct json_pretty_out *o, const cJSON *item)
{
    char *text = cJSON_PrintUnformatted(item);
    if (!text) {
        o->failed = true;
        return;
    }
    strbuf_adds(&o->b, text);
    free(text);
}

static void json_pretty_key(struct json_pretty_out *o, const char *key)
{
    cJSON *k = cJSON_CreateString(key ? key : "");
    if (!k) {
        o->failed = true;
        return;
    }
    json_pretty_scalar(o, k);
    cJSON_Delete(k);
    strbuf_adds(&o->b, ": ");
}

static void json_pretty_container(struct json_pretty_out *o, const cJSON *item, int depth)
{
    bool object = cJSON_IsObject(item);
    strbuf_addc(&o->b, object ? '{' : '[');
    for (const cJSON *child = item->child; child; child = child->next) {
        strbuf_addc(&o->b, '\n');
        json_pretty_indent(o, depth + 1);
        if (object)
            json_pretty_key(o, child->string);
        json_pretty_value(o, child, depth + 1);
        if (child->next)
            strbuf_addc(&o->b, ',');
        else
            strbuf_addc(&o->b, '\n'), json_pretty_indent(o, depth);
    }
    strbuf_addc(&o->b, object ? '}' : ']');
}

static void json_pretty_value(struct json_pretty_out *o, const cJSON *item, int depth)
{
    if (cJSON_IsObject(item) || cJSON_IsArray(item))
        json_pretty_container(o, item, depth);
    else
        json_pretty_scalar(o, item);
}

char *json_pretty(const cJSON *item)
{
    struct json_pretty_out o = {.failed = false};
    if (!item)
        return NULL;
    strbuf_init(&o.b, 0);
    json_pretty_value(&o, item, 0);
    if (o.failed) {
        strbuf_free(&o.b);
        return NULL;
    }
    return strbuf_take(&o.b);
}
