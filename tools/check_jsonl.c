/*
 * check_jsonl.c -- evaluation: reads a JSON Lines file with both of the
 * reader's parsers (the fast flat path and jansson) and checks that they
 * agree on every record's id, title, text, date, outlet and url; reports
 * how many records the fast path took.
 *
 * Usage: check_jsonl FILE.jsonl
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json_flat.h"

static const char *const keys[] = {"id", "title", "text", "date", "outlet",
                                   "url"};
#define N_KEYS (sizeof keys / sizeof keys[0])

int main(int argc, char **argv) {
  FILE *f;
  char *line = NULL;
  size_t cap = 0, n_lines = 0, n_fast = 0, n_bad = 0;
  ssize_t len;
  buf scratch = BUF_INIT;
  if (argc != 2) {
    fprintf(stderr, "usage: check_jsonl FILE.jsonl\n");
    return 2;
  }
  f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  while ((len = getline(&line, &cap, f)) > 0) {
    jf_field fl[N_KEYS];
    json_error_t e;
    json_t *j;
    size_t k;
    n_lines++;
    for (k = 0; k < N_KEYS; k++)
      fl[k].key = keys[k];
    j = json_loadb(line, (size_t)len, JSON_ALLOW_NUL, &e);
    if (json_flat_parse(line, (size_t)len, fl, N_KEYS, &scratch) != 0) {
      json_decref(j);
      continue;
    }
    n_fast++;
    if (j == NULL) {
      printf("line %zu: fast path accepted what jansson rejects\n", n_lines);
      n_bad++;
      continue;
    }
    for (k = 0; k < N_KEYS; k++) {
      json_t *v = json_object_get(j, keys[k]);
      if (json_is_string(v)) {
        if (fl[k].type != JF_STRING || fl[k].len != json_string_length(v) ||
            memcmp(jf_value(&fl[k], line, &scratch), json_string_value(v),
                   fl[k].len) != 0) {
          printf("line %zu: \"%s\" differs\n", n_lines, keys[k]);
          n_bad++;
        }
      } else if (fl[k].type == JF_STRING) {
        printf("line %zu: \"%s\" is a string only to the fast path\n",
               n_lines, keys[k]);
        n_bad++;
      }
    }
    json_decref(j);
  }
  free(line);
  fclose(f);
  buf_free(&scratch);
  printf("json fast path: %zu of %zu records (%.2f%%), %zu disagreements "
         "with jansson\n",
         n_fast, n_lines, n_lines ? 100.0 * (double)n_fast / (double)n_lines : 0,
         n_bad);
  return n_bad ? 1 : 0;
}
