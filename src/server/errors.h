/* errors: the one table of API error codes with their HTTP status, message and hint. */
#ifndef CBDEST_SERVER_ERRORS_H
#define CBDEST_SERVER_ERRORS_H

#include <cJSON.h>

#define ERRORS_TABLE(X) \
    X(ERR_INVALID_DATA, "invalid_data", 400, "The provided data is invalid.", \
      "Make sure the data you are sending follows the specification outlined in the documentation.") \
    X(ERR_BAD_REQUEST, "bad_request", 400, "The request is malformed.", \
      "Make sure the request body is a JSON object and the query parameters are well formed.") \
    X(ERR_INVALID_URL, "invalid_callback_destination_url", 400, \
      "The callback destination URL is invalid.", \
      "Use an absolute http:// or https:// URL, e.g. https://example.com/webhooks.") \
    X(ERR_UNAUTHORIZED, "unauthorized", 401, "The provided API key is invalid.", \
      "Send your secret key as 'Authorization: Bearer metorial_sk_...'.") \
    X(ERR_FORBIDDEN, "forbidden", 403, "You are not allowed to perform this action.", \
      "Publishable keys (metorial_pk_...) can only read; use a secret key (metorial_sk_...) to write.") \
    X(ERR_NOT_FOUND, "not_found", 404, "The requested resource could not be found.", \
      "Check the id and the path of the request.") \
    X(ERR_METHOD_NOT_ALLOWED, "method_not_allowed", 405, \
      "The request method is not allowed for this endpoint.", \
      "See the Allow header for the methods this endpoint accepts.") \
    X(ERR_PAYLOAD_TOO_LARGE, "payload_too_large", 413, "The request body is too large.", \
      "Request bodies are limited to 1 MiB.") \
    X(ERR_RATE_LIMITED, "rate_limit_exceeded", 429, \
      "You have exceeded the rate limit for this instance", \
      "Wait until the time in the RateLimit-Reset header before sending more requests.") \
    X(ERR_INTERNAL, "internal_server_error", 500, "An internal error occurred.", \
      "Try again later; if the problem persists, check the server log.")

#define ERRORS_ENUM(name, code, status, message, hint) name,
enum err_code { ERRORS_TABLE(ERRORS_ENUM) ERR__COUNT };
#undef ERRORS_ENUM

struct err_info {
    const char *code;
    int status;
    const char *message;
    const char *hint;
};

/* The table row of an error code (never NULL; out-of-range maps to internal_server_error). */
const struct err_info *errors_info(enum err_code code);

/* Appends one field error {code, message, path} to the cJSON array list and returns the new
 * item so the caller can add expected/received/min/max. path1 may be NULL. */
cJSON *errors_add_field(cJSON *list, const char *code, const char *message,
                        const char *path0, const char *path1);

#endif
