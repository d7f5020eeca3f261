/* Unit tests for src/text.c: sanitising hostile text, display widths, fitting, char stepping. */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void setup_utf8(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    text_set_utf8(true);
}

static void setup_ascii(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    text_set_utf8(false);
}

/* Asserts text_sanitize(in, len, keep) equals want exactly. */
static void check_sanitize(const char *in, size_t len, bool keep, const char *want)
{
    char *got = text_sanitize(in, len, keep);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
}

static void check_fit(const char *in, int cols, bool pad, const char *want)
{
    char *got = text_fit(in, cols, pad);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
}

#define S(lit) lit, sizeof(lit) - 1

START_TEST(sanitize_plain_passes)
{
    check_sanitize(S("Primary Webhook"), false, "Primary Webhook");
    check_sanitize(S("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x9a\x80"), false,
                   "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x9a\x80");
    check_sanitize(S("back\\slash"), false, "back\\slash");
    check_sanitize("", 0, false, "");
}
END_TEST

START_TEST(sanitize_escape_sequences)
{
    check_sanitize(S("\x1b[2Jcleared"), false, "\\e[2Jcleared");
    check_sanitize(S("\x1b]52;c;aGVsbG8=\x07"), false, "\\e]52;c;aGVsbG8=\\x07");
    check_sanitize(S("\x1b[31mred\x1b[0m"), false, "\\e[31mred\\e[0m");
    check_sanitize(S("a\x7f" "b"), false, "a\\x7fb");
    check_sanitize(S("bell\x07!"), false, "bell\\x07!");
}
END_TEST

START_TEST(sanitize_nul_and_newlines)
{
    check_sanitize(S("a\0b"), false, "a\\x00b");
    check_sanitize(S("l1\nl2\tx\r"), false, "l1\\nl2\\tx\\r");
    check_sanitize(S("l1\nl2\tx\r"), true, "l1\nl2\\tx\\r");
}
END_TEST

START_TEST(sanitize_c1_and_bidi)
{
    /* U+009B (CSI as C1), U+0085 (NEL) encoded properly */
    check_sanitize(S("x\xc2\x9b" "2J\xc2\x85"), false, "x\\u009B2J\\u0085");
    /* U+202E right-to-left override, U+2066 isolate, U+200F RLM */
    check_sanitize(S("evil\xe2\x80\xaegnp.exe"), false, "evil\\u202Egnp.exe");
    check_sanitize(S("\xe2\x81\xa6" "a\xe2\x80\x8f"), false, "\\u2066a\\u200F");
    check_sanitize(S("line\xe2\x80\xa8sep"), false, "line\\u2028sep");
}
END_TEST

START_TEST(sanitize_invalid_utf8)
{
    check_sanitize(S("a\x80" "b"), false, "a\\x80b");              /* lone continuation */
    check_sanitize(S("\xc0\xaf"), false, "\\xc0\\xaf");             /* overlong '/' */
    check_sanitize(S("\xe0\x80\xaf"), false, "\\xe0\\x80\\xaf");    /* overlong 3-byte */
    check_sanitize(S("\xed\xa0\x80"), false, "\\xed\\xa0\\x80");    /* surrogate U+D800 */
    check_sanitize(S("\xf4\x90\x80\x80"), false, "\\xf4\\x90\\x80\\x80"); /* > U+10FFFF */
    check_sanitize(S("\xe4\xb8"), false, "\\xe4\\xb8");             /* truncated */
    check_sanitize(S("\x9b" "2J"), false, "\\x9b2J");               /* raw 8-bit CSI */
    check_sanitize(S("\xff\xfe"), false, "\\xff\\xfe");
}
END_TEST

START_TEST(sanitize_is_idempotent)
{
    const char in[] = "\x1b[2J\x80\xe2\x80\xae\n\0z";
    char *once = text_sanitize(in, sizeof in - 1, false);
    char *twice = text_sanitize(once, strlen(once), false);
    ck_assert_str_eq(once, "\\e[2J\\x80\\u202E\\n\\x00z");
    ck_assert_str_eq(once, twice);
    free(once);
    free(twice);
}
END_TEST

