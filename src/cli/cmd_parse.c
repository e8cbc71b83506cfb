/*
 * cmd_parse.c -- `kabar parse`: reader -> clean -> segment, printing one
 * JSON object per article (or a readable text form).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar parse [OPTION]... [INPUT]...\n"
    "Read, clean and segment articles; print what was recovered.\n"
    "\n"
    "For each article, one JSON object on one line (--format jsonl, the\n"
    "default): doc, title, outlet, author, published, dateline,\n"
    "reference_date, url, captions (array of strings), sentences (array of\n"
    "{text, span}: span is the [start, end) byte range in the article's\n"
    "text), warnings.  Field by field in docs/FORMATS.md.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT        jsonl (default) or text (for reading)\n"
    "  -t, --tokens            add each sentence's tokens (text, span, kind;\n"
    "                          for words root, affixes, class)\n"
    "  -r, --reference-date D  use D (YYYY-MM-DD) as every article's\n"
    "                          reference date instead of inferring it\n"
    "      --no-repair         do not split glued words or join split lines\n"
    "      --keep-boilerplate  keep boilerplate lines as body text\n"
    "      --data DIR          read dictionaries from DIR instead of the\n"
    "                          copy built into kabar\n"
    "      --lexicon FILE      hunspell .dic root list (default\n"
    "                          /usr/share/hunspell/id_ID.dic)\n"
    "      --lang L            web pages kept: id (Indonesian, default) or\n"
    "                          any\n"
    "  -q, --quiet             no warnings on standard error\n"
    "  -h, --help              show this help and exit\n"
    "\n"
    "INPUT: article files (.txt), web pages (.html), WARC archives (.warc,\n"
    ".warc.gz, .warc.zst; HTML responses), JSON Lines (.jsonl), gzip- or zstd-\n"
    "compressed either, folders (recursively), or - for standard input (default).\n"
    "\n"
    "Exit status: 0 every input read; 1 some input skipped (named on\n"
    "standard error); 2 usage error.\n"
    "\n"
    "Example:\n"
    "  kabar parse --format text examples/\n";

typedef struct parse_ctx {
  kb_dict *dict;
  cli_common common;
  int text_format;
  unsigned json_flags;
} parse_ctx;

static void print_text(const kb_doc *doc) {
  const kb_meta *m = kb_doc_meta(doc);
  kb_text id = kb_doc_id(doc);
  size_t i, n = kb_doc_n_sentences(doc), k = 0;
  static const char *const parts[] = {"", "title", "caption"};
  printf("== %.*s\n", (int)id.len, id.ptr);
#define FIELD(label, t)                                                        \
  if ((t).ptr)                                                                 \
    printf("%-15s %.*s\n", label ":", (int)(t).len, (t).ptr);
  FIELD("title", m->title)
  FIELD("outlet", m->outlet)
  FIELD("author", m->author)
  FIELD("published", m->published)
  FIELD("dateline", m->dateline)
  FIELD("reference_date", m->reference_date)
#undef FIELD
  for (i = 0; i < n; i++) {
    const kb_sentence *s = kb_doc_sentence(doc, i);
    if (s->part == KB_BLOCK_BODY)
      printf("%4zu  %.*s\n", ++k, (int)s->text.len, s->text.ptr);
    else if (s->part == KB_BLOCK_CAPTION || s->part == KB_BLOCK_TITLE)
      printf("%4s  [%s] %.*s\n", "", parts[s->part == KB_BLOCK_CAPTION ? 2 : 1],
             (int)s->text.len, s->text.ptr);
  }
  for (i = 0; i < kb_doc_n_warnings(doc); i++)
    printf("warning: %s\n", kb_doc_warning(doc, i));
  putchar('\n');
}

static int parse_one(kb_doc *doc, void *vctx) {
  parse_ctx *ctx = vctx;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status st = kb_doc_parse(doc, ctx->dict, &ctx->common.opts, &err);
  char *json;
  if (st != KB_OK) {
    kb_text id = kb_doc_id(doc);
    cli_error("%.*s: %s", (int)id.len, id.ptr, kb_status_str(st));
    return st == KB_ENOMEM ? -1 : 0;
  }
  if (ctx->text_format) {
    print_text(doc);
  } else {
    size_t len;
    if (kb_doc_to_json(doc, ctx->json_flags, &json, &len) != KB_OK) {
      cli_error("out of memory");
      return -1;
    }
    fwrite(json, 1, len, stdout);
    putchar('\n');
    kb_free(json);
  }
  if (ferror(stdout)) {
    cli_error("write error on standard output");
    return -1;
  }
  return 0;
}

int cmd_parse(int argc, char **argv) {
  enum { OPT_NO_REPAIR = 256, OPT_KEEP_BP };
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"tokens", no_argument, NULL, 't'},
      {"no-repair", no_argument, NULL, OPT_NO_REPAIR},
      {"keep-boilerplate", no_argument, NULL, OPT_KEEP_BP},
      {"help", no_argument, NULL, 'h'},
      CLI_COMMON_LONGOPTS,
      {NULL, 0, NULL, 0}};
  parse_ctx ctx;
  kb_options init = KB_OPTIONS_INIT;
  int c, status;
  memset(&ctx, 0, sizeof ctx);
  ctx.common.opts = init;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:tr:qh", longopts, NULL)) != -1) {
    int common = cli_common_option("parse", c, optarg, &ctx.common);
    if (common < 0)
      return EXIT_USAGE;
    if (common > 0)
      continue;
    switch (c) {
    case 'f':
      if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
        ctx.text_format = 0;
      else if (strcmp(optarg, "text") == 0)
        ctx.text_format = 1;
      else
        return cli_usage("parse", "unknown format '%s' (jsonl or text)",
                         optarg);
      break;
    case 't':
      ctx.json_flags |= KB_JSON_TOKENS;
      break;
    case OPT_NO_REPAIR:
      ctx.common.opts.flags |= KB_FLAG_NO_REPAIR;
      break;
    case OPT_KEEP_BP:
      ctx.common.opts.flags |= KB_FLAG_KEEP_BOILERPLATE;
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("parse", c, argv);
    }
  }
  ctx.dict = cli_load_dict(&ctx.common);
  if (ctx.dict == NULL)
    return EXIT_USAGE;
  status = cli_each_doc(argv + optind, argc - optind, ctx.common.quiet,
                        parse_one, &ctx);
  kb_dict_free(ctx.dict);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
