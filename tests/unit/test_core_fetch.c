/* Unit tests: the fetch layer against an in-process loopback responder (ids, generations,
 * the concurrency cap, connection reuse, cancel, local refusals, rate-limit headers). */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fetch.h"

/* --- a tiny keep-alive HTTP responder -------------------------------------------------- */

static struct {
    int listen_fd, port, delay_ms;
    pthread_mutex_t lock;
    int active, max_active, connections, requests;
} resp = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void resp_count(int delta)
{
    pthread_mutex_lock(&resp.lock);
    resp.active += delta;
    if (resp.active > resp.max_active)
        resp.max_active = resp.active;
    if (delta > 0)
        resp.requests++;
    pthread_mutex_unlock(&resp.lock);
}

/* Reads one request head (bodies are small and read along); false on EOF. */
static bool resp_read_request(int fd, char *path, size_t n)
{
    char buf[8192] = "";
    size_t len = 0;
    while (!strstr(buf, "\r\n\r\n")) {
        ssize_t got = read(fd, buf + len, sizeof buf - 1 - len);
        if (got <= 0)
            return false;
        len += (size_t)got;
        buf[len] = '\0';
    }
    sscanf(buf, "%*s %1023s", path);
    (void)n;
    return true;
}

static void resp_answer(int fd, const char *path)
{
    char body[1024], head[512];
    const char *id = strncmp(path, "/callback-destinations/", 23) == 0 ? path + 23 : NULL;
    if (id)
        snprintf(body, sizeof body, "{\"object\":\"callback.destination\",\"id\":\"%.64s\"}", id);
    else
        snprintf(body, sizeof body, "{\"object\":\"list\",\"items\":[{\"id\":\"a\"}],"
                                    "\"pagination\":{\"has_more_before\":false,"
                                    "\"has_more_after\":true}}");
    snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "RateLimit-Limit: 100\r\nRateLimit-Remaining: 42\r\n"
                                "RateLimit-Reset: 1767000000\r\nContent-Length: %zu\r\n\r\n",
             strlen(body));
    if (write(fd, head, strlen(head)) < 0 || write(fd, body, strlen(body)) < 0)
        return;
}

static void *resp_conn(void *arg)
{
    int fd = (int)(intptr_t)arg;
    char path[1024];
    while (resp_read_request(fd, path, sizeof path)) {
        resp_count(1);
        usleep((useconds_t)resp.delay_ms * 1000);
        resp_answer(fd, path);
        resp_count(-1);
    }
    close(fd);
    return NULL;
}

static void *resp_accept(void *arg)
{
    (void)arg;
    for (;;) {
        int fd = accept(resp.listen_fd, NULL, NULL);
        if (fd < 0)
            return NULL;
        pthread_mutex_lock(&resp.lock);
        resp.connections++;
        pthread_mutex_unlock(&resp.lock);
        pthread_t t;
        pthread_create(&t, NULL, resp_conn, (void *)(intptr_t)fd);
        pthread_detach(t);
    }
}

static void resp_start(int delay_ms)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    resp.listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(bind(resp.listen_fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(resp.listen_fd, 16), 0);
    getsockname(resp.listen_fd, (struct sockaddr *)&a, &len);
    resp.port = ntohs(a.sin_port);
    resp.delay_ms = delay_ms;
    pthread_mutex_lock(&resp.lock);
    resp.max_active = resp.connections = resp.requests = 0;
    pthread_mutex_unlock(&resp.lock);
    pthread_t t;
    pthread_create(&t, NULL, resp_accept, NULL);
    pthread_detach(t);
}

/* --- helpers -------------------------------------------------------------------------- */

