/*
 * test_segment.c -- unit tests of the segment stage (src/segment.c):
 * sentences, tokens, spans, normalised text, flags, and bad input.
 *
 * Every example sentence is written for these tests.  Most tests give the
 * segmenter the whole text as one body block (set up by hand through
 * kabar_int.h, so that they do not depend on the cleaner); a few go
 * through kb_doc_clean, and the split tests set doc->splits themselves.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kabar_int.h"
#include "segment.h"

/* ------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------ */

/* A document whose text is one body block, segmented. */
static kb_doc *seg(const char *text) {
  kb_doc *doc = NULL;
  if (kb_doc_new(NULL, 0, text, strlen(text), &doc) != KB_OK)
    return NULL;
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  if (doc->blocks == NULL) {
    kb_doc_free(doc);
    return NULL;
  }
  doc->blocks[0].kind = KB_BLOCK_BODY;
  doc->blocks[0].span.end = doc->len;
  doc->n_blocks = 1;
  doc->is_cleaned = 1;
  if (kb_doc_segment(doc, NULL) != KB_OK) {
    kb_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* The sentences' texts joined by " / " (static buffer). */
static const char *sentences(const kb_doc *doc) {
  static char out[8192];
  size_t i, n = 0;
  out[0] = '\0';
  for (i = 0; doc && i < kb_doc_n_sentences(doc); i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? " / " : "",
                          (int)s->text.len, s->text.ptr);
    if (n >= sizeof out)
      break;
  }
  return out;
}

/* The tokens' texts joined by " " (static buffer). */
static const char *tokens(const kb_doc *doc) {
  static char out[8192];
  size_t i, n = 0;
  out[0] = '\0';
  for (i = 0; doc && i < kb_doc_n_tokens(doc); i++) {
    const kb_token *t = kb_doc_token(doc, i);
    n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? " " : "",
                          (int)t->text.len, t->text.ptr);
    if (n >= sizeof out)
      break;
  }
  return out;
}

/* The first token whose text is `want`, or NULL. */
static const kb_token *find(const kb_doc *doc, const char *want) {
  size_t i;
  for (i = 0; doc && i < kb_doc_n_tokens(doc); i++) {
    const kb_token *t = kb_doc_token(doc, i);
    if (t->text.len == strlen(want) &&
        memcmp(t->text.ptr, want, t->text.len) == 0)
      return t;
  }
  return NULL;
}

static int is_ws_byte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* Checks a sentence's text against the rule, rebuilt from its tokens:
 * one space where white space or a split separates two tokens, none
 * before , . ; : ! ? ) after a line break. */
static void check_sentence_text(const kb_doc *doc, const kb_sentence *s) {
  kb_text text = kb_doc_text(doc);
  char want[8192];
  size_t k, n = 0;
  for (k = 0; k < s->n_tokens && n + 64 < sizeof want; k++) {
    const kb_token *t = kb_doc_token(doc, s->first_token + k);
    if (k > 0) {
      const kb_token *prev = kb_doc_token(doc, s->first_token + k - 1);
      size_t j;
      int line_break = 0;
      for (j = prev->span.end; j < t->span.start; j++)
        if (text.ptr[j] == '\n' || text.ptr[j] == '\r')
          line_break = 1;
      if ((t->span.start > prev->span.end || (t->flags & KB_TOKF_SPLIT)) &&
          !(line_break && t->kind == KB_TOK_PUNCT &&
            strchr(",.;:!?)", t->text.ptr[0])))
        want[n++] = ' ';
    }
    if (t->text.len > sizeof want - n - 1)
      return; /* too long to compare here */
    memcpy(want + n, t->text.ptr, t->text.len);
    n += t->text.len;
  }
  if (k < s->n_tokens)
    return;
  if (s->text.len != n || memcmp(s->text.ptr, want, n) != 0) {
    harness_failed_checks++;
    fprintf(stderr, "%s: %s: sentence text \"%.*s\", want \"%.*s\"\n", __FILE__,
            harness_test, (int)s->text.len, s->text.ptr, (int)n, want);
  }
}

/* Checks the invariants every segmentation must keep: tokens in order,
 * inside their sentence's span, pointing at their bytes, never holding
 * ASCII white space; sentences in order, covering first to last token;
 * SENT_START exactly on first tokens; no internal flag bits left; every
 * non-white byte of a body block inside some token. */
static void check_invariants(const kb_doc *doc) {
  kb_text text = kb_doc_text(doc);
  size_t i, k, covered = 0, next_tok = 0;
  for (i = 0; i < kb_doc_n_sentences(doc); i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    CHECK(s->first_token == next_tok);
    CHECK(s->n_tokens > 0);
    next_tok = s->first_token + s->n_tokens;
    CHECK(s->text.ptr != NULL);
    check_sentence_text(doc, s);
    CHECK(s->span.start < s->span.end);
    for (k = 0; k < s->n_tokens; k++) {
      const kb_token *t = kb_doc_token(doc, s->first_token + k);
      size_t j;
      CHECK(t != NULL);
      if (t == NULL)
        return;
      CHECK(t->span.start < t->span.end);
      CHECK(t->span.start >= s->span.start && t->span.end <= s->span.end);
      CHECK(t->text.ptr == text.ptr + t->span.start);
      CHECK(t->text.len == t->span.end - t->span.start);
      CHECK(t->span.start >= covered);
      CHECK((t->flags & ~0xFFu) == 0);
      CHECK(((t->flags & KB_TOKF_SENT_START) != 0) == (k == 0));
      for (j = t->span.start; j < t->span.end; j++)
        CHECK(!is_ws_byte((unsigned char)text.ptr[j]));
      covered = t->span.end;
    }
    CHECK(kb_doc_token(doc, s->first_token)->span.start == s->span.start);
    CHECK(kb_doc_token(doc, s->first_token + s->n_tokens - 1)->span.end ==
          s->span.end);
  }
  CHECK(next_tok == kb_doc_n_tokens(doc));
  /* coverage: non-space bytes of body/title/caption blocks are in tokens */
  for (i = 0, k = 0; i < kb_doc_n_blocks(doc); i++) {
    const kb_block *b = kb_doc_block(doc, i);
    size_t j;
    if (b->kind != KB_BLOCK_BODY && b->kind != KB_BLOCK_TITLE &&
        b->kind != KB_BLOCK_CAPTION)
      continue;
    for (j = b->span.start; j < b->span.end; j++) {
      unsigned char c = (unsigned char)text.ptr[j];
      while (k < kb_doc_n_tokens(doc) && kb_doc_token(doc, k)->span.end <= j)
        k++;
      if (is_ws_byte(c) || c < 0x20 || c == 0x7F)
        continue;
      if (c >= 0x80) /* non-ASCII spaces (NBSP, U+FEFF) are not covered */
        continue;
      CHECK(k < kb_doc_n_tokens(doc) && kb_doc_token(doc, k)->span.start <= j);
    }
  }
}

