/*
 * test_store.c -- the store: schema and migrations, ingest and
 * idempotency, merging within and across articles, near-duplicates,
 * negation, background mentions, date conflicts, the counts against a
 * recount from the mentions, queries and their rendering, full-text
 * search, dyads from the aggregate and from the events, batches, a reader
 * beside a writer, read-only handles, allocation failures.
 *
 * The articles are written here (short Indonesian news sentences); the
 * databases are temporary files.
 */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "store.h"
#include "util/calendar.h"

static kb_dict *dict;
static char dir[64];
static int n_db;

/* A fresh database path in the test's temporary folder. */
static const char *db_path(void) {
  static char path[128];
  snprintf(path, sizeof path, "%s/t%d.db", dir, n_db++);
  return path;
}

static kb_doc *make_doc(const char *id, const char *outlet, const char *date,
                        const char *text) {
  kb_doc *doc = NULL;
  if (kb_doc_new(id, strlen(id), text, strlen(text), &doc) != KB_OK)
    return NULL;
  if (outlet)
    kb_doc_set_field(doc, KB_FIELD_OUTLET, outlet, strlen(outlet));
  if (date)
    kb_doc_set_field(doc, KB_FIELD_DATE, date, strlen(date));
  return doc;
}

static kb_status ingest(kb_store *st, const char *id, const char *outlet,
                        const char *date, const char *text,
                        kb_ingest_info *info) {
  kb_doc *doc = make_doc(id, outlet, date, text);
  kb_status rc;
  if (doc == NULL)
    return KB_ENOMEM;
  rc = kb_store_ingest_doc(st, doc, dict, NULL, info, NULL);
  kb_doc_free(doc);
  return rc;
}

/* One integer from SQL on the store's own connection. */
static long long sql_int(kb_store *st, const char *sql) {
  sqlite3_stmt *s = NULL;
  long long v = -1;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0);
  else
    fprintf(stderr, "sql failed: %s: %s\n", sql, sqlite3_errmsg(st->db));
  sqlite3_finalize(s);
  return v;
}

/* One text from SQL, copied into a static buffer ("" when NULL). */
static const char *sql_text(kb_store *st, const char *sql) {
  static char out[512];
  sqlite3_stmt *s = NULL;
  out[0] = 0;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
    snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  return out;
}

static long long count_rows(kb_rows *r) {
  long long n = 0;
  if (r == NULL)
    return -1;
  while (kb_rows_next(r, NULL) == KB_OK)
    n++;
  kb_rows_free(r);
  return n;
}

/* The index of a column by name, or (size_t)-1. */
static size_t col(kb_rows *r, const char *name) {
  size_t i;
  for (i = 0; i < kb_rows_n_columns(r); i++)
    if (strcmp(kb_rows_name(r, i), name) == 0)
      return i;
  return (size_t)-1;
}

/* The fixture articles. */
static const char art_a[] =
    "Presiden Rusia Vladimir Putin mengirim ucapan selamat kepada Pemimpin "
    "Korea Utara Kim Jong Un atas ulang tahunnya. Pada hari Senin, Putin "
    "menyampaikan ucapan selamat kepada Kim Jong Un melalui surat. Sejak "
    "invasi Rusia ke Ukraina pada Februari 2022, kedua negara semakin dekat. "
    "Pemerintah Jepang mengecam Korea Utara pada 1 Januari 2023.";
static const char art_b[] =
    "Putin mengirim ucapan selamat kepada Kim Jong Un pada 18 Maret 2024, "
    "kata juru bicara Kremlin. Hubungan kedua negara menguat sejak "
    "dimulainya perang di Ukraina pada 2014 lalu.";
static const char art_c[] =
    "Pada Maret 2024, Putin mengirim ucapan selamat kepada Kim Jong Un. Putin "
    "mengirim ucapan selamat kepada Kim Jong Un pada 5 Januari 2023. Sejak "
    "invasi Rusia ke Ukraina pada 24 Februari 2022, harga gandum naik. Rusia "
    "tidak menyerang Ukraina pada 3 Maret 2024.";

/* a, b and c ingested into a new database. */
static kb_store *seeded(void) {
  kb_store *st = NULL;
  if (kb_store_open(db_path(), 0, &st, NULL) != KB_OK)
    return NULL;
  ingest(st, "a1", "contoh.id", "2024-03-20", art_a, NULL);
  ingest(st, "b1", "berita.id", "2024-03-21", art_b, NULL);
  ingest(st, "c1", "tiga.id", "2024-04-02", art_c, NULL);
  return st;
}

#define GREETING                                                               \
  "SELECT %s FROM events WHERE source_code = 'RUSGOV' AND target_code = "      \
  "'PRKGOV' AND base_code = '051' AND date LIKE '2024-03%%'"

static long long greeting(kb_store *st, const char *what) {
  char sql[512];
  snprintf(sql, sizeof sql, GREETING, what);
  return sql_int(st, sql);
}

/* ---- tests ------------------------------------------------------------- */

static void new_database_has_current_schema(void) {
  kb_store *st = NULL;
  CHECK_INT(kb_store_open(db_path(), 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
  CHECK_STR(sql_text(st, "PRAGMA journal_mode"), "wal");
  CHECK_INT(sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name IN "
                        "('articles','sentences','mentions','events',"
                        "'claims','conflicts','dyad_days','articles_fts')"),
            8);
  kb_store_close(st);
}

static void mentions_merge_within_and_across_articles(void) {
  kb_store *st = NULL;
  kb_ingest_info info;
  CHECK_INT(kb_store_open(db_path(), 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, &info), KB_OK);
  CHECK_INT(info.is_new, 1);
  CHECK_INT(info.n_mentions, 4);
  /* "mengirim ucapan" (no date: 2024-03-20 or up to 3 days before) and
   * "Pada hari Senin ... menyampaikan ucapan" (2024-03-18): one event */
  CHECK_INT(info.n_new_events, 3);
  CHECK_INT(greeting(st, "num_mentions"), 2);
  CHECK_STR(sql_text(st, "SELECT date FROM events WHERE base_code = '051'"),
            "2024-03-18");
  CHECK_INT(ingest(st, "b1", "berita.id", "2024-03-21", art_b, &info), KB_OK);
  CHECK_INT(info.n_new_events, 0);
  CHECK_INT(greeting(st, "num_mentions"), 3);
  CHECK_INT(greeting(st, "num_articles"), 2);
  CHECK_INT(greeting(st, "num_sources"), 2);
  CHECK_INT(greeting(st, "count(*)"), 1);
  kb_store_close(st);
}

static void same_input_adds_nothing(void) {
  kb_store *st = seeded();
  kb_store_totals before, after;
  kb_ingest_info info;
  if (st == NULL)
    return;
  CHECK_INT(kb_store_totals_get(st, &before, NULL), KB_OK);
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, &info), KB_OK);
  CHECK_INT(info.is_new, 0);
  CHECK(info.article > 0);
  CHECK_INT(ingest(st, "c1", "tiga.id", "2024-04-02", art_c, &info), KB_OK);
  CHECK_INT(info.is_new, 0);
  CHECK_INT(kb_store_totals_get(st, &after, NULL), KB_OK);
  CHECK_INT(after.articles, before.articles);
  CHECK_INT(after.mentions, before.mentions);
  CHECK_INT(after.events, before.events);
  CHECK_INT(greeting(st, "num_mentions"), 4);
  kb_store_close(st);
}

