/*
 * emit_events.c -- renders coded events: the JSON Lines event record, the
 * GDELT 2.0 event table (61 tab-separated columns) and CSV (RFC 4180).
 *
 * Input: a coded kb_doc.  Output: text, one line per event.  The fields
 * are fixed in docs/FORMATS.md; all three formats carry the same record.
 * Last box of the pipeline (docs/DESIGN.md).
 *
 * References: GDELT 2.0 Event Database Data Format Codebook (column
 * order); RFC 4180 (CSV); OWASP "CSV injection" (cells that a spreadsheet
 * would run as formulas are prefixed with an apostrophe).
 */
#include <stdio.h>
#include <string.h>

#include "kabar_int.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/hash.h"

static const char *const part_names[] = {"body", "title", "caption"};

static const char *part_name(kb_block_kind k) {
  return k == KB_BLOCK_TITLE ? part_names[1]
         : k == KB_BLOCK_CAPTION ? part_names[2]
                                 : part_names[0];
}

static const char *const precision_names[] = {"none", "year", "month", "day"};

static void put_span(buf *b, kb_span s) {
  buf_putc(b, '[');
  buf_put_size(b, s.start);
  buf_putc(b, ',');
  buf_put_size(b, s.end);
  buf_putc(b, ']');
}

static void put_json_text(buf *b, kb_text t) {
  if (t.ptr)
    buf_json_str(b, t.ptr, t.len);
  else
    buf_puts(b, "null");
}

static void put_actor(buf *b, const kb_actor *a) {
  buf_puts(b, "{\"code\":");
  buf_json_str(b, a->code, strlen(a->code));
  buf_puts(b, ",\"name\":");
  put_json_text(b, a->name);
  buf_puts(b, ",\"text\":");
  put_json_text(b, a->text);
  buf_puts(b, ",\"span\":");
  put_span(b, a->span);
  buf_putc(b, '}');
}

static void put_double(buf *b, double v) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%.1f", v);
  buf_append(b, tmp, (size_t)n);
}

static void put_coord(buf *b, double v) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%.4f", v);
  buf_append(b, tmp, (size_t)n);
}

/* A location object, or null (docs/FORMATS.md). */
static void put_location(buf *b, const kb_location *l) {
  if (l->type == KB_GEO_NONE) {
    buf_puts(b, "null");
    return;
  }
  buf_puts(b, "{\"name\":");
  put_json_text(b, l->name);
  buf_puts(b, ",\"type\":");
  buf_put_size(b, (size_t)l->type);
  buf_puts(b, ",\"country\":");
  buf_json_str(b, l->country, strlen(l->country));
  buf_puts(b, ",\"iso\":");
  buf_json_str(b, l->iso, strlen(l->iso));
  buf_puts(b, ",\"adm1\":");
  buf_json_str(b, l->adm1, strlen(l->adm1));
  buf_puts(b, ",\"lat\":");
  put_coord(b, l->lat);
  buf_puts(b, ",\"lon\":");
  put_coord(b, l->lon);
  buf_puts(b, ",\"feature_id\":");
  buf_json_str(b, l->feature_id, strlen(l->feature_id));
  buf_puts(b, ",\"text\":");
  put_json_text(b, l->text);
  buf_puts(b, ",\"span\":");
  put_span(b, l->span);
  buf_putc(b, '}');
}

/* The event's id: "<doc>:<sentence>:<n>" (n counts from 1 within the
 * sentence). */
static void event_id(buf *b, const kb_doc *doc, size_t i) {
  const kb_event *e = &doc->events[i];
  size_t n = 1, k;
  for (k = i; k-- > 0 && doc->events[k].sentence == e->sentence;)
    n++;
  buf_append(b, doc->id.ptr, doc->id.len);
  buf_putc(b, ':');
  buf_put_size(b, e->sentence);
  buf_putc(b, ':');
  buf_put_size(b, n);
}

