/*
 * test_morph.c -- unit tests of the morph stage (src/morph.c): the API's
 * edge cases, the memo (agreement with fresh analysis, threads, failing
 * allocations), the proper-name guess of kb_doc_morph, and the pipeline
 * and JSON output with roots.  The linguistic cases are in
 * tests/spec/morph.txt (test_morph_spec.c).
 */
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"
#include "kabar_int.h"

static kb_dict *dict;

/* Analyses the NUL-terminated w. */
static kb_morph morph(const char *w) {
  kb_morph m;
  kb_morph_word(dict, w, strlen(w), &m);
  return m;
}

static void arguments_are_checked(void) {
  kb_morph m;
  CHECK_INT(kb_morph_word(dict, NULL, 3, &m), KB_EARG);
  CHECK_INT(kb_morph_word(dict, "kirim", 5, NULL), KB_EARG);
  CHECK_INT(kb_morph_word(dict, NULL, 0, &m), KB_OK);
  CHECK_INT(m.cls, KB_MORPH_UNKNOWN);
  CHECK_INT(m.root.len, 0);
}

static void no_dict_keeps_every_word(void) {
  kb_morph m;
  CHECK_INT(kb_morph_word(NULL, "mengirim", 8, &m), KB_OK);
  CHECK_TEXT(m.root, "mengirim");
  CHECK_INT(m.cls, KB_MORPH_UNKNOWN);
  CHECK_INT(m.n_prefixes, 0);
}

static void lexicon_roots_are_lower_case_and_owned_by_the_dict(void) {
  char word[] = "MENGIRIM";
  kb_morph m;
  kb_morph_word(dict, word, 8, &m);
  memset(word, 'x', 8); /* the root must not point into the word */
  CHECK_TEXT(m.root, "kirim");
  CHECK(m.flags & KB_MORPHF_KNOWN);
  CHECK_INT(m.prefixes[0], KB_PREFIX_MEN);
}

static void unknown_words_point_into_the_callers_word(void) {
  const char *w = "Zelenskyy";
  kb_morph m = morph(w);
  CHECK(m.root.ptr == w);
  CHECK_INT(m.root.len, 9);
  CHECK_INT(m.cls, KB_MORPH_UNKNOWN);
  CHECK(!(m.flags & KB_MORPHF_KNOWN));
  /* the memo must not keep the first caller's pointer */
  m = morph("ZELENSKYY");
  CHECK_TEXT(m.root, "ZELENSKYY");
}

static void odd_words_are_their_own_root(void) {
  static const char *const odd[] = {"P\xc3\xa9tain", "2024",   "-",    "--",
                                    "a--b",          "-an",    "qzx-", "ber3",
                                    "COVID-19",      "@kabar", ""};
  size_t i;
  for (i = 0; i < sizeof odd / sizeof *odd; i++) {
    kb_morph m = morph(odd[i]);
    CHECK(m.root.ptr == odd[i]);
    CHECK_INT(m.root.len, strlen(odd[i]));
    CHECK_INT(m.n_prefixes, 0);
  }
}

static void long_words_are_their_own_root(void) {
  char w[200];
  kb_morph m;
  memset(w, 'a', sizeof w);
  memcpy(w, "meng", 4);
  kb_morph_word(dict, w, sizeof w, &m);
  CHECK(m.root.ptr == w);
  CHECK_INT(m.root.len, sizeof w);
  /* exactly at the limit (48 bytes) is still analysed, and memoised */
  kb_morph_word(dict, "mempertanggungjawabkannya", 25, &m);
  CHECK_TEXT(m.root, "tanggung jawab");
  CHECK_INT(m.possessive, KB_POSS_NYA);
}

static void short_words_are_not_stemmed(void) {
  /* "dia" (he) is not di- + a; "ber" is not a prefix alone */
  CHECK_TEXT(morph("dia").root, "dia");
  CHECK_TEXT(morph("ber").root, "ber");
  /* two-letter lexicon words are roots, though never stripped ones */
  CHECK_TEXT(morph("di").root, "di");
  CHECK(morph("di").flags & KB_MORPHF_KNOWN);
  CHECK_TEXT(morph("beria").root, "ria"); /* not ber- + ia */
  /* a hyphen cut off at a line end */
  CHECK_TEXT(morph("melakukan-").root, "laku");
}

