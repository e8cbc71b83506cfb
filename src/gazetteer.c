/*
 * gazetteer.c -- the places kabar knows: countries, first-level divisions
 * and world cities with coordinates, each under the names Indonesian news
 * gives them.
 *
 * Input: data/gazetteer/ (countries.txt, adm1.txt, cities.txt generated
 * from GeoNames by tools/gazetteer/gen.sh; places_id.txt and
 * not_places.txt written for kabar) and the country names of
 * data/actors/countries.txt, already in the kb_dict.  Output: the
 * `gazetteer` of the dict (place.h), read by tag_place.c.  Loaded on the
 * first kb_doc_code, not with the rest of the dictionaries: it triples the
 * dictionaries' load time, which commands that code nothing (parse, stem,
 * the store's queries and its full-text tokenizer) need not pay; loaded
 * once, under a lock, then immutable.
 *
 * A surface may name several places ("Moscow": Russia's capital and a
 * town in Idaho; "Georgia": a country and a US state).  Every reading is
 * kept as a candidate with a rank: kabar's own names (places_id.txt:
 * "Moskow", "Jalur Gaza", "Selat Hormuz") first, then country names from
 * the actor dictionary ("Rusia", "Korut"), then GeoNames' cities and
 * divisions; tag_place.c chooses among them by the article's countries and
 * by population.
 *
 * References: GeoNames (https://www.geonames.org, CC-BY 4.0) through
 * Debian's libgeonames data; FIPS 10-4 and ISO 3166-1 country codes; GDELT
 * 2.0 Event Codebook (Geo_Type, Geo_FullName, Geo_ADM1Code).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "place.h"
#include "util/alloc.h"

#define MAX_FIELDS 8

/* Splits s[0..n) at tabs; a field starting with '#' ends the line.
 * Returns the number of fields. */
static size_t split_tabs(const char *s, size_t n, kb_text *f, size_t max) {
  size_t k = 0;
  const char *end = s + n;
  while (k < max) {
    const char *tab = memchr(s, '\t', (size_t)(end - s));
    const char *stop = tab ? tab : end;
    if (stop > s && s[0] == '#')
      break;
    f[k].ptr = s;
    f[k].len = (size_t)(stop - s);
    k++;
    if (tab == NULL)
      break;
    s = tab + 1;
  }
  return k;
}

/* Copies t into a fixed field; 0 when it does not fit. */
static int copy_field(char *out, size_t size, kb_text t) {
  if (t.len >= size)
    return 0;
  memcpy(out, t.ptr, t.len);
  out[t.len] = '\0';
  return 1;
}

/* A decimal number in t: "-6.2146", "8540121".  Hand-made because
 * strtod (locale, NUL needed) was a quarter of the gazetteer's load time;
 * the files hold plain decimals only.  0 when t is not one. */
static int parse_double(kb_text t, double *out) {
  double v = 0, scale = 1;
  size_t i = 0;
  int neg = 0, digits = 0, dot = 0;
  if (t.len && (t.ptr[0] == '-' || t.ptr[0] == '+'))
    neg = t.ptr[i++] == '-';
  for (; i < t.len; i++) {
    char c = t.ptr[i];
    if (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      if (dot)
        scale *= 10;
      digits++;
    } else if (c == '.' && !dot) {
      dot = 1;
    } else {
      return 0;
    }
  }
  if (digits == 0)
    return 0;
  *out = (neg ? -v : v) / scale;
  return 1;
}

static int add_place(kb_dict *d, const gaz_place *p, size_t *idx) {
  gazetteer *g = d->gaz;
  if (arena_grow(&d->gaz->arena, (void **)&g->places, &g->cap_places,
                 g->n_places + 1, sizeof *g->places) != 0)
    return -1;
  *idx = g->n_places;
  g->places[g->n_places++] = *p;
  return 0;
}

/* Joins up to three parts with ", " into the gazetteer's arena. */
static kb_text join_name(kb_dict *d, kb_text a, kb_text b, kb_text c) {
  kb_text parts[3], out = {NULL, 0};
  size_t k, len = 0;
  char *s;
  parts[0] = a;
  parts[1] = b;
  parts[2] = c;
  for (k = 0; k < 3; k++)
    len += parts[k].len + 2;
  s = arena_alloc(&d->gaz->arena, len + 1);
  if (s == NULL)
    return out;
  for (k = 0; k < 3; k++) {
    if (parts[k].len == 0)
      continue;
    if (out.len) {
      memcpy(s + out.len, ", ", 2);
      out.len += 2;
    }
    memcpy(s + out.len, parts[k].ptr, parts[k].len);
    out.len += parts[k].len;
  }
  s[out.len] = '\0';
  out.ptr = s;
  return out;
}

