/* The bounded window of loaded list pages: which page to fetch next, where each row sits,
 * and how a reply shifts the rows (pure logic, no curses, no network). */
#ifndef CBDEST_UI_PAGER_H
#define CBDEST_UI_PAGER_H

#include <stdbool.h>
#include <stddef.h>

/* How a page request is anchored. FIRST: the first page of the order; AFTER/BEFORE: next to
 * the last/first row held; RELOAD_AFTER/RELOAD_BEFORE: a reload anchored next to the selection
 * (the reply replaces every page held). */
enum pager_dir {
    PAGER_FIRST,
    PAGER_AFTER,
    PAGER_BEFORE,
    PAGER_RELOAD_AFTER,
    PAGER_RELOAD_BEFORE,
    PAGER_LAST,              /* the last page: the first page of the opposite order, reversed */
};

struct pager_request {
    enum pager_dir dir;
    char *cursor_id;         /* owned copy; NULL for PAGER_FIRST */
    unsigned generation;
};

struct pager_page {
    void **items;            /* owned by the pager; freed with item_free */
    size_t count;
};

struct pager {
    struct pager_page *pages;
    size_t npages, max_pages, page_size;
    size_t prefetch;         /* rows kept loaded beyond the selection (>= page_size) */
    long offset;             /* absolute position of the first row held (0 = the very first) */
    bool offset_known;       /* false after pager_seed until the start is reached again */
    bool more_before, more_after;
    bool loaded;             /* a first (or reload) page has arrived */
    unsigned generation;     /* bumped by pager_reset; replies of older generations are dropped */
    bool pending[6];         /* a request in flight per pager_dir */
    long reload_offset;      /* offset the pending reload's first row will have */
    const char *(*item_id)(const void *item);
    void (*item_free)(void *item);
};

/* What a reply did. accepted is false for a stale or unexpected reply (its items were freed).
 * shift: add it to every row index held by the caller (rows moved by a prepend or an eviction).
 * For a reload, shift is meaningless and the caller looks its selection up by id. */
struct pager_result {
    bool accepted;
    long shift;
};

void pager_init(struct pager *p, size_t page_size, size_t max_pages,
                const char *(*item_id)(const void *), void (*item_free)(void *));
void pager_free(struct pager *p);

/* Sizes the window for a list showing `screen_rows` rows: loads start when the selection is
 * within max(page_size, screen_rows) rows of an edge, and the window grows (never shrinks)
 * to hold a screen plus that much on each side plus a page in flight each way, so a small
 * page size or a tall terminal never evicts the rows on screen. */
void pager_fit_screen(struct pager *p, size_t screen_rows);

/* Whether one more page fits without evicting one. */
bool pager_has_room(const struct pager *p);

/* Drops every page and starts a new generation (order or filters changed). */
void pager_reset(struct pager *p);

size_t pager_count(const struct pager *p);
void *pager_item(const struct pager *p, size_t index);
/* Row index of the item with this id, or -1. */
long pager_find(const struct pager *p, const char *id);

/* The next page worth fetching for a selection at row `selected`: the first page when
 * nothing is loaded, else a page beyond the nearer edge when the selection is within one
 * page of it and more exists there. Fills *out (caller frees out->cursor_id with
 * pager_request_clear) and marks it pending; false when nothing is needed. */
bool pager_next_request(struct pager *p, size_t selected, struct pager_request *out);

/* A reload keeping the selection: anchored after the row before `selected` (or before the row
 * after it), else the first page. Starts a new generation. */
void pager_reload_request(struct pager *p, size_t selected, struct pager_request *out);

/* A jump to the end: the caller lists the opposite order with no cursor; the reply
 * (reversed by pager_receive) replaces every page. Starts a new generation. */
void pager_last_request(struct pager *p, struct pager_request *out);

void pager_request_clear(struct pager_request *r);

/* A reply: `items` (n of them, array and items handed over to the pager, the array freed with
 * free()) with the server's flags. */
struct pager_result pager_receive(struct pager *p, unsigned generation, enum pager_dir dir,
                                  void **items, size_t n, bool more_before, bool more_after);

/* Starts a new generation holding just `item` (a jump to one destination): the pages on
 * both sides are then fetched around it; positions are unknown until the start is reached. */
void pager_seed(struct pager *p, void *item);

/* Appends a page of rows that did not come from a pager request (search results), with no
 * more rows on either side. False (nothing taken) when the window is full. */
bool pager_append(struct pager *p, void **items, size_t n);

/* A request failed: clears its pending mark so it may be retried later. */
void pager_failed(struct pager *p, unsigned generation, enum pager_dir dir);

bool pager_busy(const struct pager *p);

/* "41-60, more below": rows first..last (0-based, inclusive) of what is held, in words. */
void pager_position(const struct pager *p, size_t first, size_t last, char *buf, size_t size);

#endif