/* Every row of a query, fields joined, for comparing two databases. */
static void sql_all(kb_store *st, const char *sql, buf *out) {
  sqlite3_stmt *s = NULL;
  buf_reset(out);
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
    buf_puts(out, "(error)");
    return;
  }
  while (sqlite3_step(s) == SQLITE_ROW) {
    int i, n = sqlite3_column_count(s);
    for (i = 0; i < n; i++) {
      buf_append(out, sqlite3_column_blob(s, i),
                 (size_t)sqlite3_column_bytes(s, i));
      buf_putc(out, '|');
    }
    buf_putc(out, '\n');
  }
  sqlite3_finalize(s);
}

/* The three articles, the second with a title, through kb_store_prepare
 * with `prep_dict` and kb_store_ingest_prepared (prepared: 1), or through
 * kb_store_ingest_doc (0). */
static kb_store *ingest_three(int prepared, const kb_dict *prep_dict) {
  static const char *const ids[3] = {"a1", "b1", "c1"},
                           *const outlets[3] = {"contoh.id", "berita.id",
                                                "tiga.id"},
                           *const dates[3] = {"2024-03-20", "2024-03-21",
                                              "2024-04-02"};
  const char *texts[3];
  kb_store *st = NULL;
  int i;
  texts[0] = art_a;
  texts[1] = art_b;
  texts[2] = art_c;
  if (kb_store_open(db_path(), 0, &st, NULL) != KB_OK)
    return NULL;
  for (i = 0; i < 3; i++) {
    kb_doc *doc = make_doc(ids[i], outlets[i], dates[i], texts[i]);
    kb_store_prep *prep = NULL;
    if (doc == NULL)
      continue;
    if (i == 1)
      kb_doc_set_field(doc, KB_FIELD_TITLE, "Kecaman dari Seoul", 18);
    if (prepared) {
      CHECK_INT(kb_store_prepare(doc, prep_dict, NULL, &prep, NULL), KB_OK);
      CHECK_INT(kb_store_ingest_prepared(st, doc, prep, dict, NULL, NULL, NULL),
                KB_OK);
    } else {
      CHECK_INT(kb_store_ingest_doc(st, doc, dict, NULL, NULL, NULL), KB_OK);
    }
    kb_store_prep_free(prep);
    kb_doc_free(doc);
  }
  return st;
}

/* kb_store_prepare's work, done beforehand (on another thread in kabar
 * ingest), stores what kb_store_ingest_doc stores: the same rows and the
 * same full-text index, whose tokens were replayed; with another dict
 * the tokens are not replayed, and the index is the same all the same. */
static void prepared_ingest_stores_the_same(void) {
  static const char *const tables[] = {
      "SELECT id, doc, url, hash, title, text, body, cluster_id, source_key "
      "FROM articles ORDER BY id",
      "SELECT * FROM sentences ORDER BY 1, 2",
      "SELECT * FROM mentions ORDER BY id",
      "SELECT * FROM events ORDER BY id",
      "SELECT * FROM signatures ORDER BY 1",
      "SELECT * FROM lsh ORDER BY 1, 2",
      "SELECT * FROM articles_fts_data ORDER BY 1",
      "SELECT * FROM articles_fts_idx ORDER BY 1, 2",
      "SELECT * FROM articles_fts_docsize ORDER BY 1"};
  kb_dict *other = NULL;
  kb_store *plain = ingest_three(0, dict), *prepared = ingest_three(1, dict),
           *unreplayed;
  buf a = BUF_INIT, b = BUF_INIT;
  size_t i;
  CHECK_INT(kb_dict_load(NULL, NULL, &other, NULL), KB_OK);
  unreplayed = ingest_three(1, other);
  if (plain == NULL || prepared == NULL || unreplayed == NULL || other == NULL)
    return;
  for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
    sql_all(plain, tables[i], &a);
    sql_all(prepared, tables[i], &b);
    CHECK(a.len > 0 && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
    sql_all(unreplayed, tables[i], &b);
    CHECK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
  }
  /* the index agrees with its content, tokenized anew */
  CHECK_INT(sqlite3_exec(prepared->db,
                         "INSERT INTO articles_fts(articles_fts) "
                         "VALUES('integrity-check')",
                         NULL, NULL, NULL),
            SQLITE_OK);
  CHECK_INT(sql_int(prepared, "SELECT count(*) FROM articles_fts "
                              "WHERE articles_fts MATCH 'kecam'"),
            2);
  buf_free(&a);
  buf_free(&b);
  kb_store_close(plain);
  kb_store_close(prepared);
  kb_store_close(unreplayed);
  kb_dict_free(other);
}

/* kb_store_find_doc: the identity kb_store_ingest_doc checks, on a
 * read-only handle too, which sees committed articles only. */
static void find_doc_knows_stored_articles(void) {
  const char *path = db_path();
  kb_store *st = NULL, *ro = NULL;
  kb_doc *known = make_doc("a1", "contoh.id", "2024-03-20", art_a),
         *other = make_doc("a2", "contoh.id", "2024-03-20", art_a);
  long long id = -1;
  kb_ingest_info info;
  if (known == NULL || other == NULL ||
      kb_store_open(path, 0, &st, NULL) != KB_OK) {
    CHECK(0);
    return;
  }
  CHECK_INT(kb_store_ingest_doc(st, known, dict, NULL, &info, NULL), KB_OK);
  CHECK_INT(kb_store_find_doc(st, known, &id, NULL), KB_OK);
  CHECK_INT(id, info.article);
  CHECK_INT(kb_store_find_doc(st, other, &id, NULL), KB_OK);
  CHECK_INT(id, 0);
  CHECK_INT(kb_store_open(path, KB_STORE_READONLY, &ro, NULL), KB_OK);
  CHECK_INT(kb_store_find_doc(ro, known, &id, NULL), KB_OK);
  CHECK_INT(id, info.article);
  /* an article of an open batch is not there yet for the reader */
  CHECK_INT(kb_store_begin(st, NULL), KB_OK);
  CHECK_INT(kb_store_ingest_doc(st, other, dict, NULL, &info, NULL), KB_OK);
  CHECK_INT(kb_store_find_doc(ro, other, &id, NULL), KB_OK);
  CHECK_INT(id, 0);
  CHECK_INT(kb_store_commit(st, NULL), KB_OK);
  CHECK_INT(kb_store_find_doc(ro, other, &id, NULL), KB_OK);
  CHECK_INT(id, info.article);
  CHECK_INT(kb_store_find_doc(NULL, other, &id, NULL), KB_EARG);
  kb_store_close(ro);
  kb_store_close(st);
  kb_doc_free(known);
  kb_doc_free(other);
}

