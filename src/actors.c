/*
 * actors.c: actor mentions of a sentence, from dictionary pieces.
 *
 * Pass 1 finds pieces: at each token the longest dictionary phrase starting
 * there (indexed by first word id; a phrase word matches the token or its
 * lemma; capitalised dictionary words need a capital in the text, short
 * all-capitals ones such as "US" need all capitals).  Pronouns are pieces too.
 * Pass 2 composes pieces into mentions: a country word before an agent
 * ("Russian troops", "China's foreign ministry") or after it ("President of
 * Russia") gives COUNTRY+ROLE; a title before a person gives the person; a
 * person gets the code of the office held on the article's date (former:
 * ELI); back-references read the article memory.  Pass 3 joins mentions
 * separated only by commas and "and" into compound groups.
 */
#include "actors.h"
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

enum { PK_PRONOUN = 100 };

typedef struct piece {
    uint32_t ts, te;
    uint8_t kind;   /* PH_* or PK_PRONOUN */
    uint8_t count;
    uint32_t data;
    uint32_t cls;   /* pronoun word class */
} piece;

void act_memory_reset(act_memory *mem) {
    mem->npersons = 0;
    mem->nstates = 0;
    mem->nlast_group = 0;
    if (mem->seen_person) memset(mem->seen_person, 0, mem->seen_cap);
    if (mem->state_freq) memset(mem->state_freq, 0, mem->state_cap * sizeof *mem->state_freq);
}

/* The n states mentioned most in the article so far (ties: most recent). */
static size_t top_states(const act_memory *mem, size_t n, uint16_t *out) {
    size_t k = 0;
    uint8_t used[ACT_MEM] = {0};
    while (k < n) {
        int best = -1;
        for (size_t q = 0; q < mem->nstates; q++) {
            if (used[q]) continue;
            uint16_t f = mem->state_freq && mem->states[q] < mem->state_cap ? mem->state_freq[mem->states[q]] : 0;
            uint16_t bf = best < 0 ? 0 : (mem->state_freq ? mem->state_freq[mem->states[best]] : 0);
            if (best < 0 || f > bf) best = (int)q;
        }
        if (best < 0) break;
        used[best] = 1;
        out[k++] = mem->states[best];
    }
    return k;
}

static size_t top_persons(const act_memory *mem, size_t n, size_t *out) {
    size_t k = 0;
    uint8_t used[ACT_MEM] = {0};
    while (k < n) {
        int best = -1;
        for (size_t q = 0; q < mem->npersons; q++) {
            if (used[q]) continue;
            if (best < 0 || mem->person_freq[q] > mem->person_freq[best]) best = (int)q;
        }
        if (best < 0) break;
        used[best] = 1;
        out[k++] = (size_t)best;
    }
    return k;
}

static int kind_rank(uint8_t k) {
    switch (k) {
    case PH_PERSON: return 9;
    case PH_SEAT: return 8;
    case PH_ORG: return 7;
    case PH_COUNTRY: return 6;
    case PH_PERSON_SHORT: return 5;
    case PH_PERSON_LATE: return 5;
    case PH_CAPITAL: return 4;
    case PH_BACKREF: return 4;
    case PH_AGENT: return 3;
    case PH_DEMONYM: return 2;
    default: return 1;
    }
}

static int phrase_at(const annals_lexicon *lex, const txt_token *toks, uint32_t i, uint32_t te,
                     const lex_phrase *p) {
    if (i + p->n > te) return 0;
    for (uint32_t k = 0; k < p->n; k++) {
        const txt_token *t = &toks[i + k];
        uint32_t w = lex->phrase_words[p->words + k];
        if (!lex_tok_is(t, w)) return 0;
        if ((p->capmask >> k & 1) && !(t->flags & TXT_CAP)) return 0;
        if ((p->upmask >> k & 1) && !(t->flags & TXT_UPPER)) return 0;
    }
    return 1;
}

/* Try phrase index entry k at token i: keep it in *best when it matches and
 * is longer, or as long and of a stronger kind. */
static void consider(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t i, uint32_t te,
                     const act_memory *mem, const piece *out, size_t np, const lex_wordset *present, uint32_t k,
                     const lex_phrase **best) {
    const struct lex_ph_ref *r = &lex->ph_ref[k];
    const lex_phrase *bp = *best;
    if (bp && (r->n < bp->n || (r->n == bp->n && kind_rank(r->kind) <= kind_rank(bp->kind)))) return;
    if (r->n > 1 && !lex_wordset_all(r->rest, present)) return;
    if (i + r->n > te) return;
    const lex_phrase *p = &lex->phrases[lex->ph_first[k]];
    if (!phrase_at(lex, toks, i, te, p)) return;
    if (p->kind == PH_PERSON_LATE) {
        int titled = i > ts && (lex_cls(lex, &toks[i - 1]) & W_TITLE);
        int seen = mem->seen_person && p->data < mem->seen_cap && mem->seen_person[p->data];
        for (size_t q = 0; q < np && !seen; q++) /* named in full earlier in this sentence */
            if (out[q].kind == PH_PERSON && out[q].data == p->data) seen = 1;
        if (!titled && !seen) return;
    }
    *best = p;
}

/* The longest dictionary phrase starting at token i, or NULL.  (Inlined:
 * it runs for every token.) */
