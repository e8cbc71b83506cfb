/*
 * test_code_spec.c -- runs tests/spec/code.txt: Indonesian sentences and
 * the events kabar must code from them (and nothing else).
 *
 * Format of the spec file (blocks separated by blank lines):
 *   # comment lines
 *   @ref 2024-03-20          sets the reference date for later cases
 *   one or more lines of text (coded as the body of an article)
 *   .
 *   SOURCE TARGET CODE [DATE]    one line per expected event; none = no
 *                                event may be coded
 * Codes are compared exactly; DATE, when given, must equal the event's.
 */
#include <stdlib.h>

#include "harness.h"

#define SPEC "tests/spec/code.txt"

typedef struct expect {
  char source[16], target[16], code[8], date[16];
  int seen;
} expect;

static kb_dict *dict;
static int n_cases, n_failed_cases;

static void run_case(const char *text, size_t len, const char *ref,
                     expect *ex, size_t n_ex, int line) {
  kb_doc *doc = NULL;
  kb_options opts = KB_OPTIONS_INIT;
  size_t i, k, n;
  int bad = 0;
  opts.reference_date = ref[0] ? ref : NULL;
  n_cases++;
  if (kb_doc_new("spec", 4, text, len, &doc) != KB_OK) {
    fprintf(stderr, "%s:%d: cannot make a document\n", SPEC, line);
    harness_failed++;
    return;
  }
  kb_doc_set_field(doc, KB_FIELD_TITLE, "Uji", 3); /* the text is body */
  if (kb_doc_code(doc, dict, &opts, NULL) != KB_OK) {
    fprintf(stderr, "%s:%d: kb_doc_code failed\n", SPEC, line);
    harness_failed++;
    kb_doc_free(doc);
    return;
  }
  n = kb_doc_n_events(doc);
  for (i = 0; i < n; i++) {
    const kb_event *e = kb_doc_event(doc, i);
    int matched = 0;
    for (k = 0; k < n_ex && !matched; k++) {
      if (ex[k].seen || strcmp(ex[k].source, e->source.code) != 0 ||
          strcmp(ex[k].target, e->target.code) != 0 ||
          strcmp(ex[k].code, e->code) != 0)
        continue;
      if (ex[k].date[0] && strcmp(ex[k].date, e->date) != 0)
        continue;
      ex[k].seen = matched = 1;
    }
    if (!matched) {
      if (!bad)
        fprintf(stderr, "%s:%d: \"%.*s\"\n", SPEC, line, (int)(len > 90 ? 90 : len),
                text);
      fprintf(stderr, "    unexpected %s %s %s %s\n", e->source.code,
              e->target.code, e->code, e->date);
      bad = 1;
    }
  }
  for (k = 0; k < n_ex; k++)
    if (!ex[k].seen) {
      if (!bad)
        fprintf(stderr, "%s:%d: \"%.*s\"\n", SPEC, line, (int)(len > 90 ? 90 : len),
                text);
      fprintf(stderr, "    missing    %s %s %s %s\n", ex[k].source,
              ex[k].target, ex[k].code, ex[k].date);
      bad = 1;
    }
  if (bad) {
    n_failed_cases++;
    harness_failed++;
  } else {
    harness_passed++;
  }
  kb_doc_free(doc);
}

static void spec_cases_pass(void) {
  FILE *f = fopen(SPEC, "r");
  char line[4096], text[8192], ref[16] = "";
  size_t text_len = 0, n_ex = 0;
  expect ex[32];
  int in_expect = 0, lineno = 0, case_line = 0;
  if (f == NULL) {
    perror(SPEC);
    harness_failed++;
    return;
  }
  for (;;) {
    char *got = fgets(line, sizeof line, f);
    size_t n = got ? strlen(line) : 0;
    lineno++;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (got == NULL || n == 0) {
      if (in_expect)
        run_case(text, text_len, ref, ex, n_ex, case_line);
      else if (text_len)
        fprintf(stderr, "%s:%d: a case without its '.' line\n", SPEC,
                case_line), harness_failed++;
      text_len = n_ex = 0;
      in_expect = 0;
      if (got == NULL)
        break;
      continue;
    }
    if (line[0] == '#')
      continue;
    if (!in_expect && text_len == 0 && strncmp(line, "@ref ", 5) == 0) {
      snprintf(ref, sizeof ref, "%.15s", line + 5);
      continue;
    }
    if (!in_expect && strcmp(line, ".") == 0) {
      in_expect = 1;
      continue;
    }
    if (in_expect) {
      expect *e = &ex[n_ex];
      memset(e, 0, sizeof *e);
      if (n_ex < 32 && sscanf(line, "%15s %15s %7s %15s", e->source,
                              e->target, e->code, e->date) >= 3)
        n_ex++;
      else
        fprintf(stderr, "%s:%d: want SOURCE TARGET CODE [DATE]\n", SPEC,
                lineno), harness_failed++;
      continue;
    }
    if (text_len == 0)
      case_line = lineno;
    if (text_len + n + 2 < sizeof text) {
      if (text_len)
        text[text_len++] = '\n';
      memcpy(text + text_len, line, n);
      text_len += n;
    }
  }
  fclose(f);
}

int main(void) {
  kb_error err;
  memset(&err, 0, sizeof err);
  if (kb_dict_load(NULL, NULL, &dict, &err) != KB_OK) {
    fprintf(stderr, "cannot load dictionaries: %s (%s:%zu)\n",
            err.msg ? err.msg : "?", err.input ? err.input : "?", err.line);
    return 1;
  }
  harness_test = "code spec";
  (void)harness_failed_checks;
  spec_cases_pass();
  printf("# code spec: %d cases, %d failed\n", n_cases, n_failed_cases);
  kb_dict_free(dict);
  return harness_done("code_spec");
}
