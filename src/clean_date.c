/*
 * clean_date.c -- the full-date recogniser of the clean stage: printed
 * dates in Indonesian and English news -> year, month, day (and time).
 *
 * Input: bytes at a position in a document's text.  Output: clean_date
 * (clean.h).  Used by clean.c for bylines ("Amastya 31 Dec 2024, 19:45"),
 * date lines ("Rabu, 20 Maret 2024") and the reference date; the tag
 * stage's event-date resolver builds on it.
 *
 * Every date is validated: a day must exist in its month ("31 Juni 2025"
 * is no date, "29/2/2024" is one).  No allocation, no locale, no regex.
 * References: ISO 8601; the month and day names of KBBI (Kamus Besar Bahasa
 * Indonesia) and their usual newsroom abbreviations.
 */
#include <stdio.h>
#include <string.h>

#include "clean.h"
#include "util/calendar.h"

/* ASCII helpers: kabar's texts are UTF-8, and every name here is ASCII. */
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Whether s[0..n) equals the lower-case word w, ignoring ASCII case. */
static int eq_word(const char *s, size_t n, const char *w) {
  size_t i;
  for (i = 0; i < n; i++)
    if (w[i] == '\0' || lower((unsigned char)s[i]) != w[i])
      return 0;
  return w[n] == '\0';
}

/* Month names: full Indonesian and English names, old spellings
 * ("Pebruari", "Nopember") and the abbreviations newsrooms print
 * ("Agt", "Ags", "Sept"). */
static const struct {
  const char *name;
  int month;
} months[] = {
    {"januari", 1},  {"january", 1},   {"jan", 1},       {"februari", 2},
    {"pebruari", 2}, {"february", 2},  {"feb", 2},       {"peb", 2},
    {"maret", 3},    {"march", 3},     {"mar", 3},       {"april", 4},
    {"apr", 4},      {"mei", 5},       {"may", 5},       {"juni", 6},
    {"june", 6},     {"jun", 6},       {"juli", 7},      {"july", 7},
    {"jul", 7},      {"agustus", 8},   {"august", 8},    {"agu", 8},
    {"agt", 8},      {"ags", 8},       {"aug", 8},       {"september", 9},
    {"sept", 9},     {"sep", 9},       {"oktober", 10},  {"october", 10},
    {"okt", 10},     {"oct", 10},      {"november", 11}, {"nopember", 11},
    {"nov", 11},     {"desember", 12}, {"december", 12}, {"des", 12},
    {"dec", 12}};

int clean_month(const char *s, size_t n) {
  size_t i;
  if (n > 1 && s[n - 1] == '.')
    n--; /* "Des." */
  if (n < 3 || n > 9)
    return 0;
  for (i = 0; i < sizeof months / sizeof months[0]; i++)
    if (eq_word(s, n, months[i].name))
      return months[i].month;
  return 0;
}

static const struct {
  const char *name;
  int day;
} weekdays[] = {
    {"senin", 1},    {"selasa", 2}, {"rabu", 3},     {"kamis", 4},
    {"jumat", 5},    {"jum'at", 5}, {"sabtu", 6},    {"minggu", 7},
    {"ahad", 7},     {"monday", 1}, {"tuesday", 2},  {"wednesday", 3},
    {"thursday", 4}, {"friday", 5}, {"saturday", 6}, {"sunday", 7},
    {"mon", 1},      {"tue", 2},    {"wed", 3},      {"thu", 4},
    {"fri", 5},      {"sat", 6},    {"sun", 7}};

int clean_weekday(const char *s, size_t n) {
  size_t i;
  if (n < 3 || n > 9)
    return 0;
  for (i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++)
    if (eq_word(s, n, weekdays[i].name))
      return weekdays[i].day;
  return 0;
}

