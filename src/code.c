/*
 * code.c -- the event coder: verb patterns matched on morph roots, source
 * and target read off the clause's voice, dates from the date resolver,
 * attribution, negation and hypotheticals.
 *
 * Input: a kb_doc that has been cleaned, segmented and analysed by the
 * morph stage; the kb_dict (actors, verbs, CAMEO).  Output: kb_event
 * records in the doc's arena.  The "code" box of docs/DESIGN.md; its rules
 * are documented in docs/CODING.md.
 *
 * The rules, with their Indonesian examples:
 *  - Active voice, meN- (and ber-, bare headline verbs): the subject before
 *    the verb is the source, the first actor after it (bare, or after
 *    kepada/ke/terhadap/dengan) the target.  "Korea Utara mengirim pasukan
 *    ke Rusia" (North Korea sends troops to Russia): PRK -> RUS.
 *  - Passive, di- and ter-: the subject is the target and the oleh-phrase,
 *    or the actor right after the verb, the source.  "Gaza diserang oleh
 *    Israel" (Gaza is attacked by Israel): ISR -> PSE.
 *  - Coordination: "Amerika Serikat dan Korea Selatan menuduh ..." gives
 *    one event per source; "kedua negara" (both countries) are the last two
 *    countries in focus, and a symmetric verb ("menandatangani pakta",
 *    sign a pact) between them gives both directions.
 *  - A verb with no subject of its own takes the previous verb's ("Kim
 *    menyampaikan salam ..., memberikan ..."); "dia" (he) is the last
 *    person who was a source.
 *  - Reported speech: "menurut KCNA", "kata media pemerintah", "melansir
 *    NK News" set the attribution; news agencies are never actors.  Speech
 *    verbs marked `speech` take the subject of their bahwa-clause as
 *    target: "AS menuduh bahwa Korea Utara ..." (the US accuses that North
 *    Korea ...): USA -> PRK.
 *  - "tidak", "belum", "bukan" before the verb set `negated`; a clause
 *    under "jika" / "apabila" (if) is hypothetical and not coded.
 *  - The date is the date expression nearest the verb in its sentence,
 *    else the reference date.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "code.h"
#include "morph.h"
#include "place.h"
#include "tag_date.h"
#include "util/buf.h"
#include "util/hash.h"

/* The coder asks for token morphs several times per token: it reads them
 * inline (kabar_int.h) instead of calling the library function. */
#define kb_doc_token_morph(doc, i) doc_token_morph(doc, i)

#define MAX_NP 96
#define MAX_DATES 24
#define MAX_VERBS 48
#define MAX_SIDE 8
#define FOCUS 16
#define SAID_MAX 4

/* One verb pattern matched in a sentence. */
typedef struct vmatch {
  size_t tok;  /* the verb token */
  size_t last; /* its last token (object words included) */
  const dict_verb *pat;
  unsigned voice; /* VOICE_* of the token */
  np *src[MAX_SIDE];
  size_t n_src;
  int has_own_subject;
  int background; /* a nominal mention: "sejak invasi Rusia ke Ukraina" */
  const char *sense; /* the code its object gives it, or NULL: the
                        pattern's ("menuntut X atas Y": 115, sue_sense) */
} vmatch;

/* Document-level state: what the coder remembers between sentences. */
typedef struct coder {
  kb_doc *doc;
  const kb_dict *dict;
  tag_ymd ref;
  int has_ref;
  name_memory mem;
  char focus[FOCUS][16]; /* recent actors, one per country, newest last */
  size_t n_focus;
  kb_actor last_person; /* the last person who was a source, for "dia" */
  struct {
    size_t tok;     /* "mereka" in "X mengatakan bahwa mereka ..." */
    kb_actor actor; /* X */
  } said[SAID_MAX];
  size_t n_said;
  int has_last_person;
  kb_event *events;
  size_t n_events, cap_events;
  int *np_of; /* per document token: its phrase in the current sentence */
  const np *speaker; /* "kata X" in the current sentence, or NULL */
  /* the two sides of the last event between two countries: what "kedua
   * negara" most often means */
  kb_actor pair[2];
  size_t pair_sentence;
  int has_pair;
  size_t sentence; /* the sentence being coded */
} coder;

/* ---- small helpers ---------------------------------------------------- */

/* Whether token t is one of `words` (a NULL-terminated list of lower-case
 * words).  The lists below are registered in word_lists[]; each token's
 * memberships are computed once per document (word_classes), so this is
 * a bit test. */
static unsigned list_bit(const char *const *words);
static int is_any_bit(const kb_doc *doc, const kb_token *t, unsigned bit) {
  return doc->word_class && (doc->word_class[t - doc->tokens] & bit);
}
/* LIST_BIT(words) is list_bit(words) folded to a constant by the compiler
 * for the lists it names (their order in word_lists[]); a list it does not
 * name still gets its bit, from list_bit. */
#define is_any(doc, t, words) is_any_bit(doc, t, LIST_BIT(words))

static int is_quote(const kb_token *t) {
  return t->kind == KB_TOK_PUNCT &&
         (t->text.ptr[0] == '"' || memcmp(t->text.ptr, "\xe2\x80\x9c", 3) == 0 ||
          memcmp(t->text.ptr, "\xe2\x80\x9d", 3) == 0);
}

static int is_punct(const kb_token *t, char c) {
  return t->kind == KB_TOK_PUNCT && t->text.len == 1 && t->text.ptr[0] == c;
}

/* A quote that opens or closes reported speech -- a clause boundary --
 * rather than scare quotes around a phrase: 'Trump menuntut "penyerahan
 * tanpa syarat" Iran' has a word on both sides of each quote. */
static int speech_quote(const kb_doc *doc, size_t i, size_t first,
                        size_t end) {
  const kb_token *prev, *next;
  if (!is_quote(&doc->tokens[i]))
    return 0;
  if (i == first || i + 1 >= end)
    return 1;
  prev = &doc->tokens[i - 1];
  next = &doc->tokens[i + 1];
  return prev->kind != KB_TOK_WORD || next->kind != KB_TOK_WORD;
}

/* Words that end the subject's search to the left. */
static const char *const left_barriers[] = {
    "bahwa", "karena", "sehingga", "agar",   "supaya", "namun",
    "tetapi", "sedangkan", "jika",  "apabila", "kalau",  "ketika",
    "sementara", "setelah", "sebelum", "sejak", "saat", NULL};

/* Words that end the target's search to the right. */
static const char *const right_barriers[] = {
    "tentang", "mengenai", "soal", "terkait", /* the topic, not the target */
    "karena", "sehingga", "agar",  "supaya", "namun",
    "tetapi", "sedangkan", "jika",  "apabila", "kalau", "ketika",
    "setelah", "sebelum", "sejak", "saat",  "sementara", "bahwa",
    "sambil", "usai", "seusai", "selepas", "sesudah",
    "mengingat", /* "considering ...": a reason, as "karena" */
    NULL};

/* What may stand between a warning and the force it announces when the
 * speaker is the one who will use it (VF_SELF): "memperingatkan bahwa
 * mereka dapat menyerang", "mengingatkan pihaknya tidak akan ragu
 * membalas". */
static const char *const self_words[] = {
    "bahwa", "mereka", "kami", "kita", "ia",    "dia",   "pihaknya",
    "akan",  "dapat",  "bisa", "siap", "tidak", "tak",   "ragu",
    "segan", "untuk",  "terus", "kembali", "mungkin", "bakal", "pasti",
    NULL};

static const char *const negators[] = {"tidak", "tak", "belum", "bukan",
                                       "enggan", NULL};
static const char *const auxiliaries[] = {
    "akan", "bisa", "dapat", "mau", "ingin", "pernah", "sudah", "telah",
    "juga", "masih", "sempat", "segera", "lagi", "pun", "tengah", "sedang",
    "terus", "kembali", "langsung", "baru", "sebelumnya", "kemudian",
    NULL};
static const char *const conditionals[] = {"jika", "apabila", "kalau",
                                           "seandainya", "bila", NULL};
static const char *const counterparts[] = {
      "mitra",  "mitranya", "rekan",    "rekannya", "sejawat", "sejawatnya",
      "delegasi", "utusan", "pejabat", "perwakilan", "timpalannya",
      "mediator", "penengah", "negosiator", NULL};
static const char *const hearsay[] = {"konon", "disebut", "dikabarkan",
                                        "diduga", "kabarnya", NULL};
static const char *const intents[] = {"akan",    "berencana", "berniat",
                                      "bertekad", "setuju",   "berkomitmen",
                                      "bermaksud", "sepakat",
                                       "siap",    "bersedia",  "berjanji",
                                       "hendak",  "bakal",
                                       "berupaya", "berusaha", NULL};
static const char *const abilities[] = {"dapat",    "bisa",   "mampu",
                                        "mungkin",  "dimungkinkan",
                                        "berpotensi", "boleh",
                                        /* an obligation or a stop asked
                                           for: "harus berhenti
                                           menargetkan ..." */
                                        "harus", "wajib", "berhenti", NULL};
static const char *const purposes[] = {"untuk", "guna", "agar", "supaya",
                                       "demi",
                                        NULL};
/* Words shaped like verbs that work as prepositions: "mengingat" (given,
 * considering; the verb "warn" is memperingatkan / mengingatkan),
 * "menjelang" (ahead of). */
/* Verbs of saying and thinking: "Trump mengatakan dia akan ..." -- the
 * pronoun right after is their subject. */
static const char *const say_verbs[] = {
    "mengatakan", "menyatakan", "menegaskan", "mengaku", "berkata",
    "mengungkapkan", "menjelaskan", "menambahkan", "menilai", "meyakini",
    "yakin", "percaya", "bersumpah", "memastikan", "menyebut",
    "menyampaikan", "memberitahu", "memberitahukan", NULL};
static const char *const not_verbs[] = {"mengingat", "menjelang", NULL};
/* Pronouns that a verb of saying before them makes its subject's: "X
 * mengatakan bahwa mereka ..." (said_pronoun). */
static const char *const said_pronouns[] = {"dia",    "ia",       "beliau",
                                            "mereka", "pihaknya", NULL};
/* Passive verbs of saying whose agent is the speaker: "Hal itu dikatakan
 * Netanyahu saat ..." (when_speaker). */
static const char *const speech_passives[] = {
    "dikatakan",  "disampaikan", "diungkapkan", "dijelaskan", "ditegaskan",
    "dinyatakan", "diutarakan",  "disebutkan",  NULL};
static const char *const attributors[] = {
    "menurut", "melansir", "mengutip", "dikutip", "kata",  "ujar",
    "tutur",   "ungkap",   "lapor",    "dilaporkan", "dilansir",
    /* quote tags: "...," beber Prabowo */
    "beber", "papar", "imbuh", "tulis", "sebut", "pungkas", "tukas", NULL};

/* Words that make a sentence a sports report ("Timnas Korea Selatan akan
 * menjamu Kuwait di Stadion Piala Dunia Seoul"): there a country named
 * alone is a team, not a state (emit). */
static const char *const sports_words[] = {
    "timnas",  "pertandingan", "laga",     "kualifikasi", "stadion",
    "klasemen", "skor",        "fifa",     "fiba",        "uefa",
    "afc",     "pssi",         "semifinal", "kesebelasan", "piala",
    "turnamen", "olimpiade",   "medali",   "gol",         NULL};

/* ---- closed-class words ------------------------------------------------
 * Every list above gets a bit; a table built once maps each word to the
 * bits of the lists it is in, and kb_doc_code computes every token's bits
 * in one pass (doc->word_class), so the rules below test bits instead of
 * comparing strings. */

static const char *const *const word_lists[] = {
    left_barriers, right_barriers, negators, auxiliaries,
    conditionals,  counterparts,   hearsay,  intents,
    abilities,     purposes,       attributors, not_verbs,
    say_verbs,     said_pronouns,  sports_words};
#define N_WORD_LISTS (sizeof word_lists / sizeof word_lists[0])
#define WORD_SLOTS 512u
#define WORD_MAX 16u

static struct {
  const char *word;
  size_t len;
  unsigned bits;
} word_table[WORD_SLOTS];
static pthread_once_t word_table_once = PTHREAD_ONCE_INIT;
static unsigned long long word_first_letters; /* bit c - 'a' of listed words */
static size_t word_max_len;

/* The bit of list i when w is word_lists[i]: word_lists is a constant
 * table, so for a constant w the compiler folds LIST_BIT(w) to a
 * constant (list_bit's loop, at run time, on every test of every token,
 * was the coder's costliest line). */
#define LIST_IS(w, i)                                                          \
  (N_WORD_LISTS > (i) && (w) == word_lists[(i) < N_WORD_LISTS ? (i) : 0])
#define LIST_BIT(w)                                                            \
  (LIST_IS(w, 0)    ? 1u << 0                                                  \
   : LIST_IS(w, 1)  ? 1u << 1                                                  \
   : LIST_IS(w, 2)  ? 1u << 2                                                  \
   : LIST_IS(w, 3)  ? 1u << 3                                                  \
   : LIST_IS(w, 4)  ? 1u << 4                                                  \
   : LIST_IS(w, 5)  ? 1u << 5                                                  \
   : LIST_IS(w, 6)  ? 1u << 6                                                  \
   : LIST_IS(w, 7)  ? 1u << 7                                                  \
   : LIST_IS(w, 8)  ? 1u << 8                                                  \
   : LIST_IS(w, 9)  ? 1u << 9                                                  \
   : LIST_IS(w, 10) ? 1u << 10                                                 \
   : LIST_IS(w, 11) ? 1u << 11                                                 \
   : LIST_IS(w, 12) ? 1u << 12                                                 \
   : LIST_IS(w, 13) ? 1u << 13                                                 \
   : LIST_IS(w, 14) ? 1u << 14                                                 \
   : LIST_IS(w, 15) ? 1u << 15                                                 \
                    : list_bit(w))
/* doc->word_class holds the list bits below TAG_FIRST_SHIFT */
_Static_assert(N_WORD_LISTS <= TAG_FIRST_SHIFT, "too many word lists");

static unsigned list_bit(const char *const *words) {
  size_t i;
  for (i = 0; i < N_WORD_LISTS; i++)
    if (word_lists[i] == words)
      return 1u << i;
  return 0;
}

static size_t word_slot(const char *w, size_t n) {
  return hash_bytes(w, n) & (WORD_SLOTS - 1);
}

static void build_word_table(void) {
  size_t i, k;
  for (i = 0; i < N_WORD_LISTS; i++)
    for (k = 0; word_lists[i][k]; k++) {
      const char *w = word_lists[i][k];
      size_t n = strlen(w), j = word_slot(w, n);
      while (word_table[j].word &&
             !(word_table[j].len == n && memcmp(word_table[j].word, w, n) == 0))
        j = (j + 1) & (WORD_SLOTS - 1);
      word_table[j].word = w;
      word_table[j].len = n;
      word_table[j].bits |= 1u << i;
      word_first_letters |= 1ull << ((w[0] - 'a') & 63);
      if (n > word_max_len)
        word_max_len = n;
    }
}

/* The list bits of a token: 0 for anything but a short word. */
static unsigned word_bits(const kb_token *t) {
  char low[WORD_MAX];
  size_t n = t->text.len, i, j;
  if (t->kind != KB_TOK_WORD || n < 2 || n > word_max_len ||
      !(word_first_letters >> (((t->text.ptr[0] | 0x20) - 'a') & 63) & 1))
    return 0;
  for (i = 0; i < n; i++) {
    char ch = t->text.ptr[i];
    low[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
  }
  for (j = word_slot(low, n); word_table[j].word; j = (j + 1) & (WORD_SLOTS - 1))
    if (word_table[j].len == n && memcmp(word_table[j].word, low, n) == 0)
      return word_table[j].bits;
  return 0;
}

/* The memo entry of token i's word, or NULL (morph.h). */
static const struct memo_entry *memo_of(const kb_doc *doc, size_t i) {
  return doc->word_memo && doc->tokens[i].kind == KB_TOK_WORD
             ? doc->word_memo[i]
             : NULL;
}

/* The id in dict->verb_objects of s[0..n) (lower-cased unless known), or
 * 0: no pattern has it as object. */
static uint32_t object_id(const kb_dict *dict, const char *s, size_t n,
                          int known) {
  char low[64];
  const strset_slot *sl;
  size_t k;
  if (n == 0 || n >= sizeof low) /* is_object's limit for roots; memo */
    return 0;                    /* words are shorter */
  if (known) {
    sl = strset_find(&dict->verb_objects, s, n);
  } else {
    for (k = 0; k < n; k++)
      low[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] + 32) : s[k];
    sl = strset_find(&dict->verb_objects, low, n);
  }
  return sl ? sl->value : 0;
}

/* The verb-object ids of the word of memo entry e (token i's): the
 * word's own in bits 15-29, its analysis root's in bits 0-14, bit 31
 * set.  A function of the word, kept on the entry (MORPH_FACT_OBJECTS). */
static uint32_t object_ids(const kb_doc *doc, const kb_dict *dict, size_t i,
                           const struct memo_entry *e) {
  uint32_t f = morph_memo_fact(e, MORPH_FACT_OBJECTS);
  if (f == 0) {
    const kb_token *t = &doc->tokens[i];
    int known;
    kb_text r = morph_memo_root(e, t->text.ptr, t->text.len, &known);
    f = 0x80000000u | object_id(dict, t->text.ptr, t->text.len, 0) << 15 |
        object_id(dict, r.ptr, r.len, known);
    morph_memo_set_fact(e, MORPH_FACT_OBJECTS, f);
  }
  return f;
}

/* Whether verbs.txt has patterns for the root r (lower-cased unless
 * known), as verb_chain looks it up. */
