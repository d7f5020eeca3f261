/* rng: per-thread xoshiro256** for ids and request ids; getrandom for secrets. */
#include "server/rng.h"

#include <stdbool.h>
#include <sys/random.h>
#include <time.h>

static _Thread_local uint64_t rng_state[4];
static _Thread_local bool rng_seeded;

static const char base62_digits[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

int rng_secure_bytes(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got <= 0)
            return -1;
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static void rng_seed(void)
{
    if (rng_secure_bytes(rng_state, sizeof rng_state) != 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        rng_state[0] = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32);
        rng_state[1] = (uint64_t)(uintptr_t)&ts;
    }
    if ((rng_state[0] | rng_state[1] | rng_state[2] | rng_state[3]) == 0)
        rng_state[0] = 0x9E3779B97F4A7C15ULL;
    rng_seeded = true;
}

uint64_t rng_next(void)
{
    if (!rng_seeded)
        rng_seed();
    uint64_t *s = rng_state;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void rng_base62(char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = base62_digits[rng_next() % 62];
    out[n] = '\0';
}
