/*
 * clean.c -- the clean stage: a scraped article's text -> title, outlet,
 * author, published date, dateline, captions and body paragraphs, with
 * boilerplate and repeated lines set aside and scraping damage marked for
 * repair.  Every result is a span into the document's text; nothing is
 * rewritten.
 *
 * Input: a kb_doc straight from the reader (text, and for JSON Lines the
 * title/date/outlet/url fields).  Output: doc->meta, doc->blocks (every
 * non-blank line or group of lines gets a kind, in text order),
 * doc->splits (offsets where glued words come apart) and doc->repairs.
 * Second box of the pipeline, after the reader and before the segmenter
 * (docs/DESIGN.md); the rules and their measured rates are in
 * docs/CLEAN.md.
 *
 * One pass over the lines (memchr for line ends), then passes over the
 * line array; allocation only from the document's arena.  The search for
 * glued words, the costliest part, reads the text as bit masks of 64
 * bytes (event_window, taken from the bit maps the segmenter shares:
 * doc_text_bits) and stops only at capitals, digits and parentheses.
 * The boilerplate markers, function words and brand names are static
 * tables below: they describe how Indonesian news sites print pages, not
 * the language.
 *
 * References: the corpus notes of ../shared/corpus/README.md (shapes of
 * detik, kompas, liputan6, tribunnews, CLICK-ID texts); KBBI for the
 * function words.
 */
#include <pthread.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "clean.h"
#include "kabar_int.h"

/* ---- characters ------------------------------------------------------- */

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return is_lower(c) || is_upper(c); }
static int is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static int lower(int c) { return is_upper(c) ? c + 32 : c; }

/* Byte i of the text as an unsigned value, or -1 past the end. */
#define AT(t, i, n) ((i) < (n) ? (int)(unsigned char)(t)[i] : -1)

/* Width of the white-space character at t[i] (0 when there is none): ASCII
 * blanks, the no-break space U+00A0 that scraped pages are full of, the
 * zero-width and direction marks U+200B..U+200F, U+2060 and the BOM.
 * Line feeds count only when `lines` is set. */
static size_t space_width(const char *t, size_t i, size_t n, int lines) {
  int c = AT(t, i, n);
  if (c > ' ' && c < 0xC2) /* visible ASCII, continuation bytes */
    return 0;
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  if (c == '\n')
    return lines ? 1 : 0;
  if (c == 0xC2 && AT(t, i + 1, n) == 0xA0)
    return 2;
  if (c == 0xE2 && AT(t, i + 1, n) == 0x80) {
    int d = AT(t, i + 2, n);
    if (d >= 0x8B && d <= 0x8F)
      return 3;
  }
  if (c == 0xE2 && AT(t, i + 1, n) == 0x81 && AT(t, i + 2, n) == 0xA0)
    return 3;
  if (c == 0xEF && AT(t, i + 1, n) == 0xBB && AT(t, i + 2, n) == 0xBF)
    return 3;
  return 0;
}

static size_t skip_ws(const char *t, size_t i, size_t n, int lines) {
  size_t w;
  while ((w = space_width(t, i, n, lines)) > 0)
    i += w;
  return i;
}

/* Whether s[0..n) starts with the C string p (exact case). */
static int has_prefix(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && memcmp(s, p, k) == 0;
}

/* Whether s[0..n) equals the lower-case ASCII word w, any case. */
static int eq_nocase(const char *s, size_t n, const char *w) {
  size_t i;
  for (i = 0; i < n; i++)
    if (w[i] == '\0' || lower((unsigned char)s[i]) != w[i])
      return 0;
  return w[n] == '\0';
}

/* Whether s[0..n) starts with the lower-case ASCII string p, any case. */
static int has_prefix_nocase(const char *s, size_t n, const char *p) {
  size_t i;
  for (i = 0; p[i]; i++)
    if (i >= n || lower((unsigned char)s[i]) != p[i])
      return 0;
  return 1;
}

/* ---- static tables ---------------------------------------------------- */

/* A table word with its length, so lookups never call strlen. */
typedef struct word {
  const char *s;
  size_t n;
} word;
#define W(x)                                                                   \
  { x, sizeof(x) - 1 }

/* Whether s[0..n) is one of the words of a table. */
static int in_table(const word *tab, size_t n_tab, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n_tab; i++)
    if (tab[i].n == n && tab[i].s[0] == s[0] && memcmp(tab[i].s, s, n) == 0)
      return 1;
  return 0;
}
#define IN_TABLE(tab, s, n)                                                    \
  in_table(tab, sizeof(tab) / sizeof((tab)[0]), s, n)

/* Boilerplate lines, matched on the whole trimmed line (BP_EXACT) or its
 * start (BP_PREFIX).  BP_LIST marks a heading ("Baca juga:") after which
 * up to four headline lines are related links, not text. */
enum { BP_EXACT = 1, BP_PREFIX = 2, BP_LIST = 4, BP_SWALLOW = 8 };

static const struct {
  word text;
  unsigned char how;
} boilerplate[] = {
    {W("Menu"), BP_EXACT},
    {W("(*)"), BP_EXACT},
    {W("(**)"), BP_EXACT},
    {W("(***)"), BP_EXACT},
    {W("***"), BP_EXACT},
    {W("ADVERTISEMENT"), BP_EXACT},
    {W("Advertisement"), BP_EXACT},
    {W("SCROLL TO CONTINUE WITH CONTENT"), BP_EXACT},
    {W("Baca juga:"), BP_EXACT | BP_LIST},
    {W("Baca juga"), BP_EXACT | BP_LIST},
    {W("Baca Juga"), BP_EXACT | BP_LIST},
    {W("Baca Juga:"), BP_EXACT | BP_LIST},
    {W("Baca Juga :"), BP_EXACT | BP_LIST},
    {W("BACA JUGA:"), BP_EXACT | BP_LIST},
    {W("BACA JUGA"), BP_EXACT | BP_LIST},
    {W("Daftar Isi"), BP_EXACT | BP_LIST},
    {W("Berita Terkait"), BP_EXACT | BP_LIST},
    {W("Artikel Terkait"), BP_EXACT | BP_LIST},
    {W("Selengkapnya"), BP_EXACT},
    {W("Share"), BP_EXACT},
    {W("Bagikan"), BP_EXACT},
    {W("Tweet"), BP_EXACT},
    {W("Simak"), BP_EXACT | BP_SWALLOW},
    {W("Ikuti kami di"), BP_EXACT},
    {W("Baca juga:"), BP_PREFIX},
    {W("Baca Juga:"), BP_PREFIX},
    {W("Baca Juga :"), BP_PREFIX},
    {W("BACA JUGA:"), BP_PREFIX},
    {W("Simak Video"), BP_PREFIX},
    {W("Simak video"), BP_PREFIX},
    {W("Simak juga"), BP_PREFIX},
    {W("Simak Juga"), BP_PREFIX},
    {W("Simak berita selengkapnya"), BP_PREFIX},
    {W("Simak breaking news"), BP_PREFIX},
    {W("Lihat juga"), BP_PREFIX},
    {W("Lihat Juga"), BP_PREFIX},
    {W("Tonton juga"), BP_PREFIX},
    {W("Tonton Juga"), BP_PREFIX},
    {W("Tonton video"), BP_PREFIX},
    {W("Saksikan Live"), BP_PREFIX},
    {W("Saksikan juga"), BP_PREFIX},
    {W("[Gambas:"), BP_PREFIX},
    {W("Artikel ini telah tayang"), BP_PREFIX},
    {W("Artikel ini sudah tayang"), BP_PREFIX},
    {W("Artikel ini telah terbit"), BP_PREFIX},
    {W("Ikuti Berita"), BP_PREFIX},
    {W("Ikuti berita"), BP_PREFIX},
    {W("Ikuti Saluran"), BP_PREFIX},
    {W("Ikuti saluran"), BP_PREFIX},
    {W("Ikuti dan Bergabung"), BP_PREFIX},
    {W("Ikuti Whatsapp"), BP_PREFIX},
    {W("Ikuti WhatsApp"), BP_PREFIX},
    {W("Ikuti kami"), BP_PREFIX},
    {W("Ikuti Kami"), BP_PREFIX},
    {W("Ikuti juga"), BP_PREFIX},
    {W("Ikuti terus"), BP_PREFIX},
    {W("(Ayo ikuti"), BP_PREFIX},
    {W("- Baca Berita"), BP_PREFIX},
    {W("Baca Berita"), BP_PREFIX},
    {W("Baca berita"), BP_PREFIX},
    {W("Baca kisah inspiratif"), BP_PREFIX},
    {W("Akses Tribun"), BP_PREFIX},
    {W("Dapatkan Berita"), BP_PREFIX},
    {W("Dapatkan berita"), BP_PREFIX},
    {W("Dapatkan update"), BP_PREFIX},
    {W("Disclaimer:"), BP_PREFIX},
    {W("Disclaimer :"), BP_PREFIX},
    {W("Hoegeng Awards"), BP_PREFIX},
    {W("Follow "), BP_PREFIX},
    {W("Klik di sini"), BP_PREFIX},
    {W("Download aplikasi"), BP_PREFIX},
    {W("Unduh aplikasi"), BP_PREFIX},
    {W("Scroll ke bawah"), BP_PREFIX},
    {W("Gabung ke saluran"), BP_PREFIX},
    {W("Bagikan artikel"), BP_PREFIX},
    {W("Share this"), BP_PREFIX},
    {W("Hubungi Chatbot"), BP_PREFIX},
    {W("Update berita"), BP_PREFIX},
    {W("[bacajuga:"), BP_PREFIX},
    {W("Baca juga"), BP_PREFIX},
    {W("Baca Juga"), BP_PREFIX},
    {W("Ingin lebih cepat mendapat jawaban"), BP_PREFIX},
    {W("Jika Anda memiliki informasi seputar hoaks"), BP_PREFIX},
    {W("Saksikan "), BP_PREFIX},
    {W("Pilihan editor:"), BP_PREFIX},
    {W("Pilihan Editor:"), BP_PREFIX},
    {W("Yuk baca artikel lainnya"), BP_PREFIX},
    {W("Berita Lainnya"), BP_PREFIX},
    {W("Berita Terkait"), BP_PREFIX},
};

/* Indonesian function words (KBBI: kata tugas): prepositions,
 * conjunctions and auxiliaries that a hyperlinked name gets glued to,
 * with the adverb "kembali" (again), which follows a subject as often.
 * "diIran" (in Iran) = di + Iran; "Trumpakan" (Trump will) = Trump + akan.
 * Sorted by length, longest first, so that a suffix match takes the
 * longest word ("kepada" before "pada"). */
static const word function_words[] = {
    W("terhadap"), W("sebagai"), W("melalui"), W("menurut"), W("bersama"),
    W("tentang"),  W("kembali"), W("kepada"),  W("dengan"),  W("karena"),
    W("adalah"),
    W("antara"),   W("hingga"),  W("sampai"),  W("ketika"),  W("bahwa"),
    W("dalam"),    W("untuk"),   W("serta"),   W("telah"),   W("sudah"),
    W("tidak"),    W("masih"),   W("sejak"),   W("namun"),   W("yang"),
    W("pada"),     W("dari"),    W("oleh"),    W("akan"),    W("atau"),
    W("juga"),     W("saat"),    W("agar"),    W("bagi"),    W("para"),
    W("dan"),      W("ini"),     W("itu"),     W("di"),      W("ke")};

/* Function words that also end names and words too often to be split
 * off a name: "Rudiantara" (antara), "Jepara" (para), "Pagar" (agar).
 * They still split after a lower-case word ("antaraIran"). */
static int never_suffix(const char *s, size_t n) {
  static const word words[] = {W("antara"), W("para"),    W("bagi"),
                               W("agar"),   W("sampai"),  W("namun"),
                               W("ketika"), W("menurut"), W("bersama")};
  return IN_TABLE(words, s, n);
}

/* Whether a function word may be split off a capitalised lexicon word
 * (not a known name): "Utaraini" -> "Utara ini", "Rakyatyang" -> "Rakyat
 * yang".  Not di, ke, dan, dari, akan, saat, which end too many names and
 * words: "Wahyudi", "Suryadi", "Hamdan", "Wulandari" (wulan + dari),
 * "Peletakan" (pelet + akan), "Kelabakan". */
static int after_root_ok(const char *f, size_t n) {
  static const word risky[] = {W("di"),   W("ke"),   W("dan"),
                               W("dari"), W("akan"), W("saat")};
  return !IN_TABLE(risky, f, n);
}

/* Function words short enough to end many proper names ("Wahyudi",
 * "Hamdan"): a capitalised lexicon word before them is not enough. */
static int is_short_function(const char *s, size_t n) {
  return (n == 2 && (memcmp(s, "di", 2) == 0 || memcmp(s, "ke", 2) == 0)) ||
         (n == 3 && memcmp(s, "dan", 3) == 0);
}

/* For each pair of last letters, the function words that end in it (bit
 * k = function_words[k]): "Trumpakan" ends in "an", whose words are
 * dengan, akan, dan.  "Indonesia" ends in "ia": none.  Built once from
 * function_words with end3_letters (index_function_words, below). */
#define END2(a, b) (((a) - 'a') * 26 + ((b) - 'a'))
_Static_assert(sizeof function_words / sizeof function_words[0] <= 64,
               "function_end2 holds a bit per function word");
static unsigned long long function_end2[26 * 26];

/* The index of the lowest set bit of x (not 0). */
static unsigned lowest_bit(unsigned long long x) {
#if defined(__GNUC__)
  return (unsigned)__builtin_ctzll(x);
#else
  unsigned k = 0;
  for (; !(x & 1u); x >>= 1)
    k++;
  return k;
#endif
}

