/*
 * serve_cache.c -- an LRU cache of whole answers for `kabar serve`, keyed
 * by the request target as sent ("/api/dyads?source=PRK&by=week").  A
 * dashboard asks the same few questions over and over (every reload, every
 * analyst on the same view); answering those from memory is what keeps the
 * p99 low under load (bench/README.md, "serve").  Part of the serve stage.
 *
 * What is cached is opaque here: serve.c stores a ready libmicrohttpd
 * response (body and headers), which every connection asking the same
 * question is then sent without a copy.  So an entry is reference
 * counted: the cache holds one reference while the entry is listed, each
 * serve_cache_get hands out another, and the value is freed (free_value)
 * when the last goes -- an entry evicted while a worker still sends it
 * lives until serve_cache_release.
 *
 * The database is opened read-only, but an ingest in another process may
 * commit to it at any time (WAL): serve.c watches SQLite's data_version
 * and calls serve_cache_invalidate, which bumps a generation; an entry of
 * an older generation is a miss and is dropped.
 *
 * Chained hash tables over doubly linked lists in recency order, in
 * shards by key hash (serve.c asks for 8), each with its own mutex and an equal
 * part of the memory budget, so workers answering different questions do
 * not wait for one another; a lookup holds its shard's lock for a hash, a
 * compare and two pointer swaps.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "serve.h"
#include "util/alloc.h"
#include "util/hash.h"

#define CACHE_MAX_SHARDS 64
#define CACHE_BUCKETS 1024 /* per shard */

struct serve_cached {
  struct serve_cached *next_hash;
  struct serve_cached *prev, *next; /* recency: head is the newest */
  atomic_uint refs;                 /* the cache's (while listed) + getters' */
  unsigned long gen;
  int status;
  void *value;
  size_t key_len, size;
  char key[]; /* key_len bytes */
};

typedef struct shard {
  pthread_mutex_t lock;
  serve_cached *buckets[CACHE_BUCKETS];
  serve_cached *head, *tail;
  size_t bytes, max_bytes;
} shard;

struct serve_cache {
  shard shards[CACHE_MAX_SHARDS];
  unsigned n_shards;
  atomic_ulong gen;
  void (*free_value)(void *);
};

serve_cache *serve_cache_new(size_t max_bytes, unsigned n_shards,
                             void (*free_value)(void *)) {
  serve_cache *c;
  size_t i;
  if (n_shards < 1 || n_shards > CACHE_MAX_SHARDS)
    return NULL;
  if ((c = kb_alloc(sizeof *c)) == NULL)
    return NULL;
  memset(c, 0, sizeof *c);
  c->n_shards = n_shards;
  for (i = 0; i < n_shards; i++) {
    pthread_mutex_init(&c->shards[i].lock, NULL);
    c->shards[i].max_bytes = max_bytes / n_shards;
  }
  atomic_init(&c->gen, 0);
  c->free_value = free_value;
  return c;
}

static uint32_t key_hash(const char *key, size_t len) {
  return hash_bytes(key, len);
}

static shard *shard_of(serve_cache *c, uint32_t h) {
  return &c->shards[h % c->n_shards];
}

/* (the bucket uses other bits of the hash than the shard did) */
static serve_cached **bucket_of(shard *s, uint32_t h) {
  return &s->buckets[(h >> 8) % CACHE_BUCKETS];
}

static size_t entry_size(const serve_cached *e) {
  return sizeof *e + e->key_len + e->size;
}

static void unlink_lru(shard *s, serve_cached *e) {
  if (e->prev)
    e->prev->next = e->next;
  else
    s->head = e->next;
  if (e->next)
    e->next->prev = e->prev;
  else
    s->tail = e->prev;
  e->prev = e->next = NULL;
}

static void push_front(shard *s, serve_cached *e) {
  e->prev = NULL;
  e->next = s->head;
  if (s->head)
    s->head->prev = e;
  s->head = e;
  if (s->tail == NULL)
    s->tail = e;
}

