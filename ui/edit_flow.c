/* Wiring of the editor form: opening it (n, e, Enter), saving (POST, or a GET to check that
 * nobody changed the destination meanwhile and then a PATCH of the changed fields), refused
 * saves, unsaved-changes and conflict dialogs. The form itself is ui/form.c. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "keys.h"

static void show_form(struct app *a, struct form *f)
{
    if (!f) {
        app_status(a, STATUS_ERROR, "out of memory: cannot open the form");
        return;
    }
    a->form = f;
    a->help_open = false;
    a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

void edit_open_new(struct app *a)
{
    if (app_refuse_if_read_only(a, "creating"))
        return;
    show_form(a, form_new_create());
    app_status(a, STATUS_INFO, "new destination: Ctrl-S saves, Esc cancels");
}

void edit_open_existing(struct app *a)
{
    const struct dest *d = app_selected(a);
    if (!d || app_refuse_if_read_only(a, "editing"))
        return;
    show_form(a, form_new_edit(d));
    app_status(a, STATUS_INFO, "editing %s: Ctrl-S saves the changed fields, Esc cancels", d->id);
}

void edit_close(struct app *a)
{
    for (int i = 0; i < APP_MAX_PENDING; i++) {
        enum purpose p = a->pending[i].purpose;
        if (a->pending[i].id && (p == PURPOSE_PRE_PATCH_GET))
            app_cancel(a, a->pending[i].id);
    }
    form_free(a->form);
    a->form = NULL;
    dest_free(a->form_pending);
    a->form_pending = NULL;
    dest_free(a->form_fresh);
    a->form_fresh = NULL;
    a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

void edit_back(struct app *a)
{
    if (form_dirty(a->form))
        dialog_open(a, DIALOG_DISCARD, "Unsaved changes",
                    "Discard the changes you typed in this form?", "Keep editing", "Discard",
                    NULL);
    else
        edit_close(a);
}

void edit_discard_answer(struct app *a, bool discard)
{
    if (discard && a->form) {
        edit_close(a);
        app_status(a, STATUS_INFO, "changes discarded");
    }
}

static void send_patch(struct app *a)
{
    const struct dest *orig = form_original(a->form);
    char *body = NULL;
    int n = dest_patch_body(orig, a->form_pending, &body);
    uint64_t id;
    if (n < 0) {
        app_status(a, STATUS_ERROR, "out of memory");
        form_set_saving(a->form, false);
        return;
    }
    if (n == 0) {
        edit_close(a);
        app_status(a, STATUS_INFO, "nothing changed: not saved");
        return;
    }
    id = fetch_update(a->fetch, orig->id, body, 0);
    free(body);
    if (app_track(a, id, PURPOSE_UPDATE, PAGER_FIRST, 0, orig->id))
        app_status(a, STATUS_INFO, "saving %d changed field%s...", n, n == 1 ? "" : "s");
    else
        form_set_saving(a->form, false);
}

void edit_save(struct app *a)
{
    struct dest *built;
    uint64_t id;
    if (form_is_saving(a->form))
        return;
    built = dest_new();
    if (!built || !form_build(a->form, built)) {
        dest_free(built);
        app_status(a, STATUS_WARN, "not saved: fix the fields marked with !");
        a->dirty |= DIRTY_BODY;
        return;
    }
    form_set_saving(a->form, true);
    a->dirty |= DIRTY_BODY;
    if (form_is_new(a->form)) {
        id = fetch_create(a->fetch, built, 0);
        dest_free(built);
        if (app_track(a, id, PURPOSE_CREATE, PAGER_FIRST, 0, NULL))
            app_status(a, STATUS_INFO, "creating...");
        else
            form_set_saving(a->form, false);
        return;
    }
    dest_free(a->form_pending);
    a->form_pending = built;
    id = fetch_get(a->fetch, form_original(a->form)->id, 0);
    if (app_track(a, id, PURPOSE_PRE_PATCH_GET, PAGER_FIRST, 0, form_original(a->form)->id))
        app_status(a, STATUS_INFO, "checking the server copy before saving...");
    else
        form_set_saving(a->form, false);
}

static bool same(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

static bool same_metadata(const struct dest *o, const struct dest *n)
{
    struct dest_meta_row *ro = NULL, *rn = NULL;
    size_t co = 0, cn = 0;
    bool eq = dest_meta_rows(o, &ro, &co) == 0 && dest_meta_rows(n, &rn, &cn) == 0 && co == cn;
    for (size_t i = 0; eq && i < co; i++)
        eq = same(ro[i].key, rn[i].key) && same(ro[i].value_text, rn[i].value_text)
          && ro[i].is_string == rn[i].is_string;
    dest_meta_rows_free(ro, co);
    dest_meta_rows_free(rn, cn);
    return eq;
}

/* "name url" — the fields that differ between two versions of a destination. */
static void changed_fields(const struct dest *o, const struct dest *n, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s%s", same(o->name, n->name) ? "" : "name ",
             same(o->url, n->url) ? "" : "url ",
             same(o->description, n->description) ? "" : "description ",
             o->status == n->status ? "" : "status ", same_metadata(o, n) ? "" : "metadata");
    if (!buf[0])
        snprintf(buf, size, "(only its update time)");
}

