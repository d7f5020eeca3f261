/* State helpers of the view model: status line, selection, read-only refusals, request table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"

void app_status(struct app *a, enum status_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof(a->status), fmt, ap);
    va_end(ap);
    if ((kind == STATUS_ERROR) != (a->status_kind == STATUS_ERROR))
        a->dirty |= DIRTY_HINTS;          /* the hints offer `!` while an error shows */
    a->status_kind = kind;
    if (kind == STATUS_ERROR) {
        free(a->last_error);
        a->last_error = strdup(a->status);
    }
    a->dirty |= DIRTY_STATUS;
}

void app_status_error(struct app *a, const char *what, const struct api_error *e)
{
    char *summary = e ? api_error_summary(e) : NULL;
    app_status(a, STATUS_ERROR, "%s failed: %s", what, summary ? summary : "unknown error");
    free(summary);
    if (e)
        error_view_record(a, what, e);
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
        p->started_ms = app_now_ms();
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

int64_t app_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What each browse request is doing, for the slow-request line; NULL: not a browse request
 * (the form's own requests are cancelled by Esc in the form). */
static const char *const browse_doing[PURPOSE_COUNT] = {
    [PURPOSE_PAGE] = "loading page", [PURPOSE_ARCHIVE] = "archiving",
    [PURPOSE_GOTO] = "looking up", [PURPOSE_SEARCH_ALL] = "searching",
};

static const struct pending *oldest_browse(const struct app *a)
{
    const struct pending *old = NULL;
    for (int i = 0; i < APP_MAX_PENDING; i++) {
        const struct pending *p = &a->pending[i];
        if (p->id && browse_doing[p->purpose] && (!old || p->started_ms < old->started_ms))
            old = p;
    }
    return old;
}

bool app_slow_text(const struct app *a, char *buf, size_t size)
{
    const struct pending *p = oldest_browse(a);
    int64_t waited = p ? app_now_ms() - p->started_ms : 0;
    if (!p || waited < APP_SLOW_MS)
        return false;
    snprintf(buf, size, "%s... %lld s (server not answering; Esc cancels)",
             browse_doing[p->purpose], (long long)(waited / 1000));
    return true;
}

int app_cancel_browse(struct app *a)
{
    int n = 0;
    for (int i = 0; i < APP_MAX_PENDING; i++) {
        struct pending p = a->pending[i];
        if (!p.id || !browse_doing[p.purpose])
            continue;
        if (p.purpose == PURPOSE_PAGE)
            pager_failed(&a->pager, p.generation, p.dir);
        if (p.purpose == PURPOSE_SEARCH_ALL)
            a->search_all.active = false;
        app_cancel(a, p.id);
        n++;
    }
    a->load_failed = !a->pager.loaded;
    a->reloading = false;
    a->move_pending = 0;
    a->dirty |= DIRTY_LIST | DIRTY_STATUS;
    return n;
}
