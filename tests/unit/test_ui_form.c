/* Unit tests for the editor form (ui/form*.c): keys, metadata rows, validation, building,
 * server errors, and the drawn screen (ncurses on a throwaway terminal). */
#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "destination.h"
#include "form.h"
#include "form_internal.h"
#include "text.h"

#define CTRL(c) ((c) & 0x1f)

static const char original_json[] =
    "{\"object\":\"callback.destination\",\"id\":\"cld_0mhx3k2a1Qb7RtZp9LwXy2\","
    "\"status\":\"active\",\"name\":\"Primary\",\"description\":null,"
    "\"metadata\":{\"env\":\"prod\",\"price\":1.5,\"big\":1234567890123,"
    "\"tags\":[\"a\",{\"b\":null}],\"on\":true},"
    "\"url\":\"https://api.example.com/hook\",\"method\":\"POST\","
    "\"created_at\":\"2025-09-15T10:30:00.000Z\",\"updated_at\":\"2026-01-10T14:45:00.000Z\"}";

static void setup(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    text_set_utf8(true);
}

static struct dest *load_original(void)
{
    char *err = NULL;
    struct dest *d = dest_from_json_text(original_json, strlen(original_json), &err);
    ck_assert_msg(d != NULL, "decode: %s", err ? err : "?");
    return d;
}

static void type(struct form *f, const char *utf8)
{
    size_t i = 0, len = strlen(utf8);
    while (i < len) {
        uint32_t cp;
        int n = text_decode(utf8 + i, len - i, &cp);
        ck_assert_int_gt(n, 0);
        ck_assert_int_eq(form_key(f, (wint_t)cp, false), FORM_CONTINUE);
        i += (size_t)n;
    }
}

static void key(struct form *f, wint_t k)
{
    form_key(f, k, true);
}

static void ctrl(struct form *f, char c)
{
    form_key(f, (wint_t)CTRL(c), false);
}

static void focus_slot(struct form *f, enum form_slot_kind kind, size_t row)
{
    for (size_t i = 0; i < form_slot_count(f); i++) {
        struct form_slot s = form_slot_at(f, i);
        if (s.kind == kind && s.row == row) {
            f->focus = i;
            return;
        }
    }
    ck_abort_msg("no such slot");
}

static char *patch_of(struct form *f)
{
    struct dest *out = dest_new();
    ck_assert(form_build(f, out));
    char *body = NULL;
    ck_assert_int_ge(dest_patch_body(form_original(f), out, &body), 0);
    dest_free(out);
    return body;
}

START_TEST(create_builds_typed_fields)
{
    struct form *f = form_new_create();
    ck_assert(form_is_new(f));
    ck_assert(!form_dirty(f));
    ck_assert_ptr_null(form_original(f));
    type(f, "Orders hook");
    ck_assert(form_dirty(f));
    form_key(f, '\t', false);
    type(f, "https://hooks.example.com/orders");
    form_key(f, '\t', false);
    type(f, "line one");
    form_key(f, '\n', false);           /* Enter in Description: a newline */
    type(f, "line two");
    struct dest *out = dest_new();
    ck_assert(form_build(f, out));
    ck_assert_str_eq(out->name, "Orders hook");
    ck_assert_str_eq(out->url, "https://hooks.example.com/orders");
    ck_assert_str_eq(out->description, "line one\nline two");
    ck_assert_uint_eq(dest_meta_count(out), 0);
    char *body = dest_create_body(out);
    ck_assert_str_eq(body, "{\"name\":\"Orders hook\",\"url\":\"https://hooks.example.com/orders\","
                           "\"description\":\"line one\\nline two\"}");
    free(body);
    dest_free(out);
    form_free(f);
}
END_TEST

START_TEST(create_without_description_omits_it)
{
    struct form *f = form_new_create();
    type(f, "n");
    form_key(f, '\t', false);
    type(f, "  http://localhost:8080/x ");   /* pasted with spaces around: trimmed */
    struct dest *out = dest_new();
    ck_assert(form_build(f, out));
    ck_assert_ptr_null(out->description);
    ck_assert_str_eq(out->url, "http://localhost:8080/x");
    dest_free(out);
    form_free(f);
}
END_TEST