#define SENTS(text, want)                                                      \
  do {                                                                         \
    kb_doc *d_ = seg(text);                                                    \
    CHECK(d_ != NULL);                                                         \
    CHECK_STR(sentences(d_), want);                                            \
    if (d_)                                                                    \
      check_invariants(d_);                                                    \
    kb_doc_free(d_);                                                           \
  } while (0)

#define TOKS(text, want)                                                       \
  do {                                                                         \
    kb_doc *d_ = seg(text);                                                    \
    CHECK(d_ != NULL);                                                         \
    CHECK_STR(tokens(d_), want);                                               \
    if (d_)                                                                    \
      check_invariants(d_);                                                    \
    kb_doc_free(d_);                                                           \
  } while (0)

/* Checks the kind and the given flags of token `word` in `text`. */
static void check_token(const char *text, const char *word, kb_token_kind kind,
                        unsigned flags_on, unsigned flags_off, int line) {
  kb_doc *doc = seg(text);
  const kb_token *t = find(doc, word);
  if (t == NULL) {
    harness_failed_checks++;
    fprintf(stderr, "%s:%d: %s: no token \"%s\" in \"%s\" (got: %s)\n",
            __FILE__, line, harness_test, word, text, tokens(doc));
  } else if (t->kind != kind || (t->flags & flags_on) != flags_on ||
             (t->flags & flags_off) != 0) {
    harness_failed_checks++;
    fprintf(stderr,
            "%s:%d: %s: token \"%s\" has kind %d flags 0x%x; want kind %d, "
            "flags on 0x%x, off 0x%x\n",
            __FILE__, line, harness_test, word, (int)t->kind, t->flags,
            (int)kind, flags_on, flags_off);
  }
  kb_doc_free(doc);
}
#define TOKEN(text, word, kind, on, off)                                       \
  check_token(text, word, kind, on, off, __LINE__)

/* ------------------------------------------------------------------
 * Sentences, spans, normalised text
 * ------------------------------------------------------------------ */

static void two_simple_sentences(void) {
  const char *text = "Presiden tiba di Jakarta. Ia langsung memimpin rapat.";
  kb_doc *doc = seg(text);
  CHECK(doc != NULL);
  if (doc == NULL)
    return;
  CHECK_INT(kb_doc_n_sentences(doc), 2);
  CHECK_SPAN(text, kb_doc_sentence(doc, 0)->span, "Presiden tiba di Jakarta.");
  CHECK_SPAN(text, kb_doc_sentence(doc, 1)->span,
             "Ia langsung memimpin rapat.");
  CHECK_TEXT(kb_doc_sentence(doc, 1)->text, "Ia langsung memimpin rapat.");
  CHECK_INT(kb_doc_sentence(doc, 0)->n_tokens, 5);
  CHECK_INT(kb_doc_sentence(doc, 1)->first_token, 5);
  CHECK_INT(kb_doc_sentence(doc, 0)->part, KB_BLOCK_BODY);
  CHECK_INT(kb_doc_sentence(doc, 0)->block, 0);
  check_invariants(doc);
  kb_doc_free(doc);
}

static void spans_skip_white_space(void) {
  const char *text = "  \n Menteri   itu\tmenolak\n usulan  tersebut.  \n";
  kb_doc *doc = seg(text);
  CHECK(doc && kb_doc_n_sentences(doc) == 1);
  if (doc == NULL || kb_doc_n_sentences(doc) != 1)
    return;
  CHECK_SPAN(text, kb_doc_sentence(doc, 0)->span,
             "Menteri   itu\tmenolak\n usulan  tersebut.");
  CHECK_TEXT(kb_doc_sentence(doc, 0)->text,
             "Menteri itu menolak usulan tersebut.");
  CHECK_SPAN(text, kb_doc_token(doc, 1)->span, "itu");
  kb_doc_free(doc);
}

static void line_break_before_punctuation_is_dropped(void) {
  /* the cleaner joined the lines of one paragraph; "Antara\n," keeps no
   * space before the comma, while an ordinary break becomes one space */
  SENTS("Dikutip\nAntara\n, Selasa, polisi\nmenahan dua orang\n.",
        "Dikutip Antara, Selasa, polisi menahan dua orang.");
  SENTS("Dikutip\r\nKompas\r\n; lalu\r\n(foto\r\n)",
        "Dikutip Kompas; lalu (foto)");
  /* without a line break, a space before a comma stays */
  SENTS("Harga naik , kata pedagang.", "Harga naik , kata pedagang.");
}

static void unicode_spaces_are_white_space(void) {
  /* NBSP, EM SPACE, U+FEFF, ZERO WIDTH SPACE, IDEOGRAPHIC SPACE */
  const char *text = "Polisi\xc2\xa0menangkap\xe2\x80\x83"
                     "dua\xef\xbb\xbforang\xe2\x80\x8b"
                     "kemarin\xe3\x80\x80sore.";
  kb_doc *doc = seg(text);
  CHECK_STR(tokens(doc), "Polisi menangkap dua orang kemarin sore .");
  CHECK_STR(sentences(doc), "Polisi menangkap dua orang kemarin sore.");
  if (doc)
    check_invariants(doc);
  kb_doc_free(doc);
}

static void heading_without_full_stop_is_one_sentence(void) {
  SENTS("Kim Jong Un Kirim Ucapan Tahun Baru kepada Putin",
        "Kim Jong Un Kirim Ucapan Tahun Baru kepada Putin");
  SENTS("Ini kalimat pertama. Lalu judul tanpa titik",
        "Ini kalimat pertama. / Lalu judul tanpa titik");
}

static void stray_leading_full_stop_starts_the_sentence(void) {
  SENTS("   .Polisi datang. Warga bubar.", ".Polisi datang. / Warga bubar.");
}

