/*
 * test_clean.c -- unit tests of the clean stage (src/clean.c) and its
 * full-date recogniser (src/clean_date.c).
 *
 * Every rule has an Indonesian example written for these tests.  The
 * lexicon is made deterministic: the dictionary is loaded from the data
 * compiled into the library (names.txt) plus a small hunspell-style root
 * list written to a temporary file, so the tests do not depend on the
 * hunspell-id package or on ../shared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clean.h"
#include "harness.h"
#include "kabar.h"
#include "kabar_int.h"
#include "util/calendar.h"

static kb_dict *dict; /* loaded in main */

/* Roots the glued-word tests rely on, as a hunspell .dic file. */
static const char test_roots[] =
    "42\n"
    "seru\npresiden/X\nwarga\nnuklir\nserang\nlapor\nmedan\nsudan\n"
    "pandan\nramadan\nsembahyang\nutara\nrakyat\ndata\nunit\nlansir\n"
    "kompas\npelet\nwulan\ntik\nantara\nislam\nrepublik\nmiliter\n"
    "kelab\nkota\npulau\nsurya\nwahyu\nsetia\nrama\nham\nkediri\n"
    "dendam\ninternet\nkorea\nlabel\nmobil\nlanjut\ntemu\n";

/* ---- helpers ---------------------------------------------------------- */

static kb_doc *make_doc(const char *text) {
  kb_doc *doc = NULL;
  CHECK(kb_doc_new("t", 1, text, strlen(text), &doc) == KB_OK);
  return doc;
}

/* The blocks are in text order, do not overlap, lie inside the text and
 * hold no surrounding white space; the splits are sorted and each lies
 * strictly inside a body, title or caption block. */
static void check_invariants(const kb_doc *doc) {
  size_t i, n = kb_doc_n_blocks(doc), prev_end = 0;
  kb_text t = kb_doc_text(doc);
  for (i = 0; i < n; i++) {
    const kb_block *b = kb_doc_block(doc, i);
    CHECK(b->span.start < b->span.end);
    CHECK(b->span.start >= prev_end);
    CHECK(b->span.end <= t.len);
    CHECK(t.ptr[b->span.start] != ' ' && t.ptr[b->span.start] != '\n');
    CHECK(t.ptr[b->span.end - 1] != ' ' && t.ptr[b->span.end - 1] != '\n');
    prev_end = b->span.end;
  }
  for (i = 0; i < doc->n_splits; i++) {
    size_t at = doc->splits[i], k;
    int inside = 0;
    if (i > 0)
      CHECK(doc->splits[i - 1] < at);
    for (k = 0; k < n; k++) {
      const kb_block *b = kb_doc_block(doc, k);
      if (at > b->span.start && at < b->span.end &&
          (b->kind == KB_BLOCK_BODY || b->kind == KB_BLOCK_TITLE ||
           b->kind == KB_BLOCK_CAPTION))
        inside = 1;
    }
    CHECK(inside);
  }
}

static kb_doc *clean_with(const char *text, const kb_dict *d, unsigned flags) {
  kb_doc *doc = make_doc(text);
  kb_options opts = KB_OPTIONS_INIT;
  opts.flags = flags;
  if (doc == NULL)
    return NULL;
  CHECK(kb_doc_clean(doc, d, &opts, NULL) == KB_OK);
  check_invariants(doc);
  return doc;
}

static kb_doc *clean(const char *text) { return clean_with(text, dict, 0); }

/* The text of a span. */
static kb_text span_of(const kb_doc *doc, kb_span s) {
  kb_text t = kb_doc_text(doc), out;
  out.ptr = t.ptr + s.start;
  out.len = s.end - s.start;
  return out;
}

/* The i-th block of a kind (NULL if there is none). */
static const kb_block *nth_block(const kb_doc *doc, kb_block_kind kind,
                                 size_t nth) {
  size_t i;
  for (i = 0; i < kb_doc_n_blocks(doc); i++) {
    const kb_block *b = kb_doc_block(doc, i);
    if (b->kind == kind && nth-- == 0)
      return b;
  }
  return NULL;
}

static size_t count_blocks(const kb_doc *doc, kb_block_kind kind) {
  size_t i, n = 0;
  for (i = 0; i < kb_doc_n_blocks(doc); i++)
    n += kb_doc_block(doc, i)->kind == kind;
  return n;
}

/* The text of the i-th block of a kind, or an absent text. */
static kb_text block_text(const kb_doc *doc, kb_block_kind kind, size_t nth) {
  const kb_block *b = nth_block(doc, kind, nth);
  kb_text none = {NULL, 0};
  return b ? span_of(doc, b->span) : none;
}

/* The text with a space at every split, for checking splits readably:
 * "seruanAmerika" -> "seruan Amerika".  Static buffer. */
static const char *with_splits(const kb_doc *doc) {
  static char out[4096];
  kb_text t = kb_doc_text(doc);
  size_t i, k = 0, o = 0;
  for (i = 0; i < t.len && o + 2 < sizeof out; i++) {
    if (k < doc->n_splits && doc->splits[k] == i) {
      out[o++] = ' ';
      k++;
    }
    out[o++] = t.ptr[i];
  }
  out[o] = '\0';
  return out;
}

/* Whether "splits" of `glued` in a body sentence give `want`. */
static void check_split(const char *glued, const char *want) {
  char text[512];
  kb_doc *doc;
  snprintf(text, sizeof text, "Kata dia, %s kemarin.", glued);
  doc = clean(text);
  if (doc == NULL)
    return;
  {
    char expect[512];
    snprintf(expect, sizeof expect, "Kata dia, %s kemarin.", want);
    CHECK_STR(with_splits(doc), expect);
  }
  kb_doc_free(doc);
}

/* ---- dates ------------------------------------------------------------ */

static void date_ok(const char *s, int y, int m, int d, int hh, int mm,
                    size_t want_used) {
  clean_date out;
  size_t used = 0;
  int ok = clean_parse_date(s, strlen(s), &out, &used);
  CHECK(ok);
  if (!ok) {
    fprintf(stderr, "  (date \"%s\")\n", s);
    return;
  }
  CHECK_INT(out.year, y);
  CHECK_INT(out.month, m);
  CHECK_INT(out.day, d);
  CHECK_INT(out.hour, hh);
  if (hh >= 0)
    CHECK_INT(out.minute, mm);
  CHECK_INT(used, want_used);
}

