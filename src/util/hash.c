/*
 * hash.c -- string set (see hash.h).  FNV-1a is plenty for word lists of
 * tens of thousands of entries; the table stays at most half full.
 */
#include <string.h>

#include "kabar.h"
#include "util/alloc.h"
#include "util/hash.h"

uint32_t hash_bytes(const void *p, size_t n) {
  const unsigned char *s = p;
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= s[i];
    h *= 16777619u;
  }
  return h;
}

void strset_init(strset *s) {
  s->slots = NULL;
  s->cap = 0;
  s->n = 0;
}

void strset_free(strset *s) {
  kb_free(s->slots);
  strset_init(s);
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
  size_t cap = s->cap ? s->cap * 2 : 64, i, bytes;
  strset_slot *slots;
  if (kb_mul_size(cap, sizeof *slots, &bytes) != 0)
    return -1;
  slots = kb_alloc(bytes);
  if (slots == NULL)
    return -1;
  memset(slots, 0, bytes);
  for (i = 0; i < s->cap; i++) {
    strset_slot *old = &s->slots[i];
    if (old->str)
      *probe(slots, cap, old->str, old->len, old->hash) = *old;
  }
  kb_free(s->slots);
  s->slots = slots;
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

const strset_slot *strset_find(const strset *s, const char *str, size_t n) {
  const strset_slot *sl;
  if (s->cap == 0 || n > UINT32_MAX)
    return NULL;
  sl = probe(s->slots, s->cap, str, n, hash_bytes(str, n));
  return sl->str ? sl : NULL;
}
