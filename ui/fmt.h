/* Pure formatting helpers for the panes: relative times, ISO dates, short masked URLs. */
#ifndef CBDEST_UI_FMT_H
#define CBDEST_UI_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* "just now", "45s ago", "3m ago", "3h ago", "2d ago", "5mo ago", "2y ago"; future times as
 * "in 3h". Always fits in 12 bytes. */
void fmt_relative(time_t then, time_t now, char *buf, size_t size);

/* Parses an ISO 8601 UTC time such as "2026-01-10T14:45:00.000Z" (fraction and "Z" optional,
 * "+00:00" accepted). False when it is not one. */
bool fmt_parse_iso(const char *text, time_t *out);

/* "2026-01-10 14:45:00 UTC (3h ago)" from an ISO string, or the text as given when it does
 * not parse. */
void fmt_date_long(const char *iso, time_t now, char *buf, size_t size);

/* The host and path of a URL for a list column: scheme dropped, userinfo replaced by "***@",
 * query replaced by "?..." and fragment dropped. Text that is not a URL comes back as is.
 * Returns a newly allocated string (not yet sanitised). */
char *fmt_url_short(const char *url);

/* A URL for the detail pane: as given, except that a password in the userinfo becomes "***".
 * Newly allocated. */
char *fmt_url_masked(const char *url);

#endif
