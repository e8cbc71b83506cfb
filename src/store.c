/*
 * store.c -- the store stage: an event database in one SQLite file.
 *
 * Input: coded kb_docs (kb_store_ingest_doc).  Output: rows in the tables
 * of store_schema.c -- the article with its text and sentences, the
 * full-text index, the near-duplicate index, one mention per coded event
 * record, merged events (store_merge.c) and dated claims.  Last box of the
 * pipeline before `serve` (docs/DESIGN.md); it reads a document and never
 * changes it.
 *
 * Transactions: kb_store_begin/commit make a batch one transaction.  An
 * article is coded before anything is written, so bad input or a lack of
 * memory there leaves nothing behind and the batch goes on; a failure
 * while writing (disk full, out of memory inside SQLite) spoils the batch,
 * which must then be rolled back (docs/STORE.md, "Transactions").  The database
 * runs in WAL mode with synchronous=NORMAL: a commit survives the process being
 * killed at any moment, and readers never wait for the writer.  Every
 * statement is prepared once, with parameters; no SQL is built from data.
 *
 * References: SQLite "Write-Ahead Logging", "Atomic Commit In SQLite";
 * docs/STORE.md for the schema and the rules.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "store_pg.h"
#include "tag_date.h"
#include "util/alloc.h"
#include "util/hash.h"

/* The statements of store_stmt, in its order. */
static const char *const stmt_sql[ST_COUNT_] = {
    /* ST_ARTICLE_BY_HASH */
    "SELECT id FROM articles WHERE hash = ?1",
    /* ST_ARTICLE_INSERT */
    "INSERT INTO articles(id, doc, url, hash, title, outlet, author, "
    "published, dateline, reference_date, input, text, body, n_sentences, "
    "n_mentions, cluster_id, similarity, source_key, ingested) "
    "VALUES((SELECT coalesce(max(id), 0) + 1 FROM articles), ?1, ?2, ?3, "
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "coalesce(?15, (SELECT coalesce(max(id), 0) + 1 FROM articles)), ?16, "
    "coalesce(?17, 'doc:' || (SELECT coalesce(max(id), 0) + 1 FROM "
    "articles)), ?18)",
    /* ST_FTS_INSERT */
    "INSERT INTO articles_fts(rowid, title, body) VALUES(?1, ?2, ?3)",
    /* ST_LSH_FIND: one band key's articles (a key shared by more is
     * boilerplate, not a copy) */
    "SELECT article_id FROM lsh WHERE key = ?1 LIMIT 64",
    /* ST_ARTICLE_SIG */
    "SELECT minhash, cluster_id, source_key FROM signatures "
    "WHERE article_id = ?1",
    /* ST_SIG_INSERT */
    "INSERT INTO signatures(article_id, minhash, cluster_id, source_key) "
    "VALUES(?1, ?2, ?3, ?4)",
    /* ST_MENTION_INSERT */
    "INSERT INTO mentions(article_id, event_id, record_id, sentence_index, "
    "sentence, span_start, span_end, part, source_code, source_name, "
    "source_text, source_start, source_end, target_code, target_name, "
    "target_text, target_start, target_end, code, root, quad, goldstein, "
    "date, date_precision, date_soft, date_lo, date_hi, attribution, "
    "negated, background, is_root, verb, verb_start, verb_end) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, "
    "?29, ?30, ?31, ?32, ?33, ?34)",
    /* ST_EVENT_FIND: events of the merge key whose dates may overlap
     * [?5, ?6]; ?7 bounds the scan (no event interval is wider than a
     * year, except the undated, whose date_lo is 0000-01-01) */
    "SELECT id, date_lo, date_hi, date, date_precision, date_rank, "
    "background, is_root, num_mentions, num_articles, num_sources, "
    "goldstein, root FROM events "
    "WHERE source_code = ?1 AND target_code = ?2 AND base_code = ?3 "
    "AND negated = ?4 AND ((date_lo >= ?7 AND date_lo <= ?6) OR "
    "date_lo = '0000-01-01') AND date_hi >= ?5",
    /* ST_EVENT_INSERT */
    "INSERT INTO events(source_code, source_name, source_country, "
    "target_code, target_name, target_country, code, base_code, root, quad, "
    "goldstein, date, date_precision, date_rank, date_lo, date_hi, negated, "
    "background, is_root, num_mentions, num_articles, num_sources, "
    "first_article_id, date_added) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, 1, 1, 1, ?20, ?21)",
    /* ST_EVENT_UPDATE */
    "UPDATE events SET date = ?2, date_precision = ?3, date_rank = ?4, "
    "date_lo = ?5, date_hi = ?6, background = ?7, is_root = ?8, "
    "num_mentions = ?9, num_articles = ?10, num_sources = ?11 WHERE id = ?1",
    /* ST_EVENT_COUNT: the same when date, date_lo, date_hi and num_sources
     * stay: it sets no column of an index, so SQLite rewrites none of the
     * four (a copy's mention, the commonest merge) */
    "UPDATE events SET date_precision = ?3, date_rank = ?4, "
    "background = ?7, is_root = ?8, num_mentions = ?9, num_articles = ?10 "
    "WHERE id = ?1",
    /* ST_EVENT_ARTICLE */
    "INSERT OR IGNORE INTO event_articles(event_id, cluster_id) "
    "VALUES(?1, ?2)",
    /* ST_EVENT_SOURCE */
    "INSERT OR IGNORE INTO event_sources(event_id, source_key) "
    "VALUES(?1, ?2)",
    /* ST_DYAD_ADD */
    "INSERT INTO dyad_days(day, source, target, root, events, mentions, "
    "goldstein) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT(source, target, day, root) DO UPDATE SET "
    "events = events + excluded.events, "
    "mentions = mentions + excluded.mentions, "
    "goldstein = goldstein + excluded.goldstein",
    /* ST_CLAIM_INSERT */
    "INSERT INTO claims(article_id, sentence_index, sentence, kind, subject, "
    "trigger, date, date_precision, date_lo, date_hi, span_start, span_end) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    /* ST_CLAIM_CONFLICTING */
    "SELECT DISTINCT date FROM claims WHERE kind = ?1 AND subject = ?2 "
    "AND (date_hi < ?3 OR date_lo > ?4)",
    /* ST_CONFLICT_INSERT */
    "INSERT OR IGNORE INTO conflicts(kind, subject, date_a, date_b) "
    "VALUES(?1, ?2, ?3, ?4)",
    /* ST_EVENT_LOCATION */
    "INSERT OR IGNORE INTO event_locations(event_id, type, name, country, "
    "iso, adm1, lat, lon, feature_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    /* ST_ACTOR_LOCATION */
    "INSERT OR IGNORE INTO actor_locations(event_id, type, name, country, "
    "iso, adm1, lat, lon, feature_id, role) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
};

