/* The one key table (see keys.h). */
#include <curses.h>
#include <string.h>

#include "keys.h"

#define CTRL(c) ((c) & 0x1f)

/* Grouped by context; the help screen and docs/keys.md list them in this order. */
static const struct key_binding key_table[] = {
    { 'j', false, "j", ACT_DOWN, CTX_BROWSE | CTX_HELP, "move down one row (the detail: scroll down a line)" },
    { KEY_DOWN, true, "Down", ACT_DOWN, CTX_BROWSE | CTX_HELP, "move down one row (the detail: scroll down a line)" },
    { 'k', false, "k", ACT_UP, CTX_BROWSE | CTX_HELP, "move up one row (the detail: scroll up a line)" },
    { KEY_UP, true, "Up", ACT_UP, CTX_BROWSE | CTX_HELP, "move up one row (the detail: scroll up a line)" },
    { KEY_NPAGE, true, "PgDn", ACT_PAGE_DOWN, CTX_BROWSE | CTX_HELP, "move down one screen (the detail: scroll a screen)" },
    { ' ', false, "Space", ACT_PAGE_DOWN, CTX_BROWSE | CTX_HELP, "move down one screen (the detail: scroll a screen)" },
    { KEY_PPAGE, true, "PgUp", ACT_PAGE_UP, CTX_BROWSE | CTX_HELP, "move up one screen (the detail: scroll a screen)" },
    { 'g', false, "g", ACT_TOP, CTX_BROWSE | CTX_HELP, "go to the first row" },
    { KEY_HOME, true, "Home", ACT_TOP, CTX_BROWSE | CTX_HELP, "go to the first row" },
    { 'G', false, "G", ACT_BOTTOM, CTX_BROWSE | CTX_HELP, "go to the last row" },
    { KEY_END, true, "End", ACT_BOTTOM, CTX_BROWSE | CTX_HELP, "go to the last row" },
    { '\n', false, "Enter", ACT_OPEN, CTX_BROWSE, "open the detail (narrow) or edit (wide)" },
    { KEY_ENTER, true, "Enter", ACT_OPEN, CTX_BROWSE, "open the detail (narrow) or edit (wide)" },
    { '\t', false, "Tab", ACT_FOCUS_SWAP, CTX_BROWSE, "to the detail and back (there j/k/PgUp/PgDn scroll)" },
    { 'l', false, "l", ACT_FOCUS_DETAIL, CTX_BROWSE, "to the detail (j/k/PgUp/PgDn then scroll it)" },
    { 'h', false, "h", ACT_FOCUS_LIST, CTX_BROWSE, "back to the list from the detail" },
    { 'e', false, "e", ACT_EDIT, CTX_BROWSE, "edit the selected destination" },
    { 'n', false, "n", ACT_NEW, CTX_BROWSE, "create a new destination" },
    { 'E', false, "E", ACT_EDIT_JSON, CTX_BROWSE, "edit the selected destination as JSON in $EDITOR" },
    { 'd', false, "d", ACT_ARCHIVE, CTX_BROWSE, "archive the selected destination (asks first)" },
    { KEY_DC, true, "Delete", ACT_ARCHIVE, CTX_BROWSE, "archive the selected destination (asks first)" },
    { 'r', false, "r", ACT_RELOAD, CTX_BROWSE, "reload, keeping the selection" },
    { 'o', false, "o", ACT_ORDER, CTX_BROWSE, "toggle the order (oldest or newest first)" },
    { 'f', false, "f", ACT_FILTER, CTX_BROWSE, "filter by created/updated dates" },
    { 'a', false, "a", ACT_ARCHIVED, CTX_BROWSE, "show or hide archived destinations" },
    { '/', false, "/", ACT_SEARCH, CTX_BROWSE, "search the loaded rows (name, url, description, metadata)" },
    { 'J', false, "J", ACT_RAW_JSON, CTX_BROWSE, "toggle the raw JSON in the detail pane" },
    { 'y', false, "y", ACT_COPY_ID, CTX_BROWSE, "copy the id to the clipboard (OSC 52)" },
    { 'Y', false, "Y", ACT_COPY_URL, CTX_BROWSE, "copy the url to the clipboard (OSC 52)" },
    { '!', false, "!", ACT_ERROR_DETAILS, CTX_BROWSE, "show the last error in full (status, code, message, hint, fields, request id)" },
    { ':', false, ":", ACT_COMMAND, CTX_BROWSE, "command line (:q, :goto ID, :profile NAME, :reload)" },
    { '?', false, "?", ACT_HELP, CTX_BROWSE | CTX_HELP, "show or close this help" },
    { 'q', false, "q", ACT_QUIT, CTX_BROWSE, "quit (from the list; in the detail, back to the list)" },
    { 27, false, "Esc", ACT_BACK, CTX_ALL, "back out: close the detail, dialog, help or form" },
    { CTRL('l'), false, "Ctrl-L", ACT_REDRAW, CTX_ALL, "redraw the whole screen" },
    { 'q', false, "q", ACT_BACK, CTX_HELP, "close the help" },
    { CTRL('s'), false, "Ctrl-S", ACT_SAVE, CTX_FORM, "save: POST a new destination, PATCH the changed fields" },
    { '\t', false, "Tab", ACT_FORM_KEY, CTX_FORM, "next field (form)" },
    { KEY_BTAB, true, "Shift-Tab", ACT_FORM_KEY, CTX_FORM, "previous field (form)" },
    { '\t', false, "Tab", ACT_DIALOG_NEXT, CTX_DIALOG, "move between the dialog's buttons" },
    { KEY_LEFT, true, "Left", ACT_DIALOG_NEXT, CTX_DIALOG, "move between the dialog's buttons" },
    { KEY_RIGHT, true, "Right", ACT_DIALOG_NEXT, CTX_DIALOG, "move between the dialog's buttons" },
    { '\n', false, "Enter", ACT_DIALOG_CHOOSE, CTX_DIALOG, "press the highlighted button (Cancel by default)" },
    { KEY_ENTER, true, "Enter", ACT_DIALOG_CHOOSE, CTX_DIALOG, "press the highlighted button (Cancel by default)" },
    { 'y', false, "y", ACT_DIALOG_YES, CTX_DIALOG, "confirm" },
    { 'n', false, "n", ACT_DIALOG_NO, CTX_DIALOG, "cancel" },
    { '\n', false, "Enter", ACT_DIALOG_CHOOSE, CTX_PROMPT, "run the search or command, apply the filter" },
    { KEY_ENTER, true, "Enter", ACT_DIALOG_CHOOSE, CTX_PROMPT, "run the search or command, apply the filter" },
    { CTRL('g'), false, "Ctrl-G", ACT_SEARCH_ALL, CTX_PROMPT, "search: load every page and keep the matches (Esc stops)" },
    { '\t', false, "Tab", ACT_DIALOG_NEXT, CTX_PROMPT, "filter: next field" },
    { KEY_DOWN, true, "Down", ACT_DIALOG_NEXT, CTX_PROMPT, "filter: next field" },
    { KEY_BTAB, true, "Shift-Tab", ACT_PREV_FIELD, CTX_PROMPT, "filter: previous field" },
    { KEY_UP, true, "Up", ACT_PREV_FIELD, CTX_PROMPT, "filter: previous field" },
};

