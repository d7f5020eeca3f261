/* A pure (no curses) UTF-8 edit buffer: character-wise cursor, kills, paste, scrolling views. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "strbuf.h"
#include "text.h"

void lineedit_init(struct lineedit *e, bool multiline)
{
    memset(e, 0, sizeof *e);
    e->multiline = multiline;
    e->goal_col = -1;
}

void lineedit_free(struct lineedit *e)
{
    free(e->buf);
    free(e->kill);
    e->buf = e->kill = NULL;
    e->len = e->cap = e->cursor = 0;
}

static int lineedit_reserve(struct lineedit *e, size_t need)
{
    if (need + 1 <= e->cap)
        return 0;
    size_t cap = e->cap ? e->cap : 32;
    while (cap < need + 1)
        cap *= 2;
    char *grown = realloc(e->buf, cap);
    if (!grown)
        return -1;
    if (!e->buf)
        grown[0] = '\0';
    e->buf = grown;
    e->cap = cap;
    return 0;
}

int lineedit_set(struct lineedit *e, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (lineedit_reserve(e, n) < 0)
        return -1;
    memcpy(e->buf, text ? text : "", n);
    e->buf[n] = '\0';
    e->len = e->cursor = n;
    e->hscroll = e->vscroll = 0;
    e->goal_col = -1;
    return 0;
}

const char *lineedit_text(const struct lineedit *e)
{
    return e->buf ? e->buf : "";
}

/* --- raw edits --------------------------------------------------------------------------- */

static int lineedit_splice(struct lineedit *e, size_t at, size_t remove, const char *ins,
                           size_t ins_len)
{
    if (lineedit_reserve(e, e->len - remove + ins_len) < 0)
        return -1;
    memmove(e->buf + at + ins_len, e->buf + at + remove, e->len - at - remove + 1);
    memcpy(e->buf + at, ins, ins_len);
    e->len = e->len - remove + ins_len;
    return 0;
}

/* Removes [from, to) and remembers it for yanking when `keep`. */
static enum lineedit_result lineedit_cut(struct lineedit *e, size_t from, size_t to, bool keep)
{
    if (from >= to)
        return LINEEDIT_MOVED;
    if (keep) {
        char *k = malloc(to - from + 1);
        if (k) {
            memcpy(k, e->buf + from, to - from);
            k[to - from] = '\0';
            free(e->kill);
            e->kill = k;
        }
    }
    lineedit_splice(e, from, to - from, "", 0);
    e->cursor = from;
    return LINEEDIT_CHANGED;
}

/* --- neutralising input ------------------------------------------------------------------ */

/* Inserts clean (n bytes, already neutralised or the field's own bytes) at the cursor, cut
 * at a character boundary to respect LINEEDIT_MAX_BYTES. */
static int lineedit_insert_raw(struct lineedit *e, const char *clean, size_t n)
{
    if (e->len + n > LINEEDIT_MAX_BYTES) {
        size_t room = LINEEDIT_MAX_BYTES > e->len ? LINEEDIT_MAX_BYTES - e->len : 0, cut = 0;
        while (cut < n) {
            size_t next = text_next_char(clean, n, cut);
            if (next > room)
                break;
            cut = next;
        }
        n = cut;
    }
    int rc = n ? LINEEDIT_CHANGED : LINEEDIT_MOVED;
    if (n && lineedit_splice(e, e->cursor, 0, clean, n) < 0)
        rc = -1;
    else
        e->cursor += n;
    e->goal_col = -1;
    return rc;
}

int lineedit_insert(struct lineedit *e, const char *utf8, size_t len)
{
    char *clean = text_strip_controls(utf8, len, e->multiline);
    if (!clean)
        return -1;
    int rc = lineedit_insert_raw(e, clean, strlen(clean));
    free(clean);
    return rc;
}

int lineedit_insert_char(struct lineedit *e, unsigned long cp)
{
    char enc[4];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return LINEEDIT_MOVED;
    int n = text_encode((uint32_t)cp, enc);
    return lineedit_insert(e, enc, (size_t)n);
}

/* --- lines and columns ------------------------------------------------------------------- */

