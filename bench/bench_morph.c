/*
 * bench_morph.c -- throughput of the morph stage (src/morph.c) on the real
 * word tokens of a news corpus, and the load time and memory of the
 * lexicon.
 *
 * Usage: bench_morph [--data DIR] [--lexicon FILE] [--runs N] CORPUS.jsonl
 *
 * Reads the "title" and "text" of every JSON Lines record and splits them
 * into words: runs of letters, digits and UTF-8 bytes with inner hyphens
 * ("negara-negara"), as `kabar stem` does.  Then, each a median of N runs
 * (default 5):
 *   load     kb_dict_load (hunspell-id + kabar's data files), ms
 *   memo     kb_morph_word over every token, after one warm-up pass that
 *            fills the memo, words/s
 *   cold     kb_morph_analyse with KB_MORPH_NO_MEMO, words/s
 * and the resident memory the dictionaries add (VmRSS after minus before
 * the load) and the memo adds once full.  Method: bench/README.md.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "kabar.h"

typedef struct token {
  size_t start;
  size_t len;
} token;

/* The process's resident set size in kB, from /proc/self/status. */
static long rss_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  if (f == NULL)
    return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0)
      kb = strtol(line + 6, NULL, 10);
  fclose(f);
  return kb;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80 || c == '-';
}

/* Appends s to the text buffer and its words to the token list. */
static void add_text(const char *s, char **text, size_t *text_len,
                     size_t *text_cap, token **toks, size_t *n_toks,
                     size_t *cap_toks) {
  size_t n = strlen(s), i = 0, base;
  if (*text_len + n + 1 > *text_cap) {
    while (*text_len + n + 1 > *text_cap)
      *text_cap = *text_cap ? *text_cap * 2 : 1 << 20;
    *text = realloc(*text, *text_cap);
    if (*text == NULL)
      exit(1);
  }
  base = *text_len;
  memcpy(*text + base, s, n);
  (*text)[base + n] = ' ';
  *text_len += n + 1;
  while (i < n) {
    size_t start, end;
    while (i < n && !is_word_byte((unsigned char)s[i]))
      i++;
    start = i;
    while (i < n && is_word_byte((unsigned char)s[i]))
      i++;
    end = i;
    while (start < end && s[start] == '-')
      start++;
    while (end > start && s[end - 1] == '-')
      end--;
    if (end == start)
      continue;
    if (*n_toks == *cap_toks) {
      *cap_toks = *cap_toks ? *cap_toks * 2 : 1 << 16;
      *toks = realloc(*toks, *cap_toks * sizeof **toks);
      if (*toks == NULL)
        exit(1);
    }
    (*toks)[*n_toks].start = base + start;
    (*toks)[(*n_toks)++].len = end - start;
  }
}

#define USAGE \
  "usage: bench_morph [--data DIR] [--lexicon FILE] " \
  "[--runs N] CORPUS.jsonl\n"

int main(int argc, char **argv) {
  const char *data = NULL, *lexicon = NULL, *corpus = NULL;
  int runs = 5, r, i;
  FILE *f;
  struct stat sb;
  char *line = NULL, *text = NULL;
  size_t cap = 0, text_len = 0, text_cap = 0, n_toks = 0, cap_toks = 0, k;
  ssize_t got;
  token *toks = NULL;
  double t, *load_ms, *memo_wps, *cold_wps;
  long rss0, rss1, rss2;
  kb_dict *dict = NULL;
  kb_error err;
  unsigned long checksum = 0;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
      data = argv[++i];
    else if (strcmp(argv[i], "--lexicon") == 0 && i + 1 < argc)
      lexicon = argv[++i];
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = atoi(argv[++i]) > 0 ? (int)strtol(argv[i], NULL, 10) : 5;
    else if (argv[i][0] == '-')
      return bench_usage(argv[i], USAGE);
    else
      corpus = argv[i];
  }
  if (corpus == NULL) {
    fputs(USAGE, stderr);
    return 2;
  }
  if (bench_input("bench_morph", corpus, &sb) != 0 ||
      (f = fopen(corpus, "r")) == NULL)
    return 1;
  while ((got = getline(&line, &cap, f)) > 0) {
    json_error_t jerr;
    json_t *o = json_loadb(line, (size_t)got, 0, &jerr);
    const char *fields[] = {"title", "text"};
    if (o == NULL)
      continue;
    for (k = 0; k < 2; k++) {
      json_t *v = json_object_get(o, fields[k]);
      if (json_is_string(v))
        add_text(json_string_value(v), &text, &text_len, &text_cap, &toks,
                 &n_toks, &cap_toks);
    }
    json_decref(o);
  }
  free(line);
  fclose(f);
  load_ms = calloc((size_t)runs, sizeof *load_ms);
  memo_wps = calloc((size_t)runs, sizeof *memo_wps);
  cold_wps = calloc((size_t)runs, sizeof *cold_wps);
  if (load_ms == NULL || memo_wps == NULL || cold_wps == NULL)
    return 1;

  /* load: the last loaded dict is kept for the runs below */
  rss0 = rss_kb();
  for (r = 0; r < runs; r++) {
    kb_dict_free(dict);
    t = now();
    if (kb_dict_load(data, lexicon, &dict, &err) != KB_OK) {
      fprintf(stderr, "bench_morph: %s: %s\n", err.input ? err.input : "?",
              err.msg ? err.msg : "cannot load the dictionaries");
      return 1;
    }
    load_ms[r] = (now() - t) * 1000;
  }
  rss1 = rss_kb();

  /* memoised: warm up, then measure */
  for (k = 0; k < n_toks; k++) {
    kb_morph m;
    kb_morph_word(dict, text + toks[k].start, toks[k].len, &m);
  }
  rss2 = rss_kb();
  for (r = 0; r < runs; r++) {
    t = now();
    for (k = 0; k < n_toks; k++) {
      kb_morph m;
      kb_morph_word(dict, text + toks[k].start, toks[k].len, &m);
      checksum += m.root.len;
    }
    memo_wps[r] = (double)n_toks / (now() - t);
  }
  for (r = 0; r < runs; r++) {
    t = now();
    for (k = 0; k < n_toks; k++) {
      kb_morph m;
      kb_morph_analyse(dict, text + toks[k].start, toks[k].len,
                       KB_MORPH_NO_MEMO, &m);
      checksum += m.root.len;
    }
    cold_wps[r] = (double)n_toks / (now() - t);
  }
  printf("morph: corpus %s: %zu word tokens\n", corpus, n_toks);
  printf("morph: lexicon load      %8.2f ms   (median of %d)\n",
         median(load_ms, runs), runs);
  printf("morph: lexicon RSS       %8.1f MB   (VmRSS after load - before)\n",
         (double)(rss1 - rss0) / 1024);
  printf("morph: memo RSS          %8.1f MB   (after one pass over the "
         "corpus)\n",
         (double)(rss2 - rss1) / 1024);
  printf("morph: memoised          %8.2f M words/s (median of %d)\n",
         median(memo_wps, runs) / 1e6, runs);
  printf("morph: cold (no memo)    %8.2f M words/s (median of %d)\n",
         median(cold_wps, runs) / 1e6, runs);
  if (checksum == 42)
    putchar('\n'); /* keeps the loops from being optimised away */
  kb_dict_free(dict);
  free(text);
  free(toks);
  free(load_ms);
  free(memo_wps);
  free(cold_wps);
  return 0;
}
