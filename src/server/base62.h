/* base62: byte strings <-> base62 text (base-x style big-number conversion, 0-9A-Za-z). */
#ifndef CBDEST_SERVER_BASE62_H
#define CBDEST_SERVER_BASE62_H

#include <stddef.h>

/* Encodes n bytes into out (cap bytes including the NUL). Leading zero bytes become leading
 * '0' characters. Returns the text length, or 0 when in is empty or out is too small. */
size_t base62_encode(const unsigned char *in, size_t n, char *out, size_t cap);

/* Decodes len characters into out (cap bytes). Returns the byte count, or -1 for an empty
 * input, a character outside the alphabet, or an output over cap. */
long base62_decode(const char *in, size_t len, unsigned char *out, size_t cap);

#endif
