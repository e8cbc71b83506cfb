/*
 * utf8.h -- UTF-8 checking and repair, and small code-point helpers.
 *
 * Validation follows RFC 3629 (no surrogates, no overlongs, nothing above
 * U+10FFFF).  Repair replaces each maximal invalid subpart with U+FFFD, as
 * Unicode 15 section 3.9 recommends (the same count utf8proc and browsers
 * produce).  Knows nothing about news.
 */
#ifndef KB_UTIL_UTF8_H
#define KB_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid prefix of s[0..n): n when all of it is valid. */
size_t utf8_valid_prefix(const unsigned char *s, size_t n);
/* Length of the valid sequence at s (1..4), or 0 when invalid; *cp gets the
 * code point.  n > 0. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Length of the maximal invalid subpart at s (>= 1). */
size_t utf8_invalid_len(const unsigned char *s, size_t n);
/* Writes cp as UTF-8 into out (>= 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Size the repaired copy of s[0..n) needs, and the number of replacements
 * in *n_bad. */
size_t utf8_repaired_size(const unsigned char *s, size_t n, size_t *n_bad);
/* Copies s[0..n) into out (of utf8_repaired_size bytes), repairing. */
void utf8_repair(const unsigned char *s, size_t n, char *out);

#endif
