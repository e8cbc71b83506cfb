/*
 * test_html.c -- web input: the HTML extractor (metadata, main text,
 * furniture left out, charsets), HTML files through the reader and the
 * cleaner, WARC archives (plain, gzip members, zstd; chunked and gzip
 * payloads; non-HTML records skipped; a corrupt record reported and
 * resynced), and language identification.  Every page here is invented.
 */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "harness.h"
#include "html_extract.h"
#include "kabar_int.h"
#include "langid.h"
#include "reader_html.h"
#include "util/buf.h"
#include "util/utf8.h"

#include "scratch.h"

/* An invented news page with the usual furniture around the article. */
static const char page[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n"
    "<title>Gubernur Resmikan Jembatan Baru di Sungai Lalan - Warta "
    "Nusantara</title>\n"
    "<meta property=\"og:title\" content=\"Gubernur Resmikan Jembatan Baru "
    "di Sungai Lalan | wartanusantara.co.id\">\n"
    "<meta property=\"og:site_name\" content=\"Warta Nusantara\">\n"
    "<link rel=\"canonical\" "
    "href=\"https://daerah.wartanusantara.co.id/berita/2024/05/jembatan\">\n"
    "<script>var iklan = 'Baca juga ini jangan';</script>\n"
    "<style>.x{color:red}</style></head><body>\n"
    "<nav><ul><li><a href=\"/\">Beranda</a></li><li><a href=\"/politik\">"
    "Politik</a></li><li><a href=\"/daerah\">Daerah</a></li></ul></nav>\n"
    "<div class=\"wrap\"><div class=\"main-col\">\n"
    "<h1 class=\"judul\">Gubernur Resmikan Jembatan Baru di Sungai "
    "Lalan</h1>\n"
    "<div class=\"info\"><span>Penulis: Rahmat Hidayat</span> "
    "<span class=\"tgl\">Selasa, 14 Mei 2024 | 10:25 WIB</span></div>\n"
    "<figure><img src=\"a.jpg\"><figcaption>Warga melintasi jembatan baru "
    "di Sungai Lalan, Selasa (14/5/2024). (Foto: Dok. Pemprov)"
    "</figcaption></figure>\n"
    "<div class=\"isi-berita\">\n"
    "<strong>PALEMBANG</strong> -\n"
    "<p>Gubernur Sumatera Selatan meresmikan jembatan baru di atas Sungai "
    "Lalan, Selasa pagi, setelah pembangunan yang berlangsung selama dua "
    "tahun.</p>\n"
    "<p>Jembatan sepanjang 420 meter itu menghubungkan dua kecamatan yang "
    "selama ini hanya terhubung dengan perahu penyeberangan, kata gubernur "
    "dalam sambutannya.</p>\n"
    "<p><strong>Baca juga:</strong> <a href=\"/x\">Banjir Rendam Tiga Desa "
    "di Musi Banyuasin</a></p>\n"
    "<p>Menurut dinas pekerjaan umum, biaya pembangunan mencapai Rp 310 "
    "miliar, sebagian dari dana alokasi khusus, dan sisanya dari anggaran "
    "provinsi.</p>\n"
    "<div class=\"baca-juga\"><a href=\"/y\">Harga Karet Naik di Pasar "
    "Lelang</a></div>\n"
    "<p>Warga menyambut peresmian itu dengan gembira. \"Kami tidak perlu "
    "lagi menunggu perahu,\" ujar seorang pedagang. (rhd/ant)</p>\n"
    "<p>Editor: Siti Aminah</p>\n"
    "</div>\n"
    "<div class=\"related\"><h3>Berita Terkait</h3><ul>\n"
    "<li><a href=\"/a\">Bupati Tinjau Jalan Rusak di Kecamatan Bayung "
    "Lencir, Warga Mengeluh</a></li>\n"
    "<li><a href=\"/b\">Dua Kapal Tenggelam di Perairan Bangka, Awak "
    "Selamat</a></li></ul></div>\n"
    "</div>\n"
    "<aside><p>Terpopuler: Harga cabai naik, petani di Ogan Ilir "
    "senang, pedagang di pasar bingung, pembeli mengeluh.</p></aside>\n"
    "</div><footer>Hak cipta 2024 Warta Nusantara. Semua hak dilindungi."
    "</footer></body></html>\n";

static html_article extract(const char *html, size_t len) {
  html_article a;
  if (html_extract(html, len, NULL, NULL, &a) != 0)
    memset(&a, 0, sizeof a);
  return a;
}

static const char *block_text(const html_article *a, html_block_kind kind,
                              size_t nth) {
  static char out[1024];
  size_t i, seen = 0;
  for (i = 0; i < a->n_blocks; i++)
    if (a->blocks[i].kind == kind && seen++ == nth) {
      size_t n = a->blocks[i].end - a->blocks[i].start;
      if (n >= sizeof out)
        n = sizeof out - 1;
      memcpy(out, a->text.ptr + a->blocks[i].start, n);
      out[n] = '\0';
      return out;
    }
  return NULL;
}

static void metadata_of_a_page(void) {
  html_article a = extract(page, sizeof page - 1);
  CHECK_STR(a.title, "Gubernur Resmikan Jembatan Baru di Sungai Lalan");
  CHECK_STR(a.outlet, "wartanusantara.co.id");
  CHECK_STR(a.url,
            "https://daerah.wartanusantara.co.id/berita/2024/05/jembatan");
  CHECK_STR(a.author, "Rahmat Hidayat");
  CHECK_STR(a.published, "2024-05-14T10:25");
  html_article_free(&a);
}

static void main_text_without_furniture(void) {
  html_article a = extract(page, sizeof page - 1);
  size_t i;
  CHECK_INT(a.n_body, 4);
  /* the dateline outside the first <p> joins it */
  CHECK_STR(block_text(&a, HB_BODY, 0),
            "PALEMBANG - Gubernur Sumatera Selatan meresmikan jembatan baru "
            "di atas Sungai Lalan, Selasa pagi, setelah pembangunan yang "
            "berlangsung selama dua tahun.");
  /* the sign-off is cut from the last paragraph */
  CHECK_STR(block_text(&a, HB_BODY, 3),
            "Warga menyambut peresmian itu dengan gembira. \"Kami tidak "
            "perlu lagi menunggu perahu,\" ujar seorang pedagang.");
  CHECK(a.signoff_removed);
  CHECK_STR(block_text(&a, HB_TITLE, 0),
            "Gubernur Resmikan Jembatan Baru di Sungai Lalan");
  CHECK_STR(block_text(&a, HB_CAPTION, 0),
            "Warga melintasi jembatan baru di Sungai Lalan, Selasa "
            "(14/5/2024). (Foto: Dok. Pemprov)");
  CHECK(strstr(a.text.ptr, "Baca juga") == NULL);
  CHECK(strstr(a.text.ptr, "Harga Karet") == NULL);
  CHECK(strstr(a.text.ptr, "Editor") == NULL);
  CHECK(strstr(a.text.ptr, "Beranda") == NULL);
  CHECK(strstr(a.text.ptr, "Terpopuler") == NULL);
  CHECK(strstr(a.text.ptr, "Bupati Tinjau") == NULL);
  CHECK(strstr(a.text.ptr, "Hak cipta") == NULL);
  CHECK(strstr(a.text.ptr, "var iklan") == NULL);
  /* blocks are separated by blank lines and keep their source line */
  for (i = 0; i + 1 < a.n_blocks; i++) {
    CHECK(a.blocks[i].end + 2 == a.blocks[i + 1].start);
    CHECK(a.blocks[i].line > 0);
  }
  html_article_free(&a);
}

static void latin1_page_is_converted(void) {
  static const char latin[] =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=iso-8859-1\"><title>Caf\xe9 di Bandung Ramai - Kabar "
      "Kota</title></head><body><h1>Caf\xe9 di Bandung Ramai</h1>"
      "<div class=\"content\"><p>Sebuah caf\xe9 di Bandung ramai dikunjungi "
      "warga pada akhir pekan, terutama anak muda yang datang dari luar "
      "kota, kata pemiliknya.</p><p>Pemilik caf\xe9 itu mengatakan jumlah "
      "pengunjung naik dua kali lipat, dan ia akan membuka cabang baru di "
      "Cimahi tahun depan.</p></div></body></html>";
  html_article a = extract(latin, sizeof latin - 1);
  CHECK_STR(a.title, "Caf\xc3\xa9 di Bandung Ramai");
  CHECK(a.n_body == 2);
  CHECK(strstr(a.text.ptr, "caf\xc3\xa9 di Bandung") != NULL);
  CHECK_STR(a.charset, "windows-1252");
  html_article_free(&a);
}

/* A charset label no decoder knows is read as windows-1252 (as browsers
 * do), not passed through: its bytes are not UTF-8 (found by fuzz_html). */
static void unknown_charset_is_windows_1252(void) {
  static const char odd[] =
      "<html><head><meta charset=\"iso-5156-1\"><title>Caf\xe9 di Bandung "
      "- Kabar Kota</title></head><body><h1>Caf\xe9 di Bandung</h1>"
      "<div class=\"content\"><p>Sebuah caf\xe9 di Bandung ramai dikunjungi "
      "warga pada akhir pekan, terutama anak muda dari luar kota.</p>"
      "<p>Pemiliknya akan membuka cabang baru di Cimahi tahun depan, "
      "katanya kepada wartawan.</p></div></body></html>";
  html_article a = extract(odd, sizeof odd - 1);
  CHECK_STR(a.title, "Caf\xc3\xa9 di Bandung");
  CHECK(a.text.ptr != NULL && strstr(a.text.ptr, "caf\xc3\xa9 di Bandung") != NULL);
  CHECK(a.text.ptr != NULL &&
        utf8_valid_prefix((const unsigned char *)a.text.ptr, a.text.len) ==
            a.text.len);
  CHECK_STR(a.charset, "windows-1252");
  html_article_free(&a);
}

static void structured_date_and_og_title_fallback(void) {
  static const char p2[] =
      "<html><head><meta property=\"og:title\" content=\"Harga Beras Turun "
      "Menjelang Panen Raya | Kabar Pasar Online\">"
      "<meta property=\"article:published_time\" "
      "content=\"2023-03-02T08:15:00+07:00\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"author\":{\"@type\":\"Person\",\"name\":\"Dewi Lestari\"}}"
      "</script></head><body><div class=\"post\"><p>Harga beras di pasar "
      "induk turun menjelang panen raya, menurut para pedagang yang "
      "ditemui pada Kamis pagi.</p><p>Penurunan harga itu, kata mereka, "
      "terjadi karena pasokan dari daerah sentra mulai masuk ke "
      "gudang.</p></div></body></html>";
  html_article a = extract(p2, sizeof p2 - 1);
  CHECK_STR(a.title, "Harga Beras Turun Menjelang Panen Raya");
  CHECK_STR(a.published, "2023-03-02T08:15");
  CHECK_STR(a.author, "Dewi Lestari");
  CHECK(a.url == NULL);
  CHECK_INT(a.n_body, 2);
  html_article_free(&a);
}

/* The article's container also holds a "latest news" list; the name in
 * capitals after the last paragraph is the writer's sign-off. */
static void trailing_widgets_and_capitals_signoff(void) {
  static const char p3[] =
      "<html><head><title>Nelayan Temukan Penyu Langka - Kabar Pesisir"
      "</title></head><body><h1>Nelayan Temukan Penyu Langka</h1>"
      "<div class=\"konten\"><p>Seorang nelayan di pantai selatan menemukan "
      "penyu langka yang terjerat jaring, lalu menyerahkannya kepada petugas "
      "konservasi pada Rabu pagi.</p><p>Petugas memeriksa kesehatan penyu itu "
      "sebelum melepaskannya kembali ke laut, kata kepala balai konservasi "
      "setempat.<br><br><strong>BUDI SANTOSO</strong></p>"
      "<h4>Berita Terbaru</h4><ul><li><span>5 menit lalu</span> "
      "<a href=\"/a\">Harga ikan naik di pelelangan pantai utara kota</a></li>"
      "<li><span>12 menit lalu</span> <a href=\"/b\">Kapal wisata baru "
      "mulai berlayar ke pulau seberang</a></li></ul></div></body></html>";
  html_article a = extract(p3, sizeof p3 - 1);
  CHECK_INT(a.n_body, 2);
  CHECK_STR(a.author, "BUDI SANTOSO");
  CHECK(a.signoff_removed);
  CHECK(strstr(a.text.ptr, "menit lalu") == NULL);
  CHECK(strstr(a.text.ptr, "Berita Terbaru") == NULL);
  html_article_free(&a);
}

/* A photo page: the printed headline (with a prefix og:title lacks) and
 * its date sit in a title-class box; a list of latest articles further on
 * links this very article under og:title's exact words.  The headline is
 * the box, not the list entry, and the date is the one beside it. */
static void headline_not_a_list_entry(void) {
  static const char p6[] =
      "<html><head><meta property=\"og:title\" content=\"Warga Bersihkan "
      "Sungai Setelah Banjir | Kabar Kita\"></head><body>"
      "<div class=\"jdl-foto\">Foto: Warga Bersihkan Sungai Setelah Banjir"
      "</div><div class=\"tgl\">Senin, 4 Maret 2024, 09:20 WIB</div>"
      "<div class=\"isi\"><p>Ratusan warga membersihkan sampah yang "
      "menyumbat sungai di pinggir kota setelah banjir surut, kata ketua "
      "rukun warga setempat, Senin pagi.</p></div>"
      "<h4>Terbaru</h4><ul>"
      "<li><div>Selasa, 5 Maret 2024, 11:00 WIB</div><a class=\"judul\" "
      "href=\"/foto/1\">Warga Bersihkan Sungai Setelah Banjir</a></li>"
      "<li><div>Selasa, 5 Maret 2024, 10:00 WIB</div><a class=\"judul\" "
      "href=\"/foto/2\">Petani Panen Padi Lebih Awal</a></li>"
      "</ul></body></html>";
  html_article a = extract(p6, sizeof p6 - 1);
  CHECK_STR(a.title, "Foto: Warga Bersihkan Sungai Setelah Banjir");
  CHECK_STR(a.published, "2024-03-04T09:20");
  html_article_free(&a);
}

/* No printed date: structured ones, local time before UTC. */
static void structured_local_time_before_utc(void) {
  static const char p4[] =
      "<html><head><title>Sawah Terendam Banjir - Kabar Desa</title>"
      "<script type=\"application/ld+json\">{\"datePublished\":"
      "\"2022-01-09T23:40:00Z\"}</script></head><body>"
      "<h1>Sawah Terendam Banjir</h1><time datetime=\"2022-01-10 06:40:00\">"
      "</time><div class=\"artikel\"><p>Ratusan hektare sawah di tiga desa "
      "terendam banjir setelah hujan deras turun sejak malam, kata kepala "
      "desa.</p></div></body></html>";
  html_article a = extract(p4, sizeof p4 - 1);
  CHECK_STR(a.published, "2022-01-10T06:40");
  html_article_free(&a);
}

static void url_domains(void) {
  char d[64];
  CHECK_INT(html_url_domain("http://tekno.contoh.com/a/b", d, sizeof d), 10);
  CHECK_STR(d, "contoh.com");
  html_url_domain("https://nasional.koran.co.id:8080/x", d, sizeof d);
  CHECK_STR(d, "koran.co.id");
  html_url_domain("http://www.berita.go.id", d, sizeof d);
  CHECK_STR(d, "berita.go.id");
  CHECK_INT(html_url_domain("/relatif", d, sizeof d), 0);
}

static void garbage_is_no_crash(void) {
  static const char junk[] = "<<<>>><div><p>tak <b>lengkap</p></i></div"
                             "\x01\x02\xff\xfe<script>";
  html_article a;
  CHECK_INT(html_extract(junk, sizeof junk - 1, NULL, NULL, &a), 0);
  html_article_free(&a);
  CHECK_INT(html_extract("", 0, NULL, NULL, &a), 0);
  CHECK_INT(a.n_body, 0);
  html_article_free(&a);
}

/* ---- through the reader and the cleaner -------------------------------- */

static void html_file_through_the_pipeline(void) {
  kb_reader *r;
  kb_doc *doc = NULL;
  kb_error err;
  const kb_meta *m;
  size_t i, n_caption = 0, n_title = 0;
  write_file("jembatan.html", page, sizeof page - 1);
  CHECK_INT(kb_reader_open(path_of("jembatan.html"), &r, &err), KB_OK);
  CHECK_INT(kb_reader_next(r, &doc, &err), KB_OK);
  if (doc == NULL) {
    kb_reader_free(r);
    return;
  }
  CHECK_TEXT(kb_doc_id(doc), "jembatan");
  CHECK_INT(kb_doc_parse(doc, NULL, NULL, NULL), KB_OK);
  m = kb_doc_meta(doc);
  CHECK_TEXT(m->title, "Gubernur Resmikan Jembatan Baru di Sungai Lalan");
  CHECK_TEXT(m->outlet, "wartanusantara.co.id");
  CHECK_TEXT(m->author, "Rahmat Hidayat");
  CHECK_TEXT(m->published, "2024-05-14T10:25");
  CHECK_TEXT(m->reference_date, "2024-05-14");
  CHECK_TEXT(m->dateline, "PALEMBANG");
  for (i = 0; i < kb_doc_n_blocks(doc); i++) {
    n_caption += kb_doc_block(doc, i)->kind == KB_BLOCK_CAPTION;
    n_title += kb_doc_block(doc, i)->kind == KB_BLOCK_TITLE;
  }
  CHECK_INT(n_caption, 1);
  CHECK_INT(n_title, 1);
  /* spans point into the extracted text */
  for (i = 0; i < kb_doc_n_sentences(doc); i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    CHECK(s->span.end <= kb_doc_text(doc).len);
  }
  CHECK(kb_doc_n_sentences(doc) >= 6);
  kb_doc_free(doc);
  CHECK_INT(kb_reader_next(r, &doc, &err), KB_DONE);
  kb_reader_free(r);
}

/* Spans traced to the page: a sentence over two lines with markup and an
 * entity inside, one starting with an entity, after a script body the
 * parser never sees (its copy of the page is shorter there) and a menu
 * holding the sentence's first words. */
static void page_spans_point_into_the_page(void) {
  static const char p7[] =
      "<html><head><title>Jalan Desa Diperbaiki - Kabar Desa</title>\n"
      "<script>var x = \"<p>bukan teks</p>\";\nvar y = 2;</script>\n"
      "</head><body><nav>Bupati meninjau jalan</nav>\n"
      "<h1>Jalan Desa Diperbaiki</h1>\n"
      "<div class=\"isi\"><p>Bupati meninjau <b>jalan</b> desa &amp; "
      "jembatan\n    yang rusak kemarin. Perbaikan dimulai pekan depan.</p>\n"
      "<p>&ldquo;Kami sudah menyiapkan anggaran,&rdquo; kata kepala dinas "
      "pekerjaan umum setempat kepada wartawan di kantornya.</p>\n"
      "</div></body></html>\n";
  kb_doc *doc = NULL, *plain = NULL;
  const char *why;
  int skipped;
  size_t i, found = 0;
  kb_span got;
  const char *bupati = strstr(strstr(p7, "isi"), "Bupati"),
             *kemarin = strstr(p7, "kemarin.");
  const char *quote = strstr(p7, "&ldquo;Kami"), *kantor = strstr(p7, "kantornya.");
  CHECK_INT(html_doc_new("p7", 2, p7, sizeof p7 - 1, NULL, NULL, NULL, NULL,
                         LANG_ANY, &doc, &why, &skipped),
            KB_OK);
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_parse(doc, NULL, NULL, NULL), KB_OK);
  for (i = 0; i < kb_doc_n_sentences(doc); i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    int ok = kb_doc_page_span(doc, s->span, &got);
    if (s->text.len >= 6 && memcmp(s->text.ptr, "Bupati", 6) == 0) {
      found++;
      CHECK(ok);
      CHECK_INT(got.start, (size_t)(bupati - p7));
      CHECK_INT(got.end, (size_t)(kemarin + 8 - p7));
    }
    if (s->text.len >= 4 && strstr(s->text.ptr, "Kami") == s->text.ptr + 3) {
      found++;
      CHECK(ok);
      CHECK_INT(got.start, (size_t)(quote - p7));
      CHECK_INT(got.end, (size_t)(kantor + 10 - p7));
    }
  }
  CHECK_INT(found, 2);
  /* a span of white space only, or past the text, maps to nothing */
  got.start = 0;
  CHECK(!kb_doc_page_span(doc, (kb_span){kb_doc_text(doc).len,
                                         kb_doc_text(doc).len + 5},
                          &got));
  kb_doc_free(doc);
  /* a document not read from a page has no page span */
  CHECK_INT(kb_doc_new("t", 1, "Bupati meninjau jalan.", 22, &plain), KB_OK);
  if (plain) {
    CHECK(!kb_doc_page_span(plain, (kb_span){0, 6}, &got));
    kb_doc_free(plain);
  }
}

