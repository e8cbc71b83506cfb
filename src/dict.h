/*
 * dict.h -- internal interface of the dictionary loader (dict.c) and of
 * the loaders of each data format (dict_actors.c, dict_verbs.c).
 *
 * Formats are documented in docs/DATA.md.  Every loader reads UTF-8 text,
 * one entry per line, '#' comments, through dict_load_file, which names
 * the file and line of any malformed entry.
 */
#ifndef KB_DICT_H
#define KB_DICT_H

#include "kabar_int.h"

/* A line callback: returns 0, -1 when out of memory, or 1 for a malformed
 * line (then *why says what is wrong, a static string). */
typedef int (*dict_line_fn)(kb_dict *d, const char *s, size_t n,
                            const char **why);

/* Loads data file `name` (relative to data/) from data_dir, or from the
 * copy compiled into the library when data_dir is NULL. */
kb_status dict_load_file(kb_dict *d, const char *data_dir, const char *name,
                         dict_line_fn fn, kb_error *err);

/* ---- actors (dict_actors.c) ------------------------------------------ */

typedef enum actor_kind {
  AK_COUNTRY, /* a country's name, short name or abbreviation: "Rusia" */
  AK_CAPITAL, /* a capital used for its government: "Moskow" */
  AK_SEAT,    /* a seat of government: "Kremlin" (code carries the role) */
  AK_ORG,     /* a domestic institution: "TNI" (IDNMIL) */
  AK_IGO,     /* an international organisation: "PBB" (IGOUNO) */
  AK_GROUP,   /* a non-state armed group: "Hamas" (PSEREB) */
  AK_MEDIA,   /* a news agency: "KCNA" (PRKMED): attribution */
  AK_PERSON,  /* a person with date-bounded roles: "Vladimir Putin" */
  AK_AGENT    /* a role word: "presiden" (GOV), "tentara" (MIL) */
} actor_kind;

/* One stint of a person in a role: code valid from..to (yyyymmdd; to 0 =
 * open). */
typedef struct dict_role {
  char code[16];
  long from, to;
  int regional; /* a regional or local office: "Gubernur California" */
} dict_role;

typedef struct dict_actor {
  actor_kind kind;
  char code[16]; /* "RUS", "RUSGOV", "IGOUNO"; the role ("GOV") for agents */
  kb_text name;  /* canonical name: "Rusia", "Vladimir Putin" */
  int regional;  /* agents: a regional or local office ("gubernur",
                    "pemerintah provinsi"), not the state's government */
  dict_role *roles; /* persons only */
  size_t n_roles, cap_roles;
} dict_actor;

kb_status dict_load_actors(kb_dict *d, const char *data_dir, kb_error *err);
void dict_free_actors(kb_dict *d);

/* The person's code on date yyyymmdd: the role valid then, else the
 * country of the nearest role (bare three letters).  Writes into out (16
 * bytes). */
void dict_person_code(const dict_actor *a, long date, char out[16]);

/* Whether the person's role on date yyyymmdd is a regional or local office
 * (governor, mayor, regent): such a person is not the state's government
 * even when both are coded XXXGOV. */
int dict_person_regional(const dict_actor *a, long date);

/* ---- verbs (dict_verbs.c) -------------------------------------------- */

/* Voices a pattern accepts (bits). */
#define VOICE_ACTIVE 0x01u   /* meN-: "mengirim" */
#define VOICE_PASSIVE 0x02u  /* di-: "dikirim" */
#define VOICE_BER 0x04u      /* ber-: "bertemu" */
#define VOICE_TER 0x08u      /* ter-: "terpilih" */
#define VOICE_BARE 0x10u     /* the bare root as a verb: "Kirim" (headline) */
#define VOICE_NOUN 0x20u     /* a nominal trigger: "invasi", "serangan" */
#define VOICE_VERBAL (VOICE_ACTIVE | VOICE_PASSIVE | VOICE_BER | VOICE_TER)

/* Pattern flags. */
#define VF_SYM 0x01u    /* symmetric: "bertemu", "menandatangani pakta" */
#define VF_SPEECH 0x02u /* the target may be a bahwa-clause's subject */
#define VF_INTENT 0x04u /* an intention code (03x) */
#define VF_PATIENT 0x10u /* the phrase holding the object word is the
                            target: "membubarkan partai oposisi" */
#define VF_THROUGH 0x20u /* set for protests (14x): the target search goes
                            on through a following verb, "turun ke jalan
                            menentang X", which is not coded itself */
#define VF_BETWEEN 0x40u /* set for mediation and talks (03x, 04x): an
                            "antara A dan B" phrase names the targets */
#define VF_PLACE 0x80u /* set for force and violence (18x-20x): "sasaran di
                          Iran" -- the place attacked is the target */
#define VF_WITH 0x08u   /* the target is the dengan-phrase only: "membahas
                           X dengan Y" discusses X (a topic) with Y */
#define VF_FUTURE 0x100u /* only announced ("akan merespons dengan tegas":
                            a threat); done, it is no event */
#define VF_FAR 0x200u /* the object may stand ten words after the verb, not
                         five: a verdict follows what it judges ("menilai
                         strategi militer Israel di Gaza telah gagal") */
#define VF_SELF 0x400u /* only the speaker's own words stand between the verb
                          and its object: "memperingatkan bahwa mereka dapat
                          menyerang", not "... bahwa Rusia dapat menyerang" */
#define VF_PER 0x800u /* the verb carries per-: "memperingatkan" (warns),
                         not "mengingat" (considering) */

typedef struct dict_verb {
  char code[5];     /* CAMEO code, "051" */
  kb_text root;     /* lower case: "kirim", "tanda tangan" */
  kb_text *objects; /* roots one of which must follow: "ucap", "salam" */
  size_t n_objects;
  uint32_t *obj_ids; /* each object's id in kb_dict.verb_objects */
  unsigned obj_lens; /* bit DICT_LEN_BIT(len) of each object's length: a
                        word of no such length is no object (code.c) */
  unsigned voices; /* VOICE_* */
  unsigned flags;  /* VF_* */
  size_t next;     /* next pattern with the same root, or (size_t)-1 */
} dict_verb;

#define DICT_LEN_BIT(len) (1u << ((len) < 31 ? (len) : 31))

kb_status dict_load_verbs(kb_dict *d, const char *data_dir, kb_error *err);
void dict_free_verbs(kb_dict *d);

/* The Goldstein value of a CAMEO code; 0 when unknown (*found 0). */
double dict_goldstein(const kb_dict *d, const char *code, int *found);

#endif
