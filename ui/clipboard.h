/* Copying text to the terminal's clipboard with OSC 52 (works over SSH; inside tmux wrapped
 * in tmux's DCS passthrough). */
#ifndef CBDEST_UI_CLIPBOARD_H
#define CBDEST_UI_CLIPBOARD_H

#include <stdbool.h>

/* The escape sequence that sets the clipboard to `text`: ESC ] 52 ; c ; base64 BEL. When
 * in_tmux is true it is followed by the same wrapped as ESC P tmux; ... ESC \ with inner ESCs
 * doubled: tmux takes the first with `set-clipboard on`, passes the second on to the outer
 * terminal with `allow-passthrough on`.
 * Newly allocated; NULL when text is over 64 KiB. */
char *clipboard_osc52(const char *text, bool in_tmux);

/* Writes the sequence for `text` straight to the terminal descriptor; false on failure. */
bool clipboard_copy(int tty_fd, const char *text);

#endif
