/*
 * test_threads.c -- one kb_dict shared by threads (docs/DESIGN.md,
 * "Objects and memory"): several threads code the same articles at once
 * with one freshly loaded dictionary, so they fill the morph memo
 * together (and make it grow, copy and republish its table while others
 * read it), and every thread's output must equal, byte for byte, what one
 * thread made with a dictionary of its own.  `make tsan` runs this test
 * under ThreadSanitizer, which reports any data race among them.
 *
 * The articles are written here: short Indonesian news sentences, padded
 * with made-up words (meN-/di-/ber- + a pseudo-random stem + a suffix)
 * so that the memo sees thousands of words it has not seen.
 */
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"

#define N_DOCS 24
#define N_THREADS 4

static const char *const sentences[] = {
    "Menteri Luar Negeri Indonesia mengecam serangan Israel terhadap Gaza "
    "pada Senin.",
    "Presiden Rusia bertemu Presiden China di Beijing untuk membahas kerja "
    "sama energi.",
    "Pemerintah Jepang menandatangani perjanjian dagang dengan Korea "
    "Selatan.",
    "Kepolisian menangkap tiga tersangka setelah bentrokan di Ambon.",
    "Amerika Serikat menjatuhkan sanksi kepada Iran karena program "
    "nuklirnya.",
    "Perdana Menteri India mengunjungi Jakarta dan memuji hubungan kedua "
    "negara.",
    "Juru bicara Kementerian Pertahanan membantah tuduhan itu.",
    "Militer Myanmar tidak menyerang desa tersebut, kata warga."};

static const char *const prefixes[] = {"me", "mem", "men", "meng", "di",
                                       "ber", "ter", "per", "ke", ""};
static const char *const suffixes[] = {"kan", "i", "an", "nya", "", "lah"};

static char *texts[N_DOCS];
static char *expected[N_DOCS];
static size_t expected_len[N_DOCS];

/* Article i: a title, a dateline and sentences with made-up words. */
static char *make_text(int i, unsigned *seed) {
  size_t cap = 16384, len = 0;
  char *t = malloc(cap);
  int s, w, k;
  if (t == NULL)
    return NULL;
  len += (size_t)snprintf(t, cap, "Berita %d\n\nJAKARTA - ", i);
  for (s = 0; s < 12; s++) {
    len += (size_t)snprintf(t + len, cap - len, "%s ",
                            sentences[(i + s) % 8]);
    for (w = 0; w < 20; w++) {
      char stem[8];
      for (k = 0; k < 6; k++) {
        *seed = *seed * 1103515245u + 12345u;
        stem[k] = "abdegiklmnoprstuy"[(*seed >> 16) % 17];
      }
      stem[6] = 0;
      *seed = *seed * 1103515245u + 12345u;
      len += (size_t)snprintf(t + len, cap - len, "%s%s%s ",
                              prefixes[(*seed >> 8) % 10], stem,
                              suffixes[(*seed >> 20) % 6]);
    }
    len += (size_t)snprintf(t + len, cap - len, "usai.\n");
  }
  return t;
}

/* Codes article i with dict and formats its events (caller frees). */
static char *code(const kb_dict *dict, int i, size_t *len) {
  kb_doc *doc = NULL;
  char id[16], *out = NULL;
  kb_options opts = KB_OPTIONS_INIT;
  opts.reference_date = "2025-03-03";
  snprintf(id, sizeof id, "d%d", i);
  if (kb_doc_new(id, strlen(id), texts[i], strlen(texts[i]), &doc) != KB_OK)
    return NULL;
  if (kb_doc_code(doc, dict, &opts, NULL) != KB_OK ||
      kb_doc_events_format(doc, KB_FORMAT_JSONL, &out, len) != KB_OK)
    out = NULL;
  kb_doc_free(doc);
  return out;
}

typedef struct worker_arg {
  const kb_dict *dict;
  int first; /* threads start at different articles */
  int mismatches;
} worker_arg;

static void *worker(void *varg) {
  worker_arg *a = varg;
  int k;
  for (k = 0; k < N_DOCS; k++) {
    int i = (a->first + k) % N_DOCS;
    size_t len = 0;
    char *out = code(a->dict, i, &len);
    if (out == NULL || len != expected_len[i] ||
        memcmp(out, expected[i], len) != 0)
      a->mismatches++;
    kb_free(out);
  }
  return NULL;
}

static void test_shared_dict(void) {
  kb_dict *solo = NULL, *shared = NULL;
  pthread_t th[N_THREADS];
  worker_arg args[N_THREADS];
  unsigned seed = 7;
  int i, n_events = 0;
  for (i = 0; i < N_DOCS; i++)
    texts[i] = make_text(i, &seed);
  CHECK(kb_dict_load(NULL, NULL, &solo, NULL) == KB_OK);
  CHECK(kb_dict_load(NULL, NULL, &shared, NULL) == KB_OK);
  if (solo == NULL || shared == NULL)
    return;
  for (i = 0; i < N_DOCS; i++) {
    const char *p;
    expected[i] = code(solo, i, &expected_len[i]);
    CHECK(expected[i] != NULL);
    for (p = expected[i]; p && (p = strchr(p, '\n')) != NULL; p++)
      n_events++;
  }
  /* the articles code: a comparison of empty outputs proves nothing */
  CHECK(n_events >= N_DOCS * 8);
  for (i = 0; i < N_THREADS; i++) {
    args[i].dict = shared;
    args[i].first = i * (N_DOCS / N_THREADS);
    args[i].mismatches = 0;
    CHECK(pthread_create(&th[i], NULL, worker, &args[i]) == 0);
  }
  for (i = 0; i < N_THREADS; i++) {
    pthread_join(th[i], NULL);
    CHECK_INT(args[i].mismatches, 0);
  }
  for (i = 0; i < N_DOCS; i++) {
    kb_free(expected[i]);
    free(texts[i]);
  }
  kb_dict_free(solo);
  kb_dict_free(shared);
}

int main(void) {
  RUN(test_shared_dict);
  return harness_done("threads");
}
