/* Unit tests for ui/external_edit.c: rendering, strict parsing and validation, and a full
 * round trip through a scripted $EDITOR. */
#include <check.h>
#include <stdbool.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "destination.h"
#include "external_edit.h"
#include "text.h"

static const char original_json[] =
    "{\"id\":\"cld_abc\",\"status\":\"active\",\"name\":\"Primary \\\"hook\\\"\","
    "\"description\":null,\"url\":\"https://api.example.com/hook\","
    "\"metadata\":{\"env\":\"prod\",\"n\":1.5,\"tags\":[\"a\",{\"b\":null}]},"
    "\"method\":\"POST\",\"created_at\":\"2025-09-15T10:30:00.000Z\","
    "\"updated_at\":\"2026-01-10T14:45:00.000Z\"}";

static const char rendered[] =
    "{\n"
    "  \"name\": \"Primary \\\"hook\\\"\",\n"
    "  \"url\": \"https://api.example.com/hook\",\n"
    "  \"description\": null,\n"
    "  \"metadata\": {\n"
    "    \"env\": \"prod\",\n"
    "    \"n\": 1.5,\n"
    "    \"tags\": [\"a\",{\"b\":null}]\n"
    "  }\n"
    "}\n";

static struct dest *original;

static void setup(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    text_set_utf8(true);
    char *err = NULL;
    original = dest_from_json_text(original_json, strlen(original_json), &err);
    ck_assert_msg(original != NULL, "%s", err ? err : "?");
}

static void drop_editor_dir(void);

static void teardown(void)
{
    dest_free(original);
    drop_editor_dir();
}

/* Parses text against the original; returns the PATCH body (NULL when nothing changed). */
static char *patch_from(const char *text)
{
    char *error = NULL, *body = NULL;
    struct dest *d = external_edit_parse(original, text, strlen(text), &error);
    ck_assert_msg(d != NULL, "parse failed: %s", error ? error : "?");
    ck_assert_int_ge(dest_patch_body(original, d, &body), 0);
    dest_free(d);
    return body;
}

static void check_refused(const char *text, const char *want)
{
    char *error = NULL;
    struct dest *d = external_edit_parse(original, text, strlen(text), &error);
    ck_assert_ptr_null(d);
    ck_assert_ptr_nonnull(error);
    ck_assert_str_eq(error, want);
    free(error);
}

START_TEST(render_all_fields)
{
    char *text = external_edit_render(original);
    ck_assert_str_eq(text, rendered);
    free(text);
    struct dest *fresh = dest_new();
    dest_set_string(&fresh->name, "tab\there\x01");
    text = external_edit_render(fresh);
    ck_assert_str_eq(text, "{\n  \"name\": \"tab\\there\\u0001\",\n  \"url\": \"\",\n"
                           "  \"description\": null,\n  \"metadata\": {}\n}\n");
    free(text);
    dest_free(fresh);
}
END_TEST

START_TEST(render_parses_back_unchanged)
{
    char *text = external_edit_render(original);
    char *body = patch_from(text);
    ck_assert_ptr_null(body);
    free(text);
}
END_TEST

START_TEST(parse_url_change_only)
{
    char *body = patch_from("{\"name\": \"Primary \\\"hook\\\"\", \"url\": \"https://b.example/x\","
                            " \"description\": null, \"metadata\": {\"env\": \"prod\", \"n\": 1.5,"
                            " \"tags\": [\"a\", {\"b\": null}]}}");
    ck_assert_str_eq(body, "{\"url\":\"https://b.example/x\"}");
    free(body);
}
END_TEST

START_TEST(parse_missing_fields_keep_original)
{
    char *body = patch_from("  {\"description\": \"now described\"}\n");
    ck_assert_str_eq(body, "{\"description\":\"now described\"}");
    free(body);
    body = patch_from("{}");
    ck_assert_ptr_null(body);
    body = patch_from("{\"metadata\": null}");
    ck_assert_str_eq(body, "{\"metadata\":{}}");
    free(body);
}
END_TEST