/* ---- errors and small helpers ------------------------------------------- */

kb_status store_fail(kb_store *st, kb_error *err) {
  const char *m = st->db ? sqlite3_errmsg(st->db) : "cannot open database";
  kb_status code = st->db && (sqlite3_errcode(st->db) & 0xff) == SQLITE_NOMEM
                       ? KB_ENOMEM
                       : KB_EDB;
  snprintf(st->msg, sizeof st->msg, "%s", m ? m : "database error");
  set_error(err, code, st->msg, NULL, 0);
  return code;
}

kb_status store_exec(kb_store *st, const char *sql, kb_error *err) {
  if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return store_fail(st, err);
  return KB_OK;
}

sqlite3_stmt *store_stmt_get(kb_store *st, store_stmt which) {
  sqlite3_stmt *s = st->stmt[which];
  if (s != NULL) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
  }
  if (sqlite3_prepare_v3(st->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                         &s, NULL) != SQLITE_OK) {
    store_fail(st, NULL);
    return NULL;
  }
  st->stmt[which] = s;
  return s;
}

/* The multi-row inserts: "OR IGNORE", so that no constraint can abort
 * the statement half way -- a statement that might would take a statement
 * journal, and opening one makes FTS5 flush its pending terms (its
 * xSavepoint).  The rows are an article's new sentences and LSH keys:
 * none is there already, nothing is ignored. */
static const char *const multi_sql[STORE_MULTI_KINDS][2] = {
    {"INSERT OR IGNORE INTO sentences(article_id, idx, part, start, end) "
     "VALUES",
     "(?,?,?,?,?)"},
    {"INSERT OR IGNORE INTO lsh(key, article_id) VALUES", "(?,?)"}};

sqlite3_stmt *store_multi_stmt(kb_store *st, int kind, int n) {
  sqlite3_stmt *s = st->multi[kind][n];
  char sql[1024];
  size_t len;
  int i;
  if (s != NULL) {
    sqlite3_reset(s);
    return s;
  }
  len = (size_t)snprintf(sql, sizeof sql, "%s", multi_sql[kind][0]);
  for (i = 0; i < n && len < sizeof sql; i++)
    len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s", i ? "," : "",
                            multi_sql[kind][1]);
  if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                         NULL) != SQLITE_OK) {
    store_fail(st, NULL);
    return NULL;
  }
  st->multi[kind][n] = s;
  return s;
}

int store_bind_text(sqlite3_stmt *s, int i, const char *p, size_t n) {
  if (p == NULL)
    return sqlite3_bind_null(s, i);
  return sqlite3_bind_text(s, i, p, (int)n, SQLITE_STATIC);
}

static int bind_ktext(sqlite3_stmt *s, int i, kb_text t) {
  return store_bind_text(s, i, t.ptr, t.len);
}

static int bind_cstr(sqlite3_stmt *s, int i, const char *p) {
  return store_bind_text(s, i, p, p ? strlen(p) : 0);
}

/* ---- open and close --------------------------------------------------- */

/* Settings every connection gets: readers never block the writer (WAL),
 * a commit is durable against a crash of the process (synchronous=NORMAL
 * in WAL mode), a busy database is waited for rather than failed. */
