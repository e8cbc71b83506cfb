/*
 * kabar.h -- the public C API of kabar, which turns Indonesian-language news
 * into political event data (who did what to whom, when, according to whom,
 * with a pointer to the sentence that says so).
 *
 * This header is the API reference.  Everything public starts with kb_ or
 * KB_; whatever is not declared here is not API.
 *
 * Three layers:
 *   - readers turn files, folders and stdin into documents (kb_reader_*);
 *   - one call per pipeline stage on a kb_doc (kb_doc_clean,
 *     kb_doc_segment, ...), or kb_doc_parse for all of them;
 *   - accessors over the results, by count and index.
 *
 * Conventions:
 *   - Text is UTF-8, passed as a pointer plus a length (kb_text).
 *   - Every span is a half-open byte range [start, end) into the document's
 *     text as returned by kb_doc_text().  For a plain-text file that is valid
 *     UTF-8 this is the file's bytes exactly; for a JSON Lines article it is
 *     the decoded "text" string.  Invalid UTF-8 is replaced by U+FFFD before
 *     any stage runs, so offsets are into the repaired text.  For an HTML
 *     page it is the extracted article; kb_doc_page_span() turns a span
 *     into bytes of the page.
 *   - Everything a stage produces for a document lives in that document's
 *     arena and is released by kb_doc_free(); there is no free function for
 *     single results.
 *   - Functions that can fail return kb_status (KB_OK is 0) and take an
 *     optional kb_error * as last parameter (NULL is allowed).
 *   - The library never prints, exits or aborts on bad data or on lack of
 *     memory.
 */
#ifndef KABAR_H
#define KABAR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KB_VERSION_MAJOR 0
#define KB_VERSION_MINOR 1
#define KB_VERSION_PATCH 0
#define KB_VERSION_STRING "0.1.0"

/** The library's version as "MAJOR.MINOR.PATCH".  Static string. */
const char *kb_version(void);

/* ------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------- */

/** Status codes.  KB_OK is 0; every other value is a reason. */
typedef enum kb_status {
  KB_OK = 0,
  KB_DONE,    /**< a reader has no more documents (not an error) */
  KB_ENOMEM,  /**< an allocation failed */
  KB_EIO,     /**< a file could not be opened or read */
  KB_EFORMAT, /**< malformed input (a broken JSON line, ...) */
  KB_EBINARY, /**< the input holds NUL bytes: not text */
  KB_EEMPTY,  /**< the input holds no text (a warning, not a failure) */
  KB_EARG,    /**< a bad argument from the caller */
  KB_EDB      /**< a database error */
} kb_status;

/** A static, lower-case English name for a status ("out of memory"). */
const char *kb_status_str(kb_status status);

/**
 * Detail about a failure.  Filled by functions that take a kb_error *
 * (which may be NULL).  `msg` is static or lives as long as the object that
 * produced it (a reader's message lives until the next call on it).
 * `input` names the file ("-" for stdin), `line` is 1-based (0 when it does
 * not apply) and `offset` a byte offset into the input.
 */
typedef struct kb_error {
  kb_status code;
  const char *msg;
  const char *input;
  size_t line;
  size_t offset;
} kb_error;

/* ------------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------- */

/**
 * The allocation hook.  Every allocation kabar makes goes through it, so
 * that a program can account for memory and tests can make the Nth
 * allocation fail.  `alloc` returns NULL on failure; `realloc` may be NULL
 * (kabar then allocates and copies); `free` accepts NULL.
 */
typedef struct kb_allocator {
  void *(*alloc)(void *ctx, size_t size);
  void *(*realloc)(void *ctx, void *ptr, size_t old_size, size_t new_size);
  void (*free)(void *ctx, void *ptr);
  void *ctx;
} kb_allocator;

/**
 * Installs `a` as the allocator for all later allocations (NULL restores
 * malloc/free).  Call it before creating any kabar object; objects created
 * under one allocator must be freed under the same one.
 * Not thread-safe: call it once, at start-up.  SQLite's memory (the
 * store) goes through it too when it is installed before the process's
 * first SQLite connection; SQLite then keeps it for the life of the
 * process (docs/STORE.md, "Memory").
 */
void kb_set_allocator(const kb_allocator *a);

/** Frees memory kabar handed to the caller ("caller frees with kb_free"). */
void kb_free(void *ptr);

/* ------------------------------------------------------------------------
 * Basic types
 * ---------------------------------------------------------------------- */

/** A half-open byte range [start, end) into a document's text. */
typedef struct kb_span {
  size_t start;
  size_t end;
} kb_span;

/** A piece of UTF-8 text.  `ptr` is NULL when the value is absent. */
typedef struct kb_text {
  const char *ptr;
  size_t len;
} kb_text;

/**
 * Options for the pipeline.  Start from KB_OPTIONS_INIT; new fields are
 * only ever added at the end.
 */
typedef struct kb_options {
  /** KB_FLAG_* bits. */
  unsigned flags;
  /** Forces the reference date ("YYYY-MM-DD"); NULL infers it. */
  const char *reference_date;
} kb_options;

/** Keep boilerplate lines as body text (for debugging the cleaner). */
#define KB_FLAG_KEEP_BOILERPLATE 0x1u
/** Do not split glued words or join split lines. */
#define KB_FLAG_NO_REPAIR 0x2u

#define KB_OPTIONS_INIT {0u, NULL}

/* ------------------------------------------------------------------------
 * Dictionaries
 * ---------------------------------------------------------------------- */

/**
 * The loaded dictionaries (lexicon of roots, names, ...).  Immutable once
 * loaded and safe to share across threads.  Stages that take a
 * `const kb_dict *` accept NULL and then use only what needs no lexicon.
 */
typedef struct kb_dict kb_dict;

/**
 * Loads the dictionaries.
 *   data_dir: a folder holding kabar's data files (data/ in the source
 *             tree), or NULL for the copy compiled into the library.
 *   hunspell_dic: path of a hunspell .dic root list, or NULL for
 *             /usr/share/hunspell/id_ID.dic when present (its absence is
 *             not an error: the lexicon is then kabar's own roots only).
 * Returns KB_OK and sets *out, or KB_EIO / KB_EFORMAT (err names the file
 * and line) / KB_ENOMEM.  Caller frees with kb_dict_free.
 */
kb_status kb_dict_load(const char *data_dir, const char *hunspell_dic,
                       kb_dict **out, kb_error *err);

/** Frees a dictionary object.  Accepts NULL. */
void kb_dict_free(kb_dict *dict);

/** Whether `word` (any case) is a root in the lexicon.  Thread-safe. */
int kb_dict_has_root(const kb_dict *dict, const char *word, size_t len);

/** Whether `word` (exact case) is a known proper name.  Thread-safe. */
int kb_dict_has_name(const kb_dict *dict, const char *word, size_t len);

