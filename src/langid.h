/*
 * langid.h -- is a text Indonesian?  A stopword-ratio model with word
 * lists in data/langid.txt (src/langid.c, docs/HTML.md).
 */
#ifndef KB_LANGID_H
#define KB_LANGID_H

#include <stddef.h>

typedef enum langid_lang {
  LANGID_UNKNOWN = 0, /* too little text to tell: kept */
  LANGID_INDONESIAN,
  LANGID_MALAY,
  LANGID_OTHER
} langid_lang;

/* Looks at the first 4 KB of s[0..n) (UTF-8).  Thread-safe. */
langid_lang langid_guess(const char *s, size_t n);

/* The counts behind the guess, for tests and tuning: words, words of the
 * shared function-word list, Indonesian-only and Malay-only words. */
void langid_counts(const char *s, size_t n, size_t *words, size_t *both,
                   size_t *id, size_t *ms);

#endif
