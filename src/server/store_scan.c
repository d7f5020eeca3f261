/* store_scan: builds "id > ? AND id < ? AND filters ORDER BY id LIMIT ?" queries; no OFFSET. */
#include "server/store_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/ids.h"

/* One range scan over ids: optional bounds, the query's date filters, a direction. */
struct scan {
    const char *lo, *hi;
    bool lo_incl, hi_incl;
    bool desc, exists;
    bool updated_index; /* go through the updated_at index (few matches) */
    int limit;
    const struct list_query *q;
};

enum {
    SHAPE_LO = 1, SHAPE_LO_INCL = 2, SHAPE_HI = 4, SHAPE_HI_INCL = 8, SHAPE_CGT = 16,
    SHAPE_CLT = 32, SHAPE_UGT = 64, SHAPE_ULT = 128, SHAPE_DESC = 256, SHAPE_EXISTS = 512,
    SHAPE_UINDEX = 1024,
};

/* With fewer updated_at matches than this, the updated_at index finds them and they are sorted
 * by id; with more, walking ids and filtering finds a page within ~limit * rows / threshold. */
static int dense_threshold = 2000;

void store_scan_set_dense_threshold(int rows)
{
    dense_threshold = rows;
}

void store_scan_cache_clear(struct store_scan_cache *cache)
{
    for (int i = 0; i < STORE_SCAN_SHAPES; i++) {
        sqlite3_finalize(cache->stmts[i]);
        cache->stmts[i] = NULL;
    }
    sqlite3_finalize(cache->count_updated);
    cache->count_updated = NULL;
}

static unsigned scan_shape(const struct scan *s)
{
    unsigned m = 0;
    m |= s->lo ? SHAPE_LO | (s->lo_incl ? SHAPE_LO_INCL : 0) : 0;
    m |= s->hi ? SHAPE_HI | (s->hi_incl ? SHAPE_HI_INCL : 0) : 0;
    m |= s->q->has_created_gt ? SHAPE_CGT : 0;
    m |= s->q->has_created_lt ? SHAPE_CLT : 0;
    m |= s->q->has_updated_gt ? SHAPE_UGT : 0;
    m |= s->q->has_updated_lt ? SHAPE_ULT : 0;
    m |= s->desc && !s->exists ? SHAPE_DESC : 0;
    m |= s->exists ? SHAPE_EXISTS : 0;
    m |= s->updated_index && (m & (SHAPE_UGT | SHAPE_ULT)) ? SHAPE_UINDEX : 0;
    return m;
}

/* Date filters use unary + so SQLite keeps walking the primary key in id order, except that
 * updated_at bounds go through their index when few rows match (SHAPE_UINDEX). */
static void shape_sql(unsigned m, char *sql, size_t cap)
{
    bool uidx = m & SHAPE_UINDEX;
    snprintf(sql, cap,
             "SELECT %s FROM callback_destinations%s WHERE 1%s%s%s%s%s%s %s LIMIT ?7",
             m & SHAPE_EXISTS ? "1"
                              : "id, status, name, description, metadata, url, method,"
                                " created_at, updated_at",
             uidx ? " INDEXED BY callback_destinations_updated" : "",
             m & SHAPE_LO ? (m & SHAPE_LO_INCL ? " AND id >= ?1" : " AND id > ?1") : "",
             m & SHAPE_HI ? (m & SHAPE_HI_INCL ? " AND id <= ?2" : " AND id < ?2") : "",
             m & SHAPE_CGT ? " AND +created_at > ?3" : "",
             m & SHAPE_CLT ? " AND +created_at < ?4" : "",
             m & SHAPE_UGT ? (uidx ? " AND updated_at > ?5" : " AND +updated_at > ?5") : "",
             m & SHAPE_ULT ? (uidx ? " AND updated_at < ?6" : " AND +updated_at < ?6") : "",
             m & SHAPE_EXISTS ? "" : (m & SHAPE_DESC ? "ORDER BY id DESC" : "ORDER BY id ASC"));
}

