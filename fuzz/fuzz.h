/*
 * fuzz.h -- what the fuzz targets (fuzz/fuzz_*.c) share: a REQUIRE that
 * aborts on a broken invariant (libFuzzer then saves the input), the
 * dictionaries loaded once, a scratch file for targets that go through
 * the reader, and the checks every document must pass whatever the input.
 *
 * Each target defines LLVMFuzzerTestOneInput.  Built by `make fuzz` with
 * clang's libFuzzer; built with the ordinary compiler and
 * fuzz/standalone.c by `make test`, which replays fuzz/corpus/<target>/
 * (tests/cli/test_fuzz_corpus.sh).
 */
#ifndef KB_FUZZ_H
#define KB_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kabar_int.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond)                                                          \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: REQUIRE(%s) failed\n", __FILE__, __LINE__,       \
              #cond);                                                          \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* The dictionaries compiled into the library (or from $KB_FUZZ_DATA),
 * loaded on first use and kept for the whole run. */
static inline kb_dict *fuzz_dict(void) {
  static kb_dict *dict;
  kb_error err;
  if (dict == NULL &&
      kb_dict_load(getenv("KB_FUZZ_DATA"), NULL, &dict, &err) != KB_OK) {
    fprintf(stderr, "fuzz: cannot load the dictionaries: %s: %s\n",
            err.input ? err.input : "?", err.msg ? err.msg : "?");
    abort();
  }
  return dict;
}

static char fuzz_dir_path[256];

/* Removes path and, when it is a folder, everything in it. */
static inline void fuzz_rm(const char *path) {
  struct stat st;
  DIR *d;
  struct dirent *e;
  if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
      (d = opendir(path)) != NULL) {
    while ((e = readdir(d)) != NULL) {
      char sub[2048];
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        continue;
      if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) <
          (int)sizeof sub)
        fuzz_rm(sub);
    }
    closedir(d);
  }
  remove(path);
}

static void fuzz_dir_remove(void) { fuzz_rm(fuzz_dir_path); }

/* A private scratch folder (made once, under $TMPDIR, else /dev/shm when
 * there is one, else /tmp; removed at exit).  Targets rewrite a file in it
 * for every input: on a disk file system opening and truncating it took
 * an eighth of fuzz_reader_text's CPU time. */
static inline const char *fuzz_dir(void) {
  char *dir = fuzz_dir_path;
  if (dir[0] == '\0') {
    const char *t = getenv("TMPDIR");
    if (t == NULL || *t == '\0')
      t = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof fuzz_dir_path, "%s/kabar-fuzz-XXXXXX", t);
    if (mkdtemp(dir) == NULL) {
      perror("fuzz: mkdtemp");
      abort();
    }
    atexit(fuzz_dir_remove);
  }
  return dir;
}

/* Writes data[0..size) to the scratch file `name`; returns its path
 * (static storage, overwritten by the next call). */
static inline const char *fuzz_file(const char *name, const uint8_t *data,
                             size_t size) {
  static char path[512];
  FILE *f;
  snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
  f = fopen(path, "wb");
  if (f == NULL || (size && fwrite(data, 1, size, f) != size) ||
      fclose(f) != 0) {
    perror(path);
    abort();
  }
  return path;
}

static inline int span_ok(const kb_doc *doc, kb_span s) {
  return s.start <= s.end && s.end <= doc->len;
}

/* A text field is either absent or valid UTF-8 without NUL bytes. */
static inline void check_text(kb_text t) {
  if (t.ptr == NULL)
    return;
  REQUIRE(utf8_valid_prefix((const unsigned char *)t.ptr, t.len) == t.len);
  REQUIRE(t.len == 0 || memchr(t.ptr, '\0', t.len) == NULL);
}

/* What holds for every document whatever the input: valid UTF-8 text
 * without NUL bytes, fields and warnings likewise. */
static inline void check_doc(const kb_doc *doc) {
  kb_text t = kb_doc_text(doc);
  size_t i;
  REQUIRE(t.ptr != NULL && t.ptr[t.len] == '\0');
  check_text(t);
  check_text(kb_doc_id(doc));
  for (i = 0; i < KB_FIELD_COUNT_; i++)
    check_text(kb_doc_field(doc, (kb_field)i));
  for (i = 0; i < kb_doc_n_warnings(doc); i++)
    REQUIRE(kb_doc_warning(doc, i) != NULL);
}

/* After kb_doc_clean: blocks in order inside the text, meta spans inside
 * the text, meta strings valid. */
static inline void check_clean(const kb_doc *doc) {
  const kb_meta *m = kb_doc_meta(doc);
  size_t i, prev = 0;
  for (i = 0; i < kb_doc_n_blocks(doc); i++) {
    const kb_block *b = kb_doc_block(doc, i);
    REQUIRE(span_ok(doc, b->span));
    REQUIRE(b->span.start >= prev);
    REQUIRE(b->kind <= KB_BLOCK_DUPLICATE);
    prev = b->span.end;
  }
  REQUIRE(span_ok(doc, m->title_span) && span_ok(doc, m->outlet_span) &&
          span_ok(doc, m->author_span) && span_ok(doc, m->published_span) &&
          span_ok(doc, m->dateline_span));
  check_text(m->title);
  check_text(m->outlet);
  check_text(m->author);
  check_text(m->published);
  check_text(m->dateline);
  check_text(m->reference_date);
  check_text(m->url);
  if (m->reference_date.ptr != NULL)
    REQUIRE(m->reference_date.len == 10);
}

/* After kb_doc_segment: sentences in order, their tokens inside them, each
 * token's text its span's bytes and free of white space. */
static inline void check_segment(const kb_doc *doc) {
  size_t i, k, n_tok = kb_doc_n_tokens(doc), next_tok = 0;
  for (i = 0; i < kb_doc_n_sentences(doc); i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    REQUIRE(span_ok(doc, s->span));
    REQUIRE(s->first_token == next_tok);
    REQUIRE(s->first_token + s->n_tokens <= n_tok);
    REQUIRE(s->block < kb_doc_n_blocks(doc));
    check_text(s->text);
    next_tok = s->first_token + s->n_tokens;
    for (k = s->first_token; k < next_tok; k++) {
      const kb_token *t = kb_doc_token(doc, k);
      size_t j;
      REQUIRE(span_ok(doc, t->span));
      REQUIRE(t->span.start >= s->span.start && t->span.end <= s->span.end);
      REQUIRE(t->text.len > 0);
      REQUIRE(t->text.ptr == doc->text + t->span.start &&
              t->text.len == t->span.end - t->span.start);
      for (j = 0; j < t->text.len; j++)
        REQUIRE(t->text.ptr[j] != ' ' && t->text.ptr[j] != '\n' &&
                t->text.ptr[j] != '\t' && t->text.ptr[j] != '\r');
      if (k > s->first_token)
        REQUIRE(t->span.start >= kb_doc_token(doc, k - 1)->span.end);
    }
  }
  REQUIRE(next_tok == n_tok);
}

#endif
