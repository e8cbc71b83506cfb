/*
 * reader_warc.c -- a WARC archive -> its HTML pages, one record at a time.
 *
 * Input: a .warc file, plain, gzip-compressed (a member per record, as
 * crawlers write them, or one member for all) or Zstandard-compressed
 * (told by the magic bytes).  Output: the payload of each `response`
 * record whose HTTP Content-Type is HTML, with the HTTP headers removed,
 * chunked transfer coding and gzip/deflate content coding undone, and the
 * record's WARC-Target-URI and WARC-Date.
 *
 * Streaming: memory holds one record (at most MAX_RECORD bytes; larger
 * records are skipped unread) and fixed read buffers, whatever the
 * archive's size.  A record that breaks the format (no "WARC/" header
 * where one must start, a bad Content-Length, a truncated block) is
 * reported with its offset in the decompressed stream, and reading
 * resyncs at the next line starting "WARC/1.".
 *
 * References: ISO 28500:2017 (WARC 1.1), RFC 9112 (HTTP/1.1 message
 * syntax, chunked coding), zlib inflate (windowBits 15+32: gzip or zlib),
 * zstd streaming API.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>
#include <zstd.h>

#include "reader_html.h"
#include "util/alloc.h"
#include "util/buf.h"

#define RAW_CHUNK ((size_t)1 << 17)
#define MAX_HEADER ((size_t)1 << 16)
#define MAX_RECORD ((size_t)32 << 20)
#define MAX_PAGE ((size_t)64 << 20)

enum codec { C_NONE, C_GZIP, C_ZSTD };

struct warc_reader {
  FILE *f;
  enum codec codec;
  unsigned char *raw; /* compressed bytes read, raw[raw_pos..raw_len) */
  size_t raw_pos, raw_len;
  int raw_eof;
  z_stream z;
  int z_live;
  ZSTD_DStream *zs;
  int stream_end; /* decompressed stream ended */

  buf data; /* decompressed, data.ptr[pos..len) unread */
  size_t pos;
  unsigned long long base; /* stream offset of data.ptr[0] */

  buf page;     /* the decoded HTTP payload */
  buf unzipped; /* after content coding */
  char uri[2048], date[64], charset[64];
  char msg[256];
  int resync; /* look for the next record header first */
  size_t records, skipped;
};

int warc_open(const char *path, warc_reader **out) {
  warc_reader *w;
  unsigned char magic[4];
  size_t got;
  *out = NULL;
  w = kb_alloc(sizeof *w);
  if (w == NULL) {
    errno = ENOMEM;
    return -1;
  }
  memset(w, 0, sizeof *w);
  w->f = fopen(path, "rb");
  if (w->f == NULL) {
    kb_free(w);
    return -1;
  }
  w->raw = kb_alloc(RAW_CHUNK);
  if (w->raw == NULL) {
    fclose(w->f);
    kb_free(w);
    errno = ENOMEM;
    return -1;
  }
  got = fread(magic, 1, sizeof magic, w->f);
  memcpy(w->raw, magic, got);
  w->raw_len = got;
  if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    w->codec = C_GZIP;
    if (inflateInit2(&w->z, 15 + 32) != Z_OK) {
      warc_close(w);
      errno = ENOMEM;
      return -1;
    }
    w->z_live = 1;
  } else if (got == 4 && magic[0] == 0x28 && magic[1] == 0xb5 &&
             magic[2] == 0x2f && magic[3] == 0xfd) {
    w->codec = C_ZSTD;
    w->zs = ZSTD_createDStream();
    if (w->zs == NULL || ZSTD_isError(ZSTD_initDStream(w->zs))) {
      warc_close(w);
      errno = ENOMEM;
      return -1;
    }
  }
  *out = w;
  return 0;
}

void warc_close(warc_reader *w) {
  if (w == NULL)
    return;
  if (w->f)
    fclose(w->f);
  if (w->z_live)
    inflateEnd(&w->z);
  if (w->zs)
    ZSTD_freeDStream(w->zs);
  kb_free(w->raw);
  buf_free(&w->data);
  buf_free(&w->page);
  buf_free(&w->unzipped);
  kb_free(w);
}

