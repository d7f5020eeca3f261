/* Unit tests: JSON presenting of destinations, lists and errors; the error table. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "server/present.h"

static char *print(cJSON *obj)
{
    char *text = cJSON_PrintUnformatted(obj);
    cJSON_Delete(obj);
    return text;
}

static struct dest_row sample_row(void)
{
    struct dest_row row = {0};
    strcpy(row.id, "cld_0mfkzfyo0ABCDEFGHIJKLM");
    strcpy(row.status, "active");
    strcpy(row.method, "POST");
    row.name = (char *)"Primary Webhook Endpoint";
    row.description = (char *)"Primary production webhook receiver";
    row.metadata = (char *)"{\"a\":[1,true,null],\"é\":{\"b\":\"x\"}}";
    row.url = (char *)"https://api.example.com/webhooks/metorial";
    row.created_at = 1757932200000LL;
    row.updated_at = 1768056300000LL;
    return row;
}

START_TEST(test_present_dest)
{
    struct dest_row row = sample_row();
    char *text = present_dest_text(&row);
    ck_assert_str_eq(text,
                     "{\"object\":\"callback.destination\",\"id\":\"cld_0mfkzfyo0ABCDEFGHIJKLM\","
                     "\"status\":\"active\",\"name\":\"Primary Webhook Endpoint\","
                     "\"description\":\"Primary production webhook receiver\","
                     "\"metadata\":{\"a\":[1,true,null],\"é\":{\"b\":\"x\"}},"
                     "\"url\":\"https://api.example.com/webhooks/metorial\",\"method\":\"POST\","
                     "\"created_at\":\"2025-09-15T10:30:00.000Z\","
                     "\"updated_at\":\"2026-01-10T14:45:00.000Z\"}");
    free(text);
}
END_TEST

START_TEST(test_present_null_description)
{
    struct dest_row row = sample_row();
    row.description = NULL;
    row.metadata = (char *)"{}";
    char *text = present_dest_text(&row);
    ck_assert_ptr_nonnull(strstr(text, "\"description\":null,\"metadata\":{},"));
    free(text);
}
END_TEST

START_TEST(test_present_list)
{
    struct dest_row rows[2] = {sample_row(), sample_row()};
    struct dest_page page = {rows, 2, true, false, NULL};
    char *text = present_list_text(&page);
    const char *head = "{\"object\":\"list\",\"items\":[{\"object\":";
    ck_assert_int_eq(strncmp(text, head, strlen(head)), 0);
    ck_assert_ptr_nonnull(strstr(text, "}],\"pagination\":{\"has_more_before\":true,"
                                       "\"has_more_after\":false}}"));
    cJSON *parsed = cJSON_Parse(text);
    ck_assert_ptr_nonnull(parsed);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(parsed, "items")), 2);
    cJSON_Delete(parsed);
    free(text);
    struct dest_page empty = {NULL, 0, false, false, NULL};
    text = present_list_text(&empty);
    ck_assert_str_eq(text, "{\"object\":\"list\",\"items\":[],\"pagination\":"
                           "{\"has_more_before\":false,\"has_more_after\":false}}");
    free(text);
}
END_TEST

START_TEST(test_present_escapes_like_cjson)
{
    const char *samples[] = {"plain", "quote\" back\\ slash", "tab\tnl\ncr\rbs\bff\f",
                             "ctl\x01\x1f\x0b end", "caf\xc3\xa9 \xe6\x9d\xb1 \xf0\x9f\x9a\x80",
                             "</script>", ""};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        struct dest_row row = sample_row();
        row.name = (char *)samples[i];
        char *text = present_dest_text(&row);
        cJSON *parsed = cJSON_Parse(text);
        ck_assert_ptr_nonnull(parsed);
        ck_assert_str_eq(cJSON_GetObjectItem(parsed, "name")->valuestring, samples[i]);
        char *printed = cJSON_PrintUnformatted(parsed); /* same bytes as cJSON would write */
        ck_assert_str_eq(printed, text);
        free(printed);
        cJSON_Delete(parsed);
        free(text);
    }
}
END_TEST

/* A page's text fields live in shared blocks: strings spanning several blocks, one larger than
 * a block, keep their bytes; dest_page_free releases them (ASan checks the leak side). */
START_TEST(test_page_strings)
{
    struct dest_page page = {calloc(1, sizeof(struct dest_row)), 1, false, false, NULL};
    char *big = malloc(40000), *copies[8];
    memset(big, 'x', 40000);
    size_t sizes[8] = {0, 1, 9000, 9000, 39999, 5, 16383, 7};
    for (int i = 0; i < 8; i++) {
        copies[i] = dest_page_strndup(&page, big, sizes[i]);
        ck_assert_ptr_nonnull(copies[i]);
    }
    for (int i = 0; i < 8; i++) {
        ck_assert_uint_eq(strlen(copies[i]), sizes[i]);
        ck_assert_int_eq(memcmp(copies[i], big, sizes[i]), 0);
    }
    page.items[0].name = copies[2]; /* not freed one by one: the blocks own it */
    dest_page_free(&page);
    ck_assert_ptr_null(page.strings);
    ck_assert_ptr_null(page.items);
    free(big);
}
END_TEST

