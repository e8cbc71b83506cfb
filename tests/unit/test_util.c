/*
 * test_util.c -- util/: UTF-8 repair, JSON escaping, the arena, the string
 * set, and the allocation hook.
 */
#include <stdlib.h>

#include "harness.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/utf8.h"

static kb_text repaired(const char *s, size_t n, size_t *bad, char *out) {
  kb_text t;
  size_t size = utf8_repaired_size((const unsigned char *)s, n, bad);
  utf8_repair((const unsigned char *)s, n, out);
  t.ptr = out;
  t.len = size;
  return t;
}

static void utf8_maximal_subparts_become_one_replacement_each(void) {
  char out[64];
  size_t bad;
  /* "Rp" + a truncated 3-byte sequence (one U+FFFD), overlong "/" (two),
   * a surrogate (three: ED A0 80 -> ED, A0, 80), valid "é". */
  CHECK_TEXT(repaired("Rp\xe2\x82", 4, &bad, out), "Rp\xef\xbf\xbd");
  CHECK_INT(bad, 1);
  CHECK_TEXT(repaired("\xc0\xaf", 2, &bad, out),
             "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK_INT(bad, 2);
  CHECK_TEXT(repaired("\xed\xa0\x80", 3, &bad, out),
             "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  CHECK_INT(bad, 3);
  CHECK_TEXT(repaired("caf\xc3\xa9", 5, &bad, out), "caf\xc3\xa9");
  CHECK_INT(bad, 0);
  CHECK_INT(utf8_valid_prefix((const unsigned char *)"abc\xf4\x90\x80\x80", 7),
            3);
}

static void json_strings_are_escaped(void) {
  buf b = BUF_INIT;
  kb_text t;
  buf_json_str(&b, "\"Kami\" \\ tolak\n\t\x01 \xe2\x80\x9c", 21);
  t.ptr = buf_cstr(&b);
  t.len = b.len;
  CHECK_TEXT(t, "\"\\\"Kami\\\" \\\\ tolak\\n\\t\\u0001 \xe2\x80\x9c\"");
  buf_free(&b);
}

static void arena_aligns_and_grows(void) {
  arena a;
  size_t i;
  int *arr = NULL;
  size_t cap = 0;
  arena_init(&a, 256);
  for (i = 0; i < 1000; i++) {
    char *p = arena_alloc(&a, i % 37 + 1);
    CHECK(p != NULL && ((size_t)p & 15) == 0);
  }
  CHECK(arena_alloc(&a, (size_t)1 << 20) != NULL); /* a chunk of its own */
  for (i = 0; i < 5000; i++) {
    CHECK_INT(arena_grow(&a, (void **)&arr, &cap, i + 1, sizeof *arr), 0);
    arr[i] = (int)i;
  }
  CHECK_INT(arr[4999], 4999);
  CHECK_INT(arr[0], 0);
  CHECK(arena_calloc(&a, (size_t)-1, 16) == NULL); /* overflow refused */
  arena_free(&a);
}

static void strset_finds_what_was_added(void) {
  arena a;
  strset s;
  static const char *const words[] = {"kirim", "puji", "tuduh", "serang",
                                      "tanda tangan"};
  size_t i;
  arena_init(&a, 256);
  strset_init(&s);
  for (i = 0; i < 5; i++)
    CHECK_INT(strset_add(&s, &a, words[i], strlen(words[i]), (uint32_t)i), 0);
  for (i = 0; i < 2000; i++) {
    char w[16];
    snprintf(w, sizeof w, "kata%zu", i);
    CHECK_INT(strset_add(&s, &a, w, strlen(w), 0), 0);
  }
  CHECK(strset_find(&s, "tuduh", 5) != NULL);
  CHECK_INT(strset_find(&s, "serang", 6)->value, 3);
  CHECK(strset_find(&s, "tanda tangan", 12) != NULL);
  CHECK(strset_find(&s, "tanda", 5) == NULL);
  CHECK(strset_find(&s, "kata1999", 8) != NULL);
  CHECK_INT(s.n, 2005);
  strset_free(&s);
  arena_free(&a);
}

/* An allocator that fails after `budget` allocations. */
static long budget;
static void *failing_alloc(void *ctx, size_t n) {
  (void)ctx;
  return budget-- > 0 ? malloc(n) : NULL;
}
static void plain_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static void allocation_failure_is_reported_not_fatal(void) {
  kb_allocator failing = {failing_alloc, NULL, plain_free, NULL};
  long n;
  int completed = 0;
  for (n = 0; n < 50 && !completed; n++) {
    kb_doc *doc = NULL;
    kb_status st;
    budget = n;
    kb_set_allocator(&failing);
    st = kb_doc_new("id", 2, "Presiden Rusia bertemu.", 23, &doc);
    if (st == KB_OK) {
      st = kb_doc_parse(doc, NULL, NULL, NULL);
      completed = st == KB_OK;
    }
    CHECK(st == KB_OK || st == KB_ENOMEM);
    kb_doc_free(doc);
    kb_set_allocator(NULL);
  }
  CHECK(completed);
}

int main(void) {
  RUN(utf8_maximal_subparts_become_one_replacement_each);
  RUN(json_strings_are_escaped);
  RUN(arena_aligns_and_grows);
  RUN(strset_finds_what_was_added);
  RUN(allocation_failure_is_reported_not_fatal);
  return harness_done("util");
}
