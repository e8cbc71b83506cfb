/*
 * reader.c -- files, folders and stdin -> kb_doc, one at a time.
 *
 * Input: a path ("-" for stdin): a plain-text article, a JSON Lines file
 * (one article per line), either gzip- or zstd-compressed, or a folder walked
 * recursively in name order.  Output: kb_doc objects with their metadata
 * fields set.  First box of the pipeline (docs/DESIGN.md).
 *
 * Bad input never stops a run: a binary file, a broken JSON line or an
 * unreadable file is reported through kb_error and the next call goes on
 * with the rest.  Memory stays flat in the input size: JSON Lines are read
 * one line at a time (lines of any length), plain-text articles whole.
 *
 * References: JSON Lines (jsonlines.org); jansson for JSON values; the
 * bytes come through reader_input.c, which decompresses gzip and zstd.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kabar_int.h"
#include "reader_input.h"
#include "reader_html.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_flat.h"
#include "util/utf8.h"

#define CHUNK ((size_t)1 << 20)
#define SNIFF 65536u

/* One file to read, or a problem found while walking a folder. */
typedef struct entry {
  char *path;
  int error; /* errno when the folder walk could not read it, or -1: loop */
} entry;

enum format { FMT_UNKNOWN, FMT_TEXT, FMT_JSONL, FMT_HTML };

struct kb_reader {
  arena arena; /* paths */
  entry *entries;
  size_t n_entries, cap_entries, next_entry;

  /* the file being read */
  const char *path;
  rinput *in;
  enum format format;
  size_t line_no;
  int eof;
  buf data;   /* bytes read, not yet consumed: data.ptr[pos..len) */
  size_t pos;
  buf scratch; /* decoded JSON strings */
  buf fixed;   /* a line with its invalid UTF-8 repaired */
  char idbuf[32];
  char msg[512];

  /* web input (reader_html.c, reader_warc.c) */
  warc_reader *warc;
  reader_lang lang;
  size_t skipped_lang;
};

/* ---- folder walk ------------------------------------------------------ */

static int add_entry(kb_reader *r, const char *path, int error) {
  entry *e;
  if (arena_grow(&r->arena, (void **)&r->entries, &r->cap_entries,
                 r->n_entries + 1, sizeof *r->entries) != 0)
    return -1;
  e = &r->entries[r->n_entries];
  e->path = arena_strndup(&r->arena, path, strlen(path));
  if (e->path == NULL)
    return -1;
  e->error = error;
  r->n_entries++;
  return 0;
}

static int has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Files a folder walk picks up: articles and JSON Lines, maybe gzip- or
 * zstd-compressed. */
