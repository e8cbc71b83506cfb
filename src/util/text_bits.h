/*
 * text_bits.h -- bit maps of a text's ASCII letters and digits, its
 * capitals, and its digits and parentheses, one bit per byte, made in one
 * pass and shared by the stages that read them (the cleaner's glued-word
 * search, the segmenter's word ends).
 *
 * Bit k of word i of a map tells about byte 64 * i + k.  Each map has
 * n / 64 + 2 words; the bits of bytes from n on are zero, so the last
 * word is zero and eight bytes of bits may be read from any byte offset
 * below n / 8 + 9.
 */
#ifndef KB_UTIL_TEXT_BITS_H
#define KB_UTIL_TEXT_BITS_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

typedef struct text_bits {
  const uint64_t *alnum; /* A-Z a-z 0-9 */
  const uint64_t *upper; /* A-Z */
  const uint64_t *glue;  /* 0-9 ( ); the letters are alnum & ~glue */
  size_t n_words;        /* words in each map */
} text_bits;

/* Fills *out with the maps of t[0..n) (t[n] must be readable), in the
 * arena.  Returns 0, or -1 when out of memory. */
int text_bits_make(arena *a, const unsigned char *t, size_t n,
                   text_bits *out);

#endif
