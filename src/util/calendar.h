/*
 * calendar.h -- the proleptic Gregorian calendar's month lengths, shared by
 * the cleaner's byline dates, the date resolver, the store and the CLI.
 */
#ifndef KB_UTIL_CALENDAR_H
#define KB_UTIL_CALENDAR_H

/* Whether y is a leap year (year 0 is: it is divisible by 400). */
int cal_is_leap(int y);

/* Days in month m (1..12) of year y; 0 when m is out of range.  Year 0
 * (unknown) allows 29 February. */
int cal_days_in_month(int y, int m);

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil); m in 1..12, d may run past the month's end. */
long cal_days_from_civil(long y, long m, long d);

/* The date `z` days after 1970-01-01 (Hinnant's civil_from_days). */
void cal_civil_from_days(long z, long *y, long *m, long *d);

#endif
