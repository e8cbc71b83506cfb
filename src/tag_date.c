/*
 * tag_date.c -- date expressions: finds them among a sentence's tokens and
 * resolves them against the article's reference date.  Part of the `tag`
 * stage.
 *
 * Input: the tokens of one kb_sentence (segment.c) and a tag_ymd reference
 * date (the cleaner's kb_meta.reference_date).  Output: tag_date records
 * (src/tag_date.h).  Sits in `tag`, after segment and morph and before the
 * event coder, which picks the expression that governs each clause
 * (docs/DESIGN.md).
 *
 * How it works: one left-to-right pass over the tokens.  Most tokens are
 * dismissed at once: a word whose first two letters start no trigger word
 * (a two-letter prefix mask), punctuation, a token that is not a digit.  A
 * trigger -- a number, a month, a weekday, hari/pekan/minggu/bulan/tahun,
 * kemarin/besok/lusa/tadi/semalam, a time of day -- starts the parse of an
 * expression's core, which takes its suffixes to the right ("lalu",
 * "depan", "(9/6)", "malam", "pukul 10.00 WIB") and then, to the left, its
 * head and introducing words ("hari", "bulan", "tahun", "awal", "pada",
 * "sejak").  A parse consumes its tokens, so expressions never overlap.
 * Relative expressions are resolved with day counts (H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms", 2013).
 *
 * Nothing is allocated and nothing static is written, so any number of
 * threads may call tag_dates at once.  Only the sentence's tokens (and the
 * bytes their texts point at) are read.
 *
 * References: docs/DATES.md (the rules and the choices made),
 * tests/spec/dates.txt (one case per rule, with a reference date), the
 * annotation guidelines' "Dates" section (gold/GUIDELINES.md), KBBI for
 * the words.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "kabar_int.h"
#include "morph.h"
#include "tag_date.h"
#include "util/calendar.h"

enum { YEAR_MIN = 1900, YEAR_MAX = 2100 };

/* ------------------------------------------------------------------------
 * The lexicon: every word the rules look at, with its class.
 * ---------------------------------------------------------------------- */

typedef enum wcls {
  W_NONE = 0,
  W_MONTH,      /* "Maret", "Nopember": val = month */
  W_MONTH_WEAK, /* "Des", "Dec", "March": only next to a number */
  W_WEEKDAY,    /* "Senin" .. "Minggu", "Ahad": val = 1 (Mon) .. 7 (Sun) */
  W_UNIT,       /* hari, pekan, bulan, tahun: val = U_* */
  W_SEUNIT,     /* sehari, sepekan, seminggu, sebulan, setahun (one ...) */
  W_NUMWORD,    /* satu .. sebelas: val = the number */
  W_VAGUE,      /* beberapa (some), puluhan (tens of): no number */
  W_ORDINAL,    /* pertama (first) .. kelima, terakhir (last = 9) */
  W_PART,       /* awal (early), pertengahan (mid), akhir (late): P_* */
  W_PREP,       /* pada, sejak, hingga, sebelum, setelah, ...: R_* */
  W_PAST,       /* lalu, silam (ago, last) */
  W_FUT,        /* depan, mendatang (next, coming); nanti (later, val 1) */
  W_INI,        /* ini (this) */
  W_TOD,        /* pagi, siang, sore, petang, subuh; malam (val 1) */
  W_ZONE,       /* WIB, WITA, WIT */
  W_AUX,        /* akan, bakal, dijadwalkan, ...: the clause is future */
  W_BLOCK,      /* Rp, No., Pasal, UU, ...: a number after it is no year */
  W_COUNTNOUN,  /* orang, tentara, persen, ...: a number before it counts */
  W_SPECIAL     /* val = S_* */
} wcls;

enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR };
enum { P_EARLY = 1, P_MID, P_LATE };
enum { R_ON = 1, R_DATE, R_SINCE, R_UNTIL, R_BEFORE, R_AFTER, R_PLAIN };
enum {
  S_KEMARIN = 1, /* kemarin (yesterday; also "last" after a date) */
  S_BESOK,       /* besok, esok (tomorrow) */
  S_LUSA,        /* lusa (the day after tomorrow) */
  S_TADI,        /* tadi (earlier today): "tadi malam" (last night) */
  S_SEMALAM,     /* semalam (last night) */
  S_YANG,        /* yang: "dua hari yang lalu" (two days ago) */
  S_LAGI,        /* lagi: "tiga hari lagi" (in three days) */
  S_BARU,        /* baru: "Tahun Baru" (New Year, a holiday's name) */
  S_ABAD,        /* abad (century): "abad ke-21" is no date */
  S_DINI,        /* dini: "dini hari" (small hours) */
  S_WAKTU,       /* waktu: "waktu setempat" (local time) */
  S_SETEMPAT,
  S_PUKUL,     /* pukul, jam, pkl (o'clock) */
  S_BAHWA,     /* bahwa (that): a clause boundary */
  S_DENGAN,    /* dengan: "sampai dengan" (until) */
  S_ANAPHOR,   /* sebelumnya, kemudian: relative to the story, not to
                  the reference date */
  S_HOLIDAY,   /* Imlek, Hijriah, Islam, Masehi after "Tahun Baru" */
  S_SELAMA,    /* selama (during): "selama semalam" is a duration */
  S_AND,       /* dan (and), atau (or): a list of dates */
  S_PERIODNOUN /* "tahun ajaran" (school year), "bulan puasa" (the
                  fasting month), "bulan madu": not the calendar's */
};

typedef struct lex_entry {
  const char *word; /* ASCII lower case */
  unsigned char len, cls, val;
} lex_entry;

