/*
 * serve.c -- the HTTP side of `kabar serve`: GNU libmicrohttpd listening on
 * a loopback address, a pool of worker threads each with its own
 * read-only store handle, the response cache, the security headers, and a
 * clean stop.  Part of the serve stage (serve.h); the routes are in
 * serve_api.c, the API in docs/API.md.
 *
 * Input: serve_options.  Output: HTTP/1.1 responses until serve_stop.
 *
 * Threads: libmicrohttpd runs `threads` workers, each with its own epoll
 * loop over its connections; a kb_store serves one thread at a time, so
 * each worker opens its own handle on its first request (SQLite in WAL
 * mode lets them all read while an ingest writes).
 *
 * Slow and many clients: every connection has a fixed memory pool (a
 * request line or header past it is refused by libmicrohttpd), is closed
 * after `timeout` seconds of silence, and at most `max_connections` are
 * open; with epoll an idle connection costs no thread, so a slowloris
 * client holding hundreds of sockets does not starve the others.
 * Silence is not the only way to hold a connection: a client sending one
 * header byte a second is never silent.  So each request also has a
 * deadline, `header_timeout` seconds from the connection's opening (or
 * the previous answer's end, on a kept-alive one) to its answer being
 * queued; libmicrohttpd has no such limit, so a reaper thread keeps the
 * open connections in a list and shuts down the socket of any past its
 * deadline (libmicrohttpd then sees the end of the stream and closes it;
 * the list entry goes before the descriptor is closed, in
 * MHD_CONNECTION_NOTIFY_CLOSED, so a reused descriptor is never hit).
 *
 * References: GNU libmicrohttpd manual (0.9.75); OWASP Secure Headers.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "serve.h"
#include "store.h"
#include "store_pg.h"
#include "util/alloc.h"

/* Per-connection memory: the request line and headers must fit. */
#define CONNECTION_MEMORY (32u * 1024u)

/* Content-Security-Policy: nothing inline, nothing from elsewhere. */
#define CSP                                                                    \
  "default-src 'none'; script-src 'self'; style-src 'self'; "                  \
  "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "                \
  "form-action 'none'; frame-ancestors 'none'"

/* At most how often a worker asks SQLite whether the database changed. */
#define VERSION_CHECK_MS 100

/* Answers shorter than this are not worth gzipping. */
#define GZIP_MIN 1024

/* What a cache key of a gzipped answer ends with (no target has a
 * newline). */
#define GZIP_KEY "\ngzip"

/* The response cache's shards (each with its own lock). */
#define CACHE_SHARDS 8

/* How often the reaper looks for connections past their deadline. */
#define REAP_PERIOD_MS 200

/* An open connection, for the header deadline (libmicrohttpd's socket
 * context). */
typedef struct conn {
  struct conn *prev, *next; /* serve.conns */
  int fd;
  atomic_llong deadline; /* monotonic ms; 0 while no request is pending */
} conn;

struct serve {
  struct MHD_Daemon *daemon;
  serve_options o;
  serve_cache *cache;
  pthread_mutex_t lock; /* guards handles */
  struct handle {
    kb_store *st;
    sqlite3_stmt *data_version;
  } * handles; /* every worker's, closed at stop */
  size_t n_handles, cap_handles;
  pthread_mutex_t conn_lock; /* guards conns */
  conn *conns;
  pthread_t reaper;
  int has_reaper;
  pthread_mutex_t stop_lock; /* guards is_stopping, with stop_cond */
  pthread_cond_t stop_cond;
  int is_stopping;
};

/* A worker's own handle and its view of the database's version. */
typedef struct worker {
  serve *owner;
  kb_store *st;
  sqlite3_stmt *data_version;
  long long version;
  long long next_check; /* now_ms() of the next look at data_version */
} worker;

static _Thread_local worker tls;

/* Milliseconds on the monotonic clock. */
static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


/* What the URI log callback keeps for the access handler: the request
 * target as sent, before libmicrohttpd decodes it. */
typedef struct request_ctx {
  int is_started; /* the access handler has seen the headers */
  size_t len;     /* the target's full length (may exceed what is kept) */
  char target[SERVE_MAX_TARGET + 1];
} request_ctx;

static void log_msg(const serve *s, const char *msg) {
  if (s->o.log)
    s->o.log(msg);
}

