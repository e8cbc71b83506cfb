/*
 * serve_api.c -- the routes of `kabar serve`: a parsed request in, a JSON
 * response (or an embedded dashboard file) out.  Every answer comes from
 * the store's own queries (store_query.c), the same ones `kabar events`,
 * `dyads`, `search` and `conflicts` run; no SQL here.  Part of the serve
 * stage; the routes, their parameters and answers are in docs/API.md.
 *
 * Input: a serve_request (serve_parse.c) and a store used by this thread
 * only.  Output: a serve_response: status, content type, body.  Errors
 * are JSON ({"error":{"status":400,"message":"..."}}) and say what was
 * wrong with the request, never what went wrong inside (a database error
 * is a 500 "database error"; the detail goes to the server's log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define JSON_TYPE "application/json; charset=utf-8"

/* Rows per answer: defaults and caps (docs/API.md, "Limits"). */
#define EVENTS_LIMIT 100
#define EVENTS_MAX 1000
#define DYADS_LIMIT 5000
#define DYADS_MAX 50000
#define ACTORS_LIMIT 50
#define ACTORS_MAX 1000
#define SEARCH_LIMIT 20
#define SEARCH_MAX 100
#define CONFLICTS_MAX 1000
#define MENTIONS_MAX 1000

void serve_error(serve_response *res, int status, const char *message) {
  buf_reset(&res->body);
  res->status = status;
  res->type = JSON_TYPE;
  res->fixed = NULL;
  res->is_cacheable = 0;
  buf_puts(&res->body, "{\"error\":{\"status\":");
  buf_put_size(&res->body, (size_t)status);
  buf_puts(&res->body, ",\"message\":");
  buf_json_str(&res->body, message, strlen(message));
  buf_puts(&res->body, "}}\n");
}

/* A store failure: KB_EARG is the client's (400 with the store's static
 * message), anything else ours (500, detail to the log). */
static void store_error(serve_response *res, kb_status rc,
                        const kb_error *err) {
  const char *msg = err->msg ? err->msg : kb_status_str(rc);
  if (rc == KB_EARG) {
    serve_error(res, 400, msg);
    return;
  }
  snprintf(res->log, sizeof res->log, "database error: %s", msg);
  serve_error(res, 500, "database error");
}

/* ---- parameters ---------------------------------------------------------- */

/* Every parameter of req must be one of `allowed` (NULL-terminated). */
static int params_known(const serve_request *req, const char *const *allowed,
                        serve_response *res) {
  size_t i, k;
  for (i = 0; i < req->n_params; i++) {
    for (k = 0; allowed[k]; k++)
      if (strcmp(req->params[i].key, allowed[k]) == 0)
        break;
    if (allowed[k] == NULL) {
      char msg[96];
      snprintf(msg, sizeof msg, "unknown parameter '%s'", req->params[i].key);
      serve_error(res, 400, msg);
      return 0;
    }
  }
  return 1;
}

/* A strict decimal count: 1-18 digits, at most max. */
static int parse_count(const char *s, long long max, long long *out) {
  long long v = 0;
  size_t i;
  if (s == NULL || s[0] == 0 || strlen(s) > 18)
    return 0;
  for (i = 0; s[i]; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    v = v * 10 + (s[i] - '0');
  }
  if (v > max)
    return 0;
  *out = v;
  return 1;
}

/* Parameter `key` as a count in [lo, max], `def` when absent. */
static int count_param(const serve_request *req, const char *key, long long lo,
                       long long def, long long max, long long *out,
                       serve_response *res) {
  const char *v = serve_param(req, key);
  char msg[96];
  if (v == NULL) {
    *out = def;
    return 1;
  }
  if (parse_count(v, max, out) && *out >= lo)
    return 1;
  snprintf(msg, sizeof msg, "%s wants a number from %lld to %lld", key, lo,
           max);
  serve_error(res, 400, msg);
  return 0;
}

/* The filters of `kabar events` from the query string; the store checks
 * the codes and dates (KB_EARG). */
static int query_params(const serve_request *req, kb_query *q,
                        serve_response *res) {
  long long v;
  const char *neg = serve_param(req, "negated");
  q->actor = serve_param(req, "actor");
  q->source = serve_param(req, "source");
  q->target = serve_param(req, "target");
  q->code = serve_param(req, "code");
  q->root = serve_param(req, "root");
  q->from = serve_param(req, "from");
  q->to = serve_param(req, "to");
  if (!count_param(req, "quad", 1, 0, 4, &v, res))
    return 0;
  q->quad = (int)v;
  if (!count_param(req, "min_sources", 0, 0, 1000000, &q->min_sources, res))
    return 0;
  if (neg && strcmp(neg, "1") != 0 && strcmp(neg, "0") != 0) {
    serve_error(res, 400, "negated is 0 or 1");
    return 0;
  }
  if (neg && neg[0] == '1')
    q->flags |= KB_QUERY_NEGATED;
  return 1;
}

