/*
 * dict_actors.c -- loads the actor dictionaries (the files of data/actors/) into
 * the kb_dict: countries and their capitals and seats of government,
 * domestic institutions, international organisations, armed groups, news
 * agencies, people with date-bounded roles, and agent (role) words.
 *
 * Input: the data files (formats in docs/DATA.md).  Output: phrase tables
 * that tag_actor.c matches against a sentence's tokens.  Part of the
 * dictionary object, loaded once and shared by threads.
 *
 *   countries.txt, domestic_idn.txt, orgs.txt:  CODE<TAB>KIND<TAB>SURFACE
 *   people.txt:  "@Name|Alias|..." then  CODE<TAB>FROM<TAB>TO<TAB>ROLE
 *   agents.txt:  ROLE<TAB>SURFACE  (matched case-blind)
 */
#include <string.h>
#include <strings.h>

#include "dict.h"
#include "util/alloc.h"

static const struct {
  const char *name;
  actor_kind kind;
} kinds[] = {{"name", AK_COUNTRY}, {"abbr", AK_COUNTRY},
             {"adj", AK_COUNTRY},  {"capital", AK_CAPITAL},
             {"seat", AK_SEAT},    {"org", AK_ORG},
             {"igo", AK_IGO},      {"group", AK_GROUP},
             {"media", AK_MEDIA},  {"territory", AK_CAPITAL},
             {"region", AK_ORG},   {"ngo", AK_IGO}};

/* Splits s[0..n) at tabs into at most max fields (trimmed); a trailing
 * "# comment" is dropped.  Returns the number of fields. */
static size_t split_tabs(const char *s, size_t n, kb_text *f, size_t max) {
  size_t k = 0, i = 0, start = 0;
  for (i = 0; i <= n && k < max; i++) {
    if (i == n || s[i] == '\t') {
      size_t a = start, b = i;
      while (a < b && s[a] == ' ')
        a++;
      while (b > a && s[b - 1] == ' ')
        b--;
      if (b > a && s[a] == '#')
        break; /* a comment column ends the line */
      f[k].ptr = s + a;
      f[k].len = b - a;
      k++;
      start = i + 1;
    }
  }
  return k;
}

/* Copies a phrase into the arena with white space runs folded to one
 * space, lower-cased when `lower`.  NULL when out of memory. */
static char *phrase_key(arena *a, const char *s, size_t n, int lower,
                        size_t *out_len, size_t *n_tokens) {
  char *p = arena_alloc(a, n + 1);
  size_t i, k = 0;
  int space = 0;
  if (p == NULL)
    return NULL;
  *n_tokens = 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t') {
      space = k > 0;
      continue;
    }
    if (space) {
      p[k++] = ' ';
      space = 0;
    }
    if (k == 0 || p[k - 1] == ' ')
      (*n_tokens)++;
    p[k++] = (lower && c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  p[k] = '\0';
  *out_len = k;
  return p;
}

static long new_actor(kb_dict *d, actor_kind kind, const char *code,
                      size_t code_len, const char *name, size_t name_len) {
  dict_actor *a;
  char *nm;
  if (arena_grow(&d->arena, (void **)&d->actors, &d->cap_actors,
                 d->n_actors + 1, sizeof *d->actors) != 0)
    return -1;
  nm = arena_strndup(&d->arena, name, name_len);
  if (nm == NULL)
    return -1;
  a = &d->actors[d->n_actors];
  memset(a, 0, sizeof *a);
  a->kind = kind;
  memcpy(a->code, code, code_len < 15 ? code_len : 15);
  a->name.ptr = nm;
  a->name.len = name_len;
  return (long)d->n_actors++;
}

/* Registers a surface form of actor `idx` in the exact-case or the agent
 * table, with every token prefix of it.  The first registration of a
 * phrase wins. */
static int add_phrase(kb_dict *d, const char *s, size_t n, size_t idx,
                      int agent) {
  strset *set = agent ? &d->agent_phrases : &d->actor_phrases;
  size_t len, n_tok, i;
  char *key = phrase_key(&d->arena, s, n, agent, &len, &n_tok);
  const strset_slot *sl;
  if (key == NULL)
    return -1;
  if (len == 0)
    return 0;
  for (i = 0; i < len; i++)
    if (key[i] == ' ' && strset_add(set, &d->arena, key, i, 0) != 0)
      return -1; /* a prefix: 0 unless it is a phrase of its own */
  {
    /* the lower-cased first token, for tag_actor.c's one-lookup filter */
    char low[64];
    const char *sp = memchr(key, ' ', len);
    size_t fl = sp ? (size_t)(sp - key) : len, k;
    const strset_slot *f;
    uint32_t bit = agent ? 1u : 2u;
    if (fl < sizeof low) {
      for (k = 0; k < fl; k++)
        low[k] = (key[k] >= 'A' && key[k] <= 'Z') ? (char)(key[k] + 32) : key[k];
      f = strset_find(&d->first_tokens, low, fl);
      if (strset_put(&d->first_tokens, &d->arena, low, fl,
                     (f ? f->value : 0) | bit) != 0)
        return -1;
    }
  }
  sl = strset_find(set, key, len);
  if (sl && sl->value != 0)
    return 0;
  return strset_put(set, &d->arena, key, len, (uint32_t)idx + 1);
}

