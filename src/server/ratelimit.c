/* ratelimit: one mutex, one fixed window per bucket (key), aligned to multiples of the window. */
#include "server/ratelimit.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

struct bucket {
    int64_t window_start; /* epoch seconds */
    long used;
};

struct ratelimit {
    pthread_mutex_t lock;
    long limit, seconds;
    size_t nbuckets;
    struct bucket buckets[];
};

struct ratelimit *ratelimit_new(long limit, long seconds, size_t nbuckets)
{
    struct ratelimit *rl = calloc(1, sizeof *rl + nbuckets * sizeof(struct bucket));
    if (!rl)
        return NULL;
    pthread_mutex_init(&rl->lock, NULL);
    rl->limit = limit;
    rl->seconds = seconds > 0 ? seconds : 1;
    rl->nbuckets = nbuckets;
    return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

bool ratelimit_take(struct ratelimit *rl, size_t bucket, int64_t now_ms,
                    struct ratelimit_state *st)
{
    int64_t now = now_ms / 1000;
    int64_t start = now - now % rl->seconds;
    bool ok;
    if (bucket >= rl->nbuckets)
        bucket = rl->nbuckets - 1;
    pthread_mutex_lock(&rl->lock);
    struct bucket *b = &rl->buckets[bucket];
    if (b->window_start != start) {
        b->window_start = start;
        b->used = 0;
    }
    ok = b->used < rl->limit;
    if (ok)
        b->used++;
    st->limit = rl->limit;
    st->remaining = rl->limit - b->used;
    st->reset = start + rl->seconds;
    pthread_mutex_unlock(&rl->lock);
    return ok;
}

static int parse_positive(const char *s, char **end, long *out)
{
    errno = 0;
    if (*s < '0' || *s > '9')
        return -1;
    long v = strtol(s, end, 10);
    if (errno || v <= 0)
        return -1;
    *out = v;
    return 0;
}

int ratelimit_parse(const char *text, long *limit, long *seconds)
{
    char *end;
    if (!text || parse_positive(text, &end, limit) != 0 || *end != '/')
        return -1;
    if (parse_positive(end + 1, &end, seconds) != 0 || *end != '\0')
        return -1;
    return 0;
}
