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
 *     any stage runs, so offsets are into the repaired text.
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
 * Not thread-safe: call it once, at start-up.
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
 * replaced by U+FFFD (and counted in a warning).  `id` may be NULL.
 * Returns KB_OK, KB_EBINARY (the text holds a NUL byte), or KB_ENOMEM.
 * Caller frees with kb_doc_free.
 */
kb_status kb_doc_new(const char *id, size_t id_len, const char *text,
                     size_t len, kb_doc **out);

/** Frees a document and everything any stage made for it.  Accepts NULL. */
void kb_doc_free(kb_doc *doc);

/** Metadata a reader may know before cleaning (JSON Lines fields). */
typedef enum kb_field {
  KB_FIELD_TITLE,
  KB_FIELD_DATE,   /**< the record's date, "YYYY-MM-DD" or longer */
  KB_FIELD_OUTLET, /**< publisher, e.g. "detik.com" */
  KB_FIELD_URL,
  KB_FIELD_INPUT, /**< the file the document came from ("-" for stdin) */
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
 * Runs every stage available on the document: clean, then segment.
 * Returns the first failing stage's status.
 */
kb_status kb_doc_parse(kb_doc *doc, const kb_dict *dict,
                       const kb_options *opts, kb_error *err);

/* ------------------------------------------------------------------------
 * Readers
 * ---------------------------------------------------------------------- */

/**
 * Reads documents from a path: a plain-text article (one document), a
 * JSON Lines file (one document per line; fields id, title, text, date,
 * outlet, url; unknown fields ignored), either of them gzip-compressed, a
 * folder (recursively, in name order; files ending in .txt, .jsonl,
 * .jsonl.gz, .txt.gz), or "-" for standard input.  The format is sniffed
 * from the content: a file whose first non-blank byte is '{' is JSON Lines.
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
 */
kb_status kb_reader_next(kb_reader *r, kb_doc **out, kb_error *err);

/** Frees a reader and closes its files.  Accepts NULL. */
void kb_reader_free(kb_reader *r);

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
