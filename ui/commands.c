/* The `:` command line (a table of commands), the date filter and the all-pages search. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"

static void cmd_quit(struct app *a, const char *arg)
{
    (void)arg;
    if (a->form) {
        app_status(a, STATUS_WARN, "close the form first (Esc)");
        return;
    }
    a->quit = true;
}

static void cmd_goto(struct app *a, const char *arg)
{
    uint64_t id;
    if (!*arg) {
        app_status(a, STATUS_WARN, "usage: :goto ID");
        return;
    }
    id = fetch_get(a->fetch, arg, 0);
    if (app_track(a, id, PURPOSE_GOTO, PAGER_FIRST, 0, arg))
        app_status(a, STATUS_INFO, "looking up %s", arg);
}

static void cmd_profile(struct app *a, const char *arg)
{
    if (!*arg) {
        app_status(a, STATUS_WARN, "usage: :profile NAME");
        return;
    }
    if (a->form) {
        app_status(a, STATUS_WARN, "close the form before switching profiles");
        return;
    }
    tui_switch_profile(a, arg);
}

static void cmd_reload(struct app *a, const char *arg)
{
    (void)arg;
    actions_run(a, ACT_RELOAD);
}

static const struct {
    const char *name;
    void (*run)(struct app *a, const char *arg);
    const char *help;
} commands[] = {
    { "q", cmd_quit, "quit" },
    { "quit", cmd_quit, "quit" },
    { "goto", cmd_goto, "select the destination with this id" },
    { "profile", cmd_profile, "switch to another configured profile" },
    { "reload", cmd_reload, "reload the list" },
};

void command_run(struct app *a, const char *line)
{
    char word[32];
    size_t n;
    while (*line == ' ')
        line++;
    n = strcspn(line, " ");
    if (n == 0)
        return;
    snprintf(word, sizeof(word), "%.*s", (int)(n < sizeof(word) ? n : sizeof(word) - 1), line);
    line += n;
    while (*line == ' ')
        line++;
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, word) == 0) {
            commands[i].run(a, line);
            return;
        }
    app_status(a, STATUS_WARN, "unknown command :%s (try :q, :goto ID, :profile NAME, :reload)",
               word);
}

/* --- the date filter ------------------------------------------------------------------------ */

static const char *const filter_names[FILTER_FIELDS] = {
    "created after", "created before", "updated after", "updated before",
};

static bool filter_any_date(const struct app *a)
{
    for (int i = 0; i < FILTER_FIELDS; i++)
        if (a->filter.bounds[i][0])
            return true;
    return false;
}

void filter_apply(struct app *a)
{
    char bounds[FILTER_FIELDS][DATETIME_ISO_LEN];
    int64_t now = datetime_now_ms();
    for (int i = 0; i < FILTER_FIELDS; i++) {
        const char *t = lineedit_text(&a->prompt.edit[i]);
        bounds[i][0] = '\0';
        if (*t && !datetime_parse_bound(t, now, bounds[i])) {
            free(a->prompt.error);
            a->prompt.error = malloc(160);
            if (a->prompt.error)
                snprintf(a->prompt.error, 160, "%s: not a date; use 2026-01-10, "
                         "2026-01-10T14:45 or an age like 7d, 12h, 30m", filter_names[i]);
            a->prompt.field = i;
            a->dirty |= DIRTY_OVERLAY;
            return;
        }
    }
    for (int i = 0; i < FILTER_FIELDS; i++) {
        snprintf(a->filter.typed[i], sizeof(a->filter.typed[i]), "%s",
                 lineedit_text(&a->prompt.edit[i]));
        memcpy(a->filter.bounds[i], bounds[i], DATETIME_ISO_LEN);
    }
    prompt_close(a);
    list_reload(a, false);
    app_status(a, STATUS_INFO, filter_any_date(a) ? "date filter applied" : "date filter cleared");
}

/* --- search over every page ----------------------------------------------------------------- */

static void search_all_next(struct app *a, const char *after)
{
    struct api_list_params p;
    uint64_t id;
    memset(&p, 0, sizeof(p));
    p.limit = 100;
    p.order = a->filter.order;
    p.after = after;
    p.created_after = a->filter.bounds[0];
    p.created_before = a->filter.bounds[1];
    p.updated_after = a->filter.bounds[2];
    p.updated_before = a->filter.bounds[3];
    id = fetch_list(a->fetch, &p, a->pager.generation);
    if (app_track(a, id, PURPOSE_SEARCH_ALL, PAGER_AFTER, a->pager.generation, NULL))
        a->search_all.req = id;
    else
        search_all_stop(a, "could not send the request");
}

void search_all_start(struct app *a, const char *text)
{
    list_reload(a, false);                 /* new generation, first page in flight */
    for (int i = 0; i < APP_MAX_PENDING; i++)
        if (a->pending[i].id && a->pending[i].purpose == PURPOSE_PAGE)
            app_cancel(a, a->pending[i].id);
    memset(a->pager.pending, 0, sizeof(a->pager.pending));
    a->pager.loaded = true;                /* the walk fills the pages, not the pager */
    free(a->filter.search);
    a->filter.search = strdup(text);
    memset(&a->search_all, 0, sizeof(a->search_all));
    a->search_all.active = true;
    a->search_all.holds = true;
    a->dirty |= DIRTY_HEADER;
    app_status(a, STATUS_INFO, "searching every page... (Esc stops)");
    search_all_next(a, NULL);
}

void search_all_stop(struct app *a, const char *why)
{
    if (!a->search_all.active)
        return;
    app_cancel(a, a->search_all.req);
    a->search_all.active = false;
    app_status(a, STATUS_INFO, "search %s: %zu scanned, %zu matches", why,
               a->search_all.scanned, a->nrows);
}

static void keep_matches(struct app *a, struct api_page *pg)
{
    void **keep = calloc(pg->count ? pg->count : 1, sizeof(void *));
    size_t n = 0;
    for (size_t i = 0; keep && i < pg->count; i++) {
        struct dest *d = pg->items[i];
        if (list_row_visible(a, d)) {
            keep[n++] = d;
            pg->items[i] = NULL;
        }
    }
    if (!keep)
        return;
    if (n == 0 || !pager_append(&a->pager, keep, n)) {
        for (size_t i = 0; i < n; i++)
            dest_free(keep[i]);
        free(keep);
        if (n)
            search_all_stop(a, "stopped at the window's limit");
    }
}

void search_all_on_result(struct app *a, struct fetch_result *r)
{
    char *last;
    a->search_all.req = 0;
    if (!a->search_all.active || r->generation != a->pager.generation)
        return;
    if (r->error) {
        a->search_all.active = false;
        app_status_error(a, "search", r->error);
        return;
    }
    a->search_all.pages++;
    a->search_all.scanned += r->page.count;
    last = r->page.count ? strdup(r->page.items[r->page.count - 1]->id) : NULL;
    keep_matches(a, &r->page);
    list_rebuild_rows(a);
    if (a->search_all.active && r->page.has_more_after && last) {
        app_status(a, STATUS_INFO, "searching every page: %zu scanned, %zu matches (Esc stops)",
                   a->search_all.scanned, a->nrows);
        search_all_next(a, last);
    } else if (a->search_all.active) {
        a->search_all.active = false;
        app_status(a, STATUS_OK, "searched every page: %zu scanned, %zu matches",
                   a->search_all.scanned, a->nrows);
    }
    free(last);
}
