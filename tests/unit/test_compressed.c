/*
 * test_compressed.c -- compressed input (src/reader_input.c): zstd and
 * gzip recognised by their bytes whatever the name, several frames or
 * members in one file, inputs larger than every buffer, names stripped
 * of .zst for ids, folders picking up .jsonl.zst, and damaged files
 * (cut short, corrupt) named as errors while the run goes on.  The
 * fixtures are written here with libzstd and zlib.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "harness.h"

#include "scratch.h"

/* n JSON Lines records (ids n0.., texts of ~400 bytes) in a malloc'd
 * string. */
static char *make_jsonl(int first, int n, size_t *len) {
  size_t cap = (size_t)n * 600 + 1, k = 0;
  char *s = malloc(cap);
  int i;
  if (s == NULL)
    exit(1);
  for (i = first; i < first + n; i++)
    k += (size_t)snprintf(
        s + k, cap - k,
        "{\"id\":\"n%d\",\"date\":\"2024-05-%02d\",\"text\":\"Pemerintah "
        "Jepang mengecam Korea Utara setelah uji coba rudal ke-%d. Menteri "
        "Luar Negeri Jepang mengatakan peluncuran itu melanggar resolusi "
        "Dewan Keamanan PBB dan mengancam perdamaian kawasan. Korea Selatan "
        "dan Amerika Serikat juga mengecam peluncuran tersebut, sementara "
        "Tiongkok meminta semua pihak menahan diri.\"}\n",
        i, i % 28 + 1, i);
  *len = k;
  return s;
}

/* zstd frame of data[0..len) (malloc'd), level 3. */
static void *zstd_of(const char *data, size_t len, size_t *out_len) {
  size_t cap = ZSTD_compressBound(len);
  void *z = malloc(cap);
  if (z == NULL)
    exit(1);
  *out_len = ZSTD_compress(z, cap, data, len, 3);
  if (ZSTD_isError(*out_len))
    exit(1);
  return z;
}

typedef struct result {
  int n_docs, n_errs;
  kb_status first_err;
  char err_msg[200], err_input[300];
  char last_id[32];
  size_t text_bytes;
} result;

static void read_all(const char *path, result *res) {
  kb_reader *r;
  kb_status st;
  memset(res, 0, sizeof *res);
  if (kb_reader_open(path, &r, NULL) != KB_OK) {
    res->n_errs = -1;
    return;
  }
  for (;;) {
    kb_doc *doc = NULL;
    kb_error err;
    memset(&err, 0, sizeof err);
    st = kb_reader_next(r, &doc, &err);
    if (st == KB_DONE)
      break;
    if (st == KB_OK) {
      kb_text id = kb_doc_id(doc);
      res->n_docs++;
      res->text_bytes += kb_doc_text(doc).len;
      snprintf(res->last_id, sizeof res->last_id, "%.*s", (int)id.len,
               id.ptr);
      kb_doc_free(doc);
    } else if (res->n_errs++ == 0) {
      res->first_err = st;
      snprintf(res->err_msg, sizeof res->err_msg, "%s",
               err.msg ? err.msg : "");
      snprintf(res->err_input, sizeof res->err_input, "%s",
               err.input ? err.input : "");
    }
  }
  kb_reader_free(r);
}

/* 6,000 records (about 3 MB: more than the reader's and the decoder's
 * buffers) in two zstd frames, read like the plain file. */
static void zstd_frames_read_like_plain(void) {
  size_t la, lb, za, zb;
  char *a = make_jsonl(0, 3000, &la), *b = make_jsonl(3000, 3000, &lb);
  void *fa = zstd_of(a, la, &za), *fb = zstd_of(b, lb, &zb);
  char *both = malloc(za + zb);
  result plain, z;
  if (both == NULL)
    exit(1);
  memcpy(both, fa, za);
  memcpy(both + za, fb, zb);
  write_file("big.jsonl.zst", both, za + zb);
  {
    FILE *f = fopen(path_of("big.jsonl"), "wb");
    fwrite(a, 1, la, f);
    fwrite(b, 1, lb, f);
    fclose(f);
  }
  read_all(path_of("big.jsonl"), &plain);
  read_all(path_of("big.jsonl.zst"), &z);
  CHECK_INT(plain.n_docs, 6000);
  CHECK_INT(z.n_docs, 6000);
  CHECK_INT(z.n_errs, 0);
  CHECK_INT(z.text_bytes, plain.text_bytes);
  CHECK_STR(z.last_id, "n5999");
  /* the name does not decide: zstd bytes under another name */
  write_file("big.data", both, za + zb);
  read_all(path_of("big.data"), &z);
  CHECK_INT(z.n_docs, 6000);

  /* cut short in the second frame: the first frame's records, then an
   * error that names the file */
  write_file("cut.jsonl.zst", both, za + zb / 2);
  read_all(path_of("cut.jsonl.zst"), &z);
  CHECK(z.n_docs >= 3000 && z.n_docs < 6000);
  CHECK_INT(z.n_errs, 1);
  CHECK_INT(z.first_err, KB_EIO);
  CHECK(strstr(z.err_msg, "zstd") != NULL);
  CHECK(strstr(z.err_input, "cut.jsonl.zst") != NULL);

  /* corrupt bytes in the middle of the first frame */
  memset(both + za / 2, 0x55, 64);
  write_file("bad.jsonl.zst", both, za + zb);
  read_all(path_of("bad.jsonl.zst"), &z);
  CHECK(z.n_docs < 6000);
  CHECK(z.n_errs >= 1);
  CHECK(strstr(z.err_input, "bad.jsonl.zst") != NULL);
  free(a);
  free(b);
  free(fa);
  free(fb);
  free(both);
}

