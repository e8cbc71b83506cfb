/* scratch.h -- a scratch folder for unit tests that read files: the test
 * fills tmpdir (mkdtemp) before use; path_of names a file in it (a static
 * buffer, valid until the next call) and write_file writes one, exiting
 * on failure.  Included by the tests that need it, after harness.h. */
#ifndef KB_TEST_SCRATCH_H
#define KB_TEST_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>

static char tmpdir[256];

static const char *path_of(const char *name) {
  static char p[512];
  snprintf(p, sizeof p, "%s/%s", tmpdir, name);
  return p;
}

static void write_file(const char *name, const void *data, size_t len) {
  FILE *f = fopen(path_of(name), "wb");
  if (f == NULL) {
    perror(name);
    exit(1);
  }
  fwrite(data, 1, len, f);
  fclose(f);
}

#endif
