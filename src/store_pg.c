/*
 * store_pg.c -- the PostgreSQL store: articles and their coded mentions in
 * a PostgreSQL database (libpq), for `kabar ingest`, `kabar search` and
 * `kabar export --mentions` with `--db postgresql://...`.
 *
 * Input: coded kb_docs.  Output: rows of the schema below.  Batches are
 * sent with COPY into temporary tables and moved into the real ones with
 * INSERT ... ON CONFLICT DO NOTHING, one transaction per batch: an article
 * is known by a hash of its id, url, title and text (UNIQUE), so ingesting
 * the same input again adds nothing, and a batch that fails leaves
 * nothing behind.  Mentions are partitioned by the month of their event
 * date (one partition per month, made when first needed; undated ones in
 * 0001-01), so that a table of decades stays a set of small ones.  A
 * mention keeps the record `kabar code` printed, byte for byte (a `json`
 * column keeps its text), beside the columns queries use.  Full-text
 * search uses PostgreSQL's built-in `indonesian` configuration (Snowball's
 * Indonesian stemmer) on the title and the body sentences.
 *
 * What is not here yet (docs/SCALE.md, "PostgreSQL"): merged events,
 * near-duplicates, date conflicts, dyads.
 *
 * References: PostgreSQL 15 manual, "COPY", "INSERT ... ON CONFLICT",
 * "Table Partitioning", "Text Search Controls"; libpq, "Functions
 * Associated with the COPY Command".
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"
#include "util/alloc.h"
#include "util/buf.h"

struct pg_store {
  PGconn *conn;
  buf articles; /* COPY text rows for st_articles */
  buf mentions; /* COPY text rows for st_mentions */
  long long seq; /* documents queued */
  char msg[512];
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS articles ("
    " hash text PRIMARY KEY,"
    " id bigint GENERATED ALWAYS AS IDENTITY,"
    " doc text NOT NULL, url text, title text, outlet text, author text,"
    " published text, dateline text, reference_date text, input text,"
    " text text NOT NULL, body text NOT NULL,"
    " n_sentences integer NOT NULL, n_mentions integer NOT NULL,"
    " ingested timestamptz NOT NULL DEFAULT now(),"
    " fts tsvector GENERATED ALWAYS AS (to_tsvector('indonesian',"
    "   coalesce(title, '') || E'\\n' || body)) STORED);"
    "CREATE INDEX IF NOT EXISTS articles_fts ON articles USING gin (fts);"
    "CREATE INDEX IF NOT EXISTS articles_id ON articles (id);"
    "CREATE TABLE IF NOT EXISTS mentions ("
    " article_hash text NOT NULL, month date NOT NULL,"
    " record_id text NOT NULL, sentence_index integer NOT NULL,"
    " part text NOT NULL, source_code text, target_code text,"
    " code text NOT NULL, root text NOT NULL, quad integer NOT NULL,"
    " goldstein real NOT NULL, date text, date_precision text,"
    " negated boolean NOT NULL, background boolean NOT NULL,"
    " record json NOT NULL,"
    " UNIQUE (article_hash, record_id, month)"
    ") PARTITION BY RANGE (month);"
    "CREATE INDEX IF NOT EXISTS mentions_actors ON mentions"
    " (source_code, target_code);"
    /* the month a record's date falls in: 2024-03-18, 2024-03, 2024 */
    "CREATE OR REPLACE FUNCTION kabar_month(d text) RETURNS date"
    " LANGUAGE sql IMMUTABLE AS $$ SELECT CASE"
    "  WHEN d ~ '^[0-9]{4}-[0-9]{2}' THEN to_date(substr(d, 1, 7), 'YYYY-MM')"
    "  WHEN d ~ '^[0-9]{4}' THEN to_date(substr(d, 1, 4), 'YYYY')"
    "  ELSE date '0001-01-01' END $$;"
    "CREATE OR REPLACE FUNCTION kabar_partition(m date) RETURNS void"
    " LANGUAGE plpgsql AS $$ BEGIN"
    /* two ingests may want the same new month: one makes it, the other
     * waits for its commit and finds it */
    "  PERFORM pg_advisory_xact_lock(hashtext('kabar_partition'));"
    "  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF mentions"
    "   FOR VALUES FROM (%L) TO (%L)', 'mentions_' || to_char(m, 'YYYY_MM'),"
    "   m, (m + interval '1 month')::date);"
    " END $$;";

/* The batch's move from the temporary tables into the real ones. */
static const char flush_sql[] =
    "UPDATE st_articles SET hash = md5(concat_ws(E'\\x1f', doc,"
    " coalesce(url, E'\\x1e'), coalesce(title, E'\\x1e'), text));"
    "SELECT kabar_partition(m) FROM (SELECT DISTINCT"
    " kabar_month(record->>'date') AS m FROM st_mentions) x;"
    "CREATE TEMP TABLE st_new ON COMMIT DROP AS"
    " SELECT hash, seq FROM st_articles WHERE false;"
    "WITH first AS (SELECT DISTINCT ON (hash) * FROM st_articles"
    "   ORDER BY hash, seq),"
    " ins AS (INSERT INTO articles (hash, doc, url, title, outlet, author,"
    "   published, dateline, reference_date, input, text, body, n_sentences,"
    "   n_mentions)"
    "  SELECT hash, doc, url, title, outlet, author, published, dateline,"
    "   reference_date, input, text, body, n_sentences, n_mentions"
    "  FROM first ORDER BY seq ON CONFLICT (hash) DO NOTHING"
    "  RETURNING hash)"
    " INSERT INTO st_new SELECT ins.hash, first.seq FROM ins"
    "  JOIN first USING (hash);"
    "INSERT INTO mentions (article_hash, month, record_id, sentence_index,"
    " part, source_code, target_code, code, root, quad, goldstein, date,"
    " date_precision, negated, background, record)"
    " SELECT n.hash, kabar_month(r->>'date'), r->>'id',"
    "  (r->>'sentence_index')::integer, r->>'part',"
    "  r->'source'->>'code', r->'target'->>'code', r->>'code', r->>'root',"
    "  (r->>'quad')::integer, (r->>'goldstein')::real, r->>'date',"
    "  r->>'date_precision', (r->>'negated')::boolean,"
    "  (r->>'background')::boolean, m.record"
    " FROM st_mentions m CROSS JOIN LATERAL (SELECT m.record AS r) x"
    " JOIN st_new n ON n.seq = m.seq ORDER BY m.seq, m.n"
    " ON CONFLICT DO NOTHING;";

int pg_is_uri(const char *db) {
  return db && (strncmp(db, "postgresql://", 13) == 0 ||
                strncmp(db, "postgres://", 11) == 0);
}

static kb_status fail(pg_store *pg, kb_error *err, const char *what) {
  const char *m = PQerrorMessage(pg->conn);
  size_t n;
  snprintf(pg->msg, sizeof pg->msg, "%s%s%s", what, *m ? ": " : "", m);
  n = strlen(pg->msg);
  while (n > 0 && (pg->msg[n - 1] == '\n' || pg->msg[n - 1] == ' '))
    pg->msg[--n] = 0;
  if (err) {
    err->code = KB_EDB;
    err->msg = pg->msg;
  }
  return KB_EDB;
}

/* Runs SQL that returns no rows we need. */
static kb_status exec(pg_store *pg, const char *sql, kb_error *err) {
  PGresult *r = PQexec(pg->conn, sql);
  ExecStatusType s = PQresultStatus(r);
  kb_status st = KB_OK;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
    st = fail(pg, err, "PostgreSQL");
  PQclear(r);
  return st;
}

kb_status pg_open(const char *uri, pg_store **out, kb_error *err) {
  static char msg[512];
  pg_store *pg = kb_alloc(sizeof *pg);
  *out = NULL;
  if (pg == NULL)
    return KB_ENOMEM;
  memset(pg, 0, sizeof *pg);
  pg->conn = PQconnectdb(uri);
  if (PQstatus(pg->conn) != CONNECTION_OK) {
    fail(pg, NULL, "cannot connect");
    snprintf(msg, sizeof msg, "%s", pg->msg);
    if (err) {
      err->code = KB_EDB;
      err->msg = msg;
    }
    pg_close(pg);
    return KB_EDB;
  }
  /* notices (CREATE ... IF NOT EXISTS "already exists") are not news */
  /* the schema is made in a transaction holding a lock, so that two
   * kabar processes starting on an empty database do not race */
  if (exec(pg, "SET client_min_messages = warning", err) != KB_OK ||
      exec(pg,
           "BEGIN; SELECT pg_advisory_xact_lock(hashtext('kabar_schema'))",
           err) != KB_OK ||
      exec(pg, schema_sql, err) != KB_OK || exec(pg, "COMMIT", err) != KB_OK) {
    snprintf(msg, sizeof msg, "%s", pg->msg);
    if (err)
      err->msg = msg;
    pg_close(pg);
    return KB_EDB;
  }
  *out = pg;
  return KB_OK;
}

void pg_close(pg_store *pg) {
  if (pg == NULL)
    return;
  PQfinish(pg->conn);
  buf_free(&pg->articles);
  buf_free(&pg->mentions);
  kb_free(pg);
}

/* Appends a COPY text-format field: \N for NULL, else the bytes with
 * backslash, tab, newline and carriage return escaped; then `end`. */
static void field(buf *b, const char *p, size_t n, char end) {
  size_t i, from = 0;
  if (p == NULL) {
    buf_append(b, "\\N", 2);
  } else {
    for (i = 0; i < n; i++) {
      char e = p[i] == '\\' ? '\\' : p[i] == '\t' ? 't' : p[i] == '\n' ? 'n'
               : p[i] == '\r' ? 'r' : 0;
      if (e) {
        buf_append(b, p + from, i - from);
        buf_putc(b, '\\');
        buf_putc(b, e);
        from = i + 1;
      }
    }
    buf_append(b, p + from, n - from);
  }
  buf_putc(b, end);
}

static void text_field(buf *b, kb_text t, char end) {
  field(b, t.ptr, t.len, end);
}

static void num_field(buf *b, long long v, char end) {
  char s[32];
  int n = snprintf(s, sizeof s, "%lld", v);
  field(b, s, (size_t)n, end);
}

kb_status pg_add(pg_store *pg, kb_doc *doc, const kb_dict *dict,
                 const kb_options *opts, kb_error *err) {
  const kb_meta *m;
  kb_status st = kb_doc_code(doc, dict, opts, err);
  char *records, *p, *end;
  size_t len, i, n_sent = kb_doc_n_sentences(doc), n = 0;
  buf body = {0};
  kb_text none = {NULL, 0};
  if (st != KB_OK)
    return st;
  if (kb_doc_events_format(doc, KB_FORMAT_JSONL, &records, &len) != KB_OK)
    return KB_ENOMEM;
  m = kb_doc_meta(doc);
  for (i = 0; i < n_sent; i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    if (s->part == KB_BLOCK_TITLE)
      continue;
    buf_append(&body, s->text.ptr, s->text.len);
    buf_putc(&body, '\n');
  }
  pg->seq++;
  num_field(&pg->articles, pg->seq, '\t');
  text_field(&pg->articles, kb_doc_id(doc), '\t');
  text_field(&pg->articles, kb_doc_field(doc, KB_FIELD_URL), '\t');
  text_field(&pg->articles, m->title.ptr ? m->title : none, '\t');
  text_field(&pg->articles, m->outlet, '\t');
  text_field(&pg->articles, m->author, '\t');
  text_field(&pg->articles, m->published, '\t');
  text_field(&pg->articles, m->dateline, '\t');
  text_field(&pg->articles, m->reference_date, '\t');
  text_field(&pg->articles, kb_doc_field(doc, KB_FIELD_INPUT), '\t');
  text_field(&pg->articles, kb_doc_text(doc), '\t');
  field(&pg->articles, body.ptr ? body.ptr : "", body.len, '\t');
  num_field(&pg->articles, (long long)n_sent, '\t');
  num_field(&pg->articles, (long long)kb_doc_n_events(doc), '\n');
  st = buf_failed(&body) ? KB_ENOMEM : KB_OK;
  buf_free(&body);
  for (p = records; p < records + len; p = end + 1) {
    end = memchr(p, '\n', (size_t)(records + len - p));
    if (end == NULL)
      break;
    num_field(&pg->mentions, pg->seq, '\t');
    num_field(&pg->mentions, (long long)n++, '\t');
    field(&pg->mentions, p, (size_t)(end - p), '\n');
  }
  kb_free(records);
  if (buf_failed(&pg->articles) || buf_failed(&pg->mentions))
    st = KB_ENOMEM;
  return st;
}

/* COPY rows into table. */
static kb_status copy_in(pg_store *pg, const char *sql, buf *rows,
                         kb_error *err) {
  PGresult *r = PQexec(pg->conn, sql);
  kb_status st = KB_OK;
  if (PQresultStatus(r) != PGRES_COPY_IN) {
    PQclear(r);
    return fail(pg, err, "COPY");
  }
  PQclear(r);
  if ((rows->len && PQputCopyData(pg->conn, rows->ptr, (int)rows->len) != 1) ||
      PQputCopyEnd(pg->conn, NULL) != 1)
    return fail(pg, err, "COPY");
  while ((r = PQgetResult(pg->conn)) != NULL) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && st == KB_OK)
      st = fail(pg, err, "COPY");
    PQclear(r);
  }
  return st;
}

