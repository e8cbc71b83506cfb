/*
 * bench_web.c -- throughput of web input: WARC reading and HTML
 * extraction, on an archive built here at run time from the corpus.
 *
 *   bench_web CORPUS.jsonl [PAGES]
 *
 * Builds TMPDIR/kabar-bench-XXXXXX/web.warc.gz: each corpus article (title
 * and text) wrapped in one of four invented page templates (navigation,
 * scripts, a related-articles list, a sidebar, a footer; the article's
 * lines as <p>), one gzip member per record, until PAGES pages (default
 * 12000) are written; the archive is removed at the end.  Then:
 *   extract  warc_next + html_extract alone, timed around html_extract
 *            (3 runs, median): MB/s of HTML and pages/s, one core;
 *   reader   kb_reader_next over the archive (gunzip, records, extract,
 *            language check, kb_doc): pages/s, MB/s of HTML;
 *   real     html_extract on the saved pages next to the corpus
 *            (the .html files in raw/ beside CORPUS), 20 rounds: MB/s;
 *   peak RSS of the process (getrusage).
 */
#include <dirent.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include "bench.h"
#include "html_extract.h"
#include "kabar.h"
#include "reader_html.h"
#include "util/buf.h"

/* Seconds of this thread's CPU time: the per-core figure, robust to other
 * programs sharing the machine. */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void put_escaped(buf *b, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == '<')
      buf_puts(b, "&lt;");
    else if (c == '>')
      buf_puts(b, "&gt;");
    else if (c == '&')
      buf_puts(b, "&amp;");
    else
      buf_putc(b, c);
  }
}

static const char *const sections[] = {"Nasional", "Internasional", "Ekonomi",
                                       "Olahraga", "Hiburan",       "Teknologi",
                                       "Otomotif", "Daerah",        NULL};

/* One page around title + text in template k. */
static void make_page(buf *b, int k, size_t n, const char *title,
                      size_t tlen, const char *text, size_t len) {
  size_t i, s;
  char line[256];
  buf_reset(b);
  buf_puts(b, "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">"
              "<title>");
  put_escaped(b, title, tlen);
  buf_puts(b, " - Portal Berita Contoh</title>\n<meta property=\"og:title\" "
              "content=\"");
  put_escaped(b, title, tlen);
  snprintf(line, sizeof line,
           "\">\n<link rel=\"canonical\" href=\"https://www.contoh%d.co.id/"
           "berita/%zu\">\n<meta property=\"article:published_time\" "
           "content=\"2025-06-%02zuT%02zu:15:00+07:00\">\n",
           k, n, 1 + n % 28, n % 24);
  buf_puts(b, line);
  for (i = 0; i < 6; i++) /* analytics and ad scripts */
    buf_puts(b, "<script>window.dataLayer=window.dataLayer||[];function "
                "gtag(){dataLayer.push(arguments)}gtag('js',new Date());"
                "gtag('config','G-XXXX');var slot=googletag.defineSlot("
                "'/1234/berita',[300,250],'div-ad').addService(googletag."
                "pubads());</script>\n");
  buf_puts(b, "<style>body{font-family:sans-serif}.nav a{margin:4px}"
              ".related li{list-style:none}</style></head><body>\n");
  buf_puts(b, k == 1 ? "<div id=\"header\"><ul class=\"menu\">"
                     : "<nav class=\"nav\"><ul>");
  for (s = 0; sections[s]; s++) {
    snprintf(line, sizeof line, "<li><a href=\"/%s\">%s</a></li>",
             sections[s], sections[s]);
    buf_puts(b, line);
  }
  buf_puts(b, k == 1 ? "</ul></div>\n" : "</ul></nav>\n");
  buf_puts(b, k == 2 ? "<div class=\"container\"><div class=\"col-8\">"
                     : "<main><article>");
  buf_puts(b, "<h1>");
  put_escaped(b, title, tlen);
  snprintf(line, sizeof line,
           "</h1>\n<div class=\"byline\">Penulis: Redaksi Contoh</div>"
           "<div class=\"date\">Senin, %02zu Juni 2025 %02zu:15 WIB</div>\n"
           "<div class=\"%s\">\n",
           1 + n % 28, n % 24,
           k == 3 ? "entry-content" : k == 2 ? "detail_text" : "read__content");
  buf_puts(b, line);
  /* the article's lines as paragraphs */
  i = 0;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - text) : len;
    if (e > i) {
      buf_puts(b, "<p>");
      put_escaped(b, text + i, e - i);
      buf_puts(b, "</p>\n");
    }
    i = e + 1;
    if (k == 0 && i > len / 2 && i < len / 2 + 200)
      buf_puts(b, "<p><strong>Baca juga:</strong> <a href=\"/x\">Judul "
                  "berita lain yang terkait</a></p>\n");
  }
  buf_puts(b, "</div>\n<div class=\"tags\"><a href=\"/tag/a\">politik</a> "
              "<a href=\"/tag/b\">daerah</a></div>\n");
  buf_puts(b, k == 2 ? "</div>" : "</article></main>");
  buf_puts(b, "<aside class=\"sidebar\"><h3>Terpopuler</h3><ul>");
  for (i = 0; i < 10; i++) {
    snprintf(line, sizeof line,
             "<li><a href=\"/berita/%zu\">Berita populer nomor %zu hari ini "
             "yang banyak dibaca</a></li>",
             n + i, i + 1);
    buf_puts(b, line);
  }
  buf_puts(b, "</ul></aside>\n");
  buf_puts(b, "<div class=\"related\"><h3>Berita Terkait</h3><ul>");
  for (i = 0; i < 6; i++) {
    snprintf(line, sizeof line,
             "<li><a href=\"/terkait/%zu\">Kabar terkait lainnya bagian %zu"
             "</a></li>",
             n * 7 + i, i);
    buf_puts(b, line);
  }
  buf_puts(b, "</ul></div>");
  if (k == 2)
    buf_puts(b, "</div>");
  buf_puts(b, "<footer><p>Hak cipta 2025 Portal Berita Contoh. Dilarang "
              "mengutip tanpa izin.</p><a href=\"/tentang\">Tentang kami</a> "
              "<a href=\"/redaksi\">Redaksi</a></footer>\n");
  for (i = 0; i < 3; i++)
    buf_puts(b, "<script src=\"https://cdn.contoh.id/js/app.min.js\"></script>"
                "<script>(function(){var a=document.createElement('script');"
                "a.async=true;a.src='https://ads.contoh.id/tag.js';document."
                "body.appendChild(a)})();</script>\n");
  buf_puts(b, "</body></html>\n");
}