static void date_bad(const char *s) {
  clean_date out;
  size_t used = 0;
  int ok = clean_parse_date(s, strlen(s), &out, &used);
  if (ok)
    fprintf(stderr, "  (\"%s\" parsed as a date)\n", s);
  CHECK(!ok);
}

/* "31 Dec 2024, 19:45" (a byline's date), "Rabu, 20 Maret 2024" (a date
 * line), "Senin (9/6/2025)" (detik's in-text date). */
static void dates_in_news_shapes(void) {
  date_ok("31 Dec 2024, 19:45", 2024, 12, 31, 19, 45, 18);
  date_ok("Rabu, 20 Maret 2024", 2024, 3, 20, -1, 0, 19);
  date_ok("Senin (9/6/2025)", 2025, 6, 9, -1, 0, 16);
  date_ok("20/03/2024", 2024, 3, 20, -1, 0, 10);
  date_ok("2024-03-20", 2024, 3, 20, -1, 0, 10);
  date_ok("2024-03-20T19:45", 2024, 3, 20, 19, 45, 16);
  date_ok("20 Maret 2024 19:45 WIB", 2024, 3, 20, 19, 45, 23);
  date_ok("Selasa, 10 Jun 2025 14:05 WIB", 2025, 6, 10, 14, 5, 29);
  date_ok("Rabu, 11 Juni 2025 pukul 15.15 WIB", 2025, 6, 11, 15, 15, 34);
  date_ok("March 20, 2024", 2024, 3, 20, -1, 0, 14);
  date_ok("Wednesday, March 20, 2024", 2024, 3, 20, -1, 0, 25);
  date_ok("17 Agustus 1945", 1945, 8, 17, -1, 0, 15);
}

/* Every month name and abbreviation, Indonesian and English, any case,
 * old spellings ("Pebruari", "Nopember"), a final dot ("Des."). */
static void dates_month_names(void) {
  static const struct {
    const char *name;
    int month;
  } cases[] = {
      {"Jan", 1},       {"Januari", 1}, {"February", 2}, {"Pebruari", 2},
      {"Mar", 3},       {"Apr", 4},     {"Mei", 5},      {"May", 5},
      {"Jun", 6},       {"Juli", 7},    {"Jul", 7},      {"Agu", 8},
      {"Agt", 8},       {"Aug", 8},     {"Agustus", 8},  {"Sep", 9},
      {"Sept", 9},      {"Okt", 10},    {"Oct", 10},     {"Nov", 11},
      {"Nopember", 11}, {"Des", 12},    {"Dec", 12},     {"DESEMBER", 12},
      {"Des.", 12},     {"maret", 3}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    CHECK_INT(clean_month(cases[i].name, strlen(cases[i].name)),
              cases[i].month);
  CHECK_INT(clean_month("Minggu", 6), 0);
  CHECK_INT(clean_weekday("Jum'at", 6), 5);
  CHECK_INT(clean_weekday("Ahad", 4), 7);
  CHECK_INT(clean_weekday("Minggu", 6), 7);
  CHECK_INT(clean_weekday("Maret", 5), 0);
}

/* Days are validated: "31 Juni 2025" does not exist, 2024 is a leap
 * year, 2023 is not; a year that runs on ("20245", "2024an") is none;
 * "10.000" after a date is a number, not a time. */
static void dates_are_validated(void) {
  clean_date d;
  size_t used;
  date_bad("31 Juni 2025");
  date_bad("29 Februari 2023");
  date_ok("29/2/2024", 2024, 2, 29, -1, 0, 9);
  date_bad("32/1/2024");
  date_bad("1/13/2024");
  date_bad("20 Maret 20245");
  date_bad("20 Maret 2024an");
  date_bad("Maret 2024");
  date_bad("27 Desember");
  date_bad("Jumat (27 Desember)");
  date_bad("Senin");
  date_bad("pada 2024");
  date_bad("2024-2025");
  CHECK(clean_parse_date("20 Maret 2024, 10.000 orang", 26, &d, &used));
  CHECK_INT(d.hour, -1);
  CHECK_INT(used, 13);
  CHECK_INT(cal_days_in_month(2024, 2), 29);
  CHECK_INT(cal_days_in_month(1900, 2), 28);
  CHECK_INT(cal_days_in_month(2000, 2), 29);
}

static void dates_format_iso(void) {
  clean_date d;
  char out[17];
  size_t used;
  CHECK(clean_parse_date("31 Dec 2024, 19:45", 18, &d, &used));
  CHECK_INT(clean_format_date(&d, 1, out), 16);
  CHECK_STR(out, "2024-12-31T19:45");
  clean_format_date(&d, 0, out);
  CHECK_STR(out, "2024-12-31");
  CHECK(clean_parse_date("Rabu, 20 Maret 2024", 19, &d, &used));
  clean_format_date(&d, 1, out);
  CHECK_STR(out, "2024-03-20"); /* no time printed: none invented */
}

/* ---- title, meta, captions -------------------------------------------- */

/* A scraped page: "Menu", the headline, a byline "Name DD Mon YYYY,
 * HH:MM", a caption printed twice, the outlet lead, "(***)". */
static void scraped_page(void) {
  static const char text[] =
      "Menu\n\n"
      "Menlu Sugiono Bertemu Menlu Malaysia Bahas Batas Laut\n\n"
      "Rahmadani 14 Mei 2025, 10:20\n"
      "Menlu Sugiono (kanan) berjabat tangan dengan Menlu Malaysia (kiri) "
      "di Kuala Lumpur, pada 13\n"
      "Menlu Sugiono (kanan) berjabat tangan dengan Menlu Malaysia (kiri) "
      "di Kuala Lumpur, pada 13\n\n"
      "KABARNUSA.COM - Menteri Luar Negeri Sugiono bertemu dengan Menteri "
      "Luar Negeri Malaysia di Kuala Lumpur.\n\n"
      "Kedua negara menandatangani nota kesepahaman.\n\n"
      "(***)";
  kb_doc *doc = clean(text);
  const kb_meta *m;
  if (doc == NULL)
    return;
  m = kb_doc_meta(doc);
  CHECK_TEXT(m->title, "Menlu Sugiono Bertemu Menlu Malaysia Bahas Batas Laut");
  CHECK_SPAN(text, m->title_span,
             "Menlu Sugiono Bertemu Menlu Malaysia Bahas Batas Laut");
  CHECK_TEXT(m->author, "Rahmadani");
  CHECK_SPAN(text, m->author_span, "Rahmadani");
  CHECK_TEXT(m->published, "2025-05-14T10:20");
  CHECK_SPAN(text, m->published_span, "14 Mei 2025, 10:20");
  CHECK_TEXT(m->outlet, "kabarnusa.com");
  CHECK_SPAN(text, m->outlet_span, "KABARNUSA.COM");
  CHECK_TEXT(m->dateline, NULL);
  CHECK_TEXT(m->reference_date, "2025-05-14");
  CHECK_INT(m->reference_source, KB_REFDATE_PUBLISHED);
  CHECK_INT(count_blocks(doc, KB_BLOCK_CAPTION), 1);
  CHECK_INT(count_blocks(doc, KB_BLOCK_DUPLICATE), 1);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BOILERPLATE, 0), "Menu");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BOILERPLATE, 1), "(***)");
  CHECK_TEXT(block_text(doc, KB_BLOCK_META, 1), "KABARNUSA.COM -");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri "
             "Malaysia di Kuala Lumpur.");
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  CHECK_INT(kb_doc_repairs(doc)->captions, 1);
  CHECK_INT(kb_doc_repairs(doc)->duplicates, 1);
  CHECK_INT(kb_doc_repairs(doc)->boilerplate, 2);
  kb_doc_free(doc);
}

