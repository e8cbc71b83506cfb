/*
 * text_bits.c -- bit maps of a text's ASCII letters, capitals, digits and
 * parentheses (see text_bits.h).
 *
 * With SSE2 (x86-64 always has it) sixteen bytes at a time, one signed
 * comparison per range: adding 0x80 - 'A' moves 'A'..'Z' to the 26
 * lowest signed bytes and no other byte (0x80 and up included) lands
 * there; the same for 'a'..'z' and '0'..'9'; ( and ) differ in their
 * lowest bit only.
 */
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "util/text_bits.h"

/* The maps of the 64 bytes at s: upper, alnum and glue bits. */
static inline void bits64(const unsigned char *s, uint64_t *upper_out,
                          uint64_t *alnum_out, uint64_t *glue_out) {
  uint64_t upper = 0, alnum = 0, glue = 0;
#if defined(__SSE2__) && defined(__GNUC__)
  const __m128i shift_upper = _mm_set1_epi8((char)(0x80 - 'A'));
  const __m128i shift_lower = _mm_set1_epi8((char)(0x80 - 'a'));
  const __m128i shift_digit = _mm_set1_epi8((char)(0x80 - '0'));
  const __m128i letter_end = _mm_set1_epi8((char)(-128 + 26));
  const __m128i digit_end = _mm_set1_epi8((char)(-128 + 10));
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i one = _mm_set1_epi8(1), close = _mm_set1_epi8(')');
  int k;
  for (k = 0; k < 4; k++) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * k));
    /* OR-ing 0x20 folds 'A'..'Z' onto 'a'..'z' */
    __m128i letter = _mm_cmplt_epi8(
        _mm_add_epi8(_mm_or_si128(x, case_bit), shift_lower), letter_end);
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, shift_digit), digit_end);
    __m128i paren = _mm_cmpeq_epi8(_mm_or_si128(x, one), close);
    unsigned shift = 16u * (unsigned)k;
    upper |= (uint64_t)(unsigned)_mm_movemask_epi8(
                 _mm_cmplt_epi8(_mm_add_epi8(x, shift_upper), letter_end))
             << shift;
    alnum |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit))
             << shift;
    glue |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(digit, paren))
            << shift;
  }
#else
  int k;
  for (k = 0; k < 64; k++) {
    uint64_t bit = (uint64_t)1 << k;
    unsigned c = s[k];
    int is_digit = c - '0' < 10;
    upper |= c - 'A' < 26 ? bit : 0;
    alnum |= (c | 0x20) - 'a' < 26 || is_digit ? bit : 0;
    glue |= is_digit || c == '(' || c == ')' ? bit : 0;
  }
#endif
  *upper_out = upper;
  *alnum_out = alnum;
  *glue_out = glue;
}

int text_bits_make(arena *a, const unsigned char *t, size_t n,
                   text_bits *out) {
  size_t n_words = n / 64 + 2, i;
  unsigned char last[64];
  uint64_t *all = arena_alloc(a, 3 * n_words * sizeof *all), *upper, *alnum,
           *glue;
  if (all == NULL)
    return -1;
  out->alnum = alnum = all;
  out->upper = upper = all + n_words;
  out->glue = glue = all + 2 * n_words;
  out->n_words = n_words;
  for (i = 0; i < n / 64; i++)
    bits64(t + 64 * i, upper + i, alnum + i, glue + i);
  /* the text's last bytes, in a zeroed block of 64 */
  memset(last, 0, sizeof last);
  memcpy(last, t + 64 * i, n - 64 * i);
  bits64(last, upper + i, alnum + i, glue + i);
  upper[i + 1] = alnum[i + 1] = glue[i + 1] = 0;
  return 0;
}
