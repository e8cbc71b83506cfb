/*
 * fuzz_clean.c -- libFuzzer target for the cleaner (src/clean.c,
 * src/clean_date.c).
 *
 * The first byte chooses the options (keep boilerplate, no repair), a
 * forced reference date or none, the dictionaries or NULL, and a JSON
 * Lines "date" field; the rest is the article.  Checks: kb_doc_clean
 * returns KB_OK, the blocks lie in order inside the text, every meta span
 * inside it and every meta string valid UTF-8 (fuzz.h check_clean); a
 * second run changes nothing.
 */
#include "fuzz.h"

static const char *const refs[4] = {NULL, "2024-03-20", "1900-01-01",
                                    "2100-12-31"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kb_options opts = KB_OPTIONS_INIT;
  kb_doc *doc = NULL;
  const kb_dict *dict;
  size_t n_blocks;
  unsigned c;
  if (size == 0)
    return 0;
  c = data[0];
  opts.flags = c & 3u;
  opts.reference_date = refs[(c >> 2) & 3];
  dict = (c & 0x10) ? fuzz_dict() : NULL;
  if (kb_doc_new(NULL, 0, (const char *)data + 1, size - 1, &doc) != KB_OK)
    return 0; /* a NUL byte */
  if (c & 0x20)
    REQUIRE(kb_doc_set_field(doc, KB_FIELD_DATE, "2023-11-05", 10) == KB_OK);
  if (c & 0x40)
    REQUIRE(kb_doc_set_field(doc, KB_FIELD_TITLE, (const char *)data + 1,
                             (size - 1) / 4) == KB_OK);
  REQUIRE(kb_doc_clean(doc, dict, &opts, NULL) == KB_OK);
  check_doc(doc);
  check_clean(doc);
  n_blocks = kb_doc_n_blocks(doc);
  REQUIRE(kb_doc_clean(doc, dict, &opts, NULL) == KB_OK);
  REQUIRE(kb_doc_n_blocks(doc) == n_blocks);
  kb_doc_free(doc);
  return 0;
}