static struct fetch *new_fetch(bool read_only, const char *key)
{
    struct config cfg;
    char url[64];
    ck_assert_int_eq(config_defaults(&cfg), 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", resp.port);
    free(cfg.base_url);
    cfg.base_url = strdup(url);
    cfg.read_only = read_only;
    unsetenv("CBDEST_API_KEY_FILE");
    if (key)
        setenv("METORIAL_API_KEY", key, 1);
    else
        unsetenv("METORIAL_API_KEY");
    struct fetch *f = fetch_new(&cfg);
    config_clear(&cfg);
    ck_assert_ptr_nonnull(f);
    return f;
}

/* Runs the loop until `want` results arrived (or 10 s); stores them in order. */
static int collect(struct fetch *f, struct fetch_result **out, int want)
{
    int got = 0;
    for (int spins = 0; got < want && spins < 2000; spins++) {
        struct pollfd p = {.fd = fetch_fd(f), .events = POLLIN};
        int t = fetch_timeout_ms(f);
        poll(&p, 1, t < 0 || t > 5 ? 5 : t);
        fetch_work(f);
        struct fetch_result *r;
        while ((r = fetch_take_result(f)))
            out[got++] = r;
    }
    return got;
}

START_TEST(test_ids_generations_cap_and_reuse)
{
    resp_start(150);
    struct fetch *f = new_fetch(false, "metorial_sk_unit");
    ck_assert_int_ge(fetch_fd(f), 0);
    ck_assert_int_eq(fetch_timeout_ms(f), -1);
    uint64_t ids[7];
    char id[16];
    for (int i = 0; i < 7; i++) {
        snprintf(id, sizeof id, "d%d", i);
        ids[i] = fetch_get(f, id, 100u + (unsigned)i);
        ck_assert(ids[i] != 0);
    }
    ck_assert_int_eq(fetch_in_flight(f), 7);
    struct fetch_result *res[8];
    ck_assert_int_eq(collect(f, res, 7), 7);
    for (int i = 0; i < 7; i++) {
        int k = (int)(res[i]->id - ids[0]);
        ck_assert_int_ge(k, 0);
        ck_assert_int_lt(k, 7);
        ck_assert_ptr_null(res[i]->error);
        ck_assert_int_eq(res[i]->kind, API_GET);
        ck_assert_uint_eq(res[i]->generation, 100u + (unsigned)k);
        snprintf(id, sizeof id, "d%d", k);
        ck_assert_str_eq(res[i]->dest->id, id);
        fetch_result_free(res[i]);
    }
    ck_assert_int_eq(fetch_in_flight(f), 0);
    ck_assert_int_le(resp.max_active, FETCH_MAX_RUNNING);
    ck_assert_int_ge(resp.max_active, 2);
    ck_assert_int_le(resp.connections, FETCH_MAX_RUNNING);
    struct api_ratelimit rl = fetch_ratelimit(f);
    ck_assert(rl.known);
    ck_assert_int_eq(rl.remaining, 42);
    ck_assert_int_eq(rl.reset_epoch_s, 1767000000);
    /* a list: decoded page and flags */
    struct api_list_params p = {.limit = 5};
    uint64_t lid = fetch_list(f, &p, 9);
    ck_assert_int_eq(collect(f, res, 1), 1);
    ck_assert_uint_eq(res[0]->id, lid);
    ck_assert_int_eq(res[0]->kind, API_LIST);
    ck_assert_uint_eq(res[0]->page.count, 1);
    ck_assert(res[0]->page.has_more_after && !res[0]->page.has_more_before);
    fetch_result_free(res[0]);
    fetch_free(f);
}
END_TEST

START_TEST(test_cancel)
{
    resp_start(200);
    struct fetch *f = new_fetch(false, "metorial_sk_unit");
    uint64_t a = fetch_get(f, "a", 1), b = fetch_get(f, "b", 1), c = fetch_get(f, "c", 1);
    fetch_work(f);
    fetch_cancel(f, b);
    fetch_cancel(f, 999999);
    ck_assert_int_eq(fetch_in_flight(f), 2);
    struct fetch_result *res[4];
    ck_assert_int_eq(collect(f, res, 2), 2);
    ck_assert(res[0]->id == a || res[0]->id == c);
    ck_assert(res[1]->id == a || res[1]->id == c);
    ck_assert(res[0]->id != res[1]->id);
    fetch_result_free(res[0]);
    fetch_result_free(res[1]);
    ck_assert_int_eq(fetch_in_flight(f), 0);
    fetch_work(f);
    ck_assert_ptr_null(fetch_take_result(f));
    /* a queued request cancelled before it starts */
    uint64_t d = fetch_get(f, "d", 2);
    fetch_cancel(f, d);
    ck_assert_int_eq(fetch_in_flight(f), 0);
    ck_assert_int_eq(fetch_timeout_ms(f), -1);
    fetch_free(f);
}
END_TEST

START_TEST(test_local_refusals)
{
    resp_start(0);
    struct fetch *f = new_fetch(true, "metorial_sk_unit");
    struct dest *d = dest_new();
    dest_set_string(&d->name, "n");
    dest_set_string(&d->url, "https://e.com/");
    uint64_t id = fetch_create(f, d, 5);
    struct fetch_result *r = fetch_take_result(f);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(r->id, id);
    ck_assert_uint_eq(r->generation, 5);
    ck_assert_int_eq(r->error->kind, API_ERR_LOCAL);
    ck_assert_str_eq(r->error->code, "read_only");
    fetch_result_free(r);
    ck_assert_int_eq(resp.requests, 0);
    fetch_free(f);
    f = new_fetch(false, "metorial_sk_unit");
    dest_set_string(&d->url, "nope");
    fetch_create(f, d, 0);
    r = fetch_take_result(f);
    ck_assert_str_eq(r->error->code, "validation");
    ck_assert_str_eq(dest_field_errors_find(&r->error->fields, "url"),
                     "must be an absolute http:// or https:// URL");
    fetch_result_free(r);
    fetch_get(f, "", 0);
    r = fetch_take_result(f);
    ck_assert_str_eq(r->error->message, "a destination id is required");
    fetch_result_free(r);
    fetch_free(f);
    f = new_fetch(false, NULL);
    fetch_get(f, "x", 0);
    r = fetch_take_result(f);
    ck_assert_str_eq(r->error->code, "no_key");
    ck_assert_int_eq(api_error_exit_code(r->error), 2);
    fetch_result_free(r);
    ck_assert_int_eq(resp.requests, 0);
    fetch_free(f);
    dest_free(d);
}
END_TEST

static Suite *fetch_suite(void)
{
    Suite *s = suite_create("fetch");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_ids_generations_cap_and_reuse);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_local_refusals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fetch_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
