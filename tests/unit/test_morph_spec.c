/*
 * test_morph_spec.c -- runs tests/spec/morph.txt: Indonesian words and
 * the root, affixes and class the morph stage must find for each.
 *
 * Format of the spec file (blocks separated by blank lines):
 *   # comment lines
 *   one word per line
 *   .
 *   ROOT | AFFIXES | CLASS      one line per word, in the same order
 * AFFIXES as kb_morph_affixes writes them ("meN- -i", "" when none), CLASS
 * as kb_morph_class_str names it.  Each word is one test.  Words are
 * analysed without the memo, then with it (twice: filling and reading),
 * and all three analyses must agree.  KB_TEST_DATA in the environment
 * names a data folder to use instead of the copy built into the library.
 */
#include <stdlib.h>

#include "harness.h"

#define SPEC "tests/spec/morph.txt"
#define MAX_BLOCK 64

static kb_dict *dict;

/* Copies s[0..n) trimmed of spaces into out (size bytes). */
static void trim_copy(const char *s, size_t n, char *out, size_t size) {
  while (n && (*s == ' ' || *s == '\t')) {
    s++;
    n--;
  }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
               s[n - 1] == '\r'))
    n--;
  if (n >= size)
    n = size - 1;
  memcpy(out, s, n);
  out[n] = '\0';
}

/* Formats m as "ROOT | AFFIXES | CLASS" into out. */
static void describe(const kb_morph *m, char *out, size_t size) {
  char affixes[128];
  kb_morph_affixes(m, affixes, sizeof affixes);
  snprintf(out, size, "%.*s | %s | %s", (int)m->root.len, m->root.ptr, affixes,
           kb_morph_class_str(m->cls));
}

/* Checks one word against its expected line "ROOT | AFFIXES | CLASS". */
static void run_case(const char *word, const char *expected, int line) {
  char want_root[128], want_affixes[128], want_class[64], got[512], want[512];
  const char *bar1 = strchr(expected, '|'),
             *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
  kb_morph cold, memo1, memo2;
  size_t len = strlen(word);
  if (bar2 == NULL) {
    fprintf(stderr, "%s:%d: want ROOT | AFFIXES | CLASS\n", SPEC, line);
    harness_failed++;
    return;
  }
  trim_copy(expected, (size_t)(bar1 - expected), want_root, sizeof want_root);
  trim_copy(bar1 + 1, (size_t)(bar2 - bar1 - 1), want_affixes,
            sizeof want_affixes);
  trim_copy(bar2 + 1, strlen(bar2 + 1), want_class, sizeof want_class);
  snprintf(want, sizeof want, "%s | %s | %s", want_root, want_affixes,
           want_class);
  kb_morph_analyse(dict, word, len, KB_MORPH_NO_MEMO, &cold);
  kb_morph_word(dict, word, len, &memo1);
  kb_morph_word(dict, word, len, &memo2);
  describe(&cold, got, sizeof got);
  if (strcmp(got, want) != 0) {
    fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", SPEC, line, word,
            got, want);
    harness_failed++;
    return;
  }
  if (memcmp(&cold, &memo1, sizeof cold) != 0 ||
      memcmp(&cold, &memo2, sizeof cold) != 0) {
    fprintf(stderr, "%s:%d: %s: memoised analysis differs\n", SPEC, line, word);
    harness_failed++;
    return;
  }
  harness_passed++;
}

int main(void) {
  FILE *f = fopen(SPEC, "r");
  char line[512];
  char words[MAX_BLOCK][128];
  int word_lines[MAX_BLOCK];
  int n_words = 0, n_expected = 0, in_expect = 0, lineno = 0;
  kb_error err;
  if (f == NULL) {
    fprintf(stderr, "cannot open %s (run from the repository root)\n", SPEC);
    harness_failed++;
    return harness_done("morph_spec");
  }
  (void)harness_failed_checks; /* cases are counted one by one below */
  (void)harness_test;
  /* KB_TEST_DATA: a data folder instead of the copy built in */
  if (kb_dict_load(getenv("KB_TEST_DATA"), NULL, &dict, &err) != KB_OK) {
    fprintf(stderr, "cannot load the dictionaries: %s: %s\n",
            err.input ? err.input : "?", err.msg ? err.msg : "?");
    harness_failed++;
    fclose(f);
    return harness_done("morph_spec");
  }
  if (!kb_dict_has_root(dict, "kirim", 5))
    fprintf(stderr, "warning: the lexicon lacks 'kirim': is hunspell-id "
                    "installed (make deps)?\n");
  while (fgets(line, sizeof line, f)) {
    lineno++;
    if (line[0] == '#')
      continue;
    if (line[0] == '\n' || line[0] == '\r') {
      if (in_expect && n_expected != n_words) {
        fprintf(stderr, "%s:%d: %d words but %d expected lines\n", SPEC, lineno,
                n_words, n_expected);
        harness_failed++;
      }
      n_words = n_expected = in_expect = 0;
      continue;
    }
    if (!in_expect && line[0] == '.' && (line[1] == '\n' || !line[1])) {
      in_expect = 1;
      continue;
    }
    if (!in_expect) {
      if (n_words == MAX_BLOCK) {
        fprintf(stderr, "%s:%d: block too long\n", SPEC, lineno);
        harness_failed++;
        continue;
      }
      trim_copy(line, strlen(line), words[n_words], sizeof words[0]);
      word_lines[n_words++] = lineno;
      continue;
    }
    if (n_expected < n_words) {
      run_case(words[n_expected], line, word_lines[n_expected]);
      n_expected++;
    } else {
      fprintf(stderr, "%s:%d: more expected lines than words\n", SPEC, lineno);
      harness_failed++;
    }
  }
  if (in_expect && n_expected != n_words) {
    fprintf(stderr, "%s: last block: %d words but %d expected lines\n", SPEC,
            n_words, n_expected);
    harness_failed++;
  }
  fclose(f);
  kb_dict_free(dict);
  return harness_done("morph_spec");
}
