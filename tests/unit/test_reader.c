/*
 * test_reader.c -- the reader: plain text, JSON Lines (fast path and
 * jansson path), gzip, folders, and every kind of bad input.
 */
#include <jansson.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "kabar_int.h"
#include "util/json_flat.h"

#include "scratch.h"

#define WRITE(name, lit) write_file(name, lit, sizeof(lit) - 1)

/* Reads every document of `path`; records statuses.  Returns the number
 * of documents; docs[] keep the first 8 (caller frees). */
typedef struct result {
  kb_doc *docs[8];
  int n_docs;
  kb_status errs[8];
  size_t err_lines[8];
  int n_errs;
} result;

static void read_all(const char *path, result *res) {
  kb_reader *r;
  kb_status st;
  memset(res, 0, sizeof *res);
  st = kb_reader_open(path, &r, NULL);
  CHECK_INT(st, KB_OK);
  if (st != KB_OK)
    return;
  for (;;) {
    kb_doc *doc = NULL;
    kb_error err;
    memset(&err, 0, sizeof err);
    st = kb_reader_next(r, &doc, &err);
    if (st == KB_DONE)
      break;
    if (st == KB_OK) {
      if (res->n_docs < 8)
        res->docs[res->n_docs] = doc;
      else
        kb_doc_free(doc);
      res->n_docs++;
    } else if (res->n_errs < 8) {
      CHECK(err.input != NULL && err.msg != NULL);
      res->err_lines[res->n_errs] = err.line;
      res->errs[res->n_errs++] = st;
    }
  }
  kb_reader_free(r);
}

static void free_result(result *res) {
  int i;
  for (i = 0; i < res->n_docs && i < 8; i++)
    kb_doc_free(res->docs[i]);
}

static void plain_text_is_one_document_named_after_the_file(void) {
  result res;
  static const char text[] = "Judul Berita\n\nJAKARTA - Presiden berpidato.\n";
  WRITE("001_berita.txt", text);
  read_all(path_of("001_berita.txt"), &res);
  CHECK_INT(res.n_docs, 1);
  CHECK_INT(res.n_errs, 0);
  if (res.n_docs == 1) {
    CHECK_TEXT(kb_doc_id(res.docs[0]), "001_berita");
    CHECK_INT(kb_doc_text(res.docs[0]).len, sizeof text - 1);
    CHECK(memcmp(kb_doc_text(res.docs[0]).ptr, text, sizeof text - 1) == 0);
    CHECK_TEXT(kb_doc_field(res.docs[0], KB_FIELD_INPUT),
               path_of("001_berita.txt"));
  }
  free_result(&res);
}

static void jsonl_fields_and_ids(void) {
  result res;
  WRITE("a.jsonl",
        "{\"id\": \"detik-1\", \"title\": \"Menlu Bertemu Dubes\", \"text\": "
        "\"Menteri Luar Negeri bertemu \\\"Dubes\\\" AS.\\nParagraf dua.\", "
        "\"date\": \"2025-06-09\", \"outlet\": \"detik.com\", \"url\": "
        "\"https://news.detik.com/x\", \"extra\": [1, {\"a\": 2}]}\n"
        "{\"id\": 42, \"text\": \"Berita tanpa judul.\"}\r\n"
        "\n"
        "{\"text\": \"Tanpa id.\", \"title\": null}\n");
  read_all(path_of("a.jsonl"), &res);
  CHECK_INT(res.n_docs, 3);
  CHECK_INT(res.n_errs, 0);
  if (res.n_docs == 3) {
    CHECK_TEXT(kb_doc_id(res.docs[0]), "detik-1");
    CHECK_TEXT(kb_doc_text(res.docs[0]),
               "Menteri Luar Negeri bertemu \"Dubes\" AS.\nParagraf dua.");
    CHECK_TEXT(kb_doc_field(res.docs[0], KB_FIELD_TITLE),
               "Menlu Bertemu Dubes");
    CHECK_TEXT(kb_doc_field(res.docs[0], KB_FIELD_DATE), "2025-06-09");
    CHECK_TEXT(kb_doc_field(res.docs[0], KB_FIELD_OUTLET), "detik.com");
    CHECK_TEXT(kb_doc_field(res.docs[0], KB_FIELD_URL),
               "https://news.detik.com/x");
    CHECK_TEXT(kb_doc_id(res.docs[1]), "42");
    CHECK_TEXT(kb_doc_field(res.docs[1], KB_FIELD_TITLE), NULL);
    CHECK_TEXT(kb_doc_id(res.docs[2]), "a.jsonl:4"); /* FILE:LINE */
  }
  free_result(&res);
}

