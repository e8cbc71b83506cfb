/*
 * store_mem.c -- SQLite's memory through kb_set_allocator.
 *
 * When the user installed an allocator, the store hands it to SQLite
 * (sqlite3_config(SQLITE_CONFIG_MALLOC)) before the first connection
 * initialises the library, so that every byte of an ingest -- kabar's and
 * SQLite's page cache, statements and FTS5 buffers alike -- goes through
 * the hook.  Without a user allocator SQLite keeps its own (malloc).
 * Part of the store stage; docs/STORE.md "Memory".
 *
 * SQLite needs the size of a block (xSize) and kb_allocator does not give
 * it, so each block carries a 16-byte header with its size (16 keeps the
 * payload aligned for any type).  The allocator is copied when SQLite is
 * configured: blocks SQLite already holds are freed by the allocator that
 * made them even if kb_set_allocator is called again later.
 *
 * Limits: SQLite takes its allocator once per process, before it is
 * initialised.  When the program (or another library) used SQLite before
 * opening its first kb_store, SQLite is already initialised and keeps its
 * own allocator; kabar cannot change that without shutting SQLite down
 * under the other user's feet, and does not try.
 *
 * References: SQLite "Dynamic Memory Allocation In SQLite",
 * sqlite3_config(SQLITE_CONFIG_MALLOC), struct sqlite3_mem_methods.
 */
#include <pthread.h>
#include <string.h>

#include "store.h"
#include "util/alloc.h"

#define MEM_HEADER 16

static kb_allocator sqlite_allocator; /* the hook SQLite was given */

static void *mem_malloc(int n) {
  unsigned char *p;
  if (n <= 0)
    return NULL;
  p = sqlite_allocator.alloc(sqlite_allocator.ctx, (size_t)n + MEM_HEADER);
  if (p == NULL)
    return NULL;
  memcpy(p, &(size_t){(size_t)n}, sizeof(size_t));
  return p + MEM_HEADER;
}

static int mem_size(void *p) {
  size_t n;
  if (p == NULL)
    return 0;
  memcpy(&n, (unsigned char *)p - MEM_HEADER, sizeof n);
  return (int)n;
}

static void mem_free(void *p) {
  if (p)
    sqlite_allocator.free(sqlite_allocator.ctx,
                          (unsigned char *)p - MEM_HEADER);
}

static void *mem_realloc(void *p, int n) {
  unsigned char *q;
  size_t old;
  if (p == NULL)
    return mem_malloc(n);
  if (n <= 0) {
    mem_free(p);
    return NULL;
  }
  old = (size_t)mem_size(p);
  if (sqlite_allocator.realloc) {
    q = sqlite_allocator.realloc(sqlite_allocator.ctx,
                                 (unsigned char *)p - MEM_HEADER,
                                 old + MEM_HEADER, (size_t)n + MEM_HEADER);
    if (q == NULL)
      return NULL;
    memcpy(q, &(size_t){(size_t)n}, sizeof(size_t));
    return q + MEM_HEADER;
  }
  /* an allocator without realloc: allocate, copy, free */
  if ((q = mem_malloc(n)) == NULL)
    return NULL;
  memcpy(q, p, old < (size_t)n ? old : (size_t)n);
  mem_free(p);
  return q;
}

static int mem_roundup(int n) { return (n + 7) & ~7; }

static int mem_init(void *app) {
  (void)app;
  return SQLITE_OK;
}

static void mem_shutdown(void *app) { (void)app; }

static int configured_rc = SQLITE_OK;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void configure_sqlite(void) {
  static const sqlite3_mem_methods methods = {
      mem_malloc, mem_free,    mem_realloc, mem_size,
      mem_roundup, mem_init, mem_shutdown, NULL};
  if (!alloc_custom(&sqlite_allocator))
    return; /* SQLite keeps malloc */
  /* SQLITE_MISUSE: SQLite is already initialised (the program used it
   * before kabar); it keeps its allocator, and so do we */
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK)
    configured_rc = sqlite3_initialize();
}

int store_mem_init(void) {
  pthread_once(&once, configure_sqlite);
  return configured_rc;
}
