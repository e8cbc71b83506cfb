/*
 * bench_code.c -- end-to-end throughput of the event coder: reader ->
 * clean -> segment -> morph -> tag -> code, on real news, as `kabar code`
 * runs it (without writing the output).
 *
 * Usage: bench_code [--runs N] [--min-mb M] FILE
 * Reads FILE over and over until at least M MB (default 100) have gone
 * through, N times (default 5); prints MB/s, articles/s, sentences/s and
 * events/s of each run and the medians, the dictionary load time (median
 * of N loads) and the peak RSS.  One thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "bench.h"
#include "kabar.h"

typedef struct counts {
  long docs;
  size_t sentences, events;
} counts;

static int one_pass(const char *path, const kb_dict *dict, counts *n) {
  kb_reader *r;
  kb_doc *doc;
  kb_status st;
  if (kb_reader_open(path, &r, NULL) != KB_OK)
    return -1;
  while ((st = kb_reader_next(r, &doc, NULL)) != KB_DONE) {
    if (st != KB_OK)
      continue;
    if (kb_doc_code(doc, dict, NULL, NULL) == KB_OK) {
      n->sentences += kb_doc_n_sentences(doc);
      n->events += kb_doc_n_events(doc);
    }
    kb_doc_free(doc);
    n->docs++;
  }
  kb_reader_free(r);
  return 0;
}

#define USAGE \
  "usage: bench_code [--runs N] [--min-mb M] FILE\n"

int main(int argc, char **argv) {
  int runs = 5, i;
  double min_mb = 100, *mbps, *load;
  const char *path = NULL;
  struct stat st;
  kb_dict *dict = NULL;
  struct rusage ru;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--min-mb") == 0 && i + 1 < argc)
      min_mb = strtod(argv[++i], NULL);
    else if (argv[i][0] == '-')
      return bench_usage(argv[i], USAGE);
    else
      path = argv[i];
  }
  if (path == NULL || runs < 1) {
    fputs(USAGE, stderr);
    return 2;
  }
  if (bench_input("bench_code", path, &st) != 0)
    return 1;
  mbps = calloc((size_t)runs, sizeof *mbps);
  load = calloc((size_t)runs, sizeof *load);
  if (mbps == NULL || load == NULL)
    return 1;
  for (i = 0; i < runs; i++) {
    double t0 = now();
    kb_dict *d = NULL;
    if (kb_dict_load(NULL, NULL, &d, NULL) != KB_OK) {
      fprintf(stderr, "bench_code: cannot load dictionaries\n");
      return 1;
    }
    load[i] = (now() - t0) * 1000;
    if (i + 1 < runs)
      kb_dict_free(d);
    else
      dict = d;
  }
  qsort(load, (size_t)runs, sizeof *load, cmp_double);
  printf("input %s, %.1f MB per pass; dictionary load median %.1f ms\n",
         path, (double)st.st_size / 1e6, load[runs / 2]);
  for (i = 0; i < runs; i++) {
    double t0 = now(), bytes = 0, secs;
    counts n = {0, 0, 0};
    while (bytes < min_mb * 1e6) {
      if (one_pass(path, dict, &n) != 0) {
        fprintf(stderr, "bench_code: cannot read %s\n", path);
        return 1;
      }
      bytes += (double)st.st_size;
    }
    secs = now() - t0;
    mbps[i] = bytes / 1e6 / secs;
    printf("run %d: %.1f MB in %.2f s = %.1f MB/s, %.0f articles/s, "
           "%.0f sentences/s, %.0f events/s\n",
           i + 1, bytes / 1e6, secs, mbps[i], (double)n.docs / secs,
           (double)n.sentences / secs, (double)n.events / secs);
  }
  qsort(mbps, (size_t)runs, sizeof *mbps, cmp_double);
  getrusage(RUSAGE_SELF, &ru);
  printf("median %.1f MB/s over %d runs; peak RSS %.1f MB\n", mbps[runs / 2],
         runs, (double)ru.ru_maxrss / 1024.0);
  kb_dict_free(dict);
  free(mbps);
  free(load);
  return 0;
}
