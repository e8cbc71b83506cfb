/*
 * serve_cache.c -- an LRU cache of whole responses for `kabar serve`, keyed
 * by the request target as sent ("/api/dyads?source=PRK&by=week").  A
 * dashboard asks the same few questions over and over (every reload, every
 * analyst on the same view); answering those from memory is what keeps the
 * p99 low under load (bench/README.md, "serve").  Part of the serve stage.
 *
 * The database is opened read-only, but an ingest in another process may
 * commit to it at any time (WAL): serve.c watches SQLite's data_version
 * and calls serve_cache_invalidate, which bumps a generation; an entry of
 * an older generation is a miss and is dropped.
 *
 * A chained hash table over a doubly linked list in recency order, one
 * mutex (a lookup is a hash and a memcpy, far shorter than a query).
 */
#include <pthread.h>
#include <string.h>

#include "serve.h"
#include "util/alloc.h"
#include "util/hash.h"

#define CACHE_BUCKETS 4096
#define CACHE_MAX_ENTRY (1u << 20) /* larger answers are not cached */

typedef struct entry {
  struct entry *next_hash;
  struct entry *prev, *next; /* recency: head is the newest */
  unsigned long gen;
  int status;
  const char *type;
  size_t key_len, body_len;
  char *key;  /* key_len bytes ... */
  char *body; /* ... then body_len bytes, one allocation */
} entry;

struct serve_cache {
  pthread_mutex_t lock;
  entry *buckets[CACHE_BUCKETS];
  entry *head, *tail;
  size_t bytes, max_bytes;
  unsigned long gen;
};

serve_cache *serve_cache_new(size_t max_bytes) {
  serve_cache *c = kb_alloc(sizeof *c);
  if (c == NULL)
    return NULL;
  memset(c, 0, sizeof *c);
  c->max_bytes = max_bytes;
  pthread_mutex_init(&c->lock, NULL);
  return c;
}

static size_t entry_size(const entry *e) {
  return sizeof *e + e->key_len + e->body_len;
}

static void unlink_lru(serve_cache *c, entry *e) {
  if (e->prev)
    e->prev->next = e->next;
  else
    c->head = e->next;
  if (e->next)
    e->next->prev = e->prev;
  else
    c->tail = e->prev;
  e->prev = e->next = NULL;
}

static void push_front(serve_cache *c, entry *e) {
  e->prev = NULL;
  e->next = c->head;
  if (c->head)
    c->head->prev = e;
  c->head = e;
  if (c->tail == NULL)
    c->tail = e;
}

/* Unlinks e from its bucket and the list and frees it. */
static void drop(serve_cache *c, entry *e) {
  entry **p = &c->buckets[hash_bytes(e->key, e->key_len) % CACHE_BUCKETS];
  while (*p && *p != e)
    p = &(*p)->next_hash;
  if (*p)
    *p = e->next_hash;
  unlink_lru(c, e);
  c->bytes -= entry_size(e);
  kb_free(e);
}

void serve_cache_free(serve_cache *c) {
  if (c == NULL)
    return;
  while (c->head)
    drop(c, c->head);
  pthread_mutex_destroy(&c->lock);
  kb_free(c);
}

static entry *find(serve_cache *c, const char *key, size_t key_len) {
  entry *e = c->buckets[hash_bytes(key, key_len) % CACHE_BUCKETS];
  for (; e; e = e->next_hash)
    if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0)
      return e;
  return NULL;
}

int serve_cache_get(serve_cache *c, const char *key, size_t key_len,
                    serve_response *res) {
  entry *e;
  int hit = 0;
  if (c == NULL)
    return 0;
  pthread_mutex_lock(&c->lock);
  e = find(c, key, key_len);
  if (e && e->gen != c->gen) {
    drop(c, e);
    e = NULL;
  }
  if (e) {
    buf_reset(&res->body);
    buf_append(&res->body, e->body, e->body_len);
    res->status = e->status;
    res->type = e->type;
    res->fixed = NULL;
    unlink_lru(c, e);
    push_front(c, e);
    hit = !buf_failed(&res->body);
  }
  pthread_mutex_unlock(&c->lock);
  return hit;
}

void serve_cache_put(serve_cache *c, const char *key, size_t key_len,
                     const serve_response *res) {
  entry *e;
  if (c == NULL || res->body.len > CACHE_MAX_ENTRY || res->fixed ||
      !res->is_cacheable)
    return;
  e = kb_alloc(sizeof *e + key_len + res->body.len);
  if (e == NULL)
    return;
  memset(e, 0, sizeof *e);
  e->key = (char *)(e + 1);
  e->body = e->key + key_len;
  e->key_len = key_len;
  e->body_len = res->body.len;
  memcpy(e->key, key, key_len);
  if (res->body.len)
    memcpy(e->body, res->body.ptr, res->body.len);
  e->status = res->status;
  e->type = res->type;
  pthread_mutex_lock(&c->lock);
  e->gen = c->gen;
  {
    entry *old = find(c, key, key_len);
    if (old)
      drop(c, old);
  }
  if (entry_size(e) > c->max_bytes) {
    pthread_mutex_unlock(&c->lock);
    kb_free(e);
    return;
  }
  while (c->tail && c->bytes + entry_size(e) > c->max_bytes)
    drop(c, c->tail);
  {
    entry **b = &c->buckets[hash_bytes(key, key_len) % CACHE_BUCKETS];
    e->next_hash = *b;
    *b = e;
  }
  push_front(c, e);
  c->bytes += entry_size(e);
  pthread_mutex_unlock(&c->lock);
}

void serve_cache_invalidate(serve_cache *c) {
  if (c == NULL)
    return;
  pthread_mutex_lock(&c->lock);
  c->gen++;
  pthread_mutex_unlock(&c->lock);
}
