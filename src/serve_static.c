/*
 * serve_static.c -- the dashboard's files (web/ and the pinned npm
 * libraries of package.json), compiled into the library by the build
 * (build/gen/web.c, made by tools/embed.c), so that `kabar serve` needs
 * nothing beside the binary and fetches nothing at run time.  Part of the
 * serve stage.
 *
 * Only the files in the table exist: a path is looked up, never joined to
 * a directory, so no path can reach the file system.
 */
#include <string.h>

#include "kabar_int.h"
#include "serve.h"

/* build/gen/web.c */
extern const embedded_file kb_web_files[];
extern const size_t kb_n_web_files;

static const char *type_of(const char *name) {
  const char *dot = strrchr(name, '.');
  if (dot == NULL)
    return "application/octet-stream";
  if (strcmp(dot, ".html") == 0)
    return "text/html; charset=utf-8";
  if (strcmp(dot, ".js") == 0)
    return "text/javascript; charset=utf-8";
  if (strcmp(dot, ".css") == 0)
    return "text/css; charset=utf-8";
  if (strcmp(dot, ".svg") == 0)
    return "image/svg+xml";
  if (strcmp(dot, ".json") == 0)
    return "application/json; charset=utf-8";
  return "application/octet-stream";
}

int serve_static(const char *path, const unsigned char **data, size_t *len,
                 const char **type) {
  size_t i;
  if (strcmp(path, "/") == 0)
    path = "/index.html";
  if (path[0] != '/')
    return 0;
  for (i = 0; i < kb_n_web_files; i++)
    if (strcmp(kb_web_files[i].name, path + 1) == 0) {
      *data = kb_web_files[i].data;
      *len = kb_web_files[i].len;
      *type = type_of(path);
      return 1;
    }
  return 0;
}
