/*
 * json_flat.c -- fast path for flat JSON Lines records (see json_flat.h).
 */
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "util/json_flat.h"
#include "util/utf8.h"

#define WS(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

static size_t skip_ws(const char *s, size_t n, size_t i) {
  while (i < n && WS(s[i]))
    i++;
  return i;
}

static int hex4(const char *s, unsigned *out) {
  unsigned v = 0;
  int i;
  for (i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned)(c - 'A' + 10);
    else
      return -1;
  }
  *out = v;
  return 0;
}

/* Nonzero when a byte of w is '"', '\\', below 0x20 or from 0x80 up
 * (SWAR: the high bit of each such byte is set in the result). */
static uint64_t special_bytes(uint64_t w) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
  uint64_t zq = (q - ones) & ~q, zb = (b - ones) & ~b;
  uint64_t ctl = (w - ones * 0x20) & ~w;
  return (zq | zb | ctl | w) & high;
}

/* Scans the string starting after the opening quote at s[i].  Sets *end to
 * the index after the closing quote and *first_esc to the index of the first
 * backslash (0 when there is none: a backslash is never at index 0, which
 * holds at least the opening quote).  Returns 0, or -1 on a control
 * character, invalid UTF-8 or no closing quote.  The UTF-8 check is the
 * one utf8_valid_prefix makes, done here on the way so that the line
 * needs no pass of its own. */
static int scan_string(const char *s, size_t n, size_t i, size_t *end,
                       size_t *first_esc) {
  *first_esc = 0;
  while (i < n) {
#if defined(__SSE2__) && defined(__GNUC__)
    /* sixteen plain bytes at a time: most of a news text */
    {
      const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                    ctl = _mm_set1_epi8(0x1F);
      while (i + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* the high bit of x itself: a byte from 0x80 up */
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
            _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x), x));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask) {
          i += (size_t)__builtin_ctz(mask);
          break;
        }
        i += 16;
      }
    }
#endif
    /* eight plain bytes at a time (and the tail) */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (special_bytes(w))
        break;
      i += 8;
    }
    if (i >= n)
      break;
    unsigned char c = (unsigned char)s[i];
    if (c == '"') {
      *end = i + 1;
      return 0;
    }
    if (c < 0x20)
      return -1;
    if (c >= 0x80) {
      uint32_t cp;
      size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
      if (k == 0)
        return -1;
      i += k;
      continue;
    }
    if (c == '\\') {
      if (*first_esc == 0)
        *first_esc = i;
      if (i + 1 >= n)
        return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

/* Decodes the escaped string body s[start..end) into b; first is the index of
 * its first backslash.  Returns 0 or -1 (an escape the fast path declines,
 * or no memory).  The decoded text is never longer than the escaped one,
 * so room is made once; the runs between escapes are copied while the
 * next backslash is looked for (SSE2: sixteen bytes at a time). */
static int decode(const char *s, size_t start, size_t first, size_t end,
                  buf *b) {
  size_t i = first;
  char *o;
  if (buf_reserve(b, end - start) != 0)
    return -1;
  o = b->ptr + b->len;
  memcpy(o, s + start, first - start);
  o += first - start;
  while (i < end) {
    unsigned cp, lo;
    if (s[i] != '\\') {
#if defined(__SSE2__) && defined(__GNUC__)
      /* a whole vector is stored before the backslash in it is known:
       * the output stays behind the input, within the room made */
      const __m128i bslash = _mm_set1_epi8('\\');
      while (end - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, bslash));
        _mm_storeu_si128((__m128i *)(void *)o, x);
        if (m) {
          o += __builtin_ctz(m);
          i += (size_t)__builtin_ctz(m);
          break;
        }
        o += 16;
        i += 16;
      }
#endif
      while (i < end && s[i] != '\\')
        *o++ = s[i++];
      continue;
    }
    switch (s[i + 1]) {
    case '"':
    case '\\':
    case '/':
      *o++ = s[i + 1];
      i += 2;
      break;
    case 'b':
      *o++ = '\b';
      i += 2;
      break;
    case 'f':
      *o++ = '\f';
      i += 2;
      break;
    case 'n':
      *o++ = '\n';
      i += 2;
      break;
    case 'r':
      *o++ = '\r';
      i += 2;
      break;
    case 't':
      *o++ = '\t';
      i += 2;
      break;
    case 'u':
      if (i + 6 > end || hex4(s + i + 2, &cp) != 0 || cp == 0)
        return -1;
      i += 6;
      if (cp >= 0xDC00 && cp <= 0xDFFF)
        return -1; /* lone low surrogate */
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (i + 6 > end || s[i] != '\\' || s[i + 1] != 'u' ||
            hex4(s + i + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
          return -1;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 6;
      }
      o += utf8_encode(cp, o);
      break;
    default:
      return -1;
    }
  }
  b->len = (size_t)(o - b->ptr);
  return 0;
}