/* Alphabetical (for the reader; look-ups go through a hash index). */
static const lex_entry lexicon[] = {
    {"abad", 4, W_SPECIAL, S_ABAD},
    {"ags", 3, W_MONTH_WEAK, 8},
    {"agt", 3, W_MONTH_WEAK, 8},
    {"agu", 3, W_MONTH_WEAK, 8},
    {"agust", 5, W_MONTH_WEAK, 8},
    {"agustus", 7, W_MONTH, 8},
    {"ahad", 4, W_WEEKDAY, 7},
    {"ajaran", 6, W_SPECIAL, S_PERIODNOUN},
    {"akan", 4, W_AUX, 0},
    {"akhir", 5, W_PART, P_LATE},
    {"anggaran", 8, W_SPECIAL, S_PERIODNOUN},
    {"anggota", 7, W_COUNTNOUN, 0},
    {"antara", 6, W_PREP, R_PLAIN},
    {"apr", 3, W_MONTH_WEAK, 4},
    {"april", 5, W_MONTH, 4},
    {"atau", 4, W_SPECIAL, S_AND},
    {"aug", 3, W_MONTH_WEAK, 8},
    {"august", 6, W_MONTH_WEAK, 8},
    {"awal", 4, W_PART, P_EARLY},
    {"ayat", 4, W_BLOCK, 0},
    {"bahwa", 5, W_SPECIAL, S_BAHWA},
    {"bakal", 5, W_AUX, 0},
    {"barel", 5, W_COUNTNOUN, 0},
    {"baru", 4, W_SPECIAL, S_BARU},
    {"batang", 6, W_COUNTNOUN, 0},
    {"beberapa", 8, W_VAGUE, 0},
    {"belasan", 7, W_VAGUE, 0},
    {"berapa", 6, W_VAGUE, 0},
    {"berencana", 9, W_AUX, 0},
    {"berikutnya", 10, W_SPECIAL, S_ANAPHOR},
    {"besok", 5, W_SPECIAL, S_BESOK},
    {"blok", 4, W_BLOCK, 0},
    {"buah", 4, W_COUNTNOUN, 0},
    {"buku", 4, W_SPECIAL, S_PERIODNOUN},
    {"bulan", 5, W_UNIT, U_MONTH},
    {"butir", 5, W_COUNTNOUN, 0},
    {"dan", 3, W_SPECIAL, S_AND},
    {"dari", 4, W_PREP, R_PLAIN},
    {"dec", 3, W_MONTH_WEAK, 12},
    {"december", 8, W_MONTH_WEAK, 12},
    {"delapan", 7, W_NUMWORD, 8},
    {"dengan", 6, W_SPECIAL, S_DENGAN},
    {"depan", 5, W_FUT, 0},
    {"des", 3, W_MONTH_WEAK, 12},
    {"desa", 4, W_COUNTNOUN, 0},
    {"desember", 8, W_MONTH, 12},
    {"detik", 5, W_COUNTNOUN, 0},
    {"dijadwalkan", 11, W_AUX, 0},
    {"dini", 4, W_SPECIAL, S_DINI},
    {"direncanakan", 12, W_AUX, 0},
    {"dolar", 5, W_COUNTNOUN, 0},
    {"dosis", 5, W_COUNTNOUN, 0},
    {"dua", 3, W_NUMWORD, 2},
    {"ekor", 4, W_COUNTNOUN, 0},
    {"empat", 5, W_NUMWORD, 4},
    {"enam", 4, W_NUMWORD, 6},
    {"esok", 4, W_SPECIAL, S_BESOK},
    {"euro", 4, W_COUNTNOUN, 0},
    {"feb", 3, W_MONTH_WEAK, 2},
    {"februari", 8, W_MONTH, 2},
    {"february", 8, W_MONTH_WEAK, 2},
    {"fiskal", 6, W_SPECIAL, S_PERIODNOUN},
    {"gram", 4, W_COUNTNOUN, 0},
    {"ha", 2, W_COUNTNOUN, 0},
    {"hal", 3, W_BLOCK, 0},
    {"halaman", 7, W_BLOCK, 0},
    {"hari", 4, W_UNIT, U_DAY},
    {"hektare", 7, W_COUNTNOUN, 0},
    {"hendak", 6, W_AUX, 0},
    {"hijriah", 7, W_SPECIAL, S_HOLIDAY},
    {"hijriyah", 8, W_SPECIAL, S_HOLIDAY},
    {"hingga", 6, W_PREP, R_UNTIL},
    {"hlm", 3, W_BLOCK, 0},
    {"hp", 2, W_BLOCK, 0},
    {"imlek", 5, W_SPECIAL, S_HOLIDAY},
    {"ini", 3, W_INI, 0},
    {"inpres", 6, W_BLOCK, 0},
    {"islam", 5, W_SPECIAL, S_HOLIDAY},
    {"jam", 3, W_SPECIAL, S_PUKUL},
    {"jan", 3, W_MONTH_WEAK, 1},
    {"januari", 7, W_MONTH, 1},
    {"january", 7, W_MONTH_WEAK, 1},
    {"jelang", 6, W_PREP, R_BEFORE},
    {"jiwa", 4, W_COUNTNOUN, 0},
    {"jul", 3, W_MONTH_WEAK, 7},
    {"juli", 4, W_MONTH, 7},
    {"july", 4, W_MONTH_WEAK, 7},
    {"jumat", 5, W_WEEKDAY, 5},
    {"jun", 3, W_MONTH_WEAK, 6},
    {"june", 4, W_MONTH_WEAK, 6},
    {"juni", 4, W_MONTH, 6},
    {"kali", 4, W_COUNTNOUN, 0},
    {"kamar", 5, W_BLOCK, 0},
    {"kamis", 5, W_WEEKDAY, 4},
    {"kapal", 5, W_COUNTNOUN, 0},
    {"kasus", 5, W_COUNTNOUN, 0},
    {"kav", 3, W_BLOCK, 0},
    {"kedua", 5, W_ORDINAL, 2},
    {"keempat", 7, W_ORDINAL, 4},
    {"kelima", 6, W_ORDINAL, 5},
    {"kemarin", 7, W_SPECIAL, S_KEMARIN},
    {"kemudian", 8, W_SPECIAL, S_ANAPHOR},
    {"kendaraan", 9, W_COUNTNOUN, 0},
    {"keppres", 7, W_BLOCK, 0},
    {"kepres", 6, W_BLOCK, 0},
    {"ketiga", 6, W_ORDINAL, 3},
    {"kg", 2, W_COUNTNOUN, 0},
    {"kilometer", 9, W_COUNTNOUN, 0},
    {"km", 2, W_COUNTNOUN, 0},
    {"kode", 4, W_BLOCK, 0},
    {"korban", 6, W_COUNTNOUN, 0},
    {"kursi", 5, W_COUNTNOUN, 0},
    {"lagi", 4, W_SPECIAL, S_LAGI},
    {"lalu", 4, W_PAST, 0},
    {"lembar", 6, W_COUNTNOUN, 0},
    {"lima", 4, W_NUMWORD, 5},
    {"liter", 5, W_COUNTNOUN, 0},
    {"lusa", 4, W_SPECIAL, S_LUSA},
    {"madu", 4, W_SPECIAL, S_PERIODNOUN},
    {"mahasiswa", 9, W_COUNTNOUN, 0},
    {"malam", 5, W_TOD, 1},
    {"mar", 3, W_MONTH_WEAK, 3},
    {"march", 5, W_MONTH_WEAK, 3},
    {"maret", 5, W_MONTH, 3},
    {"masehi", 6, W_SPECIAL, S_HOLIDAY},
    {"may", 3, W_MONTH_WEAK, 5},
    {"medio", 5, W_PART, P_MID},
    {"mei", 3, W_MONTH, 5},
    {"mendatang", 9, W_FUT, 0},
    {"menit", 5, W_COUNTNOUN, 0},
    {"menjelang", 9, W_PREP, R_BEFORE},
    {"meter", 5, W_COUNTNOUN, 0},
    {"minggu", 6, W_WEEKDAY, 7},
    {"mobil", 5, W_COUNTNOUN, 0},
    {"model", 5, W_BLOCK, 0},
    {"mulai", 5, W_PREP, R_SINCE},
    {"mw", 2, W_COUNTNOUN, 0},
    {"nanti", 5, W_FUT, 1},
    {"nik", 3, W_BLOCK, 0},
    {"no", 2, W_BLOCK, 0},
    {"nomer", 5, W_BLOCK, 0},
    {"nomor", 5, W_BLOCK, 0},
    {"nop", 3, W_MONTH_WEAK, 11},
    {"nopember", 8, W_MONTH, 11},
    {"nopol", 5, W_BLOCK, 0},
    {"nov", 3, W_MONTH_WEAK, 11},
    {"november", 8, W_MONTH, 11},
    {"oct", 3, W_MONTH_WEAK, 10},
    {"october", 7, W_MONTH_WEAK, 10},
    {"okt", 3, W_MONTH_WEAK, 10},
    {"oktober", 7, W_MONTH, 10},
    {"orang", 5, W_COUNTNOUN, 0},
    {"pada", 4, W_PREP, R_ON},
    {"pagi", 4, W_TOD, 0},
    {"pasal", 5, W_BLOCK, 0},
    {"pasca", 5, W_PREP, R_AFTER},
    {"pasukan", 7, W_COUNTNOUN, 0},
    {"peb", 3, W_MONTH_WEAK, 2},
    {"pebruari", 8, W_MONTH, 2},
    {"pekan", 5, W_UNIT, U_WEEK},
    {"pekerja", 7, W_COUNTNOUN, 0},
    {"penghujung", 10, W_PART, P_LATE},
    {"pengungsi", 9, W_COUNTNOUN, 0},
    {"per", 3, W_PREP, R_SINCE},
    {"perda", 5, W_BLOCK, 0},
    {"pergub", 6, W_BLOCK, 0},
    {"perkap", 6, W_BLOCK, 0},
    {"permen", 6, W_BLOCK, 0},
    {"permulaan", 9, W_PART, P_EARLY},
    {"perppu", 6, W_BLOCK, 0},
    {"perpres", 7, W_BLOCK, 0},
    {"persen", 6, W_COUNTNOUN, 0},
    {"personel", 8, W_COUNTNOUN, 0},
    {"pertama", 7, W_ORDINAL, 1},
    {"pertengahan", 11, W_PART, P_MID},
    {"pesawat", 7, W_COUNTNOUN, 0},
    {"peserta", 7, W_COUNTNOUN, 0},
    {"petang", 6, W_TOD, 0},
    {"pkl", 3, W_SPECIAL, S_PUKUL},
    {"pp", 2, W_BLOCK, 0},
    {"prajurit", 8, W_COUNTNOUN, 0},
    {"puasa", 5, W_SPECIAL, S_PERIODNOUN},
    {"pukul", 5, W_SPECIAL, S_PUKUL},
    {"puluhan", 7, W_VAGUE, 0},
    {"purnama", 7, W_SPECIAL, S_PERIODNOUN},
    {"rabu", 4, W_WEEKDAY, 3},
    {"ramadan", 7, W_SPECIAL, S_PERIODNOUN},
    {"ramadhan", 8, W_SPECIAL, S_PERIODNOUN},
    {"ratusan", 7, W_VAGUE, 0},
    {"rencananya", 10, W_AUX, 0},
    {"ribuan", 6, W_VAGUE, 0},
    {"roket", 5, W_COUNTNOUN, 0},
    {"rp", 2, W_BLOCK, 0},
    {"rt", 2, W_BLOCK, 0},
    {"rudal", 5, W_COUNTNOUN, 0},
    {"rumah", 5, W_COUNTNOUN, 0},
    {"rupiah", 6, W_COUNTNOUN, 0},
    {"rw", 2, W_BLOCK, 0},
    {"s.d", 3, W_PREP, R_UNTIL},
    {"s/d", 3, W_PREP, R_UNTIL},
    {"sabtu", 5, W_WEEKDAY, 6},
    {"sampai", 6, W_PREP, R_UNTIL},
    {"satu", 4, W_NUMWORD, 1},
    {"sebelas", 7, W_NUMWORD, 11},
    {"sebelum", 7, W_PREP, R_BEFORE},
    {"sebelumnya", 10, W_SPECIAL, S_ANAPHOR},
    {"sebulan", 7, W_SEUNIT, U_MONTH},
    {"sehari", 6, W_SEUNIT, U_DAY},
    {"sejak", 5, W_PREP, R_SINCE},
    {"sejumlah", 8, W_VAGUE, 0},
    {"sekitar", 7, W_PREP, R_PLAIN},
    {"selama", 6, W_SPECIAL, S_SELAMA},
    {"selasa", 6, W_WEEKDAY, 2},
    {"semalam", 7, W_SPECIAL, S_SEMALAM},
    {"sembilan", 8, W_NUMWORD, 9},
    {"semenjak", 8, W_PREP, R_SINCE},
    {"seminggu", 8, W_SEUNIT, U_WEEK},
    {"senin", 5, W_WEEKDAY, 1},
    {"sep", 3, W_MONTH_WEAK, 9},
    {"sepanjang", 9, W_PREP, R_PLAIN},
    {"sepekan", 7, W_SEUNIT, U_WEEK},
    {"sept", 4, W_MONTH_WEAK, 9},
    {"september", 9, W_MONTH, 9},
    {"sepuluh", 7, W_NUMWORD, 10},
    {"seri", 4, W_BLOCK, 0},
    {"sesudah", 7, W_PREP, R_AFTER},
    {"setahun", 7, W_SEUNIT, U_YEAR},
    {"setelah", 7, W_PREP, R_AFTER},
    {"setempat", 8, W_SPECIAL, S_SETEMPAT},
    {"siang", 5, W_TOD, 0},
    {"silam", 5, W_PAST, 0},
    {"siswa", 5, W_COUNTNOUN, 0},
    {"sore", 4, W_TOD, 0},
    {"suara", 5, W_COUNTNOUN, 0},
    {"subuh", 5, W_TOD, 0},
    {"suci", 4, W_SPECIAL, S_PERIODNOUN},
    {"tadi", 4, W_SPECIAL, S_TADI},
    {"tahun", 5, W_UNIT, U_YEAR},
    {"tanggal", 7, W_PREP, R_DATE},
    {"tel", 3, W_BLOCK, 0},
    {"telepon", 7, W_BLOCK, 0},
    {"telp", 4, W_BLOCK, 0},
    {"tentara", 7, W_COUNTNOUN, 0},
    {"terakhir", 8, W_ORDINAL, 9},
    {"tgl", 3, W_PREP, R_DATE},
    {"tiga", 4, W_NUMWORD, 3},
    {"tipe", 4, W_BLOCK, 0},
    {"titik", 5, W_COUNTNOUN, 0},
    {"ton", 3, W_COUNTNOUN, 0},
    {"tujuh", 5, W_NUMWORD, 7},
    {"unit", 4, W_COUNTNOUN, 0},
    {"usd", 3, W_BLOCK, 0},
    {"uu", 2, W_BLOCK, 0},
    {"uud", 3, W_BLOCK, 0},
    {"versi", 5, W_BLOCK, 0},
    {"wa", 2, W_BLOCK, 0},
    {"waktu", 5, W_SPECIAL, S_WAKTU},
    {"warga", 5, W_COUNTNOUN, 0},
    {"wib", 3, W_ZONE, 0},
    {"wit", 3, W_ZONE, 0},
    {"wita", 4, W_ZONE, 0},
    {"yang", 4, W_SPECIAL, S_YANG},
};

#define N_LEXICON (sizeof lexicon / sizeof lexicon[0])

typedef struct lex {
  unsigned char cls, val;
} lex;

static const lex lex_none = {W_NONE, 0};

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(unsigned char c) {
  return is_upper(c) || (c >= 'a' && c <= 'z');
}

/* Folds a token's text into OUT: buf for the look-up: ASCII lower case,
 * apostrophes dropped ("Jum'at", "Jum’at" -> "jumat"), one final full stop
 * dropped ("Des." -> "des", "No." -> "no").  Returns the length, or 0 when
 * the text cannot be a lexicon word (a byte that is no ASCII letter, '.'
 * or '/', or longer than 15 bytes). */
