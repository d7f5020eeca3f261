/* The editor form: fields, focus, metadata rows, dirty state, validation and building. */
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "text.h"

/* --- lifetime ---------------------------------------------------------------------------- */

static struct form *form_alloc(void)
{
    struct form *form = calloc(1, sizeof *form);
    if (!form)
        return NULL;
    lineedit_init(&form->name, false);
    lineedit_init(&form->url, false);
    lineedit_init(&form->description, true);
    return form;
}

static void form_rows_free(struct form *form)
{
    for (size_t i = 0; i < form->nrows; i++) {
        lineedit_free(&form->rows[i].key);
        lineedit_free(&form->rows[i].value);
    }
    free(form->rows);
    form->rows = NULL;
    form->nrows = form->rows_cap = 0;
}

void form_free(struct form *form)
{
    if (!form)
        return;
    dest_free(form->original);
    lineedit_free(&form->name);
    lineedit_free(&form->url);
    lineedit_free(&form->description);
    form_rows_free(form);
    free(form->init_name);
    free(form->init_url);
    free(form->init_desc);
    dest_meta_rows_free(form->init_rows, form->init_nrows);
    dest_field_errors_clear(&form->local);
    dest_field_errors_clear(&form->server);
    free(form->server_message);
    free(form);
}

long form_add_meta_row(struct form *form)
{
    if (form->nrows == form->rows_cap) {
        size_t cap = form->rows_cap ? form->rows_cap * 2 : 4;
        struct form_meta_row *grown = realloc(form->rows, cap * sizeof *grown);
        if (!grown)
            return -1;
        form->rows = grown;
        form->rows_cap = cap;
    }
    struct form_meta_row *row = &form->rows[form->nrows];
    memset(row, 0, sizeof *row);
    lineedit_init(&row->key, false);
    lineedit_init(&row->value, false);
    row->is_string = true;
    return (long)form->nrows++;
}

void form_remove_meta_row(struct form *form, size_t row)
{
    if (row >= form->nrows)
        return;
    lineedit_free(&form->rows[row].key);
    lineedit_free(&form->rows[row].value);
    memmove(&form->rows[row], &form->rows[row + 1],
            (form->nrows - row - 1) * sizeof form->rows[0]);
    form->nrows--;
}

/* Loads the fields from d and snapshots them as the starting state. 0 ok, -1 OOM. */
static int form_load(struct form *form, const struct dest *d)
{
    if (lineedit_set(&form->name, d->name) < 0 || lineedit_set(&form->url, d->url) < 0 ||
        lineedit_set(&form->description, d->description) < 0)
        return -1;
    if (dest_meta_rows(d, &form->init_rows, &form->init_nrows) < 0)
        return -1;
    for (size_t i = 0; i < form->init_nrows; i++) {
        long r = form_add_meta_row(form);
        if (r < 0 || lineedit_set(&form->rows[r].key, form->init_rows[i].key) < 0 ||
            lineedit_set(&form->rows[r].value, form->init_rows[i].value_text) < 0)
            return -1;
        form->rows[r].is_string = form->init_rows[i].is_string;
    }
    form->init_name = strdup(lineedit_text(&form->name));
    form->init_url = strdup(lineedit_text(&form->url));
    form->init_desc = strdup(lineedit_text(&form->description));
    return form->init_name && form->init_url && form->init_desc ? 0 : -1;
}

struct form *form_new_create(void)
{
    struct form *form = form_alloc();
    struct dest *empty = dest_new();
    if (!form || !empty || form_load(form, empty) < 0) {
        dest_free(empty);
        form_free(form);
        return NULL;
    }
    dest_free(empty);
    form_validate(form);
    return form;
}

struct form *form_new_edit(const struct dest *original)
{
    struct form *form = form_alloc();
    if (!form)
        return NULL;
    form->original = dest_clone(original);
    if (!form->original || form_load(form, original) < 0) {
        form_free(form);
        return NULL;
    }
    form_validate(form);
    return form;
}

int form_rebase(struct form *form, const struct dest *fresh)
{
    struct dest *copy = dest_clone(fresh);
    if (!copy)
        return -1;
    dest_free(form->original);
    form->original = copy;
    form_validate(form);
    return 0;
}

const struct dest *form_original(const struct form *form)
{
    return form->original;
}

bool form_is_new(const struct form *form)
{
    return form->original == NULL;
}

void form_set_saving(struct form *form, bool saving)
{
    form->saving = saving;
    if (saving)
        form_set_server_errors(form, NULL);
}

bool form_is_saving(const struct form *form)
{
    return form->saving;
}

/* --- slots ------------------------------------------------------------------------------- */

size_t form_slot_count(const struct form *form)
{
    return 3 + 2 * form->nrows + 2;
}

struct form_slot form_slot_at(const struct form *form, size_t index)
{
    static const enum form_slot_kind fixed[] = {FORM_SLOT_NAME, FORM_SLOT_URL, FORM_SLOT_DESC};
    struct form_slot slot = {FORM_SLOT_SAVE, 0};
    if (index < 3)
        slot.kind = fixed[index];
    else if (index < 3 + 2 * form->nrows) {
        slot.row = (index - 3) / 2;
        slot.kind = (index - 3) % 2 ? FORM_SLOT_META_VALUE : FORM_SLOT_META_KEY;
    } else if (index == 3 + 2 * form->nrows)
        slot.kind = FORM_SLOT_ADD_ROW;
    return slot;
}

struct lineedit *form_slot_edit(struct form *form, struct form_slot slot)
{
    switch (slot.kind) {
    case FORM_SLOT_NAME: return &form->name;
    case FORM_SLOT_URL: return &form->url;
    case FORM_SLOT_DESC: return &form->description;
    case FORM_SLOT_META_KEY: return &form->rows[slot.row].key;
    case FORM_SLOT_META_VALUE: return &form->rows[slot.row].value;
    case FORM_SLOT_ADD_ROW:
    case FORM_SLOT_SAVE: break;
    }
    return NULL;
}

/* --- dirty ------------------------------------------------------------------------------- */

static bool form_row_is_blank(const struct form_meta_row *row)
{
    return !lineedit_text(&row->key)[0] && !lineedit_text(&row->value)[0];
}

static bool form_rows_dirty(const struct form *form)
{
    size_t n = 0;
    for (size_t i = 0; i < form->nrows; i++) {
        const struct form_meta_row *row = &form->rows[i];
        if (form_row_is_blank(row))
            continue;
        if (n >= form->init_nrows)
            return true;
        const struct dest_meta_row *init = &form->init_rows[n++];
        if (strcmp(lineedit_text(&row->key), init->key) != 0 ||
            strcmp(lineedit_text(&row->value), init->value_text) != 0 ||
            row->is_string != init->is_string)
            return true;
    }
    return n != form->init_nrows;
}

bool form_dirty(const struct form *form)
{
    return strcmp(lineedit_text(&form->name), form->init_name) != 0 ||
           strcmp(lineedit_text(&form->url), form->init_url) != 0 ||
           strcmp(lineedit_text(&form->description), form->init_desc) != 0 ||
           form_rows_dirty(form);
}
