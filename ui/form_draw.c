/* Drawing the editor form: a layout of lines (pure), then thin curses output of each line. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "term.h"
#include "text.h"

static const char *const form_hint_text =
    "Tab/S-Tab field  Ctrl-S save  Esc cancel  Ctrl-N add row  Ctrl-D delete row  "
    "Ctrl-T string/JSON";

/* --- layout (pure) ----------------------------------------------------------------------- */

static void form_layout_add(struct form_layout *lay, enum form_line_kind kind, size_t slot,
                            int sub, const char *msg)
{
    if (lay->count >= lay->cap)
        return;
    struct form_line *line = &lay->lines[lay->count++];
    line->kind = kind;
    line->slot = slot;
    line->sub = sub;
    line->msg = msg;
}

/* Adds a text slot's lines and its error line. */
static void form_layout_slot(const struct form *form, struct form_layout *lay, size_t slot)
{
    struct form_slot s = form_slot_at(form, slot);
    int rows = s.kind == FORM_SLOT_DESC ? FORM_DESC_ROWS : 1;
    enum form_line_kind kind = s.kind == FORM_SLOT_META_KEY ? FORM_LINE_META_ROW : FORM_LINE_FIELD;
    for (int i = 0; i < rows; i++)
        form_layout_add(lay, kind, slot, i, NULL);
    const char *err = form_slot_error(form, s);
    if (err)
        form_layout_add(lay, FORM_LINE_ERROR, slot, 0, err);
}

int form_layout_build(const struct form *form, struct form_layout *lay)
{
    lay->cap = 24 + FORM_DESC_ROWS + 2 * form->nrows;
    lay->count = 0;
    lay->lines = calloc(lay->cap, sizeof *lay->lines);
    if (!lay->lines)
        return -1;
    form_layout_add(lay, FORM_LINE_TITLE, 0, 0, NULL);
    if (form->server_message)
        form_layout_add(lay, FORM_LINE_MESSAGE, 0, 0, form->server_message);
    form_layout_add(lay, FORM_LINE_BLANK, 0, 0, NULL);
    for (size_t slot = 0; slot < 3; slot++)
        form_layout_slot(form, lay, slot);
    form_layout_add(lay, FORM_LINE_META_HEAD, 0, 0, form_meta_error(form));
    for (size_t r = 0; r < form->nrows; r++)
        form_layout_slot(form, lay, 3 + 2 * r); /* the value shares the key's line */
    form_layout_add(lay, FORM_LINE_BUTTON, 3 + 2 * form->nrows, 0, NULL);
    form_layout_add(lay, FORM_LINE_BLANK, 0, 0, NULL);
    form_layout_add(lay, FORM_LINE_BUTTON, 4 + 2 * form->nrows, 0, NULL);
    form_layout_add(lay, FORM_LINE_HINT, 0, 0, form_hint_text);
    return 0;
}

/* True when the line belongs to the focused slot (a row's line for either of its slots). */
static bool form_line_focused(const struct form *form, const struct form_line *line)
{
    if (line->kind != FORM_LINE_FIELD && line->kind != FORM_LINE_META_ROW &&
        line->kind != FORM_LINE_BUTTON && line->kind != FORM_LINE_ERROR)
        return false;
    if (line->slot == form->focus)
        return true;
    struct form_slot s = form_slot_at(form, form->focus);
    return s.kind == FORM_SLOT_META_VALUE && line->slot + 1 == form->focus;
}

int form_layout_scroll(const struct form *form, const struct form_layout *lay, int top,
                       int rows)
{
    int first = -1, last = -1;
    for (size_t i = 0; i < lay->count; i++)
        if (form_line_focused(form, &lay->lines[i])) {
            if (first < 0)
                first = (int)i;
            last = (int)i;
        }
    if (rows < 1)
        rows = 1;
    if ((int)lay->count <= rows)
        return 0;
    if (first < 0)
        return top;
    if (form->focus == 0)
        first = 0; /* show the title when on the first field */
    if (last >= top + rows)
        top = last - rows + 1;
    if (first < top)
        top = first;
    if (top > (int)lay->count - rows)
        top = (int)lay->count - rows;
    return top < 0 ? 0 : top;
}

void form_meta_widths(int cols, int *key_cols, int *value_cols)
{
    int room = cols - FORM_META_FIXED_COLS;
    if (room < 2)
        room = 2;
    *key_cols = room / 3 < 20 ? room / 3 : 20;
    if (*key_cols < 1)
        *key_cols = 1;
    *value_cols = room - *key_cols;
}

