/* ratelimit: fixed-window request counting per API key bucket. */
#ifndef CBDEST_SERVER_RATELIMIT_H
#define CBDEST_SERVER_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ratelimit;

struct ratelimit_state {
    long limit, remaining;
    int64_t reset; /* epoch seconds when the window ends */
};

/* limit requests per seconds-long window for each of nbuckets buckets; NULL on OOM. */
struct ratelimit *ratelimit_new(long limit, long seconds, size_t nbuckets);
void ratelimit_free(struct ratelimit *rl);

/* Counts one request in bucket at now_ms; fills st; returns false when over the limit. */
bool ratelimit_take(struct ratelimit *rl, size_t bucket, int64_t now_ms,
                    struct ratelimit_state *st);

/* Parses "N/SECONDS" (both positive); returns 0 or -1. */
int ratelimit_parse(const char *text, long *limit, long *seconds);

#endif
