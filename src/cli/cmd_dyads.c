/*
 * cmd_dyads.c -- `kabar dyads`: event counts and summed Goldstein values
 * per (source country, target country) and period, the time series
 * analysts plot.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar dyads [OPTION]...\n"
    "Event counts and Goldstein sums per (source country, target country)\n"
    "and period.  Each merged event counts once, in the period of its date\n"
    "(a month- or year-precision date on its first day, as GDELT does);\n"
    "negated and undated events do not count.\n"
    "\n"
    "Columns: period, source, target, events, mentions, goldstein (the sum\n"
    "of the events' values), goldstein_mean.\n"
    "\n"
    "Options:\n"
    "      --db FILE        the database (default kabar.db), or a\n"
    "                       PostgreSQL one: postgresql://... (docs/SCALE.md)\n"
    "      --by PERIOD      day, week (labelled by its Monday) or month\n"
    "                       (default)\n"
    "      --from DATE      from DATE (YYYY-MM-DD)\n"
    "      --to DATE        up to DATE\n"
    "      --actor CODE     source or target starts with CODE\n"
    "      --source CODE    source starts with CODE\n"
    "      --target CODE    target starts with CODE\n"
    "      --root NN        CAMEO root (two digits)\n"
    "      --quad N         QuadClass 1-4\n"
    "  -f, --format FMT     jsonl, csv or table (default: table on a\n"
    "                       terminal, else jsonl)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 success; 1 the database could not be read; 2 usage.\n"
    "\n"
    "Example:\n"
    "  kabar dyads --by week --actor PRK --format csv > prk.csv\n";

static const cli_col dyad_table[] = {
    {"period", 10, "period"},      {"source", 7, "source"},
    {"target", 7, "target"},       {"events", 7, "events"},
    {"mentions", 8, "mentions"},   {"goldstein", 9, "goldstein"},
    {"goldstein_mean", 0, "mean"}, {NULL, 0, NULL}};

int cmd_dyads(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_BY };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"by", required_argument, NULL, OPT_BY},
      CLI_QUERY_LONGOPTS,
      {"format", required_argument, NULL, 'f'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  kb_query q = KB_QUERY_INIT;
  kb_period by = KB_PERIOD_MONTH;
  const char *db = CLI_DEFAULT_DB;
  cli_fmt fmt = cli_default_format();
  int c, status = 0;
  kb_store *st = NULL;
  kb_rows *rows = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
    int done = cli_query_option("dyads", c, optarg, &q);
    if (done < 0)
      return EXIT_USAGE;
    if (done)
      continue;
    switch (c) {
    case OPT_DB:
      db = optarg;
      break;
    case OPT_BY:
      if (strcmp(optarg, "day") == 0)
        by = KB_PERIOD_DAY;
      else if (strcmp(optarg, "week") == 0)
        by = KB_PERIOD_WEEK;
      else if (strcmp(optarg, "month") == 0)
        by = KB_PERIOD_MONTH;
      else
        return cli_usage("dyads", "--by wants day, week or month");
      break;
    case 'f':
      if (!cli_parse_format(optarg, 0, &fmt))
        return cli_usage("dyads", "unknown format '%s' (jsonl, csv or table)",
                         optarg);
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("dyads", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("dyads", "unexpected argument '%s'", argv[optind]);
  if ((st = cli_open_store(db, 0)) == NULL)
    return EXIT_SOME_SKIPPED;
  rc = kb_store_dyads(st, &q, by, &rows, &err);
  if (rc != KB_OK)
    return cli_query_failed("dyads", db, st, rc, &err);
  if (cli_print_rows(rows, fmt, dyad_table, 1) < 0)
    status = EXIT_SOME_SKIPPED;
  kb_rows_free(rows);
  kb_store_close(st);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
