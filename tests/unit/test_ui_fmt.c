/* Unit tests of the pure UI helpers: relative times, ISO dates, URL masking, layout, OSC 52,
 * and that docs/keys.md matches the key table. */
#include <check.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipboard.h"
#include "fmt.h"
#include "keys.h"
#include "layout.h"

#ifndef SOURCE_ROOT
#define SOURCE_ROOT "."
#endif

START_TEST(test_relative)
{
    char b[16];
    const time_t now = 1767225600;    /* 2026-01-01T00:00:00Z */
    fmt_relative(now - 2, now, b, sizeof(b));
    ck_assert_str_eq(b, "just now");
    fmt_relative(now - 45, now, b, sizeof(b));
    ck_assert_str_eq(b, "45s ago");
    fmt_relative(now - 3 * 60, now, b, sizeof(b));
    ck_assert_str_eq(b, "3m ago");
    fmt_relative(now - 3 * 3600 - 59, now, b, sizeof(b));
    ck_assert_str_eq(b, "3h ago");
    fmt_relative(now - 2 * 86400, now, b, sizeof(b));
    ck_assert_str_eq(b, "2d ago");
    fmt_relative(now - 40L * 86400, now, b, sizeof(b));
    ck_assert_str_eq(b, "1mo ago");
    fmt_relative(now - 800L * 86400, now, b, sizeof(b));
    ck_assert_str_eq(b, "2y ago");
    fmt_relative(now + 3 * 3600, now, b, sizeof(b));
    ck_assert_str_eq(b, "in 3h");
}
END_TEST

START_TEST(test_parse_iso)
{
    time_t t;
    char b[80];
    ck_assert(fmt_parse_iso("2026-01-10T14:45:00.000Z", &t));
    ck_assert_int_eq((long)t, 1768056300L);
    ck_assert(fmt_parse_iso("2026-01-10T14:45:00Z", &t));
    ck_assert_int_eq((long)t, 1768056300L);
    ck_assert(fmt_parse_iso("2026-01-10T14:45:00+00:00", &t));
    ck_assert(fmt_parse_iso("2026-01-10", &t));
    ck_assert_int_eq((long)t, 1768003200L);
    ck_assert(!fmt_parse_iso("2026-13-10T14:45:00Z", &t));
    ck_assert(!fmt_parse_iso("yesterday", &t));
    ck_assert(!fmt_parse_iso("2026-01-10T14:45:00.000Zjunk", &t));
    ck_assert(!fmt_parse_iso(NULL, &t));
    fmt_date_long("2026-01-10T14:45:00.000Z", 1768056300L + 3 * 3600, b, sizeof(b));
    ck_assert_str_eq(b, "2026-01-10 14:45:00 UTC (3h ago)");
    fmt_date_long("not a date", 0, b, sizeof(b));
    ck_assert_str_eq(b, "not a date");
}
END_TEST

static void check_short(const char *url, const char *want)
{
    char *s = fmt_url_short(url);
    ck_assert_str_eq(s, want);
    free(s);
}

static void check_masked(const char *url, const char *want)
{
    char *s = fmt_url_masked(url);
    ck_assert_str_eq(s, want);
    free(s);
}

START_TEST(test_url_short_and_masked)
{
    check_short("https://api.example.com/webhooks/metorial", "api.example.com/webhooks/metorial");
    check_short("http://localhost:8080/", "localhost:8080/");
    check_short("https://user:secret@hooks.example.com/x?token=abc#frag",
                "***@hooks.example.com/x?...");
    check_short("https://example.com#frag", "example.com");
    check_short("https://user@example.com", "***@example.com");
    check_short("not a url", "not a url");
    check_short("https://a.example/p@th", "a.example/p@th");     /* '@' in the path is kept */
    check_masked("https://user:secret@h.example/p", "https://user:***@h.example/p");
    check_masked("https://user@h.example/p", "https://user@h.example/p");
    check_masked("https://h.example/p?q=1", "https://h.example/p?q=1");
}
END_TEST

START_TEST(test_layout)
{
    struct layout l;
    struct list_columns c;
    layout_compute(39, 30, &l);
    ck_assert(l.too_small);
    layout_compute(100, 9, &l);
    ck_assert(l.too_small);
    layout_compute(40, 10, &l);
    ck_assert(!l.too_small);
    ck_assert(!l.split);
    ck_assert_int_eq(l.list.y, 1);
    ck_assert_int_eq(l.list.h, 7);
    ck_assert_int_eq(l.status.y, 8);
    ck_assert_int_eq(l.hints.y, 9);
    layout_compute(119, 30, &l);
    ck_assert(!l.split);
    ck_assert_int_eq(l.detail.w, 119);
    layout_compute(120, 30, &l);
    ck_assert(l.split);
    ck_assert_int_eq(l.list.w + 1 + l.detail.w, 120);
    ck_assert_int_eq(l.detail.x, l.list.w + 1);
    layout_list_columns(100, &c);
    ck_assert_int_eq(2 + c.name + 1 + c.url + 1 + c.status + 1 + c.updated + 1 + c.id, 100);
    ck_assert_int_gt(c.id, 0);
    layout_list_columns(78, &c);                  /* the list half of a 130-column split */
    ck_assert_int_eq(c.id, 0);
    ck_assert_int_eq(c.name, 22);
    ck_assert_int_eq(c.url, 35);
    layout_list_columns(60, &c);
    ck_assert_int_eq(c.id, 0);
    ck_assert_int_gt(c.updated, 0);
    layout_list_columns(40, &c);
    ck_assert_int_eq(c.id, 0);
    ck_assert_int_gt(c.name, 0);
    ck_assert_int_gt(c.url, 0);
}
END_TEST

