/* Unit tests: ids, base62, cursor codec and ISO dates of cbdest-server. */
#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/base62.h"
#include "server/cursor.h"
#include "server/dates.h"
#include "server/ids.h"

START_TEST(test_id_format)
{
    char id[IDS_LEN + 1];
    int64_t ms, parsed;
    ids_new(-1, id, &ms);
    ck_assert_uint_eq(strlen(id), 26);
    ck_assert_int_eq(strncmp(id, "cld_", 4), 0);
    for (int i = 4; i < 26; i++)
        ck_assert_ptr_nonnull(strchr(i < 13 ? "0123456789abcdefghijklmnopqrstuvwxyz"
                                            : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                                     id[i]));
    ck_assert(ids_parse(id, &parsed));
    ck_assert_int_eq(parsed, ms);
    ck_assert_int_le(llabs(ms - dates_now_ms()), 1000);
}
END_TEST

START_TEST(test_id_known_prefix)
{
    char id[IDS_LEN + 1];
    ids_format(1757932200000LL, "ABCDEFGHIJKLM", id); /* 2025-09-15T10:30:00Z */
    ck_assert_str_eq(id, "cld_0mfkzfyo0ABCDEFGHIJKLM");
    char prefix[14];
    ids_ts_prefix(0, prefix);
    ck_assert_str_eq(prefix, "cld_000000000");
    ids_ts_prefix(IDS_TS_MAX + 5, prefix);
    ck_assert_str_eq(prefix, "cld_zzzzzzzzz");
}
END_TEST

START_TEST(test_id_monotonic_same_ms)
{
    char prev[IDS_LEN + 1], id[IDS_LEN + 1];
    int64_t ms;
    ids_new(1700000000000LL, prev, &ms);
    for (int i = 0; i < 5000; i++) {
        ids_new(1700000000000LL, id, &ms); /* same millisecond every time */
        ck_assert_msg(strcmp(id, prev) > 0, "%s !> %s", id, prev);
        memcpy(prev, id, sizeof id);
    }
    ids_new(1600000000000LL, id, &ms); /* clock went back: still increasing */
    ck_assert(strcmp(id, prev) > 0);
    ck_assert_int_ge(ms, 1700000000000LL);
}
END_TEST

START_TEST(test_id_parse_rejects)
{
    int64_t ms;
    ck_assert(!ids_parse("cld_0mfl0arxcABCDEFGHIJKL", &ms));   /* short */
    ck_assert(!ids_parse("cbd_0mfl0arxcABCDEFGHIJKLM", &ms));  /* prefix */
    ck_assert(!ids_parse("cld_0mfl0arxCABCDEFGHIJKLM", &ms));  /* upper in base36 */
    ck_assert(!ids_parse("cld_0mfl0arxcABCDEFGHIJK-M", &ms));  /* not base62 */
    ck_assert(!ids_parse(NULL, &ms));
}
END_TEST

START_TEST(test_request_id)
{
    char a[REQ_ID_LEN + 1], b[REQ_ID_LEN + 1];
    ids_request(a);
    ids_request(b);
    ck_assert_uint_eq(strlen(a), 24);
    ck_assert_int_eq(strncmp(a, "req_", 4), 0);
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_base62_round_trip)
{
    const unsigned char samples[][12] = {{0}, {0, 0, 1}, {255, 255, 255}, {1, 2, 3, 4, 5, 6, 7},
                                         {'h', 'e', 'l', 'l', 'o'}};
    const size_t lens[] = {1, 3, 3, 7, 5};
    for (size_t i = 0; i < 5; i++) {
        char text[64];
        unsigned char back[64];
        size_t n = base62_encode(samples[i], lens[i], text, sizeof text);
        ck_assert_uint_gt(n, 0);
        ck_assert_uint_eq(strspn(text, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), n);
        long m = base62_decode(text, n, back, sizeof back);
        ck_assert_int_eq(m, (long)lens[i]);
        ck_assert_mem_eq(back, samples[i], lens[i]);
    }
}
END_TEST

START_TEST(test_base62_known)
{
    char text[16];
    base62_encode((const unsigned char *)"\x01\x00", 2, text, sizeof text); /* 256 = 4*62+8 */
    ck_assert_str_eq(text, "48");
    base62_encode((const unsigned char *)"\x3d", 1, text, sizeof text);
    ck_assert_str_eq(text, "z");
}
END_TEST

START_TEST(test_base62_rejects)
{
    unsigned char out[4];
    ck_assert_int_eq(base62_decode("ab-c", 4, out, sizeof out), -1);
    ck_assert_int_eq(base62_decode("", 0, out, sizeof out), -1);
    ck_assert_int_eq(base62_decode("zzzzzzzzzzzz", 12, out, sizeof out), -1); /* too big */
    char small[3];
    ck_assert_uint_eq(base62_encode((const unsigned char *)"hello", 5, small, sizeof small), 0);
}
END_TEST

START_TEST(test_cursor_round_trip)
{
    enum cursor_dir dir;
    char id[CURSOR_MAX_ID + 1];
    char *c = cursor_encode(CURSOR_BEFORE, "cld_0mfkzfyo0ABCDEFGHIJKLM");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(strncmp(c, "cur_", 4), 0);
    ck_assert_int_eq(cursor_decode(c, &dir, id), 0);
    ck_assert_int_eq(dir, CURSOR_BEFORE);
    ck_assert_str_eq(id, "cld_0mfkzfyo0ABCDEFGHIJKLM");
    free(c);
    c = cursor_encode(CURSOR_AFTER, "x");
    ck_assert_int_eq(cursor_decode(c, &dir, id), 0);
    ck_assert_int_eq(dir, CURSOR_AFTER);
    ck_assert_str_eq(id, "x");
    free(c);
}
END_TEST