static inline __attribute__((always_inline)) const lex_phrase *phrase_at_tok(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t i,
                                       uint32_t te, const lex_wordset *present, const act_memory *mem,
                                       const piece *out, size_t np) {
    const txt_token *t = &toks[i];
    const lex_phrase *best = NULL;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t key = pass == 0 ? t->word : t->lemma;
        if (pass == 1 && key == t->word) break;
        if (pass == 1 && lex_verb_form(lex, t)) break; /* "Russia forced", "Syria pressed" */
        uint32_t a = lex->ph_first_start[key], b = lex->ph_first_start[key + 1];
        if (b - a <= 8 || i + 1 >= te) {
            for (uint32_t k = a; k < b; k++) consider(lex, toks, ts, i, te, mem, out, np, present, k, &best);
            continue;
        }
        /* a long bucket ("the ..."): one-word phrases, then only those
         * whose second word is the next token's (sorted by it) */
        for (uint32_t k = a; k < b && !lex->ph_ref[k].second; k++)
            consider(lex, toks, ts, i, te, mem, out, np, present, k, &best);
        const txt_token *nt = &toks[i + 1];
        uint32_t seconds[3] = {nt->word, nt->lemma, nt->lemma2};
        for (int q = 0; q < 3; q++) {
            uint32_t w = seconds[q];
            if (!w || (q > 0 && (w == seconds[0] || (q == 2 && w == seconds[1])))) continue;
            uint32_t lo =
                lex_bucket_find(lex->ph_ref, sizeof *lex->ph_ref, offsetof(struct lex_ph_ref, second), a, b, w);
            for (uint32_t k = lo; k < b && lex->ph_ref[k].second == w; k++)
                consider(lex, toks, ts, i, te, mem, out, np, present, k, &best);
        }
    }
    return best;
}

static size_t find_pieces(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t te,
                          const lex_wordset *present, const act_memory *mem, piece *out, size_t cap) {
    size_t np = 0;
    for (uint32_t i = ts; i < te && np < cap;) {
        const txt_token *t = &toks[i];
        if (!t->word) {
            i++;
            continue;
        }
        const lex_phrase *best = phrase_at_tok(lex, toks, ts, i, te, present, mem, out, np);
        /* "The UN Security Council": "the UN" must not hide a longer name
         * right after the determiner */
        if (best && best->n >= 2 && (lex_cls(lex, t) & W_DET) && i + 1 < te && toks[i + 1].word) {
            const lex_phrase *b2 = phrase_at_tok(lex, toks, ts, i + 1, te, present, mem, out, np);
            if (b2 && i + 1 + b2->n > i + best->n) best = NULL;
        }
        if (best) {
            piece *pc = &out[np++];
            pc->ts = i;
            pc->te = i + best->n;
            pc->kind = best->kind;
            pc->count = best->count;
            pc->data = best->data;
            pc->cls = 0;
            i += best->n;
            continue;
        }
        uint32_t c = lex->words[t->word].cls;
        if (c & (W_PRON_SG | W_PRON_PL | W_PRON_POSS | W_PRON_IT)) {
            piece *pc = &out[np++];
            pc->ts = i;
            pc->te = i + 1;
            pc->kind = PK_PRONOUN;
            pc->cls = c;
            pc->data = 0;
            pc->count = 0;
        }
        i++;
    }
    return np;
}

static void remember_person(act_memory *mem, int32_t person, const char *code, uint16_t country) {
    size_t k;
    for (k = 0; k < mem->npersons; k++)
        if (mem->persons[k] == person && (person >= 0 || !strcmp(mem->person_code[k], code))) break;
    if (k == mem->npersons) {
        if (mem->npersons < ACT_MEM) mem->npersons++;
        k = mem->npersons - 1;
    }
    uint16_t freq = (uint16_t)(k < mem->npersons && mem->persons[k] == person ? mem->person_freq[k] + 1 : 1);
    for (; k > 0; k--) {
        mem->persons[k] = mem->persons[k - 1];
        memcpy(mem->person_code[k], mem->person_code[k - 1], 16);
        mem->person_country[k] = mem->person_country[k - 1];
        mem->person_freq[k] = mem->person_freq[k - 1];
    }
    mem->person_freq[0] = freq;
    mem->persons[0] = person;
    snprintf(mem->person_code[0], 16, "%s", code);
    mem->person_country[0] = country;
}

static void remember_state(act_memory *mem, uint16_t country) {
    if (!country) return;
    if (mem->state_freq && country < mem->state_cap) mem->state_freq[country]++;
    size_t k;
    for (k = 0; k < mem->nstates; k++)
        if (mem->states[k] == country) break;
    if (k == mem->nstates) {
        if (mem->nstates < ACT_MEM) mem->nstates++;
        k = mem->nstates - 1;
    }
    for (; k > 0; k--) mem->states[k] = mem->states[k - 1];
    mem->states[0] = country;
}

void act_remember(const annals_lexicon *lex, act_memory *mem, const act_mention *m, size_t n) {
    (void)lex;
    size_t from = mem->sent_remembered;
    mem->sent_remembered = 0;
    for (size_t i = from; i < n; i++) {
        if (m[i].backref || m[i].loc) continue;
        if (m[i].kind == AK_PERSON || (m[i].kind == AK_AGENT && m[i].person != -1))
            remember_person(mem, m[i].person, m[i].code, m[i].country);
        if (m[i].country) remember_state(mem, m[i].country);
    }
}

static void set_country_code(const annals_lexicon *lex, act_mention *m, uint16_t country, const char *role) {
    m->country = country;
    snprintf(m->code, sizeof m->code, "%s%s", lex->countries[country], role ? role : "");
}

static void person_mention(const annals_lexicon *lex, act_mention *m, uint32_t pid, int32_t date, int former) {
    const lex_person *p = &lex->people[pid];
    const lex_role *r = former ? NULL : lex_person_role(lex, p, date);
    m->kind = AK_PERSON;
    m->person = (int32_t)pid;
    if (r) {
        snprintf(m->code, sizeof m->code, "%s", r->code);
        m->country = r->country;
        return;
    }
    if (p->country) {
        set_country_code(lex, m, p->country, "ELI");
        return;
    }
    /* an international official with no country: last role's code */
    if (p->nroles) {
        snprintf(m->code, sizeof m->code, "%s", lex->roles[p->role0 + p->nroles - 1].code);
        m->country = 0;
    } else {
        m->kind = 0;
    }
}

static int is_country_piece(const piece *p) {
    return p->kind == PH_COUNTRY || p->kind == PH_DEMONYM || p->kind == PH_CAPITAL;
}

static int former_before(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t i) {
    for (uint32_t k = i; k > ts && k + 3 > i; k--) {
        const txt_token *t = &toks[k - 1];
        if (t->kind == TXT_PUNCT && t->punct == '-') continue;
        if (lex_cls(lex, t) & W_FORMER) return 1;
        if (lex_cls(lex, t) & W_DET) continue;
        break;
    }
    return 0;
}