static void affix_text(void) {
  char buf[64];
  kb_morph m = morph("mempertanggungjawabkannya");
  CHECK_INT(kb_morph_affixes(&m, buf, sizeof buf), 19);
  CHECK_STR(buf, "meN- per- -kan -nya");
  /* truncation keeps a NUL and reports the full length */
  CHECK_INT(kb_morph_affixes(&m, buf, 5), 19);
  CHECK_STR(buf, "meN-");
  CHECK_INT(kb_morph_affixes(&m, buf, 0), 19);
  m = morph("presiden");
  CHECK_INT(kb_morph_affixes(&m, buf, sizeof buf), 0);
  CHECK_STR(buf, "");
}

static void names_of_classes_and_prefixes(void) {
  CHECK_STR(kb_morph_class_str(KB_MORPH_ACTIVE), "active");
  CHECK_STR(kb_morph_class_str(KB_MORPH_PASSIVE), "passive");
  CHECK_STR(kb_morph_class_str(KB_MORPH_NOMINAL), "nominal");
  CHECK_STR(kb_morph_class_str(KB_MORPH_NAME), "name");
  CHECK_STR(kb_morph_class_str((kb_morph_class)99), "none");
  CHECK_STR(kb_prefix_str(KB_PREFIX_MEN), "meN-");
  CHECK_STR(kb_prefix_str(KB_PREFIX_PEN), "peN-");
  CHECK_STR(kb_prefix_str((kb_prefix)99), "");
}

static void voice_hints(void) {
  CHECK_INT(morph("menyerang").cls, KB_MORPH_ACTIVE);
  CHECK_INT(morph("diserang").cls, KB_MORPH_PASSIVE);
  CHECK_INT(morph("bertemu").cls, KB_MORPH_INTRANSITIVE);
  CHECK_INT(morph("tertembak").cls, KB_MORPH_STATIVE);
  CHECK_INT(morph("serangan").cls, KB_MORPH_NOMINAL);
  CHECK_INT(morph("penyerangan").cls, KB_MORPH_NOMINAL);
  CHECK_INT(morph("kebijakan").cls, KB_MORPH_NOMINAL);
  CHECK_INT(morph("serang").cls, KB_MORPH_ROOT);
  CHECK_INT(morph("hatinya").cls, KB_MORPH_ROOT);
}

/* Words built from roots and affixes, for the memo tests. */
static const char *const words[] = {"mengirim",
                                    "dikirim",
                                    "pengiriman",
                                    "kiriman",
                                    "mengirimkan",
                                    "menyerang",
                                    "diserang",
                                    "serangan",
                                    "penyerang",
                                    "penyerangan",
                                    "bertemu",
                                    "pertemuan",
                                    "menemui",
                                    "ditemui",
                                    "menemukan",
                                    "terpilih",
                                    "pemilihan",
                                    "memilih",
                                    "dipilih",
                                    "pilihan",
                                    "kebijakan",
                                    "kunjungan",
                                    "mengunjungi",
                                    "dikunjungi",
                                    "berkunjung",
                                    "negara-negara",
                                    "tembak-menembak",
                                    "Putin",
                                    "hatinya",
                                    "pergilah",
                                    "menandatangani",
                                    "ditandatangani",
                                    "penandatanganan",
                                    "kerjasama",
                                    "bekerjasama",
                                    "Kementerian",
                                    "MENGIRIM",
                                    "Dikirim",
                                    "2024",
                                    "ke-3"};
#define N_WORDS (sizeof words / sizeof *words)

static void memo_agrees_with_fresh_analysis(void) {
  size_t i, round;
  for (round = 0; round < 3; round++)
    for (i = 0; i < N_WORDS; i++) {
      kb_morph cold, memo;
      size_t len = strlen(words[i]);
      kb_morph_analyse(dict, words[i], len, KB_MORPH_NO_MEMO, &cold);
      kb_morph_word(dict, words[i], len, &memo);
      CHECK(memcmp(&cold, &memo, sizeof cold) == 0);
    }
}