/* This thread's store, opened on first use; NULL after logging. */
static kb_store *worker_store(serve *s) {
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_store *st = NULL;
  if (tls.owner == s && tls.st)
    return tls.st;
  if (kb_store_open(s->o.db, KB_STORE_READONLY, &st, &err) != KB_OK) {
    char msg[300];
    snprintf(msg, sizeof msg, "%s: %s", s->o.db,
             err.msg ? err.msg : "cannot open");
    log_msg(s, msg);
    return NULL;
  }
  tls.data_version = NULL;
  if (st->db && sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &tls.data_version,
                         NULL) != SQLITE_OK)
    tls.data_version = NULL;
  pthread_mutex_lock(&s->lock);
  if (s->n_handles == s->cap_handles) {
    size_t cap = s->cap_handles ? 2 * s->cap_handles : 16;
    struct handle *p =
        kb_realloc(s->handles, s->cap_handles * sizeof *p, cap * sizeof *p);
    if (p == NULL) {
      pthread_mutex_unlock(&s->lock);
      sqlite3_finalize(tls.data_version);
      kb_store_close(st);
      return NULL;
    }
    s->handles = p;
    s->cap_handles = cap;
  }
  s->handles[s->n_handles].st = st;
  s->handles[s->n_handles++].data_version = tls.data_version;
  pthread_mutex_unlock(&s->lock);
  tls.owner = s;
  tls.st = st;
  tls.version = -1;
  tls.next_check = 0;
  return st;
}

/* Empties the cache when another connection (an ingest) committed since
 * this worker last looked: SQLite's data_version changes exactly then.
 * Looking is a read transaction (file locks, a global SQLite mutex the
 * workers contend for), so a worker looks at most every
 * VERSION_CHECK_MS: a commit reaches cached answers that much later. */
static void check_version(serve *s) {
  long long v, now;
  if (tls.data_version == NULL && tls.st->pg == NULL)
    return;
  now = now_ms();
  if (now < tls.next_check)
    return;
  tls.next_check = now + VERSION_CHECK_MS;
  if (tls.st->pg) {
    /* PostgreSQL: the last article's id, which an ingest that stores
     * anything moves */
    if ((v = pg_version(tls.st->pg)) < 0)
      return;
  } else {
    if (sqlite3_step(tls.data_version) != SQLITE_ROW) {
      sqlite3_reset(tls.data_version);
      return;
    }
    v = sqlite3_column_int64(tls.data_version, 0);
    sqlite3_reset(tls.data_version);
  }
  if (tls.version != -1 && v != tls.version)
    serve_cache_invalidate(s->cache);
  tls.version = v;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c) {
  request_ctx *ctx = kb_alloc(sizeof *ctx);
  size_t n = strlen(uri);
  (void)cls;
  (void)c;
  if (ctx == NULL)
    return NULL;
  ctx->is_started = 0;
  ctx->len = n;
  if (n > SERVE_MAX_TARGET)
    n = SERVE_MAX_TARGET;
  memcpy(ctx->target, uri, n);
  ctx->target[n] = 0;
  return ctx;
}

/* The connection's entry, or NULL (header deadline off, or out of memory). */
static conn *conn_of(struct MHD_Connection *c) {
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info ? info->socket_context : NULL;
}

/* Starts the clock of the next request on c (from now). */
static void conn_wait_request(const serve *s, struct MHD_Connection *c) {
  conn *k = s->o.header_timeout ? conn_of(c) : NULL;
  if (k)
    atomic_store_explicit(&k->deadline,
                          now_ms() + 1000LL * s->o.header_timeout,
                          memory_order_relaxed);
}

static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
  serve *s = cls;
  conn *k;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = NULL;
    if (info == NULL || (k = kb_alloc(sizeof *k)) == NULL)
      return; /* no deadline for this one; the idle timeout still holds */
    k->fd = info->connect_fd;
    atomic_init(&k->deadline, now_ms() + 1000LL * s->o.header_timeout);
    pthread_mutex_lock(&s->conn_lock);
    k->prev = NULL;
    k->next = s->conns;
    if (s->conns)
      s->conns->prev = k;
    s->conns = k;
    pthread_mutex_unlock(&s->conn_lock);
    *socket_context = k;
  } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
    k = *socket_context;
    pthread_mutex_lock(&s->conn_lock);
    if (k->prev)
      k->prev->next = k->next;
    else
      s->conns = k->next;
    if (k->next)
      k->next->prev = k->prev;
    pthread_mutex_unlock(&s->conn_lock);
    kb_free(k);
    *socket_context = NULL;
  }
}

/* The reaper: every REAP_PERIOD_MS, shuts down the sockets of requests
 * past their deadline.  The worker owning one then reads the end of the
 * stream and closes the connection as if the client had. */
