/* Unit tests for ui/lineedit.c: character-wise editing, kills, paste neutralising, views. */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "text.h"

static struct lineedit ed;

static void setup_single(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    text_set_utf8(true);
    lineedit_init(&ed, false);
}

static void setup_multi(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    text_set_utf8(true);
    lineedit_init(&ed, true);
}

static void teardown(void)
{
    lineedit_free(&ed);
}

static void type(const char *s)
{
    ck_assert_int_ge(lineedit_insert(&ed, s, strlen(s)), 0);
}

static void apply_n(enum lineedit_op op, int n)
{
    for (int i = 0; i < n; i++)
        lineedit_apply(&ed, op);
}

static void check_render(int line, int from, int cols, const char *want)
{
    char *got = lineedit_render_line(&ed, line, from, cols);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
}

static void check_cursor(int want_line, int want_col)
{
    int line, col;
    lineedit_cursor_pos(&ed, &line, &col);
    ck_assert_int_eq(line, want_line);
    ck_assert_int_eq(col, want_col);
}

START_TEST(typing_and_moving)
{
    type("hello");
    ck_assert_str_eq(lineedit_text(&ed), "hello");
    apply_n(LINEEDIT_LEFT, 2);
    type("XY");
    ck_assert_str_eq(lineedit_text(&ed), "helXYlo");
    ck_assert_uint_eq(ed.cursor, 5);
    lineedit_apply(&ed, LINEEDIT_HOME);
    ck_assert_uint_eq(ed.cursor, 0);
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_BACKSPACE), LINEEDIT_MOVED);
    lineedit_apply(&ed, LINEEDIT_DELETE);
    ck_assert_str_eq(lineedit_text(&ed), "elXYlo");
    lineedit_apply(&ed, LINEEDIT_END);
    ck_assert_uint_eq(ed.cursor, 6);
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_DELETE), LINEEDIT_MOVED);
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_BACKSPACE), LINEEDIT_CHANGED);
    ck_assert_str_eq(lineedit_text(&ed), "elXYl");
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_UP), LINEEDIT_IGNORED);
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_NEWLINE), LINEEDIT_IGNORED);
}
END_TEST

START_TEST(unicode_whole_characters)
{
    /* CJK, emoji, e + combining acute, then backspace removes whole characters */
    type("\xe4\xb8\xad" "\xf0\x9f\x9a\x80" "e\xcc\x81");
    check_cursor(0, 5);
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_BACKSPACE), LINEEDIT_CHANGED);
    ck_assert_str_eq(lineedit_text(&ed), "\xe4\xb8\xad\xf0\x9f\x9a\x80");
    check_cursor(0, 4);
    lineedit_apply(&ed, LINEEDIT_BACKSPACE);
    ck_assert_str_eq(lineedit_text(&ed), "\xe4\xb8\xad");
    lineedit_apply(&ed, LINEEDIT_LEFT);
    ck_assert_uint_eq(ed.cursor, 0);
    type("a\xcc\x88");                /* a + combining diaeresis before the CJK char */
    lineedit_apply(&ed, LINEEDIT_LEFT);
    ck_assert_uint_eq(ed.cursor, 0);  /* one step over base + mark */
    lineedit_apply(&ed, LINEEDIT_DELETE);
    ck_assert_str_eq(lineedit_text(&ed), "\xe4\xb8\xad");
}
END_TEST

START_TEST(typed_code_points)
{
    ck_assert_int_eq(lineedit_insert_char(&ed, 0x4E2D), LINEEDIT_CHANGED);
    ck_assert_int_eq(lineedit_insert_char(&ed, 0x1F680), LINEEDIT_CHANGED);
    ck_assert_int_eq(lineedit_insert_char(&ed, 0x1B), LINEEDIT_MOVED);   /* ESC dropped */
    ck_assert_int_eq(lineedit_insert_char(&ed, 0xD800), LINEEDIT_MOVED); /* surrogate */
    ck_assert_str_eq(lineedit_text(&ed), "\xe4\xb8\xad\xf0\x9f\x9a\x80");
}
END_TEST

