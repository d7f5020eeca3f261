/* json_numbers: strict JSON number grammar and exact number text (cJSON would reformat 1.50 or
 * 12345678901234567890); used by the server on stored metadata and by the client on replies. */
#ifndef CBDEST_JSON_NUMBERS_H
#define CBDEST_JSON_NUMBERS_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* After cJSON parsed text (len bytes) into root: checks every number token against JSON's
 * grammar (cJSON also takes "01", "1." or "1.e5"; false when one is found), then turns each
 * number whose text cJSON would print differently (12345678901234567890, 1.10, 1e3, -0) into
 * a cJSON_Raw item holding the exact text, so printing root gives the digits back unchanged.
 * Matches tokens to the tree in document order; leaves root as it is if they do not line up. */
bool json_numbers_exact(cJSON *root, const char *text, size_t len);

/* True when s[0..len) is one JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
bool json_numbers_valid(const char *s, size_t len);

#endif