typedef struct thread_arg {
  size_t offset;
  int bad;
} thread_arg;

static void *analyse_all(void *p) {
  thread_arg *arg = p;
  size_t i, k;
  char w[64];
  for (k = 0; k < 200; k++)
    for (i = 0; i < N_WORDS; i++) {
      const char *src = words[(i + arg->offset) % N_WORDS];
      size_t len = strlen(src);
      kb_morph cold, memo;
      /* a fresh copy each time: words new to the memo keep arriving */
      memcpy(w, src, len);
      w[len] = '\0';
      if (k % 2 && len + 3 < sizeof w) {
        memcpy(w + len, "nya", 3);
        len += 3;
      }
      kb_morph_analyse(dict, w, len, KB_MORPH_NO_MEMO, &cold);
      kb_morph_word(dict, w, len, &memo);
      if (memcmp(&cold, &memo, sizeof cold) != 0)
        arg->bad++;
    }
  return NULL;
}

static void memo_is_safe_across_threads(void) {
  pthread_t th[4];
  thread_arg args[4];
  kb_dict *d2;
  kb_dict *saved = dict;
  size_t i;
  /* a fresh dict: the memo grows (and is copied) while threads read it */
  CHECK_INT(kb_dict_load(getenv("KB_TEST_DATA"), NULL, &d2, NULL), KB_OK);
  dict = d2;
  for (i = 0; i < 4; i++) {
    args[i].offset = i * 7;
    args[i].bad = 0;
    CHECK_INT(pthread_create(&th[i], NULL, analyse_all, &args[i]), 0);
  }
  for (i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    CHECK_INT(args[i].bad, 0);
  }
  dict = saved;
  kb_dict_free(d2);
}

/* ---- fault injection ------------------------------------------------- */

static long fail_at, n_allocs;

static void *failing_alloc(void *ctx, size_t size) {
  (void)ctx;
  if (++n_allocs == fail_at)
    return NULL;
  return malloc(size);
}

static void *failing_realloc(void *ctx, void *p, size_t old, size_t size) {
  (void)ctx;
  (void)old;
  if (++n_allocs == fail_at)
    return NULL;
  return realloc(p, size);
}

static void plain_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static void memo_survives_failing_allocations(void) {
  kb_allocator a = {failing_alloc, failing_realloc, plain_free, NULL};
  kb_dict *d;
  long n;
  kb_set_allocator(&a);
  fail_at = 0;
  n_allocs = 0;
  CHECK_INT(kb_dict_load(getenv("KB_TEST_DATA"), NULL, &d, NULL), KB_OK);
  for (n = 1; n <= 40; n++) {
    size_t i;
    fail_at = n_allocs + n;
    for (i = 0; i < N_WORDS; i++) {
      kb_morph cold, memo;
      size_t len = strlen(words[i]);
      kb_morph_analyse(d, words[i], len, KB_MORPH_NO_MEMO, &cold);
      CHECK_INT(kb_morph_word(d, words[i], len, &memo), KB_OK);
      CHECK(memcmp(&cold, &memo, sizeof cold) == 0);
    }
  }
  fail_at = 0;
  kb_dict_free(d);
  kb_set_allocator(NULL);
}

static void dict_load_survives_failing_allocations(void) {
  kb_allocator a = {failing_alloc, failing_realloc, plain_free, NULL};
  long n;
  int ok = 0;
  kb_set_allocator(&a);
  /* every allocation of a load fails once in turn; the load must report
   * KB_ENOMEM (or succeed) and leak nothing (LeakSanitizer under make
   * check).  The loader makes a few hundred allocations: test the first
   * 400 and then every 7th. */
  for (n = 1; n < 100000 && !ok; n += n < 400 ? 1 : 7) {
    kb_dict *d = NULL;
    kb_status st;
    n_allocs = 0;
    fail_at = n;
    st = kb_dict_load(getenv("KB_TEST_DATA"), NULL, &d, NULL);
    if (st == KB_OK) {
      ok = n_allocs < n; /* nothing failed: done */
      kb_dict_free(d);
    } else {
      CHECK_INT(st, KB_ENOMEM);
      CHECK(d == NULL);
    }
  }
  CHECK(ok);
  fail_at = 0;
  kb_set_allocator(NULL);
}