/* --- curses output ----------------------------------------------------------------------- */

/* Draws text (sanitised, fitted to at most maxw columns) at y, x with attr. */
static void form_put(WINDOW *win, int y, int x, int maxw, const char *text, attr_t attr)
{
    if (maxw <= 0)
        return;
    char *fit = text_fit(text, maxw, false);
    if (!fit)
        return;
    wattron(win, attr);
    mvwaddstr(win, y, x, fit);
    wattroff(win, attr);
    free(fit);
}

/* Draws "[content]" for an edit buffer's visible line at y, x; content is cols wide. Records
 * the cursor position when this is the focused field's cursor line. */
static void form_put_box(WINDOW *win, int y, int x, int cols, struct lineedit *e, int sub,
                         bool focused, struct form_cursor *cursor)
{
    if (cols < 1)
        cols = 1;
    lineedit_scroll(e, e->multiline ? FORM_DESC_ROWS : 1, cols);
    int line = e->multiline ? e->vscroll + sub : 0;
    int cl, cc;
    lineedit_cursor_pos(e, &cl, &cc);
    /* only the focused cursor line scrolls sideways; everything else shows from column 0 */
    int from = focused && cl == line ? e->hscroll : 0;
    /* a one-line field not being edited shows its start, with an ellipsis when cut */
    char *content = focused || e->multiline ? lineedit_render_line(e, line, from, cols)
                                            : text_fit(lineedit_text(e), cols, true);
    attr_t bracket = focused ? A_REVERSE : A_NORMAL;
    wattron(win, bracket);
    mvwaddstr(win, y, x, "[");
    wattroff(win, bracket);
    if (content)
        waddstr(win, content);
    wattron(win, bracket);
    waddstr(win, "]");
    wattroff(win, bracket);
    free(content);
    if (focused && cl == line) {
        cursor->y = y;
        cursor->x = x + 1 + cc - e->hscroll;
        /* a visible cursor of our own: the terminal's may be hidden or parked elsewhere */
        mvwchgat(win, cursor->y, cursor->x, 1, A_REVERSE, 0, NULL);
    }
}

static const char *form_label(enum form_slot_kind kind)
{
    switch (kind) {
    case FORM_SLOT_NAME: return "Name";
    case FORM_SLOT_URL: return "URL";
    case FORM_SLOT_DESC: return "Description";
    default: return "";
    }
}

static void form_draw_title(struct form *form, WINDOW *win, int y, int cols)
{
    const char *state = form->saving ? "  saving..." : form_dirty(form) ? "  [modified]" : "";
    size_t n = strlen(state) + 64 + (form->original ? strlen(form->original->name) : 0);
    char *title = malloc(n);
    if (!title)
        return;
    if (form->original)
        snprintf(title, n, " Edit destination: %s", form->original->name);
    else
        snprintf(title, n, " New destination");
    int tw = cols - (int)strlen(state);
    form_put(win, y, 0, tw, title, A_BOLD);
    form_put(win, y, text_width(title) < tw ? text_width(title) : tw, cols, state, A_BOLD);
    free(title);
}

static void form_draw_field(struct form *form, WINDOW *win, int y, const struct form_line *line,
                            int cols, struct form_cursor *cursor)
{
    struct form_slot s = form_slot_at(form, line->slot);
    bool focused = line->slot == form->focus;
    if (line->sub == 0) {
        form_put(win, y, 0, 1, focused ? ">" : " ", A_BOLD);
        form_put(win, y, 1, FORM_LABEL_COLS - 2, form_label(s.kind), focused ? A_BOLD : A_NORMAL);
    }
    form_put_box(win, y, FORM_LABEL_COLS, cols - FORM_LABEL_COLS - 2, form_slot_edit(form, s),
                 line->sub, focused, cursor);
}

static void form_draw_meta_row(struct form *form, WINDOW *win, int y,
                               const struct form_line *line, int cols,
                               struct form_cursor *cursor)
{
    struct form_slot key = form_slot_at(form, line->slot);
    struct form_meta_row *row = &form->rows[key.row];
    int kw, vw;
    form_meta_widths(cols, &kw, &vw);
    bool on_key = form->focus == line->slot, on_value = form->focus == line->slot + 1;
    form_put(win, y, 0, 1, on_key || on_value ? ">" : " ", A_BOLD);
    form_put_box(win, y, 2, kw, &row->key, 0, on_key, cursor);
    form_put(win, y, 2 + kw + 2, 3, " = ", A_NORMAL);
    form_put_box(win, y, 2 + kw + 5, vw, &row->value, 0, on_value, cursor);
    if (!row->is_string)
        form_put(win, y, 2 + kw + 5 + vw + 2, 5, " JSON", A_BOLD);
}