static void unref(serve_cache *c, serve_cached *e) {
  if (atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) == 1) {
    if (c->free_value)
      c->free_value(e->value);
    kb_free(e);
  }
}

/* Unlinks e from its bucket and the list and drops the cache's reference
 * (shard locked). */
static void drop(serve_cache *c, shard *s, serve_cached *e) {
  serve_cached **p = bucket_of(s, key_hash(e->key, e->key_len));
  while (*p && *p != e)
    p = &(*p)->next_hash;
  if (*p)
    *p = e->next_hash;
  unlink_lru(s, e);
  s->bytes -= entry_size(e);
  unref(c, e);
}

void serve_cache_free(serve_cache *c) {
  size_t i;
  if (c == NULL)
    return;
  for (i = 0; i < c->n_shards; i++) {
    while (c->shards[i].head)
      drop(c, &c->shards[i], c->shards[i].head);
    pthread_mutex_destroy(&c->shards[i].lock);
  }
  kb_free(c);
}

static serve_cached *find(shard *s, uint32_t h, const char *key,
                          size_t key_len) {
  serve_cached *e = *bucket_of(s, h);
  for (; e; e = e->next_hash)
    if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0)
      return e;
  return NULL;
}

serve_cached *serve_cache_get(serve_cache *c, const char *key, size_t key_len) {
  uint32_t h;
  shard *s;
  serve_cached *e;
  if (c == NULL)
    return NULL;
  h = key_hash(key, key_len);
  s = shard_of(c, h);
  pthread_mutex_lock(&s->lock);
  e = find(s, h, key, key_len);
  if (e && e->gen != atomic_load_explicit(&c->gen, memory_order_relaxed)) {
    drop(c, s, e);
    e = NULL;
  }
  if (e) {
    atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
    if (s->head != e) {
      unlink_lru(s, e);
      push_front(s, e);
    }
  }
  pthread_mutex_unlock(&s->lock);
  return e;
}

void *serve_cached_value(const serve_cached *e) { return e->value; }

int serve_cached_status(const serve_cached *e) { return e->status; }

void serve_cache_release(serve_cache *c, serve_cached *e) {
  if (e)
    unref(c, e);
}

void serve_cache_put(serve_cache *c, const char *key, size_t key_len,
                     int status, void *value, size_t size) {
  serve_cached *e, *old;
  uint32_t h;
  shard *s;
  if (c == NULL)
    return;
  if (size > SERVE_CACHE_MAX_ENTRY ||
      (e = kb_alloc(sizeof *e + key_len)) == NULL) {
    if (c->free_value)
      c->free_value(value);
    return;
  }
  memset(e, 0, sizeof *e);
  memcpy(e->key, key, key_len);
  e->key_len = key_len;
  e->size = size;
  e->status = status;
  e->value = value;
  atomic_init(&e->refs, 1);
  h = key_hash(key, key_len);
  s = shard_of(c, h);
  pthread_mutex_lock(&s->lock);
  e->gen = atomic_load_explicit(&c->gen, memory_order_relaxed);
  if ((old = find(s, h, key, key_len)) != NULL)
    drop(c, s, old);
  if (entry_size(e) > s->max_bytes) {
    pthread_mutex_unlock(&s->lock);
    unref(c, e);
    return;
  }
  while (s->tail && s->bytes + entry_size(e) > s->max_bytes)
    drop(c, s, s->tail);
  {
    serve_cached **b = bucket_of(s, h);
    e->next_hash = *b;
    *b = e;
  }
  push_front(s, e);
  s->bytes += entry_size(e);
  pthread_mutex_unlock(&s->lock);
}

void serve_cache_invalidate(serve_cache *c) {
  if (c)
    atomic_fetch_add_explicit(&c->gen, 1, memory_order_relaxed);
}
