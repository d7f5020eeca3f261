/* CLI output: one destination for humans or as JSON, and aligned, sanitised tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "datetime.h"
#include "text.h"

#define CLI_COLS 5

static void cli_put_safe(const char *s)
{
    char *safe = text_sanitize(s ? s : "", s ? strlen(s) : 0, false);
    fputs(safe ? safe : "?", stdout);
    free(safe);
}

void cli_print_json_line(const struct dest *d)
{
    char *text = dest_to_json_text(d, false);
    if (text)
        puts(text);
    free(text);
}

static void cli_print_human(const struct dest *d)
{
    char *url = dest_url_masked(d->url); /* a password in the URL is not for the screen */
    const struct {
        const char *label, *value;
    } rows[] = {
        {"id", d->id}, {"name", d->name}, {"status", dest_status_name(d)}, {"url", url ? url : "?"},
        {"method", d->method}, {"description", d->description ? d->description : ""},
        {"created_at", d->created_at}, {"updated_at", d->updated_at},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        printf("%-12s ", rows[i].label);
        cli_put_safe(rows[i].value);
        putchar('\n');
    }
    free(url);
    struct dest_meta_row *meta = NULL;
    size_t n = 0;
    if (dest_meta_rows(d, &meta, &n) < 0)
        return;
    puts(n ? "metadata" : "metadata     (none)");
    for (size_t i = 0; i < n; i++) {
        fputs("  ", stdout);
        cli_put_safe(meta[i].key);
        fputs(meta[i].is_string ? " = " : " := ", stdout);
        cli_put_safe(meta[i].value_text);
        putchar('\n');
    }
    dest_meta_rows_free(meta, n);
}

void cli_print_dest(const struct cli_ctx *c, const struct dest *d)
{
    if (c->args.set[CLI_OPT_JSON]) {
        char *text = dest_to_json_text(d, c->stdout_tty);
        if (text)
            puts(text);
        free(text);
        return;
    }
    cli_print_human(d);
}

/* --- tables ------------------------------------------------------------------------------ */

struct cli_table {
    int width[CLI_COLS];
};

static const struct {
    const char *title;
    int max;
} cli_columns[CLI_COLS] = {
    {"ID", 40}, {"NAME", 32}, {"STATUS", 10}, {"UPDATED", 24}, {"URL", 60},
};

static const char *cli_cell(const struct dest *d, int col)
{
    switch (col) {
    case 0: return d->id;
    case 1: return d->name;
    case 2: return dest_status_name(d);
    case 3: return d->updated_at;
    default: return d->url;
    }
}

static int cli_cell_width(const char *s)
{
    char *safe = text_sanitize(s, strlen(s), false);
    int w = safe ? text_width(safe) : 1;
    free(safe);
    return w;
}

struct cli_table *cli_table_new(struct dest *const *items, size_t count)
{
    struct cli_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    for (int col = 0; col < CLI_COLS; col++) {
        t->width[col] = (int)strlen(cli_columns[col].title);
        for (size_t i = 0; i < count; i++) {
            int w = cli_cell_width(cli_cell(items[i], col));
            if (w > t->width[col])
                t->width[col] = w;
        }
        if (t->width[col] > cli_columns[col].max)
            t->width[col] = cli_columns[col].max;
    }
    for (int col = 0; col < CLI_COLS; col++)
        printf("%-*s%s", col < CLI_COLS - 1 ? t->width[col] : 0, cli_columns[col].title,
               col < CLI_COLS - 1 ? "  " : "\n");
    return t;
}

void cli_table_rows(struct cli_table *t, struct dest *const *items, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        for (int col = 0; col < CLI_COLS; col++) {
            const char *s = cli_cell(items[i], col);
            char *safe = text_sanitize(s, strlen(s), false);
            bool last = col == CLI_COLS - 1;
            char *cell = safe ? text_fit(safe, t->width[col], !last) : NULL;
            fputs(cell ? cell : "?", stdout);
            fputs(last ? "\n" : "  ", stdout);
            free(cell);
            free(safe);
        }
    }
}

void cli_table_free(struct cli_table *t)
{
    free(t);
}
