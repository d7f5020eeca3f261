/* Unit tests: body validation, URL normalisation, the JSON guard and UTF-8 checks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/json_guard.h"
#include "json_numbers.h"
#include "server/utf8.h"
#include "server/urlnorm.h"
#include "server/validate.h"

/* Validates body and returns the result; *errors_text gets the printed errors (or NULL). */
static enum validate_result run(const char *body, bool create, struct dest_input *in,
                                char **errors_text)
{
    cJSON *errors = NULL;
    const char *message = NULL;
    enum validate_result v = validate_body(body, strlen(body), create, in, &errors, &message);
    *errors_text = errors ? cJSON_PrintUnformatted(errors) : NULL;
    cJSON_Delete(errors);
    return v;
}

static void expect_error(const char *body, bool create, const char *expected_errors)
{
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run(body, create, &in, &text), VALIDATE_INVALID_DATA);
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, expected_errors);
    free(text);
}

START_TEST(test_create_ok)
{
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run("{\"name\":\"Primary\",\"url\":\"https://API.example.com\","
                         "\"description\":null,\"metadata\":{\"a\":[1,{\"b\":null}]},"
                         "\"method\":\"PUT\",\"status\":\"archived\",\"extra\":1}",
                         true, &in, &text),
                     VALIDATE_OK);
    ck_assert_ptr_null(text);
    ck_assert(in.has_name && in.has_url && in.has_metadata && !in.has_description);
    ck_assert_str_eq(in.name, "Primary");
    ck_assert_str_eq(in.url, "https://api.example.com/");
    ck_assert_str_eq(in.metadata, "{\"a\":[1,{\"b\":null}]}");
    dest_input_free(&in);
}
END_TEST

START_TEST(test_required_fields)
{
    expect_error("{}", true,
                 "[{\"code\":\"invalid_type\",\"message\":\"Required\",\"path\":[\"name\"],"
                 "\"expected\":\"string\",\"received\":\"undefined\"},"
                 "{\"code\":\"invalid_type\",\"message\":\"Required\",\"path\":[\"url\"],"
                 "\"expected\":\"string\",\"received\":\"undefined\"}]");
}
END_TEST

START_TEST(test_wrong_types)
{
    expect_error("{\"name\":5,\"url\":\"https://a.b\"}", true,
                 "[{\"code\":\"invalid_type\",\"message\":\"Expected string, received number\","
                 "\"path\":[\"name\"],\"expected\":\"string\",\"received\":\"number\"}]");
    expect_error("{\"url\":[]}", false,
                 "[{\"code\":\"invalid_type\",\"message\":\"Expected string, received array\","
                 "\"path\":[\"url\"],\"expected\":\"string\",\"received\":\"array\"}]");
    expect_error("{\"metadata\":\"x\"}", false,
                 "[{\"code\":\"invalid_type\",\"message\":\"Expected object, received string\","
                 "\"path\":[\"metadata\"],\"expected\":\"object\",\"received\":\"string\"}]");
    expect_error("{\"description\":null}", false,
                 "[{\"code\":\"invalid_type\",\"message\":\"Expected string, received null\","
                 "\"path\":[\"description\"],\"expected\":\"string\",\"received\":\"null\"}]");
}
END_TEST

START_TEST(test_lengths)
{
    expect_error("{\"name\":\"\"}", false,
                 "[{\"code\":\"too_small\",\"message\":\"Must contain at least 1 character(s)\","
                 "\"path\":[\"name\"],\"min\":1}]");
    char body[5000];
    strcpy(body, "{\"name\":\"");
    for (int i = 0; i < 257; i++)
        strcat(body, "\xc3\xa9"); /* 257 code points, 514 bytes */
    strcat(body, "\"}");
    expect_error(body, false,
                 "[{\"code\":\"too_big\",\"message\":\"Must contain at most 256 character(s)\","
                 "\"path\":[\"name\"],\"max\":256}]");
    strcpy(body, "{\"name\":\"");
    for (int i = 0; i < 256; i++)
        strcat(body, "\xc3\xa9"); /* exactly 256 code points: fine */
    strcat(body, "\"}");
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run(body, false, &in, &text), VALIDATE_OK);
    dest_input_free(&in);
}
END_TEST