/* Adds surface s[0..n) (words separated by single spaces) as a reading of
 * place `idx`, and every word prefix of it as a prefix key.  Returns 0 or
 * -1 when out of memory. */
static int add_surface(kb_dict *d, const char *s, size_t n, size_t idx,
                       unsigned rank) {
  gazetteer *g = d->gaz;
  const strset_slot *sl;
  size_t i;
  unsigned c;
  if (n == 0)
    return 0;
  if (rank != GAZ_RANK_OWN && strset_find(&g->stop, s, n))
    return 0; /* an Indonesian word first: not_places.txt */
  for (i = 1; i < n; i++)
    if (s[i] == ' ' && strset_add(&g->surfaces, &d->gaz->arena, s, i, 0) != 0)
      return -1;
  sl = strset_find(&g->surfaces, s, n);
  for (c = sl ? sl->value : 0; c; c = g->cands[c].next)
    if (g->cands[c].place == idx)
      return 0; /* the same reading twice (a name and its folded form) */
  if (g->n_cands == 0)
    g->n_cands = 1; /* cands[0] ends chains */
  if (arena_grow(&d->gaz->arena, (void **)&g->cands, &g->cap_cands,
                 g->n_cands + 1, sizeof *g->cands) != 0)
    return -1;
  g->cands[g->n_cands].place = (unsigned)idx;
  g->cands[g->n_cands].rank = rank;
  g->cands[g->n_cands].next = sl ? sl->value : 0;
  if (strset_put(&g->surfaces, &d->gaz->arena, s, n, (uint32_t)g->n_cands) != 0)
    return -1;
  g->n_cands++;
  return 0;
}

/* Adds each '|'-separated name of t. */
static int add_names(kb_dict *d, kb_text t, size_t idx, unsigned rank) {
  size_t i, start = 0;
  for (i = 0; i <= t.len; i++)
    if (i == t.len || t.ptr[i] == '|') {
      if (add_surface(d, t.ptr + start, i - start, idx, rank) != 0)
        return -1;
      start = i + 1;
    }
  return 0;
}

static kb_text first_name(kb_text t) {
  const char *bar = memchr(t.ptr, '|', t.len);
  if (bar)
    t.len = (size_t)(bar - t.ptr);
  return t;
}

static int put_key(kb_dict *d, strset *set, const char *s, size_t n,
                   size_t idx) {
  return strset_put(set, &d->gaz->arena, s, n, (uint32_t)idx + 1);
}

/* countries.txt: CAMEO ISO2 ISO3 FIPS LAT LON CAPITAL_ID NAME */
static int add_country(kb_dict *d, const char *s, size_t n,
                       const char **why) {
  kb_text f[MAX_FIELDS], none = {NULL, 0};
  gaz_place p;
  size_t idx;
  memset(&p, 0, sizeof p);
  if (split_tabs(s, n, f, MAX_FIELDS) != 8 || f[0].len != 3 ||
      !copy_field(p.iso, sizeof p.iso, f[1]) ||
      !copy_field(p.country, sizeof p.country, f[3]) ||
      !parse_double(f[4], &p.lat) || !parse_double(f[5], &p.lon)) {
    *why = "expected CAMEO ISO2 ISO3 FIPS LAT LON CAPITAL_ID NAME";
    return 1;
  }
  p.type = KB_GEO_COUNTRY;
  memcpy(p.adm1, p.country, sizeof p.country);
  memcpy(p.feature_id, p.country, sizeof p.country);
  p.pop = (unsigned long)-1;
  p.country_place = (int)d->gaz->n_places;
  p.name = join_name(d, f[7], none, none);
  if (p.name.ptr == NULL || add_place(d, &p, &idx) != 0 ||
      put_key(d, &d->gaz->by_cameo, f[0].ptr, 3, idx) != 0 ||
      put_key(d, &d->gaz->by_iso, f[1].ptr, f[1].len, idx) != 0)
    return -1;
  return 0;
}

/* The country place of an ISO code, or -1. */
static int country_by_iso(const gazetteer *g, const char *s, size_t n) {
  const strset_slot *sl = strset_find(&g->by_iso, s, n);
  return sl ? (int)sl->value - 1 : -1;
}

