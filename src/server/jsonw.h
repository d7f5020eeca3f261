/* jsonw: a small append-only JSON text writer (for the hot list/object answers). */
#ifndef CBDEST_SERVER_JSONW_H
#define CBDEST_SERVER_JSONW_H

#include <stdbool.h>
#include <stddef.h>

struct jsonw {
    char *buf; /* owned until jsonw_take */
    size_t len, cap;
    bool oom;  /* an allocation failed: the text is unusable */
};

void jsonw_init(struct jsonw *w, size_t cap);

/* Appends n bytes as they are. */
void jsonw_raw(struct jsonw *w, const char *s, size_t n);

/* Appends a NUL-terminated literal as it is. */
void jsonw_lit(struct jsonw *w, const char *s);
/* The same for a string literal, its length known at compile time (no strlen). */
#define JSONW_LIT(w, literal) jsonw_raw((w), "" literal, sizeof(literal) - 1)

/* Appends s as a JSON string: quotes, \" \\ \b \f \n \r \t, \u00XX for other control
 * characters, every other byte as it is (s is valid UTF-8 by validation). */
void jsonw_str(struct jsonw *w, const char *s);

/* Appends "key": (key is a plain ASCII literal). */
void jsonw_key(struct jsonw *w, const char *key);

/* Returns the NUL-terminated text (caller frees), or NULL after an allocation failure. */
char *jsonw_take(struct jsonw *w);

#endif