#define FILTER_KEYS                                                            \
  "actor", "source", "target", "code", "root", "quad", "from", "to",           \
      "min_sources", "negated"

/* ---- rendering rows -------------------------------------------------------
 */

/* Appends the current row as a JSON object (no newline). */
static int put_row(kb_rows *r, buf *b) {
  const char *out;
  size_t len;
  if (kb_rows_format(r, KB_FORMAT_JSONL, &out, &len) != KB_OK || len < 2)
    return 0;
  buf_append(b, out, len - 1);
  return 1;
}

/* Appends up to max rows of r as a JSON array; OUT: *n rows, *more when
 * rows were left.  Returns KB_OK or the failure. */
static kb_status put_rows(kb_rows *r, long long max, buf *b, long long *n,
                          int *more, kb_error *err) {
  kb_status rc;
  *n = 0;
  *more = 0;
  buf_putc(b, '[');
  while ((rc = kb_rows_next(r, err)) == KB_OK) {
    if (*n == max) {
      *more = 1;
      break;
    }
    if (*n)
      buf_putc(b, ',');
    if (!put_row(r, b))
      return KB_ENOMEM;
    (*n)++;
  }
  buf_putc(b, ']');
  return rc == KB_DONE || rc == KB_OK ? KB_OK : rc;
}

static int col_index(kb_rows *r, const char *name) {
  size_t i;
  for (i = 0; i < kb_rows_n_columns(r); i++)
    if (strcmp(kb_rows_name(r, i), name) == 0)
      return (int)i;
  return -1;
}

/* One highlighted span of an evidence sentence. */
typedef struct mark {
  const char *role;
  long long start, end; /* bytes of the sentence */
} mark;

/* The evidence sentence of a mention row as segments, each plain or
 * marked source/target/verb: "evidence":[{"text":"Presiden "},{"text":
 * "Putin","mark":"source"},...].  Spans are byte offsets into the article
 * text; ones that fall outside the sentence, overlap an earlier one or cut
 * a UTF-8 sequence are left unmarked. */
static void put_evidence(kb_rows *r, buf *b) {
  static const char *const roles[3] = {"source", "target", "verb"};
  static const char *const starts[3] = {"source_start", "target_start",
                                        "verb_start"};
  static const char *const ends[3] = {"source_end", "target_end", "verb_end"};
  mark m[3];
  size_t n = 0, i, k;
  long long at = 0, base;
  int ti = col_index(r, "text"), si = col_index(r, "span.start");
  kb_text t;
  if (ti < 0 || si < 0)
    return;
  t = kb_rows_text(r, (size_t)ti);
  base = kb_rows_int(r, (size_t)si);
  if (t.ptr == NULL)
    return;
  for (i = 0; i < 3; i++) {
    int a = col_index(r, starts[i]), z = col_index(r, ends[i]);
    long long s, e;
    if (a < 0 || z < 0 || kb_rows_text(r, (size_t)a).ptr == NULL ||
        kb_rows_text(r, (size_t)z).ptr == NULL)
      continue;
    s = kb_rows_int(r, (size_t)a) - base;
    e = kb_rows_int(r, (size_t)z) - base;
    if (s < 0 || e <= s || e > (long long)t.len ||
        ((unsigned char)t.ptr[s] & 0xC0) == 0x80 ||
        (e < (long long)t.len && ((unsigned char)t.ptr[e] & 0xC0) == 0x80))
      continue;
    m[n].role = roles[i];
    m[n].start = s;
    m[n].end = e;
    n++;
  }
  for (i = 1; i < n; i++) /* by start: three at most */
    for (k = i; k > 0 && m[k].start < m[k - 1].start; k--) {
      mark tmp = m[k];
      m[k] = m[k - 1];
      m[k - 1] = tmp;
    }
  buf_puts(b, ",\"evidence\":[");
  for (i = 0; i < n; i++) {
    if (m[i].start < at)
      continue; /* overlaps the previous mark */
    if (m[i].start > at) {
      buf_puts(b, at ? ",{\"text\":" : "{\"text\":");
      buf_json_str(b, t.ptr + at, (size_t)(m[i].start - at));
      buf_putc(b, '}');
    }
    buf_puts(b, (at || m[i].start) ? ",{\"text\":" : "{\"text\":");
    buf_json_str(b, t.ptr + m[i].start, (size_t)(m[i].end - m[i].start));
    buf_puts(b, ",\"mark\":\"");
    buf_puts(b, m[i].role);
    buf_puts(b, "\"}");
    at = m[i].end;
  }
  if (at < (long long)t.len) {
    buf_puts(b, at ? ",{\"text\":" : "{\"text\":");
    buf_json_str(b, t.ptr + at, t.len - (size_t)at);
    buf_putc(b, '}');
  }
  buf_putc(b, ']');
}

