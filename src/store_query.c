/*
 * store_query.c -- the store's queries and the cursor over their rows:
 * merged events with filters, the mentions behind an event, full-text
 * search, dyad time series, date conflicts; and the rendering of a row as
 * JSON, CSV or a GDELT 2.0 line.
 *
 * Input: an open kb_store and a kb_query.  Output: kb_rows, whose columns
 * are named as the event record's fields (docs/FORMATS.md; "source.code"
 * nests in JSON, becomes source_code in CSV).  Part of the store stage.
 *
 * Every value from the caller is bound as a parameter; the SQL text is
 * assembled only from the fixed fragments below.
 *
 * References: GDELT 2.0 Event Database Data Format Codebook (the 61 event
 * columns), GDELT 2.0 Mentions table (16 columns); RFC 4180 (CSV); SQLite
 * FTS5 (bm25, snippet).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_pg.h"
#include "util/alloc.h"
#include "util/calendar.h"

typedef enum col_type {
  C_TEXT,
  C_INT,
  C_REAL1, /* one decimal, as the event record writes goldstein */
  C_REAL,  /* three decimals */
  C_REAL4, /* four decimals: latitude, longitude */
  C_SCORE, /* six significant digits (BM25 scores are small) */
  C_BOOL
} col_type;

typedef struct store_col {
  const char *name;
  const char *expr;
  col_type type;
} store_col;

typedef enum rows_kind {
  ROWS_EVENTS,
  ROWS_MENTIONS,
  ROWS_SEARCH,
  ROWS_DYADS,
  ROWS_CONFLICTS,
  ROWS_ARTICLES,
  ROWS_ACTORS
} rows_kind;

#define MAX_COLS 48

struct kb_rows {
  kb_store *store;
  sqlite3_stmt *stmt;
  store_rows_src src; /* rows of another backend when src.next is set */
  char src_msg[256];
  const store_col *cols;
  size_t n_cols;
  rows_kind kind;
  buf out;
  buf header;
  char num[MAX_COLS][32];
};

/* ---- columns ------------------------------------------------------------ */

/* Event columns; the GDELT renderer reads them by these indices. */
enum {
  EV_ID,
  EV_SRC,
  EV_SRC_NAME,
  EV_SRC_COUNTRY,
  EV_TGT,
  EV_TGT_NAME,
  EV_TGT_COUNTRY,
  EV_CODE,
  EV_BASE,
  EV_ROOT,
  EV_QUAD,
  EV_GOLDSTEIN,
  EV_DATE,
  EV_PRECISION,
  EV_MENTIONS,
  EV_ARTICLES,
  EV_SOURCES,
  EV_BACKGROUND,
  EV_NEGATED,
  EV_IS_ROOT,
  EV_ADDED,
  EV_DOC,
  EV_URL,
  EV_LOC_TYPE,
  EV_LOC_NAME,
  EV_LOC_COUNTRY,
  EV_LOC_ADM1,
  EV_LOC_LAT,
  EV_LOC_LON,
  EV_LOC_FEATURE,
  EV_SRC_GEO, /* the same seven columns for source_geo, then target_geo */
  EV_TGT_GEO = EV_SRC_GEO + 7,
  EV_COUNT = EV_TGT_GEO + 7
};

static const store_col event_cols[EV_COUNT] = {
    {"id", "e.id", C_INT},
    {"source.code", "e.source_code", C_TEXT},
    {"source.name", "e.source_name", C_TEXT},
    {"source.country", "e.source_country", C_TEXT},
    {"target.code", "e.target_code", C_TEXT},
    {"target.name", "e.target_name", C_TEXT},
    {"target.country", "e.target_country", C_TEXT},
    {"code", "e.code", C_TEXT},
    {"base_code", "e.base_code", C_TEXT},
    {"root", "e.root", C_TEXT},
    {"quad", "e.quad", C_INT},
    {"goldstein", "e.goldstein", C_REAL1},
    {"date", "e.date", C_TEXT},
    {"date_precision", "e.date_precision", C_TEXT},
    {"num_mentions", "e.num_mentions", C_INT},
    {"num_articles", "e.num_articles", C_INT},
    {"num_sources", "e.num_sources", C_INT},
    {"background", "e.background", C_BOOL},
    {"negated", "e.negated", C_BOOL},
    {"is_root", "e.is_root", C_BOOL},
    {"date_added", "e.date_added", C_TEXT},
    {"doc", "a.doc", C_TEXT},
    {"url", "a.url", C_TEXT},
    {"location.type", "l.type", C_INT},
    {"location.name", "l.name", C_TEXT},
    {"location.country", "l.country", C_TEXT},
    {"location.adm1", "l.adm1", C_TEXT},
    {"location.lat", "l.lat", C_REAL4},
    {"location.lon", "l.lon", C_REAL4},
    {"location.feature_id", "l.feature_id", C_TEXT},
    {"source_geo.type", "g1.type", C_INT},
    {"source_geo.name", "g1.name", C_TEXT},
    {"source_geo.country", "g1.country", C_TEXT},
    {"source_geo.adm1", "g1.adm1", C_TEXT},
    {"source_geo.lat", "g1.lat", C_REAL4},
    {"source_geo.lon", "g1.lon", C_REAL4},
    {"source_geo.feature_id", "g1.feature_id", C_TEXT},
    {"target_geo.type", "g2.type", C_INT},
    {"target_geo.name", "g2.name", C_TEXT},
    {"target_geo.country", "g2.country", C_TEXT},
    {"target_geo.adm1", "g2.adm1", C_TEXT},
    {"target_geo.lat", "g2.lat", C_REAL4},
    {"target_geo.lon", "g2.lon", C_REAL4},
    {"target_geo.feature_id", "g2.feature_id", C_TEXT},
};

/* The event's three locations: where it happened (l), where its source
 * (g1) and its target (g2) are. */
#define EVENT_GEO_JOINS                                                        \
  " LEFT JOIN event_locations l ON l.event_id = e.id"                          \
  " LEFT JOIN actor_locations g1 ON g1.event_id = e.id AND g1.role = 1"        \
  " LEFT JOIN actor_locations g2 ON g2.event_id = e.id AND g2.role = 2"

enum {
  MN_EVENT,
  MN_ID,
  MN_DOC,
  MN_URL,
  MN_OUTLET,
  MN_NEAR_DUP,
  MN_SENTENCE_INDEX,
  MN_SENTENCE,
  MN_SPAN_START,
  MN_SPAN_END,
  MN_PART,
  MN_SRC,
  MN_SRC_NAME,
  MN_SRC_TEXT,
  MN_TGT,
  MN_TGT_NAME,
  MN_TGT_TEXT,
  MN_CODE,
  MN_ROOT,
  MN_QUAD,
  MN_GOLDSTEIN,
  MN_DATE,
  MN_PRECISION,
  MN_ATTRIBUTION,
  MN_NEGATED,
  MN_BACKGROUND,
  MN_VERB,
  MN_IS_ROOT,
  MN_REF_DATE,
  MN_EVENT_ADDED,
  MN_DOC_LEN,
  MN_VERB_START,
  MN_SRC_START,
  MN_TGT_START,
  MN_COUNT,
  /* the evidence columns of kb_store_evidence follow */
  MN_ARTICLE = MN_COUNT,
  MN_TEXT,
  MN_SRC_END,
  MN_TGT_END,
  MN_VERB_END,
  MN_ALL
};