static void glued_sentences_split_before_a_capital(void) {
  SENTS("Warga mengungsi.Banjir surut kemarin.",
        "Warga mengungsi. / Banjir surut kemarin.");
  /* but not inside "34/PMK.011/2007" */
  SENTS("Aturan itu tertuang dalam Nomor 34/PMK.011/2007 tentang pajak.",
        "Aturan itu tertuang dalam Nomor 34/PMK.011/2007 tentang pajak.");
}

/* ------------------------------------------------------------------
 * Blocks and splits
 * ------------------------------------------------------------------ */

static void blocks_are_sentence_boundaries(void) {
  const char *text = "Judul Berita Hari Ini\nOleh Redaksi\nIsi pertama tanpa "
                     "titik\nKeterangan foto";
  kb_doc *doc = NULL;
  CHECK(kb_doc_new(NULL, 0, text, strlen(text), &doc) == KB_OK);
  if (doc == NULL)
    return;
  doc->blocks = arena_calloc(&doc->arena, 4, sizeof *doc->blocks);
  doc->blocks[0].kind = KB_BLOCK_TITLE;
  doc->blocks[0].span.start = 0;
  doc->blocks[0].span.end = 21;
  doc->blocks[1].kind = KB_BLOCK_META;
  doc->blocks[1].span.start = 22;
  doc->blocks[1].span.end = 34;
  doc->blocks[2].kind = KB_BLOCK_BODY;
  doc->blocks[2].span.start = 35;
  doc->blocks[2].span.end = 58;
  doc->blocks[3].kind = KB_BLOCK_CAPTION;
  doc->blocks[3].span.start = 59;
  doc->blocks[3].span.end = 74;
  doc->n_blocks = 4;
  doc->is_cleaned = 1;
  CHECK(kb_doc_segment(doc, NULL) == KB_OK);
  CHECK_INT(kb_doc_n_sentences(doc), 3);
  if (kb_doc_n_sentences(doc) == 3) {
    CHECK_TEXT(kb_doc_sentence(doc, 0)->text, "Judul Berita Hari Ini");
    CHECK_INT(kb_doc_sentence(doc, 0)->part, KB_BLOCK_TITLE);
    CHECK_INT(kb_doc_sentence(doc, 0)->block, 0);
    CHECK_TEXT(kb_doc_sentence(doc, 1)->text, "Isi pertama tanpa titik");
    CHECK_INT(kb_doc_sentence(doc, 1)->part, KB_BLOCK_BODY);
    CHECK_INT(kb_doc_sentence(doc, 1)->block, 2);
    CHECK_TEXT(kb_doc_sentence(doc, 2)->text, "Keterangan foto");
    CHECK_INT(kb_doc_sentence(doc, 2)->part, KB_BLOCK_CAPTION);
    CHECK_INT(kb_doc_sentence(doc, 2)->block, 3);
  }
  CHECK(find(doc, "Redaksi") == NULL); /* meta blocks are not segmented */
  check_invariants(doc);
  kb_doc_free(doc);
}

static void splits_make_token_boundaries(void) {
  const char *text = "Serangan diIran dan diSuriah kemarin.";
  static size_t splits[] = {11, 22};
  kb_doc *doc = NULL;
  const kb_token *t;
  CHECK(kb_doc_new(NULL, 0, text, strlen(text), &doc) == KB_OK);
  if (doc == NULL)
    return;
  CHECK(kb_doc_clean(doc, NULL, NULL, NULL) == KB_OK);
  /* one body block, whatever the cleaner made of this line */
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  if (doc->blocks == NULL) {
    kb_doc_free(doc);
    return;
  }
  doc->blocks[0].kind = KB_BLOCK_BODY;
  doc->blocks[0].span.start = 0;
  doc->blocks[0].span.end = doc->len;
  doc->n_blocks = 1;
  doc->splits = splits;
  doc->n_splits = 2;
  CHECK(kb_doc_segment(doc, NULL) == KB_OK);
  CHECK_STR(tokens(doc), "Serangan di Iran dan di Suriah kemarin .");
  CHECK_STR(sentences(doc), "Serangan di Iran dan di Suriah kemarin.");
  t = find(doc, "Iran");
  CHECK(t && (t->flags & KB_TOKF_SPLIT) && (t->flags & KB_TOKF_CAPITAL));
  CHECK_SPAN(text, t ? t->span : kb_doc_token(doc, 0)->span, "Iran");
  t = find(doc, "di");
  CHECK(t && !(t->flags & KB_TOKF_SPLIT));
  CHECK_SPAN(text, kb_doc_sentence(doc, 0)->span, text);
  check_invariants(doc);
  kb_doc_free(doc);
}

static void splits_that_are_not_character_boundaries_are_ignored(void) {
  /* "Café": offset 9 is inside the two bytes of "é" */
  const char *text = "Kafe Café ramai.";
  static size_t splits[] = {0, 9, 400};
  kb_doc *doc = NULL;
  CHECK(kb_doc_new(NULL, 0, text, strlen(text), &doc) == KB_OK);
  if (doc == NULL)
    return;
  doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
  doc->blocks[0].span.end = doc->len;
  doc->n_blocks = 1;
  doc->is_cleaned = 1;
  doc->splits = splits;
  doc->n_splits = 3;
  CHECK(kb_doc_segment(doc, NULL) == KB_OK);
  CHECK_STR(tokens(doc), "Kafe Café ramai .");
  check_invariants(doc);
  kb_doc_free(doc);
}

static void runs_the_cleaner_when_needed(void) {
  const char *text = "Warga berkumpul di alun-alun. Mereka menuntut air "
                     "bersih.";
  kb_doc *doc = NULL;
  CHECK(kb_doc_new(NULL, 0, text, strlen(text), &doc) == KB_OK);
  if (doc == NULL)
    return;
  CHECK(kb_doc_segment(doc, NULL) == KB_OK);
  CHECK(kb_doc_n_sentences(doc) >= 1);
  CHECK(find(doc, "alun-alun") != NULL);
  /* a second call does nothing */
  CHECK(kb_doc_segment(doc, NULL) == KB_OK);
  check_invariants(doc);
  kb_doc_free(doc);
}

/* ------------------------------------------------------------------
 * Abbreviations and initials
 * ------------------------------------------------------------------ */

