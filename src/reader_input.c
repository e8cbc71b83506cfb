/*
 * reader_input.c -- bytes from a file or standard input for the reader,
 * decompressed on the fly.
 *
 * Input: a path or "-".  Output: the file's bytes, inflated when they
 * start with gzip's magic (1f 8b; zlib), decompressed when they start
 * with zstd's (28 b5 2f fd; libzstd's streaming API), as they are: the
 * format is the bytes', not the name's.  Concatenated gzip members and
 * zstd frames are read one after the other, as gzip -d and zstd -d do.
 * Memory is a fixed input buffer and the decoder's state (zstd: at most
 * its window, 8 MB for the levels of `zstd -1` to `-19`; ZSTD_d_windowLogMax
 * refuses more than 128 MB), whatever the size of the input.
 *
 * The bytes of a pipe are handed on as soon as read(2) returns them, so a
 * filter (`kabar code` under Hadoop Streaming or Spark) sees each line
 * without waiting for a buffer to fill.
 *
 * References: RFC 1952 (gzip), RFC 8878 (zstd); zlib's inflate with
 * windowBits 15 + 16; zstd.h, "Streaming decompression".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "kabar.h"
#include "reader_input.h"
#include "util/alloc.h"

#define IN_SIZE ((size_t)1 << 17)
#define ZSTD_WINDOW_LOG_MAX 27 /* 128 MB */

enum codec { C_UNKNOWN, C_PLAIN, C_GZIP, C_ZSTD };

struct rinput {
  int fd;
  int is_file;
  int eof;        /* read(2) returned 0 */
  enum codec codec;
  int in_frame;   /* a gzip member or zstd frame begun, not ended */
  unsigned char *in;
  size_t in_pos, in_len;
  z_stream z;
  int z_ready;
  ZSTD_DStream *zs;
  char msg[160];
};

rinput *rinput_open(const char *path) {
  rinput *in;
  struct stat st;
  int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO)
                                  : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  in = kb_alloc(sizeof *in);
  if (in == NULL || (memset(in, 0, sizeof *in), in->in = kb_alloc(IN_SIZE)) ==
                        NULL) {
    kb_free(in);
    close(fd);
    errno = ENOMEM;
    return NULL;
  }
  in->fd = fd;
  in->is_file = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  return in;
}

int rinput_is_file(const rinput *in) { return in->is_file; }

void rinput_close(rinput *in) {
  if (in == NULL)
    return;
  if (in->z_ready)
    inflateEnd(&in->z);
  ZSTD_freeDStream(in->zs);
  close(in->fd);
  kb_free(in->in);
  kb_free(in);
}

/* Reads more compressed (or plain) bytes into the input buffer.  Returns
 * 1, 0 at the end, -1 on an error. */
static int refill(rinput *in) {
  ssize_t n;
  if (in->eof)
    return 0;
  if (in->in_pos > 0) {
    memmove(in->in, in->in + in->in_pos, in->in_len - in->in_pos);
    in->in_len -= in->in_pos;
    in->in_pos = 0;
  }
  do
    n = read(in->fd, in->in + in->in_len, IN_SIZE - in->in_len);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    snprintf(in->msg, sizeof in->msg, "%s", strerror(errno));
    return -1;
  }
  if (n == 0) {
    in->eof = 1;
    return 0;
  }
  in->in_len += (size_t)n;
  return 1;
}

/* Decides the codec from the first bytes (up to 4 of them). */
static int sniff(rinput *in) {
  static const unsigned char gz[2] = {0x1f, 0x8b};
  static const unsigned char zst[4] = {0x28, 0xb5, 0x2f, 0xfd};
  while (in->in_len < 4 && refill(in) > 0)
    ;
  if (!in->eof && in->in_len < 4)
    return -1; /* refill failed */
  if (in->in_len >= 2 && memcmp(in->in, gz, 2) == 0) {
    if (inflateInit2(&in->z, 15 + 16) != Z_OK)
      return -2;
    in->z_ready = 1;
    in->codec = C_GZIP;
  } else if (in->in_len >= 4 && memcmp(in->in, zst, 4) == 0) {
    in->zs = ZSTD_createDStream();
    if (in->zs == NULL)
      return -2;
    ZSTD_DCtx_setParameter(in->zs, ZSTD_d_windowLogMax, ZSTD_WINDOW_LOG_MAX);
    in->codec = C_ZSTD;
  } else {
    in->codec = C_PLAIN;
  }
  return 0;
}

