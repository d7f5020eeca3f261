/* The fetch layer's public face: submit, cancel, the event loop over epoll and curl multi. */
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "fetch_internal.h"

int64_t fetch_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void fetch_set_log(struct fetch *f, void (*log)(void *ctx, const char *line), void *ctx)
{
    f->log = log;
    f->log_ctx = ctx;
}

void fetch_logf(struct fetch *f, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    if (!f->log)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++) /* logs carry URLs and server ids: keep them inert */
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = '?';
    f->log(f->log_ctx, line);
}

static int fetch_on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
    struct fetch *f = userp;
    struct epoll_event ev = {0};
    (void)e;
    (void)socketp;
    ev.data.fd = s;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(f->epfd, EPOLL_CTL_DEL, s, NULL);
        return 0;
    }
    ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
    if (epoll_ctl(f->epfd, EPOLL_CTL_MOD, s, &ev) != 0)
        epoll_ctl(f->epfd, EPOLL_CTL_ADD, s, &ev);
    return 0;
}

static int fetch_on_timer(CURLM *m, long timeout_ms, void *userp)
{
    struct fetch *f = userp;
    (void)m;
    f->curl_deadline_ms = timeout_ms < 0 ? -1 : fetch_now_ms() + timeout_ms;
    return 0;
}

static int fetch_setup_key(struct fetch *f)
{
    char *key = NULL, *why = NULL;
    if (config_api_key(&f->cfg, &key, &why) < 0) {
        f->key_error = why ? why : strdup("cannot read the API key");
        return f->key_error ? 0 : -1;
    }
    size_t n = strlen(key) + sizeof "Authorization: Bearer ";
    if ((f->auth_header = malloc(n)))
        snprintf(f->auth_header, n, "Authorization: Bearer %s", key);
    explicit_bzero(key, strlen(key));
    free(key);
    return f->auth_header ? 0 : -1;
}

/* A deep copy of the config's strings (the struct's owner may free the original). */
static int fetch_copy_config(struct config *dst, const struct config *src)
{
    *dst = *src;
    char **fields[] = {&dst->profile_name, &dst->config_path, &dst->base_url, &dst->host,
                       &dst->cacert, &dst->api_key_file, &dst->api_key_command,
                       &dst->key_source};
    int rc = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (*fields[i] && !(*fields[i] = strdup(*fields[i])))
            rc = -1;
    return rc;
}

struct fetch *fetch_new(const struct config *cfg)
{
    struct fetch *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->epfd = -1;
    if (fetch_copy_config(&f->cfg, cfg) < 0)
        goto fail;
    f->curl_deadline_ms = -1;
    f->next_id = 1;
    f->rand_state = (unsigned)time(NULL) ^ (unsigned)getpid();
    f->policy.max_attempts = cfg->retry_max_attempts;
    f->policy.base_ms = cfg->retry_base_ms;
    f->policy.max_wait_ms = cfg->retry_max_wait_ms;
    if ((f->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 || !(f->multi = curl_multi_init())
        || fetch_setup_key(f) < 0)
        goto fail;
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, fetch_on_socket);
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, fetch_on_timer);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_MAX_RUNNING);
    return f;
fail:
    fetch_free(f);
    return NULL;
}

static void fetch_free_list(struct fetch *f, struct fetch_req *r)
{
    while (r) {
        struct fetch_req *next = r->next;
        if (r->easy && r->state == FETCH_RUNNING)
            curl_multi_remove_handle(f->multi, r->easy);
        fetch_req_free(r);
        r = next;
    }
}

void fetch_free(struct fetch *f)
{
    if (!f)
        return;
    fetch_free_list(f, f->queue);
    fetch_free_list(f, f->running);
    while (f->results_head) {
        struct fetch_result_node *n = f->results_head;
        f->results_head = n->next;
        fetch_result_free(n->result);
        free(n);
    }
    if (f->multi)
        curl_multi_cleanup(f->multi);
    if (f->epfd >= 0)
        close(f->epfd);
    if (f->auth_header)
        explicit_bzero(f->auth_header, strlen(f->auth_header));
    free(f->auth_header);
    free(f->key_error);
    config_clear(&f->cfg);
    free(f);
}

int fetch_fd(const struct fetch *f)
{
    return f->epfd;
}

void fetch_result_free(struct fetch_result *r)
{
    if (!r)
        return;
    api_error_free(r->error);
    api_page_clear(&r->page);
    dest_free(r->dest);
    free(r);
}

void fetch_push_result(struct fetch *f, struct fetch_result *res)
{
    struct fetch_result_node *n = res ? calloc(1, sizeof *n) : NULL;
    if (!n) {
        fetch_result_free(res);
        return;
    }
    n->result = res;
    if (f->results_tail)
        f->results_tail->next = n;
    else
        f->results_head = n;
    f->results_tail = n;
}

struct fetch_result *fetch_take_result(struct fetch *f)
{
    struct fetch_result_node *n = f->results_head;
    if (!n)
        return NULL;
    f->results_head = n->next;
    if (!f->results_head)
        f->results_tail = NULL;
    struct fetch_result *r = n->result;
    free(n);
    return r;
}

void fetch_requeue(struct fetch *f, struct fetch_req *r, int64_t due_ms)
{
    fetch_transfer_reset(r);
    r->state = due_ms > 0 ? FETCH_WAITING : FETCH_QUEUED;
    r->due_ms = due_ms;
    r->next = NULL;
    struct fetch_req **p = &f->queue;
    while (*p)
        p = &(*p)->next;
    *p = r;
}

int fetch_in_flight(const struct fetch *f)
{
    int n = f->running_count;
    for (const struct fetch_req *r = f->queue; r; r = r->next)
        n++;
    return n;
}

struct api_ratelimit fetch_ratelimit(const struct fetch *f)
{
    return f->ratelimit;
}