static void jsonl_event(buf *b, const kb_doc *doc, size_t i) {
  const kb_event *e = &doc->events[i];
  const kb_sentence *s = &doc->sentences[e->sentence];
  buf tmp = BUF_INIT;
  event_id(&tmp, doc, i);
  if (buf_failed(&tmp))
    b->failed = 1; /* the record would lack its id */
  buf_puts(b, "{\"id\":");
  buf_json_str(b, tmp.ptr ? tmp.ptr : "", tmp.len);
  buf_free(&tmp);
  buf_puts(b, ",\"doc\":");
  buf_json_str(b, doc->id.ptr, doc->id.len);
  buf_puts(b, ",\"sentence_index\":");
  buf_put_size(b, e->sentence);
  buf_puts(b, ",\"sentence\":");
  buf_json_str(b, s->text.ptr, s->text.len);
  buf_puts(b, ",\"span\":");
  put_span(b, s->span);
  if (doc->is_page) { /* read from an HTML page: the bytes of the page */
    kb_span page;
    buf_puts(b, ",\"page_span\":");
    if (kb_doc_page_span(doc, s->span, &page))
      put_span(b, page);
    else
      buf_puts(b, "null");
  }
  buf_puts(b, ",\"part\":\"");
  buf_puts(b, part_name(e->part));
  buf_puts(b, "\",\"source\":");
  put_actor(b, &e->source);
  buf_puts(b, ",\"target\":");
  put_actor(b, &e->target);
  buf_puts(b, ",\"code\":");
  buf_json_str(b, e->code, strlen(e->code));
  buf_puts(b, ",\"root\":");
  buf_json_str(b, e->root, strlen(e->root));
  buf_puts(b, ",\"quad\":");
  buf_put_size(b, (size_t)e->quad);
  buf_puts(b, ",\"goldstein\":");
  put_double(b, e->goldstein);
  buf_puts(b, ",\"date\":");
  if (e->date[0])
    buf_json_str(b, e->date, strlen(e->date));
  else
    buf_puts(b, "null");
  buf_puts(b, ",\"date_precision\":\"");
  buf_puts(b, precision_names[e->date_precision]);
  buf_puts(b, "\",\"attribution\":");
  put_json_text(b, e->attribution);
  buf_puts(b, ",\"negated\":");
  buf_puts(b, e->negated ? "true" : "false");
  buf_puts(b, ",\"background\":");
  buf_puts(b, e->background ? "true" : "false");
  buf_puts(b, ",\"verb\":");
  put_json_text(b, e->verb);
  buf_puts(b, ",\"location\":");
  put_location(b, &e->location);
  buf_puts(b, ",\"source_geo\":");
  put_location(b, &e->source_geo);
  buf_puts(b, ",\"target_geo\":");
  put_location(b, &e->target_geo);
  buf_puts(b, "}\n");
}

/* ---- GDELT ------------------------------------------------------------ */

/* Appends text with tabs and line breaks turned into spaces. */
static void put_field(buf *b, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    char c = s[i];
    buf_putc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
  }
}

static void tab(buf *b) { buf_putc(b, '\t'); }

/* Is the first three letters of the code a country (not IGO, ...)? */
static int is_country_code(const char *code) {
  return strlen(code) >= 3 && strncmp(code, "IGO", 3) != 0 &&
         strncmp(code, "NGO", 3) != 0 && strncmp(code, "MNC", 3) != 0;
}

/* Actor columns 6-15 (or 16-25): Code, Name, CountryCode, KnownGroupCode,
 * EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code,
 * Type3Code. */
static void gdelt_actor(buf *b, const kb_actor *a) {
  size_t len = strlen(a->code), i;
  put_field(b, a->code, len);
  tab(b);
  if (a->name.ptr)
    for (i = 0; i < a->name.len; i++) {
      char c = a->name.ptr[i];
      buf_putc(b, (c >= 'a' && c <= 'z') ? (char)(c - 32)
                  : (c == '\t' || c == '\n') ? ' '
                                             : c);
    }
  tab(b);
  if (is_country_code(a->code))
    put_field(b, a->code, 3);
  tab(b);
  if (!is_country_code(a->code))
    put_field(b, a->code + 3, len > 3 ? len - 3 : 0); /* IGO: "UNO" */
  tab(b);
  tab(b); /* ethnic */
  tab(b); /* religion 1 */
  tab(b); /* religion 2 */
  if (is_country_code(a->code) && len >= 6)
    put_field(b, a->code + 3, 3);
  tab(b);
  if (is_country_code(a->code) && len >= 9)
    put_field(b, a->code + 6, 3);
  tab(b);
  if (is_country_code(a->code) && len >= 12)
    put_field(b, a->code + 9, 3);
}

/* Geo columns 36-43 (44-51, 52-59): Type, FullName, CountryCode (FIPS),
 * ADM1Code, ADM2Code (not known), Lat, Long, FeatureID; type 0 and empty
 * columns when there is no location. */
static void gdelt_geo(buf *b, const kb_location *l) {
  char tmp[64];
  int n;
  if (l->type == KB_GEO_NONE) {
    buf_puts(b, "0\t\t\t\t\t\t\t");
    return;
  }
  buf_put_size(b, (size_t)l->type);
  tab(b);
  if (l->name.ptr)
    put_field(b, l->name.ptr, l->name.len);
  tab(b);
  buf_puts(b, l->country);
  tab(b);
  buf_puts(b, l->adm1);
  tab(b);
  n = snprintf(tmp, sizeof tmp, "\t%.4f\t%.4f\t", l->lat, l->lon);
  buf_append(b, tmp, (size_t)n);
  buf_puts(b, l->feature_id);
}

