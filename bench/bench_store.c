/*
 * bench_store.c -- the event store: ingest rate, database size per
 * article, and query latency of `events --actor` and `dyads` on a large
 * database.
 *
 * Usage: bench_store [--articles N] [--events N] [--queries N] [--dir D]
 *                    [--batch N] [--skip-ingest] [--skip-queries]
 *                    [--pipeline] [--api | --api-cold] FILE
 *
 * 1. Ingest.  FILE (JSON Lines, the news corpus) is read into memory and
 *    ingested over and over, each round's copies under new ids and urls,
 *    until N articles (default 100,000) went in, in batches of 2,000
 *    (--batch N: kabar ingest's --batch), one
 *    thread, as `kabar ingest` does.  Prints articles/s and MB/s for the
 *    whole pipeline (reader excluded: documents are made from memory),
 *    the same for coding alone (kb_doc_code, no store) on the same
 *    documents, and the database size per article after a checkpoint.
 *    With --pipeline, instead, the same ingest as `kabar ingest` runs it:
 *    one thread prepares (kb_store_prepare: codes, tokenizes) while the
 *    other stores (kb_store_ingest_prepared), with each thread's CPU
 *    time: the storing thread's bounds the rate when the two have a core
 *    each.
 *    Every round after the first is a copy of the corpus: the near-
 *    duplicate check finds each article's earlier copies (the worst case
 *    for it), and mentions merge into the events of the first round.
 * 2. Queries.  A second database is filled with generated articles of ten
 *    one-event sentences each (random pairs of 40 countries, 12 verbs,
 *    days over 2015-2024) until it holds N events (default 1,000,000).
 *    Then Q times (default 200) each, with a random country:
 *      events --actor X --limit 100   (the first page, in date order)
 *      events --actor X --from --to   (one random month, every row)
 *      dyads --by month               (the whole database)
 *      dyads --actor X --by week      (one country's weekly series)
 *      dyads --source X --target Y --by week  (one dyad's series)
 *    Each query is prepared, stepped through every row and freed, as the
 *    commands do; p50 and p95 in milliseconds.
 *    With --api, instead: the filters of /api/events (a pair of
 *    countries, an actor with a root, a quad, min-sources, a month or a
 *    cursor; each of those alone; random values, roots used or not), a
 *    page of 101 rows each.  --api-cold runs each query on a new handle
 *    after dropping the file from the OS cache (posix_fadvise), as a
 *    first request finds it after a restart or memory pressure.
 * Databases go to D (default /tmp) and are removed at the end.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "kabar.h"

/* One corpus article, kept in memory. */
typedef struct article {
  char *id, *text, *title, *date, *outlet, *url;
  size_t id_len, len, title_len, date_len, outlet_len, url_len;
} article;

static char *dup_text(kb_text t, size_t *len) {
  char *p;
  *len = t.ptr ? t.len : 0;
  if (t.ptr == NULL)
    return NULL;
  p = malloc(t.len + 1);
  if (p) {
    memcpy(p, t.ptr, t.len);
    p[t.len] = 0;
  }
  return p;
}

static size_t load_corpus(const char *path, article **out) {
  kb_reader *r;
  kb_doc *doc;
  kb_status st;
  size_t n = 0, cap = 0;
  article *a = NULL;
  if (kb_reader_open(path, &r, NULL) != KB_OK)
    return 0;
  while ((st = kb_reader_next(r, &doc, NULL)) != KB_DONE) {
    if (st != KB_OK)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      a = realloc(a, cap * sizeof *a);
      if (a == NULL)
        return 0;
    }
    a[n].id = dup_text(kb_doc_id(doc), &a[n].id_len);
    a[n].text = dup_text(kb_doc_text(doc), &a[n].len);
    a[n].title = dup_text(kb_doc_field(doc, KB_FIELD_TITLE), &a[n].title_len);
    a[n].date = dup_text(kb_doc_field(doc, KB_FIELD_DATE), &a[n].date_len);
    a[n].outlet =
        dup_text(kb_doc_field(doc, KB_FIELD_OUTLET), &a[n].outlet_len);
    a[n].url = dup_text(kb_doc_field(doc, KB_FIELD_URL), &a[n].url_len);
    n++;
    kb_doc_free(doc);
  }
  kb_reader_free(r);
  *out = a;
  return n;
}