START_TEST(test_osc52)
{
    char *s = clipboard_osc52("cld_abc", false);
    ck_assert_str_eq(s, "\033]52;c;Y2xkX2FiYw==\a");
    free(s);
    s = clipboard_osc52("ab", true);
    ck_assert_str_eq(s, "\033]52;c;YWI=\a\033Ptmux;\033\033]52;c;YWI=\a\033\\");
    free(s);
    s = clipboard_osc52("", false);
    ck_assert_str_eq(s, "\033]52;c;\a");
    free(s);
}
END_TEST

START_TEST(test_key_lookup)
{
    ck_assert_int_eq(keys_lookup(CTX_BROWSE, 'j', false), ACT_DOWN);
    ck_assert_int_eq(keys_lookup(CTX_BROWSE, 'q', false), ACT_QUIT);
    ck_assert_int_eq(keys_lookup(CTX_HELP, 'q', false), ACT_BACK);
    ck_assert_int_eq(keys_lookup(CTX_FORM, 'j', false), ACT_NONE);
    ck_assert_int_eq(keys_lookup(CTX_FORM, 0x13, false), ACT_SAVE);
    ck_assert_int_eq(keys_lookup(CTX_DIALOG, 27, false), ACT_BACK);
    ck_assert_int_eq(keys_lookup(CTX_DIALOG, 'y', false), ACT_DIALOG_YES);
}
END_TEST

/* No key means two things in one context, and every entry has a name and help text. */
START_TEST(test_key_table_unambiguous)
{
    size_t n;
    const struct key_binding *t = keys_table(&n);
    ck_assert_uint_gt(n, 30);
    for (size_t i = 0; i < n; i++) {
        ck_assert(t[i].name[0] && t[i].help[0] && t[i].contexts);
        for (size_t j = i + 1; j < n; j++)
            if (t[i].key == t[j].key && t[i].keycode == t[j].keycode
                && (t[i].contexts & t[j].contexts))
                ck_assert_msg(t[i].action == t[j].action, "%s bound twice", t[i].name);
    }
}
END_TEST

/* docs/keys.md from the working directory (the repo root under make), else from the test
 * binary's place (BUILD/tests/ inside the repo). */
static FILE *open_keys_doc(void)
{
    char exe[4096], path[4200];
    ssize_t n;
    FILE *f = fopen(SOURCE_ROOT "/docs/keys.md", "r");
    if (f)
        return f;
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    snprintf(path, sizeof(path), "%s/../../docs/keys.md", dirname(exe));
    return fopen(path, "r");
}

/* Every binding of the table appears in docs/keys.md, and the file is exactly what
 * `cbdest --print-keys` writes. */
START_TEST(test_keys_doc_matches_table)
{
    char *want = NULL, have[65536];
    size_t want_len = 0, n, count;
    FILE *mem = open_memstream(&want, &want_len);
    FILE *doc = open_keys_doc();
    const struct key_binding *t = keys_table(&count);
    ck_assert_ptr_nonnull(doc);
    keys_print_markdown(mem);
    fclose(mem);
    n = fread(have, 1, sizeof(have) - 1, doc);
    have[n] = '\0';
    fclose(doc);
    for (size_t i = 0; i < count; i++) {
        char cell[64];
        snprintf(cell, sizeof(cell), "| `%s` |", t[i].name);
        ck_assert_msg(strstr(have, cell), "docs/keys.md lacks %s", t[i].name);
        ck_assert_msg(strstr(have, t[i].help), "docs/keys.md lacks '%s'", t[i].help);
    }
    ck_assert_msg(strcmp(have, want) == 0,
                  "docs/keys.md differs from the key table: run build/cbdest --print-keys "
                  "> docs/keys.md");
    free(want);
}
END_TEST

static Suite *fmt_suite(void)
{
    Suite *s = suite_create("ui-pure");
    TCase *tc = tcase_create("helpers");
    tcase_add_test(tc, test_relative);
    tcase_add_test(tc, test_parse_iso);
    tcase_add_test(tc, test_url_short_and_masked);
    tcase_add_test(tc, test_layout);
    tcase_add_test(tc, test_osc52);
    tcase_add_test(tc, test_key_lookup);
    tcase_add_test(tc, test_key_table_unambiguous);
    tcase_add_test(tc, test_keys_doc_matches_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fmt_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
