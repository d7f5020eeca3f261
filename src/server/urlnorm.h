/* urlnorm: WHATWG-style normalisation of absolute http/https callback URLs. */
#ifndef CBDEST_SERVER_URLNORM_H
#define CBDEST_SERVER_URLNORM_H

#include <stdbool.h>

/* Normalises an absolute http/https URL: lower-case scheme and host, IDN host to punycode,
 * IPv6 literal in RFC 5952 form, default port dropped, "/" path added, spaces and non-ASCII
 * (and WHATWG's other percent-encode set bytes) in path, query and fragment percent-encoded
 * with upper-case hex; existing %XX escapes kept as they are. Control characters anywhere
 * and leading or trailing spaces: rejected. Returns a malloc'd string, or NULL if it is not
 * such a URL. */
char *urlnorm_normalise(const char *url);

/* True when IDN hosts can be converted (libcurl with IDN and a C.UTF-8 locale); when false,
 * non-ASCII host names are kept as given (only ASCII letters lower-cased). */
bool urlnorm_idn_available(void);

#endif
