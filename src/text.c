/* Terminal-safe text: UTF-8 decoding, sanitising hostile strings, display widths and fitting. */
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "strbuf.h"
#include "text.h"

/* -1: not decided yet (decided from the locale's codeset on first use). */
static int text_utf8_mode = -1;

void text_set_utf8(bool utf8)
{
    text_utf8_mode = utf8 ? 1 : 0;
}

bool text_is_utf8(void)
{
    if (text_utf8_mode < 0) {
        const char *codeset = nl_langinfo(CODESET);
        text_utf8_mode =
            codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
    }
    return text_utf8_mode == 1;
}

/* ---- decoding --------------------------------------------------------------------------- */

int text_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int n;
    uint32_t c, min;
    if (u[0] >= 0xC2 && u[0] <= 0xDF) { n = 2; c = u[0] & 0x1F; min = 0x80; }
    else if (u[0] >= 0xE0 && u[0] <= 0xEF) { n = 3; c = u[0] & 0x0F; min = 0x800; }
    else if (u[0] >= 0xF0 && u[0] <= 0xF4) { n = 4; c = u[0] & 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)n > len)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

int text_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- escapes ---------------------------------------------------------------------------- */

static bool text_is_bidi_control(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/* Invisible or deceptive format characters (shown as escapes so hidden text is seen). Not
 * U+200D ZWJ or the variation selectors, which emoji need. */
static const struct { uint32_t lo, hi; } text_invisible_ranges[] = {
    {0x00AD, 0x00AD},   /* soft hyphen */
    {0x180E, 0x180E},   /* Mongolian vowel separator */
    {0x200B, 0x200B},   /* zero width space */
    {0x2060, 0x2064},   /* word joiner, invisible operators */
    {0x206A, 0x206F},   /* deprecated format controls */
    {0xFEFF, 0xFEFF},   /* BOM / zero width no-break space */
    {0xFFF9, 0xFFFB},   /* interlinear annotation controls */
    {0xE0000, 0xE007F}, /* tags */
};

static bool text_is_invisible_format(uint32_t cp)
{
    for (size_t i = 0; i < sizeof text_invisible_ranges / sizeof text_invisible_ranges[0]; i++)
        if (cp >= text_invisible_ranges[i].lo && cp <= text_invisible_ranges[i].hi)
            return true;
    return false;
}

bool text_needs_escape(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || text_is_bidi_control(cp) ||
           (cp >= 0xAD && text_is_invisible_format(cp));
}

/* Writes the visible escape for a code point that text_needs_escape(); returns its length. */
static int text_escape_cp(uint32_t cp, char out[8])
{
    static const struct { uint32_t cp; const char *text; } named[] = {
        {'\n', "\\n"}, {'\t', "\\t"}, {'\r', "\\r"}, {0x1B, "\\e"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].cp == cp) {
            memcpy(out, named[i].text, 3);
            return 2;
        }
    if (cp < 0x80)
        return snprintf(out, 8, "\\x%02x", (unsigned)cp);
    return snprintf(out, 8, "\\u%04X", (unsigned)cp);
}

/* ---- sanitising ------------------------------------------------------------------------- */

char *text_sanitize(const char *in, size_t len, bool keep_newlines)
{
    struct strbuf b = {0};
    char esc[8];
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = text_decode(in + i, len - i, &cp);
        if (n == 0) {
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)in[i]);
            strbuf_add(&b, esc, 4);
            i++;
            continue;
        }
        if (text_needs_escape(cp) && !(keep_newlines && cp == '\n'))
            strbuf_add(&b, esc, (size_t)text_escape_cp(cp, esc));
        else
            strbuf_add(&b, in + i, (size_t)n);
        i += (size_t)n;
    }
    return strbuf_take(&b);
}

/* ---- stripping controls and escape sequences (for pasted input) ------------------------ */

enum text_seq_kind { TEXT_SEQ_CSI, TEXT_SEQ_OSC, TEXT_SEQ_STRING };

/* Sequence introducers: the byte after ESC and the equivalent 8-bit C1 code point. */
static const struct {
    unsigned char esc_final;
    uint32_t c1;
    enum text_seq_kind kind;
} text_introducers[] = {
    {'[', 0x9B, TEXT_SEQ_CSI},    {']', 0x9D, TEXT_SEQ_OSC},    {'P', 0x90, TEXT_SEQ_STRING},
    {'X', 0x98, TEXT_SEQ_STRING}, {'^', 0x9E, TEXT_SEQ_STRING}, {'_', 0x9F, TEXT_SEQ_STRING},
};

