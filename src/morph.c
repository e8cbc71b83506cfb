/*
 * morph.c -- the morph stage: each word's root and affixes.
 *
 * Input: a word (kb_morph_word) or a segmented kb_doc (kb_doc_morph).
 * Output: kb_morph, one per word or token: root, prefixes, infix, suffix,
 * possessive, particle, reduplication, and the voice/class hint the event
 * coder reads (active meN-, passive di-, ber-, ter-, nominal -an...).
 * Pipeline: after segment, before tag (docs/DESIGN.md).
 *
 * Algorithm: confix stripping in the Nazief-Adriani line, as Sastrawi
 * implements it (the "Enhanced Confix Stripping" rule set with the
 * modifications of Arifin et al. and Tahitoe & Purwitasari):
 *   1. a word in the lexicon is its own root;
 *   2. words of certain shapes (be-...-lah, be-...-an, me-...-i, di-...-i,
 *      pe-...-i, ter-...-i) strip prefixes before suffixes;
 *   3. otherwise particle, possessive and derivational suffix come off in
 *      that order, then up to three prefixes, by the recoding rules below;
 *   4. when that fails, the suffixes are put back one at a time, and -kan
 *      is retried as -an on a root ending in k ("masakan" <- masak);
 *   5. a loanword suffix (-isasi, -isme, -isir, -is) when nothing fits;
 *   6. when nothing fits, the word is its own root.
 * Every candidate root is checked against the lexicon (Debian hunspell-id
 * plus data/roots.txt, and the multi-word roots of data/morph_compounds.txt).
 * Unlike Sastrawi, prefix recoding is searched depth-first over every
 * candidate, not greedily; prefix order and confix constraints are enforced
 * (di- and meN- only outermost; no di-...-an, meN-...-an); and candidates
 * are ranked: common affixes before rare ones, roots whose hunspell-id
 * affix flags allow the affixes ("licensed") before others, then the root
 * that takes more affixes, then the first found.  Hyphenated words are
 * reduplications ("negara-negara", "tembak-menembak"), clitics or
 * prefixes written apart ("kuasa-Mu", "di-reshuffle").
 *
 * References: B. Nazief and M. Adriani, "Confix-stripping: approach to
 * stemming algorithm for Bahasa Indonesia" (1996); J. Asian, "Effective
 * techniques for Indonesian text retrieval" (PhD thesis, RMIT, 2007);
 * A. Z. Arifin et al., "Enhanced confix stripping stemmer and ants
 * algorithm for classifying news document in Indonesian language" (2009);
 * Sastrawi's documentation (github.com/sastrawi/sastrawi, MIT code);
 * hunspell-id's id_ID.aff for the affix flags.  docs/MORPH.md has every
 * rule with examples and the measured figures.
 *
 * Files: morph.c (rules, search, classes, the document stage),
 * morph_lexicon.c (hunspell-id's affix flags, multi-word roots, non-roots),
 * morph_memo.c (the memo: a word is analysed once per kb_dict; lock-free
 * reads).
 */
#include <string.h>

#include "kabar_int.h"
#include "util/alloc.h"
#include "morph.h"

/* Longest word analysed, in bytes; longer ones are their own root. */
#define MAX_WORD MORPH_MAX_WORD
/* Shortest root accepted: the lexicon's two-letter entries are mostly
 * letter names ("be", "ce") that would over-stem ("beca" is not be-ca). */
#define MIN_ROOT 3
/* Words of this length or less are not stemmed (as in Sastrawi). */
#define SHORT_WORD 3

/* ------------------------------------------------------------------------
 * Letters
 * ---------------------------------------------------------------------- */

static int is_vowel(char c) {
  return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o';
}

static int is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }

/* Whether s[0..n) starts with the NUL-terminated p. */
static int starts(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && memcmp(s, p, k) == 0;
}

/* Whether s[0..n) ends with the NUL-terminated p. */
static int ends(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && memcmp(s + n - k, p, k) == 0;
}

/* ------------------------------------------------------------------------
 * Analyses under construction
 * ---------------------------------------------------------------------- */

/* The affixes stripped so far on one path of the search. */
typedef struct affixes {
  unsigned char prefixes[3]; /* kb_prefix, outermost first */
  unsigned char n_prefixes;
  unsigned char infix;      /* kb_infix */
  unsigned char suffix;     /* kb_suffix */
  unsigned char possessive; /* kb_possessive */
  unsigned char particle;   /* kb_particle */
  unsigned char redup;      /* kb_redup */
} affixes;

typedef struct search {
  const kb_dict *dict;
  kb_morph *out; /* OUT: the chosen analysis */
  kb_morph best; /* the best root found so far */
  unsigned best_key;
  int has_best;
  unsigned level;      /* which group of sibling candidates is tried */
  unsigned best_level; /* the group the best came from */
  unsigned best_pop;   /* its number of licensed affix pairs */
} search;

/* ------------------------------------------------------------------------
 * Licensing (morph_lexicon.c has the flag tables): a candidate whose root's
 * hunspell-id flags do not allow its affixes ranks below one whose do:
 * "mengunjungi" (visits) is kunjung (kunjung/..Mi), not unjung (unjung/Mk).
 * ---------------------------------------------------------------------- */

/* Whether a root with affix bits `value` takes the affixes a. */
static int licensed(uint32_t value, const affixes *a) {
  int outer = a->n_prefixes ? a->prefixes[0] : KB_PREFIX_NONE;
  if (a->infix || a->redup)
    return 0; /* no flag marks infixes: "kinerja" <- kerja is a fallback */
  if (value & MORPH_ANY_AFFIX)
    return 1;
  if (outer == KB_PREFIX_NONE && a->suffix == KB_SUFFIX_NONE)
    return 1;
  return (value & morph_pair_bit(outer, a->suffix)) != 0;
}

/* The lexicon root stored for s[0..n) (a lower-case string owned by the
 * dict), with its length in *len and compound flag, or NULL.  A joined
 * compound ("tandatangan") answers with its spaced form ("tanda tangan"). */
static const char *find_root(const kb_dict *d, const char *s, size_t n,
                             size_t *len, unsigned *flags, uint32_t *value) {
  const strset_slot *sl;
  if (n < MIN_ROOT)
    return NULL;
  if (d->compounds.n) {
    sl = strset_find(&d->compounds, s, n);
    if (sl) {
      *len = d->compound_roots[sl->value].len;
      *flags = KB_MORPHF_KNOWN | KB_MORPHF_COMPOUND;
      *value = MORPH_ANY_AFFIX;
      return d->compound_roots[sl->value].ptr;
    }
  }
  sl = strset_find(&d->roots, s, n);
  if (sl == NULL || (sl->value & MORPH_NOT_ROOT))
    return NULL;
  *len = sl->len;
  *flags = KB_MORPHF_KNOWN;
  *value = sl->value;
  return sl->str;
}

/* The rank of a common, licensed analysis: nothing ranks above it, so the
 * search stops there. */
#define KEY_BEST 3u

/* Considers s[0..n) with the affixes a as an analysis: if it is a root,
 * keeps it when it ranks above the best so far.  Returns 1 to stop the
 * search (a licensed root in first-found mode), else 0. */
