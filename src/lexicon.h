/*
 * lexicon.h: the dictionaries, loaded once and shared read-only.
 *
 * Every word any dictionary uses is interned into one table (ids from 1);
 * a sentence's tokens are looked up once (lex_tag) and from then on every
 * comparison is an integer compare.  Inflected forms (met, meets, talks,
 * troops) are interned too, pointing at their lemma, so a pattern written
 * "meet" matches "met" without any string work at coding time.
 *
 * Phrases (countries, capitals, people, organisations, agents, back-
 * references) and event patterns are indexed by their first word id.
 */
#ifndef LEXICON_H
#define LEXICON_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "annals.h"
#include "arena.h"
#include "text.h"

/* word classes (data/words.txt) */
enum {
    W_DET = 1u << 0,      /* a, an, the */
    W_POSSPRON = 1u << 1, /* his, her, its, their */
    W_SUBORD = 1u << 2,   /* opens a clause: as, while, which, who ... */
    W_NEG = 1u << 3,      /* not, n't, never, no */
    W_FUTURE = 1u << 4,   /* will, shall, 'll */
    W_AUX = 1u << 5,      /* has, have, had, do, did, is, was ... */
    W_BE = 1u << 6,       /* is, are, was, were, be, been, being */
    W_REPORT = 1u << 7,   /* say, tell, add, state (reporting verbs) */
    W_LOCPREP = 1u << 8,  /* in, at, near: a capital after it is a place */
    W_PRON_SG = 1u << 9,  /* he, she, him, her */
    W_PRON_PL = 1u << 10, /* they, them */
    W_ADV = 1u << 11,     /* adverbs skipped between subject and verb */
    W_INTENT = 1u << 12,  /* plan, intend, expect (+ to): intent */
    W_TITLE = 1u << 13,   /* mr, president: a short name may follow */
    W_COORD = 1u << 14,   /* and */
    W_FORMER = 1u << 15,  /* former, ex, then, late */
    W_COND = 1u << 16,    /* if, unless: hypothetical clause */
    W_PREP = 1u << 17,    /* any preposition */
    W_CONDMOD = 1u << 18, /* would, could, might, may */
    W_PERSONNOUN = 1u << 19, /* a noun naming one person (leader, minister) */
    W_BREAK = 1u << 20,   /* a verb that ends subject search (unknown verb) */
    W_ACCORD = 1u << 21,  /* "according" (to X): X is a reporter */
    W_PRON_POSS = 1u << 22, /* his, her (resolve to a person) */
    W_APPEAL = 1u << 23,  /* want, ask, urge (X to ...): an appeal to X */
    W_DEMAND = 1u << 24,  /* order, demand (X to ...): a demand on X */
    W_RECIP = 1u << 25,   /* each, other, one, another: "each other" */
    W_THREAT = 1u << 26,  /* threaten, warn (+ to): a threat of what follows */
    W_PRON_IT = 1u << 27, /* it: the state or organisation named before it */
    W_REGION = 1u << 28,  /* north, southeastern, parts (of): "in southeastern Serbia" */
    W_AVERT = 1u << 29    /* avert, face, propose (+ noun): the act did not happen */
};

/* Semantic word classes (lex_word.sem), for the sense of a sentence rather
 * than its grammar. */
enum lex_sem {
    S_EXPLOSIVE = 1u << 0, /* bomb, IED: killings by unnamed attackers are bombings (183) */
    S_WEAPON = 1u << 1,    /* attack, mortar, bomb: "a mortar attack killed ...": no attacker named */
    S_ACCIDENT = 1u << 2,  /* crash, earthquake: deaths with no attackers at all */
    S_SPORT = 1u << 3,     /* match, coach, semifinal: "beat", "attack", "slam" are sport */
    S_LEGAL = 1u << 4,     /* charged (with), inquiry (into): the act after it is not news */
    S_PLAN = 1u << 5,      /* request, plan, bid (to V): the act after it has not happened */
    S_HEAD = 1u << 6,      /* victim, suspect, case: "kidnap victim", an event noun before it is a modifier */
    S_SPAN = 1u << 7       /* years, decades (of): "four years of fighting" is no event of the day */
};

typedef struct lex_word {
    uint32_t str;      /* offset in strs */
    uint32_t len;
    uint32_t cls;      /* W_* bits */
    uint8_t sem;       /* S_* bits */
    uint32_t lemma;    /* lemma word id (itself when none) */
    uint32_t lemma2;   /* second lemma or 0 */
} lex_word;

enum lex_phrase_kind {
    PH_COUNTRY = 1, PH_DEMONYM, PH_CAPITAL, PH_SEAT, PH_ORG,
    PH_PERSON, PH_PERSON_SHORT, PH_PERSON_LATE, PH_AGENT, PH_BACKREF
};

enum lex_backref { BR_PERSONS = 1, BR_STATES, BR_GROUP, BR_COUNTERPART };

