/* The last error in full (`!`): what failed, HTTP status, code, message, hint, field errors,
 * request id, a body excerpt; kept as raw text and sanitised by the dialog that shows it. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "strbuf.h"

enum { ERROR_TEXT_CAP = 64 * 1024 };

static void line(struct strbuf *b, const char *label, const char *value)
{
    if (value && *value)
        strbuf_printf(b, "%s: %s\n", label, value);
}

void error_view_record(struct app *a, const char *what, const struct api_error *e)
{
    struct strbuf b;
    strbuf_init(&b, ERROR_TEXT_CAP);
    strbuf_printf(&b, "%s failed\n", what);
    if (e && e->status)
        strbuf_printf(&b, "status: %d\n", e->status);
    if (e) {
        line(&b, "code", e->code);
        line(&b, "message", e->message);
        line(&b, "hint", e->hint);
        for (size_t i = 0; i < e->fields.count; i++)
            strbuf_printf(&b, "field %s: %s\n", e->fields.items[i].path ? e->fields.items[i].path
                          : "(body)", e->fields.items[i].message ? e->fields.items[i].message : "");
        line(&b, "request id", e->req_id);
        line(&b, "body", e->excerpt);
        if (e->outcome_unknown)
            strbuf_adds(&b, "the write may or may not have been applied (r reloads to see)\n");
    }
    free(a->last_error);
    a->last_error = strbuf_take(&b);
    strbuf_free(&b);
    if (a->last_error && *a->last_error)
        a->last_error[strlen(a->last_error) - 1] = '\0';     /* the last '\n' */
}

/* Breaks each line of text into rows of at most `width` characters (code points). */
static char *wrap(const char *text, int width)
{
    struct strbuf b;
    int col = 0;
    strbuf_init(&b, ERROR_TEXT_CAP * 2);
    for (const char *p = text; *p; p++) {
        bool lead = ((unsigned char)*p & 0xc0) != 0x80;
        if (*p == '\n') {
            col = 0;
        } else if (lead && col++ >= width) {
            strbuf_addc(&b, '\n');
            col = 1;
        }
        strbuf_addc(&b, *p);
    }
    char *out = strbuf_take(&b);
    strbuf_free(&b);
    return out;
}

void error_view_open(struct app *a)
{
    char *body;
    if (!a->last_error) {
        app_status(a, STATUS_INFO, "no error to show");
        return;
    }
    body = wrap(a->last_error, a->cols > 20 ? a->cols - 10 : 10);
    dialog_open(a, DIALOG_INFO, "Last error", body ? body : a->last_error, "Close", NULL, NULL);
    free(body);
}
