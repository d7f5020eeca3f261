/* Confirmation dialogs (archive, discard changes, conflicting edit): the safe button is the
 * default, and the dialog names what it acts on. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "text.h"

void dialog_open(struct app *a, enum dialog_kind kind, const char *title, const char *body,
                 const char *safe_button, const char *act_button, const char *dest_id)
{
    dialog_close(a);
    a->dialog.kind = kind;
    a->dialog.title = strdup(title);
    a->dialog.body = text_sanitize(body, strlen(body), true);
    a->dialog.buttons[0] = safe_button;
    a->dialog.buttons[1] = act_button;
    a->dialog.choice = 0;
    a->dialog.dest_id = dest_id ? strdup(dest_id) : NULL;
    a->dirty |= DIRTY_OVERLAY | DIRTY_HINTS;
}

void dialog_close(struct app *a)
{
    bool was_open = a->dialog.kind != DIALOG_NONE;
    free(a->dialog.title);
    free(a->dialog.body);
    free(a->dialog.dest_id);
    memset(&a->dialog, 0, sizeof(a->dialog));
    if (was_open)
        a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

static int body_lines(const char *body, int *widest)
{
    int n = 1, w = 0, cur = 0;
    for (const char *p = body; *p; p++) {
        if (*p == '\n') {
            n++;
            cur = 0;
            continue;
        }
        if (((unsigned char)*p & 0xc0) != 0x80)
            cur++;
        if (cur > w)
            w = cur;
    }
    *widest = w;
    return n;
}

static void draw_buttons(struct app *a, WINDOW *w, int y, int width)
{
    int x = width - 2;
    for (int i = 1; i >= 0; i--) {
        if (!a->dialog.buttons[i])
            continue;
        int len = (int)strlen(a->dialog.buttons[i]) + 4;
        x -= len + 1;
        wattrset(w, i == a->dialog.choice ? A_REVERSE | A_BOLD : A_NORMAL);
        mvwprintw(w, y, x, i == a->dialog.choice ? "[ %s ]" : "< %s >", a->dialog.buttons[i]);
    }
    wattrset(w, A_NORMAL);
}

void dialog_draw(struct app *a)
{
    int widest, n = body_lines(a->dialog.body, &widest);
    int width = widest + 4, height = n + 4;
    WINDOW *w;
    int y = 1;
    if (width < 40)
        width = 40;
    if (width > a->cols - 2)
        width = a->cols - 2;
    if (height > a->rows_total - 2)
        height = a->rows_total - 2;
    w = newwin(height, width, (a->rows_total - height) / 2, (a->cols - width) / 2);
    if (!w)
        return;
    box(w, 0, 0);
    wattrset(w, A_BOLD);
    screen_put(w, 0, 2, a->dialog.title, width - 4, false);
    wattrset(w, A_NORMAL);
    for (const char *line = a->dialog.body; line && y < height - 2; y++) {
        const char *end = strchr(line, '\n');
        char *copy = strndup(line, end ? (size_t)(end - line) : strlen(line));
        if (copy)
            screen_put(w, y, 2, copy, width - 4, false);
        free(copy);
        line = end ? end + 1 : NULL;
    }
    draw_buttons(a, w, height - 2, width);
    wnoutrefresh(w);
    delwin(w);
}

static void dialog_answer(struct app *a, bool yes)
{
    enum dialog_kind kind = a->dialog.kind;
    char *id = a->dialog.dest_id ? strdup(a->dialog.dest_id) : NULL;
    dialog_close(a);
    if (kind == DIALOG_ARCHIVE && yes && id)
        archive_confirmed(a, id);
    else if (kind == DIALOG_ARCHIVE)
        app_status(a, STATUS_INFO, "archive cancelled");
    else if (kind == DIALOG_DISCARD)
        edit_discard_answer(a, yes);
    else if (kind == DIALOG_CONFLICT)
        edit_conflict_answer(a, yes);
    free(id);
}

void dialog_key(struct app *a, int key, bool keycode)
{
    switch (keys_lookup(CTX_DIALOG, key, keycode)) {
    case ACT_DIALOG_NEXT:
        a->dialog.choice = a->dialog.buttons[1] ? !a->dialog.choice : 0;
        a->dirty |= DIRTY_OVERLAY;
        break;
    case ACT_DIALOG_CHOOSE:
        dialog_answer(a, a->dialog.choice == 1);
        break;
    case ACT_DIALOG_YES:
        dialog_answer(a, true);
        break;
    case ACT_DIALOG_NO:
    case ACT_BACK:
        dialog_answer(a, false);
        break;
    case ACT_REDRAW:
        a->dirty |= DIRTY_LAYOUT;
        break;
    default:
        break;
    }
}
