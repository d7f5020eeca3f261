/* httpbench: keep-alive GETs of one or more URLs with libcurl, interleaved; latency stats per URL. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "latency.h"

/* usage: httpbench N HEADER_FILE URL...
 * Requests the URLs round-robin (so drift on a shared machine hits each alike), N times each,
 * on one connection, after 20 warm-up rounds. HEADER_FILE holds one request header per line
 * (keeps the key out of argv). Prints one line per URL, in order:
 *   n=N ok=K median_us=.. p99_us=.. mean_us=.. min_us=.. max_us=.. bytes=.. */

#define MAX_URLS 8

struct series {
	const char *url;
	double *lat, sum;
	int ok;
	size_t bytes;
};

static size_t sink(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	(void)ptr;
	*(size_t *)userdata += size * nmemb;
	return size * nmemb;
}

static struct curl_slist *read_headers(const char *path)
{
	struct curl_slist *list = NULL;
	char line[4096];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0])
			list = curl_slist_append(list, line);
	}
	fclose(f);
	return list;
}

/* One GET; returns 1 on HTTP 200. */
static int one_request(CURL *h, const char *url, size_t *bytes)
{
	long status = 0;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, bytes);
	if (curl_easy_perform(h) != CURLE_OK)
		return 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	return status == 200;
}

static void report(struct series *s, int n)
{
	printf("n=%d ok=%d", n, s->ok);
	print_latency(s->lat, n, s->sum);
	printf(" bytes=%zu\n", s->bytes / (size_t)n);
}

int main(int argc, char **argv)
{
	struct series s[MAX_URLS] = {{0}};
	struct curl_slist *hdrs = NULL;
	CURL *h = NULL;
	size_t warm = 0;
	int n, nurls = argc - 3, rc = 1, all_ok = 1;

	if (argc < 4 || nurls > MAX_URLS || (n = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: httpbench N HEADER_FILE URL...  (at most %d URLs)\n", MAX_URLS);
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	h = curl_easy_init();
	hdrs = read_headers(argv[2]);
	if (!h || !hdrs)
		goto out;
	for (int u = 0; u < nurls; u++) {
		s[u].url = argv[3 + u];
		if (!(s[u].lat = calloc((size_t)n, sizeof *s[u].lat)))
			goto out;
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
	for (int i = 0; i < 20; i++) /* warm-up: connection, caches */
		for (int u = 0; u < nurls; u++)
			one_request(h, s[u].url, &warm);
	for (int i = 0; i < n; i++) {
		for (int u = 0; u < nurls; u++) {
			double t0 = now_us();
			s[u].ok += one_request(h, s[u].url, &s[u].bytes);
			s[u].lat[i] = now_us() - t0;
			s[u].sum += s[u].lat[i];
		}
	}
	for (int u = 0; u < nurls; u++) {
		report(&s[u], n);
		all_ok &= s[u].ok == n;
	}
	rc = all_ok ? 0 : 1;
out:
	for (int u = 0; u < nurls && u < MAX_URLS; u++)
		free(s[u].lat);
	curl_slist_free_all(hdrs);
	if (h)
		curl_easy_cleanup(h);
	curl_global_cleanup();
	return rc;
}
