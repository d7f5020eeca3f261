/* The bounded window of loaded list pages (see pager.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pager.h"

static void page_free(struct pager *p, struct pager_page *pg)
{
    for (size_t i = 0; i < pg->count; i++)
        if (p->item_free)
            p->item_free(pg->items[i]);
    free(pg->items);
    pg->items = NULL;
    pg->count = 0;
}

static void put_page(struct pager *p, size_t at, void **items, size_t n)
{
    memmove(&p->pages[at + 1], &p->pages[at], (p->npages - at) * sizeof(*p->pages));
    p->pages[at].items = items;
    p->pages[at].count = n;
    p->npages++;
}

static void drop_pages(struct pager *p)
{
    for (size_t i = 0; i < p->npages; i++)
        page_free(p, &p->pages[i]);
    p->npages = 0;
}

void pager_init(struct pager *p, size_t page_size, size_t max_pages,
                const char *(*item_id)(const void *), void (*item_free)(void *))
{
    memset(p, 0, sizeof(*p));
    p->offset_known = true;
    p->page_size = page_size ? page_size : 20;
    p->max_pages = max_pages < 3 ? 3 : max_pages;
    p->prefetch = p->page_size;
    p->pages = calloc(p->max_pages + 1, sizeof(*p->pages));
    p->item_id = item_id;
    p->item_free = item_free;
}

void pager_fit_screen(struct pager *p, size_t screen_rows)
{
    size_t ahead = screen_rows > p->page_size ? screen_rows : p->page_size;
    size_t want = (screen_rows + 2 * ahead + p->page_size - 1) / p->page_size + 2;
    struct pager_page *grown;
    p->prefetch = ahead;
    if (want <= p->max_pages || !p->pages)
        return;
    grown = realloc(p->pages, (want + 1) * sizeof(*p->pages));
    if (!grown)
        return;
    memset(grown + p->max_pages + 1, 0, (want - p->max_pages) * sizeof(*grown));
    p->pages = grown;
    p->max_pages = want;
}

bool pager_has_room(const struct pager *p)
{
    return p->npages < p->max_pages;
}

void pager_free(struct pager *p)
{
    if (!p->pages)
        return;
    drop_pages(p);
    free(p->pages);
    p->pages = NULL;
}

void pager_reset(struct pager *p)
{
    drop_pages(p);
    p->generation++;
    p->loaded = false;
    p->more_before = p->more_after = false;
    p->offset = 0;
    p->offset_known = true;
    memset(p->pending, 0, sizeof(p->pending));
}

void pager_seed(struct pager *p, void *item)
{
    void **items = malloc(sizeof(void *));
    pager_reset(p);
    if (!items) {
        if (p->item_free)
            p->item_free(item);
        return;
    }
    items[0] = item;
    put_page(p, 0, items, 1);
    p->loaded = true;
    p->more_before = p->more_after = true;
    p->offset_known = false;
}

bool pager_append(struct pager *p, void **items, size_t n)
{
    if (p->npages >= p->max_pages)
        return false;
    put_page(p, p->npages, items, n);
    p->loaded = true;
    p->more_before = p->more_after = false;
    return true;
}

size_t pager_count(const struct pager *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->npages; i++)
        n += p->pages[i].count;
    return n;
}

void *pager_item(const struct pager *p, size_t index)
{
    for (size_t i = 0; i < p->npages; i++) {
        if (index < p->pages[i].count)
            return p->pages[i].items[index];
        index -= p->pages[i].count;
    }
    return NULL;
}

long pager_find(const struct pager *p, const char *id)
{
    long at = 0;
    if (!id)
        return -1;
    for (size_t i = 0; i < p->npages; i++)
        for (size_t j = 0; j < p->pages[i].count; j++, at++)
            if (strcmp(p->item_id(p->pages[i].items[j]), id) == 0)
                return at;
    return -1;
}

static bool set_request(struct pager *p, enum pager_dir dir, const char *id,
                        struct pager_request *out)
{
    out->dir = dir;
    out->cursor_id = id ? strdup(id) : NULL;
    out->generation = p->generation;
    p->pending[dir] = true;
    return true;
}

bool pager_busy(const struct pager *p)
{
    for (size_t i = 0; i < sizeof(p->pending) / sizeof(p->pending[0]); i++)
        if (p->pending[i])
            return true;
    return false;
}

bool pager_next_request(struct pager *p, size_t selected, struct pager_request *out)
{
    size_t n = pager_count(p), ahead;
    if (!p->loaded) {
        if (pager_busy(p))
            return false;
        return set_request(p, PAGER_FIRST, NULL, out);
    }
    if (p->pending[PAGER_RELOAD_AFTER] || p->pending[PAGER_RELOAD_BEFORE])
        return false;
    ahead = p->prefetch > p->page_size ? p->prefetch : p->page_size;
    if (p->more_after && !p->pending[PAGER_AFTER] && n > 0 && selected + ahead >= n)
        return set_request(p, PAGER_AFTER, p->item_id(pager_item(p, n - 1)), out);
    if (p->more_before && !p->pending[PAGER_BEFORE] && n > 0 && selected < ahead)
        return set_request(p, PAGER_BEFORE, p->item_id(pager_item(p, 0)), out);
    return false;
}

void pager_reload_request(struct pager *p, size_t selected, struct pager_request *out)
{
    size_t n = pager_count(p);
    long off = p->offset;
    bool more_before = p->more_before;
    const char *anchor = NULL;
    enum pager_dir dir = PAGER_FIRST;
    char *id = NULL;

    if (n > 0 && selected < n && (selected > 0 || more_before)) {
        if (selected > 0) {
            dir = PAGER_RELOAD_AFTER;
            anchor = p->item_id(pager_item(p, selected - 1));
            p->reload_offset = off + (long)selected;
        } else if (selected + 1 < n) {
            dir = PAGER_RELOAD_BEFORE;
            anchor = p->item_id(pager_item(p, selected + 1));
            p->reload_offset = off + (long)selected + 1;   /* minus the reply's size */
        }
    }
    id = anchor ? strdup(anchor) : NULL;
    memset(p->pending, 0, sizeof(p->pending));
    p->generation++;
    out->dir = dir;
    out->cursor_id = id;
    out->generation = p->generation;
    p->pending[dir] = true;
}

