/*
 * fuzz_code.c -- libFuzzer target for the whole `kabar code` pipeline on
 * one document: clean, segment, morph, tag and code (kb_doc_code with the
 * compiled-in dictionaries), then every output format.
 *
 * The first byte chooses the reference date (none, or one of three) and
 * whether the input is a plain article or a JSON Lines record (then read
 * through the reader, as `kabar code file.jsonl` does); the rest is the
 * input.  Checks: every stage returns KB_OK; each event's sentence
 * exists, its spans lie inside the text, its codes are printable, its
 * QuadClass 1-4 and Goldstein value in [-10, 10]; the JSON Lines output
 * is one valid JSON object per event, the GDELT output 61 columns per
 * line; coding twice changes nothing.
 */
#include <jansson.h>

#include "fuzz.h"

static const char *const refs[4] = {NULL, "2024-03-20", "2025-01-01",
                                    "1999-12-31"};

static int code_ok(const char *s, size_t max) {
  size_t i;
  for (i = 0; i < max && s[i]; i++)
    if (s[i] < '!' || s[i] > '~')
      return 0;
  return i < max;
}

static void check_events(const kb_doc *doc) {
  size_t i, n = kb_doc_n_events(doc);
  char *out = NULL;
  size_t len = 0, lines = 0, pos = 0;
  for (i = 0; i < n; i++) {
    const kb_event *e = kb_doc_event(doc, i);
    REQUIRE(e->sentence < kb_doc_n_sentences(doc));
    REQUIRE(span_ok(doc, e->verb_span));
    REQUIRE(span_ok(doc, e->source.span) && span_ok(doc, e->target.span));
    REQUIRE(code_ok(e->code, sizeof e->code) && strlen(e->code) >= 2);
    REQUIRE(code_ok(e->source.code, sizeof e->source.code));
    REQUIRE(code_ok(e->target.code, sizeof e->target.code));
    REQUIRE(e->quad >= 1 && e->quad <= 4);
    REQUIRE(e->goldstein >= -10.0 && e->goldstein <= 10.0);
    check_text(e->verb);
    check_text(e->source.text);
    check_text(e->target.text);
    check_text(e->attribution);
    if (i > 0)
      REQUIRE(e->sentence >= kb_doc_event(doc, i - 1)->sentence);
  }
  REQUIRE(kb_doc_events_format(doc, KB_FORMAT_JSONL, &out, &len) == KB_OK);
  while (pos < len) {
    const char *nl = memchr(out + pos, '\n', len - pos);
    json_error_t jerr;
    json_t *v;
    REQUIRE(nl != NULL);
    v = json_loadb(out + pos, (size_t)(nl - (out + pos)), 0, &jerr);
    REQUIRE(v != NULL && json_is_object(v));
    json_decref(v);
    pos = (size_t)(nl - out) + 1;
    lines++;
  }
  REQUIRE(lines == n);
  kb_free(out);
  REQUIRE(kb_doc_events_format(doc, KB_FORMAT_GDELT, &out, &len) == KB_OK);
  for (pos = 0, lines = 0; pos < len;) {
    const char *nl = memchr(out + pos, '\n', len - pos);
    size_t tabs = 0, k;
    REQUIRE(nl != NULL);
    for (k = pos; k < (size_t)(nl - out); k++)
      tabs += out[k] == '\t';
    REQUIRE(tabs == 60);
    pos = (size_t)(nl - out) + 1;
    lines++;
  }
  REQUIRE(lines == n);
  kb_free(out);
  REQUIRE(kb_doc_events_format(doc, KB_FORMAT_CSV, &out, &len) == KB_OK);
  kb_free(out);
}

static void code_one(kb_doc *doc, const kb_options *opts) {
  size_t n;
  REQUIRE(kb_doc_code(doc, fuzz_dict(), opts, NULL) == KB_OK);
  check_doc(doc);
  check_clean(doc);
  check_segment(doc);
  check_events(doc);
  n = kb_doc_n_events(doc);
  REQUIRE(kb_doc_code(doc, fuzz_dict(), opts, NULL) == KB_OK);
  REQUIRE(kb_doc_n_events(doc) == n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kb_options opts = KB_OPTIONS_INIT;
  kb_doc *doc = NULL;
  unsigned c;
  if (size == 0)
    return 0;
  c = data[0];
  opts.reference_date = refs[c & 3];
  if (c & 4) {
    kb_reader *r = NULL;
    kb_error err;
    kb_status st;
    size_t calls = 0, n_lines = 1, k;
    for (k = 1; k < size; k++)
      n_lines += data[k] == '\n';
    REQUIRE(kb_reader_open(fuzz_file("one.jsonl", data + 1, size - 1), &r,
                           &err) == KB_OK);
    while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
      REQUIRE(++calls <= n_lines + 1);
      if (st == KB_OK) {
        code_one(doc, &opts);
        kb_doc_free(doc);
      }
    }
    kb_reader_free(r);
    return 0;
  }
  if (kb_doc_new("fuzz", 4, (const char *)data + 1, size - 1, &doc) != KB_OK)
    return 0;
  code_one(doc, &opts);
  kb_doc_free(doc);
  return 0;
}
