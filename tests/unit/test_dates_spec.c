/*
 * test_dates_spec.c -- runs tests/spec/dates.txt: each case is a sentence
 * and a reference date, with the date expressions tag_dates must find in
 * it (value, exact text, flags).  The format is described at the top of
 * the spec file.
 *
 * Every case is run twice, and both runs must give the expected lines:
 *   - "plain": tokens from the small tokenizer below, which follows the
 *     segmenter's documented token shapes ("9/6/2025", "10.000", "1990-an"
 *     are one number token; "(", ")", "," are punctuation), so that the
 *     date rules are tested whatever the segmenter does;
 *   - "segment": tokens from the real segmenter (kb_doc_segment on a doc
 *     whose one body block is the sentence), which is what production
 *     sees.
 * KB_SPEC_PRINT=1 prints what each case gives (to write new cases).
 * The spec file is found as tests/spec/dates.txt from the working
 * directory, or at $KB_SPEC_DIR/dates.txt.
 */
#include <stdlib.h>

#include "harness.h"
#include "kabar_int.h"
#include "tag_date.h"

#define MAX_LINE 1024
#define MAX_EXPECT 16
#define MAX_FOUND 32

typedef struct spec_case {
  int line; /* line of the input in the spec file */
  char input[MAX_LINE];
  char expect[MAX_EXPECT][MAX_LINE];
  int n_expect;
  int has_ref;
  tag_ymd ref;
} spec_case;

static const struct {
  const char *name;
  unsigned bit;
} flag_names[] = {{"relative", TAG_DATE_RELATIVE},
                  {"unresolved", TAG_DATE_UNRESOLVED},
                  {"since", TAG_DATE_SINCE},
                  {"until", TAG_DATE_UNTIL},
                  {"before", TAG_DATE_BEFORE},
                  {"after", TAG_DATE_AFTER},
                  {"future", TAG_DATE_FUTURE},
                  {"on", TAG_DATE_ON},
                  {"early", TAG_DATE_EARLY},
                  {"mid", TAG_DATE_MID},
                  {"late", TAG_DATE_LATE},
                  {"range", TAG_DATE_RANGE},
                  {"decade", TAG_DATE_DECADE},
                  {"time", TAG_DATE_TIME},
                  {"mismatch", TAG_DATE_WEEKDAY_MISMATCH},
                  {"paren", TAG_DATE_PAREN},
                  {"mention", TAG_DATE_MENTION}};
#define N_FLAGS (sizeof flag_names / sizeof flag_names[0])

/* ---- the plain tokenizer ---------------------------------------------- */

