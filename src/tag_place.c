/*
 * tag_place.c -- where events happen: place mentions after a place
 * preposition, the dateline, and the actors' countries, resolved against
 * the gazetteer and attached to the events (GDELT's ActionGeo, Actor1Geo,
 * Actor2Geo).
 *
 * Input: a coded kb_doc (its events), the kb_dict's gazetteer (place.h).
 * Output: the location, source_geo and target_geo of each kb_event.  Part
 * of the tag stage (docs/DESIGN.md); run by kb_doc_code after the coder.
 *
 * The rules, with their Indonesian examples:
 *  - A place mention is a gazetteer name right after "di" (in/at), "ke"
 *    or "menuju" (to), "dari" (from), optionally through a place noun:
 *    "di Pyongyang", "ke Rusia", "di Provinsi Jawa Timur", "di kota
 *    Kharkiv", "di kediaman negara Kumsusan di Pyongyang" (the second
 *    "di" names the city); an Indonesian mission's name counts as "di":
 *    "KJRI Los Angeles", "KBRI Moskow".  Names are matched in their exact
 *    case, the longest first: "Laut China Selatan" before "China".
 *  - ActionGeo is the mention of the event's sentence nearest its verb,
 *    one after it before one before it, any "di"/"ke" before "dari": "Putin tiba di
 *    Pyongyang" (Putin arrived in Pyongyang).  Without one, the dateline
 *    ("Pyongyang -", "Liputan6.com, Teheran -") when its country is one
 *    of the actors' (the sentence is about local action); else the
 *    target's country (the source's for a coercion, 17x: "Iran menahan
 *    agen Mossad" happens in Iran) -- or rather the city of that
 *    country, else of the other actor's, that an earlier event of the
 *    article was placed at ("kedua negara menandatangani pakta" after
 *    "bertemu ... di Pyongyang"), else a place of that country inside
 *    that actor's words ("membombardir penduduk Gaza": Gaza; not a
 *    capital that is the whole actor, "menuduh Moskow").
 *  - Mentions of one event in the article (same actors, code, date) share
 *    a place one of them states where the others only inferred one: the
 *    dateline gives way to a place in an actor's country, a whole country
 *    to a place inside it (share_stated_places).
 *  - Actor1Geo/Actor2Geo: a location stated right after an actor that is
 *    not a bare country ("Duta Besar Rusia di Jakarta"), else the actor's
 *    country.
 *  - A name with several readings ("Moscow": Russia or Idaho; "Georgia":
 *    the country or the US state; "Tripoli": Libya or Lebanon) takes
 *    kabar's own names first, then a reading in a country of the event's
 *    actors or of the dateline, then a country over a city over a
 *    division (a division after "provinsi", "negara bagian", "wilayah"),
 *    then the larger population.
 *
 * References: GDELT 2.0 Event Codebook (ActionGeo: "the location most
 * closely associated with the action"); data/gazetteer/ (docs/DATA.md).
 */
#include <string.h>

#include "code.h"
#include "place.h"

#define MAX_MENTIONS 32
#define MAX_KEY 256
#define MAX_CONTEXT 4

/* A place mention: tokens [first, end), its candidates, its preposition. */
typedef struct mention {
  size_t first, end;
  unsigned cand;
  int is_from; /* "dari": an origin, weaker than "di"/"ke" */
  int wants_division; /* "provinsi X", "negara bagian X" */
} mention;

/* Words between a place preposition and the name: "di kota Kharkiv", "di
 * Provinsi Jawa Timur", "ke ibu kota Rusia", "di negara bagian Georgia".
 * Lower-cased comparison; `division` marks a first-level division,
 * `compass` a direction ("di utara Gaza", in northern Gaza). */