/* Fills the country fields of p from ISO code t; 0 when unknown. */
static int set_country(const gazetteer *g, gaz_place *p, kb_text iso) {
  int c = country_by_iso(g, iso.ptr, iso.len);
  if (c < 0)
    return 0;
  p->country_place = c;
  memcpy(p->country, g->places[c].country, sizeof p->country);
  memcpy(p->iso, g->places[c].iso, sizeof p->iso);
  return 1;
}

/* The division key "ISO2.CODE" of two fields. */
static size_t adm1_key(kb_text iso, kb_text code, char *out, size_t size) {
  if (iso.len + code.len + 2 > size)
    return 0;
  memcpy(out, iso.ptr, iso.len);
  out[iso.len] = '.';
  memcpy(out + iso.len + 1, code.ptr, code.len);
  return iso.len + 1 + code.len;
}

/* adm1.txt: ISO2 ADM1 LAT LON NAMES */
static int add_adm1(kb_dict *d, const char *s, size_t n, const char **why) {
  gazetteer *g = d->gaz;
  kb_text f[MAX_FIELDS], none = {NULL, 0};
  gaz_place p;
  size_t idx, klen;
  char key[32];
  memset(&p, 0, sizeof p);
  if (split_tabs(s, n, f, MAX_FIELDS) != 5 || !parse_double(f[2], &p.lat) ||
      !parse_double(f[3], &p.lon) || f[1].len + 3 > sizeof p.adm1 ||
      (klen = adm1_key(f[0], f[1], key, sizeof key)) == 0) {
    *why = "expected ISO2 ADM1 LAT LON NAMES";
    return 1;
  }
  if (!set_country(g, &p, f[0]))
    return 0; /* a territory kabar has no country for */
  p.type = KB_GEO_ADM1;
  memcpy(p.adm1, p.country, 2);
  memcpy(p.adm1 + 2, f[1].ptr, f[1].len);
  memcpy(p.feature_id, p.adm1, sizeof p.adm1);
  p.name = join_name(d, first_name(f[4]), g->places[p.country_place].name,
                     none);
  if (p.name.ptr == NULL || add_place(d, &p, &idx) != 0 ||
      put_key(d, &g->by_key, key, klen, idx) != 0 ||
      add_names(d, f[4], idx, GAZ_RANK_GEONAMES) != 0)
    return -1;
  return 0;
}

/* The value of a GeoNames id ("524901"); 0 when not all digits. */
static unsigned long numeric_id(kb_text t) {
  unsigned long v = 0;
  size_t i;
  for (i = 0; i < t.len; i++) {
    if (t.ptr[i] < '0' || t.ptr[i] > '9')
      return 0;
    v = v * 10 + (unsigned long)(t.ptr[i] - '0');
  }
  return v;
}

static kb_text last_city_id(const gazetteer *g) {
  const gaz_place *p = &g->places[g->first_city + g->n_cities - 1];
  kb_text t = {p->feature_id, strlen(p->feature_id)};
  return t;
}

/* cities.txt: GEONAMEID ISO2 ADM1 LAT LON POPULATION NAMES */
static int add_city(kb_dict *d, const char *s, size_t n, const char **why) {
  gazetteer *g = d->gaz;
  kb_text f[MAX_FIELDS], div = {NULL, 0};
  gaz_place p;
  size_t idx, klen;
  double pop;
  char key[32];
  const strset_slot *sl;
  memset(&p, 0, sizeof p);
  if (split_tabs(s, n, f, MAX_FIELDS) != 7 ||
      !copy_field(p.feature_id, sizeof p.feature_id, f[0]) ||
      !parse_double(f[3], &p.lat) || !parse_double(f[4], &p.lon) ||
      !parse_double(f[5], &pop) || f[2].len + 3 > sizeof p.adm1) {
    *why = "expected GEONAMEID ISO2 ADM1 LAT LON POPULATION NAMES";
    return 1;
  }
  if (!set_country(g, &p, f[1]))
    return 0;
  p.type = KB_GEO_CITY;
  p.pop = (unsigned long)pop;
  memcpy(p.adm1, p.country, 2);
  klen = adm1_key(f[1], f[2], key, sizeof key);
  sl = klen ? strset_find(&g->by_key, key, klen) : NULL;
  if (sl) { /* "Surabaya, East Java, Indonesia" */
    const gaz_place *a = &g->places[sl->value - 1];
    memcpy(p.adm1, a->adm1, sizeof p.adm1);
    div = first_name((kb_text){a->name.ptr, a->name.len});
    div.len = strcspn(div.ptr, ","); /* the division's own name */
  }
  p.name = join_name(d, first_name(f[6]), div,
                     g->places[p.country_place].name);
  if (g->n_cities == 0)
    g->first_city = g->n_places;
  else if (numeric_id(f[0]) <= numeric_id(last_city_id(g))) {
    *why = "cities must be sorted by GeoNames id";
    return 1;
  }
  if (p.name.ptr == NULL || add_place(d, &p, &idx) != 0 ||
      add_names(d, f[6], idx, GAZ_RANK_GEONAMES) != 0)
    return -1;
  g->n_cities++;
  return 0;
}