START_TEST(test_url_too_long)
{
    char *body = malloc(3000);
    strcpy(body, "{\"url\":\"https://a.com/");
    memset(body + strlen(body), 'x', 2040);
    strcpy(body + 22 + 2040, "\"}");
    expect_error(body, false,
                 "[{\"code\":\"too_big\",\"message\":\"Must contain at most 2048 byte(s)\","
                 "\"path\":[\"url\"],\"max\":2048}]");
    free(body);
}
END_TEST

START_TEST(test_nul_and_utf8)
{
    expect_error("{\"name\":\"a\\u0000b\"}", false,
                 "[{\"code\":\"invalid_string\",\"message\":\"Must not contain NUL characters\","
                 "\"path\":[\"name\"]}]");
    expect_error("{\"name\":\"a\xff\"}", false,
                 "[{\"code\":\"invalid_string\",\"message\":\"Must be valid UTF-8\","
                 "\"path\":[\"name\"]}]");
    expect_error("{\"metadata\":{\"k\":[\"x\\u0000\"]}}", false,
                 "[{\"code\":\"invalid_string\",\"message\":\"Must not contain NUL characters\","
                 "\"path\":[\"metadata\",\"k\"]}]");
    /* an escaped backslash before u0000 is not a NUL escape */
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run("{\"name\":\"a\\\\u0000\"}", false, &in, &text), VALIDATE_OK);
    ck_assert_str_eq(in.name, "a\\u0000");
    dest_input_free(&in);
}
END_TEST

START_TEST(test_metadata_limits)
{
    char body[20000];
    strcpy(body, "{\"metadata\":{");
    for (int i = 0; i < 65; i++)
        sprintf(body + strlen(body), "%s\"k%d\":%d", i ? "," : "", i, i);
    strcat(body, "}}");
    expect_error(body, false,
                 "[{\"code\":\"too_big\",\"message\":\"Must contain at most 64 key(s)\","
                 "\"path\":[\"metadata\"],\"max\":64}]");
    strcpy(body, "{\"metadata\":{\"big\":\"");
    memset(body + strlen(body), 'x', 16400);
    strcpy(body + 20 + 16400, "\"}}");
    expect_error(body, false,
                 "[{\"code\":\"too_big\",\"message\":\"Must contain at most 16384 byte(s)\","
                 "\"path\":[\"metadata\"],\"max\":16384}]");
    expect_error("{\"metadata\":{\"\":1}}", false,
                 "[{\"code\":\"too_small\",\"message\":\"Must contain at least 1 character(s)\","
                 "\"path\":[\"metadata\",\"\"],\"min\":1}]");
}
END_TEST

START_TEST(test_metadata_null_and_duplicates)
{
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run("{\"metadata\":null}", false, &in, &text), VALIDATE_OK);
    ck_assert_str_eq(in.metadata, "{}");
    dest_input_free(&in);
    ck_assert_int_eq(run("{\"metadata\":{\"a\":1,\"b\":2,\"a\":3}}", false, &in, &text),
                     VALIDATE_OK);
    ck_assert_str_eq(in.metadata, "{\"b\":2,\"a\":3}");
    dest_input_free(&in);
}
END_TEST

START_TEST(test_bad_requests)
{
    const char *bodies[] = {"", "nope", "[1,2]", "\"str\"", "12", "{\"name\":", "{} x",
                            "{\"a\":\"raw\ttab\"}"};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        struct dest_input in;
        char *text;
        ck_assert_msg(run(bodies[i], true, &in, &text) == VALIDATE_BAD_REQUEST, "%s", bodies[i]);
    }
    char deep[200] = "{\"metadata\":";
    for (int i = 0; i < 64; i++)
        strcat(deep, "[");
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run(deep, false, &in, &text), VALIDATE_BAD_REQUEST);
}
END_TEST

