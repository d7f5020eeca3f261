/* Results from the fetch layer, dispatched on what each request was for. */
#include <stdlib.h>
#include <string.h>

#include "app.h"

static void on_page(struct app *a, const struct pending *p, struct fetch_result *r)
{
    struct pager_result res;
    void **items;
    if (r->error) {
        pager_failed(&a->pager, p->generation, p->dir);
        if (p->generation == a->pager.generation) {
            a->reloading = false;
            app_status_error(a, "loading destinations", r->error);
            a->load_failed = !a->pager.loaded;
            a->dirty |= DIRTY_LIST;
        }
        return;
    }
    items = (void **)r->page.items;
    res = pager_receive(&a->pager, p->generation, p->dir, items, r->page.count,
                        r->page.has_more_before, r->page.has_more_after);
    r->page.items = NULL;     /* handed over (freed by the pager when stale) */
    r->page.count = 0;
    if (!res.accepted)
        return;
    if (a->reloading && p->dir != PAGER_AFTER && p->dir != PAGER_BEFORE) {
        a->reloading = false;
        app_status(a, STATUS_OK, "reloaded");
    } else if (p->dir == PAGER_FIRST && a->status_kind == STATUS_ERROR) {
        app_status(a, STATUS_INFO, "loaded");
    }
    list_rebuild_rows(a);
    if (a->select_last && p->dir == PAGER_LAST) {
        a->select_last = false;
        list_move_to(a, a->nrows ? a->nrows - 1 : 0);
    } else if ((a->move_pending > 0 && p->dir == PAGER_AFTER)
               || (a->move_pending < 0 && p->dir == PAGER_BEFORE)) {
        list_finish_move(a);
    }
    list_request_pages(a);
}

static void on_archive(struct app *a, const struct pending *p, struct fetch_result *r)
{
    if (r->error) {
        app_status_error(a, "archive", r->error);
        return;
    }
    if (r->dest) {
        app_update_row(a, r->dest);
    } else {                   /* 204: mark the row ourselves */
        long at = pager_find(&a->pager, p->dest_id);
        struct dest *d = at >= 0 ? pager_item(&a->pager, (size_t)at) : NULL;
        if (d) {
            d->status = DEST_STATUS_ARCHIVED;
            dest_set_string(&d->status_text, "archived");
            list_rebuild_rows(a);
        }
    }
    app_status(a, STATUS_OK, "archived %s", p->dest_id ? p->dest_id : "");
}

static void on_goto(struct app *a, const struct pending *p, struct fetch_result *r)
{
    long at;
    if (r->error || !r->dest) {
        app_status_error(a, "goto", r->error);
        return;
    }
    at = pager_find(&a->pager, r->dest->id);
    if (at < 0) {
        pager_seed(&a->pager, r->dest);
        r->dest = NULL;
    }
    free(a->sel_id);
    a->sel_id = strdup(p->dest_id);
    if (!a->filter.show_archived) {
        const struct dest *d = pager_item(&a->pager, (size_t)pager_find(&a->pager, p->dest_id));
        if (d && d->status == DEST_STATUS_ARCHIVED)
            a->filter.show_archived = true;
    }
    list_rebuild_rows(a);
    list_request_pages(a);
    a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
    app_status(a, STATUS_OK, "showing %s", p->dest_id);
}

static void on_search_all(struct app *a, const struct pending *p, struct fetch_result *r)
{
    (void)p;
    search_all_on_result(a, r);
}

static void (*const dispatch[PURPOSE_COUNT])(struct app *, const struct pending *,
                                             struct fetch_result *) = {
    [PURPOSE_PAGE] = on_page,
    [PURPOSE_CREATE] = edit_on_result,
    [PURPOSE_PRE_PATCH_GET] = edit_on_result,
    [PURPOSE_UPDATE] = edit_on_result,
    [PURPOSE_ARCHIVE] = on_archive,
    [PURPOSE_GOTO] = on_goto,
    [PURPOSE_SEARCH_ALL] = on_search_all,
};

void results_dispatch(struct app *a, struct fetch_result *r)
{
    struct pending p = app_untrack(a, r->id);
    if (!p.id) {
        fetch_result_free(r);
        return;
    }
    dispatch[p.purpose](a, &p, r);
    free(p.dest_id);
    fetch_result_free(r);
    a->dirty |= DIRTY_STATUS | (a->form ? DIRTY_BODY : 0);
}
