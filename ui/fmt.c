/* Pure formatting helpers for the panes (see fmt.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

struct unit { long seconds; const char *suffix; };

static const struct unit units[] = {
    { 365L * 86400, "y" }, { 30L * 86400, "mo" }, { 86400, "d" },
    { 3600, "h" }, { 60, "m" }, { 1, "s" },
};

void fmt_relative(time_t then, time_t now, char *buf, size_t size)
{
    long diff = (long)difftime(now, then);
    bool future = diff < 0;
    long abs = future ? -diff : diff;
    if (abs < 5) {
        snprintf(buf, size, "just now");
        return;
    }
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (abs >= units[i].seconds) {
            long n = abs / units[i].seconds;
            if (n > 999)
                n = 999;
            snprintf(buf, size, future ? "in %ld%s" : "%ld%s ago", n, units[i].suffix);
            return;
        }
    }
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool fmt_parse_iso(const char *text, time_t *out)
{
    struct tm tm;
    int y, mo, d, h = 0, mi = 0, s = 0;
    const char *p = text;
    if (!text || strlen(text) < 10 || !digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo)
        || p[7] != '-' || !digits(p + 8, 2, &d))
        return false;
    p += 10;
    if (*p == 'T' || *p == ' ') {
        if (strlen(p) < 9 || !digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi)
            || p[6] != ':' || !digits(p + 7, 2, &s))
            return false;
        p += 9;
        if (*p == '.')
            for (p++; isdigit((unsigned char)*p); p++)
                ;
    }
    if (*p == 'Z' || strcmp(p, "+00:00") == 0)
        p += (*p == 'Z') ? 1 : 6;
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return false;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    *out = timegm(&tm);
    return true;
}

void fmt_date_long(const char *iso, time_t now, char *buf, size_t size)
{
    time_t t;
    struct tm tm;
    char abs[32], rel[16];
    if (!iso || !fmt_parse_iso(iso, &t) || !gmtime_r(&t, &tm)) {
        snprintf(buf, size, "%s", iso ? iso : "-");
        return;
    }
    strftime(abs, sizeof(abs), "%Y-%m-%d %H:%M:%S UTC", &tm);
    fmt_relative(t, now, rel, sizeof(rel));
    snprintf(buf, size, "%s (%s)", abs, rel);
}

/* Splits url into [scheme://][userinfo@]rest; returns the start of rest, sets *at to the
 * userinfo start (or NULL). */
static const char *url_authority(const char *url, const char **userinfo)
{
    const char *sep = strstr(url, "://");
    const char *start = sep ? sep + 3 : url;
    const char *end = start + strcspn(start, "/?#");
    const char *at = NULL;
    for (const char *c = start; c < end; c++)
        if (*c == '@')
            at = c;
    *userinfo = at ? start : NULL;
    return at ? at + 1 : start;
}

char *fmt_url_short(const char *url)
{
    const char *userinfo, *host;
    size_t keep, len;
    char *out;
    if (!url)
        return strdup("");
    host = url_authority(url, &userinfo);
    keep = strcspn(host, "?#");
    len = keep + 16;
    out = malloc(len);
    if (!out)
        return NULL;
    snprintf(out, len, "%s%.*s%s", userinfo ? "***@" : "", (int)keep, host,
             host[keep] == '?' ? "?..." : "");
    return out;
}

char *fmt_url_masked(const char *url)
{
    const char *userinfo, *host, *colon;
    size_t len;
    char *out;
    if (!url)
        return strdup("");
    host = url_authority(url, &userinfo);
    if (!userinfo)
        return strdup(url);
    colon = memchr(userinfo, ':', (size_t)(host - 1 - userinfo));
    if (!colon)
        return strdup(url);
    len = strlen(url) + 8;
    out = malloc(len);
    if (out)
        snprintf(out, len, "%.*s:***@%s", (int)(colon - url), url, host);
    return out;
}