/* Counts updated_at matches up to dense_threshold through the index; true when fewer. */
static bool updated_sparse(sqlite3 *db, struct store_scan_cache *cache,
                           const struct list_query *q)
{
    if (!q->has_updated_gt && !q->has_updated_lt)
        return false;
    if (!cache->count_updated &&
        sqlite3_prepare_v3(db,
                           "SELECT count(*) FROM (SELECT 1 FROM callback_destinations"
                           " INDEXED BY callback_destinations_updated"
                           " WHERE updated_at > ?1 AND updated_at < ?2 LIMIT ?3)",
                           -1, SQLITE_PREPARE_PERSISTENT, &cache->count_updated, NULL) != SQLITE_OK)
        return false;
    sqlite3_stmt *st = cache->count_updated;
    sqlite3_bind_int64(st, 1, q->has_updated_gt ? q->updated_gt : INT64_MIN);
    sqlite3_bind_int64(st, 2, q->has_updated_lt ? q->updated_lt : INT64_MAX);
    sqlite3_bind_int(st, 3, dense_threshold);
    bool sparse = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) < dense_threshold;
    sqlite3_reset(st);
    return sparse;
}

static sqlite3_stmt *scan_prepare(sqlite3 *db, struct store_scan_cache *cache,
                                  const struct scan *s)
{
    unsigned m = scan_shape(s);
    char sql[512];
    if (!cache->stmts[m]) {
        shape_sql(m, sql, sizeof sql);
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &cache->stmts[m],
                               NULL) != SQLITE_OK)
            return NULL;
    }
    sqlite3_stmt *st = cache->stmts[m];
    if (s->lo)
        sqlite3_bind_text(st, 1, s->lo, -1, SQLITE_STATIC);
    if (s->hi)
        sqlite3_bind_text(st, 2, s->hi, -1, SQLITE_STATIC);
    if (m & SHAPE_CGT)
        sqlite3_bind_int64(st, 3, s->q->created_gt);
    if (m & SHAPE_CLT)
        sqlite3_bind_int64(st, 4, s->q->created_lt);
    if (m & SHAPE_UGT)
        sqlite3_bind_int64(st, 5, s->q->updated_gt);
    if (m & SHAPE_ULT)
        sqlite3_bind_int64(st, 6, s->q->updated_lt);
    sqlite3_bind_int(st, 7, s->exists ? 1 : s->limit + 1); /* one extra row: is there more? */
    return st;
}

static void tighten_lo(struct scan *s, const char *v, bool incl)
{
    int c = s->lo ? strcmp(v, s->lo) : 1;
    if (c > 0 || (c == 0 && !incl)) {
        s->lo = v;
        s->lo_incl = incl;
    }
}

static void tighten_hi(struct scan *s, const char *v, bool incl)
{
    int c = s->hi ? strcmp(v, s->hi) : -1;
    if (c < 0 || (c == 0 && !incl)) {
        s->hi = v;
        s->hi_incl = incl;
    }
}

/* created_at bounds as id bounds: an id's timestamp part is its created_at. */
struct created_keys {
    char lo[IDS_LEN + 1], hi[IDS_LEN + 1];
};

static struct scan scan_base(const struct list_query *q, struct created_keys *k, bool uindex)
{
    struct scan s = {.q = q, .updated_index = uindex};
    if (q->has_created_gt && q->created_gt >= 0) {
        ids_ts_prefix(q->created_gt, k->lo);
        memset(k->lo + IDS_PREFIX_LEN + IDS_TS_LEN, 'z', IDS_RAND_LEN);
        k->lo[IDS_LEN] = '\0';
        tighten_lo(&s, k->lo, false);
    }
    if (q->has_created_lt && q->created_lt >= 0) {
        ids_ts_prefix(q->created_lt, k->hi);
        tighten_hi(&s, k->hi, false);
    }
    return s;
}