void warc_counts(const warc_reader *w, size_t *records, size_t *skipped) {
  *records = w->records;
  *skipped = w->skipped;
}

/* ---- the decompressed stream ------------------------------------------ */

static int read_raw(warc_reader *w) {
  size_t got;
  if (w->raw_pos < w->raw_len || w->raw_eof)
    return 0;
  got = fread(w->raw, 1, RAW_CHUNK, w->f);
  w->raw_pos = 0;
  w->raw_len = got;
  if (got == 0) {
    if (ferror(w->f)) {
      snprintf(w->msg, sizeof w->msg, "%s", strerror(errno));
      return -1;
    }
    w->raw_eof = 1;
  }
  return 0;
}

/* Decompresses more bytes onto data.  Returns 1 when bytes came, 0 at the
 * end, -1 on an error (w->msg). */
static int more(warc_reader *w) {
  size_t room;
  if (w->pos > 0 && w->pos >= w->data.len / 2) {
    memmove(w->data.ptr, w->data.ptr + w->pos, w->data.len - w->pos);
    w->data.len -= w->pos;
    w->base += w->pos;
    w->pos = 0;
  }
  if (buf_reserve(&w->data, RAW_CHUNK) != 0) {
    snprintf(w->msg, sizeof w->msg, "out of memory");
    return -1;
  }
  room = w->data.cap - w->data.len;
  for (;;) {
    size_t made = 0;
    if (w->stream_end)
      return 0;
    if (read_raw(w) != 0)
      return -1;
    if (w->codec == C_NONE) {
      size_t n = w->raw_len - w->raw_pos;
      if (n == 0) {
        w->stream_end = 1;
        return 0;
      }
      if (n > room)
        n = room;
      memcpy(w->data.ptr + w->data.len, w->raw + w->raw_pos, n);
      w->raw_pos += n;
      made = n;
    } else if (w->codec == C_GZIP) {
      int zr;
      if (w->raw_pos == w->raw_len) {
        w->stream_end = 1; /* a truncated member ends the stream too */
        return 0;
      }
      w->z.next_in = w->raw + w->raw_pos;
      w->z.avail_in = (uInt)(w->raw_len - w->raw_pos);
      w->z.next_out = (Bytef *)w->data.ptr + w->data.len;
      w->z.avail_out = (uInt)room;
      zr = inflate(&w->z, Z_NO_FLUSH);
      w->raw_pos = w->raw_len - w->z.avail_in;
      made = room - w->z.avail_out;
      if (zr == Z_STREAM_END) {
        /* the next member, if any */
        if (inflateReset(&w->z) != Z_OK) {
          snprintf(w->msg, sizeof w->msg, "gzip: cannot reset");
          return -1;
        }
      } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
        snprintf(w->msg, sizeof w->msg, "gzip: %s",
                 w->z.msg ? w->z.msg : "corrupt data");
        w->stream_end = 1;
        return -1;
      }
    } else {
      ZSTD_inBuffer in;
      ZSTD_outBuffer o;
      size_t zr;
      if (w->raw_pos == w->raw_len) {
        w->stream_end = 1;
        return 0;
      }
      in.src = w->raw + w->raw_pos;
      in.size = w->raw_len - w->raw_pos;
      in.pos = 0;
      o.dst = w->data.ptr + w->data.len;
      o.size = room;
      o.pos = 0;
      zr = ZSTD_decompressStream(w->zs, &o, &in);
      w->raw_pos += in.pos;
      made = o.pos;
      if (ZSTD_isError(zr)) {
        snprintf(w->msg, sizeof w->msg, "zstd: %s", ZSTD_getErrorName(zr));
        w->stream_end = 1;
        return -1;
      }
    }
    if (made) {
      w->data.len += made;
      return 1;
    }
  }
}

/* Makes n bytes available at pos.  Returns 1, 0 when the stream ends
 * first, -1 on an error. */
