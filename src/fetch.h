/* The background fetch layer: a non-blocking request queue over the curl multi interface. */
#ifndef CBDEST_FETCH_H
#define CBDEST_FETCH_H

#include <stdbool.h>
#include <stdint.h>

#include "api.h"
#include "config.h"
#include "destination.h"

/* Single-threaded. The owner's loop polls fetch_fd() (POLLIN) together with its own inputs,
 * with a timeout of at most fetch_timeout_ms(), then calls fetch_work() and drains
 * fetch_take_result() until it returns NULL. Nothing ever blocks inside these calls.
 *
 *   struct pollfd p[2] = {{0, POLLIN, 0}, {fetch_fd(f), POLLIN, 0}};
 *   poll(p, 2, fetch_timeout_ms(f));
 *   fetch_work(f);
 *   for (struct fetch_result *r; (r = fetch_take_result(f)); fetch_result_free(r)) ...
 *
 * Requests get ids (never 0) and carry the caller's generation tag back unchanged, so a reply
 * for a page the user has left can be recognised and dropped. At most FETCH_MAX_RUNNING
 * transfers run at once (connections reused); the rest wait in order. Reads, PATCH and
 * DELETE are retried per the config's policy (see api_retryable); retries are invisible
 * except for latency. A create whose outcome is unknown is never resent: the layer looks for
 * a destination with the same name and url created since the attempt and reports it. */

#define FETCH_MAX_RUNNING 4

struct fetch;

struct fetch_result {
    enum api_kind kind;
    uint64_t id;                 /* as returned by the submit call */
    unsigned generation;         /* as passed to the submit call */
    struct api_error *error;     /* NULL on success */
    struct api_page page;        /* API_LIST success */
    struct dest *dest;           /* GET/CREATE/UPDATE/ARCHIVE success (ARCHIVE answered 204
                                    without a body: NULL) */
    bool landed_after_unknown;   /* CREATE: the response was lost, but the destination was
                                    found on the server (dest set, error NULL) */
    bool checked_not_landed;     /* CREATE failed with outcome_unknown and the check found no
                                    such destination: safe to create again explicitly */
};

/* A new fetch layer for cfg (copied: cfg may be freed afterwards). The API key is read here
 * (config_api_key); when that fails every request fails with a LOCAL "no_key" error.
 * NULL only on OOM or when curl cannot start. */
struct fetch *fetch_new(const struct config *cfg);
/* Cancels everything and frees. */
void fetch_free(struct fetch *f);

/* A descriptor that becomes readable when fetch_work() has something to do. Stable for the
 * layer's life. */
int fetch_fd(const struct fetch *f);
/* Milliseconds the caller may sleep before calling fetch_work() (-1: no deadline, 0: now). */
int fetch_timeout_ms(const struct fetch *f);
/* Progresses transfers, starts queued ones, fires due retries. Never blocks. */
void fetch_work(struct fetch *f);

/* Submit calls return the request id, or 0 on OOM. Arguments are copied. Validation and
 * read-only refusals are delivered as results (API_ERR_LOCAL), never sent. */
uint64_t fetch_list(struct fetch *f, const struct api_list_params *params, unsigned generation);
uint64_t fetch_get(struct fetch *f, const char *id, unsigned generation);
/* Creates from d's name, url, description, metadata (validated first). */
uint64_t fetch_create(struct fetch *f, const struct dest *d, unsigned generation);
/* PATCHes id with a body from dest_patch_body(); validation of `edited` is the caller's
 * (dest_validate(edited, false, ...)). */
uint64_t fetch_update(struct fetch *f, const char *id, const char *patch_body,
                      unsigned generation);
uint64_t fetch_archive(struct fetch *f, const char *id, unsigned generation);

/* Cancels a queued or running request (its result is never delivered; a result already
 * waiting is discarded). Unknown ids are ignored. A cancelled write may still have landed. */
void fetch_cancel(struct fetch *f, uint64_t id);

/* The next finished request's result (FIFO of completion), or NULL. Caller frees. The caller
 * may keep parts: set r->dest (or r->page.items and r->page.count, or r->error) to NULL/0
 * before fetch_result_free and they become the caller's. */
struct fetch_result *fetch_take_result(struct fetch *f);
void fetch_result_free(struct fetch_result *r);

/* Requests submitted and not yet delivered (queued + running + waiting to retry). */
int fetch_in_flight(const struct fetch *f);
/* From the last response carrying RateLimit-* headers. */
struct api_ratelimit fetch_ratelimit(const struct fetch *f);

/* Where request logs go (one line per call, no newline, key masked): requests, attempts,
 * bodies, statuses, retries ("  retrying GET in 1200 ms (attempt 2 of 4)"), lost-create checks.
 * Default: nowhere (so nothing is ever written over a TUI screen). The CLI installs a sink that
 * prints to stderr; a TUI honouring --verbose should log to a file or a status line. */
void fetch_set_log(struct fetch *f, void (*log)(void *ctx, const char *line), void *ctx);

/* Blocking helper for one-shot commands: runs the loop until request `id` finishes and
 * returns its result (other results are discarded). NULL on OOM. */
struct fetch_result *fetch_wait(struct fetch *f, uint64_t id);

#endif
