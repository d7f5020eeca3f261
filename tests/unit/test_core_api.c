/* Unit tests: query and URL building, error and page decoding, summaries, retry decisions. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

START_TEST(test_list_query)
{
    struct api_list_params p = {0};
    char *q = api_list_query(&p);
    ck_assert_str_eq(q, "");
    free(q);
    p.limit = 50;
    p.order = API_ORDER_DESC;
    p.after = "cld_a b&c";
    p.before = "cld_z";
    p.created_after = "2026-01-10T14:45:00.000Z";
    p.created_before = "2026-01-11T00:00:00.000Z";
    p.updated_after = "2026-01-01T00:00:00+01:00";
    p.updated_before = "";
    q = api_list_query(&p);
    ck_assert_str_eq(q, "?limit=50&order=desc&after=cld_a%20b%26c&before=cld_z"
                        "&created_at%5Bgt%5D=2026-01-10T14%3A45%3A00.000Z"
                        "&created_at%5Blt%5D=2026-01-11T00%3A00%3A00.000Z"
                        "&updated_at%5Bgt%5D=2026-01-01T00%3A00%3A00%2B01%3A00");
    free(q);
    struct api_list_params asc = {.order = API_ORDER_ASC};
    q = api_list_query(&asc);
    ck_assert_str_eq(q, "?order=asc");
    free(q);
}
END_TEST

START_TEST(test_build_url)
{
    char *u = api_build_url("https://api.metorial.com", NULL, NULL);
    ck_assert_str_eq(u, "https://api.metorial.com/callback-destinations");
    free(u);
    u = api_build_url("http://127.0.0.1:8080//", "cld_1/../x", "?limit=1");
    ck_assert_str_eq(u, "http://127.0.0.1:8080/callback-destinations/cld_1%2F..%2Fx?limit=1");
    free(u);
    u = api_build_url("http://h/base/", "id", NULL);
    ck_assert_str_eq(u, "http://h/base/callback-destinations/id");
    free(u);
}
END_TEST

START_TEST(test_error_json)
{
    const char *body =
        "{\"object\":\"error\",\"ok\":false,\"status\":400,\"code\":\"invalid_data\","
        "\"message\":\"The provided data is invalid.\",\"hint\":\"Follow the spec.\","
        "\"entity\":\"body\",\"errors\":[{\"code\":\"invalid_type\",\"message\":\"Expected string\","
        "\"path\":[\"url\"]},{\"code\":\"too_big\",\"path\":[\"metadata\",\"env\"]},"
        "{\"message\":\"bad\",\"path\":[\"items\",3]}]}";
    struct api_error *e = api_error_from_response(400, body, strlen(body), "req_1");
    ck_assert_int_eq(e->kind, API_ERR_HTTP);
    ck_assert_int_eq(e->status, 400);
    ck_assert_str_eq(e->code, "invalid_data");
    ck_assert_str_eq(e->message, "The provided data is invalid.");
    ck_assert_str_eq(e->hint, "Follow the spec.");
    ck_assert_str_eq(e->req_id, "req_1");
    ck_assert_ptr_null(e->excerpt);
    ck_assert_uint_eq(e->fields.count, 3);
    ck_assert_str_eq(e->fields.items[0].path, "url");
    ck_assert_str_eq(e->fields.items[0].message, "Expected string");
    ck_assert_str_eq(e->fields.items[1].path, "metadata.env");
    ck_assert_str_eq(e->fields.items[1].message, "too_big");
    ck_assert_str_eq(e->fields.items[2].path, "items.3");
    char *s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 400 invalid_data: The provided data is invalid. (request req_1)");
    free(s);
    ck_assert_int_eq(api_error_exit_code(e), 1);
    struct api_error *c = api_error_clone(e);
    ck_assert_str_eq(c->fields.items[1].path, "metadata.env");
    api_error_free(c);
    api_error_free(e);
}
END_TEST

START_TEST(test_error_typename_and_hostile)
{
    const char *body = "{\"__typename\":\"error\",\"code\":\"not_found\",\"message\":\"No \\u001b[2Jsuch\"}";
    struct api_error *e = api_error_from_response(404, body, strlen(body), NULL);
    ck_assert_str_eq(e->code, "not_found");
    char *s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 404 not_found: No such");
    free(s);
    api_error_free(e);
}
END_TEST

START_TEST(test_error_html_and_empty)
{
    const char *html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>\x1b]0;x\x07"
                       "<center><h1>502 Bad Gateway</h1></center></body></html>";
    struct api_error *e = api_error_from_response(502, html, strlen(html), "req_9");
    ck_assert_ptr_null(e->code);
    ck_assert_str_eq(e->message, "Bad Gateway");
    ck_assert_str_eq(e->excerpt, "502 Bad Gateway 502 Bad Gateway");
    char *s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 502: Bad Gateway: 502 Bad Gateway 502 Bad Gateway (request req_9)");
    free(s);
    api_error_free(e);
    e = api_error_from_response(407, "", 0, NULL);
    s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 407: Proxy Authentication Required: (empty body)");
    free(s);
    api_error_free(e);
    e = api_error_from_response(503, "", 0, NULL);
    ck_assert_str_eq(e->excerpt, "(empty body)");
    s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 503: Service Unavailable: (empty body)");
    free(s);
    api_error_free(e);
    e = api_error_from_response(200, "nope", 4, NULL);
    ck_assert_int_eq(e->kind, API_ERR_RESPONSE);
    s = api_error_summary(e);
    ck_assert_str_eq(s, "bad response (HTTP 200): unexpected response body: nope");
    free(s);
    api_error_free(e);
    char big[1000];
    memset(big, 'z', sizeof big);
    e = api_error_from_response(500, big, sizeof big, NULL);
    ck_assert_uint_eq(strlen(e->excerpt), 163);
    ck_assert(strcmp(e->excerpt + 160, "...") == 0);
    api_error_free(e);
}
END_TEST

/* Escape sequences are dropped whole (no "[2J" fragments), tags are word breaks, other
 * controls are spaces, bidi controls and invalid bytes are '?'. */