/* A city by its GeoNames id: a binary search (cities.txt is sorted by id;
 * keying 24,000 ids in a hash set cost a sixth of the load time). */
static const strset_slot *find_city(const gazetteer *g, kb_text id,
                                    strset_slot *out) {
  size_t lo = g->first_city, hi = g->first_city + g->n_cities;
  unsigned long want = numeric_id(id);
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    kb_text t = {g->places[mid].feature_id, strlen(g->places[mid].feature_id)};
    unsigned long got = numeric_id(t);
    if (got == want) {
      out->value = (uint32_t)mid + 1;
      return out;
    }
    if (got < want)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* not_places.txt: one surface a line. */
static int add_stop(kb_dict *d, const char *s, size_t n, const char **why) {
  (void)why;
  return strset_add(&d->gaz->stop, &d->gaz->arena, s, n, 0);
}

/* places_id.txt: "+ID TYPE ISO2 ADM1 LAT LON NAME" defines a place;
 * "REF SURFACE" names one ("524901", "ID.08", "C:RUS", "K:hormuz"). */
static int add_own(kb_dict *d, const char *s, size_t n, const char **why) {
  gazetteer *g = d->gaz;
  kb_text f[MAX_FIELDS], none = {NULL, 0};
  size_t k = split_tabs(s, n, f, MAX_FIELDS), idx;
  const strset_slot *sl;
  strset_slot city;
  if (s[0] == '+') {
    gaz_place p;
    char key[24];
    double type;
    memset(&p, 0, sizeof p);
    if (k != 7 || f[0].len + 2 > sizeof key ||
        f[0].len + 1 >= sizeof p.feature_id ||
        !parse_double(f[1], &type) || !parse_double(f[4], &p.lat) ||
        !parse_double(f[5], &p.lon) || f[3].len + 3 > sizeof p.adm1 ||
        (type != 1 && type != 4 && type != 5)) {
      *why = "expected +ID TYPE ISO2 ADM1 LAT LON NAME";
      return 1;
    }
    p.country_place = -1;
    if (f[2].len && !set_country(g, &p, f[2])) {
      *why = "unknown ISO2 country code";
      return 1;
    }
    p.type = (kb_geo_type)type;
    memcpy(p.adm1, p.country, 2);
    memcpy(p.adm1 + (f[2].len ? 2 : 0), f[3].ptr, f[3].len);
    memcpy(key, "K:", 2);
    memcpy(key + 2, f[0].ptr + 1, f[0].len - 1);
    memcpy(p.feature_id, key, f[0].len + 1);
    p.name = join_name(d, f[6],
                       p.country_place >= 0 ? g->places[p.country_place].name
                                            : none,
                       none);
    if (p.name.ptr == NULL || add_place(d, &p, &idx) != 0 ||
        put_key(d, &g->by_key, key, f[0].len + 1, idx) != 0)
      return -1;
    return 0;
  }
  if (k != 2) {
    *why = "expected REF<TAB>SURFACE";
    return 1;
  }
  if (f[0].len == 5 && memcmp(f[0].ptr, "C:", 2) == 0)
    sl = strset_find(&g->by_cameo, f[0].ptr + 2, 3);
  else if (numeric_id(f[0]))
    sl = find_city(g, f[0], &city);
  else
    sl = strset_find(&g->by_key, f[0].ptr, f[0].len);
  if (sl == NULL) {
    *why = "REF names no place (a GeoNames id, ISO2.ADM1, C:CAMEO or K:id "
           "defined above)";
    return 1;
  }
  return add_surface(d, f[1].ptr, f[1].len, sl->value - 1, GAZ_RANK_OWN);
}

/* The actor dictionary's country names ("Rusia", "Korea Utara", "AS"),
 * abbreviations and adjectives: a country wherever they follow a place
 * preposition ("ke Rusia").  Capitals and territories are left to the
 * gazetteer's own names. */
static int add_actor_countries(kb_dict *d) {
  gazetteer *g = d->gaz;
  size_t i;
  for (i = 0; i < d->actor_phrases.cap; i++) {
    const strset_slot *sl = &d->actor_phrases.slots[i];
    const dict_actor *a;
    const strset_slot *c;
    if (sl->str == NULL || sl->value == 0)
      continue;
    a = &d->actors[sl->value - 1];
    if (a->kind != AK_COUNTRY || strlen(a->code) != 3)
      continue;
    c = strset_find(&g->by_cameo, a->code, 3);
    if (c && add_surface(d, sl->str, sl->len, c->value - 1,
                         GAZ_RANK_COUNTRY) != 0)
      return -1;
  }
  return 0;
}

/* Empties the tables (a fresh gazetteer, or one whose load ran out of
 * memory and will be tried again). */
static void reset(gazetteer *g) {
  strset_free(&g->surfaces);
  strset_free(&g->by_cameo);
  strset_free(&g->by_iso);
  strset_free(&g->by_key);
  strset_free(&g->stop);
  arena_free(&g->arena);
  arena_init(&g->arena, 1 << 16);
  strset_init(&g->surfaces);
  strset_init(&g->by_cameo);
  strset_init(&g->by_iso);
  strset_init(&g->by_key);
  strset_init(&g->stop);
  g->places = NULL;
  g->n_places = g->cap_places = 0;
  g->cands = NULL;
  g->n_cands = g->cap_cands = 0;
  g->first_city = g->n_cities = 0;
}

kb_status gazetteer_init(kb_dict *d, const char *data_dir) {
  gazetteer *g = kb_alloc(sizeof *g);
  if (g == NULL)
    return KB_ENOMEM;
  memset(g, 0, sizeof *g);
  if (data_dir) {
    size_t n = strlen(data_dir);
    g->data_dir = kb_alloc(n + 1);
    if (g->data_dir == NULL) {
      kb_free(g);
      return KB_ENOMEM;
    }
    memcpy(g->data_dir, data_dir, n + 1);
  }
  arena_init(&g->arena, 1 << 16);
  reset(g);
  pthread_mutex_init(&g->lock, NULL);
  d->gaz = g;
  return KB_OK;
}

/* Reads the files; called once, under the lock. */
static kb_status load(kb_dict *d, kb_error *err) {
  static const struct {
    const char *file;
    dict_line_fn fn;
  } files[] = {{"gazetteer/not_places.txt", add_stop},
               {"gazetteer/countries.txt", add_country},
               {"gazetteer/adm1.txt", add_adm1},
               {"gazetteer/cities.txt", add_city},
               {"gazetteer/places_id.txt", add_own}};
  kb_status st = KB_OK;
  size_t i;
  for (i = 0; i < sizeof files / sizeof files[0] && st == KB_OK; i++)
    st = dict_load_file(d, d->gaz->data_dir, files[i].file, files[i].fn,
                        err);
  if (st == KB_OK && add_actor_countries(d) != 0)
    st = KB_ENOMEM;
  return st;
}

const gazetteer *gazetteer_get(const kb_dict *dict, kb_error *err,
                               kb_status *status) {
  /* the dict is immutable to its users; the gazetteer, loaded on first
   * use, lives in its own arena under its own lock */
  kb_dict *d = (kb_dict *)dict;
  gazetteer *g = d->gaz;
  kb_status st;
  pthread_mutex_lock(&g->lock);
  if (!g->is_loaded) {
    memset(&g->err, 0, sizeof g->err);
    g->status = load(d, &g->err);
    if (g->status == KB_ENOMEM)
      reset(g); /* memory may come back: try again next time */
    else
      g->is_loaded = 1; /* a file error stays: the files do not change */
  }
  st = g->status;
  pthread_mutex_unlock(&g->lock);
  *status = st;
  if (st != KB_OK) {
    if (err)
      *err = g->err;
    return NULL;
  }
  return g;
}

void gazetteer_free(kb_dict *d) {
  if (d->gaz == NULL)
    return;
  reset(d->gaz);
  arena_free(&d->gaz->arena);
  pthread_mutex_destroy(&d->gaz->lock);
  kb_free(d->gaz->data_dir);
  kb_free(d->gaz);
  d->gaz = NULL;
}

unsigned gazetteer_find(const gazetteer *g, const char *s, size_t n,
                        uint32_t h, int *is_prefix) {
  const strset_slot *sl = strset_find_hashed(&g->surfaces, s, n, h);
  *is_prefix = sl != NULL;
  return sl ? sl->value : 0;
}

int gazetteer_country_of(const gazetteer *g, const char *code) {
  const strset_slot *sl;
  if (g == NULL || strlen(code) < 3)
    return -1;
  sl = strset_find(&g->by_cameo, code, 3);
  return sl ? (int)sl->value - 1 : -1;
}