static void form_draw_button(struct form *form, WINDOW *win, int y, const struct form_line *line,
                             int cols, struct form_cursor *cursor)
{
    struct form_slot s = form_slot_at(form, line->slot);
    bool focused = line->slot == form->focus;
    int x = s.kind == FORM_SLOT_SAVE ? FORM_LABEL_COLS : 2;
    form_put(win, y, 0, 1, focused ? ">" : " ", A_BOLD);
    form_put(win, y, x, cols - x, s.kind == FORM_SLOT_SAVE ? "[ Save ]" : "[+ add row]",
             focused ? A_REVERSE : A_NORMAL);
    if (focused) {
        cursor->y = y;
        cursor->x = x + 1;
    }
}

/* Errors are bold (and red where colours are in use: pair 2 of term.c), never colour alone. */
static attr_t form_error_attr(void)
{
    return A_BOLD | (term_has_color() ? COLOR_PAIR(2) : 0);
}

/* "! message" under a field (or beside the Metadata heading). */
static void form_draw_error(WINDOW *win, int y, int x, int cols, const char *msg)
{
    size_t n = strlen(msg) + 3;
    char *text = malloc(n);
    if (!text)
        return;
    snprintf(text, n, "! %s", msg);
    form_put(win, y, x, cols - x, text, form_error_attr());
    free(text);
}

/* A field's error under it; the core's terse local messages ("is required") get the
 * field's name in front. */
static void form_draw_field_error(WINDOW *win, int y, enum form_slot_kind kind, int cols,
                                  const char *msg)
{
    bool fixed = kind <= FORM_SLOT_DESC;
    if (!fixed || !(msg[0] >= 'a' && msg[0] <= 'z')) {
        form_draw_error(win, y, fixed ? FORM_LABEL_COLS : 2, cols, msg);
        return;
    }
    size_t n = strlen(msg) + 16;
    char *text = malloc(n);
    if (!text)
        return;
    snprintf(text, n, "%s %s", form_label(kind), msg);
    form_draw_error(win, y, FORM_LABEL_COLS, cols, text);
    free(text);
}

static void form_draw_line(struct form *form, WINDOW *win, int y, const struct form_line *line,
                           int cols, struct form_cursor *cursor)
{
    struct form_slot s = form_slot_at(form, line->slot);
    switch (line->kind) {
    case FORM_LINE_TITLE: form_draw_title(form, win, y, cols); break;
    case FORM_LINE_MESSAGE: form_draw_error(win, y, 1, cols, line->msg); break;
    case FORM_LINE_BLANK: break;
    case FORM_LINE_FIELD: form_draw_field(form, win, y, line, cols, cursor); break;
    case FORM_LINE_ERROR: form_draw_field_error(win, y, s.kind, cols, line->msg); break;
    case FORM_LINE_META_HEAD:
        form_put(win, y, 1, FORM_LABEL_COLS - 2, "Metadata", A_NORMAL);
        if (line->msg)
            form_draw_error(win, y, FORM_LABEL_COLS, cols, line->msg);
        else
            form_put(win, y, FORM_LABEL_COLS, cols - FORM_LABEL_COLS,
                     form->nrows ? "key = value" : "(none)", A_DIM);
        break;
    case FORM_LINE_META_ROW: form_draw_meta_row(form, win, y, line, cols, cursor); break;
    case FORM_LINE_BUTTON: form_draw_button(form, win, y, line, cols, cursor); break;
    case FORM_LINE_HINT: form_put(win, y, 1, cols - 1, line->msg, A_DIM); break;
    }
}

void form_draw(struct form *form, WINDOW *win)
{
    int rows, cols;
    struct form_layout lay;
    struct form_cursor cursor = {-1, -1};
    getmaxyx(win, rows, cols);
    werase(win);
    if (rows < 1 || cols < 1 || form_layout_build(form, &lay) < 0)
        return;
    form->top = form_layout_scroll(form, &lay, form->top, rows);
    for (int y = 0; y < rows && form->top + y < (int)lay.count; y++)
        form_draw_line(form, win, y, &lay.lines[form->top + y], cols, &cursor);
    free(lay.lines);
    if (cursor.y >= 0 && cursor.x >= 0 && cursor.x < cols)
        wmove(win, cursor.y, cursor.x);
    else
        wmove(win, 0, 0);
}