int clean_date_cmp(const clean_date *a, const clean_date *b) {
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

/* Writes v as `width` decimal digits (0 <= v < 10^width). */
static void put_digits(char *out, int v, int width) {
  while (width-- > 0) {
    out[width] = (char)('0' + v % 10);
    v /= 10;
  }
}

size_t clean_format_date(const clean_date *d, int with_time, char *out) {
  int n, has_time = with_time && d->hour >= 0;
  /* every date clean_parse_date makes is in range: its digits are written
   * by hand, as snprintf would write them (a call to snprintf costs more
   * than recognising the date did) */
  if (d->year >= 0 && d->year <= 9999 && d->month >= 0 && d->month <= 99 &&
      d->day >= 0 && d->day <= 99 &&
      (!has_time || (d->hour <= 99 && d->minute >= 0 && d->minute <= 99))) {
    put_digits(out, d->year, 4);
    out[4] = '-';
    put_digits(out + 5, d->month, 2);
    out[7] = '-';
    put_digits(out + 8, d->day, 2);
    if (!has_time) {
      out[10] = '\0';
      return 10;
    }
    out[10] = 'T';
    put_digits(out + 11, d->hour, 2);
    out[13] = ':';
    put_digits(out + 14, d->minute, 2);
    out[16] = '\0';
    return 16;
  }
  if (has_time)
    n = snprintf(out, 17, "%04d-%02d-%02dT%02d:%02d", d->year, d->month, d->day,
                 d->hour, d->minute);
  else
    n = snprintf(out, 17, "%04d-%02d-%02d", d->year, d->month, d->day);
  return n < 0 ? 0 : (size_t)n;
}

/* ---- the scanner ------------------------------------------------------ */

/* A cursor over s[0..n). */
typedef struct scan {
  const char *s;
  size_t n, i;
} scan;

static int peek(const scan *c) {
  return c->i < c->n ? (unsigned char)c->s[c->i] : -1;
}

/* Skips spaces and tabs, and the UTF-8 no-break space (C2 A0) that
 * scraped pages often print between a day and a month. */
static void skip_space(scan *c) {
  for (;;) {
    int ch = peek(c);
    if (ch == ' ' || ch == '\t')
      c->i++;
    else if (ch == 0xC2 && c->i + 1 < c->n &&
             (unsigned char)c->s[c->i + 1] == 0xA0)
      c->i += 2;
    else
      return;
  }
}

/* Reads 1..max digits as a number; returns the digit count (0: none). */
static size_t read_num(scan *c, size_t max, int *value) {
  size_t k = 0;
  int v = 0;
  while (k < max && is_digit(peek(c))) {
    v = v * 10 + (peek(c) - '0');
    c->i++;
    k++;
  }
  *value = v;
  return k;
}

/* Reads a word of letters (and one apostrophe: "Jum'at"); returns its
 * length, the cursor after it. */
static size_t read_word(scan *c) {
  size_t start = c->i;
  while (is_alpha(peek(c)) || (peek(c) == '\'' && c->i > start))
    c->i++;
  return c->i - start;
}

/* Whether the byte at the cursor ends a number or word: not a digit, not a
 * letter (so "2024an" and "20245" are not years). */
static int at_boundary(const scan *c) {
  int ch = peek(c);
  return !(is_digit(ch) || is_alpha(ch));
}

static int valid(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && d >= 1 && d <= cal_days_in_month(y, m);
}

/* An optional time after a date: [,] [pukul|pkl.|jam] HH:MM|HH.MM[:SS]
 * [WIB|WITA|WIT|GMT|UTC].  Moves the cursor past it and sets the hour and
 * minute when there is one; leaves the cursor alone otherwise. */
static void read_time(scan *c, clean_date *d) {
  scan t = *c;
  size_t w;
  int h, m, sec;
  skip_space(&t);
  if (peek(&t) == ',') {
    t.i++;
    skip_space(&t);
  }
  if (is_alpha(peek(&t))) {
    size_t at = t.i;
    w = read_word(&t);
    if (!(eq_word(t.s + at, w, "pukul") || eq_word(t.s + at, w, "pkl") ||
          eq_word(t.s + at, w, "jam")))
      return;
    if (peek(&t) == '.')
      t.i++;
    skip_space(&t);
  }
  if (read_num(&t, 2, &h) == 0 || (peek(&t) != ':' && peek(&t) != '.'))
    return;
  t.i++;
  if (read_num(&t, 2, &m) != 2 || h > 23 || m > 59)
    return;
  if (peek(&t) == ':') { /* seconds */
    scan u = t;
    u.i++;
    if (read_num(&u, 2, &sec) == 2 && sec <= 59)
      t = u;
  }
  if (!at_boundary(&t))
    return; /* "10.000" is a number, not ten o'clock */
  d->hour = h;
  d->minute = m;
  *c = t;
  {
    /* a time zone, kept out of the value: Indonesia's WIB/WITA/WIT */
    scan z = *c;
    size_t at;
    skip_space(&z);
    at = z.i;
    w = read_word(&z);
    if (w && (eq_word(z.s + at, w, "wib") || eq_word(z.s + at, w, "wita") ||
              eq_word(z.s + at, w, "wit") || eq_word(z.s + at, w, "gmt") ||
              eq_word(z.s + at, w, "utc")))
      *c = z;
  }
}

/* D Month YYYY, D at the cursor. */
static int day_month_year(scan *c, clean_date *d) {
  scan t = *c;
  int day, year, month;
  size_t at, w;
  if (read_num(&t, 2, &day) == 0)
    return 0;
  skip_space(&t);
  at = t.i;
  w = read_word(&t);
  if (peek(&t) == '.') { /* "Des." */
    t.i++;
    w++;
  }
  month = clean_month(t.s + at, w);
  if (month == 0)
    return 0;
  skip_space(&t);
  if (peek(&t) == ',') {
    t.i++;
    skip_space(&t);
  }
  if (read_num(&t, 4, &year) != 4 || !at_boundary(&t) ||
      !valid(year, month, day))
    return 0;
  d->year = year;
  d->month = month;
  d->day = day;
  *c = t;
  return 1;
}

/* D/M/YYYY (or with '-' or '.'), or YYYY-MM-DD, at the cursor. */
static int numeric(scan *c, clean_date *d) {
  scan t = *c;
  int a, b, y;
  size_t na, nb;
  char sep;
  na = read_num(&t, 4, &a);
  if (na == 0 || (peek(&t) != '/' && peek(&t) != '-' && peek(&t) != '.'))
    return 0;
  sep = (char)peek(&t);
  t.i++;
  nb = read_num(&t, 2, &b);
  if (nb == 0 || peek(&t) != sep)
    return 0;
  t.i++;
  if (na == 4) { /* YYYY-MM-DD */
    if (read_num(&t, 2, &y) == 0 || sep == '.')
      return 0;
    if (!valid(a, b, y))
      return 0;
    d->year = a;
    d->month = b;
    d->day = y;
    if (peek(&t) == 'T' || (peek(&t) == ' ' && t.i + 1 < t.n &&
                            is_digit((unsigned char)t.s[t.i + 1]))) {
      /* "2024-03-20T19:45" or "2024-03-20 19:45[:00]" */
      scan u = t;
      int h, m = -1, sec;
      u.i++;
      if (read_num(&u, 2, &h) == 2 && peek(&u) == ':') {
        u.i++;
        if (read_num(&u, 2, &m) != 2)
          m = -1;
      }
      if (m >= 0 && h <= 23 && m <= 59) {
        if (peek(&u) == ':') {
          scan v = u;
          v.i++;
          if (read_num(&v, 2, &sec) == 2)
            u = v;
        }
        d->hour = h;
        d->minute = m;
        t = u;
      }
    }
    if (!at_boundary(&t) && peek(&t) != 'Z' && peek(&t) != '+')
      return 0;
    *c = t;
    return 1;
  }
  if (na > 2 || read_num(&t, 4, &y) != 4 || !at_boundary(&t) || !valid(y, b, a))
    return 0;
  d->year = y;
  d->month = b;
  d->day = a;
  *c = t;
  return 1;
}

/* Month D, YYYY ("March 20, 2024"), the month name at the cursor. */
static int month_day_year(scan *c, clean_date *d) {
  scan t = *c;
  size_t w = read_word(&t);
  int month, day, year;
  if (peek(&t) == '.') {
    t.i++;
    w++;
  }
  month = clean_month(c->s + c->i, w);
  if (month == 0)
    return 0;
  skip_space(&t);
  if (read_num(&t, 2, &day) == 0)
    return 0;
  if (peek(&t) == ',')
    t.i++;
  skip_space(&t);
  if (read_num(&t, 4, &year) != 4 || !at_boundary(&t) ||
      !valid(year, month, day))
    return 0;
  d->year = year;
  d->month = month;
  d->day = day;
  *c = t;
  return 1;
}

int clean_parse_date(const char *s, size_t n, clean_date *out,
                     size_t *consumed) {
  scan c;
  clean_date d;
  int paren = 0, ok;
  c.s = s;
  c.n = n;
  c.i = 0;
  memset(&d, 0, sizeof d);
  d.hour = -1;
  if (is_alpha(peek(&c))) {
    size_t w = read_word(&c);
    d.weekday = clean_weekday(s, w);
    if (d.weekday == 0) {
      c.i = 0; /* maybe "March 20, 2024" */
      if (!month_day_year(&c, &d))
        return 0;
      read_time(&c, &d);
      *out = d;
      *consumed = c.i;
      return 1;
    }
    if (peek(&c) == ',')
      c.i++;
    skip_space(&c);
  }
  if (peek(&c) == '(') {
    paren = 1;
    c.i++;
    skip_space(&c);
  }
  if (is_digit(peek(&c))) {
    ok = day_month_year(&c, &d) || numeric(&c, &d);
  } else if (is_alpha(peek(&c)) && d.weekday) {
    ok = month_day_year(&c, &d); /* "Wednesday, March 20, 2024" */
  } else {
    ok = 0;
  }
  if (!ok)
    return 0;
  if (d.hour < 0)
    read_time(&c, &d);
  if (paren) {
    scan t = c;
    skip_space(&t);
    if (peek(&t) == ')')
      c.i = t.i + 1;
  }
  *out = d;
  *consumed = c.i;
  return 1;
}