static void gz_member(FILE *f, const char *s, size_t n) {
  z_stream z;
  unsigned char out[1 << 16];
  memset(&z, 0, sizeof z);
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.next_in = (Bytef *)(uintptr_t)s;
  z.avail_in = (uInt)n;
  do {
    z.next_out = out;
    z.avail_out = sizeof out;
    deflate(&z, Z_FINISH);
    fwrite(out, 1, sizeof out - z.avail_out, f);
  } while (z.avail_out == 0);
  deflateEnd(&z);
}

/* Writes the archive; returns the pages written and their HTML bytes. */
static size_t build(const char *corpus, const char *out, size_t want,
                    double *html_mb) {
  buf page = BUF_INIT, rec = BUF_INIT;
  size_t n = 0, bytes = 0;
  FILE *f = fopen(out, "wb");
  char *line = NULL;
  size_t cap = 0;
  int round = 0;
  if (f == NULL)
    return 0;
  while (n < want && round < 64) {
    FILE *in = fopen(corpus, "r");
    size_t before = n;
    if (in == NULL)
      break;
    while (n < want && getline(&line, &cap, in) > 0) {
      json_t *j = json_loads(line, 0, NULL);
      json_t *t = j ? json_object_get(j, "title") : NULL,
             *x = j ? json_object_get(j, "text") : NULL;
      char head[512];
      if (json_is_string(x)) {
        const char *title = json_is_string(t) ? json_string_value(t) : "";
        make_page(&page, (int)((n + (size_t)round) % 4), n, title,
                  strlen(title), json_string_value(x), json_string_length(x));
        buf_reset(&rec);
        snprintf(head, sizeof head,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
                 "\r\nContent-Length: %zu\r\n\r\n",
                 page.len);
        {
          size_t http_len = strlen(head) + page.len;
          char wh[512];
          snprintf(wh, sizeof wh,
                   "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: "
                   "https://www.contoh%zu.co.id/berita/%zu\r\nWARC-Date: "
                   "2025-06-10T01:00:00Z\r\nContent-Type: application/http;"
                   " msgtype=response\r\nContent-Length: %zu\r\n\r\n",
                   n % 4, n, http_len);
          buf_puts(&rec, wh);
          buf_puts(&rec, head);
          buf_append(&rec, page.ptr, page.len);
          buf_puts(&rec, "\r\n\r\n");
        }
        gz_member(f, rec.ptr, rec.len);
        bytes += page.len;
        n++;
      }
      json_decref(j);
    }
    fclose(in);
    if (n == before)
      break;
    round++;
  }
  free(line);
  buf_free(&page);
  buf_free(&rec);
  fclose(f);
  *html_mb = (double)bytes / 1e6;
  return n;
}