static void abbreviations_do_not_end_sentences(void) {
  SENTS("Dr. Budi dan Prof. Ir. Siti bertemu di Jl. Merdeka No. 5 kemarin.",
        "Dr. Budi dan Prof. Ir. Siti bertemu di Jl. Merdeka No. 5 kemarin.");
  SENTS("Rapat dipimpin Letjen. Andi dan Brigjen. Rudi, bersama Kol. Made.",
        "Rapat dipimpin Letjen. Andi dan Brigjen. Rudi, bersama Kol. Made.");
  SENTS("Surat ditujukan kepada Yth. Bapak Camat u.p. Sekretaris. Isinya "
        "singkat.",
        "Surat ditujukan kepada Yth. Bapak Camat u.p. Sekretaris. / Isinya "
        "singkat.");
  SENTS("Hj. Aminah dan H. Umar menemui Ny. Sari serta Tn. Lee di St. "
        "Carolus.",
        "Hj. Aminah dan H. Umar menemui Ny. Sari serta Tn. Lee di St. "
        "Carolus.");
  TOKEN("Dr. Budi datang.", "Dr.", KB_TOK_ABBREV, KB_TOKF_CAPITAL, 0);
  TOKEN("Alamatnya di Jl. Kenanga.", "Jl.", KB_TOK_ABBREV, 0, 0);
  TOKEN("Uang Rp. 5.000 hilang.", "Rp.", KB_TOK_ABBREV, 0, 0);
  /* case does not matter; glued to the next word, still an abbreviation */
  TOKS("DR. Hasan tinggal di JL.Sudirman", "DR. Hasan tinggal di JL. Sudirman");
}

static void degrees_and_dotted_abbreviations(void) {
  SENTS("Andi Wijaya, S.H., M.H. hadir bersama Rina, S.Sos., M.Si. dan "
        "Yusuf, Ph.D. kemarin.",
        "Andi Wijaya, S.H., M.H. hadir bersama Rina, S.Sos., M.Si. dan "
        "Yusuf, Ph.D. kemarin.");
  TOKS("Dosen itu bergelar S.Kom. dari Bandung.",
       "Dosen itu bergelar S.Kom. dari Bandung .");
  TOKS("Dikirim a.n. Budi.", "Dikirim a.n. Budi .");
}

static void some_abbreviations_may_end_a_sentence(void) {
  SENTS("Mereka membawa beras, gula, dll. Setelah itu mereka pulang.",
        "Mereka membawa beras, gula, dll. / Setelah itu mereka pulang.");
  SENTS("Penelitian Santoso dkk. menunjukkan hasil serupa.",
        "Penelitian Santoso dkk. menunjukkan hasil serupa.");
  SENTS("Saham dijual ke Maju Jaya Pte. Ltd. (MJ) tahun lalu.",
        "Saham dijual ke Maju Jaya Pte. Ltd. (MJ) tahun lalu.");
}

static void acronyms_are_words_not_abbreviations(void) {
  SENTS("Kapal itu berlayar ke AS. Lalu kapal kembali.",
        "Kapal itu berlayar ke AS. / Lalu kapal kembali.");
  SENTS("Ia bekerja di PBB. Sekarang ia pensiun.",
        "Ia bekerja di PBB. / Sekarang ia pensiun.");
  SENTS("Delegasi datang dari RI. Mereka disambut.",
        "Delegasi datang dari RI. / Mereka disambut.");
  /* an all-capital word of three letters that is listed in lower case
   * ("kel", kelurahan) is an acronym here */
  SENTS("Bantuan dikirim ke KEL. Warga menerimanya.",
        "Bantuan dikirim ke KEL. / Warga menerimanya.");
  TOKEN("Ke AS. Lalu", "AS", KB_TOK_WORD, KB_TOKF_ALLCAPS, 0);
}

static void initials_do_not_end_sentences(void) {
  SENTS("Susilo B. Yudhoyono membuka acara.",
        "Susilo B. Yudhoyono membuka acara.");
  SENTS("Novel karya J. K. Rowling laris.", "Novel karya J. K. Rowling laris.");
  SENTS("Sambutan dibacakan H. Abdul Karim.",
        "Sambutan dibacakan H. Abdul Karim.");
  TOKEN("Karya J.K. Rowling laris.", "J.K.", KB_TOK_ABBREV, 0, 0);
  TOKEN("Pak B. Harun datang.", "B.", KB_TOK_ABBREV, KB_TOKF_CAPITAL, 0);
  /* unless a word that begins sentences follows */
  SENTS("Ia masuk kelas B. Dia lalu pulang.",
        "Ia masuk kelas B. / Dia lalu pulang.");
}

/* ------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------ */

static void numbers_are_one_token(void) {
  TOKS("Sebanyak 10.000 orang, 2,5 ton, 1.234.567,89 rupiah dan 87% suara.",
       "Sebanyak 10.000 orang , 2,5 ton , 1.234.567,89 rupiah dan 87% suara .");
  TOKS("Pada 9/6/2025 pukul 19:45 atau 19.45 WIB periode 2025-2026.",
       "Pada 9/6/2025 pukul 19:45 atau 19.45 WIB periode 2025-2026 .");
  TOKEN("Tahun 1990-an ramai.", "1990-an", KB_TOK_NUMBER, 0, 0);
  TOKEN("Naik 87% kemarin.", "87%", KB_TOK_NUMBER, 0, 0);
  TOKEN("Juara ke-3 dan abad ke-21.", "ke-3", KB_TOK_WORD, 0, 0);
  TOKEN("Juara ke-3 dan abad ke-21.", "ke-21", KB_TOK_WORD, 0, 0);
  TOKEN("Tanggal 9/6/2025 itu.", "9/6/2025", KB_TOK_NUMBER, 0, 0);
}

static void rupiah_is_a_symbol_before_its_number(void) {
  TOKS("Nilainya Rp11,8 triliun atau Rp 500 juta.",
       "Nilainya Rp 11,8 triliun atau Rp 500 juta .");
  TOKEN("Harganya Rp11,8 triliun.", "Rp", KB_TOK_SYMBOL, 0, 0);
  TOKEN("Harganya Rp11,8 triliun.", "11,8", KB_TOK_NUMBER, 0, 0);
}

static void full_stop_after_a_number_ends_a_sentence(void) {
  SENTS("Jumlah korban mencapai 67. Dia menyebut data itu sementara.",
        "Jumlah korban mencapai 67. / Dia menyebut data itu sementara.");
  SENTS("Anggarannya Rp 2.375.000. Dana itu cair kemarin.",
        "Anggarannya Rp 2.375.000. / Dana itu cair kemarin.");
  TOKS("Korban mencapai 67. Dia", "Korban mencapai 67 . Dia");
  /* a list marker at the start of a sentence does not end it */
  SENTS("1. Kenaikan harga beras.", "1. Kenaikan harga beras.");
}

