/* Keeping JSON numbers exactly as received: number tokens matched to the parsed tree in order. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "json_exact.h"

struct json_token {
    size_t start, len;
};

struct json_tokens {
    struct json_token *items;
    size_t count, cap, next;
};

static bool json_is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Collects the number tokens of text in document order; false on OOM. */
static bool json_scan_numbers(const char *text, size_t len, struct json_tokens *t)
{
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"') {
            for (i++; i < len && text[i] != '"'; i++)
                if (text[i] == '\\')
                    i++;
            continue;
        }
        if (text[i] != '-' && !(text[i] >= '0' && text[i] <= '9'))
            continue;
        size_t start = i;
        while (i < len && json_is_number_char(text[i]))
            i++;
        if (t->count == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 64;
            struct json_token *n = realloc(t->items, cap * sizeof *n);
            if (!n)
                return false;
            t->items = n;
            t->cap = cap;
        }
        t->items[t->count++] = (struct json_token){start, i - start};
        i--;
    }
    return true;
}

static size_t json_count_numbers(const cJSON *item)
{
    size_t n = cJSON_IsNumber(item) ? 1 : 0;
    for (const cJSON *c = item->child; c; c = c->next)
        n += json_count_numbers(c);
    return n;
}

/* Turns a number into a raw item holding `tok` when cJSON would print it differently. */
static void json_pin_number(cJSON *item, const char *tok, size_t len)
{
    char *printed = cJSON_PrintUnformatted(item);
    bool same = printed && strlen(printed) == len && memcmp(printed, tok, len) == 0;
    free(printed);
    char *raw = same ? NULL : strndup(tok, len);
    if (!raw)
        return;
    item->type = cJSON_Raw;
    item->valuestring = raw;
}

static void json_walk(cJSON *item, const char *text, struct json_tokens *t)
{
    if (cJSON_IsNumber(item)) {
        const struct json_token *tok = &t->items[t->next++];
        json_pin_number(item, text + tok->start, tok->len);
        return;
    }
    for (cJSON *c = item->child; c; c = c->next)
        json_walk(c, text, t);
}

void json_exact_numbers(struct cJSON *root, const char *text, size_t len)
{
    struct json_tokens t = {0};
    if (root && json_scan_numbers(text, len, &t) && t.count > 0
        && t.count == json_count_numbers(root))
        json_walk(root, text, &t);
    free(t.items);
}
