/* The screen manager: windows from the layout, header/status/hint lines, the too-small line,
 * and drawing only what is dirty (wnoutrefresh + one doupdate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "term.h"
#include "text.h"

void screen_put(WINDOW *w, int y, int x, const char *raw, int cols, bool pad)
{
    char *clean, *fitted;
    if (cols <= 0)
        return;
    clean = text_sanitize(raw ? raw : "", raw ? strlen(raw) : 0, false);
    fitted = clean ? text_fit(clean, cols, pad) : NULL;
    if (fitted)
        mvwaddstr(w, y, x, fitted);
    free(fitted);
    free(clean);
}

attr_t screen_attr(int color_pair, attr_t mono)
{
    if (term_has_color() && color_pair)
        return COLOR_PAIR(color_pair) | (mono & (A_BOLD | A_REVERSE));
    return mono;
}

static void drop_windows(struct app *a)
{
    WINDOW **wins[] = { &a->win_header, &a->win_list, &a->win_detail, &a->win_status,
                        &a->win_hints, &a->win_body };
    for (size_t i = 0; i < sizeof(wins) / sizeof(wins[0]); i++)
        if (*wins[i]) {
            delwin(*wins[i]);
            *wins[i] = NULL;
        }
}

static WINDOW *make_window(struct rect r)
{
    WINDOW *w = newwin(r.h, r.w, r.y, r.x);
    if (w)
        leaveok(w, TRUE);
    return w;
}

void screen_relayout(struct app *a)
{
    drop_windows(a);
    getmaxyx(stdscr, a->rows_total, a->cols);
    layout_compute(a->cols, a->rows_total, &a->layout);
    clearok(curscr, TRUE);
    werase(stdscr);
    wnoutrefresh(stdscr);
    a->dirty = DIRTY_ALL & ~DIRTY_LAYOUT;
    if (a->layout.too_small)
        return;
    a->win_header = make_window(a->layout.header);
    a->win_list = make_window(a->layout.list);
    a->win_detail = make_window(a->layout.detail);
    a->win_status = make_window(a->layout.status);
    a->win_hints = make_window(a->layout.hints);
    a->win_body = make_window(a->layout.body);
    if (a->win_body)
        leaveok(a->win_body, FALSE);      /* the form leaves its edit point there */
    list_rebuild_rows(a);
    list_request_pages(a);     /* a taller screen may need more rows */
}

void screen_free(struct app *a)
{
    drop_windows(a);
}

static void draw_header(struct app *a, WINDOW *w)
{
    char buf[512];
    const char *order = a->filter.order == API_ORDER_DESC ? "newest first" : "oldest first";
    bool dates = a->filter.bounds[0][0] || a->filter.bounds[1][0] || a->filter.bounds[2][0]
              || a->filter.bounds[3][0];
    snprintf(buf, sizeof(buf), " cbdest  profile: %s  api: %s  order: %s%s%s%s%s",
             a->cfg.profile_name ? a->cfg.profile_name : "default",
             a->cfg.host ? a->cfg.host : "?", order, dates ? "  [date filter]" : "",
             a->filter.show_archived ? "" : "  [archived hidden]",
             a->filter.search && *a->filter.search ? "  search: " : "",
             a->filter.search && *a->filter.search ? a->filter.search : "");
    wbkgdset(w, ' ' | screen_attr(1, A_REVERSE));
    werase(w);
    wattrset(w, screen_attr(1, A_REVERSE | A_BOLD));
    screen_put(w, 0, 0, buf, getmaxx(w), true);
    if (a->cfg.read_only) {
        wattrset(w, screen_attr(4, A_REVERSE | A_BOLD));
        mvwaddstr(w, 0, getmaxx(w) - 12, " READ-ONLY ");
    }
    wattrset(w, A_NORMAL);
}

static const attr_t status_mono[] = { A_NORMAL, A_NORMAL, A_BOLD, A_BOLD | A_REVERSE };
static const int status_color[] = { 0, 3, 4, 2 };
static const char *const status_mark[] = { "", "ok: ", "warning: ", "error: " };

