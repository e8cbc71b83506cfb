/*
 * bench_pg_queries.c -- query latency of the PostgreSQL store's `kabar
 * events` and `kabar dyads` on a large database.
 *
 * Usage: bench_pg_queries [--queries N] [--actors "USA IDN ..."] [--quick]
 *                         URI
 *
 * Opens URI as the commands do (pg_open), then N times each (default 200),
 * with random countries from --actors:
 *   events --actor X --limit 100            (the first page, date order)
 *   events --actor X --from --to            (one random month, every row)
 *   events --source X --target Y --limit 100
 *   dyads --source X --target Y --by week   (one dyad's series)
 *   dyads --actor X --by week               (one country's series)
 * and 5 times `dyads --by month` (everything); --quick leaves out the
 * last two kinds (tens of thousands of rows each).  Each query goes through
 * pg_events / pg_dyads (the SQL of src/store_pg_query.c, the functions
 * `kabar events` and `kabar dyads` call), every row is fetched and turned
 * into text, and the rows freed; p50 and p95 in milliseconds, wall clock.
 * Connecting and making the schema (pg_open) are not timed: a command
 * does them once.
 *
 * The database is made and filled by bench/bench_pg_queries.sh; run
 * without a PostgreSQL URI (as `make bench` runs every bench program, with
 * the corpus) the program says so and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "kabar.h"
#include "store_pg.h"

#define MAX_ACTORS 64

static const char *actors[MAX_ACTORS];
static unsigned n_actors;

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

/* Milliseconds to run one query through every row; -1 on an error. */
static double time_query(pg_store *pg, const kb_query *q, int dyads,
                         kb_period by, long long *n_rows) {
  kb_rows *r = NULL;
  kb_error err = {0};
  kb_status st;
  double t0 = now();
  *n_rows = 0;
  st = dyads ? pg_dyads(pg, q, by, &r, &err) : pg_events(pg, q, &r, &err);
  if (st != KB_OK) {
    fprintf(stderr, "bench_pg_queries: %s\n", err.msg ? err.msg : "failed");
    return -1;
  }
  while (kb_rows_next(r, NULL) == KB_OK) {
    kb_rows_text(r, 0);
    (*n_rows)++;
  }
  kb_rows_free(r);
  return (now() - t0) * 1e3;
}

static void report(const char *what, double *ms, int n, double rows) {
  qsort(ms, (size_t)n, sizeof *ms, cmp_double);
  printf("pg: %-40s p50 %8.2f ms  p95 %8.2f ms  max %8.2f ms  (%d runs, "
         "%.0f rows on average)\n",
         what, ms[n / 2], ms[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1],
         ms[n - 1], n, rows);
  fflush(stdout);
}

/* Two different random countries. */
static void pair(const char **a, const char **b) {
  unsigned i = rnd(n_actors), j = rnd(n_actors);
  if (j == i)
    j = (j + 1) % n_actors;
  *a = actors[i];
  *b = actors[j];
}

#define USAGE                                                                \
  "usage: bench_pg_queries [--queries N] [--actors \"USA IDN ...\"]\n"     \
  "                        [--quick] URI\n"

int main(int argc, char **argv) {
  int n_queries = 200, i, k, failed = 0, quick = 0;
  const char *uri = NULL;
  char *list = NULL, *tok;
  pg_store *pg = NULL;
  kb_error err = {0};
  double *ms, rows;
  long long nr;
  static const char *const kinds[] = {
      "events --actor X --limit 100", "events --actor X --from --to (month)",
      "events --source X --target Y --limit 100",
      "dyads --source X --target Y --by week", "dyads --actor X --by week"};
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc)
      n_queries = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--quick") == 0)
      quick = 1;
    else if (strcmp(argv[i], "--actors") == 0 && i + 1 < argc)
      list = argv[++i];
    else if (argv[i][0] == '-')
      return bench_usage(argv[i], USAGE);
    else
      uri = argv[i];
  }
  if (uri == NULL || !pg_is_uri(uri)) {
    printf("pg: skipped (needs a filled PostgreSQL database: "
           "sh bench/bench_pg_queries.sh BUILD CORPUS makes one)\n");
    return 0;
  }
  if (n_queries < 1)
    n_queries = 1;
  list = strdup(list ? list : "USA IDN RUS CHN");
  for (tok = strtok(list, " "); tok && n_actors < MAX_ACTORS;
       tok = strtok(NULL, " "))
    actors[n_actors++] = tok;
  ms = malloc((size_t)n_queries * sizeof *ms);
  if (ms == NULL || n_actors < 2 || pg_open(uri, &pg, &err) != KB_OK) {
    fprintf(stderr, "bench_pg_queries: %s\n",
            err.msg ? err.msg : "need two countries and memory");
    free(ms);
    free(list);
    return 1;
  }
  {
    kb_query q = KB_QUERY_INIT; /* one query first: the connection warm */
    q.actor = actors[0];
    q.limit = 100;
    time_query(pg, &q, 0, KB_PERIOD_DAY, &nr);
  }
  for (k = 0; k < (quick ? 4 : 5); k++) {
    for (i = 0, rows = 0; i < n_queries; i++) {
      kb_query q = KB_QUERY_INIT;
      char from[16], to[16];
      int dyads = k >= 3;
      if (k == 0 || k == 1 || k == 4)
        q.actor = actors[rnd(n_actors)];
      if (k == 0 || k == 2)
        q.limit = 100;
      if (k == 1) {
        int y = 2016 + (int)rnd(10), m = 1 + (int)rnd(12);
        snprintf(from, sizeof from, "%04d-%02d-01", y, m);
        snprintf(to, sizeof to, "%04d-%02d-28", y, m);
        q.from = from;
        q.to = to;
      }
      if (k == 2 || k == 3)
        pair(&q.source, &q.target);
      ms[i] = time_query(pg, &q, dyads, KB_PERIOD_WEEK, &nr);
      if (ms[i] < 0)
        failed = 1;
      rows += (double)nr;
    }
    report(kinds[k], ms, n_queries, rows / n_queries);
  }
  for (i = 0, rows = 0; i < (quick ? 0 : 5) && i < n_queries; i++) {
    ms[i] = time_query(pg, NULL, 1, KB_PERIOD_MONTH, &nr);
    rows += (double)nr;
  }
  if (i > 0)
    report("dyads --by month (everything)", ms, i, rows / i);
  pg_close(pg);
  free(ms);
  free(list);
  return failed;
}
