/* store: the SQLite store of destinations (WAL, synchronous=FULL, one transaction per write). */
#ifndef CBDEST_SERVER_STORE_H
#define CBDEST_SERVER_STORE_H

#include <stddef.h>

#include "server/dest.h"
#include "server/query.h"

struct store;

enum store_result { STORE_OK, STORE_NOT_FOUND, STORE_ERROR };

/* Opens (creating if needed) the database at path. NULL on failure with err set. */
struct store *store_open(const char *path, char *err, size_t errlen);

/* Finalizes statements and closes the database cleanly (checkpointing the WAL). */
void store_close(struct store *st);

/* Creates a destination from a validated input (name and url present); fills *out. */
enum store_result store_create(struct store *st, const struct dest_input *in,
                               struct dest_row *out);

enum store_result store_get(struct store *st, const char *id, struct dest_row *out);

/* Replaces the given fields and bumps updated_at; fills *out. */
enum store_result store_update(struct store *st, const char *id, const struct dest_input *in,
                               struct dest_row *out);

/* Archives (status "archived", updated_at bumped) unless already archived; fills *out. */
enum store_result store_archive(struct store *st, const char *id, struct dest_row *out);

/* One keyset page for q, with has_more_before/after. */
enum store_result store_list(struct store *st, const struct list_query *q,
                             struct dest_page *page);

/* 1 if the store holds no destination, 0 if it does, -1 on error. */
int store_is_empty(struct store *st);

/* Inserts rows produced by next() (returning 1 per row, 0 at the end) in one transaction. */
enum store_result store_bulk_insert(struct store *st, int (*next)(void *ctx, struct dest_row *),
                                    void *ctx);

#endif
