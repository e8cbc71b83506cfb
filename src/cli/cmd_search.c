/*
 * cmd_search.c -- `kabar search`: full-text search over the articles of a
 * database (SQLite FTS5 with kabar's Indonesian stemming tokenizer),
 * ranked, with a highlighted snippet and each article's event count.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar search [OPTION]... QUERY...\n"
    "Search the articles of a kabar database.  Words match by their\n"
    "Indonesian stem, so 'serangan' (attack) also finds 'menyerang' and\n"
    "'diserang'; every word must occur.  Results are ranked by BM25 (title\n"
    "words count ten times), with the best passage (matches in [brackets])\n"
    "and the number of events each article reports.\n"
    "\n"
    "Options:\n"
    "      --db FILE      the database (default kabar.db), or\n"
    "                     postgresql://... (its `indonesian` text search:\n"
    "                     its own ranks and snippets; --raw takes its web\n"
    "                     search syntax; docs/SCALE.md)\n"
    "      --limit N      at most N articles (default 20, 0 for all)\n"
    "      --raw          QUERY is SQLite FTS5 syntax: OR, NOT, \"a phrase\",\n"
    "                     prefix*, NEAR(a b, 5)\n"
    "  -f, --format FMT   jsonl, csv or table (default: table on a terminal,\n"
    "                     else jsonl)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Exit status: 0 success (also when nothing matches); 1 the database\n"
    "could not be read; 2 usage error (an empty or malformed query).\n"
    "\n"
    "Examples:\n"
    "  kabar search Kim Putin ucapan\n"
    "  kabar search --raw 'invasi OR serangan' --format jsonl\n";

static const cli_col search_table[] = {{"rank", 7, "rank"},
                                       {"doc", 24, "doc"},
                                       {"events", 6, "events"},
                                       {"title", 0, "title"},
                                       {NULL, 0, NULL}};

/* The table format: the row, then its snippet indented on a line of its
 * own. */
static int print_table(kb_rows *rows) {
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  size_t snippet = kb_rows_n_columns(rows) - 1;
  printf("%-7s %-24s %-6s %s\n", "rank", "doc", "events", "title");
  while ((rc = kb_rows_next(rows, &err)) == KB_OK) {
    size_t k, j;
    kb_text t;
    for (k = 0; search_table[k].name; k++) {
      int w = search_table[k].width;
      for (j = 0; j < kb_rows_n_columns(rows); j++)
        if (strcmp(kb_rows_name(rows, j), search_table[k].name) == 0)
          break;
      t = kb_rows_text(rows, j);
      if (t.ptr == NULL)
        t.len = 0;
      if (w)
        printf("%-*.*s ", w, (int)(t.len < (size_t)w ? t.len : (size_t)w),
               t.ptr ? t.ptr : "");
      else
        printf("%.*s\n", (int)t.len, t.ptr ? t.ptr : "");
    }
    t = kb_rows_text(rows, snippet);
    fputs("        ", stdout);
    for (j = 0; t.ptr && j < t.len; j++)
      putchar(t.ptr[j] == '\n' ? ' ' : t.ptr[j]);
    putchar('\n');
  }
  if (rc != KB_DONE) {
    cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
    return -1;
  }
  return 0;
}

int cmd_search(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_LIMIT, OPT_RAW };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"limit", required_argument, NULL, OPT_LIMIT},
      {"raw", no_argument, NULL, OPT_RAW},
      {"format", required_argument, NULL, 'f'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  static char query[4096];
  const char *db = CLI_DEFAULT_DB;
  cli_fmt fmt = cli_default_format();
  unsigned flags = 0;
  long long limit = 20;
  int c, i, status = 0, bad;
  size_t len = 0;
  kb_store *st;
  kb_rows *rows = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_DB:
      db = optarg;
      break;
    case OPT_LIMIT:
      if (!cli_parse_count(optarg, &limit))
        return cli_usage("search", "--limit wants a number");
      break;
    case OPT_RAW:
      flags |= KB_SEARCH_RAW;
      break;
    case 'f':
      if (!cli_parse_format(optarg, 0, &fmt))
        return cli_usage("search", "unknown format '%s' (jsonl, csv or table)",
                         optarg);
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("search", c, argv);
    }
  }
  if (optind >= argc)
    return cli_usage("search", "no query");
  for (i = optind; i < argc; i++) {
    size_t n = strlen(argv[i]);
    if (len + n + 2 > sizeof query)
      return cli_usage("search", "query too long");
    if (i > optind)
      query[len++] = ' ';
    memcpy(query + len, argv[i], n);
    len += n;
  }
  query[len] = 0;
  if ((st = cli_open_store(db, 0)) == NULL)
    return EXIT_SOME_SKIPPED;
  rc = kb_store_search(st, query, flags, limit, &rows, &err);
  if (rc != KB_OK)
    return cli_query_failed("search", db, st, rc, &err);
  bad = fmt == CLI_TABLE ? print_table(rows) < 0
                         : cli_print_rows(rows, fmt, search_table, 1) < 0;
  if (bad) /* a raw query that FTS5 could not parse fails on its first row */
    status = (flags & KB_SEARCH_RAW) ? EXIT_USAGE : EXIT_SOME_SKIPPED;
  kb_rows_free(rows);
  kb_store_close(st);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
