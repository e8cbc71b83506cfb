/*
 * cmd_ingest.c -- `kabar ingest`: reads, codes and stores articles in a
 * kabar database (default kabar.db), merging mentions into events.
 * Batches of articles are single transactions; an article already stored
 * adds nothing, so re-running an interrupted ingest completes it.  A
 * progress line on a terminal, a one-line summary at the end.
 *
 * A pipeline: articles are coded on worker threads (-j, one by default)
 * while the calling thread stores the ones before them, in input order.
 * A worker first asks a read-only handle on the database whether the
 * article is stored already, and codes only what the store will add.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store_pg.h"

static const char help[] =
    "Usage: kabar ingest [OPTION]... INPUT...\n"
    "Read, code and store articles in a kabar database: articles (metadata,\n"
    "text, sentences with spans), mentions (every coded event record) and\n"
    "events (mentions of one real-world event merged across sentences and\n"
    "articles).  An article already in the database adds nothing, so the\n"
    "same input can be ingested again safely, and an interrupted ingest is\n"
    "completed by running it again.\n"
    "\n"
    "Options:\n"
    "      --db FILE           the database (default kabar.db; created when\n"
    "                          absent), or postgresql://USER@HOST:PORT/DB\n"
    "                          (articles and mentions; docs/SCALE.md)\n"
    "      --batch N           articles per transaction (default 2000)\n"
    "  -j, --jobs N            code on N threads (default 1; 0: one per\n"
    "                          core) while another stores the articles, in\n"
    "                          input order, so the database is the same\n"
    "                          whatever N\n"
    "  -r, --reference-date D  resolve relative dates against D (YYYY-MM-DD)\n"
    "      --data DIR          read dictionaries from DIR\n"
    "      --lexicon FILE      hunspell .dic root list\n"
    "      --lang L            web pages kept: id (Indonesian, default) or\n"
    "                          any\n"
    "  -q, --quiet             no progress, summary or warnings\n"
    "  -h, --help              show this help and exit\n"
    "\n"
    "INPUT: article files (.txt), web pages (.html), WARC archives (.warc,\n"
    ".warc.gz, .warc.zst; HTML responses), JSON Lines (.jsonl), gzip- or zstd-\n"
    "compressed either, folders (recursively), or - for standard input.\n"
    "\n"
    "On a terminal, standard error shows articles/s, events and, for files\n"
    "of known size, the time left.  The summary line says how many articles\n"
    "were new, already stored or near-duplicates of stored ones.\n"
    "\n"
    "Exit status: 0 every input read and stored; 1 some input skipped or a\n"
    "database error; 2 usage error.\n"
    "\n"
    "Examples:\n"
    "  kabar ingest --db news.db articles.jsonl.gz\n"
    "  kabar events --db news.db --actor PRK\n";

typedef struct ingest_ctx {
  kb_store *store;
  pg_store *pg;       /* --db postgresql://...: instead of store */
  kb_store *seen;     /* read-only handle: is an article stored? (NULL:
                         none, every article is coded) */
  pthread_mutex_t seen_lock; /* seen is one thread's at a time */
  const char *db;
  kb_dict *dict;
  cli_common common;
  long long batch;    /* articles per transaction */
  long long in_batch; /* articles since the last commit */
  long long n_docs, n_new, n_known, n_near, n_failed;
  long long n_mentions, n_new_events, n_conflicts;
  double bytes_total; /* input size when known, else 0 */
  double bytes_done;  /* text bytes of the documents seen */
  int progress;       /* stderr is a terminal */
  int fatal;          /* a database error: stop */
  int jobs;           /* -j */
  double started, last_shown;
} ingest_ctx;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(ingest_ctx *c, int final) {
  double t = now_s(), elapsed = t - c->started;
  double rate = elapsed > 0 ? (double)c->n_docs / elapsed : 0;
  char eta[32] = "";
  if (!final && t - c->last_shown < 0.2)
    return;
  c->last_shown = t;
  if (c->bytes_total > 0 && c->bytes_done > 0 && elapsed > 0.5) {
    double left = (c->bytes_total - c->bytes_done) * elapsed / c->bytes_done;
    if (left < 0)
      left = 0;
    snprintf(eta, sizeof eta, "  ETA %d:%02d", (int)(left / 60),
             (int)left % 60);
  }
  fprintf(stderr, "\r%lld articles (%lld new)  %.0f/s  %lld events%s\033[K",
          c->n_docs, c->n_new, rate, c->n_new_events, eta);
  if (final)
    fputc('\n', stderr);
}

