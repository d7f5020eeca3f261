/* Editing a destination as JSON in $EDITOR: render, run the editor, parse and validate. */
#ifndef CBDEST_UI_EXTERNAL_EDIT_H
#define CBDEST_UI_EXTERNAL_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "destination.h"

/* The editable fields of d as pretty JSON, always all four keys:
 *   {
 *     "name": "...",
 *     "url": "...",
 *     "description": "..." | null,
 *     "metadata": { "key": <value>, ... }
 *   }
 * Metadata values are the core's rendering (dest_meta_rows). malloc'd; NULL on OOM. */
char *external_edit_render(const struct dest *d);

/* Reads edited JSON back. The text must be one JSON object whose keys are among name (string),
 * url (string), description (string or null), metadata (object or null); a key left out keeps
 * the original's value (like PATCH). Returns a copy of `original` (or a new destination when
 * original is NULL) with the values applied and checked with dest_validate, or NULL with
 * *error set to a malloc'd message naming the problem (e.g. "metadata must be an object or
 * null", "url: must be an absolute http:// or https:// URL"). */
struct dest *external_edit_parse(const struct dest *original, const char *text, size_t len,
                                 char **error);

/* The editor command: $VISUAL, else $EDITOR, else "vi". */
const char *external_edit_editor(void);

enum external_edit_result {
    EXTERNAL_EDIT_CHANGED,     /* *edited set: the parsed, validated destination */
    EXTERNAL_EDIT_UNCHANGED,   /* the file was saved as it was written (or not saved) */
    EXTERNAL_EDIT_FAILED       /* *error set: why (editor failed, bad JSON, invalid values) */
};

/* The whole round trip for `original` (NULL: a new destination): writes
 * external_edit_render() (or start_text when not NULL, e.g. the text of a failed attempt to
 * fix) to a private temporary file (mkstemps, mode 0600, in $TMPDIR or /tmp), runs the
 * editor on it with `sh -c '$EDITOR "$1"'` via fork/exec and waits (SIGINT and SIGQUIT are
 * ignored by cbdest meanwhile, the editor gets the defaults), reads it back (at most 1 MiB)
 * and parses it. The file is always removed. When text_out is not NULL it receives the
 * edited text (malloc'd) on CHANGED and FAILED, so a retry can start from it.
 *
 * The terminal: the CALLER hands it over, i.e. calls term_suspend() (endwin) before and
 * term_resume() (reset_prog_mode + full redraw) after; this function does no curses calls. */
enum external_edit_result external_edit_run(const struct dest *original, const char *start_text,
                                            struct dest **edited, char **error,
                                            char **text_out);

#endif