/* Article a as a document of round `round`: its id and url get "~round"
 * so that each round's copy is a new article. */
static kb_doc *make_doc(const article *a, int round) {
  char id[512], url[2048];
  kb_doc *doc = NULL;
  int n = snprintf(id, sizeof id, "%.*s~%d", (int)a->id_len, a->id ? a->id : "",
                   round);
  if (kb_doc_new(id, (size_t)n, a->text ? a->text : "", a->len, &doc) != KB_OK)
    return NULL;
  if (a->title)
    kb_doc_set_field(doc, KB_FIELD_TITLE, a->title, a->title_len);
  if (a->date)
    kb_doc_set_field(doc, KB_FIELD_DATE, a->date, a->date_len);
  if (a->outlet)
    kb_doc_set_field(doc, KB_FIELD_OUTLET, a->outlet, a->outlet_len);
  if (a->url) {
    n = snprintf(url, sizeof url, "%.*s~%d", (int)a->url_len, a->url, round);
    kb_doc_set_field(doc, KB_FIELD_URL, url, (size_t)n);
  }
  return doc;
}

/* Seconds of CPU this process used (user + system): on a shared machine
 * the wall clock also counts the time other programs had the cores. */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long long file_size(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

static void remove_db(const char *path) {
  char p[1100];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
}

/* --pipeline: documents prepared on a second thread, handed over in
 * order through a small ring, as `kabar ingest` (src/cli/jobs.c) does. */
#define RING 16

/* Articles per transaction (--batch; kabar ingest's default). */
static long batch = 2000;
typedef struct pipe_state {
  const article *arts;
  size_t n_arts;
  long n_target;
  const kb_dict *dict;
  kb_doc *docs[RING];
  kb_store_prep *preps[RING];
  long head, tail; /* next to store, next to fill */
  double cpu;      /* the preparing thread's CPU seconds */
  pthread_mutex_t lock;
  pthread_cond_t cond;
} pipe_state;

static double thread_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *preparer(void *arg) {
  pipe_state *p = arg;
  long done = 0;
  int round = 0;
  size_t i;
  double c0 = thread_cpu();
  while (done < p->n_target) {
    for (i = 0; i < p->n_arts && done < p->n_target; i++, done++) {
      kb_doc *doc = make_doc(&p->arts[i], round);
      kb_store_prep *prep = NULL;
      if (doc != NULL)
        kb_store_prepare(doc, p->dict, NULL, &prep, NULL);
      pthread_mutex_lock(&p->lock);
      while (p->tail - p->head == RING)
        pthread_cond_wait(&p->cond, &p->lock);
      p->docs[p->tail % RING] = doc;
      p->preps[p->tail % RING] = prep;
      p->tail++;
      pthread_cond_broadcast(&p->cond);
      pthread_mutex_unlock(&p->lock);
    }
    round++;
  }
  p->cpu = thread_cpu() - c0;
  return NULL;
}

/* kb_store_open, saying on stderr why it failed. */
static int open_store(const char *path, unsigned flags, kb_store **st) {
  kb_error err = {0};
  if (kb_store_open(path, flags, st, &err) == KB_OK)
    return 0;
  fprintf(stderr, "bench_store: cannot open %s: %s\n", path,
          err.msg ? err.msg : kb_status_str(err.code));
  *st = NULL;
  return -1;
}

static int bench_pipeline(const article *arts, size_t n_arts, const char *dir,
                           long n_target, const kb_dict *dict) {
  pipe_state p;
  pthread_t th;
  char path[1024];
  kb_store *st = NULL;
  long done;
  double t0, c0, t1, c1, cs0, cs1;
  memset(&p, 0, sizeof p);
  p.arts = arts;
  p.n_arts = n_arts;
  p.n_target = n_target;
  p.dict = dict;
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.cond, NULL);
  snprintf(path, sizeof path, "%s/bench_store_pipeline.db", dir);
  remove_db(path);
  if (open_store(path, 0, &st) != 0)
    return 1;
  t0 = now();
  c0 = cpu_now();
  cs0 = thread_cpu();
  if (pthread_create(&th, NULL, preparer, &p) != 0) {
    fprintf(stderr, "bench_store: cannot start the preparing thread\n");
    kb_store_close(st);
    return 1;
  }
  kb_store_begin(st, NULL);
  for (done = 0; done < n_target; done++) {
    kb_doc *doc;
    kb_store_prep *prep;
    pthread_mutex_lock(&p.lock);
    while (p.head == p.tail)
      pthread_cond_wait(&p.cond, &p.lock);
    doc = p.docs[p.head % RING];
    prep = p.preps[p.head % RING];
    p.head++;
    pthread_cond_broadcast(&p.cond);
    pthread_mutex_unlock(&p.lock);
    if (doc != NULL &&
        kb_store_ingest_prepared(st, doc, prep, dict, NULL, NULL, NULL) !=
            KB_OK)
      fprintf(stderr, "bench_store: ingest failed\n");
    kb_store_prep_free(prep);
    kb_doc_free(doc);
    if ((done + 1) % batch == 0) {
      kb_store_commit(st, NULL);
      kb_store_begin(st, NULL);
    }
  }
  kb_store_commit(st, NULL);
  cs1 = thread_cpu() - cs0;
  t1 = now() - t0;
  c1 = cpu_now() - c0;
  pthread_join(th, NULL);
  kb_store_close(st);
  printf("store: pipelined     %ld articles in %.1f s: %.0f articles/s "
         "(wall clock); CPU %.1f s in all; the storing thread %.1f s "
         "(%.0f articles per CPU second), the preparing thread %.1f s "
         "(%.0f)\n",
         n_target, t1, n_target / t1, c1, cs1, n_target / cs1, p.cpu,
         n_target / p.cpu);
  remove_db(path);
  pthread_cond_destroy(&p.cond);
  pthread_mutex_destroy(&p.lock);
  return 0;
}

