/*
 * store_merge.c -- how the store turns mentions into events: date
 * intervals, the merge of a mention into the event it reports, the
 * near-duplicate signature of an article, and the dated claims whose
 * disagreement makes a conflict.
 *
 * Input: the coded events (kb_event) and tokens of one kb_doc, and what
 * the database already holds.  Output: rows of `events`, `event_articles`,
 * `event_sources`, `dyad_days`, `claims` and `conflicts`.  Part of the
 * store stage (store.c calls it for each new article).
 *
 * Rules, with the reasons for each threshold, are in docs/STORE.md:
 *   - a mention merges into an event with the same source code, target
 *     code, CAMEO base code (the first three digits) and negation, whose
 *     date interval overlaps the mention's; the event keeps the
 *     intersection, so "2024-03" then "2024-03-18" narrows it to the day;
 *   - a mention whose date is only the article's reference date (no date
 *     expression in its sentence) may have happened up to
 *     STORE_SOFT_WINDOW_DAYS before it: the headline "Kim Jong Un Beri
 *     Selamat pada Putin" in an article of 2024-03-20 merges with the
 *     quote's "pada hari Senin" (2024-03-18);
 *   - a near-duplicate article adds mentions but no article or source.
 *
 * References: A. Z. Broder, "On the resemblance and containment of
 * documents" (1997), MinHash; P. Li, A. Owen, C.-H. Zhang, "One
 * Permutation Hashing" (2012); J. Leskovec, A. Rajaraman, J. Ullman,
 * "Mining of Massive Datasets", ch. 3 (LSH banding); GDELT 2.0 Event
 * Codebook (NumMentions, NumSources, NumArticles).
 */
#include <stdio.h>
#include <string.h>

#include "code.h"
#include "store.h"
#include "tag_date.h"
#include "util/calendar.h"
#include "util/hash.h"

/* ---- dates ------------------------------------------------------------ */

/* Writes "YYYY-MM-DD" (fields clamped to their ranges). */
static void put_iso(char out[11], long y, long m, long d) {
  y = y < 0 ? 0 : y > 9999 ? 9999 : y;
  m = m < 1 ? 1 : m > 12 ? 12 : m;
  d = d < 1 ? 1 : d > 31 ? 31 : d;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = 0;
}

void store_iso(long z, char out[11]) {
  long y, m, d;
  cal_civil_from_days(z, &y, &m, &d);
  if (y < 0 || y > 9999) {
    memcpy(out, y < 0 ? "0000-01-01" : "9999-12-31", 11);
    return;
  }
  put_iso(out, y, m, d);
}

static int digits(const char *s, int n) {
  int v = 0, i;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

void store_interval(const char *date, kb_date_precision p, int soft,
                    char lo[11], char hi[11]) {
  size_t len = date ? strlen(date) : 0;
  int y = len >= 4 ? digits(date, 4) : -1;
  int m = len >= 7 ? digits(date + 5, 2) : -1;
  int d = len >= 10 ? digits(date + 8, 2) : -1;
  if (p == KB_DATE_NONE || y < 0 || (p >= KB_DATE_MONTH && (m < 1 || m > 12)) ||
      (p == KB_DATE_DAY && d < 1)) {
    memcpy(lo, "0000-01-01", 11);
    memcpy(hi, "9999-12-31", 11);
    return;
  }
  if (p == KB_DATE_YEAR) {
    put_iso(lo, y, 1, 1);
    put_iso(hi, y, 12, 31);
  } else if (p == KB_DATE_MONTH) {
    put_iso(lo, y, m, 1);
    put_iso(hi, y, m, cal_days_in_month(y, m));
  } else if (soft) {
    store_iso(cal_days_from_civil(y, m, d) - STORE_SOFT_WINDOW_DAYS, lo);
    put_iso(hi, y, m, d);
  } else {
    put_iso(lo, y, m, d);
    memcpy(hi, lo, 11);
  }
}

static long iso_days(const char *s) {
  return cal_days_from_civil(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2));
}

