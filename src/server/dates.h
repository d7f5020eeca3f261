/* dates: millisecond UTC timestamps <-> ISO 8601 text ("2026-01-10T14:45:00.000Z"). */
#ifndef CBDEST_SERVER_DATES_H
#define CBDEST_SERVER_DATES_H

#include <stdint.h>

#define DATES_ISO_LEN 24 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" */

/* Current wall-clock time in milliseconds since the epoch. */
int64_t dates_now_ms(void);

/* Formats ms (years 0000..9999) as ISO 8601 with milliseconds and Z into out. */
void dates_format(int64_t ms, char out[DATES_ISO_LEN + 1]);

/* Parses "YYYY-MM-DD" (UTC midnight) or "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z",
 * "+hh:mm", "-hh:mm" or nothing (UTC); " hh:mm" counts as "+hh:mm" (an unencoded '+' in a
 * query string arrives as a space). Returns 0 and sets *ms, or -1 when malformed/impossible. */
int dates_parse(const char *text, int64_t *ms);

#endif
