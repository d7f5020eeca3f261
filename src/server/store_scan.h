/* store_scan: keyset page and EXISTS queries over the id primary key, statements cached by shape. */
#ifndef CBDEST_SERVER_STORE_SCAN_H
#define CBDEST_SERVER_STORE_SCAN_H

#include <sqlite3.h>

#include "server/store.h"

#define STORE_SCAN_SHAPES 2048

struct store_scan_cache {
    sqlite3_stmt *stmts[STORE_SCAN_SHAPES];
    sqlite3_stmt *count_updated; /* selectivity probe for updated_at filters */
};

/* Sets how many updated_at matches make the id walk cheaper than the updated_at index
 * (default 2000; tests use 0 and a huge value to force either plan). */
void store_scan_set_dense_threshold(int rows);

/* Finalizes every cached statement. */
void store_scan_cache_clear(struct store_scan_cache *cache);

/* Runs the page query (one row beyond the page tells the far side) and, after a cursor, one
 * EXISTS for the near side, for q (caller holds the store lock). */
enum store_result store_scan_page(sqlite3 *db, struct store_scan_cache *cache,
                                  const struct list_query *q, struct dest_page *page);

/* Reads the current row of a statement selecting the store's columns (defined in store.c);
 * the text fields go into page's string blocks when page is set, else they are malloc'd. */
void store_read_row(sqlite3_stmt *s, struct dest_row *row, struct dest_page *page);

#endif
