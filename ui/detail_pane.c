/* The detail pane: every field of the selected destination, metadata as an aligned table,
 * dates absolute and relative, or the raw JSON (J). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "fmt.h"
#include "text.h"

/* Lines are produced into the window with a scroll offset; `line` counts every logical line. */
struct cursor {
    WINDOW *w;
    int line, scroll, height, width;
};

static bool visible(struct cursor *c)
{
    return c->line >= c->scroll && c->line - c->scroll < c->height;
}

/* Wraps one sanitised line into rows of the width, breaking between characters. */
/* One piece of a wrapped line, through text_fit so that a non-UTF-8 locale gets its ASCII
 * substitutes (one '?' per column) rather than raw UTF-8 bytes. */
static void put_piece(struct cursor *c, int x, const char *clean, size_t len, attr_t attr)
{
    char *piece = strndup(clean, len);
    char *fitted = piece ? text_fit(piece, c->width - x, false) : NULL;
    if (fitted) {
        wattrset(c->w, attr);
        mvwaddstr(c->w, c->line - c->scroll, x, fitted);
        wattrset(c->w, A_NORMAL);
    }
    free(fitted);
    free(piece);
}

static void put_wrapped(struct cursor *c, int x, const char *clean, attr_t attr)
{
    size_t len = strlen(clean), start = 0;
    int cols = c->width - x;
    if (cols < 1)
        return;
    do {
        size_t end = start;
        while (end < len) {
            size_t next = text_next_char(clean, len, end);
            if (text_width_n(clean + start, next - start) > cols)
                break;
            end = next;
        }
        if (end == start && start < len)
            end = text_next_char(clean, len, start);
        if (visible(c))
            put_piece(c, x, clean + start, end - start, attr);
        c->line++;
        start = end;
    } while (start < len);
}

/* A raw (untrusted, possibly multi-line) value wrapped at column x. */
static void put_value(struct cursor *c, int x, const char *raw, attr_t attr)
{
    char *clean = text_sanitize(raw ? raw : "", raw ? strlen(raw) : 0, true);
    char *line, *save = NULL;
    if (!clean)
        return;
    if (!*clean)
        c->line++;
    for (line = strtok_r(clean, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        put_wrapped(c, x, line, attr);
    free(clean);
}

enum { LABEL_W = 13 };

static void field(struct cursor *c, const char *label, const char *raw, attr_t attr)
{
    if (visible(c)) {
        wattrset(c->w, A_BOLD);
        mvwaddstr(c->w, c->line - c->scroll, 0, label);
        wattrset(c->w, A_NORMAL);
    }
    put_value(c, LABEL_W, raw, attr);
}

static void date_field(struct cursor *c, const char *label, const char *iso)
{
    char buf[96];
    fmt_date_long(iso, (time_t)(datetime_now_ms() / 1000), buf, sizeof(buf));
    field(c, label, buf, A_NORMAL);
}

static int meta_key_width(const struct dest_meta_row *rows, size_t n, int cap)
{
    int w = 3;
    for (size_t i = 0; i < n; i++) {
        char *k = text_sanitize(rows[i].key, strlen(rows[i].key), false);
        int kw = k ? text_width(k) : 0;
        if (kw > w)
            w = kw;
        free(k);
    }
    return w > cap ? cap : w;
}

static void metadata_table(struct cursor *c, const struct dest *d)
{
    struct dest_meta_row *rows = NULL;
    size_t n = 0;
    int kw;
    field(c, "Metadata", dest_meta_count(d) ? "" : "(none)", A_DIM);
    if (dest_meta_rows(d, &rows, &n) != 0)
        return;
    kw = meta_key_width(rows, n, (c->width - 4) / 2);
    for (size_t i = 0; i < n; i++) {
        if (visible(c))
            screen_put(c->w, c->line - c->scroll, 2, rows[i].key, kw, true);
        put_value(c, 2 + kw + 2, rows[i].value_text, rows[i].is_string ? A_NORMAL : A_DIM);
    }
    dest_meta_rows_free(rows, n);
}

static void fields_view(struct cursor *c, const struct dest *d)
{
    char *url = fmt_url_masked(d->url);
    attr_t status_attr = d->status == DEST_STATUS_ARCHIVED ? A_DIM | A_BOLD : A_BOLD;
    field(c, "Name", d->name, A_BOLD);
    field(c, "ID", d->id, A_NORMAL);
    field(c, "Status", d->status == DEST_STATUS_ARCHIVED ? "archived (~)" : dest_status_name(d),
          status_attr);
    field(c, "URL", url ? url : d->url, A_NORMAL);
    field(c, "Method", d->method, A_NORMAL);
    field(c, "Description", d->description ? d->description : "(none)",
          d->description ? A_NORMAL : A_DIM);
    date_field(c, "Created", d->created_at);
    date_field(c, "Updated", d->updated_at);
    metadata_table(c, d);
    free(url);
}

/* The raw JSON (2-space indented by the core), with a password in the URL masked as in the
 * fields view; a tab, should one come, is drawn as a space rather than `\t`. */
static void json_view(struct cursor *c, const struct dest *d)
{
    struct dest *copy = dest_clone(d);
    char *masked = fmt_url_masked(d->url);
    char *json = NULL;
    if (copy && masked && dest_set_string(&copy->url, masked) == 0)
        json = dest_to_json_text(copy, true);
    for (char *t = json ? strchr(json, '\t') : NULL; t; t = strchr(t, '\t'))
        *t = ' ';
    put_value(c, 0, json ? json : "(out of memory)", A_NORMAL);
    free(json);
    free(masked);
    dest_free(copy);
}

void detail_draw(struct app *a, WINDOW *w)
{
    const struct dest *d = app_selected(a);
    struct cursor c = { w, 0, a->detail_scroll, getmaxy(w), getmaxx(w) };
    werase(w);
    if (!d) {
        wattrset(w, A_DIM);
        mvwaddstr(w, 0, 0, a->pager.loaded ? "nothing selected" : "loading...");
        wattrset(w, A_NORMAL);
        return;
    }
    if (a->raw_json)
        json_view(&c, d);
    else
        fields_view(&c, d);
    if (a->detail_scroll > 0 && c.line <= a->detail_scroll) {
        a->detail_scroll = c.line > 0 ? c.line - 1 : 0;   /* scrolled past the end */
        a->dirty |= DIRTY_DETAIL;
    }
}
