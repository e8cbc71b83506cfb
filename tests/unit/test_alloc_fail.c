/*
 * test_alloc_fail.c -- allocation-failure injection over the public API.
 *
 * Through kb_set_allocator, each scenario below (one or a few public entry
 * points used as a program would) runs with its Nth allocation failing,
 * for N = 1, 2, ... until a run makes fewer than N allocations and so
 * completes.  Every run must:
 *   - return KB_ENOMEM from the call whose allocation failed, or KB_OK
 *     with exactly the result of a run without failures (a cache that
 *     could not grow, a fast path that fell back to jansson); never
 *     crash, never another status, never a result silently cut short.
 *     Each scenario hashes what it produced (output strings, document
 *     texts and fields, rows) to compare;
 *   - free everything it allocated (the allocator counts live blocks: a
 *     leak fails here without any sanitizer; under `make check`
 *     LeakSanitizer and ASan watch as well);
 *   - and the complete run must return KB_OK.
 * A failure names the scenario and N.  docs/TESTING.md.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* ---- a counting allocator that fails the Nth request ------------------ */

static long fail_at;  /* 1-based; 0 never fails */
static long n_calls;  /* alloc and realloc requests so far */
static long n_failed; /* requests refused */
static long live;     /* blocks allocated and not yet freed */

static void *t_alloc(void *ctx, size_t n) {
  void *p;
  (void)ctx;
  if (++n_calls == fail_at) {
    n_failed++;
    return NULL;
  }
  p = malloc(n);
  if (p)
    live++;
  return p;
}

static void *t_realloc(void *ctx, void *p, size_t old, size_t n) {
  (void)ctx;
  (void)old;
  if (++n_calls == fail_at) {
    n_failed++;
    return NULL;
  }
  return realloc(p, n);
}

static void t_free(void *ctx, void *p) {
  (void)ctx;
  if (p) {
    live--;
    free(p);
  }
}

static const kb_allocator counting = {t_alloc, t_realloc, t_free, NULL};

/* ---- what a run produced: FNV-1a over its outputs --------------------- */

static unsigned long long digest;

static void feed(const void *p, size_t n) {
  const unsigned char *u = p;
  size_t i;
  for (i = 0; i < n; i++)
    digest = (digest ^ u[i]) * 1099511628211ull;
  digest = (digest ^ 0xff) * 1099511628211ull; /* a separator */
}

static void feed_text(kb_text t) { feed(t.ptr ? t.ptr : "", t.len); }
static void feed_str(const char *s) { feed(s ? s : "(null)", s ? strlen(s) : 6); }

static void feed_doc(const kb_doc *doc) {
  size_t i;
  feed_text(kb_doc_id(doc));
  feed_text(kb_doc_text(doc));
  for (i = 0; i < KB_FIELD_COUNT_; i++)
    feed_text(kb_doc_field(doc, (kb_field)i));
  for (i = 0; i < kb_doc_n_warnings(doc); i++)
    feed_str(kb_doc_warning(doc, i));
}

/* ---- scenarios: each returns the first status that is not KB_OK ------- */

static kb_dict *dict; /* loaded once, without failures, for the others */
static char dir[64], txt_path[128], jsonl_path[128], dic_path[128];

#define TRY(call)                                                              \
  do {                                                                         \
    kb_status st_ = (call);                                                    \
    if (st_ != KB_OK) {                                                        \
      rc = st_;                                                                \
      goto done;                                                               \
    }                                                                          \
  } while (0)

static const char article[] =
    "Rusia Kecam Serangan di Perbatasan\n"
    "Senin, 18 Maret 2024 10:00 WIB\n"
    "MOSKOW - Pemerintah Rusia mengecam serangan pesawat nirawak Ukraina ke "
    "kota Belgorod, Minggu (17/3/2024), kata juru bicara Kremlin.\n"
    "Presiden Indonesia menerima kunjungan Menteri Luar Negeri Jepang di "
    "Istana Merdeka. Keduanya menandatangani perjanjian kerja sama.\n"
    "Polisi menangkap tiga orang yang diduga menyerang kantor KPU.\n";

/* What a dictionary knows: a few lookups, and the events of the article
 * coded with it. */
static kb_status use_dict(const kb_dict *d) {
  static const char *const words[] = {"serang", "tangkap", "kecam", "rumah",
                                      "Jokowi", "Rusia"};
  kb_doc *doc = NULL;
  kb_status rc = KB_OK;
  kb_options opts = KB_OPTIONS_INIT;
  char *out = NULL;
  size_t i;
  for (i = 0; i < sizeof words / sizeof words[0]; i++) {
    int has[2];
    has[0] = kb_dict_has_root(d, words[i], strlen(words[i]));
    has[1] = kb_dict_has_name(d, words[i], strlen(words[i]));
    feed(has, sizeof has);
  }
  opts.reference_date = "2024-03-18";
  TRY(kb_doc_new("a", 1, article, sizeof article - 1, &doc));
  TRY(kb_doc_code(doc, d, &opts, NULL));
  TRY(kb_doc_events_format(doc, KB_FORMAT_JSONL, &out, NULL));
  feed_str(out);
done:
  kb_free(out);
  kb_doc_free(doc);
  return rc;
}