START_TEST(test_bad_url)
{
    const char *urls[] = {"ftp://a.com/", "/relative", "example.com", "", "https://",
                          "http://a b.com/", "javascript:alert(1)", "mailto:a@b.c"};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        char body[200];
        struct dest_input in;
        char *text;
        snprintf(body, sizeof body, "{\"name\":\"n\",\"url\":\"%s\"}", urls[i]);
        ck_assert_msg(run(body, true, &in, &text) == VALIDATE_BAD_URL, "%s", urls[i]);
    }
}
END_TEST

START_TEST(test_url_normalise)
{
    const char *cases[][2] = {
        {"HTTPS://API.Example.COM", "https://api.example.com/"},
        {"https://api.example.com:443/x", "https://api.example.com/x"},
        {"http://api.example.com:80/x?q=1#f", "http://api.example.com/x?q=1#f"},
        {"http://Example.com:8080/Path", "http://example.com:8080/Path"},
        {"https://example.com:80/", "https://example.com:80/"},
        {"http://127.0.0.1:9000/hook", "http://127.0.0.1:9000/hook"},
        {"HTTP://EXAMPLE.com:80", "http://example.com/"},
        {"https://a.com:443/x", "https://a.com/x"},
        {"https://a.com/%7Euser/%e2%82%ac?q=%2F", "https://a.com/%7Euser/%e2%82%ac?q=%2F"},
        {"https://a.com/a b/c?q=a b#f g", "https://a.com/a%20b/c?q=a%20b#f%20g"},
        {"https://a.com/\"<>`{}?\"<>'`#\"<>`{",
         "https://a.com/%22%3C%3E%60%7B%7D?%22%3C%3E%27`#%22%3C%3E%60{"},
        {"https://a.com/x#frag/ment?y", "https://a.com/x#frag/ment?y"},
        {"https://User:Pa55@Example.com:8443/p", "https://User:Pa55@example.com:8443/p"},
        {"https://user@a.com/", "https://user@a.com/"},
        {"http://[::1]:8080/x", "http://[::1]:8080/x"},
        {"http://[2001:DB8:0:0:0:0:0:1]/", "http://[2001:db8::1]/"},
        {"https://[::FFFF:7F00:1]:443/", "https://[::ffff:127.0.0.1]/"},
        {"https://a.com/a\\b", "https://a.com/a/b"},
        {"https://a.com/a/./b/../c", "https://a.com/a/c"},
        {"https://ex%41mple.com/a%2fb", "https://example.com/a%2fb"},
        {"http://a.com:0080/?q=%20&r=a+b", "http://a.com/?q=%20&r=a+b"},
        {"https://a.com/#a#b", "https://a.com/#a#b"},
        {"https://0x7f000001/", "https://127.0.0.1/"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = validate_url_normalise(cases[i][0]);
        ck_assert_ptr_nonnull(out);
        ck_assert_str_eq(out, cases[i][1]);
        free(out);
    }
}
END_TEST

START_TEST(test_url_idn)
{
    const char *cases[][2] = {
        {"https://\xc3\xbcnicode.com/\xc3\xa4", "https://xn--nicode-2ya.com/%C3%A4"},
        {"https://\xc3\x9cNICODE.com/", "https://xn--nicode-2ya.com/"},
        {"https://fa\xc3\x9f.de/", "https://xn--fa-hia.de/"},
        {"https://XN--NICODE-2YA.com/", "https://xn--nicode-2ya.com/"},
        {"https://a.com/\xc3\xa4?\xc3\xa4=\xc3\xb6#\xc3\xbc",
         "https://a.com/%C3%A4?%C3%A4=%C3%B6#%C3%BC"},
    };
    ck_assert(urlnorm_idn_available()); /* libcurl 7.88 with libidn2, C.UTF-8 present */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = validate_url_normalise(cases[i][0]);
        ck_assert_msg(out != NULL, "%s", cases[i][0]);
        ck_assert_str_eq(out, cases[i][1]);
        free(out);
    }
}
END_TEST

START_TEST(test_url_rejected)
{
    const char *urls[] = {"https://a.com/x\ny", "https://a.com/\t", "https://a.com/\x7f",
                          "https://a.com/\r", "\x01https://a.com/", "https://[fe80::1%25eth0]/",
                          "https://[1:2:3]/", " https://a.com/", "https://a.com/ ",
                          "https://xn--a-ecp.ru\xe2\x80\x8b./"};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        char *out = validate_url_normalise(urls[i]);
        ck_assert_msg(out == NULL, "%zu: %s", i, out ? out : "");
    }
}
END_TEST