/* The function words the lower-case word ending at t[e) may end in, as
 * bits of function_words (0: none). */
static unsigned long long function_endings(const char *t, size_t e) {
  int a = (unsigned char)t[e - 2], b = (unsigned char)t[e - 1];
  if (!is_lower(a) || !is_lower(b))
    return 0;
  return function_end2[END2(a, b)];
}

/* Bit (c - 'a') of end3_letters[END2(a, b)]: some function word ends in
 * "cab"; all bits for the endings of "di" and "ke", which have no third
 * letter.  Built once from function_words with function_end2
 * (pthread_once, in find_splits, before any word is looked at). */
static uint32_t end3_letters[26 * 26];
static pthread_once_t end3_once = PTHREAD_ONCE_INIT;

static void index_function_words(void) {
  size_t i;
  for (i = 0; i < sizeof function_words / sizeof function_words[0]; i++) {
    const word *w = &function_words[i];
    size_t e2 = END2(w->s[w->n - 2], w->s[w->n - 1]);
    function_end2[e2] |= 1ull << i;
    end3_letters[e2] |=
        w->n >= 3 ? 1u << (w->s[w->n - 3] - 'a') : (1u << 26) - 1u;
  }
}

/* Whether a function word may end the word ending at t[e) (three letters
 * or more): name_function_split splits one off only after a lower-case
 * letter, so the third letter from the end must be one, and one that the
 * function words ending in the last two allow.  Most capitalised words
 * ending like one ("Pemerintahan": -an as dan, akan) fail at it. */
static inline int may_end_in_function_word(const char *t, size_t e) {
  int a = (unsigned char)t[e - 2], b = (unsigned char)t[e - 1],
      c = (unsigned char)t[e - 3];
  if (!is_lower(a) || !is_lower(b) || !is_lower(c))
    return 0;
  return (end3_letters[END2(a, b)] >> (c - 'a')) & 1u;
}

static int is_function_word(const char *s, size_t n) {
  return IN_TABLE(function_words, s, n);
}

/* The same, any case ("Pada"), with the date words "Tanggal", "Hari". */
static int is_function_word_any_case(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < sizeof function_words / sizeof function_words[0]; i++)
    if (eq_nocase(s, n, function_words[i].s))
      return 1;
  return eq_nocase(s, n, "tanggal") || eq_nocase(s, n, "hari") ||
         eq_nocase(s, n, "pukul");
}

/* Labels printed before a publication date: "Diperbarui 17 Jun 2025,
 * 08:30 WIB" (updated), "Diterbitkan ..." (published). */
static int is_date_label(const char *s, size_t n) {
  static const char *const labels_[] = {
      "diperbarui", "diterbitkan", "dipublikasikan", "dipublikasi",
      "terbit",     "diunggah",    "update",         "updated",
      "published",  "dibuat",      "tayang"};
  size_t i;
  for (i = 0; i < sizeof labels_ / sizeof labels_[0]; i++)
    if (eq_nocase(s, n, labels_[i]))
      return 1;
  return 0;
}

/* CamelCase brands and product names: never split.  (Most would survive
 * the rules anyway; the list makes it certain.) */
static const word brands[] = {
    W("YouTube"),      W("WhatsApp"),       W("iPhone"),
    W("iPad"),         W("iPod"),           W("iOS"),
    W("iCloud"),       W("iMac"),           W("iTunes"),
    W("McDonald"),     W("PlayStation"),    W("LinkedIn"),
    W("TikTok"),       W("DeepSeek"),       W("GoTo"),
    W("GoPay"),        W("GoFood"),         W("GoRide"),
    W("GoJek"),        W("BlackRock"),      W("JavaScript"),
    W("PowerPoint"),   W("eFishery"),       W("KompasTV"),
    W("CNNIndonesia"), W("OpenAI"),         W("ChatGPT"),
    W("PayPal"),       W("FedEx"),          W("SpaceX"),
    W("MasterCard"),   W("BlackBerry"),     W("SoftBank"),
    W("JetBlue"),      W("AirAsia"),        W("LinkAja"),
    W("ShopeePay"),    W("ShopeeFood"),     W("GrabFood"),
    W("GrabBike"),     W("BukaLapak"),      W("TokoCrypto"),
    W("KapanLagi"),    W("BeritaSatu"),     W("MetroTV"),
    W("SindoNews"),    W("iNews"),          W("tvOne"),
    W("NasDem"),       W("LinkedIn"),       W("PostgreSQL"),
    W("MySQL"),        W("GitHub"),         W("HarperCollins"),
    W("DreamWorks"),   W("StarCraft"),      W("WeChat"),
    W("MacBook"),      W("FaceTime"),       W("HuffPost"),
    W("BioNTech"),     W("AstraZeneca"),    W("GlaxoSmithKline"),
    W("ExxonMobil"),   W("ConocoPhillips"), W("JPMorgan"),
    W("BlackStone"),   W("MediaTek"),       W("RedNote"),
    W("XPeng"),        W("MotoGP"),         W("eSports"),
    W("eKTP"),         W("mBanking"),       W("TransJakarta"),
    W("TransMart"),    W("TransTV"),        W("JakLingko"),
    W("LinkedIn")};

static int is_brand(const char *s, size_t n) { return IN_TABLE(brands, s, n); }

/* Whether a brand that starts lower case ("iPhone", "eFishery") begins
 * at t[i] (and runs to a word boundary or on into more letters). */
static int brand_at(const char *t, size_t i, size_t e) {
  size_t k;
  for (k = 0; k < sizeof brands / sizeof brands[0]; k++) {
    size_t n = brands[k].n;
    if (brands[k].s[0] == t[i] && is_lower((unsigned char)t[i]) && i + n <= e &&
        memcmp(t + i, brands[k].s, n) == 0)
      return 1;
  }
  return 0;
}

/* Capitalised brand stems that glue to a place in outlet names
 * ("TribunJakarta", "SuaraSurabaya", "DetikJabar"): a known word before a
 * known name is not enough to split after them. */
static const word outlet_stems[] = {
    W("Tribun"),  W("Kompas"), W("Detik"), W("Metro"), W("Suara"),
    W("Warta"),   W("Radar"),  W("Pos"),   W("Sindo"), W("Berita"),
    W("Media"),   W("Harian"), W("Koran"), W("Jawa"),  W("Okezone"),
    W("Liputan"), W("Antara"), W("Kabar"), W("Info"),  W("Serambi"),
    W("Trans")};

static int is_outlet_stem(const char *s, size_t n) {
  return IN_TABLE(outlet_stems, s, n);
}

/* ---- lines ------------------------------------------------------------ */

enum line_kind {
  LK_BLANK = 0,
  LK_TEXT,    /* body text (or, later, title) */
  LK_BOILER,  /* boilerplate */
  LK_META,    /* byline, date line, outlet line */
  LK_CAPTION, /* photo caption */
  LK_TITLE,   /* the printed headline */
  LK_LEAD     /* wholly inside the outlet lead / dateline */
};

typedef struct line {
  size_t start, end; /* the content, white space trimmed */
  size_t body;       /* start of the kept part: after a glued "(***)" or
                        the lead; == start otherwise */
  size_t tail;       /* start of a glued trailing "(*)"; == end if none */
  unsigned char kind;
  unsigned char is_list_head; /* "Baca juga:" */
  unsigned char inline_link;  /* "Baca juga: ..." cut out of a paragraph */
} line;

/* What the cleaner found; filled pass by pass. */
typedef struct cleaner {
  kb_doc *doc;
  const kb_dict *dict;
  unsigned flags;
  const char *t;
  size_t n;
  line *lines;
  size_t n_lines, cap_lines;
  size_t title;      /* line index of the printed title, or SIZE_MAX */
  size_t first_body; /* line index where the body starts, or n_lines */
  size_t lead_line;  /* line index where the lead starts, or SIZE_MAX */
  kb_span lead;      /* the lead's printed span (a META block) */
  kb_span outlet, city, author, published;
  clean_date pub_date;
  int has_pub;
} cleaner;

#define NONE ((size_t)-1)