static const struct {
  const char *word;
  int division, compass;
} place_nouns[] = {
    {"kota", 0, 0},       {"ibu", 0, 0},        {"ibukota", 0, 0},
    {"provinsi", 1, 0},   {"wilayah", 1, 0},    {"negara", 0, 0},
    {"bagian", 1, 0},     {"kawasan", 0, 0},    {"daerah", 0, 0},
    {"kabupaten", 0, 0},  {"pulau", 0, 0},      {"distrik", 0, 0},
    {"region", 1, 0},     {"oblast", 1, 0},     {"kecamatan", 0, 0},
    {"perbatasan", 0, 0}, {"pelabuhan", 0, 0},  {"selatan", 0, 1},
    {"utara", 0, 1},      {"timur", 0, 1},      {"barat", 0, 1},
    {"tengah", 0, 1}};

static int place_noun(const kb_token *t, int *division) {
  size_t k;
  if (t->kind != KB_TOK_WORD)
    return 0;
  for (k = 0; k < sizeof place_nouns / sizeof place_nouns[0]; k++)
    if (code_tok_is(t, place_nouns[k].word)) {
      if (place_nouns[k].compass && (t->flags & KB_TOKF_CAPITAL))
        return 0; /* "di Tengah Uji Coba" (amid trials): a headline's
                     idiom, not "di tengah Gaza" (in central Gaza) */
      *division |= place_nouns[k].division;
      return 1;
    }
  return 0;
}

/* 1 "di" (or a mission named by its place), 2 "ke"/"menuju", 3 "dari"; 0
 * otherwise. */
static int place_prep(const kb_token *t) {
  if (t->kind != KB_TOK_WORD || t->text.len > 6)
    return 0;
  /* Indonesia's missions are named by where they are: "KJRI Los Angeles"
   * (the consulate general in Los Angeles), "KBRI Moskow" */
  if (code_tok_is(t, "di") || code_tok_is(t, "kbri") ||
      code_tok_is(t, "kjri"))
    return 1;
  if (code_tok_is(t, "ke") || code_tok_is(t, "menuju"))
    return 2;
  if (code_tok_is(t, "dari"))
    return 3;
  return 0;
}

/* The longest gazetteer name starting at token i (before end): its first
 * candidate, *n its token count; 0 when none. */
static unsigned longest_place(const kb_doc *doc, const gazetteer *g, size_t i,
                              size_t end, size_t *n) {
  char key[MAX_KEY];
  size_t len = 0, k;
  unsigned best = 0;
  uint32_t h = HASH_INIT;
  const kb_token *t = &doc->tokens[i];
  if ((t->kind != KB_TOK_WORD && t->kind != KB_TOK_ABBREV) ||
      !(t->flags & KB_TOKF_CAPITAL))
    return 0; /* names are capitalised: "di Rusia", not "di rumah" */
  for (k = 0; i + k < end; k++) {
    size_t from = len;
    int more;
    unsigned c;
    t = &doc->tokens[i + k];
    if ((t->kind != KB_TOK_WORD && t->kind != KB_TOK_ABBREV) ||
        len + t->text.len + 1 >= MAX_KEY)
      break; /* an abbreviation with its stop may be part of a name: "St.
                Petersburg", "Washington D.C." */
    if (k)
      key[len++] = ' ';
    memcpy(key + len, t->text.ptr, t->text.len);
    len += t->text.len;
    h = hash_more(h, key + from, len - from);
    c = gazetteer_find(g, key, len, h, &more);
    if (!more)
      break;
    if (c) {
      best = c;
      *n = k + 1;
    }
  }
  return best;
}

/* The place mentions of sentence s, in token order (at most max). */
static size_t find_mentions(const kb_doc *doc, const gazetteer *g,
                            const kb_sentence *s, mention *out, size_t max) {
  size_t i, end = s->first_token + s->n_tokens, n_out = 0;
  for (i = s->first_token; i + 1 < end && n_out < max; i++) {
    int prep = place_prep(&doc->tokens[i]), division = 0;
    size_t j = i + 1, n = 0, skipped;
    unsigned c;
    if (prep == 0)
      continue;
    /* the name itself may start with a place noun ("Kota Gaza",
     * "Ibu Kota Nusantara"); else skip up to three of them */
    c = longest_place(doc, g, j, end, &n);
    for (skipped = 0; c == 0 && skipped < 3 && j < end &&
                      place_noun(&doc->tokens[j], &division);
         skipped++) {
      j++;
      if (j < end)
        c = longest_place(doc, g, j, end, &n);
    }
    if (c == 0)
      continue;
    out[n_out].first = j;
    out[n_out].end = j + n;
    out[n_out].cand = c;
    out[n_out].is_from = prep == 3;
    out[n_out].wants_division = division;
    n_out++;
    i = j + n - 1;
  }
  return n_out;
}