static kb_status configure(kb_store *st, kb_error *err) {
  sqlite3_busy_timeout(st->db, 10000);
  if (store_fts_register(st) != SQLITE_OK)
    return store_fail(st, err);
  if (!st->is_readonly) {
    sqlite3_stmt *s = NULL;
    /* checkpoint every 32 MB of WAL rather than 4: pages rewritten by
     * successive batches reach the database file once */
    sqlite3_wal_autocheckpoint(st->db, 8192);
    int ok = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
                                NULL) == SQLITE_OK &&
             sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (!ok)
      return store_fail(st, err);
  }
  return store_exec(st,
                    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; "
                    "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; "
                    "PRAGMA mmap_size = 1073741824",
                    err);
}

kb_status store_open_version(const char *path, unsigned flags, int version,
                             kb_store **out, kb_error *err) {
  kb_store *st;
  int oflags, rc;
  kb_status status;
  if (out == NULL || path == NULL) {
    set_error(err, KB_EARG, "no database path", NULL, 0);
    return KB_EARG;
  }
  *out = NULL;
  st = kb_alloc(sizeof *st);
  if (st == NULL) {
    set_error(err, KB_ENOMEM, "out of memory", path, 0);
    return KB_ENOMEM;
  }
  memset(st, 0, sizeof *st);
  st->is_readonly = (flags & KB_STORE_READONLY) != 0;
  oflags = st->is_readonly ? SQLITE_OPEN_READONLY
                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  rc = store_mem_init();
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    snprintf(st->msg, sizeof st->msg, "%s",
             st->db ? sqlite3_errmsg(st->db) : "cannot open database");
    sqlite3_close(st->db);
    kb_free(st);
    set_error(err, rc == SQLITE_NOMEM ? KB_ENOMEM : KB_EIO,
              rc == SQLITE_NOMEM ? "out of memory"
                                 : "cannot open the database file",
              path, 0);
    return rc == SQLITE_NOMEM ? KB_ENOMEM : KB_EIO;
  }
  sqlite3_extended_result_codes(st->db, 1);
  if ((status = configure(st, err)) != KB_OK ||
      (status = store_migrate(st, version, err)) != KB_OK) {
    if (err) {
      /* the message lives in st, which is about to go: keep a static
       * one that names the usual cause */
      err->msg = status == KB_EDB && strstr(st->msg, "newer")
                     ? "database made by a newer kabar"
                 : strstr(st->msg, "not a kabar") ? "not a kabar database"
                 : strstr(st->msg, "needs an upgrade")
                     ? "database needs an upgrade: run kabar ingest on it"
                     : "not a usable database (file is not a database, or "
                       "is locked)";
      err->input = path;
    }
    kb_store_close(st);
    return status == KB_OK ? KB_EDB : status;
  }
  *out = st;
  return KB_OK;
}

/* A handle on a PostgreSQL database, for queries only: writing is
 * `kabar ingest`'s (pg_add, pg_flush), whose batches it cannot share. */
static kb_status open_pg(const char *uri, kb_store **out, kb_error *err) {
  kb_store *st = kb_alloc(sizeof *st);
  kb_status rc;
  if (st == NULL) {
    set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
    return KB_ENOMEM;
  }
  memset(st, 0, sizeof *st);
  st->is_readonly = 1;
  if ((rc = pg_open_read(uri, &st->pg, err)) != KB_OK) {
    kb_free(st);
    return rc;
  }
  *out = st;
  return KB_OK;
}

kb_status kb_store_open(const char *path, unsigned flags, kb_store **out,
                        kb_error *err) {
  if (out && pg_is_uri(path)) {
    *out = NULL;
    return open_pg(path, out, err);
  }
  return store_open_version(path, flags, STORE_SCHEMA_VERSION, out, err);
}

void kb_store_close(kb_store *st) {
  size_t i;
  if (st == NULL)
    return;
  pg_close(st->pg);
  if (st->in_batch)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  for (i = 0; i < ST_COUNT_; i++)
    sqlite3_finalize(st->stmt[i]);
  for (i = 0; i < STORE_MULTI_KINDS * (STORE_MULTI_MAX + 1); i++)
    sqlite3_finalize(st->multi[i / (STORE_MULTI_MAX + 1)]
                              [i % (STORE_MULTI_MAX + 1)]);
  sqlite3_close(st->db);
  kb_dict_free(st->fts_dict); /* after the tokenizers that use it */
  buf_free(&st->scratch);
  kb_free(st);
}

/* ---- transactions ----------------------------------------------------- */

kb_status kb_store_begin(kb_store *st, kb_error *err) {
  if (st == NULL || st->in_batch || st->is_readonly) {
    set_error(err, KB_EARG,
              st && st->is_readonly ? "database opened read-only"
                                    : "a batch is already open",
              NULL, 0);
    return KB_EARG;
  }
  kb_status rc;
  if ((rc = store_exec(st, "BEGIN IMMEDIATE", err)) != KB_OK)
    return rc; /* KB_EDB, or KB_ENOMEM */
  st->in_batch = 1;
  return KB_OK;
}