static int bench_ingest(const char *corpus, const char *dir, long n_target,
                        const kb_dict *dict, int pipeline) {
  article *arts = NULL;
  size_t n_arts = load_corpus(corpus, &arts), i;
  char path[1024];
  kb_store *st = NULL;
  kb_store_totals tot;
  long done = 0, code_done = 0;
  double bytes = 0, code_bytes = 0, t0, t_store, t_code, c0, c_store, c_code;
  int round = 0, rc = 0;
  if (n_arts == 0) {
    fprintf(stderr, "bench_store: cannot read %s\n", corpus);
    return 1;
  }
  if (pipeline) {
    rc = bench_pipeline(arts, n_arts, dir, n_target, dict);
    goto done;
  }
  snprintf(path, sizeof path, "%s/bench_store_ingest.db", dir);
  remove_db(path);
  if (open_store(path, 0, &st) != 0) {
    rc = 1;
    goto done;
  }
  t0 = now();
  c0 = cpu_now();
  kb_store_begin(st, NULL);
  while (done < n_target) {
    for (i = 0; i < n_arts && done < n_target; i++) {
      kb_doc *doc = make_doc(&arts[i], round);
      if (doc == NULL)
        continue;
      bytes += (double)arts[i].len;
      if (kb_store_ingest_doc(st, doc, dict, NULL, NULL, NULL) != KB_OK)
        fprintf(stderr, "bench_store: ingest failed\n");
      kb_doc_free(doc);
      if (++done % batch == 0) {
        kb_store_commit(st, NULL);
        kb_store_begin(st, NULL);
      }
    }
    round++;
  }
  kb_store_commit(st, NULL);
  t_store = now() - t0;
  c_store = cpu_now() - c0;
  kb_store_totals_get(st, &tot, NULL);
  kb_store_close(st); /* checkpoints the WAL into the file */
  /* coding alone, the same documents */
  t0 = now();
  c0 = cpu_now();
  round = 0;
  while (code_done < n_target) {
    for (i = 0; i < n_arts && code_done < n_target; i++) {
      kb_doc *doc = make_doc(&arts[i], round);
      if (doc == NULL)
        continue;
      code_bytes += (double)arts[i].len;
      kb_doc_code(doc, dict, NULL, NULL);
      kb_doc_free(doc);
      code_done++;
    }
    round++;
  }
  t_code = now() - t0;
  c_code = cpu_now() - c0;
  printf("store: ingest        %ld articles (%.0f MB) in %.1f s: %.0f "
         "articles/s, %.1f MB/s\n",
         done, bytes / 1e6, t_store, done / t_store, bytes / 1e6 / t_store);
  printf("store: coding alone  %.0f articles/s, %.1f MB/s (the store's "
         "share: %.0f%% of the time)\n",
         code_done / t_code, code_bytes / 1e6 / t_code,
         100.0 * (t_store - t_code) / t_store);
  printf("store: CPU time      ingest %.1f s (%.0f articles per CPU second), "
         "coding alone %.1f s (%.0f); the store %.0f us of CPU per article "
         "(%.0f%%)\n",
         c_store, done / c_store, c_code, code_done / c_code,
         1e6 * (c_store / done - c_code / code_done),
         100.0 * (c_store / done - c_code / code_done) / (c_store / done));
  printf("store: database      %.1f MB, %.1f KB per article (text %.1f KB "
         "per article); %lld mentions, %lld events, %lld near-duplicates\n",
         file_size(path) / 1e6, file_size(path) / 1e3 / (double)done,
         bytes / 1e3 / (double)done, tot.mentions, tot.events,
         tot.near_duplicates);
  remove_db(path);
done:
  for (i = 0; i < n_arts; i++) {
    free(arts[i].id);
    free(arts[i].text);
    free(arts[i].title);
    free(arts[i].date);
    free(arts[i].outlet);
    free(arts[i].url);
  }
  free(arts);
  return rc;
}

