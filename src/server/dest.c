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

void dest_page_free(struct dest_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->count; i++)
        dest_row_free(&page->items[i]);
    free(page->items);
    page->items = NULL;
    page->count = 0;
}