/* ------------------------------------------------------------------------
 * Documents
 * ---------------------------------------------------------------------- */

/**
 * One article and everything derived from it.  Used by one thread at a
 * time; different documents may be processed in parallel.
 */
typedef struct kb_doc kb_doc;

/**
 * Creates a document from raw bytes.  The text is copied; invalid UTF-8 is
 * replaced by U+FFFD (and counted in a warning); text beyond
 * KB_MAX_DOC_BYTES is cut off (with a warning).  `id` may be NULL;
 * invalid UTF-8 in it is replaced likewise.  Returns KB_OK, KB_EBINARY (the
 * text holds a NUL byte), KB_EARG (the id does), or KB_ENOMEM.
 * Caller frees with kb_doc_free.
 */
kb_status kb_doc_new(const char *id, size_t id_len, const char *text,
                     size_t len, kb_doc **out);

/**
 * Limits (docs/TESTING.md).  A document's text longer than
 * KB_MAX_DOC_BYTES is cut to its first KB_MAX_DOC_BYTES bytes (at the last
 * line break in the final 64 KiB when there is one, else at a character
 * boundary) with a warning; the reader stops reading a plain-text file
 * there.  A JSON Lines line longer than KB_MAX_LINE_BYTES is skipped
 * (KB_EFORMAT) without being held in memory.  A sentence of more than
 * KB_MAX_SENTENCE_TOKENS tokens is split with a warning.
 */
#define KB_MAX_DOC_BYTES ((size_t)8 << 20)
#define KB_MAX_LINE_BYTES ((size_t)64 << 20)
#define KB_MAX_SENTENCE_TOKENS 1000u

/** Frees a document and everything any stage made for it.  Accepts NULL. */
void kb_doc_free(kb_doc *doc);

/** Metadata a reader may know before cleaning (JSON Lines fields). */
typedef enum kb_field {
  KB_FIELD_TITLE,
  KB_FIELD_DATE,   /**< the record's date, "YYYY-MM-DD" or longer */
  KB_FIELD_OUTLET, /**< publisher, e.g. "detik.com" */
  KB_FIELD_URL,
  KB_FIELD_INPUT, /**< the file the document came from ("-" for stdin) */
  KB_FIELD_AUTHOR,    /**< the writer, when the page names one (HTML) */
  KB_FIELD_PUBLISHED, /**< "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD" (HTML) */
  KB_FIELD_COUNT_
} kb_field;

/**
 * Sets a metadata field (the value is copied).  Invalid UTF-8 is repaired.
 * Returns KB_OK, KB_EARG (unknown field) or KB_ENOMEM.
 */
kb_status kb_doc_set_field(kb_doc *doc, kb_field field, const char *value,
                           size_t len);

/** A metadata field as set by kb_doc_set_field (ptr NULL when unset). */
kb_text kb_doc_field(const kb_doc *doc, kb_field field);

/** The document id ("" when none was given). */
kb_text kb_doc_id(const kb_doc *doc);

/** The document's text: the bytes every span points into. */
kb_text kb_doc_text(const kb_doc *doc);

/**
 * For a document read from an HTML page (a file, or a WARC record's HTTP
 * body once decoded): the bytes of the page that hold `span` of the text,
 * from its first character to after its last (markup between words
 * included).  Returns 1 and sets *out; 0 when the document was not read
 * from a page, or an end of the span is not traced to it (text from an
 * entity or a converted charset at that end, the headline when it was
 * taken from <meta>).  docs/HTML.md.
 */
int kb_doc_page_span(const kb_doc *doc, kb_span span, kb_span *out);

/** Number of warnings attached to the document by any stage. */
size_t kb_doc_n_warnings(const kb_doc *doc);

/** The i-th warning, a sentence in English ("no reference date found"). */
const char *kb_doc_warning(const kb_doc *doc, size_t i);

/* ------------------------------------------------------------------------
 * Stage: clean
 * ---------------------------------------------------------------------- */

/** Where a reference date came from. */
typedef enum kb_refdate_source {
  KB_REFDATE_NONE = 0,   /**< none found: relative dates stay unresolved */
  KB_REFDATE_OPTION,     /**< kb_options.reference_date */
  KB_REFDATE_PUBLISHED,  /**< the printed publication date */
  KB_REFDATE_FIELD,      /**< the JSON Lines "date" field */
  KB_REFDATE_LATEST_DATE /**< the latest full date printed in the text */
} kb_refdate_source;

/**
 * What the cleaner recovered.  Strings absent from the article have a NULL
 * ptr.  Normal forms: `outlet` is a lower-case domain ("riau24.com"),
 * `published` ISO 8601 ("2024-12-31T19:45" or "2024-12-31"),
 * `reference_date` "YYYY-MM-DD", `dateline` as printed ("Pyongyang").
 * The spans locate the printed forms in the text ({0,0} when absent or when
 * the value came from a field).
 */
typedef struct kb_meta {
  kb_text title;
  kb_span title_span;
  kb_text outlet;
  kb_span outlet_span;
  kb_text author;
  kb_span author_span;
  kb_text published;
  kb_span published_span;
  kb_text dateline;
  kb_span dateline_span;
  kb_text reference_date;
  kb_refdate_source reference_source;
  kb_text url;
} kb_meta;

/** Kinds of block the cleaner sorts the text into. */
typedef enum kb_block_kind {
  KB_BLOCK_BODY = 0,    /**< a body paragraph */
  KB_BLOCK_TITLE,       /**< the headline, when printed in the text */
  KB_BLOCK_CAPTION,     /**< a photo caption (kept once) */
  KB_BLOCK_META,        /**< byline, date line, outlet line */
  KB_BLOCK_BOILERPLATE, /**< "Menu", "Baca juga: ...", "ADVERTISEMENT" */
  KB_BLOCK_DUPLICATE    /**< a repeated line, dropped */
} kb_block_kind;

/**
 * A run of the text of one kind.  A body block is a paragraph; it may cover
 * several physical lines that scraping split ("Dikutip\nReuters\n, Senin").
 */
typedef struct kb_block {
  kb_block_kind kind;
  kb_span span;
} kb_block;

/** How often each repair fired on a document (for measurement). */
typedef struct kb_repairs {
  size_t invalid_utf8;   /**< byte sequences replaced by U+FFFD */
  size_t lines_joined;   /**< line breaks inside a paragraph undone */
  size_t split_case;     /**< "diIran": lower->upper boundary split */
  size_t split_function; /**< "Trumpakan": known word + function word */
  size_t boilerplate;    /**< lines dropped as boilerplate */
  size_t duplicates;     /**< repeated lines dropped */
  size_t captions;       /**< captions found */
  size_t split_verb;     /**< "Israelmelancarkan": known name + verb */
} kb_repairs;

