/* Private structures of the fetch layer, shared by fetch.c, fetch_transfer.c, fetch_finish.c. */
#ifndef CBDEST_FETCH_INTERNAL_H
#define CBDEST_FETCH_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include <curl/curl.h>

#include "fetch.h"
#include "strbuf.h"

enum fetch_state { FETCH_QUEUED, FETCH_RUNNING, FETCH_WAITING };

/* Response header values kept from the last response of a transfer. */
struct fetch_headers {
    char *req_id, *retry_after, *rl_limit, *rl_remaining, *rl_reset, *location;
};

/* One request: built once, sent one or more times (retries), then turned into a result. */
struct fetch_req {
    uint64_t id;
    unsigned generation;
    enum api_kind kind;       /* what the caller asked for */
    enum api_kind wire_kind;  /* what is on the wire (LIST while checking a create) */
    enum fetch_state state;
    const char *method;       /* "GET", "POST", "PATCH", "DELETE" (static strings) */
    char *url;
    char *body;               /* NULL for GET/DELETE */
    int attempt;              /* tries started so far */
    int64_t due_ms;           /* WAITING: when to start again */
    int64_t started_ms;       /* first try's start (creates: the "since" of the check) */
    int64_t try_started_ms;
    CURL *easy;
    struct curl_slist *headers;
    char errbuf[CURL_ERROR_SIZE];
    struct strbuf resp;       /* response body, capped at API_BODY_CAP */
    bool stalled;             /* aborted: no bytes either way for stall_timeout_s */
    int64_t last_progress_ms;
    curl_off_t last_dl, last_ul;
    long stall_ms;
    struct fetch_headers hdr;
    /* create: what was sent, and the error kept while checking whether it landed */
    char *create_name, *create_url;
    struct api_error *pending_error;
    struct fetch_req *next;
};

struct fetch_result_node {
    struct fetch_result *result;
    struct fetch_result_node *next;
};

struct fetch {
    struct config cfg;
    char *auth_header;        /* "Authorization: Bearer ..." (wiped on free) */
    char *key_error;          /* why there is no key, or NULL */
    CURLM *multi;
    int epfd;
    int64_t curl_deadline_ms; /* -1: no curl timer */
    struct fetch_req *queue;  /* QUEUED and WAITING, in submit order */
    struct fetch_req *running;
    int running_count;
    struct fetch_result_node *results_head, *results_tail;
    uint64_t next_id;
    struct api_ratelimit ratelimit;
    struct api_retry_policy policy;
    unsigned rand_state;
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
};

/* fetch_transfer.c */
int fetch_transfer_start(struct fetch *f, struct fetch_req *r);
void fetch_transfer_reset(struct fetch_req *r);
void fetch_req_free(struct fetch_req *r);

/* fetch_finish.c */
/* Handles a finished transfer: retry, create check, or a result queued. */
void fetch_finish(struct fetch *f, struct fetch_req *r, CURLcode code);
/* Queues a result for delivery (takes it). */
void fetch_push_result(struct fetch *f, struct fetch_result *res);
/* A result for r carrying err (taken). */
struct fetch_result *fetch_result_for(const struct fetch_req *r, struct api_error *err);
/* Puts r back in the queue to start at due_ms. */
void fetch_requeue(struct fetch *f, struct fetch_req *r, int64_t due_ms);

/* fetch.c */
__attribute__((format(printf, 2, 3))) void fetch_logf(struct fetch *f, const char *fmt, ...);
int64_t fetch_now_ms(void);

#endif
