/* Dates: ISO 8601 parsing and formatting, relative bounds and short ages. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datetime.h"

int64_t datetime_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads exactly `digits` decimal digits at *p; -1 when not there. */
static int datetime_num(const char **p, int digits)
{
    int v = 0;
    for (int i = 0; i < digits; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += digits;
    return v;
}

/* Parses the optional zone at p ("Z", "+HH:MM", "-HHMM", ""), offset in seconds east. */
static bool datetime_zone(const char *p, long *offset_s)
{
    *offset_s = 0;
    if (*p == '\0' || ((*p == 'Z' || *p == 'z') && p[1] == '\0'))
        return true;
    if (*p != '+' && *p != '-')
        return false;
    int sign = *p++ == '-' ? -1 : 1;
    int hh = datetime_num(&p, 2);
    if (*p == ':')
        p++;
    int mm = datetime_num(&p, 2);
    if (hh < 0 || mm < 0 || hh > 23 || mm > 59 || *p)
        return false;
    *offset_s = sign * (hh * 3600L + mm * 60L);
    return true;
}

/* Parses "THH:MM[:SS[.fff]]" into tm and milliseconds; advances *p. */
static bool datetime_clock(const char **p, struct tm *tm, int *ms)
{
    if (**p != 'T' && **p != 't' && **p != ' ')
        return true;
    (*p)++;
    tm->tm_hour = datetime_num(p, 2);
    if (**p != ':')
        return false;
    (*p)++;
    tm->tm_min = datetime_num(p, 2);
    if (**p == ':') {
        (*p)++;
        tm->tm_sec = datetime_num(p, 2);
    }
    if (**p == '.') {
        (*p)++;
        int scale = 100, digits = 0;
        for (; isdigit((unsigned char)**p); (*p)++, digits++, scale /= 10)
            *ms += scale > 0 ? (**p - '0') * scale : 0;
        if (digits == 0)
            return false;
    }
    return tm->tm_hour >= 0 && tm->tm_hour <= 23 && tm->tm_min >= 0 && tm->tm_min <= 59
           && tm->tm_sec >= 0 && tm->tm_sec <= 60;
}

bool datetime_parse_iso(const char *s, int64_t *epoch_ms)
{
    struct tm tm = {0};
    int ms = 0;
    long offset;
    const char *p = s;
    int y = datetime_num(&p, 4);
    if (y < 0 || *p++ != '-')
        return false;
    int mo = datetime_num(&p, 2);
    if (mo < 1 || mo > 12 || *p++ != '-')
        return false;
    int d = datetime_num(&p, 2);
    if (d < 1 || d > 31)
        return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    if (!datetime_clock(&p, &tm, &ms) || !datetime_zone(p, &offset))
        return false;
    time_t t = timegm(&tm);
    if (tm.tm_mday != d) /* 2026-02-31 normalised to March */
        return false;
    *epoch_ms = ((int64_t)t - offset) * 1000 + ms;
    return true;
}

void datetime_format_iso(int64_t epoch_ms, char out[DATETIME_ISO_LEN])
{
    int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
    int ms = (int)(epoch_ms - secs * 1000);
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[96];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
    snprintf(out, DATETIME_ISO_LEN, "%.31s", buf);
}

static const struct {
    char unit;
    int64_t ms;
} datetime_units[] = {
    {'s', 1000}, {'m', 60000}, {'h', 3600000}, {'d', 86400000}, {'w', 604800000},
};

bool datetime_parse_bound(const char *s, int64_t now_ms, char out[DATETIME_ISO_LEN])
{
    int64_t t;
    if (datetime_parse_iso(s, &t)) {
        datetime_format_iso(t, out);
        return true;
    }
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return false;
    long long n = strtoll(s, &end, 10);
    if (end[0] == '\0' || end[1] != '\0' || n > 100000 * 365LL)
        return false;
    for (size_t i = 0; i < sizeof datetime_units / sizeof datetime_units[0]; i++)
        if (datetime_units[i].unit == end[0]) {
            datetime_format_iso(now_ms - (int64_t)n * datetime_units[i].ms, out);
            return true;
        }
    return false;
}

void datetime_format_age(const char *iso, int64_t now_ms, char *out, size_t n)
{
    int64_t t;
    if (!datetime_parse_iso(iso, &t)) {
        snprintf(out, n, "%s", iso);
        return;
    }
    int64_t age = (now_ms - t) / 1000;
    if (age < 0)
        age = 0;
    if (age < 5)
        snprintf(out, n, "now");
    else if (age < 60)
        snprintf(out, n, "%llds", (long long)age);
    else if (age < 3600)
        snprintf(out, n, "%lldm", (long long)(age / 60));
    else if (age < 86400)
        snprintf(out, n, "%lldh", (long long)(age / 3600));
    else if (age < 30 * 86400)
        snprintf(out, n, "%lldd", (long long)(age / 86400));
    else
        snprintf(out, n, "%.10s", iso);
}
