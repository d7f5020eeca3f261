/* One libcurl transfer of a fetch request: easy handle setup, capped body, header capture. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch_internal.h"

#define FETCH_USER_AGENT "cbdest/" CBDEST_VERSION

static void fetch_headers_clear(struct fetch_headers *h)
{
    free(h->req_id);
    free(h->retry_after);
    free(h->rl_limit);
    free(h->rl_remaining);
    free(h->rl_reset);
    free(h->location);
    memset(h, 0, sizeof *h);
}

void fetch_transfer_reset(struct fetch_req *r)
{
    if (r->easy)
        curl_easy_cleanup(r->easy);
    r->easy = NULL;
    curl_slist_free_all(r->headers);
    r->headers = NULL;
    strbuf_free(&r->resp);
    strbuf_init(&r->resp, API_BODY_CAP);
    r->stalled = false;
    r->last_dl = r->last_ul = 0;
    r->errbuf[0] = '\0';
    fetch_headers_clear(&r->hdr);
}

void fetch_req_free(struct fetch_req *r)
{
    if (!r)
        return;
    fetch_transfer_reset(r);
    free(r->url);
    free(r->body);
    free(r->create_name);
    free(r->create_url);
    api_error_free(r->pending_error);
    free(r);
}

/* An over-cap body (STRBUF_TOO_LARGE) or OOM aborts the transfer with CURLE_WRITE_ERROR. */
static size_t fetch_on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    struct fetch_req *r = userp;
    size_t n = size * nmemb;
    return strbuf_add(&r->resp, data, n) < 0 ? 0 : n;
}

/* Keeps a trimmed copy of a header value (at most 200 bytes). */
static void fetch_keep_header(char **field, const char *value, size_t len)
{
    while (len > 0 && isspace((unsigned char)*value))
        value++, len--;
    while (len > 0 && isspace((unsigned char)value[len - 1]))
        len--;
    if (len > 200)
        len = 200;
    free(*field);
    *field = strndup(value, len);
}

static size_t fetch_on_header(char *data, size_t size, size_t nmemb, void *userp)
{
    struct fetch_req *r = userp;
    size_t n = size * nmemb;
    const struct {
        const char *name;
        char **field;
    } wanted[] = {
        {"metorial-req-id:", &r->hdr.req_id},
        {"retry-after:", &r->hdr.retry_after},
        {"ratelimit-limit:", &r->hdr.rl_limit},
        {"ratelimit-remaining:", &r->hdr.rl_remaining},
        {"ratelimit-reset:", &r->hdr.rl_reset},
        {"location:", &r->hdr.location},
    };
    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        fetch_headers_clear(&r->hdr); /* a new response (after 1xx) */
        return n;
    }
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        size_t k = strlen(wanted[i].name);
        if (n > k && strncasecmp(data, wanted[i].name, k) == 0)
            fetch_keep_header(wanted[i].field, data + k, n - k);
    }
    return n;
}

/* Aborts a transfer when no byte moved either way for the stall timeout. */
static int fetch_on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                             curl_off_t ulnow)
{
    struct fetch_req *r = userp;
    int64_t now = fetch_now_ms();
    (void)dltotal;
    (void)ultotal;
    if (dlnow != r->last_dl || ulnow != r->last_ul) {
        r->last_dl = dlnow;
        r->last_ul = ulnow;
        r->last_progress_ms = now;
        return 0;
    }
    if (now - r->last_progress_ms > r->stall_ms) {
        r->stalled = true;
        return 1;
    }
    return 0;
}

static int fetch_add_header(struct fetch_req *r, const char *line)
{
    struct curl_slist *l = curl_slist_append(r->headers, line);
    if (!l)
        return -1;
    r->headers = l;
    return 0;
}

static int fetch_build_headers(struct fetch *f, struct fetch_req *r)
{
    if (fetch_add_header(r, API_VERSION_HEADER) < 0
        || fetch_add_header(r, "Accept: application/json") < 0
        || fetch_add_header(r, "Expect:") < 0
        || (f->auth_header && fetch_add_header(r, f->auth_header) < 0))
        return -1;
    if (r->body && fetch_add_header(r, "Content-Type: application/json") < 0)
        return -1;
    return 0;
}

/* Transport options shared by every request. */
static void fetch_set_transport(struct fetch *f, CURL *e)
{
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, FETCH_USER_AGENT);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (f->cfg.cacert)
        curl_easy_setopt(e, CURLOPT_CAINFO, f->cfg.cacert);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, f->cfg.connect_timeout_s);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->cfg.stall_timeout_s);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, f->cfg.transfer_timeout_s);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)API_BODY_CAP);
}

int fetch_transfer_start(struct fetch *f, struct fetch_req *r)
{
    fetch_transfer_reset(r);
    CURL *e = r->easy = curl_easy_init();
    if (!e || fetch_build_headers(f, r) < 0)
        return -1;
    fetch_set_transport(f, e);
    curl_easy_setopt(e, CURLOPT_URL, r->url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, fetch_on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, fetch_on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, fetch_on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, r);
    r->stall_ms = f->cfg.stall_timeout_s * 1000;
    if (r->body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(r->body));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body);
    }
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0)
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
    r->attempt++;
    r->try_started_ms = r->last_progress_ms = fetch_now_ms();
    if (!r->started_ms)
        r->started_ms = r->try_started_ms;
    fetch_logf(f, "> %s %s (attempt %d)", r->method, r->url, r->attempt);
    fetch_logf(f, "> Authorization: %s", f->auth_header ? "Bearer ****(masked)" : "(none)");
    if (r->body)
        fetch_logf(f, "> body %.900s", r->body);
    return curl_multi_add_handle(f->multi, e) == CURLM_OK ? 0 : -1;
}