kb_status kb_store_commit(kb_store *st, kb_error *err) {
  kb_status rc;
  if (st == NULL || !st->in_batch) {
    set_error(err, KB_EARG, "no batch is open", NULL, 0);
    return KB_EARG;
  }
  if (st->is_poisoned) {
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_batch = st->is_poisoned = 0;
    set_error(err, KB_EDB, "the batch was rolled back: an article failed", NULL,
              0);
    return KB_EDB;
  }
  if ((rc = store_exec(st, "COMMIT", err)) != KB_OK) {
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_batch = 0;
    return rc; /* KB_EDB, or KB_ENOMEM */
  }
  st->in_batch = 0;
  return KB_OK;
}

kb_status kb_store_rollback(kb_store *st, kb_error *err) {
  if (st == NULL || !st->in_batch) {
    set_error(err, KB_EARG, "no batch is open", NULL, 0);
    return KB_EARG;
  }
  sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  st->in_batch = st->is_poisoned = 0;
  return KB_OK;
}

/* ---- identity ---------------------------------------------------------- */

/* A 64-bit hash of p[0..n) continuing from h. */
static uint64_t hash64(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  size_t i;
  for (i = 0; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = hash_mix64(h ^ w) * 0x9E3779B97F4A7C15ULL;
  }
  {
    uint64_t w = 0;
    memcpy(&w, s + i, n - i);
    h = hash_mix64(h ^ w ^ ((uint64_t)n << 56));
  }
  return h;
}

/* The article's identity: 128 bits over id, url, title (the reader's
 * fields: a plain-text article has its title in its text) and text,
 * written as 32 hex digits.  The same input gives the same hash; the same text
 * under another id or url is another article (a syndicated copy, which
 * the near-duplicate check links instead). */
void store_identity(const kb_doc *doc, char out[33]) {
  kb_text parts[4];
  uint64_t h1 = 0x6b61626172ULL, h2 = 0x73746f7265ULL;
  size_t i;
  parts[0] = kb_doc_id(doc);
  parts[1] = kb_doc_field(doc, KB_FIELD_URL);
  parts[2] = kb_doc_field(doc, KB_FIELD_TITLE);
  parts[3] = kb_doc_text(doc);
  for (i = 0; i < 4; i++) {
    uint64_t len = parts[i].ptr ? parts[i].len : (uint64_t)-1;
    h1 = hash64(h1, &len, sizeof len);
    h2 = hash64(h2 ^ 0x5bd1e995ULL, &len, sizeof len);
    if (parts[i].ptr) {
      h1 = hash64(h1, parts[i].ptr, parts[i].len);
      h2 = hash64(h2, parts[i].ptr, parts[i].len);
    }
  }
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);
}

/* Where the article comes from, for NumSources: the outlet, else the
 * url's host without "www.", else NULL (the article then counts as a
 * source of its own). */