static size_t lineedit_line_start(const struct lineedit *e, size_t pos)
{
    while (pos > 0 && e->buf[pos - 1] != '\n')
        pos--;
    return pos;
}

static size_t lineedit_line_end(const struct lineedit *e, size_t pos)
{
    while (pos < e->len && e->buf[pos] != '\n')
        pos++;
    return pos;
}

/* Byte offset of line number `line` (clamped to the last line). */
static size_t lineedit_line_offset(const struct lineedit *e, int line)
{
    size_t pos = 0;
    for (int i = 0; i < line; i++) {
        size_t end = lineedit_line_end(e, pos);
        if (end >= e->len)
            break;
        pos = end + 1;
    }
    return pos;
}

int lineedit_line_count(const struct lineedit *e)
{
    int n = 1;
    for (size_t i = 0; i < e->len; i++)
        n += e->buf[i] == '\n';
    return n;
}

void lineedit_cursor_pos(const struct lineedit *e, int *line, int *col)
{
    int l = 0;
    for (size_t i = 0; i < e->cursor; i++)
        l += e->buf[i] == '\n';
    size_t start = lineedit_line_start(e, e->cursor);
    *line = l;
    *col = text_width_n(e->buf + start, e->cursor - start);
}

/* The boundary in [start, end) whose column is closest to `col` without passing it. */
static size_t lineedit_at_col(const struct lineedit *e, size_t start, size_t end, int col)
{
    size_t pos = start;
    int c = 0;
    while (pos < end) {
        size_t next = text_next_char(e->buf, end, pos);
        c += text_width_n(e->buf + pos, next - pos);
        if (c > col)
            break;
        pos = next;
    }
    return pos;
}

/* --- operations -------------------------------------------------------------------------- */

static enum lineedit_result lineedit_vertical(struct lineedit *e, int delta)
{
    int line, col;
    if (!e->multiline)
        return LINEEDIT_IGNORED;
    lineedit_cursor_pos(e, &line, &col);
    if (line + delta < 0 || line + delta >= lineedit_line_count(e))
        return LINEEDIT_IGNORED;
    if (e->goal_col < 0)
        e->goal_col = col;
    size_t start = lineedit_line_offset(e, line + delta);
    e->cursor = lineedit_at_col(e, start, lineedit_line_end(e, start), e->goal_col);
    return LINEEDIT_MOVED;
}

static bool lineedit_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

static enum lineedit_result lineedit_kill_word(struct lineedit *e)
{
    size_t pos = e->cursor;
    while (pos > 0 && lineedit_is_space(e->buf[pos - 1]))
        pos--;
    while (pos > 0 && !lineedit_is_space(e->buf[pos - 1]))
        pos--;
    /* stops just after an ASCII space (or at 0): always a character boundary */
    return lineedit_cut(e, pos, e->cursor, true);
}

static enum lineedit_result lineedit_yank(struct lineedit *e)
{
    if (!e->kill)
        return LINEEDIT_MOVED;
    /* the killed text is this field's own bytes: put back exactly (a server value's
     * controls included), never re-neutralised */
    int rc = lineedit_insert_raw(e, e->kill, strlen(e->kill));
    return rc < 0 ? LINEEDIT_MOVED : (enum lineedit_result)rc;
}

static enum lineedit_result lineedit_move(struct lineedit *e, size_t to)
{
    e->cursor = to;
    return LINEEDIT_MOVED;
}