/* On a worker thread: codes the document and prepares it for the store
 * (kb_store_prepare: the prep goes in job->out, one block), so that the
 * store, on the calling thread, only writes -- unless the database holds
 * it already (the store will add nothing).  A failure is reported by the
 * store's own call.  PostgreSQL: coding only. */
static void ingest_work(cli_job *job, void *vctx) {
  ingest_ctx *c = vctx;
  if (c->seen != NULL) {
    long long article = 0;
    kb_status st;
    pthread_mutex_lock(&c->seen_lock);
    st = kb_store_find_doc(c->seen, job->doc, &article, NULL);
    pthread_mutex_unlock(&c->seen_lock);
    if (st == KB_OK && article > 0)
      return;
  }
  if (c->pg == NULL) {
    kb_store_prep *prep = NULL;
    job->st =
        kb_store_prepare(job->doc, c->dict, &c->common.opts, &prep, &job->err);
    job->out = (char *)prep;
  } else {
    job->st = kb_doc_code(job->doc, c->dict, &c->common.opts, &job->err);
  }
}

/* PostgreSQL: writes the queued articles (one transaction). */
static int pg_commit(ingest_ctx *c) {
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  pg_counts n = {0, 0, 0};
  if (pg_flush(c->pg, &n, &err) != KB_OK) {
    cli_error("%s: %s", c->db, err.msg ? err.msg : "database error");
    c->fatal = 1;
    return -1;
  }
  c->n_new += n.articles;
  c->n_known += n.known;
  c->n_mentions += n.mentions;
  c->in_batch = 0;
  return 0;
}

/* In input order, PostgreSQL: queues the document, writes full batches. */
static int pg_emit(cli_job *job, void *vctx) {
  ingest_ctx *c = vctx;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status st;
  c->n_docs++;
  c->bytes_done += (double)kb_doc_text(job->doc).len;
  st = pg_add(c->pg, job->doc, c->dict, &c->common.opts, &err);
  if (st != KB_OK) {
    kb_text id = kb_doc_id(job->doc);
    cli_error("%.*s: %s", (int)id.len, id.ptr,
              err.msg ? err.msg : kb_status_str(st));
    c->n_failed++;
    return st == KB_ENOMEM ? -1 : 0;
  }
  if (++c->in_batch >= c->batch && pg_commit(c) != 0)
    return -1;
  if (c->progress)
    show_progress(c, 0);
  return 0;
}