/* ---- language ---------------------------------------------------------- */

static const char text_id[] =
    "Pemerintah daerah mengatakan bahwa jalan yang rusak akan segera "
    "diperbaiki setelah musim hujan berakhir, karena anggaran untuk "
    "perbaikan sudah disetujui oleh dewan. Warga berharap pekerjaan itu "
    "bisa selesai sebelum hari raya, sebab jalan tersebut dipakai setiap "
    "hari oleh para petani dan pedagang.";
static const char text_ms[] =
    "Kerajaan negeri berkata bahawa jalan yang rosak akan dibaiki selepas "
    "musim hujan berakhir, kerana peruntukan wang untuk kerja itu sudah "
    "diluluskan. Penduduk berharap kerja itu dapat disiapkan sebelum hari "
    "raya, iaitu sebelum ramai orang pulang ke kampung, manakala pejabat "
    "daerah sahaja yang akan memantau.";
static const char text_en[] =
    "The provincial government said that the damaged road would be "
    "repaired after the rainy season, because the budget for the work had "
    "already been approved by the council. Residents hope the work can be "
    "finished before the holiday, since farmers and traders use the road "
    "every day.";

static void language_identification(void) {
  CHECK_INT(langid_guess(text_id, strlen(text_id)), LANGID_INDONESIAN);
  CHECK_INT(langid_guess(text_ms, strlen(text_ms)), LANGID_MALAY);
  CHECK_INT(langid_guess(text_en, strlen(text_en)), LANGID_OTHER);
  CHECK_INT(langid_guess("Jakarta, Senin.", 15), LANGID_UNKNOWN);
}