static const store_col mention_cols[MN_ALL] = {
    {"event", "m.event_id", C_INT},
    {"id", "m.record_id", C_TEXT},
    {"doc", "a.doc", C_TEXT},
    {"url", "a.url", C_TEXT},
    {"outlet", "a.source_key", C_TEXT},
    {"near_duplicate", "a.cluster_id <> a.id", C_BOOL},
    {"sentence_index", "m.sentence_index", C_INT},
    {"sentence", "m.sentence", C_TEXT},
    {"span.start", "m.span_start", C_INT},
    {"span.end", "m.span_end", C_INT},
    {"part", "m.part", C_TEXT},
    {"source.code", "m.source_code", C_TEXT},
    {"source.name", "m.source_name", C_TEXT},
    {"source.text", "m.source_text", C_TEXT},
    {"target.code", "m.target_code", C_TEXT},
    {"target.name", "m.target_name", C_TEXT},
    {"target.text", "m.target_text", C_TEXT},
    {"code", "m.code", C_TEXT},
    {"root", "m.root", C_TEXT},
    {"quad", "m.quad", C_INT},
    {"goldstein", "m.goldstein", C_REAL1},
    {"date", "m.date", C_TEXT},
    {"date_precision", "m.date_precision", C_TEXT},
    {"attribution", "m.attribution", C_TEXT},
    {"negated", "m.negated", C_BOOL},
    {"background", "m.background", C_BOOL},
    {"verb", "m.verb", C_TEXT},
    {"is_root", "m.is_root", C_BOOL},
    {"reference_date", "a.reference_date", C_TEXT},
    {"event_added", "e.date_added", C_TEXT},
    {"doc_len", "length(CAST(a.text AS BLOB))", C_INT},
    {"verb_start", "m.verb_start", C_INT},
    {"source_start", "m.source_start", C_INT},
    {"target_start", "m.target_start", C_INT},
    {"article", "m.article_id", C_INT},
    {"text",
     "CAST(substr(CAST(a.text AS BLOB), m.span_start + 1, "
     "m.span_end - m.span_start) AS TEXT)",
     C_TEXT},
    {"source_end", "m.source_end", C_INT},
    {"target_end", "m.target_end", C_INT},
    {"verb_end", "m.verb_end", C_INT},
};

static const store_col article_cols[] = {
    {"id", "a.id", C_INT},
    {"doc", "a.doc", C_TEXT},
    {"url", "a.url", C_TEXT},
    {"title", "a.title", C_TEXT},
    {"outlet", "a.outlet", C_TEXT},
    {"author", "a.author", C_TEXT},
    {"published", "a.published", C_TEXT},
    {"reference_date", "a.reference_date", C_TEXT},
    {"cluster", "a.cluster_id", C_INT},
    {"n_sentences", "a.n_sentences", C_INT},
    {"n_mentions", "a.n_mentions", C_INT},
    {"text", "a.text", C_TEXT},
};

static const store_col sentence_cols[] = {
    {"index", "s.idx", C_INT},
    {"part", "s.part", C_TEXT},
    {"span.start", "s.start", C_INT},
    {"span.end", "s.\"end\"", C_INT},
};

static const store_col actor_cols[] = {
    {"code", "code", C_TEXT},
    {"name", "min(name)", C_TEXT},
    {"events", "count(*)", C_INT},
    {"mentions", "sum(m)", C_INT},
    {"as_source", "sum(src)", C_INT},
    {"as_target", "count(*) - sum(src)", C_INT},
    {"goldstein", "sum(g)", C_REAL1},
};

static const store_col search_cols[] = {
    {"rank", "bm25(articles_fts, 10.0, 1.0)", C_SCORE},
    {"article", "a.id", C_INT},
    {"doc", "a.doc", C_TEXT},
    {"title", "a.title", C_TEXT},
    {"outlet", "a.outlet", C_TEXT},
    {"url", "a.url", C_TEXT},
    {"published", "coalesce(a.published, a.reference_date)", C_TEXT},
    {"events",
     "(SELECT count(DISTINCT event_id) FROM mentions WHERE article_id = a.id)",
     C_INT},
    {"mentions", "a.n_mentions", C_INT},
    {"snippet", "snippet(articles_fts, -1, '[', ']', '\xe2\x80\xa6', 24)",
     C_TEXT},
};

/* dyad columns; the period expression is chosen per query */
static const store_col dyad_cols[] = {
    {"period", NULL, C_TEXT},         {"source", NULL, C_TEXT},
    {"target", NULL, C_TEXT},         {"events", NULL, C_INT},
    {"mentions", NULL, C_INT},        {"goldstein", NULL, C_REAL1},
    {"goldstein_mean", NULL, C_REAL},
};

