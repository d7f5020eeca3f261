/* Unit tests: destination JSON round trips, variants, metadata rows, validation, PATCH diff. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "destination.h"

static const char *contract_example =
    "{\"object\": \"callback.destination\", \"id\": \"cld_0mhx3k2a1Qb7RtZp9LwXy2\","
    " \"status\": \"active\", \"name\": \"Primary Webhook Endpoint\","
    " \"description\": \"Primary production webhook receiver\", \"metadata\": {},"
    " \"url\": \"https://api.example.com/webhooks/metorial\", \"method\": \"POST\","
    " \"created_at\": \"2025-09-15T10:30:00.000Z\", \"updated_at\": \"2026-01-10T14:45:00.000Z\"}";

static struct dest *parse(const char *text)
{
    char *err = NULL;
    struct dest *d = dest_from_json_text(text, strlen(text), &err);
    ck_assert_msg(d != NULL, "parse failed: %s", err ? err : "?");
    free(err);
    return d;
}

/* JSON text equality by value (cJSON_Compare, case sensitive). */
static bool json_equal(const char *a, const char *b)
{
    cJSON *x = cJSON_Parse(a), *y = cJSON_Parse(b);
    bool same = x && y && cJSON_Compare(x, y, 1);
    cJSON_Delete(x);
    cJSON_Delete(y);
    return same;
}

/* Pretty JSON: 2-space indents, ": " separators, key order and exact numbers kept, no tabs
 * (cJSON_Print's tabs showed as \t in the TUI's J view). */
START_TEST(test_pretty_json_exact_text)
{
    const char *in = "{\"object\":\"callback.destination\",\"id\":\"cld_1\",\"zeta\":true,"
                     "\"status\":\"active\",\"name\":\"tab\\there\",\"description\":null,"
                     "\"metadata\":{\"price\":1.50,\"big\":12345678901234567890,\"e\":{},"
                     "\"l\":[],\"a\":[1,{\"k\":\"v\"},[]],\"u\":\"\\u00e9\"},\"url\":\"https://e.com/\","
                     "\"method\":\"POST\",\"created_at\":\"2026-01-10T14:45:00.000Z\","
                     "\"updated_at\":\"2026-01-10T14:45:00.000Z\",\"alpha\":-0.0}";
    const char *want = "{\n"
                       "  \"object\": \"callback.destination\",\n"
                       "  \"id\": \"cld_1\",\n"
                       "  \"zeta\": true,\n"
                       "  \"status\": \"active\",\n"
                       "  \"name\": \"tab\\there\",\n"
                       "  \"description\": null,\n"
                       "  \"metadata\": {\n"
                       "    \"price\": 1.50,\n"
                       "    \"big\": 12345678901234567890,\n"
                       "    \"e\": {},\n"
                       "    \"l\": [],\n"
                       "    \"a\": [\n"
                       "      1,\n"
                       "      {\n"
                       "        \"k\": \"v\"\n"
                       "      },\n"
                       "      []\n"
                       "    ],\n"
                       "    \"u\": \"\xc3\xa9\"\n"
                       "  },\n"
                       "  \"url\": \"https://e.com/\",\n"
                       "  \"method\": \"POST\",\n"
                       "  \"created_at\": \"2026-01-10T14:45:00.000Z\",\n"
                       "  \"updated_at\": \"2026-01-10T14:45:00.000Z\",\n"
                       "  \"alpha\": -0.0\n"
                       "}";
    char *err = NULL;
    struct dest *d = dest_from_json_text(in, strlen(in), &err);
    ck_assert_ptr_nonnull(d);
    char *out = dest_to_json_text(d, true);
    ck_assert_str_eq(out, want);
    ck_assert_ptr_null(strchr(out, '\t'));
    free(out);
    dest_free(d);
}
END_TEST

