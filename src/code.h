/*
 * code.h -- internal interface of the tag and code stages: actor noun
 * phrases found in a sentence (tag_actor.c) and the event coder that reads
 * them (code.c).
 */
#ifndef KB_CODE_H
#define KB_CODE_H

#include <string.h>

#include "dict.h"
#include "kabar_int.h"

/* What kind of reference a noun phrase makes. */
typedef enum np_kind {
  NP_ACTOR,   /* names an actor: "Presiden Rusia Vladimir Putin" */
  NP_BOTH,    /* "kedua negara", "keduanya": the two in focus */
  NP_THAT,    /* "negara itu", "negara tersebut": a country in focus */
  NP_PRONOUN  /* "dia", "ia", "beliau": the last person subject */
} np_kind;

/* An actor noun phrase: tokens [first, end) of the document. */
typedef struct np {
  np_kind kind;
  size_t first, end;
  const dict_actor *person;  /* "Vladimir Putin" */
  size_t person_first, person_end; /* the person's own tokens; with no
                                      person, a name learned from the
                                      title before it */
  const dict_actor *country; /* "Rusia", "Kremlin", "PBB", "Hamas" */
  const dict_actor *agent;   /* "presiden", "tentara" */
  int is_media;              /* a news agency: attribution, not an actor */
  unsigned prep;             /* the preposition governing it (PREP_*) */
  int by_country;            /* NP_BOTH: "kedua negara" (countries), not
                                "kedua belah pihak" (the actors) */
  size_t snap;               /* NP_BOTH, NP_THAT: focus snapshot (code.c) */
  int federal;               /* NP_THAT: "pemerintah federal", "agen
                                federal": a federal state in focus;
                                NP_CENTRAL: "pemerintah pusat", the
                                regional source's own state (code.c) */
} np;

#define NP_FEDERAL 1
#define NP_CENTRAL 2

/* Prepositions that govern a noun phrase. */
#define PREP_NONE 0u
#define PREP_KEPADA 1u /* kepada, pada, bagi, untuk: recipient */
#define PREP_KE 2u     /* ke, menuju: goal */
#define PREP_DENGAN 3u /* dengan, bersama: partner */
#define PREP_OLEH 4u   /* oleh: passive agent */
#define PREP_DARI 5u   /* dari: origin */
#define PREP_TERHADAP 6u /* terhadap, atas, melawan: target */
#define PREP_DI 7u     /* di: location */
#define PREP_OTHER 8u  /* tentang, menurut, kata ...: never an actor */
#define PREP_ANTARA 9u /* antara: "menengahi konflik antara A dan B" */

/* Parts of people's names seen earlier in the document ("Kim" after "Kim
 * Jong Un"), so that a surname alone finds its person.  A name that no
 * dictionary knows, learned from its title ("Duta Besar Iran untuk PBB,
 * Ali Bahreini"), has no person but the title's agent and country. */
#define NAME_MEMORY 64
typedef struct name_memory {
  kb_text part[NAME_MEMORY];
  const dict_actor *person[NAME_MEMORY];
  const dict_actor *agent[NAME_MEMORY];   /* learned names only */
  const dict_actor *country[NAME_MEMORY]; /* learned names only */
  unsigned char given[NAME_MEMORY]; /* learned, and not the last word */
  size_t n;
  uint64_t sieve; /* a bit for every part (tag_actor.c's name_bit): most
                     tokens are no part, and this tells at once */
} name_memory;

/* Remembers the name tokens of the person phrases in ps[0..n). */
void tag_remember(name_memory *mem, const kb_doc *doc, const np *ps,
                  size_t n);

/* Lower-cased token text equals the lower-case literal `word`?  Inline,
 * so that strlen of a literal folds to a constant: it runs on every
 * token. */
static inline int code_tok_is(const kb_token *t, const char *word) {
  size_t n = strlen(word), i;
  if (t->text.len != n || (t->text.ptr[0] | 0x20) != word[0])
    return 0;
  for (i = 1; i < n; i++) {
    char c = t->text.ptr[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    if (c != word[i])
      return 0;
  }
  return 1;
}

/* Whether token t is one of words (lower-case, NULL-terminated): for
 * short lists off the hot paths (code.c keeps its per-token lists in
 * word_lists[], a bit test). */
static inline int code_tok_in(const kb_token *t, const char *const *words) {
  size_t k;
  for (k = 0; words[k]; k++)
    if (code_tok_is(t, words[k]))
      return 1;
  return 0;
}

/* Which phrase tables have a phrase starting with the word of token i
 * (lower-cased): bit 1 the agent words, bit 2 the actors; 3 for a word
 * too long to look up.  kb_doc_code keeps it in doc->word_class, shifted
 * by TAG_FIRST_SHIFT, where tag_actors reads it. */
unsigned tag_first_bits(const kb_doc *doc, const kb_dict *dict, size_t i);
#define TAG_FIRST_SHIFT 16
#define TAG_FIRST_REF 4u /* the word starts "kedua negara", "dia"... */
#define TAG_FIRST_HYPHEN 8u /* the word has a hyphen: "Palestina-Hamas" */

/* Finds the actor noun phrases of sentence `s` (in token order; at most
 * max).  Thread-safe. */
size_t tag_actors(const kb_doc *doc, const kb_dict *dict,
                  const kb_sentence *s, const name_memory *mem, np *out,
                  size_t max);

#endif