/* The mentions of an event or an article as a JSON array, each with its
 * evidence segments. */
static kb_status put_mentions(kb_store *st, long long event, long long article,
                              buf *b, kb_error *err) {
  kb_rows *r = NULL;
  kb_status rc = kb_store_evidence(st, event, article, &r, err);
  long long n = 0;
  if (rc != KB_OK)
    return rc;
  buf_putc(b, '[');
  while ((rc = kb_rows_next(r, err)) == KB_OK && n < MENTIONS_MAX) {
    const char *out;
    size_t len;
    if (kb_rows_format(r, KB_FORMAT_JSONL, &out, &len) != KB_OK || len < 2) {
      rc = KB_ENOMEM;
      break;
    }
    if (n++)
      buf_putc(b, ',');
    buf_append(b, out, len - 2); /* without "}\n" */
    put_evidence(r, b);
    buf_putc(b, '}');
  }
  buf_putc(b, ']');
  kb_rows_free(r);
  return rc == KB_DONE || rc == KB_OK ? KB_OK : rc;
}

/* ---- routes ----------------------------------------------------------------
 */

static void ok_json(serve_response *res) {
  res->status = 200;
  res->type = JSON_TYPE;
  res->is_cacheable = 1;
  buf_putc(&res->body, '\n');
}

static void api_health(kb_store *st, const serve_request *req,
                       serve_response *res) {
  static const char *const keys[] = {NULL};
  kb_store_totals t;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  char num[160];
  if (!params_known(req, keys, res))
    return;
  rc = kb_store_totals_get(st, &t, &err);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, "{\"status\":\"ok\",\"version\":");
  buf_json_str(&res->body, kb_version(), strlen(kb_version()));
  snprintf(num, sizeof num,
           ",\"articles\":%lld,\"events\":%lld,\"mentions\":%lld,"
           "\"conflicts\":%lld,\"updated\":",
           t.articles, t.events, t.mentions, t.conflicts);
  buf_puts(&res->body, num);
  buf_json_str(&res->body, t.updated, strlen(t.updated));
  buf_putc(&res->body, '}');
  ok_json(res);
  res->is_cacheable = 0;
}

/* "DATE_ID" (DATE empty for an undated event) into the query's keyset. */
static int parse_cursor(const char *s, kb_query *q, char *date, size_t cap) {
  const char *us = strrchr(s, '_');
  size_t n;
  if (us == NULL || !parse_count(us + 1, 999999999999999999LL, &q->after_id) ||
      q->after_id < 1)
    return 0;
  n = (size_t)(us - s);
  if (n >= cap)
    return 0;
  memcpy(date, s, n);
  date[n] = 0;
  q->after_date = n ? date : NULL;
  return 1;
}

static void api_events(kb_store *st, const serve_request *req,
                       serve_response *res) {
  static const char *const keys[] = {FILTER_KEYS, "limit", "cursor", NULL};
  kb_query q = KB_QUERY_INIT;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL;
  kb_status rc;
  long long limit, n = 0;
  int idi, datei, more = 0;
  char cursor_date[16], next[64] = "";
  const char *cursor = serve_param(req, "cursor");
  if (!params_known(req, keys, res) || !query_params(req, &q, res) ||
      !count_param(req, "limit", 1, EVENTS_LIMIT, EVENTS_MAX, &limit, res))
    return;
  if (cursor && !parse_cursor(cursor, &q, cursor_date, sizeof cursor_date)) {
    serve_error(res, 400, "bad cursor");
    return;
  }
  q.limit = limit + 1; /* one more tells whether there is a next page */
  rc = kb_store_events(st, &q, &r, &err);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  idi = col_index(r, "id");
  datei = col_index(r, "date");
  buf_puts(&res->body, "{\"events\":[");
  while ((rc = kb_rows_next(r, &err)) == KB_OK) {
    kb_text d;
    if (n == limit) {
      more = 1;
      break;
    }
    if (n++)
      buf_putc(&res->body, ',');
    if (!put_row(r, &res->body)) {
      rc = KB_ENOMEM;
      break;
    }
    d = kb_rows_text(r, (size_t)datei);
    snprintf(next, sizeof next, "%.*s_%lld", d.ptr ? (int)d.len : 0,
             d.ptr ? d.ptr : "", kb_rows_int(r, (size_t)idi));
  }
  if (rc != KB_OK && rc != KB_DONE) {
    kb_rows_free(r);
    store_error(res, rc, &err);
    return;
  }
  kb_rows_free(r);
  buf_puts(&res->body, "],\"count\":");
  buf_put_size(&res->body, (size_t)n);
  buf_puts(&res->body, ",\"limit\":");
  buf_put_size(&res->body, (size_t)limit);
  buf_puts(&res->body, ",\"next_cursor\":");
  if (more)
    buf_json_str(&res->body, next, strlen(next));
  else
    buf_puts(&res->body, "null");
  buf_putc(&res->body, '}');
  ok_json(res);
}