/* A 256-bit set of word ids, for a quick "are these words in this
 * sentence" test before a pattern is tried token by token. */
typedef struct lex_wordset {
    uint64_t b[4];
} lex_wordset;
static inline uint32_t lex_word_bit(uint32_t id) { return (id * 2654435761u) >> 24; }
static inline void lex_wordset_add(lex_wordset *s, uint32_t id) {
    if (id) s->b[lex_word_bit(id) >> 6] |= 1ull << (lex_word_bit(id) & 63);
}
/* May word id be in the set?  (0: surely not; 1: perhaps, a bit is shared) */
static inline int lex_wordset_may(const lex_wordset *s, uint32_t id) {
    return id && (s->b[lex_word_bit(id) >> 6] >> (lex_word_bit(id) & 63) & 1);
}
typedef struct lex_phrase {
    uint32_t words;    /* offset in phrase_words */
    uint8_t n;         /* number of words */
    uint8_t kind;      /* PH_* */
    uint8_t count;     /* backrefs: how many (2, 3) */
    uint8_t pad;
    uint32_t capmask;  /* word i must start with a capital */
    uint32_t upmask;   /* word i must be all capitals (US, UK) */
    uint32_t data;     /* country/code/person/agent index by kind */
    uint64_t rest[4];  /* word bits of words 2..n (see lex_wordset) */
} lex_phrase;

typedef struct lex_role {
    char code[16];
    int32_t start, end; /* yyyymmdd */
    uint16_t country;   /* country index of the code, 0 for organisations */
} lex_role;

typedef struct lex_person {
    uint32_t name;     /* offset in strs (canonical name) */
    uint32_t role0, nroles;
    uint16_t country;  /* index of the country of its most recent role, 0 none */
} lex_person;

typedef struct lex_agent {
    char role[4];
    uint8_t single;    /* names one person (president) */
} lex_agent;

enum lex_elem_type { E_WORD = 1, E_GAP, E_SLOT_S, E_SLOT_T };
#define LEX_MAX_ALT 8
typedef struct lex_elem {
    uint8_t type, opt, nalt, pad;
    uint32_t alt[LEX_MAX_ALT];
    uint64_t bits[4];  /* lex_word_bit of each alternative (word elements) */
} lex_elem;

static inline int lex_wordset_all(const uint64_t *bits, const lex_wordset *s) {
    return !((bits[0] & ~s->b[0]) | (bits[1] & ~s->b[1]) | (bits[2] & ~s->b[2]) | (bits[3] & ~s->b[3]));
}
/* Can the element match some word of the set? */
static inline int lex_elem_possible(const lex_elem *x, const lex_wordset *s) {
    return ((x->bits[0] & s->b[0]) | (x->bits[1] & s->b[1]) | (x->bits[2] & s->b[2]) | (x->bits[3] & s->b[3])) != 0;
}

typedef struct lex_pattern {
    uint32_t elem;     /* offset in elems */
    uint8_t nelem;
    uint8_t noun;      /* noun trigger */
    uint8_t stop;      /* stop pattern: codes nothing */
    uint8_t nwords;    /* specificity: number of word elements */
    int16_t code;      /* index in codes, -1 for stop */
    uint8_t lead_t;    /* written "+T verb ...": the clause subject is the target */
    uint8_t pad;
    uint32_t line;
    uint64_t need[4];  /* word bits of its required one-word elements after the first */
} lex_pattern;

typedef struct lex_code {
    char code[5];
    char root[3];
    uint8_t quad;
    double goldstein;
    const char *plover;  /* NULL if none */
    const char *name;
} lex_code;

struct annals_lexicon {
    arena mem;
    char *strs;
    size_t strs_len, strs_cap;
    lex_word *words;     /* [0] unused */
    size_t nwords, words_cap;
    uint32_t *hash;      /* open addressing: word id | hash tag (lexicon.c) */
    size_t hash_cap;

    lex_phrase *phrases;
    size_t nphrases, phrases_cap;
    uint32_t *phrase_words;
    size_t nphrase_words, phrase_words_cap;
    uint32_t *ph_first_start; /* CSR by first word id: [nwords+1] */
    uint32_t *ph_first;

    char (*countries)[4];
    size_t ncountries, countries_cap; /* [0] = "" */
    char (*codes_str)[16];            /* actor codes for seats and orgs */
    uint16_t *codes_country;          /* their country index, 0 none */
    size_t ncodes_str, codes_str_cap, codes_country_cap;
    lex_person *people;
    size_t npeople, people_cap;
    lex_role *roles;
    size_t nroles, roles_cap;
    lex_agent *agents;
    size_t nagents, agents_cap;