static int accept(search *S, const char *s, size_t n, const affixes *a) {
  size_t len = 0, i;
  unsigned flags = 0, key;
  uint32_t value = 0;
  int lic, rare;
  unsigned pop;
  const char *root = find_root(S->dict, s, n, &len, &flags, &value);
  kb_morph *m = &S->best;
  if (root == NULL)
    return 0;
  lic = licensed(value, a);
  /* rank: common affixes before rare ones (the particles -kah, -tah, the
   * proclitics ku-, kau-, infixes, partial reduplication: "menikah"
   * (marry) is meN- + nikah, not meni + -kah), then licensed roots; ties
   * go to the first found */
  rare = a->particle == KB_PARTICLE_KAH || a->particle == KB_PARTICLE_TAH ||
         a->infix || a->redup ||
         (a->n_prefixes &&
          (a->prefixes[0] == KB_PREFIX_KU || a->prefixes[0] == KB_PREFIX_KAU));
  key = (rare ? 0u : 2u) | (lic ? 1u : 0u);
  /* between the recodings of one prefix rule ("beragam": ber- + agam or
   * be- + ragam, both licensed), the root that takes more affixes, the
   * more productive and so more likely one, wins: ragam */
  pop = (value & MORPH_ANY_AFFIX) ? 0u : morph_affix_count(value);
  if (S->has_best &&
      (key < S->best_key || (key == S->best_key && (S->level != S->best_level ||
                                                    pop <= S->best_pop))))
    return 0;
  S->has_best = 1;
  S->best_key = key;
  S->best_level = S->level;
  S->best_pop = pop;
  memset(m, 0, sizeof *m);
  m->root.ptr = root;
  m->root.len = len;
  m->flags = flags;
  m->n_prefixes = a->n_prefixes;
  for (i = 0; i < a->n_prefixes; i++)
    m->prefixes[i] = (kb_prefix)a->prefixes[i];
  m->infix = (kb_infix)a->infix;
  m->suffix = (kb_suffix)a->suffix;
  m->possessive = (kb_possessive)a->possessive;
  m->particle = (kb_particle)a->particle;
  m->redup = (kb_redup)a->redup;
  return key == KEY_BEST;
}

/* ------------------------------------------------------------------------
 * Suffixes and clitics
 * ---------------------------------------------------------------------- */

/* The particle ending s[0..n): -lah, -kah, -tah, -pun ("benarkah", is it
 * true?; "siapapun", whoever).  Returns its kb_particle and sets *k to
 * its length, or 0. */
static int particle_at_end(const char *s, size_t n, size_t *k) {
  static const char *const forms[] = {NULL, "lah", "kah", "tah", "pun"};
  int i;
  for (i = 1; i <= 4; i++)
    if (n > 3 && ends(s, n, forms[i])) {
      *k = 3;
      return i;
    }
  return 0;
}

/* The possessive clitic ending s[0..n): -ku (my), -mu (your), -nya (his,
 * her, its; also "the": "terpilihnya", his being elected). */
static int possessive_at_end(const char *s, size_t n, size_t *k) {
  if (n > 3 && ends(s, n, "nya")) {
    *k = 3;
    return KB_POSS_NYA;
  }
  if (n > 2 && ends(s, n, "ku")) {
    *k = 2;
    return KB_POSS_KU;
  }
  if (n > 2 && ends(s, n, "mu")) {
    *k = 2;
    return KB_POSS_MU;
  }
  return 0;
}

/* The derivational suffix ending s[0..n): -kan ("mengirimkan", sends off),
 * -an ("kunjungan", a visit), -i ("mengunjungi", visits).  -kan is tried
 * before -an, as in Sastrawi; step 4 of the algorithm undoes that choice
 * when it was wrong. */
static int derivational_at_end(const char *s, size_t n, size_t *k) {
  if (n > 3 && ends(s, n, "kan")) {
    *k = 3;
    return KB_SUFFIX_KAN;
  }
  if (n > 2 && ends(s, n, "an")) {
    *k = 2;
    return KB_SUFFIX_AN;
  }
  if (n > 1 && ends(s, n, "i")) {
    *k = 1;
    return KB_SUFFIX_I;
  }
  return 0;
}

/* ------------------------------------------------------------------------
 * Prefix rules
 *
 * Each rule recognises a prefix allomorph at the start of a word and
 * proposes one or more candidate stems, restoring the root's first letter
 * where the nasal of meN-/peN- replaced it (nasal assimilation).  The rule
 * numbers are those of the ECS literature and Sastrawi's disambiguators.
 * ---------------------------------------------------------------------- */

typedef struct cand {
  unsigned char prefix; /* kb_prefix, or NONE for an infix */
  unsigned char infix;  /* kb_infix */
  unsigned char redup;  /* KB_REDUP_PARTIAL or NONE */
  size_t len;
  char s[MAX_WORD + 2];
} cand;

#define MAX_CANDS 8

typedef struct cands {
  cand c[MAX_CANDS];
  size_t n;
} cands;

/* Adds the candidate `restore` (a letter, or 0) + s[skip..n). */
static void add(cands *cs, int prefix, int infix, char restore, const char *s,
                size_t n, size_t skip) {
  cand *c;
  size_t len = n - skip + (restore != 0);
  if (cs->n == MAX_CANDS || skip > n || len < MIN_ROOT || len > MAX_WORD)
    return;
  c = &cs->c[cs->n++];
  c->prefix = (unsigned char)prefix;
  c->infix = (unsigned char)infix;
  c->redup = KB_REDUP_NONE;
  c->len = 0;
  if (restore)
    c->s[c->len++] = restore;
  memcpy(c->s + c->len, s + skip, n - skip);
  c->len += n - skip;
}

/* ber- and its allomorphs be-, bel- (rules 1-5). */
static void rules_ber(const char *s, size_t n, cands *cs) {
  if (starts(s, n, "ber") && n > 3) {
    char c = s[3];
    if (is_vowel(c)) {
      /* 1a "berapi" (fiery) <- api; 1b "berakit" (raft) <- rakit */
      add(cs, KB_PREFIX_BER, 0, 0, s, n, 3);
      add(cs, KB_PREFIX_BER, 0, 0, s, n, 2);
    } else if (c != 'r') {
      /* 2 "bertemu" (meet) <- temu; 3 "berceramah" (give a talk)
       * <- ceramah (berCAerV) */
      add(cs, KB_PREFIX_BER, 0, 0, s, n, 3);
    }
  }
  if (starts(s, n, "belajar")) /* 4: "belajar" (study) <- ajar */
    add(cs, KB_PREFIX_BER, 0, 0, s, n, 3);
  /* 5 beC1erC2: "bekerja" (work) <- kerja, "beserta" (with) <- serta */
  if (n > 5 && s[0] == 'b' && s[1] == 'e' && is_consonant(s[2]) &&
      s[2] != 'r' && s[2] != 'l' && s[3] == 'e' && s[4] == 'r' &&
      is_consonant(s[5]))
    add(cs, KB_PREFIX_BER, 0, 0, s, n, 2);
}

/* ter- and te- (rules 6-9, 35). */
static void rules_ter(const char *s, size_t n, cands *cs) {
  if (starts(s, n, "ter") && n > 3) {
    char c = s[3];
    if (is_vowel(c)) {
      /* 6a "terasing" (isolated) <- asing; 6b keeps the r of an
       * r-root: "terawat" (well kept) <- rawat */
      add(cs, KB_PREFIX_TER, 0, 0, s, n, 3);
      add(cs, KB_PREFIX_TER, 0, 0, s, n, 2);
    } else if (c != 'r') {
      /* 7, 8, 35: "terpilih" (elected) <- pilih, "terbentuk" (formed)
       * <- bentuk, "terperangkap" (trapped) <- perangkap */
      add(cs, KB_PREFIX_TER, 0, 0, s, n, 3);
    }
  }
  /* 9 teC1erC2: "teperdaya" (deceived) <- perdaya */
  if (n > 5 && s[0] == 't' && s[1] == 'e' && is_consonant(s[2]) &&
      s[2] != 'r' && s[3] == 'e' && s[4] == 'r' && is_consonant(s[5]))
    add(cs, KB_PREFIX_TER, 0, 0, s, n, 2);
}