/* ------------------------------------------------------------------
 * Quotes, ellipses, ? and !
 * ------------------------------------------------------------------ */

static void quotes(void) {
  SENTS("\xe2\x80\x9cKami menolak,\xe2\x80\x9d katanya.",
        "\xe2\x80\x9cKami menolak,\xe2\x80\x9d katanya.");
  SENTS("\"Kami menolak.\" Lalu ia pergi.",
        "\"Kami menolak.\" / Lalu ia pergi.");
  SENTS("Ia berkata, \"Kami siap. Kami akan datang.\" Lalu ia pergi.",
        "Ia berkata, \"Kami siap. / Kami akan datang.\" / Lalu ia pergi.");
  SENTS("\"Kami tidak takut.\", kata Budi.",
        "\"Kami tidak takut.\", kata Budi.");
  SENTS("\"Siapa yang datang?\" tanya polisi.",
        "\"Siapa yang datang?\" tanya polisi.");
  SENTS("Ia pulang. \"Rumah kami rusak,\" katanya.",
        "Ia pulang. / \"Rumah kami rusak,\" katanya.");
  SENTS("\xe2\x80\x98Tidak,\xe2\x80\x99 jawabnya. \xc2\xab"
        "Cukup.\xc2\xbb Lalu "
        "ia diam.",
        "\xe2\x80\x98Tidak,\xe2\x80\x99 jawabnya. / \xc2\xab"
        "Cukup.\xc2\xbb / "
        "Lalu ia diam.");
  TOKS("\"(Kami) menolak,\" kata Budi.",
       "\" ( Kami ) menolak , \" kata Budi .");
}

static void ellipsis(void) {
  SENTS("Ia menunggu... hasilnya belum ada.",
        "Ia menunggu... hasilnya belum ada.");
  SENTS("Ia menunggu... Hasilnya nihil.", "Ia menunggu... / Hasilnya nihil.");
  SENTS("Ia menunggu\xe2\x80\xa6 Hasilnya nihil.",
        "Ia menunggu\xe2\x80\xa6 / Hasilnya nihil.");
  SENTS("Kami kira.. Ternyata salah.", "Kami kira.. / Ternyata salah.");
  TOKS("Begitu... Ya.", "Begitu ... Ya .");
}

static void question_and_exclamation_marks(void) {
  SENTS("Apakah ia datang? Tidak!!! Mengapa?! Entahlah.",
        "Apakah ia datang? / Tidak!!! / Mengapa?! / Entahlah.");
  TOKS("Tidak!!! Mengapa?!", "Tidak !!! Mengapa ?!");
  SENTS("Benarkah? tanya wartawan.", "Benarkah? tanya wartawan.");
}

/* ------------------------------------------------------------------
 * URLs, e-mail, handles, hashtags
 * ------------------------------------------------------------------ */

static void urls_and_hosts(void) {
  TOKS("Kunjungi https://kemlu.go.id/berita?id=5. Lalu baca.",
       "Kunjungi https://kemlu.go.id/berita?id=5 . Lalu baca .");
  TOKS("Buka www.detik.com, sastrawi.github.io dan detik.com/berita.",
       "Buka www.detik.com , sastrawi.github.io dan detik.com/berita .");
  TOKEN("Menurut Liputan6.com kemarin.", "Liputan6.com", KB_TOK_URL,
        KB_TOKF_CAPITAL, 0);
  TOKEN("Dikutip KOMPAS.com hari ini.", "KOMPAS.com", KB_TOK_URL, 0, 0);
  TOKEN("Lihat (https://x.id/a_(b)) ya.", "https://x.id/a_(b)", KB_TOK_URL, 0,
        0);
  SENTS("Ia membaca sastrawi.github.io. Ia senang.",
        "Ia membaca sastrawi.github.io. / Ia senang.");
}

static void emails_handles_hashtags(void) {
  TOKS("Kirim ke humas.kemlu@kemlu.go.id. Terima kasih.",
       "Kirim ke humas.kemlu@kemlu.go.id . Terima kasih .");
  TOKEN("Kirim ke humas@kemlu.go.id segera.", "humas@kemlu.go.id", KB_TOK_EMAIL,
        0, 0);
  TOKEN("Akun @kemlu_ri menulis.", "@kemlu_ri", KB_TOK_WORD, 0, 0);
  TOKEN("Tagar #Pemilu2024 ramai.", "#Pemilu2024", KB_TOK_WORD, 0, 0);
}

/* ------------------------------------------------------------------
 * Hyphens, dashes, reduplication, clitics
 * ------------------------------------------------------------------ */

static void reduplication(void) {
  const char *redup[] = {
      "negara-negara",    "kupu-kupu",      "tembak-menembak",
      "sebesar-besarnya", "berputar-putar", "besar-besaran",
      "anak-anaknya",     "bantu-membantu", "Hati-hati"};
  const char *plain[] = {"Undang-Undang", "pasca-perang", "anti-Rusia",
                         "sayur-mayur",   "bolak-balik",  "Jakarta-Bandung"};
  size_t i;
  char text[128];
  for (i = 0; i < sizeof redup / sizeof *redup; i++) {
    snprintf(text, sizeof text, "Ada %s di sana.", redup[i]);
    TOKEN(text, redup[i], KB_TOK_WORD, KB_TOKF_REDUP, 0);
  }
  for (i = 0; i < sizeof plain / sizeof *plain; i++) {
    snprintf(text, sizeof text, "Ada %s di sana.", plain[i]);
    TOKEN(text, plain[i], KB_TOK_WORD, 0, KB_TOKF_REDUP);
  }
}

static void dashes_are_punctuation(void) {
  TOKS("Gedung itu--yang baru dibangun--runtuh.",
       "Gedung itu -- yang baru dibangun -- runtuh .");
  TOKS("Jakarta - Presiden tiba \xe2\x80\x93 lalu \xe2\x80\x94 pergi.",
       "Jakarta - Presiden tiba \xe2\x80\x93 lalu \xe2\x80\x94 pergi .");
  TOKEN("Jakarta \xe2\x80\x93 lalu", "\xe2\x80\x93", KB_TOK_PUNCT, 0, 0);
}

