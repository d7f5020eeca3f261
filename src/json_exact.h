/* Keeping JSON numbers exactly as received (cJSON would reformat 1.50 or 12345678901234567890). */
#ifndef CBDEST_JSON_EXACT_H
#define CBDEST_JSON_EXACT_H

#include <stddef.h>

struct cJSON;

/* After cJSON parsed `text` into root: every number whose text cJSON would print differently
 * becomes a raw item holding the exact text, so printing root gives the numbers back byte for
 * byte. Leaves root unchanged when the text and the tree do not line up. */
void json_exact_numbers(struct cJSON *root, const char *text, size_t len);

#endif
