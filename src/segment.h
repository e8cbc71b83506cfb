/*
 * segment.h -- the segment stage's private interface: the compiled-in word
 * lists it consults (data/abbreviations.txt, data/clitic_exceptions.txt,
 * data/sentence_starters.txt), exposed for tests and tools.
 */
#ifndef KB_SEGMENT_H
#define KB_SEGMENT_H

#include <stddef.h>

/* Bits of segment_word_bits(). */
#define SEGMENT_ABBREV 0x1u     /* in abbreviations.txt */
#define SEGMENT_ABBREV_END 0x2u /* ... marked "end": may close a sentence */
#define SEGMENT_NOT_CLITIC 0x4u /* in clitic_exceptions.txt */
#define SEGMENT_STARTER 0x8u    /* in sentence_starters.txt */

/* The bits of a word in the lists (0 when absent).  Matching ignores ASCII
 * case.  Loads the lists on first use; thread-safe. */
unsigned segment_word_bits(const char *word, size_t len);

/* Number of distinct words loaded from the three lists (for tests: the
 * static table must not be full). */
size_t segment_word_count(void);

/* Capacity of the static word table (entries, not slots). */
size_t segment_word_capacity(void);

#endif
