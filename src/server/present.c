/* present: builds response JSON with the exact key order of the contract's examples. */
#include "server/present.h"

#include "server/dates.h"

cJSON *present_dest(const struct dest_row *row)
{
    char created[DATES_ISO_LEN + 1], updated[DATES_ISO_LEN + 1];
    cJSON *obj = cJSON_CreateObject();
    /* metadata is stored as the compact JSON text the server itself produced: emit it raw */
    cJSON *meta = row->metadata && row->metadata[0] == '{' ? cJSON_CreateRaw(row->metadata)
                                                           : cJSON_CreateObject();
    dates_format(row->created_at, created);
    dates_format(row->updated_at, updated);
    cJSON_AddStringToObject(obj, "object", "callback.destination");
    cJSON_AddStringToObject(obj, "id", row->id);
    cJSON_AddStringToObject(obj, "status", row->status);
    cJSON_AddStringToObject(obj, "name", row->name ? row->name : "");
    if (row->description)
        cJSON_AddStringToObject(obj, "description", row->description);
    else
        cJSON_AddNullToObject(obj, "description");
    cJSON_AddItemToObject(obj, "metadata", meta);
    cJSON_AddStringToObject(obj, "url", row->url ? row->url : "");
    cJSON_AddStringToObject(obj, "method", row->method);
    cJSON_AddStringToObject(obj, "created_at", created);
    cJSON_AddStringToObject(obj, "updated_at", updated);
    return obj;
}

cJSON *present_list(const struct dest_page *page)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *items = cJSON_CreateArray();
    cJSON *pagination = cJSON_CreateObject();
    for (size_t i = 0; i < page->count; i++)
        cJSON_AddItemToArray(items, present_dest(&page->items[i]));
    cJSON_AddStringToObject(obj, "object", "list");
    cJSON_AddItemToObject(obj, "items", items);
    cJSON_AddBoolToObject(pagination, "has_more_before", page->has_more_before);
    cJSON_AddBoolToObject(pagination, "has_more_after", page->has_more_after);
    cJSON_AddItemToObject(obj, "pagination", pagination);
    return obj;
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