/* "Mali received military aid": an inflected event verb between a
 * country and an agent word does not join them */
static int inflected_trigger(const annals_lexicon *lex, const txt_token *g) {
    if (!g->word || !g->lemma || g->lemma == g->word) return 0;
    return lex->pat_first_start[g->lemma] < lex->pat_first_start[g->lemma + 1] ||
           lex->pat_first_start[g->word] < lex->pat_first_start[g->word + 1];
}

static int word_in(const annals_lexicon *lex, const txt_token *t, const char *const *list) {
    if (!t->word) return 0;
    const char *w = lex_word_str(lex, t->word);
    for (; *list; list++)
        if (!strcmp(w, *list)) return 1;
    return 0;
}

/* the token's text (any case) is one of list: for words no dictionary
 * interns ("loyal") */
static int text_in(const char *text, const txt_token *t, const char *const *list) {
    size_t n = t->end - t->start;
    for (; *list; list++)
        if (strlen(*list) == n && !strncasecmp(text + t->start, *list, n)) return 1;
    return 0;
}

static int agent_place_prep(const annals_lexicon *lex, const txt_token *t) {
    static const char *const preps[] = {"in", "from", "throughout", NULL};
    return word_in(lex, t, preps);
}

/* Is t a word some event pattern starts with ("reject", "talks")? */
static int is_event_word(const annals_lexicon *lex, const txt_token *t) {
    return (t->word && lex->pat_first_start[t->word] < lex->pat_first_start[t->word + 1]) ||
           (t->lemma && lex->pat_first_start[t->lemma] < lex->pat_first_start[t->lemma + 1]);
}

/* Does the state piece nx say whose an agent ending at token `after` is?
 * "troops of Russia", "rebels in the Ivory Coast", "dissidents from
 * military-ruled Myanmar", "workers affiliated with the Serbian union",
 * "militias loyal to Iran" */
static int agent_of_state(const annals_lexicon *lex, const char *text, const txt_token *toks, uint32_t after,
                          uint32_t te, const piece *nx) {
    static const char *const bond[] = {"affiliated", "allied", "loyal", "linked", "belonging", "tied", NULL};
    if (after >= te) return 0;
    uint32_t q = after;
    int affiliation = 0;
    if (lex_tok_is(&toks[q], lex->w_of) || agent_place_prep(lex, &toks[q])) {
        q++;
    } else if (text_in(text, &toks[q], bond) && q + 1 < te &&
               (lex_tok_is(&toks[q + 1], lex->w_with) || lex_tok_is(&toks[q + 1], lex->w_to))) {
        q += 2;
        affiliation = 1;
    } else {
        return 0;
    }
    if (q < te && (lex_cls(lex, &toks[q]) & W_DET)) q++;
    /* a hyphenated modifier: "military-ruled" */
    if (q + 3 < te && toks[q].kind == TXT_WORD && !(toks[q].flags & TXT_CAP) && toks[q + 1].kind == TXT_PUNCT &&
        toks[q + 1].punct == '-' && !(toks[q + 1].flags & TXT_SPACE) && !(toks[q + 2].flags & TXT_SPACE) &&
        toks[q + 2].kind == TXT_WORD)
        q += 3;
    if (nx->ts != q) return 0;
    return nx->kind == PH_COUNTRY || nx->kind == PH_CAPITAL || (affiliation && nx->kind == PH_DEMONYM);
}

/* "in Moscow", "at the Kremlin", "near Russia": a place preposition right
 * before (through a determiner) */

static int in_place(const annals_lexicon *lex, const txt_token *toks, uint32_t ts, uint32_t i) {
    static const char *const preps[] = {"in", "at", "near", "inside", "around", "across", "throughout", "within",
                                        NULL};
    static const char *const waters[] = {"sea", "gulf", "bay", "strait", "straits", "ocean", NULL};
    /* "the Sea of Japan", "the Gulf of Aden": a name of the water */
    if (i >= ts + 2 && lex_tok_is(&toks[i - 1], lex->w_of) && (toks[i - 2].flags & TXT_CAP) &&
        word_in(lex, &toks[i - 2], waters))
        return 1;
    /* "in the east of the Gaza Strip", "in northern Syria", "in parts of Iraq" */
    for (int n = 0; n < 5 && i > ts; n++, i--) {
        const txt_token *t = &toks[i - 1];
        if (word_in(lex, t, preps)) return 1;
        if (!(lex_cls(lex, t) & (W_DET | W_REGION))) return 0;
    }
    return 0;
}

/* Only time words, "here" and the like up to the end of the sentence? */
static int closing_clause(const annals_lexicon *lex, const txt_token *toks, uint32_t i, uint32_t te) {
    for (; i < te; i++) {
        const txt_token *t = &toks[i];
        if (t->kind == TXT_PUNCT) {
            if (t->punct == '.' || t->punct == '"' || t->punct == '\'' || t->punct == ')') continue;
            return 0;
        }
        if (!(lex_cls(lex, t) & (W_ADV | W_PREP | W_DET)) && t->kind != TXT_NUM) return 0;
    }
    return 1;
}

/* Groups that act in politics on their own account: rebels, opposition,
 * separatists, radicals, police, soldiers, unions.  Civilians, companies, media and
 * governments named without their state are too often someone else's. */
static int bare_role(const char *role) {
    static const char *const ok[] = {"REB", "OPP", "SEP", "COP", "MIL", "LAB", "UAF", "RAD", NULL};
    for (const char *const *r = ok; *r; r++)
        if (!strcmp(role, *r)) return 1;
    return 0;
}

int act_fires_from(const annals_lexicon *lex, const txt_token *t) {
    static const char *const launch[] = {"fire", "fired", "launch", "launched", "lob", "lobbed", "shoot", "shot",
                                         "cross", "crossed", "infiltrate", "infiltrated", NULL};
    return word_in(lex, t, launch);
}

