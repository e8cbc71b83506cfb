/*
 * store_prep.c -- what storing an article needs from it that no database
 * does: its identity hash, its near-duplicate signature, its cleaned body
 * and the full-text index's tokens of its title and body
 * (kb_store_prepare).
 *
 * Input: a coded kb_doc and the dictionaries.  Output: a kb_store_prep,
 * one block of memory, that kb_store_ingest_prepared reads.  Part of the
 * store stage (docs/STORE.md, "Ingest pipeline"): it touches only the
 * document and the immutable dict, so `kabar ingest` runs it on the
 * threads that code, while another thread writes the articles before.
 * The tokens are the tokenizer's own (store_fts.c), made from the same
 * text: the store replays them only when the text and the lexicon are
 * the same, so the index holds what tokenizing it anew would give.
 */
#include <string.h>

#include "store.h"
#include "util/alloc.h"

/* The article's cleaned text for the full-text index: its body and
 * caption sentences, one per line, in the normalised form. */
static void body_text(const kb_doc *doc, buf *b) {
  size_t i, n = kb_doc_n_sentences(doc), first = b->len;
  for (i = 0; i < n; i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    if (s->part == KB_BLOCK_TITLE)
      continue;
    if (b->len > first)
      buf_putc(b, '\n');
    buf_append(b, s->text.ptr, s->text.len);
  }
}

kb_status store_prep_make(kb_doc *doc, const kb_dict *dict, int with_tokens,
                          kb_store_prep **out) {
  const kb_meta *meta = kb_doc_meta(doc);
  kb_text title =
      meta->title.ptr ? meta->title : kb_doc_field(doc, KB_FIELD_TITLE);
  kb_store_prep head;
  buf b = BUF_INIT;
  int k;
  *out = NULL;
  memset(&head, 0, sizeof head);
  store_identity(doc, head.hash);
  head.n_shingles = store_minhash(doc, head.sig);
  /* the block: the header, then the texts, then the tokens */
  buf_append(&b, &head, sizeof head);
  head.body = b.len;
  body_text(doc, &b);
  head.body_len = b.len - head.body;
  buf_putc(&b, 0);
  head.has_title = title.ptr != NULL;
  head.title = b.len;
  head.title_len = title.ptr ? title.len : 0;
  buf_append(&b, title.ptr ? title.ptr : "", head.title_len);
  buf_putc(&b, 0);
  if (with_tokens && dict != NULL && !buf_failed(&b)) {
    /* tokenized into a buffer of their own: appending to b moves the
     * texts they are made from */
    buf toks = BUF_INIT;
    head.dict = dict;
    for (k = 0; k < 2; k++) {
      buf_reset(&toks);
      if ((k == 0 ? head.has_title : 1) &&
          store_fts_tokens(dict, b.ptr + (k == 0 ? head.title : head.body),
                           k == 0 ? head.title_len : head.body_len,
                           &toks) != 0)
        b.failed = 1;
      head.toks[k] = b.len;
      buf_append(&b, toks.ptr, toks.len);
      head.toks_len[k] = toks.len;
    }
    buf_free(&toks);
  }
  if (buf_failed(&b)) {
    buf_free(&b);
    return KB_ENOMEM;
  }
  memcpy(b.ptr, &head, sizeof head);
  *out = (kb_store_prep *)(void *)b.ptr;
  return KB_OK;
}

kb_status kb_store_prepare(kb_doc *doc, const kb_dict *dict,
                           const kb_options *opts, kb_store_prep **out,
                           kb_error *err) {
  kb_status rc;
  if (out == NULL || doc == NULL || dict == NULL) {
    set_error(err, KB_EARG, "no document, dictionary or result", NULL, 0);
    return KB_EARG;
  }
  *out = NULL;
  if ((rc = kb_doc_code(doc, dict, opts, err)) != KB_OK)
    return rc;
  if ((rc = store_prep_make(doc, dict, 1, out)) != KB_OK)
    set_error(err, rc, "out of memory", NULL, 0);
  return rc;
}

void kb_store_prep_free(kb_store_prep *prep) { kb_free(prep); }
