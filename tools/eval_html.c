/*
 * eval_html.c -- scores the HTML extractor (src/html_extract.c) against
 * SHARED/gold/html/ (one JSON per page) on the pages in SHARED/corpus/raw/.
 *
 *   eval_html SHARED            a line per page and the totals
 *   eval_html -v SHARED         also every metadata field that differs
 *   eval_html --show PAGE.html  the extraction of one page
 *
 * Body: token precision/recall/F1 over white-space tokens (as multisets),
 * micro-averaged over all pages.  Metadata: title, outlet, published
 * (YYYY-MM-DDTHH:MM), author and url compared exactly after folding white
 * space; a field right means equal to the gold value (null = null).
 * Tracing to the page: the share of the body's and captions' non-space
 * bytes that lie in runs traced byte for byte (html_piece.exact), blocks
 * with a page range, and two checks that must give 0: exact runs whose
 * page bytes differ from the text, and runs of a block kind out of page
 * order (body and captions are each in page order).
 * Exits 1 when the body F1 is below 0.95.  Skips (exit 0) when SHARED has
 * no gold/html.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_extract.h"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *p = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL)
    return NULL;
  for (;;) {
    size_t got;
    if (n + 65536 > cap) {
      char *q = realloc(p, cap = (n + 65536) * 2);
      if (q == NULL) {
        free(p);
        fclose(f);
        return NULL;
      }
      p = q;
    }
    got = fread(p + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  p[n] = '\0';
  *len = n;
  return p;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* White-space tokens of s (NUL-separated in place), sorted. */
