/*
 * fuzz_segment.c -- libFuzzer target for the segmenter (src/segment.c,
 * src/segment_words.c) after the real cleaner.
 *
 * The first byte chooses the dictionaries or NULL for the cleaner (which
 * decides the glued-word splits the segmenter honours) and the options;
 * the rest is the article.  Checks (fuzz.h check_segment): sentences in
 * order covering every token once, each token inside its sentence, its
 * text exactly its span's bytes and free of white space; then
 * kb_doc_to_json, with and without tokens, is one line of valid JSON.
 */
#include <jansson.h>

#include "fuzz.h"

static void check_json(const kb_doc *doc, unsigned flags) {
  char *out = NULL;
  size_t len = 0;
  json_error_t jerr;
  json_t *v;
  REQUIRE(kb_doc_to_json(doc, flags, &out, &len) == KB_OK);
  REQUIRE(strlen(out) == len && memchr(out, '\n', len) == NULL);
  v = json_loadb(out, len, 0, &jerr);
  if (v == NULL)
    fprintf(stderr, "invalid JSON: %s: %.200s\n", jerr.text, out);
  REQUIRE(v != NULL && json_is_object(v));
  json_decref(v);
  kb_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kb_options opts = KB_OPTIONS_INIT;
  kb_doc *doc = NULL;
  unsigned c;
  if (size == 0)
    return 0;
  c = data[0];
  opts.flags = c & 3u;
  if (kb_doc_new(NULL, 0, (const char *)data + 1, size - 1, &doc) != KB_OK)
    return 0;
  REQUIRE(kb_doc_clean(doc, (c & 4) ? fuzz_dict() : NULL, &opts, NULL) ==
          KB_OK);
  REQUIRE(kb_doc_segment(doc, NULL) == KB_OK);
  check_doc(doc);
  check_clean(doc);
  check_segment(doc);
  check_json(doc, (c & 8) ? KB_JSON_TOKENS : 0);
  kb_doc_free(doc);
  return 0;
}
