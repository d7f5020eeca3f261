/* Private interface of the one-shot CLI: parsed arguments, context, output helpers. */
#ifndef CBDEST_CLI_INTERNAL_H
#define CBDEST_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "api.h"
#include "config.h"
#include "fetch.h"

enum cli_exit { CLI_OK = 0, CLI_REFUSED = 1, CLI_USAGE = 2, CLI_NETWORK = 3 };

enum cli_opt {
    CLI_OPT_LIMIT, CLI_OPT_ORDER, CLI_OPT_AFTER, CLI_OPT_BEFORE,
    CLI_OPT_CREATED_AFTER, CLI_OPT_CREATED_BEFORE, CLI_OPT_UPDATED_AFTER, CLI_OPT_UPDATED_BEFORE,
    CLI_OPT_ALL, CLI_OPT_TABLE, CLI_OPT_JSON, CLI_OPT_JSONL,
    CLI_OPT_NAME, CLI_OPT_URL, CLI_OPT_DESCRIPTION, CLI_OPT_CLEAR_DESCRIPTION,
    CLI_OPT_META, CLI_OPT_META_JSON, CLI_OPT_UNSET_META, CLI_OPT_YES, CLI_OPT_HELP,
    CLI_OPT_COUNT
};

#define CLI_MAX_POSITIONAL 4
#define CLI_MAX_META 128

/* A metadata edit in command-line order: --meta k=v, --meta-json k=JSON, --unset-meta k. */
struct cli_meta_edit {
    enum cli_opt opt;
    const char *arg;
};

struct cli_args {
    const char *value[CLI_OPT_COUNT]; /* last value of each valued option (borrowed) */
    bool set[CLI_OPT_COUNT];
    struct cli_meta_edit meta[CLI_MAX_META];
    int meta_count;
    const char *positional[CLI_MAX_POSITIONAL];
    int positional_count;
};

struct cli_ctx {
    struct config cfg;
    struct fetch *fetch;
    struct cli_args args;
    bool stdout_tty;
    bool stdin_tty;
};

/* cli.c */
__attribute__((format(printf, 1, 2))) int cli_usage_error(const char *fmt, ...);
/* Reports a failed request on stderr (one line, field errors, hint); returns its exit code. */
int cli_report_error(const struct api_error *e);
/* Runs one request to completion; NULL result reported as out of memory. */
struct fetch_result *cli_run(struct cli_ctx *c, uint64_t id);
/* Asks a yes/no question on the terminal; true on "y"/"yes". */
bool cli_confirm(const char *question);

/* cli_output.c */
void cli_print_dest(const struct cli_ctx *c, const struct dest *d);
void cli_print_json_line(const struct dest *d);
/* Table of destinations: widths come from the first batch and stay fixed. */
struct cli_table;
struct cli_table *cli_table_new(struct dest *const *items, size_t count);
void cli_table_rows(struct cli_table *t, struct dest *const *items, size_t count);
void cli_table_free(struct cli_table *t);

/* cli_list.c, cli_write.c: the subcommands. */
int cli_cmd_list(struct cli_ctx *c);
int cli_cmd_get(struct cli_ctx *c);
int cli_cmd_create(struct cli_ctx *c);
int cli_cmd_update(struct cli_ctx *c);
int cli_cmd_archive(struct cli_ctx *c);

#endif
