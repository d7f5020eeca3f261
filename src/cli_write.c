/* The write subcommands: create (never resent blindly), update (smallest PATCH), archive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "text.h"

/* Applies the --meta/--meta-json/--unset-meta edits in order. 0 ok, else an exit code. */
static int cli_apply_meta(const struct cli_ctx *c, struct dest *d)
{
    for (int i = 0; i < c->args.meta_count; i++) {
        const struct cli_meta_edit *m = &c->args.meta[i];
        struct dest_field_errors errs = {0};
        if (m->opt == CLI_OPT_UNSET_META) {
            dest_meta_unset(d, m->arg);
            continue;
        }
        const char *eq = strchr(m->arg, '=');
        if (!eq || eq == m->arg)
            return cli_usage_error("metadata must be given as KEY=VALUE, not '%.60s'", m->arg);
        char *key = strndup(m->arg, (size_t)(eq - m->arg));
        int rc = key ? dest_meta_set(d, key, eq + 1, m->opt == CLI_OPT_META, &errs) : -2;
        free(key);
        dest_field_errors_clear(&errs);
        if (rc == -1)
            return cli_usage_error("--meta-json %.60s: the value is not valid JSON", m->arg);
        if (rc < 0)
            return cli_report_error(NULL);
    }
    return 0;
}

/* Applies --name/--url/--description/--clear-description and metadata edits to d. */
static int cli_apply_edits(const struct cli_ctx *c, struct dest *d)
{
    const struct {
        enum cli_opt opt;
        char **field;
    } strings[] = {
        {CLI_OPT_NAME, &d->name}, {CLI_OPT_URL, &d->url}, {CLI_OPT_DESCRIPTION, &d->description},
    };
    if (c->args.set[CLI_OPT_DESCRIPTION] && c->args.set[CLI_OPT_CLEAR_DESCRIPTION])
        return cli_usage_error("--description and --clear-description exclude each other");
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (c->args.set[strings[i].opt]
            && dest_set_string(strings[i].field, c->args.value[strings[i].opt]) < 0)
            return cli_report_error(NULL);
    if (c->args.set[CLI_OPT_CLEAR_DESCRIPTION] && dest_set_string(&d->description, "") < 0)
        return cli_report_error(NULL);
    return cli_apply_meta(c, d);
}

/* Validates d locally (only what changed from orig, when given); reports field errors like the
 * API would (exit 1). */
static int cli_check(const struct dest *orig, const struct dest *d)
{
    struct dest_field_errors errs = {0};
    int bad = orig ? dest_validate_patch(orig, d, &errs) : dest_validate(d, true, &errs);
    if (bad == 0)
        return 0;
    struct api_error *e = api_error_new(API_ERR_LOCAL, "validation",
                                        "the destination is not valid (nothing was sent)");
    if (e)
        e->fields = errs;
    else
        dest_field_errors_clear(&errs);
    int rc = cli_report_error(e);
    api_error_free(e);
    return rc;
}

/* Reports a create whose response was lost; true when the user asked to create again. */
static bool cli_create_unknown(const struct cli_ctx *c, const struct fetch_result *r)
{
    cli_report_error(r->error);
    if (!r->checked_not_landed) {
        fputs("cbdest: could not check whether it was created; look before retrying: "
              "cbdest list --order desc --created-after 10m\n", stderr);
        return false;
    }
    fputs("cbdest: checked: no destination with this name and url was created since the "
          "attempt, so nothing was created\n", stderr);
    if (!c->stdin_tty) {
        fputs("cbdest: run the command again to retry the create\n", stderr);
        return false;
    }
    return cli_confirm("Create it again?");
}