/* ---- the document stage ---------------------------------------------- */

/* A document whose tokens are set by hand (this tests morph, not the
 * segmenter): words separated by single spaces, with flags. */
typedef struct tok_spec {
  const char *text;
  kb_token_kind kind;
  unsigned flags;
} tok_spec;

static kb_doc *doc_with_tokens(const tok_spec *spec, size_t n) {
  char text[512];
  size_t i, len = 0;
  kb_doc *doc;
  text[0] = '\0';
  for (i = 0; i < n; i++) {
    size_t k = strlen(spec[i].text);
    memcpy(text + len, spec[i].text, k);
    len += k;
    text[len++] = ' ';
  }
  if (kb_doc_new("t", 1, text, len, &doc) != KB_OK)
    return NULL;
  doc->tokens = arena_calloc(&doc->arena, n, sizeof *doc->tokens);
  for (i = 0, len = 0; i < n; i++) {
    size_t k = strlen(spec[i].text);
    doc->tokens[i].span.start = len;
    doc->tokens[i].span.end = len + k;
    doc->tokens[i].text.ptr = doc->text + len;
    doc->tokens[i].text.len = k;
    doc->tokens[i].kind = spec[i].kind;
    doc->tokens[i].flags = spec[i].flags;
    len += k + 1;
  }
  doc->n_tokens = n;
  doc->is_cleaned = 1;
  doc->is_segmented = 1;
  return doc;
}

#define W KB_TOK_WORD
#define CAP KB_TOKF_CAPITAL
#define START (KB_TOKF_CAPITAL | KB_TOKF_SENT_START)
#define CAPS (KB_TOKF_CAPITAL | KB_TOKF_ALLCAPS)

static void names_inside_a_sentence_are_kept(void) {
  static const tok_spec spec[] = {{"Presiden", W, START},
                                  {"Putin", W, CAP},
                                  {"menandatangani", W, 0},
                                  {"perjanjian", W, 0},
                                  {"di", W, 0},
                                  {"Kediri", W, CAP},
                                  {"dengan", W, 0},
                                  {"Kementerian", W, CAP},
                                  {"Pertahanan", W, CAP},
                                  {"dan", W, 0},
                                  {"DPR", W, CAPS},
                                  {"2024", KB_TOK_NUMBER, 0},
                                  {".", KB_TOK_PUNCT, 0},
                                  {"Dikirim", W, START},
                                  {"PEMERINTAH", W, CAPS},
                                  {"Selasa", W, START}};
  kb_doc *doc = doc_with_tokens(spec, sizeof spec / sizeof *spec);
  const kb_morph *m;
  CHECK(doc != NULL);
  if (doc == NULL)
    return;
  CHECK(kb_doc_token_morph(doc, 0) == NULL);
  CHECK_INT(kb_doc_morph(doc, dict, NULL), KB_OK);
  m = kb_doc_token_morph(doc, 0);
  CHECK_TEXT(m->root, "presiden");
  CHECK_INT(m->cls, KB_MORPH_ROOT);
  m = kb_doc_token_morph(doc, 1);
  CHECK_TEXT(m->root, "Putin");
  CHECK_INT(m->cls, KB_MORPH_NAME);
  m = kb_doc_token_morph(doc, 2);
  CHECK_TEXT(m->root, "tanda tangan");
  CHECK_INT(m->cls, KB_MORPH_ACTIVE);
  /* "Kediri" (a town) is ke- + diri (self) only in form */
  m = kb_doc_token_morph(doc, 5);
  CHECK_TEXT(m->root, "Kediri");
  CHECK_INT(m->cls, KB_MORPH_NAME);
  /* a clear derivation is trusted even capitalised */
  m = kb_doc_token_morph(doc, 7);
  CHECK_TEXT(m->root, "menteri");
  CHECK_INT(m->cls, KB_MORPH_NOMINAL);
  m = kb_doc_token_morph(doc, 8);
  CHECK_TEXT(m->root, "tahan");
  m = kb_doc_token_morph(doc, 10);
  CHECK_TEXT(m->root, "DPR");
  CHECK_INT(m->cls, KB_MORPH_NAME);
  m = kb_doc_token_morph(doc, 11);
  CHECK_TEXT(m->root, "2024");
  CHECK_INT(m->cls, KB_MORPH_NONE);
  /* at the start of a sentence a capital says nothing */
  m = kb_doc_token_morph(doc, 13);
  CHECK_TEXT(m->root, "kirim");
  CHECK_INT(m->cls, KB_MORPH_PASSIVE);
  m = kb_doc_token_morph(doc, 14);
  CHECK_TEXT(m->root, "perintah");
  m = kb_doc_token_morph(doc, 15);
  CHECK_TEXT(m->root, "selasa");
  CHECK(kb_doc_token_morph(doc, 16) == NULL);
  /* a second run does nothing */
  CHECK_INT(kb_doc_morph(doc, dict, NULL), KB_OK);
  kb_doc_free(doc);
}