void store_country(const char *code, char out[16]) {
  size_t n = strlen(code);
  size_t keep = n < 3 ? n : 3;
  if (n >= 6 && (strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0 ||
                 strncmp(code, "MNC", 3) == 0))
    keep = 6; /* "IGOUNO": the organisation is the "country" */
  memcpy(out, code, keep);
  out[keep] = 0;
}

/* ---- near-duplicate signature ----------------------------------------- */

/* FNV-1a of a token, ASCII letters folded to lower case (c | 0x20 for
 * 'A'..'Z' only: the bit is set exactly when the byte is an upper-case
 * letter, without a branch). */
static uint64_t token_hash(const kb_token *t) {
  const unsigned char *p = (const unsigned char *)t->text.ptr;
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t i, n = t->text.len;
  for (i = 0; i < n; i++) {
    unsigned c = p[i];
    c |= (unsigned)((c - 'A') < 26u) << 5;
    h = (h ^ c) * 0x100000001b3ULL;
  }
  return h;
}

/* Fills the empty bins of a one-permutation signature from the next
 * non-empty bin to the right (circularly), mixed with the distance
 * (Shrivastava and Li's rotation densification), so that a short article
 * -- fewer shingles than bins -- still has a value in every bin and a key
 * in every LSH band, and two copies fill their empty bins alike.  A
 * signature with no shingle at all stays empty. */
static void densify(uint32_t sig[STORE_MINHASH_BINS]) {
  uint32_t out[STORE_MINHASH_BINS];
  size_t i, t;
  for (i = 0; i < STORE_MINHASH_BINS; i++) {
    out[i] = sig[i];
    if (sig[i] != UINT32_MAX)
      continue;
    for (t = 1; t < STORE_MINHASH_BINS; t++) {
      uint32_t v = sig[(i + t) % STORE_MINHASH_BINS];
      if (v != UINT32_MAX) {
        out[i] = (uint32_t)hash_mix64(((uint64_t)v << 8) ^ t) & 0xFFFFFFFEu;
        break;
      }
    }
  }
  memcpy(sig, out, sizeof out);
}

/* Shingles are STORE_SHINGLE consecutive words and numbers (punctuation
 * skipped), across sentence boundaries; each shingle's 64-bit hash picks
 * a bin with its top 6 bits and competes for the bin's minimum with its
 * low 32 (one permutation hashing: one hash per shingle instead of 64). */
size_t store_minhash(const kb_doc *doc, uint32_t sig[STORE_MINHASH_BINS]) {
  uint64_t ring[STORE_SHINGLE];
  size_t n_sent = kb_doc_n_sentences(doc), i, j, seen = 0, n = 0, at = 0;
  for (i = 0; i < STORE_MINHASH_BINS; i++)
    sig[i] = UINT32_MAX;
  for (i = 0; i < n_sent; i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    for (j = s->first_token; j < s->first_token + s->n_tokens; j++) {
      const kb_token *t = kb_doc_token(doc, j);
      uint64_t h = 0;
      size_t k;
      if (t->kind != KB_TOK_WORD && t->kind != KB_TOK_NUMBER)
        continue;
      /* the ring's oldest word is at `at` once it is full */
      ring[at] = token_hash(t);
      at = at + 1 == STORE_SHINGLE ? 0 : at + 1;
      if (++seen < STORE_SHINGLE)
        continue;
      for (k = at; k < STORE_SHINGLE; k++)
        h = hash_mix64(h ^ ring[k]);
      for (k = 0; k < at; k++)
        h = hash_mix64(h ^ ring[k]);
      {
        uint32_t bin = (uint32_t)(h >> 58), v = (uint32_t)h;
        if (v == UINT32_MAX)
          v--;
        if (v < sig[bin])
          sig[bin] = v;
      }
      n++;
    }
  }
  densify(sig);
  return n;
}