START_TEST(test_url_masked)
{
    static const char *rows[][2] = {
        {"https://user:pw@e.com/a?b=1", "https://user:***@e.com/a?b=1"},
        {"https://user@e.com/a", "https://user@e.com/a"},
        {"https://user:@e.com/", "https://user:@e.com/"},
        {"http://a:b:c@d@e.com:8080/x@y?z=w:v@u#f", "http://a:***@e.com:8080/x@y?z=w:v@u#f"},
        {"https://e.com/p?u=x:y@z", "https://e.com/p?u=x:y@z"},
        {"https://e.com:443/", "https://e.com:443/"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *m = dest_url_masked(rows[i][0]);
        ck_assert_str_eq(m, rows[i][1]);
        free(m);
    }
}
END_TEST

START_TEST(test_contract_example_round_trip)
{
    struct dest *d = parse(contract_example);
    ck_assert_str_eq(d->id, "cld_0mhx3k2a1Qb7RtZp9LwXy2");
    ck_assert_int_eq(d->status, DEST_STATUS_ACTIVE);
    ck_assert_str_eq(d->name, "Primary Webhook Endpoint");
    ck_assert_str_eq(d->description, "Primary production webhook receiver");
    ck_assert_str_eq(d->url, "https://api.example.com/webhooks/metorial");
    ck_assert_str_eq(d->method, "POST");
    ck_assert_str_eq(d->created_at, "2025-09-15T10:30:00.000Z");
    ck_assert_str_eq(d->updated_at, "2026-01-10T14:45:00.000Z");
    ck_assert_uint_eq(dest_meta_count(d), 0);
    char *out = dest_to_json_text(d, false);
    ck_assert(json_equal(out, contract_example));
    struct dest *c = dest_clone(d);
    char *out2 = dest_to_json_text(c, true);
    ck_assert(json_equal(out2, contract_example));
    free(out);
    free(out2);
    dest_free(c);
    dest_free(d);
}
END_TEST

START_TEST(test_variants_nulls_and_unknowns)
{
    const char *t = "{\"__typename\":\"callback.destination\",\"id\":\"cbd_1\",\"status\":\"paused\","
                    "\"name\":\"n\",\"description\":null,\"metadata\":null,\"url\":\"http://x/\","
                    "\"future\":{\"a\":[1,2]}}";
    struct dest *d = parse(t);
    ck_assert_int_eq(d->status, DEST_STATUS_UNKNOWN);
    ck_assert_str_eq(dest_status_name(d), "paused");
    ck_assert_ptr_null(d->description);
    ck_assert_uint_eq(dest_meta_count(d), 0);
    ck_assert_str_eq(d->method, "");
    ck_assert_str_eq(d->created_at, "");
    char *out = dest_to_json_text(d, false);
    ck_assert(json_equal(out, t));
    free(out);
    dest_free(d);
    /* no envelope tag at all, statuses archived/deleted */
    d = parse("{\"id\":\"x\",\"status\":\"archived\"}");
    ck_assert_int_eq(d->status, DEST_STATUS_ARCHIVED);
    ck_assert_str_eq(d->name, "");
    dest_free(d);
    d = parse("{\"id\":\"x\",\"status\":\"deleted\",\"name\":5}");
    ck_assert_int_eq(d->status, DEST_STATUS_DELETED);
    ck_assert_str_eq(d->name, "");
    dest_free(d);
}
END_TEST

START_TEST(test_rejects_non_objects)
{
    char *err = NULL;
    ck_assert_ptr_null(dest_from_json_text("[1]", 3, &err));
    ck_assert_str_eq(err, "expected a destination object");
    free(err);
    ck_assert_ptr_null(dest_from_json_text("{\"name\":\"x\"}", 12, &err));
    ck_assert_str_eq(err, "destination object has no id");
    free(err);
    ck_assert_ptr_null(dest_from_json_text("{\"id\":", 6, &err));
    ck_assert_str_eq(err, "not valid JSON");
    free(err);
}
END_TEST

START_TEST(test_metadata_values_round_trip)
{
    const char *t = "{\"id\":\"x\",\"metadata\":{\"s\":\"v\",\"n\":1.5,\"i\":-42,\"b\":true,"
                    "\"z\":null,\"o\":{\"deep\":[1,\"two\",{\"three\":3}]},\"e\":\"\\u00e9\\n\\\"q\\\"\","
                    "\"emoji\":\"\\ud83d\\ude00\",\"big\":12345678901234567890}}";
    struct dest *d = parse(t);
    char *out = dest_to_json_text(d, false);
    ck_assert(json_equal(out, t));
    free(out);
    struct dest_meta_row *rows;
    size_t n;
    ck_assert_int_eq(dest_meta_rows(d, &rows, &n), 0);
    ck_assert_uint_eq(n, 9);
    ck_assert_str_eq(rows[0].key, "s");
    ck_assert_str_eq(rows[0].value_text, "v");
    ck_assert(rows[0].is_string);
    ck_assert_str_eq(rows[1].value_text, "1.5");
    ck_assert(!rows[1].is_string);
    ck_assert_str_eq(rows[3].value_text, "true");
    ck_assert_str_eq(rows[4].value_text, "null");
    ck_assert_str_eq(rows[5].value_text, "{\"deep\":[1,\"two\",{\"three\":3}]}");
    ck_assert_str_eq(rows[6].value_text, "\xc3\xa9\n\"q\"");
    ck_assert_str_eq(rows[7].value_text, "\xf0\x9f\x98\x80");
    /* unchanged rows keep their values exactly; the diff is empty */
    struct dest *e = dest_clone(d);
    ck_assert_int_eq(dest_meta_set_rows(e, rows, n, NULL), 0);
    char *body = NULL;
    ck_assert_int_eq(dest_patch_body(d, e, &body), 0);
    ck_assert_ptr_null(body);
    dest_meta_rows_free(rows, n);
    dest_free(e);
    dest_free(d);
}
END_TEST

/* A malloc'd row array from (key, text, is_string) triples; free with dest_meta_rows_free. */
static struct dest_meta_row *make_rows(size_t n, const char *const *spec, const bool *is_string)
{
    struct dest_meta_row *r = calloc(n, sizeof *r);
    for (size_t i = 0; i < n; i++) {
        r[i].key = strdup(spec[2 * i]);
        r[i].value_text = strdup(spec[2 * i + 1]);
        r[i].is_string = is_string[i];
    }
    return r;
}

START_TEST(test_numbers_kept_byte_for_byte)
{
    const char *t = "{\"id\":\"x\",\"metadata\":{\"big\":12345678901234567890,\"dec\":1.50,"
                    "\"exp\":1e5,\"neg\":-0.000001234500,\"plain\":42,\"s\":\"-12.0 in a string\","
                    "\"arr\":[1.0,{\"n\":2.50}]},\"extra\":3.0}";
    struct dest *d = parse(t);
    char *out = dest_to_json_text(d, false);
    ck_assert_str_eq(out, t);
    free(out);
    struct dest_meta_row *rows;
    size_t n;
    ck_assert_int_eq(dest_meta_rows(d, &rows, &n), 0);
    ck_assert_str_eq(rows[0].value_text, "12345678901234567890");
    ck_assert_str_eq(rows[1].value_text, "1.50");
    ck_assert_str_eq(rows[4].value_text, "42");
    ck_assert_str_eq(rows[6].value_text, "[1.0,{\"n\":2.50}]");
    /* editing another key keeps these values exactly in the PATCH body */
    struct dest *e = dest_clone(d);
    free(rows[5].value_text);
    rows[5].value_text = strdup("changed");
    ck_assert_int_eq(dest_meta_set_rows(e, rows, n, NULL), 0);
    char *body = NULL;
    ck_assert_int_eq(dest_patch_body(d, e, &body), 1);
    ck_assert_str_eq(body, "{\"metadata\":{\"big\":12345678901234567890,\"dec\":1.50,\"exp\":1e5,"
                           "\"neg\":-0.000001234500,\"plain\":42,\"s\":\"changed\","
                           "\"arr\":[1.0,{\"n\":2.50}]}}");
    free(body);
    dest_meta_rows_free(rows, n);
    dest_free(e);
    dest_free(d);
}
END_TEST

START_TEST(test_metadata_rows_edit_and_errors)
{
    struct dest *d = parse("{\"id\":\"x\",\"metadata\":{\"keep\":[1,2],\"s\":\"old\"}}");
    const char *spec[] = {"keep", "[1,2]", "s", "new", "n", "{\"a\": 1}"};
    const bool str[] = {false, true, false};
    struct dest_meta_row *rows = make_rows(3, spec, str);
    struct dest_field_errors errs = {0};
    ck_assert_int_eq(dest_meta_set_rows(d, rows, 3, &errs), 0);
    char *out = dest_to_json_text(d, false);
    ck_assert(json_equal(out, "{\"id\":\"x\",\"metadata\":{\"keep\":[1,2],\"s\":\"new\",\"n\":{\"a\":1}}}"));
    free(out);
    dest_meta_rows_free(rows, 3);
    const char *bad_spec[] = {"a", "not json", "a", "1", "", "x"};
    const bool bad_str[] = {false, false, true};
    struct dest_meta_row *bad = make_rows(3, bad_spec, bad_str);
    ck_assert_int_eq(dest_meta_set_rows(d, bad, 3, &errs), -1);
    ck_assert_uint_eq(errs.count, 3);
    ck_assert_str_eq(errs.items[0].path, "metadata.a");
    ck_assert_str_eq(errs.items[1].path, "metadata.a");
    ck_assert_str_eq(errs.items[1].message, "duplicate key");
    ck_assert_str_eq(errs.items[2].path, "metadata");
    ck_assert_str_eq(errs.items[2].message, "row 3 has an empty key");
    ck_assert_str_eq(dest_field_errors_find(&errs, "metadata"), errs.items[0].message);
    ck_assert_ptr_null(dest_field_errors_find(&errs, "meta"));
    ck_assert_uint_eq(dest_meta_count(d), 3); /* unchanged on error */
    dest_meta_rows_free(bad, 3);
    dest_field_errors_clear(&errs);
    ck_assert_int_eq(dest_meta_set(d, "t", "7", false, NULL), 0);
    ck_assert_int_eq(dest_meta_unset(d, "keep"), 0);
    ck_assert_int_eq(dest_meta_unset(d, "missing"), 0);
    out = dest_to_json_text(d, false);
    ck_assert(json_equal(out, "{\"id\":\"x\",\"metadata\":{\"s\":\"new\",\"n\":{\"a\":1},\"t\":7}}"));
    free(out);
    dest_free(d);
}
END_TEST

START_TEST(test_huge_metadata)
{
    cJSON *o = cJSON_CreateObject(), *m = cJSON_AddObjectToObject(o, "metadata");
    cJSON_AddStringToObject(o, "id", "x");
    char key[16], *big = malloc(20000);
    memset(big, 'a', 19999);
    big[19999] = '\0';
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "k%d", i);
        cJSON_AddStringToObject(m, key, i == 0 ? big : "v");
    }
    char *text = cJSON_PrintUnformatted(o);
    struct dest *d = parse(text);
    ck_assert_uint_eq(dest_meta_count(d), 100);
    char *out = dest_to_json_text(d, false);
    ck_assert_str_eq(out, text);
    struct dest_field_errors errs = {0};
    ck_assert_int_eq(dest_validate(d, false, &errs), 3); /* name, url, metadata keys */
    ck_assert_str_eq(dest_field_errors_find(&errs, "metadata"), "must have at most 64 keys");
    dest_field_errors_clear(&errs);
    free(out);
    free(text);
    free(big);
    cJSON_Delete(o);
    dest_free(d);
}
END_TEST

