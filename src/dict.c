/*
 * dict.c -- loads kabar's dictionaries into an immutable kb_dict.
 *
 * Input: the data files (data/ in the source tree, compiled into the
 * library by tools/embed.c, or a folder given at run time) and Debian's
 * hunspell-id root list.  Output: hash sets the stages read.  Loaded once,
 * shared by every thread (docs/DESIGN.md, "Dictionaries").
 *
 * Formats (docs/DATA.md): UTF-8 text, one entry per line, '#' starts a
 * comment line, blank lines ignored.
 *   roots.txt   one lower-case root per line (words hunspell-id lacks)
 *   names.txt   one proper name per line, exact case ("Putin", "Kompas")
 * hunspell .dic: first line a count, then "word/FLAGS"; flags are ignored.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "dict.h"
#include "kabar_int.h"
#include "morph.h"
#include "place.h"
#include "util/alloc.h"
#include "util/buf.h"

#define DEFAULT_HUNSPELL "/usr/share/hunspell/id_ID.dic"


/* Lower-cases ASCII letters of s[0..n) into out (n bytes). */
static void ascii_lower(const char *s, size_t n, char *out) {
  size_t i;
  for (i = 0; i < n; i++) {
    char c = s[i];
    out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
}

/* Adds a root; `value` holds the affixes it takes (morph.h). */
static int add_root_value(kb_dict *d, const char *s, size_t n,
                          uint32_t value) {
  char tmp[128];
  if (n == 0 || n > sizeof tmp)
    return 0;
  ascii_lower(s, n, tmp);
  return strset_add(&d->roots, &d->arena, tmp, n, value);
}

static int add_root(kb_dict *d, const char *s, size_t n, const char **why) {
  (void)why;
  return add_root_value(d, s, n, MORPH_ANY_AFFIX);
}

static int add_hunspell(kb_dict *d, const char *s, size_t n,
                        const char **why) {
  const char *slash = memchr(s, '/', n);
  uint32_t affixes = 0;
  (void)why;
  if (slash) {
    affixes = morph_hunspell_affixes(slash + 1, n - (size_t)(slash - s) - 1);
    n = (size_t)(slash - s);
  }
  if (n && s[0] >= '0' && s[0] <= '9')
    return 0; /* the count line, or a number */
  return add_root_value(d, s, n, affixes);
}

static int add_name(kb_dict *d, const char *s, size_t n, const char **why) {
  (void)why;
  return strset_add(&d->names, &d->arena, s, n, 0);
}

/* Calls fn on each entry line of text[0..len).  Returns KB_OK, or
 * KB_ENOMEM / KB_EFORMAT with err naming the file and line. */
static kb_status each_line(kb_dict *d, const char *name, const char *text,
                           size_t len, dict_line_fn fn, kb_error *err) {
  size_t pos = 0, line = 0;
  while (pos < len) {
    const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - s) : len - pos;
    pos += n + (nl != NULL);
    line++;
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
      n--;
    while (n && (s[0] == ' ' || s[0] == '\t')) {
      s++;
      n--;
    }
    if (n == 0 || s[0] == '#')
      continue;
    {
      const char *why = "malformed line";
      int rc = fn(d, s, n, &why);
      if (rc < 0) {
        set_error(err, KB_ENOMEM, "out of memory", name, line);
        return KB_ENOMEM;
      }
      if (rc > 0) {
        set_error(err, KB_EFORMAT, why, name, line);
        return KB_EFORMAT;
      }
    }
  }
  return KB_OK;
}

/* Reads a whole file into b.  Returns 0, or an errno value. */
static int slurp(const char *path, buf *b) {
  FILE *f = fopen(path, "rb");
  char tmp[65536];
  size_t n;
  int e = 0;
  if (f == NULL)
    return errno ? errno : ENOENT;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    buf_append(b, tmp, n);
  if (ferror(f))
    e = EIO;
  fclose(f);
  if (buf_failed(b))
    e = ENOMEM;
  return e;
}