static void broken_jsonl_lines_are_skipped_and_named(void) {
  result res;
  WRITE("b.jsonl", "{\"id\": \"ok1\", \"text\": \"Satu.\"}\n"
                   "{\"id\": \"rusak\", \"text\": \"tanpa penutup}\n"
                   "[1, 2]\n"
                   "{\"id\": \"x\"}\n"
                   "{\"id\": \"y\", \"text\": 5}\n"
                   "{\"id\": \"z\", \"text\": \"a\\u0000b\"}\n"
                   "{\"id\": \"kosong\", \"text\": \"   \"}\n"
                   "{\"id\": \"ok2\", \"text\": \"Dua.\", \"date\": 2025}\n");
  read_all(path_of("b.jsonl"), &res);
  CHECK_INT(res.n_docs, 2);
  CHECK_INT(res.n_errs, 6);
  CHECK_INT(res.errs[0], KB_EFORMAT);
  CHECK_INT(res.err_lines[0], 2);
  CHECK_INT(res.errs[1], KB_EFORMAT); /* not an object */
  CHECK_INT(res.err_lines[1], 3);
  CHECK_INT(res.errs[2], KB_EFORMAT); /* no text */
  CHECK_INT(res.errs[3], KB_EFORMAT); /* text not a string */
  CHECK_INT(res.errs[4], KB_EFORMAT); /* NUL in text */
  CHECK_INT(res.errs[5], KB_EEMPTY);  /* blank text: a warning */
  CHECK_INT(res.err_lines[5], 7);
  if (res.n_docs == 2) {
    CHECK_TEXT(kb_doc_id(res.docs[1]), "ok2");
    /* a date that is not a string is ignored with a warning */
    CHECK_TEXT(kb_doc_field(res.docs[1], KB_FIELD_DATE), NULL);
    CHECK_INT(kb_doc_n_warnings(res.docs[1]), 1);
  }
  free_result(&res);
}

/* An id that cannot name the document (a NUL in it) gives way to FILE:LINE
 * with a warning; the text is kept.  Invalid UTF-8 in an id is repaired. */
static void unusable_ids_are_replaced(void) {
  result res;
  kb_doc *doc = NULL;
  WRITE("n.jsonl", "{\"id\": \"a\\u0000b\", \"text\": \"Teks.\"}\n"
                   "{\"id\": \"\xc3x\", \"text\": \"Dua.\"}\n");
  read_all(path_of("n.jsonl"), &res);
  CHECK_INT(res.n_errs, 0);
  CHECK_INT(res.n_docs, 2);
  if (res.n_docs == 2) {
    CHECK_TEXT(kb_doc_id(res.docs[0]), "n.jsonl:1");
    CHECK_TEXT(kb_doc_text(res.docs[0]), "Teks.");
    CHECK_INT(kb_doc_n_warnings(res.docs[0]), 1);
    CHECK_TEXT(kb_doc_id(res.docs[1]), "\xef\xbf\xbdx");
  }
  free_result(&res);
  CHECK_INT(kb_doc_new("a\0b", 3, "Teks.", 5, &doc), KB_EARG);
  CHECK(doc == NULL);
  CHECK_INT(kb_doc_new("\xff", 1, "Teks.", 5, &doc), KB_OK);
  if (doc != NULL) {
    CHECK_TEXT(kb_doc_id(doc), "\xef\xbf\xbd");
    CHECK_INT(kb_doc_n_warnings(doc), 1);
    kb_doc_free(doc);
  }
}