static int is_input_name(const char *name) {
  static const char *const ends[] = {
      ".txt",        ".txt.gz",    ".txt.zst", ".jsonl",   ".jsonl.gz",
      ".jsonl.zst",  ".ndjson",    ".ndjson.gz", ".ndjson.zst", ".json.gz",
      ".json.zst",   ".html",      ".htm",     ".html.gz", ".html.zst",
      ".warc",       ".warc.gz",   ".warc.zst", NULL};
  size_t i;
  if (name[0] == '.')
    return 0;
  for (i = 0; ends[i]; i++)
    if (has_suffix(name, ends[i]))
      return 1;
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders on the way down, to refuse symbolic-link loops. */
typedef struct ancestor {
  dev_t dev;
  ino_t ino;
  const struct ancestor *up;
} ancestor;

static int walk(kb_reader *r, const char *dir, const ancestor *up) {
  DIR *d;
  struct dirent *de;
  char **names = NULL;
  size_t n = 0, cap = 0, i;
  struct stat st;
  ancestor me;
  const ancestor *a;
  int rc = 0;

  if (stat(dir, &st) != 0)
    return add_entry(r, dir, errno);
  for (a = up; a; a = a->up)
    if (a->dev == st.st_dev && a->ino == st.st_ino)
      return add_entry(r, dir, -1);
  me.dev = st.st_dev;
  me.ino = st.st_ino;
  me.up = up;
  d = opendir(dir);
  if (d == NULL)
    return add_entry(r, dir, errno);
  while ((de = readdir(d)) != NULL) {
    size_t len = strlen(dir) + strlen(de->d_name) + 2;
    char *full;
    if (de->d_name[0] == '.')
      continue;
    if (arena_grow(&r->arena, (void **)&names, &cap, n + 1, sizeof *names)) {
      rc = -1;
      goto done;
    }
    full = arena_alloc(&r->arena, len);
    if (full == NULL) {
      rc = -1;
      goto done;
    }
    snprintf(full, len, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/",
             de->d_name);
    names[n++] = full;
  }
  if (n)
    qsort(names, n, sizeof *names, cmp_names);
  for (i = 0; i < n && rc == 0; i++) {
    const char *base = strrchr(names[i], '/') + 1;
    if (stat(names[i], &st) != 0) {
      rc = add_entry(r, names[i], errno);
    } else if (S_ISDIR(st.st_mode)) {
      rc = walk(r, names[i], &me);
    } else if (S_ISREG(st.st_mode) && is_input_name(base)) {
      rc = add_entry(r, names[i], 0);
    }
  }
done:
  closedir(d);
  return rc;
}

kb_status kb_reader_open(const char *path, kb_reader **out, kb_error *err) {
  kb_reader *r;
  struct stat st;
  *out = NULL;
  if (path == NULL) {
    set_error(err, KB_EARG, "no path", NULL, 0);
    return KB_EARG;
  }
  r = kb_alloc(sizeof *r);
  if (r == NULL)
    return KB_ENOMEM;
  memset(r, 0, sizeof *r);
  arena_init(&r->arena, 4096);
  if (strcmp(path, "-") == 0) {
    if (add_entry(r, path, 0) != 0)
      goto nomem;
  } else if (stat(path, &st) != 0) {
    int e = errno;
    kb_reader_free(r); /* the message must outlive the reader: libc's */
    set_error(err, KB_EIO, strerror(e), path, 0);
    return KB_EIO;
  } else if (S_ISDIR(st.st_mode)) {
    if (walk(r, path, NULL) != 0)
      goto nomem;
  } else if (add_entry(r, path, 0) != 0) {
    goto nomem;
  }
  *out = r;
  return KB_OK;
nomem:
  kb_reader_free(r);
  return KB_ENOMEM;
}

static void close_file(kb_reader *r) {
  if (r->warc)
    warc_close(r->warc);
  r->warc = NULL;
  rinput_close(r->in);
  r->in = NULL;
  r->path = NULL;
  r->format = FMT_UNKNOWN;
  r->eof = 0;
  r->line_no = 0;
  r->pos = 0;
  buf_reset(&r->data);
}

void kb_reader_free(kb_reader *r) {
  if (r == NULL)
    return;
  close_file(r);
  buf_free(&r->data);
  buf_free(&r->scratch);
  buf_free(&r->fixed);
  arena_free(&r->arena);
  kb_free(r);
}

/* ---- reading bytes ---------------------------------------------------- */

/* Reads more bytes into r->data.  Returns 1 when bytes came, 0 at end of
 * file, -1 on a read error (r->msg says why), -2 out of memory. */
static int fill(kb_reader *r) {
  long n;
  const char *msg;
  size_t want;
  if (r->eof)
    return 0;
  if (r->pos > 0 && r->pos == r->data.len) {
    r->data.len = r->pos = 0;
  } else if (r->pos > r->data.len / 2) {
    memmove(r->data.ptr, r->data.ptr + r->pos, r->data.len - r->pos);
    r->data.len -= r->pos;
    r->pos = 0;
  }
  /* Into the room the buffer has; when under 4 KiB, it grows by what it
   * holds (at least SNIFF, at most CHUNK).  A short file thus costs a
   * 128 KiB buffer, not 2 MiB (under ASan, a mapping and its shadow for
   * every file), and reads up to CHUNK at a time once the buffer is big. */
  want = r->data.cap > r->data.len + 1 ? r->data.cap - r->data.len - 1 : 0;
  if (want < 4096) {
    want = r->data.cap < SNIFF ? SNIFF : r->data.cap < CHUNK ? r->data.cap : CHUNK;
    if (buf_reserve(&r->data, want) != 0) {
      r->data.failed = 0;
      return -2;
    }
    want = r->data.cap - r->data.len - 1;
  }
  if (want > CHUNK)
    want = CHUNK;
  n = rinput_read(r->in, r->data.ptr + r->data.len, want, &msg);
  if (n == -2)
    return -2;
  if (n < 0) {
    snprintf(r->msg, sizeof r->msg, "%s", msg);
    return -1;
  }
  if (n == 0) {
    r->eof = 1;
    return 0;
  }
  r->data.len += (size_t)n;
  return 1;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* The document id of a plain-text file: its name without extensions
 * (".txt", ".gz", ".zst"). */
static size_t text_id(const char *path, const char **id) {
  const char *b = base_name(path);
  size_t n = strlen(b);
  if (n > 3 && strcmp(b + n - 3, ".gz") == 0)
    n -= 3;
  else if (n > 4 && strcmp(b + n - 4, ".zst") == 0)
    n -= 4;
  {
    const char *dot = NULL, *p;
    for (p = b; p < b + n; p++)
      if (*p == '.')
        dot = p;
    if (dot && dot > b)
      n = (size_t)(dot - b);
  }
  *id = b;
  return n;
}

static int only_space(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
        c != '\v')
      return 0;
  }
  return 1;
}

