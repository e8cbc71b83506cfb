/*
 * serve_gzip.c -- gzip content coding for `kabar serve`'s answers.  A page
 * of 100 events is ~50 kB of JSON and about a tenth of that gzipped; under
 * load most of the server's time is the kernel moving answer bytes
 * (bench/README.md, "serve"), so a client that accepts gzip (browsers,
 * curl --compressed, Python requests) is sent the compressed answer, made
 * once and kept in the response cache beside the plain one.  Part of the
 * serve stage (serve.h).
 *
 * References: RFC 9110 sections 8.4 and 12.5.3 (Content-Encoding,
 * Accept-Encoding, qvalues); RFC 1952 (gzip); zlib's deflate with
 * windowBits 15+16 (a gzip wrapper).
 */
#include <string.h>
#include <zlib.h>

#include "serve.h"

/* Is c a space or tab (optional white space)? */
static int is_ows(char c) { return c == ' ' || c == '\t'; }

/* Does the coding at p (n bytes, up to ';' or ',') name `name`? */
static int token_is(const char *p, size_t n, const char *name) {
  size_t k = strlen(name), i;
  if (n != k)
    return 0;
  for (i = 0; i < n; i++)
    if ((p[i] | 0x20) != name[i])
      return 0;
  return 1;
}

/* Is the parameter list at p (after the coding, up to ',') a q of zero:
 * "q=0", "q=0.", "q=0.0", "q=0.00", "q=0.000"? */
static int is_q_zero(const char *p, const char *end) {
  while (p < end && (is_ows(*p) || *p == ';'))
    p++;
  if (end - p < 3 || (p[0] | 0x20) != 'q' || p[1] != '=')
    return 0;
  p += 2;
  if (*p++ != '0')
    return 0;
  if (p < end && *p == '.')
    for (p++; p < end && *p == '0'; p++) {
    }
  while (p < end && is_ows(*p))
    p++;
  return p == end;
}

int serve_accepts_gzip(const char *accept_encoding) {
  const char *p = accept_encoding;
  int gzip = -1, star = -1; /* -1 unnamed, 0 refused, 1 accepted */
  if (p == NULL)
    return 0;
  while (*p) {
    const char *end = strchr(p, ','), *tok, *tok_end;
    if (end == NULL)
      end = p + strlen(p);
    while (p < end && is_ows(*p))
      p++;
    tok = p;
    while (p < end && *p != ';' && !is_ows(*p))
      p++;
    tok_end = p;
    if (token_is(tok, (size_t)(tok_end - tok), "gzip") ||
        token_is(tok, (size_t)(tok_end - tok), "x-gzip"))
      gzip = !is_q_zero(tok_end, end);
    else if (token_is(tok, (size_t)(tok_end - tok), "*"))
      star = !is_q_zero(tok_end, end);
    p = *end ? end + 1 : end;
  }
  return gzip == 1 || (gzip == -1 && star == 1);
}

int serve_gzip(const void *in, size_t n, buf *out) {
  z_stream z;
  uLong bound;
  int rc;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return -1;
  bound = deflateBound(&z, (uLong)n);
  buf_reset(out);
  if (buf_reserve(out, bound) != 0) {
    deflateEnd(&z);
    return -1;
  }
  z.next_in = (Bytef *)in;
  z.avail_in = (uInt)n;
  z.next_out = (Bytef *)out->ptr;
  z.avail_out = (uInt)bound;
  rc = deflate(&z, Z_FINISH);
  out->len = z.total_out;
  deflateEnd(&z);
  return rc == Z_STREAM_END ? 0 : -1;
}
