/*
 * cmd_events.c -- `kabar events`: the merged events of a database, with
 * their counts (NumMentions, NumArticles, NumSources) and, with
 * --mentions, the evidence sentences behind each.  Also the pieces every
 * store command shares: opening the database, output formats, the table
 * printer.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store_pg.h"

static const char help[] =
    "Usage: kabar events [OPTION]...\n"
    "List the merged events of a kabar database: one row per real-world\n"
    "event, with how many mentions, articles and distinct sources report it\n"
    "(GDELT's NumMentions, NumArticles, NumSources).\n"
    "\n"
    "Options:\n"
    "      --db FILE          the database (default kabar.db), or a\n"
    "                         PostgreSQL one: postgresql://... (docs/SCALE.md)\n"
    "      --actor CODE       source or target code starts with CODE (RUS\n"
    "                         matches RUS and RUSGOV)\n"
    "      --source CODE      source code starts with CODE\n"
    "      --target CODE      target code starts with CODE\n"
    "      --code PREFIX      CAMEO event code starts with PREFIX (05, 051)\n"
    "      --root NN          CAMEO root (two digits)\n"
    "      --quad N           QuadClass 1-4\n"
    "      --from DATE        events on or after DATE (YYYY-MM-DD)\n"
    "      --to DATE          events on or before DATE\n"
    "      --min-sources N    reported by at least N distinct sources\n"
    "      --limit N          at most N events\n"
    "      --negated          include negated events (\"tidak menyerang\")\n"
    "      --country CC       happened in country CC, a FIPS 10-4 code as in\n"
    "                         GDELT (RS Russia, KN North Korea, ID Indonesia)\n"
    "      --near LAT,LON,KM  happened within KM kilometres of LAT,LON\n"
    "      --mentions         with each event, its mentions: the evidence\n"
    "                         sentences with article ids and urls\n"
    "  -f, --format FMT       jsonl, csv, gdelt (GDELT 2.0 event table; with\n"
    "                         --mentions, its mentions table) or table\n"
    "                         (default: table on a terminal, else jsonl)\n"
    "  -h, --help             show this help and exit\n"
    "\n"
    "Events are in date order.  The fields are those of the event record\n"
    "(docs/FORMATS.md) plus the counts; docs/STORE.md explains merging.\n"
    "\n"
    "Exit status: 0 success; 1 the database could not be read; 2 usage.\n"
    "\n"
    "Examples:\n"
    "  kabar events --actor PRK --from 2024-01-01\n"
    "  kabar events --code 051 --mentions --format jsonl\n"
    "  kabar events --near 39.03,125.75,50      (around Pyongyang)\n";

/* "39.03,125.75,50" -> near_lat, near_lon, near_km; 0 when malformed. */
static int parse_near(const char *s, kb_query *q) {
  double v[3];
  char *end;
  int k;
  for (k = 0; k < 3; k++) {
    v[k] = strtod(s, &end);
    if (end == s || (k < 2 ? *end != ',' : *end != '\0'))
      return 0;
    s = end + 1;
  }
  /* written so that NaN fails every test */
  if (!(v[0] >= -90 && v[0] <= 90 && v[1] >= -180 && v[1] <= 180 &&
        v[2] > 0 && v[2] <= 20000))
    return 0;
  q->near_lat = v[0];
  q->near_lon = v[1];
  q->near_km = v[2];
  return 1;
}

/* ---- shared by the store commands -------------------------------------- */

int cli_parse_format(const char *s, int allow_gdelt, cli_fmt *out) {
  if (strcmp(s, "jsonl") == 0 || strcmp(s, "json") == 0)
    *out = CLI_JSONL;
  else if (strcmp(s, "csv") == 0)
    *out = CLI_CSV;
  else if (strcmp(s, "table") == 0)
    *out = CLI_TABLE;
  else if (allow_gdelt && strcmp(s, "gdelt") == 0)
    *out = CLI_GDELT;
  else
    return 0;
  return 1;
}

