/*
 * fuzz_reader_text.c -- libFuzzer target for the plain-text article reader
 * (src/reader.c, src/doc.c): the input is written to a file named *.txt
 * and read with kb_reader_open/kb_reader_next until KB_DONE, and also
 * handed to kb_doc_new directly.
 *
 * Checks: the reader ends (KB_DONE within a few calls), every status is
 * one the API names, a document's text and fields are valid UTF-8 without
 * NUL bytes; an input holding a NUL is refused (KB_EBINARY) both ways;
 * valid UTF-8 comes back byte for byte.  Bytes that start like gzip or
 * zstd data are decompressed by the reader (src/reader_input.c), and
 * bytes that start like a web page are read as one (src/reader.c,
 * looks_html: README "INPUT is ..."): for them only the first checks
 * hold.
 */
#include <strings.h>

#include "fuzz.h"

/* The reader's rule for a page, restated: after a byte-order mark and
 * blanks, '<', and "<html", "<head", "<body" or "<!doctype html" within
 * the first 1 KB. */
static int looks_like_page(const uint8_t *d, size_t n) {
  size_t i = 0, k, lim;
  for (;;) {
    if (n - i >= 3 && d[i] == 0xEF && d[i + 1] == 0xBB && d[i + 2] == 0xBF)
      i += 3;
    else if (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' ||
                       d[i] == '\r'))
      i++;
    else
      break;
  }
  if (i >= n || d[i] != '<')
    return 0;
  lim = n - i < 1024 ? n - i : 1024;
  for (k = 0; k + 5 <= lim; k++) {
    const char *s = (const char *)d + i + k;
    if (s[0] == '<' && (strncasecmp(s, "<html", 5) == 0 ||
                        strncasecmp(s, "<head", 5) == 0 ||
                        strncasecmp(s, "<body", 5) == 0 ||
                        (k + 14 <= lim && strncasecmp(s, "<!doctype html", 14) == 0)))
      return 1;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = fuzz_file("article.txt", data, size);
  kb_reader *r = NULL;
  kb_doc *doc = NULL;
  kb_error err;
  kb_status st;
  int calls = 0, has_nul = size > 0 && memchr(data, '\0', size) != NULL;
  int packed = (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ||
               (size >= 4 && memcmp(data, "\x28\xb5\x2f\xfd", 4) == 0);
  size_t n_docs = 0;

  REQUIRE(kb_reader_open(path, &r, &err) == KB_OK);
  while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
    REQUIRE(++calls <= 3);
    if (st == KB_OK) {
      REQUIRE(doc != NULL);
      REQUIRE(!has_nul || packed);
      check_doc(doc);
      if (!packed && !looks_like_page(data, size) &&
          utf8_valid_prefix(data, size) == size)
        REQUIRE(kb_doc_text(doc).len == size &&
                memcmp(kb_doc_text(doc).ptr, data, size) == 0);
      n_docs++;
      kb_doc_free(doc);
    } else {
      REQUIRE(doc == NULL);
      REQUIRE(st == KB_EBINARY || st == KB_EEMPTY || st == KB_EIO ||
              st == KB_EFORMAT); /* EFORMAT: UTF-16, or a page */
      REQUIRE(err.input != NULL && err.msg != NULL);
      if (st == KB_EBINARY)
        REQUIRE(has_nul || packed);
    }
  }
  REQUIRE(n_docs <= 1);
  kb_reader_free(r);

  st = kb_doc_new("x", 1, (const char *)data, size, &doc);
  if (has_nul) {
    REQUIRE(st == KB_EBINARY && doc == NULL);
  } else {
    REQUIRE(st == KB_OK);
    check_doc(doc);
    kb_doc_free(doc);
  }
  return 0;
}
