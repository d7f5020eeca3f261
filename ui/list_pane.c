/* The list pane: visible rows (client filters), selection, page loading and drawing. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "fmt.h"
#include "text.h"

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!hay || n == 0)
        return n == 0;
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static bool meta_matches(const struct dest *d, const char *needle)
{
    struct dest_meta_row *rows = NULL;
    size_t n = 0;
    bool hit = false;
    if (dest_meta_rows(d, &rows, &n) != 0)
        return false;
    for (size_t i = 0; i < n && !hit; i++)
        hit = contains_ci(rows[i].key, needle) || contains_ci(rows[i].value_text, needle);
    dest_meta_rows_free(rows, n);
    return hit;
}

bool list_row_visible(const struct app *a, const struct dest *d)
{
    const char *s = a->filter.search;
    if (!a->filter.show_archived && d->status == DEST_STATUS_ARCHIVED)
        return false;
    if (!s || !*s)
        return true;
    return contains_ci(d->name, s) || contains_ci(d->url, s) || contains_ci(d->description, s)
        || contains_ci(d->id, s) || meta_matches(d, s);
}

static void keep_in_view(struct app *a)
{
    size_t h = (size_t)list_page_rows(a);
    if (a->vsel < a->vtop)
        a->vtop = a->vsel;
    if (h && a->vsel >= a->vtop + h)
        a->vtop = a->vsel - h + 1;
    if (a->nrows <= h)
        a->vtop = 0;
    else if (a->vtop + h > a->nrows)
        a->vtop = a->nrows - h;
}

static void remember_selection(struct app *a)
{
    struct dest *d = app_selected(a);
    free(a->sel_id);
    a->sel_id = d ? strdup(d->id) : NULL;
}

void list_rebuild_rows(struct app *a)
{
    size_t n = pager_count(&a->pager);
    size_t screen_pos = a->vsel >= a->vtop ? a->vsel - a->vtop : 0;
    long sel_at = pager_find(&a->pager, a->sel_id);
    if (n > a->rows_cap) {
        size_t *grown = realloc(a->rows, n * sizeof(*a->rows));
        if (!grown)
            return;
        a->rows = grown;
        a->rows_cap = n;
    }
    a->nrows = 0;
    for (size_t i = 0; i < n; i++) {
        if (list_row_visible(a, pager_item(&a->pager, i))) {
            if (sel_at >= 0 && (size_t)sel_at <= i) {  /* hidden: the next visible row */
                a->vsel = a->nrows;
                sel_at = -2;
            }
            a->rows[a->nrows++] = i;
        }
    }
    if (a->vsel >= a->nrows)
        a->vsel = a->nrows ? a->nrows - 1 : 0;
    a->vtop = a->vsel >= screen_pos ? a->vsel - screen_pos : 0;
    keep_in_view(a);
    remember_selection(a);
    a->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS;
}

int list_page_rows(const struct app *a)
{
    int h = a->layout.list.h - 1;   /* minus the column headings */
    return h > 1 ? h : 1;
}

void list_move_to(struct app *a, size_t vrow)
{
    if (a->nrows == 0)
        return;
    if (vrow >= a->nrows)
        vrow = a->nrows - 1;
    if (vrow != a->vsel) {
        a->vsel = vrow;
        a->detail_scroll = 0;
        a->dirty |= DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS;
    }
    keep_in_view(a);
    remember_selection(a);
    list_request_pages(a);
}

void list_move(struct app *a, long delta)
{
    long to = (long)a->vsel + delta, last = (long)a->nrows - 1;
    a->move_pending = 0;
    if (a->filter.search)
        ;                                 /* a search shows the rows held; nothing loads */
    else if (to > last && last >= 0 && a->pager.more_after)
        a->move_pending = to - last;      /* finish the move when the next page lands */
    else if (to < 0 && a->pager.more_before)
        a->move_pending = to;
    if (to < 0)
        to = 0;
    list_move_to(a, (size_t)to);
}

void list_finish_move(struct app *a)
{
    long rest = a->move_pending;
    if (rest)
        list_move(a, rest);
}