cli_fmt cli_default_format(void) {
  return isatty(STDOUT_FILENO) ? CLI_TABLE : CLI_JSONL;
}

kb_store *cli_open_store(const char *path, int write) {
  kb_store *st = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  if (pg_is_uri(path) && write) {
    cli_error("%s: PostgreSQL is written by kabar ingest only", path);
    return NULL;
  }
  if (!write && !pg_is_uri(path) && access(path, F_OK) != 0) {
    cli_error("%s: no such database (create it with kabar ingest)", path);
    return NULL;
  }
  rc = kb_store_open(path, write ? 0u : KB_STORE_READONLY, &st, &err);
  if (rc == KB_EDB && !write && err.msg &&
      strstr(err.msg, "needs an upgrade") && access(path, W_OK) == 0) {
    /* made by an older kabar: a reader may write the file, so it steps
     * the schema up (one transaction per version, nothing stored is
     * touched) and reads on */
    rc = kb_store_open(path, 0u, &st, &err);
    if (rc == KB_OK) {
      kb_store_close(st);
      st = NULL;
      cli_error("%s: warning: database made by an older kabar: schema "
                "upgraded",
                path);
      rc = kb_store_open(path, KB_STORE_READONLY, &st, &err);
    }
  }
  if (rc != KB_OK) {
    if (rc == KB_EDB && err.msg && strstr(err.msg, "needs an upgrade"))
      cli_error("%s: database made by an older kabar: its schema needs an "
                "upgrade, which any kabar command does when it may write "
                "the file",
                path);
    else
      cli_error("%s: %s", path, err.msg ? err.msg : kb_status_str(rc));
    return NULL;
  }
  return st;
}

/* Writes t in exactly `width` characters (UTF-8 aware), cut with an
 * ellipsis when longer; width 0 writes it whole. */
static void put_cell(kb_text t, int width) {
  size_t i, chars = 0, cut = 0;
  const char *p = t.ptr ? t.ptr : "";
  size_t n = t.ptr ? t.len : 0;
  if (width <= 0) {
    for (i = 0; i < n; i++)
      putchar(p[i] == '\n' || p[i] == '\t' ? ' ' : p[i]);
    return;
  }
  for (i = 0; i < n; i++)
    if (((unsigned char)p[i] & 0xC0) != 0x80) {
      if (chars == (size_t)width - 1)
        cut = i;
      chars++;
    }
  if (chars > (size_t)width) {
    for (i = 0; i < cut; i++)
      putchar(p[i] == '\n' || p[i] == '\t' ? ' ' : p[i]);
    fputs("\xe2\x80\xa6", stdout);
    return;
  }
  for (i = 0; i < n; i++)
    putchar(p[i] == '\n' || p[i] == '\t' ? ' ' : p[i]);
  for (; chars < (size_t)width; chars++)
    putchar(' ');
}

/* Column indices of a table's columns in r (-1 when absent). */
static void table_index(kb_rows *r, const cli_col *table, int *idx) {
  size_t k, i;
  for (k = 0; table[k].name; k++) {
    idx[k] = -1;
    for (i = 0; i < kb_rows_n_columns(r); i++)
      if (strcmp(kb_rows_name(r, i), table[k].name) == 0)
        idx[k] = (int)i;
  }
}

static void table_header(const cli_col *table) {
  size_t k;
  for (k = 0; table[k].name; k++) {
    kb_text t;
    t.ptr = table[k].title;
    t.len = strlen(t.ptr);
    if (k)
      putchar(' ');
    put_cell(t, table[k].width);
  }
  putchar('\n');
}

static void table_row(kb_rows *r, const cli_col *table, const int *idx) {
  size_t k;
  for (k = 0; table[k].name; k++) {
    kb_text t = {NULL, 0};
    if (idx[k] >= 0)
      t = kb_rows_text(r, (size_t)idx[k]);
    if (k)
      putchar(' ');
    put_cell(t, table[k].width);
  }
  putchar('\n');
}

