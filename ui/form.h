/* The editor form pane: name, url, description and metadata rows of one destination. */
#ifndef CBDEST_UI_FORM_H
#define CBDEST_UI_FORM_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "api.h"
#include "destination.h"

/* The form owns a copy of the destination it edits and never talks to the network: the screen
 * manager submits saves (POST for form_is_new, else PATCH from dest_patch_body(original,
 * built)), asks "discard changes?" when form_dirty, and reports results back with
 * form_set_saving / form_set_server_errors.
 *
 * Fields in focus order: Name, URL, Description (multi-line), then per metadata row its Key
 * and Value, then the "[+ add row]" and "[ Save ]" buttons.
 * Keys (form_key): Tab / Down / Enter (single-line fields) next field; Shift-Tab / Up
 * previous (Up/Down move between Description's lines first, and within the metadata table to
 * the same column of the next row); Left/Right, Home/End, Ctrl-A/E/U/K/W/Y, Backspace, Delete
 * edit the field (by whole characters); Enter in Description inserts a newline; Ctrl-N adds a
 * metadata row; Ctrl-D in
 * a metadata row deletes the row; Ctrl-T toggles a metadata value between string and JSON;
 * Enter on [+ add row] adds a row; Enter on [ Save ] or Ctrl-S returns FORM_SAVE;
 * Esc returns FORM_CANCEL (the caller asks first when form_dirty). Keys are ignored while
 * saving, except Esc.
 *
 * Validation runs as you type (the core's dest_validate); an error shows under its field
 * once the field was edited or left, or after a refused save. Server field errors (paths
 * "name", "url", "description", "metadata", "metadata.KEY") show the same way until the
 * field is edited again; other server errors show at the top of the form. */

struct form;

enum form_outcome { FORM_CONTINUE, FORM_SAVE, FORM_CANCEL };

/* A form for a new destination (empty fields) / for editing a copy of `original`.
 * NULL on OOM. */
struct form *form_new_create(void);
struct form *form_new_edit(const struct dest *original);
void form_free(struct form *form);

/* One key from get_wch: ch is a character when !is_keycode, else a curses KEY_* code. */
enum form_outcome form_key(struct form *form, wint_t ch, bool is_keycode);

/* Bracketed-paste text for the focused field (neutralised: controls dropped, newlines kept
 * only in Description). */
void form_paste(struct form *form, const char *utf8);

/* Draws the whole form into win (any size; scrolls to keep the focus visible) and leaves
 * win's cursor at the edit point: refresh win last with the cursor visible (curs_set(1))
 * for it to show. Text is sanitised and measured in columns; errors are marked with "! "
 * and A_BOLD (never by colour alone), the focused field with A_REVERSE brackets. */
void form_draw(struct form *form, WINDOW *win);

/* True when any field differs from what the form started with. */
bool form_dirty(const struct form *form);
bool form_is_new(const struct form *form);

/* Replaces *out's contents (freeing what it held; pass e.g. dest_new()) with the form's
 * result: for an edit, a copy of form_original with the typed name, url, description and
 * metadata (unchanged non-string metadata values keep their exact JSON), ready for
 * dest_patch_body(form_original(form), out); for a new one, just those four fields.
 * Returns false (out untouched) when local validation failed: the errors are then shown
 * beside their fields and the focus moves to the first bad field (in a metadata row the value
 * when its JSON does not parse, else the key; a keyless row's key for "row N has an empty
 * key"); also false on OOM. */
bool form_build(struct form *form, struct dest *out);

/* The destination the form was opened on (NULL for a new one). */
const struct dest *form_original(const struct form *form);

/* Replaces the original after the caller re-fetched it (e.g. updated_at moved): the fields
 * keep what the user typed; the PATCH is then computed against the new original. */
int form_rebase(struct form *form, const struct dest *fresh);

/* Shows a refused save: err's field errors beside their fields (an
 * invalid_callback_destination_url error goes to URL), anything else as a line at the top.
 * The fields stay as typed. NULL clears server errors. */
void form_set_server_errors(struct form *form, const struct api_error *err);

/* While saving, the title shows "saving..." and editing keys are ignored. */
void form_set_saving(struct form *form, bool saving);
bool form_is_saving(const struct form *form);

#endif
