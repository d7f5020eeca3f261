/* store: SQLite persistence; one connection behind a mutex, statements prepared once. */
#include "server/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/dates.h"
#include "server/store_scan.h"

#define COLS "id, status, name, description, metadata, url, method, created_at, updated_at"

enum stmt_id { ST_INSERT, ST_GET, ST_UPDATE, ST_ARCHIVE, ST_ANY, ST__COUNT };

static const char *const stmt_sql[ST__COUNT] = {
    [ST_INSERT] = "INSERT INTO callback_destinations (" COLS ") VALUES (?,?,?,?,?,?,?,?,?)",
    [ST_GET] = "SELECT " COLS " FROM callback_destinations WHERE id = ?1",
    [ST_UPDATE] = "UPDATE callback_destinations SET name = coalesce(?1, name),"
                  " description = CASE WHEN ?2 THEN ?3 ELSE description END,"
                  " metadata = coalesce(?4, metadata), url = coalesce(?5, url),"
                  " updated_at = max(?6, updated_at + 1) WHERE id = ?7 RETURNING " COLS,
    [ST_ARCHIVE] = "UPDATE callback_destinations SET status = 'archived',"
                   " updated_at = max(?1, updated_at + 1)"
                   " WHERE id = ?2 AND status <> 'archived' RETURNING " COLS,
    [ST_ANY] = "SELECT EXISTS (SELECT 1 FROM callback_destinations)",
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS callback_destinations ("
    " id TEXT PRIMARY KEY NOT NULL, status TEXT NOT NULL, name TEXT NOT NULL,"
    " description TEXT, metadata TEXT NOT NULL DEFAULT '{}', url TEXT NOT NULL,"
    " method TEXT NOT NULL DEFAULT 'POST', created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS callback_destinations_updated"
    " ON callback_destinations (updated_at);";

#define STORE_READERS 4

/* A read-only use of its own connection, so reads proceed while a write waits on fsync. */
struct reader {
    pthread_mutex_t lock;
    sqlite3 *db;
    sqlite3_stmt *get;
    sqlite3_stmt *begin, *commit; /* a list's read transaction, prepared once */
    struct store_scan_cache scans;
};

struct store {
    sqlite3 *db; /* the writer */
    pthread_mutex_t lock;
    sqlite3_stmt *stmts[ST__COUNT];
    struct reader readers[STORE_READERS];
    int n_readers; /* readers initialised (for cleanup) */
};

static atomic_int reader_next;
static _Thread_local int reader_slot = -1;

/* Each thread sticks to one reader (MHD's pool threads then never contend). */
static struct reader *reader_lock(struct store *st)
{
    if (reader_slot < 0)
        reader_slot = atomic_fetch_add(&reader_next, 1) % STORE_READERS;
    struct reader *r = &st->readers[reader_slot];
    pthread_mutex_lock(&r->lock);
    return r;
}

static int reader_open(struct reader *r, const char *path)
{
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    pthread_mutex_init(&r->lock, NULL);
    if (sqlite3_open_v2(path, &r->db, flags, NULL) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(r->db, 5000);
    sqlite3_exec(r->db, "PRAGMA cache_size=-4000", NULL, NULL, NULL);
    const unsigned pf = SQLITE_PREPARE_PERSISTENT;
    return sqlite3_prepare_v3(r->db, stmt_sql[ST_GET], -1, pf, &r->get, NULL) == SQLITE_OK &&
                   sqlite3_prepare_v3(r->db, "BEGIN", -1, pf, &r->begin, NULL) == SQLITE_OK &&
                   sqlite3_prepare_v3(r->db, "COMMIT", -1, pf, &r->commit, NULL) == SQLITE_OK
               ? 0
               : -1;
}

/* Runs a prepared statement without result rows (BEGIN, COMMIT); SQLITE_OK when it did. */
static int exec_prepared(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void reader_close(struct reader *r)
{
    sqlite3_finalize(r->get);
    sqlite3_finalize(r->begin);
    sqlite3_finalize(r->commit);
    store_scan_cache_clear(&r->scans);
    if (r->db)
        sqlite3_close(r->db);
    pthread_mutex_destroy(&r->lock);
}

static int exec_pragmas(sqlite3 *db)
{
    static const char *const pragmas[] = {
        "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=OFF",
        "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-16000", schema_sql,
    };
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++)
        if (sqlite3_exec(db, pragmas[i], NULL, NULL, NULL) != SQLITE_OK)
            return -1;
    return 0;
}

struct store *store_open(const char *path, char *err, size_t errlen)
{
    struct store *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    pthread_mutex_init(&st->lock, NULL);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_busy_timeout(st->db, 5000);
    if (exec_pragmas(st->db) != 0)
        goto fail;
    for (int i = 0; i < ST__COUNT; i++)
        if (sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &st->stmts[i], NULL) != SQLITE_OK)
            goto fail;
    for (int i = 0; i < STORE_READERS; i++)
        if (st->n_readers++, reader_open(&st->readers[i], path) != 0)
            goto fail;
    return st;
fail:
    snprintf(err, errlen, "cannot open database %s: %s", path,
             st->db ? sqlite3_errmsg(st->db) : "out of memory");
    store_close(st);
    return NULL;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    for (int i = 0; i < st->n_readers; i++)
        reader_close(&st->readers[i]);
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    if (st->db)
        sqlite3_close(st->db);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

/* A text column as a new string: in the page's blocks when page is set, else malloc'd. */
static char *column_dup(sqlite3_stmt *s, int col, struct dest_page *page)
{
    const char *text = (const char *)sqlite3_column_text(s, col);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    if (page)
        return dest_page_strndup(page, text, n);
    char *out = malloc(n + 1);
    if (out)
        memcpy(out, text, n + 1);
    return out;
}

/* A text column into a fixed buffer, truncated to fit (what snprintf "%s" did, minus the
 * format parsing: this runs three times per listed row). */
static void column_copy(sqlite3_stmt *s, int col, char *dst, size_t cap)
{
    const char *text = (const char *)sqlite3_column_text(s, col);
    size_t n = text ? strnlen(text, cap - 1) : 0;
    memcpy(dst, text ? text : "", n);
    dst[n] = '\0';
}

void store_read_row(sqlite3_stmt *s, struct dest_row *row, struct dest_page *page)
{
    memset(row, 0, sizeof *row);
    column_copy(s, 0, row->id, sizeof row->id);
    column_copy(s, 1, row->status, sizeof row->status);
    row->name = column_dup(s, 2, page);
    row->description = column_dup(s, 3, page);
    row->metadata = column_dup(s, 4, page);
    row->url = column_dup(s, 5, page);
    column_copy(s, 6, row->method, sizeof row->method);
    row->created_at = sqlite3_column_int64(s, 7);
    row->updated_at = sqlite3_column_int64(s, 8);
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bind_row(sqlite3_stmt *s, const struct dest_row *row)
{
    sqlite3_bind_text(s, 1, row->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, row->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, row->name, -1, SQLITE_STATIC);
    bind_text_or_null(s, 4, row->description);
    sqlite3_bind_text(s, 5, row->metadata ? row->metadata : "{}", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, row->url, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, row->method, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 8, row->created_at);
    sqlite3_bind_int64(s, 9, row->updated_at);
}

/* Steps a write statement to completion; returns STORE_OK if it committed. */
static enum store_result step_done(sqlite3_stmt *s)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* Steps a statement that returns at most one row into *out, then completes it. */
static enum store_result step_one(sqlite3_stmt *s, struct dest_row *out)
{
    int rc = sqlite3_step(s);
    bool found = rc == SQLITE_ROW;
    if (found)
        store_read_row(s, out, NULL);
    enum store_result done = rc == SQLITE_ROW || rc == SQLITE_DONE ? step_done(s) : STORE_ERROR;
    if (done != STORE_OK) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (found)
            dest_row_free(out);
        return STORE_ERROR;
    }
    return found ? STORE_OK : STORE_NOT_FOUND;
}

enum store_result store_create(struct store *st, const struct dest_input *in,
                               struct dest_row *out)
{
    struct dest_row row = {0};
    int64_t ms;
    snprintf(row.status, sizeof row.status, "active");
    snprintf(row.method, sizeof row.method, "POST");
    row.name = in->name;
    row.description = in->has_description ? in->description : NULL;
    row.metadata = in->has_metadata && in->metadata ? in->metadata : (char *)"{}";
    row.url = in->url;
    pthread_mutex_lock(&st->lock);
    /* the id is made under the writer lock: ids commit in id order, so a reader that has seen
     * an id can never later find a smaller one appear behind it */
    ids_new(-1, row.id, &ms);
    row.created_at = row.updated_at = ms;
    sqlite3_stmt *s = st->stmts[ST_INSERT];
    bind_row(s, &row);
    enum store_result rc = step_done(s);
    pthread_mutex_unlock(&st->lock);
    if (rc != STORE_OK)
        return rc;
    *out = row;
    out->name = strdup(row.name);
    out->description = row.description ? strdup(row.description) : NULL;
    out->metadata = strdup(row.metadata);
    out->url = strdup(row.url);
    return out->name && out->metadata && out->url ? STORE_OK : STORE_ERROR;
}

enum store_result store_get(struct store *st, const char *id, struct dest_row *out)
{
    struct reader *r = reader_lock(st);
    sqlite3_bind_text(r->get, 1, id, -1, SQLITE_STATIC);
    enum store_result rc = step_one(r->get, out);
    pthread_mutex_unlock(&r->lock);
    return rc;
}

enum store_result store_update(struct store *st, const char *id, const struct dest_input *in,
                               struct dest_row *out)
{
    pthread_mutex_lock(&st->lock);
    sqlite3_stmt *s = st->stmts[ST_UPDATE];
    bind_text_or_null(s, 1, in->has_name ? in->name : NULL);
    sqlite3_bind_int(s, 2, in->has_description);
    bind_text_or_null(s, 3, in->description);
    bind_text_or_null(s, 4, in->has_metadata ? in->metadata : NULL);
    bind_text_or_null(s, 5, in->has_url ? in->url : NULL);
    sqlite3_bind_int64(s, 6, dates_now_ms());
    sqlite3_bind_text(s, 7, id, -1, SQLITE_STATIC);
    enum store_result rc = step_one(s, out);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

enum store_result store_archive(struct store *st, const char *id, struct dest_row *out)
{
    pthread_mutex_lock(&st->lock);
    sqlite3_stmt *s = st->stmts[ST_ARCHIVE];
    sqlite3_bind_int64(s, 1, dates_now_ms());
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    enum store_result rc = step_one(s, out);
    pthread_mutex_unlock(&st->lock);
    if (rc == STORE_NOT_FOUND) /* unknown, or already archived: answer the stored object */
        rc = store_get(st, id, out);
    return rc;
}

enum store_result store_list(struct store *st, const struct list_query *q,
                             struct dest_page *page)
{
    struct reader *r = reader_lock(st);
    /* one read transaction: the page and its flags see the same snapshot */
    enum store_result rc = STORE_ERROR;
    if (exec_prepared(r->begin) == SQLITE_OK) {
        rc = store_scan_page(r->db, &r->scans, q, page);
        if (exec_prepared(r->commit) != SQLITE_OK && rc == STORE_OK) {
            dest_page_free(page);
            rc = STORE_ERROR;
        }
    }
    pthread_mutex_unlock(&r->lock);
    return rc;
}

int store_is_empty(struct store *st)
{
    pthread_mutex_lock(&st->lock);
    sqlite3_stmt *s = st->stmts[ST_ANY];
    int rc = sqlite3_step(s) == SQLITE_ROW ? !sqlite3_column_int(s, 0) : -1;
    sqlite3_reset(s);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

enum store_result store_bulk_insert(struct store *st, int (*next)(void *ctx, struct dest_row *),
                                    void *ctx)
{
    struct dest_row row;
    enum store_result rc = STORE_OK;
    pthread_mutex_lock(&st->lock);
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        pthread_mutex_unlock(&st->lock);
        return STORE_ERROR;
    }
    while (rc == STORE_OK && next(ctx, &row) == 1) {
        bind_row(st->stmts[ST_INSERT], &row);
        rc = step_done(st->stmts[ST_INSERT]);
        dest_row_free(&row);
    }
    const char *end = rc == STORE_OK ? "COMMIT" : "ROLLBACK";
    if (sqlite3_exec(st->db, end, NULL, NULL, NULL) != SQLITE_OK)
        rc = STORE_ERROR;
    pthread_mutex_unlock(&st->lock);
    return rc;
}
