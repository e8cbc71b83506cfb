/*
 * fuzz_morph.c -- libFuzzer target for the morph stage (src/morph.c).
 *
 * The input is taken three ways: as one word (kb_morph_word, memoised, and
 * kb_morph_analyse without the memo: the two must agree); as words split
 * at white space; and as a document whose tokens are those words, with
 * token flags (capital, all capitals, sentence start) taken from the
 * input's bytes, run through kb_doc_morph.  The tokens are made here, not
 * by the cleaner and segmenter, so that this target fuzzes the morph
 * stage alone.  Any crash, sanitizer report or disagreement is a bug;
 * crashing inputs become cases in tests/spec/morph.txt.
 *
 * Build and run: make fuzz (FUZZ_SECONDS=30 per target).  The
 * dictionaries come from the copy built into the library, or from the
 * folder KB_FUZZ_DATA names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kabar_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kb_dict *dict;

static void load(void) {
  static int done;
  kb_error err;
  if (done)
    return;
  done = 1;
  if (kb_dict_load(getenv("KB_FUZZ_DATA"), NULL, &dict, &err) != KB_OK) {
    fprintf(stderr, "fuzz_morph: cannot load the dictionaries: %s: %s\n",
            err.input ? err.input : "?", err.msg ? err.msg : "?");
    abort();
  }
}

/* Analyses w[0..n) with and without the memo; they must agree, and the
 * root must lie in the dict or in w. */
static void one_word(const char *w, size_t n) {
  kb_morph a, b;
  char affixes[32];
  if (kb_morph_word(dict, w, n, &a) != KB_OK ||
      kb_morph_analyse(dict, w, n, KB_MORPH_NO_MEMO, &b) != KB_OK)
    abort();
  if (memcmp(&a, &b, sizeof a) != 0)
    abort();
  if (!(a.flags & KB_MORPHF_KNOWN) && a.cls != KB_MORPH_NONE &&
      (a.root.ptr < w || a.root.ptr + a.root.len > w + n))
    abort();
  if (kb_morph_affixes(&a, affixes, sizeof affixes) >= 128)
    abort();
  (void)kb_morph_class_str(a.cls);
}

/* The flags of a token: capital, all capitals, sentence start, chosen by
 * the token's first byte so that the fuzzer can reach every case. */
static unsigned flags_of(unsigned char c) {
  unsigned f = 0;
  if (c & 1)
    f |= KB_TOKF_CAPITAL;
  if ((c & 6) == 6)
    f |= KB_TOKF_CAPITAL | KB_TOKF_ALLCAPS;
  if (c & 8)
    f |= KB_TOKF_SENT_START;
  return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t i = 0, n_toks = 0, k;
  kb_doc *doc;
  kb_token *toks;
  load();
  one_word(s, size);
  if (kb_doc_new("fuzz", 4, s, size, &doc) != KB_OK)
    return 0; /* a NUL byte: not text */
  toks = arena_calloc(&doc->arena, size + 1, sizeof *toks);
  if (toks == NULL)
    abort();
  while (i < size) {
    size_t start;
    while (i < size && (s[i] == ' ' || s[i] == '\n'))
      i++;
    start = i;
    while (i < size && s[i] != ' ' && s[i] != '\n')
      i++;
    if (i == start)
      continue;
    one_word(s + start, i - start);
    if (doc->len == size) { /* valid UTF-8: offsets are the input's */
      kb_token *t = &toks[n_toks++];
      t->span.start = start;
      t->span.end = i;
      t->text.ptr = doc->text + start;
      t->text.len = i - start;
      t->kind = (data[start] >= '0' && data[start] <= '9') ? KB_TOK_NUMBER
                                                           : KB_TOK_WORD;
      t->flags = flags_of(data[start]);
    }
  }
  doc->tokens = toks;
  doc->n_tokens = n_toks;
  doc->is_cleaned = 1;
  doc->is_segmented = 1;
  if (kb_doc_morph(doc, dict, NULL) != KB_OK)
    abort();
  for (k = 0; k < n_toks; k++) {
    const kb_morph *m = kb_doc_token_morph(doc, k);
    if (m == NULL || m->root.ptr == NULL)
      abort();
  }
  kb_doc_free(doc);
  return 0;
}