static size_t fold(const kb_text *t, char buf[16]) {
  const unsigned char *p = (const unsigned char *)t->ptr;
  size_t len = t->len, i, n = 0;
  if (p == NULL || len == 0)
    return 0;
  if (p[len - 1] == '.')
    len--;
  for (i = 0; i < len; i++) {
    unsigned c = p[i];
    if (c == '\'')
      continue;
    if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && p[i + 2] == 0x99) {
      i += 2; /* U+2019 RIGHT SINGLE QUOTATION MARK */
      continue;
    }
    if (is_upper((unsigned char)c))
      c += 'a' - 'A';
    else if (!((c >= 'a' && c <= 'z') || c == '.' || c == '/'))
      return 0;
    if (n == 15)
      return 0;
    buf[n++] = (char)c;
  }
  return n;
}

/* FNV-1a over the folded word. */
static uint32_t hash_word(const char *w, size_t n) {
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ (unsigned char)w[i]) * 16777619u;
  return h;
}

/* The lexicon's hash index: open addressing, linear probing; a slot holds
 * a lexicon index + 1 (0 = empty).  Filled once, under pthread_once, and
 * only read afterwards, so look-ups from many threads need no lock. */
#define INDEX_SLOTS 1024u
static uint16_t lexicon_index[INDEX_SLOTS];

/* The trigger filter: bit ((a * 26) + b) * 26 + c is set when some trigger
 * word (a month, a weekday, a unit, a time of day, kemarin, besok, esok,
 * lusa, tadi, semalam, abad) starts with the letters a, b, c.  Indonesian
 * prefixes (meN-, peN-, se-, ke-) make two letters too weak a filter.
 * Derived from the lexicon with the index. */
static unsigned char trigger_prefix[(26 * 26 * 26 + 7) / 8];
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;

static int is_trigger_class(const lex_entry *e) {
  switch (e->cls) {
  case W_MONTH:
  case W_MONTH_WEAK:
  case W_WEEKDAY:
  case W_UNIT:
  case W_SEUNIT:
  case W_TOD:
    return 1;
  case W_SPECIAL:
    return e->val == S_KEMARIN || e->val == S_BESOK || e->val == S_LUSA ||
           e->val == S_TADI || e->val == S_SEMALAM || e->val == S_ABAD;
  default:
    return 0;
  }
}

static unsigned prefix_bit(const char *w) {
  return ((unsigned)(w[0] - 'a') * 26u + (unsigned)(w[1] - 'a')) * 26u +
         (unsigned)(w[2] - 'a');
}

static void build_index(void) {
  size_t i;
  for (i = 0; i < N_LEXICON; i++) {
    const lex_entry *e = &lexicon[i];
    uint32_t h = hash_word(e->word, e->len) & (INDEX_SLOTS - 1);
    while (lexicon_index[h] != 0)
      h = (h + 1) & (INDEX_SLOTS - 1);
    lexicon_index[h] = (uint16_t)(i + 1);
    if (is_trigger_class(e)) {
      /* trigger words are at least 3 ASCII letters long */
      unsigned bit = prefix_bit(e->word);
      trigger_prefix[bit / 8] |= (unsigned char)(1u << (bit % 8));
    }
  }
}

static lex lookup(const char *w, size_t n) {
  uint32_t h = hash_word(w, n) & (INDEX_SLOTS - 1);
  for (;;) {
    unsigned slot = lexicon_index[h];
    const lex_entry *e;
    if (slot == 0)
      return lex_none;
    e = &lexicon[slot - 1];
    if (e->len == n && memcmp(e->word, w, n) == 0) {
      lex r;
      r.cls = e->cls;
      r.val = e->val;
      return r;
    }
    h = (h + 1) & (INDEX_SLOTS - 1);
  }
}

/* ------------------------------------------------------------------------
 * Calendar arithmetic
 * ---------------------------------------------------------------------- */

/* Whether d/m/y exists (y == 0: in some year) and y is 0 or in range. */
static int day_ok(int y, int m, int d) {
  if (y != 0 && (y < YEAR_MIN || y > YEAR_MAX))
    return 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= cal_days_in_month(y, m);
}

static tag_ymd civil_from_days(long z) {
  tag_ymd r;
  long y, m, d;
  cal_civil_from_days(z, &y, &m, &d);
  r.year = (int)y;
  r.month = (int)m;
  r.day = (int)d;
  return r;
}

/* 1 = Monday .. 7 = Sunday; 1970-01-01 was a Thursday. */
static int weekday_of_days(long z) { return (int)(((z % 7) + 10) % 7) + 1; }

int tag_weekday(const tag_ymd *date) {
  if (date == NULL || date->year < YEAR_MIN || date->year > YEAR_MAX ||
      !day_ok(date->year, date->month, date->day))
    return 0;
  return weekday_of_days(
      cal_days_from_civil(date->year, date->month, date->day));
}

int tag_parse_iso(const char *s, size_t n, tag_ymd *out) {
  static const unsigned char digit_at[10] = {1, 1, 1, 1, 0, 1, 1, 0, 1, 1};
  const unsigned char *p = (const unsigned char *)s;
  size_t i;
  int y, m, d;
  if (p == NULL || n < 10 || out == NULL)
    return -1;
  for (i = 0; i < 10; i++)
    if (digit_at[i] ? !is_digit(p[i]) : p[i] != '-')
      return -1;
  if (n > 10 && is_digit(p[10]))
    return -1;
  y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
      (p[3] - '0');
  m = (p[5] - '0') * 10 + (p[6] - '0');
  d = (p[8] - '0') * 10 + (p[9] - '0');
  if (y < YEAR_MIN || y > YEAR_MAX || !day_ok(y, m, d))
    return -1;
  out->year = y;
  out->month = m;
  out->day = d;
  return 0;
}

/* ------------------------------------------------------------------------
 * The sentence
 * ---------------------------------------------------------------------- */

typedef struct sent {
  const kb_token *tok; /* the sentence's tokens */
  size_t n;
  size_t base; /* doc index of tok[0] */
  /* the memo entries of the tokens' words (doc->word_memo + base), or
   * NULL: lex_at keeps its answer there (MORPH_FACT_DATE_WORD) */
  const struct memo_entry *const *memo;
  int has_ref; /* the reference date is known */
  tag_ymd ref;
  long ref_days; /* ref as a day count */
  int ref_wd;    /* its weekday, 1..7 */
} sent;

static const kb_text *text_at(const sent *s, size_t i) {
  return &s->tok[i].text;
}

/* Whether token i exists and its text is the one character `c`
 * ("(", ")", ","). */
static int is_char(const sent *s, size_t i, char c) {
  const kb_text *t;
  if (i >= s->n)
    return 0;
  t = text_at(s, i);
  return t->ptr != NULL && t->len == 1 && t->ptr[0] == c;
}

static int first_byte(const sent *s, size_t i) {
  const kb_text *t;
  if (i >= s->n)
    return -1;
  t = text_at(s, i);
  return t->ptr != NULL && t->len > 0 ? (unsigned char)t->ptr[0] : -1;
}

static int is_digit_tok(const sent *s, size_t i) {
  int c = first_byte(s, i);
  return c >= '0' && c <= '9';
}

static lex lex_at(const sent *s, size_t i) {
  char buf[16];
  size_t n;
  const struct memo_entry *e = NULL;
  lex r;
  int c = first_byte(s, i);
  if (c < 0 || !is_alpha((unsigned char)c))
    return lex_none;
  /* the answer depends on the lower-cased word only: a word token's is
   * worked out once per dict and kept on its memo entry (morph.h) */
  if (s->memo && s->tok[i].kind == KB_TOK_WORD && (e = s->memo[i]) != NULL) {
    uint32_t f = morph_memo_fact(e, MORPH_FACT_DATE_WORD);
    if (f) {
      r.cls = (unsigned char)(f >> 8);
      r.val = (unsigned char)(f >> 16);
      return r;
    }
  }
  n = fold(text_at(s, i), buf);
  r = n < 2 ? lex_none : lookup(buf, n);
  if (e)
    morph_memo_set_fact(e, MORPH_FACT_DATE_WORD,
                        1u | (uint32_t)r.cls << 8 | (uint32_t)r.val << 16);
  return r;
}

static int lex_is(lex w, int cls, int val) {
  return w.cls == cls && w.val == val;
}

/* Punctuation that ends a clause for the future-marker scan: , ; : ( ) and
 * quotes and dashes (anything the segmenter calls punctuation). */
static int is_break(const sent *s, size_t i) {
  int c = first_byte(s, i);
  if (i >= s->n)
    return 1;
  if (s->tok[i].kind == KB_TOK_PUNCT)
    return 1;
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' ||
         c == 0xE2;
}

/* ------------------------------------------------------------------------
 * Numbers: a digit token, glued to the digit and separator tokens that
 * touch it ("9" "/" "6" "/" "2025" from a tokenizer that splits them reads
 * as "9/6/2025").
 * ---------------------------------------------------------------------- */

typedef enum nkind {
  N_NONE = 0,
  N_INT,       /* a: 1 to 4 digits that are no year: "20", "75", "0812" */
  N_YEAR,      /* a: 1900..2100 */
  N_DECADE,    /* a: "1990-an" */
  N_DM,        /* a/b: "9/6" */
  N_DMY,       /* a/b/c day/month/year: "9/6/2025", "2025-06-09" */
  N_DAYRANGE,  /* a-b: "15-18" */
  N_YEARRANGE, /* a-b: "1969-1970", "2024/2025" */
  N_TIME,      /* a:b "19:45", "10.00" */
  N_OTHER      /* "10.000", "2,5", "87%", "021-555" */
} nkind;

typedef struct num {
  nkind kind;
  int a, b, c;
  int digits;  /* N_INT: how many digits */
  size_t last; /* its last token */
} num;

static int is_sep(unsigned char c) {
  return c == '/' || c == '-' || c == '.' || c == ':';
}

/* Reads the number whose first token is i.  kind N_NONE when token i is
 * no digit. */
