/* Shared by the bench's C timers: a monotonic clock in microseconds and the latency summary. */
#ifndef CBDEST_BENCH_LATENCY_H
#define CBDEST_BENCH_LATENCY_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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

/* Sorts lat[0..n) and prints " median_us=.. p99_us=.. mean_us=.. min_us=.. max_us=..". */
static void print_latency(double *lat, int n, double sum)
{
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf(" median_us=%.1f p99_us=%.1f mean_us=%.1f min_us=%.1f max_us=%.1f", lat[n / 2],
	       lat[(n * 99) / 100], sum / n, lat[0], lat[n - 1]);
}

#endif