kb_status pg_flush(pg_store *pg, pg_counts *c, kb_error *err) {
  PGresult *r;
  kb_status st;
  long long queued = pg->seq, added, mentions;
  if (queued == 0)
    return KB_OK;
  st = exec(pg,
            "BEGIN;"
            "CREATE TEMP TABLE st_articles (seq bigint, doc text, url text,"
            " title text, outlet text, author text, published text,"
            " dateline text, reference_date text, input text, text text,"
            " body text, n_sentences integer, n_mentions integer, hash text)"
            " ON COMMIT DROP;"
            "CREATE TEMP TABLE st_mentions (seq bigint, n integer,"
            " record json) ON COMMIT DROP;",
            err);
  if (st == KB_OK)
    st = copy_in(pg,
                 "COPY st_articles (seq, doc, url, title, outlet, author,"
                 " published, dateline, reference_date, input, text, body,"
                 " n_sentences, n_mentions) FROM STDIN",
                 &pg->articles, err);
  if (st == KB_OK)
    st = copy_in(pg, "COPY st_mentions FROM STDIN", &pg->mentions, err);
  if (st == KB_OK)
    st = exec(pg, flush_sql, err);
  if (st == KB_OK) {
    r = PQexec(pg->conn, "SELECT (SELECT count(*) FROM st_new),"
                         " (SELECT count(*) FROM st_mentions m"
                         "  JOIN st_new n ON n.seq = m.seq)");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      st = fail(pg, err, "PostgreSQL");
    } else {
      added = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
      mentions = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
      c->articles += added;
      c->known += queued - added;
      c->mentions += mentions;
    }
    PQclear(r);
  }
  if (st == KB_OK)
    st = exec(pg, "COMMIT", err);
  if (st != KB_OK)
    PQclear(PQexec(pg->conn, "ROLLBACK"));
  buf_reset(&pg->articles);
  buf_reset(&pg->mentions);
  pg->seq = 0;
  return st;
}

