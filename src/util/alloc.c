/*
 * alloc.c -- the allocation hook behind kb_set_allocator.
 *
 * The default goes straight to malloc/realloc/free.  A custom allocator
 * without realloc gets allocate-copy-free.
 */
#include <stdlib.h>
#include <string.h>

#include "kabar.h"
#include "util/alloc.h"

static void *default_alloc(void *ctx, size_t size) {
  (void)ctx;
  return malloc(size);
}

static void *default_realloc(void *ctx, void *ptr, size_t old_size,
                             size_t new_size) {
  (void)ctx;
  (void)old_size;
  return realloc(ptr, new_size);
}

static void default_free(void *ctx, void *ptr) {
  (void)ctx;
  free(ptr);
}

static kb_allocator current = {default_alloc, default_realloc, default_free,
                               NULL};
static int is_custom; /* the user installed an allocator */

void kb_set_allocator(const kb_allocator *a) {
  kb_allocator def = {default_alloc, default_realloc, default_free, NULL};
  current = a ? *a : def;
  is_custom = a != NULL;
}

int alloc_custom(kb_allocator *out) {
  if (is_custom && out)
    *out = current;
  return is_custom;
}

void *kb_alloc(size_t size) {
  if (size == 0)
    return NULL;
  return current.alloc(current.ctx, size);
}

void *kb_realloc(void *ptr, size_t old_size, size_t new_size) {
  void *p;
  if (ptr == NULL)
    return kb_alloc(new_size);
  if (current.realloc)
    return current.realloc(current.ctx, ptr, old_size, new_size);
  p = kb_alloc(new_size);
  if (p == NULL)
    return NULL;
  memcpy(p, ptr, old_size < new_size ? old_size : new_size);
  current.free(current.ctx, ptr);
  return p;
}

void kb_free(void *ptr) {
  if (ptr)
    current.free(current.ctx, ptr);
}

int kb_mul_size(size_t a, size_t b, size_t *out) {
  if (b != 0 && a > (size_t)-1 / b)
    return -1;
  *out = a * b;
  return 0;
}
