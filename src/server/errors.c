/* errors: the error code table and field-error helpers. */
#include "server/errors.h"

#define ERRORS_ROW(name, code, status, message, hint) [name] = {code, status, message, hint},
static const struct err_info errors_table[ERR__COUNT] = { ERRORS_TABLE(ERRORS_ROW) };
#undef ERRORS_ROW

const struct err_info *errors_info(enum err_code code)
{
    if ((int)code < 0 || code >= ERR__COUNT)
        code = ERR_INTERNAL;
    return &errors_table[code];
}

cJSON *errors_add_field(cJSON *list, const char *code, const char *message,
                        const char *path0, const char *path1)
{
    cJSON *item = cJSON_CreateObject();
    cJSON *path = cJSON_CreateArray();
    cJSON_AddStringToObject(item, "code", code);
    cJSON_AddStringToObject(item, "message", message);
    if (path0)
        cJSON_AddItemToArray(path, cJSON_CreateString(path0));
    if (path1)
        cJSON_AddItemToArray(path, cJSON_CreateString(path1));
    cJSON_AddItemToObject(item, "path", path);
    cJSON_AddItemToArray(list, item);
    return item;
}