static int has_verb_patterns(const kb_dict *dict, kb_text r, int known) {
  char low[64];
  size_t k;
  if (r.len == 0 || r.len >= sizeof low) /* root_of's limit */
    return 0;
  for (k = 0; k < r.len; k++)
    low[k] = !known && r.ptr[k] >= 'A' && r.ptr[k] <= 'Z'
                 ? (char)(r.ptr[k] + 32)
                 : r.ptr[k];
  return strset_find(&dict->verb_roots, low, r.len) != NULL;
}

/* doc->word_class[i]: the list bits of token i, the phrase tables its
 * word starts (tag_first_bits) above them, whether its root
 * (CLASS_VERB_ROOT) or, for a word kept whole as a name, the word itself
 * (CLASS_VERB_WORD) has verb patterns, whether its root or word is
 * some pattern's object (CLASS_OBJ_*): each pair both set when that is
 * not known; and whether it may start a date (TAG_DATE_CLASS).
 * All depend on the lower-cased word only, so they are worked out once
 * per distinct word and kept on its memo entry (MORPH_FACT_CLASS, with
 * CLASS_KNOWN so that the fact is never 0). */
#define CLASS_VERB_ROOT 0x00100000u
#define CLASS_VERB_WORD 0x00200000u
#define CLASS_OBJ_ROOT 0x00400000u
#define CLASS_OBJ_WORD 0x00800000u
/* and TAG_DATE_CLASS (tag_date.h), 0x01000000u */
#define CLASS_KNOWN 0x80000000u
static uint32_t token_class(const kb_doc *doc, const kb_dict *dict, size_t i) {
  const struct memo_entry *e = memo_of(doc, i);
  uint32_t f = e ? morph_memo_fact(e, MORPH_FACT_CLASS) : 0;
  if (f == 0) {
    const kb_token *t = &doc->tokens[i];
    f = CLASS_KNOWN | word_bits(t);
    if (t->kind == KB_TOK_WORD)
      f |= tag_first_bits(doc, dict, i) << TAG_FIRST_SHIFT;
    if (tag_date_may_start(t))
      f |= TAG_DATE_CLASS;
    if (e) {
      int known;
      kb_text r = morph_memo_root(e, t->text.ptr, t->text.len, &known);
      if (has_verb_patterns(dict, r, known))
        f |= CLASS_VERB_ROOT;
      if (has_verb_patterns(dict, t->text, 0))
        f |= CLASS_VERB_WORD;
      if (dict->verb_objects_plain) {
        uint32_t ids = object_ids(doc, dict, i, e);
        f |= (ids & 0x7fffu ? CLASS_OBJ_ROOT : 0) |
             (ids >> 15 & 0x7fffu ? CLASS_OBJ_WORD : 0);
      } else {
        f |= CLASS_OBJ_ROOT | CLASS_OBJ_WORD;
      }
      morph_memo_set_fact(e, MORPH_FACT_CLASS, f);
    } else {
      /* match_verb and is_object will tell */
      f |= CLASS_VERB_ROOT | CLASS_VERB_WORD | CLASS_OBJ_ROOT | CLASS_OBJ_WORD;
    }
  }
  return f;
}

/* Whether m carries prefix x ("memperingatkan": meN- per-). */
static int has_prefix(const kb_morph *m, kb_prefix x) {
  size_t k;
  for (k = 0; m != NULL && k < m->n_prefixes && k < 3; k++)
    if (m->prefixes[k] == x)
      return 1;
  return 0;
}

static unsigned voice_of(const kb_morph *m) {
  if (m == NULL)
    return 0;
  switch (m->cls) {
  case KB_MORPH_ACTIVE:
    return VOICE_ACTIVE;
  case KB_MORPH_PASSIVE:
    return VOICE_PASSIVE;
  case KB_MORPH_INTRANSITIVE:
    return VOICE_BER;
  case KB_MORPH_STATIVE:
    return VOICE_TER;
  case KB_MORPH_ROOT:
    return VOICE_BARE;
  case KB_MORPH_NOMINAL:
    return VOICE_NOUN;
  case KB_MORPH_OTHER:
    /* "Kunjungi", "Kirimkan": imperative or headline verbs */
    return m->n_prefixes == 0 &&
                   (m->suffix == KB_SUFFIX_KAN || m->suffix == KB_SUFFIX_I)
               ? VOICE_BARE
               : 0;
  default:
    return 0;
  }
}

/* The token's root, lower-cased into buf (at most size-1 bytes); returns
 * its length (0 when it does not fit). */
static size_t root_of(const kb_doc *doc, size_t i, char *out, size_t size) {
  const kb_morph *m = kb_doc_token_morph(doc, i);
  kb_text r = m ? m->root : doc->tokens[i].text;
  size_t k;
  if (r.len == 0 || r.len >= size)
    return 0;
  if (m && (m->flags & KB_MORPHF_KNOWN)) {
    memcpy(out, r.ptr, r.len); /* lexicon roots are lower case already */
    out[r.len] = '\0';
    return r.len;
  }
  for (k = 0; k < r.len; k++) {
    char c = r.ptr[k];
    out[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  out[r.len] = '\0';
  return r.len;
}

/* Whether a[0..n) lower-cased (ASCII) equals the lower-case b[0..n). */
static int eq_lower(const char *a, const char *b, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) {
    char c = a[k];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c + 32);
    if (c != b[k])
      return 0;
  }
  return 1;
}

/* Does token i (root or lower-cased text) equal one of the pattern's
 * objects?  A word with a memo entry compares ids (object_ids): a word
 * kept whole as a name has its text as root, any other the memo's root.
 * Otherwise root_of's comparison, without its copy: the lengths are
 * compared first, and most differ. */
static int object_match(const kb_doc *doc, const kb_dict *dict, size_t i,
                        const dict_verb *p) {
  size_t k;
  const kb_token *t = &doc->tokens[i];
  const struct memo_entry *e;
  const kb_morph *m;
  kb_text r;
  int known;
  if (t->kind != KB_TOK_WORD)
    return 0;
  m = kb_doc_token_morph(doc, i);
  e = dict->verb_objects_plain && m ? memo_of(doc, i) : NULL;
  if (e != NULL) {
    uint32_t f = object_ids(doc, dict, i, e);
    uint32_t w = f >> 15 & 0x7fffu;
    uint32_t ri = m->cls == KB_MORPH_NAME ? w : (f & 0x7fffu);
    if ((w | ri) == 0)
      return 0; /* most words: no pattern's object */
    for (k = 0; k < p->n_objects; k++)
      if (p->obj_ids[k] == w || p->obj_ids[k] == ri)
        return 1;
    return 0;
  }
  r = m ? m->root : t->text;
  known = m && (m->flags & KB_MORPHF_KNOWN);
  if (r.len >= 64) /* root_of's limit */
    r.len = 0;
  if (!(p->obj_lens & (DICT_LEN_BIT(r.len) | DICT_LEN_BIT(t->text.len))))
    return 0; /* no object has the root's length or the word's */
  for (k = 0; k < p->n_objects; k++) {
    const kb_text *o = &p->objects[k];
    if (r.len && r.len == o->len &&
        (known ? memcmp(r.ptr, o->ptr, r.len) == 0
               : eq_lower(r.ptr, o->ptr, r.len)))
      return 1;
    /* the word as written: "nota" whose root the stemmer took elsewhere
     * (code_tok_is(t, o->ptr), knowing the length) */
    if (t->text.len == o->len && (t->text.ptr[0] | 0x20) == o->ptr[0] &&
        eq_lower(t->text.ptr + 1, o->ptr + 1, o->len - 1))
      return 1;
  }
  return 0;
}

/* object_match, after the word's class bits (inline: most words are no
 * object of any pattern, and say so at once). */
static inline int is_object(const kb_doc *doc, const kb_dict *dict,
                            size_t i, const dict_verb *p) {
  uint32_t need;
  if (doc->tokens[i].kind != KB_TOK_WORD)
    return 0;
  need = doc->morphs[i].cls == KB_MORPH_NAME ? CLASS_OBJ_WORD
                                             : CLASS_OBJ_WORD | CLASS_OBJ_ROOT;
  if (!(doc->word_class[i] & need))
    return 0;
  return object_match(doc, dict, i, p);
}

/* The index of the first verb pattern of token i's root (root_of), or
 * (size_t)-1.  The root is the memo's analysis of the word or, for a word
 * the morph stage kept whole as a name, the word itself: either way a
 * function of the word, so the answer is kept on its memo entry
 * (MORPH_FACT_VERB_ROOT / _WORD: 1 for none, else index + 2). */
static size_t verb_chain(const kb_doc *doc, const kb_dict *dict, size_t i) {
  const struct memo_entry *e = memo_of(doc, i);
  const kb_morph *m = kb_doc_token_morph(doc, i);
  unsigned slot = m && m->cls == KB_MORPH_NAME ? MORPH_FACT_VERB_WORD
                                               : MORPH_FACT_VERB_ROOT;
  uint32_t f = e ? morph_memo_fact(e, slot) : 0;
  if (f == 0) {
    char root[64];
    size_t len = root_of(doc, i, root, sizeof root);
    const strset_slot *sl =
        len ? strset_find(&dict->verb_roots, root, len) : NULL;
    f = sl && sl->value <= UINT32_MAX - 2 ? sl->value + 2 : 1;
    if (e)
      morph_memo_set_fact(e, slot, f);
  }
  return f == 1 ? (size_t)-1 : (size_t)(f - 2);
}

/* ---- verbs ------------------------------------------------------------ */

/* The best pattern for token i: one whose objects are found beats one
 * without objects; among equals, the earliest line of verbs.txt.  Sets
 * *last to the last token of the verb phrase.  NULL when none fits. */
static const dict_verb *match_verb(const kb_doc *doc, const kb_dict *dict,
                                   size_t i, size_t end,
                                   unsigned *voice, size_t *last) {
  size_t idx, first;
  const dict_verb *best = NULL;
  size_t best_last = i;
  int best_obj = -1;
  unsigned v, best_voice = 0;
  if (doc->tokens[i].kind != KB_TOK_WORD)
    return NULL;
  first = verb_chain(doc, dict, i);
  if (first == (size_t)-1)
    return NULL;
  v = voice_of(kb_doc_token_morph(doc, i));
  /* headline verbs ("Kim Kirim Ucapan") are bare roots: the patterns that
   * allow them say "bare" */
  for (idx = first; idx != (size_t)-1; idx = dict->verbs[idx].next) {
    const dict_verb *p = &dict->verbs[idx];
    size_t j, obj_last = i;
    int has_obj = 0;
    unsigned pv = p->voices & v & ~VOICE_NOUN;
    /* a nominal trigger: "serangan" (an attack), or a loanword noun that
     * is its own root ("invasi") */
    if (!pv && (p->voices & VOICE_NOUN) && (v & (VOICE_NOUN | VOICE_BARE)))
      pv = VOICE_NOUN;
    if (!pv)
      continue;
    if ((p->flags & VF_PER) && !has_prefix(kb_doc_token_morph(doc, i),
                                           KB_PREFIX_PER))
      continue;
    if ((p->flags & VF_SELF) && p->n_objects) {
      /* the object after the speaker's own words only */
      for (j = i + 1; j < end && j <= i + 8; j++) {
        if (is_object(doc, dict, j, p)) {
          has_obj = 1;
          obj_last = j;
          break;
        }
        if (!code_tok_in(&doc->tokens[j], self_words))
          break;
      }
      if (!has_obj)
        continue;
    } else if (p->n_objects) {
      /* the object follows within five tokens (ten for a verdict), before
       * any comma */
      size_t reach = p->flags & VF_FAR ? 10 : 5;
      for (j = i + 1; j < end && j <= i + reach; j++) {
        if (is_punct(&doc->tokens[j], ',') || is_punct(&doc->tokens[j], '.'))
          break;
        if (is_object(doc, dict, j, p)) {
          has_obj = 1;
          obj_last = j;
          break;
        }
        if (is_any(doc, &doc->tokens[j], right_barriers))
          break; /* "disampaikan setelah Trump menuntut": a new clause */
      }
      /* passive: "pakta itu ditandatangani" -- the object stands before */
      for (j = i; !has_obj && (v & (VOICE_PASSIVE | VOICE_TER)) && j-- > 0 &&
                  j + 4 >= i;)
        if (is_object(doc, dict, j, p))
          has_obj = 1;
      if (!has_obj)
        continue;
    }
    if (has_obj > best_obj || (has_obj == best_obj && best && p < best)) {
      best = p;
      best_obj = has_obj;
      best_last = obj_last;
      best_voice = pv == VOICE_NOUN ? VOICE_NOUN : v;
    }
  }
  if (best) {
    *voice = best_voice;
    *last = best_last;
  }
  return best;
}

/* ---- actors ----------------------------------------------------------- */

static int country_known(const kb_dict *dict, const char *code) {
  return strset_find(&dict->country_names, code, 3) != NULL;
}

/* Moves an actor to the newest end of a focus list, replacing the entry
 * of its country. */
static void push_focus(const kb_dict *dict, char (*focus)[16], size_t *n,
                       const char *code) {
  size_t i;
  char keep[16];
  if (!country_known(dict, code))
    return;
  memcpy(keep, code, 16);
  for (i = 0; i < *n; i++)
    if (memcmp(focus[i], code, 3) == 0) {
      /* "Putin ... ke Rusia": the country alone keeps its leader */
      if (strlen(code) == 3)
        memcpy(keep, focus[i], 16);
      memmove(&focus[i], &focus[i + 1], (*n - i - 1) * 16);
      (*n)--;
      break;
    }
  if (*n == FOCUS) {
    memmove(&focus[0], &focus[1], (FOCUS - 1) * 16);
    (*n)--;
  }
  memcpy(focus[*n], keep, 16);
  (*n)++;
}

static kb_text span_text(const kb_doc *doc, size_t first, size_t end,
                         kb_span *span) {
  kb_text t;
  span->start = doc->tokens[first].span.start;
  span->end = doc->tokens[end - 1].span.end;
  t.ptr = doc->text + span->start;
  t.len = span->end - span->start;
  return t;
}

/* The canonical name of a country code ("RUS" -> "Rusia"). */
static kb_text country_name(const kb_dict *dict, const char *code) {
  const strset_slot *sl = strset_find(&dict->country_names, code, 3);
  kb_text none = {NULL, 0};
  return sl ? dict->actors[sl->value].name : none;
}

/* Fills `a` for an NP_ACTOR phrase on date yyyymmdd. */
static void actor_of(const coder *c, const np *p, long date, kb_actor *a) {
  memset(a, 0, sizeof *a);
  a->text = span_text(c->doc, p->first, p->end, &a->span);
  if (p->person) {
    dict_person_code(p->person, date, a->code);
    a->name = p->person->name;
    return;
  }
  memcpy(a->code, p->country->code, sizeof a->code);
  if (p->agent && strlen(a->code) == 3 &&
      (p->country->kind == AK_COUNTRY || p->country->kind == AK_CAPITAL))
    memcpy(a->code + 3, p->agent->code, 4); /* "Presiden Rusia": RUSGOV */
  if (p->country->kind == AK_COUNTRY || p->country->kind == AK_CAPITAL) {
    a->name = country_name(c->dict, p->country->code);
    if (a->name.ptr == NULL)
      a->name = p->country->name;
  } else {
    a->name = p->country->name;
  }
}

/* The focus list as it stood at a referring phrase. */
typedef struct snapshot {
  char focus[FOCUS][16];
  size_t n;
} snapshot;

static int first_person(const kb_token *t) {
  return code_tok_is(t, "kami") || code_tok_is(t, "kita") ||
         code_tok_is(t, "saya") || code_tok_is(t, "aku");
}

/* Whether the country of `code` is among the actors ex[0..n). */
static int excluded(const char *code, const kb_actor *ex, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (memcmp(ex[i].code, code, 3) == 0)
      return 1;
  return 0;
}

/* Federal states (CAMEO codes), for "pemerintah federal": only they have
 * a federal government. */
static int federal_state(const char *code) {
  static const char *const federal[] = {
      "USA", "RUS", "DEU", "AUS", "CAN", "BRA", "IND", "MYS",
      "MEX", "NGA", "PAK", "ARG", "AUT", "BEL", "CHE", "ETH",
      "IRQ", "ARE", "VEN", "NPL", "SOM", "SDN", "SSD", "BIH", NULL};
  size_t i;
  for (i = 0; federal[i]; i++)
    if (memcmp(code, federal[i], 3) == 0)
      return 1;
  return 0;
}

/* Whether a phrase names a regional or local office holder ("Gubernur
 * California Gavin Newsom", "Newsom" later, "bupati", "pemerintah
 * provinsi"): coded XXXGOV as the state's government is, yet not it. */
static int np_regional(const np *p, long date) {
  if (p->kind != NP_ACTOR)
    return 0;
  if (p->person)
    return dict_person_regional(p->person, date);
  return p->agent != NULL && p->agent->regional;
}

/* The actor(s) a phrase stands for: up to 2 ("kedua negara").  `snap` is
 * the focus list as it stood at the phrase; ex[0..n_ex) the other side,
 * which "negara itu" or "kedua pihak" as a target cannot mean ("Macron dan
 * Merz menyerukan kedua pihak": the two sides are others). */