static enum store_result scan_exists(sqlite3 *db, struct store_scan_cache *cache,
                                     struct scan *s, bool *out)
{
    s->exists = true;
    sqlite3_stmt *st = scan_prepare(db, cache, s);
    if (!st)
        return STORE_ERROR;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* Reads up to s->limit rows; *more says whether a further row follows in scan order. */
static enum store_result scan_rows(sqlite3 *db, struct store_scan_cache *cache,
                                   const struct scan *s, struct dest_page *page, bool *more)
{
    sqlite3_stmt *st = scan_prepare(db, cache, s);
    int rc;
    if (!st)
        return STORE_ERROR;
    page->items = calloc((size_t)s->limit + 1, sizeof *page->items);
    if (!page->items) {
        sqlite3_reset(st);
        return STORE_ERROR;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && page->count < (size_t)s->limit)
        store_read_row(st, &page->items[page->count++], page);
    *more = rc == SQLITE_ROW;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

static void page_reverse(struct dest_page *page)
{
    for (size_t i = 0; i < page->count / 2; i++) {
        struct dest_row t = page->items[i];
        page->items[i] = page->items[page->count - 1 - i];
        page->items[page->count - 1 - i] = t;
    }
}

/* Checks for items on one side of the page: earlier (before) or later (after) in the
 * requested order, strictly beyond edge (or from edge on, when incl). */
static enum store_result side_exists(sqlite3 *db, struct store_scan_cache *cache,
                                     const struct list_query *q, bool uindex, bool before,
                                     const char *edge, bool incl, bool *out)
{
    struct created_keys k;
    struct scan s = scan_base(q, &k, uindex);
    if (before != q->desc) /* asc+before or desc+after: smaller ids */
        tighten_hi(&s, edge, incl);
    else
        tighten_lo(&s, edge, incl);
    return scan_exists(db, cache, &s, out);
}

/* The far side in scan order is known from the extra row (more); the near side needs an EXISTS
 * only when a cursor bounds the scan: without one the scan started at the first match. */
static enum store_result page_flags(sqlite3 *db, struct store_scan_cache *cache,
                                    const struct list_query *q, bool uindex, bool more,
                                    struct dest_page *page)
{
    bool reversed = q->has_bound && q->bound_before; /* scanned against the requested order */
    page->has_more_before = reversed && more;
    page->has_more_after = !reversed && more;
    if (!q->has_bound)
        return STORE_OK;
    if (page->count == 0)
        return side_exists(db, cache, q, uindex, !q->bound_before, q->bound_id, true,
                           q->bound_before ? &page->has_more_after : &page->has_more_before);
    if (reversed)
        return side_exists(db, cache, q, uindex, false, page->items[page->count - 1].id, false,
                           &page->has_more_after);
    return side_exists(db, cache, q, uindex, true, page->items[0].id, false,
                       &page->has_more_before);
}

enum store_result store_scan_page(sqlite3 *db, struct store_scan_cache *cache,
                                  const struct list_query *q, struct dest_page *page)
{
    struct created_keys k;
    bool uindex = updated_sparse(db, cache, q);
    struct scan s = scan_base(q, &k, uindex);
    memset(page, 0, sizeof *page);
    s.limit = q->limit;
    s.desc = q->has_bound && q->bound_before ? !q->desc : q->desc;
    if (q->has_bound) {
        if (s.desc)
            tighten_hi(&s, q->bound_id, false);
        else
            tighten_lo(&s, q->bound_id, false);
    }
    bool more = false;
    enum store_result rc = scan_rows(db, cache, &s, page, &more);
    if (rc == STORE_OK && q->has_bound && q->bound_before)
        page_reverse(page);
    if (rc == STORE_OK)
        rc = page_flags(db, cache, q, uindex, more, page);
    if (rc != STORE_OK)
        dest_page_free(page);
    return rc;
}
