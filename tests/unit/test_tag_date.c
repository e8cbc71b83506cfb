/*
 * test_tag_date.c -- the date resolver's API (src/tag_date.h): ISO
 * parsing and formatting, weekdays, and what tag_dates promises beyond the
 * linguistics of tests/spec/dates.txt: doc token indexes and byte spans,
 * the count and `max`, bad arguments, token shapes from other tokenizers,
 * never reading outside the sentence, no allocation, many threads.
 */
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"
#include "kabar_int.h"
#include "tag_date.h"

/* ---- helpers ------------------------------------------------------------ */

/* A doc whose text is segmented by the real segmenter as one body block.
 * Caller frees with kb_doc_free. */
static kb_doc *segmented(const char *text) {
  kb_doc *doc = NULL;
  if (kb_doc_new(NULL, 0, text, strlen(text), &doc) != KB_OK)
    return NULL;
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  if (doc->blocks == NULL) {
    kb_doc_free(doc);
    return NULL;
  }
  doc->blocks[0].kind = KB_BLOCK_BODY;
  doc->blocks[0].span.end = doc->len;
  doc->n_blocks = 1;
  doc->is_cleaned = 1;
  if (kb_doc_segment(doc, NULL) != KB_OK) {
    kb_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* A doc whose tokens are exactly `pieces` (NULL-terminated), found in
 * order in `text`; one sentence covers tokens [first, first + n).  Lets a
 * test choose token boundaries no tokenizer makes. */
static kb_doc *tokenized(const char *text, const char *const *pieces,
                         size_t first, size_t n) {
  kb_doc *doc = NULL;
  size_t k, at = 0, count = 0;
  if (kb_doc_new(NULL, 0, text, strlen(text), &doc) != KB_OK)
    return NULL;
  while (pieces[count] != NULL)
    count++;
  doc->tokens = arena_calloc(&doc->arena, count + 1, sizeof *doc->tokens);
  doc->sentences = arena_calloc(&doc->arena, 1, sizeof *doc->sentences);
  if (doc->tokens == NULL || doc->sentences == NULL) {
    kb_doc_free(doc);
    return NULL;
  }
  for (k = 0; k < count; k++) {
    const char *hit = strstr(doc->text + at, pieces[k]);
    kb_token *t = &doc->tokens[k];
    if (hit == NULL) {
      kb_doc_free(doc);
      return NULL;
    }
    t->span.start = (size_t)(hit - doc->text);
    t->span.end = t->span.start + strlen(pieces[k]);
    t->text.ptr = hit;
    t->text.len = strlen(pieces[k]);
    t->kind = (pieces[k][0] >= '0' && pieces[k][0] <= '9') ? KB_TOK_NUMBER
              : ((pieces[k][0] | 0x20) >= 'a' && (pieces[k][0] | 0x20) <= 'z')
                  ? KB_TOK_WORD
                  : KB_TOK_PUNCT;
    at = t->span.end;
  }
  doc->n_tokens = count;
  doc->sentences[0].first_token = first;
  doc->sentences[0].n_tokens = n;
  doc->n_sentences = 1;
  doc->is_cleaned = doc->is_segmented = 1;
  return doc;
}

static const tag_ymd ref_wed = {2024, 3, 20}; /* Wednesday 20 March 2024 */

/* Not for threads: the text lives in a static buffer. */
static const char *iso(const tag_date *d) {
  static char buf[11];
  tag_format(d, buf);
  return buf;
}

static kb_text span_of(const kb_doc *doc, const tag_date *d) {
  kb_text t;
  t.ptr = doc->text + d->span.start;
  t.len = d->span.end - d->span.start;
  return t;
}

/* ---- ISO dates, formatting, weekdays ----------------------------------- */

static void iso_dates_parse_with_or_without_a_time(void) {
  tag_ymd d = {0, 0, 0};
  CHECK_INT(tag_parse_iso("2024-12-31", 10, &d), 0);
  CHECK_INT(d.year, 2024);
  CHECK_INT(d.month, 12);
  CHECK_INT(d.day, 31);
  CHECK_INT(tag_parse_iso("2024-03-20T19:45", 16, &d), 0);
  CHECK_INT(d.day, 20);
  CHECK_INT(tag_parse_iso("2024-03-21 08:00:00", 19, &d), 0);
  CHECK_INT(d.day, 21);
  CHECK_INT(tag_parse_iso("2024-02-29", 10, &d), 0);
  /* parses only the bytes it is given */
  CHECK_INT(tag_parse_iso("2024-03-2", 9, &d), -1);
}

static void iso_dates_reject_what_is_not_a_day(void) {
  tag_ymd d = {1, 2, 3};
  CHECK_INT(tag_parse_iso("2023-02-29", 10, &d), -1); /* not a leap year */
  CHECK_INT(tag_parse_iso("2024-13-01", 10, &d), -1);
  CHECK_INT(tag_parse_iso("2024-04-31", 10, &d), -1);
  CHECK_INT(tag_parse_iso("2024-00-10", 10, &d), -1);
  CHECK_INT(tag_parse_iso("1899-12-31", 10, &d), -1); /* out of range */
  CHECK_INT(tag_parse_iso("2101-01-01", 10, &d), -1);
  CHECK_INT(tag_parse_iso("2024/03/20", 10, &d), -1);
  CHECK_INT(tag_parse_iso("20-03-2024", 10, &d), -1);
  CHECK_INT(tag_parse_iso("2024-03-201", 11, &d), -1); /* a 3-digit day */
  CHECK_INT(tag_parse_iso("", 0, &d), -1);
  CHECK_INT(tag_parse_iso(NULL, 0, &d), -1);
  CHECK_INT(tag_parse_iso("2024-03-20", 10, NULL), -1);
  /* untouched on failure */
  CHECK_INT(d.year, 1);
  CHECK_INT(d.month, 2);
  CHECK_INT(d.day, 3);
}

static void format_follows_the_precision(void) {
  tag_date d;
  char out[11];
  memset(&d, 0, sizeof d);
  d.value.year = 2024;
  d.value.month = 3;
  d.value.day = 8;
  d.precision = TAG_DAY;
  CHECK_INT(tag_format(&d, out), 10);
  CHECK_STR(out, "2024-03-08");
  d.precision = TAG_MONTH;
  CHECK_INT(tag_format(&d, out), 7);
  CHECK_STR(out, "2024-03");
  d.precision = TAG_YEAR;
  CHECK_INT(tag_format(&d, out), 4);
  CHECK_STR(out, "2024");
  d.precision = TAG_NONE;
  CHECK_INT(tag_format(&d, out), 0);
  CHECK_STR(out, "");
  CHECK_INT(tag_format(NULL, out), 0);
  CHECK_STR(out, "");
}

static void weekdays_count_from_monday(void) {
  tag_ymd d = {2024, 3, 20};
  CHECK_INT(tag_weekday(&d), 3); /* Rabu (Wednesday) */
  d.day = 18;
  CHECK_INT(tag_weekday(&d), 1); /* Senin */
  d.day = 17;
  CHECK_INT(tag_weekday(&d), 7); /* Minggu */
  d.year = 1970;
  d.month = 1;
  d.day = 1;
  CHECK_INT(tag_weekday(&d), 4); /* Kamis (Thursday) */
  d.year = 2000;
  d.month = 2;
  d.day = 29;
  CHECK_INT(tag_weekday(&d), 2); /* Selasa: 2000 was a leap year */
  d.year = 2100;
  CHECK_INT(tag_weekday(&d), 0); /* 2100 is not */
  d.year = 0;
  CHECK_INT(tag_weekday(&d), 0);
  CHECK_INT(tag_weekday(NULL), 0);
}

/* ---- tag_dates: positions, counts, arguments --------------------------- */

static void positions_are_doc_token_indexes_and_text_spans(void) {
  kb_doc *doc = segmented("Presiden tiba di Bali. Kim mengirim surat pada "
                          "hari Senin kepada Putin.");
  const kb_sentence *s;
  tag_date d[4];
  size_t n;
  CHECK(doc != NULL && kb_doc_n_sentences(doc) == 2);
  if (doc == NULL || kb_doc_n_sentences(doc) != 2) {
    kb_doc_free(doc);
    return;
  }
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 4), 0);
  s = kb_doc_sentence(doc, 1);
  n = tag_dates(doc, s, &ref_wed, d, 4);
  CHECK_INT(n, 1);
  CHECK_STR(iso(&d[0]), "2024-03-18");
  CHECK_INT(d[0].precision, TAG_DAY);
  CHECK_INT(d[0].weekday, 1);
  CHECK_INT(d[0].flags, TAG_DATE_RELATIVE | TAG_DATE_ON);
  CHECK_TEXT(span_of(doc, &d[0]), "pada hari Senin");
  /* "Kim mengirim surat pada hari Senin": "pada" is the 4th token */
  CHECK_INT(d[0].first_token, s->first_token + 3);
  CHECK_INT(d[0].n_tokens, 3);
  CHECK_INT(kb_doc_token(doc, d[0].first_token)->span.start, d[0].span.start);
  CHECK_INT(kb_doc_token(doc, d[0].first_token + 2)->span.end, d[0].span.end);
  kb_doc_free(doc);
}