static num num_at(const sent *s, size_t i) {
  num x;
  char buf[32];
  size_t len = 0, keep = 0, j, p = 0, k;
  int f[3], nd[3], nf = 0, has_an = 0;
  char sep[2] = {0, 0};
  memset(&x, 0, sizeof x);
  if (!is_digit_tok(s, i))
    return x;
  x.kind = N_OTHER;
  x.last = i;
  for (j = i; j < s->n; j++) {
    const kb_text *t = text_at(s, j);
    int has_digit = 0, ok = 1;
    if (j > i && s->tok[j - 1].span.end != s->tok[j].span.start)
      break;
    if (t->ptr == NULL || t->len == 0 || len + t->len >= sizeof buf)
      break;
    for (k = 0; k < t->len && ok; k++) {
      unsigned char c = (unsigned char)t->ptr[k];
      if (is_digit(c))
        has_digit = 1;
      else if (!is_sep(c))
        ok = 0;
    }
    if (!ok) {
      /* "1990-an": the decade suffix, glued or split off */
      int an =
          (t->len == 2 && memcmp(t->ptr, "an", 2) == 0 && len > 0 &&
           buf[len - 1] == '-') ||
          (t->len == 3 && memcmp(t->ptr, "-an", 3) == 0) ||
          (j == i && t->len > 3 && memcmp(t->ptr + t->len - 3, "-an", 3) == 0);
      if (!an)
        break;
      if (j == i) {
        for (k = 0; k + 3 < t->len; k++)
          if (!is_digit((unsigned char)t->ptr[k]))
            return x;
      }
      has_digit = 1;
    }
    memcpy(buf + len, t->ptr, t->len);
    len += t->len;
    if (has_digit) {
      keep = len;
      x.last = j;
    }
    if (!ok)
      break;
  }
  len = keep;
  while (len > 0 && is_sep((unsigned char)buf[len - 1]))
    len--;
  if (len == 0)
    return x;
  /* Fields of digits between single separators. */
  for (;;) {
    int v = 0, d = 0;
    while (p < len && is_digit((unsigned char)buf[p])) {
      if (d < 5)
        v = v * 10 + (buf[p] - '0');
      d++;
      p++;
    }
    if (d == 0 || d > 4)
      return x;
    f[nf] = v;
    nd[nf] = d;
    nf++;
    if (p == len)
      break;
    if (nf == 1 && len - p == 3 && memcmp(buf + p, "-an", 3) == 0) {
      has_an = 1;
      break;
    }
    if (nf < 3 && is_sep((unsigned char)buf[p]) && p + 1 < len &&
        is_digit((unsigned char)buf[p + 1])) {
      sep[nf - 1] = buf[p];
      p++;
      continue;
    }
    return x;
  }
  if (nf == 1) {
    int year = nd[0] == 4 && f[0] >= YEAR_MIN && f[0] <= YEAR_MAX;
    if (has_an) {
      if (year && f[0] % 10 == 0) {
        x.kind = N_DECADE;
        x.a = f[0];
      }
      return x;
    }
    x.kind = year ? N_YEAR : N_INT;
    x.a = f[0];
    x.digits = nd[0];
    return x;
  }
  if (nf == 2) {
    x.a = f[0];
    x.b = f[1];
    if ((sep[0] == ':' || (sep[0] == '.' && nd[0] <= 2)) && nd[1] == 2 &&
        f[0] <= 24 && f[1] <= 59)
      x.kind = N_TIME;
    else if ((sep[0] == '/' || sep[0] == '-') && nd[0] == 4 && nd[1] == 4)
      x.kind = N_YEARRANGE;
    else if (sep[0] == '/' && nd[0] <= 2 && nd[1] <= 2)
      x.kind = N_DM;
    else if (sep[0] == '-' && nd[0] <= 2 && nd[1] <= 2)
      x.kind = N_DAYRANGE;
    return x;
  }
  /* three fields */
  if (sep[0] != sep[1])
    return x;
  if (sep[0] == ':') {
    if (f[0] <= 24 && f[1] <= 59 && f[2] <= 59) {
      x.kind = N_TIME;
      x.a = f[0];
      x.b = f[1];
    }
    return x;
  }
  if (sep[0] == '-' && nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2) {
    x.kind = N_DMY; /* ISO 8601: 2025-06-09 */
    x.a = f[2];
    x.b = f[1];
    x.c = f[0];
  } else if (nd[0] <= 2 && nd[1] <= 2 &&
             (nd[2] == 4 || (sep[0] == '/' && nd[2] == 2))) {
    x.kind = N_DMY; /* Indonesian order: 9/6/2025, 09-06-2025, 9/6/25 */
    x.a = f[0];
    x.b = f[1];
    x.c = nd[2] == 2 ? 2000 + f[2] : f[2];
  }
  return x;
}

/* An explicit date: "9/6/2025", "2025-06-09", "9/6" (when allow_dm),
 * "27 Desember", "27 Desember 2024". */
typedef struct expl {
  int y, m, d;
  size_t last;
} expl;

static int month_of(lex w) {
  return w.cls == W_MONTH || w.cls == W_MONTH_WEAK ? w.val : 0;
}

/* Reads an explicit date at token k into OUT: e.  Returns 1 when there is
 * a valid one. */
static int date_at(const sent *s, size_t k, expl *e, int allow_dm) {
  num x = num_at(s, k);
  memset(e, 0, sizeof *e);
  e->last = x.last;
  if (x.kind == N_DMY) {
    e->d = x.a;
    e->m = x.b;
    e->y = x.c;
  } else if (x.kind == N_DM && allow_dm) {
    e->d = x.a;
    e->m = x.b;
  } else if (x.kind == N_INT && x.digits <= 2 &&
             month_of(lex_at(s, x.last + 1))) {
    num y = num_at(s, x.last + 2);
    e->d = x.a;
    e->m = month_of(lex_at(s, x.last + 1));
    e->last = x.last + 1;
    if (y.kind == N_YEAR) {
      e->y = y.a;
      e->last = y.last;
    }
  } else {
    return 0;
  }
  return day_ok(e->y, e->m, e->d);
}

/* ------------------------------------------------------------------------
 * Matches: what the parse of one expression found, before resolution.
 * ---------------------------------------------------------------------- */

typedef enum kind {
  K_ABS = 0, /* explicit parts y/m/d (a missing year is inferred) */
  K_WEEKDAY, /* the weekday dow nearest the reference date, by mode */
  K_WEEKREL, /* weekday dow of the week n weeks from the reference's */
  K_DAYS,    /* the reference date + n days */
  K_MONTHS,  /* its month + n months */
  K_YEARS    /* its year + n years */
} kind;

/* Which way a date without a year (or a weekday) is looked for. */
typedef enum mode {
  M_PAST = 0,    /* the latest on or before the reference date (default) */
  M_PAST_STRICT, /* strictly before: "lalu", "kemarin", "silam" */
  M_FUT,         /* on or after: the clause says "akan" */
  M_FUT_STRICT,  /* strictly after: "depan", "mendatang", "nanti" */
  M_THIS         /* in the same week/year: "ini" */
} mode;

/* The core of the expression, which decides which head and introducing
 * words it takes on its left. */
typedef enum core {
  C_OTHER = 0,
  C_DAYNUM,     /* "20 Maret", "9/6/2025": takes "tanggal" */
  C_YEAR,       /* "2024", "1990-an": takes "tahun", awal/akhir */
  C_MONTH,      /* "Juni": takes "bulan", "pekan pertama", awal/akhir */
  C_WEEKDAY,    /* "Senin": takes "hari" */
  C_WEEK,       /* "pekan lalu", "akhir pekan": takes awal/akhir */
  C_UNIT_MONTH, /* "bulan lalu": takes awal/akhir */
  C_UNIT_YEAR   /* "tahun ini": takes awal/akhir */
} core;

typedef struct match {
  size_t first, last; /* sentence token indexes, inclusive */
  kind kind;
  mode mode;
  core core;
  int y, m, d;      /* K_ABS parts; 0 = not given */
  int y2, m2, d2;   /* a range's end (year, month or day range) */
  int has_year_rel; /* K_ABS: the year is ref.year + year_rel */
  int year_rel;
  int wd;         /* the weekday the text names */
  int dow;        /* K_WEEKDAY, K_WEEKREL: the weekday wanted */
  long n;         /* K_WEEKREL weeks, K_DAYS days, K_MONTHS, K_YEARS */
  int has_suffix; /* a bare year took "lalu": no TAG_DATE_MENTION */
  int has_anchor; /* K_ABS without a year, second of a list or range:
                     its year follows the first date's ("dari Januari
                     sampai April") */
  tag_ymd anchor;
  unsigned flags;
} match;

/* A mode word at k: "lalu", "silam", "kemarin", "yang lalu" (past),
 * "depan", "mendatang", "nanti" (future), "ini" (this).  Returns the mode
 * and sets *last, or returns -1. */
static int mode_at(const sent *s, size_t k, size_t *last) {
  lex w = lex_at(s, k);
  if (w.cls == W_PAST || lex_is(w, W_SPECIAL, S_KEMARIN)) {
    *last = k;
    return M_PAST_STRICT;
  }
  if (lex_is(w, W_SPECIAL, S_YANG) && lex_at(s, k + 1).cls == W_PAST) {
    *last = k + 1;
    return M_PAST_STRICT;
  }
  if (w.cls == W_FUT) {
    *last = k;
    return M_FUT_STRICT;
  }
  if (w.cls == W_INI) {
    *last = k;
    return M_THIS;
  }
  return -1;
}

/* The step a mode word makes: "lalu" -1, "depan" +1, "ini" or none 0. */
static int step_of(int md) {
  return md == M_PAST_STRICT ? -1 : md == M_FUT_STRICT ? 1 : 0;
}

/* After a date that has its year: "pada 2020 lalu", "7 Oktober 2023
 * silam", "Januari 2026 mendatang", "tahun 2025 ini" -- the word adds
 * nothing but belongs to the expression. */
static void absorb_mode(const sent *s, match *m) {
  size_t last;
  if (mode_at(s, m->last + 1, &last) >= 0) {
    m->last = last;
    m->has_suffix = 1;
  }
}

/* The year words after a month or a day without a year: "Juni tahun ini"
 * (this year's June), "tahun lalu", "tahun depan", "tahun 2024", or a mode
 * word ("Oktober lalu").  Updates m. */
static void year_words(const sent *s, match *m) {
  size_t k = m->last + 1, last;
  int md;
  if (lex_is(lex_at(s, k), W_UNIT, U_YEAR)) {
    num y = num_at(s, k + 1);
    if (y.kind == N_YEAR) {
      m->y = y.a;
      m->last = y.last;
      return;
    }
    md = mode_at(s, k + 1, &last);
    if (md >= 0) {
      m->has_year_rel = 1;
      m->year_rel = step_of(md);
      m->last = last;
    }
    return;
  }
  md = mode_at(s, k, &last);
  if (md == M_THIS) {
    m->has_year_rel = 1;
    m->year_rel = 0;
    m->last = last;
  } else if (md >= 0) {
    m->mode = (mode)md;
    m->last = last;
  }
}

/* A time of day after a day: "malam" (evening), "dini hari" (small
 * hours), "waktu setempat" (local time), "pukul 10.00 WIB", ", 19:45". */