/**
 * Runs the cleaner: finds title, outlet, author, published date, dateline,
 * captions and body paragraphs; drops boilerplate; marks glued words for
 * splitting and split lines for joining; chooses the reference date.
 *   dict: lexicon for the glued-word repairs, or NULL (then only repairs
 *         certain without a lexicon are made).
 *   opts: NULL means KB_OPTIONS_INIT.
 * Returns KB_OK or KB_ENOMEM.  Running it twice does nothing the second time.
 */
kb_status kb_doc_clean(kb_doc *doc, const kb_dict *dict,
                       const kb_options *opts, kb_error *err);

/** The cleaner's metadata.  Valid after kb_doc_clean (else all absent). */
const kb_meta *kb_doc_meta(const kb_doc *doc);

/** Number of blocks, in text order. */
size_t kb_doc_n_blocks(const kb_doc *doc);

/** The i-th block (i < kb_doc_n_blocks). */
const kb_block *kb_doc_block(const kb_doc *doc, size_t i);

/** The repair counts of this document. */
const kb_repairs *kb_doc_repairs(const kb_doc *doc);

/* ------------------------------------------------------------------------
 * Stage: segment
 * ---------------------------------------------------------------------- */

/** Token kinds. */
typedef enum kb_token_kind {
  KB_TOK_WORD = 0, /**< letters, inner hyphens: "negara-negara", "ke-3" */
  KB_TOK_NUMBER,   /**< "10.000", "2,5", "87%", "9/6/2025", "1990-an" */
  KB_TOK_PUNCT,    /**< ".", ",", "“", "--", "..." */
  KB_TOK_URL,      /**< "https://...", "sastrawi.github.io" */
  KB_TOK_EMAIL,    /**< "nama@contoh.id" */
  KB_TOK_ABBREV,   /**< an abbreviation with its full stop: "Dr.", "dll." */
  KB_TOK_SYMBOL    /**< anything else ("$", "&", emoji) */
} kb_token_kind;

/* Token flags (bits of kb_token.flags). */
#define KB_TOKF_CAPITAL 0x01u   /**< starts with an upper-case letter */
#define KB_TOKF_ALLCAPS 0x02u   /**< two or more letters, all upper case */
#define KB_TOKF_REDUP 0x04u     /**< reduplication: "negara-negara" */
#define KB_TOKF_CLITIC_NYA 0x08u  /**< ends in -nya: "terpilihnya" */
#define KB_TOKF_CLITIC_LAH 0x10u  /**< ends in -lah/-kah/-tah/-pun */
#define KB_TOKF_CLITIC_KU 0x20u   /**< starts with ku-/kau- */
#define KB_TOKF_SPLIT 0x40u       /**< made by splitting a glued word */
#define KB_TOKF_SENT_START 0x80u  /**< first token of its sentence */

/**
 * One token.  `text` points into the document text (the span's bytes);
 * tokens never contain white space.  Clitics stay on the word and are only
 * marked by flags; the morph stage separates them.
 */
typedef struct kb_token {
  kb_span span;
  kb_text text;
  kb_token_kind kind;
  unsigned flags;
} kb_token;

/**
 * One sentence.  `span` covers it in the document text; `text` is its
 * normalised form (white space and line breaks folded to one space, spaces
 * inserted where glued words were split), in the document's arena.
 * Tokens are kb_doc_token(first_token .. first_token + n_tokens - 1).
 */
typedef struct kb_sentence {
  kb_span span;
  kb_text text;
  kb_block_kind part; /**< KB_BLOCK_BODY, _TITLE or _CAPTION */
  size_t block;       /**< index of the block it lies in */
  size_t first_token;
  size_t n_tokens;
} kb_sentence;

/**
 * Splits the title, caption and body blocks into sentences and tokens.
 * Runs kb_doc_clean first (with a NULL dict and default options) if it has
 * not run.  Returns KB_OK or KB_ENOMEM.
 */
kb_status kb_doc_segment(kb_doc *doc, kb_error *err);

/** Number of sentences (all parts), in text order. */
size_t kb_doc_n_sentences(const kb_doc *doc);

/** The i-th sentence. */
const kb_sentence *kb_doc_sentence(const kb_doc *doc, size_t i);

/** Number of tokens in the document. */
size_t kb_doc_n_tokens(const kb_doc *doc);

/** The i-th token. */
const kb_token *kb_doc_token(const kb_doc *doc, size_t i);

/**
 * Runs every stage available on the document: clean, then segment, then
 * (when dict is not NULL) morph.  Returns the first failing stage's status.
 */
kb_status kb_doc_parse(kb_doc *doc, const kb_dict *dict,
                       const kb_options *opts, kb_error *err);

/* ------------------------------------------------------------------------
 * Stage: morph
 *
 * Each word's root and affixes, found by confix stripping in the
 * Nazief-Adriani / ECS line (docs/MORPH.md): "menandatangani" (signs) is
 * the root "tanda tangan" with meN-...-i, active voice; "dikirim" (is
 * sent) is di- + "kirim", passive; "kunjungan" (a visit) is "kunjung" +
 * -an, a noun.  Every candidate root is checked against the lexicon; when
 * none fits, the root is the word itself.
 * ---------------------------------------------------------------------- */

/** Prefixes, by morpheme (the allomorphs mem-, men-, meng-, meny-, me-,
 *  menge- are all KB_PREFIX_MEN; be-, bel- are KB_PREFIX_BER; ...). */
typedef enum kb_prefix {
  KB_PREFIX_NONE = 0,
  KB_PREFIX_MEN, /**< meN-: "mengirim" (sends) <- kirim; active verb */
  KB_PREFIX_DI,  /**< di-: "dikirim" (is sent); passive verb */
  KB_PREFIX_BER, /**< ber-: "bertemu" (meets); intransitive verb */
  KB_PREFIX_TER, /**< ter-: "terpilih" (elected, chosen); stative */
  KB_PREFIX_PEN, /**< peN-: "penyerang" (attacker) <- serang; agent noun */
  KB_PREFIX_PER, /**< per-: "perjanjian" (treaty), "memperkuat" */
  KB_PREFIX_KE,  /**< ke-: "kedua" (second), "kebijakan" (policy) */
  KB_PREFIX_SE,  /**< se-: "sebuah" (one), "sepakat" */
  KB_PREFIX_KU,  /**< ku- (by me): "kukirim" (I send) */
  KB_PREFIX_KAU  /**< kau- (by you): "kaukirim" (you send) */
} kb_prefix;

/** Derivational suffixes. */
typedef enum kb_suffix {
  KB_SUFFIX_NONE = 0,
  KB_SUFFIX_KAN, /**< -kan: "mengirimkan" (sends off) */
  KB_SUFFIX_I,   /**< -i: "mengunjungi" (visits) */
  KB_SUFFIX_AN,  /**< -an: "kunjungan" (a visit) */
  KB_SUFFIX_ISASI, /**< loanword -isasi: "finalisasi" <- final */
  KB_SUFFIX_ISME,  /**< loanword -isme: "liberalisme" <- liberal */
  KB_SUFFIX_ISIR,  /**< loanword -isir: "legalisir" <- legal */
  KB_SUFFIX_IS     /**< loanword -is: "formalis" <- formal */
} kb_suffix;

