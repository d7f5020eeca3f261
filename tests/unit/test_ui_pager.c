/* Unit tests of the pagination window (ui/pager.c) against a simulated keyset server. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pager.h"

#define TOTAL 130

static const char *item_id(const void *item)
{
    return item;
}

/* A fake server of TOTAL ids "id000".."id129" in ascending order: the page after/before an id. */
static void **server_page(const char *after, const char *before, size_t limit, size_t *n,
                          bool *more_before, bool *more_after)
{
    int start = 0, end;
    void **items = calloc(limit, sizeof(void *));
    if (after)
        start = atoi(after + 2) + 1;
    else if (before) {
        start = atoi(before + 2) - (int)limit;
        if (start < 0)
            start = 0;
    }
    end = start + (int)limit;
    if (before && end > atoi(before + 2))
        end = atoi(before + 2);
    if (end > TOTAL)
        end = TOTAL;
    *n = 0;
    for (int i = start; i < end; i++) {
        char *s = malloc(16);
        snprintf(s, 16, "id%03d", i);
        items[(*n)++] = s;
    }
    *more_before = start > 0;
    *more_after = end < TOTAL;
    return items;
}

static struct pager_result serve(struct pager *p, struct pager_request *r)
{
    size_t n;
    bool mb, ma;
    void **items;
    const char *after = (r->dir == PAGER_AFTER || r->dir == PAGER_RELOAD_AFTER) ? r->cursor_id : NULL;
    const char *before = (r->dir == PAGER_BEFORE || r->dir == PAGER_RELOAD_BEFORE) ? r->cursor_id : NULL;
    struct pager_result res;
    items = server_page(after, before, p->page_size, &n, &mb, &ma);
    res = pager_receive(p, r->generation, r->dir, items, n, mb, ma);
    pager_request_clear(r);
    return res;
}

static int idnum(struct pager *p, size_t i)
{
    return atoi((const char *)pager_item(p, i) + 2);
}

START_TEST(test_first_page_then_prefetch)
{
    struct pager p;
    struct pager_request r;
    char pos[64];
    pager_init(&p, 20, 4, item_id, free);
    ck_assert(pager_next_request(&p, 0, &r));
    ck_assert_int_eq(r.dir, PAGER_FIRST);
    ck_assert_ptr_null(r.cursor_id);
    ck_assert(!pager_next_request(&p, 0, &r));     /* first page still pending */
    r.dir = PAGER_FIRST; r.generation = p.generation; r.cursor_id = NULL;
    serve(&p, &r);
    ck_assert_uint_eq(pager_count(&p), 20);
    ck_assert(p.more_after);
    ck_assert(!p.more_before);
    pager_position(&p, 0, 19, pos, sizeof(pos));
    ck_assert_str_eq(pos, "1-20, more below");
    ck_assert(pager_next_request(&p, 0, &r));      /* within one page of the end: prefetch */
    ck_assert_int_eq(r.dir, PAGER_AFTER);
    ck_assert_str_eq(r.cursor_id, "id019");
    serve(&p, &r);
    ck_assert_uint_eq(pager_count(&p), 40);
    ck_assert(!pager_next_request(&p, 0, &r));     /* far from the end now */
    pager_position(&p, 20, 39, pos, sizeof(pos));
    ck_assert_str_eq(pos, "21-40, more above and below");
    pager_free(&p);
}
END_TEST

/* Walks the selection from first to last row and back; every id appears once, in order. */
START_TEST(test_walk_forward_and_back_bounded)
{
    struct pager p;
    struct pager_request r;
    size_t sel = 0;
    int seen = 0;
    pager_init(&p, 20, 3, item_id, free);
    for (int guard = 0; guard < 1000; guard++) {
        while (pager_next_request(&p, sel, &r)) {
            struct pager_result res = serve(&p, &r);
            ck_assert(res.accepted);
            sel = (size_t)((long)sel + res.shift);
        }
        ck_assert_uint_le(pager_count(&p), 60);
        ck_assert_int_eq(idnum(&p, sel), seen);
        ck_assert_int_eq(p.offset + (long)sel, seen);
        if (seen == TOTAL - 1)
            break;
        sel++;
        seen++;
    }
    ck_assert_int_eq(seen, TOTAL - 1);
    ck_assert(!p.more_after);
    ck_assert(p.more_before);
    for (int guard = 0; guard < 1000 && seen > 0; guard++) {
        sel--;
        seen--;
        while (pager_next_request(&p, sel, &r)) {
            struct pager_result res = serve(&p, &r);
            sel = (size_t)((long)sel + res.shift);
        }
        ck_assert_int_eq(idnum(&p, sel), seen);
        ck_assert_int_eq(p.offset + (long)sel, seen);
        for (size_t i = 1; i < pager_count(&p); i++)
            ck_assert_int_eq(idnum(&p, i), idnum(&p, i - 1) + 1);
    }
    ck_assert_int_eq(seen, 0);
    ck_assert(!p.more_before);
    ck_assert(p.more_after);       /* the far pages were evicted */
    pager_free(&p);
}
END_TEST

