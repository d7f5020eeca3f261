/* The one-shot subcommands of cbdest: dispatch, argument parsing, help, error reporting. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "cli.h"
#include "cli_internal.h"
#include "text.h"

enum cli_cmd_bit { CLI_LIST = 1, CLI_GET = 2, CLI_CREATE = 4, CLI_UPDATE = 8, CLI_ARCHIVE = 16 };
#define CLI_ALL_CMDS (CLI_LIST | CLI_GET | CLI_CREATE | CLI_UPDATE | CLI_ARCHIVE)

static const struct {
    const char *name;
    enum cli_opt opt;
    bool has_value;
    unsigned cmds;
} cli_options[] = {
    {"--limit", CLI_OPT_LIMIT, true, CLI_LIST},
    {"--order", CLI_OPT_ORDER, true, CLI_LIST},
    {"--after", CLI_OPT_AFTER, true, CLI_LIST},
    {"--before", CLI_OPT_BEFORE, true, CLI_LIST},
    {"--created-after", CLI_OPT_CREATED_AFTER, true, CLI_LIST},
    {"--created-before", CLI_OPT_CREATED_BEFORE, true, CLI_LIST},
    {"--updated-after", CLI_OPT_UPDATED_AFTER, true, CLI_LIST},
    {"--updated-before", CLI_OPT_UPDATED_BEFORE, true, CLI_LIST},
    {"--all", CLI_OPT_ALL, false, CLI_LIST},
    {"--table", CLI_OPT_TABLE, false, CLI_LIST},
    {"--json", CLI_OPT_JSON, false, CLI_ALL_CMDS},
    {"--jsonl", CLI_OPT_JSONL, false, CLI_LIST},
    {"--name", CLI_OPT_NAME, true, CLI_CREATE | CLI_UPDATE},
    {"--url", CLI_OPT_URL, true, CLI_CREATE | CLI_UPDATE},
    {"--description", CLI_OPT_DESCRIPTION, true, CLI_CREATE | CLI_UPDATE},
    {"--clear-description", CLI_OPT_CLEAR_DESCRIPTION, false, CLI_UPDATE},
    {"--meta", CLI_OPT_META, true, CLI_CREATE | CLI_UPDATE},
    {"--meta-json", CLI_OPT_META_JSON, true, CLI_CREATE | CLI_UPDATE},
    {"--unset-meta", CLI_OPT_UNSET_META, true, CLI_UPDATE},
    {"--yes", CLI_OPT_YES, false, CLI_ARCHIVE},
    {"--help", CLI_OPT_HELP, false, CLI_ALL_CMDS},
};

#define CLI_GLOBAL_HELP                                                                        \
    "Global options (anywhere on the line):\n"                                                 \
    "  --profile NAME  --base-url URL  --api-key-file PATH  --cacert PATH  --config PATH\n"    \
    "  --page-size N  --read-only[=true|false]  --no-read-only  --verbose\n"                    \
    "Exit codes: 0 ok, 1 the API refused, 2 usage, 3 network or TLS (or unknown outcome).\n"

static const struct {
    const char *name;
    unsigned bit;
    int (*run)(struct cli_ctx *c);
    int positional; /* how many positional words it takes */
    const char *help;
} cli_commands[] = {
    {"list", CLI_LIST, cli_cmd_list, 0,
     "usage: cbdest list [--limit N] [--order asc|desc] [--after ID | --before ID]\n"
     "                   [--created-after T] [--created-before T] [--updated-after T]\n"
     "                   [--updated-before T] [--all] [--table | --json | --jsonl]\n"
     "List destinations. T is ISO 8601 (2026-01-10, 2026-01-10T14:45:00Z) or an age such as\n"
     "30m, 12h, 7d, 2w (that long ago). --all streams every page. Output: --table (default on\n"
     "a terminal), --jsonl one object per line (default otherwise), --json the items array.\n"},
    {"get", CLI_GET, cli_cmd_get, 1,
     "usage: cbdest get ID [--json]\nShow one destination (--json: the API's own object).\n"},
    {"create", CLI_CREATE, cli_cmd_create, 0,
     "usage: cbdest create --name NAME --url URL [--description TEXT] [--meta KEY=VALUE]...\n"
     "                     [--meta-json KEY=JSON]... [--json]\n"
     "Create a destination. --meta sets a string value, --meta-json any JSON value.\n"
     "A create is never resent blindly: when its outcome is unknown, cbdest checks whether it\n"
     "landed and says so.\n"},
    {"update", CLI_UPDATE, cli_cmd_update, 1,
     "usage: cbdest update ID [--name NAME] [--url URL] [--description TEXT]\n"
     "                        [--clear-description] [--meta KEY=VALUE]... [--meta-json KEY=JSON]...\n"
     "                        [--unset-meta KEY]... [--json]\n"
     "Change a destination: only the changed fields are sent.\n"},
    {"archive", CLI_ARCHIVE, cli_cmd_archive, 1,
     "usage: cbdest archive ID [--yes] [--json]\n"
     "Archive a destination. Asks first on a terminal; scripts must pass --yes.\n"},
};

