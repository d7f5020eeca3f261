/* Finishing a fetch transfer: classify failures, retry, check lost creates, deliver results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "datetime.h"
#include "fetch_internal.h"

#define FETCH_CREATE_CHECK_SLACK_MS 60000 /* clock skew allowed when looking for a lost create */

static const struct {
    CURLcode code;
    const char *net_code;
    const char *what;
} fetch_curl_errors[] = {
    {CURLE_COULDNT_RESOLVE_HOST, "dns", "cannot resolve the host name"},
    {CURLE_COULDNT_RESOLVE_PROXY, "proxy", "cannot resolve the proxy"},
    {CURLE_PROXY, "proxy", "the proxy refused or failed"},
    {CURLE_COULDNT_CONNECT, "connect", "cannot connect"},
    {CURLE_OPERATION_TIMEDOUT, "timeout", "timed out"},
    {CURLE_SSL_CONNECT_ERROR, "tls", "TLS handshake failed"},
    {CURLE_PEER_FAILED_VERIFICATION, "tls", "the server's TLS certificate was not accepted"},
    {CURLE_SSL_CACERT_BADFILE, "tls", "cannot read the CA bundle"},
    {CURLE_SSL_CERTPROBLEM, "tls", "TLS certificate problem"},
    {CURLE_SSL_ISSUER_ERROR, "tls", "TLS certificate issuer check failed"},
    {CURLE_GOT_NOTHING, "dropped", "the server closed the connection without answering"},
    {CURLE_RECV_ERROR, "dropped", "the connection broke while receiving"},
    {CURLE_SEND_ERROR, "dropped", "the connection broke while sending"},
    {CURLE_PARTIAL_FILE, "dropped", "the response was cut short"},
    {CURLE_HTTP2, "dropped", "HTTP/2 framing error"},
    {CURLE_HTTP2_STREAM, "dropped", "HTTP/2 stream error"},
    {CURLE_FILESIZE_EXCEEDED, "too_large", "the response is larger than 16 MiB"},
    {CURLE_BAD_CONTENT_ENCODING, "network", "the response's compression is broken"},
    {CURLE_UNSUPPORTED_PROTOCOL, "network", "unsupported protocol"},
    {CURLE_URL_MALFORMAT, "network", "the URL is malformed"},
};

/* The environment variable libcurl takes a proxy from for a URL of this scheme, or NULL. */
static const char *fetch_env_proxy_value(const char *scheme)
{
    const char *names[] = {strcmp(scheme, "https") == 0 ? "https_proxy" : "http_proxy",
                           strcmp(scheme, "https") == 0 ? "HTTPS_PROXY" : NULL,
                           "all_proxy", "ALL_PROXY"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = names[i] ? getenv(names[i]) : NULL;
        if (v && *v)
            return v;
    }
    return NULL;
}

/* True when no_proxy / NO_PROXY exempts host ("*", or a comma list of names or suffixes). */
static bool fetch_no_proxy_matches(const char *host)
{
    const char *list = getenv("no_proxy");
    if (!list || !*list)
        list = getenv("NO_PROXY");
    if (!list || !*list)
        return false;
    char *copy = strdup(list), *save = NULL;
    bool hit = false;
    for (char *t = copy ? strtok_r(copy, ", ", &save) : NULL; t && !hit;
         t = strtok_r(NULL, ", ", &save)) {
        size_t hl = strlen(host), tl = strlen(t[0] == '.' ? t + 1 : t);
        const char *name = t[0] == '.' ? t + 1 : t;
        hit = strcmp(t, "*") == 0 || strcasecmp(host, name) == 0
              || (hl > tl && host[hl - tl - 1] == '.' && strcasecmp(host + hl - tl, name) == 0);
    }
    free(copy);
    return hit;
}

/* When the request went through a proxy from the environment, that proxy as
 * scheme://host:port (never its credentials) in buf; else NULL. */
