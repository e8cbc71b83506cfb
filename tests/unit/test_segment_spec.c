/*
 * test_segment_spec.c -- runs the readable cases of tests/spec/segment.txt
 * (its format is described at the top of that file) through the segment
 * stage.  Each case counts as one test.  Run from the repository root.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kabar_int.h"

#define SPEC "tests/spec/segment.txt"

typedef struct spec_case {
  char input[4096];
  size_t input_len;
  char want[8192]; /* expected sentences, each followed by '\n' */
  size_t want_len;
  char tokens[4096]; /* expected tokens, or "" when not given */
  int has_tokens;
  int line; /* of the first input line */
} spec_case;

static void append(char *dst, size_t *len, size_t cap, const char *s,
                   size_t n) {
  if (*len + n + 1 > cap)
    n = cap - *len - 1;
  memcpy(dst + *len, s, n);
  *len += n;
  dst[*len] = '\0';
}

/* Segments the case's input as one body block and compares. */
static void run_case(const spec_case *c) {
  kb_doc *doc = NULL;
  char got[8192], toks[4096];
  size_t got_len = 0, toks_len = 0, i;
  int before = harness_failed_checks;
  char name[64];
  snprintf(name, sizeof name, "%s:%d", SPEC, c->line);
  harness_test = name;
  got[0] = toks[0] = '\0';
  if (kb_doc_new(NULL, 0, c->input, c->input_len, &doc) != KB_OK) {
    CHECK(!"kb_doc_new failed");
    harness_failed++;
    return;
  }
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  CHECK(doc->blocks != NULL);
  if (doc->blocks) {
    doc->blocks[0].kind = KB_BLOCK_BODY;
    doc->blocks[0].span.end = doc->len;
    doc->n_blocks = 1;
    doc->is_cleaned = 1;
    CHECK(kb_doc_segment(doc, NULL) == KB_OK);
  }
  for (i = 0; i < kb_doc_n_sentences(doc); i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    append(got, &got_len, sizeof got, s->text.ptr, s->text.len);
    append(got, &got_len, sizeof got, "\n", 1);
  }
  for (i = 0; i < kb_doc_n_tokens(doc); i++) {
    const kb_token *t = kb_doc_token(doc, i);
    if (i)
      append(toks, &toks_len, sizeof toks, " ", 1);
    append(toks, &toks_len, sizeof toks, t->text.ptr, t->text.len);
  }
  if (strcmp(got, c->want) != 0) {
    harness_failed_checks++;
    fprintf(stderr, "%s: sentences differ\n  input: %s\n  want:\n%s  got:\n%s",
            name, c->input, c->want, got);
  }
  if (c->has_tokens && strcmp(toks, c->tokens) != 0) {
    harness_failed_checks++;
    fprintf(stderr, "%s: tokens differ\n  want: %s\n  got:  %s\n", name,
            c->tokens, toks);
  }
  kb_doc_free(doc);
  if (harness_failed_checks == before)
    harness_passed++;
  else
    harness_failed++;
}

int main(void) {
  FILE *f = fopen(SPEC, "r");
  char line[8192];
  spec_case *c = calloc(1, sizeof *c);
  int line_no = 0, state = 0; /* 0 between cases, 1 input, 2 expected */
  int n_cases = 0;
  if (f == NULL || c == NULL) {
    fprintf(stderr, "%s: cannot open (run from the repository root)\n", SPEC);
    harness_failed++;
    free(c);
    if (f)
      fclose(f);
    return harness_done("segment_spec");
  }
  for (;;) {
    char *got = fgets(line, sizeof line, f);
    size_t n = got ? strlen(line) : 0;
    line_no++;
    if (n && line[n - 1] == '\n')
      line[--n] = '\0';
    if (got == NULL || n == 0) { /* end of a case */
      if (state == 2) {
        run_case(c);
        n_cases++;
      } else if (state == 1) {
        fprintf(stderr, "%s:%d: case without \".\" line\n", SPEC, c->line);
        harness_failed++;
      }
      state = 0;
      memset(c, 0, sizeof *c);
      if (got == NULL)
        break;
      continue;
    }
    if (state == 0) {
      if (line[0] == '#')
        continue;
      state = 1;
      c->line = line_no;
    } else if (state == 1 && strcmp(line, ".") == 0) {
      state = 2;
      continue;
    }
    if (state == 1) {
      if (c->input_len)
        append(c->input, &c->input_len, sizeof c->input, "\n", 1);
      append(c->input, &c->input_len, sizeof c->input, line, n);
    } else if (strncmp(line, "tokens: ", 8) == 0) {
      size_t len = 0;
      append(c->tokens, &len, sizeof c->tokens, line + 8, n - 8);
      c->has_tokens = 1;
    } else {
      append(c->want, &c->want_len, sizeof c->want, line, n);
      append(c->want, &c->want_len, sizeof c->want, "\n", 1);
    }
  }
  fclose(f);
  free(c);
  if (n_cases < 60) {
    fprintf(stderr, "%s: only %d cases (at least 60 expected)\n", SPEC,
            n_cases);
    harness_failed++;
  }
  return harness_done("segment_spec");
}