void pager_last_request(struct pager *p, struct pager_request *out)
{
    memset(p->pending, 0, sizeof(p->pending));
    p->generation++;
    set_request(p, PAGER_LAST, NULL, out);
}

void pager_request_clear(struct pager_request *r)
{
    free(r->cursor_id);
    r->cursor_id = NULL;
}


static long evict_front(struct pager *p)
{
    long gone = (long)p->pages[0].count;
    page_free(p, &p->pages[0]);
    p->npages--;
    memmove(&p->pages[0], &p->pages[1], p->npages * sizeof(*p->pages));
    p->offset += gone;
    p->more_before = true;
    return -gone;
}

static void evict_back(struct pager *p)
{
    page_free(p, &p->pages[p->npages - 1]);
    p->npages--;
    p->more_after = true;
}

static struct pager_result receive_replace(struct pager *p, enum pager_dir dir, void **items,
                                           size_t n, bool more_before, bool more_after)
{
    struct pager_result r = { true, 0 };
    if (dir == PAGER_LAST) {           /* opposite order: reverse, flags swap sides */
        for (size_t i = 0; i < n / 2; i++) {
            void *t = items[i];
            items[i] = items[n - 1 - i];
            items[n - 1 - i] = t;
        }
        more_before = more_after;
        more_after = false;
    }
    drop_pages(p);
    put_page(p, 0, items, n);
    p->loaded = true;
    p->more_before = more_before;
    p->more_after = more_after;
    if (dir == PAGER_FIRST)
        p->offset = 0;
    else if (dir == PAGER_LAST)
        p->offset_known = !more_before;
    else if (dir == PAGER_RELOAD_AFTER)
        p->offset = p->reload_offset;
    else
        p->offset = p->reload_offset - (long)n;
    if (p->offset < 0 || !more_before)     /* at the start, or an estimate gone wrong */
        p->offset = 0;
    if (!more_before)
        p->offset_known = true;
    return r;
}

struct pager_result pager_receive(struct pager *p, unsigned generation, enum pager_dir dir,
                                  void **items, size_t n, bool more_before, bool more_after)
{
    struct pager_result r = { false, 0 };
    if (generation != p->generation || !p->pending[dir]) {
        for (size_t i = 0; i < n; i++)
            if (p->item_free)
                p->item_free(items[i]);
        free(items);
        return r;
    }
    p->pending[dir] = false;
    if (dir != PAGER_AFTER && dir != PAGER_BEFORE)
        return receive_replace(p, dir, items, n, more_before, more_after);
    r.accepted = true;
    if (n == 0) {                     /* an empty page ends that edge: never loop on it */
        free(items);
        if (dir == PAGER_AFTER)
            p->more_after = false;
        else
            p->more_before = false;
        return r;
    }
    if (dir == PAGER_AFTER) {
        put_page(p, p->npages, items, n);
        p->more_after = more_after;
        if (p->npages > p->max_pages)
            r.shift = evict_front(p);
    } else {
        put_page(p, 0, items, n);
        p->more_before = more_before;
        p->offset -= (long)n;
        if (p->offset < 0 || !more_before)
            p->offset = 0;
        if (!more_before)
            p->offset_known = true;
        r.shift = (long)n;
        if (p->npages > p->max_pages)
            evict_back(p);
    }
    return r;
}

void pager_failed(struct pager *p, unsigned generation, enum pager_dir dir)
{
    if (generation == p->generation)
        p->pending[dir] = false;
}

void pager_position(const struct pager *p, size_t first, size_t last, char *buf, size_t size)
{
    size_t n = pager_count(p);
    bool above = first > 0 || p->more_before;
    bool below = last + 1 < n || p->more_after;
    const char *more = above && below ? ", more above and below"
                     : above ? ", more above" : below ? ", more below" : "";
    if (n == 0) {
        snprintf(buf, size, p->loaded ? "no destinations" : "loading");
        return;
    }
    if (!p->offset_known)
        snprintf(buf, size, "%zu rows held%s", n, more);
    else
        snprintf(buf, size, "%ld-%ld%s", p->offset + (long)first + 1,
                 p->offset + (long)last + 1, more);
}
