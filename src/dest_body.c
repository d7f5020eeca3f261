/* Request bodies from destinations: the create body and the smallest PATCH diff. */
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "destination.h"

static bool dest_str_equal(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

char *dest_create_body(const struct dest *d)
{
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;
    if (!o)
        return NULL;
    if (!cJSON_AddStringToObject(o, "name", d->name ? d->name : "")
        || !cJSON_AddStringToObject(o, "url", d->url ? d->url : ""))
        goto out;
    if (d->description && d->description[0]
        && !cJSON_AddStringToObject(o, "description", d->description))
        goto out;
    if (cJSON_GetArraySize(d->metadata) > 0
        && !cJSON_AddItemToObject(o, "metadata", cJSON_Duplicate(d->metadata, 1)))
        goto out;
    text = cJSON_PrintUnformatted(o);
out:
    cJSON_Delete(o);
    return text;
}

static int dest_diff_string(cJSON *o, const char *key, const char *before, const char *after)
{
    if (dest_str_equal(before, after))
        return 0;
    return cJSON_AddStringToObject(o, key, after ? after : "") ? 1 : -1;
}

int dest_patch_body(const struct dest *orig, const struct dest *edited, char **body)
{
    int changed = 0, r;
    cJSON *o = cJSON_CreateObject();
    *body = NULL;
    if (!o)
        return -1;
    int results[3] = {
        dest_diff_string(o, "name", orig->name, edited->name),
        dest_diff_string(o, "description", orig->description, edited->description),
        dest_diff_string(o, "url", orig->url, edited->url),
    };
    for (int i = 0; i < 3; i++) {
        if ((r = results[i]) < 0)
            goto fail;
        changed += r;
    }
    if (!cJSON_Compare(orig->metadata, edited->metadata, 1)) {
        if (!cJSON_AddItemToObject(o, "metadata", cJSON_Duplicate(edited->metadata, 1)))
            goto fail;
        changed++;
    }
    if (changed > 0 && !(*body = cJSON_PrintUnformatted(o)))
        goto fail;
    cJSON_Delete(o);
    return changed;
fail:
    cJSON_Delete(o);
    return -1;
}
