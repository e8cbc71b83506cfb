/*
 * store.h -- internal interface of the store stage: the kb_store object
 * behind the opaque handle, its prepared statements, the schema and its
 * migrations (store_schema.c), the full-text tokenizer (store_fts.c),
 * mention merging, near-duplicates and date claims (store_merge.c), and
 * the query cursors (store_query.c).
 *
 * The store sits after `code` in the pipeline (docs/DESIGN.md): it reads a
 * coded kb_doc and never changes it.  Schema and rules: docs/STORE.md.
 */
#ifndef KB_STORE_H
#define KB_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "kabar_int.h"
#include "util/buf.h"

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 7

/* A mention without a date expression of its own happened on the
 * article's reference date or up to this many days before it
 * (docs/STORE.md, "Dates"). */
#define STORE_SOFT_WINDOW_DAYS 3

/* Near-duplicates: one-permutation MinHash over 5-word shingles, 64 bins;
 * LSH with 16 bands of 4 bins; a candidate is a near-duplicate when the
 * estimated Jaccard similarity is at least STORE_NEAR_DUP (docs/STORE.md,
 * "Near-duplicates"). */
#define STORE_SHINGLE 5
#define STORE_MINHASH_BINS 64
#define STORE_LSH_BANDS 16
#define STORE_NEAR_DUP 0.7
#define STORE_MIN_SHINGLES 16

/* Multi-row inserts of an article's sentences and LSH keys: one
 * statement of up to STORE_MULTI_MAX rows instead of a statement per row
 * (store_multi_stmt). */
#define STORE_MULTI_MAX 16
enum { STORE_MULTI_SENTENCES, STORE_MULTI_LSH, STORE_MULTI_KINDS };
_Static_assert(STORE_MULTI_MAX >= STORE_LSH_BANDS, "an article's LSH keys in one insert");

/* Prepared statements, made on first use and kept until close. */
typedef enum store_stmt {
  ST_ARTICLE_BY_HASH,
  ST_ARTICLE_INSERT,
  ST_FTS_INSERT,
  ST_LSH_FIND,
  ST_ARTICLE_SIG,
  ST_SIG_INSERT,
  ST_MENTION_INSERT,
  ST_EVENT_FIND,
  ST_EVENT_INSERT,
  ST_EVENT_UPDATE,
  ST_EVENT_COUNT,
  ST_EVENT_ARTICLE,
  ST_EVENT_SOURCE,
  ST_DYAD_ADD,
  ST_CLAIM_INSERT,
  ST_CLAIM_CONFLICTING,
  ST_CONFLICT_INSERT,
  ST_EVENT_LOCATION,
  ST_ACTOR_LOCATION,
  ST_COUNT_
} store_stmt;

struct pg_store;

struct kb_store {
  sqlite3 *db;               /* NULL when pg is set */
  struct pg_store *pg;       /* a postgresql:// database, opened for
                                queries (store_pg.h): the queries of
                                store_query.c and kb_store_totals_get
                                hand their work to it */
  int is_readonly;
  int in_batch;    /* kb_store_begin without commit */
  int is_poisoned; /* a write failed inside the batch: only a
                      rollback is left */
  sqlite3_stmt *stmt[ST_COUNT_];
  sqlite3_stmt *multi[STORE_MULTI_KINDS][STORE_MULTI_MAX + 1];
                                /* multi-row inserts (store_multi_stmt) */
  char msg[256];              /* the last error, for kb_error.msg */
  const kb_dict *fts_lexicon; /* the full-text tokenizer's lexicon: the
                              first ingest's dict (borrowed), else ... */
  kb_dict *fts_dict;          /* ... the built-in one, loaded on first use
                                 (store_fts.c) */
  buf scratch;                /* text assembled for one insert */
  const kb_store_prep *fts_pending; /* during an article's full-text
                                       insert: its tokens, made
                                       beforehand (store_fts.c) */
};

/* ---- store_prep.c ------------------------------------------------------ */

/* What storing an article needs from it that no database does
 * (kb_store_prepare): one block of memory (kb_free frees it), the header
 * first; the offsets point into the block (store_prep_str). */
struct kb_store_prep {
  const kb_dict *dict; /* the lexicon of its tokens; NULL: none made */
  char hash[33];       /* identity (store_identity) */
  int has_title;
  size_t n_shingles;                  /* of the near-duplicate signature */
  uint32_t sig[STORE_MINHASH_BINS];   /* its MinHash signature */
  size_t body, body_len;              /* the cleaned body, NUL-terminated */
  size_t title, title_len;            /* the full-text index's title */
  size_t toks[2], toks_len[2];        /* title's and body's tokens,
                                         encoded by store_fts_tokens */
};

static inline const char *store_prep_str(const kb_store_prep *p, size_t at) {
  return (const char *)p + at;
}