/* A page around a paragraph, for the WARC tests. */
static void make_page(buf *b, const char *title, const char *para) {
  buf_reset(b);
  buf_puts(b, "<html><head><title>");
  buf_puts(b, title);
  buf_puts(b, "</title></head><body><h1>");
  buf_puts(b, title);
  buf_puts(b, "</h1><div class=\"artikel\"><p>");
  buf_puts(b, para);
  buf_puts(b, "</p><p>");
  buf_puts(b, para);
  buf_puts(b, "</p></div></body></html>");
}

/* ---- WARC -------------------------------------------------------------- */

/* Appends a WARC record; http: the HTTP message (headers and body). */
static void warc_record(buf *w, const char *type, const char *uri,
                        const char *ctype, const char *block, size_t n) {
  char h[1024];
  snprintf(h, sizeof h,
           "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
           "WARC-Date: 2024-05-14T03:00:00Z\r\n"
           "WARC-Record-ID: <urn:uuid:0000>\r\nContent-Type: %s\r\n"
           "Content-Length: %zu\r\n\r\n",
           type, uri, ctype, n);
  buf_puts(w, h);
  buf_append(w, block, n);
  buf_puts(w, "\r\n\r\n");
}

static void http_response(buf *out, const char *extra_headers,
                          const char *body, size_t n) {
  char h[512];
  buf_reset(out);
  snprintf(h, sizeof h,
           "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
           "%s\r\n",
           extra_headers);
  buf_puts(out, h);
  buf_append(out, body, n);
}