START_TEST(create_validation_as_you_type)
{
    struct form *f = form_new_create();
    /* nothing touched yet: no errors shown */
    ck_assert_ptr_null(form_slot_error(f, form_slot_at(f, 0)));
    ck_assert_ptr_null(form_slot_error(f, form_slot_at(f, 1)));
    form_key(f, '\t', false);            /* leaving Name empty touches it */
    ck_assert_ptr_nonnull(form_slot_error(f, form_slot_at(f, 0)));
    type(f, "ftp://example.com/");
    ck_assert_ptr_nonnull(form_slot_error(f, form_slot_at(f, 1)));
    ctrl(f, 'u');
    type(f, "https://example.com/");
    ck_assert_ptr_null(form_slot_error(f, form_slot_at(f, 1)));
    /* a refused build moves the focus to the first bad field */
    struct dest *out = dest_new();
    ck_assert(!form_build(f, out));
    ck_assert_uint_eq(f->focus, 0);
    ck_assert_str_eq(out->name, "");     /* untouched */
    type(f, "ok");
    ck_assert_ptr_null(form_slot_error(f, form_slot_at(f, 0)));
    ck_assert(form_build(f, out));
    dest_free(out);
    form_free(f);
}
END_TEST

START_TEST(edit_url_only_patches_url)
{
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    ck_assert(!form_is_new(f));
    ck_assert(!form_dirty(f));
    ck_assert_uint_eq(f->nrows, 5);
    ck_assert_str_eq(lineedit_text(&f->rows[1].value), "1.5");
    ck_assert(!f->rows[1].is_string);
    ck_assert(f->rows[0].is_string);
    /* untouched: nothing to send */
    char *body = patch_of(f);
    ck_assert_ptr_null(body);
    focus_slot(f, FORM_SLOT_URL, 0);
    ctrl(f, 'w');                        /* kills "api.example.com/hook" back to the space */
    ck_assert_str_eq(lineedit_text(&f->url), "");
    type(f, "https://api.example.com/v2/hook");
    ck_assert(form_dirty(f));
    body = patch_of(f);
    ck_assert_str_eq(body, "{\"url\":\"https://api.example.com/v2/hook\"}");
    free(body);
    form_free(f);
}
END_TEST

START_TEST(edit_metadata_keeps_other_values)
{
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    focus_slot(f, FORM_SLOT_META_VALUE, 0);   /* env = prod */
    key(f, KEY_BACKSPACE);
    key(f, KEY_BACKSPACE);
    type(f, "e");                             /* "pre" */
    char *body = patch_of(f);
    ck_assert_str_eq(body, "{\"metadata\":{\"env\":\"pre\",\"price\":1.5,"
                           "\"big\":1234567890123,\"tags\":[\"a\",{\"b\":null}],\"on\":true}}");
    free(body);
    form_free(f);
}
END_TEST

START_TEST(metadata_add_toggle_delete_rows)
{
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    ctrl(f, 'n');                             /* new row, focus on its key */
    ck_assert_uint_eq(f->nrows, 6);
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    type(f, "retries");
    form_key(f, '\t', false);
    type(f, "3");
    ctrl(f, 't');                             /* value is JSON: the number 3 */
    ck_assert(!f->rows[5].is_string);
    focus_slot(f, FORM_SLOT_META_KEY, 3);     /* tags */
    ctrl(f, 'd');                             /* delete the row */
    ck_assert_uint_eq(f->nrows, 5);
    ck_assert_str_eq(lineedit_text(&f->rows[3].key), "on");
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 3);
    char *body = patch_of(f);
    ck_assert_str_eq(body, "{\"metadata\":{\"env\":\"prod\",\"price\":1.5,"
                           "\"big\":1234567890123,\"on\":true,\"retries\":3}}");
    free(body);
    /* blank rows are ignored; bad JSON is an error at the row */
    ctrl(f, 'n');
    focus_slot(f, FORM_SLOT_META_VALUE, 2);   /* big */
    type(f, "x");
    ck_assert_str_eq(form_slot_error(f, form_slot_at(f, f->focus)),
                     "not valid JSON (quote text, or mark the value as a string)");
    struct dest *out = dest_new();
    ck_assert(!form_build(f, out));
    dest_free(out);
    form_free(f);
}
END_TEST

