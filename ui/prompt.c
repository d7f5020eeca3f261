/* One-line prompts at the bottom of the screen: `/` search, `:` command line, and the `f`
 * date filter (four fields). Text editing is the form engineer's pure lineedit. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "text.h"

static const char *const filter_labels[FILTER_FIELDS] = {
    "created after", "created before", "updated after", "updated before",
};

void prompt_open(struct app *a, enum prompt_kind kind)
{
    prompt_close(a);
    a->prompt.kind = kind;
    a->prompt.nfields = kind == PROMPT_FILTER ? FILTER_FIELDS : 1;
    a->prompt.field = 0;
    for (int i = 0; i < a->prompt.nfields; i++)
        lineedit_init(&a->prompt.edit[i], false);
    if (kind == PROMPT_SEARCH && a->filter.search)
        lineedit_set(&a->prompt.edit[0], a->filter.search);
    if (kind == PROMPT_FILTER)
        for (int i = 0; i < FILTER_FIELDS; i++)
            lineedit_set(&a->prompt.edit[i], a->filter.typed[i]);
    a->dirty |= DIRTY_OVERLAY | DIRTY_HINTS;
}

void prompt_close(struct app *a)
{
    if (a->prompt.kind == PROMPT_NONE)
        return;
    for (int i = 0; i < a->prompt.nfields; i++)
        lineedit_free(&a->prompt.edit[i]);
    free(a->prompt.error);
    memset(&a->prompt, 0, sizeof(a->prompt));
    a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

/* Draws one field at row y of window w after its label; returns the cursor column. */
static int draw_field(WINDOW *w, int y, const char *label, struct lineedit *e, int width)
{
    int lw = text_width(label), cols = width - lw - 1, line, col;
    char *text;
    if (cols < 4)
        cols = 4;
    wattrset(w, A_BOLD);
    mvwaddstr(w, y, 0, label);
    wattrset(w, A_NORMAL);
    lineedit_scroll(e, 1, cols);
    text = lineedit_render_line(e, 0, e->hscroll, cols);
    if (text)
        mvwaddstr(w, y, lw + 1, text);
    free(text);
    lineedit_cursor_pos(e, &line, &col);
    return lw + 1 + col - e->hscroll;
}

void prompt_draw(struct app *a)
{
    int n = a->prompt.nfields, h = n + (a->prompt.error ? 1 : 0), cx = 0;
    int top = a->rows_total - 2 - h;
    WINDOW *w = newwin(h, a->cols, top < 0 ? 0 : top, 0);
    if (!w)
        return;
    for (int i = 0; i < n; i++) {
        char label[40];
        snprintf(label, sizeof(label), "%s", a->prompt.kind == PROMPT_SEARCH ? "/"
                 : a->prompt.kind == PROMPT_COMMAND ? ":" : filter_labels[i]);
        if (a->prompt.kind == PROMPT_FILTER)
            snprintf(label, sizeof(label), "%-15s", filter_labels[i]);
        int x = draw_field(w, i, label, &a->prompt.edit[i], a->cols);
        if (i == a->prompt.field)
            cx = x;
    }
    if (a->prompt.error) {
        wattrset(w, screen_attr(2, A_BOLD));
        screen_put(w, n, 0, a->prompt.error, a->cols, false);
        wattrset(w, A_NORMAL);
    }
    wmove(w, a->prompt.field, cx);
    leaveok(w, FALSE);
    wnoutrefresh(w);
    delwin(w);
}

static void prompt_submit(struct app *a)
{
    enum prompt_kind kind = a->prompt.kind;
    char *text = strdup(lineedit_text(&a->prompt.edit[0]));
    if (kind == PROMPT_FILTER) {
        filter_apply(a);          /* reads the fields; closes the prompt when valid */
    } else if (kind == PROMPT_SEARCH) {
        prompt_close(a);
        list_set_search(a, text);
        if (a->filter.search)
            app_status(a, STATUS_INFO, "%zu of %zu loaded rows match (Ctrl-G in / searches every "
                       "page)", a->nrows, pager_count(&a->pager));
        else
            app_status(a, STATUS_INFO, "search cleared");
    } else {
        prompt_close(a);
        command_run(a, text ? text : "");
    }
    free(text);
}

/* Keys the line editor understands, as lineedit operations. */
static const struct { int key; bool keycode; enum lineedit_op op; } edit_keys[] = {
    { KEY_LEFT, true, LINEEDIT_LEFT }, { KEY_RIGHT, true, LINEEDIT_RIGHT },
    { KEY_HOME, true, LINEEDIT_HOME }, { KEY_END, true, LINEEDIT_END },
    { 1, false, LINEEDIT_HOME }, { 5, false, LINEEDIT_END },
    { KEY_BACKSPACE, true, LINEEDIT_BACKSPACE }, { 127, false, LINEEDIT_BACKSPACE },
    { 8, false, LINEEDIT_BACKSPACE }, { KEY_DC, true, LINEEDIT_DELETE },
    { 21, false, LINEEDIT_KILL_BEFORE }, { 11, false, LINEEDIT_KILL_AFTER },
    { 23, false, LINEEDIT_KILL_WORD }, { 25, false, LINEEDIT_YANK },
};

static bool edit_key_op(struct lineedit *e, wint_t ch, bool keycode)
{
    for (size_t i = 0; i < sizeof(edit_keys) / sizeof(edit_keys[0]); i++)
        if (edit_keys[i].key == (int)ch && edit_keys[i].keycode == keycode) {
            lineedit_apply(e, edit_keys[i].op);
            return true;
        }
    if (!keycode && ch >= 32 && ch != 127) {
        lineedit_insert_char(e, (unsigned long)ch);
        return true;
    }
    return false;
}

void prompt_key(struct app *a, wint_t ch, bool keycode)
{
    enum key_action act = keys_lookup(CTX_PROMPT, (int)ch, keycode);
    struct prompt *p = &a->prompt;
    a->dirty |= DIRTY_OVERLAY;
    if (act == ACT_BACK) {
        prompt_close(a);
    } else if (act == ACT_DIALOG_CHOOSE) {
        prompt_submit(a);
    } else if (act == ACT_DIALOG_NEXT) {
        p->field = (p->field + 1) % p->nfields;
    } else if (act == ACT_PREV_FIELD) {
        p->field = (p->field + p->nfields - 1) % p->nfields;
    } else if (act == ACT_SEARCH_ALL && p->kind == PROMPT_SEARCH) {
        char *text = strdup(lineedit_text(&p->edit[0]));
        prompt_close(a);
        if (text && *text)
            search_all_start(a, text);
        free(text);
    } else {
        edit_key_op(&p->edit[p->field], ch, keycode);
    }
}