double store_similarity(const uint32_t *a, const uint32_t *b) {
  size_t i, both = 0, same = 0;
  for (i = 0; i < STORE_MINHASH_BINS; i++) {
    if (a[i] == UINT32_MAX && b[i] == UINT32_MAX)
      continue;
    both++;
    same += a[i] == b[i];
  }
  return both ? (double)same / (double)both : 0.0;
}

void store_bands(const uint32_t sig[STORE_MINHASH_BINS],
                 int64_t keys[STORE_LSH_BANDS], int has[STORE_LSH_BANDS]) {
  const size_t rows = STORE_MINHASH_BINS / STORE_LSH_BANDS;
  size_t b, r;
  for (b = 0; b < STORE_LSH_BANDS; b++) {
    uint64_t h = hash_mix64(b + 1);
    has[b] = 1;
    for (r = 0; r < rows; r++) {
      uint32_t v = sig[b * rows + r];
      if (v == UINT32_MAX)
        has[b] = 0;
      h = hash_mix64(h ^ v);
    }
    keys[b] = has[b] ? (int64_t)(h >> 1) : 0;
  }
}

/* ---- merging ---------------------------------------------------------- */

/* How much a mention's date says: an explicit day beats an explicit month
 * beats an explicit year beats the reference-date fallback beats none. */
static int date_rank(const store_mention *m) {
  if (m->e->date_precision == KB_DATE_NONE || m->e->date[0] == 0)
    return 0;
  if (m->soft)
    return 1;
  return 3 + (int)m->e->date_precision;
}

static const char *const precision_str[] = {"none", "year", "month", "day"};

/* The day an event counts on in dyad_days: its date's first day. */
static void bucket_day(const char *date, char out[11]) {
  size_t n = strlen(date);
  if (n >= 10)
    snprintf(out, 11, "%.10s", date);
  else if (n >= 7)
    snprintf(out, 11, "%.7s-01", date);
  else
    snprintf(out, 11, "%.4s-01-01", date);
}

static kb_status dyad_add(kb_store *st, const char *date, const char *src,
                          const char *tgt, const char *root, int events,
                          long long mentions, double goldstein, kb_error *err) {
  sqlite3_stmt *q = store_stmt_get(st, ST_DYAD_ADD);
  char day[11], sc[16], tc[16];
  int rc;
  if (q == NULL)
    return store_fail(st, err);
  bucket_day(date, day);
  store_country(src, sc);
  store_country(tgt, tc);
  sqlite3_bind_text(q, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, sc, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, tc, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 4, root, -1, SQLITE_STATIC);
  sqlite3_bind_int(q, 5, events);
  sqlite3_bind_int64(q, 6, mentions);
  sqlite3_bind_double(q, 7, goldstein);
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  return rc == SQLITE_DONE ? KB_OK : store_fail(st, err);
}

/* INSERT OR IGNORE of (event, value) into event_articles or
 * event_sources; *added is 1 when the row is new. */
static kb_status add_evidence(kb_store *st, store_stmt which, long long event,
                              long long cluster, const char *key, int *added,
                              kb_error *err) {
  sqlite3_stmt *q = store_stmt_get(st, which);
  int rc;
  if (q == NULL)
    return store_fail(st, err);
  sqlite3_bind_int64(q, 1, event);
  if (key)
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64(q, 2, cluster);
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  if (rc != SQLITE_DONE)
    return store_fail(st, err);
  *added = sqlite3_changes(st->db) > 0;
  return KB_OK;
}

/* The event row a mention may merge into. */
typedef struct cand {
  long long id;
  char lo[11], hi[11], date[11], precision[8], root[3];
  int rank, background, is_root;
  long long n_mentions, n_articles, n_sources;
  double goldstein;
} cand;

static void copy_col(sqlite3_stmt *q, int i, char *out, size_t size) {
  const unsigned char *t = sqlite3_column_text(q, i);
  snprintf(out, size, "%s", t ? (const char *)t : "");
}

