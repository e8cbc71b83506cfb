/*
 * serve.h -- internal interface of `kabar serve`: the HTTP JSON API and the
 * dashboard over a store (docs/API.md).
 *
 * The stage sits after the store in the pipeline (docs/DESIGN.md): it reads
 * a database read-only through the store's queries and never writes.
 *
 *   serve_parse.c   request target -> serve_request (path, parameters),
 *                   with the limits below; no network, fuzzed
 *   serve_api.c     serve_request -> serve_response: the routes, JSON
 *   serve_static.c  the dashboard's files, embedded at build time
 *   serve_cache.c   LRU cache of whole answers, shared without copies
 *   serve_gzip.c    gzip content coding of answers, for clients that ask
 *   serve.c         libmicrohttpd: listening, threads, headers, shutdown
 */
#ifndef KB_SERVE_H
#define KB_SERVE_H

#include <stddef.h>

#include "kabar.h"
#include "util/buf.h"

/* Limits on what a client may send (docs/API.md, "Limits"). */
#define SERVE_MAX_TARGET 2048 /* bytes of the request target: else 414 */
#define SERVE_MAX_PATH 256    /* bytes of the decoded path */
#define SERVE_MAX_PARAMS 16   /* query parameters */
#define SERVE_MAX_KEY 32      /* bytes of a parameter name */
#define SERVE_MAX_VALUE 256   /* bytes of a decoded parameter value */

/* A parsed request target: "/api/events?actor=PRK&limit=10". */
typedef struct serve_request {
  char path[SERVE_MAX_PATH + 1]; /* decoded, NUL-terminated */
  size_t n_params;
  struct {
    char key[SERVE_MAX_KEY + 1];
    char value[SERVE_MAX_VALUE + 1];
  } params[SERVE_MAX_PARAMS];
} serve_request;

/*
 * Parses the request target (as the client sent it, percent-encoded) into
 * *out.  Rejects, with a static message in *why: a target longer than
 * SERVE_MAX_TARGET (414), one not starting with '/', a bad or NUL escape,
 * control bytes, a backslash, an encoded '/', "." or ".." segments, empty
 * segments, too many, too long, malformed or repeated parameters (400).
 * Returns 0 when the target is good, else the HTTP status.
 */
int serve_parse_target(const char *target, size_t len, serve_request *out,
                       const char **why);

/* The value of parameter `key`, or NULL. */
const char *serve_param(const serve_request *req, const char *key);

/* What a route answers. */
typedef struct serve_response {
  int status;
  const char *type;           /* Content-Type (static string) */
  buf body;                   /* owned, unless `fixed` is set */
  const unsigned char *fixed; /* an embedded file (not owned) ... */
  size_t fixed_len;           /* ... and its length */
  int is_cacheable;           /* may go into the response cache */
  char log[200];              /* what the server's log should say, or "" */
} serve_response;

#define SERVE_RESPONSE_INIT                                                    \
  { 0, NULL, BUF_INIT, NULL, 0, 0, "" }

/* Answers one GET request from the store `st` (used by this thread only).
 * Always fills *res (an error is a JSON body with its status); the caller
 * frees res->body. */
void serve_handle(kb_store *st, const serve_request *req, serve_response *res);

/* Fills *res with the JSON error {"error":{"status":..,"message":..}}. */
void serve_error(serve_response *res, int status, const char *message);

/* The embedded dashboard file at `path` ("/" is "/index.html"): 1 and
 * *data, *len, *type set when there is one, else 0. */
int serve_static(const char *path, const unsigned char **data, size_t *len,
                 const char **type);

/* ---- serve_cache.c ------------------------------------------------------ */

/* A thread-safe LRU cache of answers keyed by request target, holding at
 * most `max_bytes` (in n_shards shards, 1 to 64, each with its own lock
 * and an equal part of max_bytes, by the key's hash); entries of an older
 * generation (the database changed) are misses.  The value is opaque (an
 * answer ready to send) and reference counted: free_value frees it when
 * the entry has been evicted and every serve_cache_get of it released. */
typedef struct serve_cache serve_cache;
typedef struct serve_cached serve_cached;

#define SERVE_CACHE_MAX_ENTRY (1u << 20) /* larger answers are not cached */

serve_cache *serve_cache_new(size_t max_bytes, unsigned n_shards,
                             void (*free_value)(void *));
void serve_cache_free(serve_cache *c);
/* The entry for key with a reference taken, or NULL. */
serve_cached *serve_cache_get(serve_cache *c, const char *key, size_t key_len);
void *serve_cached_value(const serve_cached *e);
int serve_cached_status(const serve_cached *e);
void serve_cache_release(serve_cache *c, serve_cached *e);
/* Stores value (an answer of `size` bytes with HTTP `status`) under key,
 * replacing an older one; the cache owns value from here on, and frees it
 * at once when it does not fit. */
void serve_cache_put(serve_cache *c, const char *key, size_t key_len,
                     int status, void *value, size_t size);
/* Marks every entry stale (the database changed under us). */
void serve_cache_invalidate(serve_cache *c);

/* ---- serve_gzip.c ------------------------------------------------------- */

/* Does an Accept-Encoding header value (NULL: none) accept gzip?  "gzip"
 * or "x-gzip" without q=0, or "*" without q=0 and gzip not named. */
int serve_accepts_gzip(const char *accept_encoding);

/* out = in compressed as one gzip member.  0, or -1 (out of memory). */
int serve_gzip(const void *in, size_t n, buf *out);

/* ---- serve.c ------------------------------------------------------------ */

typedef struct serve_options {
  const char *db;   /* the database, opened read-only */
  const char *host; /* IPv4 address to bind, "127.0.0.1" */
  unsigned port;    /* 0: any free port */
  unsigned threads; /* worker threads, >= 1 */
  unsigned max_connections;
  unsigned timeout;             /* seconds of inactivity before a close */
  unsigned header_timeout;      /* seconds for a whole request, 0: none */
  size_t cache_bytes;           /* response cache, 0 for none */
  void (*log)(const char *msg); /* server-side errors (may be NULL) */
} serve_options;

typedef struct serve serve;

/* Opens the database (read-only, checked once here) and starts listening.
 * Returns KB_OK and *out, or KB_EIO/KB_EDB with the reason in err. */
kb_status serve_start(const serve_options *o, serve **out, kb_error *err);

/* The port it listens on (useful after port 0). */
unsigned serve_port(const serve *s);

/* Stops accepting, finishes the requests in flight, closes everything. */
void serve_stop(serve *s);

#endif