/* meN- with its allomorphs me-, mem-, men-, meng-, meny-, menge- (rules
 * 10-19 and the modified ECS additions). */
static void rules_men(const char *s, size_t n, cands *cs) {
  char c3, c4;
  if (n < 5 || s[0] != 'm' || s[1] != 'e')
    return;
  c3 = s[2];
  c4 = s[3];
  /* 10 me{l,r,w,y}V: "melihat" (see) <- lihat, "merusak" <- rusak */
  if ((c3 == 'l' || c3 == 'r' || c3 == 'w' || c3 == 'y') && is_vowel(c4)) {
    add(cs, KB_PREFIX_MEN, 0, 0, s, n, 2);
    return;
  }
  if (c3 == 'm') {
    if (c4 == 'b' || c4 == 'f' || c4 == 'v') {
      /* 11: "membawa" (carry) <- bawa, "memfasilitasi" <- fasilitas(i) */
      add(cs, KB_PREFIX_MEN, 0, 0, s, n, 3);
    } else if (c4 == 'p') {
      /* 12 mempe: "memperkuat" (strengthen) <- per- + kuat; 19 mempV:
       * "mempunyai" (own) <- punya; loanword clusters keep the p:
       * "memproduksi" (produce) <- produksi */
      add(cs, KB_PREFIX_MEN, 0, 0, s, n, 3);
    } else if (is_vowel(c4) || (c4 == 'r' && n > 4 && is_vowel(s[4]))) {
      /* 13a keeps the m of an m-root: "meminta" (ask) <- minta; 13b
       * restores p: "memukul" (hit) <- pukul, "memuji" (praise) <- puji,
       * "memroses" <- proses */
      add(cs, KB_PREFIX_MEN, 0, 0, s, n, 2);
      add(cs, KB_PREFIX_MEN, 0, 'p', s, n, 3);
    }
    return;
  }
  if (c3 != 'n')
    return;
  if (c4 == 'c' || c4 == 'd' || c4 == 'j' || c4 == 's' || c4 == 't' ||
      c4 == 'z') {
    /* 14: "mencari" (seek) <- cari, "mendukung" <- dukung, "menjadi" <-
     * jadi, "mentransfer" <- transfer (loanwords keep s and t) */
    add(cs, KB_PREFIX_MEN, 0, 0, s, n, 3);
    return;
  }
  if (is_vowel(c4)) {
    /* 15a "menilai" (assess) <- nilai; 15b restores t: "menuduh" (accuse)
     * <- tuduh, "menolak" (reject) <- tolak */
    add(cs, KB_PREFIX_MEN, 0, 0, s, n, 2);
    add(cs, KB_PREFIX_MEN, 0, 't', s, n, 3);
    return;
  }
  if (c4 == 'g' && n > 5) {
    char c5 = s[4];
    if (c5 == 'g' || c5 == 'h' || c5 == 'q' || c5 == 'k' || c5 == 'x') {
      /* 16: "menggunakan" (use) <- guna, "menghadapi" <- hadap,
       * "mengkritik" (criticise) <- kritik */
      add(cs, KB_PREFIX_MEN, 0, 0, s, n, 4);
    } else if (is_vowel(c5)) {
      /* 17a "mengambil" (take) <- ambil; 17b restores k: "mengirim"
       * (send) <- kirim, "mengalahkan" <- kalah; 17c menge- before a
       * one-syllable root: "mengebom" (bomb) <- bom; 17d "menganga" <-
       * nganga */
      add(cs, KB_PREFIX_MEN, 0, 0, s, n, 4);
      add(cs, KB_PREFIX_MEN, 0, 'k', s, n, 4);
      if (c5 == 'e' && n > 5 && is_consonant(s[5]))
        add(cs, KB_PREFIX_MEN, 0, 0, s, n, 5);
      add(cs, KB_PREFIX_MEN, 0, 0, s, n, 2);
    }
    return;
  }
  if (c4 == 'y' && n > 5 && is_vowel(s[4])) {
    /* 18a "menyanyi" (sing) <- nyanyi; 18b restores s: "menyerang"
     * (attack) <- serang */
    add(cs, KB_PREFIX_MEN, 0, 0, s, n, 2);
    add(cs, KB_PREFIX_MEN, 0, 's', s, n, 4);
  }
}

/* peN- (pe-, pem-, pen-, peng-, peny-, penge-) and per- (rules 20-36). */
static void rules_pen(const char *s, size_t n, cands *cs) {
  char c3, c4;
  if (n < 5 || s[0] != 'p' || s[1] != 'e')
    return;
  c3 = s[2];
  c4 = s[3];
  /* 20 pe{w,y}V: "pewarna" (dye) <- warna */
  if ((c3 == 'w' || c3 == 'y') && is_vowel(c4)) {
    add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
    return;
  }
  if (c3 == 'r') {
    if (is_vowel(c4)) {
      /* 21a "peraturan" (regulation) <- atur; 21b keeps the r of an
       * r-root, the pe- allomorph of peN-: "perampok" (robber) <- rampok,
       * "perundingan" (negotiation) <- runding (hunspell-id licenses
       * runding with peN-...-an) */
      add(cs, KB_PREFIX_PER, 0, 0, s, n, 3);
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
    } else if (c4 != 'r') {
      /* 23, 24: "perjanjian" (treaty) <- janji, "perkebunan"
       * (plantation) <- kebun */
      add(cs, KB_PREFIX_PER, 0, 0, s, n, 3);
    }
    return;
  }
  if (c3 == 'm') {
    if (c4 == 'b' || c4 == 'f' || c4 == 'v') {
      /* 25: "pembangunan" (development) <- bangun */
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 3);
    } else if (c4 == 'p') {
      /* loanword clusters keep the p: "pemprograman" <- program */
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 3);
    } else if (is_vowel(c4) || (c4 == 'r' && n > 4 && is_vowel(s[4]))) {
      /* 26a keeps the m of an m-root: "pemilik" (owner) <- milik;
       * 26b restores p: "pemukul" (hitter) <- pukul, "pemerintah"
       * (government) <- perintah */
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
      add(cs, KB_PREFIX_PEN, 0, 'p', s, n, 3);
    }
    return;
  }
  if (c3 == 'n') {
    if (c4 == 'c' || c4 == 'd' || c4 == 'j' || c4 == 's' || c4 == 't' ||
        c4 == 'z') {
      /* 27: "pencurian" (theft) <- curi, "pendukung" (supporter) */
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 3);
    } else if (is_vowel(c4)) {
      /* 28a "penilai" <- nilai; 28b restores t: "penuduh" (accuser) <-
       * tuduh, "penolakan" (rejection) <- tolak */
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
      add(cs, KB_PREFIX_PEN, 0, 't', s, n, 3);
    } else if (c4 == 'g' && n > 5) {
      char c5 = s[4];
      if (is_consonant(c5)) {
        /* 29: "penggunaan" (use) <- guna, "pengkhianat" (traitor) */
        add(cs, KB_PREFIX_PEN, 0, 0, s, n, 4);
      } else {
        /* 30a "pengamat" (observer) <- amat; 30b restores k:
         * "pengirim" (sender) <- kirim; 30c "pengeboman" (bombing) <-
         * bom */
        add(cs, KB_PREFIX_PEN, 0, 0, s, n, 4);
        add(cs, KB_PREFIX_PEN, 0, 'k', s, n, 4);
        if (c5 == 'e' && n > 5 && is_consonant(s[5]))
          add(cs, KB_PREFIX_PEN, 0, 0, s, n, 5);
      }
    } else if (c4 == 'y' && n > 5 && is_vowel(s[4])) {
      /* 31a "penyanyi" (singer) <- nyanyi; 31b restores s: "penyerang"
       * (attacker) <- serang */
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
      add(cs, KB_PREFIX_PEN, 0, 's', s, n, 4);
    }
    return;
  }
  if (c3 == 'l' && is_vowel(c4)) {
    /* 32: "pelaku" (perpetrator) <- laku; but "pelajar" (student) <-
     * ajar */
    if (starts(s, n, "pelajar"))
      add(cs, KB_PREFIX_PEN, 0, 0, s, n, 3);
    add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
    return;
  }
  /* 33, 34, 36 peC...: "petani" (farmer) <- tani, "peserta"
   * (participant) <- serta, "pekerja" (worker) <- kerja */
  if (is_consonant(c3) && c3 != 'w' && c3 != 'y' && c3 != 'l' && c3 != 'm' &&
      c3 != 'n')
    add(cs, KB_PREFIX_PEN, 0, 0, s, n, 2);
}

