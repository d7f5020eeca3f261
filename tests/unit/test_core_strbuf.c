/* Unit tests for src/strbuf.c: growth, the size cap and its sticky error, NULs, take and free. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

START_TEST(empty_buffer_reads_as_empty_string)
{
    struct strbuf b;
    strbuf_init(&b, 0);
    ck_assert_str_eq(strbuf_str(&b), "");
    ck_assert_uint_eq(strbuf_len(&b), 0);
    ck_assert(!strbuf_failed(&b));
    char *s = strbuf_take(&b);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

START_TEST(grows_across_many_appends)
{
    struct strbuf b;
    strbuf_init(&b, 0);
    for (int i = 0; i < 10000; i++) {
        ck_assert_int_eq(strbuf_addc(&b, (char)('a' + i % 26)), 0);
        ck_assert_uint_eq(strbuf_len(&b), (size_t)i + 1);
        ck_assert_int_eq(strbuf_str(&b)[i + 1], '\0');
    }
    ck_assert_int_eq(strbuf_adds(&b, "END"), 0);
    const char *s = strbuf_str(&b);
    ck_assert_uint_eq(strlen(s), 10003);
    for (int i = 0; i < 10000; i++)
        ck_assert_int_eq(s[i], 'a' + i % 26);
    ck_assert_str_eq(s + 10000, "END");
    strbuf_free(&b);
    ck_assert_uint_eq(strbuf_len(&b), 0);
    ck_assert_str_eq(strbuf_str(&b), "");
}
END_TEST

START_TEST(printf_appends_formatted_text)
{
    struct strbuf b;
    strbuf_init(&b, 0);
    ck_assert_int_eq(strbuf_adds(&b, "n="), 0);
    ck_assert_int_eq(strbuf_printf(&b, "%d, s=%s, %05.1f", 42, "x y", 3.14159), 0);
    ck_assert_str_eq(strbuf_str(&b), "n=42, s=x y, 003.1");
    ck_assert_uint_eq(strbuf_len(&b), 18);
    strbuf_free(&b);
}
END_TEST

START_TEST(exactly_at_cap_succeeds)
{
    struct strbuf b;
    strbuf_init(&b, 10);
    ck_assert_int_eq(strbuf_add(&b, "12345", 5), 0);
    ck_assert_int_eq(strbuf_add(&b, "67890", 5), 0);
    ck_assert_uint_eq(strbuf_len(&b), 10);
    ck_assert_str_eq(strbuf_str(&b), "1234567890");
    ck_assert(!strbuf_failed(&b));
    ck_assert_int_eq(strbuf_error(&b), STRBUF_OK);
    ck_assert_int_eq(strbuf_add(&b, "", 0), 0); /* nothing more is still within the cap */
    char *s = strbuf_take(&b);
    ck_assert_str_eq(s, "1234567890");
    free(s);
}
END_TEST

START_TEST(one_byte_over_cap_fails_and_sticks)
{
    struct strbuf b;
    strbuf_init(&b, 10);
    ck_assert_int_eq(strbuf_add(&b, "123456789", 9), 0);
    ck_assert_int_eq(strbuf_add(&b, "ab", 2), -1);
    ck_assert(strbuf_failed(&b));
    ck_assert_int_eq(strbuf_error(&b), STRBUF_TOO_LARGE);
    ck_assert_str_eq(strbuf_str(&b), "123456789"); /* unchanged */
    ck_assert_uint_eq(strbuf_len(&b), 9);
    /* later appends keep failing, even ones that would fit */
    ck_assert_int_eq(strbuf_addc(&b, 'x'), -1);
    ck_assert_int_eq(strbuf_adds(&b, ""), -1);
    ck_assert_int_eq(strbuf_printf(&b, "%d", 1), -1);
    ck_assert_int_eq(strbuf_error(&b), STRBUF_TOO_LARGE);
    ck_assert_str_eq(strbuf_str(&b), "123456789");
    ck_assert_ptr_null(strbuf_take(&b)); /* a failed buffer hands nothing over */
    ck_assert_uint_eq(strbuf_len(&b), 0);
    ck_assert(!strbuf_failed(&b));
    ck_assert_int_eq(strbuf_add(&b, "0123456789", 10), 0); /* reusable, same cap */
    ck_assert_int_eq(strbuf_addc(&b, 'z'), -1);
    strbuf_free(&b);
}
END_TEST

