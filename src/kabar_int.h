/*
 * kabar_int.h -- internal types shared by several stages: the document and
 * the dictionary object behind the opaque handles of kabar.h.
 *
 * Stages read and fill `struct kb_doc`; each owns the fields it fills (named
 * in the comments below) and never writes another stage's fields.
 */
#ifndef KABAR_INT_H
#define KABAR_INT_H

#include "kabar.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/text_bits.h"

struct kb_doc {
  arena arena; /* everything below lives here */

  /* doc.c: identity and text */
  kb_text id;
  char *text; /* NUL-terminated, repaired UTF-8 */
  size_t len;
  kb_text fields[KB_FIELD_COUNT_];
  const char **warnings;
  size_t n_warnings, cap_warnings;
  /* reader_html.c: blocks whose kind the page's markup decided (the
   * headline, figure captions); the cleaner gives the blocks lying inside
   * them that kind (docs/HTML.md) */
  kb_block *hints;
  size_t n_hints;
  /* reader_html.c: runs of the text traced to the page it was read from
   * (html_piece: text offset and length, page bytes, exact), in text
   * order, for kb_doc_page_span; is_page: read from a page */
  struct page_run *page_runs;
  size_t n_page_runs;
  int is_page;
  /* doc.c: bit maps of the text's letters, capitals, digits and
   * parentheses (doc_text_bits), made once for the cleaner and the
   * segmenter; NULL until asked for */
  text_bits *bits;

  /* clean.c */
  int is_cleaned;
  kb_meta meta;
  kb_block *blocks;
  size_t n_blocks;
  /* Sorted offsets inside body/title/caption blocks where a glued word is
   * split ("diIran" -> "di|Iran"): the segmenter makes a token boundary
   * there and the sentence text gets a space. */
  size_t *splits;
  size_t n_splits;
  kb_repairs repairs;

  /* segment.c */
  int is_segmented;
  kb_sentence *sentences;
  size_t n_sentences;
  kb_token *tokens;
  size_t n_tokens;

  /* morph.c: one analysis per token (NULL until kb_doc_morph ran), and
   * the memo entry of each word token (NULL when none), on which later
   * stages cache what they work out about the word (morph.h) */
  kb_morph *morphs;
  const struct memo_entry **word_memo;

  /* code.c: events; each token's closed-class and phrase-start bits
   * (code.c, tag_actor.c) */
  int is_coded;
  uint32_t *word_class;
  kb_event *events;
  size_t n_events;
};

struct kb_dict {
  uint64_t serial; /* 1, 2, ... in order of loading: tells dictionaries
                      apart where an address could be reused (the
                      full-text tokenizer's per-thread cache) */
  arena arena;
  strset roots; /* lower-case roots: hunspell-id + data/roots.txt */
  strset names; /* exact-case proper names: data/names.txt, actors */

  /* morph.c: multi-word roots by their joined form ("tandatangan" ->
   * "tanda tangan", from data/morph_compounds.txt), and the memo of
   * analysed words (mutable behind the immutable dict; see morph.c) */
  strset compounds;
  kb_text *compound_roots; /* strset value -> spaced form */
  size_t n_compound_roots, cap_compound_roots;
  struct morph_memo *memo;

  /* dict_actors.c: actors (data/actors/ files).  Phrases are keyed by
   * their tokens joined with single spaces ("Korea Utara"; agent words
   * lower-cased: "menteri luar negeri").  Every token prefix of a phrase is
   * a key too, so that matching extends one token at a time: the value is
   * 1 + the index into `actors` for a whole phrase, 0 for a prefix only. */
  struct dict_actor *actors;
  size_t n_actors, cap_actors;
  strset actor_phrases; /* exact case */
  strset agent_phrases; /* lower case (kind AK_AGENT) */
  strset first_tokens;  /* lower-cased first token of every phrase: value
                           bit 1 an agent phrase, bit 2 an actor phrase */
  strset country_names; /* 3-letter code -> actor index of its name */

  /* dict_verbs.c: verb patterns (data/verbs.txt), by verb root */
  struct dict_verb *verbs;
  size_t n_verbs, cap_verbs;
  strset verb_roots; /* root -> index of its first pattern (chained) */
  strset verb_objects; /* object root -> its id (1, 2, ...): dict_verb's
                          obj_ids, compared by code.c's is_object */
  uint32_t n_verb_objects;
  int verb_objects_plain; /* at most 0x7fff, each starting with a-z: the
                             ids fit code.c's per-word fact */

  /* dict_cameo.c: CAMEO codes (data/cameo_events.txt) */
  strset cameo; /* code -> index into cameo_goldstein */
  double *cameo_goldstein;
  size_t n_cameo, cap_cameo;

  /* gazetteer.c: places (data/gazetteer/), for tag_place.c */
  struct gazetteer *gaz;
};

/* kb_doc_token_morph for the stages after morph, inlined: the coder asks
 * it several times per token. */
static inline const kb_morph *doc_token_morph(const kb_doc *doc, size_t i) {
  return doc->morphs && i < doc->n_tokens ? &doc->morphs[i] : NULL;
}

/* doc.c */
/* Attaches a warning (copied into the doc's arena).  Returns KB_OK or
 * KB_ENOMEM. */
kb_status doc_warn(kb_doc *doc, const char *msg);
/* Counts n_bad U+FFFD replacements made before the text reached the doc
 * (the JSON Lines reader repairs whole lines) and warns. */
kb_status doc_add_invalid_utf8(kb_doc *doc, size_t n_bad);
/* kb_doc_new for text the caller knows is valid UTF-8 without NUL bytes
 * (the JSON Lines reader's fast path): neither is checked again. */
kb_status doc_new_valid(const char *id, size_t id_len, const char *text,
                        size_t len, kb_doc **out);
/* Where text[0..len) is cut to fit KB_MAX_DOC_BYTES: len when it fits,
 * else the end of the last line in the final 64 KiB of the limit, else
 * the last character boundary within it. */
size_t doc_cut_point(const char *text, size_t len);
/* The text's bit maps (util/text_bits.h), made on the first call; NULL
 * when out of memory. */
const text_bits *doc_text_bits(kb_doc *doc);
/* Warns that a text of `total` bytes was cut to `kept`. */
kb_status doc_warn_cut(kb_doc *doc, size_t total, size_t kept);
/* Sets err (if not NULL) to a static message. */
void set_error(kb_error *err, kb_status code, const char *msg,
               const char *input, size_t line);

/* data.c: the data files compiled into the library (build/gen/data.c). */
typedef struct embedded_file {
  const char *name; /* path below data/, e.g. "roots.txt" */
  const unsigned char *data;
  size_t len;
} embedded_file;
extern const embedded_file kb_embedded_files[];
extern const size_t kb_n_embedded_files;

#endif