/* The candidates of every prefix rule that matches s[0..n), in the order
 * they are tried: plain di-/ke-/se-, ber-, ter-, meN-, peN-/per-, the
 * proclitics ku-/kau-, and last partial reduplication and the infixes. */
static void prefix_cands(const char *s, size_t n, cands *cs) {
  cs->n = 0;
  if (n < SHORT_WORD + 1)
    return;
  /* plain: "dikirim" (is sent) <- kirim, "kedua" (second) <- dua,
   * "sebuah" (one) <- buah */
  if (s[0] == 'd' && s[1] == 'i')
    add(cs, KB_PREFIX_DI, 0, 0, s, n, 2);
  else if (s[0] == 'k' && s[1] == 'e')
    add(cs, KB_PREFIX_KE, 0, 0, s, n, 2);
  else if (s[0] == 's' && s[1] == 'e')
    add(cs, KB_PREFIX_SE, 0, 0, s, n, 2);
  else if (s[0] == 'b' && s[1] == 'e')
    rules_ber(s, n, cs);
  else if (s[0] == 't' && s[1] == 'e')
    rules_ter(s, n, cs);
  else if (s[0] == 'm' && s[1] == 'e')
    rules_men(s, n, cs);
  else if (s[0] == 'p' && s[1] == 'e')
    rules_pen(s, n, cs);
  /* informal nge- before a one-syllable or l-initial root (meN- in
   * speech): "ngebom" (bomb) <- bom, "ngelamar" (propose) <- lamar */
  if (n > 4 && s[0] == 'n' && s[1] == 'g' && s[2] == 'e' && is_consonant(s[3]))
    add(cs, KB_PREFIX_MEN, 0, 0, s, n, 3);
  /* 41, 42: "kuambil" (I take), "kaupukul" (you hit) */
  if (starts(s, n, "kau"))
    add(cs, KB_PREFIX_KAU, 0, 0, s, n, 3);
  else if (s[0] == 'k' && s[1] == 'u')
    add(cs, KB_PREFIX_KU, 0, 0, s, n, 2);
  /* partial reduplication (dwipurwa) CeC...: "lelembut" (spirits) <-
   * lembut, "rerata" (average) <- rata, "tetamu" (guest) <- tamu */
  if (n > 4 && is_consonant(s[0]) && s[1] == 'e' && s[2] == s[0] &&
      is_vowel(s[3])) {
    add(cs, KB_PREFIX_NONE, 0, 0, s, n, 2);
    if (cs->n && cs->c[cs->n - 1].len == n - 2)
      cs->c[cs->n - 1].redup = KB_REDUP_PARTIAL;
  }
  /* 37-40 infixes CerV, CelV, CemV, CinV: "gerigi" <- gigi, "telunjuk"
   * (index finger) <- tunjuk, "gemetar" (tremble) <- getar, "kinerja"
   * (performance) <- kerja */
  if (n > 4 && is_consonant(s[0]) && is_vowel(s[3])) {
    int infix = 0;
    if (s[1] == 'e' && s[2] == 'r')
      infix = KB_INFIX_ER;
    else if (s[1] == 'e' && s[2] == 'l')
      infix = KB_INFIX_EL;
    else if (s[1] == 'e' && s[2] == 'm')
      infix = KB_INFIX_EM;
    else if (s[1] == 'i' && s[2] == 'n')
      infix = KB_INFIX_IN;
    if (infix && cs->n < MAX_CANDS) {
      cand *c = &cs->c[cs->n++];
      c->prefix = KB_PREFIX_NONE;
      c->infix = (unsigned char)infix;
      c->redup = KB_REDUP_NONE;
      c->s[0] = s[0];
      memcpy(c->s + 1, s + 3, n - 3);
      c->len = n - 2;
    }
  }
}

/* Whether a may take the candidate c as its next (inner) affix.  Prefixes
 * do not repeat; di-, meN-, ku- and kau- are only outermost ("diperkuat",
 * is strengthened, is di- + per-, never per- + di-); at most three
 * prefixes; one infix.  The outermost prefix must not form a confix the
 * language lacks with the suffix (Nazief-Adriani): ber-...-i, di-...-an,
 * ke-...-i, ke-...-kan, meN-...-an, se-...-i, se-...-kan, ter-...-an. */
static int allowed(const affixes *a, const cand *c) {
  unsigned i;
  int p = c->prefix;
  if (a->infix || a->redup)
    return 0; /* nothing is stripped inside an infixed root */
  if (p == KB_PREFIX_NONE)
    return 1;
  if (a->n_prefixes == 3)
    return 0;
  for (i = 0; i < a->n_prefixes; i++)
    if (a->prefixes[i] == p)
      return 0;
  if (a->n_prefixes > 0)
    return !(p == KB_PREFIX_DI || p == KB_PREFIX_MEN || p == KB_PREFIX_KU ||
             p == KB_PREFIX_KAU);
  switch (a->suffix) {
  case KB_SUFFIX_I:
    return p != KB_PREFIX_BER && p != KB_PREFIX_KE && p != KB_PREFIX_SE;
  case KB_SUFFIX_KAN:
    return p != KB_PREFIX_KE && p != KB_PREFIX_SE;
  case KB_SUFFIX_AN:
    return p != KB_PREFIX_DI && p != KB_PREFIX_MEN && p != KB_PREFIX_TER;
  default:
    return 1;
  }
}

/* Records c's affix in a. */
static void push(affixes *a, const cand *c) {
  if (c->prefix)
    a->prefixes[a->n_prefixes++] = c->prefix;
  else if (c->infix)
    a->infix = c->infix;
  else
    a->redup = c->redup;
}

static int strip_prefixes(search *S, const char *s, size_t n, const affixes *a,
                          int with_suffixes);

/* Accepts s[0..n) as a root, or (with_suffixes) after taking off its
 * particle, possessive and derivational suffix one by one, checking after
 * each: the prefix-first order of step 2 ("menilai" (assess) <- nilai,
 * not menila + -i). */
static int accept_stem(search *S, const char *s, size_t n, const affixes *a,
                       int with_suffixes) {
  affixes b = *a;
  size_t k = 0;
  int x;
  if (accept(S, s, n, a))
    return 1;
  if (!with_suffixes)
    return 0;
  x = particle_at_end(s, n, &k);
  if (x) {
    b.particle = (unsigned char)x;
    n -= k;
    if (accept(S, s, n, &b))
      return 1;
  }
  x = possessive_at_end(s, n, &k);
  if (x) {
    b.possessive = (unsigned char)x;
    n -= k;
    if (accept(S, s, n, &b))
      return 1;
  }
  x = derivational_at_end(s, n, &k);
  if (x) {
    b.suffix = (unsigned char)x;
    /* no di-...-an or meN-...-an confix ("dimakan" is not di- + mak +
     * -an): the constraint of allowed(), for a suffix found after the
     * prefix */
    if (b.n_prefixes && x == KB_SUFFIX_AN &&
        (b.prefixes[0] == KB_PREFIX_DI || b.prefixes[0] == KB_PREFIX_MEN))
      return 0;
    if (accept(S, s, n - k, &b))
      return 1;
  }
  return 0;
}

