/*
 * hash.c -- string set (see hash.h).  FNV-1a is plenty for word lists of
 * tens of thousands of entries; the table stays at most half full.
 */
#include <string.h>

#include "kabar.h"
#include "util/alloc.h"
#include "util/hash.h"

uint32_t hash_more(uint32_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= s[i];
    h *= 16777619u;
  }
  return h;
}

uint32_t hash_bytes(const void *p, size_t n) {
  return hash_more(HASH_INIT, p, n);
}

void strset_init(strset *s) {
  s->slots = NULL;
  s->cap = 0;
  s->n = 0;
  s->bloom = NULL;
}

void strset_free(strset *s) {
  kb_free(s->slots);
  kb_free(s->bloom);
  strset_init(s);
}

/* The two bit positions of hash h in a filter of cap * 4 bits. */
#define BLOOM_BITS(cap) ((cap) * 4)
static void bloom_set(uint64_t *b, size_t cap, uint32_t h) {
  size_t m = BLOOM_BITS(cap) - 1, a = h & m, c = (h >> 16 ^ h * 0x9E3779B1u) & m;
  b[a >> 6] |= (uint64_t)1 << (a & 63);
  b[c >> 6] |= (uint64_t)1 << (c & 63);
}
static int bloom_has(const uint64_t *b, size_t cap, uint32_t h) {
  size_t m = BLOOM_BITS(cap) - 1, a = h & m, c = (h >> 16 ^ h * 0x9E3779B1u) & m;
  return (b[a >> 6] >> (a & 63) & 1) && (b[c >> 6] >> (c & 63) & 1);
}

static strset_slot *probe(strset_slot *slots, size_t cap, const char *str,
                          size_t n, uint32_t h) {
  size_t i = h & (cap - 1);
  for (;;) {
    strset_slot *sl = &slots[i];
    if (sl->str == NULL ||
        (sl->hash == h && sl->len == n && memcmp(sl->str, str, n) == 0))
      return sl;
    i = (i + 1) & (cap - 1);
  }
}

static int grow(strset *s) {
  size_t cap = s->cap ? s->cap * 2 : 64, i, bytes, bloom_bytes;
  strset_slot *slots;
  uint64_t *bloom;
  if (kb_mul_size(cap, sizeof *slots, &bytes) != 0)
    return -1;
  bloom_bytes = BLOOM_BITS(cap) / 8;
  slots = kb_alloc(bytes);
  bloom = kb_alloc(bloom_bytes);
  if (slots == NULL || bloom == NULL) {
    kb_free(slots);
    kb_free(bloom);
    return -1;
  }
  memset(slots, 0, bytes);
  memset(bloom, 0, bloom_bytes);
  for (i = 0; i < s->cap; i++) {
    strset_slot *old = &s->slots[i];
    if (old->str) {
      *probe(slots, cap, old->str, old->len, old->hash) = *old;
      bloom_set(bloom, cap, old->hash);
    }
  }
  kb_free(s->slots);
  kb_free(s->bloom);
  s->slots = slots;
  s->bloom = bloom;
  s->cap = cap;
  return 0;
}

int strset_add(strset *s, arena *a, const char *str, size_t n,
               uint32_t value) {
  uint32_t h;
  strset_slot *sl;
  if (n > UINT32_MAX)
    return -1;
  if ((s->n + 1) * 2 > s->cap && grow(s) != 0)
    return -1;
  h = hash_bytes(str, n);
  sl = probe(s->slots, s->cap, str, n, h);
  if (sl->str)
    return 0;
  sl->str = arena_strndup(a, str, n);
  if (sl->str == NULL)
    return -1;
  sl->len = (uint32_t)n;
  sl->hash = h;
  sl->value = value;
  bloom_set(s->bloom, s->cap, h);
  s->n++;
  return 0;
}

int strset_put(strset *s, arena *a, const char *str, size_t n,
               uint32_t value) {
  strset_slot *sl;
  if (s->cap) {
    sl = probe(s->slots, s->cap, str, n, hash_bytes(str, n));
    if (sl->str) {
      sl->value = value;
      return 0;
    }
  }
  return strset_add(s, a, str, n, value);
}

const strset_slot *strset_find_hashed(const strset *s, const char *str,
                                      size_t n, uint32_t h) {
  const strset_slot *sl;
  if (s->cap == 0 || n > UINT32_MAX || !bloom_has(s->bloom, s->cap, h))
    return NULL;
  sl = probe(s->slots, s->cap, str, n, h);
  return sl->str ? sl : NULL;
}

const strset_slot *strset_find(const strset *s, const char *str, size_t n) {
  if (s->cap == 0 || n > UINT32_MAX)
    return NULL;
  return strset_find_hashed(s, str, n, hash_bytes(str, n));
}
