/*
 * buf.h -- a growable byte buffer, and JSON string escaping into it.
 *
 * Used for output (JSON Lines, TSV) and for reading lines of any length.
 * Allocation failures are sticky: after one, every append is a no-op and
 * buf_failed() says so, so callers check once at the end.  Knows nothing
 * about news.
 */
#ifndef KB_UTIL_BUF_H
#define KB_UTIL_BUF_H

#include <stddef.h>

typedef struct buf {
  char *ptr;
  size_t len;
  size_t cap;
  int failed; /* an allocation failed */
} buf;

#define BUF_INIT {NULL, 0, 0, 0}

void buf_free(buf *b);
void buf_reset(buf *b); /* len = 0, memory kept */
int buf_reserve(buf *b, size_t extra); /* 0 or -1 */
void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_put_size(buf *b, size_t v);
/* Appends s[0..n) as a JSON string literal, quotes included.  The input
 * must be valid UTF-8 (kabar's texts are). */
void buf_json_str(buf *b, const char *s, size_t n);
/* NUL-terminates and returns ptr (NULL if failed or empty-and-unallocated
 * allocation failed). */
char *buf_cstr(buf *b);
int buf_failed(const buf *b);

#endif