static void the_count_may_exceed_max_and_only_max_are_written(void) {
  kb_doc *doc = segmented("Dari 2019 hingga 2021, lalu pada 2023 dan 2024.");
  const kb_sentence *s;
  tag_date d[2], guard[3];
  if (doc == NULL)
    return;
  s = kb_doc_sentence(doc, 0);
  CHECK_INT(tag_dates(doc, s, &ref_wed, NULL, 0), 4);
  memset(guard, 0x5a, sizeof guard);
  CHECK_INT(tag_dates(doc, s, &ref_wed, guard, 1), 4);
  CHECK_STR(iso(&guard[0]), "2019");
  CHECK_INT(guard[1].flags, 0x5a5a5a5au); /* not written */
  CHECK_INT(tag_dates(doc, s, &ref_wed, d, 2), 4);
  CHECK_STR(iso(&d[1]), "2021");
  CHECK(d[1].flags & TAG_DATE_UNTIL);
  kb_doc_free(doc);
}

static void bad_arguments_find_nothing(void) {
  kb_doc *doc = segmented("Rapat digelar pada 20 Maret 2024.");
  kb_sentence s;
  tag_date d[2];
  tag_ymd bad = {2023, 2, 29};
  if (doc == NULL)
    return;
  s = *kb_doc_sentence(doc, 0);
  CHECK_INT(tag_dates(NULL, &s, &ref_wed, d, 2), 0);
  CHECK_INT(tag_dates(doc, NULL, &ref_wed, d, 2), 0);
  s.n_tokens = 0;
  CHECK_INT(tag_dates(doc, &s, &ref_wed, d, 2), 0);
  s.first_token = kb_doc_n_tokens(doc);
  s.n_tokens = 3;
  CHECK_INT(tag_dates(doc, &s, &ref_wed, d, 2), 0);
  /* a sentence running past the doc's tokens is cut at the last one */
  s.first_token = 0;
  s.n_tokens = (size_t)-1;
  CHECK_INT(tag_dates(doc, &s, &ref_wed, d, 2), 1);
  /* an invalid reference date counts as none */
  s = *kb_doc_sentence(doc, 0);
  CHECK_INT(tag_dates(doc, &s, &bad, d, 2), 1);
  CHECK_STR(iso(&d[0]), "2024-03-20");
  kb_doc_free(doc);
  doc = segmented("Presiden tiba Senin.");
  if (doc == NULL)
    return;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &bad, d, 2), 1);
  CHECK_INT(d[0].precision, TAG_NONE);
  CHECK(d[0].flags & TAG_DATE_UNRESOLVED);
  CHECK_INT(d[0].weekday, 1);
  kb_doc_free(doc);
}