START_TEST(test_error_excerpt_drops_escape_sequences)
{
    const char *html = "<html><body><h1>502 Bad Gateway</h1>\x1b[2J\x1b[1;31m<hr>nginx\x1b]0;t\x1b\\"
                       "\x07<p>a\x1b(Bb\xe2\x80\xae\xff</p></body></html>\x1b[";
    struct api_error *e = api_error_from_response(502, html, strlen(html), "req_\x1b[2J9");
    ck_assert_str_eq(e->excerpt, "502 Bad Gateway nginx a b????");
    char *s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 502: Bad Gateway: 502 Bad Gateway nginx a b???? (request req_ 9)");
    free(s);
    api_error_free(e);
    const char *json = "{\"object\":\"error\",\"code\":\"x\\u001b[31my\","
                       "\"message\":\"bad\\u001b]8;;http://e\\u0007link\\u001b]8;;\\u0007 thing\"}";
    e = api_error_from_response(400, json, strlen(json), NULL);
    s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 400 x y: bad link thing");
    free(s);
    api_error_free(e);
    /* 8-bit C1 forms (CSI U+009B, OSC U+009D ... ST U+009C) are whole sequences too */
    const char *c1 = "Bad\xc2\x9b" "2Jgate \xc2\x9d" "0;title\xc2\x9c" "way";
    e = api_error_from_response(502, c1, strlen(c1), NULL);
    ck_assert_str_eq(e->excerpt, "Bad gate way");
    api_error_free(e);
}
END_TEST

START_TEST(test_network_summary_and_exit)
{
    struct api_error *e = api_error_new(API_ERR_NETWORK, "tls", "certificate rejected; CA file: /x");
    char *s = api_error_summary(e);
    ck_assert_str_eq(s, "network error (tls): certificate rejected; CA file: /x");
    free(s);
    ck_assert_int_eq(api_error_exit_code(e), 3);
    api_error_free(e);
    e = api_error_from_response(504, "", 0, NULL);
    e->outcome_unknown = true;
    ck_assert_int_eq(api_error_exit_code(e), 3);
    s = api_error_summary(e);
    ck_assert_str_eq(s, "HTTP 504: Gateway Timeout: (empty body); the request may or may not have "
                        "been applied");
    free(s);
    api_error_free(e);
}
END_TEST

