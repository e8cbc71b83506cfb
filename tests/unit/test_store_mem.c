/*
 * test_store_mem.c -- SQLite's memory goes through kb_set_allocator
 * (src/store_mem.c).
 *
 * A program of its own: SQLite takes its allocator once per process,
 * before it is initialised, so the counting allocator is installed before
 * anything else runs.  Checks that
 *   - an ingest's SQLite allocations (page cache, statements, FTS5) are
 *     counted by the user's hook: SQLite's memory in use is covered by
 *     the hook's live bytes, and sqlite3_malloc itself lands in the hook;
 *   - everything SQLite took is given back when the store is closed;
 *   - an allocation failing inside SQLite during an ingest gives
 *     KB_ENOMEM (or KB_OK), leaves a valid database, and re-running the
 *     ingest completes it with the counts of a clean run.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "kabar.h"

/* ---- a counting allocator that may fail the Nth request -------------- */

static long n_calls, fail_at, n_failed, live;
static long long live_bytes;

/* Each block starts with its size, for the byte count. */
static void *t_alloc(void *ctx, size_t n) {
  size_t *p;
  (void)ctx;
  if (++n_calls == fail_at) {
    n_failed++;
    return NULL;
  }
  p = malloc(n + 16);
  if (p == NULL)
    return NULL;
  *p = n;
  live++;
  live_bytes += (long long)n;
  return (char *)p + 16;
}

static void t_free(void *ctx, void *q) {
  size_t *p;
  (void)ctx;
  if (q == NULL)
    return;
  p = (size_t *)((char *)q - 16);
  live--;
  live_bytes -= (long long)*p;
  free(p);
}

/* No realloc: kabar and the SQLite glue allocate, copy and free. */
static const kb_allocator counting = {t_alloc, NULL, t_free, NULL};

/* ---- fixtures: invented articles -------------------------------------- */

static const char *const texts[] = {
    "Menteri Luar Negeri Jepang mengecam Korea Utara pada 2 Mei 2024 "
    "setelah uji coba rudal di Laut Jepang. Pemerintah Korea Selatan juga "
    "mengecam peluncuran itu, kata juru bicara di Seoul.",
    "Presiden Prancis mengunjungi Indonesia pada 10 Juni 2024. Dalam "
    "kunjungan itu Presiden Prancis memuji kerja sama kedua negara di "
    "bidang energi dan pendidikan.",
    "Polisi Malaysia menangkap tiga warga Indonesia di Johor pada Selasa. "
    "Pemerintah Indonesia memprotes penangkapan tersebut dan meminta "
    "penjelasan dari Kuala Lumpur."};
#define N_TEXTS (sizeof texts / sizeof texts[0])

static char dir[64], path[96];
static kb_dict *dict;

static kb_doc *make(size_t i) {
  char id[16];
  kb_doc *doc = NULL;
  int n = snprintf(id, sizeof id, "m%zu", i);
  if (kb_doc_new(id, (size_t)n, texts[i], strlen(texts[i]), &doc) != KB_OK)
    return NULL;
  kb_doc_set_field(doc, KB_FIELD_DATE, "2024-06-11", 10);
  kb_doc_set_field(doc, KB_FIELD_OUTLET, "contoh.id", 9);
  return doc;
}

/* Ingests every text in one batch.  Returns the first failure. */
static kb_error last_err;
static kb_status ingest_all(kb_store *st) {
  kb_status rc = kb_store_begin(st, &last_err), r;
  size_t i;
  if (rc != KB_OK)
    return rc;
  for (i = 0; i < N_TEXTS; i++) {
    kb_doc *doc = make(i);
    if (doc == NULL) {
      kb_store_rollback(st, NULL);
      return KB_ENOMEM;
    }
    r = kb_store_ingest_doc(st, doc, dict, NULL, NULL, &last_err);
    kb_doc_free(doc);
    if (r != KB_OK) {
      kb_store_rollback(st, NULL);
      return r;
    }
  }
  return kb_store_commit(st, &last_err);
}

/* Articles, mentions and events, as one string, on a fresh handle. */
static void totals(char out[64]) {
  kb_store *st = NULL;
  kb_store_totals t;
  out[0] = 0;
  if (kb_store_open(path, KB_STORE_READONLY, &st, NULL) != KB_OK)
    return;
  if (kb_store_totals_get(st, &t, NULL) == KB_OK)
    snprintf(out, 64, "%lld/%lld/%lld", t.articles, t.mentions, t.events);
  kb_store_close(st);
}

static void remove_db(void) {
  char p[128];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
}

static int integrity_ok(void) {
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  int ok = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) ==
          SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    ok = strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return ok;
}

