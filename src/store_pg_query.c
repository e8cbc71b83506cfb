/*
 * store_pg_query.c -- the PostgreSQL store's queries of merged events:
 * `kabar events`, `kabar dyads` and `kabar conflicts` with `--db
 * postgresql://...`.
 *
 * Input: an open pg_store and a kb_query.  Output: kb_rows with the
 * columns of the SQLite store's kb_store_events, kb_store_dyads and
 * kb_store_conflicts (store_query.c), in their order, so that both stores
 * print the same lines for the same events (store_rows_from).  Rows are
 * fetched one at a time (libpq's single-row mode), so a large result is
 * not held in memory.
 *
 * The filters are those of store_query.c in PostgreSQL's dialect; every
 * value from the caller is a parameter ($1, $2, ...), the SQL text only
 * fixed fragments.  Not here yet: --near (the SQLite store's distance is
 * computed with its own cosine; PostgreSQL would round differently at the
 * edge) and the paging cursor of `kabar serve`.
 *
 * References: PostgreSQL 15 manual, libpq "Retrieving Query Results
 * Row-by-Row".
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_pg.h"
#include "util/alloc.h"
#include "util/buf.h"

#define MAX_PARAMS 64 /* --actor: two branches of up to 28 */

typedef struct params {
  const char *v[MAX_PARAMS];
  char own[MAX_PARAMS][32];
  char near[10][32]; /* --near's numbers (store_near_values) */
  int n;
} params;

/* Appends "$N" for a new text parameter s. */
static void param(buf *sql, params *p, const char *s) {
  char tmp[16];
  if (p->n >= MAX_PARAMS)
    return;
  p->v[p->n++] = s;
  snprintf(tmp, sizeof tmp, "$%d", p->n);
  buf_puts(sql, tmp);
}

static void param_num(buf *sql, params *p, long long v) {
  if (p->n >= MAX_PARAMS)
    return;
  snprintf(p->own[p->n], sizeof p->own[0], "%lld", v);
  param(sql, p, p->own[p->n]);
}

/* ---- the cursor --------------------------------------------------------- */

/* Rows read one at a time from the connection (libpq's single-row mode),
 * or, for a query made while such rows are open or one whose answer is
 * small, the whole result at once. */
typedef struct pg_cursor {
  pg_store *pg;
  PGconn *conn;
  PGresult *row; /* the current row (PGRES_SINGLE_TUPLE) ... */
  PGresult *all; /* ... or the whole result, row `at` - 1 current */
  int at, n_rows;
  int done;
  int n_cols; /* the columns kb_rows expects */
  char msg[256];
} pg_cursor;

/* The end of a streamed result: the rest read and dropped, the connection
 * free for the next query. */
static void cursor_end(pg_cursor *c) {
  PGresult *r;
  if (c->done)
    return;
  c->done = 1;
  if (c->all)
    return;
  while ((r = PQgetResult(c->conn)) != NULL)
    PQclear(r);
  *pg_streaming(c->pg) = 0;
}

static int cursor_next(void *ctx, const char **why) {
  pg_cursor *c = ctx;
  PGresult *r;
  if (c->all) {
    if (c->at >= c->n_rows)
      return 0;
    c->at++;
    return 1;
  }
  PQclear(c->row);
  c->row = NULL;
  if (c->done)
    return 0;
  r = PQgetResult(c->conn);
  if (r && PQresultStatus(r) == PGRES_SINGLE_TUPLE &&
      PQnfields(r) == c->n_cols) {
    c->row = r;
    return 1;
  }
  if (r && PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
    /* store_query.c has columns this file does not know */
    snprintf(c->msg, sizeof c->msg,
             "PostgreSQL: %d columns where the printer wants %d "
             "(src/store_pg_query.c lags src/store_query.c)",
             PQnfields(r), c->n_cols);
    *why = c->msg;
    PQclear(r);
    cursor_end(c);
    return -1;
  }
  if (r && PQresultStatus(r) != PGRES_TUPLES_OK) {
    snprintf(c->msg, sizeof c->msg, "PostgreSQL: %s",
             PQresultErrorMessage(r));
    c->msg[strcspn(c->msg, "\n")] = 0;
    *why = c->msg;
    PQclear(r);
    cursor_end(c);
    return -1;
  }
  PQclear(r);
  cursor_end(c);
  return 0;
}

