/*
 * jobs.c -- `-j N` for the commands that code articles (code, ingest):
 * documents are coded on N worker threads sharing the one immutable
 * kb_dict, and handed back to the calling thread in input order, so the
 * output is the same, byte for byte, whatever N.
 *
 * Three kinds of thread: one reader (a kb_reader is one thread's: it runs
 * cli_each_doc and queues each document), N workers (each runs `work` on
 * one document at a time, touching nothing else), and the calling thread,
 * which emits (the output and the store are one thread's).  A ring of
 * slots holds the documents in flight: the reader waits when it is full,
 * so memory stays bounded by SLOTS_PER_JOB * N documents whatever the
 * input's size.  A slot is emitted as soon as it and every slot before it
 * is done -- a filter on a pipe answers each article without waiting for
 * the next to arrive; a slow document holds the others back but never
 * reorders them.  With -j 1 the work runs inline, unless the spec asks
 * for a thread anyway (`threaded`: ingest, whose work and emit then run
 * side by side).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* Documents in flight per worker: enough slack that one long article
 * does not leave the other workers idle, and that the threads hand
 * documents over in batches (8 measured 1.46x for -j 2 on two cores, 32
 * with batched wake-ups 1.8-1.9x: bench/README.md).  Their text is
 * bounded too, so that long documents do not pile up: at most
 * BYTES_PER_JOB per worker, or one document each, whichever is more. */
#define SLOTS_PER_JOB 32
#define BYTES_PER_JOB ((size_t)2 << 20)

typedef struct pool {
  cli_jobs_spec spec;
  char **inputs;
  int n_inputs, quiet;
  int read_status; /* cli_each_doc's, from the reader thread */
  pthread_mutex_t lock;
  pthread_cond_t queued; /* a slot to work on, or closing */
  pthread_cond_t done;   /* the head slot finished, or reading ended */
  pthread_cond_t space;  /* a slot emitted */
  cli_job *slots;
  unsigned char *is_done;
  size_t cap;
  size_t head;      /* next to emit */
  size_t next_work; /* next to hand to a worker */
  size_t tail;      /* next to fill */
  size_t inflight;  /* text bytes of the documents in the ring */
  size_t bytes_cap; /* BYTES_PER_JOB * jobs */
  int reader_waiting;
  int closing;      /* no more input: workers exit when idle */
  int failed;       /* emit returned -1: stop reading */
} pool;

/* Whether the worker that finished slot `seq` wakes the emitter: when
 * the done slots at the head, `seq` among them, make a batch (a quarter
 * of the ring), or nothing is left to work on (a filter on a pipe: the
 * article is answered now).  One wake-up per batch, not per document:
 * each costs a context switch on a busy core.  The lock is held. */
static int ready_to_emit(const pool *p, size_t seq) {
  size_t run = 0;
  while (p->head + run < p->tail && p->is_done[(p->head + run) % p->cap])
    run++;
  if (seq >= p->head + run)
    return 0; /* an earlier slot is still being worked on */
  return run >= p->cap / 4 || p->next_work == p->tail || p->closing;
}