/* The narrowest event of m's key whose interval overlaps m's (the lowest
 * id on a tie).  *found 0 when there is none. */
static kb_status find_event(kb_store *st, const store_mention *m,
                            const char *base, cand *out, int *found,
                            kb_error *err) {
  sqlite3_stmt *q = store_stmt_get(st, ST_EVENT_FIND);
  char scan_lo[11];
  long best_width = -1;
  int rc;
  *found = 0;
  if (q == NULL)
    return store_fail(st, err);
  if (strcmp(m->lo, "0000-01-01") == 0)
    memcpy(scan_lo, m->lo, 11);
  else
    store_iso(iso_days(m->lo) - 366, scan_lo);
  sqlite3_bind_text(q, 1, m->e->source.code, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, m->e->target.code, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, base, -1, SQLITE_STATIC);
  sqlite3_bind_int(q, 4, m->e->negated != 0);
  sqlite3_bind_text(q, 5, m->lo, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 6, m->hi, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 7, scan_lo, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    cand c;
    long width;
    memset(&c, 0, sizeof c);
    c.id = sqlite3_column_int64(q, 0);
    copy_col(q, 1, c.lo, sizeof c.lo);
    copy_col(q, 2, c.hi, sizeof c.hi);
    if (strcmp(c.lo, m->hi) > 0 || strcmp(c.hi, m->lo) < 0)
      continue;
    width = iso_days(c.hi) - iso_days(c.lo);
    if (*found && width >= best_width)
      continue;
    copy_col(q, 3, c.date, sizeof c.date);
    copy_col(q, 4, c.precision, sizeof c.precision);
    c.rank = sqlite3_column_int(q, 5);
    c.background = sqlite3_column_int(q, 6);
    c.is_root = sqlite3_column_int(q, 7);
    c.n_mentions = sqlite3_column_int64(q, 8);
    c.n_articles = sqlite3_column_int64(q, 9);
    c.n_sources = sqlite3_column_int64(q, 10);
    c.goldstein = sqlite3_column_double(q, 11);
    copy_col(q, 12, c.root, sizeof c.root);
    *out = c;
    *found = 1;
    best_width = width;
  }
  sqlite3_reset(q);
  return rc == SQLITE_DONE ? KB_OK : store_fail(st, err);
}

static kb_status new_event(kb_store *st, const store_mention *m,
                           const char *base, long long *event, kb_error *err) {
  const kb_event *e = m->e;
  sqlite3_stmt *q = store_stmt_get(st, ST_EVENT_INSERT);
  char sc[16], tc[16];
  int rc, added;
  kb_status rc2;
  if (q == NULL)
    return store_fail(st, err);
  store_country(e->source.code, sc);
  store_country(e->target.code, tc);
  sqlite3_bind_text(q, 1, e->source.code, -1, SQLITE_STATIC);
  store_bind_text(q, 2, e->source.name.ptr, e->source.name.len);
  sqlite3_bind_text(q, 3, sc, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 4, e->target.code, -1, SQLITE_STATIC);
  store_bind_text(q, 5, e->target.name.ptr, e->target.name.len);
  sqlite3_bind_text(q, 6, tc, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 7, e->code, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 8, base, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 9, e->root, -1, SQLITE_STATIC);
  sqlite3_bind_int(q, 10, e->quad);
  sqlite3_bind_double(q, 11, e->goldstein);
  if (e->date[0])
    sqlite3_bind_text(q, 12, e->date, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 13, precision_str[e->date_precision & 3], -1,
                    SQLITE_STATIC);
  sqlite3_bind_int(q, 14, date_rank(m));
  sqlite3_bind_text(q, 15, m->lo, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 16, m->hi, -1, SQLITE_STATIC);
  sqlite3_bind_int(q, 17, e->negated != 0);
  sqlite3_bind_int(q, 18, e->background != 0);
  sqlite3_bind_int(q, 19, m->is_root);
  sqlite3_bind_int64(q, 20, m->article);
  if (m->ref_date)
    sqlite3_bind_text(q, 21, m->ref_date, -1, SQLITE_STATIC);
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  if (rc != SQLITE_DONE)
    return store_fail(st, err);
  *event = sqlite3_last_insert_rowid(st->db);
  if ((rc2 = add_evidence(st, ST_EVENT_ARTICLE, *event, m->cluster, NULL,
                          &added, err)) != KB_OK ||
      (rc2 = add_evidence(st, ST_EVENT_SOURCE, *event, 0, m->source_key, &added,
                          err)) != KB_OK)
    return rc2;
  if (!e->negated && e->date[0])
    return dyad_add(st, e->date, e->source.code, e->target.code, e->root, 1, 1,
                    e->goldstein, err);
  return KB_OK;
}