static void *reap(void *arg) {
  serve *s = arg;
  pthread_mutex_lock(&s->stop_lock);
  while (!s->is_stopping) {
    struct timespec until;
    long long now;
    conn *k;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += REAP_PERIOD_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&s->stop_cond, &s->stop_lock, &until);
    if (s->is_stopping)
      break;
    now = now_ms();
    pthread_mutex_lock(&s->conn_lock);
    for (k = s->conns; k; k = k->next) {
      long long d = atomic_load_explicit(&k->deadline, memory_order_relaxed);
      if (d != 0 && now >= d) {
        shutdown(k->fd, SHUT_RDWR);
        atomic_store_explicit(&k->deadline, 0, memory_order_relaxed);
      }
    }
    pthread_mutex_unlock(&s->conn_lock);
  }
  pthread_mutex_unlock(&s->stop_lock);
  return NULL;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why) {
  /* a kept-alive connection now waits for its next request */
  if (why == MHD_REQUEST_TERMINATED_COMPLETED_OK)
    conn_wait_request(cls, c);
  kb_free(*con_cls);
  *con_cls = NULL;
}

static void free_body(void *p) { kb_free(p); }

static void free_response(void *r) { MHD_destroy_response(r); }

/* A libmicrohttpd response for res with the security headers, or NULL.
 * It takes res's body (no copy: res->body is emptied); `encoding` is its
 * Content-Encoding, or NULL. */
static struct MHD_Response *make_response(serve_response *res,
                                          const char *allow,
                                          const char *encoding) {
  struct MHD_Response *r;
  if (res->fixed)
    r = MHD_create_response_from_buffer(res->fixed_len, (void *)res->fixed,
                                        MHD_RESPMEM_PERSISTENT);
  else if (res->body.len == 0)
    r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
  else {
    r = MHD_create_response_from_buffer_with_free_callback(
        res->body.len, res->body.ptr, free_body);
    if (r) { /* the response owns the bytes now */
      res->body.ptr = NULL;
      res->body.len = res->body.cap = 0;
    }
  }
  if (r == NULL)
    return NULL;
  MHD_add_response_header(r, "Content-Type", res->type);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Content-Security-Policy", CSP);
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(r, "Cache-Control", "no-cache");
  if (allow)
    MHD_add_response_header(r, "Allow", allow);
  if (encoding)
    MHD_add_response_header(r, "Content-Encoding", encoding);
  if (!res->fixed) /* answers are gzipped for clients that accept it */
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
  return r;
}

/* Off the request deadline's clock: the answer is queued. */
static void conn_answered(const serve *s, struct MHD_Connection *c) {
  conn *k = s->o.header_timeout ? conn_of(c) : NULL;
  if (k)
    atomic_store_explicit(&k->deadline, 0, memory_order_relaxed);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
  serve *s = cls;
  request_ctx *ctx = *con_cls;
  serve_response res = SERVE_RESPONSE_INIT;
  serve_request req;
  const char *why;
  const char *allow = NULL;
  kb_store *st;
  int status, is_get, is_cacheable = 0, is_gzip = 0;
  const char *encoding = NULL;
  char key[SERVE_MAX_TARGET + sizeof GZIP_KEY];
  size_t size, key_len = 0;
  struct MHD_Response *r;
  enum MHD_Result ret;
  (void)url;
  (void)version;
  (void)upload;
  /* The first call only announces the headers: answering then would make
   * libmicrohttpd close the connection (it cannot know yet that no body
   * follows), and keep-alive is what makes a dashboard's many small
   * requests cheap.  A body is never wanted: it is dropped. */
  if (ctx && !ctx->is_started) {
    ctx->is_started = 1;
    return MHD_YES;
  }
  if (*upload_size) {
    *upload_size = 0;
    return MHD_YES;
  }
  conn_answered(s, c);
  is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
  st = is_get && ctx ? worker_store(s) : NULL;
  if (st && ctx->len <= SERVE_MAX_TARGET) {
    serve_cached *hit;
    /* the cache key: the target, and whether the client takes gzip */
    is_gzip = serve_accepts_gzip(MHD_lookup_connection_value(
        c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING));
    memcpy(key, ctx->target, ctx->len);
    key_len = ctx->len;
    if (is_gzip) {
      memcpy(key + key_len, GZIP_KEY, sizeof GZIP_KEY - 1);
      key_len += sizeof GZIP_KEY - 1;
    }
    check_version(s);
    /* A cached answer is a response object shared by every connection
     * sent it: no copy, no headers to build, not even the target to parse
     * (only a target that parsed is ever cached, byte for byte). */
    if ((hit = serve_cache_get(s->cache, key, key_len)) != NULL) {
      ret = MHD_queue_response(c, (unsigned)serve_cached_status(hit),
                               serve_cached_value(hit));
      serve_cache_release(s->cache, hit);
      return ret;
    }
  }
  if (!is_get) {
    serve_error(&res, 405, "only GET and HEAD");
    allow = "GET, HEAD";
  } else if (ctx == NULL) {
    serve_error(&res, 500, "out of memory");
  } else if ((status = serve_parse_target(ctx->target, ctx->len, &req, &why)) !=
             0) {
    serve_error(&res, status, why);
  } else if (st == NULL) {
    serve_error(&res, 500, "database unavailable");
  } else {
    serve_handle(st, &req, &res);
    if (res.log[0])
      log_msg(s, res.log);
    is_cacheable = s->cache && res.is_cacheable && !res.fixed && key_len;
    if (is_gzip && !res.fixed && res.body.len >= GZIP_MIN) {
      buf z = BUF_INIT;
      if (serve_gzip(res.body.ptr, res.body.len, &z) == 0) {
        buf_free(&res.body);
        res.body = z;
        encoding = "gzip";
      } else
        buf_free(&z); /* sent as it is */
    }
  }
  size = res.body.len;
  r = make_response(&res, allow, encoding);
  buf_free(&res.body);
  if (r == NULL)
    return MHD_NO;
  ret = MHD_queue_response(c, (unsigned)res.status, r);
  if (is_cacheable) /* the cache takes this reference */
    serve_cache_put(s->cache, key, key_len, res.status, r,
                    size + 1024 /* headers */);
  else
    MHD_destroy_response(r);
  return ret;
}

