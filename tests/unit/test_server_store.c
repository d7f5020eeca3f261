/* Unit tests: the SQLite store (create/get/update/archive, keyset pages, filters, seed). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/seed.h"
#include "server/store.h"
#include "server/store_scan.h"

static char tmp_dir[64];
static char db_path[128];
static struct store *st;

static void setup(void)
{
    char err[256];
    strcpy(tmp_dir, "/tmp/cbdest-store-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp_dir));
    snprintf(db_path, sizeof db_path, "%s/t.db", tmp_dir);
    st = store_open(db_path, err, sizeof err);
    ck_assert_msg(st != NULL, "%s", err);
}

static void teardown(void)
{
    char cmd[160];
    store_close(st);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void create(const char *name, struct dest_row *out)
{
    struct dest_input in = {.has_name = true, .has_url = true, .name = (char *)name,
                            .url = (char *)"https://example.com/"};
    ck_assert_int_eq(store_create(st, &in, out), STORE_OK);
}

START_TEST(test_crud)
{
    struct dest_row a, got, upd, arch, again;
    create("one", &a);
    ck_assert_str_eq(a.status, "active");
    ck_assert_str_eq(a.method, "POST");
    ck_assert_str_eq(a.metadata, "{}");
    ck_assert_ptr_null(a.description);
    ck_assert_int_eq(a.created_at, a.updated_at);
    ck_assert_int_eq(store_get(st, a.id, &got), STORE_OK);
    ck_assert_str_eq(got.name, "one");
    dest_row_free(&got);
    struct dest_input patch = {.has_description = true, .description = (char *)"d",
                               .has_metadata = true, .metadata = (char *)"{\"k\":1}"};
    ck_assert_int_eq(store_update(st, a.id, &patch, &upd), STORE_OK);
    ck_assert_str_eq(upd.name, "one"); /* omitted: kept */
    ck_assert_str_eq(upd.description, "d");
    ck_assert_str_eq(upd.metadata, "{\"k\":1}");
    ck_assert_int_gt(upd.updated_at, a.updated_at);
    ck_assert_int_eq(store_archive(st, a.id, &arch), STORE_OK);
    ck_assert_str_eq(arch.status, "archived");
    ck_assert_int_gt(arch.updated_at, upd.updated_at);
    ck_assert_int_eq(store_archive(st, a.id, &again), STORE_OK);
    ck_assert_str_eq(again.status, "archived");
    ck_assert_int_eq(again.updated_at, arch.updated_at); /* no second bump */
    ck_assert_int_eq(store_get(st, "cld_nope", &got), STORE_NOT_FOUND);
    ck_assert_int_eq(store_update(st, "cld_nope", &patch, &got), STORE_NOT_FOUND);
    ck_assert_int_eq(store_archive(st, "cld_nope", &got), STORE_NOT_FOUND);
    dest_row_free(&a);
    dest_row_free(&upd);
    dest_row_free(&arch);
    dest_row_free(&again);
}
END_TEST

/* 250 rows one second apart starting at BASE_MS; ids[i] of each. */
#define N_ROWS 250
/* Each fill starts later than any id made before, so runs without fork (valgrind) work. */
static int64_t base_ms;
static int fills;
#define BASE_MS base_ms
static char ids[N_ROWS][IDS_LEN + 1];
struct gen {
    int i;
};

static int gen_next(void *ctx, struct dest_row *row)
{
    struct gen *g = ctx;
    if (g->i >= N_ROWS)
        return 0;
    memset(row, 0, sizeof *row);
    ids_new(BASE_MS + g->i * 1000LL, row->id, &row->created_at);
    strcpy(ids[g->i], row->id);
    row->updated_at = row->created_at + (g->i % 2 ? 500 : 0);
    strcpy(row->status, "active");
    strcpy(row->method, "POST");
    row->name = strdup("n");
    row->url = strdup("https://example.com/");
    row->metadata = strdup("{}");
    g->i++;
    return 1;
}

static void fill(void)
{
    struct gen g = {0};
    base_ms = 1900000000000LL + (int64_t)++fills * 10000000LL;
    ck_assert_int_eq(store_is_empty(st), 1);
    ck_assert_int_eq(store_bulk_insert(st, gen_next, &g), STORE_OK);
    ck_assert_int_eq(store_is_empty(st), 0);
}

/* Lists with q and checks the items are ids[first..first+count) (or reversed for desc). */
static void expect_page(struct list_query *q, int first, int count, bool before, bool after)
{
    struct dest_page page;
    ck_assert_int_eq(store_list(st, q, &page), STORE_OK);
    ck_assert_uint_eq(page.count, (size_t)count);
    for (int i = 0; i < count; i++) {
        int want = q->desc ? first - i : first + i;
        ck_assert_str_eq(page.items[i].id, ids[want]);
    }
    ck_assert_int_eq(page.has_more_before, before);
    ck_assert_int_eq(page.has_more_after, after);
    dest_page_free(&page);
}

static struct list_query query(int limit, bool desc)
{
    struct list_query q = {.limit = limit, .desc = desc};
    return q;
}

