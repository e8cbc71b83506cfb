/*
 * morph.h -- the morph stage's private interface: what the dictionary
 * loader calls to build the stemmer's tables and memo (src/dict.c).
 */
#ifndef KB_MORPH_H
#define KB_MORPH_H

#include "kabar_int.h"

/* Adds one line of data/morph_compounds.txt, a multi-word root such as
 * "tanda tangan" (signature), indexed by its joined form "tandatangan".
 * A dict_line_fn (dict.h): returns 0, -1 when out of memory, or 1 with
 * *why set for a malformed line. */
int morph_add_compound(kb_dict *d, const char *s, size_t n, const char **why);

/* The affixes a root takes are kept as bits in its strset value (the
 * roots set of kb_dict): which outermost prefix goes with which suffix.
 * Roots of data/roots.txt take any (MORPH_ANY_AFFIX). */
#define MORPH_ANY_AFFIX 0x80000000u

/* The affix bits of a hunspell-id flag string (the part after '/', in
 * id_ID.aff's two-letter flags): "kirim/B0BaD0DkM0Mi..." takes ber-, di-,
 * di-...-kan, meN-, meN-...-i, ...  Unknown flags are ignored. */
uint32_t morph_hunspell_affixes(const char *flags, size_t n);

/* Adds one line of data/morph_not_roots.txt: a derived word that the
 * hunspell list has as a root ("kinerja" (performance) <- kerja,
 * "belajar" (study) <- ajar), which the stemmer must take apart.  Marks
 * the root MORPH_NOT_ROOT; a dict_line_fn. */
int morph_add_not_root(kb_dict *d, const char *s, size_t n, const char **why);
#define MORPH_NOT_ROOT 0x40000000u

/* Creates the dict's memo.  Returns KB_OK or KB_ENOMEM. */
kb_status morph_dict_init(kb_dict *d);

/* Frees what morph_add_compound and morph_dict_init made.  Accepts a dict
 * on which they never ran. */
void morph_dict_free(kb_dict *d);

#endif