void store_source_key(kb_text outlet, kb_text url, char out[128], int *has) {
  size_t i, n = 0, start = 0;
  *has = 0;
  if (outlet.ptr && outlet.len > 0 && outlet.len < 128) {
    memcpy(out, outlet.ptr, outlet.len);
    out[outlet.len] = 0;
    *has = 1;
    return;
  }
  if (url.ptr == NULL)
    return;
  for (i = 0; i + 2 < url.len; i++)
    if (url.ptr[i] == ':' && url.ptr[i + 1] == '/' && url.ptr[i + 2] == '/') {
      start = i + 3;
      break;
    }
  if (url.len >= start + 4 && memcmp(url.ptr + start, "www.", 4) == 0)
    start += 4;
  for (i = start; i < url.len && n < 127; i++) {
    char c = url.ptr[i];
    if (c == '/' || c == ':' || c == '?' || c == '#')
      break;
    out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  out[n] = 0;
  *has = n > 0;
}

/* ---- ingest ------------------------------------------------------------ */

static const char *part_str(kb_block_kind k) {
  return k == KB_BLOCK_TITLE     ? "title"
         : k == KB_BLOCK_CAPTION ? "caption"
                                 : "body";
}

static const char *const precision_str[] = {"none", "year", "month", "day"};

/* Looks for an earlier near-duplicate of a signature.  OUT: its cluster,
 * similarity and source key (copied into key_out). */
static kb_status find_near_dup(kb_store *st, const uint32_t *sig,
                               const int64_t *keys, const int *has,
                               long long *cluster, double *similarity,
                               char key_out[128], kb_error *err) {
  sqlite3_stmt *s, *g;
  struct {
    long long id;
    int bands;
  } cands[128], t;
  size_t n = 0, i, j;
  int b, rc;
  *cluster = 0;
  *similarity = 0;
  /* one point look-up per band (a 16-value IN with GROUP BY and ORDER BY
   * cost SQLite two sorters per article, five times as much) */
  for (b = 0; b < STORE_LSH_BANDS; b++) {
    if (!has[b])
      continue;
    if ((s = store_stmt_get(st, ST_LSH_FIND)) == NULL)
      return store_fail(st, err);
    sqlite3_bind_int64(s, 1, keys[b]);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      long long id = sqlite3_column_int64(s, 0);
      for (i = 0; i < n && cands[i].id != id; i++)
        ;
      if (i < n)
        cands[i].bands++;
      else if (n < sizeof cands / sizeof cands[0]) {
        cands[n].id = id;
        cands[n++].bands = 1;
      }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
      return store_fail(st, err);
  }
  /* candidates sharing the most bands first (then the oldest): articles
   * that share a template or boilerplate share a band or two, copies
   * nearly all */
  for (i = 1; i < n; i++)
    for (j = i; j > 0 && (cands[j].bands > cands[j - 1].bands ||
                          (cands[j].bands == cands[j - 1].bands &&
                           cands[j].id < cands[j - 1].id));
         j--) {
      t = cands[j];
      cands[j] = cands[j - 1];
      cands[j - 1] = t;
    }
  /* the first candidates share the most bands; a copy is almost always
   * among the first few, and a corpus full of copies of one article must
   * not cost 32 lookups per article */
  if (n > 8)
    n = 8;
  for (i = 0; i < n && *similarity < 0.999; i++) {
    double sim;
    if ((g = store_stmt_get(st, ST_ARTICLE_SIG)) == NULL)
      return store_fail(st, err);
    sqlite3_bind_int64(g, 1, cands[i].id);
    rc = sqlite3_step(g);
    if (rc != SQLITE_ROW) {
      if (rc == SQLITE_DONE)
        continue;
      return store_fail(st, err);
    }
    if (sqlite3_column_bytes(g, 0) !=
        (int)(STORE_MINHASH_BINS * sizeof(uint32_t)))
      continue;
    {
      uint32_t other[STORE_MINHASH_BINS];
      memcpy(other, sqlite3_column_blob(g, 0), sizeof other);
      sim = store_similarity(sig, other);
    }
    if (sim >= STORE_NEAR_DUP && sim > *similarity) {
      const unsigned char *k = sqlite3_column_text(g, 2);
      *similarity = sim;
      *cluster = sqlite3_column_int64(g, 1);
      snprintf(key_out, 128, "%s", k ? (const char *)k : "");
    }
    sqlite3_reset(g);
  }
  return KB_OK;
}

/* Whether event e's date is the reference-date fallback: it equals the
 * reference date and no date expression of its sentence says so. */
int store_is_soft_date(const kb_doc *doc, const kb_event *e,
                       const tag_ymd *ref, kb_text ref_text) {
  tag_date d[16];
  size_t n, i;
  char iso[11];
  if (ref == NULL || e->date_precision != KB_DATE_DAY || ref_text.len < 10 ||
      memcmp(e->date, ref_text.ptr, 10) != 0)
    return 0;
  n = tag_dates(doc, kb_doc_sentence(doc, e->sentence), ref, d, 16);
  if (n > 16)
    n = 16;
  for (i = 0; i < n; i++)
    if (tag_format(&d[i], iso) == 10 && memcmp(iso, e->date, 10) == 0)
      return 0;
  return 1;
}

size_t store_first_body(const kb_doc *doc) {
  size_t i, n = kb_doc_n_sentences(doc);
  for (i = 0; i < n; i++)
    if (kb_doc_sentence(doc, i)->part == KB_BLOCK_BODY)
      return i;
  return n;
}

/* Stores the mentions of a coded doc and merges each into an event. */
static kb_status store_mentions_of(kb_store *st, const kb_doc *doc,
                                   long long article, long long cluster,
                                   const char *skey, kb_ingest_info *info,
                                   kb_error *err) {
  const kb_meta *meta = kb_doc_meta(doc);
  kb_text id = kb_doc_id(doc);
  tag_ymd ref;
  int has_ref = meta->reference_date.ptr &&
                tag_parse_iso(meta->reference_date.ptr,
                              meta->reference_date.len, &ref) == 0;
  char ref_iso[11] = "";
  size_t i, n = kb_doc_n_events(doc), first_body = store_first_body(doc),
            nth = 0;
  if (has_ref)
    snprintf(ref_iso, sizeof ref_iso, "%.10s", meta->reference_date.ptr);
  for (i = 0; i < n; i++) {
    const kb_event *e = kb_doc_event(doc, i);
    const kb_sentence *s = kb_doc_sentence(doc, e->sentence);
    store_mention m;
    sqlite3_stmt *q;
    long long event;
    int is_new, rc;
    char rec[64];
    kb_status status;
    nth = (i > 0 && kb_doc_event(doc, i - 1)->sentence == e->sentence) ? nth + 1
                                                                       : 1;
    memset(&m, 0, sizeof m);
    m.article = article;
    m.cluster = cluster;
    m.source_key = skey;
    m.e = e;
    m.soft =
        has_ref && store_is_soft_date(doc, e, &ref, meta->reference_date);
    m.is_root = e->part == KB_BLOCK_TITLE || e->sentence == first_body;
    m.ref_date = has_ref ? ref_iso : NULL;
    store_interval(e->date, e->date_precision, m.soft, m.lo, m.hi);
    status = store_merge_mention(st, &m, &event, &is_new, err);
    if (status != KB_OK)
      return status;
    info->n_new_events += is_new != 0;
    if ((status = store_geo_put(st, event, STORE_GEO_ACTION, &e->location,
                                err)) != KB_OK ||
        (status = store_geo_put(st, event, STORE_GEO_SOURCE, &e->source_geo,
                                err)) != KB_OK ||
        (status = store_geo_put(st, event, STORE_GEO_TARGET, &e->target_geo,
                                err)) != KB_OK)
      return status;
    if ((q = store_stmt_get(st, ST_MENTION_INSERT)) == NULL)
      return store_fail(st, err);
    /* the record id of kabar code: <doc>:<sentence>:<n> */
    buf_reset(&st->scratch);
    buf_append(&st->scratch, id.ptr, id.len);
    snprintf(rec, sizeof rec, ":%zu:%zu", e->sentence, nth);
    buf_puts(&st->scratch, rec);
    if (buf_failed(&st->scratch)) {
      set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
      return KB_ENOMEM;
    }
    sqlite3_bind_int64(q, 1, article);
    sqlite3_bind_int64(q, 2, event);
    store_bind_text(q, 3, st->scratch.ptr, st->scratch.len);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)e->sentence);
    bind_ktext(q, 5, s->text);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)s->span.start);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)s->span.end);
    bind_cstr(q, 8, part_str(e->part));
    bind_cstr(q, 9, e->source.code);
    bind_ktext(q, 10, e->source.name);
    bind_ktext(q, 11, e->source.text);
    sqlite3_bind_int64(q, 12, (sqlite3_int64)e->source.span.start);
    sqlite3_bind_int64(q, 13, (sqlite3_int64)e->source.span.end);
    bind_cstr(q, 14, e->target.code);
    bind_ktext(q, 15, e->target.name);
    bind_ktext(q, 16, e->target.text);
    sqlite3_bind_int64(q, 17, (sqlite3_int64)e->target.span.start);
    sqlite3_bind_int64(q, 18, (sqlite3_int64)e->target.span.end);
    bind_cstr(q, 19, e->code);
    bind_cstr(q, 20, e->root);
    sqlite3_bind_int(q, 21, e->quad);
    sqlite3_bind_double(q, 22, e->goldstein);
    if (e->date[0])
      bind_cstr(q, 23, e->date);
    bind_cstr(q, 24, precision_str[e->date_precision & 3]);
    sqlite3_bind_int(q, 25, m.soft);
    bind_cstr(q, 26, m.lo);
    bind_cstr(q, 27, m.hi);
    bind_ktext(q, 28, e->attribution);
    sqlite3_bind_int(q, 29, e->negated != 0);
    sqlite3_bind_int(q, 30, e->background != 0);
    sqlite3_bind_int(q, 31, m.is_root);
    bind_ktext(q, 32, e->verb);
    sqlite3_bind_int64(q, 33, (sqlite3_int64)e->verb_span.start);
    sqlite3_bind_int64(q, 34, (sqlite3_int64)e->verb_span.end);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
      return store_fail(st, err);
    info->n_mentions++;
  }
  return KB_OK;
}