static int is_digit_c(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_space_c(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static int is_word_c(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit_c(c) ||
         c >= 0x80;
}
/* UTF-8 punctuation the tokenizer knows: curly quotes and dashes
 * (U+2013..U+201D start with E2 80). */
static int is_utf8_punct(const unsigned char *p, size_t n) {
  return n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x93 && p[2] <= 0x9D;
}

/* Splits text[0..len) into tokens in the doc's arena: numbers (a digit,
 * then digits and . , / : - each followed by a digit, then an optional %
 * or "-an"), words (letters, digits, inner - and '), one-character
 * punctuation.  Returns the number of tokens, or 0 when out of memory. */
static size_t plain_tokens(kb_doc *doc) {
  const unsigned char *t = (const unsigned char *)doc->text;
  size_t len = doc->len, i = 0, n = 0;
  kb_token *tok = arena_calloc(&doc->arena, len + 1, sizeof *tok);
  if (tok == NULL)
    return 0;
  while (i < len) {
    size_t start = i;
    kb_token_kind kind = KB_TOK_PUNCT;
    if (is_space_c(t[i])) {
      i++;
      continue;
    }
    if (is_digit_c(t[i])) {
      kind = KB_TOK_NUMBER;
      while (i < len &&
             (is_digit_c(t[i]) || ((t[i] == '.' || t[i] == ',' || t[i] == '/' ||
                                    t[i] == ':' || t[i] == '-') &&
                                   i + 1 < len && is_digit_c(t[i + 1]))))
        i++;
      if (i < len && t[i] == '%')
        i++;
      else if (i + 2 < len && t[i] == '-' && t[i + 1] == 'a' &&
               t[i + 2] == 'n' && (i + 3 == len || !is_word_c(t[i + 3])))
        i += 3;
    } else if (is_utf8_punct(t + i, len - i)) {
      i += 3;
    } else if (is_word_c(t[i])) {
      kind = KB_TOK_WORD;
      while (i < len && (is_word_c(t[i]) && !is_utf8_punct(t + i, len - i)))
        i++;
      for (;;) {
        /* inner hyphens and apostrophes: "ke-21", "Jum'at", "Jum’at" */
        size_t gap = 0;
        if (i + 1 < len && (t[i] == '-' || t[i] == '\''))
          gap = 1;
        else if (i + 3 < len && t[i] == 0xE2 && t[i + 1] == 0x80 &&
                 t[i + 2] == 0x99)
          gap = 3;
        if (gap == 0 || !is_word_c(t[i + gap]) ||
            is_utf8_punct(t + i + gap, len - i - gap))
          break;
        i += gap;
        while (i < len && is_word_c(t[i]) && !is_utf8_punct(t + i, len - i))
          i++;
      }
    } else {
      i++;
    }
    tok[n].span.start = start;
    tok[n].span.end = i;
    tok[n].text.ptr = doc->text + start;
    tok[n].text.len = i - start;
    tok[n].kind = kind;
    if (t[start] >= 'A' && t[start] <= 'Z')
      tok[n].flags |= KB_TOKF_CAPITAL;
    if (n == 0)
      tok[n].flags |= KB_TOKF_SENT_START;
    n++;
  }
  doc->tokens = tok;
  doc->n_tokens = n;
  doc->sentences = arena_calloc(&doc->arena, 1, sizeof *doc->sentences);
  if (doc->sentences == NULL)
    return 0;
  doc->sentences[0].span.end = len;
  doc->sentences[0].n_tokens = n;
  doc->n_sentences = 1;
  doc->is_cleaned = doc->is_segmented = 1;
  return n > 0 ? n : 1;
}

/* Segments the whole text as one body block with the real segmenter. */
static int real_tokens(kb_doc *doc) {
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  if (doc->blocks == NULL)
    return -1;
  doc->blocks[0].kind = KB_BLOCK_BODY;
  doc->blocks[0].span.end = doc->len;
  doc->n_blocks = 1;
  doc->is_cleaned = 1;
  return kb_doc_segment(doc, NULL) == KB_OK ? 0 : -1;
}

/* ---- rendering and comparing ------------------------------------------ */

/* One found expression as a spec line: VALUE "SPAN" flags. */
static void render(const kb_doc *doc, const tag_date *d, char *out,
                   size_t size) {
  char v[11], e[11];
  size_t k, n;
  if (d->precision != TAG_NONE) {
    tag_format(d, v);
  } else if (d->value.day) {
    snprintf(v, sizeof v, "--%02d-%02d", d->value.month, d->value.day);
  } else if (d->value.month) {
    snprintf(v, sizeof v, "--%02d", d->value.month);
  } else {
    snprintf(v, sizeof v, "?");
  }
  n = (size_t)snprintf(out, size, "%s", v);
  if ((d->flags & TAG_DATE_RANGE) && d->precision != TAG_NONE) {
    tag_date end = *d;
    end.value = d->range_end;
    end.precision = d->range_end.day     ? TAG_DAY
                    : d->range_end.month ? TAG_MONTH
                                         : TAG_YEAR;
    tag_format(&end, e);
    n += (size_t)snprintf(out + n, size - n, "..%s", e);
  }
  n += (size_t)snprintf(out + n, size - n, " \"%.*s\"",
                        (int)(d->span.end - d->span.start),
                        doc->text + d->span.start);
  for (k = 0; k < N_FLAGS && n < size; k++)
    if (d->flags & flag_names[k].bit)
      n += (size_t)snprintf(out + n, size - n, " %s", flag_names[k].name);
}

/* Whether found line `got` satisfies expected line `want`: the same value
 * and span, every flag `want` lists present, every "!flag" absent. */
static int line_matches(const char *got, const char *want) {
  const char *q = strchr(want, '"'), *q2;
  char word[32];
  size_t head;
  if (q == NULL)
    return 0;
  q2 = strchr(q + 1, '"');
  if (q2 == NULL)
    return 0;
  head = (size_t)(q2 + 1 - want);
  if (strncmp(got, want, head) != 0)
    return 0;
  q = q2 + 1;
  for (;;) {
    size_t n = 0;
    int negate = 0;
    while (*q == ' ')
      q++;
    if (*q == '\0')
      return 1;
    if (*q == '!') {
      negate = 1;
      q++;
    }
    while (q[n] && q[n] != ' ' && n + 2 < sizeof word) {
      word[n + 1] = q[n];
      n++;
    }
    word[0] = ' ';
    word[n + 1] = '\0';
    q += n;
    {
      /* flags in `got` are " name" after the span */
      const char *flags = got + head;
      size_t wl = n + 1;
      int present = 0;
      const char *f = flags;
      while ((f = strstr(f, word)) != NULL) {
        if (f[wl] == '\0' || f[wl] == ' ') {
          present = 1;
          break;
        }
        f += wl;
      }
      if (present == negate)
        return 0;
    }
  }
}

/* Runs case c on doc (already tokenized); reports under `how`. */
static int check_case(const spec_case *c, const kb_doc *doc, const char *how,
                      int print) {
  tag_date found[MAX_FOUND];
  char got[MAX_EXPECT][MAX_LINE];
  int n_got = 0, ok = 1, k;
  size_t i;
  for (i = 0; i < doc->n_sentences; i++) {
    size_t n = tag_dates(doc, &doc->sentences[i], c->has_ref ? &c->ref : NULL,
                         found, MAX_FOUND),
           j;
    for (j = 0; j < n && j < MAX_FOUND && n_got < MAX_EXPECT; j++)
      render(doc, &found[j], got[n_got++], MAX_LINE);
  }
  if (print) {
    printf("%s\n.\n", c->input);
    for (k = 0; k < n_got; k++)
      printf("%s\n", got[k]);
    printf("\n");
    return 1;
  }
  if (n_got != c->n_expect)
    ok = 0;
  for (k = 0; ok && k < n_got; k++)
    if (!line_matches(got[k], c->expect[k]))
      ok = 0;
  if (!ok) {
    fprintf(stderr, "tests/spec/dates.txt:%d: [%s] %s\n", c->line, how,
            c->input);
    for (k = 0; k < c->n_expect; k++)
      fprintf(stderr, "    want: %s\n", c->expect[k]);
    if (c->n_expect == 0)
      fprintf(stderr, "    want: (nothing)\n");
    for (k = 0; k < n_got; k++)
      fprintf(stderr, "    got:  %s\n", got[k]);
    if (n_got == 0)
      fprintf(stderr, "    got:  (nothing)\n");
  }
  return ok;
}

static int run_case(const spec_case *c, int print) {
  kb_doc *doc = NULL;
  int ok = 1;
  size_t len = strlen(c->input);
  if (kb_doc_new(NULL, 0, c->input, len, &doc) != KB_OK)
    return 0;
  if (plain_tokens(doc) == 0)
    ok = 0;
  else
    ok &= check_case(c, doc, "plain", print);
  kb_doc_free(doc);
  if (print)
    return 1;
  if (kb_doc_new(NULL, 0, c->input, len, &doc) != KB_OK)
    return 0;
  if (real_tokens(doc) != 0)
    ok = 0;
  else
    ok &= check_case(c, doc, "segment", 0);
  kb_doc_free(doc);
  return ok;
}

/* ---- the spec file ---------------------------------------------------- */

static FILE *open_spec(void) {
  const char *dir = getenv("KB_SPEC_DIR");
  char path[512];
  FILE *f;
  if (dir != NULL) {
    snprintf(path, sizeof path, "%s/dates.txt", dir);
    return fopen(path, "r");
  }
  f = fopen("tests/spec/dates.txt", "r");
  if (f == NULL)
    f = fopen("../tests/spec/dates.txt", "r");
  return f;
}

static void chomp(char *s) {
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
    s[--n] = '\0';
}

static int n_cases;
static int n_case_failures;

static void dates_spec_cases_pass(void) {
  FILE *f = open_spec();
  char line[MAX_LINE];
  spec_case c;
  int line_no = 0, state = 0; /* 0 between cases, 1 input read, 2 expect */
  int has_ref = 0, print = getenv("KB_SPEC_PRINT") != NULL;
  tag_ymd ref = {0, 0, 0};
  CHECK(f != NULL);
  if (f == NULL)
    return;
  memset(&c, 0, sizeof c);
  for (;;) {
    char *got = fgets(line, sizeof line, f);
    int at_end = got == NULL;
    if (!at_end) {
      line_no++;
      chomp(line);
    }
    if (at_end || line[0] == '\0') {
      if (state == 2) {
        n_cases++;
        if (!run_case(&c, print)) {
          n_case_failures++;
          harness_failed_checks++;
        }
      } else if (state == 1) {
        fprintf(stderr, "tests/spec/dates.txt:%d: case without \".\"\n",
                c.line);
        harness_failed_checks++;
      }
      state = 0;
      if (at_end)
        break;
      continue;
    }
    if (state == 0 && line[0] == '#')
      continue;
    if (state == 0 && strncmp(line, "@ref ", 5) == 0) {
      has_ref = tag_parse_iso(line + 5, strlen(line + 5), &ref) == 0;
      if (!has_ref && strcmp(line + 5, "none") != 0) {
        fprintf(stderr, "tests/spec/dates.txt:%d: bad @ref\n", line_no);
        harness_failed_checks++;
      }
      continue;
    }
    if (state == 0) {
      memset(&c, 0, sizeof c);
      c.line = line_no;
      snprintf(c.input, sizeof c.input, "%s", line);
      c.has_ref = has_ref;
      c.ref = ref;
      state = 1;
    } else if (state == 1) {
      if (strcmp(line, ".") != 0) {
        fprintf(stderr, "tests/spec/dates.txt:%d: want \".\" after the input\n",
                line_no);
        harness_failed_checks++;
      }
      state = 2;
    } else if (c.n_expect < MAX_EXPECT) {
      snprintf(c.expect[c.n_expect++], MAX_LINE, "%s", line);
    }
  }
  fclose(f);
  printf("# dates spec: %d cases, %d failed\n", n_cases, n_case_failures);
  CHECK(n_cases >= 120);
}

/* The matcher itself: a value and span must match exactly, listed flags
 * must be present, "!flag" ones absent. */
static void spec_line_matching_is_exact_on_value_and_span(void) {
  CHECK(line_matches("2024-03-18 \"pada hari Senin\" relative on",
                     "2024-03-18 \"pada hari Senin\" on"));
  CHECK(!line_matches("2024-03-18 \"pada hari Senin\" relative on",
                      "2024-03-18 \"hari Senin\" on"));
  CHECK(!line_matches("2024-03-18 \"pada hari Senin\" relative on",
                      "2024-03-18 \"pada hari Senin\" !relative"));
  CHECK(!line_matches("2024-03-18 \"pada hari Senin\" relative",
                      "2024-03-18 \"pada hari Senin\" on"));
  CHECK(!line_matches("2024-03-18 \"x\" until", "2024-03-18 \"x\" unt"));
}

int main(void) {
  RUN(spec_line_matching_is_exact_on_value_and_span);
  RUN(dates_spec_cases_pass);
  return harness_done("dates_spec");
}
