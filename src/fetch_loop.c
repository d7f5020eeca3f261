/* The fetch layer's engine: starting queued requests, driving curl, timeouts, cancel, wait. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include "fetch_internal.h"

#define FETCH_EVENTS_MAX 16

/* Unlinks r from the list at *head; true when it was there. */
static bool fetch_unlink(struct fetch_req **head, struct fetch_req *r)
{
    for (struct fetch_req **p = head; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            r->next = NULL;
            return true;
        }
    return false;
}

static void fetch_start_due(struct fetch *f)
{
    int64_t now = fetch_now_ms();
    struct fetch_req **p = &f->queue;
    while (*p && f->running_count < FETCH_MAX_RUNNING) {
        struct fetch_req *r = *p;
        if (r->state == FETCH_WAITING && r->due_ms > now) {
            p = &r->next;
            continue;
        }
        *p = r->next;
        r->next = f->running;
        f->running = r;
        r->state = FETCH_RUNNING;
        f->running_count++;
        if (fetch_transfer_start(f, r) < 0) {
            fetch_unlink(&f->running, r);
            f->running_count--;
            if (r->easy)
                curl_multi_remove_handle(f->multi, r->easy);
            fetch_push_result(f, fetch_result_for(r, api_error_new(API_ERR_LOCAL, "oom",
                                                                   "cannot start the request")));
            fetch_req_free(r);
        }
    }
}

static void fetch_collect_done(struct fetch *f)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(f->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        struct fetch_req *r = NULL;
        CURLcode code = msg->data.result;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
        curl_multi_remove_handle(f->multi, msg->easy_handle);
        if (!r || !fetch_unlink(&f->running, r))
            continue;
        f->running_count--;
        fetch_finish(f, r, code);
    }
}

static void fetch_drive_sockets(struct fetch *f)
{
    struct epoll_event ev[FETCH_EVENTS_MAX];
    int running, n = epoll_wait(f->epfd, ev, FETCH_EVENTS_MAX, 0);
    for (int i = 0; i < n; i++) {
        int mask = (ev[i].events & EPOLLIN ? CURL_CSELECT_IN : 0)
                   | (ev[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0)
                   | (ev[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
        curl_multi_socket_action(f->multi, ev[i].data.fd, mask, &running);
    }
    if (f->curl_deadline_ms >= 0 && f->curl_deadline_ms <= fetch_now_ms()) {
        f->curl_deadline_ms = -1;
        curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }
}

void fetch_work(struct fetch *f)
{
    for (int round = 0; round < 3; round++) {
        fetch_start_due(f);
        fetch_drive_sockets(f);
        fetch_collect_done(f);
        if (fetch_timeout_ms(f) != 0 || f->results_head)
            break;
    }
}

int fetch_timeout_ms(const struct fetch *f)
{
    int64_t now = fetch_now_ms(), best = -1;
    if (f->results_head)
        return 0;
    if (f->curl_deadline_ms >= 0)
        best = f->curl_deadline_ms;
    for (const struct fetch_req *r = f->queue; r; r = r->next) {
        if (f->running_count >= FETCH_MAX_RUNNING)
            break;
        int64_t due = r->state == FETCH_WAITING ? r->due_ms : now;
        if (best < 0 || due < best)
            best = due;
    }
    if (best < 0)
        return -1;
    return best <= now ? 0 : best - now > 60000 ? 60000 : (int)(best - now);
}

static bool fetch_drop_result(struct fetch *f, uint64_t id)
{
    struct fetch_result_node *prev = NULL;
    for (struct fetch_result_node *n = f->results_head; n; prev = n, n = n->next) {
        if (n->result->id != id)
            continue;
        if (prev)
            prev->next = n->next;
        else
            f->results_head = n->next;
        if (f->results_tail == n)
            f->results_tail = prev;
        fetch_result_free(n->result);
        free(n);
        return true;
    }
    return false;
}

void fetch_cancel(struct fetch *f, uint64_t id)
{
    for (struct fetch_req *r = f->queue; r; r = r->next)
        if (r->id == id) {
            fetch_unlink(&f->queue, r);
            fetch_req_free(r);
            return;
        }
    for (struct fetch_req *r = f->running; r; r = r->next)
        if (r->id == id) {
            fetch_unlink(&f->running, r);
            f->running_count--;
            curl_multi_remove_handle(f->multi, r->easy);
            fetch_logf(f, "  cancelled %s %s", r->method, r->url);
            fetch_req_free(r);
            return;
        }
    fetch_drop_result(f, id);
}

struct fetch_result *fetch_wait(struct fetch *f, uint64_t id)
{
    for (;;) {
        fetch_work(f);
        struct fetch_result *r;
        while ((r = fetch_take_result(f))) {
            if (r->id == id)
                return r;
            fetch_result_free(r);
        }
        if (fetch_in_flight(f) == 0)
            return NULL;
        struct pollfd p = {.fd = f->epfd, .events = POLLIN};
        poll(&p, 1, fetch_timeout_ms(f));
    }
}
