/* Screen layout decisions from the terminal size (see layout.h). */
#include <string.h>

#include "layout.h"

static struct rect rect(int y, int x, int h, int w)
{
    struct rect r = { y, x, h, w };
    return r;
}

void layout_compute(int cols, int rows, struct layout *out)
{
    int body_h = rows - 3;
    memset(out, 0, sizeof(*out));
    if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
        out->too_small = true;
        return;
    }
    out->header = rect(0, 0, 1, cols);
    out->body = rect(1, 0, body_h, cols);
    out->status = rect(rows - 2, 0, 1, cols);
    out->hints = rect(rows - 1, 0, 1, cols);
    out->split = cols >= LAYOUT_SPLIT_COLS;
    if (out->split) {
        int list_w = cols * 3 / 5;
        out->list = rect(1, 0, body_h, list_w);
        out->detail = rect(1, list_w + 1, body_h, cols - list_w - 1);
    } else {
        out->list = out->body;
        out->detail = out->body;
    }
}

/* Fixed widths of the small columns. */
enum { COL_STATUS = 8, COL_UPDATED = 8, COL_ID = 26 };

/* Name and url together need this many columns before the id column is worth showing: the
 * id is in the detail pane anyway, names are what people scan for. */
enum { NAME_URL_MIN_WITH_ID = 50 };

void layout_list_columns(int width, struct list_columns *out)
{
    int rest;
    memset(out, 0, sizeof(*out));
    out->status = COL_STATUS;
    out->updated = COL_UPDATED;
    out->id = COL_ID;
    rest = width - 2 - 1 - (COL_STATUS + 1) - (COL_UPDATED + 1) - (COL_ID + 1);
    if (rest < NAME_URL_MIN_WITH_ID) {
        rest += COL_ID + 1;
        out->id = 0;
    }
    if (rest < 24) {
        rest += COL_UPDATED + 1;
        out->updated = 0;
    }
    if (rest < 20) {
        rest += COL_STATUS + 1;
        out->status = 0;
    }
    if (rest < 2)
        rest = 2;
    out->name = rest * 2 / 5;
    if (out->name < 1)
        out->name = 1;
    out->url = rest - out->name;
}