/* Step 3's prefix removal: tries every candidate of every matching rule as
 * a root, then strips further inside each, depth first, up to three
 * prefixes ("mempertanggungjawabkan" = meN- + per- + tanggungjawab).
 * Returns 1 when S->out was filled. */
static int strip_prefixes(search *S, const char *s, size_t n, const affixes *a,
                          int with_suffixes) {
  cands cs;
  affixes next[MAX_CANDS];
  size_t i;
  int done = 0;
  prefix_cands(s, n, &cs);
  S->level++; /* these candidates are siblings: see accept() */
  for (i = 0; i < cs.n; i++) {
    next[i] = *a;
    if (!allowed(a, &cs.c[i])) {
      cs.c[i].len = 0; /* skip below */
      continue;
    }
    push(&next[i], &cs.c[i]);
    done |= accept_stem(S, cs.c[i].s, cs.c[i].len, &next[i], with_suffixes);
  }
  if (done)
    return 1;
  for (i = 0; i < cs.n; i++)
    if (cs.c[i].len && cs.c[i].prefix &&
        strip_prefixes(S, cs.c[i].s, cs.c[i].len, &next[i], with_suffixes))
      return 1;
  return 0;
}

/* Words that strip prefixes before suffixes (Sastrawi's precedence
 * adjustment): be-...-lah, be-...-an, me-...-i, di-...-i, pe-...-i,
 * ter-...-i.  "menilai" (assess) is meN- + nilai, not menila + -i;
 * "bertahan" (hold out) is ber- + tahan, not berta + -han. */
static int prefix_first(const char *s, size_t n) {
  return (starts(s, n, "be") && (ends(s, n, "lah") || ends(s, n, "an"))) ||
         (starts(s, n, "me") && ends(s, n, "i")) ||
         (starts(s, n, "di") && ends(s, n, "i")) ||
         (starts(s, n, "pe") && ends(s, n, "i")) ||
         (starts(s, n, "ter") && ends(s, n, "i"));
}

/* A suffix removal of step 3, for step 4 to undo. */
typedef struct removal {
  int kind;       /* 0 particle, 1 possessive, 2 derivational */
  int which;      /* the kb_particle / kb_possessive / kb_suffix */
  size_t subject; /* length of the word before the removal */
  size_t result;  /* and after it */
} removal;

/* Steps 2-4 on a word without hyphens, w[0..n) in lower case.  Returns 1
 * when S->out was filled with a lexicon root. */
static int stem_singular(search *S, const char *w, size_t n) {
  affixes a, none;
  removal rem[3];
  size_t n_rem = 0, b = n, b_clitics, k = 0, r;
  int x;
  memset(&none, 0, sizeof none);
  S->level++;
  if (accept(S, w, n, &none))
    return 1;
  if (n <= SHORT_WORD)
    return 0;
  /* step 2 */
  if (prefix_first(w, n) && strip_prefixes(S, w, n, &none, 1))
    return 1;
  /* step 3: "bukumukah" (is it your book?) <- buku + -mu + -kah */
  a = none;
  x = particle_at_end(w, b, &k);
  if (x) {
    rem[n_rem++] = (removal){0, x, b, b - k};
    a.particle = (unsigned char)x;
    b -= k;
    S->level++;
    if (accept(S, w, b, &a))
      return 1;
  }
  x = possessive_at_end(w, b, &k);
  if (x) {
    rem[n_rem++] = (removal){1, x, b, b - k};
    a.possessive = (unsigned char)x;
    b -= k;
    S->level++;
    if (accept(S, w, b, &a))
      return 1;
  }
  b_clitics = b;
  x = derivational_at_end(w, b, &k);
  if (x) {
    rem[n_rem++] = (removal){2, x, b, b - k};
    a.suffix = (unsigned char)x;
    b -= k;
    S->level++;
    if (accept(S, w, b, &a))
      return 1;
  }
  if (strip_prefixes(S, w, b, &a, 0))
    return 1;
  /* step 4: put the suffixes back, innermost first */
  for (r = n_rem; r-- > 0;) {
    affixes c = a;
    const removal *m = &rem[r];
    if (m->kind == 2 && m->which == KB_SUFFIX_KAN) {
      /* -kan was -an after a root ending in k: "masakan" (dish) <- masak
       * + -an, "pemukulkan"... "penembakan" (shooting) <- tembak */
      char tmp[MAX_WORD + 2];
      memcpy(tmp, w, m->result);
      tmp[m->result] = 'k';
      c.suffix = KB_SUFFIX_AN;
      S->level++;
      if (accept(S, tmp, m->result + 1, &c) ||
          strip_prefixes(S, tmp, m->result + 1, &c, 0))
        return 1;
    }
    /* undo this removal and those after it */
    if (m->kind <= 2)
      c.suffix = KB_SUFFIX_NONE;
    if (m->kind <= 1)
      c.possessive = KB_POSS_NONE;
    if (m->kind == 0)
      c.particle = KB_PARTICLE_NONE;
    S->level++;
    if (accept(S, w, m->subject, &c) || strip_prefixes(S, w, m->subject, &c, 0))
      return 1;
  }
  /* step 5: loanword suffixes, when nothing else fits: "finalisasi"
   * (finalisation) <- final, "formalisir" <- formal; a loanword the
   * lexicon has ("organisasi", "liberalisme") stays whole at step 1 */
  if (!S->has_best) {
    static const char *const loans[] = {"isasi", "isme", "isir", "is"};
    static const unsigned char kinds[] = {KB_SUFFIX_ISASI, KB_SUFFIX_ISME,
                                          KB_SUFFIX_ISIR, KB_SUFFIX_IS};
    size_t i;
    for (i = 0; i < 4; i++)
      if (ends(w, b_clitics, loans[i])) {
        affixes c = a;
        c.suffix = kinds[i];
        S->level++;
        if (accept(S, w, b_clitics - strlen(loans[i]), &c))
          return 1;
        break;
      }
  }
  return 0;
}

/* ------------------------------------------------------------------------
 * Reduplication
 * ---------------------------------------------------------------------- */

/* Whether s[0..n) is a clitic: 1-3 the possessives -ku, -mu, -nya
 * (kb_possessive), 4-7 the particles -lah, -kah, -tah, -pun (kb_particle
 * + 3); 0 otherwise. */
static int is_clitic(const char *s, size_t n) {
  static const char *const clitics[] = {"ku",  "mu",  "nya", "lah",
                                        "kah", "tah", "pun"};
  size_t i;
  for (i = 0; i < sizeof clitics / sizeof *clitics; i++)
    if (strlen(clitics[i]) == n && memcmp(s, clitics[i], n) == 0)
      return (int)i + 1;
  return 0;
}

/* Step 1: a word in the lexicon is its own root ("presiden",
 * "bolak-balik").  Returns 1 when *m was filled. */
static int whole_word(const kb_dict *d, const char *s, size_t n, kb_morph *m) {
  size_t len;
  unsigned flags;
  uint32_t value;
  const char *root = find_root(d, s, n, &len, &flags, &value);
  if (root == NULL && n < MIN_ROOT) {
    /* a short lexicon word is a root too, though never a stripped one:
     * "di" (at), "ke" (to) */
    const strset_slot *sl = strset_find(&d->roots, s, n);
    if (sl == NULL || (sl->value & MORPH_NOT_ROOT))
      return 0;
    root = sl->str;
    len = sl->len;
    flags = KB_MORPHF_KNOWN;
  }
  if (root == NULL)
    return 0;
  memset(m, 0, sizeof *m);
  m->root.ptr = root;
  m->root.len = len;
  m->flags = flags;
  return 1;
}