/* ---- tests ------------------------------------------------------------ */

static char clean_totals[64];
static long ingest_calls; /* allocations of one clean open + ingest */

static void sqlite_allocates_through_the_hook(void) {
  kb_store *st = NULL;
  long before, base;
  void *p;
  /* a first ingest fills the dictionary's caches (the morph memo), which
   * stay: the blocks left after the second are then SQLite's */
  remove_db();
  CHECK_INT(kb_store_open(path, 0, &st, NULL), KB_OK);
  CHECK_INT(ingest_all(st), KB_OK);
  kb_store_close(st);
  st = NULL;
  before = n_calls;
  base = live;
  remove_db();
  CHECK_INT(kb_store_open(path, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(ingest_all(st), KB_OK);
  ingest_calls = n_calls - before;
  /* SQLite's heap is the hook's: what SQLite holds is within what the
   * hook handed out (the rest is kabar's), and much more than nothing */
  CHECK(sqlite3_memory_used() > 100000);
  CHECK(live_bytes >= sqlite3_memory_used());
  /* thousands of requests: the page cache, statements, FTS5 buffers */
  CHECK(ingest_calls > 1000);
  before = n_calls;
  p = sqlite3_malloc(1000);
  CHECK(p != NULL);
  CHECK_INT(n_calls - before, 1);
  CHECK_INT(sqlite3_msize(p), 1000);
  p = sqlite3_realloc(p, 5000);
  CHECK(p != NULL && sqlite3_msize(p) == 5000);
  sqlite3_free(p);
  kb_store_close(st);
  /* closing gives everything back */
  CHECK_INT(live, base);
  CHECK_INT(sqlite3_memory_used(), 0);
  totals(clean_totals);
  CHECK(strncmp(clean_totals, "3/", 2) == 0 && strcmp(clean_totals, "3/0/0"));
  printf("  one ingest of %zu articles: %ld allocations through the hook\n",
         N_TEXTS, ingest_calls);
}

/* The Nth allocation fails, for N spread over the whole open + ingest:
 * the call that met it says KB_ENOMEM (or copes: KB_OK), nothing leaks,
 * the database stays valid, and ingesting again completes it. */
static void a_failing_allocation_inside_sqlite(void) {
  long n, step = ingest_calls / 150 + 1, runs = 0, bad = 0;
  for (n = 1; n <= ingest_calls; n += step) {
    kb_store *st = NULL;
    kb_status rc;
    long base = live;
    char got[64];
    remove_db();
    n_calls = n_failed = 0;
    fail_at = n;
    memset(&last_err, 0, sizeof last_err);
    rc = kb_store_open(path, 0, &st, &last_err);
    if (rc == KB_OK)
      rc = ingest_all(st);
    kb_store_close(st);
    fail_at = 0;
    runs++;
    if ((rc != KB_OK && rc != KB_ENOMEM) || live != base) {
      if (bad++ < 5)
        fprintf(stderr, "  allocation %ld failing: %s (%s), %ld block(s) left\n",
                n, kb_status_str(rc), last_err.msg ? last_err.msg : "", live - base);
      continue;
    }
    if (access(path, F_OK) == 0 && !integrity_ok()) {
      if (bad++ < 5)
        fprintf(stderr, "  allocation %ld failing: database not valid\n", n);
      continue;
    }
    /* and again, without failures: the ingest completes */
    st = NULL;
    if (kb_store_open(path, 0, &st, NULL) != KB_OK || ingest_all(st) != KB_OK)
      bad++;
    kb_store_close(st);
    totals(got);
    if (strcmp(got, clean_totals) != 0 && bad++ < 5)
      fprintf(stderr, "  allocation %ld failing, then a re-run: %s\n", n,
              got);
  }
  CHECK_INT(bad, 0);
  CHECK(runs >= 100);
  printf("  %ld runs with one allocation failing\n", runs);
}

int main(void) {
  char cmd[96];
  kb_set_allocator(&counting); /* before SQLite is initialised */
  snprintf(dir, sizeof dir, "/tmp/kabar-test-store-mem-XXXXXX");
  if (mkdtemp(dir) == NULL || kb_dict_load(NULL, NULL, &dict, NULL) != KB_OK) {
    fprintf(stderr, "test_store_mem: cannot set up\n");
    return 1;
  }
  snprintf(path, sizeof path, "%s/m.db", dir);
  RUN(sqlite_allocates_through_the_hook);
  RUN(a_failing_allocation_inside_sqlite);
  kb_dict_free(dict);
  CHECK_INT(live, 0);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    perror(cmd);
  return harness_done("store_mem");
}