static void destroy_locks(serve *s) {
  pthread_mutex_destroy(&s->lock);
  pthread_mutex_destroy(&s->conn_lock);
  pthread_mutex_destroy(&s->stop_lock);
  pthread_cond_destroy(&s->stop_cond);
}

kb_status serve_start(const serve_options *o, serve **out, kb_error *err) {
  serve *s;
  kb_store *probe = NULL;
  kb_status rc;
  struct sockaddr_in addr;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  *out = NULL;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)o->port);
  if (o->port > 65535 || inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
    set_error(err, KB_EARG, "the listen address is IPv4 HOST:PORT", NULL, 0);
    return KB_EARG;
  }
  /* the database must open now, not at the first request */
  rc = kb_store_open(o->db, KB_STORE_READONLY, &probe, err);
  if (rc != KB_OK)
    return rc;
  kb_store_close(probe);
  s = kb_alloc(sizeof *s);
  if (s == NULL) {
    set_error(err, KB_ENOMEM, "out of memory", NULL, 0);
    return KB_ENOMEM;
  }
  memset(s, 0, sizeof *s);
  s->o = *o;
  pthread_mutex_init(&s->lock, NULL);
  pthread_mutex_init(&s->conn_lock, NULL);
  pthread_mutex_init(&s->stop_lock, NULL);
  pthread_cond_init(&s->stop_cond, NULL);
  s->cache =
      o->cache_bytes ? serve_cache_new(o->cache_bytes, CACHE_SHARDS, free_response)
                     : NULL;
  s->daemon = MHD_start_daemon(
      flags, (uint16_t)o->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
      (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
      (unsigned)(o->threads > 1 ? o->threads : 0), MHD_OPTION_CONNECTION_LIMIT,
      (unsigned)o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
      (unsigned)o->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      (size_t)CONNECTION_MEMORY, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
      MHD_OPTION_NOTIFY_CONNECTION, o->header_timeout ? on_connection : NULL,
      s,
      MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, MHD_OPTION_END);
  if (s->daemon == NULL) {
    serve_cache_free(s->cache);
    destroy_locks(s);
    kb_free(s);
    set_error(err, KB_EIO,
              "cannot listen on that address (in use, or not this machine's)",
              NULL, 0);
    return KB_EIO;
  }
  if (o->header_timeout)
    s->has_reaper = pthread_create(&s->reaper, NULL, reap, s) == 0;
  *out = s;
  return KB_OK;
}

unsigned serve_port(const serve *s) {
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info ? info->port : s->o.port;
}

void serve_stop(serve *s) {
  size_t i;
  if (s == NULL)
    return;
  if (s->has_reaper) {
    pthread_mutex_lock(&s->stop_lock);
    s->is_stopping = 1;
    pthread_cond_signal(&s->stop_cond);
    pthread_mutex_unlock(&s->stop_lock);
    pthread_join(s->reaper, NULL);
  }
  MHD_stop_daemon(s->daemon); /* joins the workers, closes the conns */
  for (i = 0; i < s->n_handles; i++) {
    sqlite3_finalize(s->handles[i].data_version);
    kb_store_close(s->handles[i].st);
  }
  kb_free(s->handles);
  serve_cache_free(s->cache);
  destroy_locks(s);
  kb_free(s);
}