static const char *cursor_value(void *ctx, size_t i, size_t *len) {
  pg_cursor *c = ctx;
  PGresult *r = c->all ? c->all : c->row;
  int row = c->all ? c->at - 1 : 0;
  if (r == NULL || row < 0 || PQgetisnull(r, row, (int)i))
    return NULL;
  *len = (size_t)PQgetlength(r, row, (int)i);
  return PQgetvalue(r, row, (int)i);
}

static void cursor_free(void *ctx) {
  pg_cursor *c = ctx;
  PQclear(c->row);
  PQclear(c->all);
  cursor_end(c);
  kb_free(c);
}

/* Runs sql with its parameters and makes the cursor over its rows: read
 * a row at a time when `stream` and the connection is free, else whole
 * (on the second connection when rows of the first are open). */
static kb_status run(pg_store *pg, buf *sql, const params *p,
                     store_rows_kind kind, int stream, kb_rows **out,
                     kb_error *err) {
  PGconn *conn = pg_connection(pg);
  PGresult *all = NULL;
  pg_cursor *c;
  store_rows_src src;
  int n_cols = (int)store_rows_n_cols(kind);
  *out = NULL;
  if (buf_cstr(sql) == NULL) {
    buf_free(sql);
    return KB_ENOMEM;
  }
  if (*pg_streaming(pg)) {
    stream = 0;
    if ((conn = pg_spare_connection(pg, err)) == NULL) {
      buf_free(sql);
      return KB_EDB;
    }
  }
  if (!stream) {
    char msg[300];
    all = PQexecParams(conn, sql->ptr, p ? p->n : 0, NULL, p ? p->v : NULL,
                       NULL, NULL, 0);
    buf_free(sql);
    if (PQresultStatus(all) != PGRES_TUPLES_OK || PQnfields(all) != n_cols) {
      snprintf(msg, sizeof msg, "PostgreSQL: %s",
               PQresultStatus(all) != PGRES_TUPLES_OK
                   ? PQresultErrorMessage(all)
                   : "columns differ from the printer's "
                     "(src/store_pg_query.c lags src/store_query.c)");
      msg[strcspn(msg, "\n")] = 0;
      PQclear(all);
      return pg_fail_msg(pg, err, KB_EDB, msg);
    }
  } else {
    if (!PQsendQueryParams(conn, sql->ptr, p ? p->n : 0, NULL,
                           p ? p->v : NULL, NULL, NULL, 0) ||
        !PQsetSingleRowMode(conn)) {
      PGresult *r;
      buf_free(sql);
      while ((r = PQgetResult(conn)) != NULL)
        PQclear(r);
      return pg_fail(pg, err, "PostgreSQL");
    }
    buf_free(sql);
    *pg_streaming(pg) = 1;
  }
  c = kb_alloc(sizeof *c);
  if (c == NULL) {
    PGresult *r;
    PQclear(all);
    if (stream) {
      while ((r = PQgetResult(conn)) != NULL)
        PQclear(r);
      *pg_streaming(pg) = 0;
    }
    return KB_ENOMEM;
  }
  memset(c, 0, sizeof *c);
  c->pg = pg;
  c->conn = conn;
  c->all = all;
  c->n_rows = all ? PQntuples(all) : 0;
  c->n_cols = n_cols;
  src.ctx = c;
  src.next = cursor_next;
  src.value = cursor_value;
  src.free = cursor_free;
  return store_rows_from(kind, &src, out);
}

static kb_status bad(pg_store *pg, const char *why, kb_error *err) {
  return pg_fail_msg(pg, err, KB_EARG, why);
}

/* ---- filters ------------------------------------------------------------ */

/* The SQLite store's checks (same messages). */
static const char *check(const kb_query *q) {
  return store_check_query(q);
}

/* A code prefix on a column. */
static void prefix(buf *sql, params *p, const char *col, const char *v) {
  buf_puts(sql, "starts_with(");
  buf_puts(sql, col);
  buf_puts(sql, ", ");
  param(sql, p, v);
  buf_puts(sql, ")");
}

/* Whether an actor code is a whole country or group (store_query.c's
 * is_country): then the indexed *_country column answers it -- the same
 * set as the code prefix, since store_country keeps the code's first 3
 * letters (6 for IGO, NGO, MNC). */
static int is_country(const char *code) {
  size_t n = strlen(code);
  int group = strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0 ||
              strncmp(code, "MNC", 3) == 0;
  return n == (group ? 6u : 3u);
}