START_TEST(server_errors_beside_fields)
{
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    focus_slot(f, FORM_SLOT_NAME, 0);
    type(f, " v2");
    struct api_error *e = api_error_new(API_ERR_HTTP, "invalid_data",
                                        "The provided data is invalid.");
    e->status = 400;
    dest_field_errors_add(&e->fields, "name", "Name is too fishy");
    dest_field_errors_add(&e->fields, "metadata.env", "env is reserved");
    form_set_saving(f, true);
    ck_assert_int_eq(form_key(f, 'x', false), FORM_CONTINUE); /* ignored while saving */
    form_set_saving(f, false);
    form_set_server_errors(f, e);
    api_error_free(e);
    ck_assert_str_eq(lineedit_text(&f->name), "Primary v2");  /* kept as typed */
    ck_assert_uint_eq(f->focus, 0);
    ck_assert_str_eq(form_slot_error(f, form_slot_at(f, 0)), "Name is too fishy");
    ck_assert_str_eq(form_slot_error(f, (struct form_slot){FORM_SLOT_META_VALUE, 0}),
                     "env is reserved");
    ck_assert_ptr_null(form_slot_error(f, form_slot_at(f, 1)));
    ck_assert_str_eq(f->server_message,
                     "HTTP 400 invalid_data: The provided data is invalid.");
    /* editing the field drops its server error, the others stay */
    key(f, KEY_BACKSPACE);
    ck_assert_ptr_null(form_slot_error(f, form_slot_at(f, 0)));
    ck_assert_str_eq(form_slot_error(f, (struct form_slot){FORM_SLOT_META_KEY, 0}),
                     "env is reserved");
    form_set_saving(f, true);                /* a new attempt clears them */
    ck_assert_ptr_null(f->server_message);
    ck_assert_uint_eq(f->server.count, 0);
    form_free(f);
}
END_TEST

START_TEST(refused_save_focuses_the_bad_value)
{
    /* the tester's case: env's value made invalid JSON with Ctrl-T, then Ctrl-S */
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    focus_slot(f, FORM_SLOT_META_VALUE, 0);   /* env = prod */
    ctrl(f, 'u');
    type(f, "[1,2");
    ctrl(f, 't');
    ck_assert(!f->rows[0].is_string);
    focus_slot(f, FORM_SLOT_NAME, 0);
    ck_assert_int_eq(form_key(f, CTRL('s'), false), FORM_SAVE);
    struct dest *out = dest_new();
    ck_assert(!form_build(f, out));
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_VALUE);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 0);
    type(f, "]");
    ck_assert_str_eq(lineedit_text(&f->rows[0].key), "env");
    ck_assert_str_eq(lineedit_text(&f->rows[0].value), "[1,2]");
    ck_assert(form_build(f, out));
    dest_free(out);
    char *body = patch_of(f);
    ck_assert_str_eq(body, "{\"metadata\":{\"env\":[1,2],\"price\":1.5,"
                           "\"big\":1234567890123,\"tags\":[\"a\",{\"b\":null}],\"on\":true}}");
    free(body);
    form_free(f);
}
END_TEST

START_TEST(refused_save_focuses_the_bad_key)
{
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    /* a duplicate key: the key is at fault (the error shows on the first row holding it) */
    focus_slot(f, FORM_SLOT_META_KEY, 1);     /* price */
    ctrl(f, 'u');
    type(f, "env");
    focus_slot(f, FORM_SLOT_NAME, 0);
    struct dest *out = dest_new();
    ck_assert(!form_build(f, out));
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 0);
    ck_assert_str_eq(form_slot_error(f, form_slot_at(f, f->focus)), "duplicate key");
    /* a key too long: the key */
    focus_slot(f, FORM_SLOT_META_KEY, 1);
    ctrl(f, 'u');
    char longkey[130];
    memset(longkey, 'k', 129);
    longkey[129] = '\0';
    type(f, longkey);
    focus_slot(f, FORM_SLOT_NAME, 0);
    ck_assert(!form_build(f, out));
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 1);
    /* a value without a key: the empty key */
    focus_slot(f, FORM_SLOT_META_KEY, 1);
    ctrl(f, 'u');
    focus_slot(f, FORM_SLOT_NAME, 0);
    ck_assert(!form_build(f, out));
    ck_assert_str_eq(form_meta_error(f), "row 2 has an empty key");
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 1);
    /* a server error naming a row goes to its key, even when the value is JSON */
    type(f, "price");
    ck_assert(form_build(f, out));
    struct api_error *e = api_error_new(API_ERR_HTTP, "invalid_data", "bad");
    e->status = 400;
    dest_field_errors_add(&e->fields, "metadata.price", "key is reserved");
    focus_slot(f, FORM_SLOT_NAME, 0);
    form_set_server_errors(f, e);
    api_error_free(e);
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 1);
    dest_free(out);
    form_free(f);
}
END_TEST