static int is_warc_name(const char *name) {
  return has_suffix(name, ".warc") || has_suffix(name, ".warc.gz") ||
         has_suffix(name, ".warc.zst");
}

static int is_html_name(const char *name) {
  return has_suffix(name, ".html") || has_suffix(name, ".htm") ||
         has_suffix(name, ".html.gz") || has_suffix(name, ".html.zst");
}

/* Starts with a tag and names an HTML element early on. */
static int looks_html(const char *s, size_t n) {
  size_t i, lim = n < 1024 ? n : 1024;
  if (n == 0 || s[0] != '<')
    return 0;
  for (i = 0; i + 5 <= lim; i++)
    if (s[i] == '<' && (strncasecmp(s + i, "<html", 5) == 0 ||
                        strncasecmp(s + i, "<head", 5) == 0 ||
                        strncasecmp(s + i, "<body", 5) == 0 ||
                        (i + 14 <= lim &&
                         strncasecmp(s + i, "<!doctype html", 14) == 0)))
      return 1;
  return 0;
}

static kb_status open_warc(kb_reader *r, const char *path, kb_error *err) {
  if (warc_open(path, &r->warc) != 0) {
    snprintf(r->msg, sizeof r->msg, "%s", strerror(errno));
    set_error(err, errno == ENOMEM ? KB_ENOMEM : KB_EIO, r->msg, path, 0);
    r->path = NULL;
    return errno == ENOMEM ? KB_ENOMEM : KB_EIO;
  }
  r->path = path;
  return KB_OK;
}

/* Whether the bytes read hold a newline after something not blank. */
static int first_line_ends(const kb_reader *r) {
  size_t i;
  int seen = 0; /* a byte that is not blank */
  for (i = 0; i < r->data.len; i++) {
    char c = r->data.ptr[i];
    if (c == '\n' && seen)
      return 1;
    seen |= !only_space(&c, 1);
  }
  return 0;
}

/* Opens the next entry and decides its format.  Returns KB_OK (a file is
 * open), KB_DONE, or the status of a skipped entry. */
