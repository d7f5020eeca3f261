/* `E`: editing the selected destination as JSON in $EDITOR (ui/external_edit.c does the file
 * and the parsing), then a GET to check that nobody changed it meanwhile, then a PATCH of
 * the fields the user changed. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "external_edit.h"
#include "term.h"

void json_edit_clear(struct app *a)
{
    dest_free(a->json_orig);
    dest_free(a->json_edited);
    a->json_orig = a->json_edited = NULL;
}

static void keep_retry(struct app *a, const char *id, char *text)
{
    free(a->json_retry_text);
    free(a->json_retry_id);
    a->json_retry_text = text;
    a->json_retry_id = text ? strdup(id) : NULL;
}

static void send_json_patch(struct app *a)
{
    char *body = NULL;
    int n = dest_patch_body(a->json_orig, a->json_edited, &body);
    uint64_t id;
    if (n <= 0) {
        app_status(a, n == 0 ? STATUS_INFO : STATUS_ERROR,
                   n == 0 ? "nothing changed: not saved" : "out of memory");
        json_edit_clear(a);
        return;
    }
    id = fetch_update(a->fetch, a->json_orig->id, body, 0);
    free(body);
    if (app_track(a, id, PURPOSE_UPDATE, PAGER_FIRST, 0, a->json_orig->id))
        app_status(a, STATUS_INFO, "saving %d changed field%s...", n, n == 1 ? "" : "s");
    json_edit_clear(a);
}

static void run_editor(struct app *a, const struct dest *d)
{
    struct dest *edited = NULL;
    char *error = NULL, *text = NULL;
    const char *start = a->json_retry_id && strcmp(a->json_retry_id, d->id) == 0
                      ? a->json_retry_text : NULL;
    enum external_edit_result res;
    term_suspend();
    res = external_edit_run(d, start, &edited, &error, &text);
    term_resume();
    a->dirty |= DIRTY_LAYOUT;
    if (res == EXTERNAL_EDIT_FAILED) {
        keep_retry(a, d->id, text);
        app_status(a, STATUS_ERROR, "not saved: %s (E again reopens your text)",
                   error ? error : "the editor failed");
        free(error);
        return;
    }
    free(text);
    keep_retry(a, d->id, NULL);
    if (res == EXTERNAL_EDIT_UNCHANGED || !edited) {
        dest_free(edited);
        app_status(a, STATUS_INFO, "unchanged: nothing to save");
        return;
    }
    json_edit_clear(a);
    a->json_orig = dest_clone(d);
    a->json_edited = edited;
    uint64_t id = fetch_get(a->fetch, d->id, 0);
    if (app_track(a, id, PURPOSE_PRE_PATCH_GET, PAGER_FIRST, 0, d->id))
        app_status(a, STATUS_INFO, "checking the server copy before saving...");
}

void edit_as_json(struct app *a)
{
    const struct dest *d = app_selected(a);
    if (!d || app_refuse_if_read_only(a, "editing"))
        return;
    if (a->json_edited) {
        app_status(a, STATUS_WARN, "a JSON edit is still being saved");
        return;
    }
    run_editor(a, d);
}

void json_edit_on_check(struct app *a, struct fetch_result *r)
{
    char body[512];
    if (!a->json_edited)
        return;
    if (r->error || !r->dest) {
        app_status_error(a, "checking before save", r->error);
        json_edit_clear(a);
        return;
    }
    if (strcmp(r->dest->updated_at, a->json_orig->updated_at) == 0) {
        send_json_patch(a);
        return;
    }
    snprintf(body, sizeof(body), "Someone changed this destination while you edited it\n"
             "(updated at %.40s).\n\nSave the fields you changed over it?", r->dest->updated_at);
    dialog_open(a, DIALOG_CONFLICT, "Changed on the server", body, "Cancel", "Save anyway",
                NULL);
}

void json_edit_conflict_answer(struct app *a, bool overwrite)
{
    if (!a->json_edited)
        return;
    if (overwrite) {
        send_json_patch(a);
    } else {
        json_edit_clear(a);
        app_status(a, STATUS_WARN, "not saved: the server copy changed (r reloads it)");
    }
}
