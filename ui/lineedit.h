/* A pure (no curses) UTF-8 edit buffer for one form field: single- or multi-line. */
#ifndef CBDEST_LINEEDIT_H
#define CBDEST_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

/* Hard cap on a field's size in bytes; inserts beyond it are cut at a character boundary. */
#define LINEEDIT_MAX_BYTES (64u * 1024u)

/* The buffer always holds the field's exact bytes: text set with lineedit_set() is kept
 * byte-for-byte (even control characters or invalid UTF-8 from a server) until edited.
 * The cursor is a byte offset that always sits on a character boundary, where a character
 * is a base plus its combining marks (text_next_char). Widths are terminal columns as
 * drawn after sanitising (an ESC counts as its two-column "\e"). */
struct lineedit {
    char *buf;           /* NUL-terminated, owned */
    size_t len, cap;
    size_t cursor;
    bool multiline;      /* '\n' allowed; Up/Down move between lines */
    int hscroll;         /* first visible column of the cursor's line */
    int vscroll;         /* first visible line (multi-line) */
    int goal_col;        /* column Up/Down aim for (-1: the cursor's own) */
    char *kill;          /* last killed text, for Ctrl-Y (owned, may be NULL) */
};

enum lineedit_op {
    LINEEDIT_LEFT,
    LINEEDIT_RIGHT,
    LINEEDIT_HOME,        /* Home, Ctrl-A: start of the line */
    LINEEDIT_END,         /* End, Ctrl-E: end of the line */
    LINEEDIT_UP,          /* multi-line only */
    LINEEDIT_DOWN,        /* multi-line only */
    LINEEDIT_BACKSPACE,   /* removes the whole character before the cursor */
    LINEEDIT_DELETE,      /* removes the whole character under the cursor */
    LINEEDIT_KILL_BEFORE, /* Ctrl-U: line start .. cursor */
    LINEEDIT_KILL_AFTER,  /* Ctrl-K: cursor .. line end */
    LINEEDIT_KILL_WORD,   /* Ctrl-W: the word (and spaces) before the cursor */
    LINEEDIT_YANK,        /* Ctrl-Y: inserts the last killed text (its exact bytes) */
    LINEEDIT_NEWLINE      /* multi-line only */
};

/* What an operation did. */
enum lineedit_result {
    LINEEDIT_IGNORED,     /* not applicable here (e.g. Up on the first line): the caller may
                             use the key for something else (move to another field) */
    LINEEDIT_MOVED,       /* the cursor moved, text unchanged (also: nothing to do) */
    LINEEDIT_CHANGED      /* the text changed */
};

void lineedit_init(struct lineedit *e, bool multiline);
/* Frees the buffers (e itself is the caller's). */
void lineedit_free(struct lineedit *e);

/* Replaces the text with exactly `text` (NULL = ""), cursor at the end. 0 ok, -1 OOM. */
int lineedit_set(struct lineedit *e, const char *text);
const char *lineedit_text(const struct lineedit *e);

enum lineedit_result lineedit_apply(struct lineedit *e, enum lineedit_op op);

/* Inserts typed or pasted UTF-8 at the cursor after neutralising it with
 * text_strip_controls(): whole escape sequences (CSI, OSC, DCS ... in ESC or 8-bit C1 form)
 * are dropped, as are other controls (C0, DEL, C1, bidi and invisible format characters);
 * invalid bytes become U+FFFD, "\r\n" and "\r" become "\n", tabs become a space, '\n'
 * becomes a space in single-line fields. Returns
 * LINEEDIT_CHANGED when anything was inserted, else LINEEDIT_MOVED; -1 on OOM. */
int lineedit_insert(struct lineedit *e, const char *utf8, size_t len);

/* Inserts one typed character (a Unicode code point from get_wch). */
int lineedit_insert_char(struct lineedit *e, unsigned long cp);

/* --- view -------------------------------------------------------------------------------- */

/* Line index and column of the cursor. */
void lineedit_cursor_pos(const struct lineedit *e, int *line, int *col);
/* Number of lines (1 + newlines). */
int lineedit_line_count(const struct lineedit *e);

/* Adjusts hscroll/vscroll so the cursor is visible in a view of rows x cols (rows 1 for
 * single-line fields); keeps a small margin when scrolling horizontally. */
void lineedit_scroll(struct lineedit *e, int rows, int cols);

/* The visible part of line `line` (0-based) from column `from` as drawable text exactly
 * `cols` columns wide (padded with spaces; a wide character cut by either edge shows as
 * spaces; sanitised; ASCII substitutes in ASCII mode). malloc'd; NULL on OOM. */
char *lineedit_render_line(const struct lineedit *e, int line, int from, int cols);

#endif
