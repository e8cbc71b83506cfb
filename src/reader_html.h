/*
 * reader_html.h -- what the readers share for web input: an HTML page ->
 * kb_doc (reader_html.c), and the WARC record reader (reader_warc.c).
 */
#ifndef KB_READER_HTML_H
#define KB_READER_HTML_H

#include <stddef.h>

#include "kabar.h"

/* Which pages to keep by language (langid.c). */
typedef enum reader_lang { LANG_ID_ONLY = 0, LANG_ANY } reader_lang;

/*
 * Makes a document from one HTML page: the extracted article
 * (html_extract.h) as text, its metadata as fields (title, outlet, url,
 * author, published, date), the headline and captions as block hints.
 *   charset: the HTTP header's, or NULL; page_url, fetch_date (a WARC
 *   record's, "YYYY-MM-DD..."): or NULL; input: the file it came from.
 * Returns KB_OK; KB_EEMPTY with *why set when the page holds no article
 * text or (lang LANG_ID_ONLY) is not in Indonesian (*skipped_lang then
 * 1); KB_ENOMEM.
 */
kb_status html_doc_new(const char *id, size_t id_len, const char *html,
                       size_t len, const char *charset, const char *page_url,
                       const char *fetch_date, const char *input,
                       reader_lang lang, kb_doc **out, const char **why,
                       int *skipped_lang);

/* A run of a page's document text traced to the page (a copy of
 * html_piece, kb_doc.page_runs): text[text..text+len) came from
 * page[src..src_end), byte for byte when exact. */
struct page_run {
  size_t text, len, src, src_end;
  int exact;
};

/* The id of a page fetched from url: the URL itself, its last 120 bytes
 * when longer, invalid UTF-8 replaced by U+FFFD, into out.  Returns its
 * length. */
#define HTML_ID_MAX 400
size_t html_url_id(const char *url, char out[HTML_ID_MAX]);

/* ---- WARC (reader_warc.c) ---------------------------------------------- */

typedef struct warc_reader warc_reader;

/* Opens a WARC file: plain, gzip (one member per record or one for all)
 * or Zstandard (by the magic bytes, whatever the name).  Returns 0, or -1
 * with errno set. */
int warc_open(const char *path, warc_reader **out);
void warc_close(warc_reader *w);

/*
 * The next HTML page of the archive: a `response` record whose HTTP
 * payload is text/html (chunked transfer and gzip/deflate content
 * encodings decoded).  Other records are skipped (counted).  Returns 1
 * with the page in *body and *len (valid until the next call) and the
 * record's target URI, date and charset; 0 at the end; -1 on a corrupt
 * record (*msg says why, *offset where it starts in the decompressed
 * stream; the next call resyncs to the next "WARC/" header); -2 on a read
 * error or out of memory (*msg).
 */
int warc_next(warc_reader *w, const char **body, size_t *len,
              const char **uri, const char **date, const char **charset,
              const char **msg, unsigned long long *offset);

/* Records read and skipped (not an HTML response) so far. */
void warc_counts(const warc_reader *w, size_t *records, size_t *skipped);

#endif