START_TEST(kills_and_yank)
{
    type("https://example.com/hooks/a b  ");
    lineedit_apply(&ed, LINEEDIT_KILL_WORD);
    ck_assert_str_eq(lineedit_text(&ed), "https://example.com/hooks/a ");
    lineedit_apply(&ed, LINEEDIT_KILL_WORD);
    ck_assert_str_eq(lineedit_text(&ed), "");
    lineedit_apply(&ed, LINEEDIT_YANK);
    ck_assert_str_eq(lineedit_text(&ed), "https://example.com/hooks/a ");
    apply_n(LINEEDIT_LEFT, 9);
    lineedit_apply(&ed, LINEEDIT_KILL_AFTER);
    ck_assert_str_eq(lineedit_text(&ed), "https://example.com");
    apply_n(LINEEDIT_LEFT, 4);
    lineedit_apply(&ed, LINEEDIT_KILL_BEFORE);
    ck_assert_str_eq(lineedit_text(&ed), ".com");
    ck_assert_uint_eq(ed.cursor, 0);
    ck_assert_str_eq(ed.kill, "https://example");
}
END_TEST

START_TEST(paste_single_line_neutralised)
{
    const char paste[] = "a\tb\r\nc\x1b[2J\x07" "d\xe2\x80\xae" "e\x80" "f";
    lineedit_insert(&ed, paste, sizeof paste - 1);
    ck_assert_str_eq(lineedit_text(&ed), "a b cde\xef\xbf\xbd" "f");
    /* whole escape sequences go, not just their ESC; hidden format characters too */
    lineedit_set(&ed, "");
    const char seqs[] = "abc\x1b[31mdef\x1b]0;t\x07g\x1b(Bh\xc2\x9b" "1mi\xe2\x80\x8bj";
    ck_assert_int_eq(lineedit_insert(&ed, seqs, sizeof seqs - 1), LINEEDIT_CHANGED);
    ck_assert_str_eq(lineedit_text(&ed), "abcdefghij");
    ck_assert_uint_eq(ed.cursor, 10);
    ck_assert_int_eq(lineedit_insert(&ed, "\x1b[2J", 4), LINEEDIT_MOVED);
    ck_assert_str_eq(lineedit_text(&ed), "abcdefghij");
}
END_TEST

START_TEST(paste_multi_line_keeps_newlines)
{
    const char paste[] = "one\r\ntwo\rthree\nfour\x1b";
    lineedit_insert(&ed, paste, sizeof paste - 1);
    ck_assert_str_eq(lineedit_text(&ed), "one\ntwo\nthree\nfour");
    ck_assert_int_eq(lineedit_line_count(&ed), 4);
    check_cursor(3, 4);
}
END_TEST

START_TEST(set_keeps_bytes_exactly)
{
    ck_assert_int_eq(lineedit_set(&ed, "evil\x1b[2J\x80"), 0);
    ck_assert_str_eq(lineedit_text(&ed), "evil\x1b[2J\x80");
    check_cursor(0, 4 + 2 + 3 + 4);     /* "evil" "\e" "[2J" "\x80" */
    lineedit_apply(&ed, LINEEDIT_BACKSPACE); /* the invalid byte is one character */
    ck_assert_str_eq(lineedit_text(&ed), "evil\x1b[2J");
    check_render(0, 0, 12, "evil\\e[2J   ");
}
END_TEST