static int valid_code(kb_text c) {
  size_t i;
  if (c.len < 3 || c.len > 15)
    return 0;
  for (i = 0; i < c.len; i++)
    if (!((c.ptr[i] >= 'A' && c.ptr[i] <= 'Z') ||
          (c.ptr[i] >= '0' && c.ptr[i] <= '9')))
      return 0;
  return 1;
}

/* CODE<TAB>KIND<TAB>SURFACE */
static int add_named(kb_dict *d, const char *s, size_t n, const char **why) {
  kb_text f[4];
  size_t k = split_tabs(s, n, f, 4), i;
  long idx;
  if (k < 3) {
    *why = "want CODE<TAB>KIND<TAB>SURFACE";
    return 1;
  }
  if (!valid_code(f[0])) {
    *why = "the code must be 3 to 15 capital letters or digits";
    return 1;
  }
  for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strlen(kinds[i].name) == f[1].len &&
        memcmp(kinds[i].name, f[1].ptr, f[1].len) == 0)
      break;
  if (i == sizeof kinds / sizeof kinds[0]) {
    *why = "unknown KIND (name abbr adj capital seat territory org region "
           "igo ngo group media)";
    return 1;
  }
  idx = new_actor(d, kinds[i].kind, f[0].ptr, f[0].len, f[2].ptr, f[2].len);
  if (idx < 0)
    return -1;
  if (kinds[i].kind == AK_COUNTRY && f[0].len == 3 &&
      strset_add(&d->country_names, &d->arena, f[0].ptr, 3, (uint32_t)idx))
    return -1;
  return add_phrase(d, f[2].ptr, f[2].len, (size_t)idx, 0);
}

/* ROLE<TAB>SURFACE */
/* Whether a title or role word names a regional or local office
 * ("Gubernur Jawa Timur", "wali kota", "pemerintah provinsi"): the heads
 * and governments of provinces, states, regencies and cities.  "Gubernur
 * jenderal" (a governor-general) and the governor of a central bank are
 * national offices. */
static int regional_title(const char *s, size_t n) {
  static const char *const heads[] = {
      "gubernur",          "wakil gubernur",       "wali kota",
      "walikota",          "wakil wali kota",      "wakil walikota",
      "bupati",            "wakil bupati",         "kepala daerah",
      "pemerintah daerah", "pemerintah provinsi",  "pemerintah kota",
      "pemerintah kabupaten", "pemda",             "pemprov",
      "pemkab",            "pemkot",               NULL};
  static const char *const national[] = {"gubernur jenderal", "gubernur bank",
                                         "gubernur bi", NULL};
  size_t i;
  for (i = 0; national[i]; i++) {
    size_t k = strlen(national[i]);
    if (n >= k && strncasecmp(s, national[i], k) == 0)
      return 0;
  }
  for (i = 0; heads[i]; i++) {
    size_t k = strlen(heads[i]);
    if (n >= k && strncasecmp(s, heads[i], k) == 0 && (n == k || s[k] == ' '))
      return 1;
  }
  return 0;
}

static int add_agent(kb_dict *d, const char *s, size_t n, const char **why) {
  kb_text f[3];
  size_t k = split_tabs(s, n, f, 3);
  long idx;
  if (k < 2 || f[0].len != 3 || !valid_code(f[0])) {
    *why = "want ROLE<TAB>SURFACE with a 3-letter role code";
    return 1;
  }
  idx = new_actor(d, AK_AGENT, f[0].ptr, f[0].len, f[1].ptr, f[1].len);
  if (idx < 0)
    return -1;
  d->actors[idx].regional = regional_title(f[1].ptr, f[1].len);
  return add_phrase(d, f[1].ptr, f[1].len, (size_t)idx, 1);
}

