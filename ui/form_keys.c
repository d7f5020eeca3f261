/* The editor form's keys: one table from key to command, and the commands. */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "text.h"

#define CTRL(c) ((c) & 0x1f)

enum form_cmd {
    FORM_CMD_EDIT,        /* a lineedit operation on the focused field */
    FORM_CMD_NEXT,
    FORM_CMD_PREV,
    FORM_CMD_UP,          /* line up in Description, else previous field */
    FORM_CMD_DOWN,
    FORM_CMD_ENTER,
    FORM_CMD_SAVE,
    FORM_CMD_CANCEL,
    FORM_CMD_ADD_ROW,
    FORM_CMD_DELETE,      /* Ctrl-D: delete the metadata row, else the character */
    FORM_CMD_TOGGLE_JSON
};

struct form_key {
    wint_t ch;
    bool keycode;
    enum form_cmd cmd;
    enum lineedit_op op;  /* for FORM_CMD_EDIT */
};

static const struct form_key form_keys[] = {
    {'\t', false, FORM_CMD_NEXT, 0},
    {KEY_BTAB, true, FORM_CMD_PREV, 0},
    {KEY_UP, true, FORM_CMD_UP, 0},
    {KEY_DOWN, true, FORM_CMD_DOWN, 0},
    {'\n', false, FORM_CMD_ENTER, 0},
    {'\r', false, FORM_CMD_ENTER, 0},
    {KEY_ENTER, true, FORM_CMD_ENTER, 0},
    {CTRL('s'), false, FORM_CMD_SAVE, 0},
    {27, false, FORM_CMD_CANCEL, 0},
    {CTRL('n'), false, FORM_CMD_ADD_ROW, 0},
    {CTRL('d'), false, FORM_CMD_DELETE, 0},
    {CTRL('t'), false, FORM_CMD_TOGGLE_JSON, 0},
    {KEY_LEFT, true, FORM_CMD_EDIT, LINEEDIT_LEFT},
    {CTRL('b'), false, FORM_CMD_EDIT, LINEEDIT_LEFT},
    {KEY_RIGHT, true, FORM_CMD_EDIT, LINEEDIT_RIGHT},
    {CTRL('f'), false, FORM_CMD_EDIT, LINEEDIT_RIGHT},
    {KEY_HOME, true, FORM_CMD_EDIT, LINEEDIT_HOME},
    {CTRL('a'), false, FORM_CMD_EDIT, LINEEDIT_HOME},
    {KEY_END, true, FORM_CMD_EDIT, LINEEDIT_END},
    {CTRL('e'), false, FORM_CMD_EDIT, LINEEDIT_END},
    {KEY_BACKSPACE, true, FORM_CMD_EDIT, LINEEDIT_BACKSPACE},
    {127, false, FORM_CMD_EDIT, LINEEDIT_BACKSPACE},
    {CTRL('h'), false, FORM_CMD_EDIT, LINEEDIT_BACKSPACE},
    {KEY_DC, true, FORM_CMD_EDIT, LINEEDIT_DELETE},
    {CTRL('u'), false, FORM_CMD_EDIT, LINEEDIT_KILL_BEFORE},
    {CTRL('k'), false, FORM_CMD_EDIT, LINEEDIT_KILL_AFTER},
    {CTRL('w'), false, FORM_CMD_EDIT, LINEEDIT_KILL_WORD},
    {CTRL('y'), false, FORM_CMD_EDIT, LINEEDIT_YANK},
};

static const struct form_key *form_key_find(wint_t ch, bool keycode)
{
    for (size_t i = 0; i < sizeof form_keys / sizeof form_keys[0]; i++)
        if (form_keys[i].ch == ch && form_keys[i].keycode == keycode)
            return &form_keys[i];
    return NULL;
}

void form_touch(struct form *form, struct form_slot slot)
{
    switch (slot.kind) {
    case FORM_SLOT_NAME: form->touched_name = true; break;
    case FORM_SLOT_URL: form->touched_url = true; break;
    case FORM_SLOT_DESC: form->touched_desc = true; break;
    case FORM_SLOT_META_KEY:
    case FORM_SLOT_META_VALUE: form->rows[slot.row].touched = true; break;
    default: break;
    }
}

static struct form_slot form_focused(const struct form *form)
{
    return form_slot_at(form, form->focus);
}

/* Moves the focus by delta slots (clamped), touching the slot left. */
static void form_move_focus(struct form *form, int delta)
{
    form_touch(form, form_focused(form));
    size_t count = form_slot_count(form);
    if (delta < 0 && form->focus > 0)
        form->focus--;
    else if (delta > 0 && form->focus + 1 < count)
        form->focus++;
}

/* Applies an edit to the focused field; on a text change, forgets its server error and
 * re-validates. */