/* One side's condition (store_query.c's actor_cond): "RUS" as
 * e.source_country = 'RUS', "RUSGOV" as a code prefix. */
static void actor_cond(buf *sql, params *p, const char *side,
                       const char *code) {
  char col[32];
  buf_puts(sql, " AND ");
  if (is_country(code)) {
    buf_puts(sql, "e.");
    buf_puts(sql, side);
    buf_puts(sql, "_country = ");
    param(sql, p, code);
  } else {
    snprintf(col, sizeof col, "e.%s_code", side);
    prefix(sql, p, col, code);
  }
}

/* Which part of an --actor query a branch is (store_query.c): both sides
 * at once (OR), the source side, or the target side less the source side
 * (so that the two branches of a UNION ALL never both hold an event). */
enum { ACTOR_EITHER, ACTOR_AS_SOURCE, ACTOR_AS_TARGET };

/* The conditions of a kb_query on alias e of `events`. */
static void event_filters(buf *sql, params *p, const kb_query *q,
                          int branch) {
  if (q == NULL || !(q->flags & KB_QUERY_NEGATED))
    buf_puts(sql, " AND NOT e.negated");
  if (q == NULL)
    return;
  if (q->actor && branch == ACTOR_EITHER) {
    buf_puts(sql, " AND (");
    prefix(sql, p, "e.source_code", q->actor);
    buf_puts(sql, " OR ");
    prefix(sql, p, "e.target_code", q->actor);
    buf_puts(sql, ")");
  } else if (q->actor && branch == ACTOR_AS_SOURCE) {
    actor_cond(sql, p, "source", q->actor);
  } else if (q->actor) {
    actor_cond(sql, p, "target", q->actor);
    buf_puts(sql, " AND NOT (true");
    actor_cond(sql, p, "source", q->actor);
    buf_puts(sql, ")");
  }
  if (q->source)
    actor_cond(sql, p, "source", q->source);
  if (q->target)
    actor_cond(sql, p, "target", q->target);
  if (q->code) {
    buf_puts(sql, " AND ");
    prefix(sql, p, "e.code", q->code);
  }
  if (q->root) {
    buf_puts(sql, " AND e.root = ");
    param(sql, p, q->root);
  }
  if (q->quad) {
    buf_puts(sql, " AND e.quad = ");
    param_num(sql, p, q->quad);
  }
  /* the overlap of [date_lo, date_hi] with [from, to] (store_query.c) */
  if (q->from || q->to)
    buf_puts(sql, " AND e.date IS NOT NULL");
  if (q->from) {
    buf_puts(sql, " AND e.date >= substr(");
    param(sql, p, q->from);
    buf_puts(sql, ", 1, 4) AND e.date_hi >= ");
    param(sql, p, q->from);
  }
  if (q->to) {
    buf_puts(sql, " AND e.date <= ");
    param(sql, p, q->to);
    buf_puts(sql, " AND e.date_lo <= ");
    param(sql, p, q->to);
  }
  if (q->min_sources > 0) {
    buf_puts(sql, " AND e.num_sources >= ");
    param_num(sql, p, q->min_sources);
    buf_puts(sql, "::bigint");
  }
  if (q->country) {
    buf_puts(sql, " AND e.id IN (SELECT event_id FROM event_locations"
                  " WHERE country = ");
    param(sql, p, q->country);
    buf_puts(sql, ")");
  }
  if (q->near_km > 0) {
    /* the SQLite store's box and distance, with its numbers */
    static const char *const sep[10] = {
        " AND e.id IN (SELECT event_id FROM event_locations WHERE lat BETWEEN ",
        "::double precision AND ", "::double precision AND lon BETWEEN ",
        "::double precision AND ", "::double precision AND (lat - ",
        "::double precision) * (lat - ", "::double precision) + (lon - ",
        "::double precision) * (lon - ", "::double precision) * ",
        "::double precision <= "};
    int i;
    store_near_values(q, p->near);
    for (i = 0; i < 10; i++) {
      buf_puts(sql, sep[i]);
      param(sql, p, p->near[i]);
    }
    buf_puts(sql, "::double precision)");
  }
  /* keyset paging in (date, id) order, NULL dates first (store_query.c) */
  if (q->after_id > 0 && q->after_date == NULL) {
    buf_puts(sql, " AND (e.date IS NOT NULL OR e.id > ");
    param_num(sql, p, q->after_id);
    buf_puts(sql, "::bigint)");
  } else if (q->after_id > 0) {
    buf_puts(sql, " AND e.date >= ");
    param(sql, p, q->after_date);
    buf_puts(sql, " AND (e.date > ");
    param(sql, p, q->after_date);
    buf_puts(sql, " OR e.id > ");
    param_num(sql, p, q->after_id);
    buf_puts(sql, "::bigint)");
  }
}