static void gzip_into(buf *out, const char *s, size_t n) {
  z_stream z;
  memset(&z, 0, sizeof z);
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  buf_reserve(out, deflateBound(&z, n) + 64);
  z.next_in = (Bytef *)(uintptr_t)s;
  z.avail_in = (uInt)n;
  z.next_out = (Bytef *)out->ptr + out->len;
  z.avail_out = (uInt)(out->cap - out->len);
  deflate(&z, Z_FINISH);
  out->len = out->cap - z.avail_out;
  deflateEnd(&z);
}

static const char *const paras[3] = {
    "Polisi menangkap dua orang tersangka pencurian sepeda motor di "
    "Kecamatan Kertapati pada Senin malam, menurut keterangan kepala "
    "kepolisian sektor setempat.",
    "Pemerintah kota akan membangun tiga sekolah dasar baru tahun depan "
    "untuk menampung anak-anak dari kawasan perumahan yang baru dibuka.",
    "Harga cabai merah di pasar tradisional naik tajam setelah hujan deras "
    "merusak kebun petani di dataran tinggi selama sepekan terakhir."};

/* Builds an archive: a warcinfo record, three HTML responses (plain,
 * chunked, gzip-encoded), an image response, a request.  corrupt: a
 * broken record in the middle. */
static void build_warc(buf *w, int corrupt) {
  buf pg = BUF_INIT, http = BUF_INIT, enc = BUF_INIT;
  char hdr[64];
  warc_record(w, "warcinfo", "", "application/warc-fields",
              "software: tes\r\n", 15);
  make_page(&pg, "Dua Pencuri Motor Ditangkap", paras[0]);
  http_response(&http, "", pg.ptr, pg.len);
  warc_record(w, "response", "http://contoh.co.id/a", "application/http; "
              "msgtype=response", http.ptr, http.len);
  warc_record(w, "request", "http://contoh.co.id/a", "application/http; "
              "msgtype=request", "GET /a HTTP/1.1\r\n\r\n", 19);
  if (corrupt)
    buf_puts(w, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
                "banyak\r\n\r\nsampah sampah\r\n\r\n");
  /* chunked */
  make_page(&pg, "Tiga Sekolah Dasar Baru", paras[1]);
  buf_reset(&enc);
  snprintf(hdr, sizeof hdr, "%zx\r\n", pg.len / 2);
  buf_puts(&enc, hdr);
  buf_append(&enc, pg.ptr, pg.len / 2);
  snprintf(hdr, sizeof hdr, "\r\n%zx\r\n", pg.len - pg.len / 2);
  buf_puts(&enc, hdr);
  buf_append(&enc, pg.ptr + pg.len / 2, pg.len - pg.len / 2);
  buf_puts(&enc, "\r\n0\r\n\r\n");
  http_response(&http, "Transfer-Encoding: chunked\r\n", enc.ptr, enc.len);
  warc_record(w, "response", "http://contoh.co.id/b", "application/http; "
              "msgtype=response", http.ptr, http.len);
  /* an image */
  http_response(&http, "", "\x89PNG", 4);
  memcpy(http.ptr + 30, "image/png; charset=x ", 21);
  warc_record(w, "response", "http://contoh.co.id/c.png",
              "application/http; msgtype=response", http.ptr, http.len);
  /* gzip content coding */
  make_page(&pg, "Harga Cabai Naik Tajam", paras[2]);
  buf_reset(&enc);
  gzip_into(&enc, pg.ptr, pg.len);
  http_response(&http, "Content-Encoding: gzip\r\n", enc.ptr, enc.len);
  warc_record(w, "response", "http://contoh.co.id/d", "application/http; "
              "msgtype=response", http.ptr, http.len);
  buf_free(&pg);
  buf_free(&http);
  buf_free(&enc);
}