static void clitics(void) {
  const char *nya[] = {"terpilihnya", "katanya", "pemerintahannya"};
  const char *lah[] = {"bukanlah", "apakah", "apapun",
                       "dialah",   "apatah", "Inilah"};
  const char *ku[] = {"kubaca", "kaulihat", "kuambil", "kulihat", "kutunggu"};
  const char *none[] = {
      "hanya",     "punya",    "tanya",    "bertanya", "sekolah",    "salah",
      "kalah",     "olah",     "telah",    "masalah",  "Allah",      "Abdullah",
      "Hizbullah", "sejarah",  "langkah",  "nikah",    "rumah",      "ampun",
      "embun",     "meskipun", "walaupun", "maupun",   "pemerintah", "perintah",
      "kuat",      "kuda",     "kursi",    "kuno",     "kudeta",     "kuasa",
      "kualitas",  "kaum",     "Kuwait",   "adalah",   "istilah",    "sejumlah",
      "setelah",   "menikah"};
  size_t i;
  char text[128];
  for (i = 0; i < sizeof nya / sizeof *nya; i++) {
    snprintf(text, sizeof text, "Soal %s itu.", nya[i]);
    TOKEN(text, nya[i], KB_TOK_WORD, KB_TOKF_CLITIC_NYA, KB_TOKF_CLITIC_LAH);
  }
  for (i = 0; i < sizeof lah / sizeof *lah; i++) {
    snprintf(text, sizeof text, "Soal %s itu.", lah[i]);
    TOKEN(text, lah[i], KB_TOK_WORD, KB_TOKF_CLITIC_LAH, 0);
  }
  for (i = 0; i < sizeof ku / sizeof *ku; i++) {
    snprintf(text, sizeof text, "Soal %s itu.", ku[i]);
    TOKEN(text, ku[i], KB_TOK_WORD, KB_TOKF_CLITIC_KU, 0);
  }
  for (i = 0; i < sizeof none / sizeof *none; i++) {
    snprintf(text, sizeof text, "Soal %s itu.", none[i]);
    TOKEN(text, none[i], KB_TOK_WORD, 0,
          KB_TOKF_CLITIC_NYA | KB_TOKF_CLITIC_LAH | KB_TOKF_CLITIC_KU);
  }
  /* a particle after -nya: both */
  TOKEN("Soal dirinyalah itu.", "dirinyalah", KB_TOK_WORD,
        KB_TOKF_CLITIC_NYA | KB_TOKF_CLITIC_LAH, 0);
  /* "kurangnya" keeps its -nya, only ku- is cancelled */
  TOKEN("Soal kurangnya itu.", "kurangnya", KB_TOK_WORD, KB_TOKF_CLITIC_NYA,
        KB_TOKF_CLITIC_KU);
  TOKEN("Soal kualitasnya itu.", "kualitasnya", KB_TOK_WORD, KB_TOKF_CLITIC_NYA,
        KB_TOKF_CLITIC_KU);
}

static void apostrophes_inside_words(void) {
  TOKS("Salat Jum'at dipimpin Ma\xe2\x80\x99ruf.",
       "Salat Jum'at dipimpin Ma\xe2\x80\x99ruf .");
  TOKS("Drama 'Istana' tamat.", "Drama ' Istana ' tamat .");
}

static void slash_between_words(void) {
  TOKS("Ketua MPR/DPR dan km/jam.", "Ketua MPR / DPR dan km / jam .");
  TOKS("Obligasi II/2007 berperingkat C/D.",
       "Obligasi II/2007 berperingkat C/D .");
}

/* ------------------------------------------------------------------
 * Flags and kinds
 * ------------------------------------------------------------------ */

static void case_flags(void) {
  const char *text = "PBB dan iPhone di Jakarta A COVID-19 ok";
  kb_doc *doc = seg(text);
  const kb_token *t;
  t = find(doc, "PBB");
  CHECK(t && (t->flags & KB_TOKF_ALLCAPS) && (t->flags & KB_TOKF_CAPITAL));
  CHECK(t && (t->flags & KB_TOKF_SENT_START));
  t = find(doc, "dan");
  CHECK(t &&
        !(t->flags & (KB_TOKF_CAPITAL | KB_TOKF_ALLCAPS | KB_TOKF_SENT_START)));
  t = find(doc, "iPhone");
  CHECK(t && !(t->flags & (KB_TOKF_CAPITAL | KB_TOKF_ALLCAPS)));
  t = find(doc, "Jakarta");
  CHECK(t && (t->flags & KB_TOKF_CAPITAL) && !(t->flags & KB_TOKF_ALLCAPS));
  t = find(doc, "A");
  CHECK(t && (t->flags & KB_TOKF_CAPITAL) && !(t->flags & KB_TOKF_ALLCAPS));
  t = find(doc, "COVID-19");
  CHECK(t && (t->flags & KB_TOKF_ALLCAPS));
  kb_doc_free(doc);
}

static void token_kinds(void) {
  TOKEN("Harga $5 & naik.", "$", KB_TOK_SYMBOL, 0, 0);
  TOKEN("Harga $5 & naik.", "&", KB_TOK_SYMBOL, 0, 0);
  TOKEN("Ia (tertawa).", "(", KB_TOK_PUNCT, 0, 0);
  TOKEN("Senang \xf0\x9f\x98\x80 sekali.", "\xf0\x9f\x98\x80", KB_TOK_SYMBOL, 0,
        0);
  /* an emoji with a skin tone and a ZWJ sequence stay one token */
  TOKS("Ok \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd dan "
       "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 ya",
       "Ok \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd dan "
       "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 ya");
}

static void non_ascii_letters_belong_to_words(void) {
  TOKS("Kafe Zürich, Café Noël, مرحبا dan 北京市 hadir.",
       "Kafe Zürich , Café Noël , مرحبا dan 北京市 hadir .");
  TOKEN("Kota Zürich.", "Zürich", KB_TOK_WORD, KB_TOKF_CAPITAL, 0);
  TOKEN("Di ÉCOLE itu.", "ÉCOLE", KB_TOK_WORD, KB_TOKF_ALLCAPS, 0);
  /* a combining accent stays on its letter */
  TOKS("Cafe\xcc\x81 ramai.", "Cafe\xcc\x81 ramai .");
}

/* ------------------------------------------------------------------
 * Bad and odd input
 * ------------------------------------------------------------------ */