/* Countries the reading of a name may lean on: the event's actors' and
 * the dateline's (place indices, -1 unused). */
typedef struct context {
  int country[MAX_CONTEXT];
} context;

static int in_context(const context *cx, int country) {
  size_t k;
  for (k = 0; k < MAX_CONTEXT; k++)
    if (country >= 0 && cx->country[k] == country)
      return 1;
  return 0;
}

/* How much a reading is preferred by its kind: a country, then a city,
 * then a division -- unless a place noun asked for a division. */
static int type_order(kb_geo_type t, int wants_division) {
  if (t == KB_GEO_COUNTRY)
    return 3;
  if (t == KB_GEO_ADM1)
    return wants_division ? 4 : 1;
  return 2;
}

/* Chooses among the candidates of chain `c`; returns a place index. */
static size_t choose(const gazetteer *g, unsigned c, const context *cx,
                     int wants_division) {
  size_t best = g->cands[c].place;
  unsigned best_rank = 0;
  int best_ctx = -1, best_type = -1, best_div = -1;
  unsigned long best_pop = 0;
  for (; c; c = g->cands[c].next) {
    const gaz_candidate *k = &g->cands[c];
    const gaz_place *p = &g->places[k->place];
    int ctx = in_context(cx, p->country_place);
    int type = type_order(p->type, wants_division);
    /* "negara bagian Georgia": a division before any other reading */
    int div = wants_division && p->type == KB_GEO_ADM1;
    if (div != best_div          ? div > best_div
        : k->rank != best_rank ? k->rank > best_rank
        : ctx != best_ctx    ? ctx > best_ctx
        : type != best_type  ? type > best_type
                             : p->pop > best_pop) {
      best = k->place;
      best_div = div;
      best_rank = k->rank;
      best_ctx = ctx;
      best_type = type;
      best_pop = p->pop;
    }
  }
  return best;
}

/* Fills a location from place p, and the words that named it. */
static void set_location(kb_location *loc, const gaz_place *p,
                         kb_text text, kb_span span) {
  memset(loc, 0, sizeof *loc);
  loc->type = p->type;
  loc->name = p->name;
  memcpy(loc->country, p->country, sizeof loc->country);
  memcpy(loc->iso, p->iso, sizeof loc->iso);
  memcpy(loc->adm1, p->adm1, sizeof loc->adm1);
  memcpy(loc->feature_id, p->feature_id, sizeof loc->feature_id);
  loc->lat = p->lat;
  loc->lon = p->lon;
  loc->text = text;
  loc->span = span;
}

/* The text and span of tokens [first, end). */
static kb_text tokens_text(const kb_doc *doc, size_t first, size_t end,
                           kb_span *span) {
  kb_text t;
  span->start = doc->tokens[first].span.start;
  span->end = doc->tokens[end - 1].span.end;
  t.ptr = doc->text + span->start;
  t.len = span->end - span->start;
  return t;
}

/* The dateline's place (-1 when none): "Pyongyang", "PYONGYANG",
 * "Jakarta". */
static int dateline_place(const kb_doc *doc, const gazetteer *g) {
  kb_text d = doc->meta.dateline;
  char key[MAX_KEY];
  size_t k;
  int is_prefix, pass;
  unsigned c = 0;
  context none;
  if (d.ptr == NULL || d.len == 0 || d.len >= MAX_KEY)
    return -1;
  for (pass = 0; pass < 2 && c == 0; pass++) {
    /* as printed, then in title case ("PYONGYANG" -> "Pyongyang") */
    for (k = 0; k < d.len; k++) {
      char ch = d.ptr[k];
      if (pass == 1 && k > 0 && d.ptr[k - 1] != ' ' && ch >= 'A' && ch <= 'Z')
        ch = (char)(ch + 32);
      key[k] = ch;
    }
    c = gazetteer_find(g, key, d.len, hash_bytes(key, d.len), &is_prefix);
  }
  if (c == 0)
    return -1;
  memset(&none, 0xff, sizeof none);
  return (int)choose(g, c, &none, 0);
}