static long parse_date(kb_text t) {
  long v = 0;
  size_t i;
  if (t.len == 1 && t.ptr[0] == '-')
    return 0;
  if (t.len != 10 || t.ptr[4] != '-' || t.ptr[7] != '-')
    return -1;
  for (i = 0; i < 10; i++) {
    if (i == 4 || i == 7)
      continue;
    if (t.ptr[i] < '0' || t.ptr[i] > '9')
      return -1;
    v = v * 10 + (t.ptr[i] - '0');
  }
  return v;
}

/* "@Name|Alias|..." opens a person; CODE<TAB>FROM<TAB>TO<TAB>ROLE adds a
 * stint to the last one opened. */
static int add_person_line(kb_dict *d, const char *s, size_t n,
                           const char **why) {
  if (s[0] == '@') {
    size_t i = 1, start = 1;
    long idx = -1;
    for (i = 1; i <= n; i++) {
      if (i < n && s[i] != '|')
        continue;
      if (i > start) {
        if (idx < 0) {
          idx = new_actor(d, AK_PERSON, "", 0, s + start, i - start);
          if (idx < 0)
            return -1;
        }
        if (add_phrase(d, s + start, i - start, (size_t)idx, 0) != 0)
          return -1;
      }
      start = i + 1;
    }
    if (idx < 0) {
      *why = "a person line needs a name: @Name|Alias";
      return 1;
    }
    return 0;
  } else {
    kb_text f[5];
    size_t k = split_tabs(s, n, f, 5);
    dict_actor *a;
    dict_role *r;
    long from, to;
    if (d->n_actors == 0 || d->actors[d->n_actors - 1].kind != AK_PERSON) {
      *why = "a role line must follow an @Name line";
      return 1;
    }
    if (k < 3 || !valid_code(f[0])) {
      *why = "want CODE<TAB>FROM<TAB>TO<TAB>ROLE";
      return 1;
    }
    from = parse_date(f[1]);
    to = parse_date(f[2]);
    if (from <= 0 || to < 0 || (to && to < from)) {
      *why = "dates must be YYYY-MM-DD (TO may be -) with FROM <= TO";
      return 1;
    }
    a = &d->actors[d->n_actors - 1];
    if (arena_grow(&d->arena, (void **)&a->roles, &a->cap_roles,
                   a->n_roles + 1, sizeof *a->roles) != 0)
      return -1;
    r = &a->roles[a->n_roles++];
    memset(r, 0, sizeof *r);
    memcpy(r->code, f[0].ptr, f[0].len);
    r->from = from;
    r->to = to;
    r->regional = k >= 4 && regional_title(f[3].ptr, f[3].len);
    return 0;
  }
}

kb_status dict_load_actors(kb_dict *d, const char *data_dir, kb_error *err) {
  static const char *const named[] = {"actors/countries.txt",
                                      "actors/domestic_idn.txt",
                                      "actors/orgs.txt"};
  size_t i;
  kb_status st = KB_OK;
  strset_init(&d->actor_phrases);
  strset_init(&d->agent_phrases);
  strset_init(&d->first_tokens);
  strset_init(&d->country_names);
  for (i = 0; st == KB_OK && i < sizeof named / sizeof named[0]; i++)
    st = dict_load_file(d, data_dir, named[i], add_named, err);
  if (st == KB_OK)
    st = dict_load_file(d, data_dir, "actors/people.txt", add_person_line,
                        err);
  if (st == KB_OK)
    st = dict_load_file(d, data_dir, "actors/agents.txt", add_agent, err);
  return st;
}

void dict_free_actors(kb_dict *d) {
  strset_free(&d->actor_phrases);
  strset_free(&d->agent_phrases);
  strset_free(&d->first_tokens);
  strset_free(&d->country_names);
}

void dict_person_code(const dict_actor *a, long date, char out[16]) {
  size_t i, best = (size_t)-1;
  long best_dist = 0;
  memset(out, 0, 16);
  for (i = 0; i < a->n_roles; i++) {
    const dict_role *r = &a->roles[i];
    long dist;
    if (date >= r->from && (r->to == 0 || date <= r->to)) {
      memcpy(out, r->code, 16);
      return;
    }
    dist = date < r->from ? r->from - date : date - r->to;
    if (best == (size_t)-1 || dist < best_dist) {
      best = i;
      best_dist = dist;
    }
  }
  if (best != (size_t)-1)
    memcpy(out, a->roles[best].code, 3); /* out of office: the country */
}

int dict_person_regional(const dict_actor *a, long date) {
  size_t i;
  for (i = 0; i < a->n_roles; i++) {
    const dict_role *r = &a->roles[i];
    if (date >= r->from && (r->to == 0 || date <= r->to))
      return r->regional;
  }
  return 0;
}
