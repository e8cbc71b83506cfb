/*
 * segment.c -- the segment stage: splits the title, caption and body
 * blocks of a cleaned document into sentences and tokens, each with the
 * byte span [start, end) of its evidence in the document text.
 *
 * Input: kb_doc after kb_doc_clean (doc->blocks, doc->splits).
 * Output: doc->tokens and doc->sentences (kb_token, kb_sentence in
 * kabar.h), all in the document's arena.  Third box of the pipeline
 * (docs/DESIGN.md), after clean and before morph.
 *
 * How it works, per block:
 *   1. one pass over the bytes makes the tokens: an ASCII byte is
 *      classified by a 256-entry table, a non-ASCII code point by utf8proc
 *      (its general category); the scanner recognises URLs, e-mail
 *      addresses, numbers, abbreviations, hyphenated and reduplicated
 *      words, and marks clitics.  Four tokens in five are plain words,
 *      numbers, commas and full stops separated by one space: those are
 *      made by simple_tokens, a loop that skips every test the others
 *      need, and whose words' ends come from a bit map of the text's
 *      ASCII letters and digits, made once per document with the
 *      cleaner's maps (doc_text_bits);
 *   2. one pass over the block's tokens decides where sentences end
 *      (full stops, ?/! runs, ellipses, closing quotes and brackets);
 *   3. after all blocks, the sentences whose white space is not already
 *      one ASCII space per gap get their normalised text written; the
 *      others point at their own bytes.
 * Word lists and the clitic/reduplication hints are in segment_words.c.
 * Rules, token kinds and flags are documented with examples in
 * docs/SEGMENT.md; tests/spec/segment.txt holds the readable cases.
 *
 * References: Unicode Standard Annex #29 (text segmentation), for what a
 * word character is; Kiss & Strunk (2006), "Unsupervised multilingual
 * sentence boundary detection", for the abbreviation/initial/ordinal
 * distinctions; Pedoman Umum Ejaan Bahasa Indonesia (PUEBI, 2016) for
 * clitics (-lah, -kah, -tah, -pun, -nya, ku-, kau-) and reduplication;
 * the Sastrawi sentence-detector and tokenizer scenarios, which
 * tools/eval_segment.c checks.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "kabar_int.h"
#include "segment.h"
#include "util/alloc.h"
#include "util/utf8.h"

/* ------------------------------------------------------------------------
 * Character kinds
 * ---------------------------------------------------------------------- */

/* Kind bits of one character.  A "word character" (K_WORD) is a letter, a
 * digit or a mark: "é", "ü", Arabic and CJK letters all belong to words. */
#define K_SPACE 0x0001u  /* white space, control characters, U+FEFF */
#define K_UPPER 0x0002u  /* upper- or title-case letter */
#define K_LOWER 0x0004u  /* lower-case letter */
#define K_LETTER 0x0008u /* letter without case (Arabic, CJK), Nl/No */
#define K_MARK 0x0010u   /* combining mark, ZWJ/ZWNJ, soft hyphen */
#define K_DIGIT 0x0020u  /* ASCII digit (other digits count as letters) */
#define K_OPEN 0x0040u   /* opening bracket or quote: ( [ { “ ‘ « „ */
#define K_CLOSE 0x0080u  /* closing bracket or quote: ) ] } ” ’ » */
#define K_QUOTE 0x0100u  /* any quotation mark */
#define K_TERM 0x0200u   /* may end a sentence: . ? ! … 。 */
#define K_DASH 0x0400u   /* - – — and other dashes */
#define K_SYMBOL 0x0800u /* $ & + = emoji ... */
#define K_PUNCT 0x1000u  /* other punctuation */
#define K_XW 0x10000u    /* may continue an ASCII word: . - @ _ + / ' : */
#define K_XN 0x20000u    /* may continue an ASCII number: . , : / - % @ _ + */
#define K_WORD (K_UPPER | K_LOWER | K_LETTER | K_MARK | K_DIGIT)
#define K_ALPHA (K_UPPER | K_LOWER | K_LETTER)

/* The kind of each ASCII byte.  Control characters are white space: they
 * are invisible in news text and never part of a token. */
#define S_ K_SPACE
#define U_ K_UPPER
#define L_ K_LOWER
#define D_ K_DIGIT
#define P_ K_PUNCT
#define Y_ K_SYMBOL
#define O_ (K_PUNCT | K_OPEN)
#define C_ (K_PUNCT | K_CLOSE)
#define Q_ (K_PUNCT | K_QUOTE)
#define T_ (K_PUNCT | K_TERM)
#define XW K_XW
#define XN K_XN
static const uint32_t ascii_kind[128] = {
    /* 0x00 */ S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    /* 0x10 */ S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_,
    /*  !"#$%&'()*+,-./ */
    S_, T_, Q_, Y_, Y_, Y_ | XN, Y_, Q_ | XW, O_, C_, Y_, Y_ | XW | XN, P_ | XN,
    K_PUNCT | K_DASH | XW | XN, T_ | XW | XN, P_ | XW | XN,
    /* 0123456789:;<=>? */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_ | XW | XN, P_, Y_, Y_, Y_, T_,
    /* @ABCDEFGHIJKLMNO */
    Y_ | XW | XN, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    /* PQRSTUVWXYZ[\]^_ */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, O_, Y_, C_, Y_, Y_ | XW | XN,
    /* `abcdefghijklmno */
    Y_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    /* pqrstuvwxyz{|}~ DEL */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, O_, Y_, C_, Y_, S_};
#undef S_
#undef U_
#undef L_
#undef D_
#undef P_
#undef Y_
#undef O_
#undef C_
#undef Q_
#undef T_
#undef XW
#undef XN

/* The kind of a non-ASCII code point.  Exceptions to the general category
 * come first: NBSP and the other spaces, the zero-width space and U+FEFF
 * are white space; the ellipsis and CJK full stops end sentences. */
