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

#endif