static void api_event(kb_store *st, const serve_request *req, long long id,
                      serve_response *res) {
  static const char *const keys[] = {NULL};
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL;
  kb_status rc;
  if (!params_known(req, keys, res))
    return;
  rc = kb_store_event(st, id, &r, &err);
  if (rc == KB_OK)
    rc = kb_rows_next(r, &err);
  if (rc == KB_DONE) {
    kb_rows_free(r);
    serve_error(res, 404, "no such event");
    return;
  }
  if (rc == KB_OK) {
    buf_puts(&res->body, "{\"event\":");
    put_row(r, &res->body);
    buf_puts(&res->body, ",\"mentions\":");
    rc = put_mentions(st, id, 0, &res->body, &err);
    buf_putc(&res->body, '}');
  }
  kb_rows_free(r);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  ok_json(res);
}

static int parse_period(const char *s, kb_period *by) {
  if (s == NULL || strcmp(s, "month") == 0)
    *by = KB_PERIOD_MONTH;
  else if (strcmp(s, "week") == 0)
    *by = KB_PERIOD_WEEK;
  else if (strcmp(s, "day") == 0)
    *by = KB_PERIOD_DAY;
  else if (strcmp(s, "all") == 0)
    *by = KB_PERIOD_ALL;
  else
    return 0;
  return 1;
}

static void api_dyads(kb_store *st, const serve_request *req,
                      serve_response *res) {
  static const char *const keys[] = {FILTER_KEYS, "by", "limit", NULL};
  kb_query q = KB_QUERY_INIT;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL;
  kb_status rc;
  kb_period by;
  long long limit, n;
  int more;
  const char *by_s = serve_param(req, "by");
  if (!params_known(req, keys, res) || !query_params(req, &q, res) ||
      !count_param(req, "limit", 1, DYADS_LIMIT, DYADS_MAX, &limit, res))
    return;
  if (!parse_period(by_s, &by)) {
    serve_error(res, 400, "by is day, week, month or all");
    return;
  }
  q.limit = limit + 1;
  rc = kb_store_dyads(st, &q, by, &r, &err);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, "{\"by\":\"");
  buf_puts(&res->body, by_s ? by_s : "month");
  buf_puts(&res->body, "\",\"dyads\":");
  rc = put_rows(r, limit, &res->body, &n, &more, &err);
  kb_rows_free(r);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, more ? ",\"truncated\":true}" : ",\"truncated\":false}");
  ok_json(res);
}

static void api_actors(kb_store *st, const serve_request *req,
                       serve_response *res) {
  static const char *const keys[] = {FILTER_KEYS, "level", "limit", NULL};
  kb_query q = KB_QUERY_INIT;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL;
  kb_status rc;
  long long limit, n;
  int more;
  unsigned flags = 0;
  const char *level = serve_param(req, "level");
  if (!params_known(req, keys, res) || !query_params(req, &q, res) ||
      !count_param(req, "limit", 1, ACTORS_LIMIT, ACTORS_MAX, &limit, res))
    return;
  if (level && strcmp(level, "country") == 0)
    flags = KB_ACTORS_COUNTRY;
  else if (level && strcmp(level, "actor") != 0) {
    serve_error(res, 400, "level is actor or country");
    return;
  }
  q.limit = limit;
  rc = kb_store_actors(st, &q, flags, &r, &err);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, "{\"actors\":");
  rc = put_rows(r, limit, &res->body, &n, &more, &err);
  kb_rows_free(r);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_putc(&res->body, '}');
  ok_json(res);
}