static size_t tokens(char *s, char ***out) {
  size_t n = 0, cap = 64;
  char **t = malloc(cap * sizeof *t);
  char *p = s;
  while (t && *p) {
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
      *p++ = '\0';
    if (!*p)
      break;
    if (n == cap) {
      char **q = realloc(t, (cap *= 2) * sizeof *t);
      if (q == NULL)
        break;
      t = q;
    }
    t[n++] = p;
    while (*p && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
      p++;
  }
  qsort(t, n, sizeof *t, cmp_str);
  *out = t;
  return n;
}

static size_t common(char **a, size_t na, char **b, size_t nb) {
  size_t i = 0, j = 0, c = 0;
  while (i < na && j < nb) {
    int r = strcmp(a[i], b[j]);
    if (r == 0) {
      c++;
      i++;
      j++;
    } else if (r < 0) {
      i++;
    } else {
      j++;
    }
  }
  return c;
}

static int same(const char *gold, const char *got) {
  if (gold == NULL || got == NULL)
    return gold == got;
  return strcmp(gold, got) == 0;
}

static void body_of(const html_article *a, char **out) {
  size_t i, n = 0;
  char *s = malloc(a->text.len + 1);
  for (i = 0; s && i < a->n_blocks; i++) {
    const html_block *b = &a->blocks[i];
    if (b->kind != HB_BODY)
      continue;
    if (n)
      s[n++] = '\n';
    memcpy(s + n, a->text.ptr + b->start, b->end - b->start);
    n += b->end - b->start;
  }
  if (s)
    s[n] = '\0';
  *out = s;
}

static int show(const char *path) {
  size_t len, i;
  char *html = slurp(path, &len);
  html_article a;
  static const char *const kinds[] = {"TITLE", "BODY", "CAPTION"};
  if (html == NULL || html_extract(html, len, NULL, NULL, &a) != 0) {
    fprintf(stderr, "eval_html: %s: cannot read\n", path);
    free(html);
    return 1;
  }
  printf("title: %s\noutlet: %s\nauthor: %s\npublished: %s\nurl: %s\n"
         "charset: %s\n",
         a.title ? a.title : "-", a.outlet ? a.outlet : "-",
         a.author ? a.author : "-", a.published ? a.published : "-",
         a.url ? a.url : "-", a.charset ? a.charset : "-");
  for (i = 0; i < a.n_blocks; i++)
    printf("[%s line %ld bytes %zu-%zu] %.*s\n", kinds[a.blocks[i].kind],
           a.blocks[i].line, a.blocks[i].src_start, a.blocks[i].src_end,
           (int)(a.blocks[i].end - a.blocks[i].start),
           a.text.ptr + a.blocks[i].start);
  html_article_free(&a);
  free(html);
  return 0;
}

typedef struct trace {
  size_t bytes, exact, blocks, ranged, differ, disorder;
} trace;

/* Adds one page's tracing figures (see the head comment). */
static void trace_page(const char *html, size_t len, const html_article *a,
                       trace *t) {
  size_t b, k = 0;
  for (b = 0; b < a->n_blocks; b++) {
    const html_block *bl = &a->blocks[b];
    size_t i, prev_end = 0;
    if (bl->kind == HB_TITLE)
      continue;
    t->blocks++;
    t->ranged += bl->src_end > bl->src_start;
    for (i = bl->start; i < bl->end; i++)
      t->bytes += a->text.ptr[i] != ' ';
    while (k < a->n_pieces && a->pieces[k].text < bl->start)
      k++;
    for (; k < a->n_pieces && a->pieces[k].text < bl->end; k++) {
      const html_piece *p = &a->pieces[k];
      if (p->exact) {
        t->exact += p->len;
        if (p->src_end > len || p->src_end - p->src != p->len ||
            memcmp(html + p->src, a->text.ptr + p->text, p->len) != 0)
          t->differ++;
      }
      /* a dateline joined to its paragraph may come from anywhere before */
      if (p->src < prev_end && p->text > bl->start + 40)
        t->disorder++;
      if (p->src_end > prev_end)
        prev_end = p->src_end;
    }
  }
}

static const char *jstr(json_t *o, const char *k) {
  json_t *v = json_object_get(o, k);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

int main(int argc, char **argv) {
  const char *shared;
  char path[4096];
  DIR *d;
  struct dirent *de;
  char *names[256];
  size_t n_names = 0, i, tp = 0, gold_n = 0, got_n = 0, pages = 0;
  static const char *const fields[] = {"title", "outlet", "published",
                                       "author", "url"};
  size_t right[5] = {0}, all_right = 0;
  trace tr = {0, 0, 0, 0, 0, 0};
  int verbose = 0;
  double p, r, f;
  if (argc == 3 && strcmp(argv[1], "--show") == 0)
    return show(argv[2]);
  if (argc == 3 && strcmp(argv[1], "-v") == 0) {
    verbose = 1;
    argv++;
    argc--;
  }
  if (argc != 2) {
    fprintf(stderr, "usage: eval_html [-v] SHARED | --show PAGE.html\n");
    return 2;
  }
  shared = argv[1];
  snprintf(path, sizeof path, "%s/gold/html", shared);
  d = opendir(path);
  if (d == NULL) {
    printf("html: skipped (%s not found)\n", path);
    return 0;
  }
  while ((de = readdir(d)) != NULL && n_names < 256) {
    size_t l = strlen(de->d_name);
    if (l > 5 && strcmp(de->d_name + l - 5, ".json") == 0)
      names[n_names++] = strdup(de->d_name);
  }
  closedir(d);
  qsort(names, n_names, sizeof *names, cmp_str);
  printf("%-32s %6s %6s %6s  %s\n", "page", "P", "R", "F1",
         "title outlet published author url");
  for (i = 0; i < n_names; i++) {
    json_t *g;
    json_error_t je;
    char *html, *body = NULL, *gbody;
    char **ta = NULL, **tb = NULL;
    size_t len, na, nb, c, k, ok = 0;
    html_article a;
    const char *got[5];
    snprintf(path, sizeof path, "%s/gold/html/%s", shared, names[i]);
    g = json_load_file(path, 0, &je);
    if (g == NULL || jstr(g, "file") == NULL) {
      fprintf(stderr, "eval_html: %s: %s\n", path, je.text);
      json_decref(g);
      continue;
    }
    snprintf(path, sizeof path, "%s/corpus/raw/%s", shared, jstr(g, "file"));
    html = slurp(path, &len);
    if (html == NULL || html_extract(html, len, NULL, NULL, &a) != 0) {
      fprintf(stderr, "eval_html: %s: cannot read\n", path);
      free(html);
      json_decref(g);
      continue;
    }
    body_of(&a, &body);
    trace_page(html, len, &a, &tr);
    gbody = strdup(jstr(g, "body") ? jstr(g, "body") : "");
    na = tokens(body, &ta);
    nb = tokens(gbody, &tb);
    c = common(ta, na, tb, nb);
    tp += c;
    got_n += na;
    gold_n += nb;
    got[0] = a.title;
    got[1] = a.outlet;
    got[2] = a.published;
    got[3] = a.author;
    got[4] = a.url;
    for (k = 0; k < 5; k++) {
      int s = same(jstr(g, fields[k]), got[k]);
      right[k] += (size_t)s;
      ok += (size_t)s;
      if (!s && verbose)
        printf("    %s: gold %s | got %s\n", fields[k],
               jstr(g, fields[k]) ? jstr(g, fields[k]) : "null",
               got[k] ? got[k] : "null");
    }
    all_right += ok == 5;
    p = na ? (double)c / (double)na : (nb ? 0 : 1);
    r = nb ? (double)c / (double)nb : (na ? 0 : 1);
    f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-32.32s %6.3f %6.3f %6.3f  %c %c %c %c %c\n", jstr(g, "file"), p,
           r, f, ".X"[!same(jstr(g, "title"), got[0])],
           ".X"[!same(jstr(g, "outlet"), got[1])],
           ".X"[!same(jstr(g, "published"), got[2])],
           ".X"[!same(jstr(g, "author"), got[3])],
           ".X"[!same(jstr(g, "url"), got[4])]);
    pages++;
    free(ta);
    free(tb);
    free(body);
    free(gbody);
    free(html);
    html_article_free(&a);
    json_decref(g);
  }
  for (i = 0; i < n_names; i++)
    free(names[i]);
  p = got_n ? (double)tp / (double)got_n : 0;
  r = gold_n ? (double)tp / (double)gold_n : 0;
  f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  printf("html body tokens (micro, %zu pages): P %.3f R %.3f F1 %.3f "
         "(target >= 0.95)\n",
         pages, p, r, f);
  printf("html metadata right: title %zu/%zu outlet %zu/%zu published "
         "%zu/%zu author %zu/%zu url %zu/%zu; all five %zu/%zu\n",
         right[0], pages, right[1], pages, right[2], pages, right[3], pages,
         right[4], pages, all_right, pages);
  printf("html text traced to the page: %zu/%zu non-space bytes of body and "
         "captions byte for byte (%.1f%%), %zu/%zu blocks with a page range; "
         "%zu traced runs differ from the page, %zu out of order\n",
         tr.exact, tr.bytes, tr.bytes ? 100.0 * (double)tr.exact /
                                            (double)tr.bytes
                                      : 0.0,
         tr.ranged, tr.blocks, tr.differ, tr.disorder);
  return f >= 0.95 && tr.differ == 0 ? 0 : 1;
}