static void dates_merge_only_when_compatible(void) {
  kb_store *st = seeded();
  if (st == NULL)
    return;
  /* "Pada Maret 2024" (month) joins the 2024-03-18 event; 5 January 2023
   * is another greeting */
  CHECK_INT(greeting(st, "num_mentions"), 4);
  CHECK_INT(greeting(st, "num_articles"), 3);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events WHERE base_code = '051'"),
            2);
  CHECK_STR(sql_text(st, "SELECT date FROM events WHERE base_code = '051' "
                         "AND date < '2024'"),
            "2023-01-05");
  CHECK_STR(sql_text(st, "SELECT date_lo || ' ' || date_hi FROM events WHERE "
                         "base_code = '051' AND date >= '2024'"),
            "2024-03-18 2024-03-18");
  kb_store_close(st);
}

static void background_mention_joins_the_historical_event(void) {
  kb_store *st = seeded();
  if (st == NULL)
    return;
  /* "sejak invasi Rusia ke Ukraina pada Februari 2022" and "... pada 24
   * Februari 2022": one event, narrowed to the day */
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events WHERE base_code = '190' "
                        "AND negated = 0"),
            1);
  CHECK_INT(sql_int(st, "SELECT num_mentions FROM events WHERE base_code = "
                        "'190' AND negated = 0"),
            2);
  CHECK_INT(sql_int(st, "SELECT background FROM events WHERE base_code = "
                        "'190' AND negated = 0"),
            1);
  CHECK_STR(sql_text(st, "SELECT date FROM events WHERE base_code = '190' "
                         "AND negated = 0"),
            "2022-02-24");
  kb_store_close(st);
}

static void negated_events_stay_apart(void) {
  kb_store *st = seeded();
  kb_query q = KB_QUERY_INIT;
  kb_rows *r = NULL;
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events WHERE negated = 1"), 1);
  q.root = "19";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  q.flags = KB_QUERY_NEGATED;
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 2);
  /* not in the time series */
  CHECK_INT(sql_int(st, "SELECT count(*) FROM dyad_days WHERE day = "
                        "'2024-03-03'"),
            0);
  kb_store_close(st);
}

static void conflicting_start_dates_are_recorded(void) {
  kb_store *st = seeded();
  kb_rows *r = NULL;
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "SELECT count(*) FROM claims"), 3);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM conflicts"), 2);
  CHECK_INT(kb_store_conflicts(st, &r, NULL), KB_OK);
  if (r && kb_rows_next(r, NULL) == KB_OK) {
    CHECK_TEXT(kb_rows_text(r, col(r, "subject")), "UKR");
    CHECK_TEXT(kb_rows_text(r, col(r, "a.date")), "2014");
    CHECK_TEXT(kb_rows_text(r, col(r, "b.date")), "2022-02");
    CHECK_TEXT(kb_rows_text(r, col(r, "a.doc")), "b1");
    CHECK_TEXT(kb_rows_text(r, col(r, "b.doc")), "a1");
    CHECK(strstr(kb_rows_text(r, col(r, "a.sentence")).ptr,
                 "dimulainya perang di Ukraina") != NULL);
  } else {
    CHECK(0);
  }
  if (r && kb_rows_next(r, NULL) == KB_OK) /* 2014 vs 2022-02-24 */
    CHECK_TEXT(kb_rows_text(r, col(r, "b.date")), "2022-02-24");
  kb_rows_free(r);
  kb_store_close(st);
}

static void near_duplicate_counts_once(void) {
  kb_store *st = seeded();
  kb_ingest_info info;
  static char copy[1024];
  if (st == NULL)
    return;
  /* the same agency text on another site, with a different last line */
  snprintf(copy, sizeof copy, "%s Baca juga berita lainnya di sini.", art_a);
  CHECK_INT(ingest(st, "a1-copy", "salinan.id", "2024-03-20", copy, &info),
            KB_OK);
  CHECK_INT(info.is_new, 1);
  CHECK_INT(info.duplicate_of, 1);
  CHECK_INT(greeting(st, "num_mentions"), 6);
  CHECK_INT(greeting(st, "num_articles"), 3);
  CHECK_INT(greeting(st, "num_sources"), 3);
  CHECK_INT(sql_int(st, "SELECT cluster_id FROM articles WHERE doc = "
                        "'a1-copy'"),
            1);
  CHECK_STR(sql_text(st, "SELECT source_key FROM articles WHERE doc = "
                         "'a1-copy'"),
            "contoh.id");
  /* an unrelated article is no near-duplicate */
  CHECK_INT(sql_int(st, "SELECT count(*) FROM articles WHERE cluster_id <> "
                        "id"),
            1);
  kb_store_close(st);
}

static void stored_counts_match_a_recount(void) {
  kb_store *st = seeded();
  if (st == NULL)
    return;
  ingest(st, "a1-copy", "salinan.id", "2024-03-20", art_a, NULL);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events e WHERE num_mentions <> "
                        "(SELECT count(*) FROM mentions WHERE event_id = "
                        "e.id)"),
            0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events e WHERE num_articles <> "
                        "(SELECT count(DISTINCT a.cluster_id) FROM mentions "
                        "m JOIN articles a ON a.id = m.article_id WHERE "
                        "m.event_id = e.id)"),
            0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events e WHERE num_sources <> "
                        "(SELECT count(DISTINCT a.source_key) FROM mentions "
                        "m JOIN articles a ON a.id = m.article_id WHERE "
                        "m.event_id = e.id)"),
            0);
  /* the per-day aggregate equals a GROUP BY over the events */
  CHECK_INT(sql_int(st, "SELECT count(*) FROM (SELECT substr(date || "
                        "'-01-01', 1, 10) d, source_country s, "
                        "target_country t, root r, count(*) n, "
                        "sum(num_mentions) m FROM events WHERE negated = 0 "
                        "AND date IS NOT NULL GROUP BY 1, 2, 3, 4 EXCEPT "
                        "SELECT day, source, target, root, events, mentions "
                        "FROM dyad_days WHERE events > 0)"),
            0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM dyad_days WHERE events < 0 OR "
                        "mentions < 0"),
            0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM articles WHERE n_mentions <> "
                        "(SELECT count(*) FROM mentions WHERE article_id = "
                        "articles.id)"),
            0);
  /* the full-text index agrees with the articles it indexes */
  CHECK_INT(store_exec(st,
                       "INSERT INTO articles_fts(articles_fts) "
                       "VALUES('integrity-check')",
                       NULL),
            KB_OK);
  CHECK_STR(sql_text(st, "PRAGMA integrity_check"), "ok");
  kb_store_close(st);
}