/* Splits the text into lines (memchr), trimming white space. */
static kb_status scan_lines(cleaner *c) {
  size_t cap = 0, pos = 0;
  const char *t = c->t;
  /* a first guess at the number of lines, so that the array seldom moves */
  if (arena_grow(&c->doc->arena, (void **)&c->lines, &cap, c->n / 128 + 16,
                 sizeof *c->lines) != 0)
    return KB_ENOMEM;
  while (pos <= c->n) {
    const char *nl = pos < c->n ? memchr(t + pos, '\n', c->n - pos) : NULL;
    size_t end = nl ? (size_t)(nl - t) : c->n, s, e;
    line *l;
    if (pos == c->n && c->n_lines > 0)
      break;
    if (c->n_lines == cap &&
        arena_grow(&c->doc->arena, (void **)&c->lines, &cap, c->n_lines + 1,
                   sizeof *c->lines) != 0)
      return KB_ENOMEM;
    s = skip_ws(t, pos, end, 0);
    e = end;
    while (e > s) { /* trim the end: ASCII blanks and the wide spaces */
      size_t w = 0;
      if (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r')
        w = 1;
      else if (e - s >= 2 && space_width(t, e - 2, end, 0) == 2)
        w = 2;
      else if (e - s >= 3 && space_width(t, e - 3, end, 0) == 3)
        w = 3;
      if (w == 0)
        break;
      e -= w;
    }
    l = &c->lines[c->n_lines++];
    l->start = l->body = s;
    l->end = l->tail = e;
    l->kind = s < e ? LK_TEXT : LK_BLANK;
    l->is_list_head = 0;
    l->inline_link = 0;
    if (!nl)
      break;
    pos = end + 1;
  }
  c->cap_lines = cap;
  return KB_OK;
}

static size_t line_len(const line *l) { return l->end - l->start; }

/* The index of the next non-blank line after i, or n_lines. */
static size_t next_nonblank(const cleaner *c, size_t i) {
  for (i++; i < c->n_lines; i++)
    if (c->lines[i].kind != LK_BLANK)
      return i;
  return c->n_lines;
}

static int same_text(const cleaner *c, const line *a, const line *b) {
  return line_len(a) == line_len(b) &&
         memcmp(c->t + a->start, c->t + b->start, line_len(a)) == 0;
}

/* Number of words (runs of non-blank bytes) in t[s..e), counted up to
 * `most` + 1: callers only ask whether there are more than `most`. */
static size_t count_words(const char *t, size_t s, size_t e, size_t most) {
  size_t n = 0, i = s;
  int in = 0;
  for (; i < e && n <= most; i++) {
    int sp = t[i] == ' ' || t[i] == '\t';
    if (!sp && !in)
      n++;
    in = !sp;
  }
  return n;
}

/* Whether a line ends a sentence or a quotation: its last character is
 * . ! ? : ; ) ] " ' or a closing curly quote or ellipsis.  Other lines are
 * "open": scraping may have cut them at a former hyperlink. */
static int ends_closed(const cleaner *c, const line *l) {
  size_t e = l->tail;
  int ch;
  if (e <= l->body)
    return 1;
  ch = (unsigned char)c->t[e - 1];
  if (strchr(".!?:;)]\"'", ch) != NULL)
    return 1;
  /* U+201D ” U+2019 ’ U+2026 … */
  if (e - l->body >= 3 && (unsigned char)c->t[e - 3] == 0xE2 &&
      (unsigned char)c->t[e - 2] == 0x80 &&
      (ch == 0x9D || ch == 0x99 || ch == 0xA6))
    return 1;
  return 0;
}

/* Whether a line continues the one before whatever that one ends with: it
 * starts with a lower-case letter or with , . ; : ) ] ? ! % or a closing
 * quote.  "Dikutip\nReuters\n, Senin" -- the ", Senin" line. */
static int starts_continuation(const cleaner *c, const line *l) {
  int ch = AT(c->t, l->body, l->end);
  if (ch < 0)
    return 0;
  /* "iPhone 15 Pro Max ..." starts a paragraph, lower case or not */
  if (is_lower(ch) && is_upper(AT(c->t, l->body + 1, l->end)))
    return 0;
  if (is_lower(ch) || strchr(",.;:)]?!%", ch) != NULL)
    return 1;
  return ch == 0xE2 && AT(c->t, l->body + 1, l->end) == 0x80 &&
         (AT(c->t, l->body + 2, l->end) == 0x9D ||
          AT(c->t, l->body + 2, l->end) == 0x99);
}

/* Whether a line may continue an open line before it: it starts with an
 * opening parenthesis or quote ("Hamas\n\"harus menyerahkan ..."). */
static int starts_weak(const cleaner *c, const line *l) {
  int ch = AT(c->t, l->body, l->end);
  if (ch == '(' || ch == '"' || ch == '\'')
    return 1;
  return ch == 0xE2 && AT(c->t, l->body + 1, l->end) == 0x80 &&
         AT(c->t, l->body + 2, l->end) == 0x9C;
}

/* A fragment: a short open line, the shape a hyperlinked name takes when
 * scraping puts it on a line of its own ("Mahmoud Abbas"). */
static int is_fragment(const cleaner *c, const line *l) {
  return l->kind == LK_TEXT && l->tail - l->body <= 60 && !ends_closed(c, l) &&
         count_words(c->t, l->body, l->tail, 6) <= 6;
}

/* A headline: one line, not too long, not ending like a sentence. */
static int is_headline(const cleaner *c, const line *l) {
  size_t n = l->tail - l->body;
  int first = AT(c->t, l->body, l->end), last;
  if (n < 8 || n > 300)
    return 0;
  if (is_lower(first) || strchr(",.;:)-", first) != NULL)
    return 0;
  last = (unsigned char)c->t[l->tail - 1];
  if (strchr(".,;:", last) != NULL)
    return 0;
  if (n >= 2 && (last == '"' || last == '\'') && c->t[l->tail - 2] == '.')
    return 0;
  return count_words(c->t, l->body, l->tail, 30) <= 30;
}

/* ---- boilerplate, captions and meta lines ----------------------------- */

static int is_name(const char *t, size_t s, size_t e);

/* The boilerplate table indexed by first byte: entries whose text starts
 * with byte b are bp_order[bp_start[b] .. bp_start[b + 1]).  Built once,
 * on first use (pthread_once), from the table above. */
#define N_BOILERPLATE (sizeof boilerplate / sizeof boilerplate[0])
static unsigned char bp_order[N_BOILERPLATE];
static unsigned short bp_start[257];
/* bit (second byte & 31) of bp_second[first byte]: some entry starts with
 * those two bytes.  Most lines fail it ("Dalam ...", "Sementara ...") and
 * are compared with no entry. */
static unsigned long bp_second[256];
/* bit BP3(s) of bp_three: some entry starts with the three bytes of s
 * (their low five bits each); a sentence start that passes bp_second
 * ("Sebelumnya", "Dia", "Menurut") nearly always fails it. */
#define BP3(s)                                                                 \
  (((unsigned)(unsigned char)(s)[0] & 31u) << 10 |                             \
   ((unsigned)(unsigned char)(s)[1] & 31u) << 5 |                              \
   ((unsigned)(unsigned char)(s)[2] & 31u))
static unsigned long long bp_three[(32u * 32u * 32u) / 64u];
static pthread_once_t bp_once = PTHREAD_ONCE_INIT;

static void index_boilerplate(void) {
  size_t count[256] = {0}, next[256], i, b;
  for (i = 0; i < N_BOILERPLATE; i++) {
    const word *w = &boilerplate[i].text;
    count[(unsigned char)w->s[0]]++;
    bp_second[(unsigned char)w->s[0]] |= 1ul << ((unsigned char)w->s[1] & 31);
    bp_three[BP3(w->s) / 64u] |= 1ull << (BP3(w->s) % 64u);
  }
  bp_start[0] = 0;
  for (b = 0; b < 256; b++) {
    bp_start[b + 1] = (unsigned short)(bp_start[b] + count[b]);
    next[b] = bp_start[b];
  }
  for (i = 0; i < N_BOILERPLATE; i++)
    bp_order[next[(unsigned char)boilerplate[i].text.s[0]]++] =
        (unsigned char)i;
}

/* The boilerplate entry matching the line, as its BP_* bits, or 0 (an
 * exact entry wins over a prefix entry).  A bullet dash before the text is
 * skipped ("-\u00a0Baca Berita ..."). */
static unsigned match_boilerplate(const char *s, size_t n) {
  size_t i, b;
  unsigned how = 0;
  if (n > 2 && s[0] == '-' && space_width(s, 1, n, 0) > 0) {
    size_t k = skip_ws(s, 1, n, 0);
    if (k < n) {
      s += k;
      n -= k;
    }
  }
  if (n < 3)
    return 0; /* every entry has three bytes or more */
  pthread_once(&bp_once, index_boilerplate);
  b = (unsigned char)s[0];
  if (!(bp_second[b] >> ((unsigned char)s[1] & 31) & 1u) ||
      !(bp_three[BP3(s) / 64u] >> (BP3(s) % 64u) & 1u))
    return 0;
  for (i = bp_start[b]; i < bp_start[b + 1]; i++) {
    const word *w = &boilerplate[bp_order[i]].text;
    unsigned entry = boilerplate[bp_order[i]].how;
    if (entry & BP_EXACT) {
      if (w->n == n && memcmp(w->s, s, n) == 0)
        return entry;
    } else if (w->n <= n && w->s[1] == s[1] && memcmp(w->s, s, w->n) == 0) {
      how = entry;
    }
  }
  return how;
}

/* A sign-off: reporters' and editors' initials in parentheses, as detik
 * and kapanlagi print them at the end: "(hns/hns)", "(kpl/far/tdr)". */
static int is_signoff(const char *s, size_t n) {
  size_t i, run = 0, groups = 0;
  if (n < 5 || n > 40 || s[0] != '(' || s[n - 1] != ')')
    return 0;
  if (is_upper((unsigned char)s[1])) {
    /* okezone's editor: "(Arief Setyadi )" */
    size_t e = n - 1;
    while (e > 1 && s[e - 1] == ' ')
      e--;
    return count_words(s, 1, e, 1) >= 2 && is_name(s, 1, e);
  }
  for (i = 1; i + 1 < n; i++) {
    if (is_lower((unsigned char)s[i])) {
      run++;
    } else if (s[i] == '/' && run >= 2) {
      groups++;
      run = 0;
    } else {
      return 0;
    }
  }
  return groups >= 1 && run >= 2;
}

/* Words that open the credit in a caption's closing parenthesis:
 * "(Foto: dok. Polda Riau)", "(credit: mydramalist.com)", "(ANTARA FOTO/
 * ...)", "(REUTERS/...)". */
static const char *const credit_words[] = {
    "foto",      "credit",  "kredit",    "dok.",        "dok ",  "image",
    "antara",    "reuters", "ap photo",  "afp",         "getty", "istimewa",
    "instagram", "ist.",    "tangkapan", "sumber foto", "photo"};

/* Whether a line is a photo caption: "Dalam foto ...", "Foto: ...",
 * "... Foto: Dok. Honda", "... (credit: mydramalist.com)". */
static int is_caption(const char *s, size_t n) {
  size_t i;
  if (n < 8 || n > 600)
    return 0;
  if (has_prefix(s, n, "Dalam foto ") || has_prefix(s, n, "Dalam gambar ") ||
      has_prefix(s, n, "Foto:") || has_prefix(s, n, "FOTO:") ||
      has_prefix(s, n, "Foto :") || has_prefix(s, n, "Tangkapan layar "))
    return 1;
  /* "... Foto: Dok. Honda": a short credit after "Foto:" ends the line */
  for (i = 1; i + 6 < n; i++) {
    const char *f = memchr(s + i, 'F', n - 6 - i);
    if (f == NULL)
      break;
    i = (size_t)(f - s);
    if (s[i - 1] == ' ' && memcmp(s + i, "Foto: ", 6) == 0)
      return n - i <= 80;
  }
  if (s[n - 1] == ')') {
    size_t open = n - 1, k;
    while (open > 0 && s[open] != '(')
      open--;
    if (s[open] != '(' || n - open > 90)
      return 0;
    for (k = 0; k < sizeof credit_words / sizeof credit_words[0]; k++)
      if (has_prefix_nocase(s + open + 1, n - open - 1, credit_words[k]))
        return 1;
  }
  return 0;
}

/* Length of a domain name at t[i..n) -- "RIAU24.COM", "Liputan6.com",
 * "REPUBLIKA.CO.ID", "TRIBUN-PAPUA.COM" -- or 0.  The last label must be
 * a top-level domain news sites use. */
static size_t domain_len(const char *t, size_t i, size_t n) {
  static const char *const tlds[] = {"com", "co",   "id",   "net", "org",
                                     "tv",  "news", "info", "my",  "asia"};
  size_t j = i, labels = 0, last = i, k;
  int has_alpha = 0;
  for (;;) {
    size_t s = j;
    while (j < n && (is_alnum((unsigned char)t[j]) || t[j] == '-')) {
      has_alpha |= is_alpha((unsigned char)t[j]);
      j++;
    }
    if (j == s || !is_alnum((unsigned char)t[s]))
      return 0;
    labels++;
    last = s;
    if (AT(t, j, n) == '.' && is_alpha(AT(t, j + 1, n)))
      j++;
    else
      break;
  }
  if (labels < 2 || !has_alpha || is_alnum(AT(t, j, n)))
    return 0;
  for (k = last; k < j; k++)
    if (!is_alpha((unsigned char)t[k]))
      return 0;
  for (k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
    if (eq_nocase(t + last, j - last, tlds[k]))
      return j - i;
  return 0;
}

/* Length of a dateline dash at t[i]: -, --, – (U+2013), — (U+2014),
 * possibly doubled; 0 if none. */
static size_t dash_len(const char *t, size_t i, size_t n) {
  size_t j = i;
  while (j < n) {
    if (t[j] == '-')
      j++;
    else if (AT(t, j, n) == 0xE2 && AT(t, j + 1, n) == 0x80 &&
             (AT(t, j + 2, n) == 0x93 || AT(t, j + 2, n) == 0x94))
      j += 3;
    else
      break;
    if (j - i > 6)
      return 0;
  }
  return j - i;
}

/* Width of the MacRoman mojibake CLICK-ID texts carry in their
 * datelines at t[i]: "\u00ac\u2020" (a no-break space, 5 bytes) or
 * "\u201a\u00c4\u00ec" (an en dash, 7 bytes); 0 if none. */
static size_t moji_width(const char *t, size_t i, size_t n) {
  static const char nbsp[] = "\xC2\xAC\xE2\x80\xA0";
  static const char ndash[] = "\xE2\x80\x9A\xC3\x84\xC3\xAC";
  if (i + 5 <= n && memcmp(t + i, nbsp, 5) == 0)
    return 5;
  if (i + 7 <= n && memcmp(t + i, ndash, 7) == 0)
    return 7;
  return 0;
}

/* Whether a line is a lone dash (detik's "Jakarta\n-\n" dateline). */
static int is_lone_dash(const cleaner *c, const line *l) {
  size_t k = dash_len(c->t, l->start, l->end);
  return k > 0 && l->start + k == l->end;
}

/* Labels of credit lines; `author` says whether the value names the
 * writer ("Penulis: Arby Salim") or not ("Editor: Agus Setiawan"). */
static const struct {
  const char *label;
  int author;
} labels[] = {{"penulis", 1}, {"reporter", 1},    {"pewarta", 1},
              {"oleh", 1},    {"kontributor", 1}, {"wartawan", 1},
              {"editor", 0},  {"penyunting", 0},  {"redaktur", 0},
              {"sumber", 0},  {"fotografer", 0},  {"video", 0}};

/* Cuts a name at the separators bylines put before a place: " | ",
 * " l ", " I " ("Dede Rosadi l Aceh Singkil" -> "Dede Rosadi"). */
static size_t cut_name(const char *t, size_t s, size_t e) {
  size_t i;
  for (i = s; i < e; i++) {
    if (t[i] == '|')
      break;
    if (t[i] == ' ' && i + 2 < e && (t[i + 1] == 'l' || t[i + 1] == 'I') &&
        (t[i + 2] == ' ' || space_width(t, i + 2, e, 0)))
      break;
  }
  while (i > s && (t[i - 1] == ' ' || t[i - 1] == ','))
    i--;
  return i;
}

/* Trims spaces and separators (, - | – :) from both ends of t[*s..*e). */
static void trim_seps(const char *t, size_t *s, size_t *e) {
  for (;;) {
    size_t w = space_width(t, *s, *e, 0);
    if (w) {
      *s += w;
    } else if (*s < *e && strchr(",-|:", t[*s]) != NULL) {
      *s += 1;
    } else if (*s < *e && dash_len(t, *s, *e) > 0) {
      *s += dash_len(t, *s, *e);
    } else {
      break;
    }
  }
  while (*e > *s) {
    int ch = (unsigned char)t[*e - 1];
    if (ch == ' ' || ch == ',' || ch == '-' || ch == '|' || ch == ':')
      *e -= 1;
    else if (*e - *s >= 3 && dash_len(t, *e - 3, *e) == 3)
      *e -= 3;
    else if (*e - *s >= 2 && space_width(t, *e - 2, *e, 0) == 2)
      *e -= 2;
    else
      break;
  }
}

/* Whether t[s..e) reads as a person's name: 1-5 words, each starting with
 * an upper-case letter, made of letters, dots, apostrophes, hyphens. */
static int is_name(const char *t, size_t s, size_t e) {
  size_t i, words = 0;
  int at_start = 1;
  if (e <= s || e - s > 60)
    return 0;
  for (i = s; i < e; i++) {
    int ch = (unsigned char)t[i];
    size_t w = space_width(t, i, e, 0);
    if (w) {
      at_start = 1;
      i += w - 1;
      continue;
    }
    if (at_start) {
      if (!is_upper(ch))
        return 0;
      words++;
      at_start = 0;
    } else if (!is_alpha(ch) && ch != '.' && ch != '\'' && ch != '-') {
      return 0;
    }
  }
  return words >= 1 && words <= 5;
}

/* What a meta line told. */
typedef struct meta_line {
  kb_span author, date, outlet;
  clean_date when;
  int has_date;
} meta_line;

/* A label line: "Penulis: Arby Salim", "sumber : ANTARA". */
static int label_line(const cleaner *c, const line *l, meta_line *m) {
  const char *t = c->t;
  size_t k;
  if (line_len(l) > 160)
    return 0;
  for (k = 0; k < sizeof labels / sizeof labels[0]; k++) {
    size_t n, j, s, e;
    if (lower((unsigned char)t[l->start]) != labels[k].label[0])
      continue; /* the common case, cheaply */
    n = strlen(labels[k].label);
    if (!has_prefix_nocase(t + l->start, line_len(l), labels[k].label))
      continue;
    j = skip_ws(t, l->start + n, l->end, 0);
    if (AT(t, j, l->end) != ':')
      continue;
    s = skip_ws(t, j + 1, l->end, 0);
    e = l->end;
    if (s >= e)
      return 0;
    if (labels[k].author) {
      e = cut_name(t, s, e);
      if (e > s) {
        m->author.start = s;
        m->author.end = e;
      }
    }
    return 1;
  }
  return 0;
}

/* A reporter line: "Laporan Wartawan Tribun-Papua.com, Fiona Sihasale",
 * "Laporan Dede Rosadi l Aceh Singkil", "Laporan Rianza Alfandi | Banda
 * Aceh".  Everything after "Laporan" must be names, outlets and
 * separators (no sentence). */
static int laporan_line(const cleaner *c, const line *l, meta_line *m) {
  const char *t = c->t;
  size_t i, s, e = l->end, comma = NONE;
  if (!has_prefix(t + l->start, line_len(l), "Laporan") || line_len(l) > 140 ||
      ends_closed(c, l))
    return 0;
  i = l->start + 7;
  if (space_width(t, i, e, 0) == 0)
    return 0;
  i = skip_ws(t, i, e, 0);
  if (has_prefix_nocase(t + i, e - i, "wartawan ") ||
      has_prefix_nocase(t + i, e - i, "reporter "))
    i = skip_ws(t, i + 9, e, 0);
  s = i;
  /* every word capitalised (or a separator, or "dan") */
  while (i < e) {
    size_t w = space_width(t, i, e, 0), j;
    if (w) {
      i += w;
      continue;
    }
    j = i;
    while (j < e && space_width(t, j, e, 0) == 0)
      j++;
    if (t[j - 1] == ',')
      comma = j;
    if (!(is_upper((unsigned char)t[i]) || t[i] == '|' ||
          (j - i == 1 && t[i] == 'l') ||
          (j - i == 3 && !memcmp(t + i, "dan", 3))))
      return 0;
    i = j;
  }
  if (comma != NONE) {
    s = skip_ws(t, comma, e, 0);
  } else {
    size_t d = domain_len(t, s, e);
    if (d)
      s = skip_ws(t, s + d, e, 0);
  }
  e = cut_name(t, s, e);
  if (e > s && is_name(t, s, e)) {
    m->author.start = s;
    m->author.end = e;
  }
  return 1;
}

/* A date line, possibly with a byline or outlet before the date:
 * "Amastya 31 Dec 2024, 19:45", "Rabu, 20 Maret 2024", "Selasa, 10 Jun
 * 2025 14:05 WIB", "Kompas.com - 10/06/2025, 14:05 WIB".  The date must
 * end the line. */
static int date_line(const cleaner *c, const line *l, meta_line *m) {
  const char *t = c->t;
  size_t i, n = line_len(l);
  int last;
  if (n < 8 || n > 120)
    return 0;
  last = (unsigned char)t[l->end - 1];
  if (!is_digit(last) && last != ')' && !is_upper(last))
    return 0;
  for (i = l->start; i < l->end; i++) {
    clean_date d;
    size_t used, e;
    int ch = (unsigned char)t[i];
    if (i > l->start && is_alnum((unsigned char)t[i - 1]))
      continue; /* not a word start */
    if (!is_alnum(ch) && ch != '(')
      continue;
    if (!clean_parse_date(t + i, l->end - i, &d, &used))
      continue;
    e = skip_ws(t, i + used, l->end, 0);
    if (e != l->end)
      return 0;
    {
      size_t ps = l->start, pe = i, raw_end;
      while (pe > ps && (t[pe - 1] == ' ' || t[pe - 1] == '('))
        pe--;
      raw_end = pe;
      trim_seps(t, &ps, &pe);
      if (pe > ps) {
        size_t dl = domain_len(t, ps, pe), w = ps;
        while (w < pe && is_alpha((unsigned char)t[w]))
          w++;
        if (dl == pe - ps) {
          m->outlet.start = ps;
          m->outlet.end = pe;
        } else if (is_date_label(t + ps, pe - ps)) {
          /* "Diperbarui 17 Jun 2025, 08:30 WIB": no author */
        } else if (!is_name(t, ps, pe) ||
                   is_function_word_any_case(t + ps, w - ps)) {
          return 0; /* "Pada 20 Maret 2024" is no byline */
        } else if (t[raw_end - 1] != ',') {
          /* "Amastya 31 Dec 2024"; "Jakarta, 20 Maret 2024" is a place */
          m->author.start = ps;
          m->author.end = pe;
        }
      }
    }
    m->date.start = i;
    m->date.end = i + used;
    while (m->date.end > i && t[m->date.end - 1] == ' ')
      m->date.end--;
    m->when = d;
    m->has_date = 1;
    return 1;
  }
  return 0;
}

/* An outlet line: "- sputniknews.com" (with the dash anywhere, without it
 * only before the body). */
static int outlet_line(const cleaner *c, const line *l, int in_header,
                       meta_line *m) {
  size_t s = l->start, k = dash_len(c->t, s, l->end), d;
  if (k == 0 && !in_header)
    return 0;
  s = skip_ws(c->t, s + k, l->end, 0);
  d = domain_len(c->t, s, l->end);
  if (d == 0 || s + d != l->end)
    return 0;
  m->outlet.start = s;
  m->outlet.end = s + d;
  return 1;
}

/* ---- line classification ---------------------------------------------- */

/* The first '.', '?' or '!' in [s, lim), or NULL; `end` is the end of
 * the text, up to which bytes may be read past lim.  With SSE2 sixteen
 * bytes at a time (past lim too, the bits from lim on masked off), so
 * that a paragraph's last sentence end costs no byte-by-byte loop. */
static const char *next_stop(const char *s, const char *lim,
                             const char *end) {
#if defined(__SSE2__) && defined(__GNUC__)
  const __m128i dot = _mm_set1_epi8('.'), question = _mm_set1_epi8('?'),
                bang = _mm_set1_epi8('!');
  while (s < lim && end - s >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    unsigned m = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dot),
                                  _mm_cmpeq_epi8(x, question)),
                     _mm_cmpeq_epi8(x, bang)));
    if (lim - s < 16)
      m &= (1u << (lim - s)) - 1u;
    if (m)
      return s + lowest_bit(m);
    s += 16;
  }
