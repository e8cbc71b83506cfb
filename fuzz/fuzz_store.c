/*
 * fuzz_store.c -- libFuzzer target for the store's input side: the
 * filters of kb_store_events and kb_store_dyads (actor, source, target,
 * code, root, dates, quad, country, near, counts) and the query strings
 * of kb_store_search, plain and raw FTS5.
 *
 * Input: lines.  Line 1 is control bytes: [0] which query (events,
 * dyads by day/week/month, search, raw search), [1] quad, [2] flags
 * (negated, which numbers are set), [3..] bytes of min_sources, limit
 * and the three `near` doubles (any bit pattern: NaN, infinities).  Lines
 * 2.. are actor, source, target, code, root, from, to, country and the
 * search text (an absent line is NULL; "\x01" alone is the empty string).
 * The queries run on an in-memory database filled once with a few
 * invented articles.
 *
 * Invariants (a broken one aborts):
 *   - the status is KB_OK or KB_EARG (KB_EDB only from a raw FTS5
 *     query, whose syntax is the user's);
 *   - KB_EARG exactly when a value breaks the documented rules, checked
 *     here independently: codes 1-15 upper-case letters and digits,
 *     dates YYYY-MM-DD, quad 0-4, country two such characters, near
 *     within range (finite), search text with a word;
 *   - a plain search never gives an FTS5 syntax error: every word is
 *     quoted, whatever its bytes;
 *   - rows step to the end; at most `limit` of them; each row renders as
 *     JSON Lines and CSV; source/target prefixes hold on events' rows;
 *   - the database is unchanged (the queries are read-only).
 *
 * `make fuzz FUZZ_TARGETS=fuzz_store`; `make test` replays
 * fuzz/corpus/fuzz_store/ (tests/cli/test_fuzz_corpus.sh).
 */
#include <math.h>

#include "fuzz.h"

#define N_FIELDS 9

static const char *const articles[][3] = {
    {"f1", "2024-03-20",
     "Presiden Rusia Vladimir Putin mengirim ucapan selamat kepada Kim Jong "
     "Un pada hari Senin. Pemerintah Jepang mengecam Korea Utara pada 2 "
     "Maret 2024."},
    {"f2", "2024-05-02",
     "Menteri Luar Negeri Indonesia mengunjungi Malaysia pada 1 Mei 2024. "
     "Polisi Malaysia menangkap dua warga Indonesia di Johor."},
    {"f3", "2023-11-10",
     "Israel menyerang Gaza pada 9 November 2023, kata pejabat Palestina. "
     "Mesir mengecam serangan itu."},
};

static kb_store *store(long long *n_events) {
  static kb_store *st;
  static long long events = -1;
  size_t i;
  if (st == NULL) {
    REQUIRE(kb_store_open(":memory:", 0, &st, NULL) == KB_OK);
    for (i = 0; i < sizeof articles / sizeof articles[0]; i++) {
      kb_doc *doc = NULL;
      REQUIRE(kb_doc_new(articles[i][0], 2, articles[i][2],
                         strlen(articles[i][2]), &doc) == KB_OK);
      kb_doc_set_field(doc, KB_FIELD_DATE, articles[i][1], 10);
      REQUIRE(kb_store_ingest_doc(st, doc, fuzz_dict(), NULL, NULL, NULL) ==
              KB_OK);
      kb_doc_free(doc);
    }
  }
  {
    kb_store_totals t;
    REQUIRE(kb_store_totals_get(st, &t, NULL) == KB_OK);
    if (events < 0)
      events = t.events;
    *n_events = t.events;
    REQUIRE(t.events == events && t.articles == 3);
  }
  return st;
}

