/*
 * calendar.c -- month lengths in the proleptic Gregorian calendar.
 */
#include "calendar.h"

int cal_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int cal_days_in_month(int y, int m) {
  static const unsigned char days[12] = {31, 28, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 0;
  return days[m - 1] + (m == 2 && cal_is_leap(y));
}
