/*
 * emit.c -- renders documents (and, later, events) as JSON Lines.
 *
 * Input: a parsed kb_doc.  Output: one line of JSON per document, as
 * `kabar parse` prints it; the field names are fixed in docs/FORMATS.md.
 * Last box of the pipeline (docs/DESIGN.md).
 */
#include <string.h>

#include "kabar_int.h"
#include "util/alloc.h"
#include "util/buf.h"

static void put_key(buf *b, const char *key) {
  buf_putc(b, ',');
  buf_json_str(b, key, strlen(key));
  buf_putc(b, ':');
}

static void put_text(buf *b, const char *key, kb_text t) {
  put_key(b, key);
  if (t.ptr)
    buf_json_str(b, t.ptr, t.len);
  else
    buf_puts(b, "null");
}

static void put_span(buf *b, kb_span s) {
  buf_putc(b, '[');
  buf_put_size(b, s.start);
  buf_putc(b, ',');
  buf_put_size(b, s.end);
  buf_putc(b, ']');
}

static const char *const token_kinds[] = {"word",  "number", "punct", "url",
                                          "email", "abbrev", "symbol"};

static void put_tokens(buf *b, const kb_doc *doc, const kb_sentence *s) {
  size_t i;
  put_key(b, "tokens");
  buf_putc(b, '[');
  for (i = 0; i < s->n_tokens; i++) {
    const kb_token *t = &doc->tokens[s->first_token + i];
    if (i)
      buf_putc(b, ',');
    buf_puts(b, "{\"text\":");
    buf_json_str(b, t->text.ptr, t->text.len);
    buf_puts(b, ",\"span\":");
    put_span(b, t->span);
    buf_puts(b, ",\"kind\":\"");
    buf_puts(b, token_kinds[t->kind]);
    buf_putc(b, '"');
    if (doc->morphs && t->kind == KB_TOK_WORD) {
      /* the morph stage's root, affixes ("meN- -i") and class */
      const kb_morph *m = &doc->morphs[s->first_token + i];
      char affixes[96];
      buf_puts(b, ",\"root\":");
      buf_json_str(b, m->root.ptr, m->root.len);
      kb_morph_affixes(m, affixes, sizeof affixes);
      buf_puts(b, ",\"affixes\":");
      buf_json_str(b, affixes, strlen(affixes));
      buf_puts(b, ",\"class\":\"");
      buf_puts(b, kb_morph_class_str(m->cls));
      buf_putc(b, '"');
    }
    buf_putc(b, '}');
  }
  buf_putc(b, ']');
}

kb_status kb_doc_to_json(const kb_doc *doc, unsigned flags, char **out,
                         size_t *len) {
  buf b = BUF_INIT, tmp = BUF_INIT;
  const kb_meta *m = &doc->meta;
  size_t i, n;
  *out = NULL;
  buf_puts(&b, "{\"doc\":");
  buf_json_str(&b, doc->id.ptr, doc->id.len);
  put_text(&b, "title", m->title);
  put_text(&b, "outlet", m->outlet);
  put_text(&b, "author", m->author);
  put_text(&b, "published", m->published);
  put_text(&b, "dateline", m->dateline);
  put_text(&b, "reference_date", m->reference_date);
  put_text(&b, "url", m->url);
  put_key(&b, "captions");
  buf_putc(&b, '[');
  /* one string per caption block: its sentences joined by a space */
  for (i = 0, n = 0; i < doc->n_sentences;) {
    size_t block = doc->sentences[i].block;
    if (doc->sentences[i].part != KB_BLOCK_CAPTION) {
      i++;
      continue;
    }
    buf_reset(&tmp);
    for (; i < doc->n_sentences && doc->sentences[i].block == block; i++) {
      if (tmp.len)
        buf_putc(&tmp, ' ');
      buf_append(&tmp, doc->sentences[i].text.ptr, doc->sentences[i].text.len);
    }
    if (n++)
      buf_putc(&b, ',');
    buf_json_str(&b, tmp.ptr ? tmp.ptr : "", tmp.len);
  }
  buf_putc(&b, ']');
  put_key(&b, "sentences");
  buf_putc(&b, '[');
  for (i = 0, n = 0; i < doc->n_sentences; i++) {
    const kb_sentence *s = &doc->sentences[i];
    if (s->part != KB_BLOCK_BODY)
      continue;
    if (n++)
      buf_putc(&b, ',');
    buf_puts(&b, "{\"text\":");
    buf_json_str(&b, s->text.ptr, s->text.len);
    buf_puts(&b, ",\"span\":");
    put_span(&b, s->span);
    if (doc->is_page) { /* read from an HTML page: the bytes of the page */
      kb_span page;
      buf_puts(&b, ",\"page_span\":");
      if (kb_doc_page_span(doc, s->span, &page))
        put_span(&b, page);
      else
        buf_puts(&b, "null");
    }
    if (flags & KB_JSON_TOKENS)
      put_tokens(&b, doc, s);
    buf_putc(&b, '}');
  }
  buf_putc(&b, ']');
  put_key(&b, "warnings");
  buf_putc(&b, '[');
  for (i = 0; i < doc->n_warnings; i++) {
    if (i)
      buf_putc(&b, ',');
    buf_json_str(&b, doc->warnings[i], strlen(doc->warnings[i]));
  }
  buf_puts(&b, "]}");
  if (buf_failed(&tmp))
    b.failed = 1;
  buf_free(&tmp);
  if (buf_cstr(&b) == NULL) {
    buf_free(&b);
    return KB_ENOMEM;
  }
  *out = b.ptr;
  if (len)
    *len = b.len;
  return KB_OK;
}
