/* The retry policy: which outcomes may be retried and how long to wait (pure functions). */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "api.h"

#define API_RESET_EPOCH_MIN 1000000000LL /* smaller RateLimit-Reset values are deltas */

void api_retry_policy_default(struct api_retry_policy *p)
{
    p->max_attempts = 4;
    p->base_ms = 500;
    p->max_wait_ms = 60000;
}

/* Transport failures that may pass on another try. DNS, TLS, proxy, bad URLs and protocol
 * problems ("dns", "tls", "proxy", "network", "too_large") fail the same way every time. */
static const char *const api_transient_net[] = {"connect", "dropped", "timeout"};

static bool api_transient(const char *net_code)
{
    for (size_t i = 0; i < sizeof api_transient_net / sizeof api_transient_net[0]; i++)
        if (strcmp(net_code, api_transient_net[i]) == 0)
            return true;
    return false;
}

bool api_retryable(enum api_kind kind, int status, const char *net_code, bool sent)
{
    if (status == 429)
        return true; /* refused unprocessed: safe even for POST */
    if (status == 502 || status == 503 || status == 504)
        return kind != API_CREATE;
    if (status != 0 || !net_code || !api_transient(net_code))
        return false;
    return !sent || kind != API_CREATE; /* a create that may have landed is never resent */
}

/* Seconds from a Retry-After value (delta seconds or HTTP date); -1 when absent/bad. */
static long long api_retry_after_s(const char *v, int64_t now_s)
{
    char *end;
    if (!v || !*v)
        return -1;
    long long n = strtoll(v, &end, 10);
    if (end != v && *end == '\0')
        return n < 0 ? -1 : n;
    time_t t = curl_getdate(v, NULL);
    if (t < 0)
        return -1;
    return (long long)t > now_s ? (long long)t - now_s : 0;
}

static long long api_reset_s(const char *v, int64_t now_s)
{
    char *end;
    if (!v || !*v)
        return -1;
    long long n = strtoll(v, &end, 10);
    if (end == v || *end != '\0' || n < 0)
        return -1;
    if (n >= API_RESET_EPOCH_MIN)
        return n > now_s ? n - now_s : 0;
    return n;
}

static long api_min_ms(long long a, long b)
{
    return a < b ? (long)a : b;
}

long api_retry_delay_ms(const struct api_retry_policy *p, int attempt, const char *retry_after,
                        const char *ratelimit_reset, int64_t now_s, double jitter01)
{
    if (attempt < 1 || attempt >= p->max_attempts)
        return -1;
    long long step = p->base_ms;
    for (int i = 1; i < attempt && step < p->max_wait_ms; i++)
        step *= 2;
    step = api_min_ms(step, p->max_wait_ms);
    if (jitter01 < 0 || jitter01 >= 1)
        jitter01 = 0.5;
    long long wait = step / 2 + (long long)((double)(step - step / 2) * jitter01);
    long long ra = api_retry_after_s(retry_after, now_s);
    long long rr = api_reset_s(ratelimit_reset, now_s);
    if (ra > p->max_wait_ms / 1000 + 1)
        ra = p->max_wait_ms / 1000 + 1;
    if (rr > p->max_wait_ms / 1000 + 1)
        rr = p->max_wait_ms / 1000 + 1;
    if (ra >= 0 && ra * 1000 > wait)
        wait = ra * 1000;
    if (rr >= 0 && rr * 1000 > wait)
        wait = rr * 1000;
    return api_min_ms(wait, p->max_wait_ms);
}
