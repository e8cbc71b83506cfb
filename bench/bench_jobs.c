/*
 * bench_jobs.c -- `kabar code -j N` against `kabar code -j 1`: the
 * command as users run it (the binary, not a library loop), on real news,
 * output to /dev/null.
 *
 * Usage: bench_jobs [--runs N] [--copies K] [--jobs J] [--kabar PATH] FILE
 * Each run codes FILE K times over (K inputs on one command line; default
 * 12, about 100 MB of the corpus) with -j 1 and then with -j J (default
 * 2), alternating, N times (default 5).  Prints each run's seconds, MB/s,
 * articles/s and events/s, the medians, the speed-up of the medians and
 * each command's CPU time (user + system) and peak RSS (the child's,
 * from wait4) at K copies and at one, which must be the same: memory does
 * not grow with the input.  On a busy machine the wall-clock speed-up
 * says little; equal CPU time for -j 1 and -j J says the threads add no
 * work.  Each run also shows its system time and context switches (the
 * threads' hand-offs: waiting ones are voluntary).  The
 * event and article counts come from one untimed -j 1 run, whose output
 * is counted; the timed runs' outputs must match it in size.
 * PATH defaults to the kabar beside the bench/ folder of this program.
 */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

typedef struct result {
  double secs;
  double cpu; /* the child's user + system seconds */
  double sys; /* of which system */
  long vcsw, ivcsw; /* voluntary (waits) and involuntary context switches */
  long max_rss_kb;
  long long out_bytes;
} result;

/* Runs kabar code -q -j jobs FILE x copies with stdout to `out_fd` (-1:
 * a pipe whose lines are counted into *lines). */
static int run(const char *kabar, const char *path, int copies, int jobs,
               long long *lines, result *res) {
  char jbuf[16];
  char **argv = calloc((size_t)copies + 8, sizeof *argv);
  int pfd[2], i, n = 0, status;
  pid_t pid;
  struct rusage ru;
  double t0;
  if (argv == NULL || pipe(pfd) != 0)
    return -1;
  snprintf(jbuf, sizeof jbuf, "%d", jobs);
  argv[n++] = (char *)kabar;
  argv[n++] = "code";
  argv[n++] = "-q";
  argv[n++] = "-j";
  argv[n++] = jbuf;
  for (i = 0; i < copies; i++)
    argv[n++] = (char *)path;
  argv[n] = NULL;
  t0 = now();
  pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    close(pfd[0]);
    /* counted through the pipe, timed into /dev/null (a pipe makes kabar
     * flush every article, as a filter should) */
    dup2(lines ? pfd[1] : null, STDOUT_FILENO);
    execv(kabar, argv);
    _exit(127);
  }
  close(pfd[1]);
  res->out_bytes = 0;
  if (lines) {
    char buf[65536];
    ssize_t got;
    *lines = 0;
    while ((got = read(pfd[0], buf, sizeof buf)) > 0) {
      res->out_bytes += got;
      for (i = 0; i < got; i++)
        *lines += buf[i] == '\n';
    }
  }
  close(pfd[0]);
  if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
    return -1;
  res->secs = now() - t0;
  res->max_rss_kb = ru.ru_maxrss;
  res->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
  res->sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
  res->vcsw = ru.ru_nvcsw;
  res->ivcsw = ru.ru_nivcsw;
  free(argv);
  return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : -1;
}

#define USAGE \
  "usage: bench_jobs [--runs N] [--copies K] [--jobs J] " \
  "[--kabar PATH] FILE\n"

