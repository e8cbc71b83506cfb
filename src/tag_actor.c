/*
 * tag_actor.c -- finds the actors of a sentence: longest matches of the
 * actor dictionaries over its tokens, grouped into noun phrases.
 *
 * Input: a segmented kb_doc and the kb_dict.  Output: np records (code.h)
 * that code.c turns into sources and targets.  Part of the tag stage
 * (docs/DESIGN.md).
 *
 * An Indonesian noun phrase puts its head first: "Presiden Rusia Vladimir
 * Putin" (president [of] Russia Vladimir Putin) is agent + country +
 * person; "tentara Rusia" (Russian soldiers) is agent + country;
 * "pemimpin terlama Rusia" (Russia's longest-serving leader) lets one
 * modifier stand between agent and country.  Proper names are matched in
 * their exact case ("AS" the country, not "as"); agent words case-blind.
 */
#include <string.h>

#include "code.h"

#define MAX_KEY 256


/* The words that start a referring phrase: both_ref, that_ref,
 * is_pronoun (and nothing else) look for these first. */
static int is_ref_word(const char *low, size_t n) {
  static const char *const refs[] = {
      "keduanya", "kedua",  "negara",   "negeri",   "dia",
      "ia",       "beliau", "kami",     "kita",     "saya",
      "aku",      "musuh",  "rival",    "seteru",   "musuhnya",
      "rivalnya", "seterunya"};
  size_t k;
  for (k = 0; k < sizeof refs / sizeof refs[0]; k++)
    if (strlen(refs[k]) == n && memcmp(refs[k], low, n) == 0)
      return 1;
  return 0;
}

/* The length of the word an agent phrase sees in `low` (n bytes): the
 * first half of a full reduplication, the Indonesian plural
 * ("pesawat-pesawat tempur" is matched as "pesawat tempur"), else n. */
static size_t plural_base(const char *low, size_t n) {
  size_t h = n / 2;
  if (n >= 3 && n % 2 == 1 && low[h] == '-' && memcmp(low, low + h + 1, h) == 0)
    return h;
  return n;
}

/* Which tables have a phrase starting with token i (lower-cased): bit 1
 * the agent words, bit 2 the actors (one lookup answers both); bit
 * TAG_FIRST_REF a word that starts a referring phrase ("kedua", "dia");
 * TAG_FIRST_HYPHEN a word with a hyphen (or maybe one: too long). */
