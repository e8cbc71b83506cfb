/*
 * cmd_code.c -- `kabar code`: the main job.  Reads articles, runs every
 * stage, prints one record per coded event mention.
 */
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar code [OPTION]... [INPUT]...\n"
    "Code Indonesian news articles into political events (CAMEO): who did\n"
    "what to whom, when, according to whom, with the sentence that says so.\n"
    "\n"
    "One line per event mention on standard output:\n"
    "  jsonl  the event record (default): id, doc, sentence_index, sentence,\n"
    "         span, part, source{code,name,text,span}, target{...}, code,\n"
    "         root, quad, goldstein, date, date_precision, attribution,\n"
    "         negated, background, verb -- field by field in\n"
    "         docs/FORMATS.md\n"
    "  gdelt  the GDELT 2.0 event table's 61 tab-separated columns, no header\n"
    "  csv    RFC 4180 with a header row\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT        jsonl (default), gdelt or csv\n"
    "  -j, --jobs N            code on N threads (default 1; 0: one per\n"
    "                          core); the output is the same, in input order\n"
    "  -r, --reference-date D  resolve relative dates against D (YYYY-MM-DD)\n"
    "                          instead of each article's own date\n"
    "      --data DIR          read dictionaries (actors, verbs, ...) from DIR\n"
    "                          instead of the copy built into kabar (also\n"
    "                          --dict DIR)\n"
    "      --lexicon FILE      hunspell .dic root list (default\n"
    "                          /usr/share/hunspell/id_ID.dic)\n"
    "      --line-buffered     flush after every article (the default when\n"
    "                          standard output is a pipe)\n"
    "      --lang L            web pages kept: id (Indonesian, default) or\n"
    "                          any\n"
    "  -q, --quiet             no warnings on standard error\n"
    "  -h, --help              show this help and exit\n"
    "\n"
    "INPUT: article files (.txt), web pages (.html), WARC archives (.warc,\n"
    ".warc.gz, .warc.zst; HTML responses), JSON Lines (.jsonl: id, title,\n"
    "text, date, outlet, url), gzip- or zstd-compressed either (.gz, .zst),\n"
    "folders (recursively), or - for standard input (the default).  Memory\n"
    "stays flat whatever the input's size.\n"
    "\n"
    "Exit status: 0 every input read; 1 some input skipped (named on\n"
    "standard error; the run goes on); 2 usage error.\n"
    "\n"
    "Examples:\n"
    "  kabar code examples/\n"
    "  kabar code --format gdelt articles.jsonl.gz > events.tsv\n";

typedef struct code_ctx {
  kb_dict *dict;
  cli_common common;
  kb_format format;
  int flush_each;
} code_ctx;

/* On a worker thread: codes the document and formats its events. */
static void code_work(cli_job *job, void *vctx) {
  code_ctx *ctx = vctx;
  job->st = kb_doc_code(job->doc, ctx->dict, &ctx->common.opts, &job->err);
  if (job->st == KB_OK &&
      kb_doc_events_format(job->doc, ctx->format, &job->out, &job->len) !=
          KB_OK)
    job->st = KB_ENOMEM;
}

/* In input order: reports a failure or writes the events. */
static int code_emit(cli_job *job, void *vctx) {
  code_ctx *ctx = vctx;
  if (job->st != KB_OK) {
    kb_text id = kb_doc_id(job->doc);
    cli_error("%.*s: %s", (int)id.len, id.ptr, kb_status_str(job->st));
    return job->st == KB_ENOMEM ? -1 : 0;
  }
  fwrite(job->out, 1, job->len, stdout);
  if (ctx->flush_each)
    fflush(stdout);
  if (ferror(stdout)) {
    cli_error("write error on standard output");
    return -1;
  }
  return 0;
}

int cmd_code(int argc, char **argv) {
  enum { OPT_LINEBUF = 256 };
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"line-buffered", no_argument, NULL, OPT_LINEBUF},
      {"jobs", required_argument, NULL, 'j'},
      {"help", no_argument, NULL, 'h'},
      CLI_COMMON_LONGOPTS,
      {NULL, 0, NULL, 0}};
  code_ctx ctx;
  cli_jobs_spec spec = {1, code_work, code_emit, NULL};
  kb_options init = KB_OPTIONS_INIT;
  struct stat st;
  int c, status;
  memset(&ctx, 0, sizeof ctx);
  ctx.common.opts = init;
  ctx.format = KB_FORMAT_JSONL;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:j:r:qh", longopts, NULL)) != -1) {
    int common = cli_common_option("code", c, optarg, &ctx.common);
    if (common < 0)
      return EXIT_USAGE;
    if (common > 0)
      continue;
    switch (c) {
    case 'f':
      if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
        ctx.format = KB_FORMAT_JSONL;
      else if (strcmp(optarg, "gdelt") == 0)
        ctx.format = KB_FORMAT_GDELT;
      else if (strcmp(optarg, "csv") == 0)
        ctx.format = KB_FORMAT_CSV;
      else
        return cli_usage("code", "unknown format '%s' (jsonl, gdelt or csv)",
                         optarg);
      break;
    case 'j':
      if (cli_parse_jobs("code", optarg, &spec.jobs) != 0)
        return EXIT_USAGE;
      break;
    case OPT_LINEBUF:
      ctx.flush_each = 1;
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("code", c, argv);
    }
  }
  if (fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode))
    ctx.flush_each = 1; /* a filter in a pipeline: Hadoop, Spark, head */
  ctx.dict = cli_load_dict(&ctx.common);
  if (ctx.dict == NULL)
    return EXIT_USAGE;
  if (ctx.format == KB_FORMAT_CSV)
    fputs(kb_csv_header(), stdout);
  spec.ctx = &ctx;
  status = cli_each_doc_jobs(argv + optind, argc - optind, ctx.common.quiet,
                             &spec);
  kb_dict_free(ctx.dict);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