static void time_suffix(const sent *s, match *m) {
  int round;
  for (round = 0; round < 4; round++) {
    size_t k = m->last + 1;
    lex w = lex_at(s, k);
    num x;
    if (k >= s->n)
      return;
    if (w.cls == W_TOD) {
      m->last = k;
    } else if (lex_is(w, W_SPECIAL, S_DINI) &&
               lex_is(lex_at(s, k + 1), W_UNIT, U_DAY)) {
      m->last = k + 1;
    } else if (lex_is(w, W_SPECIAL, S_WAKTU) &&
               lex_is(lex_at(s, k + 1), W_SPECIAL, S_SETEMPAT)) {
      m->last = k + 1;
      continue; /* no time of day as such */
    } else if (lex_is(w, W_SPECIAL, S_PUKUL) || is_char(s, k, ',')) {
      x = num_at(s, k + 1);
      if (!(x.kind == N_TIME ||
            (lex_is(w, W_SPECIAL, S_PUKUL) && x.kind == N_INT &&
             x.digits <= 2 && x.a <= 24)))
        return;
      m->last = x.last;
      if (lex_at(s, x.last + 1).cls == W_ZONE)
        m->last = x.last + 1;
    } else {
      return;
    }
    m->flags |= TAG_DATE_TIME;
  }
}

/* "hari ini (9/6)", "kemarin (8/6)": the date in parentheses fixes the
 * day, whatever the words say. */
static void paren_date(const sent *s, match *m) {
  expl e;
  if (is_char(s, m->last + 1, '(') && date_at(s, m->last + 2, &e, 1) &&
      is_char(s, e.last + 1, ')')) {
    m->kind = K_ABS;
    m->y = e.y;
    m->m = e.m;
    m->d = e.d;
    m->flags |= TAG_DATE_PAREN;
    m->last = e.last + 1;
  }
}

/* A connector between two dates at k: 1 for a range ("hingga", "sampai",
 * "s.d.", "-", "–"), 2 for a list ("dan", "atau", ","), else 0. */
static int connector_at(const sent *s, size_t k) {
  lex w = lex_at(s, k);
  const kb_text *t;
  if (lex_is(w, W_PREP, R_UNTIL) || is_char(s, k, '-'))
    return 1;
  if (lex_is(w, W_SPECIAL, S_AND) || is_char(s, k, ','))
    return 2;
  if (k < s->n) {
    t = text_at(s, k);
    if (t->ptr != NULL && t->len == 3 && memcmp(t->ptr, "\xe2\x80\x93", 3) == 0)
      return 1; /* U+2013 EN DASH */
  }
  return 0;
}

/* The year of a day or month without one, taken from the next date of a
 * list or range when that one has it: "29 April dan 21 Mei 2024" (29
 * April 2024), "Februari dan Maret 2025", "Desember hingga Januari 2025"
 * (December 2024).  k: the token after the first date.  0 when there is
 * none. */
static int borrowed_year(const sent *s, size_t k, int mo, int d) {
  expl e;
  int y, m2, d2 = 0;
  if (!connector_at(s, k))
    return 0;
  if (date_at(s, k + 1, &e, 0) && e.y) {
    y = e.y;
    m2 = e.m;
    d2 = e.d;
  } else {
    lex w = lex_at(s, k + 1);
    num x = num_at(s, k + 2);
    if (w.cls != W_MONTH || x.kind != N_YEAR)
      return 0;
    y = x.a;
    m2 = w.val;
  }
  if (mo > m2 || (mo == m2 && d2 && d > d2))
    y--;
  return y >= YEAR_MIN && (d == 0 || day_ok(y, mo, d)) ? y : 0;
}

/* ------------------------------------------------------------------------
 * Parsers, one per kind of trigger.  Each fills m and returns 1 for a date,
 * 0 for none, or -1 when tokens up to m->last are consumed as no date (a
 * holiday's or a law's name, "31 Februari", "beberapa hari lalu").
 * ---------------------------------------------------------------------- */

/* "20 Maret 2024", "27 Desember", "15-18 Juni 2025", "7 Oktober lalu".
 * i: the day's token, k_month: the month's. */
static int parse_day_month(const sent *s, size_t i, int d, int d2,
                           size_t k_month, match *m) {
  num y;
  m->core = C_DAYNUM;
  m->kind = K_ABS;
  m->first = i;
  m->last = k_month;
  m->d = d;
  m->d2 = d2;
  m->m = month_of(lex_at(s, k_month));
  y = num_at(s, k_month + 1);
  if (y.kind == N_YEAR) {
    m->y = y.a;
    m->last = y.last;
  }
  if (!day_ok(m->y, m->m, d) || (d2 && (d2 <= d || !day_ok(m->y, m->m, d2))))
    return -1; /* "31 Februari": not a date */
  if (d2)
    m->flags |= TAG_DATE_RANGE;
  if (!m->y)
    m->y = borrowed_year(s, m->last + 1, m->m, d2 ? d2 : d);
  if (m->y)
    absorb_mode(s, m);
  else
    year_words(s, m);
  time_suffix(s, m);
  return 1;
}

/* Whether the token before a bare year makes it something else: "Rp
 * 2024", "Pasal 2024", "No. 2024", "UUD 1945", "US$ 2000", a phone
 * number's previous group. */
static int year_blocked(const sent *s, size_t i, size_t last) {
  const kb_text *t;
  lex w;
  if (i > 0) {
    t = text_at(s, i - 1);
    if (lex_at(s, i - 1).cls == W_BLOCK || is_digit_tok(s, i - 1))
      return 1;
    if (t->ptr != NULL && t->len > 0 && t->ptr[t->len - 1] == '$')
      return 1;
    /* glued to what comes before: "115/PUU-XXII/2024", "KM-2024" */
    if (s->tok[i - 1].span.end == s->tok[i].span.start &&
        (is_alpha((unsigned char)first_byte(s, i - 1)) ||
         is_char(s, i - 1, '/') || is_char(s, i - 1, '-')))
      return 1;
  }
  /* after it: a counted noun ("2000 tentara"), a unit ("2024 hari"), a
   * percent sign, or another group of digits */
  w = lex_at(s, last + 1);
  if (w.cls == W_COUNTNOUN || w.cls == W_UNIT || w.cls == W_SEUNIT ||
      lex_is(w, W_WEEKDAY, 7) || is_digit_tok(s, last + 1) ||
      first_byte(s, last + 1) == '%')
    return 1;
  return 0;
}

/* A token starting with a digit. */
static int parse_number(const sent *s, size_t i, size_t floor, match *m) {
  num x = num_at(s, i);
  expl e;
  m->first = i;
  m->last = x.last;
  switch (x.kind) {
  case N_INT:
    if (x.digits > 2)
      return 0;
    if (month_of(lex_at(s, x.last + 1)))
      return parse_day_month(s, i, x.a, 0, x.last + 1, m);
    if (connector_at(s, x.last + 1)) {
      num x2 = num_at(s, x.last + 2), y;
      if (!(x2.kind == N_INT && x2.digits <= 2 &&
            month_of(lex_at(s, x2.last + 1))))
        return 0;
      /* "11 hingga 26 Agustus 2025" (11 to 26 August) */
      if (connector_at(s, x.last + 1) == 1)
        return parse_day_month(s, i, x.a, x2.a, x2.last + 1, m);
      if (is_char(s, x.last + 1, ','))
        return 0; /* "korban mencapai 25, 10 Juni lalu": a count */
      /* "14 dan 15 September 2019": the 14th, with the month (and year)
       * of the next date; that one is an expression of its own */
      m->kind = K_ABS;
      m->core = C_DAYNUM;
      m->d = x.a;
      m->m = month_of(lex_at(s, x2.last + 1));
      y = num_at(s, x2.last + 2);
      if (y.kind == N_YEAR)
        m->y = y.a;
      if (!day_ok(m->y, m->m, m->d))
        return 0;
      return 1;
    }
    return 0;
  case N_DAYRANGE:
    if (month_of(lex_at(s, x.last + 1)))
      return parse_day_month(s, i, x.a, x.b, x.last + 1, m);
    return 0;
  case N_YEAR:
  case N_DECADE:
  case N_YEARRANGE:
    if (year_blocked(s, i, x.last))
      return 0;
    if (x.kind == N_YEARRANGE) {
      if (x.b <= x.a || x.b > YEAR_MAX || x.a < YEAR_MIN)
        return 0;
      m->y2 = x.b;
      m->flags |= TAG_DATE_RANGE;
    }
    if (x.kind == N_DECADE)
      m->flags |= TAG_DATE_DECADE;
    m->kind = K_ABS;
    m->core = C_YEAR;
    m->y = x.a;
    absorb_mode(s, m);
    return 1;
  case N_DMY:
  case N_DM:
    if (!date_at(s, i, &e, 1))
      return x.kind == N_DMY ? -1 : 0;
    m->kind = K_ABS;
    m->core = C_DAYNUM;
    m->y = e.y;
    m->m = e.m;
    m->d = e.d;
    if (i > floor && is_char(s, i - 1, '(') && is_char(s, x.last + 1, ')')) {
      m->first = i - 1;
      m->last = x.last + 1;
      m->flags |= TAG_DATE_PAREN;
    } else if (x.kind == N_DM) {
      /* "9/6" alone may be a score, a ratio or "9/11": only in
       * parentheses or after "tanggal" */
      if (!(i > floor && lex_is(lex_at(s, i - 1), W_PREP, R_DATE)))
        return 0;
    }
    if (m->y)
      absorb_mode(s, m);
    else
      year_words(s, m);
    time_suffix(s, m);
    return 1;
  default:
    return 0;
  }
}

/* Whether the word before a bare month name introduces it: "bulan Juni",
 * "pada Juni", "sejak Mei", "akhir Mei", "pekan pertama Juni". */
static int month_introduced(const sent *s, size_t i, size_t floor) {
  lex w;
  if (i <= floor)
    return 0;
  w = lex_at(s, i - 1);
  if (lex_is(w, W_UNIT, U_MONTH) || w.cls == W_PREP || w.cls == W_PART ||
      lex_is(w, W_SPECIAL, S_SELAMA))
    return 1;
  if (w.cls == W_ORDINAL && i - 1 > floor) {
    lex u = lex_at(s, i - 2);
    return lex_is(u, W_UNIT, U_WEEK) || lex_is(u, W_WEEKDAY, 7);
  }
  /* the second of a list or range: "September dan Oktober" */
  return i >= 2 && connector_at(s, i - 1) && month_of(lex_at(s, i - 2));
}

/* A month name: "Februari 2022", "Dec 2024", "March 20, 2024", "Juni
 * tahun ini", "September lalu", "pada bulan Desember". */
static int parse_month(const sent *s, size_t i, lex w, size_t floor, match *m) {
  num x = num_at(s, i + 1);
  size_t last0;
  m->kind = K_ABS;
  m->core = C_MONTH;
  m->m = w.val;
  m->first = m->last = i;
  if (x.kind == N_YEAR) {
    m->y = x.a;
    m->last = x.last;
    absorb_mode(s, m);
    return 1;
  }
  if (x.kind == N_INT && x.digits <= 2) {
    /* English order: "March 20, 2024" */
    size_t k = x.last + 1;
    num y;
    if (is_char(s, k, ','))
      k++;
    y = num_at(s, k);
    if (y.kind == N_YEAR && day_ok(y.a, w.val, x.a)) {
      m->core = C_DAYNUM;
      m->y = y.a;
      m->d = x.a;
      m->last = y.last;
      time_suffix(s, m);
      return 1;
    }
  }
  if (w.cls == W_MONTH_WEAK)
    return 0;
  m->y = borrowed_year(s, i + 1, w.val, 0);
  if (m->y)
    return 1; /* "Februari dan Maret 2025" */
  last0 = m->last;
  year_words(s, m);
  if (m->last != last0 || month_introduced(s, i, floor))
    return 1;
  /* the first of a list or range: "Januari sampai April" */
  return connector_at(s, i + 1) && lex_at(s, i + 2).cls == W_MONTH;
}

