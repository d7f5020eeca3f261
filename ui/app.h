/* The view model of the terminal UI, shared by the screen manager, panes, dialogs and actions. */
#ifndef CBDEST_UI_APP_H
#define CBDEST_UI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "config.h"
#include "datetime.h"
#include "destination.h"
#include "fetch.h"
#include "layout.h"
#include "strbuf.h"
#include "lineedit.h"
#include "pager.h"

struct form;

/* Parts of the screen that need drawing again. */
enum {
    DIRTY_HEADER = 1 << 0,
    DIRTY_LIST = 1 << 1,
    DIRTY_DETAIL = 1 << 2,
    DIRTY_STATUS = 1 << 3,
    DIRTY_HINTS = 1 << 4,
    DIRTY_BODY = 1 << 5,     /* form or help filling the body */
    DIRTY_OVERLAY = 1 << 6,  /* a dialog or prompt on top */
    DIRTY_LAYOUT = 1 << 7,   /* windows must be rebuilt (start, resize, Ctrl-L) */
    DIRTY_ALL = 0xff,
};

enum status_kind { STATUS_INFO, STATUS_OK, STATUS_WARN, STATUS_ERROR };

/* What a pending request is for; results are dispatched on it. */
enum purpose {
    PURPOSE_PAGE,
    PURPOSE_CREATE,
    PURPOSE_PRE_PATCH_GET,
    PURPOSE_UPDATE,
    PURPOSE_ARCHIVE,
    PURPOSE_GOTO,
    PURPOSE_SEARCH_ALL,
    PURPOSE_COUNT
};

struct pending {
    uint64_t id;
    enum purpose purpose;
    enum pager_dir dir;      /* PURPOSE_PAGE */
    unsigned generation;
    char *dest_id;           /* the destination concerned, when one is */
    int64_t started_ms;      /* app_now_ms() when submitted */
};

#define APP_MAX_PENDING 16
#define APP_SLOW_MS 2000     /* a request in flight this long is called slow on the status line */

enum dialog_kind { DIALOG_NONE, DIALOG_ARCHIVE, DIALOG_DISCARD, DIALOG_CONFLICT,
                   DIALOG_CREATE_AGAIN, DIALOG_INFO /* one Close button (the `!` error view) */ };

struct dialog {
    enum dialog_kind kind;
    char *title;
    char *body;              /* already sanitised, '\n' separated lines */
    const char *buttons[2];  /* [0] is the safe choice and the default; [1] may be NULL */
    int choice;
    char *dest_id;
};

enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_COMMAND, PROMPT_FILTER };

#define FILTER_FIELDS 4

struct prompt {
    enum prompt_kind kind;
    struct lineedit edit[FILTER_FIELDS];  /* one for search/command, four for the filter */
    int nfields, field;
    char *error;
};

/* The list filters applied by the server (dates) and on the client (archived, search). */
struct list_filter {
    enum api_order order;
    char bounds[FILTER_FIELDS][DATETIME_ISO_LEN]; /* created after/before, updated after/before */
    char typed[FILTER_FIELDS][64];                /* as the user typed them */
    bool show_archived;
    char *search;
};

/* Walking every page for a search ("load all"): matches kept aside, bounded. */
struct search_all {
    bool active;
    bool holds;              /* the pages hold search results, not the plain list */
    size_t pages, scanned;
    uint64_t req;
};

struct app {
    struct config cfg;
    struct fetch *fetch;
    bool fetch_owned;
    struct pager pager;
    struct list_filter filter;
    size_t *rows;            /* visible rows: pager indices passing the client filters */
    size_t nrows, rows_cap;
    size_t vsel, vtop;       /* selected and first shown visible row */
    char *sel_id;            /* id of the selected destination (survives page shifts) */
    bool select_last;        /* a G jump is loading: select the last row on arrival */
    bool load_failed;        /* the first page failed: say so instead of "loading" */
    bool reloading;          /* r / :reload in flight: say "reloaded" when it lands */
    long move_pending;       /* rows of a move still to go when the next page arrives */
    bool detail_open;        /* narrow layout: the detail replaces the list */
    bool raw_json;
    bool detail_focus;       /* split layout: j/k/PgUp/PgDn scroll the detail (Tab/l) */
    int detail_scroll;
    bool help_open;
    int help_scroll;
    struct form *form;
    struct dest *form_pending; /* built from the form, waiting for the pre-PATCH check */
    struct dest *form_fresh; /* the server's newer copy while the conflict dialog asks */
    bool cursor_shown;
    struct dest *json_orig;  /* E: the destination as it was when the editor opened */
    struct dest *json_edited;/* E: what came back, waiting for the pre-PATCH check */
    char *json_retry_text;   /* E: the text of a failed attempt, offered again */
    char *json_retry_id;
    bool form_saving;
    struct dialog dialog;
    struct prompt prompt;
    struct search_all search_all;
    struct pending pending[APP_MAX_PENDING];
    char status[512];
    char *last_error;        /* the last error in full, raw (shown sanitised by `!`) */
    enum status_kind status_kind;
    int spinner;
    struct layout layout;
    WINDOW *win_header, *win_list, *win_detail, *win_status, *win_hints, *win_body;
    unsigned dirty;
    int cols, rows_total;
    bool quit;
    int exit_code;
    int eof_reads;
    bool terminal_gone;      /* ended by a hang-up: exit without atexit work */
    bool pasting;
    struct strbuf paste;     /* bracketed paste being received (capped at 1 MiB) */
};

