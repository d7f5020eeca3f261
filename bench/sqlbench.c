/* sqlbench: times one SQL statement N times inside SQLite (all rows stepped, all columns read). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* usage: sqlbench DB N SQL [PARAM...]   (PARAMs bound as text, ?1..?k; "INT:n" binds an integer)
 * Output (one line): n=N rows=R median_us=.. p99_us=.. mean_us=.. min_us=.. max_us=.. */

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

static void bind_params(sqlite3_stmt *st, int count, char **params)
{
	for (int i = 0; i < count; i++) {
		if (strncmp(params[i], "INT:", 4) == 0)
			sqlite3_bind_int64(st, i + 1, atoll(params[i] + 4));
		else
			sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
	}
}

/* Runs the statement once; returns the row count, or -1 on error. */
static int run_once(sqlite3_stmt *st, int nparams, char **params, size_t *chars)
{
	int rows = 0, rc;
	sqlite3_reset(st);
	bind_params(st, nparams, params);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int cols = sqlite3_column_count(st);
		for (int c = 0; c < cols; c++) {
			const unsigned char *t = sqlite3_column_text(st, c);
			*chars += t ? (size_t)sqlite3_column_bytes(st, c) : 0;
		}
		rows++;
	}
	return rc == SQLITE_DONE ? rows : -1;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	double *lat = NULL, sum = 0;
	size_t chars = 0;
	int n, rows = 0, rc = 1;

	if (argc < 4 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: sqlbench DB N SQL [PARAM...]\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, argv[3], -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlbench: %s\n", db ? sqlite3_errmsg(db) : "open failed");
		goto out;
	}
	lat = calloc((size_t)n, sizeof *lat);
	if (!lat)
		goto out;
	for (int i = 0; i < 20; i++) /* warm-up: page cache */
		run_once(st, argc - 4, argv + 4, &chars);
	for (int i = 0; i < n; i++) {
		double t0 = now_us();
		rows = run_once(st, argc - 4, argv + 4, &chars);
		lat[i] = now_us() - t0;
		sum += lat[i];
		if (rows < 0)
			goto out;
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf("n=%d rows=%d median_us=%.1f p99_us=%.1f mean_us=%.1f min_us=%.1f max_us=%.1f\n",
	       n, rows, lat[n / 2], lat[(n * 99) / 100], sum / n, lat[0], lat[n - 1]);
	rc = 0;
out:
	free(lat);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