const struct key_binding *keys_table(size_t *count)
{
    *count = sizeof(key_table) / sizeof(key_table[0]);
    return key_table;
}

enum key_action keys_lookup(unsigned context, int key, bool keycode)
{
    size_t n;
    const struct key_binding *t = keys_table(&n);
    for (size_t i = 0; i < n; i++)
        if ((t[i].contexts & context) && t[i].key == key && t[i].keycode == keycode)
            return t[i].action;
    return ACT_NONE;
}

static const struct { unsigned ctx; const char *name; } context_names[] = {
    { CTX_BROWSE, "browse" }, { CTX_FORM, "form" }, { CTX_DIALOG, "dialog" },
    { CTX_HELP, "help" }, { CTX_PROMPT, "prompt" }, { CTX_ALL, "everywhere" },
};

const char *keys_context_name(unsigned context)
{
    for (size_t i = 0; i < sizeof(context_names) / sizeof(context_names[0]); i++)
        if (context_names[i].ctx == context)
            return context_names[i].name;
    return "several";
}

static void contexts_text(unsigned ctx, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    if (ctx == CTX_ALL) {
        snprintf(buf, size, "everywhere");
        return;
    }
    for (size_t i = 0; i + 1 < sizeof(context_names) / sizeof(context_names[0]); i++)
        if ((ctx & context_names[i].ctx) && used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                                     context_names[i].name);
}

bool keys_is_repeat(const struct key_binding *t, size_t i)
{
    return i > 0 && strcmp(t[i].name, t[i - 1].name) == 0 && t[i].contexts == t[i - 1].contexts
        && strcmp(t[i].help, t[i - 1].help) == 0;
}

void keys_print_markdown(FILE *out)
{
    size_t n;
    const struct key_binding *t = keys_table(&n);
    char ctx[64];
    fprintf(out, "# cbdest keys\n\n"
            "Generated from the key table in `ui/keys.c` (`cbdest --print-keys`); a unit test\n"
            "checks that this file matches it. The editor form's own line-editing keys\n"
            "(Ctrl-A/E/U/K/W, Home/End, arrows) are described in docs/ui.md.\n\n"
            "| key | where | action |\n|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        if (keys_is_repeat(t, i))
            continue;
        contexts_text(t[i].contexts, ctx, sizeof(ctx));
        fprintf(out, "| `%s` | %s | %s |\n", t[i].name, ctx, t[i].help);
    }
}