START_TEST(server_url_error_goes_to_url)
{
    struct form *f = form_new_create();
    type(f, "n");
    form_key(f, '\t', false);
    type(f, "https://x.example/");
    form_key(f, '\t', false);
    struct api_error *e = api_error_new(API_ERR_HTTP, "invalid_callback_destination_url",
                                        "The callback destination URL is invalid.");
    e->status = 400;
    form_set_server_errors(f, e);
    api_error_free(e);
    ck_assert_uint_eq(f->focus, 1);
    ck_assert_str_eq(form_slot_error(f, form_slot_at(f, 1)),
                     "The callback destination URL is invalid.");
    form_free(f);
}
END_TEST

START_TEST(keys_outcomes)
{
    struct form *f = form_new_create();
    ck_assert_int_eq(form_key(f, 27, false), FORM_CANCEL);
    ck_assert_int_eq(form_key(f, CTRL('s'), false), FORM_SAVE);
    ck_assert_int_eq(form_key(f, KEY_BTAB, true), FORM_CONTINUE);
    ck_assert_uint_eq(f->focus, 0);
    for (int i = 0; i < 10; i++)
        form_key(f, '\t', false);
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_SAVE);
    ck_assert_int_eq(form_key(f, '\n', false), FORM_SAVE);
    ck_assert_int_eq(form_key(f, KEY_UP, true), FORM_CONTINUE);
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_ADD_ROW);
    ck_assert_int_eq(form_key(f, '\n', false), FORM_CONTINUE);    /* adds a row */
    ck_assert_int_eq(form_key(f, '\n', false), FORM_CONTINUE);    /* key -> value */
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_VALUE);
    ctrl(f, 'n');                                                  /* a second row */
    form_key(f, '\t', false);                                      /* its value */
    key(f, KEY_UP);                                                /* same column, row above */
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_VALUE);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 0);
    key(f, KEY_UP);                                                /* leaves the table */
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_DESC);
    key(f, KEY_DOWN);
    key(f, KEY_DOWN);
    key(f, KEY_DOWN);                                              /* past the last row */
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_ADD_ROW);
    ctrl(f, 'd');                                                  /* not in a row: no-op */
    ck_assert_uint_eq(f->nrows, 2);
    focus_slot(f, FORM_SLOT_META_KEY, 1);
    ctrl(f, 'd');
    ck_assert_uint_eq(f->nrows, 1);
    ck_assert_uint_eq(form_slot_at(f, f->focus).row, 0);
    ck_assert_uint_eq(f->nrows, 1);
    ck_assert_int_eq(form_slot_at(f, f->focus).kind, FORM_SLOT_META_KEY);
    ck_assert(!form_dirty(f));                                     /* a blank row is no change */
    form_free(f);
}
END_TEST

START_TEST(paste_neutralised_per_field)
{
    struct form *f = form_new_create();
    form_paste(f, "evil\x1b[2J\nname\r\n");
    ck_assert_str_eq(lineedit_text(&f->name), "evil name ");
    lineedit_set(&f->name, "");
    form_paste(f, "abc\x1b[31mdef");               /* the tester's case */
    ck_assert_str_eq(lineedit_text(&f->name), "abcdef");
    focus_slot(f, FORM_SLOT_DESC, 0);
    form_paste(f, "a\r\nb\x07\xe2\x80\xae" "c");
    ck_assert_str_eq(lineedit_text(&f->description), "a\nbc");
    form_free(f);
}
END_TEST

START_TEST(unicode_typing_and_backspace)
{
    struct form *f = form_new_create();
    type(f, "\xe6\x97\xa5\xe6\x9c\xac");          /* 日本 */
    type(f, "\xf0\x9f\x9a\x80");                  /* rocket */
    type(f, "e\xcc\x81");                         /* e + combining acute */
    ck_assert_str_eq(lineedit_text(&f->name), "\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x9a\x80" "e\xcc\x81");
    key(f, KEY_BACKSPACE);
    ck_assert_str_eq(lineedit_text(&f->name), "\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x9a\x80");
    key(f, KEY_BACKSPACE);
    ck_assert_str_eq(lineedit_text(&f->name), "\xe6\x97\xa5\xe6\x9c\xac");
    key(f, KEY_LEFT);
    form_key(f, 127, false);                      /* DEL as backspace */
    ck_assert_str_eq(lineedit_text(&f->name), "\xe6\x9c\xac");
    form_free(f);
}
END_TEST

