/*
 * doc.c -- the document object: creation from raw bytes (UTF-8 repaired),
 * metadata fields, warnings, and the accessors over every stage's results.
 *
 * Input: bytes and an id, from a reader or a caller.  Output: kb_doc.
 * First box of the pipeline after the reader (docs/DESIGN.md).
 */
#include <stdio.h>
#include <string.h>

#include "kabar_int.h"
#include "util/alloc.h"
#include "util/utf8.h"

const char *kb_version(void) { return KB_VERSION_STRING; }

const char *kb_status_str(kb_status status) {
  switch (status) {
  case KB_OK:
    return "ok";
  case KB_DONE:
    return "no more input";
  case KB_ENOMEM:
    return "out of memory";
  case KB_EIO:
    return "input/output error";
  case KB_EFORMAT:
    return "malformed input";
  case KB_EBINARY:
    return "binary file";
  case KB_EEMPTY:
    return "empty input";
  case KB_EARG:
    return "invalid argument";
  case KB_EDB:
    return "database error";
  }
  return "unknown status";
}

void set_error(kb_error *err, kb_status code, const char *msg,
               const char *input, size_t line) {
  if (err == NULL)
    return;
  err->code = code;
  err->msg = msg;
  err->input = input;
  err->line = line;
  err->offset = 0;
}

/* Copies s[0..n) into the arena, repairing invalid UTF-8; *n_bad counts the
 * replacements.  NULL when out of memory. */
static char *copy_repaired(arena *a, const char *s, size_t n, size_t *out_len,
                           size_t *n_bad) {
  const unsigned char *u = (const unsigned char *)s;
  size_t valid = utf8_valid_prefix(u, n), size;
  char *p;
  *n_bad = 0;
  if (valid == n) {
    *out_len = n;
    return arena_strndup(a, s, n);
  }
  size = utf8_repaired_size(u, n, n_bad);
  p = arena_alloc(a, size + 1);
  if (p == NULL)
    return NULL;
  utf8_repair(u, n, p);
  p[size] = '\0';
  *out_len = size;
  return p;
}

size_t doc_cut_point(const char *text, size_t len) {
  size_t cut = KB_MAX_DOC_BYTES, floor, i;
  if (len <= KB_MAX_DOC_BYTES)
    return len;
  floor = cut - ((size_t)64 << 10);
  for (i = cut; i > floor; i--)
    if (text[i - 1] == '\n')
      return i;
  while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
    cut--; /* not inside a UTF-8 sequence */
  return cut;
}

const text_bits *doc_text_bits(kb_doc *doc) {
  text_bits *b;
  if (doc->bits != NULL)
    return doc->bits;
  b = arena_alloc(&doc->arena, sizeof *b);
  if (b == NULL ||
      text_bits_make(&doc->arena, (const unsigned char *)doc->text, doc->len,
                     b) != 0)
    return NULL;
  doc->bits = b;
  return b;
}

kb_status doc_warn_cut(kb_doc *doc, size_t total, size_t kept) {
  char msg[160];
  snprintf(msg, sizeof msg,
           "text of %zu bytes cut to its first %zu (the limit is %zu MiB)",
           total, kept, KB_MAX_DOC_BYTES >> 20);
  return doc_warn(doc, msg);
}

/* kb_doc_new; valid: the caller knows text[0..len) is valid UTF-8 without
 * NUL bytes, so neither is checked again. */
static kb_status doc_new(const char *id, size_t id_len, const char *text,
                         size_t len, int valid, kb_doc **out) {
  kb_doc *doc;
  arena a;
  size_t n_bad = 0, n_bad_id = 0, total = len;
  char *id_copy;
  *out = NULL;
  if (text == NULL && len > 0)
    return KB_EARG;
  if (!valid && len > 0 && memchr(text, '\0', len) != NULL)
    return KB_EBINARY;
  if (id != NULL && id_len > 0 && memchr(id, '\0', id_len) != NULL)
    return KB_EARG;
  len = doc_cut_point(text, len);
  /* One chunk for the text and all that clean and segment keep beside it
   * (lines, blocks, room for a token per 5 bytes and their flags, sentences,
   * bit maps: about 12 bytes per byte of text), so that a document costs
   * one malloc and free where it cost three; pages never touched cost no
   * memory.  Later stages' chunks grow from a size of their own. */
  arena_init(&a, len * 13 + 4096);
  doc = arena_calloc(&a, 1, sizeof *doc);
  if (doc == NULL)
    goto nomem;
  a.next_size = len * 2 + 4096;
  doc->arena = a;
  if (valid) {
    doc->text = arena_strndup(&doc->arena, text ? text : "", len);
    doc->len = len;
  } else {
    doc->text = copy_repaired(&doc->arena, text ? text : "", len, &doc->len,
                              &n_bad);
  }
  if (doc->text == NULL)
    goto nomem_doc;
  if (id == NULL)
    id_len = 0;
  id_copy = copy_repaired(&doc->arena, id ? id : "", id_len, &doc->id.len,
                          &n_bad_id);
  if (id_copy == NULL)
    goto nomem_doc;
  doc->id.ptr = id_copy;
  if (n_bad_id > 0 &&
      doc_warn(doc, "invalid UTF-8 in the id, replaced by U+FFFD") != KB_OK)
    goto nomem_doc;
  if (doc_add_invalid_utf8(doc, n_bad) != KB_OK)
    goto nomem_doc;
  if (len < total && doc_warn_cut(doc, total, len) != KB_OK)
    goto nomem_doc;
  *out = doc;
  return KB_OK;
nomem_doc:
  a = doc->arena;
nomem:
  arena_free(&a);
  return KB_ENOMEM;
}

