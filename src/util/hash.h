/*
 * hash.h -- a set of byte strings (open addressing, power-of-two table),
 * with an optional 32-bit value per string.  Strings are copied into an
 * arena the caller owns.  Lookups do not write, so a filled set may be read
 * from many threads at once.  Knows nothing about news.
 */
#ifndef KB_UTIL_HASH_H
#define KB_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

typedef struct strset_slot {
  const char *str; /* NULL when empty */
  uint32_t len;
  uint32_t hash;
  uint32_t value;
} strset_slot;

typedef struct strset {
  strset_slot *slots;
  size_t cap; /* power of two, or 0 */
  size_t n;
  /* A Bloom filter of cap * 4 bits (two probes per string), so that most
   * lookups of absent strings -- most words, for most tables -- are
   * answered from a few kilobytes that stay in cache instead of the slot
   * table. */
  uint64_t *bloom;
} strset;

uint32_t hash_bytes(const void *p, size_t n);

/* SplitMix64's finalizer: spreads every input bit over all 64 (the store's
 * identities and MinHash signatures).  Inline: MinHash calls it five
 * times a word. */
static inline uint64_t hash_mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

void strset_init(strset *s);
void strset_free(strset *s); /* the slot table; strings are in the arena */
/* Adds s[0..n) with `value` (a present string keeps its first value).
 * Returns 0, or -1 when out of memory. */
int strset_add(strset *s, arena *a, const char *str, size_t n,
               uint32_t value);
/* Adds s[0..n) with `value`, or overwrites the value of a present string.
 * Returns 0, or -1 when out of memory. */
int strset_put(strset *s, arena *a, const char *str, size_t n,
               uint32_t value);
/* FNV-1a, extended: the hash of a string that continues one of hash h
 * (hash_more(hash_more(HASH_INIT, a), b) == hash of a followed by b). */
#define HASH_INIT 2166136261u
uint32_t hash_more(uint32_t h, const void *p, size_t n);
/* strset_find for a string whose hash_bytes is already known. */
const strset_slot *strset_find_hashed(const strset *s, const char *str,
                                      size_t n, uint32_t h);
/* The slot of s[0..n), or NULL. */
const strset_slot *strset_find(const strset *s, const char *str, size_t n);

#endif
