/* dates: ISO 8601 formatting and strict parsing in UTC without locale or TZ state. */
#include "server/dates.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

int64_t dates_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Writes v (0 <= v < 10^width) as width digits. */
static void put_digits(char *p, int v, int width)
{
    for (int w = width - 1; w >= 0; w--, v /= 10)
        p[w] = (char)('0' + v % 10);
}

/* "YYYY-MM-DDT" of a day number, years clamped to 0000..9999. */
static void format_day(int64_t days, char out[11])
{
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    put_digits(out, (int)(y < 0 ? 0 : y > 9999 ? 9999 : y), 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = 'T';
}

/* Hand-rolled: this runs twice per listed item, and a page's items mostly share their day, so
 * each thread keeps the last day's text. */
void dates_format(int64_t ms, char out[DATES_ISO_LEN + 1])
{
    static _Thread_local int64_t cached_days = INT64_MIN;
    static _Thread_local char cached_text[11];
    int64_t days = ms / 86400000, rem64 = ms % 86400000;
    if (rem64 < 0) {
        rem64 += 86400000;
        days -= 1;
    }
    if (days != cached_days) {
        format_day(days, cached_text);
        cached_days = days;
    }
    memcpy(out, cached_text, 11);
    int rem = (int)rem64;
    put_digits(out + 11, rem / 3600000, 2);
    out[13] = ':';
    put_digits(out + 14, rem / 60000 % 60, 2);
    out[16] = ':';
    put_digits(out + 17, rem / 1000 % 60, 2);
    out[19] = '.';
    put_digits(out + 20, rem % 1000, 3);
    out[23] = 'Z';
    out[24] = '\0';
}

/* Reads exactly n digits at *p into *value and advances *p. */
static bool read_digits(const char **p, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *value = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Parses the time part after 'T': HH:MM[:SS[.fff...]]; sets *ms_of_day. */
static bool parse_time(const char **p, int64_t *ms_of_day)
{
    int hh, mi, ss = 0, frac = 0;
    if (!read_digits(p, 2, &hh) || **p != ':')
        return false;
    (*p)++;
    if (!read_digits(p, 2, &mi))
        return false;
    if (**p == ':') {
        (*p)++;
        if (!read_digits(p, 2, &ss))
            return false;
        if (**p == '.') {
            (*p)++;
            int digits = 0;
            for (; **p >= '0' && **p <= '9'; (*p)++, digits++)
                if (digits < 3)
                    frac = frac * 10 + (**p - '0');
            if (digits == 0 || digits > 9)
                return false;
            for (; digits < 3; digits++)
                frac *= 10;
        }
    }
    if (hh > 23 || mi > 59 || ss > 59)
        return false;
    *ms_of_day = ((int64_t)hh * 3600 + mi * 60 + ss) * 1000 + frac;
    return true;
}

/* Parses "Z", "+hh:mm", "-hh:mm" or the end of text; sets *offset_ms (local - UTC). */
static bool parse_zone(const char *p, int64_t *offset_ms)
{
    int hh, mi;
    *offset_ms = 0;
    if (*p == '\0')
        return true;
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
        return true;
    /* ' ' is a '+' that an unencoded query string turned into a space */
    if (*p != '+' && *p != '-' && *p != ' ')
        return false;
    int sign = *p == '-' ? -1 : 1;
    p++;
    if (!read_digits(&p, 2, &hh) || *p != ':')
        return false;
    p++;
    if (!read_digits(&p, 2, &mi) || *p != '\0' || hh > 23 || mi > 59)
        return false;
    *offset_ms = sign * ((int64_t)hh * 3600 + mi * 60) * 1000;
    return true;
}

int dates_parse(const char *text, int64_t *ms)
{
    const char *p = text;
    int y, m, d;
    int64_t tod = 0, offset;
    if (!text || strlen(text) > 40)
        return -1;
    if (!read_digits(&p, 4, &y) || *p++ != '-' || !read_digits(&p, 2, &m) || *p++ != '-' ||
        !read_digits(&p, 2, &d))
        return -1;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    if (*p == 'T' || *p == 't') {
        p++;
        if (!parse_time(&p, &tod) || !parse_zone(p, &offset))
            return -1;
    } else if (*p != '\0') { /* a bare date takes no zone */
        return -1;
    } else {
        offset = 0;
    }
    *ms = days_from_civil(y, m, d) * 86400000 + tod - offset;
    return 0;
}
