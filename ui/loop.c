/* The event loop: poll() on the terminal, the signal pipe and the fetch layer; keys through
 * the key table; results into the view model; draw only what changed, block when idle. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "form.h"
#include "keys.h"
#include "term.h"
#include "text.h"

enum { SPINNER_MS = 120 };

static void browse_key(struct app *a, wint_t ch, bool keycode)
{
    enum key_action act = keys_lookup(CTX_BROWSE, (int)ch, keycode);
    if (act == ACT_NONE && !keycode && ch < 127 && ch >= 32)
        app_status(a, STATUS_INFO, "key %c does nothing here; ? shows every key", (int)ch);
    actions_run(a, act);
}

static void help_key(struct app *a, wint_t ch, bool keycode)
{
    enum key_action act = keys_lookup(CTX_HELP, (int)ch, keycode);
    int max = help_line_count() - (a->layout.body.h - 2);
    if (act == ACT_BACK || act == ACT_HELP) {
        a->help_open = false;
        a->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
        return;
    }
    if (act == ACT_REDRAW) {
        a->dirty |= DIRTY_LAYOUT;
        return;
    }
    a->help_scroll += act == ACT_DOWN ? 1 : act == ACT_UP ? -1
                    : act == ACT_PAGE_DOWN ? a->layout.body.h - 2
                    : act == ACT_PAGE_UP ? -(a->layout.body.h - 2) : 0;
    if (act == ACT_TOP || a->help_scroll < 0)
        a->help_scroll = 0;
    if (act == ACT_BOTTOM || a->help_scroll > max)
        a->help_scroll = max > 0 ? max : 0;
    a->dirty |= DIRTY_BODY;
}

enum { PASTE_CAP = 1 << 20 }; /* bytes; the rest of a longer paste is dropped */

static void paste_add(struct app *a, wint_t ch)
{
    char utf8[4];
    if (ch > 0x10ffff || (ch >= 0xd800 && ch <= 0xdfff))
        return;
    strbuf_add(&a->paste, utf8, (size_t)text_encode((uint32_t)ch, utf8));
}

/* A finished paste goes to the form or the prompt as text, never as keys. */
static void paste_done(struct app *a)
{
    if (strbuf_len(&a->paste)) {
        if (a->prompt.kind != PROMPT_NONE) {
            lineedit_insert(&a->prompt.edit[a->prompt.field], strbuf_str(&a->paste),
                            strbuf_len(&a->paste));
            a->dirty |= DIRTY_OVERLAY;
        } else if (a->form && a->dialog.kind == DIALOG_NONE && !a->help_open) {
            form_paste(a->form, strbuf_str(&a->paste));
            a->dirty |= DIRTY_BODY;
        }
    }
    strbuf_free(&a->paste);
    a->pasting = false;
}

static bool paste_key(struct app *a, wint_t ch, bool keycode)
{
    if (keycode && ch == TERM_KEY_PASTE_BEGIN) {
        if (!a->pasting) /* the buffer is empty between pastes */
            strbuf_init(&a->paste, PASTE_CAP);
        a->pasting = true;
        return true;
    }
    if (!a->pasting)
        return false;
    if (keycode && ch == TERM_KEY_PASTE_END)
        paste_done(a);
    else if (!keycode)
        paste_add(a, ch);
    return true;
}

void loop_key(struct app *a, wint_t ch, bool keycode)
{
    if (paste_key(a, ch, keycode))
        return;
    if (keycode && ch == KEY_RESIZE) {
        a->dirty |= DIRTY_LAYOUT;
        return;
    }
    if (a->layout.too_small && !(keycode == false && ch == 3))
        return;                               /* nothing to act on until it grows back */
    if (a->dialog.kind != DIALOG_NONE)
        dialog_key(a, (int)ch, keycode);
    else if (a->prompt.kind != PROMPT_NONE)
        prompt_key(a, ch, keycode);
    else if (a->help_open)
        help_key(a, ch, keycode);
    else if (a->form)
        edit_key(a, ch, keycode);
    else
        browse_key(a, ch, keycode);
}

/* Reads every key waiting. Returns false when the terminal is gone (EOF). A resize lays the
 * screen out at once: ncurses' resizeterm touched stdscr, and the next wget_wch would wrefresh
 * it, painting the old layout in full before the new one (two clears, ~2x the bytes). The
 * relayout erases stdscr and wnoutrefreshes it, so that call finds nothing to refresh and the
 * loop's one doupdate paints the new size; keys typed meanwhile still get read, after it. */
static bool read_keys(struct app *a, bool readable)
{
    wint_t ch;
    int got = 0, r;
    while ((r = wget_wch(stdscr, &ch)) != ERR) {
        got++;
        if (r == KEY_CODE_YES && ch == KEY_RESIZE)
            screen_relayout(a);               /* also in a paste: the size changed anyway */
        else
            loop_key(a, ch, r == KEY_CODE_YES);
        if (a->quit)
            return true;
    }
    if (readable && got == 0) {
        if (++a->eof_reads > 20)
            return false;                     /* readable yet nothing to read: EOF */
    } else {
        a->eof_reads = 0;
    }
    return true;
}

static void drain_results(struct app *a)
{
    struct fetch_result *r;
    fetch_work(a->fetch);
    while ((r = fetch_take_result(a->fetch)) != NULL)
        results_dispatch(a, r);
}

static int wait_ms(struct app *a)
{
    int t = fetch_timeout_ms(a->fetch);
    if (fetch_in_flight(a->fetch) > 0 && (t < 0 || t > SPINNER_MS))
        t = SPINNER_MS;                       /* the spinner turns only while busy */
    return t;
}

int loop_run(struct app *a)
{
    struct pollfd fds[3];
    int busy_before = 0;
    while (!a->quit) {
        screen_draw(a);
        fds[0] = (struct pollfd){ STDIN_FILENO, POLLIN, 0 };
        fds[1] = (struct pollfd){ term_signal_fd(), POLLIN, 0 };
        fds[2] = (struct pollfd){ fetch_fd(a->fetch), POLLIN, 0 };
        int n = poll(fds, 3, wait_ms(a));
        if (n < 0 && errno != EINTR)
            break;
        int sig = n > 0 && (fds[1].revents & POLLIN) ? term_take_signal() : 0;
        if (sig) {
            a->exit_code = 128 + sig;
            a->terminal_gone = sig == SIGHUP;
            break;
        }
        if ((n > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
             && !(fds[0].revents & POLLIN))
            || !read_keys(a, n > 0 && (fds[0].revents & POLLIN))) {
            a->terminal_gone = true;          /* hang-up or EOF on the terminal */
            a->exit_code = 129;
            break;
        }
        drain_results(a);
        int busy = fetch_in_flight(a->fetch);
        if (busy || busy_before) {
            a->spinner++;
            a->dirty |= DIRTY_STATUS;
        }
        busy_before = busy;
    }
    return a->exit_code;
}