/** Possessive clitics. */
typedef enum kb_possessive {
  KB_POSS_NONE = 0,
  KB_POSS_KU,  /**< -ku (my) */
  KB_POSS_MU,  /**< -mu (your) */
  KB_POSS_NYA  /**< -nya (his, her, its, the): "terpilihnya" */
} kb_possessive;

/** Particles. */
typedef enum kb_particle {
  KB_PARTICLE_NONE = 0,
  KB_PARTICLE_LAH, /**< -lah (emphasis): "dialah" */
  KB_PARTICLE_KAH, /**< -kah (question): "benarkah" */
  KB_PARTICLE_TAH, /**< -tah (rhetorical question): "apatah" */
  KB_PARTICLE_PUN  /**< -pun (even, also): "siapapun" */
} kb_particle;

/** Infixes, which only a few roots take. */
typedef enum kb_infix {
  KB_INFIX_NONE = 0,
  KB_INFIX_EL, /**< -el-: "telunjuk" (index finger) <- tunjuk */
  KB_INFIX_EM, /**< -em-: "gemetar" (tremble) <- getar */
  KB_INFIX_ER, /**< -er-: "gerigi" (teeth of a saw) <- gigi */
  KB_INFIX_IN  /**< -in-: "kinerja" (performance) <- kerja */
} kb_infix;

/** Reduplication. */
typedef enum kb_redup {
  KB_REDUP_NONE = 0,
  KB_REDUP_FULL,   /**< "negara-negara" (countries): the root twice */
  KB_REDUP_AFFIXED, /**< "tembak-menembak" (exchange of fire),
                         "sebaik-baiknya" */
  KB_REDUP_PARTIAL  /**< the first syllable doubled: "lelembut" <- lembut,
                         "rerata" (average) <- rata */
} kb_redup;

/**
 * The hint the event coder reads: voice for verbs, noun for nominal
 * derivations.  Decided by the outermost prefix and the suffix.
 */
typedef enum kb_morph_class {
  KB_MORPH_NONE = 0,     /**< not a word (number, punctuation): not analysed */
  KB_MORPH_ROOT,         /**< a bare lexicon root: "serang", "presiden" */
  KB_MORPH_ACTIVE,       /**< meN-: "menyerang" (attacks); the subject is
                              the source */
  KB_MORPH_PASSIVE,      /**< di-, ku-, kau-: "diserang oleh Israel"
                              (attacked by Israel); the oleh-phrase is the
                              source */
  KB_MORPH_INTRANSITIVE, /**< ber-: "bertemu" (meet), "berunding" */
  KB_MORPH_STATIVE,      /**< ter-: "terpilih" (elected), "tertembak" (shot
                              by accident) */
  KB_MORPH_NOMINAL,      /**< -an, peN-, peN-...-an, per-...-an,
                              ke-...-an: "serangan" (an attack),
                              "penyerang" (attacker), "kunjungan" (a visit) */
  KB_MORPH_OTHER,        /**< other derivations: se- ("sebuah"), ke-
                              ("kedua"), bare -kan/-i ("lakukan", do it),
                              clitics only ("hatinya") */
  KB_MORPH_NAME,         /**< a proper name or acronym kept as it is
                              ("Putin", "DPR"): kb_doc_morph only */
  KB_MORPH_UNKNOWN       /**< no lexicon root fits: the root is the word */
} kb_morph_class;

/* kb_morph.flags bits. */
#define KB_MORPHF_KNOWN 0x1u    /**< the root is in the lexicon */
#define KB_MORPHF_COMPOUND 0x2u /**< a multi-word root: "tanda tangan" */

/**
 * One word's analysis.  The word is
 *   prefixes[0] + ... + prefixes[n_prefixes-1] + root (with infix) +
 *   suffix + possessive + particle,
 * e.g. "mempertanggungjawabkannya" = meN- + per- + "tanggung jawab" + -kan
 * + -nya.  `prefixes` lists the outermost prefix first.
 *
 * `root` is lower case when it comes from the lexicon (KB_MORPHF_KNOWN) and
 * then lives as long as the kb_dict; otherwise it is the word exactly as
 * given (points into the caller's word, or into the document's text).
 */
typedef struct kb_morph {
  kb_text root;
  kb_prefix prefixes[3];
  unsigned n_prefixes;
  kb_infix infix;
  kb_suffix suffix;
  kb_possessive possessive;
  kb_particle particle;
  kb_redup redup;
  kb_morph_class cls;
  unsigned flags; /**< KB_MORPHF_* */
} kb_morph;

/** kb_morph_analyse flag: bypass the memo (neither read nor fill it). */
#define KB_MORPH_NO_MEMO 0x1u

/**
 * Analyses one word without context (no proper-name guess: see
 * kb_doc_morph for that).  Case is ignored; "Mengirim" and "mengirim" give
 * the same analysis.
 *   dict: the lexicon; NULL means no lexicon, so every word is its own
 *         root (KB_MORPH_UNKNOWN).
 *   word: UTF-8, len bytes, not NUL-terminated.  Anything that is not a
 *         word of ASCII letters and inner hyphens ("2024", "Pétain") is
 *         its own root.
 *   out:  OUT: the analysis.
 * Returns KB_OK, or KB_EARG when word or out is NULL (with len > 0).
 * Memoised: the analysis of a word is computed once per kb_dict and then
 * looked up.  The root points into the dict or into `word`; nothing to
 * free.  Thread-safe: any number of threads may analyse with one dict (the
 * memo's reads take no lock).
 *
 * Example:
 *   kb_morph m;
 *   kb_morph_word(dict, "menandatangani", 14, &m);
 *   // m.root = "tanda tangan", m.prefixes[0] = KB_PREFIX_MEN,
 *   // m.suffix = KB_SUFFIX_I, m.cls = KB_MORPH_ACTIVE
 */
kb_status kb_morph_word(const kb_dict *dict, const char *word, size_t len,
                        kb_morph *out);

/**
 * kb_morph_word with flags: KB_MORPH_NO_MEMO analyses afresh (for
 * measuring the analyser itself).  Same results, ownership and
 * thread-safety as kb_morph_word.
 */
kb_status kb_morph_analyse(const kb_dict *dict, const char *word, size_t len,
                           unsigned flags, kb_morph *out);

/**
 * Writes the affixes of `m` as text into out (size bytes, NUL-terminated,
 * truncated when too small), in the order redup, prefixes, infix, suffix,
 * possessive, particle, separated by single spaces: "meN- -i",
 * "ter- -nya", "redup meN-", "" when there are none.  Returns the length
 * the full text needs (as snprintf does).  Thread-safe.
 */
