/*
 * clean.c -- PLACEHOLDER being replaced (issue 2): one body block.
 */
#include "kabar_int.h"

kb_status kb_doc_clean(kb_doc *doc, const kb_dict *dict,
                       const kb_options *opts, kb_error *err) {
  (void)dict;
  (void)opts;
  (void)err;
  if (doc->is_cleaned)
    return KB_OK;
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  if (doc->blocks == NULL)
    return KB_ENOMEM;
  doc->blocks[0].kind = KB_BLOCK_BODY;
  doc->blocks[0].span.end = doc->len;
  doc->n_blocks = 1;
  doc->meta.title = doc->fields[KB_FIELD_TITLE];
  doc->is_cleaned = 1;
  return KB_OK;
}
