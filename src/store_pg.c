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
 * Each batch is merged into events in its transaction (store_pg_merge.c):
 * what the merge needs of a document (near-duplicate signature, source
 * key, soft dates, the claims) is computed here by the SQLite store's
 * functions and sent with the COPY.  The queries of merged events are in
 * store_pg_query.c.
 *
 * References: PostgreSQL 15 manual, "COPY", "INSERT ... ON CONFLICT",
 * "Table Partitioning", "Text Search Controls"; libpq, "Functions
 * Associated with the COPY Command".
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_pg.h"
#include "tag_date.h"
#include "util/alloc.h"
#include "util/buf.h"

struct pg_store {
  PGconn *conn;
  PGconn *spare; /* a second connection, for a query made while rows of
                    the first are being read (store_pg_query.c) */
  int streaming; /* rows of conn are being read */
  char *uri;
  buf articles; /* COPY text rows for st_articles */
  buf mentions; /* COPY text rows for st_mentions */
  buf claims;   /* COPY text rows for st_claims */
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
    /* what the queries of mentions need beside the record: its place in
     * the article's records, root flag and verb span */
    "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS n integer,"
    " ADD COLUMN IF NOT EXISTS is_root boolean,"
    " ADD COLUMN IF NOT EXISTS verb_start integer,"
    " ADD COLUMN IF NOT EXISTS verb_end integer;"
    "CREATE TABLE IF NOT EXISTS sentences (article_id bigint NOT NULL,"
    " idx integer NOT NULL, part text NOT NULL, start integer NOT NULL,"
    " \"end\" integer NOT NULL, PRIMARY KEY (article_id, idx));"
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
    /* the merge depends on the order of articles: one batch at a time */
    "SELECT pg_advisory_xact_lock(hashtext('kabar_merge'));"
    "UPDATE st_articles SET hash = md5(concat_ws(E'\\x1f', doc,"
    " coalesce(url, E'\\x1e'), coalesce(title, E'\\x1e'), text));"
    "SELECT kabar_partition(m) FROM (SELECT DISTINCT"
    " kabar_month(record->>'date') AS m FROM st_mentions) x;"
    "CREATE TEMP TABLE st_new ON COMMIT DROP AS"
    " SELECT hash, seq FROM st_articles WHERE false;"
    "WITH first AS (SELECT DISTINCT ON (hash) * FROM st_articles"
    "   ORDER BY hash, seq),"
    " ins AS (INSERT INTO articles (id, hash, doc, url, title, outlet,"
    "   author, published, dateline, reference_date, input, text, body,"
    "   n_sentences, n_mentions) OVERRIDING SYSTEM VALUE"
    /* ids as SQLite's rowids: max + 1 in input order, no gaps (the
     * lock above makes the batches take turns) */
    "  SELECT (SELECT coalesce(max(id), 0) FROM articles)"
    "   + row_number() OVER (ORDER BY seq), hash, doc, url, title, outlet,"
    "   author, published, dateline, reference_date, input, text, body,"
    "   n_sentences, n_mentions"
    "  FROM first WHERE NOT EXISTS (SELECT 1 FROM articles x"
    "   WHERE x.hash = first.hash)"
    "  ORDER BY seq ON CONFLICT (hash) DO NOTHING"
    "  RETURNING hash)"
    " INSERT INTO st_new SELECT ins.hash, first.seq FROM ins"
    "  JOIN first USING (hash);"
    "INSERT INTO sentences SELECT r.id, u.ord - 1, u.part, u.s, u.e"
    " FROM st_new n JOIN st_articles a ON a.seq = n.seq"
    " JOIN articles r ON r.hash = n.hash CROSS JOIN LATERAL"
    " unnest(a.s_parts, a.s_starts, a.s_ends) WITH ORDINALITY"
    "  AS u(part, s, e, ord) ON CONFLICT DO NOTHING;"
    "CREATE TEMP TABLE st_events (seq bigint, n integer, event_id bigint)"
    " ON COMMIT DROP;"
    "CREATE INDEX ON st_mentions (seq);"
    "CREATE INDEX ON st_claims (seq);"
    "SELECT kabar_merge_batch();"
    "INSERT INTO mentions (article_hash, month, record_id, sentence_index,"
    " part, source_code, target_code, code, root, quad, goldstein, date,"
    " date_precision, negated, background, record, event_id, n, is_root,"
    " verb_start, verb_end)"
    " SELECT n.hash, kabar_month(r->>'date'), r->>'id',"
    "  (r->>'sentence_index')::integer, r->>'part',"
    "  r->'source'->>'code', r->'target'->>'code', r->>'code', r->>'root',"
    "  (r->>'quad')::integer, (r->>'goldstein')::real, r->>'date',"
    "  r->>'date_precision', (r->>'negated')::boolean,"
    "  (r->>'background')::boolean, m.record, v.event_id, m.n, m.is_root,"
    "  m.verb_start, m.verb_end"
    " FROM st_mentions m CROSS JOIN LATERAL (SELECT m.record AS r) x"
    " JOIN st_new n ON n.seq = m.seq"
    " LEFT JOIN st_events v ON v.seq = m.seq AND v.n = m.n"
    " ORDER BY m.seq, m.n"
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

kb_status pg_fail(pg_store *pg, kb_error *err, const char *what) {
  return fail(pg, err, what);
}

kb_status pg_fail_msg(pg_store *pg, kb_error *err, kb_status code,
                      const char *msg) {
  snprintf(pg->msg, sizeof pg->msg, "%s", msg);
  if (err) {
    err->code = code;
    err->msg = pg->msg;
  }
  return code;
}

struct pg_conn *pg_connection(pg_store *pg) { return (struct pg_conn *)pg->conn; }

int *pg_streaming(pg_store *pg) { return &pg->streaming; }

struct pg_conn *pg_spare_connection(pg_store *pg, kb_error *err) {
  if (pg->spare == NULL) {
    PGresult *r = NULL;
    pg->spare = PQconnectdb(pg->uri);
    if (PQstatus(pg->spare) == CONNECTION_OK) /* as open_store's */
      r = PQexec(pg->spare, "SET jit = off");
    if (PQstatus(pg->spare) != CONNECTION_OK ||
        PQresultStatus(r) != PGRES_COMMAND_OK) {
      PQclear(r);
      snprintf(pg->msg, sizeof pg->msg, "cannot connect: %s",
               PQerrorMessage(pg->spare));
      pg->msg[strcspn(pg->msg, "\n")] = 0;
      PQfinish(pg->spare);
      pg->spare = NULL;
      if (err) {
        err->code = KB_EDB;
        err->msg = pg->msg;
      }
      return NULL;
    }
    PQclear(r);
  }
  return (struct pg_conn *)pg->spare;
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

/* Runs the SQL made of pieces[] joined. */
static kb_status exec_pieces(pg_store *pg, const char *const *pieces,
                             kb_error *err) {
  buf sql = BUF_INIT;
  kb_status st;
  size_t i;
  for (i = 0; pieces[i]; i++)
    buf_puts(&sql, pieces[i]);
  if (buf_cstr(&sql) == NULL) {
    buf_free(&sql);
    return KB_ENOMEM;
  }
  st = exec(pg, sql.ptr, err);
  buf_free(&sql);
  return st;
}

/* Whether the schema of this kabar is there (its newest table). */
static int has_schema(pg_store *pg) {
  PGresult *r = PQexec(pg->conn, "SELECT to_regclass('sentences') IS NOT NULL");
  int yes = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
            PQgetvalue(r, 0, 0)[0] == 't';
  PQclear(r);
  return yes;
}

static kb_status open_store(const char *uri, int to_read, pg_store **out,
                            kb_error *err) {
  static _Thread_local char msg[512]; /* per thread: serve opens one a worker */
  pg_store *pg = kb_alloc(sizeof *pg);
  *out = NULL;
  if (pg == NULL)
    return KB_ENOMEM;
  memset(pg, 0, sizeof *pg);
  pg->uri = kb_alloc(strlen(uri) + 1);
  if (pg->uri == NULL) {
    kb_free(pg);
    return KB_ENOMEM;
  }
  memcpy(pg->uri, uri, strlen(uri) + 1);
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
  /* notices (CREATE ... IF NOT EXISTS "already exists") are not news;
   * JIT compiling costs the big queries more than it saves: 2.9 s of a
   * 7.3 s `dyads --by month` over 10M events (bench/README.md,
   * "PostgreSQL queries at 10M events") */
  /* the schema is made in a transaction holding a lock, so that two
   * kabar processes starting on an empty database do not race */
  if (exec(pg, "SET client_min_messages = warning; SET jit = off", err) !=
      KB_OK) {
    pg_close(pg);
    return KB_EDB;
  }
  /* a reader leaves a schema that is there as it is: CREATE ... IF NOT
   * EXISTS and ALTER TABLE take locks that would wait for an ingest's
   * batch (and make queries behind them wait) */
  if (to_read && has_schema(pg)) {
    *out = pg;
    return KB_OK;
  }
  if (exec(pg,
           "BEGIN; SELECT pg_advisory_xact_lock(hashtext('kabar_schema'))",
           err) != KB_OK ||
      exec(pg, schema_sql, err) != KB_OK ||
      exec_pieces(pg, pg_merge_schema_sql, err) != KB_OK ||
      exec(pg, "COMMIT", err) != KB_OK) {
    snprintf(msg, sizeof msg, "%s", pg->msg);
    if (err)
      err->msg = msg;
    pg_close(pg);
    return KB_EDB;
  }
  *out = pg;
  return KB_OK;
}

kb_status pg_open(const char *uri, pg_store **out, kb_error *err) {
  return open_store(uri, 0, out, err);
}

kb_status pg_open_read(const char *uri, pg_store **out, kb_error *err) {
  return open_store(uri, 1, out, err);
}

void pg_close(pg_store *pg) {
  if (pg == NULL)
    return;
  PQfinish(pg->conn);
  PQfinish(pg->spare);
  if (pg->uri)
    kb_free(pg->uri);
  buf_free(&pg->articles);
  buf_free(&pg->mentions);
  buf_free(&pg->claims);
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

static void real_field(buf *b, double v, char end) {
  char s[40];
  int n = snprintf(s, sizeof s, "%.17g", v);
  field(b, s, (size_t)n, end);
}

static void cstr_field(buf *b, const char *s, char end) {
  field(b, s, s ? strlen(s) : 0, end);
}

static const char *const precision_str[] = {"none", "year", "month", "day"};

/* A PostgreSQL array literal of the signature and of the band keys. */
static void sig_fields(buf *b, const kb_doc *doc) {
  uint32_t sig[STORE_MINHASH_BINS];
  int64_t keys[STORE_LSH_BANDS];
  int has[STORE_LSH_BANDS];
  size_t i, n = store_minhash(doc, sig);
  char s[32];
  store_bands(sig, keys, has);
  num_field(b, (long long)n, '\t');
  buf_putc(b, '{');
  for (i = 0; i < STORE_MINHASH_BINS; i++) {
    snprintf(s, sizeof s, "%s%lu", i ? "," : "", (unsigned long)sig[i]);
    buf_puts(b, s);
  }
  buf_puts(b, "}\t{");
  for (i = 0; i < STORE_LSH_BANDS; i++) {
    if (has[i])
      snprintf(s, sizeof s, "%s%lld", i ? "," : "", (long long)keys[i]);
    else
      snprintf(s, sizeof s, "%sNULL", i ? "," : "");
    buf_puts(b, s);
  }
  buf_putc(b, '}');
}

/* The sentences' parts, starts and ends as three array literals (the
 * SQLite store's sentences table). */
static void sentence_fields(buf *b, const kb_doc *doc) {
  size_t i, k, n = kb_doc_n_sentences(doc);
  char s[32];
  for (k = 0; k < 3; k++) {
    buf_puts(b, "\t{");
    for (i = 0; i < n; i++) {
      const kb_sentence *x = kb_doc_sentence(doc, i);
      if (k == 0)
        snprintf(s, sizeof s, "%s%s", i ? "," : "",
                 x->part == KB_BLOCK_TITLE     ? "title"
                 : x->part == KB_BLOCK_CAPTION ? "caption"
                                               : "body");
      else
        snprintf(s, sizeof s, "%s%lu", i ? "," : "",
                 (unsigned long)(k == 1 ? x->span.start : x->span.end));
      buf_puts(b, s);
    }
    buf_putc(b, '}');
  }
}

/* A location's 8 fields: type, name, country, iso, adm1, lat, lon,
 * feature id (all NULL but the type when there is none). */
static void loc_fields(buf *b, const kb_location *l, char end) {
  num_field(b, (long long)l->type, '\t');
  if (l->type == KB_GEO_NONE) {
    buf_puts(b, "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N");
    buf_putc(b, end);
    return;
  }
  text_field(b, l->name, '\t');
  cstr_field(b, l->country, '\t');
  cstr_field(b, l->iso, '\t');
  cstr_field(b, l->adm1, '\t');
  real_field(b, l->lat, '\t');
  real_field(b, l->lon, '\t');
  cstr_field(b, l->feature_id, end);
}

/* The merge's view of each mention, in the order of the records: its key,
 * date interval and rank, root flag and location (store.c's
 * store_mentions_of computes the same for the SQLite store). */
static void mention_fields(buf *b, const kb_event *e, int soft, int is_root) {
  char lo[11], hi[11], sc[16], tc[16];
  int rank = e->date_precision == KB_DATE_NONE || e->date[0] == 0 ? 0
             : soft                                             ? 1
                        : 3 + (int)e->date_precision;
  const kb_location *l = &e->location;
  store_interval(e->date, e->date_precision, soft, lo, hi);
  store_country(e->source.code, sc);
  store_country(e->target.code, tc);
  cstr_field(b, e->source.code, '\t');
  text_field(b, e->source.name, '\t');
  cstr_field(b, sc, '\t');
  cstr_field(b, e->target.code, '\t');
  text_field(b, e->target.name, '\t');
  cstr_field(b, tc, '\t');
  cstr_field(b, e->code, '\t');
  cstr_field(b, e->root, '\t');
  num_field(b, e->quad, '\t');
  real_field(b, e->goldstein, '\t');
  cstr_field(b, e->date[0] ? e->date : NULL, '\t');
  cstr_field(b, precision_str[e->date_precision & 3], '\t');
  num_field(b, rank, '\t');
  cstr_field(b, is_root ? "t" : "f", '\t');
  cstr_field(b, lo, '\t');
  cstr_field(b, hi, '\t');
  cstr_field(b, e->negated ? "t" : "f", '\t');
  cstr_field(b, e->background ? "t" : "f", '\t');
  loc_fields(b, l, '\t');
  loc_fields(b, &e->source_geo, '\t');
  loc_fields(b, &e->target_geo, '\t');
  num_field(b, (long long)e->verb_span.start, '\t');
  num_field(b, (long long)e->verb_span.end, '\n');
}

/* store_claim_fn: one claim's row for st_claims. */
typedef struct claim_rows {
  pg_store *pg;
  long long n;
} claim_rows;

static kb_status claim_row(void *ctx, const store_claim *c, kb_error *err) {
  claim_rows *x = ctx;
  buf *b = &x->pg->claims;
  (void)err;
  num_field(b, x->pg->seq, '\t');
  num_field(b, x->n++, '\t');
  num_field(b, (long long)c->sentence, '\t');
  field(b, c->text.ptr ? c->text.ptr : "", c->text.len, '\t');
  cstr_field(b, c->subject, '\t');
  cstr_field(b, c->trigger, '\t');
  cstr_field(b, c->date, '\t');
  cstr_field(b, c->precision, '\t');
  cstr_field(b, c->lo, '\t');
  cstr_field(b, c->hi, '\t');
  num_field(b, (long long)c->span_start, '\t');
  num_field(b, (long long)c->span_end, '\n');
  return KB_OK;
}

kb_status pg_add(pg_store *pg, kb_doc *doc, const kb_dict *dict,
                 const kb_options *opts, kb_error *err) {
  const kb_meta *m;
  kb_status st = kb_doc_code(doc, dict, opts, err);
  char *records, *p, *end, key[128], ref_iso[11];
  size_t len, i, n_sent = kb_doc_n_sentences(doc), n = 0, first_body;
  buf body = {0};
  kb_text none = {NULL, 0}, url;
  tag_ymd ref;
  int has_key, has_ref;
  claim_rows claims;
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
  num_field(&pg->articles, (long long)kb_doc_n_events(doc), '\t');
  /* what the merge needs of the article (store.c's ingest_new) */
  url = m->url.ptr ? m->url : kb_doc_field(doc, KB_FIELD_URL);
  store_source_key(m->outlet, url, key, &has_key);
  cstr_field(&pg->articles, has_key ? key : NULL, '\t');
  has_ref = m->reference_date.ptr &&
            tag_parse_iso(m->reference_date.ptr, m->reference_date.len,
                          &ref) == 0;
  if (has_ref)
    snprintf(ref_iso, sizeof ref_iso, "%.10s", m->reference_date.ptr);
  cstr_field(&pg->articles, has_ref ? ref_iso : NULL, '\t');
  sig_fields(&pg->articles, doc);
  sentence_fields(&pg->articles, doc);
  buf_putc(&pg->articles, '\n');
  st = buf_failed(&body) ? KB_ENOMEM : KB_OK;
  buf_free(&body);
  first_body = store_first_body(doc);
  for (p = records; p < records + len; p = end + 1) {
    const kb_event *e;
    end = memchr(p, '\n', (size_t)(records + len - p));
    if (end == NULL || n >= kb_doc_n_events(doc))
      break;
    e = kb_doc_event(doc, n);
    num_field(&pg->mentions, pg->seq, '\t');
    num_field(&pg->mentions, (long long)n++, '\t');
    field(&pg->mentions, p, (size_t)(end - p), '\t');
    mention_fields(&pg->mentions, e,
                   has_ref && store_is_soft_date(doc, e, &ref,
                                                 m->reference_date),
                   e->part == KB_BLOCK_TITLE || e->sentence == first_body);
  }
  kb_free(records);
  claims.pg = pg;
  claims.n = 0;
  if (st == KB_OK)
    st = store_find_claims(doc, dict, claim_row, &claims, err);
  if (buf_failed(&pg->articles) || buf_failed(&pg->mentions) ||
      buf_failed(&pg->claims))
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
            " body text, n_sentences integer, n_mentions integer,"
            " skey text, ref_date text, n_shingles integer, sig bigint[],"
            " keys bigint[], s_parts text[], s_starts integer[],"
            " s_ends integer[], hash text) ON COMMIT DROP;"
            "CREATE TEMP TABLE st_mentions (seq bigint, n integer,"
            " record json, src text, src_name text, src_country text,"
            " tgt text, tgt_name text, tgt_country text, code text,"
            " root text, quad integer, goldstein double precision,"
            " date text, date_precision text, rank integer,"
            " is_root boolean, lo text, hi text, negated boolean,"
            " background boolean, loc_type integer, loc_name text,"
            " loc_country text, loc_iso text, loc_adm1 text,"
            " loc_lat double precision, loc_lon double precision,"
            " loc_feature text, sg_type integer, sg_name text,"
            " sg_country text, sg_iso text, sg_adm1 text,"
            " sg_lat double precision, sg_lon double precision,"
            " sg_feature text, tg_type integer, tg_name text,"
            " tg_country text, tg_iso text, tg_adm1 text,"
            " tg_lat double precision, tg_lon double precision,"
            " tg_feature text, verb_start integer, verb_end integer)"
            " ON COMMIT DROP;"
            "CREATE TEMP TABLE st_claims (seq bigint, n integer,"
            " sentence_index integer, sentence text, subject text,"
            " trigger text, date text, date_precision text, lo text,"
            " hi text, span_start integer, span_end integer)"
            " ON COMMIT DROP;",
            err);
  if (st == KB_OK)
    st = copy_in(pg,
                 "COPY st_articles (seq, doc, url, title, outlet, author,"
                 " published, dateline, reference_date, input, text, body,"
                 " n_sentences, n_mentions, skey, ref_date, n_shingles, sig,"
                 " keys, s_parts, s_starts, s_ends) FROM STDIN",
                 &pg->articles, err);
  if (st == KB_OK)
    st = copy_in(pg, "COPY st_mentions FROM STDIN", &pg->mentions, err);
  if (st == KB_OK)
    st = copy_in(pg, "COPY st_claims FROM STDIN", &pg->claims, err);
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
  buf_reset(&pg->claims);
  pg->seq = 0;
  return st;
}

kb_status pg_totals(pg_store *pg, kb_store_totals *out, kb_error *err) {
  PGresult *r;
  int i;
  long long *v[6];
  memset(out, 0, sizeof *out);
  if (*pg_streaming(pg)) /* rows of conn are open: a query of its own */
    return pg_fail_msg(pg, err, KB_EARG, "totals while rows are open");
  r = PQexec(pg->conn,
             "SELECT (SELECT count(*) FROM articles),"
             " (SELECT count(*) FROM articles WHERE cluster_id <> id),"
             " (SELECT count(*) FROM sentences), (SELECT count(*) FROM mentions),"
             " (SELECT count(*) FROM events), (SELECT count(*) FROM conflicts),"
             " (SELECT to_char(max(ingested) AT TIME ZONE 'UTC',"
             "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM articles)");
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
    PQclear(r);
    return fail(pg, err, "PostgreSQL");
  }
  v[0] = &out->articles;
  v[1] = &out->near_duplicates;
  v[2] = &out->sentences;
  v[3] = &out->mentions;
  v[4] = &out->events;
  v[5] = &out->conflicts;
  for (i = 0; i < 6; i++)
    *v[i] = strtoll(PQgetvalue(r, 0, i), NULL, 10);
  if (!PQgetisnull(r, 0, 6))
    snprintf(out->updated, sizeof out->updated, "%s", PQgetvalue(r, 0, 6));
  PQclear(r);
  return KB_OK;
}

long long pg_version(pg_store *pg) {
  PGresult *r;
  long long v = -1;
  if (*pg_streaming(pg))
    return -1;
  r = PQexec(pg->conn, "SELECT coalesce(max(id), 0) FROM articles");
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
    v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  return v;
}