size_t kb_morph_affixes(const kb_morph *m, char *out, size_t size);

/** The class's lower-case English name ("active", "passive", "nominal",
 *  ...).  Static string. */
const char *kb_morph_class_str(kb_morph_class cls);

/** A prefix's usual spelling ("meN-", "di-", "peN-"; "" for NONE). */
const char *kb_prefix_str(kb_prefix p);

/**
 * Runs the morph stage: one kb_morph per token (kb_doc_token_morph).
 * Runs kb_doc_segment first if it has not run.  Word tokens are analysed
 * with kb_morph_word; in addition, a capitalised word that does not start
 * its sentence and is not a lexicon word is taken for a proper name and
 * kept whole ("Putin", "Kediri", "Bekasi"; KB_MORPH_NAME) unless it
 * carries a clear derivation (meN-, peN-, per-, ber-, ter-, ke-/se-...-an:
 * "Kementerian" = ke-...-an + menteri), and so are all-capital acronyms
 * ("DPR").  In a headline, where every word is capitalised, and at the
 * start of a sentence only names the dictionary knows are kept.  Other
 * tokens get KB_MORPH_NONE with their text as root.
 *   dict: the lexicon (NULL: every root is its word).
 * Returns KB_OK or KB_ENOMEM.  Running it twice does nothing the second
 * time.  Results live in the document's arena.  Thread-safe for different
 * documents sharing one dict.
 */
kb_status kb_doc_morph(kb_doc *doc, const kb_dict *dict, kb_error *err);

/**
 * The i-th token's analysis (i < kb_doc_n_tokens), or NULL when the morph
 * stage has not run or i is out of range.
 */
const kb_morph *kb_doc_token_morph(const kb_doc *doc, size_t i);

/* ------------------------------------------------------------------------
 * Readers
 * ---------------------------------------------------------------------- */

/**
 * Reads documents from a path: a plain-text article (one document), a
 * JSON Lines file (one document per line; fields id, title, text, date,
 * outlet, url; unknown fields ignored), either of them gzip- or
 * zstd-compressed (recognised by their first bytes), a folder (recursively,
 * in name order; files ending in .txt, .jsonl, .ndjson, .html, .htm,
 * .warc and their .gz and .zst forms), or "-"
 * for standard input.  The format is sniffed from the content: a file
 * whose first non-blank byte is '{' is JSON Lines, one starting with an
 * HTML tag an HTML page (one document: the article, docs/HTML.md), one
 * starting "WARC/" a web archive (one document per HTML response).
 */
typedef struct kb_reader kb_reader;

/**
 * Opens a reader on `path`.  Returns KB_OK, or KB_EIO when the path cannot
 * be opened (err names it), or KB_ENOMEM.  Caller frees with
 * kb_reader_free.
 */
kb_status kb_reader_open(const char *path, kb_reader **out, kb_error *err);

/**
 * Reads the next document.
 * Returns:
 *   KB_OK       *out is a new document (caller frees with kb_doc_free);
 *   KB_DONE     no more documents;
 *   KB_EFORMAT, KB_EBINARY, KB_EIO, KB_EEMPTY
 *               one input (a file, or one JSON line) was skipped; err says
 *               which (input, line) and why; call again to go on;
 *   KB_ENOMEM   out of memory; the reader may go on.
 * KB_EEMPTY is a warning (an empty file), the others count as skipped.
 * On KB_OK from a JSON Lines file, err (when given) has the input and line
 * of the record, to locate the document's warnings.
 */
kb_status kb_reader_next(kb_reader *r, kb_doc **out, kb_error *err);

/** Frees a reader and closes its files.  Accepts NULL. */
void kb_reader_free(kb_reader *r);

/**
 * Which web pages (HTML files, WARC records) the reader keeps: "id" (the
 * default) only pages in Indonesian, "any" all.  Returns KB_OK or KB_EARG.
 */
kb_status kb_reader_set_lang(kb_reader *r, const char *lang);

/** Web pages skipped so far as not Indonesian (Malay or another). */
size_t kb_reader_n_skipped_lang(const kb_reader *r);

/* ------------------------------------------------------------------------
 * Stage: tag and code -- events
 *
 * Who did what to whom, when: actors found by the dictionaries (countries,
 * organisations, people with date-bounded roles, role words), verbs matched
 * on the morph stage's roots (data/verbs.txt), source and target taken from
 * the clause's voice ("Korea Utara mengirim ..." active: the subject is the
 * source; "... diserang oleh Israel" passive: the oleh-phrase is), dates
 * resolved against the reference date.  One kb_event per event mention.
 * Field names are those of the event record in docs/FORMATS.md.
 * ---------------------------------------------------------------------- */

/** Precision of an event date. */
typedef enum kb_date_precision {
  KB_DATE_NONE = 0, /**< no date: no expression and no reference date */
  KB_DATE_YEAR,     /**< "2024" */
  KB_DATE_MONTH,    /**< "2024-06" */
  KB_DATE_DAY       /**< "2024-03-18" */
} kb_date_precision;

/** One side of an event. */
typedef struct kb_actor {
  char code[16]; /**< CAMEO actor code: "PRKGOV", "RUS", "IGOUNO" */
  kb_text name;  /**< canonical name: "Kim Jong Un", "Rusia" */
  kb_text text;  /**< as written: "Pemimpin Korea Utara Kim Jong Un" */
  kb_span span;  /**< where it is written (may lie in an earlier sentence
                      for "kedua negara", "negara itu", "dia") */
} kb_actor;

/** GDELT's Geo_Type: how precise a location is. */
typedef enum kb_geo_type {
  KB_GEO_NONE = 0,    /**< no location */
  KB_GEO_COUNTRY = 1, /**< a country, placed at its capital */
  KB_GEO_CITY = 4,    /**< a city or landmark ("world city") */
  KB_GEO_ADM1 = 5     /**< a first-level division ("world state") */
} kb_geo_type;

/**
 * Where an event happened, or where an actor is (docs/FORMATS.md): a
 * gazetteer entry (data/gazetteer/) and the words that named it.
 */
typedef struct kb_location {
  kb_geo_type type;   /**< KB_GEO_NONE: all other fields are empty */
  kb_text name;       /**< GDELT's full name: "Pyongyang, Pyongyang, North
                           Korea", "Jawa Timur, Indonesia", "Russia" */
  char country[3];    /**< FIPS 10-4 country code (GDELT's): "KN" */
  char iso[3];        /**< ISO 3166-1 alpha-2: "KP"; "" for open sea */
  char adm1[12];      /**< FIPS country + first-level division: "ID08";
                           the country code alone for a country */
  double lat, lon;    /**< WGS84 degrees */
  char feature_id[24]; /**< stable id: the GeoNames id of a city, the
                            division code of an adm1 ("ID08"), the FIPS
                            code of a country, kabar's own id of a place
                            data/gazetteer/places_id.txt adds ("K:hormuz") */
  kb_text text;       /**< as written ("Pyongyang"); ptr NULL when the
                           location was inferred (an actor's country) */
  kb_span span;       /**< where it is written ({0,0} when inferred) */
} kb_location;

