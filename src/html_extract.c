/*
 * html_extract.c -- one HTML page -> title, outlet, author, published time,
 * URL, captions and the main text (the rules: docs/HTML.md).
 *
 * Input: the page's bytes (any charset libxml2/iconv knows).  Output: an
 * html_article (html_extract.h) whose text every offset points into.
 *
 * Three passes over libxml2's tree (HTML parser, recover mode, no
 * network):
 *   1. collect: metadata (<meta>, <link rel=canonical>, JSON-LD,
 *      itemprop), headings, the visible text nodes in order, and per
 *      element its visible text and link text;
 *   2. score: every run of text of 25 bytes or more scores its block
 *      (1 + commas + length/100, at most 3 for length), its parent fully
 *      and its grandparent half; an element's score is scaled by
 *      (1 - link density) and moved by its class and id ("content",
 *      "artikel" up; "comment", "sidebar" down); the best is the article;
 *   3. render: the article's subtree as innerText would show it (block
 *      elements and <br> end paragraphs), leaving out furniture
 *      (nav/aside/footer/script/style/forms, ads, "Baca juga" and related
 *      lists by class or by link density), then paragraph rules:
 *      labels ("Baca juga", "Editor:", "COPYRIGHT"), sign-offs
 *      ("(fyk/ash)"), a dateline alone ("Jakarta -") joined to the next.
 *
 * Metadata are general rules only (no per-site code): title = the
 * <h1>/<h2> that matches og:title or <title>, else those minus the site
 * name; published = the printed date nearest the headline, else
 * article:published_time / JSON-LD datePublished / <time datetime>;
 * author = a labelled byline (Pewarta:, Penulis, Oleh, By, Reporter), an
 * element marked author/byline, JSON-LD author, or an all-capitals
 * sign-off name; URL = canonical, og:url, itemprop=url.
 *
 * References: libxml2 HTMLparser; the Readability content-scoring idea
 * (Arc90, 2009); WHATWG Encoding (windows-1252 for latin-1 labels).
 */
#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean.h"
#include "kabar.h"
#include "html_extract.h"
#include "util/alloc.h"
#include "util/utf8.h"

#define MAX_TEXTS 200000u

/* ---- small string helpers --------------------------------------------- */

static int is_space_byte(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* Length of the white space (ASCII or U+00A0) at s, 0 if none. */
static size_t space_at(const char *s, size_t n) {
  if (n && is_space_byte((unsigned char)s[0]))
    return 1;
  if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
    return 2;
  return 0;
}

/* Element names come lower case from libxml2's HTML parser. */
static int name_is(const xmlNode *n, const char *tag) {
  return n->name && strcmp((const char *)n->name, tag) == 0;
}

static int starts_with_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && strncasecmp(s, p, k) == 0;
}

/* ---- element kinds ---------------------------------------------------- */

/* Never visible text. */
static const char *const hidden_tags[] = {
    "script", "style",  "noscript", "iframe",   "object", "embed",
    "svg",    "template", "select", "button",   "textarea", "input",
    "nav",    "aside",  "footer",   "head",     "title",  "meta",
    "link",   "map",    "audio",    "video",    "canvas", "ins",
    NULL};

/* Elements that start and end a paragraph. */
static const char *const block_tags[] = {
    "p",       "div",    "td",     "th",     "li",      "ul",     "ol",
    "dl",      "dd",     "dt",     "h1",     "h2",      "h3",     "h4",
    "h5",      "h6",     "article", "section", "main",  "header", "blockquote",
    "pre",     "table",  "tr",     "tbody",  "thead",   "figure", "figcaption",
    "center",  "form",   "address", "hr",    "body",    "caption", NULL};

/* Blocks whose text counts for their parent (paragraph-like). */
static const char *const para_tags[] = {"p", "li", "blockquote", "pre", "h2",
                                        "h3", "h4", "h5", "h6", "dd", NULL};

enum { TF_HIDDEN = 1, TF_BLOCK = 2, TF_PARA = 4 };

typedef struct tag_kind {
  const char *name;
  unsigned char flags;
} tag_kind;

/* hidden_tags, block_tags and para_tags as one sorted table (element
 * names come lower case from libxml2's HTML parser). */
static tag_kind tag_table[96];
static size_t n_tag_table;

static int cmp_tag(const void *a, const void *b) {
  return strcmp(((const tag_kind *)a)->name, ((const tag_kind *)b)->name);
}

static void add_tags(const char *const *list, unsigned char flag) {
  size_t i, k;
  for (i = 0; list[i]; i++) {
    for (k = 0; k < n_tag_table; k++)
      if (strcmp(tag_table[k].name, list[i]) == 0)
        break;
    if (k == n_tag_table) {
      tag_table[n_tag_table].name = list[i];
      tag_table[n_tag_table++].flags = 0;
    }
    tag_table[k].flags |= flag;
  }
}

static void init_tags(void) {
  add_tags(hidden_tags, TF_HIDDEN);
  add_tags(block_tags, TF_BLOCK);
  add_tags(para_tags, TF_PARA);
  qsort(tag_table, n_tag_table, sizeof *tag_table, cmp_tag);
}

static unsigned tag_flags(const xmlNode *n) {
  tag_kind key, *hit;
  if (n->name == NULL)
    return 0;
  key.name = (const char *)n->name;
  key.flags = 0;
  hit = bsearch(&key, tag_table, n_tag_table, sizeof *tag_table, cmp_tag);
  return hit ? hit->flags : 0;
}

/* Class and id words ("kcm-read-text" -> kcm, read, text), any case. */
/* Page furniture: a word starting with one of these, or equal to one. */
static const char *const neg_prefix[] = {
    "baca",     "related",  "terkait", "share",   "social", "sosmed",
    "comment",  "komentar", "disqus",  "sidebar", "widget", "breadcrumb",
    "footer",   "navbar",   "menu",    "iklan",   "advert", "banner",
    "promo",    "newsletter", "popular", "populer", "terpopuler",
    "rekomendasi", "recommend", "sponsor", "outbrain", "taboola",
    "pagination", "paging", "rating",  "subscribe", "lainnya", "topik",
    "trending", "hashtag", "follow",  "masthead", "copyright", NULL};
static const char *const neg_exact[] = {"ad",  "ads",  "adv", "nav",  "tag",
                                        "tags", "meta", "date", "author",
                                        "byline", "hide", "hidden", "tdp",
                                        "print", "email", "social", NULL};
/* Article containers. */
static const char *const pos_prefix[] = {"article", "artikel", "content",
                                         "konten",  "entry",   "story",
                                         "detail",  "berita",  "isi",
                                         "body",    "text",    "post",
                                         "main",    "read",    NULL};
static const char *const caption_prefix[] = {"caption", "keterangan",
                                             "figcaption", "pic_caption",
                                             NULL};
static const char *const caption_exact[] = {"ket", "credit", "kredit", NULL};
static const char *const author_exact[] = {"author",     "byline", "reporter",
                                           "nmreporter", "penulis", "writer",
                                           "autor",      "jurnalis", NULL};
static const char *const title_prefix[] = {"title", "judul", "jdl",
                                           "headline", NULL};
/* Photo and video boxes (an "author" inside is the photographer). */
static const char *const media_prefix[] = {"photo", "foto", "image", "img",
                                           "gallery", "galeri", "video",
                                           "thumb", NULL};

/* ---- the extractor's state -------------------------------------------- */

typedef struct estat {
  xmlNode *node;
  size_t text, link;  /* visible bytes below, of which inside <a> */
  size_t direct;      /* bytes of text whose nearest block is this one */
  size_t commas;      /* commas and full stops in those */
  double score;
  int hidden;         /* furniture: left out of text and render */
  int neg;            /* class or id says furniture ("baca-juga", "ads") */
  unsigned char tf;   /* TF_* of its tag */
  unsigned char cls;  /* CW_* of its class and id words */
} estat;

typedef struct para {
  size_t start, end, link;
  long line;
  int is_caption;
} para;

typedef struct ex {
  html_article *a;
  int failed;
  estat *st;
  size_t n_st, cap_st;
  xmlNode **texts; /* visible text nodes in order */
  size_t n_texts, cap_texts;
  xmlNode *heads[32];
  size_t n_heads;
  /* metadata candidates (owned, malloc via xmlStrdup/xmlFree) */
  xmlChar *og_title, *title_tag, *og_site, *canonical, *og_url, *item_url,
      *pub_meta, *pub_ld, *pub_time, *author_ld;
  xmlNode *title_node;
  struct {
    char name[128];
    size_t count;
  } link_domains[32]; /* hosts of absolute links, for the outlet */
  size_t n_link_domains;
  /* render */
  buf scratch;
  para *paras;
  size_t n_paras, cap_paras;
  size_t cur_start, cur_link;
  long cur_line;
  int in_link, in_caption;
  xmlNode *caption_root;
  /* tracing text to the page (page_trace): the page as given, where each
   * of its lines starts, how far the tracing has gone, and the runs of
   * `scratch` traced so far (html_piece with scratch offsets) */
  const char *page;
  size_t page_len;
  size_t *line_starts;
  size_t n_lines;
  size_t page_cursor;
  int page_converted; /* the parser read a charset conversion of it */
  html_piece *pieces;
  size_t n_pieces, cap_pieces;
} ex;

/* ---- class and id words, looked up once per element -------------------- */

enum {
  CW_NEG = 1,
  CW_POS = 2,
  CW_CAPTION = 4,
  CW_AUTHOR = 8,
  CW_TITLE = 16,
  CW_MEDIA = 32
};

/* The word lists of negative_word & co. in one hash table: a word is
 * looked up whole (exact entries) and by each prefix length that a
 * prefix entry has. */
typedef struct cw_entry {
  char w[16];
  unsigned char len, prefix, bits, used;
} cw_entry;

static cw_entry cw_table[512];
static unsigned char cw_lens[16];
static size_t n_cw_lens;

static unsigned cw_hash(const char *w, size_t n, int prefix) {
  unsigned h = 2166136261u ^ (unsigned)prefix;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ (unsigned char)w[i]) * 16777619u;
  return h;
}

