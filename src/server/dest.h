/* dest: the destination model as stored (dest_row), as written (dest_input), and a page of rows. */
#ifndef CBDEST_SERVER_DEST_H
#define CBDEST_SERVER_DEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server/ids.h"

struct dest_row {
    char id[IDS_LEN + 1];
    char status[16];     /* "active" | "archived" */
    char *name;          /* owned */
    char *description;   /* owned; NULL = JSON null */
    char *metadata;      /* owned; JSON object text, never NULL once loaded */
    char *url;           /* owned; normalised */
    char method[8];      /* "POST" */
    int64_t created_at;  /* ms since epoch */
    int64_t updated_at;
};

/* Validated fields of a create or update body; has_* says whether the field was given. */
struct dest_input {
    bool has_name, has_description, has_metadata, has_url;
    char *name;
    char *description; /* NULL with has_description = null (create only) */
    char *metadata;    /* JSON object text */
    char *url;         /* normalised */
};

/* Text storage shared by a page's rows: one allocation per block, not four per row. */
struct dest_block {
    struct dest_block *next;
    size_t used, cap;
    char data[];
};

struct dest_page {
    struct dest_row *items;
    size_t count;
    bool has_more_before, has_more_after;
    struct dest_block *strings; /* owned; when set, the rows' text fields point into it */
};

void dest_row_free(struct dest_row *row);     /* frees the strings, keeps the struct */
void dest_input_free(struct dest_input *in);  /* frees the strings, keeps the struct */
void dest_page_free(struct dest_page *page);  /* frees the items, keeps the struct */
/* Copies n bytes of s plus a NUL into the page's string blocks; NULL when out of memory. */
char *dest_page_strndup(struct dest_page *page, const char *s, size_t n);

#endif
