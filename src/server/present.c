/* present: builds response JSON with the exact key order of the contract's examples. */
#include "server/present.h"

#include "server/dates.h"
#include "server/jsonw.h"

/* Written directly (no cJSON tree): a list page is the server's hottest answer. */
static void write_dest(struct jsonw *w, const struct dest_row *row)
{
    char date[DATES_ISO_LEN + 1];
    JSONW_LIT(w, "{\"object\":\"callback.destination\",\"id\":");
    jsonw_str(w, row->id);
    JSONW_LIT(w, ",\"status\":");
    jsonw_str(w, row->status);
    JSONW_LIT(w, ",\"name\":");
    jsonw_str(w, row->name ? row->name : "");
    JSONW_LIT(w, ",\"description\":");
    if (row->description)
        jsonw_str(w, row->description);
    else
        JSONW_LIT(w, "null");
    /* metadata is stored as the compact JSON text the server itself produced: emit it raw */
    JSONW_LIT(w, ",\"metadata\":");
    jsonw_lit(w, row->metadata && row->metadata[0] == '{' ? row->metadata : "{}");
    JSONW_LIT(w, ",\"url\":");
    jsonw_str(w, row->url ? row->url : "");
    JSONW_LIT(w, ",\"method\":");
    jsonw_str(w, row->method);
    dates_format(row->created_at, date);
    JSONW_LIT(w, ",\"created_at\":\"");
    jsonw_raw(w, date, DATES_ISO_LEN);
    if (row->updated_at != row->created_at) /* never-updated rows: the same text */
        dates_format(row->updated_at, date);
    JSONW_LIT(w, "\",\"updated_at\":\"");
    jsonw_raw(w, date, DATES_ISO_LEN);
    JSONW_LIT(w, "\"}");
}

char *present_dest_text(const struct dest_row *row)
{
    struct jsonw w;
    jsonw_init(&w, 1024);
    write_dest(&w, row);
    return jsonw_take(&w);
}

char *present_list_text(const struct dest_page *page)
{
    struct jsonw w;
    jsonw_init(&w, 512 + page->count * 640);
    JSONW_LIT(&w, "{\"object\":\"list\",\"items\":[");
    for (size_t i = 0; i < page->count; i++) {
        if (i)
            jsonw_raw(&w, ",", 1);
        write_dest(&w, &page->items[i]);
    }
    JSONW_LIT(&w, "],\"pagination\":{\"has_more_before\":");
    jsonw_lit(&w, page->has_more_before ? "true" : "false");
    JSONW_LIT(&w, ",\"has_more_after\":");
    jsonw_lit(&w, page->has_more_after ? "true" : "false");
    JSONW_LIT(&w, "}}");
    return jsonw_take(&w);
}

cJSON *present_error(enum err_code code, const char *message, const char *entity,
                     const char *id, cJSON *field_errors)
{
    const struct err_info *info = errors_info(code);
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, "object", "error");
    cJSON_AddFalseToObject(obj, "ok");
    cJSON_AddNumberToObject(obj, "status", info->status);
    cJSON_AddStringToObject(obj, "code", info->code);
    cJSON_AddStringToObject(obj, "message", message ? message : info->message);
    cJSON_AddStringToObject(obj, "hint", info->hint);
    if (entity)
        cJSON_AddStringToObject(obj, "entity", entity);
    if (id)
        cJSON_AddStringToObject(obj, "id", id);
    if (field_errors)
        cJSON_AddItemToObject(obj, "errors", field_errors);
    return obj;
}