long long cli_print_rows(kb_rows *r, cli_fmt fmt, const cli_col *table,
                         int header) {
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  long long n = 0;
  int idx[64] = {0};
  if (fmt == CLI_TABLE && table == NULL)
    fmt = CLI_JSONL; /* no columns to show: the records as they are */
  if (fmt == CLI_TABLE) {
    table_index(r, table, idx);
    if (header)
      table_header(table);
  } else if (fmt == CLI_CSV && header) {
    fputs(kb_rows_csv_header(r), stdout);
  }
  while ((rc = kb_rows_next(r, &err)) == KB_OK) {
    if (fmt == CLI_TABLE) {
      table_row(r, table, idx);
    } else {
      const char *out;
      size_t len;
      kb_format f = fmt == CLI_CSV     ? KB_FORMAT_CSV
                    : fmt == CLI_GDELT ? KB_FORMAT_GDELT
                                       : KB_FORMAT_JSONL;
      if (kb_rows_format(r, f, &out, &len) != KB_OK) {
        cli_error("cannot render this output as %s",
                  fmt == CLI_GDELT ? "gdelt" : "text");
        return -1;
      }
      fwrite(out, 1, len, stdout);
    }
    n++;
    if (ferror(stdout)) {
      cli_error("write error on standard output");
      return -1;
    }
  }
  if (rc != KB_DONE) {
    cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
    return -1;
  }
  return n;
}

/* ---- kabar events ------------------------------------------------------- */

static const cli_col event_table[] = {{"id", 6, "id"},
                                      {"date", 10, "date"},
                                      {"source.code", 9, "source"},
                                      {"target.code", 9, "target"},
                                      {"code", 4, "code"},
                                      {"goldstein", 5, "gold"},
                                      {"num_mentions", 4, "ment"},
                                      {"num_articles", 4, "art"},
                                      {"num_sources", 4, "src"},
                                      {"source.name", 22, "source name"},
                                      {"target.name", 0, "target name"},
                                      {NULL, 0, NULL}};

static const cli_col mention_table[] = {
    {"id", 28, "    mention"}, {"url", 0, ""}, {NULL, 0, NULL}};

static const cli_col mention_sentence[] = {{"sentence", 0, ""},
                                           {NULL, 0, NULL}};

/* Prints the mentions of one event after its row (JSON: inside it). */
static int print_mentions(kb_store *st, kb_rows *ev, cli_fmt fmt,
                          int *csv_header) {
  kb_rows *m = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc = kb_store_mentions(st, kb_rows_int(ev, 0), &m, &err);
  int n = 0;
  if (rc != KB_OK) {
    cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
    return -1;
  }
  if (fmt == CLI_JSONL) {
    const char *out;
    size_t len;
    kb_rows_format(ev, KB_FORMAT_JSONL, &out, &len);
    fwrite(out, 1, len - 2, stdout); /* without "}\n" */
    fputs(",\"mentions\":[", stdout);
    while ((rc = kb_rows_next(m, &err)) == KB_OK) {
      if (kb_rows_format(m, KB_FORMAT_JSONL, &out, &len) != KB_OK)
        break;
      if (n++)
        putchar(',');
      fwrite(out, 1, len - 1, stdout);
    }
    fputs("]}\n", stdout);
  } else if (fmt == CLI_TABLE) {
    int idx[4], sidx[2];
    table_index(m, mention_table, idx);
    table_index(m, mention_sentence, sidx);
    while ((rc = kb_rows_next(m, &err)) == KB_OK) {
      fputs("    ", stdout);
      table_row(m, mention_table, idx);
      fputs("      ", stdout);
      table_row(m, mention_sentence, sidx);
    }
  } else {
    long long k = cli_print_rows(m, fmt, NULL, *csv_header);
    *csv_header = 0;
    kb_rows_free(m);
    return k < 0 ? -1 : 0;
  }
  kb_rows_free(m);
  if (rc != KB_DONE) {
    cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
    return -1;
  }
  return 0;
}

