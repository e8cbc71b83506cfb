/*
 * store_pg.h -- the PostgreSQL store (store_pg.c): articles and their
 * coded mentions in a PostgreSQL database, for `kabar ingest` and
 * `kabar search` with `--db postgresql://...` (docs/SCALE.md).  Not yet
 * the whole of kb_store: events are not merged there (see
 * docs/SCALE.md, "PostgreSQL").
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

#endif