static kb_status sc_dict_load(void) {
  kb_dict *d = NULL;
  kb_status rc = kb_dict_load(NULL, dic_path, &d, NULL);
  if (rc == KB_OK)
    rc = use_dict(d);
  kb_dict_free(d);
  return rc;
}

static kb_status sc_dict_load_dir(void) {
  kb_dict *d = NULL;
  kb_status rc = kb_dict_load("data", dic_path, &d, NULL);
  if (rc == KB_OK)
    rc = use_dict(d);
  kb_dict_free(d);
  return rc;
}

static kb_status sc_parse(void) {
  kb_doc *doc = NULL;
  kb_status rc = KB_OK;
  char *json = NULL;
  /* invalid UTF-8 on purpose: the repair and its warning allocate */
  static const char text[] = "Presiden \xff menerima tamu.\nDia tiba pukul "
                             "10.00 WIB.\n";
  TRY(kb_doc_new("id-1", 4, text, sizeof text - 1, &doc));
  TRY(kb_doc_set_field(doc, KB_FIELD_TITLE, "Judul", 5));
  TRY(kb_doc_set_field(doc, KB_FIELD_DATE, "2024-03-18", 10));
  TRY(kb_doc_parse(doc, dict, NULL, NULL));
  TRY(kb_doc_to_json(doc, KB_JSON_TOKENS, &json, NULL));
  feed_str(json);
  kb_free(json);
  json = NULL;
  TRY(kb_doc_to_json(doc, 0, &json, NULL));
  feed_str(json);
done:
  kb_free(json);
  kb_doc_free(doc);
  return rc;
}

static kb_status sc_stages(void) {
  kb_doc *doc = NULL;
  kb_status rc = KB_OK;
  TRY(kb_doc_new(NULL, 0, article, sizeof article - 1, &doc));
  TRY(kb_doc_clean(doc, dict, NULL, NULL));
  TRY(kb_doc_segment(doc, NULL));
  TRY(kb_doc_morph(doc, dict, NULL));
  feed_doc(doc);
  {
    size_t i;
    for (i = 0; i < kb_doc_n_tokens(doc); i++) {
      const kb_morph *m = kb_doc_token_morph(doc, i);
      feed(&kb_doc_token(doc, i)->span, sizeof(kb_span));
      feed_text(m->root);
    }
    for (i = 0; i < kb_doc_n_blocks(doc); i++)
      feed(kb_doc_block(doc, i), sizeof(kb_block));
  }
done:
  kb_doc_free(doc);
  return rc;
}

static kb_status sc_code(void) {
  kb_doc *doc = NULL;
  kb_status rc = KB_OK;
  kb_options opts = KB_OPTIONS_INIT;
  char *out = NULL;
  int f;
  opts.reference_date = "2024-03-18";
  TRY(kb_doc_new("a", 1, article, sizeof article - 1, &doc));
  TRY(kb_doc_code(doc, dict, &opts, NULL));
  for (f = KB_FORMAT_JSONL; rc == KB_OK && f <= KB_FORMAT_CSV; f++) {
    TRY(kb_doc_events_format(doc, (kb_format)f, &out, NULL));
    feed_str(out);
    kb_free(out);
    out = NULL;
  }
done:
  kb_free(out);
  kb_doc_free(doc);
  return rc;
}

/* The article 40 times over (one document of ~17 KB): the arenas and
 * arrays grow past their first chunk. */
static kb_status sc_code_long(void) {
  static char text[40 * sizeof article];
  kb_doc *doc = NULL;
  kb_status rc = KB_OK;
  char *out = NULL;
  size_t i, len = 0;
  for (i = 0; i < 40; i++) {
    memcpy(text + len, article, sizeof article - 1);
    len += sizeof article - 1;
  }
  TRY(kb_doc_new("long", 4, text, len, &doc));
  TRY(kb_doc_code(doc, dict, NULL, NULL));
  TRY(kb_doc_events_format(doc, KB_FORMAT_GDELT, &out, NULL));
  feed_str(out);
  kb_free(out);
  out = NULL;
  TRY(kb_doc_to_json(doc, KB_JSON_TOKENS, &out, NULL));
  feed_str(out);
done:
  kb_free(out);
  kb_doc_free(doc);
  return rc;
}