static void on_pre_patch_get(struct app *a, struct fetch_result *r)
{
    const struct dest *orig = form_original(a->form);
    char changed[128], body[512];
    if (r->error || !r->dest) {
        form_set_saving(a->form, false);
        app_status_error(a, "checking before save", r->error);
        return;
    }
    if (same(r->dest->updated_at, orig->updated_at)) {
        send_patch(a);
        return;
    }
    changed_fields(orig, r->dest, changed, sizeof(changed));
    dest_free(a->form_fresh);
    a->form_fresh = r->dest;
    r->dest = NULL;
    snprintf(body, sizeof(body), "Someone changed this destination after you opened it.\n"
             "Changed on the server: %s\nUpdated at: %s\n\n"
             "Save the fields you changed over it (the others keep the server's values)?",
             changed, a->form_fresh->updated_at);
    dialog_open(a, DIALOG_CONFLICT, "Changed on the server", body, "Cancel", "Save anyway",
                NULL);
}

void edit_conflict_answer(struct app *a, bool overwrite)
{
    if (!a->form) {
        json_edit_conflict_answer(a, overwrite);
        return;
    }
    if (!a->form_fresh)
        return;
    if (!overwrite) {
        form_set_saving(a->form, false);
        app_status(a, STATUS_WARN, "not saved: the server copy changed (Esc, then r reloads it)");
        return;
    }
    /* The PATCH stays the diff against what the form was opened on: only the fields the
     * user changed are sent, so changes made meanwhile to other fields survive. */
    dest_free(a->form_fresh);
    a->form_fresh = NULL;
    send_patch(a);
}

static void show_saved(struct app *a, struct dest *d, bool created)
{
    char id[128];
    snprintf(id, sizeof(id), "%s", d->id);
    edit_close(a);
    if (created) {
        free(a->sel_id);
        a->sel_id = strdup(d->id);
        pager_seed(&a->pager, dest_clone(d));
        list_rebuild_rows(a);
        list_request_pages(a);
    } else {
        app_update_row(a, d);
    }
    app_status(a, STATUS_OK, "%s %s", created ? "created" : "saved", id);
}

static void on_save_result(struct app *a, const struct pending *p, struct fetch_result *r)
{
    bool created = p->purpose == PURPOSE_CREATE;
    if (!a->form) {                 /* a JSON edit, or the form was closed meanwhile */
        if (r->error) {
            app_status_error(a, "save", r->error);
        } else if (r->dest && !created) {
            app_update_row(a, r->dest);
            app_status(a, STATUS_OK, "saved %s", r->dest->id);
        }
        return;
    }
    form_set_saving(a->form, false);
    if (r->error) {
        form_set_server_errors(a->form, r->error);
        if (created && r->checked_not_landed)
            app_status(a, STATUS_ERROR, "the create did not land (checked); Ctrl-S tries again");
        else if (r->error->outcome_unknown)
            app_status(a, STATUS_ERROR, "the save may or may not have landed; r reloads to see");
        else
            app_status_error(a, created ? "create" : "save", r->error);
        return;
    }
    if (r->dest)
        show_saved(a, r->dest, created);
    else
        edit_close(a);
}

void edit_on_result(struct app *a, const struct pending *p, struct fetch_result *r)
{
    if (p->purpose == PURPOSE_PRE_PATCH_GET) {
        if (a->form)
            on_pre_patch_get(a, r);
        else
            json_edit_on_check(a, r);
        return;
    }
    on_save_result(a, p, r);
}

static void cancel_save(struct app *a)
{
    for (int i = 0; i < APP_MAX_PENDING; i++) {
        enum purpose p = a->pending[i].purpose;
        if (a->pending[i].id && (p == PURPOSE_CREATE || p == PURPOSE_UPDATE
                                 || p == PURPOSE_PRE_PATCH_GET))
            app_cancel(a, a->pending[i].id);
    }
    form_set_saving(a->form, false);
    app_status(a, STATUS_WARN, "save cancelled (a write already sent may still have landed)");
}

void edit_key(struct app *a, wint_t ch, bool keycode)
{
    enum key_action act = keys_lookup(CTX_FORM, (int)ch, keycode);
    enum form_outcome out;
    if (act == ACT_SAVE) {
        edit_save(a);
        return;
    }
    if (act == ACT_REDRAW) {
        a->dirty |= DIRTY_LAYOUT;
        return;
    }
    if (act == ACT_BACK && form_is_saving(a->form)) {
        cancel_save(a);
        a->dirty |= DIRTY_BODY;
        return;
    }
    out = form_key(a->form, ch, keycode);
    a->dirty |= DIRTY_BODY;
    if (out == FORM_SAVE)
        edit_save(a);
    else if (out == FORM_CANCEL)
        edit_back(a);
}

void edit_draw(struct app *a, WINDOW *w)
{
    werase(w);
    form_draw(a->form, w);
}

