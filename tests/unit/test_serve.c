/*
 * test_serve.c -- the serve stage without a network: the request-target
 * parser's decoding and limits (src/serve_parse.c), the response cache
 * (src/serve_cache.c) and gzip (src/serve_gzip.c).  The routes over HTTP are tests/cli/test_serve.sh.
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "harness.h"
#include "serve.h"

static int parse(const char *target, serve_request *r, const char **why) {
  return serve_parse_target(target, strlen(target), r, why);
}

static void targets_are_decoded(void) {
  serve_request r;
  const char *why;
  CHECK_INT(parse("/api/search?q=ucapan+selamat&limit=5", &r, &why), 0);
  CHECK_STR(r.path, "/api/search");
  CHECK_INT((long long)r.n_params, 2);
  CHECK_STR(serve_param(&r, "q"), "ucapan selamat");
  CHECK_STR(serve_param(&r, "limit"), "5");
  CHECK(serve_param(&r, "actor") == NULL);
  CHECK_INT(parse("/api/search?q=%22Kim%22%20%26%20Putin&&", &r, &why), 0);
  CHECK_STR(serve_param(&r, "q"), "\"Kim\" & Putin");
  CHECK_INT(parse("/api/events?negated", &r, &why), 0);
  CHECK_STR(serve_param(&r, "negated"), "");
  CHECK_INT(parse("/vendor/uPlot.min.css", &r, &why), 0);
  CHECK_STR(r.path, "/vendor/uPlot.min.css");
}

static void traversal_is_refused(void) {
  static const char *const bad[] = {
      "/../etc/passwd", "/a/..",  "/%2e%2e/x",  "/a/%2E%2E",
      "/./x",           "/a//b",  "/a%2fb",     "/a%2Fb",
      "/a%5cb",         "/a\\b",  "/a%00b",     "/a%0ab",
      "/a%zz",          "/a%2",   "api/events", "",
      "/x#frag",        "/%2e/x", NULL};
  serve_request r;
  const char *why;
  size_t i;
  for (i = 0; bad[i]; i++) {
    CHECK_INT(parse(bad[i], &r, &why), 400);
    CHECK(why != NULL);
  }
}

static void limits_are_enforced(void) {
  char target[SERVE_MAX_TARGET + 64];
  serve_request r;
  const char *why;
  size_t i, n;
  memset(target, 'a', sizeof target);
  target[0] = '/';
  target[SERVE_MAX_TARGET] = 0;
  CHECK_INT(parse(target, &r, &why), 400); /* a path over SERVE_MAX_PATH */
  target[SERVE_MAX_TARGET + 1] = 0;
  target[SERVE_MAX_TARGET] = 'a';
  CHECK_INT(parse(target, &r, &why), 414);
  /* 16 parameters pass, 17 do not */
  n = (size_t)snprintf(target, sizeof target, "/api/events?");
  for (i = 0; i < 17; i++)
    n += (size_t)snprintf(target + n, sizeof target - n, "%sp%c=1",
                          i ? "&" : "", (char)('a' + i));
  CHECK_INT(parse(target, &r, &why), 400);
  CHECK(strstr(why, "too many") != NULL);
  *strrchr(target, '&') = 0;
  CHECK_INT(parse(target, &r, &why), 0);
  CHECK_INT((long long)r.n_params, 16);
  CHECK_INT(parse("/api/events?actor=PRK&actor=RUS", &r, &why), 400);
  CHECK(strstr(why, "repeated") != NULL);
  CHECK_INT(parse("/api/events?Actor=PRK", &r, &why), 400);
  CHECK_INT(parse("/api/events?act0r=PRK", &r, &why), 400);
  memset(target, 'A', 300);
  memcpy(target, "/api/events?actor=", 18);
  target[300] = 0;
  CHECK_INT(parse(target, &r, &why), 400);
}

/* The cache's values here are counters of their own frees. */
static int n_freed;
static void count_free(void *v) {
  (void)v;
  n_freed++;
}

static int has(serve_cache *c, const char *key) {
  serve_cached *e = serve_cache_get(c, key, strlen(key));
  serve_cache_release(c, e);
  return e != NULL;
}

static void cache_hits_replaces_and_refuses(void) {
  serve_cache *c = serve_cache_new(8 * 1000, 8, count_free);
  static int va, vb, vc;
  serve_cached *e, *held;
  CHECK(c != NULL);
  n_freed = 0;
  serve_cache_put(c, "/x", 2, 200, &va, 600);
  e = serve_cache_get(c, "/x", 2);
  CHECK(e && serve_cached_value(e) == &va && serve_cached_status(e) == 200);
  serve_cache_release(c, e);
  CHECK(!has(c, "/y"));
  serve_cache_put(c, "/x", 2, 404, &vb, 600); /* replaces */
  CHECK_INT(n_freed, 1);
  held = serve_cache_get(c, "/x", 2);
  CHECK(held && serve_cached_value(held) == &vb &&
        serve_cached_status(held) == 404);
  /* replaced while held: the held value lives until released */
  serve_cache_put(c, "/x", 2, 200, &vc, 600);
  CHECK_INT(n_freed, 1);
  CHECK(held && serve_cached_value(held) == &vb);
  serve_cache_release(c, held);
  CHECK_INT(n_freed, 2);
  /* too big for a shard (1,000 bytes): refused, and freed at once */
  serve_cache_put(c, "/big", 4, 200, &va, 5000);
  CHECK_INT(n_freed, 3);
  CHECK(!has(c, "/big"));
  serve_cache_put(c, "/huge", 5, 200, &va, SERVE_CACHE_MAX_ENTRY + 1);
  CHECK_INT(n_freed, 4);
  /* invalidated: a miss, and dropped */
  CHECK(has(c, "/x"));
  serve_cache_invalidate(c);
  CHECK(!has(c, "/x"));
  CHECK_INT(n_freed, 5);
  serve_cache_put(c, "/x", 2, 200, &va, 600); /* the new generation */
  CHECK(has(c, "/x"));
  serve_cache_free(c);
  CHECK_INT(n_freed, 6);
  CHECK(serve_cache_new(1000, 0, count_free) == NULL);
}

