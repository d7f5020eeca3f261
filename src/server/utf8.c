/* utf8: a strict decoder (no overlongs, no surrogates, nothing above U+10FFFF). */
#include "server/utf8.h"

/* Length of the sequence starting at s, or 0 when it is not valid UTF-8. */
static int seq_len(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4
                                                                                        : 0;
    }
    return 0;
}

enum utf8_status utf8_check(const char *s, size_t *codepoints)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    enum utf8_status status = UTF8_OK;
    while (*p) {
        if (p[0] == 0xC0 && p[1] == 0x80) {
            status = UTF8_NUL;
            p += 2;
            n++;
            continue;
        }
        int len = seq_len(p);
        if (len == 0)
            return UTF8_INVALID;
        p += len;
        n++;
    }
    if (codepoints)
        *codepoints = n;
    return status;
}