static const store_col conflict_cols[] = {
    {"id", "x.id", C_INT},
    {"kind", "x.kind", C_TEXT},
    {"subject", "x.subject", C_TEXT},
    {"a.date", "x.date_a", C_TEXT},
    {"a.claims",
     "(SELECT count(*) FROM claims WHERE kind = x.kind AND subject = "
     "x.subject AND date = x.date_a)",
     C_INT},
    {"a.doc", "aa.doc", C_TEXT},
    {"a.url", "aa.url", C_TEXT},
    {"a.sentence", "ka.sentence", C_TEXT},
    {"b.date", "x.date_b", C_TEXT},
    {"b.claims",
     "(SELECT count(*) FROM claims WHERE kind = x.kind AND subject = "
     "x.subject AND date = x.date_b)",
     C_INT},
    {"b.doc", "ab.doc", C_TEXT},
    {"b.url", "ab.url", C_TEXT},
    {"b.sentence", "kb.sentence", C_TEXT},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- building a query ---------------------------------------------------- */

/* Values to bind, in the order of their ?s. */
#define MAX_BINDS 48

typedef struct binds {
  const char *text[MAX_BINDS];
  char own[MAX_BINDS][24]; /* computed texts (prefix bounds, years) */
  long long num[MAX_BINDS];
  int is_num[MAX_BINDS];
  size_t n;
} binds;

static void bind_text(binds *b, const char *s) {
  if (b->n < MAX_BINDS) {
    b->is_num[b->n] = 0;
    b->text[b->n++] = s;
  }
}

static void bind_num(binds *b, long long v) {
  if (b->n < MAX_BINDS) {
    b->is_num[b->n] = 1;
    b->num[b->n++] = v;
  }
}

/* Binds a prefix's half-open range [p, p') where p' is p with its last
 * byte incremented: "RUS" -> ["RUS", "RUT"), which an index can scan. */
static void bind_prefix(binds *b, const char *p) {
  size_t n = strlen(p);
  char *hi;
  if (b->n + 2 > MAX_BINDS || n == 0 || n >= sizeof b->own[0])
    return;
  hi = b->own[b->n + 1];
  memcpy(hi, p, n + 1);
  hi[n - 1] = (char)(hi[n - 1] + 1);
  bind_text(b, p);
  bind_text(b, hi);
}

static void add_select(buf *sql, const store_col *cols, size_t n) {
  size_t i;
  buf_puts(sql, "SELECT ");
  for (i = 0; i < n; i++) {
    if (i)
      buf_puts(sql, ", ");
    buf_puts(sql, cols[i].expr);
  }
}

static int valid_date(const char *s) {
  size_t i;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  return 1;
}

static int valid_code(const char *s) {
  size_t n = strlen(s), i;
  if (n == 0 || n > 15)
    return 0;
  for (i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
      return 0;
  return 1;
}

/* An event's date: "2024", "2024-03" or "2024-03-18". */
static int valid_event_date(const char *s) {
  size_t n = strlen(s), i;
  if (n != 4 && n != 7 && n != 10)
    return 0;
  for (i = 0; i < n; i++)
    if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
      return 0;
  return 1;
}

const char *store_check_query(const kb_query *q) {
  if (q == NULL)
    return NULL;
  if ((q->actor && !valid_code(q->actor)) ||
      (q->source && !valid_code(q->source)) ||
      (q->target && !valid_code(q->target)))
    return "actor codes are upper-case letters and digits (RUS, PRKGOV)";
  if ((q->code && !valid_code(q->code)) || (q->root && !valid_code(q->root)))
    return "event codes are digits (051, 19)";
  if ((q->from && !valid_date(q->from)) || (q->to && !valid_date(q->to)))
    return "dates are YYYY-MM-DD";
  if (q->quad < 0 || q->quad > 4)
    return "quad is 1, 2, 3 or 4";
  if (q->country && (strlen(q->country) != 2 || !valid_code(q->country)))
    return "a location country is a FIPS 10-4 code, as in GDELT (RS, KN, "
           "ID)";
  if (!(q->near_km >= 0 && q->near_km <= 20000 && q->near_lat >= -90 &&
        q->near_lat <= 90 && q->near_lon >= -180 && q->near_lon <= 180))
    return "near wants LAT,LON,KM: latitude -90..90, longitude -180..180, "
           "0 < KM <= 20000";
  if (q->after_id < 0 || (q->after_date && !valid_event_date(q->after_date)))
    return "bad cursor";
  return NULL;
}

/* Binds the first n bytes of s (a copy). */
static void bind_head(binds *b, const char *s, size_t n) {
  char *own;
  if (b->n >= MAX_BINDS || n >= sizeof b->own[0])
    return;
  own = b->own[b->n];
  memcpy(own, s, n);
  own[n] = 0;
  bind_text(b, own);
}

/* Whether an actor code is a whole country (or IGO): then the indexed
 * *_country columns answer it. */
static int is_country(const char *code) {
  size_t n = strlen(code);
  int group = strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0 ||
              strncmp(code, "MNC", 3) == 0;
  return n == (group ? 6u : 3u);
}

/* One side's condition: "RUS" as e.source_country = 'RUS', "RUSGOV" as a
 * code range. */
static void actor_cond(buf *sql, binds *b, const char *side, const char *code) {
  buf_puts(sql, " AND e.");
  buf_puts(sql, side);
  if (is_country(code)) {
    buf_puts(sql, "_country = ?");
    bind_text(b, code);
  } else {
    buf_puts(sql, "_code >= ? AND e.");
    buf_puts(sql, side);
    buf_puts(sql, "_code < ?");
    bind_prefix(b, code);
  }
}

/* Which part of an --actor query a branch is: both sides at once (OR),
 * the source side, or the target side less the source side (so that the
 * two branches of a UNION ALL never both hold an event). */
enum { ACTOR_EITHER, ACTOR_AS_SOURCE, ACTOR_AS_TARGET };

/* --country and --near: the event's location (event_locations).  Within
 * `near_km` of a point: a latitude/longitude box from the index, then the
 * equirectangular distance (within 0.5% of the great circle below 1,000
 * km; SQLite has no trigonometry without its math extension). */
/* cos of a latitude in degrees (-90..90) by its Taylor series: the
 * library needs no libm for one cosine per query. */
static double cos_deg(double deg) {
  double x = deg * 3.14159265358979323846 / 180, x2 = x * x, term = 1,
         sum = 1;
  int k;
  for (k = 1; k <= 8; k++) {
    term *= -x2 / ((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

void store_near_values(const kb_query *q, char v[10][32]) {
  double dlat = q->near_km / 111.195, c = cos_deg(q->near_lat);
  double dlon = c > 0.01 ? dlat / c : 360;
  double x[10];
  int i;
  x[0] = q->near_lat - dlat;
  x[1] = q->near_lat + dlat;
  x[2] = q->near_lon - dlon;
  x[3] = q->near_lon + dlon;
  x[4] = x[5] = q->near_lat;
  x[6] = x[7] = q->near_lon;
  x[8] = c * c;
  x[9] = dlat * dlat;
  for (i = 0; i < 10; i++)
    snprintf(v[i], sizeof v[i], "%.6f", x[i]);
}

static void geo_filters(buf *sql, binds *b, const kb_query *q) {
  if (q->country) {
    buf_puts(sql, " AND e.id IN (SELECT event_id FROM event_locations "
                  "WHERE country = ?)");
    bind_text(b, q->country);
  }
  if (q->near_km > 0) {
    char v[10][32];
    int i;
    store_near_values(q, v);
    buf_puts(sql, " AND e.id IN (SELECT event_id FROM event_locations "
                  "WHERE lat BETWEEN CAST(? AS REAL) AND CAST(? AS REAL) "
                  "AND lon BETWEEN CAST(? AS REAL) AND CAST(? AS REAL) AND "
                  "(lat - CAST(? AS REAL)) * (lat - CAST(? AS REAL)) + "
                  "(lon - CAST(? AS REAL)) * (lon - CAST(? AS REAL)) * "
                  "CAST(? AS REAL) <= CAST(? AS REAL))");
    /* numbers go in as text (binds hold integers and text only), cast
     * back to numbers in the SQL; bind_head copies (v is local) */
    for (i = 0; i < 10; i++)
      bind_head(b, v[i], strlen(v[i]));
  }
}

/* The WHERE conditions of a kb_query on table alias e of `events`. */
static void event_filters(buf *sql, binds *b, const kb_query *q, int branch) {
  if (q == NULL || !(q->flags & KB_QUERY_NEGATED))
    buf_puts(sql, " AND e.negated = 0");
  if (q == NULL)
    return;
  if (q->actor && branch == ACTOR_EITHER) {
    buf_puts(sql, " AND ((e.source_code >= ? AND e.source_code < ?) OR "
                  "(e.target_code >= ? AND e.target_code < ?))");
    bind_prefix(b, q->actor);
    bind_prefix(b, q->actor);
  } else if (q->actor && branch == ACTOR_AS_SOURCE) {
    actor_cond(sql, b, "source", q->actor);
  } else if (q->actor) {
    actor_cond(sql, b, "target", q->actor);
    buf_puts(sql, " AND NOT (1");
    actor_cond(sql, b, "source", q->actor);
    buf_puts(sql, ")");
  }
  if (q->source)
    actor_cond(sql, b, "source", q->source);
  if (q->target)
    actor_cond(sql, b, "target", q->target);
  if (q->code) {
    buf_puts(sql, " AND e.code >= ? AND e.code < ?");
    bind_prefix(b, q->code);
  }
  if (q->root) {
    buf_puts(sql, " AND e.root = ?");
    bind_text(b, q->root);
  }
  if (q->quad) {
    buf_puts(sql, " AND e.quad = ?");
    bind_num(b, q->quad);
  }
  /* Overlap of [date_lo, date_hi] with [from, to], with bounds on the
   * indexed `date` so that an index range does the work: a date string
   * ("2024", "2024-03", "2024-03-18") sorts after its year and, when it
   * overlaps [.., to], not after `to`. */
  if (q->from || q->to)
    buf_puts(sql, " AND e.date IS NOT NULL");
  if (q->from) {
    buf_puts(sql, " AND e.date >= ? AND e.date_hi >= ?");
    bind_head(b, q->from, 4);
    bind_text(b, q->from);
  }
  if (q->to) {
    buf_puts(sql, " AND e.date <= ? AND e.date_lo <= ?");
    bind_text(b, q->to);
    bind_text(b, q->to);
  }
  if (q->min_sources > 0) {
    buf_puts(sql, " AND e.num_sources >= ?");
    bind_num(b, q->min_sources);
  }
  geo_filters(sql, b, q);
  /* keyset paging in (date, id) order, NULL dates first; the bound on
   * `date` lets the date index start at the page */
  if (q->after_id > 0 && q->after_date == NULL) {
    buf_puts(sql, " AND (e.date IS NOT NULL OR e.id > ?)");
    bind_num(b, q->after_id);
  } else if (q->after_id > 0) {
    buf_puts(sql, " AND e.date >= ? AND (e.date > ? OR e.id > ?)");
    bind_text(b, q->after_date);
    bind_text(b, q->after_date);
    bind_num(b, q->after_id);
  }
}

/* Prepares sql with binds into a new cursor. */
static kb_status make_rows(kb_store *st, buf *sql, const binds *b,
                           rows_kind kind, const store_col *cols, size_t n_cols,
                           kb_rows **out, kb_error *err) {
  kb_rows *r;
  size_t i;
  *out = NULL;
  if (st == NULL || st->db == NULL) {
    buf_free(sql);
    set_error(err, KB_EARG, "no store", NULL, 0);
    return KB_EARG;
  }
  if (buf_cstr(sql) == NULL) {
    buf_free(sql);
    set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
    return KB_ENOMEM;
  }
  r = kb_alloc(sizeof *r);
  if (r == NULL) {
    buf_free(sql);
    set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
    return KB_ENOMEM;
  }
  memset(r, 0, sizeof *r);
  r->store = st;
  r->kind = kind;
  r->cols = cols;
  r->n_cols = n_cols;
  if (sqlite3_prepare_v2(st->db, sql->ptr, (int)sql->len, &r->stmt, NULL) !=
      SQLITE_OK) {
    buf_free(sql);
    kb_rows_free(r);
    return store_fail(st, err);
  }
  buf_free(sql);
  for (i = 0; b && i < b->n; i++) {
    /* the text is copied (the caller's query may go before the rows); a
     * copy that fails would leave the parameter NULL */
    int rc = b->is_num[i] ? sqlite3_bind_int64(r->stmt, (int)i + 1, b->num[i])
                          : sqlite3_bind_text(r->stmt, (int)i + 1, b->text[i],
                                              -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
      kb_status status = store_fail(st, err);
      kb_rows_free(r);
      return status;
    }
  }
  *out = r;
  return KB_OK;
}

static kb_status bad_query(kb_store *st, const char *why, kb_rows **out,
                           kb_error *err) {
  *out = NULL;
  snprintf(st->msg, sizeof st->msg, "%s", why);
  set_error(err, KB_EARG, st->msg, NULL, 0);
  return KB_EARG;
}

/* ---- the queries -----------------------------------------------------------
 */

kb_status kb_store_events(kb_store *st, const kb_query *q, kb_rows **out,
                          kb_error *err) {
  if (st && st->pg)
    return pg_events(st->pg, q, out, err);
  buf sql = BUF_INIT;
  binds b;
  int side;
  const char *why = store_check_query(q);
  if (why)
    return bad_query(st, why, out, err);
  memset(&b, 0, sizeof b);
  add_select(&sql, event_cols, EV_COUNT);
  if (q && q->actor) {
    /* source side UNION ALL target side, each in date order from its own
     * index and cut at the limit: a page of a country's events reads a
     * page of rows, not every event of the country */
    buf_puts(&sql, " FROM (");
    for (side = ACTOR_AS_SOURCE; side <= ACTOR_AS_TARGET; side++) {
      if (side == ACTOR_AS_TARGET)
        buf_puts(&sql, " UNION ALL ");
      buf_puts(&sql, "SELECT eid FROM (SELECT e.id AS eid FROM events e "
                     "WHERE 1");
      event_filters(&sql, &b, q, side);
      buf_puts(&sql, " ORDER BY e.date, e.id");
      if (q->limit > 0) {
        buf_puts(&sql, " LIMIT ?");
        bind_num(&b, q->limit);
      }
      buf_puts(&sql, ")");
    }
    buf_puts(&sql, ") x JOIN events e ON e.id = x.eid");
  } else {
    buf_puts(&sql, " FROM events e");
  }
  buf_puts(&sql, " LEFT JOIN articles a ON a.id = e.first_article_id"
                 EVENT_GEO_JOINS);
  if (!(q && q->actor)) {
    buf_puts(&sql, " WHERE 1");
    event_filters(&sql, &b, q, ACTOR_EITHER);
  }
  buf_puts(&sql, " ORDER BY e.date, e.id");
  if (q && q->limit > 0) {
    buf_puts(&sql, " LIMIT ?");
    bind_num(&b, q->limit);
  }
  return make_rows(st, &sql, &b, ROWS_EVENTS, event_cols, EV_COUNT, out, err);
}

kb_status kb_store_mentions(kb_store *st, long long event, kb_rows **out,
                            kb_error *err) {
  if (st && st->pg)
    return pg_mentions(st->pg, event, out, err);
  buf sql = BUF_INIT;
  binds b;
  memset(&b, 0, sizeof b);
  add_select(&sql, mention_cols, MN_COUNT);
  buf_puts(&sql, " FROM mentions m JOIN articles a ON a.id = m.article_id "
                 "JOIN events e ON e.id = m.event_id");
  if (event > 0) {
    buf_puts(&sql, " WHERE m.event_id = ? ORDER BY m.id");
    bind_num(&b, event);
  } else {
    buf_puts(&sql, " ORDER BY m.event_id, m.id");
  }
  return make_rows(st, &sql, &b, ROWS_MENTIONS, mention_cols, MN_COUNT, out,
                   err);
}

kb_status kb_store_event(kb_store *st, long long id, kb_rows **out,
                         kb_error *err) {
  if (st && st->pg)
    return pg_event(st->pg, id, out, err);
  buf sql = BUF_INIT;
  binds b;
  memset(&b, 0, sizeof b);
  add_select(&sql, event_cols, EV_COUNT);
  buf_puts(&sql, " FROM events e LEFT JOIN articles a ON a.id = "
                 "e.first_article_id" EVENT_GEO_JOINS " WHERE e.id = ?");
  bind_num(&b, id);
  return make_rows(st, &sql, &b, ROWS_EVENTS, event_cols, EV_COUNT, out, err);
}

kb_status kb_store_evidence(kb_store *st, long long event, long long article,
                            kb_rows **out, kb_error *err) {
  if (st && st->pg)
    return pg_evidence(st->pg, event, article, out, err);
  buf sql = BUF_INIT;
  binds b;
  memset(&b, 0, sizeof b);
  add_select(&sql, mention_cols, MN_ALL);
  buf_puts(&sql, " FROM mentions m JOIN articles a ON a.id = m.article_id "
                 "JOIN events e ON e.id = m.event_id WHERE 1");
  if (event > 0) {
    buf_puts(&sql, " AND m.event_id = ?");
    bind_num(&b, event);
  }
  if (article > 0) {
    buf_puts(&sql, " AND m.article_id = ?");
    bind_num(&b, article);
  }
  buf_puts(&sql, " ORDER BY m.id");
  return make_rows(st, &sql, &b, ROWS_MENTIONS, mention_cols, MN_ALL, out, err);
}

kb_status kb_store_article(kb_store *st, long long id, kb_rows **out,
                           kb_error *err) {
  if (st && st->pg)
    return pg_article(st->pg, id, out, err);
  buf sql = BUF_INIT;
  binds b;
  memset(&b, 0, sizeof b);
  add_select(&sql, article_cols, N_OF(article_cols));
  buf_puts(&sql, " FROM articles a WHERE a.id = ?");
  bind_num(&b, id);
  return make_rows(st, &sql, &b, ROWS_ARTICLES, article_cols,
                   N_OF(article_cols), out, err);
}

kb_status kb_store_sentences(kb_store *st, long long id, kb_rows **out,
                             kb_error *err) {
  if (st && st->pg)
    return pg_sentences(st->pg, id, out, err);
  buf sql = BUF_INIT;
  binds b;
  memset(&b, 0, sizeof b);
  add_select(&sql, sentence_cols, N_OF(sentence_cols));
  buf_puts(&sql, " FROM sentences s WHERE s.article_id = ? ORDER BY s.idx");
  bind_num(&b, id);
  return make_rows(st, &sql, &b, ROWS_ARTICLES, sentence_cols,
                   N_OF(sentence_cols), out, err);
}

/* One side of the actors query (side 0: sources, 1: targets), after a
 * UNION ALL for the second: "SELECT <code> AS code, <name> AS name,
 * num_mentions AS m, goldstein AS g, <1|0> AS src FROM events e WHERE ",
 * the caller writing the first condition.  Both stores ask it so. */
void store_actor_side(buf *sql, int side, unsigned flags) {
  const char *who = side == 0 ? "source" : "target";
  if (side)
    buf_puts(sql, " UNION ALL ");
  buf_puts(sql, "SELECT e.");
  buf_puts(sql, who);
  buf_puts(sql, (flags & KB_ACTORS_COUNTRY) ? "_country" : "_code");
  buf_puts(sql, " AS code, e.");
  buf_puts(sql, who);
  buf_puts(sql, (flags & KB_ACTORS_COUNTRY) ? "_country" : "_name");
  buf_puts(sql, " AS name, e.num_mentions AS m, e.goldstein AS g, ");
  buf_puts(sql, side == 0 ? "1" : "0");
  buf_puts(sql, " AS src FROM events e WHERE ");
}

kb_status kb_store_actors(kb_store *st, const kb_query *q, unsigned flags,
                          kb_rows **out, kb_error *err) {
  if (st && st->pg)
    return pg_actors(st->pg, q, flags, out, err);
  buf sql = BUF_INIT;
  binds b;
  int side;
  const char *why = store_check_query(q);
  if (why)
    return bad_query(st, why, out, err);
  memset(&b, 0, sizeof b);
  add_select(&sql, actor_cols, N_OF(actor_cols));
  buf_puts(&sql, " FROM (");
  for (side = 0; side < 2; side++) {
    store_actor_side(&sql, side, flags);
    buf_puts(&sql, "1");
    event_filters(&sql, &b, q, ACTOR_EITHER);
  }
  buf_puts(&sql, ") WHERE code <> '' GROUP BY code ORDER BY 3 DESC, 1");
  if (q && q->limit > 0) {
    buf_puts(&sql, " LIMIT ?");
    bind_num(&b, q->limit);
  }
  return make_rows(st, &sql, &b, ROWS_ACTORS, actor_cols, N_OF(actor_cols), out,
                   err);
}

/* Turns free text into an FTS5 query: every word quoted, all required
 * ("Kim Putin" -> "Kim" "Putin"), so that no user text is FTS syntax. */
static int fts_words(const char *q, buf *out) {
  const char *p = q;
  int n = 0;
  while (*p) {
    const char *start;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
      p++;
    if (!*p)
      break;
    start = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
      p++;
    if (n++)
      buf_putc(out, ' ');
    buf_putc(out, '"');
    for (; start < p; start++) {
      if (*start == '"')
        buf_putc(out, '"');
      buf_putc(out, *start);
    }
    buf_putc(out, '"');
  }
  return n;
}

kb_status kb_store_search(kb_store *st, const char *query, unsigned flags,
                          long long limit, kb_rows **out, kb_error *err) {
  if (st && st->pg)
    return pg_search_rows(st->pg, query, flags, limit, out, err);
  buf sql = BUF_INIT, match = BUF_INIT;
  binds b;
  kb_status status;
  memset(&b, 0, sizeof b);
  if (query == NULL)
    return bad_query(st, "empty search", out, err);
  if (flags & KB_SEARCH_RAW)
    buf_puts(&match, query);
  else if (fts_words(query, &match) == 0) {
    buf_free(&match);
    return bad_query(st, "empty search", out, err);
  }
  if (buf_cstr(&match) == NULL) {
    buf_free(&match);
    set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
    return KB_ENOMEM;
  }
  add_select(&sql, search_cols, N_OF(search_cols));
  buf_puts(&sql, " FROM articles_fts JOIN articles a ON a.id = "
                 "articles_fts.rowid WHERE articles_fts MATCH ? "
                 "ORDER BY 1, a.id");
  bind_text(&b, match.ptr);
  if (limit > 0) {
    buf_puts(&sql, " LIMIT ?");
    bind_num(&b, limit);
  }
  status = make_rows(st, &sql, &b, ROWS_SEARCH, search_cols, N_OF(search_cols),
                     out, err);
  buf_free(&match);
  return status;
}

/* The SQL of a period label from an ISO day expression. */
static void period_expr(buf *sql, kb_period by, const char *day) {
  if (by == KB_PERIOD_ALL) {
    buf_puts(sql, "'all'");
  } else if (by == KB_PERIOD_MONTH) {
    buf_puts(sql, "substr(");
    buf_puts(sql, day);
    buf_puts(sql, ", 1, 7)");
  } else if (by == KB_PERIOD_WEEK) {
    /* the Monday on or before the day: the first Monday on or after the
     * day six days before (one date() call; the strftime, arithmetic and
     * concatenation it replaces cost a third more CPU per row) */
    buf_puts(sql, "date(");
    buf_puts(sql, day);
    buf_puts(sql, ", '-6 days', 'weekday 1')");
  } else {
    buf_puts(sql, day);
  }
}

/* Whether the per-day aggregate can answer q: only filters on country
 * (three letters or an IGO's six), root, quad and dates. */
static int aggregate_answers(const kb_query *q) {
  const char *codes[3];
  size_t i;
  if (q == NULL)
    return 1;
  if (q->code || q->min_sources > 0 || (q->flags & KB_QUERY_NEGATED))
    return 0;
  codes[0] = q->actor;
  codes[1] = q->source;
  codes[2] = q->target;
  for (i = 0; i < 3; i++)
    if (codes[i] && !is_country(codes[i]))
      return 0; /* RUSGOV is finer than a country, RU coarser */
  return 1;
}

kb_status kb_store_dyads(kb_store *st, const kb_query *q, kb_period by,
                         kb_rows **out, kb_error *err) {
  if (st && st->pg)
    return pg_dyads(st->pg, q, by, out, err);
  static const char *const quad_roots[5][2] = {
      {"", ""}, {"01", "05"}, {"06", "08"}, {"09", "13"}, {"14", "20"}};
  buf sql = BUF_INIT;
  binds b;
  const char *why = store_check_query(q);
  if (why)
    return bad_query(st, why, out, err);
  if (by != KB_PERIOD_DAY && by != KB_PERIOD_WEEK && by != KB_PERIOD_MONTH &&
      by != KB_PERIOD_ALL)
    return bad_query(st, "period is day, week, month or all", out, err);
  memset(&b, 0, sizeof b);
  buf_puts(&sql, "SELECT ");
  if (aggregate_answers(q)) {
    period_expr(&sql, by, "day");
    buf_puts(&sql, ", source, target, sum(events), sum(mentions), "
                   "sum(goldstein), sum(goldstein) / sum(events) "
                   "FROM dyad_days WHERE 1");
    /* the aggregate answers only whole countries: equality, indexed */
    if (q && q->actor) {
      buf_puts(&sql, " AND (source = ? OR target = ?)");
      bind_text(&b, q->actor);
      bind_text(&b, q->actor);
    }
    if (q && q->source) {
      buf_puts(&sql, " AND source = ?");
      bind_text(&b, q->source);
    }
    if (q && q->target) {
      buf_puts(&sql, " AND target = ?");
      bind_text(&b, q->target);
    }
    if (q && q->root) {
      buf_puts(&sql, " AND root = ?");
      bind_text(&b, q->root);
    }
    if (q && q->quad) {
      buf_puts(&sql, " AND root >= ? AND root <= ?");
      bind_text(&b, quad_roots[q->quad][0]);
      bind_text(&b, quad_roots[q->quad][1]);
    }
    if (q && q->from) {
      buf_puts(&sql, " AND day >= ?");
      bind_text(&b, q->from);
    }
    if (q && q->to) {
      buf_puts(&sql, " AND day <= ?");
      bind_text(&b, q->to);
    }
    buf_puts(&sql, " GROUP BY 1, 2, 3 HAVING sum(events) > 0");
  } else {
    period_expr(&sql, by, "substr(e.date || '-01-01', 1, 10)");
    buf_puts(&sql, ", e.source_country, e.target_country, count(*), "
                   "sum(e.num_mentions), sum(e.goldstein), avg(e.goldstein) "
                   "FROM events e WHERE e.date IS NOT NULL");
    event_filters(&sql, &b, q, ACTOR_EITHER);
    buf_puts(&sql, " GROUP BY 1, 2, 3");
  }
  buf_puts(&sql, " ORDER BY 1, 2, 3");
  if (q && q->limit > 0) {
    buf_puts(&sql, " LIMIT ?");
    bind_num(&b, q->limit);
  }
  return make_rows(st, &sql, &b, ROWS_DYADS, dyad_cols, N_OF(dyad_cols), out,
                   err);
}

kb_status kb_store_conflicts(kb_store *st, kb_rows **out, kb_error *err) {
  if (st && st->pg)
    return pg_conflicts(st->pg, out, err);
  buf sql = BUF_INIT;
  buf_puts(&sql, "WITH x AS (SELECT c.*, "
                 "(SELECT min(id) FROM claims WHERE kind = c.kind AND "
                 "subject = c.subject AND date = c.date_a) AS ida, "
                 "(SELECT min(id) FROM claims WHERE kind = c.kind AND "
                 "subject = c.subject AND date = c.date_b) AS idb "
                 "FROM conflicts c) ");
  add_select(&sql, conflict_cols, N_OF(conflict_cols));
  buf_puts(&sql, " FROM x JOIN claims ka ON ka.id = x.ida "
                 "JOIN articles aa ON aa.id = ka.article_id "
                 "JOIN claims kb ON kb.id = x.idb "
                 "JOIN articles ab ON ab.id = kb.article_id ORDER BY x.id");
  return make_rows(st, &sql, NULL, ROWS_CONFLICTS, conflict_cols,
                   N_OF(conflict_cols), out, err);
}

/* ---- rows of another backend ------------------------------------------- */

/* What each kind of another backend's rows is here. */
static const struct {
  rows_kind kind;
  const store_col *cols;
  size_t n_cols;
} src_kinds[] = {
    {ROWS_EVENTS, event_cols, EV_COUNT},
    {ROWS_DYADS, dyad_cols, N_OF(dyad_cols)},
    {ROWS_CONFLICTS, conflict_cols, N_OF(conflict_cols)},
    {ROWS_MENTIONS, mention_cols, MN_COUNT},
    {ROWS_MENTIONS, mention_cols, MN_ALL},
    {ROWS_ARTICLES, article_cols, N_OF(article_cols)},
    {ROWS_ARTICLES, sentence_cols, N_OF(sentence_cols)},
    {ROWS_ACTORS, actor_cols, N_OF(actor_cols)},
    {ROWS_SEARCH, search_cols, N_OF(search_cols)},
};

size_t store_rows_n_cols(store_rows_kind kind) {
  return src_kinds[kind].n_cols;
}

kb_status store_rows_from(store_rows_kind kind, const store_rows_src *src,
                          kb_rows **out) {
  kb_rows *r = kb_alloc(sizeof *r);
  *out = NULL;
  if (r == NULL) {
    if (src->free)
      src->free(src->ctx);
    return KB_ENOMEM;
  }
  memset(r, 0, sizeof *r);
  r->src = *src;
  r->kind = src_kinds[kind].kind;
  r->cols = src_kinds[kind].cols;
  r->n_cols = src_kinds[kind].n_cols;
  *out = r;
  return KB_OK;
}

/* ---- the cursor --------------------------------------------------------- */

kb_status kb_rows_next(kb_rows *r, kb_error *err) {
  int rc;
  if (r && r->src.next) {
    const char *why = NULL;
    rc = r->src.next(r->src.ctx, &why);
    if (rc > 0)
      return KB_OK;
    if (rc == 0)
      return KB_DONE;
    snprintf(r->src_msg, sizeof r->src_msg, "%s", why ? why : "query failed");
    set_error(err, KB_EDB, r->src_msg, NULL, 0);
    return KB_EDB;
  }
  if (r == NULL || r->stmt == NULL)
    return KB_DONE;
  rc = sqlite3_step(r->stmt);
  if (rc == SQLITE_ROW)
    return KB_OK;
  if (rc == SQLITE_DONE)
    return KB_DONE;
  return store_fail(r->store, err);
}

size_t kb_rows_n_columns(const kb_rows *r) { return r ? r->n_cols : 0; }

const char *kb_rows_name(const kb_rows *r, size_t i) {
  return r && i < r->n_cols ? r->cols[i].name : NULL;
}

/* Column i of another backend's row as text (NULL for SQL NULL). */
static const char *src_value(kb_rows *r, size_t i, size_t *len) {
  return r->src.value(r->src.ctx, i, len);
}

kb_text kb_rows_text(kb_rows *r, size_t i) {
  kb_text t = {NULL, 0};
  int n = 0;
  if (r && r->src.next && i < r->n_cols) {
    /* the same rendering of numbers as from SQLite, from their text */
    size_t len;
    const char *v = src_value(r, i, &len);
    if (v == NULL)
      return t;
    switch (r->cols[i].type) {
    case C_TEXT:
      t.ptr = v;
      t.len = len;
      return t;
    case C_INT:
      n = snprintf(r->num[i], sizeof r->num[i], "%lld", strtoll(v, NULL, 10));
      break;
    case C_BOOL:
      n = snprintf(r->num[i], sizeof r->num[i], "%s",
                   strtoll(v, NULL, 10) ? "true" : "false");
      break;
    default:
      n = snprintf(r->num[i], sizeof r->num[i],
                   r->cols[i].type == C_REAL1   ? "%.1f"
                   : r->cols[i].type == C_REAL  ? "%.3f"
                   : r->cols[i].type == C_REAL4 ? "%.4f"
                                                : "%.6g",
                   strtod(v, NULL));
    }
  } else if (r == NULL || i >= r->n_cols ||
             sqlite3_column_type(r->stmt, (int)i) == SQLITE_NULL) {
    return t;
  } else
    switch (r->cols[i].type) {
  case C_TEXT:
    t.ptr = (const char *)sqlite3_column_text(r->stmt, (int)i);
    t.len = (size_t)sqlite3_column_bytes(r->stmt, (int)i);
    if (t.ptr == NULL)
      t.ptr = "";
    return t;
  case C_INT:
    n = snprintf(r->num[i], sizeof r->num[i], "%lld",
                 (long long)sqlite3_column_int64(r->stmt, (int)i));
    break;
  case C_REAL1:
    n = snprintf(r->num[i], sizeof r->num[i], "%.1f",
                 sqlite3_column_double(r->stmt, (int)i));
    break;
  case C_REAL:
    n = snprintf(r->num[i], sizeof r->num[i], "%.3f",
                 sqlite3_column_double(r->stmt, (int)i));
    break;
  case C_REAL4:
    n = snprintf(r->num[i], sizeof r->num[i], "%.4f",
                 sqlite3_column_double(r->stmt, (int)i));
    break;
  case C_SCORE:
    n = snprintf(r->num[i], sizeof r->num[i], "%.6g",
                 sqlite3_column_double(r->stmt, (int)i));
    break;
  case C_BOOL:
    n = snprintf(r->num[i], sizeof r->num[i], "%s",
                 sqlite3_column_int(r->stmt, (int)i) ? "true" : "false");
    break;
  }
  if (n < 0)
    n = 0;
  if (n == 6 && strcmp(r->num[i], "-0.000") == 0)
    memcpy(r->num[i], "0.000", (size_t)(n = 5) + 1);
  if (n == 4 && strcmp(r->num[i], "-0.0") == 0)
    memcpy(r->num[i], "0.0", (size_t)(n = 3) + 1);
  t.ptr = r->num[i];
  t.len = (size_t)n;
  return t;
}

long long kb_rows_int(kb_rows *r, size_t i) {
  if (r && r->src.next && i < r->n_cols) {
    size_t len;
    const char *v = src_value(r, i, &len);
    return v ? strtoll(v, NULL, 10) : 0;
  }
  if (r == NULL || i >= r->n_cols ||
      sqlite3_column_type(r->stmt, (int)i) != SQLITE_INTEGER)
    return 0;
  return sqlite3_column_int64(r->stmt, (int)i);
}

void kb_rows_free(kb_rows *r) {
  if (r == NULL)
    return;
  if (r->src.free)
    r->src.free(r->src.ctx);
  sqlite3_finalize(r->stmt);
  buf_free(&r->out);
  buf_free(&r->header);
  kb_free(r);
}

/* ---- rendering --------------------------------------------------------------
 */

static void json_value(kb_rows *r, size_t i, buf *b) {
  kb_text t = kb_rows_text(r, i);
  if (t.ptr == NULL)
    buf_puts(b, "null");
  else if (r->cols[i].type == C_TEXT)
    buf_json_str(b, t.ptr, t.len);
  else
    buf_append(b, t.ptr, t.len);
}

/* Length of the group prefix of a column name ("source" of
 * "source.code"), 0 when it has none. */
static size_t group_len(const char *name) {
  const char *dot = strchr(name, '.');
  return dot ? (size_t)(dot - name) : 0;
}

static void render_json(kb_rows *r, buf *b) {
  size_t i, open = 0; /* length of the open group's prefix, 0 for none */
  const char *open_name = NULL;
  int comma = 0, group_comma = 0;
  buf_putc(b, '{');
  for (i = 0; i < r->n_cols; i++) {
    const char *name = r->cols[i].name;
    size_t g = group_len(name);
    if (open && (g != open || strncmp(name, open_name, g) != 0)) {
      buf_putc(b, '}');
      open = 0;
    }
    /* span.start + span.end: "span":[start,end] as in the event record */
    if (strcmp(name, "span.start") == 0 && i + 1 < r->n_cols &&
        strcmp(r->cols[i + 1].name, "span.end") == 0) {
      buf_puts(b, comma ? ",\"span\":[" : "\"span\":[");
      json_value(r, i, b);
      buf_putc(b, ',');
      json_value(r, i + 1, b);
      buf_putc(b, ']');
      comma = 1;
      i++;
      continue;
    }
    if (g && !open) {
      if (comma)
        buf_putc(b, ',');
      buf_json_str(b, name, g);
      buf_puts(b, ":{");
      open = g;
      open_name = name;
      group_comma = 0;
      comma = 1;
    }
    if (open) {
      if (group_comma)
        buf_putc(b, ',');
      group_comma = 1;
      buf_json_str(b, name + g + 1, strlen(name + g + 1));
    } else {
      if (comma)
        buf_putc(b, ',');
      comma = 1;
      buf_json_str(b, name, strlen(name));
    }
    buf_putc(b, ':');
    json_value(r, i, b);
  }
  if (open)
    buf_putc(b, '}');
  buf_puts(b, "}\n");
}

/* A CSV cell; text a spreadsheet would run as a formula gets an
 * apostrophe (docs/FORMATS.md). */
static void csv_cell(buf *b, kb_text t, int quote) {
  size_t i;
  if (t.ptr == NULL)
    return;
  if (!quote) {
    buf_append(b, t.ptr, t.len);
    return;
  }
  buf_putc(b, '"');
  if (t.len && (t.ptr[0] == '=' || t.ptr[0] == '+' || t.ptr[0] == '-' ||
                t.ptr[0] == '@' || t.ptr[0] == '\t' || t.ptr[0] == '\r'))
    buf_putc(b, '\'');
  for (i = 0; i < t.len; i++) {
    if (t.ptr[i] == '"')
      buf_putc(b, '"');
    buf_putc(b, t.ptr[i]);
  }
  buf_putc(b, '"');
}

static void render_csv(kb_rows *r, buf *b) {
  size_t i;
  for (i = 0; i < r->n_cols; i++) {
    if (i)
      buf_putc(b, ',');
    csv_cell(b, kb_rows_text(r, i), r->cols[i].type == C_TEXT);
  }
  buf_puts(b, "\r\n");
}

const char *kb_rows_csv_header(kb_rows *r) {
  size_t i, k;
  if (r == NULL)
    return NULL;
  buf_reset(&r->header);
  for (i = 0; i < r->n_cols; i++) {
    const char *n = r->cols[i].name;
    if (i)
      buf_putc(&r->header, ',');
    for (k = 0; n[k]; k++)
      buf_putc(&r->header, n[k] == '.' ? '_' : n[k]);
  }
  buf_puts(&r->header, "\r\n");
  return buf_cstr(&r->header);
}

/* GDELT text field: tabs and line breaks become spaces. */
static void gd_text(buf *b, kb_text t) {
  size_t i;
  for (i = 0; t.ptr && i < t.len; i++) {
    char c = t.ptr[i];
    buf_putc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
  }
}

static void gd_tab(buf *b) { buf_putc(b, '\t'); }

static int is_country_code(const char *code, size_t len) {
  return len >= 3 && strncmp(code, "IGO", 3) != 0 &&
         strncmp(code, "NGO", 3) != 0 && strncmp(code, "MNC", 3) != 0;
}

/* Actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code (as
 * emit_events.c fills them for one mention). */
static void gd_actor(buf *b, kb_text code, kb_text name) {
  const char *c = code.ptr ? code.ptr : "";
  size_t len = code.ptr ? code.len : 0, i;
  int country = is_country_code(c, len);
  buf_append(b, c, len);
  gd_tab(b);
  for (i = 0; name.ptr && i < name.len; i++) {
    char ch = name.ptr[i];
    buf_putc(b, (ch >= 'a' && ch <= 'z')     ? (char)(ch - 32)
                : (ch == '\t' || ch == '\n') ? ' '
                                             : ch);
  }
  gd_tab(b);
  if (country)
    buf_append(b, c, 3);
  gd_tab(b);
  if (!country && len > 3)
    buf_append(b, c + 3, len - 3);
  buf_puts(b, "\t\t\t\t");
  if (country && len >= 6)
    buf_append(b, c + 3, 3);
  gd_tab(b);
  if (country && len >= 9)
    buf_append(b, c + 6, 3);
  gd_tab(b);
  if (country && len >= 12)
    buf_append(b, c + 9, 3);
}

static int day_of_year(int y, int m, int d) {
  static const int before[] = {0,   31,  59,  90,  120, 151,
                               181, 212, 243, 273, 304, 334};
  return before[(m - 1) % 12] + d + (m > 2 && cal_is_leap(y));
}

/* SQLDATE, MonthYear, Year, FractionDate of a date at its precision (the
 * first day of a month or year). */
static void gd_date(buf *b, kb_text date) {
  char tmp[64];
  int y, m = 1, d = 1, n;
  if (date.ptr == NULL || date.len < 4) {
    buf_puts(b, "\t\t\t");
    return;
  }
  y = (date.ptr[0] - '0') * 1000 + (date.ptr[1] - '0') * 100 +
      (date.ptr[2] - '0') * 10 + (date.ptr[3] - '0');
  if (date.len >= 7)
    m = (date.ptr[5] - '0') * 10 + (date.ptr[6] - '0');
  if (date.len >= 10)
    d = (date.ptr[8] - '0') * 10 + (date.ptr[9] - '0');
  if (m < 1 || m > 12)
    m = 1;
  n = snprintf(tmp, sizeof tmp, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, m, d,
               y, m, y, y + (day_of_year(y, m, d) - 1) / 365.0);
  buf_append(b, tmp, (size_t)n);
}

/* "2024-03-20" -> "20240320000000". */
static void gd_stamp(buf *b, kb_text iso) {
  if (iso.ptr && iso.len >= 10) {
    buf_append(b, iso.ptr, 4);
    buf_append(b, iso.ptr + 5, 2);
    buf_append(b, iso.ptr + 8, 2);
    buf_puts(b, "000000");
  }
}

static void gd_field(buf *b, kb_rows *r, size_t i) {
  kb_text t = kb_rows_text(r, i);
  gd_text(b, t);
}

/* Geo columns (GDELT 36-43, 44-51 or 52-59): Type, FullName, CountryCode
 * (FIPS), ADM1Code, ADM2Code (not known), Lat, Long, FeatureID, each after
 * a tab, from the seven location columns starting at `first` (type, name,
 * country, adm1, lat, lon, feature_id); type 0 when there is none. */
static void gd_geo(buf *b, kb_rows *r, size_t first) {
  size_t k;
  gd_tab(b);
  if (kb_rows_text(r, first).ptr == NULL) {
    buf_puts(b, "0\t\t\t\t\t\t\t");
    return;
  }
  for (k = 0; k < 7; k++) {
    if (k)
      gd_tab(b);
    if (k == 4)
      gd_tab(b); /* ADM2Code */
    gd_field(b, r, first + k);
  }
}

static void render_gdelt_event(kb_rows *r, buf *b) {
  size_t k;
  kb_text url;
  gd_field(b, r, EV_ID);
  gd_tab(b);
  gd_date(b, kb_rows_text(r, EV_DATE));
  gd_tab(b);
  gd_actor(b, kb_rows_text(r, EV_SRC), kb_rows_text(r, EV_SRC_NAME));
  gd_tab(b);
  gd_actor(b, kb_rows_text(r, EV_TGT), kb_rows_text(r, EV_TGT_NAME));
  gd_tab(b);
  buf_puts(b, kb_rows_int(r, EV_IS_ROOT) ? "1" : "0");
  for (k = EV_CODE; k <= EV_ROOT; k++) {
    gd_tab(b);
    gd_field(b, r, k);
  }
  gd_tab(b);
  gd_field(b, r, EV_QUAD);
  gd_tab(b);
  gd_field(b, r, EV_GOLDSTEIN);
  gd_tab(b);
  gd_field(b, r, EV_MENTIONS);
  gd_tab(b);
  gd_field(b, r, EV_SOURCES);
  gd_tab(b);
  gd_field(b, r, EV_ARTICLES);
  gd_tab(b); /* AvgTone: not computed */
  /* Actor1Geo, Actor2Geo (actor_locations), ActionGeo (event_locations) */
  gd_geo(b, r, EV_SRC_GEO);
  gd_geo(b, r, EV_TGT_GEO);
  gd_geo(b, r, EV_LOC_TYPE);
  gd_tab(b);
  gd_stamp(b, kb_rows_text(r, EV_ADDED));
  gd_tab(b);
  url = kb_rows_text(r, EV_URL);
  gd_text(b, url.ptr ? url : kb_rows_text(r, EV_DOC));
  buf_putc(b, '\n');
}

/* The GDELT 2.0 mentions table: GLOBALEVENTID, EventTimeDate,
 * MentionTimeDate, MentionType (1 = web), MentionSourceName,
 * MentionIdentifier, SentenceID (1-based), Actor1CharOffset,
 * Actor2CharOffset, ActionCharOffset (byte offsets into the article
 * text), InRawText, Confidence, MentionDocLen, MentionDocTone,
 * MentionDocTranslationInfo, Extras. */
static void render_gdelt_mention(kb_rows *r, buf *b) {
  kb_text url = kb_rows_text(r, MN_URL);
  char tmp[32];
  int n;
  gd_field(b, r, MN_EVENT);
  gd_tab(b);
  gd_stamp(b, kb_rows_text(r, MN_EVENT_ADDED));
  gd_tab(b);
  gd_stamp(b, kb_rows_text(r, MN_REF_DATE));
  buf_puts(b, "\t1\t");
  gd_field(b, r, MN_OUTLET);
  gd_tab(b);
  gd_text(b, url.ptr ? url : kb_rows_text(r, MN_DOC));
  n = snprintf(tmp, sizeof tmp, "\t%lld\t",
               kb_rows_int(r, MN_SENTENCE_INDEX) + 1);
  buf_append(b, tmp, (size_t)n);
  gd_field(b, r, MN_SRC_START);
  gd_tab(b);
  gd_field(b, r, MN_TGT_START);
  gd_tab(b);
  gd_field(b, r, MN_VERB_START);
  buf_puts(b, "\t1\t100\t");
  gd_field(b, r, MN_DOC_LEN);
  buf_puts(b, "\t\t\t\n");
}

kb_status kb_rows_format(kb_rows *r, kb_format format, const char **out,
                         size_t *len) {
  if (r == NULL || out == NULL)
    return KB_EARG;
  *out = NULL;
  buf_reset(&r->out);
  if (format == KB_FORMAT_JSONL)
    render_json(r, &r->out);
  else if (format == KB_FORMAT_CSV)
    render_csv(r, &r->out);
  else if (format == KB_FORMAT_GDELT && r->kind == ROWS_EVENTS)
    render_gdelt_event(r, &r->out);
  else if (format == KB_FORMAT_GDELT && r->kind == ROWS_MENTIONS)
    render_gdelt_mention(r, &r->out);
  else
    return KB_EARG;
  if (buf_cstr(&r->out) == NULL)
    return KB_ENOMEM;
  *out = r->out.ptr;
  if (len)
    *len = r->out.len;
  return KB_OK;
}