static size_t resolve(const coder *c, const np *p, long date,
                      const snapshot *snap, const kb_actor *ex, size_t n_ex,
                      kb_actor *out) {
  size_t i, n = 0;
  kb_span sp;
  kb_text txt;
  switch (p->kind) {
  case NP_ACTOR:
    actor_of(c, p, date, &out[0]);
    return 1;
  case NP_BOTH:
    /* "kedua negara": the two sides of the last event between two
     * countries, when it was told in the last three sentences and is not
     * the other side of this one; else the last two countries named */
    txt = span_text(c->doc, p->first, p->end, &sp);
    if (c->has_pair && c->sentence - c->pair_sentence <= 3 &&
        !excluded(c->pair[0].code, ex, n_ex) &&
        !excluded(c->pair[1].code, ex, n_ex)) {
      for (i = 0; i < 2; i++) {
        out[i] = c->pair[i];
        if (p->by_country)
          memset(out[i].code + 3, 0, sizeof out[i].code - 3);
        out[i].name = p->by_country ? country_name(c->dict, out[i].code)
                                    : c->pair[i].name;
        out[i].text = txt;
        out[i].span = sp;
      }
      return 2;
    }
    /* fall through */
  case NP_THAT:
    txt = span_text(c->doc, p->first, p->end, &sp);
    for (i = snap ? snap->n : 0; i-- > 0 && n < (p->kind == NP_BOTH ? 2u : 1u);) {
      const char *code = snap->focus[i];
      /* "pemerintah federal": the federal state in focus, which may be
       * the other side's own ("Gubernur California menggugat pemerintah
       * federal") */
      if (p->federal == NP_CENTRAL)
        break; /* "pemerintah pusat": only a regional source's (code_verb) */
      if (p->federal ? !federal_state(code) : excluded(code, ex, n_ex))
        continue;
      memset(&out[n], 0, sizeof out[n]);
      memcpy(out[n].code, code, 16);
      if (p->kind == NP_THAT || p->by_country)
        memset(out[n].code + 3, 0, 13); /* "kedua negara": the countries */
      if (p->kind == NP_THAT && p->agent)
        memcpy(out[n].code + 3, p->agent->code, 4); /* "polisi setempat" */
      out[n].name = country_name(c->dict, code);
      out[n].text = txt;
      out[n].span = sp;
      n++;
    }
    return p->kind == NP_BOTH && n < 2 ? 0 : n;
  case NP_PRONOUN:
    /* "kami", "saya" in a quote: its speaker ("..., kata Menlu Sugiono")
     * when the sentence names one; else, and for "dia", the last person
     * who was a source */
    if (c->speaker && first_person(&c->doc->tokens[p->first])) {
      actor_of(c, c->speaker, date, &out[0]);
    } else {
      if (!c->has_last_person)
        return 0;
      out[0] = c->last_person;
    }
    out[0].text = span_text(c->doc, p->first, p->end, &out[0].span);
    return 1;
  }
  return 0;
}

/* ---- sentence --------------------------------------------------------- */

typedef struct sent {
  const kb_sentence *s;
  size_t index;
  np nps[MAX_NP];
  size_t n_nps;
  tag_date dates[MAX_DATES];
  size_t n_dates;
  vmatch verbs[MAX_VERBS];
  size_t n_verbs;
  snapshot snaps[8]; /* the focus at each referring phrase */
  int *np_of; /* per token of the sentence: index of its phrase, or -1 */
  size_t n_snaps;
  kb_text attribution;
  uint32_t bits; /* the word_class bits of its tokens, or'ed: a list no
                    word of the sentence is in need not be looked for */
} sent;

/* The phrase starting at token i, or NULL. */
static np *np_at(sent *st, size_t i) {
  int k = st->np_of[i - st->s->first_token];
  return k >= 0 && st->nps[k].first == i ? &st->nps[k] : NULL;
}

/* The phrase covering token i, or NULL. */
static np *np_covering(sent *st, size_t i) {
  int k = st->np_of[i - st->s->first_token];
  return k >= 0 ? &st->nps[k] : NULL;
}

/* The verb (not a nominal trigger: nouns are no clause boundaries) at
 * token i, or NULL. */
static vmatch *verb_at(sent *st, size_t i) {
  size_t k;
  for (k = 0; k < st->n_verbs; k++)
    if (st->verbs[k].tok == i && st->verbs[k].voice != VOICE_NOUN)
      return &st->verbs[k];
  return NULL;
}

/* Whether token i is a warning or threat that states a purpose ("untuk
 * memperingatkan Korea Selatan", "untuk mengancam"): whom it is aimed at is
 * the target of the act done for it ("menguji rudal balistik untuk
 * memperingatkan Korea Selatan"). */
static int warns_for(const sent *st, const kb_doc *doc, const vmatch *w,
                     size_t i) {
  return i > st->s->first_token &&
         code_tok_is(&doc->tokens[i - 1], "untuk") && w->pat->code[0] == '1' &&
         w->pat->code[1] == '3';
}

/* Whether token i is a nominal attack ("serangan", "invasi", "pembunuhan":
 * a noun pattern of roots 18-20). */
static int attack_noun_at(const sent *st, size_t i) {
  size_t k;
  for (k = 0; k < st->n_verbs; k++) {
    const char *code = st->verbs[k].pat->code;
    if (st->verbs[k].tok == i && st->verbs[k].voice == VOICE_NOUN &&
        ((code[0] == '1' && code[1] >= '8') ||
         (code[0] == '2' && code[1] == '0')))
      return 1;
  }
  return 0;
}

/* A phrase that can be a source or target: not a news agency, and not
 * the object of "menurut"/"kata" (attribution). */
static int can_act(const np *p) {
  return !p->is_media && p->prep != PREP_OTHER;
}

/* A phrase that can be a target: as can_act, and also journalists
 * ("menahan dua wartawan Amerika Serikat"): a news outlet is attribution
 * on either side, but the people of the press can be acted upon -- not
 * when the phrase only owns a nominalised event ("atas pembunuhan
 * wartawan itu": the victim of the killing, not of the verb). */
static int can_receive(const kb_doc *doc, const np *p) {
  if (can_act(p))
    return 1;
  if (!p->is_media || p->prep == PREP_OTHER || p->agent == NULL ||
      p->person || (p->country && p->country->kind == AK_MEDIA))
    return 0;
  return p->first == 0 ||
         voice_of(kb_doc_token_morph(doc, p->first - 1)) != VOICE_NOUN;
}

/* "mitranya dari Malaysia" (his counterpart from Malaysia): a dari-phrase
 * after a word for a counterpart or envoy names the other side. */
static int counterpart_before(const kb_doc *doc, size_t np_first) {
  return np_first >= 2 && is_any(doc, &doc->tokens[np_first - 2], counterparts);
}

/* A coordinator at token i: "dan", "serta", "maupun" or a comma. */
static int is_coordinator(const kb_doc *doc, size_t i, size_t end) {
  const kb_token *t;
  if (i >= end)
    return 0;
  t = &doc->tokens[i];
  return code_tok_is(t, "dan") || code_tok_is(t, "serta") ||
         code_tok_is(t, "maupun") || is_punct(t, ',');
}

/* Tokens [a, b) are a coordinator and auxiliaries only: "dan", ", dan",
 * "dan juga". */
static int conjoined_predicate(const kb_doc *doc, size_t a, size_t b) {
  static const char *const adjuncts[] = {"pada", "sejak", "selama", "dalam",
                                         NULL};
  size_t i, d = b, k;
  int adjunct = 0;
  for (i = b; i-- > a;)
    if (code_tok_is(&doc->tokens[i], "dan") ||
        code_tok_is(&doc->tokens[i], "serta")) {
      d = i;
      break;
    }
  if (d == b)
    return 0;
  for (i = d + 1; i < b; i++)
    if (!is_punct(&doc->tokens[i], ',') &&
        !is_any(doc, &doc->tokens[i], auxiliaries))
      return 0;
  /* before "dan": commas and auxiliaries, or a time adjunct of the first
   * predicate ("menguasai Gaza pada perang 1967 dan kemudian menarik") */
  for (k = 0; adjuncts[k] && a < d; k++)
    adjunct |= code_tok_is(&doc->tokens[a], adjuncts[k]);
  if (adjunct && d - a <= 5) {
    for (i = a + 1; i < d; i++)
      if (is_punct(&doc->tokens[i], ',') ||
          (voice_of(kb_doc_token_morph(doc, i)) & VOICE_VERBAL))
        return 0;
    return 1;
  }
  for (i = a; i < d; i++)
    if (!is_punct(&doc->tokens[i], ',') &&
        !is_any(doc, &doc->tokens[i], auxiliaries))
      return 0;
  return 1;
}

/* Only adverbs and auxiliaries ("konon", "telah", "juga") in [a, b)? */
static int adverbs_only(const kb_doc *doc, size_t a, size_t b) {
  size_t i;
  if (b < a || b - a > 3)
    return 0;
  for (i = a; i < b; i++)
    if (!is_any(doc, &doc->tokens[i], auxiliaries) &&
        !is_any(doc, &doc->tokens[i], hearsay))
      return 0;
  return 1;
}

/* The speaker or agent before a time clause whose verb has no subject of
 * its own: '..." kata Presiden Putin usai melakukan pertemuan dengan
 * Presiden Prabowo', "Hal itu dikatakan Netanyahu saat bertemu dengan
 * Putin" -- who spoke is who met.  Token i is the clause's "saat",
 * "usai"...; the verb is at `from`.  NULL when that is not the shape. */
static np *when_speaker(sent *st, const kb_doc *doc, size_t i, size_t from) {
  static const char *const when[] = {"saat",    "ketika",  "usai",  "seusai",
                                     "setelah", "sebelum", "sewaktu",
                                     "selepas", "sesudah", NULL};
  size_t first = st->s->first_token;
  np *q;
  const kb_token *before;
  /* the phrase first: this runs on every token of a subject's search */
  if (i <= first + 1 || (q = np_covering(st, i - 1)) == NULL || q->end != i ||
      q->kind != NP_ACTOR || q->is_media || q->first <= first ||
      !code_tok_in(&doc->tokens[i], when) || !adverbs_only(doc, i + 1, from))
    return NULL;
  before = &doc->tokens[q->first - 1];
  if (q->prep == PREP_OTHER && is_any(doc, before, attributors) &&
      !code_tok_is(before, "menurut"))
    return q;
  if (q->prep == PREP_NONE &&
      voice_of(kb_doc_token_morph(doc, q->first - 1)) == VOICE_PASSIVE &&
      code_tok_in(before, speech_passives))
    return q;
  return NULL;
}

/* Apposition: "Kim Jong Un, presiden Urusan Negara Korea, menyampaikan":
 * when the subject found stands between commas, the phrase before the
 * first comma is the head. */
static np *apposition_head(sent *st, const kb_doc *doc, np *p, size_t verb) {
  size_t i, comma_after = 0, first = st->s->first_token;
  np *q;
  for (i = p->end; i < verb; i++)
    if (is_punct(&doc->tokens[i], ','))
      comma_after = 1;
  if (!comma_after)
    return p;
  for (i = p->first; i > first && p->first - i < 6; i--) {
    if (!is_punct(&doc->tokens[i - 1], ','))
      continue;
    if (i - 1 == first)
      return p;
    q = np_covering(st, i - 2);
    if (q && q->end == i - 1 && q->kind == NP_ACTOR && can_act(q) &&
        q->prep == PREP_NONE)
      return q;
    return p;
  }
  return p;
}

/* A relative clause: "Israel yang mengklaim Iran berada di ambang ...,
 * melancarkan serangan" -- Iran sits inside "yang ...," and the phrase
 * before "yang" is the subject. */
static np *relative_head(sent *st, const kb_doc *doc, np *p, size_t verb) {
  size_t i, first = st->s->first_token;
  int comma_after = 0;
  for (i = p->end; i < verb; i++)
    if (is_punct(&doc->tokens[i], ','))
      comma_after = 1;
  if (!comma_after)
    return p;
  for (i = p->first; i-- > first;) {
    const kb_token *t = &doc->tokens[i];
    np *q;
    if (is_punct(t, ',') || is_punct(t, '.') || is_any(doc, t, left_barriers))
      return p;
    if (!code_tok_is(t, "yang"))
      continue;
    q = i > first ? np_covering(st, i - 1) : NULL;
    if (q && q->end == i && q->kind == NP_ACTOR && can_act(q))
      return q;
    return p;
  }
  return p;
}

/* "jet tempurnya menghantam ..." (its fighter jets strike): a subject
 * owned through -nya, with no actor of its own, stands for the nearest
 * actor before it in the sentence, across "bahwa". */
static np *owner_subject(sent *st, const kb_doc *doc, size_t from) {
  size_t i, first = st->s->first_token, steps = 0;
  int owned = 0;
  for (i = from; i-- > first && steps < 4; steps++) {
    const kb_morph *m = kb_doc_token_morph(doc, i);
    if (is_any(doc, &doc->tokens[i], auxiliaries))
      continue;
    if (m && m->possessive == KB_POSS_NYA && doc->tokens[i].kind == KB_TOK_WORD)
      owned = 1;
    break;
  }
  if (!owned)
    return NULL;
  for (i = from; i-- > first;) {
    np *q = np_covering(st, i);
    if (q && q->kind == NP_ACTOR && can_act(q) && q->prep == PREP_NONE)
      return q;
    if (is_punct(&doc->tokens[i], ';') || is_quote(&doc->tokens[i]))
      break;
  }
  return NULL;
}

/* Whether tokens i - 1, i are a time adverb ending in a demonstrative:
 * "selama ini", "saat itu", "sejak itu" -- no noun phrase. */
static int time_demonstrative(const kb_doc *doc, size_t i) {
  static const char *const heads[] = {"selama", "saat",    "hingga",
                                      "sampai", "setelah", "sejak", NULL};
  size_t k;
  if (i == 0 || !(code_tok_is(&doc->tokens[i], "ini") ||
                  code_tok_is(&doc->tokens[i], "itu") ||
                  code_tok_is(&doc->tokens[i], "tersebut")))
    return 0;
  for (k = 0; heads[k]; k++)
    if (code_tok_is(&doc->tokens[i - 1], heads[k]))
      return 1;
  return 0;
}

/* Whether root[0..n) is one of roots (lower-case, NULL-terminated). */
static int root_in(const char *root, size_t n, const char *const *roots) {
  size_t k;
  for (k = 0; n && roots[k]; k++)
    if (strlen(roots[k]) == n && memcmp(root, roots[k], n) == 0)
      return 1;
  return 0;
}

/* Words for a group of people ("kelompok", "milisi", "pasukan"): they
 * name what a phrase is ("kelompok Houthi"), not what it owns. */
static int group_noun(const kb_token *t) {
  static const char *const groups[] = {
      "kelompok", "gerakan", "milisi",      "faksi",      "organisasi",
      "partai",   "rezim",   "pasukan",     "pemberontak", "militan",
      "gerilyawan", "koalisi", NULL};
  return code_tok_in(t, groups);
}

/* A lower-case content word that is no verb, right before a phrase:
 * "minyak" in "fasilitas minyak Saudi" -- the phrase is its owner. */
static int owned_by_noun(const kb_doc *doc, size_t i) {
  static const char *const joins[] = {"dan", "atau", "serta", "juga",
                                      "pun", "bahwa", NULL};
  const kb_token *t = &doc->tokens[i];
  unsigned v;
  size_t k;
  for (k = i; k > 0 && i - k < 8; k--) {
    /* "Resolusi 1701 Dewan Keamanan (DK) PBB, yang ...": a numbered
     * document or thing owned, its noun capitalised as in a title; the
     * words between are the owner's name */
    const kb_token *u = &doc->tokens[k];
    if (u->kind == KB_TOK_NUMBER) {
      const kb_morph *m = kb_doc_token_morph(doc, k - 1);
      return doc->tokens[k - 1].kind == KB_TOK_WORD && m != NULL &&
             (m->flags & KB_MORPHF_KNOWN) &&
             (m->cls == KB_MORPH_ROOT || m->cls == KB_MORPH_NOMINAL);
    }
    if (!is_punct(u, '(') && !is_punct(u, ')') &&
        !(u->kind == KB_TOK_WORD && (u->flags & KB_TOKF_CAPITAL)))
      break;
  }
  if (t->kind != KB_TOK_WORD || t->text.len == 0 ||
      !(t->text.ptr[0] >= 'a' && t->text.ptr[0] <= 'z') ||
      is_any(doc, t, left_barriers))
    return 0;
  for (k = 0; joins[k]; k++)
    if (code_tok_is(t, joins[k]))
      return 0;
  if (group_noun(t))
    return 0; /* it names what the phrase is ("kelompok Houthi") */
  v = voice_of(kb_doc_token_morph(doc, i));
  return !(v & (VOICE_ACTIVE | VOICE_PASSIVE | VOICE_BER | VOICE_TER));
}

/* "Hizbullah(,) yang didukung Iran menyerang": the agent of a relative
 * clause is not the subject, its head is.  A head that is a group with
 * no actor named ("seorang milisi yang didukung Iran") leaves no subject
 * (NULL) -- unless the group is led by the agent ("koalisi yang dipimpin
 * Saudi"); a thing or an event ("tembakan yang dilepaskan pasukan
 * Israel menewaskan") has the agent as its cause.  Any other phrase is
 * returned as it is. */
static np *agent_of_relative(sent *st, const kb_doc *doc, np *p,
                             int passive) {
  size_t first = st->s->first_token, hh;
  np *h;
  if (p->first < first + 2 ||
      !(voice_of(kb_doc_token_morph(doc, p->first - 1)) &
        (VOICE_PASSIVE | VOICE_TER)))
    return p;
  hh = p->first - 1; /* "yang (selama ini) didukung Iran" */
  for (;;) {
    if (hh > first && is_any(doc, &doc->tokens[hh - 1], auxiliaries))
      hh--;
    else if (hh > first + 1 && time_demonstrative(doc, hh - 1))
      hh -= 2;
    else
      break;
  }
  if (hh <= first || !code_tok_is(&doc->tokens[hh - 1], "yang"))
    return p;
  hh--;
  if (hh > first && is_punct(&doc->tokens[hh - 1], ','))
    hh--;
  h = hh > first ? np_covering(st, hh - 1) : NULL;
  if (h && h->end == hh && h->prep == PREP_DI && h->first >= first + 2) {
    /* "Kelompok Houthi di Yaman, yang didukung Iran": the place belongs
     * to the head before it */
    np *g = np_covering(st, h->first - 2);
    if (g && g->end == h->first - 1)
      h = g;
  }
  if (h && h->end <= hh && h->kind == NP_ACTOR &&
      (passive ? can_receive(doc, h) : can_act(h)) && h->prep == PREP_NONE)
    return h;
  if (hh > first && group_noun(&doc->tokens[hh - 1]) &&
      !code_tok_is(&doc->tokens[p->first - 1], "dipimpin"))
    return NULL;
  return p;
}

