/* The terminal's lifetime: opening curses with newterm, the signals that end the program
 * (Ctrl-C, SIGTERM, SIGHUP) and the fatal ones (SIGSEGV, SIGABRT...) all restore the terminal. */
#ifndef CBDEST_UI_TERM_H
#define CBDEST_UI_TERM_H

#include <curses.h>
#include <stdbool.h>

/* Opens curses on stdin/stdout (cbreak, noecho, keypad, non-blocking reads, no XON/XOFF so
 * Ctrl-S reaches the program, colours unless NO_COLOR or the terminal has none). On a missing
 * terminfo entry prints a clear message to stderr and returns false. */
bool term_open(void);

/* Key codes get_wch returns for the bracketed-paste markers (ESC [200~ and ESC [201~);
 * bracketed paste is switched on while curses is active. */
#define TERM_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define TERM_KEY_PASTE_END (KEY_MAX + 2)

/* Restores the terminal (endwin) if it is open; safe to call more than once. */
void term_close(void);

/* Leaves curses mode for a child program (the $EDITOR) and comes back. */
void term_suspend(void);
void term_resume(void);

/* The read end of the self-pipe the terminating signals write to (poll it with stdin). */
int term_signal_fd(void);

/* The terminating signal received (SIGINT, SIGTERM, SIGHUP), or 0. Drains the pipe. */
int term_take_signal(void);

/* Whether colours are in use (false under NO_COLOR or on a monochrome terminal). */
bool term_has_color(void);

/* The file descriptor of the terminal (for OSC 52 writes). */
int term_tty_fd(void);

#endif