static void names_ending_like_suffixes_are_kept(void) {
  static const tok_spec spec[] = {{"warga", W, START},   {"Bekasi", W, CAP},
                                  {"dan", W, 0},         {"Rosan", W, CAP},
                                  {"Hadi", W, CAP},      {"Dimas", W, CAP},
                                  {"Kepolisian", W, CAP}};
  static const char *const roots[] = {"warga", "bekasi", "dan",   "Rosan",
                                      "Hadi",  "Dimas",  "polisi"};
  kb_doc *doc = doc_with_tokens(spec, sizeof spec / sizeof *spec);
  size_t i;
  CHECK(doc != NULL);
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_morph(doc, dict, NULL), KB_OK);
  for (i = 0; i < sizeof roots / sizeof *roots; i++)
    CHECK_TEXT(kb_doc_token_morph(doc, i)->root, roots[i]);
  kb_doc_free(doc);
}

static void headline_words_are_not_names(void) {
  /* "Serangan Israel Tewaskan 20 Orang" (Israeli attack kills 20): in a
   * headline every word is capitalised */
  static const tok_spec spec[] = {{"Serangan", W, START},
                                  {"Israel", W, CAP},
                                  {"Tewaskan", W, CAP},
                                  {"20", KB_TOK_NUMBER, 0},
                                  {"Orang", W, CAP}};
  kb_doc *doc = doc_with_tokens(spec, sizeof spec / sizeof *spec);
  kb_sentence *s;
  CHECK(doc != NULL);
  if (doc == NULL)
    return;
  s = arena_calloc(&doc->arena, 1, sizeof *s);
  s->part = KB_BLOCK_TITLE;
  s->first_token = 0;
  s->n_tokens = 5;
  doc->sentences = s;
  doc->n_sentences = 1;
  CHECK_INT(kb_doc_morph(doc, dict, NULL), KB_OK);
  CHECK_TEXT(kb_doc_token_morph(doc, 0)->root, "serang");
  CHECK_TEXT(kb_doc_token_morph(doc, 2)->root, "tewas");
  CHECK_INT(kb_doc_token_morph(doc, 2)->suffix, KB_SUFFIX_KAN);
  CHECK_TEXT(kb_doc_token_morph(doc, 4)->root, "orang");
  kb_doc_free(doc);
}

static void doc_morph_without_dict(void) {
  static const tok_spec spec[] = {{"mengirim", W, 0}, {"Putin", W, CAP}};
  kb_doc *doc = doc_with_tokens(spec, 2);
  CHECK(doc != NULL);
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_morph(doc, NULL, NULL), KB_OK);
  CHECK_TEXT(kb_doc_token_morph(doc, 0)->root, "mengirim");
  CHECK_INT(kb_doc_token_morph(doc, 0)->cls, KB_MORPH_UNKNOWN);
  kb_doc_free(doc);
}