/* Encodes arbitrary JSON text as a cursor, to feed the decoder malformed payloads. */
static char *raw_cursor(const char *json)
{
    char *out = malloc(4 + strlen(json) * 2 + 8);
    memcpy(out, "cur_", 4);
    base62_encode((const unsigned char *)json, strlen(json), out + 4, strlen(json) * 2 + 8);
    return out;
}

START_TEST(test_cursor_rejects)
{
    enum cursor_dir dir;
    char id[CURSOR_MAX_ID + 1];
    const char *bad_json[] = {"[\"sideways\",\"x\"]", "[\"after\"]", "[\"after\",1]",
                              "{\"after\":\"x\"}", "[\"after\",\"\"]", "[\"after\",\"a\",\"b\"]",
                              "not json", "[\"after\",\"a\\nb\"]"};
    for (size_t i = 0; i < sizeof bad_json / sizeof bad_json[0]; i++) {
        char *c = raw_cursor(bad_json[i]);
        ck_assert_msg(cursor_decode(c, &dir, id) == -1, "accepted %s", bad_json[i]);
        free(c);
    }
    ck_assert_int_eq(cursor_decode("cur_", &dir, id), -1);
    ck_assert_int_eq(cursor_decode("cur_!!!", &dir, id), -1);
    ck_assert_int_eq(cursor_decode("abc", &dir, id), -1);
    ck_assert_int_eq(cursor_decode("", &dir, id), -1);
    char *longc = calloc(1, 2000);
    memcpy(longc, "cur_", 4);
    memset(longc + 4, 'a', 1500);
    ck_assert_int_eq(cursor_decode(longc, &dir, id), -1);
    free(longc);
}
END_TEST

/* dates_format against gmtime for instants that go back and forth across days (the
 * per-thread day cache must never answer for another day), before 1970 included. */
START_TEST(test_dates_format_vs_gmtime)
{
    const int64_t day = 86400000;
    const int64_t base[] = {0, 1768056300000LL, -1, -day, 951782400000LL, 4102444799999LL,
                            -2208988800000LL};
    const int64_t steps[] = {0, 1, 999, 1000, day - 1, day, -1, -day, 3 * day + 12345, -7 * day};
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        for (size_t j = 0; j < sizeof steps / sizeof steps[0]; j++) {
            int64_t ms = base[i] + steps[j];
            char text[DATES_ISO_LEN + 1], want[64];
            time_t secs = (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
            struct tm tm;
            gmtime_r(&secs, &tm);
            size_t n = strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
            snprintf(want + n, sizeof want - n, ".%03dZ", (int)(ms - (int64_t)secs * 1000));
            dates_format(ms, text);
            ck_assert_str_eq(text, want);
        }
}
END_TEST

START_TEST(test_dates)
{
    char text[DATES_ISO_LEN + 1];
    int64_t ms;
    dates_format(1768056300000LL, text);
    ck_assert_str_eq(text, "2026-01-10T14:45:00.000Z");
    dates_format(0, text);
    ck_assert_str_eq(text, "1970-01-01T00:00:00.000Z");
    ck_assert_int_eq(dates_parse("2026-01-10T14:45:00.000Z", &ms), 0);
    ck_assert_int_eq(ms, 1768056300000LL);
    ck_assert_int_eq(dates_parse("2026-01-10T14:45:00.5Z", &ms), 0);
    ck_assert_int_eq(ms, 1768056300500LL);
    ck_assert_int_eq(dates_parse("2026-01-10T16:45:00+02:00", &ms), 0);
    ck_assert_int_eq(ms, 1768056300000LL);
    ck_assert_int_eq(dates_parse("2026-01-10T16:45:00 02:00", &ms), 0);
    ck_assert_int_eq(ms, 1768056300000LL);
    ck_assert_int_eq(dates_parse("2026-01-10T12:45:00-02:00", &ms), 0);
    ck_assert_int_eq(ms, 1768056300000LL);
    ck_assert_int_eq(dates_parse("2026-01-10", &ms), 0);
    ck_assert_int_eq(ms, 1768003200000LL);
    ck_assert_int_eq(dates_parse("2024-02-29T00:00:00Z", &ms), 0);
    const char *bad[] = {"", "yesterday", "2026-13-01", "2026-02-30", "2023-02-29",
                         "2026-01-10T25:00:00Z", "2026-01-10T14:45:00Q", "2026-01-10 14:45",
                         "2026-1-10", "1768056300000", "2026-01-10T14:45:00.Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(dates_parse(bad[i], &ms) == -1, "accepted %s", bad[i]);
}
END_TEST

static Suite *codec_suite(void)
{
    Suite *s = suite_create("server codec");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_id_format);
    tcase_add_test(tc, test_id_known_prefix);
    tcase_add_test(tc, test_id_monotonic_same_ms);
    tcase_add_test(tc, test_id_parse_rejects);
    tcase_add_test(tc, test_request_id);
    tcase_add_test(tc, test_base62_round_trip);
    tcase_add_test(tc, test_base62_known);
    tcase_add_test(tc, test_base62_rejects);
    tcase_add_test(tc, test_cursor_round_trip);
    tcase_add_test(tc, test_cursor_rejects);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_dates_format_vs_gmtime);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(codec_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