static void form_edit(struct form *form, enum lineedit_op op, const char *text)
{
    struct form_slot slot = form_focused(form);
    struct lineedit *e = form_slot_edit(form, slot);
    if (!e)
        return;
    form_forget_server_error(form, slot); /* path before the edit (a row's old key) */
    int rc = text ? lineedit_insert(e, text, strlen(text)) : (int)lineedit_apply(e, op);
    if (rc == LINEEDIT_CHANGED) {
        form_touch(form, slot);
        form_forget_server_error(form, slot);
        form_validate(form);
    }
}

static void form_add_row_focus(struct form *form)
{
    if (form_add_meta_row(form) < 0)
        return;
    form->focus = 3 + 2 * (form->nrows - 1); /* the new row's key */
}

static void form_delete_row(struct form *form, size_t row)
{
    form_forget_server_error(form, (struct form_slot){FORM_SLOT_META_KEY, row});
    form_remove_meta_row(form, row);
    /* focus the key of the row that took its place, else the one above, else [+ add row] */
    if (form->nrows == 0)
        form->focus = 3;
    else
        form->focus = 3 + 2 * (row < form->nrows ? row : form->nrows - 1);
    form_validate(form);
}

static enum form_outcome form_enter(struct form *form)
{
    struct form_slot slot = form_focused(form);
    switch (slot.kind) {
    case FORM_SLOT_DESC: form_edit(form, LINEEDIT_NEWLINE, NULL); break;
    case FORM_SLOT_ADD_ROW: form_add_row_focus(form); break;
    case FORM_SLOT_SAVE: return FORM_SAVE;
    default: form_move_focus(form, 1); break;
    }
    return FORM_CONTINUE;
}

/* Up/Down: within Description's lines first; in the metadata table to the same column of
 * the row above/below (leaving the table at its ends); else the previous/next field. */
static void form_vertical(struct form *form, int delta)
{
    struct form_slot slot = form_focused(form);
    if (slot.kind == FORM_SLOT_DESC &&
        lineedit_apply(&form->description, delta < 0 ? LINEEDIT_UP : LINEEDIT_DOWN) !=
            LINEEDIT_IGNORED)
        return;
    if (slot.kind != FORM_SLOT_META_KEY && slot.kind != FORM_SLOT_META_VALUE) {
        form_move_focus(form, delta);
        return;
    }
    form_touch(form, slot);
    if (delta < 0)
        form->focus = slot.row == 0 ? 2 : form->focus - 2;
    else
        form->focus = slot.row + 1 == form->nrows ? 3 + 2 * form->nrows : form->focus + 2;
}

static enum form_outcome form_command(struct form *form, const struct form_key *key)
{
    struct form_slot slot = form_focused(form);
    bool in_row = slot.kind == FORM_SLOT_META_KEY || slot.kind == FORM_SLOT_META_VALUE;
    switch (key->cmd) {
    case FORM_CMD_EDIT: form_edit(form, key->op, NULL); break;
    case FORM_CMD_NEXT: form_move_focus(form, 1); break;
    case FORM_CMD_PREV: form_move_focus(form, -1); break;
    case FORM_CMD_UP: form_vertical(form, -1); break;
    case FORM_CMD_DOWN: form_vertical(form, 1); break;
    case FORM_CMD_ENTER: return form_enter(form);
    case FORM_CMD_SAVE: form_touch(form, slot); return FORM_SAVE;
    case FORM_CMD_CANCEL: return FORM_CANCEL;
    case FORM_CMD_ADD_ROW: form_add_row_focus(form); break;
    case FORM_CMD_DELETE:
        if (in_row)
            form_delete_row(form, slot.row);
        else
            form_edit(form, LINEEDIT_DELETE, NULL);
        break;
    case FORM_CMD_TOGGLE_JSON:
        if (in_row) {
            form->rows[slot.row].is_string = !form->rows[slot.row].is_string;
            form_touch(form, slot);
            form_validate(form);
        }
        break;
    }
    return FORM_CONTINUE;
}

enum form_outcome form_key(struct form *form, wint_t ch, bool is_keycode)
{
    const struct form_key *key = form_key_find(ch, is_keycode);
    if (form->saving)
        return key && key->cmd == FORM_CMD_CANCEL ? FORM_CANCEL : FORM_CONTINUE;
    if (key)
        return form_command(form, key);
    if (is_keycode || ch < 0x20 || ch == 0x7f)
        return FORM_CONTINUE;
    struct form_slot slot = form_focused(form);
    if (ch == ' ' && (slot.kind == FORM_SLOT_ADD_ROW || slot.kind == FORM_SLOT_SAVE))
        return form_enter(form);
    if (ch > 0x10FFFF || (ch >= 0xD800 && ch <= 0xDFFF))
        return FORM_CONTINUE;
    char utf8[5] = {0};
    text_encode((uint32_t)ch, utf8);
    form_edit(form, 0, utf8);
    return FORM_CONTINUE;
}

void form_paste(struct form *form, const char *utf8)
{
    if (!form->saving && utf8 && utf8[0])
        form_edit(form, 0, utf8);
}
