/*
 * segment_words.c -- the segment stage's word lists and word hints: the
 * abbreviations, clitic exceptions and sentence starters compiled into the
 * library, and the clitic and reduplication flags of a word.
 *
 * Input: the embedded copies of data/abbreviations.txt,
 * data/clitic_exceptions.txt and data/sentence_starters.txt (formats in
 * their headers and docs/SEGMENT.md); single words from src/segment.c.
 * Output: lookups (SEGMENT_* bits) and KB_TOKF_REDUP / KB_TOKF_CLITIC_*
 * flags.  Part of the segment stage (docs/DESIGN.md), between clean and
 * morph; the morph stage does the real analysis, these flags are hints.
 *
 * References: Pedoman Umum Ejaan Bahasa Indonesia (PUEBI, 2016) on
 * particles (-lah, -kah, -tah, -pun), clitics (ku-, kau-, -ku, -mu, -nya)
 * and reduplication (bentuk ulang); Sneddon et al., "Indonesian: A
 * Comprehensive Grammar" (2nd ed., 2010), sections on reduplication.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "kabar_int.h"
#include "segment.h"
#include "util/hash.h"

static unsigned char lower_ascii(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* ------------------------------------------------------------------------
 * Word lists (data/abbreviations.txt, clitic_exceptions.txt,
 * sentence_starters.txt), compiled into the library
 *
 * kb_doc_segment takes no kb_dict, so the lists come from the embedded
 * copies of the data files.  They are parsed once (pthread_once) into a
 * static open-addressing table whose strings point into the embedded
 * bytes: no allocation, so no failure to report, and lookups only read.
 * ---------------------------------------------------------------------- */

#define WORD_SLOTS 2048u /* power of two; at most half is ever filled */
#define WORD_MAX 31u     /* longest entry kept */

typedef struct word_slot {
  const char *str; /* NULL when empty */
  uint32_t hash;
  uint16_t len;
  uint16_t bits;
} word_slot;

static word_slot word_table[WORD_SLOTS];
static size_t n_words;
/* A filter in front of the table: bit (last byte & 31) of
 * word_filter[length][first byte & 31] is set for every word loaded
 * (lower case).  Most words asked about ("pemerintah." at a sentence end)
 * fail it and are never hashed. */
static uint32_t word_filter[WORD_MAX + 1][32];
/* The longest clitic exception ending in -nya, and in -lah/-kah/-pun:
 * longer words need no lookup ("pemerintahannya"). */
static size_t max_not_nya, max_not_particle;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void add_word(const char *s, size_t n, unsigned bits) {
  uint32_t h;
  size_t i;
  if (n == 0 || n > WORD_MAX)
    return;
  h = hash_bytes(s, n);
  for (i = h & (WORD_SLOTS - 1);; i = (i + 1) & (WORD_SLOTS - 1)) {
    word_slot *w = &word_table[i];
    if (w->str == NULL)
      break;
    if (w->hash == h && w->len == n && memcmp(w->str, s, n) == 0) {
      w->bits = (uint16_t)(w->bits | bits);
      return;
    }
  }
  if (n_words >= WORD_SLOTS / 2)
    return; /* full: tests/unit/test_segment.c keeps this from happening */
  if ((bits & SEGMENT_NOT_CLITIC) && n >= 3) {
    const char *e = s + n - 3;
    if (memcmp(e, "nya", 3) == 0 && n > max_not_nya)
      max_not_nya = n;
    if ((memcmp(e, "lah", 3) == 0 || memcmp(e, "kah", 3) == 0 ||
         memcmp(e, "pun", 3) == 0) &&
        n > max_not_particle)
      max_not_particle = n;
  }
  word_filter[n][(unsigned char)s[0] & 31] |= (uint32_t)1
                                              << ((unsigned char)s[n - 1] & 31);
  word_table[i].str = s;
  word_table[i].hash = h;
  word_table[i].len = (uint16_t)n;
  word_table[i].bits = (uint16_t)bits;
  n_words++;
}

/* Adds every entry line of the embedded data file `name`: one word per
 * line, '#' comments, an optional second field "end" after a tab. */