/* ---- the queries -------------------------------------------------------- */

/* The columns of store_query.c's event_cols, in their order, and the
 * rows they come from. */
#define EVENT_COLS                                                             \
  "SELECT e.id, e.source_code, e.source_name, e.source_country,"               \
  " e.target_code, e.target_name, e.target_country, e.code,"                   \
  " e.base_code, e.root, e.quad, e.goldstein, e.date,"                         \
  " e.date_precision, e.num_mentions, e.num_articles,"                         \
  " e.num_sources, e.background::int, e.negated::int,"                         \
  " e.is_root::int, e.date_added, a.doc, a.url, l.type, l.name,"               \
  " l.country, l.adm1, l.lat, l.lon, l.feature_id,"                            \
  " g1.type, g1.name, g1.country, g1.adm1, g1.lat, g1.lon,"                    \
  " g1.feature_id, g2.type, g2.name, g2.country, g2.adm1, g2.lat,"             \
  " g2.lon, g2.feature_id"
#define EVENT_JOINS                                                            \
  " LEFT JOIN articles a ON a.id = e.first_article_id"                         \
  " LEFT JOIN event_locations l ON l.event_id = e.id"                          \
  " LEFT JOIN actor_locations g1 ON g1.event_id = e.id"                        \
  "  AND g1.role = 1"                                                          \
  " LEFT JOIN actor_locations g2 ON g2.event_id = e.id"                        \
  "  AND g2.role = 2"
#define EVENT_SELECT EVENT_COLS " FROM events e" EVENT_JOINS

/* The columns of store_query.c's mention_cols: a mention's own columns,
 * the rest from the record `kabar code` printed (json), kept beside
 * them.  MENTION_EVIDENCE adds those of kb_store_evidence. */
#define MENTION_SELECT                                                         \
  "SELECT m.event_id, m.record_id, a.doc, a.url, a.source_key,"                \
  " (a.cluster_id <> a.id)::int, m.sentence_index, m.record->>'sentence',"     \
  " m.record->'span'->>0, m.record->'span'->>1, m.part, m.source_code,"        \
  " m.record->'source'->>'name', m.record->'source'->>'text',"                 \
  " m.target_code, m.record->'target'->>'name',"                               \
  " m.record->'target'->>'text', m.code, m.root, m.quad,"                      \
  " m.record->>'goldstein', m.date, coalesce(m.date_precision, 'none'),"       \
  " m.record->>'attribution', m.negated::int, m.background::int,"              \
  " m.record->>'verb', m.is_root::int, a.reference_date, e.date_added,"        \
  " octet_length(a.text), m.verb_start,"                                       \
  " m.record->'source'->'span'->>0, m.record->'target'->'span'->>0"
#define MENTION_EVIDENCE                                                       \
  ", a.id, convert_from(substring(convert_to(a.text, 'UTF8') FROM"             \
  " (m.record->'span'->>0)::integer + 1 FOR (m.record->'span'->>1)::integer"   \
  " - (m.record->'span'->>0)::integer), 'UTF8'),"                              \
  " m.record->'source'->'span'->>1, m.record->'target'->'span'->>1,"           \
  " m.verb_end"
#define MENTION_FROM                                                           \
  " FROM mentions m JOIN articles a ON a.hash = m.article_hash"                \
  " JOIN events e ON e.id = m.event_id"

