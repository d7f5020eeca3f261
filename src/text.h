/* Terminal-safe text: neutralising hostile strings and measuring UTF-8 display width in columns. */
#ifndef CBDEST_TEXT_H
#define CBDEST_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Chooses the output repertoire: true when the locale's charset is UTF-8 (set once at start,
 * after setlocale). In ASCII mode every non-ASCII character is drawn as an ASCII substitute
 * ('?' per column, so widths stay right) and the ellipsis is "~". */
void text_set_utf8(bool utf8);
bool text_is_utf8(void);

/* Returns a newly allocated copy of `in` (len bytes, may hold NULs) that is safe to write to
 * a terminal: C0 and C1 controls, DEL, ESC and the bidi controls (U+200E/F, U+202A..E,
 * U+2066..9) become visible escapes such as "\e", "\x07", "\u202E"; invalid UTF-8 bytes become
 * "\xNN"; newlines and tabs become "\n" / "\t" unless keep_newlines (then '\n' stays, for
 * multi-line views). Never returns NULL except on allocation failure. */
char *text_sanitize(const char *in, size_t len, bool keep_newlines);

/* Display width in terminal columns of valid, sanitised UTF-8 (wcwidth per character;
 * combining marks count 0, CJK and emoji 2, anything unprintable 1). */
int text_width(const char *utf8);

/* Newly allocated copy of sanitised `utf8` cut to at most `cols` columns; when cut, the
 * last column holds an ellipsis. A wide character never straddles the edge. When pad is
 * true, spaces fill the result to exactly `cols` columns. */
char *text_fit(const char *utf8, int cols, bool pad);

#endif
