/*
 * cli.c -- shared pieces of the kabar command (see cli.h).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store_pg.h"
#include "util/calendar.h"

void cli_error(const char *fmt, ...) {
  va_list ap;
  flockfile(stderr); /* one line, even beside -j's reader thread */
  fputs("kabar: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  funlockfile(stderr);
}

int cli_usage(const char *command, const char *fmt, ...) {
  va_list ap;
  fputs("kabar: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'kabar %s%s--help' for more information.\n",
          command ? command : "", command ? " " : "");
  return EXIT_USAGE;
}

int cli_report(kb_status st, const kb_error *err, int quiet) {
  const char *input = err->input ? err->input : "?";
  const char *msg = err->msg ? err->msg : kb_status_str(st);
  int skipped = st != KB_EEMPTY;
  if (quiet && !skipped)
    return 0;
  if (err->line)
    fprintf(stderr, "kabar: %s:%zu: %s%s\n", input, err->line,
            skipped ? "" : "warning: ", msg);
  else
    fprintf(stderr, "kabar: %s: %s%s\n", input, skipped ? "" : "warning: ",
            msg);
  return skipped;
}

/* The warnings a document got while being read (invalid UTF-8 replaced,
 * a field of the wrong type, text cut to the size limit), named by file
 * and, for JSON Lines, line. */
static void report_read_warnings(const kb_doc *doc, const kb_error *err) {
  kb_text in = kb_doc_field(doc, KB_FIELD_INPUT);
  size_t i;
  for (i = 0; i < kb_doc_n_warnings(doc); i++) {
    if (err->line && err->input)
      fprintf(stderr, "kabar: %s:%zu: warning: %s\n", err->input, err->line,
              kb_doc_warning(doc, i));
    else
      fprintf(stderr, "kabar: %.*s: warning: %s\n", (int)in.len,
              in.ptr ? in.ptr : "?", kb_doc_warning(doc, i));
  }
}

const char *cli_lang = "id";

int cli_each_doc(char **inputs, int n_inputs, int quiet, cli_doc_fn fn,
                 void *ctx) {
  static char *dash[] = {"-"};
  int i, rc, status = EXIT_ALL_READ;
  size_t n_seen; /* documents, skipped inputs and warnings of one input */
  if (n_inputs == 0) {
    inputs = dash;
    n_inputs = 1;
  }
  for (i = 0; i < n_inputs; i++) {
    kb_reader *r;
    kb_error err = {KB_OK, NULL, NULL, 0, 0};
    kb_status st = kb_reader_open(inputs[i], &r, &err);
    if (st != KB_OK) {
      if (err.input == NULL)
        err.input = inputs[i];
      if (cli_report(st, &err, quiet))
        status = EXIT_SOME_SKIPPED;
      continue;
    }
    kb_reader_set_lang(r, cli_lang); /* checked by cli_common_option */
    for (n_seen = 0;; n_seen++) {
      kb_doc *doc = NULL;
      memset(&err, 0, sizeof err);
      st = kb_reader_next(r, &doc, &err);
      if (st == KB_DONE) {
        size_t n_lang = kb_reader_n_skipped_lang(r);
        if (n_lang && !quiet)
          fprintf(stderr, "kabar: %s: %zu page%s not in Indonesian "
                          "skipped (--lang any keeps them)\n",
                  inputs[i], n_lang, n_lang == 1 ? "" : "s");
        if (n_seen == 0 && !quiet)
          fprintf(stderr, "kabar: %s: warning: no articles found\n",
                  inputs[i]);
        break;
      }
      if (st != KB_OK) {
        if (cli_report(st, &err, quiet))
          status = EXIT_SOME_SKIPPED;
        continue;
      }
      if (!quiet)
        report_read_warnings(doc, &err);
      rc = fn(doc, ctx);
      if (rc < 0) {
        kb_doc_free(doc);
        kb_reader_free(r);
        return EXIT_SOME_SKIPPED;
      }
      if (rc == 0)
        kb_doc_free(doc);
    }
    kb_reader_free(r);
  }
  return status;
}