int cmd_events(int argc, char **argv) {
  enum {
    OPT_DB = 256,
    OPT_CODE,
    OPT_MIN_SOURCES,
    OPT_LIMIT,
    OPT_MENTIONS,
    OPT_NEGATED,
    OPT_COUNTRY,
    OPT_NEAR
  };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"code", required_argument, NULL, OPT_CODE},
      CLI_QUERY_LONGOPTS,
      {"min-sources", required_argument, NULL, OPT_MIN_SOURCES},
      {"limit", required_argument, NULL, OPT_LIMIT},
      {"mentions", no_argument, NULL, OPT_MENTIONS},
      {"negated", no_argument, NULL, OPT_NEGATED},
      {"country", required_argument, NULL, OPT_COUNTRY},
      {"near", required_argument, NULL, OPT_NEAR},
      {"format", required_argument, NULL, 'f'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  kb_query q = KB_QUERY_INIT;
  const char *db = CLI_DEFAULT_DB;
  cli_fmt fmt = cli_default_format();
  int c, with_mentions = 0, status = 0, csv_header = 1;
  kb_store *st = NULL;
  kb_rows *rows = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
    int done = cli_query_option("events", c, optarg, &q);
    if (done < 0)
      return EXIT_USAGE;
    if (done)
      continue;
    switch (c) {
    case OPT_DB:
      db = optarg;
      break;
    case OPT_CODE:
      q.code = optarg;
      break;
    case OPT_MIN_SOURCES:
      if (!cli_parse_count(optarg, &q.min_sources))
        return cli_usage("events", "--min-sources wants a number");
      break;
    case OPT_LIMIT:
      if (!cli_parse_count(optarg, &q.limit))
        return cli_usage("events", "--limit wants a number");
      break;
    case OPT_MENTIONS:
      with_mentions = 1;
      break;
    case OPT_NEGATED:
      q.flags |= KB_QUERY_NEGATED;
      break;
    case OPT_COUNTRY:
      q.country = optarg;
      break;
    case OPT_NEAR:
      if (!parse_near(optarg, &q))
        return cli_usage("events", "--near wants LAT,LON,KM (39.03,125.75,50)");
      break;
    case 'f':
      if (!cli_parse_format(optarg, 1, &fmt))
        return cli_usage("events",
                         "unknown format '%s' (jsonl, csv, gdelt or table)",
                         optarg);
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("events", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("events", "unexpected argument '%s'", argv[optind]);
  if ((st = cli_open_store(db, 0)) == NULL)
    return EXIT_SOME_SKIPPED;
  rc = kb_store_events(st, &q, &rows, &err);
  if (rc != KB_OK)
    return cli_query_failed("events", db, st, rc, &err);
  if (!with_mentions) {
    if (cli_print_rows(rows, fmt, event_table, 1) < 0)
      status = EXIT_SOME_SKIPPED;
  } else {
    if (fmt == CLI_TABLE)
      table_header(event_table);
    while ((rc = kb_rows_next(rows, &err)) == KB_OK) {
      if (fmt == CLI_TABLE) {
        int idx[16] = {0};
        table_index(rows, event_table, idx);
        table_row(rows, event_table, idx);
      }
      if (print_mentions(st, rows, fmt, &csv_header) < 0) {
        status = EXIT_SOME_SKIPPED;
        break;
      }
    }
    if (rc != KB_DONE && rc != KB_OK) {
      cli_error("%s", err.msg ? err.msg : kb_status_str(rc));
      status = EXIT_SOME_SKIPPED;
    }
  }
  kb_rows_free(rows);
  kb_store_close(st);
  if (fflush(stdout) != 0) {
    cli_error("write error on standard output");
    status = EXIT_SOME_SKIPPED;
  }
  return status;
}