kb_status store_merge_mention(kb_store *st, const store_mention *m,
                              long long *event, int *is_new, kb_error *err) {
  const kb_event *e = m->e;
  char base[4];
  cand c;
  int found, added_article = 0, added_source = 0, rank, rc;
  const char *date, *precision;
  char lo[11], hi[11];
  sqlite3_stmt *q;
  kb_status status;
  snprintf(base, sizeof base, "%.3s", e->code);
  *is_new = 0;
  if ((status = find_event(st, m, base, &c, &found, err)) != KB_OK)
    return status;
  if (!found) {
    *is_new = 1;
    return new_event(st, m, base, event, err);
  }
  *event = c.id;
  if ((status = add_evidence(st, ST_EVENT_ARTICLE, c.id, m->cluster, NULL,
                             &added_article, err)) != KB_OK ||
      (status = add_evidence(st, ST_EVENT_SOURCE, c.id, 0, m->source_key,
                             &added_source, err)) != KB_OK)
    return status;
  /* the event's interval is the intersection of its mentions' */
  memcpy(lo, strcmp(m->lo, c.lo) > 0 ? m->lo : c.lo, 11);
  memcpy(hi, strcmp(m->hi, c.hi) < 0 ? m->hi : c.hi, 11);
  rank = date_rank(m);
  date = c.date[0] ? c.date : NULL;
  precision = c.precision;
  if (rank > c.rank) {
    date = e->date[0] ? e->date : NULL;
    precision = precision_str[e->date_precision & 3];
  }
  /* ST_EVENT_COUNT has no ?2, ?5, ?6, ?11: binding them is a no-op */
  if ((q = store_stmt_get(st, strcmp(lo, c.lo) == 0 && strcmp(hi, c.hi) == 0 &&
                                     !added_source &&
                                     (date ? strcmp(date, c.date) == 0
                                           : c.date[0] == 0)
                                 ? ST_EVENT_COUNT
                                 : ST_EVENT_UPDATE)) == NULL)
    return store_fail(st, err);
  sqlite3_bind_int64(q, 1, c.id);
  if (date)
    sqlite3_bind_text(q, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, precision, -1, SQLITE_STATIC);
  sqlite3_bind_int(q, 4, rank > c.rank ? rank : c.rank);
  sqlite3_bind_text(q, 5, lo, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 6, hi, -1, SQLITE_STATIC);
  sqlite3_bind_int(q, 7, c.background && e->background);
  sqlite3_bind_int(q, 8, c.is_root || m->is_root);
  sqlite3_bind_int64(q, 9, c.n_mentions + 1);
  sqlite3_bind_int64(q, 10, c.n_articles + added_article);
  sqlite3_bind_int64(q, 11, c.n_sources + added_source);
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  if (rc != SQLITE_DONE)
    return store_fail(st, err);
  if (e->negated)
    return KB_OK;
  /* keep dyad_days in step: one more mention, and the event moves when
   * its date does */
  if (c.date[0] && date && strcmp(c.date, date) != 0) {
    if ((status = dyad_add(st, c.date, e->source.code, e->target.code, c.root,
                           -1, -c.n_mentions, -c.goldstein, err)) != KB_OK)
      return status;
    return dyad_add(st, date, e->source.code, e->target.code, c.root, 1,
                    c.n_mentions + 1, c.goldstein, err);
  }
  if (!c.date[0] && date)
    return dyad_add(st, date, e->source.code, e->target.code, c.root, 1,
                    c.n_mentions + 1, c.goldstein, err);
  if (date)
    return dyad_add(st, date, e->source.code, e->target.code, c.root, 0, 1, 0.0,
                    err);
  return KB_OK;
}

