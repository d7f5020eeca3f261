/* httpbench: N keep-alive GETs of one URL with libcurl; prints per-request latency stats. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* usage: httpbench URL N HEADER_FILE
 * HEADER_FILE holds one request header per line (keeps the key out of argv).
 * Output (one line): n=N ok=K median_us=.. p99_us=.. mean_us=.. min_us=.. max_us=.. bytes=.. */

static size_t sink(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	(void)ptr;
	*(size_t *)userdata += size * nmemb;
	return size * nmemb;
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
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

static int one_request(CURL *h, size_t *bytes)
{
	long status = 0;
	if (curl_easy_setopt(h, CURLOPT_WRITEDATA, bytes) != CURLE_OK)
		return 0;
	if (curl_easy_perform(h) != CURLE_OK)
		return 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	return status == 200;
}

int main(int argc, char **argv)
{
	int n, ok = 0, rc = 1;
	size_t bytes = 0, warm = 0;
	double *lat = NULL, sum = 0;
	struct curl_slist *hdrs = NULL;
	CURL *h = NULL;

	if (argc != 4 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: httpbench URL N HEADER_FILE\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	h = curl_easy_init();
	hdrs = read_headers(argv[3]);
	lat = calloc((size_t)n, sizeof *lat);
	if (!h || !hdrs || !lat)
		goto out;
	curl_easy_setopt(h, CURLOPT_URL, argv[1]);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
	for (int i = 0; i < 20; i++) /* warm-up: connection, caches */
		one_request(h, &warm);
	for (int i = 0; i < n; i++) {
		double t0 = now_us();
		ok += one_request(h, &bytes);
		lat[i] = now_us() - t0;
		sum += lat[i];
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf("n=%d ok=%d median_us=%.1f p99_us=%.1f mean_us=%.1f min_us=%.1f max_us=%.1f bytes=%zu\n",
	       n, ok, lat[n / 2], lat[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], sum / n,
	       lat[0], lat[n - 1], bytes / (size_t)n);
	rc = ok == n ? 0 : 1;
out:
	free(lat);
	curl_slist_free_all(hdrs);
	if (h)
		curl_easy_cleanup(h);
	curl_global_cleanup();
	return rc;
}