static size_t find_subject(sent *st, const kb_doc *doc, size_t from,
                           int passive, np **out, vmatch **inherit);

/* "Iran membalas dengan rudal yang merusak kilang ...", "IRGC melancarkan
 * serangan yang menargetkan ...": a weapon or an attack heading a
 * relative clause (the head ends at token h, "yang" follows) acts for
 * whoever launched or used it, the subject of the verb that takes it.
 * Only verbs that launch, fire, use or own up to an attack count
 * (launch_roots): "mengutuk serangan yang menewaskan ..." and "menyusul
 * serangan yang ..." give no subject.  Returns the launching verb's
 * subjects as find_subject does, or 0. */
static size_t launcher_subject(sent *st, const kb_doc *doc, size_t h,
                               np **out, vmatch **inherit) {
  static const char *const weapons[] = {
      "rudal",  "roket",   "misil",   "drone",     "bom",     "peluru",
      "tembakan", "serangan", "artileri", "granat", "torpedo", "proyektil",
      NULL};
  static const char *const launch_roots[] = {
      "lancar", "luncur", "tembak", "lepas", "guna", "kerah",
      "umbar",  "ambil",  "balas",  "jatuh", "tanggung", NULL};
  static const char *const passable[] = {"dan",    "dengan",      "termasuk",
                                         "berupa", "serangkaian", "sejumlah",
                                         "atas",   "jawab",       NULL};
  size_t first = st->s->first_token, j, steps;
  int weapon = 0;
  char root[32];
  for (j = h, steps = 0; j > first && steps < 8; j--, steps++) {
    const kb_token *t = &doc->tokens[j - 1];
    const kb_morph *m = kb_doc_token_morph(doc, j - 1);
    size_t n;
    if (np_covering(st, j - 1) != NULL || t->kind != KB_TOK_WORD)
      return 0; /* an actor of its own ("rudal Iran yang") or a break */
    if (code_tok_in(t, weapons)) {
      weapon = 1;
      continue;
    }
    if (code_tok_in(t, passable))
      continue;
    if (!(voice_of(m) & (VOICE_ACTIVE | VOICE_BER))) {
      if (t->text.len > 0 && t->text.ptr[0] >= 'a' && t->text.ptr[0] <= 'z' &&
          !is_any(doc, t, left_barriers))
        continue; /* "serangan balasan", "langkah" */
      return 0;
    }
    if (!weapon)
      return 0;
    n = root_of(doc, j - 1, root, sizeof root);
    return root_in(root, n, launch_roots)
               ? find_subject(st, doc, j - 1, 0, out, inherit)
               : 0;
  }
  return 0;
}

/* What the verb at token i does with the clause after its object:
 * CONTROL_NONE, the clause is the subject's purpose ("menyurati Jokowi
 * untuk mengeluhkan"); CONTROL_OBJECT, the object acts ("membantu
 * Ukraina untuk bertahan", "mengundang Putin untuk berkunjung");
 * CONTROL_ASKED, the object is asked or told to act, which has not
 * happened ("menyarankan PBB untuk memberi keringanan", "mendesak Iran
 * untuk berunding").  A token with no root counts as CONTROL_OBJECT. */
#define CONTROL_NONE 0
#define CONTROL_OBJECT 1
#define CONTROL_ASKED 2
static int object_control(const kb_doc *doc, size_t i) {
  static const char *const asked[] = {
      "desak", "minta", "ajak",  "seru",  "imbau", "saran", "tuntut",
      "suruh", "perintah", "bujuk", "tekan", "yakin", "lobi", "ingat",
      "larang", "tantang", NULL};
  /* "kerusuhan mendorong Trump untuk mengerahkan marinir": prompted,
   * and done */
  static const char *const acting[] = {"bantu", "paksa", "undang", "izin",
                                       "latih", "dukung", "biar",  "beri",
                                       "dorong", NULL};
  char root[32];
  size_t n = root_of(doc, i, root, sizeof root);
  if (n == 0 || root_in(root, n, acting))
    return CONTROL_OBJECT;
  return root_in(root, n, asked) ? CONTROL_ASKED : CONTROL_NONE;
}

/* Whether the verb at token vb commands the office or agency o to act:
 * "memerintahkan Departemen Keuangan AS untuk meningkatkan sanksi",
 * "menginstruksikan Menteri Keuangan ... untuk ...".  An order to one's
 * own agency is how a government acts, so what it is told to do is coded
 * with the agency as its source; an order to a state or a person with no
 * office ("memerintahkan Israel untuk ...") is a demand, not yet done. */
static int ordered_agency(const kb_doc *doc, size_t vb, const np *o) {
  static const char *const commands[] = {"perintah", "instruksi", "tugas",
                                         NULL};
  char root[32];
  size_t n = root_of(doc, vb, root, sizeof root);
  return o->agent != NULL && n > 0 && root_in(root, n, commands);
}

/* The subject of verb `from` inside a relative clause opened by "yang" at
 * token y: "ancaman terhadap militan Taliban yang mungkin tengah berpikir
 * untuk melancarkan serangan" -- the phrase "yang" follows, governed or
 * not (but not a place: "pelaku usaha di Indonesia yang ..." describes
 * the businesses).  Returns 1 (out[0] set), 0 when the head is no actor
 * ("orang-orang yang mengakui telah membunuh ...", "opsi yang mencakup
 * bergabung dengan Israel dalam menyerang ...": no one named acts), or
 * -1 when the clause has ended before the verb (punctuation or "dan"
 * between: "Kuwait, yang bertetangga dengan Saudi, meningkatkan ...")
 * or a purpose clause may belong to the main verb ("memimpin koalisi
 * yang terlibat dalam perang di Yaman untuk membantu Presiden Hadi"). */
static int relative_subject(sent *st, const kb_doc *doc, size_t y,
                            size_t from, int passive, np **out) {
  size_t first = st->s->first_token, h = y, j;
  int purpose = 0;
  np *q;
  if (from >= first + 1 && (code_tok_is(&doc->tokens[from - 1], "dan") ||
                            code_tok_is(&doc->tokens[from - 1], "serta")))
    return -1;
  for (j = y + 1; j < from; j++) {
    if (doc->tokens[j].kind == KB_TOK_PUNCT ||
        is_any(doc, &doc->tokens[j], said_pronouns))
      return -1; /* "serangan udara yang telah lama mereka ancamkan": the
                    pronoun is the subject */
    purpose |= is_any(doc, &doc->tokens[j], purposes);
  }
  if (h >= first + 2 && is_punct(&doc->tokens[h - 1], ','))
    h--;
  q = np_covering(st, h - 1);
  if (q && q->end == h && (passive ? can_receive(doc, q) : can_act(q)) &&
      (q->prep == PREP_NONE ||
       (!passive && q->prep != PREP_DI && q->prep != PREP_KE &&
        q->prep != PREP_DARI))) {
    out[0] = q;
    return 1;
  }
  if (purpose && y + 1 < from &&
      (voice_of(kb_doc_token_morph(doc, y + 1)) & VOICE_PASSIVE))
    return 0; /* "pesawat yang digunakan untuk meluncurkan serangan": the
                 one who used them, not named */
  if (h < y || purpose || q)
    return -1;
  /* a head that is no actor may stand for one: "Hizbullah atau Hamas, dua
   * organisasi yang ...", "tercatat sebagai pihak yang ...", "merupakan
   * sosok yang ..." */
  for (j = y; j-- > first && j + 4 >= y;)
    if (is_punct(&doc->tokens[j], ',') || code_tok_is(&doc->tokens[j], "sebagai") ||
        code_tok_is(&doc->tokens[j], "merupakan") ||
        code_tok_is(&doc->tokens[j], "adalah") ||
        code_tok_is(&doc->tokens[j], "menjadi"))
      return -1;
  return 0;
}

/* Markets, prices and policies: "bursa kawasan Asia", "harga minyak Arab
 * Saudi", "kebijakan tarif Presiden AS Donald Trump telah menghantam ..."
 * own the actor after them and are no actor themselves. */
static int market_noun(const kb_token *t) {
  static const char *const words[] = {
      "bursa",    "pasar",     "saham",     "indeks", "harga",
      "kurs",     "obligasi",  "kebijakan", "tarif",
      "pernyataan", "komentar", "ucapan",   NULL};
  size_t k;
  for (k = 0; words[k]; k++)
    if (code_tok_is(t, words[k]))
      return 1;
  return 0;
}

/* Whether tokens [a, b) can be the one a causative verb makes act
 * ("membuat kekuatan-kekuatan besar Barat mengakui"): words only, no
 * "untuk" or "dan" ("membuat keputusan resmi untuk memutuskan ... dan
 * membuka ...": a decision made, the subject's own acts follow). */
static int causee_only(const kb_doc *doc, size_t a, size_t b) {
  for (; a < b; a++) {
    const kb_token *t = &doc->tokens[a];
    if (t->kind != KB_TOK_WORD || is_any(doc, t, purposes) ||
        code_tok_is(t, "dan") || code_tok_is(t, "serta"))
      return 0;
  }
  return 1;
}

/* Collects the subject of the clause ending before token `from`: the
 * nearest ungoverned phrase to the left, with phrases coordinated to it
 * ("A dan B", "A, B, dan C").  Returns the count; *inherit is set to a
 * verb to the left whose sources stand in when no subject comes first. */
static size_t find_subject(sent *st, const kb_doc *doc, size_t from,
                           int passive, np **out, vmatch **inherit) {
  size_t i = from, n = 0, first = st->s->first_token;
  *inherit = NULL;
  /* "negara mana yang menawarkan ...": the subject of a verb right after
   * "yang" is the head before "yang", or none -- never an actor further
   * left */
  while (i > first && is_any(doc, &doc->tokens[i - 1], auxiliaries))
    i--;
  if (!passive && i >= first + 3 && is_any(doc, &doc->tokens[i - 1], purposes)) {
    /* "LSM itu menyurati Presiden Jokowi untuk mengeluhkan ...": the
     * actor before "untuk" is the object of the verb before it; the
     * purpose clause shares that verb's subject -- unless the verb hands
     * the clause to its object (object_control) */
    np *o = np_covering(st, i - 2);
    size_t vb = o ? o->first - 1 : 0;
    if (o && o->end == i - 1 && o->first > first && np_covering(st, vb) == NULL &&
        (voice_of(kb_doc_token_morph(doc, vb)) & VOICE_ACTIVE)) {
      int control = object_control(doc, vb);
      if (control == CONTROL_NONE)
        return find_subject(st, doc, vb, 0, out, inherit);
      if (control == CONTROL_ASKED && !ordered_agency(doc, vb, o))
        return 0; /* what is asked for has not happened */
    }
  }
  if (!passive && i >= first + 3 && code_tok_is(&doc->tokens[i - 1], "dengan")) {
    /* "Iran mengguncang kawasan Timur Tengah dengan melancarkan serangan
     * rudal": a verb of manner after "dengan" shares the subject of the
     * verb whose object stands before it */
    np *o = np_covering(st, i - 2);
    size_t j = o && o->end == i - 1 ? o->first : first, steps = 0;
    while (j > first + 1 && steps++ < 2 && np_covering(st, j - 1) == NULL &&
           doc->tokens[j - 1].kind == KB_TOK_WORD &&
           !(voice_of(kb_doc_token_morph(doc, j - 1)) & VOICE_VERBAL) &&
           doc->tokens[j - 1].text.ptr[0] >= 'a' &&
           doc->tokens[j - 1].text.ptr[0] <= 'z')
      j--; /* "kawasan" */
    if (o && o->end == i - 1 && j > first && np_covering(st, j - 1) == NULL &&
        voice_of(kb_doc_token_morph(doc, j - 1)) == VOICE_ACTIVE)
      return find_subject(st, doc, j - 1, 0, out, inherit);
  }
  if (passive && i > first + 1 && np_covering(st, i - 1) == NULL &&
      (code_tok_is(&doc->tokens[i - 1], "itu") ||
       code_tok_is(&doc->tokens[i - 1], "ini") ||
       code_tok_is(&doc->tokens[i - 1], "tersebut")) &&
      !time_demonstrative(doc, i - 1))
    return 0; /* "Saudi dan AS percaya serangan itu dilancarkan oleh Iran":
                 the thing is the subject, no actor further left ("selama
                 ini", "saat itu" are adverbs) */
  if (i > first && code_tok_is(&doc->tokens[i - 1], "yang")) {
    size_t h = i - 1;
    np *q;
    int comma = h >= first + 2 && is_punct(&doc->tokens[h - 1], ',');
    if (comma)
      h--;
    q = h >= first + 1 ? np_covering(st, h - 1) : NULL;
    /* "Inggris, yang menyalahkan ...": past a comma the phrase must head
     * its clause -- ungoverned ("ayahnya dari Rumania, yang ditangkap"
     * is no subject) and no common noun's owner ("fasilitas minyak
     * Saudi, yang ...": the facilities are) */
    if (q && comma &&
        (q->prep != PREP_NONE ||
         (q->first > first && owned_by_noun(doc, q->first - 1))))
      q = NULL;
    if (q && q->end == h &&
        (passive ? can_receive(doc, q) : can_act(q))) {
      out[0] = q;
      return 1;
    }
    return q == NULL && !passive && !comma
               ? launcher_subject(st, doc, h, out, inherit)
               : 0;
  }
  i = from;
  while (i-- > first) {
    const kb_token *t = &doc->tokens[i];
    np *p = np_covering(st, i);
    vmatch *v;
    if (p == NULL && (p = when_speaker(st, doc, i, from)) != NULL) {
      out[0] = p;
      return 1;
    }
    if (p) {
      i = p->first;
      if (!(passive ? can_receive(doc, p) : can_act(p)))
        continue; /* a passive's subject is its target: journalists too */
      /* a governed phrase is no subject -- unless the verb follows it at
       * once: "..., dengan Pyongyang konon memasok peluru" */
      if (p->prep != PREP_NONE && !(p->prep == PREP_DENGAN &&
                                    adverbs_only(doc, p->end, from)))
        continue;
      /* "memuji Singapura dan mengkritik Australia": a phrase joined to
       * the verb by "dan" alone is the previous verb's object */
      if (conjoined_predicate(doc, p->end, from)) {
        size_t j;
        int after_verb = 0;
        for (j = p->first; j-- > first;) {
          vmatch *w = verb_at(st, j);
          if (w && w->n_src) {
            *inherit = w;
            return 0;
          }
          if (np_covering(st, j) == NULL &&
              (is_any(doc, &doc->tokens[j], left_barriers) ||
               is_punct(&doc->tokens[j], ';')))
            break;
          if (np_covering(st, j) == NULL &&
              (voice_of(kb_doc_token_morph(doc, j)) &
               (VOICE_ACTIVE | VOICE_PASSIVE | VOICE_BER)))
            after_verb = 1;
        }
        /* "Maduro menyebut Guaido sebagai boneka AS dan menuduh ...": AS
         * is the object of a verb no pattern coded; the subject is
         * further left */
        if (after_verb)
          continue;
      }
      if (!passive && p->first > first + 1 &&
          (market_noun(&doc->tokens[p->first - 1]) ||
           (code_tok_is(&doc->tokens[p->first - 1], "kawasan") &&
            market_noun(&doc->tokens[p->first - 2]))))
        return 0; /* "bursa kawasan Asia menyambut baik ...": the market
                     acts, not the region */
      if ((p = agent_of_relative(st, doc, p, passive)) == NULL)
        return 0;
      p = apposition_head(st, doc, p, from);
      p = relative_head(st, doc, p, from);
      i = p->first;
      out[n++] = p;
      /* coordinated phrases further left: "A dan B", "A, B dan C" */
      while (n < MAX_SIDE && i > first) {
        size_t j = i;
        int saw_and = 0;
        np *q;
        while (j > first && (is_punct(&doc->tokens[j - 1], ',') ||
                             code_tok_is(&doc->tokens[j - 1], "dan") ||
                             code_tok_is(&doc->tokens[j - 1], "serta"))) {
          saw_and |= !is_punct(&doc->tokens[j - 1], ',');
          j--;
        }
        /* "A, B dan C menuduh": a comma coordinates only in a list that
         * ends with "dan" */
        if (j == i || j == first || (!saw_and && n < 2))
          break;
        q = np_covering(st, j - 1);
        if (q == NULL || q->end != j || !can_act(q) || q->prep != PREP_NONE)
          break;
        out[n++] = q;
        i = q->first;
      }
      return n;
    }
    if (!passive && i + 1 < from &&
        (code_tok_is(t, "membuat") || code_tok_is(t, "menyebabkan") ||
         code_tok_is(t, "memaksa") || code_tok_is(t, "mengakibatkan")) &&
        causee_only(doc, i + 1, from))
      return 0; /* "dapat membuat kekuatan-kekuatan besar Barat mengakui
                   ...": the verb's subject is the one made to act, here
                   no actor (an actor there would have been found first) */
    if (code_tok_is(t, "yang") && i > first) {
      int r = relative_subject(st, doc, i, from, passive, out);
      if (r >= 0)
        return (size_t)r;
    }
    if (is_any(doc, t, left_barriers) && adverbs_only(doc, i + 1, from) &&
        i > first && is_punct(&doc->tokens[i - 1], ',') &&
        !code_tok_is(t, "bahwa"))
      continue; /* "Trump memberi sinyal ..., setelah sebelumnya mendesak
                   Iran": a subordinate verb with no subject of its own
                   shares the main clause's */
    if (is_any(doc, t, left_barriers) && i + 1 < from &&
        (code_tok_is(&doc->tokens[i + 1], "ini") ||
         code_tok_is(&doc->tokens[i + 1], "itu")))
      continue; /* "KJRI saat ini sedang berkoordinasi", "setelah itu":
                   adverbs, no clause boundary */
    if (is_any(doc, t, left_barriers) || is_punct(t, ';') || is_punct(t, ':') ||
        speech_quote(doc, i, first, st->s->first_token + st->s->n_tokens))
      break;
    v = verb_at(st, i);
    if (v && v->n_src) {
      *inherit = v;
      return 0;
    }
  }
  if ((out[0] = owner_subject(st, doc, from)) != NULL)
    return 1;
  return 0;
}