/* --- app.c: state helpers ---------------------------------------------------------------- */
void app_status(struct app *a, enum status_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void app_status_error(struct app *a, const char *what, const struct api_error *e);
/* The selected destination, or NULL. */
struct dest *app_selected(const struct app *a);
bool app_refuse_if_read_only(struct app *a, const char *what);
/* Records a submitted request; false when the id is 0 (OOM) or the table is full. */
bool app_track(struct app *a, uint64_t id, enum purpose purpose, enum pager_dir dir,
               unsigned generation, const char *dest_id);
/* Removes and returns the pending entry for a request id (entry->id 0 when unknown). */
struct pending app_untrack(struct app *a, uint64_t id);
bool app_has_pending(const struct app *a, enum purpose purpose);
/* Cancels a tracked request and forgets it. */
void app_cancel(struct app *a, uint64_t id);
/* Replaces the destination with the same id in the loaded pages (takes a copy). */
void app_update_row(struct app *a, const struct dest *d);
/* A monotonic clock in milliseconds. */
int64_t app_now_ms(void);
/* When a browse request (page, goto, archive, search) has been in flight APP_SLOW_MS or more:
 * "loading page... 12 s (server not answering; Esc cancels)" into buf, and true. */
bool app_slow_text(const struct app *a, char *buf, size_t size);
/* Cancels every browse request in flight (fetch_cancel); returns how many. */
int app_cancel_browse(struct app *a);

/* --- list_pane.c -------------------------------------------------------------------------- */
void list_rebuild_rows(struct app *a);
/* Whether a destination passes the client-side filters (archived, search text). */
bool list_row_visible(const struct app *a, const struct dest *d);
void list_move(struct app *a, long delta);
void list_move_to(struct app *a, size_t vrow);
/* Continues a move that ran past the rows held, once more rows arrived. */
void list_finish_move(struct app *a);
void list_request_pages(struct app *a);
void list_reload(struct app *a, bool keep_selection);
/* Loads the last page of the order (G) and selects its last row when it arrives. */
void list_load_last(struct app *a);
/* Sets (or with NULL/"" clears) the search text; a new text after an all-pages search filters
 * its matches; clearing it reloads the pages around the selected match. */
void list_set_search(struct app *a, const char *text);
void list_draw(struct app *a, WINDOW *w);
int list_page_rows(const struct app *a);

/* --- detail_pane.c ------------------------------------------------------------------------ */
void detail_draw(struct app *a, WINDOW *w);

/* --- help_pane.c -------------------------------------------------------------------------- */
void help_draw(struct app *a, WINDOW *w);
int help_line_count(void);

/* --- dialog.c ----------------------------------------------------------------------------- */
void dialog_open(struct app *a, enum dialog_kind kind, const char *title, const char *body,
                 const char *safe_button, const char *act_button, const char *dest_id);
void dialog_close(struct app *a);
void dialog_draw(struct app *a);
/* Handles a key while a dialog is open. */
void dialog_key(struct app *a, int key, bool keycode);

/* --- error_view.c ------------------------------------------------------------------------- */
/* Keeps every detail of an API error for `!` (what failed, status, code, message, hint, field
 * errors, request id). app_status keeps plain error lines itself. */
void error_view_record(struct app *a, const char *what, const struct api_error *e);
/* `!`: the last error in full in a dialog, wrapped to the screen. */
void error_view_open(struct app *a);

/* --- prompt.c ----------------------------------------------------------------------------- */
void prompt_open(struct app *a, enum prompt_kind kind);
void prompt_close(struct app *a);
void prompt_draw(struct app *a);
void prompt_key(struct app *a, wint_t ch, bool keycode);

/* --- commands.c --------------------------------------------------------------------------- */
void command_run(struct app *a, const char *line);
void filter_apply(struct app *a);
/* Walks every page (current order and dates) keeping the rows matching `text`. */
void search_all_start(struct app *a, const char *text);
void search_all_stop(struct app *a, const char *why);
void search_all_on_result(struct app *a, struct fetch_result *r);

/* --- edit_flow.c -------------------------------------------------------------------------- */
void edit_open_new(struct app *a);
void edit_open_existing(struct app *a);
void edit_save(struct app *a);
void edit_back(struct app *a);
void edit_key(struct app *a, wint_t ch, bool keycode);
void edit_draw(struct app *a, WINDOW *w);
void edit_close(struct app *a);
void edit_on_result(struct app *a, const struct pending *p, struct fetch_result *r);
void edit_conflict_answer(struct app *a, bool overwrite);
void edit_discard_answer(struct app *a, bool discard);

/* --- json_edit_flow.c --------------------------------------------------------------------- */
/* E: the selected destination as JSON in $EDITOR, then the same check-and-PATCH as the form. */
void edit_as_json(struct app *a);
void json_edit_on_check(struct app *a, struct fetch_result *r);
void json_edit_conflict_answer(struct app *a, bool overwrite);
void json_edit_clear(struct app *a);

/* --- actions.c ---------------------------------------------------------------------------- */
void actions_run(struct app *a, int action);
void archive_confirmed(struct app *a, const char *id);

/* --- results.c ---------------------------------------------------------------------------- */
void results_dispatch(struct app *a, struct fetch_result *r);

/* --- screen.c ----------------------------------------------------------------------------- */
void screen_relayout(struct app *a);
void screen_draw(struct app *a);
void screen_free(struct app *a);
/* Draws raw (untrusted) text at y,x fitted to cols columns (sanitised first). */
void screen_put(WINDOW *w, int y, int x, const char *raw, int cols, bool pad);
/* Colour (when colours are on) combined with attrs that stay visible without colour. */
attr_t screen_attr(int color_pair, attr_t mono);

/* --- tui.c -------------------------------------------------------------------------------- */
/* Re-reads the configuration for another profile and starts over with it. */
void tui_switch_profile(struct app *a, const char *profile);

/* --- loop.c ------------------------------------------------------------------------------- */
int loop_run(struct app *a);
void loop_key(struct app *a, wint_t ch, bool keycode);

#endif