static cw_entry *cw_slot(const char *w, size_t n, int prefix, int add) {
  unsigned i = cw_hash(w, n, prefix) & 511u;
  for (;; i = (i + 1) & 511u) {
    cw_entry *e = &cw_table[i];
    if (!e->used)
      return add ? e : NULL;
    if (e->len == n && e->prefix == prefix && memcmp(e->w, w, n) == 0)
      return e;
  }
}

static void cw_add(const char *const *list, int prefix, unsigned bits) {
  size_t i, k;
  for (i = 0; list[i]; i++) {
    size_t n = strlen(list[i]);
    cw_entry *e;
    if (n >= sizeof cw_table[0].w)
      continue;
    e = cw_slot(list[i], n, prefix, 1);
    if (!e->used) {
      memcpy(e->w, list[i], n);
      e->len = (unsigned char)n;
      e->prefix = (unsigned char)prefix;
      e->used = 1;
    }
    e->bits |= (unsigned char)bits;
    if (prefix) {
      for (k = 0; k < n_cw_lens && cw_lens[k] != n; k++)
        ;
      if (k == n_cw_lens && n_cw_lens < sizeof cw_lens)
        cw_lens[n_cw_lens++] = (unsigned char)n;
    }
  }
}

static void init_class_words(void) {
  cw_add(neg_prefix, 1, CW_NEG);
  cw_add(neg_exact, 0, CW_NEG);
  cw_add(pos_prefix, 1, CW_POS);
  cw_add(caption_prefix, 1, CW_CAPTION);
  cw_add(caption_exact, 0, CW_CAPTION);
  cw_add(author_exact, 0, CW_AUTHOR);
  cw_add(title_prefix, 1, CW_TITLE);
  cw_add(media_prefix, 1, CW_MEDIA);
}

/* CW_* bits of one lower-case word. */
static unsigned word_bits(const char *w, size_t n) {
  unsigned bits = 0;
  size_t k;
  cw_entry *e;
  if (n < sizeof cw_table[0].w && (e = cw_slot(w, n, 0, 0)) != NULL)
    bits |= e->bits;
  for (k = 0; k < n_cw_lens; k++)
    if (cw_lens[k] <= n && (e = cw_slot(w, cw_lens[k], 1, 0)) != NULL)
      bits |= e->bits;
  return bits;
}

/* CW_* bits of an element's class and id words. */
static unsigned class_bits(const xmlNode *node) {
  const xmlAttr *at;
  unsigned bits = 0;
  for (at = node->properties; at; at = at->next) {
    const char *s;
    if (at->name == NULL || at->children == NULL ||
        at->children->content == NULL ||
        (strcmp((const char *)at->name, "class") != 0 &&
         strcmp((const char *)at->name, "id") != 0))
      continue;
    s = (const char *)at->children->content;
    while (*s) {
      char w[32];
      size_t k = 0;
      while (*s && !isalnum((unsigned char)*s))
        s++;
      while (*s && isalnum((unsigned char)*s)) {
        if (k < sizeof w - 1)
          w[k++] = (char)tolower((unsigned char)*s);
        s++;
      }
      if (k)
        bits |= word_bits(w, k);
    }
  }
  return bits;
}

static estat *stat_of(const ex *e, const xmlNode *n) {
  uintptr_t i = (uintptr_t)n->_private;
  return i ? &e->st[i - 1] : NULL;
}

static void set_meta(xmlChar **slot, const xmlChar *v) {
  if (*slot == NULL && v && *v)
    *slot = xmlStrdup(v);
}

/* JSON-LD: datePublished and the author's name, searched two levels deep
 * (objects, @graph arrays). */
static void read_ld(ex *e, json_t *j, int depth) {
  size_t i;
  json_t *v;
  const char *k;
  if (depth > 3 || j == NULL)
    return;
  if (json_is_array(j)) {
    json_array_foreach(j, i, v) read_ld(e, v, depth + 1);
    return;
  }
  if (!json_is_object(j))
    return;
  v = json_object_get(j, "datePublished");
  if (json_is_string(v))
    set_meta(&e->pub_ld, (const xmlChar *)json_string_value(v));
  v = json_object_get(j, "author");
  if (json_is_array(v))
    v = json_array_get(v, 0);
  if (json_is_object(v))
    v = json_object_get(v, "name");
  if (json_is_string(v))
    set_meta(&e->author_ld, (const xmlChar *)json_string_value(v));
  json_object_foreach(j, k, v) {
    if (strcmp(k, "@graph") == 0)
      read_ld(e, v, depth + 1);
  }
}

static int image_url(const char *u) {
  static const char *const ext[] = {".png", ".jpg", ".jpeg", ".gif", ".svg",
                                    ".webp", ".ico", NULL};
  size_t n = strlen(u), i;
  for (i = 0; ext[i]; i++) {
    size_t k = strlen(ext[i]);
    if (n >= k && strcasecmp(u + n - k, ext[i]) == 0)
      return 1;
  }
  return 0;
}

static void count_link_domain(ex *e, const char *href) {
  char dom[128];
  size_t n, i;
  if (strncasecmp(href, "http://", 7) != 0 &&
      strncasecmp(href, "https://", 8) != 0)
    return;
  n = html_url_domain(href, dom, sizeof dom);
  if (n == 0)
    return;
  for (i = 0; i < e->n_link_domains; i++)
    if (strcmp(e->link_domains[i].name, dom) == 0) {
      e->link_domains[i].count++;
      return;
    }
  if (e->n_link_domains < sizeof e->link_domains / sizeof e->link_domains[0]) {
    memcpy(e->link_domains[e->n_link_domains].name, dom, n + 1);
    e->link_domains[e->n_link_domains++].count = 1;
  }
}

static void collect_meta_tag(ex *e, xmlNode *n) {
  xmlChar *prop = xmlGetProp(n, (const xmlChar *)"property");
  xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
  xmlChar *item = xmlGetProp(n, (const xmlChar *)"itemprop");
  xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
  const char *key = prop ? (const char *)prop : (const char *)name;
  if (content) {
    if (key && strcasecmp(key, "og:title") == 0)
      set_meta(&e->og_title, content);
    else if (key && strcasecmp(key, "og:site_name") == 0)
      set_meta(&e->og_site, content);
    else if (key && strcasecmp(key, "og:url") == 0)
      set_meta(&e->og_url, content);
    else if (key && strcasecmp(key, "article:published_time") == 0)
      set_meta(&e->pub_meta, content);
    if (item && strcasecmp((const char *)item, "datePublished") == 0)
      set_meta(&e->pub_meta, content);
    if (item && strcasecmp((const char *)item, "url") == 0 &&
        !image_url((const char *)content))
      set_meta(&e->item_url, content);
  } else if (item && strcasecmp((const char *)item, "url") == 0) {
    /* <meta itemprop="url" href="..."> is met too */
    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
    if (href && !image_url((const char *)href))
      set_meta(&e->item_url, href);
    xmlFree(href);
  }
  xmlFree(prop);
  xmlFree(name);
  xmlFree(item);
  xmlFree(content);
}

static void collect_element(ex *e, xmlNode *n, const estat *st) {
  xmlChar *v;
  if (name_is(n, "meta")) {
    collect_meta_tag(e, n);
  } else if (name_is(n, "link")) {
    xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
    if (rel && strcasecmp((const char *)rel, "canonical") == 0) {
      v = xmlGetProp(n, (const xmlChar *)"href");
      set_meta(&e->canonical, v);
      xmlFree(v);
    }
    xmlFree(rel);
  } else if (name_is(n, "title")) {
    v = xmlNodeGetContent(n);
    set_meta(&e->title_tag, v);
    xmlFree(v);
  } else if (name_is(n, "script")) {
    xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
    if (type && strcasecmp((const char *)type, "application/ld+json") == 0) {
      xmlChar *body = xmlNodeGetContent(n);
      json_t *j = body ? json_loads((const char *)body, 0, NULL) : NULL;
      read_ld(e, j, 0);
      json_decref(j);
      xmlFree(body);
    }
    xmlFree(type);
  } else if (name_is(n, "time")) {
    v = xmlGetProp(n, (const xmlChar *)"datetime");
    set_meta(&e->pub_time, v);
    xmlFree(v);
  } else if ((name_is(n, "h1") || name_is(n, "h2") ||
              (st->cls & CW_TITLE)) &&
             e->n_heads < sizeof e->heads / sizeof e->heads[0]) {
    e->heads[e->n_heads++] = n;
  } else if (name_is(n, "a")) {
    v = xmlGetProp(n, (const xmlChar *)"href");
    if (v)
      count_link_domain(e, (const char *)v);
    xmlFree(v);
  }
  if (!name_is(n, "meta")) {
    xmlChar *item = xmlGetProp(n, (const xmlChar *)"itemprop");
    if (item && strcasecmp((const char *)item, "url") == 0) {
      v = xmlGetProp(n, (const xmlChar *)"href");
      if (v && !image_url((const char *)v))
        set_meta(&e->item_url, v);
      xmlFree(v);
    }
    xmlFree(item);
  }
}

/* Visible bytes of a text node (white space runs count one). */
static size_t visible_len(const char *s, size_t *commas) {
  size_t n = 0, sp = 1;
  for (; *s; s++) {
    int c = (unsigned char)*s;
    if (is_space_byte(c)) {
      if (!sp)
        n++;
      sp = 1;
    } else {
      n++;
      sp = 0;
      if (c == ',' || c == '.')
        (*commas)++;
    }
  }
  return n;
}

/* Pass 1.  owner: the nearest block element's stat; hidden: inside
 * furniture. */