START_TEST(test_metadata_numbers_exact)
{
    struct dest_input in;
    char *text;
    ck_assert_int_eq(run("{\"name\":\"n\",\"url\":\"https://a.b\",\"metadata\":"
                         "{\"n\": 12345678901234567890, \"f\": 1.10, \"e\": [1E+03, -0, 2]}}",
                         true, &in, &text), VALIDATE_OK);
    ck_assert_str_eq(in.metadata, "{\"n\":12345678901234567890,\"f\":1.10,\"e\":[1E+03,-0,2]}");
    dest_input_free(&in);
    expect_error("{\"name\":12345678901234567890}", false,
                 "[{\"code\":\"invalid_type\",\"message\":\"Expected string, received number\","
                 "\"path\":[\"name\"],\"expected\":\"string\",\"received\":\"number\"}]");
    const char *good[] = {"0", "-0", "1.5", "1e5", "1E-5", "-12.50e+10"};
    const char *bad[] = {"01", "1.", ".5", "1.e5", "-", "1e", "1e+", "+1", "--1"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(json_numbers_valid(good[i], strlen(good[i])), "%s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!json_numbers_valid(bad[i], strlen(bad[i])), "%s", bad[i]);
}
END_TEST

START_TEST(test_utf8_check)
{
    size_t n;
    ck_assert_int_eq(utf8_check("h\xc3\xa9\xe6\x9d\xb1\xf0\x9f\x9a\x80", &n), UTF8_OK);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(utf8_check("\xc0\xaf", NULL), UTF8_INVALID);   /* overlong */
    ck_assert_int_eq(utf8_check("\xed\xa0\x80", NULL), UTF8_INVALID); /* surrogate */
    ck_assert_int_eq(utf8_check("\xf4\x90\x80\x80", NULL), UTF8_INVALID);
    ck_assert_int_eq(utf8_check("\xe6\x9d", NULL), UTF8_INVALID);
    ck_assert_int_eq(utf8_check("a\xc0\x80", NULL), UTF8_NUL);
}
END_TEST

START_TEST(test_json_guard)
{
    char *out;
    ck_assert_int_eq(json_guard("{\"a\":\"x\\u0000\"}", 15, &out), JSON_GUARD_OK);
    ck_assert_str_eq(out, "{\"a\":\"x\xc0\x80\"}");
    free(out);
    ck_assert_int_eq(json_guard("{\"a\":\"[[[[\"}", 12, &out), JSON_GUARD_OK); /* in strings */
    free(out);
    ck_assert_int_eq(json_guard("{\"a\0\":1}", 8, &out), JSON_GUARD_BAD);
    char deep[70];
    memset(deep, '[', 65);
    ck_assert_int_eq(json_guard(deep, 65, &out), JSON_GUARD_TOO_DEEP);
    ck_assert_int_eq(json_guard(deep, 64, &out), JSON_GUARD_OK);
    free(out);
}
END_TEST

static Suite *validate_suite(void)
{
    Suite *s = suite_create("server validate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_create_ok);
    tcase_add_test(tc, test_required_fields);
    tcase_add_test(tc, test_wrong_types);
    tcase_add_test(tc, test_lengths);
    tcase_add_test(tc, test_url_too_long);
    tcase_add_test(tc, test_nul_and_utf8);
    tcase_add_test(tc, test_metadata_limits);
    tcase_add_test(tc, test_metadata_null_and_duplicates);
    tcase_add_test(tc, test_bad_requests);
    tcase_add_test(tc, test_bad_url);
    tcase_add_test(tc, test_url_normalise);
    tcase_add_test(tc, test_url_idn);
    tcase_add_test(tc, test_metadata_numbers_exact);
    tcase_add_test(tc, test_url_rejected);
    tcase_add_test(tc, test_utf8_check);
    tcase_add_test(tc, test_json_guard);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(validate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
