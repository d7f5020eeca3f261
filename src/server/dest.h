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

struct dest_page {
    struct dest_row *items;
    size_t count;
    bool has_more_before, has_more_after;
};

void dest_row_free(struct dest_row *row);     /* frees the strings, keeps the struct */
void dest_input_free(struct dest_input *in);  /* frees the strings, keeps the struct */
void dest_page_free(struct dest_page *page);  /* frees the items, keeps the struct */

#endif