static struct dest *valid_dest(void)
{
    struct dest *d = dest_new();
    dest_set_string(&d->name, "n");
    dest_set_string(&d->url, "https://example.com/hook");
    return d;
}

START_TEST(test_validation_limits)
{
    struct dest *d = valid_dest();
    struct dest_field_errors errs = {0};
    ck_assert_int_eq(dest_validate(d, true, &errs), 0);
    char name[300];
    memset(name, 'x', 256);
    name[256] = '\0';
    dest_set_string(&d->name, name);
    ck_assert_int_eq(dest_validate(d, true, &errs), 0);
    /* 256 two-byte characters are still 256 characters */
    char wide[600] = "";
    for (int i = 0; i < 256; i++)
        strcat(wide, "\xc3\xa9");
    dest_set_string(&d->name, wide);
    ck_assert_int_eq(dest_validate(d, true, &errs), 0);
    strcat(name, "y");
    dest_set_string(&d->name, name);
    ck_assert_int_eq(dest_validate(d, true, &errs), 1);
    ck_assert_str_eq(errs.items[0].path, "name");
    ck_assert_str_eq(errs.items[0].message, "must be 1 to 256 characters (has 257)");
    dest_field_errors_clear(&errs);
    dest_set_string(&d->name, "\xff bad");
    dest_set_string(&d->url, "ftp://example.com/");
    char *desc = calloc(1, 4098);
    memset(desc, 'd', 4097);
    dest_set_string(&d->description, desc);
    ck_assert_int_eq(dest_validate(d, true, &errs), 3);
    ck_assert_str_eq(dest_field_errors_find(&errs, "name"), "is not valid UTF-8");
    ck_assert_str_eq(dest_field_errors_find(&errs, "url"),
                     "must be an absolute http:// or https:// URL");
    ck_assert_str_eq(dest_field_errors_find(&errs, "description"),
                     "must be 0 to 4096 characters (has 4097)");
    dest_field_errors_clear(&errs);
    free(desc);
    dest_free(d);
}
END_TEST