#define CLI_NCOMMANDS (sizeof cli_commands / sizeof cli_commands[0])

static void cli_print_main_help(FILE *out)
{
    fprintf(out, "usage: cbdest [global options] [tui]\n"
                 "       cbdest [global options] list|get|create|update|archive ... [--json]\n"
                 "       cbdest SUBCOMMAND --help | --version\n"
                 "Manage Metorial callback destinations: the terminal UI (no subcommand) or\n"
                 "one-shot subcommands for scripts.\n" CLI_GLOBAL_HELP);
}

int cli_find_subcommand(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int words = config_global_option_words(argc, argv, i);
        if (words > 0) {
            i += words - 1;
            continue;
        }
        if (argv[i][0] != '-' || strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0
            || strcmp(argv[i], "--version") == 0)
            return i;
    }
    return -1;
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("cbdest: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (see --help)\n", stderr);
    return CLI_USAGE;
}

static int cli_parse_option(struct cli_args *a, unsigned bit, int argc, char **argv, int *i)
{
    const char *arg = argv[*i], *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    for (size_t k = 0; k < sizeof cli_options / sizeof cli_options[0]; k++) {
        if (strlen(cli_options[k].name) != n || strncmp(cli_options[k].name, arg, n) != 0)
            continue;
        if (!(cli_options[k].cmds & bit))
            return cli_usage_error("option %.*s does not apply to this subcommand", (int)n, arg);
        enum cli_opt o = cli_options[k].opt;
        if (!cli_options[k].has_value) {
            if (eq)
                return cli_usage_error("option %.*s takes no value", (int)n, arg);
            a->set[o] = true;
            return 0;
        }
        if (!eq && *i + 1 >= argc)
            return cli_usage_error("option %s needs a value", arg);
        a->value[o] = eq ? eq + 1 : argv[++*i];
        a->set[o] = true;
        if (o == CLI_OPT_META || o == CLI_OPT_META_JSON || o == CLI_OPT_UNSET_META) {
            if (a->meta_count == CLI_MAX_META)
                return cli_usage_error("too many metadata options");
            a->meta[a->meta_count++] = (struct cli_meta_edit){o, a->value[o]};
        }
        return 0;
    }
    return cli_usage_error("unknown option %.*s", (int)n, arg);
}

static int cli_parse_args(struct cli_args *a, unsigned bit, int argc, char **argv, int sub)
{
    bool options_done = false;
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        int words = options_done ? 0 : config_global_option_words(argc, argv, i);
        if (i == sub || words > 0) {
            i += words > 0 ? words - 1 : 0;
            continue;
        }
        if (!options_done && strcmp(argv[i], "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && argv[i][0] == '-' && argv[i][1]) {
            if (cli_parse_option(a, bit, argc, argv, &i) != 0)
                return CLI_USAGE;
            continue;
        }
        if (a->positional_count == CLI_MAX_POSITIONAL)
            return cli_usage_error("too many arguments");
        a->positional[a->positional_count++] = argv[i];
    }
    return 0;
}