/* End of a CSI body starting at i: parameter/intermediate bytes (and embedded C0 controls)
 * up to a final byte 0x40..0x7E; CAN/SUB cancel it; ESC or a non-ASCII byte cut it short. */
static size_t text_skip_csi(const char *s, size_t len, size_t i)
{
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 0x40 && c <= 0x7E) || c == 0x18 || c == 0x1A)
            return i + 1;
        if (c == 0x1B || c >= 0x80)
            return i;
    }
    return i;
}

/* End of a control string (OSC, DCS, SOS, PM, APC) starting at i: through ST (ESC \ or
 * U+009C), BEL for OSC, or CAN/SUB; another ESC ends it (and starts a sequence of its own);
 * an unterminated string runs to the end of the input. */
static size_t text_skip_string(const char *s, size_t len, size_t i, bool bel_ends)
{
    while (i < len) {
        uint32_t cp;
        int n = text_decode(s + i, len - i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        if (cp == 0x9C || cp == 0x18 || cp == 0x1A || (bel_ends && cp == 0x07))
            return i + (size_t)n;
        if (cp == 0x1B)
            return i + 1 < len && s[i + 1] == '\\' ? i + 2 : i;
        i += (size_t)n;
    }
    return i;
}

static size_t text_skip_body(const char *s, size_t len, size_t i, enum text_seq_kind kind)
{
    if (kind == TEXT_SEQ_CSI)
        return text_skip_csi(s, len, i);
    return text_skip_string(s, len, i, kind == TEXT_SEQ_OSC);
}

/* End of the sequence whose ESC ended just before i: a CSI or control string, else
 * intermediates 0x20..0x2F and one final 0x30..0x7E (ESC c, ESC ( B ...); a lone ESC is
 * just itself. */
static size_t text_skip_escape(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return i;
    for (size_t k = 0; k < sizeof text_introducers / sizeof text_introducers[0]; k++)
        if ((unsigned char)s[i] == text_introducers[k].esc_final)
            return text_skip_body(s, len, i + 1, text_introducers[k].kind);
    while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (i < len && s[i] >= 0x30 && s[i] <= 0x7E)
        i++;
    return i;
}

/* For a C1 sequence introducer, the end of its sequence (body from i); else 0. */
static size_t text_skip_c1(const char *s, size_t len, size_t i, uint32_t cp)
{
    for (size_t k = 0; k < sizeof text_introducers / sizeof text_introducers[0]; k++)
        if (cp == text_introducers[k].c1)
            return text_skip_body(s, len, i, text_introducers[k].kind);
    return 0;
}

size_t text_sequence_len(const char *s, size_t len)
{
    uint32_t cp;
    int n = len ? text_decode(s, len, &cp) : 0;
    if (n == 0)
        return 0;
    if (cp == 0x1B)
        return text_skip_escape(s, len, 1);
    return text_skip_c1(s, len, (size_t)n, cp);
}

/* Appends the stripped form of one ordinary code point. */
static void text_strip_put(struct strbuf *b, uint32_t cp, bool keep_newlines)
{
    char enc[4];
    if (cp == '\t' || (cp == '\n' && !keep_newlines))
        strbuf_addc(b, ' ');
    else if (cp == '\n')
        strbuf_addc(b, '\n');
    else if (!text_needs_escape(cp))
        strbuf_add(b, enc, (size_t)text_encode(cp, enc));
}

char *text_strip_controls(const char *in, size_t len, bool keep_newlines)
{
    struct strbuf b = {0};
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t seq = text_sequence_len(in + i, len - i);
        if (seq) {
            i += seq;
            continue;
        }
        int n = text_decode(in + i, len - i, &cp);
        if (n == 0) {
            strbuf_adds(&b, "\xef\xbf\xbd"); /* U+FFFD */
            i++;
            continue;
        }
        i += (size_t)n;
        if (cp == '\r') {
            cp = '\n';
            if (i < len && in[i] == '\n')
                i++;
        }
        text_strip_put(&b, cp, keep_newlines);
    }
    return strbuf_take(&b);
}

/* ---- widths ----------------------------------------------------------------------------- */