kb_status pg_events(pg_store *pg, const kb_query *q, kb_rows **out,
                    kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  int side;
  const char *why = check(q);
  *out = NULL;
  if (why)
    return bad(pg, why, err);
  memset(&p, 0, sizeof p);
  if (q && q->actor) {
    /* the source side UNION ALL the target side (store_query.c), each in
     * date order from its country's index and cut at the limit: a page
     * of a country's events reads a page of rows, not every event of the
     * country (one OR over both sides reads them all and sorts) */
    buf_puts(&sql, EVENT_COLS " FROM (");
    for (side = ACTOR_AS_SOURCE; side <= ACTOR_AS_TARGET; side++) {
      buf_puts(&sql, side == ACTOR_AS_SOURCE ? "(" : " UNION ALL (");
      buf_puts(&sql, "SELECT e.id AS eid FROM events e WHERE true");
      event_filters(&sql, &p, q, side);
      buf_puts(&sql, " ORDER BY e.date NULLS FIRST, e.id");
      if (q->limit > 0) {
        buf_puts(&sql, " LIMIT ");
        param_num(&sql, &p, q->limit);
        buf_puts(&sql, "::bigint");
      }
      buf_puts(&sql, ")");
    }
    buf_puts(&sql, ") x JOIN events e ON e.id = x.eid" EVENT_JOINS);
  } else {
    buf_puts(&sql, EVENT_SELECT " WHERE true");
    event_filters(&sql, &p, q, ACTOR_EITHER);
  }
  /* SQLite puts NULL first */
  buf_puts(&sql, " ORDER BY e.date NULLS FIRST, e.id");
  if (q && q->limit > 0) {
    buf_puts(&sql, " LIMIT ");
    param_num(&sql, &p, q->limit);
    buf_puts(&sql, "::bigint");
  }
  return run(pg, &sql, &p, STORE_ROWS_EVENTS, 1, out, err);
}

/* store_query.c's period_expr in PostgreSQL's dialect. */
static void period_expr(buf *sql, kb_period by, const char *day) {
  if (by == KB_PERIOD_ALL) {
    buf_puts(sql, "'all'::text");
  } else if (by == KB_PERIOD_MONTH) {
    buf_puts(sql, "substr(");
    buf_puts(sql, day);
    buf_puts(sql, ", 1, 7)");
  } else if (by == KB_PERIOD_WEEK) {
    /* the Monday on or before the day */
    buf_puts(sql, "to_char((");
    buf_puts(sql, day);
    buf_puts(sql, ")::date - (extract(isodow FROM (");
    buf_puts(sql, day);
    buf_puts(sql, ")::date)::integer - 1), 'YYYY-MM-DD')");
  } else {
    buf_puts(sql, day);
  }
}

/* Whether dyad_days answers q (store_query.c's aggregate_answers). */
static int aggregate_answers(const kb_query *q) {
  if (q == NULL)
    return 1;
  if (q->code || q->min_sources > 0 || (q->flags & KB_QUERY_NEGATED))
    return 0;
  return (!q->actor || is_country(q->actor)) &&
         (!q->source || is_country(q->source)) &&
         (!q->target || is_country(q->target));
}

kb_status pg_dyads(pg_store *pg, const kb_query *q, kb_period by,
                   kb_rows **out, kb_error *err) {
  static const char *const quad_roots[5][2] = {
      {"", ""}, {"01", "05"}, {"06", "08"}, {"09", "13"}, {"14", "20"}};
  buf sql = BUF_INIT;
  params p;
  const char *why = check(q);
  *out = NULL;
  if (why)
    return bad(pg, why, err);
  if (by != KB_PERIOD_DAY && by != KB_PERIOD_WEEK && by != KB_PERIOD_MONTH &&
      by != KB_PERIOD_ALL)
    return bad(pg, "period is day, week, month or all", err);
  memset(&p, 0, sizeof p);
  buf_puts(&sql, "SELECT ");
  if (aggregate_answers(q)) {
    period_expr(&sql, by, "day");
    buf_puts(&sql, " COLLATE \"C\", source, target, sum(events),"
                   " sum(mentions), sum(goldstein),"
                   " sum(goldstein) / sum(events)::double precision"
                   " FROM dyad_days WHERE true");
    if (q && q->actor) {
      buf_puts(&sql, " AND (source = ");
      param(&sql, &p, q->actor);
      buf_puts(&sql, " OR target = ");
      param(&sql, &p, q->actor);
      buf_puts(&sql, ")");
    }
    if (q && q->source) {
      buf_puts(&sql, " AND source = ");
      param(&sql, &p, q->source);
    }
    if (q && q->target) {
      buf_puts(&sql, " AND target = ");
      param(&sql, &p, q->target);
    }
    if (q && q->root) {
      buf_puts(&sql, " AND root = ");
      param(&sql, &p, q->root);
    }
    if (q && q->quad) {
      buf_puts(&sql, " AND root >= ");
      param(&sql, &p, quad_roots[q->quad][0]);
      buf_puts(&sql, " AND root <= ");
      param(&sql, &p, quad_roots[q->quad][1]);
    }
    if (q && q->from) {
      buf_puts(&sql, " AND day >= ");
      param(&sql, &p, q->from);
    }
    if (q && q->to) {
      buf_puts(&sql, " AND day <= ");
      param(&sql, &p, q->to);
    }
    buf_puts(&sql, " GROUP BY 1, 2, 3 HAVING sum(events) > 0");
  } else {
    period_expr(&sql, by, "substr(e.date || '-01-01', 1, 10)");
    buf_puts(&sql, " COLLATE \"C\", e.source_country, e.target_country,"
                   " count(*), sum(e.num_mentions), sum(e.goldstein),"
                   " avg(e.goldstein) FROM events e"
                   " WHERE e.date IS NOT NULL");
    event_filters(&sql, &p, q, ACTOR_EITHER);
    buf_puts(&sql, " GROUP BY 1, 2, 3");
  }
  buf_puts(&sql, " ORDER BY 1, 2, 3");
  if (q && q->limit > 0) {
    buf_puts(&sql, " LIMIT ");
    param_num(&sql, &p, q->limit);
    buf_puts(&sql, "::bigint");
  }
  return run(pg, &sql, &p, STORE_ROWS_DYADS, 1, out, err);
}

