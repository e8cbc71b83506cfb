/*
 * test_serve.c -- the serve stage without a network: the request-target
 * parser's decoding and limits (src/serve_parse.c) and the response cache
 * (src/serve_cache.c).  The routes over HTTP are tests/cli/test_serve.sh.
 */
#include <string.h>

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

static void cache_hits_evicts_and_invalidates(void) {
  serve_cache *c = serve_cache_new(4096);
  serve_response res = SERVE_RESPONSE_INIT, got = SERVE_RESPONSE_INIT;
  char body[1500];
  CHECK(c != NULL);
  res.status = 200;
  res.type = "application/json";
  res.is_cacheable = 1;
  memset(body, 'x', sizeof body);
  buf_append(&res.body, body, sizeof body);
  serve_cache_put(c, "/a", 2, &res);
  CHECK_INT(serve_cache_get(c, "/a", 2, &got), 1);
  CHECK_INT((long long)got.body.len, 1500);
  CHECK_INT(got.status, 200);
  CHECK_INT(serve_cache_get(c, "/b", 2, &got), 0);
  serve_cache_put(c, "/b", 2, &res);
  CHECK_INT(serve_cache_get(c, "/a", 2, &got), 1); /* /a is now newest */
  serve_cache_put(c, "/c", 2, &res);               /* evicts /b */
  CHECK_INT(serve_cache_get(c, "/b", 2, &got), 0);
  CHECK_INT(serve_cache_get(c, "/a", 2, &got), 1);
  CHECK_INT(serve_cache_get(c, "/c", 2, &got), 1);
  serve_cache_invalidate(c);
  CHECK_INT(serve_cache_get(c, "/a", 2, &got), 0);
  res.is_cacheable = 0;
  serve_cache_put(c, "/d", 2, &res);
  CHECK_INT(serve_cache_get(c, "/d", 2, &got), 0);
  buf_free(&res.body);
  buf_free(&got.body);
  serve_cache_free(c);
}

int main(void) {
  RUN(targets_are_decoded);
  RUN(traversal_is_refused);
  RUN(limits_are_enforced);
  RUN(cache_hits_evicts_and_invalidates);
  return harness_done("serve");
}
