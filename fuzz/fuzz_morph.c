/*
 * fuzz_morph.c -- libFuzzer target for the morph stage (src/morph.c).
 *
 * The input is taken three ways: as one word (kb_morph_word, memoised, and
 * kb_morph_analyse without the memo: the two must agree); as words split
 * at white space; and as an article run through kb_doc_parse, which ends
 * with kb_doc_morph.  Any crash, sanitizer report or disagreement is a
 * bug; crashing inputs become cases in tests/spec/morph.txt.
 *
 * Build and run: make fuzz (FUZZ_SECONDS=30 per target).  The
 * dictionaries come from the copy built into the library, or from the
 * folder KB_FUZZ_DATA names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kabar.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t i = 0;
  kb_doc *doc;
  load();
  one_word(s, size);
  while (i < size) {
    size_t start;
    while (i < size && (s[i] == ' ' || s[i] == '\n'))
      i++;
    start = i;
    while (i < size && s[i] != ' ' && s[i] != '\n')
      i++;
    if (i > start)
      one_word(s + start, i - start);
  }
  if (size < 4096 && kb_doc_new("fuzz", 4, s, size, &doc) == KB_OK) {
    if (kb_doc_parse(doc, dict, NULL, NULL) == KB_OK) {
      size_t k, n = kb_doc_n_tokens(doc);
      for (k = 0; k < n; k++) {
        const kb_morph *m = kb_doc_token_morph(doc, k);
        if (m == NULL)
          abort();
      }
    }
    kb_doc_free(doc);
  }
  return 0;
}