/* "Mei-Juni 2025", "Januari-Maret" as one hyphenated token: a range of
 * months.  Returns 0 when token i is not two month names. */
static int parse_month_pair(const sent *s, size_t i, size_t floor, match *m) {
  const kb_text *t = text_at(s, i);
  char buf[16];
  size_t h, n;
  kb_text half;
  lex a, b;
  const char *dash = t->ptr ? memchr(t->ptr, '-', t->len) : NULL;
  if (dash == NULL)
    return 0;
  h = (size_t)(dash - t->ptr);
  half.ptr = t->ptr;
  half.len = h;
  n = fold(&half, buf);
  a = n >= 3 ? lookup(buf, n) : lex_none;
  half.ptr = dash + 1;
  half.len = t->len - h - 1;
  n = fold(&half, buf);
  b = n >= 3 ? lookup(buf, n) : lex_none;
  if (a.cls != W_MONTH || b.cls != W_MONTH)
    return 0;
  if (!parse_month(s, i, a, floor, m))
    return 0; /* a bare "Januari-Maret" needs an introducing word */
  m->m2 = b.val;
  m->flags |= TAG_DATE_RANGE;
  if (m->y && m->y2 == 0) {
    /* the year printed after the pair belongs to its end */
    m->y2 = m->y;
    if (a.val > b.val)
      m->y--;
  }
  return 1;
}

/* Whether "Minggu" at i means the week, not Sunday.  Lower case "minggu"
 * is the week ("minggu lalu", last week) unless "hari" comes first ("hari
 * minggu", Sunday).  Capitalised "Minggu" is Sunday ("pada Minggu malam",
 * "Minggu (8/6)"), except after a count or awal/akhir ("dua Minggu lalu",
 * "akhir Minggu") and, before lalu/ini/depan/an ordinal, at the start of a
 * sentence or in a title-case or all-caps line ("Minggu lalu, ...",
 * "Minggu Depan"). */
static int minggu_is_week(const sent *s, size_t i) {
  const kb_text *t = text_at(s, i);
  lex prev = i > 0 ? lex_at(s, i - 1) : lex_none;
  lex next = lex_at(s, i + 1);
  size_t j;
  int at_start = 1, allcaps = 1;
  if (lex_is(prev, W_UNIT, U_DAY))
    return 0;
  if (!is_upper((unsigned char)t->ptr[0]))
    return 1;
  if (prev.cls == W_NUMWORD || prev.cls == W_VAGUE || prev.cls == W_PART ||
      (i > 0 && is_digit_tok(s, i - 1)))
    return 1;
  if (!(next.cls == W_PAST || next.cls == W_FUT || next.cls == W_INI ||
        next.cls == W_ORDINAL || lex_is(next, W_SPECIAL, S_KEMARIN)))
    return 0;
  for (j = 0; j < i; j++)
    if (s->tok[j].kind != KB_TOK_PUNCT)
      at_start = 0;
  for (j = 0; j < t->len; j++)
    if (!is_upper((unsigned char)t->ptr[j]))
      allcaps = 0;
  return at_start || allcaps || is_upper((unsigned char)first_byte(s, i + 1));
}

/* A weekday: "Senin", "Rabu, 20 Maret 2024", "Senin (9/6/2025)",
 * "Jumat (27 Desember)", "Sabtu lalu", "Senin depan", "Senin pekan lalu",
 * "Minggu malam". */
static int parse_weekday(const sent *s, size_t i, int wd, match *m) {
  size_t k = i + 1, last;
  expl e;
  int md, have = 0;
  m->core = C_WEEKDAY;
  m->wd = wd;
  m->dow = wd;
  m->first = m->last = i;
  if (is_char(s, k, ',') && date_at(s, k + 1, &e, 1)) {
    have = 1;
  } else if (is_char(s, k + is_char(s, k, ','), '(') &&
             date_at(s, k + 1 + is_char(s, k, ','), &e, 1) &&
             is_char(s, e.last + 1, ')')) {
    have = 1;
    e.last++;
    m->flags |= TAG_DATE_PAREN;
  } else if (date_at(s, k, &e, 0)) {
    have = 1;
  }
  if (have) {
    m->kind = K_ABS;
    m->y = e.y;
    m->m = e.m;
    m->d = e.d;
    m->last = e.last;
    if (m->y)
      absorb_mode(s, m);
    else
      year_words(s, m);
    if (mode_at(s, m->last + 1, &last) == M_THIS)
      m->last = last; /* "Jumat (20/6) ini" */
    time_suffix(s, m);
    return 1;
  }
  m->kind = K_WEEKDAY;
  md = mode_at(s, k, &last);
  if (md >= 0) {
    m->mode = (mode)md;
    m->last = last;
  } else if (lex_is(lex_at(s, k), W_UNIT, U_WEEK) ||
             lex_is(lex_at(s, k), W_WEEKDAY, 7)) {
    /* "Senin pekan lalu" (Monday of last week) */
    md = mode_at(s, k + 1, &last);
    if (md >= 0) {
      m->kind = K_WEEKREL;
      m->n = step_of(md);
      m->last = last;
    }
  }
  time_suffix(s, m);
  return 1;
}

/* "akhir tahun" (the end of the year), "awal bulan" with no word after
 * saying which: the current one ("hingga akhir tahun", until the end of
 * this year); not "awal tahun ajaran" (the school year), "awal bulan
 * puasa" (the fasting month), or before a number the year rules refused
 * ("pertengahan tahun 1500-an"). */
static int bare_part(const sent *s, size_t i, size_t floor) {
  return i > floor && lex_at(s, i - 1).cls == W_PART &&
         !lex_is(lex_at(s, i + 1), W_SPECIAL, S_PERIODNOUN) &&
         !is_digit_tok(s, i + 1); /* "pertengahan tahun 1500-an" */
}

/* hari, pekan, minggu (the week), bulan, tahun and the se- forms:
 * "dua hari lalu", "tiga pekan lalu", "sepekan lalu", "hari ini", "pekan
 * depan", "akhir pekan", "bulan lalu", "tahun ini", and the names "Tahun
 * Baru 2025" and "UU Nomor 2 Tahun 2002".  `count` is 1 for the se- forms,
 * else 0. */
static int parse_unit(const sent *s, size_t i, int unit, long count,
                      size_t floor, match *m) {
  size_t first = i, last;
  int vague = 0, md;
  lex next = lex_at(s, i + 1);
  m->first = m->last = i;
  if (unit == U_YEAR && count == 0) {
    num y = num_at(s, i + 1);
    if (lex_is(next, W_SPECIAL, S_BARU)) {
      /* "Tahun Baru 2025", "Tahun Baru Imlek": a holiday, not a date */
      m->last = i + 1;
      if (lex_is(lex_at(s, i + 2), W_SPECIAL, S_HOLIDAY))
        m->last = i + 2;
      y = num_at(s, m->last + 1);
      if (y.kind == N_YEAR)
        m->last = y.last;
      return -1;
    }
    if (y.kind == N_YEAR && i > 0 && is_digit_tok(s, i - 1)) {
      /* "UU Nomor 30 Tahun 2002", "Perpres 12 Tahun 2025": a law's name */
      m->last = y.last;
      return -1;
    }
  }
  if (count == 0 && i > floor) {
    lex w = lex_at(s, i - 1);
    if (is_digit_tok(s, i - 1)) {
      num x = num_at(s, i - 1);
      if (x.kind == N_INT && x.last == i - 1 && x.digits <= 3 && x.a > 0)
        count = x.a;
      else
        vague = 1; /* "2.500 tahun lalu", "2,5 tahun" */
      first = i - 1;
    } else if (w.cls == W_NUMWORD) {
      count = w.val;
      first = i - 1;
    } else if (w.cls == W_VAGUE) {
      vague = 1; /* "beberapa hari lalu" (some days ago) */
      first = i - 1;
    }
  }
  if (count > 0 || vague) {
    /* "dua hari lalu" (two days ago), "tiga hari lagi" (in three days);
     * anything else is a duration ("75 tahun", "dalam dua minggu ke
     * depan") or is relative to the story ("dua hari kemudian") */
    int dir = 0;
    if (mode_at(s, i + 1, &last) == M_PAST_STRICT)
      dir = -1;
    else if (lex_is(next, W_SPECIAL, S_LAGI)) {
      dir = 1;
      last = i + 1;
    }
    if (dir == 0)
      return 0;
    m->first = first;
    m->last = last;
    if (vague)
      return -1;
    count *= dir;
    switch (unit) {
    case U_DAY:
      m->kind = K_DAYS;
      m->n = count;
      break;
    case U_WEEK:
      m->kind = K_DAYS;
      m->n = 7 * count;
      break;
    case U_MONTH:
      m->kind = K_MONTHS;
      m->n = count;
      break;
    default:
      m->kind = K_YEARS;
      m->n = count;
      break;
    }
    return 1;
  }
  md = mode_at(s, i + 1, &last);
  switch (unit) {
  case U_DAY:
    /* "hari ini" (today), "dini hari tadi" (early this morning) */
    if (md == M_THIS || lex_is(next, W_SPECIAL, S_TADI)) {
      m->kind = K_DAYS;
      m->n = 0;
      m->last = i + 1;
      if (i > floor && lex_is(lex_at(s, i - 1), W_SPECIAL, S_DINI)) {
        m->first = i - 1;
        m->flags |= TAG_DATE_TIME;
      }
      paren_date(s, m);
      time_suffix(s, m);
      return 1;
    }
    return 0;
  case U_WEEK: {
    int part = 0;
    m->core = C_WEEK;
    if (i > floor && lex_at(s, i - 1).cls == W_PART)
      part = lex_at(s, i - 1).val;
    if (part) {
      /* "awal pekan ini" (early this week) = its Monday, "pertengahan
       * pekan" its Wednesday, "akhir pekan lalu" (last weekend) the
       * Saturday; a bare "akhir pekan" is the latest Saturday */
      m->dow = part == P_EARLY ? 1 : part == P_MID ? 3 : 6;
      if (md >= 0) {
        m->kind = K_WEEKREL;
        m->n = step_of(md);
        m->last = last;
      } else if (part == P_LATE) {
        m->kind = K_WEEKDAY;
      } else {
        m->kind = K_WEEKREL;
        m->n = 0;
      }
      return 1;
    }
    if (md < 0)
      return 0;
    /* "pekan lalu" (last week) = 7 days before, as the annotators date
     * it; "pekan depan" 7 days after; "pekan ini" the reference date */
    m->kind = K_DAYS;
    m->n = md == M_PAST_STRICT ? -7 : md == M_THIS ? 0 : 7;
    m->last = last;
    return 1;
  }
  case U_MONTH:
    if (md < 0 && !bare_part(s, i, floor))
      return 0;
    m->kind = K_MONTHS;
    m->core = C_UNIT_MONTH;
    m->n = step_of(md);
    if (md >= 0)
      m->last = last;
    return 1;
  default:
    if (md < 0 && !bare_part(s, i, floor))
      return 0;
    m->kind = K_YEARS;
    m->core = C_UNIT_YEAR;
    m->n = step_of(md);
    if (md >= 0)
      m->last = last;
    return 1;
  }
}

