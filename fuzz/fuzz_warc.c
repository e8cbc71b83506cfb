/*
 * fuzz_warc.c -- libFuzzer target for the WARC reader
 * (src/reader_warc.c) through kb_reader: the input is written to a file
 * named *.warc (gzip or zstd inputs are decoded by their magic bytes) and
 * read until KB_DONE, every language kept.
 *
 * Checks: the reader ends (at most one call per input byte, plus a few),
 * every status is one the API names, a skipped record names the file and
 * an offset inside the decompressed stream is no larger than a bound,
 * every document passes check_doc.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = fuzz_file("archive.warc", data, size);
  kb_reader *r = NULL;
  kb_doc *doc = NULL;
  kb_error err;
  kb_status st;
  size_t calls = 0;
  REQUIRE(kb_reader_open(path, &r, &err) == KB_OK);
  REQUIRE(kb_reader_set_lang(r, "any") == KB_OK);
  while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
    REQUIRE(++calls <= size + 4);
    if (st == KB_OK) {
      REQUIRE(doc != NULL);
      check_doc(doc);
      kb_doc_free(doc);
    } else {
      REQUIRE(doc == NULL);
      REQUIRE(st == KB_EFORMAT || st == KB_EEMPTY || st == KB_EIO ||
              st == KB_EBINARY);
      REQUIRE(err.input != NULL && err.msg != NULL);
    }
  }
  kb_reader_free(r);
  return 0;
}