/* Runs a query with text parameters and hands column 0 of each row to fn. */
static long long lines(pg_store *pg, const char *sql, int n_params,
                       const char *const *params, pg_line_fn fn, void *ctx,
                       kb_error *err) {
  PGresult *r = PQexecParams(pg->conn, sql, n_params, NULL, params, NULL,
                             NULL, 0);
  long long i, n;
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    PQclear(r);
    fail(pg, err, "PostgreSQL");
    return -1;
  }
  n = PQntuples(r);
  for (i = 0; i < n; i++)
    if (fn(PQgetvalue(r, (int)i, 0), (size_t)PQgetlength(r, (int)i, 0),
           ctx) != 0)
      break;
  PQclear(r);
  return i;
}

long long pg_search(pg_store *pg, const char *query, long long limit,
                    pg_line_fn fn, void *ctx, kb_error *err) {
  char lim[32];
  const char *params[2];
  snprintf(lim, sizeof lim, "%lld", limit);
  params[0] = query;
  params[1] = limit > 0 ? lim : NULL; /* LIMIT NULL: all, as --limit 0 */
  return lines(pg,
               "SELECT json_build_object('rank', round(ts_rank(fts, q)::"
               "numeric, 4), 'doc', doc, 'title', title, 'outlet', outlet,"
               " 'published', published, 'url', url, 'n_mentions',"
               " n_mentions)::text"
               " FROM articles, plainto_tsquery('indonesian', $1) q"
               " WHERE fts @@ q ORDER BY ts_rank(fts, q) DESC, id"
               " LIMIT $2::bigint",
               2, params, fn, ctx, err);
}

long long pg_export_mentions(pg_store *pg, pg_line_fn fn, void *ctx,
                             kb_error *err) {
  return lines(pg,
               "SELECT m.record::text FROM mentions m"
               " JOIN articles a ON a.hash = m.article_hash"
               " ORDER BY a.id, m.sentence_index, m.record_id",
               0, NULL, fn, ctx, err);
}
