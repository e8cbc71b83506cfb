/*
 * eval_segment.c -- scores the segment stage against gold that nobody in
 * this project wrote (docs/SEGMENT.md, "Evaluation").
 *
 * Usage: eval_segment [-v] [--pipeline] [--own LIST] SHARED_DIR
 *
 *   1. The 17 Sastrawi sentence-detector scenarios and the 14 Sastrawi
 *      tokenizer scenarios (the .tsv files in SHARED/data/segment): each
 *      passes or fails; docs/SEGMENT.md explains any deliberate failure.
 *   2. Token F1 on the Indonesian UD treebanks (the .conllu files in
 *      SHARED/data/ud): the gold tokens are the surface tokens of
 *      "# text =", where a multiword token (a range line
 *      "6-7 menyetujuinya") counts as its surface form, since kabar keeps
 *      clitics on the word.  A token is right when its byte span matches.
 *   3. Sentence-boundary F1 on the same treebanks: consecutive sentences
 *      are joined into paragraphs (PUD: by document id, at most 10; the
 *      others have no document ids: groups of 8) with one space between,
 *      and the boundaries kabar finds are compared with the joins.
 * Prints a table per file and a summary.  Exit status 0, or 1 when the
 * shared data is malformed; 0 with "skipped: ..." when it is absent.
 *
 * By default the segmenter gets each input as one body block, so that the
 * figures measure the segmenter alone; --pipeline runs kb_doc_clean
 * first, as `kabar parse` does.  -v prints every error, an extra
 * boundary with its gold sentence's id and byte offset in its "# text".
 *
 * --own LIST (tools/ud_own_ends.tsv) names the places, by file, sentence id
 * and byte offset, where a gold sentence holds a real sentence end the
 * treebank did not split, read by hand from the -v output.  A second
 * table then gives the boundary figures with those ends counted as gold
 * boundaries, and the best strict F1 any segmenter that splits them can
 * reach: 2G / (2G + L) for G joins and L listed ends.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kabar_int.h"

static int verbose, use_pipeline;

/* The listed sentence ends the treebanks did not split (--own). */
typedef struct own_end {
  char file[64], sent_id[64];
  size_t off;
} own_end;
static own_end *own;
static size_t n_own;
static const char *cur_file; /* the .conllu file being scored */

/* ------------------------------------------------------------------ */

typedef struct strbuf {
  char *p;
  size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    b->p = realloc(b->p, cap);
    if (b->p == NULL) {
      fprintf(stderr, "eval_segment: out of memory\n");
      exit(1);
    }
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  strbuf b = {NULL, 0, 0};
  char tmp[65536];
  size_t n;
  if (f == NULL)
    return NULL;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    sb_add(&b, tmp, n);
  fclose(f);
  if (b.p == NULL)
    sb_add(&b, "", 0);
  *len = b.len;
  return b.p;
}