#else
  (void)end;
#endif
  for (; s < lim; s++)
    if (*s == '.' || *s == '?' || *s == '!')
      return s;
  return NULL;
}

/* Lower-case words that a title-cased headline keeps lower case:
 * prepositions and conjunctions ("Prabowo Bertemu Putin di Moskow"). */
static int headline_small_word(const char *s, size_t n) {
  static const char *const small[] = {
      "di",   "ke",     "dari",  "dan",   "atau",   "untuk", "pada",
      "yang", "vs",     "vs.",   "hingga", "soal",  "dengan", "usai",
      "bagi", "oleh",   "demi",  "agar",  "karena", "saat",  "jelang",
      "lewat", "via",   "per",   "sebagai", "terhadap", "tentang",
      "sejak", "setelah", "jadi", "ala",  NULL};
  size_t k;
  while (n > 0 && (s[n - 1] == ',' || s[n - 1] == ':'))
    n--;
  for (k = 0; small[k]; k++)
    if (strlen(small[k]) == n && memcmp(small[k], s, n) == 0)
      return 1;
  return 0;
}

/* Where a "Baca juga" link's headline that starts at t[h] ends, or 0
 * when that is not certain: at a '?' or '!'; at a full stop, a lower-case
 * letter or a digit glued to a capital ("... Melawan RusiaSeperti
 * dilansir"); before an opening quote; before the capitalised word that
 * starts a sentence -- the headline is title case, so the first
 * lower-case word that no headline keeps lower case ("... Gaji PNS Suriah
 * Selain gaji, perawat ...") shows where; else at the line's end when that
 * comes within 240 bytes and is no full stop. */
static size_t link_headline_end(const char *t, size_t h, size_t e) {
  size_t k = h, lim = e - h > 240 ? h + 240 : e, last_cap = 0, words = 0;
  while (k < lim) {
    size_t ws = k;
    unsigned char c0 = (unsigned char)t[k];
    while (k < lim && t[k] != ' ') {
      unsigned char ch = (unsigned char)t[k];
      if (ch == '?' || ch == '!')
        return k + 1;
      if (k + 1 < e && is_upper((unsigned char)t[k + 1]) &&
          (ch == '.' || (is_lower(ch) && k > ws) ||
           (is_digit(ch) && k + 2 < e && is_lower((unsigned char)t[k + 2]))))
        return k + 1;
      k++;
    }
    if (words >= 2 && (c0 == '"' || (c0 == 0xE2 && k - ws >= 3 &&
                                      (unsigned char)t[ws + 1] == 0x80 &&
                                      (unsigned char)t[ws + 2] == 0x9C)))
      return ws; /* an opening quote: the sentence after */
    if (is_lower(c0) && !headline_small_word(t + ws, k - ws))
      return words >= 3 && last_cap > h ? last_cap : 0;
    if (is_upper(c0))
      last_cap = ws;
    words++;
    while (k < lim && t[k] == ' ')
      k++;
  }
  return lim == e && t[e - 1] != '.' ? e : 0;
}

/* "... pernah bersekolah di Bandung.Baca Juga:Rusia Usulkan Pemindahan
 * Kantor PBB?Pria kelahiran ...": a link glued into a paragraph.  Cuts
 * line i in three -- the text before, the link (boilerplate), the text
 * after -- as lines i, i + 1, i + 2; the spans still point into the
 * text.  stop: where the link starts. */
static kb_status split_inline_link(cleaner *c, size_t i, size_t stop,
                                   size_t hend) {
  line *l;
  size_t end;
  if (c->n_lines + 2 > c->cap_lines &&
      arena_grow(&c->doc->arena, (void **)&c->lines, &c->cap_lines,
                 c->n_lines + 2, sizeof *c->lines) != 0)
    return KB_ENOMEM;
  memmove(&c->lines[i + 3], &c->lines[i + 1],
          (c->n_lines - i - 1) * sizeof *c->lines);
  c->n_lines += 2;
  l = &c->lines[i];
  end = l->end;
  c->lines[i + 1] = *l;
  c->lines[i + 2] = *l;
  l->end = l->tail = stop;
  while (l->end > l->start && c->t[l->end - 1] == ' ')
    l->end = l->tail = l->end - 1;
  l[1].start = l[1].body = stop;
  l[1].end = l[1].tail = hend;
  while (l[1].end > stop && c->t[l[1].end - 1] == ' ')
    l[1].end = l[1].tail = l[1].end - 1;
  l[1].kind = LK_BOILER;
  l[1].inline_link = 1;
  l[2].start = l[2].body = skip_ws(c->t, hend, end, 0);
  l[2].end = l[2].tail = end;
  l[2].kind = l[2].start < end ? LK_TEXT : LK_BLANK;
  return KB_OK;
}

/* A promotion glued after the last sentence of a paragraph: "... tegas
 * dia.  Akses TribunJakarta.com di Google News ...".  Moves l->tail to
 * the end of the last real sentence. */
static kb_status find_glued_promo(cleaner *c, size_t i) {
  line *l = &c->lines[i];
  const char *t = c->t, *lim = t + l->tail - 1;
  size_t p;
  if (l->tail < l->body + 3)
    return KB_OK; /* no room for a sentence end with text on both sides */
  for (p = l->body + 1; p + 1 < l->tail; p++) {
    /* the next sentence end: '.', or a rarer '?' or '!' */
    const char *end = next_stop(t + p - 1, lim, t + c->n);
    size_t q;
    if (end == NULL)
      return KB_OK;
    p = (size_t)(end - t) + 1;
    q = skip_ws(t, p, l->tail, 0);
    if ((t[q] == 'B' || t[q] == 'b') && l->tail == l->end &&
        has_prefix_nocase(t + q, l->tail - q, "baca juga")) {
      /* a link glued in, with or without a space */
      size_t h = q + 9, hend;
      while (h < l->end && (t[h] == ':' || t[h] == ' '))
        h++;
      hend = link_headline_end(t, h, l->end);
      if (hend == l->end) {
        l->tail = p;
        return KB_OK;
      }
      if (hend > h)
        return split_inline_link(c, i, q, hend);
      continue;
    }
    if (q == p)
      continue;
    if (q < l->tail && is_upper((unsigned char)t[q]) &&
        (match_boilerplate(t + q, l->tail - q) & BP_PREFIX)) {
      l->tail = p;
      return KB_OK;
    }
  }
  return KB_OK;
}

/* Glued sign-offs at either end of a line: "(***)Presiden Korut ..."
 * (head) and "... tambah Rodrigo.(*)" (tail). */
static void find_glued_stars(cleaner *c, line *l) {
  const char *t = c->t;
  static const char *const stars[] = {"(***)", "(**)", "(*)"};
  size_t k;
  if (t[l->start] != '(' && t[l->end - 1] != ')')
    return; /* almost every line */
  for (k = 0; k < 3; k++) {
    size_t n = strlen(stars[k]);
    if (line_len(l) > n && memcmp(t + l->start, stars[k], n) == 0) {
      l->body = skip_ws(t, l->start + n, l->end, 0);
      break;
    }
  }
  for (k = 0; k < 3; k++) {
    size_t n = strlen(stars[k]);
    if (l->end - l->body > n && memcmp(t + l->end - n, stars[k], n) == 0) {
      l->tail = l->end - n;
      while (l->tail > l->body && t[l->tail - 1] == ' ')
        l->tail--;
      break;
    }
  }
}

static int joins_next(const cleaner *c, size_t i);

