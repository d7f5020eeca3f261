/* rng: fast per-thread pseudo-random numbers (xoshiro256**, seeded from getrandom). */
#ifndef CBDEST_SERVER_RNG_H
#define CBDEST_SERVER_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Next 64 random bits from this thread's generator (seeded on first use). */
uint64_t rng_next(void);

/* Fills out with n random base62 characters (0-9A-Za-z) and a terminating NUL. */
void rng_base62(char *out, size_t n);

/* Fills buf with n bytes from the kernel CSPRNG (for secrets); returns 0 or -1. */
int rng_secure_bytes(void *buf, size_t n);

#endif
