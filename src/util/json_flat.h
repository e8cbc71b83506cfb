/*
 * json_flat.h -- a fast, strict parser for the common shape of a JSON
 * Lines record: one object whose values are strings, numbers, true, false
 * or null.  It picks out the keys the caller names and decodes their
 * string values.  Anything else -- a nested value, an escape it does not
 * take (\u0000, a lone surrogate), a very long integer, any syntax error --
 * makes it decline (return -1) so that the caller hands the line to a full
 * JSON parser (jansson), which decides and reports.  It therefore accepts
 * only lines a full parser accepts, and reads them the same way (the last
 * of duplicate keys wins, as in jansson).
 *
 * Why: jansson reads news records at ~110 MB/s, most of the reader's time;
 * this scans them several times faster.  Knows nothing about news.
 * Reference: RFC 8259.
 */
#ifndef KB_UTIL_JSON_FLAT_H
#define KB_UTIL_JSON_FLAT_H

#include <stddef.h>

#include "util/buf.h"

typedef enum jf_type {
  JF_ABSENT = 0,
  JF_STRING,
  JF_INTEGER, /* a number without fraction or exponent */
  JF_NUMBER,
  JF_BOOL,
  JF_NULL
} jf_type;

typedef struct jf_field {
  const char *key; /* in: the key wanted (NUL-terminated, plain ASCII) */
  jf_type type;    /* out */
  /* out: the value's bytes (decoded for strings, as written for numbers):
   * in the line when in_scratch is 0, else in the scratch buffer */
  size_t off, len;
  int in_scratch;
} jf_field;

/* Parses s[0..n).  Returns 0 with the fields filled, or -1 when it
 * declines; it declines every line that is not valid UTF-8 or holds a NUL
 * byte (both are checked on the way), so that a line it takes needs no
 * check of its own.  `scratch` is reset and receives decoded strings. */
int json_flat_parse(const char *s, size_t n, jf_field *fields,
                    size_t n_fields, buf *scratch);

/* The value of a parsed field. */
const char *jf_value(const jf_field *f, const char *line,
                     const buf *scratch);

#endif