kb_dict *cli_load_dict(const cli_common *c) {
  kb_dict *d = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status st = kb_dict_load(c->data_dir, c->hunspell, &d, &err);
  if (st != KB_OK) {
    /* a data file's name is relative to --data DIR (or to the copy built
     * into kabar) */
    const char *dir = c->data_dir && err.input && err.input[0] != '/'
                          ? c->data_dir
                          : NULL;
    if (err.line)
      cli_error("%s%s%s:%zu: %s", dir ? dir : "", dir ? "/" : "",
                err.input ? err.input : "?", err.line,
                err.msg ? err.msg : kb_status_str(st));
    else
      cli_error("%s%s%s: %s", dir ? dir : "", dir ? "/" : "",
                err.input ? err.input : "dictionaries",
                err.msg ? err.msg : kb_status_str(st));
    return NULL;
  }
  return d;
}

int cli_valid_date(const char *s) {
  int y, m, d, i;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
      (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  return y >= 1 && d >= 1 && d <= cal_days_in_month(y, m);
}

int cli_common_option(const char *command, int c, const char *arg,
                      cli_common *common) {
  switch (c) {
  case 'r':
    if (!cli_valid_date(arg)) {
      cli_usage(command, "invalid date '%s' (want YYYY-MM-DD)", arg);
      return -1;
    }
    common->opts.reference_date = arg;
    return 1;
  case CLI_OPT_DATA:
    common->data_dir = arg;
    return 1;
  case CLI_OPT_LEXICON:
    common->hunspell = arg;
    return 1;
  case 'q':
    common->quiet = 1;
    return 1;
  case CLI_OPT_LANG:
    if (strcmp(arg, "id") != 0 && strcmp(arg, "any") != 0) {
      cli_usage(command, "invalid language '%s' (want id or any)", arg);
      return -1;
    }
    cli_lang = arg;
    return 1;
  default:
    return 0;
  }
}

int cli_query_option(const char *command, int c, const char *arg,
                     kb_query *q) {
  long long v;
  switch (c) {
  case CLI_OPT_ACTOR:
    q->actor = arg;
    return 1;
  case CLI_OPT_SOURCE:
    q->source = arg;
    return 1;
  case CLI_OPT_TARGET:
    q->target = arg;
    return 1;
  case CLI_OPT_ROOT:
    q->root = arg;
    return 1;
  case CLI_OPT_QUAD:
    if (!cli_parse_count(arg, &v) || v < 1 || v > 4) {
      cli_usage(command, "--quad wants 1, 2, 3 or 4");
      return -1;
    }
    q->quad = (int)v;
    return 1;
  case CLI_OPT_FROM:
  case CLI_OPT_TO:
    if (!cli_valid_date(arg)) {
      cli_usage(command, "invalid date '%s' (want YYYY-MM-DD)", arg);
      return -1;
    }
    if (c == CLI_OPT_FROM)
      q->from = arg;
    else
      q->to = arg;
    return 1;
  default:
    return 0;
  }
}

int cli_bad_option(const char *command, int c, char **argv) {
  if (c == ':')
    return cli_usage(command, "option '%s' needs a value", argv[optind - 1]);
  return cli_usage(command, "unknown option '%s'", argv[optind - 1]);
}

int cli_parse_count(const char *s, long long *out) {
  char *end;
  long long v;
  if (*s < '0' || *s > '9')
    return 0;
  v = strtoll(s, &end, 10);
  if (*end != 0 || v < 0)
    return 0;
  *out = v;
  return 1;
}

int cli_query_failed(const char *command, const char *db, kb_store *st,
                     kb_status rc, const kb_error *err) {
  int status;
  if (rc == KB_EARG) {
    status = cli_usage(command, "%s", err->msg ? err->msg : "bad query");
  } else {
    cli_error("%s: %s", db, err->msg ? err->msg : kb_status_str(rc));
    status = EXIT_SOME_SKIPPED;
  }
  kb_store_close(st);
  return status;
}