static void collect(ex *e, xmlNode *n, estat *owner, int hidden, int in_a,
                    int tag_hidden) {
  for (; n && !e->failed; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      size_t commas = 0, len;
      if (tag_hidden || owner == NULL || n->content == NULL)
        continue;
      len = visible_len((const char *)n->content, &commas);
      if (len == 0)
        continue;
      /* furniture's text is looked at for bylines and dates */
      if (e->n_texts < MAX_TEXTS) {
        if (e->n_texts == e->cap_texts) {
          size_t cap = e->cap_texts ? e->cap_texts * 2 : 256;
          xmlNode **p = kb_realloc(e->texts, e->cap_texts * sizeof *p,
                                   cap * sizeof *p);
          if (p == NULL) {
            e->failed = 1;
            return;
          }
          e->texts = p;
          e->cap_texts = cap;
        }
        e->texts[e->n_texts++] = n;
      }
      if (hidden)
        continue;
      owner->direct += len;
      owner->commas += commas;
      {
        xmlNode *up;
        for (up = n->parent; up; up = up->parent) {
          estat *s = stat_of(e, up);
          if (s == NULL)
            break;
          s->text += len;
          if (in_a)
            s->link += len;
        }
      }
      continue;
    }
    if (n->type != XML_ELEMENT_NODE)
      continue;
    {
      int hid;
      estat *s;
      if (e->n_st == e->cap_st) {
        size_t cap = e->cap_st ? e->cap_st * 2 : 1024;
        estat *p = kb_realloc(e->st, e->cap_st * sizeof *p, cap * sizeof *p);
        if (p == NULL) {
          e->failed = 1;
          return;
        }
        e->st = p;
        e->cap_st = cap;
      }
      s = &e->st[e->n_st];
      memset(s, 0, sizeof *s);
      s->node = n;
      s->tf = (unsigned char)tag_flags(n);
      s->cls = (unsigned char)class_bits(n);
      n->_private = (void *)(uintptr_t)(++e->n_st);
      collect_element(e, n, s);
      hid = (s->tf & TF_HIDDEN) != 0;
      s->neg = !hid && (s->cls & CW_NEG) && !name_is(n, "body") &&
               !name_is(n, "html") && !name_is(n, "article") &&
               !name_is(n, "main") &&
               (!(s->cls & CW_POS) || (s->cls & CW_CAPTION));
      s->hidden = hid | hidden;
      collect(e, n->children, (s->tf & TF_BLOCK) ? s : owner, s->hidden,
              in_a || name_is(n, "a"), tag_hidden || hid);
    }
  }
}

/* ---- pass 2: scoring -------------------------------------------------- */


/* An element whose class says furniture is furniture unless it holds
 * article-sized text with few links: unclosed ad <div>s in old pages wrap
 * the whole article.  Elements come in document order, parents first. */
static void mark_furniture(ex *e) {
  size_t i;
  for (i = 0; i < e->n_st; i++) {
    estat *s = &e->st[i];
    estat *up = s->node->parent ? stat_of(e, s->node->parent) : NULL;
    if (up && up->hidden)
      s->hidden = 1;
    if (s->neg && !(s->text >= 500 && s->link * 4 < s->text))
      s->hidden = 1;
  }
}

static xmlNode *best_candidate(ex *e) {
  size_t i;
  xmlNode *best = NULL;
  double best_score = 0;
  mark_furniture(e);
  for (i = 0; i < e->n_st; i++) {
    estat *s = &e->st[i];
    double sc;
    xmlNode *p, *g;
    if (s->hidden || s->direct < 25)
      continue;
    sc = 1.0 + (double)s->commas +
         ((double)s->direct / 100.0 > 3.0 ? 3.0 : (double)s->direct / 100.0);
    if (!(s->tf & TF_PARA))
      s->score += sc;
    p = s->node->parent;
    if (p && stat_of(e, p)) {
      stat_of(e, p)->score += sc;
      g = p->parent;
      if (g && stat_of(e, g))
        stat_of(e, g)->score += sc / 2;
    }
  }
  for (i = 0; i < e->n_st; i++) {
    estat *s = &e->st[i];
    double sc, ld;
    if (s->hidden || s->score <= 0 || (s->tf & TF_PARA))
      continue;
    ld = s->text ? (double)s->link / (double)s->text : 0;
    sc = s->score * (1.0 - ld);
    if ((s->cls & CW_POS) && s->text >= 200)
      sc += 10;
    if (sc > best_score) {
      best_score = sc;
      best = s->node;
    }
  }
  return best;
}

/* ---- pass 3: rendering ------------------------------------------------ */

static void flush_para(ex *e) {
  size_t end = e->scratch.len;
  while (end > e->cur_start && e->scratch.ptr[end - 1] == ' ')
    end--;
  e->scratch.len = end;
  if (end > e->cur_start) {
    para *p;
    if (e->n_paras == e->cap_paras) {
      size_t cap = e->cap_paras ? e->cap_paras * 2 : 64;
      para *np = kb_realloc(e->paras, e->cap_paras * sizeof *np,
                            cap * sizeof *np);
      if (np == NULL) {
        e->failed = 1;
        return;
      }
      e->paras = np;
      e->cap_paras = cap;
    }
    p = &e->paras[e->n_paras++];
    p->start = e->cur_start;
    p->end = end;
    p->link = e->cur_link;
    p->line = e->cur_line;
    p->is_caption = e->in_caption;
    buf_putc(&e->scratch, '\n');
  }
  e->cur_start = e->scratch.len;
  e->cur_link = 0;
  e->cur_line = 0;
}

/* ---- tracing text to the page ------------------------------------------ */

#define NO_SRC ((size_t)-1)

/* Where each line of the page starts (libxml2 counts lines by '\n'; the
 * copies the parser reads keep every line break). */
static void page_lines(ex *e, const char *page, size_t len) {
  const char *p = page, *end = page + len, *nl;
  size_t n = 1;
  e->page = page;
  e->page_len = len;
  while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    n++;
    p = nl + 1;
  }
  e->line_starts = kb_alloc(n * sizeof *e->line_starts);
  if (e->line_starts == NULL)
    return; /* no tracing; the extraction goes on */
  e->line_starts[0] = 0;
  e->n_lines = 1;
  for (p = page; (nl = memchr(p, '\n', (size_t)(end - p))) != NULL;
       p = nl + 1)
    e->line_starts[e->n_lines++] = (size_t)(nl + 1 - page);
}

/* Length of the entity at p ("&amp;", "&#8220;"), 0 if none. */
static size_t entity_at(const char *p, size_t n) {
  size_t k;
  if (n < 3 || p[0] != '&')
    return 0;
  for (k = 1; k < n && k < 12; k++) {
    if (p[k] == ';')
      return k > 1 ? k + 1 : 0;
    if (!isalnum((unsigned char)p[k]) && p[k] != '#')
      return 0;
  }
  return 0;
}

/* The page's white space at r: ASCII, U+00A0 as written, as the byte of a
 * converted page, or as an entity. */
static size_t page_space(const ex *e, size_t r) {
  const char *p = e->page + r;
  size_t n = e->page_len - r, k = space_at(p, n);
  if (k)
    return k;
  if (e->page_converted && n && (unsigned char)p[0] == 0xA0)
    return 1;
  if ((k = entity_at(p, n)) != 0 &&
      (strncmp(p, "&nbsp;", 6) == 0 || strncmp(p, "&#160;", 6) == 0 ||
       strncasecmp(p, "&#xa0;", 6) == 0))
    return k;
  return 0;
}

/* Where the text node n's first visible byte (w[0..wn), its first run) is
 * in the page, NO_SRC when not found.  libxml2 numbers a text node by a
 * line it reaches, at most `newlines` lines after the one it starts on:
 * the run is looked for outside tags from that line's start (or where the
 * last traced text ended, if later) to the end of the line given. */
static size_t node_src(ex *e, const xmlNode *n, const char *content,
                       const char *w, size_t wn) {
  long line = xmlGetLineNo((xmlNodePtr)(uintptr_t)n);
  size_t newlines = 0, lo, hi, r;
  const char *c;
  if (e->line_starts == NULL || line <= 0 || line >= 65535 ||
      (size_t)line > e->n_lines || wn == 0)
    return NO_SRC;
  for (c = content; c < w; c++)
    newlines += *c == '\n';
  for (c = w; *c; c++)
    newlines += *c == '\n';
  lo = e->line_starts[(size_t)line - 1 > newlines
                          ? (size_t)line - 1 - newlines
                          : 0];
  hi = (size_t)line < e->n_lines ? e->line_starts[line] : e->page_len;
  if (e->page_cursor > lo && e->page_cursor < hi)
    lo = e->page_cursor;
  /* a page on one long line: a bounded look, not the rest of the page for
   * every text node */
  if (hi - lo > 32768 + 4 * (size_t)(c - content))
    hi = lo + 32768 + 4 * (size_t)(c - content);
  for (r = lo; r < hi && r + wn <= e->page_len; r++) {
    if (e->page[r] == '<') {
      const char *gt = memchr(e->page + r, '>', e->page_len - r);
      if (gt == NULL)
        return NO_SRC;
      r = (size_t)(gt - e->page);
      continue;
    }
    if (memcmp(e->page + r, w, wn) == 0)
      return r;
  }
  return NO_SRC;
}

/* Walks run w[0..wn) along the page from *r: byte for byte, an entity for
 * one character.  Returns 1 (exact), 0 (through entities) or -1 (the page
 * holds something else there: a converted charset). */
static int walk_run(const ex *e, const char *w, size_t wn, size_t *r) {
  size_t c = 0, k;
  int exact = 1;
  while (c < wn) {
    if (*r >= e->page_len)
      return -1;
    if ((k = entity_at(e->page + *r, e->page_len - *r)) != 0) {
      unsigned char b = (unsigned char)w[c];
      *r += k;
      c += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      exact = 0;
    } else if (e->page[*r] == w[c]) {
      (*r)++;
      c++;
    } else {
      return -1;
    }
  }
  return c == wn ? exact : -1;
}

/* Whether the byte at w may stand in the page as written (ascii_only:
 * only an ASCII byte, as a non-ASCII character may be an entity). */
static int as_written(const ex *e, const char *w, int ascii_only) {
  unsigned char b = (unsigned char)w[0];
  return b != '&' && b != '<' && b != '>' &&
         !((e->page_converted || ascii_only) && (b & 0x80));
}