/* "(***)" glued before the headline is boilerplate: the title starts
 * after it.  "- wartaasia.com" on its own line names the outlet; "Seoul –"
 * is the dateline; with no publication date the latest full date printed
 * is the reference. */
static void glued_stars_outlet_line_dateline(void) {
  static const char text[] =
      "(***)Korea Selatan dan Jepang Sepakat Perkuat Kerja Sama Keamanan\n"
      "- wartaasia.com\n"
      "Seoul \xE2\x80\x93 Presiden Korea Selatan bertemu dengan Perdana "
      "Menteri Jepang di Seoul.\n"
      "Korea Utara menembakkan rudal pada Minggu, 8 Juni 2025.\n"
      "\"Provokasi itu mengancam kawasan,\" ujar Lee, Senin, 9 Juni 2025.\n";
  kb_doc *doc = clean(text);
  const kb_meta *m;
  if (doc == NULL)
    return;
  m = kb_doc_meta(doc);
  CHECK_TEXT(m->title,
             "Korea Selatan dan Jepang Sepakat Perkuat Kerja Sama Keamanan");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BOILERPLATE, 0), "(***)");
  CHECK_TEXT(m->outlet, "wartaasia.com");
  CHECK_SPAN(text, m->outlet_span, "wartaasia.com");
  CHECK_TEXT(m->dateline, "Seoul");
  CHECK_SPAN(text, m->dateline_span, "Seoul");
  CHECK_TEXT(m->published, NULL);
  CHECK_TEXT(m->reference_date, "2025-06-09");
  CHECK_INT(m->reference_source, KB_REFDATE_LATEST_DATE);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "Presiden Korea Selatan bertemu dengan Perdana Menteri Jepang di "
             "Seoul.");
  CHECK_INT(kb_doc_n_warnings(doc), 0);
  kb_doc_free(doc);
}

/* Meta lines: "Rabu, 11 Juni 2025 14:05 WIB" (a date line), "Penulis:"
 * names the author, "Editor:" does not; "Diperbarui ..." (updated) is a
 * label, not an author; "Jakarta, 20 Maret 2024" is a place. */
