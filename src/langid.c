/*
 * langid.c -- is a page Indonesian?  Counts words of three lists
 * (data/langid.txt, embedded): function words Indonesian and Malay share,
 * words only Indonesian uses, words only Malay uses.
 *
 * Input: UTF-8 text (the first 4 KB are enough).  Output: a guess.
 * Rules (docs/HTML.md): fewer than 20 words -> unknown (kept); shared
 * function words under 2% of the words -> another language; three or
 * more Malay-only words and more than twice the Indonesian-only ones ->
 * Malay; else Indonesian.  News prose in either language runs at 20-35%
 * function words; English, with "di"/"dan" absent, near 0.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "kabar_int.h"
#include "langid.h"

#define MAX_WORDS 512
#define WINDOW 4096

typedef struct lword {
  char w[24];
  unsigned char cls; /* bit 1 both, 2 id, 4 ms */
} lword;

static lword words[MAX_WORDS];
static size_t n_words;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_lword(const void *a, const void *b) {
  return strcmp(((const lword *)a)->w, ((const lword *)b)->w);
}

static void add(const char *w, size_t n, unsigned char cls) {
  size_t i;
  if (n == 0 || n >= sizeof words[0].w)
    return;
  for (i = 0; i < n_words; i++)
    if (strlen(words[i].w) == n && memcmp(words[i].w, w, n) == 0) {
      words[i].cls |= cls;
      return;
    }
  if (n_words == MAX_WORDS)
    return;
  memcpy(words[n_words].w, w, n);
  words[n_words].w[n] = '\0';
  words[n_words++].cls = cls;
}

static void load(void) {
  size_t f;
  for (f = 0; f < kb_n_embedded_files; f++) {
    const char *s, *end;
    if (strcmp(kb_embedded_files[f].name, "langid.txt") != 0)
      continue;
    s = (const char *)kb_embedded_files[f].data;
    end = s + kb_embedded_files[f].len;
    while (s < end) {
      const char *nl = memchr(s, '\n', (size_t)(end - s));
      const char *le = nl ? nl : end, *sp;
      if (s < le && *s != '#' && (sp = memchr(s, ' ', (size_t)(le - s)))) {
        size_t cn = (size_t)(sp - s);
        unsigned char cls = cn == 4 && memcmp(s, "both", 4) == 0 ? 1
                            : cn == 2 && memcmp(s, "id", 2) == 0 ? 2
                            : cn == 2 && memcmp(s, "ms", 2) == 0 ? 4
                                                                   : 0;
        if (cls)
          add(sp + 1, (size_t)(le - sp - 1), cls);
      }
      s = le + 1;
    }
  }
  qsort(words, n_words, sizeof *words, cmp_lword);
}

void langid_counts(const char *s, size_t n, size_t *n_all, size_t *both,
                   size_t *id, size_t *ms) {
  size_t i = 0;
  pthread_once(&once, load);
  *n_all = *both = *id = *ms = 0;
  if (n > WINDOW)
    n = WINDOW;
  while (i < n) {
    lword key, *hit;
    size_t k = 0;
    int letters_only = 1;
    while (i < n && !((unsigned char)s[i] >= 0x80 ||
                      ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
      i++;
    while (i < n && ((unsigned char)s[i] >= 0x80 ||
                     ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') ||
                     s[i] == '-')) {
      if ((unsigned char)s[i] >= 0x80 || s[i] == '-')
        letters_only = 0;
      if (k + 1 < sizeof key.w)
        key.w[k++] = (char)(s[i] | 32);
      i++;
    }
    if (k == 0)
      continue;
    (*n_all)++;
    if (!letters_only || k + 1 >= sizeof key.w)
      continue;
    key.w[k] = '\0';
    hit = bsearch(&key, words, n_words, sizeof *words, cmp_lword);
    if (hit) {
      *both += (hit->cls & 1) != 0;
      *id += (hit->cls & 2) != 0;
      *ms += (hit->cls & 4) != 0;
    }
  }
}

langid_lang langid_guess(const char *s, size_t n) {
  size_t all, both, id, ms;
  langid_counts(s, n, &all, &both, &id, &ms);
  if (all < 20)
    return LANGID_UNKNOWN;
  if (both * 100 < all * 2)
    return LANGID_OTHER;
  if (ms >= 3 && ms > 2 * id)
    return LANGID_MALAY;
  return LANGID_INDONESIAN;
}