static size_t utf8_len_at(const char *w) {
  unsigned char b = (unsigned char)w[0];
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* The page offset where w[0..wn) starts when it ends at r: byte for byte
 * or one entity per character, walked backwards; NO_SRC when the page
 * holds something else. */
static size_t walk_back(const ex *e, const char *w, size_t wn, size_t r) {
  size_t c = wn;
  while (c > 0) {
    size_t k, start = c - 1;
    while (start > 0 && ((unsigned char)w[start] & 0xC0) == 0x80)
      start--;
    if (r > 0 && e->page[r - 1] == ';') {
      for (k = 2; k <= 12 && k <= r; k++)
        if (e->page[r - k] == '&')
          break;
      if (k > 12 || k > r || entity_at(e->page + r - k, k) != k)
        return NO_SRC;
      r -= k;
    } else if (r >= c - start &&
               memcmp(e->page + r - (c - start), w + start, c - start) == 0) {
      r -= c - start;
    } else {
      return NO_SRC;
    }
    c = start;
  }
  return r;
}

static void add_piece(ex *e, size_t text, size_t len, size_t src,
                      size_t src_end, int exact) {
  html_piece *p;
  if (e->n_pieces == e->cap_pieces) {
    size_t cap = e->cap_pieces ? e->cap_pieces * 2 : 256;
    html_piece *np = kb_realloc(e->pieces, e->cap_pieces * sizeof *np,
                                cap * sizeof *np);
    if (np == NULL) {
      e->failed = 1;
      return;
    }
    e->pieces = np;
    e->cap_pieces = cap;
  }
  p = &e->pieces[e->n_pieces++];
  p->text = text;
  p->len = len;
  p->src = src;
  p->src_end = src_end;
  p->exact = exact;
}

static void put_text(ex *e, const xmlNode *n) {
  const char *s = (const char *)n->content;
  size_t len = strlen(s), i = 0, r = NO_SRC;
  int first = 1;
  if (e->cur_line == 0)
    e->cur_line = (long)xmlGetLineNo((xmlNodePtr)(uintptr_t)n);
  while (i < len) {
    size_t k = space_at(s + i, len - i);
    if (k) {
      if (e->scratch.len > e->cur_start &&
          e->scratch.ptr[e->scratch.len - 1] != ' ')
        buf_putc(&e->scratch, ' ');
      i += k;
      if (r != NO_SRC) {
        size_t m = page_space(e, r);
        if (m == 0)
          r = NO_SRC; /* the page has no white space here: lost */
        else
          r += m;
      }
      continue;
    }
    {
      size_t j = i, at = e->scratch.len, from;
      int exact;
      while (j < len && !space_at(s + j, len - j))
        j++;
      if (first) {
        /* the run's first stretch written as is (no entity, '<', or
         * converted byte) is found in the page; what comes before it
         * ("&ldquo;" for a run starting with a quote mark) is walked
         * back */
        size_t a0 = 0, a = 0;
        while (i + a < j && as_written(e, s + i + a, 0))
          a++;
        r = a ? node_src(e, n, s, s + i, a) : NO_SRC;
        if (r == NO_SRC) { /* then its first ASCII stretch */
          while (i + a0 < j && !as_written(e, s + i + a0, 1))
            a0 += utf8_len_at(s + i + a0);
          for (a = 0; i + a0 + a < j && as_written(e, s + i + a0 + a, 1);)
            a++;
          r = a ? node_src(e, n, s, s + i + a0, a) : NO_SRC;
          if (r != NO_SRC && a0)
            r = walk_back(e, s + i, a0, r);
        }
        first = 0;
      }
      if (r != NO_SRC) {
        from = r;
        exact = walk_run(e, s + i, j - i, &r);
        if (exact < 0) {
          add_piece(e, at, j - i, from, from, 0); /* its start only */
          r = NO_SRC;
        } else {
          add_piece(e, at, j - i, from, r, exact);
          e->page_cursor = r;
        }
      }
      buf_append(&e->scratch, s + i, j - i);
      if (e->in_link)
        e->cur_link += j - i;
      i = j;
    }
  }
}

static int is_caption_node(const ex *e, const xmlNode *n) {
  const estat *s = stat_of(e, n);
  return name_is(n, "figcaption") || (s && (s->cls & CW_CAPTION));
}

static void render(ex *e, xmlNode *n) {
  for (; n && !e->failed; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content)
        put_text(e, n);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE)
      continue;
    {
      estat *s = stat_of(e, n);
      int block = s && (s->tf & TF_BLOCK), cap;
      if ((s && s->hidden) || n == e->title_node || name_is(n, "h1"))
        continue;
      if (name_is(n, "br")) {
        flush_para(e);
        continue;
      }
      if (name_is(n, "img"))
        continue;
      cap = !e->in_caption && is_caption_node(e, n);
      if (block || cap)
        flush_para(e);
      if (cap)
        e->in_caption = 1;
      if (name_is(n, "a")) {
        int was = e->in_link;
        e->in_link = 1;
        render(e, n->children);
        e->in_link = was;
      } else {
        render(e, n->children);
      }
      if (block || cap)
        flush_para(e);
      if (cap)
        e->in_caption = 0;
    }
  }
}

/* ---- paragraph rules ---------------------------------------------------- */

/* Labels that make a short paragraph furniture (any case, at its start). */
static const char *const furniture_labels[] = {
    "baca juga",   "baca :",      "baca:",       "lihat juga",
    "simak juga",  "simak video", "tonton juga", "saksikan juga",
    "jangan lewatkan", "berita terkait", "artikel terkait",
    "berita lainnya", "editor",   "red:",        "red :",
    "redaktur",    "penyunting",  "penulis",     "pewarta",
    "reporter :",  "reporter:",   "fotografer",  "copyright",
    "hak cipta",   "sumber:",     "sumber :",    "tags:",
    "tag:",        "topik:",      "share",       "bagikan",
    "advertisement", "scroll to continue", "ikuti kami", "ikuti berita",
    "dapatkan update", "follow us", "oleh :",    "oleh:",
    "loading",     NULL};

static int furniture(const char *s, size_t n) {
  size_t i;
  if (starts_with_ci(s, n, "baca juga"))
    return 1;
  if (n > 200)
    return 0;
  for (i = 0; furniture_labels[i]; i++)
    if (starts_with_ci(s, n, furniture_labels[i]))
      return 1;
  /* "0 Komentar", "12 komentar" */
  for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
    ;
  if (i > 0 && i + 1 < n && s[i] == ' ' &&
      starts_with_ci(s + i + 1, n - i - 1, "komentar"))
    return 1;
  return 0;
}

/* "(fyk/ash)", "(ren)", "(FHM)", "(kpl/pur/tch)": reporters' initials in
 * parentheses filling s[0..n). */
static int initials(const char *s, size_t n) {
  size_t i, run = 0, groups = 0;
  if (n < 3 || s[0] != '(' || s[n - 1] != ')' || n > 40)
    return 0;
  for (i = 1; i + 1 < n; i++) {
    int c = (unsigned char)s[i];
    if (isalpha(c)) {
      if (++run > 6)
        return 0;
    } else if (c == '/' || c == ' ') {
      if (run)
        groups++;
      run = 0;
    } else {
      return 0;
    }
  }
  if (run)
    groups++;
  return groups >= 1;
}

/* A name in capitals alone on a line: Tempo's "DINI TEJA". */
static int caps_name(const char *s, size_t n) {
  size_t i, words = 1, letters = 0;
  if (n < 4 || n > 40)
    return 0;
  for (i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (c == ' ')
      words++;
    else if (isupper(c))
      letters++;
    else if (c != '.' && c != '\'')
      return 0;
  }
  return letters >= 3 && words <= 4;
}

/* Whether s[0..n) is only a printed date (and time): the date line. */
static int only_date(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n && i < 24; i++) {
    clean_date d;
    size_t used;
    if ((i == 0 || !isalnum((unsigned char)s[i - 1])) &&
        clean_parse_date(s + i, n - i, &d, &used))
      return used + i + 12 >= n;
  }
  return 0;
}

/* A paragraph of running text: 80 bytes or more, or ending a sentence. */
static int prose(const char *s, size_t n) {
  unsigned char c;
  if (n >= 80)
    return 1;
  if (n == 0)
    return 0;
  c = (unsigned char)s[n - 1];
  return c == '.' || c == '!' || c == '?' || c == '"' ||
         (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
          (unsigned char)s[n - 2] == 0x80 && c == 0x9D); /* ” */
}

static int ends_in_dash(const char *s, size_t n) {
  while (n && s[n - 1] == ' ')
    n--;
  if (n && s[n - 1] == '-')
    return 1;
  return n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x93", 3) == 0 ||
                    memcmp(s + n - 3, "\xE2\x80\x94", 3) == 0);
}

/* ---- metadata ----------------------------------------------------------- */

static void meta_put(ex *e, const char **slot, const char *s, size_t n) {
  size_t off;
  buf *m = &e->a->meta;
  /* trim and fold white space */
  while (n && space_at(s, n)) {
    size_t k = space_at(s, n);
    s += k;
    n -= k;
  }
  while (n && (is_space_byte((unsigned char)s[n - 1]) ||
               (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
                (unsigned char)s[n - 1] == 0xA0)))
    n -= is_space_byte((unsigned char)s[n - 1]) ? 1 : 2;
  if (n == 0)
    return;
  off = m->len;
  {
    size_t i = 0;
    int sp = 0;
    while (i < n) {
      size_t k = space_at(s + i, n - i);
      if (k) {
        sp = 1;
        i += k;
        continue;
      }
      if (sp)
        buf_putc(m, ' ');
      sp = 0;
      buf_putc(m, s[i++]);
    }
  }
  buf_putc(m, '\0');
  if (m->failed) {
    e->failed = 1;
    return;
  }
  *slot = (const char *)(uintptr_t)(off + 1); /* fixed up at the end */
}

/* Word tokens of s, lower case, for comparing titles. */
static size_t title_words(const char *s, char words[][32], size_t max) {
  size_t n = 0;
  while (*s && n < max) {
    size_t k = 0;
    while (*s && !isalnum((unsigned char)*s) && !((unsigned char)*s & 0x80))
      s++;
    while (*s && (isalnum((unsigned char)*s) || ((unsigned char)*s & 0x80))) {
      if (k < 31)
        words[n][k++] = (char)tolower((unsigned char)*s);
      s++;
    }
    if (k) {
      words[n][k] = '\0';
      n++;
    }
  }
  return n;
}

