/* json_numbers: number tokens scanned outside strings, matched in order to the parsed tree
 * (shared by the client core and the server: src/common is linked into both programs). */
#include "json_numbers.h"

#include <stdlib.h>
#include <string.h>

struct num_token {
    size_t start, len;
};

struct num_tokens {
    struct num_token *items;
    size_t count, cap, next;
};

static bool is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static size_t digits(const char *s, size_t i, size_t len)
{
    size_t start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i - start;
}

bool json_numbers_valid(const char *s, size_t len)
{
    size_t i = s[0] == '-' ? 1 : 0, n = digits(s, i, len);
    if (n == 0 || (n > 1 && s[i] == '0'))
        return false;
    i += n;
    if (i < len && s[i] == '.') {
        if ((n = digits(s, ++i, len)) == 0)
            return false;
        i += n;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        if ((n = digits(s, i, len)) == 0)
            return false;
        i += n;
    }
    return i == len;
}

static bool push_token(struct num_tokens *t, size_t start, size_t len)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct num_token *grown = realloc(t->items, cap * sizeof *grown);
        if (!grown)
            return false;
        t->items = grown;
        t->cap = cap;
    }
    t->items[t->count++] = (struct num_token){start, len};
    return true;
}

/* Collects the number tokens in document order; -1 on a malformed number, -2 on OOM. */
static int scan_numbers(const char *text, size_t len, struct num_tokens *t)
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
        while (i < len && is_number_char(text[i]))
            i++;
        if (!json_numbers_valid(text + start, i - start))
            return -1;
        if (!push_token(t, start, i - start))
            return -2;
        i--;
    }
    return 0;
}

static size_t count_numbers(const cJSON *item)
{
    size_t n = cJSON_IsNumber(item) ? 1 : 0;
    for (const cJSON *c = item->child; c; c = c->next)
        n += count_numbers(c);
    return n;
}

/* Makes item a raw item holding tok when cJSON would print it differently. */
static void pin_number(cJSON *item, const char *tok, size_t len)
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

static void walk(cJSON *item, const char *text, struct num_tokens *t)
{
    if (cJSON_IsNumber(item)) {
        const struct num_token *tok = &t->items[t->next++];
        pin_number(item, text + tok->start, tok->len);
        return;
    }
    for (cJSON *c = item->child; c; c = c->next)
        walk(c, text, t);
}

bool json_numbers_exact(cJSON *root, const char *text, size_t len)
{
    struct num_tokens t = {0};
    int rc = scan_numbers(text, len, &t);
    if (rc == 0 && t.count > 0 && t.count == count_numbers(root))
        walk(root, text, &t);
    free(t.items);
    return rc != -1;
}
