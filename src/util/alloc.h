/*
 * alloc.h -- the one allocation hook (kb_set_allocator) seen from inside.
 *
 * Every byte kabar allocates goes through kb_alloc/kb_realloc_/kb_free so
 * that tests can make the Nth allocation fail.  Plain malloc appears only
 * in util/alloc.c.  Knows nothing about news.
 */
#ifndef KB_UTIL_ALLOC_H
#define KB_UTIL_ALLOC_H

#include <stddef.h>

/* Returns NULL on failure (or when size is 0). */
void *kb_alloc(size_t size);
/* Grows or shrinks `ptr` (NULL allocates).  Returns NULL on failure and
 * leaves `ptr` valid. */
void *kb_realloc(void *ptr, size_t old_size, size_t new_size);
/* Whether the user installed an allocator with kb_set_allocator; when so,
 * copies it into *out (which may be NULL).  The store hands it to SQLite
 * (store_mem.c). */
struct kb_allocator;
int alloc_custom(struct kb_allocator *out);
/* Overflow-checked a * b; returns 0 and sets *out on success, -1 on
 * overflow. */
int kb_mul_size(size_t a, size_t b, size_t *out);

#endif
