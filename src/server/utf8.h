/* utf8: strict UTF-8 checking and code point counting for validated strings. */
#ifndef CBDEST_SERVER_UTF8_H
#define CBDEST_SERVER_UTF8_H

#include <stddef.h>

enum utf8_status { UTF8_OK, UTF8_NUL, UTF8_INVALID };

/* Checks s (NUL-terminated). The two bytes C0 80 (how json_guard marks an escaped \u0000)
 * count as a NUL character. Sets *codepoints when not NULL. */
enum utf8_status utf8_check(const char *s, size_t *codepoints);

#endif
