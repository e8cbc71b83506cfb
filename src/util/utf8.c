/*
 * utf8.c -- UTF-8 validation and repair (see utf8.h).
 *
 * The fast path skips ASCII sixteen bytes at a time (SSE2; else eight):
 * Indonesian news is almost all ASCII, so this is what makes the reader
 * cheap.
 */
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "util/utf8.h"

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    if (n < 2 || (s[1] & 0xC0) != 0x80)
      return 0;
    *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
      return 0;
    *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
          (s[2] & 0x3F);
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    if (n < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
        (s[3] & 0xC0) != 0x80)
      return 0;
    *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
          ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
  }
  return 0;
}

size_t utf8_invalid_len(const unsigned char *s, size_t n) {
  /* The maximal subpart: a lead byte followed by the continuation bytes it
   * would accept, stopping at the first that does not fit. */
  unsigned char c = s[0];
  size_t want, i;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    want = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    want = 3;
    if (c == 0xE0)
      lo = 0xA0;
    if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    want = 4;
    if (c == 0xF0)
      lo = 0x90;
    if (c == 0xF4)
      hi = 0x8F;
  } else
    return 1;
  for (i = 1; i < want && i < n; i++) {
    unsigned char b = s[i];
    if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
      break;
  }
  return i;
}

static size_t ascii_run(const unsigned char *s, size_t n) {
  size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  /* sixteen bytes at a time; the high bits are the byte mask */
  while (i + 16 <= n) {
    unsigned mask = (unsigned)_mm_movemask_epi8(
        _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
    if (mask)
      return i + (size_t)__builtin_ctz(mask);
    i += 16;
  }
#endif
  while (i + 8 <= n) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull)
      break;
    i += 8;
  }
  while (i < n && s[i] < 0x80)
    i++;
  return i;
}

size_t utf8_valid_prefix(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    size_t k;
    i += ascii_run(s + i, n - i);
    if (i >= n)
      break;
    k = utf8_decode(s + i, n - i, &cp);
    if (k == 0)
      return i;
    i += k;
  }
  return n;
}

size_t utf8_encode(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t utf8_repaired_size(const unsigned char *s, size_t n, size_t *n_bad) {
  size_t i = 0, size = 0, bad = 0;
  while (i < n) {
    size_t v = utf8_valid_prefix(s + i, n - i), k;
    size += v;
    i += v;
    if (i >= n)
      break;
    k = utf8_invalid_len(s + i, n - i);
    i += k;
    size += 3; /* U+FFFD */
    bad++;
  }
  *n_bad = bad;
  return size;
}

void utf8_repair(const unsigned char *s, size_t n, char *out) {
  size_t i = 0;
  while (i < n) {
    size_t v = utf8_valid_prefix(s + i, n - i);
    memcpy(out, s + i, v);
    out += v;
    i += v;
    if (i >= n)
      break;
    i += utf8_invalid_len(s + i, n - i);
    memcpy(out, "\xEF\xBF\xBD", 3);
    out += 3;
  }
}
