/*
 * test_place_spec.c -- runs tests/spec/place.txt: Indonesian sentences and
 * where their events happen (ActionGeo) and where their actors are
 * (Actor1Geo, Actor2Geo), by stable feature id.
 *
 * Format of the spec file (blocks separated by blank lines):
 *   # comment lines
 *   @ref 2024-03-20          sets the reference date for later cases
 *   one or more lines of text (coded as the body of an article; a first
 *   line "Teheran - ..." is a dateline)
 *   .
 *   SOURCE TARGET CODE LOCATION [SOURCE_GEO TARGET_GEO]
 *       one line per event to check: the event with these codes must be
 *       coded, and its location's feature_id must be LOCATION ("-" for
 *       none); likewise the actors' locations when given.  Other events
 *       of the case are not checked (tests/spec/code.txt does that).
 */
#include <stdlib.h>

#include "harness.h"

#define SPEC "tests/spec/place.txt"

typedef struct expect {
  char source[16], target[16], code[8], loc[24], src_geo[24], tgt_geo[24];
} expect;

static kb_dict *dict;

static const char *fid(const kb_location *l) {
  return l->type == KB_GEO_NONE ? "-" : l->feature_id;
}

static void run_case(const char *text, size_t len, const char *ref,
                     const expect *ex, size_t n_ex, int line) {
  kb_doc *doc = NULL;
  kb_options opts = KB_OPTIONS_INIT;
  size_t i, k, n;
  int bad = 0;
  opts.reference_date = ref[0] ? ref : NULL;
  if (kb_doc_new("spec", 4, text, len, &doc) != KB_OK ||
      kb_doc_set_field(doc, KB_FIELD_TITLE, "Uji", 3) != KB_OK ||
      kb_doc_code(doc, dict, &opts, NULL) != KB_OK) {
    fprintf(stderr, "%s:%d: cannot code the case\n", SPEC, line);
    harness_failed++;
    kb_doc_free(doc);
    return;
  }
  n = kb_doc_n_events(doc);
  for (k = 0; k < n_ex; k++) {
    const kb_event *e = NULL;
    for (i = 0; i < n && e == NULL; i++) {
      const kb_event *c = kb_doc_event(doc, i);
      if (strcmp(ex[k].source, c->source.code) == 0 &&
          strcmp(ex[k].target, c->target.code) == 0 &&
          strcmp(ex[k].code, c->code) == 0)
        e = c;
    }
    if (e == NULL) {
      fprintf(stderr, "%s:%d: no event %s %s %s\n", SPEC, line, ex[k].source,
              ex[k].target, ex[k].code);
      bad = 1;
      continue;
    }
    if (strcmp(ex[k].loc, fid(&e->location)) != 0 ||
        (ex[k].src_geo[0] && strcmp(ex[k].src_geo, fid(&e->source_geo))) ||
        (ex[k].tgt_geo[0] && strcmp(ex[k].tgt_geo, fid(&e->target_geo)))) {
      fprintf(stderr,
              "%s:%d: %s %s %s: want %s %s %s, got %s %s %s (\"%.*s\")\n",
              SPEC, line, ex[k].source, ex[k].target, ex[k].code, ex[k].loc,
              ex[k].src_geo, ex[k].tgt_geo, fid(&e->location),
              fid(&e->source_geo), fid(&e->target_geo),
              (int)e->location.name.len,
              e->location.name.ptr ? e->location.name.ptr : "");
      bad = 1;
    }
  }
  if (bad)
    harness_failed++;
  else
    harness_passed++;
  kb_doc_free(doc);
}

static void spec_cases_pass(void) {
  FILE *f = fopen(SPEC, "r");
  char line[4096], text[8192], ref[16] = "";
  size_t text_len = 0, n_ex = 0;
  expect ex[16];
  int in_expect = 0, lineno = 0, case_line = 0;
  if (f == NULL) {
    perror(SPEC);
    harness_failed++;
    return;
  }
  for (;;) {
    char *got = fgets(line, sizeof line, f);
    size_t n = got ? strlen(line) : 0;
    lineno++;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (got == NULL || n == 0) {
      if (in_expect)
        run_case(text, text_len, ref, ex, n_ex, case_line);
      else if (text_len) {
        fprintf(stderr, "%s:%d: a case without its '.' line\n", SPEC,
                case_line);
        harness_failed++;
      }
      text_len = n_ex = 0;
      in_expect = 0;
      if (got == NULL)
        break;
      continue;
    }
    if (line[0] == '#')
      continue;
    if (!in_expect && text_len == 0 && strncmp(line, "@ref ", 5) == 0) {
      snprintf(ref, sizeof ref, "%.15s", line + 5);
      continue;
    }
    if (!in_expect && strcmp(line, ".") == 0) {
      in_expect = 1;
      continue;
    }
    if (in_expect) {
      expect *e = &ex[n_ex];
      memset(e, 0, sizeof *e);
      if (n_ex < 16 &&
          sscanf(line, "%15s %15s %7s %23s %23s %23s", e->source, e->target,
                 e->code, e->loc, e->src_geo, e->tgt_geo) >= 4)
        n_ex++;
      else {
        fprintf(stderr, "%s:%d: want SOURCE TARGET CODE LOCATION\n", SPEC,
                lineno);
        harness_failed++;
      }
      continue;
    }
    if (text_len == 0)
      case_line = lineno;
    if (text_len + n + 2 < sizeof text) {
      memcpy(text + text_len, line, n);
      text_len += n;
      text[text_len++] = '\n';
    }
  }
  fclose(f);
}

/* A bad gazetteer line is named with its file and line. */
static void bad_gazetteer_line_is_named(void) {
  kb_dict *d = NULL;
  kb_error err;
  char dir[] = "/tmp/kabar-gaz-XXXXXX", cmd[512];
  memset(&err, 0, sizeof err);
  if (mkdtemp(dir) == NULL) {
    CHECK(0);
    return;
  }
  snprintf(cmd, sizeof cmd,
           "cp -r data/. %s/ && printf 'C:XXX\\tNowhere\\n' >> "
           "%s/gazetteer/places_id.txt",
           dir, dir);
  CHECK(system(cmd) == 0);
  /* the gazetteer is read on the first coding */
  CHECK_INT(kb_dict_load(dir, NULL, &d, &err), KB_OK);
  if (d) {
    kb_doc *doc = NULL;
    static const char text[] = "Rusia mengecam Ukraina di Kyiv.";
    CHECK_INT(kb_doc_new("bad", 3, text, sizeof text - 1, &doc), KB_OK);
    CHECK_INT(kb_doc_code(doc, d, NULL, &err), KB_EFORMAT);
    CHECK(err.input && strstr(err.input, "gazetteer/places_id.txt") != NULL);
    CHECK(err.line > 0);
    CHECK_INT((int)kb_doc_n_events(doc), 0);
    kb_doc_free(doc);
  }
  kb_dict_free(d);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK(system(cmd) == 0);
}

int main(void) {
  kb_status st = kb_dict_load(NULL, NULL, &dict, NULL);
  if (st != KB_OK) {
    fprintf(stderr, "cannot load the dictionaries\n");
    return 1;
  }
  harness_test = "place spec";
  spec_cases_pass(); /* counts one pass or failure per case */
  RUN(bad_gazetteer_line_is_named);
  kb_dict_free(dict);
  return harness_done("place_spec");
}
