/* The editor form's values as a destination: building, local validation, field errors. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"

/* A copy of s without leading and trailing ASCII whitespace; NULL on OOM. */
static char *form_trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    return strndup(s, n);
}

/* The description to send: NULL when empty and the original had none (or it is new). */
static const char *form_description_value(const struct form *form)
{
    const char *text = lineedit_text(&form->description);
    if (text[0])
        return text;
    return form->original && form->original->description ? "" : NULL;
}

/* Sets d's metadata from the non-blank rows. 0 ok, -1 invalid (errors added), -2 OOM. */
static int form_apply_rows(const struct form *form, struct dest *d, struct dest_field_errors *errs)
{
    struct dest_meta_row *rows = calloc(form->nrows + 1, sizeof *rows);
    size_t n = 0;
    if (!rows)
        return -2;
    for (size_t i = 0; i < form->nrows; i++) {
        const struct form_meta_row *row = &form->rows[i];
        if (!lineedit_text(&row->key)[0] && !lineedit_text(&row->value)[0])
            continue;
        rows[n].key = (char *)lineedit_text(&row->key);
        rows[n].value_text = (char *)lineedit_text(&row->value);
        rows[n].is_string = row->is_string;
        n++;
    }
    int rc = dest_meta_set_rows(d, rows, n, errs);
    free(rows); /* the strings are the edit buffers' */
    return rc;
}

/* The typed values as a new destination (a copy of the original with them applied).
 * Errors found on the way go to errs; *valid tells whether there were none. NULL on OOM. */
static struct dest *form_make_dest(const struct form *form, struct dest_field_errors *errs,
                                   bool *valid)
{
    struct dest *d = form->original ? dest_clone(form->original) : dest_new();
    char *url = form_trimmed(lineedit_text(&form->url));
    *valid = false;
    if (!d || !url || dest_set_string(&d->name, lineedit_text(&form->name)) < 0 ||
        dest_set_string(&d->url, url) < 0 ||
        dest_set_string(&d->description, form_description_value(form)) < 0)
        goto fail;
    int rc = form_apply_rows(form, d, errs);
    if (rc == -2)
        goto fail;
    int found = dest_validate(d, true, errs);
    if (found < 0)
        goto fail;
    *valid = rc == 0 && found == 0;
    free(url);
    return d;
fail:
    free(url);
    dest_free(d);
    return NULL;
}

void form_validate(struct form *form)
{
    bool valid;
    dest_field_errors_clear(&form->local);
    dest_free(form_make_dest(form, &form->local, &valid));
}

/* --- error lookup ------------------------------------------------------------------------ */

static const char *form_find_exact(const struct dest_field_errors *errs, const char *path)
{
    for (size_t i = 0; i < errs->count; i++)
        if (strcmp(errs->items[i].path, path) == 0)
            return errs->items[i].message;
    return NULL;
}

/* The error path of a text slot ("metadata.KEY" for rows) into buf. */
static void form_slot_path(const struct form *form, struct form_slot slot, char *buf, size_t n)
{
    static const char *const fixed[] = {"name", "url", "description"};
    if (slot.kind <= FORM_SLOT_DESC)
        snprintf(buf, n, "%s", fixed[slot.kind]);
    else if (slot.kind == FORM_SLOT_META_KEY || slot.kind == FORM_SLOT_META_VALUE)
        snprintf(buf, n, "metadata.%s", lineedit_text(&form->rows[slot.row].key));
    else
        buf[0] = '\0';
}

static bool form_slot_touched(const struct form *form, struct form_slot slot)
{
    if (form->show_all_errors)
        return true;
    switch (slot.kind) {
    case FORM_SLOT_NAME: return form->touched_name;
    case FORM_SLOT_URL: return form->touched_url;
    case FORM_SLOT_DESC: return form->touched_desc;
    case FORM_SLOT_META_KEY:
    case FORM_SLOT_META_VALUE: return form->rows[slot.row].touched;
    default: return false;
    }
}

/* True when this row is the first one holding its key (duplicates report on the first). */
static bool form_row_owns_key(const struct form *form, size_t row)
{
    const char *key = lineedit_text(&form->rows[row].key);
    for (size_t i = 0; i < row; i++)
        if (strcmp(lineedit_text(&form->rows[i].key), key) == 0)
            return false;
    return key[0] != '\0';
}