int main(int argc, char **argv) {
  int runs = 5, copies = 12, jobs = 2, i, k;
  const char *path = NULL, *kabar = NULL;
  char self[4096], def[4200];
  double *secs[2], *cpu[2], mb, med[2];
  long rss[2] = {0, 0};
  long long events = 0, articles = 0, one_out;
  struct stat st;
  result res;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--copies") == 0 && i + 1 < argc)
      copies = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
      jobs = (int)strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--kabar") == 0 && i + 1 < argc)
      kabar = argv[++i];
    else if (argv[i][0] == '-')
      return bench_usage(argv[i], USAGE);
    else
      path = argv[i];
  }
  if (path == NULL || runs < 1 || copies < 1 || jobs < 1) {
    fputs(USAGE, stderr);
    return 2;
  }
  if (bench_input("bench_jobs", path, &st) != 0)
    return 1;
  if (kabar == NULL) {
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(def, sizeof def, "%s/../kabar", dirname(self));
    kabar = def;
  }
  secs[0] = calloc((size_t)runs, sizeof *secs[0]);
  secs[1] = calloc((size_t)runs, sizeof *secs[1]);
  cpu[0] = calloc((size_t)runs, sizeof *cpu[0]);
  cpu[1] = calloc((size_t)runs, sizeof *cpu[1]);
  if (secs[0] == NULL || secs[1] == NULL || cpu[0] == NULL || cpu[1] == NULL)
    return 1;
  /* the counts, untimed: events are the output's lines, articles the
   * input's lines (JSON Lines: one article each) */
  if (run(kabar, path, 1, 1, &events, &res) != 0) {
    fprintf(stderr, "bench_jobs: %s code failed\n", kabar);
    return 1;
  }
  one_out = res.out_bytes;
  {
    FILE *f = fopen(path, "r");
    int c;
    while (f && (c = getc(f)) != EOF)
      articles += c == '\n';
    if (f)
      fclose(f);
  }
  mb = (double)st.st_size * copies / 1e6;
  printf("input %s x %d = %.1f MB, %lld articles and %lld events per copy; "
         "kabar %s\n",
         path, copies, mb, articles, events, kabar);
  for (i = 0; i < runs; i++)
    for (k = 0; k < 2; k++) {
      int j = k == 0 ? 1 : jobs;
      if (run(kabar, path, copies, j, NULL, &res) != 0) {
        fprintf(stderr, "bench_jobs: kabar code -j %d failed\n", j);
        return 1;
      }
      secs[k][i] = res.secs;
      if (res.max_rss_kb > rss[k])
        rss[k] = res.max_rss_kb;
      cpu[k][i] = res.cpu;
      printf("run %d -j %d: %.2f s = %.1f MB/s, %.0f articles/s, %.0f "
             "events/s; CPU %.2f s (system %.2f); context switches %ld "
             "waiting, %ld preempted\n",
             i + 1, j, res.secs, mb / res.secs,
             (double)articles * copies / res.secs,
             (double)events * copies / res.secs, res.cpu, res.sys, res.vcsw,
             res.ivcsw);
    }
  for (k = 0; k < 2; k++) {
    qsort(secs[k], (size_t)runs, sizeof *secs[k], cmp_double);
    qsort(cpu[k], (size_t)runs, sizeof *cpu[k], cmp_double);
    med[k] = secs[k][runs / 2];
    printf("median -j %d: %.2f s = %.1f MB/s, %.0f events/s; CPU %.2f s; "
           "peak RSS %.1f MB\n",
           k == 0 ? 1 : jobs, med[k], mb / med[k],
           (double)events * copies / med[k], cpu[k][runs / 2],
           (double)rss[k] / 1024.0);
  }
  printf("speed-up -j %d / -j 1 (medians): %.2fx\n", jobs, med[0] / med[1]);
  /* memory does not grow with the input: one copy, the same peak */
  if (run(kabar, path, 1, jobs, &events, &res) == 0)
    printf("peak RSS -j %d on one copy: %.1f MB (output %lld bytes, %s the "
           "-j 1 output's size)\n",
           jobs, (double)res.max_rss_kb / 1024.0, res.out_bytes,
           res.out_bytes == one_out ? "equal to" : "NOT");
  free(secs[0]);
  free(secs[1]);
  free(cpu[0]);
  free(cpu[1]);
  return 0;
}