static void sentences_keep_their_spans(void) {
  kb_store *st = seeded();
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "SELECT count(*) FROM sentences WHERE article_id = 1"),
            4);
  CHECK_STR(sql_text(st, "SELECT text FROM sentence_texts WHERE article_id = "
                         "1 AND idx = 1"),
            "Pada hari Senin, Putin menyampaikan ucapan selamat kepada Kim "
            "Jong Un melalui surat.");
  /* a mention's span is its sentence's */
  CHECK_INT(sql_int(st, "SELECT count(*) FROM mentions m JOIN sentences s ON "
                        "s.article_id = m.article_id AND s.idx = "
                        "m.sentence_index WHERE s.start <> m.span_start OR "
                        "s.end <> m.span_end"),
            0);
  kb_store_close(st);
}

static void event_queries_filter(void) {
  kb_store *st = seeded();
  kb_query q = KB_QUERY_INIT;
  kb_rows *r = NULL;
  if (st == NULL)
    return;
  CHECK_INT(kb_store_events(st, NULL, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 4);
  q.actor = "RUS"; /* a prefix: RUS and RUSGOV */
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 3);
  q.actor = "PRK";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 3);
  q.actor = "RU"; /* shorter than a country: still a prefix */
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 3);
  q.actor = "RUSGOV";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 2);
  q.limit = 1; /* a page of each side, then of the whole */
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  q.limit = 0;
  q.actor = NULL;
  q.source = "JPN";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  q.source = NULL;
  q.code = "05";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 2);
  q.from = "2024-01-01";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  q.from = NULL;
  q.code = NULL;
  q.quad = 3;
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  q.quad = 0;
  q.min_sources = 3;
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  q.min_sources = 0;
  q.limit = 2;
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 2);
  q.limit = 0;
  q.to = "2022-13-01";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK); /* format only */
  kb_rows_free(r);
  q.to = "20220101";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_EARG);
  q.to = NULL;
  q.actor = "rus; DROP TABLE events";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_EARG);
  CHECK(r == NULL);
  kb_store_close(st);
}

static void rows_render_as_the_event_record(void) {
  kb_store *st = seeded();
  kb_query q = KB_QUERY_INIT;
  kb_rows *r = NULL;
  const char *out = NULL;
  size_t len = 0, i, tabs;
  if (st == NULL)
    return;
  q.code = "051";
  q.from = "2024-01-01";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(kb_rows_next(r, NULL), KB_OK);
  CHECK_INT(kb_rows_format(r, KB_FORMAT_JSONL, &out, &len), KB_OK);
  CHECK(out && strstr(out, "\"source\":{\"code\":\"RUSGOV\",\"name\":"
                           "\"Vladimir Putin\",\"country\":\"RUS\"}") != NULL);
  CHECK(out && strstr(out, "\"num_mentions\":4,\"num_articles\":3,"
                           "\"num_sources\":3,\"background\":false") != NULL);
  CHECK(out && strstr(out, "\"goldstein\":3.4") != NULL);
  CHECK(out && len > 2 && out[len - 1] == '\n' && out[len - 2] == '}');
  CHECK_INT(kb_rows_format(r, KB_FORMAT_GDELT, &out, &len), KB_OK);
  for (i = 0, tabs = 0; out && i < len; i++)
    tabs += out[i] == '\t';
  CHECK_INT(tabs, 60);
  CHECK(out && strncmp(out + strcspn(out, "\t"), "\t20240318\t202403\t2024\t",
                       22) == 0);
  CHECK(out && strstr(out, "\t051\t051\t05\t1\t3.4\t4\t3\t3\t") != NULL);
  CHECK_INT(kb_rows_format(r, KB_FORMAT_CSV, &out, &len), KB_OK);
  CHECK(out && strstr(out, ",\"RUSGOV\",\"Vladimir Putin\",") != NULL);
  CHECK(strncmp(kb_rows_csv_header(r), "id,source_code,source_name,", 27) == 0);
  CHECK_INT(kb_rows_next(r, NULL), KB_DONE);
  kb_rows_free(r);

  /* mentions: the evidence, with the record's span */
  CHECK_INT(kb_store_mentions(st, 1, &r, NULL), KB_OK);
  CHECK_INT(kb_rows_next(r, NULL), KB_OK);
  CHECK_INT(kb_rows_format(r, KB_FORMAT_JSONL, &out, &len), KB_OK);
  CHECK(out && strstr(out, "\"id\":\"a1:0:1\",\"doc\":\"a1\"") != NULL);
  CHECK(out && strstr(out, "\"span\":[0,") != NULL);
  CHECK_INT(kb_rows_format(r, KB_FORMAT_GDELT, &out, &len), KB_OK);
  for (i = 0, tabs = 0; out && i < len; i++)
    tabs += out[i] == '\t';
  CHECK_INT(tabs, 15);
  kb_rows_free(r);

  /* GDELT has no layout for dyads */
  CHECK_INT(kb_store_dyads(st, NULL, KB_PERIOD_MONTH, &r, NULL), KB_OK);
  CHECK_INT(kb_rows_next(r, NULL), KB_OK);
  CHECK_INT(kb_rows_format(r, KB_FORMAT_GDELT, &out, &len), KB_EARG);
  kb_rows_free(r);
  kb_store_close(st);
}