static void load_list(const char *name, unsigned bits) {
  size_t i, pos = 0, len = 0;
  const char *text = NULL;
  for (i = 0; i < kb_n_embedded_files; i++)
    if (strcmp(kb_embedded_files[i].name, name) == 0) {
      text = (const char *)kb_embedded_files[i].data;
      len = kb_embedded_files[i].len;
    }
  while (text && pos < len) {
    const char *s = text + pos, *nl = memchr(s, '\n', len - pos), *tab;
    size_t n = nl ? (size_t)(nl - s) : len - pos;
    unsigned b = bits;
    pos += n + (nl != NULL);
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
      n--;
    if (n == 0 || s[0] == '#')
      continue;
    tab = memchr(s, '\t', n);
    if (tab) {
      if ((size_t)(s + n - tab) == 4 && memcmp(tab + 1, "end", 3) == 0)
        b |= SEGMENT_ABBREV_END;
      n = (size_t)(tab - s);
    }
    add_word(s, n, b);
  }
}

static void load_words(void) {
  load_list("abbreviations.txt", SEGMENT_ABBREV);
  load_list("clitic_exceptions.txt", SEGMENT_NOT_CLITIC);
  load_list("sentence_starters.txt", SEGMENT_STARTER);
}

/* Whether the lower-case word s[0..n) (0 < n <= WORD_MAX) may be loaded. */
static int may_be_listed(unsigned char first, unsigned char last, size_t n) {
  return (word_filter[n][first & 31] >> (last & 31)) & 1u;
}

/* Bits of the lower-case word s[0..n). */
static unsigned lookup_lower(const char *s, size_t n) {
  uint32_t h;
  size_t i;
  if (n == 0 || n > WORD_MAX ||
      !may_be_listed((unsigned char)s[0], (unsigned char)s[n - 1], n))
    return 0;
  h = hash_bytes(s, n);
  for (i = h & (WORD_SLOTS - 1);; i = (i + 1) & (WORD_SLOTS - 1)) {
    const word_slot *w = &word_table[i];
    if (w->str == NULL)
      return 0;
    if (w->hash == h && w->len == n && memcmp(w->str, s, n) == 0)
      return w->bits;
  }
}

/* Bits of s[0..n) in any ASCII case.  The table must be loaded. */
unsigned segment_lookup(const unsigned char *s, size_t n) {
  char tmp[WORD_MAX];
  size_t i;
  if (n == 0 || n > WORD_MAX ||
      !may_be_listed(lower_ascii(s[0]), lower_ascii(s[n - 1]), n))
    return 0;
  for (i = 0; i < n; i++)
    tmp[i] = (char)lower_ascii(s[i]);
  return lookup_lower(tmp, n);
}

void segment_load_words(void) { pthread_once(&words_once, load_words); }

unsigned segment_word_bits(const char *word, size_t len) {
  pthread_once(&words_once, load_words);
  return segment_lookup((const unsigned char *)word, len);
}

size_t segment_word_count(void) {
  pthread_once(&words_once, load_words);
  return n_words;
}

size_t segment_word_capacity(void) { return WORD_SLOTS / 2; }

/* ------------------------------------------------------------------------
 * Clitic and reduplication hints
 * ---------------------------------------------------------------------- */

/* Whether s[0..n) (lower case) ends with the 3 bytes of `suf`. */
static int ends3(const char *s, size_t n, const char *suf) {
  return n >= 3 && memcmp(s + n - 3, suf, 3) == 0;
}

/* What may follow a ku- exception stem and still be the same word:
 * "kurang" + "nya"/"i"/"kan" ... ("kurangnya" is not ku- + "rangnya"). */
static const char *const stem_tails[] = {
    "",       "nya",    "i",     "an",   "kan", "annya", "kannya",
    "inya",   "lah",    "kah",   "pun",  "mu",  "ku",    "ilah",
    "kanlah", "nyalah", "anlah", "anmu", "anku"};

/* Whether w[0..n) (lower case, starting with ku- or kau-) is a word of its
 * own in clitic_exceptions.txt: a listed stem plus one of stem_tails.
 * One lookup per tail the word ends with. */
static int ku_exception(const char *w, size_t n) {
  size_t i;
  for (i = 0; i < sizeof stem_tails / sizeof *stem_tails; i++) {
    size_t tl = strlen(stem_tails[i]);
    if (n >= tl + 3 && memcmp(w + n - tl, stem_tails[i], tl) == 0 &&
        (lookup_lower(w, n - tl) & SEGMENT_NOT_CLITIC))
      return 1;
  }
  return 0;
}

/* Clitic hints for the last part of a word, w[0..n) in lower case
 * (docs/SEGMENT.md, "Clitics"):
 *   -lah/-kah/-pun  with three letters or more before it ("bukanlah",
 *                   "apakah", "diapun"), not -llah ("Abdullah"), not
 *                   listed ("sekolah", "langkah", "meskipun");
 *   -tah            only after a question word ("apatah", "siapatah"):
 *                   "pemerintah", "perintah" are roots;
 *   -nya            with three letters or more before it ("terpilihnya";
 *                   "hanya", "punya" are words), also after a particle
 *                   was taken off ("dirinyalah"). */
