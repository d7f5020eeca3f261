/* The read subcommands: list (one page or every page, streamed) and get. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "datetime.h"

enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_JSON, CLI_FORMAT_JSONL };

struct cli_list_state {
    enum cli_format format;
    struct cli_table *table;
    size_t printed;
    char bounds[4][DATETIME_ISO_LEN];
    char *after;
};

static int cli_list_format(const struct cli_ctx *c, enum cli_format *fmt)
{
    int chosen = c->args.set[CLI_OPT_TABLE] + c->args.set[CLI_OPT_JSON] + c->args.set[CLI_OPT_JSONL];
    if (chosen > 1)
        return cli_usage_error("choose one of --table, --json, --jsonl");
    *fmt = c->args.set[CLI_OPT_JSON]    ? CLI_FORMAT_JSON
           : c->args.set[CLI_OPT_JSONL] ? CLI_FORMAT_JSONL
           : c->args.set[CLI_OPT_TABLE] || c->stdout_tty ? CLI_FORMAT_TABLE
                                                        : CLI_FORMAT_JSONL;
    return 0;
}

static int cli_list_params(const struct cli_ctx *c, struct cli_list_state *s,
                           struct api_list_params *p)
{
    static const enum cli_opt dates[4] = {CLI_OPT_CREATED_AFTER, CLI_OPT_CREATED_BEFORE,
                                          CLI_OPT_UPDATED_AFTER, CLI_OPT_UPDATED_BEFORE};
    const char **slots[4] = {&p->created_after, &p->created_before, &p->updated_after,
                             &p->updated_before};
    const char *limit = c->args.value[CLI_OPT_LIMIT], *order = c->args.value[CLI_OPT_ORDER];
    memset(p, 0, sizeof *p);
    p->limit = c->cfg.page_size;
    if (limit) {
        char *end;
        long n = strtol(limit, &end, 10);
        if (*end || end == limit || n < 1 || n > 100)
            return cli_usage_error("--limit must be a number from 1 to 100");
        p->limit = (int)n;
    }
    if (order && strcmp(order, "asc") != 0 && strcmp(order, "desc") != 0)
        return cli_usage_error("--order must be asc or desc");
    p->order = !order ? API_ORDER_DEFAULT : order[0] == 'a' ? API_ORDER_ASC : API_ORDER_DESC;
    p->after = c->args.value[CLI_OPT_AFTER];
    p->before = c->args.value[CLI_OPT_BEFORE];
    if (p->after && p->before)
        return cli_usage_error("--after and --before exclude each other: give one of them");
    if (p->before && c->args.set[CLI_OPT_ALL])
        return cli_usage_error("--all pages forward: use --after, not --before");
    int64_t now = datetime_now_ms();
    for (int i = 0; i < 4; i++) {
        const char *v = c->args.value[dates[i]];
        if (!v)
            continue;
        if (!datetime_parse_bound(v, now, s->bounds[i]))
            return cli_usage_error("bad date '%.40s': use ISO 8601 or an age like 7d, 12h, 30m", v);
        *slots[i] = s->bounds[i];
    }
    return 0;
}

static void cli_list_emit(struct cli_list_state *s, const struct api_page *page)
{
    if (s->format == CLI_FORMAT_TABLE) {
        if (!s->table)
            s->table = cli_table_new(page->items, page->count);
        if (s->table)
            cli_table_rows(s->table, page->items, page->count);
    }
    for (size_t i = 0; s->format != CLI_FORMAT_TABLE && i < page->count; i++) {
        if (s->format == CLI_FORMAT_JSON)
            fputs(s->printed + i == 0 ? "[\n" : ",\n", stdout);
        char *text = dest_to_json_text(page->items[i], false);
        fputs(text ? text : "null", stdout);
        free(text);
        if (s->format == CLI_FORMAT_JSONL)
            putchar('\n');
    }
    s->printed += page->count;
    fflush(stdout);
}

static void cli_list_close(struct cli_list_state *s)
{
    if (s->format == CLI_FORMAT_JSON)
        fputs(s->printed ? "\n]\n" : "[]\n", stdout);
    cli_table_free(s->table);
}

/* Moves the cursor to the page's last id; false (rc = 1) when the server did not move forward
 * in the requested order (ids sort the list), which would otherwise loop forever. */
static bool cli_list_advance(struct cli_list_state *s, const struct api_page *page,
                             enum api_order order, int *rc)
{
    const char *last = page->items[page->count - 1]->id;
    if (s->after) {
        int cmp = strcmp(last, s->after);
        if (order == API_ORDER_DESC ? cmp >= 0 : cmp <= 0) {
            fputs("cbdest: the server's next page did not move forward; stopping\n", stderr);
            *rc = CLI_REFUSED;
            return false;
        }
    }
    free(s->after);
    return (s->after = strdup(last)) != NULL;
}

int cli_cmd_list(struct cli_ctx *c)
{
    struct cli_list_state s = {0};
    struct api_list_params p;
    int rc = cli_list_format(c, &s.format);
    if (rc || (rc = cli_list_params(c, &s, &p)))
        return rc;
    for (;;) {
        struct fetch_result *r = cli_run(c, fetch_list(c->fetch, &p, 0));
        if (!r || r->error) {
            rc = cli_report_error(r ? r->error : NULL);
            fetch_result_free(r);
            break;
        }
        cli_list_emit(&s, &r->page);
        bool more = c->args.set[CLI_OPT_ALL] && r->page.has_more_after && r->page.count > 0
                    && cli_list_advance(&s, &r->page, p.order, &rc);
        fetch_result_free(r);
        if (!more)
            break;
        p.after = s.after;
    }
    if (rc == 0 || s.printed)
        cli_list_close(&s);
    else
        cli_table_free(s.table);
    free(s.after);
    return rc;
}

int cli_cmd_get(struct cli_ctx *c)
{
    struct fetch_result *r = cli_run(c, fetch_get(c->fetch, c->args.positional[0], 0));
    int rc = CLI_OK;
    if (!r || r->error)
        rc = cli_report_error(r ? r->error : NULL);
    else
        cli_print_dest(c, r->dest);
    fetch_result_free(r);
    return rc;
}