static void *worker(void *arg) {
  pool *p = arg;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    size_t seq;
    while (p->next_work == p->tail && !p->closing)
      pthread_cond_wait(&p->queued, &p->lock);
    if (p->next_work == p->tail)
      break; /* closing, nothing left */
    seq = p->next_work++;
    pthread_mutex_unlock(&p->lock);
    p->spec.work(&p->slots[seq % p->cap], p->spec.ctx);
    pthread_mutex_lock(&p->lock);
    p->is_done[seq % p->cap] = 1;
    if (ready_to_emit(p, seq))
      pthread_cond_signal(&p->done);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

static void release(cli_job *job) {
  kb_doc_free(job->doc);
  kb_free(job->out);
  memset(job, 0, sizeof *job);
}

/* Whether the ring holds more than `slots` documents or, with one per
 * worker at least, more than `bytes` of text.  The lock is held. */
static int ring_over(const pool *p, size_t slots, size_t bytes) {
  size_t n = p->tail - p->head;
  return n >= slots || (n >= (size_t)p->spec.jobs && p->inflight >= bytes);
}

/* cli_each_doc's callback on the reader thread: queues the document
 * (keeps it: returns 1), waiting while the ring is full. */
static int submit(kb_doc *doc, void *vp) {
  pool *p = vp;
  pthread_mutex_lock(&p->lock);
  while (ring_over(p, p->cap, p->bytes_cap) && !p->failed) {
    p->reader_waiting = 1;
    pthread_cond_wait(&p->space, &p->lock);
  }
  p->reader_waiting = 0;
  if (p->failed) {
    pthread_mutex_unlock(&p->lock);
    return -1;
  }
  p->slots[p->tail % p->cap].doc = doc;
  p->inflight += kb_doc_text(doc).len;
  p->tail++;
  pthread_cond_signal(&p->queued);
  pthread_mutex_unlock(&p->lock);
  return 1;
}

static void *reader(void *arg) {
  pool *p = arg;
  int status = cli_each_doc(p->inputs, p->n_inputs, p->quiet, submit, p);
  pthread_mutex_lock(&p->lock);
  p->read_status = status;
  p->closing = 1;
  pthread_cond_broadcast(&p->queued);
  pthread_cond_signal(&p->done);
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

/* On the calling thread: emits the slots in order as they finish, until
 * the reader is done and the ring empty.  After a failed emit the rest
 * are released unseen. */
static void emit_all(pool *p) {
  pthread_mutex_lock(&p->lock);
  for (;;) {
    cli_job *job = &p->slots[p->head % p->cap];
    size_t len;
    int failed;
    if (p->head == p->tail && p->closing)
      break;
    if (p->head == p->tail || !p->is_done[p->head % p->cap]) {
      pthread_cond_wait(&p->done, &p->lock);
      continue;
    }
    failed = p->failed;
    pthread_mutex_unlock(&p->lock);
    if (!failed && p->spec.emit(job, p->spec.ctx) != 0)
      failed = 1;
    len = kb_doc_text(job->doc).len;
    release(job);
    pthread_mutex_lock(&p->lock);
    p->failed = failed;
    p->is_done[p->head % p->cap] = 0;
    p->head++;
    p->inflight -= len;
    /* the reader, waiting on a full ring, is woken when half of it is
     * free and then reads a burst: one wake-up (and one context switch
     * on a worker's core) per cap / 2 documents, not per document */
    if (failed ||
        (p->reader_waiting && !ring_over(p, p->cap / 2 + 1, p->bytes_cap / 2)))
      pthread_cond_signal(&p->space);
  }
  pthread_mutex_unlock(&p->lock);
}

/* -j 1: work and emit in turn on this thread, no pool. */
static int inline_one(kb_doc *doc, void *vspec) {
  const cli_jobs_spec *spec = vspec;
  cli_job job;
  int rc;
  memset(&job, 0, sizeof job);
  job.doc = doc;
  spec->work(&job, spec->ctx);
  rc = spec->emit(&job, spec->ctx);
  kb_free(job.out);
  return rc; /* cli_each_doc frees the document */
}

int cli_each_doc_jobs(char **inputs, int n_inputs, int quiet,
                      const cli_jobs_spec *spec) {
  pool p;
  pthread_t *threads, reader_thread;
  int i, n_started = 0, status;
  if (spec->jobs < 1 || (spec->jobs == 1 && !spec->threaded))
    return cli_each_doc(inputs, n_inputs, quiet, inline_one, (void *)spec);
  memset(&p, 0, sizeof p);
  p.spec = *spec;
  p.inputs = inputs;
  p.n_inputs = n_inputs;
  p.quiet = quiet;
  p.cap = (size_t)spec->jobs * SLOTS_PER_JOB;
  p.bytes_cap = (size_t)spec->jobs * BYTES_PER_JOB;
  p.slots = calloc(p.cap, sizeof *p.slots);
  p.is_done = calloc(p.cap, 1);
  threads = calloc((size_t)spec->jobs, sizeof *threads);
  if (p.slots == NULL || p.is_done == NULL || threads == NULL) {
    free(p.slots);
    free(p.is_done);
    free(threads);
    cli_error("out of memory");
    return EXIT_SOME_SKIPPED;
  }
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.queued, NULL);
  pthread_cond_init(&p.done, NULL);
  pthread_cond_init(&p.space, NULL);
  for (i = 0; i < spec->jobs; i++)
    if (pthread_create(&threads[n_started], NULL, worker, &p) == 0)
      n_started++;
  if (n_started > 0 && pthread_create(&reader_thread, NULL, reader, &p) == 0) {
    emit_all(&p);
    pthread_join(reader_thread, NULL);
    status = p.read_status;
  } else {
    /* no threads (a process limit): stop the workers, do the work here */
    pthread_mutex_lock(&p.lock);
    p.closing = 1;
    pthread_cond_broadcast(&p.queued);
    pthread_mutex_unlock(&p.lock);
    cli_error("warning: cannot start threads; coding on one");
    status = cli_each_doc(inputs, n_inputs, quiet, inline_one, (void *)spec);
  }
  for (i = 0; i < n_started; i++)
    pthread_join(threads[i], NULL);
  if (p.failed)
    status = EXIT_SOME_SKIPPED;
  pthread_cond_destroy(&p.space);
  pthread_cond_destroy(&p.done);
  pthread_cond_destroy(&p.queued);
  pthread_mutex_destroy(&p.lock);
  free(p.slots);
  free(p.is_done);
  free(threads);
  return status;
}

int cli_parse_jobs(const char *command, const char *arg, int *jobs) {
  long long n;
  if (!cli_parse_count(arg, &n) || n > CLI_MAX_JOBS)
    return cli_usage(command, "-j wants a number of threads from 0 to %d",
                     CLI_MAX_JOBS);
  if (n == 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    n = cores < 1 ? 1 : cores > CLI_MAX_JOBS ? CLI_MAX_JOBS : cores;
  }
  *jobs = (int)n;
  return 0;
}