static void meta_lines(void) {
  kb_doc *doc = clean("DPR Setujui RUU Perampasan Aset\n"
                      "Rabu, 11 Juni 2025 14:05 WIB\n"
                      "JAKARTA, SUARANUSA.com - DPR menyetujui RUU itu.\n"
                      "Penulis: Dian Pratiwi\n"
                      "Editor: Hendra Kusuma\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->published, "2025-06-11T14:05");
  CHECK_TEXT(kb_doc_meta(doc)->author, "Dian Pratiwi");
  CHECK_TEXT(kb_doc_meta(doc)->dateline, "JAKARTA");
  CHECK_TEXT(kb_doc_meta(doc)->outlet, "suaranusa.com");
  CHECK_INT(count_blocks(doc, KB_BLOCK_META), 4);
  kb_doc_free(doc);

  doc = clean("Iran Kecam Serangan Israel\n"
              "Diperbarui 17 Jun 2025, 08:30 WIB\n"
              "Nusantara7.com, Teheran - Iran mengecam serangan itu.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->published, "2025-06-17T08:30");
  CHECK_TEXT(kb_doc_meta(doc)->author, NULL);
  CHECK_TEXT(kb_doc_meta(doc)->dateline, "Teheran");
  CHECK_TEXT(kb_doc_meta(doc)->outlet, "nusantara7.com");
  kb_doc_free(doc);

  doc = clean("Banjir Rendam Bekasi\n"
              "Jakarta, 20 Maret 2024\n"
              "Banjir merendam ratusan rumah di Bekasi.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->published, "2024-03-20");
  CHECK_TEXT(kb_doc_meta(doc)->author, NULL);
  kb_doc_free(doc);

  /* detik's date form on a line of its own */
  doc = clean("Polisi Tangkap Pelaku Pembakaran Hutan\n"
              "Senin (9/6/2025)\n"
              "Polisi menangkap tiga pelaku pembakaran hutan di Riau.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->published, "2025-06-09");
  CHECK_SPAN(kb_doc_text(doc).ptr, kb_doc_meta(doc)->published_span,
             "Senin (9/6/2025)");
  kb_doc_free(doc);
}

/* Tribunnews-style reporter lines: "Laporan Wartawan Tribun-Papua.com,
 * Fiona Sihasale", "Laporan Dede Rosadi l Aceh Singkil". */
static void reporter_lines(void) {
  kb_doc *doc = clean("Laporan Wartawan KabarPapua.com, Yohana Wenda\n"
                      "KABARPAPUA.COM, JAYAPURA - Bupati meresmikan pasar "
                      "baru.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->author, "Yohana Wenda");
  CHECK_TEXT(kb_doc_meta(doc)->dateline, "JAYAPURA");
  CHECK_TEXT(kb_doc_meta(doc)->title, NULL);
  kb_doc_free(doc);
  doc = clean("Laporan Teuku Ridwan l Aceh Barat\n"
              "SERAMBI.CO, MEULABOH - Polisi menangkap dua tersangka.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->author, "Teuku Ridwan");
  kb_doc_free(doc);
  /* a sentence that starts with "Laporan" is no byline */
  doc = clean("Laporan keuangan pemerintah daerah dinilai wajar tanpa "
              "pengecualian oleh BPK.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->author, NULL);
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 1);
  kb_doc_free(doc);
}

/* Captions: "Dalam foto ...", "Foto: ...", "... Foto: Dok. Humas",
 * "... (credit: ...)"; a caption printed again later is a duplicate. */
static void captions(void) {
  kb_doc *doc = clean(
      "Prabowo Hadiri KTT ASEAN\n"
      "Dalam foto ini, Presiden Prabowo Subianto tiba di Kuala Lumpur\n"
      "KUALA LUMPUR - Presiden Prabowo Subianto menghadiri KTT ASEAN.\n"
      "Presiden menyampaikan pidato tentang Laut China Selatan. Foto: Dok. "
      "Setpres\n"
      "Presiden juga bertemu dengan Perdana Menteri Malaysia.\n"
      "Para pemimpin ASEAN berfoto bersama (credit: Biro Pers)\n"
      "Presiden menyampaikan pidato tentang Laut China Selatan. Foto: Dok. "
      "Setpres\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_CAPTION), 3);
  CHECK_INT(count_blocks(doc, KB_BLOCK_DUPLICATE), 1);
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  CHECK_TEXT(block_text(doc, KB_BLOCK_CAPTION, 0),
             "Dalam foto ini, Presiden Prabowo Subianto tiba di Kuala Lumpur");
  kb_doc_free(doc);
}

/* ---- boilerplate ------------------------------------------------------ */

/* The markers news sites print inside bodies, each on its own line. */
static void boilerplate_markers(void) {
  static const char *const lines[] = {
      "ADVERTISEMENT",
      "Advertisement",
      "SCROLL TO CONTINUE WITH CONTENT",
      "Baca juga: Menlu Sugiono Terima Dubes Jepang",
      "Baca Juga: KPK Tahan Dua Tersangka",
      "Simak Video 'Menlu Bertemu Dubes Palestina':",
      "Simak juga Video: Prabowo Tiba di Beijing",
      "Lihat juga Video: Banjir di Bekasi",
      "Tonton juga: Demo Buruh di Depan DPR",
      "[Gambas:Video 20detik]",
      "Saksikan Live DetikSore:",
      "Artikel ini telah tayang di KabarNusa.com dengan judul DPR Setujui RUU",
      "Ikuti Saluran WhatsApp KabarNusa untuk berita terbaru.",
      "Ikuti kami di",
      "Disclaimer: Setiap keputusan investasi ada di tangan pembaca.",
      "(Ayo ikuti saluran WhatsApp kami biar enggak ketinggalan update!)",
      "Hubungi Chatbot WhatsApp Cek Fakta di 0811-0000-000.",
      "-\xC2\xA0"
      "Baca Berita Terbaru Lainnya di GOOGLE NEWS",
      "Menu",
      "(***)",
      "Share",
      "Daftar Isi",
      "Pilihan editor: Apa Dampak Perang Dagang terhadap Ekonomi"};
  size_t i;
  for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    char text[512];
    kb_doc *doc;
    snprintf(text, sizeof text,
             "Polisi menangkap dua tersangka di Bekasi.\n%s\n"
             "Keduanya ditahan di Polda Metro Jaya.\n",
             lines[i]);
    doc = clean(text);
    if (doc == NULL)
      return;
    if (count_blocks(doc, KB_BLOCK_BOILERPLATE) != 1)
      fprintf(stderr, "  (not boilerplate: \"%s\")\n", lines[i]);
    CHECK_INT(count_blocks(doc, KB_BLOCK_BOILERPLATE), 1);
    CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
    kb_doc_free(doc);
  }
}

/* "Baca juga:" on a line of its own: the headline after it is a link;
 * the paragraph after that is text.  detik's sign-off "(dwi/rfs)" and the
 * tag lines after it are boilerplate. */
static void related_links_and_tags(void) {
  kb_doc *doc = clean("Penyidik memeriksa saksi selama delapan jam.\n"
                      "Baca juga:\n"
                      "KPK Tetapkan Dua Tersangka Baru Kasus Kapal\n"
                      "Juru bicara KPK mengatakan pemeriksaan berlanjut.\n"
                      "(dwi/rfs)\n"
                      "kpk\n"
                      "korupsi kapal\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  CHECK_INT(count_blocks(doc, KB_BLOCK_BOILERPLATE), 5);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 1),
             "Juru bicara KPK mengatakan pemeriksaan berlanjut.");
  kb_doc_free(doc);
  /* a headline that runs on into a split sentence ends the list */
  doc = clean("Baca juga:\n"
              "KPK Tetapkan Dua Tersangka Baru Kasus Kapal\n"
              "Juru bicara KPK\n"
              "Budi Prasetyo\n"
              "mengatakan penyidik mendalami proses tender.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BOILERPLATE), 2);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "Juru bicara KPK\nBudi Prasetyo\nmengatakan penyidik mendalami "
             "proses tender.");
  kb_doc_free(doc);
}

/* A "Baca juga" link glued into a paragraph is cut out of it where its
 * headline certainly ends (a '?' or '!', a glued capital, the first
 * lower-case word no title-cased headline has, the line's end); the text
 * on both sides stays body text. */
static void inline_related_links(void) {
  kb_doc *doc = clean("Tim SAR menemukan dua korban di hulu sungai.Baca Juga:"
                      "Gempa Guncang Pulau Seram, Warga Mengungsi?Kepala BPBD "
                      "mengatakan pencarian dilanjutkan besok.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "Tim SAR menemukan dua korban di hulu sungai.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 1),
             "Kepala BPBD mengatakan pencarian dilanjutkan besok.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BOILERPLATE, 0),
             "Baca Juga:Gempa Guncang Pulau Seram, Warga Mengungsi?");
  kb_doc_free(doc);
  doc = clean("Harga cabai naik tajam. Baca juga: Menteri Pertanian Tinjau "
              "Pasar di Bandung Selain cabai, harga bawang juga naik.\n"
              "Nelayan melihat hiu itu pekan lalu.Baca Juga:Nelayan Aceh "
              "Tangkap Hiu PausPara nelayan kemudian melepaskannya.\n"
              "Rapat berlangsung tertutup. Baca juga: Lima Fakta Rapat "
              "Paripurna DPR\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 5);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0), "Harga cabai naik tajam.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 1),
             "Selain cabai, harga bawang juga naik.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 2),
             "Nelayan melihat hiu itu pekan lalu.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 3),
             "Para nelayan kemudian melepaskannya.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 4), "Rapat berlangsung tertutup.");
  kb_doc_free(doc);
  /* no certain end: the paragraph is left whole, nothing lost */
  doc = clean("Warga berkumpul di balai desa. Baca juga: warga desa "
              "membersihkan saluran air setiap pekan.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 1);
  kb_doc_free(doc);
}

/* Kompas' promotion, split over lines: "Simak\nbreaking news\ndan\n..."
 * all boilerplate; a promotion glued after the last sentence of a
 * paragraph is cut off; "(*)" glued at the end is boilerplate. */
static void promotions(void) {
  kb_doc *doc = clean("Menteri ESDM mencabut empat izin tambang.\n"
                      "Simak\n"
                      "breaking news\n"
                      "dan\n"
                      "berita pilihan\n"
                      "kami langsung di ponselmu.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 1);
  CHECK_INT(count_blocks(doc, KB_BLOCK_BOILERPLATE), 5);
  kb_doc_free(doc);
  doc = clean("\"Kami akan evaluasi,\" tegas dia.  Ikuti Saluran WhatsApp "
              "KabarJakarta untuk berita terbaru.\n"
              "Warga berharap banjir segera surut.(*)\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "\"Kami akan evaluasi,\" tegas dia.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 1),
             "Warga berharap banjir segera surut.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BOILERPLATE, 1), "(*)");
  kb_doc_free(doc);
}

/* KB_FLAG_KEEP_BOILERPLATE keeps boilerplate lines as body text. */
static void keep_boilerplate_flag(void) {
  kb_doc *doc = clean_with("Polisi menangkap dua tersangka.\nADVERTISEMENT\n"
                           "Keduanya ditahan.\n",
                           dict, KB_FLAG_KEEP_BOILERPLATE);
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BOILERPLATE), 0);
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 3);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 1), "ADVERTISEMENT");
  kb_doc_free(doc);
}

/* A paragraph the scraper caught twice is kept once. */
static void repeated_paragraphs(void) {
  kb_doc *doc = clean("Presiden menerima kunjungan Perdana Menteri Jepang.\n"
                      "Kedua pemimpin membahas kerja sama maritim.\n"
                      "Presiden menerima kunjungan Perdana Menteri Jepang.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  CHECK_INT(count_blocks(doc, KB_BLOCK_DUPLICATE), 1);
  CHECK_INT(kb_doc_repairs(doc)->duplicates, 1);
  kb_doc_free(doc);
}

/* ---- leads and datelines ---------------------------------------------- */

static void lead(const char *text, const char *outlet, const char *dateline,
                 const char *body_start) {
  kb_doc *doc = make_doc(text);
  const kb_block *b;
  if (doc == NULL)
    return;
  /* a JSON Lines article: the title comes from the field */
  CHECK(kb_doc_set_field(doc, KB_FIELD_TITLE, "Judul", 5) == KB_OK);
  CHECK(kb_doc_clean(doc, dict, NULL, NULL) == KB_OK);
  check_invariants(doc);
  CHECK_TEXT(kb_doc_meta(doc)->outlet, outlet);
  CHECK_TEXT(kb_doc_meta(doc)->dateline, dateline);
  b = nth_block(doc, KB_BLOCK_BODY, 0);
  CHECK(b != NULL);
  if (b) {
    kb_text t = span_of(doc, b->span);
    CHECK(t.len >= strlen(body_start) &&
          memcmp(t.ptr, body_start, strlen(body_start)) == 0);
    if (!(t.len >= strlen(body_start) &&
          memcmp(t.ptr, body_start, strlen(body_start)) == 0))
      fprintf(stderr, "  (body starts \"%.40s\", want \"%s\")\n", t.ptr,
              body_start);
  }
  kb_doc_free(doc);
}

/* The leads news sites print; the body starts after them. */
static void outlet_leads(void) {
  lead("RIAU24.COM - Pemimpin Korea Utara mengirim ucapan.", "riau24.com", NULL,
       "Pemimpin Korea Utara");
  lead("JAKARTA, KOMPAS.com - Ketua DPR memimpin rapat.", "kompas.com",
       "JAKARTA", "Ketua DPR");
  lead("JAKARTA, KOMPAS.com\n- Ketua DPR memimpin rapat.", "kompas.com",
       "JAKARTA", "Ketua DPR");
  lead("Liputan6.com, Teheran - Iran mengecam serangan itu.", "liputan6.com",
       "Teheran", "Iran mengecam");
  lead("Liputan6.com, Jakarta -Kasus penipuan marak.", "liputan6.com",
       "Jakarta", "Kasus penipuan");
  lead("Liputan6.com, JakartaPresiden Prabowo Subianto berpidato.",
       "liputan6.com", "Jakarta", "Presiden Prabowo");
  lead("TEMPO.CO,Jakarta- Majelis hakim membacakan putusan.", "tempo.co",
       "Jakarta", "Majelis hakim");
  lead("REPUBLIKA.CO.ID, JAKARTA -- Kejaksaan Agung menahan tersangka.",
       "republika.co.id", "JAKARTA", "Kejaksaan Agung");
  lead("Liputan6.com, Washington D.C - Gedung Putih membantah.", "liputan6.com",
       "Washington D.C", "Gedung Putih");
  lead("Pyongyang \xE2\x80\x93 Pemimpin Korea Utara mengucapkan selamat.", NULL,
       "Pyongyang", "Pemimpin Korea Utara");
  lead("Jakarta\n-\nLuna Maya ternyata menikah.", NULL, "Jakarta", "Luna Maya");
  lead("JAKARTA- Hotel menggelar nonton bareng.", NULL, "JAKARTA", "Hotel");
  lead("KIEV \xE2\x80\x93Wabah campak meluas.", NULL, "KIEV", "Wabah campak");
  lead("JAKARTA-Iran kembali menyerang.", NULL, "JAKARTA", "Iran kembali");
  /* CLICK-ID's remains of a linked dateline */
  lead(", , - Presiden Joko Widodo menerima penghargaan.", NULL, NULL,
       "Presiden Joko");
  lead(", - Rusia mengaku tidak akan mengerahkan rudal.", NULL, NULL,
       "Rusia mengaku");
  /* not leads: a road, a compound name, an ordinary sentence */
  lead("Jakarta-Bandung kini ditempuh dua jam.", NULL, NULL, "Jakarta-Bandung");
  lead("POS-KUPANG menggelar lomba.", NULL, NULL, "POS-KUPANG");
  lead("Presiden Prabowo Subianto menerima tamu.", NULL, NULL,
       "Presiden Prabowo");
}

/* JSON Lines: the fields give title, outlet (lower-cased), url and a
 * reference date; a headline printed before the lead is a title block. */
static void jsonl_fields(void) {
  static const char text[] = "Rusia dan Ukraina Bertukar Tawanan\n"
                             "NUSA.CO, Istanbul - Rusia dan Ukraina saling "
                             "membebaskan tawanan.\n";
  kb_doc *doc = make_doc(text);
  const kb_meta *m;
  if (doc == NULL)
    return;
  CHECK(kb_doc_set_field(doc, KB_FIELD_TITLE, "Rusia dan Ukraina", 17) ==
        KB_OK);
  CHECK(kb_doc_set_field(doc, KB_FIELD_OUTLET, "Nusa.co", 7) == KB_OK);
  CHECK(kb_doc_set_field(doc, KB_FIELD_DATE, "2025-05-23", 10) == KB_OK);
  CHECK(kb_doc_set_field(doc, KB_FIELD_URL, "https://nusa.co/a", 17) == KB_OK);
  CHECK(kb_doc_clean(doc, dict, NULL, NULL) == KB_OK);
  check_invariants(doc);
  m = kb_doc_meta(doc);
  CHECK_TEXT(m->title, "Rusia dan Ukraina");
  CHECK_TEXT(m->outlet, "nusa.co");
  CHECK_INT(m->outlet_span.end, 0); /* from the field, not the text */
  CHECK_TEXT(m->url, "https://nusa.co/a");
  CHECK_TEXT(m->dateline, "Istanbul");
  CHECK_TEXT(m->reference_date, "2025-05-23");
  CHECK_INT(m->reference_source, KB_REFDATE_FIELD);
  CHECK_TEXT(block_text(doc, KB_BLOCK_TITLE, 0),
             "Rusia dan Ukraina Bertukar Tawanan");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "Rusia dan Ukraina saling membebaskan tawanan.");
  kb_doc_free(doc);
}

/* ---- reference date --------------------------------------------------- */

static void reference_dates(void) {
  kb_options opts = KB_OPTIONS_INIT;
  kb_doc *doc = clean("Bawaslu menemukan dugaan politik uang.\n"
                      "KPU meminta semua pihak menghormati proses hukum.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->reference_date, NULL);
  CHECK_INT(kb_doc_meta(doc)->reference_source, KB_REFDATE_NONE);
  CHECK_INT(kb_doc_n_warnings(doc), 1);
  CHECK_STR(kb_doc_warning(doc, 0), "no reference date found");
  kb_doc_free(doc);

  /* the latest of several full dates */
  doc = clean("Rapat pertama digelar Senin (9/6/2025) dan rapat kedua pada "
              "Rabu, 11 Juni 2025, setelah kunjungan 2 Juni 2025.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->reference_date, "2025-06-11");
  CHECK_INT(kb_doc_meta(doc)->reference_source, KB_REFDATE_LATEST_DATE);
  kb_doc_free(doc);

  /* the option wins over everything */
  doc = make_doc("Judul Berita Hari Ini\nRabu, 11 Juni 2025\nIsi berita.\n");
  if (doc == NULL)
    return;
  opts.reference_date = "2024-01-31";
  CHECK(kb_doc_clean(doc, dict, &opts, NULL) == KB_OK);
  CHECK_TEXT(kb_doc_meta(doc)->reference_date, "2024-01-31");
  CHECK_INT(kb_doc_meta(doc)->reference_source, KB_REFDATE_OPTION);
  CHECK_TEXT(kb_doc_meta(doc)->published, "2025-06-11");
  kb_doc_free(doc);
}

/* ---- split lines ------------------------------------------------------ */

/* "Dikutip\nReuters\n, Senin" is one paragraph: a line that starts with a
 * comma continues the one before, and so does the name between them. */
static void joins_split_lines(void) {
  static const char text[] =
      "Dikutip\nReuters\n, Senin (9/6/2025), data dari aplikasi pelacakan\n"
      "Flightradar24\nmenunjukkan pesawat itu berputar arah.\n"
      "Presiden\nPalestina\nMahmoud Abbas\nmengatakan kelompok\nHamas\n"
      "\"harus menyerahkan senjatanya\".\n";
  kb_doc *doc = clean(text);
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0),
             "Dikutip\nReuters\n, Senin (9/6/2025), data dari aplikasi "
             "pelacakan\nFlightradar24\nmenunjukkan pesawat itu berputar "
             "arah.");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 1),
             "Presiden\nPalestina\nMahmoud Abbas\nmengatakan kelompok\nHamas\n"
             "\"harus menyerahkan senjatanya\".");
  CHECK_INT(kb_doc_repairs(doc)->lines_joined, 9);
  kb_doc_free(doc);
}

/* Kompas: "Jaringan Advokasi Tambang (\nJatam\n) meminta"; detik: a
 * sentence that ends on a linked name, the full stop on the next line. */
static void joins_around_brackets_and_stops(void) {
  kb_doc *doc = clean("Jaringan Advokasi Tambang (\nJatam\n) meminta izin "
                      "dicabut.\n"
                      "Makan pagi ini adalah program dari Presiden\n"
                      "Prabowo Subianto\n.\n"
                      "Talenta baru itu meramaikan dunia\nmusik\nIndonesia. "
                      "Ia siap merilis album.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 3);
  CHECK_TEXT(
      block_text(doc, KB_BLOCK_BODY, 1),
      "Makan pagi ini adalah program dari Presiden\nPrabowo Subianto\n.");
  kb_doc_free(doc);
}

/* A short headline-like line followed by a capitalised sentence is its
 * own block; with KB_FLAG_NO_REPAIR nothing is joined. */
static void keeps_headings_apart(void) {
  kb_doc *doc = clean("Polisi menyelidiki kasus itu.\n"
                      "Kronologi Kejadian\n"
                      "Peristiwa bermula pada Senin malam.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 3);
  CHECK_INT(kb_doc_repairs(doc)->lines_joined, 0);
  kb_doc_free(doc);
  /* a paragraph may start with a lower-case brand */
  doc = clean("Bodinya terasa berbeda saat digenggam.\n"
              "iPhone 15 Pro Max memakai kaca di bagian belakang.\n");
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  kb_doc_free(doc);
  doc = clean_with("Dikutip\nReuters\n, Senin.\n", dict, KB_FLAG_NO_REPAIR);
  if (doc == NULL)
    return;
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 3);
  CHECK_INT(kb_doc_repairs(doc)->lines_joined, 0);
  kb_doc_free(doc);
}

/* ---- glued words ------------------------------------------------------ */

/* lower -> upper boundaries after a known word or a function word, or
 * before a known name. */
static void splits_case_boundaries(void) {
  check_split("seruanAmerika Serikat(AS)bergabung",
              "seruan Amerika Serikat (AS) bergabung");
  check_split("diIran", "di Iran");
  check_split("keIsrael", "ke Israel");
  check_split("olehKPK", "oleh KPK");
  check_split("dilansirReuters", "dilansir Reuters");
  check_split("nuklirIran", "nuklir Iran");
  check_split("laporanFirst", "laporan First");
  check_split("antaraIrandan Israel", "antara Iran dan Israel");
  check_split("Republik IslamIranmelalui", "Republik Islam Iran melalui");
}

/* Known name + function word: "Trumpakan" (Trump will), "Palestinadi"
 * (in Palestine), "Kompasyang"; and "PresidenDonald" (a capitalised known
 * word before a known name). */
static void splits_name_function_word(void) {
  check_split("PresidenDonald Trumpakan", "Presiden Donald Trump akan");
  check_split("WargaPalestinadi", "Warga Palestina di");
  check_split("Kompasyang", "Kompas yang");
  check_split("Rakyatyang", "Rakyat yang");
  check_split("ReutersdanAl Jazeera", "Reuters dan Al Jazeera");
  /* the adverb "kembali" (again), which follows a subject as often */
  check_split("Korea Utarakembali menembakkan", "Korea Utara kembali menembakkan");
  check_split("Kembali", "Kembali");
}

/* Known name + verb: "Israelmelanjutkan" (Israel continues),
 * "Irandiserang" (Iran is attacked) -- the rest must be a verb the morph
 * stage finds in the lexicon; a name that merely goes on ("Medan", "Timur"
 * + letters) stays whole. */
static void splits_name_verb(void) {
  check_split("militer Israelmelanjutkan serangan",
              "militer Israel melanjutkan serangan");
  check_split("Irandiserang", "Iran diserang");
  check_split("Rusiabertemu", "Rusia bertemu");
  check_split("MiliterIsraelmelanjutkan", "Militer Israel melanjutkan");
  check_split("Israeldiam", "Israeldiam"); /* "diam" is no di- verb here */
  check_split("Medan", "Medan");
}

/* Digits, parentheses: "2025Presiden", "(AS)bergabung", "pada2025". */
static void splits_digits_and_brackets(void) {
  check_split("2025Presiden", "2025 Presiden");
  check_split("Serikat(AS)", "Serikat (AS)");
  check_split("(DPR)menyetujui", "(DPR) menyetujui");
  check_split("pada2025", "pada 2025");
  check_split("4G", "4G");
  check_split("G20", "G20");
  check_split("(re)organisasi", "(re)organisasi");
  check_split("9Naga", "9Naga");
}

/* CamelCase brands are never split. */
static void never_splits_brands(void) {
  static const char *const brands[] = {
      "YouTube",      "WhatsApp",      "iPhone",   "McDonald's", "PlayStation",
      "LinkedIn",     "TikTok",        "DeepSeek", "GoTo",       "BlackRock",
      "JavaScript",   "PowerPoint",    "eFishery", "KompasTV",   "CNNIndonesia",
      "detikNews",    "kWh",           "mAh",      "iNews",      "tvOne",
      "TransJakarta", "TribunJakarta", "macOS",    "AirAsia",    "kepadaNya",
      "detikcom"};
  size_t i;
  for (i = 0; i < sizeof brands / sizeof brands[0]; i++)
    check_split(brands[i], brands[i]);
  /* "semuaiPhone" is "semua iPhone", never "semuai Phone" */
  check_split("diiPhone", "diiPhone");
}

/* Words and names that merely end like a function word stay whole. */
static void never_splits_whole_words(void) {
  static const char *const words[] = {
      "Pandan",   "Sudan",      "Medan",     "Jordan",    "Ramadan",
      "Kediri",   "Ahmadi",     "Aidan",     "Wahyudi",   "Suryadi",
      "Setiadi",  "Wulandari",  "Peletakan", "Kelabakan", "Rudiantara",
      "Hamdan",   "Sembahyang", "Pyongyang", "Kemudian",  "Jepara",
      "Al-Abedi", "Kepada",     "Setelah",   "Pagar"};
  size_t i;
  for (i = 0; i < sizeof words / sizeof words[0]; i++)
    check_split(words[i], words[i]);
}

/* Addresses and non-ASCII neighbours are left alone. */
static void never_splits_addresses(void) {
  check_split("https://www.kabarNusa.com/diIran",
              "https://www.kabarNusa.com/diIran");
  check_split("redaksi@kabarNusa.id", "redaksi@kabarNusa.id");
  check_split("KabarJakarta.com", "KabarJakarta.com");
  check_split("P\xC3\xA9tainLaval", "P\xC3\xA9tainLaval");
  check_split("\xE2\x80\x9C"
              "diIran",
              "\xE2\x80\x9C"
              "di Iran");
}

/* Without a lexicon only the repairs certain without one are made: a
 * function word on the left ("diIran"); with KB_FLAG_NO_REPAIR none. */
static void splits_without_lexicon(void) {
  kb_doc *doc = clean_with("Pejabat diIran menyambut seruanAmerika dan "
                           "PresidenDonald Trumpakan datang (AS)bergabung.\n",
                           NULL, 0);
  if (doc == NULL)
    return;
  CHECK_STR(with_splits(doc), "Pejabat di Iran menyambut seruanAmerika dan "
                              "PresidenDonald Trumpakan datang (AS) "
                              "bergabung.\n");
  CHECK_INT(kb_doc_repairs(doc)->split_case, 2);
  CHECK_INT(kb_doc_repairs(doc)->split_function, 0);
  kb_doc_free(doc);
  doc = clean_with("Pejabat diIran menyambut seruanAmerika.\n", dict,
                   KB_FLAG_NO_REPAIR);
  if (doc == NULL)
    return;
  CHECK_INT(doc->n_splits, 0);
  kb_doc_free(doc);
}

/* Splits are counted by kind. */
static void counts_repairs(void) {
  kb_doc *doc = clean("WargaPalestinadi Gaza menyambut seruanAmerika.\n");
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_repairs(doc)->split_case, 2);
  CHECK_INT(kb_doc_repairs(doc)->split_function, 1);
  kb_doc_free(doc);
}

/* ---- the stage as a whole --------------------------------------------- */

/* Running the stage twice changes nothing; an empty text is fine. */
static void runs_once(void) {
  kb_doc *doc = clean("Menu\nJudul Berita\nRIAU24.COM - Isi berita.\n");
  size_t n;
  if (doc == NULL)
    return;
  n = kb_doc_n_blocks(doc);
  CHECK(kb_doc_clean(doc, dict, NULL, NULL) == KB_OK);
  CHECK_INT(kb_doc_n_blocks(doc), n);
  kb_doc_free(doc);
  doc = clean("");
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_n_blocks(doc), 0);
  kb_doc_free(doc);
  doc = clean("\n\n   \n");
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_n_blocks(doc), 0);
  kb_doc_free(doc);
}