START_TEST(sanitize_invisible_format_chars)
{
    /* zero width space, word joiner, BOM, soft hyphen, Mongolian vowel separator */
    check_sanitize(S("zw\xe2\x80\x8b\xe2\x80\x8bzero"), false, "zw\\u200B\\u200Bzero");
    check_sanitize(S("a\xe2\x81\xa0" "b\xef\xbb\xbf" "c\xc2\xad" "d\xe1\xa0\x8e" "e"), false,
                   "a\\u2060b\\uFEFFc\\u00ADd\\u180Ee");
    /* invisible operators U+2061..4, deprecated U+206A..F, annotations U+FFF9..B */
    check_sanitize(S("\xe2\x81\xa1\xe2\x81\xa4\xe2\x81\xaa\xe2\x81\xaf"), false,
                   "\\u2061\\u2064\\u206A\\u206F");
    check_sanitize(S("\xef\xbf\xb9\xef\xbf\xbb"), false, "\\uFFF9\\uFFFB");
    /* tags U+E0000..E007F (U+E0001 LANGUAGE TAG, U+E0041 TAG A, U+E007F CANCEL TAG) */
    check_sanitize(S("t\xf3\xa0\x80\x81\xf3\xa0\x81\x81\xf3\xa0\x81\xbf"), false,
                   "t\\uE0001\\uE0041\\uE007F");
    /* the neighbours stay: U+200C..D (ZWNJ, ZWJ), U+2065, U+FE0F, U+FFFC, U+E0100, accents */
    check_sanitize(S("\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa5\xef\xb8\x8f\xef\xbf\xbc"), false,
                   "\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa5\xef\xb8\x8f\xef\xbf\xbc");
    check_sanitize(S("\xf3\xa0\x84\x80" "e\xcc\x81"), false, "\xf3\xa0\x84\x80" "e\xcc\x81");
    /* emoji ZWJ sequence (family) and heart + VS16 pass through untouched */
    check_sanitize(S("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xe2\x9d\xa4\xef\xb8\x8f"),
                   false, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xe2\x9d\xa4\xef\xb8\x8f");
    ck_assert(text_needs_escape(0x200B));
    ck_assert(text_needs_escape(0xE007F));
    ck_assert(!text_needs_escape(0x200D));
    ck_assert(!text_needs_escape(0xFE0F));
    ck_assert(!text_needs_escape(0xE0080));
}
END_TEST

START_TEST(invisible_chars_are_characters_of_their_own)
{
    /* a ZWSP no longer hides behind the letter before it: it is a step of its own */
    const char s[] = "a\xe2\x80\x8b" "b";
    ck_assert_uint_eq(text_next_char(s, sizeof s - 1, 0), 1);
    ck_assert_uint_eq(text_next_char(s, sizeof s - 1, 1), 4);
    ck_assert_uint_eq(text_prev_char(s, sizeof s - 1, 4), 1);
    ck_assert_int_eq(text_cp_width(0x200B), 6);
    ck_assert_int_eq(text_cp_width(0xE0041), 7);
    check_fit("zw\xe2\x80\x8bzero", 7, false, "zw\\u20\xe2\x80\xa6");
}
END_TEST

/* Asserts text_strip_controls(in, len, keep) equals want exactly. */
static void check_strip(const char *in, size_t len, bool keep, const char *want)
{
    char *got = text_strip_controls(in, len, keep);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(strip_csi_sequences)
{
    check_strip(S("abc\x1b[31mdef"), false, "abcdef");
    check_strip(S("\x1b[2J\x1b[H\x1b[?1049hx\x1b[0;1;38;5;196m"), false, "x");
    check_strip(S("a\x1b[1 qb"), false, "ab");                   /* intermediate byte */
    check_strip(S("a\x1b[12"), false, "a");                      /* unterminated at end */
    check_strip(S("a\x1b[3\x18" "b"), false, "ab");              /* CAN cancels */
    check_strip(S("a\x1b[3\x1b[4mb"), false, "ab");              /* ESC restarts */
    check_strip(S("a\x1b[3\xc3\xa9" "b"), false, "a\xc3\xa9" "b"); /* non-ASCII cuts short */
    check_strip(S("x\xc2\x9b" "2Jy"), false, "xy");              /* 8-bit C1 CSI */
    check_strip(S("x\x9b" "2Jy"), false, "x\xef\xbf\xbd" "2Jy"); /* raw byte: invalid UTF-8 */
}
END_TEST

START_TEST(strip_string_sequences)
{
    check_strip(S("a\x1b]0;title\x07" "b"), false, "ab");                 /* OSC ... BEL */
    check_strip(S("a\x1b]52;c;aGk=\x1b\\b"), false, "ab");                /* OSC ... ST */
    check_strip(S("a\x1b]8;;http://x/\x1b\\link\x1b]8;;\x1b\\"), false, "alink");
    check_strip(S("a\xc2\x9d" "0;t\xc2\x9c" "b"), false, "ab");           /* C1 OSC .. ST */
    check_strip(S("a\x1bPq#0;2;0;0;0\x1b\\b"), false, "ab");              /* DCS */
    check_strip(S("a\x1bP1\x07still\x1b\\b"), false, "ab");               /* BEL: not DCS end */
    check_strip(S("a\x1b^pm\x1b\\" "b\x1b_apc\x1b\\" "c\x1bXsos\x1b\\" "d"), false, "abcd");
    check_strip(S("a\xc2\x90" "dcs\xc2\x9c" "b\xc2\x9e" "p\xc2\x9c" "c\xc2\x9f" "q\xc2\x9c" "d"),
                false, "abcd");
    check_strip(S("a\x1b]0;never ends"), false, "a");                     /* runs to the end */
    check_strip(S("a\x1b]0;t\x1a" "b"), false, "ab");                     /* SUB cancels */
    check_strip(S("a\x1b]0;t\xc3\xa9\x07" "b"), false, "ab");             /* UTF-8 inside */
}
END_TEST

START_TEST(strip_other_escapes_and_controls)
{
    check_strip(S("a\x1b" "cb"), false, "ab");                  /* RIS: ESC c */
    check_strip(S("a\x1b(Bb\x1b#8" "c"), false, "abc");         /* ESC ( B, ESC # 8 */
    check_strip(S("a\x1b" "7b\x1b" "8c\x1b=d"), false, "abcd");
    check_strip(S("a\x1b"), false, "a");                        /* lone ESC at the end */
    check_strip(S("a\x1b\x1b[1mb"), false, "ab");
    check_strip(S("a\x1b\xc3\xa9"), false, "a\xc3\xa9");         /* ESC + non-ASCII: ESC only */
    check_strip(S("t\tab\r\nc\rd\ne\x07\x7f\xc2\x85" "f\0g"), false, "t ab c d efg");
    check_strip(S("t\tab\r\nc\rd\ne"), true, "t ab\nc\nd\ne");
    check_strip(S("evil\xe2\x80\xaegnp\xe2\x80\x8b.exe\xef\xbb\xbf"), false, "evilgnp.exe");
    check_strip(S("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9" "e\xcc\x81"), false,
                "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9" "e\xcc\x81");
    check_strip(S("a\x80\xc0\xaf" "b"), false, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "b");
    check_strip("", 0, false, "");
}
END_TEST

START_TEST(width_basic)
{
    ck_assert_int_eq(text_width(""), 0);
    ck_assert_int_eq(text_width("hello"), 5);
    ck_assert_int_eq(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4);          /* 中文 */
    ck_assert_int_eq(text_width("\xf0\x9f\x9a\x80"), 2);                  /* rocket */
    ck_assert_int_eq(text_width("e\xcc\x81"), 1);                         /* e + U+0301 */
    ck_assert_int_eq(text_width("\xef\xbd\xb1"), 1);                      /* halfwidth katakana */
    ck_assert_int_eq(text_width(NULL), 0);
}
END_TEST

START_TEST(width_matches_sanitized)
{
    const char *samples[] = {"\x1b[2J", "a\x80", "\xe2\x80\xae", "x\ty", "\xc2\x9b",
                             "\xe4\xb8\xad\x1b", "\xc0\xaf", "zw\xe2\x80\x8b\xe2\x80\x8bzero",
                             "\xc2\xad\xef\xbb\xbf\xf3\xa0\x81\x81",
                             "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x9d\xa4\xef\xb8\x8f"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char *clean = text_sanitize(samples[i], strlen(samples[i]), false);
        ck_assert_int_eq(text_width(samples[i]), text_width(clean));
        free(clean);
    }
    ck_assert_int_eq(text_width("\x1b[2J"), 5);   /* "\e[2J" */
    ck_assert_int_eq(text_width("\xe2\x80\xae"), 6); /* "\u202E" */
    ck_assert_int_eq(text_width("a\x80"), 5);     /* "a\x80" */
    ck_assert_int_eq(text_width("zw\xe2\x80\x8b\xe2\x80\x8bzero"), 18); /* zw\u200B\u200Bzero */
    ck_assert_int_eq(text_width("\xf3\xa0\x81\x81"), 7);                  /* \uE0041 */
}
END_TEST

START_TEST(fit_ascii_text)
{
    check_fit("hello", 10, false, "hello");
    check_fit("hello", 10, true, "hello     ");
    check_fit("hello", 5, true, "hello");
    check_fit("hello world", 8, false, "hello w\xe2\x80\xa6");
    check_fit("hello", 1, false, "\xe2\x80\xa6");
    check_fit("hello", 0, true, "");
    check_fit("", 3, true, "   ");
    check_fit(NULL, 2, true, "  ");
}
END_TEST

START_TEST(fit_never_splits_wide)
{
    /* 中文字 is 6 columns */
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 6, false, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97");
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5, false, "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6");
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, false, "\xe4\xb8\xad\xe2\x80\xa6");
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, true, "\xe4\xb8\xad\xe2\x80\xa6 ");
    check_fit("a\xf0\x9f\x9a\x80" "bc", 3, true, "a\xe2\x80\xa6 ");
    char *got = text_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, true);
    ck_assert_int_eq(text_width(got), 4);
    free(got);
}
END_TEST