static int code_ok(const char *s) {
  size_t n, i;
  if (s == NULL)
    return 1;
  n = strlen(s);
  if (n == 0 || n > 15)
    return 0;
  for (i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
      return 0;
  return 1;
}

static int date_ok(const char *s) {
  size_t i;
  if (s == NULL)
    return 1;
  if (strlen(s) != 10)
    return 0;
  for (i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
      return 0;
  return 1;
}

static int has_word(const char *s) {
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return 1;
  return 0;
}

static double take_double(const uint8_t **p, const uint8_t *end) {
  double v = 0;
  if (end - *p >= (long)sizeof v) {
    memcpy(&v, *p, sizeof v);
    *p += sizeof v;
  }
  return v;
}

static long long take_ll(const uint8_t **p, const uint8_t *end) {
  long long v = 0;
  if (end - *p >= 2) {
    v = (long long)((*p)[0] | (*p)[1] << 8) - 8;
    *p += 2;
  }
  return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *copy, *field[N_FIELDS + 1], *line, *next;
  const uint8_t *ctl, *ctl_end, *p;
  size_t n_fields = 0, i;
  long long n_events, n_rows = 0;
  kb_query q = KB_QUERY_INIT;
  kb_rows *rows = NULL;
  kb_status st;
  int kind, want_ok, is_raw;
  kb_store *s = store(&n_events);

  if (size > 4096)
    return 0;
  copy = malloc(size + 1);
  REQUIRE(copy != NULL);
  memcpy(copy, data, size);
  copy[size] = 0;
  /* line 1: control bytes (may hold NULs: kept as bytes) */
  next = memchr(copy, '\n', size);
  ctl = (const uint8_t *)copy;
  ctl_end = next ? (const uint8_t *)next : (const uint8_t *)copy + size;
  line = next ? next + 1 : NULL;
  while (line && n_fields < N_FIELDS) {
    next = strchr(line, '\n');
    if (next)
      *next = 0;
    field[n_fields++] = strcmp(line, "\x01") == 0 ? line + 1 : line;
    line = next ? next + 1 : NULL;
  }
  for (i = n_fields; i < N_FIELDS; i++)
    field[i] = NULL;

  kind = ctl < ctl_end ? ctl[0] % 6 : 0;
  q.quad = ctl + 1 < ctl_end ? (int)(signed char)ctl[1] % 7 : 0;
  p = ctl + 3 < ctl_end ? ctl + 3 : ctl_end;
  if (ctl + 2 < ctl_end) {
    unsigned f = ctl[2];
    if (f & 1)
      q.flags |= KB_QUERY_NEGATED;
    if (f & 2)
      q.min_sources = take_ll(&p, ctl_end);
    if (f & 4)
      q.limit = take_ll(&p, ctl_end);
    if (f & 8) {
      q.near_lat = take_double(&p, ctl_end);
      q.near_lon = take_double(&p, ctl_end);
      q.near_km = take_double(&p, ctl_end);
    }
  }
  q.actor = field[0];
  q.source = field[1];
  q.target = field[2];
  q.code = field[3];
  q.root = field[4];
  q.from = field[5];
  q.to = field[6];
  q.country = field[7];
  if (kind == 3 && q.country)
    q.country = NULL; /* only kb_store_events takes it */

  is_raw = kind == 5;
  if (kind >= 4) {
    const char *text = field[8] ? field[8] : field[0];
    want_ok = is_raw ? text != NULL : has_word(text);
    st = kb_store_search(s, text, is_raw ? KB_SEARCH_RAW : 0,
                         q.limit > 0 ? q.limit : 0, &rows, NULL);
  } else {
    int near_ok = (isfinite(q.near_lat) && isfinite(q.near_lon) &&
                   isfinite(q.near_km) && q.near_km >= 0 &&
                   q.near_km <= 20000 && q.near_lat >= -90 &&
                   q.near_lat <= 90 && q.near_lon >= -180 &&
                   q.near_lon <= 180);
    want_ok = code_ok(q.actor) && code_ok(q.source) && code_ok(q.target) &&
              code_ok(q.code) && code_ok(q.root) && date_ok(q.from) &&
              date_ok(q.to) && q.quad >= 0 && q.quad <= 4 &&
              (q.country == NULL ||
               (strlen(q.country) == 2 && code_ok(q.country))) &&
              near_ok;
    if (kind == 0)
      st = kb_store_events(s, &q, &rows, NULL);
    else
      st = kb_store_dyads(s, &q,
                          kind == 1   ? KB_PERIOD_DAY
                          : kind == 2 ? KB_PERIOD_WEEK
                                      : KB_PERIOD_MONTH,
                          &rows, NULL);
  }
  if (!want_ok) {
    REQUIRE(st == KB_EARG);
    REQUIRE(rows == NULL);
  } else {
    kb_status r = KB_DONE;
    REQUIRE(st == KB_OK || (is_raw && st == KB_EDB));
    while (st == KB_OK && (r = kb_rows_next(rows, NULL)) == KB_OK) {
      const char *out;
      size_t len;
      n_rows++;
      REQUIRE(kb_rows_format(rows, KB_FORMAT_JSONL, &out, &len) == KB_OK);
      REQUIRE(len > 0 && out[len - 1] == '\n');
      REQUIRE(kb_rows_format(rows, KB_FORMAT_CSV, &out, &len) == KB_OK);
      if (kind == 0) {
        for (i = 0; i < kb_rows_n_columns(rows); i++) {
          const char *name = kb_rows_name(rows, i);
          const char *want = strcmp(name, "source.code") == 0   ? q.source
                             : strcmp(name, "target.code") == 0 ? q.target
                                                                : NULL;
          kb_text t = kb_rows_text(rows, i);
          if (want)
            REQUIRE(t.ptr && t.len >= strlen(want) &&
                    memcmp(t.ptr, want, strlen(want)) == 0);
        }
      }
    }
    if (st == KB_OK) {
      /* a plain search is all quoted words: never FTS5's syntax error */
      REQUIRE(r == KB_DONE || is_raw);
      if (q.limit > 0)
        REQUIRE(n_rows <= q.limit);
    }
  }
  kb_rows_free(rows);
  free(copy);
  {
    long long after;
    store(&after);
    REQUIRE(after == n_events);
  }
  return 0;
}
