/*
 * store_schema.c -- the store's schema and its migrations.
 *
 * Input: an open SQLite connection.  Output: the tables of
 * STORE_SCHEMA_VERSION, reached one step at a time from whatever
 * PRAGMA user_version the file holds (0 for a new file).  Each step runs
 * in its own transaction and sets user_version inside it, so a crash
 * between steps leaves a database of the previous version, never one in
 * between; a new file gets every step in one transaction, so that a
 * reader never sees it half made.  Part of the store stage (docs/DESIGN.md).
 *
 * The schema is meant to be read without kabar: plain tables, ISO dates
 * as text, booleans as 0/1, codes as text with their leading zeros.  Only
 * `articles_fts` needs kabar's tokenizer.  Every column is described in
 * docs/STORE.md; keep the two in step.
 *
 * References: SQLite "PRAGMA user_version", "Write-Ahead Logging",
 * "The FTS5 Extension" (external content tables).
 */
#include <stdio.h>
#include <string.h>

#include "store.h"

/* Version 1: articles, sentences, mentions, events and their evidence
 * tables, near-duplicate index, claims and conflicts, full-text index. */
static const char schema_v1a[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
    "CREATE TABLE articles(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc TEXT NOT NULL,\n"
    "  url TEXT,\n"
    "  hash TEXT NOT NULL UNIQUE,\n"
    "  title TEXT,\n"
    "  outlet TEXT,\n"
    "  author TEXT,\n"
    "  published TEXT,\n"
    "  dateline TEXT,\n"
    "  reference_date TEXT,\n"
    "  input TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  body TEXT NOT NULL,\n"
    "  n_sentences INTEGER NOT NULL,\n"
    "  n_mentions INTEGER NOT NULL,\n"
    "  cluster_id INTEGER NOT NULL,\n"
    "  similarity REAL,\n"
    "  source_key TEXT NOT NULL,\n"
    "  minhash BLOB,\n"
    "  ingested TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX articles_doc ON articles(doc);\n"
    "CREATE INDEX articles_url ON articles(url);\n"
    "CREATE INDEX articles_cluster ON articles(cluster_id);\n"
    "CREATE TABLE sentences(\n"
    "  article_id INTEGER NOT NULL,\n"
    "  idx INTEGER NOT NULL,\n"
    "  part TEXT NOT NULL,\n"
    "  start INTEGER NOT NULL,\n"
    "  end INTEGER NOT NULL,\n"
    "  PRIMARY KEY(article_id, idx)\n"
    ") WITHOUT ROWID;\n"
    "CREATE VIEW sentence_texts AS\n"
    "  SELECT s.article_id, s.idx, s.part, s.start, s.end,\n"
    "         CAST(substr(CAST(a.text AS BLOB), s.start + 1,\n"
    "                     s.end - s.start) AS TEXT) AS text\n"
    "  FROM sentences s JOIN articles a ON a.id = s.article_id;\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  source_code TEXT NOT NULL,\n"
    "  source_name TEXT,\n"
    "  source_country TEXT NOT NULL,\n"
    "  target_code TEXT NOT NULL,\n"
    "  target_name TEXT,\n"
    "  target_country TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  base_code TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  date TEXT,\n"
    "  date_precision TEXT NOT NULL,\n"
    "  date_rank INTEGER NOT NULL,\n"
    "  date_lo TEXT NOT NULL,\n"
    "  date_hi TEXT NOT NULL,\n"
    "  negated INTEGER NOT NULL,\n"
    "  background INTEGER NOT NULL,\n"
    "  is_root INTEGER NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL,\n"
    "  num_sources INTEGER NOT NULL,\n"
    "  first_article_id INTEGER NOT NULL,\n"
    "  date_added TEXT\n"
    ");\n"
    "CREATE INDEX events_key ON events(source_code, target_code, base_code,\n"
    "                                  negated, date_lo);\n"
    "CREATE INDEX events_source ON events(source_country, date, id);\n"
    "CREATE INDEX events_target ON events(target_country, date, id);\n"
    "CREATE INDEX events_date ON events(date, id);\n";
static const char schema_v1b[] =
    "CREATE TABLE mentions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL,\n"
    "  event_id INTEGER NOT NULL,\n"
    "  record_id TEXT NOT NULL,\n"
    "  sentence_index INTEGER NOT NULL,\n"
    "  sentence TEXT NOT NULL,\n"
    "  span_start INTEGER NOT NULL,\n"
    "  span_end INTEGER NOT NULL,\n"
    "  part TEXT NOT NULL,\n"
    "  source_code TEXT NOT NULL,\n"
    "  source_name TEXT,\n"
    "  source_text TEXT,\n"
    "  source_start INTEGER,\n"
    "  source_end INTEGER,\n"
    "  target_code TEXT NOT NULL,\n"
    "  target_name TEXT,\n"
    "  target_text TEXT,\n"
    "  target_start INTEGER,\n"
    "  target_end INTEGER,\n"
    "  code TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  date TEXT,\n"
    "  date_precision TEXT NOT NULL,\n"
    "  date_soft INTEGER NOT NULL,\n"
    "  date_lo TEXT NOT NULL,\n"
    "  date_hi TEXT NOT NULL,\n"
    "  attribution TEXT,\n"
    "  negated INTEGER NOT NULL,\n"
    "  background INTEGER NOT NULL,\n"
    "  is_root INTEGER NOT NULL,\n"
    "  verb TEXT,\n"
    "  verb_start INTEGER,\n"
    "  verb_end INTEGER\n"
    ");\n"
    "CREATE INDEX mentions_event ON mentions(event_id);\n"
    "CREATE INDEX mentions_article ON mentions(article_id);\n"
    "CREATE TABLE event_articles(\n"
    "  event_id INTEGER NOT NULL,\n"
    "  cluster_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY(event_id, cluster_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE event_sources(\n"
    "  event_id INTEGER NOT NULL,\n"
    "  source_key TEXT NOT NULL,\n"
    "  PRIMARY KEY(event_id, source_key)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE lsh(\n"
    "  key INTEGER NOT NULL,\n"
    "  article_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY(key, article_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE claims(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL,\n"
    "  sentence_index INTEGER NOT NULL,\n"
    "  sentence TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  subject TEXT NOT NULL,\n"
    "  trigger TEXT NOT NULL,\n"
    "  date TEXT NOT NULL,\n"
    "  date_precision TEXT NOT NULL,\n"
    "  date_lo TEXT NOT NULL,\n"
    "  date_hi TEXT NOT NULL,\n"
    "  span_start INTEGER NOT NULL,\n"
    "  span_end INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX claims_key ON claims(kind, subject, date);\n"
    "CREATE TABLE conflicts(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL,\n"
    "  subject TEXT NOT NULL,\n"
    "  date_a TEXT NOT NULL,\n"
    "  date_b TEXT NOT NULL,\n"
    "  UNIQUE(kind, subject, date_a, date_b)\n"
    ");\n"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body,\n"
    "  content='articles', content_rowid='id', tokenize='kabar_id');\n";

/* Version 2: a per-day aggregate of events by country dyad and CAMEO
 * root, kept in step by the merge, so that `kabar dyads` reads thousands
 * of rows instead of millions.  Filled from the events of version 1. */
static const char schema_v2[] =
    "CREATE TABLE dyad_days(\n"
    "  day TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  events INTEGER NOT NULL,\n"
    "  mentions INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  PRIMARY KEY(source, target, day, root)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX dyad_days_target ON dyad_days(target, day);\n"
    "CREATE INDEX dyad_days_day ON dyad_days(day);\n"
    "INSERT INTO dyad_days\n"
    "  SELECT substr(date || '-01-01', 1, 10), source_country,\n"
    "         target_country, root, count(*), sum(num_mentions),\n"
    "         sum(goldstein)\n"
    "  FROM events WHERE negated = 0 AND date IS NOT NULL\n"
    "  GROUP BY 1, 2, 3, 4;\n";

/* Version 3: the near-duplicate signature moves out of `articles` into a
 * table of its own, with the two columns the near-duplicate check reads
 * beside it: reading articles.minhash, stored after the text, walked the
 * text's overflow pages for every candidate. */
static const char schema_v3[] =
    "CREATE TABLE signatures(\n"
    "  article_id INTEGER PRIMARY KEY,\n"
    "  minhash BLOB NOT NULL,\n"
    "  cluster_id INTEGER NOT NULL,\n"
    "  source_key TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO signatures\n"
    "  SELECT id, minhash, cluster_id, source_key FROM articles\n"
    "  WHERE minhash IS NOT NULL;\n"
    "ALTER TABLE articles DROP COLUMN minhash;\n";

/* Version 4: where each event happened (its first mention's location,
 * GDELT's ActionGeo), for `kabar events --country` and `--near`.  Events
 * stored before have none. */
static const char schema_v4[] =
    "CREATE TABLE event_locations(\n"
    "  event_id INTEGER PRIMARY KEY,\n"
    "  type INTEGER NOT NULL,\n"
    "  name TEXT,\n"
    "  country TEXT NOT NULL,\n"
    "  iso TEXT NOT NULL,\n"
    "  adm1 TEXT NOT NULL,\n"
    "  lat REAL NOT NULL,\n"
    "  lon REAL NOT NULL,\n"
    "  feature_id TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX event_locations_country ON event_locations(country);\n"
    "CREATE INDEX event_locations_lat ON event_locations(lat, lon);\n";

/* Version 5: where each event's actors are (the source_geo and target_geo
 * of its first mention that has one, GDELT's Actor1Geo and Actor2Geo; role
 * 1 the source, 2 the target), for the GDELT export.  Events stored before
 * have none. */
static const char schema_v5[] =
    "CREATE TABLE actor_locations(\n"
    "  event_id INTEGER NOT NULL,\n"
    "  role INTEGER NOT NULL,\n"
    "  type INTEGER NOT NULL,\n"
    "  name TEXT,\n"
    "  country TEXT NOT NULL,\n"
    "  iso TEXT NOT NULL,\n"
    "  adm1 TEXT NOT NULL,\n"
    "  lat REAL NOT NULL,\n"
    "  lon REAL NOT NULL,\n"
    "  feature_id TEXT NOT NULL,\n"
    "  PRIMARY KEY(event_id, role)\n"
    ") WITHOUT ROWID;\n";

/* Version 6: the three indexes that answer `kabar events` and
 * /api/events in date order carry the columns their filters test after
 * (date, id), so that a filter (the other country of a pair, root, quad,
 * code, min-sources, negated, the end of a date range) is tested in the
 * index and only matching events are read from the table:
 * /api/events?source=A&target=B read ~2,900 pages for a page of 100 at 1M
 * events, now ~490 (bench/README.md, "Cold queries").  A merge rewrites these entries anyway (it sets
 * `date`), so ingest does no more B-tree work, only wider entries. */
static const char schema_v6[] =
    "DROP INDEX events_source;\n"
    "CREATE INDEX events_source ON events(source_country, date, id,\n"
    "  date_hi, target_country, negated, root, quad, num_sources, code);\n"
    "DROP INDEX events_target;\n"
    "CREATE INDEX events_target ON events(target_country, date, id,\n"
    "  date_hi, source_country, negated, root, quad, num_sources, code);\n"
    "DROP INDEX events_date;\n"
    "CREATE INDEX events_date ON events(date, id, date_hi, negated, root,\n"
    "  quad, num_sources, source_country, target_country, code);\n";

/* Version 7: how FTS5 keeps the full-text index, two of its settings
 * (kept in articles_fts_config; the index's contents and every query's
 * answer are the same).  automerge 8 instead of 4: segments are merged
 * when 8 of a level are there, so every posting is rewritten log8 instead
 * of log4 times as the index grows (a search reads up to 7 segments a
 * level instead of 3); hashsize 16 MB instead of 1 MB: the terms pending
 * in memory are written as one segment per transaction of `kabar ingest`
 * (--batch) rather than one per megabyte.  Together 9% of the ingest's
 * instructions at 10,000 articles (bench/README.md, "Fewer rewrites"). */
static const char schema_v7[] =
    "INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 8);\n"
    "INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', "
    "16777216);\n";

/* The SQL of each step (one or two strings: ISO C caps a literal's
 * length). */
static const char *const steps[STORE_SCHEMA_VERSION][2] = {
    {schema_v1a, schema_v1b},
    {schema_v2, NULL},
    {schema_v3, NULL},
    {schema_v4, NULL},
    {schema_v5, NULL},
    {schema_v6, NULL},
    {schema_v7, NULL}};

static kb_status user_version(kb_store *st, int *out, kb_error *err) {
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
  if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return KB_OK;
  }
  sqlite3_finalize(s);
  return store_fail(st, err);
}