static void search_matches_stems(void) {
  kb_store *st = seeded();
  kb_rows *r = NULL;
  if (st == NULL)
    return;
  CHECK_INT(kb_store_search(st, "ucapan Kim", 0, 0, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 3);
  /* "mengecam" (condemns) is found from "kecaman" (condemnation) */
  CHECK_INT(kb_store_search(st, "kecaman", 0, 0, &r, NULL), KB_OK);
  if (r && kb_rows_next(r, NULL) == KB_OK) {
    kb_text snippet = kb_rows_text(r, col(r, "snippet"));
    CHECK_TEXT(kb_rows_text(r, col(r, "doc")), "a1");
    CHECK_INT(kb_rows_int(r, col(r, "events")), 3);
    CHECK(snippet.ptr && strstr(snippet.ptr, "[mengecam]") != NULL);
    CHECK_INT(kb_rows_next(r, NULL), KB_DONE);
  } else {
    CHECK(0);
  }
  kb_rows_free(r);
  CHECK_INT(kb_store_search(st, "gandum OR Jepang", KB_SEARCH_RAW, 0, &r, NULL),
            KB_OK);
  CHECK_INT(count_rows(r), 2);
  /* quotes and operators in plain queries are words, not syntax */
  CHECK_INT(kb_store_search(st, "\"Putin OR", 0, 0, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 0);
  CHECK_INT(kb_store_search(st, "   ", 0, 0, &r, NULL), KB_EARG);
  CHECK_INT(kb_store_search(st, "Putin", 0, 1, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  kb_store_close(st);
}

/* Every row of two dyad cursors, joined as CSV. */
static void dyad_text(kb_rows *r, buf *out) {
  const char *line;
  size_t len;
  while (kb_rows_next(r, NULL) == KB_OK)
    if (kb_rows_format(r, KB_FORMAT_CSV, &line, &len) == KB_OK)
      buf_append(out, line, len);
  kb_rows_free(r);
}

static void dyads_sum_events_per_period(void) {
  kb_store *st = seeded();
  kb_query q = KB_QUERY_INIT;
  kb_rows *r = NULL;
  buf a = BUF_INIT, b = BUF_INIT;
  if (st == NULL)
    return;
  q.source = "RUS";
  q.target = "PRK";
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_MONTH, &r, NULL), KB_OK);
  if (r && kb_rows_next(r, NULL) == KB_OK) {
    CHECK_TEXT(kb_rows_text(r, 0), "2023-01");
    CHECK_INT(kb_rows_next(r, NULL), KB_OK);
    CHECK_TEXT(kb_rows_text(r, 0), "2024-03");
    CHECK_INT(kb_rows_int(r, col(r, "events")), 1);
    CHECK_INT(kb_rows_int(r, col(r, "mentions")), 4);
    CHECK_TEXT(kb_rows_text(r, col(r, "goldstein")), "3.4");
  } else {
    CHECK(0);
  }
  kb_rows_free(r);
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_WEEK, &r, NULL), KB_OK);
  if (r && kb_rows_next(r, NULL) == KB_OK) /* Thursday 2023-01-05's week */
    CHECK_TEXT(kb_rows_text(r, 0), "2023-01-02");
  if (r && kb_rows_next(r, NULL) == KB_OK)
    CHECK_TEXT(kb_rows_text(r, 0), "2024-03-18"); /* a Monday */
  kb_rows_free(r);
  /* the aggregate (root filter) and the events (code filter) agree */
  q.source = q.target = NULL;
  q.root = "05";
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_DAY, &r, NULL), KB_OK);
  dyad_text(r, &a);
  q.root = NULL;
  q.code = "05";
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_DAY, &r, NULL), KB_OK);
  dyad_text(r, &b);
  CHECK(a.len > 0 && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
  buf_free(&a);
  buf_free(&b);
  q.code = NULL;
  q.from = "2024-01-01";
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_MONTH, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 1);
  /* an actor that is not a whole country goes to the events table */
  q.from = NULL;
  q.actor = "PRK";
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_MONTH, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 3);
  q.actor = "PR";
  CHECK_INT(kb_store_dyads(st, &q, KB_PERIOD_MONTH, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 3);
  CHECK_INT(kb_store_dyads(st, NULL, (kb_period)7, &r, NULL), KB_EARG);
  kb_store_close(st);
}

static void batches_commit_or_roll_back_whole(void) {
  kb_store *st = NULL;
  kb_ingest_info info;
  CHECK_INT(kb_store_open(db_path(), 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(kb_store_commit(st, NULL), KB_EARG);
  CHECK_INT(kb_store_begin(st, NULL), KB_OK);
  CHECK_INT(kb_store_begin(st, NULL), KB_EARG);
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, &info), KB_OK);
  CHECK_INT(ingest(st, "b1", "berita.id", "2024-03-21", art_b, &info), KB_OK);
  CHECK_INT(kb_store_rollback(st, NULL), KB_OK);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM articles"), 0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM events"), 0);
  CHECK_INT(kb_store_begin(st, NULL), KB_OK);
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, &info), KB_OK);
  CHECK_INT(info.is_new, 1);
  /* the same article twice in one batch is stored once */
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, &info), KB_OK);
  CHECK_INT(info.is_new, 0);
  CHECK_INT(kb_store_commit(st, NULL), KB_OK);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM articles"), 1);
  kb_store_close(st);
}

static void reader_sees_commits_while_writer_works(void) {
  const char *path = db_path();
  kb_store *w = NULL, *rd = NULL;
  kb_rows *r = NULL;
  char copy[128];
  CHECK_INT(kb_store_open(path, 0, &w, NULL), KB_OK);
  if (w == NULL)
    return;
  snprintf(copy, sizeof copy, "%s", path);
  ingest(w, "a1", "contoh.id", "2024-03-20", art_a, NULL);
  CHECK_INT(kb_store_begin(w, NULL), KB_OK);
  ingest(w, "b1", "berita.id", "2024-03-21", art_b, NULL);
  ingest(w, "c1", "tiga.id", "2024-04-02", art_c, NULL);
  /* a reader opens and queries while the batch is open */
  CHECK_INT(kb_store_open(copy, KB_STORE_READONLY, &rd, NULL), KB_OK);
  if (rd) {
    CHECK_INT(kb_store_events(rd, NULL, &r, NULL), KB_OK);
    CHECK_INT(count_rows(r), 3);
  }
  CHECK_INT(kb_store_commit(w, NULL), KB_OK);
  if (rd) {
    CHECK_INT(kb_store_events(rd, NULL, &r, NULL), KB_OK);
    CHECK_INT(count_rows(r), 4);
    CHECK_INT(ingest(rd, "x", NULL, NULL, art_a, NULL), KB_EARG);
    CHECK_INT(kb_store_begin(rd, NULL), KB_EARG);
  }
  kb_store_close(rd);
  kb_store_close(w);
}