START_TEST(rebase_keeps_typed_values)
{
    struct dest *orig = load_original();
    struct form *f = form_new_edit(orig);
    focus_slot(f, FORM_SLOT_URL, 0);
    ctrl(f, 'u');
    type(f, "https://new.example/");
    dest_set_string(&orig->name, "Renamed elsewhere");
    ck_assert_int_eq(form_rebase(f, orig), 0);
    dest_free(orig);
    ck_assert_str_eq(form_original(f)->name, "Renamed elsewhere");
    char *body = patch_of(f);
    /* the form still holds "Primary", which now differs from the fresh original */
    ck_assert_str_eq(body, "{\"name\":\"Primary\",\"url\":\"https://new.example/\"}");
    free(body);
    form_free(f);
}
END_TEST

/* --- drawing ----------------------------------------------------------------------------- */

static SCREEN *screen;
static FILE *term_out, *term_in;

static void setup_curses(void)
{
    setup();
    term_out = fopen("/dev/null", "w");
    term_in = fopen("/dev/null", "r");
    screen = newterm("xterm", term_out, term_in);
    ck_assert_ptr_nonnull(screen);
}

static void teardown_curses(void)
{
    endwin();
    delscreen(screen);
    fclose(term_out);
    fclose(term_in);
}

/* Line y of win as UTF-8 text with trailing spaces removed. */
static void win_line(WINDOW *win, int y, char *buf, size_t size)
{
    wchar_t wbuf[512];
    int n = mvwinnwstr(win, y, 0, wbuf, 511);
    wbuf[n < 0 ? 0 : n] = L'\0';
    size_t len = wcstombs(buf, wbuf, size - 1);
    if (len == (size_t)-1)
        len = 0;
    buf[len] = '\0';
    while (len > 0 && buf[len - 1] == ' ')
        buf[--len] = '\0';
}

static void check_line(WINDOW *win, int y, const char *want)
{
    char got[2048];
    win_line(win, y, got, sizeof got);
    ck_assert_msg(strcmp(got, want) == 0, "line %d:\n got: '%s'\nwant: '%s'", y, got, want);
}

START_TEST(draw_new_form)
{
    WINDOW *win = newwin(16, 60, 0, 0);
    struct form *f = form_new_create();
    type(f, "Orders");
    form_key(f, '\t', false);
    type(f, "nope");
    form_key(f, '\t', false);
    form_draw(f, win);
    int cy, cx;
    getyx(win, cy, cx);
    ck_assert_int_eq(cy, 5);
    ck_assert_int_eq(cx, 14);
    check_line(win, 0, " New destination  [modified]");
    check_line(win, 1, "");
    check_line(win, 2, " Name        [Orders                                       ]");
    check_line(win, 3, " URL         [nope                                         ]");
    check_line(win, 4, "             ! URL must be an absolute http:// or https:// \xe2\x80\xa6");
    check_line(win, 5, ">Description [                                             ]");
    check_line(win, 6, "             [                                             ]");
    check_line(win, 8, " Metadata    (none)");
    check_line(win, 9, "  [+ add row]");
    check_line(win, 11, "             [ Save ]");
    form_free(f);
    delwin(win);
}
END_TEST

START_TEST(draw_edit_form_hostile_and_wide)
{
    struct dest *orig = load_original();
    dest_set_string(&orig->name, "\x1b[2J\xe6\x97\xa5\xe6\x9c\xac");
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    WINDOW *win = newwin(14, 50, 0, 0);
    form_draw(f, win);
    check_line(win, 0, " Edit destination: \\e[2J\xe6\x97\xa5\xe6\x9c\xac");
    check_line(win, 2, ">Name        [\\e[2J\xe6\x97\xa5\xe6\x9c\xac                          ]");
    check_line(win, 7, " Metadata    key = value");
    check_line(win, 8, "  [env         ] = [prod                    ]");
    check_line(win, 9, "  [price       ] = [1.5                     ] JSON");
    /* the window is too short for everything: focusing Save scrolls it into view */
    f->focus = form_slot_count(f) - 1;
    form_draw(f, win);
    int cy, cx;
    getyx(win, cy, cx);
    char line[512];
    win_line(win, cy, line, sizeof line);
    ck_assert_str_eq(line, ">            [ Save ]");
    ck_assert_int_eq(cx, 14);
    form_free(f);
    delwin(win);
}
END_TEST