/** One coded event mention. */
typedef struct kb_event {
  size_t sentence;    /**< index of its sentence (kb_doc_sentence) */
  kb_block_kind part; /**< KB_BLOCK_BODY, _TITLE or _CAPTION */
  kb_actor source;
  kb_actor target;
  char code[5];       /**< CAMEO event code: "051" */
  char root[3];       /**< its two-digit root: "05" */
  int quad;           /**< QuadClass 1-4 (docs/FORMATS.md) */
  double goldstein;   /**< Goldstein scale value of the code */
  char date[11];      /**< "2024-03-18", "2024-06", "2024" or "" */
  kb_date_precision date_precision;
  kb_text attribution; /**< "KCNA", "laporan media pemerintah" (ptr NULL
                            when none) */
  int negated;         /**< "tidak menyerang": the event did not happen */
  int background;      /**< a past event recalled ("sejak invasi ...") */
  kb_text verb;        /**< the verb phrase as written */
  kb_span verb_span;
  kb_location location;   /**< ActionGeo: where it happened */
  kb_location source_geo; /**< Actor1Geo: where the source is */
  kb_location target_geo; /**< Actor2Geo: where the target is */
} kb_event;

/**
 * Runs the tag and code stages (and every stage before them that has not
 * run) and fills the document's events.
 *   dict: the dictionaries (required: without actors and verbs nothing
 *         can be coded; NULL gives KB_EARG).
 * Returns KB_OK, KB_EARG or KB_ENOMEM; the first call on a dict loaded
 * from a folder (kb_dict_load's data_dir) may also return KB_EIO or
 * KB_EFORMAT, with err naming the file and line, when its gazetteer files
 * (data/gazetteer/, read on first use) are missing or malformed.  Running
 * it twice does nothing the second time.  Results live in the document's
 * arena.  Thread-safe for different documents sharing one dict.
 */
kb_status kb_doc_code(kb_doc *doc, const kb_dict *dict,
                      const kb_options *opts, kb_error *err);

/** Number of events coded (0 before kb_doc_code). */
size_t kb_doc_n_events(const kb_doc *doc);

/** The i-th event, in sentence order. */
const kb_event *kb_doc_event(const kb_doc *doc, size_t i);

/** Output formats for events. */
typedef enum kb_format {
  KB_FORMAT_JSONL, /**< the event record, one JSON object per line */
  KB_FORMAT_GDELT, /**< GDELT 2.0 event table: 61 tab-separated columns */
  KB_FORMAT_CSV    /**< RFC 4180 with the JSON record's fields */
} kb_format;

/**
 * Renders all events of a coded document in `format`, one line each
 * ("\n"-terminated; CSV without its header: see kb_csv_header).
 * Returns KB_OK with a NUL-terminated string in *out (caller frees with
 * kb_free; "" when there are no events) and its length in *len (may be
 * NULL), or KB_ENOMEM / KB_EARG.
 */
kb_status kb_doc_events_format(const kb_doc *doc, kb_format format,
                               char **out, size_t *len);

/** The CSV header line (with its newline).  Static string. */
const char *kb_csv_header(void);

/* ------------------------------------------------------------------------
 * Store -- an event database (embedded SQLite)
 *
 * kabar ingest keeps what it codes in one SQLite file: articles (metadata,
 * text, sentences with spans), mentions (every coded event record) and
 * events (mentions of one real-world event merged across sentences and
 * articles, with GDELT's NumMentions, NumArticles and NumSources), a
 * full-text index, near-duplicate links and date conflicts.  The schema,
 * the merging rules and the thresholds are in docs/STORE.md; the tables
 * are plain enough to read with the sqlite3 shell, Datasette or pandas.
 *
 * Queries come back as rows (kb_rows): a cursor over one result, whose
 * columns carry the event record's field names (docs/FORMATS.md; nested
 * fields are spelt "source.code"), rendered by kb_rows_format.
 *
 * A kb_store is used by one thread at a time.  Any number of processes
 * may read one database while one process writes it (WAL mode).
 * ---------------------------------------------------------------------- */

/** An open event database. */
typedef struct kb_store kb_store;

/** kb_store_open flag: open for queries only (the file must exist). */
#define KB_STORE_READONLY 0x1u

/**
 * Opens (or creates) the database at `path`, upgrading an older schema
 * (PRAGMA user_version) to this version's in one transaction.
 *   path:  a file name; ":memory:" gives a private in-memory database;
 *          a libpq URI (postgresql://, postgres://) a PostgreSQL one,
 *          for queries only (the kb_store_ingest_* and kb_store_find_doc
 *          give KB_EARG; `kabar ingest` writes it; docs/SCALE.md).
 *   flags: KB_STORE_* bits, 0 to read and write.
 *   out:   OUT: the handle.
 * Returns KB_OK, KB_EIO (the file cannot be opened or created; with
 * KB_STORE_READONLY also when it does not exist), KB_EDB (not a kabar
 * database, or one made by a newer kabar; err->msg says which) or
 * KB_ENOMEM.  Caller closes with kb_store_close.
 */
kb_status kb_store_open(const char *path, unsigned flags, kb_store **out,
                        kb_error *err);

/**
 * Closes the database, rolling back a batch that was begun and not
 * committed.  Accepts NULL.
 */
void kb_store_close(kb_store *store);

/**
 * Begins an ingest batch: everything ingested until kb_store_commit is
 * one transaction, so that a crash (kill -9, power loss with the disk's
 * help) loses the whole batch or nothing, and re-ingesting the same input
 * completes it.  Without a batch, each kb_store_ingest_doc is its own
 * transaction.  Returns KB_OK, KB_EARG (a batch is already open) or
 * KB_EDB (the database is locked by another writer past the busy
 * timeout, or failed).
 */
kb_status kb_store_begin(kb_store *store, kb_error *err);

/** Commits the open batch.  Returns KB_OK, KB_EARG (none open), KB_EDB. */
kb_status kb_store_commit(kb_store *store, kb_error *err);

/** Rolls the open batch back.  Returns KB_OK or KB_EARG (none open). */
kb_status kb_store_rollback(kb_store *store, kb_error *err);

/** What kb_store_ingest_doc did with one article. */
typedef struct kb_ingest_info {
  int is_new;             /**< 0: the article was already stored; nothing
                               was added */
  long long article;      /**< its row id in `articles` */
  long long duplicate_of; /**< a near-duplicate of this article (the
                              first of its cluster), or 0 */
  size_t n_mentions;      /**< mentions stored */
  size_t n_new_events;    /**< events it created (the rest merged) */
  size_t n_claims;        /**< dated claims recorded (docs/STORE.md) */
  size_t n_conflicts;     /**< new date conflicts it revealed */
} kb_ingest_info;