/* Sorts every line into boilerplate, caption, meta or text.  Context:
 * after a "Baca juga:" heading up to four headline lines are related
 * links; after a sign-off "(hns/hns)" short lines are the tag list; an
 * open boilerplate line ("Simak") swallows the lines that continue it. */
static kb_status classify_lines(cleaner *c) {
  size_t i, list_left = 0;
  int after_signoff = 0, swallow = 0;
  for (i = 0; i < c->n_lines; i++) {
    line *l = &c->lines[i];
    const char *s = c->t + l->start;
    size_t n = line_len(l);
    unsigned bp;
    meta_line m;
    if (l->kind == LK_BLANK) {
      list_left = 0;
      swallow = 0;
      continue;
    }
    if (l->inline_link) { /* cut out of a paragraph: nothing follows it */
      list_left = 0;
      swallow = 0;
      continue;
    }
    if (swallow && starts_continuation(c, l)) {
      l->kind = LK_BOILER;
      continue;
    }
    swallow = 0;
    bp = match_boilerplate(s, n);
    if (bp) {
      l->kind = LK_BOILER;
      list_left = (bp & BP_LIST) ? 4 : 0;
      l->is_list_head = (bp & BP_LIST) != 0;
      /* "Simak\nbreaking news\ndan\n...": the promo goes on */
      swallow = ((bp & BP_SWALLOW) || (bp & BP_PREFIX)) && !ends_closed(c, l);
      continue;
    }
    if (is_signoff(s, n)) {
      l->kind = LK_BOILER;
      after_signoff = 1;
      continue;
    }
    if (is_caption(s, n)) {
      l->kind = LK_CAPTION;
      continue;
    }
    find_glued_stars(c, l);
    if (find_glued_promo(c, i) != KB_OK)
      return KB_ENOMEM;
    l = &c->lines[i]; /* the array may have moved */
    n = line_len(l);
    if (list_left > 0) {
      /* the first headline after "Baca juga:" is a link whatever follows;
       * later ones only if they do not run on into a split sentence
       * ("Juru bicara KPK\nBudi Prasetyo\nmengatakan ...") */
      size_t nx = next_nonblank(c, i);
      int first = list_left == 4;
      list_left--;
      if (is_headline(c, l) && !starts_continuation(c, l) &&
          !(nx < c->n_lines && is_lone_dash(c, &c->lines[nx])) &&
          (first || !joins_next(c, i))) {
        l->kind = LK_BOILER;
        continue;
      }
      list_left = 0;
    }
    if (after_signoff) {
      if (n <= 60 && !ends_closed(c, l)) {
        l->kind = LK_BOILER;
        continue;
      }
      after_signoff = 0;
    }
    if (is_lone_dash(c, l)) {
      l->kind = LK_BOILER; /* a bullet, or the dash of a dateline: the
                              lead search below takes it back */
      continue;
    }
    memset(&m, 0, sizeof m);
    if (label_line(c, l, &m) || laporan_line(c, l, &m) || date_line(c, l, &m) ||
        outlet_line(c, l, 0, &m)) {
      l->kind = LK_META;
      continue;
    }
  }
  return KB_OK;
}

/* ---- the lead: outlet and dateline ------------------------------------ */

/* Length of a dateline city at t[i..n): one to four capitalised words
 * ("Pyongyang", "Tel Aviv", "LOS ANGELES", "Washington D.C").  *caps says
 * whether it is all upper case.  When `glued` is not NULL and the first
 * word runs on into a capitalised word ("JakartaPresiden"), *glued is set
 * to the offset of that word and the city ends there. */
static size_t city_len(const char *t, size_t i, size_t n, int *caps,
                       size_t *glued) {
  size_t j = i, end = i, words = 0;
  *caps = 1;
  if (glued)
    *glued = 0;
  while (j < n && words < 4) {
    size_t s = j;
    if (!is_upper(AT(t, j, n)))
      break;
    while (j < n &&
           (is_alpha((unsigned char)t[j]) || t[j] == '.' || t[j] == '\'')) {
      if (is_lower((unsigned char)t[j]))
        *caps = 0;
      if (glued && words == 0 && j > s && is_lower((unsigned char)t[j - 1]) &&
          is_upper((unsigned char)t[j])) {
        *glued = j;
        return j - i;
      }
      j++;
    }
    if (j - s < 2 || is_alnum(AT(t, j, n)))
      break;
    words++;
    end = j;
    if (j - i > 48)
      return 0;
    {
      size_t w = space_width(t, j, n, 0);
      if (w == 0 || !is_upper(AT(t, j + w, n)))
        break;
      j += w;
    }
  }
  if (words == 0)
    return 0;
  while (end > i && t[end - 1] == '.')
    end--;
  return end - i;
}

/* Parses the outlet lead or dateline at the start of the body:
 *   RIAU24.COM -            outlet
 *   JAKARTA, KOMPAS.com -   city, outlet
 *   Liputan6.com, Teheran - outlet, city
 *   Liputan6.com, JakartaPresiden ...   (the dash lost, the city glued)
 *   Pyongyang -             city ("Jakarta\n-\n" in detik)
 *   , , -                   CLICK-ID's remains of a linked dateline
 * The dash may be -, --, – or —, with line breaks around it.  Returns the
 * offset where the body starts (after the dash and white space), or 0;
 * fills c->outlet and c->city. */
static size_t parse_lead(cleaner *c, size_t i, size_t n) {
  const char *t = c->t;
  size_t d, j, k, cl, glued;
  int caps;
  kb_span none = {0, 0};
  c->outlet = c->city = none;
  /* CLICK-ID: ", - Pemerintah Hong Kong ...", ", , -\u00ac\u2020Saat ...",
   * "\u201a\u00c4\u00ec Presiden ..." (a mojibake dash) */
  if (t[i] == ',' || dash_len(t, i, n) || moji_width(t, i, n)) {
    int dashes = 0;
    j = i;
    for (;;) {
      size_t w = space_width(t, j, n, 0);
      if (w == 0 && AT(t, j, n) == ',')
        w = 1;
      if (w == 0 && (k = dash_len(t, j, n)) > 0) {
        w = k;
        dashes++;
      }
      if (w == 0 && (k = moji_width(t, j, n)) > 0) {
        w = k;
        dashes += k == 7;
      }
      if (w == 0)
        break;
      j += w;
    }
    if (dashes && j > i && j < n && !is_lower(AT(t, j, n)))
      return j;
    if (t[i] == ',' || dashes)
      return 0;
  }
  d = domain_len(t, i, n);
  if (d) {
    c->outlet.start = i;
    c->outlet.end = i + d;
    j = skip_ws(t, i + d, n, 1);
    k = dash_len(t, j, n);
    if (k)
      return skip_ws(t, j + k, n, 1);
    if (AT(t, j, n) != ',' && AT(t, j, n) != '|')
      return 0;
    j = skip_ws(t, j + 1, n, 0);
    cl = city_len(t, j, n, &caps, &glued);
    if (cl == 0)
      return 0;
    c->city.start = j;
    c->city.end = j + cl;
    if (glued)
      return glued;
    k = skip_ws(t, j + cl, n, 1);
    if (AT(t, k, n) == ',') { /* "Washington, DC -" */
      size_t s = skip_ws(t, k + 1, n, 0), e = s;
      while (e < n && is_upper((unsigned char)t[e]))
        e++;
      if (e - s >= 2 && e - s <= 3) {
        c->city.end = e;
        k = skip_ws(t, e, n, 1);
      }
    }
    d = dash_len(t, k, n);
    if (d)
      return skip_ws(t, k + d, n, 1);
    return 0;
  }
  cl = city_len(t, i, n, &caps, NULL);
  if (cl == 0)
    return 0;
  j = skip_ws(t, i + cl, n, 1);
  if (AT(t, j, n) == ',') {
    size_t s = skip_ws(t, j + 1, n, 0);
    d = domain_len(t, s, n);
    if (d == 0)
      return 0;
    k = skip_ws(t, s + d, n, 1);
    if (dash_len(t, k, n) == 0)
      return 0;
    c->city.start = i;
    c->city.end = i + cl;
    c->outlet.start = s;
    c->outlet.end = s + d;
    return skip_ws(t, k + dash_len(t, k, n), n, 1);
  }
  k = dash_len(t, j, n);
  if (k == 0)
    return 0;
  {
    size_t e = skip_ws(t, j + k, n, 1);
    int next = AT(t, e, n);
    /* "Jakarta-Bandung" is a road, not a dateline: a title-case city needs
     * white space at the dash and a capital after it */
    if (!caps && ((j == i + cl && e == j + k) || is_lower(next)))
      return 0;
    /* "JAKARTA-Irankembali" is a dateline, "POS-KUPANG" is not */
    if (caps && j == i + cl && e == j + k &&
        !(is_upper(next) && is_lower(AT(t, e + 1, n))))
      return 0;
    if (next < 0)
      return 0;
    c->city.start = i;
    c->city.end = i + cl;
    return e;
  }
}

/* ---- header: title, lead, first body line ----------------------------- */

/* Finds the printed title (plain text), the lead and the first body line;
 * marks repeated header lines as captions. */
static void find_header(cleaner *c) {
  size_t i, tries = 0;
  int has_field_title = c->doc->fields[KB_FIELD_TITLE].ptr != NULL;
  c->title = c->lead_line = NONE;
  c->first_body = c->n_lines;
  /* the title: the first line that is not boilerplate */
  for (i = 0; i < c->n_lines; i++) {
    line *l = &c->lines[i];
    size_t nx;
    if (l->kind == LK_BLANK || l->kind == LK_BOILER)
      continue;
    if (l->kind != LK_TEXT || has_field_title)
      break;
    nx = next_nonblank(c, i);
    if (is_headline(c, l) && parse_lead(c, l->body, c->n) == 0 &&
        !(nx < c->n_lines && is_lone_dash(c, &c->lines[nx])) &&
        !joins_next(c, i)) {
      l->kind = LK_TITLE;
      c->title = i;
    }
    break;
  }
  /* the lead: within the first few lines after the title */
  for (i = c->title == NONE ? 0 : c->title + 1; i < c->n_lines; i++) {
    line *l = &c->lines[i];
    size_t nx = next_nonblank(c, i), end;
    meta_line m;
    if (l->kind == LK_BOILER && is_lone_dash(c, l))
      continue;
    if (l->kind != LK_TEXT) {
      if (l->kind == LK_BLANK || l->kind == LK_BOILER || l->kind == LK_META ||
          l->kind == LK_CAPTION)
        continue;
      break;
    }
    memset(&m, 0, sizeof m);
    if (outlet_line(c, l, 1, &m)) {
      l->kind = LK_META;
      continue;
    }
    end = parse_lead(c, l->body, c->n);
    if (end > 0) {
      size_t k;
      c->lead_line = i;
      c->lead.start = l->body;
      c->lead.end = l->body;
      /* the lines wholly inside the lead, and where the body starts */
      for (k = i; k < c->n_lines; k++) {
        line *lk = &c->lines[k];
        if (lk->kind == LK_BLANK && lk->start < end)
          continue;
        if (lk->end <= end) {
          lk->kind = LK_LEAD;
          c->lead.end = lk->end;
          continue;
        }
        if (lk->body < end) {
          size_t e = end;
          lk->start = lk->body = end;
          while (e > c->lead.start && space_width(c->t, e - 1, c->n, 1))
            e--;
          c->lead.end = e;
          /* "Liputan6.com, JakartaSaksikan kisah seru ...": a promotion
           * right after the lead */
          if (match_boilerplate(c->t + lk->body, lk->end - lk->body))
            lk->kind = LK_BOILER;
        }
        break;
      }
      {
        /* trim the white space the lead's span may have taken */
        size_t e = c->lead.end;
        while (
            e > c->lead.start &&
            (c->t[e - 1] == ' ' || c->t[e - 1] == '\n' || c->t[e - 1] == '\r'))
          e--;
        c->lead.end = e;
      }
      c->first_body = k;
      break;
    }
    if (++tries > 5)
      break;
    if (nx < c->n_lines && same_text(c, l, &c->lines[nx])) {
      l->kind = LK_CAPTION; /* printed twice before the body: a caption */
      continue;
    }
    if (is_headline(c, l) && !joins_next(c, i))
      continue;
    break;
  }
  /* lines before the lead: a JSON Lines text may print the headline */
  if (c->lead_line != NONE && c->lead_line > 0) {
    for (i = 0; i < c->lead_line; i++) {
      line *l = &c->lines[i];
      if (l->kind != LK_TEXT)
        continue;
      if (c->title == NONE && is_headline(c, l)) {
        l->kind = LK_TITLE;
        c->title = i;
      }
      break;
    }
  }
  if (c->lead_line == NONE) {
    for (i = c->title == NONE ? 0 : c->title + 1; i < c->n_lines; i++)
      if (c->lines[i].kind == LK_TEXT)
        break;
    c->first_body = i;
  }
}

/* ---- joining split lines ---------------------------------------------- */

/* Whether a line's first sentence ends after one to three words:
 * "Indonesia. Ia siap ..." */
static int short_first_sentence(const cleaner *c, const line *l) {
  size_t i, words = 1;
  for (i = l->body; i < l->tail && i < l->body + 40; i++) {
    int ch = (unsigned char)c->t[i];
    if (ch == ' ' && ++words > 3)
      return 0;
    if ((ch == '.' || ch == ',' || ch == ';' || ch == ':') &&
        (i + 1 == l->tail || c->t[i + 1] == ' '))
      return i > l->body;
  }
  return 0;
}

