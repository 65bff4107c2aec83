/*
 * actors.h: find the actors of a sentence.
 *
 * From dictionary pieces (country names, demonyms, capitals, seats of
 * government, organisations, people, agents, back-references) to actor
 * mentions with a CAMEO code: "Chinese Foreign Minister Wang Yi" is one
 * mention CHNGOV, "Russian troops" RUSMIL, "Russia and China" two mentions in
 * one group, "the two leaders" the last two people seen in the article.
 * The article memory (people and states already seen) lives in act_memory.
 */
#ifndef ACTORS_H
#define ACTORS_H
#include "lexicon.h"

enum act_kind { AK_STATE = 1, AK_PERSON, AK_ORG, AK_AGENT, AK_ADJ };

typedef struct act_mention {
    uint32_t ts, te;      /* token span [ts, te) in the article's tokens */
    char code[16];        /* CAMEO actor code */
    uint16_t country;     /* lexicon country index, 0 none */
    uint8_t kind;         /* AK_* */
    uint8_t poss;         /* followed by 's */
    uint8_t reporter;     /* "according to X" */
    uint8_t backref;      /* from a pronoun or back-reference */
    uint8_t bare;         /* an agent named without its state ("rebels",
                             "police"): the state comes from the sentence's
                             place or the article's main state */
    uint8_t ethnic;       /* "ethnic Albanians": a people, whose state is
                             the sentence's place when it names one */
    uint8_t people;       /* a people ("two Americans"), not its state */
    uint8_t capital;      /* a capital standing for its government ("Beijing
                             said"); before an event noun it is the place
                             ("the Abuja talks") */
    uint8_t loc;          /* 1: a place after in/at/to ("talks in Moscow"), 2: a
                             capital modifying a noun ("the Abuja talks"):
                             never a subject, a target only for events that
                             happen somewhere (visits, protests, attacks) */
    int32_t person;       /* person index, -2 a titled name not in the dictionary, -1 none */
    int32_t group;        /* compound group id (index of first member) */
} act_mention;

#define ACT_MEM 16
typedef struct act_memory {
    int32_t persons[ACT_MEM];   /* most recent first: person index */
    char person_code[ACT_MEM][16];
    uint16_t person_country[ACT_MEM];
    size_t npersons;
    uint16_t states[ACT_MEM];   /* most recent first: country index */
    size_t nstates;
    uint8_t *seen_person;       /* per person: named in full in this article */
    size_t seen_cap;
    uint16_t *state_freq;       /* per country index: mentions in this article */
    size_t state_cap;
    uint16_t person_freq[ACT_MEM]; /* mentions of persons[k] */
    char last_group[4][16];     /* the last compound subject's members */
    uint16_t last_group_country[4];
    size_t nlast_group;
    size_t sent_remembered;     /* mentions of this sentence already remembered */
} act_memory;

/* Find the mentions in tokens [ts, te); present: the words of those tokens
 * (lex_wordset_of).  date: yyyymmdd of the article (0 unknown).  Returns the number written to out (capacity cap). */
size_t act_find(const annals_lexicon *lex, const char *text, const txt_token *toks, uint32_t ts, uint32_t te,
                const lex_wordset *present, int32_t date, act_memory *mem, act_mention *out, size_t cap);

/* Remember the sentence's mentions for back-references. */
void act_remember(const annals_lexicon *lex, act_memory *mem, const act_mention *m, size_t n);

/* A verb of firing or crossing ("fired", "launched", "crossed"): a place
 * after "from" near it is where attackers came from (settle_bare here,
 * annals.c for attackers nobody names). */
int act_fires_from(const annals_lexicon *lex, const txt_token *t);
void act_memory_reset(act_memory *mem);
#endif
