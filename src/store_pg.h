/*
 * store_pg.h -- the PostgreSQL store (store_pg.c): articles and their
 * coded mentions in a PostgreSQL database, for `kabar ingest`, and the
 * queries of every reading command (`events`, `dyads`, `conflicts`,
 * `search`, `export`, `serve`) with `--db postgresql://...`
 * (docs/SCALE.md, "PostgreSQL").
 */
#ifndef KB_STORE_PG_H
#define KB_STORE_PG_H

#include "kabar.h"

typedef struct pg_store pg_store;

/* Whether `db` names a PostgreSQL database (postgresql:// or
 * postgres://) rather than a SQLite file. */
int pg_is_uri(const char *db);

/* Connects and creates the schema when absent.  Returns KB_OK or KB_EDB
 * (err->msg lives in the store or is static; on failure a static copy). */
kb_status pg_open(const char *uri, pg_store **out, kb_error *err);
/* The same to read: a schema that is there is left as it is (only an
 * empty or older database gets this kabar's). */
kb_status pg_open_read(const char *uri, pg_store **out, kb_error *err);
void pg_close(pg_store *pg);

/* Codes the document (unless coded) and queues its article row and
 * mentions for the next pg_flush.  KB_OK, KB_ENOMEM, or the coder's
 * status. */
kb_status pg_add(pg_store *pg, kb_doc *doc, const kb_dict *dict,
                 const kb_options *opts, kb_error *err);

/* What one flush stored. */
typedef struct pg_counts {
  long long articles, known, mentions;
} pg_counts;

/* Writes the queued documents in one transaction: COPY into temporary
 * tables, then INSERT ... ON CONFLICT DO NOTHING, so an article already
 * stored adds nothing.  Adds to *c.  KB_OK or KB_EDB (nothing of the
 * batch stored). */
kb_status pg_flush(pg_store *pg, pg_counts *c, kb_error *err);

/* The queries of store_query.c on PostgreSQL (store_pg_query.c): kb_rows
 * with the columns of kb_store_events, kb_store_mentions,
 * kb_store_event, kb_store_evidence, kb_store_article,
 * kb_store_sentences, kb_store_actors, kb_store_search, kb_store_dyads
 * and kb_store_conflicts, so that they print as the SQLite store's (a
 * kb_store opened on a postgresql:// URI hands its queries here).  Large
 * results (events, mentions of every event, dyads, actors, search) are
 * read a row at a time; a query made while such rows are open runs on a
 * second connection.  Free the rows before pg_close.  KB_OK, KB_EARG (a
 * bad value), KB_EDB, KB_ENOMEM.  Search ranks and snippets are
 * PostgreSQL's (ts_rank, ts_headline with the `indonesian`
 * configuration), not FTS5's. */
kb_status pg_events(pg_store *pg, const kb_query *q, kb_rows **out,
                    kb_error *err);
kb_status pg_mentions(pg_store *pg, long long event, kb_rows **out,
                      kb_error *err);
kb_status pg_event(pg_store *pg, long long id, kb_rows **out, kb_error *err);
kb_status pg_evidence(pg_store *pg, long long event, long long article,
                      kb_rows **out, kb_error *err);
kb_status pg_article(pg_store *pg, long long id, kb_rows **out,
                     kb_error *err);
kb_status pg_sentences(pg_store *pg, long long id, kb_rows **out,
                       kb_error *err);
kb_status pg_actors(pg_store *pg, const kb_query *q, unsigned flags,
                    kb_rows **out, kb_error *err);
kb_status pg_search_rows(pg_store *pg, const char *query, unsigned flags,
                         long long limit, kb_rows **out, kb_error *err);
kb_status pg_dyads(pg_store *pg, const kb_query *q, kb_period by,
                   kb_rows **out, kb_error *err);
kb_status pg_conflicts(pg_store *pg, kb_rows **out, kb_error *err);

/* kb_store_totals_get on PostgreSQL.  KB_OK or KB_EDB. */
kb_status pg_totals(pg_store *pg, kb_store_totals *out, kb_error *err);

/* A number that changes when an ingest stores articles (the last article
 * id), for `kabar serve`'s cache; -1 on error. */
long long pg_version(pg_store *pg);

/* For store_pg_query.c: the connection (libpq's PGconn), the second one
 * (opened on first use; NULL with err set when it cannot be), whether
 * rows are being read from the first, and errors kept in the store as
 * pg_open's. */
struct pg_conn;
struct pg_conn *pg_connection(pg_store *pg);
struct pg_conn *pg_spare_connection(pg_store *pg, kb_error *err);
int *pg_streaming(pg_store *pg);
kb_status pg_fail(pg_store *pg, kb_error *err, const char *what);
kb_status pg_fail_msg(pg_store *pg, kb_error *err, kb_status code,
                      const char *msg);

/* store_pg_merge.c: the tables of merged events and the batch merge
 * (PL/pgSQL), run by pg_open after the base schema: pieces to join
 * (C compilers need not take longer strings), NULL last. */
extern const char *const pg_merge_schema_sql[];

#endif