int cli_report_error(const struct api_error *e)
{
    if (!e) {
        fputs("cbdest: out of memory\n", stderr);
        return CLI_NETWORK;
    }
    char *line = api_error_summary(e);
    fprintf(stderr, "cbdest: %s\n", line ? line : "error");
    free(line);
    for (size_t i = 0; i < e->fields.count; i++) {
        const struct dest_field_error *fe = &e->fields.items[i];
        char *p = text_sanitize(fe->path, strlen(fe->path), false);
        char *m = text_sanitize(fe->message, strlen(fe->message), false);
        fprintf(stderr, "cbdest:   %s: %s\n", p ? p : "?", m ? m : "?");
        free(p);
        free(m);
    }
    if (e->hint) {
        char *h = text_sanitize(e->hint, strlen(e->hint), false);
        fprintf(stderr, "cbdest:   hint: %s\n", h ? h : "");
        free(h);
    }
    return api_error_exit_code(e);
}

struct fetch_result *cli_run(struct cli_ctx *c, uint64_t id)
{
    return id ? fetch_wait(c->fetch, id) : NULL;
}

bool cli_confirm(const char *question)
{
    char answer[16] = "";
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    if (!fgets(answer, sizeof answer, stdin))
        return false;
    return strcmp(answer, "y\n") == 0 || strcmp(answer, "Y\n") == 0
           || strcmp(answer, "yes\n") == 0;
}

/* Request log sink: everything with --verbose; otherwise only what a waiting human should
 * know (a retry that waits a second or more, a lost create being checked). */
static void cli_log(void *ctx, const char *line)
{
    const struct cli_ctx *c = ctx;
    char method[16];
    long ms = 0;
    bool long_retry = sscanf(line, "  retrying %15s in %ld ms", method, &ms) == 2 && ms >= 1000;
    if (c->cfg.verbose || long_retry || strstr(line, "outcome is unknown"))
        fprintf(stderr, "cbdest: %s\n", line[0] == ' ' ? line + 2 : line);
}

static int cli_run_command(size_t k, int argc, char **argv, int sub)
{
    struct cli_ctx c = {0};
    char *err = NULL;
    int rc = cli_parse_args(&c.args, cli_commands[k].bit, argc, argv, sub);
    if (rc != 0)
        return rc;
    if (c.args.set[CLI_OPT_HELP]) {
        fputs(cli_commands[k].help, stdout);
        fputs(CLI_GLOBAL_HELP, stdout);
        return CLI_OK;
    }
    if (c.args.positional_count != cli_commands[k].positional)
        return cli_usage_error("%s takes %d argument%s", cli_commands[k].name,
                               cli_commands[k].positional,
                               cli_commands[k].positional == 1 ? " (the destination id)" : "s");
    if (config_from_args(argc, argv, &c.cfg, &err) < 0) {
        fprintf(stderr, "cbdest: %s\n", err ? err : "out of memory");
        free(err);
        return CLI_USAGE;
    }
    c.stdout_tty = isatty(STDOUT_FILENO);
    c.stdin_tty = isatty(STDIN_FILENO);
    if (!(c.fetch = fetch_new(&c.cfg))) {
        fputs("cbdest: cannot start the HTTP client\n", stderr);
        rc = CLI_NETWORK;
    } else {
        fetch_set_log(c.fetch, cli_log, &c);
        rc = cli_commands[k].run(&c);
    }
    fetch_free(c.fetch);
    config_clear(&c.cfg);
    return rc;
}

int cli_main(int argc, char **argv)
{
    int sub = cli_find_subcommand(argc, argv), rc = CLI_USAGE;
    setlocale(LC_CTYPE, "");
    if (sub < 0)
        return cli_usage_error("no subcommand");
    const char *name = argv[sub];
    if (strcmp(name, "--version") == 0) {
        printf("cbdest %s\n", CBDEST_VERSION);
        return CLI_OK;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        cli_print_main_help(stdout);
        return CLI_OK;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("cbdest: cannot initialise libcurl\n", stderr);
        return CLI_NETWORK;
    }
    for (size_t k = 0; k < CLI_NCOMMANDS; k++)
        if (strcmp(cli_commands[k].name, name) == 0) {
            rc = cli_run_command(k, argc, argv, sub);
            goto out;
        }
    rc = cli_usage_error("unknown subcommand '%.60s'", name);
out:
    fflush(stdout);
    curl_global_cleanup();
    return rc;
}