START_TEST(test_validation_url_and_required)
{
    struct dest *d = dest_new();
    struct dest_field_errors errs = {0};
    ck_assert_int_eq(dest_validate(d, true, &errs), 2);
    ck_assert_str_eq(dest_field_errors_find(&errs, "name"), "is required");
    ck_assert_str_eq(dest_field_errors_find(&errs, "url"), "is required");
    dest_field_errors_clear(&errs);
    const char *bad[] = {"example.com/x", "/relative", "mailto:a@b.c", "http://"};
    dest_set_string(&d->name, "n");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dest_set_string(&d->url, bad[i]);
        ck_assert_msg(dest_validate(d, true, &errs) == 1, "accepted %s", bad[i]);
        dest_field_errors_clear(&errs);
    }
    char *url = malloc(2100);
    strcpy(url, "https://e.com/");
    memset(url + 14, 'a', 2040);
    url[2054] = '\0';
    dest_set_string(&d->url, url);
    ck_assert_int_eq(dest_validate(d, true, &errs), 1);
    ck_assert_str_eq(errs.items[0].message, "must be at most 2048 bytes");
    dest_field_errors_clear(&errs);
    free(url);
    /* metadata: 64 keys ok, key of 129 chars refused, 16 KiB cap */
    char key[140];
    dest_set_string(&d->url, "HTTP://Example.com");
    for (int i = 0; i < 64; i++) {
        snprintf(key, sizeof key, "k%d", i);
        dest_meta_set(d, key, "v", true, NULL);
    }
    ck_assert_int_eq(dest_validate(d, true, &errs), 0);
    memset(key, 'k', 129);
    key[129] = '\0';
    dest_meta_unset(d, "k0");
    dest_meta_set(d, key, "v", true, NULL);
    ck_assert_int_eq(dest_validate(d, true, &errs), 1);
    ck_assert_str_eq(errs.items[0].message, "keys must be 1 to 128 characters");
    ck_assert(strncmp(errs.items[0].path, "metadata.kkk", 12) == 0);
    dest_field_errors_clear(&errs);
    dest_free(d);
    d = valid_dest();
    char *big = malloc(17000);
    memset(big, 'b', 16400);
    big[16400] = '\0';
    dest_meta_set(d, "big", big, true, NULL);
    ck_assert_int_eq(dest_validate(d, true, &errs), 1);
    ck_assert_str_eq(errs.items[0].message, "must be at most 16 KiB as JSON");
    dest_field_errors_clear(&errs);
    free(big);
    dest_free(d);
}
END_TEST

