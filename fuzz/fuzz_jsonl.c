/*
 * fuzz_jsonl.c -- libFuzzer target for the JSON Lines reader
 * (src/reader.c) and its fast flat-record parser (src/util/json_flat.c).
 *
 * Two runs per input:
 *   1. differential: each line that is valid UTF-8 goes to json_flat_parse
 *      and to jansson.  When the fast parser accepts a line, jansson must
 *      accept it too and agree on every wanted key: present or absent, its
 *      type, and a string's decoded bytes (the last of duplicate keys
 *      wins in both).
 *   2. the whole input as a file named *.jsonl through kb_reader_next
 *      until KB_DONE: a skipped line names the file and its line number,
 *      documents are valid UTF-8, and the reader never takes more calls
 *      than there are lines (plus the end); gzip or zstd input is
 *      decompressed first, so for it the count and KB_EIO differ.
 */
#include <jansson.h>

#include "fuzz.h"
#include "util/buf.h"
#include "util/json_flat.h"

static const char *const keys[] = {"id", "text", "title", "date",
                                   "outlet", "url", "a", ""};
#define N_KEYS (sizeof keys / sizeof keys[0])

static void differential(const char *line, size_t len) {
  jf_field f[N_KEYS];
  buf scratch = BUF_INIT;
  json_t *obj;
  json_error_t jerr;
  size_t i;
  for (i = 0; i < N_KEYS; i++)
    f[i].key = keys[i];
  if (json_flat_parse(line, len, f, N_KEYS, &scratch) != 0) {
    buf_free(&scratch);
    return; /* declined: jansson decides, nothing to compare */
  }
  obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
  REQUIRE(obj != NULL);
  REQUIRE(json_is_object(obj));
  for (i = 0; i < N_KEYS; i++) {
    json_t *x = json_object_get(obj, keys[i]);
    const char *v = jf_value(&f[i], line, &scratch);
    switch (f[i].type) {
    case JF_ABSENT:
      REQUIRE(x == NULL);
      break;
    case JF_STRING:
      REQUIRE(json_is_string(x));
      REQUIRE(json_string_length(x) == f[i].len);
      REQUIRE(f[i].len == 0 ||
              memcmp(json_string_value(x), v, f[i].len) == 0);
      break;
    case JF_INTEGER:
      REQUIRE(json_is_integer(x) || json_is_real(x));
      break;
    case JF_NUMBER:
      REQUIRE(json_is_number(x));
      break;
    case JF_BOOL:
      REQUIRE(json_is_boolean(x));
      break;
    case JF_NULL:
      REQUIRE(json_is_null(x));
      break;
    default:
      REQUIRE(0);
    }
  }
  json_decref(obj);
  buf_free(&scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data, *path;
  size_t pos = 0, n_lines = 0;
  kb_reader *r = NULL;
  kb_doc *doc = NULL;
  kb_error err;
  kb_status st;
  /* gzip or zstd bytes are decompressed by the reader
   * (src/reader_input.c): their lines are not the input's */
  /* A UTF-16 byte-order mark: the reader refuses the file as a whole. */
  int utf16 = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                            (data[0] == 0xFE && data[1] == 0xFF));
  int packed = (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ||
               (size >= 4 && memcmp(data, "\x28\xb5\x2f\xfd", 4) == 0);

  while (pos < size) {
    const char *nl = memchr(s + pos, '\n', size - pos);
    size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos;
    if (utf8_valid_prefix(data + pos, len) == len)
      differential(s + pos, len);
    pos += len + (nl != NULL);
    n_lines++;
  }

  path = fuzz_file("records.jsonl", data, size);
  REQUIRE(kb_reader_open(path, &r, &err) == KB_OK);
  pos = 0;
  while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
    REQUIRE(++pos <= n_lines + 1 || packed);
    if (st == KB_OK) {
      REQUIRE(doc != NULL);
      check_doc(doc);
      kb_doc_free(doc);
    } else {
      REQUIRE(doc == NULL);
      REQUIRE(st == KB_EFORMAT || st == KB_EEMPTY || st == KB_EBINARY ||
              (packed && st == KB_EIO));
      REQUIRE(err.input != NULL && err.msg != NULL);
      if (st == KB_EFORMAT && utf16) /* the whole file, refused once */
        REQUIRE(err.line == 0 && pos == 1);
      else if (st == KB_EFORMAT && !packed)
        REQUIRE(err.line >= 1 && err.line <= n_lines);
    }
  }
  kb_reader_free(r);
  return 0;
}