static void opening_checks_the_file(void) {
  kb_store *st = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  char path[128];
  sqlite3 *db = NULL;
  snprintf(path, sizeof path, "%s/none/x.db", dir);
  CHECK_INT(kb_store_open(path, 0, &st, &err), KB_EIO);
  CHECK(st == NULL);
  CHECK_STR(err.input, path);
  snprintf(path, sizeof path, "%s/absent.db", dir);
  CHECK_INT(kb_store_open(path, KB_STORE_READONLY, &st, NULL), KB_EIO);
  /* someone else's database */
  snprintf(path, sizeof path, "%s/other.db", dir);
  sqlite3_open(path, &db);
  sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
  sqlite3_close(db);
  CHECK_INT(kb_store_open(path, 0, &st, &err), KB_EDB);
  CHECK_STR(err.msg, "not a kabar database");
  /* a newer kabar's */
  snprintf(path, sizeof path, "%s/newer.db", dir);
  CHECK_INT(kb_store_open(path, 0, &st, NULL), KB_OK);
  kb_store_close(st);
  sqlite3_open(path, &db);
  sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close(db);
  st = NULL;
  CHECK_INT(kb_store_open(path, 0, &st, &err), KB_EDB);
  CHECK_STR(err.msg, "database made by a newer kabar");
  CHECK(st == NULL);
  /* not a database at all */
  snprintf(path, sizeof path, "%s/text.db", dir);
  {
    FILE *f = fopen(path, "w");
    if (f) {
      fputs("just some text, not SQLite\n", f);
      fclose(f);
    }
  }
  CHECK_INT(kb_store_open(path, 0, &st, NULL), KB_EDB);
  kb_store_close(NULL);
}

static void migration_from_version_1(void) {
  const char *path = db_path();
  kb_store *st = NULL;
  char copy[128];
  snprintf(copy, sizeof copy, "%s", path);
  CHECK_INT(store_open_version(copy, 0, 1, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), 1);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'dyad_days'"),
            0);
  /* version 1 data: two events of one dyad and day, one negated */
  CHECK_INT(store_exec(st,
                       "INSERT INTO events VALUES(1, 'RUSGOV', 'Putin', "
                       "'RUS', 'PRKGOV', 'Kim', 'PRK', '051', '051', '05', 1, "
                       "3.4, '2024-03-18', 'day', 6, '2024-03-18', "
                       "'2024-03-18', 0, 0, 1, 4, 2, 2, 1, '2024-03-20');"
                       "INSERT INTO events VALUES(2, 'RUS', 'Rusia', 'RUS', "
                       "'PRK', 'Korea Utara', 'PRK', '042', '042', '04', 1, "
                       "1.9, '2024-03', 'month', 5, '2024-03-01', "
                       "'2024-03-31', 0, 0, 0, 1, 1, 1, 1, '2024-03-20');"
                       "INSERT INTO events VALUES(3, 'RUS', 'Rusia', 'RUS', "
                       "'PRK', 'Korea Utara', 'PRK', '190', '190', '19', 4, "
                       "-10, '2024-03', 'month', 5, '2024-03-01', "
                       "'2024-03-31', 1, 0, 0, 1, 1, 1, 1, '2024-03-20');"
                       /* an article with its signature in the row */
                       "INSERT INTO articles(id, doc, hash, text, body, "
                       "n_sentences, n_mentions, cluster_id, source_key, "
                       "minhash, ingested) VALUES(1, 'v1', 'h1', 'Teks.', "
                       "'Teks.', 1, 0, 1, 'contoh.id', x'0102030405060708', "
                       "'2024-03-20T10:00:00Z');",
                       NULL),
            KB_OK);
  kb_store_close(st);
  st = NULL;
  CHECK_INT(kb_store_open(copy, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM dyad_days"), 2);
  /* version 3: the signature moved to its own table */
  CHECK_INT(sql_int(st, "SELECT count(*) FROM signatures WHERE article_id = "
                        "1 AND minhash = x'0102030405060708' AND "
                        "cluster_id = 1 AND source_key = 'contoh.id'"),
            1);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM pragma_table_info('articles') "
                        "WHERE name = 'minhash'"),
            0);
  CHECK_INT(sql_int(st, "SELECT mentions FROM dyad_days WHERE day = "
                        "'2024-03-18'"),
            4);
  CHECK_INT(sql_int(st, "SELECT events FROM dyad_days WHERE day = "
                        "'2024-03-01'"),
            1);
  /* and the migrated database goes on working */
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, NULL), KB_OK);
  CHECK_INT(sql_int(st, "SELECT num_mentions FROM events WHERE id = 1"), 6);
  kb_store_close(st);
}

/* Events keep where they happened; --country and --near find them. */
static void events_are_found_by_place(void) {
  static const char text[] =
      "Putin Bertemu Kim\n\n"
      "Presiden Rusia Vladimir Putin bertemu dengan pemimpin Korea Utara Kim "
      "Jong Un di Pyongyang pada Rabu.\n\n"
      "Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri "
      "Jepang di Tokyo pada Kamis.\n";
  kb_store *st = NULL;
  kb_query q = KB_QUERY_INIT;
  kb_rows *r = NULL;
  char copy[128];
  snprintf(copy, sizeof copy, "%s", db_path());
  CHECK_INT(kb_store_open(copy, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(ingest(st, "geo", "contoh.id", "2024-06-19", text, NULL), KB_OK);
  CHECK(sql_int(st, "SELECT count(*) FROM event_locations WHERE "
                    "feature_id = '1871859' AND country = 'KN'") >= 1);
  q.country = "KN";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK(count_rows(r) >= 1);
  q.country = "JA";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK(count_rows(r) >= 1);
  q.country = "US";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 0);
  q.country = "Korea";
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_EARG);
  q.country = NULL;
  /* 40 km around Pyongyang: the meeting there, not the one in Tokyo */
  q.near_lat = 39.03;
  q.near_lon = 125.75;
  q.near_km = 40;
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  if (r && kb_rows_next(r, NULL) == KB_OK) {
    size_t i;
    for (i = 0; i < kb_rows_n_columns(r); i++)
      if (strcmp(kb_rows_name(r, i), "location.feature_id") == 0)
        CHECK_STR(kb_rows_text(r, i).ptr, "1871859");
  } else {
    CHECK(0);
  }
  kb_rows_free(r);
  r = NULL;
  q.near_km = 5; /* 60 km off Pyongyang: nothing within 5 km */
  q.near_lat = 39.57;
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_OK);
  CHECK_INT(count_rows(r), 0);
  q.near_lat = 95; /* no such latitude */
  CHECK_INT(kb_store_events(st, &q, &r, NULL), KB_EARG);
  kb_store_close(st);
}

/* A version 4 database gains the actors' location table, empty; the
 * events stored after fill it (Actor1Geo, Actor2Geo of the export). */