static void invalid_utf8_is_replaced_and_counted(void) {
  result res;
  WRITE("c.txt", "Kata \xff\xfe rusak dan \xe2\x82 potong.\n");
  WRITE("c.jsonl", "{\"id\": \"u\", \"text\": \"Teks \xc3 rusak.\"}\n");
  read_all(path_of("c.txt"), &res);
  CHECK_INT(res.n_docs, 1);
  if (res.n_docs == 1) {
    CHECK_TEXT(kb_doc_text(res.docs[0]),
               "Kata \xef\xbf\xbd\xef\xbf\xbd rusak dan \xef\xbf\xbd "
               "potong.\n");
    CHECK_INT(kb_doc_repairs(res.docs[0])->invalid_utf8, 3);
    CHECK_INT(kb_doc_n_warnings(res.docs[0]), 1);
  }
  free_result(&res);
  read_all(path_of("c.jsonl"), &res);
  CHECK_INT(res.n_docs, 1);
  if (res.n_docs == 1) {
    CHECK_TEXT(kb_doc_text(res.docs[0]), "Teks \xef\xbf\xbd rusak.");
    CHECK_INT(kb_doc_repairs(res.docs[0])->invalid_utf8, 1);
  }
  free_result(&res);
}

static void binary_and_empty_files(void) {
  result res;
  write_file("d.txt", "PNG\0\0\001data", 10);
  read_all(path_of("d.txt"), &res);
  CHECK_INT(res.n_docs, 0);
  CHECK_INT(res.n_errs, 1);
  CHECK_INT(res.errs[0], KB_EBINARY);
  WRITE("e.txt", "");
  read_all(path_of("e.txt"), &res);
  CHECK_INT(res.n_docs, 0);
  CHECK_INT(res.errs[0], KB_EEMPTY);
  WRITE("f.txt", " \n\t\r\n ");
  read_all(path_of("f.txt"), &res);
  CHECK_INT(res.n_docs, 0);
  CHECK_INT(res.errs[0], KB_EEMPTY);
}

static void gzip_is_read_transparently(void) {
  result res;
  gzFile gz = gzopen(path_of("g.jsonl.gz"), "wb");
  static const char line[] = "{\"id\": \"gz1\", \"text\": \"Dari gzip.\"}\n";
  CHECK(gz != NULL);
  if (gz == NULL)
    return;
  gzwrite(gz, line, sizeof line - 1);
  gzwrite(gz, line, sizeof line - 1);
  gzclose(gz);
  read_all(path_of("g.jsonl.gz"), &res);
  CHECK_INT(res.n_docs, 2);
  if (res.n_docs == 2)
    CHECK_TEXT(kb_doc_text(res.docs[1]), "Dari gzip.");
  free_result(&res);
}

static void long_lines_of_any_length(void) {
  size_t n = (size_t)3 << 20, i;
  char *big = malloc(n + 64);
  result res;
  CHECK(big != NULL);
  if (big == NULL)
    return;
  memcpy(big, "{\"id\": \"panjang\", \"text\": \"", 27);
  for (i = 27; i < n; i++)
    big[i] = (char)('a' + i % 26);
  memcpy(big + n, "\"}\n", 3);
  write_file("h.jsonl", big, n + 3);
  read_all(path_of("h.jsonl"), &res);
  CHECK_INT(res.n_docs, 1);
  if (res.n_docs == 1)
    CHECK_INT(kb_doc_text(res.docs[0]).len, n - 27);
  free_result(&res);
  free(big);
}

static void folders_are_walked_in_name_order(void) {
  result res;
  char sub[512];
  snprintf(sub, sizeof sub, "%s/dir", tmpdir);
  mkdir(sub, 0755);
  snprintf(sub, sizeof sub, "%s/dir/nested", tmpdir);
  mkdir(sub, 0755);
  WRITE("dir/b.txt", "Berita B.");
  WRITE("dir/a.txt", "Berita A.");
  WRITE("dir/nested/c.jsonl", "{\"id\": \"c\", \"text\": \"Berita C.\"}\n");
  WRITE("dir/gambar.png", "bukan berita");
  WRITE("dir/.tersembunyi.txt", "tersembunyi");
  snprintf(sub, sizeof sub, "%s/dir/nested/loop", tmpdir);
  CHECK(symlink("..", sub) == 0);
  read_all(path_of("dir"), &res);
  CHECK_INT(res.n_docs, 3);
  CHECK_INT(res.n_errs, 1); /* the loop, reported once */
  CHECK_INT(res.errs[0], KB_EIO);
  if (res.n_docs == 3) {
    CHECK_TEXT(kb_doc_id(res.docs[0]), "a");
    CHECK_TEXT(kb_doc_id(res.docs[1]), "b");
    CHECK_TEXT(kb_doc_id(res.docs[2]), "c");
  }
  free_result(&res);
}

