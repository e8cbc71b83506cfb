/*
 * arena.h -- bump allocation for everything one document (or one
 * dictionary) owns; freed all at once.
 *
 * Allocations are 16-byte aligned.  Chunks grow geometrically; a request
 * larger than half a chunk gets a chunk of its own.  Marks let a stage use
 * the arena as scratch space and rewind.  Knows nothing about news.
 */
#ifndef KB_UTIL_ARENA_H
#define KB_UTIL_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
  arena_chunk *head; /* current chunk; older ones linked behind it */
  size_t next_size;  /* size of the next chunk to allocate */
} arena;

typedef struct arena_mark {
  arena_chunk *chunk;
  size_t used;
} arena_mark;

void arena_init(arena *a, size_t first_chunk);
void arena_free(arena *a);
/* Uninitialised memory, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* Zeroed memory for n elements of `size`, overflow-checked. */
void *arena_calloc(arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *arena_strndup(arena *a, const char *s, size_t len);
/* Grows the array at *ptr (n_used elements of `size`) to hold at least
 * `need` elements, doubling; *cap is updated.  Returns 0 or -1 (ENOMEM,
 * *ptr unchanged).  Old storage stays in the arena until it is freed. */
int arena_grow(arena *a, void **ptr, size_t *cap, size_t need, size_t size);
arena_mark arena_save(const arena *a);
/* Frees everything allocated since `m` (chunks made since are kept for
 * reuse only if they are the current one). */
void arena_rewind(arena *a, arena_mark m);

#endif
