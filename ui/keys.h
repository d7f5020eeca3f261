/* The one key table: every binding (key, action, context, help text). It drives the event loop,
 * generates the `?` help screen and `cbdest --print-keys` (docs/keys.md). */
#ifndef CBDEST_UI_KEYS_H
#define CBDEST_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define KEY_ACTIONS(X) \
    X(NONE) X(QUIT) X(BACK) X(DOWN) X(UP) X(PAGE_DOWN) X(PAGE_UP) X(TOP) X(BOTTOM) \
    X(OPEN) X(EDIT) X(NEW) X(EDIT_JSON) X(ARCHIVE) X(RELOAD) X(ORDER) X(FILTER) \
    X(ARCHIVED) X(SEARCH) X(RAW_JSON) X(COPY_ID) X(COPY_URL) X(HELP) X(COMMAND) \
    X(SAVE) X(FORM_KEY) X(DIALOG_NEXT) X(DIALOG_YES) X(DIALOG_NO) X(DIALOG_CHOOSE) \
    X(REDRAW) X(PREV_FIELD) X(SEARCH_ALL) \
    X(FOCUS_SWAP) X(FOCUS_DETAIL) X(FOCUS_LIST) X(ERROR_DETAILS)

#define KEY_ACTION_ENUM(name) ACT_##name,
enum key_action { KEY_ACTIONS(KEY_ACTION_ENUM) ACT_COUNT };
#undef KEY_ACTION_ENUM

/* Where a binding applies. */
enum key_context {
    CTX_BROWSE = 1 << 0,     /* the list and detail panes */
    CTX_FORM = 1 << 1,       /* the editor form (its own editing keys are the form's) */
    CTX_DIALOG = 1 << 2,     /* a confirmation dialog */
    CTX_HELP = 1 << 3,       /* the help screen */
    CTX_PROMPT = 1 << 4,     /* the `/` search, `:` command and `f` filter prompts */
    CTX_ALL = 0x1f,
};

struct key_binding {
    int key;                 /* a character, or a curses KEY_* code when keycode is set */
    bool keycode;
    const char *name;        /* as the help screen spells it: "j", "Down", "Ctrl-S" */
    enum key_action action;
    unsigned contexts;
    const char *help;
};

/* The whole table and its length. */
const struct key_binding *keys_table(size_t *count);

/* The action bound to a key in a context; ACT_NONE when unbound. */
enum key_action keys_lookup(unsigned context, int key, bool keycode);

/* "browse", "form", "dialog", "help" */
const char *keys_context_name(unsigned context);

/* True when entry i only repeats entry i-1 for another key code (Enter and KEY_ENTER):
 * listings skip it. */
bool keys_is_repeat(const struct key_binding *table, size_t i);

/* Writes the table as the Markdown of docs/keys.md. */
void keys_print_markdown(FILE *out);

#endif