/* Runs stem_singular on s[0..n) (no hyphens) and takes the best root
 * found.  Returns 1 when *m holds a lexicon root. */
static int stem_word(const kb_dict *d, const char *s, size_t n, kb_morph *m) {
  search S;
  memset(&S, 0, sizeof S);
  S.dict = d;
  S.out = m;
  if (n == 0 || memchr(s, '-', n) != NULL)
    return 0;
  if (whole_word(d, s, n, m))
    return 1;
  stem_singular(&S, s, n);
  if (!S.has_best)
    return 0;
  *m = S.best;
  return 1;
}

/* Analyses one half of a reduplication into *m; returns 1 when it has a
 * lexicon root. */
static int stem_half(const kb_dict *d, const char *s, size_t n, kb_morph *m) {
  memset(m, 0, sizeof *m);
  return stem_word(d, s, n, m);
}

/* A prefix written with a hyphen before a loanword: "di-reshuffle" (is
 * reshuffled), "men-casting", "ber-KTP" (holding an ID card).  The root is
 * the part after the hyphen, analysed if it can be, else kept as it is
 * (then not KNOWN, but the prefix still gives the voice).  Returns 1 when
 * S->out was filled. */
static int hyphenated_prefix(search *S, const char *w, size_t n1, size_t n2) {
  static const struct {
    const char *form;
    unsigned char prefix;
  } forms[] = {{"di", KB_PREFIX_DI},     {"ke", KB_PREFIX_KE},
               {"se", KB_PREFIX_SE},     {"me", KB_PREFIX_MEN},
               {"mem", KB_PREFIX_MEN},   {"men", KB_PREFIX_MEN},
               {"meng", KB_PREFIX_MEN},  {"meny", KB_PREFIX_MEN},
               {"menge", KB_PREFIX_MEN}, {"pe", KB_PREFIX_PEN},
               {"pem", KB_PREFIX_PEN},   {"pen", KB_PREFIX_PEN},
               {"peng", KB_PREFIX_PEN},  {"penge", KB_PREFIX_PEN},
               {"ber", KB_PREFIX_BER},   {"ter", KB_PREFIX_TER},
               {"per", KB_PREFIX_PER}};
  size_t i;
  kb_morph *m = S->out;
  for (i = 0; i < sizeof forms / sizeof *forms; i++)
    if (strlen(forms[i].form) == n1 && memcmp(w, forms[i].form, n1) == 0)
      break;
  if (i == sizeof forms / sizeof *forms || n2 < MIN_ROOT ||
      memchr(w + n1 + 1, '-', n2) != NULL)
    return 0;
  if (stem_half(S->dict, w + n1 + 1, n2, m)) {
    if (m->n_prefixes == 3)
      return 0;
    memmove(m->prefixes + 1, m->prefixes, m->n_prefixes * sizeof *m->prefixes);
    m->n_prefixes++;
  } else {
    memset(m, 0, sizeof *m);
    m->root.ptr = NULL; /* the part after the hyphen, in the caller's word */
    m->root.len = n2;
    m->flags = (unsigned)(n1 + 1) << 16;
    m->n_prefixes = 1;
  }
  m->prefixes[0] = (kb_prefix)forms[i].prefix;
  return 1;
}

/* A hyphenated word: "negara-negara" (countries) <- negara; "tembak-
 * menembak" (exchange of fire) <- tembak; "sebaik-baiknya" (as well as
 * possible) <- baik; "malaikat-malaikatnya" (his angels); "meniru-
 * nirukan" (imitate) <- tiru, whose second half only has a root with
 * meN-.  Both halves must reach the same root.  Returns 1 when S->out was
 * filled. */
static int stem_plural(search *S, const char *w, size_t n) {
  char second[MAX_WORD + 2];
  const char *dash = NULL, *first = w;
  size_t i, n1, n2;
  kb_morph m1, m2;
  for (i = 0; i < n; i++)
    if (w[i] == '-')
      dash = w + i;
  if (dash == NULL || dash == w || dash == w + n - 1)
    return 0;
  n1 = (size_t)(dash - w);
  n2 = n - n1 - 1;
  memcpy(second, dash + 1, n2);
  if (hyphenated_prefix(S, w, n1, n2))
    return 1;
  if (is_clitic(second, n2)) {
    /* "malaikat-malaikat-nya": the clitic joins the second half */
    const char *d2 = NULL;
    for (i = 0; i < n1; i++)
      if (w[i] == '-')
        d2 = w + i;
    if (d2 == NULL) {
      /* "kuasa-Mu" (Your power, of God), "Allah-lah": a clitic written
       * apart */
      int x = is_clitic(second, n2);
      if (!stem_half(S->dict, w, n1, S->out))
        return 0;
      if (x <= 3 && !S->out->possessive && !S->out->particle)
        S->out->possessive = (kb_possessive)x;
      else if (x > 3 && !S->out->particle)
        S->out->particle = (kb_particle)(x - 3);
      else
        return 0;
      return 1;
    }
    if (d2 == w)
      return 0;
    memmove(second + (n1 - (size_t)(d2 - w) - 1), second, n2);
    memcpy(second, d2 + 1, n1 - (size_t)(d2 - w) - 1);
    n2 += n1 - (size_t)(d2 - w) - 1;
    n1 = (size_t)(d2 - w);
  }
  if (!stem_half(S->dict, first, n1, &m1))
    return 0;
  if (!stem_half(S->dict, second, n2, &m2)) {
    /* "nirukan" has no root; "menirukan" has */
    char me[MAX_WORD + 4];
    if (n2 + 2 > MAX_WORD)
      goto tail;
    me[0] = 'm';
    me[1] = 'e';
    memcpy(me + 2, second, n2);
    if (!stem_half(S->dict, me, n2 + 2, &m2))
      goto tail;
  }
  if (m1.root.len != m2.root.len ||
      memcmp(m1.root.ptr, m2.root.ptr, m1.root.len) != 0)
    goto tail;
  goto same_root;
tail:
  /* "pertama-tama" (first of all): the second half repeats the end of
   * the first's root; "asal-muasal" (origin), "sayur-mayur"
   * (vegetables), "serta-merta" (at once): it rhymes with the first half,
   * ending as the first half does after its first letter */
  if (!(m1.root.len >= n2 + 1 &&
        memcmp(m1.root.ptr + m1.root.len - n2, second, n2) == 0) &&
      !(n1 >= 4 && n2 >= n1 - 1 &&
        memcmp(second + n2 - (n1 - 1), first + 1, n1 - 1) == 0))
    return 0;
  *S->out = m1;
  S->out->redup = KB_REDUP_AFFIXED;
  return 1;
same_root:
  /* the prefixes of the first half, else the second's ("tembak-menembak");
   * the suffixes of the second half, else the first's */
  *S->out = m1.n_prefixes ? m1 : m2;
  S->out->suffix = m2.suffix ? m2.suffix : m1.suffix;
  S->out->possessive = m2.possessive ? m2.possessive : m1.possessive;
  S->out->particle = m2.particle ? m2.particle : m1.particle;
  S->out->infix = m1.infix ? m1.infix : m2.infix;
  S->out->redup = (n1 == n2 && memcmp(first, second, n1) == 0)
                      ? KB_REDUP_FULL
                      : KB_REDUP_AFFIXED;
  return 1;
}

