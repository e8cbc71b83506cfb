/*
 * cli.h -- what the subcommands of the kabar command share: reporting in
 * the "kabar: FILE:LINE: message" form, the exit statuses, and the loop
 * over input paths.
 */
#ifndef KB_CLI_H
#define KB_CLI_H

#include <stdio.h>

#include "kabar.h"

/* Exit statuses (documented in --help and kabar.1). */
#define EXIT_ALL_READ 0
#define EXIT_SOME_SKIPPED 1
#define EXIT_USAGE 2

/* Options every command that reads articles takes. */
typedef struct cli_common {
  const char *data_dir; /* --data */
  const char *hunspell; /* --lexicon */
  kb_options opts;
  int quiet; /* -q: no warnings on stderr */
} cli_common;

/* The options every command that reads articles takes (parse, code,
 * ingest): put CLI_COMMON_LONGOPTS in the getopt_long table and "r:q" in
 * the short options, and hand every option to cli_common_option first. */
#define CLI_OPT_DATA 1001
#define CLI_OPT_LEXICON 1002
#define CLI_OPT_LANG 1003
#define CLI_COMMON_LONGOPTS                                                    \
  {"reference-date", required_argument, NULL, 'r'},                            \
      {"data", required_argument, NULL, CLI_OPT_DATA},                         \
      {"dict", required_argument, NULL, CLI_OPT_DATA},                         \
      {"lexicon", required_argument, NULL, CLI_OPT_LEXICON},                   \
      {"quiet", no_argument, NULL, 'q'},                                       \
      {"lang", required_argument, NULL, CLI_OPT_LANG}

/* Applies common option `c` with argument `arg`.  Returns 1 when it was
 * one (applied), 0 when it is not a common option, or -1 after a usage
 * error was reported (the command then exits with EXIT_USAGE). */
int cli_common_option(const char *command, int c, const char *arg,
                      cli_common *common);

/* --lang for web pages ("id", the default, or "any"), read by
 * cli_each_doc; it reports how many pages it skipped by language. */
extern const char *cli_lang;

/* Parses a non-negative decimal integer option strictly (digits only). */
int cli_parse_count(const char *s, long long *out);

/* Reports a failed store query (KB_EARG: a usage error; else a database
 * error naming `db`) and closes the store; err->msg lives in the store, so
 * it is printed first.  Returns the exit status. */
int cli_query_failed(const char *command, const char *db, kb_store *st,
                     kb_status rc, const kb_error *err);

/* Reports what getopt_long returned as `c` for a bad option (':' when
 * its value is missing); returns EXIT_USAGE. */
int cli_bad_option(const char *command, int c, char **argv);

/* Prints "kabar: " + message to stderr. */
void cli_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Prints a usage error with a pointer to COMMAND --help; returns 2. */
int cli_usage(const char *command, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Reports a reader status; returns 1 if it counts as a skipped input. */
int cli_report(kb_status st, const kb_error *err, int quiet);

/* Calls fn on every document of every input ("-" when there is none).
 * fn returns 0 (the document is then freed), 1 when it keeps the document
 * (and frees it later), or -1 to stop (out of memory, broken pipe).
 * Returns the exit status. */
typedef int (*cli_doc_fn)(kb_doc *doc, void *ctx);
int cli_each_doc(char **inputs, int n_inputs, int quiet, cli_doc_fn fn,
                 void *ctx);

/* -j N (jobs.c): documents coded on N threads, emitted in input order. */
#define CLI_MAX_JOBS 256
typedef struct cli_job {
  kb_doc *doc;   /* owned by the pool */
  kb_status st;  /* what `work` returned */
  kb_error err;  /* its detail (msg lives in doc or is static) */
  char *out;     /* work's output, kb_free'd after emit (may be NULL) */
  size_t len;
} cli_job;
typedef struct cli_jobs_spec {
  int jobs;                                /* 1: no threads */
  void (*work)(cli_job *job, void *ctx);   /* on a worker: this doc only */
  int (*emit)(cli_job *job, void *ctx);    /* in input order; -1 stops */
  void *ctx;
  int threaded; /* work on a thread even with jobs 1 (a pipeline: the
                   next document is worked on while this one is emitted) */
} cli_jobs_spec;
/* cli_each_doc with `work` on spec->jobs threads and `emit` on this one,
 * in input order.  Returns the exit status. */
int cli_each_doc_jobs(char **inputs, int n_inputs, int quiet,
                      const cli_jobs_spec *spec);
/* Parses -j's value (0: one per core) into *jobs.  Returns 0, or
 * EXIT_USAGE after reporting. */
int cli_parse_jobs(const char *command, const char *arg, int *jobs);

/* Loads the dictionaries for --data/--lexicon; NULL after reporting. */
kb_dict *cli_load_dict(const cli_common *c);

/* Parses a "YYYY-MM-DD" date strictly.  Returns 1 if valid. */
int cli_valid_date(const char *s);

/* The filters the store commands share (events, dyads): put
 * CLI_QUERY_LONGOPTS in the getopt_long table and hand every option to
 * cli_query_option first. */
#define CLI_OPT_ACTOR 1101
#define CLI_OPT_SOURCE 1102
#define CLI_OPT_TARGET 1103
#define CLI_OPT_ROOT 1104
#define CLI_OPT_QUAD 1105
#define CLI_OPT_FROM 1106
#define CLI_OPT_TO 1107
#define CLI_QUERY_LONGOPTS                                                     \
  {"actor", required_argument, NULL, CLI_OPT_ACTOR},                           \
      {"source", required_argument, NULL, CLI_OPT_SOURCE},                     \
      {"target", required_argument, NULL, CLI_OPT_TARGET},                     \
      {"root", required_argument, NULL, CLI_OPT_ROOT},                         \
      {"quad", required_argument, NULL, CLI_OPT_QUAD},                         \
      {"from", required_argument, NULL, CLI_OPT_FROM},                         \
      {"to", required_argument, NULL, CLI_OPT_TO}
/* Applies filter option `c` with argument `arg` to *q.  Returns 1 when
 * it was one, 0 when it is not, or -1 after a usage error was reported. */
int cli_query_option(const char *command, int c, const char *arg,
                     kb_query *q);

/* Subcommands. */
int cmd_parse(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_stem(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_dyads(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* The store commands' shared pieces (cmd_events.c). */
#define CLI_DEFAULT_DB "kabar.db"
typedef enum cli_fmt { CLI_JSONL, CLI_CSV, CLI_GDELT, CLI_TABLE } cli_fmt;
/* A column of the table format: the row column's name, its width in
 * characters (0: the rest of the line) and its heading. */
typedef struct cli_col {
  const char *name;
  int width;
  const char *title;
} cli_col;
/* Parses jsonl|csv|gdelt|table (gdelt only when allow_gdelt); 0 if bad. */
int cli_parse_format(const char *s, int allow_gdelt, cli_fmt *out);
/* The default format: table on a terminal, else JSON Lines. */
cli_fmt cli_default_format(void);
/* Opens the database (read-only unless `write`; a postgresql:// URI
 * only to read); NULL after reporting. */
kb_store *cli_open_store(const char *path, int write);
/* Prints every row of r to stdout in fmt (table: the columns `table`, or
 * JSON Lines when table is NULL; CSV: the header first when `header`).  Returns the number of rows, or
 * -1 after reporting an error. */
long long cli_print_rows(kb_rows *r, cli_fmt fmt, const cli_col *table,
                         int header);

#endif