static const char *const countries[] = {
    "Rusia",    "Korea Utara", "Jepang",   "Australia",  "Malaysia",
    "Tiongkok", "Prancis",     "Jerman",   "Iran",       "Israel",
    "India",    "Mesir",       "Ukraina",  "Singapura",  "Thailand",
    "Vietnam",  "Filipina",    "Turki",    "Brasil",     "Kanada",
    "Inggris",  "Italia",      "Spanyol",  "Belanda",    "Belgia",
    "Polandia", "Swedia",      "Norwegia", "Meksiko",    "Argentina",
    "Pakistan", "Bangladesh",  "Nigeria",  "Kenya",      "Qatar",
    "Yordania", "Suriah",      "Irak",     "Arab Saudi", "Korea Selatan"};
#define N_COUNTRIES (sizeof countries / sizeof countries[0])
static const char *const codes3[N_COUNTRIES] = {
    "RUS", "PRK", "JPN", "AUS", "MYS", "CHN", "FRA", "DEU", "IRN", "ISR",
    "IND", "EGY", "UKR", "SGP", "THA", "VNM", "PHL", "TUR", "BRA", "CAN",
    "GBR", "ITA", "ESP", "NLD", "BEL", "POL", "SWE", "NOR", "MEX", "ARG",
    "PAK", "BGD", "NGA", "KEN", "QAT", "JOR", "SYR", "IRQ", "SAU", "KOR"};
static const char *const verbs[] = {"mengecam",   "mengunjungi", "memuji",
                                    "mengkritik", "mendukung",   "mengancam",
                                    "menyerang",  "membantu",    "menuduh",
                                    "memprotes",  "menghukum",   "mengundang"};
static const char *const months[] = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

/* Milliseconds to run a query through every row. */
static double
time_rows(kb_status (*make)(kb_store *, const kb_query *, int, kb_rows **),
          kb_store *st, const kb_query *q, int by, long long *n_rows) {
  kb_rows *r = NULL;
  double t0 = now();
  *n_rows = 0;
  if (make(st, q, by, &r) != KB_OK)
    return -1;
  while (kb_rows_next(r, NULL) == KB_OK) {
    kb_rows_text(r, 0);
    (*n_rows)++;
  }
  kb_rows_free(r);
  return (now() - t0) * 1e3;
}

static kb_status make_events(kb_store *st, const kb_query *q, int by,
                             kb_rows **r) {
  (void)by;
  return kb_store_events(st, q, r, NULL);
}

static kb_status make_dyads(kb_store *st, const kb_query *q, int by,
                            kb_rows **r) {
  return kb_store_dyads(st, q, (kb_period)by, r, NULL);
}

static void report(const char *what, double *ms, int n, double rows) {
  qsort(ms, (size_t)n, sizeof *ms, cmp_double);
  printf("store: %-38s p50 %7.2f ms  p95 %7.2f ms  (%d runs, %.0f rows "
         "on average)\n",
         what, ms[n / 2], ms[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1], n,
         rows);
}

