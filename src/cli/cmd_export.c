/*
 * cmd_export.c -- `kabar export`: the whole database as GDELT 2.0 files
 * (an events file and a mentions file, named and laid out as GDELT
 * publishes them), CSV or JSON Lines.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: kabar export [OPTION]...\n"
    "Export every merged event of a kabar database.\n"
    "\n"
    "  gdelt  two files in DIR, named and laid out like GDELT 2.0's:\n"
    "         YYYYMMDDHHMMSS.export.CSV (the 61-column event table, with\n"
    "         NumMentions, NumSources, NumArticles) and\n"
    "         YYYYMMDDHHMMSS.mentions.CSV (the 16-column mentions table,\n"
    "         one row per mention), tab-separated, no header, not zipped;\n"
    "         the time stamp is when the last article was stored (UTC)\n"
    "  csv    the events (or, with --mentions, the mentions) on standard\n"
    "         output, with a header row\n"
    "  jsonl  the same as JSON Lines\n"
    "\n"
    "Options:\n"
    "      --db FILE         the database (default kabar.db), or a\n"
    "                        PostgreSQL one: postgresql://... (docs/SCALE.md)\n"
    "  -f, --format FMT      gdelt, csv or jsonl (required)\n"
    "  -o, --out DIR         where the GDELT files go (default .; made if\n"
    "                        missing)\n"
    "      --mentions        csv, jsonl: the mentions instead of the events\n"
    "      --negated         include negated events\n"
    "  -h, --help            show this help and exit\n"
    "\n"
    "Exit status: 0 success; 1 the database could not be read or a file\n"
    "not written; 2 usage error.\n"
    "\n"
    "Example:\n"
    "  kabar export --format gdelt --out exports/\n";

/* Writes every row of r to path in GDELT layout.  Returns rows or -1. */
static long long write_gdelt(kb_rows *r, const char *path) {
  FILE *f = fopen(path, "wb");
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  long long n = 0;
  if (f == NULL) {
    cli_error("%s: cannot create the file: %s", path, strerror(errno));
    return -1;
  }
  while ((rc = kb_rows_next(r, &err)) == KB_OK) {
    const char *out;
    size_t len;
    if (kb_rows_format(r, KB_FORMAT_GDELT, &out, &len) != KB_OK)
      break;
    fwrite(out, 1, len, f);
    n++;
  }
  if (rc != KB_DONE) {
    cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
    n = -1;
  }
  if (fclose(f) != 0 || n < 0) {
    if (n >= 0)
      cli_error("%s: write error", path);
    return -1;
  }
  return n;
}

/* "2024-03-20T10:00:00Z" -> "20240320100000" ("19700101000000" when
 * the database is empty). */
static void gdelt_stamp(const char *updated, char out[15]) {
  size_t i, n = 0;
  for (i = 0; updated[i] && n < 14; i++)
    if (updated[i] >= '0' && updated[i] <= '9')
      out[n++] = updated[i];
  if (n < 14)
    memcpy(out, "19700101000000", 14);
  out[14] = 0;
}

int cmd_export(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_MENTIONS, OPT_NEGATED };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"format", required_argument, NULL, 'f'},
      {"out", required_argument, NULL, 'o'},
      {"mentions", no_argument, NULL, OPT_MENTIONS},
      {"negated", no_argument, NULL, OPT_NEGATED},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  kb_query q = KB_QUERY_INIT;
  const char *db = CLI_DEFAULT_DB, *dir = ".";
  cli_fmt fmt = CLI_TABLE; /* "not given" */
  int c, status = 0, with_mentions = 0;
  kb_store *st;
  kb_rows *rows = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_DB:
      db = optarg;
      break;
    case 'f':
      if (!cli_parse_format(optarg, 1, &fmt) || fmt == CLI_TABLE)
        return cli_usage("export", "unknown format '%s' (gdelt, csv or jsonl)",
                         optarg);
      break;
    case 'o':
      dir = optarg;
      break;
    case OPT_MENTIONS:
      with_mentions = 1;
      break;
    case OPT_NEGATED:
      q.flags |= KB_QUERY_NEGATED;
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("export", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("export", "unexpected argument '%s'", argv[optind]);
  if (fmt == CLI_TABLE)
    return cli_usage("export", "--format is required (gdelt, csv or jsonl)");
  if ((st = cli_open_store(db, 0)) == NULL)
    return EXIT_SOME_SKIPPED;
  if (fmt == CLI_GDELT) {
    kb_store_totals tot;
    char stamp[15], path[4096];
    long long n_events = -1, n_mentions = -1;
    if (kb_store_totals_get(st, &tot, &err) != KB_OK) {
      cli_error("%s: %s", db, err.msg ? err.msg : "database error");
      kb_store_close(st);
      return EXIT_SOME_SKIPPED;
    }
    gdelt_stamp(tot.updated, stamp);
    /* --out exports/: made when missing (one level; fopen names any
     * other failure) */
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
      cli_error("%s: cannot make the folder: %s", dir, strerror(errno));
    snprintf(path, sizeof path, "%s/%s.export.CSV", dir, stamp);
    if (kb_store_events(st, &q, &rows, &err) == KB_OK)
      n_events = write_gdelt(rows, path);
    kb_rows_free(rows);
    rows = NULL;
    if (n_events >= 0) {
      fprintf(stderr, "kabar: %s: %lld events\n", path, n_events);
      snprintf(path, sizeof path, "%s/%s.mentions.CSV", dir, stamp);
      if (kb_store_mentions(st, 0, &rows, &err) == KB_OK)
        n_mentions = write_gdelt(rows, path);
      kb_rows_free(rows);
      if (n_mentions >= 0)
        fprintf(stderr, "kabar: %s: %lld mentions\n", path, n_mentions);
    }
    if (n_events < 0 || n_mentions < 0) {
      if (err.msg)
        cli_error("%s: %s", db, err.msg);
      status = EXIT_SOME_SKIPPED;
    }
    kb_store_close(st);
    return status;
  }
  rc = with_mentions ? kb_store_mentions(st, 0, &rows, &err)
                     : kb_store_events(st, &q, &rows, &err);
  if (rc != KB_OK) {
    cli_error("%s: %s", db, err.msg ? err.msg : kb_status_str(rc));
    kb_store_close(st);
    return EXIT_SOME_SKIPPED;
  }
  if (cli_print_rows(rows, fmt, NULL, 1) < 0)
    status = EXIT_SOME_SKIPPED;
  kb_rows_free(rows);
  kb_store_close(st);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
