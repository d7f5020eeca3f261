/* The terminal's lifetime and the signals that must restore it (see term.h). */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "term.h"

static SCREEN *term_screen;
static bool term_active;
static bool term_color;
static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_last;

static void on_terminate(int sig)
{
    int saved = errno;
    char c = (char)sig;
    sig_last = sig;
    if (sig_pipe[1] >= 0 && write(sig_pipe[1], &c, 1) < 0) {
        /* nothing more can be done from a handler */
    }
    errno = saved;
}

/* A crash: put the terminal back (best effort) and let the default action happen. */
static void on_fatal(int sig)
{
    static const char msg[] = "\r\ncbdest: fatal signal, terminal restored\r\n";
    if (term_active)
        endwin();
    term_active = false;
    if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
        /* ignore */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static bool open_pipe(void)
{
    if (sig_pipe[0] >= 0)
        return true;
    if (pipe(sig_pipe) != 0)
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    return true;
}

static void no_flow_control(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag &= (tcflag_t)~(IXON | IXOFF);
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
    }
    def_prog_mode();
}

static void setup_colors(void)
{
    const char *no_color = getenv("NO_COLOR");
    term_color = has_colors() && !(no_color && *no_color);
    if (!term_color)
        return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_CYAN, -1);      /* header and selection accents */
    init_pair(2, COLOR_RED, -1);       /* errors */
    init_pair(3, COLOR_GREEN, -1);     /* success */
    init_pair(4, COLOR_YELLOW, -1);    /* warnings, rate limit */
}

static void bracketed_paste(bool on)
{
    const char *seq = on ? "\033[?2004h" : "\033[?2004l";
    fflush(stdout);
    if (write(STDOUT_FILENO, seq, strlen(seq)) < 0) {
        /* the terminal is gone; nothing to restore */
    }
}

/* A terminal that cannot address the cursor (TERM=dumb) would show a blank screen. */
static bool can_address_cursor(void)
{
    const char *cup = tigetstr("cup");
    return cup && cup != (const char *)-1 && *cup;
}

bool term_open(void)
{
    const char *name = getenv("TERM");
    if (!open_pipe())
        return false;
    term_screen = newterm(NULL, stdout, stdin);
    if (!term_screen) {
        fprintf(stderr, "cbdest: cannot use terminal type '%s' (no terminfo entry found); "
                "set TERM to one this system knows, e.g. TERM=xterm-256color\n",
                name && *name ? name : "(unset)");
        return false;
    }
    set_term(term_screen);
    if (!can_address_cursor()) {
        endwin();
        delscreen(term_screen);
        term_screen = NULL;
        fprintf(stderr, "cbdest: terminal type '%s' cannot move the cursor (no cup capability), "
                "so the full-screen UI cannot run; set TERM to a real terminal, e.g. "
                "TERM=xterm-256color, or use a subcommand such as `cbdest list`\n",
                name && *name ? name : "(unset)");
        return false;
    }
    term_active = true;
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    setup_colors();
    no_flow_control();
    define_key("\033[200~", TERM_KEY_PASTE_BEGIN);
    define_key("\033[201~", TERM_KEY_PASTE_END);
    bracketed_paste(true);
    install(SIGINT, on_terminate);
    install(SIGTERM, on_terminate);
    install(SIGHUP, on_terminate);
    install(SIGSEGV, on_fatal);
    install(SIGABRT, on_fatal);
    install(SIGBUS, on_fatal);
    install(SIGFPE, on_fatal);
    signal(SIGPIPE, SIG_IGN);
    atexit(term_close);
    return true;
}

void term_close(void)
{
    if (!term_active)
        return;
    term_active = false;
    bracketed_paste(false);
    endwin();
    if (term_screen) {
        delscreen(term_screen);
        term_screen = NULL;
    }
}

void term_suspend(void)
{
    if (!term_active)
        return;
    bracketed_paste(false);
    endwin();
}

void term_resume(void)
{
    if (!term_active)
        return;
    reset_prog_mode();
    bracketed_paste(true);
    clearok(curscr, TRUE);
    refresh();
}

int term_signal_fd(void)
{
    return sig_pipe[0];
}

int term_take_signal(void)
{
    char buf[16];
    while (sig_pipe[0] >= 0 && read(sig_pipe[0], buf, sizeof(buf)) > 0)
        ;
    return (int)sig_last;
}

bool term_has_color(void)
{
    return term_color;
}

int term_tty_fd(void)
{
    return STDOUT_FILENO;
}
