/*
 * store_fts.c -- the store's full-text tokenizer, "kabar_id": Indonesian
 * words reduced to their roots by kabar's own morph stage (src/morph.c,
 * checked against hunspell-id), so that a search for "serangan" (an
 * attack) finds "menyerang" (attacks) and "diserang" (is attacked): all
 * three have the root "serang"; "kecaman" (condemnation) finds "mengecam"
 * (condemns).
 *
 * Input: UTF-8 text from SQLite FTS5 (documents and queries alike).
 * Output: tokens with their byte offsets, which FTS5's highlight() and
 * snippet() use to mark the original words.  Part of the store stage.
 *
 * A word is a run of ASCII letters and digits and of non-ASCII characters
 * other than the punctuation that Indonesian news uses (curly quotes,
 * dashes, the ellipsis, no-break space, U+FFFD); hyphens split
 * ("negara-negara" gives "negara" twice).  Words of ASCII letters are
 * replaced by their root, lower case (a multi-word root such as "tanda
 * tangan" is one token); other words are lower-cased only.  In a prefix
 * query ("serang*") the prefix is matched as written.
 *
 * The lexicon is the dictionary of the handle's first kb_store_ingest_doc
 * (sharing its memo with the coder: the words are already analysed), else
 * the built-in one plus Debian's hunspell-id, loaded once per handle.
 * Index and queries stem alike unless an ingest used other dictionaries
 * (--data) whose roots differ.  Snowball's Indonesian stemmer (Debian's
 * libstemmer) was tried first and dropped: it leaves the first consonant
 * of a meN- verb off ("mengirim" -> "irim", but "kiriman" -> "kirim";
 * "mengecam" -> "ecam"), which breaks exactly the matches that matter.
 *
 * References: SQLite "The FTS5 Extension", section "Custom Tokenizers";
 * docs/MORPH.md for the analyser.
 */
#include <pthread.h>
#include <string.h>

#include "store.h"
#include "util/alloc.h"

#define FTS_MAX_WORD 64

/* A small direct-mapped cache of word -> root in front of the morph memo.
 * The memo answers in tens of nanoseconds when it is in the CPU cache, but
 * between SQLite's page writes it is not, and every word costs a cache
 * miss or two.  On the news corpus 4,096 slots (240 KB) missed 22% of the
 * words, 65,536 (3.9 MB, one per tokenizer) miss 4.5%. */
#define FTS_CACHE_SLOTS 65536
#define FTS_CACHE_WORD 27
typedef struct fts_slot {
  uint32_t hash;
  uint8_t len, root_len;
  char word[FTS_CACHE_WORD];
  char root[FTS_CACHE_WORD];
} fts_slot;

typedef struct fts_tok {
  const kb_dict *dict;
  kb_store *st; /* its fts_pending: tokens made beforehand */
  fts_slot cache[FTS_CACHE_SLOTS];
} fts_tok;

/* The cache of store_fts_tokens (kb_store_prepare, on the threads that
 * code): one per thread, made at its first use and freed when the thread
 * ends, for one dictionary at a time (`serial`, kb_dict's).  Without it
 * every word went to the morph memo (its lock, its hash, a copy of the
 * analysis): a fifth of preparing an article.  16,384 slots (1 MB). */
#define FTS_PREP_SLOTS 16384
typedef struct fts_prep_cache {
  uint64_t serial;
  fts_slot slot[FTS_PREP_SLOTS];
} fts_prep_cache;

static pthread_key_t prep_key;
static pthread_once_t prep_once = PTHREAD_ONCE_INIT;
static int prep_key_ok;

static void prep_key_make(void) {
  prep_key_ok = pthread_key_create(&prep_key, kb_free) == 0;
}

/* This thread's cache, emptied when dict is not the one it holds; NULL
 * when none can be had (then no cache). */
static fts_prep_cache *prep_cache(const kb_dict *dict) {
  fts_prep_cache *c;
  if (pthread_once(&prep_once, prep_key_make) != 0 || !prep_key_ok)
    return NULL;
  c = pthread_getspecific(prep_key);
  if (c == NULL) {
    if ((c = kb_alloc(sizeof *c)) == NULL)
      return NULL;
    if (pthread_setspecific(prep_key, c) != 0) {
      kb_free(c);
      return NULL;
    }
    c->serial = 0;
  }
  if (c->serial != dict->serial) {
    memset(c->slot, 0, sizeof c->slot);
    c->serial = dict->serial;
  }
  return c;
}

/* How the tokens are handed on: FTS5's xToken, or store_fts_tokens's
 * encoder. */
typedef int (*emit_fn)(void *, int, const char *, int, int, int);

/* The cache's hash of a word: FNV-1a, which scan computes as it reads
 * the word. */