static int need(warc_reader *w, size_t n) {
  while (w->data.len - w->pos < n) {
    int rc = more(w);
    if (rc <= 0)
      return rc;
  }
  return 1;
}

/* The end of the header block (after its blank line) from pos, searched
 * in at most MAX_HEADER bytes.  Returns its length, 0 at the end of the
 * stream, -1 on an error, -2 when no header end lies within the limit. */
static long header_len(warc_reader *w) {
  size_t scanned = 0;
  for (;;) {
    size_t avail = w->data.len - w->pos, i;
    const char *p = w->data.ptr + w->pos;
    for (i = scanned > 3 ? scanned - 3 : 0; i + 3 < avail && i < MAX_HEADER;
         i++)
      if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' &&
          p[i + 3] == '\n')
        return (long)(i + 4);
    if (avail >= MAX_HEADER)
      return -2;
    scanned = avail;
    {
      int rc = more(w);
      if (rc < 0)
        return -1;
      if (rc == 0)
        return avail ? -2 : 0;
    }
  }
}

/* The value of header `name` in h[0..n) (lines "Name: value\r\n"), copied
 * to out.  Returns 1 when found. */
static int header_value(const char *h, size_t n, const char *name, char *out,
                        size_t cap) {
  size_t k = strlen(name), i = 0;
  while (i < n) {
    const char *line = h + i;
    const char *end = memchr(line, '\n', n - i);
    size_t len = end ? (size_t)(end - line) : n - i;
    if (len > k && strncasecmp(line, name, k) == 0 && line[k] == ':') {
      size_t s = k + 1, e = len, m;
      while (s < e && (line[s] == ' ' || line[s] == '\t'))
        s++;
      while (e > s && (line[e - 1] == '\r' || line[e - 1] == ' '))
        e--;
      m = e - s < cap - 1 ? e - s : cap - 1;
      memcpy(out, line + s, m);
      out[m] = '\0';
      return 1;
    }
    i += len + 1;
  }
  return 0;
}

/* Skips n bytes of the stream without keeping them.  Returns 1, 0 when
 * the stream ends first, -1 on an error. */
static int skip_bytes(warc_reader *w, unsigned long long n) {
  while (n > 0) {
    size_t avail = w->data.len - w->pos;
    if (avail == 0) {
      int rc = more(w);
      if (rc <= 0)
        return rc;
      continue;
    }
    if (avail > n)
      avail = (size_t)n;
    w->pos += avail;
    n -= avail;
  }
  return 1;
}

/* Moves pos to the next line that starts "WARC/1." (or the end). */
static int resync(warc_reader *w) {
  for (;;) {
    size_t avail = w->data.len - w->pos, i;
    const char *p = w->data.ptr + w->pos;
    for (i = 0; i + 7 <= avail; i++)
      if ((i == 0 || p[i - 1] == '\n') && memcmp(p + i, "WARC/1.", 7) == 0) {
        w->pos += i;
        return 1;
      }
    w->pos += avail > 6 ? avail - 6 : 0;
    {
      int rc = more(w);
      if (rc <= 0)
        return rc;
    }
  }
}

/* ---- HTTP payload ------------------------------------------------------ */

/* Undoes chunked transfer coding of s[0..n) into out.  Returns 0, or -1
 * when the chunks are broken (what decoded so far is kept). */
static int dechunk(const char *s, size_t n, buf *out) {
  size_t i = 0;
  while (i < n) {
    size_t size = 0, digits = 0;
    while (i < n) {
      int c = (unsigned char)s[i], v;
      if (c >= '0' && c <= '9')
        v = c - '0';
      else if ((c | 32) >= 'a' && (c | 32) <= 'f')
        v = (c | 32) - 'a' + 10;
      else
        break;
      if (size > (MAX_PAGE >> 4))
        return -1;
      size = size * 16 + (size_t)v;
      digits++;
      i++;
    }
    if (digits == 0)
      return -1;
    while (i < n && s[i] != '\n') /* chunk extensions */
      i++;
    i++;
    if (size == 0)
      return 0;
    if (i > n || size > n - i)
      return -1;
    buf_append(out, s + i, size);
    i += size;
    if (i < n && s[i] == '\r')
      i++;
    if (i < n && s[i] == '\n')
      i++;
  }
  return 0;
}

