/* Terminal-safe text: neutralising hostile strings and measuring UTF-8 display width in columns. */
#ifndef CBDEST_TEXT_H
#define CBDEST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Chooses the output repertoire: true when the locale's charset is UTF-8 (set once at start,
 * after setlocale). In ASCII mode every non-ASCII character is drawn as an ASCII substitute
 * ('?' per column, so widths stay right) and the ellipsis is "~". */
void text_set_utf8(bool utf8);
bool text_is_utf8(void);

/* Returns a newly allocated copy of `in` (len bytes, may hold NULs) that is safe to write to
 * a terminal: C0 and C1 controls, DEL, ESC, the bidi controls (U+061C, U+200E/F, U+202A..E,
 * U+2066..9, U+2028/9) and the invisible format characters (U+00AD soft hyphen, U+180E,
 * U+200B zero width space, U+2060..4, U+206A..F, U+FEFF, U+FFF9..B, tags U+E0000..E007F)
 * become visible escapes such as "\e", "\x07", "\u202E", "\u200B", "\uE0041" (U+200D ZWJ,
 * variation selectors and combining marks stay: emoji and accents need them; each escape's
 * width is its length, so text_width_n(raw) == text_width(sanitised)); invalid UTF-8 bytes become
 * "\xNN"; newlines and tabs become "\n" / "\t" unless keep_newlines (then '\n' stays, for
 * multi-line views). Never returns NULL except on allocation failure. */
char *text_sanitize(const char *in, size_t len, bool keep_newlines);

/* Returns a newly allocated copy of `in` (len bytes) fit to insert into an edit field (pasted
 * or typed text): whole escape sequences are dropped -- CSI (ESC [ or U+009B, then parameter
 * and intermediate bytes up to a final byte 0x40..0x7E), control strings (OSC ESC ] / U+009D
 * through BEL or ST; DCS ESC P, SOS ESC X, PM ESC ^, APC ESC _ and their C1 forms through ST,
 * ST being ESC \ or U+009C; CAN/SUB cancel; unterminated ones run to the end) and other
 * ESC sequences (ESC, intermediates 0x20..0x2F, one final 0x30..0x7E); every other code point
 * text_needs_escape() (C0, DEL, C1, bidi and invisible format characters) is dropped too.
 * "\r\n" and "\r" become "\n"; '\n' stays when keep_newlines, else becomes a space; a tab
 * becomes a space; each invalid UTF-8 byte becomes U+FFFD. The result holds no NUL.
 * NULL only on allocation failure. */
char *text_strip_controls(const char *in, size_t len, bool keep_newlines);

/* When s (len bytes) starts with a terminal control sequence as text_strip_controls() reads
 * them (ESC ..., or a C1 CSI/OSC/DCS/SOS/PM/APC introducer and its body), the number of bytes
 * the whole sequence spans; else 0. */
size_t text_sequence_len(const char *s, size_t len);

/* Display width in terminal columns of valid, sanitised UTF-8 (wcwidth per character;
 * combining marks count 0, CJK and emoji 2, anything unprintable 1). */
int text_width(const char *utf8);

/* Newly allocated copy of sanitised `utf8` cut to at most `cols` columns; when cut, the
 * last column holds an ellipsis. A wide character never straddles the edge. When pad is
 * true, spaces fill the result to exactly `cols` columns. */
char *text_fit(const char *utf8, int cols, bool pad);

/* ---- additions for line editing and width-aware drawing -------------------------------- */

/* Decodes one strict UTF-8 character (no overlongs, surrogates or > U+10FFFF) from s
 * (at most len bytes) into *cp; returns its byte length 1..4, or 0 when s starts with an
 * invalid byte (or len is 0). */
int text_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp (a valid scalar value) as UTF-8 into out; returns the byte count 1..4. */
int text_encode(uint32_t cp, char out[4]);

/* True for the code points text_sanitize() turns into escapes (C0, DEL, C1, bidi controls,
 * U+2028/9, invisible format characters). */
bool text_needs_escape(uint32_t cp);

/* Columns one code point takes once sanitised: its escape's length for escaped ones,
 * wcwidth otherwise (0 for combining marks, 2 for wide, 1 when wcwidth is unknown). */
int text_cp_width(uint32_t cp);

/* text_width() of the first len bytes of s; invalid bytes count 4 (their "\xNN" form), so
 * text_width_n(s, n) == text_width(text_sanitize(s, n, false)). */
int text_width_n(const char *s, size_t len);

/* Byte offset of the next / previous character boundary from pos in s (len bytes), where a
 * "character" is a base with the combining marks, variation selectors and ZWJ-joined parts
 * that follow it; an invalid byte is a character of its own. */
size_t text_next_char(const char *s, size_t len, size_t pos);
size_t text_prev_char(const char *s, size_t len, size_t pos);

#endif