static int draw_position(struct app *a, WINDOW *w)
{
    char pos[96], rl[64] = "", all[160];
    struct api_ratelimit r = fetch_ratelimit(a->fetch);
    size_t last = a->vtop + (size_t)list_page_rows(a);
    if (last > a->nrows)
        last = a->nrows;
    if (a->filter.search && a->search_all.holds)
        snprintf(pos, sizeof(pos), "%zu matches", a->nrows);
    else if (a->filter.search)          /* rows are scattered: a range would mislead */
        snprintf(pos, sizeof(pos), "%zu of %zu loaded rows", a->nrows, pager_count(&a->pager));
    else if (a->nrows)
        pager_position(&a->pager, a->rows[a->vtop], a->rows[last - 1], pos, sizeof(pos));
    else if (a->load_failed)
        snprintf(pos, sizeof(pos), "not loaded");
    else
        pager_position(&a->pager, 0, 0, pos, sizeof(pos));
    if (r.known && r.limit > 0 && (r.remaining * 5 <= r.limit || r.remaining <= 5))
        snprintf(rl, sizeof(rl), "  rate limit: %ld/%ld left", r.remaining, r.limit);
    snprintf(all, sizeof(all), "%s%s ", pos, rl);
    int width = text_width(all);
    if (width >= getmaxx(w) / 2)
        return 0;
    wattrset(w, rl[0] ? screen_attr(4, A_BOLD) : A_NORMAL);
    mvwaddstr(w, 0, getmaxx(w) - width, all);
    wattrset(w, A_NORMAL);
    return width;
}

static void draw_status(struct app *a, WINDOW *w)
{
    static const char spin[] = "|/-\\";
    int busy = fetch_in_flight(a->fetch) > 0;
    int right;
    char line[600];
    werase(w);
    right = draw_position(a, w);
    enum status_kind kind = a->status_kind;
    snprintf(line, sizeof(line), "%s%s%s", busy ? "" : " ", status_mark[kind], a->status);
    if (busy && app_slow_text(a, line, sizeof(line)))
        kind = STATUS_WARN;
    if (busy) {
        mvwaddch(w, 0, 0, (chtype)spin[a->spinner % 4]);
        waddch(w, ' ');
    }
    wattrset(w, screen_attr(status_color[kind], status_mono[kind]));
    screen_put(w, 0, busy ? 2 : 0, line, getmaxx(w) - right - (busy ? 3 : 1), false);
    wattrset(w, A_NORMAL);
}

/* The short hints per context (the full list is on the help screen). */
static const char *hints_for(const struct app *a)
{
    if (a->dialog.kind == DIALOG_INFO)
        return "Enter/Esc close";
    if (a->dialog.kind != DIALOG_NONE)
        return "Tab/arrows choose  Enter press  y confirm  n/Esc cancel";
    if (a->prompt.kind == PROMPT_FILTER)
        return "Tab next field  Enter apply  Esc cancel  (ISO date or 7d, 12h, 30m)";
    if (a->prompt.kind != PROMPT_NONE)
        return "Enter run  Esc cancel";
    if (a->help_open)
        return "j/k scroll  ?/q/Esc close";
    if (a->form)
        return "Tab/Shift-Tab field  Ctrl-S save  Esc cancel";
    if (a->layout.split && a->detail_focus)
        return "detail: j/k/PgUp/PgDn scroll  J raw JSON  e edit  Tab/h/Esc back to the list  "
               "? help";
    if (a->detail_open && !a->layout.split)
        return "j/k scroll  J raw JSON  e edit  d archive  y/Y copy id/url  Esc back  ? help";
    if (a->filter.search)
        return "j/k move  Enter open  e edit  d archive  / search  Esc clear search  ? help  "
               "q quit";
    if (a->layout.split)
        return "j/k move  Tab detail  Enter edit  n new  e edit  d archive  / search  f filter  "
               "o order  ? help  q quit";
    return "j/k move  Enter open  n new  e edit  d archive  / search  f filter  o order  "
           "? help  q quit";
}

/* Hints for keys that write; read-only mode leaves them out (they would only refuse). */
static const char *const write_hints[] = { "n new", "e edit", "d archive", "Enter edit" };

static bool is_write_hint(const char *hint, size_t len)
{
    for (size_t i = 0; i < sizeof(write_hints) / sizeof(write_hints[0]); i++)
        if (strlen(write_hints[i]) == len && strncmp(write_hints[i], hint, len) == 0)
            return true;
    return false;
}

