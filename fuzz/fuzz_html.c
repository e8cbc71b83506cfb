/*
 * fuzz_html.c -- libFuzzer target for the HTML extractor
 * (src/html_extract.c) and the page -> document path (src/reader_html.c,
 * then the cleaner and segmenter).
 *
 * Checks: html_extract never fails but for memory; blocks lie in order
 * inside the text, separated by blank lines, the text is NUL-terminated
 * valid UTF-8 without NUL bytes, metadata strings likewise; a document
 * made from the page passes check_doc and, after kb_doc_parse,
 * check_clean.
 */
#include "fuzz.h"
#include "html_extract.h"
#include "reader_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  html_article a;
  size_t i;
  const char *meta[6];
  kb_doc *doc = NULL;
  const char *why;
  int skipped;
  kb_status st;
  REQUIRE(html_extract((const char *)data, size, NULL, NULL, &a) == 0);
  REQUIRE(a.n_blocks == 0 || a.text.ptr[a.text.len] == '\0');
  if (a.text.len)
    check_text((kb_text){a.text.ptr, a.text.len});
  for (i = 0; i < a.n_blocks; i++) {
    REQUIRE(a.blocks[i].start < a.blocks[i].end);
    REQUIRE(a.blocks[i].end <= a.text.len);
    if (i)
      REQUIRE(a.blocks[i - 1].end + 2 == a.blocks[i].start);
  }
  meta[0] = a.title;
  meta[1] = a.outlet;
  meta[2] = a.author;
  meta[3] = a.published;
  meta[4] = a.url;
  meta[5] = a.charset;
  for (i = 0; i < 6; i++)
    if (meta[i])
      check_text((kb_text){meta[i], strlen(meta[i])});
  html_article_free(&a);

  st = html_doc_new("page", 4, (const char *)data, size, NULL,
                    "http://contoh.co.id/x", NULL, "page.html", LANG_ANY, &doc,
                    &why, &skipped);
  REQUIRE(st == KB_OK || st == KB_EEMPTY);
  REQUIRE(!skipped);
  if (st == KB_OK) {
    check_doc(doc);
    REQUIRE(kb_doc_parse(doc, NULL, NULL, NULL) == KB_OK);
    check_clean(doc);
    kb_doc_free(doc);
  } else {
    REQUIRE(doc == NULL && why != NULL);
  }
  return 0;
}
