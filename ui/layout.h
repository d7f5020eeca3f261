/* Screen layout decisions from the terminal size (pure): which panes show and where. */
#ifndef CBDEST_UI_LAYOUT_H
#define CBDEST_UI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 40
#define LAYOUT_MIN_ROWS 10
#define LAYOUT_SPLIT_COLS 120

struct rect { int y, x, h, w; };

struct layout {
    bool too_small;          /* below 40x10: one line says so, nothing else is drawn */
    bool split;              /* list and detail side by side (120+ columns) */
    struct rect header, list, detail, status, hints;
    struct rect body;        /* the whole area between header and status (forms, help) */
};

void layout_compute(int cols, int rows, struct layout *out);

/* Column widths of a list row of `width` columns: a 2-column mark, then name, url, status,
 * updated, id, each separated by one space. Narrow rows drop id, then updated, then status, in that order. */
struct list_columns { int name, url, status, updated, id; };

void layout_list_columns(int width, struct list_columns *out);

#endif