/* Share of a's words found in b. */
static double overlap(const char *a, const char *b) {
  static const size_t max = 64;
  char wa[64][32], wb[64][32];
  size_t na = title_words(a, wa, max), nb = title_words(b, wb, max), i, j,
         hit = 0;
  if (na == 0)
    return 0;
  for (i = 0; i < na; i++)
    for (j = 0; j < nb; j++)
      if (strcmp(wa[i], wb[j]) == 0) {
        hit++;
        break;
      }
  return (double)hit / (double)na;
}

/* og:title or <title> without the site name: the longest piece between
 * " | ", " - ", " – " and a leading "Site: ". */
static void strip_site(const char *t, const char **s, size_t *n) {
  const char *seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                        ": ", NULL};
  const char *best = t, *p = t;
  size_t best_n = strlen(t);
  size_t i;
  for (i = 0; seps[i]; i++) {
    const char *q = strstr(t, seps[i]);
    if (q == NULL)
      continue;
    /* pieces split by this separator */
    best = NULL;
    best_n = 0;
    p = t;
    for (;;) {
      const char *end = strstr(p, seps[i]);
      size_t len = end ? (size_t)(end - p) : strlen(p);
      int sitey = 0;
      size_t k;
      for (k = 0; k + 4 <= len; k++)
        if (strncasecmp(p + k, ".com", 4) == 0 ||
            strncasecmp(p + k, ".co.", 4) == 0 ||
            (k + 6 <= len && strncasecmp(p + k, "online", 6) == 0))
          sitey = 1;
      if (len >= 3 && strncasecmp(p + len - 3, ".id", 3) == 0)
        sitey = 1;
      if (!sitey && len > best_n) {
        best = p;
        best_n = len;
      }
      if (end == NULL)
        break;
      p = end + strlen(seps[i]);
    }
    if (best == NULL) {
      best = t;
      best_n = strlen(t);
    }
    /* the leading "Site: " form only when it names a site */
    if (strcmp(seps[i], ": ") == 0 && (size_t)(q - t) > 0) {
      size_t k, head = (size_t)(q - t);
      int sitey = 0;
      for (k = 0; k + 4 <= head; k++)
        if (strncasecmp(t + k, ".com", 4) == 0)
          sitey = 1;
      if (!sitey) {
        best = t;
        best_n = strlen(t);
        continue;
      }
    }
    break;
  }
  *s = best;
  *n = best_n;
}

/* Is n a link or inside one, or inside a list item?  A page's own
 * headline is neither: such a heading is an entry of a list of articles
 * (latest, related, popular), which may name this very article. */
static int is_listed(const xmlNode *n) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (name_is(n, "a") || name_is(n, "li"))
      return 1;
  return 0;
}

static void find_title(ex *e) {
  const char *ref = e->og_title ? (const char *)e->og_title
                                : (const char *)e->title_tag;
  size_t i;
  int listed;
  double best = 0;
  xmlNode *pick = NULL;
  xmlChar *pick_text = NULL;
  /* headings outside lists and links first; listed ones only when none of
   * those matches */
  for (listed = 0; listed < 2 && pick == NULL; listed++) {
    for (i = 0; i < e->n_heads && ref; i++) {
      xmlChar *t;
      double o, back;
      size_t len;
      if (is_listed(e->heads[i]) != listed)
        continue;
      t = xmlNodeGetContent(e->heads[i]);
      len = t ? strlen((const char *)t) : 0;
      if (t == NULL || len < 8 || len > 400) {
        xmlFree(t);
        continue;
      }
      o = overlap((const char *)t, ref);
      back = overlap(ref, (const char *)t);
      if (o >= 0.6 && back >= 0.4 && o + back > best + 0.01) {
        best = o + back;
        pick = e->heads[i];
        xmlFree(pick_text);
        pick_text = t;
      } else {
        xmlFree(t);
      }
    }
  }
  if (pick) {
    e->title_node = pick;
    meta_put(e, &e->a->title, (const char *)pick_text,
             strlen((const char *)pick_text));
    xmlFree(pick_text);
    return;
  }
  if (ref) {
    const char *s;
    size_t n;
    strip_site(ref, &s, &n);
    meta_put(e, &e->a->title, s, n);
  }
}

/* A printed time after a date: " 14:56", " | 21:04", " - 15:56",
 * ", 16:15", " at 09:10", " pukul 15.15".  Returns 1 and sets h, m. */
static int time_after(const char *s, size_t n, int *h, int *m) {
  size_t i = 0;
  for (;;) {
    while (i < n && (s[i] == ' ' || s[i] == '|' || s[i] == '-' ||
                     s[i] == ',' || s[i] == '/'))
      i++;
    if (starts_with_ci(s + i, n - i, "at ") ||
        starts_with_ci(s + i, n - i, "jam "))
      i += s[i] == 'a' || s[i] == 'A' ? 3 : 4;
    else if (starts_with_ci(s + i, n - i, "pukul "))
      i += 6;
    else
      break;
  }
  if (i + 4 < n + 0 && isdigit((unsigned char)s[i]) &&
      isdigit((unsigned char)s[i + 1]) && (s[i + 2] == ':' || s[i + 2] == '.') &&
      i + 4 < n + 1 && isdigit((unsigned char)s[i + 3]) &&
      isdigit((unsigned char)s[i + 4])) {
    *h = (s[i] - '0') * 10 + s[i + 1] - '0';
    *m = (s[i + 3] - '0') * 10 + s[i + 4] - '0';
    return *h < 24 && *m < 60;
  }
  return 0;
}

/* A printed date with a time in s[0..n): ISO into iso.  Returns 1. */
static int printed_date(const char *s, size_t n, char iso[17]) {
  size_t i;
  for (i = 0; i < n; i++) {
    clean_date d;
    size_t used;
    if (!isdigit((unsigned char)s[i]) || (i && isalnum((unsigned char)s[i - 1])))
      continue;
    if (!clean_parse_date(s + i, n - i, &d, &used))
      continue;
    if (d.hour < 0 && !time_after(s + i + used, n - i - used, &d.hour,
                                  &d.minute))
      continue;
    clean_format_date(&d, 1, iso);
    return 1;
  }
  return 0;
}

/* "2015-11-05T14:56:43+07:00", "2016-02-16 09:10:56", "2015-11-05 T10:08":
 * the printed local date and time. */
static int iso_date(const char *s, char iso[17]) {
  size_t i;
  for (i = 0; i < 10; i++)
    if (!(i == 4 || i == 7 ? s[i] == '-' : isdigit((unsigned char)s[i])))
      return 0;
  memcpy(iso, s, 10);
  iso[10] = '\0';
  s += 10;
  while (*s == ' ' || *s == 'T')
    s++;
  if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
      s[2] == ':' && isdigit((unsigned char)s[3]) &&
      isdigit((unsigned char)s[4])) {
    iso[10] = 'T';
    memcpy(iso + 11, s, 5);
    iso[16] = '\0';
  }
  return 1;
}

/* The index of the first visible text node at or after node n (in the
 * texts array), or n_texts. */
static size_t text_index(const ex *e, const xmlNode *n) {
  size_t i;
  for (i = 0; i < e->n_texts; i++) {
    const xmlNode *t = e->texts[i];
    const xmlNode *up;
    for (up = t; up; up = up->parent)
      if (up == n)
        return i;
  }
  return e->n_texts;
}

/* Text of texts[i..i+2] joined, at most cap - 1 bytes. */
static size_t joined_text(const ex *e, size_t i, char *out, size_t cap) {
  size_t n = 0, k;
  for (k = i; k < e->n_texts && k < i + 3 && n + 1 < cap; k++) {
    const char *s = (const char *)e->texts[k]->content;
    size_t len = strlen(s);
    if (n && n + 1 < cap)
      out[n++] = ' ';
    if (len > cap - 1 - n)
      len = cap - 1 - n;
    memcpy(out + n, s, len);
    n += len;
  }
  out[n] = '\0';
  return n;
}

static void find_published(ex *e, size_t ti) {
  char iso[17], tmp[400];
  size_t k;
  if (ti < e->n_texts) {
    for (k = 0; k < 40; k++) {
      size_t n;
      if (ti + k < e->n_texts) {
        n = joined_text(e, ti + k, tmp, sizeof tmp);
        if (printed_date(tmp, strlen((const char *)e->texts[ti + k]->content) <
                                      n
                                  ? strlen((const char *)e->texts[ti + k]
                                               ->content)
                                  : n,
                         iso) ||
            (n < 120 && printed_date(tmp, n, iso))) {
          meta_put(e, &e->a->published, iso, strlen(iso));
          return;
        }
      }
      if (k && k <= ti && k <= 15) {
        n = joined_text(e, ti - k, tmp, sizeof tmp);
        if (n < 160 && printed_date(tmp, n, iso)) {
          meta_put(e, &e->a->published, iso, strlen(iso));
          return;
        }
      }
    }
  }
  {
    const xmlChar *c[3];
    size_t i;
    int pass;
    c[0] = e->pub_meta;
    c[1] = e->pub_ld;
    c[2] = e->pub_time;
    /* local time first: a value in UTC ("...Z") only when no other */
    for (pass = 0; pass < 2; pass++)
      for (i = 0; i < 3; i++) {
        size_t n = c[i] ? strlen((const char *)c[i]) : 0;
        if (pass == 0 && n && (c[i][n - 1] == 'Z' || c[i][n - 1] == 'z'))
          continue;
        if (c[i] && iso_date((const char *)c[i], iso)) {
          meta_put(e, &e->a->published, iso, strlen(iso));
          return;
        }
      }
  }
}

/* A person's name as a byline prints it: 2..60 bytes, no digits, at most
 * six words, no address. */
static int name_like(const char *s, size_t n, int need_capital) {
  size_t i, words = 1;
  if (n < 2 || n > 60)
    return 0;
  if (need_capital && !isupper((unsigned char)s[0]))
    return 0;
  for (i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (isdigit(c) || c == '@' || c == ':' || c == '/')
      return 0;
    if (c == ' ')
      words++;
  }
  if (words > 6)
    return 0;
  for (i = 0; i + 4 <= n; i++)
    if (strncasecmp(s + i, ".com", 4) == 0 || strncasecmp(s + i, ".co", 3) == 0)
      return 0;
  return 1;
}

