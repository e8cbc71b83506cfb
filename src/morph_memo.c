/*
 * morph_memo.c -- the memo of the morph stage: each word is analysed once
 * per kb_dict, and looked up after that.
 *
 * Input: the lower-cased word (as a morph_key) and its analysis from
 * morph.c.  Output: the analysis, on later lookups.  Lives in the kb_dict,
 * made by morph_dict_init when the dictionaries load.
 *
 * Thread safety: the dict is shared by threads, the memo grows while they
 * read it.  The memo is an open-address table of pointers to immutable
 * entries: readers take no lock (acquire loads), writers take a mutex and
 * publish each entry with a release store.  A table half full is copied
 * into one twice its size, published the same way, and the old one is kept
 * until the dict is freed, so a reader never sees freed memory; a reader
 * still on the old table may miss a word and analyse it again, and its
 * insert then finds the word under the lock.  docs/MORPH.md, "Memo".
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "kabar_int.h"
#include "morph.h"
#include "util/alloc.h"

/* The memo stops growing at this many words (about 100 MB); past it,
 * words are analysed afresh. */
#define MEMO_MAX 1000000u

/* An analysis packed into 24 bytes, so that most entries fit one cache
 * line with their key: a memo lookup is a cache miss or two. */
typedef struct packed_morph {
  const char *root;  /* NULL: the word itself, or part of it */
  uint16_t root_len; /* with root NULL: 0 for the whole word */
  uint8_t root_start;
  uint8_t flags; /* KB_MORPHF_* */
  uint8_t prefixes[3];
  uint8_t n_prefixes;
  uint8_t infix, suffix, possessive, particle, redup, cls;
} packed_morph;

struct memo_entry {
  uint32_t hash;
  uint32_t len;
  packed_morph morph;
  /* facts the later stages cache on the word (morph_memo_fact): 0 until
   * one of them stores it, and then always the same value */
  _Atomic uint32_t facts[MORPH_N_FACTS];
  uint64_t key[]; /* (len + 7) / 8 words */
};
typedef struct memo_entry memo_entry;

/* Packs m, as analyse() made it (number_forms' offset in flags >> 16). */
static void pack(const kb_morph *m, packed_morph *p) {
  unsigned i;
  p->root = m->root.ptr;
  p->root_len = (uint16_t)m->root.len;
  p->root_start = (uint8_t)(m->flags >> 16);
  p->flags = (uint8_t)(m->flags & 0xffu);
  for (i = 0; i < 3; i++)
    p->prefixes[i] = (uint8_t)m->prefixes[i];
  p->n_prefixes = (uint8_t)m->n_prefixes;
  p->infix = (uint8_t)m->infix;
  p->suffix = (uint8_t)m->suffix;
  p->possessive = (uint8_t)m->possessive;
  p->particle = (uint8_t)m->particle;
  p->redup = (uint8_t)m->redup;
  p->cls = (uint8_t)m->cls;
}

static void unpack(const packed_morph *p, kb_morph *m) {
  memset(m, 0, sizeof *m); /* padding too: results compare with memcmp */
  m->root.ptr = p->root;
  m->root.len = p->root_len;
  /* unrolled: this runs on every word token */
  m->prefixes[0] = (kb_prefix)p->prefixes[0];
  m->prefixes[1] = (kb_prefix)p->prefixes[1];
  m->prefixes[2] = (kb_prefix)p->prefixes[2];
  m->n_prefixes = p->n_prefixes;
  m->infix = (kb_infix)p->infix;
  m->suffix = (kb_suffix)p->suffix;
  m->possessive = (kb_possessive)p->possessive;
  m->particle = (kb_particle)p->particle;
  m->redup = (kb_redup)p->redup;
  m->cls = (kb_morph_class)p->cls;
  m->flags = p->flags | ((unsigned)p->root_start << 16);
}

typedef struct memo_table {
  size_t cap; /* power of two */
  _Atomic(memo_entry *) *slots;
  struct memo_table *older; /* retired tables, freed with the memo */
} memo_table;

struct morph_memo {
  _Atomic(memo_table *) table;
  pthread_mutex_t lock; /* held by writers only */
  size_t n;             /* entries, under lock */
  arena arena;          /* entries, under lock */
};

