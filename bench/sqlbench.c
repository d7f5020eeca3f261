/* sqlbench: times SQL statements inside SQLite, interleaved (all rows stepped, all columns read). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "latency.h"

/* usage: sqlbench DB N SQL PARAM [SQL PARAM]...
 * Each statement gets one text PARAM bound as ?1 ("-" for none). The statements run
 * round-robin, N times each, after 20 warm-up rounds. Prints one line per statement:
 *   n=N rows=R median_us=.. p99_us=.. mean_us=.. min_us=.. max_us=.. */

#define MAX_CASES 8

struct series {
	sqlite3_stmt *st;
	const char *param;
	double *lat, sum;
	int rows;
};

/* Runs the statement once; returns the row count, or -1 on error. */
static int run_once(struct series *s, size_t *chars)
{
	int rows = 0, rc;
	sqlite3_reset(s->st);
	if (strcmp(s->param, "-") != 0)
		sqlite3_bind_text(s->st, 1, s->param, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s->st)) == SQLITE_ROW) {
		int cols = sqlite3_column_count(s->st);
		for (int c = 0; c < cols; c++) {
			const unsigned char *t = sqlite3_column_text(s->st, c);
			*chars += t ? (size_t)sqlite3_column_bytes(s->st, c) : 0;
		}
		rows++;
	}
	return rc == SQLITE_DONE ? rows : -1;
}

static void report(struct series *s, int n)
{
	printf("n=%d rows=%d", n, s->rows);
	print_latency(s->lat, n, s->sum);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct series s[MAX_CASES] = {{0}};
	sqlite3 *db = NULL;
	size_t chars = 0;
	int n, ncases = (argc - 3) / 2, rc = 1;

	if (argc < 5 || (argc - 3) % 2 || ncases > MAX_CASES || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: sqlbench DB N SQL PARAM [SQL PARAM]...  (PARAM - for none)\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto fail;
	for (int c = 0; c < ncases; c++) {
		s[c].param = argv[4 + 2 * c];
		if (sqlite3_prepare_v2(db, argv[3 + 2 * c], -1, &s[c].st, NULL) != SQLITE_OK)
			goto fail;
		if (!(s[c].lat = calloc((size_t)n, sizeof *s[c].lat)))
			goto out;
	}
	for (int i = 0; i < 20; i++) /* warm-up: page cache */
		for (int c = 0; c < ncases; c++)
			run_once(&s[c], &chars);
	for (int i = 0; i < n; i++) {
		for (int c = 0; c < ncases; c++) {
			double t0 = now_us();
			s[c].rows = run_once(&s[c], &chars);
			s[c].lat[i] = now_us() - t0;
			s[c].sum += s[c].lat[i];
			if (s[c].rows < 0)
				goto fail;
		}
	}
	for (int c = 0; c < ncases; c++)
		report(&s[c], n);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "sqlbench: %s\n", db ? sqlite3_errmsg(db) : "open failed");
out:
	for (int c = 0; c < ncases; c++) {
		free(s[c].lat);
		sqlite3_finalize(s[c].st);
	}
	sqlite3_close(db);
	return rc;
}
