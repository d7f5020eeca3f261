/* The editor form's private state, shared by form.c (logic) and form_draw.c (drawing) and
 * the form's unit tests; nobody else includes this. */
#ifndef CBDEST_UI_FORM_INTERNAL_H
#define CBDEST_UI_FORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "destination.h"
#include "form.h"
#include "lineedit.h"

#define FORM_LABEL_COLS 13      /* "Description  " */
#define FORM_DESC_ROWS 3        /* visible lines of the description box */

/* What can hold the focus. Slots in order: name, url, description, (key, value) per metadata
 * row, the add-row button, the save button. */
enum form_slot_kind {
    FORM_SLOT_NAME,
    FORM_SLOT_URL,
    FORM_SLOT_DESC,
    FORM_SLOT_META_KEY,
    FORM_SLOT_META_VALUE,
    FORM_SLOT_ADD_ROW,
    FORM_SLOT_SAVE
};

struct form_slot {
    enum form_slot_kind kind;
    size_t row;                 /* metadata row for META_KEY / META_VALUE */
};

struct form_meta_row {
    struct lineedit key, value;
    bool is_string;             /* false: value is JSON text (kept exact unless edited) */
    bool touched;
};

struct form {
    struct dest *original;      /* owned copy; NULL for a new destination */
    struct lineedit name, url, description;
    struct form_meta_row *rows;
    size_t nrows, rows_cap;

    /* the starting state, for form_dirty */
    char *init_name, *init_url, *init_desc;
    struct dest_meta_row *init_rows;
    size_t init_nrows;

    size_t focus;               /* slot index */
    bool touched_name, touched_url, touched_desc;
    bool show_all_errors;       /* after a refused form_build */
    struct dest_field_errors local;   /* from the last validation run */
    struct dest_field_errors server;  /* from the last refused save */
    char *server_message;       /* the refused save's summary line (sanitised), or NULL */
    bool saving;
    int top;                    /* first layout line drawn (scrolling) */
};

/* Slot bookkeeping. */
size_t form_slot_count(const struct form *form);
struct form_slot form_slot_at(const struct form *form, size_t index);
/* The edit buffer of a slot, or NULL for buttons. */
struct lineedit *form_slot_edit(struct form *form, struct form_slot slot);

/* The error message to show for a slot (local when touched or after a refused build, or the
 * server's), or NULL. For metadata rows both key and value slots report the row's error.
 * The "metadata" heading's error (exact path "metadata") comes from form_meta_error. */
const char *form_slot_error(const struct form *form, struct form_slot slot);
const char *form_meta_error(const struct form *form);

/* Appends an empty metadata row (a string value); returns its index or -1 on OOM. */
long form_add_meta_row(struct form *form);
/* Removes a metadata row (the focus is the caller's business). */
void form_remove_meta_row(struct form *form, size_t row);

/* Re-runs local validation of the typed values. */
void form_validate(struct form *form);

/* Drops the server's errors for a slot's path (and below it): the user is fixing it. */
void form_forget_server_error(struct form *form, struct form_slot slot);

/* Marks the slot as touched (its local errors show from now on). */
void form_touch(struct form *form, struct form_slot slot);

/* --- layout (form_draw.c) ------------------------------------------------------------ */

/* Columns of a metadata row besides its two boxes: 2 indent, 2+2 brackets, " = ", " JSON". */
#define FORM_META_FIXED_COLS 14

enum form_line_kind {
    FORM_LINE_TITLE,
    FORM_LINE_MESSAGE,      /* the refused save's summary */
    FORM_LINE_BLANK,
    FORM_LINE_FIELD,        /* name, url, or one line (sub) of the description box */
    FORM_LINE_ERROR,        /* "! msg" under slot's field */
    FORM_LINE_META_HEAD,    /* "Metadata" (msg: the metadata-wide error, if any) */
    FORM_LINE_META_ROW,     /* key and value boxes of the row whose key slot is `slot` */
    FORM_LINE_BUTTON,       /* [+ add row] or [ Save ] (slot) */
    FORM_LINE_HINT
};

struct form_line {
    enum form_line_kind kind;
    size_t slot;
    int sub;
    const char *msg;        /* borrowed from the form */
};

struct form_layout {
    struct form_line *lines;
    size_t count, cap;
};

struct form_cursor {
    int y, x;               /* -1: none */
};

/* The form as a list of lines (lay->lines malloc'd: free it). 0 ok, -1 OOM. */
int form_layout_build(const struct form *form, struct form_layout *lay);
/* The first line to show in `rows` lines so the focused slot (and its error) is visible. */
int form_layout_scroll(const struct form *form, const struct form_layout *lay, int top, int rows);
/* Key and value box widths for a metadata row in `cols` columns. */
void form_meta_widths(int cols, int *key_cols, int *value_cols);

#endif
