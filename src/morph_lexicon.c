/*
 * morph_lexicon.c -- the morph stage's view of the lexicon: the affixes
 * each hunspell-id root takes, and kabar's multi-word roots and non-roots.
 *
 * Input: hunspell-id's flag strings ("kirim/B0BaD0DkM0Mi..."), lines of
 * data/morph_compounds.txt and data/morph_not_roots.txt, all given by the
 * dictionary loader (src/dict.c) while it builds a kb_dict.  Output: bits
 * in the roots set's values, the compounds set.  Read by morph.c.
 * References: hunspell-id's id_ID.aff (Benitius Brevoort, GPL): the
 * meaning of each two-letter flag is in its comments.
 */
#include <string.h>

#include "kabar_int.h"
#include "morph.h"

#define MAX_WORD MORPH_MAX_WORD

/* ------------------------------------------------------------------------
 * Licensing: which affixes a root takes
 *
 * hunspell-id marks each root with the affixes it takes (id_ID.aff):
 * "kunjung/B0DiMiP0a0i0" takes ber-, di-...-i, meN-...-i, peN-, -an, -i;
 * "unjung/Mk" only meN-...-kan.  So "mengunjungi" (visits) is kunjung, not
 * unjung, though both are roots.  A root found with affixes its flags do
 * not allow ranks below a licensed one (morph.c, accept()): "gerakan"
 * (movement) is gerak + -an (gerak/..a0), not gera + -kan (gera/M0P0);
 * "pemerintah" (government) is peN- + perintah, not peN- + perin + -tah.
 * ---------------------------------------------------------------------- */

/* The bit of (outermost prefix, suffix) in a root's value, or -1 for a
 * pair no flag licenses.  (NONE, NONE), the bare root, is always
 * allowed. */
static const signed char license_bit[11][4] = {
    /*            none kan  i   an */
    /* none */ {-1, 0, 1, 2},
    /* meN- */ {3, 4, 5, -1},
    /* di-  */ {6, 7, 8, -1},
    /* ber- */ {9, 10, -1, 11},
    /* ter- */ {12, 13, 14, 15},
    /* peN- */ {16, -1, -1, 17},
    /* per- */ {18, 19, 20, 21},
    /* ke-  */ {22, -1, 23, 24},
    /* se-  */ {25, -1, -1, 26},
    /* ku-  */ {27, 28, 29, -1},
    /* kau- */ {27, 28, 29, -1}};

/* One hunspell-id flag and the (prefix, suffix) pairs it licenses (a
 * circumfix's prefix part, such as keber- of keber-...-an, licenses the
 * pair with its suffix). */
typedef struct flag_map {
  char flag[3];
  unsigned char prefix, suffix, prefix2, suffix2;
} flag_map;

