/*
 * place.h -- internal interface of the gazetteer (gazetteer.c: places by
 * name, loaded with the dictionaries) and of the place tagger
 * (tag_place.c: place mentions and event locations).
 */
#ifndef KB_PLACE_H
#define KB_PLACE_H

#include <pthread.h>

#include "kabar_int.h"

/* Candidate ranks: kabar's own names first (data/gazetteer/places_id.txt),
 * then country names (the actor dictionary), then cities and divisions. */
#define GAZ_RANK_OWN 3
#define GAZ_RANK_COUNTRY 2
#define GAZ_RANK_GEONAMES 1

/* One place. */
typedef struct gaz_place {
  kb_geo_type type;
  char country[3]; /* FIPS */
  char iso[3];
  char adm1[12];   /* FIPS country + division code */
  char feature_id[24];
  double lat, lon;
  unsigned long pop;
  kb_text name;    /* GDELT-style full name */
  int country_place; /* index of its country's place, -1 if none */
} gaz_place;

/* One reading of a surface: the place and how much to trust the name. */
typedef struct gaz_candidate {
  unsigned place;
  unsigned rank; /* GAZ_RANK_* */
  unsigned next; /* next candidate of the same surface, 0 = none */
} gaz_candidate;

typedef struct gazetteer {
  arena arena;          /* everything below */
  pthread_mutex_t lock; /* guards the first load */
  int is_loaded;
  kb_status status;     /* of the load */
  kb_error err;         /* its error (static strings) */
  char *data_dir;       /* --data DIR, or NULL for the embedded files */
  gaz_place *places;
  size_t n_places, cap_places;
  gaz_candidate *cands; /* cands[0] unused: 0 ends a chain */
  size_t n_cands, cap_cands;
  /* exact-case surfaces keyed by their words joined with single spaces
   * ("Laut China Selatan"), every word prefix a key too: the value is the
   * first candidate, 0 for a prefix only */
  strset surfaces;
  strset by_cameo; /* "RUS" -> 1 + country place */
  strset by_iso;   /* "RU" -> 1 + country place */
  strset by_key;   /* "ID.08", "K:hormuz" -> 1 + place */
  size_t first_city, n_cities; /* places[first_city..): cities.txt, by
                                  GeoNames id */
  strset stop;     /* GeoNames names that are Indonesian words first */
} gazetteer;

/* Prepares d->gaz for loading data/gazetteer/ (from data_dir, NULL for
 * the embedded files) on first use.  Reads nothing.  Returns KB_OK or
 * KB_ENOMEM. */
kb_status gazetteer_init(kb_dict *d, const char *data_dir);
void gazetteer_free(kb_dict *d);

/* The gazetteer, loaded on the first call (after the actors: country
 * names come from data/actors/countries.txt).  NULL with *status KB_ENOMEM,
 * KB_EIO or KB_EFORMAT and *err (may be NULL) naming the file and line;
 * after a file error every later call gives the same answer, after
 * KB_ENOMEM the next call tries again.  Thread-safe. */
const gazetteer *gazetteer_get(const kb_dict *d, kb_error *err,
                               kb_status *status);

/* The first candidate of surface s[0..n) (0: none); *is_prefix is set
 * when s is a surface or begins one, so that matching may go on.  h: hash_bytes of s, or a
 * hash_more chain over its words. */
unsigned gazetteer_find(const gazetteer *g, const char *s, size_t n,
                        uint32_t h, int *is_prefix);

/* The country place of a CAMEO code's first three letters, or -1. */
int gazetteer_country_of(const gazetteer *g, const char *code);

/* Sets the location, source_geo and target_geo of the doc's events
 * (tag_place.c).  Returns KB_OK, or the gazetteer's load error
 * (gazetteer_get).  Allocates nothing; thread-safe for different docs. */
kb_status tag_places(const kb_doc *doc, const kb_dict *dict,
                     kb_event *events, size_t n_events, kb_error *err);

#endif