static void set_bound(struct list_query *q, bool before, const char *id)
{
    q->has_bound = true;
    q->bound_before = before;
    strcpy(q->bound_id, id);
}

START_TEST(test_pages_asc)
{
    fill();
    struct list_query q = query(20, false);
    expect_page(&q, 0, 20, false, true);
    set_bound(&q, false, ids[19]);
    expect_page(&q, 20, 20, true, true);
    set_bound(&q, false, ids[239]);
    expect_page(&q, 240, 10, true, false);
    set_bound(&q, false, ids[249]);
    expect_page(&q, 0, 0, true, false);
    set_bound(&q, true, ids[20]);
    expect_page(&q, 0, 20, false, true);
    set_bound(&q, true, ids[30]);
    expect_page(&q, 10, 20, true, true);
    set_bound(&q, true, ids[5]);
    expect_page(&q, 0, 5, false, true);
    set_bound(&q, true, ids[0]);
    expect_page(&q, 0, 0, false, true);
}
END_TEST

START_TEST(test_pages_desc)
{
    fill();
    struct list_query q = query(100, true);
    expect_page(&q, 249, 100, false, true);
    set_bound(&q, false, ids[150]);
    expect_page(&q, 149, 100, true, true);
    set_bound(&q, false, ids[49]);
    expect_page(&q, 48, 49, true, false);
    set_bound(&q, true, ids[200]);
    expect_page(&q, 249, 49, false, true);
    set_bound(&q, true, ids[100]);
    expect_page(&q, 200, 100, true, true);
}
END_TEST

START_TEST(test_filters)
{
    fill();
    /* once through the id walk (threshold 0), once through the updated_at index */
    store_scan_set_dense_threshold(_i == 0 ? 0 : 1 << 30);
    struct list_query q = query(100, false);
    q.has_created_gt = true;
    q.created_gt = BASE_MS + 10 * 1000; /* strict: ids[10] excluded */
    q.has_created_lt = true;
    q.created_lt = BASE_MS + 20 * 1000; /* strict: ids[20] excluded */
    expect_page(&q, 11, 9, false, false);
    q = query(5, false);
    q.has_updated_gt = true;
    q.updated_gt = BASE_MS + 99 * 1000 + 500; /* odd rows are updated 500 ms after creation */
    q.has_updated_lt = true;
    q.updated_lt = BASE_MS + 101 * 1000 + 500; /* strict: ids[101] updated exactly there */
    expect_page(&q, 100, 1, false, false);
    q = query(3, false);
    q.has_updated_gt = true;
    q.updated_gt = BASE_MS + 200 * 1000; /* ids[200] (even) excluded; 201.. included */
    set_bound(&q, false, ids[202]);
    expect_page(&q, 203, 3, true, true);
    set_bound(&q, true, ids[203]);
    expect_page(&q, 201, 2, false, true);
    q = query(3, true);
    q.has_updated_lt = true;
    q.updated_lt = BASE_MS + 5 * 1000; /* ids[0..4] (ids[4] at +4000 ms) */
    expect_page(&q, 4, 3, false, true);
    set_bound(&q, false, ids[2]);
    expect_page(&q, 1, 2, true, false);
    q = query(2, true);
    q.has_created_gt = true;
    q.created_gt = BASE_MS + 246 * 1000;
    expect_page(&q, 249, 2, false, true);
}
END_TEST

START_TEST(test_seed)
{
    ck_assert_int_eq(seed_run(st, 120), 0);
    ck_assert_int_eq(seed_run(st, 50), 0); /* not empty: untouched */
    struct list_query q = query(100, false);
    struct dest_page page;
    ck_assert_int_eq(store_list(st, &q, &page), STORE_OK);
    ck_assert_uint_eq(page.count, 100);
    ck_assert(page.has_more_after);
    ck_assert_str_eq(page.items[0].name, "Primary Webhook Endpoint");
    ck_assert_str_eq(page.items[0].url, "https://api.example.com/webhooks/metorial");
    ck_assert_str_eq(page.items[0].description, "Primary production webhook receiver");
    int archived = 0;
    for (size_t i = 1; i < page.count; i++) {
        int64_t ms;
        ck_assert(ids_parse(page.items[i].id, &ms));
        ck_assert_int_eq(ms, page.items[i].created_at);
        ck_assert_int_ge(page.items[i].created_at, page.items[i - 1].created_at);
        ck_assert_int_ge(page.items[i].updated_at, page.items[i].created_at);
        archived += strcmp(page.items[i].status, "archived") == 0;
    }
    ck_assert_int_gt(archived, 2);
    ck_assert_int_lt(archived, 30);
    dest_page_free(&page);
}
END_TEST

static Suite *store_suite(void)
{
    Suite *s = suite_create("server store");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_crud);
    tcase_add_test(tc, test_pages_asc);
    tcase_add_test(tc, test_pages_desc);
    tcase_add_loop_test(tc, test_filters, 0, 2);
    tcase_add_test(tc, test_seed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(store_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