START_TEST(hostile_value_kept_except_where_edited)
{
    /* a server value with an escape sequence, RLO, an invalid byte, ZWSP and a tag */
    const char orig[] = "a\x1b[2J\xe2\x80\xae" "b\x80" "c\xe2\x80\x8b" "d\xf3\xa0\x81\x81";
    lineedit_set(&ed, orig);
    check_cursor(0, 1 + 2 + 3 + 6 + 1 + 4 + 1 + 6 + 1 + 7);
    type("X");                                   /* at the end */
    ck_assert_str_eq(lineedit_text(&ed), "a\x1b[2J\xe2\x80\xae" "b\x80" "c\xe2\x80\x8b"
                                         "d\xf3\xa0\x81\x81" "X");
    lineedit_apply(&ed, LINEEDIT_BACKSPACE);
    ck_assert_str_eq(lineedit_text(&ed), orig);
    lineedit_apply(&ed, LINEEDIT_HOME);
    lineedit_apply(&ed, LINEEDIT_RIGHT);
    type("Y");                                   /* after "a" */
    ck_assert_str_eq(lineedit_text(&ed), "aY\x1b[2J\xe2\x80\xae" "b\x80" "c\xe2\x80\x8b"
                                         "d\xf3\xa0\x81\x81");
    lineedit_apply(&ed, LINEEDIT_DELETE);        /* ESC is one character: only it goes */
    ck_assert_str_eq(lineedit_text(&ed), "aY[2J\xe2\x80\xae" "b\x80" "c\xe2\x80\x8b"
                                         "d\xf3\xa0\x81\x81");
    apply_n(LINEEDIT_RIGHT, 3);
    lineedit_apply(&ed, LINEEDIT_DELETE);        /* the RLO, as one character */
    ck_assert_str_eq(lineedit_text(&ed), "aY[2Jb\x80" "c\xe2\x80\x8b" "d\xf3\xa0\x81\x81");
    /* cut and yank give back the exact bytes, controls included */
    lineedit_apply(&ed, LINEEDIT_KILL_AFTER);
    ck_assert_str_eq(lineedit_text(&ed), "aY[2J");
    lineedit_apply(&ed, LINEEDIT_YANK);
    ck_assert_str_eq(lineedit_text(&ed), "aY[2Jb\x80" "c\xe2\x80\x8b" "d\xf3\xa0\x81\x81");
    lineedit_set(&ed, "p\x1b[31mq");
    lineedit_apply(&ed, LINEEDIT_KILL_BEFORE);
    lineedit_apply(&ed, LINEEDIT_YANK);
    ck_assert_str_eq(lineedit_text(&ed), "p\x1b[31mq");
}
END_TEST

START_TEST(bidi_and_invisible_typed_dropped_stored_shown)
{
    /* typed or pasted U+202E / U+200B / U+FEFF never enter the buffer */
    ck_assert_int_eq(lineedit_insert_char(&ed, 0x202E), LINEEDIT_MOVED);
    ck_assert_int_eq(lineedit_insert_char(&ed, 0x200B), LINEEDIT_MOVED);
    ck_assert_int_eq(lineedit_insert_char(&ed, 0xFEFF), LINEEDIT_MOVED);
    type("evil\xe2\x80\xaegnp.exe");
    ck_assert_str_eq(lineedit_text(&ed), "evilgnp.exe");
    /* ZWJ and VS16 are kept (emoji), as one character with their base */
    lineedit_set(&ed, "");
    type("\xe2\x9d\xa4\xef\xb8\x8f");
    ck_assert_str_eq(lineedit_text(&ed), "\xe2\x9d\xa4\xef\xb8\x8f");
    /* held from a server, they are drawn as escapes and measured as such */
    lineedit_set(&ed, "x\xe2\x80\xaey\xe2\x80\x8bz");
    check_cursor(0, 15);
    check_render(0, 0, 16, "x\\u202Ey\\u200Bz ");
    check_render(0, 3, 8, "    y   ");            /* escapes cut by the edges: spaces */
    lineedit_apply(&ed, LINEEDIT_LEFT);
    lineedit_apply(&ed, LINEEDIT_LEFT);
    check_cursor(0, 8);                           /* over the whole "\u200B" */
}
END_TEST

START_TEST(multi_line_moves)
{
    type("first line\nsecond\n\xe4\xb8\xad\xe6\x96\x87xyz");
    check_cursor(2, 7);
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_UP), LINEEDIT_MOVED);
    check_cursor(1, 6);                  /* line shorter: its end */
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_UP), LINEEDIT_MOVED);
    check_cursor(0, 7);                  /* goal column kept */
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_UP), LINEEDIT_IGNORED);
    lineedit_apply(&ed, LINEEDIT_HOME);
    lineedit_apply(&ed, LINEEDIT_RIGHT);
    lineedit_apply(&ed, LINEEDIT_RIGHT);
    lineedit_apply(&ed, LINEEDIT_RIGHT);   /* column 3 */
    lineedit_apply(&ed, LINEEDIT_DOWN);
    lineedit_apply(&ed, LINEEDIT_DOWN);
    check_cursor(2, 2);                  /* never inside a wide char: column 2, not 3 */
    ck_assert_int_eq(lineedit_apply(&ed, LINEEDIT_DOWN), LINEEDIT_IGNORED);
    lineedit_apply(&ed, LINEEDIT_KILL_BEFORE);
    ck_assert_str_eq(lineedit_text(&ed), "first line\nsecond\n\xe6\x96\x87xyz");
    lineedit_apply(&ed, LINEEDIT_BACKSPACE); /* joins with the previous line */
    ck_assert_str_eq(lineedit_text(&ed), "first line\nsecond\xe6\x96\x87xyz");
    lineedit_apply(&ed, LINEEDIT_NEWLINE);
    ck_assert_str_eq(lineedit_text(&ed), "first line\nsecond\n\xe6\x96\x87xyz");
    lineedit_apply(&ed, LINEEDIT_END);
    check_cursor(2, 5);
}
END_TEST