static unsigned cp_kind(uint32_t cp) {
  switch (cp) {
  case 0x00A0: /* no-break space */
  case 0x1680:
  case 0x180E:
  case 0x200B: /* zero-width space */
  case 0x2028: /* line separator */
  case 0x2029: /* paragraph separator */
  case 0x202F:
  case 0x205F:
  case 0x2060:
  case 0x3000:
  case 0xFEFF: /* byte-order mark, zero-width no-break space */
    return K_SPACE;
  case 0x2026: /* … */
  case 0x3002: /* 。 */
  case 0xFF01: /* ！ */
  case 0xFF0E: /* ． */
  case 0xFF1F: /* ？ */
  case 0x203C: /* ‼ */
  case 0x2047: /* ⁇ */
  case 0x2048: /* ⁈ */
  case 0x2049: /* ⁉ */
    return K_PUNCT | K_TERM;
  case 0x201E: /* „ low opening quote */
  case 0x201A: /* ‚ */
    return K_PUNCT | K_QUOTE | K_OPEN;
  default:
    break;
  }
  switch (utf8proc_category((utf8proc_int32_t)cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return K_UPPER;
  case UTF8PROC_CATEGORY_LL:
    return K_LOWER;
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return K_LETTER;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF:
    return K_MARK;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
    return K_SPACE;
  case UTF8PROC_CATEGORY_PD:
    return K_PUNCT | K_DASH;
  case UTF8PROC_CATEGORY_PS:
    return K_PUNCT | K_OPEN;
  case UTF8PROC_CATEGORY_PE:
    return K_PUNCT | K_CLOSE;
  case UTF8PROC_CATEGORY_PI:
    return K_PUNCT | K_QUOTE | K_OPEN;
  case UTF8PROC_CATEGORY_PF:
    return K_PUNCT | K_QUOTE | K_CLOSE;
  case UTF8PROC_CATEGORY_PC:
  case UTF8PROC_CATEGORY_PO:
    return K_PUNCT;
  default: /* symbols, private use, unassigned, U+FFFD */
    return K_SYMBOL;
  }
}

/* The kind of the character at t[p] (p < lim) and its length in *len.
 * The text is valid UTF-8 (the doc repaired it); a broken byte is taken as
 * a one-byte symbol all the same. */
static unsigned kind_at(const unsigned char *t, size_t p, size_t lim,
                        size_t *len) {
  uint32_t cp;
  size_t n;
  if (t[p] < 0x80) {
    *len = 1;
    return ascii_kind[t[p]];
  }
  n = utf8_decode(t + p, lim - p, &cp);
  if (n == 0) {
    *len = 1;
    return K_SYMBOL;
  }
  *len = n;
  return cp_kind(cp);
}

/* The code point at t[p] (0 when invalid), for the few places that test
 * one character exactly. */
static uint32_t cp_at(const unsigned char *t, size_t p, size_t lim) {
  uint32_t cp;
  if (t[p] < 0x80)
    return t[p];
  return utf8_decode(t + p, lim - p, &cp) ? cp : 0;
}

static int is_ascii_alnum(unsigned char c) {
  return c < 0x80 && (ascii_kind[c] & (K_UPPER | K_LOWER | K_DIGIT));
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static unsigned char lower_ascii(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* ------------------------------------------------------------------------
 * Token scanning
 * ---------------------------------------------------------------------- */

/* Token flags used only inside this file, above the public KB_TOKF_ bits;
 * they are cleared before kb_doc_segment returns. */
#define TF_TERM 0x000100u     /* . ? ! … and runs of them */
#define TF_DOT 0x000200u      /* exactly one full stop */
#define TF_ELLIPSIS 0x000400u /* "..", "...", "…" */
#define TF_OPEN 0x000800u     /* opening bracket or curly quote */
#define TF_CLOSE 0x001000u    /* closing bracket or curly quote */
#define TF_STRAIGHT 0x002000u /* " or ': direction from the context */
#define TF_CONT 0x004000u     /* , ; : ) ] } %: never starts a sentence */
#define TF_ABBR_END 0x008000u /* abbreviation that may end a sentence */
#define TF_INITIAL 0x010000u  /* single letter + full stop: "B." */
#define TF_LOWER 0x020000u    /* starts with a lower-case letter */
#define TF_DQUOTE 0x040000u   /* the straight double quote */
#define TF_ABBR 0x100000u     /* listed abbreviation of the other kind */
#define TF_INTERNAL 0xFFFF00u

/* One scanned token, before it is stored. */
typedef struct scanned {
  size_t end;
  kb_token_kind kind;
  unsigned flags;
} scanned;

/* Set in a run's kind accumulator when it holds a non-ASCII character. */
#define K_NONASCII 0x8000u

/* Scans word characters from q and returns the run's end; *acc collects
 * the OR of their kinds (plus K_NONASCII), which is all the later rules
 * need to know: digits only, any lower case, any letter. */
static size_t scan_run(const unsigned char *t, size_t q, size_t lim,
                       unsigned *acc) {
  unsigned a = *acc;
  while (q < lim) {
    unsigned char c = t[q];
    if (c < 0x80) {
      unsigned k = ascii_kind[c];
      if (!(k & K_WORD))
        break;
      a |= k;
      q++;
    } else {
      size_t len;
      unsigned k = kind_at(t, q, lim, &len);
      if (!(k & K_WORD))
        break;
      a |= k | K_NONASCII;
      q += len;
    }
  }
  *acc = a;
  return q;
}

/* The end of the run of ASCII letters and digits from p (< lim).  `n` is
 * the length of the whole text: bytes up to n may be read past lim (the
 * run is cut at lim afterwards).  On little-endian GCC/Clang targets eight
 * bytes are classified at once (SWAR: each range test sets the high bit
 * of the bytes inside it), which saves the mispredicted loop exit of a
 * byte-by-byte scan on every word.  (run_end finds most runs in the
 * text's alnum bits first.)  What the run holds (digits only, any lower
 * case) is asked separately, by run_kinds, and only when needed. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
/* High bit set in each byte of w that is an ASCII letter or digit.  The
 * high bits are cleared first so that no sum carries into the next byte;
 * OR-ing 0x20 folds 'A'..'Z' onto 'a'..'z' (and nothing else onto them). */
static uint64_t alnum_bytes(uint64_t w) {
  uint64_t x = w & ~HIGHS, y = x | ONES * 0x20u;
  uint64_t letter = (y + ONES * (0x80u - 'a')) & ~(y + ONES * (0x7Fu - 'z'));
  uint64_t digit = (x + ONES * (0x80u - '0')) & ~(x + ONES * (0x7Fu - '9'));
  return (letter | digit) & ~w & HIGHS;
}
static size_t ascii_run(const unsigned char *t, size_t p, size_t lim,
                        size_t n) {
  size_t q = p;
  while (n - q >= 8) {
    uint64_t w, stop;
    memcpy(&w, t + q, 8);
    stop = alnum_bytes(w) ^ HIGHS;
    if (stop) {
      q += (size_t)__builtin_ctzll(stop) >> 3;
      return q < lim ? q : lim;
    }
    q += 8;
    if (q >= lim)
      return lim;
  }
  while (q < lim && t[q] < 0x80 &&
         (ascii_kind[t[q]] & (K_UPPER | K_LOWER | K_DIGIT)))
    q++;
  return q;
}
#undef ONES
#undef HIGHS
#else
static size_t ascii_run(const unsigned char *t, size_t p, size_t lim,
                        size_t n) {
  size_t q = p;
  (void)n;
  while (q < lim && t[q] < 0x80 &&
         (ascii_kind[t[q]] & (K_UPPER | K_LOWER | K_DIGIT)))
    q++;
  return q;
}
#endif

/* The OR of the kinds of the ASCII bytes t[p..q): K_UPPER, K_LOWER and
 * K_DIGIT for a run from ascii_run. */
static unsigned run_kinds(const unsigned char *t, size_t p, size_t q) {
  unsigned a = 0;
  for (; p < q; p++)
    a |= ascii_kind[t[p]];
  return a;
}

/* Whether the character at q (< lim) is a word character. */
static int word_at(const unsigned char *t, size_t q, size_t lim) {
  size_t len;
  if (q >= lim)
    return 0;
  if (t[q] < 0x80)
    return (ascii_kind[t[q]] & K_WORD) != 0;
  return (kind_at(t, q, lim, &len) & K_WORD) != 0;
}

/* Whether the character at q (< lim) is an upper-case letter. */
static int upper_at(const unsigned char *t, size_t q, size_t lim) {
  size_t len;
  if (q >= lim)
    return 0;
  return (kind_at(t, q, lim, &len) & K_UPPER) != 0;
}

/* Whether the character at q (< lim) is a letter. */
static int letter_at(const unsigned char *t, size_t q, size_t lim) {
  size_t len;
  if (q >= lim)
    return 0;
  return (kind_at(t, q, lim, &len) & K_ALPHA) != 0;
}

/* Characters a URL may hold after its scheme or host (RFC 3986, less the
 * ones that news text uses around URLs: quotes, angle brackets). */
static int url_char(unsigned char c) {
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' &&
         c != '\\' && c != '^' && c != '`' && c != '{' && c != '|' && c != '}';
}

/* Extends a URL over url_char bytes from q and trims what is more likely
 * the sentence's punctuation: "lihat https://x.id/a." ends before ".", and
 * "(https://x.id/a)" before ")" unless the URL opened it. */
static size_t url_tail(const unsigned char *t, size_t start, size_t q,
                       size_t lim) {
  while (q < lim && url_char(t[q]))
    q++;
  while (q > start) {
    unsigned char c = t[q - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
        c == '\'' || c == '"' || c == '*') {
      q--;
      continue;
    }
    if (c == ')' || c == ']') {
      size_t i;
      long depth = 0;
      unsigned char open = c == ')' ? '(' : '[';
      for (i = start; i < q; i++)
        depth += (t[i] == open) - (t[i] == c);
      if (depth < 0) {
        q--;
        continue;
      }
    }
    break;
  }
  return q;
}

/* Length of a scheme or "www." at p that starts a URL ("https://",
 * "HTTP://", "www."), or 0. */
static size_t url_scheme(const unsigned char *t, size_t p, size_t lim) {
  static const char *const schemes[] = {"https://", "http://", "ftp://",
                                        "www."};
  size_t i, j;
  for (i = 0; i < sizeof schemes / sizeof *schemes; i++) {
    size_t n = strlen(schemes[i]);
    if (p + n >= lim)
      continue;
    for (j = 0; j < n; j++)
      if (lower_ascii(t[p + j]) != (unsigned char)schemes[i][j])
        break;
    if (j == n && is_ascii_alnum(t[p + n]))
      return n;
  }
  return 0;
}

/* Top-level domains that make "x.tld" a host name without a scheme:
 * "detik.com", "sastrawi.github.io", "KOMPAS.com", "kemlu.go.id".  Kept
 * short on purpose: "pertama.Ini" (two glued sentences) must not become a
 * host, so a TLD must be all lower or all upper case and come from here. */
static int is_tld(const unsigned char *s, size_t n) {
  static const char *const tlds[] = {
      "com",  "id",  "org",  "net",   "io",    "co",   "info", "biz",
      "gov",  "edu", "mil",  "int",   "tv",    "news", "xyz",  "app",
      "dev",  "ly",  "uk",   "au",    "sg",    "my",   "jp",   "cn",
      "ru",   "de",  "fr",   "nl",    "kr",    "tw",   "hk",   "ph",
      "th",   "vn",  "ca",   "eu",    "ae",    "sa",   "qa",   "online",
      "site", "web", "asia", "today", "media", "live"};
  char low[8];
  size_t i, n_up = 0;
  if (n < 2 || n > sizeof low)
    return 0;
  for (i = 0; i < n; i++) {
    if (!(ascii_kind[s[i] & 0x7F] & (K_UPPER | K_LOWER)) || s[i] >= 0x80)
      return 0;
    n_up += s[i] <= 'Z';
    low[i] = (char)lower_ascii(s[i]);
  }
  /* all lower or all upper case; capitalised only for the commonest,
   * none of which starts an Indonesian sentence ("Tempo.Co, Jakarta") */
  if (n_up != 0 && n_up != n &&
      !(n_up == 1 && s[0] <= 'Z' &&
        ((n == 2 && (memcmp(low, "co", 2) == 0 || memcmp(low, "id", 2) == 0)) ||
         (n == 3 && (memcmp(low, "com", 3) == 0 || memcmp(low, "net", 3) == 0 ||
                     memcmp(low, "org", 3) == 0)))))
    return 0;
  for (i = 0; i < sizeof tlds / sizeof *tlds; i++)
    if (strlen(tlds[i]) == n && memcmp(tlds[i], low, n) == 0)
      return 1;
  return 0;
}

/* Matches a host name at p: labels of ASCII letters, digits and inner
 * hyphens joined by single dots, at least two, the last one a TLD, with
 * an optional port and path ("github.com/sentence-detector").  Returns
 * its end, or 0. */
static size_t match_host(const unsigned char *t, size_t p, size_t lim) {
  size_t q = p, last = p, n_labels = 0;
  for (;;) {
    size_t label = q;
    while (q < lim && (is_ascii_alnum(t[q]) || (t[q] == '-' && q > label)))
      q++;
    while (q > label && t[q - 1] == '-') /* "SRIPOKU.COM-" */
      q--;
    if (q == label)
      return 0;
    n_labels++;
    last = label;
    if (q + 1 < lim && t[q] == '.' && is_ascii_alnum(t[q + 1])) {
      q++;
      continue;
    }
    break;
  }
  if (n_labels < 2 || !is_tld(t + last, q - last))
    return 0;
  if (q + 1 < lim && t[q] == ':' && is_digit(t[q + 1])) {
    q++;
    while (q < lim && is_digit(t[q]))
      q++;
  }
  if (q < lim && t[q] == '/')
    q = url_tail(t, p, q, lim);
  return q;
}

/* Matches an e-mail address at p ("andy.librian@gmail.com",
 * "humas@kemlu.go.id"): a local part of ASCII letters, digits and . _ % +
 * -, an @, and a domain of at least two labels whose last label has two
 * letters or more.  Returns its end, or 0. */
static size_t match_email(const unsigned char *t, size_t p, size_t lim) {
  size_t q = p, at, last = 0, n_labels = 0, i;
  while (q < lim && (is_ascii_alnum(t[q]) || t[q] == '.' || t[q] == '_' ||
                     t[q] == '%' || t[q] == '+' || t[q] == '-'))
    q++;
  if (q == p || q >= lim || t[q] != '@' || t[q - 1] == '.')
    return 0;
  at = q++;
  for (;;) {
    size_t label = q;
    while (q < lim && (is_ascii_alnum(t[q]) || (t[q] == '-' && q > label)))
      q++;
    if (q == label)
      break;
    n_labels++;
    last = label;
    if (q + 1 < lim && t[q] == '.' && is_ascii_alnum(t[q + 1])) {
      q++;
      continue;
    }
    break;
  }
  if (n_labels < 2 || q - last < 2)
    return 0;
  for (i = last; i < q; i++)
    if (!(ascii_kind[t[i]] & (K_UPPER | K_LOWER)))
      return 0;
  (void)at;
  return q;
}

/* Set in match_dotted's result when every part is one letter. */
#define DOTTED_INITIALS ((size_t)1 << (sizeof(size_t) * 8 - 1))

/* Matches a dotted abbreviation at p: letters, a dot, letters, a dot ...
 * ending in a dot that is not followed by a word character.  Accepted when
 * every part is one letter ("a.n.", "S.H.", "J.K.", "a.m.v.b."), when the
 * whole is listed ("s.sos", "m.si", "ph.d"), or when it has the shape of
 * an academic degree: a first part of one or two letters starting with a
 * capital and capitalised parts of at most four letters ("S.Kom.",
 * "M.Kes.").  Returns its end (after the last dot), or 0. */
static size_t match_dotted(const unsigned char *t, size_t p, size_t lim) {
  size_t q = p, n_parts = 0, longest = 0, first_len = 0;
  int all_capitalised = 1;
  for (;;) {
    size_t part = q;
    while (q < lim && t[q] < 0x80 && (ascii_kind[t[q]] & (K_UPPER | K_LOWER)))
      q++;
    if (q == part || q - part > 4 || q >= lim || t[q] != '.')
      return 0;
    if (!(ascii_kind[t[part]] & K_UPPER))
      all_capitalised = 0;
    if (n_parts == 0)
      first_len = q - part;
    if (q - part > longest)
      longest = q - part;
    n_parts++;
    q++; /* the dot */
    if (q < lim && t[q] < 0x80 && (ascii_kind[t[q]] & (K_UPPER | K_LOWER)))
      continue;
    break;
  }
  if (n_parts < 2 || word_at(t, q, lim))
    return 0;
  if (longest == 1)
    return q | DOTTED_INITIALS;
  if (segment_lookup(t + p, q - 1 - p) & SEGMENT_ABBREV)
    return q;
  if (all_capitalised && first_len <= 2)
    return q;
  return 0;
}

/* Scans a number from q, the end of its first run of digits: groups joined
 * by . , : / - between digits ("1.234.567,89", "9/6/2025", "19:45",
 * "2025-2026"), then an optional "-an" style suffix ("1990-an") and "%". */
static size_t scan_number(const unsigned char *t, size_t q, size_t lim) {
  while (q + 1 < lim && is_digit(t[q + 1]) &&
         (t[q] == '.' || t[q] == ',' || t[q] == ':' || t[q] == '/' ||
          t[q] == '-')) {
    q += 2;
    while (q < lim && is_digit(t[q]))
      q++;
  }
  if (q + 1 < lim && t[q] == '-' && letter_at(t, q + 1, lim)) {
    unsigned acc = 0;
    q = scan_run(t, q + 1, lim, &acc);
  }
  if (q < lim && t[q] == '%')
    q++;
  return q;
}

/* Whether t[p..q) is one capital letter or a Roman numeral of up to four
 * letters ("II", "IV"). */
static int is_roman_or_letter(const unsigned char *t, size_t p, size_t q) {
  size_t i;
  if (q - p == 1)
    return t[p] >= 'A' && t[p] <= 'Z';
  if (q - p > 4)
    return 0;
  for (i = p; i < q; i++)
    if (t[i] != 'I' && t[i] != 'V' && t[i] != 'X')
      return 0;
  return 1;
}

/* Whether the character at q is a hyphen that joins two word parts:
 * ASCII "-", U+2010 or U+2011, with a word character after it.  Sets *len
 * to the hyphen's length. */
static int inner_hyphen(const unsigned char *t, size_t q, size_t lim,
                        size_t *len) {
  if (q >= lim)
    return 0;
  if (t[q] == '-') {
    *len = 1;
  } else if (t[q] == 0xE2 && q + 2 < lim && t[q + 1] == 0x80 &&
             (t[q + 2] == 0x90 || t[q + 2] == 0x91)) {
    *len = 3;
  } else {
    return 0;
  }
  return word_at(t, q + *len, lim);
}

/* Whether the character at q is an apostrophe inside a word: ' or ’
 * between two letters ("Jum'at", "Qur’an", "Ma'ruf").  Sets *len. */
static int inner_apostrophe(const unsigned char *t, size_t q, size_t lim,
                            size_t *len) {
  if (q >= lim)
    return 0;
  if (t[q] == '\'')
    *len = 1;
  else if (t[q] == 0xE2 && q + 2 < lim && t[q + 1] == 0x80 && t[q + 2] == 0x99)
    *len = 3;
  else
    return 0;
  return letter_at(t, q + *len, lim);
}

/* Case flags of the word-like token t[p..end) whose characters' kinds
 * are `acc`: KB_TOKF_CAPITAL, KB_TOKF_ALLCAPS (two letters or more, all
 * upper case: "PBB", "COVID-19"), TF_LOWER. */
static unsigned case_flags(const unsigned char *t, size_t p, size_t end,
                           unsigned acc) {
  size_t len;
  unsigned k = t[p] < 0x80 ? ascii_kind[t[p]] : kind_at(t, p, end, &len);
  unsigned f = 0;
  if (k & K_UPPER)
    f |= KB_TOKF_CAPITAL;
  else if (k & K_LOWER)
    f |= TF_LOWER;
  if ((acc & K_UPPER) && !(acc & (K_LOWER | K_LETTER))) {
    size_t q, n_upper = 0;
    for (q = p; q < end && n_upper < 2; q += len)
      n_upper += (kind_at(t, q, end, &len) & K_UPPER) != 0;
    if (n_upper >= 2)
      f |= KB_TOKF_ALLCAPS;
  }
  return f;
}

/* A cheap test on the raw bytes before word_hints: a hyphen, an ending
 * -nya -lah -kah -tah -pun (any case), or a lower-case ku- start.  Most
 * words fail it and are never copied. */
/* Bit (c & 31) of hint_end2[b & 31]: a word ending in bytes b c may end
 * in -nya (ya), -lah -kah -tah (ah) or -pun (un), in any case.  Other
 * bytes may share the five low bits: the test below decides. */
static const uint32_t hint_end2[32] = {['y' & 31] = 1u << ('a' & 31),
                                       ['a' & 31] = 1u << ('h' & 31),
                                       ['u' & 31] = 1u << ('n' & 31)};

static inline int may_have_hints(const unsigned char *t, size_t p, size_t q,
                                 int has_hyphen) {
  uint32_t end3;
  if (has_hyphen)
    return 1;
  if (q - p < 6) /* "telah", "salah", "punya": too short for a clitic */
    return 0;
  if (!(hint_end2[t[q - 2] & 31] >> (t[q - 1] & 31) & 1u) && t[p] != 'k')
    return 0; /* most words */
  end3 = ((uint32_t)t[q - 3] << 16 | (uint32_t)t[q - 2] << 8 |
          (uint32_t)t[q - 1]) |
         0x202020u;
  return end3 == 0x6E7961u /* nya */ || end3 == 0x6C6168u /* lah */ ||
         end3 == 0x6B6168u /* kah */ || end3 == 0x70756Eu /* pun */ ||
         /* -tah only after a question word, all of which end in -a:
          * "apatah", not "pemerintah", "mentah" */
         (end3 == 0x746168u /* tah */ && (t[q - 4] | 0x20) == 'a') ||
         (t[p] == 'k' &&
          (t[p + 1] == 'u' || (t[p + 1] == 'a' && t[p + 2] == 'u')));
}

/* may_have_hints' first test, for a word t[p..q) of ASCII letters, as
 * one branch that is seldom taken (about one word in eight ends in -ya,
 * -ah or -un or starts with k), where `q - p >= 6 && ...` first takes the
 * length, a branch no history can predict.  The word's last two bytes
 * (t[0] twice for a one-letter word at the text's start) are read
 * whatever the length. */
static inline int hint_pretest(const unsigned char *t, size_t p, size_t q) {
  size_t before_last = q - 2 + (q == 1);
  return (int)(((hint_end2[t[before_last] & 31] >> (t[q - 1] & 31)) |
                (t[p] == 'k')) &
               1u) &&
         q - p >= 6;
}

/* ------------------------------------------------------------------------
 * The token scanner
 * ---------------------------------------------------------------------- */

/* Scans a token that starts with a word character at p.  In order:
 *   URL with a scheme or "www."     https://x.id/a, www.detik.com
 *   e-mail address                  humas@kemlu.go.id
 *   "Rp" before a number            Rp11,8 -> Rp | 11,8 (as UD does)
 *   host name with a known TLD      detik.com, Liputan6.com/berita
 *   number                          10.000, 2,5, 87%, 9/6/2025, 1990-an
 *   dotted abbreviation             a.n., S.H., Ph.D., S.Sos.
 *   word with inner hyphens and apostrophes: negara-negara, ke-3, Jum'at
 *   word + full stop, if listed     Dr., dll., Jl. -> KB_TOK_ABBREV
 *   single letter + full stop       B. (an initial) -> KB_TOK_ABBREV */
static scanned scan_word(const unsigned char *t, size_t p, size_t lim) {
  scanned s;
  unsigned acc = 0;
  size_t q, e, len;
  int has_hyphen = 0, has_apostrophe = 0;
  unsigned char c;

  s.flags = 0;
  if (((t[p] | 0x20) == 'h' || (t[p] | 0x20) == 'f' || (t[p] | 0x20) == 'w') &&
      p + 4 < lim && ((t[p + 1] | 0x20) == 't' || (t[p + 1] | 0x20) == 'w')) {
    size_t n = url_scheme(t, p, lim);
    if (n) {
      s.end = url_tail(t, p, p + n, lim);
      s.kind = KB_TOK_URL;
      s.flags = (t[p] & 0x20) ? TF_LOWER : KB_TOKF_CAPITAL;
      return s;
    }
  }
  q = scan_run(t, p, lim, &acc);
  c = q < lim ? t[q] : 0;

  if (!(acc & K_NONASCII) &&
      (c == '@' || c == '_' || c == '+' || c == '-' ||
       (c == '.' && q + 1 < lim && is_ascii_alnum(t[q + 1])))) {
    e = match_email(t, p, lim);
    if (e) {
      s.end = e;
      s.kind = KB_TOK_EMAIL;
      s.flags = case_flags(t, p, e, 0);
      return s;
    }
  }
  /* "Rp" is the rupiah sign: a symbol, split from its number */
  if ((t[p] | 0x20) == 'r' && q - p >= 2 && (t[p + 1] | 0x20) == 'p' &&
      (q - p == 2 ? c != '.' : is_digit(t[p + 2]))) {
    s.end = p + 2;
    s.kind = KB_TOK_SYMBOL;
    s.flags = (t[p] & 0x20) ? TF_LOWER : KB_TOKF_CAPITAL;
    return s;
  }
  if (c == '.' && !(acc & K_NONASCII) && q + 1 < lim &&
      is_ascii_alnum(t[q + 1])) {
    e = match_host(t, p, lim);
    if (e) {
      s.end = e;
      s.kind = KB_TOK_URL;
      s.flags = case_flags(t, p, e, 0);
      return s;
    }
  }
  if (acc == K_DIGIT) { /* digits only: a number */
    s.end = scan_number(t, q, lim);
    s.kind = KB_TOK_NUMBER;
    return s;
  }
  if (c == '.' && acc != 0 && !(acc & (K_DIGIT | K_NONASCII)) && q - p <= 4 &&
      q + 1 < lim && is_ascii_alnum(t[q + 1])) {
    e = match_dotted(t, p, lim);
    if (e) {
      s.end = e & ~DOTTED_INITIALS;
      s.kind = KB_TOK_ABBREV;
      s.flags = case_flags(t, p, s.end, acc);
      if (e & DOTTED_INITIALS) /* "a.n.", "J.K.": treated like "B." */
        s.flags |= TF_INITIAL;
      else /* a degree closes the sentence before a capital: "..., Sp.KK.
            * Menurutnya" */
        s.flags |= TF_ABBR_END;
      return s;
    }
  }
  /* a Roman numeral or a capital before a slash: "semester II/2007",
   * "C/O", "peringkat C/D" (but "MPR/DPR", "km/jam" are three tokens) */
  if (c == '/' && q + 1 < lim && is_roman_or_letter(t, p, q) &&
      (is_digit(t[q + 1]) || (t[q + 1] >= 'A' && t[q + 1] <= 'Z'))) {
    q = scan_run(t, q + 1, lim, &acc);
  }
  /* inner hyphens and apostrophes: "negara-negara", "Jum'at" */
  for (;;) {
    if (inner_hyphen(t, q, lim, &len)) {
      has_hyphen = 1;
      q = scan_run(t, q + len, lim, &acc);
    } else if (inner_apostrophe(t, q, lim, &len) &&
               (t[q - 1] >= 0x80 ||
                (ascii_kind[t[q - 1]] & (K_UPPER | K_LOWER)))) {
      has_apostrophe = 1;
      q = scan_run(t, q + len, lim, &acc);
    } else {
      break;
    }
  }
  c = q < lim ? t[q] : 0;
  if (has_hyphen && c == '.' && !(acc & K_NONASCII) && q + 1 < lim &&
      is_ascii_alnum(t[q + 1])) { /* "news-x.com" */
    e = match_host(t, p, lim);
    if (e) {
      s.end = e;
      s.kind = KB_TOK_URL;
      s.flags = case_flags(t, p, e, 0);
      return s;
    }
  }
  s.end = q;
  s.kind = (acc & (K_ALPHA | K_DIGIT)) ? KB_TOK_WORD : KB_TOK_SYMBOL;
  s.flags = case_flags(t, p, q, acc);
  if (c == '.' && !has_hyphen && !has_apostrophe &&
      !(q + 1 < lim && t[q + 1] == '.')) {
    /* glued to what follows: "Jl.Sudirman", "Rp.5.000", "A.Yani" */
    int followed = word_at(t, q + 1, lim);
    int glue_ok = followed && (upper_at(t, q + 1, lim) || is_digit(t[q + 1]));
    if (q - p == 1 && (acc & (K_UPPER | K_LOWER)) && (!followed || glue_ok)) {
      s.end = q + 1;
      s.kind = KB_TOK_ABBREV;
      s.flags |= TF_INITIAL;
      return s;
    }
    if (!(acc & (K_DIGIT | K_NONASCII))) {
      unsigned bits = segment_lookup(t + p, q - p);
      /* "KEL." or "TEL." in capitals is more likely an acronym ending a
       * sentence than "Kel." (kelurahan); only the "end" kind ("LTD.",
       * "DLL.") and short ones ("KH.", "DR.", "JL.") keep the rule */
      if (q - p >= 3 && !(acc & K_LOWER) && !(bits & SEGMENT_ABBREV_END))
        bits = 0;
      if ((bits & SEGMENT_ABBREV) && (!followed || glue_ok)) {
        s.end = q + 1;
        s.kind = KB_TOK_ABBREV;
        s.flags |= (bits & SEGMENT_ABBREV_END) ? TF_ABBR_END : TF_ABBR;
        return s;
      }
    }
  }
  if (q - p >= 4 && !(acc & K_NONASCII) && (acc & K_LOWER) &&
      may_have_hints(t, p, q, has_hyphen))
    s.flags |=
        segment_word_hints(t, p, q, has_hyphen, (s.flags & TF_LOWER) != 0);
  return s;
}

/* Scans a token that starts with punctuation or a symbol at p; `k` is the
 * first character's kind and `len` its length. */
static scanned scan_other(const unsigned char *t, size_t p, size_t lim,
                          unsigned k, size_t len) {
  scanned s;
  unsigned char c = t[p];
  size_t q = p + len;
  s.kind = KB_TOK_PUNCT;
  s.flags = 0;
  if (c == '.') { /* "." or an ellipsis ".." "..." */
    while (q < lim && t[q] == '.')
      q++;
    s.flags = TF_TERM | (q - p == 1 ? TF_DOT : TF_ELLIPSIS);
  } else if (c == '?' || c == '!') { /* "?", "!!!", "?!" */
    while (q < lim && (t[q] == '?' || t[q] == '!'))
      q++;
    s.flags = TF_TERM;
  } else if (c == '-' || c == '`') { /* "-", "--", "``" */
    while (q < lim && t[q] == c)
      q++;
  } else if ((c == '#' || c == '@') && word_at(t, q, lim)) {
    /* hashtag "#Pemilu2024", handle "@kemlu_ri" (kind word) */
    unsigned acc = 0;
    for (;;) {
      q = scan_run(t, q, lim, &acc);
      if (q + 1 < lim && (t[q] == '_' || (c == '@' && t[q] == '.')) &&
          word_at(t, q + 1, lim))
        q++;
      else if (q < lim && t[q] == '_')
        q++;
      else
        break;
    }
    s.kind = KB_TOK_WORD;
  } else if (c == '"') {
    s.flags = TF_STRAIGHT | TF_DQUOTE;
  } else if (c == '\'') {
    s.flags = TF_STRAIGHT;
  } else if (c < 0x80) {
    if (k & K_SYMBOL)
      s.kind = KB_TOK_SYMBOL;
    if (k & K_OPEN)
      s.flags = TF_OPEN;
    if (k & K_CLOSE)
      s.flags = TF_CLOSE | TF_CONT;
    if (c == ',' || c == ';' || c == ':' || c == '%')
      s.flags = TF_CONT;
  } else if (k & K_TERM) { /* "…", "……", "。", "？" */
    uint32_t cp = cp_at(t, p, lim);
    size_t l2;
    while (q < lim && cp_at(t, q, lim) == cp) {
      kind_at(t, q, lim, &l2);
      q += l2;
    }
    s.flags = TF_TERM | (cp == 0x2026 ? TF_ELLIPSIS : 0);
  } else if (k & K_SYMBOL) {
    /* a symbol with its modifiers: emoji + variation selector, skin tone,
     * ZWJ sequences, flag pairs */
    uint32_t cp = cp_at(t, p, lim), prev = cp;
    s.kind = KB_TOK_SYMBOL;
    while (q < lim) {
      size_t l2;
      uint32_t next = cp_at(t, q, lim);
      unsigned k2 = kind_at(t, q, lim, &l2);
      if ((k2 & K_MARK) || (next >= 0x1F3FB && next <= 0x1F3FF) ||
          (prev == 0x200D && (k2 & K_SYMBOL)) ||
          (cp >= 0x1F1E6 && cp <= 0x1F1FF && q == p + len && next >= 0x1F1E6 &&
           next <= 0x1F1FF)) {
        q += l2;
        prev = next;
      } else {
        break;
      }
    }
  } else if (k & K_QUOTE) {
    s.flags = (k & K_OPEN) ? TF_OPEN : TF_CLOSE;
  } else if (k & K_OPEN) {
    s.flags = TF_OPEN;
  } else if (k & K_CLOSE) {
    s.flags = TF_CLOSE | TF_CONT;
  }
  s.end = q;
  return s;
}

/* ------------------------------------------------------------------------
 * The stage
 * ---------------------------------------------------------------------- */


typedef struct seg {
  kb_doc *doc;
  const unsigned char *t;
  size_t cap_tokens, cap_sentences;
  /* All flags of each token, the internal TF_ bits with the public ones
   * (the public kb_token.flags gets only the low byte); parallel to
   * doc->tokens, with the same capacity. */
  uint32_t *flags;
  size_t cap_flags;
  size_t split_i;      /* next doc->splits entry to consider */
  size_t next_split;   /* doc->splits[split_i], or SIZE_MAX */
  /* The ASCII letters and digits of the whole text, one bit per byte
   * (bit k of alnum[i]: t[64 * i + k]), and a zero word past the end
   * (doc_text_bits, util/text_bits.h):
   * with it a word's end is a few bit operations away (run_end), where
   * ascii_run would first have to wait for the word's bytes. */
  const uint64_t *alnum;
  /* The first and the last token of the current block that have
   * TF_IRREGULAR (first > last: none), so that split_block looks for the
   * flag only in sentences that may hold one. */
  size_t first_irregular, last_irregular;
} seg;

/* Set on a token when the white space before it is not one ASCII space
 * (or when it starts at a split): its sentence's text needs writing. */
#define TF_IRREGULAR 0x080000u

/* Makes room for one more token in doc->tokens and s->flags (doubling).
 * Returns 0, or -1 when out of memory (the arrays are unchanged). */
static int grow_tokens(seg *s, size_t n) {
  void *p = s->doc->tokens, *q = s->flags;
  size_t cap = s->cap_tokens, cap_flags = s->cap_flags;
  if (arena_grow(&s->doc->arena, &p, &cap, n + 1, sizeof(kb_token)) != 0)
    return -1;
  s->doc->tokens = p;
  s->cap_tokens = cap;
  if (arena_grow(&s->doc->arena, &q, &cap_flags, cap, sizeof(uint32_t)) != 0)
    return -1;
  s->flags = q;
  s->cap_flags = cap_flags;
  if (s->cap_flags < s->cap_tokens)
    s->cap_tokens = s->cap_flags;
  return 0;
}

/* Moves s->split_i past the splits before p and says whether one is at p;
 * then past the splits inside a character (ignored: the cleaner splits
 * between ASCII letters, so there are none), and caches the next one in
 * s->next_split (SIZE_MAX when none is left).  Called only when p has
 * reached s->next_split, so that a token far from any split costs one
 * comparison. */
static int reach_split(seg *s, size_t p) {
  const size_t *splits = s->doc->splits;
  size_t n_splits = s->doc->n_splits, i = s->split_i;
  int at_p = 0;
  while (i < n_splits && splits[i] < p)
    i++;
  if (i < n_splits && splits[i] == p) {
    at_p = 1;
    i++;
  }
  while (i < n_splits && (s->t[splits[i]] & 0xC0) == 0x80)
    i++;
  s->split_i = i;
  s->next_split = i < n_splits ? splits[i] : SIZE_MAX;
  return at_p;
}

/* Whether the non-ASCII character at q (< lim), right after an ASCII run,
 * may continue it in scan_word: a word character ("caf|é"), or a hyphen
 * U+2010/U+2011 or an apostrophe U+2019 that may join two parts.  Other
 * characters (curly quotes, dashes, NBSP) end the run as a space would. */
static int continues_run(const unsigned char *t, size_t q, size_t lim) {
  size_t len;
  if (t[q] == 0xE2 && q + 2 < lim && t[q + 1] == 0x80 &&
      (t[q + 2] == 0x90 || t[q + 2] == 0x91 || t[q + 2] == 0x99))
    return 1;
  return (kind_at(t, q, lim, &len) & K_WORD) != 0;
}

/* Whether the full stop at q ends the ASCII run t[p..q) as white space
 * would, so that scan_word would make the same token: nothing that can
 * continue a word, a number or an ellipsis follows it ("pemerintah. ",
 * "2025.\n"), the run is no initial ("B.") and no listed abbreviation
 * ("Dr.", "dll.").  When the list has the run, scan_word decides. */
static int dot_ends_run(const unsigned char *t, size_t p, size_t q, size_t lim,
                        unsigned acc) {
  if (q + 1 < lim &&
      (t[q + 1] >= 0x80 || (ascii_kind[t[q + 1]] & K_WORD) || t[q + 1] == '.'))
    return 0;
  if (acc == K_DIGIT)
    return 1; /* "2025." */
  return q - p >= 2 && !(segment_lookup(t + p, q - p) & SEGMENT_ABBREV);
}

/* The token made of the ASCII run t[p..q) of letters and digits (q <= lim;
 * k is the kind of t[p]) when what follows cannot continue it: white
 * space, or punctuation other than a hyphen, @, slash or apostrophe, or a
 * full stop that ends no abbreviation.  Its end, kind and flags go to
 * *out; returns 0 when scan_word has to decide (and for "Rp"). */
static int word_token(const unsigned char *t, size_t p, size_t q, size_t lim,
                      unsigned k, scanned *out) {
  unsigned acc, kd, f;
  int is_word;
  if (k & K_LOWER) {
    /* the commonest token, a lower-case word: the general case below with
     * all its tests decided (no number, no capitals) */
    if ((q < lim && (t[q] < 0x80 ? (ascii_kind[t[q]] & K_XW) &&
                                       !(t[q] == '.' &&
                                         dot_ends_run(t, p, q, lim, K_LOWER))
                                 : continues_run(t, q, lim))) ||
        (t[p] == 'r' && q - p >= 2 && (t[p + 1] | 0x20) == 'p'))
      return 0;
    f = TF_LOWER;
    if (q - p >= 6 && may_have_hints(t, p, q, 0))
      f |= segment_word_hints_alnum(t, p, q, 1);
    out->end = q;
    out->kind = KB_TOK_WORD;
    out->flags = f;
    return 1;
  }
  /* A capital or a digit at the start: what the run holds matters, but a
   * capitalised word ("Presiden"), as most are, is neither a number nor
   * in capitals. */
  is_word = (k & K_UPPER) && q - p >= 2 && (ascii_kind[t[p + 1]] & K_LOWER);
  acc = is_word ? K_UPPER | K_LOWER : run_kinds(t, p, q);
  if (q >= lim) /* a split or the block's end stops it */
    kd = K_SPACE;
  else if (t[q] < 0x80)
    kd = ascii_kind[t[q]];
  else
    kd = continues_run(t, q, lim) ? K_XW | K_XN : 0;
  if (((kd & (acc == K_DIGIT ? K_XN : K_XW)) &&
       !(t[q] == '.' && dot_ends_run(t, p, q, lim, acc))) ||
      ((t[p] | 0x20) == 'r' && q - p >= 2 && (t[p + 1] | 0x20) == 'p'))
    return 0;
  f = (k & K_UPPER) ? KB_TOKF_CAPITAL : 0;
  if (is_word) {
    if (hint_pretest(t, p, q) && may_have_hints(t, p, q, 0))
      f |= segment_word_hints_alnum(t, p, q, 0);
  } else if ((acc & K_UPPER) && !(acc & K_LOWER) && q - p >= 2) {
    f |= case_flags(t, p, q, acc) & KB_TOKF_ALLCAPS;
  } else if (q - p >= 4 && (acc & K_LOWER) && may_have_hints(t, p, q, 0)) {
    f |= segment_word_hints_alnum(t, p, q, 0);
  }
  out->end = q;
  out->kind = acc == K_DIGIT ? KB_TOK_NUMBER : KB_TOK_WORD;
  out->flags = f;
  return 1;
}

/* Stores token [p, q) at tk, with all its flags f at *fl. */
static void store_token(const unsigned char *t, size_t p, size_t q,
                        kb_token_kind kind, uint32_t f, kb_token *tk,
                        uint32_t *fl) {
  tk->span.start = p;
  tk->span.end = q;
  tk->text.ptr = (const char *)t + p;
  tk->text.len = q - p;
  tk->kind = kind;
  tk->flags = f & ~TF_INTERNAL;
  *fl = f;
}

/* The end of the run of ASCII letters and digits from p (an ASCII letter
 * or digit), at most lim, read off the text's alnum bits (see seg): on
 * little-endian GCC/Clang targets the eight bytes of bits around p are
 * one load, shifted so that bit 0 is p's; with 57 bits or more known,
 * the run's end is their first zero; a run of 57 bytes or more goes to
 * ascii_run. */
static inline size_t run_end(const unsigned char *t, size_t p, size_t lim,
                             size_t n, const uint64_t *alnum) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t x;
  size_t len;
  memcpy(&x, (const unsigned char *)alnum + (p >> 3), 8);
  len = (size_t)__builtin_ctzll(~(x >> (p & 7)) | 1ull << 57);
  if (len < 57) {
    size_t q = p + len;
    return q < lim ? q : lim;
  }
#else
  (void)alnum;
#endif
  return ascii_run(t, p, lim, n);
}

/* Makes common tokens from p on, at most `room`, into tk and fl, while
 * each one follows the last directly or after one space, and starts
 * before lim (the block's end or the next split): such tokens need none
 * of the checks tokenize_block makes between tokens, so this loop, which
 * makes four tokens in five, runs without them.  A common token is a run
 * of ASCII letters and digits that word_token accepts, or a lone ',' or
 * '.'.  The first token gets the flags `extra`.  Returns the number of
 * tokens made and OUT: *last, the end of the last one.  The loop's state
 * lives in locals (stores to the tokens could alias it), and the
 * commonest token, a lower-case word before a space, is
 * decided before word_token is asked. */
static size_t simple_tokens(const unsigned char *t, size_t p, size_t lim,
                            size_t n, unsigned extra, kb_token *tk,
                            uint32_t *fl, size_t room, const uint64_t *alnum,
                            size_t *last) {
  size_t made = 0, done = p;
  scanned sc;
  while (made < room) {
    unsigned char c = t[p];
    unsigned k;
    if (c >= 0x80)
      break;
    k = ascii_kind[c];
    if (k & (K_UPPER | K_LOWER | K_DIGIT)) {
      size_t q = run_end(t, p, lim, n, alnum);
      if ((k & K_LOWER) && q < lim && t[q] == ' ' && c != 'r') {
        /* word_token's lower-case case, with nothing to continue it */
        sc.end = q;
        sc.kind = KB_TOK_WORD;
        sc.flags = TF_LOWER;
        if (hint_pretest(t, p, q) && may_have_hints(t, p, q, 0))
          sc.flags |= segment_word_hints_alnum(t, p, q, 1);
      } else if (!word_token(t, p, q, lim, k, &sc)) {
        break;
      }
    } else if ((c == ',') |
               ((c == '.') & ((p + 1 >= lim) | (t[p + 1] != '.')))) {
      /* one branch, not up to four (t[p + 1] may be read: the text ends
       * in a NUL) */
      sc.end = p + 1; /* the commonest punctuation */
      sc.kind = KB_TOK_PUNCT;
      sc.flags = c == ',' ? TF_CONT : TF_TERM | TF_DOT;
    } else {
      break;
    }
    store_token(t, p, sc.end, sc.kind, sc.flags, tk + made, fl + made);
    made++;
    done = p = sc.end;
    if (p < lim && t[p] == ' ')
      p++;
    if (p >= lim)
      break;
  }
  if (made) {
    *last = done;
    /* the first token's extra flags, set here to keep them out of the
     * loop */
    tk->flags |= extra & ~TF_INTERNAL;
    fl[0] |= extra;
  }
  return made;
}

/* Makes the tokens of the block text[start..end).  Returns 0 or -1 (out of
 * memory).  Between tokens: white space (and whether it is one ASCII
 * space), splits, room in the arrays; then the common tokens go to
 * simple_tokens and the others to scan_word or scan_other. */
static int tokenize_block(seg *s, size_t start, size_t end) {
  const unsigned char *t = s->t;
  size_t text_len = s->doc->len, p = start, prev_end = start;
  size_t next_split = s->next_split;
  size_t n = s->doc->n_tokens;
  s->first_irregular = 1;
  s->last_irregular = 0;
  while (p < end) {
    unsigned char c = t[p];
    unsigned k;
    size_t len = 1, lim = end, q = p, made;
    unsigned extra = 0;
    scanned sc;
    if (c < 0x80) {
      k = ascii_kind[c];
      if (k & K_SPACE) {
        p++;
        continue;
      }
    } else {
      size_t char_len;
      k = kind_at(t, p, end, &char_len);
      len = char_len;
      if (k & K_SPACE) {
        p += len;
        continue;
      }
    }
    if (p != prev_end && (p != prev_end + 1 || t[prev_end] != ' '))
      extra = TF_IRREGULAR; /* "a  b", "a\nb", NBSP */
    /* a split offset makes a token boundary: "di|Iran" */
    if (p >= next_split) {
      if (reach_split(s, p) && p > start)
        extra = KB_TOKF_SPLIT | TF_IRREGULAR;
      next_split = s->next_split;
    }
    if (extra) {
      if (s->first_irregular > s->last_irregular)
        s->first_irregular = n;
      s->last_irregular = n;
    }
    if (next_split < end)
      lim = next_split;
    if (n == s->cap_tokens && grow_tokens(s, n) != 0)
      return -1;
    made = simple_tokens(t, p, lim, text_len, extra, s->doc->tokens + n,
                         s->flags + n, s->cap_tokens - n, s->alnum, &q);
    if (made == 0) {
      sc = (k & K_WORD) ? scan_word(t, p, lim) : scan_other(t, p, lim, k, len);
      q = sc.end;
      if (q <= p || q > lim)
        q = p + len; /* cannot happen; keeps the loop finite */
      store_token(t, p, q, sc.kind, sc.flags | extra, s->doc->tokens + n,
                  s->flags + n);
      made = 1;
    }
    n += made;
    prev_end = p = q;
    /* the commonest gap, one space, is stepped over at once */
    if (p < end && t[p] == ' ')
      p++;
  }
  s->doc->n_tokens = n;
  return 0;
}

/* Adds the sentence of tokens [first, end_tok) of block `block`.  When
 * none of its tokens but the first has TF_IRREGULAR, its normalised text
 * is its own bytes and points into the document text; otherwise
 * write_texts fills it in later (text.ptr NULL until then). */
static int push_one(seg *s, size_t first, size_t end_tok,
                    kb_block_kind part, size_t block, int irregular) {
  kb_doc *doc = s->doc;
  kb_sentence *st;
  if (doc->n_sentences == s->cap_sentences &&
      arena_grow(&doc->arena, (void **)&doc->sentences, &s->cap_sentences,
                 doc->n_sentences + 1, sizeof *doc->sentences) != 0)
    return -1;
  st = &doc->sentences[doc->n_sentences++];
  st->span.start = doc->tokens[first].span.start;
  st->span.end = doc->tokens[end_tok - 1].span.end;
  st->text.ptr = irregular ? NULL : doc->text + st->span.start;
  st->text.len = irregular ? 0 : st->span.end - st->span.start;
  st->part = part;
  st->block = block;
  st->first_token = first;
  st->n_tokens = end_tok - first;
  doc->tokens[first].flags |= KB_TOKF_SENT_START;
  return 0;
}

/* push_one, splitting a sentence of more than KB_MAX_SENTENCE_TOKENS
 * tokens (a table or a list run together, never prose) into pieces of
 * that many, with a warning: later stages then never see more. */
static int push_sentence(seg *s, size_t first, size_t end_tok,
                         kb_block_kind part, size_t block, int irregular) {
  if (end_tok - first > KB_MAX_SENTENCE_TOKENS) {
    char msg[128];
    snprintf(msg, sizeof msg,
             "a sentence of %zu tokens split into pieces of at most %u "
             "(the limit)",
             end_tok - first, KB_MAX_SENTENCE_TOKENS);
    if (doc_warn(s->doc, msg) != KB_OK)
      return -1;
    while (end_tok - first > KB_MAX_SENTENCE_TOKENS) {
      if (push_one(s, first, first + KB_MAX_SENTENCE_TOKENS, part, block,
                   irregular) != 0)
        return -1;
      first += KB_MAX_SENTENCE_TOKENS;
    }
  }
  return push_one(s, first, end_tok, part, block, irregular);
}

/* Whether token j (a straight quote) closes a quotation.  Closing quotes
 * lean on the word before them, opening ones on the word after:
 * `menolak." Lalu` closes, `katanya. "Kami` opens.  When both sides agree
 * (spaces on both, or on neither) the count of double quotes so far in
 * the block decides: an odd count means a quotation is open. */
static int straight_closes(const kb_token *tk, const uint32_t *fl, size_t j,
                           size_t end_tok, size_t n_dquotes_before) {
  size_t k = j;
  uint32_t run = fl[j];
  int gap_before = tk[j].span.start != tk[j - 1].span.end, gap_after;
  /* quotes glued together lean as one: in `kan? '" ujar` both close */
  while (k + 1 < end_tok && tk[k + 1].span.start == tk[k].span.end &&
         (fl[k + 1] & (TF_STRAIGHT | TF_CLOSE)) && !(fl[k + 1] & TF_CONT))
    run |= fl[++k];
  gap_after = k + 1 >= end_tok || tk[k + 1].span.start != tk[k].span.end;
  if (!gap_before && gap_after)
    return 1;
  if (gap_before && !gap_after)
    return 0;
  if (run & TF_DQUOTE)
    return n_dquotes_before % 2 == 1;
  return !gap_before;
}

/* Whether token j starts with a capital, directly or after opening quotes
 * ("“Kami ...") and, when `brackets`, opening brackets ("(Foto ..."). */
static int upper_start(const kb_token *tk, const uint32_t *fl, size_t j,
                       size_t end_tok, int brackets) {
  while (j < end_tok &&
         ((fl[j] & TF_STRAIGHT) ||
          ((fl[j] & TF_OPEN) && (brackets || (tk[j].text.ptr[0] & 0x80)))))
    j++;
  return j < end_tok && (fl[j] & KB_TOKF_CAPITAL);
}

/* Whether token j is one of the titles written in lower case before a
 * name, which may start a sentence: "dr Susie", "drg Andi". */
static int lower_title(const kb_token *tk, const uint32_t *fl, size_t j,
                       size_t end_tok) {
  const char *w = tk[j].text.ptr;
  size_t n = tk[j].text.len;
  return j + 1 < end_tok && (fl[j + 1] & KB_TOKF_CAPITAL) && n >= 2 && n <= 3 &&
         w[0] == 'd' && w[1] == 'r' && (n == 2 || w[2] == 'g' || w[2] == 'h');
}

/* Whether the lower-case word j may start a sentence after the full stop
 * i: a lone "." glued to a word of two letters or more with a vowel after
 * its first letter, or to a number of two characters or more, then white
 * space, with two tokens or more before the "." in the sentence, and j no
 * TLD ("sudah jelas. justru ...", "tahun 2019. tak lama", but "yg. lain",
 * "dgn. baik", "UEFA. com" go on).  Abbreviations without a vowel after
 * their first letter (yg, dgn, utk, tgl, spt) are the commonest unlisted
 * ones. */
static int lower_after_dot(const kb_token *tk, const uint32_t *fl, size_t i,
                           size_t j, size_t sent_first) {
  const kb_token *w = &tk[i - 1];
  size_t k;
  int vowel = 0;
  if (!(fl[i] & TF_DOT) || j != i + 1 || i < sent_first + 2 ||
      w->span.end != tk[i].span.start || tk[j].span.start == tk[i].span.end ||
      tk[j].kind != KB_TOK_WORD || w->text.len < 2 ||
      is_tld((const unsigned char *)tk[j].text.ptr, tk[j].text.len))
    return 0;
  if (w->kind == KB_TOK_NUMBER)
    return 1;
  if (w->kind != KB_TOK_WORD)
    return 0;
  for (k = 1; k < w->text.len && !vowel; k++) {
    unsigned char c = (unsigned char)lower_ascii((unsigned char)w->text.ptr[k]);
    vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
            c >= 0x80;
  }
  return vowel;
}

static int is_char_tok(const kb_token *tk, size_t j, char c) {
  return tk[j].text.len == 1 && tk[j].text.ptr[0] == c;
}

/* Whether a round or square bracket opened in the sentence [sent_first,
 * j) is still open and closes within the next few tokens, before any
 * terminal or new bracket: "(SSK. II)", "(E. hemisphaerica (Bl.) RM
 * Smith)" hold no sentence end.  The forward look comes first: it fails
 * at once after nearly every terminal. */
static int bracket_closes_soon(const kb_token *tk, const uint32_t *fl,
                               size_t sent_first, size_t j, size_t end_tok) {
  size_t k, lim = j + 6 < end_tok ? j + 6 : end_tok;
  uint32_t any = 0;
  int depth = 0;
  for (k = j; k < lim; k++) /* no branch per token: usually nothing closes */
    any |= fl[k];
  if (!(any & TF_CLOSE))
    return 0;
  for (k = j; k < lim; k++) {
    if (!(fl[k] & (TF_TERM | TF_OPEN | TF_CLOSE)))
      continue;
    if (is_char_tok(tk, k, ')') || is_char_tok(tk, k, ']'))
      break;
    if ((fl[k] & TF_TERM) || is_char_tok(tk, k, '(') ||
        is_char_tok(tk, k, '['))
      return 0;
  }
  if (k == lim)
    return 0;
  for (k = sent_first; k < j; k++) {
    if (!(fl[k] & (TF_OPEN | TF_CLOSE)))
      continue;
    if (is_char_tok(tk, k, '(') || is_char_tok(tk, k, '['))
      depth++;
    else if ((is_char_tok(tk, k, ')') || is_char_tok(tk, k, ']')) && depth > 0)
      depth--;
  }
  return depth > 0;
}

/* Whether the lower-case word j may start a sentence after the question
 * mark i: a "?" glued to a word, with no closer after it, two tokens or
 * more before it in the sentence ("Bagaimana dengan harga? naik terus"),
 * but not "\"Siapa?\" tanya polisi". */
static int lower_after_question(const kb_token *tk, size_t i, size_t j,
                                size_t sent_first) {
  return j == i + 1 && i >= sent_first + 2 && tk[i].text.len == 1 &&
         tk[i].text.ptr[0] == '?' && tk[i - 1].kind == KB_TOK_WORD &&
         tk[i - 1].span.end == tk[i].span.start &&
         tk[j].span.start != tk[i].span.end && tk[j].kind == KB_TOK_WORD;
}

/* Whether the sentence ends after the terminal token i and the closers up
 * to j, token j being the next one (docs/SEGMENT.md, "Sentences"). */
static int ends_sentence(const kb_token *tk, const uint32_t *fl, size_t i,
                         size_t j, size_t end_tok, size_t sent_first) {
  unsigned f = fl[i], nf = fl[j];
  /* an initial before a lower-case word or a number starts nothing: it
   * ends a broken abbreviation ("gelar Ph. D. dalam", "No. IV. C. 12") */
  if ((nf & TF_INITIAL) && j + 1 < end_tok &&
      ((fl[j + 1] & TF_LOWER) || tk[j + 1].kind == KB_TOK_NUMBER))
    return 0;
  if (bracket_closes_soon(tk, fl, sent_first, j, end_tok))
    return 0;
  /* "kelas B. Dia ..." but "Susilo B. Yudhoyono"; "tenaga 90 dk. Meski"
   * but "Dr. Budi", "No. 5" */
  if (f & (TF_INITIAL | TF_ABBR))
    return (nf & KB_TOKF_CAPITAL) &&
           (segment_lookup((const unsigned char *)tk[j].text.ptr,
                           tk[j].text.len) &
            SEGMENT_STARTER);
  if (f & TF_ABBR_END) /* "beras, gula, dll. Setelah itu" */
    return upper_start(tk, fl, j, end_tok, 0) && tk[j].kind != KB_TOK_ABBREV;
  if ((nf & TF_CONT) ||
      ((nf & TF_LOWER) && !lower_title(tk, fl, j, end_tok) &&
       !lower_after_dot(tk, fl, i, j, sent_first) &&
       !lower_after_question(tk, i, j, sent_first)))
    return 0;
  if (f & TF_ELLIPSIS) /* "Entahlah... Kami" but "menunggu... hasilnya" */
    return upper_start(tk, fl, j, end_tok, 1);
  if (f & TF_DOT) {
    /* glued on both sides, only a capital starts a new sentence
     * ("pertama.Ini"); "34/PMK.011/2007" goes on */
    if (j == i + 1 && tk[i - 1].span.end == tk[i].span.start &&
        tk[j].span.start == tk[i].span.end && !(nf & KB_TOKF_CAPITAL))
      return 0;
    /* a list marker: "1. Kenaikan harga" */
    if (i == sent_first + 1 && tk[i - 1].kind == KB_TOK_NUMBER &&
        tk[i - 1].text.len <= 2 && tk[i - 1].span.end == tk[i].span.start)
      return 0;
  }
  return 1;
}

static int is_comma(const kb_token *tk, size_t j) {
  return tk[j].text.len == 1 && tk[j].text.ptr[0] == ',';
}

/* The OR of the flags of tokens [from, to): a sentence needs its text
 * written when any token after its first has TF_IRREGULAR. */
static uint32_t flags_or(const uint32_t *fl, size_t from, size_t to) {
  uint32_t f = 0;
  for (; from < to; from++)
    f |= fl[from];
  return f;
}

/* Whether a token of [first + 1, end_tok) has TF_IRREGULAR: the sentence
 * of those tokens needs its text written. */
static int irregular(const seg *s, size_t first, size_t end_tok) {
  if (s->first_irregular >= end_tok || s->last_irregular <= first ||
      s->first_irregular > s->last_irregular)
    return 0;
  return (flags_or(s->flags, first + 1, end_tok) & TF_IRREGULAR) != 0;
}

/* Whether the tokens [j, end_tok) are all punctuation: a block's trailing
 * quote or dash ("... dari kamu. “") stays with its last sentence. */
static int only_punct(const kb_token *tk, size_t j, size_t end_tok) {
  while (j < end_tok && tk[j].kind == KB_TOK_PUNCT)
    j++;
  return j == end_tok;
}

/* Splits the tokens [first, end_tok) of block `b` into sentences.  Only
 * terminals and straight double quotes stop the scan; whether a sentence
 * has content before a terminal (".Ini kalimat" begins with a stray full
 * stop) is looked up when a terminal asks, from where the last look
 * ended. */
static int split_block(seg *s, size_t first, size_t end_tok, size_t b) {
  const kb_token *tk = s->doc->tokens;
  const uint32_t *fl = s->flags;
  kb_block_kind part = s->doc->blocks[b].kind;
  size_t i, sent = first, n_dquotes = 0, looked = first;
  int has_content = 0;
  for (i = first; i < end_tok; i++) {
    uint32_t f;
    size_t j;
#if defined(__SSE2__) && defined(__GNUC__)
    /* four tokens at a time past those that stop nothing (most) */
    {
      const __m128i stops =
          _mm_set1_epi32((int)(TF_TERM | TF_ABBR_END | TF_INITIAL | TF_ABBR |
                               TF_DQUOTE));
      while (end_tok - i >= 4 &&
             _mm_movemask_epi8(_mm_cmpeq_epi32(
                 _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(
                                   fl + i)),
                               stops),
                 _mm_setzero_si128())) == 0xFFFF)
        i += 4;
      if (i >= end_tok)
        break;
    }
#endif
    f = fl[i];
    if (!(f & (TF_TERM | TF_ABBR_END | TF_INITIAL | TF_ABBR | TF_DQUOTE)))
      continue;
    if (f & TF_DQUOTE)
      n_dquotes++;
    if (!(f & (TF_TERM | TF_ABBR_END | TF_INITIAL | TF_ABBR)))
      continue;
    for (; !has_content && looked < i; looked++)
      has_content = tk[looked].kind != KB_TOK_PUNCT;
    if (!has_content && !(f & (TF_ABBR_END | TF_INITIAL | TF_ABBR)))
      continue; /* ".Ini kalimat" begins with its stray full stop */
    has_content = 1;
    /* closing quotes and brackets belong to the sentence they close */
    for (j = i + 1; j < end_tok; j++) {
      uint32_t g = fl[j];
      if (g & TF_CLOSE)
        continue;
      if ((g & TF_STRAIGHT) && straight_closes(tk, fl, j, end_tok, n_dquotes)) {
        if (g & TF_DQUOTE)
          n_dquotes++;
        continue;
      }
      if (g & TF_TERM) /* "?!" after ")" */
        continue;
      /* scraped pages glue paragraphs with commas: "Koman.,Lima pakar",
       * "(17/9). ,Sebelumnya", "keluarga.,,Saat": commas leaning on a
       * capital close */
      if (is_comma(tk, j)) {
        size_t c = j;
        while (c + 1 < end_tok && is_comma(tk, c + 1) &&
               tk[c + 1].span.start == tk[c].span.end)
          c++;
        if (c + 1 < end_tok && tk[c + 1].span.start == tk[c].span.end &&
            upper_start(tk, fl, c + 1, end_tok, 0)) {
          j = c;
          continue;
        }
      }
      break;
    }
    if (j >= end_tok)
      break;
    if (ends_sentence(tk, fl, i, j, end_tok, sent) &&
        !only_punct(tk, j, end_tok)) {
      if (push_sentence(s, sent, j, part, b, irregular(s, sent, j)) != 0)
        return -1;
      sent = looked = j;
      has_content = 0;
    }
    i = j - 1;
  }
  if (sent < end_tok &&
      push_sentence(s, sent, end_tok, part, b, irregular(s, sent, end_tok)) !=
          0)
    return -1;
  return 0;
}

