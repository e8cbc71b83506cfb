/*
 * arena.c -- bump allocator (see arena.h).
 */
#include <string.h>

#include "kabar.h"
#include "util/alloc.h"
#include "util/arena.h"

struct arena_chunk {
  arena_chunk *prev;
  size_t size; /* usable bytes in data[] */
  size_t used;
  /* data follows, aligned */
};

#define ALIGN 16u
#define HEADER ((sizeof(arena_chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1))
#define MAX_CHUNK ((size_t)1 << 24)

static unsigned char *chunk_data(arena_chunk *c) {
  return (unsigned char *)c + HEADER;
}

void arena_init(arena *a, size_t first_chunk) {
  a->head = NULL;
  a->next_size = first_chunk < 256 ? 256 : first_chunk;
}

void arena_free(arena *a) {
  arena_chunk *c = a->head;
  while (c) {
    arena_chunk *prev = c->prev;
    kb_free(c);
    c = prev;
  }
  a->head = NULL;
}

static arena_chunk *new_chunk(arena *a, size_t need) {
  size_t size = a->next_size;
  arena_chunk *c;
  if (need > size / 2) {
    size = need; /* a large request gets a chunk of its own */
  } else if (a->next_size < MAX_CHUNK) {
    a->next_size *= 2;
  }
  if (size > (size_t)-1 - HEADER)
    return NULL;
  c = kb_alloc(HEADER + size);
  if (c == NULL)
    return NULL;
  c->size = size;
  c->used = 0;
  return c;
}

void *arena_alloc(arena *a, size_t size) {
  arena_chunk *c = a->head;
  size_t rounded;
  void *p;
  if (size == 0)
    size = 1;
  if (size > (size_t)-1 - ALIGN)
    return NULL;
  rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (c == NULL || c->size - c->used < rounded) {
    arena_chunk *n = new_chunk(a, rounded);
    if (n == NULL)
      return NULL;
    if (c != NULL && rounded > a->next_size / 4 && c->size - c->used > 64) {
      /* keep filling the current chunk: slot the big one behind it */
      n->prev = c->prev;
      c->prev = n;
      n->used = rounded;
      return chunk_data(n);
    }
    n->prev = c;
    a->head = n;
    c = n;
  }
  p = chunk_data(c) + c->used;
  c->used += rounded;
  return p;
}

void *arena_calloc(arena *a, size_t n, size_t size) {
  size_t total;
  void *p;
  if (kb_mul_size(n, size, &total) != 0)
    return NULL;
  p = arena_alloc(a, total);
  if (p)
    memset(p, 0, total);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t len) {
  char *p;
  if (len == (size_t)-1)
    return NULL;
  p = arena_alloc(a, len + 1);
  if (p == NULL)
    return NULL;
  if (len)
    memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

int arena_grow(arena *a, void **ptr, size_t *cap, size_t need, size_t size) {
  size_t new_cap = *cap ? *cap : 8;
  size_t bytes;
  void *p;
  if (need <= *cap)
    return 0;
  while (new_cap < need) {
    if (new_cap > (size_t)-1 / 2)
      return -1;
    new_cap *= 2;
  }
  if (kb_mul_size(new_cap, size, &bytes) != 0)
    return -1;
  p = arena_alloc(a, bytes);
  if (p == NULL)
    return -1;
  if (*ptr && *cap)
    memcpy(p, *ptr, *cap * size);
  *ptr = p;
  *cap = new_cap;
  return 0;
}

arena_mark arena_save(const arena *a) {
  arena_mark m;
  m.chunk = a->head;
  m.used = a->head ? a->head->used : 0;
  return m;
}

void arena_rewind(arena *a, arena_mark m) {
  while (a->head && a->head != m.chunk) {
    arena_chunk *prev = a->head->prev;
    kb_free(a->head);
    a->head = prev;
  }
  if (a->head)
    a->head->used = m.used;
}
