/*
 * harness.h -- the unit-test harness: CHECK macros that print the file and
 * line of a failure, and a RUN macro that counts tests.  Each
 * tests/unit/test_<stage>.c includes it and ends its main with
 * `return harness_done("<stage>");`, which prints "# <stage>: N passed,
 * N failed"; tests/run.sh adds the counts up.
 */
#ifndef KB_TEST_HARNESS_H
#define KB_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

#include "kabar.h"

static int harness_failed_checks;
static int harness_passed, harness_failed;
static const char *harness_test;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      harness_failed_checks++;                                                 \
      fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,     \
              harness_test, #cond);                                            \
    }                                                                          \
  } while (0)

#define CHECK_INT(got, want)                                                   \
  do {                                                                         \
    long long g_ = (long long)(got), w_ = (long long)(want);                   \
    if (g_ != w_) {                                                            \
      harness_failed_checks++;                                                 \
      fprintf(stderr, "%s:%d: %s: %s is %lld, want %lld\n", __FILE__,          \
              __LINE__, harness_test, #got, g_, w_);                           \
    }                                                                          \
  } while (0)

/* Compares a kb_text (or pointer + length) with a C string. */
#define CHECK_TEXT(text, want)                                                 \
  do {                                                                         \
    kb_text t_ = (text);                                                       \
    const char *w_ = (want);                                                   \
    if (w_ == NULL ? t_.ptr != NULL                                            \
                   : (t_.ptr == NULL || t_.len != strlen(w_) ||                \
                      memcmp(t_.ptr, w_, t_.len) != 0)) {                      \
      harness_failed_checks++;                                                 \
      fprintf(stderr, "%s:%d: %s: %s is \"%.*s\"%s, want \"%s\"\n", __FILE__,  \
              __LINE__, harness_test, #text, t_.ptr ? (int)t_.len : 4,         \
              t_.ptr ? t_.ptr : "NULL", t_.ptr ? "" : "(absent)",              \
              w_ ? w_ : "NULL");                                               \
    }                                                                          \
  } while (0)

#define CHECK_STR(got, want)                                                   \
  do {                                                                         \
    const char *g_ = (got), *w_ = (want);                                      \
    if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) {         \
      harness_failed_checks++;                                                 \
      fprintf(stderr, "%s:%d: %s: %s is \"%s\", want \"%s\"\n", __FILE__,      \
              __LINE__, harness_test, #got, g_ ? g_ : "NULL",                  \
              w_ ? w_ : "NULL");                                               \
    }                                                                          \
  } while (0)

/* Checks that span `s` of text `base` holds exactly `want`. */
#define CHECK_SPAN(base, s, want)                                              \
  do {                                                                         \
    kb_span s_ = (s);                                                          \
    const char *b_ = (base), *w_ = (want);                                     \
    if (s_.end < s_.start || s_.end - s_.start != strlen(w_) ||                \
        memcmp(b_ + s_.start, w_, s_.end - s_.start) != 0) {                   \
      harness_failed_checks++;                                                 \
      fprintf(stderr, "%s:%d: %s: span [%zu,%zu) holds \"%.*s\", want "        \
                      "\"%s\"\n",                                              \
              __FILE__, __LINE__, harness_test, s_.start, s_.end,              \
              s_.end >= s_.start ? (int)(s_.end - s_.start) : 0,               \
              b_ + s_.start, w_);                                              \
    }                                                                          \
  } while (0)

#define RUN(test)                                                              \
  do {                                                                         \
    int before_ = harness_failed_checks;                                       \
    harness_test = #test;                                                      \
    test();                                                                    \
    if (harness_failed_checks == before_)                                      \
      harness_passed++;                                                        \
    else                                                                       \
      harness_failed++;                                                        \
  } while (0)

static int harness_done(const char *name) {
  printf("# %s: %d passed, %d failed\n", name, harness_passed, harness_failed);
  return harness_failed ? 1 : 0;
}

#endif
