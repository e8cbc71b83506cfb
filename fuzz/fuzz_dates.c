/*
 * fuzz_dates.c -- libFuzzer target for the date resolver (src/tag_date.c):
 * tag_dates, tag_format, tag_parse_iso and tag_weekday on arbitrary text.
 *
 * Input: the first byte picks the reference date (none, ordinary days,
 * leap days, the ends of the 1900..2100 range); the rest is text.  Two
 * runs per input:
 *   1. the real segmenter (one body block) and tag_dates on every
 *      sentence;
 *   2. a raw split into tokens (white space, each punctuation byte on its
 *      own) where every token's text is a heap block of exactly its size
 *      and the tokens just before and after the sentence are poisoned
 *      under AddressSanitizer: any read outside the sentence's tokens or
 *      past a token's text is reported.
 * Each result is checked: positions inside the sentence, in order and not
 * overlapping; values valid dates in 1900..2100 at their precision;
 * unresolved only without a reference date; the same answer twice, and
 * with a small `max` a prefix of the full answer.  A broken invariant
 * aborts.
 *
 * Build and run (docs/DATES.md):
 *   make BUILD=/tmp/fuzzbuild CC=clang SAN=1
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     fuzz/fuzz_dates.c /tmp/fuzzbuild/libkabar.a -ljansson -lz \
 *     -lutf8proc -lpthread -o /tmp/fuzz_dates
 *   /tmp/fuzz_dates -max_total_time=180 CORPUS_DIR
 * `make test` replays fuzz/corpus/fuzz_dates/ through it without
 * libFuzzer (fuzz/standalone.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kabar_int.h"
#include "tag_date.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define HAVE_ASAN 1
#endif
#endif
#if !defined(HAVE_ASAN) && defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define HAVE_ASAN 1
#endif
#ifndef HAVE_ASAN
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#endif

#define MAX_OUT 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const refs[8] = {NULL,         "2024-03-20", "2024-12-31",
                                    "2025-06-10", "2000-02-29", "1900-01-01",
                                    "2100-12-31", "2024-02-29"};

#define REQUIRE(cond)                                                          \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "fuzz_dates: %s:%d: %s\n", __FILE__, __LINE__, #cond);   \
      abort();                                                                 \
    }                                                                          \
  } while (0)

static int valid_ymd(const tag_ymd *v) { return tag_weekday(v) != 0; }

/* Checks one result set of sentence s. */
static void check(const kb_doc *doc, const kb_sentence *s, const tag_ymd *ref,
                  const tag_date *d, size_t n) {
  size_t k, end = s->first_token + s->n_tokens, prev_end = s->first_token;
  for (k = 0; k < n; k++) {
    const tag_date *x = &d[k];
    char out[11], iso[24];
    size_t len;
    REQUIRE(x->n_tokens >= 1);
    REQUIRE(x->first_token >= prev_end); /* in order, no overlap */
    REQUIRE(x->first_token + x->n_tokens <= end);
    prev_end = x->first_token + x->n_tokens;
    REQUIRE(x->span.start <= x->span.end);
    REQUIRE(x->span.end <= doc->len);
    REQUIRE(x->weekday >= 0 && x->weekday <= 7);
    len = tag_format(x, out);
    REQUIRE(len == strlen(out));
    switch (x->precision) {
    case TAG_NONE:
      REQUIRE(len == 0);
      REQUIRE(x->flags & TAG_DATE_UNRESOLVED);
      REQUIRE(ref == NULL);
      REQUIRE(x->value.year == 0);
      break;
    case TAG_YEAR:
      REQUIRE(len == 4);
      REQUIRE(x->value.month == 0 && x->value.day == 0);
      REQUIRE(x->value.year >= 1900 && x->value.year <= 2100);
      break;
    case TAG_MONTH:
      REQUIRE(len == 7);
      REQUIRE(x->value.day == 0);
      REQUIRE(x->value.month >= 1 && x->value.month <= 12);
      REQUIRE(x->value.year >= 1900 && x->value.year <= 2100);
      break;
    case TAG_DAY:
      REQUIRE(len == 10);
      REQUIRE(valid_ymd(&x->value));
      snprintf(iso, sizeof iso, "%sT00:00", out);
      {
        tag_ymd back;
        REQUIRE(tag_parse_iso(iso, strlen(iso), &back) == 0);
        REQUIRE(back.year == x->value.year && back.month == x->value.month &&
                back.day == x->value.day);
      }
      break;
    default:
      REQUIRE(0);
    }
    if (x->flags & TAG_DATE_UNRESOLVED)
      REQUIRE(x->precision == TAG_NONE);
    if ((x->flags & TAG_DATE_RANGE) && x->precision != TAG_NONE)
      REQUIRE(x->range_end.year >= x->value.year);
    if (!(x->flags & TAG_DATE_RANGE))
      REQUIRE(x->range_end.year == 0 && x->range_end.month == 0 &&
              x->range_end.day == 0);
  }
}