/* In input order: stores the document. */
static int ingest_emit(cli_job *job, void *vctx) {
  ingest_ctx *c = vctx;
  kb_doc *doc = job->doc;
  kb_ingest_info info;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status st;
  c->n_docs++;
  c->bytes_done += (double)kb_doc_text(doc).len;
  st = kb_store_ingest_prepared(c->store, doc, (kb_store_prep *)job->out,
                                c->dict, &c->common.opts, &info, &err);
  kb_store_prep_free((kb_store_prep *)job->out);
  job->out = NULL;
  if (st != KB_OK) {
    kb_text id = kb_doc_id(doc);
    cli_error("%.*s: %s", (int)id.len, id.ptr,
              err.msg ? err.msg : kb_status_str(st));
    c->n_failed++;
    if (st == KB_EDB || st == KB_ENOMEM) {
      c->fatal = 1;
      return -1;
    }
    return 0;
  }
  if (info.is_new) {
    c->n_new++;
    c->n_near += info.duplicate_of != 0;
    c->n_mentions += (long long)info.n_mentions;
    c->n_new_events += (long long)info.n_new_events;
    c->n_conflicts += (long long)info.n_conflicts;
  } else {
    c->n_known++;
  }
  if (++c->in_batch >= c->batch) {
    if (kb_store_commit(c->store, &err) != KB_OK ||
        kb_store_begin(c->store, &err) != KB_OK) {
      cli_error("%s", err.msg ? err.msg : "database error");
      c->fatal = 1;
      return -1;
    }
    c->in_batch = 0;
  }
  if (c->progress)
    show_progress(c, 0);
  return 0;
}

/* The inputs' total size when every one is a plain, uncompressed file
 * (for the ETA); 0 when any is not. */
static double total_size(char **inputs, int n) {
  double total = 0;
  int i;
  for (i = 0; i < n; i++) {
    struct stat sb;
    size_t len = strlen(inputs[i]);
    if (stat(inputs[i], &sb) != 0 || !S_ISREG(sb.st_mode) ||
        (len > 3 && strcmp(inputs[i] + len - 3, ".gz") == 0) ||
        (len > 4 && strcmp(inputs[i] + len - 4, ".zst") == 0))
      return 0;
    total += (double)sb.st_size;
  }
  return total;
}

/* kabar ingest --db postgresql://...: articles and mentions (no merged
 * events yet: docs/SCALE.md). */
static int ingest_pg(ingest_ctx *ctx, char **inputs, int n_inputs) {
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  cli_jobs_spec spec = {1, ingest_work, pg_emit, NULL};
  int status;
  if (pg_open(ctx->db, &ctx->pg, &err) != KB_OK) {
    cli_error("%s: %s", ctx->db, err.msg ? err.msg : "database error");
    kb_dict_free(ctx->dict);
    return EXIT_SOME_SKIPPED;
  }
  ctx->progress = !ctx->common.quiet && isatty(STDERR_FILENO);
  ctx->bytes_total = total_size(inputs, n_inputs);
  ctx->started = now_s();
  spec.jobs = ctx->jobs;
  spec.ctx = ctx;
  status = cli_each_doc_jobs(inputs, n_inputs, ctx->common.quiet, &spec);
  if (!ctx->fatal && ctx->in_batch > 0)
    pg_commit(ctx);
  if (ctx->fatal || ctx->n_failed)
    status = EXIT_SOME_SKIPPED;
  if (ctx->progress)
    show_progress(ctx, 1);
  if (!ctx->common.quiet)
    fprintf(stderr,
            "kabar: ingested %lld new article%s (%lld already stored), "
            "%lld mentions in %.1f s into PostgreSQL\n",
            ctx->n_new, ctx->n_new == 1 ? "" : "s", ctx->n_known,
            ctx->n_mentions, now_s() - ctx->started);
  pg_close(ctx->pg);
  kb_dict_free(ctx->dict);
  return status;
}

