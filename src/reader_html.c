/*
 * reader_html.c -- one HTML page -> kb_doc: the extracted article as the
 * document's text, its metadata as fields, the headline and captions as
 * block hints for the cleaner (docs/HTML.md).
 *
 * Input: the page's bytes and what the transport knows (charset, URL,
 * fetch date).  Output: a kb_doc whose spans point into the extracted
 * text (html_extract.h gives its layout); pages not in Indonesian
 * (langid.c) or with no article text are refused with KB_EEMPTY.
 */
#include <string.h>

#include "html_extract.h"
#include "kabar_int.h"
#include "langid.h"
#include "reader_html.h"
#include "util/utf8.h"

size_t html_url_id(const char *url, char out[HTML_ID_MAX]) {
  size_t n = strlen(url), size, bad;
  const unsigned char *u;
  if (n > 120) {
    url += n - 120;
    n = 120;
  }
  /* a URI in a WARC header may hold any bytes: the id is valid UTF-8 */
  u = (const unsigned char *)url;
  size = utf8_repaired_size(u, n, &bad);
  if (size >= HTML_ID_MAX) {
    n = 0;
    size = 0;
  }
  utf8_repair(u, n, out);
  out[size] = '\0';
  return size;
}

static kb_status set_field(kb_doc *doc, kb_field f, const char *v) {
  return v ? kb_doc_set_field(doc, f, v, strlen(v)) : KB_OK;
}

/* Whether doc's text[from..to) is only white space. */
static int blank(const kb_doc *doc, size_t from, size_t to) {
  for (; from < to; from++)
    if (doc->text[from] != ' ' && doc->text[from] != '\n')
      return 0;
  return 1;
}

int kb_doc_page_span(const kb_doc *doc, kb_span span, kb_span *out) {
  const struct page_run *r = doc ? doc->page_runs : NULL;
  size_t n = doc ? doc->n_page_runs : 0, lo = 0, hi = n, first, last;
  kb_span got;
  if (r == NULL || span.end <= span.start || span.end > doc->len)
    return 0;
  while (lo < hi) { /* the first run ending after span.start */
    size_t mid = lo + (hi - lo) / 2;
    if (r[mid].text + r[mid].len <= span.start)
      lo = mid + 1;
    else
      hi = mid;
  }
  first = lo;
  if (first == n)
    return 0;
  if (r[first].text >= span.start) {
    if (r[first].text >= span.end || !blank(doc, span.start, r[first].text))
      return 0; /* untraced text first */
    got.start = r[first].src;
  } else if (r[first].exact) {
    got.start = r[first].src + (span.start - r[first].text);
  } else {
    return 0;
  }
  for (last = first; last + 1 < n && r[last + 1].text < span.end; last++)
    ;
  if (r[last].text + r[last].len <= span.end) {
    if (!blank(doc, r[last].text + r[last].len, span.end) ||
        r[last].src_end <= r[last].src)
      return 0;
    got.end = r[last].src_end;
  } else if (r[last].exact) {
    got.end = r[last].src + (span.end - r[last].text);
  } else {
    return 0;
  }
  if (got.end <= got.start)
    return 0;
  *out = got;
  return 1;
}

kb_status html_doc_new(const char *id, size_t id_len, const char *html,
                       size_t len, const char *charset, const char *page_url,
                       const char *fetch_date, const char *input,
                       reader_lang lang, kb_doc **out, const char **why,
                       int *skipped_lang) {
  html_article a;
  kb_status st;
  kb_doc *doc;
  size_t i, n_hints = 0;
  *out = NULL;
  *why = NULL;
  *skipped_lang = 0;
  if (html_extract(html, len, charset, page_url, &a) != 0)
    return KB_ENOMEM;
  if (a.n_body == 0) {
    html_article_free(&a);
    *why = "no article text in the page, skipped";
    return KB_EEMPTY;
  }
  if (lang == LANG_ID_ONLY) {
    langid_lang l = LANGID_UNKNOWN;
    for (i = 0; i < a.n_blocks; i++)
      if (a.blocks[i].kind == HB_BODY) {
        l = langid_guess(a.text.ptr + a.blocks[i].start,
                         a.text.len - a.blocks[i].start);
        break;
      }
    if (l == LANGID_MALAY || l == LANGID_OTHER) {
      html_article_free(&a);
      *skipped_lang = 1;
      *why = l == LANGID_MALAY ? "page in Malay, not Indonesian, skipped"
                               : "page not in Indonesian, skipped";
      return KB_EEMPTY;
    }
  }
  /* libxml2 gives UTF-8; kb_doc_new checks it all the same */
  st = kb_doc_new(id, id_len, a.text.ptr, a.text.len, &doc);
  if (st != KB_OK) {
    html_article_free(&a);
    return st == KB_EBINARY ? KB_EEMPTY : st;
  }
  st = set_field(doc, KB_FIELD_TITLE, a.title);
  if (st == KB_OK)
    st = set_field(doc, KB_FIELD_OUTLET, a.outlet);
  if (st == KB_OK)
    st = set_field(doc, KB_FIELD_URL, a.url);
  if (st == KB_OK)
    st = set_field(doc, KB_FIELD_AUTHOR, a.author);
  if (st == KB_OK)
    st = set_field(doc, KB_FIELD_PUBLISHED, a.published);
  if (st == KB_OK && (a.published || fetch_date))
    st = kb_doc_set_field(doc, KB_FIELD_DATE,
                          a.published ? a.published : fetch_date,
                          strlen(a.published ? a.published : fetch_date) < 10
                              ? strlen(a.published ? a.published : fetch_date)
                              : 10);
  if (st == KB_OK && input)
    st = set_field(doc, KB_FIELD_INPUT, input);
  doc->is_page = 1;
  if (st == KB_OK && a.n_pieces) {
    doc->page_runs =
        arena_alloc(&doc->arena, a.n_pieces * sizeof *doc->page_runs);
    if (doc->page_runs == NULL)
      st = KB_ENOMEM;
    for (i = 0; st == KB_OK && i < a.n_pieces; i++) {
      struct page_run *r = &doc->page_runs[doc->n_page_runs++];
      r->text = a.pieces[i].text;
      r->len = a.pieces[i].len;
      r->src = a.pieces[i].src;
      r->src_end = a.pieces[i].src_end;
      r->exact = a.pieces[i].exact;
    }
  }
  for (i = 0; i < a.n_blocks; i++)
    n_hints += a.blocks[i].kind != HB_BODY;
  if (st == KB_OK && n_hints) {
    doc->hints = arena_alloc(&doc->arena, n_hints * sizeof *doc->hints);
    if (doc->hints == NULL)
      st = KB_ENOMEM;
    for (i = 0; st == KB_OK && i < a.n_blocks; i++) {
      kb_block *h;
      if (a.blocks[i].kind == HB_BODY)
        continue;
      h = &doc->hints[doc->n_hints++];
      h->kind = a.blocks[i].kind == HB_TITLE ? KB_BLOCK_TITLE
                                             : KB_BLOCK_CAPTION;
      h->span.start = a.blocks[i].start;
      h->span.end = a.blocks[i].end;
    }
  }
  html_article_free(&a);
  if (st != KB_OK) {
    kb_doc_free(doc);
    return st;
  }
  *out = doc;
  return KB_OK;
}