/* Cuts a byline to the name: ": Kontributor Lhokseumawe, Masriadi" ->
 * "Masriadi", "Fino Yurio Kristo - detikinet" -> "Fino Yurio Kristo". */
static void byline_name(const char **s, size_t *n) {
  const char *p = *s;
  size_t len = *n, i;
  while (len && (*p == ':' || *p == ' ' || is_space_byte((unsigned char)*p))) {
    p++;
    len--;
  }
  for (i = 0; i + 2 < len; i++)
    if ((p[i] == ' ' && (p[i + 1] == '-' || p[i + 1] == '|') &&
         p[i + 2] == ' ') ||
        (p[i] == ' ' && p[i + 1] == ' ')) {
      len = i;
      break;
    }
  if (starts_with_ci(p, len, "kontributor") ||
      starts_with_ci(p, len, "wartawan")) {
    const char *c = NULL;
    for (i = 0; i < len; i++)
      if (p[i] == ',')
        c = p + i;
    if (c) {
      len -= (size_t)(c + 1 - p);
      p = c + 1;
      while (len && *p == ' ') {
        p++;
        len--;
      }
    }
  }
  while (len && (p[len - 1] == ' ' || p[len - 1] == ','))
    len--;
  *s = p;
  *n = len;
}

/* Labelled bylines: "Pewarta: X", "Penulis" | ": X", "Oleh : X", "By X". */
static int labelled_author(ex *e, int photographer) {
  static const char *const labels[] = {"pewarta", "penulis", "reporter",
                                       "wartawan", "oleh",  "by",
                                       "kontributor", NULL};
  static const char *const photo[] = {"fotografer", "foto oleh", NULL};
  const char *const *ls = photographer ? photo : labels;
  size_t i, k;
  for (i = 0; i < e->n_texts; i++) {
    const char *s = (const char *)e->texts[i]->content;
    size_t n;
    while (*s && is_space_byte((unsigned char)*s))
      s++;
    n = strlen(s);
    if (n > 80)
      continue;
    for (k = 0; ls[k]; k++) {
      size_t L = strlen(ls[k]);
      const char *r;
      size_t rn;
      char tmp[200];
      int colon;
      if (!starts_with_ci(s, n, ls[k]) || (n > L && isalpha((unsigned char)s[L])))
        continue;
      r = s + L;
      rn = n - L;
      while (rn && (*r == ' ' || *r == '\t' || *r == '\n')) {
        r++;
        rn--;
      }
      colon = rn && *r == ':';
      /* the name in the next text nodes */
      while (rn && is_space_byte((unsigned char)r[rn - 1]))
        rn--;
      if ((rn == 0 || (colon && rn == 1)) && i + 1 < e->n_texts) {
        const char *nx = (const char *)e->texts[i + 1]->content;
        size_t m = strlen(nx);
        if (m >= sizeof tmp)
          m = sizeof tmp - 1;
        memcpy(tmp, nx, m);
        tmp[m] = '\0';
        r = tmp;
        rn = m;
        while (rn && is_space_byte((unsigned char)*r)) {
          r++;
          rn--;
        }
        while (rn && is_space_byte((unsigned char)r[rn - 1]))
          rn--;
        colon = 1;
      }
      /* "By"/"Oleh" run into sentences: only a capitalised name, and
       * only with a colon or a short line */
      byline_name(&r, &rn);
      if (!colon && n > 60)
        continue;
      if (name_like(r, rn, !colon && k >= 4)) {
        meta_put(e, &e->a->author, r, rn);
        return 1;
      }
    }
  }
  return 0;
}

/* An element marked as the author (itemprop=author, class "author"),
 * holding a byline's worth of text (an unclosed author <div> can hold the
 * whole article), not inside a photo (where "author" is the credit). */
static int marked_author(ex *e) {
  size_t i;
  for (i = 0; i < e->n_texts; i++) {
    const xmlNode *up;
    int marked = 0, depth = 0, media = 0;
    for (up = e->texts[i]->parent; up && depth < 4 && !marked;
         up = up->parent, depth++) {
      xmlChar *item;
      const estat *st = stat_of(e, up);
      if (up->type != XML_ELEMENT_NODE)
        continue;
      item = xmlGetProp((xmlNodePtr)(uintptr_t)up, (const xmlChar *)"itemprop");
      marked = ((item && strcasecmp((const char *)item, "author") == 0) ||
                (st && (st->cls & CW_AUTHOR))) &&
               st && st->text <= 200;
      xmlFree(item);
    }
    for (; up && !media; up = up->parent) {
      const estat *st = stat_of(e, up);
      media = name_is(up, "figure") || (st && (st->cls & CW_MEDIA));
    }
    if (marked && !media) {
      static const char *const not_names[] = {
          "komentar", "share",  "bagikan", "jurnalis", "reporter", "penulis",
          "editor",   "follow", "ikuti",   "redaksi",  "admin",    NULL};
      const char *s = (const char *)e->texts[i]->content;
      size_t n = strlen(s), k;
      int furniture_word = 0;
      byline_name(&s, &n);
      for (k = 0; not_names[k]; k++)
        if (n == strlen(not_names[k]) && strncasecmp(s, not_names[k], n) == 0)
          furniture_word = 1;
      if (!furniture_word && name_like(s, n, 1) &&
          !starts_with_ci(s, n, "oleh") && !starts_with_ci(s, n, "by ")) {
        meta_put(e, &e->a->author, s, n);
        return 1;
      }
    }
  }
  return 0;
}

/* ---- URL and outlet ---------------------------------------------------- */

static int absolute_url(const xmlChar *u) {
  return u && (strncasecmp((const char *)u, "http://", 7) == 0 ||
               strncasecmp((const char *)u, "https://", 8) == 0) &&
         strlen((const char *)u) > 10;
}

size_t html_url_domain(const char *url, char *out, size_t cap) {
  static const char *const second[] = {"co", "or", "go", "ac", "sch", "web",
                                       "my", "net", "com", "org", "gov", "edu",
                                       "mil", "ne", NULL};
  const char *h, *end, *labels[16];
  size_t n_labels = 0, keep, len, i;
  if (url == NULL || cap == 0)
    return 0;
  h = strstr(url, "://");
  h = h ? h + 3 : url;
  end = h;
  while (*end && *end != '/' && *end != ':' && *end != '?' && *end != '#')
    end++;
  if (end == h)
    return 0;
  {
    const char *p = h;
    labels[n_labels++] = p;
    for (; p < end; p++)
      if (*p == '.' && n_labels < 16)
        labels[n_labels++] = p + 1;
  }
  keep = 2;
  if (n_labels >= 3) {
    const char *sl = labels[n_labels - 2];
    size_t sl_len = (size_t)(labels[n_labels - 1] - 1 - sl);
    size_t tld_len = (size_t)(end - labels[n_labels - 1]);
    for (i = 0; second[i]; i++)
      if (strlen(second[i]) == sl_len && strncasecmp(sl, second[i], sl_len) == 0 &&
          tld_len == 2)
        keep = 3;
  }
  if (keep > n_labels)
    keep = n_labels;
  h = labels[n_labels - keep];
  len = (size_t)(end - h);
  if (len + 1 > cap)
    return 0;
  for (i = 0; i < len; i++)
    out[i] = (char)tolower((unsigned char)h[i]);
  out[len] = '\0';
  return len;
}

static void find_url(ex *e, const char *page_url) {
  const xmlChar *u = NULL;
  char dom[256];
  size_t n;
  if (absolute_url(e->canonical))
    u = e->canonical;
  else if (absolute_url(e->og_url))
    u = e->og_url;
  else if (absolute_url(e->item_url))
    u = e->item_url;
  if (u)
    meta_put(e, &e->a->url, (const char *)u, strlen((const char *)u));
  else if (page_url)
    meta_put(e, &e->a->url, page_url, strlen(page_url));
  if (u == NULL)
    u = (const xmlChar *)page_url;
  n = u ? html_url_domain((const char *)u, dom, sizeof dom) : 0;
  if (n) {
    meta_put(e, &e->a->outlet, dom, n);
  } else if (e->og_site && strchr((const char *)e->og_site, '.') &&
             !strchr((const char *)e->og_site, ' ')) {
    n = html_url_domain((const char *)e->og_site, dom, sizeof dom);
    if (n)
      meta_put(e, &e->a->outlet, dom, n);
  } else {
    /* no URL: the domain most of the page's absolute links point to */
    size_t i, best = 0;
    for (i = 1; i < e->n_link_domains; i++)
      if (e->link_domains[i].count > e->link_domains[best].count)
        best = i;
    if (e->n_link_domains && e->link_domains[best].count >= 3)
      meta_put(e, &e->a->outlet, e->link_domains[best].name,
               strlen(e->link_domains[best].name));
  }
}

/* ---- charset ------------------------------------------------------------ */