/* "pernyataan yang dibuat oleh Perdana Menteri Israel": the oleh-phrase
 * of a passive relative clause is who is behind what the verb is about
 * (as "sanksi yang dijatuhkan Washington"). */
static int relative_agent(const kb_doc *doc, const np *p) {
  return p->first >= 3 && code_tok_is(&doc->tokens[p->first - 3], "yang") &&
         (voice_of(kb_doc_token_morph(doc, p->first - 2)) &
          (VOICE_PASSIVE | VOICE_TER));
}

/* Whether token i is a noun owned through -nya: "warganya",
 * "pasukannya". */
static int owned_noun(const kb_doc *doc, size_t i) {
  const kb_morph *m = kb_doc_token_morph(doc, i);
  return doc->tokens[i].kind == KB_TOK_WORD && m &&
         m->possessive == KB_POSS_NYA &&
         (m->cls == KB_MORPH_ROOT || m->cls == KB_MORPH_NOMINAL);
}

/* Whether phrase q is the subject of a new clause rather than one more
 * object: a verb follows it, after auxiliaries ("memblokade Gaza dan
 * Mesir menerapkan pembatasan": Mesir imposes, it is not blockaded). */
static int starts_clause(const kb_doc *doc, const np *q, size_t end) {
  size_t i = q->end;
  const kb_token *t;
  while (i < end && is_any(doc, &doc->tokens[i], auxiliaries))
    i++;
  if (i >= end)
    return 0;
  t = &doc->tokens[i];
  return t->kind == KB_TOK_WORD && !is_any(doc, t, not_verbs) &&
         !is_any(doc, t, right_barriers) && /* "mengenai", "terkait" */
         (voice_of(kb_doc_token_morph(doc, i)) & VOICE_VERBAL) != 0;
}

/* find_object's flag beside the pattern's VF_*: the verb disapproves of
 * what it names (110, 111: "mengutuk serangan ..."; not 112, whose
 * kepada-phrase is the one blamed: "menyalahkan serangan itu kepada
 * Teheran"). */
#define FIND_JUDGES 0x10000u
/* ... and the verb asks its objects to act (02 appeals, 10 demands):
 * "meminta Jokowi dan DPR mengundang ..." -- a verb after the objects is
 * what they are asked to do, not a new clause. */
#define FIND_ASKS 0x20000u
/* ... and the verb praises or supports what it names (05): "memuji
 * pemecatan Bolton" praises a blow to Bolton, not Bolton. */
#define FIND_PRAISES 0x40000u

/* The flags find_object is called with for pattern p. */
static unsigned object_flags(const dict_verb *p) {
  unsigned f = p->flags;
  if (p->code[0] == '1' && p->code[1] == '1' &&
      (p->code[2] == '0' || p->code[2] == '1'))
    f |= FIND_JUDGES;
  if ((p->code[0] == '0' && p->code[1] == '2') ||
      (p->code[0] == '1' && p->code[1] == '0'))
    f |= FIND_ASKS;
  if (p->code[0] == '0' && p->code[1] == '5')
    f |= FIND_PRAISES;
  return f;
}

/* Whether token i is a noun of a blow whose owner suffers it:
 * "pemecatan John Bolton" (Bolton's dismissal), "penangkapan",
 * "kekalahan".  Not "serangan Israel", whose owner strikes. */
static int blow_noun(const kb_doc *doc, size_t i) {
  static const char *const blows[] = {"pecat", "tangkap", "kalah", "usir",
                                      "tahan", "jatuh", "gulung", "tindak",
                                      NULL};
  const kb_morph *m = kb_doc_token_morph(doc, i);
  char root[32];
  size_t n;
  if (doc->tokens[i].kind != KB_TOK_WORD || m == NULL ||
      m->cls != KB_MORPH_NOMINAL)
    return 0;
  n = root_of(doc, i, root, sizeof root);
  return root_in(root, n, blows);
}

/* The actor whose blow follows verb token `last` at once: "penangkapan
 * Gubernur California Gavin Newsom", "pemecatan John Bolton". */
static np *blow_owner(sent *st, const kb_doc *doc, size_t last) {
  size_t end = st->s->first_token + st->s->n_tokens, j;
  np *p = NULL;
  if (last + 2 >= end || !blow_noun(doc, last + 1))
    return NULL;
  /* a title the dictionaries do not know may stand first: "Gubernur
   * California Gavin Newsom" */
  for (j = last + 2; j < end && j < last + 6; j++) {
    if ((p = np_covering(st, j)) != NULL ||
        doc->tokens[j].kind != KB_TOK_WORD ||
        !(doc->tokens[j].flags & KB_TOKF_CAPITAL))
      break;
  }
  return p && p->first == j && p->prep == PREP_NONE && p->kind == NP_ACTOR
             ? p
             : NULL;
}

/* Prepositions that end an attack's own phrase: what follows them is its
 * victim, place or time ("serangan drone terhadap fasilitas minyak
 * Saudi"). */
static const char *const attack_preps[] = {
    "terhadap", "ke", "kepada", "atas", "di", "dari", "pada", "untuk",
    NULL};

/* The targets after the verb phrase ending at token `last`: the first
 * actor phrase, bare or after kepada/ke/terhadap/dengan/untuk, with those
 * coordinated to it.  Speech verbs look into their bahwa-clause.  A verb
 * that condemns an attack is aimed at the attack's own agent ("mengutuk
 * serangan Houthi terhadap ..."), never at what follows a preposition
 * after the attack: that is its victim ("mengutuk serangan drone terhadap
 * fasilitas minyak Saudi" names no one to condemn). */
static size_t find_object(sent *st, const kb_doc *doc, size_t tok,
                          size_t last, unsigned flags, np **out) {
  size_t i, n = 0, end = st->s->first_token + st->s->n_tokens;
  size_t limit = last + 14;
  int judged_attack = 0;
  const vmatch *w;
  const kb_morph *vm = kb_doc_token_morph(doc, tok);
  if (last == tok && vm != NULL && vm->possessive != KB_POSS_NONE &&
      voice_of(vm) == VOICE_ACTIVE)
    return 0; /* "memperingatkannya", "menentangnya": the clitic is the
                 object, someone or something named before; what follows
                 is a clause of its own */
  /* VF_SELF: "memperingatkan bahwa mereka dapat menyerang situs nuklir
   * Iran" -- the target is what the force announced would strike, after
   * the force verb */
  for (i = flags & VF_SELF ? last + 1 : tok + 1; i < end && i < limit; i++) {
    const kb_token *t = &doc->tokens[i];
    np *p = np_at(st, i);
    if (judged_attack &&
        (p ? p->prep != PREP_NONE : code_tok_in(t, attack_preps)))
      return 0;
    if (i == tok + 1 && last == tok &&
        (code_tok_is(t, "diri") || code_tok_is(t, "dirinya")))
      return 0; /* "hak untuk membela diri": the verb acts on its subject */
    if ((flags & FIND_PRAISES) && p == NULL &&
        ((i == last + 1 && blow_noun(doc, i)) ||
         (last == tok && i > tok + 1 && code_tok_is(t, "terhadap"))))
      return 0; /* "menyambut baik pemecatan John Bolton", "mendukung
                   operasi militer terhadap Iran": what is praised is a
                   blow to the actor named (but "dukungan penuh terhadap
                   X", the praise's own noun, is aimed at X) */
    if ((flags & FIND_ASKS) && i == last + 1 && p == NULL &&
        owned_noun(doc, i))
      return 0; /* "mengimbau warganya untuk tidak bepergian ke Iran": the
                   appeal is to its own people, Iran is where not to go */
    if (p) {
      /* "mengirim tentara Korea Utara ke Rusia": the phrase that holds the
       * object word is what is sent, not the target */
      if (!can_receive(doc, p) ||
          (p->prep == PREP_OLEH && !relative_agent(doc, p)) ||
          ((flags & VF_WITH) && p->prep != PREP_DENGAN) ||
          (p->prep == PREP_ANTARA && !(flags & VF_BETWEEN)) ||
          (p->prep == PREP_DARI && !counterpart_before(doc, p->first)) ||
          (p->prep == PREP_DI && !(flags & VF_PLACE)) ||
          (last > tok && p->first <= last && last < p->end &&
           !(flags & VF_PATIENT))) {
        i = p->end - 1;
        /* "di Uni Emirat Arab, Yordania dan Arab Saudi": the phrases
         * coordinated to a skipped one share its preposition */
        while (p->prep != PREP_NONE && i + 2 < end &&
               is_coordinator(doc, i + 1, end)) {
          size_t j = i + 2;
          np *q;
          if (is_punct(&doc->tokens[i + 1], ',') &&
              code_tok_is(&doc->tokens[j], "dan"))
            j++;
          q = j < end ? np_at(st, j) : NULL;
          if (q == NULL || q->prep != PREP_NONE)
            break;
          i = q->end - 1;
        }
        continue;
      }
      out[n++] = p;
      i = p->end;
      /* "kepada A dan B", "kepada A, B, dan C"; a comma alone is no
       * coordination ("..., negara itu, kedua negara menandatangani") */
      while (n < MAX_SIDE && i + 1 < end && is_coordinator(doc, i, end)) {
        size_t j = i + 1;
        np *q;
        if (is_punct(&doc->tokens[i], ',') && j < end &&
            code_tok_is(&doc->tokens[j], "dan"))
          j++;
        q = np_at(st, j);
        if (q == NULL || !can_receive(doc, q) ||
            (!(flags & FIND_ASKS) && starts_clause(doc, q, end)))
          break;
        if (is_punct(&doc->tokens[i], ',') && j == i + 1 &&
            !(q->end < end && is_coordinator(doc, q->end, end)))
          break;
        out[n++] = q;
        i = q->end;
      }
      return n;
    }
    if (is_punct(t, ',') && i + 1 < end &&
        (code_tok_is(&doc->tokens[i + 1], "dan") ||
         code_tok_is(&doc->tokens[i + 1], "tetapi") ||
         code_tok_is(&doc->tokens[i + 1], "namun") ||
         code_tok_is(&doc->tokens[i + 1], "sementara") ||
         code_tok_is(&doc->tokens[i + 1], "sedangkan") ||
         (code_tok_is(&doc->tokens[i + 1], "untuk") &&
          !code_tok_is(&doc->tokens[i - 1], "atau") &&
          !code_tok_is(&doc->tokens[i - 1], "dan"))))
      return 0; /* "mengebom kota itu semalam, dan sebuah sumber ...": a
                   new clause; "memerangi korupsi, untuk melayani rakyat
                   Afganistan": a purpose of its own (but "pesawat nirawak
                   atau ,untuk negara ...": a link's text went missing
                   before the comma) */
    if ((code_tok_is(t, "dan") || code_tok_is(t, "serta") ||
         code_tok_is(t, "lalu") || code_tok_is(t, "kemudian")) &&
        i + 1 < end && !(flags & VF_THROUGH) &&
        (voice_of(kb_doc_token_morph(doc, i + 1)) &
         (VOICE_ACTIVE | VOICE_PASSIVE | VOICE_BER | VOICE_TER)))
      return 0; /* "..., dan berjanji ...": a new predicate */
    if ((flags & VF_PER) && code_tok_is(t, "untuk"))
      return 0; /* "memperingatkan perusahaan asing untuk meninggalkan
                   fasilitas minyak Arab Saudi": the warned come first */
    if (code_tok_is(t, "bahwa") && (flags & VF_SPEECH)) {
      limit = i + 10;
      continue;
    }
    if (code_tok_is(t, "yang")) {
      /* "salam yang hangat kepada Putin" goes on; "kapal yang dioperasikan
       * Iran" is a relative clause with its own verb */
      if (i + 1 < end && voice_of(kb_doc_token_morph(doc, i + 1)) &
                             (VOICE_ACTIVE | VOICE_BER))
        return 0;
      /* "sanksi yang dijatuhkan Washington": the relative clause's agent
       * is who is behind it, so the search goes on past its verb */
      if (i + 1 < end && voice_of(kb_doc_token_morph(doc, i + 1)) &
                             (VOICE_PASSIVE | VOICE_TER)) {
        np *q;
        i++;
        /* "menembak jatuh rudal-rudal yang ditembakkan ke Israel": where
         * the thing was sent is not who is behind it; an oleh-phrase may
         * still follow */
        if (i + 2 < end && code_tok_is(&doc->tokens[i + 1], "ke") &&
            (voice_of(kb_doc_token_morph(doc, i)) & VOICE_PASSIVE) &&
            (q = np_covering(st, i + 2)) != NULL && q->first == i + 2)
          i = q->end - 1;
      }
      continue;
    }
    if (is_any(doc, t, right_barriers) || is_punct(t, '.') || is_punct(t, ';') ||
        speech_quote(doc, i, st->s->first_token, end) ||
        (st->s->part == KB_BLOCK_TITLE && is_punct(t, ',')))
      return 0; /* a headline's comma joins two headlines */
    if (code_tok_is(t, "di") && i + 1 < end &&
        code_tok_is(&doc->tokens[i + 1], "tengah") &&
        !(flags & VF_PLACE))
      return 0; /* "menyerukan hubungan yang lebih erat di tengah agresi
                   Rusia": amid is the background, not the target */
    if ((w = verb_at(st, i)) != NULL && !(flags & VF_THROUGH) &&
        !warns_for(st, doc, w, i))
      return 0;
    if ((flags & FIND_JUDGES) && attack_noun_at(st, i))
      judged_attack = 1;
  }
  return 0;
}

/* The source of a passive verb: the oleh-phrase, or the actor right after
 * the verb phrase ("dikirim Korea Utara"). */
static size_t find_agent(sent *st, const kb_doc *doc, size_t last, np **out) {
  size_t i, end = st->s->first_token + st->s->n_tokens, n = 0;
  for (i = last + 1; i < end && i <= last + 10; i++) {
    np *p = np_at(st, i);
    if (p && can_act(p) && (p->prep == PREP_OLEH || i == last + 1)) {
      /* "ditandatangani oleh Indonesia dan Uni Emirat Arab" */
      out[n++] = p;
      i = p->end;
      while (n < MAX_SIDE && i + 1 < end &&
             (code_tok_is(&doc->tokens[i], "dan") ||
              code_tok_is(&doc->tokens[i], "serta"))) {
        np *q = np_at(st, i + 1);
        if (q == NULL || !can_act(q))
          break;
        out[n++] = q;
        i = q->end;
      }
      return n;
    }
    if (p)
      i = p->end - 1;
    if (is_punct(&doc->tokens[i], '.') || is_punct(&doc->tokens[i], ';'))
      break;
  }
  return 0;
}

/* "Rencana Inggris dan Prancis untuk mengakui ...": the names before
 * "untuk" (token i is the last of them) are owned by a noun of intention,
 * so what follows "untuk" is planned, not done. */
static int plan_owned(const kb_doc *doc, size_t i, size_t first) {
  static const char *const plans[] = {"rencana", "niat", "keinginan",
                                      "janji", "ambisi", "tekad", NULL};
  size_t steps = 0, k;
  for (i++; i-- > first && steps++ < 8;) {
    const kb_token *t = &doc->tokens[i];
    for (k = 0; plans[k]; k++)
      if (code_tok_is(t, plans[k]))
        return 1;
    if (!(t->kind == KB_TOK_WORD && (t->flags & KB_TOKF_CAPITAL)) &&
        !code_tok_is(t, "dan") && !is_punct(t, ','))
      return 0;
  }
  return 0;
}

/* What stands before the verb among its auxiliaries. */
#define MOD_INTENT 1  /* "akan", "berencana", "siap": a future event */
#define MOD_ABILITY 2 /* "dapat", "bisa", "mampu": possible, not done */