/* Inflates gzip or zlib data into out (at most MAX_PAGE bytes). */
static int gunzip(const char *s, size_t n, buf *out) {
  z_stream z;
  int zr = Z_OK;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 15 + 32) != Z_OK)
    return -1;
  z.next_in = (Bytef *)(uintptr_t)s;
  z.avail_in = (uInt)n;
  while (zr == Z_OK && out->len < MAX_PAGE) {
    if (buf_reserve(out, 1 << 16) != 0)
      break;
    z.next_out = (Bytef *)out->ptr + out->len;
    z.avail_out = (uInt)(out->cap - out->len);
    zr = inflate(&z, Z_NO_FLUSH);
    out->len = out->cap - z.avail_out;
    if (zr == Z_BUF_ERROR && z.avail_in == 0)
      break;
  }
  inflateEnd(&z);
  return zr == Z_STREAM_END || zr == Z_OK || zr == Z_BUF_ERROR ? 0 : -1;
}

/* The HTML page in an HTTP response s[0..n), into w->page.  Returns 1 for
 * an HTML page, 0 for anything else. */
static int http_page(warc_reader *w, const char *s, size_t n,
                     const char **body, size_t *len) {
  size_t i, hl = 0;
  char ct[256], te[64];
  const char *p;
  int status;
  if (n < 12 || strncmp(s, "HTTP/", 5) != 0)
    return 0;
  p = memchr(s, ' ', n < 16 ? n : 16);
  if (p == NULL)
    return 0;
  status = atoi(p + 1);
  if (status < 200 || status > 299)
    return 0;
  for (i = 0; i + 1 < n; i++) {
    if (s[i] == '\n' && s[i + 1] == '\n') {
      hl = i + 2;
      break;
    }
    if (i + 3 < n && s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == '\r' &&
        s[i + 3] == '\n') {
      hl = i + 4;
      break;
    }
  }
  if (hl == 0)
    return 0;
  if (!header_value(s, hl, "Content-Type", ct, sizeof ct))
    return 0;
  if (strncasecmp(ct, "text/html", 9) != 0 &&
      strncasecmp(ct, "application/xhtml", 17) != 0)
    return 0;
  w->charset[0] = '\0';
  {
    const char *cs = strstr(ct, "charset=");
    if (cs == NULL)
      cs = strstr(ct, "CHARSET=");
    if (cs) {
      size_t k = 0;
      cs += 8;
      while (*cs == '"' || *cs == ' ')
        cs++;
      while (*cs && *cs != '"' && *cs != ';' && *cs != ' ' &&
             k + 1 < sizeof w->charset)
        w->charset[k++] = *cs++;
      w->charset[k] = '\0';
    }
  }
  s += hl;
  n -= hl;
  if (header_value(s - hl, hl, "Transfer-Encoding", te, sizeof te) &&
      strstr(te, "chunked")) {
    buf_reset(&w->page);
    dechunk(s, n, &w->page); /* a broken chunk keeps what came */
    if (w->page.failed)
      return 0;
    s = w->page.ptr;
    n = w->page.len;
  }
  *body = s;
  *len = n;
  return 1;
}

/* ---- records ----------------------------------------------------------- */

