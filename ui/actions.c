/* What each key-table action does in the list and detail panes (one handler per action). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clipboard.h"
#include "keys.h"
#include "term.h"

static bool narrow_detail(const struct app *a)
{
    return a->detail_open && !a->layout.split;
}

/* Whether j/k/PgUp/PgDn scroll the detail: the narrow detail, or the focused wide one. */
static bool detail_scrolls(const struct app *a)
{
    return narrow_detail(a) || (a->layout.split && a->detail_focus);
}

static void scroll_detail(struct app *a, int delta)
{
    a->detail_scroll += delta;
    if (a->detail_scroll < 0)
        a->detail_scroll = 0;
    a->dirty |= DIRTY_DETAIL;
}

static void act_down(struct app *a)
{
    if (detail_scrolls(a))
        scroll_detail(a, 1);
    else
        list_move(a, 1);
}

static void act_up(struct app *a)
{
    if (detail_scrolls(a))
        scroll_detail(a, -1);
    else
        list_move(a, -1);
}

static void act_page_down(struct app *a)
{
    if (detail_scrolls(a))
        scroll_detail(a, a->layout.detail.h - 1);
    else
        list_move(a, list_page_rows(a));
}

static void act_page_up(struct app *a)
{
    if (detail_scrolls(a))
        scroll_detail(a, -(a->layout.detail.h - 1));
    else
        list_move(a, -list_page_rows(a));
}

/* g / G: to the very first (or last) destination, loading that end when it is not held. */
static void jump_end(struct app *a, bool last)
{
    bool held = last ? !a->pager.more_after : !a->pager.more_before;
    a->move_pending = 0;
    if (held) {
        list_move_to(a, last ? (a->nrows ? a->nrows - 1 : 0) : 0);
        return;
    }
    if (last)
        list_load_last(a);
    else
        list_reload(a, false);
}

static void act_top(struct app *a) { jump_end(a, false); }
static void act_bottom(struct app *a) { jump_end(a, true); }

static void act_open(struct app *a)
{
    if (!app_selected(a))
        return;
    if (a->layout.split || a->detail_open) {
        edit_open_existing(a);
        return;
    }
    a->detail_open = true;
    a->detail_scroll = 0;
    a->dirty |= DIRTY_DETAIL | DIRTY_HINTS;
}

static void act_back(struct app *a)
{
    char slow[160];
    if (a->search_all.active) {
        search_all_stop(a, "stopped");
    } else if (app_slow_text(a, slow, sizeof(slow))) {
        app_cancel_browse(a);
        app_status(a, STATUS_WARN, "cancelled");
    } else if (a->layout.split && a->detail_focus) {
        a->detail_focus = false;
        a->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_HINTS;
    } else if (a->detail_open) {
        a->detail_open = false;
        a->dirty |= DIRTY_LIST | DIRTY_HINTS;
    } else if (a->filter.search) {
        list_set_search(a, NULL);
        app_status(a, STATUS_INFO, "search cleared");
    }
}

static void act_quit(struct app *a)
{
    if (detail_scrolls(a))
        act_back(a);                 /* q quits from the top level only */
    else
        a->quit = true;
}
static void act_edit(struct app *a) { edit_open_existing(a); }
static void act_new(struct app *a) { edit_open_new(a); }
static void act_edit_json(struct app *a) { edit_as_json(a); }

static void act_archive(struct app *a)
{
    const struct dest *d = app_selected(a);
    char body[1024];
    if (!d || app_refuse_if_read_only(a, "archiving"))
        return;
    if (d->status == DEST_STATUS_ARCHIVED) {
        app_status(a, STATUS_INFO, "already archived");
        return;
    }
    snprintf(body, sizeof(body), "Archive \"%.300s\"?\n%.200s\n\nIt stays listed as archived and "
             "stops receiving callbacks.", d->name, d->id);
    dialog_open(a, DIALOG_ARCHIVE, "Archive destination", body, "Cancel", "Archive", d->id);
}

void archive_confirmed(struct app *a, const char *id)
{
    uint64_t req = fetch_archive(a->fetch, id, 0);
    if (app_track(a, req, PURPOSE_ARCHIVE, PAGER_FIRST, 0, id))
        app_status(a, STATUS_INFO, "archiving %s...", id);
}