START_TEST(test_decode_page)
{
    const char *body = "{\"object\":\"list\",\"items\":[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\"}],"
                       "\"pagination\":{\"has_more_before\":true,\"has_more_after\":false}}";
    struct api_page p;
    struct api_error *e = NULL;
    ck_assert_int_eq(api_decode_page(body, strlen(body), &p, &e), 0);
    ck_assert_uint_eq(p.count, 2);
    ck_assert_str_eq(p.items[0]->name, "A");
    ck_assert_str_eq(p.items[1]->id, "b");
    ck_assert(p.has_more_before);
    ck_assert(!p.has_more_after);
    api_page_clear(&p);
    const char *old = "{\"__typename\":\"list\",\"items\":[]}";
    ck_assert_int_eq(api_decode_page(old, strlen(old), &p, &e), 0);
    ck_assert_uint_eq(p.count, 0);
    ck_assert(!p.has_more_after);
    const char *bad = "{\"items\":[{\"id\":\"a\"},{\"name\":\"no id\"}]}";
    ck_assert_int_eq(api_decode_page(bad, strlen(bad), &p, &e), -1);
    ck_assert_str_eq(e->message, "list item 2: destination object has no id");
    ck_assert_uint_eq(p.count, 0);
    api_error_free(e);
    ck_assert_int_eq(api_decode_page("{}", 2, &p, &e), -1);
    ck_assert_str_eq(e->message, "the list response has no items array");
    api_error_free(e);
    ck_assert_int_eq(api_decode_page("", 0, &p, &e), -1);
    ck_assert_str_eq(e->excerpt, "(empty body)");
    api_error_free(e);
}
END_TEST

START_TEST(test_decode_dest)
{
    struct api_error *e = NULL;
    struct dest *d = api_decode_dest("{\"id\":\"x\"}", 10, &e);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_null(e);
    dest_free(d);
    ck_assert_ptr_null(api_decode_dest("[]", 2, &e));
    ck_assert_int_eq(e->kind, API_ERR_RESPONSE);
    ck_assert_str_eq(e->message, "expected a destination object");
    api_error_free(e);
}
END_TEST

START_TEST(test_ratelimit)
{
    struct api_ratelimit rl = {0};
    api_ratelimit_parse(&rl, NULL, NULL, NULL);
    ck_assert(!rl.known);
    api_ratelimit_parse(&rl, "1000", " 998 ", "1767000000");
    ck_assert(rl.known);
    ck_assert_int_eq(rl.limit, 1000);
    ck_assert_int_eq(rl.remaining, 998);
    ck_assert_int_eq(rl.reset_epoch_s, 1767000000);
    api_ratelimit_parse(&rl, "x", NULL, "soon");
    ck_assert_int_eq(rl.limit, 1000);
}
END_TEST

START_TEST(test_retryable)
{
    ck_assert(api_retryable(API_GET, 429, NULL, true));
    ck_assert(api_retryable(API_CREATE, 429, NULL, true));
    ck_assert(api_retryable(API_LIST, 502, NULL, true));
    ck_assert(api_retryable(API_UPDATE, 503, NULL, true));
    ck_assert(api_retryable(API_ARCHIVE, 504, NULL, true));
    ck_assert(!api_retryable(API_CREATE, 502, NULL, true));
    ck_assert(!api_retryable(API_GET, 500, NULL, true));
    ck_assert(!api_retryable(API_GET, 400, NULL, true));
    ck_assert(!api_retryable(API_GET, 404, NULL, true));
    ck_assert(api_retryable(API_GET, 0, "dropped", true));
    ck_assert(api_retryable(API_UPDATE, 0, "timeout", true));
    ck_assert(!api_retryable(API_CREATE, 0, "dropped", true));
    ck_assert(!api_retryable(API_CREATE, 0, "timeout", true));
    ck_assert(api_retryable(API_CREATE, 0, "connect", false));
    ck_assert(!api_retryable(API_GET, 0, "tls", true));
    ck_assert(!api_retryable(API_GET, 0, "too_large", true));
}
END_TEST

