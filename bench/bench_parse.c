/*
 * bench_parse.c -- throughput of the first three pipeline stages (reader ->
 * clean -> segment) on real news, in MB/s of input, with peak RSS.
 *
 * Usage: bench_parse [--runs N] [--min-mb M] [--stage read|clean|segment]
 *                    FILE
 * Reads FILE (JSON Lines or text, as kabar does) over and over until at
 * least M MB (default 100) have gone through, N times (default 5), and
 * prints each run and the median.  The dictionary is loaded once, outside
 * the timed part, as `kabar parse` does.  Peak RSS is the process's
 * maximum resident set (getrusage), which stays flat when memory does not
 * grow with the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "bench.h"
#include "kabar.h"

enum stage { STAGE_READ, STAGE_CLEAN, STAGE_SEGMENT };

/* One pass over the file; returns the number of documents, or -1. */
static long one_pass(const char *path, const kb_dict *dict, enum stage stage,
                     size_t *n_sentences) {
  kb_reader *r;
  kb_doc *doc;
  kb_status st;
  long n = 0;
  if (kb_reader_open(path, &r, NULL) != KB_OK)
    return -1;
  while ((st = kb_reader_next(r, &doc, NULL)) != KB_DONE) {
    if (st != KB_OK)
      continue;
    if (stage >= STAGE_CLEAN)
      kb_doc_clean(doc, dict, NULL, NULL);
    if (stage >= STAGE_SEGMENT) {
      kb_doc_segment(doc, NULL);
      *n_sentences += kb_doc_n_sentences(doc);
    }
    kb_doc_free(doc);
    n++;
  }
  kb_reader_free(r);
  return n;
}

#define USAGE \
  "usage: bench_parse [--runs N] [--min-mb M] " \
  "[--stage read|clean|segment] FILE\n"

int main(int argc, char **argv) {
  int runs = 5, i;
  double min_mb = 100, *mbps;
  const char *path = NULL;
  enum stage stage = STAGE_SEGMENT;
  struct stat st;
  kb_dict *dict = NULL;
  struct rusage ru;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--min-mb") == 0 && i + 1 < argc)
      min_mb = strtod(argv[++i], NULL);
    else if (strcmp(argv[i], "--stage") == 0 && i + 1 < argc) {
      const char *s = argv[++i];
      stage = strcmp(s, "read") == 0    ? STAGE_READ
              : strcmp(s, "clean") == 0 ? STAGE_CLEAN
                                        : STAGE_SEGMENT;
    } else if (argv[i][0] == '-')
      return bench_usage(argv[i], USAGE);
    else
      path = argv[i];
  }
  if (path == NULL || runs < 1) {
    fputs(USAGE, stderr);
    return 2;
  }
  if (bench_input("bench_parse", path, &st) != 0)
    return 1;
  if (kb_dict_load(NULL, NULL, &dict, NULL) != KB_OK) {
    fprintf(stderr, "bench_parse: cannot load dictionaries\n");
    return 1;
  }
  mbps = calloc((size_t)runs, sizeof *mbps);
  if (mbps == NULL)
    return 1;
  printf("input %s, %.1f MB per pass, stage %s\n", path,
         (double)st.st_size / 1e6,
         stage == STAGE_READ ? "read" : stage == STAGE_CLEAN ? "clean"
                                                             : "segment");
  for (i = 0; i < runs; i++) {
    double t0 = now(), bytes = 0, secs;
    long docs = 0;
    size_t sentences = 0;
    while (bytes < min_mb * 1e6) {
      long n = one_pass(path, dict, stage, &sentences);
      if (n < 0) {
        fprintf(stderr, "bench_parse: cannot read %s\n", path);
        return 1;
      }
      docs += n;
      bytes += (double)st.st_size;
    }
    secs = now() - t0;
    mbps[i] = bytes / 1e6 / secs;
    printf("run %d: %.1f MB in %.3f s = %.1f MB/s, %ld docs (%.0f docs/s), "
           "%zu sentences\n",
           i + 1, bytes / 1e6, secs, mbps[i], docs, (double)docs / secs,
           sentences);
  }
  qsort(mbps, (size_t)runs, sizeof *mbps, cmp_double);
  getrusage(RUSAGE_SELF, &ru);
  printf("median %.1f MB/s over %d runs; peak RSS %.1f MB\n",
         mbps[runs / 2], runs, (double)ru.ru_maxrss / 1024.0);
  free(mbps);
  kb_dict_free(dict);
  return 0;
}
