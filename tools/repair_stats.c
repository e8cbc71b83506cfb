/*
 * repair_stats.c -- how often each repair of the clean stage fires on a
 * corpus: lines joined, glued words split (case boundary; name + function
 * word), boilerplate lines dropped, repeated lines dropped, captions found,
 * invalid UTF-8 replaced.  Prints, for each repair, the number of times it
 * fired, the number of articles it fired in and their share of all
 * articles.  This is the measurement docs/CLEAN.md quotes.
 *
 * Usage: repair_stats [--data DIR] [--lexicon FILE] [--no-dict]
 *                     [--show-splits] [--show-blocks] INPUT...
 * INPUT: anything `kabar parse` reads (.txt, .jsonl, folders, -).
 *   --show-splits  prints every split in context, "left|right", one per
 *                  line (for auditing the glued-word rules by eye)
 *   --show-blocks  prints every block with its kind (for auditing lines)
 *   --no-dict      cleans without the lexicon (only certain-without-
 *                  lexicon repairs)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kabar.h"
#include "kabar_int.h" /* doc->splits: the split offsets are not public */

enum {
  R_UTF8,
  R_JOIN,
  R_CASE,
  R_FUNC,
  R_VERB,
  R_BOILER,
  R_DUP,
  R_CAPTION,
  R_N
};

static const char *const names[R_N] = {
    "invalid_utf8", "lines_joined", "split_case", "split_function",
    "split_verb",   "boilerplate",  "duplicates", "captions"};

static const char *const kinds[] = {"body", "title",       "caption",
                                    "meta", "boilerplate", "duplicate"};

/* Prints the word around a split at `at`: "seruan|Amerika". */
static void show_split(const kb_doc *doc, size_t at) {
  kb_text t = kb_doc_text(doc);
  size_t s = at, e = at;
  while (s > 0 && at - s < 30 && t.ptr[s - 1] != ' ' && t.ptr[s - 1] != '\n')
    s--;
  while (e < t.len && e - at < 30 && t.ptr[e] != ' ' && t.ptr[e] != '\n')
    e++;
  printf("split\t%.*s|%.*s\n", (int)(at - s), t.ptr + s, (int)(e - at),
         t.ptr + at);
}

static void show_blocks(const kb_doc *doc) {
  kb_text t = kb_doc_text(doc), id = kb_doc_id(doc);
  size_t i, n = kb_doc_n_blocks(doc);
  printf("== %.*s\n", (int)id.len, id.ptr);
  for (i = 0; i < n; i++) {
    const kb_block *b = kb_doc_block(doc, i);
    size_t k, len = b->span.end - b->span.start;
    printf("%-11s ", kinds[b->kind]);
    for (k = 0; k < len && k < 160; k++) {
      char ch = t.ptr[b->span.start + k];
      putchar(ch == '\n' ? '/' : ch);
    }
    printf("%s\n", len > 160 ? "..." : "");
  }
}

int main(int argc, char **argv) {
  const char *data_dir = NULL, *lexicon = NULL;
  int use_dict = 1, splits = 0, blocks = 0, i, status = 0;
  kb_dict *dict = NULL;
  size_t fired[R_N] = {0}, docs_with[R_N] = {0}, n_docs = 0;
  kb_options opts = KB_OPTIONS_INIT;
  for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
    if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
      data_dir = argv[++i];
    else if (strcmp(argv[i], "--lexicon") == 0 && i + 1 < argc)
      lexicon = argv[++i];
    else if (strcmp(argv[i], "--no-dict") == 0)
      use_dict = 0;
    else if (strcmp(argv[i], "--show-splits") == 0)
      splits = 1;
    else if (strcmp(argv[i], "--show-blocks") == 0)
      blocks = 1;
    else {
      fprintf(stderr, "repair_stats: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "usage: repair_stats [--data DIR] [--lexicon FILE] "
                    "[--no-dict] [--show-splits] [--show-blocks] INPUT...\n");
    return 2;
  }
  if (use_dict) {
    kb_error err = {KB_OK, NULL, NULL, 0, 0};
    if (kb_dict_load(data_dir, lexicon, &dict, &err) != KB_OK) {
      fprintf(stderr, "repair_stats: %s: %s\n", err.input ? err.input : "",
              err.msg ? err.msg : "cannot load dictionaries");
      return 1;
    }
  }
  for (; i < argc; i++) {
    kb_reader *r;
    kb_doc *doc;
    kb_status st;
    kb_error err = {KB_OK, NULL, NULL, 0, 0};
    if (kb_reader_open(argv[i], &r, &err) != KB_OK) {
      fprintf(stderr, "repair_stats: %s: cannot open\n", argv[i]);
      status = 1;
      continue;
    }
    while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
      const kb_repairs *rp;
      size_t v[R_N], k;
      if (st != KB_OK)
        continue;
      if (kb_doc_clean(doc, dict, &opts, NULL) != KB_OK) {
        kb_doc_free(doc);
        status = 1;
        continue;
      }
      rp = kb_doc_repairs(doc);
      v[R_UTF8] = rp->invalid_utf8;
      v[R_JOIN] = rp->lines_joined;
      v[R_CASE] = rp->split_case;
      v[R_FUNC] = rp->split_function;
      v[R_VERB] = rp->split_verb;
      v[R_BOILER] = rp->boilerplate;
      v[R_DUP] = rp->duplicates;
      v[R_CAPTION] = rp->captions;
      for (k = 0; k < R_N; k++) {
        fired[k] += v[k];
        docs_with[k] += v[k] > 0;
      }
      n_docs++;
      if (blocks)
        show_blocks(doc);
      if (splits) {
        size_t t;
        for (t = 0; t < doc->n_splits; t++)
          show_split(doc, doc->splits[t]);
      }
      kb_doc_free(doc);
    }
    kb_reader_free(r);
  }
  printf("%-16s %8s %8s %7s\n", "repair", "fired", "articles", "share");
  for (i = 0; i < R_N; i++)
    printf("%-16s %8zu %8zu %6.1f%%\n", names[i], fired[i], docs_with[i],
           n_docs ? 100.0 * (double)docs_with[i] / (double)n_docs : 0.0);
  printf("%-16s %8zu\n", "articles", n_docs);
  kb_dict_free(dict);
  return status;
}