/* ------------------------------------------------------------------------
 * Classes
 * ---------------------------------------------------------------------- */

/* The class hint from the outermost prefix and the suffix. */
static kb_morph_class classify(const kb_morph *m) {
  kb_prefix p = m->n_prefixes ? m->prefixes[0] : KB_PREFIX_NONE;
  if (!(m->flags & KB_MORPHF_KNOWN) && p == KB_PREFIX_NONE)
    return KB_MORPH_UNKNOWN;
  switch (p) {
  case KB_PREFIX_MEN:
    return KB_MORPH_ACTIVE; /* "menyerang" (attacks) */
  case KB_PREFIX_DI:
  case KB_PREFIX_KU:
  case KB_PREFIX_KAU:
    return KB_MORPH_PASSIVE; /* "diserang" (is attacked) */
  case KB_PREFIX_BER:
    return KB_MORPH_INTRANSITIVE; /* "bertemu" (meet) */
  case KB_PREFIX_TER:
    return KB_MORPH_STATIVE; /* "terpilih" (elected) */
  case KB_PREFIX_PEN:
    return KB_MORPH_NOMINAL; /* "penyerang" (attacker) */
  case KB_PREFIX_PER:
    /* "perjanjian" (treaty) is a noun; "perkuat" (strengthen!) and
     * "perhatikan" (pay attention!) are verbs */
    return m->suffix == KB_SUFFIX_KAN || m->suffix == KB_SUFFIX_I
               ? KB_MORPH_OTHER
               : KB_MORPH_NOMINAL;
  case KB_PREFIX_KE:
    /* "kebijakan" (policy) is a noun; "kedua" (second) is not */
    return m->suffix == KB_SUFFIX_AN ? KB_MORPH_NOMINAL : KB_MORPH_OTHER;
  case KB_PREFIX_SE:
    return KB_MORPH_OTHER; /* "sebuah" (one), "setelah" (after) */
  case KB_PREFIX_NONE:
    break;
  }
  if (m->suffix == KB_SUFFIX_AN || m->suffix == KB_SUFFIX_ISASI ||
      m->suffix == KB_SUFFIX_ISME || m->suffix == KB_SUFFIX_IS)
    return KB_MORPH_NOMINAL; /* "serangan" (attack), "finalisasi" */
  if (m->suffix || m->infix)
    return KB_MORPH_OTHER; /* "lakukan" (do it), "kinerja" */
  return KB_MORPH_ROOT;    /* "presiden", "hatinya" (his heart) */
}

/* ------------------------------------------------------------------------
 * The analysis of one word
 * ---------------------------------------------------------------------- */

/* Lower-cases w[0..n) into out when it is a word the rules apply to:
 * ASCII letters with single inner hyphens.  Returns 0 otherwise. */
static int normalise(const char *w, size_t n, char *out) {
  size_t i;
  if (n == 0 || n > MAX_WORD)
    return 0;
  for (i = 0; i < n; i++) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    if (c == '-') {
      if (i == 0 || i == n - 1 || w[i - 1] == '-')
        return 0;
    } else if (c < 'a' || c > 'z') {
      return 0;
    }
    out[i] = c;
  }
  return 1;
}

/* Numbers with affixes, which have no lexicon root: the ordinal "ke-3"
 * (third) is ke- + 3, the decade "1990-an" (the 1990s) is 1990 + -an.
 * The root is then part of the word: *m gets root.ptr NULL and the root's
 * offset in root.len's stead is kept in `flags` bits 16 and up. */
static void number_forms(const char *w, size_t n, kb_morph *m) {
  size_t i, start = 0, end = n;
  if (n > 3 && (w[0] == 'k' || w[0] == 'K') && (w[1] == 'e' || w[1] == 'E') &&
      w[2] == '-') {
    start = 3;
    m->prefixes[0] = KB_PREFIX_KE;
    m->n_prefixes = 1;
    m->cls = KB_MORPH_OTHER;
  } else if (n > 3 && w[n - 3] == '-' && (w[n - 2] == 'a' || w[n - 2] == 'A') &&
             (w[n - 1] == 'n' || w[n - 1] == 'N')) {
    end = n - 3;
    m->suffix = KB_SUFFIX_AN;
    m->cls = KB_MORPH_NOMINAL;
  } else {
    return;
  }
  for (i = start; i < end; i++)
    if (w[i] < '0' || w[i] > '9')
      break;
  if (i < end || end == start || end - start > 0xffff) {
    memset(m, 0, sizeof *m);
    m->cls = KB_MORPH_UNKNOWN;
    return;
  }
  m->root.ptr = NULL;
  m->root.len = end - start;
  m->flags = (unsigned)start << 16;
}

/* The analysis of w[0..n) without the memo.  A word with no root has
 * root.ptr NULL here (the caller points it at its own word). */
static void analyse(const kb_dict *d, const char *w, size_t n, kb_morph *m) {
  char low[MAX_WORD + 1];
  search S;
  int found = 0;
  memset(&S, 0, sizeof S);
  S.dict = d;
  S.out = m;
  memset(m, 0, sizeof *m);
  while (n > 1 && w[n - 1] == '-')
    n--; /* "melakukan-" cut at a line end */
  if (d && normalise(w, n, low)) {
    if (memchr(low, '-', n)) {
      /* "rata-rata" (average) <- rata, as the UD treebanks lemmatise;
       * "bolak-balik" (to and fro) is a lexicon word of its own */
      found = stem_plural(&S, low, n) || whole_word(d, low, n, m);
    } else {
      found = stem_word(d, low, n, m);
    }
  }
  if (!found) {
    memset(m, 0, sizeof *m);
    m->cls = KB_MORPH_UNKNOWN;
    number_forms(w, n, m);
    return;
  }
  m->cls = classify(m);
}

/* ------------------------------------------------------------------------
 * Public entry points
 * ---------------------------------------------------------------------- */

/* kb_morph_analyse, which also says in *entry which memo entry holds the
 * word (NULL when none). */
static kb_status analyse_word(const kb_dict *dict, const char *word,
                              size_t len, unsigned flags, kb_morph *out,
                              const struct memo_entry **entry) {
  struct morph_memo *memo;
  *entry = NULL;
  if (out == NULL || (word == NULL && len > 0))
    return KB_EARG;
  memo = dict && !(flags & KB_MORPH_NO_MEMO) ? dict->memo : NULL;
  if (memo == NULL || len == 0 || len > MAX_WORD) {
    analyse(dict, word, len, out);
  } else {
    morph_key key;
    *entry = morph_memo_get(memo, word, len, &key, out);
    if (*entry == NULL) {
      analyse(dict, word, len, out);
      *entry = morph_memo_put(memo, &key, out);
    }
  }
  if (out->root.ptr == NULL) {
    /* the root is the word, or (number_forms) part of it */
    size_t start = out->flags >> 16;
    out->root.ptr = word ? word + start : "";
    if (out->root.len == 0)
      out->root.len = len;
    out->flags &= 0xffffu;
  }
  return KB_OK;
}

kb_status kb_morph_analyse(const kb_dict *dict, const char *word, size_t len,
                           unsigned flags, kb_morph *out) {
  const struct memo_entry *entry;
  return analyse_word(dict, word, len, flags, out, &entry);
}

kb_status kb_morph_word(const kb_dict *dict, const char *word, size_t len,
                        kb_morph *out) {
  const struct memo_entry *entry;
  return analyse_word(dict, word, len, 0, out, &entry);
}

/* ------------------------------------------------------------------------
 * The document stage
 * ---------------------------------------------------------------------- */

