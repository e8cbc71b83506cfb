/*
 * bench.h -- what every bench program needs: a monotonic clock and an
 * order for qsort on the per-run figures (medians are quoted).
 */
#ifndef KB_BENCH_H
#define KB_BENCH_H

#include <time.h>

/* Seconds on the monotonic clock. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

#endif