static const char *fetch_env_proxy(const char *url, char *buf, size_t size)
{
    CURLU *u = curl_url(), *p = curl_url();
    char *scheme = NULL, *host = NULL, *pscheme = NULL, *phost = NULL, *pport = NULL;
    const char *found = NULL, *value;
    if (u && p && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK
        && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
        && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK
        && (value = fetch_env_proxy_value(scheme)) && !fetch_no_proxy_matches(host)
        && curl_url_set(p, CURLUPART_URL, value, CURLU_GUESS_SCHEME) == CURLUE_OK
        && curl_url_get(p, CURLUPART_SCHEME, &pscheme, 0) == CURLUE_OK
        && curl_url_get(p, CURLUPART_HOST, &phost, 0) == CURLUE_OK
        && curl_url_get(p, CURLUPART_PORT, &pport, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        snprintf(buf, size, "%s://%s:%s", pscheme, phost, pport);
        found = buf;
    }
    curl_free(scheme), curl_free(host), curl_free(pscheme), curl_free(phost), curl_free(pport);
    curl_url_cleanup(u), curl_url_cleanup(p);
    return found;
}

/* When a proxy answered the CONNECT with a non-2xx status (407: it wants credentials), what
 * to say about it in buf; NULL otherwise. Such a failure is "proxy", never retried. */
static const char *fetch_proxy_refusal(struct fetch_req *r, char *buf, size_t size)
{
    long code = 0;
    if (curl_easy_getinfo(r->easy, CURLINFO_HTTP_CONNECTCODE, &code) != CURLE_OK || code < 300)
        return NULL;
    snprintf(buf, size, code == 407 ? "the proxy wants authentication (HTTP %ld)"
                                    : "the proxy refused the tunnel (HTTP %ld)", code);
    return buf;
}

/* An error for a transport failure, naming what failed. */
static struct api_error *fetch_net_error(struct fetch *f, struct fetch_req *r, CURLcode code)
{
    const char *net = "network", *what = curl_easy_strerror(code);
    char msg[CURL_ERROR_SIZE + 600], proxy[80];
    for (size_t i = 0; i < sizeof fetch_curl_errors / sizeof fetch_curl_errors[0]; i++)
        if (fetch_curl_errors[i].code == code) {
            net = fetch_curl_errors[i].net_code;
            what = fetch_curl_errors[i].what;
        }
    char via[300], unreachable[360];
    if (fetch_proxy_refusal(r, proxy, sizeof proxy))
        net = "proxy", what = proxy;
    else if (code == CURLE_COULDNT_CONNECT && fetch_env_proxy(r->url, via, sizeof via)) {
        snprintf(unreachable, sizeof unreachable, "cannot connect to the proxy %s", via);
        net = "proxy", what = unreachable;
    }
    bool too_large = strbuf_error(&r->resp) == STRBUF_TOO_LARGE;
    if (too_large)
        net = "too_large", what = "the response is larger than 16 MiB";
    else if (strcasestr(r->errbuf, "proxy") && strcmp(net, "network") != 0)
        net = "proxy";
    if (code == CURLE_OPERATION_TIMEDOUT && r->errbuf[0] && strstr(r->errbuf, "onnect"))
        what = "timed out connecting";
    else if (code == CURLE_OPERATION_TIMEDOUT && strstr(r->errbuf, "timed out after")) {
        snprintf(msg, sizeof msg, "the transfer took longer than %ld s (the server is too slow)",
                 f->cfg.transfer_timeout_s);
        return api_error_new(API_ERR_NETWORK, "timeout", msg);
    }
    /* our stall check aborted it, or curl's low-speed check did ("Operation too slow") */
    bool stalled = (r->stalled && code == CURLE_ABORTED_BY_CALLBACK)
                   || (code == CURLE_OPERATION_TIMEDOUT && strstr(r->errbuf, "too slow"));
    if (stalled) {
        net = "timeout";
        snprintf(msg, sizeof msg, "no data moved for %ld s (stalled transfer)",
                 f->cfg.stall_timeout_s);
        return api_error_new(API_ERR_NETWORK, net, msg);
    }
    int n = snprintf(msg, sizeof msg, "%s", what);
    if (r->errbuf[0] && !too_large)
        n += snprintf(msg + n, sizeof msg - (size_t)n, " (%s)", r->errbuf);
    if (strcmp(net, "tls") == 0)
        snprintf(msg + n, sizeof msg - (size_t)n, "; CA file: %.400s",
                 f->cfg.cacert ? f->cfg.cacert : "the system default");
    struct api_error *e = api_error_new(API_ERR_NETWORK, net, msg);
    if (e && strcmp(net, "tls") == 0)
        e->hint = strdup("check --cacert, CURL_CA_BUNDLE or SSL_CERT_FILE, and the base URL");
    return e;
}

struct fetch_result *fetch_result_for(const struct fetch_req *r, struct api_error *err)
{
    struct fetch_result *res = calloc(1, sizeof *res);
    if (!res) {
        api_error_free(err);
        return NULL;
    }
    res->kind = r->kind;
    res->id = r->id;
    res->generation = r->generation;
    res->error = err;
    return res;
}

/* Decodes a 2xx body into res; returns the error (NULL on success). */
static struct api_error *fetch_decode(struct fetch_req *r, long status, struct fetch_result *res)
{
    struct api_error *err = NULL;
    if (r->wire_kind == API_LIST)
        api_decode_page(strbuf_str(&r->resp), strbuf_len(&r->resp), &res->page, &err);
    else if (r->wire_kind == API_ARCHIVE && (status == 204 || strbuf_len(&r->resp) == 0))
        return NULL;
    else
        res->dest = api_decode_dest(strbuf_str(&r->resp), strbuf_len(&r->resp), &err);
    if (err) {
        err->status = (int)status;
        dest_set_string(&err->req_id, r->hdr.req_id);
    }
    return err;
}

/* Tries to schedule another attempt; true when r was requeued. */
static bool fetch_maybe_retry(struct fetch *f, struct fetch_req *r, long status, const char *net,
                              bool sent)
{
    if (!api_retryable(r->wire_kind, (int)status, net, sent))
        return false;
    f->rand_state = f->rand_state * 1103515245u + 12345u;
    double jitter = (double)((f->rand_state >> 8) & 0xFFFF) / 65536.0;
    long wait = api_retry_delay_ms(&f->policy, r->attempt, r->hdr.retry_after,
                                   status == 429 ? r->hdr.rl_reset : NULL,
                                   (int64_t)time(NULL), jitter);
    if (wait < 0)
        return false;
    fetch_logf(f, "  retrying %s in %ld ms (attempt %d of %d)", r->method, wait, r->attempt + 1,
               f->policy.max_attempts);
    fetch_requeue(f, r, fetch_now_ms() + wait);
    return true;
}

/* Turns a create with an unknown outcome into a lookup of recent destinations. */
static void fetch_start_create_check(struct fetch *f, struct fetch_req *r, struct api_error *err)
{
    char since[DATETIME_ISO_LEN], *query, *url;
    struct api_list_params p = {.limit = 100, .order = API_ORDER_DESC, .created_after = since};
    datetime_format_iso(r->started_ms - FETCH_CREATE_CHECK_SLACK_MS, since);
    err->outcome_unknown = true;
    query = api_list_query(&p);
    url = query ? api_build_url(f->cfg.base_url, NULL, query) : NULL;
    free(query);
    if (!url) {
        fetch_push_result(f, fetch_result_for(r, err));
        fetch_req_free(r);
        return;
    }
    fetch_logf(f, "  the create's outcome is unknown; checking whether it landed");
    free(r->url);
    free(r->body);
    r->url = url;
    r->body = NULL;
    r->method = "GET";
    r->wire_kind = API_LIST;
    r->attempt = 0;
    r->pending_error = err;
    fetch_requeue(f, r, 0);
}

/* The lookup of a lost create finished: report what it found. */
static void fetch_finish_create_check(struct fetch *f, struct fetch_req *r,
                                      struct fetch_result *check)
{
    struct api_error *orig = r->pending_error;
    r->pending_error = NULL;
    struct fetch_result *res = fetch_result_for(r, NULL);
    if (!res) {
        api_error_free(orig);
        return;
    }
    for (size_t i = 0; !check->error && i < check->page.count; i++) {
        struct dest *d = check->page.items[i];
        if (strcmp(d->name, r->create_name) == 0 && dest_url_equivalent(d->url, r->create_url)) {
            res->dest = dest_clone(d);
            res->landed_after_unknown = res->dest != NULL;
            break;
        }
    }
    if (res->landed_after_unknown) {
        fetch_logf(f, "  the lost create landed: %s", res->dest->id);
        api_error_free(orig);
    } else {
        res->checked_not_landed = check->error == NULL;
        res->error = orig;
    }
    fetch_push_result(f, res);
}

static bool fetch_create_unknown(const struct fetch_req *r, long status, const char *net,
                                 bool sent)
{
    if (r->wire_kind != API_CREATE)
        return false;
    if (net)
        return sent && strcmp(net, "tls") != 0 && strcmp(net, "proxy") != 0;
    return status >= 500 || (status >= 200 && status < 300);
}

/* Redirects are never followed (the key must not travel to another host): say where it went. */
static struct api_error *fetch_redirect_error(const struct fetch_req *r, long status)
{
    char msg[400];
    snprintf(msg, sizeof msg, "the server redirected to %.200s; cbdest does not follow redirects",
             r->hdr.location ? r->hdr.location : "(no Location)");
    struct api_error *e = api_error_new(API_ERR_HTTP, "redirect", msg);
    if (e) {
        e->status = (int)status;
        e->hint = strdup("check the base URL (--base-url, METORIAL_BASE_URL or the profile)");
        dest_set_string(&e->req_id, r->hdr.req_id);
    }
    return e;
}

static void fetch_log_done(struct fetch *f, struct fetch_req *r, long status, CURLcode code)
{
    long ms = (long)(fetch_now_ms() - r->try_started_ms);
    if (code != CURLE_OK)
        fetch_logf(f, "< %s failed after %ld ms: %s", r->method, ms, curl_easy_strerror(code));
    else
        fetch_logf(f, "< %ld %s in %ld ms%s%s", status, r->method, ms,
                   r->hdr.req_id ? " req " : "", r->hdr.req_id ? r->hdr.req_id : "");
}

/* The error for a finished transfer (NULL on success, with res filled). */
static struct api_error *fetch_outcome(struct fetch *f, struct fetch_req *r, CURLcode code,
                                       long status, struct fetch_result *res)
{
    if (code != CURLE_OK)
        return fetch_net_error(f, r, code);
    if (status >= 300 && status < 400)
        return fetch_redirect_error(r, status);
    if (status < 200 || status >= 300)
        return api_error_from_response((int)status, strbuf_str(&r->resp), strbuf_len(&r->resp),
                                       r->hdr.req_id);
    return fetch_decode(r, status, res);
}

void fetch_finish(struct fetch *f, struct fetch_req *r, CURLcode code)
{
    long status = 0;
    curl_off_t sent_bytes = 0;
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(r->easy, CURLINFO_REQUEST_SIZE, &sent_bytes);
    fetch_log_done(f, r, status, code);
    api_ratelimit_parse(&f->ratelimit, r->hdr.rl_limit, r->hdr.rl_remaining, r->hdr.rl_reset);
    struct fetch_result *res = fetch_result_for(r, NULL);
    if (!res) {
        fetch_req_free(r);
        return;
    }
    struct api_error *err = fetch_outcome(f, r, code, status, res);
    const char *net = err && err->kind == API_ERR_NETWORK ? err->code : NULL;
    long http = code == CURLE_OK ? status : 0;
    if (err && fetch_maybe_retry(f, r, http, net, sent_bytes > 0)) {
        fetch_result_free(res);
        api_error_free(err);
        return;
    }
    if (err && fetch_create_unknown(r, http, net, sent_bytes > 0)) {
        fetch_result_free(res);
        fetch_start_create_check(f, r, err);
        return;
    }
    res->error = err;
    if (r->pending_error) {
        fetch_finish_create_check(f, r, res);
        fetch_result_free(res);
    } else {
        fetch_push_result(f, res);
    }
    fetch_req_free(r);
}
