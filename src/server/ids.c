/* ids: monotonic, time-sortable destination ids and random request ids. */
#include "server/ids.h"

#include <pthread.h>
#include <string.h>

#include "server/dates.h"
#include "server/rng.h"

static const char b36[] = "0123456789abcdefghijklmnopqrstuvwxyz";
static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static pthread_mutex_t ids_lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t ids_last_ms = -1;
static char ids_last_rand[IDS_RAND_LEN + 1];

static int b62_value(char c)
{
    const char *p = c ? strchr(b62, c) : NULL;
    return p ? (int)(p - b62) : -1;
}

void ids_ts_prefix(int64_t ms, char out[IDS_PREFIX_LEN + IDS_TS_LEN + 1])
{
    if (ms < 0)
        ms = 0;
    if (ms > IDS_TS_MAX)
        ms = IDS_TS_MAX;
    memcpy(out, IDS_PREFIX, IDS_PREFIX_LEN);
    for (int i = IDS_TS_LEN - 1; i >= 0; i--) {
        out[IDS_PREFIX_LEN + i] = b36[ms % 36];
        ms /= 36;
    }
    out[IDS_PREFIX_LEN + IDS_TS_LEN] = '\0';
}

void ids_format(int64_t ms, const char *rand13, char out[IDS_LEN + 1])
{
    ids_ts_prefix(ms, out);
    memcpy(out + IDS_PREFIX_LEN + IDS_TS_LEN, rand13, IDS_RAND_LEN);
    out[IDS_LEN] = '\0';
}

bool ids_parse(const char *id, int64_t *ms)
{
    if (!id || strlen(id) != IDS_LEN || memcmp(id, IDS_PREFIX, IDS_PREFIX_LEN) != 0)
        return false;
    int64_t v = 0;
    for (int i = 0; i < IDS_TS_LEN; i++) {
        char c = id[IDS_PREFIX_LEN + i];
        const char *p = c ? strchr(b36, c) : NULL;
        if (!p)
            return false;
        v = v * 36 + (p - b36);
    }
    for (int i = 0; i < IDS_RAND_LEN; i++)
        if (b62_value(id[IDS_PREFIX_LEN + IDS_TS_LEN + i]) < 0)
            return false;
    *ms = v;
    return true;
}

/* Adds a small random step to the base62 number in r; returns false on overflow. */
static bool rand_increment(char r[IDS_RAND_LEN + 1])
{
    int carry = 1 + (int)(rng_next() % 1024);
    for (int i = IDS_RAND_LEN - 1; i >= 0 && carry; i--) {
        int v = b62_value(r[i]) + carry;
        r[i] = b62[v % 62];
        carry = v / 62;
    }
    return carry == 0;
}

void ids_new(int64_t at_ms, char out[IDS_LEN + 1], int64_t *ms_out)
{
    int64_t ms = at_ms >= 0 ? at_ms : dates_now_ms();
    if (ms > IDS_TS_MAX)
        ms = IDS_TS_MAX;
    pthread_mutex_lock(&ids_lock);
    if (ms > ids_last_ms) {
        rng_base62(ids_last_rand, IDS_RAND_LEN);
        ids_last_rand[0] = b62[rng_next() % 31]; /* leave headroom for same-ms increments */
    } else {
        ms = ids_last_ms;
        if (!rand_increment(ids_last_rand)) {
            ms++;
            rng_base62(ids_last_rand, IDS_RAND_LEN);
            ids_last_rand[0] = '0';
        }
    }
    ids_last_ms = ms;
    ids_format(ms, ids_last_rand, out);
    pthread_mutex_unlock(&ids_lock);
    if (ms_out)
        *ms_out = ms;
}

void ids_request(char out[REQ_ID_LEN + 1])
{
    memcpy(out, "req_", 4);
    rng_base62(out + 4, REQ_ID_LEN - 4);
}
