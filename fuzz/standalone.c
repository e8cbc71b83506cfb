/*
 * standalone.c -- a main() for the fuzz targets without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named on the command line (or
 * each file in each folder named), so that the seed corpora in
 * fuzz/corpus/ replay as regression tests under the ordinary compiler and
 * under `make check`'s sanitizers.  Prints one "ok FILE" line per input;
 * a failed invariant aborts (the file is the last one named).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  uint8_t *data = NULL;
  size_t size = 0, cap = 0, n;
  if (f == NULL) {
    perror(path);
    return 1;
  }
  do {
    if (size == cap) {
      uint8_t *p = realloc(data, cap = cap ? 2 * cap : 65536);
      if (p == NULL) {
        fclose(f);
        free(data);
        return 1;
      }
      data = p;
    }
    n = fread(data + size, 1, cap - size, f);
    size += n;
  } while (n > 0);
  fclose(f);
  LLVMFuzzerTestOneInput(data, size);
  free(data);
  printf("ok %s\n", path);
  return 0;
}

int main(int argc, char **argv) {
  int a, bad = 0;
  for (a = 1; a < argc; a++) {
    struct stat st;
    if (stat(argv[a], &st) == 0 && S_ISDIR(st.st_mode)) {
      struct dirent **names;
      int n = scandir(argv[a], &names, NULL, alphasort), i;
      for (i = 0; i < n; i++) {
        char path[4096];
        if (names[i]->d_name[0] != '.') {
          snprintf(path, sizeof path, "%s/%s", argv[a], names[i]->d_name);
          bad |= run_file(path);
        }
        free(names[i]);
      }
      free(names);
    } else {
      bad |= run_file(argv[a]);
    }
  }
  return bad;
}