/* Everything of one new article, inside a transaction or savepoint. */
static kb_status ingest_new(kb_store *st, kb_doc *doc, const kb_dict *dict,
                            const kb_store_prep *p, kb_ingest_info *info,
                            kb_error *err) {
  const kb_meta *meta = kb_doc_meta(doc);
  kb_text url = meta->url.ptr ? meta->url : kb_doc_field(doc, KB_FIELD_URL);
  kb_text title =
      meta->title.ptr ? meta->title : kb_doc_field(doc, KB_FIELD_TITLE);
  kb_text input = kb_doc_field(doc, KB_FIELD_INPUT), text = kb_doc_text(doc);
  const uint32_t *sig = p->sig;
  const char *hash = p->hash, *body = store_prep_str(p, p->body);
  int64_t keys[STORE_LSH_BANDS];
  int has[STORE_LSH_BANDS], has_key, rc, b;
  size_t n_shingles = p->n_shingles, i, n_sent = kb_doc_n_sentences(doc);
  long long cluster = 0, article;
  double similarity = 0;
  char key[128] = "", dup_key[128] = "", now[32];
  sqlite3_stmt *q;
  time_t t = time(NULL);
  struct tm tm;
  kb_status status = KB_OK;

  store_bands(sig, keys, has);
  if (n_shingles >= STORE_MIN_SHINGLES &&
      (status = find_near_dup(st, sig, keys, has, &cluster, &similarity,
                              dup_key, err)) != KB_OK)
    return status;
  store_source_key(meta->outlet, url, key, &has_key);
  if (cluster)
    snprintf(key, sizeof key, "%s", dup_key); /* the original's source */
  gmtime_r(&t, &tm);
  strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);

  if ((q = store_stmt_get(st, ST_ARTICLE_INSERT)) == NULL) {
    status = store_fail(st, err);
    goto done;
  }
  bind_ktext(q, 1, kb_doc_id(doc));
  bind_ktext(q, 2, url);
  bind_cstr(q, 3, hash);
  bind_ktext(q, 4, title);
  bind_ktext(q, 5, meta->outlet);
  bind_ktext(q, 6, meta->author);
  bind_ktext(q, 7, meta->published);
  bind_ktext(q, 8, meta->dateline);
  bind_ktext(q, 9, meta->reference_date);
  bind_ktext(q, 10, input);
  store_bind_text(q, 11, text.ptr ? text.ptr : "", text.len);
  store_bind_text(q, 12, body, p->body_len);
  sqlite3_bind_int64(q, 13, (sqlite3_int64)n_sent);
  sqlite3_bind_int64(q, 14, (sqlite3_int64)kb_doc_n_events(doc));
  if (cluster) {
    sqlite3_bind_int64(q, 15, cluster);
    sqlite3_bind_double(q, 16, similarity);
  }
  if (cluster || has_key)
    bind_cstr(q, 17, key);
  bind_cstr(q, 18, now);
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  if (rc != SQLITE_DONE) {
    status = store_fail(st, err);
    goto done;
  }
  article = sqlite3_last_insert_rowid(st->db);
  if (!cluster) {
    cluster = article;
    if (!has_key)
      snprintf(key, sizeof key, "doc:%lld", article);
  }
  info->article = article;
  info->duplicate_of = cluster != article ? cluster : 0;
  if (n_shingles >= STORE_MIN_SHINGLES) {
    if ((q = store_stmt_get(st, ST_SIG_INSERT)) == NULL) {
      status = store_fail(st, err);
      goto done;
    }
    sqlite3_bind_int64(q, 1, article);
    sqlite3_bind_blob(q, 2, sig, (int)sizeof p->sig, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, cluster);
    bind_cstr(q, 4, key);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
      status = store_fail(st, err);
      goto done;
    }
  }

  /* the sentences, up to STORE_MULTI_MAX rows a statement */
  for (i = 0; i < n_sent; i += STORE_MULTI_MAX) {
    int k, rows = (int)(n_sent - i < STORE_MULTI_MAX ? n_sent - i
                                                      : STORE_MULTI_MAX);
    if ((q = store_multi_stmt(st, STORE_MULTI_SENTENCES, rows)) == NULL) {
      status = store_fail(st, err);
      goto done;
    }
    for (k = 0; k < rows; k++) {
      const kb_sentence *s = kb_doc_sentence(doc, i + (size_t)k);
      sqlite3_bind_int64(q, 5 * k + 1, article);
      sqlite3_bind_int64(q, 5 * k + 2, (sqlite3_int64)i + k);
      bind_cstr(q, 5 * k + 3, part_str(s->part));
      sqlite3_bind_int64(q, 5 * k + 4, (sqlite3_int64)s->span.start);
      sqlite3_bind_int64(q, 5 * k + 5, (sqlite3_int64)s->span.end);
    }
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
      status = store_fail(st, err);
      goto done;
    }
  }
  if ((q = store_stmt_get(st, ST_FTS_INSERT)) == NULL) {
    status = store_fail(st, err);
    goto done;
  }
  sqlite3_bind_int64(q, 1, article);
  bind_ktext(q, 2, title);
  store_bind_text(q, 3, body, p->body_len);
  /* the tokens made beforehand, when there are (store_fts.c) */
  st->fts_pending = p->dict ? p : NULL;
  rc = sqlite3_step(q);
  st->fts_pending = NULL;
  sqlite3_reset(q);
  if (rc != SQLITE_DONE) {
    status = store_fail(st, err);
    goto done;
  }
  /* only the first article of a cluster is indexed: later copies find it,
   * and a corpus with many copies of one story keeps its LSH lookups
   * short */
  if (n_shingles >= STORE_MIN_SHINGLES && cluster == article) {
    int rows = 0;
    for (b = 0; b < STORE_LSH_BANDS; b++)
      rows += has[b] != 0;
    if (rows > 0) {
      if ((q = store_multi_stmt(st, STORE_MULTI_LSH, rows)) == NULL) {
        status = store_fail(st, err);
        goto done;
      }
      rows = 0;
      for (b = 0; b < STORE_LSH_BANDS; b++)
        if (has[b]) {
          sqlite3_bind_int64(q, 2 * rows + 1, keys[b]);
          sqlite3_bind_int64(q, 2 * rows + 2, article);
          rows++;
        }
      rc = sqlite3_step(q);
      sqlite3_reset(q);
      if (rc != SQLITE_DONE) {
        status = store_fail(st, err);
        goto done;
      }
    }
  }
  if ((status = store_mentions_of(st, doc, article, cluster, key, info, err)) !=
      KB_OK)
    goto done;
  status = store_claims(st, doc, dict, article, &info->n_claims,
                        &info->n_conflicts, err);
