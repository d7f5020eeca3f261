/* auth: Bearer token parsing and constant-time comparison with the configured keys. */
#include "server/auth.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Compares without an early exit on the first differing byte. */
static bool same_key(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    unsigned char diff = (unsigned char)(alen != blen);
    for (size_t i = 0; i < alen && i < blen; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

static int find_key(char *const *keys, size_t n, const char *token, size_t len)
{
    int found = -1;
    for (size_t i = 0; i < n; i++)
        if (same_key(token, len, keys[i]) && found < 0)
            found = (int)i;
    return found;
}

size_t auth_bucket_count(const struct app_config *cfg)
{
    return cfg->n_secret + cfg->n_publishable + 1;
}

enum key_kind auth_classify(const struct app_config *cfg, const char *authorization,
                            size_t *bucket)
{
    *bucket = cfg->n_secret + cfg->n_publishable;
    if (!authorization)
        return KEY_NONE;
    const char *p = authorization;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0')
        return KEY_NONE;
    if (strncasecmp(p, "Bearer", 6) != 0 || (p[6] != ' ' && p[6] != '\t'))
        return KEY_UNKNOWN;
    p += 6;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t len = strlen(p);
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    int i = find_key(cfg->secret_keys, cfg->n_secret, p, len);
    if (i >= 0) {
        *bucket = (size_t)i;
        return KEY_SECRET;
    }
    i = find_key(cfg->publishable_keys, cfg->n_publishable, p, len);
    if (i >= 0) {
        *bucket = cfg->n_secret + (size_t)i;
        return KEY_PUBLISHABLE;
    }
    return KEY_UNKNOWN;
}
