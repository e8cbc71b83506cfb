/*
 * dict_verbs.c -- loads the verb patterns (data/verbs.txt) and the CAMEO
 * code table (data/cameo_events.txt) into the kb_dict.
 *
 * Input: the data files (docs/DATA.md).  Output: patterns indexed by verb
 * root, which code.c matches against the morph stage's roots, and the
 * Goldstein value of every code.
 *
 *   verbs.txt:  CODE<TAB>[VOICES:]ROOT[|ROOT...]<TAB>OBJECTS<TAB>FLAGS
 *     VOICES  comma list of meN di ber ter bare noun (default meN,di,ber,ter)
 *     OBJECTS "-" or roots, "|"-separated, one of which must follow the
 *             verb in its clause: "ucap|salam|selamat"
 *     FLAGS   "-" or comma list of sym speech intent with patient future
 *             through place far
 *   cameo_events.txt:  CODE<TAB>GOLDSTEIN<TAB>LABEL
 */
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "util/alloc.h"

/* Splits at `sep` into at most max trimmed parts; returns the count. */
static size_t split(const char *s, size_t n, char sep, kb_text *f,
                    size_t max) {
  size_t k = 0, i, start = 0;
  for (i = 0; i <= n && k < max; i++) {
    if (i == n || s[i] == sep) {
      size_t a = start, b = i;
      while (a < b && s[a] == ' ')
        a++;
      while (b > a && s[b - 1] == ' ')
        b--;
      f[k].ptr = s + a;
      f[k].len = b - a;
      k++;
      start = i + 1;
    }
  }
  return k;
}

static int text_is(kb_text t, const char *s) {
  return t.len == strlen(s) && memcmp(t.ptr, s, t.len) == 0;
}

static int valid_cameo(const kb_dict *d, kb_text code) {
  return code.len >= 2 && code.len <= 4 &&
         strset_find(&d->cameo, code.ptr, code.len) != NULL;
}

/* A lower-cased copy in the dict's arena. */
static kb_text lower_copy(kb_dict *d, kb_text t) {
  kb_text out = {NULL, 0};
  char *p = arena_strndup(&d->arena, t.ptr, t.len);
  size_t i;
  if (p == NULL)
    return out;
  for (i = 0; i < t.len; i++)
    if (p[i] >= 'A' && p[i] <= 'Z')
      p[i] = (char)(p[i] + 32);
  out.ptr = p;
  out.len = t.len;
  return out;
}

static int add_verb(kb_dict *d, const char *s, size_t n, const char **why) {
  kb_text f[5], roots[16], objs[32], v[8];
  size_t k = split(s, n, '\t', f, 5), n_roots, n_objs = 0, i, j;
  unsigned voices = VOICE_VERBAL, flags = 0;
  kb_text verb;
  const char *colon;
  kb_text *objects = NULL;
  uint32_t *obj_ids = NULL;
  if (k >= 4 && f[3].len && f[3].ptr[0] == '#')
    k = 3;
  if (k < 3) {
    *why = "want CODE<TAB>ROOT<TAB>OBJECTS[<TAB>FLAGS]";
    return 1;
  }
  if (!valid_cameo(d, f[0])) {
    *why = "not a CAMEO code of data/cameo_events.txt";
    return 1;
  }
  verb = f[1];
  colon = memchr(verb.ptr, ':', verb.len);
  if (colon) {
    size_t nv = split(verb.ptr, (size_t)(colon - verb.ptr), ',', v, 8);
    voices = 0;
    for (i = 0; i < nv; i++) {
      if (text_is(v[i], "meN"))
        voices |= VOICE_ACTIVE;
      else if (text_is(v[i], "di"))
        voices |= VOICE_PASSIVE;
      else if (text_is(v[i], "ber"))
        voices |= VOICE_BER;
      else if (text_is(v[i], "ter"))
        voices |= VOICE_TER;
      else if (text_is(v[i], "bare"))
        voices |= VOICE_BARE;
      else if (text_is(v[i], "noun"))
        voices |= VOICE_NOUN;
      else {
        *why = "unknown voice (meN di ber ter bare noun)";
        return 1;
      }
    }
    verb.len -= (size_t)(colon + 1 - verb.ptr);
    verb.ptr = colon + 1;
  }
  n_roots = split(verb.ptr, verb.len, '|', roots, 16);
  if (!(f[2].len == 1 && f[2].ptr[0] == '-')) {
    n_objs = split(f[2].ptr, f[2].len, '|', objs, 32);
    objects = arena_calloc(&d->arena, n_objs, sizeof *objects);
    obj_ids = arena_calloc(&d->arena, n_objs, sizeof *obj_ids);
    if (objects == NULL || obj_ids == NULL)
      return -1;
    for (i = 0; i < n_objs; i++) {
      const strset_slot *id;
      objects[i] = lower_copy(d, objs[i]);
      if (objects[i].ptr == NULL)
        return -1;
      if (objects[i].len == 0) {
        *why = "an empty object root";
        return 1;
      }
      /* every distinct object gets an id, so that the coder compares a
       * word's id with the pattern's, not strings */
      id = strset_find(&d->verb_objects, objects[i].ptr, objects[i].len);
      if (id == NULL) {
        if (strset_add(&d->verb_objects, &d->arena, objects[i].ptr,
                       objects[i].len, d->n_verb_objects + 1) != 0)
          return -1;
        obj_ids[i] = ++d->n_verb_objects;
      } else {
        obj_ids[i] = id->value;
      }
    }
  }
  if (k >= 4 && !(f[3].len == 1 && f[3].ptr[0] == '-')) {
    size_t nf = split(f[3].ptr, f[3].len, ',', v, 8);
    for (i = 0; i < nf; i++) {
      if (text_is(v[i], "sym"))
        flags |= VF_SYM;
      else if (text_is(v[i], "speech"))
        flags |= VF_SPEECH;
      else if (text_is(v[i], "intent"))
        flags |= VF_INTENT;
      else if (text_is(v[i], "with"))
        flags |= VF_WITH;
      else if (text_is(v[i], "patient"))
        flags |= VF_PATIENT;
      else if (text_is(v[i], "future"))
        flags |= VF_FUTURE;
      else if (text_is(v[i], "through"))
        flags |= VF_THROUGH;
      else if (text_is(v[i], "place"))
        flags |= VF_PLACE;
      else if (text_is(v[i], "far"))
        flags |= VF_FAR;
      else if (text_is(v[i], "self"))
        flags |= VF_SELF;
      else if (text_is(v[i], "per"))
        flags |= VF_PER;
      else if (v[i].len && v[i].ptr[0] == '#')
        break;
      else {
        *why = "unknown flag (sym speech intent with patient future through "
               "place far self per)";
        return 1;
      }
    }
  }
  for (j = 0; j < n_roots; j++) {
    dict_verb *p;
    const strset_slot *prev;
    if (roots[j].len == 0) {
      *why = "an empty verb root";
      return 1;
    }
    if (arena_grow(&d->arena, (void **)&d->verbs, &d->cap_verbs,
                   d->n_verbs + 1, sizeof *d->verbs) != 0)
      return -1;
    p = &d->verbs[d->n_verbs];
    memset(p, 0, sizeof *p);
    memcpy(p->code, f[0].ptr, f[0].len);
    p->root = lower_copy(d, roots[j]);
    if (p->root.ptr == NULL)
      return -1;
    p->objects = objects;
    p->obj_ids = obj_ids;
    p->n_objects = n_objs;
    for (i = 0; i < n_objs; i++)
      p->obj_lens |= DICT_LEN_BIT(objects[i].len);
    p->voices = voices;
    p->flags = flags;
    if (f[0].ptr[0] == '1' && f[0].ptr[1] == '4')
      p->flags |= VF_THROUGH; /* "berdemo menentang X": X is the target */
    if (f[0].ptr[0] == '0' && (f[0].ptr[1] == '3' || f[0].ptr[1] == '4'))
      p->flags |= VF_BETWEEN; /* "menengahi konflik antara A dan B" */
    if ((f[0].ptr[0] == '1' && f[0].ptr[1] == '8') ||
        (f[0].ptr[0] == '1' && f[0].ptr[1] == '9') ||
        (f[0].ptr[0] == '2' && f[0].ptr[1] == '0'))
      p->flags |= VF_PLACE; /* "menyerang 12 lokasi di Iran" */
    p->next = (size_t)-1;
    /* chain: the table points at the newest pattern of a root */
    prev = strset_find(&d->verb_roots, p->root.ptr, p->root.len);
    if (prev) {
      p->next = prev->value;
      ((strset_slot *)prev)->value = (uint32_t)d->n_verbs;
    } else if (strset_add(&d->verb_roots, &d->arena, p->root.ptr, p->root.len,
                          (uint32_t)d->n_verbs) != 0) {
      return -1;
    }
    d->n_verbs++;
  }
  return 0;
}

