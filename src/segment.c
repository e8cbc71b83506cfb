/*
 * segment.c -- PLACEHOLDER being replaced (issue 2): one sentence per block.
 */
#include "kabar_int.h"

kb_status kb_doc_segment(kb_doc *doc, kb_error *err) {
  size_t i;
  kb_status st;
  if (doc->is_segmented)
    return KB_OK;
  st = kb_doc_clean(doc, NULL, NULL, err);
  if (st != KB_OK)
    return st;
  doc->sentences = arena_calloc(&doc->arena, doc->n_blocks + 1,
                                sizeof *doc->sentences);
  if (doc->sentences == NULL)
    return KB_ENOMEM;
  for (i = 0; i < doc->n_blocks; i++) {
    kb_sentence *s = &doc->sentences[doc->n_sentences++];
    s->span = doc->blocks[i].span;
    s->text.ptr = doc->text + s->span.start;
    s->text.len = s->span.end - s->span.start;
    s->part = doc->blocks[i].kind;
    s->block = i;
  }
  doc->is_segmented = 1;
  return KB_OK;
}