kb_status dict_load_file(kb_dict *d, const char *data_dir, const char *name,
                         dict_line_fn fn, kb_error *err) {
  size_t i;
  if (data_dir) {
    char path[4096];
    buf b = BUF_INIT;
    kb_status st;
    int e;
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    e = slurp(path, &b);
    if (e) {
      buf_free(&b);
      set_error(err, e == ENOMEM ? KB_ENOMEM : KB_EIO, strerror(e), name, 0);
      return e == ENOMEM ? KB_ENOMEM : KB_EIO;
    }
    st = each_line(d, name, b.ptr ? b.ptr : "", b.len, fn, err);
    buf_free(&b);
    return st;
  }
  for (i = 0; i < kb_n_embedded_files; i++)
    if (strcmp(kb_embedded_files[i].name, name) == 0)
      return each_line(d, name, (const char *)kb_embedded_files[i].data,
                       kb_embedded_files[i].len, fn, err);
  set_error(err, KB_EIO, "not compiled into the library", name, 0);
  return KB_EIO;
}

kb_status kb_dict_load(const char *data_dir, const char *hunspell_dic,
                       kb_dict **out, kb_error *err) {
  kb_dict *d;
  kb_status st = KB_OK;
  const char *dic = hunspell_dic ? hunspell_dic : DEFAULT_HUNSPELL;
  buf b = BUF_INIT;
  int e;
  *out = NULL;
  d = kb_alloc(sizeof *d);
  if (d == NULL)
    return KB_ENOMEM;
  memset(d, 0, sizeof *d);
  {
    static _Atomic uint64_t loaded;
    d->serial = atomic_fetch_add(&loaded, 1) + 1;
  }
  arena_init(&d->arena, 1 << 16);
  strset_init(&d->roots);
  strset_init(&d->names);

  e = slurp(dic, &b);
  if (e == 0) {
    st = each_line(d, dic, b.ptr ? b.ptr : "", b.len, add_hunspell, err);
  } else if (hunspell_dic || e == ENOMEM) {
    /* a dictionary asked for by name must be there */
    set_error(err, e == ENOMEM ? KB_ENOMEM : KB_EIO, strerror(e), dic, 0);
    st = e == ENOMEM ? KB_ENOMEM : KB_EIO;
  }
  buf_free(&b);
  if (st == KB_OK)
    st = dict_load_file(d, data_dir, "roots.txt", add_root, err);
  if (st == KB_OK)
    st = dict_load_file(d, data_dir, "names.txt", add_name, err);
  if (st == KB_OK) /* multi-word roots, and the memo (morph.c) */
    st = dict_load_file(d, data_dir, "morph_compounds.txt",
                        morph_add_compound, err);
  if (st == KB_OK)
    st = dict_load_file(d, data_dir, "morph_not_roots.txt",
                        morph_add_not_root, err);
  if (st == KB_OK)
    st = morph_dict_init(d);
  if (st == KB_OK)
    st = dict_load_actors(d, data_dir, err);
  if (st == KB_OK)
    st = dict_load_verbs(d, data_dir, err);
  if (st == KB_OK) /* loaded on first use (gazetteer.c) */
    st = gazetteer_init(d, data_dir);
  if (st != KB_OK) {
    kb_dict_free(d);
    return st;
  }
  *out = d;
  return KB_OK;
}

void kb_dict_free(kb_dict *d) {
  if (d == NULL)
    return;
  strset_free(&d->roots);
  strset_free(&d->names);
  morph_dict_free(d);
  dict_free_actors(d);
  dict_free_verbs(d);
  gazetteer_free(d);
  arena_free(&d->arena);
  kb_free(d);
}

int kb_dict_has_root(const kb_dict *d, const char *word, size_t len) {
  char tmp[128];
  if (d == NULL || len == 0 || len > sizeof tmp)
    return 0;
  ascii_lower(word, len, tmp);
  return strset_find(&d->roots, tmp, len) != NULL;
}

int kb_dict_has_name(const kb_dict *d, const char *word, size_t len) {
  return d && strset_find(&d->names, word, len) != NULL;
}
