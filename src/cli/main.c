/*
 * main.c -- the kabar command: dispatches to one file per subcommand.
 *
 * `kabar --help`, `kabar COMMAND --help`, `kabar help COMMAND` and
 * `kabar --version` behave as jq's and sqlite3's do: help on stdout, exit 0.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: kabar COMMAND [OPTION]... [INPUT]...\n"
    "Turn Indonesian-language news into political event data.\n"
    "\n"
    "Commands:\n"
    "  code      code articles into political events (CAMEO): one record\n"
    "            per event mention, as JSON Lines, GDELT 2.0 or CSV\n"
    "  parse     read, clean and segment articles; print one JSON object per\n"
    "            article (title, outlet, dates, captions, sentences)\n"
    "  stem      print each word's root and affixes (WORD... or stdin)\n"
    "  ingest    code articles and store them in a database (kabar.db):\n"
    "            mentions merged into events across articles\n"
    "  events    list a database's merged events with their mention, article\n"
    "            and source counts (--mentions: the evidence)\n"
    "  search    full-text search over a database's articles\n"
    "  dyads     event counts and Goldstein sums per country pair and period\n"
    "  conflicts dates on which a database's articles disagree\n"
    "  export    a whole database as GDELT 2.0 files, CSV or JSON Lines\n"
    "  serve     a database's JSON API and dashboard over HTTP (loopback)\n"
    "  help      show the help of a command\n"
    "\n"
    "INPUT is a plain-text article, a JSON Lines file (one article per line:\n"
    "id, title, text, date, outlet, url), either of them gzip- or zstd-\n"
    "compressed, a folder (read recursively), or - for standard input (the\n"
    "default).\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "Exit status: 0 when every input was read, 1 when some input was skipped\n"
    "(a binary file, a broken JSON line, an unreadable file: each is named on\n"
    "standard error and the run goes on), 2 on a usage error.\n"
    "\n"
    "Run 'kabar COMMAND --help' for a command's options; 'man kabar' or\n"
    "docs/kabar.1 for the manual.\n";

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
} command;

static const command commands[] = {{"code", cmd_code},
                                   {"parse", cmd_parse},
                                   {"stem", cmd_stem},
                                   {"ingest", cmd_ingest},
                                   {"events", cmd_events},
                                   {"search", cmd_search},
                                   {"dyads", cmd_dyads},
                                   {"conflicts", cmd_conflicts},
                                   {"export", cmd_export},
                                   {"serve", cmd_serve},
                                   {NULL, NULL}};

static const command *find(const char *name) {
  const command *c;
  for (c = commands; c->name; c++)
    if (strcmp(c->name, name) == 0)
      return c;
  return NULL;
}

int main(int argc, char **argv) {
  const command *c;
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
    fputs(usage, stdout);
    return 0;
  }
  if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
    printf("kabar %s\n", kb_version());
    return 0;
  }
  if (strcmp(argv[1], "help") == 0) {
    char *help_argv[3];
    if (argc < 3) {
      fputs(usage, stdout);
      return 0;
    }
    c = find(argv[2]);
    if (c == NULL)
      return cli_usage(NULL, "unknown command '%s'", argv[2]);
    help_argv[0] = argv[2];
    help_argv[1] = "--help";
    help_argv[2] = NULL;
    return c->run(2, help_argv);
  }
  c = find(argv[1]);
  if (c == NULL)
    return cli_usage(NULL, "unknown command '%s'", argv[1]);
  return c->run(argc - 1, argv + 1);
}