kb_status pg_conflicts(pg_store *pg, kb_rows **out, kb_error *err) {
  buf sql = BUF_INIT;
  buf_puts(&sql,
           "WITH x AS (SELECT c.*,"
           " (SELECT min(id) FROM claims WHERE kind = c.kind AND"
           "  subject = c.subject AND date = c.date_a) AS ida,"
           " (SELECT min(id) FROM claims WHERE kind = c.kind AND"
           "  subject = c.subject AND date = c.date_b) AS idb"
           " FROM conflicts c)"
           " SELECT x.id, x.kind, x.subject, x.date_a,"
           " (SELECT count(*) FROM claims WHERE kind = x.kind AND"
           "  subject = x.subject AND date = x.date_a), aa.doc, aa.url,"
           " ka.sentence, x.date_b,"
           " (SELECT count(*) FROM claims WHERE kind = x.kind AND"
           "  subject = x.subject AND date = x.date_b), ab.doc, ab.url,"
           " kb.sentence"
           " FROM x JOIN claims ka ON ka.id = x.ida"
           " JOIN articles aa ON aa.id = ka.article_id"
           " JOIN claims kb ON kb.id = x.idb"
           " JOIN articles ab ON ab.id = kb.article_id ORDER BY x.id");
  return run(pg, &sql, NULL, STORE_ROWS_CONFLICTS, 1, out, err);
}

kb_status pg_event(pg_store *pg, long long id, kb_rows **out,
                   kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  memset(&p, 0, sizeof p);
  buf_puts(&sql, EVENT_SELECT " WHERE e.id = ");
  param_num(&sql, &p, id);
  buf_puts(&sql, "::bigint");
  return run(pg, &sql, &p, STORE_ROWS_EVENTS, 0, out, err);
}

/* In the SQLite store's order of mention ids: article, then record. */
kb_status pg_mentions(pg_store *pg, long long event, kb_rows **out,
                      kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  memset(&p, 0, sizeof p);
  buf_puts(&sql, MENTION_SELECT MENTION_FROM);
  if (event > 0) {
    buf_puts(&sql, " WHERE m.event_id = ");
    param_num(&sql, &p, event);
    buf_puts(&sql, "::bigint ORDER BY a.id, m.n");
  } else {
    buf_puts(&sql, " ORDER BY m.event_id, a.id, m.n");
  }
  return run(pg, &sql, &p, STORE_ROWS_MENTIONS, event <= 0, out, err);
}

kb_status pg_evidence(pg_store *pg, long long event, long long article,
                      kb_rows **out, kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  memset(&p, 0, sizeof p);
  buf_puts(&sql, MENTION_SELECT MENTION_EVIDENCE MENTION_FROM " WHERE true");
  if (event > 0) {
    buf_puts(&sql, " AND m.event_id = ");
    param_num(&sql, &p, event);
    buf_puts(&sql, "::bigint");
  }
  if (article > 0) {
    buf_puts(&sql, " AND a.id = ");
    param_num(&sql, &p, article);
    buf_puts(&sql, "::bigint");
  }
  buf_puts(&sql, " ORDER BY a.id, m.n");
  return run(pg, &sql, &p, STORE_ROWS_EVIDENCE, 0, out, err);
}