static memo_table *table_new(size_t cap) {
  memo_table *t = kb_alloc(sizeof *t);
  size_t bytes, i;
  if (t == NULL)
    return NULL;
  if (kb_mul_size(cap, sizeof *t->slots, &bytes) != 0 ||
      (t->slots = kb_alloc(bytes)) == NULL) {
    kb_free(t);
    return NULL;
  }
  for (i = 0; i < cap; i++)
    atomic_init(&t->slots[i], NULL);
  t->cap = cap;
  t->older = NULL;
  return t;
}

kb_status morph_dict_init(kb_dict *d) {
  struct morph_memo *memo = kb_alloc(sizeof *memo);
  memo_table *t;
  if (memo == NULL)
    return KB_ENOMEM;
  t = table_new(1u << 12);
  if (t == NULL || pthread_mutex_init(&memo->lock, NULL) != 0) {
    if (t) {
      kb_free(t->slots);
      kb_free(t);
    }
    kb_free(memo);
    return KB_ENOMEM;
  }
  atomic_init(&memo->table, t);
  memo->n = 0;
  arena_init(&memo->arena, 1 << 16);
  d->memo = memo;
  return KB_OK;
}

void morph_dict_free(kb_dict *d) {
  struct morph_memo *memo = d->memo;
  memo_table *t;
  strset_free(&d->compounds); /* compound_roots lives in d->arena */
  if (memo == NULL)
    return;
  t = atomic_load(&memo->table);
  while (t) {
    memo_table *older = t->older;
    kb_free(t->slots);
    kb_free(t);
    t = older;
  }
  pthread_mutex_destroy(&memo->lock);
  arena_free(&memo->arena);
  kb_free(memo);
  d->memo = NULL;
}

/* Looks the key (n bytes in n_words words) up without a lock.  Returns
 * the entry or NULL. */
static const memo_entry *memo_find(struct morph_memo *memo, const uint64_t *key,
                                   size_t n, uint32_t h) {
  memo_table *t = atomic_load_explicit(&memo->table, memory_order_acquire);
  size_t i = h & (t->cap - 1), k, n_words = (n + 7) / 8;
  for (;;) {
    memo_entry *e = atomic_load_explicit(&t->slots[i], memory_order_acquire);
    if (e == NULL)
      return NULL;
    if (e->hash == h && e->len == n) {
      for (k = 0; k < n_words && e->key[k] == key[k]; k++)
        ;
      if (k == n_words)
        return e;
    }
    i = (i + 1) & (t->cap - 1);
  }
}

/* The 8 bytes of x with ASCII capitals lower-cased (SWAR: a byte gets
 * 0x20 when it is below 0x80, at least 'A' and at most 'Z'). */
static uint64_t lower8(uint64_t x) {
  const uint64_t high = 0x8080808080808080ull;
  uint64_t low7 = x & ~high;
  uint64_t ge_a = low7 + 0x3f3f3f3f3f3f3f3full; /* bit 7 set: >= 'A' */
  uint64_t gt_z = low7 + 0x2525252525252525ull; /* bit 7 set: > 'Z' */
  uint64_t upper = (ge_a & ~gt_z) & ~x & high;
  return x | (upper >> 2);
}

/* Fills key with the lower-cased word w[0..n) (n <= MAX_WORD), zero-
 * padded, and returns its hash. */
