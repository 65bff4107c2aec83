/*
 * coder.h: events of one sentence, from its tokens and actor mentions.
 * See coder.c for the rules; annals.c drives it article by article.
 */
#ifndef CODER_H
#define CODER_H
#include "actors.h"

/* cod_event.src of violence whose attackers are not named ("three
 * soldiers were killed by a roadside bomb"): annals.c codes them as
 * unidentified armed forces (UAF) of the event's place, or drops them; of
 * an arrest or expulsion with no one named ("arrested in Minsk"): the
 * police (COP) of the place */
#define COD_UNIDENTIFIED (-4)

typedef struct cod_event {
    int src, tgt;        /* mention indexes (src COD_UNIDENTIFIED: see above);
                            tgt -1 when none; tgt COD_UNIDENTIFIED: the
                            unnamed attackers of an act alleged ("Israel
                            said a mortar was fired at it from Gaza"), of
                            the place named after "from" past token
                            from_te, else no event */
    uint32_t from_te;
    int code;            /* index into lex->codes */
    uint32_t ts, te;     /* trigger tokens */
    int statement;       /* a plain statement (010) */
} cod_event;

/* Is an event of this CAMEO code one that happens somewhere (a visit, a
 * protest, an attack), so that its place may stand for its target? */
int cod_located(const char *code);
/* Easing restrictions (081-083), protest, coercion, assault, fight, mass
 * violence: an event of this code
 * in the source's own country is aimed at that country ("police arrested
 * protesters in Cairo", "rebels shelled Aleppo"). */
int cod_domestic(const char *code);

/* The events of tokens [ts, te) with their mentions m; present: the
 * sentence's words (lex_wordset_of).  Returns how many were written to out. */
size_t cod_sentence(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                    const lex_wordset *present, const act_mention *m, size_t nm, cod_event *out, size_t cap);
#endif
