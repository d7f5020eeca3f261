/* State helpers of the view model: status line, selection, read-only refusals, request table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

void app_status(struct app *a, enum status_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof(a->status), fmt, ap);
    va_end(ap);
    a->status_kind = kind;
    a->dirty |= DIRTY_STATUS;
}

void app_status_error(struct app *a, const char *what, const struct api_error *e)
{
    char *summary = e ? api_error_summary(e) : NULL;
    app_status(a, STATUS_ERROR, "%s failed: %s", what, summary ? summary : "unknown error");
    free(summary);
}

struct dest *app_selected(const struct app *a)
{
    if (a->vsel >= a->nrows)
        return NULL;
    return pager_item(&a->pager, a->rows[a->vsel]);
}

bool app_refuse_if_read_only(struct app *a, const char *what)
{
    if (!a->cfg.read_only)
        return false;
    app_status(a, STATUS_WARN, "read-only mode: %s is disabled (started with --read-only "
               "or the profile sets read_only)", what);
    return true;
}

bool app_track(struct app *a, uint64_t id, enum purpose purpose, enum pager_dir dir,
               unsigned generation, const char *dest_id)
{
    if (id == 0) {
        app_status(a, STATUS_ERROR, "out of memory: request not sent");
        return false;
    }
    for (int i = 0; i < APP_MAX_PENDING; i++) {
        struct pending *p = &a->pending[i];
        if (p->id)
            continue;
        p->id = id;
        p->purpose = purpose;
        p->dir = dir;
        p->generation = generation;
        p->dest_id = dest_id ? strdup(dest_id) : NULL;
        a->dirty |= DIRTY_STATUS;
        return true;
    }
    fetch_cancel(a->fetch, id);
    app_status(a, STATUS_ERROR, "too many requests in flight; try again");
    return false;
}

struct pending app_untrack(struct app *a, uint64_t id)
{
    struct pending none = { 0 };
    for (int i = 0; i < APP_MAX_PENDING; i++) {
        if (a->pending[i].id == id && id) {
            struct pending p = a->pending[i];
            memset(&a->pending[i], 0, sizeof(a->pending[i]));
            return p;
        }
    }
    return none;
}

bool app_has_pending(const struct app *a, enum purpose purpose)
{
    for (int i = 0; i < APP_MAX_PENDING; i++)
        if (a->pending[i].id && a->pending[i].purpose == purpose)
            return true;
    return false;
}

void app_update_row(struct app *a, const struct dest *d)
{
    long at = pager_find(&a->pager, d->id);
    struct dest *copy;
    size_t left;
    if (at < 0)
        return;
    copy = dest_clone(d);
    if (!copy)
        return;
    left = (size_t)at;
    for (size_t i = 0; i < a->pager.npages; i++) {
        struct pager_page *pg = &a->pager.pages[i];
        if (left < pg->count) {
            dest_free(pg->items[left]);
            pg->items[left] = copy;
            break;
        }
        left -= pg->count;
    }
    list_rebuild_rows(a);
    a->dirty |= DIRTY_LIST | DIRTY_DETAIL;
}

void app_cancel(struct app *a, uint64_t id)
{
    struct pending p = app_untrack(a, id);
    if (!p.id)
        return;
    fetch_cancel(a->fetch, id);
    free(p.dest_id);
    a->dirty |= DIRTY_STATUS;
}