#define FNV_INIT 2166136261u
#define FNV_PRIME 16777619u

/* The root of the lower-case word w[0..n), whose FNV-1a hash is h, into
 * out (FTS_MAX_WORD bytes); returns its length, or 0 when the word is to
 * be indexed as written.  cache (mask + 1 slots) may be NULL (no cache). */
static size_t root_of(const kb_dict *dict, fts_slot *cache, uint32_t mask,
                      uint32_t h, const char *w, size_t n, char *out) {
  fts_slot *slot = cache ? &cache[h & mask] : NULL;
  kb_morph m;
  size_t k;
  if (slot && n <= FTS_CACHE_WORD && slot->hash == h && slot->len == n &&
      memcmp(slot->word, w, n) == 0) {
    memcpy(out, slot->root, slot->root_len);
    return slot->root_len;
  }
  if (kb_morph_word(dict, w, n, &m) != KB_OK || m.root.len == 0 ||
      m.root.len >= FTS_MAX_WORD)
    return 0;
  for (k = 0; k < m.root.len; k++) {
    char ch = m.root.ptr[k];
    out[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
  }
  if (slot && n <= FTS_CACHE_WORD && m.root.len <= FTS_CACHE_WORD) {
    slot->hash = h;
    slot->len = (uint8_t)n;
    slot->root_len = (uint8_t)m.root.len;
    memcpy(slot->word, w, n);
    memcpy(slot->root, out, m.root.len);
  }
  return m.root.len;
}

/* The context is the kb_store.  The lexicon is chosen at the first text
 * tokenized, not here: FTS5 makes its tokenizer when the table is created
 * or first opened, which for a new database is before the first ingest
 * has given its dictionary. */
static int tok_create(void *ctx, const char **args, int n_args,
                      Fts5Tokenizer **out) {
  fts_tok *t;
  (void)args;
  (void)n_args;
  t = kb_alloc(sizeof *t);
  if (t == NULL)
    return SQLITE_NOMEM;
  memset(t, 0, sizeof *t);
  t->st = ctx;
  *out = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

/* The tokenizer's lexicon, fixed at its first use: the dictionary of the
 * handle's first ingest, else the built-in one (loaded then).  NULL when
 * out of memory. */
static const kb_dict *lexicon(fts_tok *t) {
  kb_store *st = t->st;
  if (t->dict != NULL)
    return t->dict;
  if (st->fts_lexicon == NULL && st->fts_dict == NULL &&
      kb_dict_load(NULL, NULL, &st->fts_dict, NULL) != KB_OK)
    return NULL;
  t->dict = st->fts_lexicon ? st->fts_lexicon : st->fts_dict;
  return t->dict;
}

static void tok_delete(Fts5Tokenizer *p) { kb_free(p); }

/* Length of the separator at s[0..n) that is not ASCII (curly quotes,
 * dashes, ...), or 0 when the character there belongs to a word. */
static size_t nonascii_separator(const unsigned char *s, size_t n) {
  if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xAB || s[1] == 0xBB))
    return 2; /* no-break space, guillemets */
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0xBF)
    return 3; /* dashes, quotes, bullet, ellipsis, spaces U+2010..U+203F */
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xBD)
    return 3; /* U+FFFD */
  return 0;
}

/* Length of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const unsigned char *s, size_t n) {
  size_t k = s[0] < 0xC0 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
  return k <= n ? k : n;
}

/* Each byte as the tokenizer reads it: an ASCII letter or digit as its
 * lower case, 0 for the other ASCII bytes (separators), 0xff for the bytes
 * of the other characters (looked at by nonascii_separator). */