static void missing_and_unreadable_paths(void) {
  kb_reader *r = NULL;
  kb_error err;
  memset(&err, 0, sizeof err);
  CHECK_INT(kb_reader_open(path_of("tidak-ada.txt"), &r, &err), KB_EIO);
  CHECK(r == NULL);
  CHECK(err.msg != NULL);
  if (getuid() != 0) { /* root reads anything */
    result res;
    WRITE("secret.txt", "rahasia");
    chmod(path_of("secret.txt"), 0);
    read_all(path_of("secret.txt"), &res);
    CHECK_INT(res.n_docs, 0);
    CHECK_INT(res.errs[0], KB_EIO);
  }
}

/* The fast flat parser must agree with jansson on what it accepts. */
static void flat_parser_agrees_with_jansson(void) {
  static const char *const lines[] = {
      "{\"text\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\", \"id\": "
      "\"x\"}",
      "{\"id\": -12, \"text\": \"\", \"title\": true}",
      "{\"text\": \"dua\", \"text\": \"kunci\"}",
      " { \"text\" : \"spasi\" , \"n\" : 1.5e3 } ",
      "{}",
      "{\"text\": \"x\",}",
      "{\"text\": \"x\"} sisa",
      "{\"text\": \"\\u0000\"}",
      "{\"text\": \"\\udc00\"}",
      "{\"text\": \"\\x\"}",
      "{\"text\": 01}",
      "{\"text\": nul}",
      "{\"a\": [1], \"text\": \"bersarang\"}",
      "{\"text\": \"tab\tmentah\"}",
      "{\"id\": 123456789012345678901234, \"text\": \"besar\"}",
      /* found by fuzz/fuzz_jsonl: reals out of double's range, which
       * jansson refuses */
      "{\"id\": 12E3456789012345678901234567890, \"text\": \"a\"}",
      "{\"a\": 1e309, \"text\": \"a\"}",
      "{\"a\": -1e00000000400, \"text\": \"a\"}",
      "{\"a\": 1000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000000000000"
      "0.5, \"text\": \"a\"}",
  };
  size_t i;
  buf scratch = BUF_INIT;
  for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    jf_field f[2] = {{"text", JF_ABSENT, 0, 0, 0}, {"id", JF_ABSENT, 0, 0, 0}};
    json_error_t e;
    json_t *j = json_loads(lines[i], JSON_ALLOW_NUL, &e);
    int fast = json_flat_parse(lines[i], strlen(lines[i]), f, 2, &scratch);
    if (fast == 0) {
      json_t *t = j ? json_object_get(j, "text") : NULL;
      CHECK(j != NULL); /* accepted by both */
      if (t && json_is_string(t)) {
        CHECK_INT(f[0].type, JF_STRING);
        CHECK_INT(f[0].len, json_string_length(t));
        CHECK(memcmp(jf_value(&f[0], lines[i], &scratch),
                     json_string_value(t), f[0].len) == 0);
      } else {
        CHECK(f[0].type != JF_STRING);
      }
    }
    json_decref(j);
  }
  /* and it must not decline the common shape */
  {
    static const char line[] = "{\"id\": \"a\", \"text\": \"b\\nc\"}";
    jf_field f[1] = {{"text", JF_ABSENT, 0, 0, 0}};
    CHECK_INT(json_flat_parse(line, sizeof line - 1, f, 1, &scratch), 0);
    CHECK_INT(f[0].len, 3);
  }
  buf_free(&scratch);
}

int main(void) {
  char cmd[600];
  snprintf(tmpdir, sizeof tmpdir, "/tmp/kabar-test-reader-XXXXXX");
  if (mkdtemp(tmpdir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  RUN(plain_text_is_one_document_named_after_the_file);
  RUN(jsonl_fields_and_ids);
  RUN(broken_jsonl_lines_are_skipped_and_named);
  RUN(unusable_ids_are_replaced);
  RUN(invalid_utf8_is_replaced_and_counted);
  RUN(binary_and_empty_files);
  RUN(gzip_is_read_transparently);
  RUN(long_lines_of_any_length);
  RUN(folders_are_walked_in_name_order);
  RUN(missing_and_unreadable_paths);
  RUN(flat_parser_agrees_with_jansson);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
  return harness_done("reader");
}