static int modality_before(const kb_doc *doc, size_t verb, size_t first) {
  size_t i, steps = 0;
  int untuk = 0;
  /* "Teheran dapat merespons dengan menyerang ...": a verb of manner has
   * the modality of the verb it describes */
  while (verb >= first + 2 && code_tok_is(&doc->tokens[verb - 1], "dengan") &&
         (voice_of(kb_doc_token_morph(doc, verb)) & VOICE_VERBAL) &&
         (voice_of(kb_doc_token_morph(doc, verb - 2)) & VOICE_VERBAL))
    verb -= 2;
  i = verb;
  while (i-- > first && steps++ < 4) {
    const kb_token *t = &doc->tokens[i];
    /* "dapat dengan mudah menyerang": a manner adverb is skipped */
    if (i > first + 1 && code_tok_is(&doc->tokens[i - 1], "dengan") &&
        t->kind == KB_TOK_WORD && t->text.ptr[0] >= 'a' &&
        t->text.ptr[0] <= 'z' &&
        !(voice_of(kb_doc_token_morph(doc, i)) & VOICE_VERBAL)) {
      i--;
      continue;
    }
    if (is_any(doc, t, abilities))
      return MOD_ABILITY;
    /* weighed or nearly done, not done: "tengah berpikir untuk melancarkan
     * serangan", "nyaris menembak" (a noun after them may still name a
     * real event: "mempertimbangkan untuk bergabung dengan serangan
     * Israel", so these are not abilities) */
    if (code_tok_is(t, "berpikir") || code_tok_is(t, "mempertimbangkan") ||
        code_tok_is(t, "nyaris") || code_tok_is(t, "hampir"))
      return MOD_ABILITY;
    if (is_any(doc, t, intents))
      return MOD_INTENT;
    /* "terbuka untuk bertemu" (open to meeting); not "secara terbuka
     * mengkritik" (openly criticised) */
    if (untuk && code_tok_is(t, "terbuka"))
      return MOD_INTENT;
    if (code_tok_is(t, "untuk")) {
      untuk = 1;
      continue; /* "berencana untuk mengunjungi" */
    }
    if (untuk && plan_owned(doc, i, first))
      return MOD_INTENT;
    if (!is_any(doc, t, auxiliaries) && !is_any(doc, t, negators))
      return 0;
  }
  return 0;
}

/* "bertemu ... untuk membahas X": a verb introduced by untuk / guna /
 * agar / supaya states a purpose, not an event. */
static int purpose_clause(const kb_doc *doc, size_t verb, size_t first) {
  size_t i = verb, steps = 0;
  while (i-- > first && steps++ < 3) {
    const kb_token *t = &doc->tokens[i];
    if (is_any(doc, t, purposes))
      return 1;
    if (!is_any(doc, t, auxiliaries))
      return 0;
  }
  return 0;
}

/* Whether verb v is a second predicate of w's subject, not part of what
 * w says: "dan" or "serta" stands right before v and no other verb between
 * them ("menyerukan perdamaian dan mengecam China"; but in "mendesak Iran
 * menghentikan serangan dan kembali berunding" the "dan" joins two things
 * demanded). */
static int conjoined_with(const kb_doc *doc, const vmatch *w,
                          const vmatch *v) {
  size_t j;
  if (v->tok < w->last + 2 || !(code_tok_is(&doc->tokens[v->tok - 1], "dan") ||
                                code_tok_is(&doc->tokens[v->tok - 1], "serta")))
    return 0;
  for (j = w->last + 1; j + 1 < v->tok; j++)
    if (voice_of(kb_doc_token_morph(doc, j)) & VOICE_VERBAL)
      return 0;
  return 1;
}

/* Whether verb v is the complement of an earlier appeal, demand, threat
 * or rejection in its clause (roots 02, 10, 12, 13): what is asked for,
 * threatened or refused has not happened; or of a protest (14), whose
 * "menentang X" says what the protest is against. */
static int complement_of_demand(const kb_doc *doc, const sent *st,
                                const vmatch *v) {
  const vmatch *w;
  for (w = st->verbs; w < v; w++) {
    const char *code = w->pat->code;
    if (v->tok - w->last > 8 ||
        (!(w->pat->flags & VF_THROUGH) && conjoined_with(doc, w, v)))
      continue;
    if (strncmp(code, "02", 2) == 0 || strncmp(code, "10", 2) == 0 ||
        strncmp(code, "12", 2) == 0 || strncmp(code, "13", 2) == 0 ||
        (w->pat->flags & VF_THROUGH))
      return 1;
  }
  return 0;
}

/* The CAMEO code for an announced intention to do `code`: cooperation
 * becomes the matching 03 code ("akan mengunjungi" -> 036), force and
 * coercion a threat (13x: "akan menyerang" -> 138).  NULL keeps the code
 * (statements, appeals, demands and disapproval are said, not done). */
static const char *intent_code(const char *code) {
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  /* the base code's third digit picks the intent code's detail */
  static const char *const coop[] = {"031", "0311", "0312", "0313", "0314"};
  static const char *const aid[] = {"033", "0331", "0332", "0333", "0334"};
  static const char *const yield[] = {"035",  "0351", "0352", "034",
                                      "0353", "0354", "0355", "0356"};
  int d = code[2] ? code[2] - '0' : 0;
  switch (root) {
  case 4:
    return "036"; /* meet, negotiate */
  case 5:
    return strncmp(code, "057", 3) == 0 ? "030" : "032";
  case 6:
    return d >= 0 && d <= 4 ? coop[d] : "031";
  case 7:
    return d >= 0 && d <= 4 ? aid[d] : "033";
  case 8:
    return d >= 0 && d <= 7 ? yield[d] : "035";
  case 18:
  case 19:
  case 20:
    return "138"; /* threaten with military force */
  case 16:
    return "131";
  case 17:
    return "137";
  default:
    return NULL; /* 15 (a force posture announced is itself coded 15) */
  }
}

static int negated_before(const kb_doc *doc, size_t verb, size_t first) {
  size_t i = verb, steps = 0;
  while (i-- > first && steps++ < 4) {
    const kb_token *t = &doc->tokens[i];
    if (is_any(doc, t, negators))
      return 1;
    if (!is_any(doc, t, auxiliaries))
      return 0;
  }
  return 0;
}

/* A conditional ("jika", "apabila") in the verb's clause: before it
 * ("jika Iran menyerang, ...") or after it with no comma between ("Iran
 * akan menyerang jika AS ikut campur"). */
static int hypothetical(const kb_doc *doc, size_t verb, size_t first,
                        size_t end) {
  size_t i = verb;
  while (i-- > first) {
    const kb_token *t = &doc->tokens[i];
    /* "ditanya apakah akan melancarkan serangan" (asked whether): a
     * question, not a report; but "mempertimbangkan apakah" (considers
     * whether) is itself the event */
    if (is_any(doc, t, conditionals) || code_tok_is(t, "apakah"))
      return 1;
    if (is_punct(t, ',') || is_punct(t, ';') || is_punct(t, '.'))
      break;
  }
  for (i = verb + 1; i < end; i++) {
    const kb_token *t = &doc->tokens[i];
    if (is_any(doc, t, conditionals))
      return 2; /* the condition follows: "akan menyerang jika ..." */
    if (is_punct(t, ',') || is_punct(t, ';') || is_punct(t, '.') ||
        is_quote(t))
      break;
  }
  return 0;
}

/* The sentence's attribution: the phrase after "menurut", "kata",
 * "melansir"...  (or the next few words), or a news agency anywhere. */
static kb_text find_attribution(coder *c, sent *st, const kb_doc *doc) {
  size_t i, end = st->s->first_token + st->s->n_tokens;
  kb_text none = {NULL, 0};
  kb_span sp;
  i = st->bits & LIST_BIT(attributors) ? st->s->first_token : end;
  for (; i + 1 < end; i++) {
    np *p;
    size_t j;
    if (!is_any(doc, &doc->tokens[i], attributors))
      continue;
    p = np_at(st, i + 1);
    if (p) {
      if (p->kind == NP_ACTOR && !p->is_media &&
          !code_tok_is(&doc->tokens[i], "menurut"))
        c->speaker = p; /* "kata Menlu Sugiono": who "kami" is */
      p->prep = PREP_OTHER; /* the speaker, not an actor */
      return p->country && p->country->kind == AK_MEDIA
                 ? p->country->name
                 : span_text(doc, p->first, p->end, &sp);
    }
    for (j = i + 1; j < end && j < i + 6; j++)
      if (doc->tokens[j].kind != KB_TOK_WORD ||
          is_any(doc, &doc->tokens[j], auxiliaries) ||
          (j > i + 1 && (voice_of(kb_doc_token_morph(doc, j)) &
                         (VOICE_ACTIVE | VOICE_PASSIVE | VOICE_BER |
                          VOICE_TER))))
        break; /* "menurut Brik malah terus membombardir ...": the
                  phrase ends where the clause goes on */
    if (j > i + 1 && code_tok_is(&doc->tokens[i], "menurut")) {
      /* "Menurut Kementerian Pendidikan Palestina, Israel ...": whoever
       * the menurut-phrase names is the source of the report, not an
       * actor of the sentence */
      size_t k;
      for (k = i + 1; k < j; k++) {
        np *q = np_at(st, k);
        if (q)
          q->prep = PREP_OTHER;
      }
      return span_text(doc, i + 1, j, &sp);
    }
  }
  for (i = 0; i < st->n_nps; i++)
    if (st->nps[i].is_media && st->nps[i].country)
      return st->nps[i].country->name;
  return none;
}

/* The date of the verb at token v: the nearest expression. */
/* A word that opens a clause about an earlier event ("setelah",
 * "menyusul", "usai", "pasca": 1) or a later one ("sebelum": -1), else 0.
 * Not "sejak" (since): "sejak ... pada tahun 2022" dates the main event's
 * start. */
static int sequence_word(const kb_token *t) {
  if (code_tok_is(t, "sebelum"))
    return -1; /* before */
  return code_tok_is(t, "setelah") || code_tok_is(t, "menyusul") ||
         code_tok_is(t, "usai") || code_tok_is(t, "pasca");
}

/* Whether such a word stands in tokens (v, d). */
static int another_event_between(const kb_doc *doc, size_t v, size_t d) {
  size_t i;
  for (i = v + 1; i < d; i++)
    if (sequence_word(&doc->tokens[i]) != 0)
      return 1;
  return 0;
}

static const tag_date *date_for(const kb_doc *doc, const sent *st, size_t v) {
  const tag_date *best = NULL;
  size_t best_dist = 0, k;
  for (k = 0; k < st->n_dates; k++) {
    const tag_date *d = &st->dates[k];
    size_t dist;
    if (d->precision == TAG_NONE ||
        (d->flags & (TAG_DATE_MENTION | TAG_DATE_DECADE)))
      continue; /* "pemilihan presiden 2024" names an election */
    dist = d->first_token > v ? d->first_token - v
                              : v - (d->first_token + d->n_tokens - 1);
    if (d->first_token > v && another_event_between(doc, v, d->first_token))
      continue; /* "mengerahkan Garda Nasional setelah protes jalanan pada
                   hari Jumat": Friday is the protests' day */
    if (best == NULL || dist < best_dist) {
      best = d;
      best_dist = dist;
    }
  }
  return best;
}

/* The date of an earlier event that the verb at v follows ("mengerahkan
 * Garda Nasional setelah protes jalanan pada hari Jumat"): a day or month
 * in a setelah/menyusul/usai/pasca clause after the verb, or NULL. */
static const tag_date *after_date(const kb_doc *doc, const sent *st,
                                  size_t v) {
  const tag_date *best = NULL;
  size_t k, i;
  for (k = 0; k < st->n_dates; k++) {
    const tag_date *d = &st->dates[k];
    if (d->first_token <= v ||
        (d->precision != TAG_DAY && d->precision != TAG_MONTH) ||
        (d->flags & (TAG_DATE_MENTION | TAG_DATE_DECADE)))
      continue;
    for (i = v + 1; i < d->first_token; i++) {
      int w = sequence_word(&doc->tokens[i]);
      if (w > 0)
        best = d; /* before (w < 0) says nothing of how late it is */
      if (w != 0)
        break;
    }
    if (best)
      break;
  }
  return best;
}

static long ymd_long(const tag_ymd *d, tag_precision p) {
  int m = p >= TAG_MONTH ? d->month : 7;
  int day = p >= TAG_DAY ? d->day : (p >= TAG_MONTH ? 15 : 1);
  return (long)d->year * 10000 + m * 100 + day;
}

static int same_name(const kb_text *a, const kb_text *b) {
  return a->len == b->len && (a->len == 0 || memcmp(a->ptr, b->ptr, a->len) == 0);
}

static int add_event(coder *c, const kb_event *e) {
  size_t i;
  for (i = c->n_events; i-- > 0;) {
    const kb_event *o = &c->events[i];
    if (o->sentence != e->sentence)
      break;
    if (strcmp(o->source.code, e->source.code) == 0 &&
        strcmp(o->target.code, e->target.code) == 0 &&
        memcmp(o->root, e->root, 2) == 0 &&
        !(memcmp(o->source.code, o->target.code, 3) == 0 &&
          !same_name(&o->source.name, &e->source.name)))
      return 0; /* the same event told twice in one sentence; but two
                   people of one government are two events: "Trump ...
                   mendukung penangkapan Gubernur Newsom, setelah Newsom
                   berjanji akan menuntut pemerintah federal" */
  }
  if (arena_grow(&c->doc->arena, (void **)&c->events, &c->cap_events,
                 c->n_events + 1, sizeof *c->events) != 0)
    return -1;
  c->events[c->n_events++] = *e;
  return 0;
}