static uint32_t make_key(const char *w, size_t n, uint64_t *key) {
  size_t k, full = n / 8, rest = n % 8;
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  for (k = 0; k < full; k++) {
    uint64_t x;
    memcpy(&x, w + k * 8, 8); /* a constant size: one load */
    key[k] = lower8(x);
    h = (h ^ key[k]) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  if (rest) {
    /* the last 1-7 bytes, zero-padded, in 4-, 2- and 1-byte loads
     * (byte j at bits 8j on a little-endian machine; either way keys are
     * only compared with keys made here) */
    const char *p = w + full * 8;
    uint64_t x = 0;
    uint32_t x4 = 0;
    uint16_t x2 = 0;
    size_t at = 0;
    if (rest & 4) {
      memcpy(&x4, p, 4);
      x = x4;
      at = 4;
    }
    if (rest & 2) {
      memcpy(&x2, p + at, 2);
      x |= (uint64_t)x2 << (8 * at);
      at += 2;
    }
    if (rest & 1)
      x |= (uint64_t)(unsigned char)p[at] << (8 * at);
    key[full] = lower8(x);
    h = (h ^ key[full]) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  return (uint32_t)h;
}

/* Inserts into t, under the lock, an entry known to be absent. */
static void table_put(memo_table *t, memo_entry *e) {
  size_t i = e->hash & (t->cap - 1);
  while (atomic_load_explicit(&t->slots[i], memory_order_relaxed) != NULL)
    i = (i + 1) & (t->cap - 1);
  atomic_store_explicit(&t->slots[i], e, memory_order_release);
}

/* Adds key -> m and returns its entry (the one there already, when another
 * thread was first).  Out of memory or a full memo only means the word is
 * not remembered: NULL. */
static const memo_entry *memo_add(struct morph_memo *memo,
                                  const uint64_t *key, size_t n, uint32_t h,
                                  const kb_morph *m) {
  memo_table *t;
  memo_entry *e = NULL;
  const memo_entry *found;
  unsigned i;
  pthread_mutex_lock(&memo->lock);
  found = memo_find(memo, key, n, h);
  if (found != NULL || memo->n >= MEMO_MAX) {
    e = (memo_entry *)found;
    goto done;
  }
  t = atomic_load_explicit(&memo->table, memory_order_relaxed);
  if ((memo->n + 1) * 2 > t->cap) {
    /* copy into a table twice the size; readers still on the old one see
     * a consistent (smaller) memo */
    memo_table *bigger = table_new(t->cap * 2);
    size_t k;
    if (bigger == NULL)
      goto done;
    for (k = 0; k < t->cap; k++) {
      memo_entry *old =
          atomic_load_explicit(&t->slots[k], memory_order_relaxed);
      if (old)
        table_put(bigger, old);
    }
    bigger->older = t;
    atomic_store_explicit(&memo->table, bigger, memory_order_release);
    t = bigger;
  }
  e = arena_alloc(&memo->arena, sizeof *e + (n + 7) / 8 * sizeof *e->key);
  if (e == NULL)
    goto done;
  e->hash = h;
  e->len = (uint32_t)n;
  pack(m, &e->morph);
  for (i = 0; i < MORPH_N_FACTS; i++)
    atomic_init(&e->facts[i], 0);
  memcpy(e->key, key, (n + 7) / 8 * sizeof *e->key);
  table_put(t, e);
  memo->n++;
done:
  pthread_mutex_unlock(&memo->lock);
  return e;
}

/* ------------------------------------------------------------------------
 * The interface of morph.h
 * ---------------------------------------------------------------------- */

const memo_entry *morph_memo_get(struct morph_memo *memo, const char *word,
                                 size_t len, morph_key *key, kb_morph *out) {
  const memo_entry *e;
  key->len = len;
  key->hash = make_key(word, len, key->words);
  e = memo_find(memo, key->words, len, key->hash);
  if (e != NULL)
    unpack(&e->morph, out);
  return e;
}

const memo_entry *morph_memo_put(struct morph_memo *memo,
                                 const morph_key *key, const kb_morph *m) {
  return memo_add(memo, key->words, key->len, key->hash, m);
}

kb_text morph_memo_root(const memo_entry *e, const char *word, size_t len,
                        int *known) {
  kb_text r;
  /* as analyse_word unpacks and completes it */
  r.ptr = e->morph.root;
  r.len = e->morph.root_len;
  if (r.ptr == NULL) {
    r.ptr = word + e->morph.root_start;
    if (r.len == 0)
      r.len = len;
  }
  *known = (e->morph.flags & KB_MORPHF_KNOWN) != 0;
  return r;
}

uint32_t morph_memo_fact(const memo_entry *e, unsigned which) {
  /* relaxed: a fact is computed from the immutable key and dict, so a
   * reader that sees 0 computes the same value again */
  return atomic_load_explicit(&((memo_entry *)e)->facts[which],
                              memory_order_relaxed);
}

void morph_memo_set_fact(const memo_entry *e, unsigned which, uint32_t v) {
  atomic_store_explicit(&((memo_entry *)e)->facts[which], v,
                        memory_order_relaxed);
}
