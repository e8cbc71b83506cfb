/*
 * morph.h -- the morph stage's private interface: what the dictionary
 * loader calls to build the stemmer's tables and memo (src/dict.c).
 */
#ifndef KB_MORPH_H
#define KB_MORPH_H

#include "kabar_int.h"

/* Longest word analysed, in bytes; longer ones are their own root. */
#define MORPH_MAX_WORD 48

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

/* morph_lexicon.c: the bit of (outermost prefix, suffix) in a root's
 * value, 0 for a pair no flag marks (the bare root needs none). */
uint32_t morph_pair_bit(int prefix, int suffix);
/* The number of (prefix, suffix) pairs a root's value licenses: how
 * productive, and so how likely, the root is. */
unsigned morph_affix_count(uint32_t value);

/* morph_memo.c: a memo key, the lower-cased word in 8-byte words. */
typedef struct morph_key {
  uint64_t words[MORPH_MAX_WORD / 8];
  size_t len;
  uint32_t hash;
} morph_key;

/* One memo entry: a word and its analysis (opaque outside morph_memo.c;
 * kb_doc.word_memo points at them). */
struct memo_entry;
/* Looks word[0..len) (len <= MORPH_MAX_WORD) up, without a lock, and
 * fills *key for morph_memo_put.  On a hit fills *out as analyse() made
 * it (a root in the word: root.ptr NULL, see morph.c) and returns its
 * entry; else returns NULL. */
const struct memo_entry *morph_memo_get(struct morph_memo *memo,
                                        const char *word, size_t len,
                                        morph_key *key, kb_morph *out);
/* Remembers key -> m, taking the memo's lock, and returns the entry.  A
 * failed allocation or a full memo only means the word is not
 * remembered (NULL). */
const struct memo_entry *morph_memo_put(struct morph_memo *memo,
                                        const morph_key *key,
                                        const kb_morph *m);
/* Facts that the tag and code stages cache on a memo entry, so that they
 * are worked out once per distinct word (lower-cased) and dict instead of
 * once per token: a fact is a function of the entry's word and the dict
 * only, 0 until the first stage that needs it stores it (nonzero), then
 * read without a lock by every thread (docs/MORPH.md, "Memo").  Slots: */
#define MORPH_FACT_CLASS 0u     /* code.c: closed-class and phrase bits */
#define MORPH_FACT_VERB_ROOT 1u /* code.c: verb patterns of the root */
#define MORPH_FACT_VERB_WORD 2u /* code.c: ... of the word kept whole */
#define MORPH_FACT_DATE_WORD 3u /* tag_date.c: the word in the date lexicon */
#define MORPH_FACT_OBJECTS 4u   /* code.c: verb-object ids of word and root */
#define MORPH_N_FACTS 5u
uint32_t morph_memo_fact(const struct memo_entry *e, unsigned which);
/* The root of the entry's analysis, as kb_morph_word gives it for
 * word[0..len) (the word the entry was found for); *known says whether
 * it is a lexicon root (KB_MORPHF_KNOWN, lower case). */
kb_text morph_memo_root(const struct memo_entry *e, const char *word,
                        size_t len, int *known);
void morph_memo_set_fact(const struct memo_entry *e, unsigned which,
                         uint32_t v);

/* Creates the dict's memo.  Returns KB_OK or KB_ENOMEM. */
kb_status morph_dict_init(kb_dict *d);

/* Frees what morph_add_compound and morph_dict_init made (morph_memo.c).
 * Accepts a dict on which they never ran. */
void morph_dict_free(kb_dict *d);

#endif