static void doc_morph_survives_failing_allocations(void) {
  static const tok_spec spec[] = {{"mengirim", W, 0}, {"Putin", W, CAP}};
  kb_allocator a = {failing_alloc, failing_realloc, plain_free, NULL};
  long n;
  int ok = 0;
  for (n = 1; n < 50 && !ok; n++) {
    kb_doc *doc = doc_with_tokens(spec, 2);
    kb_status st;
    if (doc == NULL)
      continue;
    kb_set_allocator(&a);
    n_allocs = 0;
    fail_at = n;
    st = kb_doc_morph(doc, dict, NULL);
    fail_at = 0;
    kb_set_allocator(NULL);
    if (st == KB_OK) {
      ok = 1;
      CHECK_TEXT(kb_doc_token_morph(doc, 0)->root, "kirim");
    } else {
      CHECK_INT(st, KB_ENOMEM);
      CHECK(kb_doc_token_morph(doc, 0) == NULL);
    }
    kb_doc_free(doc);
  }
  CHECK(ok);
}

static void parse_runs_morph_and_json_shows_roots(void) {
  static const char text[] =
      "Korea Utara mengirim ucapan selamat kepada Rusia.\n\n"
      "Kedua negara menandatangani perjanjian kerja sama.\n";
  kb_doc *doc;
  char *json = NULL;
  size_t i, n_words = 0;
  CHECK_INT(kb_doc_new("t", 1, text, sizeof text - 1, &doc), KB_OK);
  kb_doc_set_field(doc, KB_FIELD_TITLE, "Uji", 3);
  CHECK_INT(kb_doc_parse(doc, dict, NULL, NULL), KB_OK);
  for (i = 0; i < kb_doc_n_tokens(doc); i++) {
    const kb_morph *m = kb_doc_token_morph(doc, i);
    CHECK(m != NULL);
    if (m && kb_doc_token(doc, i)->kind == KB_TOK_WORD)
      n_words++;
  }
  CHECK(n_words >= 10);
  CHECK_INT(kb_doc_to_json(doc, KB_JSON_TOKENS, &json, NULL), KB_OK);
  CHECK(json && strstr(json, "\"root\":\"kirim\",\"affixes\":\"meN-\","
                             "\"class\":\"active\"") != NULL);
  CHECK(json && strstr(json, "\"root\":\"tanda tangan\"") != NULL);
  kb_free(json);
  kb_doc_free(doc);
  /* without a dict, parse does not run morph and JSON has no roots */
  CHECK_INT(kb_doc_new("t", 1, text, sizeof text - 1, &doc), KB_OK);
  CHECK_INT(kb_doc_parse(doc, NULL, NULL, NULL), KB_OK);
  CHECK(kb_doc_token_morph(doc, 0) == NULL);
  CHECK_INT(kb_doc_to_json(doc, KB_JSON_TOKENS, &json, NULL), KB_OK);
  CHECK(json && strstr(json, "\"root\"") == NULL);
  kb_free(json);
  kb_doc_free(doc);
}

int main(void) {
  kb_error err;
  if (kb_dict_load(getenv("KB_TEST_DATA"), NULL, &dict, &err) != KB_OK) {
    fprintf(stderr, "cannot load the dictionaries: %s: %s\n",
            err.input ? err.input : "?", err.msg ? err.msg : "?");
    return 1;
  }
  RUN(arguments_are_checked);
  RUN(no_dict_keeps_every_word);
  RUN(lexicon_roots_are_lower_case_and_owned_by_the_dict);
  RUN(unknown_words_point_into_the_callers_word);
  RUN(odd_words_are_their_own_root);
  RUN(long_words_are_their_own_root);
  RUN(short_words_are_not_stemmed);
  RUN(affix_text);
  RUN(names_of_classes_and_prefixes);
  RUN(voice_hints);
  RUN(memo_agrees_with_fresh_analysis);
  RUN(memo_is_safe_across_threads);
  RUN(memo_survives_failing_allocations);
  RUN(dict_load_survives_failing_allocations);
  RUN(names_inside_a_sentence_are_kept);
  RUN(names_ending_like_suffixes_are_kept);
  RUN(headline_words_are_not_names);
  RUN(doc_morph_without_dict);
  RUN(doc_morph_survives_failing_allocations);
  RUN(parse_runs_morph_and_json_shows_roots);
  kb_dict_free(dict);
  return harness_done("morph");
}