static void api_search(kb_store *st, const serve_request *req,
                       serve_response *res) {
  static const char *const keys[] = {"q", "limit", NULL};
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL;
  kb_status rc;
  long long limit, n;
  int more;
  const char *q = serve_param(req, "q");
  if (!params_known(req, keys, res) ||
      !count_param(req, "limit", 1, SEARCH_LIMIT, SEARCH_MAX, &limit, res))
    return;
  if (q == NULL || strspn(q, " ") == strlen(q)) {
    serve_error(res, 400, "q (the words to search for) is required");
    return;
  }
  rc = kb_store_search(st, q, 0, limit, &r, &err);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, "{\"query\":");
  buf_json_str(&res->body, q, strlen(q));
  buf_puts(&res->body, ",\"results\":");
  rc = put_rows(r, limit, &res->body, &n, &more, &err);
  kb_rows_free(r);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_putc(&res->body, '}');
  ok_json(res);
}

static void api_article(kb_store *st, const serve_request *req, long long id,
                        serve_response *res) {
  static const char *const keys[] = {NULL};
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL, *s = NULL;
  kb_status rc;
  long long n;
  int more;
  if (!params_known(req, keys, res))
    return;
  rc = kb_store_article(st, id, &r, &err);
  if (rc == KB_OK)
    rc = kb_rows_next(r, &err);
  if (rc == KB_DONE) {
    kb_rows_free(r);
    serve_error(res, 404, "no such article");
    return;
  }
  if (rc == KB_OK) {
    buf_puts(&res->body, "{\"article\":");
    put_row(r, &res->body);
    buf_puts(&res->body, ",\"sentences\":");
    rc = kb_store_sentences(st, id, &s, &err);
    if (rc == KB_OK)
      rc = put_rows(s, 100000, &res->body, &n, &more, &err);
  }
  if (rc == KB_OK) {
    buf_puts(&res->body, ",\"mentions\":");
    rc = put_mentions(st, 0, id, &res->body, &err);
    buf_putc(&res->body, '}');
  }
  kb_rows_free(s);
  kb_rows_free(r);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  ok_json(res);
}

static void api_conflicts(kb_store *st, const serve_request *req,
                          serve_response *res) {
  static const char *const keys[] = {NULL};
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_rows *r = NULL;
  kb_status rc;
  long long n;
  int more;
  if (!params_known(req, keys, res))
    return;
  rc = kb_store_conflicts(st, &r, &err);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, "{\"conflicts\":");
  rc = put_rows(r, CONFLICTS_MAX, &res->body, &n, &more, &err);
  kb_rows_free(r);
  if (rc != KB_OK) {
    store_error(res, rc, &err);
    return;
  }
  buf_puts(&res->body, more ? ",\"truncated\":true}" : ",\"truncated\":false}");
  ok_json(res);
}

/* "/api/events/123" with prefix "/api/events/": 123 in *id.  Ids are
 * 1-18 digits; anything else is no such resource. */
static int path_id(const char *path, const char *prefix, long long *id) {
  size_t n = strlen(prefix);
  return strncmp(path, prefix, n) == 0 &&
         parse_count(path + n, 999999999999999999LL, id) && *id > 0;
}

void serve_handle(kb_store *st, const serve_request *req, serve_response *res) {
  const char *p = req->path;
  long long id;
  const unsigned char *data;
  size_t len;
  const char *type;
  buf_reset(&res->body);
  res->log[0] = 0;
  res->fixed = NULL;
  res->is_cacheable = 0;
  if (strncmp(p, "/api/", 5) != 0) {
    if (req->n_params == 0 && serve_static(p, &data, &len, &type)) {
      res->status = 200;
      res->type = type;
      res->fixed = data;
      res->fixed_len = len;
      return;
    }
    serve_error(res, 404, "not found");
    return;
  }
  if (strcmp(p, "/api/health") == 0)
    api_health(st, req, res);
  else if (strcmp(p, "/api/events") == 0)
    api_events(st, req, res);
  else if (path_id(p, "/api/events/", &id))
    api_event(st, req, id, res);
  else if (strcmp(p, "/api/dyads") == 0)
    api_dyads(st, req, res);
  else if (strcmp(p, "/api/actors") == 0)
    api_actors(st, req, res);
  else if (strcmp(p, "/api/search") == 0)
    api_search(st, req, res);
  else if (path_id(p, "/api/articles/", &id))
    api_article(st, req, id, res);
  else if (strcmp(p, "/api/conflicts") == 0)
    api_conflicts(st, req, res);
  else if (strncmp(p, "/api/events/", 12) == 0)
    serve_error(res, 404, "no such event");
  else if (strncmp(p, "/api/articles/", 14) == 0)
    serve_error(res, 404, "no such article");
  else
    serve_error(res, 404, "no such API route");
  if (buf_failed(&res->body))
    serve_error(res, 500, "out of memory");
}