int warc_next(warc_reader *w, const char **body, size_t *len,
              const char **uri, const char **date, const char **charset,
              const char **msg, unsigned long long *offset) {
  for (;;) {
    long hl;
    char val[64], type[64], ctype[128];
    unsigned long long clen, start;
    char *end;
    int rc;
    *msg = w->msg;
    if (w->resync) {
      w->resync = 0;
      rc = resync(w);
      if (rc < 0) {
        *offset = w->base + w->pos;
        return -2;
      }
      if (rc == 0)
        return 0;
    }
    /* blank lines between records */
    for (;;) {
      rc = need(w, 1);
      if (rc < 0) {
        *offset = w->base + w->pos;
        return -2;
      }
      if (rc == 0)
        return 0;
      if (w->data.ptr[w->pos] != '\r' && w->data.ptr[w->pos] != '\n')
        break;
      w->pos++;
    }
    start = w->base + w->pos;
    *offset = start;
    rc = need(w, 7);
    if (rc < 0)
      return -2;
    if (rc == 0 || memcmp(w->data.ptr + w->pos, "WARC/1.", 7) != 0) {
      snprintf(w->msg, sizeof w->msg,
               rc == 0 ? "truncated record" : "no WARC header where a record "
                                              "must start");
      w->resync = 1;
      if (rc != 0)
        w->pos++;
      return -1;
    }
    hl = header_len(w);
    if (hl == -1)
      return -2;
    if (hl <= 0) {
      snprintf(w->msg, sizeof w->msg, "record header without an end");
      w->pos++;
      w->resync = 1;
      return -1;
    }
    {
      const char *h = w->data.ptr + w->pos;
      if (!header_value(h, (size_t)hl, "Content-Length", val, sizeof val) ||
          (clen = strtoull(val, &end, 10), end == val || *end != '\0')) {
        snprintf(w->msg, sizeof w->msg, "record without a valid "
                                        "Content-Length");
        w->pos++;
        w->resync = 1;
        return -1;
      }
      if (!header_value(h, (size_t)hl, "WARC-Type", type, sizeof type))
        type[0] = '\0';
      if (!header_value(h, (size_t)hl, "Content-Type", ctype, sizeof ctype))
        ctype[0] = '\0';
      if (!header_value(h, (size_t)hl, "WARC-Target-URI", w->uri,
                        sizeof w->uri))
        w->uri[0] = '\0';
      if (!header_value(h, (size_t)hl, "WARC-Date", w->date, sizeof w->date))
        w->date[0] = '\0';
    }
    w->pos += (size_t)hl;
    w->records++;
    if (strcmp(type, "response") != 0 ||
        strncasecmp(ctype, "application/http", 16) != 0 ||
        clen > MAX_RECORD) {
      w->skipped++;
      rc = skip_bytes(w, clen);
      if (rc < 0)
        return -2;
      if (rc == 0) {
        snprintf(w->msg, sizeof w->msg, "truncated record");
        return -1;
      }
      continue;
    }
    rc = need(w, (size_t)clen);
    if (rc < 0)
      return -2;
    if (rc == 0) {
      snprintf(w->msg, sizeof w->msg, "truncated record (%llu bytes "
                                      "announced)",
               clen);
      w->pos = w->data.len;
      return -1;
    }
    {
      const char *blk = w->data.ptr + w->pos;
      size_t n = (size_t)clen;
      const char *page;
      size_t page_len;
      char ce[64];
      w->pos += n;
      if (!http_page(w, blk, n, &page, &page_len)) {
        w->skipped++;
        continue;
      }
      /* content coding, named in the HTTP headers */
      {
        size_t i, hlen = 0;
        for (i = 0; i + 3 < n; i++)
          if (blk[i] == '\r' && blk[i + 1] == '\n' && blk[i + 2] == '\r' &&
              blk[i + 3] == '\n') {
            hlen = i + 4;
            break;
          }
        if (hlen && header_value(blk, hlen, "Content-Encoding", ce,
                                 sizeof ce) &&
            (strstr(ce, "gzip") || strstr(ce, "deflate"))) {
          buf_reset(&w->unzipped);
          if (gunzip(page, page_len, &w->unzipped) != 0 ||
              w->unzipped.failed) {
            snprintf(w->msg, sizeof w->msg,
                     "%.200s: undecodable gzip content", w->uri);
            return -1;
          }
          page = w->unzipped.ptr;
          page_len = w->unzipped.len;
        }
      }
      *body = page;
      *len = page_len;
      *uri = w->uri[0] ? w->uri : NULL;
      *date = w->date[0] ? w->date : NULL;
      *charset = w->charset[0] ? w->charset : NULL;
      return 1;
    }
  }
}