static void act_reload(struct app *a)
{
    if (a->search_all.holds && a->filter.search) {  /* the rows are matches: search again */
        char *text = strdup(a->filter.search);
        if (text)
            search_all_start(a, text);
        free(text);
        return;
    }
    list_reload(a, true);
    a->reloading = true;
    app_status(a, STATUS_INFO, "reloading");
}

static void act_order(struct app *a)
{
    a->filter.order = a->filter.order == API_ORDER_DESC ? API_ORDER_ASC : API_ORDER_DESC;
    a->dirty |= DIRTY_HEADER;
    list_reload(a, false);
    app_status(a, STATUS_INFO, "order: %s",
               a->filter.order == API_ORDER_DESC ? "newest first" : "oldest first");
}

static void act_filter(struct app *a) { prompt_open(a, PROMPT_FILTER); }
static void act_search(struct app *a) { prompt_open(a, PROMPT_SEARCH); }
static void act_command(struct app *a) { prompt_open(a, PROMPT_COMMAND); }

static void act_archived(struct app *a)
{
    a->filter.show_archived = !a->filter.show_archived;
    list_rebuild_rows(a);
    list_request_pages(a);
    a->dirty |= DIRTY_HEADER;
    app_status(a, STATUS_INFO, a->filter.show_archived ? "archived shown" : "archived hidden");
}

static void act_raw_json(struct app *a)
{
    a->raw_json = !a->raw_json;
    a->detail_scroll = 0;
    a->dirty |= DIRTY_DETAIL;
}

static void copy_field(struct app *a, bool url)
{
    const struct dest *d = app_selected(a);
    if (!d)
        return;
    if (clipboard_copy(term_tty_fd(), url ? d->url : d->id))
        app_status(a, STATUS_OK, "copied the %s to the clipboard (OSC 52)", url ? "url" : "id");
    else
        app_status(a, STATUS_ERROR, "could not copy (text too long or terminal write failed)");
}

static void act_copy_id(struct app *a) { copy_field(a, false); }
static void act_copy_url(struct app *a) { copy_field(a, true); }

/* Tab / l / h: which pane j/k drive (wide), or whether the detail is open (narrow). */
static void set_detail_focus(struct app *a, bool on)
{
    if (on && !app_selected(a))
        return;
    if (a->layout.split) {
        a->detail_focus = on;
    } else {
        a->detail_open = on;
        a->detail_scroll = on ? 0 : a->detail_scroll;
    }
    a->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_HINTS;
}

static void act_focus_swap(struct app *a)
{
    set_detail_focus(a, !(a->layout.split ? a->detail_focus : a->detail_open));
}

static void act_focus_detail(struct app *a) { set_detail_focus(a, true); }
static void act_focus_list(struct app *a) { set_detail_focus(a, false); }

static void act_help(struct app *a)
{
    a->help_open = !a->help_open;
    a->help_scroll = 0;
    a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

static void act_redraw(struct app *a) { a->dirty |= DIRTY_LAYOUT; }

static void (*const handlers[ACT_COUNT])(struct app *) = {
    [ACT_QUIT] = act_quit, [ACT_BACK] = act_back, [ACT_DOWN] = act_down, [ACT_UP] = act_up,
    [ACT_PAGE_DOWN] = act_page_down, [ACT_PAGE_UP] = act_page_up, [ACT_TOP] = act_top,
    [ACT_BOTTOM] = act_bottom, [ACT_OPEN] = act_open, [ACT_EDIT] = act_edit,
    [ACT_NEW] = act_new, [ACT_EDIT_JSON] = act_edit_json, [ACT_ARCHIVE] = act_archive,
    [ACT_RELOAD] = act_reload, [ACT_ORDER] = act_order, [ACT_FILTER] = act_filter,
    [ACT_ARCHIVED] = act_archived, [ACT_SEARCH] = act_search, [ACT_RAW_JSON] = act_raw_json,
    [ACT_COPY_ID] = act_copy_id, [ACT_COPY_URL] = act_copy_url, [ACT_HELP] = act_help,
    [ACT_COMMAND] = act_command, [ACT_REDRAW] = act_redraw, [ACT_FOCUS_SWAP] = act_focus_swap,
    [ACT_FOCUS_DETAIL] = act_focus_detail, [ACT_FOCUS_LIST] = act_focus_list,
    [ACT_ERROR_DETAILS] = error_view_open,
};

void actions_run(struct app *a, int action)
{
    if (action > ACT_NONE && action < ACT_COUNT && handlers[action])
        handlers[action](a);
}