const char *form_slot_error(const struct form *form, struct form_slot slot)
{
    char path[512];
    if (slot.kind == FORM_SLOT_ADD_ROW || slot.kind == FORM_SLOT_SAVE)
        return NULL;
    bool row = slot.kind == FORM_SLOT_META_KEY || slot.kind == FORM_SLOT_META_VALUE;
    if (row && !form_row_owns_key(form, slot.row))
        return NULL;
    form_slot_path(form, slot, path, sizeof path);
    const char *msg = row ? form_find_exact(&form->server, path)
                          : dest_field_errors_find(&form->server, path);
    if (!msg && form_slot_touched(form, slot))
        msg = row ? form_find_exact(&form->local, path)
                  : dest_field_errors_find(&form->local, path);
    return msg;
}

const char *form_meta_error(const struct form *form)
{
    const char *msg = form_find_exact(&form->server, "metadata");
    bool touched = form->show_all_errors;
    for (size_t i = 0; i < form->nrows && !touched; i++)
        touched = form->rows[i].touched;
    if (!msg && touched)
        msg = form_find_exact(&form->local, "metadata");
    return msg;
}

/* Drops server errors for path (and below it): the user is fixing that field. */
void form_forget_server_error(struct form *form, struct form_slot slot)
{
    char path[512];
    struct dest_field_errors kept = {0};
    form_slot_path(form, slot, path, sizeof path);
    size_t n = strlen(path);
    for (size_t i = 0; i < form->server.count; i++) {
        const struct dest_field_error *e = &form->server.items[i];
        bool match = strncmp(e->path, path, n) == 0 && (e->path[n] == '\0' || e->path[n] == '.');
        if (!match)
            dest_field_errors_add(&kept, e->path, e->message);
    }
    dest_field_errors_clear(&form->server);
    form->server = kept;
}

/* True when a metadata row's shown error is about its value, not its key: no server error
 * names the row (the server's are about keys) and the value alone is refused by the core
 * (JSON that does not parse). */
static bool form_row_error_is_value(const struct form *form, size_t row)
{
    char path[512];
    form_slot_path(form, (struct form_slot){FORM_SLOT_META_VALUE, row}, path, sizeof path);
    if (form_find_exact(&form->server, path))
        return false;
    const struct form_meta_row *r = &form->rows[row];
    struct dest_meta_row one = {(char *)lineedit_text(&r->key), (char *)lineedit_text(&r->value),
                                r->is_string};
    struct dest *scratch = dest_new();
    bool bad = scratch && dest_meta_set_rows(scratch, &one, 1, NULL) == -1;
    dest_free(scratch);
    return bad;
}

/* The key slot of the first row with an empty key but a value (its error is the metadata
 * heading's "row N has an empty key"), or SIZE_MAX. */
static size_t form_first_empty_key(const struct form *form)
{
    for (size_t r = 0; r < form->nrows; r++)
        if (!lineedit_text(&form->rows[r].key)[0] && lineedit_text(&form->rows[r].value)[0])
            return 3 + 2 * r;
    return SIZE_MAX;
}

/* Moves the focus to the field the first visible error is about: for a metadata row its
 * value when the value is at fault, else its key; a metadata-wide error caused by a row
 * without a key focuses that key. */
static void form_focus_first_error(struct form *form)
{
    for (size_t i = 0; i < form_slot_count(form); i++) {
        struct form_slot s = form_slot_at(form, i);
        if (!form_slot_error(form, s))
            continue;
        if (s.kind == FORM_SLOT_META_KEY && form_row_error_is_value(form, s.row))
            i++;
        form->focus = i;
        return;
    }
    size_t empty = form_meta_error(form) ? form_first_empty_key(form) : SIZE_MAX;
    if (empty != SIZE_MAX)
        form->focus = empty;
}

/* --- building and server errors ---------------------------------------------------------- */

bool form_build(struct form *form, struct dest *out)
{
    bool valid;
    dest_field_errors_clear(&form->local);
    struct dest *made = form_make_dest(form, &form->local, &valid);
    if (!made)
        return false;
    if (!valid) {
        dest_free(made);
        form->show_all_errors = true;
        form_focus_first_error(form);
        return false;
    }
    struct dest old = *out;
    *out = *made;
    *made = old;
    dest_free(made);
    return true;
}

void form_set_server_errors(struct form *form, const struct api_error *err)
{
    dest_field_errors_clear(&form->server);
    free(form->server_message);
    form->server_message = NULL;
    if (!err)
        return;
    for (size_t i = 0; i < err->fields.count; i++)
    {
        const struct dest_field_error *e = &err->fields.items[i];
        dest_field_errors_add(&form->server, e->path ? e->path : "",
                              e->message ? e->message : "invalid");
    }
    if (err->code && strcmp(err->code, "invalid_callback_destination_url") == 0 &&
        !dest_field_errors_find(&form->server, "url"))
        dest_field_errors_add(&form->server, "url",
                              err->message ? err->message : "not an absolute http(s) URL");
    form->server_message = api_error_summary(err);
    form_focus_first_error(form);
}