/* Day of the year of YYYY-MM-DD (1-based). */
static int day_of_year(int y, int m, int d) {
  static const int before[] = {0,   31,  59,  90,  120, 151,
                               181, 212, 243, 273, 304, 334};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return before[m - 1] + d + (leap && m > 2);
}

static void gdelt_event(buf *b, const kb_doc *doc, size_t i) {
  const kb_event *e = &doc->events[i];
  char tmp[64];
  int y = 0, m = 1, d = 1, n;
  buf id = BUF_INIT;
  uint32_t h1, h2;
  size_t k;
  event_id(&id, doc, i);
  if (buf_failed(&id))
    b->failed = 1;
  /* a stable numeric id from the textual one (53 bits fit a double) */
  h1 = hash_bytes(id.ptr ? id.ptr : "", id.len);
  h2 = hash_bytes(id.ptr ? id.ptr : "", id.len / 2);
  buf_free(&id);
  n = snprintf(tmp, sizeof tmp, "%llu",
               (unsigned long long)(((uint64_t)(h2 & 0x1FFFFF) << 32) | h1));
  buf_append(b, tmp, (size_t)n);
  tab(b);
  if (e->date[0]) {
    y = (e->date[0] - '0') * 1000 + (e->date[1] - '0') * 100 +
        (e->date[2] - '0') * 10 + (e->date[3] - '0');
    if (e->date_precision >= KB_DATE_MONTH)
      m = (e->date[5] - '0') * 10 + (e->date[6] - '0');
    if (e->date_precision >= KB_DATE_DAY)
      d = (e->date[8] - '0') * 10 + (e->date[9] - '0');
    /* SQLDATE, MonthYear, Year, FractionDate; a month or year precision
     * date takes its first day (docs/FORMATS.md) */
    n = snprintf(tmp, sizeof tmp, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, m,
                 d, y, m, y, y + (day_of_year(y, m, d) - 1) / 365.0);
    buf_append(b, tmp, (size_t)n);
  } else {
    buf_puts(b, "\t\t\t");
  }
  tab(b);
  gdelt_actor(b, &e->source);
  tab(b);
  gdelt_actor(b, &e->target);
  tab(b);
  /* IsRootEvent: the headline or the lead sentence */
  {
    size_t first_body = 0;
    while (first_body < doc->n_sentences &&
           doc->sentences[first_body].part != KB_BLOCK_BODY)
      first_body++;
    buf_puts(b, e->part == KB_BLOCK_TITLE || e->sentence == first_body ? "1"
                                                                       : "0");
  }
  tab(b);
  n = snprintf(tmp, sizeof tmp, "%s\t%.3s\t%s\t%d\t%.1f\t1\t1\t1\t", e->code,
               e->code, e->root, e->quad, e->goldstein);
  buf_append(b, tmp, (size_t)n);
  /* AvgTone: not computed */
  /* Actor1Geo, Actor2Geo, ActionGeo */
  for (k = 0; k < 3; k++) {
    tab(b);
    gdelt_geo(b, k == 0   ? &e->source_geo
                 : k == 1 ? &e->target_geo
                          : &e->location);
  }
  tab(b);
  /* DATEADDED: the reference date at midnight, so that output is
   * reproducible */
  if (doc->meta.reference_date.ptr && doc->meta.reference_date.len >= 10) {
    const char *r = doc->meta.reference_date.ptr;
    n = snprintf(tmp, sizeof tmp, "%.4s%.2s%.2s000000", r, r + 5, r + 8);
    buf_append(b, tmp, (size_t)n);
  }
  tab(b);
  if (doc->meta.url.ptr)
    put_field(b, doc->meta.url.ptr, doc->meta.url.len);
  else if (doc->fields[KB_FIELD_URL].ptr)
    put_field(b, doc->fields[KB_FIELD_URL].ptr, doc->fields[KB_FIELD_URL].len);
  else
    put_field(b, doc->id.ptr, doc->id.len);
  buf_putc(b, '\n');
}

/* ---- CSV -------------------------------------------------------------- */

static const char csv_header[] =
    "id,doc,sentence_index,part,source_code,source_name,source_text,"
    "target_code,target_name,target_text,code,root,quad,goldstein,date,"
    "date_precision,attribution,negated,background,verb,sentence,"
    "span_start,span_end,"
    "location_type,location_name,location_country,location_iso,"
    "location_adm1,location_lat,location_lon,location_feature_id,"
    "location_text,location_start,location_end,"
    "source_geo_type,source_geo_name,source_geo_country,source_geo_iso,"
    "source_geo_adm1,source_geo_lat,source_geo_lon,source_geo_feature_id,"
    "source_geo_text,source_geo_start,source_geo_end,"
    "target_geo_type,target_geo_name,target_geo_country,target_geo_iso,"
    "target_geo_adm1,target_geo_lat,target_geo_lon,target_geo_feature_id,"
    "target_geo_text,target_geo_start,target_geo_end\r\n";