/* The charset a <meta> declares in the first 4 KB, into out. */
static int meta_charset(const char *s, size_t n, char *out, size_t cap) {
  size_t i, lim = n < 4096 ? n : 4096;
  for (i = 0; i + 8 < lim; i++) {
    if (strncasecmp(s + i, "charset=", 8) == 0) {
      size_t j = i + 8, k = 0;
      while (j < lim && (s[j] == '"' || s[j] == '\'' || s[j] == ' '))
        j++;
      while (j < lim && k + 1 < cap &&
             (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_'))
        out[k++] = s[j++];
      out[k] = '\0';
      if (k)
        return 1;
    }
  }
  return 0;
}

/* Whether libxml2 (or the iconv under it) can decode charset c: a label
 * it does not know ("iso-5156-1") would leave the page's bytes as they
 * are, which is not UTF-8. */
static int known_charset(const char *c) {
  xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(c);
  if (h == NULL)
    return 0;
  xmlCharEncCloseFunc(h);
  return 1;
}

/* The encoding to decode with: valid UTF-8 is UTF-8 whatever the page
 * says; else the header's or <meta>'s charset, latin-1 labels read as
 * windows-1252 (as browsers do); else windows-1252. */
static const char *choose_charset(const char *html, size_t len,
                                  const char *header, char *tmp, size_t cap) {
  const char *c = header;
  if (utf8_valid_prefix((const unsigned char *)html, len) == len)
    return "UTF-8";
  if (c == NULL && meta_charset(html, len, tmp, cap))
    c = tmp;
  if (c == NULL || strcasecmp(c, "iso-8859-1") == 0 ||
      strcasecmp(c, "latin1") == 0 || strcasecmp(c, "us-ascii") == 0 ||
      strcasecmp(c, "ascii") == 0 || strcasecmp(c, "utf-8") == 0 ||
      strcasecmp(c, "utf8") == 0)
    return "windows-1252"; /* invalid UTF-8 is not UTF-8 either */
  return known_charset(c) ? c : "windows-1252"; /* as WHATWG does */
}

/* ---- windows-1252 ---------------------------------------------------------- */

/* windows-1252's 0x80..0x9F (WHATWG Encoding; the five unassigned bytes
 * map to the C1 controls of the same value, as browsers do). */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/* Decodes windows-1252 s[0..n) into UTF-8 in out (iconv refuses the five
 * unassigned bytes and libxml2 then stops the page).  Returns 0 or -1. */
static int from_cp1252(const char *s, size_t n, buf *out) {
  size_t i;
  buf_reset(out);
  if (buf_reserve(out, n * 3 + 1) != 0)
    return -1;
  for (i = 0; i < n; i++) {
    unsigned c = (unsigned char)s[i];
    char *p = out->ptr + out->len;
    if (c < 0x80) {
      *p = (char)c;
      out->len++;
      continue;
    }
    if (c < 0xA0)
      c = cp1252_high[c - 0x80];
    out->len += utf8_encode(c, p);
  }
  return 0;
}

/* libxml2 reports some problems (encoding, I/O) through its generic error
 * handler whatever the parser options: the library never prints. */
static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  (void)err;
}

/* ---- script and style bodies ---------------------------------------------- */

/* The end of the element body starting at s[i] that closes with `close`
 * ("</script", any case), or n. */
static size_t body_end(const char *s, size_t i, size_t n, const char *close) {
  size_t k = strlen(close);
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    if (lt == NULL)
      return n;
    i = (size_t)(lt - s);
    if (n - i >= k && strncasecmp(s + i, close, k) == 0)
      return i;
    i++;
  }
  return n;
}

/* Copies html into out with the bodies of <script> (but JSON-LD), <style>
 * and comments reduced to their line breaks: libxml2 would scan them byte
 * by byte only to drop them, and the line numbers stay right.  Returns 0,
 * or -1 when out of memory. */
static int drop_script_bodies(const char *s, size_t n, buf *out) {
  size_t i = 0, done = 0;
  buf_reset(out);
  if (buf_reserve(out, n + 1) != 0)
    return -1;
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    size_t body, end, k;
    const char *close;
    if (lt == NULL)
      break;
    i = (size_t)(lt - s);
    if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
      const char *c = NULL;
      size_t j;
      for (j = i + 4; j + 3 <= n; j++)
        if (s[j] == '-' && s[j + 1] == '-' && s[j + 2] == '>') {
          c = s + j;
          break;
        }
      body = i + 4;
      end = c ? (size_t)(c - s) : n;
    } else if (n - i >= 7 && strncasecmp(s + i, "<script", 7) == 0 &&
               (n - i == 7 || s[i + 7] == '>' || s[i + 7] == ' ' ||
                s[i + 7] == '\t' || s[i + 7] == '\n' || s[i + 7] == '\r')) {
      const char *gt = memchr(s + i, '>', n - i);
      if (gt == NULL)
        break;
      body = (size_t)(gt - s) + 1;
      /* JSON-LD is read for the metadata */
      for (k = i; k + 7 <= body; k++)
        if (strncasecmp(s + k, "ld+json", 7) == 0)
          break;
      if (k + 7 <= body) {
        i = body;
        continue;
      }
      close = "</script";
      end = body_end(s, body, n, close);
    } else if (n - i >= 6 && strncasecmp(s + i, "<style", 6) == 0) {
      const char *gt = memchr(s + i, '>', n - i);
      if (gt == NULL)
        break;
      body = (size_t)(gt - s) + 1;
      close = "</style";
      end = body_end(s, body, n, close);
    } else {
      i++;
      continue;
    }
    buf_append(out, s + done, body - done);
    for (k = body; k < end; k++)
      if (s[k] == '\n')
        buf_putc(out, '\n');
    done = i = end;
  }
  buf_append(out, s + done, n - done);
  return out->failed ? -1 : 0;
}

/* ---- the whole ---------------------------------------------------------- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) {
  xmlInitParser();
  init_tags();
  init_class_words();
}
void html_extract_init(void) { pthread_once(&init_once, init_libxml); }

static int add_block(html_article *a, html_block_kind kind, size_t start,
                     size_t end, long line) {
  html_block *b;
  if (a->n_blocks == a->cap_blocks) {
    size_t cap = a->cap_blocks ? a->cap_blocks * 2 : 32;
    html_block *nb =
        kb_realloc(a->blocks, a->cap_blocks * sizeof *nb, cap * sizeof *nb);
    if (nb == NULL)
      return -1;
    a->blocks = nb;
    a->cap_blocks = cap;
  }
  b = &a->blocks[a->n_blocks++];
  b->kind = kind;
  b->start = start;
  b->end = end;
  b->line = line;
  b->src_start = b->src_end = 0; /* block_sources */
  return 0;
}

/* The traced runs of scratch[from..from+n) go into the article's pieces,
 * as text from `at` on (a run cut by the slice's end keeps its start, and
 * its end when exact). */
static void copy_pieces(ex *e, size_t from, size_t n, size_t at) {
  html_article *a = e->a;
  size_t lo = 0, hi = e->n_pieces;
  while (lo < hi) { /* the first run ending after `from` */
    size_t mid = lo + (hi - lo) / 2;
    if (e->pieces[mid].text + e->pieces[mid].len <= from)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < e->n_pieces && e->pieces[lo].text < from + n; lo++) {
    html_piece p = e->pieces[lo];
    html_piece *q;
    if (p.text < from)
      continue; /* slices start at a run */
    if (p.text + p.len > from + n) {
      p.len = from + n - p.text;
      p.src_end = p.exact ? p.src + p.len : p.src;
    }
    if (a->n_pieces == a->cap_pieces) {
      size_t cap = a->cap_pieces ? a->cap_pieces * 2 : 256;
      html_piece *np = kb_realloc(a->pieces, a->cap_pieces * sizeof *np,
                                  cap * sizeof *np);
      if (np == NULL) {
        e->failed = 1;
        return;
      }
      a->pieces = np;
      a->cap_pieces = cap;
    }
    q = &a->pieces[a->n_pieces++];
    *q = p;
    q->text = at + (p.text - from);
  }
}

/* Appends one block of text to the article: s[0..n), which lies in
 * scratch unless it is the headline (from the metadata). */
static void emit(ex *e, html_block_kind kind, const char *s, size_t n,
                 long line) {
  html_article *a = e->a;
  size_t start;
  if (a->text.len)
    buf_append(&a->text, "\n\n", 2);
  start = a->text.len;
  buf_append(&a->text, s, n);
  if (e->scratch.ptr && s >= e->scratch.ptr &&
      s < e->scratch.ptr + e->scratch.len)
    copy_pieces(e, (size_t)(s - e->scratch.ptr), n, start);
  if (a->text.failed || add_block(a, kind, start, a->text.len, line) != 0)
    e->failed = 1;
}

/* A metadata slot's string while the meta buffer may still move. */
static const char *meta_str(const ex *e, const char *slot) {
  return slot ? e->a->meta.ptr + ((uintptr_t)slot - 1) : NULL;
}

static int same_text(const char *a, size_t an, const char *b, size_t bn) {
  return an == bn && memcmp(a, b, an) == 0;
}