/* Reads every document of path: titles joined by "|", and the statuses
 * that were not KB_OK counted. */
static int read_all(const char *path, char *titles, size_t cap,
                    int *n_format, size_t *offset) {
  kb_reader *r;
  kb_doc *doc;
  kb_error err;
  kb_status st;
  int n = 0;
  titles[0] = '\0';
  *n_format = 0;
  if (kb_reader_open(path, &r, &err) != KB_OK)
    return -1;
  while ((st = kb_reader_next(r, &doc, &err)) != KB_DONE) {
    if (st == KB_OK) {
      kb_text t = kb_doc_field(doc, KB_FIELD_TITLE);
      kb_text u = kb_doc_field(doc, KB_FIELD_URL);
      kb_text d = kb_doc_field(doc, KB_FIELD_DATE);
      size_t len = strlen(titles);
      snprintf(titles + len, cap - len, "%s%.*s", n ? "|" : "", (int)t.len,
               t.ptr ? t.ptr : "");
      CHECK(u.ptr != NULL && strncmp(u.ptr, "http://contoh.co.id/", 20) == 0);
      CHECK_TEXT(d, "2024-05-14");
      kb_doc_free(doc);
      n++;
    } else if (st == KB_EFORMAT) {
      (*n_format)++;
      *offset = err.offset;
    } else {
      fprintf(stderr, "unexpected %s: %s\n", kb_status_str(st), err.msg);
    }
  }
  kb_reader_free(r);
  return n;
}