/* Makes the prep of a coded document; tokens only when with_tokens (the
 * store's own tokenizer, with its cache, is quicker on the writing
 * thread).  Returns KB_OK or KB_ENOMEM. */
kb_status store_prep_make(kb_doc *doc, const kb_dict *dict, int with_tokens,
                          kb_store_prep **out);

/* ---- store.c ----------------------------------------------------------- */

/* The article's identity: 32 hex digits of a 128-bit hash over the
 * reader's id, url, title and the text. */
void store_identity(const kb_doc *doc, char out[33]);

/* kb_store_open with the schema brought to `version` only (the tests use
 * it to make a database of an older version and check its migration). */
kb_status store_open_version(const char *path, unsigned flags, int version,
                             kb_store **out, kb_error *err);

/* The statement `which`, prepared on first use; NULL on error (msg set). */
sqlite3_stmt *store_stmt_get(kb_store *st, store_stmt which);

/* The insert of n rows (1..STORE_MULTI_MAX) of kind STORE_MULTI_*, prepared
 * on first use, reset; NULL on error (msg set). */
sqlite3_stmt *store_multi_stmt(kb_store *st, int kind, int n);

/* store_geo.c: records event `event`'s location of `role` (the first
 * mention with one wins): STORE_GEO_ACTION where it happened, or where its
 * source (STORE_GEO_SOURCE) or target (STORE_GEO_TARGET) is.  Returns KB_OK
 * or KB_EDB. */
enum { STORE_GEO_ACTION, STORE_GEO_SOURCE, STORE_GEO_TARGET };
kb_status store_geo_put(kb_store *st, long long event, int role,
                        const kb_location *l, kb_error *err);

/* Records SQLite's current message in st->msg and fills err (KB_EDB). */
kb_status store_fail(kb_store *st, kb_error *err);

/* Binds s[0..n) as text, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *p, size_t n);

/* Runs one SQL statement (or several) without results. */
kb_status store_exec(kb_store *st, const char *sql, kb_error *err);

/* What an article counts as for NumSources: the outlet, else the url's
 * host without "www." (*has 1), else nothing (*has 0: the article is a
 * source of its own).  Shared with the PostgreSQL store. */
void store_source_key(kb_text outlet, kb_text url, char out[128], int *has);

/* Whether event e's date is only the reference date `ref` (no date
 * expression of its sentence says it): the merge's soft date. */
struct tag_ymd;
int store_is_soft_date(const kb_doc *doc, const kb_event *e,
                       const struct tag_ymd *ref, kb_text ref_text);

/* The index of the first body sentence (its mentions are roots), or the
 * number of sentences when there is none. */
size_t store_first_body(const kb_doc *doc);
/* Checks a query's values (codes, dates, quad, country, near, cursor):
 * NULL when they are sound, else why not (a static message). */
const char *store_check_query(const kb_query *q);

/* --near's ten numbers as the SQL compares them, each as text ("%.6f"):
 * the latitude box (lo, hi), the longitude box (lo, hi), the latitude
 * twice, the longitude twice, cos^2 of the latitude and the radius in
 * degrees squared; the point is within the radius when
 * (lat - v4) * (lat - v5) + (lon - v6) * (lon - v7) * v8 <= v9.  Both
 * stores compute with these, so that they agree at the edge. */
void store_near_values(const kb_query *q, char v[10][32]);

/* One side of the actors query, up to "WHERE " (store_query.c; the
 * PostgreSQL store's too). */
void store_actor_side(buf *sql, int side, unsigned flags);

/* ---- store_mem.c ---------------------------------------------------------- */

/* Once per process, before the first connection: when the user installed
 * an allocator (kb_set_allocator), SQLite's memory goes through it too.
 * Returns SQLITE_OK or the error of sqlite3_initialize. */
int store_mem_init(void);

/* ---- store_schema.c ------------------------------------------------------ */

/* Brings the schema from its PRAGMA user_version up to `target` (at most
 * STORE_SCHEMA_VERSION), one transaction per step.  A database of a later
 * version gives KB_EDB.  The tests pass a lower target to build an old
 * database and check the migration from it. */
kb_status store_migrate(kb_store *st, int target, kb_error *err);

/* Registers the "kabar_id" FTS5 tokenizer on the store's connection.
 * Returns SQLITE_OK or an SQLite error code. */
int store_fts_register(kb_store *st);

/* Appends to out the tokens the tokenizer makes of document text
 * text[0..n) with lexicon dict, encoded for replay (store_fts.c).  Any
 * thread.  Returns 0, or -1 when out of memory. */
int store_fts_tokens(const kb_dict *dict, const char *text, size_t n,
                     buf *out);

/* ---- store_merge.c ------------------------------------------------------- */

/* Writes the day `days` after 1970-01-01 as "YYYY-MM-DD", clamped to
 * years 0000..9999 (util/calendar.h counts the days). */
void store_iso(long days, char out[11]);

