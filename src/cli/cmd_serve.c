/*
 * cmd_serve.c -- `kabar serve`: the HTTP JSON API and the dashboard over a
 * database (docs/API.md), until SIGINT or SIGTERM.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli/cli.h"
#include "serve.h"

static const char help[] =
    "Usage: kabar serve [OPTION]...\n"
    "Serve a kabar database over HTTP: a JSON API (events, dyads, actors,\n"
    "search, articles, conflicts) and a dashboard (timeline, actor graph,\n"
    "event table, evidence) at http://HOST:PORT/.  The database is opened\n"
    "read-only; an ingest may go on beside it.\n"
    "\n"
    "Options:\n"
    "      --db FILE          the database (default kabar.db), or a\n"
    "                         PostgreSQL one: postgresql://... (docs/SCALE.md)\n"
    "      --listen HOST:PORT address to listen on (default 127.0.0.1:8080;\n"
    "                         port 0 picks a free one).  Only loopback is\n"
    "                         safe: there is no authentication\n"
    "      --threads N        worker threads (default: one per online\n"
    "                         CPU, at most 64)\n"
    "      --cache MB         response cache size (default 64, 0: none)\n"
    "      --max-connections N  open connections at most (default 4096)\n"
    "      --timeout S        close a connection silent for S seconds\n"
    "                         (default 10)\n"
    "      --header-timeout S close a connection whose request (line,\n"
    "                         headers, any body) has not fully arrived S\n"
    "                         seconds after it opened or after its previous\n"
    "                         answer, however steadily it trickles in: a\n"
    "                         slowloris defence (default 10, 0: none)\n"
    "  -h, --help             show this help and exit\n"
    "\n"
    "The first line on standard error is \"kabar: serving FILE at URL\".\n"
    "Ctrl-C (SIGINT) or SIGTERM stops it after the requests in flight.\n"
    "The API is documented in docs/API.md.\n"
    "\n"
    "Exit status: 0 stopped by a signal; 1 the database could not be read\n"
    "or the address not bound; 2 usage.\n"
    "\n"
    "Examples:\n"
    "  kabar serve --db news.db\n"
    "  curl 'http://127.0.0.1:8080/api/events?actor=PRK&limit=10'\n";

static void log_line(const char *msg) { cli_error("serve: %s", msg); }

/* SIGINT and SIGTERM are taken by sigwait; this handler only replaces an
 * inherited SIG_IGN (a shell starts background jobs with SIGINT ignored),
 * under which the kernel would drop them while sigwait waits. */
static void on_stop_signal(int sig) { (void)sig; }

/* One worker per online CPU: each runs its own epoll loop over its
 * connections and never blocks on a client, so one per core keeps every
 * core busy. */
static unsigned default_threads(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 2 : n > 64 ? 64 : (unsigned)n;
}

/* "HOST:PORT", ":PORT" or "PORT"; "localhost" is 127.0.0.1. */
static int parse_listen(const char *s, char *host, size_t cap, unsigned *port) {
  const char *colon = strrchr(s, ':');
  const char *p = colon ? colon + 1 : s;
  size_t n = colon ? (size_t)(colon - s) : 0;
  long long v;
  if (!cli_parse_count(p, &v) || v > 65535 || n >= cap)
    return 0;
  *port = (unsigned)v;
  if (n == 0 || (n == 9 && strncmp(s, "localhost", 9) == 0)) {
    snprintf(host, cap, "127.0.0.1");
    return 1;
  }
  memcpy(host, s, n);
  host[n] = 0;
  return 1;
}

/* Lets the process hold max_conn sockets: raises the soft limit on open
 * files towards the hard one.  Returns the connections it can hold. */
static unsigned room_for(unsigned max_conn) {
  struct rlimit rl;
  rlim_t want = (rlim_t)max_conn + 64;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
    return max_conn;
  if (rl.rlim_cur < want) {
    rl.rlim_cur =
        rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
  }
  if (rl.rlim_cur < want)
    return rl.rlim_cur > 128 ? (unsigned)(rl.rlim_cur - 64) : 64;
  return max_conn;
}

