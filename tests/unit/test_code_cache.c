/*
 * test_code_cache.c -- the facts the coder caches on the morph memo's
 * entries (src/morph.h, MORPH_FACT_*): a dict whose memo already holds
 * them (warm) must code a document exactly as a fresh dict does, whatever
 * the case of the words and whether the morph stage kept a word whole as
 * a name ("Serangan" inside a sentence) or stemmed it ("serangan" <-
 * serang); and threads sharing one fresh dict must agree with it too.
 * The sentences are invented for these tests.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"

/* Lower case first, then the same words capitalised or kept whole. */
static const char text_lower[] =
    "Pasukan Israel melancarkan serangan terhadap Iran pada hari Senin. "
    "Presiden Rusia Vladimir Putin mengecam Amerika Serikat. Korea Utara "
    "mengirim pasukan ke Rusia, kata kantor berita KCNA. Gaza diserang "
    "oleh Israel. Indonesia dan Malaysia menandatangani perjanjian kerja "
    "sama. China menuduh Jepang melanggar perjanjian itu.";
static const char text_upper[] =
    "Kelompok Serangan Fajar mengecam Israel. MILITER ISRAEL MENYERANG "
    "GAZA. Menteri Luar Negeri Rusia Sergei Lavrov bertemu dengan Menteri "
    "Luar Negeri China Wang Yi di Beijing. Jepang Mengecam China pada hari "
    "Selasa. Korea Selatan menuduh Korea Utara meluncurkan rudal. Kedua "
    "negara menandatangani perjanjian. Menurut laporan itu, Serangan "
    "Israel terhadap Iran menewaskan warga.";

/* The events of text coded with dict, one line each, into out. */
static size_t signature(kb_dict *dict, const char *text, char *out,
                        size_t size) {
  kb_doc *doc = NULL;
  kb_options opts = KB_OPTIONS_INIT;
  size_t i, n, len = 0;
  opts.reference_date = "2025-06-10";
  out[0] = '\0';
  if (kb_doc_new("cache", 5, text, strlen(text), &doc) != KB_OK)
    return 0;
  kb_doc_set_field(doc, KB_FIELD_TITLE, "Uji", 3);
  if (kb_doc_code(doc, dict, &opts, NULL) != KB_OK) {
    kb_doc_free(doc);
    return 0;
  }
  n = kb_doc_n_events(doc);
  for (i = 0; i < n && len < size; i++) {
    const kb_event *e = kb_doc_event(doc, i);
    int k = snprintf(out + len, size - len, "%zu %s %s %s %s %zu-%zu %d\n",
                     e->sentence, e->source.code, e->target.code, e->code,
                     e->date, e->source.span.start, e->target.span.end,
                     e->negated);
    if (k < 0)
      break;
    len += (size_t)k;
  }
  kb_doc_free(doc);
  return n;
}

static kb_dict *fresh_dict(void) {
  kb_dict *d = NULL;
  kb_error err;
  if (kb_dict_load(NULL, NULL, &d, &err) != KB_OK)
    return NULL;
  return d;
}

/* Codes `second` on a dict warmed by `first` and on a fresh dict. */
static void warm_equals_fresh(const char *first, const char *second) {
  kb_dict *warm = fresh_dict(), *cold = fresh_dict();
  static char a[8192], b[8192], c[8192];
  size_t n_warm, n_cold;
  CHECK(warm != NULL && cold != NULL);
  if (warm == NULL || cold == NULL) {
    kb_dict_free(warm);
    kb_dict_free(cold);
    return;
  }
  signature(warm, first, c, sizeof c);
  n_warm = signature(warm, second, a, sizeof a);
  n_cold = signature(cold, second, b, sizeof b);
  CHECK(n_cold >= 3); /* the texts hold events to compare */
  CHECK_INT(n_warm, n_cold);
  CHECK_STR(a, b);
  /* and the same dict again: every fact is now read from the memo */
  n_warm = signature(warm, second, a, sizeof a);
  CHECK_INT(n_warm, n_cold);
  CHECK_STR(a, b);
  kb_dict_free(warm);
  kb_dict_free(cold);
}

static void lower_then_upper(void) { warm_equals_fresh(text_lower, text_upper); }
static void upper_then_lower(void) { warm_equals_fresh(text_upper, text_lower); }

typedef struct job {
  kb_dict *dict;
  char out[8192];
  size_t n;
} job;

static void *code_both(void *p) {
  job *j = p;
  static char scratch[4][8192];
  size_t slot = (size_t)(j->out[0] & 3);
  int r;
  for (r = 0; r < 20; r++) {
    signature(j->dict, r % 2 ? text_lower : text_upper, scratch[slot],
              sizeof scratch[slot]);
    j->n = signature(j->dict, text_upper, j->out, sizeof j->out);
  }
  return NULL;
}

/* Four threads fill one fresh dict's facts at once. */
static void threads_agree(void) {
  kb_dict *shared = fresh_dict(), *cold = fresh_dict();
  static job jobs[4];
  static char want[8192];
  pthread_t th[4];
  size_t i, n_want;
  CHECK(shared != NULL && cold != NULL);
  if (shared == NULL || cold == NULL) {
    kb_dict_free(shared);
    kb_dict_free(cold);
    return;
  }
  n_want = signature(cold, text_upper, want, sizeof want);
  for (i = 0; i < 4; i++) {
    jobs[i].dict = shared;
    jobs[i].out[0] = (char)i;
    CHECK_INT(pthread_create(&th[i], NULL, code_both, &jobs[i]), 0);
  }
  for (i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    CHECK_INT(jobs[i].n, n_want);
    CHECK_STR(jobs[i].out, want);
  }
  kb_dict_free(shared);
  kb_dict_free(cold);
}

int main(void) {
  RUN(lower_then_upper);
  RUN(upper_then_lower);
  RUN(threads_agree);
  return harness_done("code_cache");
}
