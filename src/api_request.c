/* API requests: list query strings and endpoint URLs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

#define API_PATH "/callback-destinations"

/* Appends s percent-encoded (RFC 3986 unreserved kept) to f. */
static void api_put_escaped(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
            || *p == '-' || *p == '_' || *p == '.' || *p == '~')
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    }
}

static void api_put_param(FILE *f, bool *first, const char *name, const char *value)
{
    if (!value || !value[0])
        return;
    fputc(*first ? '?' : '&', f);
    *first = false;
    api_put_escaped(f, name);
    fputc('=', f);
    api_put_escaped(f, value);
}

char *api_list_query(const struct api_list_params *p)
{
    char *out = NULL, limit[16] = "";
    size_t size = 0;
    bool first = true;
    FILE *f = open_memstream(&out, &size);
    if (!f)
        return NULL;
    if (p->limit > 0)
        snprintf(limit, sizeof limit, "%d", p->limit);
    const struct {
        const char *name, *value;
    } params[] = {
        {"limit", limit},
        {"order", p->order == API_ORDER_ASC ? "asc" : p->order == API_ORDER_DESC ? "desc" : NULL},
        {"after", p->after},
        {"before", p->before},
        {"created_at[gt]", p->created_after},
        {"created_at[lt]", p->created_before},
        {"updated_at[gt]", p->updated_after},
        {"updated_at[lt]", p->updated_before},
    };
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
        api_put_param(f, &first, params[i].name, params[i].value);
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

char *api_build_url(const char *base_url, const char *id, const char *query)
{
    char *out = NULL;
    size_t size = 0, blen = strlen(base_url);
    FILE *f = open_memstream(&out, &size);
    if (!f)
        return NULL;
    while (blen > 0 && base_url[blen - 1] == '/')
        blen--;
    fwrite(base_url, 1, blen, f);
    fputs(API_PATH, f);
    if (id) {
        fputc('/', f);
        api_put_escaped(f, id);
    }
    if (query)
        fputs(query, f);
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}