static kb_status sc_morph(void) {
  kb_morph m;
  kb_status rc = KB_OK;
  TRY(kb_morph_word(dict, "mempertanggungjawabkannya", 25, &m));
  feed_text(m.root);
  TRY(kb_morph_analyse(dict, "diperbincangkan", 15, KB_MORPH_NO_MEMO, &m));
  feed_text(m.root);
done:
  return rc;
}

/* Reads every document of `path`; skipped inputs are expected (the JSON
 * Lines file has a broken line), so only KB_ENOMEM stops. */
static kb_status read_all(const char *path) {
  kb_reader *r = NULL;
  kb_doc *doc = NULL;
  kb_status rc = KB_OK, st;
  TRY(kb_reader_open(path, &r, NULL));
  while ((st = kb_reader_next(r, &doc, NULL)) != KB_DONE) {
    if (st == KB_ENOMEM) {
      rc = st;
      goto done;
    }
    feed(&st, sizeof st);
    if (st == KB_OK)
      feed_doc(doc);
    kb_doc_free(doc);
    doc = NULL;
  }
done:
  kb_reader_free(r);
  return rc;
}

static kb_status sc_reader_text(void) { return read_all(txt_path); }
static kb_status sc_reader_jsonl(void) { return read_all(jsonl_path); }
static kb_status sc_reader_dir(void) { return read_all(dir); }

static kb_status sc_store(void) {
  kb_store *s = NULL;
  kb_doc *doc = NULL;
  kb_rows *rows = NULL;
  kb_status rc = KB_OK, st;
  kb_store_totals tot;
  kb_query q = KB_QUERY_INIT;
  const char *line;
  int f;
  TRY(kb_store_open(":memory:", 0, &s, NULL));
  TRY(kb_store_begin(s, NULL));
  TRY(kb_doc_new("s-1", 3, article, sizeof article - 1, &doc));
  TRY(kb_doc_set_field(doc, KB_FIELD_DATE, "2024-03-18", 10));
  TRY(kb_doc_set_field(doc, KB_FIELD_OUTLET, "contoh.id", 9));
  TRY(kb_store_ingest_doc(s, doc, dict, NULL, NULL, NULL));
  TRY(kb_store_commit(s, NULL));
  TRY(kb_store_totals_get(s, &tot, NULL));
  q.actor = "RUS";
  TRY(kb_store_events(s, &q, &rows, NULL));
  if (kb_rows_csv_header(rows) == NULL) {
    rc = KB_ENOMEM;
    goto done;
  }
  while ((st = kb_rows_next(rows, NULL)) == KB_OK)
    for (f = KB_FORMAT_JSONL; f <= KB_FORMAT_CSV; f++) {
      TRY(kb_rows_format(rows, (kb_format)f, &line, NULL));
      feed_str(line);
    }
  if (st != KB_DONE) {
    rc = st;
    goto done;
  }
  kb_rows_free(rows);
  rows = NULL;
  TRY(kb_store_mentions(s, 0, &rows, NULL));
  while ((st = kb_rows_next(rows, NULL)) == KB_OK) {
    TRY(kb_rows_format(rows, KB_FORMAT_GDELT, &line, NULL));
    feed_str(line);
  }
  kb_rows_free(rows);
  rows = NULL;
  TRY(kb_store_search(s, "serangan", 0, 10, &rows, NULL));
  while ((st = kb_rows_next(rows, NULL)) == KB_OK) {
    TRY(kb_rows_format(rows, KB_FORMAT_JSONL, &line, NULL));
    feed_str(line);
  }
  kb_rows_free(rows);
  rows = NULL;
  TRY(kb_store_dyads(s, NULL, KB_PERIOD_WEEK, &rows, NULL));
  while ((st = kb_rows_next(rows, NULL)) == KB_OK) {
    TRY(kb_rows_format(rows, KB_FORMAT_CSV, &line, NULL));
    feed_str(line);
  }
  kb_rows_free(rows);
  rows = NULL;
  TRY(kb_store_conflicts(s, &rows, NULL));
  feed(&tot.articles, sizeof tot.articles);
  feed(&tot.mentions, sizeof tot.mentions);
  feed(&tot.events, sizeof tot.events);
done:
  kb_rows_free(rows);
  kb_doc_free(doc);
  kb_store_close(s);
  return rc;
}

/* ---- the driver -------------------------------------------------------- */

typedef struct scenario {
  const char *name;
  kb_status (*run)(void);
} scenario;