enum lineedit_result lineedit_apply(struct lineedit *e, enum lineedit_op op)
{
    if (op != LINEEDIT_UP && op != LINEEDIT_DOWN)
        e->goal_col = -1;
    if (!e->buf && lineedit_set(e, "") < 0)
        return LINEEDIT_IGNORED;
    size_t cur = e->cursor;
    switch (op) {
    case LINEEDIT_LEFT: return lineedit_move(e, text_prev_char(e->buf, e->len, cur));
    case LINEEDIT_RIGHT: return lineedit_move(e, text_next_char(e->buf, e->len, cur));
    case LINEEDIT_HOME: return lineedit_move(e, lineedit_line_start(e, cur));
    case LINEEDIT_END: return lineedit_move(e, lineedit_line_end(e, cur));
    case LINEEDIT_UP: return lineedit_vertical(e, -1);
    case LINEEDIT_DOWN: return lineedit_vertical(e, 1);
    case LINEEDIT_BACKSPACE:
        return lineedit_cut(e, text_prev_char(e->buf, e->len, cur), cur, false);
    case LINEEDIT_DELETE:
        return lineedit_cut(e, cur, text_next_char(e->buf, e->len, cur), false);
    case LINEEDIT_KILL_BEFORE: return lineedit_cut(e, lineedit_line_start(e, cur), cur, true);
    case LINEEDIT_KILL_AFTER: return lineedit_cut(e, cur, lineedit_line_end(e, cur), true);
    case LINEEDIT_KILL_WORD: return lineedit_kill_word(e);
    case LINEEDIT_YANK: return lineedit_yank(e);
    case LINEEDIT_NEWLINE:
        if (!e->multiline)
            return LINEEDIT_IGNORED;
        return lineedit_insert(e, "\n", 1) < 0 ? LINEEDIT_MOVED : LINEEDIT_CHANGED;
    }
    return LINEEDIT_IGNORED;
}

/* --- view -------------------------------------------------------------------------------- */

void lineedit_scroll(struct lineedit *e, int rows, int cols)
{
    int line, col;
    lineedit_cursor_pos(e, &line, &col);
    if (rows < 1)
        rows = 1;
    if (line < e->vscroll)
        e->vscroll = line;
    if (line >= e->vscroll + rows)
        e->vscroll = line - rows + 1;
    if (cols < 1)
        cols = 1;
    int margin = cols >= 12 ? cols / 6 : 0; /* some context on the side we scroll towards */
    if (col < e->hscroll)
        e->hscroll = col - margin > 0 ? col - margin : 0;
    if (col >= e->hscroll + cols)
        e->hscroll = col - cols + 1 + margin;
    if (e->hscroll > col)
        e->hscroll = col;
    if (e->hscroll < 0)
        e->hscroll = 0;
}

/* A growing output string for rendering. */
struct lineedit_out {
    struct strbuf text;
    int cols;            /* columns emitted */
    bool failed;         /* a character could not be fitted (OOM) */
};

static void lineedit_out_add(struct lineedit_out *o, const char *s, size_t n, int cols)
{
    if (strbuf_add(&o->text, s, n) == 0)
        o->cols += cols;
}

static void lineedit_out_spaces(struct lineedit_out *o, int n)
{
    for (int i = 0; i < n; i++)
        lineedit_out_add(o, " ", 1, 1);
}

/* Appends one character cluster as drawn (sanitised / ASCII-substituted), w columns. */
static void lineedit_out_cluster(struct lineedit_out *o, const char *s, size_t n, int w)
{
    char *raw = malloc(n + 1);
    char *piece = NULL;
    if (raw) {
        memcpy(raw, s, n);
        raw[n] = '\0';
        piece = text_fit(raw, w, true);
    }
    if (piece)
        lineedit_out_add(o, piece, strlen(piece), w);
    else
        o->failed = true;
    free(raw);
    free(piece);
}

char *lineedit_render_line(const struct lineedit *e, int line, int from, int cols)
{
    struct lineedit_out o = {0};
    if (cols < 0)
        cols = 0;
    const char *buf = lineedit_text(e);
    size_t start = 0, end = 0;
    if (e->buf && line < lineedit_line_count(e)) {
        start = lineedit_line_offset(e, line);
        end = lineedit_line_end(e, start);
    }
    int col = 0, to = from + cols;
    for (size_t pos = start; pos < end && col < to;) {
        size_t next = text_next_char(buf, end, pos);
        int w = text_width_n(buf + pos, next - pos);
        if (col >= from && col + w <= to)
            lineedit_out_cluster(&o, buf + pos, next - pos, w);
        else if (col < from && col + w > from)
            lineedit_out_spaces(&o, (col + w < to ? col + w : to) - from);
        else if (col >= from)
            lineedit_out_spaces(&o, to - col);
        col += w;
        pos = next;
    }
    lineedit_out_spaces(&o, cols - o.cols);
    if (o.failed) {
        strbuf_free(&o.text);
        return NULL;
    }
    return strbuf_take(&o.text);
}
