/*
 * tag_date.h -- the date expressions of a sentence, found and resolved
 * against the article's reference date (part of the `tag` stage).
 *
 * Input: a segmented kb_doc, one of its sentences, and the reference date.
 * Output: tag_date records in text order, each with its tokens, byte span,
 * resolved value and precision, and flags that say how the text put it
 * ("sejak ...", "hingga ...", a bare year, a future date, ...).  The event
 * coder (code.c) picks which expression governs which clause; this module
 * only finds and resolves.  Rules, precision choices and what is
 * deliberately not a date: docs/DATES.md; every rule has a case in
 * tests/spec/dates.txt.
 *
 * Examples (reference date Wednesday 2024-03-20):
 *   "pada hari Senin"       (on Monday)          -> 2024-03-18, day
 *   "September lalu"        (last September)     -> 2023-09, month
 *   "sejak 7 Oktober lalu"  (since 7 October)    -> 2023-10-07, SINCE
 *   "Senin (9/6/2025)"      (Monday 9 June 2025) -> 2025-06-09, day
 *   "75 tahun"              (75 years)           -> nothing: a duration
 */
#ifndef KB_TAG_DATE_H
#define KB_TAG_DATE_H

#include <stddef.h>

#include "kabar.h"

/** How much of a date the text fixes. */
typedef enum tag_precision {
  TAG_NONE = 0, /**< nothing resolved (TAG_DATE_UNRESOLVED) */
  TAG_YEAR,     /**< "pada 2020", "tahun lalu" */
  TAG_MONTH,    /**< "Februari 2022", "bulan lalu", "akhir Mei 2025" */
  TAG_DAY       /**< "20 Maret 2024", "Senin", "kemarin", "pekan lalu" */
} tag_precision;

/** A calendar date; a field the precision does not cover is 0. */
typedef struct tag_ymd {
  int year;  /**< 1900..2100, or 0 */
  int month; /**< 1..12, or 0 */
  int day;   /**< 1..31, or 0 */
} tag_ymd;

/* tag_date.flags bits.  They describe the text; the value is already
 * resolved whatever they say. */
/** The value was computed from the reference date ("Senin", "bulan lalu",
 *  "27 Desember" without a year, "tahun ini"). */
#define TAG_DATE_RELATIVE 0x0001u
/** Relative, but there is no reference date: precision is TAG_NONE and
 *  only the parts the text gives are set ("27 Desember" -> month 12,
 *  day 27, year 0). */
#define TAG_DATE_UNRESOLVED 0x0002u
/** "sejak 7 Oktober" (since), "semenjak", "mulai" (starting), "per". */
#define TAG_DATE_SINCE 0x0004u
/** "hingga akhir 2025" (until), "sampai (dengan)", "s.d.". */
#define TAG_DATE_UNTIL 0x0008u
/** "sebelum 2020" (before), "menjelang", "jelang". */
#define TAG_DATE_BEFORE 0x0010u
/** "setelah 2020" (after), "sesudah", "pasca". */
#define TAG_DATE_AFTER 0x0020u
/** The value lies after the reference date at its precision ("besok",
 *  "Senin depan", "hingga akhir 2025" in 2024), or the text marks a
 *  future that could not be resolved. */
#define TAG_DATE_FUTURE 0x0040u
/** Introduced by "pada" (on/in) or "tanggal": an adverbial of its clause. */
#define TAG_DATE_ON 0x0080u
/** "awal Mei" (early May), "awal pekan ini", "pekan pertama Juni". */
#define TAG_DATE_EARLY 0x0100u
/** "pertengahan April" (mid-April), "medio 2024". */
#define TAG_DATE_MID 0x0200u
/** "akhir 2025" (late 2025), "penghujung tahun lalu", "akhir pekan". */
#define TAG_DATE_LATE 0x0400u
/** A range: "15-18 Juni", "1969-1970", "2024/2025".  value is the first
 *  date, range_end the last. */
#define TAG_DATE_RANGE 0x0800u
/** A decade: "1990-an" (the 1990s); value is its first year, precision
 *  TAG_YEAR, so the coder should not take it for that year. */
#define TAG_DATE_DECADE 0x1000u
/** A time of day was part of the expression ("31 Dec 2024, 19:45",
 *  "pukul 10.00 WIB", "Minggu malam", "dini hari"); the precision stays
 *  TAG_DAY. */
#define TAG_DATE_TIME 0x2000u
/** The weekday named does not fall on the date given ("Senin (10/6/2025)",
 *  a Tuesday); the value follows the numbers. */