static const char want_titles[] = "Dua Pencuri Motor Ditangkap|Tiga Sekolah "
                                  "Dasar Baru|Harga Cabai Naik Tajam";

static void warc_plain(void) {
  buf w = BUF_INIT;
  char titles[512];
  int bad;
  size_t off = 0;
  build_warc(&w, 0);
  write_file("a.warc", w.ptr, w.len);
  CHECK_INT(read_all(path_of("a.warc"), titles, sizeof titles, &bad, &off),
            3);
  CHECK_STR(titles, want_titles);
  CHECK_INT(bad, 0);
  buf_free(&w);
}

/* Each record its own gzip member, as crawlers write them. */
static void warc_gzip_members(void) {
  buf w = BUF_INIT, one = BUF_INIT, gz = BUF_INIT;
  char titles[512];
  int bad;
  size_t off = 0, i = 0;
  build_warc(&w, 0);
  while (i < w.len) {
    const char *next = NULL;
    size_t k;
    for (k = i + 1; k + 8 <= w.len; k++)
      if (memcmp(w.ptr + k, "\r\n\r\nWARC/1.0", 12) == 0) {
        next = w.ptr + k + 4;
        break;
      }
    buf_reset(&one);
    buf_append(&one, w.ptr + i, next ? (size_t)(next - w.ptr) - i : w.len - i);
    gzip_into(&gz, one.ptr, one.len);
    i = next ? (size_t)(next - w.ptr) : w.len;
  }
  write_file("b.warc.gz", gz.ptr, gz.len);
  CHECK_INT(read_all(path_of("b.warc.gz"), titles, sizeof titles, &bad, &off),
            3);
  CHECK_STR(titles, want_titles);
  buf_free(&w);
  buf_free(&one);
  buf_free(&gz);
}