/* The first token of the sentence that starts at or after byte `at`. */
static size_t token_at(const kb_doc *doc, const kb_sentence *s, size_t at) {
  size_t i, end = s->first_token + s->n_tokens;
  for (i = s->first_token; i < end; i++)
    if (doc->tokens[i].span.start >= at)
      return i;
  return end;
}

/* Places below country level the document has named so far (one per
 * country, the latest), so that a country left by the fallback becomes
 * the city the article put it at: "Putin mengunjungi Korea Utara" after
 * a caption's "di Pyongyang". */
#define MEMO 8
typedef struct memo {
  int country, place;
  kb_text text;
  kb_span span;
} memo;
typedef struct memory {
  memo m[MEMO];
  size_t n;
} memory;

static void remember(memory *mem, const gazetteer *g, size_t place,
                     kb_text text, kb_span span) {
  const gaz_place *p = &g->places[place];
  size_t k;
  if (p->type == KB_GEO_COUNTRY || p->country_place < 0)
    return;
  for (k = 0; k < mem->n && mem->m[k].country != p->country_place; k++)
    ;
  if (k == mem->n) {
    if (mem->n == MEMO)
      return;
    mem->n++;
  }
  mem->m[k].country = p->country_place;
  mem->m[k].place = (int)place;
  mem->m[k].text = text;
  mem->m[k].span = span;
}

static const memo *recall(const memory *mem, int country) {
  size_t k;
  for (k = 0; k < mem->n; k++)
    if (mem->m[k].country == country)
      return &mem->m[k];
  return NULL;
}

/* An actor's location: "Duta Besar Rusia di Jakarta" (stated right after
 * it, in the event's sentence), else its country's. */
static void actor_geo(const kb_doc *doc, const gazetteer *g,
                      const kb_sentence *s, const kb_actor *a,
                      const mention *ms, size_t n_ms, const context *cx,
                      kb_location *loc) {
  size_t k;
  int c;
  memset(loc, 0, sizeof *loc);
  /* a bare country is where it is ("serangan Israel di Jalur Gaza": the
   * place belongs to the attack); a sector or person may be elsewhere */
  if (strlen(a->code) > 3 && a->text.ptr && a->span.end > a->span.start &&
      a->span.start >= s->span.start && a->span.end <= s->span.end) {
    size_t after = token_at(doc, s, a->span.end);
    for (k = 0; k < n_ms; k++)
      if (ms[k].first == after + 1 && !ms[k].is_from &&
          code_tok_is(&doc->tokens[after], "di")) {
        kb_span sp;
        kb_text t = tokens_text(doc, ms[k].first, ms[k].end, &sp);
        set_location(loc,
                     &g->places[choose(g, ms[k].cand, cx,
                                       ms[k].wants_division)],
                     t, sp);
        return;
      }
  }
  c = gazetteer_country_of(g, a->code);
  if (c >= 0) {
    kb_text none = {NULL, 0};
    kb_span zero = {0, 0};
    set_location(loc, &g->places[c], none, zero);
  }
}

/* A place of the actor's country named inside the actor's words
 * ("penduduk Gaza", Gaza's residents): where that actor is, and so where
 * an action on it with no place of its own happens: after a common noun,
 * ending the name.  Returns 1 and sets
 * loc when there is one. */