kb_status kb_doc_new(const char *id, size_t id_len, const char *text,
                     size_t len, kb_doc **out) {
  return doc_new(id, id_len, text, len, 0, out);
}

kb_status doc_new_valid(const char *id, size_t id_len, const char *text,
                        size_t len, kb_doc **out) {
  return doc_new(id, id_len, text, len, 1, out);
}

void kb_doc_free(kb_doc *doc) {
  arena a;
  if (doc == NULL)
    return;
  a = doc->arena; /* the doc itself lives in its arena */
  arena_free(&a);
}

kb_status kb_doc_set_field(kb_doc *doc, kb_field field, const char *value,
                           size_t len) {
  size_t n_bad, out_len;
  char *p;
  if ((unsigned)field >= KB_FIELD_COUNT_)
    return KB_EARG;
  if (value == NULL) {
    doc->fields[field].ptr = NULL;
    doc->fields[field].len = 0;
    return KB_OK;
  }
  p = copy_repaired(&doc->arena, value, len, &out_len, &n_bad);
  if (p == NULL)
    return KB_ENOMEM;
  doc->fields[field].ptr = p;
  doc->fields[field].len = out_len;
  return KB_OK;
}

kb_text kb_doc_field(const kb_doc *doc, kb_field field) {
  kb_text none = {NULL, 0};
  if ((unsigned)field >= KB_FIELD_COUNT_)
    return none;
  return doc->fields[field];
}

kb_text kb_doc_id(const kb_doc *doc) { return doc->id; }

kb_text kb_doc_text(const kb_doc *doc) {
  kb_text t;
  t.ptr = doc->text;
  t.len = doc->len;
  return t;
}

kb_status doc_warn(kb_doc *doc, const char *msg) {
  char *copy;
  if (arena_grow(&doc->arena, (void **)&doc->warnings, &doc->cap_warnings,
                 doc->n_warnings + 1, sizeof *doc->warnings) != 0)
    return KB_ENOMEM;
  copy = arena_strndup(&doc->arena, msg, strlen(msg));
  if (copy == NULL)
    return KB_ENOMEM;
  doc->warnings[doc->n_warnings++] = copy;
  return KB_OK;
}

kb_status doc_add_invalid_utf8(kb_doc *doc, size_t n_bad) {
  char msg[96];
  if (n_bad == 0)
    return KB_OK;
  doc->repairs.invalid_utf8 += n_bad;
  snprintf(msg, sizeof msg, "%zu invalid UTF-8 sequence%s replaced by U+FFFD",
           n_bad, n_bad == 1 ? "" : "s");
  return doc_warn(doc, msg);
}

size_t kb_doc_n_warnings(const kb_doc *doc) { return doc->n_warnings; }

const char *kb_doc_warning(const kb_doc *doc, size_t i) {
  return i < doc->n_warnings ? doc->warnings[i] : NULL;
}

const kb_meta *kb_doc_meta(const kb_doc *doc) { return &doc->meta; }

size_t kb_doc_n_blocks(const kb_doc *doc) { return doc->n_blocks; }

const kb_block *kb_doc_block(const kb_doc *doc, size_t i) {
  return i < doc->n_blocks ? &doc->blocks[i] : NULL;
}

const kb_repairs *kb_doc_repairs(const kb_doc *doc) { return &doc->repairs; }

size_t kb_doc_n_sentences(const kb_doc *doc) { return doc->n_sentences; }

const kb_sentence *kb_doc_sentence(const kb_doc *doc, size_t i) {
  return i < doc->n_sentences ? &doc->sentences[i] : NULL;
}

size_t kb_doc_n_tokens(const kb_doc *doc) { return doc->n_tokens; }

const kb_token *kb_doc_token(const kb_doc *doc, size_t i) {
  return i < doc->n_tokens ? &doc->tokens[i] : NULL;
}

kb_status kb_doc_parse(kb_doc *doc, const kb_dict *dict,
                       const kb_options *opts, kb_error *err) {
  kb_status st = kb_doc_clean(doc, dict, opts, err);
  if (st != KB_OK)
    return st;
  st = kb_doc_segment(doc, err);
  if (st != KB_OK || dict == NULL)
    return st;
  return kb_doc_morph(doc, dict, err);
}