/* ---- claims and conflicts --------------------------------------------- */

/* A word of the lists below, with its length: every word token of every
 * article is compared with the war nouns, so the length goes first. */
typedef struct claim_word {
  const char *s;
  size_t n;
} claim_word;
#define CW(w) {(w), sizeof(w) - 1}

/* Nouns for a war or an occupation: something with one beginning. */
static const claim_word war_nouns[] = {
    CW("perang"),     CW("peperangan"), CW("invasi"),  CW("agresi"),
    CW("konflik"),    CW("pendudukan"), CW("okupasi"), {NULL, 0}};
/* Directed ones: the country after ke/terhadap is the one invaded. */
static const claim_word directed_nouns[] = {
    CW("invasi"), CW("agresi"), CW("pendudukan"), CW("okupasi"), {NULL, 0}};
/* Words that make the noun phrase its beginning: "sejak invasi ..." (since
 * the invasion), "dimulainya perang" (the start of the war), "awal
 * konflik" (the beginning of the conflict), "pecahnya perang" (the
 * outbreak of war).  Up to three words before the noun. */
static const claim_word onset_before[] = {
    CW("sejak"),   CW("semenjak"),  CW("dimulainya"), CW("mulainya"),
    CW("awal"),    CW("pecahnya"),  CW("meletusnya"), CW("berkecamuknya"),
    CW("dimulai"), CW("permulaan"), {NULL, 0}};
/* ... or a verb after it: "perang di Ukraina dimulai pada 2022" (the war
 * in Ukraine began in 2022).  Up to six words after the noun. */
static const claim_word onset_after[] = {CW("dimulai"), CW("pecah"),
                                         CW("meletus"), CW("berkecamuk"),
                                         CW("mulai"), {NULL, 0}};


static int tok_in(const kb_token *t, const claim_word *words) {
  size_t i;
  for (i = 0; words[i].s; i++)
    if (t->text.len == words[i].n && code_tok_is(t, words[i].s))
      return 1;
  return 0;
}

/* The lengths of a list's words, one bit each (words of 32 bytes or more
 * are not told apart: their bit is 0 and tok_in is asked), so that a
 * token whose length no word has is passed over without comparing. */
static uint32_t len_mask(const claim_word *words) {
  uint32_t m = 0;
  size_t i;
  for (i = 0; words[i].s; i++)
    if (words[i].n < 32)
      m |= 1u << words[i].n;
  return m;
}

static int is_clause_break(const kb_token *t) {
  return t->kind == KB_TOK_PUNCT && t->text.len == 1 &&
         (t->text.ptr[0] == ',' || t->text.ptr[0] == '.' ||
          t->text.ptr[0] == ';' || t->text.ptr[0] == ':');
}

/* The country a war noun at token w is about: the ke-/terhadap-phrase
 * ("invasi Rusia ke Ukraina"), else the di-phrase ("perang di Ukraina"),
 * else for an undirected noun a bare country right after it ("perang
 * Ukraina").  Writes its country code into out; 0 when none. */