static int actor_place(const kb_doc *doc, const gazetteer *g,
                       const kb_sentence *s, const kb_actor *a, int country,
                       const context *cx, kb_location *loc) {
  size_t i, first, end, n;
  if (a->text.ptr == NULL || a->span.end <= a->span.start ||
      a->span.start < s->span.start || a->span.end > s->span.end)
    return 0;
  end = token_at(doc, s, a->span.end);
  first = token_at(doc, s, a->span.start);
  for (i = first; i < end; i++) {
    unsigned c = longest_place(doc, g, i, end, &n);
    size_t p;
    if (c == 0)
      continue;
    /* a place after a common noun, ending the name: "penduduk Gaza"; not
     * the actor's whole phrase (a capital for its government, "Kyiv
     * menuduh Moskow") nor part of a person's name ("Presiden Rusia
     * Vladimir Putin": Vladimir is also a Russian city) */
    if (i == first || (doc->tokens[i - 1].flags & KB_TOKF_CAPITAL) ||
        doc->tokens[i - 1].kind != KB_TOK_WORD ||
        (i + n < end && (doc->tokens[i + n].flags & KB_TOKF_CAPITAL))) {
      i += n - 1;
      continue;
    }
    p = choose(g, c, cx, 0);
    if (g->places[p].type != KB_GEO_COUNTRY &&
        g->places[p].country_place == country) {
      kb_span sp;
      kb_text t = tokens_text(doc, i, i + n, &sp);
      set_location(loc, &g->places[p], t, sp);
      return 1;
    }
    i += n - 1;
  }
  return 0;
}

/* Whether e's location is a place its own sentence names. */
static int stated(const kb_doc *doc, const kb_event *e) {
  kb_span s = doc->sentences[e->sentence].span;
  return e->location.type != KB_GEO_NONE && e->location.text.ptr != NULL &&
         e->location.span.start >= s.start && e->location.span.end <= s.end;
}

/* Whether two event dates can be one day's: equal, or one of them only
 * the article's reference date (no date expression said it).  With no
 * reference date an undated event is no one's day: "" is not it. */
static int same_date(const kb_doc *doc, const char *a, const char *b) {
  kb_text r = doc->meta.reference_date;
  size_t na = strlen(a), nb = strlen(b);
  return strcmp(a, b) == 0 ||
         (r.len > 0 && r.len == na && memcmp(r.ptr, a, na) == 0) ||
         (r.len > 0 && r.len == nb && memcmp(r.ptr, b, nb) == 0);
}

/* Whether o's stated place may stand for e's inferred one: e sits at the
 * dateline and o's place is in the source's or the target's country (the
 * dateline was only a guess that the action was local), or e sits at a
 * whole country and o's place is inside it (a refinement, never a
 * contradiction). */
static int refines(const kb_doc *doc, const kb_event *e, const kb_event *o) {
  const char *c = o->location.country;
  if (e->location.text.ptr != NULL &&
      e->location.span.start == doc->meta.dateline_span.start &&
      e->location.span.end == doc->meta.dateline_span.end)
    return strcmp(c, e->source_geo.country) == 0 ||
           strcmp(c, e->target_geo.country) == 0;
  return e->location.type == KB_GEO_COUNTRY &&
         o->location.type != KB_GEO_COUNTRY &&
         strcmp(c, e->location.country) == 0;
}

/* Mentions of one event in one article (same actors, code, date,
 * negation) are one event, so a place one of them states may stand for
 * what the others only inferred (refines): "Kim mengirimkan pesan ...
 * melalui duta besar DPRK di Moskow" places the congratulation that the
 * headline and the lead report under the dateline Pyongyang.  The first
 * such place wins; only the first 32 events that state one are looked
 * at, so that a long document stays linear. */
static void share_stated_places(const kb_doc *doc, kb_event *events,
                                size_t n) {
  size_t with[32], n_with = 0, i, k; /* the first events that state one */
  for (i = 0; i < n && n_with < sizeof with / sizeof with[0]; i++)
    if (stated(doc, &events[i]))
      with[n_with++] = i;
  for (i = 0; i < n && n_with > 0; i++) {
    kb_event *e = &events[i];
    if (e->location.type == KB_GEO_NONE || stated(doc, e))
      continue;
    for (k = 0; k < n_with; k++) {
      const kb_event *o = &events[with[k]];
      if (strcmp(o->code, e->code) == 0 &&
          strcmp(o->source.code, e->source.code) == 0 &&
          strcmp(o->target.code, e->target.code) == 0 &&
          o->negated == e->negated && o->background == e->background &&
          same_date(doc, o->date, e->date) && refines(doc, e, o)) {
        e->location = o->location;
        break;
      }
    }
  }
}