static kb_status open_next(kb_reader *r, kb_error *err) {
  entry *e;
  size_t i;
  int rc = 0;
  if (r->next_entry >= r->n_entries)
    return KB_DONE;
  e = &r->entries[r->next_entry++];
  r->path = e->path;
  if (e->error) {
    snprintf(r->msg, sizeof r->msg, "%s",
             e->error < 0 ? "folder loop (symbolic link), skipped"
                          : strerror(e->error));
    set_error(err, KB_EIO, r->msg, e->path, 0);
    r->path = NULL;
    return KB_EIO;
  }
  if (is_warc_name(base_name(e->path)))
    return open_warc(r, e->path, err);
  errno = 0;
  r->in = rinput_open(e->path);
  if (r->in == NULL) {
    snprintf(r->msg, sizeof r->msg, "%s",
             errno ? strerror(errno) : "cannot open");
    set_error(err, KB_EIO, r->msg, e->path, 0);
    r->path = NULL;
    return errno == ENOMEM ? KB_ENOMEM : KB_EIO;
  }
  /* Sniff the first bytes: NUL means binary; '{' means JSON Lines.  A
   * pipe stops at its first whole line, so that a filter answers the
   * first article before the next arrives. */
  while (r->data.len < SNIFF && (rc = fill(r)) > 0)
    if (!rinput_is_file(r->in) && first_line_ends(r))
      break;
  if (rc == -1 || rc == -2) {
    set_error(err, rc == -2 ? KB_ENOMEM : KB_EIO,
              rc == -2 ? "out of memory" : r->msg, e->path, 0);
    close_file(r);
    return rc == -2 ? KB_ENOMEM : KB_EIO;
  }
  if (r->data.len >= 2 && (((unsigned char)r->data.ptr[0] == 0xFF &&
                             (unsigned char)r->data.ptr[1] == 0xFE) ||
                            ((unsigned char)r->data.ptr[0] == 0xFE &&
                             (unsigned char)r->data.ptr[1] == 0xFF))) {
    set_error(err, KB_EFORMAT,
              "UTF-16 text (byte-order mark), not UTF-8: skipped "
              "(convert it: iconv -f UTF-16 -t UTF-8)",
              e->path, 0);
    close_file(r);
    return KB_EFORMAT;
  }
  if (r->data.len &&
      memchr(r->data.ptr, '\0', r->data.len < SNIFF ? r->data.len : SNIFF)) {
    set_error(err, KB_EBINARY, "binary file, skipped", e->path, 0);
    close_file(r);
    return KB_EBINARY;
  }
  for (i = 0; i < r->data.len; i++) {
    unsigned char c = (unsigned char)r->data.ptr[i];
    if (c == 0xEF && i + 2 < r->data.len &&
        (unsigned char)r->data.ptr[i + 1] == 0xBB &&
        (unsigned char)r->data.ptr[i + 2] == 0xBF) {
      i += 2; /* byte-order mark */
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
  }
  const char *name = base_name(e->path);
  int named_jsonl =
      has_suffix(name, ".jsonl") || has_suffix(name, ".jsonl.gz") ||
      has_suffix(name, ".jsonl.zst") || has_suffix(name, ".ndjson") ||
      has_suffix(name, ".ndjson.gz") || has_suffix(name, ".ndjson.zst");
  int named_text = has_suffix(name, ".txt") || has_suffix(name, ".txt.gz") ||
                   has_suffix(name, ".txt.zst");
  /* A file named as JSON Lines or text is read as such even when it starts
     like a WARC archive: its lines are then reported as broken records. */
  if (!named_jsonl && !named_text && r->data.len - i >= 5 &&
      memcmp(r->data.ptr + i, "WARC/", 5) == 0) {
    if (strcmp(e->path, "-") == 0) {
      set_error(err, KB_EFORMAT,
                "a WARC archive on standard input: give its file name",
                e->path, 0);
      close_file(r);
      return KB_EFORMAT;
    }
    close_file(r);
    return open_warc(r, e->path, err);
  }
  if (r->data.len == 0 || i == r->data.len) {
    r->format = FMT_TEXT; /* empty or blank: read_text says so */
  } else if (is_html_name(name) ||
             (!named_jsonl && looks_html(r->data.ptr + i, r->data.len - i))) {
    r->format = FMT_HTML;
  } else {
    if (named_jsonl)
      r->format = FMT_JSONL;
    else if (named_text)
      r->format = FMT_TEXT;
    else
      r->format = r->data.ptr[i] == '{' ? FMT_JSONL : FMT_TEXT;
  }
  return KB_OK;
}

/* ---- plain text ------------------------------------------------------- */

static kb_status read_text(kb_reader *r, kb_doc **out, kb_error *err) {
  const char *id;
  size_t id_len;
  kb_status st;
  int rc = 0;
  const char *path = r->path;
  size_t total, kept;
  /* Reads up to the document limit, then only counts the rest: memory
   * stays flat whatever the file's size. */
  while (r->data.len <= KB_MAX_DOC_BYTES && (rc = fill(r)) > 0)
    ;
  total = r->data.len;
  while (rc > 0 && !r->eof) {
    char tmp[65536];
    const char *m;
    long n = rinput_read(r->in, tmp, sizeof tmp, &m);
    if (n > 0) {
      total += (size_t)n;
    } else if (n == 0) {
      r->eof = 1;
    } else if (n == -2) {
      rc = -2;
    } else {
      snprintf(r->msg, sizeof r->msg, "%s", m);
      rc = -1;
    }
  }
  if (rc < 0) {
    set_error(err, rc == -2 ? KB_ENOMEM : KB_EIO,
              rc == -2 ? "out of memory" : r->msg, path, 0);
    close_file(r);
    return rc == -2 ? KB_ENOMEM : KB_EIO;
  }
  if (r->data.len && memchr(r->data.ptr, '\0', r->data.len)) {
    set_error(err, KB_EBINARY, "binary file, skipped", path, 0);
    close_file(r);
    return KB_EBINARY;
  }
  if (only_space(r->data.ptr, r->data.len)) {
    set_error(err, KB_EEMPTY, "empty file", path, 0);
    close_file(r);
    return KB_EEMPTY;
  }
  if (strcmp(path, "-") == 0) {
    id = "stdin";
    id_len = 5;
  } else {
    id_len = text_id(path, &id);
  }
  kept = doc_cut_point(r->data.ptr, r->data.len);
  st = kb_doc_new(id, id_len, r->data.ptr, kept, out);
  if (st == KB_OK && kept < total)
    st = doc_warn_cut(*out, total, kept);
  if (st == KB_OK)
    st = kb_doc_set_field(*out, KB_FIELD_INPUT, path, strlen(path));
  if (st != KB_OK) {
    kb_doc_free(*out);
    *out = NULL;
    set_error(err, st, kb_status_str(st), path, 0);
  }
  close_file(r);
  return st;
}

/* ---- web pages ---------------------------------------------------------- */

/* A page's document, or a skip reported through err (r->msg). */
static kb_status page_doc(kb_reader *r, const char *id, size_t id_len,
                          const char *html, size_t len, const char *charset,
                          const char *uri, const char *date, kb_doc **out,
                          kb_error *err, size_t line) {
  const char *why;
  int lang_skip;
  kb_status st = html_doc_new(id, id_len, html, len, charset, uri, date,
                              r->path, r->lang, out, &why, &lang_skip);
  if (lang_skip)
    r->skipped_lang++;
  if (st != KB_OK) {
    if (uri)
      snprintf(r->msg, sizeof r->msg, "%.300s: %s", uri,
               why ? why : kb_status_str(st));
    else
      snprintf(r->msg, sizeof r->msg, "%s", why ? why : kb_status_str(st));
    set_error(err, st, r->msg, r->path, line);
  }
  return st;
}

static kb_status read_html(kb_reader *r, kb_doc **out, kb_error *err) {
  const char *id;
  size_t id_len;
  kb_status st;
  int rc;
  while ((rc = fill(r)) > 0)
    ;
  if (rc < 0) {
    set_error(err, rc == -2 ? KB_ENOMEM : KB_EIO,
              rc == -2 ? "out of memory" : r->msg, r->path, 0);
    close_file(r);
    return rc == -2 ? KB_ENOMEM : KB_EIO;
  }
  if (strcmp(r->path, "-") == 0) {
    id = "stdin";
    id_len = 5;
  } else {
    id_len = text_id(r->path, &id);
  }
  st = page_doc(r, id, id_len, r->data.ptr, r->data.len, NULL, NULL, NULL,
                out, err, 0);
  close_file(r);
  return st;
}

/* The next HTML page of the WARC archive being read. */
static kb_status read_warc(kb_reader *r, kb_doc **out, kb_error *err) {
  for (;;) {
    const char *body, *uri, *date, *charset, *msg;
    char id[HTML_ID_MAX];
    size_t len, id_len, before;
    unsigned long long off;
    kb_status st;
    int rc = warc_next(r->warc, &body, &len, &uri, &date, &charset, &msg,
                       &off);
    if (rc == 0) {
      close_file(r);
      return KB_DONE;
    }
    if (rc < 0) {
      snprintf(r->msg, sizeof r->msg, "%s at byte %llu", msg, off);
      set_error(err, rc == -1 ? KB_EFORMAT : KB_EIO, r->msg, r->path, 0);
      if (err)
        err->offset = (size_t)off;
      if (rc == -2)
        close_file(r);
      return rc == -1 ? KB_EFORMAT : KB_EIO;
    }
    before = r->skipped_lang;
    id_len = html_url_id(uri ? uri : "", id);
    st = page_doc(r, id, id_len, body, len, charset, uri, date, out, err, 0);
    if (st == KB_EEMPTY && r->skipped_lang != before)
      continue; /* counted, not reported one by one */
    return st;
  }
}

kb_status kb_reader_set_lang(kb_reader *r, const char *lang) {
  if (lang && strcmp(lang, "any") == 0)
    r->lang = LANG_ANY;
  else if (lang && (strcmp(lang, "id") == 0 || strcmp(lang, "ind") == 0))
    r->lang = LANG_ID_ONLY;
  else
    return KB_EARG;
  return KB_OK;
}

size_t kb_reader_n_skipped_lang(const kb_reader *r) { return r->skipped_lang; }

/* ---- JSON Lines ------------------------------------------------------- */

/* The next line (without its newline and a trailing CR) in *line, *len.
 * Returns 1, 0 at end of file, 2 for a line longer than KB_MAX_LINE_BYTES
 * (skipped, not held), or -1/-2 as fill(). */
static int next_line(kb_reader *r, const char **line, size_t *len) {
  size_t scanned = 0; /* bytes after pos known to hold no newline */
  for (;;) {
    size_t avail = r->data.len - r->pos;
    char *nl = NULL;
    int rc;
    if (avail > scanned)
      nl = memchr(r->data.ptr + r->pos + scanned, '\n', avail - scanned);
    if (nl || (r->eof && avail > 0)) {
      size_t end = nl ? (size_t)(nl - r->data.ptr) : r->data.len;
      *line = r->data.ptr + r->pos;
      *len = end - r->pos;
      if (*len && (*line)[*len - 1] == '\r')
        (*len)--;
      r->pos = nl ? end + 1 : end;
      r->line_no++;
      return 1;
    }
    if (r->eof)
      return 0;
    if (avail > KB_MAX_LINE_BYTES) {
      /* too long to hold: drop it up to its newline */
      r->line_no++;
      for (;;) {
        r->pos = r->data.len;
        rc = fill(r);
        if (rc < 0)
          return rc;
        if (rc == 0)
          return 2;
        nl = memchr(r->data.ptr + r->pos, '\n', r->data.len - r->pos);
        if (nl != NULL) {
          r->pos = (size_t)(nl - r->data.ptr) + 1;
          return 2;
        }
      }
    }
    scanned = avail;
    rc = fill(r); /* may move the unread bytes to the front */
    if (rc < 0)
      return rc;
  }
}

/* The fields kabar takes from a record, whichever parser read it. */
enum { F_ID, F_TEXT, F_TITLE, F_DATE, F_OUTLET, F_URL, N_FIELDS };
static const char *const field_keys[N_FIELDS] = {"id",   "text",   "title",
                                                  "date", "outlet", "url"};
static const kb_field field_ids[N_FIELDS] = {
    KB_FIELD_COUNT_, KB_FIELD_COUNT_, KB_FIELD_TITLE,
    KB_FIELD_DATE,   KB_FIELD_OUTLET, KB_FIELD_URL};

typedef struct rec_value {
  jf_type type;
  const char *ptr; /* strings and integers */
  size_t len;
} rec_value;

static kb_status jsonl_error(kb_reader *r, kb_error *err, kb_status st,
                             const char *what) {
  snprintf(r->msg, sizeof r->msg, "%s, skipped", what);
  set_error(err, st, r->msg, r->path, r->line_no);
  return st;
}

/* Reads the record with the fast flat parser, which takes only lines of
 * valid UTF-8 without NUL bytes.  Returns 1 with v filled, or 0 when it
 * declines. */
static int parse_flat(kb_reader *r, const char *line, size_t len,
                      rec_value *v) {
  jf_field f[N_FIELDS];
  size_t i;
  for (i = 0; i < N_FIELDS; i++)
    f[i].key = field_keys[i];
  if (json_flat_parse(line, len, f, N_FIELDS, &r->scratch) != 0)
    return 0;
  for (i = 0; i < N_FIELDS; i++) {
    v[i].type = f[i].type;
    v[i].ptr = jf_value(&f[i], line, &r->scratch);
    v[i].len = f[i].len;
  }
  return 1;
}

/* Reads the record with the fast flat parser, else with jansson (which
 * also words the error).  On KB_OK, *json holds the jansson object the
 * values point into (NULL when the fast path read it). */
static kb_status parse_record(kb_reader *r, const char *line, size_t len,
                              rec_value *v, json_t **json, kb_error *err) {
  json_error_t jerr;
  json_t *obj;
  size_t i;
  *json = NULL;
  if (parse_flat(r, line, len, v))
    return KB_OK;
  obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
  if (obj == NULL) {
    char what[300];
    snprintf(what, sizeof what, "invalid JSON at column %d: %s", jerr.column,
             jerr.text);
    return jsonl_error(r, err, KB_EFORMAT, what);
  }
  if (!json_is_object(obj)) {
    json_decref(obj);
    return jsonl_error(r, err, KB_EFORMAT, "not a JSON object");
  }
  for (i = 0; i < N_FIELDS; i++) {
    json_t *x = json_object_get(obj, field_keys[i]);
    v[i].ptr = NULL;
    v[i].len = 0;
    if (x == NULL) {
      v[i].type = JF_ABSENT;
    } else if (json_is_string(x)) {
      v[i].type = JF_STRING;
      v[i].ptr = json_string_value(x);
      v[i].len = json_string_length(x);
    } else if (json_is_integer(x)) {
      v[i].type = JF_INTEGER; /* only the id uses it: formatted below */
    } else if (json_is_null(x)) {
      v[i].type = JF_NULL;
    } else {
      v[i].type = JF_NUMBER; /* any other type: "not a string" */
    }
    if (i == F_ID && v[i].type == JF_INTEGER) {
      int n = snprintf(r->idbuf, sizeof r->idbuf, "%" JSON_INTEGER_FORMAT,
                       json_integer_value(x));
      v[i].ptr = r->idbuf;
      v[i].len = (size_t)n;
    }
  }
  *json = obj;
  return KB_OK;
}

static kb_status read_jsonl(kb_reader *r, kb_doc **out, kb_error *err) {
  for (;;) {
    const char *line = NULL, *id;
    size_t len = 0, n_bad = 0, id_len, i;
    int bad_id;
    char idbuf[96];
    rec_value v[N_FIELDS];
    json_t *json = NULL;
    kb_status st;
    int rc = next_line(r, &line, &len);

    if (rc == 0) {
      close_file(r);
      return KB_DONE;
    }
    if (rc == 2) {
      char what[96];
      snprintf(what, sizeof what, "line longer than %zu MiB",
               KB_MAX_LINE_BYTES >> 20);
      return jsonl_error(r, err, KB_EFORMAT, what);
    }
    if (rc < 0) {
      st = rc == -2 ? KB_ENOMEM : KB_EIO;
      set_error(err, st, rc == -2 ? "out of memory" : r->msg, r->path,
                r->line_no);
      close_file(r);
      return st;
    }
    if (only_space(line, len))
      continue;
    /* The common line, valid UTF-8 without NUL bytes, is read in one pass
     * (the flat parser checks both on the way); any other goes through
     * the checks below and is parsed again. */
    if (!parse_flat(r, line, len, v)) {
      if (memchr(line, '\0', len))
        return jsonl_error(r, err, KB_EFORMAT, "NUL byte in line");
      if (utf8_valid_prefix((const unsigned char *)line, len) != len) {
        size_t size =
            utf8_repaired_size((const unsigned char *)line, len, &n_bad);
        buf_reset(&r->fixed);
        if (buf_reserve(&r->fixed, size) != 0) {
          r->fixed.failed = 0;
          return jsonl_error(r, err, KB_ENOMEM, "out of memory");
        }
        utf8_repair((const unsigned char *)line, len, r->fixed.ptr);
        line = r->fixed.ptr;
        len = size;
      }
      st = parse_record(r, line, len, v, &json, err);
      if (st != KB_OK)
        return st;
    }
    if (v[F_TEXT].type != JF_STRING) {
      json_decref(json);
      return jsonl_error(r, err, KB_EFORMAT,
                         v[F_TEXT].type == JF_ABSENT || v[F_TEXT].type == JF_NULL
                             ? "no \"text\" field"
                             : "\"text\" is not a string");
    }
    /* An id holding a NUL character ("\u0000") cannot name the document
     * in any output: the line keeps its text under the file:line id, and
     * says so in a warning. */
    bad_id = json != NULL && v[F_ID].type == JF_STRING &&
             memchr(v[F_ID].ptr, '\0', v[F_ID].len);
    if ((v[F_ID].type == JF_STRING || v[F_ID].type == JF_INTEGER) &&
        v[F_ID].len > 0 && !bad_id) {
      id = v[F_ID].ptr;
      id_len = v[F_ID].len;
    } else {
      snprintf(idbuf, sizeof idbuf, "%.60s:%zu", base_name(r->path),
               r->line_no);
      id = idbuf;
      id_len = strlen(idbuf);
    }
    if (only_space(v[F_TEXT].ptr, v[F_TEXT].len)) {
      json_decref(json);
      snprintf(r->msg, sizeof r->msg, "empty \"text\", skipped");
      set_error(err, KB_EEMPTY, r->msg, r->path, r->line_no);
      return KB_EEMPTY;
    }
    /* The fast parser took only a line of valid UTF-8 (checked on the way,
     * or repaired) free of NUL bytes, and decodes no \u0000 or lone
     * surrogate: its values need no second check.  jansson's may hold a
     * NUL. */
    if (json == NULL)
      st = doc_new_valid(id, id_len, v[F_TEXT].ptr, v[F_TEXT].len, out);
    else
      st = kb_doc_new(id, id_len, v[F_TEXT].ptr, v[F_TEXT].len, out);
    if (st == KB_EBINARY) {
      json_decref(json);
      return jsonl_error(r, err, KB_EFORMAT, "NUL character in \"text\"");
    }
    for (i = F_TITLE; st == KB_OK && i < N_FIELDS; i++) {
      if (v[i].type == JF_STRING &&
          (json == NULL || !memchr(v[i].ptr, '\0', v[i].len))) {
        st = kb_doc_set_field(*out, field_ids[i], v[i].ptr, v[i].len);
      } else if (v[i].type != JF_ABSENT && v[i].type != JF_NULL) {
        char w[96];
        snprintf(w, sizeof w, "field \"%s\" is not a string, ignored",
                 field_keys[i]);
        st = doc_warn(*out, w);
      }
    }
    if (st == KB_OK)
      st = kb_doc_set_field(*out, KB_FIELD_INPUT, r->path, strlen(r->path));
    if (st == KB_OK && bad_id)
      st = doc_warn(*out, "NUL character in \"id\", replaced by file:line");
    if (st == KB_OK)
      st = doc_add_invalid_utf8(*out, n_bad);
    json_decref(json);
    if (st != KB_OK) {
      kb_doc_free(*out);
      *out = NULL;
      return jsonl_error(r, err, st, kb_status_str(st));
    }
    set_error(err, KB_OK, NULL, r->path, r->line_no); /* where it was */
    return KB_OK;
  }
}

kb_status kb_reader_next(kb_reader *r, kb_doc **out, kb_error *err) {
  *out = NULL;
  for (;;) {
    kb_status st;
    if (r->in == NULL && r->warc == NULL) {
      st = open_next(r, err);
      if (st != KB_OK)
        return st;
    }
    if (r->warc) {
      st = read_warc(r, out, err);
      if (st != KB_DONE)
        return st;
      continue;
    }
    if (r->format == FMT_HTML)
      return read_html(r, out, err);
    if (r->format == FMT_TEXT)
      return read_text(r, out, err);
    st = read_jsonl(r, out, err);
    if (st != KB_DONE)
      return st;
  }
}
