/*
 * clean.h -- the clean stage's private interface: the full-date recogniser
 * (clean_date.c), which the cleaner uses for bylines, date lines and the
 * reference date, and which the event-date resolver of the tag stage
 * builds on.
 *
 * A "full date" names a day, month and year: "31 Dec 2024, 19:45",
 * "Rabu, 20 Maret 2024", "Senin (9/6/2025)", "20/03/2024", "2024-03-20",
 * "20 Maret 2024 19:45 WIB", "Selasa, 10 Jun 2025 14:05 WIB",
 * "March 20, 2024".  Partial dates ("Jumat (27 Desember)", "Juni 2025")
 * are not full dates; resolving them needs a reference date.
 */
#ifndef KB_CLEAN_H
#define KB_CLEAN_H

#include <stddef.h>

/* A full date as printed, validated (the day exists in that month). */
typedef struct clean_date {
  int year;    /* 1900..2100 */
  int month;   /* 1..12 */
  int day;     /* 1..31 */
  int hour;    /* 0..23, or -1 when no time is printed */
  int minute;  /* 0..59 (0 when no time) */
  int weekday; /* 1..7 = Senin (Monday) .. Minggu (Sunday) as printed, 0 */
} clean_date;

/*
 * Recognises one full date starting exactly at s[0] (a weekday name, a
 * digit, a month name or "(").  Accepted shapes, any case, Indonesian or
 * English names and abbreviations (Jan Feb Mar Apr Mei/May Jun Jul
 * Agu/Agt/Ags/Aug Sep Okt/Oct Nov Des/Dec):
 *   [Weekday[,]] D Month YYYY [[,] [pukul] HH:MM|HH.MM [WIB|WITA|WIT|...]]
 *   [Weekday] (D/M/YYYY)          "Senin (9/6/2025)"
 *   D/M/YYYY  D-M-YYYY  D.M.YYYY  "20/03/2024"
 *   YYYY-MM-DD[THH:MM]            "2024-03-20"
 *   Month D, YYYY                 "March 20, 2024"
 * The year must not run on into more digits or letters ("2024an" is no
 * date).  Returns 1 and fills *out and *consumed (bytes from s to the end
 * of the date, time, zone and closing parenthesis), or 0.  OUT: out,
 * consumed (untouched on 0).  Thread-safe.
 */
int clean_parse_date(const char *s, size_t n, clean_date *out,
                     size_t *consumed);

/* The month (1..12) a name or abbreviation s[0..n) stands for, any case,
 * with or without a final '.', or 0.  "Maret", "Mar", "MAR." -> 3. */
int clean_month(const char *s, size_t n);

/* The weekday (1 = Senin/Monday .. 7 = Minggu/Sunday) a name s[0..n)
 * stands for, any case ("Jum'at", "Ahad", "Wed"), or 0. */
int clean_weekday(const char *s, size_t n);

/* Orders two dates by day (times ignored): <0, 0, >0. */
int clean_date_cmp(const clean_date *a, const clean_date *b);

/* Writes d as ISO 8601 into out (at least 17 bytes): "2024-12-31", or
 * "2024-12-31T19:45" when with_time and d has a time.  NUL-terminated;
 * returns the length. */
size_t clean_format_date(const clean_date *d, int with_time, char *out);

#endif