START_TEST(test_patch_diff)
{
    struct dest *a = parse(contract_example), *b = dest_clone(a);
    char *body = NULL;
    ck_assert_int_eq(dest_patch_body(a, b, &body), 0);
    dest_set_string(&b->name, "New");
    ck_assert_int_eq(dest_patch_body(a, b, &body), 1);
    ck_assert_str_eq(body, "{\"name\":\"New\"}");
    free(body);
    dest_set_string(&b->description, NULL);
    dest_meta_set(b, "env", "prod", true, NULL);
    ck_assert_int_eq(dest_patch_body(a, b, &body), 3);
    ck_assert_str_eq(body, "{\"name\":\"New\",\"description\":\"\",\"metadata\":{\"env\":\"prod\"}}");
    free(body);
    /* null and "" descriptions are equal; metadata order does not matter */
    struct dest *c = parse("{\"id\":\"x\",\"description\":null,\"metadata\":{\"a\":1,\"b\":2}}");
    struct dest *e = parse("{\"id\":\"x\",\"description\":\"\",\"metadata\":{\"b\":2,\"a\":1}}");
    ck_assert_int_eq(dest_patch_body(c, e, &body), 0);
    dest_meta_unset(e, "a");
    ck_assert_int_eq(dest_patch_body(c, e, &body), 1);
    ck_assert_str_eq(body, "{\"metadata\":{\"b\":2}}");
    free(body);
    dest_set_string(&e->url, "https://n.example/");
    ck_assert_int_eq(dest_patch_body(c, e, &body), 2);
    ck_assert_str_eq(body, "{\"url\":\"https://n.example/\",\"metadata\":{\"b\":2}}");
    free(body);
    dest_free(a);
    dest_free(b);
    dest_free(c);
    dest_free(e);
}
END_TEST