int cmd_serve(int argc, char **argv) {
  enum {
    OPT_DB = 256,
    OPT_LISTEN,
    OPT_THREADS,
    OPT_CACHE,
    OPT_MAXCONN,
    OPT_TIMEOUT,
    OPT_HEADER_TIMEOUT
  };
  static const struct option longopts[] = {
      {"db", required_argument, NULL, OPT_DB},
      {"listen", required_argument, NULL, OPT_LISTEN},
      {"threads", required_argument, NULL, OPT_THREADS},
      {"cache", required_argument, NULL, OPT_CACHE},
      {"max-connections", required_argument, NULL, OPT_MAXCONN},
      {"timeout", required_argument, NULL, OPT_TIMEOUT},
      {"header-timeout", required_argument, NULL, OPT_HEADER_TIMEOUT},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  serve_options o;
  char host[64] = "127.0.0.1";
  long long v;
  int c, sig = 0;
  sigset_t stop;
  serve *s = NULL;
  kb_error err = {KB_OK, NULL, NULL, 0, 0};
  kb_status rc;
  memset(&o, 0, sizeof o);
  o.db = CLI_DEFAULT_DB;
  o.host = host;
  o.port = 8080;
  o.threads = default_threads();
  o.max_connections = 4096;
  o.timeout = 10;
  o.header_timeout = 10;
  o.cache_bytes = (size_t)64 << 20;
  o.log = log_line;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_DB:
      o.db = optarg;
      break;
    case OPT_LISTEN:
      if (!parse_listen(optarg, host, sizeof host, &o.port))
        return cli_usage("serve", "--listen wants HOST:PORT, not '%s'", optarg);
      break;
    case OPT_THREADS:
      if (!cli_parse_count(optarg, &v) || v < 1 || v > 256)
        return cli_usage("serve", "--threads wants a number from 1 to 256");
      o.threads = (unsigned)v;
      break;
    case OPT_CACHE:
      if (!cli_parse_count(optarg, &v) || v > 65536)
        return cli_usage("serve", "--cache wants megabytes, 0 to 65536");
      o.cache_bytes = (size_t)v << 20;
      break;
    case OPT_MAXCONN:
      if (!cli_parse_count(optarg, &v) || v < 1 || v > 1000000)
        return cli_usage("serve", "--max-connections wants a number");
      o.max_connections = (unsigned)v;
      break;
    case OPT_TIMEOUT:
      if (!cli_parse_count(optarg, &v) || v < 1 || v > 3600)
        return cli_usage("serve", "--timeout wants seconds, 1 to 3600");
      o.timeout = (unsigned)v;
      break;
    case OPT_HEADER_TIMEOUT:
      if (!cli_parse_count(optarg, &v) || v > 3600)
        return cli_usage("serve", "--header-timeout wants seconds, 0 to 3600");
      o.header_timeout = (unsigned)v;
      break;
    case 'h':
      fputs(help, stdout);
      return 0;
    default:
      return cli_bad_option("serve", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("serve", "unexpected argument '%s'", argv[optind]);
  {
    kb_store *probe = cli_open_store(o.db, 0); /* names a missing file */
    if (probe == NULL)
      return EXIT_SOME_SKIPPED;
    kb_store_close(probe);
  }
  o.max_connections = room_for(o.max_connections);
  /* the workers inherit this mask, so the signals wait for sigwait below */
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGINT, on_stop_signal);
  signal(SIGTERM, on_stop_signal);
  signal(SIGPIPE, SIG_IGN);
  rc = serve_start(&o, &s, &err);
  if (rc != KB_OK) {
    if (rc == KB_EARG)
      return cli_usage("serve", "%s", err.msg ? err.msg : "bad --listen");
    cli_error("%s: %s",
              rc == KB_EIO && err.msg && strstr(err.msg, "listen") ? "serve"
                                                                   : o.db,
              err.msg ? err.msg : kb_status_str(rc));
    return EXIT_SOME_SKIPPED;
  }
  if (strncmp(host, "127.", 4) != 0)
    cli_error("warning: %s is not a loopback address; the API has no "
              "authentication",
              host);
  cli_error("serving %s at http://%s:%u/ (%u threads; Ctrl-C stops)", o.db,
            host, serve_port(s), o.threads);
  while (sigwait(&stop, &sig) != 0) {
  }
  cli_error("stopping (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
  serve_stop(s);
  return 0;
}