const char *kb_csv_header(void) { return csv_header; }

/* A quoted CSV cell; text that a spreadsheet would take for a formula
 * (=, +, -, @, tab, CR first) gets a leading apostrophe. */
static void csv_text(buf *b, const char *s, size_t n) {
  size_t i;
  buf_putc(b, '"');
  if (n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
            s[0] == '\t' || s[0] == '\r'))
    buf_putc(b, '\'');
  for (i = 0; i < n; i++) {
    if (s[i] == '"')
      buf_putc(b, '"');
    buf_putc(b, s[i]);
  }
  buf_putc(b, '"');
}

static void csv_ktext(buf *b, kb_text t) {
  if (t.ptr)
    csv_text(b, t.ptr, t.len);
}

/* The 11 cells of a location, each after a comma; empty when none. */
static void csv_location(buf *b, const kb_location *l) {
  char tmp[96];
  int n;
  if (l->type == KB_GEO_NONE) {
    buf_puts(b, ",,,,,,,,,,,");
    return;
  }
  n = snprintf(tmp, sizeof tmp, ",%d,", (int)l->type);
  buf_append(b, tmp, (size_t)n);
  csv_ktext(b, l->name);
  n = snprintf(tmp, sizeof tmp, ",%s,%s,%s,%.4f,%.4f,", l->country, l->iso,
               l->adm1, l->lat, l->lon);
  buf_append(b, tmp, (size_t)n);
  csv_text(b, l->feature_id, strlen(l->feature_id));
  buf_putc(b, ',');
  csv_ktext(b, l->text);
  buf_putc(b, ',');
  if (l->text.ptr) {
    buf_put_size(b, l->span.start);
    buf_putc(b, ',');
    buf_put_size(b, l->span.end);
  } else {
    buf_putc(b, ',');
  }
}

static void csv_event(buf *b, const kb_doc *doc, size_t i) {
  const kb_event *e = &doc->events[i];
  const kb_sentence *s = &doc->sentences[e->sentence];
  buf id = BUF_INIT;
  char tmp[64];
  int n;
  event_id(&id, doc, i);
  if (buf_failed(&id))
    b->failed = 1;
  csv_text(b, id.ptr ? id.ptr : "", id.len);
  buf_free(&id);
  buf_putc(b, ',');
  csv_text(b, doc->id.ptr, doc->id.len);
  buf_putc(b, ',');
  buf_put_size(b, e->sentence);
  buf_putc(b, ',');
  buf_puts(b, part_name(e->part));
  buf_putc(b, ',');
  csv_text(b, e->source.code, strlen(e->source.code));
  buf_putc(b, ',');
  csv_ktext(b, e->source.name);
  buf_putc(b, ',');
  csv_ktext(b, e->source.text);
  buf_putc(b, ',');
  csv_text(b, e->target.code, strlen(e->target.code));
  buf_putc(b, ',');
  csv_ktext(b, e->target.name);
  buf_putc(b, ',');
  csv_ktext(b, e->target.text);
  n = snprintf(tmp, sizeof tmp, ",\"%s\",\"%s\",%d,%.1f,%s,%s,", e->code,
               e->root, e->quad, e->goldstein, e->date,
               precision_names[e->date_precision]);
  buf_append(b, tmp, (size_t)n);
  csv_ktext(b, e->attribution);
  buf_puts(b, e->negated ? ",true" : ",false");
  buf_puts(b, e->background ? ",true," : ",false,");
  csv_ktext(b, e->verb);
  buf_putc(b, ',');
  csv_text(b, s->text.ptr, s->text.len);
  buf_putc(b, ',');
  buf_put_size(b, s->span.start);
  buf_putc(b, ',');
  buf_put_size(b, s->span.end);
  csv_location(b, &e->location);
  csv_location(b, &e->source_geo);
  csv_location(b, &e->target_geo);
  buf_puts(b, "\r\n");
}

kb_status kb_doc_events_format(const kb_doc *doc, kb_format format,
                               char **out, size_t *len) {
  buf b = BUF_INIT;
  size_t i;
  *out = NULL;
  if (format != KB_FORMAT_JSONL && format != KB_FORMAT_GDELT &&
      format != KB_FORMAT_CSV)
    return KB_EARG;
  for (i = 0; i < doc->n_events; i++) {
    if (format == KB_FORMAT_JSONL)
      jsonl_event(&b, doc, i);
    else if (format == KB_FORMAT_GDELT)
      gdelt_event(&b, doc, i);
    else
      csv_event(&b, doc, i);
  }
  if (buf_cstr(&b) == NULL) {
    buf_free(&b);
    return KB_ENOMEM;
  }
  *out = b.ptr;
  if (len)
    *len = b.len;
  return KB_OK;
}
