/* Dates: ISO 8601 parsing and formatting, relative bounds ("7d", "12h", "30m"), ages ("3h ago"). */
#ifndef CBDEST_DATETIME_H
#define CBDEST_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DATETIME_ISO_LEN 32 /* room for "2026-01-10T14:45:00.000Z" and a NUL */

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+HH:MM" or no zone (UTC).
 * true with *epoch_ms set on success. */
bool datetime_parse_iso(const char *s, int64_t *epoch_ms);

/* Formats epoch milliseconds as "2026-01-10T14:45:00.000Z". */
void datetime_format_iso(int64_t epoch_ms, char out[DATETIME_ISO_LEN]);

/* A list date bound as typed by a user: ISO 8601 (as above) or a relative age "<N>{s,m,h,d,w}"
 * meaning now minus that. Writes the ISO form the API takes. false when unparseable. */
bool datetime_parse_bound(const char *s, int64_t now_ms, char out[DATETIME_ISO_LEN]);

/* Short age of `iso` relative to now: "now", "45s", "12m", "3h", "5d", "2025-09-15" (older than
 * 30 days), or the input itself sanitised-by-caller when unparseable. */
void datetime_format_age(const char *iso, int64_t now_ms, char *out, size_t n);

/* The current time in epoch milliseconds. */
int64_t datetime_now_ms(void);

#endif