/* A plain-text article compressed: its id is the name without .txt.zst;
 * a plain file named .zst is read as it is. */
static void zstd_text_article_and_names(void) {
  static const char text[] =
      "Judul Berita\n\nJAKARTA - Presiden bertemu duta besar Jepang.\n";
  size_t zl;
  void *z = zstd_of(text, sizeof text - 1, &zl);
  result res;
  write_file("artikel.txt.zst", z, zl);
  read_all(path_of("artikel.txt.zst"), &res);
  CHECK_INT(res.n_docs, 1);
  CHECK_STR(res.last_id, "artikel");
  CHECK_INT(res.text_bytes, sizeof text - 1);
  write_file("polos.txt.zst", text, sizeof text - 1);
  read_all(path_of("polos.txt.zst"), &res);
  CHECK_INT(res.n_docs, 1);
  CHECK_INT(res.text_bytes, sizeof text - 1);
  free(z);
}

/* Folders pick up .jsonl.zst beside .jsonl.gz and .jsonl. */
static void folders_pick_up_zst(void) {
  size_t l, zl;
  char *a = make_jsonl(0, 5, &l);
  void *z = zstd_of(a, l, &zl);
  gzFile gz;
  result res;
  mkdir(path_of("dir"), 0700);
  write_file("dir/a.jsonl.zst", z, zl);
  write_file("dir/b.jsonl", a, l);
  gz = gzopen(path_of("dir/c.jsonl.gz"), "wb");
  gzwrite(gz, a, (unsigned)l);
  gzclose(gz);
  write_file("dir/d.zst.bak", z, zl); /* not an input name */
  read_all(path_of("dir"), &res);
  CHECK_INT(res.n_docs, 15);
  CHECK_INT(res.n_errs, 0);
  free(a);
  free(z);
}

/* gzip: two members in one file, and a file cut short. */
static void gzip_members_and_cut(void) {
  size_t l;
  char *a = make_jsonl(0, 2000, &l);
  gzFile gz;
  FILE *f;
  long size;
  char *bytes;
  result res;
  gz = gzopen(path_of("two.jsonl.gz"), "wb");
  gzwrite(gz, a, (unsigned)l);
  gzclose(gz);
  gz = gzopen(path_of("two.jsonl.gz"), "ab"); /* a second member */
  gzwrite(gz, a, (unsigned)l);
  gzclose(gz);
  read_all(path_of("two.jsonl.gz"), &res);
  CHECK_INT(res.n_docs, 4000);
  CHECK_INT(res.n_errs, 0);
  f = fopen(path_of("two.jsonl.gz"), "rb");
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  rewind(f);
  bytes = malloc((size_t)size);
  if (bytes == NULL || fread(bytes, 1, (size_t)size, f) != (size_t)size)
    exit(1);
  fclose(f);
  write_file("cut.jsonl.gz", bytes, (size_t)size / 4);
  read_all(path_of("cut.jsonl.gz"), &res);
  CHECK(res.n_docs > 0 && res.n_docs < 2000);
  CHECK_INT(res.n_errs, 1);
  CHECK_INT(res.first_err, KB_EIO);
  CHECK(strstr(res.err_msg, "gzip") != NULL);
  free(bytes);
  free(a);
}

int main(void) {
  char cmd[600];
  snprintf(tmpdir, sizeof tmpdir, "/tmp/kabar-test-compressed-XXXXXX");
  if (mkdtemp(tmpdir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  RUN(zstd_frames_read_like_plain);
  RUN(zstd_text_article_and_names);
  RUN(folders_pick_up_zst);
  RUN(gzip_members_and_cut);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
  return harness_done("compressed");
}