static const scenario scenarios[] = {
    {"kb_dict_load (compiled-in data)", sc_dict_load},
    {"kb_dict_load (data folder)", sc_dict_load_dir},
    {"kb_doc_new, set_field, parse, to_json", sc_parse},
    {"kb_doc_clean, segment, morph", sc_stages},
    {"kb_doc_code, kb_doc_events_format", sc_code},
    {"kb_doc_code (17 KB), to_json", sc_code_long},
    {"kb_morph_word, kb_morph_analyse", sc_morph},
    {"kb_reader (plain text)", sc_reader_text},
    {"kb_reader (JSON Lines)", sc_reader_jsonl},
    {"kb_reader (folder)", sc_reader_dir},
    {"kb_store (ingest, queries, rows)", sc_store},
};

static long total_runs;

static void run_scenario(const scenario *s) {
  long n, base;
  int reported = 0;
  unsigned long long want;
  /* A run without failures first: the shared dict's caches (the morph
   * memo) fill up, so that later runs' live blocks are theirs alone; and
   * its digest is what every run that returns KB_OK must produce. */
  fail_at = 0;
  digest = 14695981039346656037ull;
  CHECK(s->run() == KB_OK);
  want = digest;
  for (n = 1;; n++) {
    kb_status st;
    base = live;
    digest = 14695981039346656037ull;
    n_calls = n_failed = 0;
    fail_at = n;
    st = s->run();
    fail_at = 0;
    total_runs++;
    if (live != base && !reported) {
      fprintf(stderr, "  %s: allocation %ld failing leaks %ld block(s)\n",
              s->name, n, live - base);
      reported = 1;
      CHECK(live == base);
    }
    if (n_failed == 0) { /* fewer than n allocations: it completed */
      if (st != KB_OK)
        fprintf(stderr, "  %s: the complete run returns %s\n", s->name,
                kb_status_str(st));
      CHECK(st == KB_OK);
      CHECK(digest == want);
      printf("  %-40s %5ld allocations, each failed once\n", s->name, n - 1);
      return;
    }
    if (st != KB_ENOMEM && !(st == KB_OK && digest == want) && !reported) {
      fprintf(stderr, "  %s: allocation %ld of %ld failing gives %s%s\n",
              s->name, n, n_calls, kb_status_str(st),
              st == KB_OK ? " with a different result" : "");
      reported = 1;
      CHECK(st == KB_ENOMEM || (st == KB_OK && digest == want));
    }
    if (n > 200000) {
      CHECK(!"does not complete");
      return;
    }
  }
}

static void write_file(const char *path, const char *s) {
  FILE *f = fopen(path, "wb");
  if (f) {
    fputs(s, f);
    fclose(f);
  }
}

static void every_entry_point_fails_cleanly(void) {
  size_t i;
  for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
    run_scenario(&scenarios[i]);
}

int main(void) {
  char sub[128];
  snprintf(dir, sizeof dir, "/tmp/kabar-test-alloc-XXXXXX");
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(txt_path, sizeof txt_path, "%s/a.txt", dir);
  snprintf(jsonl_path, sizeof jsonl_path, "%s/b.jsonl", dir);
  snprintf(sub, sizeof sub, "%s/hunspell", dir);
  mkdir(sub, 0700);
  snprintf(dic_path, sizeof dic_path, "%s/hunspell/id.dic", dir);
  write_file(txt_path, article);
  write_file(jsonl_path,
             "{\"id\":\"j1\",\"text\":\"Polisi menangkap dua orang.\","
             "\"date\":\"2024-03-18\"}\n"
             "{\"id\":\"j2\",\"text\":\"rusak \xff\",\"title\":[1]}\n"
             "{\"id\":broken\n"
             "{\"id\":\"j3\",\"text\":\"A\\u0041 \\ud83d\\ude00\","
             "\"a\":{\"b\":1}}\n");
  write_file(dic_path, "3\nserang/KI\ntangkap/I\nkecam\n");

  /* SQLite starts with its own allocator here (it takes kabar's only when
   * that is installed before its first connection): failures inside
   * SQLite are test_store_mem.c's, whose runs sample them */
  {
    kb_store *s = NULL;
    if (kb_store_open(":memory:", 0, &s, NULL) == KB_OK)
      kb_store_close(s);
  }
  kb_set_allocator(&counting);
  if (kb_dict_load(NULL, dic_path, &dict, NULL) != KB_OK) {
    fprintf(stderr, "cannot load the dictionaries\n");
    return 1;
  }
  RUN(every_entry_point_fails_cleanly);
  kb_dict_free(dict);
  CHECK_INT(live, 0);
  kb_set_allocator(NULL);
  printf("  %ld runs\n", total_runs);

  snprintf(sub, sizeof sub, "rm -rf '%s'", dir);
  if (system(sub) != 0)
    perror(sub);
  return harness_done("alloc_fail");
}
