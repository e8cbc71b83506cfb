/*
 * cmd_stem.c -- `kabar stem`: each word's root and affixes (the morph
 * stage, src/morph.c), one line per word.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar stem [OPTION]... [WORD]...\n"
    "Print each word's root and affixes.\n"
    "\n"
    "With no WORD, reads standard input: one word per line, or running\n"
    "text (split at white space and punctuation; hyphens inside words\n"
    "stay).\n"
    "\n"
    "Output (--format tsv, the default), one line per word:\n"
    "  WORD<TAB>ROOT<TAB>AFFIXES\n"
    "AFFIXES lists reduplication, prefixes (outermost first), infix,\n"
    "suffix, possessive and particle, separated by spaces, e.g.\n"
    "  menandatangani\ttanda tangan\tmeN- -i\n"
    "  terpilihnya\tpilih\tter- -nya\n"
    "--format jsonl prints one object per word: word, root, prefixes,\n"
    "infix, suffix, possessive, particle, redup, class (active, passive,\n"
    "intransitive, stative, nominal, root, other, unknown), known.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT   tsv (default) or jsonl\n"
    "      --no-memo      analyse every word afresh (for measuring)\n"
    "      --data DIR     read dictionaries from DIR instead of the copy\n"
    "                     built into kabar\n"
    "      --lexicon FILE hunspell .dic root list (default\n"
    "                     /usr/share/hunspell/id_ID.dic)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Exit status: 0 on success, 1 on a read or write error, 2 on a usage\n"
    "error.\n"
    "\n"
    "Example:\n"
    "  kabar stem menandatangani dikirim kunjungan negara-negara\n";

typedef struct stem_ctx {
  kb_dict *dict;
  int jsonl;
  unsigned flags;
} stem_ctx;

/* Prints s[0..n) as a JSON string. */
static void put_json(const char *s, size_t n) {
  size_t i;
  putchar('"');
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      printf("\\%c", c);
    else if (c < 0x20)
      printf("\\u%04x", c);
    else
      putchar(c);
  }
  putchar('"');
}

/* Prints the JSON value of one affix field: its spelling, or null. */
static void put_affix(const char *key, const char *value) {
  printf(",\"%s\":", key);
  if (value[0])
    put_json(value, strlen(value));
  else
    fputs("null", stdout);
}

static void print_word(const stem_ctx *ctx, const char *w, size_t n) {
  static const char *const infixes[] = {"", "-el-", "-em-", "-er-", "-in-"};
  static const char *const suffixes[] = {"",       "-kan",  "-i",    "-an",
                                         "-isasi", "-isme", "-isir", "-is"};
  static const char *const possessives[] = {"", "-ku", "-mu", "-nya"};
  static const char *const particles[] = {"", "-lah", "-kah", "-tah", "-pun"};
  kb_morph m;
  char affixes[128];
  unsigned i;
  if (kb_morph_analyse(ctx->dict, w, n, ctx->flags, &m) != KB_OK)
    return;
  if (!ctx->jsonl) {
    kb_morph_affixes(&m, affixes, sizeof affixes);
    printf("%.*s\t%.*s\t%s\n", (int)n, w, (int)m.root.len, m.root.ptr, affixes);
    return;
  }
  fputs("{\"word\":", stdout);
  put_json(w, n);
  fputs(",\"root\":", stdout);
  put_json(m.root.ptr, m.root.len);
  fputs(",\"prefixes\":[", stdout);
  for (i = 0; i < m.n_prefixes; i++) {
    const char *p = kb_prefix_str(m.prefixes[i]);
    if (i)
      putchar(',');
    put_json(p, strlen(p));
  }
  putchar(']');
  put_affix("infix", infixes[m.infix]);
  put_affix("suffix", suffixes[m.suffix]);
  put_affix("possessive", possessives[m.possessive]);
  put_affix("particle", particles[m.particle]);
  printf(",\"redup\":%s,\"class\":\"%s\",\"known\":%s}\n",
         m.redup == KB_REDUP_FULL      ? "\"full\""
         : m.redup == KB_REDUP_AFFIXED ? "\"affixed\""
         : m.redup == KB_REDUP_PARTIAL ? "\"partial\""
                                       : "null",
         kb_morph_class_str(m.cls),
         (m.flags & KB_MORPHF_KNOWN) ? "true" : "false");
}

/* Whether c may be part of a word: letters, digits, any byte of a
 * multi-byte UTF-8 character, and hyphens (checked for position by the
 * caller). */
static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80 || c == '-';
}

/* Prints every word of line[0..n): runs of word bytes, with leading and
 * trailing hyphens trimmed. */
static void print_line(const stem_ctx *ctx, const char *line, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t start, end;
    while (i < n && !is_word_byte((unsigned char)line[i]))
      i++;
    start = i;
    while (i < n && is_word_byte((unsigned char)line[i]))
      i++;
    end = i;
    while (start < end && line[start] == '-')
      start++;
    while (end > start && line[end - 1] == '-')
      end--;
    if (end > start)
      print_word(ctx, line + start, end - start);
  }
}

int cmd_stem(int argc, char **argv) {
  enum { OPT_DATA = 256, OPT_LEXICON, OPT_NO_MEMO };
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"no-memo", no_argument, NULL, OPT_NO_MEMO},
      {"data", required_argument, NULL, OPT_DATA},
      {"lexicon", required_argument, NULL, OPT_LEXICON},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  stem_ctx ctx;
  cli_common common;
  int c, status = 0;
  memset(&ctx, 0, sizeof ctx);
  memset(&common, 0, sizeof common);
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (strcmp(optarg, "tsv") == 0)
        ctx.jsonl = 0;
      else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
        ctx.jsonl = 1;
      else
        return cli_usage("stem", "unknown format '%s' (tsv or jsonl)", optarg);
      break;
    case OPT_NO_MEMO:
      ctx.flags |= KB_MORPH_NO_MEMO;
      break;
    case OPT_DATA:
      common.data_dir = optarg;
      break;
    case OPT_LEXICON:
      common.hunspell = optarg;
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("stem", c, argv);
    }
  }
  ctx.dict = cli_load_dict(&common);
  if (ctx.dict == NULL)
    return EXIT_USAGE;
  if (optind < argc) {
    for (; optind < argc; optind++)
      print_line(&ctx, argv[optind], strlen(argv[optind]));
  } else {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0)
      print_line(&ctx, line, (size_t)n);
    if (ferror(stdin)) {
      cli_error("read error on standard input");
      status = EXIT_SOME_SKIPPED;
    }
    free(line);
  }
  kb_dict_free(ctx.dict);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
