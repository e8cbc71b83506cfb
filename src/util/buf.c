/*
 * buf.c -- growable byte buffer and JSON escaping (see buf.h).
 */
#include <string.h>

#include "kabar.h"
#include "util/alloc.h"
#include "util/buf.h"

void buf_free(buf *b) {
  kb_free(b->ptr);
  b->ptr = NULL;
  b->len = b->cap = 0;
  b->failed = 0;
}

void buf_reset(buf *b) {
  b->len = 0;
  b->failed = 0;
}

int buf_reserve(buf *b, size_t extra) {
  size_t need, cap;
  char *p;
  if (b->failed)
    return -1;
  if (extra > (size_t)-1 - b->len - 1)
    goto fail;
  need = b->len + extra + 1; /* room for a NUL */
  if (need <= b->cap)
    return 0;
  cap = b->cap ? b->cap : 256;
  while (cap < need) {
    if (cap > (size_t)-1 / 2) {
      cap = need;
      break;
    }
    cap *= 2;
  }
  p = kb_realloc(b->ptr, b->cap, cap);
  if (p == NULL)
    goto fail;
  b->ptr = p;
  b->cap = cap;
  return 0;
fail:
  b->failed = 1;
  return -1;
}

void buf_append(buf *b, const void *p, size_t n) {
  if (n == 0 || buf_reserve(b, n) != 0)
    return;
  memcpy(b->ptr + b->len, p, n);
  b->len += n;
}

void buf_puts(buf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_putc(buf *b, char c) {
  if (buf_reserve(b, 1) != 0)
    return;
  b->ptr[b->len++] = c;
}

void buf_put_size(buf *b, size_t v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do {
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  buf_append(b, tmp + i, sizeof tmp - i);
}

/* Bytes that need escaping in a JSON string: control characters, the quote
 * and the backslash.  DEL and non-ASCII pass through (the text is UTF-8). */
#define NEEDS_ESCAPE(c) ((c) < 0x20 || (c) == '"' || (c) == '\\')

void buf_json_str(buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, run = 0;
  if (buf_reserve(b, n + 2) != 0)
    return;
  buf_putc(b, '"');
  while (i < n) {
    unsigned char c = p[i];
    if (!NEEDS_ESCAPE(c)) {
      i++;
      continue;
    }
    buf_append(b, s + run, i - run);
    switch (c) {
    case '"':
      buf_append(b, "\\\"", 2);
      break;
    case '\\':
      buf_append(b, "\\\\", 2);
      break;
    case '\n':
      buf_append(b, "\\n", 2);
      break;
    case '\r':
      buf_append(b, "\\r", 2);
      break;
    case '\t':
      buf_append(b, "\\t", 2);
      break;
    default: {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      buf_append(b, u, 6);
    }
    }
    i++;
    run = i;
  }
  buf_append(b, s + run, n - run);
  buf_putc(b, '"');
}

char *buf_cstr(buf *b) {
  if (buf_reserve(b, 0) != 0)
    return NULL;
  b->ptr[b->len] = '\0';
  return b->ptr;
}

int buf_failed(const buf *b) { return b->failed; }