static int war_subject(const kb_doc *doc, const np *nps, size_t n_nps, size_t w,
                       size_t end, int directed, char out[16]) {
  size_t i, limit = w + 7 < end ? w + 7 : end, j;
  const np *best = NULL;
  int best_rank = 0;
  for (j = w + 1; j < limit; j++)
    if (is_clause_break(kb_doc_token(doc, j))) {
      limit = j;
      break;
    }
  for (i = 0; i < n_nps; i++) {
    const np *p = &nps[i];
    int rank = 0;
    if (p->kind != NP_ACTOR || p->country == NULL || p->is_media ||
        p->first <= w || p->first >= limit)
      continue;
    if (p->prep == PREP_KE || p->prep == PREP_TERHADAP)
      rank = 3;
    else if (p->prep == PREP_DI)
      rank = 2;
    else if (p->prep == PREP_NONE && !directed && p->first == w + 1)
      rank = 1;
    if (rank > best_rank) {
      best = p;
      best_rank = rank;
    }
  }
  if (best == NULL)
    return 0;
  store_country(best->country->code, out);
  return out[0] != 0;
}

/* The date a war noun at token w is given: the first date expression
 * after it within ten tokens that fixes at least a year, is not in the
 * future and is not a bound ("hingga 2025") or a decade. */
static const tag_date *war_date(const tag_date *d, size_t n, size_t w) {
  size_t i;
  const unsigned skip = TAG_DATE_UNRESOLVED | TAG_DATE_FUTURE | TAG_DATE_UNTIL |
                        TAG_DATE_BEFORE | TAG_DATE_AFTER | TAG_DATE_DECADE;
  for (i = 0; i < n; i++)
    if (d[i].first_token > w && d[i].first_token <= w + 10 &&
        d[i].precision != TAG_NONE && !(d[i].flags & skip))
      return &d[i];
  return NULL;
}

/* record_claim's context: the store and article, and what it counted. */
typedef struct claim_ctx {
  kb_store *st;
  long long article;
  size_t n_claims, n_conflicts;
} claim_ctx;