static unsigned suffix_hints(const char *w, size_t n) {
  static const char *const question_words[] = {
      "apa", "mana", "siapa", "bila", "bagaimana", "mengapa", "kenapa"};
  static const unsigned char question_lens[] = {3, 4, 5, 4, 9, 7, 6};
  unsigned f = 0;
  size_t i;
  int particle = ends3(w, n, "lah") || ends3(w, n, "kah") || ends3(w, n, "pun");
  if (particle && n >= 6 && memcmp(w + n - 4, "llah", 4) != 0 &&
      (n > max_not_particle || !(lookup_lower(w, n) & SEGMENT_NOT_CLITIC))) {
    f |= KB_TOKF_CLITIC_LAH;
    n -= 3;
  } else if (ends3(w, n, "tah")) {
    for (i = 0; i < sizeof question_words / sizeof *question_words; i++)
      if (question_lens[i] == n - 3 && memcmp(question_words[i], w, n - 3) == 0)
        return KB_TOKF_CLITIC_LAH;
    return 0;
  }
  if (ends3(w, n, "nya") && n >= 6 &&
      (n > max_not_nya || !(lookup_lower(w, n) & SEGMENT_NOT_CLITIC)))
    f |= KB_TOKF_CLITIC_NYA;
  return f;
}

/* An affix with its length (no strlen in the loops below). */
typedef struct affix {
  const char *s;
  size_t n;
} affix;
#define AFFIX(x)                                                               \
  { x, sizeof(x) - 1 }

/* Prefixes and suffixes that reduplication may put around its base. */
static const affix redup_prefixes[] = {
    AFFIX(""),       AFFIX("se"),   AFFIX("ke"),    AFFIX("ber"),  AFFIX("be"),
    AFFIX("ter"),    AFFIX("te"),   AFFIX("di"),    AFFIX("me"),   AFFIX("mem"),
    AFFIX("men"),    AFFIX("meng"), AFFIX("menge"), AFFIX("meny"), AFFIX("pe"),
    AFFIX("pem"),    AFFIX("pen"),  AFFIX("peng"),  AFFIX("peny"), AFFIX("per"),
    AFFIX("memper"), AFFIX("diper")};
static const affix redup_suffixes[] = {
    AFFIX(""),    AFFIX("an"),    AFFIX("kan"),    AFFIX("i"),
    AFFIX("nya"), AFFIX("annya"), AFFIX("kannya"), AFFIX("inya"),
    AFFIX("lah"), AFFIX("mu"),    AFFIX("ku")};

static int is_redup_suffix(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < sizeof redup_suffixes / sizeof *redup_suffixes; i++)
    if (redup_suffixes[i].n == n && memcmp(redup_suffixes[i].s, s, n) == 0)
      return 1;
  return 0;
}

/* Whether the prefix p is a nasal one (meN-, peN-), which drops the first
 * consonant p t k s of the base: "tembak" -> "menembak". */
static int nasal_prefix(const char *p) {
  return p[0] == 'm' ||
         (p[0] == 'p' && p[1] == 'e' && (p[2] == 'm' || p[2] == 'n'));
}

/* Whether L-R (lower case) is a reduplication: the two halves share a base
 * B of at least three letters (two when the halves are equal), each half
 * being prefix + B + suffix, where the right half's B may have lost its
 * first consonant after a nasal prefix (docs/SEGMENT.md, "Reduplication"):
 *   negara-negara, kupu-kupu    L = R
 *   berputar-putar, seolah-olah ber+B / B
 *   besar-besaran, anak-anaknya B / B+suffix
 *   sebesar-besarnya            se+B / B+nya
 *   tembak-menembak             B / men+B less its "t"
 *   bantu-membantu              B / mem+B
 * Sound-changing pairs (sayur-mayur, bolak-balik) are not: their halves
 * share no base. */