START_TEST(printf_over_cap_fails)
{
    struct strbuf b;
    strbuf_init(&b, 4);
    ck_assert_int_eq(strbuf_printf(&b, "%s", "abcd"), 0);
    strbuf_free(&b);
    ck_assert_int_eq(strbuf_printf(&b, "%d", 12345), -1);
    ck_assert_int_eq(strbuf_error(&b), STRBUF_TOO_LARGE);
    ck_assert_str_eq(strbuf_str(&b), "");
    strbuf_free(&b);
}
END_TEST

START_TEST(large_cap_grows_to_it)
{
    enum { CAP = 100000 };
    struct strbuf b;
    char chunk[1000];
    memset(chunk, 'q', sizeof chunk);
    strbuf_init(&b, CAP);
    for (int i = 0; i < CAP / 1000; i++)
        ck_assert_int_eq(strbuf_add(&b, chunk, sizeof chunk), 0);
    ck_assert_uint_eq(strbuf_len(&b), CAP);
    ck_assert_int_eq(strbuf_addc(&b, 'q'), -1);
    ck_assert_int_eq(strbuf_error(&b), STRBUF_TOO_LARGE);
    ck_assert_uint_eq(strbuf_len(&b), CAP);
    ck_assert_int_eq(strbuf_str(&b)[CAP], '\0');
    strbuf_free(&b);
}
END_TEST

START_TEST(embedded_nuls_are_kept)
{
    struct strbuf b;
    strbuf_init(&b, 0);
    ck_assert_int_eq(strbuf_add(&b, "a\0b", 3), 0);
    ck_assert_int_eq(strbuf_addc(&b, '\0'), 0);
    ck_assert_int_eq(strbuf_adds(&b, "c"), 0);
    ck_assert_uint_eq(strbuf_len(&b), 5);
    ck_assert_int_eq(memcmp(strbuf_str(&b), "a\0b\0c\0", 6), 0);
    char *s = strbuf_take(&b);
    ck_assert_int_eq(memcmp(s, "a\0b\0c\0", 6), 0);
    free(s);
}
END_TEST

START_TEST(take_hands_over_and_resets)
{
    struct strbuf b;
    strbuf_init(&b, 8);
    strbuf_adds(&b, "hello");
    char *s = strbuf_take(&b);
    ck_assert_str_eq(s, "hello");
    ck_assert_uint_eq(strbuf_len(&b), 0);
    ck_assert_str_eq(strbuf_str(&b), "");
    strbuf_adds(&b, "again");
    ck_assert_str_eq(strbuf_str(&b), "again");
    ck_assert_str_eq(s, "hello"); /* the taken string is independent */
    ck_assert_int_eq(strbuf_adds(&b, "four"), -1); /* the cap survived the take */
    free(s);
    strbuf_free(&b);
    strbuf_free(&b); /* freeing twice is harmless */
}
END_TEST

START_TEST(reset_empties_but_keeps_error)
{
    struct strbuf b;
    strbuf_init(&b, 3);
    strbuf_adds(&b, "abc");
    strbuf_reset(&b);
    ck_assert_uint_eq(strbuf_len(&b), 0);
    ck_assert_str_eq(strbuf_str(&b), "");
    ck_assert_int_eq(strbuf_adds(&b, "xyz"), 0);
    ck_assert_str_eq(strbuf_str(&b), "xyz");
    ck_assert_int_eq(strbuf_addc(&b, '!'), -1);
    strbuf_reset(&b);
    ck_assert_int_eq(strbuf_error(&b), STRBUF_TOO_LARGE); /* the error outlives a reset */
    ck_assert_int_eq(strbuf_addc(&b, 'a'), -1);
    strbuf_free(&b);
}
END_TEST

START_TEST(zeroed_struct_is_unlimited)
{
    struct strbuf b = {0};
    ck_assert_int_eq(strbuf_adds(&b, "zero"), 0);
    ck_assert_str_eq(strbuf_str(&b), "zero");
    strbuf_free(&b);
}
END_TEST

static Suite *strbuf_suite(void)
{
    Suite *s = suite_create("strbuf");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, empty_buffer_reads_as_empty_string);
    tcase_add_test(tc, grows_across_many_appends);
    tcase_add_test(tc, printf_appends_formatted_text);
    tcase_add_test(tc, exactly_at_cap_succeeds);
    tcase_add_test(tc, one_byte_over_cap_fails_and_sticks);
    tcase_add_test(tc, printf_over_cap_fails);
    tcase_add_test(tc, large_cap_grows_to_it);
    tcase_add_test(tc, embedded_nuls_are_kept);
    tcase_add_test(tc, take_hands_over_and_resets);
    tcase_add_test(tc, reset_empties_but_keeps_error);
    tcase_add_test(tc, zeroed_struct_is_unlimited);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(strbuf_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