kb_status tag_places(const kb_doc *doc, const kb_dict *dict,
                     kb_event *events, size_t n_events, kb_error *err) {
  const gazetteer *g;
  mention ms[MAX_MENTIONS];
  memory mem;
  size_t n_ms = 0, i, sentence = (size_t)-1;
  int dateline;
  kb_status st = KB_OK;
  if (n_events == 0)
    return KB_OK;
  g = gazetteer_get(dict, err, &st);
  if (g == NULL)
    return st;
  dateline = dateline_place(doc, g);
  mem.n = 0;
  for (i = 0; i < n_events; i++) {
    kb_event *e = &events[i];
    const kb_sentence *s = &doc->sentences[e->sentence];
    context cx;
    size_t k, verb, best = MAX_MENTIONS, best_score = (size_t)-1;
    int src = gazetteer_country_of(g, e->source.code);
    int tgt = gazetteer_country_of(g, e->target.code);
    if (e->sentence != sentence) { /* events come in sentence order */
      sentence = e->sentence;
      n_ms = find_mentions(doc, g, s, ms, MAX_MENTIONS);
    }
    memset(&cx, 0xff, sizeof cx);
    cx.country[0] = src;
    cx.country[1] = tgt;
    cx.country[2] = dateline >= 0 ? g->places[dateline].country_place : -1;
    actor_geo(doc, g, s, &e->source, ms, n_ms, &cx, &e->source_geo);
    actor_geo(doc, g, s, &e->target, ms, n_ms, &cx, &e->target_geo);
    /* ActionGeo: the mention nearest the verb, after it first */
    verb = token_at(doc, s, e->verb_span.start);
    for (k = 0; k < n_ms; k++) {
      size_t score = ms[k].first > verb ? ms[k].first - verb
                                        : 1000 + verb - ms[k].first;
      if (ms[k].is_from) /* "mediator dari Mesir": an origin, seldom
                            where the action is */
        score += 2000;
      if (score < best_score) {
        best_score = score;
        best = k;
      }
    }
    if (best < n_ms) {
      kb_span sp;
      kb_text t = tokens_text(doc, ms[best].first, ms[best].end, &sp);
      size_t place = choose(g, ms[best].cand, &cx, ms[best].wants_division);
      set_location(&e->location, &g->places[place], t, sp);
      remember(&mem, g, place, t, sp);
    } else if (dateline >= 0 &&
               ((src < 0 && tgt < 0) ||
                g->places[dateline].country_place == src ||
                g->places[dateline].country_place == tgt)) {
      set_location(&e->location, &g->places[dateline], doc->meta.dateline,
                   doc->meta.dateline_span);
    } else if (tgt >= 0 || src >= 0) {
      /* "menahan lima agen Mossad" (detains five Mossad agents): a
       * coercion (17x) happens where the source holds power */
      int coerce = memcmp(e->root, "17", 2) == 0 && src >= 0;
      int country = tgt >= 0 && !coerce ? tgt : src;
      int other = country == tgt ? src : tgt;
      const memo *m = recall(&mem, country);
      if (m == NULL && !coerce) /* "kedua negara menandatangani pakta"
                                   after "bertemu ... di Pyongyang" */
        m = recall(&mem, other);
      if (m) { /* the country's city named earlier: "di Pyongyang" */
        set_location(&e->location, &g->places[m->place], m->text, m->span);
      } else if (!actor_place(doc, g, s, country == tgt ? &e->target
                                                         : &e->source,
                              country, &cx, &e->location)) {
        kb_text none = {NULL, 0};
        kb_span zero = {0, 0};
        set_location(&e->location, &g->places[country], none, zero);
      }
    }
  }
  share_stated_places(doc, events, n_events);
  return KB_OK;
}