/**
 * Stores one article: codes it (kb_doc_code, unless already coded), then
 * writes its metadata, text, sentences, mentions, and merges each mention
 * into an event.  An article already stored (same content hash over id,
 * url, title and text) adds nothing: info->is_new is 0.
 *   dict: the dictionaries (required).  The first dict given to a handle
 *         also stems its full-text index, so it must outlive the handle.
 *   opts: pipeline options, NULL for KB_OPTIONS_INIT.
 *   info: OUT: what happened (may be NULL).
 * Returns KB_OK, KB_EARG, KB_ENOMEM or KB_EDB.  A failure while coding
 * writes nothing and a batch goes on; a failure while writing (KB_EDB, or
 * KB_ENOMEM inside SQLite) spoils the open batch: every later call fails
 * and kb_store_commit rolls it back, so call kb_store_rollback.
 * Not thread-safe: one writer per handle.
 */
kb_status kb_store_ingest_doc(kb_store *store, kb_doc *doc, const kb_dict *dict,
                              const kb_options *opts, kb_ingest_info *info,
                              kb_error *err);

/**
 * Whether an article is already stored, by the identity kb_store_ingest_doc
 * checks (a content hash over id, url, title and text), without coding
 * it: a pipeline can skip coding what the store would not add.  Works on
 * a read-only handle too (which sees committed batches only).
 *   article: OUT: its row id, or 0 when it is not stored.
 * Returns KB_OK, KB_EARG or KB_EDB.
 */
kb_status kb_store_find_doc(kb_store *store, const kb_doc *doc,
                            long long *article, kb_error *err);

/**
 * What storing an article needs from it that no database does: its
 * identity hash, near-duplicate signature, cleaned body and the tokens of
 * the full-text index.
 */
typedef struct kb_store_prep kb_store_prep;

/**
 * Codes the document (kb_doc_code, unless already coded) and makes its
 * kb_store_prep, for kb_store_ingest_prepared.  Touches only doc and the
 * shared, immutable dict, so it runs on any thread: a pipeline prepares
 * the next articles on other threads while one thread stores (what
 * `kabar ingest` does).  The database is the same as with
 * kb_store_ingest_doc.
 *   out: OUT: the prep; caller frees with kb_store_prep_free (after the
 *        document's ingest).
 * Returns what kb_doc_code returns (KB_OK, KB_EARG, KB_ENOMEM, ...).
 */
kb_status kb_store_prepare(kb_doc *doc, const kb_dict *dict,
                           const kb_options *opts, kb_store_prep **out,
                           kb_error *err);

/** Frees a kb_store_prep.  Accepts NULL. */
void kb_store_prep_free(kb_store_prep *prep);

/**
 * kb_store_ingest_doc for a document that kb_store_prepare prepared
 * (with the same dict); prep NULL does the work here.
 */
kb_status kb_store_ingest_prepared(kb_store *store, kb_doc *doc,
                                   const kb_store_prep *prep,
                                   const kb_dict *dict, const kb_options *opts,
                                   kb_ingest_info *info, kb_error *err);

/** Row counts of the main tables. */
typedef struct kb_store_totals {
  long long articles;
  long long near_duplicates; /**< articles linked to an earlier copy */
  long long sentences;
  long long mentions;
  long long events;
  long long conflicts;
  char updated[24]; /**< when the last article was stored, UTC,
                         "2024-03-20T10:00:00Z" ("" when empty) */
} kb_store_totals;

/** Fills *out with the row counts.  Returns KB_OK or KB_EDB. */
kb_status kb_store_totals_get(kb_store *store, kb_store_totals *out,
                              kb_error *err);

/** A cursor over the rows of one query.  Not shareable across threads. */
typedef struct kb_rows kb_rows;

/**
 * Filters for kb_store_events and kb_store_dyads.  Start from
 * KB_QUERY_INIT; NULL and 0 mean "any".  Codes match as prefixes: actor
 * "RUS" matches "RUS" and "RUSGOV"; code "05" every 05x event.  Dates are
 * "YYYY-MM-DD"; an event matches when its date range overlaps [from, to].
 */
typedef struct kb_query {
  const char *actor;  /**< source or target code prefix */
  const char *source; /**< source code prefix */
  const char *target; /**< target code prefix */
  const char *code;   /**< CAMEO event code prefix */
  const char *root;   /**< CAMEO root, "05" */
  int quad;           /**< QuadClass 1-4, 0 any */
  const char *from;
  const char *to;
  long long min_sources; /**< NumSources at least */
  long long limit;       /**< at most this many rows, 0 no limit */
  unsigned flags;        /**< KB_QUERY_* */
  const char *country;   /**< location country, FIPS 10-4 as in GDELT
                              ("RS", "KN", "ID"); kb_store_events only */
  double near_lat, near_lon; /**< with near_km > 0: the event's location */
  double near_km;            /**< lies within near_km of this point */
  /** Keyset paging of kb_store_events: only the events after the event
   *  (after_date, after_id) in (date, id) order; after_id 0: from the
   *  first.  after_date is that event's date ("2024", "2024-03",
   *  "2024-03-18"), NULL when it had none (undated events come first). */
  const char *after_date;
  long long after_id;
} kb_query;

/** kb_query flag: include negated events ("tidak menyerang"). */
#define KB_QUERY_NEGATED 0x1u

#define KB_QUERY_INIT                                                          \
  {NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0u, NULL, 0, 0, 0, NULL, 0}

/**
 * Merged events matching `q` (NULL: all), by date then id.  Columns: id,
 * source.code, source.name, source.country, target.code, target.name,
 * target.country, code, base_code, root, quad, goldstein, date,
 * date_precision, num_mentions, num_articles, num_sources, background,
 * negated, is_root, date_added, doc, url (the first article's),
 * location.type, location.name, location.country, location.adm1,
 * location.lat, location.lon, location.feature_id (where it happened: its
 * first mention's location; null when none).
 * Returns KB_OK and *out (caller frees with kb_rows_free), KB_EARG (a bad
 * date) or KB_EDB.
 */
kb_status kb_store_events(kb_store *store, const kb_query *q, kb_rows **out,
                          kb_error *err);

/**
 * The mentions (evidence) of event `event` (0: of every event, by event),
 * in ingest order.  Columns: event, id (the record id of kabar code), doc,
 * url, outlet, near_duplicate, sentence_index, sentence, span.start,
 * span.end, part, source.code, source.name, source.text, target.code,
 * target.name, target.text, code, root, quad, goldstein, date,
 * date_precision, attribution, negated, background, verb, is_root,
 * published, doc_len, verb_start, source_start, target_start.
 * Returns KB_OK (caller frees *out with kb_rows_free) or KB_EDB.
 */
kb_status kb_store_mentions(kb_store *store, long long event, kb_rows **out,
                            kb_error *err);