/* Whether m carries a derivation clear enough to trust on a capitalised
 * word inside a sentence: meN-, peN-, per-, ber-, ter-, or ke-/se- with
 * -an.  "Kementerian" (ministry) = ke-...-an + menteri and "Pertahanan"
 * (defence) = per-...-an + tahan are trusted; "Kediri" (a town) = ke- +
 * diri (self), "Dimas" = di- + mas, "Bekasi" = bekas + -i, "Rosan" = ros
 * + -an are not: Indonesian names often end as suffixes do. */
static int is_clear_derivation(const kb_morph *m) {
  unsigned i;
  for (i = 0; i < m->n_prefixes; i++)
    switch (m->prefixes[i]) {
    case KB_PREFIX_MEN:
    case KB_PREFIX_PEN:
    case KB_PREFIX_PER:
    case KB_PREFIX_BER:
    case KB_PREFIX_TER:
      return 1;
    case KB_PREFIX_KE:
    case KB_PREFIX_SE:
      if (m->suffix == KB_SUFFIX_AN)
        return 1;
      break;
    default:
      break;
    }
  return 0;
}

/* Whether m says the word itself is a lexicon word. */
static int is_lexicon_word(const kb_morph *m) {
  return (m->flags & KB_MORPHF_KNOWN) && m->n_prefixes == 0 && !m->suffix &&
         !m->possessive && !m->particle && !m->infix && !m->redup;
}

/* Keeps t as a proper name: root = the token's text. */
static void keep_name(kb_morph *m, const kb_token *t) {
  memset(m, 0, sizeof *m);
  m->root = t->text;
  m->cls = KB_MORPH_NAME;
}

/* Keeps the word of token t whole as a proper name when its capitals say
 * so; m holds its kb_morph_word analysis.  In a headline (is_title) only
 * known names and acronyms are kept. */
static void guess_name(const kb_dict *dict, const kb_token *t, kb_morph *m,
                       int is_title) {
  if (is_lexicon_word(m))
    return;
  if (t->flags & KB_TOKF_ALLCAPS) {
    /* "DPR", "KPK": acronyms; a shouted "PEMERINTAH" still stems */
    if (!(t->text.len > 5 && is_clear_derivation(m)))
      keep_name(m, t);
  } else if (t->flags & KB_TOKF_CAPITAL) {
    /* "Putin", "Kediri" inside a sentence: names; at the start of a
     * sentence or in a headline only known names are kept */
    if (kb_dict_has_name(dict, t->text.ptr, t->text.len) ||
        (!is_title && !(t->flags & KB_TOKF_SENT_START) &&
         !is_clear_derivation(m)))
      keep_name(m, t);
  }
}

kb_status kb_doc_morph(kb_doc *doc, const kb_dict *dict, kb_error *err) {
  size_t i;
  kb_status st;
  if (doc->morphs)
    return KB_OK;
  if (!doc->is_segmented) {
    st = kb_doc_segment(doc, err);
    if (st != KB_OK)
      return st;
  }
  /* not zeroed as a whole: kb_morph_word fills every field of a word's
   * analysis, and the other tokens are zeroed one by one below */
  {
    size_t bytes;
    doc->morphs =
        kb_mul_size(doc->n_tokens ? doc->n_tokens : 1, sizeof *doc->morphs,
                    &bytes) == 0
            ? arena_alloc(&doc->arena, bytes)
            : NULL;
  }
  doc->word_memo =
      arena_alloc(&doc->arena, (doc->n_tokens ? doc->n_tokens : 1) *
                                   sizeof *doc->word_memo);
  if (doc->morphs == NULL || doc->word_memo == NULL) {
    doc->morphs = NULL;
    doc->word_memo = NULL;
    set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
    return KB_ENOMEM;
  }
  for (i = 0; i < doc->n_tokens; i++) {
    const kb_token *t = &doc->tokens[i];
    kb_morph *m = &doc->morphs[i];
    if (t->kind != KB_TOK_WORD) {
      memset(m, 0, sizeof *m);
      m->root = t->text;
      m->cls = KB_MORPH_NONE;
      doc->word_memo[i] = NULL;
      continue;
    }
    analyse_word(dict, t->text.ptr, t->text.len, 0, m, &doc->word_memo[i]);
    guess_name(dict, t, m, 0);
  }
  /* a headline capitalises every word ("Serangan Israel Tewaskan 20
   * Orang"): there only known names are kept */
  for (i = 0; i < doc->n_sentences; i++) {
    const kb_sentence *s = &doc->sentences[i];
    size_t k;
    if (s->part != KB_BLOCK_TITLE)
      continue;
    for (k = s->first_token;
         k < s->first_token + s->n_tokens && k < doc->n_tokens; k++) {
      const kb_token *t = &doc->tokens[k];
      if (t->kind != KB_TOK_WORD || doc->morphs[k].cls != KB_MORPH_NAME)
        continue;
      analyse_word(dict, t->text.ptr, t->text.len, 0, &doc->morphs[k],
                   &doc->word_memo[k]);
      guess_name(dict, t, &doc->morphs[k], 1);
    }
  }
  return KB_OK;
}

const kb_morph *kb_doc_token_morph(const kb_doc *doc, size_t i) {
  return doc->morphs && i < doc->n_tokens ? &doc->morphs[i] : NULL;
}

/* ------------------------------------------------------------------------
 * Names
 * ---------------------------------------------------------------------- */

const char *kb_prefix_str(kb_prefix p) {
  static const char *const names[] = {"",     "meN-", "di-",  "ber-",
                                      "ter-", "peN-", "per-", "ke-",
                                      "se-",  "ku-",  "kau-"};
  return (unsigned)p < sizeof names / sizeof *names ? names[p] : "";
}

const char *kb_morph_class_str(kb_morph_class cls) {
  static const char *const names[] = {
      "none",    "root",    "active", "passive", "intransitive",
      "stative", "nominal", "other",  "name",    "unknown"};
  return (unsigned)cls < sizeof names / sizeof *names ? names[cls] : "none";
}

/* Appends s and a separating space to out[*len..size). */
static void put_affix(char *out, size_t size, size_t *len, const char *s) {
  size_t k = strlen(s), i;
  if (*len) {
    if (*len + 1 < size)
      out[*len] = ' ';
    (*len)++;
  }
  for (i = 0; i < k; i++, (*len)++)
    if (*len + 1 < size)
      out[*len] = s[i];
}

size_t kb_morph_affixes(const kb_morph *m, char *out, size_t size) {
  static const char *const infixes[] = {"", "-el-", "-em-", "-er-", "-in-"};
  static const char *const suffixes[] = {"",       "-kan",  "-i",    "-an",
                                         "-isasi", "-isme", "-isir", "-is"};
  static const char *const possessives[] = {"", "-ku", "-mu", "-nya"};
  static const char *const particles[] = {"", "-lah", "-kah", "-tah", "-pun"};
  size_t len = 0;
  unsigned i;
  if (m->redup == KB_REDUP_PARTIAL)
    put_affix(out, size, &len, "redup-partial");
  else if (m->redup)
    put_affix(out, size, &len, "redup");
  for (i = 0; i < m->n_prefixes && i < 3; i++)
    put_affix(out, size, &len, kb_prefix_str(m->prefixes[i]));
  if ((unsigned)m->infix < 5 && m->infix)
    put_affix(out, size, &len, infixes[m->infix]);
  if ((unsigned)m->suffix < 8 && m->suffix)
    put_affix(out, size, &len, suffixes[m->suffix]);
  if ((unsigned)m->possessive < 4 && m->possessive)
    put_affix(out, size, &len, possessives[m->possessive]);
  if ((unsigned)m->particle < 5 && m->particle)
    put_affix(out, size, &len, particles[m->particle]);
  if (size)
    out[len < size ? len : size - 1] = '\0';
  return len;
}