static void warc_zstd(void) {
  buf w = BUF_INIT;
  char titles[512];
  int bad;
  size_t off = 0, bound, n;
  void *z;
  build_warc(&w, 0);
  bound = ZSTD_compressBound(w.len);
  z = malloc(bound);
  n = ZSTD_compress(z, bound, w.ptr, w.len, 3);
  CHECK(!ZSTD_isError(n));
  write_file("c.warc.zst", z, n);
  CHECK_INT(read_all(path_of("c.warc.zst"), titles, sizeof titles, &bad, &off),
            3);
  CHECK_STR(titles, want_titles);
  free(z);
  buf_free(&w);
}

static void warc_corrupt_record_is_reported_and_skipped(void) {
  buf w = BUF_INIT;
  char titles[512];
  int bad;
  size_t off = 0;
  const char *at;
  build_warc(&w, 1);
  write_file("d.warc", w.ptr, w.len);
  CHECK_INT(read_all(path_of("d.warc"), titles, sizeof titles, &bad, &off),
            3);
  CHECK_STR(titles, want_titles);
  CHECK_INT(bad, 1);
  at = strstr(w.ptr, "Content-Length: banyak");
  CHECK(at != NULL && off > 0 && off < (size_t)(at - w.ptr));
  CHECK(memcmp(w.ptr + off, "WARC/1.0", 8) == 0);
  /* truncated: the last record cut in half */
  write_file("e.warc", w.ptr, w.len - 200);
  CHECK_INT(read_all(path_of("e.warc"), titles, sizeof titles, &bad, &off),
            2);
  CHECK_INT(bad, 2);
  buf_free(&w);
}

