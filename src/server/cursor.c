/* cursor: encode and strictly decode the opaque pagination cursor. */
#include "server/cursor.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "server/base62.h"

char *cursor_encode(enum cursor_dir dir, const char *id)
{
    char *out = NULL, *json = NULL;
    if (!id || strlen(id) > CURSOR_MAX_ID)
        return NULL;
    cJSON *arr = cJSON_CreateArray();
    cJSON_AddItemToArray(arr, cJSON_CreateString(dir == CURSOR_AFTER ? "after" : "before"));
    cJSON_AddItemToArray(arr, cJSON_CreateString(id));
    json = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    if (!json)
        goto out;
    size_t cap = 4 + strlen(json) * 2 + 8;
    out = malloc(cap);
    if (!out)
        goto out;
    memcpy(out, "cur_", 4);
    if (base62_encode((const unsigned char *)json, strlen(json), out + 4, cap - 4) == 0) {
        free(out);
        out = NULL;
    }
out:
    free(json);
    return out;
}

static bool id_acceptable(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > CURSOR_MAX_ID)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
            return false;
    return true;
}

int cursor_decode(const char *text, enum cursor_dir *dir, char *id_out)
{
    unsigned char buf[CURSOR_MAX_TEXT + 1];
    int rc = -1;
    cJSON *arr = NULL;
    if (!text || strncmp(text, "cur_", 4) != 0 || strlen(text) > CURSOR_MAX_TEXT)
        return -1;
    long n = base62_decode(text + 4, strlen(text + 4), buf, sizeof buf - 1);
    if (n <= 0 || memchr(buf, 0, (size_t)n))
        return -1;
    buf[n] = '\0';
    arr = cJSON_ParseWithLength((const char *)buf, (size_t)n);
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != 2)
        goto out;
    const cJSON *d = cJSON_GetArrayItem(arr, 0), *id = cJSON_GetArrayItem(arr, 1);
    if (!cJSON_IsString(d) || !cJSON_IsString(id) || !id_acceptable(id->valuestring))
        goto out;
    if (strcmp(d->valuestring, "after") == 0)
        *dir = CURSOR_AFTER;
    else if (strcmp(d->valuestring, "before") == 0)
        *dir = CURSOR_BEFORE;
    else
        goto out;
    strcpy(id_out, id->valuestring);
    rc = 0;
out:
    cJSON_Delete(arr);
    return rc;
}
