/*
 * html_extract.h -- one HTML page -> its article: title, outlet, author,
 * published time, canonical URL, captions and the main text as paragraphs
 * (src/html_extract.c, rules in docs/HTML.md).
 *
 * The article's text is built here, and every offset below points into it:
 *
 *   TITLE "\n\n" PARA "\n\n" PARA ... "\n\n" CAPTION "\n\n" CAPTION
 *
 * (white space inside a paragraph folded to one space).  Each block also
 * keeps where it is in the page: the bytes from its first to its last
 * character, and the line it is on; and the article keeps, for each run
 * of text between white space, the bytes of the page it came from
 * (html_piece), so that any span of the text can be traced back to the
 * page (docs/HTML.md).  Knows nothing about kb_doc; reader_html.c makes
 * the document.
 */
#ifndef KB_HTML_EXTRACT_H
#define KB_HTML_EXTRACT_H

#include <stddef.h>

#include "util/buf.h"

typedef enum html_block_kind {
  HB_TITLE,
  HB_BODY,
  HB_CAPTION
} html_block_kind;

typedef struct html_block {
  html_block_kind kind;
  size_t start, end; /* bytes of html_article.text */
  long line;         /* 1-based line of the page its first text ends on
                        (libxml2's), 0 unknown */
  size_t src_start, src_end; /* bytes of the page from its first character
                                to after its last; both 0 when unknown
                                (a headline taken from <meta>) */
} html_block;

/* A run of the article's text (a word, or what lies between two white
 * spaces) and where it is in the page: page[src..src_end).  exact: the
 * page holds it byte for byte there (not through an entity or a charset
 * conversion), so each byte maps; else only the run's ends do. */
typedef struct html_piece {
  size_t text, len; /* bytes of html_article.text */
  size_t src, src_end;
  int exact;
} html_piece;

typedef struct html_article {
  buf text; /* the extracted text (layout above), NUL-terminated */
  html_block *blocks;
  size_t n_blocks, cap_blocks;
  html_piece *pieces; /* in text order; the runs traced to the page */
  size_t n_pieces, cap_pieces;
  /* metadata: NUL-terminated UTF-8 in `meta`, or NULL when not found.
   * outlet: the URL host's registrable domain ("kompas.com"); published:
   * "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD", local time as printed. */
  buf meta;
  const char *title, *outlet, *author, *published, *url, *charset;
  size_t n_body, n_captions;
  size_t body_bytes; /* bytes of the body paragraphs */
  int signoff_removed;
} html_article;

/*
 * Extracts the article of html[0..len).  charset: from the HTTP
 * Content-Type header, or NULL (then the page's <meta> decides, or UTF-8
 * when the bytes are valid UTF-8).  page_url: where the page was fetched
 * from (a WARC record's target URI), or NULL; used for the outlet and URL
 * only when the page names no URL of its own.  Returns 0, or -1 when out
 * of memory; a page with no article gives an empty body, not an error.
 * Free with html_article_free.  Thread-safe after html_extract_init.
 */
int html_extract(const char *html, size_t len, const char *charset,
                 const char *page_url, html_article *out);
void html_article_free(html_article *a);

/* Initialises libxml2 once (thread-safe; html_extract calls it). */
void html_extract_init(void);

/* The registrable domain of a URL's host into out (lower case):
 * "http://tekno.liputan6.com/x" -> "liputan6.com", "nasional.republika.co.id"
 * -> "republika.co.id".  Returns its length, 0 when url has no host. */
size_t html_url_domain(const char *url, char *out, size_t cap);

#endif