kb_status pg_article(pg_store *pg, long long id, kb_rows **out,
                     kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  memset(&p, 0, sizeof p);
  buf_puts(&sql, "SELECT a.id, a.doc, a.url, a.title, a.outlet, a.author,"
                 " a.published, a.reference_date, a.cluster_id,"
                 " a.n_sentences, a.n_mentions, a.text FROM articles a"
                 " WHERE a.id = ");
  param_num(&sql, &p, id);
  buf_puts(&sql, "::bigint");
  return run(pg, &sql, &p, STORE_ROWS_ARTICLE, 0, out, err);
}

kb_status pg_sentences(pg_store *pg, long long id, kb_rows **out,
                       kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  memset(&p, 0, sizeof p);
  buf_puts(&sql, "SELECT s.idx, s.part, s.start, s.\"end\" FROM sentences s"
                 " WHERE s.article_id = ");
  param_num(&sql, &p, id);
  buf_puts(&sql, "::bigint ORDER BY s.idx");
  return run(pg, &sql, &p, STORE_ROWS_SENTENCES, 0, out, err);
}

kb_status pg_actors(pg_store *pg, const kb_query *q, unsigned flags,
                    kb_rows **out, kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  int side;
  const char *why = check(q);
  *out = NULL;
  if (why)
    return bad(pg, why, err);
  memset(&p, 0, sizeof p);
  buf_puts(&sql, "SELECT code, min(name COLLATE \"C\"), count(*), sum(m),"
                 " sum(src), count(*) - sum(src), sum(g) FROM (");
  for (side = 0; side < 2; side++) {
    store_actor_side(&sql, side, flags);
    buf_puts(&sql, "true");
    event_filters(&sql, &p, q, ACTOR_EITHER);
  }
  buf_puts(&sql, ") x WHERE code <> '' GROUP BY code ORDER BY 3 DESC, 1");
  if (q && q->limit > 0) {
    buf_puts(&sql, " LIMIT ");
    param_num(&sql, &p, q->limit);
    buf_puts(&sql, "::bigint");
  }
  return run(pg, &sql, &p, STORE_ROWS_ACTORS, 1, out, err);
}

/* Full-text search with the `indonesian` configuration: every word
 * required (plainto_tsquery), or with KB_SEARCH_RAW PostgreSQL's web
 * search syntax (websearch_to_tsquery: "quoted phrase", or, -word).  The
 * rank is -ts_rank, so that as with FTS5's bm25 the lower is the better;
 * the snippet is ts_headline's. */
kb_status pg_search_rows(pg_store *pg, const char *query, unsigned flags,
                         long long limit, kb_rows **out, kb_error *err) {
  buf sql = BUF_INIT;
  params p;
  *out = NULL;
  if (query == NULL || query[strspn(query, " \t\r\n")] == 0)
    return bad(pg, "empty search", err);
  memset(&p, 0, sizeof p);
  buf_puts(&sql,
           "SELECT -ts_rank(a.fts, q), a.id, a.doc, a.title, a.outlet, a.url,"
           " coalesce(a.published, a.reference_date),"
           " (SELECT count(DISTINCT event_id) FROM mentions"
           "  WHERE article_hash = a.hash), a.n_mentions,"
           " ts_headline('indonesian', coalesce(a.title, '') || E'\\n'"
           "  || a.body, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8,"
           " MaxFragments=1, FragmentDelimiter=\xe2\x80\xa6')"
           " FROM articles a, ");
  buf_puts(&sql, (flags & KB_SEARCH_RAW) ? "websearch_to_tsquery"
                                         : "plainto_tsquery");
  buf_puts(&sql, "('indonesian', ");
  param(&sql, &p, query);
  buf_puts(&sql, ") q WHERE a.fts @@ q ORDER BY 1, a.id");
  if (limit > 0) {
    buf_puts(&sql, " LIMIT ");
    param_num(&sql, &p, limit);
    buf_puts(&sql, "::bigint");
  }
  return run(pg, &sql, &p, STORE_ROWS_SEARCH, 1, out, err);
}