done:
  return status;
}

kb_status kb_store_find_doc(kb_store *st, const kb_doc *doc,
                            long long *article, kb_error *err) {
  char hash[33];
  sqlite3_stmt *q;
  int rc;
  if (article)
    *article = 0;
  if (st == NULL || doc == NULL || article == NULL || st->pg) {
    set_error(err, KB_EARG,
              st && st->pg ? "a PostgreSQL database is written by kabar "
                             "ingest only"
                           : "no store, document or result",
              NULL, 0);
    return KB_EARG;
  }
  store_identity(doc, hash);
  if ((q = store_stmt_get(st, ST_ARTICLE_BY_HASH)) == NULL)
    return store_fail(st, err);
  bind_cstr(q, 1, hash);
  rc = sqlite3_step(q);
  if (rc == SQLITE_ROW)
    *article = sqlite3_column_int64(q, 0);
  sqlite3_reset(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return store_fail(st, err);
  return KB_OK;
}

kb_status kb_store_ingest_doc(kb_store *st, kb_doc *doc, const kb_dict *dict,
                              const kb_options *opts, kb_ingest_info *info,
                              kb_error *err) {
  return kb_store_ingest_prepared(st, doc, NULL, dict, opts, info, err);
}

kb_status kb_store_ingest_prepared(kb_store *st, kb_doc *doc,
                                   const kb_store_prep *prep,
                                   const kb_dict *dict, const kb_options *opts,
                                   kb_ingest_info *info, kb_error *err) {
  kb_ingest_info local;
  kb_store_prep *own = NULL;
  char hash[33];
  sqlite3_stmt *q;
  kb_status status;
  int rc;
  if (info == NULL)
    info = &local;
  memset(info, 0, sizeof *info);
  if (st == NULL || doc == NULL || dict == NULL || st->is_readonly) {
    set_error(err, KB_EARG,
              st && st->is_readonly ? "database opened read-only"
                                    : "no store, document or dictionary",
              NULL, 0);
    return KB_EARG;
  }
  /* identity from what the reader gave, so that an article already
   * stored is recognised before any stage runs on it */
  if (prep)
    memcpy(hash, prep->hash, sizeof hash);
  else
    store_identity(doc, hash);

  if (st->is_poisoned) {
    set_error(err, KB_EDB,
              "an earlier article of this batch failed: roll "
              "the batch back",
              NULL, 0);
    return KB_EDB;
  }
  /* the tokenizer of the full-text index stems with the first dictionary
   * it is given (docs/STORE.md, "Full-text search") */
  if (st->fts_lexicon == NULL && st->fts_dict == NULL)
    st->fts_lexicon = dict;
  if (!st->in_batch &&
      (status = store_exec(st, "BEGIN IMMEDIATE", err)) != KB_OK)
    return status;
  if ((q = store_stmt_get(st, ST_ARTICLE_BY_HASH)) == NULL) {
    status = store_fail(st, err);
    goto fail;
  }
  bind_cstr(q, 1, hash);
  rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    info->article = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    if (!st->in_batch)
      store_exec(st, "COMMIT", NULL);
    return KB_OK; /* already stored: nothing to add */
  }
  sqlite3_reset(q);
  if (rc != SQLITE_DONE) {
    status = store_fail(st, err);
    goto fail;
  }
  /* everything that may fail for want of memory before the first write */
  if ((status = kb_doc_code(doc, dict, opts, err)) != KB_OK)
    goto fail;
  if (prep == NULL) {
    if ((status = store_prep_make(doc, dict, 0, &own)) != KB_OK) {
      set_error(err, status, "out of memory", NULL, 0);
      goto fail;
    }
    prep = own;
  }
  info->is_new = 1;
  if ((status = ingest_new(st, doc, dict, prep, info, err)) != KB_OK) {
    /* in a batch the article may be half written: only a rollback of the
     * whole batch undoes it (a savepoint per article would, but makes
     * FTS5 flush its index at every article: 4x slower) */
    if (st->in_batch)
      st->is_poisoned = 1;
    goto fail;
  }
  if (!st->in_batch && (status = store_exec(st, "COMMIT", err)) != KB_OK)
    goto fail;
  kb_free(own);
  return KB_OK;
fail:
  kb_free(own);
  if (!st->in_batch)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  {
    kb_ingest_info zero;
    memset(&zero, 0, sizeof zero);
    *info = zero;
  }
  return status;
}