int cli_cmd_create(struct cli_ctx *c)
{
    struct dest *d = dest_new();
    int rc;
    if (!d)
        return cli_report_error(NULL);
    if (!c->args.set[CLI_OPT_NAME] || !c->args.set[CLI_OPT_URL]) {
        rc = cli_usage_error("create needs --name and --url");
        goto out;
    }
    if ((rc = cli_apply_edits(c, d)) != 0 || (rc = cli_check(NULL, d)) != 0)
        goto out;
    for (;;) {
        struct fetch_result *r = cli_run(c, fetch_create(c->fetch, d, 0));
        bool again = r && r->error && r->error->outcome_unknown && cli_create_unknown(c, r);
        if (!again && r && !r->error) {
            if (r->landed_after_unknown)
                fprintf(stderr, "cbdest: the response to the create was lost, but it landed: %s\n",
                        r->dest->id);
            cli_print_dest(c, r->dest);
            rc = CLI_OK;
        } else if (!again) {
            rc = r && r->error && r->error->outcome_unknown ? api_error_exit_code(r->error)
                                                            : cli_report_error(r ? r->error : NULL);
        }
        fetch_result_free(r);
        if (!again)
            break;
    }
out:
    dest_free(d);
    return rc;
}

int cli_cmd_update(struct cli_ctx *c)
{
    const char *id = c->args.positional[0];
    struct dest *edited = NULL;
    char *body = NULL;
    int rc;
    struct fetch_result *cur = cli_run(c, fetch_get(c->fetch, id, 0)), *r = NULL;
    if (!cur || cur->error) {
        rc = cli_report_error(cur ? cur->error : NULL);
        goto out;
    }
    if (!(edited = dest_clone(cur->dest))) {
        rc = cli_report_error(NULL);
        goto out;
    }
    if ((rc = cli_apply_edits(c, edited)) != 0 || (rc = cli_check(cur->dest, edited)) != 0)
        goto out;
    int changed = dest_patch_body(cur->dest, edited, &body);
    if (changed < 0) {
        rc = cli_report_error(NULL);
        goto out;
    }
    if (changed == 0) {
        fputs("cbdest: nothing to change\n", stderr);
        cli_print_dest(c, cur->dest);
        goto out;
    }
    r = cli_run(c, fetch_update(c->fetch, cur->dest->id, body, 0));
    if (!r || r->error)
        rc = cli_report_error(r ? r->error : NULL);
    else
        cli_print_dest(c, r->dest);
out:
    free(body);
    dest_free(edited);
    fetch_result_free(cur);
    fetch_result_free(r);
    return rc;
}

/* Asks `Archive "NAME" (ID, URL)? [y/N]` after fetching the destination. CLI_OK to go on;
 * -1 when the user said no; else the exit code of the failed GET. */
static int cli_archive_confirm(struct cli_ctx *c, const char *id)
{
    struct fetch_result *r = cli_run(c, fetch_get(c->fetch, id, 0));
    if (!r || r->error) {
        int rc = cli_report_error(r ? r->error : NULL);
        fetch_result_free(r);
        return rc;
    }
    char *url = dest_url_masked(r->dest->url);
    char *name = text_sanitize(r->dest->name, strlen(r->dest->name), false);
    char *sid = text_sanitize(r->dest->id, strlen(r->dest->id), false);
    char *surl = url ? text_sanitize(url, strlen(url), false) : NULL;
    char question[1600];
    snprintf(question, sizeof question, "Archive \"%.500s\" (%.100s, %.800s)?", name ? name : "?",
             sid ? sid : "?", surl ? surl : "?");
    free(url), free(name), free(sid), free(surl);
    fetch_result_free(r);
    return cli_confirm(question) ? CLI_OK : -1;
}

int cli_cmd_archive(struct cli_ctx *c)
{
    const char *id = c->args.positional[0];
    if (!c->args.set[CLI_OPT_YES]) {
        if (!c->stdin_tty)
            return cli_usage_error("archive asks for confirmation: pass --yes when not on a "
                                   "terminal");
        int asked = cli_archive_confirm(c, id);
        if (asked < 0) {
            fputs("cbdest: not archived\n", stderr);
            return CLI_OK;
        }
        if (asked != CLI_OK)
            return asked;
    }
    struct fetch_result *r = cli_run(c, fetch_archive(c->fetch, id, 0));
    int rc = CLI_OK;
    if (!r || r->error)
        rc = cli_report_error(r ? r->error : NULL);
    else if (r->dest)
        cli_print_dest(c, r->dest);
    else if (c->args.set[CLI_OPT_JSON])
        puts("null");
    else
        printf("archived %s\n", id);
    fetch_result_free(r);
    return rc;
}