static void ranges_carry_their_end(void) {
  kb_doc *doc = segmented("Pameran digelar 15-18 Juni 2025 dan periode "
                          "2019-2024 berakhir.");
  tag_date d[4];
  size_t n;
  if (doc == NULL)
    return;
  n = tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 4);
  CHECK_INT(n, 2);
  CHECK_STR(iso(&d[0]), "2025-06-15");
  CHECK_INT(d[0].range_end.year, 2025);
  CHECK_INT(d[0].range_end.month, 6);
  CHECK_INT(d[0].range_end.day, 18);
  CHECK(d[0].flags & TAG_DATE_RANGE);
  CHECK_STR(iso(&d[1]), "2019");
  CHECK_INT(d[1].range_end.year, 2024);
  CHECK_INT(d[1].range_end.month, 0);
  /* no range: range_end stays zero */
  kb_doc_free(doc);
  doc = segmented("Rapat pada 20 Maret 2024.");
  if (doc == NULL)
    return;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 4), 1);
  CHECK_INT(d[0].range_end.year + d[0].range_end.month + d[0].range_end.day, 0);
  kb_doc_free(doc);
}

/* ---- token shapes ------------------------------------------------------- */

static void split_number_tokens_are_read_as_one_date(void) {
  /* a tokenizer that splits "9/6/2025" into five touching tokens */
  static const char *const pieces[] = {"Senin", "(",    "9", "/", "6",
                                       "/",     "2025", ")", NULL};
  kb_doc *doc = tokenized("Senin (9/6/2025)", pieces, 0, 8);
  tag_date d[2];
  if (doc == NULL)
    return;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_STR(iso(&d[0]), "2025-06-09");
  CHECK_INT(d[0].n_tokens, 8);
  CHECK_TEXT(span_of(doc, &d[0]), "Senin (9/6/2025)");
  kb_doc_free(doc);
}