static long read_plain(rinput *in, char *dst, size_t cap) {
  size_t n;
  if (in->in_pos == in->in_len) { /* the sniffed bytes are used up */
    ssize_t got;
    if (in->eof)
      return 0;
    do
      got = read(in->fd, dst, cap);
    while (got < 0 && errno == EINTR);
    if (got < 0)
      snprintf(in->msg, sizeof in->msg, "%s", strerror(errno));
    in->eof = got == 0;
    return got < 0 ? -1 : (long)got;
  }
  n = in->in_len - in->in_pos;
  if (n > cap)
    n = cap;
  memcpy(dst, in->in + in->in_pos, n);
  in->in_pos += n;
  return (long)n;
}

/* One step of the decoder on what the input buffer holds: the bytes made
 * (0 when it needs more input).  *ended: a member or frame ended. */
static long decode(rinput *in, char *dst, size_t cap, int *ended) {
  *ended = 0;
  if (in->codec == C_GZIP) {
    int rc;
    in->z.next_in = in->in + in->in_pos;
    in->z.avail_in = (uInt)(in->in_len - in->in_pos);
    in->z.next_out = (Bytef *)dst;
    in->z.avail_out = (uInt)(cap > (1u << 30) ? 1u << 30 : cap);
    rc = inflate(&in->z, Z_NO_FLUSH);
    in->in_pos = in->in_len - in->z.avail_in;
    if (rc == Z_STREAM_END) {
      *ended = 1;
      inflateReset(&in->z);
    } else if (rc == Z_MEM_ERROR) {
      return -2;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      snprintf(in->msg, sizeof in->msg, "gzip data: %s",
               in->z.msg ? in->z.msg : "corrupt");
      return -1;
    }
    return (long)((size_t)((char *)in->z.next_out - dst));
  } else {
    ZSTD_inBuffer ib = {in->in, in->in_len, in->in_pos};
    ZSTD_outBuffer ob = {dst, cap, 0};
    size_t rc = ZSTD_decompressStream(in->zs, &ob, &ib);
    in->in_pos = ib.pos;
    if (ZSTD_isError(rc)) {
      if (ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation)
        return -2;
      snprintf(in->msg, sizeof in->msg, "zstd data: %s",
               ZSTD_getErrorName(rc));
      return -1;
    }
    *ended = rc == 0;
    return (long)ob.pos;
  }
}

long rinput_read(rinput *in, char *dst, size_t cap, const char **msg) {
  long n;
  int rc;
  *msg = in->msg;
  if (cap == 0)
    return 0;
  if (in->codec == C_UNKNOWN && (rc = sniff(in)) < 0)
    return rc;
  if (in->codec == C_PLAIN)
    return read_plain(in, dst, cap);
  for (;;) {
    int ended;
    if (in->in_pos == in->in_len) {
      rc = refill(in);
      if (rc < 0)
        return -1;
      if (rc == 0) {
        if (in->in_frame) {
          snprintf(in->msg, sizeof in->msg, "%s data cut short",
                   in->codec == C_GZIP ? "gzip" : "zstd");
          return -1;
        }
        return 0;
      }
    }
    n = decode(in, dst, cap, &ended);
    if (n < 0)
      return n;
    in->in_frame = !ended;
    if (ended && in->codec == C_GZIP && in->in_pos == in->in_len &&
        refill(in) == 0)
      return n; /* the last member */
    if (ended && in->codec == C_GZIP && in->in_len - in->in_pos >= 2 &&
        (in->in[in->in_pos] != 0x1f || in->in[in->in_pos + 1] != 0x8b)) {
      in->in_pos = in->in_len; /* trailing bytes after the last member */
      in->eof = 1;             /* are ignored, as gzip -d ignores zeros */
      return n;
    }
    if (n > 0)
      return n;
  }
}