    lex_elem *elems;
    size_t nelems, elems_cap;
    lex_pattern *patterns;
    size_t npatterns, patterns_cap;
    uint32_t *pat_first_start; /* CSR by anchor word id */
    uint32_t *pat_first;
    struct lex_ph_ref {        /* parallel to ph_first: what the scan needs */
        uint64_t rest[4];
        uint32_t second;       /* id of the second word, 0 for one word;
                                  each first word's entries sorted by it */
        uint8_t n, kind, pad[2];
    } *ph_ref;
    struct lex_pat_ref {       /* parallel to pat_first: what the scan needs */
        uint64_t need[4];      /* the pattern's need bits */
        uint32_t nwords;
        uint32_t second;       /* the one word that must follow the anchor
                                  (determiners aside), 0 when not so simple;
                                  each anchor's entries sorted by it */
    } *pat_ref;

    lex_code *codes;
    size_t ncodes;
    int16_t code_index[50000]; /* len*10000 + value -> index+1 */
    int16_t intent[21];        /* root -> code index, -1 none */
    int16_t refuse[21];        /* root -> code of its refusal ("will not"), -1 none */
    int16_t code_statement;    /* 010 */
    int16_t code_appeal, code_demand, code_threat; /* 020, 100, 130 */
    int16_t code_kill, code_bombing;               /* 190, 183 */
    int16_t code_seize, code_abduct;               /* 171, 181 */
    int16_t code_criticize, code_accuse;           /* 111, 112 */
    int16_t code_claim, code_riot;                 /* 015, 145 */
    int16_t code_air, code_peacekeep;              /* 195, 074 */

    uint32_t w_s;              /* id of "'s" */
    uint32_t w_of, w_by, w_and, w_between, w_to, w_with, w_on, w_against, w_from;
    uint32_t w_counterpart, w_including, w_according, w_both, w_mr, w_say, w_as, w_that, w_must, w_should, w_ought, w_agree, w_sign, w_but, w_or;
    uint32_t w_refuse, w_decline, w_fail, w_face;
    char datadir[1024];
};

/* Word id of a normalised string, 0 if not in the lexicon. */
uint32_t lex_find(const annals_lexicon *lex, const char *norm, size_t len);
/* Set word/lemma ids of tokens. */
/* A small direct-mapped memory of recent lookups (one per coder: words
 * repeat, the lexicon's table is bigger than the CPU's near caches). */
#define LEX_MEMO 4096
typedef struct lex_memo {
    uint64_t hash[LEX_MEMO]; /* full 64-bit hash of the normalised word, 0 empty */
    uint32_t id[LEX_MEMO];   /* its word id (0: not in the lexicon) */
} lex_memo;
void lex_tag(const annals_lexicon *lex, const char *text, txt_token *toks, size_t n, lex_memo *memo);
/* Text of word id. */
const char *lex_word_str(const annals_lexicon *lex, uint32_t id);
/* CAMEO code lookup: index into codes or -1. */
int lex_code_find(const annals_lexicon *lex, const char *code);
/* Does token t match word id w (itself or through its lemma)? */
static inline int lex_tok_is(const txt_token *t, uint32_t w) {
    return w && (t->word == w || t->lemma == w || t->lemma2 == w);
}
/* The word's semantic classes (S_*). */
static inline uint32_t lex_sem(const annals_lexicon *lex, const txt_token *t) {
    return t->word ? lex->words[t->word].sem : 0;
}

/* The word's classes; intent verbs are listed in their base form and
 * classify every inflection ("planned to", "is expected to"). */
static inline uint32_t lex_cls(const annals_lexicon *lex, const txt_token *t) {
    if (!t->word) return 0;
    uint32_t c = lex->words[t->word].cls;
    if (t->lemma && t->lemma != t->word) c |= lex->words[t->lemma].cls & (W_INTENT | W_THREAT | W_AVERT);
    return c;
}
/* In the sorted bucket [lo, hi) of ph_ref or pat_ref (element size, offset
 * of `second`), the first entry whose second word is >= w. */
uint32_t lex_bucket_find(const void *refs, size_t size, size_t off, uint32_t lo, uint32_t hi, uint32_t w);
/* An inflected verb form ("forced", "dealing"): the word differs from its
 * lemma and ends in -ed or -ing. */
int lex_verb_form(const annals_lexicon *lex, const txt_token *t);
/* The word set of tokens [ts, te): words, lemmas and second lemmas. */
static inline void lex_wordset_of(const txt_token *toks, uint32_t ts, uint32_t te, lex_wordset *s) {
    memset(s, 0, sizeof *s);
    for (uint32_t i = ts; i < te; i++) {
        lex_wordset_add(s, toks[i].word);
        lex_wordset_add(s, toks[i].lemma);
        lex_wordset_add(s, toks[i].lemma2);
    }
}
/* Person's role valid on date (yyyymmdd, 0 = today/latest): NULL if none. */
const lex_role *lex_person_role(const annals_lexicon *lex, const lex_person *p, int32_t date);

#endif