/* Applies the paragraph rules and writes body and captions. */
static void write_paragraphs(ex *e) {
  html_article *a = e->a;
  const char *t = e->scratch.ptr;
  size_t i, last_body = 0, n_kept = 0;
  char *keep;
  size_t *pstart, *pend;
  if (e->n_paras == 0)
    return;
  keep = kb_alloc(e->n_paras);
  pstart = kb_alloc(e->n_paras * sizeof *pstart);
  pend = kb_alloc(e->n_paras * sizeof *pend);
  if (keep == NULL || pstart == NULL || pend == NULL) {
    e->failed = 1;
    goto done;
  }
  for (i = 0; i < e->n_paras; i++) {
    para *p = &e->paras[i];
    const char *s = t + p->start;
    size_t n = p->end - p->start, j;
    pstart[i] = p->start;
    pend[i] = p->end;
    keep[i] = 1;
    if (p->is_caption)
      continue;
    if (furniture(s, n) || initials(s, n) || only_date(s, n) ||
        (p->link * 2 > n && n < 400) ||
        (a->title && same_text(s, n, meta_str(e, a->title),
                               strlen(meta_str(e, a->title))))) {
      if (initials(s, n))
        a->signoff_removed = 1;
      keep[i] = 0;
      continue;
    }
    /* a trailing sign-off after a sentence: "... katanya. (fyk/ash)" */
    for (j = n; j > 0 && n - j < 40; j--)
      if (s[j - 1] == '(')
        break;
    if (j > 2 && n - j < 40 && initials(s + j - 1, n - j + 1) &&
        s[j - 2] == ' ' && strchr(".!?\"'", s[j - 3] ? s[j - 3] : 'x')) {
      pend[i] = p->start + j - 2;
      a->signoff_removed = 1;
    }
  }
  /* duplicates of an earlier kept paragraph, and captions repeated */
  for (i = 0; i < e->n_paras; i++) {
    size_t j;
    if (!keep[i])
      continue;
    for (j = 0; j < i; j++)
      if (keep[j] && same_text(t + pstart[i], pend[i] - pstart[i],
                               t + pstart[j], pend[j] - pstart[j])) {
        keep[i] = 0;
        break;
      }
  }
  /* The article ends with its last paragraph of prose: the short pieces
   * after it are the lists and widgets the container also held ("Berita
   * Terbaru", "5 menit lalu") -- but a name in capitals right after it is
   * the sign-off (Tempo's "DINI TEJA"), the author if none was found. */
  {
    size_t last = e->n_paras;
    for (i = e->n_paras; i-- > 0;)
      if (keep[i] && !e->paras[i].is_caption &&
          prose(t + pstart[i], pend[i] - pstart[i])) {
        last = i;
        break;
      }
    /* no prose at all: no article (a gallery, a list page) */
    for (i = last == e->n_paras ? 0 : last + 1; i < e->n_paras; i++) {
      if (!keep[i] || e->paras[i].is_caption)
        continue;
      if (caps_name(t + pstart[i], pend[i] - pstart[i]) &&
          !a->signoff_removed) {
        a->signoff_removed = 1;
        if (a->author == NULL)
          meta_put(e, &a->author, t + pstart[i], pend[i] - pstart[i]);
      }
      keep[i] = 0;
    }
  }
  for (i = 0; i < e->n_paras && !e->failed; i++) {
    const char *s = t + pstart[i];
    size_t n = pend[i] - pstart[i];
    if (!keep[i] || e->paras[i].is_caption)
      continue;
    /* a dateline alone ("Jakarta -") joins the next paragraph */
    if (n <= 40 && ends_in_dash(s, n)) {
      size_t k;
      for (k = i + 1; k < e->n_paras && (!keep[k] || e->paras[k].is_caption);
           k++)
        ;
      if (k < e->n_paras) {
        html_article *ar = a;
        size_t start;
        if (ar->text.len)
          buf_append(&ar->text, "\n\n", 2);
        start = ar->text.len;
        buf_append(&ar->text, s, n);
        copy_pieces(e, pstart[i], n, start);
        buf_putc(&ar->text, ' ');
        copy_pieces(e, pstart[k], pend[k] - pstart[k], ar->text.len);
        buf_append(&ar->text, t + pstart[k], pend[k] - pstart[k]);
        if (ar->text.failed ||
            add_block(ar, HB_BODY, start, ar->text.len, e->paras[i].line))
          e->failed = 1;
        ar->body_bytes += ar->text.len - start;
        a->n_body++;
        keep[k] = 0;
        n_kept++;
        last_body = k;
        continue;
      }
    }
    emit(e, HB_BODY, s, n, e->paras[i].line);
    a->body_bytes += n;
    a->n_body++;
    n_kept++;
    last_body = i;
  }
  (void)last_body;
  for (i = 0; i < e->n_paras && !e->failed; i++) {
    size_t j;
    int dup = 0;
    if (!e->paras[i].is_caption)
      continue;
    for (j = 0; j < i; j++)
      if (e->paras[j].is_caption &&
          same_text(t + pstart[i], pend[i] - pstart[i], t + pstart[j],
                    pend[j] - pstart[j]))
        dup = 1;
    if (dup || pend[i] - pstart[i] < 2)
      continue;
    emit(e, HB_CAPTION, t + pstart[i], pend[i] - pstart[i], e->paras[i].line);
    a->n_captions++;
  }
done:
  kb_free(keep);
  kb_free(pstart);
  kb_free(pend);
}

/* Each block's bytes in the page: from its first traced run's start to
 * its last one's end (when that end is known). */
static void block_sources(html_article *a) {
  size_t b, k = 0;
  for (b = 0; b < a->n_blocks; b++) {
    html_block *bl = &a->blocks[b];
    const html_piece *first = NULL, *last = NULL;
    while (k < a->n_pieces && a->pieces[k].text < bl->start)
      k++;
    for (; k < a->n_pieces && a->pieces[k].text < bl->end; k++) {
      if (first == NULL)
        first = &a->pieces[k];
      last = &a->pieces[k];
    }
    if (first && last->src_end > first->src) {
      bl->src_start = first->src;
      bl->src_end = last->src_end;
    }
  }
}

/* Captions of the article's images outside the main block: figcaption
 * and caption-class elements under the candidate's grandparent, before
 * it. */
static void outer_captions(ex *e, xmlNode *root, xmlNode *best) {
  xmlNode *n;
  for (n = root; n && !e->failed; n = n->next) {
    estat *s;
    if (n == best)
      return;
    if (n->type != XML_ELEMENT_NODE)
      continue;
    s = stat_of(e, n);
    if (s && s->hidden && !is_caption_node(e, n))
      continue;
    if (is_caption_node(e, n) && !(s && (s->tf & TF_HIDDEN))) {
      flush_para(e);
      e->in_caption = 1;
      render(e, n->children);
      flush_para(e);
      e->in_caption = 0;
      continue;
    }
    outer_captions(e, n->children, best);
  }
}

static int contains(const xmlNode *outer, const xmlNode *n) {
  for (; n; n = n->parent)
    if (n == outer)
      return 1;
  return 0;
}

int html_extract(const char *html, size_t len, const char *charset,
                 const char *page_url, html_article *out) {
  ex e;
  xmlDocPtr doc;
  xmlNode *root, *best;
  char tmp[64];
  const char *enc, *declared;
  buf converted = BUF_INIT;
  size_t ti, i;
  memset(out, 0, sizeof *out);
  memset(&e, 0, sizeof e);
  e.a = out;
  html_extract_init();
  if (len > (size_t)INT32_MAX)
    len = (size_t)INT32_MAX;
  if (html == NULL) {
    html = ""; /* an empty record: no pointer arithmetic on NULL below */
    len = 0;
  }
  xmlSetGenericErrorFunc(NULL, silent);
  xmlSetStructuredErrorFunc(NULL, silent_structured);
  enc = declared = choose_charset(html, len, charset, tmp, sizeof tmp);
  page_lines(&e, html, len);
  /* a page not in UTF-8 is converted, by libxml2 or here: its non-ASCII
   * bytes are not the text's */
  e.page_converted = strcasecmp(enc, "UTF-8") != 0;
  if (strcmp(enc, "windows-1252") == 0) {
    if (from_cp1252(html, len, &converted) != 0) {
      buf_free(&converted);
      return -1;
    }
    html = converted.ptr;
    len = converted.len;
    enc = "UTF-8";
  }
  if (drop_script_bodies(html, len, &e.scratch) != 0) {
    buf_free(&e.scratch);
    buf_free(&converted);
    return -1;
  }
  buf_free(&converted);
  html = e.scratch.ptr ? e.scratch.ptr : "";
  len = e.scratch.len;
  doc = htmlReadMemory(html, (int)len, page_url, enc,
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                           HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                           HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT);
  if (doc == NULL && enc)
    doc = htmlReadMemory(html, (int)len, page_url, NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  buf_reset(&e.scratch); /* the copy was only for the parser */
  meta_put(&e, &out->charset, declared, strlen(declared));
  root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (root) {
    collect(&e, doc->children, NULL, 0, 0, 0);
    if (!e.failed)
      find_title(&e);
    best = e.failed ? NULL : best_candidate(&e);
    ti = e.title_node ? text_index(&e, e.title_node)
                      : (best ? text_index(&e, best) : e.n_texts);
    if (!e.failed)
      find_published(&e, ti);
    if (!e.failed && !labelled_author(&e, 0) && !marked_author(&e) &&
        e.author_ld)
      meta_put(&e, &out->author, (const char *)e.author_ld,
               strlen((const char *)e.author_ld));
    if (!e.failed)
      find_url(&e, page_url);
    if (best && !e.failed) {
      xmlNode *top = best->parent && best->parent->parent
                         ? best->parent->parent
                         : best;
      /* the headline block, unless it holds the article */
      if (e.title_node && contains(best, e.title_node))
        (void)0;
      if (top != best)
        outer_captions(&e, top->children, best);
      render(&e, best);
      flush_para(&e);
    }
    if (out->title && !e.failed) {
      /* title first: move it in front (text so far holds nothing) */
    }
  }
  /* the fixed-up metadata pointers are offsets + 1 into meta until the
   * buffer stops moving */
  if (!e.failed) {
    html_article *a = out;
    buf body = BUF_INIT;
    /* title block, then paragraphs */
    if (a->title) {
      const char *tt = meta_str(&e, a->title);
      emit(&e, HB_TITLE, tt, strlen(tt), e.title_node
                                             ? xmlGetLineNo(e.title_node)
                                             : 0);
    }
    if (!e.failed)
      write_paragraphs(&e);
    if (!e.failed)
      block_sources(a);
    if (!e.failed && a->author == NULL && labelled_author(&e, 1))
      (void)0;
    buf_free(&body);
  }
  if (!e.failed) {
    const char **slots[6];
    html_article *a = out;
    slots[0] = &a->title;
    slots[1] = &a->outlet;
    slots[2] = &a->author;
    slots[3] = &a->published;
    slots[4] = &a->url;
    slots[5] = &a->charset;
    buf_putc(&a->text, '\0');
    a->text.len--;
    if (a->text.failed || a->meta.failed)
      e.failed = 1;
    for (i = 0; i < 6 && !e.failed; i++)
      if (*slots[i])
        *slots[i] = a->meta.ptr + ((uintptr_t)*slots[i] - 1);
  }
  for (i = 0; i < e.n_st; i++)
    e.st[i].node->_private = NULL;
  if (doc)
    xmlFreeDoc(doc);
  xmlFree(e.og_title);
  xmlFree(e.title_tag);
  xmlFree(e.og_site);
  xmlFree(e.canonical);
  xmlFree(e.og_url);
  xmlFree(e.item_url);
  xmlFree(e.pub_meta);
  xmlFree(e.pub_ld);
  xmlFree(e.pub_time);
  xmlFree(e.author_ld);
  kb_free(e.st);
  kb_free(e.texts);
  kb_free(e.paras);
  kb_free(e.pieces);
  kb_free(e.line_starts);
  buf_free(&e.scratch);
  if (e.failed) {
    html_article_free(out);
    return -1;
  }
  return 0;
}

void html_article_free(html_article *a) {
  buf_free(&a->text);
  buf_free(&a->meta);
  kb_free(a->blocks);
  kb_free(a->pieces);
  memset(a, 0, sizeof *a);
}
