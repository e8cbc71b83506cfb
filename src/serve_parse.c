/*
 * serve_parse.c -- the request target of an HTTP request, as the client
 * sent it ("/api/events?actor=PRK&from=2024-01-01"), into a decoded path
 * and query parameters, with the limits of docs/API.md.  Part of the serve
 * stage; no network and no database, so it is fuzzed on its own
 * (fuzz/fuzz_http.c).
 *
 * Why parse ourselves rather than take libmicrohttpd's decoded values: the
 * checks need the bytes before decoding (an encoded "/" or "..", a NUL
 * escape), and a repeated parameter must be an error, not silently the
 * first or the last one.
 *
 * References: RFC 3986 (URI syntax, percent-encoding, dot segments); the
 * HTML form encoding ('+' is a space in the query).
 */
#include <string.h>

#include "serve.h"

static int hex(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes s[0..n) into out (room for cap bytes and a NUL); '+' is a space
 * when `plus`.  Returns the decoded length, or -1 with *why set: a bad or
 * NUL escape, a control byte, a backslash, too long. */
static long decode(const char *s, size_t n, int plus, char *out, size_t cap,
                   const char **why) {
  size_t i, o = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '%') {
      int h, l;
      if (i + 2 >= n) {
        *why = "bad percent-escape";
        return -1;
      }
      h = hex(s[i + 1]);
      l = hex(s[i + 2]);
      if (h < 0 || l < 0) {
        *why = "bad percent-escape";
        return -1;
      }
      c = (unsigned char)(h * 16 + l);
      i += 2;
    } else if (c == '+' && plus) {
      c = ' ';
    }
    if (c < 0x20 || c == 0x7f) {
      *why = "control characters are not allowed";
      return -1;
    }
    if (o >= cap) {
      *why = "parameter or path too long";
      return -1;
    }
    out[o++] = (char)c;
  }
  out[o] = 0;
  return (long)o;
}

/* Checks the raw path: no encoded '/' or '\' (a second way to spell a
 * separator is how traversal filters are dodged), no backslash. */
static int raw_path_ok(const char *s, size_t n, const char **why) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (s[i] == '\\') {
      *why = "backslash in path";
      return 0;
    }
    if (s[i] == '%' && i + 2 < n && s[i + 1] == '2' &&
        (s[i + 2] == 'f' || s[i + 2] == 'F')) {
      *why = "encoded '/' in path";
      return 0;
    }
    if (s[i] == '%' && i + 2 < n && s[i + 1] == '5' &&
        (s[i + 2] == 'c' || s[i + 2] == 'C')) {
      *why = "backslash in path";
      return 0;
    }
  }
  return 1;
}

/* Checks the decoded path's segments: none empty ("//"), "." or "..". */
static int segments_ok(const char *p, const char **why) {
  const char *seg = p + 1;
  for (;;) {
    const char *end = strchr(seg, '/');
    size_t n = end ? (size_t)(end - seg) : strlen(seg);
    if ((n == 1 && seg[0] == '.') ||
        (n == 2 && seg[0] == '.' && seg[1] == '.')) {
      *why = "'.' and '..' are not allowed in paths";
      return 0;
    }
    if (n == 0 && end) {
      *why = "empty path segment";
      return 0;
    }
    if (end == NULL)
      return 1;
    seg = end + 1;
  }
}

static int key_ok(const char *k) {
  size_t i;
  for (i = 0; k[i]; i++)
    if (!((k[i] >= 'a' && k[i] <= 'z') || k[i] == '_'))
      return 0;
  return i > 0;
}

int serve_parse_target(const char *target, size_t len, serve_request *out,
                       const char **why) {
  size_t path_len, i;
  const char *q;
  memset(out, 0, sizeof *out);
  *why = NULL;
  if (len > SERVE_MAX_TARGET) {
    *why = "request target too long";
    return 414;
  }
  if (len == 0 || target[0] != '/') {
    *why = "the request target must start with '/'";
    return 400;
  }
  if (memchr(target, 0, len) || memchr(target, '#', len)) {
    *why = "bad character in request target";
    return 400;
  }
  q = memchr(target, '?', len);
  path_len = q ? (size_t)(q - target) : len;
  if (!raw_path_ok(target, path_len, why) ||
      decode(target, path_len, 0, out->path, SERVE_MAX_PATH, why) < 0 ||
      !segments_ok(out->path, why))
    return 400;
  if (q == NULL)
    return 0;
  /* the query: k=v pairs separated by '&'; empty pairs are skipped */
  q++;
  while (q < target + len) {
    const char *end = memchr(q, '&', (size_t)(target + len - q));
    const char *eq;
    size_t n = end ? (size_t)(end - q) : (size_t)(target + len - q);
    if (n > 0) {
      if (out->n_params == SERVE_MAX_PARAMS) {
        *why = "too many query parameters";
        return 400;
      }
      eq = memchr(q, '=', n);
      if (decode(q, eq ? (size_t)(eq - q) : n, 1,
                 out->params[out->n_params].key, SERVE_MAX_KEY, why) < 0 ||
          (eq &&
           decode(eq + 1, n - (size_t)(eq + 1 - q), 1,
                  out->params[out->n_params].value, SERVE_MAX_VALUE, why) < 0))
        return 400;
      if (!key_ok(out->params[out->n_params].key)) {
        *why = "parameter names are lower-case letters and '_'";
        return 400;
      }
      for (i = 0; i < out->n_params; i++)
        if (strcmp(out->params[i].key, out->params[out->n_params].key) == 0) {
          *why = "repeated query parameter";
          return 400;
        }
      out->n_params++;
    }
    if (end == NULL)
      break;
    q = end + 1;
  }
  return 0;
}

const char *serve_param(const serve_request *req, const char *key) {
  size_t i;
  for (i = 0; i < req->n_params; i++)
    if (strcmp(req->params[i].key, key) == 0)
      return req->params[i].value;
  return NULL;
}
