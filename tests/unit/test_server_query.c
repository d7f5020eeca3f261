/* Unit tests: list query parsing (limit, order, bounds, cursor, dates, encoded brackets). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "server/query.h"

static enum query_result parse(const char *const *kv, size_t n, struct list_query *q,
                               char **errors_text)
{
    struct query_pair pairs[16] = {{0}};
    cJSON *errors = NULL;
    for (size_t i = 0; i < n; i++) {
        pairs[i].key = kv[2 * i];
        pairs[i].value = kv[2 * i + 1];
    }
    enum query_result r = query_parse(pairs, n, q, &errors);
    *errors_text = errors ? cJSON_PrintUnformatted(errors) : NULL;
    cJSON_Delete(errors);
    return r;
}

static void expect_invalid(const char *key, const char *value, const char *expected)
{
    const char *kv[] = {key, value};
    struct list_query q;
    char *text;
    ck_assert_int_eq(parse(kv, 1, &q, &text), QUERY_INVALID);
    ck_assert_str_eq(text, expected);
    free(text);
}

START_TEST(test_defaults)
{
    struct list_query q;
    char *text;
    ck_assert_int_eq(parse(NULL, 0, &q, &text), QUERY_OK);
    ck_assert_int_eq(q.limit, 20);
    ck_assert(!q.desc && !q.has_bound && !q.has_created_gt && !q.has_updated_lt);
}
END_TEST

START_TEST(test_values)
{
    const char *kv[] = {"limit", "100", "order", "desc", "before", "cld_b", "after", "cld_a",
                        "created_at%5Bgt%5D", "2026-01-01T00:00:00.000Z", "updated_at[lt]",
                        "2026-01-02", "unknown", "x", "limit", "7"};
    struct list_query q;
    char *text;
    ck_assert_int_eq(parse(kv, 8, &q, &text), QUERY_OK);
    ck_assert_int_eq(q.limit, 7); /* the last repeated value wins */
    ck_assert(q.desc);
    ck_assert(q.has_bound && !q.bound_before); /* after wins over before */
    ck_assert_str_eq(q.bound_id, "cld_a");
    ck_assert(q.has_created_gt && q.has_updated_lt && !q.has_created_lt);
    ck_assert_int_eq(q.created_gt, 1767225600000LL);
    ck_assert_int_eq(q.updated_lt, 1767312000000LL);
}
END_TEST

START_TEST(test_limit_errors)
{
    expect_invalid("limit", "0",
                   "[{\"code\":\"invalid_min\",\"message\":\"Number must be greater than or equal "
                   "to 1\",\"path\":[\"limit\"],\"min\":1}]");
    expect_invalid("limit", "101",
                   "[{\"code\":\"invalid_max\",\"message\":\"Number must be less than or equal to "
                   "100\",\"path\":[\"limit\"],\"max\":100}]");
    expect_invalid("limit", "99999999999999999999999",
                   "[{\"code\":\"invalid_max\",\"message\":\"Number must be less than or equal to "
                   "100\",\"path\":[\"limit\"],\"max\":100}]");
    const char *not_numbers[] = {"abc", "", "1.5", "5x", " 5", "0x10"};
    for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++)
        expect_invalid("limit", not_numbers[i],
                       "[{\"code\":\"invalid_type\",\"message\":\"Expected number, received "
                       "string\",\"path\":[\"limit\"],\"expected\":\"number\",\"received\":"
                       "\"string\"}]");
    expect_invalid("limit", "-3",
                   "[{\"code\":\"invalid_min\",\"message\":\"Number must be greater than or equal "
                   "to 1\",\"path\":[\"limit\"],\"min\":1}]");
}
END_TEST

START_TEST(test_order_and_date_errors)
{
    expect_invalid("order", "ASC",
                   "[{\"code\":\"invalid_enum\",\"message\":\"Invalid enum value. Expected 'asc' "
                   "| 'desc'\",\"path\":[\"order\"],\"options\":[\"asc\",\"desc\"]}]");
    expect_invalid("created_at[gt]", "yesterday",
                   "[{\"code\":\"invalid_date\",\"message\":\"Invalid date, expected ISO 8601\","
                   "\"path\":[\"created_at\",\"gt\"],\"expected\":\"date\"}]");
    expect_invalid("updated_at%5blt%5d", "2026-02-30",
                   "[{\"code\":\"invalid_date\",\"message\":\"Invalid date, expected ISO 8601\","
                   "\"path\":[\"updated_at\",\"lt\"],\"expected\":\"date\"}]");
}
END_TEST

START_TEST(test_cursor)
{
    char *c = cursor_encode(CURSOR_BEFORE, "cld_x");
    const char *kv[] = {"cursor", c};
    struct list_query q;
    char *text;
    ck_assert_int_eq(parse(kv, 1, &q, &text), QUERY_OK);
    ck_assert(q.has_bound && q.bound_before);
    ck_assert_str_eq(q.bound_id, "cld_x");
    const char *kv2[] = {"cursor", c, "after", "cld_y"}; /* after/before win over cursor */
    ck_assert_int_eq(parse(kv2, 2, &q, &text), QUERY_OK);
    ck_assert(q.has_bound && !q.bound_before);
    ck_assert_str_eq(q.bound_id, "cld_y");
    free(c);
    const char *bad[] = {"cursor", "cur_nonsense!"};
    ck_assert_int_eq(parse(bad, 1, &q, &text), QUERY_BAD_CURSOR);
    const char *bad2[] = {"cursor", "garbage"};
    ck_assert_int_eq(parse(bad2, 1, &q, &text), QUERY_BAD_CURSOR);
}
END_TEST

START_TEST(test_unescape)
{
    char out[32];
    ck_assert_int_eq(query_unescape("created_at%5Bgt%5D", out, sizeof out), 0);
    ck_assert_str_eq(out, "created_at[gt]");
    ck_assert_int_eq(query_unescape("a%zz%4", out, sizeof out), 0);
    ck_assert_str_eq(out, "a%zz%4");
    ck_assert_int_eq(query_unescape("0123456789012345678901234567890123", out, sizeof out), -1);
}
END_TEST

static Suite *query_suite(void)
{
    Suite *s = suite_create("server query");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_values);
    tcase_add_test(tc, test_limit_errors);
    tcase_add_test(tc, test_order_and_date_errors);
    tcase_add_test(tc, test_cursor);
    tcase_add_test(tc, test_unescape);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(query_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