/* Whether line i and line i+1 belong to one paragraph: scraping put a
 * former hyperlink on a line of its own.
 *   "Dikutip\nReuters\n, Senin (9/6/2025)"  -> one paragraph
 *   "Presiden\nPalestina\nMahmoud Abbas\nmengatakan ..." -> one paragraph
 * Rules: the next line starts lower case or with , . ) ...; or this line
 * is open and one to six fragments lead to such a line, or to a line
 * opening with ( or a quote.  `in_chain` says line i was itself joined
 * to the line before it. */
static int join_rule(const cleaner *c, size_t i, int in_chain) {
  const line *cur = &c->lines[i], *next;
  size_t k, n_frag = 0;
  if (i + 1 >= c->n_lines)
    return 0;
  next = &c->lines[i + 1];
  if (next->kind != LK_TEXT || cur->kind != LK_TEXT)
    return 0;
  if (cur->tail != cur->end)
    return 0; /* "(*)" ended the paragraph */
  if (starts_continuation(c, next))
    return 1;
  if (ends_closed(c, cur))
    return 0;
  for (k = i + 1; k < c->n_lines && n_frag < 6; k++) {
    const line *lk = &c->lines[k];
    if (!is_fragment(c, lk) || starts_weak(c, lk))
      break;
    n_frag++;
  }
  if (n_frag > 0 && k < c->n_lines && c->lines[k].kind == LK_TEXT &&
      (starts_continuation(c, &c->lines[k]) || starts_weak(c, &c->lines[k])))
    return 1;
  if (n_frag == 0 && in_chain && starts_weak(c, next))
    return 1;
  /* "meramaikan dunia\nmusik\nIndonesia. Ia siap ...": inside a split
   * chain, a line whose first sentence is one to three words finishes
   * the open one (no paragraph starts with "Indonesia.") */
  if (in_chain && is_lower((unsigned char)c->t[cur->tail - 1]) &&
      short_first_sentence(c, next))
    return 1;
  return 0;
}

static int joins_next(const cleaner *c, size_t i) {
  return c->lines[i].kind == LK_TEXT && join_rule(c, i, 0);
}

/* ---- blocks ----------------------------------------------------------- */

static kb_status add_block(cleaner *c, size_t *cap, kb_block_kind kind,
                           size_t start, size_t end) {
  kb_doc *doc = c->doc;
  kb_block *b;
  if (end <= start)
    return KB_OK;
  if (arena_grow(&doc->arena, (void **)&doc->blocks, cap, doc->n_blocks + 1,
                 sizeof *doc->blocks) != 0)
    return KB_ENOMEM;
  b = &doc->blocks[doc->n_blocks++];
  b->kind = kind;
  b->span.start = start;
  b->span.end = end;
  return KB_OK;
}

/* Emits the blocks in text order: one per line, except that text lines
 * split by scraping are joined into one body block. */
static kb_status build_blocks(cleaner *c) {
  size_t i, cap = 0;
  int keep_bp = (c->flags & KB_FLAG_KEEP_BOILERPLATE) != 0;
  int repair = (c->flags & KB_FLAG_NO_REPAIR) == 0;
  kb_status st = KB_OK;
  for (i = 0; i < c->n_lines && st == KB_OK; i++) {
    line *l = &c->lines[i];
    kb_block_kind kind;
    if (i == c->lead_line)
      st = add_block(c, &cap, KB_BLOCK_META, c->lead.start, c->lead.end);
    if (l->kind == LK_BLANK || l->kind == LK_LEAD)
      continue;
    if (l->body > l->start) /* "(***)Presiden" */
      st = add_block(c, &cap, keep_bp ? KB_BLOCK_BODY : KB_BLOCK_BOILERPLATE,
                     l->start, l->body);
    if (st != KB_OK)
      break; /* out of memory: not overwritten below (clang-tidy) */
    switch (l->kind) {
    case LK_BOILER:
      kind = keep_bp ? KB_BLOCK_BODY : KB_BLOCK_BOILERPLATE;
      break;
    case LK_META:
      kind = KB_BLOCK_META;
      break;
    case LK_CAPTION:
      kind = KB_BLOCK_CAPTION;
      break;
    case LK_TITLE:
      kind = KB_BLOCK_TITLE;
      break;
    default:
      kind = KB_BLOCK_BODY;
    }
    if (l->kind == LK_TEXT && repair) {
      size_t j = i;
      int in_chain = 0;
      while (join_rule(c, j, in_chain)) {
        j++;
        in_chain = 1;
        c->doc->repairs.lines_joined++;
      }
      if (j > i) {
        st = add_block(c, &cap, KB_BLOCK_BODY, l->body, c->lines[j].tail);
        l = &c->lines[j];
        i = j;
      } else {
        st = add_block(c, &cap, kind, l->body, l->tail);
      }
    } else {
      st = add_block(c, &cap, kind, l->body, l->tail);
    }
    if (st == KB_OK && l->tail < l->end)
      st = add_block(c, &cap, keep_bp ? KB_BLOCK_BODY : KB_BLOCK_BOILERPLATE,
                     skip_ws(c->t, l->tail, l->end, 0), l->end);
  }
  return st;
}

/* A hash of the first 64 bytes of s[0..len) and of len, eight bytes at a
 * time (a multiplication per word, not per byte as in hash_bytes).  Equal
 * blocks hash alike, which is all mark_duplicates needs. */