/* "Russian-made rockets", "a US-backed leader", "a Swiss-based group": a
 * state that made, backs or houses a thing is no actor of the sentence
 * ("US-led forces" are led by it, a "US-sponsored resolution" is its
 * proposal: kept).  The mentions left. */
static size_t drop_makers(const char *text, const txt_token *toks, uint32_t te, act_mention *m, size_t nm) {
    static const char *const made[] = {"made", "built", "based", "owned", "backed", "funded", "trained", "supplied",
                                       "designed", "manufactured", "financed", "armed", NULL};
    size_t w = 0;
    int32_t to[256];
    for (size_t k = 0; k < nm; k++) {
        to[k] = -1;
        uint32_t e = m[k].te;
        if (e + 1 < te && toks[e].kind == TXT_PUNCT && toks[e].punct == '-' && !(toks[e].flags & TXT_SPACE) &&
            toks[e + 1].kind == TXT_WORD && !(toks[e + 1].flags & TXT_SPACE) && text_in(text, &toks[e + 1], made) &&
            m[k].group < 0)
            continue;
        to[k] = (int32_t)w;
        m[w++] = m[k];
    }
    for (size_t k = 0; k < w; k++)
        if (m[k].group >= 0) m[k].group = to[m[k].group];
    return w;
}

/* The state of agents named without one: the state of the place the
 * sentence names ("protesters ... in Baku"); agents left without one get
 * the event's place from the gazetteer later, or their events are dropped
 * (annals.c). */
static size_t settle_bare(const annals_lexicon *lex, const txt_token *toks, uint32_t te, act_mention *m, size_t nm) {
    static const char *const and_w[] = {"and", NULL};
    static const char *const at[] = {"at", NULL};
    uint16_t place = 0;
    for (size_t k = 0; k < nm; k++) /* "in X" before "at X" ("attacks at US and Iraqi outposts across Iraq") */
        if (m[k].loc == 1 && m[k].country && (!place || !(m[k].ts > 0 && word_in(lex, &toks[m[k].ts - 1], at))))
            place = m[k].country;
    /* "militants fired rockets at Israel from the Gaza Strip", "gunmen
     * who crossed from Pakistan": the attackers' own place is where they
     * fired or came from, not where they struck */
    static const char *const from[] = {"from", NULL};
    uint16_t origin = 0;
    uint32_t origin_at = 0;
    for (size_t k = 0; k < nm && !origin; k++) {
        uint32_t b = m[k].ts; /* ("from southern Lebanon") */
        while (b > 0 && (lex_cls(lex, &toks[b - 1]) & (W_DET | W_REGION))) b--;
        if (!m[k].country || b == 0 || !word_in(lex, &toks[b - 1], from)) continue;
        for (uint32_t q = b - 1; q-- > 0 && q + 12 > b;) {
            if (toks[q].kind == TXT_PUNCT && toks[q].punct != '-') break;
            if (act_fires_from(lex, &toks[q])) {
                origin = m[k].country;
                origin_at = b;
                break;
            }
        }
    }
    int32_t to[256];
    size_t w = 0;
    for (size_t k = 0; k < nm; k++) {
        to[k] = -1;
        /* "(AFP)", "(Reuters)": a credit in parentheses is no actor */
        if (m[k].ts > 0 && m[k].te < te && toks[m[k].ts - 1].kind == TXT_PUNCT && toks[m[k].ts - 1].punct == '(' &&
            toks[m[k].te].kind == TXT_PUNCT && toks[m[k].te].punct == ')' && strlen(m[k].code) >= 6 &&
            !strcmp(m[k].code + strlen(m[k].code) - 3, "MED"))
            continue;
        if (m[k].ethnic && place && place != m[k].country) /* "ethnic Albanians in southern Serbia" */
            set_country_code(lex, &m[k], place, NULL);
        if (m[k].bare) {
            /* "U.N. helicopters", "Taliban fighters": the actor before it is
             * the one that acts */
            int head = 0;
            for (size_t q = 0; q < nm; q++)
                if (q != k && !m[q].bare && m[q].te == m[k].ts) head = 1;
            if (head) continue;
            /* "militants from Gaza": their own place right after them */
            uint16_t own = origin && m[k].te < origin_at ? origin : place;
            /* "Israeli tanks and troops": the adjective of the agent before
             * "and" holds for this one too */
            if (m[k].ts > 1 && word_in(lex, &toks[m[k].ts - 1], and_w))
                for (size_t q = k; q-- > 0;)
                    if (m[q].te == m[k].ts - 1) {
                        if (m[q].kind == AK_AGENT && m[q].country && !m[q].bare) own = m[q].country;
                        break;
                    }
            /* "Poland will cut the number of its troops in Iraq": "its"
             * is the state named before, not the place */
            if (m[k].ts > 0 && (lex_cls(lex, &toks[m[k].ts - 1]) & W_POSSPRON) &&
                !(lex_cls(lex, &toks[m[k].ts - 1]) & W_PRON_POSS))
                for (size_t q = k; q-- > 0;)
                    if (m[q].country && !m[q].loc && !m[q].bare && m[q].kind != AK_PERSON) {
                        own = m[q].country;
                        break;
                    }
            if (m[k].te + 1 < te && word_in(lex, &toks[m[k].te], from))
                for (size_t q = 0; q < nm; q++) {
                    uint32_t b = m[q].ts;
                    while (b > m[k].te + 1 && (lex_cls(lex, &toks[b - 1]) & W_DET)) b--;
                    if (b == m[k].te + 1 && m[q].country && !m[q].bare) own = m[q].country;
                }
            if (own) {
                char role[8];
                snprintf(role, sizeof role, "%s", m[k].code);
                set_country_code(lex, &m[k], own, role);
            }
        }
        to[k] = (int32_t)w;
        m[w++] = m[k];
    }
    for (size_t k = 0; k < w; k++) /* group ids are mention indexes */
        if (m[k].group >= 0) m[k].group = to[m[k].group];
    return w;
}