/* A file with tables but user_version 0 was not made by kabar. */
static kb_status is_empty(kb_store *st, int *out, kb_error *err) {
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1,
                              &s, NULL);
  if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    *out = sqlite3_column_int(s, 0) == 0;
    sqlite3_finalize(s);
    return KB_OK;
  }
  sqlite3_finalize(s);
  return store_fail(st, err);
}

kb_status store_migrate(kb_store *st, int target, kb_error *err) {
  int version = 0, empty = 0, v, fresh;
  kb_status rc;
  char sql[64];
  if (target > STORE_SCHEMA_VERSION || target < 1)
    target = STORE_SCHEMA_VERSION;
  if ((rc = user_version(st, &version, err)) != KB_OK)
    return rc;
  if (version > STORE_SCHEMA_VERSION) {
    snprintf(st->msg, sizeof st->msg,
             "database schema version %d is newer than this kabar's (%d)",
             version, STORE_SCHEMA_VERSION);
    set_error(err, KB_EDB, st->msg, NULL, 0);
    return KB_EDB;
  }
  if (version == 0) {
    if ((rc = is_empty(st, &empty, err)) != KB_OK)
      return rc;
    if (!empty) {
      snprintf(st->msg, sizeof st->msg, "not a kabar database");
      set_error(err, KB_EDB, st->msg, NULL, 0);
      return KB_EDB;
    }
  }
  if (version >= target)
    return KB_OK;
  if (st->is_readonly && version == 0) {
    /* an empty file: another process is creating it (a reader started
     * during the first ingest), or it is not a database yet */
    snprintf(st->msg, sizeof st->msg,
             "database is empty: not created yet, or being created");
    set_error(err, KB_EDB, st->msg, NULL, 0);
    return KB_EDB;
  }
  if (st->is_readonly) {
    snprintf(st->msg, sizeof st->msg,
             "database schema version %d needs an upgrade (open it for "
             "writing once, e.g. with kabar ingest)",
             version);
    set_error(err, KB_EDB, st->msg, NULL, 0);
    return KB_EDB;
  }
  /* A new database is created in one transaction, so that a reader never
   * sees it half made (at an intermediate version); an existing one steps
   * up one transaction per version. */
  fresh = version == 0;
  for (v = version; v < target; v++) {
    if (!fresh || v == 0) {
      if ((rc = store_exec(st, "BEGIN IMMEDIATE", err)) != KB_OK)
        return rc;
      /* Another process may have migrated while we waited for the lock. */
      if ((rc = user_version(st, &version, err)) != KB_OK)
        goto fail;
      if (version > v) {
        store_exec(st, "COMMIT", NULL);
        fresh = 0;
        v = version - 1;
        continue;
      }
    }
    if ((rc = store_exec(st, steps[v][0], err)) != KB_OK ||
        (steps[v][1] && (rc = store_exec(st, steps[v][1], err)) != KB_OK))
      goto fail;
    if (v == 0 &&
        (rc = store_exec(
             st,
             "INSERT INTO meta VALUES('created_by', 'kabar " KB_VERSION_STRING
             "');",
             err)) != KB_OK)
      goto fail;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
    if ((rc = store_exec(st, sql, err)) != KB_OK)
      goto fail;
    if ((!fresh || v + 1 == target) &&
        (rc = store_exec(st, "COMMIT", err)) != KB_OK)
      goto fail;
  }
  return KB_OK;
fail:
  sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}