/* kemarin, besok, esok, lusa, tadi, semalam, a time of day ("malam ini",
 * "nanti malam"), abad. */
static int parse_word(const sent *s, size_t i, lex w, size_t floor, match *m) {
  lex next = lex_at(s, i + 1);
  m->first = m->last = i;
  m->kind = K_DAYS;
  if (w.cls == W_TOD) {
    /* "malam ini" (tonight), "pagi tadi" (this morning), "malam tadi"
     * (last night), "nanti malam" (tonight) */
    if (i > floor && lex_is(lex_at(s, i - 1), W_FUT, 1)) {
      m->first = i - 1;
    } else if (next.cls == W_INI || lex_is(next, W_SPECIAL, S_TADI)) {
      m->last = i + 1;
      if (w.val == 1 && next.cls != W_INI)
        m->n = -1;
    } else {
      return 0;
    }
    m->flags |= TAG_DATE_TIME;
    return 1;
  }
  switch (w.val) {
  case S_KEMARIN:
    /* "kemarin" (yesterday), "kemarin lusa" (the day before yesterday) */
    m->n = -1;
    if (lex_is(next, W_SPECIAL, S_LUSA)) {
      m->n = -2;
      m->last = i + 1;
    }
    break;
  case S_BESOK:
    /* "besok" (tomorrow), "esok hari", "besok lusa" */
    m->n = 1;
    if (lex_is(next, W_SPECIAL, S_LUSA)) {
      m->n = 2;
      m->last = i + 1;
    } else if (lex_is(next, W_UNIT, U_DAY)) {
      m->last = i + 1;
    }
    break;
  case S_LUSA:
    m->n = 2;
    break;
  case S_TADI:
    /* "tadi malam" (last night), "tadi pagi" (this morning) */
    if (next.cls != W_TOD)
      return 0;
    m->n = next.val == 1 ? -1 : 0;
    m->last = i + 1;
    m->flags |= TAG_DATE_TIME;
    break;
  case S_SEMALAM:
    /* "semalam" (last night), but "selama semalam" (for one night) */
    if (i > 0 && lex_is(lex_at(s, i - 1), W_SPECIAL, S_SELAMA))
      return 0;
    m->n = -1;
    m->flags |= TAG_DATE_TIME;
    break;
  case S_ABAD: {
    /* "abad ke-21", "abad 21", "abad XXI": a century, no date */
    int c = first_byte(s, i + 1);
    if (c == 'k' || c == 'K' || c == 'X' || c == 'V' || c == 'I' ||
        (c >= '0' && c <= '9')) {
      num x = num_at(s, i + 1);
      m->last = x.kind != N_NONE ? x.last : i + 1;
      return -1;
    }
    return 0;
  }
  default:
    return 0;
  }
  paren_date(s, m);
  time_suffix(s, m);
  return 1;
}

/* Whether token i may start an expression: a digit, or a word of 3 to
 * 10 bytes (longer with a hyphen: "Januari-Maret") whose first three
 * letters pass trigger_prefix.  Most tokens end here. */
static int maybe_trigger(const kb_token *t) {
  const unsigned char *p = (const unsigned char *)t->text.ptr;
  size_t len = t->text.len;
  char w[3];
  unsigned bit;
  if (p == NULL || len == 0)
    return 0;
  if (is_digit(p[0]))
    return 1;
  if (len < 3 || !is_alpha(p[0]) || !is_alpha(p[1]) || !is_alpha(p[2]))
    return 0;
  if (len > 10 && (len > 24 || memchr(p, '-', len) == NULL))
    return 0;
  w[0] = (char)(p[0] | 0x20);
  w[1] = (char)(p[1] | 0x20);
  w[2] = (char)(p[2] | 0x20);
  bit = prefix_bit(w);
  return (trigger_prefix[bit / 8] >> (bit % 8)) & 1u;
}

int tag_date_may_start(const kb_token *t) {
  pthread_once(&lexicon_once, build_index);
  return maybe_trigger(t);
}

/* Parses the expression whose trigger is token i; tokens before `floor`
 * belong to an earlier expression.  Returns 1, 0 or -1 as the parsers. */
static int parse_at(const sent *s, size_t i, size_t floor, match *m) {
  lex w;
  if (is_digit_tok(s, i)) {
    memset(m, 0, sizeof *m);
    return parse_number(s, i, floor, m);
  }
  w = lex_at(s, i);
  if (w.cls == W_NONE &&
      memchr(text_at(s, i)->ptr, '-', text_at(s, i)->len) == NULL)
    return 0;
  memset(m, 0, sizeof *m);
  switch (w.cls) {
  case W_MONTH:
  case W_MONTH_WEAK:
    return parse_month(s, i, w, floor, m);
  case W_WEEKDAY:
    if (w.val == 7 && minggu_is_week(s, i))
      return parse_unit(s, i, U_WEEK, 0, floor, m);
    /* lower case weekdays only after "hari" or a preposition */
    if (!is_upper((unsigned char)first_byte(s, i)) &&
        !(i > 0 && (lex_is(lex_at(s, i - 1), W_UNIT, U_DAY) ||
                    lex_at(s, i - 1).cls == W_PREP)))
      return 0;
    return parse_weekday(s, i, w.val, m);
  case W_UNIT:
    return parse_unit(s, i, w.val, 0, floor, m);
  case W_SEUNIT:
    return parse_unit(s, i, w.val, 1, floor, m);
  case W_TOD:
  case W_SPECIAL:
    return parse_word(s, i, w, floor, m);
  case W_NONE:
    return parse_month_pair(s, i, floor, m);
  default:
    return 0;
  }
}

/* Takes the words before the core that belong to the expression: a head
 * ("hari Senin", "bulan Juni", "tahun 2024", "tanggal 5 Juni", "pekan
 * pertama Juni"), a part of the period ("awal Mei", "akhir 2025") and one
 * preposition ("pada", "sejak", "hingga", "sampai dengan", ...). */
static void extend_left(const sent *s, match *m, size_t floor) {
  size_t j = m->first;
  int introduced = m->has_suffix;
  lex w;
  if (j > floor) {
    w = lex_at(s, j - 1);
    if ((m->core == C_WEEKDAY && lex_is(w, W_UNIT, U_DAY)) ||
        (m->core == C_YEAR && lex_is(w, W_UNIT, U_YEAR)) ||
        (m->core == C_DAYNUM && lex_is(w, W_PREP, R_DATE))) {
      j--;
      introduced = 1;
    } else if (m->core == C_MONTH) {
      if (lex_is(w, W_UNIT, U_MONTH)) {
        j--;
        w = j > floor ? lex_at(s, j - 1) : lex_none;
      }
      if (w.cls == W_ORDINAL && j - 1 > floor &&
          (lex_is(lex_at(s, j - 2), W_UNIT, U_WEEK) ||
           lex_is(lex_at(s, j - 2), W_WEEKDAY, 7))) {
        /* "pekan pertama Juni" (the first week of June) */
        m->flags |= w.val == 1   ? TAG_DATE_EARLY
                    : w.val <= 3 ? TAG_DATE_MID
                                 : TAG_DATE_LATE;
        j -= 2;
      }
    }
  }
  if (j > floor && m->core != C_WEEKDAY && m->core != C_DAYNUM &&
      m->core != C_OTHER) {
    w = lex_at(s, j - 1);
    if (w.cls == W_PART) {
      m->flags |= w.val == P_EARLY ? TAG_DATE_EARLY
                  : w.val == P_MID ? TAG_DATE_MID
                                   : TAG_DATE_LATE;
      j--;
      introduced = 1;
    }
  }
  if (j > floor) {
    w = lex_at(s, j - 1);
    if (lex_is(w, W_SPECIAL, S_DENGAN) && j - 1 > floor &&
        lex_is(lex_at(s, j - 2), W_PREP, R_UNTIL)) {
      m->flags |= TAG_DATE_UNTIL; /* "sampai dengan" */
      j -= 2;
      introduced = 1;
    } else if (w.cls == W_PREP || lex_is(w, W_SPECIAL, S_SELAMA)) {
      static const unsigned prep_flag[] = {0,
                                           TAG_DATE_ON,
                                           TAG_DATE_ON,
                                           TAG_DATE_SINCE,
                                           TAG_DATE_UNTIL,
                                           TAG_DATE_BEFORE,
                                           TAG_DATE_AFTER,
                                           0};
      if (w.cls == W_PREP && w.val < sizeof prep_flag / sizeof *prep_flag)
        m->flags |= prep_flag[w.val];
      j--;
      introduced = 1;
    }
  }
  if (m->core == C_YEAR && !introduced)
    m->flags |= TAG_DATE_MENTION;
  m->first = j;
}

/* Whether the clause around the expression is about the future: "akan",
 * "bakal", "dijadwalkan", ... within eight tokens before it or two after,
 * with no punctuation or "bahwa" between ("Presiden akan berkunjung pada
 * Senin" is next Monday). */