unsigned tag_first_bits(const kb_doc *doc, const kb_dict *dict, size_t i) {
  const kb_token *t = &doc->tokens[i];
  char low[64];
  size_t k;
  const strset_slot *sl;
  if (t->text.len >= sizeof low)
    return 3 | TAG_FIRST_HYPHEN; /* too long for the filter: let the
                                    tables answer */
  for (k = 0; k < t->text.len; k++) {
    char c = t->text.ptr[k];
    low[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  sl = strset_find(&dict->first_tokens, low, t->text.len);
  if (sl == NULL && (k = plural_base(low, t->text.len)) < t->text.len &&
      (sl = strset_find(&dict->first_tokens, low, k)) != NULL &&
      !(sl->value & 1u))
    sl = NULL; /* a plural starts agent phrases only */
  return (sl ? (unsigned)sl->value & 3u : 0) |
         (is_ref_word(low, t->text.len) ? TAG_FIRST_REF : 0) |
         (memchr(low, '-', t->text.len) ? TAG_FIRST_HYPHEN : 0);
}

/* tag_first_bits, as kb_doc_code keeps it for every token. */
static unsigned all_first_bits(const kb_doc *doc, const kb_dict *dict,
                               size_t i) {
  if (doc->word_class)
    return doc->word_class[i] >> TAG_FIRST_SHIFT & 15u;
  return tag_first_bits(doc, dict, i);
}

/* The phrase-table bits of tag_first_bits alone. */
static unsigned first_bits(const kb_doc *doc, const kb_dict *dict, size_t i) {
  return all_first_bits(doc, dict, i) & 3u;
}

/* The longest phrase of the table starting at token i (before end),
 * extended one token at a time while the words so far are a prefix of
 * some phrase; sets *k to its token count.  NULL when none. */
static const dict_actor *longest(const kb_doc *doc, const kb_dict *dict,
                                 size_t i, size_t end, int agent,
                                 size_t *k) {
  const strset *phrases = agent ? &dict->agent_phrases : &dict->actor_phrases;
  const dict_actor *best = NULL;
  char key[MAX_KEY];
  size_t len = 0, n, m;
  uint32_t h = HASH_INIT, h2; /* the key's hash, extended token by token */
  if (doc->tokens[i].kind != KB_TOK_WORD ||
      !(first_bits(doc, dict, i) & (agent ? 1u : 2u)))
    return NULL; /* no phrase of this table starts with this word */
  for (n = 0; i + n < end; n++) {
    const kb_token *t = &doc->tokens[i + n];
    const strset_slot *sl;
    size_t from = len;
    if (len + t->text.len + 1 >= MAX_KEY)
      break;
    if (n)
      key[len++] = ' ';
    if (agent) {
      for (m = 0; m < t->text.len; m++) {
        char c = t->text.ptr[m];
        key[len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
      }
    } else {
      memcpy(key + len, t->text.ptr, t->text.len);
      len += t->text.len;
    }
    h2 = hash_more(h, key + from, len - from);
    sl = strset_find_hashed(phrases, key, len, h2);
    if (sl == NULL && agent &&
        (m = plural_base(key + from, len - from)) < len - from) {
      len = from + m; /* tried whole first: "mata-mata" is a word */
      h2 = hash_more(h, key + from, m);
      sl = strset_find_hashed(phrases, key, len, h2);
    }
    h = h2;
    if (sl == NULL)
      break;
    if (sl->value) {
      best = &dict->actors[sl->value - 1];
      *k = n + 1;
    }
  }
  return best;
}

/* A proper-name match for a hyphenated token: "Palestina-Hamas" ->
 * "Palestina". */
static const dict_actor *hyphen_head(const kb_doc *doc, const kb_dict *dict,
                                     size_t i) {
  const kb_token *t = &doc->tokens[i];
  const char *h = memchr(t->text.ptr, '-', t->text.len);
  const strset_slot *sl;
  if (h == NULL || h == t->text.ptr)
    return NULL;
  sl = strset_find(&dict->actor_phrases, t->text.ptr,
                   (size_t)(h - t->text.ptr));
  return sl && sl->value ? &dict->actors[sl->value - 1] : NULL;
}

static unsigned prep_of(const kb_token *t) {
  static const struct {
    const char *w;
    unsigned p;
  } preps[] = {{"kepada", PREP_KEPADA},   {"pada", PREP_KEPADA},
               {"bagi", PREP_KEPADA},     {"untuk", PREP_KEPADA},
               {"ke", PREP_KE},           {"menuju", PREP_KE},
               {"dengan", PREP_DENGAN},   {"bersama", PREP_DENGAN},
               {"oleh", PREP_OLEH},       {"dari", PREP_DARI},
               {"terhadap", PREP_TERHADAP}, {"atas", PREP_TERHADAP},
               {"melawan", PREP_TERHADAP}, {"di", PREP_DI},
               {"antara", PREP_ANTARA},   {"tentang", PREP_OTHER},
               {"mengenai", PREP_OTHER},  {"seperti", PREP_OTHER}};
  size_t i;
  if (t->kind != KB_TOK_WORD || t->text.len > 8)
    return PREP_NONE;
  for (i = 0; i < sizeof preps / sizeof preps[0]; i++)
    if (code_tok_is(t, preps[i].w))
      return preps[i].p;
  return PREP_NONE;
}

/* The preposition governing a phrase that starts at token i: the word
 * before it, or the one before a place noun ("di jantung kota Teheran",
 * "ke ibu kota Kyiv", "dari wilayah Lebanon": the place noun does not
 * free the name from its preposition).  Countries "di" a region are the
 * region's: "negara-negara di kawasan Asia" is governed as "negara"
 * is. */
static unsigned prep_before(const kb_doc *doc, size_t i, size_t first) {
  static const char *const places[] = {
      "kota",    "jantung", "pusat",     "ibu",    "wilayah", "kawasan",
      "provinsi", "daerah", "perairan", "pinggiran", "selatan", "utara",
      "timur",   "barat",   "tengah",   "bagian",
      /* venues: "di sidang Majelis Umum PBB", "di markas NATO" */
      "sidang", "markas", "kantor", "gedung", "forum", "konferensi", NULL};
  size_t j = i, steps;
  for (steps = 0; steps < 3 && j > first + 1; steps++) {
    const kb_token *t = &doc->tokens[j - 1];
    if (t->kind != KB_TOK_WORD || t->text.len == 0 ||
        !(t->text.ptr[0] >= 'a' && t->text.ptr[0] <= 'z') ||
        !code_tok_in(t, places))
      break;
    j--;
  }
  /* "negara-negara di (kawasan) Asia", "negara di Asia Tenggara": the
   * countries of a region are the region, governed as "negara" is */
  if (j >= first + 2 && code_tok_is(&doc->tokens[j - 1], "di") &&
      (code_tok_is(&doc->tokens[j - 2], "negara") ||
       code_tok_is(&doc->tokens[j - 2], "negara-negara") ||
       code_tok_is(&doc->tokens[j - 2], "negeri")))
    return j >= first + 3 ? prep_of(&doc->tokens[j - 3]) : PREP_NONE;
  if (j < i) {
    unsigned pr = prep_of(&doc->tokens[j - 1]);
    if (pr == PREP_DI || pr == PREP_KE || pr == PREP_DARI)
      return pr;
  }
  return prep_of(&doc->tokens[i - 1]);
}

/* Words that may stand between an agent and its country: "pemimpin
 * terlama Rusia", "presiden baru Iran" -- a lower-case word that is not a
 * function word. */
static int is_modifier(const kb_token *t) {
  static const char *const stop[] = {
      "dan",  "atau", "yang", "di",  "ke",    "dari",   "pada",  "untuk",
      "oleh", "itu",  "ini",  "akan", "telah", "sudah", "tidak", "dengan",
      "bahwa", "juga", "kepada", "sebagai", "serta", "dalam", "para",
      "antara", "tentang", "terhadap", "atas", "bagi", "oleh", "melawan",
      "menurut", "saat", "ketika", "namun", "tetapi"};
  size_t i;
  if (t->kind != KB_TOK_WORD || (t->flags & KB_TOKF_CAPITAL))
    return 0;
  for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
    if (code_tok_is(t, stop[i]))
      return 0;
  return 1;
}

/* Whether m is a verb form (meN-, di-, ber-): never a modifier between an
 * agent and its country. */
static int verb_form(const kb_morph *m) {
  return m != NULL && m->n_prefixes > 0 &&
         (m->prefixes[0] == KB_PREFIX_MEN || m->prefixes[0] == KB_PREFIX_DI ||
          m->prefixes[0] == KB_PREFIX_BER);
}

/* A country name that is part of a place name: "Laut Jepang" (the Sea of
 * Japan), "Selat Taiwan" -- the capitalised word before it says so:
 * Laut, Selat, Teluk, Samudra, Semenanjung. */
static int geographic(const kb_doc *doc, size_t i, const kb_sentence *s) {
  static const char *const words[] = {"laut", "selat", "teluk", "samudra",
                                      "samudera", "semenanjung", "lautan"};
  size_t k;
  if (i == s->first_token)
    return 0;
  for (k = 0; k < sizeof words / sizeof words[0]; k++)
    if (code_tok_is(&doc->tokens[i - 1], words[k]) &&
        (doc->tokens[i - 1].flags & KB_TOKF_CAPITAL))
      return 1;
  /* "lembah Yordania" (the Jordan Valley, in the West Bank): a valley,
   * whatever its case */
  return code_tok_is(&doc->tokens[i - 1], "lembah");
}

/* The token after a short parenthesis "(AS)", "(PM)" at j, or j. */
static size_t skip_paren(const kb_doc *doc, size_t j, size_t end) {
  size_t k;
  if (j >= end || doc->tokens[j].text.len != 1 ||
      doc->tokens[j].text.ptr[0] != '(')
    return j;
  for (k = j + 1; k < end && k <= j + 4; k++)
    if (doc->tokens[k].text.len == 1 && doc->tokens[k].text.ptr[0] == ')')
      return k + 1;
  return j;
}

/* The country of "dan|serta AGENT... COUNTRY" starting at token j, or
 * NULL: what a bare agent before it shares ("tentara dan rakyat Rusia"). */
static const dict_actor *shared_country(const kb_doc *doc,
                                        const kb_dict *dict, size_t j,
                                        size_t end) {
  size_t k, m;
  const dict_actor *a;
  if (j + 2 >= end || !(code_tok_is(&doc->tokens[j], "dan") ||
                        code_tok_is(&doc->tokens[j], "serta")))
    return NULL;
  j++;
  if (longest(doc, dict, j, end, 1, &k) == NULL)
    return NULL; /* the second must be an agent too */
  for (m = j + k; m < end && longest(doc, dict, m, end, 1, &k) != NULL;)
    m += k;
  a = m < end ? longest(doc, dict, m, end, 0, &k) : NULL;
  return a && (a->kind == AK_COUNTRY || a->kind == AK_CAPITAL) ? a : NULL;
}

/* "kepemimpinan militer dan politik Israel" (Israel's military and
 * political leadership): an agent phrase [i, j) of two words, then "dan"
 * and a word that makes an agent phrase with the first word, then a
 * country.  Fills *p (the first, with the country) and *q (the second);
 * returns the token after the country, or 0. */
static size_t elliptic_agent(const kb_doc *doc, const kb_dict *dict,
                             size_t i, size_t j, size_t end, np *p, np *q) {
  char key[MAX_KEY];
  size_t len = 0, m, k;
  const kb_token *head = &doc->tokens[i], *w;
  const strset_slot *sl;
  const dict_actor *a;
  if (j != i + 2 || j + 2 >= end ||
      !(code_tok_is(&doc->tokens[j], "dan") ||
        code_tok_is(&doc->tokens[j], "serta")) ||
      !is_modifier(&doc->tokens[j + 1]))
    return 0;
  w = &doc->tokens[j + 1];
  if (head->text.len + w->text.len + 2 > sizeof key)
    return 0;
  for (m = 0; m < head->text.len; m++) {
    char c = head->text.ptr[m];
    key[len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  key[len++] = ' ';
  for (m = 0; m < w->text.len; m++) {
    char c = w->text.ptr[m];
    key[len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  sl = strset_find(&dict->agent_phrases, key, len);
  if (sl == NULL || sl->value == 0)
    return 0;
  a = longest(doc, dict, j + 2, end, 0, &k);
  if (a == NULL || !(a->kind == AK_COUNTRY || a->kind == AK_CAPITAL))
    return 0;
  p->kind = NP_ACTOR;
  p->end = j;
  p->country = a;
  memset(q, 0, sizeof *q);
  q->kind = NP_ACTOR;
  q->first = j + 1;
  q->end = j + 2 + k;
  q->agent = &dict->actors[sl->value - 1];
  q->country = a;
  return q->end;
}

/* "kedua negara", "kedua belah pihak", "keduanya", "kedua pemimpin";
 * returns the token count or 0. */
static size_t both_ref(const kb_doc *doc, size_t i, size_t end) {
  const kb_token *t = &doc->tokens[i];
  if (code_tok_is(t, "keduanya"))
    return 1; /* by_country stays 0: the two actors */
  if (!code_tok_is(t, "kedua") || i + 1 >= end)
    return 0;
  t = &doc->tokens[i + 1];
  if (code_tok_is(t, "negara") || code_tok_is(t, "pemimpin") ||
      code_tok_is(t, "pemerintah") || code_tok_is(t, "pihak") ||
      code_tok_is(t, "negeri") || code_tok_is(t, "presiden")) {
    size_t n = 2;
    if (i + 2 < end && (code_tok_is(&doc->tokens[i + 2], "ini") ||
                        code_tok_is(&doc->tokens[i + 2], "tersebut")))
      n++;
    return n;
  }
  if (code_tok_is(t, "belah") && i + 2 < end &&
      code_tok_is(&doc->tokens[i + 2], "pihak"))
    return 3;
  return 0;
}

/* "negara itu", "negara tersebut", "negeri itu"; "musuh bebuyutannya
 * tersebut", "rivalnya itu" (its arch-enemy, its rival: the other side in
 * focus, as the target's exclusion of the source gives it) */
static size_t that_ref(const kb_doc *doc, size_t i, size_t end) {
  const kb_token *t = &doc->tokens[i];
  size_t k = 1;
  if (i + 1 >= end)
    return 0;
  if (!(code_tok_is(t, "negara") || code_tok_is(t, "negeri"))) {
    if (code_tok_is(t, "musuh") || code_tok_is(t, "rival") ||
        code_tok_is(t, "seteru")) {
      t = &doc->tokens[i + 1];
      if (!code_tok_is(t, "bebuyutannya") && !code_tok_is(t, "utamanya"))
        return 0;
      k = 2;
    } else if (!code_tok_is(t, "musuhnya") && !code_tok_is(t, "rivalnya") &&
               !code_tok_is(t, "seterunya")) {
      return 0;
    }
    if (i + k >= end)
      return 0;
  }
  t = &doc->tokens[i + k];
  return code_tok_is(t, "itu") || code_tok_is(t, "tersebut") ? k + 1 : 0;
}

/* "dia", "ia", "beliau" (he, she); "kami", "kita", "saya", "aku" (we,
 * I: the speaker).  Not "pihaknya" (his side): its owner is found by the
 * coder's -nya rule. */
static int is_pronoun(const kb_token *t) {
  return code_tok_is(t, "dia") || code_tok_is(t, "ia") ||
         code_tok_is(t, "beliau") || code_tok_is(t, "kami") ||
         code_tok_is(t, "kita") || code_tok_is(t, "saya") ||
         code_tok_is(t, "aku");
}

/* The bit of a name part in name_memory.sieve: from its length and its
 * first and last bytes (names compare exactly, case and all). */
static uint64_t name_bit(const kb_text *w) {
  unsigned h = (unsigned)w->len * 7u;
  if (w->len)
    h += (unsigned char)w->ptr[0] + 3u * (unsigned char)w->ptr[w->len - 1];
  return 1ull << (h & 63u);
}

/* The memory slot of a name token ("Kim", "Putin", "Bahreini"), or -1. */
static long remembered_at(const name_memory *mem, const kb_token *t) {
  size_t i;
  if (mem == NULL || t->kind != KB_TOK_WORD || !(t->flags & KB_TOKF_CAPITAL) ||
      !(mem->sieve & name_bit(&t->text)))
    return -1; /* no part remembered has this length and these ends */
  for (i = mem->n; i-- > 0;)
    if (mem->part[i].len == t->text.len &&
        memcmp(mem->part[i].ptr, t->text.ptr, t->text.len) == 0)
      return (long)i;
  return -1;
}

/* A person of the dictionaries remembered by one name token. */
static const dict_actor *remembered(const name_memory *mem,
                                    const kb_token *t) {
  long i = remembered_at(mem, t);
  return i >= 0 ? mem->person[i] : NULL;
}

/* A learned name at token j ("Bahreini", "Ali Bahreini"): fills the
 * phrase's country (and agent, if it has none of its own) from the title
 * it was learned with; returns its token count or 0. */
static size_t learned_name(const name_memory *mem, const kb_doc *doc,
                           size_t j, size_t end, np *p) {
  long i = -1;
  size_t n = 1;
  if (j + 1 < end && (doc->tokens[j].flags & KB_TOKF_CAPITAL) &&
      (i = remembered_at(mem, &doc->tokens[j + 1])) >= 0 &&
      mem->person[i] == NULL && !mem->given[i])
    n = 2; /* "Ali Bahreini" */
  else
    i = remembered_at(mem, &doc->tokens[j]);
  if (i < 0 || mem->person[i] != NULL)
    return 0;
  /* "Song" after "Song Tao" (a Chinese name's first word is the family
   * name), but not "George" in "George H.W. Bush" after "George Osborne" */
  if (n == 1 && mem->given[i] && j + 1 < end &&
      doc->tokens[j + 1].kind == KB_TOK_WORD &&
      (doc->tokens[j + 1].flags & KB_TOKF_CAPITAL))
    return 0;
  p->country = mem->country[i];
  if (p->agent == NULL)
    p->agent = mem->agent[i];
  p->person_first = j;
  p->person_end = j + n;
  return n;
}

/* A personal name no dictionary knows at token j: two to four capitalised
 * words, none of them an actor or agent word, the last one unknown to
 * the lexicon ("Ali Bahreini", "Itzhak Brik"; not "Kecam Serangan").
 * Returns its token count or 0. */
static size_t name_at(const kb_doc *doc, const kb_dict *dict, size_t j,
                      size_t end) {
  size_t n = 0, k;
  const kb_morph *m;
  while (j + n < end && n < 5) {
    const kb_token *t = &doc->tokens[j + n];
    if (t->kind != KB_TOK_WORD || !(t->flags & KB_TOKF_CAPITAL) ||
        (t->flags & (KB_TOKF_ALLCAPS | KB_TOKF_SENT_START)) ||
        t->text.len < 2)
      break;
    if (first_bits(doc, dict, j + n) &&
        (longest(doc, dict, j + n, end, 0, &k) ||
         longest(doc, dict, j + n, end, 1, &k)))
      break;
    m = kb_doc_token_morph(doc, j + n);
    if (m && (m->n_prefixes || m->suffix != KB_SUFFIX_NONE))
      return 0; /* "Bebaskan": a headline's verb */
    n++;
  }
  if (n < 2 || n > 4)
    return 0; /* five capitalised words are a title, not a name */
  m = kb_doc_token_morph(doc, j + n - 1);
  if (m == NULL || (m->flags & KB_MORPHF_KNOWN))
    return 0;
  return n;
}

/* A phrase that can teach a name: a role with a country or organisation,
 * no person ("Duta Besar Iran"). */
static int title_np(const np *p) {
  return p->kind == NP_ACTOR && p->agent && p->country && p->person == NULL &&
         p->person_end == 0;
}

/* "Duta Besar Iran untuk PBB, Ali Bahreini, ...": the title before an
 * appositive name at token i (after a comma), or NULL.  Only phrases and
 * untuk / di / dari may stand between the title and the comma. */
static const np *title_before(const kb_doc *doc, const np *out, size_t n,
                              size_t i, size_t first) {
  size_t m, j;
  if (i < first + 2 || !(doc->tokens[i - 1].text.len == 1 &&
                         doc->tokens[i - 1].text.ptr[0] == ','))
    return NULL;
  for (m = n; m-- > 0 && n - m <= 2;) {
    if (!title_np(&out[m]))
      continue;
    for (j = out[m].end; j < i - 1; j++) {
      size_t q;
      int inside = 0;
      for (q = m + 1; q < n; q++)
        if (j >= out[q].first && j < out[q].end)
          inside = 1;
      if (!inside && !code_tok_is(&doc->tokens[j], "untuk") &&
          !code_tok_is(&doc->tokens[j], "di") &&
          !code_tok_is(&doc->tokens[j], "dari"))
        return NULL;
    }
    return &out[m];
  }
  return NULL;
}

void tag_remember(name_memory *mem, const kb_doc *doc, const np *ps,
                  size_t n) {
  size_t i, j;
  for (i = 0; i < n; i++) {
    if (ps[i].kind != NP_ACTOR ||
        (ps[i].person == NULL && ps[i].person_end == ps[i].person_first))
      continue;
    for (j = ps[i].person_first; j < ps[i].person_end; j++) {
      const kb_token *t = &doc->tokens[j];
      long k;
      if (t->text.len < 3 || !(t->flags & KB_TOKF_CAPITAL) ||
          mem->n >= NAME_MEMORY)
        continue;
      k = remembered_at(mem, t);
      if (k >= 0 && mem->person[k] == ps[i].person &&
          (ps[i].person || mem->country[k] == ps[i].country))
        continue;
      mem->part[mem->n] = t->text;
      mem->sieve |= name_bit(&t->text);
      mem->person[mem->n] = ps[i].person;
      mem->agent[mem->n] = ps[i].person ? NULL : ps[i].agent;
      mem->given[mem->n] = ps[i].person == NULL && j + 1 < ps[i].person_end;
      mem->country[mem->n++] = ps[i].person ? NULL : ps[i].country;
    }
  }
}

size_t tag_actors(const kb_doc *doc, const kb_dict *dict,
                  const kb_sentence *s, const name_memory *mem, np *out,
                  size_t max) {
  size_t i = s->first_token, end = s->first_token + s->n_tokens, n = 0;
  while (i < end && n < max) {
    np p;
    size_t k = 0, j;
    const dict_actor *a;
    const kb_token *t0 = &doc->tokens[i];
    unsigned bits;
    int maybe_ref;
    if (t0->kind != KB_TOK_WORD) {
      i++; /* numbers and punctuation start no phrase */
      continue;
    }
    /* "kedua", "negara itu", "dia", "ia", "beliau" start with these */
    bits = all_first_bits(doc, dict, i);
    maybe_ref = (bits & TAG_FIRST_REF) != 0;
    /* most words start no phrase: one lookup tells, before anything */
    if (!maybe_ref && (bits & (3u | TAG_FIRST_HYPHEN)) == 0 &&
        remembered_at(mem, t0) < 0 &&
        !((t0->flags & KB_TOKF_CAPITAL) && i + 1 < end &&
          remembered_at(mem, &doc->tokens[i + 1]) >= 0) &&
        !((t0->flags & KB_TOKF_CAPITAL) && s->part != KB_BLOCK_TITLE &&
          title_before(doc, out, n, i, s->first_token))) {
      i++;
      continue;
    }
    memset(&p, 0, sizeof p);
    p.first = i;
    if ((t0->flags & KB_TOKF_CAPITAL) && s->part != KB_BLOCK_TITLE) {
      const np *title = title_before(doc, out, n, i, s->first_token);
      if (title && (k = name_at(doc, dict, i, end)) != 0) {
        /* "..., Ali Bahreini, ...": the name stands for its title */
        p = *title;
        p.first = i;
        p.end = i + k;
        p.person_first = i;
        p.person_end = i + k;
        p.prep = PREP_NONE;
        out[n++] = p;
        i = p.end;
        continue;
      }
    }
    if (maybe_ref && (k = both_ref(doc, i, end)) != 0) {
      p.kind = NP_BOTH;
      p.end = i + k;
      p.by_country = k >= 2 && (code_tok_is(&doc->tokens[i + 1], "negara") ||
                                code_tok_is(&doc->tokens[i + 1], "negeri"));
    } else if (maybe_ref && (k = that_ref(doc, i, end)) != 0) {
      p.kind = NP_THAT;
      p.end = i + k;
    } else if (maybe_ref && is_pronoun(&doc->tokens[i])) {
      p.kind = NP_PRONOUN;
      p.end = i + 1;
    } else {
      /* agent* (modifier?) (country|org)? person?, where a parenthesis
       * may follow any part: "Perdana Menteri (PM) Anthony Albanese",
       * "Presiden Amerika Serikat (AS) Donald Trump" */
      j = i;
      while (j < end && (a = longest(doc, dict, j, end, 1, &k)) != NULL) {
        if (p.agent == NULL)
          p.agent = a;
        j += k;
        j = skip_paren(doc, j, end);
      }
      if (p.agent && j + 1 < end && is_modifier(&doc->tokens[j]) &&
          !verb_form(kb_doc_token_morph(doc, j)) &&
          longest(doc, dict, j + 1, end, 0, &k) != NULL)
        j++; /* "pemimpin terlama Rusia"; not "senator menyarankan
                Jepang" */
      while (j < end) {
        size_t after;
        if (j > i && (p.country || p.person) &&
            (after = skip_paren(doc, j, end)) != j && after < end &&
            (p.person == NULL && longest(doc, dict, after, end, 0, &k)))
          j = after; /* "Amerika Serikat (AS) Donald Trump" */
        a = longest(doc, dict, j, end, 0, &k);
        if (a == NULL && (a = hyphen_head(doc, dict, j)) != NULL)
          k = 1;
        if (a == NULL && (a = remembered(mem, &doc->tokens[j])) != NULL)
          k = 1;
        if (a == NULL && p.country == NULL && p.person == NULL &&
            (k = learned_name(mem, doc, j, end, &p)) != 0) {
          j += k; /* "Bahreini" after "Duta Besar Iran ..., Ali Bahreini" */
          break;
        }
        if (a == NULL)
          break;
        if (a->kind == AK_PERSON) {
          if (p.person)
            break;
          p.person = a;
          p.person_first = j;
          p.person_end = j + k;
        } else {
          if (p.country || p.person)
            break;
          p.country = a;
        }
        j += k;
      }
      if (p.person == NULL && p.country == NULL && p.agent &&
          (p.country = shared_country(doc, dict, j, end)) != NULL) {
        /* "tentara dan rakyat Rusia" (Russia's soldiers and people): the
         * first agent shares the country of the second */
        p.kind = NP_ACTOR;
        p.end = j;
        if (i > s->first_token)
          p.prep = prep_before(doc, i, s->first_token);
        out[n++] = p;
        i = j;
        continue;
      }
      if (p.person == NULL && p.country == NULL && p.agent && n + 1 < max &&
          (k = elliptic_agent(doc, dict, i, j, end, &p, &out[n + 1])) != 0) {
        /* "kepemimpinan militer dan politik Israel": two phrases */
        if (i > s->first_token)
          p.prep = prep_before(doc, i, s->first_token);
        out[n + 1].prep = p.prep;
        out[n++] = p;
        n++;
        i = k;
        continue;
      }
      if (p.person == NULL && p.country == NULL && p.agent && j > i &&
          (code_tok_is(&doc->tokens[j - 1], "setempat") ||
           (j < end && code_tok_is(&doc->tokens[j], "setempat")))) {
        /* "otoritas setempat", "polisi setempat" (the local authorities,
         * police): of the country in focus, as "negara itu" */
        if (!code_tok_is(&doc->tokens[j - 1], "setempat"))
          j++;
        p.kind = NP_THAT;
        p.end = j;
        if (i > s->first_token)
          p.prep = prep_before(doc, i, s->first_token);
        out[n++] = p;
        i = j;
        continue;
      }
      if (p.person == NULL && p.country == NULL && p.agent && j > i &&
          (code_tok_is(&doc->tokens[j - 1], "federal") ||
           code_tok_is(&doc->tokens[j - 1], "pusat"))) {
        /* "pemerintah federal", "agen federal": of the federal state in
         * focus (code.c, resolve); "pemerintah pusat": the central
         * government, which only a regional source's verb resolves */
        p.kind = NP_THAT;
        p.federal = code_tok_is(&doc->tokens[j - 1], "pusat") ? NP_CENTRAL
                                                              : NP_FEDERAL;
        p.end = j;
        if (i > s->first_token)
          p.prep = prep_before(doc, i, s->first_token);
        out[n++] = p;
        i = j;
        continue;
      }
      if (p.person == NULL && p.country == NULL) {
        i = p.agent ? j : i + 1;
        continue; /* a bare agent has no country: not an actor */
      }
      if (p.agent == NULL && p.person == NULL && geographic(doc, i, s)) {
        i = j; /* "Laut Jepang" is a sea, not Japan */
        continue;
      }
      p.kind = NP_ACTOR;
      p.end = j;
      p.is_media = (p.country && p.country->kind == AK_MEDIA && !p.person) ||
                   (p.agent && strcmp(p.agent->code, "MED") == 0);
      if (title_np(&p) && s->part != KB_BLOCK_TITLE) {
        /* "Pensiunan Jenderal Pasukan Israel (IDF) Itzhak Brik": a name
         * right after its title belongs to the phrase */
        size_t at = skip_paren(doc, j, end), m = name_at(doc, dict, at, end);
        if (m) {
          p.person_first = at;
          p.person_end = p.end = at + m;
        }
      }
    }
    if (i > s->first_token)
      p.prep = prep_before(doc, i, s->first_token);
    /* "Militer Amerika Serikat (AS) akan ...": an abbreviation in
     * parentheses right after a phrase repeats it; it is no actor of its
     * own */
    if (n > 0 && p.kind == NP_ACTOR && i >= s->first_token + 2 &&
        out[n - 1].end == i - 1 && doc->tokens[i - 1].text.len == 1 &&
        doc->tokens[i - 1].text.ptr[0] == '(' && p.end < end &&
        doc->tokens[p.end].text.len == 1 && doc->tokens[p.end].text.ptr[0] == ')') {
      i = p.end + 1;
      continue;
    }
    /* "Houthi Yaman", "Hamas Palestina": a group or institution followed
     * by its own country is one phrase, the group's */
    if (n > 0 && p.kind == NP_ACTOR && out[n - 1].kind == NP_ACTOR &&
        out[n - 1].end == p.first && p.prep == PREP_NONE && !p.agent &&
        !p.person && p.country && p.country->kind == AK_COUNTRY &&
        out[n - 1].country && !out[n - 1].person &&
        (out[n - 1].country->kind == AK_GROUP ||
         out[n - 1].country->kind == AK_ORG) &&
        memcmp(out[n - 1].country->code, p.country->code, 3) == 0) {
      out[n - 1].end = p.end;
      i = p.end;
      continue;
    }
    /* "KBRI Teheran", "KBRI Berlin": a mission followed by the capital it
     * sits in is one phrase, the mission's (its country's, not the
     * host's) */
    if (n > 0 && p.kind == NP_ACTOR && out[n - 1].kind == NP_ACTOR &&
        out[n - 1].end == p.first && p.prep == PREP_NONE && !p.agent &&
        !p.person && p.country && p.country->kind == AK_CAPITAL &&
        out[n - 1].country && !out[n - 1].person &&
        out[n - 1].country->kind == AK_ORG &&
        (code_tok_is(&doc->tokens[out[n - 1].first], "kbri") ||
         code_tok_is(&doc->tokens[out[n - 1].first], "kjri") ||
         code_tok_is(&doc->tokens[out[n - 1].first], "kedubes") ||
         code_tok_is(&doc->tokens[out[n - 1].first], "kedutaan") ||
         code_tok_is(&doc->tokens[out[n - 1].first], "konsulat"))) {
      out[n - 1].end = p.end;
      i = p.end;
      continue;
    }
    out[n++] = p;
    i = p.end;
  }
  return n;
}
