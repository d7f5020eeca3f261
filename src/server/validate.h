/* validate: the shared field limits, request body validation and URL normalisation. */
#ifndef CBDEST_SERVER_VALIDATE_H
#define CBDEST_SERVER_VALIDATE_H

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/dest.h"

/* The limits every cbdest component agrees on (see shared-decisions.md). */
#define VALIDATE_NAME_MAX 256           /* code points */
#define VALIDATE_DESCRIPTION_MAX 4096   /* code points */
#define VALIDATE_URL_MAX 2048           /* bytes */
#define VALIDATE_METADATA_KEYS_MAX 64
#define VALIDATE_METADATA_KEY_MAX 128   /* code points */
#define VALIDATE_METADATA_BYTES_MAX 16384 /* serialized */

enum validate_result {
    VALIDATE_OK,
    VALIDATE_BAD_REQUEST,  /* *message says why (static text) */
    VALIDATE_INVALID_DATA, /* *errors holds the field errors */
    VALIDATE_BAD_URL,      /* url not absolute or not http(s) */
};

/* Validates a create (create=true: name and url required) or update body of len bytes and
 * fills *out (caller frees with dest_input_free). Unknown fields, "method" and "status" are
 * ignored. */
enum validate_result validate_body(const char *body, size_t len, bool create,
                                   struct dest_input *out, cJSON **errors,
                                   const char **message);

/* Normalises an absolute http/https URL (see urlnorm_normalise). Returns a malloc'd string,
 * or NULL if it is not one. */
char *validate_url_normalise(const char *url);

#endif