/* ---- totals ------------------------------------------------------------ */

kb_status kb_store_totals_get(kb_store *st, kb_store_totals *out,
                              kb_error *err) {
  static const char sql[] =
      "SELECT (SELECT count(*) FROM articles), "
      "(SELECT count(*) FROM articles WHERE cluster_id <> id), "
      "(SELECT count(*) FROM sentences), (SELECT count(*) FROM mentions), "
      "(SELECT count(*) FROM events), (SELECT count(*) FROM conflicts), "
      "(SELECT max(ingested) FROM articles)";
  sqlite3_stmt *s = NULL;
  memset(out, 0, sizeof *out);
  if (st == NULL) {
    set_error(err, KB_EARG, "no store", NULL, 0);
    return KB_EARG;
  }
  if (st->pg)
    return pg_totals(st->pg, out, err);
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK ||
      sqlite3_step(s) != SQLITE_ROW) {
    sqlite3_finalize(s);
    return store_fail(st, err);
  }
  out->articles = sqlite3_column_int64(s, 0);
  out->near_duplicates = sqlite3_column_int64(s, 1);
  out->sentences = sqlite3_column_int64(s, 2);
  out->mentions = sqlite3_column_int64(s, 3);
  out->events = sqlite3_column_int64(s, 4);
  out->conflicts = sqlite3_column_int64(s, 5);
  if (sqlite3_column_text(s, 6))
    snprintf(out->updated, sizeof out->updated, "%s",
             (const char *)sqlite3_column_text(s, 6));
  sqlite3_finalize(s);
  return KB_OK;
}