static int future_clause(const sent *s, const match *m) {
  size_t j = m->first, steps;
  for (steps = 0; j > 0 && steps < 8; steps++) {
    lex w;
    j--;
    if (is_break(s, j))
      break;
    w = lex_at(s, j);
    if (w.cls == W_AUX)
      return 1;
    if (lex_is(w, W_SPECIAL, S_BAHWA))
      break;
  }
  for (j = m->last + 1, steps = 0; j < s->n && steps < 2; j++, steps++) {
    if (is_break(s, j))
      break;
    if (lex_at(s, j).cls == W_AUX)
      return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------
 * Resolution
 * ---------------------------------------------------------------------- */

/* The year of day d/mo, looked for from the reference date by mode; with a
 * weekday named that does not fit ("Senin (9/6)"), the year within one of
 * the reference's where it fits, nearest the reference. */
static int infer_year_day(const sent *s, int mo, int d, mode md, int wd) {
  int y = s->ref.year, cmp, step, tries;
  cmp = mo != s->ref.month ? mo - s->ref.month : d - s->ref.day;
  if ((md == M_PAST && cmp > 0) || (md == M_PAST_STRICT && cmp >= 0))
    y--;
  else if ((md == M_FUT && cmp < 0) || (md == M_FUT_STRICT && cmp <= 0))
    y++;
  step = md == M_PAST || md == M_PAST_STRICT ? -1 : 1;
  for (tries = 0; tries < 8 && !day_ok(y, mo, d); tries++)
    y += step; /* 29 Februari: the nearest leap year that way */
  if (wd && day_ok(y, mo, d) &&
      weekday_of_days(cal_days_from_civil(y, mo, d)) != wd) {
    long best = -1;
    int cand, best_y = y;
    for (cand = s->ref.year - 1; cand <= s->ref.year + 1; cand++) {
      long z, dist;
      if (!day_ok(cand, mo, d))
        continue;
      z = cal_days_from_civil(cand, mo, d);
      dist = z > s->ref_days ? z - s->ref_days : s->ref_days - z;
      if (weekday_of_days(z) == wd && (best < 0 || dist < best)) {
        best = dist;
        best_y = cand;
      }
    }
    y = best_y;
  }
  return y;
}

/* The year of month mo, looked for from the reference month by mode. */
static int infer_year_month(const sent *s, int mo, mode md) {
  int y = s->ref.year, cmp = mo - s->ref.month;
  if ((md == M_PAST && cmp > 0) || (md == M_PAST_STRICT && cmp >= 0))
    y--;
  else if ((md == M_FUT && cmp < 0) || (md == M_FUT_STRICT && cmp <= 0))
    y++;
  return y;
}

/* Whether the match needs the reference date. */
static int is_relative(const match *m) { return m->kind != K_ABS || m->y == 0; }

/* Resolves m into OUT: r.  Returns 0 when the result is no date (outside
 * 1900..2100, a 29 February of a common year). */
static int resolve(const sent *s, const match *m, tag_date *r) {
  long z = 0;
  memset(r, 0, sizeof *r);
  r->first_token = s->base + m->first;
  r->n_tokens = m->last - m->first + 1;
  r->span.start = s->tok[m->first].span.start;
  r->span.end = s->tok[m->last].span.end;
  if (r->span.end < r->span.start)
    r->span.end = r->span.start;
  r->flags = m->flags;
  r->weekday = m->wd;
  if (is_relative(m)) {
    r->flags |= TAG_DATE_RELATIVE;
    if (!s->has_ref) {
      r->flags |= TAG_DATE_UNRESOLVED;
      r->value.month = m->m;
      r->value.day = m->d;
      if (m->d2)
        r->range_end.month = m->m, r->range_end.day = m->d2;
      if (m->mode == M_FUT || m->mode == M_FUT_STRICT || m->n > 0 ||
          (m->has_year_rel && m->year_rel > 0))
        r->flags |= TAG_DATE_FUTURE;
      return 1;
    }
  }
  switch (m->kind) {
  case K_ABS: {
    int y = m->y;
    if (y == 0) {
      if (m->has_year_rel)
        y = s->ref.year + m->year_rel;
      else if (m->has_anchor)
        y = m->anchor.year +
            (m->m < m->anchor.month ||
             (m->m == m->anchor.month && m->d && m->d < m->anchor.day));
      else if (m->d)
        y = infer_year_day(s, m->m, m->d, m->mode, m->wd);
      else
        y = infer_year_month(s, m->m, m->mode);
    }
    if (y < YEAR_MIN || y > YEAR_MAX || (m->d && !day_ok(y, m->m, m->d)))
      return 0;
    r->value.year = y;
    r->value.month = m->m;
    r->value.day = m->d;
    r->precision = m->d ? TAG_DAY : m->m ? TAG_MONTH : TAG_YEAR;
    if (m->d2) {
      if (!day_ok(y, m->m, m->d2))
        return 0;
      r->range_end = r->value;
      r->range_end.day = m->d2;
    } else if (m->m2) {
      r->range_end.year = m->y2 ? m->y2 : y + (m->m2 < m->m);
      r->range_end.month = m->m2;
    } else if (m->y2) {
      r->range_end.year = m->y2;
    }
    if (m->wd && m->d && tag_weekday(&r->value) != m->wd) {
      r->flags |= TAG_DATE_WEEKDAY_MISMATCH;
      if (m->y && s->has_ref && m->y != s->ref.year) {
        /* "Minggu (8/6/2027)" in a 2025 article: when the weekday fits
         * the day in a year next to the reference's, the printed year is
         * the typo */
        int fixed = infer_year_day(s, m->m, m->d, M_PAST, m->wd);
        tag_ymd v = r->value;
        v.year = fixed;
        if (fixed != m->y && tag_weekday(&v) == m->wd)
          r->value.year = fixed;
      }
    }
    break;
  }
  case K_WEEKDAY: {
    int back = (s->ref_wd - m->dow + 7) % 7, fwd = (m->dow - s->ref_wd + 7) % 7;
    switch (m->mode) {
    case M_PAST_STRICT:
      z = s->ref_days - (back ? back : 7);
      break;
    case M_FUT:
      z = s->ref_days + fwd;
      break;
    case M_FUT_STRICT:
      z = s->ref_days + (fwd ? fwd : 7);
      break;
    case M_THIS:
      z = s->ref_days - (s->ref_wd - 1) + (m->dow - 1);
      break;
    default:
      z = s->ref_days - back;
      break;
    }
    r->value = civil_from_days(z);
    r->precision = TAG_DAY;
    break;
  }
  case K_WEEKREL:
    z = s->ref_days - (s->ref_wd - 1) + 7 * m->n + (m->dow - 1);
    r->value = civil_from_days(z);
    r->precision = TAG_DAY;
    break;
  case K_DAYS:
    r->value = civil_from_days(s->ref_days + m->n);
    r->precision = TAG_DAY;
    break;
  case K_MONTHS: {
    long k = (long)s->ref.year * 12 + (s->ref.month - 1) + m->n;
    r->value.year = (int)(k / 12);
    r->value.month = (int)(k % 12) + 1;
    r->precision = TAG_MONTH;
    break;
  }
  case K_YEARS:
    r->value.year = s->ref.year + (int)m->n;
    r->precision = TAG_YEAR;
    break;
  }
  if (r->value.year < YEAR_MIN || r->value.year > YEAR_MAX)
    return 0;
  if (s->has_ref) {
    int later;
    if (r->precision == TAG_DAY)
      later = cal_days_from_civil(r->value.year, r->value.month, r->value.day) >
              s->ref_days;
    else if (r->precision == TAG_MONTH)
      later =
          r->value.year * 12 + r->value.month > s->ref.year * 12 + s->ref.month;
    else
      later = r->value.year > s->ref.year;
    if (later)
      r->flags |= TAG_DATE_FUTURE;
  }
  return 1;
}

/* Whether match m is the second date of a list or range whose first date
 * ended at token prev_last: "September dan Oktober", "Januari sampai
 * April", "Mei - Juni". */
static int follows_in_list(const sent *s, const match *m, size_t prev_last) {
  if (lex_is(lex_at(s, m->first), W_PREP, R_UNTIL))
    return m->first == prev_last + 1;
  return m->first == prev_last + 2 && connector_at(s, prev_last + 1);
}

/* ------------------------------------------------------------------------
 * Entry points
 * ---------------------------------------------------------------------- */

size_t tag_dates(const kb_doc *doc, const kb_sentence *sentence,
                 const tag_ymd *ref, tag_date *out, size_t max) {
  sent s;
  size_t i, floor = 0, found = 0, n_doc, prev_last = 0;
  tag_date prev; /* the last expression found, for lists and ranges */
  int has_prev = 0;
  if (doc == NULL || sentence == NULL)
    return 0;
  pthread_once(&lexicon_once, build_index);
  n_doc = kb_doc_n_tokens(doc);
  if (sentence->n_tokens == 0 || sentence->first_token >= n_doc)
    return 0;
  memset(&s, 0, sizeof s);
  memset(&prev, 0, sizeof prev);
  s.tok = kb_doc_token(doc, sentence->first_token);
  s.base = sentence->first_token;
  s.memo = doc->word_memo ? doc->word_memo + s.base : NULL;
  s.n = sentence->n_tokens;
  if (s.n > n_doc - s.base)
    s.n = n_doc - s.base;
  if (ref != NULL && ref->year >= YEAR_MIN && ref->year <= YEAR_MAX &&
      day_ok(ref->year, ref->month, ref->day)) {
    s.has_ref = 1;
    s.ref = *ref;
    s.ref_days = cal_days_from_civil(ref->year, ref->month, ref->day);
    s.ref_wd = weekday_of_days(s.ref_days);
  }
  for (i = 0; i < s.n; i++) {
    match m;
    tag_date d;
    int r;
    if (doc->word_class ? !(doc->word_class[s.base + i] & TAG_DATE_CLASS)
                        : !maybe_trigger(&s.tok[i]))
      continue; /* most tokens end here (the coder's class bit says) */
    r = parse_at(&s, i, floor, &m);
    if (r == 0)
      continue;
    if (m.last >= s.n || m.last < i)
      m.last = i; /* cannot happen; keeps the scan moving forward */
    if (r > 0) {
      extend_left(&s, &m, floor);
      if ((m.kind == K_WEEKDAY ||
           (m.kind == K_ABS && m.y == 0 && !m.has_year_rel)) &&
          m.mode == M_PAST && future_clause(&s, &m))
        m.mode = M_FUT;
      if (m.kind == K_ABS && m.y == 0 && m.m && !m.has_year_rel &&
          (m.mode == M_PAST || m.mode == M_FUT) && has_prev &&
          prev.precision >= TAG_MONTH && follows_in_list(&s, &m, prev_last)) {
        m.has_anchor = 1;
        m.anchor = prev.flags & TAG_DATE_RANGE ? prev.range_end : prev.value;
      }
      has_prev = 0;
      if (resolve(&s, &m, &d)) {
        if (found < max && out != NULL)
          out[found] = d;
        found++;
        prev = d;
        prev_last = m.last;
        has_prev = 1;
      }
    }
    floor = m.last + 1;
    i = m.last;
  }
  return found;
}

size_t tag_format(const tag_date *d, char out[11]) {
  size_t n = 0;
  int y, k;
  out[0] = '\0';
  if (d == NULL || d->precision == TAG_NONE || d->value.year < YEAR_MIN ||
      d->value.year > YEAR_MAX)
    return 0;
  y = d->value.year;
  for (k = 1000; k > 0; k /= 10)
    out[n++] = (char)('0' + y / k % 10);
  if (d->precision >= TAG_MONTH) {
    out[n++] = '-';
    out[n++] = (char)('0' + d->value.month / 10 % 10);
    out[n++] = (char)('0' + d->value.month % 10);
  }
  if (d->precision >= TAG_DAY) {
    out[n++] = '-';
    out[n++] = (char)('0' + d->value.day / 10 % 10);
    out[n++] = (char)('0' + d->value.day % 10);
  }
  out[n] = '\0';
  return n;
}