START_TEST(fit_keeps_combining_marks)
{
    check_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3, false, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
    check_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "x", 3, false, "e\xcc\x81" "e\xcc\x81\xe2\x80\xa6");
}
END_TEST

START_TEST(fit_sanitizes)
{
    check_fit("\x1b[2Jx", 10, false, "\\e[2Jx");
    check_fit("\x1b]52;c;AAAA\x07", 8, false, "\\e]52;c\xe2\x80\xa6");
    check_fit("ab\xe2\x80\xae" "cd", 20, true, "ab\\u202Ecd          ");
}
END_TEST

START_TEST(ascii_mode_substitutes)
{
    ck_assert(!text_is_utf8());
    check_fit("caf\xc3\xa9", 10, false, "caf?");
    check_fit("\xe4\xb8\xad\xe6\x96\x87", 10, true, "????      ");
    check_fit("e\xcc\x81" "x", 5, false, "ex");
    check_fit("hello world", 8, false, "hello w~");
    check_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, true, "??~ ");
    check_fit("\xf0\x9f\x9a\x80!", 3, false, "?" "?!");
    check_fit("\x1b[1m", 10, false, "\\e[1m");
}
END_TEST

START_TEST(decode_and_encode)
{
    uint32_t cp = 0;
    ck_assert_int_eq(text_decode("\xe2\x80\xae", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x202E);
    ck_assert_int_eq(text_decode("\xf0\x9f\x9a\x80", 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1F680);
    ck_assert_int_eq(text_decode("\xf0\x9f\x9a", 3, &cp), 0);
    ck_assert_int_eq(text_decode("\xc1\x81", 2, &cp), 0);
    ck_assert_int_eq(text_decode("", 0, &cp), 0);
    char out[4];
    ck_assert_int_eq(text_encode(0x1F680, out), 4);
    ck_assert(memcmp(out, "\xf0\x9f\x9a\x80", 4) == 0);
    ck_assert_int_eq(text_encode(0xE9, out), 2);
    ck_assert(memcmp(out, "\xc3\xa9", 2) == 0);
}
END_TEST

START_TEST(step_by_character)
{
    /* a, e+U+0301, 中, rocket, invalid byte, z */
    const char s[] = "ae\xcc\x81\xe4\xb8\xad\xf0\x9f\x9a\x80\x80z";
    size_t len = sizeof s - 1;
    size_t want[] = {0, 1, 4, 7, 11, 12, 13};
    size_t pos = 0;
    for (size_t i = 1; i < sizeof want / sizeof want[0]; i++) {
        pos = text_next_char(s, len, pos);
        ck_assert_uint_eq(pos, want[i]);
    }
    ck_assert_uint_eq(text_next_char(s, len, len), len);
    for (size_t i = sizeof want / sizeof want[0] - 1; i > 0; i--) {
        pos = text_prev_char(s, len, pos);
        ck_assert_uint_eq(pos, want[i - 1]);
    }
    ck_assert_uint_eq(text_prev_char(s, len, 0), 0);
}
END_TEST

START_TEST(step_keeps_zwj_sequences)
{
    /* man + ZWJ + laptop (a single emoji glyph), then heart + VS16 */
    const char s[] = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x92\xbb\xe2\x9d\xa4\xef\xb8\x8f!";
    size_t len = sizeof s - 1;
    ck_assert_uint_eq(text_next_char(s, len, 0), 11);
    ck_assert_uint_eq(text_next_char(s, len, 11), 17);
    ck_assert_uint_eq(text_prev_char(s, len, 17), 11);
    ck_assert_uint_eq(text_prev_char(s, len, 11), 0);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *u = tcase_create("utf8");
    tcase_add_checked_fixture(u, setup_utf8, NULL);
    tcase_add_test(u, sanitize_plain_passes);
    tcase_add_test(u, sanitize_escape_sequences);
    tcase_add_test(u, sanitize_invisible_format_chars);
    tcase_add_test(u, invisible_chars_are_characters_of_their_own);
    tcase_add_test(u, strip_csi_sequences);
    tcase_add_test(u, strip_string_sequences);
    tcase_add_test(u, strip_other_escapes_and_controls);
    tcase_add_test(u, sanitize_nul_and_newlines);
    tcase_add_test(u, sanitize_c1_and_bidi);
    tcase_add_test(u, sanitize_invalid_utf8);
    tcase_add_test(u, sanitize_is_idempotent);
    tcase_add_test(u, width_basic);
    tcase_add_test(u, width_matches_sanitized);
    tcase_add_test(u, fit_ascii_text);
    tcase_add_test(u, fit_never_splits_wide);
    tcase_add_test(u, fit_keeps_combining_marks);
    tcase_add_test(u, fit_sanitizes);
    tcase_add_test(u, decode_and_encode);
    tcase_add_test(u, step_by_character);
    tcase_add_test(u, step_keeps_zwj_sequences);
    suite_add_tcase(s, u);
    TCase *a = tcase_create("ascii");
    tcase_add_checked_fixture(a, setup_ascii, NULL);
    tcase_add_test(a, ascii_mode_substitutes);
    suite_add_tcase(s, a);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(text_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