static void empty_and_blank_documents(void) {
  kb_doc *doc = seg("");
  CHECK(doc != NULL);
  CHECK_INT(doc ? kb_doc_n_sentences(doc) : 1, 0);
  CHECK_INT(doc ? kb_doc_n_tokens(doc) : 1, 0);
  kb_doc_free(doc);
  doc = seg("   \n\t \r\n \xc2\xa0 ");
  CHECK(doc != NULL);
  CHECK_INT(doc ? kb_doc_n_sentences(doc) : 1, 0);
  CHECK_INT(doc ? kb_doc_n_tokens(doc) : 1, 0);
  kb_doc_free(doc);
}

static void one_megabyte_line_without_punctuation(void) {
  size_t n = 1u << 20, i;
  char *text = malloc(n + 1);
  kb_doc *doc;
  CHECK(text != NULL);
  if (text == NULL)
    return;
  for (i = 0; i < n; i++)
    text[i] = (i % 8 == 7) ? ' ' : "warga"[i % 8 % 5];
  text[n] = '\0';
  doc = seg(text);
  CHECK(doc != NULL);
  /* 131,072 tokens: split at KB_MAX_SENTENCE_TOKENS (kabar.h) */
  CHECK_INT(doc ? kb_doc_n_sentences(doc) : 0,
            (n / 8 + KB_MAX_SENTENCE_TOKENS - 1) / KB_MAX_SENTENCE_TOKENS);
  CHECK_INT(doc ? kb_doc_n_tokens(doc) : 0, n / 8);
  if (doc)
    check_invariants(doc);
  kb_doc_free(doc);
  /* and one megabyte with no space at all: one token */
  memset(text, 'a', n);
  doc = seg(text);
  CHECK_INT(doc ? kb_doc_n_tokens(doc) : 0, 1);
  kb_doc_free(doc);
  free(text);
}

static void only_punctuation(void) {
  kb_doc *doc = seg("?!... ,,, --- !!! . \xe2\x80\xa6");
  CHECK(doc != NULL);
  CHECK_INT(doc ? kb_doc_n_sentences(doc) : 0, 1);
  CHECK_STR(tokens(doc), "?! ... , , , --- !!! . \xe2\x80\xa6");
  if (doc)
    check_invariants(doc);
  kb_doc_free(doc);
}

static void replacement_characters(void) {
  /* U+FFFD written, and an invalid byte that kb_doc_new repairs */
  kb_doc *doc = seg("Data \xef\xbf\xbd rusak\xff. Lalu pulih.");
  const kb_token *t = find(doc, "\xef\xbf\xbd");
  CHECK(t && t->kind == KB_TOK_SYMBOL);
  CHECK_STR(sentences(doc),
            "Data \xef\xbf\xbd rusak\xef\xbf\xbd. / Lalu pulih.");
  if (doc)
    check_invariants(doc);
  kb_doc_free(doc);
}

static void lone_combining_marks(void) {
  kb_doc *doc = seg("Awal \xcc\x81 \xcc\x88\xcc\x81 akhir.");
  CHECK_INT(doc ? kb_doc_n_tokens(doc) : 0, 5);
  CHECK(doc && kb_doc_token(doc, 1)->kind == KB_TOK_SYMBOL);
  if (doc)
    check_invariants(doc);
  kb_doc_free(doc);
}

static void control_characters_are_white_space(void) {
  TOKS("Satu\x01"
       "dua\x1b"
       "tiga\x7f.",
       "Satu dua tiga .");
}

/* Random texts built from troublesome pieces, with random split offsets:
 * nothing crashes and every invariant holds (a cheap, deterministic
 * stand-in for fuzzing). */
static void random_texts_keep_the_invariants(void) {
  static const char *const pieces[] = {"Dr.",
                                       "dll.",
                                       "a.n.",
                                       "S.H.",
                                       "B.",
                                       "AS.",
                                       "Rp",
                                       "11,8",
                                       "10.000",
                                       "87%",
                                       "-",
                                       "--",
                                       "\xe2\x80\x94",
                                       ".",
                                       "...",
                                       "\xe2\x80\xa6",
                                       "?!",
                                       "\"",
                                       "'",
                                       "\xe2\x80\x9c",
                                       "\xe2\x80\x9d",
                                       "(",
                                       ")",
                                       ",",
                                       " ",
                                       " ",
                                       " ",
                                       "\n",
                                       "\r\n",
                                       "\xc2\xa0",
                                       "http://x.id/a",
                                       "detik.com",
                                       "a@b.co.id",
                                       "@akun",
                                       "#tagar",
                                       "negara",
                                       "-negara",
                                       "kubaca",
                                       "terpilihnya",
                                       "Jakarta",
                                       "PBB",
                                       "\xcc\x81",
                                       "\xef\xbf\xbd",
                                       "\xf0\x9f\x91\x8d",
                                       "Z\xc3\xbcrich",
                                       "1990-an",
                                       "ke-3",
                                       "/",
                                       ":",
                                       "Ma'ruf",
                                       "\xe2\x80\x99",
                                       "\t",
                                       "x"};
  unsigned seed = 12345;
  int round;
  for (round = 0; round < 1500; round++) {
    char text[512];
    size_t len = 0, n_pieces, i, n_splits = 0;
    size_t splits[8];
    kb_doc *doc = NULL;
    seed = seed * 1103515245u + 12345u;
    n_pieces = 1 + (seed >> 16) % 40;
    for (i = 0; i < n_pieces; i++) {
      const char *pc;
      size_t pl;
      seed = seed * 1103515245u + 12345u;
      pc = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
      pl = strlen(pc);
      if (len + pl >= sizeof text)
        break;
      memcpy(text + len, pc, pl);
      len += pl;
    }
    text[len] = '\0';
    if (kb_doc_new(NULL, 0, text, len, &doc) != KB_OK)
      continue;
    doc->blocks = arena_calloc(&doc->arena, 2, sizeof *doc->blocks);
    if (doc->blocks == NULL) {
      kb_doc_free(doc);
      continue;
    }
    /* two body blocks, split somewhere */
    seed = seed * 1103515245u + 12345u;
    doc->blocks[0].span.end = doc->len ? (seed >> 16) % doc->len : 0;
    doc->blocks[1].span.start = doc->blocks[0].span.end;
    doc->blocks[1].span.end = doc->len;
    doc->n_blocks = 2;
    doc->is_cleaned = 1;
    for (i = 0; i < 8 && doc->len; i++) {
      size_t off;
      seed = seed * 1103515245u + 12345u;
      off = (seed >> 16) % doc->len;
      if (n_splits == 0 || off > splits[n_splits - 1])
        splits[n_splits++] = off;
    }
    doc->splits = splits;
    doc->n_splits = n_splits;
    CHECK(kb_doc_segment(doc, NULL) == KB_OK);
    check_invariants(doc);
    doc->splits = NULL;
    kb_doc_free(doc);
  }
}

