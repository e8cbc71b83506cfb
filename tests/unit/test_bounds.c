/*
 * test_bounds.c -- resource limits (kabar.h: KB_MAX_DOC_BYTES,
 * KB_MAX_SENTENCE_TOKENS) and pathological sentences: a sentence of 10k
 * tokens is split with a warning, never handed whole to the coder; 1k
 * coordinated actors ("Rusia, Iran, ..., dan Turki mengecam ...") code
 * without failing; and the work grows linearly: coding ten times the
 * input (100 -> 1k actors, 1k -> 10k tokens in one sentence) must cost
 * less than 30 times the CPU time (linear is 10, a quadratic stage would
 * be 100).  Sizes that stay in cache: beyond, memory effects make even
 * linear work look worse.  CPU time of this process, best of
 * three, each run repeated until it lasts 20 ms: a ratio, not a
 * wall-clock threshold.  docs/TESTING.md, "Limits".
 */
#include <stdlib.h>
#include <time.h>

#include "harness.h"

static kb_dict *dict;

static const char *const names[] = {
    "Rusia",  "Iran",      "Suriah",    "Mesir",     "Jepang", "Prancis",
    "Jerman", "Turki",     "Malaysia",  "Singapura", "Kanada", "Brasil",
    "Qatar",  "Yordania",  "Irak",      "Libya",     "Sudan",  "Kenya",
    "India",  "Pakistan",  "Australia", "Meksiko",   "Chili",  "Peru"};
#define N_NAMES (sizeof names / sizeof names[0])

/* "A, B, ..., dan Z mengecam serangan Israel ke Gaza." with n actors. */
static char *coordinated(size_t n, size_t *len) {
  char *s = malloc(n * 16 + 128), *p = s;
  size_t i;
  for (i = 0; i + 1 < n; i++)
    p += sprintf(p, "%s, ", names[i % N_NAMES]);
  p += sprintf(p, "dan Indonesia mengecam serangan Israel ke Gaza.\n");
  *len = (size_t)(p - s);
  return s;
}

/* "Presiden Rusia mengecam kata kata ... Israel." with n filler words. */
static char *long_sentence(size_t n, size_t *len) {
  char *s = malloc(n * 5 + 128), *p = s;
  size_t i;
  p += sprintf(p, "Presiden Rusia mengecam");
  for (i = 0; i < n; i++)
    p += sprintf(p, " kata");
  p += sprintf(p, " Israel.\n");
  *len = (size_t)(p - s);
  return s;
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds to make and code one document of text, best of three
 * rounds of enough runs to last 20 ms. */
static double cost(const char *text, size_t len) {
  double best = 1e9;
  int round;
  for (round = 0; round < 3; round++) {
    double t0 = cpu_now(), t;
    int runs = 0;
    do {
      kb_doc *doc = NULL;
      CHECK_INT(kb_doc_new("b", 1, text, len, &doc), KB_OK);
      CHECK_INT(kb_doc_code(doc, dict, NULL, NULL), KB_OK);
      kb_doc_free(doc);
      runs++;
      t = cpu_now() - t0;
    } while (t < 0.02);
    if (t / runs < best)
      best = t / runs;
  }
  return best;
}

static void long_sentence_is_split_with_a_warning(void) {
  size_t len, i, n_warn = 0;
  char *s = long_sentence(10000, &len);
  kb_doc *doc = NULL;
  CHECK_INT(kb_doc_new("b", 1, s, len, &doc), KB_OK);
  CHECK_INT(kb_doc_code(doc, dict, NULL, NULL), KB_OK);
  CHECK_INT(kb_doc_n_sentences(doc), 11); /* 10,005 tokens */
  for (i = 0; i < kb_doc_n_sentences(doc); i++)
    CHECK(kb_doc_sentence(doc, i)->n_tokens <= KB_MAX_SENTENCE_TOKENS);
  for (i = 0; i < kb_doc_n_warnings(doc); i++)
    n_warn += strstr(kb_doc_warning(doc, i), "10005 tokens split") != NULL;
  CHECK_INT(n_warn, 1);
  kb_doc_free(doc);
  free(s);
}

static void a_thousand_coordinated_actors_code(void) {
  size_t len, i, n_warn = 0;
  char *s = coordinated(1000, &len);
  kb_doc *doc = NULL;
  CHECK_INT(kb_doc_new("b", 1, s, len, &doc), KB_OK);
  CHECK_INT(kb_doc_code(doc, dict, NULL, NULL), KB_OK);
  CHECK(kb_doc_n_sentences(doc) >= 1);
  CHECK(kb_doc_n_events(doc) <= 64); /* bounded, whatever is coded */
  /* the phrases past the coder's cap are named in a warning */
  for (i = 0; i < kb_doc_n_warnings(doc); i++)
    n_warn += strstr(kb_doc_warning(doc, i), "actor phrases or more") != NULL;
  /* one per piece of the split sentence that reached the cap */
  CHECK(n_warn >= 1 && n_warn <= kb_doc_n_sentences(doc));
  kb_doc_free(doc);
  free(s);
}

static void coding_work_grows_linearly(void) {
  size_t len1, len10;
  char *a1 = coordinated(100, &len1), *a10 = coordinated(1000, &len10);
  double c1, c10, ratio;
  c1 = cost(a1, strlen(a1));
  c10 = cost(a10, strlen(a10));
  ratio = c10 / c1;
  printf("  100 actors %.3f ms, 1k actors %.3f ms: x%.1f\n", c1 * 1e3,
         c10 * 1e3, ratio);
  CHECK(ratio < 30);
  free(a1);
  free(a10);
  a1 = long_sentence(1000, &len1);
  a10 = long_sentence(10000, &len10);
  c1 = cost(a1, len1);
  c10 = cost(a10, len10);
  ratio = c10 / c1;
  printf("  1k-token sentence %.3f ms, 10k %.3f ms: x%.1f\n", c1 * 1e3,
         c10 * 1e3, ratio);
  CHECK(ratio < 30);
  free(a1);
  free(a10);
}

int main(void) {
  if (kb_dict_load(NULL, NULL, &dict, NULL) != KB_OK) {
    fprintf(stderr, "cannot load the dictionaries\n");
    return 1;
  }
  RUN(long_sentence_is_split_with_a_warning);
  RUN(a_thousand_coordinated_actors_code);
  RUN(coding_work_grows_linearly);
  kb_dict_free(dict);
  return harness_done("bounds");
}
