/* cursor: "cur_" + base62 of the JSON text ["after","<id>"] or ["before","<id>"]. */
#ifndef CBDEST_SERVER_CURSOR_H
#define CBDEST_SERVER_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

#define CURSOR_MAX_TEXT 600 /* longest cursor string accepted */
#define CURSOR_MAX_ID 200   /* longest id a cursor may carry */

enum cursor_dir { CURSOR_AFTER, CURSOR_BEFORE };

/* Returns a malloc'd cursor string for (dir, id), or NULL if id is too long. */
char *cursor_encode(enum cursor_dir dir, const char *id);

/* Decodes text into dir and id (id_out has CURSOR_MAX_ID + 1 bytes). Returns 0, or -1 for
 * anything malformed: wrong prefix, bad base62, not the JSON array of two strings, an unknown
 * direction, an empty or over-long id, or an id with control characters. */
int cursor_decode(const char *text, enum cursor_dir *dir, char *id_out);

#endif