/* Segments text[0..len) as one body block (or through the cleaner). */
static kb_doc *segment(const char *text, size_t len) {
  kb_doc *doc;
  if (kb_doc_new(NULL, 0, text, len, &doc) != KB_OK)
    return NULL;
  if (!use_pipeline) {
    doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
    if (doc->blocks == NULL) {
      kb_doc_free(doc);
      return NULL;
    }
    doc->blocks[0].kind = KB_BLOCK_BODY;
    doc->blocks[0].span.start = 0;
    doc->blocks[0].span.end = doc->len;
    doc->n_blocks = 1;
    doc->is_cleaned = 1;
  }
  if (kb_doc_segment(doc, NULL) != KB_OK) {
    kb_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* Undoes the TSV escapes \n \t \\ in place; returns the new length. */
static size_t unescape(char *s, size_t n) {
  size_t i, o = 0;
  for (i = 0; i < n; i++) {
    if (s[i] == '\\' && i + 1 < n) {
      char c = s[i + 1];
      if (c == 'n' || c == 't' || c == '\\') {
        s[o++] = c == 'n' ? '\n' : c == 't' ? '\t' : '\\';
        i++;
        continue;
      }
    }
    s[o++] = s[i];
  }
  s[o] = '\0';
  return o;
}

/* ------------------------------------------------------------------
 * 1. Sastrawi scenarios
 * ------------------------------------------------------------------ */

/* Runs the scenarios of one TSV file; tokens != 0 compares tokens joined
 * by spaces, else sentences joined by newlines.  Adds to *pass and *total. */
static int run_scenarios(const char *path, int tokens, int *pass, int *total) {
  size_t len, pos = 0;
  char *data = read_file(path, &len);
  int line_no = 0;
  if (data == NULL) {
    fprintf(stderr, "eval_segment: cannot read %s\n", path);
    return -1;
  }
  printf("\n%s (%s)\n", strrchr(path, '/') + 1,
         tokens ? "tokens" : "sentences");
  while (pos < len) {
    char *line = data + pos, *nl = memchr(line, '\n', len - pos), *f[4];
    size_t n = nl ? (size_t)(nl - line) : len - pos, i, k = 0;
    strbuf got = {NULL, 0, 0};
    kb_doc *doc;
    pos += n + (nl != NULL);
    line[n] = '\0';
    if (line_no++ == 0 || n == 0)
      continue; /* header */
    f[k++] = line;
    for (i = 0; i < n && k < 4; i++)
      if (line[i] == '\t') {
        line[i] = '\0';
        f[k++] = line + i + 1;
      }
    if (k < 3) {
      fprintf(stderr, "eval_segment: %s:%d: malformed row\n", path, line_no);
      free(data);
      return -1;
    }
    unescape(f[1], strlen(f[1]));
    unescape(f[2], strlen(f[2]));
    doc = segment(f[1], strlen(f[1]));
    if (doc == NULL) {
      fprintf(stderr, "eval_segment: out of memory\n");
      exit(1);
    }
    sb_add(&got, "", 0);
    if (tokens) {
      for (i = 0; i < doc->n_tokens; i++) {
        if (i)
          sb_add(&got, " ", 1);
        sb_add(&got, doc->tokens[i].text.ptr, doc->tokens[i].text.len);
      }
    } else {
      for (i = 0; i < doc->n_sentences; i++) {
        if (i)
          sb_add(&got, "\n", 1);
        sb_add(&got, doc->sentences[i].text.ptr, doc->sentences[i].text.len);
      }
    }
    (*total)++;
    if (strcmp(got.p, f[2]) == 0) {
      (*pass)++;
      printf("  pass  %s\n", f[0]);
    } else {
      printf("  FAIL  %s\n        want: %s\n        got:  %s\n", f[0], f[2],
             got.p);
    }
    free(got.p);
    kb_doc_free(doc);
  }
  free(data);
  return 0;
}

/* ------------------------------------------------------------------
 * 2 and 3. UD treebanks
 * ------------------------------------------------------------------ */

typedef struct span2 {
  size_t start, end;
} span2;

typedef struct counts {
  size_t gold_tok, pred_tok, right_tok;
  size_t gold_bnd, pred_bnd, right_bnd;
  size_t sentences, unaligned;
  size_t own_listed, own_found; /* --own: ends listed, and split by kabar */
} counts;

typedef struct para {
  strbuf text;
  span2 *gold; /* gold token spans in text */
  size_t n_gold, cap_gold;
  size_t *bounds; /* start offsets of sentences 2..n */
  size_t n_bounds, cap_bounds;
  size_t n_sent;
  size_t base[16];      /* where each sentence starts in text */
  char sent_id[16][64]; /* and its id */
  char doc_id[64];
} para;

static void push_gold(para *p, size_t start, size_t end) {
  if (p->n_gold == p->cap_gold) {
    p->cap_gold = p->cap_gold ? p->cap_gold * 2 : 256;
    p->gold = realloc(p->gold, p->cap_gold * sizeof *p->gold);
    if (p->gold == NULL)
      exit(1);
  }
  p->gold[p->n_gold].start = start;
  p->gold[p->n_gold].end = end;
  p->n_gold++;
}

static void push_bound(para *p, size_t off) {
  if (p->n_bounds == p->cap_bounds) {
    p->cap_bounds = p->cap_bounds ? p->cap_bounds * 2 : 16;
    p->bounds = realloc(p->bounds, p->cap_bounds * sizeof *p->bounds);
    if (p->bounds == NULL)
      exit(1);
  }
  p->bounds[p->n_bounds++] = off;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Prints the context of offset off in the paragraph. */
static void show(const para *p, size_t start, size_t end, const char *what) {
  size_t a = start > 40 ? start - 40 : 0, b = end + 40;
  if (b > p->text.len)
    b = p->text.len;
  printf("    %s: ...%.*s[[%.*s]]%.*s...\n", what, (int)(start - a),
         p->text.p + a, (int)(end - start), p->text.p + start, (int)(b - end),
         p->text.p + end);
}

/* Whether offset off of the paragraph is a listed own end; *k gets the
 * sentence it falls in. */
static int is_own_end(const para *p, size_t off, size_t *k) {
  size_t i;
  *k = 0;
  while (*k + 1 < p->n_sent && p->base[*k + 1] <= off)
    (*k)++;
  for (i = 0; i < n_own; i++)
    if (own[i].off == off - p->base[*k] &&
        strcmp(own[i].sent_id, p->sent_id[*k]) == 0 &&
        strcmp(own[i].file, cur_file) == 0)
      return 1;
  return 0;
}

/* Scores one paragraph and resets it. */
static void score_para(para *p, counts *c) {
  kb_doc *doc;
  size_t i, j;
  if (p->n_sent == 0)
    return;
  doc = segment(p->text.p, p->text.len);
  if (doc == NULL) {
    fprintf(stderr, "eval_segment: out of memory\n");
    exit(1);
  }
  /* tokens: both lists are in text order; walk them together */
  c->gold_tok += p->n_gold;
  c->pred_tok += doc->n_tokens;
  for (i = 0, j = 0; i < p->n_gold || j < doc->n_tokens;) {
    const kb_token *t = j < doc->n_tokens ? &doc->tokens[j] : NULL;
    if (i < p->n_gold && t && p->gold[i].start == t->span.start &&
        p->gold[i].end == t->span.end) {
      c->right_tok++;
      i++;
      j++;
    } else if (t == NULL ||
               (i < p->n_gold && p->gold[i].start < t->span.start) ||
               (i < p->n_gold && p->gold[i].start == t->span.start &&
                p->gold[i].end < t->span.end)) {
      if (verbose)
        show(p, p->gold[i].start, p->gold[i].end, "gold token missed");
      i++;
    } else {
      if (verbose)
        show(p, t->span.start, t->span.end, "extra token");
      j++;
    }
  }
  /* boundaries */
  c->gold_bnd += p->n_bounds;
  c->pred_bnd += doc->n_sentences ? doc->n_sentences - 1 : 0;
  for (i = 1; i < doc->n_sentences; i++) {
    size_t off = doc->sentences[i].span.start;
    int found = 0;
    for (j = 0; j < p->n_bounds; j++)
      if (p->bounds[j] == off)
        found = 1;
    if (found) {
      c->right_bnd++;
    } else {
      size_t k;
      int mine = is_own_end(p, off, &k);
      char what[160];
      c->own_found += (size_t)mine;
      snprintf(what, sizeof what, "extra boundary%s (%s %zu)",
               mine ? ", the treebank's own" : "", p->sent_id[k],
               off - p->base[k]);
      if (verbose)
        show(p, off, off, what);
    }
  }
  if (verbose)
    for (j = 0; j < p->n_bounds; j++) {
      int found = 0;
      for (i = 1; i < doc->n_sentences; i++)
        if (doc->sentences[i].span.start == p->bounds[j])
          found = 1;
      if (!found)
        show(p, p->bounds[j], p->bounds[j], "missed boundary");
    }
  c->sentences += p->n_sent;
  kb_doc_free(doc);
  p->text.len = 0;
  if (p->text.p)
    p->text.p[0] = '\0';
  p->n_gold = p->n_bounds = p->n_sent = 0;
}

/* Adds one sentence (its "# text" and surface tokens) to the paragraph;
 * tokens are aligned on the text by searching each form in order. */
static void add_sentence(para *p, const char *text, const char *sent_id,
                         char **forms, size_t n_forms, counts *c) {
  size_t base, pos, i;
  if (p->n_sent > 0) {
    sb_add(&p->text, " ", 1);
    push_bound(p, p->text.len);
  }
  base = p->text.len;
  if (p->n_sent < 16) {
    p->base[p->n_sent] = base;
    snprintf(p->sent_id[p->n_sent], sizeof p->sent_id[0], "%s", sent_id);
  }
  sb_add(&p->text, text, strlen(text));
  pos = base;
  for (i = 0; i < n_forms; i++) {
    size_t n = strlen(forms[i]);
    const char *hit;
    while (pos < p->text.len && is_space(p->text.p[pos]))
      pos++;
    if (pos + n <= p->text.len && memcmp(p->text.p + pos, forms[i], n) == 0) {
      push_gold(p, pos, pos + n);
      pos += n;
      continue;
    }
    hit = strstr(p->text.p + pos, forms[i]);
    if (hit == NULL) {
      c->unaligned++;
      continue;
    }
    c->unaligned++; /* skipped text: a form that differs from the text */
    pos = (size_t)(hit - p->text.p);
    push_gold(p, pos, pos + n);
    pos += n;
  }
  p->n_sent++;
}

static void print_row(const char *name, const counts *c) {
  double tp = c->pred_tok ? (double)c->right_tok / c->pred_tok : 0;
  double tr = c->gold_tok ? (double)c->right_tok / c->gold_tok : 0;
  double bp = c->pred_bnd ? (double)c->right_bnd / c->pred_bnd : 0;
  double br = c->gold_bnd ? (double)c->right_bnd / c->gold_bnd : 0;
  printf("%-26s %6zu %7zu  %.4f %.4f %.4f  %5zu  %.4f %.4f %.4f\n", name,
         c->sentences, c->gold_tok, tp, tr,
         tp + tr > 0 ? 2 * tp * tr / (tp + tr) : 0, c->gold_bnd, bp, br,
         bp + br > 0 ? 2 * bp * br / (bp + br) : 0);
}

/* Scores one .conllu file into *c. */
static int run_conllu(const char *path, counts *c) {
  size_t len, pos = 0, n_forms = 0, cap_forms = 0, skip_to = 0;
  char *data = read_file(path, &len), *text = NULL, **forms = NULL;
  char sent_id[64] = "";
  int is_pud = strstr(path, "_pud-") != NULL;
  para p;
  if (data == NULL) {
    fprintf(stderr, "eval_segment: cannot read %s\n", path);
    return -1;
  }
  memset(&p, 0, sizeof p);
  while (pos <= len) {
    char *line = data + pos, *nl = memchr(line, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - line) : len - pos;
    pos += n + 1;
    line[n] = '\0';
    if (n && line[n - 1] == '\r')
      line[--n] = '\0';
    if (strncmp(line, "# sent_id = ", 12) == 0) {
      snprintf(sent_id, sizeof sent_id, "%s", line + 12);
    } else if (strncmp(line, "# text = ", 9) == 0) {
      text = line + 9;
    } else if (n == 0) {
      if (text) {
        char doc_id[64];
        /* PUD ids are document (6 characters) + sentence number */
        snprintf(doc_id, sizeof doc_id, "%.*s", is_pud ? 6 : 0, sent_id);
        if (p.n_sent >= (is_pud ? 10u : 8u) ||
            (p.n_sent && strcmp(doc_id, p.doc_id) != 0))
          score_para(&p, c);
        snprintf(p.doc_id, sizeof p.doc_id, "%s", doc_id);
        add_sentence(&p, text, sent_id, forms, n_forms, c);
      }
      text = NULL;
      n_forms = 0;
      skip_to = 0;
      if (nl == NULL)
        break;
    } else if (line[0] != '#') {
      char *tab = strchr(line, '\t'), *form, *end;
      unsigned long a, b = 0;
      if (tab == NULL)
        continue;
      *tab = '\0';
      form = tab + 1;
      end = strchr(form, '\t');
      if (end)
        *end = '\0';
      if (strchr(line, '.'))
        continue; /* empty node */
      a = strtoul(line, NULL, 10);
      if (strchr(line, '-'))
        b = strtoul(strchr(line, '-') + 1, NULL, 10);
      if (a <= skip_to)
        continue; /* a word inside a multiword token */
      if (b)
        skip_to = b;
      if (n_forms == cap_forms) {
        cap_forms = cap_forms ? cap_forms * 2 : 64;
        forms = realloc(forms, cap_forms * sizeof *forms);
        if (forms == NULL)
          exit(1);
      }
      forms[n_forms++] = form;
    }
    if (nl == NULL)
      break;
  }
  score_para(&p, c);
  free(p.text.p);
  free(p.gold);
  free(p.bounds);
  free(forms);
  free(data);
  return 0;
}

/* Reads the --own list: "FILE<TAB>SENT_ID<TAB>OFFSET[<TAB>note]" lines,
 * "#" comments.  Returns -1, with a message naming the line, when it is
 * malformed. */
static int read_own(const char *path) {
  size_t len, pos = 0, line_no = 0;
  char *data = read_file(path, &len);
  if (data == NULL) {
    fprintf(stderr, "eval_segment: cannot read %s\n", path);
    return -1;
  }
  while (pos < len) {
    char *line = data + pos, *nl = memchr(line, '\n', len - pos), *end;
    char *f[3];
    size_t n = nl ? (size_t)(nl - line) : len - pos, k;
    pos += n + 1;
    line[n] = '\0';
    line_no++;
    if (n == 0 || line[0] == '#')
      continue;
    f[0] = line;
    for (k = 1; k < 3; k++) {
      f[k] = strchr(f[k - 1], '\t');
      if (f[k] == NULL) {
        fprintf(stderr, "eval_segment: %s:%zu: expected FILE, SENT_ID, "
                        "OFFSET separated by tabs\n", path, line_no);
        free(data);
        return -1;
      }
      *f[k]++ = '\0';
    }
    own = realloc(own, (n_own + 1) * sizeof *own);
    if (own == NULL)
      exit(1);
    snprintf(own[n_own].file, sizeof own[n_own].file, "%s", f[0]);
    snprintf(own[n_own].sent_id, sizeof own[n_own].sent_id, "%s", f[1]);
    own[n_own].off = (size_t)strtoul(f[2], &end, 10);
    if (end == f[2] || (*end != '\0' && *end != '\t')) {
      fprintf(stderr, "eval_segment: %s:%zu: bad offset\n", path, line_no);
      free(data);
      return -1;
    }
    n_own++;
  }
  free(data);
  return 0;
}

/* The --own row: boundary P / R / F1 with the listed ends counted as gold
 * boundaries, and the strict F1 cap 2G / (2G + L). */
static void print_own_row(const char *name, const counts *c) {
  double right = (double)(c->right_bnd + c->own_found);
  double bp = c->pred_bnd ? right / c->pred_bnd : 0;
  double br = c->gold_bnd + c->own_listed
                  ? right / (double)(c->gold_bnd + c->own_listed)
                  : 0;
  printf("%-26s %6zu %6zu  %.4f %.4f %.4f  %.4f  %.4f\n", name,
         c->own_listed, c->own_found, bp, br,
         bp + br > 0 ? 2 * bp * br / (bp + br) : 0,
         c->pred_bnd + c->gold_bnd
             ? 2.0 * c->right_bnd / (double)(c->pred_bnd + c->gold_bnd)
             : 0,
         c->gold_bnd ? 2.0 * c->gold_bnd /
                           (double)(2 * c->gold_bnd + c->own_listed)
                     : 0);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  const char *shared = NULL;
  char path[4096];
  struct stat st;
  int i, pass = 0, total = 0, tok_pass = 0, tok_total = 0;
  counts all;
  DIR *d;
  struct dirent *e;
  char *names[64];
  counts per_file[64];
  const char *own_path = NULL;
  size_t n_names = 0, k;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0)
      verbose = 1;
    else if (strcmp(argv[i], "--pipeline") == 0)
      use_pipeline = 1;
    else if (strcmp(argv[i], "--own") == 0 && i + 1 < argc)
      own_path = argv[++i];
    else
      shared = argv[i];
  }
  if (shared == NULL) {
    fprintf(stderr,
            "usage: eval_segment [-v] [--pipeline] [--own LIST] SHARED_DIR\n");
    return 2;
  }
  snprintf(path, sizeof path, "%s/data/segment", shared);
  if (stat(path, &st) != 0) {
    printf("segment: skipped: %s not found\n", path);
    return 0;
  }
  if (own_path && read_own(own_path) != 0)
    return 1;
  printf("== segment: Sastrawi scenarios (%s)\n",
         use_pipeline ? "clean + segment" : "segment alone");
  snprintf(path, sizeof path, "%s/data/segment/%s", shared,
           "sastrawi-sentence-detector-cases.tsv");
  if (run_scenarios(path, 0, &pass, &total) != 0)
    return 1;
  snprintf(path, sizeof path, "%s/data/segment/%s", shared,
           "sastrawi-tokenizer-cases.tsv");
  if (run_scenarios(path, 1, &tok_pass, &tok_total) != 0)
    return 1;

  snprintf(path, sizeof path, "%s/data/ud", shared);
  d = opendir(path);
  memset(&all, 0, sizeof all);
  if (d) {
    while ((e = readdir(d)) != NULL && n_names < 64) {
      size_t n = strlen(e->d_name);
      if (n > 7 && strcmp(e->d_name + n - 7, ".conllu") == 0)
        names[n_names++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n_names, sizeof *names, cmp_str);
    printf("\n== segment: UD Indonesian treebanks (tokens: surface forms; "
           "boundaries: sentences joined into paragraphs)\n");
    printf("%-26s %6s %7s  %-20s  %5s  %s\n", "file", "sents", "tokens",
           "token P / R / F1", "joins", "boundary P / R / F1");
    for (k = 0; k < n_names; k++) {
      counts c;
      memset(&c, 0, sizeof c);
      snprintf(path, sizeof path, "%s/data/ud/%s", shared, names[k]);
      cur_file = names[k];
      for (i = 0; (size_t)i < n_own; i++)
        c.own_listed += strcmp(own[i].file, names[k]) == 0;
      if (run_conllu(path, &c) != 0)
        return 1;
      per_file[k] = c;
      print_row(names[k], &c);
      all.gold_tok += c.gold_tok;
      all.pred_tok += c.pred_tok;
      all.right_tok += c.right_tok;
      all.gold_bnd += c.gold_bnd;
      all.pred_bnd += c.pred_bnd;
      all.right_bnd += c.right_bnd;
      all.sentences += c.sentences;
      all.unaligned += c.unaligned;
      all.own_listed += c.own_listed;
      all.own_found += c.own_found;
    }
    print_row("all", &all);
    if (own_path) {
      printf("\n== segment: UD boundaries with the treebanks' own unsplit "
             "sentence ends (%s)\n", own_path);
      printf("%-26s %6s %6s  %-20s  %-6s  %s\n", "file", "listed", "split",
             "boundary P / R / F1", "strict", "strict cap");
      for (k = 0; k < n_names; k++)
        print_own_row(names[k], &per_file[k]);
      print_own_row("all", &all);
    }
    for (k = 0; k < n_names; k++)
      free(names[k]);
    if (all.unaligned)
      printf("(%zu gold forms did not match the text as written)\n",
             all.unaligned);
  }
  printf("\nsummary: sentence scenarios %d/%d, tokenizer scenarios %d/%d", pass,
         total, tok_pass, tok_total);
  if (all.gold_tok) {
    double tp = all.pred_tok ? (double)all.right_tok / all.pred_tok : 0;
    double tr = (double)all.right_tok / all.gold_tok;
    double bp = all.pred_bnd ? (double)all.right_bnd / all.pred_bnd : 0;
    double br = all.gold_bnd ? (double)all.right_bnd / all.gold_bnd : 0;
    printf(", UD token F1 %.4f, UD boundary F1 %.4f",
           tp + tr > 0 ? 2 * tp * tr / (tp + tr) : 0,
           bp + br > 0 ? 2 * bp * br / (bp + br) : 0);
  }
  printf("\n");
  return 0;
}