static int is_redup(const char *l, size_t ln, const char *r, size_t rn) {
  size_t i, j, n_prefixes = sizeof redup_prefixes / sizeof *redup_prefixes;
  if (ln >= 2 && ln == rn && memcmp(l, r, ln) == 0)
    return 1;
  for (i = 0; i < n_prefixes; i++) {
    size_t pl = redup_prefixes[i].n;
    const char *b;
    size_t bn;
    /* (the first letter rejects most prefixes without a call to memcmp) */
    if (pl >= ln || (pl != 0 && l[0] != redup_prefixes[i].s[0]) ||
        memcmp(l, redup_prefixes[i].s, pl) != 0)
      continue;
    b = l + pl;
    bn = ln - pl;
    if (bn < 3)
      continue;
    /* one side carries the base bare: with a prefix on the left, the
     * right has none (redup_prefixes[0] is "") */
    for (j = 0; j < (pl != 0 ? 1 : n_prefixes); j++) {
      size_t ql = redup_prefixes[j].n;
      const char *rest = r + ql;
      size_t rest_n;
      if (ql >= rn || (ql != 0 && r[0] != redup_prefixes[j].s[0]) ||
          memcmp(r, redup_prefixes[j].s, ql) != 0)
        continue;
      rest_n = rn - ql;
      if (rest_n >= bn && memcmp(rest, b, bn) == 0 &&
          is_redup_suffix(rest + bn, rest_n - bn))
        return 1;
      if (ql != 0 && nasal_prefix(redup_prefixes[j].s) &&
          (b[0] == 'p' || b[0] == 't' || b[0] == 'k' || b[0] == 's') &&
          rest_n >= bn - 1 && memcmp(rest, b + 1, bn - 1) == 0 &&
          is_redup_suffix(rest + bn - 1, rest_n - (bn - 1)))
        return 1;
    }
  }
  return 0;
}

/* The clitic hints of the lower-case word w[0..n) whose last part starts
 * at `last` and whose first part ends at `first_end` (n: no hyphen). */
static unsigned clitic_hints(const char *w, size_t n, size_t last,
                             size_t first_end, int is_lower_start) {
  unsigned f = 0;
  if ((w[n - 1] == 'a' || w[n - 1] == 'h' || w[n - 1] == 'n') && n - last >= 4)
    f |= suffix_hints(w + last, n - last);
  /* ku-/kau- only on lower-case words: "Kuwait", "Kurdi", "Kuala" are
   * names */
  if (is_lower_start && w[0] == 'k' && w[1] == 'u' && first_end >= 6 &&
      !ku_exception(w, first_end))
    f |= KB_TOKF_CLITIC_KU;
  else if (is_lower_start && w[0] == 'k' && w[1] == 'a' && w[2] == 'u' &&
           first_end >= 7 && !ku_exception(w, first_end))
    f |= KB_TOKF_CLITIC_KU;
  return f;
}

/* Clitic and reduplication hints of the word t[p..end): KB_TOKF_REDUP,
 * KB_TOKF_CLITIC_NYA, _LAH, _KU.  Words longer than 64 bytes get none. */
unsigned segment_word_hints(const unsigned char *t, size_t p, size_t end,
                            int has_hyphen, int is_lower_start) {
  char w[64];
  size_t n = end - p, i, last = 0, first_end = n;
  unsigned f = 0;
  if (n > sizeof w || n < 4)
    return 0;
  for (i = 0; i < n; i++) {
    w[i] = (char)lower_ascii(t[p + i]);
    if (w[i] == '-') {
      if (first_end == n)
        first_end = i;
      last = i + 1;
    }
  }
  if (has_hyphen) {
    /* each adjacent pair of parts, until one is a reduplication */
    size_t a = 0;
    while (a < n) {
      size_t b = a, c;
      while (b < n && w[b] != '-')
        b++;
      if (b >= n)
        break;
      c = b + 1;
      while (c < n && w[c] != '-')
        c++;
      if (is_redup(w + a, b - a, w + b + 1, c - b - 1)) {
        if (!(lookup_lower(w, n) & SEGMENT_NOT_CLITIC) &&
            !(lookup_lower(w + a, c - a) & SEGMENT_NOT_CLITIC))
          f |= KB_TOKF_REDUP;
        break;
      }
      a = b + 1;
    }
  }
  return f | clitic_hints(w, n, last, first_end, is_lower_start);
}

unsigned segment_word_hints_alnum(const unsigned char *t, size_t p,
                                  size_t end, int is_lower_start) {
  char w[64];
  size_t n = end - p, i = 0;
  if (n > sizeof w || n < 4)
    return 0;
  /* OR-ing 0x20 lowers a letter and keeps a digit (0x30..0x39) as it is */
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, t + p + i, 8);
    x |= 0x2020202020202020ull;
    memcpy(w + i, &x, 8);
  }
  for (; i < n; i++)
    w[i] = (char)(t[p + i] | 0x20);
  return clitic_hints(w, n, 0, n, is_lower_start);
}