/* Escaping works on 8-byte words: each special byte at each offset of strings up to 19 bytes
 * gives cJSON's exact bytes (word edges, a special in the last partial word, runs). */
START_TEST(test_present_escapes_every_offset)
{
    const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f', ' ', (char)0xc3};
    for (size_t k = 0; k < sizeof specials; k++)
        for (size_t len = 1; len < 20; len++)
            for (size_t at = 0; at < len; at++) {
                char name[24];
                memset(name, 'a', len);
                name[len] = '\0';
                name[at] = specials[k];
                if (specials[k] == (char)0xc3) /* keep it UTF-8: c3 a9 (or c3 alone at the end) */
                    name[at + 1 < len ? at + 1 : at] = at + 1 < len ? (char)0xa9 : 'b';
                struct dest_row row = sample_row();
                row.name = name;
                char *text = present_dest_text(&row);
                cJSON *parsed = cJSON_Parse(text);
                ck_assert_ptr_nonnull(parsed);
                ck_assert_str_eq(cJSON_GetObjectItem(parsed, "name")->valuestring, name);
                char *printed = cJSON_PrintUnformatted(parsed);
                ck_assert_str_eq(printed, text);
                free(printed);
                cJSON_Delete(parsed);
                free(text);
            }
}
END_TEST

START_TEST(test_present_error)
{
    char *text = print(present_error(ERR_NOT_FOUND, "Gone.", "callback.destination", "cld_x",
                                     NULL));
    ck_assert_str_eq(text, "{\"object\":\"error\",\"ok\":false,\"status\":404,\"code\":\"not_found\","
                           "\"message\":\"Gone.\",\"hint\":\"Check the id and the path of the "
                           "request.\",\"entity\":\"callback.destination\",\"id\":\"cld_x\"}");
    free(text);
    cJSON *errors = cJSON_CreateArray();
    errors_add_field(errors, "invalid_type", "m", "url", NULL);
    text = print(present_error(ERR_INVALID_DATA, NULL, "body", NULL, errors));
    ck_assert_str_eq(text, "{\"object\":\"error\",\"ok\":false,\"status\":400,\"code\":"
                           "\"invalid_data\",\"message\":\"The provided data is invalid.\","
                           "\"hint\":\"Make sure the data you are sending follows the "
                           "specification outlined in the documentation.\",\"entity\":\"body\","
                           "\"errors\":[{\"code\":\"invalid_type\",\"message\":\"m\","
                           "\"path\":[\"url\"]}]}");
    free(text);
}
END_TEST

START_TEST(test_error_table)
{
    const struct { enum err_code code; const char *name; int status; } rows[] = {
        {ERR_INVALID_DATA, "invalid_data", 400}, {ERR_BAD_REQUEST, "bad_request", 400},
        {ERR_INVALID_URL, "invalid_callback_destination_url", 400},
        {ERR_UNAUTHORIZED, "unauthorized", 401}, {ERR_FORBIDDEN, "forbidden", 403},
        {ERR_NOT_FOUND, "not_found", 404}, {ERR_METHOD_NOT_ALLOWED, "method_not_allowed", 405},
        {ERR_PAYLOAD_TOO_LARGE, "payload_too_large", 413},
        {ERR_RATE_LIMITED, "rate_limit_exceeded", 429},
        {ERR_INTERNAL, "internal_server_error", 500},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_str_eq(errors_info(rows[i].code)->code, rows[i].name);
        ck_assert_int_eq(errors_info(rows[i].code)->status, rows[i].status);
        ck_assert_ptr_nonnull(errors_info(rows[i].code)->hint);
    }
    ck_assert_str_eq(errors_info(ERR_RATE_LIMITED)->message,
                     "You have exceeded the rate limit for this instance");
    ck_assert_str_eq(errors_info((enum err_code)99)->code, "internal_server_error");
}
END_TEST

static Suite *present_suite(void)
{
    Suite *s = suite_create("server present");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_present_dest);
    tcase_add_test(tc, test_present_null_description);
    tcase_add_test(tc, test_present_list);
    tcase_add_test(tc, test_present_escapes_like_cjson);
    tcase_add_test(tc, test_page_strings);
    tcase_add_test(tc, test_present_escapes_every_offset);
    tcase_add_test(tc, test_present_error);
    tcase_add_test(tc, test_error_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(present_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