static const unsigned char fold[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/* Splits text[0..n_text) into tokens, each handed to emit(ctx, ...):
 * the tokenizer itself, with the lexicon dict and an optional cache. */
static int scan(const kb_dict *dict, fts_slot *cache, uint32_t mask,
                void *ctx, int flags, const char *text, int n_text,
                emit_fn emit) {
  const unsigned char *s = (const unsigned char *)text;
  size_t n = n_text > 0 ? (size_t)n_text : 0, i = 0;
  char word[FTS_MAX_WORD], root[FTS_MAX_WORD];
  while (i < n) {
    size_t start, len = 0;
    int letters_only = 1, rc;
    uint32_t h = FNV_INIT; /* word_hash of word[0..len), kept as it grows */
    /* skip separators */
    while (i < n) {
      size_t sep;
      unsigned char f = fold[s[i]];
      if (f == 0) {
        i++;
      } else if (f == 0xff && (sep = nonascii_separator(s + i, n - i)) != 0) {
        i += sep;
      } else {
        break;
      }
    }
    if (i >= n)
      break;
    start = i;
    while (i < n) {
      size_t k;
      unsigned char f = fold[s[i]];
      if (f != 0xff) {
        if (f == 0)
          break;
        if (f <= '9')
          letters_only = 0;
        if (len < sizeof word) {
          word[len++] = (char)f;
          h = (h ^ f) * FNV_PRIME;
        }
        i++;
        continue;
      }
      if (nonascii_separator(s + i, n - i))
        break;
      k = char_len(s + i, n - i);
      letters_only = 0; /* no root looked up: h is not needed */
      if (len + k <= sizeof word) {
        memcpy(word + len, s + i, k);
        len += k;
      }
      i += k;
    }
    if (letters_only && len >= 3 && !(flags & FTS5_TOKENIZE_PREFIX) &&
        len < sizeof word) {
      size_t root_len = root_of(dict, cache, mask, h, word, len, root);
      if (root_len > 0) {
        rc = emit(ctx, 0, root, (int)root_len, (int)start, (int)i);
        if (rc != SQLITE_OK)
          return rc;
        continue;
      }
    }
    rc = emit(ctx, 0, word, (int)len, (int)start, (int)i);
    if (rc != SQLITE_OK)
      return rc;
  }
  return SQLITE_OK;
}

/* A token as store_fts_tokens encodes it: start and end (4 bytes each,
 * host order), length (1 byte), the token's bytes. */
#define ENC_HEAD 9

static int encode(void *vb, int flags, const char *tok, int n, int start,
                  int end) {
  buf *b = vb;
  uint32_t se[2];
  unsigned char *p;
  (void)flags;
  /* one reservation and plain copies: three buf_appends a token were a
   * third of preparing the tokens */
  if (b->len + ENC_HEAD + (size_t)n >= b->cap &&
      buf_reserve(b, ENC_HEAD + (size_t)n) != 0)
    return SQLITE_NOMEM;
  p = (unsigned char *)b->ptr + b->len;
  se[0] = (uint32_t)start;
  se[1] = (uint32_t)end;
  memcpy(p, se, sizeof se);
  p[8] = (unsigned char)n;
  memcpy(p + ENC_HEAD, tok, (size_t)n);
  b->len += ENC_HEAD + (size_t)n;
  return SQLITE_OK;
}

int store_fts_tokens(const kb_dict *dict, const char *text, size_t n,
                     buf *out) {
  fts_prep_cache *c;
  if (n > (size_t)0x7fffffff)
    return -1;
  c = prep_cache(dict);
  return scan(dict, c ? c->slot : NULL, FTS_PREP_SLOTS - 1, out,
              FTS5_TOKENIZE_DOCUMENT, text, (int)n, encode) == SQLITE_OK
             ? 0
             : -1;
}

/* Hands encoded tokens p[0..n) to emit. */
static int replay(const char *p, size_t n, void *ctx, emit_fn emit) {
  size_t i = 0;
  while (i + ENC_HEAD <= n) {
    uint32_t se[2];
    int len = (unsigned char)p[i + 8], rc;
    memcpy(se, p + i, sizeof se);
    rc = emit(ctx, 0, p + i + ENC_HEAD, len, (int)se[0], (int)se[1]);
    if (rc != SQLITE_OK)
      return rc;
    i += ENC_HEAD + (size_t)len;
  }
  return SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                        const char *text, int n_text, emit_fn emit) {
  fts_tok *t = (fts_tok *)p;
  const kb_store_prep *pre = t->st->fts_pending;
  const kb_dict *dict = lexicon(t);
  if (dict == NULL)
    return SQLITE_NOMEM;
  /* a document whose tokens were made beforehand, from the same text with
   * the same lexicon (kb_store_prepare) */
  if (pre != NULL && pre->dict == dict &&
      (flags & FTS5_TOKENIZE_DOCUMENT) && n_text >= 0) {
    int k;
    for (k = 0; k < 2; k++) {
      size_t at = k == 0 ? pre->title : pre->body,
             len = k == 0 ? pre->title_len : pre->body_len;
      if ((k == 1 || pre->has_title) && (size_t)n_text == len &&
          memcmp(text, store_prep_str(pre, at), len) == 0)
        return replay(store_prep_str(pre, pre->toks[k]), pre->toks_len[k],
                      ctx, emit);
    }
  }
  return scan(dict, t->cache, FTS_CACHE_SLOTS - 1, ctx, flags, text, n_text,
              emit);
}

/* The connection's FTS5 API, fetched the documented way: SELECT fts5(?)
 * with a pointer bound as "fts5_api_ptr". */
static fts5_api *fts5_of(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(s);
  sqlite3_finalize(s);
  return api;
}

int store_fts_register(kb_store *st) {
  static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
  fts5_api *api = fts5_of(st->db);
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;
  return api->xCreateTokenizer(api, "kabar_id", st, &tok, NULL);
}