static void fill_params(const struct app *a, const struct pager_request *r,
                        struct api_list_params *p)
{
    memset(p, 0, sizeof(*p));
    p->limit = a->cfg.page_size;
    p->order = a->filter.order;
    if (r->dir == PAGER_LAST)
        p->order = a->filter.order == API_ORDER_DESC ? API_ORDER_ASC : API_ORDER_DESC;
    if (r->dir == PAGER_AFTER || r->dir == PAGER_RELOAD_AFTER)
        p->after = r->cursor_id;
    if (r->dir == PAGER_BEFORE || r->dir == PAGER_RELOAD_BEFORE)
        p->before = r->cursor_id;
    p->created_after = a->filter.bounds[0];
    p->created_before = a->filter.bounds[1];
    p->updated_after = a->filter.bounds[2];
    p->updated_before = a->filter.bounds[3];
}

static void submit_page(struct app *a, struct pager_request *r)
{
    struct api_list_params params;
    uint64_t id;
    fill_params(a, r, &params);
    id = fetch_list(a->fetch, &params, r->generation);
    if (!app_track(a, id, PURPOSE_PAGE, r->dir, r->generation, NULL))
        pager_failed(&a->pager, r->generation, r->dir);
    pager_request_clear(r);
}

void list_request_pages(struct app *a)
{
    struct pager_request r;
    size_t at = a->vsel < a->nrows ? a->rows[a->vsel] : 0;
    size_t n = pager_count(&a->pager), h = (size_t)list_page_rows(a);
    size_t shown = a->nrows > a->vtop ? a->nrows - a->vtop : 0;
    if (a->filter.search)
        return;              /* `/` filters the rows held; only Ctrl-G walks pages */
    pager_fit_screen(&a->pager, h);
    /* Client filters hiding rows: load below until the screen is full, but only while a page
     * fits without evicting one (bounded; never moves the selection). */
    if (a->pager.loaded && n && shown < h && pager_has_room(&a->pager))
        at = n - 1;
    for (int i = 0; i < 2 && pager_next_request(&a->pager, at, &r); i++)
        submit_page(a, &r);
}

static void cancel_pages(struct app *a)
{
    for (int i = 0; i < APP_MAX_PENDING; i++)
        if (a->pending[i].id && a->pending[i].purpose == PURPOSE_PAGE) {
            pager_failed(&a->pager, a->pending[i].generation, a->pending[i].dir);
            app_cancel(a, a->pending[i].id);
        }
}

