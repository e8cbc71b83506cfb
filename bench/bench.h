/*
 * bench.h -- what every bench program needs: a monotonic clock and an
 * order for qsort on the per-run figures (medians are quoted).
 */
#ifndef KB_BENCH_H
#define KB_BENCH_H

#include <stdio.h>
#include <string.h>
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

/* For an argument that starts with '-' and is none of the program's
 * options: prints the usage, on stdout with status 0 for --help or -h,
 * else on stderr with status 2 (no option is ever taken for the input
 * file, which would start a long run on the wrong thing). */
static int bench_usage(const char *arg, const char *usage) {
  int help = strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
  if (!help)
    fprintf(stderr, "unknown option: %s\n", arg);
  fputs(usage, help ? stdout : stderr);
  return help ? 0 : 2;
}

#endif