START_TEST(render_and_scroll)
{
    type("abcdefghijklmnopqrstuvwxyz");
    lineedit_scroll(&ed, 1, 10);
    ck_assert_int_eq(ed.hscroll, 17);    /* column 26 visible, margin 0 for < 12 cols */
    check_render(0, ed.hscroll, 10, "rstuvwxyz ");
    lineedit_apply(&ed, LINEEDIT_HOME);
    lineedit_scroll(&ed, 1, 10);
    ck_assert_int_eq(ed.hscroll, 0);
    check_render(0, 0, 10, "abcdefghij");
    check_render(0, 24, 5, "yz   ");
    check_render(3, 0, 4, "    ");       /* no such line */
}
END_TEST

START_TEST(render_wide_edges)
{
    lineedit_set(&ed, "a\xe4\xb8\xad\xe6\x96\x87" "b");   /* a 中 文 b: columns 0,1-2,3-4,5 */
    check_render(0, 0, 6, "a\xe4\xb8\xad\xe6\x96\x87" "b");
    check_render(0, 0, 4, "a\xe4\xb8\xad ");            /* 文 cut at the right edge */
    check_render(0, 2, 4, " \xe6\x96\x87" "b");         /* 中 cut at the left edge */
    check_render(0, 1, 2, "\xe4\xb8\xad");
    char *got = lineedit_render_line(&ed, 0, 2, 3);
    ck_assert_int_eq(text_width(got), 3);
    free(got);
}
END_TEST

START_TEST(render_ascii_mode)
{
    text_set_utf8(false);
    lineedit_set(&ed, "x\xe4\xb8\xad" "e\xcc\x81");
    check_render(0, 0, 6, "x??e  ");
    text_set_utf8(true);
}
END_TEST

START_TEST(multi_line_scroll)
{
    type("1\n2\n3\n4\n5");
    lineedit_scroll(&ed, 3, 20);
    ck_assert_int_eq(ed.vscroll, 2);
    apply_n(LINEEDIT_UP, 4);
    lineedit_scroll(&ed, 3, 20);
    ck_assert_int_eq(ed.vscroll, 0);
}
END_TEST

START_TEST(size_cap)
{
    char *big = malloc(LINEEDIT_MAX_BYTES + 10);
    memset(big, 'x', LINEEDIT_MAX_BYTES + 9);
    big[LINEEDIT_MAX_BYTES + 9] = '\0';
    lineedit_insert(&ed, big, strlen(big));
    ck_assert_uint_eq(ed.len, LINEEDIT_MAX_BYTES);
    ck_assert_int_eq(lineedit_insert(&ed, "y", 1), LINEEDIT_MOVED);
    free(big);
}
END_TEST

static Suite *lineedit_suite(void)
{
    Suite *s = suite_create("lineedit");
    TCase *one = tcase_create("single");
    tcase_add_checked_fixture(one, setup_single, teardown);
    tcase_add_test(one, typing_and_moving);
    tcase_add_test(one, unicode_whole_characters);
    tcase_add_test(one, typed_code_points);
    tcase_add_test(one, kills_and_yank);
    tcase_add_test(one, paste_single_line_neutralised);
    tcase_add_test(one, set_keeps_bytes_exactly);
    tcase_add_test(one, hostile_value_kept_except_where_edited);
    tcase_add_test(one, bidi_and_invisible_typed_dropped_stored_shown);
    tcase_add_test(one, render_and_scroll);
    tcase_add_test(one, render_wide_edges);
    tcase_add_test(one, render_ascii_mode);
    tcase_add_test(one, size_cap);
    suite_add_tcase(s, one);
    TCase *multi = tcase_create("multi");
    tcase_add_checked_fixture(multi, setup_multi, teardown);
    tcase_add_test(multi, paste_multi_line_keeps_newlines);
    tcase_add_test(multi, multi_line_moves);
    tcase_add_test(multi, multi_line_scroll);
    suite_add_tcase(s, multi);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(lineedit_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
