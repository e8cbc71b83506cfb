/*
 * reader_input.h -- bytes from a file or standard input, decompressed
 * when they are gzip or zstd (reader_input.c).  The reader's only source
 * of bytes.
 */
#ifndef KB_READER_INPUT_H
#define KB_READER_INPUT_H

#include <stddef.h>

typedef struct rinput rinput;

/* Opens `path` ("-": a duplicate of standard input).  Returns NULL with
 * errno set (ENOMEM when out of memory). */
rinput *rinput_open(const char *path);

/* Reads up to `cap` bytes into dst: what is available, at least one byte
 * unless at the end.  A pipe's bytes come as they arrive (a filter sees
 * each line without waiting for a buffer to fill).  Returns the count, 0
 * at the end, -1 on an error (*msg: a static or rinput-owned message), -2
 * out of memory. */
long rinput_read(rinput *in, char *dst, size_t cap, const char **msg);

/* Whether the input is a regular file (else a pipe, socket, terminal). */
int rinput_is_file(const rinput *in);

void rinput_close(rinput *in);

#endif