#define P_(p) KB_PREFIX_##p
#define S_(s) KB_SUFFIX_##s
static const flag_map flag_maps[] = {
    /* ber- (B0 ber-, BE be-, BK berke-, BI bersi-, BP berpe-, BS berse-) */
    {"B0", P_(BER), S_(NONE), P_(BER), S_(AN)},
    {"B1", P_(BER), S_(AN), P_(BER), S_(NONE)},
    {"BE", P_(BER), S_(NONE), P_(BER), S_(NONE)},
    {"B3", P_(BER), S_(AN), P_(BER), S_(KAN)},
    {"BK", P_(BER), S_(AN), P_(BER), S_(NONE)},
    {"B4", P_(BER), S_(AN), P_(BER), S_(NONE)},
    {"BI", P_(BER), S_(NONE), P_(BER), S_(NONE)},
    {"BP", P_(BER), S_(NONE), P_(BER), S_(AN)},
    {"B5", P_(BER), S_(AN), P_(BER), S_(NONE)},
    {"BS", P_(BER), S_(NONE), P_(BER), S_(AN)},
    {"B6", P_(BER), S_(AN), P_(BER), S_(NONE)},
    {"Ba", P_(BER), S_(AN), P_(BER), S_(AN)},
    {"Bb", P_(BER), S_(NONE), P_(BER), S_(NONE)},
    {"Bk", P_(BER), S_(KAN), P_(BER), S_(KAN)},
    {"Bf", P_(BER), S_(AN), P_(BER), S_(AN)},
    {"Bg", P_(BER), S_(KAN), P_(BER), S_(KAN)},
    {"Bl", P_(BER), S_(AN), P_(BER), S_(AN)},
    {"Bq", P_(BER), S_(AN), P_(BER), S_(AN)},
    {"Bt", P_(BER), S_(AN), P_(BER), S_(AN)},
    /* di- (D0, dike- DK, diper- DR, dise- DS) */
    {"D0", P_(DI), S_(NONE), P_(DI), S_(NONE)},
    {"D1", P_(DI), S_(KAN), P_(DI), S_(I)},
    {"DK", P_(DI), S_(NONE), P_(DI), S_(KAN)},
    {"DR", P_(DI), S_(NONE), P_(DI), S_(NONE)},
    {"D3", P_(DI), S_(KAN), P_(DI), S_(I)},
    {"DS", P_(DI), S_(NONE), P_(DI), S_(KAN)},
    {"Di", P_(DI), S_(I), P_(DI), S_(I)},
    {"Dk", P_(DI), S_(KAN), P_(DI), S_(KAN)},
    {"Dm", P_(DI), S_(I), P_(DI), S_(I)},
    {"Dn", P_(DI), S_(KAN), P_(DI), S_(KAN)},
    {"Dt", P_(DI), S_(I), P_(DI), S_(I)},
    {"Du", P_(DI), S_(KAN), P_(DI), S_(KAN)},
    {"Dv", P_(DI), S_(KAN), P_(DI), S_(KAN)},
    /* ke- (K0; keber-, keme-, kepe-, kese-, keter- go with -an) */
    {"K0", P_(KE), S_(NONE), P_(KE), S_(NONE)},
    {"K1", P_(KE), S_(AN), P_(KE), S_(NONE)},
    {"KB", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"KM", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"KP", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"KS", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"KT", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Ka", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Kc", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Ki", P_(KE), S_(I), P_(KE), S_(I)},
    {"Kn", P_(KE), S_(NONE), P_(KE), S_(NONE)},
    {"Ko", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Kq", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Kt", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Ku", P_(KE), S_(AN), P_(KE), S_(AN)},
    {"Me", P_(KE), S_(AN), P_(KE), S_(AN)},
    /* meN- (M0 me-, MB member-, MG menge-, MM mem-, MP mempe-, MR
     * memper-, MS menye-) */
    {"M0", P_(MEN), S_(NONE), P_(MEN), S_(NONE)},
    {"M1", P_(MEN), S_(KAN), P_(MEN), S_(I)},
    {"MB", P_(MEN), S_(NONE), P_(MEN), S_(KAN)},
    {"MG", P_(MEN), S_(NONE), P_(MEN), S_(NONE)},
    {"M3", P_(MEN), S_(KAN), P_(MEN), S_(I)},
    {"MM", P_(MEN), S_(NONE), P_(MEN), S_(NONE)},
    {"M5", P_(MEN), S_(KAN), P_(MEN), S_(I)},
    {"MP", P_(MEN), S_(NONE), P_(MEN), S_(NONE)},
    {"M4", P_(MEN), S_(KAN), P_(MEN), S_(I)},
    {"MR", P_(MEN), S_(NONE), P_(MEN), S_(NONE)},
    {"M6", P_(MEN), S_(KAN), P_(MEN), S_(I)},
    {"MS", P_(MEN), S_(NONE), P_(MEN), S_(NONE)},
    {"M7", P_(MEN), S_(KAN), P_(MEN), S_(I)},
    {"Mi", P_(MEN), S_(I), P_(MEN), S_(I)},
    {"Mk", P_(MEN), S_(KAN), P_(MEN), S_(KAN)},
    {"Mg", P_(MEN), S_(I), P_(MEN), S_(I)},
    {"Mh", P_(MEN), S_(KAN), P_(MEN), S_(KAN)},
    {"Mm", P_(MEN), S_(I), P_(MEN), S_(I)},
    {"Mo", P_(MEN), S_(KAN), P_(MEN), S_(KAN)},
    {"Mp", P_(MEN), S_(I), P_(MEN), S_(I)},
    {"Mq", P_(MEN), S_(KAN), P_(MEN), S_(KAN)},
    {"Mt", P_(MEN), S_(I), P_(MEN), S_(I)},
    {"Mu", P_(MEN), S_(KAN), P_(MEN), S_(KAN)},
    {"Mw", P_(MEN), S_(I), P_(MEN), S_(I)},
    {"Mx", P_(MEN), S_(KAN), P_(MEN), S_(KAN)},
    /* ku-, kau- */
    {"O0", P_(KU), S_(NONE), P_(KU), S_(NONE)},
    {"O1", P_(KU), S_(KAN), P_(KU), S_(I)},
    {"Oi", P_(KU), S_(I), P_(KU), S_(I)},
    {"Ok", P_(KU), S_(KAN), P_(KU), S_(KAN)},
    /* peN- (P0 pe-, PB pember-, PE pe-, PG pen-, PK peng-, PM peme-, PN
     * penge-, PR pemer-, PS penye-) */
    {"P0", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P1", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PB", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PE", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P3", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PG", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P4", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PK", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P5", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PM", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P6", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PN", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P7", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PR", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P8", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"PS", P_(PEN), S_(NONE), P_(PEN), S_(NONE)},
    {"P9", P_(PEN), S_(AN), P_(PEN), S_(NONE)},
    {"Pa", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Pc", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Pf", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Pg", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Pl", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Pn", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Po", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Ps", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    {"Pv", P_(PEN), S_(AN), P_(PEN), S_(AN)},
    /* per- (R0; re- RE, perpe- RP, perse- RS) */
    {"R0", P_(PER), S_(NONE), P_(PER), S_(NONE)},
    {"R1", P_(PER), S_(AN), P_(PER), S_(KAN)},
    {"RE", P_(PER), S_(NONE), P_(PER), S_(NONE)},
    {"R3", P_(PER), S_(AN), P_(PER), S_(NONE)},
    {"RP", P_(PER), S_(AN), P_(PER), S_(NONE)},
    {"RS", P_(PER), S_(AN), P_(PER), S_(NONE)},
    {"R4", P_(PER), S_(AN), P_(PER), S_(NONE)},
    {"Ra", P_(PER), S_(AN), P_(PER), S_(AN)},
    {"Ri", P_(PER), S_(I), P_(PER), S_(I)},
    {"Rk", P_(PER), S_(KAN), P_(PER), S_(KAN)},
    {"Rf", P_(PER), S_(AN), P_(PER), S_(AN)},
    {"Rq", P_(PER), S_(AN), P_(PER), S_(AN)},
    {"Rt", P_(PER), S_(AN), P_(PER), S_(AN)},
    /* se- (S0; seber-, seke-, sepe-, seper-, sese-, seter-, si-) */
    {"S0", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"S1", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"SB", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"S3", P_(SE), S_(NONE), P_(SE), S_(AN)},
    {"SK", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"S4", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"SP", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"S5", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"SR", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"S6", P_(SE), S_(AN), P_(SE), S_(NONE)},
    {"SQ", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"SS", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"ST", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"Sa", P_(SE), S_(AN), P_(SE), S_(AN)},
    {"Sb", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"Sl", P_(SE), S_(AN), P_(SE), S_(AN)},
    {"Sn", P_(SE), S_(NONE), P_(SE), S_(NONE)},
    {"Sq", P_(SE), S_(AN), P_(SE), S_(AN)},
    {"Ss", P_(SE), S_(AN), P_(SE), S_(AN)},
    /* ter- (T0; terbe-, te-, terke-, teper-) */
    {"T0", P_(TER), S_(NONE), P_(TER), S_(NONE)},
    {"T1", P_(TER), S_(KAN), P_(TER), S_(I)},
    {"TB", P_(TER), S_(NONE), P_(TER), S_(NONE)},
    {"TE", P_(TER), S_(NONE), P_(TER), S_(NONE)},
    {"T3", P_(TER), S_(AN), P_(TER), S_(NONE)},
    {"TK", P_(TER), S_(NONE), P_(TER), S_(NONE)},
    {"TR", P_(TER), S_(NONE), P_(TER), S_(NONE)},
    {"Ta", P_(TER), S_(AN), P_(TER), S_(AN)},
    {"Tf", P_(TER), S_(AN), P_(TER), S_(AN)},
    {"Ti", P_(TER), S_(I), P_(TER), S_(I)},
    {"Tg", P_(TER), S_(I), P_(TER), S_(I)},
    {"Tk", P_(TER), S_(KAN), P_(TER), S_(KAN)},
    {"Tn", P_(TER), S_(KAN), P_(TER), S_(KAN)},
    {"Th", P_(TER), S_(KAN), P_(TER), S_(KAN)},
    /* plain suffixes */
    {"a0", P_(NONE), S_(AN), P_(NONE), S_(AN)},
    {"i0", P_(NONE), S_(I), P_(NONE), S_(I)},
    {"k0", P_(NONE), S_(KAN), P_(NONE), S_(KAN)}};
#undef P_
#undef S_

unsigned morph_affix_count(uint32_t value) {
  unsigned n = 0;
  value &= ~(MORPH_ANY_AFFIX | MORPH_NOT_ROOT);
  while (value) {
    value &= value - 1;
    n++;
  }
  return n;
}

uint32_t morph_pair_bit(int prefix, int suffix) {
  int bit;
  if (prefix < 0 || prefix > KB_PREFIX_KAU || suffix < 0 ||
      suffix > KB_SUFFIX_AN)
    return 0; /* no flag marks the loanword suffixes */
  bit = license_bit[prefix][suffix]; /* NOLINT(bugprone-signed-char-misuse):
                                        -1 means none */
  return bit < 0 ? 0 : (uint32_t)1 << bit;
}

uint32_t morph_hunspell_affixes(const char *flags, size_t n) {
  uint32_t bits = 0;
  size_t i, k;
  for (i = 0; i + 1 < n; i += 2)
    for (k = 0; k < sizeof flag_maps / sizeof *flag_maps; k++)
      if (flag_maps[k].flag[0] == flags[i] &&
          flag_maps[k].flag[1] == flags[i + 1]) {
        bits |= morph_pair_bit(flag_maps[k].prefix, flag_maps[k].suffix);
        bits |= morph_pair_bit(flag_maps[k].prefix2, flag_maps[k].suffix2);
        break;
      }
  return bits;
}

/* ------------------------------------------------------------------------
 * Multi-word roots and non-roots
 * ---------------------------------------------------------------------- */

int morph_add_compound(kb_dict *d, const char *s, size_t n, const char **why) {
  char joined[MAX_WORD + 1];
  char *spaced;
  size_t i, k = 0;
  if (n > MAX_WORD || memchr(s, ' ', n) == NULL) {
    *why = "want two or more words, at most 48 bytes";
    return 1;
  }
  for (i = 0; i < n; i++)
    if (s[i] != ' ')
      joined[k++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
  if (strset_find(&d->compounds, joined, k))
    return 0;
  if (arena_grow(&d->arena, (void **)&d->compound_roots, &d->cap_compound_roots,
                 d->n_compound_roots + 1, sizeof *d->compound_roots) != 0)
    return -1;
  spaced = arena_strndup(&d->arena, s, n);
  if (spaced == NULL)
    return -1;
  for (i = 0; i < n; i++)
    if (spaced[i] >= 'A' && spaced[i] <= 'Z')
      spaced[i] = (char)(spaced[i] + 32);
  d->compound_roots[d->n_compound_roots].ptr = spaced;
  d->compound_roots[d->n_compound_roots].len = n;
  if (strset_add(&d->compounds, &d->arena, joined, k,
                 (uint32_t)d->n_compound_roots) != 0)
    return -1;
  d->n_compound_roots++;
  return 0;
}

int morph_add_not_root(kb_dict *d, const char *s, size_t n, const char **why) {
  char low[MAX_WORD];
  size_t i;
  const strset_slot *sl;
  if (n > MAX_WORD) {
    *why = "longer than 48 bytes";
    return 1;
  }
  for (i = 0; i < n; i++)
    low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
  sl = strset_find(&d->roots, low, n);
  if (sl) /* the dict is still being built: its sets are ours to change */
    ((strset_slot *)sl)->value |= MORPH_NOT_ROOT;
  return 0;
}