/* Odd inputs: no final newline, CR LF line ends, lone dashes, a line of
 * only a lead, no-break spaces. */
static void odd_inputs(void) {
  kb_doc *doc = clean("Judul Berita Penting\r\nJAKARTA -\r\n"
                      "Isi berita pertama.\r\n\r\nIsi berita kedua.");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->title, "Judul Berita Penting");
  CHECK_TEXT(kb_doc_meta(doc)->dateline, "JAKARTA");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0), "Isi berita pertama.");
  CHECK_INT(count_blocks(doc, KB_BLOCK_BODY), 2);
  kb_doc_free(doc);
  doc = clean("-\n-\nJAKARTA -");
  if (doc == NULL)
    return;
  kb_doc_free(doc);
  doc = clean("Laporan\xC2\xA0"
              "Dede Rosadi l Aceh\xC2\xA0Singkil\n"
              "PROHABA.CO, SINGKIL -\xC2\xA0"
              "Empat narapidana kabur.\n");
  if (doc == NULL)
    return;
  CHECK_TEXT(kb_doc_meta(doc)->author, "Dede Rosadi");
  CHECK_TEXT(block_text(doc, KB_BLOCK_BODY, 0), "Empat narapidana kabur.");
  kb_doc_free(doc);
}

/* ---- allocation failures ---------------------------------------------- */