/* Runs tag_dates on s three ways and checks they agree. */
static void run_sentence(const kb_doc *doc, const kb_sentence *s,
                         const tag_ymd *ref) {
  tag_date a[MAX_OUT], b[MAX_OUT], c[3];
  size_t na = tag_dates(doc, s, ref, a, MAX_OUT), nb, nc, k;
  size_t shown = na < MAX_OUT ? na : MAX_OUT;
  check(doc, s, ref, a, shown);
  nb = tag_dates(doc, s, ref, b, MAX_OUT);
  REQUIRE(na == nb);
  for (k = 0; k < shown; k++)
    REQUIRE(memcmp(&a[k], &b[k], sizeof a[k]) == 0);
  nc = tag_dates(doc, s, ref, c, 3);
  REQUIRE(nc == na);
  for (k = 0; k < 3 && k < na; k++)
    REQUIRE(memcmp(&a[k], &c[k], sizeof c[k]) == 0);
  REQUIRE(tag_dates(doc, s, ref, NULL, 0) == na);
}

/* Path 1: the real segmenter. */
static void via_segmenter(const char *text, size_t len, const tag_ymd *ref) {
  kb_doc *doc = NULL;
  size_t i;
  if (kb_doc_new(NULL, 0, text, len, &doc) != KB_OK)
    return;
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  if (doc->blocks != NULL) {
    doc->blocks[0].kind = KB_BLOCK_BODY;
    doc->blocks[0].span.end = doc->len;
    doc->n_blocks = 1;
    doc->is_cleaned = 1;
    if (kb_doc_segment(doc, NULL) == KB_OK)
      for (i = 0; i < kb_doc_n_sentences(doc); i++)
        run_sentence(doc, kb_doc_sentence(doc, i), ref);
  }
  kb_doc_free(doc);
}

static int is_space_b(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static int is_alnum_b(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
         c >= 0x80;
}

/* Path 2: raw tokens with exact-size texts; the sentence is all tokens
 * but the poisoned first and last. */
static void via_raw_tokens(const char *text, size_t len, const tag_ymd *ref) {
  kb_doc *doc = NULL;
  kb_token *tok;
  char **texts;
  size_t n = 0, i = 0, k;
  kb_sentence s;
  if (kb_doc_new(NULL, 0, text, len, &doc) != KB_OK)
    return;
  tok = calloc(doc->len + 2, sizeof *tok);
  texts = calloc(doc->len + 2, sizeof *texts);
  if (tok == NULL || texts == NULL)
    goto done;
  n = 1; /* tok[0] is the guard before the sentence */
  while (i < doc->len) {
    size_t start = i;
    unsigned char c = (unsigned char)doc->text[i];
    if (is_space_b(c)) {
      i++;
      continue;
    }
    if (is_alnum_b(c)) {
      while (i < doc->len && is_alnum_b((unsigned char)doc->text[i]))
        i++;
    } else {
      i++;
    }
    texts[n] = malloc(i - start);
    if (texts[n] == NULL)
      goto done;
    memcpy(texts[n], doc->text + start, i - start);
    tok[n].span.start = start;
    tok[n].span.end = i;
    tok[n].text.ptr = texts[n];
    tok[n].text.len = i - start;
    tok[n].kind = (c >= '0' && c <= '9') ? KB_TOK_NUMBER
                  : is_alnum_b(c)        ? KB_TOK_WORD
                                         : KB_TOK_PUNCT;
    n++;
  }
  /* tok[n] is the guard after */
  doc->tokens = tok;
  doc->n_tokens = n + 1;
  memset(&s, 0, sizeof s);
  s.first_token = 1;
  s.n_tokens = n - 1;
  s.span.end = doc->len;
  ASAN_POISON_MEMORY_REGION(&tok[0], sizeof tok[0]);
  ASAN_POISON_MEMORY_REGION(&tok[n], sizeof tok[n]);
  if (s.n_tokens > 0)
    run_sentence(doc, &s, ref);
  ASAN_UNPOISON_MEMORY_REGION(&tok[0], sizeof tok[0]);
  ASAN_UNPOISON_MEMORY_REGION(&tok[n], sizeof tok[n]);
  doc->tokens = NULL;
  doc->n_tokens = 0;
done:
  if (texts != NULL)
    for (k = 0; k < n; k++)
      free(texts[k]);
  free(texts);
  free(tok);
  kb_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tag_ymd ref, parsed;
  const tag_ymd *refp = NULL;
  const char *text;
  size_t len;
  if (size == 0)
    return 0;
  if (refs[data[0] & 7] != NULL) {
    REQUIRE(tag_parse_iso(refs[data[0] & 7], 10, &ref) == 0);
    refp = &ref;
  }
  text = (const char *)data + 1;
  len = size - 1;
  if (tag_parse_iso(text, len, &parsed) == 0)
    REQUIRE(valid_ymd(&parsed));
  if (len > 0 && memchr(text, '\0', len) != NULL)
    return 0; /* kb_doc_new refuses NUL bytes */
  via_segmenter(text, len, refp);
  via_raw_tokens(text, len, refp);
  return 0;
}