/* wcwidth under a UTF-8 locale even when the process locale is not UTF-8 (ASCII mode still
 * needs true widths to substitute one '?' per column). */
static int text_wcwidth(uint32_t cp)
{
    if (MB_CUR_MAX > 1)
        return wcwidth((wchar_t)cp);
    static locale_t utf8_locale;
    static bool tried;
    if (!tried) {
        tried = true;
        utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    if (!utf8_locale)
        return cp < 0x7F ? 1 : -1;
    locale_t old = uselocale(utf8_locale);
    int w = wcwidth((wchar_t)cp);
    uselocale(old);
    return w;
}

int text_cp_width(uint32_t cp)
{
    if (text_needs_escape(cp)) {
        char esc[8];
        return text_escape_cp(cp, esc);
    }
    int w = text_wcwidth(cp);
    if (w < 0)
        return 1;
    return w;
}

int text_width_n(const char *s, size_t len)
{
    int width = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = text_decode(s + i, len - i, &cp);
        if (n == 0) {
            width += 4; /* drawn as \xNN */
            i++;
            continue;
        }
        width += text_cp_width(cp);
        i += (size_t)n;
    }
    return width;
}

int text_width(const char *utf8)
{
    return utf8 ? text_width_n(utf8, strlen(utf8)) : 0;
}

/* ---- character (cluster) stepping ------------------------------------------------------- */

/* True when cp joins the character before it: combining marks, variation selectors, ZWJ. */
static bool text_is_extender(uint32_t cp)
{
    if (cp < 0x300 || text_needs_escape(cp))
        return false;
    return cp == 0x200D || text_wcwidth(cp) == 0;
}

size_t text_next_char(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return len;
    uint32_t cp = 0;
    int n = text_decode(s + pos, len - pos, &cp);
    pos += n ? (size_t)n : 1;
    if (n == 0)
        return pos;
    bool joined = false;
    while (pos < len) {
        uint32_t next;
        int m = text_decode(s + pos, len - pos, &next);
        if (m == 0)
            break;
        if (!joined && !text_is_extender(next))
            break;
        joined = next == 0x200D; /* after a ZWJ the next character joins too */
        pos += (size_t)m;
    }
    return pos;
}

size_t text_prev_char(const char *s, size_t len, size_t pos)
{
    if (pos > len)
        pos = len;
    size_t start = 0, prev = 0;
    while (start < pos) {
        prev = start;
        start = text_next_char(s, len, start);
    }
    return prev;
}

/* ---- fitting ---------------------------------------------------------------------------- */

/* Appends one character (s, n bytes, cp) as drawn in the current repertoire. */
static void text_put_char(struct strbuf *b, const char *s, int n, int width)
{
    if (text_is_utf8()) {
        strbuf_add(b, s, (size_t)n);
        return;
    }
    if (n == 1) {
        strbuf_add(b, s, 1);
        return;
    }
    for (int i = 0; i < width; i++)
        strbuf_addc(b, '?');
}

/* Copies characters of clean (sanitised) s while they fit in limit columns; returns the width. */
static int text_copy_fitting(struct strbuf *b, const char *s, int limit, size_t *used)
{
    int width = 0;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        uint32_t cp = 0;
        int n = text_decode(s + i, len - i, &cp);
        int w = text_cp_width(cp);
        if (width + w > limit)
            break;
        text_put_char(b, s + i, n, w);
        width += w;
        i += (size_t)n;
    }
    *used = i;
    return width;
}

char *text_fit(const char *utf8, int cols, bool pad)
{
    if (cols < 0)
        cols = 0;
    char *clean = text_sanitize(utf8 ? utf8 : "", utf8 ? strlen(utf8) : 0, false);
    if (!clean)
        return NULL;
    struct strbuf b = {0};
    size_t used;
    int width = text_copy_fitting(&b, clean, cols, &used);
    if (clean[used] != '\0' && cols > 0) {
        /* cut: redo with room for the ellipsis */
        strbuf_reset(&b);
        width = text_copy_fitting(&b, clean, cols - 1, &used);
        const char *ellipsis = text_is_utf8() ? "\xe2\x80\xa6" : "~";
        strbuf_adds(&b, ellipsis);
        width++;
    }
    free(clean);
    while (pad && width < cols) {
        strbuf_addc(&b, ' ');
        width++;
    }
    return strbuf_take(&b);
}