static int add_cameo(kb_dict *d, const char *s, size_t n, const char **why) {
  kb_text f[3];
  size_t k = split(s, n, '\t', f, 3);
  char num[32];
  char *end;
  double g;
  if (k < 2 || f[0].len < 2 || f[0].len > 4 || f[1].len >= sizeof num) {
    *why = "want CODE<TAB>GOLDSTEIN<TAB>LABEL";
    return 1;
  }
  memcpy(num, f[1].ptr, f[1].len);
  num[f[1].len] = '\0';
  g = strtod(num, &end);
  if (*end != '\0' || g < -10 || g > 10) {
    *why = "the Goldstein value must be a number from -10 to 10";
    return 1;
  }
  if (arena_grow(&d->arena, (void **)&d->cameo_goldstein, &d->cap_cameo,
                 d->n_cameo + 1, sizeof *d->cameo_goldstein) != 0)
    return -1;
  d->cameo_goldstein[d->n_cameo] = g;
  if (strset_add(&d->cameo, &d->arena, f[0].ptr, f[0].len,
                 (uint32_t)d->n_cameo) != 0)
    return -1;
  d->n_cameo++;
  return 0;
}

kb_status dict_load_verbs(kb_dict *d, const char *data_dir, kb_error *err) {
  kb_status st;
  strset_init(&d->cameo);
  strset_init(&d->verb_roots);
  strset_init(&d->verb_objects);
  d->n_verb_objects = 0;
  st = dict_load_file(d, data_dir, "cameo_events.txt", add_cameo, err);
  if (st == KB_OK)
    st = dict_load_file(d, data_dir, "verbs.txt", add_verb, err);
  if (st == KB_OK) {
    size_t i, k;
    d->verb_objects_plain = d->n_verb_objects <= 0x7fff;
    for (i = 0; i < d->n_verbs; i++)
      for (k = 0; k < d->verbs[i].n_objects; k++)
        if (!(d->verbs[i].objects[k].ptr[0] >= 'a' &&
              d->verbs[i].objects[k].ptr[0] <= 'z'))
          d->verb_objects_plain = 0;
  }
  return st;
}

void dict_free_verbs(kb_dict *d) {
  strset_free(&d->cameo);
  strset_free(&d->verb_roots);
  strset_free(&d->verb_objects);
}

double dict_goldstein(const kb_dict *d, const char *code, int *found) {
  const strset_slot *sl = strset_find(&d->cameo, code, strlen(code));
  *found = sl != NULL;
  return sl ? d->cameo_goldstein[sl->value] : 0.0;
}
