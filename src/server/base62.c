/* base62: quadratic big-number base conversion, fine for the short cursor texts it serves. */
#include "server/base62.h"

#include <string.h>

static const char base62_alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

size_t base62_encode(const unsigned char *in, size_t n, char *out, size_t cap)
{
    size_t zeros = 0, len = 0;
    if (n == 0 || cap == 0)
        return 0;
    while (zeros < n && in[zeros] == 0)
        zeros++;
    /* digits holds base62 digits, least significant first; log(256)/log(62) < 1.35 */
    size_t max_digits = (n - zeros) * 135 / 100 + 1;
    if (zeros + max_digits + 1 > cap)
        return 0;
    unsigned char *digits = (unsigned char *)out + zeros; /* reuse out as scratch */
    for (size_t i = zeros; i < n; i++) {
        unsigned carry = in[i];
        for (size_t j = 0; j < len; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (unsigned char)(carry % 62);
            carry /= 62;
        }
        while (carry) {
            digits[len++] = (unsigned char)(carry % 62);
            carry /= 62;
        }
    }
    for (size_t j = 0; j < len / 2; j++) {
        unsigned char t = digits[j];
        digits[j] = digits[len - 1 - j];
        digits[len - 1 - j] = t;
    }
    for (size_t j = 0; j < len; j++)
        digits[j] = (unsigned char)base62_alphabet[digits[j]];
    memset(out, '0', zeros);
    out[zeros + len] = '\0';
    return zeros + len;
}

static int base62_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 36;
    return -1;
}

long base62_decode(const char *in, size_t len, unsigned char *out, size_t cap)
{
    size_t zeros = 0, n = 0;
    if (len == 0)
        return -1;
    while (zeros < len && in[zeros] == '0')
        zeros++;
    if (zeros > cap)
        return -1;
    unsigned char *bytes = out + zeros; /* least significant first while converting */
    for (size_t i = zeros; i < len; i++) {
        int v = base62_value(in[i]);
        if (v < 0)
            return -1;
        unsigned carry = (unsigned)v;
        for (size_t j = 0; j < n; j++) {
            carry += bytes[j] * 62u;
            bytes[j] = (unsigned char)(carry & 0xff);
            carry >>= 8;
        }
        while (carry) {
            if (zeros + n >= cap)
                return -1;
            bytes[n++] = (unsigned char)(carry & 0xff);
            carry >>= 8;
        }
    }
    for (size_t j = 0; j < n / 2; j++) {
        unsigned char t = bytes[j];
        bytes[j] = bytes[n - 1 - j];
        bytes[n - 1 - j] = t;
    }
    memset(out, 0, zeros);
    return (long)(zeros + n);
}