/* One shard, room for two entries of ~400 bytes: the least recently used
 * goes; an evicted entry still held lives until released. */
static void cache_evicts_the_least_recent(void) {
  serve_cache *c = serve_cache_new(1000, 1, count_free);
  static int va, vb, vc, vd;
  serve_cached *held;
  n_freed = 0;
  serve_cache_put(c, "/a", 2, 200, &va, 300);
  serve_cache_put(c, "/b", 2, 200, &vb, 300);
  CHECK(has(c, "/a")); /* /a is now the newest */
  serve_cache_put(c, "/c", 2, 200, &vc, 300); /* evicts /b */
  CHECK_INT(n_freed, 1);
  CHECK(!has(c, "/b"));
  CHECK(has(c, "/a"));
  CHECK(has(c, "/c"));
  held = serve_cache_get(c, "/a", 2); /* newest again, and held */
  CHECK(has(c, "/c"));                /* now /a is the oldest */
  serve_cache_put(c, "/d", 2, 200, &vd, 300); /* evicts /a, still held */
  CHECK(!has(c, "/a"));
  CHECK_INT(n_freed, 1);
  CHECK(held && serve_cached_value(held) == &va);
  serve_cache_release(c, held);
  CHECK_INT(n_freed, 2);
  serve_cache_free(c);
  CHECK_INT(n_freed, 4);
}

static void accept_encoding_is_read(void) {
  CHECK(serve_accepts_gzip("gzip"));
  CHECK(serve_accepts_gzip("gzip, deflate, br"));
  CHECK(serve_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  CHECK(serve_accepts_gzip("x-gzip"));
  CHECK(serve_accepts_gzip("*"));
  CHECK(serve_accepts_gzip("identity, * ;q=0.1"));
  CHECK(serve_accepts_gzip("gzip;q=0.001"));
  CHECK(!serve_accepts_gzip(NULL));
  CHECK(!serve_accepts_gzip(""));
  CHECK(!serve_accepts_gzip("identity"));
  CHECK(!serve_accepts_gzip("deflate, br"));
  CHECK(!serve_accepts_gzip("gzip;q=0"));
  CHECK(!serve_accepts_gzip("gzip; q=0.000"));
  CHECK(!serve_accepts_gzip("*, gzip;q=0")); /* named beats the star */
  CHECK(!serve_accepts_gzip("*;q=0"));
  CHECK(!serve_accepts_gzip("gzipx, xgzip"));
}

static void gzip_round_trips(void) {
  char text[20000];
  char back[sizeof text + 16];
  buf z = BUF_INIT;
  z_stream st;
  size_t i;
  for (i = 0; i < sizeof text; i++) /* JSON-like: repetitive, not constant */
    text[i] = "{\"id\":12,\"code\":\"051\"},"[(i * 7 + i / 97) % 24];
  CHECK_INT(serve_gzip(text, sizeof text, &z), 0);
  CHECK(z.len > 18 && z.len < sizeof text / 2);
  CHECK(z.len > 2 && (unsigned char)z.ptr[0] == 0x1f &&
        (unsigned char)z.ptr[1] == 0x8b); /* a gzip member */
  memset(&st, 0, sizeof st);
  CHECK_INT(inflateInit2(&st, 15 + 16), Z_OK);
  st.next_in = (Bytef *)z.ptr;
  st.avail_in = (uInt)z.len;
  st.next_out = (Bytef *)back;
  st.avail_out = sizeof back;
  CHECK_INT(inflate(&st, Z_FINISH), Z_STREAM_END);
  CHECK_INT((long long)st.total_out, (long long)sizeof text);
  CHECK(memcmp(back, text, sizeof text) == 0);
  inflateEnd(&st);
  CHECK_INT(serve_gzip("", 0, &z), 0); /* empty: still a valid member */
  CHECK(z.len >= 18);
  buf_free(&z);
}

int main(void) {
  RUN(targets_are_decoded);
  RUN(traversal_is_refused);
  RUN(limits_are_enforced);
  RUN(cache_hits_replaces_and_refuses);
  RUN(cache_evicts_the_least_recent);
  RUN(accept_encoding_is_read);
  RUN(gzip_round_trips);
  return harness_done("serve");
}