/* The filters /api/events takes (docs/API.md), one case each: a page of
 * 101 events (the API asks for one more than its 100) in date order. */
enum {
  API_PAIR,
  API_PAIR_CURSOR,
  API_ACTOR_ROOT,
  API_ACTOR_QUAD,
  API_ACTOR_MIN_SOURCES,
  API_ACTOR_CURSOR,
  API_ACTOR_MONTH,
  API_ROOT,
  API_QUAD,
  API_CODE,
  API_MONTH,
  API_MIN_SOURCES,
  API_CURSOR,
  API_N
};

static const char *const api_names[API_N] = {
    "api source=A&target=B",     "api source=A&target=B&cursor",
    "api actor=X&root=R",        "api actor=X&quad=Q",
    "api actor=X&min_sources=2", "api actor=X&cursor",
    "api actor=X&from&to (month)", "api root=R",
    "api quad=Q",                "api code=C",
    "api from&to (month)",       "api min_sources=2",
    "api cursor"};

/* One random query of case c; the texts it points to are in buf. */
static void api_query(int c, kb_query *q, char buf[4][16]) {
  static const char *const codes[] = {"036", "042", "050", "051", "070",
                                      "111", "112", "116", "130", "140",
                                      "190", "180", "0874", "12"};
  unsigned a = rnd(N_COUNTRIES), b = rnd(N_COUNTRIES);
  int y = 2015 + (int)rnd(10), m = 1 + (int)rnd(12);
  kb_query z = KB_QUERY_INIT;
  *q = z;
  q->limit = 101;
  snprintf(buf[0], 16, "%02u", 1 + rnd(20)); /* every root, used or not */
  snprintf(buf[1], 16, "%04d-%02d-01", y, m);
  snprintf(buf[2], 16, "%04d-%02d-28", y, m);
  snprintf(buf[3], 16, "%04d-%02d-%02u", y, m, 1 + rnd(28));
  if (c <= API_ACTOR_MONTH) {
    q->source = codes3[a];
    q->target = codes3[b == a ? (b + 1) % N_COUNTRIES : b];
    if (c > API_PAIR_CURSOR) {
      q->actor = q->source;
      q->source = q->target = NULL;
    }
  }
  if (c == API_ACTOR_ROOT || c == API_ROOT)
    q->root = buf[0];
  if (c == API_ACTOR_QUAD || c == API_QUAD)
    q->quad = 1 + (int)rnd(4);
  if (c == API_ACTOR_MIN_SOURCES || c == API_MIN_SOURCES)
    q->min_sources = 2;
  if (c == API_CODE)
    q->code = codes[rnd(sizeof codes / sizeof codes[0])];
  if (c == API_ACTOR_MONTH || c == API_MONTH) {
    q->from = buf[1];
    q->to = buf[2];
  }
  if (c == API_PAIR_CURSOR || c == API_ACTOR_CURSOR || c == API_CURSOR) {
    q->after_date = buf[3]; /* a page from a random day on */
    q->after_id = 1;
  }
}

/* Drops the file's pages from the OS cache (the handle is closed: mapped
 * pages would stay). */
static void evict(const char *path) {
  char p[1100];
  int fd, i;
  for (i = 0; i < 2; i++) {
    snprintf(p, sizeof p, "%s%s", path, i ? "-wal" : "");
    fd = open(p, O_RDONLY);
    if (fd >= 0) {
      posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
      close(fd);
    }
  }
}

/* Every API case, n times each.  cold: each query on a new handle, the
 * file's pages dropped from the OS cache first (a first request after a
 * restart, or to pages the machine no longer holds). */
static int bench_api(const char *path, int n, int cold) {
  double *ms = malloc((size_t)n * sizeof *ms), rows;
  kb_store *st = NULL;
  long long nr;
  int c, i;
  if (ms == NULL)
    return 1;
  for (c = 0; c < API_N; c++) {
    for (i = 0, rows = 0; i < n; i++) {
      kb_query q;
      char buf[4][16];
      api_query(c, &q, buf);
      if (st == NULL || cold) {
        kb_store_close(st);
        st = NULL;
        if (cold)
          evict(path);
        if (open_store(path, KB_STORE_READONLY, &st) != 0) {
          free(ms);
          return 1;
        }
      }
      ms[i] = time_rows(make_events, st, &q, 0, &nr);
      rows += (double)nr;
    }
    report(api_names[c], ms, n, rows / n);
  }
  kb_store_close(st);
  free(ms);
  return 0;
}