#define TAG_DATE_WEEKDAY_MISMATCH 0x4000u
/** The date is in parentheses after a weekday or alone: "Senin (9/6)", the
 *  way Indonesian reports date a statement ("kata Judha, Senin (9/6)"). */
#define TAG_DATE_PAREN 0x8000u
/** A bare year with nothing that makes it an adverbial ("pemilihan
 *  presiden 2024", "Revolusi 1979"): most often part of a name or a
 *  noun phrase, rarely the date of the clause's event. */
#define TAG_DATE_MENTION 0x10000u

/** One date expression found in a sentence. */
typedef struct tag_date {
  size_t first_token; /**< its first token (a doc token index) */
  size_t n_tokens;    /**< its tokens, >= 1, all inside the sentence */
  kb_span span;       /**< its bytes in the doc text, introducing word
                           ("pada", "sejak") included */
  tag_ymd value;      /**< resolved, at `precision` */
  tag_ymd range_end;  /**< TAG_DATE_RANGE: the last date; else zeros */
  tag_precision precision;
  int weekday;    /**< weekday the text names, 1 = Senin (Monday) ..
                       7 = Minggu (Sunday); 0 when none */
  unsigned flags; /**< TAG_DATE_* bits */
} tag_date;

/**
 * Parses an ISO 8601 calendar date, "YYYY-MM-DD", optionally followed by
 * a time ("2024-12-31T19:45", "2024-12-31 19:45:00") or anything else that
 * does not start with a digit.
 *   s, n: the text (not NUL-terminated); NULL with n 0 fails.
 *   out:  OUT: the date (left untouched on failure).
 * Returns 0, or -1 when the text is not such a date, the date does not
 * exist ("2023-02-29") or the year is outside 1900..2100.
 * Thread-safe; allocates nothing.
 */
int tag_parse_iso(const char *s, size_t n, tag_ymd *out);

/**
 * Finds the date expressions of sentence `s` and resolves them.
 *   doc: the segmented document the sentence belongs to (only its tokens
 *        are read: kb_doc_token(s->first_token .. + s->n_tokens - 1) and
 *        their text; nothing outside them).
 *   s:   the sentence.
 *   ref: the reference date (a valid date, e.g. from tag_parse_iso of
 *        kb_doc_meta(doc)->reference_date), or NULL when there is none:
 *        relative expressions then come back TAG_DATE_UNRESOLVED.  An
 *        invalid ref counts as NULL.
 *   out: OUT: the first `max` expressions, in text order (may be NULL
 *        when max is 0).
 * Returns the number of expressions found, which may exceed max (as
 * snprintf does); only min(found, max) are written.
 * Expressions never overlap.  Thread-safe (the first call builds a static
 * word index under pthread_once); allocates nothing; a word that cannot
 * start an expression costs a three-letter prefix test.
 *
 * Example:
 *   tag_ymd ref;
 *   tag_date d[16];
 *   const kb_meta *meta = kb_doc_meta(doc);
 *   int has_ref = tag_parse_iso(meta->reference_date.ptr,
 *                               meta->reference_date.len, &ref) == 0;
 *   size_t n = tag_dates(doc, s, has_ref ? &ref : NULL, d, 16);
 *   // "pada hari Senin" with ref 2024-03-20: n = 1,
 *   // d[0].value = {2024, 3, 18}, d[0].precision = TAG_DAY,
 *   // d[0].flags = TAG_DATE_RELATIVE | TAG_DATE_ON, d[0].weekday = 1
 */
size_t tag_dates(const kb_doc *doc, const kb_sentence *s, const tag_ymd *ref,
                 tag_date *out, size_t max);

/**
 * Whether token t may start a date expression (a digit, or a word whose
 * first letters some expression's first word has): a function of the
 * lower-cased word.  The coder keeps it per token in doc->word_class as
 * TAG_DATE_CLASS, where tag_dates reads it instead of asking again.
 * Thread-safe.
 */
int tag_date_may_start(const kb_token *t);
#define TAG_DATE_CLASS 0x01000000u

/**
 * Formats a resolved date at its precision: "2024-03-18" (TAG_DAY),
 * "2024-06" (TAG_MONTH), "2024" (TAG_YEAR), "" (TAG_NONE).
 *   d:   the date (NULL gives "").
 *   out: OUT: the text, NUL-terminated.
 * Returns its length (0..10).  Thread-safe.
 */
size_t tag_format(const tag_date *d, char out[11]);

/**
 * The weekday of a valid date, 1 = Senin (Monday) .. 7 = Minggu (Sunday),
 * or 0 when the date is not valid (any field 0 or out of range).
 * Thread-safe.
 */
int tag_weekday(const tag_ymd *date);

#endif
