/*
 * cmd_conflicts.c -- `kabar conflicts`: where the articles of a database
 * disagree about when something happened (the war in Ukraine began "pada
 * 2020" in one article, "Februari 2022" in another), with the evidence
 * sentence of each side.
 */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar conflicts [OPTION]...\n"
    "List the date conflicts of a kabar database: two dates claimed for the\n"
    "same event that cannot both be true, with how many claims support each\n"
    "and one evidence sentence (article id and url) for each side.\n"
    "\n"
    "What counts as a claim: the start of a war, an invasion or an\n"
    "occupation, dated in the text (\"sejak invasi Rusia ke Ukraina pada\n"
    "Februari 2022\", \"sejak dimulainya perang di Ukraina pada 2020\");\n"
    "docs/STORE.md has the rules.\n"
    "\n"
    "Options:\n"
    "      --db FILE      the database (default kabar.db), or a\n"
    "                     PostgreSQL one: postgresql://... (docs/SCALE.md)\n"
    "  -f, --format FMT   jsonl, csv or table (default: table on a terminal,\n"
    "                     else jsonl)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Exit status: 0 success (also when there is no conflict); 1 the\n"
    "database could not be read; 2 usage error.\n";

/* Prints one column of the current row by name. */
static void put(kb_rows *r, const char *name) {
  size_t i;
  for (i = 0; i < kb_rows_n_columns(r); i++)
    if (strcmp(kb_rows_name(r, i), name) == 0) {
      kb_text t = kb_rows_text(r, i);
      if (t.ptr)
        fwrite(t.ptr, 1, t.len, stdout);
      return;
    }
}

/* The table format: a block per conflict. */
static int print_blocks(kb_rows *r) {
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  while ((rc = kb_rows_next(r, &err)) == KB_OK) {
    static const char *const sides[] = {"a", "b"};
    size_t k;
    char name[32];
    putchar('#');
    put(r, "id");
    fputs(" start of a war in ", stdout);
    put(r, "subject");
    fputs(": ", stdout);
    put(r, "a.date");
    fputs(" vs ", stdout);
    put(r, "b.date");
    putchar('\n');
    for (k = 0; k < 2; k++) {
      fputs("  ", stdout);
      snprintf(name, sizeof name, "%s.date", sides[k]);
      put(r, name);
      fputs(" (", stdout);
      snprintf(name, sizeof name, "%s.claims", sides[k]);
      put(r, name);
      fputs(" claims) ", stdout);
      snprintf(name, sizeof name, "%s.doc", sides[k]);
      put(r, name);
      fputs(": ", stdout);
      snprintf(name, sizeof name, "%s.sentence", sides[k]);
      put(r, name);
      putchar('\n');
    }
  }
  if (rc != KB_DONE) {
    cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
    return -1;
  }
  return 0;
}

int cmd_conflicts(int argc, char **argv) {
  enum { OPT_DB = 256 };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"format", required_argument, NULL, 'f'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  const char *db = CLI_DEFAULT_DB;
  cli_fmt fmt = cli_default_format();
  int c, status = 0, bad;
  kb_store *st = NULL;
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
    case 'f':
      if (!cli_parse_format(optarg, 0, &fmt))
        return cli_usage("conflicts",
                         "unknown format '%s' (jsonl, csv or table)", optarg);
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("conflicts", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("conflicts", "unexpected argument '%s'", argv[optind]);
  if ((st = cli_open_store(db, 0)) == NULL)
    return EXIT_SOME_SKIPPED;
  rc = kb_store_conflicts(st, &rows, &err);
  if (rc != KB_OK) {
    cli_error("%s: %s", db, err.msg ? err.msg : kb_status_str(rc));
    kb_store_close(st);
    return EXIT_SOME_SKIPPED;
  }
  bad = fmt == CLI_TABLE ? print_blocks(rows) < 0
                         : cli_print_rows(rows, fmt, NULL, 1) < 0;
  if (bad)
    status = EXIT_SOME_SKIPPED;
  kb_rows_free(rows);
  kb_store_close(st);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
