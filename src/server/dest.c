/* dest: ownership of the destination model structs. */
#include "server/dest.h"

#include <stdlib.h>
#include <string.h>

void dest_row_free(struct dest_row *row)
{
    if (!row)
        return;
    free(row->name);
    free(row->description);
    free(row->metadata);
    free(row->url);
    row->name = row->description = row->metadata = row->url = NULL;
}

void dest_input_free(struct dest_input *in)
{
    if (!in)
        return;
    free(in->name);
    free(in->description);
    free(in->metadata);
    free(in->url);
    memset(in, 0, sizeof *in);
}

#define DEST_BLOCK_SIZE 16384

void dest_page_free(struct dest_page *page)
{
    if (!page)
        return;
    if (!page->strings)
        for (size_t i = 0; i < page->count; i++)
            dest_row_free(&page->items[i]);
    while (page->strings) {
        struct dest_block *next = page->strings->next;
        free(page->strings);
        page->strings = next;
    }
    free(page->items);
    page->items = NULL;
    page->count = 0;
}

char *dest_page_strndup(struct dest_page *page, const char *s, size_t n)
{
    struct dest_block *b = page->strings;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > DEST_BLOCK_SIZE ? n + 1 : DEST_BLOCK_SIZE;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = page->strings;
        b->used = 0;
        b->cap = cap;
        page->strings = b;
    }
    char *out = b->data + b->used;
    memcpy(out, s, n);
    out[n] = '\0';
    b->used += n + 1;
    return out;
}