/* A mention's date as an interval [lo, hi] of ISO days, from the event's
 * date at its precision; `soft` widens a reference-date fallback to the
 * window before it.  An undated mention gets the whole calendar. */
void store_interval(const char *date, kb_date_precision p, int soft,
                    char lo[11], char hi[11]);

/* The country part of an actor code: "RUS" for "RUSGOV", "IGOUNO" for an
 * IGO/NGO/MNC code, "" for none.  Writes into out (16 bytes). */
void store_country(const char *code, char out[16]);

/* Near-duplicate signature of a segmented document: OUT sig (bins), and
 * the number of shingles.  Empty bins hold UINT32_MAX. */
size_t store_minhash(const kb_doc *doc, uint32_t sig[STORE_MINHASH_BINS]);

/* Estimated Jaccard similarity of two signatures (0 when either is empty). */
double store_similarity(const uint32_t *a, const uint32_t *b);

/* Band keys of a signature for the LSH table; a band with an empty bin has
 * no key (keys[b] = 0, has[b] = 0). */
void store_bands(const uint32_t sig[STORE_MINHASH_BINS],
                 int64_t keys[STORE_LSH_BANDS], int has[STORE_LSH_BANDS]);

/* One mention to merge: the fields the merge reads. */
typedef struct store_mention {
  long long id;      /* mentions.id */
  long long article; /* articles.id */
  long long cluster; /* the article's near-duplicate cluster */
  const char *source_key;
  const kb_event *e;
  int soft; /* the date fell back to the reference date */
  int is_root;
  char lo[11], hi[11];
  const char *ref_date; /* the article's reference date, or NULL */
} store_mention;

/* Merges mention m into an event (a new one when nothing matches): the
 * event's id in *event, *is_new set when it was created.  Keeps counts,
 * dates and the dyad table in step.  Returns KB_OK or KB_EDB. */
kb_status store_merge_mention(kb_store *st, const store_mention *m,
                              long long *event, int *is_new, kb_error *err);

/* One dated claim of a document (docs/STORE.md, "Conflicts"): the onset
 * of a war, its subject country and the date claimed. */
typedef struct store_claim {
  size_t sentence; /* sentence index */
  kb_text text;    /* the sentence (points into the document) */
  char subject[16], trigger[32], date[11], lo[11], hi[11];
  const char *precision; /* "year", "month", "day" */
  size_t span_start, span_end;
} store_claim;

/* Receives one claim; KB_OK to go on. */
typedef kb_status (*store_claim_fn)(void *ctx, const store_claim *c,
                                    kb_error *err);

/* Hands each dated claim of a coded document to fn, in text order; the
 * SQLite and PostgreSQL stores record them their own way. */
kb_status store_find_claims(const kb_doc *doc, const kb_dict *dict,
                            store_claim_fn fn, void *ctx, kb_error *err);

/* Finds the dated claims of a coded document (the onset of a war or an
 * invasion, docs/STORE.md "Conflicts"), records them and any conflict they
 * reveal.  OUT: counts.  Returns KB_OK or KB_EDB. */
kb_status store_claims(kb_store *st, const kb_doc *doc, const kb_dict *dict,
                       long long article, size_t *n_claims, size_t *n_conflicts,
                       kb_error *err);

/* ---- store_query.c: rows of another backend ---------------------------- */

/* The row sets another backend (the PostgreSQL store) hands to kb_rows,
 * so that they print exactly as the SQLite store's: its columns are those
 * of kb_store_events, kb_store_dyads and kb_store_conflicts, in their
 * order (store_rows_n_cols of them), each as text. */
typedef enum store_rows_kind {
  STORE_ROWS_EVENTS,
  STORE_ROWS_DYADS,
  STORE_ROWS_CONFLICTS,
  STORE_ROWS_MENTIONS,  /* kb_store_mentions */
  STORE_ROWS_EVIDENCE,  /* kb_store_evidence: the mentions' and 5 more */
  STORE_ROWS_ARTICLE,   /* kb_store_article */
  STORE_ROWS_SENTENCES, /* kb_store_sentences */
  STORE_ROWS_ACTORS,    /* kb_store_actors */
  STORE_ROWS_SEARCH     /* kb_store_search */
} store_rows_kind;

typedef struct store_rows_src {
  void *ctx;
  /* moves to the next row: 1, 0 at the end, -1 on error (*why set) */
  int (*next)(void *ctx, const char **why);
  /* column i of the row as text, NULL for SQL NULL; a number as its
   * decimal text, a boolean as 0 or 1 */
  const char *(*value)(void *ctx, size_t i, size_t *len);
  void (*free)(void *ctx);
} store_rows_src;

size_t store_rows_n_cols(store_rows_kind kind);

/* A cursor over src's rows (it owns src from now on, even on failure).
 * KB_OK or KB_ENOMEM. */
kb_status store_rows_from(store_rows_kind kind, const store_rows_src *src,
                          kb_rows **out);

#endif
