/*
 * bench.h -- what every bench program needs: a monotonic clock, an
 * order for qsort on the per-run figures (medians are quoted), the usage
 * on a wrong option and a check of the input file.
 */
#ifndef KB_BENCH_H
#define KB_BENCH_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

/* Whether the input file path can be read: 0 with its stat in *st, else
 * -1 after saying why on stderr ("bench_code: cannot read PATH: No such
 * file or directory", or that it is empty or not a file), so that a
 * wrong path stops the program before any run. */
static inline int bench_input(const char *prog, const char *path,
                              struct stat *st) {
  FILE *f;
  if (stat(path, st) != 0) {
    fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
    return -1;
  }
  if (!S_ISREG(st->st_mode) || st->st_size == 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, path,
            S_ISREG(st->st_mode) ? "empty file" : "not a file");
    return -1;
  }
  if ((f = fopen(path, "rb")) == NULL) {
    fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
    return -1;
  }
  fclose(f);
  return 0;
}

#endif
