/*
 * fuzz_dict.c -- libFuzzer target for the dictionary loader (src/dict.c,
 * src/dict_actors.c, src/dict_verbs.c, src/morph_lexicon.c): every data
 * file format `kabar --dict DIR` reads, and the hunspell root list.
 *
 * The first byte chooses the file; the rest becomes that file in a
 * scratch data folder whose other files are empty, except
 * cameo_events.txt, which holds the real list (verbs.txt refers to its
 * codes).  kb_dict_load then runs on the folder.  Checks: it returns
 * KB_OK, KB_EFORMAT (err names the file and a line of it) or KB_EIO
 * (naming the file); never anything else.  A dictionary that loads is
 * then used: an invented article is coded with it, and its events must
 * hold the same invariants as in fuzz_code.
 */
#include <errno.h>
#include <sys/stat.h>

#include "fuzz.h"

static const char *const files[] = {
    "hunspell.dic",        "roots.txt",           "names.txt",
    "morph_compounds.txt", "morph_not_roots.txt", "actors/countries.txt",
    "actors/domestic_idn.txt", "actors/orgs.txt", "actors/people.txt",
    "actors/agents.txt",   "cameo_events.txt",    "verbs.txt"};
#define N_FILES (sizeof files / sizeof files[0])

static const char article[] =
    "Kamis (14/3/2024)\n"
    "JAKARTA - Presiden Indonesia menerima kunjungan Menteri Luar Negeri "
    "Jepang di Istana. Kedua menteri menandatangani perjanjian dagang. "
    "Polisi menangkap tiga orang di Bandung, kata juru bicara Polri.\n"
    "Rusia mengecam serangan itu, sementara PBB mendesak Israel dan Hamas "
    "menghentikan perang.\n";

static char data_dir[512], dic_path[512];

static const char *embedded(const char *name, size_t *len) {
  size_t i;
  for (i = 0; i < kb_n_embedded_files; i++)
    if (strcmp(kb_embedded_files[i].name, name) == 0) {
      *len = kb_embedded_files[i].len;
      return (const char *)kb_embedded_files[i].data;
    }
  *len = 0;
  return "";
}

static void write_file(const char *name, const void *p, size_t n) {
  char path[1024];
  FILE *f;
  if (strcmp(name, "hunspell.dic") == 0)
    snprintf(path, sizeof path, "%s", dic_path);
  else
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
  f = fopen(path, "wb");
  if (f == NULL || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
    perror(path);
    abort();
  }
}

/* The default content of file i: the real cameo list, else empty. */
static void reset_file(size_t i) {
  size_t n = 0;
  const char *p = "";
  if (strcmp(files[i], "cameo_events.txt") == 0)
    p = embedded(files[i], &n);
  write_file(files[i], p, n);
}

static void setup(void) {
  char sub[600];
  size_t i;
  if (data_dir[0])
    return;
  snprintf(data_dir, sizeof data_dir, "%s/data", fuzz_dir());
  snprintf(sub, sizeof sub, "%s/actors", data_dir);
  snprintf(dic_path, sizeof dic_path, "%s/hunspell.dic", fuzz_dir());
  if ((mkdir(data_dir, 0700) != 0 && errno != EEXIST) ||
      (mkdir(sub, 0700) != 0 && errno != EEXIST)) {
    perror(sub);
    abort();
  }
  for (i = 0; i < N_FILES; i++)
    reset_file(i);
}

static void use(const kb_dict *dict) {
  kb_doc *doc = NULL;
  kb_options opts = KB_OPTIONS_INIT;
  size_t i;
  opts.reference_date = "2024-03-14";
  REQUIRE(kb_doc_new("a", 1, article, sizeof article - 1, &doc) == KB_OK);
  REQUIRE(kb_doc_code(doc, dict, &opts, NULL) == KB_OK);
  for (i = 0; i < kb_doc_n_events(doc); i++) {
    const kb_event *e = kb_doc_event(doc, i);
    REQUIRE(e->sentence < kb_doc_n_sentences(doc));
    REQUIRE(span_ok(doc, e->verb_span));
    REQUIRE(memchr(e->code, '\0', sizeof e->code) != NULL);
    REQUIRE(memchr(e->source.code, '\0', sizeof e->source.code) != NULL);
    REQUIRE(memchr(e->target.code, '\0', sizeof e->target.code) != NULL);
    check_text(e->source.name);
    check_text(e->target.name);
  }
  kb_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t which;
  kb_dict *dict = NULL;
  kb_error err;
  kb_status st;
  if (size == 0)
    return 0;
  setup();
  which = data[0] % N_FILES;
  write_file(files[which], data + 1, size - 1);
  memset(&err, 0, sizeof err);
  st = kb_dict_load(data_dir, dic_path, &dict, &err);
  if (st == KB_OK) {
    REQUIRE(dict != NULL);
    use(dict);
    kb_dict_free(dict);
  } else {
    REQUIRE(dict == NULL);
    REQUIRE(st == KB_EFORMAT || st == KB_EIO);
    REQUIRE(err.input != NULL && err.msg != NULL);
    if (st == KB_EFORMAT)
      REQUIRE(err.line >= 1);
  }
  reset_file(which);
  return 0;
}