static long fail_at, n_allocs;

static void *failing_alloc(void *ctx, size_t size) {
  (void)ctx;
  if (++n_allocs == fail_at)
    return NULL;
  return malloc(size);
}

static void *failing_realloc(void *ctx, void *p, size_t old, size_t size) {
  (void)ctx;
  (void)old;
  if (++n_allocs == fail_at)
    return NULL;
  return realloc(p, size);
}

static void failing_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

/* With the Nth allocation failing, for N = 1, 2, ..., kb_doc_clean either
 * succeeds or returns KB_ENOMEM; it never crashes or leaks (ASan). */
static void survives_allocation_failures(void) {
  kb_allocator a = {failing_alloc, failing_realloc, failing_free, NULL};
  char text[20000];
  size_t k = 0;
  int done = 0;
  /* enough lines and glued words to outgrow the first arena chunk */
  while (k + 200 < sizeof text) {
    k += (size_t)snprintf(
        text + k, sizeof text - k,
        "Dikutip\nReuters\n, Senin (9/6/2025), WargaPalestinadi "
        "menyambut seruanAmerika.\n");
  }
  kb_set_allocator(&a);
  for (fail_at = 1; fail_at < 200 && !done; fail_at++) {
    kb_doc *doc = NULL;
    kb_status st;
    n_allocs = 0;
    if (kb_doc_new("t", 1, text, k, &doc) != KB_OK)
      continue;
    st = kb_doc_clean(doc, NULL, NULL, NULL);
    CHECK(st == KB_OK || st == KB_ENOMEM);
    done = st == KB_OK && n_allocs < fail_at;
    kb_doc_free(doc);
  }
  kb_set_allocator(NULL);
  CHECK(done);
}

