/* The help screen, generated from the key table. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "keys.h"

static const unsigned help_sections[] = { CTX_BROWSE, CTX_FORM, CTX_DIALOG, CTX_PROMPT,
                                          CTX_HELP };
static const char *const help_titles[] = {
    "List and detail", "Editor form (plus the form's own line-editing keys)",
    "Dialogs", "Prompts (/ search, : command, f filter)", "This help",
};

/* Calls emit(line index, text, bold) for every help line; returns the line count. */
static int help_lines(void (*emit)(void *ctx, int line, const char *text, bool bold), void *ctx)
{
    size_t n;
    const struct key_binding *t = keys_table(&n);
    int line = 0;
    char buf[160];
    for (size_t s = 0; s < sizeof(help_sections) / sizeof(help_sections[0]); s++) {
        if (emit)
            emit(ctx, line, help_titles[s], true);
        line++;
        for (size_t i = 0; i < n; i++) {
            char names[48];
            if (!(t[i].contexts & help_sections[s]) || keys_is_repeat(t, i))
                continue;
            snprintf(names, sizeof(names), "%s", t[i].name);
            while (i + 1 < n && strcmp(t[i + 1].help, t[i].help) == 0
                   && (t[i + 1].contexts & help_sections[s])) {
                i++;
                if (!keys_is_repeat(t, i))
                    snprintf(names + strlen(names), sizeof(names) - strlen(names), ", %s",
                             t[i].name);
            }
            snprintf(buf, sizeof(buf), "  %-18s  %s", names, t[i].help);
            if (emit)
                emit(ctx, line, buf, false);
            line++;
        }
        line++;
    }
    return line;
}

int help_line_count(void)
{
    return help_lines(NULL, NULL);
}

struct help_ctx {
    WINDOW *w;
    int scroll;
};

static void emit_line(void *ctx, int line, const char *text, bool bold)
{
    struct help_ctx *h = ctx;
    int y = line - h->scroll + 1;
    if (y < 1 || y >= getmaxy(h->w))
        return;
    wattrset(h->w, bold ? A_BOLD | A_UNDERLINE : A_NORMAL);
    screen_put(h->w, y, 1, text, getmaxx(h->w) - 2, false);
    wattrset(h->w, A_NORMAL);
}

void help_draw(struct app *a, WINDOW *w)
{
    struct help_ctx h = { w, a->help_scroll };
    werase(w);
    wattrset(w, A_BOLD | A_REVERSE);
    screen_put(w, 0, 0, " Help: every key (j/k scroll, ? or Esc closes)", getmaxx(w), true);
    wattrset(w, A_NORMAL);
    help_lines(emit_line, &h);
}