int cmd_ingest(int argc, char **argv) {
  enum { OPT_DB = 256, OPT_BATCH };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"batch", required_argument, NULL, OPT_BATCH},
      {"jobs", required_argument, NULL, 'j'},
      {"help", no_argument, NULL, 'h'},
      CLI_COMMON_LONGOPTS,
      {NULL, 0, NULL, 0}};
  ingest_ctx ctx;
  kb_options init = KB_OPTIONS_INIT;
  const char *db = CLI_DEFAULT_DB;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_store_totals tot;
  cli_jobs_spec spec = {1, ingest_work, ingest_emit, NULL};
  int c, status;
  char *end;
  memset(&ctx, 0, sizeof ctx);
  ctx.common.opts = init;
  ctx.batch = 2000;
  ctx.jobs = 1;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":j:r:qh", longopts, NULL)) != -1) {
    int common = cli_common_option("ingest", c, optarg, &ctx.common);
    if (common < 0)
      return EXIT_USAGE;
    if (common > 0)
      continue;
    switch (c) {
    case OPT_DB:
      db = optarg;
      break;
    case OPT_BATCH:
      ctx.batch = strtoll(optarg, &end, 10);
      if (*optarg < '1' || *optarg > '9' || *end != 0 || ctx.batch < 1)
        return cli_usage("ingest", "--batch wants a positive number");
      break;
    case 'j':
      if (cli_parse_jobs("ingest", optarg, &ctx.jobs) != 0)
        return EXIT_USAGE;
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default: /* ':' (a missing value) or an unknown option */
      return cli_bad_option("ingest", c, argv);
    }
  }
  if (optind >= argc)
    return cli_usage("ingest", "no input (use - for standard input)");
  ctx.dict = cli_load_dict(&ctx.common);
  if (ctx.dict == NULL)
    return EXIT_USAGE;
  ctx.db = db;
  if (pg_is_uri(db))
    return ingest_pg(&ctx, argv + optind, argc - optind);
  if ((ctx.store = cli_open_store(db, 1)) == NULL) {
    kb_dict_free(ctx.dict);
    return EXIT_SOME_SKIPPED;
  }
  ctx.progress = !ctx.common.quiet && isatty(STDERR_FILENO);
  ctx.bytes_total = total_size(argv + optind, argc - optind);
  ctx.started = now_s();
  if (kb_store_begin(ctx.store, &err) != KB_OK) {
    cli_error("%s: %s", db, err.msg ? err.msg : "database error");
    kb_store_close(ctx.store);
    kb_dict_free(ctx.dict);
    return EXIT_SOME_SKIPPED;
  }
  /* the workers' look-ups; without it (an in-memory database) they code
   * every article */
  if (strcmp(db, ":memory:") != 0 &&
      kb_store_open(db, KB_STORE_READONLY, &ctx.seen, NULL) != KB_OK)
    ctx.seen = NULL;
  pthread_mutex_init(&ctx.seen_lock, NULL);
  spec.jobs = ctx.jobs;
  spec.ctx = &ctx;
  spec.threaded = 1;
  status = cli_each_doc_jobs(argv + optind, argc - optind, ctx.common.quiet,
                             &spec);
  kb_store_close(ctx.seen);
  pthread_mutex_destroy(&ctx.seen_lock);
  if (ctx.fatal) {
    kb_store_rollback(ctx.store, NULL);
    status = EXIT_SOME_SKIPPED;
  } else if (kb_store_commit(ctx.store, &err) != KB_OK) {
    cli_error("%s: %s", db, err.msg ? err.msg : "database error");
    status = EXIT_SOME_SKIPPED;
  }
  if (ctx.n_failed)
    status = EXIT_SOME_SKIPPED;
  if (ctx.progress)
    show_progress(&ctx, 1);
  if (!ctx.common.quiet) {
    double elapsed = now_s() - ctx.started;
    if (kb_store_totals_get(ctx.store, &tot, NULL) != KB_OK)
      memset(&tot, 0, sizeof tot);
    fprintf(stderr,
            "kabar: ingested %lld new article%s (%lld already stored, %lld "
            "near-duplicate%s), %lld mentions, %lld new events, %lld new "
            "conflicts in %.1f s; %s holds %lld articles, %lld events\n",
            ctx.n_new, ctx.n_new == 1 ? "" : "s", ctx.n_known, ctx.n_near,
            ctx.n_near == 1 ? "" : "s", ctx.n_mentions, ctx.n_new_events,
            ctx.n_conflicts, elapsed, db, tot.articles, tot.events);
  }
  kb_store_close(ctx.store);
  kb_dict_free(ctx.dict);
  return status;
}