static void warc_lang_filter_counts(void) {
  buf w = BUF_INIT, pg = BUF_INIT, http = BUF_INIT;
  kb_reader *r;
  kb_doc *doc;
  kb_error err;
  int n = 0;
  make_page(&pg, "Roads to be repaired", text_en);
  http_response(&http, "", pg.ptr, pg.len);
  warc_record(&w, "response", "http://contoh.co.id/en", "application/http",
              http.ptr, http.len);
  make_page(&pg, "Jalan akan diperbaiki", text_id);
  http_response(&http, "", pg.ptr, pg.len);
  warc_record(&w, "response", "http://contoh.co.id/id", "application/http",
              http.ptr, http.len);
  make_page(&pg, "Jalan akan dibaiki", text_ms);
  http_response(&http, "", pg.ptr, pg.len);
  warc_record(&w, "response", "http://contoh.co.id/ms", "application/http",
              http.ptr, http.len);
  write_file("f.warc", w.ptr, w.len);
  CHECK_INT(kb_reader_open(path_of("f.warc"), &r, &err), KB_OK);
  while (kb_reader_next(r, &doc, &err) != KB_DONE) {
    if (doc) {
      CHECK_TEXT(kb_doc_field(doc, KB_FIELD_URL), "http://contoh.co.id/id");
      kb_doc_free(doc);
      n++;
    }
  }
  CHECK_INT(n, 1);
  CHECK_INT(kb_reader_n_skipped_lang(r), 2);
  kb_reader_free(r);
  CHECK_INT(kb_reader_open(path_of("f.warc"), &r, &err), KB_OK);
  CHECK_INT(kb_reader_set_lang(r, "any"), KB_OK);
  CHECK_INT(kb_reader_set_lang(r, "klingon"), KB_EARG);
  n = 0;
  while (kb_reader_next(r, &doc, &err) != KB_DONE)
    if (doc) {
      kb_doc_free(doc);
      n++;
    }
  CHECK_INT(n, 3);
  CHECK_INT(kb_reader_n_skipped_lang(r), 0);
  kb_reader_free(r);
  buf_free(&w);
  buf_free(&pg);
  buf_free(&http);
}

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/kabar-test-html-XXXXXX");
  if (mkdtemp(tmpdir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  RUN(metadata_of_a_page);
  RUN(main_text_without_furniture);
  RUN(latin1_page_is_converted);
  RUN(unknown_charset_is_windows_1252);
  RUN(structured_date_and_og_title_fallback);
  RUN(trailing_widgets_and_capitals_signoff);
  RUN(structured_local_time_before_utc);
  RUN(headline_not_a_list_entry);
  RUN(url_domains);
  RUN(garbage_is_no_crash);
  RUN(html_file_through_the_pipeline);
  RUN(page_spans_point_into_the_page);
  RUN(language_identification);
  RUN(warc_plain);
  RUN(warc_gzip_members);
  RUN(warc_zstd);
  RUN(warc_corrupt_record_is_reported_and_skipped);
  RUN(warc_lang_filter_counts);
  {
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
      fprintf(stderr, "could not remove %s\n", tmpdir);
  }
  return harness_done("html");
}