/* ---- main ------------------------------------------------------------- */

int main(void) {
  char path[] = "/tmp/kabar_test_roots_XXXXXX";
  int fd = mkstemp(path);
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  if (fd < 0 || write(fd, test_roots, sizeof test_roots - 1) !=
                    (ssize_t)(sizeof test_roots - 1)) {
    fprintf(stderr, "test_clean: cannot write %s\n", path);
    return 1;
  }
  close(fd);
  if (kb_dict_load(NULL, path, &dict, &err) != KB_OK) {
    fprintf(stderr, "test_clean: cannot load the dictionaries: %s %s\n",
            err.input ? err.input : "", err.msg ? err.msg : "");
    unlink(path);
    return 1;
  }
  unlink(path);

  RUN(dates_in_news_shapes);
  RUN(dates_month_names);
  RUN(dates_are_validated);
  RUN(dates_format_iso);
  RUN(scraped_page);
  RUN(glued_stars_outlet_line_dateline);
  RUN(meta_lines);
  RUN(reporter_lines);
  RUN(captions);
  RUN(boilerplate_markers);
  RUN(related_links_and_tags);
  RUN(inline_related_links);
  RUN(promotions);
  RUN(keep_boilerplate_flag);
  RUN(repeated_paragraphs);
  RUN(outlet_leads);
  RUN(jsonl_fields);
  RUN(reference_dates);
  RUN(joins_split_lines);
  RUN(joins_around_brackets_and_stops);
  RUN(keeps_headings_apart);
  RUN(splits_case_boundaries);
  RUN(splits_name_function_word);
  RUN(splits_name_verb);
  RUN(splits_digits_and_brackets);
  RUN(never_splits_brands);
  RUN(never_splits_whole_words);
  RUN(never_splits_addresses);
  RUN(splits_without_lexicon);
  RUN(counts_repairs);
  RUN(runs_once);
  RUN(odd_inputs);
  RUN(survives_allocation_failures);

  kb_dict_free(dict);
  return harness_done("clean");
}