size_t act_find(const annals_lexicon *lex, const char *text, const txt_token *toks, uint32_t ts, uint32_t te,
                const lex_wordset *present, int32_t date, act_memory *mem, act_mention *out, size_t cap) {
    piece pcs[256];
    mem->sent_remembered = 0;
    size_t np = find_pieces(lex, toks, ts, te, present, mem, pcs, 256);
    size_t nm = 0;
    for (size_t j = 0; j < np && nm + 4 < cap; j++) {
        piece *p = &pcs[j];
        act_mention m;
        memset(&m, 0, sizeof m);
        m.ts = p->ts;
        m.te = p->te;
        m.person = -1;
        m.group = -1;
        int former = former_before(lex, toks, ts, p->ts);
        piece *nx = j + 1 < np ? &pcs[j + 1] : NULL;
        uint32_t after = p->te;
        int poss = after < te && lex_tok_is(&toks[after], lex->w_s);
        if (is_country_piece(p) && p->kind == PH_CAPITAL) {
            /* a capital is a place after "in", or part of a name before a
             * capitalised word ("Beijing Olympics", "Moscow Center") */
            static const char *const city[] = {"capital", "city", NULL};
            int loc = (p->ts > ts && (lex_cls(lex, &toks[p->ts - 1]) & W_LOCPREP)) || in_place(lex, toks, ts, p->ts) ||
                      /* ("in the Bangladesh capital, Dhaka": a place in apposition) */
                      (p->ts >= ts + 2 && toks[p->ts - 1].kind == TXT_PUNCT && toks[p->ts - 1].punct == ',' &&
                       word_in(lex, &toks[p->ts - 2], city));
            int name = after < te && toks[after].kind == TXT_WORD && (toks[after].flags & TXT_CAP) &&
                       !(nx && nx->ts == after);
            if (loc || name) {
                /* kept as a place, a target only for events that happen
                 * somewhere ("talks in Moscow", "the Beijing Olympics") */
                m.kind = AK_STATE;
                m.loc = 1;
                set_country_code(lex, &m, (uint16_t)p->data, NULL);
                out[nm++] = m;
                continue;
            }
        }
        if (is_country_piece(p)) {
            uint16_t c = (uint16_t)p->data;
            /* country + agent: "Russian troops", "China's foreign ministry",
             * "US Secretary of State Antony Blinken" */
            uint32_t k = after + (poss ? 1 : 0);
            if (k < te && nx && nx->kind == PH_AGENT && nx->ts <= k + 1 && nx->ts >= k) {
                if (nx->ts == k + 1) {
                    const txt_token *g = &toks[k];
                    uint32_t gc = lex_cls(lex, g);
                    if (g->kind != TXT_WORD || (gc & (W_PREP | W_COORD | W_DET | W_SUBORD | W_AUX)) ||
                        (gc & W_BE) || inflected_trigger(lex, g))
                        goto plain;
                }
                const lex_agent *ag = &lex->agents[nx->data];
                m.te = nx->te;
                m.kind = AK_AGENT;
                set_country_code(lex, &m, c, former ? "ELI" : ag->role);
                piece *pp = j + 2 < np ? &pcs[j + 2] : NULL;
                if (pp && pp->ts == nx->te && (pp->kind == PH_PERSON || pp->kind == PH_PERSON_SHORT ||
                                                pp->kind == PH_PERSON_LATE)) {
                    act_mention pm = m;
                    person_mention(lex, &pm, pp->data, date, former);
                    if (pm.kind) {
                        pm.ts = m.ts;
                        pm.te = pp->te;
                        m = pm;
                    }
                    j += 2;
                } else if (lex_tok_is(&toks[nx->te - 1], lex->w_counterpart)) {
                    /* "his Chinese counterpart": the last person of that country */
                    for (size_t q = 0; q < mem->npersons; q++)
                        if (mem->person_country[q] == c) {
                            snprintf(m.code, sizeof m.code, "%s", mem->person_code[q]);
                            m.person = mem->persons[q];
                            m.backref = 1;
                            break;
                        }
                    j += 1;
                } else {
                    /* an unknown name after the title: include it */
                    uint32_t e = m.te;
                    if (ag->single)
                        while (e < te && !(j + 2 < np && pcs[j + 2].ts == e)) {
                            const txt_token *w = &toks[e];
                            if (w->kind == TXT_WORD && (w->flags & TXT_CAP) && !lex_cls(lex, w)) {
                                e++;
                            } else if (e > m.te && w->kind == TXT_PUNCT && w->punct == '-' && e + 1 < te &&
                                       !(w->flags & TXT_SPACE) && !(toks[e + 1].flags & TXT_SPACE) &&
                                       (toks[e + 1].flags & TXT_CAP)) {
                                e++; /* "Zia-Ul-Haq" */
                            } else {
                                break;
                            }
                        }
                    if (ag->single) m.person = -2; /* one official, named or not: "she" may follow */
                    m.te = e;
                    j += 1;
                }
                m.poss = m.te < te && lex_tok_is(&toks[m.te], lex->w_s);
                out[nm++] = m;
                continue;
            }
        plain:
            if (p->kind == PH_DEMONYM) {
                const txt_token *t = &toks[p->te - 1];
                int plural = t->lemma != t->word;
                m.kind = plural ? AK_STATE : AK_ADJ;
                m.people = (uint8_t)plural;
                set_country_code(lex, &m, c, NULL);
                for (uint32_t e = p->ts > ts ? p->ts - 1 : p->ts; e <= p->ts && e < p->te; e++)
                    if (toks[e].end - toks[e].start == 6 && !strncmp(text + toks[e].start, "ethnic", 6)) m.ethnic = 1;
            } else if (p->kind == PH_CAPITAL) {
                m.kind = AK_STATE;
                m.capital = 1;
                set_country_code(lex, &m, c, "GOV");
                /* "the Madrid train bombings", "a warm Delhi welcome": a
                 * capital before a noun of a gathering, an attack or a
                 * venue, after a determiner or an adjective, is a place ("a
                 * Khartoum bid" is the government's) */
                static const char *const venue[] = {"talks", "summit", "conference", "meeting", "bombing",
                                                    "bombings", "attack", "attacks", "blast", "explosion",
                                                    "welcome", "rally", "protest", "protests", "march", "ceremony",
                                                    "train", "subway", "metro", "airport", "station", "streets",
                                                    "process", "accord", "agreement", "massacre", "siege", NULL};
                const txt_token *nt = p->te < te ? &toks[p->te] : NULL;
                const txt_token *pt = p->ts > ts ? &toks[p->ts - 1] : NULL;
                if (nt && nt->kind == TXT_WORD && !(nx && nx->ts == p->te) && !(nt->flags & TXT_CAP) &&
                    text_in(text, nt, venue) && pt && pt->kind == TXT_WORD &&
                    ((lex_cls(lex, pt) & W_DET) || (!lex_cls(lex, pt) && !lex_verb_form(lex, pt) &&
                                                    !(pt->flags & TXT_CAP) && !is_event_word(lex, pt))))
                    m.loc = 2; /* (a modifier: it places no agent, see settle_bare) */
            } else {
                m.kind = AK_STATE;
                set_country_code(lex, &m, c, NULL);
                m.loc = (uint8_t)in_place(lex, toks, ts, p->ts);
            }
            m.poss = (uint8_t)poss;
            out[nm++] = m;
            continue;
        }
        switch (p->kind) {
        case PH_AGENT: {
            const lex_agent *ag = &lex->agents[p->data];
            /* "President of Russia", "troops of Russia", "rebels in the
             * Ivory Coast", "dissidents from Myanmar" */
            /* ("military-ruled Myanmar": past the piece in the modifier) */
            /* ("its troops in Iraq": the possessor's, in a place) */
            int owned = p->ts > ts && (lex_cls(lex, &toks[p->ts - 1]) & W_POSSPRON) &&
                        !(lex_cls(lex, &toks[p->ts - 1]) & W_PRON_POSS) && after < te && agent_place_prep(lex, &toks[after]);
            if (owned) nx = NULL;
            if (nx && !agent_of_state(lex, text, toks, after, te, nx) && j + 2 < np && nx->te <= pcs[j + 2].ts &&
                agent_of_state(lex, text, toks, after, te, &pcs[j + 2])) {
                j++; /* the modifier's piece is no mention */
                nx = &pcs[j + 1];
            }
            if (nx && agent_of_state(lex, text, toks, after, te, nx)) {
                m.kind = AK_AGENT;
                m.te = nx->te;
                set_country_code(lex, &m, (uint16_t)nx->data, former ? "ELI" : ag->role);
                piece *pp = j + 2 < np ? &pcs[j + 2] : NULL;
                uint32_t pe = nx->te;
                if (pe < te && toks[pe].kind == TXT_PUNCT && toks[pe].punct == ',') pe++;
                if (pp && pp->ts == pe && (pp->kind == PH_PERSON || pp->kind == PH_PERSON_SHORT)) {
                    act_mention pm = m;
                    person_mention(lex, &pm, pp->data, date, former);
                    if (pm.kind) {
                        pm.ts = m.ts;
                        pm.te = pp->te;
                        m = pm;
                    }
                    j++;
                }
                j++;
                m.poss = m.te < te && lex_tok_is(&toks[m.te], lex->w_s);
                out[nm++] = m;
                continue;
            }
            /* title + person: "President Putin", "Foreign Minister Wang Yi" */
            if (nx && nx->ts == after &&
                (nx->kind == PH_PERSON || nx->kind == PH_PERSON_SHORT || nx->kind == PH_PERSON_LATE)) {
                person_mention(lex, &m, nx->data, date, former);
                if (!m.kind) continue;
                m.te = nx->te;
                m.poss = m.te < te && lex_tok_is(&toks[m.te], lex->w_s);
                out[nm++] = m;
                j++;
                continue;
            }
            /* a group agent with no state ("rebels", "the police"): kept
             * for now, its state is decided below; a lone title ("the
             * president") or an unnamed government is no actor */
            if (!ag->single && bare_role(ag->role) && !former) {
                m.kind = AK_AGENT;
                m.bare = 1;
                snprintf(m.code, sizeof m.code, "%s", ag->role);
                m.poss = m.te < te && lex_tok_is(&toks[m.te], lex->w_s);
                out[nm++] = m;
            }
            continue;
        }
        case PH_PERSON:
        case PH_PERSON_SHORT:
        case PH_PERSON_LATE:
            person_mention(lex, &m, p->data, date, former);
            if (!m.kind) continue;
            if (p->kind == PH_PERSON && mem->seen_person && p->data < mem->seen_cap) mem->seen_person[p->data] = 1;
            m.poss = (uint8_t)poss;
            out[nm++] = m;
            continue;
        case PH_SEAT:
        case PH_ORG: {
            const char *code = lex->codes_str[p->data];
            snprintf(m.code, sizeof m.code, "%s", code);
            m.kind = p->kind == PH_SEAT ? AK_STATE : AK_ORG;
            m.country = lex->codes_country[p->data];
            m.poss = (uint8_t)poss;
            out[nm++] = m;
            continue;
        }
        case PH_BACKREF: {
            act_remember(lex, mem, out, nm);
            mem->sent_remembered = nm;
            int32_t g = (int32_t)nm;
            if (p->data == BR_PERSONS) {
                size_t idx[ACT_MEM];
                size_t nq = top_persons(mem, p->count, idx);
                for (size_t r = 0; r < nq && nm < cap; r++) {
                    size_t q = idx[r];
                    act_mention b = m;
                    b.kind = AK_PERSON;
                    b.person = mem->persons[q];
                    b.backref = 1;
                    b.group = g;
                    snprintf(b.code, sizeof b.code, "%s", mem->person_code[q]);
                    b.country = mem->person_country[q];
                    out[nm++] = b;
                }
            } else if (p->data == BR_STATES) {
                uint16_t st[ACT_MEM];
                size_t nq = top_states(mem, p->count, st);
                for (size_t r = 0; r < nq && nm < cap; r++) {
                    act_mention b = m;
                    b.kind = AK_STATE;
                    b.backref = 1;
                    b.group = g;
                    set_country_code(lex, &b, st[r], NULL);
                    out[nm++] = b;
                }
            }
            continue;
        }
        case PK_PRONOUN: {
            if (p->cls & (W_PRON_IT | W_PRON_PL)) {
                /* "X said (that) it would ...": the nearest state or
                 * organisation before it in this sentence; any other "it"
                 * may be expletive ("it is likely") and is left alone.
                 * "Iraqi officials said they had arrested ...", "the US
                 * claimed they had attacked": "they" is the speaker too,
                 * unless the speaker is a group of several (below) */
                uint32_t b = p->ts;
                size_t n0 = nm;
                if (b > ts && lex_tok_is(&toks[b - 1], lex->w_that)) b--;
                /* "Israel said a mortar was fired at it": "it" after a
                 * preposition in the clause a state reports is the state */
                if ((p->cls & W_PRON_IT) && b > ts && (lex_cls(lex, &toks[b - 1]) & W_PREP) &&
                    !lex_tok_is(&toks[b - 1], lex->w_of)) {
                    uint32_t r = b - 1;
                    while (r > ts && b - r < 12 && !(lex_cls(lex, &toks[r - 1]) & W_REPORT) &&
                           !(toks[r - 1].kind == TXT_PUNCT && toks[r - 1].punct != '-'))
                        r--;
                    if (r > ts && b - r < 12 && (lex_cls(lex, &toks[r - 1]) & W_REPORT)) b = r;
                }
                if (b > ts && (lex_cls(lex, &toks[b - 1]) & W_REPORT)) {
                    b--; /* the reporting verb; its subject must end right before it */
                    while (b > ts && (lex_cls(lex, &toks[b - 1]) & (W_ADV | W_AUX))) b--;
                    /* ("kidnappers of seven employees of a Kuwaiti company
                     * said they": the head before the of-phrases speaks) */
                    for (size_t q = nm; q-- > 0;) {
                        const act_mention *a = &out[q];
                        if (a->te != b) continue;
                        uint32_t o = a->ts;
                        while (o > ts && (lex_cls(lex, &toks[o - 1]) & W_DET)) o--;
                        if (o > ts + 1 && lex_tok_is(&toks[o - 1], lex->w_of)) {
                            uint32_t h = o - 1; /* the end of the phrase before "of" */
                            while (h > ts && o - h < 5 &&
                                   (toks[h - 1].kind == TXT_NUM || (toks[h - 1].kind == TXT_WORD && !lex_cls(lex, &toks[h - 1]))))
                                h--;
                            for (size_t r = 0; r < nm; r++)
                                if (out[r].te == h || out[r].te == o - 1) {
                                    b = out[r].te;
                                    q = nm; /* look again, for the head */
                                    break;
                                }
                            if (q == nm) continue;
                        }
                        if (a->loc || a->reporter || a->kind == AK_PERSON || a->kind == AK_ADJ || a->person != -1 ||
                            a->group >= 0 || lex_tok_is(&toks[p->ts], lex->w_both))
                            break;
                        m = *a;
                        m.ts = p->ts;
                        m.te = p->te;
                        m.backref = 1;
                        m.group = -1;
                        m.poss = 0;
                        out[nm++] = m;
                        break;
                    }
                }
                if ((p->cls & W_PRON_IT) || nm > n0) continue;
            }
            act_remember(lex, mem, out, nm);
            mem->sent_remembered = nm;
            if (p->cls & (W_PRON_SG | W_PRON_POSS)) {
                if (!mem->npersons) continue;
                if (lex_tok_is(&toks[p->ts], lex->w_both)) continue;
                m.kind = AK_PERSON;
                m.person = mem->persons[0];
                m.backref = 1;
                snprintf(m.code, sizeof m.code, "%s", mem->person_code[0]);
                m.country = mem->person_country[0];
                m.poss = (p->cls & W_PRON_POSS) ? 1 : 0;
                out[nm++] = m;
            } else if (p->cls & W_PRON_PL) {
                if (lex_tok_is(&toks[p->ts], lex->w_both)) continue;
                int32_t g = (int32_t)nm;
                if (mem->nlast_group >= 2) {
                    for (size_t q = 0; q < mem->nlast_group && nm < cap; q++) {
                        act_mention b = m;
                        b.kind = AK_STATE;
                        b.backref = 1;
                        b.group = g;
                        snprintf(b.code, sizeof b.code, "%s", mem->last_group[q]);
                        b.country = mem->last_group_country[q];
                        out[nm++] = b;
                    }
                }
            }
            continue;
        }
        default:
            continue;
        }
    }
    nm = drop_makers(text, toks, te, out, nm);
    nm = settle_bare(lex, toks, te, out, nm);
    /* "Hungarian and Romanian officials": the adjectives share the agent */
    for (size_t k = nm; k-- > 1;) {
        act_mention *b = &out[k];
        if (b->kind != AK_AGENT || strlen(b->code) <= 3) continue;
        size_t q = k;
        while (q > 0) {
            act_mention *a = &out[q - 1];
            if (a->kind != AK_ADJ || a->te >= out[q].ts) break;
            int joined = 1;
            for (uint32_t t = a->te; t < out[q].ts; t++) {
                const txt_token *x = &toks[t];
                if (!((x->kind == TXT_PUNCT && x->punct == ',') || (lex_cls(lex, x) & W_COORD))) joined = 0;
            }
            if (!joined) break;
            a->kind = AK_AGENT;
            snprintf(a->code + 3, sizeof a->code - 3, "%s", b->code + 3);
            q--;
        }
    }
    /* "supporters of ousted President Aristide", "Milosevic's lawyers": the
     * people around a person act, not the person; they keep the state */
    for (size_t k = 0; k < nm; k++) {
        static const char *const around[] = {"supporters", "supporter", "followers", "follower", "loyalists",
                                             "relatives", "family", "families", "wife", "husband", "son", "sons",
                                             "daughter", "daughters", "brother", "sister", "widow", "lawyer",
                                             "lawyers", "attorney", "attorneys", "fans", "admirers", NULL};
        act_mention *a = &out[k];
        if (a->kind != AK_PERSON || !a->country || a->backref) continue;
        uint32_t b = a->ts;
        for (int n = 0; n < 3 && b > ts && toks[b - 1].kind == TXT_WORD && !(toks[b - 1].flags & TXT_CAP) &&
                        !(lex_cls(lex, &toks[b - 1]) & ~(W_DET | W_FORMER));
             n++)
            b--; /* "of the ousted", "of former" */
        if (b >= ts + 2 && lex_tok_is(&toks[b - 1], lex->w_of) && text_in(text, &toks[b - 2], around)) {
            a->ts = b - 2; /* the mention names them: "Supporters of ... Aristide" */
        } else if (a->poss && a->te + 1 < te && text_in(text, &toks[a->te + 1], around)) {
            a->te += 2; /* "Milosevic's lawyers" */
            a->poss = 0;
        } else {
            continue;
        }
        a->kind = AK_STATE;
        a->people = 1;
        a->person = -1;
        a->code[3] = 0;
    }
    /* reporters: "according to X", and a closing attribution ("..., a
     * Jordanian official confirmed.", "..., Benin police said Friday.") */
    for (size_t k = 0; k < nm; k++) {
        uint32_t s = out[k].ts;
        if (s >= ts + 2 && lex_tok_is(&toks[s - 1], lex->w_to) && lex_tok_is(&toks[s - 2], lex->w_according))
            out[k].reporter = 1;
        uint32_t v = out[k].te; /* "Thai military sources said" */
        if (v + 1 < te && toks[v].kind == TXT_WORD && !(toks[v].flags & TXT_CAP) && !lex_cls(lex, &toks[v]) &&
            (lex_cls(lex, &toks[v + 1]) & W_REPORT))
            v++;
        if (v < te && (lex_cls(lex, &toks[v]) & W_REPORT) && closing_clause(lex, toks, v + 1, te)) {
            uint32_t b = s;
            while (b > ts && b + 3 > s && toks[b - 1].kind == TXT_WORD && !(lex_cls(lex, &toks[b - 1]) & W_PREP)) b--;
            if (b > ts && toks[b - 1].kind == TXT_PUNCT && (toks[b - 1].punct == ',' || toks[b - 1].punct == '"'))
                out[k].reporter = 1;
        }
    }
    /* a longer closing attribution: "..., US Deputy Secretary of Energy
     * Jeffrey Kupfer said here Wednesday.", "..., a UN official said on
     * Monday.": between the last comma and a final reporting verb, only
     * names, titles and "of" */
    for (uint32_t v = te; v > ts + 2; v--) {
        const txt_token *rv = &toks[v - 1];
        if (!(lex_cls(lex, rv) & W_REPORT)) continue;
        if (!closing_clause(lex, toks, v, te)) break;
        uint32_t c = v - 1;
        while (c > ts && c + 12 > v &&
               (toks[c - 1].kind == TXT_WORD ||
                (toks[c - 1].kind == TXT_PUNCT && (toks[c - 1].punct == '.' || toks[c - 1].punct == '-' ||
                                                   toks[c - 1].punct == '(' || toks[c - 1].punct == ')'))) &&
               !(lex_cls(lex, &toks[c - 1]) & (W_REPORT | W_SUBORD | W_BE | W_AUX)))
            c--;
        if (c > ts + 2 && toks[c - 1].kind == TXT_PUNCT && (toks[c - 1].punct == ',' || toks[c - 1].punct == '"'))
            for (size_t k = 0; k < nm; k++)
                if (out[k].ts >= c && out[k].te < v) out[k].reporter = 1;
        break;
    }
    /* compounds: mentions separated only by commas and "and" */
    for (size_t k = 0; k + 1 < nm; k++) {
        act_mention *a = &out[k], *b = &out[k + 1];
        if (a->kind == AK_ADJ || b->kind == AK_ADJ) {
            if (!(a->kind == AK_ADJ && b->kind == AK_ADJ)) continue;
        }
        if (b->ts < a->te) { /* a back-reference group: already grouped */
            continue;
        }
        int ok = b->ts > a->te, coord = 0;
        for (uint32_t t = a->te; t < b->ts && ok; t++) {
            const txt_token *x = &toks[t];
            if (x->kind == TXT_PUNCT && x->punct == ',') continue;
            if (lex_cls(lex, x) & W_COORD) {
                coord = 1;
                continue;
            }
            if (lex_cls(lex, x) & W_DET) continue;
            ok = 0;
        }
        if (!ok || (!coord && b->ts - a->te > 1)) continue;
        if (!coord) {
            /* "A, B and C": a comma alone joins only if a later "and" follows */
            int later = 0;
            size_t q = k + 1;
            for (; q + 1 < nm && !later; q++) {
                for (uint32_t t = out[q].te; t < out[q + 1].ts; t++)
                    if (lex_cls(lex, &toks[t]) & W_COORD) later = 1;
                if (out[q + 1].ts - out[q].te > 3) break;
            }
            /* "A, B, C and others" */
            for (size_t r = k + 1; r < nm && !later; r++) {
                uint32_t t = out[r].te;
                if (t + 1 < te && (lex_cls(lex, &toks[t]) & W_COORD) && toks[t + 1].end - toks[t + 1].start >= 5 &&
                    !strncmp(text + toks[t + 1].start, "other", 5))
                    later = 1;
                if (r + 1 < nm && out[r + 1].ts - out[r].te > 2) break;
            }
            /* ("India, Myanmar sign three accords": a headline's pair at the
             * sentence's start, a verb right after it) */
            if (!later && a->ts == ts && b->ts == a->te + 1 && !a->poss && !b->poss && b->te < te &&
                toks[b->te].kind == TXT_WORD && (is_event_word(lex, &toks[b->te]) || (lex_cls(lex, &toks[b->te]) & W_REPORT)) &&
                a->kind != AK_ADJ &&
                (k + 2 >= nm || out[k + 2].ts > b->te))
                later = 1;
            if (!later) continue;
        }
        int32_t g = a->group >= 0 ? a->group : (int32_t)k;
        a->group = g;
        b->group = g;
    }
    return nm;
}