/* ------------------------------------------------------------------
 * Word lists, memory, threads
 * ------------------------------------------------------------------ */

static void word_lists_load(void) {
  CHECK(segment_word_count() > 300);
  CHECK(segment_word_count() < segment_word_capacity());
  CHECK(segment_word_bits("dr", 2) & SEGMENT_ABBREV);
  CHECK(segment_word_bits("DR", 2) & SEGMENT_ABBREV);
  CHECK(segment_word_bits("s.sos", 5) & SEGMENT_ABBREV);
  CHECK(segment_word_bits("dll", 3) & SEGMENT_ABBREV_END);
  CHECK(!(segment_word_bits("dr", 2) & SEGMENT_ABBREV_END));
  CHECK_INT(segment_word_bits("as", 2), 0);
  CHECK_INT(segment_word_bits("ri", 2), 0);
  CHECK_INT(segment_word_bits("pbb", 3), 0);
  CHECK_INT(segment_word_bits("wib", 3), 0);
  CHECK(segment_word_bits("hanya", 5) & SEGMENT_NOT_CLITIC);
  CHECK(segment_word_bits("undang-undang", 13) & SEGMENT_NOT_CLITIC);
  CHECK(segment_word_bits("dia", 3) & SEGMENT_STARTER);
}

/* An allocator that fails the Nth allocation from `fail_at` on. */
static long n_allocs, fail_at = -1;
static void *failing_alloc(void *ctx, size_t size) {
  (void)ctx;
  if (fail_at >= 0 && n_allocs++ >= fail_at)
    return NULL;
  return malloc(size);
}
static void plain_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static void out_of_memory_is_reported(void) {
  const char *text = "Presiden tiba di Jakarta. Ia langsung memimpin rapat "
                     "kabinet. Menteri hadir.";
  kb_allocator a = {failing_alloc, NULL, plain_free, NULL};
  long n;
  int done = 0;
  kb_set_allocator(&a);
  for (n = 0; n < 200 && !done; n++) {
    kb_doc *doc = NULL;
    kb_status st;
    fail_at = -1;
    if (kb_doc_new(NULL, 0, text, strlen(text), &doc) != KB_OK)
      break;
    doc->blocks = arena_calloc(&doc->arena, 1, sizeof *doc->blocks);
    doc->blocks[0].span.end = doc->len;
    doc->n_blocks = 1;
    doc->is_cleaned = 1;
    n_allocs = 0;
    fail_at = n;
    st = kb_doc_segment(doc, NULL);
    fail_at = -1;
    CHECK(st == KB_OK || st == KB_ENOMEM);
    if (st == KB_OK) {
      CHECK_INT(kb_doc_n_sentences(doc), 3);
      done = 1;
    } else {
      CHECK_INT(kb_doc_n_sentences(doc), 0);
      CHECK_INT(kb_doc_n_tokens(doc), 0);
      /* a retry with memory back succeeds */
      CHECK(kb_doc_segment(doc, NULL) == KB_OK);
      CHECK_INT(kb_doc_n_sentences(doc), 3);
    }
    kb_doc_free(doc);
  }
  kb_set_allocator(NULL);
  CHECK(done);
}

static void *segment_many(void *arg) {
  const char *text = arg;
  int i, bad = 0;
  for (i = 0; i < 200; i++) {
    kb_doc *doc = seg(text);
    if (doc == NULL || kb_doc_n_sentences(doc) != 2)
      bad++;
    kb_doc_free(doc);
  }
  return bad ? (void *)1 : NULL;
}

static void threads_share_the_word_lists(void) {
  pthread_t th[4];
  int i;
  char text[] = "Dr. Budi tiba di Jl. Merdeka. Ia disambut warga dll.";
  for (i = 0; i < 4; i++)
    CHECK(pthread_create(&th[i], NULL, segment_many, text) == 0);
  for (i = 0; i < 4; i++) {
    void *r = NULL;
    pthread_join(th[i], &r);
    CHECK(r == NULL);
  }
}

int main(void) {
  RUN(word_lists_load);
  RUN(threads_share_the_word_lists);
  RUN(two_simple_sentences);
  RUN(spans_skip_white_space);
  RUN(line_break_before_punctuation_is_dropped);
  RUN(unicode_spaces_are_white_space);
  RUN(heading_without_full_stop_is_one_sentence);
  RUN(stray_leading_full_stop_starts_the_sentence);
  RUN(glued_sentences_split_before_a_capital);
  RUN(blocks_are_sentence_boundaries);
  RUN(splits_make_token_boundaries);
  RUN(splits_that_are_not_character_boundaries_are_ignored);
  RUN(runs_the_cleaner_when_needed);
  RUN(abbreviations_do_not_end_sentences);
  RUN(degrees_and_dotted_abbreviations);
  RUN(some_abbreviations_may_end_a_sentence);
  RUN(acronyms_are_words_not_abbreviations);
  RUN(initials_do_not_end_sentences);
  RUN(numbers_are_one_token);
  RUN(rupiah_is_a_symbol_before_its_number);
  RUN(full_stop_after_a_number_ends_a_sentence);
  RUN(quotes);
  RUN(ellipsis);
  RUN(question_and_exclamation_marks);
  RUN(urls_and_hosts);
  RUN(emails_handles_hashtags);
  RUN(reduplication);
  RUN(dashes_are_punctuation);
  RUN(clitics);
  RUN(apostrophes_inside_words);
  RUN(slash_between_words);
  RUN(case_flags);
  RUN(token_kinds);
  RUN(non_ascii_letters_belong_to_words);
  RUN(empty_and_blank_documents);
  RUN(one_megabyte_line_without_punctuation);
  RUN(only_punctuation);
  RUN(replacement_characters);
  RUN(lone_combining_marks);
  RUN(control_characters_are_white_space);
  RUN(random_texts_keep_the_invariants);
  RUN(out_of_memory_is_reported);
  return harness_done("segment");
}