static void migration_from_version_4_adds_actor_locations(void) {
  kb_store *st = NULL;
  char copy[128];
  snprintf(copy, sizeof copy, "%s", db_path());
  CHECK_INT(store_open_version(copy, 0, 4, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'actor_locations'"),
            0);
  kb_store_close(st);
  st = NULL;
  CHECK_INT(kb_store_open(copy, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM actor_locations"), 0);
  CHECK_INT(ingest(st, "b1", "berita.id", "2024-03-21", art_b, NULL), KB_OK);
  /* Putin (RUSGOV) is in Russia, Kim Jong Un (PRKGOV) in North Korea */
  CHECK(sql_int(st, "SELECT count(*) FROM actor_locations WHERE role = 1 "
                    "AND country = 'RS' AND type = 1") >= 1);
  CHECK(sql_int(st, "SELECT count(*) FROM actor_locations WHERE role = 2 "
                    "AND country = 'KN' AND type = 1") >= 1);
  kb_store_close(st);
}

/* The rows of a query as JSON Lines, in a buffer of the caller's. */
static void rows_jsonl(kb_store *st, const kb_query *q, char *out,
                       size_t cap) {
  kb_rows *r = NULL;
  size_t n = 0;
  out[0] = 0;
  if (kb_store_events(st, q, &r, NULL) != KB_OK)
    return;
  while (kb_rows_next(r, NULL) == KB_OK) {
    const char *line;
    size_t len;
    if (kb_rows_format(r, KB_FORMAT_JSONL, &line, &len) == KB_OK &&
        n + len < cap) {
      memcpy(out + n, line, len);
      n += len;
      out[n] = 0;
    }
  }
  kb_rows_free(r);
}

/* A version 5 database gets the wider event indexes (version 6), and its
 * queries answer the same rows. */
static void migration_from_version_5_widens_event_indexes(void) {
  static const char *const idx_cols =
      "SELECT count(*) FROM pragma_index_info('events_source')";
  static char before[3][8192], after[8192];
  kb_query q[3] = {KB_QUERY_INIT, KB_QUERY_INIT, KB_QUERY_INIT};
  kb_store *st = NULL;
  char copy[128];
  int i;
  snprintf(copy, sizeof copy, "%s", db_path());
  CHECK_INT(store_open_version(copy, 0, 5, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, idx_cols), 3);
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, NULL), KB_OK);
  CHECK_INT(ingest(st, "b1", "berita.id", "2024-03-21", art_b, NULL), KB_OK);
  q[0].source = "RUS";
  q[0].target = "PRK";
  q[1].actor = "PRK";
  q[1].root = "05";
  q[1].limit = 1;
  q[2].min_sources = 2;
  for (i = 0; i < 3; i++)
    rows_jsonl(st, &q[i], before[i], sizeof before[i]);
  CHECK(strstr(before[0], "\"RUS\"") != NULL);
  CHECK(before[1][0] != 0);
  kb_store_close(st);
  st = NULL;
  CHECK_INT(kb_store_open(copy, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
  CHECK_INT(sql_int(st, idx_cols), 10);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM pragma_index_info("
                        "'events_target') WHERE name = 'source_country'"),
            1);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM pragma_index_info("
                        "'events_date') WHERE name = 'num_sources'"),
            1);
  for (i = 0; i < 3; i++) {
    rows_jsonl(st, &q[i], after, sizeof after);
    CHECK_STR(after, before[i]);
  }
  kb_store_close(st);
}

/* The documents a search finds, their snippets and event counts, joined. */
static void search_text(kb_store *st, const char *query, unsigned flags,
                        char *out, size_t cap) {
  kb_rows *r = NULL;
  size_t n = 0;
  out[0] = 0;
  if (kb_store_search(st, query, flags, 0, &r, NULL) != KB_OK)
    return;
  while (kb_rows_next(r, NULL) == KB_OK) {
    kb_text doc = kb_rows_text(r, col(r, "doc")),
            snip = kb_rows_text(r, col(r, "snippet"));
    int k = snprintf(out + n, cap - n, "%.*s|%.*s|%lld\n", (int)doc.len,
                     doc.ptr ? doc.ptr : "", (int)snip.len,
                     snip.ptr ? snip.ptr : "",
                     (long long)kb_rows_int(r, col(r, "events")));
    if (k < 0 || (size_t)k >= cap - n)
      break;
    n += (size_t)k;
  }
  kb_rows_free(r);
}

/* A version 6 database gets FTS5's automerge 8 and hashsize 16 MB (a new
 * one has them from the start); its index answers the same, phrases and
 * snippets included, and goes on taking articles. */
static void migration_from_version_6_sets_fts_merging(void) {
  static const char *const automerge =
      "SELECT coalesce((SELECT v FROM articles_fts_config WHERE k = "
      "'automerge'), 0)";
  static const char *const hashsize =
      "SELECT coalesce((SELECT v FROM articles_fts_config WHERE k = "
      "'hashsize'), 0)";
  static const char *const queries[] = {"kecaman", "ucapan Kim",
                                        "\"ucapan selamat\" Putin"};
  static char before[3][2048], after[2048];
  kb_store *st = NULL;
  char copy[128];
  size_t i;
  snprintf(copy, sizeof copy, "%s", db_path());
  CHECK_INT(store_open_version(copy, 0, 6, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, automerge), 0);
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, NULL), KB_OK);
  CHECK_INT(ingest(st, "b1", "berita.id", "2024-03-21", art_b, NULL), KB_OK);
  for (i = 0; i < 3; i++) {
    search_text(st, queries[i], i == 2 ? KB_SEARCH_RAW : 0, before[i],
                sizeof before[i]);
    CHECK(before[i][0] != 0);
  }
  CHECK(strstr(before[0], "[mengecam]") != NULL);
  kb_store_close(st);
  st = NULL;
  CHECK_INT(kb_store_open(copy, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
  CHECK_INT(sql_int(st, automerge), 8);
  CHECK_INT(sql_int(st, hashsize), 16777216);
  for (i = 0; i < 3; i++) {
    search_text(st, queries[i], i == 2 ? KB_SEARCH_RAW : 0, after,
                sizeof after);
    CHECK_STR(after, before[i]);
  }
  CHECK_INT(ingest(st, "c1", "kabar.id", "2024-03-22", art_c, NULL), KB_OK);
  search_text(st, "gandum", 0, after, sizeof after);
  CHECK(strncmp(after, "c1|", 3) == 0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM articles_fts WHERE "
                        "articles_fts MATCH 'Putin'"),
            3);
  kb_store_close(st);
  st = NULL;
  /* a new database has them from the start */
  CHECK_INT(kb_store_open(db_path(), 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, automerge), 8);
  CHECK_INT(sql_int(st, hashsize), 16777216);
  kb_store_close(st);
}

/* A version 3 database gains the location table, empty, and goes on. */
static void migration_from_version_3_adds_locations(void) {
  kb_store *st = NULL;
  char copy[128];
  snprintf(copy, sizeof copy, "%s", db_path());
  CHECK_INT(store_open_version(copy, 0, 3, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'event_locations'"),
            0);
  kb_store_close(st);
  st = NULL;
  CHECK_INT(kb_store_open(copy, 0, &st, NULL), KB_OK);
  if (st == NULL)
    return;
  CHECK_INT(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM event_locations"), 0);
  /* and the migrated database stores locations */
  CHECK_INT(ingest(st, "a1", "contoh.id", "2024-03-20", art_a, NULL), KB_OK);
  CHECK(sql_int(st, "SELECT count(*) FROM event_locations") > 0);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM sqlite_master WHERE name = "
                        "'event_locations_country'"),
            1);
  kb_store_close(st);
}