/* Whether t[start..end) (white space between two tokens) holds a line
 * break. */
static int has_line_break(const unsigned char *t, size_t start, size_t end) {
  size_t i;
  for (i = start; i < end; i++)
    if (t[i] == '\n' || t[i] == '\r' ||
        (t[i] == 0xE2 && i + 2 < end && t[i + 1] == 0x80 &&
         (t[i + 2] == 0xA8 || t[i + 2] == 0xA9)))
      return 1;
  return 0;
}

/* Writes the normalised text of the sentences push_sentence left without
 * one: tokens joined by one space where the text had white space, with a
 * space at each split, and none before , . ; : ! ? ) after a line break
 * ("Dikutip\nReuters\n, Senin" -> "Dikutip Reuters, Senin").  Text
 * between tokens that is one ASCII space is copied with the tokens around
 * it.  These texts are NUL-terminated; the others point into the
 * document text. */
static int write_texts(seg *s) {
  kb_doc *doc = s->doc;
  const unsigned char *t = s->t;
  size_t i, size = 0;
  char *o;
  for (i = 0; i < doc->n_sentences; i++) {
    const kb_sentence *st = &doc->sentences[i];
    if (st->text.ptr == NULL) /* its bytes, a space per split, a NUL */
      size += st->span.end - st->span.start + st->n_tokens + 1;
  }
  if (size == 0)
    return 0;
  o = arena_alloc(&doc->arena, size);
  if (o == NULL)
    return -1;
  for (i = 0; i < doc->n_sentences; i++) {
    kb_sentence *st = &doc->sentences[i];
    const kb_token *tk = doc->tokens + st->first_token;
    size_t k, run = tk[0].span.start;
    if (st->text.ptr != NULL)
      continue;
    st->text.ptr = o;
    for (k = 1; k < st->n_tokens; k++) {
      size_t gap_start = tk[k - 1].span.end, gap_end = tk[k].span.start;
      unsigned char c0 = t[gap_end];
      if (gap_end == gap_start + 1 && t[gap_start] == ' ')
        continue; /* already one space: copied with the run */
      if (gap_end == gap_start && !(tk[k].flags & KB_TOKF_SPLIT))
        continue; /* touching tokens */
      memcpy(o, t + run, gap_start - run);
      o += gap_start - run;
      if (gap_end == gap_start ||
          !(tk[k].kind == KB_TOK_PUNCT &&
            (c0 == ',' || c0 == '.' || c0 == ';' || c0 == ':' || c0 == '!' ||
             c0 == '?' || c0 == ')') &&
            has_line_break(t, gap_start, gap_end)))
        *o++ = ' ';
      run = gap_end;
    }
    memcpy(o, t + run, st->span.end - run);
    o += st->span.end - run;
    st->text.len = (size_t)(o - st->text.ptr);
    *o++ = '\0';
  }
  return 0;
}