static size_t block_hash(const char *s, size_t len) {
  size_t k = len < 64 ? len : 64, i;
  unsigned long long h = len * 0x9E3779B97F4A7C15ull;
  for (i = 0; i + 8 <= k; i += 8) {
    unsigned long long w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  for (; i < k; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
  return (size_t)(h ^ h >> 29);
}

/* Marks repeated blocks (a caption printed twice, a paragraph the scraper
 * caught twice) as duplicates; the first copy stays.  Open addressing over
 * block indexes, compared by bytes. */
static kb_status mark_duplicates(cleaner *c) {
  kb_doc *doc = c->doc;
  size_t cap = 16, i;
  size_t *table;
  arena_mark mark;
  while (cap < doc->n_blocks * 2)
    cap *= 2;
  mark = arena_save(&doc->arena);
  table = arena_alloc(&doc->arena, cap * sizeof *table);
  if (table == NULL)
    return KB_ENOMEM;
  for (i = 0; i < cap; i++)
    table[i] = NONE;
  for (i = 0; i < doc->n_blocks; i++) {
    kb_block *b = &doc->blocks[i];
    size_t len = b->span.end - b->span.start, h;
    if (len < 16 || (b->kind != KB_BLOCK_BODY && b->kind != KB_BLOCK_CAPTION &&
                     b->kind != KB_BLOCK_TITLE))
      continue;
    /* the first 64 bytes and the length pick the slot; memcmp decides */
    h = block_hash(c->t + b->span.start, len) & (cap - 1);
    for (;;) {
      size_t j = table[h];
      if (j == NONE) {
        table[h] = i;
        break;
      }
      if (doc->blocks[j].span.end - doc->blocks[j].span.start == len &&
          memcmp(c->t + doc->blocks[j].span.start, c->t + b->span.start, len) ==
              0) {
        if (b->kind != KB_BLOCK_TITLE) {
          b->kind = KB_BLOCK_DUPLICATE;
          doc->repairs.duplicates++;
        }
        break;
      }
      h = (h + 1) & (cap - 1);
    }
  }
  arena_rewind(&doc->arena, mark);
  return KB_OK;
}

/* ---- glued words ------------------------------------------------------ */

/* Whether word s[0..n) is in the lexicon, as it is or after one simple
 * suffix (-nya, -kan, -an, -i) and, failing that, one simple prefix (di-,
 * ter-, ber-, se-, ke-): "seruan" <- seru + -an, "dilansir" <- di- +
 * lansir.  The morph stage does the real analysis later; this only has to
 * know that the left part of "seruanAmerika" is a word. */
static int known_word(const kb_dict *dict, const char *s, size_t n) {
  static const char *const suffixes[] = {"nya", "kan", "an", "i"};
  static const char *const prefixes[] = {"di", "ter", "ber", "se", "ke"};
  size_t k, p;
  if (dict == NULL || n < 2)
    return 0;
  if (kb_dict_has_root(dict, s, n))
    return 1;
  for (p = 0; p <= sizeof prefixes / sizeof prefixes[0]; p++) {
    size_t skip = 0;
    if (p > 0) {
      size_t pl = strlen(prefixes[p - 1]);
      if (n < pl + 3 || !has_prefix_nocase(s, n, prefixes[p - 1]))
        continue;
      skip = pl;
      if (kb_dict_has_root(dict, s + skip, n - skip))
        return 1;
    }
    for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
      size_t sl = strlen(suffixes[k]);
      if (n - skip >= sl + 3 && memcmp(s + n - sl, suffixes[k], sl) == 0 &&
          kb_dict_has_root(dict, s + skip, n - skip - sl))
        return 1;
    }
  }
  return 0;
}

/* If capitalised s[0..n) is a known name followed by a function word
 * ("Trumpakan" = Trump akan, Trump will; "Palestinadi" = Palestina di;
 * "Kompasyang" = Kompas yang), the length of the name; else 0.
 *   - The whole word must not be known itself: "Pandan", "Sudan",
 *     "Medan", "Jordan", "Ramadan", "Kediri" stay whole.
 *   - The prefix is a known name (four letters or more before di, ke,
 *     dan: "Al-Abedi" is no "Abe di"), or a capitalised lexicon word of
 *     five letters or more before a function word that rarely ends words
 *     (after_root_ok: "Rakyatyang" -> "Rakyat yang").
 *   - never_suffix words are never split off ("Rudiantara"). */
static size_t name_function_split(const kb_dict *dict, const char *s,
                                  size_t n) {
  unsigned long long cand;
  if (dict == NULL || n < 5 || !is_upper((unsigned char)s[0]))
    return 0;
  cand = function_endings(s, n);
  /* the candidates, longest first */
  for (; cand != 0; cand &= cand - 1) {
    const word *fw = &function_words[lowest_bit(cand)];
    const char *f = fw->s;
    size_t fl = fw->n, pl, i;
    if (fl + 3 > n)
      continue;
    pl = n - fl;
    for (i = 0; i < fl && s[pl + i] == f[i]; i++)
      ;
    if (i < fl)
      continue;
    if (!is_lower((unsigned char)s[pl - 1]) || never_suffix(f, fl) ||
        (pl < 4 && is_short_function(f, fl)))
      continue; /* "Al-Abedi" is no "Abe di" */
    if (kb_dict_has_name(dict, s, n) || kb_dict_has_root(dict, s, n) ||
        is_brand(s, n))
      return 0;
    if (kb_dict_has_name(dict, s, pl))
      return pl;
    if (pl >= 5 && after_root_ok(f, fl) && kb_dict_has_root(dict, s, pl))
      return pl;
  }
  return 0;
}

/* If capitalised s[0..n) is a known name glued to a verb ("Israelmelancar-
 * kan" = Israel melancarkan, Israel launches; "Iranditentang" = Iran
 * ditentang), the length of the name; else 0.  The rest must start like a
 * verb (me-, di-, be-, te-) and the morph stage must find it a lexicon
 * root in a verbal voice; the whole word must not be known itself. */
static size_t name_verb_split(const kb_dict *dict, const char *s, size_t n) {
  size_t pl;
  if (dict == NULL || n < 8 || !is_upper((unsigned char)s[0]))
    return 0;
  for (pl = 3; pl + 5 <= n; pl++) {
    const char *r = s + pl;
    kb_morph m;
    if (!((r[0] == 'm' && r[1] == 'e') || (r[0] == 'd' && r[1] == 'i') ||
          (r[0] == 'b' && r[1] == 'e') || (r[0] == 't' && r[1] == 'e')))
      continue;
    if (!is_lower((unsigned char)s[pl - 1]) || !kb_dict_has_name(dict, s, pl))
      continue;
    if (kb_dict_has_name(dict, s, n) || kb_dict_has_root(dict, s, n) ||
        is_brand(s, n))
      return 0;
    if (kb_morph_word(dict, r, n - pl, &m) == KB_OK &&
        (m.flags & KB_MORPHF_KNOWN) &&
        (m.cls == KB_MORPH_ACTIVE || m.cls == KB_MORPH_PASSIVE ||
         m.cls == KB_MORPH_INTRANSITIVE || m.cls == KB_MORPH_STATIVE))
      return pl;
  }
  return 0;
}

/* Whether R (a capitalised piece after a lower->upper boundary) is a known
 * name, or a known name glued to a function word ("Irandan") or to a verb
 * ("Israelmelancarkan"). */
static int name_like(const kb_dict *dict, const char *s, size_t n) {
  if (dict == NULL)
    return 0;
  return kb_dict_has_name(dict, s, n) || name_function_split(dict, s, n) > 0 ||
         name_verb_split(dict, s, n) > 0; /* "MiliterIsraelmelancarkan" */
}

/* The glue events of a 64-byte window of the text, found once: the scan
 * then goes from event to event by clearing bits, without reading the
 * text again (capitals come every twenty bytes or so). */
typedef struct event_window {
  size_t base;               /* text offset of bit 0, a multiple of 64 */
  unsigned long long mask;   /* glue events at base + bit */
  unsigned long long letter; /* ASCII letters */
  unsigned long long rise;   /* capitals after a lower-case letter */
} event_window;

typedef struct splitter {
  cleaner *c;
  size_t cap;
  kb_status st;
  event_window events; /* see next_glue_event */
  const text_bits *bits; /* the text's bit maps, shared with the segmenter */
} splitter;

/* Records a split at `at` (offsets come in increasing order).  Returns 1
 * when it is new, 0 when it was there already or memory ran out. */
static int add_split(splitter *sp, size_t at) {
  kb_doc *doc = sp->c->doc;
  if (sp->st != KB_OK)
    return 0;
  if (doc->n_splits && doc->splits[doc->n_splits - 1] >= at)
    return 0;
  if (arena_grow(&doc->arena, (void **)&doc->splits, &sp->cap,
                 doc->n_splits + 1, sizeof *doc->splits) != 0) {
    sp->st = KB_ENOMEM;
    return 0;
  }
  doc->splits[doc->n_splits++] = at;
  return 1;
}

/* Decides the lower->upper boundary between L = s[ls..b) and R =
 * s[b..re) inside one letter run.
 *   "seruanAmerika" -> seruan | Amerika   (L a known word)
 *   "diIran"        -> di | Iran          (L a function word)
 *   "dilansirReuters" -> dilansir | Reuters (R a known name)
 *   "PresidenDonald" -> Presiden | Donald (capitalised L: a known word
 *                                          and R a known name, both)
 * Never: a one-letter L ("iPhone", "eFishery", "kWh"), "detik" brands
 * ("detikNews"), the religious capitals "Nya", "Mu", "Ku" ("kepadaNya"),
 * an all-caps R after anything but a function word ("macOS"), a
 * capitalised L without a lexicon, outlet stems ("TribunJakarta"). */
static int case_split(const kb_dict *dict, const char *t, size_t ls, size_t b,
                      size_t re) {
  size_t ln = b - ls, rn = re - b, k;
  int r_caps = 1;
  if (ln < 2 || rn < 2)
    return 0;
  for (k = b + 1; k < re; k++)
    if (is_lower((unsigned char)t[k]))
      r_caps = 0;
  if ((rn == 3 && memcmp(t + b, "Nya", 3) == 0) ||
      (rn == 2 && (memcmp(t + b, "Mu", 2) == 0 || memcmp(t + b, "Ku", 2) == 0)))
    return 0;
  if (is_lower((unsigned char)t[ls])) {
    if (has_prefix(t + ls, ln, "detik") ||
        (ln >= 5 && memcmp(t + b - 5, "detik", 5) == 0) ||
        brand_at(t, b - 1, re) || (b >= ls + 2 && brand_at(t, b - 2, re)))
      return 0; /* "semuaiPhone" is "semua iPhone", not "semuai Phone" */
    if (is_function_word(t + ls, ln))
      return 1;
    if (r_caps)
      return 0;
    return (ln >= 3 && known_word(dict, t + ls, ln)) ||
           name_like(dict, t + b, rn);
  }
  if (dict == NULL || ln < 3 || is_outlet_stem(t + ls, ln))
    return 0;
  /* "ReutersdanAl": a name and a function word end L, so the capital
   * after them starts a word */
  if (name_function_split(dict, t + ls, ln) > 0)
    return 1;
  if (r_caps)
    return 0;
  return ((ln >= 4 && known_word(dict, t + ls, ln)) ||
          kb_dict_has_name(dict, t + ls, ln)) &&
         name_like(dict, t + b, rn);
}

/* Splits one run of ASCII letters t[s..e): lower->upper boundaries first,
 * then name + function word at the end of each capitalised piece. */
static void split_run(splitter *sp, size_t s, size_t e) {
  cleaner *c = sp->c;
  const char *t = c->t;
  size_t ls = s, i;
  int boundary = 0;
  for (i = s + 1; i < e && !boundary; i++)
    boundary =
        is_lower((unsigned char)t[i - 1]) && is_upper((unsigned char)t[i]);
  if (!boundary) {
    /* the common case: one word; only "Trumpakan" can need a split */
    if (c->dict && is_upper((unsigned char)t[s]) && e - s >= 5) {
      size_t pl = function_endings(t, e)
                      ? name_function_split(c->dict, t + s, e - s)
                      : 0;
      if (pl && add_split(sp, s + pl))
        c->doc->repairs.split_function++;
      else if (pl == 0 && (pl = name_verb_split(c->dict, t + s, e - s)) &&
               add_split(sp, s + pl))
        c->doc->repairs.split_verb++;
    }
    return;
  }
  if (is_brand(t + s, e - s) ||
      (c->dict && kb_dict_has_name(c->dict, t + s, e - s)))
    return;
  for (i = s + 1; i <= e; i++) {
    size_t piece_end;
    if (i < e &&
        !(is_lower((unsigned char)t[i - 1]) && is_upper((unsigned char)t[i])))
      continue;
    /* t[ls..i) is a piece; i is a boundary or the end */
    if (i < e) {
      size_t re = i + 1;
      while (re < e && !(is_lower((unsigned char)t[re - 1]) &&
                         is_upper((unsigned char)t[re])))
        re++;
      if (!case_split(c->dict, t, ls, i, re))
        continue; /* the piece runs on */
    }
    piece_end = i;
    if (is_upper((unsigned char)t[ls])) {
      size_t pl = name_function_split(c->dict, t + ls, piece_end - ls);
      if (pl && add_split(sp, ls + pl))
        c->doc->repairs.split_function++;
      else if (pl == 0 &&
               (pl = name_verb_split(c->dict, t + ls, piece_end - ls)) &&
               add_split(sp, ls + pl))
        c->doc->repairs.split_verb++;
    }
    if (i < e && add_split(sp, i))
      c->doc->repairs.split_case++;
    ls = i;
  }
}

/* The code point of the UTF-8 sequence at t[i..e), or 0 (ASCII or
 * broken; the text is valid UTF-8, so broken means cut by e). */
static unsigned long code_point(const char *t, size_t i, size_t e) {
  unsigned c0 = (unsigned char)t[i];
  if (c0 >= 0xC0 && c0 < 0xE0 && i + 1 < e)
    return ((c0 & 0x1Fu) << 6) | ((unsigned char)t[i + 1] & 0x3Fu);
  if (c0 >= 0xE0 && c0 < 0xF0 && i + 2 < e)
    return ((c0 & 0x0Fu) << 12) | (((unsigned char)t[i + 1] & 0x3Fu) << 6) |
           ((unsigned char)t[i + 2] & 0x3Fu);
  if (c0 >= 0xF0 && i + 3 < e)
    return 0x10000; /* outside the BMP: emoji, symbols */
  return 0;
}

/* Whether a code point is a letter for the purpose of word runs: Latin-1
 * and Latin Extended letters (é, ñ, ş), and the other alphabets; not the
 * general punctuation block (curly quotes, dashes, ellipsis). */
static int is_letter_cp(unsigned long cp) {
  return (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) ||
         (cp >= 0x3040 && cp < 0xFE00);
}

/* Whether a non-ASCII letter ends just before t[i] (t[lo..i) scanned). */
static int letter_before(const char *t, size_t lo, size_t i) {
  size_t k = i;
  if (i == lo || (unsigned char)t[i - 1] < 0x80)
    return 0;
  while (k > lo && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
    k--;
  if (k == lo)
    return 0;
  return is_letter_cp(code_point(t, k - 1, i));
}

/* Whether a non-ASCII letter starts at t[i]. */
static int letter_at(const char *t, size_t i, size_t e) {
  if (i >= e || (unsigned char)t[i] < 0x80)
    return 0;
  return is_letter_cp(code_point(t, i, e));
}

/* Whether t[i..e) opens an acronym in parentheses: "(AS)", "(DPR)". */
static size_t acronym_paren(const char *t, size_t i, size_t e) {
  size_t j = i + 1;
  if (AT(t, i, e) != '(')
    return 0;
  while (j < e &&
         (is_upper((unsigned char)t[j]) || is_digit((unsigned char)t[j])))
    j++;
  if (j - i - 1 < 2 || j - i - 1 > 10 || AT(t, j, e) != ')')
    return 0;
  return j + 1 - i;
}

/* Whether the token around t[rs..re) (bounded by white space within
 * t[s..e)) holds a URL, an e-mail address or a domain: "www.x.com",
 * "nama@contoh.id", "TribunJakarta.com".  Those are left alone. */
static int in_address(const char *t, size_t s, size_t e, size_t rs, size_t re) {
  size_t a = rs, b = re, k;
  while (a > s && (unsigned char)t[a - 1] > 0x20 &&
         !space_width(t, a - 1, e, 0))
    a--;
  while (b < e && (unsigned char)t[b] > 0x20 && !space_width(t, b, e, 0))
    b++;
  for (k = a; k < b; k++) {
    if (t[k] == '@' || t[k] == '/')
      return 1;
    if (t[k] == '.' && k > a && k + 1 < b &&
        is_alpha((unsigned char)t[k - 1]) && is_alpha((unsigned char)t[k + 1]))
      return 1;
  }
  return 0;
}

/* Looks at one letter run t[rs..re) of the block t[s..e) and marks its
 * glued words: inside it (split_run), and at its edges. */
static void split_at_run(splitter *sp, size_t s, size_t e, size_t rs, size_t re,
                         int inner) {
  cleaner *c = sp->c;
  const char *t = c->t;
  const kb_dict *dict = c->dict;
  size_t ap;
  int before = rs > s ? (unsigned char)t[rs - 1] : 0,
      after = re < e ? (unsigned char)t[re] : 0;
  if (!inner && !is_digit(before) && before != ')' && after != '(' &&
      !is_digit(after)) {
    /* one capitalised word: only "Trumpakan" or "Iranmenyerang" can need
     * a split, and the checks below are dearer than the name lookup */
    if ((re - rs < 5 || !may_end_in_function_word(t, re) ||
         name_function_split(dict, t + rs, re - rs) == 0) &&
        (re - rs < 8 || name_verb_split(dict, t + rs, re - rs) == 0))
      return;
  }
  /* runs touching non-ASCII letters ("Pétain") and addresses are left
   * alone */
  if (letter_before(t, s, rs) || letter_at(t, re, e) ||
      in_address(t, s, e, rs, re))
    return;
  /* "Serikat(AS)bergabung": split after an acronym's ")" */
  if (before == ')') {
    size_t open = rs - 1;
    while (open > s && rs - open < 13 && t[open] != '(')
      open--;
    ap = acronym_paren(t, open, e);
    if (ap && open + ap == rs && add_split(sp, rs))
      c->doc->repairs.split_case++;
  }
  /* "2025Presiden": a year glued to a known capitalised word */
  if (is_digit(before) && rs >= s + 2 && is_digit((unsigned char)t[rs - 2]) &&
      dict && re - rs >= 3 && is_upper((unsigned char)t[rs]) &&
      is_lower((unsigned char)t[rs + 1]) &&
      (kb_dict_has_name(dict, t + rs, re - rs) ||
       known_word(dict, t + rs, re - rs)) &&
      add_split(sp, rs))
    c->doc->repairs.split_case++;
  if (re - rs >= 4)
    split_run(sp, rs, re);
  /* "Serikat(AS)": split before an acronym glued to a word */
  if (after == '(' && re - rs >= 2 && acronym_paren(t, re, e) &&
      add_split(sp, re))
    c->doc->repairs.split_case++;
  /* "pada2025": a function word glued to a number */
  if (is_digit(after) && re - rs >= 3 && is_lower((unsigned char)t[rs]) &&
      is_function_word(t + rs, re - rs) && add_split(sp, re))
    c->doc->repairs.split_case++;
}

/* The capitals of a window (bits as in event_window) that need no look:
 * each starts a word of fewer than five letters ("Di", "Jawa") with no
 * other capital in it and no digit or parenthesis next to it.  split_block
 * would find such a word plain (too short for "Trumpakan") and go on; a
 * third of the capitalised words are such.  Bits 0 and 59..63 are left
 * out, since their neighbours lie outside the window.
 *   letter, upper: ASCII letters, capitals; glue: digits and parentheses */
static unsigned long long short_plain_words(unsigned long long letter,
                                            unsigned long long upper,
                                            unsigned long long glue) {
  /* bit k: some bit of x lies at k + 1 .. k + 4 */
#define NEXT4(x) ((x) >> 1 | (x) >> 2 | (x) >> 3 | (x) >> 4)
  unsigned long long starts = upper & ~(letter << 1);
  unsigned long long long5 =
      letter & letter >> 1 & letter >> 2 & letter >> 3 & letter >> 4;
  unsigned long long inner_upper = upper & letter << 1;
  unsigned long long m =
      starts & ~long5 & ~NEXT4(inner_upper) & ~(glue << 1 | NEXT4(glue));
#undef NEXT4
  return m & 0x07FFFFFFFFFFFFFEull;
}

/* Fills w for the 64 bytes of the text from w->base (a multiple of 64)
 * from the text's bit maps (util/text_bits.h: bytes past the end have no
 * bits).  The events are capitals (every case boundary and every
 * "Trumpakan" has one), and digits and parentheses next to a letter. */
static void fill_window(const text_bits *b, event_window *w) {
  size_t k = w->base / 64;
  unsigned long long upper = b->upper[k], glue = b->glue[k],
                     letter = b->alnum[k] & ~glue, lower = letter & ~upper;
  /* the byte before the window: a letter, a lower-case letter */
  unsigned long long prev_letter =
      k > 0 ? (b->alnum[k - 1] & ~b->glue[k - 1]) >> 63 : 0;
  unsigned long long prev_lower =
      k > 0 ? (prev_letter & ~(b->upper[k - 1] >> 63)) : 0;
  w->letter = letter;
  w->rise = upper & (lower << 1 | prev_lower);
  /* digits and brackets: split_block passes over those with no letter on
   * either side (bit 63: the next window would know what follows) */
  w->mask = (upper | (glue & (letter << 1 | letter >> 1 | 1ull << 63 |
                              prev_letter))) &
            ~short_plain_words(letter, upper, glue);
}

/* The first i' in [i, e) where a glue event is, or e.  Calls must come
 * with i never decreasing. */
static size_t next_glue_event(const text_bits *b, size_t i, size_t e,
                              event_window *w) {
  while (i < e) {
    if (i >= w->base && i - w->base < 64) {
      unsigned long long m = w->mask >> (i - w->base);
      if (m)
        return i + lowest_bit(m) < e ? i + lowest_bit(m) : e;
      i = w->base + 64;
      continue;
    }
    w->base = i & ~(size_t)63;
    fill_window(b, w);
  }
  return e;
}

/* The end of the run of ASCII letters that goes on from t[i] (at most
 * e; t[i - 1] is a letter), and OUT: *inner, set when a capital after a
 * lower-case letter lies in t[i..end) ("seruanAmerika").  run_end reads
 * most runs off the window instead. */
static size_t letter_run_end(const char *t, size_t i, size_t e, int *inner) {
  *inner = 0;
  for (; i < e; i++) {
    int k = (unsigned char)t[i];
    if (is_lower(k))
      continue;
    if (!is_upper(k))
      break;
    *inner |= is_lower((unsigned char)t[i - 1]);
  }
  return i;
}

/* letter_run_end, read off the window's masks when the run ends inside
 * it (nearly always): no byte is looked at again. */
static size_t run_end(const char *t, size_t i, size_t e, const event_window *w,
                      int *inner) {
  if (i >= w->base && i - w->base < 64) {
    unsigned off = (unsigned)(i - w->base);
    unsigned long long stop = ~(w->letter >> off); /* ones past the window */
    if (stop != 0 && lowest_bit(stop) < 64 - off) {
      size_t len = lowest_bit(stop);
      if (len > e - i)
        len = e - i;
      *inner = ((w->rise >> off) & ((1ull << len) - 1)) != 0;
      return i + len;
    }
  }
  return letter_run_end(t, i, e, inner);
}

/* Whether byte c next to a letter run glues nothing to it: not a digit,
 * not a parenthesis. */
static int letter_class_plain(char c) {
  return !is_digit((unsigned char)c) && c != '(' && c != ')';
}

/* Marks glued words in t[s..e) (a title, caption or body block).  Every
 * glued word involves a capital, a digit or a parenthesis, so the scan
 * stops only there (next_glue_event) and then looks at the letter run
 * around it, once. */
static void split_block(splitter *sp, size_t s, size_t e) {
  const char *t = sp->c->t;
  size_t i, done = s, rs, re;
  int inner;
  for (i = s; i < e; i++) {
    int ch;
    i = next_glue_event(sp->bits, i, e, &sp->events);
    if (i >= e)
      break;
    ch = (unsigned char)t[i];
    if (is_upper(ch)) {
      rs = i;
      while (rs > s && is_alpha((unsigned char)t[rs - 1]))
        rs--;
    } else if (ch == ')') {
      if (i + 1 >= e || !is_alpha((unsigned char)t[i + 1]))
        continue;
      rs = i + 1;
    } else if (i > s && is_alpha((unsigned char)t[i - 1])) {
      rs = i - 1; /* "(" or a digit after a word */
      while (rs > s && is_alpha((unsigned char)t[rs - 1]))
        rs--;
    } else {
      /* a "(" or a digit after no letter; the digits after a digit
       * follow no letter either */
      while (is_digit(ch) && i + 1 < e && is_digit((unsigned char)t[i + 1]))
        i++;
      continue;
    }
    if (rs < done)
      continue; /* that run was seen */
    re = run_end(t, rs + 1, e, &sp->events, &inner);
    done = re;
    if (re > i + 1)
      i = re - 1;
    /* the common case, a plain word: nothing glued at either edge, and
     * too short or wrongly ended for "Trumpakan" */
    if (!inner && (rs == s || letter_class_plain(t[rs - 1])) &&
        (re == e || letter_class_plain(t[re])) &&
        (re - rs < 5 || !is_upper((unsigned char)t[rs]) ||
         (!may_end_in_function_word(t, re) && re - rs < 8)))
      continue; /* 8 letters or more may be "Iranmenyerang" */
    split_at_run(sp, s, e, rs, re, inner);
  }
}

static kb_status find_splits(cleaner *c) {
  splitter sp;
  size_t i;
  pthread_once(&end3_once, index_function_words);
  sp.c = c;
  sp.cap = 0;
  sp.st = KB_OK;
  sp.events.base = SIZE_MAX; /* no window yet */
  sp.events.mask = sp.events.letter = sp.events.rise = 0;
  sp.bits = doc_text_bits(c->doc);
  if (sp.bits == NULL)
    return KB_ENOMEM;
  for (i = 0; i < c->doc->n_blocks && sp.st == KB_OK; i++) {
    const kb_block *b = &c->doc->blocks[i];
    if (b->kind == KB_BLOCK_BODY || b->kind == KB_BLOCK_TITLE ||
        b->kind == KB_BLOCK_CAPTION)
      split_block(&sp, b->span.start, b->span.end);
  }
  return sp.st;
}

/* ---- metadata --------------------------------------------------------- */

static kb_text arena_text(kb_doc *doc, const char *s, size_t n, int lower_case,
                          kb_status *st) {
  kb_text out = {NULL, 0};
  char *p = arena_strndup(&doc->arena, s, n);
  size_t i;
  if (p == NULL) {
    *st = KB_ENOMEM;
    return out;
  }
  if (lower_case)
    for (i = 0; i < n; i++)
      p[i] = (char)lower((unsigned char)p[i]);
  out.ptr = p;
  out.len = n;
  return out;
}

static kb_text span_text(const cleaner *c, kb_span s) {
  kb_text out;
  out.ptr = c->t + s.start;
  out.len = s.end - s.start;
  return out;
}

/* Reads the meta lines again for the author and publication date: the
 * first byline with a date before the body gives the published date. */
static void collect_meta(cleaner *c) {
  size_t i;
  for (i = 0; i < c->n_lines; i++) {
    line *l = &c->lines[i];
    meta_line m;
    if (l->kind != LK_META)
      continue;
    memset(&m, 0, sizeof m);
    if (!label_line(c, l, &m) && !laporan_line(c, l, &m) &&
        !date_line(c, l, &m))
      outlet_line(c, l, 1, &m);
    if (m.author.end > m.author.start && c->author.end == 0)
      c->author = m.author;
    if (m.outlet.end > m.outlet.start && c->outlet.end == 0)
      c->outlet = m.outlet;
    if (m.has_date && !c->has_pub && i < c->first_body) {
      c->has_pub = 1;
      c->pub_date = m.when;
      c->published = m.date;
    }
  }
}

/* The latest full date printed in the title, captions, meta lines and
 * body (the seed with no publication date relays a report "Rabu, 20 Maret
 * 2024": that is the best reference it has). */
static int latest_date(const cleaner *c, clean_date *out) {
  size_t b;
  int found = 0;
  for (b = 0; b < c->doc->n_blocks; b++) {
    const kb_block *blk = &c->doc->blocks[b];
    size_t i, e = blk->span.end;
    if (blk->kind == KB_BLOCK_BOILERPLATE || blk->kind == KB_BLOCK_DUPLICATE)
      continue;
    for (i = blk->span.start; i < e; i++) {
      clean_date d;
      size_t used;
      if (!is_digit((unsigned char)c->t[i]) ||
          (i > blk->span.start && is_alnum((unsigned char)c->t[i - 1])))
        continue;
      if (clean_parse_date(c->t + i, e - i, &d, &used)) {
        if (!found || clean_date_cmp(&d, out) > 0)
          *out = d;
        found = 1;
        i += used - 1;
      } else {
        while (i + 1 < e && is_digit((unsigned char)c->t[i + 1]))
          i++;
      }
    }
  }
  return found;
}

/* Blocks inside a reader's hint (the HTML headline, captions) take the
 * hint's kind. */
static void apply_hints(cleaner *c) {
  kb_doc *doc = c->doc;
  size_t i, h = 0;
  for (i = 0; i < doc->n_blocks && doc->n_hints; i++) {
    kb_block *b = &doc->blocks[i];
    while (h < doc->n_hints && doc->hints[h].span.end <= b->span.start)
      h++;
    if (h < doc->n_hints && doc->hints[h].span.start <= b->span.start &&
        b->span.end <= doc->hints[h].span.end)
      b->kind = doc->hints[h].kind;
  }
}

/* A reader's author and publication time (HTML metadata) when the text
 * printed none. */
static void field_meta(cleaner *c) {
  kb_text f = c->doc->fields[KB_FIELD_PUBLISHED];
  clean_date d;
  size_t used;
  if (!c->has_pub && f.ptr && clean_parse_date(f.ptr, f.len, &d, &used)) {
    c->has_pub = 1;
    c->pub_date = d;
    c->published.start = c->published.end = 0;
  }
}

static kb_status fill_meta(cleaner *c, const kb_options *opts) {
  kb_doc *doc = c->doc;
  kb_meta *m = &doc->meta;
  kb_status st = KB_OK;
  kb_text field;
  char iso[17];
  clean_date d;
  size_t used;

  field = doc->fields[KB_FIELD_TITLE];
  if (field.ptr) {
    m->title = field;
  } else if (c->title != NONE) {
    const line *l = &c->lines[c->title];
    m->title_span.start = l->body;
    m->title_span.end = l->tail;
    m->title = span_text(c, m->title_span);
  }
  field = doc->fields[KB_FIELD_OUTLET];
  if (field.ptr && field.len) {
    m->outlet = arena_text(doc, field.ptr, field.len, 1, &st);
  } else if (c->outlet.end > c->outlet.start) {
    m->outlet_span = c->outlet;
    m->outlet = arena_text(doc, c->t + c->outlet.start,
                           c->outlet.end - c->outlet.start, 1, &st);
  }
  if (c->author.end > c->author.start) {
    m->author_span = c->author;
    m->author = span_text(c, c->author);
  } else if (doc->fields[KB_FIELD_AUTHOR].ptr) {
    m->author = doc->fields[KB_FIELD_AUTHOR];
  }
  if (c->city.end > c->city.start) {
    m->dateline_span = c->city;
    m->dateline = span_text(c, c->city);
  }
  m->url = doc->fields[KB_FIELD_URL];
  if (c->has_pub) {
    m->published_span = c->published;
    m->published =
        arena_text(doc, iso, clean_format_date(&c->pub_date, 1, iso), 0, &st);
  }
  /* the reference date: option, published, field, latest date, none */
  field = doc->fields[KB_FIELD_DATE];
  if (opts && opts->reference_date &&
      clean_parse_date(opts->reference_date, strlen(opts->reference_date), &d,
                       &used)) {
    m->reference_source = KB_REFDATE_OPTION;
  } else if (c->has_pub) {
    d = c->pub_date;
    m->reference_source = KB_REFDATE_PUBLISHED;
  } else if (field.ptr && clean_parse_date(field.ptr, field.len, &d, &used)) {
    m->reference_source = KB_REFDATE_FIELD;
  } else if (latest_date(c, &d)) {
    m->reference_source = KB_REFDATE_LATEST_DATE;
  } else {
    m->reference_source = KB_REFDATE_NONE;
  }
  if (m->reference_source != KB_REFDATE_NONE)
    m->reference_date =
        arena_text(doc, iso, clean_format_date(&d, 0, iso), 0, &st);
  else if (st == KB_OK)
    st = doc_warn(doc, "no reference date found");
  return st;
}

/* ---- the stage -------------------------------------------------------- */

kb_status kb_doc_clean(kb_doc *doc, const kb_dict *dict, const kb_options *opts,
                       kb_error *err) {
  cleaner c;
  kb_status st;
  size_t i;
  kb_repairs before;
  if (doc->is_cleaned)
    return KB_OK;
  before = doc->repairs;
  memset(&c, 0, sizeof c);
  c.doc = doc;
  c.dict = dict;
  c.flags = opts ? opts->flags : 0;
  c.t = doc->text;
  c.n = doc->len;
  doc->n_blocks = 0;
  doc->n_splits = 0;
  st = scan_lines(&c);
  if (st == KB_OK)
    st = classify_lines(&c);
  if (st == KB_OK) {
    find_header(&c);
    {
      /* parse_lead reset them when it failed on later lines: read the
       * lead line again */
      kb_span none = {0, 0};
      c.outlet = c.city = none;
      if (c.lead_line != NONE)
        parse_lead(&c, c.lead.start, c.n);
    }
    collect_meta(&c);
    field_meta(&c);
    st = build_blocks(&c);
    if (st == KB_OK)
      apply_hints(&c);
  }
  if (st == KB_OK)
    st = mark_duplicates(&c);
  if (st == KB_OK && !(c.flags & KB_FLAG_NO_REPAIR))
    st = find_splits(&c);
  if (st == KB_OK)
    st = fill_meta(&c, opts);
  if (st != KB_OK) {
    /* leave the doc as it was, so that a later call starts afresh */
    set_error(err, st, kb_status_str(st), NULL, 0);
    doc->n_blocks = 0;
    doc->n_splits = 0;
    doc->repairs = before;
    memset(&doc->meta, 0, sizeof doc->meta);
    return st;
  }
  for (i = 0; i < doc->n_blocks; i++) {
    if (doc->blocks[i].kind == KB_BLOCK_BOILERPLATE)
      doc->repairs.boilerplate++;
    else if (doc->blocks[i].kind == KB_BLOCK_CAPTION)
      doc->repairs.captions++;
  }
  doc->is_cleaned = 1;
  return KB_OK;
}
