/* urlnorm: WHATWG-style URL normalisation on top of libcurl's curl_url (IDN via libidn2). */
#include "server/urlnorm.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum url_section { SEC_PATH, SEC_QUERY, SEC_FRAGMENT };

/* WHATWG's path, (special-)query and fragment percent-encode sets beyond C0, space and
 * non-ASCII (C0 controls are rejected before this runs). */
static const char *const section_extra[] = {
    [SEC_PATH] = "\"<>`{}",
    [SEC_QUERY] = "\"<>'",
    [SEC_FRAGMENT] = "\"<>`",
};

static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_locale_init(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

bool urlnorm_idn_available(void)
{
    pthread_once(&utf8_once, utf8_locale_init);
    return utf8_locale != (locale_t)0 && (curl_version_info(CURLVERSION_NOW)->features &
                                         CURL_VERSION_IDN) != 0;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* Where the authority ends: the first '/', '\\', '?' or '#' after "scheme://"; NULL if no "//". */
static const char *authority_end(const char *url)
{
    const char *sep = strstr(url, "://");
    if (!sep || strcspn(url, "/?#") < (size_t)(sep - url))
        return NULL;
    return sep + 3 + strcspn(sep + 3, "/\\?#");
}

/* Copies url with path, query and fragment percent-encoded (upper-case hex) where WHATWG
 * encodes; a backslash in the path becomes '/', as WHATWG does for http(s). */
static char *encode_rest(const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *rest = authority_end(url);
    size_t head = rest ? (size_t)(rest - url) : strlen(url);
    char *out = malloc(head + 3 * strlen(url + head) + 1);
    if (!out)
        return NULL;
    memcpy(out, url, head);
    char *o = out + head;
    enum url_section sec = SEC_PATH;
    for (const unsigned char *p = (const unsigned char *)url + head; *p; p++) {
        if (*p == '?' && sec == SEC_PATH)
            sec = SEC_QUERY;
        else if (*p == '#' && sec != SEC_FRAGMENT)
            sec = SEC_FRAGMENT;
        else if (*p >= 0x80 || *p == ' ' || strchr(section_extra[sec], *p)) {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
            continue;
        } else if (*p == '\\' && sec == SEC_PATH) {
            *o++ = '/';
            continue;
        }
        *o++ = (char)*p;
    }
    *o = '\0';
    return out;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* An IPv6 literal "[...]" in RFC 5952 form (as WHATWG serialises it); NULL if invalid. */
static char *ipv6_host(const char *host)
{
    char inner[64], text[INET6_ADDRSTRLEN], *out;
    struct in6_addr addr;
    size_t n = strlen(host);
    if (n < 3 || n - 2 >= sizeof inner || host[n - 1] != ']')
        return NULL;
    memcpy(inner, host + 1, n - 2);
    inner[n - 2] = '\0';
    if (inet_pton(AF_INET6, inner, &addr) != 1 || !inet_ntop(AF_INET6, &addr, text, sizeof text))
        return NULL;
    if (!(out = malloc(strlen(text) + 3)))
        return NULL;
    sprintf(out, "[%s]", text);
    return out;
}

/* The host with ASCII letters lower-cased; non-ASCII labels are left for the final
 * CURLU_PUNYCODE get (libcurl 7.88's CURLUPART_HOST + CURLU_PUNYCODE leaks on IDN errors). */
static char *lower_host(const char *host)
{
    char *out = strdup(host);
    for (char *p = out; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return out;
}

/* Replaces u's host by its normal form (but for IDN, see lower_host); -1 if the host is
 * missing or invalid. *idn is set when the host holds non-ASCII bytes. */
static int normalise_host(CURLU *u, bool *idn)
{
    char *host = NULL, *zone = NULL, *norm = NULL;
    int rc = -1;
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !host[0])
        goto out;
    if (host[0] == '[') {
        if (curl_url_get(u, CURLUPART_ZONEID, &zone, 0) == CURLUE_OK)
            goto out; /* WHATWG has no zone ids */
        norm = ipv6_host(host);
    } else {
        norm = lower_host(host);
        *idn = !is_ascii(host);
    }
    if (norm && curl_url_set(u, CURLUPART_HOST, norm, 0) == CURLUE_OK)
        rc = 0;
out:
    curl_free(host);
    curl_free(zone);
    free(norm);
    return rc;
}

static bool scheme_ok(CURLU *u)
{
    char *scheme = NULL;
    bool ok = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
              (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);
    curl_free(scheme);
    return ok;
}

/* The whole URL, default port dropped; IDN hosts to punycode (UTS #46 non-transitional, as
 * libcurl asks libidn2) in a thread-local C.UTF-8 locale: libidn2 reads the locale charset. */
static char *serialise(CURLU *u, bool idn)
{
    char *out = NULL, *copy = NULL;
    CURLUcode rc;
    if (idn && urlnorm_idn_available()) {
        locale_t old = uselocale(utf8_locale);
        rc = curl_url_get(u, CURLUPART_URL, &out, CURLU_NO_DEFAULT_PORT | CURLU_PUNYCODE);
        uselocale(old);
    } else {
        rc = curl_url_get(u, CURLUPART_URL, &out, CURLU_NO_DEFAULT_PORT);
    }
    if (rc == CURLUE_OK)
        copy = strdup(out);
    curl_free(out);
    return copy;
}

char *urlnorm_normalise(const char *url)
{
    char *encoded = NULL, *copy = NULL;
    bool idn = false;
    CURLU *u = NULL;
    size_t n = strlen(url);
    /* WHATWG would strip outer spaces; refused here, as the client refuses them too */
    if (n == 0 || url[0] == ' ' || url[n - 1] == ' ' || has_control(url) ||
        !(encoded = encode_rest(url)) || !(u = curl_url()))
        goto out;
    if (curl_url_set(u, CURLUPART_URL, encoded, 0) == CURLUE_OK && scheme_ok(u) &&
        normalise_host(u, &idn) == 0)
        copy = serialise(u, idn);
out:
    curl_url_cleanup(u);
    free(encoded);
    return copy;
}