static int bench_queries(const char *dir, long n_events, int n_queries,
                         const kb_dict *dict, int keep, int api) {
  char path[1024], text[4096], id[32];
  kb_store *st = NULL;
  kb_store_totals tot;
  long n_docs = 0;
  long long n_have;
  kb_ingest_info info;
  double t0, *ms = malloc((size_t)n_queries * sizeof *ms), rows;
  int i, k;
  long long nr;
  snprintf(path, sizeof path, "%s/bench_store_queries.db", dir);
  if (ms == NULL)
    return 1;
  if (!keep)
    remove_db(path);
  if (open_store(path, 0, &st) != 0)
    return 1;
  kb_store_totals_get(st, &tot, NULL);
  n_have = tot.events;
  t0 = now();
  kb_store_begin(st, NULL);
  while (n_have < n_events) {
    size_t len = 0;
    kb_doc *doc = NULL;
    int y = 2015 + (int)rnd(10);
    char date[16];
    snprintf(date, sizeof date, "%04d-12-31", y);
    for (k = 0; k < 10; k++) {
      unsigned a = rnd(N_COUNTRIES), b = rnd(N_COUNTRIES);
      if (a == b)
        b = (b + 1) % N_COUNTRIES;
      len += (size_t)snprintf(text + len, sizeof text - len,
                              "Pemerintah %s %s %s pada %u %s %d. ",
                              countries[a], verbs[rnd(12)], countries[b],
                              1 + rnd(28), months[rnd(12)], y);
    }
    snprintf(id, sizeof id, "q%ld", n_docs++);
    if (kb_doc_new(id, strlen(id), text, len, &doc) != KB_OK)
      break;
    kb_doc_set_field(doc, KB_FIELD_DATE, date, 10);
    if (kb_store_ingest_doc(st, doc, dict, NULL, &info, NULL) == KB_OK)
      n_have += (long long)info.n_new_events;
    kb_doc_free(doc);
    if (n_docs % 1000 == 0) {
      kb_store_commit(st, NULL);
      kb_store_begin(st, NULL);
    }
  }
  kb_store_commit(st, NULL);
  kb_store_totals_get(st, &tot, NULL);
  if (n_docs)
    printf("store: generated     %ld articles, %lld events in %.1f s "
           "(%.0f articles/s)\n",
           n_docs, tot.events, now() - t0, n_docs / (now() - t0));
  kb_store_close(st);
  /* a reader's handle, as `kabar events` opens it */
  if (open_store(path, KB_STORE_READONLY, &st) != 0)
    return 1;
  kb_store_totals_get(st, &tot, NULL);
  printf("store: database      %lld events, %lld mentions, %.0f MB\n",
         tot.events, tot.mentions, file_size(path) / 1e6);
  if (api) {
    int rc;
    kb_store_close(st);
    rc = bench_api(path, n_queries, api == 2);
    if (!keep)
      remove_db(path);
    free(ms);
    return rc;
  }
  {
    kb_query q = KB_QUERY_INIT;
    q.actor = codes3[0];
    q.limit = 100;
    time_rows(make_events, st, &q, 0, &nr); /* warm the cache once */
  }
  for (i = 0, rows = 0; i < n_queries; i++) {
    kb_query q = KB_QUERY_INIT;
    q.actor = codes3[rnd(N_COUNTRIES)];
    q.limit = 100;
    ms[i] = time_rows(make_events, st, &q, 0, &nr);
    rows += (double)nr;
  }
  report("events --actor X --limit 100", ms, n_queries, rows / n_queries);
  for (i = 0, rows = 0; i < n_queries; i++) {
    kb_query q = KB_QUERY_INIT;
    char from[16], to[16];
    int y = 2015 + (int)rnd(10), m = 1 + (int)rnd(12);
    snprintf(from, sizeof from, "%04d-%02d-01", y, m);
    snprintf(to, sizeof to, "%04d-%02d-28", y, m);
    q.actor = codes3[rnd(N_COUNTRIES)];
    q.from = from;
    q.to = to;
    ms[i] = time_rows(make_events, st, &q, 0, &nr);
    rows += (double)nr;
  }
  report("events --actor X --from --to (month)", ms, n_queries,
         rows / n_queries);
  for (i = 0, rows = 0; i < n_queries; i++) {
    ms[i] = time_rows(make_dyads, st, NULL, KB_PERIOD_MONTH, &nr);
    rows += (double)nr;
  }
  report("dyads --by month (everything)", ms, n_queries, rows / n_queries);
  for (i = 0, rows = 0; i < n_queries; i++) {
    kb_query q = KB_QUERY_INIT;
    q.actor = codes3[rnd(N_COUNTRIES)];
    ms[i] = time_rows(make_dyads, st, &q, KB_PERIOD_WEEK, &nr);
    rows += (double)nr;
  }
  report("dyads --actor X --by week", ms, n_queries, rows / n_queries);
  for (i = 0, rows = 0; i < n_queries; i++) {
    kb_query q = KB_QUERY_INIT;
    unsigned a = rnd(N_COUNTRIES), b = rnd(N_COUNTRIES);
    q.source = codes3[a];
    q.target = codes3[b == a ? (b + 1) % N_COUNTRIES : b];
    ms[i] = time_rows(make_dyads, st, &q, KB_PERIOD_WEEK, &nr);
    rows += (double)nr;
  }
  report("dyads --source X --target Y --by week", ms, n_queries,
         rows / n_queries);
  for (i = 0, rows = 0; i < n_queries && i < 20; i++) {
    kb_query q = KB_QUERY_INIT;
    q.actor = codes3[rnd(N_COUNTRIES)];
    ms[i] = time_rows(make_events, st, &q, 0, &nr);
    rows += (double)nr;
  }
  report("events --actor X (every row)", ms, i, rows / i);
  kb_store_close(st);
  if (!keep)
    remove_db(path);
  free(ms);
  return 0;
}