START_TEST(draw_invisible_and_bidi_as_escapes)
{
    struct dest *orig = load_original();
    dest_set_string(&orig->name, "zw\xe2\x80\x8b\xe2\x80\x8bzero");
    struct form *f = form_new_edit(orig);
    dest_free(orig);
    focus_slot(f, FORM_SLOT_META_VALUE, 0);
    ctrl(f, 'u');
    type(f, "a\xe2\x80\xae" "b");                    /* typed RLO: dropped */
    lineedit_set(&f->rows[0].key, "e\xe2\x80\xaenv");   /* as if from the server */
    WINDOW *win = newwin(14, 60, 0, 0);
    form_draw(f, win);
    check_line(win, 0, " Edit destination: zw\\u200B\\u200Bzero  [modified]");
    check_line(win, 2, " Name        [zw\\u200B\\u200Bzero                           ]");
    check_line(win, 8, "> [e\\u202Env      ] = [ab                             ]");
    ck_assert_str_eq(lineedit_text(&f->name), "zw\xe2\x80\x8b\xe2\x80\x8bzero"); /* bytes kept */
    form_free(f);
    delwin(win);
}
END_TEST

START_TEST(draw_tiny_window)
{
    struct form *f = form_new_create();
    WINDOW *win = newwin(2, 8, 0, 0);
    form_draw(f, win);                 /* must not crash or write outside */
    check_line(win, 0, " New de\xe2\x80\xa6");
    form_free(f);
    delwin(win);
}
END_TEST

START_TEST(draw_ascii_locale)
{
    text_set_utf8(false);
    struct form *f = form_new_create();
    type(f, "\xe6\x97\xa5\xe6\x9c\xac-e\xcc\x81");   /* 日本-é */
    WINDOW *win = newwin(12, 40, 0, 0);
    form_draw(f, win);
    check_line(win, 2, ">Name        [???" "?-e                   ]");
    form_free(f);
    f = form_new_create();
    type(f, "\xe6\x97\xa5\xe6\x9c\xac");
    form_key(f, '\t', false);
    form_key(f, '\t', false);
    form_draw(f, win);
    check_line(win, 2, " Name        [????                     ]");
    check_line(win, 4, "             ! URL is required");
    delwin(win);
    form_free(f);
    text_set_utf8(true);
}
END_TEST

START_TEST(draw_long_values_scroll_while_edited)
{
    struct form *f = form_new_create();
    WINDOW *win = newwin(8, 40, 0, 0);    /* boxes of 25 columns */
    type(f, "abcdefghijklmnopqrstuvwxyz0123456789");
    form_draw(f, win);
    check_line(win, 2, ">Name        [qrstuvwxyz0123456789     ]");
    form_key(f, '\t', false);
    form_draw(f, win);
    check_line(win, 2, " Name        [abcdefghijklmnopqrstuvwx\xe2\x80\xa6]");
    delwin(win);
    form_free(f);
}
END_TEST

static Suite *form_suite(void)
{
    Suite *s = suite_create("form");
    TCase *logic = tcase_create("logic");
    tcase_add_checked_fixture(logic, setup, NULL);
    tcase_add_test(logic, create_builds_typed_fields);
    tcase_add_test(logic, create_without_description_omits_it);
    tcase_add_test(logic, create_validation_as_you_type);
    tcase_add_test(logic, edit_url_only_patches_url);
    tcase_add_test(logic, edit_metadata_keeps_other_values);
    tcase_add_test(logic, metadata_add_toggle_delete_rows);
    tcase_add_test(logic, server_errors_beside_fields);
    tcase_add_test(logic, server_url_error_goes_to_url);
    tcase_add_test(logic, refused_save_focuses_the_bad_value);
    tcase_add_test(logic, refused_save_focuses_the_bad_key);
    tcase_add_test(logic, keys_outcomes);
    tcase_add_test(logic, paste_neutralised_per_field);
    tcase_add_test(logic, unicode_typing_and_backspace);
    tcase_add_test(logic, rebase_keeps_typed_values);
    suite_add_tcase(s, logic);
    TCase *draw = tcase_create("draw");
    tcase_add_checked_fixture(draw, setup_curses, teardown_curses);
    tcase_add_test(draw, draw_new_form);
    tcase_add_test(draw, draw_edit_form_hostile_and_wide);
    tcase_add_test(draw, draw_tiny_window);
    tcase_add_test(draw, draw_invisible_and_bidi_as_escapes);
    tcase_add_test(draw, draw_ascii_locale);
    tcase_add_test(draw, draw_long_values_scroll_while_edited);
    suite_add_tcase(s, draw);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(form_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