void list_load_last(struct app *a)
{
    struct pager_request r;
    cancel_pages(a);
    a->move_pending = 0;
    a->reloading = false;
    pager_last_request(&a->pager, &r);
    a->select_last = true;
    submit_page(a, &r);
    a->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

void list_reload(struct app *a, bool keep_selection)
{
    struct pager_request r;
    size_t at = a->vsel < a->nrows ? a->rows[a->vsel] : 0;
    cancel_pages(a);
    a->select_last = false;
    a->load_failed = false;
    a->reloading = false;      /* the caller sets it again for r / :reload */
    a->move_pending = 0;
    a->search_all.holds = false;
    if (a->search_all.active) {
        app_cancel(a, a->search_all.req);
        a->search_all.active = false;
    }
    if (keep_selection && a->pager.loaded) {
        pager_reload_request(&a->pager, at, &r);
    } else {
        pager_reset(&a->pager);
        free(a->sel_id);
        a->sel_id = NULL;
        a->vsel = a->vtop = 0;
        list_rebuild_rows(a);
        if (!pager_next_request(&a->pager, 0, &r))
            return;
    }
    submit_page(a, &r);
    a->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

/* --- drawing ------------------------------------------------------------------------------ */

static void put_cell(WINDOW *w, int y, int *x, const char *raw, int width)
{
    if (width <= 0)
        return;
    screen_put(w, y, *x, raw, width, true);
    *x += width + 1;
}

static void draw_headings(WINDOW *w, const struct list_columns *c)
{
    int x = 2;
    wattrset(w, A_BOLD | A_UNDERLINE);
    wmove(w, 0, 0);
    wclrtoeol(w);
    put_cell(w, 0, &x, "NAME", c->name);
    put_cell(w, 0, &x, "URL", c->url);
    put_cell(w, 0, &x, "STATUS", c->status);
    put_cell(w, 0, &x, "UPDATED", c->updated);
    put_cell(w, 0, &x, "ID", c->id);
    wattrset(w, A_NORMAL);
}

static void draw_row(struct app *a, WINDOW *w, int y, size_t vrow, const struct list_columns *c)
{
    const struct dest *d = pager_item(&a->pager, a->rows[vrow]);
    bool archived = d->status == DEST_STATUS_ARCHIVED;
    bool selected = vrow == a->vsel;
    char updated[32] = "";
    char *url = fmt_url_short(d->url);
    time_t t;
    int x = 2;
    attr_t attr = (archived ? A_DIM : A_NORMAL) | (selected ? A_REVERSE | A_BOLD : A_NORMAL);
    if (fmt_parse_iso(d->updated_at, &t))
        fmt_relative(t, (time_t)(datetime_now_ms() / 1000), updated, sizeof(updated));
    wattrset(w, attr);
    mvwaddstr(w, y, 0, selected ? ">" : " ");
    waddstr(w, archived ? "~" : " ");
    put_cell(w, y, &x, d->name, c->name);
    put_cell(w, y, &x, url ? url : "", c->url);
    put_cell(w, y, &x, dest_status_name(d), c->status);
    put_cell(w, y, &x, updated, c->updated);
    put_cell(w, y, &x, d->id, c->id);
    wclrtoeol(w);
    wattrset(w, A_NORMAL);
    free(url);
}

static bool date_filtered(const struct app *a)
{
    for (int i = 0; i < FILTER_FIELDS; i++)
        if (a->filter.bounds[i][0])
            return true;
    return false;
}

/* Why the list is empty: an empty account must not look like an empty filter result. */
static const char *empty_reason(const struct app *a)
{
    if (a->load_failed)
        return "could not load the destinations (the status line says why); r tries again";
    if (!a->pager.loaded)
        return "loading destinations...";
    if (a->filter.search)
        return "no destinations match the search (Esc clears it)";
    if (date_filtered(a))
        return "no destinations match the filter (f changes it)";
    if (pager_count(&a->pager))
        return "no destinations match the filter (a shows archived)";
    return "no destinations (n creates one)";
}

static void draw_empty(struct app *a, WINDOW *w)
{
    const char *msg = empty_reason(a);
    wattrset(w, A_DIM);
    mvwaddstr(w, 1, 2, msg);
    wattrset(w, A_NORMAL);
}

void list_draw(struct app *a, WINDOW *w)
{
    struct list_columns c;
    int h = list_page_rows(a), width = getmaxx(w);
    layout_list_columns(width, &c);
    werase(w);
    draw_headings(w, &c);
    if (a->nrows == 0)
        draw_empty(a, w);
    for (int i = 0; i < h && a->vtop + (size_t)i < a->nrows; i++)
        draw_row(a, w, i + 1, a->vtop + (size_t)i, &c);
    if (a->pager.pending[PAGER_AFTER] && a->vtop + (size_t)h >= a->nrows
        && (int)(a->nrows - a->vtop) < h) {
        wattrset(w, A_DIM);
        mvwaddstr(w, (int)(a->nrows - a->vtop) + 1, 2, "loading more...");
        wattrset(w, A_NORMAL);
    }
}

/* Leaving an all-pages search: the rows held are matches only, so their neighbours say
 * nothing of the true order. Keep the selected match alone and load the pages around it. */
static void reload_around_selection(struct app *a)
{
    const struct dest *d = app_selected(a);
    struct dest *keep = d ? dest_clone(d) : NULL;
    a->search_all.holds = false;
    if (a->search_all.active) {
        app_cancel(a, a->search_all.req);
        a->search_all.active = false;
    }
    if (!keep) {
        list_reload(a, false);
        return;
    }
    cancel_pages(a);
    a->move_pending = 0;
    a->select_last = false;
    free(a->sel_id);
    a->sel_id = strdup(keep->id);
    pager_seed(&a->pager, keep);
    list_rebuild_rows(a);
    list_request_pages(a);
}

void list_set_search(struct app *a, const char *text)
{
    free(a->filter.search);
    a->filter.search = text && *text ? strdup(text) : NULL;
    a->dirty |= DIRTY_HEADER;
    if (a->search_all.holds && !a->filter.search) {
        reload_around_selection(a);
        return;
    }
    if (a->filter.search)
        cancel_pages(a);        /* `/` filters the rows held: no page lands under it */
    list_rebuild_rows(a);
    list_request_pages(a);
}