static void date_intervals(void) {
  char lo[11], hi[11];
  store_interval("2024-03-18", KB_DATE_DAY, 0, lo, hi);
  CHECK_STR(lo, "2024-03-18");
  CHECK_STR(hi, "2024-03-18");
  store_interval("2024-03-20", KB_DATE_DAY, 1, lo, hi);
  CHECK_STR(lo, "2024-03-17");
  CHECK_STR(hi, "2024-03-20");
  store_interval("2024-02", KB_DATE_MONTH, 0, lo, hi);
  CHECK_STR(lo, "2024-02-01");
  CHECK_STR(hi, "2024-02-29");
  store_interval("2020", KB_DATE_YEAR, 0, lo, hi);
  CHECK_STR(lo, "2020-01-01");
  CHECK_STR(hi, "2020-12-31");
  store_interval("", KB_DATE_NONE, 0, lo, hi);
  CHECK_STR(lo, "0000-01-01");
  CHECK_STR(hi, "9999-12-31");
  store_interval("2024-01-02", KB_DATE_DAY, 1, lo, hi);
  CHECK_STR(lo, "2023-12-30");
  store_iso(cal_days_from_civil(2000, 2, 29) + 1, lo);
  CHECK_STR(lo, "2000-03-01");
  {
    char c[16];
    store_country("RUSGOV", c);
    CHECK_STR(c, "RUS");
    store_country("IGOUNO", c);
    CHECK_STR(c, "IGOUNO");
    store_country("", c);
    CHECK_STR(c, "");
  }
}

static void minhash_tells_copies_from_others(void) {
  kb_doc *a = make_doc("a", NULL, "2024-03-20", art_a);
  kb_doc *c = make_doc("c", NULL, "2024-03-20", art_c);
  static char copy[1024];
  kb_doc *a2;
  uint32_t sa[STORE_MINHASH_BINS], sc[STORE_MINHASH_BINS],
      s2[STORE_MINHASH_BINS];
  snprintf(copy, sizeof copy, "ANTARA - %s", art_a);
  a2 = make_doc("a2", NULL, "2024-03-20", copy);
  if (a == NULL || c == NULL || a2 == NULL)
    return;
  kb_doc_segment(a, NULL);
  kb_doc_segment(c, NULL);
  kb_doc_segment(a2, NULL);
  CHECK(store_minhash(a, sa) > STORE_MIN_SHINGLES);
  store_minhash(c, sc);
  store_minhash(a2, s2);
  CHECK(store_similarity(sa, s2) >= STORE_NEAR_DUP);
  CHECK(store_similarity(sa, sc) < 0.3);
  CHECK(store_similarity(sa, sa) == 1.0);
  kb_doc_free(a);
  kb_doc_free(c);
  kb_doc_free(a2);
}

/* An allocator that fails the Nth allocation. */
static long alloc_countdown = -1;
static void *fail_alloc(void *ctx, size_t n) {
  (void)ctx;
  if (alloc_countdown == 0)
    return NULL;
  if (alloc_countdown > 0)
    alloc_countdown--;
  return malloc(n);
}
static void fail_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static void allocation_failures_leave_nothing_half_done(void) {
  kb_allocator a = {fail_alloc, NULL, fail_free, NULL};
  const char *path = db_path();
  kb_store *st = NULL;
  long n;
  int completed = 0;
  char copy[128];
  snprintf(copy, sizeof copy, "%s", path);
  kb_dict_free(dict); /* objects must be freed under their allocator */
  dict = NULL;
  kb_set_allocator(&a);
  if (kb_dict_load(NULL, NULL, &dict, NULL) != KB_OK ||
      kb_store_open(copy, 0, &st, NULL) != KB_OK)
    goto done;
  for (n = 0; n < 2000 && !completed; n++) {
    kb_doc *doc = make_doc("a1", "contoh.id", "2024-03-20", art_a);
    kb_ingest_info info;
    kb_status rc;
    if (doc == NULL)
      continue;
    alloc_countdown = n;
    rc = kb_store_ingest_doc(st, doc, dict, NULL, &info, NULL);
    alloc_countdown = -1;
    kb_doc_free(doc);
    CHECK(rc == KB_OK || rc == KB_ENOMEM);
    if (rc == KB_OK)
      completed = 1;
    else
      CHECK_INT(sql_int(st, "SELECT count(*) FROM articles"), 0);
  }
  CHECK(completed);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM articles"), 1);
  CHECK_INT(sql_int(st, "SELECT count(*) FROM mentions"), 4);
done:
  kb_store_close(st);
  kb_dict_free(dict);
  kb_set_allocator(NULL);
  dict = NULL;
  kb_dict_load(NULL, NULL, &dict, NULL);
}

int main(void) {
  char cmd[96];
  snprintf(dir, sizeof dir, "/tmp/kabar-test-store-XXXXXX");
  if (mkdtemp(dir) == NULL || kb_dict_load(NULL, NULL, &dict, NULL) != KB_OK) {
    fprintf(stderr, "test_store: cannot set up\n");
    return 1;
  }
  RUN(new_database_has_current_schema);
  RUN(mentions_merge_within_and_across_articles);
  RUN(same_input_adds_nothing);
  RUN(prepared_ingest_stores_the_same);
  RUN(find_doc_knows_stored_articles);
  RUN(dates_merge_only_when_compatible);
  RUN(background_mention_joins_the_historical_event);
  RUN(negated_events_stay_apart);
  RUN(conflicting_start_dates_are_recorded);
  RUN(near_duplicate_counts_once);
  RUN(stored_counts_match_a_recount);
  RUN(sentences_keep_their_spans);
  RUN(event_queries_filter);
  RUN(rows_render_as_the_event_record);
  RUN(search_matches_stems);
  RUN(dyads_sum_events_per_period);
  RUN(batches_commit_or_roll_back_whole);
  RUN(reader_sees_commits_while_writer_works);
  RUN(opening_checks_the_file);
  RUN(migration_from_version_1);
  RUN(migration_from_version_3_adds_locations);
  RUN(migration_from_version_4_adds_actor_locations);
  RUN(migration_from_version_5_widens_event_indexes);
  RUN(migration_from_version_6_sets_fts_merging);
  RUN(events_are_found_by_place);
  RUN(date_intervals);
  RUN(minhash_tells_copies_from_others);
  RUN(allocation_failures_leave_nothing_half_done);
  kb_dict_free(dict);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "test_store: could not remove %s\n", dir);
  return harness_done("store");
}
