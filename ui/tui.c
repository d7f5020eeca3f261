/* The terminal UI entry point: options and configuration, the terminal, the loop, cleanup. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "form.h"
#include "keys.h"
#include "term.h"
#include "text.h"
#include "tui.h"

enum { WINDOW_PAGES = 10 };

static int saved_argc;
static char **saved_argv;

static const char *dest_id_of(const void *item)
{
    return ((const struct dest *)item)->id;
}

static void dest_free_item(void *item)
{
    dest_free(item);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cbdest [OPTIONS]            the terminal UI\n"
            "       cbdest SUBCOMMAND [ARGS]    list|get|create|update|archive (cbdest list --help)\n"
            "options: --profile NAME  --base-url URL  --api-key-file PATH  --cacert PATH\n"
            "         --config PATH  --page-size N  --read-only  --verbose\n"
            "         --print-keys (the key table as Markdown)  --help  --version\n"
            "In the UI, ? lists every key. See cbdest(1).\n");
}

/* Options handled here before the configuration; returns -1 to go on, else an exit code. */
static int early_options(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--print-keys") == 0) {
            keys_print_markdown(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("cbdest %s\n", CBDEST_VERSION);
            return 0;
        }
    }
    return -1;
}

static void app_init(struct app *a)
{
    memset(a, 0, sizeof(*a));
    pager_init(&a->pager, (size_t)(a->cfg.page_size > 0 ? a->cfg.page_size : 20), WINDOW_PAGES,
               dest_id_of, dest_free_item);
    a->filter.show_archived = true;
    a->filter.order = API_ORDER_ASC;
    a->dirty = DIRTY_ALL;
}

static void clear_pending(struct app *a)
{
    for (int i = 0; i < APP_MAX_PENDING; i++)
        free(a->pending[i].dest_id);
    memset(a->pending, 0, sizeof(a->pending));
}

static void app_cleanup(struct app *a)
{
    if (a->form)
        edit_close(a);
    json_edit_clear(a);
    free(a->json_retry_text);
    free(a->json_retry_id);
    strbuf_free(&a->paste);
    dialog_close(a);
    prompt_close(a);
    screen_free(a);
    clear_pending(a);
    pager_free(&a->pager);
    free(a->rows);
    free(a->sel_id);
    free(a->last_error);
    free(a->filter.search);
    if (a->fetch)
        fetch_free(a->fetch);
    config_clear(&a->cfg);
}

/* config_from_args for argv, with --profile replaced when `profile` is given; *err malloc'd
 * on failure. */
static int load_config(int argc, char **argv, const char *profile, struct config *cfg,
                       char **err)
{
    char **args = calloc((size_t)argc + 3, sizeof(char *));
    int n = 0, rc;
    *err = NULL;
    if (!args)
        return -1;
    for (int i = 0; i < argc; i++) {
        if (profile && strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            i++;
            continue;
        }
        if (profile && strncmp(argv[i], "--profile=", 10) == 0)
            continue;
        args[n++] = argv[i];
    }
    if (profile) {
        args[n++] = (char *)"--profile";
        args[n++] = (char *)profile;
    }
    rc = config_from_args(n, args, cfg, err);
    free(args);
    return rc;
}

void tui_switch_profile(struct app *a, const char *profile)
{
    struct config cfg;
    struct fetch *f;
    char *err = NULL;
    memset(&cfg, 0, sizeof(cfg));
    int rc = load_config(saved_argc, saved_argv, profile, &cfg, &err);
    f = rc == 0 ? fetch_new(&cfg) : NULL;
    if (!f) {
        config_clear(&cfg);
        app_status(a, STATUS_ERROR, "cannot switch to profile %s: %s", profile,
                   err ? err : "out of memory");
        free(err);
        return;
    }
    clear_pending(a);
    fetch_free(a->fetch);
    config_clear(&a->cfg);
    a->cfg = cfg;
    a->fetch = f;
    a->pager.page_size = (size_t)(cfg.page_size > 0 ? cfg.page_size : 20);
    list_reload(a, false);
    a->dirty |= DIRTY_LAYOUT;
    app_status(a, STATUS_OK, "profile %s", profile);
}

static void set_charset(void)
{
    const char *cs;
    setlocale(LC_ALL, "");
    cs = nl_langinfo(CODESET);
    text_set_utf8(cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0));
}

int tui_main(int argc, char **argv)
{
    static struct app app;
    int rc = early_options(argc, argv);
    if (rc >= 0)
        return rc;
    set_charset();
    saved_argc = argc;
    saved_argv = argv;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "cbdest: the terminal UI needs a terminal; in scripts use a "
                "subcommand such as `cbdest list`\n");
        return 2;
    }
    app_init(&app);
    char *err = NULL;
    if (load_config(argc, argv, NULL, &app.cfg, &err) != 0) {
        fprintf(stderr, "cbdest: %s\n", err ? err : "out of memory");
        free(err);
        app_cleanup(&app);
        return 2;
    }
    app.pager.page_size = (size_t)(app.cfg.page_size > 0 ? app.cfg.page_size : 20);
    app.fetch = fetch_new(&app.cfg);
    if (!app.fetch) {
        fprintf(stderr, "cbdest: cannot start the network layer (out of memory or libcurl)\n");
        app_cleanup(&app);
        return 1;
    }
    if (!term_open()) {
        app_cleanup(&app);
        return 2;
    }
    list_request_pages(&app);
    rc = loop_run(&app);
    term_close();
    app_cleanup(&app);
    if (app.terminal_gone)
        _exit(rc);      /* an orphan with no terminal: skip exit-time work (a sanitizer's
                           leak check would try to stop this process and hang) */
    return rc;
}