kb_status kb_doc_segment(kb_doc *doc, kb_error *err) {
  seg s;
  const text_bits *bits;
  size_t b, total = 0, bytes;
  kb_status st;
  if (doc->is_segmented)
    return KB_OK;
  st = kb_doc_clean(doc, NULL, NULL, err);
  if (st != KB_OK)
    return st;
  segment_load_words();
  memset(&s, 0, sizeof s);
  s.doc = doc;
  s.t = (const unsigned char *)doc->text;
  s.next_split = doc->n_splits ? 0 : SIZE_MAX; /* reach_split sets it */
  doc->n_tokens = 0;
  doc->n_sentences = 0;
  for (b = 0; b < doc->n_blocks; b++) {
    const kb_block *bl = &doc->blocks[b];
    if ((bl->kind == KB_BLOCK_BODY || bl->kind == KB_BLOCK_TITLE ||
         bl->kind == KB_BLOCK_CAPTION) &&
        bl->span.start < bl->span.end && bl->span.end <= doc->len)
      total += bl->span.end - bl->span.start;
  }
  /* Indonesian news averages six to seven bytes a token and over a
   * hundred a sentence: start there and double when needed. */
  s.cap_tokens = s.cap_flags = total / 5 + 16;
  s.cap_sentences = total / 64 + 4;
  if (kb_mul_size(s.cap_tokens, sizeof(kb_token) + sizeof(uint32_t), &bytes) !=
      0)
    goto nomem;
  doc->tokens = arena_alloc(&doc->arena, s.cap_tokens * sizeof(kb_token));
  s.flags = arena_alloc(&doc->arena, s.cap_flags * sizeof(uint32_t));
  doc->sentences =
      arena_alloc(&doc->arena, s.cap_sentences * sizeof *doc->sentences);
  bits = doc_text_bits(doc);
  if (doc->tokens == NULL || s.flags == NULL || doc->sentences == NULL ||
      bits == NULL)
    goto nomem;
  s.alnum = bits->alnum;
  for (b = 0; b < doc->n_blocks; b++) {
    const kb_block *bl = &doc->blocks[b];
    size_t first = doc->n_tokens;
    if (!(bl->kind == KB_BLOCK_BODY || bl->kind == KB_BLOCK_TITLE ||
          bl->kind == KB_BLOCK_CAPTION) ||
        bl->span.start >= bl->span.end || bl->span.end > doc->len)
      continue;
    if (tokenize_block(&s, bl->span.start, bl->span.end) != 0 ||
        split_block(&s, first, doc->n_tokens, b) != 0)
      goto nomem;
  }
  if (write_texts(&s) != 0)
    goto nomem;
  doc->is_segmented = 1;
  return KB_OK;
nomem:
  doc->n_tokens = 0;
  doc->n_sentences = 0;
  set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
  return KB_ENOMEM;
}