static void spaced_numbers_are_not_glued(void) {
  static const char *const pieces[] = {"skor", "9",    "/", "6",
                                       "/",    "2025", NULL};
  kb_doc *doc = tokenized("skor 9 / 6 / 2025", pieces, 0, 6);
  tag_date d[2];
  if (doc == NULL)
    return;
  /* only the year is a date here, as a bare mention */
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_STR(iso(&d[0]), "2025");
  CHECK(d[0].flags & TAG_DATE_MENTION);
  kb_doc_free(doc);
}

static void a_sentence_final_stop_is_not_part_of_a_number(void) {
  static const char *const pieces[] = {"pada", "2024", ".", NULL};
  kb_doc *doc = tokenized("pada 2024.", pieces, 0, 3);
  tag_date d[2];
  if (doc == NULL)
    return;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_TEXT(span_of(doc, &d[0]), "pada 2024");
  kb_doc_free(doc);
}

static void abbreviation_tokens_with_their_stop_are_months(void) {
  static const char *const pieces[] = {"20", "Des.", "2024", NULL};
  kb_doc *doc = tokenized("20 Des. 2024", pieces, 0, 3);
  tag_date d[2];
  if (doc == NULL)
    return;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_STR(iso(&d[0]), "2024-12-20");
  kb_doc_free(doc);
}

static void empty_and_absent_token_texts_are_skipped(void) {
  static const char *const pieces[] = {"pada", "hari", "Senin", NULL};
  kb_doc *doc = tokenized("pada hari Senin", pieces, 0, 3);
  tag_date d[2];
  if (doc == NULL)
    return;
  doc->tokens[1].text.ptr = NULL;
  doc->tokens[1].text.len = 0;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_TEXT(span_of(doc, &d[0]), "Senin"); /* "hari" is gone */
  doc->tokens[2].text.len = 0;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 0);
  kb_doc_free(doc);
}

/* The sentence is tokens 2..4 ("hari", "Senin", "lalu") of a doc that
 * also holds "pada" before it and "(9/6)" after: neither may be read. */