START_TEST(parse_refuses_bad_shapes)
{
    check_refused("", "the file is empty: nothing to save");
    check_refused("[1,2]", "the file must hold one JSON object {...}");
    check_refused("{\"name\": ", "not valid JSON");
    check_refused("{\"name\": 42}", "name must be a string");
    check_refused("{\"url\": null}", "url must be a string");
    check_refused("{\"description\": 1}", "description must be a string or null");
    check_refused("{\"metadata\": [1]}", "metadata must be an object or null");
    check_refused("{\"metadata\": \"x\"}", "metadata must be an object or null");
    check_refused("{\"id\": \"cld_other\"}",
                  "unknown field \"id\" (editable: name, url, description, metadata)");
    check_refused("{\"name\": \"a\", \"name\": \"b\"}", "field \"name\" appears twice");
    check_refused("{\"name\": \"a\"} {\"url\": 1}", "the file must hold exactly one JSON object");
    check_refused("{\"\x1b[2J\": 1}",
                  "unknown field \"\\e[2J\" (editable: name, url, description, metadata)");
}
END_TEST

START_TEST(parse_validates_with_core)
{
    check_refused("{\"url\": \"ftp://files.example/\"}",
                  "url: must be an absolute http:// or https:// URL");
    check_refused("{\"name\": \"\", \"url\": \"relative/path\"}",
                  "name: is required; url: must be an absolute http:// or https:// URL");
}
END_TEST

START_TEST(parse_new_destination)
{
    char *error = NULL;
    const char *text = "{\"name\": \"n\", \"url\": \"http://localhost/\", \"metadata\": {\"k\": true}}";
    struct dest *d = external_edit_parse(NULL, text, strlen(text), &error);
    ck_assert_ptr_nonnull(d);
    char *body = dest_create_body(d);
    ck_assert_str_eq(body, "{\"name\":\"n\",\"url\":\"http://localhost/\",\"metadata\":{\"k\":true}}");
    free(body);
    dest_free(d);
}
END_TEST

/* --- the editor round trip ---------------------------------------------------------------- */

static char dir[] = "/tmp/cbdest-ee-test-XXXXXX";

static bool dir_made;

/* Removes the editor script's directory (from the previous use_editor). */
static void drop_editor_dir(void)
{
    static const char *const files[] = {"editor.sh", "path", "mode"};
    char path[256];
    if (!dir_made)
        return;
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    dir_made = false;
}

/* Writes an editor script running `body` (with $1 the file) and points EDITOR at it. */
static void use_editor(const char *body)
{
    char script[256], *text;
    drop_editor_dir();
    dir_made = true;
    ck_assert_ptr_nonnull(mkdtemp(strcpy(dir, "/tmp/cbdest-ee-test-XXXXXX")));
    snprintf(script, sizeof script, "%s/editor.sh", dir);
    FILE *f = fopen(script, "w");
    ck_assert_ptr_nonnull(f);
    int n = asprintf(&text, "#!/bin/sh\necho \"$1\" > %s/path\nstat -c %%a \"$1\" > %s/mode\n%s\n",
                     dir, dir, body);
    ck_assert_int_gt(n, 0);
    fputs(text, f);
    fclose(f);
    free(text);
    chmod(script, 0700);
    setenv("EDITOR", script, 1);
    unsetenv("VISUAL");
}

static char *read_small(const char *name)
{
    char path[256], *buf = calloc(1, 4096);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, 4095, f);
    fclose(f);
    while (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    return buf;
}

/* The temp file the editor saw was private and is gone now. */
static void check_temp_file_cleaned(void)
{
    char *mode = read_small("mode"), *path = read_small("path");
    ck_assert_str_eq(mode, "600");
    ck_assert_int_eq(strncmp(path, "/tmp/cbdest-edit-", 17), 0);
    ck_assert_int_ne(access(path, F_OK), 0);
    free(mode);
    free(path);
}