/* Scans a number at s[i] per RFC 8259.  Sets *end and *is_int. */
static int scan_number(const char *s, size_t n, size_t i, size_t *end,
                       int *is_int) {
  size_t start = i;
  *is_int = 1;
  if (i < n && s[i] == '-')
    i++;
  if (i >= n)
    return -1;
  if (s[i] == '0') {
    i++;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
  } else {
    return -1;
  }
  if (i < n && s[i] == '.') {
    *is_int = 0;
    i++;
    if (i >= n || s[i] < '0' || s[i] > '9')
      return -1;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t digits;
    *is_int = 0;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
      i++;
    if (i >= n || s[i] < '0' || s[i] > '9')
      return -1;
    digits = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i - digits > 2)
      return -1; /* may overflow a double: the full parser judges */
  }
  if (i - start > (*is_int ? 18u : 40u))
    return -1; /* let the full parser judge its range (a real of 40
                  characters and an exponent of 2 digits stays far
                  below DBL_MAX, which jansson refuses to exceed) */
  *end = i;
  return 0;
}

static jf_field *find_field(jf_field *f, size_t nf, const char *key,
                            size_t len) {
  size_t i;
  for (i = 0; i < nf; i++)
    if (strlen(f[i].key) == len && memcmp(f[i].key, key, len) == 0)
      return &f[i];
  return NULL;
}

int json_flat_parse(const char *s, size_t n, jf_field *fields,
                    size_t n_fields, buf *scratch) {
  size_t i, k;
  buf_reset(scratch);
  for (k = 0; k < n_fields; k++) {
    fields[k].type = JF_ABSENT;
    fields[k].off = fields[k].len = 0;
    fields[k].in_scratch = 0;
  }
  i = skip_ws(s, n, 0);
  if (i >= n || s[i] != '{')
    return -1;
  i = skip_ws(s, n, i + 1);
  if (i < n && s[i] == '}')
    return skip_ws(s, n, i + 1) == n ? 0 : -1;
  for (;;) {
    size_t kstart, kend, vend;
    size_t esc;
    int is_int;
    jf_field *f;
    if (i >= n || s[i] != '"')
      return -1;
    kstart = i + 1;
    if (scan_string(s, n, kstart, &kend, &esc) != 0 || esc)
      return -1; /* escaped keys are rare: decline */
    f = find_field(fields, n_fields, s + kstart, kend - 1 - kstart);
    i = skip_ws(s, n, kend);
    if (i >= n || s[i] != ':')
      return -1;
    i = skip_ws(s, n, i + 1);
    if (i >= n)
      return -1;
    if (s[i] == '"') {
      if (scan_string(s, n, i + 1, &vend, &esc) != 0)
        return -1;
      if (f) {
        f->type = JF_STRING;
        if (esc) {
          size_t at = scratch->len;
          if (decode(s, i + 1, esc, vend - 1, scratch) != 0)
            return -1;
          f->off = at;
          f->len = scratch->len - at;
          f->in_scratch = 1;
        } else {
          f->off = i + 1;
          f->len = vend - 1 - (i + 1);
          f->in_scratch = 0;
        }
      } else if (esc) {
        /* still check escapes of ignored values, as a full parser would */
        size_t at = scratch->len;
        if (decode(s, i + 1, esc, vend - 1, scratch) != 0)
          return -1;
        scratch->len = at;
      }
    } else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
      if (scan_number(s, n, i, &vend, &is_int) != 0)
        return -1;
      if (f) {
        f->type = is_int ? JF_INTEGER : JF_NUMBER;
        f->off = i;
        f->len = vend - i;
        f->in_scratch = 0;
      }
    } else if (n - i >= 4 && memcmp(s + i, "null", 4) == 0) {
      vend = i + 4;
      if (f)
        f->type = JF_NULL;
    } else if (n - i >= 4 && memcmp(s + i, "true", 4) == 0) {
      vend = i + 4;
      if (f)
        f->type = JF_BOOL;
    } else if (n - i >= 5 && memcmp(s + i, "false", 5) == 0) {
      vend = i + 5;
      if (f)
        f->type = JF_BOOL;
    } else {
      return -1; /* nested object or array, or an error */
    }
    i = skip_ws(s, n, vend);
    if (i < n && s[i] == ',') {
      i = skip_ws(s, n, i + 1);
      continue;
    }
    if (i < n && s[i] == '}')
      return skip_ws(s, n, i + 1) == n ? 0 : -1;
    return -1;
  }
}

const char *jf_value(const jf_field *f, const char *line,
                     const buf *scratch) {
  if (f->type != JF_STRING && f->type != JF_INTEGER && f->type != JF_NUMBER)
    return NULL;
  if (f->in_scratch)
    return scratch->ptr ? scratch->ptr + f->off : "";
  return line + f->off;
}