static void tokens_outside_the_sentence_are_never_used(void) {
  static const char *const pieces[] = {"kata", "pada", "hari", "Senin", "lalu",
                                       "(",    "9/6",  ")",    NULL};
  kb_doc *doc = tokenized("kata pada hari Senin lalu (9/6)", pieces, 2, 3);
  tag_date d[2];
  const kb_token *before, *after;
  if (doc == NULL)
    return;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_TEXT(span_of(doc, &d[0]), "hari Senin lalu");
  CHECK_INT(d[0].first_token, 2);
  CHECK_INT(d[0].n_tokens, 3);
  CHECK(!(d[0].flags & (TAG_DATE_ON | TAG_DATE_PAREN)));
  CHECK_STR(iso(&d[0]), "2024-03-18");
  /* poison the neighbours' texts: a read would now find other dates */
  before = kb_doc_token(doc, 1);
  after = kb_doc_token(doc, 5);
  CHECK(before != NULL && after != NULL);
  doc->tokens[1].text.ptr = "sejak";
  doc->tokens[1].text.len = 5;
  doc->tokens[5].text.ptr = "depan";
  doc->tokens[5].text.len = 5;
  CHECK_INT(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 2), 1);
  CHECK_TEXT(span_of(doc, &d[0]), "hari Senin lalu");
  CHECK_STR(iso(&d[0]), "2024-03-18");
  kb_doc_free(doc);
}

/* ---- no allocation, many threads ---------------------------------------- */

static size_t n_allocs;

static void *counting_alloc(void *ctx, size_t size) {
  (void)ctx;
  n_allocs++;
  return malloc(size);
}

static void counting_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static void finding_dates_allocates_nothing(void) {
  kb_allocator a = {counting_alloc, NULL, counting_free, NULL};
  kb_doc *doc;
  tag_date d[8];
  size_t before;
  kb_set_allocator(&a);
  doc = segmented("Pada bulan Juni tahun ini, ketika Putin berkunjung pada "
                  "Jumat (27 Desember), hingga akhir 2025 dan kemarin.");
  if (doc != NULL) {
    before = n_allocs;
    CHECK(tag_dates(doc, kb_doc_sentence(doc, 0), &ref_wed, d, 8) >= 4);
    CHECK_INT(n_allocs, before);
    kb_doc_free(doc);
  }
  kb_set_allocator(NULL);
}

typedef struct job {
  const kb_doc *doc;
  int failures;
} job;

static void *hammer(void *arg) {
  job *j = arg;
  int round;
  for (round = 0; round < 2000; round++) {
    tag_date d[8];
    char buf[11];
    size_t n = tag_dates(j->doc, kb_doc_sentence(j->doc, 0), &ref_wed, d, 8);
    tag_format(&d[0], buf);
    if (n != 3 || strcmp(buf, "2024-03-18") != 0)
      j->failures++;
  }
  return NULL;
}

static void threads_share_one_doc(void) {
  kb_doc *doc = segmented("Kim bertemu Putin pada hari Senin, bulan lalu dan "
                          "sejak 7 Oktober lalu.");
  pthread_t th[4];
  job jobs[4];
  int k;
  if (doc == NULL)
    return;
  for (k = 0; k < 4; k++) {
    jobs[k].doc = doc;
    jobs[k].failures = 0;
    CHECK_INT(pthread_create(&th[k], NULL, hammer, &jobs[k]), 0);
  }
  for (k = 0; k < 4; k++) {
    pthread_join(th[k], NULL);
    CHECK_INT(jobs[k].failures, 0);
  }
  kb_doc_free(doc);
}

int main(void) {
  RUN(iso_dates_parse_with_or_without_a_time);
  RUN(iso_dates_reject_what_is_not_a_day);
  RUN(format_follows_the_precision);
  RUN(weekdays_count_from_monday);
  RUN(positions_are_doc_token_indexes_and_text_spans);
  RUN(the_count_may_exceed_max_and_only_max_are_written);
  RUN(bad_arguments_find_nothing);
  RUN(ranges_carry_their_end);
  RUN(split_number_tokens_are_read_as_one_date);
  RUN(spaced_numbers_are_not_glued);
  RUN(a_sentence_final_stop_is_not_part_of_a_number);
  RUN(abbreviation_tokens_with_their_stop_are_months);
  RUN(empty_and_absent_token_texts_are_skipped);
  RUN(tokens_outside_the_sentence_are_never_used);
  RUN(finding_dates_allocates_nothing);
  RUN(threads_share_one_doc);
  return harness_done("tag_date");
}
