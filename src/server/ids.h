/* ids: destination ids "cld_" + 9 base36 ms timestamp + 13 base62 random, strictly increasing. */
#ifndef CBDEST_SERVER_IDS_H
#define CBDEST_SERVER_IDS_H

#include <stdbool.h>
#include <stdint.h>

#define IDS_PREFIX "cld_"
#define IDS_PREFIX_LEN 4
#define IDS_TS_LEN 9
#define IDS_RAND_LEN 13
#define IDS_LEN (IDS_PREFIX_LEN + IDS_TS_LEN + IDS_RAND_LEN) /* 26 */
#define IDS_TS_MAX 101559956668415LL                          /* 36^9 - 1 */
#define REQ_ID_LEN 24                                         /* "req_" + 20 base62 */

/* Makes a new id for "now" (or for at_ms when at_ms >= 0), strictly greater than every id this
 * process made before, even within one millisecond. *ms_out gets the id's timestamp, which is
 * at_ms (or now) unless the clock went backwards or a millisecond overflowed. Thread-safe. */
void ids_new(int64_t at_ms, char out[IDS_LEN + 1], int64_t *ms_out);

/* Formats "cld_" + base36(ms, 9 chars) + rand13 into out (pure). ms is clamped to 0..IDS_TS_MAX. */
void ids_format(int64_t ms, const char *rand13, char out[IDS_LEN + 1]);

/* Writes "cld_" + base36(ms, 9 chars), the prefix shared by every id made at ms. */
void ids_ts_prefix(int64_t ms, char out[IDS_PREFIX_LEN + IDS_TS_LEN + 1]);

/* Parses the timestamp of a well-formed id; returns false for anything else. */
bool ids_parse(const char *id, int64_t *ms);

/* Makes a request id "req_" + 20 base62 chars. */
void ids_request(char out[REQ_ID_LEN + 1]);

#endif