int main(int argc, char **argv) {
  char dir[256], path[300];
  size_t want = argc > 2 ? (size_t)atol(argv[2]) : 12000, pages, i;
  double mb, t_ex[3], c_ex[3], t_read, c_read;
  size_t n_read = 0;
  struct rusage ru;
  struct stat sb;
  if (argc > 1 && argv[1][0] == '-')
    return bench_usage(argv[1], "usage: bench_web CORPUS.jsonl [PAGES]\n");
  if (argc < 2) {
    fprintf(stderr, "usage: bench_web CORPUS.jsonl [PAGES]\n");
    return 2;
  }
  if (bench_input("bench_web", argv[1], &sb) != 0)
    return 1;
  snprintf(dir, sizeof dir, "%s/kabar-bench-XXXXXX",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(path, sizeof path, "%s/web.warc.gz", dir);
  pages = build(argv[1], path, want, &mb);
  if (pages == 0) {
    fprintf(stderr, "bench_web: no pages built from %s\n", argv[1]);
    return 1;
  }
  printf("archive: %zu pages, %.1f MB of HTML (gzip members)\n", pages, mb);
  /* extraction alone */
  for (i = 0; i < 3; i++) {
    warc_reader *w;
    const char *body, *uri, *date, *cs, *msg;
    size_t len, body_n = 0;
    unsigned long long off;
    double t = 0, c = 0;
    if (warc_open(path, &w) != 0)
      return 1;
    while (warc_next(w, &body, &len, &uri, &date, &cs, &msg, &off) > 0) {
      html_article a;
      double t0 = now(), c0 = cpu_now();
      if (html_extract(body, len, cs, uri, &a) != 0)
        return 1;
      t += now() - t0;
      c += cpu_now() - c0;
      body_n += a.n_body > 0;
      html_article_free(&a);
    }
    warc_close(w);
    t_ex[i] = t;
    c_ex[i] = c;
    if (body_n != pages)
      printf("  note: %zu of %zu pages gave no body\n", pages - body_n, pages);
  }
  qsort(t_ex, 3, sizeof *t_ex, cmp_double);
  qsort(c_ex, 3, sizeof *c_ex, cmp_double);
  printf("extract: %.1f MB/s, %.0f pages/s of CPU time (html_extract "
         "alone, one core, median of 3: %.2f s CPU, %.2f s wall = %.1f "
         "MB/s)\n",
         mb / c_ex[1], (double)pages / c_ex[1], c_ex[1], t_ex[1],
         mb / t_ex[1]);
  /* the whole reader */
  {
    kb_reader *r;
    kb_doc *doc;
    kb_error err;
    kb_status st;
    double t0 = now(), c0 = cpu_now();
    if (kb_reader_open(path, &r, &err) != KB_OK)
      return 1;
    while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
      if (st == KB_OK) {
        n_read++;
        kb_doc_free(doc);
      }
    }
    t_read = now() - t0;
    c_read = cpu_now() - c0;
    printf("reader: %zu docs, %.0f pages/s, %.1f MB/s of HTML of CPU time "
           "(wall %.1f MB/s; gunzip, records, extract, language, kb_doc; "
           "%zu skipped as not Indonesian)\n",
           n_read, (double)pages / c_read, mb / c_read, mb / t_read,
           kb_reader_n_skipped_lang(r));
    kb_reader_free(r);
  }
  /* the saved real pages, when present */
  {
    char raw[512];
    const char *slash = strrchr(argv[1], '/');
    DIR *d;
    struct dirent *de;
    double bytes = 0, c = 0;
    size_t n_pages = 0;
    int round;
    snprintf(raw, sizeof raw, "%.*s/raw", slash ? (int)(slash - argv[1]) : 1,
             slash ? argv[1] : ".");
    for (round = 0; round < 20 && (d = opendir(raw)) != NULL; round++) {
      while ((de = readdir(d)) != NULL) {
        char p[1024];
        FILE *f;
        char *data;
        long size;
        html_article a;
        size_t l = strlen(de->d_name);
        double c0;
        if (l < 5 || strcmp(de->d_name + l - 5, ".html") != 0)
          continue;
        snprintf(p, sizeof p, "%s/%s", raw, de->d_name);
        f = fopen(p, "rb");
        if (f == NULL)
          continue;
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        fseek(f, 0, SEEK_SET);
        data = malloc((size_t)size + 1);
        if (data && fread(data, 1, (size_t)size, f) == (size_t)size) {
          c0 = cpu_now();
          if (html_extract(data, (size_t)size, NULL, NULL, &a) == 0)
            html_article_free(&a);
          c += cpu_now() - c0;
          bytes += (double)size;
          n_pages++;
        }
        free(data);
        fclose(f);
      }
      closedir(d);
    }
    if (n_pages)
      printf("real: %zu saved pages (%s), %.1f MB/s of CPU time, %.0f "
             "pages/s (html_extract, 20 rounds)\n",
             n_pages / 20, raw, bytes / 1e6 / c, (double)n_pages / c);
  }
  getrusage(RUSAGE_SELF, &ru);
  printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  unlink(path);
  rmdir(dir);
  return 0;
}