static int quad_of(const char *root) {
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

/* Whether a source may act on its own country named alone.  Not in what
 * it says or threatens ("Komandan Iran memperingatkan bahwa Teheran siap
 * membalas"; "kami akan merespons dengan kekuatan penuh Amerika"): that
 * is the speaker himself; nor in cooperation (03-08: "Putin ingin membuka
 * penerbangan langsung ke Rusia", "Jokowi memuji bangsanya").  Force at
 * home is fine: "Trump mengerahkan Garda Nasional ke Los Angeles". */
static int own_country_ok(const dict_verb *p) {
  if (p->flags & (VF_SPEECH | VF_FUTURE))
    return 0;
  return !(p->code[0] == '0' && p->code[1] >= '3' && p->code[1] <= '8');
}

/* Emits the events of verb v: sources x targets. */
static int emit(coder *c, sent *st, vmatch *v, kb_actor *src, size_t n_src,
                kb_actor *tgt, size_t n_tgt, const tag_date *d,
                int keep_same) {
  size_t a, b;
  kb_event e;
  int found;
  int mod = modality_before(c->doc, v->tok, st->s->first_token);
  const char *code = v->sense ? v->sense : v->pat->code;
  if (mod == MOD_ABILITY)
    return 0; /* "AS dapat membunuh ...": a possibility, not an event */
  if ((v->pat->flags & VF_FUTURE) && mod != MOD_INTENT)
    return 0; /* "Irak merespons tegas kabar itu": a reply, no threat */
  if (v != &st->verbs[0] && complement_of_demand(c->doc, st, v))
    return 0; /* "menuntut China membebaskan warga Kanada": the demanded
                 release has not happened */
  if (v != &st->verbs[0] && purpose_clause(c->doc, v->tok, st->s->first_token))
    return 0; /* "bertemu ... untuk membahas ...": the purpose of an event
                 already coded; but "mengalokasikan dana untuk membantu
                 Ukraina" (no coded verb before) is the aid itself */
  if (mod == MOD_INTENT && !(v->pat->flags & VF_INTENT)) {
    const char *plain = code;
    code = intent_code(plain);
    if (code == NULL)
      code = plain;
  }
  memset(&e, 0, sizeof e);
  e.sentence = st->index;
  e.part = st->s->part;
  memcpy(e.code, code, strlen(code) + 1);
  memcpy(e.root, code, 2);
  e.quad = quad_of(e.root);
  e.goldstein = dict_goldstein(c->dict, e.code, &found);
  e.attribution = st->attribution;
  e.negated = negated_before(c->doc, v->tok, st->s->first_token);
  e.background = v->background;
  e.verb = span_text(c->doc, v->tok, v->last + 1, &e.verb_span);
  if (d) {
    tag_format(d, e.date);
    e.date_precision = (kb_date_precision)d->precision;
  } else if (c->has_ref) {
    /* no date of its own: the article's day -- unless the verb follows
     * an event of an earlier day this month ("setelah protes pada hari
     * Jumat"), when it happened between the two: the month is what the
     * text supports */
    const tag_date *after = after_date(c->doc, st, v->tok);
    if (after && after->value.year == c->ref.year &&
        after->value.month == c->ref.month &&
        (after->precision == TAG_MONTH || after->value.day < c->ref.day)) {
      snprintf(e.date, sizeof e.date, "%04d-%02d", c->ref.year,
               c->ref.month);
      e.date_precision = KB_DATE_MONTH;
    } else {
      snprintf(e.date, sizeof e.date, "%04d-%02d-%02d", c->ref.year,
               c->ref.month, c->ref.day);
      e.date_precision = KB_DATE_DAY;
    }
  }
  for (a = 0; a < n_src; a++)
    for (b = 0; b < n_tgt; b++) {
      if ((st->bits & LIST_BIT(sports_words)) &&
          (strlen(src[a].code) == 3 || strlen(tgt[b].code) == 3))
        continue; /* a team, not a state: "Timnas Iran akan menjamu Korea
                     Utara ... dalam kualifikasi Piala Dunia" */
      if (strcmp(src[a].code, tgt[b].code) == 0 && !keep_same)
        continue; /* the source itself; but a governor's suit against
                     the federal government (code_verb) is kept */
      if (!own_country_ok(v->pat) && strlen(tgt[b].code) == 3 &&
          memcmp(src[a].code, tgt[b].code, 3) == 0)
        continue;
      e.source = src[a];
      e.target = tgt[b];
      if (add_event(c, &e) != 0)
        return -1;
      if (memcmp(src[a].code, tgt[b].code, 3) != 0 &&
          country_known(c->dict, src[a].code) &&
          country_known(c->dict, tgt[b].code)) {
        c->pair[0] = src[a];
        c->pair[1] = tgt[b];
        c->pair_sentence = st->index;
        c->has_pair = 1;
      }
    }
  return 0;
}

static const snapshot *snap_of(const sent *st, const np *p) {
  return (p->kind == NP_BOTH || p->kind == NP_THAT) && p->snap < st->n_snaps
             ? &st->snaps[p->snap]
             : NULL;
}

/* "Trump dimungkinkan untuk memerintahkan serangan AS": a noun in the
 * scope of a possibility, a condition or an intention earlier in its
 * clause names no event that happened. */
static int noun_in_irrealis(const kb_doc *doc, size_t noun, size_t first) {
  size_t i = noun, steps = 0;
  while (i-- > first && steps++ < 8) {
    const kb_token *t = &doc->tokens[i];
    if (is_punct(t, ',') || is_punct(t, ';') || is_punct(t, '.'))
      return 0;
    if (is_any(doc, t, abilities) || is_any(doc, t, conditionals) ||
        is_any(doc, t, intents))
      return 1;
  }
  return 0;
}

/* A nominal event: "serangan Israel terhadap Iran" (Israel's attack on
 * Iran), "invasi Rusia ke Ukraina", "kunjungan Putin ke Korea Utara": the
 * actor right after the noun (modifiers such as "udara" may stand
 * between) is the source, the next one after terhadap / ke / kepada the
 * target.  Coded as background: the sentence mentions the event rather
 * than reports it. */
/* "Fasilitas nuklir Iran juga menjadi target serangan Israel" (became the
 * target of Israel's attack): the subject of "menjadi target / sasaran /
 * korban" right before the nominal event is its target; so is the
 * subject of "tewas / terbunuh / terluka / cedera" + "dalam / akibat /
 * karena / oleh" ("16 warga Palestina tewas dalam serangan Israel").
 * Adverbs may stand between ("juga turut menjadi"); a negation or an
 * intention ("tidak", "akan") says it did not happen. */
static np *victim_subject(sent *st, const kb_doc *doc, size_t noun) {
  static const char *const became[] = {"target", "sasaran", "korban", NULL};
  static const char *const by[] = {"dalam", "akibat", "karena", "oleh",
                                   NULL};
  static const char *const died[] = {"tewas", "terbunuh", "terluka",
                                     "cedera", NULL};
  size_t first = st->s->first_token, i;
  const kb_token *t;
  np *p;
  if (noun < first + 3)
    return NULL;
  t = &doc->tokens[noun - 1];
  if (code_tok_in(t, became)) {
    t = &doc->tokens[noun - 2];
    if (!code_tok_is(t, "menjadi") && !code_tok_is(t, "jadi"))
      return NULL;
  } else if (code_tok_in(t, by)) {
    /* "16 warga Palestina tewas dalam serangan Israel" */
    if (!code_tok_in(&doc->tokens[noun - 2], died))
      return NULL;
  } else {
    return NULL;
  }
  for (i = noun - 2; i > first; i--) {
    t = &doc->tokens[i - 1];
    if (!code_tok_is(t, "juga") && !code_tok_is(t, "turut") &&
        !code_tok_is(t, "kembali") && !code_tok_is(t, "pun") &&
        !code_tok_is(t, "telah") && !code_tok_is(t, "sudah") &&
        !code_tok_is(t, "pernah") && !code_tok_is(t, "lagi"))
      break;
  }
  if (i <= first)
    return NULL;
  p = np_covering(st, i - 1);
  return p && p->end == i && p->kind == NP_ACTOR && can_act(p) &&
                 p->prep == PREP_NONE
             ? p
             : NULL;
}

static int code_noun(coder *c, sent *st, vmatch *v, const tag_date *d,
                     long date) {
  const kb_doc *doc = c->doc;
  size_t i, end = st->s->first_token + st->s->n_tokens, n_src, n_tgt = 0;
  np *source = NULL, *target = NULL;
  kb_actor src[2], tgt[2];
  int told = 0;
  for (i = v->last + 1; i < end && i <= v->last + 3; i++) {
    np *p = np_at(st, i);
    const kb_token *t = &doc->tokens[i];
    if (p) {
      if (p->kind == NP_ACTOR && can_act(p) && p->prep == PREP_NONE)
        source = p;
      break;
    }
    if (t->kind != KB_TOK_WORD || (t->flags & KB_TOKF_CAPITAL) ||
        word_bits(t) != 0 || code_tok_is(t, "di") || code_tok_is(t, "ke") ||
        code_tok_is(t, "terhadap") || code_tok_is(t, "dari") ||
        code_tok_is(t, "yang") || code_tok_is(t, "dan"))
      break; /* only plain modifiers: "serangan udara Israel" */
  }
  if (source == NULL || noun_in_irrealis(doc, v->tok, st->s->first_token))
    return 0;
  /* "X menjadi target serangan Y (di Z)": X, told as it happened */
  if ((target = victim_subject(st, doc, v->tok)) != NULL)
    told = 1;
  for (i = source->end; !target && i < end && i <= source->end + 6; i++) {
    np *p = np_at(st, i);
    if (is_punct(&doc->tokens[i], ',') || is_punct(&doc->tokens[i], '.'))
      break;
    if (p && p->kind == NP_ACTOR && can_act(p) &&
        (p->prep == PREP_TERHADAP || p->prep == PREP_KE ||
         p->prep == PREP_KEPADA ||
         (p->prep == PREP_DI && (v->pat->flags & VF_PLACE)) ||
         (p->prep == PREP_DENGAN && v->pat->code[0] == '0' &&
          v->pat->code[1] == '4'))) { /* "pertemuan A dengan B" */
      target = p;
      break;
    }
  }
  if (target == NULL)
    return 0;
  n_src = resolve(c, source, date, NULL, NULL, 0, src);
  n_tgt = resolve(c, target, date, NULL, src, n_src, tgt);
  if (n_src == 0 || n_tgt == 0)
    return 0;
  v->background = !told;
  return emit(c, st, v, src, 1, tgt, 1, d, 0);
}

/* "Khamenei menolak tuntutannya" (rejects his demand): an object owned
 * through -nya right after a verb of disapproval or rejection. */
static size_t owned_object(const kb_doc *doc, const vmatch *v) {
  size_t k;
  for (k = 0; k < 2; k++) { /* the word after the verb, or its object */
    size_t i = k == 0 ? v->tok + 1 : v->last;
    const kb_morph *m;
    if (i <= v->tok || i >= doc->n_tokens ||
        doc->tokens[i].kind != KB_TOK_WORD)
      continue;
    m = kb_doc_token_morph(doc, i);
    if (m && m->possessive == KB_POSS_NYA && m->cls == KB_MORPH_NOMINAL)
      return i;
  }
  return 0; /* token 0 is never after a verb */
}

/* The owner of such an object: the actor most recently named, in this
 * sentence or before, that is not the source. */
static size_t other_in_focus(const coder *c, const kb_actor *src,
                             size_t owned, kb_actor *out) {
  size_t i;
  for (i = c->n_focus; i-- > 0;) {
    if (memcmp(c->focus[i], src->code, 3) == 0)
      continue;
    memset(out, 0, sizeof *out);
    memcpy(out->code, c->focus[i], sizeof out->code);
    out->name = country_name(c->dict, c->focus[i]);
    /* the evidence is the owned word itself: "tuntutannya" */
    out->text = span_text(c->doc, owned, owned + 1, &out->span);
    return 1;
  }
  return 0;
}

/* "menyampaikan kepada Washington, bahwa mereka akan merespons dengan
 * tegas": the one a bahwa-clause is told to, for a verb of the clause
 * that names no target of its own; or NULL. */
static np *addressee(sent *st, const kb_doc *doc, size_t verb) {
  size_t i, first = st->s->first_token;
  np *q;
  for (i = verb; i-- > first;) {
    const kb_token *t = &doc->tokens[i];
    if (is_punct(t, '.') || is_punct(t, ';') || is_quote(t))
      return NULL;
    if (code_tok_is(t, "bahwa"))
      break;
  }
  if (i == (size_t)-1 || i <= first || !code_tok_is(&doc->tokens[i], "bahwa"))
    return NULL;
  if (is_punct(&doc->tokens[i - 1], ','))
    i--;
  q = i > first ? np_covering(st, i - 1) : NULL;
  return q && q->end == i && q->prep == PREP_KEPADA && can_act(q) ? q : NULL;
}

/* "Trump menambahkan bahwa kesabarannya sudah habis ... dan mengulangi
 * seruannya": a verb joined by "dan" inside a bahwa-clause that has no
 * subject of its own is the speaker's second predicate: the subject of
 * the verb of saying before "bahwa"; or NULL. */
static np *speaker_of_clause(sent *st, const kb_doc *doc, size_t verb) {
  size_t i = verb, first = st->s->first_token;
  np *q;
  while (i > first && is_any(doc, &doc->tokens[i - 1], auxiliaries))
    i--;
  if (i <= first || !code_tok_is(&doc->tokens[i - 1], "dan"))
    return NULL;
  while (i-- > first) {
    const kb_token *t = &doc->tokens[i];
    if (code_tok_is(t, "bahwa"))
      break;
    if (is_punct(t, '.') || is_punct(t, ';') || is_punct(t, ':') ||
        is_any(doc, t, left_barriers) ||
        (np_covering(st, i) == NULL && verb_at(st, i)) ||
        speech_quote(doc, i, first, first + st->s->n_tokens))
      return NULL;
  }
  if (i == (size_t)-1 || i < first + 2)
    return NULL;
  if (is_punct(&doc->tokens[i - 1], ','))
    i--;
  if (i < first + 2 || !is_any(doc, &doc->tokens[i - 1], say_verbs))
    return NULL;
  i--;
  while (i > first && is_any(doc, &doc->tokens[i - 1], auxiliaries))
    i--;
  q = i > first ? np_covering(st, i - 1) : NULL;
  return q && q->end == i && q->kind == NP_ACTOR && can_act(q) &&
                 q->prep == PREP_NONE
             ? q
             : NULL;
}

/* "kesabarannya sudah habis terhadap Iran dan mengulangi seruannya agar
 * ...": a verb joined by "dan" to a predicate that ends in a terhadap- or
 * kepada-phrase, and that names no target of its own, is aimed at that
 * phrase too; or NULL. */
static np *shared_target(sent *st, const kb_doc *doc, size_t verb) {
  size_t i = verb, first = st->s->first_token;
  np *q;
  while (i > first && is_any(doc, &doc->tokens[i - 1], auxiliaries))
    i--; /* "dan kembali mengulangi" */
  if (i < first + 2 || !code_tok_is(&doc->tokens[i - 1], "dan"))
    return NULL;
  q = np_covering(st, i - 2);
  return q && q->end == i - 1 && q->kind == NP_ACTOR && can_act(q) &&
                 (q->prep == PREP_TERHADAP || q->prep == PREP_KEPADA)
             ? q
             : NULL;
}

/* The said_pronoun subject standing right before verb v (auxiliaries and
 * "akan" between), or NULL. */
static const kb_actor *said_subject(const coder *c, const vmatch *v,
                                    size_t first) {
  size_t i = v->tok, k;
  while (i > first && (is_any(c->doc, &c->doc->tokens[i - 1], auxiliaries) ||
                       is_any(c->doc, &c->doc->tokens[i - 1], intents) ||
                       is_any(c->doc, &c->doc->tokens[i - 1], negators)))
    i--;
  if (i == first)
    return NULL;
  for (k = 0; k < c->n_said; k++)
    if (c->said[k].tok == i - 1)
      return &c->said[k].actor;
  return NULL;
}

/* "menuntut pemerintah federal atas pengerahan pasukan" (sues X over Y):
 * a demand whose bare object is an actor followed at once by "atas"
 * (over) is a lawsuit, 115; "menuntut pertanggungjawaban atas ..."
 * (demands accountability for) names no actor and stays a demand. */
static const char *sue_sense(const kb_doc *doc, const vmatch *v,
                             np *const *obj, size_t n_obj, size_t end) {
  if (n_obj == 0 || strcmp(v->pat->code, "100") != 0 ||
      v->pat->root.len != 6 || memcmp(v->pat->root.ptr, "tuntut", 6) != 0 ||
      obj[0]->prep != PREP_NONE || obj[0]->first != v->last + 1 ||
      obj[n_obj - 1]->end >= end ||
      !code_tok_is(&doc->tokens[obj[n_obj - 1]->end], "atas"))
    return NULL;
  return "115";
}

/* Whether ", yang" (adverbs and auxiliaries may follow it: "yang kemudian")
 * stands right before token i. */
static int comma_yang_before(sent *st, const kb_doc *doc, size_t i) {
  size_t first = st->s->first_token;
  while (i > first && is_any(doc, &doc->tokens[i - 1], auxiliaries))
    i--;
  return i >= first + 2 && code_tok_is(&doc->tokens[i - 1], "yang") &&
         is_punct(&doc->tokens[i - 2], ',');
}

static int code_verb(coder *c, sent *st, vmatch *v) {
  const kb_doc *doc = c->doc;
  np *subj[MAX_SIDE], *obj[MAX_SIDE];
  size_t n_subj, n_obj, i, n_src = 0, n_tgt = 0;
  kb_actor src[MAX_SIDE * 2], tgt[MAX_SIDE * 2];
  vmatch *inherit;
  const kb_actor *said = NULL;
  const tag_date *d = date_for(c->doc, st, v->tok);
  long date = d ? ymd_long(&d->value, d->precision)
                : (c->has_ref ? ymd_long(&c->ref, TAG_DAY) : 0);
  int passive = (v->voice & (VOICE_PASSIVE | VOICE_TER)) &&
                !(v->voice & VOICE_ACTIVE);
  int hypo, keep_same = 0;

  hypo = hypothetical(doc, v->tok, st->s->first_token,
                      st->s->first_token + st->s->n_tokens);
  if (hypo == 2 && v->voice != VOICE_NOUN &&
      modality_before(doc, v->tok, st->s->first_token) == MOD_INTENT) {
    /* "militer Iran siap menargetkan pangkalan AS jika terjadi konflik":
     * force or coercion announced on a condition is a threat (emit turns
     * it into 13x); anything else announced on a condition is not yet an
     * event */
    const char *ic = intent_code(v->pat->code);
    if (ic == NULL || ic[0] != '1' || ic[1] != '3')
      return 0;
  } else if (hypo) {
    return 0;
  }
  if (v->voice == VOICE_NOUN)
    return code_noun(c, st, v, d, date);
  if (!passive && (said = said_subject(c, v, st->s->first_token)) != NULL) {
    n_subj = 0; /* "X mengatakan bahwa mereka akan ...": X */
    inherit = NULL;
    src[n_src++] = *said;
  } else {
    n_subj = find_subject(st, doc, v->tok, passive, subj, &inherit);
    if (n_subj == 0 && inherit == NULL && !passive &&
        (subj[0] = speaker_of_clause(st, doc, v->tok)) != NULL)
      n_subj = 1;
  }
  v->has_own_subject = n_subj > 0 || said != NULL;
  if (passive && strncmp(v->pat->code, "016", 3) == 0 &&
      comma_yang_before(st, doc, v->tok)) {
    /* "Saudi menuding Iran mempersenjatai Houthi, yang kemudian dibantah
     * oleh Teheran": what is denied is the claim, so its maker is the
     * target -- the first source of the sentence -- not the phrase
     * before "yang" */
    size_t k;
    n_subj = 0;
    for (k = 0; k < st->n_verbs && st->verbs[k].tok < v->tok; k++)
      if (st->verbs[k].n_src > 0) {
        for (i = 0; i < st->verbs[k].n_src; i++)
          subj[n_subj++] = st->verbs[k].src[i];
        break;
      }
    if (n_subj == 0)
      return 0;
  }
  if (passive) {
    np *agent[MAX_SIDE];
    size_t n_agent = find_agent(st, doc, v->last, agent);
    if (n_agent == 0)
      return 0;
    for (i = 0; i < n_agent; i++)
      n_src += resolve(c, agent[i], date, snap_of(st, agent[i]), NULL, 0,
                       src + n_src);
    for (i = 0; i < n_subj; i++)
      n_tgt += resolve(c, subj[i], date, snap_of(st, subj[i]), src, n_src,
                       tgt + n_tgt);
    if (n_tgt == 0 && n_src >= 2 && (v->pat->flags & VF_SYM)) {
      /* "nota itu ditandatangani oleh Indonesia dan UEA" */
      memcpy(tgt, src, n_src * sizeof *src);
      n_tgt = n_src;
    }
  } else {
    for (i = 0; i < n_subj; i++)
      n_src += resolve(c, subj[i], date, snap_of(st, subj[i]), NULL, 0,
                       src + n_src);
    if (n_subj == 0 && inherit) {
      for (i = 0; i < inherit->n_src; i++)
        n_src += resolve(c, inherit->src[i], date,
                         snap_of(st, inherit->src[i]), NULL, 0, src + n_src);
    }
    n_obj = find_object(st, doc, v->tok, v->last, object_flags(v->pat), obj);
    v->sense = sue_sense(doc, v, obj, n_obj,
                         st->s->first_token + st->s->n_tokens);
    if (n_obj == 0 && (object_flags(v->pat) & FIND_PRAISES) &&
        (obj[0] = blow_owner(st, doc, v->last)) != NULL) {
      n_obj = 1; /* "mendukung penangkapan Gubernur California": support
                    for a blow to X is hostility to X */
      v->sense = "111";
    }
    if (n_obj && n_src >= 2 && (v->pat->flags & VF_SYM) &&
        obj[0]->prep == PREP_NONE)
      n_obj = 0; /* "A dan B sepakat memperkuat ... di tengah uji coba rudal
                    Korut": the two agree with each other */
    for (i = 0; i < n_obj; i++)
      n_tgt += resolve(c, obj[i], date, snap_of(st, obj[i]), src, n_src,
                       tgt + n_tgt);
    if (n_src == 1 && n_obj == 1 && obj[0]->federal &&
        strlen(src[0].code) >= 3 &&
        ((n_subj == 1 && np_regional(subj[0], date)) ||
         (n_subj == 0 && inherit && inherit->n_src == 1 &&
          np_regional(inherit->src[0], date)))) {
      /* "Gubernur California menggugat pemerintah federal", "Bupati X
       * mengkritik pemerintah pusat": the state's government, which a
       * regional office holder is not although both are XXXGOV */
      if (n_tgt == 0 && obj[0]->federal == NP_CENTRAL) {
        memset(&tgt[0], 0, sizeof tgt[0]);
        memcpy(tgt[0].code, src[0].code, 3);
        memcpy(tgt[0].code + 3, "GOV", 4);
        tgt[0].name = country_name(c->dict, src[0].code);
        tgt[0].text = span_text(doc, obj[0]->first, obj[0]->end,
                                &tgt[0].span);
        n_tgt = 1;
      }
      keep_same = n_tgt == 1 && memcmp(tgt[0].code, src[0].code, 3) == 0;
    } else if (n_src == 1 && n_tgt == 1 && n_obj == 1 && n_subj <= 1 &&
               obj[0]->kind == NP_ACTOR && strlen(tgt[0].code) > 3 &&
               (n_subj == 1 ? np_regional(subj[0], date)
                : inherit && inherit->n_src == 1
                    ? np_regional(inherit->src[0], date)
                    : 0) != np_regional(obj[0], date) &&
               memcmp(tgt[0].code, src[0].code, 3) == 0) {
      /* "Gubernur California Gavin Newsom mengecam keputusan Presiden
       * Donald Trump", "Trump ... mendukung penangkapan Gubernur
       * California Gavin Newsom": a state's governor and the federal
       * government are two sides, both coded USAGOV */
      keep_same = 1;
    }
    if (n_tgt == 1 && n_src == 1 && !keep_same &&
        strcmp(tgt[0].code, src[0].code) == 0) {
      /* "memanggil pulang Duta Besar Kolombia untuk Israel": the source's
       * own envoy is the object; the target comes next */
      size_t after = obj[n_obj - 1]->end - 1;
      n_tgt = 0;
      n_obj = find_object(st, doc, after, after, object_flags(v->pat), obj);
      for (i = 0; i < n_obj; i++)
        n_tgt += resolve(c, obj[i], date, snap_of(st, obj[i]), src, n_src,
                         tgt + n_tgt);
    }
    if (n_tgt == 0 && n_src > 0 && !(v->pat->flags & VF_SYM) &&
        (obj[0] = addressee(st, doc, v->tok)) != NULL)
      n_tgt = resolve(c, obj[0], date, snap_of(st, obj[0]), src, n_src, tgt);
    if (n_tgt == 0 && n_src > 0 && !(v->pat->flags & VF_SYM) &&
        (obj[0] = shared_target(st, doc, v->tok)) != NULL)
      n_tgt = resolve(c, obj[0], date, snap_of(st, obj[0]), src, n_src, tgt);
    if (n_tgt == 0 && n_src >= 2 && (v->pat->flags & VF_SYM)) {
      /* "kedua negara menandatangani pakta": each with the other */
      memcpy(tgt, src, n_src * sizeof *src);
      n_tgt = n_src;
    }
    if (n_tgt == 0 && n_src == 1 && strncmp(v->pat->code, "15", 2) == 0 &&
        country_known(c->dict, src[0].code) &&
        (strncmp(src[0].code + 3, "GOV", 3) == 0 ||
         strncmp(src[0].code + 3, "MIL", 3) == 0 ||
         strncmp(src[0].code + 3, "COP", 3) == 0)) {
      /* "Trump mengerahkan Garda Nasional": a government's or an army's
       * force posture with no other side named is taken at home (GDELT
       * codes it against the country itself); a rebel group's, or a
       * school's "mengerahkan semua kemampuan", is not */
      tgt[0] = src[0];
      memset(tgt[0].code + 3, 0, sizeof tgt[0].code - 3);
      tgt[0].name = country_name(c->dict, src[0].code);
      tgt[0].text.ptr = NULL; /* implied: nothing in the text names it */
      tgt[0].text.len = 0;
      tgt[0].span.start = tgt[0].span.end = 0;
      n_tgt = 1;
    }
    if (n_tgt == 0 && n_src == 1 &&
        (strncmp(v->pat->code, "11", 2) == 0 ||
         strncmp(v->pat->code, "12", 2) == 0)) {
      size_t owned = owned_object(doc, v);
      if (owned)
        n_tgt = other_in_focus(c, src, owned, tgt);
    }
  }
  /* remember the sources for later verbs of the sentence */
  v->n_src = 0;
  for (i = 0; i < n_subj && !passive; i++)
    v->src[v->n_src++] = subj[i];
  if (n_subj == 0 && inherit && !passive) {
    memcpy(v->src, inherit->src, inherit->n_src * sizeof *v->src);
    v->n_src = inherit->n_src;
  }
  if (n_src == 1 && !passive && src[0].code[0] && strlen(src[0].code) > 3) {
    c->last_person = src[0];
    c->has_last_person = 1;
  }
  if (n_src == 0 || n_tgt == 0)
    return 0;
  return emit(c, st, v, src, n_src, tgt, n_tgt, d, keep_same);
}

/* "Trump mengatakan (bahwa) dia akan ...", "Otoritas Iran mengatakan
 * telah menyampaikan kepada Washington, bahwa mereka akan ...": a pronoun
 * ("dia", "ia", "beliau", "mereka", "pihaknya") after a verb of saying is
 * that verb's subject, whoever was the last person before.  "dia" becomes
 * the last person; every such pronoun is remembered for the sentence's
 * verbs (said_subject). */
static void said_pronoun(coder *c, sent *st, long ref) {
  const kb_doc *doc = c->doc;
  size_t i, first = st->s->first_token, end = first + st->s->n_tokens;
  c->n_said = 0;
  if (!(st->bits & LIST_BIT(said_pronouns)))
    return;
  for (i = first + 2; i < end && c->n_said < SAID_MAX; i++) {
    const kb_token *t = &doc->tokens[i];
    size_t j = i;
    np *q;
    kb_actor a[2];
    if (!is_any(doc, t, said_pronouns))
      continue;
    if (code_tok_is(&doc->tokens[j - 1], "bahwa"))
      j--;
    if (j > first && is_punct(&doc->tokens[j - 1], ','))
      j--;
    /* "menyampaikan kepada Washington, bahwa mereka" */
    q = j > first ? np_covering(st, j - 1) : NULL;
    if (q && q->end == j && q->prep == PREP_KEPADA && q->first >= first + 2)
      j = q->first - 1;
    if (j > first && is_punct(&doc->tokens[j - 1], ','))
      j--;
    if (j <= first + 1 || !is_any(doc, &doc->tokens[j - 1], say_verbs))
      continue;
    while (j > first && (is_any(doc, &doc->tokens[j - 1], auxiliaries) ||
                         is_any(doc, &doc->tokens[j - 1], say_verbs)))
      j--; /* "mengatakan telah menyampaikan" */
    q = j > first ? np_covering(st, j - 1) : NULL;
    if (q && q->end == j)
      q = agent_of_relative(st, doc, q, 0); /* "Houthi, yang didukung Iran,
                                               mengatakan pihaknya" */
    if (q == NULL || q->end > j || q->kind != NP_ACTOR || !can_act(q) ||
        q->prep != PREP_NONE || resolve(c, q, ref, NULL, NULL, 0, a) != 1)
      continue;
    if (code_tok_is(t, "dia") || code_tok_is(t, "ia") ||
        code_tok_is(t, "beliau")) {
      if (strlen(a[0].code) <= 3)
        continue;
      c->last_person = a[0];
      c->has_last_person = 1;
    }
    c->said[c->n_said].tok = i;
    c->said[c->n_said].actor = a[0];
    c->said[c->n_said].actor.text = span_text(doc, i, i + 1,
                                              &c->said[c->n_said].actor.span);
    c->n_said++;
  }
}

/* Whether the verb at token i asks rather than tells: the first ".",
 * "!" or "?" after it in its sentence is "?", with no quotation mark or
 * colon before it (a question quoted after the verb is another clause's:
 * 'mengecam AS dan bertanya, "Siapa yang bertanggung jawab?"').  Fact
 * checks ("Benarkah SBY meminta Prabowo ...?") and questions, quoted or
 * not ("Sampai kapan Iran akan melancarkan serangan?" tanya ...), report
 * no event. */
static int in_question(const kb_doc *doc, const kb_sentence *s, size_t i) {
  size_t end = s->first_token + s->n_tokens;
  for (; i < end; i++) {
    const kb_token *t = &doc->tokens[i];
    if (is_punct(t, '?'))
      return 1;
    if (is_punct(t, '.') || is_punct(t, '!') || is_punct(t, ':') ||
        is_quote(t))
      return 0;
  }
  return 0;
}

/* Whether sentence s tells of a claim checked and found false: it names a
 * fact check ("Cek Fakta"), a hoax ("hoaks", "hoax"), or begins with
 * "Tidak benar" (not true) -- "Tidak Benar Video Erdogan Tolak Jabat
 * Tangan Macron".  The events it names did not happen as told. */
static int debunked(const kb_doc *doc, const kb_sentence *s) {
  static const char *const hoax[] = {"hoaks", "hoax", "hoaxs", NULL};
  size_t i = s->first_token, end = i + s->n_tokens;
  if (i + 1 < end && code_tok_is(&doc->tokens[i], "tidak") &&
      code_tok_is(&doc->tokens[i + 1], "benar"))
    return 1;
  for (; i < end; i++) {
    const kb_token *t = &doc->tokens[i];
    if (code_tok_in(t, hoax) ||
        (i + 1 < end && code_tok_is(t, "cek") &&
         code_tok_is(&doc->tokens[i + 1], "fakta")))
      return 1;
  }
  return 0;
}

static int code_sentence(coder *c, size_t index, sent *st) {
  const kb_doc *doc = c->doc;
  const kb_sentence *s = &doc->sentences[index];
  size_t i, end = s->first_token + s->n_tokens, k;
  long ref = c->has_ref ? ymd_long(&c->ref, TAG_DAY) : 0;
  int told;
  st->s = s;
  st->index = index;
  c->sentence = index;
  st->n_verbs = st->n_snaps = 0;
  st->n_nps = tag_actors(doc, c->dict, s, &c->mem, st->nps, MAX_NP);
  if (st->n_nps == MAX_NP) {
    /* a list run together: what follows the cap is not looked at */
    char msg[128];
    snprintf(msg, sizeof msg,
             "sentence %zu: %d actor phrases or more; any after the "
             "%dth are not coded (the limit)",
             index + 1, MAX_NP, MAX_NP);
    if (doc_warn(c->doc, msg) != KB_OK)
      return -1;
  }
  st->np_of = c->np_of + s->first_token;
  st->bits = 0;
  for (i = s->first_token; i < end; i++) {
    c->np_of[i] = -1;
    st->bits |= doc->word_class[i];
  }
  for (k = 0; k < st->n_nps; k++)
    for (i = st->nps[k].first; i < st->nps[k].end; i++)
      c->np_of[i] = (int)k;
  st->n_dates = tag_dates(doc, s, c->has_ref ? &c->ref : NULL, st->dates,
                          MAX_DATES);
  if (st->n_dates > MAX_DATES)
    st->n_dates = MAX_DATES; /* tag_dates counts what it could not store */
  c->speaker = NULL;
  st->attribution = find_attribution(c, st, doc);
  /* walk the phrases in order: a referring phrase ("kedua negara",
   * "negara itu") sees the focus as it stands at it */
  for (k = 0; k < st->n_nps; k++) {
    np *p = &st->nps[k];
    kb_actor a[2];
    if (p->kind == NP_BOTH || p->kind == NP_THAT) {
      p->snap = st->n_snaps;
      if (st->n_snaps < sizeof st->snaps / sizeof st->snaps[0]) {
        memcpy(st->snaps[st->n_snaps].focus, c->focus,
               c->n_focus * sizeof c->focus[0]);
        st->snaps[st->n_snaps++].n = c->n_focus;
      }
    } else if (p->kind == NP_ACTOR && !p->is_media &&
               resolve(c, p, ref, NULL, NULL, 0, a)) {
      push_focus(c->dict, c->focus, &c->n_focus, a[0].code);
    }
  }
  said_pronoun(c, st, ref);
  /* a debunked claim codes nothing: no verbs are looked for, but its
   * actors went to the focus above */
  told = !debunked(doc, s);
  for (i = s->first_token; told && i < end && st->n_verbs < MAX_VERBS; i++) {
    vmatch *v = &st->verbs[st->n_verbs];
    unsigned voice = 0;
    size_t last = i;
    const dict_verb *pat;
    if (np_covering(st, i) || is_any(doc, &doc->tokens[i], not_verbs))
      continue;
    /* most words have no verb patterns: their class bit says so (the
     * bit verb_chain's lookup would use) */
    if (doc->tokens[i].kind != KB_TOK_WORD ||
        !(doc->word_class[i] & (doc->morphs[i].cls == KB_MORPH_NAME
                                    ? CLASS_VERB_WORD
                                    : CLASS_VERB_ROOT)))
      continue;
    pat = match_verb(doc, c->dict, i, end, &voice, &last);
    if (pat == NULL)
      continue;
    memset(v, 0, sizeof *v);
    v->pat = pat;
    v->voice = voice;
    v->last = last;
    v->tok = i;
    st->n_verbs++;
    i = v->last; /* the object words belong to this verb: "menolak
                    berunding" is one rejection, not a negotiation too */
  }
#ifdef KB_DEBUG_CODE
  /* a developer's trace: make CFLAGS="-O1 -g -DKB_DEBUG_CODE" */
  fprintf(stderr, "[%zu] %.*s\n", index, (int)s->text.len, s->text.ptr);
  for (k = 0; k < st->n_nps; k++) {
    kb_actor a[2];
    size_t n = resolve(c, &st->nps[k], ref, snap_of(st, &st->nps[k]), NULL,
                       0, a);
    kb_span sp;
    kb_text t = span_text(doc, st->nps[k].first, st->nps[k].end, &sp);
    fprintf(stderr, "   np %.*s -> %s%s prep=%u\n", (int)t.len, t.ptr,
            n ? a[0].code : "?", st->nps[k].is_media ? " (media)" : "",
            st->nps[k].prep);
  }
  for (k = 0; k < st->n_verbs; k++)
    fprintf(stderr, "   verb %.*s -> %s (%.*s) voice=%x\n",
            (int)doc->tokens[st->verbs[k].tok].text.len,
            doc->tokens[st->verbs[k].tok].text.ptr, st->verbs[k].pat->code,
            (int)st->verbs[k].pat->root.len, st->verbs[k].pat->root.ptr,
            st->verbs[k].voice);
#endif
  for (k = 0; k < st->n_verbs; k++)
    if (!in_question(doc, s, st->verbs[k].tok) &&
        code_verb(c, st, &st->verbs[k]) != 0)
      return -1;
  tag_remember(&c->mem, doc, st->nps, st->n_nps);
  return 0;
}

kb_status kb_doc_code(kb_doc *doc, const kb_dict *dict,
                      const kb_options *opts, kb_error *err) {
  coder *c;
  sent *st;
  kb_status rc;
  size_t i;
  arena_mark mark;
  const char **saved_warnings;
  size_t saved_n_warnings, saved_cap_warnings;
  if (dict == NULL)
    return KB_EARG;
  if (doc->is_coded)
    return KB_OK;
  rc = kb_doc_parse(doc, dict, opts, err);
  if (rc != KB_OK)
    return rc;
  /* kb_doc_parse ran the morph stage too: the dict is not NULL here.  On
   * failure everything the coder allocated goes back to the arena. */
  mark = arena_save(&doc->arena);
  saved_warnings = doc->warnings; /* the coder may add its own */
  saved_n_warnings = doc->n_warnings;
  saved_cap_warnings = doc->cap_warnings;
  c = arena_calloc(&doc->arena, 1, sizeof *c);
  st = arena_alloc(&doc->arena, sizeof *st);
  if (c == NULL || st == NULL)
    return KB_ENOMEM;
  c->doc = doc;
  c->dict = dict;
  pthread_once(&word_table_once, build_word_table);
  if (doc->n_tokens) {
    c->np_of = arena_alloc(&doc->arena, doc->n_tokens * sizeof *c->np_of);
    if (c->np_of == NULL)
      return KB_ENOMEM;
    doc->word_class = arena_alloc(&doc->arena,
                                  doc->n_tokens * sizeof *doc->word_class);
    if (doc->word_class == NULL)
      return KB_ENOMEM;
    for (i = 0; i < doc->n_tokens; i++)
      doc->word_class[i] = token_class(doc, dict, i);
  }
  if (doc->meta.reference_date.ptr &&
      tag_parse_iso(doc->meta.reference_date.ptr, doc->meta.reference_date.len,
                    &c->ref) == 0)
    c->has_ref = 1;
  for (i = 0; i < doc->n_sentences; i++) {
    if (code_sentence(c, i, st) != 0) {
      doc->word_class = NULL; /* it lived past the mark */
      doc->warnings = saved_warnings;
      doc->n_warnings = saved_n_warnings;
      doc->cap_warnings = saved_cap_warnings;
      arena_rewind(&doc->arena, mark);
      return KB_ENOMEM;
    }
  }
  rc = tag_places(doc, dict, c->events, c->n_events, err); /* where */
  if (rc != KB_OK) {
    doc->word_class = NULL;
    doc->warnings = saved_warnings;
    doc->n_warnings = saved_n_warnings;
    doc->cap_warnings = saved_cap_warnings;
    arena_rewind(&doc->arena, mark);
    return rc;
  }
  doc->events = c->events;
  doc->n_events = c->n_events;
  doc->is_coded = 1;
  return KB_OK;
}

size_t kb_doc_n_events(const kb_doc *doc) { return doc->n_events; }

const kb_event *kb_doc_event(const kb_doc *doc, size_t i) {
  return i < doc->n_events ? &doc->events[i] : NULL;
}