START_TEST(test_validate_patch_only_changed)
{
    struct dest *a = parse("{\"id\":\"x\",\"name\":\"n\",\"url\":\"ftp://old/\"}");
    struct dest *b = dest_clone(a);
    struct dest_field_errors errs = {0};
    ck_assert_int_eq(dest_validate_patch(a, b, &errs), 0);
    dest_set_string(&b->name, "");
    ck_assert_int_eq(dest_validate_patch(a, b, &errs), 1);
    ck_assert_str_eq(errs.items[0].path, "name");
    dest_field_errors_clear(&errs);
    dest_set_string(&b->name, "ok");
    dest_set_string(&b->url, "gopher://x/");
    ck_assert_int_eq(dest_validate_patch(a, b, &errs), 1);
    ck_assert_str_eq(errs.items[0].path, "url");
    dest_field_errors_clear(&errs);
    dest_free(a);
    dest_free(b);
}
END_TEST

START_TEST(test_create_body)
{
    struct dest *d = valid_dest();
    char *body = dest_create_body(d);
    ck_assert_str_eq(body, "{\"name\":\"n\",\"url\":\"https://example.com/hook\"}");
    free(body);
    dest_set_string(&d->description, "d\"q");
    dest_meta_set(d, "n", "[1]", false, NULL);
    body = dest_create_body(d);
    ck_assert_str_eq(body, "{\"name\":\"n\",\"url\":\"https://example.com/hook\","
                           "\"description\":\"d\\\"q\",\"metadata\":{\"n\":[1]}}");
    free(body);
    dest_free(d);
}
END_TEST

START_TEST(test_url_equivalence)
{
    ck_assert(dest_url_equivalent("HTTPS://Example.COM:443", "https://example.com/"));
    ck_assert(dest_url_equivalent("http://a.b:80/x?y=1", "http://a.b/x?y=1"));
    ck_assert(!dest_url_equivalent("http://a.b/x", "http://a.b/y"));
    ck_assert(!dest_url_equivalent("http://a.b:8080/", "http://a.b/"));
    ck_assert(!dest_url_equivalent("https://a.b/", "http://a.b/"));
}
END_TEST

START_TEST(test_local_dest_json)
{
    struct dest *d = valid_dest();
    char *out = dest_to_json_text(d, false);
    ck_assert_str_eq(out, "{\"object\":\"callback.destination\",\"name\":\"n\",\"metadata\":{},"
                          "\"url\":\"https://example.com/hook\"}");
    free(out);
    dest_free(d);
}
END_TEST

static Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_contract_example_round_trip);
    tcase_add_test(tc, test_pretty_json_exact_text);
    tcase_add_test(tc, test_url_masked);
    tcase_add_test(tc, test_variants_nulls_and_unknowns);
    tcase_add_test(tc, test_rejects_non_objects);
    tcase_add_test(tc, test_metadata_values_round_trip);
    tcase_add_test(tc, test_numbers_kept_byte_for_byte);
    tcase_add_test(tc, test_metadata_rows_edit_and_errors);
    tcase_add_test(tc, test_huge_metadata);
    tcase_add_test(tc, test_validation_limits);
    tcase_add_test(tc, test_validation_url_and_required);
    tcase_add_test(tc, test_patch_diff);
    tcase_add_test(tc, test_validate_patch_only_changed);
    tcase_add_test(tc, test_create_body);
    tcase_add_test(tc, test_url_equivalence);
    tcase_add_test(tc, test_local_dest_json);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(model_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