START_TEST(run_editor_rewrites_url)
{
    use_editor("sed -i 's#https://api.example.com/hook#https://api.example.com/v2#' \"$1\"");
    struct dest *edited = NULL;
    char *error = NULL, *text = NULL;
    enum external_edit_result r = external_edit_run(original, NULL, &edited, &error, &text);
    ck_assert_msg(r == EXTERNAL_EDIT_CHANGED, "result %d: %s", r, error ? error : "");
    ck_assert_str_eq(edited->url, "https://api.example.com/v2");
    ck_assert_str_eq(edited->id, "cld_abc");
    char *body = NULL;
    ck_assert_int_eq(dest_patch_body(original, edited, &body), 1);
    ck_assert_str_eq(body, "{\"url\":\"https://api.example.com/v2\"}");
    ck_assert_ptr_nonnull(strstr(text, "\"url\": \"https://api.example.com/v2\""));
    check_temp_file_cleaned();
    free(body);
    free(text);
    dest_free(edited);
}
END_TEST

START_TEST(run_editor_unchanged_and_failures)
{
    struct dest *edited = NULL;
    char *error = NULL, *text = NULL;
    use_editor("true");
    ck_assert_int_eq(external_edit_run(original, NULL, &edited, &error, NULL),
                     EXTERNAL_EDIT_UNCHANGED);
    ck_assert_ptr_null(edited);
    check_temp_file_cleaned();

    use_editor("echo '{\"metadata\": 7}' > \"$1\"");
    ck_assert_int_eq(external_edit_run(original, NULL, &edited, &error, &text),
                     EXTERNAL_EDIT_FAILED);
    ck_assert_str_eq(error, "metadata must be an object or null");
    ck_assert_str_eq(text, "{\"metadata\": 7}\n");   /* kept for a retry */
    free(error);
    check_temp_file_cleaned();

    /* a retry starts from the given text */
    use_editor("sed -i 's/7/{}/' \"$1\"");
    ck_assert_int_eq(external_edit_run(original, text, &edited, &error, NULL),
                     EXTERNAL_EDIT_CHANGED);
    ck_assert_uint_eq(dest_meta_count(edited), 0);
    dest_free(edited);
    free(text);

    use_editor("exit 3");
    ck_assert_int_eq(external_edit_run(original, NULL, &edited, &error, NULL),
                     EXTERNAL_EDIT_FAILED);
    ck_assert_ptr_nonnull(strstr(error, "exited with status 3"));
    free(error);
    check_temp_file_cleaned();
}
END_TEST

START_TEST(editor_choice)
{
    setenv("VISUAL", "nano", 1);
    setenv("EDITOR", "emacs", 1);
    ck_assert_str_eq(external_edit_editor(), "nano");
    unsetenv("VISUAL");
    ck_assert_str_eq(external_edit_editor(), "emacs");
    unsetenv("EDITOR");
    ck_assert_str_eq(external_edit_editor(), "vi");
}
END_TEST

static Suite *external_edit_suite(void)
{
    Suite *s = suite_create("external_edit");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, render_all_fields);
    tcase_add_test(tc, render_parses_back_unchanged);
    tcase_add_test(tc, parse_url_change_only);
    tcase_add_test(tc, parse_missing_fields_keep_original);
    tcase_add_test(tc, parse_refuses_bad_shapes);
    tcase_add_test(tc, parse_validates_with_core);
    tcase_add_test(tc, parse_new_destination);
    tcase_add_test(tc, run_editor_rewrites_url);
    tcase_add_test(tc, run_editor_unchanged_and_failures);
    tcase_add_test(tc, editor_choice);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    unsetenv("TMPDIR");
    SRunner *runner = srunner_create(external_edit_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