/**
 * One event by id (negated ones too), with the columns of
 * kb_store_events: no row when there is none.  Returns KB_OK (caller
 * frees *out) or KB_EDB.
 */
kb_status kb_store_event(kb_store *store, long long id, kb_rows **out,
                         kb_error *err);

/**
 * The evidence of an event or of an article: the mentions of event
 * `event` (when > 0) and of article `article` (when > 0), in ingest
 * order, with the columns of kb_store_mentions and then: article (its
 * id), text (the sentence's bytes of the article text, which every span
 * points into), source_end, target_end, verb_end.  Returns KB_OK (caller
 * frees *out) or KB_EDB.
 */
kb_status kb_store_evidence(kb_store *store, long long event, long long article,
                            kb_rows **out, kb_error *err);

/**
 * One article by id: id, doc, url, title, outlet, author, published,
 * reference_date, cluster, n_sentences, n_mentions, text (the text every
 * span points into); no row when there is none.  Returns KB_OK (caller
 * frees *out) or KB_EDB.
 */
kb_status kb_store_article(kb_store *store, long long id, kb_rows **out,
                           kb_error *err);

/**
 * The sentences of article `id` in order: index, part, span.start,
 * span.end (bytes of its text).  Returns KB_OK (caller frees *out) or
 * KB_EDB.
 */
kb_status kb_store_sentences(kb_store *store, long long id, kb_rows **out,
                             kb_error *err);

/** kb_store_actors flag: count whole countries (source.country), not
 *  actor codes. */
#define KB_ACTORS_COUNTRY 0x1u

/**
 * The actors of the events matching `q` (NULL: all), most events first:
 * code, name, events, mentions, as_source, as_target, goldstein (sum).
 * An event counts for its source and its target; q->limit caps the rows.
 * Returns KB_OK (caller frees *out), KB_EARG or KB_EDB.
 */
kb_status kb_store_actors(kb_store *store, const kb_query *q, unsigned flags,
                          kb_rows **out, kb_error *err);

/** kb_store_search flag: pass the query to SQLite FTS5 as written
 *  (AND, OR, NOT, "phrases", prefix*) instead of matching every word. */
#define KB_SEARCH_RAW 0x1u

/**
 * Full-text search over the articles' titles and cleaned text, words
 * matched by their Indonesian stem (Snowball): "serangan" finds
 * "menyerang".  Columns: rank (BM25, lower is better), article, doc,
 * title, outlet, url, published, events (merged events it mentions),
 * mentions, snippet (the best passage, matches in [brackets]).
 * Returns KB_OK (caller frees *out), KB_EARG (an empty or, with
 * KB_SEARCH_RAW, malformed query) or KB_EDB.
 */
kb_status kb_store_search(kb_store *store, const char *query, unsigned flags,
                          long long limit, kb_rows **out, kb_error *err);

/** Periods for kb_store_dyads. */
typedef enum kb_period {
  KB_PERIOD_DAY,
  KB_PERIOD_WEEK, /**< labelled by its Monday, "2024-03-18" */
  KB_PERIOD_MONTH, /**< "2024-03" */
  KB_PERIOD_ALL    /**< one period, "all": totals per dyad */
} kb_period;

/**
 * Event counts and summed Goldstein values per (source country, target
 * country, period): the time series analysts plot.  An event counts once,
 * in the period of its date (a month- or year-precision date counts on its
 * first day, as in GDELT).  The filters of `q` apply (NULL: none).
 * Columns: period, source, target, events, mentions, goldstein (sum),
 * goldstein_mean.
 * Returns KB_OK (caller frees *out), KB_EARG or KB_EDB.
 */
kb_status kb_store_dyads(kb_store *store, const kb_query *q, kb_period by,
                         kb_rows **out, kb_error *err);

/**
 * Date conflicts: articles asserting incompatible dates for the same
 * event (docs/STORE.md), with one evidence sentence from each side.
 * Columns: id, kind, subject, a.date, a.claims, a.doc, a.url,
 * a.sentence, b.date, b.claims, b.doc, b.url, b.sentence.
 * Returns KB_OK (caller frees *out) or KB_EDB.
 */
kb_status kb_store_conflicts(kb_store *store, kb_rows **out, kb_error *err);

/**
 * Steps to the next row.  Returns KB_OK (a row is there), KB_DONE (no
 * more), or KB_EDB.
 */
kb_status kb_rows_next(kb_rows *rows, kb_error *err);

/** Number of columns. */
size_t kb_rows_n_columns(const kb_rows *rows);

/** The i-th column's name ("source.code").  Static string. */
const char *kb_rows_name(const kb_rows *rows, size_t i);

/**
 * The i-th column of the current row as text (numbers formatted as the
 * JSON record writes them); ptr NULL for an SQL NULL.  Valid until the
 * next kb_rows_next.
 */
kb_text kb_rows_text(kb_rows *rows, size_t i);

/** The i-th column as an integer (0 for NULL or text). */
long long kb_rows_int(kb_rows *rows, size_t i);

/**
 * Renders the current row, "\n"-terminated (CSV: "\r\n"):
 *   KB_FORMAT_JSONL  one JSON object; "a.b" columns nest as {"a":{"b":..}},
 *                    span.start/span.end as "span":[start,end];
 *   KB_FORMAT_CSV    RFC 4180 (header: kb_rows_csv_header);
 *   KB_FORMAT_GDELT  the GDELT 2.0 event table's 61 columns (rows of
 *                    kb_store_events) or the mention table's 16 (rows of
 *                    kb_store_mentions); KB_EARG for other rows.
 * Returns KB_OK with a NUL-terminated string in *out that lives until the
 * next call on `rows` (do not free it) and its length in *len (may be
 * NULL), or KB_EARG / KB_ENOMEM.
 */
kb_status kb_rows_format(kb_rows *rows, kb_format format, const char **out,
                         size_t *len);

/** The CSV header line of these rows ("." in names becomes "_"), "\r\n"
 *  terminated; lives as long as `rows`.  NULL when out of memory. */
const char *kb_rows_csv_header(kb_rows *rows);

/** Frees a cursor.  Accepts NULL. */
void kb_rows_free(kb_rows *rows);

/* ------------------------------------------------------------------------
 * Output
 * ---------------------------------------------------------------------- */

/** Options for kb_doc_to_json. */
#define KB_JSON_TOKENS 0x1u /**< include each sentence's tokens */

/**
 * Renders the parsed document as one line of JSON (no newline): doc, title,
 * outlet, author, published, dateline, reference_date, captions,
 * sentences [{text, span}], warnings.  See docs/FORMATS.md.
 * Returns KB_OK and a NUL-terminated string in *out (caller frees with
 * kb_free), its length in *len (may be NULL), or KB_ENOMEM.
 */
kb_status kb_doc_to_json(const kb_doc *doc, unsigned flags, char **out,
                         size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* KABAR_H */
