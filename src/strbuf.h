/* A growable, always NUL-terminated byte buffer with an optional size cap (after curl's dynbuf). */
#ifndef CBDEST_STRBUF_H
#define CBDEST_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

enum strbuf_error {
    STRBUF_OK = 0,
    STRBUF_OOM,       /* an allocation failed */
    STRBUF_TOO_LARGE, /* an append would have grown the contents beyond max */
};

/* Contents are data[0..len) plus a NUL at data[len]; data is NULL until the first append.
 * Fields are private: use the functions below. A zeroed struct is an unlimited buffer. */
struct strbuf {
    char *data;
    size_t len, cap;
    size_t max;             /* most content bytes allowed (not counting the NUL); 0 = no cap */
    enum strbuf_error error;
};

/* Starts an empty buffer holding at most max bytes (0 = unlimited). Allocates nothing. */
void strbuf_init(struct strbuf *b, size_t max);

/* Appends n bytes (may hold NULs). Returns 0, or -1 when the buffer has failed: an append that
 * would exceed max sets STRBUF_TOO_LARGE, an allocation failure STRBUF_OOM. A failed append
 * changes nothing, and the error is sticky: every later append fails too (the contents so far
 * stay readable). Appending exactly up to max succeeds. */
int strbuf_add(struct strbuf *b, const void *data, size_t n);
/* strbuf_add of a C string / one byte. */
int strbuf_adds(struct strbuf *b, const char *s);
int strbuf_addc(struct strbuf *b, char c);
/* Appends printf-formatted text, with the same failure rules as strbuf_add. */
int strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The contents (NUL-terminated; "" when empty, never NULL), valid until the next append,
 * take or free. */
const char *strbuf_str(const struct strbuf *b);
size_t strbuf_len(const struct strbuf *b);
/* True once an append failed; strbuf_error says why. */
bool strbuf_failed(const struct strbuf *b);
enum strbuf_error strbuf_error(const struct strbuf *b);

/* Hands the contents over as a malloc'd NUL-terminated string (the caller frees it; "" when
 * nothing was added) and leaves b empty and usable with the same max. Returns NULL, and frees
 * the contents, when the buffer has failed or allocating the empty string fails. */
char *strbuf_take(struct strbuf *b);
/* Empties the contents, keeping the allocation, max and any error. */
void strbuf_reset(struct strbuf *b);
/* Frees the contents; b is left empty (same max, error cleared). */
void strbuf_free(struct strbuf *b);

#endif