/* Copies the hints (separated by two spaces), leaving out write keys when read-only. */
static void hints_text(const struct app *a, char *out, size_t size)
{
    const char *p = hints_for(a);
    bool browsing = a->dialog.kind == DIALOG_NONE && a->prompt.kind == PROMPT_NONE
                 && !a->help_open && !a->form;
    size_t used = 0;
    out[0] = '\0';
    if (browsing && a->status_kind == STATUS_ERROR && a->last_error)
        used = (size_t)snprintf(out, size, "! error details");
    while (*p) {
        const char *end = strstr(p, "  ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!(a->cfg.read_only && is_write_hint(p, len)) && used < size)
            used += (size_t)snprintf(out + used, size - used, "%s%.*s", used ? "  " : "",
                                     (int)len, p);
        p += len;
        while (*p == ' ')
            p++;
    }
}

static void draw_hints(struct app *a, WINDOW *w)
{
    char text[256];
    hints_text(a, text, sizeof(text));
    werase(w);
    wattrset(w, A_DIM);
    screen_put(w, 0, 0, text, getmaxx(w), false);
    wattrset(w, A_NORMAL);
}

static void draw_too_small(struct app *a)
{
    (void)a;
    werase(stdscr);
    mvwaddnstr(stdscr, 0, 0, getmaxx(stdscr) >= 34 ? "terminal too small (need 40x10)"
               : "terminal too small", getmaxx(stdscr));
    wnoutrefresh(stdscr);
}

struct pane_ops {
    unsigned dirty_bit;
    WINDOW *(*window)(struct app *a);
    void (*draw)(struct app *a, WINDOW *w);
    bool (*shown)(const struct app *a);
};

static WINDOW *win_header(struct app *a) { return a->win_header; }
static WINDOW *win_list(struct app *a) { return a->win_list; }
static WINDOW *win_detail(struct app *a) { return a->win_detail; }
static WINDOW *win_status(struct app *a) { return a->win_status; }
static WINDOW *win_hints(struct app *a) { return a->win_hints; }
static WINDOW *win_body(struct app *a) { return a->win_body; }

static bool body_shown(const struct app *a) { return a->form || a->help_open; }
static bool always(const struct app *a) { (void)a; return true; }
static bool list_shown(const struct app *a)
{
    return !body_shown(a) && (a->layout.split || !a->detail_open);
}
static bool detail_shown(const struct app *a)
{
    return !body_shown(a) && (a->layout.split || a->detail_open);
}

static void body_draw(struct app *a, WINDOW *w)
{
    if (a->help_open)
        help_draw(a, w);
    else
        edit_draw(a, w);
}

static const struct pane_ops panes[] = {
    { DIRTY_HEADER, win_header, draw_header, always },
    { DIRTY_LIST, win_list, list_draw, list_shown },
    { DIRTY_DETAIL, win_detail, detail_draw, detail_shown },
    { DIRTY_BODY, win_body, body_draw, body_shown },
    { DIRTY_STATUS, win_status, draw_status, always },
    { DIRTY_HINTS, win_hints, draw_hints, always },
};

static void draw_split_bar(struct app *a)
{
    struct rect r = a->layout.detail;
    for (int y = 0; y < r.h; y++)
        mvwaddch(stdscr, r.y + y, r.x - 1, ACS_VLINE);
    wnoutrefresh(stdscr);
}

/* The cursor shows only where typing goes: a prompt, or the form without a dialog over it. */
static void show_cursor(struct app *a)
{
    bool want = !a->layout.too_small && a->dialog.kind == DIALOG_NONE && !a->help_open
             && (a->prompt.kind != PROMPT_NONE || a->form);
    if (want != a->cursor_shown) {
        curs_set(want ? 1 : 0);
        a->cursor_shown = want;
    }
}

void screen_draw(struct app *a)
{
    bool overlay = a->dialog.kind != DIALOG_NONE || a->prompt.kind != PROMPT_NONE;
    if (a->dirty & DIRTY_LAYOUT)
        screen_relayout(a);
    if (!a->dirty)
        return;
    if (a->layout.too_small) {
        draw_too_small(a);
    } else {
        if ((a->dirty & (DIRTY_LIST | DIRTY_DETAIL)) && a->layout.split && !body_shown(a))
            draw_split_bar(a);
        for (size_t i = 0; i < sizeof(panes) / sizeof(panes[0]); i++) {
            WINDOW *w = panes[i].window(a);
            if (!w || !(a->dirty & panes[i].dirty_bit) || !panes[i].shown(a))
                continue;
            panes[i].draw(a, w);
            wnoutrefresh(w);
        }
        if (overlay && a->dialog.kind != DIALOG_NONE)
            dialog_draw(a);
        else if (overlay)
            prompt_draw(a);
        else if (a->form && !a->help_open && a->win_body)
            wnoutrefresh(a->win_body);    /* last, so the cursor sits at the edit point */
    }
    a->dirty = 0;
    show_cursor(a);
    doupdate();
}
