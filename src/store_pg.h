/*
 * store_pg.h -- the PostgreSQL store (store_pg.c): articles and their
 * coded mentions in a PostgreSQL database, for `kabar ingest` and
 * `kabar search`, `events`, `dyads`, `conflicts` with `--db
 * postgresql://...` (docs/SCALE.md, "PostgreSQL").
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

/* Receives one result line (a JSON object, no newline); returns 0, or
 * -1 to stop. */
typedef int (*pg_line_fn)(const char *line, size_t len, void *ctx);

/* Full-text search with PostgreSQL's `indonesian` configuration: the
 * best `limit` articles as JSON objects (rank, doc, title, outlet,
 * published, url, n_mentions), best first.  Returns the number of rows or
 * -1 (err set). */
long long pg_search(pg_store *pg, const char *query, long long limit,
                    pg_line_fn fn, void *ctx, kb_error *err);

/* Every stored mention's record, exactly as `kabar code` printed it, in
 * article then record order.  Rows or -1. */
long long pg_export_mentions(pg_store *pg, pg_line_fn fn, void *ctx,
                             kb_error *err);

/* Merged events (store_pg_merge.c, store_pg_query.c): kb_rows with the
 * columns of kb_store_events, kb_store_dyads and kb_store_conflicts, so
 * that they print as the SQLite store's.  The rows use the connection:
 * free them before pg_close, and run no other query while they are open.
 * KB_OK, KB_EARG (a bad value, or a filter not ported: --near), KB_EDB,
 * KB_ENOMEM. */
kb_status pg_events(pg_store *pg, const kb_query *q, kb_rows **out,
                    kb_error *err);
kb_status pg_dyads(pg_store *pg, const kb_query *q, kb_period by,
                   kb_rows **out, kb_error *err);
kb_status pg_conflicts(pg_store *pg, kb_rows **out, kb_error *err);

/* For store_pg_query.c: the connection (libpq's PGconn), and errors kept
 * in the store as pg_open's. */
struct pg_conn;
struct pg_conn *pg_connection(pg_store *pg);
kb_status pg_fail(pg_store *pg, kb_error *err, const char *what);
kb_status pg_fail_msg(pg_store *pg, kb_error *err, kb_status code,
                      const char *msg);

/* store_pg_merge.c: the tables of merged events and the batch merge
 * (PL/pgSQL), run by pg_open after the base schema: pieces to join
 * (C compilers need not take longer strings), NULL last. */
extern const char *const pg_merge_schema_sql[];

#endif
