/*
 * fuzz_http.c -- libFuzzer target for the HTTP request handler of `kabar
 * serve`: serve_parse_target (src/serve_parse.c) on arbitrary request
 * targets, then serve_handle (src/serve_api.c) on every target it accepts,
 * against a small database built once from two invented articles.
 *
 * Checks, aborting when broken: a rejected target has a status (400 or
 * 414) and a message; an accepted one has a decoded path that starts with
 * '/', holds no NUL, control byte or backslash and no "." or ".." segment,
 * at most SERVE_MAX_PARAMS parameters with distinct names; every answer
 * has a status in 200..599 and a content type, and an API answer is one
 * JSON object whose braces and brackets balance outside strings.
 *
 * Run: make fuzz FUZZ_TARGETS=fuzz_http; make test replays
 * fuzz/corpus/fuzz_http/ (tests/cli/test_fuzz_corpus.sh).
 */
#include "fuzz.h"
#include "serve.h"

static kb_store *store;

/* Two articles written for this target (plain text: title, date line,
 * body). */
static const char *const articles[2] = {
    "Kim Jong Un Kirim Ucapan kepada Putin\n\nJAKARTA, 31 Desember 2024 - "
    "Pemimpin Korea Utara Kim Jong Un mengirim ucapan selamat kepada "
    "Presiden Rusia Vladimir Putin.\n",
    "Rusia Kecam Korea Selatan\n\nJAKARTA, 2 Januari 2025 - Pemerintah "
    "Rusia mengecam Korea Selatan pada 1 Januari 2025.\n"};

/* The database, once: the two articles ingested into memory.  The dict
 * must outlive the store (it stems the full-text index): both are kept. */
static void setup(void) {
  kb_dict *dict = fuzz_dict();
  size_t i;
  if (store)
    return;
  REQUIRE(kb_store_open(":memory:", 0, &store, NULL) == KB_OK);
  for (i = 0; i < 2; i++) {
    kb_doc *doc = NULL;
    char id[8];
    snprintf(id, sizeof id, "f%zu", i + 1);
    REQUIRE(kb_doc_new(id, strlen(id), articles[i], strlen(articles[i]),
                       &doc) == KB_OK);
    REQUIRE(kb_store_ingest_doc(store, doc, dict, NULL, NULL, NULL) == KB_OK);
    kb_doc_free(doc);
  }
}

static void check_path(const serve_request *r) {
  const char *p = r->path;
  size_t i, k, n = strlen(p);
  REQUIRE(p[0] == '/' && !strstr(p, "/./") && !strstr(p, "/../") &&
          !strstr(p, "//") && !strchr(p, '\\'));
  for (i = 0; p[i]; i++)
    REQUIRE((unsigned char)p[i] >= 0x20 && p[i] != 0x7f);
  REQUIRE(!(n >= 2 && strcmp(p + n - 2, "/.") == 0));
  REQUIRE(!(n >= 3 && strcmp(p + n - 3, "/..") == 0));
  REQUIRE(r->n_params <= SERVE_MAX_PARAMS);
  for (i = 0; i < r->n_params; i++)
    for (k = i + 1; k < r->n_params; k++)
      REQUIRE(strcmp(r->params[i].key, r->params[k].key) != 0);
}

/* Braces and brackets balance outside strings; one top-level object
 * followed by a newline. */
static void check_json(const char *s, size_t n) {
  size_t i;
  int depth = 0, in_str = 0;
  REQUIRE(n >= 3 && s[0] == '{' && s[n - 1] == '\n');
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (in_str) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in_str = 0;
      else
        REQUIRE((unsigned char)c >= 0x20);
      continue;
    }
    if (c == '"') {
      in_str = 1;
    } else if (c == '{' || c == '[') {
      depth++;
    } else if (c == '}' || c == ']') {
      depth--;
      REQUIRE(depth >= 0);
      REQUIRE(depth > 0 || i == n - 2);
    }
  }
  REQUIRE(depth == 0 && !in_str);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  serve_request req;
  serve_response res = SERVE_RESPONSE_INIT;
  const char *why = NULL;
  int status;
  setup();
  status = serve_parse_target((const char *)data, size, &req, &why);
  if (status != 0) {
    REQUIRE((status == 400 || status == 414) && why != NULL);
    return 0;
  }
  check_path(&req);
  serve_handle(store, &req, &res);
  REQUIRE(res.status >= 200 && res.status <= 599 && res.type != NULL);
  if (res.fixed == NULL)
    check_json(res.body.ptr, res.body.len);
  buf_free(&res.body);
  return 0;
}
