/*
 * segment.h -- the segment stage's private interface between
 * src/segment.c (scanner, sentence ends) and src/segment_words.c (word
 * lists, clitic and reduplication hints); also used by tests and tools.
 */
#ifndef KB_SEGMENT_H
#define KB_SEGMENT_H

#include <stddef.h>

/* Bits of segment_word_bits() and segment_lookup(). */
#define SEGMENT_ABBREV 0x1u     /* in abbreviations.txt */
#define SEGMENT_ABBREV_END 0x2u /* ... marked "end": may close a sentence */
#define SEGMENT_NOT_CLITIC 0x4u /* in clitic_exceptions.txt */
#define SEGMENT_STARTER 0x8u    /* in sentence_starters.txt */

/* Loads the compiled-in word lists once (pthread_once); thread-safe. */
void segment_load_words(void);

/* The bits of s[0..n) in the lists, ignoring ASCII case (0 when absent).
 * segment_load_words must have run.  Only reads: thread-safe. */
unsigned segment_lookup(const unsigned char *s, size_t n);

/* segment_lookup after loading the lists. */
unsigned segment_word_bits(const char *word, size_t len);

/* Number of distinct words loaded from the three lists, and the most the
 * static table takes (for tests: it must not be full). */
size_t segment_word_count(void);
size_t segment_word_capacity(void);

/* The hint flags (KB_TOKF_REDUP, KB_TOKF_CLITIC_NYA, _LAH, _KU) of the
 * ASCII word t[p..end) (docs/SEGMENT.md, "Clitics", "Reduplication").
 * has_hyphen: the word holds a hyphen; is_lower_start: it starts with a
 * lower-case letter (ku-/kau- is only looked for then). */
unsigned segment_word_hints(const unsigned char *t, size_t p, size_t end,
                            int has_hyphen, int is_lower_start);

/* segment_word_hints(t, p, end, 0, is_lower_start) for a word made of
 * ASCII letters and digits only (the common-token loop's words). */
unsigned segment_word_hints_alnum(const unsigned char *t, size_t p,
                                  size_t end, int is_lower_start);

#endif