/* Fills a claim from a war noun and its date. */
static void make_claim(store_claim *c, size_t sent, const kb_sentence *s,
                       const char *subject, const kb_token *noun,
                       const tag_date *d) {
  static const kb_date_precision prec[] = {KB_DATE_NONE, KB_DATE_YEAR,
                                           KB_DATE_MONTH, KB_DATE_DAY};
  size_t k;
  memset(c, 0, sizeof *c);
  c->sentence = sent;
  c->text = s->text;
  snprintf(c->subject, sizeof c->subject, "%s", subject);
  tag_format(d, c->date);
  store_interval(c->date, prec[d->precision & 3], 0, c->lo, c->hi);
  for (k = 0; k < noun->text.len && k + 1 < sizeof c->trigger; k++) {
    char ch = noun->text.ptr[k];
    c->trigger[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
  }
  c->trigger[k] = 0;
  c->precision = precision_str[d->precision & 3];
  c->span_start = noun->span.start;
  c->span_end = d->span.end;
}

/* store_claim_fn of the SQLite store: records the claim and the
 * conflicts it makes with the dates already claimed. */
static kb_status record_claim(void *ctx, const store_claim *c, kb_error *err) {
  claim_ctx *x = ctx;
  kb_store *st = x->st;
  char others[16][11];
  size_t n_others = 0, i;
  sqlite3_stmt *q;
  int rc;
  /* dates already claimed for the same subject that cannot be this one */
  if ((q = store_stmt_get(st, ST_CLAIM_CONFLICTING)) == NULL)
    return store_fail(st, err);
  sqlite3_bind_text(q, 1, "onset", -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, c->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, c->lo, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 4, c->hi, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step(q)) == SQLITE_ROW && n_others < 16)
    copy_col(q, 0, others[n_others++], 11);
  sqlite3_reset(q);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return store_fail(st, err);
  if ((q = store_stmt_get(st, ST_CLAIM_INSERT)) == NULL)
    return store_fail(st, err);
  sqlite3_bind_int64(q, 1, x->article);
  sqlite3_bind_int64(q, 2, (sqlite3_int64)c->sentence);
  store_bind_text(q, 3, c->text.ptr, c->text.len);
  sqlite3_bind_text(q, 4, "onset", -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 5, c->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 6, c->trigger, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 7, c->date, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 8, c->precision, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 9, c->lo, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 10, c->hi, -1, SQLITE_STATIC);
  sqlite3_bind_int64(q, 11, (sqlite3_int64)c->span_start);
  sqlite3_bind_int64(q, 12, (sqlite3_int64)c->span_end);
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  if (rc != SQLITE_DONE)
    return store_fail(st, err);
  for (i = 0; i < n_others; i++) {
    int order = strcmp(others[i], c->date);
    if ((q = store_stmt_get(st, ST_CONFLICT_INSERT)) == NULL)
      return store_fail(st, err);
    sqlite3_bind_text(q, 1, "onset", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, c->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, order < 0 ? others[i] : c->date, -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(q, 4, order < 0 ? c->date : others[i], -1,
                      SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
      return store_fail(st, err);
    x->n_conflicts += sqlite3_changes(st->db) > 0;
  }
  x->n_claims++;
  return KB_OK;
}

#define CLAIM_MAX_NP 48
#define CLAIM_MAX_DATES 16

kb_status store_find_claims(const kb_doc *doc, const kb_dict *dict,
                            store_claim_fn fn, void *ctx, kb_error *err) {
  const kb_meta *meta = kb_doc_meta(doc);
  tag_ymd ref;
  int has_ref = meta->reference_date.ptr &&
                tag_parse_iso(meta->reference_date.ptr,
                              meta->reference_date.len, &ref) == 0;
  size_t i, n_sent = kb_doc_n_sentences(doc);
  const uint32_t war_lens = len_mask(war_nouns);
  for (i = 0; i < n_sent; i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    size_t first = s->first_token, end = first + s->n_tokens, w, n_nps = 0,
           n_dates = 0, k;
    np nps[CLAIM_MAX_NP];
    tag_date dates[CLAIM_MAX_DATES];
    int tagged = 0;
    for (w = first; w < end; w++) {
      const kb_token *t = kb_doc_token(doc, w);
      int onset = 0, directed;
      char subject[16];
      const tag_date *d;
      store_claim c;
      kb_status rc;
      if (t->kind != KB_TOK_WORD ||
          (t->text.len < 32 && !(war_lens >> t->text.len & 1)) ||
          !tok_in(t, war_nouns))
        continue;
      for (k = w > first + 3 ? w - 3 : first; k < w && !onset; k++)
        onset = tok_in(kb_doc_token(doc, k), onset_before);
      for (k = w + 1; k < end && k <= w + 6 && !onset; k++)
        onset = tok_in(kb_doc_token(doc, k), onset_after);
      if (!onset)
        continue;
      if (!tagged) {
        n_nps = tag_actors(doc, dict, s, NULL, nps, CLAIM_MAX_NP);
        n_dates =
            tag_dates(doc, s, has_ref ? &ref : NULL, dates, CLAIM_MAX_DATES);
        if (n_dates > CLAIM_MAX_DATES)
          n_dates = CLAIM_MAX_DATES;
        tagged = 1;
      }
      directed = tok_in(t, directed_nouns);
      if (!war_subject(doc, nps, n_nps, w, end, directed, subject))
        continue;
      if ((d = war_date(dates, n_dates, w)) == NULL)
        continue;
      make_claim(&c, i, s, subject, t, d);
      if ((rc = fn(ctx, &c, err)) != KB_OK)
        return rc;
    }
  }
  return KB_OK;
}

kb_status store_claims(kb_store *st, const kb_doc *doc, const kb_dict *dict,
                       long long article, size_t *n_claims, size_t *n_conflicts,
                       kb_error *err) {
  claim_ctx x = {st, article, 0, 0};
  kb_status rc = store_find_claims(doc, dict, record_claim, &x, err);
  *n_claims = x.n_claims;
  *n_conflicts = x.n_conflicts;
  return rc;
}