#define USAGE                                                                  \
  "usage: bench_store [--articles N] [--events N] [--queries N] [--batch N]\n" \
  "                   [--dir D] [--skip-ingest] [--skip-queries] [--keep]\n"   \
  "                   [--pipeline] [--api | --api-cold] FILE\n"

int main(int argc, char **argv) {
  long n_articles = 100000, n_events = 1000000;
  long b;
  int n_queries = 200, i, skip_ingest = 0, skip_queries = 0, keep = 0, rc = 0,
      pipeline = 0, api = 0;
  const char *path = NULL, *dir = "/tmp";
  kb_dict *dict = NULL;
  struct stat sb;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--articles") == 0 && i + 1 < argc)
      n_articles = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--events") == 0 && i + 1 < argc)
      n_events = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc)
      n_queries = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc &&
             (b = strtol(argv[i + 1], NULL, 10)) > 0) {
      batch = b;
      i++;
    } else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
      dir = argv[++i];
    else if (strcmp(argv[i], "--skip-ingest") == 0)
      skip_ingest = 1;
    else if (strcmp(argv[i], "--skip-queries") == 0)
      skip_queries = 1;
    else if (strcmp(argv[i], "--pipeline") == 0)
      pipeline = 1;
    else if (strcmp(argv[i], "--api") == 0)
      api = 1; /* the /api/events filters instead */
    else if (strcmp(argv[i], "--api-cold") == 0)
      api = 2; /* the same, each on a new handle and a cold OS cache */
    else if (strcmp(argv[i], "--keep") == 0)
      keep = 1; /* reuse and keep the query database */
    else if (argv[i][0] == '-')
      return bench_usage(argv[i], USAGE);
    else
      path = argv[i];
  }
  if ((path == NULL && !skip_ingest) || n_queries < 1) {
    fputs(USAGE, stderr);
    return 2;
  }
  if (!skip_ingest && bench_input("bench_store", path, &sb) != 0)
    return 1;
  if (kb_dict_load(NULL, NULL, &dict, NULL) != KB_OK)
    return 1;
  if (!skip_ingest)
    rc |= bench_ingest(path, dir, n_articles, dict, pipeline);
  if (!skip_queries)
    rc |= bench_queries(dir, n_events, n_queries, dict, keep, api);
  kb_dict_free(dict);
  return rc;
}
