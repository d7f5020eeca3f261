/* OSC 52 clipboard sequences (see clipboard.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipboard.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t base64(const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = b64[(v >> 18) & 63];
        out[o++] = b64[(v >> 12) & 63];
        out[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[o] = '\0';
    return o;
}

char *clipboard_osc52(const char *text, bool in_tmux)
{
    size_t n = strlen(text), cap;
    char *enc, *out;
    if (n > 65536)
        return NULL;
    enc = malloc(n / 3 * 4 + 8);
    if (!enc)
        return NULL;
    base64((const unsigned char *)text, n, enc);
    cap = 2 * strlen(enc) + 48;
    out = malloc(cap);
    if (out) {
        if (in_tmux)        /* for set-clipboard on, then for allow-passthrough on */
            snprintf(out, cap, "\033]52;c;%s\a\033Ptmux;\033\033]52;c;%s\a\033\\", enc, enc);
        else
            snprintf(out, cap, "\033]52;c;%s\a", enc);
    }
    free(enc);
    return out;
}

bool clipboard_copy(int tty_fd, const char *text)
{
    const char *tmux = getenv("TMUX");
    char *seq = clipboard_osc52(text, tmux && *tmux);
    size_t len, done = 0;
    bool ok = seq != NULL;
    if (!seq)
        return false;
    len = strlen(seq);
    while (ok && done < len) {
        ssize_t w = write(tty_fd, seq + done, len - done);
        if (w <= 0)
            ok = false;
        else
            done += (size_t)w;
    }
    free(seq);
    return ok;
}