START_TEST(test_stale_reply_dropped)
{
    struct pager p;
    struct pager_request r;
    unsigned old;
    pager_init(&p, 20, 4, item_id, free);
    ck_assert(pager_next_request(&p, 0, &r));
    old = r.generation;
    pager_reset(&p);                                 /* order toggled meanwhile */
    {
        size_t n; bool mb, ma;
        void **items = server_page(NULL, NULL, 20, &n, &mb, &ma);
        struct pager_result res = pager_receive(&p, old, PAGER_FIRST, items, n, mb, ma);
        ck_assert(!res.accepted);
    }
    ck_assert_uint_eq(pager_count(&p), 0);
    ck_assert(!p.loaded);
    pager_request_clear(&r);
    ck_assert(pager_next_request(&p, 0, &r));        /* the new generation asks again */
    ck_assert_uint_ne(r.generation, old);
    pager_request_clear(&r);
    pager_free(&p);
}
END_TEST

START_TEST(test_empty_page_with_flag_does_not_loop)
{
    struct pager p;
    struct pager_request r;
    pager_init(&p, 20, 4, item_id, free);
    pager_next_request(&p, 0, &r);
    serve(&p, &r);
    ck_assert(pager_next_request(&p, 19, &r));
    ck_assert_int_eq(r.dir, PAGER_AFTER);
    pager_receive(&p, r.generation, PAGER_AFTER, calloc(1, sizeof(void *)), 0, true, true);
    pager_request_clear(&r);
    ck_assert(!p.more_after);
    ck_assert(!pager_next_request(&p, 19, &r));
    pager_free(&p);
}
END_TEST

START_TEST(test_reload_keeps_selection)
{
    struct pager p;
    struct pager_request r;
    size_t sel = 0;
    pager_init(&p, 20, 3, item_id, free);
    for (int i = 0; i < 75; i++) {                   /* walk to id075 (windows evicted) */
        while (pager_next_request(&p, sel, &r))
            sel = (size_t)((long)sel + serve(&p, &r).shift);
        sel++;
    }
    ck_assert_int_eq(idnum(&p, sel), 75);
    pager_reload_request(&p, sel, &r);
    ck_assert_int_eq(r.dir, PAGER_RELOAD_AFTER);
    ck_assert_str_eq(r.cursor_id, "id074");
    serve(&p, &r);
    ck_assert_int_eq(pager_find(&p, "id075"), 0);
    ck_assert_int_eq(p.offset, 75);
    ck_assert(p.more_before);
    pager_reload_request(&p, 0, &r);                  /* selection is the first row held */
    ck_assert_int_eq(r.dir, PAGER_RELOAD_BEFORE);
    ck_assert_str_eq(r.cursor_id, "id076");
    serve(&p, &r);
    ck_assert_int_eq(pager_find(&p, "id075"), 19);
    ck_assert_int_eq(p.offset, 56);
    pager_free(&p);
}
END_TEST

/* A page size of 2 with a 26-row screen: the startup fill stops once the screen and one
 * screen of prefetch are held, nothing is evicted and the first row stays selected. */
START_TEST(test_small_pages_tall_screen_bounded)
{
    struct pager p;
    struct pager_request r;
    int requests = 0;
    pager_init(&p, 2, 10, item_id, free);
    pager_fit_screen(&p, 26);
    ck_assert_uint_ge(p.max_pages * p.page_size, 26 + 2 * 26);
    ck_assert_uint_eq(p.prefetch, 26);
    while (requests < 100 && pager_next_request(&p, 0, &r)) {
        struct pager_result res = serve(&p, &r);
        ck_assert(res.accepted);
        ck_assert_int_eq(res.shift, 0);
        requests++;
    }
    ck_assert_int_eq(requests, 14);                /* 28 rows: screen + prefetch reached */
    ck_assert_uint_eq(pager_count(&p), 28);
    ck_assert_int_eq(idnum(&p, 0), 0);
    ck_assert_int_eq(p.offset, 0);
    ck_assert(pager_has_room(&p));
    pager_fit_screen(&p, 10);                      /* never shrinks */
    ck_assert_uint_ge(p.max_pages * p.page_size, 78);
    pager_free(&p);
}
END_TEST

static Suite *pager_suite(void)
{
    Suite *s = suite_create("pager");
    TCase *tc = tcase_create("window");
    tcase_add_test(tc, test_first_page_then_prefetch);
    tcase_add_test(tc, test_walk_forward_and_back_bounded);
    tcase_add_test(tc, test_stale_reply_dropped);
    tcase_add_test(tc, test_empty_page_with_flag_does_not_loop);
    tcase_add_test(tc, test_reload_keeps_selection);
    tcase_add_test(tc, test_small_pages_tall_screen_bounded);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pager_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