/* The whole decision table for transport failures: only connect/dropped/timeout are
 * transient; nothing else retries, whether or not the request went out. */
START_TEST(test_retryable_net_table)
{
    static const struct {
        const char *net;
        bool sent;
        bool get, create;
    } rows[] = {
        {"connect", false, true, true},   {"connect", true, true, false},
        {"dropped", false, true, true},   {"dropped", true, true, false},
        {"timeout", false, true, true},   {"timeout", true, true, false},
        {"dns", false, false, false},     {"dns", true, false, false},
        {"tls", false, false, false},     {"tls", true, false, false},
        {"proxy", false, false, false},   {"proxy", true, false, false},
        {"network", false, false, false}, {"network", true, false, false},
        {"too_large", true, false, false},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        enum api_kind reads[] = {API_LIST, API_GET, API_UPDATE, API_ARCHIVE};
        for (size_t k = 0; k < 4; k++)
            ck_assert_msg(api_retryable(reads[k], 0, rows[i].net, rows[i].sent) == rows[i].get,
                          "%s sent=%d kind=%zu", rows[i].net, rows[i].sent, k);
        ck_assert_msg(api_retryable(API_CREATE, 0, rows[i].net, rows[i].sent) == rows[i].create,
                      "create %s sent=%d", rows[i].net, rows[i].sent);
    }
    ck_assert(!api_retryable(API_GET, 0, NULL, false));
    ck_assert(!api_retryable(API_GET, 500, "connect", false));
}
END_TEST

START_TEST(test_backoff)
{
    struct api_retry_policy p;
    api_retry_policy_default(&p);
    ck_assert_int_eq(p.max_attempts, 4);
    /* exponential steps, jitter between half and all of the step */
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, NULL, NULL, 0, 0.0), 250);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, NULL, NULL, 0, 0.999999), 499);
    ck_assert_int_eq(api_retry_delay_ms(&p, 2, NULL, NULL, 0, 0.0), 500);
    ck_assert_int_eq(api_retry_delay_ms(&p, 3, NULL, NULL, 0, 0.5), 1500);
    ck_assert_int_eq(api_retry_delay_ms(&p, 4, NULL, NULL, 0, 0.5), -1);
    ck_assert_int_eq(api_retry_delay_ms(&p, 0, NULL, NULL, 0, 0.5), -1);
    /* Retry-After seconds and HTTP dates raise the wait; absurd values are capped */
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, "3", NULL, 0, 0.0), 3000);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, "999999", NULL, 0, 0.0), 60000);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, "-5", NULL, 0, 0.0), 250);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, "soon", NULL, 0, 0.0), 250);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, "Wed, 21 Oct 2015 07:28:10 GMT", NULL,
                                        1445412480, 0.0), 10000);
    /* RateLimit-Reset: epoch seconds or a delta */
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, NULL, "1767000007", 1767000000, 0.0), 7000);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, NULL, "1767000000", 1767000100, 0.0), 250);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, NULL, "2", 1767000000, 0.0), 2000);
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, NULL, "99999999999", 1767000000, 0.0), 60000);
    /* a small cap wins over everything */
    p.max_wait_ms = 400;
    ck_assert_int_eq(api_retry_delay_ms(&p, 1, "999999", "99999999999", 0, 0.0), 400);
    ck_assert_int_eq(api_retry_delay_ms(&p, 3, NULL, NULL, 0, 0.999), 399);
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_list_query);
    tcase_add_test(tc, test_build_url);
    tcase_add_test(tc, test_error_json);
    tcase_add_test(tc, test_error_typename_and_hostile);
    tcase_add_test(tc, test_error_html_and_empty);
    tcase_add_test(tc, test_error_excerpt_drops_escape_sequences);
    tcase_add_test(tc, test_network_summary_and_exit);
    tcase_add_test(tc, test_decode_page);
    tcase_add_test(tc, test_decode_dest);
    tcase_add_test(tc, test_ratelimit);
    tcase_add_test(tc, test_retryable);
    tcase_add_test(tc, test_retryable_net_table);
    tcase_add_test(tc, test_backoff);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(api_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
